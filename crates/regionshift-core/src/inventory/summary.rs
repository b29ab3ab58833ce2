//! Counts of an inventory by type, location, resource group and subscription.

use std::collections::HashMap;

use serde::Serialize;

use super::Inventory;

/// One row of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The value counted, as the model spells it (`Microsoft.Compute/virtualMachines`).
    pub key: String,
    /// A label for people ("Virtual machine"), when one is known.
    pub label: String,
    pub count: usize,
}

/// Breakdowns of an inventory, largest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct InventorySummary {
    pub resources: usize,
    pub by_type: Vec<Count>,
    pub by_location: Vec<Count>,
    pub by_resource_group: Vec<Count>,
    pub by_subscription: Vec<Count>,
}

const NONE: &str = "(none)";

pub fn summarize(inventory: &Inventory) -> InventorySummary {
    let mut by_type: HashMap<&str, (usize, String)> = HashMap::new();
    let mut by_location: HashMap<&str, usize> = HashMap::new();
    let mut by_group: HashMap<String, usize> = HashMap::new();
    let mut by_subscription: HashMap<&str, usize> = HashMap::new();
    for resource in &inventory.resources {
        let entry = by_type.entry(resource.resource_type.as_str()).or_insert_with(|| (0, type_label(resource)));
        entry.0 += 1;
        *by_location.entry(resource.location.as_ref().map_or(NONE, |l| l.as_str())).or_default() += 1;
        // Resource group names are case-insensitive in Azure.
        let group = resource.resource_group.as_deref().map_or_else(|| NONE.to_string(), str::to_lowercase);
        *by_group.entry(group).or_default() += 1;
        let subscription = resource.subscription.as_deref().or(resource.subscription_name.as_deref());
        *by_subscription.entry(subscription.unwrap_or(NONE)).or_default() += 1;
    }
    // Portal CSVs and Resource Graph write most groups in lower case: show the
    // group as another export spells it, when one does.
    let mut group_labels: HashMap<String, &str> = HashMap::new();
    for resource in &inventory.resources {
        if let Some(group) = resource.resource_group.as_deref() {
            let label = group_labels.entry(group.to_lowercase()).or_insert(group);
            if label.chars().all(|c| !c.is_uppercase()) && group.chars().any(char::is_uppercase) {
                *label = group;
            }
        }
    }
    InventorySummary {
        resources: inventory.resources.len(),
        by_type: sorted(by_type.into_iter().map(|(k, (n, label))| Count { key: k.to_string(), label, count: n })),
        by_location: sorted(by_location.into_iter().map(|(k, n)| {
            Count {
                key: k.to_string(),
                label: crate::azure::Location::new(k)
                    .map_or_else(|| k.to_string(), |l| crate::azure::regions::display_name(&l)),
                count: n,
            }
        })),
        by_resource_group: sorted(by_group.into_iter().map(|(k, n)| {
            let label = group_labels.get(&k).map_or_else(|| k.clone(), |l| l.to_string());
            Count { key: k, label, count: n }
        })),
        by_subscription: sorted(by_subscription.into_iter().map(|(k, n)| Count {
            key: k.to_string(),
            label: k.to_string(),
            count: n,
        })),
    }
}

/// "Virtual machine", or for a type known only by a portal display name no table has,
/// that name and that it is unknown.
fn type_label(resource: &super::Resource) -> String {
    let resource_type = &resource.resource_type;
    if let Some(name) = resource_type.display_name() {
        return name.to_string();
    }
    match resource_type.as_str().split_once('/') {
        Some((super::UNKNOWN_NAMESPACE, _)) => format!("{} (type unknown)", portal_label(resource)),
        _ => resource_type.as_str().to_string(),
    }
}

/// The portal display type an unknown-typed resource came with, kept in its type.
fn portal_label(resource: &super::Resource) -> &str {
    resource.resource_type.as_str().split_once('/').map_or("", |(_, rest)| rest)
}

fn sorted(counts: impl Iterator<Item = Count>) -> Vec<Count> {
    let mut counts: Vec<Count> = counts.collect();
    counts.sort_unstable_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    counts
}
