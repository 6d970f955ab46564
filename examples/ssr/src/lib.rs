//! leptos-persona in a server-rendered app that hydrates: the inquiry's iframe is
//! in the server's HTML, so the browser starts loading the flow before the app's
//! wasm has arrived, and `<PersonaMessageQueue/>` keeps the flow's early messages
//! until the components hydrate.
//!
//! Build and run it offline with `cargo xtask ssr-example`, or with
//! `cargo leptos watch` (see `README.md` beside `Cargo.toml`).

pub mod app;
pub mod bench;

/// The client entry point: hydrates the server-rendered body.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
