//! A JSON value that borrows its text from the file: what the format readers look at.
//!
//! serde_json reads it (the one JSON reader, in the browser and on the command line). Unlike
//! `serde_json::Value` it copies no string without escapes and keeps an object's members in a
//! short list instead of a map: an entry has about ten, so a scan is quicker than a tree, and
//! nothing is allocated for its keys.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

/// Any JSON value, its strings borrowed from the file where they have no escapes.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// A JSON object's members, in file order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// The member named `key`. When a name is repeated, the last one counts (as in
    /// `serde_json::Value`, and in browsers' `JSON.parse`).
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.0.iter().rev().find(|(name, _)| name == key).map(|(_, value)| value)
    }

    pub(crate) fn insert(&mut self, key: Cow<'a, str>, value: Json<'a>) {
        self.0.push((key, value));
    }

    /// Where the object's first member name sits in `source`, the text it was read from: a
    /// byte offset, when that name is borrowed from it.
    pub(crate) fn offset_in(&self, source: &[u8]) -> Option<usize> {
        let Some((Cow::Borrowed(name), _)) = self.0.first() else { return None };
        let offset = (name.as_ptr() as usize).checked_sub(source.as_ptr() as usize)?;
        (offset < source.len()).then_some(offset)
    }
}

impl<'a> Json<'a> {
    /// The member `key` of an object; `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?.get(key)
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(object) => Some(object),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// What the value is, for messages: "a number", "an array", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        // JSON has no NaN or infinity, so serde_json never gives one; null if it ever did.
        Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        // Room for an entry's usual members at once, rather than growing 4 -> 8 (serde_json does
        // not know an object's size in advance).
        let mut object = Object(Vec::with_capacity(8));
        while let Some(Key(key)) = map.next_key()? {
            object.insert(key, map.next_value()?);
        }
        Ok(Json::Object(object))
    }
}

/// An object member's name, borrowed where it has no escapes.
pub(crate) struct Key<'a>(pub Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_without_escapes_are_borrowed_and_with_escapes_are_decoded() {
        let text = r#"{"a":"plain","b\u0041":"tab\there","n":[1,-2,2.5,null,true]}"#;
        let value: Json = serde_json::from_str(text).expect("JSON");
        assert!(matches!(value.get("a"), Some(Json::Str(Cow::Borrowed("plain")))));
        assert_eq!(value.get("bA").and_then(Json::as_str), Some("tab\there"));
        let Some(Json::Array(n)) = value.get("n") else { panic!("an array") };
        assert_eq!(n[0].as_u64(), Some(1));
        assert_eq!(n[1].as_u64(), None);
        assert_eq!(n[2].as_f64(), Some(2.5));
        assert!(n[3].is_null());
        assert_eq!(n[4].kind(), "a boolean");
        assert_eq!(value.get("missing"), None);
        assert_eq!(n[0].get("a"), None, "not an object");
    }

    #[test]
    fn a_repeated_name_takes_its_last_value_as_serde_json_does() {
        let text = r#"{"title":"first","title":"second"}"#;
        let ours: Json = serde_json::from_str(text).expect("JSON");
        let theirs: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(ours.get("title").and_then(Json::as_str), theirs["title"].as_str());
    }

    #[test]
    fn numbers_keep_their_text_form() {
        let value: Json = serde_json::from_str("[7, 12345678901234567890, 1.0]").expect("JSON");
        let Json::Array(n) = value else { panic!("an array") };
        let forms: Vec<String> =
            n.iter().map(|v| if let Json::Number(n) = v { n.to_string() } else { String::new() }).collect();
        assert_eq!(forms, ["7", "12345678901234567890", "1.0"]);
    }
}
