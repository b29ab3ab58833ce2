//! The embedded snapshot: the files in `data/catalog/`, parsed once into lookup tables.
//!
//! Each file carries `_meta` with `as_of` (the date its facts were current) and
//! `sources`. Region lists in the files may name the groups `china` and `global`
//! (declared in the file's `_meta.groups`), which stand for their regions.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::{norm_sku, Provenance, SizeHere, SizeSpec, SkuFacts, SkuKind};

pub(super) const RESOURCE_TYPES: &str = include_str!("../../../../data/catalog/resource-types.json");
pub(super) const VM_SIZES: &str = include_str!("../../../../data/catalog/vm-sizes.json");
pub(super) const ZONES: &str = include_str!("../../../../data/catalog/zones.json");
pub(super) const SKUS: &str = include_str!("../../../../data/catalog/skus.json");
pub(super) const UNAVAILABLE: &str = include_str!("../../../../data/catalog/unavailable-in-china.json");

/// The embedded files, by name, for the tests.
#[cfg(test)]
pub(super) const FILES: [(&str, &str); 5] = [
    ("resource-types.json", RESOURCE_TYPES),
    ("vm-sizes.json", VM_SIZES),
    ("zones.json", ZONES),
    ("skus.json", SKUS),
    ("unavailable-in-china.json", UNAVAILABLE),
];

#[derive(Deserialize, Clone, Debug)]
pub(super) struct Meta {
    pub as_of: String,
    pub sources: String,
    #[serde(default)]
    pub groups: HashMap<String, Vec<String>>,
}

impl Meta {
    fn provenance(&self) -> Provenance {
        Provenance::Snapshot { as_of: self.as_of.clone(), source: self.sources.clone() }
    }

    /// Expands group names into their regions.
    fn expand<'a>(&'a self, names: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
        names.iter().flat_map(move |name| match self.groups.get(name) {
            Some(regions) => regions.iter().map(String::as_str).collect::<Vec<_>>(),
            None => vec![name.as_str()],
        })
    }
}

/// What the snapshot says about the types of one region.
#[derive(Debug, Default)]
pub(super) struct RegionTypes {
    /// Offered types (lowercased) and the index of their API version set, when known.
    pub offered: HashMap<String, Option<usize>>,
    pub not_offered: HashSet<String>,
}

/// A service not offered in Azure China.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct UnavailableEntry {
    pub service: String,
    pub types: Vec<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub condition: Option<String>,
    #[serde(default)]
    pub alternative: Option<String>,
    #[serde(default)]
    pub doc: Option<String>,
}

/// The parsed snapshot. Shared by every [`super::Catalog`] through an `Arc`.
#[derive(Debug, Default)]
pub(super) struct Snapshot {
    pub as_of: String,
    pub types_provenance: Option<Provenance>,
    pub api_sets: Vec<Vec<String>>,
    pub types: HashMap<String, RegionTypes>,
    pub sizes_provenance: Option<Provenance>,
    pub specs: HashMap<String, SizeSpec>,
    pub sizes: HashMap<String, HashMap<String, SizeHere>>,
    pub zones_provenance: Option<Provenance>,
    pub zones: HashMap<String, Vec<String>>,
    pub skus_provenance: Option<Provenance>,
    pub skus: HashMap<(SkuKind, String), SkuFacts>,
    pub unavailable: Vec<UnavailableEntry>,
}

#[derive(Deserialize)]
struct TypesFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    #[serde(rename = "apiVersions")]
    api_versions: HashMap<String, Vec<String>>,
    types: Vec<TypeEntry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TypeEntry {
    #[serde(rename = "type")]
    resource_type: String,
    #[serde(default)]
    offered: Vec<String>,
    #[serde(default)]
    not_offered: Vec<String>,
    #[serde(default)]
    api: Option<String>,
}

#[derive(Deserialize)]
struct SizesFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    /// Name → [vCPUs, memory GiB, family].
    specs: HashMap<String, (u32, serde_json::Number, String)>,
    regions: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct ZonesFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    zones: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct SkusFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    kinds: HashMap<String, Vec<SkuStatement>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SkuStatement {
    regions: Vec<String>,
    #[serde(default)]
    offered: Vec<String>,
    #[serde(default)]
    not_offered: Vec<String>,
}

#[derive(Deserialize)]
struct UnavailableFile {
    #[serde(rename = "_meta")]
    #[allow(dead_code)]
    meta: Meta,
    services: Vec<UnavailableEntry>,
}

/// Parses every embedded file. A file that does not parse leaves its part empty (every
/// answer Unknown); the tests make sure that never ships.
pub(super) fn parse() -> Snapshot {
    let mut snapshot = Snapshot::default();
    let mut dates: Vec<String> = Vec::new();
    if let Ok(file) = serde_json::from_str::<TypesFile>(RESOURCE_TYPES) {
        dates.push(file.meta.as_of.clone());
        let mut set_index: HashMap<String, usize> = HashMap::new();
        for (name, versions) in file.api_versions {
            set_index.insert(name, snapshot.api_sets.len());
            snapshot.api_sets.push(versions);
        }
        for entry in &file.types {
            let key = entry.resource_type.to_ascii_lowercase();
            let api = entry.api.as_ref().and_then(|name| set_index.get(name).copied());
            for region in file.meta.expand(&entry.offered) {
                // API versions are stated for the global regions only (see the file's _meta).
                let api = if file.meta.groups.get("global").is_some_and(|g| g.iter().any(|r| r == region)) {
                    api
                } else {
                    None
                };
                snapshot.types.entry(region.to_string()).or_default().offered.insert(key.clone(), api);
            }
            for region in file.meta.expand(&entry.not_offered) {
                snapshot.types.entry(region.to_string()).or_default().not_offered.insert(key.clone());
            }
        }
        snapshot.types_provenance = Some(file.meta.provenance());
    }
    if let Ok(file) = serde_json::from_str::<SizesFile>(VM_SIZES) {
        dates.push(file.meta.as_of.clone());
        for (name, (vcpus, memory, family)) in file.specs {
            let Ok(memory_gib) = Decimal::from_str(&memory.to_string()) else { continue };
            snapshot.specs.insert(name.to_ascii_lowercase(), SizeSpec { name, vcpus, memory_gib, family });
        }
        for (region, names) in file.regions {
            let sizes = names
                .into_iter()
                .map(|name| (name.to_ascii_lowercase(), SizeHere { name, zones: None, restricted: false }))
                .collect();
            snapshot.sizes.insert(region, sizes);
        }
        snapshot.sizes_provenance = Some(file.meta.provenance());
    }
    if let Ok(file) = serde_json::from_str::<ZonesFile>(ZONES) {
        dates.push(file.meta.as_of.clone());
        snapshot.zones = file.zones;
        snapshot.zones_provenance = Some(file.meta.provenance());
    }
    // A size in a region without zones has no zones; elsewhere per-size zones are unknown.
    for (region, sizes) in snapshot.sizes.iter_mut() {
        if snapshot.zones.get(region).is_some_and(Vec::is_empty) {
            for size in sizes.values_mut() {
                size.zones = Some(Vec::new());
            }
        }
    }
    if let Ok(file) = serde_json::from_str::<SkusFile>(SKUS) {
        dates.push(file.meta.as_of.clone());
        for (kind_name, statements) in &file.kinds {
            let Some(kind) = SkuKind::from_data_name(kind_name) else { continue };
            for statement in statements {
                for region in file.meta.expand(&statement.regions) {
                    let facts = snapshot.skus.entry((kind, region.to_string())).or_default();
                    facts.offered.extend(statement.offered.iter().map(|name| norm_sku(kind, name)));
                    facts.not_offered.extend(statement.not_offered.iter().map(|name| norm_sku(kind, name)));
                }
            }
        }
        snapshot.skus_provenance = Some(file.meta.provenance());
    }
    if let Ok(file) = serde_json::from_str::<UnavailableFile>(UNAVAILABLE) {
        dates.push(file.meta.as_of.clone());
        snapshot.unavailable = file.services;
    }
    // The catalog's age is that of its oldest part.
    snapshot.as_of = dates.into_iter().min().unwrap_or_default();
    snapshot
}

/// Reads `_meta.as_of` and `_meta.sources` of an embedded file (for the tests).
#[cfg(test)]
pub(super) fn meta_of(text: &str) -> Option<Meta> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::from_value(value.get("_meta")?.clone()).ok()
}
