//! The consistency check the estate passes before it is written: every resource id a
//! record names resolves to a resource of the estate (or a parent of one), every NIC's
//! subnet is in its VNet, every attached disk is attached by the VM it names, and the
//! estate holds 300 to 400 resources.

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

/// Ids of things outside any estate: platform images, maintenance windows, managed API
/// definitions.
const EXTERNAL: [&str; 3] = [
    "/providers/Microsoft.Maintenance/publicMaintenanceConfigurations/",
    "/Providers/Microsoft.Compute/Locations/",
    "/providers/Microsoft.Web/locations/",
];

/// Every string in a JSON value, object keys included, in document order.
fn strings<'a>(value: &'a Value, found: &mut Vec<&'a str>) {
    match value {
        Value::String(text) => found.push(text),
        Value::Array(items) => items.iter().for_each(|item| strings(item, found)),
        Value::Object(map) => {
            for (key, item) in map {
                found.push(key);
                strings(item, found);
            }
        }
        _ => {}
    }
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// `Ok` when the records are consistent, else every problem found, one a line.
pub(super) fn check(records: &[Value]) -> Result<(), String> {
    let ids: HashSet<String> = records.iter().map(|r| text(r, "id").to_lowercase()).collect();
    let mut problems = BTreeSet::new();
    for r in records {
        let id = text(r, "id");
        let mut refs = Vec::new();
        strings(&r["properties"], &mut refs);
        strings(&r["identity"], &mut refs);
        refs.push(text(r, "managedBy"));
        for s in refs {
            if !s.starts_with("/subscriptions/") || s == id || EXTERNAL.iter().any(|x| s.contains(x)) {
                continue;
            }
            if !s.contains("/providers/") {
                continue; // a subscription or resource group: a scope, never in a Resources export
            }
            // A reference resolves when it, or a parent of it, is a resource of the estate.
            let parts: Vec<&str> = s.split('/').collect();
            if !(9..=parts.len()).rev().any(|n| ids.contains(&parts[..n].join("/").to_lowercase())) {
                problems.insert(format!("{id}: {s}"));
            }
        }
    }
    let by_id = |wanted: &str| records.iter().find(|v| text(v, "id") == wanted);
    for r in records {
        let id = text(r, "id");
        if text(r, "type") == "microsoft.network/networkinterfaces" {
            for config in r["properties"]["ipConfigurations"].as_array().into_iter().flatten() {
                let subnet = text(&config["properties"]["subnet"], "id");
                let vnet_id = subnet.split("/subnets/").next().unwrap_or_default();
                let listed = by_id(vnet_id).is_some_and(|vnet| {
                    vnet["properties"]["subnets"].as_array().into_iter().flatten().any(|s| text(s, "id") == subnet)
                });
                if !listed {
                    problems.insert(format!("{id}: subnet {subnet} not in its VNet"));
                }
            }
        }
        let owner_id = text(r, "managedBy");
        if text(r, "type") == "microsoft.compute/disks" && !owner_id.is_empty() {
            let attaches = by_id(owner_id).is_some_and(|owner| {
                let profile = &owner["properties"]["storageProfile"];
                text(&profile["osDisk"]["managedDisk"], "id") == id
                    || profile["dataDisks"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|d| text(&d["managedDisk"], "id") == id)
            });
            if !attaches {
                problems.insert(format!("{id}: managedBy {owner_id} does not attach it"));
            }
        }
    }
    if !problems.is_empty() {
        let list: Vec<String> = problems.into_iter().collect();
        return Err(format!("inconsistent references:\n  {}", list.join("\n  ")));
    }
    if !(300..=400).contains(&records.len()) {
        return Err(format!("{} resources; the sample estate should hold 300-400", records.len()));
    }
    Ok(())
}
