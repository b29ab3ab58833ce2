//! The readiness section: every finding, grouped by rule (blockers first), with the
//! remediation most of a group shares moved to the group, and what the input lacked.

use std::collections::BTreeMap;

use super::{
    DecisionView, FindingGroup, FindingRow, Positions, ReadinessSection, SourceStatement, SourcesView, UnknownCauseRow,
};
use crate::analysis::Analysis;
use crate::assess::FindingSeverity;
use crate::catalog::{Answer, DateIs, Offer, Says, SourceKind};
use crate::decisions::{Decision, Decisions};
use crate::report::redact::Redactor;

/// The findings by rule and the unknown causes; empty without a target.
pub(super) fn readiness(
    analysis: &Analysis,
    positions: &Positions,
    decisions: &Decisions,
    r: &mut Redactor,
) -> ReadinessSection {
    let Some(assessment) = &analysis.assessment else {
        return ReadinessSection { groups: Vec::new(), unknown_causes: Vec::new() };
    };
    let mut groups: BTreeMap<(FindingSeverity, &str), FindingGroup> = BTreeMap::new();
    for finding in &assessment.findings {
        let Some(resource) = positions.get(&finding.resource) else { continue };
        let group = groups.entry((finding.severity, finding.rule)).or_insert_with(|| FindingGroup {
            rule: finding.rule.to_string(),
            rule_name: finding.rule_name.to_string(),
            severity: finding.severity.label().to_string(),
            category: finding.category.to_string(),
            remediation: String::new(),
            doc: String::new(),
            findings: Vec::new(),
            decision: decisions.rule(finding.rule).map(|d| view(d, r)),
        });
        group.findings.push(FindingRow {
            resource,
            evidence_path: r.text(&finding.evidence.path),
            evidence_value: r.text(&finding.evidence.value),
            message: r.text(&finding.message),
            remediation: r.text(finding.remediation),
            alternatives: finding.alternatives.iter().map(|a| r.text(a)).collect(),
            doc: finding.doc.to_string(),
            sources: finding.sources.as_deref().map(|answer| sources(answer, r)),
            decision: decisions.finding(finding.rule, finding.resource.as_str()).map(|d| view(d, r)),
        });
    }
    let mut groups: Vec<FindingGroup> = groups.into_values().collect();
    for group in &mut groups {
        share_common(group);
    }
    let unknown_causes = assessment
        .unknown_causes
        .iter()
        .map(|c| UnknownCauseRow {
            field: c.field.to_string(),
            resources: c.resources,
            how_to_export: c.how_to_export.to_string(),
        })
        .collect();
    ReadinessSection { groups, unknown_causes }
}

/// A decision as the report shows it; the note (free text that may name resources) is
/// redacted when asked.
fn view(decision: &Decision, r: &mut Redactor) -> DecisionView {
    DecisionView {
        status: decision.status.as_str().to_string(),
        owner: r.text(&decision.owner),
        note: r.text(&decision.note),
    }
}

/// The catalog's answer as the report shows it: the user's file names redacted when
/// asked; the catalog's own texts as they are.
fn sources(answer: &Answer, r: &mut Redactor) -> SourcesView {
    let statements = answer
        .statements
        .iter()
        .enumerate()
        .map(|(i, statement)| {
            let source = &statement.source;
            let reference = match (&source.kind, &source.file) {
                (SourceKind::UserFile, Some(file)) => r.file_list(file),
                _ => source.reference().to_string(),
            };
            let date = match (&source.date, source.date_is) {
                (Some(date), Some(DateIs::Captured)) => format!("captured {date}"),
                (Some(date), Some(DateIs::Retrieved)) => format!("read {date}"),
                (Some(date), _) => format!("dated {date}"),
                (None, _) => String::new(),
            };
            SourceStatement {
                deciding: answer.decided_by == Some(i),
                kind: source.kind.label().to_string(),
                reference,
                date,
                says: statement.says.label().to_string(),
                detail: statement.detail.as_deref().unwrap_or("").to_string(),
            }
        })
        .collect();
    let answer_text = match (answer.offer, answer.deciding().map(|s| s.says)) {
        (_, Some(says @ (Says::Retired | Says::Retiring | Says::Restricted))) => says.label(),
        (Offer::Offered, _) => "offered",
        (Offer::NotOffered, _) => "not offered",
        (Offer::Unknown, _) => "unknown",
    };
    SourcesView {
        answer: answer_text.to_string(),
        conflict: answer.conflict,
        note: answer.note.clone().unwrap_or_default(),
        statements,
    }
}

/// Moves the most common remediation and documentation of a group's findings to the
/// group (ties: the first in sort order), leaving findings only what differs.
fn share_common(group: &mut FindingGroup) {
    fn most_common<'a>(texts: impl Iterator<Item = &'a str>) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for text in texts {
            *counts.entry(text).or_default() += 1;
        }
        let mut best: Option<(&str, usize)> = None;
        for (text, count) in counts {
            if best.is_none_or(|b| count > b.1) {
                best = Some((text, count));
            }
        }
        best.map(|b| b.0.to_string()).unwrap_or_default()
    }
    group.remediation = most_common(group.findings.iter().map(|f| f.remediation.as_str()));
    group.doc = most_common(group.findings.iter().map(|f| f.doc.as_str()));
    for finding in &mut group.findings {
        if finding.remediation == group.remediation {
            finding.remediation.clear();
        }
        if finding.doc == group.doc {
            finding.doc.clear();
        }
    }
}
