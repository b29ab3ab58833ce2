//! The `regionshift` command-line tool: reads files, calls the core, prints results.
//!
//! Exit codes: 0 success, 1 an input file could not be used, 2 the command line is wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use regionshift::assess::Readiness;
use regionshift::catalog::{Catalog, Provenance};
use regionshift::inventory::{InputFile, Location, DEFAULT_MAX_FILE_BYTES};
use regionshift::{analyze, Analysis, AnalysisOptions, Severity};

const USAGE: &str = "\
regionshift: plan an Azure region move, offline

Usage:
  regionshift inventory FILE... [--json] [--max-file-mb N]
  regionshift assess FILE... --target REGION [--catalog FILE...] [--json] [--max-file-mb N]
  regionshift --help | --version

Commands:
  inventory   import Azure exports (az resource list, Resource Graph, ARM templates,
              portal CSV), merge them, and print counts, gaps and diagnostics
  assess      say for every resource whether it is ready for the target region, what
              breaks, what to use instead, and how to move it

Options:
  --target REGION   the region to move to (chinanorth3, \"China North 3\", eastus, ...)
  --catalog FILE    az provider list or az vm list-skus output taken in the target
                    cloud; replaces the embedded catalog for what it covers (repeatable)
  --json            print the result as JSON (schema regionshift.analysis/1)
  --max-file-mb N   refuse files larger than N MiB (default 512)

Exit codes: 0 ok, 1 an input file could not be used, 2 usage error";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Inventory,
    Assess,
}

enum Command {
    Help,
    Version,
    Run(RunArgs),
}

struct RunArgs {
    mode: Mode,
    files: Vec<PathBuf>,
    catalog: Vec<PathBuf>,
    target: Option<Location>,
    json: bool,
    max_file_bytes: u64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Err(message) => {
            eprintln!("regionshift: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Version) => {
            println!("regionshift {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Command::Run(args)) => run(&args),
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some(command) = args.first() else { return Err("no command given".into()) };
    let mode = match command.as_str() {
        "-h" | "--help" | "help" => return Ok(Command::Help),
        "-V" | "--version" => return Ok(Command::Version),
        "inventory" => Mode::Inventory,
        "assess" => Mode::Assess,
        other => return Err(format!("unknown command {other:?}")),
    };
    let mut parsed = RunArgs {
        mode,
        files: Vec::new(),
        catalog: Vec::new(),
        target: None,
        json: false,
        max_file_bytes: DEFAULT_MAX_FILE_BYTES,
    };
    let mut rest = args[1..].iter();
    let mut only_files = false;
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            _ if only_files => parsed.files.push(PathBuf::from(arg)),
            "--" => only_files = true,
            "--json" => parsed.json = true,
            "--max-file-mb" => {
                let value = rest.next().ok_or("--max-file-mb needs a number of MiB")?;
                let mib: u64 = value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--max-file-mb takes a positive whole number, not {value:?}"))?;
                parsed.max_file_bytes = mib.saturating_mul(1024 * 1024);
            }
            "--target" if mode == Mode::Assess => {
                let value = rest.next().ok_or("--target needs a region")?;
                parsed.target = Some(target_region(value)?);
            }
            "--catalog" if mode == Mode::Assess => {
                parsed.catalog.push(PathBuf::from(rest.next().ok_or("--catalog needs a file")?));
            }
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option {flag:?} for {command}"))
            }
            file => parsed.files.push(PathBuf::from(file)),
        }
    }
    if parsed.files.is_empty() {
        return Err(format!("{command} needs at least one FILE"));
    }
    if mode == Mode::Assess && parsed.target.is_none() {
        return Err("assess needs --target REGION".into());
    }
    Ok(Command::Run(parsed))
}

/// A target must be a region the catalog knows.
fn target_region(text: &str) -> Result<Location, String> {
    let catalog = Catalog::embedded();
    match Location::new(text) {
        Some(location) if catalog.knows_region(&location) => Ok(location),
        _ => {
            let known: Vec<&str> = regionshift::regions::all()
                .iter()
                .map(|r| r.name.as_str())
                .filter(|name| Location::new(name).is_some_and(|l| catalog.knows_region(&l)))
                .collect();
            Err(format!("--target {text:?} is not a region the catalog knows; choose one of {}", known.join(", ")))
        }
    }
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

fn run(args: &RunArgs) -> ExitCode {
    let mut unreadable = Vec::new();
    let inputs = read_files(&args.files, args.max_file_bytes, &mut unreadable);
    let mut options = AnalysisOptions::default();
    options.import.max_file_bytes = args.max_file_bytes;
    options.target = args.target.clone();
    options.catalog_files = read_files(&args.catalog, args.max_file_bytes, &mut unreadable);
    let analysis = analyze(&inputs, &options);
    let mut out = std::io::stdout().lock();
    let written = match (args.json, args.mode) {
        (true, _) => print_json(&mut out, &analysis),
        (false, Mode::Inventory) => print_text(&mut out, &analysis),
        (false, Mode::Assess) => print_assessment(&mut out, &analysis),
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
    let catalog_errors =
        analysis.diagnostics.iter().any(|d| d.code.starts_with("catalog.") && d.severity == Severity::Error);
    if analysis.has_file_errors() || !unreadable.is_empty() || catalog_errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_json(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, analysis).map_err(std::io::Error::other)?;
    writeln!(out)
}

fn print_text(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    let summary = &analysis.summary;
    writeln!(out, "{} resources from {} file(s)", summary.resources, analysis.files.len())?;
    writeln!(out)?;
    writeln!(out, "Files")?;
    for file in &analysis.files {
        match (&file.error, file.format) {
            (Some(error), _) => writeln!(out, "  {}  NOT IMPORTED: {error}", file.name)?,
            (None, Some(format)) => writeln!(
                out,
                "  {}  {} ({}), {} records, {} imported, {} skipped",
                file.name,
                format.label(),
                file.encoding.map_or("?", |e| e.label()),
                file.records,
                file.imported,
                file.skipped
            )?,
            (None, None) => writeln!(out, "  {}", file.name)?,
        }
    }
    for (title, counts) in [
        ("By type", &summary.by_type),
        ("By location", &summary.by_location),
        ("By resource group", &summary.by_resource_group),
        ("By subscription", &summary.by_subscription),
    ] {
        if counts.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{title}")?;
        for count in counts {
            if count.label == count.key {
                writeln!(out, "  {:>7}  {}", count.count, count.key)?;
            } else {
                writeln!(out, "  {:>7}  {} ({})", count.count, count.label, count.key)?;
            }
        }
    }
    if !analysis.completeness.gaps.is_empty() {
        writeln!(out)?;
        writeln!(out, "What the input lacks")?;
        for gap in &analysis.completeness.gaps {
            writeln!(out, "  {} resources: no {}", gap.resources, gap.missing)?;
            writeln!(out, "    limits: {}", gap.limits)?;
            writeln!(out, "    fix: {}", gap.remedy)?;
        }
        writeln!(out)?;
        writeln!(out, "Export kit")?;
        for command in &analysis.completeness.export_kit {
            writeln!(out, "  # {} ({})", command.title, command.why)?;
            for line in command.command.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    print_diagnostics(out, analysis)
}

fn print_assessment(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    let Some(assessment) = &analysis.assessment else { return print_text(out, analysis) };
    let summary = &assessment.summary;
    writeln!(
        out,
        "Assessment of {} resources for {} ({}){}",
        summary.resources,
        assessment.target_display_name,
        assessment.target,
        if assessment.crosses_clouds { ", a move across clouds" } else { "" }
    )?;
    writeln!(
        out,
        "  ready {}, ready with conditions {}, not ready {}, unknown {}; {} blockers, {} warnings",
        summary.ready,
        summary.ready_with_conditions,
        summary.not_ready,
        summary.unknown,
        summary.blockers,
        summary.warnings
    )?;
    for (category, count) in &summary.blockers_by_category {
        writeln!(out, "  blockers in {category}: {count}")?;
    }
    let user_parts: Vec<String> = analysis
        .catalog
        .parts
        .iter()
        .filter(|p| matches!(p.provenance, Provenance::User { .. }))
        .map(|p| format!("{} ({})", p.part, p.region.as_deref().unwrap_or("all regions")))
        .collect();
    writeln!(
        out,
        "  catalog snapshot of {}{}",
        analysis.catalog.as_of,
        if user_parts.is_empty() { String::new() } else { format!("; from your files: {}", user_parts.join(", ")) }
    )?;
    if !assessment.unknown_causes.is_empty() {
        writeln!(out)?;
        writeln!(out, "Left unknown by missing input")?;
        for cause in &assessment.unknown_causes {
            writeln!(out, "  {} resources lack {}: {}", cause.resources, cause.field, cause.how_to_export)?;
        }
    }
    for (title, wanted) in
        [("Not ready", Readiness::NotReady), ("Ready with conditions", Readiness::ReadyWithConditions)]
    {
        let resources: Vec<_> = assessment.resources.iter().filter(|r| r.readiness == wanted).collect();
        if resources.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{title} ({})", resources.len())?;
        for resource in resources {
            writeln!(
                out,
                "  {} ({})  move: {}",
                resource.name,
                resource.resource_type,
                resource.method.method.label()
            )?;
            for &index in &resource.findings {
                let finding = &assessment.findings[index];
                writeln!(
                    out,
                    "    {} {} {}: {} [{} = {}]",
                    finding.severity.label(),
                    finding.rule,
                    finding.rule_name,
                    finding.message,
                    finding.evidence.path,
                    finding.evidence.value
                )?;
                if !finding.alternatives.is_empty() {
                    writeln!(out, "      instead: {}", finding.alternatives.join("; "))?;
                }
            }
        }
    }
    print_diagnostics(out, analysis)
}

fn print_diagnostics(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    if !analysis.diagnostics.is_empty() {
        writeln!(out)?;
        writeln!(out, "Diagnostics")?;
        for diagnostic in &analysis.diagnostics {
            writeln!(out, "  {diagnostic}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_inventory_options() {
        let Ok(Command::Run(parsed)) =
            parse_args(&args(&["inventory", "a.json", "--json", "--max-file-mb", "3", "b.csv"]))
        else {
            panic!("not parsed")
        };
        assert_eq!(parsed.files, [PathBuf::from("a.json"), PathBuf::from("b.csv")]);
        assert!(parsed.json);
        assert_eq!(parsed.max_file_bytes, 3 * 1024 * 1024);
    }

    #[test]
    fn parses_assess_options_and_normalises_the_target() {
        let Ok(Command::Run(parsed)) =
            parse_args(&args(&["assess", "a.json", "--target", "China North 3", "--catalog", "skus.json"]))
        else {
            panic!("not parsed")
        };
        assert_eq!(parsed.mode, Mode::Assess);
        assert_eq!(parsed.target.unwrap().as_str(), "chinanorth3");
        assert_eq!(parsed.catalog, [PathBuf::from("skus.json")]);
    }

    #[test]
    fn refuses_bad_command_lines() {
        for bad in [
            &[][..],
            &["inventory"],
            &["inventory", "--bogus", "x"],
            &["frobnicate"],
            &["inventory", "x", "--max-file-mb", "lots"],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?} accepted");
        }
    }
}
