//! The fuzz targets: one function per reader, each taking arbitrary bytes and driving
//! them through the core's public API the way the app and the CLI do. A target must
//! never panic and never hang, whatever the bytes.
//!
//! The coverage-guided fuzzer (`fuzz/`, built with `cargo afl`, run by `scripts/fuzz`)
//! calls [`run`]; so does the test that replays every seed and every regression fixture
//! (`tests/fuzz_targets.rs`), so a target that rots fails `cargo test`. [`seeds`] names
//! where each target's seed corpus is read from: this repository's fixtures and the
//! shared material next to it, read in place and never copied.

use std::path::{Path, PathBuf};

use regionshift_core::azure::Location;
use regionshift_core::compare::{compare, CompareOptions};
use regionshift_core::inventory::{self, ImportOptions};
use regionshift_core::report::{self, Redaction, Reopened, ReportOptions, Source};
use regionshift_core::spend::SpendLoader;
use regionshift_core::{analyze, analyze_with_spend, AnalysisOptions, InputFile};

/// One reader of user files, fuzzed on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Inventory import, every shape, with the detector choosing (the file name varies
    /// with the input's length, as portal service pages are told apart by name).
    Import,
    /// ARM template evaluation: the input is imported as `template.json`.
    Arm,
    /// Portal CSVs and the other delimited and tabular shapes.
    Delimited,
    /// Price files (China price sheet CSV, Retail Prices API pages), used to price a
    /// small estate on both sides of a move.
    Prices,
    /// Catalog files (`az provider list`, `az vm list-skus`), used to assess a small estate.
    Catalog,
    /// Report re-import (`report::reopen`), then the analysis and report it restores.
    Reopen,
    /// Cost Management exports (EA, MCA, FOCUS, the older EA and Azure China portal
    /// files): fed to the streaming reader in chunks of 1 to 97 bytes, so
    /// rows, quotes and UTF-16 pairs are split at every boundary, then summarised against
    /// the small estate and compared with its target estimate.
    Spend,
    /// `analyze` end to end: the first line is the options as JSON (as a report stores
    /// them), the rest an inventory (the small estate when empty); then every rendering.
    Analyze,
}

impl Target {
    pub const ALL: [Target; 8] = [
        Target::Import,
        Target::Arm,
        Target::Delimited,
        Target::Prices,
        Target::Catalog,
        Target::Reopen,
        Target::Spend,
        Target::Analyze,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::Import => "import",
            Target::Arm => "arm",
            Target::Delimited => "delimited",
            Target::Prices => "prices",
            Target::Catalog => "catalog",
            Target::Reopen => "reopen",
            Target::Spend => "spend",
            Target::Analyze => "analyze",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|target| target.name() == name)
    }
}

/// The repository's root.
pub fn repo() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The small estate the price, catalog and analyze targets price and assess: the shop
/// fixture, once where it is (West Europe) and once in East US, where the price fixtures
/// are, so that both the snapshot's and the user's prices are reached.
pub fn small_estate() -> InputFile {
    let shop = include_str!("../../../tests/fixtures/inventory/shop-graph.json");
    InputFile::new("shop-graph.json", shop.replace("westeurope", "eastus"))
}

/// The file names the import target gives its input, chosen by the input's length.
const IMPORT_NAMES: [&str; 8] = [
    "export.json",
    "export.csv",
    "Virtualmachines.csv",
    "Azureresourcegroups.csv",
    "resources.txt",
    "resources.tsv",
    "template.json",
    "Azureresources.csv",
];
const DELIMITED_NAMES: [&str; 5] =
    ["Azureresources.csv", "Virtualmachines.csv", "Azureresourcegroups.csv", "resources.tsv", "resources.txt"];

fn pick<'a>(names: &[&'a str], data: &[u8]) -> &'a str {
    names.get(data.len() % names.len().max(1)).copied().unwrap_or("input")
}

fn target_options() -> AnalysisOptions {
    AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() }
}

/// Drives `data` through `target`. Panics only if the core does.
pub fn run(target: Target, data: &[u8]) {
    match target {
        Target::Import => {
            let file = InputFile::new(pick(&IMPORT_NAMES, data), data.to_vec());
            std::hint::black_box(analyze(&[file], &target_options()));
        }
        Target::Arm => {
            let file = InputFile::new("template.json", data.to_vec());
            std::hint::black_box(inventory::import(&[file], &ImportOptions::default()));
        }
        Target::Delimited => {
            let file = InputFile::new(pick(&DELIMITED_NAMES, data), data.to_vec());
            std::hint::black_box(inventory::import(&[file], &ImportOptions::default()));
        }
        Target::Prices => {
            let name = if data.len() % 2 == 0 { "prices.csv" } else { "prices.json" };
            let options =
                AnalysisOptions { price_files: vec![InputFile::new(name, data.to_vec())], ..target_options() };
            let analysis = analyze(&[small_estate()], &options);
            render_everything(&analysis, &options, &[small_estate()]);
        }
        Target::Catalog => {
            let options = AnalysisOptions {
                catalog_files: vec![InputFile::new("catalog.json", data.to_vec())],
                ..target_options()
            };
            std::hint::black_box(analyze(&[small_estate()], &options));
        }
        Target::Reopen => reopen(data),
        Target::Spend => spend(data),
        Target::Analyze => analyze_with_options(data),
    }
}

fn spend(data: &[u8]) {
    // The chunk size follows the input's length, so the seeds stay valid exports.
    let (size, export) = (data.len() % 97 + 1, data);
    let mut loader = SpendLoader::new();
    loader.begin("cost-export.csv");
    for chunk in export.chunks(size) {
        loader.feed(chunk);
    }
    loader.end();
    let (loaded, diagnostics) = loader.finish();
    // Read whole as well: the same file must not read differently in one piece (a
    // difference panics, so the fuzzer reports it).
    let (whole, _) = regionshift_core::spend::load(&[InputFile::new("cost-export.csv", export.to_vec())]);
    let estate = small_estate();
    let options = target_options();
    let ids = inventory::import(std::slice::from_ref(&estate), &ImportOptions::default()).inventory;
    let (chunked, at_once) =
        (loaded.summarize(ids.resources.iter().map(|r| &r.id)), whole.summarize(ids.resources.iter().map(|r| &r.id)));
    assert_eq!(chunked.total, at_once.total, "the export sums differently read in chunks of {size} bytes");
    assert_eq!(chunked.matched_resources, at_once.matched_resources, "chunks of {size} bytes match other resources");
    let analysis = analyze_with_spend(std::slice::from_ref(&estate), &options, whole, diagnostics);
    render_everything(&analysis, &options, &[estate]);
}

fn reopen(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match report::reopen(&text) {
        Ok(Reopened::Source { source, date, decisions, diagnostics }) => {
            std::hint::black_box(diagnostics);
            // A report whose options do not validate is refused by the shells; the core
            // must still not panic on it, so it is analysed either way.
            let analysis = analyze(&source.files, &source.options);
            let options = ReportOptions { date, source: Some(*source), decisions, ..ReportOptions::default() };
            std::hint::black_box(report::html::render(&report::build(&analysis, &options)));
        }
        Ok(Reopened::Model(model)) => {
            std::hint::black_box(report::html::render(&model));
            std::hint::black_box(report::text::assessment(&model));
            std::hint::black_box(report::markdown::render(&model));
        }
        Err(error) => {
            std::hint::black_box(error.to_string());
        }
    }
}

fn analyze_with_options(data: &[u8]) {
    let (head, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(end) => (data.get(..end).unwrap_or_default(), data.get(end + 1..).unwrap_or_default()),
        None => (data, &[][..]),
    };
    let Ok(options) = serde_json::from_slice::<AnalysisOptions>(head) else { return };
    // The shells refuse options that do not validate; so does this target.
    if options.validate().is_err() {
        return;
    }
    let files =
        if rest.is_empty() { vec![small_estate()] } else { vec![InputFile::new("inventory.json", rest.to_vec())] };
    let analysis = analyze(&files, &options);
    render_everything(&analysis, &options, &files);
}

/// Builds the report (plain and redacted, with a comparison of two targets) and renders
/// it every way the shells do, then reads the HTML back.
fn render_everything(analysis: &regionshift_core::Analysis, options: &AnalysisOptions, files: &[InputFile]) {
    let source = Source { files: files.to_vec(), options: options.clone() };
    let targets = ["chinanorth3", "eastus"].into_iter().filter_map(Location::new).collect();
    let compared = compare(analysis, options, &CompareOptions { targets, ..CompareOptions::default() });
    let comparison = Some(std::sync::Arc::new(compared));
    // Decisions on the first finding's rule and on the last finding, so every rendering
    // shows some.
    let mut decisions = regionshift_core::decisions::Decisions::new();
    if let Some(assessment) = &analysis.assessment {
        let waived = |note: &str| regionshift_core::decisions::Decision {
            status: regionshift_core::decisions::Status::Waived,
            owner: "owner".to_string(),
            note: note.to_string(),
        };
        if let (Some(first), Some(last)) = (assessment.findings.first(), assessment.findings.last()) {
            decisions.set_rule(first.rule, waived("a reason"));
            decisions.set_finding(last.rule, last.resource.as_str(), waived(""));
        }
    }
    for redact in [Redaction::None, Redaction::Pseudonyms] {
        let report_options = ReportOptions {
            date: "2026-12-06".to_string(),
            project: Some("<Move & \"go\"> \u{202e}".to_string()),
            author: Some(
                String::from_utf8_lossy(files.first().map_or(&[][..], |f| &f.bytes[..f.bytes.len().min(40)]))
                    .to_string(),
            ),
            redact,
            source: Some(source.clone()),
            comparison: comparison.clone(),
            decisions: decisions.clone(),
        };
        let model = report::build(analysis, &report_options);
        let html = report::html::render(&model);
        std::hint::black_box(report::json(&model));
        std::hint::black_box(report::markdown::render(&model));
        std::hint::black_box(report::csv::findings(&model));
        std::hint::black_box(report::csv::costs(&model));
        std::hint::black_box(report::csv::plan(&model));
        for view in [
            report::text::inventory,
            report::text::assessment,
            report::text::cost,
            report::text::plan,
            report::text::comparison,
        ] {
            std::hint::black_box(view(&model));
        }
        std::hint::black_box(report::reopen(&html).is_ok());
    }
}

/// Where a target's seeds are read from: folders and files of this repository's fixtures
/// and of the shared material beside it (`../shared`), read in place.
pub fn seeds(target: Target) -> Vec<PathBuf> {
    let fixtures = repo().join("tests/fixtures");
    let shared = repo().join("../shared");
    let mut paths = match target {
        Target::Import => vec![
            fixtures.join("inventory"),
            fixtures.join("arm"),
            fixtures.join("csv"),
            shared.join("corpus/list"),
            shared.join("corpus/resources"),
            shared.join("wild"),
        ],
        Target::Arm => vec![fixtures.join("arm"), shared.join("corpus/arm")],
        Target::Delimited => vec![
            fixtures.join("csv"),
            fixtures.join("inventory/shapes"),
            shared.join("corpus/csv"),
            shared.join("wild"),
        ],
        Target::Prices => vec![fixtures.join("cost"), repo().join("data/prices")],
        Target::Catalog => vec![fixtures.join("catalog"), fixtures.join("catalog-e2e")],
        Target::Reopen => vec![fixtures.join("report")],
        Target::Spend => vec![fixtures.join("spend")],
        Target::Analyze => vec![fixtures.join("fuzz/analyze")],
    };
    paths.push(fixtures.join("fuzz").join(target.name()));
    paths
}

/// Every file under `paths` (recursively), sorted; missing folders give nothing.
pub fn files_under(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(path) = stack.pop() {
        if path.is_file() {
            found.push(path);
        } else if let Ok(entries) = std::fs::read_dir(&path) {
            stack.extend(entries.flatten().map(|entry| entry.path()));
        }
    }
    found.retain(|path| {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        !name.starts_with('.') && !name.eq_ignore_ascii_case("README.md") && !name.eq_ignore_ascii_case("SOURCES.md")
    });
    found.sort();
    found.dedup();
    found
}
