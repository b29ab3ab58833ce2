//! Evidence: the sources the catalog's facts cite, what each said about one thing in one
//! region, and how an answer is decided from them.
//!
//! Precedence, highest first: the user's own files, Resource Manager, product
//! documentation, price pages, assumptions; within a kind, the source's strength. The
//! deciding statement is the strongest one that says offered or not offered; statements
//! of equal standing that disagree leave the answer Unknown. Nothing is dropped: every
//! statement that spoke stays in the [`Answer`], which says whether any disagreed.

use std::cmp::Reverse;
use std::sync::Arc;

use serde::Serialize;

use super::Offer;

/// What kind of source a fact rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// The user's own `az provider list` or `az vm list-skus` output.
    UserFile,
    /// A Resource Manager provider list or error message.
    ResourceManager,
    /// Product documentation (docs.azure.cn, learn.microsoft.com, product-team text).
    Documentation,
    /// Microsoft's retirement list and notices.
    RetirementNotice,
    /// An azure.cn price page or the price calculator, as captured.
    PricePage,
    /// No source: an assumption, shown as such.
    Assumption,
}

impl SourceKind {
    /// The rank used for precedence: higher wins.
    fn rank(self) -> u8 {
        match self {
            SourceKind::UserFile => 5,
            SourceKind::ResourceManager => 4,
            SourceKind::Documentation | SourceKind::RetirementNotice => 3,
            SourceKind::PricePage => 2,
            SourceKind::Assumption => 1,
        }
    }

    /// How the kind reads in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::UserFile => "your file",
            SourceKind::ResourceManager => "Resource Manager",
            SourceKind::Documentation => "documentation",
            SourceKind::RetirementNotice => "retirement notice",
            SourceKind::PricePage => "price page",
            SourceKind::Assumption => "assumption",
        }
    }

    pub(crate) fn from_data_name(name: &str) -> Option<SourceKind> {
        Some(match name {
            "user-file" => SourceKind::UserFile,
            "resource-manager" => SourceKind::ResourceManager,
            "documentation" => SourceKind::Documentation,
            "retirement-notice" => SourceKind::RetirementNotice,
            "price-page" => SourceKind::PricePage,
            "assumption" => SourceKind::Assumption,
            _ => return None,
        })
    }
}

/// How much weight a source has among sources of its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    /// A region or availability table of the service itself (or the user's own file).
    Primary,
    /// A table about something else that implies presence.
    Indirect,
    /// A stated availability policy.
    Policy,
    /// Product-team text in an issue or pull request.
    Secondary,
    /// The service is on no page of a complete set.
    Absence,
    /// No source: the fact is assumed.
    Assumption,
    /// Older than 2023: shown, never decides.
    Historical,
}

impl Strength {
    /// The rank within a kind; `None` never decides.
    fn rank(self) -> Option<u8> {
        match self {
            Strength::Primary => Some(4),
            Strength::Indirect => Some(3),
            Strength::Policy | Strength::Secondary => Some(2),
            Strength::Absence | Strength::Assumption => Some(1),
            Strength::Historical => None,
        }
    }

    pub(crate) fn from_data_name(name: &str) -> Option<Strength> {
        Some(match name {
            "primary" => Strength::Primary,
            "indirect" => Strength::Indirect,
            "policy" => Strength::Policy,
            "secondary" => Strength::Secondary,
            "absence" => Strength::Absence,
            "assumption" => Strength::Assumption,
            "historical" => Strength::Historical,
            _ => return None,
        })
    }
}

/// What a source's date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateIs {
    /// The source's own date.
    Published,
    /// The date the copy the catalog read was taken.
    Captured,
    /// An undated copy: the date it was read.
    Retrieved,
}

/// One source a fact rests on: what kind it is, where to check it, and its date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The id in `data/catalog/sources.json`, or the user's file names.
    pub id: String,
    pub kind: SourceKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The user's file (names joined with ", " when several).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// `YYYY-MM-DD`; `None` only for the user's files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_is: Option<DateIs>,
    pub strength: Strength,
    /// What the source is, in a sentence.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Source {
    /// A user's file (or files) as a source.
    pub fn user_file(file: String) -> Source {
        Source {
            id: file.clone(),
            kind: SourceKind::UserFile,
            url: None,
            file: Some(file),
            date: None,
            date_is: None,
            strength: Strength::Primary,
            note: String::new(),
        }
    }

    /// Where to check the source: its URL, or the user's file name.
    pub fn reference(&self) -> &str {
        self.url.as_deref().or(self.file.as_deref()).unwrap_or(&self.id)
    }

    /// One phrase: kind, where, date (`price page https://…, captured 2026-07-26`).
    pub fn describe(&self) -> String {
        let mut text = if self.strength == Strength::Absence {
            format!("its absence from every {} at {}", self.kind.label(), self.reference())
        } else {
            format!("{} {}", self.kind.label(), self.reference())
        };
        if let Some(date) = &self.date {
            let what = match self.date_is {
                Some(DateIs::Captured) => "captured",
                Some(DateIs::Retrieved) => "read",
                _ => "dated",
            };
            text.push_str(&format!(", {what} {date}"));
        }
        text
    }
}

/// What a source says about one thing in one region.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Says {
    Offered,
    NotOffered,
    /// The source lists regions (or SKUs) and leaves this one out: shown, never decides.
    Unlisted,
    /// The source says the service is sold in the region's cloud without naming regions:
    /// shown, never decides for a region.
    InCloud,
    /// The thing is retired.
    Retired,
    /// The thing retires on a later date.
    Retiring,
    /// The region is restricted (access by request, or a retirement announced).
    Restricted,
}

impl Says {
    pub fn label(self) -> &'static str {
        match self {
            Says::Offered => "offered",
            Says::NotOffered => "not offered",
            Says::Unlisted => "not listed",
            Says::InCloud => "sold in the cloud, regions not named",
            Says::Retired => "retired",
            Says::Retiring => "retiring",
            Says::Restricted => "restricted",
        }
    }

    fn decides(self) -> Option<Offer> {
        match self {
            Says::Offered | Says::Retiring | Says::Restricted => Some(Offer::Offered),
            Says::NotOffered | Says::Retired => Some(Offer::NotOffered),
            Says::Unlisted | Says::InCloud => None,
        }
    }

    /// Does saying this contradict the answer?
    fn contradicts(self, offer: Offer) -> bool {
        match offer {
            Offer::Offered => matches!(self, Says::NotOffered | Says::Unlisted | Says::Retired),
            Offer::NotOffered => matches!(self, Says::Offered | Says::Retiring),
            Offer::Unknown => false,
        }
    }
}

/// One source's statement about one thing in one region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    #[serde(flatten)]
    pub source: Arc<Source>,
    pub says: Says,
    /// What the source says in particular, when the data records it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Arc<str>>,
}

impl Statement {
    pub fn new(source: Arc<Source>, says: Says, detail: Option<Arc<str>>) -> Statement {
        Statement { source, says, detail }
    }

    /// The precedence key: kind, then strength, then date (newest first).
    fn key(&self) -> (Reverse<u8>, Reverse<u8>, Reverse<Option<String>>) {
        let strength = self.source.strength.rank().unwrap_or(0);
        (Reverse(self.source.kind.rank()), Reverse(strength), Reverse(self.source.date.clone()))
    }

    fn decisive(&self) -> Option<Offer> {
        self.source.strength.rank()?;
        self.says.decides()
    }
}

/// The catalog's answer about one thing in one region, with every source that spoke.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub offer: Offer,
    /// Every statement, strongest first.
    pub statements: Vec<Statement>,
    /// The index of the deciding statement in `statements`; `None` when Unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<usize>,
    /// Some statement disagrees with the answer (or, for Unknown, statements of equal
    /// standing disagree with each other).
    pub conflict: bool,
    /// How the answer was reached when not from its own statements alone (`as part of
    /// Azure Virtual Network`), or why there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Answer {
    /// Decides from the statements by precedence (see the module documentation).
    pub fn decide(mut statements: Vec<Statement>) -> Answer {
        statements.sort_unstable_by_key(Statement::key);
        let first = statements.iter().position(|s| s.decisive().is_some());
        let Some(first) = first else {
            return Answer { offer: Offer::Unknown, statements, decided_by: None, conflict: false, note: None };
        };
        let top = (statements[first].source.kind.rank(), statements[first].source.strength.rank());
        let offer = statements[first].decisive().unwrap_or(Offer::Unknown);
        let tie = statements.iter().any(|s| {
            (s.source.kind.rank(), s.source.strength.rank()) == top && s.decisive().is_some_and(|o| o != offer)
        });
        if tie {
            return Answer { offer: Offer::Unknown, statements, decided_by: None, conflict: true, note: None };
        }
        let conflict =
            statements.iter().any(|s| s.source.strength != Strength::Historical && s.says.contradicts(offer));
        Answer { offer, statements, decided_by: Some(first), conflict, note: None }
    }

    /// No source at all.
    pub fn unknown() -> Answer {
        Answer { offer: Offer::Unknown, statements: Vec::new(), decided_by: None, conflict: false, note: None }
    }

    /// The same answer with a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Answer {
        self.note = Some(note.into());
        self
    }

    /// The deciding statement.
    pub fn deciding(&self) -> Option<&Statement> {
        self.statements.get(self.decided_by?)
    }

    /// One line saying what decided and whether others disagree, for messages.
    pub fn summary(&self) -> String {
        let mut text = match self.deciding() {
            Some(statement) => format!("per {}", statement.source.describe()),
            None if self.statements.is_empty() => "no source covers it".to_string(),
            None if self.conflict => "sources of equal standing disagree".to_string(),
            None => "no source decides it".to_string(),
        };
        if self.conflict && self.decided_by.is_some() {
            let others = self
                .statements
                .iter()
                .filter(|s| s.source.strength != Strength::Historical && s.says.contradicts(self.offer))
                .map(|s| s.source.kind.label())
                .collect::<Vec<_>>();
            if !others.is_empty() {
                text.push_str(&format!("; a {} disagrees", others[0]));
            }
        }
        text
    }
}
