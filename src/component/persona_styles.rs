//! [`PersonaStyles`] and [`STYLESHEET`]: the component's optional cosmetics.

use leptos::prelude::*;

/// The component's stylesheet (`style/persona-inquiry.css`): corner radius,
/// shadow, focus ring, the error box and the dialog's backdrop, themable with
/// CSS custom properties (`--persona-overlay`, `--persona-radius`,
/// `--persona-spinner`, …). The component works without it: its critical
/// layout is inline and its spinner turns on its own.
///
/// Serve it yourself, or render [`PersonaStyles`].
pub const STYLESHEET: &str = include_str!("../../style/persona-inquiry.css");

/// Renders [`STYLESHEET`] in a `<style>` element (with the page's CSP nonce
/// when Leptos' `nonce` feature provides one): no file to copy.
///
/// ```
/// use leptos::prelude::*;
/// use leptos_persona::{PersonaInquiry, PersonaStyles};
///
/// #[component]
/// fn Page() -> impl IntoView {
///     view! {
///         <PersonaStyles />
///         <PersonaInquiry template_id="itmpl_ABC123" />
///     }
/// }
/// ```
#[component]
pub fn PersonaStyles() -> impl IntoView {
    let nonce = use_nonce();
    view! { <style nonce=nonce>{STYLESHEET}</style> }
}
