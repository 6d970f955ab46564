//! The flow session: one gate and state per iframe document, fed by the
//! window's `message` events through the gate, with the load watchdog.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_persona_core::{CallbackCall, CallbackRef, InquiryPhase, InquiryState, WidgetAction};
use web_sys::MessageEvent;

use crate::browser::browser_listener::WindowListener;
use crate::browser::frame_link::{read_data, FrameLink};
use crate::component::options_from_props::Settings;
use crate::session::effect::effect;
use crate::{FlowCallback, InquiryHandle};

/// What the props make: `None` until the page origin is known, then the
/// settings of the flow or the reason the props cannot become one. Shared
/// (`Arc`), so that every reader takes it through one non-generic read.
pub(crate) type SettingsOutcome = Option<Result<Arc<Settings>, leptos_persona_core::ConfigError>>;

/// The settings in `outcome`, if the props made a flow.
pub(crate) fn flow_settings(outcome: &SettingsOutcome) -> Option<Arc<Settings>> {
    outcome.as_ref()?.as_ref().ok().cloned()
}

/// The callback props and the routing of a due call to its prop, from the
/// core's callback table (one field and one arm per row).
macro_rules! callback_props {
    (@rows [$c:ident $v:ident] [$($out:tt)*]) => {
        callback_props! { @emit [$c] $($out)* }
    };
    (@rows [$c:ident $v:ident] [$($out:tt)*] $(#[$doc:meta])* $name:ident $variant:ident($payload:ty);
        $($rest:tt)*) => {
        callback_props! { @rows [$c $v] [$($out)* {
            $name ($payload) { CallbackRef::$variant($v) => run(&$c.$name, $v), }
        }] $($rest)* }
    };
    (@rows [$c:ident $v:ident] [$($out:tt)*] $(#[$doc:meta])* $name:ident $variant:ident;
        $($rest:tt)*) => {
        callback_props! { @rows [$c $v] [$($out)* {
            $name (()) { CallbackRef::$variant => run(&$c.$name, &()), }
        }] $($rest)* }
    };
    (@emit [$c:ident] $({ $name:ident ($payload:ty) { $($arm:tt)* } })*) => {
        /// The callback props.
        #[derive(Default)]
        pub(crate) struct Callbacks {
            $(pub(crate) $name: Option<FlowCallback<$payload>>,)*
        }

        impl Callbacks {
            /// Calls the prop of a due call, if the app gave one.
            fn call(&self, call: CallbackRef<'_>) {
                let $c = self;
                match call {
                    $($($arm)*)*
                }
            }
        }
    };
    // The names the arms share, made here (hygiene keeps names of different
    // rules apart).
    ([] $($rows:tt)*) => {
        callback_props! { @rows [callbacks value] [] $($rows)* }
    };
}

leptos_persona_core::flow_callback_table!(callback_props);

/// Calls `callback`, if given, with `value`.
fn run<T: 'static>(callback: &Option<FlowCallback<T>>, value: &T) {
    if let Some(callback) = callback {
        callback.call_with(value);
    }
}

/// What the pieces of one `<PersonaInquiry>` share.
#[derive(Clone, Copy)]
pub(crate) struct Inquiry {
    pub(crate) handle: InquiryHandle,
    pub(crate) settings: Memo<SettingsOutcome>,
    pub(crate) iframe: NodeRef<html::Iframe>,
    pub(crate) callbacks: StoredValue<Rc<Callbacks>, LocalStorage>,
    pub(crate) modal: bool,
}

impl Inquiry {
    /// The iframe's `src` (tracked, with all the settings), if the flow can be built.
    pub(crate) fn src(&self) -> Option<String> {
        self.with_settings(|s| s.frame.src.clone())
    }

    /// The settings (tracked), if the flow can be built.
    pub(crate) fn current_settings(&self) -> Option<Arc<Settings>> {
        self.settings.try_with(flow_settings).flatten()
    }

    /// Reads the settings (tracked), if the flow can be built.
    pub(crate) fn with_settings<R>(&self, read: impl FnOnce(&Settings) -> R) -> Option<R> {
        self.current_settings().map(|s| read(&s))
    }

    /// Reads the settings without tracking them.
    pub(crate) fn with_settings_untracked<R>(
        &self,
        read: impl FnOnce(&Settings) -> R,
    ) -> Option<R> {
        let current = untrack(|| self.current_settings());
        current.map(|s| read(&s))
    }

    /// Calls the callback for one call, closing the modal when the flow ended.
    /// The callback runs outside any borrow, so that it may do anything (even
    /// unmount this component).
    fn dispatch(&self, call: CallbackRef<'_>) {
        if self.modal && matches!(call, CallbackRef::Complete(_) | CallbackRef::Cancel(_)) {
            self.handle.open.try_set(false);
        }
        if let Some(callbacks) = self.callbacks.try_get_value() {
            callbacks.call(call);
        }
    }
}

/// Whether no flow document has loaded yet (nothing could answer a message).
pub(crate) fn flow_not_loaded(phase: InquiryPhase) -> bool {
    matches!(phase, InquiryPhase::Loading | InquiryPhase::TimedOut)
}

/// What a running session keeps: the settings whose gate and allowlist judge
/// its messages (set per iframe document, dropped on destroy), and its
/// watchdog. The flow's state itself lives in the handle's signal.
#[derive(Default)]
struct SessionState {
    settings: Option<Arc<Settings>>,
    watchdog: Option<TimeoutHandle>,
    /// The document shown (`None` before the first).
    document: Option<Document>,
}

/// What makes a new iframe document, and so a new session: another `src`
/// (`None` while the flow cannot be built), another generation of the handle
/// (a restart or resume), or destruction.
#[derive(PartialEq)]
struct Document {
    src: Option<String>,
    generation: u64,
    destroyed: bool,
}

/// The running session: created per iframe document, dropped on destroy.
#[derive(Clone, Copy)]
pub(crate) struct FlowSession {
    state: StoredValue<SessionState, LocalStorage>,
}

impl FlowSession {
    fn clear_watchdog(self) {
        self.state.try_update_value(|s| {
            if let Some(w) = s.watchdog.take() {
                w.clear();
            }
        });
    }

    /// Applies one `message` event: source, then origin, then data, then the
    /// reducer (on the handle's state, in place). Returns whether it was accepted.
    fn receive(self, inquiry: Inquiry, event: &MessageEvent) -> bool {
        let Some(link) = inquiry.handle.link.try_with_value(Clone::clone).flatten() else {
            return false;
        };
        if !link.is_source_of(event) {
            return false;
        }
        let origin = event.origin();
        let handle = inquiry.handle;
        let outcome = self.state.try_with_value(|s| {
            let settings = s.settings.as_ref()?;
            Some(
                settings
                    .gate
                    .accept(&origin, true, || read_data(&event.data()))
                    .map(|message| {
                        handle.state.try_update(|state| {
                            (state.record(message, &settings.allowlist), state.phase)
                        })
                    }),
            )
        });
        let (recorded, phase) = match outcome.flatten() {
            Some(Ok(Some(applied))) => applied,
            Some(Err(rejection)) => {
                crate::debug_log!("rejected: {rejection}");
                return false;
            }
            _ => return false,
        };
        if phase == InquiryPhase::Loaded {
            self.clear_watchdog();
            // A freshly loaded flow document learns that the modal is open now; an
            // `open` posted before `load` would have reached the blank initial page.
            if inquiry.modal && handle.open.get_untracked() {
                link.post(WidgetAction::Open);
            }
        }
        for call in recorded.calls() {
            inquiry.dispatch(call);
        }
        true
    }

    /// A fresh session for the current settings, with its watchdog armed.
    fn restart(self, inquiry: Inquiry) {
        self.clear_watchdog();
        let settings = untrack(|| inquiry.current_settings());
        let wait = settings.as_ref().and_then(|s| s.load_timeout.millis());
        let fresh = settings.is_some();
        self.state.update_value(|s| s.settings = settings);
        if !fresh {
            return;
        }
        inquiry.handle.state.set(InquiryState::default());
        let Some(wait) = wait else { return };
        let fire = move || {
            let state = inquiry.handle.state;
            let timed_out = state.try_maybe_update(|s| {
                let call = s.load_timed_out(wait);
                (call.is_some(), call)
            });
            if let Some(CallbackCall::Error(error)) = timed_out.flatten() {
                inquiry.dispatch(CallbackRef::Error(&error));
            }
        };
        let timer = set_timeout_with_handle(fire, Duration::from_millis(u64::from(wait)));
        self.state.update_value(|s| s.watchdog = timer.ok());
    }
}

/// Runs the flow session of `inquiry`; `on_document` runs for every new
/// document (or none), `on_accepted` after every accepted message.
pub(crate) fn run_flow_session(
    inquiry: Inquiry,
    on_document: impl Fn() + 'static,
    on_accepted: impl Fn() + 'static,
) -> FlowSession {
    let flow = FlowSession {
        state: StoredValue::new_local(SessionState::default()),
    };
    let handle = inquiry.handle;
    // A new iframe document (new URL, restart, resume) is a new session; a
    // change that keeps the URL (title, sizes) keeps it, and its gate and
    // allowlist follow the options (`trusted_origins`, `events_allowlist`).
    // Destroying ends it.
    effect(move || {
        let latest = inquiry.current_settings();
        let (generation, destroyed) = handle.lifecycle.with(|l| (l.generation, l.destroyed));
        let document = Some(Document {
            src: latest.as_ref().map(|s| s.frame.src.clone()),
            generation,
            destroyed,
        });
        let same = flow.state.try_update_value(|s| {
            let same = s.document == document;
            s.document = document;
            if same && s.settings.is_some() {
                s.settings.clone_from(&latest);
            }
            same
        });
        if same != Some(false) {
            return;
        }
        on_document();
        if destroyed {
            flow.clear_watchdog();
            flow.state.update_value(|s| s.settings = None);
            return;
        }
        flow.restart(inquiry);
    });
    let on_message = move |event: &MessageEvent| {
        if flow.receive(inquiry, event) {
            on_accepted();
        }
    };
    let on_message = std::rc::Rc::new(on_message);
    // Each iframe element is linked as it mounts; messages the flow posted
    // before this app hydrated (kept by `<PersonaMessageQueue/>`) are taken then.
    // Only a hydrating client can have any: a client-rendered app's listener
    // exists before its iframes do, so it does without the draining code.
    let drain = on_message.clone();
    effect(move || {
        let iframe = inquiry.iframe.get();
        let same = handle
            .link
            .with_value(|link| link.as_ref().map(|l| &l.iframe) == iframe.as_ref());
        if same {
            return;
        }
        let target = inquiry.with_settings_untracked(|s| s.frame.target_origin.clone());
        let link = iframe
            .clone()
            .zip(target)
            .map(|(iframe, target_origin)| FrameLink {
                iframe,
                target_origin,
            });
        let is_linked = link.is_some();
        handle.link.set_value(link);
        if is_linked && cfg!(feature = "hydrate") {
            for event in crate::component::message_queue::drain() {
                drain(&event);
            }
        }
    });
    let listener = WindowListener::new(ev::message, move |event| on_message(&event));
    on_cleanup(move || {
        listener.remove();
        flow.clear_watchdog();
        handle.post(WidgetAction::Destroy);
        handle.link.try_set_value(None);
    });
    flow
}
