//! Comparison benchmark: comparing every target the catalog knows (16) on a synthetic
//! 10,000-resource estate must take at most 3x one full analysis of it, natively.
//!
//! Run with `cargo bench --bench compare`. It generates the estate with
//! `regionshift_dev::synth`, then measures in the same run, medians of three runs: one
//! full analysis for China North 3 (import, assessment, cost and plan: the reference);
//! the analysis without a target the comparison starts from (import and plan); and the
//! comparison of all known targets on that analysis (`compare::compare`, which reuses its
//! import). For scale it also times, once, what the comparison replaces: sixteen
//! re-analyses (`analysis::reanalyze`), one per target. The process exits with status 1
//! when the comparison takes more than 3x the full analysis.
//! `REGIONSHIFT_BENCH_RESOURCES=N` changes the size.
//!
//! Built by `cargo test` (no `--bench` argument) it only runs a small smoke pass.

mod support;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Duration;

use regionshift_core::analysis::{known_targets, reanalyze};
use regionshift_core::azure::Location;
use regionshift_core::compare::{compare, CompareOptions};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use regionshift_dev::synth;
use support::{median, Stopwatch};

const DEFAULT_RESOURCES: usize = 10_000;
const RUNS: usize = 3;
const SEED: u64 = 0x5EED_2024;
/// The comparison may take at most this multiple of one full analysis.
const MAX_FACTOR: f64 = 3.0;

fn seconds(duration: Duration) -> f64 {
    duration.as_secs_f64()
}

fn main() -> ExitCode {
    let settings = match support::settings(DEFAULT_RESOURCES, 200, RUNS) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let (resources, runs) = (settings.resources, settings.runs);
    let text = synth::resource_graph_export(resources, SEED);
    let megabytes = text.len() as f64 / 1e6;
    let files = [InputFile::new("synthetic.json", text.into_bytes())];
    let targets = known_targets();
    let options = AnalysisOptions::default();
    let full_options = AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() };
    let compare_options = CompareOptions::default();

    let (mut full_times, mut base_times, mut compare_times) = (Vec::new(), Vec::new(), Vec::new());
    let mut compared = None;
    for _ in 0..runs {
        let start = Stopwatch::start();
        let full = analyze(black_box(&files), &full_options);
        full_times.push(start.elapsed());
        drop(black_box(full));

        let start = Stopwatch::start();
        let base = analyze(black_box(&files), &options);
        base_times.push(start.elapsed());

        let start = Stopwatch::start();
        let comparison = compare(black_box(&base), &options, &compare_options);
        compare_times.push(start.elapsed());
        compared = Some((base, comparison));
    }
    let Some((base, comparison)) = compared else { return ExitCode::FAILURE };
    let (full, base_time, compare_time) = (median(full_times), median(base_times), median(compare_times));

    // What the comparison replaces, once: a re-analysis per target.
    let start = Stopwatch::start();
    for target in &targets {
        let again = reanalyze(&base, &AnalysisOptions { target: Some(target.clone()), ..options.clone() });
        drop(black_box(again));
    }
    let one_by_one = start.elapsed();

    let factor = seconds(compare_time) / seconds(full);
    println!(
        "RegionShift comparison benchmark: synthetic az graph query export, seed {SEED:#x}, {runs} run(s), median {}",
        support::clock()
    );
    println!("{} resources ({megabytes:.1} MB), {} targets", base.inventory.resources.len(), comparison.targets.len());
    println!();
    println!("| step | seconds | x full analysis |");
    println!("|---|---|---|");
    let row = |label: &str, time: Duration| {
        println!("| {label} | {:.3} | {:.2} |", seconds(time), seconds(time) / seconds(full))
    };
    row("full analysis for chinanorth3 (the reference)", full);
    row("analysis without a target (import and plan)", base_time);
    row(&format!("comparison of {} targets on it", comparison.targets.len()), compare_time);
    row("both: the CLI's compare", base_time + compare_time);
    row(&format!("{} re-analyses, one per target (for scale)", targets.len()), one_by_one);
    if let Some(suggestion) = &comparison.suggestion {
        println!();
        println!("suggestion: {} ({})", suggestion.display_name, suggestion.target);
    }

    if comparison.targets.len() != targets.len() {
        println!("FAIL: {} of {} targets compared", comparison.targets.len(), targets.len());
        return ExitCode::FAILURE;
    }
    // The smoke run and reduced sizes get the shared margin (fixed costs weigh more).
    let limit = MAX_FACTOR * settings.margin();
    if factor > limit {
        println!("FAIL: the comparison took {factor:.2}x one full analysis, over {limit:.1}x");
        return ExitCode::FAILURE;
    }
    println!("PASS: the comparison took {factor:.2}x one full analysis (limit {limit:.1}x)");
    ExitCode::SUCCESS
}
