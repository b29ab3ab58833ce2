//! Bad input of every class, through `analyze` as the app and the CLI call it: each
//! gets a message saying what was found and what is accepted, and nothing panics. The
//! README's bad-input matrix names the test holding each row. The second half holds the
//! regressions found by fuzzing and by the mutation runner: one minimised fixture each,
//! in `tests/fixtures/fuzz/TARGET/`, written by this team.

mod common;

use regionshift_core::azure::Location;
use regionshift_core::cost::UnpricedReason;
use regionshift_core::{analyze, Analysis, AnalysisOptions, InputFile};

fn fixture(path: &str) -> InputFile {
    let full = common::repo().join("tests/fixtures").join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    InputFile::new(full.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(), bytes)
}

/// The shop fixture priced in China North 3 with the given price file.
fn priced_with(prices: InputFile) -> Analysis {
    let options = AnalysisOptions {
        target: Location::new("chinanorth3"),
        price_files: vec![prices],
        ..AnalysisOptions::default()
    };
    analyze(&[fixture("inventory/shop-graph.json")], &options)
}

fn messages(analysis: &Analysis, code: &str) -> Vec<String> {
    analysis.diagnostics.iter().filter(|d| d.code == code).map(|d| d.to_string()).collect()
}

// Regressions found by fuzzing and mutation.

/// A Retail Prices row whose meter starts with a non-ASCII letter (`É1 LRS Disk`) once
/// panicked slicing its first byte as the disk tier; it is a meter no rule needs.
#[test]
fn a_disk_meter_starting_with_a_non_ascii_letter_is_ignored() {
    let analysis = priced_with(fixture("fuzz/prices/non-ascii-disk-tier.csv"));
    let cost = analysis.cost.as_ref().expect("a target gives a cost");
    assert_eq!((cost.prices.user.rows_read, cost.prices.user.rows_ignored), (1, 1));
}

/// Huge but well-formed prices (`1E28` an hour, `9999999999999999999999999999` a month)
/// once overflowed `Decimal` multiplying by the hours and adding to the total: the VM is
/// unpriced (amount too large, with a hint) and the disk keeps its price.
#[test]
fn prices_too_large_to_multiply_leave_the_resource_unpriced_with_a_reason() {
    let analysis = priced_with(fixture("fuzz/prices/huge-prices.csv"));
    let target = &analysis.cost.as_ref().expect("a target gives a cost").target;
    let too_large: Vec<_> = target.unpriced.iter().filter(|u| u.reason == UnpricedReason::AmountTooLarge).collect();
    assert_eq!(too_large.len(), 1, "{:#?}", target.unpriced);
    assert!(too_large[0].resource.as_str().ends_with("/virtualMachines/web-01"), "{too_large:?}");
    assert!(too_large[0].hint.contains("too large to compute exactly"), "{}", too_large[0].hint);
    assert!(target.total_monthly >= "9999999999999999999999999999".parse().unwrap());
}

/// A tier starting at `9999999999999999999999999999` units, per 100 hours, cannot be
/// scaled to one unit: that row is rejected with a diagnostic naming it.
#[test]
fn a_tier_minimum_too_large_to_scale_is_rejected_with_its_row() {
    let analysis = priced_with(fixture("fuzz/prices/huge-tier-minimum.csv"));
    let rejected = messages(&analysis, "cost.price-out-of-range");
    assert_eq!(rejected.len(), 1, "{:#?}", analysis.diagnostics);
    assert!(rejected[0].contains("row 3"), "{}", rejected[0]);
}

/// A negative list price is refused with a diagnostic naming the row.
#[test]
fn a_negative_price_is_rejected_with_its_row() {
    let analysis = priced_with(fixture("fuzz/prices/negative-price.csv"));
    let rejected = messages(&analysis, "cost.price-out-of-range");
    assert_eq!(rejected.len(), 1, "{:#?}", analysis.diagnostics);
    assert!(rejected[0].contains("row 1") && rejected[0].contains("\"-3\""), "{}", rejected[0]);
}
