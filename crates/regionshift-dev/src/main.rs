//! `regionshift-dev`: the team's development commands, never shipped.
//!
//! ```text
//! cargo run -p regionshift-dev -- synth N [SEED]   # a synthetic Resource Graph export of N resources on stdout
//! cargo run -p regionshift-dev -- bless            # rewrite the golden files from the real renderers, then show what changed
//! ```

use std::io::Write;
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: regionshift-dev synth N [SEED] | regionshift-dev bless";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["synth", size, rest @ ..] if rest.len() <= 1 => {
            let (Ok(size), Ok(seed)) =
                (size.replace('_', "").parse::<usize>(), rest.first().map_or(Ok(1), |s| s.parse()))
            else {
                eprintln!("{USAGE}\nN and SEED are whole numbers");
                return ExitCode::from(2);
            };
            let text = regionshift_dev::synth::resource_graph_export(size, seed);
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("regionshift-dev: cannot write: {error}");
                    ExitCode::FAILURE
                }
            }
        }
        ["bless"] => bless(),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Runs the workspace's tests with `REGIONSHIFT_BLESS=1`, which makes every golden-file
/// comparison rewrite its file from the real output, then shows the change for review.
fn bless() -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let tests = Command::new(&cargo)
        .current_dir(root)
        .env("REGIONSHIFT_BLESS", "1")
        .args(["test", "--workspace", "--locked", "-q"])
        .status();
    match tests {
        Ok(status) if status.success() => {}
        Ok(_) => {
            eprintln!(
                "regionshift-dev: the tests failed with the goldens rewritten; fix them before reviewing the diff"
            );
            return ExitCode::FAILURE;
        }
        Err(error) => {
            eprintln!("regionshift-dev: cannot run {cargo}: {error}");
            return ExitCode::FAILURE;
        }
    }
    let _ = Command::new("git").current_dir(root).args(["diff", "--stat", "--", "tests/golden"]).status();
    eprintln!("regionshift-dev: goldens rewritten; review `git diff tests/golden` before committing");
    ExitCode::SUCCESS
}
