//! Azure resource types (`Microsoft.Compute/virtualMachines`): canonical spelling,
//! comparison ignoring ASCII case, parent types, and the portal's display names, from
//! the embedded table `data/resource-types.json`.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize, Serializer};

/// An ARM resource type such as `Microsoft.Compute/virtualMachines`, spelled the
/// canonical way when the type is known. Compared ignoring ASCII case.
#[derive(Clone)]
pub struct ResourceType {
    text: String,
    key: String,
}

impl ResourceType {
    /// Canonicalises the spelling of known types (`microsoft.web/SITES` becomes
    /// `Microsoft.Web/sites`); unknown types keep the spelling they came with.
    pub fn new(text: &str) -> ResourceType {
        let text = text.trim().trim_matches('/');
        let key = text.to_ascii_lowercase();
        let text = match known_types().canonical.get(&key) {
            Some(canonical) => canonical.clone(),
            None => canonicalise_unknown(text),
        };
        ResourceType { text, key }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The lowercased type used for comparison.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The provider namespace (`Microsoft.Compute`).
    pub fn namespace(&self) -> &str {
        self.text.split('/').next().unwrap_or("")
    }

    /// Is this a child type (`Microsoft.Network/virtualNetworks/subnets`)?
    pub fn is_child(&self) -> bool {
        self.text.matches('/').count() > 1
    }

    /// The parent type of a child type.
    pub fn parent(&self) -> Option<ResourceType> {
        let (parent, _) = self.text.rsplit_once('/')?;
        parent.contains('/').then(|| ResourceType::new(parent))
    }

    /// The portal's display name for the type, when known ("Virtual machine").
    pub fn display_name(&self) -> Option<&'static str> {
        known_types().display.get(&self.key).map(|s| s.as_str())
    }

    /// Looks up a type by the portal's display name, as the "All resources" CSV
    /// export writes it ("Virtual machine", "Network interface").
    pub fn from_portal_name(display_name: &str) -> Option<ResourceType> {
        let key = display_name.trim().to_lowercase();
        known_types().by_portal_name.get(&key).map(|t| ResourceType::new(t))
    }

    /// Is this type one of those the embedded table knows?
    pub fn is_known(&self) -> bool {
        known_types().canonical.contains_key(&self.key)
    }
}

/// Keeps the namespace's dotted words capitalised (`microsoft.web` becomes
/// `Microsoft.Web`), which is how Azure spells every first-party namespace, and leaves
/// the type segments as they were.
fn canonicalise_unknown(text: &str) -> String {
    let (namespace, rest) = text.split_once('/').unwrap_or((text, ""));
    let namespace = if namespace.chars().all(|c| !c.is_ascii_uppercase()) {
        namespace
            .split('.')
            .map(|word| {
                let mut chars = word.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect::<Vec<_>>()
            .join(".")
    } else {
        namespace.to_string()
    };
    if rest.is_empty() {
        namespace
    } else {
        format!("{namespace}/{rest}")
    }
}

impl PartialEq for ResourceType {
    fn eq(&self, other: &ResourceType) -> bool {
        self.key == other.key
    }
}
impl Eq for ResourceType {}
impl Hash for ResourceType {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
}
impl PartialOrd for ResourceType {
    fn partial_cmp(&self, other: &ResourceType) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for ResourceType {
    fn cmp(&self, other: &ResourceType) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}
impl fmt::Debug for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResourceType({})", self.text)
    }
}
impl fmt::Display for ResourceType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
impl Serialize for ResourceType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[derive(Deserialize)]
struct TypeTableFile {
    types: Vec<TypeEntry>,
}

#[derive(Deserialize)]
struct TypeEntry {
    #[serde(rename = "type")]
    resource_type: String,
    #[serde(default)]
    portal: Vec<String>,
}

struct TypeTable {
    canonical: std::collections::HashMap<String, String>,
    display: std::collections::HashMap<String, String>,
    by_portal_name: std::collections::HashMap<String, String>,
}

fn known_types() -> &'static TypeTable {
    static TABLE: OnceLock<TypeTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: TypeTableFile = serde_json::from_str(crate::data::text(crate::data::DataFile::ResourceTypes))
            .expect("data/resource-types.json is checked by a test");
        let mut table = TypeTable {
            canonical: Default::default(),
            display: Default::default(),
            by_portal_name: Default::default(),
        };
        for entry in file.types {
            let key = entry.resource_type.to_ascii_lowercase();
            if let Some(first) = entry.portal.first() {
                table.display.entry(key.clone()).or_insert_with(|| first.clone());
            }
            for name in &entry.portal {
                table.by_portal_name.entry(name.to_lowercase()).or_insert_with(|| entry.resource_type.clone());
            }
            table.canonical.insert(key, entry.resource_type);
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_types_take_their_canonical_spelling() {
        assert_eq!(
            ResourceType::new("microsoft.compute/VIRTUALMACHINES").as_str(),
            "Microsoft.Compute/virtualMachines"
        );
        assert_eq!(
            ResourceType::new("Microsoft.Network/VirtualNetworks/subnets").as_str(),
            "Microsoft.Network/virtualNetworks/subnets"
        );
        assert!(ResourceType::new("microsoft.web/sites").is_known());
    }

    #[test]
    fn unknown_types_keep_their_segments_and_get_a_capitalised_namespace() {
        let t = ResourceType::new("contoso.widgets/gadgetFactories");
        assert_eq!(t.as_str(), "Contoso.Widgets/gadgetFactories");
        assert_eq!(t, ResourceType::new("CONTOSO.WIDGETS/GADGETFACTORIES"));
    }

    #[test]
    fn portal_display_names_map_to_types() {
        assert_eq!(
            ResourceType::from_portal_name("Virtual machine").unwrap().as_str(),
            "Microsoft.Compute/virtualMachines"
        );
        assert_eq!(
            ResourceType::from_portal_name("network interface").unwrap().as_str(),
            "Microsoft.Network/networkInterfaces"
        );
        assert_eq!(
            ResourceType::from_portal_name("Storage account").unwrap().as_str(),
            "Microsoft.Storage/storageAccounts"
        );
    }

    #[test]
    fn child_types_know_their_parent() {
        let subnet = ResourceType::new("Microsoft.Network/virtualNetworks/subnets");
        assert!(subnet.is_child());
        assert_eq!(subnet.parent().unwrap().as_str(), "Microsoft.Network/virtualNetworks");
        assert!(subnet.parent().unwrap().parent().is_none());
    }
}
