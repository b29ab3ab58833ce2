//! Report benchmark: the offline HTML report of a synthetic 10,000-resource estate must
//! be written in under a second natively and stay under 15 MB.
//!
//! Run with `cargo bench --bench report`. It generates the estate with
//! `regionshift_core::synth`, analyses it for China North 3 (not timed against the limit),
//! then times building the report model and rendering the HTML, with the inputs
//! embedded as the app's download does. Each measurement runs three times and the
//! median is reported; the redacted report (its model embedded instead of the inputs)
//! is measured and held to the same limits. The
//! process exits with status 1 when the median is a second or more or the file is
//! 15 MB or more. `REGIONSHIFT_BENCH_RESOURCES=N` changes the size.
//!
//! Built by `cargo test --benches` (no `--bench` argument) it runs one small smoke pass,
//! held to the limits scaled to its size with a 3x margin.

mod support;

use support::{median, Stopwatch};

use std::process::ExitCode;

use regionshift_core::azure::Location;
use regionshift_core::report::{self, Redaction, ReportOptions, Source};
use regionshift_core::{analyze, AnalysisOptions, InputFile};
use regionshift_dev::synth;

const DEFAULT_RESOURCES: usize = 10_000;
const RUNS: usize = 3;
const SEED: u64 = 0x5EED_2024;
const MAX_SECONDS: f64 = 1.0;
const MAX_BYTES: usize = 15 * 1000 * 1000;

fn main() -> ExitCode {
    let settings = match support::settings(DEFAULT_RESOURCES, 200, RUNS) {
        Ok(settings) => settings,
        Err(code) => return code,
    };
    let (resources, runs) = (settings.resources, settings.runs);
    // The limits are for 10,000 resources; a smaller run (CI's) is held to the same
    // limits scaled to its size, with a margin, and never below a tenth of them.
    let scale = (resources as f64 / DEFAULT_RESOURCES as f64).clamp(0.1, 1.0) * settings.margin();
    let (max_seconds, max_bytes) = (MAX_SECONDS * scale.min(1.0), (MAX_BYTES as f64 * scale.min(1.0)) as usize);

    let text = synth::resource_graph_export(resources, SEED);
    let input_bytes = text.len();
    let source = Source {
        files: vec![InputFile::new("synthetic.json", text.into_bytes())],
        options: AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() },
    };
    let started = Stopwatch::start();
    let analysis = analyze(&source.files, &source.options);
    let analyzed = started.elapsed();
    println!(
        "{} resources ({:.1} MB of input) analysed for chinanorth3 in {:.3} s",
        analysis.inventory.resources.len(),
        input_bytes as f64 / 1e6,
        analyzed.as_secs_f64()
    );

    let mut failed = false;
    for (label, redact) in [("report", Redaction::None), ("redacted report", Redaction::Pseudonyms)] {
        let options = ReportOptions {
            date: "2026-11-25".to_string(),
            redact,
            source: Some(source.clone()),
            ..ReportOptions::default()
        };
        let mut build_times = Vec::with_capacity(runs);
        let mut total_times = Vec::with_capacity(runs);
        let mut size = 0;
        for _ in 0..runs {
            let start = Stopwatch::start();
            let model = report::build(&analysis, &options);
            build_times.push(start.elapsed());
            let html = report::html::render(&model);
            total_times.push(start.elapsed());
            size = html.len();
            std::hint::black_box(&html);
        }
        let build = median(build_times).as_secs_f64();
        let total = median(total_times).as_secs_f64();
        println!(
            "{label}: {total:.3} s (model {build:.3} s, HTML {:.3} s) of {}, {:.2} MB (limits: {max_seconds:.2} s, {:.1} MB)",
            total - build,
            support::clock(),
            size as f64 / 1e6,
            max_bytes as f64 / 1e6
        );
        if total >= max_seconds || size >= max_bytes {
            eprintln!("FAIL: the {label} takes {total:.3} s and {size} bytes");
            failed = true;
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
