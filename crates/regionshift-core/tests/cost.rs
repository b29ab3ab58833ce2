//! The cost estimate of the sample estate, as the CLI prints it (the report's text
//! rendering), as a golden file, plus properties every estimate keeps: unpriced
//! resources never count, and the total is the exact sum of the lines and of each
//! breakdown.
//!
//! Refresh the golden file after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test cost` and review the diff.

mod common;

use common::golden;

use std::sync::OnceLock;

use regionshift_core::azure::Location;
use regionshift_core::catalog::Catalog;
use regionshift_core::cost::{estimate, CostOptions, PriceBook};
use regionshift_core::inventory::Inventory;
use regionshift_core::report::{self, ReportOptions};
use regionshift_core::spend::Exact;
use regionshift_core::{analyze, AnalysisOptions, InputFile};

fn sample() -> &'static Inventory {
    static SAMPLE: OnceLock<Inventory> = OnceLock::new();
    SAMPLE.get_or_init(common::sample_inventory)
}

fn target() -> Location {
    Location::new("chinanorth3").unwrap()
}

/// What `regionshift cost data/sample-estate.json --target chinanorth3` prints: the
/// report's cost view and its diagnostics.
fn render() -> String {
    let options = AnalysisOptions { target: Some(target()), ..AnalysisOptions::default() };
    let analysis = analyze(&[common::sample_file()], &options);
    let report = report::build(&analysis, &ReportOptions::default());
    report::text::cost(&report) + &report::text::diagnostics(&report)
}

#[test]
fn the_sample_estate_estimate_matches_its_golden_file() {
    golden("cost-sample-chinanorth3.txt", &render());
}

/// The sample estate's spend fixture (`regionshift-dev spend-sample`).
fn spend_fixture() -> InputFile {
    let path = common::repo().join("tests/fixtures/spend/sample-estate-ea-actual.csv");
    InputFile::new("tests/fixtures/spend/sample-estate-ea-actual.csv", std::fs::read(path).unwrap())
}

/// What `regionshift cost data/sample-estate.json --target chinanorth3 --spend
/// tests/fixtures/spend/sample-estate-ea-actual.csv` prints.
fn render_with_spend() -> String {
    let options =
        AnalysisOptions { target: Some(target()), spend_files: vec![spend_fixture()], ..AnalysisOptions::default() };
    let analysis = analyze(&[common::sample_file()], &options);
    let report = report::build(&analysis, &ReportOptions::default());
    report::text::cost(&report) + &report::text::diagnostics(&report)
}

#[test]
fn the_sample_estate_with_its_spend_export_matches_its_golden_file() {
    golden("cost-sample-chinanorth3-spend.txt", &render_with_spend());
}

/// The export's rows matched resource by resource, with the exact totals the generator
/// wrote (`regionshift-dev spend-sample` prints them).
#[test]
fn the_sample_spend_export_matches_resource_by_resource_with_exact_totals() {
    let options =
        AnalysisOptions { target: Some(target()), spend_files: vec![spend_fixture()], ..AnalysisOptions::default() };
    let analysis = analyze(&[common::sample_file()], &options);
    let spend = analysis.cost.as_ref().and_then(|cost| cost.spend.as_ref()).expect("spend");
    assert_eq!(spend.total.to_string(), "30770.7986862513");
    let matched = spend.lines.iter().try_fold(Exact::ZERO, |sum, line| sum.checked_add(line.total)).unwrap();
    assert_eq!(matched.to_string(), "30278.0878653874");
    assert_eq!(spend.matched_resources, 174);
    assert!(spend.lines.iter().all(|line| line.rows == 3), "a row a month for three months");
    assert_eq!(spend.unmatched_rows.len(), 3, "a deleted VM, a reservation purchase, a Marketplace charge");
    assert_eq!(spend.resources_without_spend.len(), sample().resources.len() - 174);
    assert_eq!(spend.months, 3);
    assert_eq!(spend.currency, "USD");
}

#[test]
fn the_estimate_is_deterministic() {
    assert_eq!(render(), render());
}

#[test]
fn unpriced_resources_never_contribute_to_totals() {
    let book = PriceBook::embedded();
    let options = CostOptions::default();
    let full = estimate(sample(), &target(), &book, Some(&Catalog::embedded()), &options);
    assert!(!full.unpriced.is_empty());
    let unpriced: std::collections::HashSet<&str> = full.unpriced.iter().map(|u| u.resource.key()).collect();
    assert!(full.lines.iter().all(|l| !unpriced.contains(l.resource.key())));
    assert!(full.unpriced.iter().all(|u| !u.hint.is_empty()));

    // Dropping the unpriced resources leaves every total as it was.
    let priced_only = Inventory {
        resources: sample().resources.iter().filter(|r| !unpriced.contains(r.id.key())).cloned().collect(),
    };
    let without = estimate(&priced_only, &target(), &book, Some(&Catalog::embedded()), &options);
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
            check_sums(&estimate(&inventory, &target, &book, Some(&regionshift_core::catalog::Catalog::embedded()), &options));
            check_sums(&estimate_source(&inventory, &book, &options));
        }
    }
}
