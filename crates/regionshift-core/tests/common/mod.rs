//! Helpers the integration tests share: where the repository is, the sample estate,
//! and golden files (`REGIONSHIFT_BLESS=1` rewrites them after an intended change).
#![allow(dead_code)] // each test crate uses its own part of this module

pub mod shared;

use std::path::{Path, PathBuf};

use regionshift_core::inventory::{import, ImportOptions, Inventory};
use regionshift_core::InputFile;

pub fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The embedded sample estate as bytes, named as the app names it.
pub fn sample_file() -> InputFile {
    let bytes = std::fs::read(repo().join("data/sample-estate.json")).expect("data/sample-estate.json");
    InputFile::new("sample-estate.json", bytes)
}

/// The sample estate, imported.
pub fn sample_inventory() -> Inventory {
    import(&[sample_file()], &ImportOptions::default()).inventory
}

/// Compares `actual` with `tests/golden/NAME`, or rewrites the file when
/// `REGIONSHIFT_BLESS` is set. A difference names the first line that differs.
pub fn golden(name: &str, actual: &str) {
    let path: PathBuf = repo().join("tests/golden").join(name);
    if std::env::var_os("REGIONSHIFT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("tests/golden")).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing; create it with REGIONSHIFT_BLESS=1", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or_else(|| {
            // One is a prefix of the other: the first line only one of them has.
            expected.lines().count().min(actual.lines().count())
        });
        panic!(
            "{name} differs from the golden file at line {}:\nexpected: {}\nactual:   {}\n\
             (rerun with REGIONSHIFT_BLESS=1 after an intended change, and review the diff)",
            line + 1,
            expected.lines().nth(line).unwrap_or("(no line)").chars().take(300).collect::<String>(),
            actual.lines().nth(line).unwrap_or("(no line)").chars().take(300).collect::<String>()
        );
    }
}
