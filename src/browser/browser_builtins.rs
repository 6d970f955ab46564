//! The JavaScript the flow's URL needs, as the component runs it: the
//! browser's own in wasm (`String(number)`, lodash `kebabCase` with its
//! verbatim regexes), the core's exact Rust ports everywhere else (the server
//! renders the same bytes).

use leptos_persona_core::{JsBuiltins, OptionSupport};

/// The JavaScript built-ins the widget URL is built with: the browser's own
/// `String(number)` in wasm, the core's exact Rust port elsewhere. Both give
/// the same bytes; the conformance fixtures prove it.
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

/// lodash `kebabCase` as the component cases the keys of `fields` and
/// `field_mappings`: lodash itself, run by the browser, in wasm (in a module
/// of its own, `kebab_case.js`, that only an app with such options imports);
/// the core's exact Rust port elsewhere.
///
/// ```
/// assert_eq!(leptos_persona::browser::kebab_case("nameFirst"), "name-first");
/// ```
pub fn kebab_case(key: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        crate::browser::browser_js::kebab_case(key)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        leptos_persona_core::kebab_case(key)
    }
}

/// Every option's support, as the component builds the widget URL: keys cased
/// by [`kebab_case`]. (The component itself passes only the support of the
/// props it was given; see [`OptionValue`](crate::options::OptionValue).)
///
/// ```
/// use leptos_persona::browser::{js_builtins, option_support};
/// use leptos_persona::protocol::{FlowType, InquiryOptions, WidgetFrame};
///
/// let options = InquiryOptions::template("itmpl_ABC123").with_field("nameFirst", "Jane");
/// let frame = WidgetFrame::build_supporting(
///     js_builtins(), &option_support(), &options, "c1", FlowType::Inline, "https://shop.example",
/// )
/// .unwrap();
/// assert!(frame.src.ends_with("&fields%5Bname-first%5D=Jane"));
/// ```
pub fn option_support() -> OptionSupport {
    OptionSupport::ALL.cased_by(kebab_case)
}

#[cfg(target_arch = "wasm32")]
pub(crate) struct BrowserBuiltins;

#[cfg(target_arch = "wasm32")]
impl JsBuiltins for BrowserBuiltins {
    fn number_to_string(&self, value: f64) -> String {
        crate::browser::browser_js::number_to_string(value)
    }
}
