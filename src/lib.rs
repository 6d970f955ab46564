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

/// Logs a rejected or failed message to the console's debug level, in debug
/// builds of the app in a browser only (elsewhere it compiles to nothing,
/// arguments included).
macro_rules! debug_log {
    ($($arg:tt)*) => {
        #[cfg(all(debug_assertions, target_arch = "wasm32"))]
        {
            ::web_sys::console::debug_1(
                &::std::format!("leptos-persona: {}", ::std::format_args!($($arg)*)).into(),
            );
        }
        #[cfg(not(all(debug_assertions, target_arch = "wasm32")))]
        {
            if false {
                let _ = ::std::format_args!($($arg)*);
            }
        }
    };
}
pub(crate) use debug_log;

mod browser_builtins;
mod container_id;
mod flow_callback;
mod flow_session;
mod frame_link;
mod frame_view;
mod inline_height;
mod inquiry_handle;
mod message_queue;
mod modal;
mod option_prop;
mod options_from_props;
mod page_origin;
mod persona_inquiry;
mod preload;
mod scroll_lock;

/// The protocol core, re-exported whole: widget URLs, the message gate, typed
/// events and the state machine, for code that works below the component.
pub use leptos_persona_core as protocol;

pub use flow_callback::FlowCallback;
pub use frame_view::Labels;
pub use inquiry_handle::{use_persona_inquiry, InquiryHandle};
pub use leptos_persona_core::{
    CameraPermissions, CompletePayload, CompletionFields, ConfigError, CssSize, DocumentRef,
    Environment, ErrorCode, EventName, EventsAllowlist, ExitPayload, Field, FieldMapping,
    FlowEvent, FlowMessage, Host, InquiryError, InquiryOptions, InquiryPhase, InquiryState,
    InquiryStyles, LoadTimeout, Padding, PageChange, PreferredDimensions, ReadyPayload,
    ServerOutageMode, Side, StartPayload,
};
pub use message_queue::{PersonaMessageQueue, MESSAGE_QUEUE_SCRIPT};
pub use option_prop::OptionProp;
pub use options_from_props::DEFAULT_MIN_HEIGHT;
pub use persona_inquiry::PersonaInquiry;
pub use preload::preload;
/// `serde_json`, for `json!` prefill values without a dependency of your own.
pub use serde_json;

/// The README's examples, compiled and run as doc tests so the quick start stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
