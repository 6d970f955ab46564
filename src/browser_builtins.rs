//! [`JsBuiltins`] as the flow's URL needs them: the browser's own JavaScript in
//! wasm (lodash `kebabCase` with its verbatim regexes, `String(number)`), the
//! core's exact Rust ports everywhere else (the server renders the same bytes).

use leptos_persona_core::JsBuiltins;

/// The JavaScript built-ins the widget URL is built with: the browser's own
/// in wasm (lodash `kebabCase`, `String(number)`), the core's exact Rust ports
/// elsewhere. Both give the same bytes; the conformance fixtures prove it.
pub fn builtins() -> &'static dyn JsBuiltins {
    #[cfg(target_arch = "wasm32")]
    {
        &BrowserBuiltins
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        &leptos_persona_core::PortedBuiltins
    }
}

/// The browser's JavaScript: proven byte-identical to the ports by the
/// conformance fixtures, run in headless Chromium.
#[cfg(target_arch = "wasm32")]
pub(crate) struct BrowserBuiltins;

#[cfg(target_arch = "wasm32")]
impl JsBuiltins for BrowserBuiltins {
    fn kebab_case(&self, key: &str) -> String {
        crate::browser_js::kebab_case(key)
    }

    fn number_to_string(&self, value: f64) -> String {
        crate::browser_js::number_to_string(value)
    }
}
