//! [`JsBuiltins`]: the JavaScript built-in whose output ends up in the widget
//! URL, and lodash's `kebabCase`, ported.

/// The piece of JavaScript behaviour that decides bytes of the official SDK's
/// widget URL wherever a number is written: `String(number)`.
///
/// [`PortedBuiltins`] implements it in Rust, exactly, on any target. A browser
/// wrapper may implement it with the browser's own JavaScript instead (smaller
/// wasm); the conformance fixtures prove both give the same bytes. (The other
/// one, lodash's `kebabCase` for the keys of `fields` and `fieldMappings`, is
/// part of those options' [`OptionSupport`](crate::OptionSupport): see
/// [`kebab_case`] and [`OptionSupport::cased_by`](crate::OptionSupport::cased_by).)
///
/// ```
/// use leptos_persona_core::{JsBuiltins, PortedBuiltins};
///
/// assert_eq!(PortedBuiltins.number_to_string(1e21), "1e+21");
/// assert_eq!(PortedBuiltins.number_to_string(0.5), "0.5");
/// ```
pub trait JsBuiltins {
    /// JavaScript's `String(value)` for a number (`650`, `0.5`, `1e+21`, `NaN`).
    fn number_to_string(&self, value: f64) -> String;
}

/// The exact Rust port of [`JsBuiltins`]: ECMAScript `Number::toString`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PortedBuiltins;

impl JsBuiltins for PortedBuiltins {
    fn number_to_string(&self, value: f64) -> String {
        crate::url::js_number::js_number_to_string(value)
    }
}

/// lodash `kebabCase` 4.1.1, as bundled in the official SDK, ported exactly
/// (`nameFirst` → `name-first`): how the keys of `fields` and `fieldMappings`
/// are cased.
///
/// ```
/// assert_eq!(leptos_persona_core::kebab_case("nameFirst"), "name-first");
/// assert_eq!(leptos_persona_core::kebab_case("addressStreet1"), "address-street-1");
/// ```
pub fn kebab_case(key: &str) -> String {
    crate::url::kebab_case::kebab_case(key)
}
