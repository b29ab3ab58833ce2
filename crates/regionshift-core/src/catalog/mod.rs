//! The region catalog: what each target region offers (resource types and API versions,
//! VM sizes, availability zones, SKUs) and which services Azure China lacks.
//!
//! The facts come from a dated snapshot embedded from `data/catalog/` (see
//! [`Catalog::embedded`]). A user can replace the snapshot for the regions their own
//! exports cover by loading `az provider list` and `az vm list-skus` (or Resource SKUs
//! API) output with [`Catalog::load_user_files`]; [`Catalog::parts`] then says which
//! part of the catalog comes from whom.
//!
//! Every answer is three-valued ([`Offer`]): the catalog says a thing is offered, says it
//! is not, or has no facts (`Unknown`). Names of sizes, types and SKUs compare ignoring
//! case. The module is pure: no IO, no clock.

mod snapshot;
#[cfg(test)]
mod tests;
mod user;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceType};
use crate::diagnostics::Diagnostic;
use crate::input::InputFile;
use snapshot::Snapshot;

/// Where a part of the catalog comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Provenance {
    /// The embedded snapshot: the date its facts were current and where they came from.
    Snapshot { as_of: String, source: String },
    /// Files the user loaded (names joined with ", " when several cover the part).
    User { file: String },
}

/// What the catalog says about a thing in a region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Offer {
    Offered,
    NotOffered,
    /// The catalog has no facts for that region or part.
    Unknown,
}

/// A VM size: its specs and, when it comes from a region's list, its zones and
/// restriction there.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VmSize {
    pub name: String,
    pub vcpus: u32,
    pub memory_gib: Decimal,
    /// The ARM family (`standardDSv3Family`), empty when not known.
    pub family: String,
    /// The zones the size can be deployed to in the region: `Some(empty)` where the
    /// region has no zones, `None` when unknown (and always `None` from
    /// [`Catalog::vm_size_spec`], which is not about a region).
    pub zones: Option<Vec<String>>,
    /// The user's `az vm list-skus` says the size is restricted for their subscription in
    /// the region (`NotAvailableForSubscription`). The size is still offered there.
    pub restricted: bool,
}

/// The SKU families the catalog knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkuKind {
    /// `Standard_LRS`, `StandardSSD_LRS`, `Premium_LRS`, `StandardSSD_ZRS`, `Premium_ZRS`,
    /// `PremiumV2_LRS`, `UltraSSD_LRS`.
    ManagedDisk,
    /// `LRS`, `ZRS`, `GRS`, `RA-GRS`, `GZRS`, `RA-GZRS`; storage SKU names such as
    /// `Standard_RAGZRS` are accepted too.
    StorageRedundancy,
    /// Blob access tiers: `Hot`, `Cool`, `Cold`, `Archive`.
    StorageAccessTier,
    /// SQL Database editions (`Basic`, `Standard`, `Premium`, `GeneralPurpose`, ...) and
    /// service objectives (`S0`, `P1`, `GP_Gen5`, `GP_Gen5_2`, `GP_S_Gen5`, `HS_Gen5`, ...).
    SqlDatabase,
    /// App Service plan SKUs on Windows (or whatever the OS): `F1`, `B1`, `S1`, `P1v2`,
    /// `P0v3`, `I1v2`, `Y1`, `EP1`, ...
    AppServicePlan,
    /// App Service plan SKUs for Linux plans (Azure China offers fewer of them).
    AppServicePlanLinux,
    /// Redis tiers (`Basic`, `Standard`, `Premium`, `Enterprise`, `EnterpriseFlash`),
    /// sizes (`C0`..`C6`, `P1`..`P5`) and Enterprise SKUs (`Enterprise_E10`). A name of
    /// several words (`Premium P1`) is offered when every word is.
    Redis,
    /// `standard`, `premium`, and Managed HSM SKUs (`Standard_B1`).
    KeyVault,
    /// `Standard_v2`, `WAF_v2`, `Basic`; the retired v1 SKUs are not offered.
    ApplicationGateway,
    /// Azure Firewall tiers `Basic`, `Standard`, `Premium`, and SKU names `AZFW_VNet`,
    /// `AZFW_Hub`.
    Firewall,
    /// Cosmos DB capabilities (`EnableServerless`, `EnableCassandra`, ...) and the account
    /// features `EnableMultipleWriteLocations` and `EnableAnalyticalStorage`.
    CosmosCapability,
    /// Public IP SKUs: `Standard` (Basic retired on 2025-09-30).
    PublicIp,
    /// Load balancer SKUs: `Standard`, `Gateway` (Basic retired on 2025-09-30).
    LoadBalancer,
}

impl SkuKind {
    pub const ALL: [SkuKind; 13] = [
        SkuKind::ManagedDisk,
        SkuKind::StorageRedundancy,
        SkuKind::StorageAccessTier,
        SkuKind::SqlDatabase,
        SkuKind::AppServicePlan,
        SkuKind::AppServicePlanLinux,
        SkuKind::Redis,
        SkuKind::KeyVault,
        SkuKind::ApplicationGateway,
        SkuKind::Firewall,
        SkuKind::CosmosCapability,
        SkuKind::PublicIp,
        SkuKind::LoadBalancer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SkuKind::ManagedDisk => "managed disk SKUs",
            SkuKind::StorageRedundancy => "storage redundancy",
            SkuKind::StorageAccessTier => "blob access tiers",
            SkuKind::SqlDatabase => "SQL Database editions and service objectives",
            SkuKind::AppServicePlan => "App Service plan SKUs",
            SkuKind::AppServicePlanLinux => "App Service plan SKUs (Linux)",
            SkuKind::Redis => "Redis tiers",
            SkuKind::KeyVault => "Key Vault SKUs",
            SkuKind::ApplicationGateway => "Application Gateway SKUs",
            SkuKind::Firewall => "Azure Firewall SKUs",
            SkuKind::CosmosCapability => "Cosmos DB capabilities",
            SkuKind::PublicIp => "public IP SKUs",
            SkuKind::LoadBalancer => "load balancer SKUs",
        }
    }

    /// The key of the kind in `data/catalog/skus.json`.
    fn from_data_name(name: &str) -> Option<SkuKind> {
        Some(match name {
            "managedDisk" => SkuKind::ManagedDisk,
            "storageRedundancy" => SkuKind::StorageRedundancy,
            "storageAccessTier" => SkuKind::StorageAccessTier,
            "sqlDatabase" => SkuKind::SqlDatabase,
            "appServicePlan" => SkuKind::AppServicePlan,
            "appServicePlanLinux" => SkuKind::AppServicePlanLinux,
            "redis" => SkuKind::Redis,
            "keyVault" => SkuKind::KeyVault,
            "applicationGateway" => SkuKind::ApplicationGateway,
            "firewall" => SkuKind::Firewall,
            "cosmosCapability" => SkuKind::CosmosCapability,
            "publicIp" => SkuKind::PublicIp,
            "loadBalancer" => SkuKind::LoadBalancer,
            _ => return None,
        })
    }
}

/// One part of the catalog for one region, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CatalogPart {
    /// `resource types`, `VM sizes`, `zones` or `SKUs`.
    pub part: &'static str,
    pub region: Option<String>,
    pub provenance: Provenance,
    /// Which SKU kinds the entry covers when the user replaced only some of them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A service Azure China does not offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnavailableService {
    pub service: String,
    pub alternative: Option<String>,
    pub doc: Option<String>,
}

/// The specs of a size.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SizeSpec {
    pub name: String,
    pub vcpus: u32,
    pub memory_gib: Decimal,
    pub family: String,
}

impl SizeSpec {
    /// The public view of these specs for a size as named in a region.
    fn vm_size(&self, name: &str, zones: Option<Vec<String>>, restricted: bool) -> VmSize {
        VmSize {
            name: name.to_string(),
            vcpus: self.vcpus,
            memory_gib: self.memory_gib,
            family: self.family.clone(),
            zones,
            restricted,
        }
    }
}

/// A size as offered in one region.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SizeHere {
    pub name: String,
    pub zones: Option<Vec<String>>,
    pub restricted: bool,
}

/// SKU names (normalised with [`norm_sku`]) stated offered or not offered in a region.
#[derive(Clone, Debug, Default)]
pub(crate) struct SkuFacts {
    pub offered: HashSet<String>,
    pub not_offered: HashSet<String>,
    /// The facts list every SKU of the kind in the region, so other names are not offered
    /// (true for a user's `az vm list-skus` output).
    pub complete: bool,
}

/// The catalog: the embedded snapshot (shared, immutable) plus what the user loaded.
///
/// Cloning is cheap: the snapshot is behind an `Arc`, and user data is usually small.
#[derive(Clone, Debug)]
pub struct Catalog {
    snapshot: Arc<Snapshot>,
    user: user::UserFacts,
}

impl Catalog {
    /// The embedded snapshot. The files are parsed once per process (a `OnceLock`); each
    /// call returns a new `Catalog` sharing that parse, with no user data.
    pub fn embedded() -> Catalog {
        static SNAPSHOT: OnceLock<Arc<Snapshot>> = OnceLock::new();
        let snapshot = SNAPSHOT.get_or_init(|| Arc::new(snapshot::parse())).clone();
        Catalog { snapshot, user: user::UserFacts::default() }
    }

    /// Loads `az provider list` and `az vm list-skus` / Resource SKUs API output. The
    /// facts replace the snapshot for the regions they cover: resource types per region
    /// and provider namespace, VM sizes and zones per region, managed disk SKUs and
    /// storage redundancy per region. Unusable files and records are diagnostics; nothing
    /// panics.
    pub fn load_user_files(&mut self, files: &[InputFile]) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        for file in files {
            diagnostics.extend(self.user.load(file, &self.snapshot.as_of));
        }
        diagnostics
    }

    /// The date of the snapshot: the oldest `as_of` among the embedded files.
    pub fn as_of(&self) -> &str {
        &self.snapshot.as_of
    }

    /// For every region and part, where its facts come from. Regions are sorted by name.
    pub fn parts(&self) -> Vec<CatalogPart> {
        let snapshot = &self.snapshot;
        let mut regions: BTreeSet<&str> = BTreeSet::new();
        regions.extend(snapshot.types.keys().map(String::as_str));
        regions.extend(snapshot.sizes.keys().map(String::as_str));
        regions.extend(snapshot.zones.keys().map(String::as_str));
        regions.extend(snapshot.skus.keys().map(|(_, region)| region.as_str()));
        regions.extend(self.user.regions());
        let mut parts = Vec::new();
        for region in regions {
            let mut push = |part: &'static str, provenance: Option<Provenance>, detail: Option<String>| {
                if let Some(provenance) = provenance {
                    parts.push(CatalogPart { part, region: Some(region.to_string()), provenance, detail });
                }
            };
            let types = match self.user.types_provenance(region) {
                Some(user) => Some(user),
                None => snapshot.types.contains_key(region).then(|| snapshot.types_provenance.clone()).flatten(),
            };
            let types_detail = self.user.types_provenance(region).map(|_| {
                "the provider namespaces the user's files list; other namespaces from the snapshot".to_string()
            });
            push("resource types", types, types_detail);
            let sizes = self
                .user
                .sizes_provenance(region)
                .or_else(|| snapshot.sizes.contains_key(region).then(|| snapshot.sizes_provenance.clone()).flatten());
            push("VM sizes", sizes, None);
            let zones = self
                .user
                .zones_provenance(region)
                .or_else(|| snapshot.zones.contains_key(region).then(|| snapshot.zones_provenance.clone()).flatten());
            push("zones", zones, None);
            let user_kinds = self.user.sku_kinds(region);
            if !user_kinds.is_empty() {
                let labels: Vec<&str> = user_kinds.iter().map(|(kind, _)| kind.label()).collect();
                let files: BTreeSet<&str> = user_kinds.iter().map(|(_, files)| files.as_str()).collect();
                let file = files.into_iter().collect::<Vec<_>>().join(", ");
                push("SKUs", Some(Provenance::User { file }), Some(labels.join(", ")));
            }
            let snapshot_kinds: Vec<SkuKind> = SkuKind::ALL
                .into_iter()
                .filter(|kind| snapshot.skus.contains_key(&(*kind, region.to_string())))
                .filter(|kind| !user_kinds.iter().any(|(user_kind, _)| user_kind == kind))
                .collect();
            if !snapshot_kinds.is_empty() {
                let detail = (!user_kinds.is_empty())
                    .then(|| snapshot_kinds.iter().map(|kind| kind.label()).collect::<Vec<_>>().join(", "));
                push("SKUs", snapshot.skus_provenance.clone(), detail);
            }
        }
        parts
    }

    /// Does the catalog hold any facts for the region?
    pub fn knows_region(&self, region: &Location) -> bool {
        let name = region.as_str();
        let snapshot = &self.snapshot;
        snapshot.types.contains_key(name)
            || snapshot.sizes.contains_key(name)
            || snapshot.zones.contains_key(name)
            || SkuKind::ALL.iter().any(|kind| snapshot.skus.contains_key(&(*kind, name.to_string())))
            || self.user.regions().any(|user| user == name)
    }

    /// Is the resource type offered in the region? A child type the facts do not name
    /// takes its parent's answer (`Microsoft.Network/virtualNetworks/subnets` follows
    /// `virtualNetworks`).
    pub fn resource_type(&self, region: &Location, resource_type: &ResourceType) -> Offer {
        if let Some(answer) = self.user.resource_type(region.as_str(), resource_type) {
            return answer.0;
        }
        match self.snapshot_type(region.as_str(), resource_type) {
            Some((offer, _)) => offer,
            None => Offer::Unknown,
        }
    }

    /// The API versions the region accepts for the type, `None` when unknown (the
    /// snapshot states them for global regions only; `az provider list` gives them for
    /// the cloud it was taken in).
    pub fn api_versions(&self, region: &Location, resource_type: &ResourceType) -> Option<&[String]> {
        if let Some((offer, set)) = self.user.resource_type(region.as_str(), resource_type) {
            return match offer {
                Offer::Offered => set.and_then(|index| self.user.api_sets.get(index)).map(Vec::as_slice),
                _ => None,
            };
        }
        match self.snapshot_type(region.as_str(), resource_type)? {
            (Offer::Offered, Some(index)) => self.snapshot.api_sets.get(index).map(Vec::as_slice),
            _ => None,
        }
    }

    fn snapshot_type(&self, region: &str, resource_type: &ResourceType) -> Option<(Offer, Option<usize>)> {
        let facts = self.snapshot.types.get(region)?;
        let mut current = Some(resource_type.clone());
        while let Some(candidate) = current {
            if let Some(api) = facts.offered.get(candidate.key()) {
                return Some((Offer::Offered, *api));
            }
            if facts.not_offered.contains(candidate.key()) {
                return Some((Offer::NotOffered, None));
            }
            current = candidate.parent();
        }
        None
    }

    fn region_sizes(&self, region: &str) -> Option<&HashMap<String, SizeHere>> {
        self.user.sizes.get(region).map(|(sizes, _)| sizes).or_else(|| self.snapshot.sizes.get(region))
    }

    /// Is the VM size offered in the region? Case-insensitive. A size restricted for the
    /// user's subscription is still offered (see [`Catalog::vm_size_in`]).
    pub fn vm_size(&self, region: &Location, size: &str) -> Offer {
        match self.region_sizes(region.as_str()) {
            None => Offer::Unknown,
            Some(sizes) if sizes.contains_key(&size.trim().to_ascii_lowercase()) => Offer::Offered,
            Some(_) => Offer::NotOffered,
        }
    }

    /// The size as offered in the region, with its zones and restriction there; `None`
    /// when not offered or unknown, or when its specs are unknown.
    pub fn vm_size_in(&self, region: &Location, size: &str) -> Option<VmSize> {
        let here = self.region_sizes(region.as_str())?.get(&size.trim().to_ascii_lowercase())?;
        Some(self.spec(&here.name)?.vm_size(&here.name, here.zones.clone(), here.restricted))
    }

    fn spec(&self, size: &str) -> Option<&SizeSpec> {
        let key = size.trim().to_ascii_lowercase();
        self.user.specs.get(&key).or_else(|| self.snapshot.specs.get(&key))
    }

    /// The specs of a size known anywhere (user data first). `zones` is `None`.
    pub fn vm_size_spec(&self, size: &str) -> Option<VmSize> {
        let spec = self.spec(size)?;
        Some(spec.vm_size(&spec.name, None, false))
    }

    /// The sizes offered in the region whose specs are known, sorted by vCPUs, memory,
    /// then name. Sizes without known specs are left out.
    pub fn vm_sizes(&self, region: &Location) -> Vec<VmSize> {
        let Some(sizes) = self.region_sizes(region.as_str()) else { return Vec::new() };
        let mut out: Vec<VmSize> = sizes
            .values()
            .filter_map(|here| Some(self.spec(&here.name)?.vm_size(&here.name, here.zones.clone(), here.restricted)))
            .collect();
        out.sort_by(|a, b| (a.vcpus, a.memory_gib, &a.name).cmp(&(b.vcpus, b.memory_gib, &b.name)));
        out
    }

    /// The region's availability zones: `None` unknown, `Some(empty)` no zones.
    pub fn zones(&self, region: &Location) -> Option<Vec<String>> {
        let name = region.as_str();
        self.user.zones.get(name).map(|(zones, _)| zones.clone()).or_else(|| self.snapshot.zones.get(name).cloned())
    }

    /// Is the SKU offered in the region? Names compare ignoring case, spaces, hyphens and
    /// underscores (see [`SkuKind`] for the forms each kind accepts).
    pub fn sku(&self, region: &Location, kind: SkuKind, name: &str) -> Offer {
        let key = (kind, region.as_str().to_string());
        let facts = match self.user.skus.get(&key) {
            Some((facts, _)) => facts,
            None => match self.snapshot.skus.get(&key) {
                Some(facts) => facts,
                None => return Offer::Unknown,
            },
        };
        let answer = sku_answer(facts, kind, name);
        if answer != Offer::Unknown || !name.trim().contains(char::is_whitespace) {
            return answer;
        }
        // "Premium P1": offered when every word is, not offered when any word is not.
        let words: Vec<Offer> = name.split_whitespace().map(|word| sku_answer(facts, kind, word)).collect();
        if words.contains(&Offer::NotOffered) {
            Offer::NotOffered
        } else if words.iter().all(|word| *word == Offer::Offered) {
            Offer::Offered
        } else {
            Offer::Unknown
        }
    }

    /// For a region of Azure China: the service the type (and, for entries that name one,
    /// the account kind) belongs to when Azure China does not offer it. Entries about a
    /// property setting (Spot priority) never match a type alone.
    pub fn unavailable_service(
        &self,
        region: &Location,
        resource_type: &ResourceType,
        kind: Option<&str>,
    ) -> Option<UnavailableService> {
        if regions::region(region).map(|r| r.cloud) != Some(Cloud::AzureChinaCloud) {
            return None;
        }
        let user_says_offered =
            matches!(self.user.resource_type(region.as_str(), resource_type), Some((Offer::Offered, _)));
        self.snapshot
            .unavailable
            .iter()
            .filter(|entry| entry.condition.is_none())
            .filter(|entry| entry.types.iter().any(|t| t.eq_ignore_ascii_case(resource_type.as_str())))
            .find(|entry| match &entry.kind {
                Some(wanted) => kind.is_some_and(|kind| kind.trim().eq_ignore_ascii_case(wanted)),
                // The user's provider list is fresher than the snapshot for whole types.
                None => !user_says_offered,
            })
            .map(|entry| UnavailableService {
                service: entry.service.clone(),
                alternative: entry.alternative.clone(),
                doc: entry.doc.clone(),
            })
    }

    /// Offered, unrestricted sizes in the region that can replace `size`: at least its
    /// vCPUs and memory, the same family first, then the same series letter (`D`, `E`,
    /// `NC`...), then any; smallest first within each group. Empty when the size's specs
    /// or the region's sizes are unknown.
    pub fn closest_vm_sizes(&self, region: &Location, size: &str, limit: usize) -> Vec<VmSize> {
        let Some(wanted) = self.spec(size) else { return Vec::new() };
        let wanted_series = series(&wanted.name);
        let mut candidates: Vec<(u8, VmSize)> = self
            .vm_sizes(region)
            .into_iter()
            .filter(|candidate| !candidate.restricted && !candidate.name.eq_ignore_ascii_case(&wanted.name))
            .filter(|candidate| candidate.vcpus >= wanted.vcpus && candidate.memory_gib >= wanted.memory_gib)
            .map(|candidate| {
                let rank = if !wanted.family.is_empty() && candidate.family.eq_ignore_ascii_case(&wanted.family) {
                    0
                } else if !wanted_series.is_empty() && series(&candidate.name) == wanted_series {
                    1
                } else {
                    2
                };
                (rank, candidate)
            })
            .collect();
        candidates.sort_by(|(ra, a), (rb, b)| {
            (ra, a.vcpus, a.memory_gib, &a.name).cmp(&(rb, b.vcpus, b.memory_gib, &b.name))
        });
        candidates.into_iter().take(limit).map(|(_, size)| size).collect()
    }
}

fn sku_answer(facts: &SkuFacts, kind: SkuKind, name: &str) -> Offer {
    let key = norm_sku(kind, name);
    if key.is_empty() {
        Offer::Unknown
    } else if facts.offered.contains(&key) {
        Offer::Offered
    } else if facts.not_offered.contains(&key) || facts.complete {
        Offer::NotOffered
    } else {
        Offer::Unknown
    }
}

/// The series letters of a size name: `Standard_D2s_v3` → `D`, `Standard_NC6s_v3` → `NC`.
fn series(name: &str) -> String {
    let rest = name.split_once('_').map_or(name, |(_, rest)| rest);
    rest.chars().take_while(char::is_ascii_alphabetic).collect::<String>().to_ascii_uppercase()
}

/// Normalises a SKU name for comparison: lowercase without spaces, hyphens and
/// underscores; storage redundancy without its `Standard_`/`Premium_` prefix; SQL service
/// objectives without their trailing capacity (`GP_Gen5_2` → `GP_Gen5`).
pub(crate) fn norm_sku(kind: SkuKind, name: &str) -> String {
    let mut name = name.trim();
    if kind == SkuKind::SqlDatabase {
        if let Some((head, tail)) = name.rsplit_once('_') {
            if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) && head.contains('_') {
                name = head;
            }
        }
    }
    let mut key: String = name.chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect();
    if kind == SkuKind::StorageRedundancy {
        for prefix in ["standard", "premium"] {
            if let Some(rest) = key.strip_prefix(prefix) {
                if !rest.is_empty() {
                    key = rest.to_string();
                }
                break;
            }
        }
    }
    key
}
