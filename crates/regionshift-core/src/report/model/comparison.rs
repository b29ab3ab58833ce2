//! The comparison section: the targets of a comparison from first to last by its rule,
//! rounded for display, resources referred to by position, the suggestion's reasons
//! redacted like any free text.

use super::resources::readiness_key;
use super::{
    hours, money, percent, BlockedRow, ComparisonRow, ComparisonSection, LabelCount, PairedRow, Positions,
    ReadyElsewhereRow, SuggestionRow, TodayRow,
};
use crate::assess::Readiness;
use crate::compare::{Comparison, TargetRow};
use crate::report::redact::Redactor;

/// The section of a comparison.
pub(super) fn comparison(comparison: &Comparison, positions: &Positions, r: &mut Redactor) -> ComparisonSection {
    let current = comparison.current.as_ref().map(|c| c.as_str().to_string());
    ComparisonSection {
        ranking: comparison.ranking.to_string(),
        rule: comparison.rule.clone(),
        today: comparison.today.as_ref().map(|today| TodayRow {
            currency: today.currency,
            monthly: money(today.total),
            priced_percent: today.priced_percent.map(percent),
        }),
        rows: comparison
            .ranked()
            .into_iter()
            .map(|row| comparison_row(row, current.as_deref() == Some(row.target.as_str()), positions, r))
            .collect(),
        suggestion: comparison.suggestion.as_ref().map(|suggestion| SuggestionRow {
            target: suggestion.target.as_str().to_string(),
            target_name: suggestion.display_name.clone(),
            runner_up: suggestion.runner_up.as_ref().map(|t| t.as_str().to_string()),
            reasons: suggestion.reasons.iter().map(|reason| r.text(reason)).collect(),
        }),
        current,
    }
}

fn comparison_row(row: &TargetRow, current: bool, positions: &Positions, r: &mut Redactor) -> ComparisonRow {
    let counts = &row.readiness;
    let readiness = [
        (Readiness::Ready, counts.ready),
        (Readiness::ReadyWithConditions, counts.ready_with_conditions),
        (Readiness::NotReady, counts.not_ready),
        (Readiness::Unknown, counts.unknown),
    ]
    .into_iter()
    .map(|(readiness, count)| LabelCount {
        key: readiness_key(readiness).to_string(),
        label: readiness.label().to_string(),
        count,
    })
    .collect();
    let mut blockers_by_category: Vec<LabelCount> = row
        .blockers_by_category
        .iter()
        .map(|(category, count)| LabelCount { key: category.to_string(), label: category.to_string(), count: *count })
        .collect();
    blockers_by_category.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    ComparisonRow {
        rank: row.rank,
        target: row.target.as_str().to_string(),
        target_name: row.display_name.clone(),
        cloud: row.cloud.map(|cloud| cloud.label().to_string()).unwrap_or_default(),
        current,
        readiness,
        blockers: row.blockers,
        warnings: row.warnings,
        blockers_by_category,
        blocked: row
            .blocked
            .iter()
            .map(|blocked| BlockedRow {
                rule: blocked.rule.to_string(),
                rule_name: blocked.rule_name.to_string(),
                what: r.text(&blocked.what),
                resources: blocked.resources,
            })
            .collect(),
        ready_elsewhere: row
            .ready_elsewhere
            .iter()
            .filter_map(|resource| {
                Some(ReadyElsewhereRow {
                    resource: positions.get(&resource.id)?,
                    ready_in: resource.ready_in.iter().map(|t| t.as_str().to_string()).collect(),
                })
            })
            .collect(),
        currency: row.monthly.currency,
        monthly: money(row.monthly.total),
        priced_percent: row.monthly.priced_percent.map(percent),
        unpriced: row.monthly.unpriced,
        change: row.monthly.change.map(money),
        plan_hours: hours(row.plan_hours),
        waves: row.waves,
        crosses_clouds: row.crosses_clouds,
        restricted: row.restricted,
        notice: row.notice.clone().unwrap_or_default(),
        paired: row.paired.as_ref().map(|paired| PairedRow {
            region: paired.region.as_str().to_string(),
            region_name: paired.display_name.clone(),
            assessed: paired.assessed,
            not_ready: paired.not_ready,
            unknown: paired.unknown,
            blockers: paired.blockers,
        }),
    }
}
