//! # leptos-persona
//!
//! Embed [Persona](https://withpersona.com)'s identity-verification flow in a
//! [Leptos](https://leptos.dev) app.
//!
//! The crate is a pure core plus a thin Leptos shell. The core, usable and
//! tested without a browser, turns [`InquiryOptions`] into the flow's iframe
//! ([`widget_url`], [`WidgetFrame`]) byte for byte as the official JavaScript
//! SDK does, decides which `message` events belong to an inquiry
//! ([`MessageGate`]), parses them into typed [`FlowEvent`]s and folds them into
//! an [`InquiryState`].
//!
//! ```
//! use leptos_persona::{widget_url, FlowType, InquiryOptions};
//!
//! let options = InquiryOptions::template("itmpl_ABC123");
//! let url = widget_url(&options, "persona-inquiry-1", FlowType::Inline, "https://shop.example.com").unwrap();
//! assert!(url.starts_with("https://inquiry.withpersona.com/widget?"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod container_id;
mod frame_link;
mod inquiry_handle;
mod message_queue;
mod persona_inquiry;
mod preload;
mod scroll_lock;

/// The protocol core, re-exported whole: widget URLs, the message gate, typed
/// events and the state machine, for code that works below the component.
pub use leptos_persona_core as protocol;

pub use inquiry_handle::{use_persona_inquiry, InquiryHandle};
pub use leptos_persona_core::{
    CameraPermissions, CompletePayload, CompletionFields, ConfigError, CssSize, DocumentRef,
    Environment, ErrorCode, EventName, EventsAllowlist, ExitPayload, Field, FieldMapping,
    FlowEvent, FlowMessage, Host, InquiryError, InquiryOptions, InquiryPhase, InquiryState,
    InquiryStyles, Padding, PageChange, PreferredDimensions, ReadyPayload, ServerOutageMode, Side,
    StartPayload,
};
pub use message_queue::{PersonaMessageQueue, MESSAGE_QUEUE_SCRIPT};
pub use persona_inquiry::{PersonaInquiry, DEFAULT_LOAD_TIMEOUT_MS, DEFAULT_MIN_HEIGHT};
pub use preload::preload;
/// `serde_json`, for `json!` prefill values without a dependency of your own.
pub use serde_json;

/// The README's examples, compiled and run as doc tests so the quick start stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
