//! The bindings of `browser.js`, the crate's JavaScript (one module, one
//! download), in wasm only: what each function is for is said where it is
//! used (`browser_builtins.rs`, `focus_wrap.rs`, `container_id.rs`).

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/browser.js")]
extern "C" {
    /// lodash `kebabCase`, as the official SDK casts option keys.
    pub(crate) fn kebab_case(key: &str) -> String;
    /// `String(value)`.
    pub(crate) fn number_to_string(value: f64) -> String;
    /// Puts the focus guards at both ends of `dialog`, once.
    pub(crate) fn wrap_focus(dialog: &web_sys::Element);
    /// `persona-inquiry-` and 20 digits from `crypto.getRandomValues`.
    pub(crate) fn random_container_id() -> String;
    pub(crate) fn lock_scroll();
    pub(crate) fn unlock_scroll();
}
