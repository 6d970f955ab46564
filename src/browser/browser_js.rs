//! The bindings of the crate's JavaScript, in wasm only: `browser.js`, and two
//! modules of their own, each imported only by an app that uses it:
//! `kebab_case.js` (options with keys to case: `fields`, `field_mappings`) and
//! `modal.js` (a modal), all in `js/` beside this file.
//!
//! `browser.js` and `modal.js` are commented sources; what ships is their
//! minified form (`browser.min.js`, `modal.min.js`, made by terser with
//! `cargo xtask js`, checked by `cargo xtask test`), 25 % less gzip than the
//! sources without comments. `kebab_case.js` ships as it is, with lodash's
//! licence notice. The explanations are in the sources, here, and where each
//! function is used (`browser_builtins.rs`, `container_id.rs`,
//! `frame_link.rs`, `modal.rs`).
//!
//! - `kebab_case` is lodash `kebabCase` 4.1.1 (npm `lodash.kebabcase`, as
//!   bundled in `persona@5.9.0`), its regular expressions and deburring table
//!   verbatim: the official SDK's key casing, run by the browser.
//! - `json_kind` / `json_items` classify message data and list its members
//!   (an array's elements; a plain object's members as `[key, value, …]`,
//!   `undefined` ones left out), catching what throws (`frame_link.rs` walks
//!   them); `is_source` tells
//!   whether a message came from the flow iframe's window, and `post_action`
//!   posts `{action, metadata}` to it, at its exact origin (a post that
//!   throws, such as to a malformed origin, is `false`).
//! - `random_container_id` draws 20 base-32 digits from `crypto.getRandomValues`.
//! - `show_dialog` / `hide_dialog`: the modal's DOM work (focus guards, scroll
//!   lock, focus in and back, the built-in spinner), and once per document the
//!   modal's styles: the spinner's keyframes and colours (`:where()`, so that
//!   any rule of the page's wins), the rule that hides it unless the wrapper's
//!   `data-phase` is `loading`, and `--persona-desktop`, a space toggle (empty
//!   on desktop, void below [`DESKTOP_MEDIA_QUERY`]) that the modal iframe's
//!   sizes are written with. They go in an adopted constructed stylesheet, or
//!   a `<style>` with the page's nonce where browsers have none.
//!
//!   The spinner is a `role="status"` element labelled with
//!   [`Labels::loading`](crate::Labels::loading), made once per dialog (none
//!   when the app gives a `loading` view): it shows while the flow loads
//!   because of that rule, so no Rust view, signal or effect follows it.
//!
//! [`DESKTOP_MEDIA_QUERY`]: leptos_persona_core::DESKTOP_MEDIA_QUERY

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/browser/js/kebab_case.js")]
extern "C" {
    /// lodash `kebabCase`, as the official SDK casts option keys.
    pub(crate) fn kebab_case(key: &str) -> String;
}

#[wasm_bindgen(module = "/src/browser/js/browser.min.js")]
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
    /// What JSON makes of `value`: one of the codes of `frame_link::kind`.
    pub(crate) fn json_kind(value: &wasm_bindgen::JsValue) -> i32;
    /// An array's elements, or a plain object's defined members as
    /// `[key, value, …]`; `null` if reading one throws.
    pub(crate) fn json_items(value: &wasm_bindgen::JsValue) -> Option<js_sys::Array>;
}

#[wasm_bindgen(module = "/src/browser/js/modal.min.js")]
extern "C" {
    /// `showModal()` of `iframe`'s parent dialog, its `cancel` / `close`
    /// handlers, focus guards, scroll lock, focus on `iframe`; returns what
    /// `hide_dialog` takes (the dialog and the element that had focus), or
    /// `null` when `iframe` is not in a dialog (see `modal.rs`).
    pub(crate) fn show_dialog(
        iframe: &web_sys::Element,
        on_event: &wasm_bindgen::JsValue,
        spinner_label: Option<String>,
    ) -> wasm_bindgen::JsValue;
    pub(crate) fn hide_dialog(shown: &wasm_bindgen::JsValue);
}
