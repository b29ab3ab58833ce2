//! Catalog data the user loads: `az provider list` output (resource types, locations and
//! API versions) and `az vm list-skus` / Resource SKUs API output (VM sizes, zones,
//! restrictions, disk and storage SKUs), each as a JSON array, as `{"value": [...]}`, or
//! (for one provider, `az provider show`) as a single object.
//!
//! What a file covers is the strongest source there: resource types per region for the
//! provider namespaces the file lists; VM sizes, Spot (`LowPriorityCapable`) and zones per
//! region; managed disk SKUs and storage redundancy per region. Several files add up.

// User text reaches this module: no slicing or indexing that could panic, no unwrap or
// expect outside tests (a local `allow` only where an index is proven in range, saying why).
#![cfg_attr(not(test), deny(clippy::string_slice, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used))]

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use super::{norm_sku, Offer, Provenance, SizeHere, SizeSpec, SkuKind, Source};
use crate::azure::{Location, ResourceType};
use crate::diagnostics::Diagnostic;
use crate::input::{text, InputFile, DEFAULT_MAX_FILE_BYTES};

/// The shapes accepted, for messages.
pub(super) const ACCEPTED: &str = "the JSON output of `az provider list` (an array of providers, each with \
namespace and resourceTypes [{resourceType, locations, apiVersions}]) or `az provider show`, or of \
`az vm list-skus` / the Resource SKUs API (an array, or {\"value\": [...]}, of SKUs with resourceType, name, \
locations, locationInfo, capabilities and restrictions)";

const HINT: &str = "Run the command in the target cloud with JSON output, for example \
`az cloud set -n AzureChinaCloud; az provider list --expand \"resourceTypes/locations\" -o json > providers.json` \
and `az vm list-skus -o json > skus.json`, and load the files unchanged.";

/// Per file, this many skipped records are listed one by one; the rest are counted.
const DETAILED: usize = 20;

/// Everything the user's files said, merged.
#[derive(Clone, Debug, Default)]
pub(super) struct UserFacts {
    pub api_sets: Vec<Vec<String>>,
    /// Region → offered type keys.
    types_offered: HashMap<String, HashSet<String>>,
    /// Every type key the provider data lists, wherever it is offered.
    types_listed: HashSet<String>,
    /// Non-regional types (offered in `global` or with no location): offered in every
    /// region the data covers.
    types_everywhere: HashSet<String>,
    /// Type key → index of its API version set.
    types_api: HashMap<String, usize>,
    /// Lowercased provider namespaces the data lists.
    namespaces: HashSet<String>,
    types_files: HashMap<String, BTreeSet<String>>,
    /// Region → (sizes by lowercased name, files).
    pub sizes: HashMap<String, (HashMap<String, SizeHere>, BTreeSet<String>)>,
    pub specs: HashMap<String, SizeSpec>,
    /// Region → (sorted zones, files).
    pub zones: HashMap<String, (Vec<String>, BTreeSet<String>)>,
    /// (kind, region) → every SKU name offered there (a complete list), and files.
    pub skus: HashMap<(SkuKind, String), (HashSet<String>, BTreeSet<String>)>,
}

fn joined(files: &BTreeSet<String>) -> String {
    files.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
}

impl UserFacts {
    /// Every region some user data covers.
    pub fn regions(&self) -> impl Iterator<Item = &str> {
        self.types_files
            .keys()
            .chain(self.sizes.keys())
            .chain(self.zones.keys())
            .chain(self.skus.keys().map(|(_, region)| region))
            .map(String::as_str)
    }

    /// The user's files as a source.
    pub fn source(&self, files: &BTreeSet<String>) -> Arc<Source> {
        Arc::new(Source::user_file(joined(files)))
    }

    /// The files giving the resource types of a region, as a source.
    pub fn types_source(&self, region: &str) -> Arc<Source> {
        self.types_files
            .get(region)
            .map_or_else(|| Arc::new(Source::user_file(String::new())), |files| self.source(files))
    }

    pub fn types_provenance(&self, region: &str) -> Option<Provenance> {
        self.types_files.get(region).map(|files| Provenance::User { file: joined(files) })
    }

    pub fn sizes_provenance(&self, region: &str) -> Option<Provenance> {
        self.sizes.get(region).map(|(_, files)| Provenance::User { file: joined(files) })
    }

    pub fn zones_provenance(&self, region: &str) -> Option<Provenance> {
        self.zones.get(region).map(|(_, files)| Provenance::User { file: joined(files) })
    }

    /// The SKU kinds user data covers in the region, with their files.
    pub fn sku_kinds(&self, region: &str) -> Vec<(SkuKind, String)> {
        SkuKind::ALL
            .into_iter()
            .filter_map(|kind| self.skus.get(&(kind, region.to_string())).map(|(_, files)| (kind, joined(files))))
            .collect()
    }

    /// The user's answer for a type, when their data covers the region and the type's
    /// provider namespace: the offer and the index of the API version set.
    pub fn resource_type(&self, region: &str, resource_type: &ResourceType) -> Option<(Offer, Option<usize>)> {
        let offered = self.types_offered.get(region)?;
        if !self.namespaces.contains(&resource_type.namespace().to_ascii_lowercase()) {
            return None;
        }
        let mut current = Some(resource_type.clone());
        while let Some(candidate) = current {
            let key = candidate.key();
            if offered.contains(key) || self.types_everywhere.contains(key) {
                return Some((Offer::Offered, self.types_api.get(key).copied()));
            }
            if self.types_listed.contains(key) {
                return Some((Offer::NotOffered, None));
            }
            current = candidate.parent();
        }
        // The provider is listed but has no such type in this cloud.
        Some((Offer::NotOffered, None))
    }

    /// Reads one file and merges what it says. Returns its diagnostics.
    pub fn load(&mut self, file: &InputFile, snapshot_as_of: &str) -> Vec<Diagnostic> {
        let mut read = FileRead::new(&file.name);
        match parse(&file.bytes) {
            Err(problem) => {
                let (code, message) = match problem {
                    Problem::Unusable(message) => ("catalog.file-unusable", format!("{message}; expected {ACCEPTED}")),
                    Problem::Shape(found) => ("catalog.unknown-shape", format!("found {found}; expected {ACCEPTED}")),
                };
                return vec![Diagnostic::error(code, format!("{} was not used as catalog data: {message}", file.name))
                    .in_file(&file.name)
                    .with_hint(HINT)];
            }
            Ok(top) => {
                if top.more_pages {
                    read.diagnostics.push(
                        Diagnostic::warning(
                            "catalog.more-pages",
                            format!("{} is one page of a longer list (it has a nextLink); the regions it covers may be incomplete", file.name),
                        )
                        .in_file(&file.name)
                        .with_hint("Use az vm list-skus or az provider list, which fetch every page, or load every page."),
                    );
                }
                if top.entries.is_empty() {
                    read.diagnostics.push(
                        Diagnostic::warning("catalog.no-entries", format!("{} holds no providers or SKUs", file.name))
                            .in_file(&file.name),
                    );
                    return read.diagnostics;
                }
                let total = top.entries.len();
                for (index, entry) in top.entries.into_iter().enumerate() {
                    read.entry(index, entry, self);
                }
                if read.providers == 0 && read.skus == 0 && read.other_sku_types.is_empty() {
                    return vec![Diagnostic::error(
                        "catalog.unknown-shape",
                        format!(
                            "{} was not used as catalog data: found {total} records, none of them a provider (namespace and resourceTypes) or a SKU (resourceType, name and locations); expected {ACCEPTED}",
                            file.name
                        ),
                    )
                    .in_file(&file.name)
                    .with_hint(HINT)];
                }
            }
        }
        read.finish(self, snapshot_as_of)
    }
}

/// The result of reading one file, merged into [`UserFacts`] as it goes.
struct FileRead {
    name: String,
    diagnostics: Vec<Diagnostic>,
    skipped: usize,
    providers: usize,
    skus: usize,
    other_sku_types: BTreeSet<String>,
    other_sku_records: usize,
    type_regions: BTreeSet<String>,
    size_regions: BTreeSet<String>,
    sku_regions: BTreeSet<(SkuKind, String)>,
}

impl FileRead {
    fn new(name: &str) -> FileRead {
        FileRead {
            name: name.to_string(),
            diagnostics: Vec::new(),
            skipped: 0,
            providers: 0,
            skus: 0,
            other_sku_types: BTreeSet::new(),
            other_sku_records: 0,
            type_regions: BTreeSet::new(),
            size_regions: BTreeSet::new(),
            sku_regions: BTreeSet::new(),
        }
    }

    fn skip(&mut self, location: String, message: String) {
        self.skipped += 1;
        if self.skipped <= DETAILED {
            self.diagnostics.push(
                Diagnostic::warning("catalog.record-skipped", format!("{message}; the record was skipped"))
                    .in_file(&self.name)
                    .at(location),
            );
        }
    }

    fn entry(&mut self, index: usize, entry: MaybeEntry, facts: &mut UserFacts) {
        let location = format!("record {}", index + 1);
        let MaybeEntry::Entry(entry) = entry else {
            self.skip(location, "the record is not a JSON object".to_string());
            return;
        };
        if let (Some(namespace), Some(types)) = (as_str(&entry.namespace), entry.resource_types.as_ref()) {
            self.provider(&location, namespace, types, facts);
        } else if let (Some(resource_type), Some(name)) = (as_str(&entry.resource_type), as_str(&entry.name)) {
            self.sku(&location, resource_type, name, &entry, facts);
        } else {
            self.skip(
                location,
                "the record is neither a provider (namespace and resourceTypes) nor a SKU (resourceType and name)"
                    .to_string(),
            );
        }
    }

    fn provider(&mut self, location: &str, namespace: &str, types: &Value, facts: &mut UserFacts) {
        let Some(types) = types.as_array() else {
            self.skip(location.to_string(), format!("provider {namespace}: resourceTypes is not an array"));
            return;
        };
        self.providers += 1;
        facts.namespaces.insert(namespace.trim().to_ascii_lowercase());
        for (index, entry) in types.iter().enumerate() {
            let Some(name) = entry.get("resourceType").and_then(Value::as_str) else {
                self.skip(
                    format!("{location}, resourceTypes[{index}]"),
                    format!("provider {namespace}: a resource type without resourceType"),
                );
                continue;
            };
            let resource_type = ResourceType::new(&format!("{}/{}", namespace.trim(), name.trim()));
            let key = resource_type.key().to_string();
            facts.types_listed.insert(key.clone());
            let versions: Vec<String> = strings(entry.get("apiVersions")).into_iter().map(str::to_string).collect();
            if !versions.is_empty() {
                facts.types_api.insert(key.clone(), facts.api_sets.len());
                facts.api_sets.push(versions);
            }
            let regions: Vec<Location> =
                strings(entry.get("locations")).into_iter().filter_map(Location::new).collect();
            if regions.iter().all(Location::is_global) {
                facts.types_everywhere.insert(key);
                continue;
            }
            for region in regions.iter().filter(|region| !region.is_global()) {
                let region = region.as_str().to_string();
                facts.types_offered.entry(region.clone()).or_default().insert(key.clone());
                facts.types_files.entry(region.clone()).or_default().insert(self.name.clone());
                self.type_regions.insert(region);
            }
        }
    }

    fn sku(&mut self, location: &str, resource_type: &str, name: &str, entry: &Entry, facts: &mut UserFacts) {
        let kind = match resource_type.trim().to_ascii_lowercase().as_str() {
            "virtualmachines" => None,
            "disks" => Some(SkuKind::ManagedDisk),
            "storageaccounts" => Some(SkuKind::StorageRedundancy),
            _ => {
                self.other_sku_records += 1;
                self.other_sku_types.insert(resource_type.to_string());
                return;
            }
        };
        let mut regions: Vec<String> = strings(entry.locations.as_ref())
            .into_iter()
            .chain(array(&entry.location_info).iter().filter_map(|info| info.get("location").and_then(Value::as_str)))
            .filter_map(Location::new)
            .filter(|region| !region.is_global())
            .map(|region| region.as_str().to_string())
            .collect();
        regions.sort_unstable();
        regions.dedup();
        if regions.is_empty() {
            self.skip(location.to_string(), format!("SKU {name} ({resource_type}) names no location"));
            return;
        }
        self.skus += 1;
        if let Some(kind) = kind {
            for region in regions {
                let (sku, files) = facts.skus.entry((kind, region.clone())).or_default();
                sku.insert(norm_sku(kind, name));
                files.insert(self.name.clone());
                self.sku_regions.insert((kind, region));
            }
            return;
        }
        // A VM size: specs from its capabilities, zones and restrictions per location.
        let capability = |wanted: &str| {
            array(&entry.capabilities).iter().find_map(|capability| {
                let name = capability.get("name").and_then(Value::as_str)?;
                name.eq_ignore_ascii_case(wanted).then(|| capability.get("value").and_then(Value::as_str)).flatten()
            })
        };
        let vcpus = capability("vCPUs").and_then(|value| value.trim().parse::<u32>().ok());
        let memory = capability("MemoryGB").and_then(|value| Decimal::from_str(value.trim()).ok());
        let spot = capability("LowPriorityCapable").map(|value| value.trim().eq_ignore_ascii_case("true"));
        if let (Some(vcpus), Some(memory_gib)) = (vcpus, memory) {
            let family = as_str(&entry.family).unwrap_or("").to_string();
            facts
                .specs
                .insert(name.to_ascii_lowercase(), SizeSpec { name: name.to_string(), vcpus, memory_gib, family });
        }
        let mut restricted_regions: HashSet<String> = HashSet::new();
        let mut restricted_zones: HashMap<String, HashSet<String>> = HashMap::new();
        for restriction in array(&entry.restrictions) {
            let kind = restriction.get("type").and_then(Value::as_str).unwrap_or("");
            let info = restriction.get("restrictionInfo");
            let places: Vec<String> = strings(restriction.get("values"))
                .into_iter()
                .chain(strings(info.and_then(|info| info.get("locations"))))
                .filter_map(Location::new)
                .map(|region| region.as_str().to_string())
                .collect();
            if kind.eq_ignore_ascii_case("Location") {
                restricted_regions.extend(places);
            } else if kind.eq_ignore_ascii_case("Zone") {
                let zones = strings(info.and_then(|info| info.get("zones")));
                for place in places {
                    restricted_zones.entry(place).or_default().extend(zones.iter().map(|zone| zone.to_string()));
                }
            }
        }
        for region in regions {
            let info = array(&entry.location_info).iter().find(|info| {
                info.get("location")
                    .and_then(Value::as_str)
                    .and_then(Location::new)
                    .is_some_and(|location| location.as_str() == region)
            });
            let all_zones: Option<Vec<String>> = info.map(|info| {
                let mut zones: Vec<String> = strings(info.get("zones")).into_iter().map(str::to_string).collect();
                zones.sort_unstable();
                zones.dedup();
                zones
            });
            let usable = all_zones.as_ref().map(|zones| {
                let blocked = restricted_zones.get(&region);
                zones.iter().filter(|zone| blocked.is_none_or(|blocked| !blocked.contains(*zone))).cloned().collect()
            });
            if let Some(zones) = &all_zones {
                let (region_zones, files) = facts.zones.entry(region.clone()).or_default();
                region_zones.extend(zones.iter().cloned());
                region_zones.sort_unstable();
                region_zones.dedup();
                files.insert(self.name.clone());
            }
            let (sizes, files) = facts.sizes.entry(region.clone()).or_default();
            sizes.insert(
                name.to_ascii_lowercase(),
                SizeHere {
                    name: name.to_string(),
                    zones: usable,
                    restricted: restricted_regions.contains(&region),
                    spot,
                },
            );
            files.insert(self.name.clone());
            self.size_regions.insert(region);
        }
    }

    fn finish(mut self, facts: &UserFacts, snapshot_as_of: &str) -> Vec<Diagnostic> {
        if self.skipped > DETAILED {
            self.diagnostics.push(
                Diagnostic::warning(
                    "catalog.record-skipped",
                    format!("{} more records were skipped", self.skipped - DETAILED),
                )
                .in_file(&self.name),
            );
        }
        let name = self.name.clone();
        let mut info = |part: String, regions: Vec<&str>| {
            if regions.is_empty() {
                return;
            }
            self.diagnostics.push(
                Diagnostic::info(
                    "catalog.user-data",
                    format!(
                        "{part} for {} now come from {name}, which takes precedence over the snapshot of {snapshot_as_of} (its statements stay in the answers beside yours)",
                        region_list(&regions)
                    ),
                )
                .in_file(&name),
            );
        };
        info(
            "resource types (for the provider namespaces the file lists)".to_string(),
            self.type_regions.iter().map(String::as_str).collect(),
        );
        let zone_regions: Vec<&str> =
            self.size_regions.iter().map(String::as_str).filter(|region| facts.zones.contains_key(*region)).collect();
        info("VM sizes".to_string(), self.size_regions.iter().map(String::as_str).collect());
        info("availability zones".to_string(), zone_regions);
        for kind in SkuKind::ALL {
            let regions: Vec<&str> =
                self.sku_regions.iter().filter(|(k, _)| *k == kind).map(|(_, region)| region.as_str()).collect();
            info(kind.label().to_string(), regions);
        }
        if self.other_sku_records > 0 {
            let types: Vec<&str> = self.other_sku_types.iter().map(String::as_str).collect();
            self.diagnostics.push(
                Diagnostic::info(
                    "catalog.records-ignored",
                    format!(
                        "{} SKU records of resource types the catalog does not use ({}) were ignored",
                        self.other_sku_records,
                        types.join(", ")
                    ),
                )
                .in_file(&self.name),
            );
        }
        self.diagnostics
    }
}

fn region_list(regions: &[&str]) -> String {
    const SHOWN: usize = 10;
    let mut text = regions.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
    if regions.len() > SHOWN {
        text.push_str(&format!(" and {} more regions", regions.len() - SHOWN));
    }
    text
}

fn as_str(value: &Option<Value>) -> Option<&str> {
    value.as_ref().and_then(Value::as_str)
}

fn array(value: &Option<Value>) -> &[Value] {
    value.as_ref().and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// The strings of a JSON array (other items are ignored).
fn strings(value: Option<&Value>) -> Vec<&str> {
    value.and_then(Value::as_array).map_or_else(Vec::new, |items| items.iter().filter_map(Value::as_str).collect())
}

/// One record of either command's output. Every field is optional and of any JSON kind;
/// fields the catalog does not use are skipped without being kept.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Entry {
    namespace: Option<Value>,
    resource_types: Option<Value>,
    resource_type: Option<Value>,
    name: Option<Value>,
    family: Option<Value>,
    locations: Option<Value>,
    location_info: Option<Value>,
    capabilities: Option<Value>,
    restrictions: Option<Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum MaybeEntry {
    Entry(Box<Entry>),
    Other(#[allow(dead_code)] IgnoredAny),
}

struct Top {
    entries: Vec<MaybeEntry>,
    more_pages: bool,
}

enum Problem {
    /// The file cannot be read at all (encoding, size, not JSON).
    Unusable(String),
    /// JSON, but not a shape the catalog reads; says what was found.
    Shape(String),
}

fn parse(bytes: &[u8]) -> Result<Top, Problem> {
    if bytes.is_empty() {
        return Err(Problem::Unusable("the file is empty".to_string()));
    }
    let (text, _) =
        text::decode(bytes, DEFAULT_MAX_FILE_BYTES).map_err(|error| Problem::Unusable(error.to_string()))?;
    let text: Cow<'_, str> = text;
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        return Err(Problem::Unusable("the file is empty".to_string()));
    }
    let json_error = |error: serde_json::Error| match error.classify() {
        serde_json::error::Category::Data => {
            Problem::Shape(format!("JSON of another shape ({})", strip_position(&error.to_string())))
        }
        _ => Problem::Unusable(format!(
            "not valid JSON at line {}, column {}: {}",
            error.line(),
            error.column(),
            strip_position(&error.to_string())
        )),
    };
    if trimmed.starts_with('[') {
        let entries: Vec<MaybeEntry> = serde_json::from_str(trimmed).map_err(json_error)?;
        return Ok(Top { entries, more_pages: false });
    }
    if trimmed.starts_with('{') {
        let object: ObjectTop = serde_json::from_str(trimmed).map_err(json_error)?;
        if let Some(entries) = object.value {
            return Ok(Top { entries, more_pages: object.next_link });
        }
        if object.single.namespace.is_some() || object.single.resource_type.is_some() {
            return Ok(Top { entries: vec![MaybeEntry::Entry(Box::new(object.single))], more_pages: false });
        }
        let keys: Vec<&str> = object.keys.iter().take(8).map(String::as_str).collect();
        return Err(Problem::Shape(if keys.is_empty() {
            "an empty JSON object".to_string()
        } else {
            format!("a JSON object with the keys {}", keys.join(", "))
        }));
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(value) => Err(Problem::Shape(format!("a lone JSON {}", scalar_kind(&value)))),
        Err(_) => {
            let first_line: String = trimmed.lines().next().unwrap_or("").chars().take(60).collect();
            Err(Problem::Shape(format!(
                "text that is not JSON (it begins {first_line:?}; table or TSV output cannot be read)"
            )))
        }
    }
}

fn scalar_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn strip_position(text: &str) -> String {
    match text.rfind(" at line ") {
        Some(cut) => text.get(..cut).unwrap_or(text).to_string(),
        None => text.to_string(),
    }
}

/// A top-level object: `{"value": [...], "nextLink"}` or one provider / SKU object.
/// Read key by key so the big `value` array is never buffered twice.
struct ObjectTop {
    value: Option<Vec<MaybeEntry>>,
    next_link: bool,
    single: Entry,
    keys: Vec<String>,
}

impl<'de> Deserialize<'de> for ObjectTop {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ObjectTop, D::Error> {
        struct TopVisitor;
        impl<'de> Visitor<'de> for TopVisitor {
            type Value = ObjectTop;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ObjectTop, A::Error> {
                let mut top = ObjectTop { value: None, next_link: false, single: Entry::default(), keys: Vec::new() };
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "value" => top.value = Some(map.next_value()?),
                        "nextLink" => {
                            let link: Value = map.next_value()?;
                            top.next_link = link.as_str().is_some_and(|link| !link.is_empty());
                        }
                        "namespace" => top.single.namespace = Some(map.next_value()?),
                        "resourceTypes" => top.single.resource_types = Some(map.next_value()?),
                        "resourceType" => top.single.resource_type = Some(map.next_value()?),
                        "name" => top.single.name = Some(map.next_value()?),
                        "family" => top.single.family = Some(map.next_value()?),
                        "locations" => top.single.locations = Some(map.next_value()?),
                        "locationInfo" => top.single.location_info = Some(map.next_value()?),
                        "capabilities" => top.single.capabilities = Some(map.next_value()?),
                        "restrictions" => top.single.restrictions = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            top.keys.push(key);
                        }
                    }
                }
                Ok(top)
            }
        }
        deserializer.deserialize_map(TopVisitor)
    }
}
