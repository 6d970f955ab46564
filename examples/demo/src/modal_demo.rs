//! The modal example: opened from a button, resumable after a cancel, with the
//! handle's actions in a toolbar inside the dialog.

use leptos::html;
use leptos::prelude::*;
use leptos_persona::{InquiryHandle, InquiryPhase};

use crate::code_sample::{CodeSample, MODAL};
use crate::event_log::EventLog;
use crate::modal_example::ModalExample;
use crate::settings::FlowProps;
use crate::signals_panel::SignalsPanel;

/// The modal example card.
#[component]
pub fn ModalDemo(
    flow: FlowProps,
    handle: InquiryHandle,
    log: EventLog,
    /// Shown when the flow never loaded (simulator not running?).
    timeout_hint: Signal<Option<String>>,
) -> impl IntoView {
    // Another template or environment is another inquiry: a resumed one gives way
    // (`restart` ends a resume; the resumed flow's URL names no template). The
    // modal takes the page's new template and environment in the same step as
    // the restart, so that the component sees both changes at once: one new
    // flow, one `/widget` request. Restarting after the component had already
    // followed the new options by itself gave two flows, one after the other,
    // whenever its effects happened to run before this one (the first change).
    let modal_template = RwSignal::new(flow.template.get_untracked());
    let modal_environment = RwSignal::new(flow.environment.get_untracked());
    let (template, environment) = (flow.template, flow.environment);
    Effect::watch(
        move || (template.get(), environment.get()),
        move |(template, environment), _, _| {
            modal_template.set(template.clone());
            modal_environment.set(environment.clone());
            handle.restart();
        },
        false,
    );
    let flow = FlowProps {
        template: modal_template.into(),
        environment: modal_environment.into(),
        ..flow
    };
    let phase = handle.phase();
    let inquiry_id = handle.inquiry_id();
    let example = match flow.host.clone() {
        Some(host) => view! { <ModalExample host flow inquiry=handle log /> }.into_any(),
        None => ().into_any(),
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
                        " shows it in a native modal dialog and moves focus into it. Escape asks the flow to exit. It closes by itself on complete or cancel; "
                        <code>"inquiry.resume(id, token)"</code>
                        " picks a cancelled inquiry up again."
                    </p>
                </div>
            </div>
            {example}
            <p class="modal-status muted" id="modal-status">
                {move || modal_status(phase.get(), inquiry_id.with(Option::is_some))}
            </p>
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
            <SignalsPanel id="signals-modal" handle />
            <CodeSample id="code-modal" code=MODAL />
        </section>
    }
}

fn modal_status(phase: InquiryPhase, has_inquiry: bool) -> &'static str {
    match phase {
        InquiryPhase::Loading => "Loading the flow in the background…",
        InquiryPhase::Loaded | InquiryPhase::Ready => "Ready: the flow starts when the modal opens.",
        InquiryPhase::InProgress => "In progress. Close the modal and open it again: the flow keeps its place.",
        InquiryPhase::Completed => "Completed: on_complete fired and the modal closed itself.",
        InquiryPhase::Failed => "Failed: on_complete fired with status \"failed\".",
        InquiryPhase::Cancelled if has_inquiry => {
            "Cancelled after the inquiry was created: Resume calls inquiry.resume(inquiry_id, session_token)."
        }
        InquiryPhase::Cancelled => "Cancelled before an inquiry existed: there is nothing to resume.",
        InquiryPhase::Errored => "The flow reported an error (see on_error).",
        InquiryPhase::TimedOut => "The flow did not load in time: on_error(load_timeout).",
        _ => "",
    }
}

/// The shield on the button that opens the modal.
#[component]
pub fn ShieldIcon() -> impl IntoView {
    view! {
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
    }
}

/// A "?" button in the toolbar and the small modal dialog it opens on top of
/// the flow's, explaining the handle's actions. Escape closes only this one:
/// the browser sends it to the topmost modal dialog.
#[component]
pub fn HandleHelp() -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    let open = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            let _ = dialog.show_modal();
        }
    };
    let close = move |_| {
        if let Some(dialog) = dialog.get_untracked() {
            dialog.close();
        }
    };
    view! {
        <button
            type="button"
            class="btn btn-small"
            id="modal-help"
            aria-haspopup="dialog"
            aria-label="What do these actions do?"
            on:click=open
        >
            "?"
        </button>
        <dialog class="help-dialog" id="handle-help" node_ref=dialog aria-labelledby="handle-help-title">
            <h2 id="handle-help-title">"The handle's actions"</h2>
            <dl>
                <dt><code>"inquiry.close()"</code></dt>
                <dd>"Hides the modal; the flow keeps its place for the next open()."</dd>
                <dt><code>"inquiry.cancel(false)"</code></dt>
                <dd>"Asks the flow to exit: it asks the person to confirm, then on_cancel."</dd>
                <dt><code>"inquiry.cancel(true)"</code></dt>
                <dd>"The flow exits at once: on_cancel, and the modal closes."</dd>
            </dl>
            <p class="muted">
                "Escape closes this dialog only: the browser sends it to the topmost modal."
            </p>
            <button type="button" class="btn" id="handle-help-close" on:click=close>
                "Close"
            </button>
        </dialog>
    }
}
