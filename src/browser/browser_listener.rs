//! Window event listeners that exist in a browser only: off wasm (server
//! rendering, native tests) nothing is registered and nothing calls web-sys.

use leptos::ev::EventDescriptor;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A window listener, removed with [`remove`](WindowListener::remove).
pub(crate) struct WindowListener(Option<WindowListenerHandle>);

impl WindowListener {
    /// Listens to `event` on the window, in a browser.
    pub(crate) fn new<E>(event: E, on_event: impl Fn(E::EventType) + 'static) -> Self
    where
        E: EventDescriptor + 'static,
        E::EventType: JsCast,
    {
        if cfg!(target_arch = "wasm32") {
            Self(Some(window_event_listener(event, on_event)))
        } else {
            let _ = (event, on_event);
            Self(None)
        }
    }

    /// Stops listening.
    pub(crate) fn remove(self) {
        if let Some(handle) = self.0 {
            handle.remove();
        }
    }
}
