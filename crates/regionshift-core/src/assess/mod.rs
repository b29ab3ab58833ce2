//! Assessment: is every resource ready for the target region, and if not, what to do
//! instead and how to move it.
//!
//! [`assess`] runs the rules of `data/rules.json` (evaluated in `checks`) over an
//! inventory against a [`Catalog`], and gives each resource a [`Readiness`], its
//! findings and its migration method (`methods`). A finding that rests on the catalog
//! carries the catalog's [`Answer`]: every source that spoke, the deciding one and
//! whether they disagree, so a user can check it.

mod checks;

mod rules;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId};
use crate::catalog::{Answer, Catalog};
use crate::inventory::Inventory;
use crate::methods::{method_for, MigrationMethod};
use crate::units::Date;
pub use rules::{all_rules, rule, Rule};

/// What the assessment is asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessOptions {
    /// The region the estate moves to.
    pub target: Location,
    /// Retirements dated on or before this day are past (Not ready), later ones are
    /// conditions. `None`: the date the catalog's retirement table was read on.
    pub on: Option<Date>,
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingSeverity {
    /// The resource cannot move as it is.
    Blocker,
    /// It can move, with a change or a condition.
    Warning,
    /// Worth knowing.
    Info,
}

impl FindingSeverity {
    pub fn label(self) -> &'static str {
        match self {
            FindingSeverity::Blocker => "blocker",
            FindingSeverity::Warning => "warning",
            FindingSeverity::Info => "info",
        }
    }
}

/// The evidence a finding rests on: where in the resource, and what was found there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// A property path such as `properties.hardwareProfile.vmSize`.
    pub path: String,
    pub value: String,
}

/// One problem or remark about one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's id (`RS010`) and name (`vm-size-offered`).
    pub rule: &'static str,
    pub rule_name: &'static str,
    pub severity: FindingSeverity,
    pub category: &'static str,
    pub resource: ResourceId,
    pub resource_name: String,
    pub resource_type: String,
    pub evidence: Evidence,
    pub message: String,
    pub remediation: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// A documentation page about the problem or its remedy (the rule's); the pages the
    /// facts rest on are in `sources`.
    pub doc: String,
    /// What the catalog's sources say, when the finding rests on them: every statement
    /// (kind, URL or file, date, what it says), the deciding one and whether any
    /// disagrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Arc<Answer>>,
}

/// Whether a resource can move as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Readiness {
    Ready,
    ReadyWithConditions,
    NotReady,
    /// The input lacks what a check needs: never a silent pass.
    Unknown,
}

impl Readiness {
    pub fn label(self) -> &'static str {
        match self {
            Readiness::Ready => "Ready",
            Readiness::ReadyWithConditions => "Ready with conditions",
            Readiness::NotReady => "Not ready",
            Readiness::Unknown => "Unknown",
        }
    }
}

/// A piece of input a check needed and did not find.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct MissingInput {
    /// What was missing, as a path (`properties.hardwareProfile.vmSize`).
    pub field: &'static str,
    /// The rule that needed it.
    pub rule: &'static str,
}

/// The assessment of one resource.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceAssessment {
    pub id: ResourceId,
    pub name: String,
    pub resource_type: String,
    pub resource_group: Option<String>,
    pub source_location: Option<Location>,
    pub readiness: Readiness,
    /// Indexes into [`Assessment::findings`].
    pub findings: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingInput>,
    pub method: MigrationMethod,
}

/// How many resources a missing field left unknown, and how to export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnknownCause {
    pub field: &'static str,
    pub resources: usize,
    pub how_to_export: &'static str,
}

/// Counts of the readiness classes, and blockers by category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReadinessSummary {
    pub resources: usize,
    pub ready: usize,
    pub ready_with_conditions: usize,
    pub not_ready: usize,
    pub unknown: usize,
    pub blockers: usize,
    pub warnings: usize,
    pub blockers_by_category: BTreeMap<&'static str, usize>,
}

/// The result of assessing an inventory for a target region.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    pub target: Location,
    pub target_display_name: String,
    pub target_cloud: Option<Cloud>,
    /// Source clouds other than the target's: the move crosses clouds.
    pub crosses_clouds: bool,
    pub summary: ReadinessSummary,
    pub unknown_causes: Vec<UnknownCause>,
    /// One entry per inventory resource, in the inventory's order (sorted by id).
    pub resources: Vec<ResourceAssessment>,
    pub findings: Vec<Finding>,
}

/// Does moving the inventory to the target cross from one cloud into another (global
/// Azure into Azure China, or back)? Resources in unknown regions do not count.
pub fn crosses_clouds(inventory: &Inventory, target: &Location) -> bool {
    let Some(target_cloud) = regions::region(target).map(|r| r.cloud) else {
        return false;
    };
    inventory
        .resources
        .iter()
        .filter_map(|resource| resource.location.as_ref().and_then(regions::region))
        .any(|region| region.cloud != target_cloud)
}

/// Assesses every resource of the inventory for the target region.
pub fn assess(inventory: &Inventory, catalog: &Catalog, options: &AssessOptions) -> Assessment {
    let target = &options.target;
    let target_cloud = regions::region(target).map(|r| r.cloud);
    let crosses_clouds = crosses_clouds(inventory, target);
    let on = options.on.or_else(|| catalog.retirements_as_of()).unwrap_or_else(|| Date::from_days_since_epoch(0));
    let context = checks::Context::new(catalog, inventory, target, on);
    let mut findings = Vec::new();
    let mut resources = Vec::with_capacity(inventory.resources.len());
    let mut unknown_counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    // Estates repeat a few dozen types: look each method up once.
    let mut methods: HashMap<(&str, Option<&str>), MigrationMethod> = HashMap::new();
    for resource in &inventory.resources {
        let outcome = checks::check(resource, &context);
        let first = findings.len();
        findings.extend(outcome.findings);
        let indexes: Vec<usize> = (first..findings.len()).collect();
        let severities = findings[first..].iter().map(|f| f.severity);
        let readiness = readiness(severities, !outcome.missing.is_empty());
        let mut fields: Vec<&'static str> = outcome.missing.iter().map(|m| m.field).collect();
        fields.sort_unstable();
        fields.dedup();
        for field in fields {
            *unknown_counts.entry(field).or_default() += 1;
        }
        resources.push(ResourceAssessment {
            id: resource.id.clone(),
            name: resource.name.clone(),
            resource_type: resource.resource_type.as_str().to_string(),
            resource_group: resource.resource_group.clone(),
            source_location: resource.location.clone(),
            readiness,
            findings: indexes,
            missing: outcome.missing,
            method: methods
                .entry((resource.resource_type.key(), resource.kind.as_deref()))
                .or_insert_with(|| method_for(&resource.resource_type, resource.kind.as_deref(), crosses_clouds))
                .clone(),
        });
    }
    let summary = summarize(&resources, &findings);
    let mut unknown_causes: Vec<UnknownCause> = unknown_counts
        .into_iter()
        .map(|(field, resources)| UnknownCause { field, resources, how_to_export: checks::how_to_export(field) })
        .collect();
    unknown_causes.sort_by(|a, b| b.resources.cmp(&a.resources).then(a.field.cmp(b.field)));
    Assessment {
        target: target.clone(),
        target_display_name: regions::display_name(target),
        target_cloud,
        crosses_clouds,
        summary,
        unknown_causes,
        resources,
        findings,
    }
}

/// Blockers make a resource not ready; missing input makes it unknown (a blocker
/// found anyway still wins); warnings make it ready with conditions.
fn readiness(severities: impl Iterator<Item = FindingSeverity>, missing_input: bool) -> Readiness {
    let mut worst = None;
    for severity in severities {
        worst = Some(worst.map_or(severity, |w: FindingSeverity| w.min(severity)));
    }
    match (worst, missing_input) {
        (Some(FindingSeverity::Blocker), _) => Readiness::NotReady,
        (_, true) => Readiness::Unknown,
        (Some(FindingSeverity::Warning), false) => Readiness::ReadyWithConditions,
        _ => Readiness::Ready,
    }
}

fn summarize(resources: &[ResourceAssessment], findings: &[Finding]) -> ReadinessSummary {
    let mut summary = ReadinessSummary { resources: resources.len(), ..ReadinessSummary::default() };
    for resource in resources {
        match resource.readiness {
            Readiness::Ready => summary.ready += 1,
            Readiness::ReadyWithConditions => summary.ready_with_conditions += 1,
            Readiness::NotReady => summary.not_ready += 1,
            Readiness::Unknown => summary.unknown += 1,
        }
    }
    for finding in findings {
        match finding.severity {
            FindingSeverity::Blocker => {
                summary.blockers += 1;
                *summary.blockers_by_category.entry(finding.category).or_default() += 1;
            }
            FindingSeverity::Warning => summary.warnings += 1,
            FindingSeverity::Info => {}
        }
    }
    summary
}

#[cfg(test)]
mod tests;
