//! Decisions a migration team records on findings: per rule or per finding, open,
//! accepted, waived (with a reason) or needs work, with an owner and a note.
//!
//! Decisions are keyed by what survives analysing again: a rule's id (`RS001`), and for
//! one finding its rule and resource id (compared case-insensitively, as Azure does).
//! A finding's own decision wins over its rule's; a decision that is open with no owner
//! and no note is the same as none, so the finding follows its rule again.
//!
//! The stored form (`regionshift.decisions/1`) is JSON:
//! `{"schema", "rules": [{rule, status, owner, note}], "findings": [{rule, resource,
//! status, owner, note}]}`, sorted, so the same decisions write the same bytes.
//! [`Decisions::read`] takes it back entry by entry: an entry with an unknown status, no
//! rule or no resource is left out with a [`Diagnostic`] saying what was found and
//! what is accepted; it never panics.

// Stored text from a browser or a report reaches this module: no slicing or indexing
// that could panic, no unwrap or expect outside tests.
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use crate::assess::{Assessment, FindingSeverity};
use crate::diagnostics::Diagnostic;

/// The stored form's schema and version.
pub const SCHEMA: &str = "regionshift.decisions/1";

/// An owner longer than this is cut (in characters), with a diagnostic.
pub const MAX_OWNER_CHARS: usize = 200;

/// A note longer than this is cut (in characters), with a diagnostic.
pub const MAX_NOTE_CHARS: usize = 4000;

/// Past this many entries, the rest of a stored form is left out, with a diagnostic.
pub const MAX_ENTRIES: usize = 100_000;

/// What the team decided about a finding or a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not decided yet.
    #[default]
    Open,
    /// The finding is right and the team will act on it (or live with it as it is).
    Accepted,
    /// The finding does not apply or is accepted as a risk; the note says why.
    Waived,
    /// Someone has work to do before the resource can move.
    NeedsWork,
}

impl Status {
    /// Every status, in the order a select offers them.
    pub const ALL: [Status; 4] = [Status::Open, Status::Accepted, Status::Waived, Status::NeedsWork];

    /// The stable value: `open`, `accepted`, `waived`, `needs-work`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Accepted => "accepted",
            Status::Waived => "waived",
            Status::NeedsWork => "needs-work",
        }
    }

    /// For people: `open`, `accepted`, `waived`, `needs work`.
    pub fn label(self) -> &'static str {
        match self {
            Status::NeedsWork => "needs work",
            other => other.as_str(),
        }
    }

    /// Does the decision settle the finding (it no longer counts as open)?
    pub fn settles(self) -> bool {
        matches!(self, Status::Accepted | Status::Waived)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(text: &str) -> Result<Status, String> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Status::ALL.into_iter().find(|s| s.as_str() == wanted).ok_or_else(|| {
            format!("unknown decision \"{}\"; expected open, accepted, waived or needs-work", text.trim())
        })
    }
}

/// One decision: its status, who owns it and a note (for a waiver, the reason).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Decision {
    /// Open, with no owner and no note: the same as no decision.
    pub fn is_blank(&self) -> bool {
        self.status == Status::Open && self.owner.trim().is_empty() && self.note.trim().is_empty()
    }

    /// Waived without a reason: allowed, but the report and the app point it out.
    pub fn lacks_reason(&self) -> bool {
        self.status == Status::Waived && self.note.trim().is_empty()
    }
}

/// Which decision applies to a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The finding's own.
    Finding,
    /// Its rule's.
    Rule,
    /// None: the finding is open.
    None,
}

/// The key of one finding's decision: its rule and its resource's id, lowercased.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FindingKey {
    pub rule: String,
    /// The resource id, lowercased (Azure ids compare case-insensitively).
    pub resource: String,
}

impl FindingKey {
    pub fn new(rule: &str, resource_id: &str) -> FindingKey {
        FindingKey { rule: rule.trim().to_string(), resource: resource_id.trim().to_ascii_lowercase() }
    }
}

/// Every decision recorded for one inventory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    rules: BTreeMap<String, Decision>,
    findings: BTreeMap<FindingKey, Decision>,
}

/// How the findings stand once the decisions are applied (every finding of the
/// assessment counted once).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// Blockers not settled (open or needing work).
    pub blockers: usize,
    /// Warnings not settled.
    pub warnings: usize,
    /// Findings waived, of any severity.
    pub waived: usize,
    /// Of those, blockers.
    pub waived_blockers: usize,
    /// Findings accepted.
    pub accepted: usize,
    /// Findings marked as needing work.
    pub needs_work: usize,
    /// Findings with an owner.
    pub owned: usize,
}

impl fmt::Display for Tally {
    /// `12 blockers, 3 waived`, then accepted and needing work when there are any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize, one: &str, many: &str| if n == 1 { one.to_string() } else { many.to_string() };
        write!(f, "{} {}, {} waived", self.blockers, plural(self.blockers, "blocker", "blockers"), self.waived)?;
        if self.accepted > 0 {
            write!(f, ", {} accepted", self.accepted)?;
        }
        if self.needs_work > 0 {
            write!(f, ", {} need{} work", self.needs_work, if self.needs_work == 1 { "s" } else { "" })?;
        }
        Ok(())
    }
}

/// A rule's decision as stored.
#[derive(Serialize, Deserialize)]
struct RuleEntry {
    rule: String,
    #[serde(flatten)]
    decision: Decision,
}

/// A finding's decision as stored.
#[derive(Serialize, Deserialize)]
struct FindingEntry {
    rule: String,
    resource: String,
    #[serde(flatten)]
    decision: Decision,
}

#[derive(Serialize)]
struct Stored<'a> {
    schema: &'a str,
    rules: Vec<RuleEntry>,
    findings: Vec<FindingEntry>,
}

impl Decisions {
    pub fn new() -> Decisions {
        Decisions::default()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.findings.is_empty()
    }

    /// How many decisions are recorded (rules and findings).
    pub fn len(&self) -> usize {
        self.rules.len() + self.findings.len()
    }

    /// Records a rule's decision; a blank one removes it.
    pub fn set_rule(&mut self, rule: &str, decision: Decision) {
        let rule = rule.trim().to_string();
        if decision.is_blank() {
            self.rules.remove(&rule);
        } else {
            self.rules.insert(rule, decision);
        }
    }

    /// Records one finding's decision; a blank one removes it (the finding follows its
    /// rule again).
    pub fn set_finding(&mut self, rule: &str, resource_id: &str, decision: Decision) {
        let key = FindingKey::new(rule, resource_id);
        if decision.is_blank() {
            self.findings.remove(&key);
        } else {
            self.findings.insert(key, decision);
        }
    }

    /// A rule's own decision.
    pub fn rule(&self, rule: &str) -> Option<&Decision> {
        self.rules.get(rule)
    }

    /// A finding's own decision (not its rule's).
    pub fn finding(&self, rule: &str, resource_id: &str) -> Option<&Decision> {
        self.findings.get(&FindingKey::new(rule, resource_id))
    }

    /// The decision that applies to a finding: its own, else its rule's, else none.
    pub fn effective(&self, rule: &str, resource_id: &str) -> (Option<&Decision>, Origin) {
        if let Some(own) = self.finding(rule, resource_id) {
            (Some(own), Origin::Finding)
        } else if let Some(rule) = self.rule(rule) {
            (Some(rule), Origin::Rule)
        } else {
            (None, Origin::None)
        }
    }

    /// Every rule's decision, by rule id.
    pub fn rules(&self) -> impl Iterator<Item = (&str, &Decision)> {
        self.rules.iter().map(|(rule, decision)| (rule.as_str(), decision))
    }

    /// Every finding's own decision, by key.
    pub fn findings(&self) -> impl Iterator<Item = (&FindingKey, &Decision)> {
        self.findings.iter()
    }

    /// How the assessment's findings stand with these decisions.
    pub fn tally(&self, assessment: &Assessment) -> Tally {
        let mut tally = Tally::default();
        for finding in &assessment.findings {
            let status = self.effective(finding.rule, finding.resource.as_str()).0;
            if status.is_some_and(|d| !d.owner.trim().is_empty()) {
                tally.owned += 1;
            }
            let status = status.map(|d| d.status).unwrap_or_default();
            match status {
                Status::Waived => tally.waived += 1,
                Status::Accepted => tally.accepted += 1,
                Status::NeedsWork => tally.needs_work += 1,
                Status::Open => {}
            }
            if status == Status::Waived && finding.severity == FindingSeverity::Blocker {
                tally.waived_blockers += 1;
            }
            if !status.settles() {
                match finding.severity {
                    FindingSeverity::Blocker => tally.blockers += 1,
                    FindingSeverity::Warning => tally.warnings += 1,
                    FindingSeverity::Info => {}
                }
            }
        }
        tally
    }

    /// The stored form as a JSON value (see the module docs).
    pub fn to_value(&self) -> serde_json::Value {
        let stored = Stored {
            schema: SCHEMA,
            rules: self.rules.iter().map(|(rule, d)| RuleEntry { rule: rule.clone(), decision: d.clone() }).collect(),
            findings: self
                .findings
                .iter()
                .map(|(key, d)| FindingEntry {
                    rule: key.rule.clone(),
                    resource: key.resource.clone(),
                    decision: d.clone(),
                })
                .collect(),
        };
        serde_json::to_value(stored).unwrap_or(serde_json::Value::Null)
    }

    /// The stored form as JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// Reads the stored form from JSON text; see [`Decisions::read`].
    pub fn parse(text: &str, origin: &str) -> (Decisions, Vec<Diagnostic>) {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(value) => Decisions::read(&value, origin),
            Err(e) => (
                Decisions::default(),
                vec![Diagnostic::warning("decisions.unreadable", format!("the saved decisions are not JSON: {e}"))
                    .in_file(origin)
                    .with_hint(format!("expected a {SCHEMA} document; the decisions start empty"))],
            ),
        }
    }

    /// Reads the stored form back, entry by entry: what cannot be read is left out with a
    /// diagnostic saying what was found and what is accepted. `origin` names where the
    /// form came from (the report's file name, the browser's storage).
    pub fn read(value: &serde_json::Value, origin: &str) -> (Decisions, Vec<Diagnostic>) {
        let mut decisions = Decisions::default();
        let mut diagnostics = Vec::new();
        let mut problem = |code: &'static str, location: String, message: String| {
            if diagnostics.len() < crate::diagnostics::DETAILED_DIAGNOSTICS {
                diagnostics.push(Diagnostic::warning(code, message).in_file(origin).at(location));
            }
        };
        let Some(object) = value.as_object() else {
            problem(
                "decisions.not-an-object",
                "the document".to_string(),
                format!("the saved decisions are {}, not a {SCHEMA} object; none were restored", kind(value)),
            );
            return (decisions, diagnostics);
        };
        match object.get("schema").and_then(|s| s.as_str()) {
            Some(SCHEMA) => {}
            found => {
                problem(
                    "decisions.unsupported-schema",
                    "schema".to_string(),
                    format!(
                        "the saved decisions are of schema {}; this version reads {SCHEMA}; none were restored",
                        found.unwrap_or("(none)")
                    ),
                );
                return (decisions, diagnostics);
            }
        }
        let mut entries = 0usize;
        for (list, finding) in [("rules", false), ("findings", true)] {
            let items = match object.get(list) {
                None | Some(serde_json::Value::Null) => continue,
                Some(serde_json::Value::Array(items)) => items,
                Some(other) => {
                    problem(
                        "decisions.not-a-list",
                        list.to_string(),
                        format!("`{list}` is {}, not a list; its decisions were not restored", kind(other)),
                    );
                    continue;
                }
            };
            for (index, item) in items.iter().enumerate() {
                entries += 1;
                if entries > MAX_ENTRIES {
                    problem(
                        "decisions.too-many",
                        format!("{list}[{index}]"),
                        format!("more than {MAX_ENTRIES} decisions; the rest were not restored"),
                    );
                    break;
                }
                let location = format!("{list}[{index}]");
                let text = |field: &str| item.get(field).and_then(|v| v.as_str()).map(str::trim).unwrap_or("");
                let rule = text("rule");
                if rule.is_empty() {
                    problem(
                        "decisions.no-rule",
                        location,
                        "a decision names no rule (`rule`, such as RS001); it was left out".to_string(),
                    );
                    continue;
                }
                let status = match item.get("status") {
                    None | Some(serde_json::Value::Null) => Status::Open,
                    Some(serde_json::Value::String(s)) => match s.parse::<Status>() {
                        Ok(status) => status,
                        Err(message) => {
                            problem(
                                "decisions.unknown-status",
                                location,
                                format!("{rule}: {message}; it was left out"),
                            );
                            continue;
                        }
                    },
                    Some(other) => {
                        problem(
                            "decisions.unknown-status",
                            location,
                            format!("{rule}: the decision is {}; expected open, accepted, waived or needs-work; it was left out", kind(other)),
                        );
                        continue;
                    }
                };
                let mut capped = |field: &str, limit: usize| {
                    let value = text(field);
                    if value.chars().count() > limit {
                        problem(
                            "decisions.cut",
                            location.clone(),
                            format!("{rule}: the {field} is longer than {limit} characters; it was cut there"),
                        );
                        value.chars().take(limit).collect()
                    } else {
                        value.to_string()
                    }
                };
                let decision =
                    Decision { status, owner: capped("owner", MAX_OWNER_CHARS), note: capped("note", MAX_NOTE_CHARS) };
                if finding {
                    let resource = text("resource");
                    if resource.is_empty() {
                        problem(
                            "decisions.no-resource",
                            location,
                            format!("{rule}: a finding's decision names no resource id (`resource`); it was left out"),
                        );
                        continue;
                    }
                    decisions.set_finding(rule, resource, decision);
                } else {
                    decisions.set_rule(rule, decision);
                }
            }
        }
        (decisions, diagnostics)
    }
}

/// What kind of JSON value was found, for messages.
fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

/// A key for one set of inventory files: the SHA-256 of their contents, in order (not
/// their names, so a report's inputs reopened under other names find the same
/// decisions), as 16 hexadecimal digits. The app keeps decisions under it.
pub fn inventory_key<'a>(files: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = sha2::Sha256::new();
    for bytes in files {
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, AnalysisOptions};
    use crate::azure::Location;
    use crate::input::InputFile;

    const SAMPLE: &str = include_str!("../../../data/sample-estate.json");

    fn waived(note: &str) -> Decision {
        Decision { status: Status::Waived, owner: "Li Wei".into(), note: note.into() }
    }

    #[test]
    fn statuses_read_back_what_they_write_and_name_what_is_accepted() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
        assert_eq!("Needs work".parse::<Status>(), Ok(Status::NeedsWork));
        let error = "ignored".parse::<Status>().unwrap_err();
        assert!(error.contains("\"ignored\"") && error.contains("needs-work"), "{error}");
    }

    #[test]
    fn a_findings_own_decision_wins_and_a_blank_one_falls_back_to_the_rule() {
        let mut decisions = Decisions::new();
        let id = "/subscriptions/1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1";
        decisions.set_rule("RS001", waived("not moving"));
        assert_eq!(decisions.effective("RS001", id).1, Origin::Rule);
        decisions.set_finding("RS001", id, Decision { status: Status::NeedsWork, ..Decision::default() });
        let upper = id.to_ascii_uppercase();
        assert_eq!(decisions.effective("RS001", &upper).0.map(|d| d.status), Some(Status::NeedsWork));
        decisions.set_finding("RS001", id, Decision::default());
        assert_eq!(decisions.effective("RS001", id).1, Origin::Rule);
        decisions.set_rule("RS001", Decision::default());
        assert!(decisions.is_empty());
    }

    #[test]
    fn the_stored_form_reads_back_the_same() {
        let mut decisions = Decisions::new();
        decisions.set_rule("RS010", waived("handled by the landing zone"));
        decisions.set_finding(
            "RS001",
            "/subscriptions/1/x",
            Decision { status: Status::Accepted, owner: "ops".into(), note: String::new() },
        );
        let text = decisions.to_json();
        let (back, diagnostics) = Decisions::parse(&text, "storage");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(back, decisions);
        assert_eq!(back.to_json(), text, "stable bytes");
        assert!(text.contains("\"status\":\"waived\"") && text.contains(SCHEMA), "{text}");
    }

    #[test]
    fn bad_entries_are_left_out_with_a_diagnostic_and_the_rest_kept() {
        let text = r#"{"schema":"regionshift.decisions/1",
            "rules":[{"rule":"RS001","status":"ignored"},{"rule":"RS002","status":"waived","note":"ok"},{"status":"open"},{"rule":"RS003","status":7}],
            "findings":[{"rule":"RS004","status":"accepted"},{"rule":"RS005","resource":"/x","status":"needs-work","owner":"a"}]}"#;
        let (decisions, diagnostics) = Decisions::parse(text, "report.html");
        assert_eq!(decisions.len(), 2);
        assert_eq!(decisions.rule("RS002").map(|d| d.status), Some(Status::Waived));
        assert_eq!(decisions.finding("RS005", "/X").map(|d| d.status), Some(Status::NeedsWork));
        let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["decisions.unknown-status", "decisions.no-rule", "decisions.unknown-status", "decisions.no-resource"]
        );
        assert!(diagnostics[0].message.contains("\"ignored\"") && diagnostics[0].message.contains("expected open"));
        for bad in
            ["", "[]", "{}", r#"{"schema":"other/2"}"#, r#"{"schema":"regionshift.decisions/1","rules":{}}"#, "\"x\""]
        {
            let (decisions, diagnostics) = Decisions::parse(bad, "storage");
            assert!(decisions.is_empty() && !diagnostics.is_empty(), "{bad}");
        }
        let long = format!(
            r#"{{"schema":"regionshift.decisions/1","rules":[{{"rule":"RS1","status":"waived","note":"{}"}}]}}"#,
            "é".repeat(MAX_NOTE_CHARS + 5)
        );
        let (decisions, diagnostics) = Decisions::parse(&long, "storage");
        assert_eq!(decisions.rule("RS1").map(|d| d.note.chars().count()), Some(MAX_NOTE_CHARS));
        assert_eq!(diagnostics.len(), 1);
    }

    #[test]
    fn the_tally_counts_every_finding_once() {
        let options = AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() };
        let analysis = analyze(&[InputFile::new("sample-estate.json", SAMPLE.as_bytes())], &options);
        let assessment = analysis.assessment.as_ref().expect("an assessment");
        let open = Decisions::new().tally(assessment);
        assert_eq!(open.blockers, assessment.summary.blockers);
        assert_eq!(open.warnings, assessment.summary.warnings);
        assert_eq!(open.waived, 0);
        let blocker = assessment.findings.iter().find(|f| f.severity == FindingSeverity::Blocker).expect("a blocker");
        let same_rule = assessment.findings.iter().filter(|f| f.rule == blocker.rule).count();
        let mut decisions = Decisions::new();
        decisions.set_rule(blocker.rule, waived("moving it by hand"));
        let tally = decisions.tally(assessment);
        assert_eq!(tally.waived, same_rule);
        assert_eq!(tally.blockers + tally.waived_blockers, open.blockers);
        assert!(tally.waived_blockers > 0);
        assert_eq!(tally.owned, same_rule);
        decisions.set_finding(
            blocker.rule,
            blocker.resource.as_str(),
            Decision { status: Status::NeedsWork, ..Decision::default() },
        );
        let tally = decisions.tally(assessment);
        assert_eq!((tally.waived, tally.needs_work), (same_rule - 1, 1));
        assert!(tally.blockers > 1);
        assert_eq!(tally.to_string(), format!("{} blockers, {} waived, 1 needs work", tally.blockers, tally.waived));
        let one = Tally { blockers: 1, waived: 3, accepted: 2, needs_work: 2, ..Tally::default() };
        assert_eq!(one.to_string(), "1 blocker, 3 waived, 2 accepted, 2 need work");
    }

    #[test]
    fn the_inventory_key_depends_on_the_contents_only() {
        let a = inventory_key([b"[1]".as_slice()]);
        assert_eq!(a, inventory_key([b"[1]".as_slice()]));
        assert_ne!(a, inventory_key([b"[2]".as_slice()]));
        assert_ne!(inventory_key([b"ab".as_slice(), b"c"]), inventory_key([b"a".as_slice(), b"bc"]));
        assert_eq!(a.len(), 16);
    }
}
