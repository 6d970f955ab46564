//! [`InquiryHandle`]: the signals and actions of one embedded inquiry, for the app to hold.

use leptos::prelude::*;

use crate::frame_link::FrameLink;
use leptos_persona_core::{
    ConfigError, FlowMessage, InquiryError, InquiryPhase, InquiryState, PageChange, WidgetAction,
};

/// The signals and actions of one `<PersonaInquiry>`.
///
/// Create it with [`use_persona_inquiry`], pass it to the component's `handle`
/// prop, and read its signals anywhere:
///
/// ```
/// use leptos::prelude::*;
/// use leptos_persona::{use_persona_inquiry, InquiryPhase, PersonaInquiry};
///
/// #[component]
/// fn Verify() -> impl IntoView {
///     let inquiry = use_persona_inquiry();
///     view! {
///         <button on:click=move |_| inquiry.open()>"Verify"</button>
///         <p>{move || format!("{:?}", inquiry.phase().get())}</p>
///         <PersonaInquiry template_id="itmpl_ABC123" modal=true handle=inquiry />
///     }
/// }
/// ```
#[derive(Clone, Copy)]
pub struct InquiryHandle {
    pub(crate) state: RwSignal<InquiryState>,
    pub(crate) open: RwSignal<bool>,
    pub(crate) destroyed: RwSignal<bool>,
    pub(crate) generation: RwSignal<u64>,
    pub(crate) config_error: RwSignal<Option<ConfigError>>,
    pub(crate) link: StoredValue<Option<FrameLink>, LocalStorage>,
    phase: Memo<InquiryPhase>,
    inquiry_id: Memo<Option<String>>,
    session_token: Memo<Option<String>>,
    current_page: Memo<Option<PageChange>>,
    page_height: Memo<Option<f64>>,
    last_error: Memo<Option<InquiryError>>,
    last_event: Memo<Option<FlowMessage>>,
}

/// Creates an [`InquiryHandle`] owned by the calling component.
pub fn use_persona_inquiry() -> InquiryHandle {
    let state = RwSignal::new(InquiryState::default());
    InquiryHandle {
        state,
        open: RwSignal::new(false),
        destroyed: RwSignal::new(false),
        generation: RwSignal::new(0),
        config_error: RwSignal::new(None),
        link: StoredValue::new_local(None),
        phase: Memo::new(move |_| state.with(|s| s.phase)),
        inquiry_id: Memo::new(move |_| state.with(|s| s.inquiry_id.clone())),
        session_token: Memo::new(move |_| state.with(|s| s.session_token.clone())),
        current_page: Memo::new(move |_| state.with(|s| s.current_page.clone())),
        page_height: Memo::new(move |_| state.with(|s| s.page_height)),
        last_error: Memo::new(move |_| state.with(|s| s.last_error.clone())),
        last_event: Memo::new(move |_| state.with(|s| s.last_event.clone())),
    }
}

impl InquiryHandle {
    /// Where the flow is.
    pub fn phase(&self) -> Signal<InquiryPhase> {
        self.phase.into()
    }

    /// The inquiry id, once the flow created or resumed one.
    pub fn inquiry_id(&self) -> Signal<Option<String>> {
        self.inquiry_id.into()
    }

    /// The session token, to resume a cancelled inquiry later.
    pub fn session_token(&self) -> Signal<Option<String>> {
        self.session_token.into()
    }

    /// The current page (from `page-change`).
    pub fn current_page(&self) -> Signal<Option<PageChange>> {
        self.current_page.into()
    }

    /// The last reported page height (CSS px).
    pub fn page_height(&self) -> Signal<Option<f64>> {
        self.page_height.into()
    }

    /// The last error, from the flow or the load watchdog.
    pub fn last_error(&self) -> Signal<Option<InquiryError>> {
        self.last_error.into()
    }

    /// The last accepted message.
    pub fn last_event(&self) -> Signal<Option<FlowMessage>> {
        self.last_event.into()
    }

    /// The whole state at once.
    pub fn state(&self) -> Signal<InquiryState> {
        self.state.into()
    }

    /// Whether the modal is shown.
    pub fn is_open(&self) -> Signal<bool> {
        self.open.into()
    }

    /// The configuration error, when the options cannot be turned into a flow.
    pub fn config_error(&self) -> Signal<Option<ConfigError>> {
        self.config_error.into()
    }

    /// Shows the modal and tells the flow (`open`). No effect on an inline inquiry.
    pub fn open(&self) {
        self.open.try_set(true);
    }

    /// Hides the modal without asking the flow anything (it keeps its place).
    pub fn close(&self) {
        self.open.try_set(false);
    }

    /// Asks the flow to exit; without `force` the flow asks the user to confirm.
    /// The flow answers with `exit`, which calls `on_cancel`.
    pub fn cancel(&self, force: bool) {
        self.post(WidgetAction::Exit { force });
    }

    /// Starts the flow over with the same options: a new iframe, a fresh state.
    /// Also brings back a destroyed flow.
    pub fn restart(&self) {
        self.post(WidgetAction::Destroy);
        self.destroyed.try_set(false);
        self.generation.try_update(|g| *g += 1);
    }

    /// Tells the flow the embedding is going away and removes the iframe
    /// ([`restart`](Self::restart) brings it back).
    pub fn destroy(&self) {
        self.post(WidgetAction::Destroy);
        self.open.try_set(false);
        self.destroyed.try_set(true);
    }

    pub(crate) fn post(&self, action: WidgetAction) {
        self.link.try_with_value(|link| {
            if let Some(link) = link {
                link.post(action);
            }
        });
    }
}
