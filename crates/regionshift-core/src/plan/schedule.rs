//! Durations: per resource the migration method's fixed overhead plus its data volume
//! over the throughput; per wave a list schedule on the workers; in total the sum of
//! the waves; and the critical path.
//!
//! Throughput in GB per hour is `bandwidth_mbps × 3600 / 8 / 1000` (1000 Mbps gives 450
//! GB/h). Copy time is rounded up to the hundredth of an hour; everything else is exact
//! `Decimal` arithmetic. Within a wave, a worker that comes free takes the released
//! task with the longest duration (longest processing time first, then id key); a task
//! is released when its dependencies in the same wave have ended, and starts no
//! earlier.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::Value;

use super::references::{self, IndexEdge};
use super::waves::{Adjacency, PlannedWave, Units};
use super::{Assumption, DataBasis, PlanOptions, ResourceRef, Task, Wave};
use crate::azure::{class_of, DataVolume};
use crate::inventory::{Inventory, Resource};
use crate::methods::{method_for, MethodKind};

/// Names of the assumptions, as [`Assumption::name`] and [`DataBasis::Assumption`] spell them.
pub const STORAGE_ACCOUNT_GB: &str = "storage-account-gb";
pub const DISK_GB: &str = "disk-gb";
pub const DATABASE_GB: &str = "database-gb";
pub const OTHER_GB: &str = "other-data-gb";

/// The estimate for one resource, before scheduling.
pub(crate) struct Estimate {
    pub method: MethodKind,
    pub fixed_hours: Decimal,
    pub data_gb: Option<Decimal>,
    pub data_basis: DataBasis,
    pub transfer_hours: Decimal,
    pub hours: Decimal,
}

/// GB per hour over a link of `mbps` megabits per second.
pub fn throughput_gb_per_hour(mbps: Decimal) -> Decimal {
    mbps.saturating_mul(Decimal::from(3600)) / Decimal::from(8) / Decimal::from(1000)
}

/// Hours to copy `gb` at `gb_per_hour`, rounded up to the hundredth of an hour; zero
/// when the throughput is not positive (an assumption says so). Sizes come from the
/// user's files and options: a figure beyond what a `Decimal` holds saturates (the plan
/// then shows an absurd duration, as the input asks) rather than panicking.
pub fn transfer_hours(gb: Decimal, gb_per_hour: Decimal) -> Decimal {
    if gb_per_hour <= Decimal::ZERO || gb <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    gb.checked_div(gb_per_hour).unwrap_or(Decimal::MAX).round_dp_with_strategy(2, RoundingStrategy::AwayFromZero)
}

pub(crate) fn estimates(inventory: &Inventory, options: &PlanOptions) -> Vec<Estimate> {
    let gb_per_hour = throughput_gb_per_hour(options.bandwidth_mbps.get());
    let mut methods: HashMap<(&str, Option<&str>), crate::methods::MigrationMethod> = HashMap::new();
    inventory
        .resources
        .iter()
        .map(|resource| {
            let key = (resource.resource_type.key(), resource.kind.as_deref());
            let method =
                methods.entry(key).or_insert_with(|| method_for(&resource.resource_type, key.1, options.cross_cloud));
            if resource.system.is_some() {
                return system_resource(method.method);
            }
            let (data_gb, data_basis) =
                if method.data_move { data_volume(inventory, resource, options) } else { (None, DataBasis::NoData) };
            let transfer = data_gb.map(|gb| transfer_hours(gb, gb_per_hour)).unwrap_or(Decimal::ZERO);
            Estimate {
                method: method.method,
                fixed_hours: method.fixed_overhead_hours,
                data_gb,
                data_basis,
                transfer_hours: transfer,
                hours: method.fixed_overhead_hours.saturating_add(transfer),
            }
        })
        .collect()
}

/// A resource Azure recreates with its parent (a SQL server's `master` database):
/// nothing to copy and nothing to do.
fn system_resource(method: MethodKind) -> Estimate {
    Estimate {
        method,
        fixed_hours: Decimal::ZERO,
        data_gb: None,
        data_basis: DataBasis::NoData,
        transfer_hours: Decimal::ZERO,
        hours: Decimal::ZERO,
    }
}

fn field<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut current = value;
    for name in path {
        current = current.as_object()?.iter().find(|(key, _)| key.eq_ignore_ascii_case(name))?.1;
    }
    Some(current)
}

fn decimal(value: &Value) -> Option<Decimal> {
    let number = match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.trim().to_string(),
        _ => return None,
    };
    let parsed = number.parse::<Decimal>().ok().or_else(|| Decimal::from_scientific(&number).ok())?;
    (parsed >= Decimal::ZERO).then_some(parsed)
}

/// The value at `path` in a resource's properties.
fn extract(resource: &Resource, path: &[&str]) -> Option<Value> {
    references::extract(resource.properties.as_ref()?.get(), path)
}

const GIB: i64 = 1024 * 1024 * 1024;

/// The data a resource's move copies, in GB, and where the figure came from.
fn data_volume(inventory: &Inventory, resource: &Resource, options: &PlanOptions) -> (Option<Decimal>, DataBasis) {
    let assumed = &options.assumed;
    let type_key = resource.resource_type.key();
    let known = |path: &[&str], scale: Decimal| -> Option<(Option<Decimal>, DataBasis)> {
        let size = decimal(&extract(resource, path)?)?;
        Some((Some(size / scale), DataBasis::Property(format!("properties.{}", path.join(".")))))
    };
    let one = Decimal::ONE;
    let sized = match type_key {
        "microsoft.compute/disks" | "microsoft.compute/snapshots" => known(&["diskSizeGB"], one),
        // `maxSizeBytes` is the database's cap (100 TB for Hyperscale), not its data:
        // assume the usual size, unless the cap is smaller.
        "microsoft.sql/servers/databases" => match known(&["maxSizeBytes"], Decimal::from(GIB)) {
            Some((Some(cap), basis)) if cap < assumed.database_gb => Some((Some(cap), basis)),
            _ => Some((Some(assumed.database_gb), DataBasis::Assumption(DATABASE_GB))),
        },
        "microsoft.sql/managedinstances" => known(&["storageSizeInGB"], one),
        "microsoft.dbforpostgresql/flexibleservers" | "microsoft.dbformysql/flexibleservers" => {
            known(&["storage", "storageSizeGB"], one)
        }
        "microsoft.dbforpostgresql/servers" | "microsoft.dbformysql/servers" | "microsoft.dbformariadb/servers" => {
            known(&["storageProfile", "storageMB"], Decimal::from(1024))
        }
        "microsoft.compute/virtualmachines" => return vm_disks(inventory, resource, options),
        _ => None,
    };
    if let Some(sized) = sized {
        return sized;
    }
    match class_of(type_key).data {
        DataVolume::StorageAccount => (Some(assumed.storage_account_gb), DataBasis::Assumption(STORAGE_ACCOUNT_GB)),
        DataVolume::Disk => (Some(assumed.disk_gb), DataBasis::Assumption(DISK_GB)),
        DataVolume::Database => (Some(assumed.database_gb), DataBasis::Assumption(DATABASE_GB)),
        DataVolume::Other => (Some(assumed.other_gb), DataBasis::Assumption(OTHER_GB)),
    }
}

/// A VM's data is its disks. Managed disks in the inventory are tasks of their own;
/// the VM copies only the disks that are not (unmanaged disks, disks outside the scope).
fn vm_disks(inventory: &Inventory, resource: &Resource, options: &PlanOptions) -> (Option<Decimal>, DataBasis) {
    let Some(profile) = extract(resource, &["storageProfile"]) else {
        return (None, DataBasis::OtherTasks);
    };
    let profile = &profile;
    let mut disks: Vec<&Value> = field(profile, &["osDisk"]).into_iter().collect();
    if let Some(Value::Array(data)) = field(profile, &["dataDisks"]) {
        disks.extend(data);
    }
    let mut total = Decimal::ZERO;
    let mut assumed = false;
    let mut any = false;
    for disk in disks {
        let in_inventory = field(disk, &["managedDisk", "id"]).and_then(Value::as_str).is_some_and(|id| {
            let key = id.trim().trim_end_matches('/').to_ascii_lowercase();
            inventory.resources.binary_search_by(|r| r.id.key().cmp(key.as_str())).is_ok()
        });
        if in_inventory {
            continue;
        }
        any = true;
        match field(disk, &["diskSizeGB"]).and_then(decimal) {
            Some(size) => total += size,
            None => {
                total += options.assumed.disk_gb;
                assumed = true;
            }
        }
    }
    match (any, assumed) {
        (false, _) => (None, DataBasis::OtherTasks),
        (true, true) => (Some(total), DataBasis::Assumption(DISK_GB)),
        (true, false) => (Some(total), DataBasis::Property("properties.storageProfile.*.diskSizeGB".into())),
    }
}

pub(crate) fn assumptions(options: &PlanOptions, estimates: &[Estimate]) -> Vec<Assumption> {
    let uses = |name: &'static str| estimates.iter().filter(|e| e.data_basis == DataBasis::Assumption(name)).count();
    let gb_per_hour = throughput_gb_per_hour(options.bandwidth_mbps.get());
    let list = vec![
        Assumption {
            name: "bandwidth",
            value: options.bandwidth_mbps.to_string(),
            unit: "Mbps",
            why: "Sustained bandwidth for copying data between the source and the target, shared by all workers.",
            applies_to: 0,
        },
        Assumption {
            name: "throughput",
            value: gb_per_hour.normalize().to_string(),
            unit: "GB/h",
            why: "Bandwidth × 3600 / 8 / 1000: each task copies at the full throughput.",
            applies_to: 0,
        },
        Assumption {
            name: "workers",
            value: options.workers.to_string(),
            unit: "tasks at a time",
            why: "People or pipelines moving resources in parallel within a wave.",
            applies_to: 0,
        },
        Assumption {
            name: "methods",
            value: if options.cross_cloud { "cross-cloud" } else { "in-cloud" }.to_string(),
            unit: "",
            why: "Fixed overhead hours come from the migration method for each type (data/migration-methods.json).",
            applies_to: 0,
        },
        Assumption {
            name: STORAGE_ACCOUNT_GB,
            value: options.assumed.storage_account_gb.normalize().to_string(),
            unit: "GB",
            why: "Inventories do not show how much a storage account holds.",
            applies_to: uses(STORAGE_ACCOUNT_GB),
        },
        Assumption {
            name: DISK_GB,
            value: options.assumed.disk_gb.normalize().to_string(),
            unit: "GB",
            why: "A disk whose size the inventory does not give.",
            applies_to: uses(DISK_GB),
        },
        Assumption {
            name: DATABASE_GB,
            value: options.assumed.database_gb.normalize().to_string(),
            unit: "GB",
            why: "A database, cache or database account whose size the inventory does not give.",
            applies_to: uses(DATABASE_GB),
        },
        Assumption {
            name: OTHER_GB,
            value: options.assumed.other_gb.normalize().to_string(),
            unit: "GB",
            why: "Content or state of any other service whose method copies data (app content, secrets, images).",
            applies_to: uses(OTHER_GB),
        },
    ];
    list
}

pub(crate) struct Scheduled {
    pub waves: Vec<Wave>,
    pub total_hours: Decimal,
    pub critical_path: Vec<ResourceRef>,
}

/// A task released for scheduling, ordered so the heap's top is the one to run next:
/// longest first, then the smallest position (id key).
#[derive(PartialEq, Eq)]
struct Released {
    hours: Decimal,
    position: usize,
}

impl Ord for Released {
    fn cmp(&self, other: &Released) -> Ordering {
        self.hours.cmp(&other.hours).then_with(|| other.position.cmp(&self.position))
    }
}

impl PartialOrd for Released {
    fn partial_cmp(&self, other: &Released) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

pub(crate) fn schedule(
    waves: &[PlannedWave],
    edges: &[IndexEdge],
    units: &Units,
    estimates: &[Estimate],
    refs: &[ResourceRef],
    workers: u32,
) -> Scheduled {
    let workers = workers.max(1) as usize;
    let count = estimates.len();
    // Dependencies inside one unit (a cycle) do not order its tasks.
    let pairs: Vec<(usize, usize)> = edges
        .iter()
        .filter(|edge| units.unit_of[edge.from] != units.unit_of[edge.to])
        .map(|edge| (edge.from, edge.to))
        .collect();
    let dependencies = Adjacency::new(count, &pairs);
    let reversed: Vec<(usize, usize)> = pairs.iter().map(|&(from, to)| (to, from)).collect();
    let dependents = Adjacency::new(count, &reversed);
    let mut wave_of = vec![usize::MAX; count];
    for (number, wave) in waves.iter().enumerate() {
        for &unit in &wave.units {
            for &position in &units.members[unit] {
                wave_of[position] = number;
            }
        }
    }
    let mut start = vec![Decimal::ZERO; count];
    let mut end = vec![Decimal::ZERO; count];
    let mut worker_of = vec![0u32; count];
    // The task its worker ran just before, if any.
    let mut previous: Vec<Option<usize>> = vec![None; count];
    let mut waiting = vec![0usize; count];
    let mut clock = Decimal::ZERO;
    let mut result = Vec::with_capacity(waves.len());
    let mut critical_path = Vec::new();
    for (number, wave) in waves.iter().enumerate() {
        let mut members: Vec<usize> = wave.units.iter().flat_map(|&u| units.members[u].iter().copied()).collect();
        members.sort_unstable();
        let in_wave = |d: &&usize| wave_of[**d] == number;
        // Released tasks by release time; runnable ones by priority.
        let mut pending: BinaryHeap<Reverse<(Decimal, usize)>> = BinaryHeap::new();
        let mut runnable: BinaryHeap<Released> = BinaryHeap::new();
        for &position in &members {
            waiting[position] = dependencies.of(position).iter().filter(in_wave).count();
            if waiting[position] == 0 {
                pending.push(Reverse((clock, position)));
            }
        }
        let mut free: BinaryHeap<Reverse<(Decimal, u32)>> = (0..workers as u32).map(|w| Reverse((clock, w))).collect();
        let mut last_on: Vec<Option<usize>> = vec![None; workers];
        let mut order = Vec::with_capacity(members.len());
        while order.len() < members.len() {
            let Some(Reverse((mut now, worker))) = free.pop() else { break };
            while let Some(Reverse((at, _))) = pending.peek() {
                if *at > now {
                    if !runnable.is_empty() {
                        break;
                    }
                    now = *at;
                }
                let Some(Reverse((_, position))) = pending.pop() else { break };
                runnable.push(Released { hours: estimates[position].hours, position });
            }
            let Some(Released { position, .. }) = runnable.pop() else { break };
            start[position] = now;
            end[position] = now.saturating_add(estimates[position].hours);
            worker_of[position] = worker;
            previous[position] = last_on[worker as usize].replace(position);
            free.push(Reverse((end[position], worker)));
            order.push(position);
            for &dependent in dependents.of(position) {
                if wave_of[dependent] != number {
                    continue;
                }
                waiting[dependent] -= 1;
                if waiting[dependent] == 0 {
                    let ready =
                        dependencies.of(dependent).iter().filter(in_wave).map(|&d| end[d]).max().unwrap_or(clock);
                    pending.push(Reverse((ready, dependent)));
                }
            }
        }
        debug_assert_eq!(order.len(), members.len(), "every task of a wave is scheduled");
        let wave_end = order.iter().map(|&p| end[p]).max().unwrap_or(clock);
        // The chain that decided the end of the wave.
        let last = order.iter().copied().max_by(|&a, &b| end[a].cmp(&end[b]).then_with(|| b.cmp(&a)));
        let mut chain = Vec::new();
        let mut current = last;
        while let Some(position) = current {
            chain.push(position);
            if start[position] == clock {
                break;
            }
            let by_dependency = dependencies
                .of(position)
                .iter()
                .copied()
                .filter(|&d| wave_of[d] == number && end[d] == start[position])
                .min();
            current = by_dependency.or(previous[position].filter(|&p| end[p] == start[position]));
        }
        chain.reverse();
        critical_path.extend(chain.into_iter().map(|p| refs[p].clone()));
        let tasks = order
            .iter()
            .map(|&p| {
                let estimate = &estimates[p];
                Task {
                    resource: refs[p].clone(),
                    method: estimate.method,
                    fixed_hours: estimate.fixed_hours,
                    data_gb: estimate.data_gb,
                    data_basis: estimate.data_basis.clone(),
                    transfer_hours: estimate.transfer_hours,
                    hours: estimate.hours,
                    start_hours: start[p],
                    end_hours: end[p],
                    worker: worker_of[p],
                }
            })
            .collect();
        result.push(Wave {
            number: number + 1,
            phase: wave.phase,
            resources: members.iter().map(|&p| refs[p].clone()).collect(),
            units: wave.units.len(),
            tasks,
            start_hours: clock,
            makespan_hours: wave_end - clock,
            end_hours: wave_end,
        });
        clock = wave_end;
    }
    Scheduled { waves: result, total_hours: clock, critical_path }
}
