//! The official SDK's query string: the `qs` library's `stringify` with
//! `{ addQueryPrefix: true, skipNulls: true }` and its defaults (RFC 3986
//! percent-encoding of keys and values, `indices` array format), applied to a
//! JavaScript object.
//!
//! Values are modelled as the JavaScript values the SDK would see, including
//! JavaScript's property order (array-index keys first, ascending, then the
//! other keys in insertion order) and lodash `kebabCase` of the keys of
//! `fields` and `fieldMappings`.

use serde_json::{Map, Value};

use crate::JsBuiltins;

/// A JavaScript value as `qs` walks it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum JsValue {
    /// `null` / `undefined`: skipped.
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<JsValue>),
    /// Own enumerable properties in JavaScript's order.
    Object(Vec<(String, JsValue)>),
}

impl JsValue {
    /// Converts JSON, kebab-casing every object key with `kebab` when given (the SDK's `dasherize`).
    pub(crate) fn from_json(value: &Value, kebab: Option<&dyn JsBuiltins>) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => Self::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Self::String(s.clone()),
            Value::Array(items) => {
                Self::Array(items.iter().map(|v| Self::from_json(v, kebab)).collect())
            }
            Value::Object(map) => Self::from_map(map, kebab),
        }
    }

    /// Converts a JSON object, kebab-casing its keys (recursively) with `kebab` when given.
    pub(crate) fn from_map(map: &Map<String, Value>, kebab: Option<&dyn JsBuiltins>) -> Self {
        let source = js_ordered(map.iter().map(|(k, v)| (k.clone(), v)).collect());
        let mut out: Vec<(String, JsValue)> = Vec::with_capacity(source.len());
        // Where each key already sits in `out`: one lookup per key, not a scan
        // (a JSON map, whose code the crate has anyway, used as the index).
        let mut positions = Map::new();
        for (key, value) in source {
            let key = match kebab {
                Some(builtins) => builtins.kebab_case(&key),
                None => key,
            };
            let value = Self::from_json(value, kebab);
            // `{ ...acc, [key]: value }`: a repeated key keeps its first position, takes the last value.
            let at = positions.get(&key).and_then(Value::as_u64);
            match at.and_then(|at| out.get_mut(usize::try_from(at).ok()?)) {
                Some(slot) => slot.1 = value,
                None => {
                    positions.insert(key.clone(), Value::from(out.len()));
                    out.push((key, value));
                }
            }
        }
        Self::Object(js_ordered(out))
    }
}

/// Whether `key` is an array index, which JavaScript objects enumerate first.
fn array_index(key: &str) -> Option<u32> {
    let canonical = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && (key == "0" || !key.starts_with('0'));
    if !canonical {
        return None;
    }
    key.parse::<u32>().ok().filter(|&n| n != u32::MAX)
}

/// Reorders properties the way JavaScript enumerates them.
fn js_ordered<V>(entries: Vec<(String, V)>) -> Vec<(String, V)> {
    let order = js_order(entries.iter().map(|(k, _)| array_index(k)).collect());
    let mut slots: Vec<Option<(String, V)>> = entries.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|at| slots.get_mut(at).and_then(Option::take))
        .collect()
}

/// The enumeration order of properties whose array indices (if any) are
/// `indices`: index keys ascending (they are distinct), then the others as
/// they come. One non-generic sort, whatever the property values are.
fn js_order(indices: Vec<Option<u32>>) -> Vec<usize> {
    let mut numbered: Vec<(u32, usize)> = Vec::new();
    let mut named = Vec::with_capacity(indices.len());
    for (at, index) in indices.into_iter().enumerate() {
        match index {
            Some(index) => numbered.push((index, at)),
            None => named.push(at),
        }
    }
    heap_sort(&mut numbered);
    numbered
        .into_iter()
        .map(|(_, at)| at)
        .chain(named)
        .collect()
}

/// An in-place heapsort, O(n log n): small in wasm, unlike the standard
/// library's sorts, and the keys here are distinct so stability is moot.
fn heap_sort(items: &mut [(u32, usize)]) {
    fn sift_down(items: &mut [(u32, usize)], mut root: usize, end: usize) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && items[child] < items[child + 1] {
                child += 1;
            }
            if items[root] >= items[child] {
                return;
            }
            items.swap(root, child);
            root = child;
        }
    }
    let len = items.len();
    for start in (0..len / 2).rev() {
        sift_down(items, start, len);
    }
    for end in (1..len).rev() {
        items.swap(0, end);
        sift_down(items, 0, end);
    }
}

/// Percent-encodes a key or value as `qs`'s RFC 3986 encoder does for well-formed text.
///
/// Unlike the SDK's copy of `qs`, a character is never split between the
/// encoder's 1,024-unit chunks, so long text with emoji stays intact.
pub(crate) fn encode_component(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// Accumulates `key=value` pairs in order.
pub(crate) struct QueryString<'a> {
    pairs: Vec<String>,
    builtins: &'a dyn JsBuiltins,
}

impl<'a> QueryString<'a> {
    /// An empty query string whose numbers are written by `builtins`.
    pub(crate) fn new(builtins: &'a dyn JsBuiltins) -> Self {
        Self {
            pairs: Vec::new(),
            builtins,
        }
    }

    /// Adds a top-level key; `None` and nulls are skipped, like `skipNulls`.
    pub(crate) fn push(&mut self, key: &str, value: Option<&JsValue>) {
        if let Some(value) = value {
            self.push_value(key.to_owned(), value);
        }
    }

    /// Adds a top-level string value.
    pub(crate) fn push_str(&mut self, key: &str, value: Option<&str>) {
        if let Some(value) = value {
            self.pairs.push(format!(
                "{}={}",
                encode_component(key),
                encode_component(value)
            ));
        }
    }

    fn push_value(&mut self, path: String, value: &JsValue) {
        let scalar = match value {
            JsValue::Null => return,
            JsValue::Bool(b) => b.to_string(),
            JsValue::Number(n) => self.builtins.number_to_string(*n),
            JsValue::String(s) => s.clone(),
            JsValue::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    self.push_value(format!("{path}[{index}]"), item);
                }
                return;
            }
            JsValue::Object(entries) => {
                for (key, item) in entries {
                    self.push_value(format!("{path}[{key}]"), item);
                }
                return;
            }
        };
        self.pairs.push(format!(
            "{}={}",
            encode_component(&path),
            encode_component(&scalar)
        ));
    }

    /// `?a=1&b=2`, or the empty string when nothing was added.
    pub(crate) fn finish(self) -> String {
        if self.pairs.is_empty() {
            String::new()
        } else {
            let mut out = String::from("?");
            out.push_str(&self.pairs.join("&"));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PortedBuiltins;
    use serde_json::json;

    fn query(key: &str, value: Value, kebab: bool) -> String {
        let mut qs = QueryString::new(&PortedBuiltins);
        let kebab = kebab.then_some(&PortedBuiltins as &dyn JsBuiltins);
        qs.push(key, Some(&JsValue::from_json(&value, kebab)));
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
                json!({"a": {"b": [1, null, true]}, "c": [], "d": {}}),
                false
            ),
            "?fields%5Ba%5D%5Bb%5D%5B0%5D=1&fields%5Ba%5D%5Bb%5D%5B2%5D=true"
        );
    }

    #[test]
    fn orders_keys_like_javascript_and_merges_kebab_collisions() {
        assert_eq!(
            query(
                "f",
                json!({"b": 1, "10": 2, "2": 3, "nameFirst": 4, "name_first": 5}),
                true
            ),
            "?f%5B2%5D=3&f%5B10%5D=2&f%5Bb%5D=1&f%5Bname-first%5D=5"
        );
    }

    #[test]
    fn heap_sort_sorts() {
        let mut items: Vec<(u32, usize)> = (0..1000u32)
            .map(|i| ((i * 7919) % 1000, i as usize))
            .collect();
        let mut expected = items.clone();
        expected.sort_unstable();
        heap_sort(&mut items);
        assert_eq!(items, expected);
        let mut empty: Vec<(u32, usize)> = Vec::new();
        heap_sort(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn nothing_gives_an_empty_string() {
        assert_eq!(QueryString::new(&PortedBuiltins).finish(), "");
    }
}
