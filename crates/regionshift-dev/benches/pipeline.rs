//! Pipeline benchmark: the whole analysis as the app and `regionshift analyze` run it
//! (`analyze`, then the report model), against `serde_json` parsing the same file into a
//! `Value`, with a breakdown by stage and by writer.
//!
//! Run with `cargo bench --bench pipeline` (100,000 resources by default;
//! `REGIONSHIFT_BENCH_RESOURCES=N` changes the size). It generates a synthetic Resource
//! Graph export with `regionshift_dev::synth`, then measures in one run (medians of three,
//! the thread's CPU time):
//!
//! - the bare parse into `serde_json::Value`, the reference;
//! - `analyze` for China North 3 (import, assessment, cost on both sides, plan) and
//!   `report::build`, which together must take at most 2.0x the bare parse, with a peak
//!   heap of at most 3x the file;
//! - the stages on their own (import, assessment, target and source cost, plan, report
//!   model) so a regression shows where it is;
//! - each writer of the report model (HTML with the inputs embedded, JSON, the CSVs,
//!   the Markdown summary), with its output size.
//!
//! Below the full size the time gate gets the benchmarks' shared margin; built by
//! `cargo test --benches` it runs one small smoke pass that checks every resource went
//! through. The gates are targets not yet met (README, "Benchmarks": the figures), so
//! `scripts/test` does not run this benchmark; it is the tool to measure the pipeline
//! and see where the time goes.

#[path = "support/heap.rs"]
mod heap;
mod support;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Duration;

use regionshift_core::assess::{assess, AssessOptions};
use regionshift_core::azure::Location;
use regionshift_core::catalog::Catalog;
use regionshift_core::cost::{estimate, estimate_source, CostOptions, PriceBook};
use regionshift_core::inventory::{self, ImportOptions};
use regionshift_core::plan::{plan, PlanOptions};
use regionshift_core::report::{self, Redaction, ReportOptions, Source};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use regionshift_dev::synth;
use support::{median, Stopwatch};

const DEFAULT_RESOURCES: usize = 100_000;
const RUNS: usize = 3;
const SEED: u64 = 0x5EED_2024;
/// `analyze` and the report model may take at most this multiple of the bare parse.
const MAX_FACTOR: f64 = 2.0;
/// Their peak heap may be at most this multiple of the file.
const MAX_PEAK_FACTOR: f64 = 3.0;

/// One of the report model's writers.
type Writer = fn(&report::Report) -> String;

fn timed<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        drop(last.take());
        let start = Stopwatch::start();
        let value = black_box(work());
        times.push(start.elapsed());
        last = Some(value);
    }
    let Some(value) = last else { unreachable!("runs is at least one") };
    (median(times), value)
}

fn main() -> ExitCode {
    let settings = match support::settings(DEFAULT_RESOURCES, 500, RUNS) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let (resources, runs) = (settings.resources, settings.runs);
    let text = synth::resource_graph_export(resources, SEED);
    let file = text.len();
    let megabytes = file as f64 / 1e6;
    let files = vec![InputFile::new("synthetic.json", text.into_bytes())];
    let bytes = files.first().map(|f| f.bytes.clone()).unwrap_or_default();
    let Some(target) = Location::new("chinanorth3") else { return ExitCode::FAILURE };
    let options = AnalysisOptions { target: Some(target.clone()), ..AnalysisOptions::default() };
    let report_options = ReportOptions {
        date: "2026-12-06".to_string(),
        redact: Redaction::None,
        source: Some(Source { files: files.clone(), options: options.clone() }),
        ..ReportOptions::default()
    };

    let (value_time, value) = timed(runs, || serde_json::from_slice::<serde_json::Value>(&bytes).ok());
    drop(value);

    // The pipeline, with its peak heap (the inputs are the caller's and not counted).
    let mut pipeline_times = Vec::with_capacity(runs);
    let mut analyze_times = Vec::with_capacity(runs);
    let mut peak = 0;
    let mut last = None;
    for _ in 0..runs {
        drop(last.take());
        let base = heap::reset_peak();
        let start = Stopwatch::start();
        let analysis = analyze(black_box(&files), &options);
        analyze_times.push(start.elapsed());
        let model = report::build(&analysis, &report_options);
        pipeline_times.push(start.elapsed());
        peak = peak.max(heap::peak().saturating_sub(base));
        last = Some((analysis, model));
    }
    let Some((analysis, model)) = last else { return ExitCode::FAILURE };
    let (pipeline_time, analyze_time) = (median(pipeline_times), median(analyze_times));

    // The stages on their own.
    let (import_time, imported) = timed(runs, || inventory::import(&files, &ImportOptions::default()));
    let inventory = imported.inventory;
    let catalog = Catalog::embedded();
    let prices = PriceBook::embedded();
    let assess_options = AssessOptions { target: target.clone(), on: None };
    let (assess_time, _) = timed(runs, || assess(&inventory, &catalog, &assess_options));
    let cost_options = CostOptions::default();
    let (target_cost_time, _) = timed(runs, || estimate(&inventory, &target, &prices, Some(&catalog), &cost_options));
    let (source_cost_time, _) = timed(runs, || estimate_source(&inventory, &prices, &cost_options));
    let (plan_time, _) = timed(runs, || plan(&inventory, &PlanOptions::default()));
    let (model_time, _) = timed(runs, || report::build(&analysis, &report_options));
    let bare_options = ReportOptions { source: None, ..report_options.clone() };
    let (bare_model_time, _) = timed(runs, || report::build(&analysis, &bare_options));

    let writers: [(&str, Writer); 6] = [
        ("HTML report (inputs embedded)", report::html::render),
        ("JSON", report::json),
        ("findings CSV", report::csv::findings),
        ("costs CSV", report::csv::costs),
        ("plan CSV", report::csv::plan),
        ("Markdown summary", report::markdown::render),
    ];
    let written: Vec<(&str, Duration, usize)> = writers
        .iter()
        .map(|(label, write)| {
            let (time, text) = timed(runs, || write(&model));
            (*label, time, text.len())
        })
        .collect();

    let seconds = |d: Duration| d.as_secs_f64();
    let per_parse = |d: Duration| seconds(d) / seconds(value_time);
    println!(
        "RegionShift pipeline benchmark: synthetic az graph query export, seed {SEED:#x}, {runs} run(s), median {}",
        support::clock()
    );
    println!("{} resources, {megabytes:.1} MB, target chinanorth3", analysis.inventory.resources.len());
    println!();
    println!("| step | seconds | x bare parse |");
    println!("|---|---|---|");
    let row = |label: &str, d: Duration| println!("| {label} | {:.3} | {:.2} |", seconds(d), per_parse(d));
    row("serde_json::Value parse (the reference)", value_time);
    row("**analyze + report model** (gated)", pipeline_time);
    row("analyze", analyze_time);
    row("- import", import_time);
    row("- assessment", assess_time);
    row("- cost in the target", target_cost_time);
    row("- cost where it runs now", source_cost_time);
    row("- plan", plan_time);
    row("report model", model_time);
    row("- without the inputs packed", bare_model_time);
    for (label, time, size) in &written {
        row(&format!("writer: {label}, {:.1} MB", *size as f64 / 1e6), *time);
    }
    let factor = per_parse(pipeline_time);
    let peak_factor = peak as f64 / file as f64;
    println!();
    println!("peak heap of analyze + report model: {:.1} MB, {peak_factor:.2}x the file", peak as f64 / 1e6);

    let mut failed = false;
    if analysis.inventory.resources.len() != resources || model.resources.len() != resources {
        println!(
            "FAIL: {} resources generated, {} imported, {} in the report",
            resources,
            analysis.inventory.resources.len(),
            model.resources.len()
        );
        return ExitCode::FAILURE;
    }
    if !settings.benching {
        // The smoke run checks the pipeline runs whole; the gates are the targets
        // at scale (README, "Benchmarks"), which small inputs do not measure.
        println!("smoke run (no --bench argument): the gates are checked by `cargo bench --bench pipeline`");
        return ExitCode::SUCCESS;
    }
    let limit = MAX_FACTOR * settings.margin();
    if factor > limit {
        println!("FAIL: analyze and the report model took {factor:.2}x the bare parse, over {limit:.1}x");
        failed = true;
    }
    if peak_factor > MAX_PEAK_FACTOR {
        println!("FAIL: their peak heap is {peak_factor:.2}x the file, over {MAX_PEAK_FACTOR:.1}x");
        failed = true;
    }
    if failed {
        return ExitCode::FAILURE;
    }
    println!("PASS: {factor:.2}x the bare parse (limit {limit:.1}x), peak {peak_factor:.2}x the file");
    ExitCode::SUCCESS
}
