//! An identity-verification app with `leptos-persona`: a person signs in by
//! name, verifies with Persona's flow, and sees the status the database holds,
//! kept up to date by Persona's webhooks and reads of its API.
//!
//! - [`app`]: the page (server-rendered, hydrated).
//! - [`api`]: the server functions it calls.
//! - [`model`]: what they exchange, and the errors a person can meet.
//! - `server` (feature `ssr`): configuration, database, session, webhooks.
//!
//! Run it with `cargo xtask ssr` (see the README).

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod model;

#[cfg(feature = "ssr")]
pub mod server;

/// The client entry point: hydrates the server-rendered body.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // For the end-to-end suites: the page's buttons work from here on.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "");
    }
}
