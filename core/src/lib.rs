//! # leptos-persona-core
//!
//! The protocol of [Persona](https://withpersona.com)'s embedded
//! identity-verification flow, in plain Rust: no browser, no UI framework. It is
//! the core of `leptos-persona`, and any Rust UI (Yew, Dioxus, Sycamore, …) can
//! wrap it the same way.
//!
//! - [`InquiryOptions`] → the flow's iframe ([`WidgetFrame`], [`widget_url`]),
//!   byte for byte as the official JavaScript SDK builds it.
//! - [`MessageGate`] decides which `message` events belong to an inquiry, and
//!   [`FlowEvent::parse`] turns one into a typed [`FlowEvent`] (in a [`FlowMessage`]).
//! - [`InquirySession`] folds accepted messages into an [`InquiryState`] and
//!   says which callbacks to call ([`CallbackCall`]).
//! - [`inline_frame_height`] and [`modal_frame_size`] are the layout rules.
//!
//! ```
//! use leptos_persona_core::{widget_url, FlowType, InquiryOptions};
//!
//! let options = InquiryOptions::template("itmpl_ABC123");
//! let url = widget_url(&options, "persona-inquiry-1", FlowType::Inline, "https://shop.example.com").unwrap();
//! assert!(url.starts_with("https://inquiry.withpersona.com/widget?"));
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod messages;
mod options;
mod state;
mod url;

pub use messages::event_table::{EventName, FlowEvent};
pub use messages::field::{CompletionFields, DocumentRef, Field};
pub use messages::flow_event::{
    CameraPermissions, CompletePayload, ExitPayload, FlowMessage, InquiryStyles, PageChange,
    PayloadError, PreferredDimensions, ReadyPayload, StartPayload,
};
pub use messages::inquiry_error::{ErrorCode, InquiryError};
pub use messages::message_gate::{MessageGate, Rejection};
pub use messages::widget_action::WidgetAction;
pub use options::config_error::ConfigError;
pub use options::host::{CustomHost, Host};
pub use options::inquiry_options::{
    CssSize, Environment, EventsAllowlist, FieldMapping, InquiryOptions, MessageTargetOrigin,
    Padding, ServerOutageMode, SessionToken, Side,
};
pub use options::load_timeout::LoadTimeout;
pub use options::option_support::{KeyCase, OptionSupport};
pub use options::origin::PageOrigin;
pub use options::sandbox::{
    sandbox_attribute, DEFAULT_SANDBOX, DEFAULT_SANDBOX_TOKENS, REFUSED_SANDBOX_TOKENS,
    REQUIRED_SANDBOX_TOKENS,
};
pub use options::trusted_origins::TrustedOrigins;
pub use state::callback_table::{CallbackCall, CallbackRef};
pub use state::frame_layout::{
    inline_frame_height, modal_frame_size, ModalFrameSize, DESKTOP_MEDIA_QUERY,
};
pub use state::inquiry_state::{InquiryPhase, InquirySession, InquiryState, Recorded};
pub use url::js_builtins::{kebab_case, JsBuiltins, PortedBuiltins};
pub use url::widget_url::{
    widget_url, FlowType, WidgetFrame, DEFAULT_IFRAME_TITLE, IFRAME_ALLOW, IFRAME_CLASS,
    SDK_VERSION,
};

/// What the option table's rows name, for `leptos-persona`'s expansion of it.
#[doc(hidden)]
pub mod __private {
    pub use serde_json::{Map, Value};
}
