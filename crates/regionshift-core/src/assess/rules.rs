//! The rule table (`data/rules.json`): ids, severities, categories, remediation and
//! documentation, so that what a rule says lives in data and what it checks in code.

use std::sync::OnceLock;

use serde::Deserialize;

use super::FindingSeverity;

/// One rule's description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: FindingSeverity,
    pub category: &'static str,
    pub checks: &'static str,
    pub remediation: &'static str,
    pub doc: &'static str,
}

#[derive(Deserialize)]
struct RuleFile {
    rules: Vec<RuleEntry>,
}

#[derive(Deserialize)]
struct RuleEntry {
    id: String,
    name: String,
    severity: String,
    category: String,
    checks: String,
    remediation: String,
    doc: String,
}

/// Every rule, in the table's order.
pub fn all_rules() -> &'static [Rule] {
    static TABLE: OnceLock<Vec<Rule>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: RuleFile = serde_json::from_str(crate::data::text(crate::data::DataFile::Rules))
            .expect("data/rules.json is checked by a test");
        file.rules
            .into_iter()
            .map(|entry| Rule {
                id: leak(entry.id),
                name: leak(entry.name),
                severity: match entry.severity.as_str() {
                    "blocker" => FindingSeverity::Blocker,
                    "warning" => FindingSeverity::Warning,
                    _ => FindingSeverity::Info,
                },
                category: leak(entry.category),
                checks: leak(entry.checks),
                remediation: leak(entry.remediation),
                doc: leak(entry.doc),
            })
            .collect()
    })
}

/// The rule with this name (`vm-size-offered`). The names are fixed in code; a test
/// checks that every one the checks use is in the table.
pub fn rule(name: &str) -> &'static Rule {
    all_rules().iter().find(|r| r.name == name).unwrap_or_else(|| panic!("rule {name} is not in data/rules.json"))
}

/// The table is read once per process; its strings live as long as the program.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}
