//! [`JsBuiltins`]: the JavaScript built-ins whose output ends up in the widget URL.

/// The two pieces of JavaScript behaviour that decide bytes of the official
/// SDK's widget URL: lodash's `kebabCase` (applied to the keys of `fields` and
/// `fieldMappings`) and `String(number)`.
///
/// [`PortedBuiltins`] implements them in Rust, exactly, on any target. A
/// browser wrapper may implement them with the browser's own JavaScript
/// instead (smaller wasm); the conformance fixtures prove both give the same
/// bytes.
///
/// ```
/// use leptos_persona_core::{JsBuiltins, PortedBuiltins};
///
/// assert_eq!(PortedBuiltins.kebab_case("nameFirst"), "name-first");
/// assert_eq!(PortedBuiltins.number_to_string(1e21), "1e+21");
/// assert_eq!(PortedBuiltins.number_to_string(0.5), "0.5");
/// ```
pub trait JsBuiltins {
    /// lodash `kebabCase`, as bundled in the official SDK (`nameFirst` → `name-first`).
    fn kebab_case(&self, key: &str) -> String;
    /// JavaScript's `String(value)` for a number (`650`, `0.5`, `1e+21`, `NaN`).
    fn number_to_string(&self, value: f64) -> String;
}

/// Exact Rust ports of [`JsBuiltins`]: lodash `kebabCase` 4.1.1 and ECMAScript
/// `Number::toString`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PortedBuiltins;

impl JsBuiltins for PortedBuiltins {
    fn kebab_case(&self, key: &str) -> String {
        crate::kebab_case::kebab_case(key)
    }

    fn number_to_string(&self, value: f64) -> String {
        crate::js_number::js_number_to_string(value)
    }
}
