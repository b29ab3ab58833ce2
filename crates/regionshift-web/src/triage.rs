//! The findings triage's logic, apart from rendering: the findings grouped by rule (count,
//! severity, affected resources), searched as free text, filtered by the readiness of
//! their resource and sorted; the dashboard's top blockers (rules by the blockers no
//! decision settles); and where the browser keeps an inventory's decisions.
//!
//! Groups hold indexes into `Assessment::findings`, computed once per analysis and query
//! (not per render).
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::collections::{BTreeMap, BTreeSet, HashMap};

use regionshift_core::assess::{Assessment, FindingSeverity, Readiness};
use regionshift_core::decisions::{Decisions, Status};

/// The localStorage key of an inventory's decisions: this prefix, then the inventory's key
/// (`regionshift_core::decisions::inventory_key`).
pub const DECISIONS_KEY_PREFIX: &str = "regionshift.decisions.";

/// Findings listed under an expanded rule before "and N more" (search narrows them).
pub const GROUP_ROWS: usize = 200;

/// How the rule groups are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Blockers first, then the most findings.
    #[default]
    Severity,
    /// The most findings first.
    Count,
    /// The most resources affected first.
    Resources,
    /// By rule id.
    Rule,
    /// Undecided rules first.
    Decision,
}

impl SortBy {
    pub const ALL: [SortBy; 5] = [SortBy::Severity, SortBy::Count, SortBy::Resources, SortBy::Rule, SortBy::Decision];

    pub fn as_str(self) -> &'static str {
        match self {
            SortBy::Severity => "severity",
            SortBy::Count => "count",
            SortBy::Resources => "resources",
            SortBy::Rule => "rule",
            SortBy::Decision => "decision",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Severity => "Severity, then count",
            SortBy::Count => "Most findings",
            SortBy::Resources => "Most resources",
            SortBy::Rule => "Rule id",
            SortBy::Decision => "Undecided first",
        }
    }

    pub fn parse(value: &str) -> Option<SortBy> {
        SortBy::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// The readiness values a filter offers, with their stable values.
pub const READINESS: [(Readiness, &str); 4] = [
    (Readiness::NotReady, "not-ready"),
    (Readiness::ReadyWithConditions, "ready-with-conditions"),
    (Readiness::Unknown, "unknown"),
    (Readiness::Ready, "ready"),
];

pub fn parse_readiness(value: &str) -> Option<Readiness> {
    READINESS.iter().find(|(_, v)| *v == value).map(|(r, _)| *r)
}

/// What the grouped findings show: free text (rule, name, category, resource, type,
/// message, evidence; every word must match), the readiness of the finding's resource,
/// the order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupQuery {
    pub text: String,
    pub readiness: Option<Readiness>,
    pub sort: SortBy,
}

/// The findings of one rule that match a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGroup {
    pub rule: &'static str,
    pub rule_name: &'static str,
    pub severity: FindingSeverity,
    pub category: &'static str,
    /// Indexes into `Assessment::findings`, in assessment order.
    pub findings: Vec<usize>,
    /// Distinct resources among them.
    pub resources: usize,
    /// The remediation most of them share.
    pub remediation: &'static str,
}

fn severity_rank(severity: FindingSeverity) -> u8 {
    match severity {
        FindingSeverity::Blocker => 0,
        FindingSeverity::Warning => 1,
        FindingSeverity::Info => 2,
    }
}

/// The findings matching `query`, one group per rule, in the query's order.
pub fn group_findings(assessment: &Assessment, decisions: &Decisions, query: &GroupQuery) -> Vec<RuleGroup> {
    let words: Vec<String> = query.text.split_whitespace().map(str::to_lowercase).collect();
    let readiness: HashMap<&str, Readiness> = match query.readiness {
        Some(_) => assessment.resources.iter().map(|r| (r.id.key(), r.readiness)).collect(),
        None => HashMap::new(),
    };
    let mut groups: BTreeMap<&str, RuleGroup> = BTreeMap::new();
    let mut resources: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut remediations: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (i, finding) in assessment.findings.iter().enumerate() {
        if let Some(wanted) = query.readiness {
            if readiness.get(finding.resource.key()) != Some(&wanted) {
                continue;
            }
        }
        if !words.is_empty() {
            let haystack = [
                finding.rule,
                finding.rule_name,
                finding.category,
                &finding.resource_name,
                &finding.resource_type,
                finding.resource.as_str(),
                &finding.message,
                &finding.evidence.value,
            ]
            .join("\n")
            .to_lowercase();
            if !words.iter().all(|w| haystack.contains(w.as_str())) {
                continue;
            }
        }
        let group = groups.entry(finding.rule).or_insert_with(|| RuleGroup {
            rule: finding.rule,
            rule_name: finding.rule_name,
            severity: finding.severity,
            category: finding.category,
            findings: Vec::new(),
            resources: 0,
            remediation: "",
        });
        // A rule's findings share its severity; if one differs, the most serious shows.
        if severity_rank(finding.severity) < severity_rank(group.severity) {
            group.severity = finding.severity;
        }
        group.findings.push(i);
        resources.entry(finding.rule).or_default().insert(finding.resource.key());
        *remediations.entry(finding.rule).or_default().entry(finding.remediation).or_default() += 1;
    }
    let mut groups: Vec<RuleGroup> = groups
        .into_values()
        .map(|mut group| {
            group.resources = resources.get(group.rule).map_or(0, BTreeSet::len);
            group.remediation = remediations
                .get(group.rule)
                .and_then(|counts| counts.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))))
                .map_or("", |(text, _)| text);
            group
        })
        .collect();
    let decided = |group: &RuleGroup| decisions.rule(group.rule).is_some_and(|d| d.status != Status::Open);
    groups.sort_by(|a, b| {
        let by_count = b.findings.len().cmp(&a.findings.len());
        let first = match query.sort {
            SortBy::Severity => severity_rank(a.severity).cmp(&severity_rank(b.severity)).then(by_count),
            SortBy::Count => by_count,
            SortBy::Resources => b.resources.cmp(&a.resources).then(by_count),
            SortBy::Rule => std::cmp::Ordering::Equal,
            SortBy::Decision => decided(a)
                .cmp(&decided(b))
                .then(severity_rank(a.severity).cmp(&severity_rank(b.severity)))
                .then(by_count),
        };
        first.then_with(|| a.rule.cmp(b.rule))
    });
    groups
}

/// One of the dashboard's top blockers: a rule and how many of its blocker findings no
/// decision settles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopBlocker {
    pub rule: &'static str,
    pub rule_name: &'static str,
    pub open: usize,
    pub resources: usize,
}

/// The rules with the most blocker findings that no decision settles (accepted or
/// waived), most first, at most `limit`.
pub fn top_blockers(assessment: &Assessment, decisions: &Decisions, limit: usize) -> Vec<TopBlocker> {
    let mut by_rule: BTreeMap<&str, (TopBlocker, BTreeSet<&str>)> = BTreeMap::new();
    for finding in assessment.findings.iter().filter(|f| f.severity == FindingSeverity::Blocker) {
        let status = decisions.effective(finding.rule, finding.resource.as_str()).0.map(|d| d.status);
        if status.is_some_and(Status::settles) {
            continue;
        }
        let entry = by_rule.entry(finding.rule).or_insert_with(|| {
            (TopBlocker { rule: finding.rule, rule_name: finding.rule_name, open: 0, resources: 0 }, BTreeSet::new())
        });
        entry.0.open += 1;
        entry.1.insert(finding.resource.key());
    }
    let mut top: Vec<TopBlocker> = by_rule
        .into_values()
        .map(|(mut blocker, resources)| {
            blocker.resources = resources.len();
            blocker
        })
        .collect();
    top.sort_by(|a, b| b.open.cmp(&a.open).then_with(|| a.rule.cmp(b.rule)));
    top.truncate(limit);
    top
}

#[cfg(test)]
mod tests {
    use regionshift_core::decisions::Decision;
    use regionshift_core::{analyze, AnalysisOptions, InputFile};

    use super::*;

    fn sample() -> regionshift_core::Analysis {
        let bytes = include_bytes!("../../../data/sample-estate.json");
        let options = AnalysisOptions {
            target: regionshift_core::azure::Location::new("chinanorth3"),
            ..AnalysisOptions::default()
        };
        analyze(&[InputFile::new("sample-estate.json", bytes.as_slice())], &options)
    }

    #[test]
    fn every_finding_is_in_one_group_and_search_and_readiness_narrow_them() {
        let analysis = sample();
        let assessment = analysis.assessment.as_ref().unwrap();
        let decisions = Decisions::new();
        let groups = group_findings(assessment, &decisions, &GroupQuery::default());
        assert_eq!(groups.iter().map(|g| g.findings.len()).sum::<usize>(), assessment.findings.len());
        assert!(groups.windows(2).all(|w| severity_rank(w[0].severity) <= severity_rank(w[1].severity)));
        let first = &groups[0];
        assert_eq!(first.severity, FindingSeverity::Blocker);
        assert!(first.resources >= 1 && first.resources <= first.findings.len());
        // Searching a rule's id finds that rule (and rules that mention it, if any).
        let query = GroupQuery { text: first.rule.to_lowercase(), ..GroupQuery::default() };
        let found = group_findings(assessment, &decisions, &query);
        assert!(found.iter().any(|g| g.rule == first.rule && g.findings == first.findings));
        // Two words must both match.
        let query = GroupQuery { text: format!("{} no-such-word-anywhere", first.rule), ..GroupQuery::default() };
        assert!(group_findings(assessment, &decisions, &query).is_empty());
        // Only findings of Not ready resources.
        let query = GroupQuery { readiness: Some(Readiness::NotReady), ..GroupQuery::default() };
        let not_ready = group_findings(assessment, &decisions, &query);
        let total: usize = not_ready.iter().map(|g| g.findings.len()).sum();
        assert!(total > 0 && total < assessment.findings.len());
        for group in &not_ready {
            for &i in &group.findings {
                let id = &assessment.findings[i].resource;
                let resource = assessment.resources.iter().find(|r| &r.id == id).unwrap();
                assert_eq!(resource.readiness, Readiness::NotReady);
            }
        }
        // By rule id.
        let by_rule =
            group_findings(assessment, &decisions, &GroupQuery { sort: SortBy::Rule, ..GroupQuery::default() });
        assert!(by_rule.windows(2).all(|w| w[0].rule < w[1].rule));
    }

    #[test]
    fn top_blockers_leave_out_what_a_decision_settles() {
        let analysis = sample();
        let assessment = analysis.assessment.as_ref().unwrap();
        let mut decisions = Decisions::new();
        let top = top_blockers(assessment, &decisions, 5);
        assert!(!top.is_empty());
        assert_eq!(
            top_blockers(assessment, &decisions, 100).iter().map(|t| t.open).sum::<usize>(),
            assessment.summary.blockers
        );
        assert!(top.windows(2).all(|w| w[0].open >= w[1].open));
        decisions
            .set_rule(top[0].rule, Decision { status: Status::Waived, note: "by hand".into(), ..Decision::default() });
        let after = top_blockers(assessment, &decisions, 100);
        assert!(after.iter().all(|t| t.rule != top[0].rule));
        decisions.set_rule(top[0].rule, Decision { status: Status::NeedsWork, ..Decision::default() });
        assert_eq!(top_blockers(assessment, &decisions, 5)[0], top[0], "needing work still blocks");
        for value in ["not-ready", "ready"] {
            assert!(parse_readiness(value).is_some());
        }
        for sort in SortBy::ALL {
            assert_eq!(SortBy::parse(sort.as_str()), Some(sort));
        }
    }
}
