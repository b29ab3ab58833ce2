//! The one entry point: the app, the CLI and the tests all call [`analyze`].

use serde::{Deserialize, Serialize};

use crate::assess::{self, AssessOptions, Assessment};
use crate::azure::Location;
use crate::catalog::{Catalog, CatalogPart};
use crate::cost::{self, Comparison, CostOptions, Estimate, LoadReport, PriceBook};
use crate::diagnostics::Diagnostic;
use crate::input::InputFile;
use crate::inventory::completeness::{self, Completeness};
use crate::inventory::summary::{self, InventorySummary};
use crate::inventory::{self, FileReport, ImportOptions, Inventory};
use crate::plan::{self, Plan, PlanOptions};
use crate::spend::{self, Spend, SpendSummary};
use crate::units::{Currency, Date};
use std::sync::Arc;

use rust_decimal::Decimal;

/// Version of the JSON form of [`Analysis`] (see README, "JSON output").
pub const SCHEMA: &str = "regionshift.analysis/1";

/// Everything an analysis may be asked to do differently.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisOptions {
    pub import: ImportOptions,
    /// The region to assess the estate for; without one there is no assessment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<Location>,
    /// The day the analysis is made on (the core reads no clock; the shells pass today,
    /// a report its own date): retirements dated on or before it are past. Without one,
    /// the date the catalog's retirement table was read on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Catalog data the user loaded (`az provider list`, `az vm list-skus`), which
    /// replaces the embedded snapshot for the regions and parts it covers.
    #[serde(skip)]
    pub catalog_files: Vec<InputFile>,
    /// Price files the user loaded (the Azure China price sheet CSV, saved pages of
    /// the Azure Retail Prices API), which override the embedded price snapshot.
    #[serde(skip)]
    pub price_files: Vec<InputFile>,
    /// Cost Management exports (EA or MCA cost details, FOCUS, usage details), whose
    /// monthly average is today's actual spend.
    #[serde(skip)]
    pub spend_files: Vec<InputFile>,
    /// How the estimate is priced (only used with a target).
    pub cost: CostOptions,
    /// How the migration plan is formed. Whether the move crosses clouds is decided
    /// by the analysis from the inventory's regions and the target, not taken from here.
    pub plan: PlanOptions,
}

impl AnalysisOptions {
    /// The one check of options wherever they come from (the command line, the app, a
    /// report read back): the newtypes of the cost and plan options hold their own
    /// bounds when parsed or read; this checks what they cannot (usage assumptions and
    /// assumed sizes of 0 or more, import limits above 0, a target the catalog knows).
    pub fn validate(&self) -> Result<(), String> {
        self.import.validate()?;
        self.cost.validate()?;
        self.plan.validate()?;
        if let Some(target) = &self.target {
            target_region(target.as_str())?;
        }
        Ok(())
    }
}

/// Reads a target region the embedded catalog knows (`chinanorth3`, `China North 3`),
/// or says which ones it knows.
pub fn target_region(text: &str) -> Result<Location, String> {
    let catalog = Catalog::embedded();
    match Location::new(text) {
        Some(location) if catalog.knows_region(&location) => Ok(location),
        _ => Err(format!(
            "{text:?} is not a region the catalog knows; choose one of {}",
            known_targets().iter().map(Location::as_str).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// The regions the embedded catalog knows, in the order of the regions table.
pub fn known_targets() -> Vec<Location> {
    let catalog = Catalog::embedded();
    crate::azure::regions::all()
        .iter()
        .filter_map(|region| Location::new(&region.name))
        .filter(|location| catalog.knows_region(location))
        .collect()
}

/// Which catalog the analysis used: the snapshot's date, and which parts came from
/// the user's files.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogReport {
    pub as_of: String,
    pub user_files: Vec<String>,
    pub parts: Vec<CatalogPart>,
}

/// The prices an estimate used: the snapshot's date and what the user's files gave.
#[derive(Debug, Clone, Serialize)]
pub struct PricesReport {
    pub snapshot_as_of: String,
    /// Remarks the snapshot carries (what it does not hold).
    pub snapshot_notes: Vec<String>,
    /// What the user's price files gave (empty when none were loaded).
    pub user: LoadReport,
}

/// The monthly cost in the target region next to the cost where the estate runs now.
#[derive(Debug, Clone, Serialize)]
pub struct CostReport {
    pub prices: PricesReport,
    pub target: Estimate,
    /// List prices where each resource runs now; it does not depend on the target.
    pub source: Estimate,
    /// The share (percent) of the source's priced cost whose resources the target
    /// estimate prices too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_cost_coverage: Option<Decimal>,
    /// Today's actual spend from the Cost Management exports loaded, matched against
    /// the inventory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spend: Option<SpendSummary>,
    /// The change from today to the target, like for like: against the actual spend
    /// when exports were loaded and match resources the target prices, else against
    /// today's list prices.
    pub comparison: Comparison,
    /// The same against today's list prices (equal to `comparison` without spend).
    pub list_price_comparison: Comparison,
}

impl CostReport {
    /// Target minus today over the resources priced on both sides, in the target's
    /// currency, when today can be expressed in it (one currency, or the user's rate).
    pub fn delta(&self) -> Option<(Decimal, Currency)> {
        self.comparison.change.map(|change| (change, self.comparison.target_currency))
    }
}

/// The result of one analysis.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    pub schema: &'static str,
    pub files: Vec<FileReport>,
    pub summary: InventorySummary,
    pub completeness: Completeness,
    pub diagnostics: Vec<Diagnostic>,
    pub catalog: CatalogReport,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// Present when a target was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostReport>,
    pub plan: Plan,
    /// Shared, so a re-analysis with other options ([`reanalyze`]) reuses it.
    pub inventory: Arc<Inventory>,
    /// How many of `diagnostics` (the first ones) came from reading the inputs.
    #[serde(skip)]
    import_diagnostics: usize,
    /// The spend files read and what they gave, so a re-analysis with the same files
    /// does not read them again.
    #[serde(skip)]
    spend: Option<Arc<SpendCache>>,
}

/// Spend files as read, keyed by their names, sizes and a hash of their bytes (none
/// when the caller streamed them: [`analyze_with_spend`]).
#[derive(Debug)]
struct SpendCache {
    fingerprint: Option<Vec<(String, usize, u64)>>,
    spend: Spend,
    diagnostics: Vec<Diagnostic>,
}

fn fingerprint(files: &[InputFile]) -> Vec<(String, usize, u64)> {
    files
        .iter()
        .map(|file| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for chunk in file.bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(0x100_0000_01b3);
            }
            (file.name.clone(), file.bytes.len(), hash)
        })
        .collect()
}

impl Analysis {
    /// Did any input file fail to load?
    pub fn has_file_errors(&self) -> bool {
        self.files.iter().any(|f| f.error.is_some())
    }
}

/// Imports the inputs and analyses them. Never fails: problems are diagnostics.
pub fn analyze(inputs: &[InputFile], options: &AnalysisOptions) -> Analysis {
    analyze_imported(Imported::read(inputs, options), options, None)
}

/// [`analyze`] with spend exports the caller has already streamed through a
/// [`spend::SpendLoader`] (files of gigabytes, read in chunks); `options.spend_files`,
/// if any, are not read.
pub fn analyze_with_spend(
    inputs: &[InputFile],
    options: &AnalysisOptions,
    spend: Spend,
    spend_diagnostics: Vec<Diagnostic>,
) -> Analysis {
    let imported = Imported::read(inputs, options);
    let cache = Arc::new(SpendCache { fingerprint: None, spend, diagnostics: spend_diagnostics });
    analyze_imported(imported, options, Some(cache))
}

/// Analyses the inventory of an earlier analysis again with other options (target,
/// catalog or price files, cost or plan options), without reading the inputs again:
/// the same result as [`analyze`] on the same inputs with these options, as long as
/// the import options are the same.
pub fn reanalyze(previous: &Analysis, options: &AnalysisOptions) -> Analysis {
    let imported = Imported {
        files: previous.files.clone(),
        summary: previous.summary.clone(),
        completeness: previous.completeness.clone(),
        import_diagnostics: previous.diagnostics[..previous.import_diagnostics].to_vec(),
        inventory: Arc::clone(&previous.inventory),
    };
    analyze_imported(imported, options, previous.spend.clone())
}

/// What reading the inputs gave, before any option but the import's applies.
struct Imported {
    files: Vec<FileReport>,
    summary: InventorySummary,
    completeness: Completeness,
    import_diagnostics: Vec<Diagnostic>,
    inventory: Arc<Inventory>,
}

impl Imported {
    /// Imports the inputs, with their summary and what they lack.
    fn read(inputs: &[InputFile], options: &AnalysisOptions) -> Imported {
        let import = inventory::import(inputs, &options.import);
        let summary = summary::summarize(&import.inventory);
        let completeness = completeness::assess(&import);
        Imported {
            files: import.files,
            summary,
            completeness,
            import_diagnostics: import.diagnostics,
            inventory: Arc::new(import.inventory),
        }
    }
}

fn analyze_imported(imported: Imported, options: &AnalysisOptions, spend_cache: Option<Arc<SpendCache>>) -> Analysis {
    let import_diagnostics = imported.import_diagnostics.len();
    let targets: Vec<Location> = options.target.iter().cloned().collect();
    let each = each_target(&imported.inventory, options, &targets);
    let mut diagnostics = imported.import_diagnostics;
    diagnostics.extend(each.diagnostics);
    let spend = if options.spend_files.is_empty() {
        // Only spend the caller streamed carries over without files.
        spend_cache.filter(|cache| cache.fingerprint.is_none())
    } else {
        let print = fingerprint(&options.spend_files);
        Some(match spend_cache.filter(|cache| cache.fingerprint.as_ref() == Some(&print)) {
            Some(cache) => cache,
            None => {
                let (spend, spend_diagnostics) = spend::load(&options.spend_files);
                Arc::new(SpendCache { fingerprint: Some(print), spend, diagnostics: spend_diagnostics })
            }
        })
    };
    if let Some(cache) = &spend {
        diagnostics.extend(cache.diagnostics.iter().cloned());
    }
    let mut plans = each.plans;
    let mut per_target = each.targets.into_iter();
    let (assessment, cost, plan) = match (per_target.next(), each.source, each.prices) {
        (Some(target), Some(source), Some(prices)) => {
            let plan = take(&mut plans, target.plan);
            let spend = spend.as_ref().map(|cache| &cache.spend);
            let cost = cost_report(&imported.inventory, prices, target.estimate, source, spend, options);
            (Some(target.assessment), Some(cost), plan)
        }
        _ => (None, None, take(&mut plans, 0)),
    };
    Analysis {
        schema: SCHEMA,
        files: imported.files,
        summary: imported.summary,
        completeness: imported.completeness,
        diagnostics,
        catalog: each.catalog,
        assessment,
        cost,
        plan,
        inventory: imported.inventory,
        import_diagnostics,
        spend,
    }
}

/// The cost section: the estimates, today's spend matched against the inventory, and the
/// change like for like (against the actual spend when it matches resources, else
/// against list prices).
fn cost_report(
    inventory: &Inventory,
    prices: PricesReport,
    target: Estimate,
    source: Estimate,
    spend: Option<&Spend>,
    options: &AnalysisOptions,
) -> CostReport {
    let source_cost_coverage = cost::source_cost_coverage(&target, &source);
    let rate = options.cost.exchange_rate.as_ref();
    let list_price_comparison = cost::compare_list_price(&target, &source, rate);
    let spend = spend.map(|spend| spend.summarize(inventory.resources.iter().map(|r| &r.id)));
    let comparison = match &spend {
        Some(summary) if summary.matched_resources > 0 => cost::compare_spend(&target, summary, rate),
        _ => list_price_comparison.clone(),
    };
    CostReport { prices, target, source, source_cost_coverage, spend, comparison, list_price_comparison }
}

/// The plan at `position`, taken out of the list (a list [`each_target`] made holds one
/// for every position its targets name, and always at least one).
fn take(plans: &mut Vec<Plan>, position: usize) -> Plan {
    if position < plans.len() {
        plans.swap_remove(position)
    } else {
        plan::plan(&Inventory::default(), &PlanOptions::default())
    }
}

/// What an analysis gives for each of several targets: [`analyze_each`].
#[derive(Debug, Clone)]
pub struct TargetAnalyses {
    /// One per target asked for, in that order.
    pub targets: Vec<TargetAnalysis>,
    /// The plans the targets name ([`TargetAnalysis::plan`]): one for the targets in the
    /// estate's cloud and one for those in another (a plan depends on the target only
    /// through the cross-cloud methods). Without targets, the in-cloud plan alone.
    pub plans: Vec<Plan>,
    /// Where the estate runs now, priced once for every target (with at least one).
    pub source: Option<Estimate>,
    /// The prices the estimates used (with at least one target).
    pub prices: Option<PricesReport>,
    /// The catalog the assessments used.
    pub catalog: CatalogReport,
    /// About the options' files (the user's catalog and price files).
    pub diagnostics: Vec<Diagnostic>,
}

/// The analysis of one target among several.
#[derive(Debug, Clone)]
pub struct TargetAnalysis {
    pub assessment: Assessment,
    /// The monthly cost in the target.
    pub estimate: Estimate,
    /// The share (percent) of today's priced cost that `estimate` prices too.
    pub source_cost_coverage: Option<Decimal>,
    /// Position of the target's plan in [`TargetAnalyses::plans`].
    pub plan: usize,
}

/// Analyses the inventory of an earlier analysis for each of several targets with the
/// same options (`options.target` is not used): for each target, the very assessment,
/// cost and plan [`analyze`] gives with that target, without reading the inputs again.
/// What does not depend on the target is done once: the catalog and price files are read
/// once, the cost where the estate runs now is priced once, the dependencies are found
/// once, each resource's properties are parsed once for all the assessments and once for
/// all the estimates, and there are at most two plans (in-cloud and cross-cloud).
pub fn analyze_each(previous: &Analysis, options: &AnalysisOptions, targets: &[Location]) -> TargetAnalyses {
    each_target(&previous.inventory, options, targets)
}

fn each_target(inventory: &Inventory, options: &AnalysisOptions, targets: &[Location]) -> TargetAnalyses {
    let mut diagnostics = Vec::new();
    let mut catalog = Catalog::embedded();
    if !options.catalog_files.is_empty() {
        diagnostics.extend(catalog.load_user_files(&options.catalog_files));
    }
    let assess_options: Vec<AssessOptions> =
        targets.iter().map(|target| AssessOptions { target: target.clone(), on: options.date }).collect();
    let assessments = assess::assess_each(inventory, &catalog, &assess_options);
    // Prices only with a target: an analysis without one has no cost.
    let mut estimates = Vec::new();
    let mut priced = None;
    if !targets.is_empty() {
        let mut prices = PriceBook::embedded();
        let mut user = LoadReport::default();
        if !options.price_files.is_empty() {
            let (report, price_diagnostics) = prices.load_user_files(&options.price_files);
            user = report;
            diagnostics.extend(price_diagnostics);
        }
        estimates = cost::estimate_each(inventory, targets, &prices, Some(&catalog), &options.cost);
        let source = cost::estimate_source(inventory, &prices, &options.cost);
        let report =
            PricesReport { snapshot_as_of: prices.as_of().to_string(), snapshot_notes: prices.notes().to_vec(), user };
        priced = Some((source, report));
    }
    let (source, prices) = priced.unzip();
    // A plan depends on the target only through whether the move crosses clouds.
    let clouds = assess::source_clouds(inventory);
    let crossing: Vec<bool> = targets.iter().map(|target| assess::crosses(&clouds, target)).collect();
    let mut variants: Vec<bool> = Vec::new();
    for &crosses in &crossing {
        if !variants.contains(&crosses) {
            variants.push(crosses);
        }
    }
    if variants.is_empty() {
        variants.push(false);
    }
    let plan_options: Vec<PlanOptions> =
        variants.iter().map(|&cross_cloud| PlanOptions { cross_cloud, ..options.plan.clone() }).collect();
    let plans = plan::plan_each(inventory, &plan_options);
    let targets = assessments
        .into_iter()
        .zip(estimates)
        .zip(crossing)
        .map(|((assessment, estimate), crosses)| TargetAnalysis {
            source_cost_coverage: source.as_ref().and_then(|source| cost::source_cost_coverage(&estimate, source)),
            assessment,
            estimate,
            plan: variants.iter().position(|&variant| variant == crosses).unwrap_or(0),
        })
        .collect();
    TargetAnalyses {
        targets,
        plans,
        source,
        prices,
        catalog: CatalogReport {
            as_of: catalog.as_of().to_string(),
            user_files: options.catalog_files.iter().map(|f| f.name.clone()).collect(),
            parts: catalog.parts(),
        },
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &[u8] = include_bytes!("../../../data/sample-estate.json");

    fn json(analysis: &Analysis) -> serde_json::Value {
        serde_json::to_value(analysis).unwrap()
    }

    #[test]
    fn a_reanalysis_equals_a_fresh_analysis_with_the_same_options() {
        let inputs = [InputFile::new("sample-estate.json", SAMPLE), InputFile::new("bad.json", &b"{ nope"[..])];
        let first = analyze(&inputs, &AnalysisOptions::default());
        let mut options = AnalysisOptions { target: Location::new("chinanorth3"), ..AnalysisOptions::default() };
        options.cost.discount_percent = Some("10".parse().unwrap());
        options.plan.workers = "2".parse().unwrap();
        options.price_files.push(InputFile::new("broken.csv", &b"not,a,sheet\n1,2,3\n"[..]));
        let again = reanalyze(&first, &options);
        assert!(Arc::ptr_eq(&first.inventory, &again.inventory), "the inventory is shared, not read again");
        assert_eq!(json(&again), json(&analyze(&inputs, &options)));
        // Diagnostics of the options' files do not pile up over re-analyses.
        let back = reanalyze(&again, &AnalysisOptions::default());
        assert_eq!(json(&back), json(&first));
        assert!(back.has_file_errors(), "the bad input is still reported");
    }

    #[test]
    fn each_target_gets_the_assessment_cost_and_plan_of_its_own_analysis() {
        let inputs = [InputFile::new("sample-estate.json", SAMPLE)];
        let mut options = AnalysisOptions::default();
        options.cost.discount_percent = Some("5".parse().unwrap());
        options.plan.workers = "3".parse().unwrap();
        let first = analyze(&inputs, &options);
        let targets: Vec<Location> =
            ["chinanorth3", "eastus", "chinaeast2"].iter().filter_map(|t| Location::new(t)).collect();
        let each = analyze_each(&first, &options, &targets);
        assert_eq!(each.targets.len(), targets.len());
        assert_eq!(each.plans.len(), 2, "in-cloud and cross-cloud");
        for (target, analysed) in targets.iter().zip(&each.targets) {
            let alone = analyze(&inputs, &AnalysisOptions { target: Some(target.clone()), ..options.clone() });
            assert_eq!(json(&alone)["assessment"], serde_json::to_value(&analysed.assessment).unwrap());
            let cost = alone.cost.as_ref().unwrap();
            assert_eq!(cost.target, analysed.estimate);
            assert_eq!(Some(&cost.source), each.source.as_ref());
            assert_eq!(cost.source_cost_coverage, analysed.source_cost_coverage);
            assert_eq!(json(&alone)["plan"], serde_json::to_value(&each.plans[analysed.plan]).unwrap());
        }
    }
}
