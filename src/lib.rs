//! # leptos-persona
//!
//! Embed [Persona](https://withpersona.com)'s identity-verification flow in a
//! [Leptos](https://leptos.dev) 0.8 app with one component,
//! [`PersonaInquiry`]: inline, or in a modal dialog opened through an
//! [`InquiryHandle`].
//!
//! ```
//! use leptos::prelude::*;
//! use leptos_persona::{serde_json::json, use_persona_inquiry, CompletePayload, PersonaInquiry};
//!
//! #[component]
//! fn Verify() -> impl IntoView {
//!     let inquiry = use_persona_inquiry();
//!     view! {
//!         <button on:click=move |_| inquiry.open()>"Verify my identity"</button>
//!         <PersonaInquiry
//!             template_id="itmpl_ABC123"
//!             host="staging"
//!             fields=json!({ "nameFirst": "Jane" })
//!             modal=true
//!             handle=inquiry
//!             on_complete=move |done: CompletePayload| leptos::logging::log!("{:?}", done.inquiry_id)
//!         />
//!     }
//! }
//! ```
//!
//! The protocol underneath (options to the widget URL, the message gate,
//! typed events, the inquiry state machine) is the browser-free crate
//! `leptos-persona-core`, re-exported as [`protocol`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]
// The size and safety rules of `clippy.toml`, and no `{:?}` (Debug formatting
// links the Debug impls it reaches): errors under `cargo clippy -- -D warnings`,
// outside the unit tests.
#![cfg_attr(
    not(test),
    warn(
        clippy::disallowed_macros,
        clippy::disallowed_methods,
        clippy::disallowed_types,
        clippy::use_debug
    )
)]

/// Logs a rejected or failed message to the console's debug level, in debug
/// builds of the app in a browser only (elsewhere it compiles to nothing,
/// arguments included).
macro_rules! debug_log {
    ($($arg:tt)*) => {
        #[cfg(all(debug_assertions, target_arch = "wasm32"))]
        #[allow(clippy::disallowed_macros, reason = "debug builds only: release builds link none of it")]
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
#[cfg(target_arch = "wasm32")]
mod browser_js;
mod browser_listener;
mod browser_window;
mod container_id;
mod effect;
mod flow_callback;
mod flow_session;
mod frame_link;
mod frame_view;
mod inline_height;
mod inquiry_handle;
mod message_queue;
mod modal;
mod modal_flag;
mod option_prop;
mod option_value;
mod options_from_props;
mod page_origin;
mod persona_inquiry;
mod persona_styles;
mod preload;

/// The protocol core, re-exported whole: widget URLs, the message gate, typed
/// events and the state machine, for code that works below the component.
pub use leptos_persona_core as protocol;

/// The server half (the `leptos-persona-server` crate, with the `server`
/// feature; `server-axum` and `server-client` add its axum extractor and its
/// REST API client): verified webhooks and the API, the truth a client
/// callback is not. Never in a wasm build.
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub use leptos_persona_server as server;

pub use flow_callback::FlowCallback;
pub use frame_view::Labels;
pub use inquiry_handle::{use_persona_inquiry, InquiryHandle};
pub use leptos_persona_core::MessageTargetOrigin;
pub use leptos_persona_core::{
    CameraPermissions, CompletePayload, CompletionFields, ConfigError, CssSize, DocumentRef,
    Environment, ErrorCode, EventName, EventsAllowlist, ExitPayload, Field, FieldMapping,
    FlowEvent, FlowMessage, Host, InquiryError, InquiryOptions, InquiryPhase, InquiryState,
    InquiryStyles, LoadTimeout, Padding, PageChange, PreferredDimensions, ReadyPayload,
    ServerOutageMode, Side, StartPayload, TrustedOrigins,
};
pub use message_queue::{PersonaMessageQueue, MESSAGE_QUEUE_SCRIPT};
pub use modal_flag::ModalFlag;
pub use option_prop::OptionProp;
pub use option_value::OptionValue;
pub use options_from_props::DEFAULT_MIN_HEIGHT;
pub use persona_inquiry::PersonaInquiry;
pub use persona_styles::{PersonaStyles, STYLESHEET};
pub use preload::preload;
/// The browser side of the protocol, for code below the component (another
/// wrapper, tests): exactly what `<PersonaInquiry>` itself uses.
pub mod browser {
    pub use crate::browser_builtins::builtins as js_builtins;
    pub use crate::browser_builtins::{kebab_case, option_support};
    pub use crate::frame_link::read_data as read_message_data;
}
/// `serde_json`, for `json!` prefill values without a dependency of your own.
pub use serde_json;

/// The README's examples, compiled and run as doc tests so the quick start stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
