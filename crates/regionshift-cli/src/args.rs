//! The command line, declared once with clap: commands, files, options and their help.
//!
//! Every option value is read by the core's own parser for it (`FromStr` of the cost,
//! plan and ranking option types, [`target_region`] and target lists, [`Date`]), the
//! same one the app and a
//! report read back use: the command line adds no rule of its own. A bad value is a
//! usage error (exit code 2) that says what was found and what is accepted.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use regionshift_core::analysis::target_region;
use regionshift_core::azure::Location;
use regionshift_core::compare::{CompareOptions, Ranking};
use regionshift_core::cost::{DiscountPercent, ExchangeRate, HoursPerMonth, HybridBenefit, Pricing};
use regionshift_core::inventory::ImportOptions;
use regionshift_core::plan::{BandwidthMbps, GroupBy, Workers};
use regionshift_core::report::Redaction;
use regionshift_core::units::Date;
use regionshift_core::AnalysisOptions;

/// regionshift: plan an Azure region move, offline
#[derive(Debug, Parser)]
#[command(
    name = "regionshift",
    version,
    about = "regionshift: plan an Azure region move, offline",
    after_help = "Exit codes: 0 ok, 1 an input file could not be used, 2 usage error"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import Azure exports (Resource Graph, az CLI, PowerShell, ARM templates, portal CSV),
    /// merge them, and print counts, gaps and diagnostics
    Inventory {
        #[command(flatten)]
        inputs: Inputs,
        /// Print the result as JSON (schema regionshift.analysis/1)
        #[arg(long)]
        json: bool,
    },
    /// Say for every resource whether it is ready for the target region, what breaks,
    /// what to use instead, and how to move it
    Assess {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        catalog: CatalogFiles,
        /// Print the result as JSON (schema regionshift.analysis/1)
        #[arg(long)]
        json: bool,
    },
    /// Estimate what the estate costs per month in the target region, next to what it
    /// costs where it runs now, with the resources left unpriced and why
    Cost {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        catalog: CatalogFiles,
        #[command(flatten)]
        pricing: PricingOptions,
        /// Print the result as JSON (schema regionshift.analysis/1)
        #[arg(long)]
        json: bool,
    },
    /// Find the dependencies between resources and plan the move: move groups, waves in
    /// dependency order, durations and the critical path
    Plan {
        #[command(flatten)]
        inputs: Inputs,
        /// Plan cross-cloud methods when the target is in another cloud
        #[arg(long, value_name = "REGION", value_parser = target_region)]
        target: Option<Location>,
        #[command(flatten)]
        plan: PlanFlags,
        /// Print the result as JSON (schema regionshift.analysis/1)
        #[arg(long)]
        json: bool,
    },
    /// Compare every target side by side (all the catalog knows unless --targets names
    /// some): readiness, blockers, monthly cost, plan duration, crossing clouds,
    /// restricted regions; ranked by a rule (--rank), with the suggestion explained
    Compare {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        compare: CompareFlags,
        #[command(flatten)]
        catalog: CatalogFiles,
        // `--spend FILE...` is in PricingOptions next to --prices; the comparison does not
        // use it yet (its today is the list-price estimate where the estate runs now).
        #[command(flatten)]
        pricing: PricingOptions,
        #[command(flatten)]
        plan: PlanFlags,
        /// Print the comparison as JSON (schema regionshift.comparison/1)
        #[arg(long)]
        json: bool,
    },
    /// Run everything and write the outputs: the offline HTML report, the report as
    /// JSON, CSV files (findings, costs, plan) and a Markdown summary; prints the
    /// Markdown summary when no output is named
    #[command(alias = "analyse")]
    Analyze {
        #[command(flatten)]
        inputs: Inputs,
        #[command(flatten)]
        target: Target,
        #[command(flatten)]
        catalog: CatalogFiles,
        #[command(flatten)]
        pricing: PricingOptions,
        #[command(flatten)]
        plan: PlanFlags,
        #[command(flatten)]
        outputs: OutputFlags,
    },
}

/// The inventory files and the limit on their size.
#[derive(Debug, Args)]
pub struct Inputs {
    /// Exported inventories: JSON (Resource Graph, az CLI, PowerShell, ARM templates), CSV
    /// (portal in any language, PowerShell Export-Csv) or az CLI -o table / -o tsv text
    /// (at least one; checked after parsing, as files after `--spend` may be some)
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Refuse files larger than N MiB (default 512)
    #[arg(long = "max-file-mb", value_name = "N", value_parser = max_file_bytes)]
    pub max_file_bytes: Option<u64>,
    /// The day the analysis is made on (default: today): retirements dated before it
    /// are past; for analyze also the report's date. The same inputs, options and date
    /// give byte-identical output
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
}

#[derive(Debug, Args)]
pub struct Target {
    /// The region to move to (chinanorth3, "China North 3", eastus, ...)
    #[arg(long, value_name = "REGION", value_parser = target_region)]
    pub target: Location,
}

#[derive(Debug, Args)]
pub struct CatalogFiles {
    /// az provider list or az vm list-skus output taken in the target cloud; replaces
    /// the embedded catalog for what it covers (repeatable)
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalog_files: Vec<PathBuf>,
}

/// How the estate is priced (cost, analyze).
#[derive(Debug, Args)]
pub struct PricingOptions {
    /// The Azure China price sheet CSV or a saved page of the Azure Retail Prices API
    /// (JSON); overrides the embedded snapshot for the prices it holds (repeatable)
    #[arg(long = "prices", value_name = "FILE")]
    pub price_files: Vec<PathBuf>,
    /// Cost Management exports (EA or MCA cost details CSV, actual or amortized; FOCUS;
    /// usage details; the Enterprise portal's usage CSV, also from ea.azure.cn): today
    /// becomes their actual monthly spend, matched resource by resource; read in chunks,
    /// so no size limit applies. One or more files after the flag (a .json file there is
    /// taken as an inventory; put CSV inventories before the flag)
    #[arg(long = "spend", value_name = "FILE", num_args = 1..)]
    pub spend_files: Vec<PathBuf>,
    /// payg (default), 1y or 3y reservations where prices exist
    #[arg(long, value_name = "TERM")]
    pub pricing: Option<Pricing>,
    /// as-deployed (default: licenseType decides), all or none
    #[arg(long, value_name = "WHICH")]
    pub hybrid_benefit: Option<HybridBenefit>,
    /// Take a negotiated discount off every line (0 to 100)
    #[arg(long, value_name = "PERCENT")]
    pub discount: Option<DiscountPercent>,
    /// Hours in a month (default 730, at most 744)
    #[arg(long, value_name = "N")]
    pub hours_per_month: Option<HoursPerMonth>,
    /// Show a total converted, e.g. USD:CNY=7.10; nothing is converted without it
    #[arg(long, value_name = "FROM:TO=RATE")]
    pub exchange_rate: Option<ExchangeRate>,
    /// Change a usage assumption for every resource, e.g. storage_gb=500 (see the README
    /// for the names; repeatable)
    #[arg(long = "assume", value_name = "NAME=VALUE")]
    pub assumptions: Vec<String>,
}

/// How the move is planned (plan, analyze).
#[derive(Debug, Args)]
pub struct PlanFlags {
    /// component (default), resource-group or tag:NAME
    #[arg(long, value_name = "HOW")]
    pub group_by: Option<GroupBy>,
    /// Most resources in one wave (default 50, 0 = no limit)
    #[arg(long, value_name = "N")]
    pub max_wave: Option<usize>,
    /// Bandwidth for copying data (default 1000)
    #[arg(long, value_name = "N")]
    pub bandwidth_mbps: Option<BandwidthMbps>,
    /// Tasks run at the same time within a wave (default 4)
    #[arg(long, value_name = "N")]
    pub workers: Option<Workers>,
}

/// What `analyze` writes.
#[derive(Debug, Args)]
pub struct OutputFlags {
    /// The self-contained offline report (embeds the inputs so it can be reopened in the
    /// app, unless redacted)
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// The report as JSON (schema regionshift.report/1)
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
    /// findings.csv, costs.csv and plan.csv in DIR (created if needed)
    #[arg(long, value_name = "DIR")]
    pub csv: Option<PathBuf>,
    /// A Markdown summary for a wiki or a pull request
    #[arg(long, value_name = "PATH")]
    pub markdown: Option<PathBuf>,
    /// Replace names, ids, subscriptions, resource groups, tags and IP addresses with
    /// stable pseudonyms in every output
    #[arg(long)]
    pub redact: bool,
    /// The project the report is for, as its title (kept when redacting)
    #[arg(long, value_name = "NAME")]
    pub project: Option<String>,
    /// Who prepared the report, in its heading (kept when redacting)
    #[arg(long, value_name = "NAME")]
    pub author: Option<String>,
    /// Add a comparison of targets to the report and the Markdown summary: every target
    /// the catalog knows, or the comma-separated TARGETS
    #[arg(long, value_name = "TARGETS", num_args = 0..=1, default_missing_value = "all", value_parser = targets)]
    pub compare: Option<Targets>,
    /// How the comparison ranks targets (see compare --rank)
    #[arg(long, value_name = "RULE", requires = "compare")]
    pub rank: Option<Ranking>,
}

/// Which targets `compare` compares and how it ranks them.
#[derive(Debug, Args)]
pub struct CompareFlags {
    /// The targets to compare, comma-separated (default: every target the catalog knows)
    #[arg(long, value_name = "REGION,...", value_parser = targets)]
    pub targets: Option<Targets>,
    /// How targets are ranked: criteria in order (default blockers,cost,duration; also
    /// unknown) or weights such as blockers=3,cost=1,duration=1
    #[arg(long, value_name = "RULE")]
    pub rank: Option<Ranking>,
}

/// Which view a run prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Inventory,
    Assess,
    Cost,
    Plan,
    Compare,
    Analyze,
}

/// Where `analyze` writes what.
#[derive(Debug, Default)]
pub struct Outputs {
    pub html: Option<PathBuf>,
    pub json: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub markdown: Option<PathBuf>,
    pub redaction: Redaction,
    pub project: Option<String>,
    pub author: Option<String>,
}

/// One run: what to read, the analysis options, and what to print or write.
pub struct RunArgs {
    pub mode: Mode,
    pub files: Vec<PathBuf>,
    pub catalog: Vec<PathBuf>,
    pub prices: Vec<PathBuf>,
    /// Cost Management exports (`--spend`).
    pub spend: Vec<PathBuf>,
    pub target: Option<Location>,
    pub json: bool,
    pub max_file_bytes: u64,
    /// Everything else the analysis is asked to do differently (pricing, planning).
    pub options: AnalysisOptions,
    pub outputs: Outputs,
    /// The comparison `compare` prints, or `analyze` adds to the report.
    pub compare: Option<CompareOptions>,
}

impl Cli {
    /// The run the command line asks for, or a usage error (for options that need more
    /// than one value checked together).
    pub fn into_run(self) -> Result<RunArgs, String> {
        let mut options = AnalysisOptions::default();
        let (mode, inputs, target, catalog, json) = match self.command {
            Command::Inventory { inputs, json } => (Mode::Inventory, inputs, None, Vec::new(), json),
            Command::Assess { inputs, target, catalog, json } => {
                (Mode::Assess, inputs, Some(target.target), catalog.catalog_files, json)
            }
            Command::Cost { inputs, target, catalog, pricing, json } => {
                let prices = apply_pricing(&mut options, pricing)?;
                return finish(Mode::Cost, inputs, Some(target.target), catalog.catalog_files, prices, json, options);
            }
            Command::Plan { inputs, target, plan, json } => {
                apply_plan(&mut options, plan);
                (Mode::Plan, inputs, target, Vec::new(), json)
            }
            Command::Compare { inputs, compare, catalog, pricing, plan, json } => {
                let prices = apply_pricing(&mut options, pricing)?;
                apply_plan(&mut options, plan);
                let mut run = finish(Mode::Compare, inputs, None, catalog.catalog_files, prices, json, options)?;
                run.compare = Some(CompareOptions {
                    targets: compare.targets.map(|targets| targets.0).unwrap_or_default(),
                    ranking: compare.rank.unwrap_or_default(),
                });
                return Ok(run);
            }
            Command::Analyze { inputs, target, catalog, pricing, plan, outputs } => {
                let prices = apply_pricing(&mut options, pricing)?;
                apply_plan(&mut options, plan);
                let mut run =
                    finish(Mode::Analyze, inputs, Some(target.target), catalog.catalog_files, prices, false, options)?;
                run.compare = outputs
                    .compare
                    .map(|targets| CompareOptions { targets: targets.0, ranking: outputs.rank.unwrap_or_default() });
                run.outputs = Outputs {
                    html: outputs.html,
                    json: outputs.json,
                    csv: outputs.csv,
                    markdown: outputs.markdown,
                    redaction: if outputs.redact { Redaction::Pseudonyms } else { Redaction::None },
                    project: outputs.project,
                    author: outputs.author,
                };
                return Ok(run);
            }
        };
        finish(mode, inputs, target, catalog, (Vec::new(), Vec::new()), json, options)
    }
}

fn finish(
    mode: Mode,
    inputs: Inputs,
    target: Option<Location>,
    catalog: Vec<PathBuf>,
    (prices, spend): (Vec<PathBuf>, Vec<PathBuf>),
    json: bool,
    mut options: AnalysisOptions,
) -> Result<RunArgs, String> {
    if let Some(bytes) = inputs.max_file_bytes {
        options.import.max_file_bytes = bytes;
    }
    options.date = inputs.date;
    options.validate()?;
    // `--spend` takes every file after it: the JSON ones are inventories (no Cost
    // Management export is JSON).
    let (spend, inventories): (Vec<PathBuf>, Vec<PathBuf>) = spend
        .into_iter()
        .partition(|path| !path.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("json")));
    let mut files = inputs.files;
    files.extend(inventories);
    if files.is_empty() {
        return Err("no inventory FILE given (with --spend, put CSV inventories before it)".to_string());
    }
    Ok(RunArgs {
        mode,
        files,
        catalog,
        prices,
        spend,
        target,
        json,
        max_file_bytes: options.import.max_file_bytes,
        options,
        outputs: Outputs::default(),
        compare: None,
    })
}

/// Targets the catalog knows, as one option value gives them (empty: every one).
#[derive(Debug, Clone)]
pub struct Targets(pub Vec<Location>);

/// A comma-separated list of targets the catalog knows (`all`: every one), read by the
/// core's rule for it.
fn targets(text: &str) -> Result<Targets, String> {
    CompareOptions::parse_targets(text).map(Targets)
}

/// `--max-file-mb N` in bytes, read by the core's rule for the limit.
fn max_file_bytes(text: &str) -> Result<u64, String> {
    let mut import = ImportOptions::default();
    import.set_max_file_mib(text)?;
    Ok(import.max_file_bytes)
}

/// Sets the pricing options; the price files and the spend files to read.
fn apply_pricing(options: &mut AnalysisOptions, flags: PricingOptions) -> Result<(Vec<PathBuf>, Vec<PathBuf>), String> {
    let cost = &mut options.cost;
    if let Some(pricing) = flags.pricing {
        cost.pricing = pricing;
    }
    if let Some(hybrid_benefit) = flags.hybrid_benefit {
        cost.hybrid_benefit = hybrid_benefit;
    }
    if let Some(discount) = flags.discount {
        cost.discount_percent = Some(discount);
    }
    if let Some(hours) = flags.hours_per_month {
        cost.hours_per_month = hours;
    }
    cost.exchange_rate = flags.exchange_rate;
    for setting in &flags.assumptions {
        cost.assumptions.set_from_text(setting).map_err(|error| format!("--assume: {error}"))?;
    }
    Ok((flags.price_files, flags.spend_files))
}

fn apply_plan(options: &mut AnalysisOptions, flags: PlanFlags) {
    let plan = &mut options.plan;
    if let Some(group_by) = flags.group_by {
        plan.group_by = group_by;
    }
    if let Some(max_wave) = flags.max_wave {
        plan.max_wave_size = max_wave;
    }
    if let Some(bandwidth) = flags.bandwidth_mbps {
        plan.bandwidth_mbps = bandwidth;
    }
    if let Some(workers) = flags.workers {
        plan.workers = workers;
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    fn parse(list: &[&str]) -> Result<RunArgs, String> {
        let mut argv = vec!["regionshift"];
        argv.extend_from_slice(list);
        Cli::try_parse_from(argv).map_err(|e| e.to_string())?.into_run()
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn parses_inventory_options() {
        let parsed = parse(&["inventory", "a.json", "--json", "--max-file-mb", "3", "b.csv"]).unwrap();
        assert_eq!(parsed.files, [PathBuf::from("a.json"), PathBuf::from("b.csv")]);
        assert!(parsed.json);
        assert_eq!(parsed.max_file_bytes, 3 * 1024 * 1024);
    }

    #[test]
    fn parses_assess_options_and_normalises_the_target() {
        let parsed = parse(&["assess", "a.json", "--target", "China North 3", "--catalog", "skus.json"]).unwrap();
        assert_eq!(parsed.mode, Mode::Assess);
        assert_eq!(parsed.target.unwrap().as_str(), "chinanorth3");
        assert_eq!(parsed.catalog, [PathBuf::from("skus.json")]);
    }

    #[test]
    fn option_values_go_through_the_cores_parsers() {
        let parsed = parse(&[
            "analyze",
            "a.json",
            "--target",
            "chinaeast2",
            "--pricing",
            "3y",
            "--discount",
            "12.5",
            "--exchange-rate",
            "USD:CNY=7.1",
            "--assume",
            "storage_gb=500",
            "--group-by",
            "tag:app",
            "--workers",
            "2",
            "--date",
            "2026-02-28",
            "--redact",
        ])
        .unwrap();
        assert_eq!(parsed.options.cost.pricing, Pricing::Reserved3Years);
        assert_eq!(parsed.options.cost.discount_percent.unwrap().to_string(), "12.5");
        assert_eq!(parsed.options.cost.exchange_rate.unwrap().to_string(), "USD:CNY=7.1");
        assert_eq!(parsed.options.cost.assumptions.storage_gb.to_string(), "500");
        assert_eq!(parsed.options.plan.group_by, GroupBy::Tag("app".to_string()));
        assert_eq!(parsed.options.plan.workers.get(), 2);
        assert_eq!(parsed.options.date.map(|date| date.to_string()).as_deref(), Some("2026-02-28"));
        assert_eq!(parsed.outputs.redaction, Redaction::Pseudonyms);
    }

    #[test]
    fn parses_compare_options() {
        let parsed =
            parse(&["compare", "a.json", "--targets", "chinanorth3, China East 2", "--rank", "cost,blockers"]).unwrap();
        assert_eq!(parsed.mode, Mode::Compare);
        assert!(parsed.target.is_none());
        let compare = parsed.compare.unwrap();
        let targets: Vec<&str> = compare.targets.iter().map(Location::as_str).collect();
        assert_eq!(targets, ["chinanorth3", "chinaeast2"]);
        assert_eq!(compare.ranking.to_string(), "cost,blockers");
        let every = parse(&["compare", "a.json", "--exchange-rate", "USD:CNY=7.1", "--json"]).unwrap();
        assert!(every.compare.unwrap().targets.is_empty(), "every known target");
        assert!(every.json);
        assert_eq!(every.options.cost.exchange_rate.unwrap().to_string(), "USD:CNY=7.1");
        let analyze = parse(&["analyze", "a.json", "--target", "chinanorth3", "--compare"]).unwrap();
        assert!(analyze.compare.unwrap().targets.is_empty());
        let analyze =
            parse(&["analyze", "a.json", "--target", "chinanorth3", "--compare", "chinaeast2", "--rank", "duration"])
                .unwrap();
        assert_eq!(analyze.compare.unwrap().targets.len(), 1);
        assert!(parse(&["analyze", "a.json", "--target", "chinanorth3"]).unwrap().compare.is_none());
    }

    #[test]
    fn spend_takes_every_file_after_it_but_inventories() {
        let parsed =
            parse(&["cost", "a.json", "--target", "chinanorth3", "--spend", "jan.csv", "feb.csv", "--json"]).unwrap();
        assert_eq!(parsed.spend, [PathBuf::from("jan.csv"), PathBuf::from("feb.csv")]);
        assert_eq!(parsed.files, [PathBuf::from("a.json")]);
        assert!(parsed.json);
        let parsed =
            parse(&["analyze", "--spend", "x.csv", "estate.JSON", "--target", "chinaeast2", "--spend", "y.csv"])
                .unwrap();
        assert_eq!(parsed.spend, [PathBuf::from("x.csv"), PathBuf::from("y.csv")]);
        assert_eq!(parsed.files, [PathBuf::from("estate.JSON")]);
    }

    #[test]
    fn refuses_bad_command_lines() {
        for bad in [
            &[][..],
            &["inventory"],
            &["inventory", "--bogus", "x"],
            &["frobnicate"],
            &["inventory", "x", "--max-file-mb", "lots"],
            &["inventory", "x", "--max-file-mb", "0"],
            &["assess", "x"],
            &["assess", "x", "--target", "Mars Central"],
            &["cost", "x", "--target", "chinanorth3", "--discount", "150"],
            &["cost", "x", "--target", "chinanorth3", "--hours-per-month", "800"],
            &["cost", "x", "--target", "chinanorth3", "--exchange-rate", "USD:USD=1"],
            &["cost", "x", "--target", "chinanorth3", "--assume", "storage_gb=-1"],
            &["cost", "x", "--target", "chinanorth3", "--assume", "nothing=1"],
            &["plan", "x", "--workers", "0"],
            &["plan", "x", "--bandwidth-mbps", "0"],
            &["plan", "x", "--group-by", "tag:"],
            &["analyze", "x", "--target", "chinanorth3", "--date", "2026-02-30"],
            &["compare", "x", "--targets", "chinanorth3,Mars Central"],
            &["compare", "x", "--rank", "price"],
            &["compare", "x", "--rank", "blockers=0"],
            &["analyze", "x", "--target", "chinanorth3", "--rank", "cost"],
            &["cost", "--target", "chinanorth3", "--spend", "x.csv"],
            &["cost", "x", "--target", "chinanorth3", "--spend"],
        ] {
            assert!(parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
