//! The browser side of one flow iframe: posting actions to its exact origin,
//! telling its messages apart, and reading their data totally.

use leptos_persona_core::WidgetAction;
use serde_json::{Map, Number, Value};
use wasm_bindgen::JsValue;
use web_sys::{HtmlIFrameElement, MessageEvent};

/// The mounted iframe and the exact origin of its flow.
#[derive(Clone)]
pub(crate) struct FrameLink {
    pub(crate) iframe: HtmlIFrameElement,
    pub(crate) target_origin: String,
}

impl FrameLink {
    /// Posts an action to the flow, to its exact origin (never `"*"`):
    /// `{action, metadata}`, as the official SDK posts it.
    pub(crate) fn post(&self, action: WidgetAction) {
        let force = match action {
            WidgetAction::Exit { force } => Some(force),
            _ => None,
        };
        #[cfg(target_arch = "wasm32")]
        let posted =
            crate::browser_js::post_action(&self.iframe, action.name(), force, &self.target_origin);
        #[cfg(not(target_arch = "wasm32"))]
        let posted = {
            let _ = (force, &self.target_origin);
            false
        };
        if !posted {
            crate::debug_log!("could not post {}", action.name());
        }
    }

    /// Whether `event` was sent by this iframe's current window.
    pub(crate) fn is_source_of(&self, event: &MessageEvent) -> bool {
        #[cfg(target_arch = "wasm32")]
        return crate::browser_js::is_source(event, &self.iframe);
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = event;
            false
        }
    }
}

/// How deep message data may nest (a cycle nests forever).
const MAX_DEPTH: u32 = 64;

/// `event.data` as JSON, read totally: anything JSON cannot express
/// (`undefined` at the top, BigInt, NaN, a cycle, a lone surrogate, a
/// function, a `Date`, `Map` or other non-plain object, a member that throws)
/// is an error naming it, never a panic or an exception. Inside objects and
/// arrays, `undefined` reads as `JSON.stringify` reads it: a member is left
/// out, an element is `null`. Plain objects are those whose prototype is
/// `Object.prototype` or `null`.
///
/// `browser.js` classifies each value (`json_kind`) and lists an object's
/// members or an array's elements (`json_items`), catching what throws; the
/// walk, its depth limit and the numbers are here. Off wasm there is no
/// JavaScript value to read: it is an error.
pub fn read_data(data: &JsValue) -> Result<Value, String> {
    // Off wasm even asking a `JsValue` whether it is `undefined` would panic.
    if !cfg!(target_arch = "wasm32") {
        return Err("no browser: message data is read in wasm only".into());
    }
    if data.is_undefined() {
        return Err("undefined".into());
    }
    to_json(data, 0)
}

#[cfg(target_arch = "wasm32")]
use crate::browser_js::{json_items, json_kind};

// Off wasm `read_data` returns before these.
#[cfg(not(target_arch = "wasm32"))]
fn json_kind(_: &JsValue) -> i32 {
    -3
}

#[cfg(not(target_arch = "wasm32"))]
fn json_items(_: &JsValue) -> Option<js_sys::Array> {
    None
}

fn to_json(value: &JsValue, depth: u32) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("nested more than 64 levels deep (or a cycle)".into());
    }
    let kind = json_kind(value);
    if let 3..=6 = kind {
        return to_json_value(value, kind, depth);
    }
    match kind {
        0 => Ok(Value::Null),
        1 | 2 => Ok(Value::Bool(kind == 2)),
        -1 => Err("a NaN or infinite number".into()),
        -2 => Err("a string with a lone surrogate".into()),
        -4 => Err("a function".into()),
        -5 => Err("a bigint".into()),
        -6 => Err("a symbol".into()),
        _ => Err("a non-plain object".into()),
    }
}

fn to_json_value(value: &JsValue, kind: i32, depth: u32) -> Result<Value, String> {
    match kind {
        3 => return Ok(json_number(value.as_f64().unwrap_or_default())),
        4 => return Ok(Value::String(value.as_string().unwrap_or_default())),
        _ => {}
    }
    let items = json_items(value).ok_or("unreadable: reading a member threw")?;
    let count = items.length();
    if kind == 5 {
        let mut elements = Vec::with_capacity(count as usize);
        for at in 0..count {
            elements.push(to_json(&items.get(at), depth + 1)?);
        }
        return Ok(Value::Array(elements));
    }
    let mut map = Map::new();
    for at in (0..count).step_by(2) {
        let name = items.get(at).as_string().unwrap_or_default();
        map.insert(name, to_json(&items.get(at + 1), depth + 1)?);
    }
    Ok(Value::Object(map))
}

/// A finite number as `JSON.parse(JSON.stringify(n))` would give it to serde:
/// integers as integers (`-0` as `0`), others as the same `f64`.
fn json_number(number: f64) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if number.fract() == 0.0 && number.abs() < EXACT {
        return if number >= 0.0 {
            Value::Number(Number::from(number as u64))
        } else {
            Value::Number(Number::from(number as i64))
        };
    }
    Number::from_f64(number).map_or(Value::Null, Value::Number)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// Off wasm there is no JavaScript value to read: an error, not a panic.
    #[test]
    fn reading_off_wasm_is_an_error() {
        let read = super::read_data(&wasm_bindgen::JsValue::NULL);
        assert!(read.is_err_and(|why| why.contains("wasm only")));
    }
}
