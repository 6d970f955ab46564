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

mod config_error;
mod container_id;
mod event_name;
mod field;
mod flow_event;
mod frame_layout;
mod frame_link;
mod host;
mod inquiry_error;
mod inquiry_handle;
mod inquiry_state;
mod js_number;
mod json_access;
mod kebab_case;
mod message_gate;
mod message_queue;
mod options;
mod persona_inquiry;
mod preload;
mod query_string;
mod sandbox;
mod scroll_lock;
mod widget_action;
mod widget_url;

pub use config_error::ConfigError;
pub use event_name::EventName;
pub use field::{CompletionFields, DocumentRef, Field};
pub use flow_event::{
    CameraPermissions, CompletePayload, ExitPayload, FlowEvent, FlowMessage, InquiryStyles,
    PageChange, PayloadError, PreferredDimensions, ReadyPayload, StartPayload,
};
pub use frame_layout::{
    inline_frame_height, modal_frame_size, ModalFrameSize, DESKTOP_MEDIA_QUERY,
};
pub use host::{CustomHost, Host};
pub use inquiry_error::{ErrorCode, InquiryError};
pub use inquiry_handle::{use_persona_inquiry, InquiryHandle};
pub use inquiry_state::{CallbackCall, InquiryPhase, InquirySession, InquiryState};
pub use message_gate::{MessageGate, Rejection};
pub use message_queue::{PersonaMessageQueue, MESSAGE_QUEUE_SCRIPT};
pub use options::{
    CssSize, Environment, EventsAllowlist, FieldMapping, InquiryOptions, Padding, ServerOutageMode,
    Side,
};
pub use persona_inquiry::{PersonaInquiry, DEFAULT_LOAD_TIMEOUT_MS, DEFAULT_MIN_HEIGHT};
pub use preload::preload;
pub use sandbox::{
    sandbox_attribute, DEFAULT_SANDBOX_TOKENS, REFUSED_SANDBOX_TOKENS, REQUIRED_SANDBOX_TOKENS,
};
pub use widget_action::WidgetAction;
pub use widget_url::{
    widget_url, FlowType, WidgetFrame, DEFAULT_IFRAME_TITLE, IFRAME_ALLOW, IFRAME_CLASS,
    SDK_VERSION,
};

/// The README's examples, compiled and run as doc tests so the quick start stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
