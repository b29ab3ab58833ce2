//! Migration methods: for each resource type, how it moves to another region of the same
//! cloud and how it moves from global Azure into Azure China.
//!
//! The knowledge is data, `data/migration-methods.json`, embedded at build time and
//! parsed once. [`method_for`] never fails: a type without an entry of its own follows
//! its nearest listed parent (child resources travel with their parent), and anything
//! else gets the generic fallback, flagged [`MigrationMethod::generic`].

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::azure::ResourceType;

/// How a resource gets to the target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MethodKind {
    /// Azure Site Recovery replicates the VM and its disks, then fails over.
    SiteRecovery,
    /// Azure Resource Mover prepares and moves the resource with its dependencies.
    ResourceMover,
    /// A new resource is deployed from the source's exported (and edited) template.
    RedeployTemplate,
    /// The service's own backup or export is restored into a new resource.
    BackupRestore,
    /// Data is copied between storage endpoints with AzCopy.
    #[serde(rename = "azcopy")]
    AzCopy,
    /// A database is exported to a file (BACPAC or similar) and imported.
    DatabaseExportImport,
    /// A new server is restored from geo-redundant backups.
    GeoRestore,
    /// A database is dumped with its engine's tools and restored.
    DumpRestore,
    /// The service's own replication or copy feature carries the data to the target.
    ReplicateData,
    /// A new resource is built by hand, from the source's configuration.
    Recreate,
    /// Nothing to move: the resource is global, or travels with its parent.
    NotNeeded,
    /// The resource cannot be moved or built in the target.
    NotPossible,
}

impl MethodKind {
    /// The method in plain words.
    pub fn label(self) -> &'static str {
        match self {
            MethodKind::SiteRecovery => "Site Recovery replication",
            MethodKind::ResourceMover => "Azure Resource Mover",
            MethodKind::RedeployTemplate => "Redeploy from an exported template",
            MethodKind::BackupRestore => "Back up or export, then restore",
            MethodKind::AzCopy => "Copy the data with AzCopy",
            MethodKind::DatabaseExportImport => "Database export and import",
            MethodKind::GeoRestore => "Geo-restore",
            MethodKind::DumpRestore => "Dump and restore",
            MethodKind::ReplicateData => "Replicate with the service's own feature",
            MethodKind::Recreate => "Recreate",
            MethodKind::NotNeeded => "Not needed",
            MethodKind::NotPossible => "Not possible",
        }
    }
}

/// The expected downtime class of a move, shortest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Downtime {
    None,
    Minutes,
    Hours,
    Days,
}

/// The recommended way to move one resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MigrationMethod {
    /// The service the advice is written for ("Virtual machines").
    pub service: String,
    pub method: MethodKind,
    pub tools: Vec<String>,
    /// Whether data (content, state, secrets), not only configuration, must move.
    pub data_move: bool,
    pub downtime: Downtime,
    /// An outline of the steps, in order.
    pub steps: Vec<String>,
    pub caveats: Vec<String>,
    /// Typical hands-on effort for one instance, excluding data copy time.
    pub fixed_overhead_hours: Decimal,
    /// A documentation page (displayed only; the app makes no request to it).
    pub link: String,
    /// Whether this is the advice for a move from global Azure into Azure China.
    pub cross_cloud: bool,
    /// Whether this is the generic advice for a type the table does not know.
    pub generic: bool,
}

/// The recommended method for a resource of this type (and `kind`, such as
/// `functionapp,linux`), moving within one cloud or, when `cross_cloud`, into another.
pub fn method_for(resource_type: &ResourceType, kind: Option<&str>, cross_cloud: bool) -> MigrationMethod {
    let table = table();
    if let Some(entry) = table.entry_for(resource_type.key(), kind) {
        return entry.method(cross_cloud, false);
    }
    let mut ancestor = resource_type.parent();
    while let Some(parent) = ancestor {
        if let Some(entry) = table.entry_for(parent.key(), None) {
            return follows_parent(entry, cross_cloud);
        }
        ancestor = parent.parent();
    }
    table.fallback.method(cross_cloud, true)
}

/// The date the table's facts were current.
pub fn as_of() -> &'static str {
    &table().as_of
}

/// An unlisted child type travels with its listed parent, or is as impossible to move.
fn follows_parent(parent: &Entry, cross_cloud: bool) -> MigrationMethod {
    let parent_method = parent.method(cross_cloud, false);
    let method = match parent_method.method {
        MethodKind::NotPossible => MethodKind::NotPossible,
        _ => MethodKind::NotNeeded,
    };
    let service = &parent.service;
    MigrationMethod {
        service: format!("{service}: child resource"),
        method,
        tools: parent_method.tools,
        data_move: false,
        downtime: Downtime::None,
        steps: vec![
            format!("Plan this with its parent ({service}); it is exported, copied or recreated together with it."),
            "Check that the parent's template or copy included it; add it by hand if not.".to_string(),
            "Verify its settings in the target before cut-over.".to_string(),
        ],
        caveats: vec![format!(
            "RegionShift has no entry for this child type; it follows its parent's method: {}.",
            parent_method.method.label().to_lowercase()
        )],
        fixed_overhead_hours: Decimal::ZERO,
        link: parent_method.link,
        cross_cloud,
        generic: false,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MethodFile {
    #[serde(rename = "_meta")]
    meta: MetaFile,
    methods: Vec<EntryFile>,
    fallback: FallbackFile,
}

/// `_meta` keeps the snake-case keys every data file uses (`as_of`).
#[derive(Deserialize)]
struct MetaFile {
    as_of: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EntryFile {
    resource_types: Vec<String>,
    #[serde(default)]
    kind_qualifier: Option<String>,
    service: String,
    in_cloud: SpecFile,
    cross_cloud: SpecFile,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FallbackFile {
    service: String,
    in_cloud: SpecFile,
    cross_cloud: SpecFile,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct SpecFile {
    method: MethodKind,
    tools: Vec<String>,
    data_move: bool,
    downtime: Downtime,
    steps: Vec<String>,
    caveats: Vec<String>,
    /// Read as the number's text and parsed as a decimal, never through a float.
    fixed_overhead_hours: serde_json::Number,
    link: String,
}

struct Spec {
    method: MethodKind,
    tools: Vec<String>,
    data_move: bool,
    downtime: Downtime,
    steps: Vec<String>,
    caveats: Vec<String>,
    fixed_overhead_hours: Decimal,
    link: String,
}

struct Entry {
    /// Lowercased; `None` applies to any kind.
    kind_qualifier: Option<String>,
    service: String,
    in_cloud: Spec,
    cross_cloud: Spec,
}

impl Entry {
    fn method(&self, cross_cloud: bool, generic: bool) -> MigrationMethod {
        let spec = if cross_cloud { &self.cross_cloud } else { &self.in_cloud };
        MigrationMethod {
            service: self.service.clone(),
            method: spec.method,
            tools: spec.tools.clone(),
            data_move: spec.data_move,
            downtime: spec.downtime,
            steps: spec.steps.clone(),
            caveats: spec.caveats.clone(),
            fixed_overhead_hours: spec.fixed_overhead_hours,
            link: spec.link.clone(),
            cross_cloud,
            generic,
        }
    }

    /// Does the qualifier match one of the comma-separated words of `kind`
    /// (`functionapp` in `functionapp,linux`)?
    fn matches_kind(&self, kind: Option<&str>) -> bool {
        match (&self.kind_qualifier, kind) {
            (Some(qualifier), Some(kind)) => kind.split(',').any(|word| word.trim().eq_ignore_ascii_case(qualifier)),
            _ => false,
        }
    }
}

struct Table {
    as_of: String,
    entries: Vec<Entry>,
    /// Lowercased type to the indexes of its entries, in table order.
    by_type: HashMap<String, Vec<usize>>,
    fallback: Entry,
}

impl Table {
    /// The entry whose kind qualifier matches `kind`, else the type's unqualified entry.
    fn entry_for(&self, type_key: &str, kind: Option<&str>) -> Option<&Entry> {
        let candidates = self.by_type.get(type_key)?;
        let mut entries = candidates.iter().map(|&index| &self.entries[index]);
        let qualified = entries.clone().find(|entry| entry.matches_kind(kind));
        qualified.or_else(|| entries.find(|entry| entry.kind_qualifier.is_none()))
    }
}

fn spec(file: SpecFile) -> Result<Spec, String> {
    let hours = file.fixed_overhead_hours.to_string();
    let fixed_overhead_hours =
        Decimal::from_str(&hours).or_else(|_| Decimal::from_scientific(&hours)).map_err(|e| format!("{hours}: {e}"))?;
    Ok(Spec {
        method: file.method,
        tools: file.tools,
        data_move: file.data_move,
        downtime: file.downtime,
        steps: file.steps,
        caveats: file.caveats,
        fixed_overhead_hours,
        link: file.link,
    })
}

fn parse(text: &str) -> Result<Table, String> {
    let file: MethodFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut entries = Vec::with_capacity(file.methods.len());
    let mut by_type: HashMap<String, Vec<usize>> = HashMap::new();
    for entry in file.methods {
        let index = entries.len();
        for resource_type in &entry.resource_types {
            by_type.entry(ResourceType::new(resource_type).key().to_string()).or_default().push(index);
        }
        let in_cloud = spec(entry.in_cloud).map_err(|e| format!("{}: {e}", entry.service))?;
        let cross_cloud = spec(entry.cross_cloud).map_err(|e| format!("{}: {e}", entry.service))?;
        entries.push(Entry {
            kind_qualifier: entry.kind_qualifier.map(|kind| kind.to_ascii_lowercase()),
            service: entry.service,
            in_cloud,
            cross_cloud,
        });
    }
    let fallback = Entry {
        kind_qualifier: None,
        in_cloud: spec(file.fallback.in_cloud)?,
        cross_cloud: spec(file.fallback.cross_cloud)?,
        service: file.fallback.service,
    };
    Ok(Table { as_of: file.meta.as_of, entries, by_type, fallback })
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        parse(crate::data::text(crate::data::DataFile::MigrationMethods))
            .expect("data/migration-methods.json is checked by a test")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn method(resource_type: &str, kind: Option<&str>, cross_cloud: bool) -> MigrationMethod {
        method_for(&ResourceType::new(resource_type), kind, cross_cloud)
    }

    fn file() -> MethodFile {
        serde_json::from_str(crate::data::text(crate::data::DataFile::MigrationMethods)).unwrap()
    }

    fn all_specs() -> Vec<(String, bool, MigrationMethod)> {
        let table = table();
        let mut specs = Vec::new();
        for entry in table.entries.iter().chain(std::iter::once(&table.fallback)) {
            for cross_cloud in [false, true] {
                specs.push((entry.service.clone(), cross_cloud, entry.method(cross_cloud, false)));
            }
        }
        specs
    }

    #[test]
    fn the_table_parses_and_is_dated() {
        let table = parse(crate::data::text(crate::data::DataFile::MigrationMethods)).unwrap();
        assert!(table.entries.len() > 100);
        assert_eq!(as_of().len(), 10);
        assert!(as_of().starts_with("20"));
    }

    #[test]
    fn the_table_covers_well_over_a_hundred_types() {
        assert!(table().by_type.len() >= 120, "{} types", table().by_type.len());
    }

    #[test]
    fn every_spec_is_complete() {
        for (service, cross_cloud, method) in all_specs() {
            let what = format!("{service} (cross-cloud: {cross_cloud})");
            assert!((3..=7).contains(&method.steps.len()), "{what}: {} steps", method.steps.len());
            assert!(method.steps.iter().chain(&method.caveats).all(|s| !s.trim().is_empty()), "{what}");
            assert!(
                method.link.starts_with("https://learn.microsoft.com/")
                    || method.link.starts_with("https://docs.azure.cn/"),
                "{what}: {}",
                method.link
            );
            assert!(!method.link.contains(".."), "{what}: {}", method.link);
            assert!(method.fixed_overhead_hours >= Decimal::ZERO, "{what}");
            assert!(!method.service.is_empty());
            if !matches!(method.method, MethodKind::NotNeeded | MethodKind::NotPossible) {
                assert!(!method.tools.is_empty(), "{what}: no tools");
            }
        }
    }

    #[test]
    fn hours_keep_their_decimal_digits() {
        assert_eq!(method("Microsoft.Compute/disks", None, true).fixed_overhead_hours, Decimal::new(15, 1));
        assert_eq!(method("Microsoft.Network/natGateways", None, false).fixed_overhead_hours, Decimal::new(5, 1));
        assert_eq!(spec_hours("0.1"), Decimal::new(1, 1));
        assert_eq!(spec_hours("16"), Decimal::from(16));
        assert_eq!(spec_hours("2.5e1"), Decimal::from(25));
    }

    fn spec_hours(number: &str) -> Decimal {
        let text = format!(
            r#"{{"method":"recreate","tools":[],"dataMove":false,"downtime":"none","steps":[],"caveats":[],"fixedOverheadHours":{number},"link":"https://learn.microsoft.com/"}}"#
        );
        spec(serde_json::from_str(&text).unwrap()).unwrap().fixed_overhead_hours
    }

    #[test]
    fn every_listed_type_is_known_and_listed_once_per_kind() {
        let mut seen = std::collections::HashSet::new();
        for entry in file().methods {
            for text in &entry.resource_types {
                let resource_type = ResourceType::new(text);
                assert!(resource_type.is_known(), "{text} is not in data/resource-types.json");
                assert_eq!(resource_type.as_str(), text, "{text} is not spelled the canonical way");
                let key = (resource_type.key().to_string(), entry.kind_qualifier.clone());
                assert!(seen.insert(key), "{text} ({:?}) is listed twice", entry.kind_qualifier);
            }
        }
        for (key, indexes) in &table().by_type {
            let entries = indexes.iter().map(|&index| &table().entries[index]);
            assert!(entries.clone().any(|entry| entry.kind_qualifier.is_none()), "{key} has only qualified entries");
        }
    }

    #[test]
    fn cross_cloud_methods_never_rely_on_same_cloud_features() {
        for (service, _, method) in all_specs().into_iter().filter(|(_, cross_cloud, _)| *cross_cloud) {
            assert!(
                !matches!(
                    method.method,
                    MethodKind::SiteRecovery
                        | MethodKind::ResourceMover
                        | MethodKind::GeoRestore
                        | MethodKind::ReplicateData
                ),
                "{service}: {:?} does not cross into Azure China",
                method.method
            );
        }
    }

    #[test]
    fn virtual_machines_replicate_in_cloud_and_copy_disks_across_clouds() {
        let in_cloud = method("Microsoft.Compute/virtualMachines", None, false);
        assert!(matches!(in_cloud.method, MethodKind::SiteRecovery | MethodKind::ResourceMover));
        assert!(in_cloud.data_move);
        assert!(!in_cloud.cross_cloud);
        let cross_cloud = method("microsoft.compute/VIRTUALMACHINES", None, true);
        assert_ne!(cross_cloud.method, MethodKind::SiteRecovery);
        assert_eq!(cross_cloud.method, MethodKind::AzCopy);
        assert!(cross_cloud.cross_cloud);
        assert!(!cross_cloud.generic);
        assert!(cross_cloud.downtime > in_cloud.downtime);
    }

    #[test]
    fn static_web_apps_cannot_move_into_china() {
        assert_eq!(method("Microsoft.Web/staticSites", None, true).method, MethodKind::NotPossible);
        assert_eq!(method("Microsoft.Web/staticSites", None, false).method, MethodKind::RedeployTemplate);
    }

    #[test]
    fn cross_cloud_databases_are_exported_or_dumped() {
        assert_eq!(method("Microsoft.Sql/servers/databases", None, true).method, MethodKind::DatabaseExportImport);
        assert_eq!(method("Microsoft.Sql/servers/databases", None, false).method, MethodKind::ReplicateData);
        assert_eq!(method("Microsoft.DBforPostgreSQL/flexibleServers", None, true).method, MethodKind::DumpRestore);
        assert_eq!(method("Microsoft.DBforMySQL/flexibleServers", None, false).method, MethodKind::GeoRestore);
        assert!(method("Microsoft.DocumentDB/databaseAccounts", None, true).data_move);
    }

    #[test]
    fn unknown_types_get_the_generic_fallback() {
        let fallback = method("Contoso.Widgets/gadgets", None, true);
        assert!(fallback.generic);
        assert!(fallback.cross_cloud);
        assert_eq!(fallback.method, MethodKind::RedeployTemplate);
        assert!(!fallback.steps.is_empty());
        let in_cloud = method("Contoso.Widgets/gadgets", Some("app"), false);
        assert!(in_cloud.generic);
        assert!(!in_cloud.cross_cloud);
        assert!(!method("Microsoft.Compute/virtualMachines", None, false).generic);
    }

    #[test]
    fn listed_child_types_travel_with_their_parent() {
        let subnet = method("Microsoft.Network/virtualNetworks/subnets", None, true);
        assert_eq!(subnet.method, MethodKind::NotNeeded);
        assert!(!subnet.generic);
        assert_eq!(subnet.fixed_overhead_hours, Decimal::ZERO);
        assert!(subnet.steps[0].contains("virtual network"), "{:?}", subnet.steps);
        let peering = method("Microsoft.Network/virtualNetworks/virtualNetworkPeerings", None, true);
        assert_eq!(peering.method, MethodKind::Recreate);
        assert!(peering.caveats.iter().any(|c| c.contains("not possible")));
    }

    #[test]
    fn unlisted_child_types_follow_their_nearest_listed_parent() {
        let auditing = method("Microsoft.Sql/servers/auditingSettings", None, false);
        assert_eq!(auditing.method, MethodKind::NotNeeded);
        assert!(!auditing.generic);
        assert_eq!(auditing.service, "Azure SQL logical servers: child resource");
        let deep = method("Microsoft.Network/virtualNetworks/subnets/somethingNew/deeper", None, true);
        assert_eq!(deep.service, "Subnets and delegations: child resource");
        let retired = method("Microsoft.ClassicCompute/domainNames/slots", None, true);
        assert_eq!(retired.method, MethodKind::NotPossible);
        let orphan = method("Contoso.Widgets/gadgets/parts", None, false);
        assert!(orphan.generic);
    }

    #[test]
    fn kind_qualifiers_pick_the_specific_entry() {
        let app = method("Microsoft.Web/sites", Some("app,linux"), true);
        assert_eq!(app.service, "App Service apps");
        let function = method("Microsoft.Web/sites", Some("functionapp,linux"), true);
        assert_eq!(function.service, "Azure Functions");
        let workflow = method("Microsoft.Web/sites", Some("functionapp,workflowapp"), false);
        assert_eq!(workflow.service, "Logic Apps (Standard)");
        assert_eq!(method("Microsoft.Web/sites", Some("FunctionApp"), false).service, "Azure Functions");
        assert_eq!(method("Microsoft.Web/sites", None, false).service, "App Service apps");
        assert_eq!(method("Microsoft.Web/sites", Some(""), false).service, "App Service apps");
    }

    #[test]
    fn labels_are_plain_words_and_kinds_serialise_as_the_data_spells_them() {
        assert_eq!(MethodKind::AzCopy.label(), "Copy the data with AzCopy");
        assert_eq!(serde_json::to_string(&MethodKind::AzCopy).unwrap(), "\"azcopy\"");
        assert_eq!(serde_json::to_string(&MethodKind::RedeployTemplate).unwrap(), "\"redeploy-template\"");
        assert_eq!(serde_json::to_string(&Downtime::Hours).unwrap(), "\"hours\"");
        let json = serde_json::to_value(method("Microsoft.Compute/disks", None, true)).unwrap();
        assert_eq!(json["fixed_overhead_hours"], "1.5");
        assert_eq!(json["method"], "azcopy");
    }
}
