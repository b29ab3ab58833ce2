//! The cost estimate of the sample estate as a golden file, plus properties every
//! estimate keeps: unpriced resources never count, and the total is the exact sum of the
//! lines and of each breakdown.
//!
//! Refresh the golden file after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test cost` and review the diff.

mod common;

use common::golden;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::OnceLock;

use regionshift_core::azure::Location;
use regionshift_core::cost::{estimate, estimate_source, CostOptions, Estimate, PriceBook};
use regionshift_core::inventory::Inventory;
use regionshift_core::units::Money;
use rust_decimal::Decimal;

fn sample() -> &'static Inventory {
    static SAMPLE: OnceLock<Inventory> = OnceLock::new();
    SAMPLE.get_or_init(common::sample_inventory)
}

fn target() -> Location {
    Location::new("chinanorth3").unwrap()
}

/// One estimate as stable text: totals, breakdowns, the ten most expensive resources,
/// the unpriced bins with counts and reasons, and coverage.
fn render_estimate(out: &mut String, title: &str, estimate: &Estimate) {
    let money = |amount: Decimal| Money::new(amount, estimate.currency).to_string();
    writeln!(out, "== {title}").unwrap();
    let region = estimate.region.as_ref().map_or("(each resource's own region)".to_string(), |r| r.to_string());
    writeln!(out, "currency {} region {region}", estimate.currency).unwrap();
    writeln!(out, "total {} (exact {})", money(estimate.total_monthly), estimate.total_monthly.normalize()).unwrap();
    writeln!(out, "usage-based {}", money(estimate.usage_monthly)).unwrap();
    let c = &estimate.coverage;
    writeln!(
        out,
        "coverage priced {} unpriced {} free {} of {} ({}%); usage-based lines {}; reservation fallbacks {}",
        c.priced_resources,
        c.unpriced_resources,
        c.free_resources,
        c.total_resources,
        c.priced_percent.map_or("-".to_string(), |p| p.round_dp(1).to_string()),
        c.usage_based_lines,
        c.reservation_fallbacks
    )
    .unwrap();
    writeln!(out, "-- by category").unwrap();
    for (category, amount) in &estimate.by_category {
        writeln!(out, "{category}: {}", money(*amount)).unwrap();
    }
    writeln!(out, "-- by type").unwrap();
    for (resource_type, amount) in &estimate.by_type {
        writeln!(out, "{resource_type}: {}", money(*amount)).unwrap();
    }
    writeln!(out, "-- top 10").unwrap();
    for (id, amount) in estimate.most_expensive(10) {
        writeln!(out, "{}: {}", id.as_str(), money(amount)).unwrap();
    }
    writeln!(out, "-- unpriced").unwrap();
    let mut bins: BTreeMap<(&str, String), (usize, &str)> = BTreeMap::new();
    for unpriced in &estimate.unpriced {
        let bin = bins
            .entry((unpriced.reason.label(), unpriced.resource.resource_type().as_str().to_string()))
            .or_insert((0, &unpriced.hint));
        bin.0 += 1;
    }
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    for ((reason, _), (count, _)) in &bins {
        *by_reason.entry(reason).or_default() += count;
    }
    for (reason, count) in &by_reason {
        writeln!(out, "{reason}: {count}").unwrap();
    }
    for ((reason, resource_type), (count, hint)) in &bins {
        writeln!(out, "  {reason} | {resource_type} x{count} | e.g. {hint}").unwrap();
    }
    for note in &estimate.notes {
        writeln!(out, "note: {note}").unwrap();
    }
}

fn render() -> String {
    let book = PriceBook::embedded();
    let options = CostOptions::default();
    let mut out = String::new();
    writeln!(out, "prices as of {}", book.as_of()).unwrap();
    render_estimate(&mut out, "target chinanorth3", &estimate(sample(), &target(), &book, &options));
    render_estimate(&mut out, "source", &estimate_source(sample(), &book, &options));
    out
}

#[test]
fn the_sample_estate_estimate_matches_its_golden_file() {
    golden("cost-sample-chinanorth3.txt", &render());
}

#[test]
fn the_estimate_is_deterministic() {
    assert_eq!(render(), render());
}

#[test]
fn unpriced_resources_never_contribute_to_totals() {
    let book = PriceBook::embedded();
    let options = CostOptions::default();
    let full = estimate(sample(), &target(), &book, &options);
    assert!(!full.unpriced.is_empty());
    let unpriced: std::collections::HashSet<&str> = full.unpriced.iter().map(|u| u.resource.key()).collect();
    assert!(full.lines.iter().all(|l| !unpriced.contains(l.resource.key())));
    assert!(full.unpriced.iter().all(|u| !u.hint.is_empty()));

    // Dropping the unpriced resources leaves every total as it was.
    let priced_only = Inventory {
        resources: sample().resources.iter().filter(|r| !unpriced.contains(r.id.key())).cloned().collect(),
    };
    let without = estimate(&priced_only, &target(), &book, &options);
    assert!(without.unpriced.is_empty(), "{:?}", without.unpriced);
    assert_eq!(without.total_monthly, full.total_monthly);
    assert_eq!(without.by_category, full.by_category);
    assert_eq!(without.by_type, full.by_type);
    assert_eq!(without.usage_monthly, full.usage_monthly);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use proptest::prelude::*;
    use regionshift_core::azure::Location;
    use regionshift_core::cost::{estimate, estimate_source, CostOptions, Estimate, PriceBook};
    use regionshift_core::inventory::Inventory;
    use rust_decimal::Decimal;

    use super::sample;

    const TARGETS: [&str; 4] = ["chinanorth3", "chinaeast2", "chinanorth", "eastus"];

    fn check_sums(estimate: &Estimate) {
        let lines: Decimal = estimate.lines.iter().map(|l| l.monthly).sum();
        assert_eq!(estimate.total_monthly, lines);
        assert_eq!(estimate.total_monthly, estimate.by_category.values().copied().sum::<Decimal>());
        assert_eq!(estimate.total_monthly, estimate.by_type.values().copied().sum::<Decimal>());
        assert_eq!(estimate.total_monthly, estimate.by_resource_group.values().copied().sum::<Decimal>());
        let usage: Decimal = estimate.lines.iter().filter(|l| l.usage_based).map(|l| l.monthly).sum();
        assert_eq!(estimate.usage_monthly, usage);
        assert!(estimate.lines.iter().all(|l| l.monthly >= Decimal::ZERO && l.list_monthly >= l.monthly));
        let c = &estimate.coverage;
        assert_eq!(c.priced_resources + c.unpriced_resources + c.free_resources, c.total_resources);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn totals_are_the_sum_of_the_lines_and_of_each_breakdown(
            picks in proptest::collection::vec(any::<prop::sample::Index>(), 0..60),
            target in 0..TARGETS.len(),
            hours in 1u32..=744,
            discount in proptest::option::of(0u32..=100),
        ) {
            let all = &sample().resources;
            let inventory = Inventory { resources: picks.iter().map(|i| all[i.index(all.len())].clone()).collect() };
            let options = CostOptions {
                hours_per_month: regionshift_core::cost::HoursPerMonth::new(Decimal::from(hours)).unwrap(),
                discount_percent: discount.map(|d| regionshift_core::cost::DiscountPercent::new(Decimal::from(d)).unwrap()),
                ..CostOptions::default()
            };
            let book = PriceBook::embedded();
            let target = Location::new(TARGETS[target]).unwrap();
            check_sums(&estimate(&inventory, &target, &book, &options));
            check_sums(&estimate_source(&inventory, &book, &options));
        }
    }
}
