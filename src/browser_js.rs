//! The bindings of the crate's JavaScript, in wasm only: `browser.js`, and two
//! modules of their own, each imported only by an app that uses it:
//! `kebab_case.js` (options with keys to case: `fields`, `field_mappings`) and
//! `modal.js` (a modal). They ship as
//! written, so their comments are terse and their explanations are here and
//! where each function is used (`browser_builtins.rs`, `container_id.rs`,
//! `frame_link.rs`, `modal.rs`):
//!
//! - `kebab_case` is lodash `kebabCase` 4.1.1 (npm `lodash.kebabcase`, as
//!   bundled in `persona@5.9.0`), its regular expressions and deburring table
//!   verbatim: the official SDK's key casing, run by the browser.
//! - `json_kind` / `json_items` classify message data and list its members,
//!   catching what throws (`frame_link.rs` walks them); `is_source` tells
//!   whether a message came from the flow iframe's window, and `post_action`
//!   posts `{action, metadata}` to it, at its exact origin (a post that
//!   throws, such as to a malformed origin, is `false`).
//! - `random_container_id` draws 20 base-32 digits from `crypto.getRandomValues`.
//! - `show_dialog` / `hide_dialog`: the modal's DOM work (focus guards, scroll
//!   lock, focus in and back).

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/kebab_case.js")]
extern "C" {
    /// lodash `kebabCase`, as the official SDK casts option keys.
    pub(crate) fn kebab_case(key: &str) -> String;
}

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// `String(value)`.
    pub(crate) fn number_to_string(value: f64) -> String;
    /// `persona-inquiry-` and 20 digits from `crypto.getRandomValues`.
    pub(crate) fn random_container_id() -> String;
    pub(crate) fn post_action(
        iframe: &web_sys::HtmlIFrameElement,
        action: &str,
        force: Option<bool>,
        origin: &str,
    ) -> bool;
    pub(crate) fn is_source(
        event: &web_sys::MessageEvent,
        iframe: &web_sys::HtmlIFrameElement,
    ) -> bool;
    pub(crate) fn json_kind(value: &wasm_bindgen::JsValue) -> i32;
    pub(crate) fn json_items(value: &wasm_bindgen::JsValue) -> Option<js_sys::Array>;
}

#[wasm_bindgen(module = "/src/modal.js")]
extern "C" {
    /// `showModal()` of `iframe`'s parent dialog, its `cancel` / `close`
    /// handlers, focus guards, scroll lock, focus on `iframe`; returns what
    /// `hide_dialog` takes (the dialog and the element that had focus), or
    /// `null` when `iframe` is not in a dialog (see `modal.rs`).
    pub(crate) fn show_dialog(
        iframe: &web_sys::Element,
        on_event: &wasm_bindgen::JsValue,
    ) -> wasm_bindgen::JsValue;
    pub(crate) fn hide_dialog(shown: &wasm_bindgen::JsValue);
    pub(crate) fn matches_media(query: &str) -> bool;
}
