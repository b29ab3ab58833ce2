//! The `regionshift` command-line tool: reads files, calls the core (`analyze`, and for
//! a comparison `compare` on that analysis), prints results.
//!
//! Exit codes: 0 success, 1 an input file (inventory, catalog, prices or spend) could not
//! be used, 2 the command line is wrong.

mod args;

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use args::{Cli, Mode, Outputs, RunArgs};
use clap::{CommandFactory, Parser};
use std::sync::Arc;

use regionshift_core::compare::{self, Comparison};
use regionshift_core::input::InputFile;
use regionshift_core::report::{self, ReportOptions, Source};
use regionshift_core::spend::SpendLoader;
use regionshift_core::units::Date;
use regionshift_core::{analyze, analyze_with_spend, Analysis, Severity};

fn main() -> ExitCode {
    let args = match Cli::parse().into_run() {
        Ok(args) => args,
        Err(message) => Cli::command().error(clap::error::ErrorKind::ValueValidation, message).exit(),
    };
    run(&args)
}

/// Today (UTC) as `YYYY-MM-DD`, from the system clock: the shell reads the clock, the
/// core never does.
fn today() -> Date {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Date::from_days_since_epoch(seconds.div_euclid(86_400))
}

fn read_files(paths: &[PathBuf], max_file_bytes: u64, problems: &mut Vec<String>) -> Vec<InputFile> {
    let mut inputs = Vec::new();
    for path in paths {
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => problems.push(format!("{name}: is a directory")),
            Ok(meta) if meta.len() > max_file_bytes => problems.push(format!(
                "{name}: the file is {} MiB, over the {} MiB limit (--max-file-mb)",
                meta.len().div_ceil(1024 * 1024),
                max_file_bytes / (1024 * 1024)
            )),
            Ok(_) => match std::fs::read(path) {
                Ok(bytes) => inputs.push(InputFile::new(name, bytes)),
                Err(error) => problems.push(format!("{name}: {error}")),
            },
            Err(error) => problems.push(format!("{name}: {error}")),
        }
    }
    inputs
}

/// Streams the Cost Management exports through the spend reader in 1 MiB chunks (a
/// year's export can be gigabytes; no size limit applies). Files within the size limit
/// are kept whole too, for an unredacted report to embed; when any is larger, none is.
fn read_spend(paths: &[PathBuf], max_file_bytes: u64, problems: &mut Vec<String>) -> (SpendLoader, Vec<InputFile>) {
    let mut loader = SpendLoader::new();
    let mut kept = Some(Vec::new());
    for path in paths {
        let name = path.display().to_string();
        let mut file = match std::fs::File::open(path) {
            Ok(file) if file.metadata().is_ok_and(|meta| meta.is_dir()) => {
                problems.push(format!("{name}: is a directory"));
                continue;
            }
            Ok(file) => file,
            Err(error) => {
                problems.push(format!("{name}: {error}"));
                continue;
            }
        };
        if !file.metadata().is_ok_and(|meta| meta.len() <= max_file_bytes) {
            kept = None;
        }
        loader.begin(&name);
        let mut whole = Vec::new();
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            match file.read(&mut chunk) {
                Ok(0) => break,
                Ok(read) => {
                    loader.feed(&chunk[..read]);
                    if kept.is_some() {
                        whole.extend_from_slice(&chunk[..read]);
                    }
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    problems.push(format!("{name}: {error}"));
                    break;
                }
            }
        }
        loader.end();
        if let Some(kept) = &mut kept {
            kept.push(InputFile::new(name, whole));
        }
    }
    (loader, kept.unwrap_or_default())
}

fn run(args: &RunArgs) -> ExitCode {
    let mut unreadable = Vec::new();
    let inputs = read_files(&args.files, args.max_file_bytes, &mut unreadable);
    let mut options = args.options.clone();
    options.import.max_file_bytes = args.max_file_bytes;
    options.target = args.target.clone();
    options.date = Some(options.date.unwrap_or_else(today));
    options.catalog_files = read_files(&args.catalog, args.max_file_bytes, &mut unreadable);
    options.price_files = read_files(&args.prices, args.max_file_bytes, &mut unreadable);
    let analysis = if args.spend.is_empty() {
        analyze(&inputs, &options)
    } else {
        let (loader, kept) = read_spend(&args.spend, args.max_file_bytes, &mut unreadable);
        let (spend, diagnostics) = loader.finish();
        let analysis = analyze_with_spend(&inputs, &options, spend, diagnostics);
        options.spend_files = kept;
        analysis
    };
    // The comparison reuses the analysis's import: the inputs are not read again.
    let comparison = args.compare.as_ref().map(|compare| Arc::new(compare::compare(&analysis, &options, compare)));
    let mut out = std::io::stdout().lock();
    if args.mode == Mode::Analyze {
        let source = Source { files: inputs, options };
        return write_outputs(&mut out, &analysis, source, comparison, &args.outputs, &unreadable);
    }
    let written = match (&comparison, args.json) {
        (Some(comparison), true) => print_comparison_json(&mut out, comparison),
        (Some(comparison), false) => print_comparison(&mut out, &analysis, Arc::clone(comparison)),
        (None, true) => print_json(&mut out, &analysis),
        (None, false) => print_view(&mut out, &analysis, args.mode),
    };
    if let Err(error) = written {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("regionshift: cannot write output: {error}");
            return ExitCode::from(1);
        }
    }
    for problem in &unreadable {
        eprintln!("regionshift: cannot read {problem}");
    }
    // The price files are read by the comparison only (the analysis has no target).
    let comparison_diagnostics = comparison.as_ref().map_or(&[][..], |c| c.diagnostics.as_slice());
    for diagnostic in comparison_diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        eprintln!("regionshift: {diagnostic}");
    }
    if input_failed(&analysis, &unreadable) || comparison_diagnostics.iter().any(|d| d.severity == Severity::Error) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Did anything the user gave fail to load? Then the exit code is 1.
fn input_failed(analysis: &Analysis, unreadable: &[String]) -> bool {
    // A catalog, price or spend file that could not be used is an input file that could
    // not be used.
    let side_file_errors = analysis.diagnostics.iter().any(|d| {
        (d.code.starts_with("catalog.") || d.code.starts_with("cost.prices") || d.code.starts_with("spend."))
            && d.severity == Severity::Error
    });
    analysis.has_file_errors() || !unreadable.is_empty() || side_file_errors
}

/// `analyze`: builds the report once and writes every output asked for; prints the
/// Markdown summary when none was.
fn write_outputs(
    out: &mut impl Write,
    analysis: &Analysis,
    source: Source,
    comparison: Option<Arc<Comparison>>,
    outputs: &Outputs,
    unreadable: &[String],
) -> ExitCode {
    let date = source.options.date.unwrap_or_else(today).to_string();
    let options = ReportOptions {
        date,
        project: outputs.project.clone(),
        author: outputs.author.clone(),
        redact: outputs.redaction,
        source: Some(source),
        comparison,
        decisions: Default::default(),
    };
    let report = report::build(analysis, &options);
    let mut written: Vec<(PathBuf, String)> = Vec::new();
    if let Some(path) = &outputs.html {
        written.push((path.clone(), report::html::render(&report)));
    }
    if let Some(path) = &outputs.json {
        written.push((path.clone(), report::json(&report)));
    }
    if let Some(path) = &outputs.markdown {
        written.push((path.clone(), report::markdown::render(&report)));
    }
    if let Some(dir) = &outputs.csv {
        if let Err(error) = std::fs::create_dir_all(dir) {
            eprintln!("regionshift: cannot create {}: {error}", dir.display());
            return ExitCode::from(1);
        }
        written.push((dir.join("findings.csv"), report::csv::findings(&report)));
        written.push((dir.join("costs.csv"), report::csv::costs(&report)));
        written.push((dir.join("plan.csv"), report::csv::plan(&report)));
    }
    let mut failed = false;
    if written.is_empty() {
        if let Err(error) = out.write_all(report::markdown::render(&report).as_bytes()) {
            failed = error.kind() != std::io::ErrorKind::BrokenPipe;
        }
    }
    for (path, text) in &written {
        match std::fs::write(path, text) {
            Ok(()) => eprintln!("regionshift: wrote {} ({} bytes)", path.display(), text.len()),
            Err(error) => {
                eprintln!("regionshift: cannot write {}: {error}", path.display());
                failed = true;
            }
        }
    }
    for problem in unreadable {
        eprintln!("regionshift: cannot read {problem}");
    }
    for diagnostic in analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        eprintln!("regionshift: {diagnostic}");
    }
    if failed || input_failed(analysis, unreadable) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_json(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, analysis).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `compare --json`: the comparison (`regionshift.comparison/1`).
fn print_comparison_json(out: &mut impl Write, comparison: &Comparison) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, comparison).map_err(std::io::Error::other)?;
    writeln!(out)
}

/// `compare`'s view: the report model with its comparison section, rendered by
/// `report::text`, then the diagnostics.
fn print_comparison(out: &mut impl Write, analysis: &Analysis, comparison: Arc<Comparison>) -> std::io::Result<()> {
    let report = report::build(analysis, &ReportOptions { comparison: Some(comparison), ..ReportOptions::default() });
    out.write_all(report::text::comparison(&report).as_bytes())?;
    out.write_all(report::text::diagnostics(&report).as_bytes())
}

/// The command's view, as text: the report model is built once (unredacted; the date
/// is not shown) and rendered by `report::text`, then its diagnostics.
fn print_view(out: &mut impl Write, analysis: &Analysis, mode: Mode) -> std::io::Result<()> {
    let report = report::build(analysis, &ReportOptions::default());
    let view = match mode {
        Mode::Inventory => report::text::inventory(&report),
        Mode::Assess => report::text::assessment(&report),
        Mode::Cost => report::text::cost(&report),
        Mode::Plan | Mode::Compare | Mode::Analyze => report::text::plan(&report),
    };
    out.write_all(view.as_bytes())?;
    out.write_all(report::text::diagnostics(&report).as_bytes())
}
