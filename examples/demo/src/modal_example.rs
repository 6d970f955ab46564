//! The modal example's component. The page shows this file under "The Rust
//! behind it" (`include_str!`), so the code shown is the code that runs.

use leptos::prelude::*;
use leptos_persona::{
    CompletePayload, EventsAllowlist, ExitPayload, FlowMessage, Host, InquiryError, InquiryHandle,
    InquiryPhase, PersonaInquiry, ReadyPayload,
};

use crate::event_log::{EventLog, Instance::Modal};
use crate::modal_demo::{HandleHelp, ShieldIcon};
use crate::settings::FlowProps;

/// A button that opens the flow in a modal, and resumes it after a cancel.
#[component]
pub fn ModalExample(
    host: Host,             // the flow simulator, or ?host=
    flow: FlowProps,        // the page's controls, as signals
    inquiry: InquiryHandle, // from use_persona_inquiry()
    log: EventLog,
) -> impl IntoView {
    let phase = inquiry.phase();
    let inquiry_id = inquiry.inquiry_id();
    let session_token = inquiry.session_token();
    // The cancelled inquiry again, in a new iframe; the modal opens by itself.
    let resume = move |_| {
        if let Some(id) = inquiry_id.get_untracked() {
            inquiry.resume(id, session_token.get_untracked());
        }
    };
    let cancelled = move || phase.get() == InquiryPhase::Cancelled;
    let finished = move || phase.get().is_finished() || cancelled();

    view! {
        <div class="modal-launch">
            <button
                type="button"
                class="btn btn-primary"
                id="open-modal"
                on:click=move |_| inquiry.open()
            >
                <ShieldIcon />
                {move || if phase.get().is_finished() {
                    "Show the result"
                } else {
                    "Verify in a modal"
                }}
            </button>
            <Show when=move || cancelled() && inquiry_id.with(Option::is_some)>
                <button type="button" class="btn btn-accent" id="resume" on:click=resume>
                    "Resume"
                </button>
            </Show>
            <Show when=finished>
                <button
                    type="button"
                    class="btn btn-quiet"
                    id="modal-new-inquiry"
                    on:click=move |_| inquiry.restart()
                >
                    "New inquiry"
                </button>
            </Show>
        </div>
        <PersonaInquiry
            modal=true
            host=host
            template_id=flow.template
            environment_id=flow.environment
            fields=flow.fields
            style_variant=flow.style_variant
            load_timeout=flow.load_timeout_ms
            events_allowlist=EventsAllowlist::All
            handle=inquiry
            on_load=move |()| log.load(Modal)
            on_ready=move |ready: ReadyPayload| log.ready(Modal, ready)
            on_complete=move |done: CompletePayload| log.complete(Modal, done)
            on_cancel=move |exit: ExitPayload| log.cancel(Modal, exit)
            on_error=move |error: InquiryError| log.error(Modal, error)
            on_event=move |message: FlowMessage| log.event(Modal, message)
        >
            // Children are rendered inside the dialog: reachable while it is open.
            <div
                class="modal-toolbar"
                id="modal-toolbar"
                role="group"
                aria-labelledby="modal-toolbar-label"
            >
                <span class="modal-toolbar-label" id="modal-toolbar-label">
                    "Handle actions"
                </span>
                <button
                    type="button"
                    class="btn btn-small"
                    id="modal-close"
                    on:click=move |_| inquiry.close()
                >
                    "close()"
                </button>
                <button
                    type="button"
                    class="btn btn-small"
                    id="modal-cancel"
                    on:click=move |_| inquiry.cancel(false)
                >
                    "cancel(false)"
                </button>
                <button
                    type="button"
                    class="btn btn-small"
                    id="modal-cancel-force"
                    on:click=move |_| inquiry.cancel(true)
                >
                    "cancel(true)"
                </button>
                <HandleHelp />
            </div>
        </PersonaInquiry>
    }
}
