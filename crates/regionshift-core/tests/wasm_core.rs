//! The core, compiled to WebAssembly and run in headless Chromium: the same import the
//! app performs, on the same inputs the native tests use.
#![cfg(target_arch = "wasm32")]

use regionshift_core::inventory::{FileError, InputFormat};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const SHOP: &str = include_str!("../../../tests/fixtures/inventory/shop-graph.json");

#[wasm_bindgen_test]
fn imports_a_resource_graph_export() {
    let analysis = analyze(&[InputFile::new("shop-graph.json", SHOP)], &AnalysisOptions::default());
    assert_eq!(analysis.summary.resources, 5);
    assert_eq!(analysis.files[0].format, Some(InputFormat::ResourceGraphCli));
    assert!(analysis.diagnostics.is_empty(), "{:?}", analysis.diagnostics);
}

#[wasm_bindgen_test]
fn imports_utf16_and_reports_garbage_without_losing_good_files() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(SHOP.encode_utf16().flat_map(u16::to_le_bytes));
    let inputs = [
        InputFile::new("garbage.json", include_str!("../../../tests/fixtures/inventory/garbage.json")),
        InputFile::new("shop-utf16.json", utf16),
    ];
    let analysis = analyze(&inputs, &AnalysisOptions::default());
    assert_eq!(analysis.summary.resources, 5);
    assert!(matches!(analysis.files[0].error, Some(FileError::NotJson { line: 1, .. })));
    assert!(analysis.files[1].error.is_none());
}

#[wasm_bindgen_test]
fn imports_the_embedded_sample_estate() {
    let sample = include_bytes!("../../../data/sample-estate.json");
    let analysis = analyze(&[InputFile::new("sample-estate.json", sample.to_vec())], &AnalysisOptions::default());
    assert!(analysis.summary.resources >= 200, "{}", analysis.summary.resources);
    assert!(!analysis.has_file_errors());
}

#[wasm_bindgen_test]
fn large_synthetic_inventories_import_in_the_browser() {
    // 20,000 resources built in memory: no file access, just the wasm heap.
    let mut text = String::from("[");
    for i in 0..20_000 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&format!(
            r#"{{"id":"/subscriptions/s/resourceGroups/g{}/providers/Microsoft.Network/networkInterfaces/nic{i}","location":"chinaeast2","properties":{{"ipConfigurations":[]}}}}"#,
            i % 7
        ));
    }
    text.push(']');
    let analysis = analyze(&[InputFile::new("big.json", text)], &AnalysisOptions::default());
    assert_eq!(analysis.summary.resources, 20_000);
    assert_eq!(analysis.summary.by_resource_group.len(), 7);
}
