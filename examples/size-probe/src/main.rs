//! A counter, and with one feature what `cargo xtask size` measures next to it:
//! `inline` an inline `<PersonaInquiry>`, `modal` a modal one, `protocol` the
//! core crate alone (a widget URL and one message through the gate).

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <button on:click=move |_| count.update(|c| *c += 1)>{move || count.get()}</button>
            {probe()}
        }
    });
}

#[cfg(feature = "inline")]
fn probe() -> impl IntoView {
    view! { <leptos_persona::PersonaInquiry template_id="itmpl_ABC123" /> }
}

#[cfg(feature = "modal")]
fn probe() -> impl IntoView {
    view! { <leptos_persona::PersonaInquiry template_id="itmpl_ABC123" modal=true /> }
}

#[cfg(feature = "protocol")]
fn probe() -> impl IntoView {
    use leptos_persona::protocol::{
        FlowType, InquiryOptions, InquirySession, MessageGate, PortedBuiltins, WidgetFrame,
    };
    let options = InquiryOptions::template("itmpl_ABC123");
    let built = WidgetFrame::build_with(
        &PortedBuiltins,
        &options,
        "c1",
        FlowType::Inline,
        &window().location().origin().unwrap_or_default(),
    );
    let frame = built.ok();
    let text = frame.map(|frame| {
        let mut session = InquirySession::new(
            MessageGate::for_frame(&frame, "c1", &options),
            options.events_allowlist.clone(),
        );
        let data = serde_json::json!({"containerId": "c1", "name": "load"});
        let calls = session
            .handle(&frame.target_origin, true, &data)
            .map(|c| c.len());
        (frame.src, calls.unwrap_or(0))
    });
    text.map(|(src, calls)| view! { <p>{src}" "{calls}</p> })
}

#[cfg(not(any(feature = "inline", feature = "modal", feature = "protocol")))]
fn probe() -> impl IntoView {}
