//! The whole assessment of the sample estate, as a golden file, and the corpus assessed
//! against every target without an error.
//!
//! Refresh the golden file after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test assessment` and review the diff.

mod common;

use common::{golden, repo};

use std::fmt::Write;

use regionshift_core::azure::Location;
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

/// A stable, reviewable rendering: one line per resource that is not plainly ready,
/// with its findings' rule ids and evidence.
fn render(target: &str) -> String {
    let sample = std::fs::read(repo().join("data/sample-estate.json")).unwrap();
    let analysis = analyze(&[InputFile::new("sample-estate.json", sample)], &options(target));
    let assessment = analysis.assessment.expect("a target gives an assessment");
    let s = &assessment.summary;
    let mut out = String::new();
    writeln!(out, "target {} crosses_clouds={}", assessment.target, assessment.crosses_clouds).unwrap();
    writeln!(
        out,
        "resources {} ready {} conditions {} not_ready {} unknown {} blockers {} warnings {}",
        s.resources, s.ready, s.ready_with_conditions, s.not_ready, s.unknown, s.blockers, s.warnings
    )
    .unwrap();
    for cause in &assessment.unknown_causes {
        writeln!(out, "unknown {} x{}", cause.field, cause.resources).unwrap();
    }
    for resource in &assessment.resources {
        let findings: Vec<String> = resource
            .findings
            .iter()
            .map(|&i| {
                let f = &assessment.findings[i];
                format!("{}({}={})", f.rule, f.evidence.path, f.evidence.value)
            })
            .collect();
        if findings.is_empty() && resource.missing.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{} {} [{}] method={} {}",
            resource.readiness.label(),
            resource.id,
            resource.resource_type,
            resource.method.method.label(),
            findings.join(" ")
        )
        .unwrap();
    }
    out
}

#[test]
fn the_sample_estate_assessment_matches_its_golden_file() {
    golden("assessment-sample-chinanorth3.txt", &render("chinanorth3"));
}

#[test]
fn the_assessment_is_deterministic() {
    assert_eq!(render("chinaeast2"), render("chinaeast2"));
}

#[test]
fn the_corpus_is_assessed_against_every_target_without_errors() {
    let corpus = repo().join("../shared/corpus");
    if !corpus.is_dir() {
        println!("../shared/corpus is absent: nothing to check");
        return;
    }
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
