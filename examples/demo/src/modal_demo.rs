//! The modal example: opened from a button, resumable after a cancel.

use std::time::Duration;

use leptos::prelude::*;
use leptos_persona::{
    EventsAllowlist, InquiryHandle, InquiryOptions, InquiryPhase, PersonaInquiry,
};

use crate::code_sample::{CodeSample, MODAL};
use crate::event_log::{EventLog, Instance};
use crate::settings::FlowProps;
use crate::signals_panel::SignalsPanel;

/// What "Resume" restarts the modal with: the cancelled inquiry's id and session token.
#[derive(Debug, Clone, PartialEq)]
struct Resume {
    inquiry_id: String,
    session_token: Option<String>,
}

/// The modal example card (plus, while the modal is open, a bar of handle actions above it).
#[component]
pub fn ModalDemo(
    flow: FlowProps,
    handle: InquiryHandle,
    log: EventLog,
    /// Shown when the flow never loaded (simulator not running?).
    timeout_hint: Signal<Option<String>>,
) -> impl IntoView {
    let callbacks = log.callbacks(Instance::Modal);
    let resume = RwSignal::new(None::<Resume>);
    // Each resume mounts the modal afresh: resuming the same inquiry twice gives the
    // same options, which would not restart the flow.
    let attempt = RwSignal::new(0u32);

    // A new template, environment or restart starts a new inquiry: forget the resume.
    let (template, environment, generation) = (flow.template, flow.environment, flow.generation);
    Effect::new(move |previous: Option<()>| {
        template.track();
        environment.track();
        generation.track();
        if previous.is_some() {
            resume.set(None);
        }
    });

    // Resume semantics: `inquiry_id` + `session_token`, no template.
    let options = Signal::derive(move || {
        Some(match resume.get() {
            Some(Resume {
                inquiry_id,
                session_token,
            }) => InquiryOptions::resume(inquiry_id, session_token),
            None => InquiryOptions {
                template_id: template.get(),
                ..InquiryOptions::default()
            },
        })
    });

    let inquiry = move || {
        generation.track();
        attempt.track();
        let flow = flow.clone();
        flow.host.map(|host| {
            view! {
                <PersonaInquiry
                    modal=true
                    options=options
                    host=host
                    environment_id=flow.environment
                    fields=flow.fields
                    style_variant=flow.style_variant
                    load_timeout=flow.load_timeout_ms
                    events_allowlist=EventsAllowlist::All
                    handle=handle
                    on_load=callbacks.on_load
                    on_ready=callbacks.on_ready
                    on_complete=callbacks.on_complete
                    on_cancel=callbacks.on_cancel
                    on_error=callbacks.on_error
                    on_event=callbacks.on_event
                />
            }
        })
    };

    let can_resume = move || handle.inquiry_id().with(Option::is_some);
    let resume_it = move |_| {
        let Some(inquiry_id) = handle.inquiry_id().get_untracked() else {
            return;
        };
        resume.set(Some(Resume {
            inquiry_id,
            session_token: handle.session_token().get_untracked(),
        }));
        attempt.update(|n| *n += 1);
        // After the fresh mount has reset the state, so the component knows to
        // repeat `open` once the new flow has loaded.
        set_timeout(move || handle.open(), Duration::ZERO);
    };
    let start_over = move |_| {
        resume.set(None);
        attempt.update(|n| *n += 1);
    };
    let phase = handle.phase();
    let open_label = move || match phase.get() {
        InquiryPhase::Completed | InquiryPhase::Failed => "Show the result",
        _ => "Verify in a modal",
    };

    view! {
        <section class="card example" id="modal-demo" aria-labelledby="modal-title">
            <div class="card-head">
                <div>
                    <h2 id="modal-title">
                        "Modal" <span class="pill">"<PersonaInquiry modal=true />"</span>
                    </h2>
                    <p class="muted">
                        "The flow loads hidden in the background; "
                        <code>"inquiry.open()"</code>
                        " shows it, moves focus into it and locks page scrolling. Escape asks the flow to exit. It closes by itself on complete or cancel."
                    </p>
                </div>
            </div>
            <div class="modal-launch">
                <button
                    type="button"
                    class="btn btn-primary"
                    id="open-modal"
                    on:click=move |_| handle.open()
                >
                    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                        <path
                            d="M12 2l7 3v6c0 4.5-3 8.5-7 11-4-2.5-7-6.5-7-11V5l7-3z"
                            fill="none"
                            stroke="currentColor"
                            stroke-width="2"
                            stroke-linejoin="round"
                        />
                        <path
                            d="M8.5 12l2.5 2.5 4.5-5"
                            fill="none"
                            stroke="currentColor"
                            stroke-width="2"
                            stroke-linecap="round"
                            stroke-linejoin="round"
                        />
                    </svg>
                    {open_label}
                </button>
                <Show when=move || phase.get() == InquiryPhase::Cancelled>
                    <button
                        type="button"
                        class="btn btn-accent"
                        id="resume"
                        disabled=move || !can_resume()
                        title="InquiryOptions::resume(inquiry_id, session_token), then inquiry.open()"
                        on:click=resume_it
                    >
                        "Resume"
                    </button>
                </Show>
                <Show when=move || resume.with(Option::is_some)>
                    <button type="button" class="btn btn-quiet" id="modal-new-inquiry" on:click=start_over>
                        "New inquiry"
                    </button>
                </Show>
            </div>
            <p class="modal-status muted" id="modal-status">
                {move || modal_status(phase.get(), can_resume(), resume.with(Option::is_some))}
            </p>
            {move || {
                resume
                    .get()
                    .map(|r| {
                        view! {
                            <p class="hint" id="resume-options">
                                "Resumed with " <code>"InquiryOptions::resume("</code>
                                <code class="id">{r.inquiry_id}</code> ", "
                                <code class="id">{r.session_token.unwrap_or_else(|| "None".into())}</code>
                                <code>")"</code>
                                " — no template."
                            </p>
                        }
                    })
            }}
            {move || {
                handle
                    .config_error()
                    .get()
                    .map(|error| {
                        view! {
                            <p class="banner banner--error" role="alert">
                                {error.to_string()}
                            </p>
                        }
                    })
            }}
            {move || timeout_hint.get().map(|hint| view! { <p class="hint hint--warn">{hint}</p> })}
            {inquiry}
            <Show when=move || handle.is_open().get()>
                <div class="modal-toolbar" id="modal-toolbar" role="toolbar" aria-label="Handle actions">
                    <span class="modal-toolbar-label">"demo: handle actions"</span>
                    <button
                        type="button"
                        class="btn btn-small"
                        id="modal-close"
                        title="inquiry.close(): hide the modal, the flow keeps its place"
                        on:click=move |_| handle.close()
                    >
                        "close()"
                    </button>
                    <button
                        type="button"
                        class="btn btn-small"
                        id="modal-cancel"
                        title="inquiry.cancel(false): the flow asks the user to confirm"
                        on:click=move |_| handle.cancel(false)
                    >
                        "cancel(false)"
                    </button>
                    <button
                        type="button"
                        class="btn btn-small"
                        id="modal-cancel-force"
                        title="inquiry.cancel(true): the flow exits at once"
                        on:click=move |_| handle.cancel(true)
                    >
                        "cancel(true)"
                    </button>
                </div>
            </Show>
            <SignalsPanel id="signals-modal" handle />
            <CodeSample id="code-modal" code=MODAL />
        </section>
    }
}

fn modal_status(phase: InquiryPhase, has_inquiry: bool, resumed: bool) -> &'static str {
    match phase {
        InquiryPhase::Loading => "Loading the flow in the background…",
        InquiryPhase::Loaded | InquiryPhase::Ready if resumed => "Resumed inquiry ready.",
        InquiryPhase::Loaded | InquiryPhase::Ready => "Ready: the flow starts when the modal opens.",
        InquiryPhase::InProgress => "In progress. Close the modal and open it again: the flow keeps its place.",
        InquiryPhase::Completed => "Completed: on_complete fired and the modal closed itself.",
        InquiryPhase::Failed => "Failed: on_complete fired with status \"failed\".",
        InquiryPhase::Cancelled if has_inquiry => {
            "Cancelled after the inquiry was created: resume it with its inquiry id and session token."
        }
        InquiryPhase::Cancelled => "Cancelled before an inquiry existed: there is nothing to resume.",
        InquiryPhase::Errored => "The flow reported an error (see on_error).",
        InquiryPhase::TimedOut => "The flow did not load in time: on_error(load_timeout).",
        _ => "",
    }
}
