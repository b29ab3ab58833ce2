//! The migration plan of the sample estate, as the CLI prints it (the report's text
//! rendering), as a golden file, and the properties an architect checks first:
//! foundation moves first, and no resource moves before something it needs.
//!
//! Refresh the golden file after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test plan` and review the diff.

mod common;

use common::golden;

use std::collections::HashMap;

use regionshift_core::azure::Phase;
use regionshift_core::inventory::Inventory;
use regionshift_core::plan::{plan, PlanOptions};
use regionshift_core::report::{self, ReportOptions};
use regionshift_core::{analyze, AnalysisOptions};

fn sample() -> Inventory {
    common::sample_inventory()
}

/// What `regionshift plan data/sample-estate.json` prints: the report's plan view and
/// its diagnostics.
fn render() -> String {
    let analysis = analyze(&[common::sample_file()], &AnalysisOptions::default());
    let report = report::build(&analysis, &ReportOptions::default());
    report::text::plan(&report) + &report::text::diagnostics(&report)
}

#[test]
fn the_sample_estate_plan_matches_its_golden_file() {
    golden("plan-sample.txt", &render());
}

#[test]
fn the_sample_estate_plan_moves_foundation_first_and_needs_nothing_later() {
    let plan = plan(&sample(), &PlanOptions::default());
    let first = plan.waves.first().expect("a wave");
    assert_eq!(first.phase, Phase::Foundation);
    let phases: Vec<Phase> = plan.waves.iter().map(|w| w.phase).collect();
    assert!(phases.windows(2).all(|w| w[0] <= w[1]), "phases out of order: {phases:?}");
    let mut wave_of = HashMap::new();
    for wave in &plan.waves {
        for id in &wave.resources {
            wave_of.insert(id.key().to_string(), wave.number);
        }
    }
    for edge in &plan.edges {
        let (from, to) = (wave_of[edge.from.key()], wave_of[edge.to.key()]);
        assert!(to <= from, "{} (wave {from}) needs {} (wave {to}), a later wave", edge.from, edge.to);
    }
    assert!(!plan.caveat.is_empty());
}
