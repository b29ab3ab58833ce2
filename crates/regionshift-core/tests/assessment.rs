//! The whole assessment of the sample estate, as the CLI prints it (the report's text
//! rendering), as a golden file, and the corpus assessed against every target without
//! an error.
//!
//! Refresh the golden file after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test assessment` and review the diff.

mod common;

use common::{golden, repo};

use regionshift_core::azure::Location;
use regionshift_core::report::{self, ReportOptions};
use regionshift_core::{analyze, AnalysisOptions, InputFile};

const TARGETS: [&str; 16] = [
    "chinanorth",
    "chinanorth2",
    "chinanorth3",
    "chinaeast",
    "chinaeast2",
    "chinaeast3",
    "eastus",
    "eastus2",
    "westus2",
    "westeurope",
    "northeurope",
    "uksouth",
    "southeastasia",
    "eastasia",
    "japaneast",
    "australiaeast",
];

fn options(target: &str) -> AnalysisOptions {
    AnalysisOptions { target: Location::new(target), ..AnalysisOptions::default() }
}

/// What `regionshift assess data/sample-estate.json --target TARGET` prints: the
/// report's assessment view and its diagnostics.
fn render(target: &str) -> String {
    let analysis = analyze(&[common::sample_file()], &options(target));
    let report = report::build(&analysis, &ReportOptions::default());
    report::text::assessment(&report) + &report::text::diagnostics(&report)
}

#[test]
fn the_sample_estate_assessment_matches_its_golden_file() {
    golden("assessment-sample-chinanorth3.txt", &render("chinanorth3"));
}

#[test]
fn the_sample_estate_assessment_for_china_east_2_matches_its_golden_file() {
    golden("assessment-sample-chinaeast2.txt", &render("chinaeast2"));
}

#[test]
fn the_assessment_is_deterministic() {
    assert_eq!(render("chinaeast2"), render("chinaeast2"));
}

#[test]
fn the_corpus_is_assessed_against_every_target_without_errors() {
    let corpus = common::shared::shared("corpus");
    let mut inputs = Vec::new();
    let mut stack = vec![corpus];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json" || e == "csv") {
                inputs.push(InputFile::new(path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    for target in TARGETS {
        let analysis = analyze(&inputs, &options(target));
        assert!(!analysis.has_file_errors(), "{target}");
        let assessment = analysis.assessment.unwrap();
        assert_eq!(assessment.resources.len(), analysis.inventory.len());
        let s = &assessment.summary;
        assert_eq!(s.resources, s.ready + s.ready_with_conditions + s.not_ready + s.unknown);
        println!(
            "{target:>14}: {} resources, ready {}, conditions {}, not ready {}, unknown {}",
            s.resources, s.ready, s.ready_with_conditions, s.not_ready, s.unknown
        );
    }
}

#[test]
fn user_catalog_files_override_the_snapshot() {
    let shop = std::fs::read(repo().join("tests/fixtures/inventory/shop-graph.json")).unwrap();
    let mut options = options("chinanorth3");
    for name in ["az-provider-list.json", "az-vm-list-skus.json"] {
        let path = repo().join("tests/fixtures/catalog").join(name);
        options.catalog_files.push(InputFile::new(name, std::fs::read(path).unwrap()));
    }
    let analysis = analyze(&[InputFile::new("shop.json", shop.clone())], &options);
    let from_user: Vec<&str> = analysis
        .catalog
        .parts
        .iter()
        .filter(|p| matches!(p.provenance, regionshift_core::catalog::Provenance::User { .. }))
        .map(|p| p.part)
        .collect();
    assert!(from_user.contains(&"VM sizes") && from_user.contains(&"resource types"), "{from_user:?}");
    // The same estate against the snapshot alone says where each part came from too.
    let snapshot = analyze(&[InputFile::new("shop.json", shop)], &self::options("chinanorth3"));
    assert!(snapshot
        .catalog
        .parts
        .iter()
        .all(|p| matches!(p.provenance, regionshift_core::catalog::Provenance::Snapshot { .. })));
}
