//! The server half of a Persona integration, for Leptos apps and any other Rust
//! server: Persona's own guidance is to keep business logic off the client's
//! callbacks (`onComplete` "is not guaranteed to be called") and to trust
//! webhooks and its API instead.
//!
//! - [`webhook`]: verifies `Persona-Signature` on the raw body (secret rotation on
//!   both sides, a replay window, constant-time comparison, a size limit) and
//!   parses the verified body into a typed [`webhook::WebhookEvent`]; with the
//!   `axum` feature, an extractor for webhook routes.
//! - `api` (the `client` feature): Persona's REST API, with retries that never
//!   create a second inquiry, and `api::Client::start_or_resume`, which gives
//!   `<PersonaInquiry>` exactly the inquiry id and session token it takes.
//! - [`InquiryStatus`] and [`Secret`], shared by both.
//!
//! The crate depends on neither Leptos nor anything of the browser, and never
//! reaches a wasm bundle. Leptos apps reach it as `leptos_persona::server` with
//! `leptos-persona`'s `server` feature, or depend on it directly.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod inquiry;
mod secret;
pub mod webhook;

#[cfg(feature = "client")]
pub mod api;

pub use inquiry::InquiryStatus;
pub use secret::Secret;
