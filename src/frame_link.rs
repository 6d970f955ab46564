//! The browser side of one flow iframe: posting actions to its exact origin,
//! telling its messages apart, and reading their data totally.

use leptos_persona_core::WidgetAction;
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlIFrameElement, MessageEvent};

/// The mounted iframe and the exact origin of its flow.
#[derive(Clone)]
pub(crate) struct FrameLink {
    pub(crate) iframe: HtmlIFrameElement,
    pub(crate) target_origin: String,
}

impl FrameLink {
    /// Posts an action to the flow, to its exact origin (never `"*"`).
    pub(crate) fn post(&self, action: WidgetAction) {
        let Some(window) = self.iframe.content_window() else {
            return;
        };
        let metadata = js_sys::Object::new();
        if let WidgetAction::Exit { force } = action {
            let _ = js_sys::Reflect::set(&metadata, &"force".into(), &force.into());
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"action".into(), &action.name().into());
        let _ = js_sys::Reflect::set(&message, &"metadata".into(), &metadata);
        if window.post_message(&message, &self.target_origin).is_err() {
            crate::debug_log!("could not post {}", action.name());
        }
    }

    /// Whether `event` was sent by this iframe's current window.
    pub(crate) fn is_source_of(&self, event: &MessageEvent) -> bool {
        match (event.source(), self.iframe.content_window()) {
            (Some(source), Some(window)) => js_sys::Object::is(&source, window.unchecked_ref()),
            _ => false,
        }
    }
}

/// How deep message data may nest (a cycle nests forever).
const MAX_DEPTH: u32 = 64;

/// `event.data` as JSON, read totally: anything JSON cannot express
/// (`undefined` at the top, BigInt, NaN, a cycle, a lone surrogate, a
/// function, a `Date`, `Map` or other non-plain object) is an error naming it,
/// never a panic or an exception. Inside objects and arrays, `undefined` reads
/// as `JSON.stringify` reads it: a member is left out, an element is `null`.
pub fn read_data(data: &JsValue) -> Result<Value, String> {
    if data.is_undefined() {
        return Err("undefined".into());
    }
    to_json(data, 0)
}

fn to_json(value: &JsValue, depth: u32) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("nested more than 64 levels deep (or a cycle)".into());
    }
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        return json_number(number).ok_or_else(|| "a NaN or infinite number".into());
    }
    if let Some(text) = value.dyn_ref::<js_sys::JsString>() {
        if !text.is_valid_utf16() {
            return Err("a string with a lone surrogate".into());
        }
        return Ok(Value::String(String::from(text)));
    }
    if let Some(array) = value.dyn_ref::<js_sys::Array>() {
        let mut items = Vec::with_capacity(array.length() as usize);
        for item in array.iter() {
            items.push(to_json(&item, depth + 1)?);
        }
        return Ok(Value::Array(items));
    }
    let Some(object) = value.dyn_ref::<js_sys::Object>().filter(|o| is_plain(o)) else {
        return Err(describe(value));
    };
    let mut map = Map::new();
    for key in js_sys::Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let member = js_sys::Reflect::get(object, &key).map_err(|_| describe(value))?;
        if !member.is_undefined() {
            map.insert(name, to_json(&member, depth + 1)?);
        }
    }
    Ok(Value::Object(map))
}

/// A number as `JSON.parse(JSON.stringify(n))` would give it to serde: integers
/// as integers (`-0` as `0`), others as the same `f64`.
fn json_number(number: f64) -> Option<Value> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53
    if number.fract() == 0.0 && number.abs() < EXACT {
        return Some(if number >= 0.0 {
            Value::Number(Number::from(number as u64))
        } else {
            Value::Number(Number::from(number as i64))
        });
    }
    Number::from_f64(number).map(Value::Number)
}

/// A plain object: its prototype is `Object.prototype` or `null`.
fn is_plain(object: &js_sys::Object) -> bool {
    if object.is_function() {
        return false;
    }
    let prototype = js_sys::Object::get_prototype_of(object);
    prototype.is_null()
        || js_sys::Object::is(
            &prototype,
            &js_sys::Object::get_prototype_of(&js_sys::Object::new()),
        )
}

fn describe(value: &JsValue) -> String {
    let kind = value.js_typeof().as_string().unwrap_or_default();
    match kind.as_str() {
        "object" => "a non-plain object".into(),
        _ => kind,
    }
}
