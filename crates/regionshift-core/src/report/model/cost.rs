//! The cost section: the target and source estimates rounded for display, with their
//! breakdowns, most expensive resources, unpriced bins, notes and conversions, what
//! the figures assume, and what the user's price files gave.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    money, percent, Amount, ComparisonView, ConversionRow, CostSection, EstimateView, Positions, ResourceAmount,
    SpendFileRow, SpendUnmatchedRow, SpendView, UnpricedBin, UnpricedRow, UserPricesRow,
};
use crate::analysis::Analysis;
use crate::cost::{Basis, Comparison, Estimate, UnpricedReason};
use crate::report::redact::Redactor;
use crate::spend::SpendSummary;
use crate::units::Money;

/// How many of the most expensive resources each side lists.
const TOP_RESOURCES: usize = 10;

/// Both estimates, with a target; `None` without one.
pub(super) fn cost(analysis: &Analysis, positions: &Positions, r: &mut Redactor) -> Option<CostSection> {
    let cost = analysis.cost.as_ref()?;
    let mut lines_per_assumption: BTreeMap<String, usize> = BTreeMap::new();
    for line in &cost.target.lines {
        if let Some(assumption) = &line.assumption {
            *lines_per_assumption.entry(r.text(assumption)).or_default() += 1;
        }
    }
    let mut assumptions: Vec<String> =
        lines_per_assumption.into_iter().map(|(text, lines)| format!("{text} ({lines} target lines)")).collect();
    assumptions.extend(cost.prices.snapshot_notes.iter().cloned());
    assumptions.push(
        "Amounts are monthly list prices, rounded half-to-even to two decimals only when shown; unpriced resources count in no total"
            .to_string(),
    );
    if cost.spend.is_some() {
        assumptions.push(
            "Today's actual spend is the exact sum of the export's rows divided by the calendar months they cover"
                .to_string(),
        );
    }
    let user = &cost.prices.user;
    Some(CostSection {
        target: estimate_view(&cost.target, positions, None, r),
        source: estimate_view(&cost.source, positions, cost.spend.as_ref(), r),
        source_cost_coverage_percent: cost.source_cost_coverage.map(percent),
        assumptions,
        user_prices: UserPricesRow {
            rows_read: user.rows_read,
            rows_used: user.rows_used,
            rows_ignored: user.rows_ignored,
            rows_rejected: user.rows_rejected,
            conflicts: user.conflicts.len(),
        },
        comparison: Some(comparison_view(&cost.comparison, r)),
        list_price_comparison: (cost.comparison.basis == Basis::ActualSpend)
            .then(|| comparison_view(&cost.list_price_comparison, r)),
        spend: cost.spend.as_ref().map(|spend| spend_view(spend, &cost.target, positions, r)),
    })
}

pub(super) fn comparison_view(comparison: &Comparison, r: &mut Redactor) -> ComparisonView {
    ComparisonView {
        basis: match comparison.basis {
            Basis::ListPrice => "list-price".to_string(),
            Basis::ActualSpend => "actual-spend".to_string(),
        },
        resources: comparison.resources,
        today_currency: comparison.today_currency.clone(),
        today_monthly: money(comparison.today_monthly),
        target_currency: comparison.target_currency,
        target_monthly: money(comparison.target_monthly),
        today_in_target_currency: comparison.today_in_target_currency.map(money),
        change: comparison.change.map(money),
        today_share_percent: comparison.today_share_percent.map(percent),
        target_share_percent: comparison.target_share_percent.map(percent),
        note: comparison.note.as_ref().map(|n| r.text(n)),
    }
}

/// How many of the resources with the most spend the section lists.
const TOP_SPEND: usize = 10;

fn spend_view(spend: &SpendSummary, target: &Estimate, positions: &Positions, r: &mut Redactor) -> SpendView {
    let mut top: Vec<&crate::spend::SpendLine> = spend.lines.iter().collect();
    top.sort_unstable_by(|a, b| b.monthly.cmp(&a.monthly).then_with(|| a.resource.key().cmp(b.resource.key())));
    let free: std::collections::HashSet<&str> = target.free.iter().map(|id| id.key()).collect();
    SpendView {
        currency: spend.currency.clone(),
        basis: spend.basis.map(|b| b.label().to_string()),
        period_start: spend.period_start,
        period_end: spend.period_end,
        months: spend.months,
        total_monthly: money(spend.total_monthly),
        matched_resources: spend.matched_resources,
        matched_monthly: money(spend.matched_monthly),
        unmatched_monthly: money(spend.unmatched_monthly),
        top_resources: top
            .into_iter()
            .take(TOP_SPEND)
            .filter_map(|line| {
                Some(ResourceAmount { resource: positions.get(&line.resource)?, monthly: money(line.monthly) })
            })
            .collect(),
        unmatched: spend
            .unmatched_rows
            .iter()
            .map(|row| SpendUnmatchedRow {
                resource_id: if row.resource_id.is_empty() { String::new() } else { r.id(&row.resource_id) },
                why: row.why.label().to_string(),
                rows: row.rows,
                monthly: money(row.monthly),
            })
            .collect(),
        without_spend: spend
            .resources_without_spend
            .iter()
            .filter(|id| !free.contains(id.key()))
            .filter_map(|id| positions.get(id))
            .collect(),
        files: spend
            .files
            .iter()
            .map(|file| SpendFileRow {
                name: r.file(&file.name),
                kind: file.kind.map(|k| k.label().to_string()),
                amount_column: file.amount_column.clone(),
                rows: file.rows,
                rows_used: file.rows_used,
                rows_rejected: file.rows_rejected,
                error: file.error.as_ref().map(|e| r.text(e)),
            })
            .collect(),
        notes: spend.notes.iter().map(|n| r.text(n)).collect(),
    }
}

/// An estimate for display; with `spend`, its unpriced rows say what each resource
/// actually cost (the source side: the export covers what list prices do not).
fn estimate_view(
    estimate: &Estimate,
    positions: &Positions,
    spend: Option<&SpendSummary>,
    r: &mut Redactor,
) -> EstimateView {
    let coverage = &estimate.coverage;
    EstimateView {
        currency: estimate.currency,
        region: estimate.region.as_ref().map(|l| l.as_str().to_string()),
        total_monthly: money(estimate.total_monthly),
        usage_monthly: money(estimate.usage_monthly),
        priced_resources: coverage.priced_resources,
        unpriced_resources: coverage.unpriced_resources,
        not_offered_resources: coverage.not_offered_resources,
        free_resources: coverage.free_resources,
        total_resources: coverage.total_resources,
        priced_percent: coverage.priced_percent.map(percent),
        reserved_resources: coverage.reserved_resources,
        usage_based_lines: coverage.usage_based_lines,
        reservation_fallbacks: coverage.reservation_fallbacks,
        by_category: amounts(&estimate.by_category, |label| label.to_string()),
        by_resource_group: amounts(&estimate.by_resource_group, |label| r.group(label)),
        by_type: amounts(&estimate.by_type, |label| label.to_string()),
        top_resources: estimate
            .most_expensive(TOP_RESOURCES)
            .into_iter()
            .filter_map(|(id, monthly)| Some(ResourceAmount { resource: positions.get(&id)?, monthly: money(monthly) }))
            .collect(),
        unpriced: unpriced_bins(estimate, positions, spend, r),
        notes: estimate.notes.iter().map(|n| r.text(n)).collect(),
        converted: estimate.converted.as_ref().map(|c| {
            format!("{} at {} {} per {}", Money::new(c.total_monthly, c.rate.to), c.rate.rate, c.rate.to, c.rate.from)
        }),
        conversion: estimate.converted.as_ref().map(|c| ConversionRow {
            currency: c.rate.to,
            rate: c.rate.rate,
            total_monthly: money(c.total_monthly),
        }),
    }
}

/// A breakdown, largest first (then by label).
fn amounts(map: &BTreeMap<String, Decimal>, mut label: impl FnMut(&str) -> String) -> Vec<Amount> {
    let mut list: Vec<Amount> =
        map.iter().map(|(key, monthly)| Amount { label: label(key), monthly: money(*monthly) }).collect();
    list.sort_unstable_by(|a, b| b.monthly.cmp(&a.monthly).then_with(|| a.label.cmp(&b.label)));
    list
}

/// The unpriced resources in bins by reason (bins by the reason's label).
fn unpriced_bins(
    estimate: &Estimate,
    positions: &Positions,
    spend: Option<&SpendSummary>,
    r: &mut Redactor,
) -> Vec<UnpricedBin> {
    let actual: std::collections::HashMap<&str, Decimal> = spend
        .map(|spend| spend.lines.iter().map(|line| (line.resource.key(), line.monthly)).collect())
        .unwrap_or_default();
    let mut bins: BTreeMap<&'static str, Vec<UnpricedRow>> = BTreeMap::new();
    for unpriced in &estimate.unpriced {
        let detail = match &unpriced.reason {
            UnpricedReason::InputMissing { field } => format!("missing {field}"),
            UnpricedReason::OtherCurrency { currency } => format!("prices in {currency}"),
            _ => String::new(),
        };
        bins.entry(unpriced.reason.label()).or_default().push(UnpricedRow {
            resource: positions.get(&unpriced.resource),
            detail,
            hint: r.text(&unpriced.hint),
            actual_monthly: actual.get(unpriced.resource.key()).map(|monthly| money(*monthly)),
        });
    }
    bins.into_iter().map(|(reason, resources)| UnpricedBin { reason: reason.to_string(), resources }).collect()
}
