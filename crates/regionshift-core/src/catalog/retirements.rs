//! The retirement table (`data/catalog/retirements.json`): retired and retiring services,
//! kinds, SKUs, sizes and settings, in every cloud, with their date and replacement.
//!
//! The table is matched against a resource through a reader the caller gives
//! ([`Retirement::matches`]), so the catalog needs nothing of the inventory's model. Values
//! compare ignoring ASCII case; in a pattern `*` matches any characters and `?` one.

use std::str::FromStr;
use std::sync::Arc;

use serde::Deserialize;

use super::evidence::{Answer, Says, Source, Statement};
use super::snapshot::Sources;
use crate::units::Date;

/// A row of the file.
#[derive(Deserialize, Debug)]
pub(super) struct RawRetirement {
    service: String,
    types: Vec<String>,
    #[serde(default)]
    when: std::collections::BTreeMap<String, Vec<String>>,
    date: String,
    #[serde(default)]
    replacement: Option<String>,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    effect: Option<String>,
    sources: Vec<String>,
}

/// One retirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retirement {
    /// What retires (`QnA Maker`, `Basic SKU public IP addresses`).
    pub service: String,
    /// Lowercased type patterns.
    types: Vec<String>,
    /// Field → lowercased value patterns; every field must match.
    when: Vec<(String, Vec<String>)>,
    pub date: Date,
    pub replacement: Option<String>,
    /// The rule that reports it once retired, when not the generic one.
    pub rule: Option<String>,
    /// Past its date the thing still works with paid extended support: a condition,
    /// never a blocker.
    pub condition_only: bool,
    pub sources: Vec<Arc<Source>>,
}

/// Whether a retirement applies to a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetirementMatch {
    No,
    /// It applies; the field and value that show it (`type` and the type when the whole
    /// type retires).
    Yes {
        field: String,
        value: String,
    },
    /// The values the resource has match so far, but the export lacks this field.
    CannotTell {
        field: String,
    },
}

impl Retirement {
    pub(super) fn new(raw: RawRetirement, sources: &Sources) -> Option<Retirement> {
        Some(Retirement {
            service: raw.service,
            types: raw.types.iter().map(|t| t.to_ascii_lowercase()).collect(),
            when: raw
                .when
                .into_iter()
                .map(|(field, values)| (field, values.iter().map(|v| v.to_ascii_lowercase()).collect()))
                .collect(),
            date: Date::from_str(&raw.date).ok()?,
            replacement: raw.replacement,
            rule: raw.rule,
            condition_only: raw.effect.as_deref() == Some("condition"),
            sources: raw.sources.iter().filter_map(|id| sources.get(id).cloned()).collect(),
        })
    }

    /// Does the retirement concern this (lowercased) type at all?
    pub fn concerns(&self, type_key: &str) -> bool {
        self.types.iter().any(|pattern| glob(pattern, type_key))
    }

    /// The fields the conditions read.
    pub fn fields(&self) -> impl Iterator<Item = &str> {
        self.when.iter().map(|(field, _)| field.as_str())
    }

    /// Matches the conditions through `read`, which gives a field's values: `None` when the
    /// export cannot tell (the block is missing), an empty list when the resource has no
    /// such value.
    pub fn matches(&self, read: &dyn Fn(&str) -> Option<Vec<String>>) -> RetirementMatch {
        let mut shown: Option<(String, String)> = None;
        let mut cannot_tell = None;
        for (field, patterns) in &self.when {
            match read(field) {
                None => {
                    cannot_tell.get_or_insert_with(|| field.clone());
                }
                Some(values) => {
                    let hit = values.iter().find(|value| {
                        let value = value.to_ascii_lowercase();
                        patterns.iter().any(|pattern| glob(pattern, &value))
                    });
                    match hit {
                        Some(value) => {
                            shown.get_or_insert_with(|| (field.clone(), value.clone()));
                        }
                        None => return RetirementMatch::No,
                    }
                }
            }
        }
        if let Some(field) = cannot_tell {
            return RetirementMatch::CannotTell { field };
        }
        let (field, value) = shown.unwrap_or_else(|| ("type".to_string(), String::new()));
        RetirementMatch::Yes { field, value }
    }

    /// Retired on `on` (its date is that day or earlier)?
    pub fn retired_on(&self, on: Date) -> bool {
        self.date <= on
    }

    /// The evidence: every source, saying retired (or retiring) on the date.
    pub fn answer(&self, on: Date) -> Answer {
        let says = if self.retired_on(on) { Says::Retired } else { Says::Retiring };
        let detail: Arc<str> = Arc::from(format!("{} {} on {}", self.service, says.label(), self.date));
        let statements =
            self.sources.iter().map(|source| Statement::new(source.clone(), says, Some(detail.clone()))).collect();
        Answer::decide(statements)
    }
}

/// Glob matching: `*` is any characters (also none), `?` one; both sides lowercased.
/// Works on bytes, without allocating: the names it compares are ASCII.
pub(super) fn glob(pattern: &str, text: &str) -> bool {
    let (pattern, text) = (pattern.as_bytes(), text.as_bytes());
    if !pattern.contains(&b'*') && !pattern.contains(&b'?') {
        return pattern == text;
    }
    // The classic two-pointer match with backtracking to the last `*`.
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == b'?' || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == b'*' {
            star = Some((p, t));
            p += 1;
        } else if let Some((star_p, star_t)) = star {
            p = star_p + 1;
            t = star_t + 1;
            star = Some((star_p, star_t + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}
