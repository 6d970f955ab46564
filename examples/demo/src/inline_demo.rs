//! The inline example: `<PersonaInquiry>` in the page, sized by the flow.

use leptos::html;
use leptos::prelude::*;
use leptos_persona::{
    options::DEFAULT_MIN_HEIGHT, protocol::inline_frame_height, InquiryHandle, InquiryPhase,
};

use crate::code_sample::{CodeSample, INLINE};
use crate::event_log::EventLog;
use crate::frame_height::use_iframe_height;
use crate::inline_example::{InlineExample, MAX_HEIGHT};
use crate::settings::FlowProps;
use crate::signals_panel::SignalsPanel;

/// The inline example card.
#[component]
pub fn InlineDemo(
    flow: FlowProps,
    handle: InquiryHandle,
    log: EventLog,
    /// Shown when the flow never loaded (simulator not running?).
    timeout_hint: Signal<Option<String>>,
) -> impl IntoView {
    let stage = NodeRef::<html::Div>::new();
    let frame_height = use_iframe_height(stage);
    let inquiry = match flow.host.clone() {
        Some(host) => view! { <InlineExample host flow inquiry=handle log /> }.into_any(),
        None => view! {
            <div class="no-flow">"No flow: the configuration above is invalid."</div>
        }
        .into_any(),
    };
    let reported = move || {
        handle
            .page_height()
            .get()
            .map_or_else(|| "—".to_owned(), |h| format!("{h} px"))
    };
    // The height the component gives the frame, by the crate's own rule.
    let clamped = move || {
        let page = handle.page_height().get()?;
        let max = f64::from(MAX_HEIGHT);
        let target = inline_frame_height(Some(page), DEFAULT_MIN_HEIGHT, Some(max));
        match target.partial_cmp(&page)? {
            std::cmp::Ordering::Less => Some("clamped to max_height"),
            std::cmp::Ordering::Greater => Some("raised to min_height"),
            std::cmp::Ordering::Equal => None,
        }
    };
    let finished = move || handle.phase().get().is_finished();

    view! {
        <section class="card example" id="inline-demo" aria-labelledby="inline-title">
            <div class="card-head">
                <div>
                    <h2 id="inline-title">
                        "Inline" <span class="pill">"<PersonaInquiry max_height=" {MAX_HEIGHT} " />"</span>
                    </h2>
                    <p class="muted">
                        "The flow sits in the page. Its iframe takes the height each page reports in "
                        <code>"page-change"</code> ", kept within "
                        <code>{format!("min_height {DEFAULT_MIN_HEIGHT}")}</code> " and "
                        <code>{format!("max_height {MAX_HEIGHT}")}</code> "."
                    </p>
                </div>
            </div>
            <div class="inline-stage">
                <div class="frame-box" node_ref=stage>
                    {inquiry}
                </div>
                <div class="ruler" aria-label="iframe height">
                    <div class="ruler-label">
                        <span class="ruler-value">
                            <span id="inline-frame-height">
                                {move || frame_height.get().map(|h| h.to_string()).unwrap_or_default()}
                            </span>
                            " px"
                        </span>
                        <span class="ruler-note">"iframe"</span>
                    </div>
                </div>
            </div>
            <p class="frame-meta" id="inline-frame-meta">
                "iframe " <strong>{move || frame_height.get().map_or_else(|| "—".to_owned(), |h| format!("{h} px"))}</strong>
                " · flow page " <strong>{reported}</strong>
                {move || clamped().map(|note| view! { <span class="pill pill--warn">{note}</span> })}
            </p>
            {move || timeout_hint.get().map(|hint| view! { <p class="hint hint--warn">{hint}</p> })}
            <div class="actions">
                <span class="actions-label">"Actions:"</span>
                <button
                    type="button"
                    class="btn btn-small"
                    id="inline-cancel"
                    disabled=finished
                    title="inquiry.cancel(false): the flow asks the user to confirm"
                    on:click=move |_| handle.cancel(false)
                >
                    "cancel(false)"
                </button>
                <button
                    type="button"
                    class="btn btn-small"
                    id="inline-cancel-force"
                    disabled=finished
                    title="inquiry.cancel(true): the flow exits at once"
                    on:click=move |_| handle.cancel(true)
                >
                    "cancel(true)"
                </button>
                <Show when=move || handle.phase().get() == InquiryPhase::Cancelled>
                    <span class="muted small">
                        "Cancelled. Restart the flows to begin again (the modal shows resume)."
                    </span>
                </Show>
            </div>
            <SignalsPanel id="signals-inline" handle />
            <CodeSample id="code-inline" code=INLINE />
        </section>
    }
}
