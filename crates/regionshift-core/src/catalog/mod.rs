//! The region catalog: what each target region offers (resource types and API versions,
//! account and app kinds, VM sizes and Spot, availability zones, SKUs), which regions are
//! restricted, and what is retired or retiring everywhere.
//!
//! The facts come from a dated snapshot embedded from `data/catalog/` (see
//! [`Catalog::embedded`]), each resting on a source of `sources.json`. A user's own
//! `az provider list` and `az vm list-skus` (or Resource SKUs API) output, loaded with
//! [`Catalog::load_user_files`], is the strongest source for the regions and parts it
//! covers; [`Catalog::parts`] says which part of the catalog comes from whom.
//!
//! Every availability answer is an [`Answer`]: three-valued ([`Offer`]: offered, not
//! offered, or no source decides it: `Unknown`), with every statement of every source that
//! spoke, the deciding one by precedence, and whether any disagreed (see `evidence`).
//! Names of sizes, types, kinds and SKUs compare ignoring case. The module is pure: no IO,
//! no clock.

mod evidence;
mod retirements;
mod snapshot;
#[cfg(test)]
mod tests;
mod user;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::azure::regions::{self, Cloud};
use crate::azure::{Location, ResourceType};
use crate::diagnostics::Diagnostic;
use crate::input::InputFile;
use crate::units::Date;
pub use evidence::{Answer, DateIs, Says, Source, SourceKind, Statement, Strength};
pub use retirements::{Retirement, RetirementMatch};
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
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
    /// The priority of a VM, scale set or node pool: `Regular`, `Spot`, `Low`.
    VmPriority,
}

impl SkuKind {
    pub const ALL: [SkuKind; 14] = [
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
        SkuKind::VmPriority,
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
            SkuKind::VmPriority => "VM priorities (Spot)",
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
            "vmPriority" => SkuKind::VmPriority,
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

/// A service Azure China does not offer, and what to use instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct UnavailableService {
    pub service: String,
    pub types: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative: Option<String>,
}

/// A region with a restriction a target must know about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionNotice {
    pub region: String,
    pub display_name: String,
    /// A subscription must be granted access before it can deploy there; otherwise a
    /// retirement of the region was announced.
    pub access_restricted: bool,
    /// What the restriction is, in sentences.
    pub restriction: String,
    pub how_to_request_access: Option<String>,
    /// The announced retirement date.
    pub date: Option<String>,
    /// More than one source says so.
    pub confirmed: bool,
    /// Where to go instead.
    pub alternative: Option<String>,
    pub sources: Vec<Arc<Source>>,
}

impl RegionNotice {
    /// The evidence: every source, saying the region is restricted.
    pub fn answer(&self) -> Answer {
        let detail: Arc<str> = Arc::from(if self.access_restricted {
            format!("{} is access-restricted", self.display_name)
        } else {
            format!("retirement of {} announced", self.display_name)
        });
        let statements = self
            .sources
            .iter()
            .map(|source| Statement::new(source.clone(), Says::Restricted, Some(detail.clone())))
            .collect();
        Answer::decide(statements)
    }
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
    /// The user's `az vm list-skus` says whether the size can run as Spot there
    /// (`LowPriorityCapable`); `None` when not said.
    pub spot: Option<bool>,
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

    /// Loads `az provider list` and `az vm list-skus` / Resource SKUs API output. For the
    /// regions they cover (resource types per region and provider namespace, VM sizes, Spot
    /// and zones per region, managed disk SKUs and storage redundancy per region) the
    /// files are the strongest source: they decide, and the snapshot's statements stay in
    /// the answers beside them. Unusable files and records are diagnostics; nothing panics.
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

    /// The date the retirement table's statuses were read on, the default date an
    /// assessment compares retirement dates with.
    pub fn retirements_as_of(&self) -> Option<Date> {
        self.snapshot.retirements_as_of
    }

    /// For every region and part, where its facts come from. Regions are sorted by name.
    pub fn parts(&self) -> Vec<CatalogPart> {
        let snapshot = &self.snapshot;
        let mut regions: BTreeSet<&str> = BTreeSet::new();
        regions.extend(snapshot.type_regions.iter().map(String::as_str));
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
                None => snapshot.type_regions.contains(region).then(|| snapshot.types_provenance.clone()).flatten(),
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
        snapshot.type_regions.contains(name)
            || snapshot.sizes.contains_key(name)
            || snapshot.zones.contains_key(name)
            || SkuKind::ALL.iter().any(|kind| snapshot.skus.contains_key(&(*kind, name.to_string())))
            || self.user.regions().any(|user| user == name)
    }

    /// Is the resource type offered in the region? A type whose sources decide nothing for
    /// the region takes the answer of the product it is part of, else of its parent type
    /// (`Microsoft.Network/virtualNetworks/subnets` follows `virtualNetworks`); the answer's
    /// note says so.
    pub fn resource_type(&self, region: &Location, resource_type: &ResourceType) -> Arc<Answer> {
        let snapshot_answer = self.snapshot_type(region.as_str(), resource_type);
        let Some((offer, _)) = self.user.resource_type(region.as_str(), resource_type) else {
            return snapshot_answer.unwrap_or_else(|| Arc::new(Answer::unknown()));
        };
        let says = if offer == Offer::Offered { Says::Offered } else { Says::NotOffered };
        let user = Statement::new(self.user.types_source(region.as_str()), says, None);
        let mut statements = vec![user];
        if let Some(answer) = snapshot_answer {
            statements.extend(answer.statements.iter().cloned());
        }
        Arc::new(Answer::decide(statements))
    }

    /// The snapshot's answer for the type or, for a type it does not name, its nearest
    /// ancestor's.
    fn snapshot_type(&self, region: &str, resource_type: &ResourceType) -> Option<Arc<Answer>> {
        let mut current = Some(resource_type.clone());
        let mut first = true;
        while let Some(candidate) = current {
            if let Some(facts) = self.snapshot.types.get(candidate.key()) {
                let answer = facts.answers.get(region)?.clone();
                if first || answer.offer == Offer::Unknown {
                    return Some(answer);
                }
                let note =
                    format!("no source speaks of the type itself; a child of {}, whose answer it takes", facts.name);
                return Some(Arc::new((*answer).clone().with_note(note)));
            }
            first = false;
            current = candidate.parent();
        }
        None
    }

    /// The name of the service a type belongs to, when the catalog knows it.
    pub fn service_name(&self, resource_type: &ResourceType) -> Option<&str> {
        let facts = self.snapshot.types.get(resource_type.key())?;
        (!facts.service.is_empty()).then_some(facts.service.as_str())
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
        // The snapshot states API versions for the global regions only.
        if regions::region(region).is_none_or(|r| r.cloud != Cloud::AzureCloud) {
            return None;
        }
        let mut current = Some(resource_type.clone());
        while let Some(candidate) = current {
            if let Some(facts) = self.snapshot.types.get(candidate.key()) {
                let offered = facts.answers.get(region.as_str()).is_some_and(|a| a.offer == Offer::Offered);
                return offered
                    .then(|| facts.api.and_then(|i| self.snapshot.api_sets.get(i)).map(Vec::as_slice))
                    .flatten();
            }
            current = candidate.parent();
        }
        None
    }

    /// Does the type's service depend on the resource's kind (Cognitive Services
    /// accounts), so that a resource without a known kind is Unknown?
    pub fn kind_required(&self, resource_type: &ResourceType) -> bool {
        self.snapshot.kinds.get(resource_type.key()).is_some_and(|table| table.required)
    }

    /// The answer for the kind in the region, when the catalog has a kind table for the
    /// type: `None` when it has none, or when the kind is not in the table and the type's
    /// own answer covers it. Kinds match as sets of comma-separated words.
    pub fn kind(&self, region: &Location, resource_type: &ResourceType, kind: &str) -> Option<Arc<Answer>> {
        let table = self.snapshot.kinds.get(resource_type.key())?;
        let words = snapshot::kind_words(kind);
        match table.kinds.iter().find(|facts| facts.words == words) {
            Some(facts) => Some(facts.answers.get(region.as_str()).cloned().unwrap_or_else(|| {
                Arc::new(Answer::unknown().with_note(format!("no source covers {} in this region", facts.service)))
            })),
            None if table.required => Some(Arc::new(
                Answer::unknown()
                    .with_note(format!("the catalog has no entry for the kind {kind}: no source, no verdict")),
            )),
            None => None,
        }
    }

    /// The service a kind of the type is (`Azure AI Speech`), when the kind table names it.
    pub fn kind_service(&self, resource_type: &ResourceType, kind: &str) -> Option<&str> {
        let table = self.snapshot.kinds.get(resource_type.key())?;
        let words = snapshot::kind_words(kind);
        table.kinds.iter().find(|facts| facts.words == words).map(|facts| facts.service.as_str())
    }

    fn region_sizes(&self, region: &str) -> Option<&HashMap<String, SizeHere>> {
        self.user
            .sizes
            .get(region)
            .map(|(sizes, _)| sizes)
            .or_else(|| self.snapshot.sizes.get(region).map(|s| &s.sizes))
    }

    /// Is the VM size offered in the region? Case-insensitive. A size restricted for the
    /// user's subscription is still offered (see [`Catalog::vm_size_in`]).
    pub fn vm_size(&self, region: &Location, size: &str) -> Arc<Answer> {
        let key = size.trim().to_ascii_lowercase();
        let snapshot = self.snapshot.sizes.get(region.as_str()).map(|list| {
            if list.sizes.contains_key(&key) {
                list.offered.clone()
            } else {
                list.not_offered.clone()
            }
        });
        let Some((sizes, files)) = self.user.sizes.get(region.as_str()) else {
            return snapshot.unwrap_or_else(|| Arc::new(Answer::unknown()));
        };
        let says = if sizes.contains_key(&key) { Says::Offered } else { Says::NotOffered };
        let mut statements = vec![Statement::new(self.user.source(files), says, None)];
        if let Some(answer) = snapshot {
            statements.extend(answer.statements.iter().cloned());
        }
        Arc::new(Answer::decide(statements))
    }

    /// Can a VM of the size run with the priority (`Spot`, `Low`) in the region? The
    /// user's `az vm list-skus` answers per size (`LowPriorityCapable`); the snapshot per
    /// region.
    pub fn vm_priority(&self, region: &Location, priority: &str, size: Option<&str>) -> Arc<Answer> {
        let snapshot = self.snapshot_sku(region.as_str(), SkuKind::VmPriority, priority);
        let user = size.and_then(|size| {
            let (sizes, files) = self.user.sizes.get(region.as_str())?;
            let here = sizes.get(&size.trim().to_ascii_lowercase())?;
            let says = if here.spot? { Says::Offered } else { Says::NotOffered };
            let detail: Arc<str> = Arc::from(format!("{} LowPriorityCapable", here.name));
            Some(Statement::new(self.user.source(files), says, Some(detail)))
        });
        match user {
            None => snapshot.unwrap_or_else(|| Arc::new(Answer::unknown())),
            Some(user) => {
                let mut statements = vec![user];
                if let Some(answer) = snapshot {
                    statements.extend(answer.statements.iter().cloned());
                }
                Arc::new(Answer::decide(statements))
            }
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
        self.user
            .zones
            .get(name)
            .map(|(zones, _)| zones.clone())
            .or_else(|| self.snapshot.zones.get(name).map(|z| z.zones.clone()))
    }

    /// Is the zone offered in the region, and who says so?
    pub fn zone(&self, region: &Location, zone: &str) -> Arc<Answer> {
        let name = region.as_str();
        let mut statements = Vec::new();
        let detail = |zones: &[String]| -> Option<Arc<str>> {
            Some(Arc::from(if zones.is_empty() {
                "no availability zones".to_string()
            } else {
                format!("zones {}", zones.join(", "))
            }))
        };
        if let Some((zones, files)) = self.user.zones.get(name) {
            let says = if zones.iter().any(|z| z == zone) { Says::Offered } else { Says::NotOffered };
            statements.push(Statement::new(self.user.source(files), says, detail(zones)));
        }
        if let Some(region_zones) = self.snapshot.zones.get(name) {
            let says = if region_zones.zones.iter().any(|z| z == zone) { Says::Offered } else { Says::NotOffered };
            statements.push(Statement::new(region_zones.source.clone(), says, detail(&region_zones.zones)));
        }
        Arc::new(Answer::decide(statements))
    }

    fn snapshot_sku(&self, region: &str, kind: SkuKind, name: &str) -> Option<Arc<Answer>> {
        let names = self.snapshot.skus.get(&(kind, region.to_string()))?;
        let key = norm_sku(kind, name);
        if key.is_empty() {
            return None;
        }
        if let Some(answer) = names.get(&key) {
            return Some(answer.clone());
        }
        // "Premium P1": offered when every word is, not offered when any word is not.
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.len() < 2 {
            return None;
        }
        let answers: Vec<Option<&Arc<Answer>>> = words.iter().map(|word| names.get(&norm_sku(kind, word))).collect();
        if let Some(not) = answers.iter().flatten().find(|a| a.offer == Offer::NotOffered) {
            return Some((*not).clone());
        }
        if answers.iter().all(|a| a.is_some_and(|a| a.offer == Offer::Offered)) {
            return answers.last().copied().flatten().cloned();
        }
        None
    }

    /// Is the SKU offered in the region? Names compare ignoring case, spaces, hyphens and
    /// underscores (see [`SkuKind`] for the forms each kind accepts).
    pub fn sku(&self, region: &Location, kind: SkuKind, name: &str) -> Arc<Answer> {
        let snapshot = self.snapshot_sku(region.as_str(), kind, name);
        let key = (kind, region.as_str().to_string());
        let Some((facts, files)) = self.user.skus.get(&key) else {
            return snapshot.unwrap_or_else(|| Arc::new(Answer::unknown()));
        };
        let norm = norm_sku(kind, name);
        let says = if facts.contains(&norm) { Says::Offered } else { Says::NotOffered };
        let mut statements = vec![Statement::new(self.user.source(files), says, None)];
        if let Some(answer) = snapshot {
            statements.extend(answer.statements.iter().cloned());
        }
        Arc::new(Answer::decide(statements))
    }

    /// For a type Azure China does not offer: the service and what to use instead.
    pub fn unavailable_service(&self, resource_type: &ResourceType) -> Option<&UnavailableService> {
        self.snapshot
            .unavailable
            .iter()
            .find(|entry| entry.types.iter().any(|t| t.eq_ignore_ascii_case(resource_type.as_str())))
    }

    /// The region's restriction, when it has one.
    pub fn region_notice(&self, region: &Location) -> Option<&RegionNotice> {
        self.snapshot.restricted.iter().find(|notice| notice.region == region.as_str())
    }

    /// The retirements that concern the type (whatever its kind, SKU or settings).
    pub fn retirements<'a>(&'a self, resource_type: &'a ResourceType) -> impl Iterator<Item = &'a Retirement> + 'a {
        self.snapshot.retirements.iter().filter(move |r| r.concerns(resource_type.key()))
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
