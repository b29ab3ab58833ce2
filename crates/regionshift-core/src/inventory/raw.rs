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
    /// (the portal CSV's SUBSCRIPTION column, a `--query` projection's `Subscription`).
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
    /// What only some exports have (flattened members, a VM size outside
    /// `properties`), boxed so the common record stays small.
    pub extra: Option<Box<Extra>>,
    /// The API version a template deploys the resource with.
    pub api_version: Option<Value>,
    /// `dependsOn` entries of a template resource, already evaluated.
    pub depends_on: Vec<String>,
    /// Set by the template reader: the id was computed from the template, and its
    /// subscription or group may be symbolic.
    pub from_template: bool,
    /// Which spellings the record's keys used, for telling the export's shape.
    pub marks: Marks,
}

/// The parts of a record only some exports have.
#[derive(Debug, Default)]
pub struct Extra {
    /// Top-level members no field took, as written: the flattened properties of
    /// `az vm list` (`hardwareProfile`, `storageProfile`...) and of PowerShell objects
    /// (`HardwareProfile`...). `normalize` rebuilds `properties` from them when the
    /// record has none. Envelope members no reader needs (`etag`, `tenantId`,
    /// `systemData`...) are not kept.
    pub members: Vec<(String, Box<RawValue>)>,
    /// A VM size named outside `properties`: a `--query` projection's `Size`, the
    /// SIZE column of the portal's Virtual machines page.
    pub vm_size: Option<Value>,
    /// An operating system named outside `properties` (the portal's OPERATING SYSTEM
    /// column, a projection's `OsType`).
    pub os_type: Option<Value>,
}

/// Spellings seen among a record's keys: what tells a PowerShell object from an az CLI
/// object or a `--query` projection. A set of bits.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Marks(u8);

impl Marks {
    /// A PowerShell member name: `ResourceGroupName`, `ResourceId`, `ResourceName`,
    /// `ResourceType`, `TagsTable`, `StorageAccountName`.
    pub const POWERSHELL: Marks = Marks(1);
    /// An author's alias rather than an export key: `RG`, `Region`, `Size`,
    /// `Subscription`, `VmName`...
    pub const ALIAS: Marks = Marks(2);
    /// A key spelled with a capital first letter (`Name`, `Location`).
    pub const CAPITALISED: Marks = Marks(4);
    /// The `resourceGroup` key az CLI adds to every object with an id.
    pub const AZ_RESOURCE_GROUP: Marks = Marks(8);

    pub fn contains(self, other: Marks) -> bool {
        self.0 & other.0 == other.0
    }

    pub fn insert(&mut self, other: Marks) {
        self.0 |= other.0;
    }
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
    /// template resources, single objects).
    pub fn from_object(object: serde_json::Map<String, Value>) -> RawResource {
        let mut record = RawResource::default();
        for (key, value) in object {
            record.set(Field::of(&key), &key, FieldValue::Tree(value));
        }
        record
    }

    /// The record's rarer parts, created when first needed.
    pub fn extra_mut(&mut self) -> &mut Extra {
        self.extra.get_or_insert_with(Box::default)
    }

    /// Top-level members no field took (see [`Extra::members`]).
    pub fn members(&self) -> &[(String, Box<RawValue>)] {
        self.extra.as_ref().map_or(&[], |extra| extra.members.as_slice())
    }

    fn set(&mut self, field: Field, key: &str, value: FieldValue) {
        self.marks.insert(field.marks(key));
        // Several keys feed one field (`ResourceId` and `Id`); a null never hides a value.
        let keep = |slot: &mut Option<Value>, value: Value| {
            if !(value.is_null() && slot.as_ref().is_some_and(|v| !v.is_null())) {
                *slot = Some(value);
            }
        };
        match field {
            Field::Id => keep(&mut self.id, value.into_value()),
            Field::Name => keep(&mut self.name, value.into_value()),
            Field::Type => keep(&mut self.resource_type, value.into_value()),
            Field::Location => keep(&mut self.location, value.into_value()),
            Field::ResourceGroup => keep(&mut self.resource_group, value.into_value()),
            Field::SubscriptionId => keep(&mut self.subscription_id, value.into_value()),
            Field::Subscription => match value.into_value() {
                // A projection's `Subscription` is an id or a display name.
                Value::String(text) if is_guid(text.trim()) => self.subscription_id = Some(Value::String(text)),
                Value::String(text) if !text.trim().is_empty() => {
                    self.subscription_name = Some(text.trim().to_string())
                }
                _ => {}
            },
            Field::Kind => self.kind = Some(value.into_value()),
            Field::Sku => self.sku = value.into_raw(),
            Field::Zones => self.zones = value.into_raw(),
            Field::Tags => {
                // PowerShell network objects carry both `Tag` (the tags) and an empty
                // `Tags`; the first with content wins.
                if self.tags.is_none() {
                    self.tags = value.into_raw();
                }
            }
            Field::Identity => self.identity = value.into_raw(),
            Field::ManagedBy => self.managed_by = Some(value.into_value()),
            Field::Plan => self.plan = value.into_raw(),
            Field::Properties => self.properties = value.into_raw(),
            Field::ApiVersion => self.api_version = Some(value.into_value()),
            Field::VmSize => self.extra_mut().vm_size = Some(value.into_value()),
            Field::OsType => self.extra_mut().os_type = Some(value.into_value()),
            Field::Member => {
                if let Some(raw) = value.into_raw() {
                    self.extra_mut().members.push((key.to_string(), raw));
                }
            }
            Field::Ignored => {}
        }
    }
}

/// Is this text a GUID (`6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d`)?
pub fn is_guid(text: &str) -> bool {
    text.len() == 36
        && text
            .char_indices()
            .all(|(i, c)| if matches!(i, 8 | 13 | 18 | 23) { c == '-' } else { c.is_ascii_hexdigit() })
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Name,
    Type,
    Location,
    ResourceGroup,
    SubscriptionId,
    /// `Subscription`: an id or a display name.
    Subscription,
    Kind,
    Sku,
    Zones,
    Tags,
    Identity,
    ManagedBy,
    Plan,
    Properties,
    ApiVersion,
    VmSize,
    OsType,
    /// Any other member: kept for rebuilding flattened properties.
    Member,
    /// Envelope and tool metadata nothing reads (`etag`, `tenantId`, `systemData`,
    /// PowerShell's `TagsTable` and `*Text` mirrors).
    Ignored,
}

impl Field {
    /// Export keys are matched ignoring case: Resource Graph projections and
    /// hand-made files spell them `Id`, `TYPE`, `resourcegroup`; PowerShell names
    /// them `ResourceId`, `ResourceGroupName`; `--query` projections use the author's
    /// aliases (`RG`, `Region`, `Size`).
    fn of(key: &str) -> Field {
        // Every key of interest is short and ASCII: lowercase it on the stack.
        let mut buffer = [0u8; 24];
        let Some(slot) = buffer.get_mut(..key.len()) else { return Field::Member };
        slot.copy_from_slice(key.as_bytes());
        slot.make_ascii_lowercase();
        let Ok(lower) = std::str::from_utf8(slot) else { return Field::Member };
        match lower {
            "id" | "resourceid" => Field::Id,
            "name" | "resourcename" | "storageaccountname" | "vmname" => Field::Name,
            "type" | "resourcetype" => Field::Type,
            "location" | "region" => Field::Location,
            "resourcegroup" | "resourcegroupname" | "rg" | "resource_group" => Field::ResourceGroup,
            "subscriptionid" => Field::SubscriptionId,
            "subscription" | "subscriptionname" => Field::Subscription,
            "kind" => Field::Kind,
            "sku" | "skuname" => Field::Sku,
            "zones" => Field::Zones,
            "tags" | "tag" => Field::Tags,
            "identity" => Field::Identity,
            "managedby" => Field::ManagedBy,
            "plan" => Field::Plan,
            "properties" => Field::Properties,
            "apiversion" => Field::ApiVersion,
            "size" | "vmsize" => Field::VmSize,
            "ostype" | "os" => Field::OsType,
            // The ARM envelope's metadata and az CLI's timestamps; a VM's `resources`
            // (its extensions, listed as resources of their own elsewhere).
            "etag" | "tenantid" | "systemdata" | "extendedlocation" | "changedtime" | "createdtime" | "resources" => {
                Field::Ignored
            }
            // PowerShell's display helpers, depth-truncated extension lists and
            // request metadata.
            "tagstable" | "displayhint" | "requestid" | "statuscode" | "extensions" | "propertiestext" => {
                Field::Ignored
            }
            _ if lower.len() > 4 && lower.ends_with("text") && key.starts_with(|c: char| c.is_ascii_uppercase()) => {
                // `SubnetsText`, `AddressSpaceText`: JSON copies of other members.
                Field::Ignored
            }
            _ => Field::Member,
        }
    }

    /// What the key's spelling says about the export.
    fn marks(self, key: &str) -> Marks {
        let mut marks = Marks::default();
        match key {
            "ResourceGroupName" | "ResourceId" | "ResourceName" | "ResourceType" | "TagsTable"
            | "StorageAccountName" => marks.insert(Marks::POWERSHELL),
            "resourceGroup" => marks.insert(Marks::AZ_RESOURCE_GROUP),
            _ => {}
        }
        if matches!(self, Field::VmSize | Field::OsType | Field::Subscription)
            || (self == Field::ResourceGroup
                && !key.eq_ignore_ascii_case("resourcegroup")
                && !marks.contains(Marks::POWERSHELL))
            || (self == Field::Location && key.eq_ignore_ascii_case("region"))
            || (self == Field::Name && key.eq_ignore_ascii_case("vmname"))
        {
            marks.insert(Marks::ALIAS);
        }
        if key.starts_with(|c: char| c.is_ascii_uppercase()) {
            marks.insert(Marks::CAPITALISED);
        }
        marks
    }

    /// Fields that may hold objects are kept as raw JSON text, which costs one copy
    /// and no tree; plain strings (id, name, type, location...) are read as values.
    fn is_raw(self) -> bool {
        matches!(
            self,
            Field::Sku | Field::Zones | Field::Tags | Field::Identity | Field::Plan | Field::Properties | Field::Member
        )
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
                Field::Ignored => {
                    map.next_value::<IgnoredAny>()?;
                }
                field if field.is_raw() => {
                    let raw: Box<RawValue> = map.next_value()?;
                    record.set(field, key, FieldValue::Raw(raw));
                }
                field => {
                    let value: Value = map.next_value()?;
                    record.set(field, key, FieldValue::Tree(value));
                }
            }
        }
        Ok(RawEntry::Record(Box::new(record)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawEntry, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawEntry::NotAnObject("an array"))
    }

    /// A bare resource id (`az resource list --query "[].id"`) is a record of its id.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<RawEntry, E> {
        if text.get(..15).is_some_and(|start| start.eq_ignore_ascii_case("/subscriptions/")) {
            let record = RawResource { id: Some(Value::String(text.to_string())), ..RawResource::default() };
            return Ok(RawEntry::Record(Box::new(record)));
        }
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
        let entries: Vec<RawEntry> =
            serde_json::from_str(r#"[1, "x", null, [1], {"id": 3}, "/subscriptions/s/resourceGroups/g"]"#).unwrap();
        let kinds: Vec<&str> = entries
            .iter()
            .map(|e| match e {
                RawEntry::NotAnObject(kind) => kind,
                RawEntry::Record(_) => "record",
            })
            .collect();
        assert_eq!(kinds, ["a number", "a string", "null", "an array", "record", "record"], "a bare id is a record");
    }

    fn record(text: &str) -> RawResource {
        match serde_json::from_str::<RawEntry>(text).unwrap() {
            RawEntry::Record(record) => *record,
            RawEntry::NotAnObject(kind) => panic!("{kind}"),
        }
    }

    #[test]
    fn reads_powershell_member_names() {
        let raw = record(
            r#"{"ResourceId":"/subscriptions/s/resourceGroups/g/providers/A.B/c/d","ResourceName":"d","ResourceGroupName":"g",
                "ResourceType":"A.B/c","Kind":"k","Sku":"S1","Tags":"a=1","TagsTable":"x","SubscriptionId":null,"VmId":"v"}"#,
        );
        assert_eq!(raw.id.as_ref().unwrap().as_str(), Some("/subscriptions/s/resourceGroups/g/providers/A.B/c/d"));
        assert_eq!(raw.resource_group.as_ref().unwrap().as_str(), Some("g"));
        assert_eq!(raw.resource_type.as_ref().unwrap().as_str(), Some("A.B/c"));
        assert_eq!(raw.sku.as_ref().unwrap().get(), r#""S1""#);
        assert!(raw.marks.contains(Marks::POWERSHELL) && raw.marks.contains(Marks::CAPITALISED));
        assert!(!raw.marks.contains(Marks::ALIAS));
        let members: Vec<&str> = raw.members().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(members, ["VmId"], "TagsTable is a display copy");
    }

    #[test]
    fn reads_query_aliases_and_keeps_flattened_members() {
        let raw = record(
            r#"{"Location":"eastus","Name":"vm1","RG":"app","Size":"Standard_B2s","Subscription":"Pay-As-You-Go"}"#,
        );
        assert_eq!(raw.resource_group.unwrap().as_str(), Some("app"));
        assert_eq!(raw.extra.as_ref().unwrap().vm_size.as_ref().unwrap().as_str(), Some("Standard_B2s"));
        assert_eq!(raw.subscription_name.as_deref(), Some("Pay-As-You-Go"));
        assert!(raw.marks.contains(Marks::ALIAS));
        let raw = record(
            r#"{"hardwareProfile":{"vmSize":"B1"},"id":"/x","resourceGroup":"g","etag":"e","tenantId":"t","resources":[],"provisioningState":"Succeeded"}"#,
        );
        assert!(raw.marks.contains(Marks::AZ_RESOURCE_GROUP));
        let members: Vec<(&str, &str)> = raw.members().iter().map(|(k, v)| (k.as_str(), v.get())).collect();
        assert_eq!(members, [("hardwareProfile", r#"{"vmSize":"B1"}"#), ("provisioningState", r#""Succeeded""#)]);
        let raw = record(r#"{"subscription":"6f1c3c0e-2b8e-4c3f-9d0a-1e2f3a4b5c6d"}"#);
        assert!(raw.subscription_name.is_none() && raw.subscription_id.is_some());
        let raw =
            record(r#"{"ResourceId":"/subscriptions/s/resourceGroups/g","Id":null,"Name":"g","ResourceName":null}"#);
        assert!(raw.id.as_ref().is_some_and(Value::is_string) && raw.name.as_ref().is_some_and(Value::is_string));
    }
}
