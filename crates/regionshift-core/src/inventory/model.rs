//! The validated inventory model: resources with parsed ids, canonical types and
//! normalised locations, built only by `inventory::normalize`.

use std::collections::BTreeMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;

use super::ResourceId;

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
        let file: TypeTableFile = serde_json::from_str(include_str!("../../../../data/resource-types.json"))
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

/// An Azure location in its programmatic form (`chinanorth3`), whatever form it
/// was written in (`China North 3`, `ChinaNorth3`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct Location(String);

/// Read through [`Location::new`], so a saved location is normalised like any other.
impl<'de> Deserialize<'de> for Location {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let text = String::deserialize(deserializer)?;
        Location::new(&text).ok_or_else(|| serde::de::Error::custom("a location cannot be empty"))
    }
}

impl Location {
    /// Normalises a location: lowercase, without spaces or punctuation, and without
    /// a geography prefix such as `(Asia Pacific) `. Returns `None` for an empty text.
    pub fn new(text: &str) -> Option<Location> {
        let mut text = text.trim();
        if text.starts_with('(') {
            if let Some(end) = text.find(')') {
                text = text[end + 1..].trim();
            }
        }
        let name: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect();
        (!name.is_empty()).then_some(Location(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Resources such as DNS zones and Front Door live in `global`.
    pub fn is_global(&self) -> bool {
        self.0 == "global"
    }
}

impl fmt::Debug for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Location({})", self.0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A resource's SKU block (`sku` in ARM), kept as Azure spells it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sku {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<i64>,
}

/// Where a resource's id came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdOrigin {
    /// The export carried the id.
    Exported,
    /// Built from a template's `resourceId()` evaluation or names; the subscription
    /// and resource group may be symbolic (`{subscriptionId}`).
    Template,
    /// Built from a name, type and group because the export had no id (portal CSV).
    Synthesised,
}

/// Where one record of a resource was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub file: String,
    /// The record's position in the file: an array index, a CSV line, a template path.
    pub record: String,
}

/// A dependency a template declared with `dependsOn`, resolved to an id where possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeclaredDependency {
    /// The `dependsOn` entry after evaluation.
    pub text: String,
    /// The id it resolved to, if it names a resource of the same template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<ResourceId>,
}

/// One Azure resource, validated.
#[derive(Debug, Clone, Serialize)]
pub struct Resource {
    pub id: ResourceId,
    pub id_origin: IdOrigin,
    pub name: String,
    #[serde(rename = "type")]
    pub resource_type: ResourceType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resource_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription: Option<String>,
    /// The subscription's display name, when the export gave a name (portal CSV).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscription_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<Sku>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub zones: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Box<RawValue>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Box<RawValue>>,
    /// The resource's `properties` exactly as exported; `None` when the export had none
    /// (`az resource list`, portal CSV).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Box<RawValue>>,
    /// The API version a template deploys the resource with (templates only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<DeclaredDependency>,
    pub sources: Vec<SourceRef>,
}

impl Resource {
    /// The `properties` parsed into a JSON tree, when the export had them.
    pub fn properties_value(&self) -> Option<serde_json::Value> {
        self.properties.as_ref().and_then(|raw| serde_json::from_str(raw.get()).ok())
    }
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
    fn locations_normalise_every_spelling() {
        for spelling in ["China North 3", "chinanorth3", "ChinaNorth3", " china north 3 "] {
            assert_eq!(Location::new(spelling).unwrap().as_str(), "chinanorth3");
        }
        assert_eq!(Location::new("(US) East US 2").unwrap().as_str(), "eastus2");
        assert!(Location::new("  ").is_none());
        assert!(Location::new("Global").unwrap().is_global());
    }

    #[test]
    fn child_types_know_their_parent() {
        let subnet = ResourceType::new("Microsoft.Network/virtualNetworks/subnets");
        assert!(subnet.is_child());
        assert_eq!(subnet.parent().unwrap().as_str(), "Microsoft.Network/virtualNetworks");
        assert!(subnet.parent().unwrap().parent().is_none());
    }
}
