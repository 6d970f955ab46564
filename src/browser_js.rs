//! The bindings of `browser.js`, the crate's JavaScript (one module, one
//! download), in wasm only. It ships as written, so its comments are terse and
//! its explanations are here and where each function is used
//! (`browser_builtins.rs`, `container_id.rs`, `modal.rs`):
//!
//! - `kebab_case` is lodash `kebabCase` 4.1.1 (npm `lodash.kebabcase`, as
//!   bundled in `persona@5.9.0`), its regular expressions and deburring table
//!   verbatim: the official SDK's key casing, run by the browser.
//! - `random_container_id` draws 20 base-32 digits from `crypto.getRandomValues`.
//! - `show_dialog` / `hide_dialog`: the modal's DOM work (focus guards, scroll
//!   lock, focus in and back).

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// lodash `kebabCase`, as the official SDK casts option keys.
    pub(crate) fn kebab_case(key: &str) -> String;
    /// `String(value)`.
    pub(crate) fn number_to_string(value: f64) -> String;
    /// `persona-inquiry-` and 20 digits from `crypto.getRandomValues`.
    pub(crate) fn random_container_id() -> String;
    pub(crate) fn json_kind(value: &wasm_bindgen::JsValue) -> i32;
    pub(crate) fn json_items(value: &wasm_bindgen::JsValue) -> Option<js_sys::Array>;
    /// `showModal()`, focus guards, scroll lock, focus on `iframe`; returns the
    /// element that had focus (see `modal.rs`).
    pub(crate) fn show_dialog(
        iframe: &web_sys::Element,
        on_event: &wasm_bindgen::JsValue,
    ) -> wasm_bindgen::JsValue;
    pub(crate) fn hide_dialog(shown: &wasm_bindgen::JsValue);
    pub(crate) fn matches_media(query: &str) -> bool;
}
