//! Comparison of target regions: the estate analysed for every target side by side, ranked
//! by a rule the user sees and changes, and the first one explained.
//!
//! [`compare`] takes an earlier analysis (its import is reused, nothing is read again)
//! and the options it was made with, and analyses the inventory for each target through
//! [`analysis::analyze_each`]: what does not depend on the target is done once, and each
//! row holds exactly the figures a single-target [`analyze`](crate::analyze) of that
//! target gives (readiness counts, blockers, monthly cost and coverage, plan hours and
//! waves, whether the move crosses clouds). A row adds what only a comparison can say:
//! the resources Not ready there but Ready (or Ready with conditions) in another compared
//! target, whether the region is access-restricted (the catalog's
//! `restricted-regions.json`), and its pair in the regions table with the estate's
//! readiness there.
//!
//! The targets are ranked by [`Ranking`] (`rank`): by default fewest blockers, then lowest
//! monthly cost, then shortest move, so the suggestion never has more blockers than
//! another target; the user may reorder the criteria or weigh them. The suggestion says
//! why it wins against the runner-up, in sentences (`explain`).
//! [`Comparison::reranked`] applies another rule without analysing anything again.
//!
//! Today's cost is the estimate where the estate runs now (the analysis's source
//! estimate). When the cost work brings the user's spend files (`--spend`), they arrive
//! through [`AnalysisOptions`] like the price files, and only that figure changes here.
//!
//! # JSON schema `regionshift.comparison/1`
//!
//! | field | content |
//! |---|---|
//! | `schema`, `resources`, `current` | `regionshift.comparison/1`, resources compared, the analysis's own target if it had one |
//! | `ranking`, `rule` | the rule as written (`blockers,cost,duration`) and in words |
//! | `today` | `currency`, `total`, `priced_percent`: where the estate runs now |
//! | `targets[]` | one per target, in the order compared: `target`, `display_name`, `cloud`, `rank` (1 first), `readiness` (`resources`, `ready`, `ready_with_conditions`, `not_ready`, `unknown`), `blockers`, `warnings`, `blockers_by_category`, `blocked[]` (`rule`, `rule_name`, `category`, `what`, `resources`), `ready_elsewhere[]` (`id`, `name`, `type`, `ready_in[]`), `monthly` (`currency`, `total`, `priced_percent`, `unpriced`, `change` from today when comparable, `source_cost_coverage`), `plan_hours`, `waves`, `crosses_clouds`, `restricted`, `notice`, `paired` (`region`, `display_name`, `assessed`, `not_ready`, `unknown`, `blockers`) |
//! | `suggestion` | `target`, `display_name`, `runner_up`, `reasons[]`: why it ranks first |
//! | `exchange_rate`, `diagnostics[]` | the rate given; what the price files gave rise to (as in the analysis JSON) |
//!
//! Amounts, hours and percentages are decimal strings at full precision, as in
//! `regionshift.analysis/1`, so a row compares equal to that target's analysis.

mod explain;
mod rank;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::analysis::{self, known_targets, Analysis, AnalysisOptions, TargetAnalyses};
use crate::assess::{FindingSeverity, Readiness, ReadinessSummary};
use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId};
use crate::catalog::Catalog;
use crate::cost::{Estimate, ExchangeRate};
use crate::diagnostics::Diagnostic;
use crate::units::Currency;

pub use rank::{Criterion, Ranking, Weights};

/// Version of the JSON form of [`Comparison`].
pub const SCHEMA: &str = "regionshift.comparison/1";

/// What a comparison is asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompareOptions {
    /// The targets to compare, in this order; empty: every target the catalog knows
    /// ([`known_targets`]), in the regions table's order. A target given twice counts
    /// once.
    pub targets: Vec<Location>,
    pub ranking: Ranking,
}

impl CompareOptions {
    /// Reads a list of targets the catalog knows, comma-separated (`chinanorth3,China
    /// East 2`), each as [`analysis::target_region`] reads it; `all` (or nothing) is every
    /// known target. The command line and the app read lists with it.
    ///
    /// # Errors
    ///
    /// The first target the catalog does not know, with the ones it knows.
    pub fn parse_targets(text: &str) -> Result<Vec<Location>, String> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("all") {
            return Ok(Vec::new());
        }
        let mut targets: Vec<Location> = Vec::new();
        for part in text.split(',').map(str::trim).filter(|part| !part.is_empty()) {
            let target = analysis::target_region(part)?;
            if !targets.contains(&target) {
                targets.push(target);
            }
        }
        Ok(targets)
    }
}

/// Targets side by side, ranked, with the suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// `regionshift.comparison/1`.
    pub schema: &'static str,
    /// Resources in the estate.
    pub resources: usize,
    /// The target of the analysis compared from, when it had one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<Location>,
    pub ranking: Ranking,
    /// The ranking rule in words.
    pub rule: String,
    /// Where the estate runs now (with at least one target).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub today: Option<Today>,
    /// One row per target, in the order compared.
    pub targets: Vec<TargetRow>,
    /// The first target by the rule and why (absent when nothing was compared).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<Suggestion>,
    /// The user's exchange rate, which lets costs in two currencies be compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_rate: Option<ExchangeRate>,
    /// About the price files the estimates read (an analysis without a target does not
    /// read them, so these are not among its diagnostics).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

/// What the estate costs where it runs now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Today {
    pub currency: Currency,
    pub total: Decimal,
    pub priced_percent: Option<Decimal>,
}

/// One target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TargetRow {
    pub target: Location,
    pub display_name: String,
    /// The target's cloud, when the regions table knows it.
    pub cloud: Option<Cloud>,
    /// 1 for the first target by the rule.
    pub rank: usize,
    pub readiness: ReadinessCounts,
    /// Blocker findings.
    pub blockers: usize,
    pub warnings: usize,
    pub blockers_by_category: BTreeMap<&'static str, usize>,
    /// What blocks, most resources first.
    pub blocked: Vec<Blocked>,
    /// Resources Not ready here that are Ready, or Ready with conditions, in another
    /// compared target.
    pub ready_elsewhere: Vec<ReadyElsewhere>,
    pub monthly: Monthly,
    /// The plan's total, in hours.
    pub plan_hours: Decimal,
    pub waves: usize,
    pub crosses_clouds: bool,
    /// A subscription must be granted access before it can deploy there.
    pub restricted: bool,
    /// The region's restriction or announced retirement, in sentences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
    /// The region's pair in the regions table, and the estate's readiness there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paired: Option<Paired>,
    /// Each resource's monthly cost here, in inventory order (`None`: unpriced here; 0:
    /// free), so costs are ranked like for like: on the resources priced in every target.
    #[serde(skip)]
    pub costs: Vec<Option<Decimal>>,
}

/// How many resources are in each readiness class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReadinessCounts {
    pub resources: usize,
    pub ready: usize,
    pub ready_with_conditions: usize,
    pub not_ready: usize,
    pub unknown: usize,
}

impl ReadinessCounts {
    fn of(summary: &ReadinessSummary) -> ReadinessCounts {
        ReadinessCounts {
            resources: summary.resources,
            ready: summary.ready,
            ready_with_conditions: summary.ready_with_conditions,
            not_ready: summary.not_ready,
            unknown: summary.unknown,
        }
    }
}

/// One thing that blocks the move: a rule and what it found (a SKU, a size, a type).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocked {
    pub rule: &'static str,
    pub rule_name: &'static str,
    pub category: &'static str,
    /// The finding's evidence (`Standard_GZRS`), or the rule's name when the evidence
    /// names resources (peerings).
    pub what: String,
    /// Resources it blocks.
    pub resources: usize,
}

/// A resource Not ready in one target and ready in others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadyElsewhere {
    pub id: ResourceId,
    pub name: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    /// The compared targets where it is Ready or Ready with conditions.
    pub ready_in: Vec<Location>,
}

/// The monthly cost in a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Monthly {
    pub currency: Currency,
    /// The priced resources' total; unpriced resources are not in it.
    pub total: Decimal,
    /// Priced share of the resources that cost something, in percent.
    pub priced_percent: Option<Decimal>,
    pub unpriced: usize,
    /// Target minus today, in the target's currency, when comparable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Decimal>,
    /// The share of today's priced cost that the total prices too, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_cost_coverage: Option<Decimal>,
}

/// A target's pair for disaster recovery, from the regions table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paired {
    pub region: Location,
    pub display_name: String,
    /// Whether the estate was assessed there (the catalog knows the region).
    pub assessed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_ready: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blockers: Option<usize>,
}

impl Paired {
    /// Assessed there, with no resource Not ready.
    pub fn ready(&self) -> bool {
        self.assessed && self.not_ready == Some(0)
    }
}

/// The first target by the rule, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub target: Location,
    pub display_name: String,
    /// The second target, which the reasons compare against.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runner_up: Option<Location>,
    /// Sentences: blockers, cost and duration against the runner-up, what decided, the
    /// paired region, crossing clouds, a restriction.
    pub reasons: Vec<String>,
}

impl TargetRow {
    fn key(&self) -> rank::Key<'_> {
        rank::Key {
            blockers: self.blockers,
            unknown: self.readiness.unknown,
            currency: self.monthly.currency,
            hours: self.plan_hours,
            costs: &self.costs,
        }
    }
}

impl Comparison {
    /// The row of a target.
    pub fn row(&self, target: &Location) -> Option<&TargetRow> {
        self.targets.iter().find(|row| row.target == *target)
    }

    /// The rows from first to last by the rule.
    pub fn ranked(&self) -> Vec<&TargetRow> {
        let mut rows: Vec<&TargetRow> = self.targets.iter().collect();
        rows.sort_by_key(|row| row.rank);
        rows
    }

    /// The same comparison ranked by another rule: nothing is analysed again.
    pub fn reranked(&self, ranking: &Ranking) -> Comparison {
        let mut comparison = self.clone();
        comparison.ranking = ranking.clone();
        comparison.rule = ranking.words();
        rank_and_suggest(&mut comparison);
        comparison
    }
}

/// Analyses the inventory of an earlier analysis for each target and ranks them. The
/// options are those the analysis was made with (its target is only marked as
/// [`Comparison::current`]). Never fails.
pub fn compare(analysis: &Analysis, options: &AnalysisOptions, compare: &CompareOptions) -> Comparison {
    let mut targets: Vec<Location> = Vec::new();
    let asked = if compare.targets.is_empty() { known_targets() } else { compare.targets.clone() };
    for target in asked {
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    // The pairs of the compared targets are assessed too, for the paired-region advice.
    let catalog = Catalog::embedded();
    let mut assessed = targets.clone();
    for target in &targets {
        if let Some(pair) = pair_of(target) {
            if !assessed.contains(&pair) && catalog.knows_region(&pair) {
                assessed.push(pair);
            }
        }
    }
    let each = analysis::analyze_each(analysis, options, &assessed);
    let mut comparison = Comparison {
        schema: SCHEMA,
        resources: analysis.inventory.resources.len(),
        current: options.target.clone(),
        ranking: compare.ranking.clone(),
        rule: compare.ranking.words(),
        today: each.source.as_ref().map(|source| Today {
            currency: source.currency,
            total: source.total_monthly,
            priced_percent: source.coverage.priced_percent,
        }),
        targets: rows(&each, &assessed, targets.len(), &catalog, options.cost.exchange_rate.as_ref()),
        suggestion: None,
        exchange_rate: options.cost.exchange_rate.clone(),
        // The catalog files' diagnostics are the analysis's own already.
        diagnostics: each.diagnostics.iter().filter(|d| !analysis.diagnostics.contains(d)).cloned().collect(),
    };
    rank_and_suggest(&mut comparison);
    comparison
}

/// The pair of a region in the regions table.
fn pair_of(target: &Location) -> Option<Location> {
    regions::region(target).and_then(|region| region.paired()).and_then(|pair| Location::new(&pair.name))
}

/// The rows of the first `compared` targets; the rest of `assessed` are their pairs.
fn rows(
    each: &TargetAnalyses,
    assessed: &[Location],
    compared: usize,
    catalog: &Catalog,
    rate: Option<&crate::cost::ExchangeRate>,
) -> Vec<TargetRow> {
    let movable = |readiness: Readiness| matches!(readiness, Readiness::Ready | Readiness::ReadyWithConditions);
    // Inventory positions by id key, for the cost of each resource in each target.
    let positions: HashMap<&str, usize> = each
        .targets
        .first()
        .map(|first| first.assessment.resources.iter().enumerate().map(|(i, r)| (r.id.key(), i)).collect())
        .unwrap_or_default();
    let mut rows = Vec::with_capacity(compared);
    for (position, (target, analysed)) in assessed.iter().zip(&each.targets).enumerate().take(compared) {
        let assessment = &analysed.assessment;
        let summary = &assessment.summary;
        let mut ready_elsewhere = Vec::new();
        for (index, resource) in assessment.resources.iter().enumerate() {
            if resource.readiness != Readiness::NotReady {
                continue;
            }
            let ready_in: Vec<Location> = assessed
                .iter()
                .zip(&each.targets)
                .take(compared)
                .enumerate()
                .filter(|(other, _)| *other != position)
                .filter(|(_, (_, other))| other.assessment.resources.get(index).is_some_and(|r| movable(r.readiness)))
                .map(|(_, (location, _))| location.clone())
                .collect();
            if !ready_in.is_empty() {
                ready_elsewhere.push(ReadyElsewhere {
                    id: resource.id.clone(),
                    name: resource.name.to_string(),
                    resource_type: resource.resource_type.to_string(),
                    ready_in,
                });
            }
        }
        let estimate = &analysed.estimate;
        let plan = each.plans.get(analysed.plan);
        let notice = catalog.region_notice(target);
        rows.push(TargetRow {
            target: target.clone(),
            display_name: regions::display_name(target),
            cloud: assessment.target_cloud,
            rank: 0,
            readiness: ReadinessCounts::of(summary),
            blockers: summary.blockers,
            warnings: summary.warnings,
            blockers_by_category: summary.blockers_by_category.clone(),
            blocked: blocked(assessment),
            ready_elsewhere,
            monthly: Monthly {
                currency: estimate.currency,
                total: estimate.total_monthly,
                priced_percent: estimate.coverage.priced_percent,
                unpriced: estimate.coverage.unpriced_resources,
                // Like for like, as the analysis's own change: over the resources priced
                // today and in the target.
                change: each
                    .source
                    .as_ref()
                    .and_then(|source| crate::cost::compare_list_price(estimate, source, rate).change),
                source_cost_coverage: analysed.source_cost_coverage,
            },
            plan_hours: plan.map_or(Decimal::ZERO, |plan| plan.total_hours),
            waves: plan.map_or(0, |plan| plan.waves.len()),
            crosses_clouds: assessment.crosses_clouds,
            restricted: notice.is_some_and(|notice| notice.access_restricted),
            notice: notice.map(|notice| notice.restriction.clone()),
            paired: pair_of(target).map(|pair| paired(pair, assessed, each)),
            costs: resource_costs(estimate, &positions, assessment.resources.len()),
        });
    }
    rows
}

/// Each resource's monthly cost in an estimate, in inventory order: `None` when unpriced.
fn resource_costs(estimate: &Estimate, positions: &HashMap<&str, usize>, resources: usize) -> Vec<Option<Decimal>> {
    let mut costs = vec![Some(Decimal::ZERO); resources];
    for line in &estimate.lines {
        if let Some(cost) = positions.get(line.resource.key()).and_then(|&i| costs.get_mut(i)).and_then(Option::as_mut)
        {
            *cost = cost.checked_add(line.monthly).unwrap_or(*cost);
        }
    }
    for unpriced in &estimate.unpriced {
        if let Some(cost) = positions.get(unpriced.resource.key()).and_then(|&i| costs.get_mut(i)) {
            *cost = None;
        }
    }
    costs
}

/// The pair and the estate's readiness there, when it was assessed.
fn paired(pair: Location, assessed: &[Location], each: &TargetAnalyses) -> Paired {
    let there = assessed.iter().position(|target| *target == pair).and_then(|position| each.targets.get(position));
    let summary = there.map(|analysed| &analysed.assessment.summary);
    Paired {
        display_name: regions::display_name(&pair),
        region: pair,
        assessed: summary.is_some(),
        not_ready: summary.map(|s| s.not_ready),
        unknown: summary.map(|s| s.unknown),
        blockers: summary.map(|s| s.blockers),
    }
}

/// What blocks in a target: blocker findings by rule and evidence, with how many
/// resources each blocks, most first.
fn blocked(assessment: &crate::assess::Assessment) -> Vec<Blocked> {
    let mut found: BTreeMap<(&'static str, String), (Blocked, Vec<&ResourceId>)> = BTreeMap::new();
    for finding in assessment.findings.iter().filter(|f| f.severity == FindingSeverity::Blocker) {
        let value = finding.evidence.value.trim();
        let names_resources = value.to_ascii_lowercase().contains("/subscriptions/");
        let what = if value.is_empty() {
            finding.resource_type.to_string()
        } else if names_resources {
            finding.rule_name.to_string()
        } else {
            value.to_string()
        };
        let entry = found.entry((finding.rule, what.clone())).or_insert_with(|| {
            let blocked = Blocked {
                rule: finding.rule,
                rule_name: finding.rule_name,
                category: finding.category,
                what,
                resources: 0,
            };
            (blocked, Vec::new())
        });
        if !entry.1.contains(&&finding.resource) {
            entry.1.push(&finding.resource);
        }
    }
    let mut list: Vec<Blocked> = found
        .into_values()
        .map(|(mut blocked, resources)| {
            blocked.resources = resources.len();
            blocked
        })
        .collect();
    list.sort_by(|a, b| b.resources.cmp(&a.resources).then(a.rule.cmp(b.rule)).then(a.what.cmp(&b.what)));
    list
}

/// Sets each row's rank and the suggestion by the comparison's rule.
fn rank_and_suggest(comparison: &mut Comparison) {
    let keys: Vec<rank::Key<'_>> = comparison.targets.iter().map(TargetRow::key).collect();
    let ranked = rank::rank(&keys, &comparison.ranking, comparison.exchange_rate.as_ref());
    for (place, &position) in ranked.order.iter().enumerate() {
        if let Some(row) = comparison.targets.get_mut(position) {
            row.rank = place + 1;
        }
    }
    comparison.suggestion = ranked.order.first().and_then(|&first| {
        let winner = comparison.targets.get(first)?;
        let runner_up = ranked.order.get(1).and_then(|&second| comparison.targets.get(second));
        let scores = ranked.scores.as_ref().map(|scores| {
            let of = |row: &TargetRow| {
                comparison.targets.iter().position(|r| r.target == row.target).and_then(|i| scores.get(i).copied())
            };
            (of(winner), runner_up.and_then(of))
        });
        Some(Suggestion {
            target: winner.target.clone(),
            display_name: winner.display_name.clone(),
            runner_up: runner_up.map(|row| row.target.clone()),
            reasons: explain::reasons(comparison, winner, runner_up, scores),
        })
    });
}
