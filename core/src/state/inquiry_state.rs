//! [`InquiryState`]: a pure reducer from accepted messages to what the components expose.

use std::sync::Arc;

use serde_json::Value;

use crate::{
    CallbackCall, CallbackRef, CameraPermissions, CompletePayload, EventsAllowlist, ExitPayload,
    FlowMessage, InquiryError, InquiryStyles, MessageGate, PageChange, PreferredDimensions,
    ReadyPayload, Rejection, StartPayload,
};

/// Where the flow is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
#[non_exhaustive]
pub enum InquiryPhase {
    /// The iframe is loading; no `load` yet.
    #[default]
    Loading,
    /// `load` arrived.
    Loaded,
    /// `ready` arrived: the flow can be shown.
    Ready,
    /// The user is going through the flow (`start`, `page-change`, …).
    InProgress,
    /// `complete` arrived.
    Completed,
    /// `fail` arrived.
    Failed,
    /// `exit` arrived: the user left before finishing (a later flow event resumes).
    Cancelled,
    /// `error` arrived (a later flow event recovers).
    Errored,
    /// No `load` arrived in time (see [`InquiryState::load_timed_out`]).
    TimedOut,
}

impl InquiryPhase {
    /// The phase in lower case, as the component's `data-phase` attribute shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Loading => "loading",
            Self::Loaded => "loaded",
            Self::Ready => "ready",
            Self::InProgress => "inprogress",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Cancelled => "cancelled",
            Self::Errored => "errored",
            Self::TimedOut => "timedout",
        }
    }

    /// `true` once the inquiry completed or failed: nothing changes the phase afterwards.
    pub fn is_finished(self) -> bool {
        matches!(self, Self::Completed | Self::Failed)
    }
}

/// What [`InquiryState::record`] made of one accepted message: the message
/// (shared with [`InquiryState::last_event`]) and which callbacks are due.
#[derive(Debug, Clone)]
pub struct Recorded {
    message: Arc<FlowMessage>,
    to_on_event: bool,
    own_callback: bool,
}

impl Recorded {
    /// The message.
    pub fn message(&self) -> &FlowMessage {
        &self.message
    }

    /// The callbacks to call, in order: `on_event` when the allowlist admits
    /// the name, then the event's own callback when it is due.
    pub fn calls(&self) -> impl Iterator<Item = CallbackRef<'_>> {
        let message = &*self.message;
        let event = self.to_on_event.then_some(CallbackRef::Event(message));
        let own = self
            .own_callback
            .then(|| message.event.callback())
            .flatten();
        event.into_iter().chain(own)
    }
}

/// The state of one inquiry flow, as the components expose it through signals.
///
/// ```
/// use leptos_persona_core::{EventsAllowlist, InquiryPhase, InquiryState, MessageGate};
/// use serde_json::json;
///
/// let gate = MessageGate::new("c1", "https://inquiry.withpersona.com");
/// let mut state = InquiryState::default();
/// let message = gate
///     .check("https://inquiry.withpersona.com", true, &json!({
///         "containerId": "c1", "name": "start", "metadata": {"inquiryId": "inq_1"}
///     }))
///     .unwrap();
/// state.apply(&message, &EventsAllowlist::Default);
/// assert_eq!(state.phase, InquiryPhase::InProgress);
/// assert_eq!(state.inquiry_id.as_deref(), Some("inq_1"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct InquiryState {
    /// Where the flow is.
    pub phase: InquiryPhase,
    /// The inquiry id, once known (`start`, `complete`, `exit`).
    pub inquiry_id: Option<String>,
    /// The session token, once known (to resume a cancelled inquiry).
    pub session_token: Option<String>,
    /// The current page, from `page-change`.
    pub current_page: Option<PageChange>,
    /// The last reported page height in CSS pixels.
    pub page_height: Option<f64>,
    /// The preferred modal size, from `ready`.
    pub preferred_dimensions: Option<PreferredDimensions>,
    /// The flow's styles, from `ready`.
    pub styles: Option<InquiryStyles>,
    /// The last error (from the flow or the load watchdog).
    pub last_error: Option<InquiryError>,
    /// The last accepted message (shared with the [`Recorded`] it came in).
    pub last_event: Option<Arc<FlowMessage>>,
}

impl InquiryState {
    /// Applies an accepted message and returns the callbacks to call, in order,
    /// each with its own copy of its argument. [`record`](Self::record) is the
    /// same without the copies.
    pub fn apply(
        &mut self,
        message: &FlowMessage,
        allowlist: &EventsAllowlist,
    ) -> Vec<CallbackCall> {
        let recorded = self.record(message.clone(), allowlist);
        recorded.calls().map(CallbackRef::to_call).collect()
    }

    /// Applies an accepted message, keeps it as [`last_event`](Self::last_event)
    /// and says which callbacks are due; their arguments are borrowed from the
    /// message ([`Recorded::calls`]), so nothing is copied for a callback that
    /// a UI does not have.
    ///
    /// ```
    /// use leptos_persona_core::{CallbackRef, EventsAllowlist, InquiryState, MessageGate};
    /// use serde_json::json;
    ///
    /// let gate = MessageGate::new("c1", "https://inquiry.withpersona.com");
    /// let message = gate
    ///     .check("https://inquiry.withpersona.com", true, &json!({
    ///         "containerId": "c1", "name": "exit", "metadata": {"inquiryId": "inq_1"}
    ///     }))
    ///     .unwrap();
    /// let mut state = InquiryState::default();
    /// let recorded = state.record(message, &EventsAllowlist::Only(vec![]));
    /// let calls: Vec<_> = recorded.calls().collect();
    /// assert!(matches!(calls.as_slice(), [CallbackRef::Cancel(exit)] if exit.inquiry_id.as_deref() == Some("inq_1")));
    /// ```
    pub fn record(&mut self, message: FlowMessage, allowlist: &EventsAllowlist) -> Recorded {
        let to_on_event = allowlist.admits(&message.name);
        // Every known event names its phase in the event table; a name this
        // crate does not know changes nothing and fires no callback of its own.
        let own_callback = message.event.phase().is_some_and(|phase| self.enter(phase));
        if own_callback {
            message.event.record_into(self);
        }
        let message = Arc::new(message);
        self.last_event = Some(Arc::clone(&message));
        Recorded {
            message,
            to_on_event,
            own_callback,
        }
    }

    /// Moves to `phase` if the flow may enter it, and says whether the event
    /// counts (its data is kept and its callback is due): a finished flow
    /// keeps its phase and takes no second completion or cancel; a cancel
    /// counts once in a row; every other event always counts.
    fn enter(&mut self, phase: InquiryPhase) -> bool {
        let finished = self.phase.is_finished();
        let counts = match phase {
            InquiryPhase::Completed | InquiryPhase::Failed => !finished,
            InquiryPhase::Cancelled => !finished && self.phase != InquiryPhase::Cancelled,
            _ => true,
        };
        if counts && !finished {
            self.phase = phase;
        }
        counts
    }

    /// The load watchdog fired after `waited_ms`: if `load` still has not arrived,
    /// the phase becomes [`InquiryPhase::TimedOut`] and `on_error` is due.
    pub fn load_timed_out(&mut self, waited_ms: u32) -> Option<CallbackCall> {
        if self.phase != InquiryPhase::Loading {
            return None;
        }
        let error = InquiryError::load_timeout(waited_ms);
        self.phase = InquiryPhase::TimedOut;
        self.last_error = Some(error.clone());
        Some(CallbackCall::Error(error))
    }
}

/// What an event's payload tells about the inquiry, kept in the state (one
/// impl per payload type of the event table).
pub(crate) trait StateUpdate {
    /// Keeps this payload's news in `state`.
    fn update(&self, state: &mut InquiryState);
}

impl StateUpdate for ReadyPayload {
    fn update(&self, state: &mut InquiryState) {
        state
            .preferred_dimensions
            .clone_from(&self.preferred_dimensions);
        state.styles.clone_from(&self.styles);
    }
}

impl StateUpdate for StartPayload {
    fn update(&self, state: &mut InquiryState) {
        remember(&mut state.inquiry_id, &self.inquiry_id);
        remember(&mut state.session_token, &self.session_token);
    }
}

impl StateUpdate for PageChange {
    fn update(&self, state: &mut InquiryState) {
        if self.page_height.is_some() {
            state.page_height = self.page_height;
        }
        state.current_page = Some(self.clone());
    }
}

impl StateUpdate for CompletePayload {
    fn update(&self, state: &mut InquiryState) {
        remember(&mut state.inquiry_id, &self.inquiry_id);
    }
}

impl StateUpdate for ExitPayload {
    fn update(&self, state: &mut InquiryState) {
        remember(&mut state.inquiry_id, &self.inquiry_id);
        remember(&mut state.session_token, &self.session_token);
    }
}

impl StateUpdate for InquiryError {
    fn update(&self, state: &mut InquiryState) {
        state.last_error = Some(self.clone());
    }
}

impl StateUpdate for CameraPermissions {
    /// Nothing of the inquiry's: the app reads it from the event.
    fn update(&self, _: &mut InquiryState) {}
}

fn remember(slot: &mut Option<String>, value: &Option<String>) {
    if value.is_some() {
        slot.clone_from(value);
    }
}

/// The whole pure core of one embedded inquiry: gate, allowlist and state.
///
/// ```
/// use leptos_persona_core::{CallbackCall, EventsAllowlist, InquirySession, MessageGate};
/// use serde_json::json;
///
/// let mut session = InquirySession::new(
///     MessageGate::new("c1", "https://inquiry.withpersona.com"),
///     EventsAllowlist::Default,
/// );
/// let calls = session
///     .handle("https://inquiry.withpersona.com", true, &json!({"containerId": "c1", "name": "load"}))
///     .unwrap();
/// assert!(matches!(calls.as_slice(), [CallbackCall::Event(_), CallbackCall::Load]));
/// assert!(session.handle("https://evil.example", true, &json!({})).is_err());
/// ```
#[derive(Debug, Clone)]
pub struct InquirySession {
    /// Who may talk to us.
    pub gate: MessageGate,
    /// Which events reach `on_event`.
    pub allowlist: EventsAllowlist,
    /// The flow's state.
    pub state: InquiryState,
}

impl InquirySession {
    /// A fresh session.
    pub fn new(gate: MessageGate, allowlist: EventsAllowlist) -> Self {
        Self {
            gate,
            allowlist,
            state: InquiryState::default(),
        }
    }

    /// Gates one `message` event and, if accepted, applies it.
    pub fn handle(
        &mut self,
        origin: &str,
        from_our_frame: bool,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        self.receive(origin, from_our_frame, || Ok(data.clone()))
    }

    /// [`handle`](Self::handle) for data that is costly or risky to read (a
    /// browser `MessageEvent`'s `data`), through [`MessageGate::accept`]:
    /// `read_data` runs only once the sender passed, so the order is always
    /// source, origin, then data.
    pub fn receive(
        &mut self,
        origin: &str,
        from_our_frame: bool,
        read_data: impl FnOnce() -> Result<Value, String>,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        let message = self.gate.accept(origin, from_our_frame, read_data)?;
        let recorded = self.state.record(message, &self.allowlist);
        Ok(recorded.calls().map(CallbackRef::to_call).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ORIGIN: &str = "https://inquiry.withpersona.com";

    fn session() -> InquirySession {
        InquirySession::new(MessageGate::new("c1", ORIGIN), EventsAllowlist::Default)
    }

    fn send(s: &mut InquirySession, name: &str, metadata: Value) -> Vec<CallbackCall> {
        s.handle(
            ORIGIN,
            true,
            &json!({"containerId": "c1", "name": name, "metadata": metadata}),
        )
        .unwrap_or_else(|r| panic!("{name} rejected: {r}"))
    }

    fn kinds(calls: &[CallbackCall]) -> Vec<&'static str> {
        calls
            .iter()
            .map(|c| match c {
                CallbackCall::Event(_) => "event",
                CallbackCall::Load => "load",
                CallbackCall::Ready(_) => "ready",
                CallbackCall::Complete(_) => "complete",
                CallbackCall::Cancel(_) => "cancel",
                CallbackCall::Error(_) => "error",
            })
            .collect()
    }

    #[test]
    fn a_happy_flow_walks_the_phases() {
        let mut s = session();
        assert_eq!(s.state.phase, InquiryPhase::Loading);
        assert_eq!(kinds(&send(&mut s, "load", json!(null))), ["event", "load"]);
        assert_eq!(s.state.phase, InquiryPhase::Loaded);
        send(
            &mut s,
            "ready",
            json!({"preferredDimensions": {"maximumHeight": "650px"}, "styles": {"borderRadius": "8px"}}),
        );
        assert_eq!(s.state.phase, InquiryPhase::Ready);
        assert_eq!(
            s.state
                .styles
                .as_ref()
                .and_then(|x| x.border_radius.as_deref()),
            Some("8px")
        );
        send(
            &mut s,
            "start",
            json!({"inquiryId": "inq_1", "sessionToken": "tok"}),
        );
        send(
            &mut s,
            "page-change",
            json!({"name": "selfie", "pageHeight": 720}),
        );
        assert_eq!(s.state.phase, InquiryPhase::InProgress);
        assert_eq!(s.state.page_height, Some(720.0));
        assert_eq!(s.state.session_token.as_deref(), Some("tok"));
        let calls = send(
            &mut s,
            "complete",
            json!({"inquiryId": "inq_1", "status": "completed", "fields": {}}),
        );
        assert_eq!(kinds(&calls), ["event", "complete"]);
        assert_eq!(s.state.phase, InquiryPhase::Completed);
    }

    #[test]
    fn terminal_callbacks_fire_once() {
        let mut s = session();
        send(
            &mut s,
            "complete",
            json!({"inquiryId": "inq_1", "status": "completed"}),
        );
        assert_eq!(
            kinds(&send(&mut s, "complete", json!({"inquiryId": "inq_1"}))),
            ["event"]
        );
        assert_eq!(
            kinds(&send(&mut s, "fail", json!({"inquiryId": "inq_1"}))),
            ["event"]
        );
        assert_eq!(kinds(&send(&mut s, "exit", json!({}))), ["event"]);
        assert_eq!(s.state.phase, InquiryPhase::Completed);
    }

    #[test]
    fn a_cancelled_flow_can_resume_and_cancel_again() {
        let mut s = session();
        assert_eq!(kinds(&send(&mut s, "exit", json!({}))), ["event", "cancel"]);
        assert_eq!(kinds(&send(&mut s, "exit", json!({}))), ["event"]);
        send(&mut s, "page-change", json!({"pageHeight": 500}));
        assert_eq!(s.state.phase, InquiryPhase::InProgress);
        assert_eq!(
            kinds(&send(&mut s, "exit", json!({"inquiryId": "inq_9"}))),
            ["event", "cancel"]
        );
        assert_eq!(s.state.inquiry_id.as_deref(), Some("inq_9"));
    }

    #[test]
    fn the_watchdog_only_fires_before_load() {
        let mut s = session();
        let call = s.state.load_timed_out(8_000);
        assert!(
            matches!(call, Some(CallbackCall::Error(ref e)) if e.code == crate::ErrorCode::LoadTimeout)
        );
        assert_eq!(s.state.phase, InquiryPhase::TimedOut);
        assert!(s.state.load_timed_out(8_000).is_none());
        send(&mut s, "load", json!(null));
        assert_eq!(s.state.phase, InquiryPhase::Loaded);
        assert!(s.state.load_timed_out(8_000).is_none());
    }

    #[test]
    fn errors_are_kept_and_recoverable() {
        let mut s = session();
        let calls = s
            .handle(ORIGIN, true, &json!({"containerId": "c1", "name": "error", "error": {"status": 409, "code": "unauthenticated"}}))
            .unwrap();
        assert_eq!(kinds(&calls), ["event", "error"]);
        assert_eq!(s.state.phase, InquiryPhase::Errored);
        assert_eq!(
            s.state.last_error.as_ref().map(|e| e.code.clone()),
            Some(crate::ErrorCode::Unauthenticated)
        );
    }
}
