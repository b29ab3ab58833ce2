//! The tolerant raw mirror of an exported resource record: every field optional and
//! of whatever JSON kind the export used, so one odd record never fails a file.
//!
//! Every reader (JSON lists, Resource Graph, ARM templates, portal CSV) produces
//! `RawResource`s; only `inventory::normalize` turns them into validated resources.

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

/// One resource record as an export wrote it.
#[derive(Debug, Default)]
pub struct RawResource {
    pub id: Option<Value>,
    pub name: Option<Value>,
    pub resource_type: Option<Value>,
    pub location: Option<Value>,
    pub resource_group: Option<Value>,
    pub subscription_id: Option<Value>,
    /// A subscription's display name, where an export gives one instead of an id
    /// (the portal CSV's SUBSCRIPTION column).
    pub subscription_name: Option<String>,
    pub kind: Option<Value>,
    /// `sku`, `zones` and `tags` are small but, read into trees, cost several times
    /// their text (each JSON object is a B-tree node); they stay text until
    /// `normalize` reads them, one record at a time.
    pub sku: Option<Box<RawValue>>,
    pub zones: Option<Box<RawValue>>,
    pub tags: Option<Box<RawValue>>,
    pub identity: Option<Box<RawValue>>,
    pub managed_by: Option<Value>,
    pub plan: Option<Box<RawValue>>,
    pub properties: Option<Box<RawValue>>,
    /// The API version a template deploys the resource with.
    pub api_version: Option<Value>,
    /// `dependsOn` entries of a template resource, already evaluated.
    pub depends_on: Vec<String>,
    /// Set by the template reader: the id was computed from the template, and its
    /// subscription or group may be symbolic.
    pub from_template: bool,
}

/// A short description of a JSON value's kind, for messages ("a number").
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// An element of a JSON list of resources: a record, or something that is not an
/// object (kept so it can be reported by position).
#[derive(Debug)]
pub enum RawEntry {
    Record(Box<RawResource>),
    NotAnObject(&'static str),
}

impl RawResource {
    /// Builds a record from a JSON object already in memory (Resource Graph table rows,
    /// template resources).
    pub fn from_object(object: serde_json::Map<String, Value>) -> RawResource {
        let mut record = RawResource::default();
        for (key, value) in object {
            record.set(&key, FieldValue::Tree(value));
        }
        record
    }

    fn set(&mut self, key: &str, value: FieldValue) {
        match Field::of(key) {
            Some(Field::Id) => self.id = Some(value.into_value()),
            Some(Field::Name) => self.name = Some(value.into_value()),
            Some(Field::Type) => self.resource_type = Some(value.into_value()),
            Some(Field::Location) => self.location = Some(value.into_value()),
            Some(Field::ResourceGroup) => self.resource_group = Some(value.into_value()),
            Some(Field::SubscriptionId) => self.subscription_id = Some(value.into_value()),
            Some(Field::Kind) => self.kind = Some(value.into_value()),
            Some(Field::Sku) => self.sku = value.into_raw(),
            Some(Field::Zones) => self.zones = value.into_raw(),
            Some(Field::Tags) => self.tags = value.into_raw(),
            Some(Field::Identity) => self.identity = value.into_raw(),
            Some(Field::ManagedBy) => self.managed_by = Some(value.into_value()),
            Some(Field::Plan) => self.plan = value.into_raw(),
            Some(Field::Properties) => self.properties = value.into_raw(),
            Some(Field::ApiVersion) => self.api_version = Some(value.into_value()),
            None => {}
        }
    }
}

enum FieldValue {
    Tree(Value),
    Raw(Box<RawValue>),
}

impl FieldValue {
    fn into_value(self) -> Value {
        match self {
            FieldValue::Tree(value) => value,
            FieldValue::Raw(raw) => serde_json::from_str(raw.get()).unwrap_or(Value::Null),
        }
    }

    fn into_raw(self) -> Option<Box<RawValue>> {
        match self {
            FieldValue::Raw(raw) if raw.get() == "null" => None,
            FieldValue::Raw(raw) => Some(raw),
            FieldValue::Tree(Value::Null) => None,
            FieldValue::Tree(value) => serde_json::value::to_raw_value(&value).ok(),
        }
    }
}

#[derive(Clone, Copy)]
enum Field {
    Id,
    Name,
    Type,
    Location,
    ResourceGroup,
    SubscriptionId,
    Kind,
    Sku,
    Zones,
    Tags,
    Identity,
    ManagedBy,
    Plan,
    Properties,
    ApiVersion,
}

impl Field {
    /// Export keys are matched ignoring case: Resource Graph projections and
    /// hand-made files spell them `Id`, `TYPE`, `resourcegroup`.
    fn of(key: &str) -> Option<Field> {
        const FIELDS: [(&str, Field); 16] = [
            ("id", Field::Id),
            ("name", Field::Name),
            ("type", Field::Type),
            ("location", Field::Location),
            ("resourcegroup", Field::ResourceGroup),
            ("subscriptionid", Field::SubscriptionId),
            ("kind", Field::Kind),
            ("sku", Field::Sku),
            ("zones", Field::Zones),
            ("tags", Field::Tags),
            ("identity", Field::Identity),
            ("managedby", Field::ManagedBy),
            ("plan", Field::Plan),
            ("properties", Field::Properties),
            ("resourcetype", Field::Type),
            ("apiversion", Field::ApiVersion),
        ];
        FIELDS.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)).map(|(_, field)| *field)
    }

    /// Fields that may hold objects are kept as raw JSON text, which costs one copy
    /// and no tree; plain strings (id, name, type, location...) are read as values.
    fn is_raw(self) -> bool {
        matches!(self, Field::Sku | Field::Zones | Field::Tags | Field::Identity | Field::Plan | Field::Properties)
    }
}

impl<'de> Deserialize<'de> for RawEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<RawEntry, D::Error> {
        deserializer.deserialize_any(EntryVisitor)
    }
}

struct EntryVisitor;

impl<'de> Visitor<'de> for EntryVisitor {
    type Value = RawEntry;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a resource object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntry, A::Error> {
        let mut record = RawResource::default();
        while let Some(key) = map.next_key::<KeyText<'de>>()? {
            let key = key.as_str();
            match Field::of(key) {
                Some(field) if field.is_raw() => {
                    let raw: Box<RawValue> = map.next_value()?;
                    record.set(key, FieldValue::Raw(raw));
                }
                Some(_) => {
                    let value: Value = map.next_value()?;
                    record.set(key, FieldValue::Tree(value));
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(RawEntry::Record(Box::new(record)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawEntry, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawEntry::NotAnObject("an array"))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<RawEntry, E> {
        Ok(RawEntry::NotAnObject("a string"))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawEntry, E> {
        Ok(RawEntry::NotAnObject("a boolean"))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<RawEntry, E> {
        Ok(RawEntry::NotAnObject("a number"))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<RawEntry, E> {
        Ok(RawEntry::NotAnObject("a number"))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<RawEntry, E> {
        Ok(RawEntry::NotAnObject("a number"))
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawEntry, E> {
        Ok(RawEntry::NotAnObject("null"))
    }
}

/// A map key, borrowed from the input when it has no escapes.
struct KeyText<'de>(std::borrow::Cow<'de, str>);

impl KeyText<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<KeyText<'de>, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(std::borrow::Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_properties_as_raw_text_and_small_fields_as_values() {
        let entry: RawEntry = serde_json::from_str(
            r#"{"ID":"/subscriptions/s","Type":"x/y","properties":{"a":[1,2]},"etag":"w","sku":{"name":"S1"}}"#,
        )
        .unwrap();
        let RawEntry::Record(record) = entry else { panic!("not a record") };
        assert_eq!(record.id, Some(Value::String("/subscriptions/s".into())));
        assert_eq!(record.resource_type, Some(Value::String("x/y".into())));
        assert_eq!(record.properties.unwrap().get(), r#"{"a":[1,2]}"#);
        assert_eq!(record.sku.unwrap().get(), r#"{"name":"S1"}"#);
    }

    #[test]
    fn non_objects_are_entries_not_errors() {
        let entries: Vec<RawEntry> = serde_json::from_str(r#"[1, "x", null, [1], {"id": 3}]"#).unwrap();
        let kinds: Vec<&str> = entries
            .iter()
            .map(|e| match e {
                RawEntry::NotAnObject(kind) => kind,
                RawEntry::Record(_) => "record",
            })
            .collect();
        assert_eq!(kinds, ["a number", "a string", "null", "an array", "record"]);
    }
}
