//! The inline example's component. The page shows this file under "The Rust
//! behind it" (`include_str!`), so the code shown is the code that runs.

use leptos::prelude::*;
use leptos_persona::{
    CompletePayload, EventsAllowlist, ExitPayload, FlowMessage, Host, InquiryError, InquiryHandle,
    PersonaInquiry, ReadyPayload,
};

use crate::event_log::{EventLog, Instance::Inline};
use crate::settings::FlowProps;

/// `max_height` (CSS px): the frame stays within 400 (the default
/// `min_height`) and this. An integer, as in JavaScript (`max_height=900`).
pub const MAX_HEIGHT: u32 = 900;

/// The flow in the page: its iframe takes the height each page reports.
#[component]
pub fn InlineExample(
    host: Host,             // the flow simulator, or ?host=
    flow: FlowProps,        // the page's controls, as signals
    inquiry: InquiryHandle, // from use_persona_inquiry()
    log: EventLog,
) -> impl IntoView {
    view! {
        <PersonaInquiry
            host=host
            template_id=flow.template         // "itmpl_sim_<scenario>"
            environment_id=flow.environment   // "env_sim_autoplay"?
            fields=flow.fields                // the prefill, debounced
            style_variant=flow.style_variant  // Some("dark") if dark
            max_height=MAX_HEIGHT
            load_timeout=flow.load_timeout_ms
            events_allowlist=EventsAllowlist::All
            handle=inquiry
            on_load=move |()| log.load(Inline)
            on_ready=move |ready: ReadyPayload| log.ready(Inline, ready)
            on_complete=move |done: CompletePayload| log.complete(Inline, done)
            on_cancel=move |exit: ExitPayload| log.cancel(Inline, exit)
            on_error=move |error: InquiryError| log.error(Inline, error)
            on_event=move |message: FlowMessage| log.event(Inline, message)
        />
    }
}
