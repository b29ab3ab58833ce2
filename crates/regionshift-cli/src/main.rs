//! The `regionshift` command-line tool: reads files, calls the core, prints results.
//!
//! Exit codes: 0 success, 1 an input file could not be used, 2 the command line is wrong.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use regionshift_core::azure::Location;
use regionshift_core::catalog::Catalog;
use regionshift_core::cost::{self, ExchangeRate, HybridBenefit, Pricing};
use regionshift_core::input::{InputFile, DEFAULT_MAX_FILE_BYTES};
use regionshift_core::plan::GroupBy;
use regionshift_core::report::{self, Redaction, ReportOptions, Source};
use regionshift_core::units::Currency;
use regionshift_core::{analyze, Analysis, AnalysisOptions, Severity};
use rust_decimal::Decimal;

const USAGE: &str = "\
regionshift: plan an Azure region move, offline

Usage:
  regionshift inventory FILE... [--json] [--max-file-mb N]
  regionshift assess FILE... --target REGION [--catalog FILE...] [--json] [--max-file-mb N]
  regionshift cost FILE... --target REGION [--prices FILE...] [PRICING OPTIONS] [--json]
  regionshift plan FILE... [--target REGION] [PLAN OPTIONS] [--json]
  regionshift analyze FILE... --target REGION [--prices FILE...] [--catalog FILE...]
              [--html PATH] [--json PATH] [--csv DIR] [--markdown PATH] [--redact]
              [--date YYYY-MM-DD] [PRICING OPTIONS] [PLAN OPTIONS]
  regionshift --help | --version

Commands:
  inventory   import Azure exports (az resource list, Resource Graph, ARM templates,
              portal CSV), merge them, and print counts, gaps and diagnostics
  assess      say for every resource whether it is ready for the target region, what
              breaks, what to use instead, and how to move it
  cost        estimate what the estate costs per month in the target region, next to
              what it costs where it runs now, with the resources left unpriced and why
  plan        find the dependencies between resources and plan the move: move groups,
              waves in dependency order, durations and the critical path
  analyze     run everything and write the outputs: the offline HTML report, the
              report as JSON, CSV files (findings, costs, plan) and a Markdown summary;
              prints the Markdown summary when no output is named

Options:
  --target REGION   the region to move to (chinanorth3, \"China North 3\", eastus, ...)
  --catalog FILE    az provider list or az vm list-skus output taken in the target
                    cloud; replaces the embedded catalog for what it covers (repeatable)
  --json            print the result as JSON (schema regionshift.analysis/1)
  --max-file-mb N   refuse files larger than N MiB (default 512)

Pricing options (cost, analyze):
  --prices FILE           the Azure China price sheet CSV or a saved page of the Azure
                          Retail Prices API (JSON); overrides the embedded snapshot
                          for the prices it holds (repeatable)
  --pricing TERM          payg (default), 1y or 3y reservations where prices exist
  --hybrid-benefit WHICH  as-deployed (default: licenseType decides), all or none
  --discount PERCENT      take a negotiated discount off every line
  --hours-per-month N     hours in a month (default 730)
  --exchange-rate FROM:TO=RATE
                          show a total converted, e.g. USD:CNY=7.10; nothing is
                          converted without it
  --assume NAME=VALUE     change a usage assumption for every resource, e.g.
                          storage_gb=500 (see the README for the names)

Outputs (analyze):
  --html PATH             the self-contained offline report (embeds the inputs so it can
                          be reopened in the app, unless redacted)
  --json PATH             the report as JSON (schema regionshift.report/1)
  --csv DIR               findings.csv, costs.csv and plan.csv in DIR (created if needed)
  --markdown PATH         a Markdown summary for a wiki or a pull request
  --redact                replace names, ids, subscriptions, resource groups, tags and IP
                          addresses with stable pseudonyms in every output
  --date YYYY-MM-DD       the report's date (default: today); the same inputs, options
                          and date give byte-identical files

Plan options (plan, analyze):
  --group-by HOW          component (default), resource-group or tag:NAME
  --max-wave N            most resources in one wave (default 50, 0 = no limit)
  --bandwidth-mbps N      bandwidth for copying data (default 1000)
  --workers N             tasks run at the same time within a wave (default 4)
  --target REGION         plan cross-cloud methods when the target is in another cloud

Exit codes: 0 ok, 1 an input file could not be used, 2 usage error";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Inventory,
    Assess,
    Cost,
    Plan,
    Analyze,
}

enum Command {
    Help,
    Version,
    Run(Box<RunArgs>),
}

struct RunArgs {
    mode: Mode,
    files: Vec<PathBuf>,
    catalog: Vec<PathBuf>,
    prices: Vec<PathBuf>,
    target: Option<Location>,
    json: bool,
    max_file_bytes: u64,
    /// Everything else the analysis is asked to do differently (pricing, planning).
    options: AnalysisOptions,
    outputs: Outputs,
}

/// Where `analyze` writes what.
#[derive(Debug, Default)]
struct Outputs {
    html: Option<PathBuf>,
    json: Option<PathBuf>,
    csv: Option<PathBuf>,
    markdown: Option<PathBuf>,
    redaction: Redaction,
    date: Option<String>,
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
        "cost" => Mode::Cost,
        "plan" => Mode::Plan,
        "analyze" | "analyse" => Mode::Analyze,
        other => return Err(format!("unknown command {other:?}")),
    };
    let mut parsed = RunArgs {
        mode,
        files: Vec::new(),
        catalog: Vec::new(),
        prices: Vec::new(),
        target: None,
        json: false,
        max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        options: AnalysisOptions::default(),
        outputs: Outputs::default(),
    };

    let mut rest = args[1..].iter();
    let mut only_files = false;
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            _ if only_files => parsed.files.push(PathBuf::from(arg)),
            "--" => only_files = true,
            "--json" if mode == Mode::Analyze => {
                parsed.outputs.json = Some(PathBuf::from(rest.next().ok_or("--json needs a PATH for analyze")?));
            }
            "--html" | "--csv" | "--markdown" if mode == Mode::Analyze => {
                let path = PathBuf::from(rest.next().ok_or_else(|| format!("{arg} needs a path"))?);
                match arg.as_str() {
                    "--html" => parsed.outputs.html = Some(path),
                    "--csv" => parsed.outputs.csv = Some(path),
                    _ => parsed.outputs.markdown = Some(path),
                }
            }
            "--redact" if mode == Mode::Analyze => parsed.outputs.redaction = Redaction::Pseudonyms,
            "--date" if mode == Mode::Analyze => {
                let value = rest.next().ok_or("--date needs YYYY-MM-DD")?;
                parsed.outputs.date = Some(report_date(value)?);
            }
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
            "--target" if mode != Mode::Inventory => {
                let value = rest.next().ok_or("--target needs a region")?;
                parsed.target = Some(target_region(value)?);
            }
            "--catalog" if matches!(mode, Mode::Assess | Mode::Cost | Mode::Analyze) => {
                parsed.catalog.push(PathBuf::from(rest.next().ok_or("--catalog needs a file")?));
            }
            "--prices" if matches!(mode, Mode::Cost | Mode::Analyze) => {
                parsed.prices.push(PathBuf::from(rest.next().ok_or("--prices needs a file")?));
            }
            "--pricing" | "--hybrid-benefit" | "--discount" | "--hours-per-month" | "--exchange-rate" | "--assume"
                if matches!(mode, Mode::Cost | Mode::Analyze) =>
            {
                let value = rest.next().ok_or_else(|| format!("{arg} needs a value"))?;
                cost_option(&mut parsed.options.cost, arg, value)?;
            }
            "--group-by" | "--max-wave" | "--bandwidth-mbps" | "--workers"
                if matches!(mode, Mode::Plan | Mode::Analyze) =>
            {
                let value = rest.next().ok_or_else(|| format!("{arg} needs a value"))?;
                plan_option(&mut parsed.options.plan, arg, value)?;
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
    if matches!(mode, Mode::Assess | Mode::Cost | Mode::Analyze) && parsed.target.is_none() {
        return Err(format!("{command} needs --target REGION"));
    }
    Ok(Command::Run(Box::new(parsed)))
}

/// A report date: `YYYY-MM-DD`, a real day.
fn report_date(value: &str) -> Result<String, String> {
    let wrong = || format!("--date takes YYYY-MM-DD, such as 2026-11-25, not {value:?}");
    let parts: Vec<&str> = value.split('-').collect();
    let [year, month, day] = parts[..] else { return Err(wrong()) };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return Err(wrong());
    }
    let (Ok(year), Ok(month), Ok(day)) = (year.parse::<i64>(), month.parse::<u32>(), day.parse::<u32>()) else {
        return Err(wrong());
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&month) || day == 0 || day > days[month as usize - 1] {
        return Err(wrong());
    }
    Ok(value.to_string())
}

/// Today (UTC) as `YYYY-MM-DD`, from the system clock: the shell reads the clock, the
/// core never does.
fn today() -> String {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn decimal(option: &str, value: &str) -> Result<Decimal, String> {
    value.trim().parse::<Decimal>().map_err(|_| format!("{option} takes a number such as 12.5, not {value:?}"))
}

fn cost_option(options: &mut cost::CostOptions, option: &str, value: &str) -> Result<(), String> {
    match option {
        "--pricing" => {
            options.pricing = match value {
                "payg" | "pay-as-you-go" => Pricing::PayAsYouGo,
                "1y" | "1-year" => Pricing::Reserved1Year,
                "3y" | "3-years" | "3-year" => Pricing::Reserved3Years,
                _ => return Err(format!("--pricing takes payg, 1y or 3y, not {value:?}")),
            }
        }
        "--hybrid-benefit" => {
            options.hybrid_benefit = match value {
                "as-deployed" => HybridBenefit::AsDeployed,
                "all" => HybridBenefit::All,
                "none" => HybridBenefit::None,
                _ => return Err(format!("--hybrid-benefit takes as-deployed, all or none, not {value:?}")),
            }
        }
        "--discount" => {
            let percent = decimal(option, value)?;
            if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
                return Err(format!("--discount is a percentage from 0 to 100, not {value}"));
            }
            options.discount_percent = Some(percent);
        }
        "--hours-per-month" => {
            let hours = decimal(option, value)?;
            if hours <= Decimal::ZERO || hours > Decimal::from(744) {
                return Err(format!("--hours-per-month must be above 0 and at most 744, not {value}"));
            }
            options.hours_per_month = hours;
        }
        "--exchange-rate" => options.exchange_rate = Some(exchange_rate(value)?),
        _ => {
            let (name, number) = value
                .split_once('=')
                .ok_or_else(|| format!("--assume takes NAME=VALUE (e.g. storage_gb=500), not {value:?}"))?;
            let number = decimal("--assume", number)?;
            options.assumptions.set(name.trim(), Some(number)).map_err(|error| format!("--assume: {error}"))?;
        }
    }
    Ok(())
}

/// `USD:CNY=7.10`: one US dollar is 7.10 yuan.
fn exchange_rate(value: &str) -> Result<ExchangeRate, String> {
    let wrong = || format!("--exchange-rate takes FROM:TO=RATE such as USD:CNY=7.10, not {value:?}");
    let (pair, rate) = value.split_once('=').ok_or_else(wrong)?;
    let (from, to) = pair.split_once(':').ok_or_else(wrong)?;
    let (Some(from), Some(to)) = (Currency::parse(from), Currency::parse(to)) else {
        return Err(format!("--exchange-rate: only CNY and USD are priced, not {pair:?}"));
    };
    let rate = decimal("--exchange-rate", rate)?;
    if from == to || rate <= Decimal::ZERO {
        return Err(format!("--exchange-rate needs two different currencies and a rate above 0, not {value:?}"));
    }
    Ok(ExchangeRate { from, to, rate })
}

fn plan_option(options: &mut regionshift_core::plan::PlanOptions, option: &str, value: &str) -> Result<(), String> {
    let whole =
        |value: &str| value.trim().parse::<u32>().map_err(|_| format!("{option} takes a whole number, not {value:?}"));
    match option {
        "--group-by" => {
            options.group_by = match value {
                "component" => GroupBy::Component,
                "resource-group" => GroupBy::ResourceGroup,
                tag => match tag.strip_prefix("tag:").map(str::trim) {
                    Some(name) if !name.is_empty() => GroupBy::Tag(name.to_string()),
                    _ => return Err(format!("--group-by takes component, resource-group or tag:NAME, not {value:?}")),
                },
            }
        }
        "--max-wave" => options.max_wave_size = whole(value)? as usize,
        "--bandwidth-mbps" => {
            let mbps = decimal(option, value)?;
            if mbps <= Decimal::ZERO {
                return Err(format!("--bandwidth-mbps must be above 0, not {value}"));
            }
            options.bandwidth_mbps = mbps;
        }
        _ => {
            let workers = whole(value)?;
            if workers == 0 {
                return Err("--workers must be at least 1".into());
            }
            options.workers = workers;
        }
    }
    Ok(())
}

/// A target must be a region the catalog knows.
fn target_region(text: &str) -> Result<Location, String> {
    let catalog = Catalog::embedded();
    match Location::new(text) {
        Some(location) if catalog.knows_region(&location) => Ok(location),
        _ => {
            let known: Vec<&str> = regionshift_core::azure::regions::all()
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
    let mut options = args.options.clone();
    options.import.max_file_bytes = args.max_file_bytes;
    options.target = args.target.clone();
    options.catalog_files = read_files(&args.catalog, args.max_file_bytes, &mut unreadable);
    options.price_files = read_files(&args.prices, args.max_file_bytes, &mut unreadable);
    let analysis = analyze(&inputs, &options);
    let mut out = std::io::stdout().lock();
    if args.mode == Mode::Analyze {
        let source = Source { files: inputs, options };
        return write_outputs(&mut out, &analysis, source, &args.outputs, &unreadable);
    }
    let written = if args.json { print_json(&mut out, &analysis) } else { print_view(&mut out, &analysis, args.mode) };
    if let Err(error) = written {
        if error.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("regionshift: cannot write output: {error}");
            return ExitCode::from(1);
        }
    }
    for problem in &unreadable {
        eprintln!("regionshift: cannot read {problem}");
    }
    if input_failed(&analysis, &unreadable) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Did anything the user gave fail to load? Then the exit code is 1.
fn input_failed(analysis: &Analysis, unreadable: &[String]) -> bool {
    // A catalog or price file that could not be used is an input file that could not be used.
    let side_file_errors = analysis.diagnostics.iter().any(|d| {
        (d.code.starts_with("catalog.") || d.code.starts_with("cost.prices")) && d.severity == Severity::Error
    });
    analysis.has_file_errors() || !unreadable.is_empty() || side_file_errors
}

/// `analyze`: builds the report once and writes every output asked for; prints the
/// Markdown summary when none was.
fn write_outputs(
    out: &mut impl Write,
    analysis: &Analysis,
    source: Source,
    outputs: &Outputs,
    unreadable: &[String],
) -> ExitCode {
    let date = outputs.date.clone().unwrap_or_else(today);
    let options = ReportOptions { date, redact: outputs.redaction, source: Some(source) };
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

/// The command's view, as text: the report model is built once (unredacted; the date
/// is not shown) and rendered by `report::text`, then its diagnostics.
fn print_view(out: &mut impl Write, analysis: &Analysis, mode: Mode) -> std::io::Result<()> {
    let report = report::build(analysis, &ReportOptions::default());
    let view = match mode {
        Mode::Inventory => report::text::inventory(&report),
        Mode::Assess => report::text::assessment(&report),
        Mode::Cost => report::text::cost(&report),
        Mode::Plan | Mode::Analyze => report::text::plan(&report),
    };
    out.write_all(view.as_bytes())?;
    out.write_all(report::text::diagnostics(&report).as_bytes())
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
