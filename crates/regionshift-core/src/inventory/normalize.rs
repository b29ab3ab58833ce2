//! The one place raw export records become validated resources: ids parsed (or
//! synthesised and marked so), types canonical, locations normalised, SKUs and tags
//! read from whatever form the export wrote them in, and `properties` rebuilt for the
//! exports that flatten them (az CLI per-service lists, PowerShell objects).

use std::collections::BTreeMap;

use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::raw::{kind_of, Marks, RawResource};
use super::{system, DeclaredDependency, IdOrigin, Resource, Sku, SourceRef};
use crate::azure::{Location, ResourceId, ResourceType};

/// Why a record could not become a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub message: String,
    pub hint: Option<String>,
}

/// Problems inside a record that was kept.
pub type Notes = Vec<String>;

/// What normalising a record found that the importer reports once per file rather
/// than once per record.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Findings {
    /// Values PowerShell's `ConvertTo-Json` cut at its depth limit (written as a .NET
    /// type name such as `Microsoft.Azure.Management.Compute.Models.OSDisk`) that were
    /// left out.
    pub truncated: usize,
    /// Tags written as a .NET type name (`System.Collections.Hashtable`): the resource
    /// has tags whose names and values the export lost.
    pub tags_lost: bool,
    /// `properties` were rebuilt from the record's top-level members.
    pub flattened: bool,
}

/// A record made into a resource.
#[derive(Debug)]
pub struct Normalized {
    pub resource: Resource,
    pub notes: Notes,
    pub findings: Findings,
}

const VIRTUAL_MACHINES: &str = "Microsoft.Compute/virtualMachines";

/// Builds a resource from a record.
pub fn resource(raw: RawResource, source: SourceRef) -> Result<Normalized, Rejection> {
    let mut notes = Notes::new();
    let mut findings = Findings::default();
    let name_text = text(&raw.name);
    let (members, vm_size, os_type) = match raw.extra {
        Some(extra) => (extra.members, text(&extra.vm_size), text(&extra.os_type)),
        None => (Vec::new(), None, None),
    };
    // A record that names a VM size and no type is a virtual machine
    // (`az vm list --query "[].{Name:name, RG:resourceGroup, Size:hardwareProfile.vmSize}"`).
    let type_text = text(&raw.resource_type).or_else(|| vm_size.as_ref().map(|_| VIRTUAL_MACHINES.to_string()));
    let group_text = text(&raw.resource_group);
    let subscription_text = text(&raw.subscription_id);

    let (id, id_origin) = match &raw.id {
        Some(Value::String(id_text)) if !id_text.trim().is_empty() => {
            match parse_or_repair(id_text, &mut notes) {
                Ok(id) => (id, if raw.from_template { IdOrigin::Template } else { IdOrigin::Exported }),
                Err(error) => return Err(Rejection {
                    message: format!("its id {id_text:?} is not an Azure resource id: {error}"),
                    hint: Some(
                        "ids look like /subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}"
                            .into(),
                    ),
                }),
            }
        }
        Some(Value::Null) | None => match (&name_text, &type_text) {
            (Some(name), Some(resource_type)) => {
                let subscription = subscription_text.as_deref().or(raw.subscription_name.as_deref());
                (synthesise_id(name, resource_type, group_text.as_deref(), subscription)?, IdOrigin::Synthesised)
            }
            _ => {
                let missing = match (&name_text, &type_text) {
                    (None, None) => "id, name or type",
                    (None, _) => "id or name",
                    _ => "id or type",
                };
                return Err(Rejection {
                    message: format!("it has no {missing}"),
                    hint: Some(
                        "Resource Graph queries must project at least id (or name, type and resourceGroup)".into(),
                    ),
                });
            }
        },
        Some(other) => {
            return Err(Rejection { message: format!("its id is {} instead of a string", kind_of(other)), hint: None })
        }
    };

    let id_type = id.resource_type();
    let resource_type = match &type_text {
        Some(t) if ResourceType::new(t) != id_type && id.depth() > 0 => {
            notes.push(format!("its type {t:?} differs from the type in its id ({id_type}); the id's type is used"));
            id_type
        }
        _ => id_type,
    };
    if id.depth() == 0
        && !matches!(resource_type.key(), "microsoft.resources/resourcegroups" | "microsoft.resources/subscriptions")
    {
        return Err(Rejection { message: format!("its id {id} names no resource"), hint: None });
    }

    let name = name_text.unwrap_or_else(|| if id.depth() > 1 { id.full_name() } else { id.name().to_string() });
    let location = match text(&raw.location) {
        Some(text) => {
            let location = Location::new(&text);
            if location.is_none() {
                notes.push(format!("its location {text:?} is not a region name"));
            }
            location
        }
        None => None,
    };
    // A synthesised id's group is a placeholder unless the record named one.
    let resource_group = group_text.or_else(|| {
        (id_origin != IdOrigin::Synthesised || id.depth() == 0).then(|| id.resource_group().map(str::to_string))?
    });
    let subscription = match (subscription_text, id_origin) {
        (Some(text), _) => Some(text),
        // A synthesised id holds a placeholder or a display name, not a subscription id.
        (None, IdOrigin::Synthesised) => None,
        (None, _) => id.subscription().map(str::to_string),
    };
    let sku = sku(tree(&raw.sku).as_ref(), &mut notes, &mut findings);
    let zones = zones(tree(&raw.zones).as_ref(), &mut notes);
    let tags = tags(tree(&raw.tags).as_ref(), &mut notes, &mut findings);
    let kind = text(&raw.kind);
    let properties = match raw.properties {
        Some(properties) if raw.marks.contains(Marks::POWERSHELL) => {
            Some(without_type_names(properties, &mut findings))
        }
        Some(properties) => Some(properties),
        // A projection's extra columns are the author's, not the resource's properties.
        None if raw.id.is_none() || raw.marks.contains(Marks::ALIAS) => None,
        None => rebuilt_properties(members, raw.marks.contains(Marks::CAPITALISED), &mut findings),
    };
    let properties = with_named_size(properties, &resource_type, vm_size, os_type, &mut notes);
    let depends_on = raw
        .depends_on
        .into_iter()
        .map(|text| {
            let id = ResourceId::parse(&text).ok();
            DeclaredDependency { text, id }
        })
        .collect();
    let system = system::reason(&id, &resource_type, kind.as_deref()).map(str::to_string);
    let resource = Resource {
        id,
        id_origin,
        name,
        resource_type,
        location,
        resource_group,
        subscription,
        subscription_name: raw.subscription_name,
        kind,
        sku,
        zones,
        tags,
        identity: raw.identity,
        managed_by: text(&raw.managed_by),
        plan: raw.plan,
        properties,
        api_version: text(&raw.api_version),
        depends_on,
        system,
        sources: vec![source],
    };
    Ok(Normalized { resource, notes, findings })
}

/// Members of a record that say nothing about the resource when they are all it has:
/// `az resource list` writes `provisioningState` next to `"properties": null`.
fn is_listing_member(key: &str, value: &RawValue) -> bool {
    value.get() == "null" || key.eq_ignore_ascii_case("provisioningState")
}

/// PowerShell member names that differ from the ARM property they hold.
const POWERSHELL_RENAMES: &[(&str, &str)] = &[("AvailabilitySetReference", "availabilitySet")];

/// Rebuilds `properties` from the top-level members of a flattened record (`az vm
/// list`, `az network nic list`, `Get-AzVM | ConvertTo-Json`), in the ARM shape the
/// rest of the pipeline reads: a VM's `hardwareProfile.vmSize` under `properties`, a
/// NIC's `ipConfigurations[].properties.subnet.id`. `None` when the record has no
/// members that describe the resource.
fn rebuilt_properties(
    members: Vec<(String, Box<RawValue>)>,
    powershell: bool,
    findings: &mut Findings,
) -> Option<Box<RawValue>> {
    if members.iter().all(|(key, value)| is_listing_member(key, value)) {
        return None;
    }
    let mut properties = Map::with_capacity(members.len());
    for (key, raw) in members {
        let Ok(mut value) = serde_json::from_str::<Value>(raw.get()) else { continue };
        findings.truncated += drop_type_names(&mut value);
        arm_shape(&mut value);
        let key = POWERSHELL_RENAMES
            .iter()
            .find(|(powershell, _)| powershell.eq_ignore_ascii_case(&key))
            .map_or(key, |(_, arm)| (*arm).to_string());
        properties.insert(key, value);
    }
    if powershell {
        os_type_as_text(&mut properties);
    }
    findings.flattened = true;
    serde_json::value::to_raw_value(&Value::Object(properties)).ok()
}

/// `ConvertTo-Json` writes enums as numbers unless told otherwise: a VM's OS disk type
/// 0 is Windows and 1 Linux (`OperatingSystemTypes`).
fn os_type_as_text(properties: &mut Map<String, Value>) {
    fn member(object: &Map<String, Value>, key: &str) -> Option<String> {
        object.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned()
    }
    let Some(storage) = member(properties, "storageProfile") else { return };
    let Some(Value::Object(storage)) = properties.get_mut(&storage) else { return };
    let Some(disk) = member(storage, "osDisk") else { return };
    let Some(Value::Object(disk)) = storage.get_mut(&disk) else { return };
    let Some(os) = member(disk, "osType") else { return };
    if let Some(slot) = disk.get_mut(&os) {
        match slot.as_u64() {
            Some(0) => *slot = Value::from("Windows"),
            Some(1) => *slot = Value::from("Linux"),
            _ => {}
        }
    }
}

/// A PowerShell object's `Properties` (`Get-AzResource -ExpandProperties`) without the
/// values `ConvertTo-Json` cut at its depth limit.
fn without_type_names(properties: Box<RawValue>, findings: &mut Findings) -> Box<RawValue> {
    let Ok(mut value) = serde_json::from_str::<Value>(properties.get()) else { return properties };
    let dropped = drop_type_names(&mut value);
    if dropped == 0 {
        return properties;
    }
    findings.truncated += dropped;
    serde_json::value::to_raw_value(&value).unwrap_or(properties)
}

/// Replaces every string that is a .NET type name or a PowerShell object's text form
/// with `null`, returning how many there were: that is what `ConvertTo-Json` writes
/// for anything deeper than its `-Depth` (2 unless given), and it is not a value.
fn drop_type_names(value: &mut Value) -> usize {
    match value {
        Value::String(text) if is_type_name(text) || (text.starts_with("@{") && text.ends_with('}')) => {
            *value = Value::Null;
            1
        }
        Value::Array(items) => items.iter_mut().map(drop_type_names).sum(),
        Value::Object(members) => members.values_mut().map(drop_type_names).sum(),
        _ => 0,
    }
}

/// Is this the text PowerShell writes for an object it did not serialise: a .NET type
/// name (`Microsoft.Azure.Management.Compute.Models.OSDisk`,
/// `System.Collections.Generic.List`1[...]`), or several of them for a list?
pub fn is_type_name(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text.split(' ').all(|part| {
            (part.starts_with("System.Collections.")
                || part.starts_with("Microsoft.Azure.Commands.")
                || part.starts_with("Microsoft.Azure.Management.")
                || part.contains(".Models."))
                && part.chars().all(|c| c.is_ascii_alphanumeric() || "._`[],+".contains(c))
        })
}

/// Moves a flattened sub-resource's members back under its `properties`, as ARM
/// writes them, and drops the `resourceGroup` az CLI adds to every object with an id.
/// A sub-resource is an object with an `id` and a `name`, `etag` or `type` (a subnet,
/// an IP configuration, a security rule); an object with only an id and settings (a
/// VM's `managedDisk`) keeps its shape, as it has in ARM.
fn arm_shape(value: &mut Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(arm_shape),
        Value::Object(members) => {
            members.values_mut().for_each(arm_shape);
            let has_id = members
                .iter()
                .any(|(k, v)| k.eq_ignore_ascii_case("id") && v.as_str().is_some_and(|id| id.starts_with('/')));
            if !has_id {
                return;
            }
            if let Some(key) = members.keys().find(|k| *k == "resourceGroup").cloned() {
                members.remove(&key);
            }
            let has = |key: &str| members.keys().any(|k| k.eq_ignore_ascii_case(key));
            if has("properties") || !(has("name") || has("etag") || has("type")) {
                return;
            }
            const ENVELOPE: &[&str] = &["id", "name", "etag", "type", "zones", "location", "tags", "sku", "kind"];
            let keys: Vec<String> =
                members.keys().filter(|k| !ENVELOPE.iter().any(|e| e.eq_ignore_ascii_case(k))).cloned().collect();
            if keys.is_empty() {
                return;
            }
            let mut inner = Map::with_capacity(keys.len());
            for key in keys {
                if let Some(v) = members.remove(&key) {
                    inner.insert(key, v);
                }
            }
            members.insert("properties".to_string(), Value::Object(inner));
        }
        _ => {}
    }
}

/// Puts a VM size or OS named outside `properties` (a projection's `Size`, the portal
/// Virtual machines page's SIZE and OPERATING SYSTEM) where ARM keeps them.
fn with_named_size(
    properties: Option<Box<RawValue>>,
    resource_type: &ResourceType,
    vm_size: Option<String>,
    os_type: Option<String>,
    notes: &mut Notes,
) -> Option<Box<RawValue>> {
    if vm_size.is_none() && os_type.is_none() {
        return properties;
    }
    if resource_type.key() != "microsoft.compute/virtualmachines" {
        if let Some(size) = vm_size {
            notes.push(format!("its size {size:?} was not used: only a virtual machine's size is read"));
        }
        return properties;
    }
    let mut tree = match properties.as_ref().map(|p| serde_json::from_str::<Value>(p.get())) {
        Some(Ok(Value::Object(members))) => members,
        Some(_) => return properties,
        None => Map::new(),
    };
    let mut changed = false;
    let mut set = |path: &[&str], text: String| {
        let Some((last, parents)) = path.split_last() else { return };
        let mut at = &mut tree;
        for key in parents {
            let found = at.keys().find(|k| k.eq_ignore_ascii_case(key)).cloned().unwrap_or_else(|| key.to_string());
            let slot = at.entry(found).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            let Value::Object(next) = slot else { return };
            at = next;
        }
        if !at.keys().any(|k| k.eq_ignore_ascii_case(last)) {
            at.insert(last.to_string(), Value::String(text));
            changed = true;
        }
    };
    if let Some(size) = vm_size {
        set(&["hardwareProfile", "vmSize"], size);
    }
    if let Some(os) = os_type {
        set(&["storageProfile", "osDisk", "osType"], os);
    }
    if !changed {
        return properties;
    }
    serde_json::value::to_raw_value(&Value::Object(tree)).ok().or(properties)
}

/// Parses an id, repairing the one malformation seen in real exports: a doubled
/// `/providers/providers/` segment.
fn parse_or_repair(text: &str, notes: &mut Notes) -> Result<ResourceId, crate::azure::IdError> {
    let error = match ResourceId::parse(text) {
        Ok(id) => return Ok(id),
        Err(error) => error,
    };
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find("/providers/providers/") {
        // `to_ascii_lowercase` keeps every byte where it was, so `at` is a boundary in `text`.
        let before = text.get(..at).unwrap_or_default();
        let after = text.get(at + "/providers".len()..).unwrap_or_default();
        let repaired = format!("{before}{after}");
        if let Ok(id) = ResourceId::parse(&repaired) {
            notes.push(format!("its id has a doubled 'providers' segment and was read as {repaired}"));
            return Ok(id);
        }
    }
    Err(error)
}

fn synthesise_id(
    name: &str,
    resource_type: &str,
    group: Option<&str>,
    subscription: Option<&str>,
) -> Result<ResourceId, Rejection> {
    let resource_type = ResourceType::new(resource_type);
    let subscription = subscription.unwrap_or("{subscription}").replace('/', "-");
    if resource_type.key() == "microsoft.resources/resourcegroups" {
        let id = format!("/subscriptions/{subscription}/resourceGroups/{}", name.replace('/', "-"));
        return ResourceId::parse(&id)
            .map_err(|error| Rejection { message: format!("no id can be built from its name: {error}"), hint: None });
    }
    let mut segments = resource_type.as_str().split('/');
    let namespace = segments.next().unwrap_or_default();
    let types: Vec<&str> = segments.collect();
    // A type only known by its display name has one segment; its name is kept whole.
    let unknown = namespace == super::UNKNOWN_NAMESPACE;
    let single;
    let names: Vec<&str> = if unknown {
        single = name.replace('/', "-");
        vec![single.as_str()]
    } else {
        name.split('/').collect()
    };
    if types.is_empty() || names.len() != types.len() || names.iter().any(|n| n.trim().is_empty()) {
        return Err(Rejection {
            message: format!(
                "its name {name:?} does not fit its type {resource_type} (a child type needs parent/child names)"
            ),
            hint: Some(
                "export the portal CSV with the Resource link column shown, or use Resource Graph, so child resources carry their parent"
                    .into(),
            ),
        });
    }
    let mut id = format!(
        "/subscriptions/{subscription}/resourceGroups/{}/providers/{namespace}",
        group.unwrap_or("{resourceGroup}").replace('/', "-")
    );
    for (t, n) in types.iter().zip(&names) {
        id.push('/');
        id.push_str(t);
        id.push('/');
        id.push_str(n);
    }
    ResourceId::parse(&id).map_err(|error| Rejection {
        message: format!("no id can be built from its name and type: {error}"),
        hint: None,
    })
}

fn text(value: &Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// A small field the reader kept as text, as a tree.
fn tree(raw: &Option<Box<serde_json::value::RawValue>>) -> Option<Value> {
    raw.as_ref().and_then(|raw| serde_json::from_str(raw.get()).ok())
}

/// A member of an object, whatever the case of its key (`Name` in PowerShell objects).
fn member<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    object.get(key).or_else(|| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
}

fn sku(value: Option<&Value>, notes: &mut Notes, findings: &mut Findings) -> Option<Sku> {
    match value? {
        Value::Null => None,
        Value::String(name) if name.trim().is_empty() => None,
        Value::String(name) if is_type_name(name) => {
            findings.truncated += 1;
            None
        }
        Value::String(name) => Some(Sku { name: Some(name.trim().to_string()), ..Sku::default() }),
        Value::Object(object) => {
            let field = |key: &str| member(object, key).and_then(|v| text(&Some(v.clone())));
            let capacity = member(object, "capacity").and_then(|v| match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            });
            let sku = Sku {
                name: field("name"),
                tier: field("tier"),
                size: field("size"),
                family: field("family"),
                capacity,
            };
            (sku != Sku::default()).then_some(sku)
        }
        other => {
            notes.push(format!("its sku is {} and was ignored", kind_of(other)));
            None
        }
    }
}

fn zones(value: Option<&Value>, notes: &mut Notes) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| match item {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
            .collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(Value::String(zone)) => vec![zone.clone()],
        Some(other) => {
            notes.push(format!("its zones are {} and were ignored", kind_of(other)));
            Vec::new()
        }
    }
}

fn tags(value: Option<&Value>, notes: &mut Notes, findings: &mut Findings) -> BTreeMap<String, String> {
    match value {
        Some(Value::Object(object)) => object
            .iter()
            .map(|(key, value)| {
                let value = match value {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    other => other.to_string(),
                };
                (key.clone(), value)
            })
            .collect(),
        Some(Value::Null) | None => BTreeMap::new(),
        Some(Value::String(text)) if text.trim().is_empty() => BTreeMap::new(),
        Some(Value::String(text)) if is_type_name(text) => {
            findings.tags_lost = true;
            BTreeMap::new()
        }
        Some(Value::String(text)) => match tag_text(text) {
            Some(tags) => tags,
            None => {
                notes.push(format!("its tags {text:?} are not name=value pairs and were ignored"));
                BTreeMap::new()
            }
        },
        Some(other) => {
            notes.push(format!("its tags are {} and were ignored", kind_of(other)));
            BTreeMap::new()
        }
    }
}

/// Tags written as text: `env=prod;team=a` (a PowerShell projection joining them),
/// `@{env=prod; team=a}` (a hashtable's text form) or `env: prod; team: a`.
fn tag_text(text: &str) -> Option<BTreeMap<String, String>> {
    let text = text.trim();
    let inner = text.strip_prefix("@{").and_then(|t| t.strip_suffix('}')).unwrap_or(text);
    let mut tags = BTreeMap::new();
    for pair in inner.split(';').map(str::trim).filter(|pair| !pair.is_empty()) {
        let (key, value) = pair.split_once('=').or_else(|| pair.split_once(':'))?;
        let key = key.trim();
        if key.is_empty() {
            return None;
        }
        tags.insert(key.to_string(), value.trim().to_string());
    }
    (!tags.is_empty()).then_some(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn source() -> SourceRef {
        SourceRef { file: "f.json".into(), record: "[0]".into() }
    }

    fn raw(value: Value) -> RawResource {
        match value {
            Value::Object(object) => RawResource::from_object(object),
            _ => unreachable!(),
        }
    }

    /// Reads a record the way the JSON reader does, keys and all.
    fn read(value: Value) -> RawResource {
        match serde_json::from_value::<super::super::raw::RawEntry>(value).unwrap() {
            super::super::raw::RawEntry::Record(record) => *record,
            super::super::raw::RawEntry::NotAnObject(kind) => panic!("{kind}"),
        }
    }

    fn normalized(raw: RawResource) -> Normalized {
        resource(raw, source()).unwrap_or_else(|rejection| panic!("{rejection:?}"))
    }

    #[test]
    fn builds_a_resource_from_an_exported_record() {
        let Normalized { resource, notes, .. } = normalized(raw(json!({
            "id": "/subscriptions/S/resourceGroups/RG/providers/microsoft.compute/virtualmachines/vm1",
            "name": "vm1", "type": "microsoft.compute/virtualmachines", "location": "China North 3",
            "sku": {"name": "Standard_D2s_v5", "capacity": "2"}, "zones": ["1", 2], "tags": {"env": "prod", "n": 3}
        })));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(resource.resource_type.as_str(), "Microsoft.Compute/virtualMachines");
        assert_eq!(resource.location.unwrap().as_str(), "chinanorth3");
        assert_eq!(resource.resource_group.as_deref(), Some("RG"));
        assert_eq!(resource.subscription.as_deref(), Some("S"));
        assert_eq!(resource.sku.unwrap().capacity, Some(2));
        assert_eq!(resource.zones, ["1", "2"]);
        assert_eq!(resource.tags["n"], "3");
        assert_eq!(resource.id_origin, IdOrigin::Exported);
    }

    #[test]
    fn synthesises_ids_for_records_without_one() {
        let resource = normalized(raw(
            json!({"name": "srv/db1", "type": "Microsoft.Sql/servers/databases", "resourceGroup": "data"}),
        ))
        .resource;
        assert_eq!(resource.id_origin, IdOrigin::Synthesised);
        assert_eq!(resource.id.parent().unwrap().name(), "srv");
        assert_eq!(resource.resource_group.as_deref(), Some("data"));
    }

    #[test]
    fn rejects_records_that_name_nothing() {
        for record in [
            json!({}),
            json!({"id": 7}),
            json!({"id": "not-an-id"}),
            json!({"name": "x"}),
            json!({"name": "a", "type": "Microsoft.Sql/servers/databases"}),
        ] {
            assert!(resource(raw(record.clone()), source()).is_err(), "{record} accepted");
        }
    }

    #[test]
    fn repairs_a_doubled_providers_segment_with_a_note() {
        let Normalized { resource, notes, .. } = normalized(raw(
            json!({"id": "/subscriptions/s/resourceGroups/g/providers/providers/microsoft.insights/metricalerts/cpu"}),
        ));
        assert_eq!(resource.resource_type.as_str(), "Microsoft.Insights/metricAlerts");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn notes_odd_fields_but_keeps_the_resource() {
        let notes = normalized(
            raw(json!({"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a", "type": "Microsoft.Web/serverFarms", "tags": [1], "zones": {"a": 1}})),
        )
        .notes;
        assert_eq!(notes.len(), 3, "{notes:?}");
    }

    #[test]
    fn rebuilds_the_properties_of_a_flattened_az_cli_object_in_arm_shape() {
        let nic = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/nic1";
        let subnet = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a";
        let Normalized { resource, findings, .. } = normalized(read(json!({
            "id": nic, "name": "nic1", "type": "Microsoft.Network/networkInterfaces", "resourceGroup": "rg",
            "location": "eastus", "etag": "W/1", "provisioningState": "Succeeded",
            "ipConfigurations": [{"id": format!("{nic}/ipConfigurations/ipconfig1"), "name": "ipconfig1", "etag": "W/1",
                "privateIpAddress": "10.0.0.4", "subnet": {"id": subnet, "resourceGroup": "rg"}, "resourceGroup": "rg"}],
            "virtualMachine": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1", "resourceGroup": "rg"}
        })));
        assert!(findings.flattened);
        let properties = resource.properties_value().unwrap();
        assert_eq!(properties["ipConfigurations"][0]["properties"]["subnet"], json!({"id": subnet}));
        assert_eq!(properties["ipConfigurations"][0]["name"], "ipconfig1");
        assert_eq!(properties["provisioningState"], "Succeeded");
        assert!(properties["virtualMachine"].get("resourceGroup").is_none());
        assert!(properties.get("etag").is_none() && properties.get("resourceGroup").is_none());

        let vm = normalized(read(json!({
            "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1",
            "hardwareProfile": {"vmSize": "Standard_DC2s"},
            "storageProfile": {"osDisk": {"name": "d", "managedDisk": {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/disks/d", "storageAccountType": "Premium_LRS", "resourceGroup": "rg"}}},
            "resources": [{"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1/extensions/x"}]
        })))
        .resource;
        let properties = vm.properties_value().unwrap();
        assert_eq!(properties["hardwareProfile"]["vmSize"], "Standard_DC2s");
        assert_eq!(
            properties["storageProfile"]["osDisk"]["managedDisk"]["storageAccountType"], "Premium_LRS",
            "an id with settings is not a sub-resource"
        );
        assert!(properties.get("resources").is_none(), "extensions are resources of their own");
    }

    #[test]
    fn a_listing_without_properties_gets_none() {
        let resource = normalized(read(json!({
            "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/a", "properties": null,
            "provisioningState": "Succeeded", "changedTime": "2025-11-29T05:02:00Z", "extendedLocation": null
        })))
        .resource;
        assert!(resource.properties.is_none());
    }

    #[test]
    fn reads_powershell_objects_and_drops_what_convertto_json_cut() {
        let Normalized { resource, findings, notes } = normalized(read(json!({
            "ResourceGroupName": "RG1", "Id": "/subscriptions/s/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1",
            "VmId": "0c0f", "Name": "vm1", "Type": "Microsoft.Compute/virtualMachines", "Location": "eastus",
            "HardwareProfile": {"VmSize": "Standard_B2s"},
            "StorageProfile": {"OsDisk": "Microsoft.Azure.Management.Compute.Models.OSDisk", "DataDisks": ""},
            "AvailabilitySetReference": {"Id": "/subscriptions/s/resourceGroups/RG1/providers/Microsoft.Compute/availabilitySets/as1"},
            "LicenseType": null, "Tags": {"env": "prod"}, "DisplayHint": 0, "StatusCode": 0,
            "Extensions": "System.Collections.Generic.List`1[Microsoft.Azure.Management.Compute.Models.VirtualMachineExtension]"
        })));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(findings.truncated, 1);
        let properties = resource.properties_value().unwrap();
        assert_eq!(properties["HardwareProfile"]["VmSize"], "Standard_B2s");
        assert!(properties["StorageProfile"]["OsDisk"].is_null());
        assert!(properties.get("availabilitySet").is_some() && properties.get("DisplayHint").is_none());
        assert_eq!(resource.resource_group.as_deref(), Some("RG1"));
        assert_eq!(resource.tags["env"], "prod");

        let Normalized { resource, findings, .. } = normalized(read(json!({
            "Name": "st1", "ResourceType": "Microsoft.Storage/storageAccounts", "ResourceGroupName": "data",
            "Location": "westus2", "SubscriptionId": "1acecba7-23bd-4d4d-9770-0b11998514dc",
            "Sku": {"Name": "Standard_LRS", "Tier": "Standard", "Capacity": null}, "Kind": "StorageV2",
            "Tags": "System.Collections.Generic.Dictionary`2[System.String,System.String]",
            "ResourceId": "/subscriptions/1acecba7-23bd-4d4d-9770-0b11998514dc/resourceGroups/data/providers/Microsoft.Storage/storageAccounts/st1"
        })));
        assert!(findings.tags_lost && !findings.flattened);
        assert_eq!(resource.sku.unwrap().tier.as_deref(), Some("Standard"));
        assert_eq!(resource.kind.as_deref(), Some("StorageV2"));
        assert!(resource.properties.is_none());
        assert_eq!(resource.id_origin, IdOrigin::Exported);
    }

    #[test]
    fn reads_a_powershell_os_type_written_as_a_number() {
        let vm = normalized(read(json!({
            "ResourceGroupName": "RG1", "Id": "/subscriptions/s/resourceGroups/RG1/providers/Microsoft.Compute/virtualMachines/vm1",
            "Name": "vm1", "StorageProfile": {"OsDisk": {"OsType": 1, "Name": "d"}}
        })))
        .resource;
        assert_eq!(vm.properties_value().unwrap()["StorageProfile"]["OsDisk"]["OsType"], "Linux");
    }

    #[test]
    fn reads_tags_written_as_text() {
        let mut findings = Findings::default();
        let mut notes = Notes::new();
        let tags = |text: &str, notes: &mut Notes, findings: &mut Findings| tags(Some(&json!(text)), notes, findings);
        assert_eq!(tags("a=1;b=x=y", &mut notes, &mut findings).len(), 2);
        assert_eq!(tags("@{env=prod; team=a}", &mut notes, &mut findings)["team"], "a");
        assert_eq!(tags("Contact=https://aka.ms/x", &mut notes, &mut findings)["Contact"], "https://aka.ms/x");
        assert!(tags("", &mut notes, &mut findings).is_empty() && notes.is_empty());
        assert!(tags("System.Collections.Hashtable", &mut notes, &mut findings).is_empty());
        assert!(findings.tags_lost);
        assert!(tags("just words", &mut notes, &mut findings).is_empty());
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn names_a_size_outside_properties_where_arm_has_it() {
        let vm =
            normalized(read(json!({"Name": "vm1", "RG": "app", "Size": "Standard_B2s", "OsType": "Linux"}))).resource;
        assert_eq!(vm.resource_type.as_str(), "Microsoft.Compute/virtualMachines", "a size makes a VM");
        assert_eq!(vm.id_origin, IdOrigin::Synthesised);
        let properties = vm.properties_value().unwrap();
        assert_eq!(properties["hardwareProfile"]["vmSize"], "Standard_B2s");
        assert_eq!(properties["storageProfile"]["osDisk"]["osType"], "Linux");
        let disk =
            normalized(read(json!({"Name": "d", "Type": "Microsoft.Compute/disks", "RG": "app", "Size": "128"})));
        assert!(disk.resource.properties.is_none());
        assert_eq!(disk.notes.len(), 1);
    }

    #[test]
    fn type_names_are_told_from_values() {
        assert!(is_type_name("Microsoft.Azure.Management.Compute.Models.OSDisk"));
        assert!(is_type_name(
            "Microsoft.Azure.Commands.Network.Models.PSSubnet Microsoft.Azure.Commands.Network.Models.PSSubnet"
        ));
        assert!(is_type_name("System.Collections.Generic.List`1[System.String]"));
        assert!(!is_type_name("Microsoft.Azure.Monitor"), "an extension publisher");
        assert!(!is_type_name("Microsoft.Compute/virtualMachines"));
        assert!(!is_type_name(""));
    }

    #[test]
    fn marks_system_resources_and_synthesises_group_and_unknown_type_ids() {
        let master = normalized(read(json!({
            "id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Sql/servers/srv/databases/master",
            "kind": "v12.0,system,serverless"
        })))
        .resource;
        assert!(master.system.is_some());
        let group = normalized(read(
            json!({"name": "rg1", "type": "Microsoft.Resources/resourceGroups", "subscription": "Pay-As-You-Go"}),
        ))
        .resource;
        assert_eq!(group.id.as_str(), "/subscriptions/Pay-As-You-Go/resourceGroups/rg1");
        let unknown =
            normalized(read(json!({"name": "t (a/t)", "type": "Unknown/Availability test", "resourceGroup": "g"})))
                .resource;
        assert_eq!(unknown.name, "t (a/t)");
        assert_eq!(unknown.id.name(), "t (a-t)");
    }
}
