//! The browser side of one flow iframe: posting actions to its exact origin, reading messages.

use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::{HtmlIFrameElement, MessageEvent};

use leptos_persona_core::WidgetAction;

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
        let Ok(message) = js_sys::JSON::parse(&action.to_json().to_string()) else {
            return;
        };
        if let Err(error) = window.post_message(&message, &self.target_origin) {
            debug_log(&format!("could not post {action:?}: {error:?}"));
        }
    }

    /// Whether `event` was sent by this iframe's window.
    pub(crate) fn is_source_of(&self, event: &MessageEvent) -> bool {
        match (event.source(), self.iframe.content_window()) {
            (Some(source), Some(window)) => js_sys::Object::is(&source, window.unchecked_ref()),
            _ => false,
        }
    }
}

/// `event.data` as JSON. Structured-clone data that JSON cannot express
/// (cycles, BigInt, lone surrogates) is an error, never a panic.
pub(crate) fn message_data(event: &MessageEvent) -> Result<Value, String> {
    let text = js_sys::JSON::stringify(&event.data()).map_err(|e| format!("{e:?}"))?;
    let text: String = text.into();
    if text == "undefined" {
        return Ok(Value::Null);
    }
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Logs a rejected or failed message in debug builds only.
pub(crate) fn debug_log(message: &str) {
    if cfg!(debug_assertions) {
        web_sys::console::debug_1(&format!("leptos-persona: {message}").into());
    }
}
