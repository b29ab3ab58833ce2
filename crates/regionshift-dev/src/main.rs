//! `regionshift-dev`: the team's development commands, never shipped.
//!
//! ```text
//! cargo run -p regionshift-dev -- synth N [SEED]   # a synthetic Resource Graph export of N resources on stdout
//! cargo run -p regionshift-dev -- bless            # rewrite the golden files from the real renderers, then show what changed
//! cargo run -p regionshift-dev -- sample           # write data/sample-estate.json, the sample estate the app ships
//! cargo run -p regionshift-dev -- sample --check   # fail (exit 1) when data/sample-estate.json is stale
//! cargo run -p regionshift-dev -- spend-sample     # write the sample estate's spend fixture (tests/fixtures/spend/)
//! cargo run -p regionshift-dev -- spend-sample --check
//! ```

use std::io::Write;
use std::path::Path;
use std::process::{Command, ExitCode};

use regionshift_dev::sample;

const USAGE: &str = "usage: regionshift-dev synth N [SEED] | regionshift-dev bless | regionshift-dev sample [--check] | regionshift-dev spend-sample [--check]";

/// The repository root, where the commands read and write.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

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
        ["sample"] => write_sample(false),
        ["sample", "--check"] => write_sample(true),
        ["spend-sample"] => write_spend_sample(false),
        ["spend-sample", "--check"] => write_spend_sample(true),
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
    let root = ROOT;
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

/// Writes the sample estate from its generator, or with `check` only compares: exit 1
/// when the committed file differs from what the generator writes.
fn write_sample(check: bool) -> ExitCode {
    let path = Path::new(ROOT).join(sample::PATH);
    let text = match sample::generate() {
        Ok(text) => text,
        Err(problems) => {
            eprintln!("regionshift-dev: the sample estate is not consistent:\n{problems}");
            return ExitCode::FAILURE;
        }
    };
    if check {
        return match std::fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => ExitCode::SUCCESS,
            _ => {
                eprintln!("{} is stale: run `cargo run -p regionshift-dev -- sample`", sample::PATH);
                ExitCode::FAILURE
            }
        };
    }
    if let Err(error) = std::fs::write(&path, &text) {
        eprintln!("regionshift-dev: cannot write {}: {error}", path.display());
        return ExitCode::FAILURE;
    }
    let (resources, types) = sample::summary(&text).unwrap_or_default();
    println!("wrote {}: {resources} resources, {types} types, {} bytes", sample::PATH, text.len());
    ExitCode::SUCCESS
}

/// Writes the sample estate's spend fixture: every resource of `data/sample-estate.json`
/// the China North 3 estimate does not find free is billed, but for every twentieth
/// (made after the export, so without spend).
fn write_spend_sample(check: bool) -> ExitCode {
    use regionshift_core::azure::Location;
    use regionshift_core::catalog::Catalog;
    use regionshift_core::cost::{estimate, CostOptions, PriceBook};
    use regionshift_core::inventory::{import, ImportOptions};
    use regionshift_dev::spend;

    let estate = match std::fs::read(Path::new(ROOT).join(sample::PATH)) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("regionshift-dev: cannot read {}: {error}", sample::PATH);
            return ExitCode::FAILURE;
        }
    };
    let inventory =
        import(&[regionshift_core::InputFile::new("sample-estate.json", estate)], &ImportOptions::default()).inventory;
    let Some(target) = Location::new("chinanorth3") else { return ExitCode::FAILURE };
    let cost =
        estimate(&inventory, &target, &PriceBook::embedded(), Some(&Catalog::embedded()), &CostOptions::default());
    let free: std::collections::HashSet<&str> = cost.free.iter().map(|id| id.key()).collect();
    let billed: Vec<spend::Billed<'_>> = inventory
        .resources
        .iter()
        .filter(|r| !free.contains(r.id.key()))
        .enumerate()
        .filter(|(i, _)| i % 20 != 19)
        .map(|(_, r)| spend::Billed { id: r.id.as_str(), location: r.location.as_ref().map_or("", |l| l.as_str()) })
        .collect();
    let (text, written) = spend::sample_export(&billed);
    let path = Path::new(ROOT).join(spend::SAMPLE_PATH);
    if check {
        return match std::fs::read(&path) {
            Ok(bytes) if bytes == text.as_bytes() => ExitCode::SUCCESS,
            _ => {
                eprintln!("{} is stale: run `cargo run -p regionshift-dev -- spend-sample`", spend::SAMPLE_PATH);
                ExitCode::FAILURE
            }
        };
    }
    if let Err(error) = std::fs::write(&path, &text) {
        eprintln!("regionshift-dev: cannot write {}: {error}", path.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {}: {} rows for {} resources, {} bytes; total {} USD, {} USD of it on the estate's resources",
        spend::SAMPLE_PATH,
        written.rows,
        billed.len(),
        written.bytes,
        spend::Written::text(written.total_units),
        spend::Written::text(written.matched_units)
    );
    ExitCode::SUCCESS
}
