//! The one place raw export records become validated resources.

use std::collections::BTreeMap;

use serde_json::Value;

use super::raw::{kind_of, RawResource};
use super::{DeclaredDependency, IdOrigin, Resource, Sku, SourceRef};
use crate::azure::{Location, ResourceId, ResourceType};

/// Why a record could not become a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub message: String,
    pub hint: Option<String>,
}

/// Problems inside a record that was kept.
pub type Notes = Vec<String>;

/// Builds a resource from a record.
pub fn resource(raw: RawResource, source: SourceRef) -> Result<(Resource, Notes), Rejection> {
    let mut notes = Notes::new();
    let name_text = text(&raw.name);
    let type_text = text(&raw.resource_type);
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
    let resource_group = group_text.or_else(|| id.resource_group().map(str::to_string));
    let subscription = match (subscription_text, id_origin) {
        (Some(text), _) => Some(text),
        // A synthesised id holds a placeholder or a display name, not a subscription id.
        (None, IdOrigin::Synthesised) => None,
        (None, _) => id.subscription().map(str::to_string),
    };
    let sku = sku(tree(&raw.sku).as_ref(), &mut notes);
    let zones = zones(tree(&raw.zones).as_ref(), &mut notes);
    let tags = tags(tree(&raw.tags).as_ref(), &mut notes);
    let depends_on = raw
        .depends_on
        .into_iter()
        .map(|text| {
            let id = ResourceId::parse(&text).ok();
            DeclaredDependency { text, id }
        })
        .collect();
    let resource = Resource {
        id,
        id_origin,
        name,
        resource_type,
        location,
        resource_group,
        subscription,
        subscription_name: raw.subscription_name,
        kind: text(&raw.kind),
        sku,
        zones,
        tags,
        identity: raw.identity,
        managed_by: text(&raw.managed_by),
        plan: raw.plan,
        properties: raw.properties,
        api_version: text(&raw.api_version),
        depends_on,
        sources: vec![source],
    };
    Ok((resource, notes))
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
        let repaired = format!("{}{}", &text[..at], &text[at + "/providers".len()..]);
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
    let mut segments = resource_type.as_str().split('/');
    let namespace = segments.next().unwrap_or_default();
    let types: Vec<&str> = segments.collect();
    let names: Vec<&str> = name.split('/').collect();
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
        "/subscriptions/{}/resourceGroups/{}/providers/{namespace}",
        subscription.unwrap_or("{subscription}"),
        group.unwrap_or("{resourceGroup}")
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

fn sku(value: Option<&Value>, notes: &mut Notes) -> Option<Sku> {
    match value? {
        Value::Null => None,
        Value::String(name) => Some(Sku { name: Some(name.clone()), ..Sku::default() }),
        Value::Object(object) => {
            let field = |key: &str| object.get(key).and_then(|v| text(&Some(v.clone())));
            let capacity = object.get("capacity").and_then(|v| match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            });
            Some(Sku {
                name: field("name"),
                tier: field("tier"),
                size: field("size"),
                family: field("family"),
                capacity,
            })
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

fn tags(value: Option<&Value>, notes: &mut Notes) -> BTreeMap<String, String> {
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
        Some(other) => {
            notes.push(format!("its tags are {} and were ignored", kind_of(other)));
            BTreeMap::new()
        }
    }
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

    #[test]
    fn builds_a_resource_from_an_exported_record() {
        let (resource, notes) = resource(
            raw(json!({
                "id": "/subscriptions/S/resourceGroups/RG/providers/microsoft.compute/virtualmachines/vm1",
                "name": "vm1", "type": "microsoft.compute/virtualmachines", "location": "China North 3",
                "sku": {"name": "Standard_D2s_v5", "capacity": "2"}, "zones": ["1", 2], "tags": {"env": "prod", "n": 3}
            })),
            source(),
        )
        .unwrap();
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
        let (resource, _) = resource(
            raw(json!({"name": "srv/db1", "type": "Microsoft.Sql/servers/databases", "resourceGroup": "data"})),
            source(),
        )
        .unwrap();
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
        let (resource, notes) = resource(
            raw(json!({"id": "/subscriptions/s/resourceGroups/g/providers/providers/microsoft.insights/metricalerts/cpu"})),
            source(),
        )
        .unwrap();
        assert_eq!(resource.resource_type.as_str(), "Microsoft.Insights/metricAlerts");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn notes_odd_fields_but_keeps_the_resource() {
        let (_, notes) = resource(
            raw(json!({"id": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/a", "type": "Microsoft.Web/serverFarms", "tags": [1], "zones": {"a": 1}})),
            source(),
        )
        .unwrap();
        assert_eq!(notes.len(), 3, "{notes:?}");
    }
}
