//! The official SDK's query string: the `qs` library's `stringify` with
//! `{ addQueryPrefix: true, skipNulls: true }` and its defaults (RFC 3986
//! percent-encoding of keys and values, `indices` array format), applied to a
//! JavaScript object.
//!
//! Values are walked as the JavaScript values the SDK would see, including
//! JavaScript's property order (array-index keys first, ascending, then the
//! other keys in insertion order) and lodash `kebabCase` of the keys of
//! `fields` and `fieldMappings`. Pairs are written straight into the query
//! string: no intermediate value tree, no hashing.

use serde_json::{Map, Value};

use crate::options::option_support::KeyCase;
use crate::url::js_number::push_decimal;
use crate::JsBuiltins;

/// The canonical array index a property key denotes in JavaScript, if any
/// (`"0"`, `"7"`, `"10"`, but not `"07"`, `"-1"` or `"4294967295"`).
fn array_index(key: &str) -> Option<u32> {
    let canonical = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'));
    if !canonical {
        return None;
    }
    key.parse::<u32>().ok().filter(|&n| n != u32::MAX)
}

/// `entries` in the order JavaScript enumerates an object's own properties:
/// array-index keys first, ascending (they are distinct: the keys of one
/// object), then the others in insertion order. Each key is read once; index
/// keys find their place by binary search.
fn js_ordered(entries: Vec<(String, &Value)>) -> Vec<(String, &Value)> {
    let mut numbered: Vec<(u32, String, &Value)> = Vec::new();
    let mut named: Vec<(String, &Value)> = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        match array_index(&key) {
            Some(index) => {
                let at = numbered.partition_point(|(other, _, _)| *other < index);
                numbered.insert(at, (index, key, value));
            }
            None => named.push((key, value)),
        }
    }
    numbered
        .into_iter()
        .map(|(_, key, value)| (key, value))
        .chain(named)
        .collect()
}

/// Percent-encodes `text` onto `out` as `qs`'s RFC 3986 encoder does for
/// well-formed text (unreserved characters are kept).
///
/// Unlike the SDK's copy of `qs`, a character is never split between the
/// encoder's 1,024-unit chunks, so long text with emoji stays intact.
fn encode_into(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
}

/// `encodeURIComponent(text)`.
#[cfg(test)]
pub(crate) fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text);
    out
}

/// Appends `[index]` to a `qs` key path.
fn push_index(path: &mut String, index: usize) {
    path.push('[');
    push_decimal(path, index as u64);
    path.push(']');
}

/// Appends `[key]` to a `qs` key path.
fn push_key(path: &mut String, key: &str) {
    path.push('[');
    path.push_str(key);
    path.push(']');
}

/// A query string being written, `?a=1&b=2`, pair by pair.
pub(crate) struct QueryString<'a> {
    out: String,
    builtins: &'a dyn JsBuiltins,
}

impl<'a> QueryString<'a> {
    pub(crate) fn new(builtins: &'a dyn JsBuiltins) -> Self {
        Self {
            out: String::new(),
            builtins,
        }
    }

    /// One `key=value` pair, both percent-encoded.
    fn pair(&mut self, path: &str, value: &str) {
        self.out.push(if self.out.is_empty() { '?' } else { '&' });
        encode_into(&mut self.out, path);
        self.out.push('=');
        encode_into(&mut self.out, value);
    }

    /// A string value (`None` is skipped, as `qs` skips `null`).
    pub(crate) fn push_str(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.pair(key, value);
        }
    }

    /// A number value, as JavaScript's `String(number)` writes it.
    pub(crate) fn push_number(&mut self, key: &str, value: f64) {
        let text = self.builtins.number_to_string(value);
        self.pair(key, &text);
    }

    /// An array of strings: `key[0]=…&key[1]=…`.
    pub(crate) fn push_strings(&mut self, key: &str, values: &[String]) {
        let mut path = String::from(key);
        for (index, value) in values.iter().enumerate() {
            push_index(&mut path, index);
            self.pair(&path, value);
            path.truncate(key.len());
        }
    }

    /// A JSON object, its keys kebab-cased (the SDK's `dasherize`) at every level.
    pub(crate) fn push_object(&mut self, key: &str, object: &Map<String, Value>, case: KeyCase) {
        let mut path = String::from(key);
        self.push_entries(&mut path, object, case);
    }

    fn push_json(&mut self, path: &mut String, value: &Value, case: KeyCase) {
        match value {
            Value::Null => {}
            Value::Bool(flag) => self.pair(path, if *flag { "true" } else { "false" }),
            Value::Number(number) => {
                let text = self
                    .builtins
                    .number_to_string(number.as_f64().unwrap_or(f64::NAN));
                self.pair(path, &text);
            }
            Value::String(text) => self.pair(path, text),
            Value::Array(items) => {
                let len = path.len();
                for (index, item) in items.iter().enumerate() {
                    push_index(path, index);
                    self.push_json(path, item, case);
                    path.truncate(len);
                }
            }
            Value::Object(object) => self.push_entries(path, object, case),
        }
    }

    /// An object's properties: ordered as JavaScript orders the SDK's object,
    /// kebab-cased into a new object (a later key that cases the same replaces
    /// the earlier value in its place), then ordered again.
    fn push_entries(&mut self, path: &mut String, object: &Map<String, Value>, case: KeyCase) {
        let source = js_ordered(object.iter().map(|(k, v)| (k.clone(), v)).collect());
        let mut cased: Vec<(String, &Value)> = Vec::with_capacity(source.len());
        // A scan per key, not an index: objects here are the app's own prefill
        // (a handful of keys), and an index map cost every app ~300 B of wasm.
        for (key, value) in source {
            let key = case(&key);
            match cased.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => cased.push((key, value)),
            }
        }
        let len = path.len();
        for (key, value) in js_ordered(cased) {
            push_key(path, &key);
            self.push_json(path, value, case);
            path.truncate(len);
        }
    }

    /// `key[side]=px` for each side, in order.
    pub(crate) fn push_numbers(&mut self, key: &str, entries: &[(&str, f64)]) {
        let mut path = String::from(key);
        for (name, value) in entries {
            push_key(&mut path, name);
            self.push_number(&path, *value);
            path.truncate(key.len());
        }
    }

    /// `key[index][kebab-name]=value` for a list of string records.
    pub(crate) fn push_records(&mut self, key: &str, records: &[[(&str, &str); 2]], case: KeyCase) {
        let mut path = String::from(key);
        for (index, record) in records.iter().enumerate() {
            push_index(&mut path, index);
            let len = path.len();
            for (name, value) in record {
                push_key(&mut path, &case(name));
                self.pair(&path, value);
                path.truncate(len);
            }
            path.truncate(key.len());
        }
    }

    /// The query string, with its `?` (empty when nothing was written).
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PortedBuiltins;
    use serde_json::json;

    fn query(key: &str, value: Value) -> String {
        let mut qs = QueryString::new(&PortedBuiltins);
        let mut path = String::from(key);
        qs.push_json(&mut path, &value, crate::url::kebab_case::kebab_case);
        qs.finish()
    }

    #[test]
    fn encodes_like_qs_rfc3986() {
        assert_eq!(
            encode_component("a b+c&d=e/é~"),
            "a%20b%2Bc%26d%3De%2F%C3%A9~"
        );
        assert_eq!(encode_component("😀"), "%F0%9F%98%80");
    }

    #[test]
    fn nests_with_brackets_and_indices() {
        assert_eq!(
            query(
                "fields",
                json!({"a": {"b": [1, null, true]}, "c": [], "d": {}})
            ),
            "?fields%5Ba%5D%5Bb%5D%5B0%5D=1&fields%5Ba%5D%5Bb%5D%5B2%5D=true"
        );
    }

    #[test]
    fn orders_keys_like_javascript_and_merges_kebab_collisions() {
        assert_eq!(
            query(
                "f",
                json!({"b": 1, "10": 2, "2": 3, "nameFirst": 4, "name_first": 5})
            ),
            "?f%5B2%5D=3&f%5B10%5D=2&f%5Bb%5D=1&f%5Bname-first%5D=5"
        );
    }

    #[test]
    fn indices_are_written_in_decimal() {
        let mut path = String::from("a");
        for index in [0, 7, 10, 123, usize::MAX] {
            push_index(&mut path, index);
        }
        assert_eq!(path, format!("a[0][7][10][123][{}]", usize::MAX));
        let items: Vec<String> = (0..12).map(|i| i.to_string()).collect();
        let mut qs = QueryString::new(&PortedBuiltins);
        qs.push_strings("x", &items);
        assert!(qs.finish().ends_with("&x%5B11%5D=11"));
    }

    #[test]
    fn javascript_orders_many_index_keys_ascending() {
        let value = json!({"30": 0, "b": 0, "4": 0, "a": 0, "100": 0, "07": 0, "0": 0});
        let Value::Object(map) = &value else {
            unreachable!()
        };
        let keys: Vec<String> = js_ordered(map.iter().map(|(k, v)| (k.clone(), v)).collect())
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["0", "4", "30", "100", "b", "a", "07"]);
    }

    #[test]
    fn nothing_gives_an_empty_string() {
        assert_eq!(QueryString::new(&PortedBuiltins).finish(), "");
    }
}
