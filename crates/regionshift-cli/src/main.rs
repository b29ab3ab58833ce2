//! The `regionshift` command-line tool: reads files, calls the core, prints results.
//!
//! Exit codes: 0 success, 1 an input file could not be used, 2 the command line is wrong.

mod args;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use args::{Cli, Mode, Outputs, RunArgs};
use clap::{CommandFactory, Parser};

use regionshift_core::assess::Readiness;
use regionshift_core::catalog::Provenance;
use regionshift_core::cost::{self};
use regionshift_core::input::InputFile;
use regionshift_core::report::{self, ReportOptions, Source};
use regionshift_core::units::{round_for_display, Date, Money};
use regionshift_core::{analyze, Analysis, Severity};
use rust_decimal::Decimal;

fn main() -> ExitCode {
    let args = match Cli::parse().into_run() {
        Ok(args) => args,
        Err(message) => Cli::command().error(clap::error::ErrorKind::ValueValidation, message).exit(),
    };
    run(&args)
}

/// Today (UTC) as `YYYY-MM-DD`, from the system clock: the shell reads the clock, the
/// core never does.
fn today() -> String {
    let seconds =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Date::from_days_since_epoch(seconds.div_euclid(86_400)).to_string()
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
    let written = match (args.json, args.mode) {
        (true, _) => print_json(&mut out, &analysis),
        (false, Mode::Inventory) => print_text(&mut out, &analysis),
        (false, Mode::Assess) => print_assessment(&mut out, &analysis),
        (false, Mode::Cost) => print_cost(&mut out, &analysis),
        (false, Mode::Plan | Mode::Analyze) => print_plan(&mut out, &analysis),
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

fn print_cost(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    let Some(report) = &analysis.cost else { return print_text(out, analysis) };
    let (target, source) = (&report.target, &report.source);
    let region = target.region.as_ref().map_or("?", |r| r.as_str());
    writeln!(out, "Monthly cost of {} resources", target.coverage.total_resources)?;
    writeln!(
        out,
        "  in {region}:  {}  ({} priced, {} free, {} unpriced)",
        Money::new(target.total_monthly, target.currency),
        target.coverage.priced_resources,
        target.coverage.free_resources,
        target.coverage.unpriced_resources
    )?;
    writeln!(
        out,
        "  where it runs now:  {}  ({} priced, {} free, {} unpriced)",
        Money::new(source.total_monthly, source.currency),
        source.coverage.priced_resources,
        source.coverage.free_resources,
        source.coverage.unpriced_resources
    )?;
    match report.delta() {
        Some((amount, currency)) => writeln!(out, "  change:  {}", Money::new(amount, currency).change())?,
        None => writeln!(
            out,
            "  change: not computed: the sides are in {} and {}; give --exchange-rate {}:{}=RATE to compare",
            source.currency, target.currency, source.currency, target.currency
        )?,
    }
    for estimate in [target, source] {
        if let Some(converted) = &estimate.converted {
            writeln!(
                out,
                "  {} at {} {}/{}:  {}",
                Money::new(estimate.total_monthly, estimate.currency),
                converted.rate.rate,
                converted.rate.to,
                converted.rate.from,
                Money::new(converted.total_monthly, converted.rate.to)
            )?;
        }
    }
    let percent = |p: Option<Decimal>| p.map_or("n/a".to_string(), |p| format!("{}%", round_for_display(p)));
    writeln!(
        out,
        "  coverage: {} of chargeable resources priced in the target; {} of today's priced cost covered",
        percent(target.coverage.priced_percent),
        percent(report.source_cost_coverage)
    )?;
    writeln!(
        out,
        "  usage-based lines: {} ({} of the target total), priced with assumptions",
        target.coverage.usage_based_lines,
        Money::new(target.usage_monthly, target.currency)
    )?;
    writeln!(
        out,
        "  prices: snapshot of {}{}",
        report.prices.snapshot_as_of,
        if report.prices.user.files.is_empty() {
            String::new()
        } else {
            format!(
                "; {} rows used from your files ({})",
                report.prices.user.rows_used,
                report.prices.user.files.join(", ")
            )
        }
    )?;
    writeln!(out)?;
    writeln!(out, "By category ({region} / now)")?;
    let categories: std::collections::BTreeSet<&String> =
        target.by_category.keys().chain(source.by_category.keys()).collect();
    for category in categories {
        let amount = |e: &cost::Estimate| {
            e.by_category.get(category).map_or("-".to_string(), |a| Money::new(*a, e.currency).to_string())
        };
        writeln!(out, "  {:<24} {:>18} {:>18}", category, amount(target), amount(source))?;
    }
    writeln!(out)?;
    writeln!(out, "Most expensive in {region}")?;
    for (id, amount) in target.most_expensive(10) {
        writeln!(
            out,
            "  {:>18}  {} ({})",
            Money::new(amount, target.currency).to_string(),
            id.name(),
            id.resource_type()
        )?;
    }
    if !target.unpriced.is_empty() {
        writeln!(out)?;
        writeln!(out, "Not priced in {region} ({}), never counted as zero", target.unpriced.len())?;
        let mut bins: BTreeMap<&str, Vec<&cost::Unpriced>> = BTreeMap::new();
        for unpriced in &target.unpriced {
            bins.entry(unpriced.reason.label()).or_default().push(unpriced);
        }
        for (reason, list) in bins {
            writeln!(out, "  {reason} ({})", list.len())?;
            for unpriced in list {
                writeln!(
                    out,
                    "    {} ({}): {}",
                    unpriced.resource.name(),
                    unpriced.resource.resource_type(),
                    unpriced.hint
                )?;
            }
        }
    }
    for note in target.notes.iter().chain(&source.notes) {
        writeln!(out, "  note: {note}")?;
    }
    print_diagnostics(out, analysis)
}

fn print_plan(out: &mut impl Write, analysis: &Analysis) -> std::io::Result<()> {
    let plan = &analysis.plan;
    let resources: usize = plan.waves.iter().map(|w| w.resources.len()).sum();
    writeln!(
        out,
        "Migration plan: {} resources in {} waves, {:.1} hours with the assumed bandwidth and workers",
        resources,
        plan.waves.len(),
        plan.total_hours
    )?;
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for edge in &plan.edges {
        *kinds.entry(edge.kind.label()).or_default() += 1;
    }
    let kinds: Vec<String> = kinds.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
    writeln!(out, "  {} dependencies: {}", plan.edges.len(), kinds.join(", "))?;
    writeln!(
        out,
        "  {} move groups, {} cycles moving as one unit, {} external dependencies",
        plan.groups.len(),
        plan.cycles.len(),
        plan.external.len()
    )?;
    writeln!(out)?;
    writeln!(out, "Waves")?;
    for wave in &plan.waves {
        writeln!(
            out,
            "  wave {:>3}  {:>4} resources  {:<16}  hours {:.1} to {:.1} ({:.1} h)",
            wave.number,
            wave.resources.len(),
            wave.phase.label(),
            wave.start_hours,
            wave.end_hours,
            wave.makespan_hours
        )?;
        for task in &wave.tasks {
            writeln!(
                out,
                "      {} ({})  {}  {} h{}",
                task.resource.name(),
                task.resource.resource_type(),
                task.method.label(),
                task.hours.round_dp(2),
                task.data_gb.map_or(String::new(), |gb| format!(", {gb} GB"))
            )?;
        }
    }
    if !plan.cycles.is_empty() {
        writeln!(out)?;
        writeln!(out, "Cycles (each moves as one unit)")?;
        for cycle in &plan.cycles {
            let names: Vec<&str> = cycle.resources.iter().map(|r| r.name()).collect();
            writeln!(out, "  {}", names.join(" <-> "))?;
            for &index in &cycle.edges {
                let edge = &plan.edges[index];
                writeln!(out, "    {} -> {} via {}", edge.from.name(), edge.to.name(), edge.path)?;
            }
        }
    }
    if !plan.external.is_empty() {
        writeln!(out)?;
        writeln!(out, "External dependencies (must exist in the target, or join the move)")?;
        for external in &plan.external {
            writeln!(
                out,
                "  {} needs {} ({}, {})",
                external.from.name(),
                external.to,
                external.kind.label(),
                external.path
            )?;
        }
    }
    if !plan.critical_path.is_empty() {
        writeln!(out)?;
        let names: Vec<&str> = plan.critical_path.iter().map(|r| r.name()).collect();
        writeln!(out, "Critical path: {}", names.join(" -> "))?;
    }
    writeln!(out)?;
    writeln!(out, "Assumptions")?;
    for assumption in &plan.assumptions {
        writeln!(
            out,
            "  {} = {} {} ({}; applies to {})",
            assumption.name, assumption.value, assumption.unit, assumption.why, assumption.applies_to
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", plan.caveat)?;
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
