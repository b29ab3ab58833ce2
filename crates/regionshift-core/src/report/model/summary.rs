//! The executive summary: headline figures taken from the other sections (or, for the
//! readiness split, from the assessment's own summary), so they agree with them.

use super::resources::readiness_key;
use std::collections::{BTreeMap, BTreeSet};

use super::{money, CostSection, CostSummary, LabelCount, PlanSection, SpendHeadline, Summary, TOP_BLOCKERS};
use crate::analysis::Analysis;
use crate::assess::{all_rules, FindingSeverity, Readiness};

/// The summary of the analysis, its cost section and its plan section.
pub(super) fn summary(analysis: &Analysis, cost: Option<&CostSection>, plan: &PlanSection) -> Summary {
    let assessment = analysis.assessment.as_ref();
    Summary {
        resources: analysis.inventory.resources.len(),
        target: assessment.map(|a| a.target.as_str().to_string()),
        target_name: assessment.map(|a| a.target_display_name.clone()),
        crosses_clouds: assessment.is_some_and(|a| a.crosses_clouds),
        readiness: readiness_split(analysis),
        blockers: assessment.map_or(0, |a| a.summary.blockers),
        warnings: assessment.map_or(0, |a| a.summary.warnings),
        blockers_by_category: blockers_by_category(analysis),
        top_blockers: top_blockers(analysis),
        cost: cost.map(|c| CostSummary {
            target_currency: c.target.currency,
            target_monthly: c.target.total_monthly,
            source_currency: c.source.currency,
            source_monthly: c.source.total_monthly,
            delta_monthly: analysis.cost.as_ref().and_then(|cost| cost.delta()).map(|(delta, _)| money(delta)),
            target_priced_percent: c.target.priced_percent,
            source_cost_coverage_percent: c.source_cost_coverage_percent,
            unpriced_in_target: c.target.unpriced_resources,
            target_priced_resources: c.target.priced_resources,
            source_priced_resources: c.source.priced_resources,
            spend: c.spend.as_ref().map(|spend| SpendHeadline {
                currency: spend.currency.clone(),
                total_monthly: spend.total_monthly,
                period: spend.period(),
            }),
            comparison: c.comparison.clone(),
        }),
        waves: plan.waves.len(),
        total_hours: plan.total_hours,
        dependencies: plan.edges.len(),
        cycles: plan.cycles.len(),
        external_dependencies: plan.external.len(),
        decisions: None,
    }
}

/// Ready, ready with conditions, not ready, unknown; empty without a target.
fn readiness_split(analysis: &Analysis) -> Vec<LabelCount> {
    let Some(assessment) = &analysis.assessment else { return Vec::new() };
    let s = &assessment.summary;
    [
        (Readiness::Ready, s.ready),
        (Readiness::ReadyWithConditions, s.ready_with_conditions),
        (Readiness::NotReady, s.not_ready),
        (Readiness::Unknown, s.unknown),
    ]
    .into_iter()
    .map(|(readiness, count)| LabelCount {
        key: readiness_key(readiness).to_string(),
        label: readiness.label().to_string(),
        count,
    })
    .collect()
}

/// Blockers per category, most first (then by category).
fn blockers_by_category(analysis: &Analysis) -> Vec<LabelCount> {
    let Some(assessment) = &analysis.assessment else { return Vec::new() };
    let mut list: Vec<LabelCount> = assessment
        .summary
        .blockers_by_category
        .iter()
        .map(|(category, count)| LabelCount { key: category.to_string(), label: category.to_string(), count: *count })
        .collect();
    list.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    list
}

/// The rules that block the most resources, most first (then by rule id).
fn top_blockers(analysis: &Analysis) -> Vec<LabelCount> {
    let Some(assessment) = &analysis.assessment else { return Vec::new() };
    let mut blocked: BTreeMap<&str, (&str, BTreeSet<&str>)> = BTreeMap::new();
    for finding in assessment.findings.iter().filter(|f| f.severity == FindingSeverity::Blocker) {
        let entry = blocked.entry(finding.rule).or_insert_with(|| (finding.rule_name, BTreeSet::new()));
        entry.1.insert(finding.resource.key());
    }
    let mut list: Vec<LabelCount> = blocked
        .into_iter()
        .map(|(id, (name, resources))| {
            let rule = all_rules().iter().find(|rule| rule.id == id);
            LabelCount {
                key: id.to_string(),
                label: rule.map_or_else(|| name.to_string(), |rule| rule.checks.to_string()),
                count: resources.len(),
            }
        })
        .collect();
    list.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    list.truncate(TOP_BLOCKERS);
    list
}
