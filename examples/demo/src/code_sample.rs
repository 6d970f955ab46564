//! "The Rust behind it": the few lines that produce each example.

use leptos::prelude::*;

/// The inline example, as an app would write it.
pub const INLINE: &str = r#"use leptos::{logging::log, prelude::*};
use leptos_persona::{
    use_persona_inquiry, CompletePayload, EventsAllowlist,
    FlowMessage, Host, PersonaInquiry,
};

let simulator: Host = "http://127.0.0.1:8787".parse()?;
let inquiry = use_persona_inquiry();
view! {
    <PersonaInquiry
        host=simulator
        template_id="itmpl_sim_happy"  // or a Signal
        environment_id=autoplay        // Some("env_sim_autoplay")
        fields=prefill                 // Signal<Option<Map<..>>>
        style_variant=variant          // Some("dark") when dark
        max_height=900.0               // the frame: 400..=900 px
        load_timeout=8_000
        events_allowlist=EventsAllowlist::All
        handle=inquiry
        on_complete=move |done: CompletePayload| {
            log!("{:?} {:?}", done.inquiry_id, done.status)
        }
        on_event=move |message: FlowMessage| {
            log!("{} {:?}", message.name, message.metadata)
        }
    />
    <p>{move || format!("{:?}", inquiry.phase().get())}</p>
    <button on:click=move |_| inquiry.cancel(false)>
        "cancel(false)"
    </button>
}"#;

/// The modal example, with resume after a cancel.
pub const MODAL: &str = r#"use std::time::Duration;
use leptos::prelude::*;
use leptos_persona::{
    use_persona_inquiry, InquiryOptions, InquiryPhase, PersonaInquiry,
};

let inquiry = use_persona_inquiry();
// Some((inquiry_id, session_token)) once the user resumes.
let resume = RwSignal::new(None::<(String, Option<String>)>);
let attempt = RwSignal::new(0u32);
let options = Signal::derive(move || Some(match resume.get() {
    // resume: inquiry id + session token, no template
    Some((id, token)) => InquiryOptions::resume(id, token),
    None => InquiryOptions::template("itmpl_sim_happy"),
}));
let cancelled =
    move || inquiry.phase().get() == InquiryPhase::Cancelled;
let resume_it = move |_| {
    let Some(id) = inquiry.inquiry_id().get_untracked() else {
        return;
    };
    let token = inquiry.session_token().get_untracked();
    resume.set(Some((id, token)));
    attempt.update(|n| *n += 1); // mount afresh, then open:
    set_timeout(move || inquiry.open(), Duration::ZERO);
};
view! {
    <button on:click=move |_| inquiry.open()>
        "Verify in a modal"
    </button>
    <Show when=cancelled>
        <button on:click=resume_it>"Resume"</button>
    </Show>
    {move || {
        attempt.track();
        let host = simulator.clone();
        view! {
            <PersonaInquiry modal=true options=options host=host
                handle=inquiry />
        }
    }}
}"#;

/// A titled, static code block.
#[component]
pub fn CodeSample(
    /// The block's element id.
    id: &'static str,
    /// The code.
    code: &'static str,
) -> impl IntoView {
    view! {
        <details class="code" id=id open>
            <summary>"The Rust behind it"</summary>
            <pre>
                <code class="language-rust">{code}</code>
            </pre>
        </details>
    }
}
