//! The fuzz targets run in `cargo test` on their seeds and on every regression fixture
//! (`tests/fixtures/fuzz/TARGET/`), so a target that stops compiling or a crash that
//! comes back fails CI, not only the next fuzzing session.

use regionshift_core::AnalysisOptions;
use regionshift_dev::fuzz::{files_under, run, seeds, Target};

#[test]
fn every_target_runs_its_repository_seeds_and_regressions() {
    for target in Target::ALL {
        // The repository's own fixtures only: the shared material is read by the tests
        // that need it, and its absence is theirs to report.
        let ours: Vec<_> = seeds(target)
            .into_iter()
            .filter(|path| path.starts_with(regionshift_dev::fuzz::repo().join("tests")))
            .collect();
        let files = files_under(&ours);
        assert!(!files.is_empty(), "{}: no seeds in {ours:?}", target.name());
        for file in files {
            let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            run(target, &bytes);
        }
    }
}

#[test]
fn the_analyze_seeds_are_valid_options() {
    let dir = regionshift_dev::fuzz::repo().join("tests/fixtures/fuzz/analyze");
    for file in files_under(&[dir]) {
        let text = std::fs::read_to_string(&file).unwrap();
        let line = text.lines().next().unwrap_or_default();
        let options: AnalysisOptions = serde_json::from_str(line).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        options.validate().unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    }
}

#[test]
fn target_names_read_back() {
    for target in Target::ALL {
        assert_eq!(Target::from_name(target.name()), Some(target));
    }
    assert_eq!(Target::from_name("nothing"), None);
}
