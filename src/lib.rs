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

pub mod browser;
mod component;
mod layout;
mod session;

/// The protocol core, re-exported whole: widget URLs, the message gate, typed
/// events and the state machine, for code that works below the component.
pub use leptos_persona_core as protocol;

/// The server half (the `leptos-persona-server` crate, with the `server`
/// feature; `server-axum` and `server-client` add its axum extractor and its
/// REST API client): verified webhooks and the API, the truth a client
/// callback is not. Never in a wasm build.
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub use leptos_persona_server as server;

// What an app uses: the components, the handle, what its callbacks receive,
// and the types it names most. The rest of what props take is in `options`,
// the rest of what events carry in `events`.
pub use browser::preload::preload;
pub use component::flow_callback::FlowCallback;
pub use component::frame_view::Labels;
pub use component::message_queue::{PersonaMessageQueue, MESSAGE_QUEUE_SCRIPT};
pub use component::option_prop::OptionProp;
pub use component::persona_inquiry::PersonaInquiry;
pub use component::persona_styles::{PersonaStyles, STYLESHEET};
pub use leptos_persona_core::{
    CompletePayload, ConfigError, ErrorCode, EventsAllowlist, ExitPayload, FlowEvent, FlowMessage,
    Host, InquiryError, InquiryOptions, InquiryPhase, ReadyPayload,
};
pub use session::inquiry_handle::{use_persona_inquiry, InquiryHandle};

/// The types option props take, for code that names them. An app rarely
/// does: a prop takes what you would write in JavaScript (a string, a number,
/// `json!`) or a signal of it, and converts it into these.
///
/// Two exist for the bundle's size rather than for you: [`OptionValue`](options::OptionValue)
/// (which conversions carry which checks and encoders, so an app links only
/// those of the props it sets) and [`ModalFlag`](options::ModalFlag) (what `modal=true` turns
/// into, so an inline-only app links none of the modal's code). You meet them
/// only in the props' signatures.
pub mod options {
    pub use crate::component::option_value::OptionValue;
    pub use crate::component::options_from_props::DEFAULT_MIN_HEIGHT;
    pub use crate::layout::modal_flag::ModalFlag;
    pub use leptos_persona_core::{
        CssSize, Environment, FieldMapping, LoadTimeout, MessageTargetOrigin, Padding, PageOrigin,
        ServerOutageMode, SessionToken, Side, TrustedOrigins,
    };
}

/// What the flow's events carry beyond the callbacks' payloads at the root:
/// the other payloads, the fields of a completed inquiry, event names, and
/// the state the handle's signals show.
pub mod events {
    pub use leptos_persona_core::{
        CameraPermissions, CompletionFields, DocumentRef, EventName, Field, InquiryState,
        InquiryStyles, PageChange, PreferredDimensions, StartPayload,
    };
}

/// `serde_json`, for `json!` prefill values without a dependency of your own.
pub use serde_json;

/// The README's examples, compiled and run as doc tests so the quick start stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
