//! The validated inventory model: resources with parsed ids, canonical types and
//! normalised locations, built only by `inventory::normalize`.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::azure::{Location, ResourceId, ResourceType};

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
    /// Built from a name, type and group because the export had no id (portal CSV,
    /// `--query` projections without `id`, `-o table`). Such a resource is never merged
    /// with another record: nothing says the two are the same resource.
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
    /// Why this is a resource Azure recreates by itself with its parent (a SQL
    /// server's `master` database): moving it moves no data and needs no work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub system: Option<String>,
    pub sources: Vec<SourceRef>,
}

impl Resource {
    /// The `properties` parsed into a JSON tree, when the export had them.
    pub fn properties_value(&self) -> Option<serde_json::Value> {
        self.properties.as_ref().and_then(|raw| serde_json::from_str(raw.get()).ok())
    }
}
