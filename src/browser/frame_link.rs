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
        let posted = crate::browser::browser_js::post_action(
            &self.iframe,
            action.name(),
            force,
            &self.target_origin,
        );
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
        return crate::browser::browser_js::is_source(event, &self.iframe);
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
    to_json(data, 0).map_err(String::from)
}

#[cfg(target_arch = "wasm32")]
use crate::browser::browser_js::{json_items, json_kind};

/// The codes `browser.js`'s `json_kind` gives: what JSON makes of a value.
/// `browser.js` names the same codes `KIND_…`; a test reads them from there.
mod kind {
    /// `null` or `undefined`.
    pub(super) const NULL: i32 = 0;
    /// `false`.
    pub(super) const FALSE: i32 = 1;
    /// `true`.
    pub(super) const TRUE: i32 = 2;
    /// A finite number.
    pub(super) const NUMBER: i32 = 3;
    /// A well-formed string.
    pub(super) const STRING: i32 = 4;
    /// An array.
    pub(super) const ARRAY: i32 = 5;
    /// A plain object (prototype `Object.prototype` or `null`).
    pub(super) const OBJECT: i32 = 6;
    /// NaN or an infinite number.
    pub(super) const NOT_FINITE: i32 = -1;
    /// A string with a lone surrogate.
    pub(super) const LONE_SURROGATE: i32 = -2;
    /// Another object, or one whose inspection threw.
    #[cfg_attr(
        target_arch = "wasm32",
        allow(
            dead_code,
            reason = "in wasm `to_json`'s `_` arm reads it, with any code it does not know"
        )
    )]
    pub(super) const OTHER_OBJECT: i32 = -3;
    /// A function.
    pub(super) const FUNCTION: i32 = -4;
    /// A bigint.
    pub(super) const BIGINT: i32 = -5;
    /// A symbol.
    pub(super) const SYMBOL: i32 = -6;

    /// Every code, by its name in `browser.js` (without `KIND_`).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    pub(super) const ALL: [(&str, i32); 13] = [
        ("NULL", NULL),
        ("FALSE", FALSE),
        ("TRUE", TRUE),
        ("NUMBER", NUMBER),
        ("STRING", STRING),
        ("ARRAY", ARRAY),
        ("OBJECT", OBJECT),
        ("NOT_FINITE", NOT_FINITE),
        ("LONE_SURROGATE", LONE_SURROGATE),
        ("OTHER_OBJECT", OTHER_OBJECT),
        ("FUNCTION", FUNCTION),
        ("BIGINT", BIGINT),
        ("SYMBOL", SYMBOL),
    ];
}

// Off wasm `read_data` returns before these.
#[cfg(not(target_arch = "wasm32"))]
fn json_kind(_: &JsValue) -> i32 {
    kind::OTHER_OBJECT
}

#[cfg(not(target_arch = "wasm32"))]
fn json_items(_: &JsValue) -> Option<js_sys::Array> {
    None
}

/// Why a value cannot be JSON, as a static text (made a `String` once, by
/// [`read_data`]).
type Unreadable = &'static str;

fn to_json(value: &JsValue, depth: u32) -> Result<Value, Unreadable> {
    if depth > MAX_DEPTH {
        return Err("nested more than 64 levels deep (or a cycle)");
    }
    let kind = json_kind(value);
    if let kind::NUMBER..=kind::OBJECT = kind {
        return to_json_value(value, kind, depth);
    }
    match kind {
        kind::NULL => Ok(Value::Null),
        kind::FALSE | kind::TRUE => Ok(Value::Bool(kind == kind::TRUE)),
        kind::NOT_FINITE => Err("a NaN or infinite number"),
        kind::LONE_SURROGATE => Err("a string with a lone surrogate"),
        kind::FUNCTION => Err("a function"),
        kind::BIGINT => Err("a bigint"),
        kind::SYMBOL => Err("a symbol"),
        // `OTHER_OBJECT`, and any code this side does not know.
        _ => Err("a non-plain object"),
    }
}

fn to_json_value(value: &JsValue, kind: i32, depth: u32) -> Result<Value, Unreadable> {
    match kind {
        kind::NUMBER => return Ok(json_number(value.as_f64().unwrap_or_default())),
        kind::STRING => return Ok(Value::String(value.as_string().unwrap_or_default())),
        _ => {}
    }
    let items = json_items(value).ok_or("unreadable: reading a member threw")?;
    let count = items.length();
    if kind == kind::ARRAY {
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

    /// `browser.js` and this side name the same `json_kind` codes: every
    /// `const KIND_X = n;` there is `kind::X` here, and no code is missing.
    #[test]
    fn json_kind_codes_agree_with_browser_js() {
        let js = include_str!("js/browser.js");
        let declared: Vec<(String, i32)> = js
            .lines()
            .filter_map(|line| {
                let rest = line.trim().strip_prefix("const KIND_")?;
                let (name, value) = rest.split_once(" = ")?;
                let value = value.split(';').next()?.trim().parse().ok()?;
                Some((name.to_owned(), value))
            })
            .collect();
        let ours: Vec<(String, i32)> = super::kind::ALL
            .iter()
            .map(|(name, value)| ((*name).to_owned(), *value))
            .collect();
        assert_eq!(
            declared, ours,
            "browser.js's KIND_ constants and frame_link::kind differ"
        );
    }
}
