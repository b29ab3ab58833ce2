//! The comparison of the sample estate over every target the catalog knows, as the CLI
//! prints it (the report's text rendering) and as its JSON, as golden files; the
//! comparison section of the offline report and the Markdown summary, redacted too.
//!
//! Refresh the golden files after an intended change with
//! `REGIONSHIFT_BLESS=1 cargo test --test compare` and review the diff.

mod common;

use std::sync::Arc;

use common::golden;

use regionshift_core::analysis::known_targets;
use regionshift_core::compare::{compare, CompareOptions, Comparison};
use regionshift_core::report::{self, Redaction, ReportOptions};
use regionshift_core::{analyze, Analysis, AnalysisOptions};

/// The sample estate's analysis without a target and its comparison over every target,
/// as `regionshift compare data/sample-estate.json` makes them.
fn sample() -> (Analysis, Comparison) {
    let options = AnalysisOptions::default();
    let analysis = analyze(&[common::sample_file()], &options);
    let comparison = compare(&analysis, &options, &CompareOptions::default());
    (analysis, comparison)
}

fn with(comparison: Comparison) -> ReportOptions {
    ReportOptions { comparison: Some(Arc::new(comparison)), ..ReportOptions::default() }
}

#[test]
fn the_sample_estate_comparison_matches_its_golden_files() {
    let (analysis, comparison) = sample();
    let mut json = serde_json::to_string_pretty(&comparison).unwrap();
    json.push('\n');
    golden("compare-sample.json", &json);
    let report = report::build(&analysis, &with(comparison));
    golden("compare-sample.txt", &(report::text::comparison(&report) + &report::text::diagnostics(&report)));
}

#[test]
fn every_known_target_is_compared_and_the_suggestion_has_the_fewest_blockers() {
    let (_, comparison) = sample();
    assert_eq!(comparison.targets.len(), known_targets().len());
    let value = serde_json::to_value(&comparison).unwrap();
    assert_eq!(value["schema"], "regionshift.comparison/1");
    let targets = value["targets"].as_array().unwrap();
    for row in targets {
        for field in
            ["target", "cloud", "readiness", "blockers", "monthly", "plan_hours", "crosses_clouds", "restricted"]
        {
            assert!(!row[field].is_null(), "{field} in {row}");
        }
        for field in ["currency", "total", "priced_percent"] {
            assert!(!row["monthly"][field].is_null(), "monthly.{field} in {row}");
        }
    }
    let suggested = value["suggestion"]["target"].as_str().unwrap();
    let fewest = targets.iter().map(|row| row["blockers"].as_u64().unwrap()).min().unwrap();
    let row = targets.iter().find(|row| row["target"] == suggested).unwrap();
    assert_eq!(row["blockers"].as_u64().unwrap(), fewest);
    assert!(!value["suggestion"]["reasons"].as_array().unwrap().is_empty());
    let east3 = targets.iter().find(|row| row["target"] == "chinaeast3").unwrap();
    assert_eq!(east3["restricted"], true);
}

#[test]
fn the_report_and_the_markdown_summary_have_a_comparison_section_only_when_asked() {
    let (analysis, comparison) = sample();
    let plain = report::build(&analysis, &ReportOptions::default());
    assert!(plain.comparison.is_none());
    assert!(!report::html::render(&plain).contains("id=\"comparison\""));
    assert!(!report::markdown::render(&plain).contains("## Comparison of targets"));

    let suggested = comparison.suggestion.as_ref().unwrap().display_name.clone();
    let report = report::build(&analysis, &with(comparison));
    let section = report.comparison.as_ref().unwrap();
    assert_eq!(section.rows.len(), known_targets().len());
    assert!(section.rows.windows(2).all(|pair| pair[0].rank < pair[1].rank), "first to last");
    let html = report::html::render(&report);
    assert!(html.contains("<section id=\"comparison\" data-testid=\"report-comparison\">"));
    assert!(html.contains("data-testid=\"comparison-table\""));
    assert!(html.contains(&format!("Suggestion: {suggested}")));
    let markdown = report::markdown::render(&report);
    assert!(markdown.contains("## Comparison of targets"));
    assert!(markdown.contains(&format!("**Suggestion: {suggested}")));
    // The JSON export carries the section and reads back.
    let reread: report::Report = serde_json::from_str(&report::json(&report)).unwrap();
    assert_eq!(reread.comparison.as_ref(), Some(section));
}

#[test]
fn a_redacted_comparison_names_no_resource() {
    let (analysis, comparison) = sample();
    let options = ReportOptions { redact: Redaction::Pseudonyms, ..with(comparison) };
    let report = report::build(&analysis, &options);
    let section = serde_json::to_string(&report.comparison).unwrap();
    let text = report::text::comparison(&report);
    // Names that are also region names (a network watcher's) are left aside: regions stay.
    let regions: Vec<String> = regionshift_core::azure::regions::all().iter().map(|r| r.name.clone()).collect();
    for resource in &analysis.inventory.resources {
        if resource.name.len() > 6 && !regions.iter().any(|region| resource.name.eq_ignore_ascii_case(region)) {
            assert!(!section.contains(&resource.name), "{} in the section", resource.name);
            assert!(!text.contains(&resource.name), "{} in the text", resource.name);
        }
    }
    assert!(text.contains("Not ready here, ready elsewhere"), "{text}");
}
