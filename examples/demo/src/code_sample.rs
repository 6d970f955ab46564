//! "The Rust behind it": the few lines that produce each example.

use leptos::prelude::*;

/// The inline example, as an app would write it.
pub const INLINE: &str = r#"use leptos::prelude::*;
use leptos_persona::{
    use_persona_inquiry, CompletePayload, EventsAllowlist, FlowMessage, Host, PersonaInquiry,
};

let simulator: Host = "http://127.0.0.1:8787".parse().expect("a loopback origin");
let inquiry = use_persona_inquiry();
view! {
    <PersonaInquiry
        host=simulator
        template_id="itmpl_sim_happy"       // or a Signal<Option<String>>
        environment_id=environment          // Some("env_sim_autoplay") plays by itself
        fields=prefill                      // Signal<Option<Map<String, Value>>>
        style_variant=variant               // Some("dark") in dark mode
        max_height=900.0                    // follows page-change heights, 400..=900 px
        load_timeout_ms=8_000u32
        events_allowlist=EventsAllowlist::All
        handle=inquiry
        on_complete=move |done: CompletePayload| {
            leptos::logging::log!("{:?} {:?}", done.inquiry_id, done.status)
        }
        on_event=move |message: FlowMessage| {
            leptos::logging::log!("{} {:?}", message.name, message.metadata)
        }
    />
    <p>{move || format!("{:?}", inquiry.phase().get())}</p>
    <button on:click=move |_| inquiry.cancel(false)>"cancel(false)"</button>
}"#;

/// The modal example, with resume after a cancel.
pub const MODAL: &str = r#"use std::time::Duration;
use leptos::prelude::*;
use leptos_persona::{use_persona_inquiry, InquiryOptions, InquiryPhase, PersonaInquiry};

let inquiry = use_persona_inquiry();
// Some((inquiry_id, session_token)) once the user asked to resume.
let resume = RwSignal::new(None::<(String, Option<String>)>);
let attempt = RwSignal::new(0u32);
let options = Signal::derive(move || Some(match resume.get() {
    Some((id, token)) => InquiryOptions::resume(id, token),   // no template
    None => InquiryOptions::template("itmpl_sim_cancel_after_inquiry"),
}));
let resume_it = move |_| {
    let id = inquiry.inquiry_id().get_untracked().expect("an inquiry to resume");
    resume.set(Some((id, inquiry.session_token().get_untracked())));
    attempt.update(|n| *n += 1);                        // mount afresh,
    set_timeout(move || inquiry.open(), Duration::ZERO); // then open it
};
view! {
    <button on:click=move |_| inquiry.open()>"Verify in a modal"</button>
    <Show when=move || inquiry.phase().get() == InquiryPhase::Cancelled>
        <button on:click=resume_it>"Resume"</button>
    </Show>
    {move || {
        attempt.track();
        view! { <PersonaInquiry modal=true options=options host=simulator.clone() handle=inquiry /> }
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
