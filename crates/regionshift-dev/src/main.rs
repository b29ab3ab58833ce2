//! `regionshift-dev`: the team's development commands, never shipped.
//!
//! ```text
//! cargo run -p regionshift-dev -- synth N [SEED]   # a synthetic Resource Graph export of N resources on stdout
//! cargo run -p regionshift-dev -- bless            # rewrite the golden files from the real renderers, then show what changed
//! cargo run -p regionshift-dev -- sample           # write data/sample-estate.json, the sample estate the app ships
//! cargo run -p regionshift-dev -- sample --check   # fail (exit 1) when data/sample-estate.json is stale
//! cargo run -p regionshift-dev -- spend-sample     # write the sample estate's spend fixture (tests/fixtures/spend/)
//! cargo run -p regionshift-dev -- spend-sample --check
//! cargo run -p regionshift-dev -- mutate --seed N --cases N [--timeout S] [--bin PATH] [--estate FILE] [--out DIR] FILE_OR_DIR...
//!                                                  # seeded mutations through the release CLI: no panic, no hang
//! cargo run -p regionshift-dev -- replay TARGET FILE_OR_DIR...
//!                                                  # run files through a fuzz target in this process (a crash's reproduction)
//! cargo run -p regionshift-dev -- seeds TARGET     # list a fuzz target's seed files
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use regionshift_dev::{fuzz, mutate, sample};

const USAGE: &str = "usage: regionshift-dev synth N [SEED] | regionshift-dev bless | regionshift-dev sample [--check] | regionshift-dev spend-sample [--check]
       regionshift-dev mutate [--seed N] [--cases N] [--timeout SECONDS] [--bin PATH] [--estate FILE] [--out DIR] [--spend] FILE_OR_DIR...
       regionshift-dev replay TARGET FILE_OR_DIR... | regionshift-dev seeds TARGET
       (fuzz targets: import, arm, delimited, prices, catalog, reopen, analyze)";

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
        ["mutate", rest @ ..] => mutate(rest),
        ["replay", target, paths @ ..] if !paths.is_empty() => replay(target, paths),
        ["seeds", target] => seeds(target),
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
fn fuzz_target(name: &str) -> Option<fuzz::Target> {
    let target = fuzz::Target::from_name(name);
    if target.is_none() {
        eprintln!("{USAGE}\nno fuzz target {name:?}");
    }
    target
}

/// Runs every file under `paths` through a fuzz target, in this process; a panic is the
/// core's and ends the command with it.
fn replay(target: &str, paths: &[&str]) -> ExitCode {
    let Some(target) = fuzz_target(target) else { return ExitCode::from(2) };
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let files = fuzz::files_under(&paths);
    for file in &files {
        match std::fs::read(file) {
            Ok(bytes) => {
                let started = std::time::Instant::now();
                fuzz::run(target, &bytes);
                println!("{}: ok in {:.3} s", file.display(), started.elapsed().as_secs_f64());
            }
            Err(error) => eprintln!("{}: {error}", file.display()),
        }
    }
    println!("{} file(s) through {} without a panic", files.len(), target.name());
    ExitCode::SUCCESS
}

/// Lists a fuzz target's seed files (read in place; `scripts/fuzz` links them into the
/// fuzzer's input folder).
fn seeds(target: &str) -> ExitCode {
    let Some(target) = fuzz_target(target) else { return ExitCode::from(2) };
    for file in fuzz::files_under(&fuzz::seeds(target)) {
        println!("{}", file.display());
    }
    ExitCode::SUCCESS
}

fn mutate(args: &[&str]) -> ExitCode {
    let target_dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| Path::new(ROOT).join("target"), PathBuf::from);
    let mut settings = mutate::Settings {
        seed: 1,
        cases: 3000,
        timeout: std::time::Duration::from_secs(20),
        binary: PathBuf::new(),
        estate: Path::new(ROOT).join("data/sample-estate.json"),
        out: target_dir.join("mutate"),
        inputs: Vec::new(),
        spend: false,
    };
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        let mut value = || rest.next().copied().ok_or(format!("{arg} needs a value"));
        let parsed: Result<(), String> = match arg {
            "--seed" => value()
                .and_then(|v| v.parse().map_err(|_| format!("--seed {v}: a whole number")))
                .map(|v| settings.seed = v),
            "--cases" => value()
                .and_then(|v| v.replace('_', "").parse().map_err(|_| format!("--cases {v}: a whole number")))
                .map(|v| settings.cases = v),
            "--timeout" => value()
                .and_then(|v| v.parse::<u64>().map_err(|_| format!("--timeout {v}: whole seconds")))
                .map(|v| settings.timeout = std::time::Duration::from_secs(v.max(1))),
            "--bin" => value().map(|v| settings.binary = PathBuf::from(v)),
            "--estate" => value().map(|v| settings.estate = PathBuf::from(v)),
            "--out" => value().map(|v| settings.out = PathBuf::from(v)),
            "--spend" => {
                settings.spend = true;
                Ok(())
            }
            path => {
                settings.inputs.push(PathBuf::from(path));
                Ok(())
            }
        };
        if let Err(message) = parsed {
            eprintln!("{USAGE}\n{message}");
            return ExitCode::from(2);
        }
    }
    if settings.inputs.is_empty() {
        eprintln!("{USAGE}\nname the files or folders to mutate");
        return ExitCode::from(2);
    }
    if settings.binary.as_os_str().is_empty() {
        // The release binary, as people run it (panic = "abort"): built here so a run
        // never tests a stale one.
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let built = Command::new(&cargo)
            .current_dir(ROOT)
            .args(["build", "--release", "--locked", "-p", "regionshift-cli"])
            .status();
        if !built.is_ok_and(|status| status.success()) {
            eprintln!("regionshift-dev: cannot build the release CLI");
            return ExitCode::FAILURE;
        }
        settings.binary = target_dir.join("release/regionshift");
    }
    match mutate::run(&settings) {
        Ok(tally) => {
            print!("{}", mutate::summary(&tally));
            if tally.failures() > 0 {
                println!("failures kept in {}", settings.out.join("failures").display());
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("regionshift-dev: {message}");
            ExitCode::FAILURE
        }
    }
}
