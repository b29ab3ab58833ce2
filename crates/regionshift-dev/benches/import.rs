//! Import benchmark: throughput and peak memory of the importer
//! (`regionshift_core::inventory::import`, the first stage of `analyze`) on a large
//! synthetic `az graph query` export, measured against `serde_json::Value` parsing of
//! the same bytes.
//!
//! Run with `cargo bench --bench import`. The export holds 100,000 resources unless
//! `REGIONSHIFT_BENCH_RESOURCES` says otherwise. Each measurement runs five times and
//! the median is reported; peak memory is the highest of the runs. The process exits
//! with status 1 when import throughput is below 70% of `serde_json::Value` parsing or
//! peak memory reaches 3x the file size, so CI can use it as a check.
//!
//! It then assesses the imported inventory for China North 3, plans its migration
//! (about 3 references per resource: 300,000 for the default size) and prices it in
//! China North 3, and requires each of the three to take no longer than the import
//! of the same file, measured in the same run (1.5x at a reduced size, as CI runs it).
//! Times are the thread's CPU time where the system gives it (`support::Stopwatch`), so
//! other processes on a shared machine do not decide the gates.
//!
//! Last, it streams a synthetic 12-month Cost Management export of the same estate (EA
//! cost details, two rows per resource and month: 2.4 million rows for the default
//! size) through the spend reader in 1 MB chunks, as the CLI reads a file, and requires
//! the load to take no longer than the import, with a peak heap well under the file
//! (below 5% of it): the export is never held whole.
//!
//! Built by `cargo test --benches` (no `--bench` argument) it runs one small smoke pass,
//! held to the same limits with a 3x margin on times.

#[path = "support/heap.rs"]
mod heap;
mod support;

use std::hint::black_box;
use std::process::ExitCode;

use regionshift_core::assess::{assess, AssessOptions};
use regionshift_core::azure::Location;
use regionshift_core::catalog::Catalog;
use regionshift_core::cost::{estimate, CostOptions, PriceBook};
use regionshift_core::inventory::{self, ImportOptions};
use regionshift_core::plan::{plan, PlanOptions};
use regionshift_core::spend::SpendLoader;
use regionshift_core::{InputFile, Severity};
use regionshift_dev::{spend, synth};
use support::{median, Stopwatch};

/// Import must reach this share of `serde_json::Value` throughput.
const MIN_RATIO: f64 = 0.70;
/// Peak heap during import, input included, must stay below this multiple of the file.
const MAX_PEAK_FACTOR: f64 = 3.0;
const DEFAULT_RESOURCES: usize = 100_000;
/// The spend load's peak heap must stay below this share of the export's size.
const MAX_SPEND_PEAK_SHARE: f64 = 0.05;
/// Rows per resource and month of the synthetic export.
const SPEND_ROWS_PER_MONTH: usize = 2;
const SPEND_MONTHS: u32 = 12;
const RUNS: usize = 5;
const SEED: u64 = 0x5EED_2024;

fn megabytes(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn main() -> ExitCode {
    let settings = match support::settings(DEFAULT_RESOURCES, 1_000, RUNS) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let (benching, resources, runs) = (settings.benching, settings.resources, settings.runs);

    let started = Stopwatch::start();
    let (text, stats) = synth::resource_graph_export_with_stats(resources, SEED);
    let generated = started.elapsed();
    let bytes = text.into_bytes();
    let file = bytes.len();

    // (a) serde_json::Value, the reference every JSON reader is measured against.
    let mut value_times = Vec::with_capacity(runs);
    let mut value_peak = 0;
    for _ in 0..runs {
        let base = heap::reset_peak();
        let start = Stopwatch::start();
        let value: serde_json::Value =
            serde_json::from_slice(black_box(&bytes)).expect("the synthetic export is valid JSON");
        value_times.push(start.elapsed());
        value_peak = value_peak.max(heap::peak() - base);
        drop(black_box(value));
    }

    // (b) the importer, handed its own copy of the bytes (counted in its peak).
    // `analyze` runs the assessment, the cost and the plan after the import; they are
    // measured on their own below, so this measures the import alone.
    let options = ImportOptions::default();
    let mut import_times = Vec::with_capacity(runs);
    let mut import_peak = 0;
    let mut summary = None;
    let mut last = None;
    for _ in 0..runs {
        let base = heap::reset_peak();
        let inputs = [InputFile::new("bench.json", bytes.clone())];
        let start = Stopwatch::start();
        let analysis = inventory::import(black_box(&inputs), &options);
        import_times.push(start.elapsed());
        import_peak = import_peak.max(heap::peak() - base);
        let warnings = analysis.diagnostics.iter().filter(|d| d.severity != Severity::Info).count();
        let file_errors = analysis.files.iter().any(|f| f.error.is_some());
        summary = Some((analysis.inventory.len(), file_errors, warnings));
        drop(inputs);
        // Keep the last inventory for the assessment below; drop the others.
        last = Some(black_box(analysis));
    }

    // (c) the assessment of the imported inventory, for a move into Azure China.
    let inventory = last.map(|analysis| analysis.inventory).unwrap_or_default();
    let catalog = Catalog::embedded();
    let target = AssessOptions { target: Location::new("chinanorth3").expect("a region name"), on: None };
    let mut assess_times = Vec::with_capacity(runs);
    let mut assessed = (0, 0);
    for _ in 0..runs {
        let start = Stopwatch::start();
        let assessment = assess(black_box(&inventory), &catalog, &target);
        assess_times.push(start.elapsed());
        assessed = (assessment.resources.len(), assessment.findings.len());
        drop(black_box(assessment));
    }

    // (d) the migration plan of the same inventory.
    let mut plan_times = Vec::with_capacity(runs);
    let mut planned = (0, 0);
    for _ in 0..runs {
        let start = Stopwatch::start();
        let plan = plan(black_box(&inventory), &PlanOptions::default());
        plan_times.push(start.elapsed());
        planned = (plan.edges.len(), plan.waves.len());
        drop(black_box(plan));
    }
    let plan_time = median(plan_times);

    // (e) the cost of the same inventory in China North 3, with the embedded prices.
    let prices = PriceBook::embedded();
    let cost_options = CostOptions::default();
    let mut cost_times = Vec::with_capacity(runs);
    let mut priced = (0, 0);
    for _ in 0..runs {
        let start = Stopwatch::start();
        let cost = estimate(black_box(&inventory), &target.target, &prices, Some(&catalog), &cost_options);
        cost_times.push(start.elapsed());
        priced = (cost.lines.len(), cost.unpriced.len());
        drop(black_box(cost));
    }
    let cost_time = median(cost_times);

    // (f) a 12-month Cost Management export of the same estate, streamed through the
    // spend reader: generated chunk by chunk, only the reader's work is timed.
    let billed: Vec<spend::Billed<'_>> = inventory
        .resources
        .iter()
        .map(|r| spend::Billed { id: r.id.as_str(), location: r.location.as_ref().map_or("", |l| l.as_str()) })
        .collect();
    let mut spend_times = Vec::with_capacity(runs.min(3));
    let mut spend_peak = 0;
    let mut spend_file = (0u64, 0u64);
    let mut spend_check = (true, 0usize);
    for _ in 0..runs.min(3) {
        let base = heap::reset_peak();
        let mut loader = SpendLoader::new();
        loader.begin("export.csv");
        let mut reading = std::time::Duration::ZERO;
        let shape = spend::Shape {
            start: (2025, 1),
            months: SPEND_MONTHS,
            rows_per_month: SPEND_ROWS_PER_MONTH,
            currency: "USD",
            max_amount: 1_000,
            seed: SEED,
            chunk: 1 << 20,
        };
        let written = spend::ea_export(&billed, &shape, |chunk| {
            let start = Stopwatch::start();
            loader.feed(black_box(chunk));
            reading += start.elapsed();
        });
        let start = Stopwatch::start();
        let (loaded, diagnostics) = loader.finish();
        let summary = loaded.summarize(inventory.resources.iter().map(|r| &r.id));
        reading += start.elapsed();
        spend_times.push(reading);
        spend_peak = spend_peak.max(heap::peak() - base);
        spend_file = (written.rows, written.bytes);
        let exact = summary.total.to_string() == spend::Written::text(written.total_units)
            && summary
                .lines
                .iter()
                .try_fold(regionshift_core::spend::Exact::ZERO, |s, l| s.checked_add(l.total))
                .map(|t| t.to_string())
                == Some(spend::Written::text(written.matched_units));
        spend_check = (exact && diagnostics.iter().all(|d| d.severity != Severity::Error), summary.matched_resources);
        drop(black_box(summary));
    }
    let spend_time = median(spend_times);
    let spend_share = spend_peak as f64 / spend_file.1.max(1) as f64;

    let value_time = median(value_times);
    let import_time = median(import_times);
    let assess_time = median(assess_times);
    let value_speed = megabytes(file) / value_time.as_secs_f64();
    let import_speed = megabytes(file) / import_time.as_secs_f64();
    let ratio = import_speed / value_speed;
    let peak_factor = import_peak as f64 / file as f64;

    println!(
        "RegionShift import benchmark: synthetic az graph query export, seed {SEED:#x}, {runs} run(s), median {}, MB = 10^6 bytes",
        support::clock()
    );
    println!(
        "generated in {:.2} s: {:.0} bytes and {:.2} references per resource ({} back-references in all)",
        generated.as_secs_f64(),
        stats.bytes_per_resource(),
        stats.references_per_resource(),
        stats.back_references
    );
    println!();
    println!(
        "| {:>9} | {:>8} | {:>21} | {:>11} | {:>5} | {:>8} | {:>9} |",
        "resources", "file MB", "serde_json Value MB/s", "import MB/s", "ratio", "peak MB", "peak/file"
    );
    println!("|{:->11}|{:->10}|{:->23}|{:->13}|{:->7}|{:->10}|{:->11}|", "", "", "", "", "", "", "");
    println!(
        "| {:>9} | {:>8.1} | {:>21.1} | {:>11.1} | {:>5.2} | {:>8.1} | {:>9.2} |",
        resources,
        megabytes(file),
        value_speed,
        import_speed,
        ratio,
        megabytes(import_peak),
        peak_factor
    );
    println!();
    println!(
        "serde_json Value: {:.3} s, peak {:.1} MB ({:.2}x file); import: {:.3} s",
        value_time.as_secs_f64(),
        megabytes(value_peak),
        value_peak as f64 / file as f64,
        import_time.as_secs_f64()
    );
    println!(
        "assessment for chinanorth3: {:.3} s for {} resources ({} findings), {:.2}x the import time",
        assess_time.as_secs_f64(),
        assessed.0,
        assessed.1,
        assess_time.as_secs_f64() / import_time.as_secs_f64()
    );
    println!(
        "plan: {:.3} s for {} resources with {} references ({} edges, {} waves), {:.2}x the import time",
        plan_time.as_secs_f64(),
        resources,
        stats.references,
        planned.0,
        planned.1,
        plan_time.as_secs_f64() / import_time.as_secs_f64()
    );
    println!(
        "cost for chinanorth3: {:.3} s ({} lines priced, {} unpriced), {:.2}x the import time",
        cost_time.as_secs_f64(),
        priced.0,
        priced.1,
        cost_time.as_secs_f64() / import_time.as_secs_f64()
    );

    println!(
        "spend: a {SPEND_MONTHS}-month EA cost details export, {} rows, {:.1} MB, streamed in 1 MB chunks: {:.3} s ({:.0} MB/s), {:.2}x the import time; peak {:.1} MB ({:.2}% of the file); {} resources matched, totals exact: {}",
        spend_file.0,
        megabytes(spend_file.1 as usize),
        spend_time.as_secs_f64(),
        megabytes(spend_file.1 as usize) / spend_time.as_secs_f64(),
        spend_time.as_secs_f64() / import_time.as_secs_f64(),
        megabytes(spend_peak),
        spend_share * 100.0,
        spend_check.1,
        spend_check.0
    );

    let mut failed = false;
    if !spend_check.0 || spend_check.1 != resources {
        println!("FAIL: the spend totals are not the export's exact sums, or not every resource matched");
        failed = true;
    }
    match summary {
        Some((imported, false, 0)) if imported == resources => {}
        Some((imported, file_errors, warnings)) => {
            println!(
                "FAIL: the import read {imported} of {resources} resources (file errors: {file_errors}, warnings: {warnings})"
            );
            failed = true;
        }
        None => {
            println!("FAIL: no run");
            failed = true;
        }
    }
    let margin = settings.margin();
    if !benching {
        println!("smoke run (no --bench argument): time limits with a {margin:.0}x margin");
    }
    if ratio < MIN_RATIO / margin {
        println!(
            "FAIL: import throughput is {:.0}% of serde_json::Value, below {:.0}%",
            ratio * 100.0,
            MIN_RATIO / margin * 100.0
        );
        failed = true;
    }
    let limit = import_time.mul_f64(margin);
    for (what, time) in [("the assessment", assess_time), ("the plan", plan_time), ("the cost estimate", cost_time)] {
        if time > limit {
            println!(
                "FAIL: {what} took {:.2}x the import of the same file (limit {margin:.1}x)",
                time.as_secs_f64() / import_time.as_secs_f64()
            );
            failed = true;
        }
    }
    if spend_time > limit {
        println!(
            "FAIL: loading the spend export took {:.2}x the import of the inventory (limit {margin:.1}x)",
            spend_time.as_secs_f64() / import_time.as_secs_f64()
        );
        failed = true;
    }
    if spend_share >= MAX_SPEND_PEAK_SHARE {
        println!(
            "FAIL: the spend load's peak heap is {:.1}% of the export, not below {:.0}%",
            spend_share * 100.0,
            MAX_SPEND_PEAK_SHARE * 100.0
        );
        failed = true;
    }
    if peak_factor >= MAX_PEAK_FACTOR {
        println!("FAIL: peak memory is {peak_factor:.2}x the file, not below {MAX_PEAK_FACTOR:.1}x");
        failed = true;
    }
    if failed {
        std::process::exit(1);
    }
    println!(
        "PASS: ratio >= {:.2}, peak/file < {MAX_PEAK_FACTOR:.1}, assessment, plan, cost and the spend load each within {margin:.1}x the import",
        MIN_RATIO / margin
    );
    ExitCode::SUCCESS
}
