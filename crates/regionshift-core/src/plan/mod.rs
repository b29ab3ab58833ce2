//! Migration plan: what depends on what, in which order to move it, and how long it
//! takes.
//!
//! [`dependencies`] finds the edges between the resources of an inventory
//! (`references`); [`plan`] turns them into move units (strongly connected components:
//! a cycle moves as one), move groups (`groups`), waves in dependency order with
//! foundation first (`waves`), and a duration per resource, per wave and in total with
//! a critical path (`schedule`). Everything is sorted by id key, so the same inventory
//! and options give the same plan. Durations are `Decimal` hours, never floats.
//! [`plan_each`] plans with several options (in-cloud and cross-cloud) on dependencies
//! found once.
//!
//! Every plan carries [`CAVEAT`]: it is a draft to review with the application's
//! architects and developers, not a script to run.

mod groups;
mod references;
mod schedule;
mod waves;

#[cfg(test)]
mod tests;

use std::fmt;
use std::ops::Deref;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize, Serializer};

use crate::azure::{Phase, ResourceId};
use crate::inventory::Inventory;
use crate::methods::MethodKind;

pub use references::{dependencies, DependencyGraph, Edge, EdgeKind, ExternalDependency};

/// A resource id as a plan names it. A [`ResourceId`] shares its parsed parts between
/// clones, so every edge, task and group that names the resource holds the same id
/// once. Reads as the [`ResourceId`] it derefs to; serialises as the id text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ResourceRef(ResourceId);

impl ResourceRef {
    pub fn new(id: ResourceId) -> ResourceRef {
        ResourceRef(id)
    }
}

impl Deref for ResourceRef {
    type Target = ResourceId;
    fn deref(&self) -> &ResourceId {
        &self.0
    }
}

impl PartialEq<ResourceId> for ResourceRef {
    fn eq(&self, other: &ResourceId) -> bool {
        self.0 == *other
    }
}

impl fmt::Debug for ResourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for ResourceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for ResourceRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// One shared id per resource of the inventory, in inventory order.
pub(crate) fn resource_refs(inventory: &Inventory) -> Vec<ResourceRef> {
    inventory.resources.iter().map(|r| ResourceRef::new(r.id.clone())).collect()
}

/// The playbook's caveat, carried by every plan.
pub const CAVEAT: &str = "This plan is a draft: review and finalise it with the application's architects and \
developers before moving anything. It is not a script to run.";

/// How move groups (migration packages) are formed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", content = "tag", rename_all = "kebab-case")]
pub enum GroupBy {
    /// Resources connected by any edge, whatever its direction (weakly connected
    /// components).
    Component,
    /// The resource group.
    ResourceGroup,
    /// The value of a tag such as `app` or `workload` (tag names compare ignoring case).
    Tag(String),
}

/// `component`, `resource-group` or `tag:NAME`, as the command line and the app write it.
impl std::str::FromStr for GroupBy {
    type Err = String;

    fn from_str(text: &str) -> Result<GroupBy, String> {
        match text.trim() {
            "component" => Ok(GroupBy::Component),
            "resource-group" => Ok(GroupBy::ResourceGroup),
            other => match other.strip_prefix("tag:").map(str::trim) {
                Some(name) if !name.is_empty() => Ok(GroupBy::Tag(name.to_string())),
                _ => Err(format!("move groups are formed by component, resource-group or tag:NAME, not {text:?}")),
            },
        }
    }
}

impl fmt::Display for GroupBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupBy::Component => f.write_str("component"),
            GroupBy::ResourceGroup => f.write_str("resource-group"),
            GroupBy::Tag(name) => write!(f, "tag:{name}"),
        }
    }
}

/// Tasks that run at the same time within a wave: at least 1 (4 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct Workers(u32);

impl Workers {
    pub fn new(workers: u32) -> Result<Workers, String> {
        if workers == 0 {
            return Err("workers must be at least 1".to_string());
        }
        Ok(Workers(workers))
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

impl Default for Workers {
    fn default() -> Workers {
        Workers(4)
    }
}

impl TryFrom<u32> for Workers {
    type Error = String;
    fn try_from(workers: u32) -> Result<Workers, String> {
        Workers::new(workers)
    }
}

impl From<Workers> for u32 {
    fn from(workers: Workers) -> u32 {
        workers.0
    }
}

impl std::str::FromStr for Workers {
    type Err = String;
    fn from_str(text: &str) -> Result<Workers, String> {
        let workers = text.trim().parse::<u32>().map_err(|_| format!("workers is a whole number, not {text:?}"))?;
        Workers::new(workers)
    }
}

impl fmt::Display for Workers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Bandwidth for copying data, in megabits per second: above 0 (1000 by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct BandwidthMbps(Decimal);

impl BandwidthMbps {
    /// 100 Tbps: far beyond any link a move uses, and far from `Decimal`'s limits.
    pub const MAX: u64 = 100_000_000;

    pub fn new(mbps: Decimal) -> Result<BandwidthMbps, String> {
        if mbps <= Decimal::ZERO || mbps > Decimal::from(Self::MAX) {
            return Err(format!("the bandwidth must be above 0 and at most {} Mbps, not {mbps}", Self::MAX));
        }
        Ok(BandwidthMbps(mbps))
    }

    pub fn get(self) -> Decimal {
        self.0
    }
}

impl Default for BandwidthMbps {
    fn default() -> BandwidthMbps {
        BandwidthMbps(Decimal::from(1000))
    }
}

impl TryFrom<Decimal> for BandwidthMbps {
    type Error = String;
    fn try_from(mbps: Decimal) -> Result<BandwidthMbps, String> {
        BandwidthMbps::new(mbps)
    }
}

impl From<BandwidthMbps> for Decimal {
    fn from(mbps: BandwidthMbps) -> Decimal {
        mbps.0
    }
}

impl std::str::FromStr for BandwidthMbps {
    type Err = String;
    fn from_str(text: &str) -> Result<BandwidthMbps, String> {
        let mbps = text
            .trim()
            .parse::<Decimal>()
            .map_err(|_| format!("the bandwidth is a number of megabits per second such as 500, not {text:?}"))?;
        BandwidthMbps::new(mbps)
    }
}

impl fmt::Display for BandwidthMbps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.normalize().fmt(f)
    }
}

/// Data volumes assumed when the inventory does not say, in GB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssumedSizes {
    /// Data in a storage account (the inventory never shows how much is stored).
    pub storage_account_gb: Decimal,
    /// A managed disk without `diskSizeGB`.
    pub disk_gb: Decimal,
    /// A database or database server without a size (Cosmos DB, caches, servers
    /// whose storage is not in the export).
    pub database_gb: Decimal,
    /// Content and state of any other service whose method moves data (web app
    /// content, vault secrets, registries).
    pub other_gb: Decimal,
}

impl Default for AssumedSizes {
    fn default() -> AssumedSizes {
        AssumedSizes {
            storage_account_gb: Decimal::from(100),
            disk_gb: Decimal::from(128),
            database_gb: Decimal::from(50),
            other_gb: Decimal::ONE,
        }
    }
}

/// What the person planning may change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanOptions {
    pub group_by: GroupBy,
    /// Most resources in one wave; 0 means no limit. A cycle larger than this still
    /// moves as one unit, in a wave of its own.
    pub max_wave_size: usize,
    /// Bandwidth available for copying data, in megabits per second.
    pub bandwidth_mbps: BandwidthMbps,
    /// Tasks that can run at the same time within a wave.
    pub workers: Workers,
    /// Plan a move from global Azure into Azure China (cross-cloud methods).
    pub cross_cloud: bool,
    pub assumed: AssumedSizes,
}

impl PlanOptions {
    /// Checks what the types alone cannot: every assumed size is a number of 0 or more.
    /// [`Workers`] and [`BandwidthMbps`] hold their own bounds.
    pub fn validate(&self) -> Result<(), String> {
        let sizes = &self.assumed;
        for (name, value) in [
            ("storage_account_gb", sizes.storage_account_gb),
            ("disk_gb", sizes.disk_gb),
            ("database_gb", sizes.database_gb),
            ("other_gb", sizes.other_gb),
        ] {
            if value.is_sign_negative() && !value.is_zero() {
                return Err(format!("the assumed size {name} cannot be negative ({value})"));
            }
        }
        Ok(())
    }
}

impl Default for PlanOptions {
    fn default() -> PlanOptions {
        PlanOptions {
            group_by: GroupBy::Component,
            max_wave_size: 50,
            bandwidth_mbps: BandwidthMbps::default(),
            workers: Workers::default(),
            cross_cloud: false,
            assumed: AssumedSizes::default(),
        }
    }
}

/// Resources that depend on each other in a circle, and the edges forming it. They
/// move as one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cycle {
    /// Sorted by id key.
    pub resources: Vec<ResourceRef>,
    /// Positions in [`Plan::edges`] of the edges between the cycle's resources.
    pub edges: Vec<usize>,
}

/// Resources that should move together (a migration package).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveGroup {
    pub name: String,
    /// Sorted by id key.
    pub resources: Vec<ResourceRef>,
}

/// Where a task's data volume came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "name", rename_all = "kebab-case")]
pub enum DataBasis {
    /// The method moves no data.
    NoData,
    /// A property of the resource (`properties.diskSizeGB`).
    Property(String),
    /// A named assumption of [`Plan::assumptions`].
    Assumption(&'static str),
    /// The data moves with other tasks (a VM's managed disks are tasks of their own).
    OtherTasks,
}

/// Moving one resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    pub resource: ResourceRef,
    pub method: MethodKind,
    /// The method's fixed overhead.
    pub fixed_hours: Decimal,
    /// Data to copy, in GB.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_gb: Option<Decimal>,
    pub data_basis: DataBasis,
    /// Copy time: data over throughput, rounded up to the hundredth of an hour.
    pub transfer_hours: Decimal,
    /// `fixed_hours + transfer_hours`.
    pub hours: Decimal,
    /// Hours from the start of the move (the first wave starts at 0).
    pub start_hours: Decimal,
    pub end_hours: Decimal,
    /// Which of the wave's workers runs the task (0-based).
    pub worker: u32,
}

/// Resources that move in one step, after every earlier wave has finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wave {
    /// 1-based.
    pub number: usize,
    pub phase: Phase,
    /// Sorted by id key.
    pub resources: Vec<ResourceRef>,
    /// Move units in the wave (a cycle counts once).
    pub units: usize,
    /// In the order they start.
    pub tasks: Vec<Task>,
    pub start_hours: Decimal,
    pub makespan_hours: Decimal,
    pub end_hours: Decimal,
}

/// A value the plan assumed; the person planning should check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assumption {
    pub name: &'static str,
    pub value: String,
    pub unit: &'static str,
    pub why: &'static str,
    /// Resources whose estimate uses it (0 for options that apply to all).
    pub applies_to: usize,
}

/// A migration plan.
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub edges: Vec<Edge>,
    pub external: Vec<ExternalDependency>,
    pub cycles: Vec<Cycle>,
    pub groups: Vec<MoveGroup>,
    pub waves: Vec<Wave>,
    /// Sum of the waves' makespans.
    pub total_hours: Decimal,
    /// For each wave, the chain of tasks that decided when it ended, waves in order.
    /// In a wave: start at the task that ends last (earliest id key on ties); step to
    /// the in-wave dependency that ended exactly when it started, else to the task
    /// that ended exactly then on the same worker (it waited for a worker); stop when
    /// neither exists. The chain is listed first task first.
    pub critical_path: Vec<ResourceRef>,
    pub assumptions: Vec<Assumption>,
    pub caveat: &'static str,
}

/// Plans the move of every resource of the inventory.
pub fn plan(inventory: &Inventory, options: &PlanOptions) -> Plan {
    let refs = resource_refs(inventory);
    let detected = references::detect(inventory, &refs);
    plan_with(inventory, &refs, &detected, options)
}

/// Plans the move with each of several options (say, in-cloud and cross-cloud): for
/// each, the very plan [`plan`] gives, in the order of `options`. The dependencies do not
/// depend on the options: they are found once for all of them.
pub fn plan_each(inventory: &Inventory, options: &[PlanOptions]) -> Vec<Plan> {
    if options.is_empty() {
        return Vec::new();
    }
    let refs = resource_refs(inventory);
    let detected = references::detect(inventory, &refs);
    options.iter().map(|options| plan_with(inventory, &refs, &detected, options)).collect()
}

/// The plan on dependencies found already.
fn plan_with(
    inventory: &Inventory,
    refs: &[ResourceRef],
    detected: &references::Detected,
    options: &PlanOptions,
) -> Plan {
    let resources = refs;
    let units = waves::units(resources.len(), &detected.edges);
    let ordered = waves::waves(inventory, &detected.edges, &units, options.max_wave_size);
    let estimates = schedule::estimates(inventory, options);
    let scheduled = schedule::schedule(&ordered, &detected.edges, &units, &estimates, refs, options.workers.get());
    let cycle_edges = units.cycle_edges(&detected.edges);
    let groups = groups::groups(inventory, refs, &detected.edges, &options.group_by);
    let edges: Vec<Edge> = detected
        .edges
        .iter()
        .map(|edge| Edge {
            from: resources[edge.from].clone(),
            to: resources[edge.to].clone(),
            kind: edge.kind,
            path: edge.path.clone(),
            must_exist_first: edge.must_exist_first,
        })
        .collect();
    let cycles = cycle_edges
        .into_iter()
        .map(|(unit, edges)| Cycle {
            resources: units.members[unit].iter().map(|&i| resources[i].clone()).collect(),
            edges,
        })
        .collect();
    let assumptions = schedule::assumptions(options, &estimates);
    Plan {
        edges,
        external: detected.external.clone(),
        cycles,
        groups,
        waves: scheduled.waves,
        total_hours: scheduled.total_hours,
        critical_path: scheduled.critical_path,
        assumptions,
        caveat: CAVEAT,
    }
}
