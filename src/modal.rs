//! The modal: a native `<dialog>` opened with `showModal()`. The browser puts
//! it in the top layer, makes the page behind it inert and sends Escape to the
//! topmost dialog only; this piece adds the scroll lock, focus into the flow,
//! round the dialog ([`focus_wrap`]) and back to the opener, and the flow's
//! `open` and `exit` messages.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos_persona_core::{modal_frame_size, WidgetAction, DESKTOP_MEDIA_QUERY};
use wasm_bindgen::JsCast;

use crate::browser_listener::WindowListener;
use crate::effect::effect;
use crate::flow_session::{flow_not_loaded, Inquiry};
use crate::focus_wrap;
use crate::frame_view::{frame_title, push_declaration};
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
fn on_cancel(inquiry: Inquiry, event: ev::Event) {
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
            on:cancel=move |event| on_cancel(inquiry, event)
            on:close=move |_| modal.on_close(inquiry)
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
