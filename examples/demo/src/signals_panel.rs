//! The signals of one `InquiryHandle`, live.

use leptos::prelude::*;
use leptos_persona::{InquiryHandle, InquiryPhase};

/// Every signal of `handle`, one row each; each value sits in an element with
/// `data-signal="<name>"` (empty text when the signal is `None`).
#[component]
pub fn SignalsPanel(
    /// The panel's element id (`signals-inline`, `signals-modal`).
    id: &'static str,
    handle: InquiryHandle,
) -> impl IntoView {
    let phase = handle.phase();
    let text = |value: Option<String>| value.unwrap_or_default();
    view! {
        <div class="signals-wrap">
            <h3 class="mini-title">
                "Signals of the handle " <span class="muted">"(" <code>"use_persona_inquiry()"</code> ")"</span>
            </h3>
            <dl class="signals" id=id>
                <Row name="phase" method="phase()">
                    <span
                        class=move || format!("phase phase--{}", phase_class(phase.get()))
                        data-signal="phase"
                    >
                        {move || format!("{:?}", phase.get())}
                    </span>
                </Row>
                <Row name="inquiry_id" method="inquiry_id()">
                    <span data-signal="inquiry_id">{move || text(handle.inquiry_id().get())}</span>
                </Row>
                <Row name="session_token" method="session_token()">
                    <span data-signal="session_token">
                        {move || text(handle.session_token().get())}
                    </span>
                </Row>
                <Row name="current_page" method="current_page()">
                    <span
                        data-signal="current_page"
                        title=move || {
                            handle
                                .current_page()
                                .get()
                                .and_then(|page| page.name_display.or(page.path))
                        }
                    >
                        {move || text(handle.current_page().get().and_then(|page| page.name))}
                    </span>
                </Row>
                <Row name="page_height" method="page_height()">
                    <span data-signal="page_height">
                        {move || text(handle.page_height().get().map(|h| h.to_string()))}
                    </span>
                </Row>
                <Row name="last_error" method="last_error()">
                    <span data-signal="last_error" class="value-error">
                        {move || text(handle.last_error().get().map(|e| e.to_string()))}
                    </span>
                </Row>
                <Row name="last_event" method="last_event()">
                    <span data-signal="last_event">
                        {move || text(handle.last_event().get().map(|m| m.name))}
                    </span>
                </Row>
                <Row name="is_open" method="is_open()">
                    <span data-signal="is_open">{move || handle.is_open().get().to_string()}</span>
                </Row>
                <Row name="config_error" method="config_error()">
                    <span data-signal="config_error" class="value-error">
                        {move || text(handle.config_error().get().map(|e| e.to_string()))}
                    </span>
                </Row>
            </dl>
        </div>
    }
}

#[component]
fn Row(name: &'static str, method: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="signal" data-row=name>
            <dt>
                <code>{method}</code>
            </dt>
            <dd>{children()}</dd>
        </div>
    }
}

/// A CSS modifier per phase, for its colour.
pub fn phase_class(phase: InquiryPhase) -> &'static str {
    match phase {
        InquiryPhase::Loading | InquiryPhase::Loaded => "waiting",
        InquiryPhase::Ready | InquiryPhase::InProgress => "active",
        InquiryPhase::Completed => "good",
        InquiryPhase::Failed | InquiryPhase::Errored | InquiryPhase::TimedOut => "bad",
        InquiryPhase::Cancelled => "neutral",
        _ => "waiting",
    }
}
