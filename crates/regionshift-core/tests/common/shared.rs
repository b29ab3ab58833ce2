//! Where the team's shared material is (`../shared`: the real exports of `corpus/` and
//! `wild/`), for every test that reads it: next to the repository, next to the folder
//! holding a git worktree of it, or where `REGIONSHIFT_SHARED` points. The material is
//! part of the test suite (CI always has it), so a test that needs it FAILS when it is
//! missing, with this message, instead of passing having checked nothing. The one
//! helper for the integration tests (`common::shared`) and the unit tests beside the
//! code (`inventory/mod.rs` includes this file under `#[cfg(test)]`).

use std::path::{Path, PathBuf};

/// `../shared/SUB`; panics, naming where it looked, when it is not there.
pub fn shared(sub: &str) -> PathBuf {
    let repo = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    let candidates: Vec<PathBuf> = match std::env::var_os("REGIONSHIFT_SHARED") {
        Some(shared) => vec![PathBuf::from(shared).join(sub)],
        None => vec![repo.join("../shared").join(sub), repo.join("../../shared").join(sub)],
    };
    match candidates.iter().find(|dir| dir.is_dir()) {
        Some(found) => found.clone(),
        None => panic!(
            "{} is missing: the shared material is part of the test suite (put ../shared next to the repository, or set REGIONSHIFT_SHARED to its folder)",
            candidates.first().map(|c| c.display().to_string()).unwrap_or_default()
        ),
    }
}
