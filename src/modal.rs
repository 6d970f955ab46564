//! The modal: a native `<dialog>` opened with `showModal()`. The browser puts
//! it in the top layer, makes the page behind it inert and sends Escape to the
//! topmost dialog only; this piece adds the scroll lock, focus into the flow,
//! round the dialog and back to the opener, and the flow's `open` and `exit`
//! messages.
//!
//! - Focus goes round inside the open dialog. From a modal's last element
//!   browsers move focus on to their own toolbar, so an unseen, focusable guard
//!   at each end of the dialog takes focus there and sends it round to the other
//!   end instead, as radix's focus guards and thaw's `FocusTrap` do. The first
//!   guard (Shift+Tab) focuses the last element that takes focus, the last guard
//!   (Tab) the first; hidden or disabled candidates refuse focus and are skipped.
//! - The scroll lock is counted, so stacked modals share it. The body is fixed
//!   at its scroll position (`position: fixed; top: -scrollY`), which also holds
//!   on iOS Safari where `overflow: hidden` alone does not, and padded by the
//!   scrollbar's width so nothing shifts; releasing restores the body's own
//!   styles and the scroll position.
//!
//! - The dialog's `cancel` (Escape) and `close` events are heard while it is
//!   shown: `show_dialog` sets its `oncancel`/`onclose` to one Rust closure,
//!   `hide_dialog` clears them. (As `on:cancel`/`on:close` in the view they
//!   brought tachys's event-delegation code into the bundle: 4.3 KB gzip.)
//!
//! That DOM work is a few lines of `browser.js` (`show_dialog`, `hide_dialog`):
//! in Rust it took a dozen web-sys bindings. The state (who holds the lock,
//! where focus goes back) stays here.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_persona_core::{modal_frame_size, WidgetAction, DESKTOP_MEDIA_QUERY};

use crate::browser_listener::WindowListener;
use crate::effect::effect;
use crate::flow_session::{flow_not_loaded, Inquiry};
use crate::frame_view::{frame_title, push_declaration};

/// The modal's element and what it needs to remember while open.
#[derive(Clone, Copy)]
pub(crate) struct Modal {
    pub(crate) dialog: NodeRef<html::Dialog>,
    /// Whether the viewport is large enough for the flow's card size.
    pub(crate) desktop: RwSignal<bool>,
    focus_return: StoredValue<wasm_bindgen::JsValue, LocalStorage>,
    holds_lock: StoredValue<bool>,
}

impl Modal {
    /// Shows and hides the dialog as the handle's `open` says.
    pub(crate) fn new(inquiry: Inquiry) -> Self {
        let modal = Self {
            dialog: NodeRef::new(),
            desktop: RwSignal::new(false),
            focus_return: StoredValue::new_local(wasm_bindgen::JsValue::NULL),
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
        self.desktop.set(matches_desktop());
        let iframe = inquiry.iframe.get_untracked();
        let on_event = move |event: web_sys::Event| {
            if event.type_() == "cancel" {
                on_cancel(inquiry, event);
            } else {
                self.on_close(inquiry);
            }
        };
        self.focus_return
            .set_value(dialog_js::show(dialog, iframe.map(Into::into), on_event));
        // Before `load` the flow cannot hear it; `load` posts it then.
        if !inquiry
            .handle
            .state
            .with_untracked(|s| flow_not_loaded(s.phase))
        {
            inquiry.handle.post(WidgetAction::Open);
        }
    }

    fn hide(self) {
        if self.holds_lock.try_get_value() != Some(true) {
            return;
        }
        self.holds_lock.set_value(false);
        let dialog = self.dialog.try_get_untracked().flatten();
        let back = self
            .focus_return
            .try_update_value(|back| std::mem::replace(back, wasm_bindgen::JsValue::NULL))
            .unwrap_or(wasm_bindgen::JsValue::NULL);
        dialog_js::hide(dialog.map(Into::into), &back);
    }
}

/// The dialog's `cancel` (Escape, on the topmost dialog only): ask the flow to
/// exit, or just close when no flow has loaded to ask.
fn on_cancel(inquiry: Inquiry, event: web_sys::Event) {
    event.prevent_default();
    let handle = inquiry.handle;
    match handle.state.try_with_untracked(|s| flow_not_loaded(s.phase)) {
        Some(true) => handle.close(),
        Some(false) => handle.cancel(false),
        None => {}
    }
}

impl Modal {
    /// The dialog's `close` event. Closing it ourselves ([`hide`](Self::hide))
    /// releases the lock first, and its event arrives a task later, perhaps
    /// after the modal was opened again: only a close we did not make (the
    /// browser's own close request) is followed, by closing the modal.
    fn on_close(self, inquiry: Inquiry) {
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
    dialog_js::matches_media(DESKTOP_MEDIA_QUERY)
}

/// The dialog's DOM work, in `browser.js` (showModal, focus guards, scroll
/// lock, focus in and back: a dozen web-sys bindings in Rust); nothing off wasm.
mod dialog_js {
    use wasm_bindgen::JsValue;

    /// Shows `dialog` and focuses `iframe`; returns the element to focus back.
    pub(super) fn show(
        dialog: &web_sys::Element,
        iframe: Option<web_sys::Element>,
        on_event: impl FnMut(web_sys::Event) + 'static,
    ) -> JsValue {
        #[cfg(target_arch = "wasm32")]
        {
            let on_event: Box<dyn FnMut(web_sys::Event)> = Box::new(on_event);
            let on_event = wasm_bindgen::closure::Closure::wrap(on_event).into_js_value();
            crate::browser_js::show_dialog(dialog, iframe, &on_event)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (dialog, iframe, on_event);
            JsValue::NULL
        }
    }

    /// Closes `dialog`, releases the scroll lock and focuses `back`.
    pub(super) fn hide(dialog: Option<web_sys::Element>, back: &JsValue) {
        #[cfg(target_arch = "wasm32")]
        crate::browser_js::hide_dialog(dialog, back);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (dialog, back);
    }

    /// Whether the window matches `query`.
    pub(super) fn matches_media(query: &str) -> bool {
        #[cfg(target_arch = "wasm32")]
        return crate::browser_js::matches_media(query);
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = query;
            false
        }
    }
}

/// The iframe's sizing in the dialog: centred, within the flow's preferred
/// size (`ready`'s dimensions, per the desktop media query), unless
/// `frame_height`/`frame_width` say otherwise.
pub(crate) fn frame_style(
    inquiry: Inquiry,
    modal: Modal,
    style: &mut String,
    max_h: Option<String>,
    max_w: Option<String>,
) {
    let size = inquiry.handle.state.with(|s| {
        modal_frame_size(
            modal.desktop.get(),
            s.preferred_dimensions.as_ref(),
            s.styles.as_ref(),
        )
    });
    style
        .push_str("position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);height:100%;");
    push_declaration(style, "min-width", size.min_width);
    push_declaration(style, "max-width", max_w.or(size.max_width));
    push_declaration(style, "min-height", size.min_height);
    push_declaration(style, "max-height", max_h.or(size.max_height));
    push_declaration(style, "border-radius", size.border_radius);
}

/// `body` in the modal `<dialog>`: full-window backdrop, named by the iframe's
/// title; Escape (`cancel`) asks the flow to exit, `close` syncs the handle.
pub(crate) fn dialog(inquiry: Inquiry, modal: Modal, body: AnyView) -> AnyView {
    view! {
        <dialog
            node_ref=modal.dialog
            class="persona-inquiry__dialog"
            aria-label=frame_title(inquiry)
            style="position:fixed;inset:0;width:100%;height:100%;max-width:100%;max-height:100%;margin:0;padding:0;border:0;overflow:hidden;background:var(--persona-overlay, rgba(0,0,0,.7));"
        >
            {body}
        </dialog>
    }
    .into_any()
}

/// The spinner's rotation and its default colours, so that it turns and shows
/// without the stylesheet; `:where()` gives the colours no specificity, so any
/// rule of the page's own (or [`STYLESHEET`](crate::STYLESHEET)'s variables) wins.
const SPINNER_CSS: &str = "@keyframes persona-inquiry-spin{to{transform:rotate(360deg)}}\
:where(.persona-inquiry__spinner){border:4px solid var(--persona-spinner-track,rgba(255,255,255,.3));\
border-top-color:var(--persona-spinner,#fff)}";

/// The built-in spinner over the dialog's backdrop: turns with or without the
/// optional stylesheet.
pub(crate) fn spinner(label: String) -> AnyView {
    let nonce = use_nonce();
    view! {
        <div
            class="persona-inquiry__spinner"
            role="status"
            aria-label=label
            style="position:absolute;top:50%;left:50%;width:48px;height:48px;margin:-24px 0 0 -24px;box-sizing:border-box;border-radius:50%;animation:persona-inquiry-spin 1s linear infinite;"
        >
            <style nonce=nonce>{SPINNER_CSS}</style>
        </div>
    }
    .into_any()
}
