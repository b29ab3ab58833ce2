//! Reads the JSON shapes Azure tools write: lists of resources, ARM list responses,
//! Resource Graph results (CLI, REST object and table forms), single resources and
//! ARM templates, without building a JSON tree for resource `properties`.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::raw::RawEntry;

/// The top level of a JSON inventory file, before its shape is decided.
pub enum TopLevel {
    Array(Vec<RawEntry>),
    Object(Envelope),
    Scalar(&'static str),
}

/// An object at the top level: the resource lists it may carry, and every other key.
#[derive(Default)]
pub struct Envelope {
    /// `value` of an ARM list response, when it is an array.
    pub value: Option<Vec<RawEntry>>,
    /// `data` of a Resource Graph result, when it is an array of objects.
    pub data: Option<Vec<RawEntry>>,
    /// Every other key, including a `data` or `value` that is not an array.
    pub other: Map<String, Value>,
}

impl<'de> Deserialize<'de> for TopLevel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TopLevel, D::Error> {
        deserializer.deserialize_any(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = TopLevel;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON array or object")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TopLevel, A::Error> {
        let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(entry) = seq.next_element::<RawEntry>()? {
            entries.push(entry);
        }
        Ok(TopLevel::Array(entries))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopLevel, A::Error> {
        let mut envelope = Envelope::default();
        while let Some(key) = map.next_key::<String>()? {
            // `Data` is how `Search-AzGraph ... | ConvertTo-Json` spells Resource Graph's rows.
            if key == "value" || key == "data" || key == "Data" {
                match map.next_value::<ListOrValue>()? {
                    ListOrValue::List(entries) if key == "value" => envelope.value = Some(entries),
                    ListOrValue::List(entries) => envelope.data = Some(entries),
                    ListOrValue::Value(value) => {
                        envelope.other.insert(key, value);
                    }
                }
            } else {
                let value: Value = map.next_value()?;
                envelope.other.insert(key, value);
            }
        }
        Ok(TopLevel::Object(envelope))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<TopLevel, E> {
        Ok(TopLevel::Scalar("a string"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<TopLevel, E> {
        Ok(TopLevel::Scalar("a boolean"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<TopLevel, E> {
        Ok(TopLevel::Scalar("a number"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<TopLevel, E> {
        Ok(TopLevel::Scalar("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<TopLevel, E> {
        Ok(TopLevel::Scalar("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<TopLevel, E> {
        Ok(TopLevel::Scalar("null"))
    }
}

/// `value` or `data`: a list of records, or anything else kept as a tree.
enum ListOrValue {
    List(Vec<RawEntry>),
    Value(Value),
}

impl<'de> Deserialize<'de> for ListOrValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ListOrValue, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = ListOrValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListOrValue, A::Error> {
                let mut entries = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(entry) = seq.next_element::<RawEntry>()? {
                    entries.push(entry);
                }
                Ok(ListOrValue::List(entries))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ListOrValue, A::Error> {
                Value::deserialize(de::value::MapAccessDeserializer::new(map)).map(ListOrValue::Value)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ListOrValue, E> {
                Ok(ListOrValue::Value(Value::String(v.to_string())))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<ListOrValue, E> {
                Ok(ListOrValue::Value(Value::Bool(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ListOrValue, E> {
                Ok(ListOrValue::Value(Value::from(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ListOrValue, E> {
                Ok(ListOrValue::Value(Value::from(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ListOrValue, E> {
                Ok(ListOrValue::Value(Value::from(v)))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ListOrValue, E> {
                Ok(ListOrValue::Value(Value::Null))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

/// Resource Graph's table form: `{"columns": [{"name", "type"}], "rows": [[...]]}`.
pub fn table_rows(table: &Value) -> Option<(Vec<String>, &Vec<Value>)> {
    let columns = table.get("columns")?.as_array()?;
    let rows = table.get("rows")?.as_array()?;
    let names = columns
        .iter()
        .map(|column| match column {
            Value::Object(object) => object.get("name").and_then(Value::as_str).unwrap_or("").to_string(),
            Value::String(name) => name.clone(),
            _ => String::new(),
        })
        .collect();
    Some((names, rows))
}
