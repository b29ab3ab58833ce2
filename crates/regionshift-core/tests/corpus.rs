//! Every real third-party export in `../shared/corpus/` imports without a file error.
//! The corpus is read in place and never copied into this repository; when it is
//! missing the tests fail (`common::shared`).

use std::path::{Path, PathBuf};

use regionshift_core::{analyze, AnalysisOptions, InputFile};

mod common;

fn corpus() -> PathBuf {
    common::shared::shared("corpus")
}

fn files_under(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn import_each(paths: &[PathBuf]) -> usize {
    let mut total = 0;
    for path in paths {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let analysis = analyze(&[InputFile::new(name.clone(), bytes)], &AnalysisOptions::default());
        let file = &analysis.files[0];
        assert!(file.error.is_none(), "{name}: {}", file.error.as_ref().unwrap());
        let skipped: Vec<String> =
            analysis.diagnostics.iter().filter(|d| d.code == "import.record-skipped").map(|d| d.to_string()).collect();
        assert!(skipped.is_empty(), "{name}: {skipped:#?}");
        println!(
            "{:>5} resources  {:<28} {}",
            analysis.summary.resources,
            file.format.map_or("?", |f| f.label()).chars().take(28).collect::<String>(),
            name
        );
        total += analysis.summary.resources;
    }
    total
}

#[test]
fn every_corpus_file_imports() {
    let dir = corpus();
    let json = files_under(&dir, "json");
    let csv = files_under(&dir, "csv");
    assert!(json.len() > 100 && csv.len() >= 8, "the corpus looks incomplete: {} json, {} csv", json.len(), csv.len());
    let total = import_each(&json) + import_each(&csv);
    println!("{total} resources from {} files", json.len() + csv.len());
}

#[test]
fn the_whole_corpus_imports_together_and_merges() {
    let dir = corpus();
    let mut inputs = Vec::new();
    for path in files_under(&dir.join("list"), "json").into_iter().chain(files_under(&dir.join("resources"), "json")) {
        inputs.push(InputFile::new(path.display().to_string(), std::fs::read(&path).unwrap()));
    }
    let analysis = analyze(&inputs, &AnalysisOptions::default());
    assert!(!analysis.has_file_errors());
    // Every resource keeps where it was read.
    assert!(analysis.inventory.resources.iter().all(|r| !r.sources.is_empty()));
    // Ids are unique ignoring case after merging.
    let mut keys: Vec<&str> = analysis.inventory.resources.iter().map(|r| r.id.key()).collect();
    let before = keys.len();
    keys.dedup();
    assert_eq!(keys.len(), before);
}
