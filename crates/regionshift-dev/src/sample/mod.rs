//! The sample estate RegionShift ships with: `data/sample-estate.json`.
//!
//! Everything in it is fictional: the company ("Contoso Retail"), the subscription and
//! tenant GUIDs, names, addresses, keys and e-mail addresses are made up. Only the shapes
//! are real: the file is what `az graph query -q "Resources | project id, name, type,
//! location, resourceGroup, subscriptionId, kind, sku, zones, tags, identity, managedBy,
//! plan, properties" -o json` prints for an estate of this kind, with property bodies
//! shaped like Resource Graph rows.
//!
//! The estate is a global-Azure retail company about to move into Azure China. It runs
//! mostly in eastus, with store back-ends in westeurope and southeastasia, and holds on
//! purpose the things a move into Azure China trips over: VM sizes, disk SKUs, storage
//! redundancy and App Service tiers China lacks or has in one region only, services China
//! does not offer, a Basic public IP and a classic cloud service.
//!
//! Every reference is consistent: NICs point at existing subnets, VMs at their NICs and
//! disks, disks back at their VMs, private endpoints at their targets and subnets, web
//! apps at their plans and integration subnets, monitoring at its workspace. [`generate`]
//! checks that (`check.rs`) before it returns the text.
//!
//! Deterministic: GUIDs are UUIDv5 (SHA-1, RFC 9562) of the resource names and timestamps
//! derive from names (`ids.rs`), so generating twice gives the same bytes. The text is
//! written the way Python's `json.dumps(document, indent=1, sort_keys=True,
//! ensure_ascii=False)` writes it, plus a newline (`json.rs`): keys sorted, one space of
//! indent, floats as Python's `repr`, non-ASCII kept as is. The file is byte for byte what
//! the Python script this module replaced wrote, so the port changed no byte.
//!
//! ```text
//! cargo run -p regionshift-dev -- sample            # writes data/sample-estate.json
//! cargo run -p regionshift-dev -- sample --check    # fails if the file is stale
//! ```
//!
//! The estate is built in sections, one module each: `ids` (names, GUIDs, tags,
//! identities), `network` (hub and spokes, gateways, private endpoints, the VNets written
//! last), `monitoring`, `compute`, `data`, `web`, `containers`, `integration` and
//! `services` (edge, AI and the rest). Resources may be added in any order, since the
//! file sorts them; what a section appends to a list another resource shows (a subnet's
//! IP configurations, a load balancer's back end, the private endpoints in a subnet)
//! follows the order [`generate`] runs the sections in.

mod check;
mod compute;
mod containers;
mod data;
mod ids;
mod integration;
mod json;
mod monitoring;
mod network;
mod services;
mod web;

#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

/// Where the sample estate lives, relative to the repository root.
pub const PATH: &str = "data/sample-estate.json";

/// The text of `data/sample-estate.json`, or what is inconsistent in the estate.
pub fn generate() -> Result<String, String> {
    let mut estate = Estate::default();
    ids::managed_identities(&mut estate);
    network::hub_and_spokes(&mut estate);
    monitoring::workspaces(&mut estate);
    compute::machines(&mut estate);
    data::stores(&mut estate);
    web::apps(&mut estate);
    containers::clusters(&mut estate);
    integration::messaging_and_apis(&mut estate);
    network::application_gateway(&mut estate);
    services::edge_ai_and_others(&mut estate);
    monitoring::alerts(&mut estate);
    network::private_endpoints(&mut estate);
    network::virtual_networks(&mut estate);
    let records = estate.into_records()?;
    check::check(&records)?;
    let count = records.len();
    let document = json!({"count": count, "data": records, "skip_token": null, "total_records": count});
    Ok(json::to_string(&document) + "\n")
}

/// How many resources and resource types a generated text holds, for the command's report.
pub fn summary(text: &str) -> Option<(usize, usize)> {
    let document: Value = serde_json::from_str(text).ok()?;
    let data = document.get("data")?.as_array()?;
    let mut types: Vec<&str> = data.iter().filter_map(|r| r.get("type")?.as_str()).collect();
    types.sort_unstable();
    types.dedup();
    Some((data.len(), types.len()))
}

/// The estate while it is built: its records and the back-references other resources
/// collect before the resources that show them are written.
#[derive(Default)]
struct Estate {
    records: Vec<Map<String, Value>>,
    /// Position in `records` by lower-cased id: ids compare ignoring case.
    index: HashMap<String, usize>,
    problems: Vec<String>,
    /// IP configurations in each subnet, in the order they were added.
    subnet_ipconfigs: HashMap<String, Vec<Value>>,
    /// Private endpoints in each subnet, in the order they were added.
    subnet_endpoints: HashMap<String, Vec<Value>>,
    /// Subnets and NICs that use each network security group.
    nsg_users: BTreeMap<String, NsgUsers>,
    /// Subnets that use each route table.
    route_table_users: BTreeMap<String, Vec<Value>>,
    /// NIC IP configurations in each load balancer back-end pool.
    pool_members: HashMap<String, Vec<String>>,
    /// Private endpoints, written with their NICs and DNS zones once all are known.
    private_endpoints: Vec<network::PrivateEndpoint>,
}

#[derive(Default)]
struct NsgUsers {
    subnets: Vec<Value>,
    network_interfaces: Vec<Value>,
}

impl Estate {
    /// Adds a resource with the columns of a Resource Graph row; the returned handle sets
    /// the optional ones. The resource group and subscription come from the id.
    fn add(&mut self, id: &str, resource_type: &str, location: &str, properties: Value) -> Added<'_> {
        let parts: Vec<&str> = id.split('/').collect();
        let part = |n: usize| parts.get(n).copied().unwrap_or_default();
        let record = Map::from_iter([
            ("id".to_string(), json!(id)),
            ("name".to_string(), json!(parts.last().copied().unwrap_or_default())),
            ("type".to_string(), json!(resource_type.to_lowercase())),
            ("location".to_string(), json!(location)),
            ("resourceGroup".to_string(), json!(part(4))),
            ("subscriptionId".to_string(), json!(part(2))),
            ("kind".to_string(), json!("")),
            ("sku".to_string(), Value::Null),
            ("zones".to_string(), Value::Null),
            ("tags".to_string(), json!({})),
            ("identity".to_string(), Value::Null),
            ("managedBy".to_string(), json!("")),
            ("plan".to_string(), Value::Null),
            ("properties".to_string(), properties),
        ]);
        let at = match self.index.get(&id.to_lowercase()) {
            Some(&at) => {
                self.problems.push(format!("duplicate id {id}"));
                self.records[at] = record;
                at
            }
            None => {
                self.index.insert(id.to_lowercase(), self.records.len());
                self.records.push(record);
                self.records.len() - 1
            }
        };
        Added(&mut self.records[at])
    }

    /// The properties of a resource already added.
    fn properties_mut(&mut self, id: &str) -> Option<&mut Map<String, Value>> {
        let at = *self.index.get(&id.to_lowercase())?;
        self.records[at].get_mut("properties")?.as_object_mut()
    }

    /// Records that an IP configuration sits in a subnet (the subnet lists it).
    fn use_subnet(&mut self, subnet: &str, ipconfig: &str) {
        self.subnet_ipconfigs.entry(subnet.to_string()).or_default().push(ids::link(ipconfig));
    }

    /// The records in file order: production subscription first, then by resource group,
    /// type and id, ignoring case; or the problems met while building them.
    fn into_records(self) -> Result<Vec<Value>, String> {
        if !self.problems.is_empty() {
            return Err(self.problems.join("\n"));
        }
        let text =
            |record: &Map<String, Value>, key: &str| record.get(key).and_then(Value::as_str).unwrap_or("").to_string();
        let mut keyed: Vec<_> = self
            .records
            .into_iter()
            .map(|record| {
                let key = (
                    text(&record, "subscriptionId") != ids::SUB,
                    text(&record, "resourceGroup").to_lowercase(),
                    text(&record, "type"),
                    text(&record, "id").to_lowercase(),
                );
                (key, record)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(keyed.into_iter().map(|(_, record)| Value::Object(record)).collect())
    }
}

/// A resource just added, to set its optional columns.
struct Added<'a>(&'a mut Map<String, Value>);

impl Added<'_> {
    fn set(self, key: &str, value: Value) -> Self {
        self.0.insert(key.to_string(), value);
        self
    }

    fn kind(self, kind: &str) -> Self {
        self.set("kind", json!(kind))
    }

    fn sku(self, sku: Value) -> Self {
        self.set("sku", sku)
    }

    /// Availability zones: a list of zone names, or null.
    fn zones(self, zones: Value) -> Self {
        self.set("zones", zones)
    }

    /// Tags; null stands for none.
    fn tags(self, tags: &Value) -> Self {
        let tags = if tags.is_null() { json!({}) } else { tags.clone() };
        self.set("tags", tags)
    }

    /// The identity block; null stands for none.
    fn identity(self, identity: Value) -> Self {
        self.set("identity", identity)
    }

    fn managed_by(self, owner: &str) -> Self {
        self.set("managedBy", json!(owner))
    }

    /// A name other than the id's last segment (child resources such as slots).
    fn name(self, name: &str) -> Self {
        self.set("name", json!(name))
    }

    /// No location: extension resources such as diagnostic settings have none.
    fn no_location(self) -> Self {
        self.set("location", Value::Null)
    }
}
