//! [`InquiryHandle`]: the signals and actions of one embedded inquiry, for the app to hold.

use leptos::prelude::*;
use leptos_persona_core::{
    ConfigError, FlowMessage, InquiryError, InquiryPhase, InquiryState, PageChange, WidgetAction,
};

use crate::browser::frame_link::FrameLink;

/// An inquiry to resume: its id and, for a pending one, its session token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Resume {
    pub(crate) inquiry_id: String,
    pub(crate) session_token: Option<String>,
}

/// Which flow document the component shows: a new generation is a new iframe
/// (restart, resume); `destroyed` shows none. One signal, as they change together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Lifecycle {
    pub(crate) generation: u64,
    pub(crate) resume: Option<Resume>,
    pub(crate) destroyed: bool,
}

/// The signals and actions of one `<PersonaInquiry>`.
///
/// Create it with [`use_persona_inquiry`], pass it to the component's `handle`
/// prop, and read its signals anywhere. Each signal accessor makes a memo owned
/// by the caller: call it once and keep the signal.
///
/// ```
/// use leptos::prelude::*;
/// use leptos_persona::{use_persona_inquiry, PersonaInquiry};
///
/// #[component]
/// fn Verify() -> impl IntoView {
///     let inquiry = use_persona_inquiry();
///     let phase = inquiry.phase();
///     view! {
///         <button on:click=move |_| inquiry.open()>"Verify"</button>
///         <p>{move || phase.get().as_str()}</p>
///         <PersonaInquiry template_id="itmpl_ABC123" modal=true handle=inquiry />
///     }
/// }
/// ```
#[derive(Clone, Copy)]
pub struct InquiryHandle {
    pub(crate) state: RwSignal<InquiryState>,
    pub(crate) open: RwSignal<bool>,
    pub(crate) lifecycle: RwSignal<Lifecycle>,
    pub(crate) config_error: RwSignal<Option<ConfigError>>,
    pub(crate) link: StoredValue<Option<FrameLink>, LocalStorage>,
}

/// Creates an [`InquiryHandle`] owned by the calling component.
pub fn use_persona_inquiry() -> InquiryHandle {
    InquiryHandle {
        state: RwSignal::new(InquiryState::default()),
        open: RwSignal::new(false),
        lifecycle: RwSignal::new(Lifecycle::default()),
        config_error: RwSignal::new(None),
        link: StoredValue::new_local(None),
    }
}

impl InquiryHandle {
    fn select<T: Clone + PartialEq + Send + Sync + 'static>(
        &self,
        pick: fn(&InquiryState) -> T,
    ) -> Signal<T> {
        let state = self.state;
        Memo::new(move |_| state.with(pick)).into()
    }

    /// Where the flow is.
    pub fn phase(&self) -> Signal<InquiryPhase> {
        self.select(|s| s.phase)
    }

    /// Whether the flow is ready and in use: `ready` arrived and the inquiry
    /// has neither finished, nor been left, nor failed to load.
    pub fn is_ready(&self) -> Signal<bool> {
        self.select(|s| matches!(s.phase, InquiryPhase::Ready | InquiryPhase::InProgress))
    }

    /// The inquiry id, once the flow created or resumed one.
    pub fn inquiry_id(&self) -> Signal<Option<String>> {
        self.select(|s| s.inquiry_id.clone())
    }

    /// The session token, to resume a cancelled inquiry later (see [`resume`](Self::resume)).
    pub fn session_token(&self) -> Signal<Option<String>> {
        self.select(|s| s.session_token.clone())
    }

    /// The current page (from `page-change`).
    pub fn current_page(&self) -> Signal<Option<PageChange>> {
        self.select(|s| s.current_page.clone())
    }

    /// The last reported page height (CSS px).
    pub fn page_height(&self) -> Signal<Option<f64>> {
        self.select(|s| s.page_height)
    }

    /// The last error, from the flow or the load watchdog.
    pub fn last_error(&self) -> Signal<Option<InquiryError>> {
        self.select(|s| s.last_error.clone())
    }

    /// The last accepted message.
    pub fn last_event(&self) -> Signal<Option<FlowMessage>> {
        self.select(|s| s.last_event.as_deref().cloned())
    }

    /// The whole [`InquiryState`] at once: phase, ids, page, sizes, last
    /// event and error. It changes with every accepted message; prefer the
    /// narrower signals above where one of them is enough.
    pub fn state(&self) -> Signal<InquiryState> {
        self.state.into()
    }

    /// Whether the modal is shown.
    pub fn is_open(&self) -> Signal<bool> {
        self.open.into()
    }

    /// Why the options cannot become a flow, with the developer's explanation
    /// (`None` when they can). End users see a neutral message instead; the
    /// same text goes to the browser console.
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
    /// Also brings back a destroyed flow, and ends a [`resume`](Self::resume).
    pub fn restart(&self) {
        self.post(WidgetAction::Destroy);
        self.lifecycle.try_update(|l| {
            l.generation += 1;
            l.resume = None;
            l.destroyed = false;
        });
    }

    /// Resumes inquiry `inquiry_id` (with its `session_token`, for a pending
    /// one) in a new iframe with a fresh state, and opens the modal. The
    /// options' template ids give way to the inquiry id. Call it as often as
    /// needed, for example after each `on_cancel` with the ids it reported;
    /// [`restart`](Self::restart) goes back to the options' own flow.
    ///
    /// The token is what you have: `"tok"`, a `String`, `None`, or the
    /// `Option<String>` that `on_cancel` reported.
    ///
    /// ```
    /// use leptos::prelude::*;
    /// use leptos_persona::use_persona_inquiry;
    ///
    /// # let owner = Owner::new();
    /// # owner.with(|| {
    /// let inquiry = use_persona_inquiry();
    /// inquiry.resume("inq_123", "tok");
    /// inquiry.resume("inq_123", None);
    /// inquiry.resume("inq_123", Some("tok".to_owned()));
    /// # });
    /// ```
    pub fn resume(
        &self,
        inquiry_id: impl Into<String>,
        session_token: impl Into<leptos_persona_core::SessionToken>,
    ) {
        self.post(WidgetAction::Destroy);
        let resume = Resume {
            inquiry_id: inquiry_id.into(),
            session_token: session_token.into().0,
        };
        self.lifecycle.try_update(|l| {
            l.generation += 1;
            l.resume = Some(resume);
            l.destroyed = false;
        });
        self.open();
    }

    /// Tells the flow the embedding is going away and removes the iframe
    /// ([`restart`](Self::restart) brings it back).
    pub fn destroy(&self) {
        self.post(WidgetAction::Destroy);
        self.open.try_set(false);
        self.lifecycle.try_update(|l| l.destroyed = true);
    }

    pub(crate) fn post(&self, action: WidgetAction) {
        self.link.try_with_value(|link| {
            if let Some(link) = link {
                link.post(action);
            }
        });
    }
}
