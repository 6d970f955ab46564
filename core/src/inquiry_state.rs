//! [`InquiryState`]: a pure reducer from accepted messages to what the components expose.

use serde_json::Value;

use crate::{
    CompletePayload, EventsAllowlist, ExitPayload, FlowEvent, FlowMessage, InquiryError,
    InquiryStyles, MessageGate, PageChange, PreferredDimensions, ReadyPayload, Rejection,
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

/// One callback to call, in order, for an accepted message.
#[derive(Debug, Clone, PartialEq)]
pub enum CallbackCall {
    /// `on_event(message)`, when the events allowlist admits the name.
    Event(FlowMessage),
    /// `on_load()`.
    Load,
    /// `on_ready(payload)`.
    Ready(ReadyPayload),
    /// `on_complete(payload)`, for `complete` and `fail`; at most once per flow.
    Complete(CompletePayload),
    /// `on_cancel(payload)`, for `exit`; not after completion, not twice in a row.
    Cancel(ExitPayload),
    /// `on_error(error)`.
    Error(InquiryError),
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
    /// The last accepted message.
    pub last_event: Option<FlowMessage>,
}

impl InquiryState {
    /// Applies an accepted message and returns the callbacks to call, in order.
    pub fn apply(
        &mut self,
        message: &FlowMessage,
        allowlist: &EventsAllowlist,
    ) -> Vec<CallbackCall> {
        let mut calls = Vec::with_capacity(2);
        if allowlist.admits(&message.name) {
            calls.push(CallbackCall::Event(message.clone()));
        }
        let finished = self.phase.is_finished();
        let advance = |state: &mut Self, phase: InquiryPhase| {
            if !finished {
                state.phase = phase;
            }
        };
        match &message.event {
            FlowEvent::Load => {
                advance(self, InquiryPhase::Loaded);
                calls.push(CallbackCall::Load);
            }
            FlowEvent::Ready(ready) => {
                self.preferred_dimensions = ready.preferred_dimensions.clone();
                self.styles = ready.styles.clone();
                advance(self, InquiryPhase::Ready);
                calls.push(CallbackCall::Ready(ready.clone()));
            }
            FlowEvent::Start(start) => {
                remember(&mut self.inquiry_id, &start.inquiry_id);
                remember(&mut self.session_token, &start.session_token);
                advance(self, InquiryPhase::InProgress);
            }
            FlowEvent::PageChange(page) => {
                if page.page_height.is_some() {
                    self.page_height = page.page_height;
                }
                self.current_page = Some(page.clone());
                advance(self, InquiryPhase::InProgress);
            }
            FlowEvent::Complete(done) | FlowEvent::Fail(done) => {
                if !finished {
                    remember(&mut self.inquiry_id, &done.inquiry_id);
                    self.phase = match message.event {
                        FlowEvent::Complete(_) => InquiryPhase::Completed,
                        _ => InquiryPhase::Failed,
                    };
                    calls.push(CallbackCall::Complete(done.clone()));
                }
            }
            FlowEvent::Exit(exit) => {
                if !finished && self.phase != InquiryPhase::Cancelled {
                    remember(&mut self.inquiry_id, &exit.inquiry_id);
                    remember(&mut self.session_token, &exit.session_token);
                    self.phase = InquiryPhase::Cancelled;
                    calls.push(CallbackCall::Cancel(exit.clone()));
                }
            }
            FlowEvent::Error(error) => {
                self.last_error = Some(error.clone());
                advance(self, InquiryPhase::Errored);
                calls.push(CallbackCall::Error(error.clone()));
            }
            FlowEvent::Other(_) => {}
            _ => advance(self, InquiryPhase::InProgress),
        }
        self.last_event = Some(message.clone());
        calls
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
        Ok(self.state.apply(&message, &self.allowlist))
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
