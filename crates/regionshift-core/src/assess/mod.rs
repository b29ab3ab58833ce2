//! Assessment: is every resource ready for the target region, and if not, what to do
//! instead and how to move it.
//!
//! [`assess`] runs the rules of `data/rules.json` (evaluated in `checks`) over an
//! inventory against a [`Catalog`], and gives each resource a [`Readiness`], its
//! findings and its migration method (`methods`). A finding that rests on the catalog
//! carries the catalog's [`Answer`]: every source that spoke, the deciding one and
//! whether they disagree, so a user can check it. [`assess_each`] assesses for several
//! targets at once, working out what does not depend on the target (parsed properties,
//! retirements, migration methods) once per resource for all of them.

mod checks;

mod rules;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceId};
use crate::catalog::{Answer, Catalog};
use crate::inventory::{Inventory, Resource};
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
    /// The resource's name and type, shared with its other findings.
    pub resource_name: Arc<str>,
    pub resource_type: Arc<str>,
    pub evidence: Evidence,
    pub message: String,
    /// The rule's remediation.
    pub remediation: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
    /// A documentation page about the problem or its remedy (the rule's); the pages the
    /// facts rest on are in `sources`.
    pub doc: &'static str,
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
    /// Shared with the resource's findings.
    pub name: Arc<str>,
    pub resource_type: Arc<str>,
    pub resource_group: Option<String>,
    pub source_location: Option<Location>,
    pub readiness: Readiness,
    /// Indexes into [`Assessment::findings`].
    pub findings: Vec<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<MissingInput>,
    /// Shared by every resource of the same type and kind.
    pub method: Arc<MigrationMethod>,
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
    crosses(&source_clouds(inventory), target)
}

/// The clouds the inventory's resources are in, each once; resources in unknown regions
/// do not count.
pub fn source_clouds(inventory: &Inventory) -> Vec<Cloud> {
    let mut clouds = Vec::new();
    for resource in &inventory.resources {
        if let Some(region) = resource.location.as_ref().and_then(regions::region) {
            if !clouds.contains(&region.cloud) {
                clouds.push(region.cloud);
            }
        }
    }
    clouds
}

/// Does moving resources of these clouds ([`source_clouds`]) to the target cross clouds?
pub fn crosses(clouds: &[Cloud], target: &Location) -> bool {
    regions::region(target).is_some_and(|target| clouds.iter().any(|cloud| *cloud != target.cloud))
}

/// Assesses every resource of the inventory for the target region.
pub fn assess(inventory: &Inventory, catalog: &Catalog, options: &AssessOptions) -> Assessment {
    let clouds = source_clouds(inventory);
    let mut each = [Assessing::new(inventory, catalog, options, &clouds)];
    check_all(inventory, catalog, &mut each);
    let [assessing] = each;
    assessing.finish()
}

/// Assesses the inventory for several targets at once: for each, the very result
/// [`assess`] gives, in the order of `options`. What does not depend on the target is
/// worked out once for all of them: the retirements of each type, each resource's
/// parsed properties and the global endpoints named in them, and each migration method.
pub fn assess_each(inventory: &Inventory, catalog: &Catalog, options: &[AssessOptions]) -> Vec<Assessment> {
    let clouds = source_clouds(inventory);
    let mut each: Vec<Assessing<'_>> =
        options.iter().map(|options| Assessing::new(inventory, catalog, options, &clouds)).collect();
    check_all(inventory, catalog, &mut each);
    each.into_iter().map(Assessing::finish).collect()
}

/// Runs the checks resource by resource, for every target in turn, so what the checks
/// work out from a resource alone is shared by the targets and dropped before the next
/// resource.
fn check_all<'a>(inventory: &'a Inventory, catalog: &'a Catalog, each: &mut [Assessing<'a>]) {
    let retirements = checks::retirements_by_type(catalog, inventory);
    // Estates repeat a few dozen types: look each method up once, in-cloud or cross-cloud.
    let mut methods: HashMap<(&str, Option<&str>, bool), Arc<MigrationMethod>> = HashMap::new();
    for resource in &inventory.resources {
        let type_retirements = retirements.get(resource.resource_type.key()).map_or(&[][..], Vec::as_slice);
        let shared = checks::Shared::new(resource, type_retirements);
        let mut method_by_crossing: [Option<Arc<MigrationMethod>>; 2] = [None, None];
        for assessing in each.iter_mut() {
            let crosses_clouds = assessing.context.crosses_clouds;
            let method = method_by_crossing[usize::from(crosses_clouds)]
                .get_or_insert_with(|| {
                    let key = (resource.resource_type.key(), resource.kind.as_deref(), crosses_clouds);
                    let method = methods.entry(key).or_insert_with(|| {
                        Arc::new(method_for(&resource.resource_type, resource.kind.as_deref(), crosses_clouds))
                    });
                    Arc::clone(method)
                })
                .clone();
            assessing.add(resource, &shared, method);
        }
    }
}

/// The assessment for one target, while the resources are checked one by one.
struct Assessing<'a> {
    target: &'a Location,
    context: checks::Context<'a>,
    findings: Vec<Finding>,
    resources: Vec<ResourceAssessment>,
    unknown_counts: BTreeMap<&'static str, usize>,
}

impl<'a> Assessing<'a> {
    fn new(
        inventory: &'a Inventory,
        catalog: &'a Catalog,
        options: &'a AssessOptions,
        clouds: &[Cloud],
    ) -> Assessing<'a> {
        let on = options.on.or_else(|| catalog.retirements_as_of()).unwrap_or_else(|| Date::from_days_since_epoch(0));
        Assessing {
            target: &options.target,
            context: checks::Context::new(catalog, inventory, &options.target, on, crosses(clouds, &options.target)),
            findings: Vec::new(),
            resources: Vec::with_capacity(inventory.resources.len()),
            unknown_counts: BTreeMap::new(),
        }
    }

    fn add(&mut self, resource: &Resource, shared: &checks::Shared<'_>, method: Arc<MigrationMethod>) {
        let outcome = checks::check(resource, &self.context, shared);
        let findings = &mut self.findings;
        let first = findings.len();
        findings.extend(outcome.findings);
        let indexes: Vec<usize> = (first..findings.len()).collect();
        let severities = findings[first..].iter().map(|f| f.severity);
        let readiness = readiness(severities, !outcome.missing.is_empty());
        let mut fields: Vec<&'static str> = outcome.missing.iter().map(|m| m.field).collect();
        fields.sort_unstable();
        fields.dedup();
        for field in fields {
            *self.unknown_counts.entry(field).or_default() += 1;
        }
        self.resources.push(ResourceAssessment {
            id: resource.id.clone(),
            name: Arc::clone(&shared.name),
            resource_type: Arc::clone(&shared.resource_type),
            resource_group: resource.resource_group.clone(),
            source_location: resource.location.clone(),
            readiness,
            findings: indexes,
            missing: outcome.missing,
            method,
        });
    }

    fn finish(self) -> Assessment {
        let summary = summarize(&self.resources, &self.findings);
        let mut unknown_causes: Vec<UnknownCause> = self
            .unknown_counts
            .into_iter()
            .map(|(field, resources)| UnknownCause { field, resources, how_to_export: checks::how_to_export(field) })
            .collect();
        unknown_causes.sort_unstable_by(|a, b| b.resources.cmp(&a.resources).then(a.field.cmp(b.field)));
        Assessment {
            target: self.target.clone(),
            target_display_name: regions::display_name(self.target),
            target_cloud: self.context.target_cloud,
            crosses_clouds: self.context.crosses_clouds,
            summary,
            unknown_causes,
            resources: self.resources,
            findings: self.findings,
        }
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
