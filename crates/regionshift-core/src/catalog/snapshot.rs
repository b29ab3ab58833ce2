//! The embedded snapshot: the files in `data/catalog/`, parsed once into answers.
//!
//! Every fact names its source, an id of `sources.json` (kind, URL, date, strength). Each
//! file carries `_meta` with `as_of` and a `schema` saying how to read it. Region lists
//! may name the groups `china` and `global` (declared in `_meta.groups`). Answers about
//! resource types, kinds and SKUs are decided here, once, by precedence
//! ([`Answer::decide`]); the user's files are added at lookup time.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::str::FromStr;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::evidence::{Answer, DateIs, Says, Source, SourceKind, Statement, Strength};
use super::retirements::Retirement;
use super::{norm_sku, Offer, Provenance, RegionNotice, SizeHere, SizeSpec, SkuKind, UnavailableService};
use crate::azure::ResourceType;
use crate::units::Date;

use crate::data::{self, DataFile};

/// The snapshot's files, by name, for the tests.
#[cfg(test)]
pub(super) fn files() -> Vec<(&'static str, &'static str)> {
    DataFile::ALL.iter().filter_map(|file| Some((file.path().strip_prefix("catalog/")?, data::text(*file)))).collect()
}

#[derive(Deserialize, Clone, Debug, Default)]
pub(super) struct Meta {
    pub as_of: String,
    /// How to read the file: checked to be there by the tests.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub schema: String,
    #[serde(default)]
    pub groups: HashMap<String, Vec<String>>,
}

impl Meta {
    /// Expands group names into their regions.
    fn expand<'a>(&'a self, names: &'a [String]) -> impl Iterator<Item = &'a str> + 'a {
        names.iter().flat_map(move |name| match self.groups.get(name) {
            Some(regions) => regions.iter().map(String::as_str).collect::<Vec<_>>(),
            None => vec![name.as_str()],
        })
    }
}

/// One source's statement about named regions, as the data files write it.
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct RawStatement {
    source: String,
    #[serde(default)]
    offered: Vec<String>,
    #[serde(default)]
    not_offered: Vec<String>,
    #[serde(default)]
    unlisted: Vec<String>,
    #[serde(default)]
    in_cloud: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

/// Statements per region, built from raw statements.
#[derive(Debug, Default, Clone)]
struct ByRegion(BTreeMap<String, Vec<Statement>>);

impl ByRegion {
    fn add(&mut self, meta: &Meta, sources: &Sources, raw: &RawStatement) {
        let Some(source) = sources.get(&raw.source) else { return };
        let detail: Option<Arc<str>> = raw.note.as_deref().map(Arc::from);
        for (names, says) in [
            (&raw.offered, Says::Offered),
            (&raw.not_offered, Says::NotOffered),
            (&raw.unlisted, Says::Unlisted),
            (&raw.in_cloud, Says::InCloud),
        ] {
            for region in meta.expand(names) {
                let statement = Statement::new(source.clone(), says, detail.clone());
                self.0.entry(region.to_string()).or_default().push(statement);
            }
        }
    }

    fn answers(&self) -> HashMap<String, Arc<Answer>> {
        self.0
            .iter()
            .map(|(region, statements)| (region.clone(), Arc::new(Answer::decide(statements.clone()))))
            .collect()
    }
}

/// The source registry.
pub(super) type Sources = HashMap<String, Arc<Source>>;

/// What the snapshot says about one resource type.
#[derive(Debug, Default)]
pub(super) struct TypeFacts {
    /// The display spelling.
    pub name: String,
    pub service: String,
    /// Decided answers per region, with the fallback to `partOf` or the parent type.
    pub answers: HashMap<String, Arc<Answer>>,
    /// The index of the type's API version set (global regions only).
    pub api: Option<usize>,
}

/// The kinds of one type.
#[derive(Debug, Default)]
pub(super) struct KindTable {
    pub required: bool,
    pub kinds: Vec<KindFacts>,
}

/// One kind: its words (lowercased, sorted), its service and its answers per region.
#[derive(Debug)]
pub(super) struct KindFacts {
    pub words: Vec<String>,
    pub service: String,
    pub answers: HashMap<String, Arc<Answer>>,
}

/// One region's VM size list and where it comes from.
#[derive(Debug)]
pub(super) struct RegionSizes {
    pub sizes: HashMap<String, SizeHere>,
    pub offered: Arc<Answer>,
    pub not_offered: Arc<Answer>,
}

/// One region's zones and where they come from.
#[derive(Debug)]
pub(super) struct RegionZones {
    pub zones: Vec<String>,
    pub source: Arc<Source>,
}

/// The parsed snapshot. Shared by every [`super::Catalog`] through an `Arc`.
#[derive(Debug, Default)]
pub(super) struct Snapshot {
    pub as_of: String,
    pub sources: Sources,
    pub types_provenance: Option<Provenance>,
    pub api_sets: Vec<Vec<String>>,
    pub types: HashMap<String, TypeFacts>,
    /// Regions the type statements name.
    pub type_regions: BTreeSet<String>,
    pub kinds: HashMap<String, KindTable>,
    pub sizes_provenance: Option<Provenance>,
    pub specs: HashMap<String, SizeSpec>,
    pub sizes: HashMap<String, RegionSizes>,
    pub zones_provenance: Option<Provenance>,
    pub zones: HashMap<String, RegionZones>,
    pub skus_provenance: Option<Provenance>,
    /// (kind, region) → normalised SKU name → answer.
    pub skus: HashMap<(SkuKind, String), HashMap<String, Arc<Answer>>>,
    pub unavailable: Vec<UnavailableService>,
    pub restricted: Vec<RegionNotice>,
    pub retirements: Vec<Retirement>,
    pub retirements_as_of: Option<Date>,
}

#[derive(Deserialize)]
struct SourcesFile {
    sources: BTreeMap<String, RawSource>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawSource {
    kind: String,
    url: String,
    date: String,
    date_is: String,
    strength: String,
    #[serde(default)]
    note: String,
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
    service: String,
    #[serde(default)]
    part_of: Option<String>,
    #[serde(default)]
    part_of_note: Option<String>,
    #[serde(default)]
    api: Option<String>,
    statements: Vec<RawStatement>,
}

#[derive(Deserialize)]
struct KindsFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    types: Vec<KindsType>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct KindsType {
    #[serde(rename = "type")]
    resource_type: String,
    #[serde(default)]
    kind_required: bool,
    kinds: Vec<KindEntry>,
}

#[derive(Deserialize)]
struct KindEntry {
    kind: String,
    #[serde(default)]
    service: String,
    statements: Vec<RawStatement>,
}

#[derive(Deserialize)]
struct SizesFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    /// Name → [vCPUs, memory GiB, family].
    specs: HashMap<String, (u32, serde_json::Number, String)>,
    regions: HashMap<String, SizesRegion>,
}

#[derive(Deserialize)]
struct SizesRegion {
    source: String,
    #[serde(default)]
    note: Option<String>,
    sizes: Vec<String>,
}

#[derive(Deserialize)]
struct ZonesFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    zones: HashMap<String, ZonesRegion>,
}

#[derive(Deserialize)]
struct ZonesRegion {
    zones: Vec<String>,
    source: String,
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
    source: String,
    regions: Vec<String>,
    #[serde(default)]
    offered: Vec<String>,
    #[serde(default)]
    not_offered: Vec<String>,
    #[serde(default)]
    unlisted: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
struct UnavailableFile {
    services: Vec<UnavailableService>,
}

#[derive(Deserialize)]
struct RestrictedFile {
    regions: Vec<RawNotice>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawNotice {
    region: String,
    #[serde(rename = "displayName")]
    display_name: String,
    status: String,
    restriction: String,
    #[serde(default)]
    how_to_request_access: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    confirmed: Option<bool>,
    #[serde(default)]
    alternative: Option<String>,
    sources: Vec<String>,
}

#[derive(Deserialize)]
struct RetirementsFile {
    #[serde(rename = "_meta")]
    meta: Meta,
    retirements: Vec<super::retirements::RawRetirement>,
}

/// A summary of which kinds of source a part rests on (`documentation, price pages`).
fn kinds_summary<'a>(statements: impl Iterator<Item = &'a Statement>) -> String {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for statement in statements {
        *counts.entry(statement.source.kind.label()).or_default() += 1;
    }
    let parts: Vec<String> = counts.into_iter().map(|(kind, n)| format!("{kind} ({n})")).collect();
    format!("data/catalog (sources.json): {}", parts.join(", "))
}

fn parse_sources(text: &str) -> Sources {
    let Ok(file) = serde_json::from_str::<SourcesFile>(text) else { return Sources::new() };
    file.sources
        .into_iter()
        .filter_map(|(id, raw)| {
            let kind = SourceKind::from_data_name(&raw.kind)?;
            let strength = Strength::from_data_name(&raw.strength)?;
            let date_is = match raw.date_is.as_str() {
                "published" => DateIs::Published,
                "captured" => DateIs::Captured,
                "retrieved" => DateIs::Retrieved,
                _ => return None,
            };
            let source = Source {
                id: id.clone(),
                kind,
                url: Some(raw.url),
                file: None,
                date: Some(raw.date),
                date_is: Some(date_is),
                strength,
                note: raw.note,
            };
            Some((id, Arc::new(source)))
        })
        .collect()
}

/// Parses every embedded file. A file that does not parse leaves its part empty (every
/// answer Unknown); the tests make sure that never ships.
pub(super) fn parse() -> Snapshot {
    let mut snapshot = Snapshot { sources: parse_sources(data::text(DataFile::CatalogSources)), ..Snapshot::default() };
    let mut dates: Vec<String> = Vec::new();
    parse_types(&mut snapshot, &mut dates);
    parse_kinds(&mut snapshot, &mut dates);
    parse_sizes(&mut snapshot, &mut dates);
    if let Ok(file) = serde_json::from_str::<ZonesFile>(data::text(DataFile::CatalogZones)) {
        dates.push(file.meta.as_of.clone());
        let mut used = Vec::new();
        for (region, entry) in file.zones {
            let Some(source) = snapshot.sources.get(&entry.source).cloned() else { continue };
            used.push(Statement::new(source.clone(), Says::Offered, None));
            snapshot.zones.insert(region, RegionZones { zones: entry.zones, source });
        }
        snapshot.zones_provenance =
            Some(Provenance::Snapshot { as_of: file.meta.as_of, source: kinds_summary(used.iter()) });
    }
    // A size in a region without zones has no zones; elsewhere per-size zones are unknown.
    for (region, sizes) in snapshot.sizes.iter_mut() {
        if snapshot.zones.get(region).is_some_and(|z| z.zones.is_empty()) {
            for size in sizes.sizes.values_mut() {
                size.zones = Some(Vec::new());
            }
        }
    }
    parse_skus(&mut snapshot, &mut dates);
    if let Ok(file) = serde_json::from_str::<UnavailableFile>(data::text(DataFile::CatalogUnavailable)) {
        snapshot.unavailable = file.services;
    }
    if let Ok(file) = serde_json::from_str::<RestrictedFile>(data::text(DataFile::CatalogRestricted)) {
        snapshot.restricted = file
            .regions
            .into_iter()
            .map(|raw| RegionNotice {
                region: raw.region,
                display_name: raw.display_name,
                access_restricted: raw.status == "accessRestricted",
                restriction: raw.restriction,
                how_to_request_access: raw.how_to_request_access,
                date: raw.date,
                confirmed: raw.confirmed.unwrap_or(true),
                alternative: raw.alternative,
                sources: raw.sources.iter().filter_map(|id| snapshot.sources.get(id).cloned()).collect(),
            })
            .collect();
    }
    if let Ok(file) = serde_json::from_str::<RetirementsFile>(data::text(DataFile::CatalogRetirements)) {
        snapshot.retirements_as_of = Date::from_str(&file.meta.as_of).ok();
        snapshot.retirements =
            file.retirements.into_iter().filter_map(|raw| Retirement::new(raw, &snapshot.sources)).collect();
    }
    // The catalog's age is that of its oldest part.
    snapshot.as_of = dates.into_iter().min().unwrap_or_default();
    snapshot
}

fn parse_types(snapshot: &mut Snapshot, dates: &mut Vec<String>) {
    let Ok(file) = serde_json::from_str::<TypesFile>(data::text(DataFile::CatalogResourceTypes)) else { return };
    dates.push(file.meta.as_of.clone());
    let mut set_index: HashMap<String, usize> = HashMap::new();
    for (name, versions) in file.api_versions {
        set_index.insert(name, snapshot.api_sets.len());
        snapshot.api_sets.push(versions);
    }
    let mut part_of: HashMap<String, (String, Option<String>)> = HashMap::new();
    let mut all = Vec::new();
    for entry in &file.types {
        let key = entry.resource_type.to_ascii_lowercase();
        let mut by_region = ByRegion::default();
        for raw in &entry.statements {
            by_region.add(&file.meta, &snapshot.sources, raw);
        }
        all.extend(by_region.0.values().flatten().cloned());
        snapshot.type_regions.extend(by_region.0.keys().cloned());
        if let Some(parent) = &entry.part_of {
            part_of.insert(key.clone(), (parent.to_ascii_lowercase(), entry.part_of_note.clone()));
        }
        let facts = TypeFacts {
            name: entry.resource_type.clone(),
            service: entry.service.clone(),
            answers: by_region.answers(),
            api: entry.api.as_ref().and_then(|name| set_index.get(name).copied()),
        };
        snapshot.types.insert(key, facts);
    }
    // A region no statement of a type decides takes the answer of the product the type is
    // part of, else of its parent type: resolved once here, in an order that resolves
    // the product or parent first.
    let keys: Vec<String> = snapshot.types.keys().cloned().collect();
    let regions: Vec<String> = snapshot.type_regions.iter().cloned().collect();
    let mut resolved: HashMap<(String, String), Arc<Answer>> = HashMap::new();
    for key in &keys {
        for region in &regions {
            resolve_type(snapshot, &part_of, key, region, &mut resolved, 0);
        }
    }
    for ((key, region), answer) in resolved {
        if let Some(facts) = snapshot.types.get_mut(&key) {
            facts.answers.insert(region, answer);
        }
    }
    snapshot.types_provenance =
        Some(Provenance::Snapshot { as_of: file.meta.as_of, source: kinds_summary(all.iter()) });
}

fn resolve_type(
    snapshot: &Snapshot,
    part_of: &HashMap<String, (String, Option<String>)>,
    key: &str,
    region: &str,
    resolved: &mut HashMap<(String, String), Arc<Answer>>,
    depth: usize,
) -> Option<Arc<Answer>> {
    if let Some(answer) = resolved.get(&(key.to_string(), region.to_string())) {
        return Some(answer.clone());
    }
    let own = snapshot.types.get(key).and_then(|facts| facts.answers.get(region).cloned());
    if own.as_ref().is_some_and(|answer| answer.offer != Offer::Unknown) || depth > 8 {
        return own;
    }
    let (fallback, note) = match part_of.get(key) {
        Some((product, note)) => (Some(product.clone()), note.clone()),
        None => (parent_with_facts(snapshot, key), None),
    };
    let answer =
        match fallback.and_then(|next| {
            let answer = resolve_type(snapshot, part_of, &next, region, resolved, depth + 1)?;
            (answer.offer != Offer::Unknown).then_some((next, answer))
        }) {
            Some((next, answer)) => {
                let name = snapshot.types.get(&next).map_or(next.clone(), |facts| facts.name.clone());
                let mut combined = (*answer).clone();
                let mut statements = own.as_ref().map(|own| own.statements.clone()).unwrap_or_default();
                let offset = statements.len();
                statements.append(&mut combined.statements);
                combined.statements = statements;
                combined.decided_by = combined.decided_by.map(|i| i + offset);
                let how = note.unwrap_or_else(|| "a child of".to_string());
                Arc::new(combined.with_note(format!(
                    "no source speaks of the type itself here; {how} {name}, whose answer it takes"
                )))
            }
            None => own.unwrap_or_else(|| Arc::new(Answer::unknown())),
        };
    resolved.insert((key.to_string(), region.to_string()), answer.clone());
    Some(answer)
}

/// The nearest ancestor type the snapshot has facts for.
fn parent_with_facts(snapshot: &Snapshot, key: &str) -> Option<String> {
    let mut current = ResourceType::new(key).parent();
    while let Some(candidate) = current {
        if snapshot.types.contains_key(candidate.key()) {
            return Some(candidate.key().to_string());
        }
        current = candidate.parent();
    }
    None
}

fn parse_kinds(snapshot: &mut Snapshot, dates: &mut Vec<String>) {
    let Ok(file) = serde_json::from_str::<KindsFile>(data::text(DataFile::CatalogKinds)) else { return };
    dates.push(file.meta.as_of.clone());
    for entry in file.types {
        let mut table = KindTable { required: entry.kind_required, kinds: Vec::new() };
        for kind in entry.kinds {
            let mut by_region = ByRegion::default();
            for raw in &kind.statements {
                by_region.add(&file.meta, &snapshot.sources, raw);
            }
            let service = if kind.service.is_empty() { kind.kind.clone() } else { kind.service };
            table.kinds.push(KindFacts { words: kind_words(&kind.kind), service, answers: by_region.answers() });
        }
        snapshot.kinds.insert(entry.resource_type.to_ascii_lowercase(), table);
    }
}

/// A kind as a sorted list of lowercased words (`linux,app` → `[app, linux]`).
pub(super) fn kind_words(kind: &str) -> Vec<String> {
    let mut words: Vec<String> =
        kind.split(',').map(|w| w.trim().to_ascii_lowercase()).filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn parse_sizes(snapshot: &mut Snapshot, dates: &mut Vec<String>) {
    let Ok(file) = serde_json::from_str::<SizesFile>(data::text(DataFile::CatalogVmSizes)) else { return };
    dates.push(file.meta.as_of.clone());
    for (name, (vcpus, memory, family)) in file.specs {
        let Ok(memory_gib) = Decimal::from_str(&memory.to_string()) else { continue };
        snapshot.specs.insert(name.to_ascii_lowercase(), SizeSpec { name, vcpus, memory_gib, family });
    }
    let mut used = Vec::new();
    for (region, list) in file.regions {
        let Some(source) = snapshot.sources.get(&list.source).cloned() else { continue };
        let detail: Option<Arc<str>> = list.note.as_deref().map(Arc::from);
        let offered = Statement::new(source.clone(), Says::Offered, detail.clone());
        let not_offered = Statement::new(source, Says::NotOffered, detail);
        used.push(offered.clone());
        let sizes = list
            .sizes
            .into_iter()
            .map(|name| (name.to_ascii_lowercase(), SizeHere { name, zones: None, restricted: false, spot: None }))
            .collect();
        snapshot.sizes.insert(
            region,
            RegionSizes {
                sizes,
                offered: Arc::new(Answer::decide(vec![offered])),
                not_offered: Arc::new(Answer::decide(vec![not_offered])),
            },
        );
    }
    snapshot.sizes_provenance =
        Some(Provenance::Snapshot { as_of: file.meta.as_of, source: kinds_summary(used.iter()) });
}

fn parse_skus(snapshot: &mut Snapshot, dates: &mut Vec<String>) {
    let Ok(file) = serde_json::from_str::<SkusFile>(data::text(DataFile::CatalogSkus)) else { return };
    dates.push(file.meta.as_of.clone());
    let mut statements: HashMap<(SkuKind, String), BTreeMap<String, Vec<Statement>>> = HashMap::new();
    let mut used = Vec::new();
    for (kind_name, list) in &file.kinds {
        let Some(kind) = SkuKind::from_data_name(kind_name) else { continue };
        for raw in list {
            let Some(source) = snapshot.sources.get(&raw.source).cloned() else { continue };
            let detail: Option<Arc<str>> = raw.note.as_deref().map(Arc::from);
            for region in file.meta.expand(&raw.regions) {
                let names = statements.entry((kind, region.to_string())).or_default();
                for (list, says) in [
                    (&raw.offered, Says::Offered),
                    (&raw.not_offered, Says::NotOffered),
                    (&raw.unlisted, Says::Unlisted),
                ] {
                    for name in list {
                        let statement = Statement::new(source.clone(), says, detail.clone());
                        used.push(statement.clone());
                        names.entry(norm_sku(kind, name)).or_default().push(statement);
                    }
                }
            }
        }
    }
    for (key, names) in statements {
        let answers = names.into_iter().map(|(name, list)| (name, Arc::new(Answer::decide(list)))).collect();
        snapshot.skus.insert(key, answers);
    }
    snapshot.skus_provenance =
        Some(Provenance::Snapshot { as_of: file.meta.as_of, source: kinds_summary(used.iter()) });
}

/// Reads `_meta.as_of` and `_meta.schema` of an embedded file (for the tests).
#[cfg(test)]
pub(super) fn meta_of(text: &str) -> Option<Meta> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    serde_json::from_value(value.get("_meta")?.clone()).ok()
}
