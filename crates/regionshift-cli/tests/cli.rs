//! The `regionshift` binary: output, JSON schema and exit codes.

use std::process::Command;

fn regionshift(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_regionshift"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs")
}

const SHOP: &str = "tests/fixtures/inventory/shop-graph.json";
const GARBAGE: &str = "tests/fixtures/inventory/garbage.json";

#[test]
fn inventory_prints_a_summary_and_exits_zero() {
    let output = regionshift(&["inventory", SHOP]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("5 resources from 1 file(s)"), "{text}");
    assert!(text.contains("Resource Graph, az graph query output"), "{text}");
    assert!(text.contains("rg-shop-app"), "{text}");
}

#[test]
fn inventory_json_is_versioned() {
    let output = regionshift(&["inventory", "--json", SHOP]);
    assert_eq!(output.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["schema"], "regionshift.analysis/1");
    assert_eq!(value["summary"]["resources"], 5);
    assert_eq!(value["inventory"]["resources"].as_array().unwrap().len(), 5);
    assert_eq!(value["files"][0]["format"], "resource-graph-cli");
}

#[test]
fn a_bad_file_exits_one_and_the_good_one_is_still_imported() {
    let output = regionshift(&["inventory", GARBAGE, SHOP]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("5 resources"), "{text}");
    assert!(text.contains("garbage.json  NOT IMPORTED: not valid JSON at line 1, column 3"), "{text}");
}

#[test]
fn a_missing_file_exits_one() {
    let output = regionshift(&["inventory", "tests/fixtures/inventory/no-such-file.json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-file.json"));
}

#[test]
fn usage_errors_exit_two() {
    for args in [&[][..], &["inventory"], &["inventory", "--frobnicate", SHOP], &["teleport"]] {
        let output = regionshift(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("Usage:"));
    }
}

#[test]
fn assess_prints_readiness_and_exits_zero() {
    let output = regionshift(&["assess", SHOP, "--target", "China North 3"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Assessment of 5 resources for China North 3 (chinanorth3), a move across clouds"),
        "{text}"
    );
    assert!(text.contains("ready "), "{text}");
}

#[test]
fn assess_json_carries_the_assessment_and_the_catalog_provenance() {
    let output = regionshift(&[
        "assess",
        SHOP,
        "--target",
        "chinanorth3",
        "--catalog",
        "tests/fixtures/catalog/az-vm-list-skus.json",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["assessment"]["target"], "chinanorth3");
    assert_eq!(value["assessment"]["summary"]["resources"], 5);
    let parts = value["catalog"]["parts"].as_array().unwrap();
    assert!(parts.iter().any(|p| p["provenance"]["kind"] == "user"), "{parts:?}");
    assert_eq!(value["catalog"]["user_files"][0], "tests/fixtures/catalog/az-vm-list-skus.json");
}

#[test]
fn assess_needs_a_known_target() {
    for args in [&["assess", SHOP][..], &["assess", SHOP, "--target", "moonbase1"]] {
        let output = regionshift(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let output = regionshift(&["assess", SHOP, "--target", "moonbase1"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("chinanorth3"), "the error lists the known targets");
}

#[test]
fn a_broken_catalog_file_exits_one() {
    let output = regionshift(&["assess", SHOP, "--target", "chinanorth3", "--catalog", GARBAGE]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("catalog."), "the catalog diagnostic is printed");
}

const SAMPLE: &str = "data/sample-estate.json";

#[test]
fn cost_prints_both_sides_coverage_and_the_unpriced_bins() {
    let output = regionshift(&["cost", SAMPLE, "--target", "chinanorth3"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Monthly cost of 344 resources"), "{text}");
    assert!(text.contains("  in chinanorth3:  CNY "), "{text}");
    assert!(text.contains("  where it runs now, at list prices:  USD "), "{text}");
    // Different currencies and no rate: no delta, and the way to get one.
    assert!(text.contains("give an exchange rate USD:CNY=RATE (--exchange-rate in the CLI)"), "{text}");
    assert!(text.contains("never counted as zero"), "{text}");
    assert!(text.contains("  coverage: "), "{text}");
}

#[test]
fn cost_converts_only_with_the_rate_given() {
    let output = regionshift(&["cost", SAMPLE, "--target", "chinanorth3", "--exchange-rate", "USD:CNY=7.1", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let source = &value["cost"]["source"];
    assert_eq!(source["currency"], "USD");
    assert_eq!(source["converted"]["rate"]["rate"], "7.1");
    let total: rust_decimal::Decimal = source["total_monthly"].as_str().unwrap().parse().unwrap();
    let converted: rust_decimal::Decimal = source["converted"]["total_monthly"].as_str().unwrap().parse().unwrap();
    assert_eq!(converted, total * rust_decimal::Decimal::new(71, 1));
    assert_eq!(value["cost"]["target"]["currency"], "CNY");
    assert!(value["cost"]["target"].get("converted").is_none());
}

#[test]
fn cost_options_change_the_estimate() {
    let total = |extra: &[&str]| {
        // China East 2 lists the sample's storage redundancies, so stored GB count there.
        let mut args = vec!["cost", SAMPLE, "--target", "chinaeast2", "--json"];
        args.extend_from_slice(extra);
        let output = regionshift(&args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        value["cost"]["target"]["total_monthly"].as_str().unwrap().parse::<rust_decimal::Decimal>().unwrap()
    };
    let list = total(&[]);
    let discounted = total(&["--discount", "10"]);
    // Each line is discounted at full precision; the sums agree to far below a cent.
    assert_eq!(discounted.round_dp(10), (list * rust_decimal::Decimal::new(9, 1)).round_dp(10));
    assert!(total(&["--assume", "storage_gb=5000"]) > list);
}

#[test]
fn cost_refuses_bad_options_and_a_bad_price_file_exits_one() {
    for bad in [
        &["cost", SAMPLE][..],
        &["cost", SAMPLE, "--target", "chinanorth3", "--pricing", "forever"],
        &["cost", SAMPLE, "--target", "chinanorth3", "--discount", "120"],
        &["cost", SAMPLE, "--target", "chinanorth3", "--exchange-rate", "7.1"],
        &["cost", SAMPLE, "--target", "chinanorth3", "--assume", "moon_gb=3"],
        &["plan", SAMPLE, "--prices", "x.csv"],
    ] {
        let output = regionshift(bad);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
    }
    let output = regionshift(&[
        "cost",
        SAMPLE,
        "--target",
        "chinanorth3",
        "--prices",
        "tests/fixtures/cost/mixed-currencies.csv",
        "--prices",
        "tests/fixtures/cost/china-price-sheet.csv",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("cost.prices-mixed-currencies"), "{text}");
    assert!(text.contains("rows used from your files"), "{text}");
}

#[test]
fn plan_prints_waves_durations_and_the_caveat() {
    let output = regionshift(&["plan", SAMPLE, "--max-wave", "20", "--workers", "2", "--bandwidth-mbps", "200"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("Migration plan: 344 resources in "), "{text}");
    assert!(text.contains("  wave   1    20 resources  Foundation"), "{text}");
    assert!(text.contains("bandwidth = 200 Mbps"), "{text}");
    assert!(text.contains("workers = 2"), "{text}");
    assert!(text.contains("This plan is a draft"), "{text}");
    for line in text.lines().filter(|l| l.starts_with("  wave ")) {
        let count: usize = line.split_whitespace().nth(2).unwrap().parse().unwrap();
        assert!(count <= 20 || text.contains("Cycles"), "{line}");
    }
}

#[test]
fn plan_json_groups_by_tag() {
    let output = regionshift(&["plan", SAMPLE, "--group-by", "tag:workload", "--json"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let groups = value["plan"]["groups"].as_array().unwrap();
    assert!(!groups.is_empty());
    let waves = value["plan"]["waves"].as_array().unwrap();
    let planned: usize = waves.iter().map(|w| w["resources"].as_array().unwrap().len()).sum();
    assert_eq!(planned, 344);
    for bad in [&["plan", SAMPLE, "--group-by", "tag:"][..], &["plan", SAMPLE, "--workers", "0"]] {
        assert_eq!(regionshift(bad).status.code(), Some(2), "{bad:?}");
    }
}

/// The views print exactly the golden files the core's tests render with
/// `report::text`: one presentation path.
#[test]
fn the_views_print_the_report_text_of_the_golden_files() {
    for (args, golden) in [
        // The core's goldens judge retirements on the retirement table's date.
        (
            &["assess", SAMPLE, "--target", "chinanorth3", "--date", "2026-12-06"][..],
            "assessment-sample-chinanorth3.txt",
        ),
        (&["cost", SAMPLE, "--target", "chinanorth3", "--date", "2026-12-06"], "cost-sample-chinanorth3.txt"),
        (&["plan", SAMPLE, "--date", "2026-12-06"], "plan-sample.txt"),
        (&["compare", SAMPLE, "--date", "2026-12-06"], "compare-sample.txt"),
        (&["compare", SAMPLE, "--date", "2026-12-06", "--json"], "compare-sample.json"),
    ] {
        let output = regionshift(args);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let path = format!("{}/../../tests/golden/{golden}", env!("CARGO_MANIFEST_DIR"));
        let expected = std::fs::read_to_string(path).unwrap();
        assert!(String::from_utf8(output.stdout).unwrap() == expected, "{args:?} differs from tests/golden/{golden}");
    }
}

const SPEND: &str = "tests/fixtures/spend/sample-estate-ea-actual.csv";

/// `--spend`: today is the export's actual spend, matched resource by resource, as the
/// golden file shows; JSON carries `cost.spend` with exact totals.
#[test]
fn cost_with_a_spend_export_prints_the_actual_spend_and_its_json() {
    let output = regionshift(&["cost", SAMPLE, "--target", "chinanorth3", "--spend", SPEND]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let expected = std::fs::read_to_string(format!(
        "{}/../../tests/golden/cost-sample-chinanorth3-spend.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert!(String::from_utf8(output.stdout).unwrap() == expected, "differs from cost-sample-chinanorth3-spend.txt");

    let output = regionshift(&["cost", SAMPLE, "--target", "chinaeast2", "--json", "--spend", SPEND]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let spend = &value["cost"]["spend"];
    assert_eq!(spend["currency"], "USD");
    assert_eq!(spend["period_start"], "2026-01-01");
    assert_eq!(spend["months"], 3);
    assert_eq!(spend["total"], "30770.7986862513");
    assert_eq!(spend["matched_resources"], 174);
    let lines = spend["lines"].as_array().unwrap();
    assert_eq!(lines.len(), 174);
    assert!(lines.iter().all(|line| line["resource"].is_string() && line["monthly"].is_string()), "{}", lines[0]);
    let unmatched = spend["unmatched_rows"].as_array().unwrap();
    assert!(unmatched.iter().any(|row| row["resource_id"].as_str().unwrap().ends_with("/vm-deleted-01")));
    assert_eq!(value["cost"]["comparison"]["basis"], "actual-spend");
}

#[test]
fn a_bad_spend_file_exits_one_with_a_diagnostic_and_the_good_one_still_loads() {
    let dir = scratch("spend");
    let bad = dir.join("not-an-export.csv");
    std::fs::write(&bad, "Name,Colour\nvm-1,blue\n").unwrap();
    let output =
        regionshift(&["cost", SAMPLE, "--target", "chinanorth3", "--json", "--spend", bad.to_str().unwrap(), SPEND]);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(value["cost"]["spend"]["matched_resources"], 174);
    let diagnostics = value["diagnostics"].as_array().unwrap();
    let unusable = diagnostics.iter().find(|d| d["code"] == "spend.unusable").expect("a spend.unusable diagnostic");
    assert!(unusable["message"].as_str().unwrap().contains("not-an-export.csv"), "{unusable}");
    std::fs::remove_dir_all(dir).unwrap();
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("regionshift-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn analyze_writes_every_output_and_the_same_date_gives_the_same_bytes() {
    let dir = scratch("analyze");
    let run = |suffix: &str| {
        let html = dir.join(format!("report{suffix}.html"));
        let json = dir.join(format!("report{suffix}.json"));
        let markdown = dir.join(format!("summary{suffix}.md"));
        let csv = dir.join(format!("csv{suffix}"));
        let output = regionshift(&[
            "analyze",
            SAMPLE,
            "--target",
            "chinanorth3",
            "--date",
            "2026-11-25",
            "--workers",
            "2",
            "--html",
            html.to_str().unwrap(),
            "--json",
            json.to_str().unwrap(),
            "--markdown",
            markdown.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
        let read = |p: std::path::PathBuf| std::fs::read(p).unwrap();
        (read(html), read(json), read(markdown), ["findings.csv", "costs.csv", "plan.csv"].map(|n| read(csv.join(n))))
    };
    let first = run("1");
    let second = run("2");
    assert!(first == second, "two runs with the same date differ");
    let html = String::from_utf8(first.0).unwrap();
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.contains("2026-11-25"));
    let json: serde_json::Value = serde_json::from_slice(&first.1).unwrap();
    assert_eq!(json["schema"], "regionshift.report/1");
    assert_eq!(json["summary"]["resources"], 344);
    // The options reached the plan: two workers.
    assert!(json["scope"]["options"].to_string().contains('2'));
    let markdown = String::from_utf8(first.2).unwrap();
    assert!(markdown.contains("China North 3"), "{markdown}");
    for csv in &first.3 {
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "Excel-friendly CSV starts with a BOM");
    }
    // The report reopens: its embedded inputs and options give the same analysis.
    let Ok(regionshift_core::report::Reopened::Source { source, .. }) = regionshift_core::report::reopen(&html) else {
        panic!("an unredacted report carries its inputs")
    };
    assert_eq!(source.options.plan.workers.get(), 2);
    let again = regionshift_core::analyze(&source.files, &source.options);
    assert_eq!(again.summary.resources, 344);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn analyze_redacts_every_output() {
    let dir = scratch("redact");
    let html = dir.join("r.html");
    let csv = dir.join("csv");
    let output = regionshift(&[
        "analyze",
        SAMPLE,
        "--target",
        "chinanorth3",
        "--redact",
        "--date",
        "2026-11-25",
        "--html",
        html.to_str().unwrap(),
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let mut text = std::fs::read_to_string(&html).unwrap();
    for name in ["findings.csv", "costs.csv", "plan.csv"] {
        text.push_str(&std::fs::read_to_string(csv.join(name)).unwrap());
    }
    // With no output named, the redacted Markdown summary is printed.
    let printed = regionshift(&["analyze", SAMPLE, "--target", "chinanorth3", "--redact", "--date", "2026-11-25"]);
    assert_eq!(printed.status.code(), Some(0), "{}", String::from_utf8_lossy(&printed.stderr));
    text.push_str(&String::from_utf8(printed.stdout).unwrap());
    for secret in ["vm-retail-render-01", "rg-retail-data", "sqldb-orders", "redis-retail-session"] {
        assert!(!text.contains(secret), "{secret} survived redaction");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn analyze_refuses_bad_dates_and_needs_a_target() {
    for bad in [
        &["analyze", SAMPLE, "--target", "chinanorth3", "--date", "2026-02-30"][..],
        &["analyze", SAMPLE, "--target", "chinanorth3", "--date", "25/11/2026"],
        &["analyze", SAMPLE],
        &["analyze", SAMPLE, "--target", "chinanorth3", "--html"],
    ] {
        assert_eq!(regionshift(bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn the_cost_change_uses_the_exchange_rate_in_the_cli_and_the_report_alike() {
    let dir = scratch("delta");
    let json = dir.join("r.json");
    let output = regionshift(&[
        "analyze",
        SAMPLE,
        "--target",
        "chinanorth3",
        "--exchange-rate",
        "USD:CNY=7.1",
        "--date",
        "2026-11-25",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let delta = report["summary"]["cost"]["delta_monthly"].as_str().expect("a change with the rate").to_string();
    let text = regionshift(&["cost", SAMPLE, "--target", "chinanorth3", "--exchange-rate", "USD:CNY=7.1"]);
    let text = String::from_utf8(text.stdout).unwrap();
    let amount: rust_decimal::Decimal = delta.parse().unwrap();
    let shown = regionshift_core::units::Amount(amount).to_string();
    assert!(
        text.contains(&format!(
            "change against list prices:  CNY {}{shown}  over the ",
            if amount.is_sign_negative() { "" } else { "+" }
        )),
        "{text}\n{delta}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `compare --json` covers every target the catalog knows, each row agreeing with the
/// single-target analysis of the same target, and suggests a target with the fewest
/// blockers.
#[test]
fn compare_rows_agree_with_single_target_analyses() {
    let output = regionshift(&["compare", SAMPLE, "--json", "--exchange-rate", "USD:CNY=7.1"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let comparison: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(comparison["schema"], "regionshift.comparison/1");
    let rows = comparison["targets"].as_array().unwrap();
    assert_eq!(rows.len(), 16, "every known target");
    for row in rows {
        let target = row["target"].as_str().unwrap();
        let output = regionshift(&["cost", SAMPLE, "--json", "--target", target, "--exchange-rate", "USD:CNY=7.1"]);
        assert_eq!(output.status.code(), Some(0), "{target}");
        let analysis: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let summary = &analysis["assessment"]["summary"];
        for field in ["resources", "ready", "ready_with_conditions", "not_ready", "unknown"] {
            assert_eq!(row["readiness"][field], summary[field], "{target} {field}");
        }
        assert_eq!(row["blockers"], summary["blockers"], "{target}");
        assert_eq!(row["blockers_by_category"], summary["blockers_by_category"], "{target}");
        assert_eq!(row["cloud"], analysis["assessment"]["target_cloud"], "{target}");
        assert_eq!(row["crosses_clouds"], analysis["assessment"]["crosses_clouds"], "{target}");
        let estimate = &analysis["cost"]["target"];
        assert_eq!(row["monthly"]["currency"], estimate["currency"], "{target}");
        assert_eq!(row["monthly"]["total"], estimate["total_monthly"], "{target}");
        assert_eq!(row["monthly"]["priced_percent"], estimate["coverage"]["priced_percent"], "{target}");
        assert_eq!(row["plan_hours"], analysis["plan"]["total_hours"], "{target}");
        assert_eq!(row["waves"].as_u64().unwrap() as usize, analysis["plan"]["waves"].as_array().unwrap().len());
    }
    let suggested = comparison["suggestion"]["target"].as_str().unwrap();
    let blockers = |row: &serde_json::Value| row["blockers"].as_u64().unwrap();
    let suggested_blockers = rows.iter().find(|row| row["target"] == suggested).map(blockers).unwrap();
    assert!(rows.iter().all(|row| suggested_blockers <= blockers(row)));
    assert!(!comparison["suggestion"]["reasons"].as_array().unwrap().is_empty());
}

#[test]
fn compare_takes_targets_and_a_rule_and_refuses_unknown_ones() {
    let output =
        regionshift(&["compare", SAMPLE, "--targets", "chinaeast2,chinanorth3", "--rank", "duration,blockers"]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Comparison of 2 targets for 344 resources, ranked by shortest move, then fewest blockers"),
        "{text}"
    );
    assert!(text.contains("Suggestion: China North 3 (chinanorth3)"), "{text}");
    // A price file that cannot be used is an input that could not be used: exit 1.
    let output = regionshift(&[
        "compare",
        SAMPLE,
        "--targets",
        "chinanorth3",
        "--prices",
        "tests/fixtures/cost/mixed-currencies.csv",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cost.prices-mixed-currencies"));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["diagnostics"][0]["code"], "cost.prices-mixed-currencies");
    for bad in [
        &["compare", SAMPLE, "--targets", "chinanorth3,Mars Central"][..],
        &["compare", SAMPLE, "--rank", "cheapest"],
        &["analyze", SAMPLE, "--target", "chinanorth3", "--rank", "cost"],
    ] {
        let output = regionshift(bad);
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn analyze_adds_the_comparison_to_the_report_and_the_summary_when_asked() {
    let dir = scratch("compare");
    let html = dir.join("report.html");
    let markdown = dir.join("summary.md");
    let output = regionshift(&[
        "analyze",
        SAMPLE,
        "--target",
        "chinanorth3",
        "--compare",
        "chinanorth3,chinaeast2",
        "--date",
        "2026-12-06",
        "--html",
        html.to_str().unwrap(),
        "--markdown",
        markdown.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains("data-testid=\"report-comparison\""));
    assert!(html.contains("Suggestion: China North 3 (chinanorth3)"));
    let markdown = std::fs::read_to_string(markdown).unwrap();
    assert!(markdown.contains("## Comparison of targets"), "{markdown}");
    assert!(markdown.contains("current target"), "the analysis's own target is marked: {markdown}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The price files that once made the binary panic (exit 134: a meter starting with a
/// non-ASCII letter, prices beyond `Decimal`) end with exit 0 or 1 and a message.
#[test]
fn the_fuzz_regression_price_files_end_with_a_message_not_a_panic() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/fuzz/prices");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("tests/fixtures/fuzz/prices")
        .flatten()
        .map(|entry| entry.file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert!(names.len() >= 4, "{names:?}");
    for name in names {
        let prices = format!("tests/fixtures/fuzz/prices/{name}");
        let output =
            regionshift(&["cost", SHOP, "--target", "chinanorth3", "--prices", &prices, "--date", "2026-12-06"]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(matches!(output.status.code(), Some(0 | 1)), "{name}: {:?} {stderr}", output.status);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(!output.stdout.is_empty(), "{name}: no output");
    }
}
