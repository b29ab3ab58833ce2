//! The `regionshift` command-line tool: reads files, calls the core, prints results.
//!
//! Exit codes: 0 success, 1 an input file could not be used, 2 the command line is wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use regionshift::inventory::{InputFile, DEFAULT_MAX_FILE_BYTES};
use regionshift::{analyze, Analysis, AnalysisOptions};

const USAGE: &str = "\
regionshift: plan an Azure region move, offline

Usage:
  regionshift inventory FILE... [--json] [--max-file-mb N]
  regionshift --help | --version

Commands:
  inventory   import Azure exports (az resource list, Resource Graph, ARM templates,
              portal CSV), merge them, and print counts, gaps and diagnostics

Options:
  --json            print the result as JSON (schema regionshift.analysis/1)
  --max-file-mb N   refuse files larger than N MiB (default 512)

Exit codes: 0 ok, 1 an input file could not be used, 2 usage error";

enum Command {
    Help,
    Version,
    Inventory(InventoryArgs),
}

struct InventoryArgs {
    files: Vec<PathBuf>,
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
        Ok(Command::Inventory(args)) => run_inventory(&args),
    }
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some(command) = args.first() else { return Err("no command given".into()) };
    match command.as_str() {
        "-h" | "--help" | "help" => Ok(Command::Help),
        "-V" | "--version" => Ok(Command::Version),
        "inventory" => {
            let mut parsed = InventoryArgs { files: Vec::new(), json: false, max_file_bytes: DEFAULT_MAX_FILE_BYTES };
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
                    "-h" | "--help" => return Ok(Command::Help),
                    flag if flag.starts_with('-') && flag.len() > 1 => {
                        return Err(format!("unknown option {flag:?} for inventory"))
                    }
                    file => parsed.files.push(PathBuf::from(file)),
                }
            }
            if parsed.files.is_empty() {
                return Err("inventory needs at least one FILE".into());
            }
            Ok(Command::Inventory(parsed))
        }
        other => Err(format!("unknown command {other:?}")),
    }
}

fn run_inventory(args: &InventoryArgs) -> ExitCode {
    let mut inputs = Vec::new();
    let mut unreadable = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => unreadable.push(format!("{name}: is a directory")),
            Ok(meta) if meta.len() > args.max_file_bytes => unreadable.push(format!(
                "{name}: the file is {} MiB, over the {} MiB limit (--max-file-mb)",
                meta.len().div_ceil(1024 * 1024),
                args.max_file_bytes / (1024 * 1024)
            )),
            Ok(_) => match std::fs::read(path) {
                Ok(bytes) => inputs.push(InputFile::new(name, bytes)),
                Err(error) => unreadable.push(format!("{name}: {error}")),
            },
            Err(error) => unreadable.push(format!("{name}: {error}")),
        }
    }
    let mut options = AnalysisOptions::default();
    options.import.max_file_bytes = args.max_file_bytes;
    let analysis = analyze(&inputs, &options);
    let mut out = std::io::stdout().lock();
    let written = if args.json { print_json(&mut out, &analysis) } else { print_text(&mut out, &analysis) };
    if let Err(error) = written {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("regionshift: cannot write output: {error}");
            return ExitCode::from(1);
        }
    }
    for problem in &unreadable {
        eprintln!("regionshift: cannot read {problem}");
    }
    if analysis.has_file_errors() || !unreadable.is_empty() {
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
        let Ok(Command::Inventory(parsed)) =
            parse_args(&args(&["inventory", "a.json", "--json", "--max-file-mb", "3", "b.csv"]))
        else {
            panic!("not parsed")
        };
        assert_eq!(parsed.files, [PathBuf::from("a.json"), PathBuf::from("b.csv")]);
        assert!(parsed.json);
        assert_eq!(parsed.max_file_bytes, 3 * 1024 * 1024);
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
