//! The `regionshift` binary: output, JSON schema and exit codes.

use std::process::Command;

fn regionshift(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_regionshift"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
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
