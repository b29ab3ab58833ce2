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

/// The one file's error message, after checking it is the only file and was refused.
fn refused(name: &str, bytes: impl Into<Vec<u8>>) -> String {
    let analysis = analyze(&[InputFile::new(name, bytes.into())], &AnalysisOptions::default());
    let error = analysis.files[0].error.as_ref().unwrap_or_else(|| panic!("{name} was accepted"));
    let diagnostic = messages(&analysis, "import.file-unusable");
    assert_eq!(diagnostic.len(), 1, "{:#?}", analysis.diagnostics);
    assert!(diagnostic[0].contains(name), "the diagnostic names the file: {}", diagnostic[0]);
    error.to_string()
}

/// Each refusal says what was accepted, as well as what was found.
const ACCEPTED: &str = "expected a JSON array of resources";

#[test]
fn text_that_is_not_json_nor_a_known_table() {
    let message = refused("notes.txt", "hello, this is not json\n");
    assert!(message.starts_with("found text that is neither JSON, a CSV with a known header, nor an az CLI table (it begins \"hello, this is not json\")"), "{message}");
    assert!(message.contains(ACCEPTED), "{message}");
}

#[test]
fn json_of_the_wrong_shape() {
    let message = refused("wrong.json", r#"{"foo": 1, "bar": [2]}"#);
    assert!(
        message.starts_with("found a JSON object with keys bar, foo")
            || message.starts_with("found a JSON object with keys foo, bar"),
        "{message}"
    );
    assert!(message.contains(ACCEPTED), "{message}");
}

#[test]
fn an_empty_file() {
    let message = refused("empty.json", "");
    assert!(message.starts_with("the file is empty;") && message.contains(ACCEPTED), "{message}");
}

#[test]
fn a_binary_file_and_an_archive() {
    let message = refused("program.json", b"\x7fELF\x02\x01\x01\x00\x00\x00".to_vec());
    assert!(message.starts_with("this is "), "{message}");
    assert!(message.contains("not an inventory") && message.contains(ACCEPTED), "{message}");
    let message = refused("export.zip", b"PK\x03\x04\x14\x00\x00\x00".to_vec());
    assert!(message.starts_with("this is a ZIP archive (extract the export first), not an inventory"), "{message}");
}

#[test]
fn a_file_over_the_size_limit() {
    let options = AnalysisOptions {
        import: regionshift_core::inventory::ImportOptions { max_file_bytes: 1024 * 1024, ..Default::default() },
        ..AnalysisOptions::default()
    };
    let analysis = analyze(&[InputFile::new("huge.json", vec![b' '; 1024 * 1024 + 1])], &options);
    let message = analysis.files[0].error.as_ref().expect("refused").to_string();
    assert!(message.starts_with("the file is 2 MiB, over the 1 MiB limit; split the export into pages"), "{message}");
}

#[test]
fn json_nested_too_deep() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let message = refused("deep.json", deep);
    assert_eq!(
        message,
        "the JSON nests deeper than 100 levels (at line 1, column 101); Azure exports never do, so this is not an inventory"
    );
}

#[test]
fn text_in_an_encoding_that_is_not_read() {
    let message = refused("latin1.json", b"{\"a\":\"\xe9t\xe9\"}".to_vec());
    assert_eq!(
        message,
        "the file is not valid UTF-8: invalid byte 0xE9 at line 1, column 7; save it as UTF-8 or UTF-16 with a BOM"
    );
    let message = refused("odd.json", b"\xff\xfe[\x00]".to_vec());
    assert!(message.starts_with("the file claims UTF-16"), "{message}");
}

#[test]
fn a_truncated_export() {
    let shop = fixture("inventory/shop-graph.json");
    let message = refused("truncated.json", shop.bytes.get(..300).unwrap_or_default().to_vec());
    assert!(message.starts_with("not valid JSON at line 11, column 5: EOF while parsing"), "{message}");
}

/// Two exports disagreeing about one resource: merged by id, with a warning naming both.
#[test]
fn duplicate_ids_with_conflicting_data() {
    let first = r#"[{"id":"/subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/disks/d1","name":"d1","type":"Microsoft.Compute/disks","location":"eastus","sku":{"name":"Premium_LRS"}}]"#;
    let second = first.replace("eastus", "westeurope").replace("Premium_LRS", "Standard_LRS");
    let analysis =
        analyze(&[InputFile::new("a.json", first), InputFile::new("b.json", second)], &AnalysisOptions::default());
    assert_eq!(analysis.summary.resources, 1);
    let conflicts = messages(&analysis, "import.merge-conflict");
    assert!(!conflicts.is_empty(), "{:#?}", analysis.diagnostics);
    assert!(conflicts.iter().any(|c| c.contains("a.json") && c.contains("b.json")), "{conflicts:#?}");
}

/// A price file of the wrong shape is refused with what its columns lack.
#[test]
fn a_bad_price_file() {
    let analysis = priced_with(fixture("cost/bad-columns.csv"));
    let wrong = messages(&analysis, "cost.prices-wrong-columns");
    assert_eq!(wrong.len(), 1, "{:#?}", analysis.diagnostics);
    let analysis = priced_with(InputFile::new("prices.json", "{\"Items\": 3}"));
    assert_eq!(messages(&analysis, "cost.prices-unreadable").len(), 1, "{:#?}", analysis.diagnostics);
}

/// A catalog file that is not `az provider list` or `az vm list-skus` output.
#[test]
fn a_bad_catalog_file() {
    let options = |file: InputFile| AnalysisOptions {
        target: Location::new("chinanorth3"),
        catalog_files: vec![file],
        ..AnalysisOptions::default()
    };
    let shop = || vec![fixture("inventory/shop-graph.json")];
    let analysis = analyze(&shop(), &options(InputFile::new("providers.json", "not json at all")));
    let refused = messages(&analysis, "catalog.unknown-shape");
    assert_eq!(refused.len(), 1, "{:#?}", analysis.diagnostics);
    assert!(
        refused[0].contains("providers.json was not used as catalog data: found text that is not JSON"),
        "{}",
        refused[0]
    );
    assert!(refused[0].contains("expected the JSON output of `az provider list`"), "{}", refused[0]);
    let analysis = analyze(&shop(), &options(InputFile::new("skus.json", r#"{"colour": "blue"}"#)));
    assert_eq!(messages(&analysis, "catalog.unknown-shape").len(), 1, "{:#?}", analysis.diagnostics);
    let analysis = analyze(&shop(), &options(InputFile::new("skus.json", b"\x00\x01binary".to_vec())));
    assert_eq!(messages(&analysis, "catalog.file-unusable").len(), 1, "{:#?}", analysis.diagnostics);
}

/// A report written by a newer RegionShift (another schema version) is refused by name.
#[test]
fn a_report_from_a_newer_schema() {
    let error = regionshift_core::report::reopen(r#"{"schema": "regionshift.report/2", "summary": {}}"#)
        .expect_err("a newer schema is refused");
    assert_eq!(
        error.to_string(),
        "the report is of schema regionshift.report/2; this version reads regionshift.report/1"
    );
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

/// Assumed data sizes near `Decimal`'s limit make a plan of some 10^28 hours: the
/// offline report's Gantt chart once stepped its time axis 1,440 hours at a time, for
/// ever. The axis keeps about eight ticks whatever the length.
#[test]
fn a_plan_of_absurd_length_draws_its_gantt_axis_in_a_few_ticks() {
    let text =
        std::fs::read_to_string(common::repo().join("tests/fixtures/fuzz/analyze/huge-assumed-sizes.txt")).unwrap();
    let options: AnalysisOptions = serde_json::from_str(text.trim()).unwrap();
    options.validate().unwrap();
    let analysis = analyze(&[fixture("inventory/shop-graph.json")], &options);
    assert!(analysis.plan.total_hours > rust_decimal::Decimal::from(10u64.pow(18)), "{}", analysis.plan.total_hours);
    let report = regionshift_core::report::build(&analysis, &regionshift_core::report::ReportOptions::default());
    let html = regionshift_core::report::html::render(&report);
    let gantt =
        html.split("data-testid=\"report-gantt\"").nth(1).expect("a Gantt chart").split("</svg>").next().unwrap();
    let ticks = gantt.matches("class=\"axis\"").count();
    assert!((2..=17).contains(&ticks), "{ticks} ticks");
}

/// A bandwidth near `Decimal`'s limit once overflowed turning Mbps into GB an hour; the
/// option's own rules (the CLI's, the app's and a reopened report's) now refuse it.
#[test]
fn a_bandwidth_beyond_any_link_is_refused_by_the_option_rules() {
    let error = "79228162514264337593543950335".parse::<regionshift_core::plan::BandwidthMbps>().unwrap_err();
    assert_eq!(error, "the bandwidth must be above 0 and at most 100000000 Mbps, not 79228162514264337593543950335");
}

/// A size near `Decimal`'s limit copied over a link of 10^-22 Mbps once overflowed
/// dividing; the copy's hours saturate and the analysis and its report still finish.
#[test]
fn a_copy_too_long_to_count_saturates_instead_of_panicking() {
    let text = std::fs::read_to_string(common::repo().join("tests/fixtures/fuzz/analyze/tiny-bandwidth-huge-size.txt"))
        .unwrap();
    let options: AnalysisOptions = serde_json::from_str(text.trim()).unwrap();
    options.validate().unwrap();
    let analysis = analyze(&[fixture("inventory/shop-graph.json")], &options);
    assert_eq!(analysis.plan.total_hours, rust_decimal::Decimal::MAX);
    let report = regionshift_core::report::build(&analysis, &regionshift_core::report::ReportOptions::default());
    assert!(regionshift_core::report::html::render(&report).contains("report-gantt"));
}

/// Template variables that double each other (`concat(variables('v1'), variables('v1'))`,
/// or an array of two copies, forty times over) once grew to gigabytes and ran for
/// minutes; a function's value and a variable are now capped, and the template still
/// imports with a warning saying which value passed the cap.
#[test]
fn template_variables_that_double_each_other_stop_at_a_cap() {
    for (name, code) in
        [("concat-doubling.json", "template.name-unknown"), ("array-doubling.json", "template.kept-symbolic")]
    {
        let analysis = analyze(&[fixture(&format!("fuzz/arm/{name}"))], &AnalysisOptions::default());
        assert_eq!(analysis.summary.resources, 1, "{name}: {:#?}", analysis.diagnostics);
        let said = messages(&analysis, code);
        assert!(said.iter().any(|m| m.contains("passes 1000000 characters and elements")), "{name}: {said:#?}");
    }
}
