//! Total, panic-free reads from untrusted JSON.

use serde_json::Value;

/// `value[key]` when `value` is an object that has `key`.
pub(crate) fn member<'a>(value: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    value
        .and_then(Value::as_object)
        .and_then(|map| map.get(key))
}

/// `value[key]` as a string, if it is one.
pub(crate) fn string(value: Option<&Value>, key: &str) -> Option<String> {
    member(value, key)
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// `value[key]` as a boolean, if it is one.
pub(crate) fn boolean(value: Option<&Value>, key: &str) -> Option<bool> {
    member(value, key).and_then(Value::as_bool)
}

/// `value[key]` as a number, if it is one.
pub(crate) fn number(value: Option<&Value>, key: &str) -> Option<f64> {
    member(value, key).and_then(Value::as_f64)
}
