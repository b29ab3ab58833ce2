//! What kind of thing a resource type is, in every dimension the analysis sorts
//! resources by: the move phase, the cost category, the role at the end of a dependency
//! and the data a move copies. One table, `data/type-classes.json`, so the plan's
//! phases, the cost breakdown, the edge kinds and the assumed data volumes agree.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The order of a move: foundation first, then data, then compute and apps, then
/// monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    /// Networks, identities, vaults, encryption sets, Log Analytics workspaces.
    Foundation,
    /// Storage, databases, caches, messaging, registries, managed disks.
    Data,
    /// Compute and applications: everything else.
    Compute,
    /// Application Insights, alerts, action groups, diagnostic settings, dashboards.
    Monitoring,
}

impl Phase {
    pub const ALL: [Phase; 4] = [Phase::Foundation, Phase::Data, Phase::Compute, Phase::Monitoring];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Foundation => "Foundation",
            Phase::Data => "Data",
            Phase::Compute => "Compute and apps",
            Phase::Monitoring => "Monitoring",
        }
    }
}

/// What a dependency on a resource of the type is (it decides an edge's kind).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    ResourceGroup,
    Identity,
    Security,
    Monitoring,
    Network,
    Data,
    /// A plan, environment or cluster something runs on, or any other reference.
    Hosting,
}

/// Which assumed size a move that copies data uses when the export gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DataVolume {
    StorageAccount,
    Disk,
    Database,
    Other,
}

/// The classes of one resource type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TypeClass {
    pub phase: Phase,
    /// The cost breakdown's category label (`Compute`, `Storage`, `Networking`, ...).
    pub category: String,
    pub role: Role,
    pub data: DataVolume,
}

/// The classes of a type, by its lowercased key (`microsoft.sql/servers/databases`):
/// the full type, else its top-level type, else its namespace, else the default.
pub fn class_of(type_key: &str) -> &'static TypeClass {
    let table = table();
    let top = match type_key.match_indices('/').nth(1) {
        Some((cut, _)) => &type_key[..cut],
        None => type_key,
    };
    let namespace = type_key.split('/').next().unwrap_or("");
    let index = table
        .by_match
        .get(type_key)
        .or_else(|| table.by_match.get(top).filter(|&&index| !table.exact[index]))
        .or_else(|| table.by_match.get(namespace));
    index.map_or(&table.default, |&index| &table.classes[index])
}

#[derive(Deserialize)]
struct TableFile {
    default: TypeClass,
    classes: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(rename = "match")]
    matches: String,
    /// Matches its own type only, not its child types.
    #[serde(default)]
    exact: bool,
    #[serde(flatten)]
    class: TypeClass,
}

struct Table {
    default: TypeClass,
    classes: Vec<TypeClass>,
    exact: Vec<bool>,
    by_match: HashMap<String, usize>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The embedded file is checked by the tests below; were it broken, every type
        // would take the default class rather than the analysis failing.
        let file = serde_json::from_str::<TableFile>(crate::data::text(crate::data::DataFile::TypeClasses)).unwrap_or(
            TableFile {
                default: TypeClass {
                    phase: Phase::Compute,
                    category: "Other".to_string(),
                    role: Role::Hosting,
                    data: DataVolume::Other,
                },
                classes: Vec::new(),
            },
        );
        let mut by_match = HashMap::new();
        let mut classes = Vec::with_capacity(file.classes.len());
        let mut exact = Vec::with_capacity(file.classes.len());
        for entry in file.classes {
            by_match.entry(entry.matches.to_ascii_lowercase()).or_insert(classes.len());
            classes.push(entry.class);
            exact.push(entry.exact);
        }
        Table { default: file.default, classes, exact, by_match }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_with_unique_lowercase_matches() {
        let file: TableFile = serde_json::from_str(crate::data::text(crate::data::DataFile::TypeClasses)).unwrap();
        let mut seen = std::collections::HashSet::new();
        for entry in &file.classes {
            assert_eq!(entry.matches, entry.matches.to_ascii_lowercase(), "{} is not lowercase", entry.matches);
            assert!(seen.insert(entry.matches.clone()), "{} is listed twice", entry.matches);
            assert!(entry.matches.starts_with("microsoft."), "{}", entry.matches);
        }
        assert_eq!(table().classes.len(), file.classes.len());
    }

    #[test]
    fn the_dimensions_agree_with_each_other() {
        let file: TableFile = serde_json::from_str(crate::data::text(crate::data::DataFile::TypeClasses)).unwrap();
        for entry in &file.classes {
            let class = &entry.class;
            if class.role == Role::Data {
                assert_eq!(class.phase, Phase::Data, "{}: data moves in the data phase", entry.matches);
            }
            if matches!(class.role, Role::Network | Role::Identity | Role::Security | Role::ResourceGroup) {
                assert_eq!(class.phase, Phase::Foundation, "{}: a foundation role", entry.matches);
            }
            if class.data != DataVolume::Other {
                assert_eq!(class.role, Role::Data, "{}: sized data belongs to a data role", entry.matches);
            }
        }
    }

    #[test]
    fn types_take_the_most_specific_entry() {
        assert_eq!(class_of("microsoft.network/networksecuritygroups").role, Role::Security);
        assert_eq!(class_of("microsoft.network/virtualnetworks/subnets").role, Role::Network);
        assert_eq!(class_of("microsoft.compute/disks").data, DataVolume::Disk);
        assert_eq!(class_of("microsoft.compute/virtualmachines/extensions").phase, Phase::Compute);
        assert_eq!(class_of("microsoft.sql/servers/databases").data, DataVolume::Database);
        assert_eq!(class_of("microsoft.storage/storageaccounts/blobservices").data, DataVolume::Other);
        assert_eq!(class_of("microsoft.storage/storageaccounts").data, DataVolume::StorageAccount);
        assert_eq!(class_of("contoso.widgets/gadgets").category, "Other");
        assert_eq!(class_of("microsoft.operationalinsights/workspaces").phase, Phase::Foundation);
        assert_eq!(class_of("microsoft.operationalinsights/workspaces").role, Role::Monitoring);
    }
}
