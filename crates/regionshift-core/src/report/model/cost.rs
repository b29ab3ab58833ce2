//! The cost section: the target and source estimates rounded for display, with their
//! breakdowns, most expensive resources, unpriced bins, notes and conversions, what
//! the figures assume, and what the user's price files gave.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{
    money, percent, Amount, ConversionRow, CostSection, EstimateView, Positions, ResourceAmount, UnpricedBin,
    UnpricedRow, UserPricesRow,
};
use crate::analysis::Analysis;
use crate::cost::{Estimate, UnpricedReason};
use crate::report::redact::Redactor;
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
    let user = &cost.prices.user;
    Some(CostSection {
        target: estimate_view(&cost.target, positions, r),
        source: estimate_view(&cost.source, positions, r),
        source_cost_coverage_percent: cost.source_cost_coverage.map(percent),
        assumptions,
        user_prices: UserPricesRow {
            rows_read: user.rows_read,
            rows_used: user.rows_used,
            rows_ignored: user.rows_ignored,
            rows_rejected: user.rows_rejected,
            conflicts: user.conflicts.len(),
        },
    })
}

fn estimate_view(estimate: &Estimate, positions: &Positions, r: &mut Redactor) -> EstimateView {
    let coverage = &estimate.coverage;
    EstimateView {
        currency: estimate.currency,
        region: estimate.region.as_ref().map(|l| l.as_str().to_string()),
        total_monthly: money(estimate.total_monthly),
        usage_monthly: money(estimate.usage_monthly),
        priced_resources: coverage.priced_resources,
        unpriced_resources: coverage.unpriced_resources,
        free_resources: coverage.free_resources,
        total_resources: coverage.total_resources,
        priced_percent: coverage.priced_percent.map(percent),
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
        unpriced: unpriced_bins(estimate, positions, r),
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
    list.sort_by(|a, b| b.monthly.cmp(&a.monthly).then_with(|| a.label.cmp(&b.label)));
    list
}

/// The unpriced resources in bins by reason (bins by the reason's label).
fn unpriced_bins(estimate: &Estimate, positions: &Positions, r: &mut Redactor) -> Vec<UnpricedBin> {
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
        });
    }
    bins.into_iter().map(|(reason, resources)| UnpricedBin { reason: reason.to_string(), resources }).collect()
}
