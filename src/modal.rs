//! The modal: a native `<dialog>` opened with `showModal()`. The browser puts
//! it in the top layer, makes the page behind it inert and sends Escape to the
//! topmost dialog only; this piece adds the scroll lock, focus into the flow,
//! round the dialog ([`focus_wrap`]) and back to the opener, and the flow's
//! `open` and `exit` messages.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_persona_core::{WidgetAction, DESKTOP_MEDIA_QUERY};
use wasm_bindgen::JsCast;

use crate::browser_listener::WindowListener;
use crate::effect::effect;
use crate::flow_session::{flow_not_loaded, Inquiry};
use crate::focus_wrap;
use crate::scroll_lock;

/// The modal's element and what it needs to remember while open.
#[derive(Clone, Copy)]
pub(crate) struct Modal {
    pub(crate) dialog: NodeRef<html::Dialog>,
    /// Whether the viewport is large enough for the flow's card size.
    pub(crate) desktop: RwSignal<bool>,
    focus_return: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
    holds_lock: StoredValue<bool>,
}

impl Modal {
    /// Shows and hides the dialog as the handle's `open` says.
    pub(crate) fn new(inquiry: Inquiry) -> Self {
        let modal = Self {
            dialog: NodeRef::new(),
            desktop: RwSignal::new(false),
            focus_return: StoredValue::new_local(None),
            holds_lock: StoredValue::new(false),
        };
        effect(move || {
            let open = inquiry.handle.open.get();
            let Some(dialog) = modal.dialog.get() else {
                return;
            };
            if open {
                modal.show(inquiry, &dialog);
            } else {
                modal.hide();
            }
        });
        let resize = WindowListener::new(ev::resize, move |_| {
            modal.desktop.try_set(matches_desktop());
        });
        on_cleanup(move || {
            resize.remove();
            modal.hide();
        });
        modal
    }

    fn show(self, inquiry: Inquiry, dialog: &web_sys::HtmlDialogElement) {
        if self.holds_lock.get_value() {
            return;
        }
        self.holds_lock.set_value(true);
        self.focus_return.set_value(active_element());
        self.desktop.set(matches_desktop());
        if !dialog.open() && dialog.show_modal().is_err() {
            crate::debug_log!("showModal failed (is the dialog in the document?)");
        }
        focus_wrap::wrap_focus(dialog);
        scroll_lock::acquire();
        // Before `load` the flow cannot hear it; `load` posts it then.
        if !inquiry
            .handle
            .state
            .with_untracked(|s| flow_not_loaded(s.phase))
        {
            inquiry.handle.post(WidgetAction::Open);
        }
        if let Some(iframe) = inquiry.iframe.get_untracked() {
            let _ = iframe.focus();
        }
    }

    fn hide(self) {
        if self.holds_lock.try_get_value() != Some(true) {
            return;
        }
        self.holds_lock.set_value(false);
        if let Some(dialog) = self.dialog.try_get_untracked().flatten() {
            dialog.close();
        }
        scroll_lock::release();
        if let Some(element) = self.focus_return.try_update_value(Option::take).flatten() {
            let _ = element.focus();
        }
    }
}

/// The dialog's `cancel` (Escape, on the topmost dialog only): ask the flow to
/// exit, or just close when no flow has loaded to ask.
pub(crate) fn on_cancel(inquiry: Inquiry, event: ev::Event) {
    event.prevent_default();
    let handle = inquiry.handle;
    if handle.state.with_untracked(|s| flow_not_loaded(s.phase)) {
        handle.close();
    } else {
        handle.cancel(false);
    }
}

impl Modal {
    /// The dialog's `close` event. Closing it ourselves ([`hide`](Self::hide))
    /// releases the lock first, and its event arrives a task later, perhaps
    /// after the modal was opened again: only a close we did not make (the
    /// browser's own close request) is followed, by closing the modal.
    pub(crate) fn on_close(self, inquiry: Inquiry) {
        let ours_still_open = self.holds_lock.try_get_value() == Some(true);
        let dialog_open = self
            .dialog
            .try_get_untracked()
            .flatten()
            .is_some_and(|d| d.open());
        if ours_still_open && !dialog_open {
            inquiry.handle.open.try_set(false);
        }
    }
}

fn matches_desktop() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(DESKTOP_MEDIA_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
