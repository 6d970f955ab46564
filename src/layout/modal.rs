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
//! - The scroll lock is CSS: while any of the crate's dialogs is open, a rule
//!   of the modal's stylesheet (`:root:has(.persona-inquiry__dialog[open])`)
//!   hides the page's overflow, so stacked modals share it and the scroll
//!   position stays as it was. When the page had a scrollbar as the first
//!   modal opened (`data-persona-scrollbar` on the root), the body's right
//!   padding grows by the scrollbar's width (`--persona-scrollbar`, written
//!   then), so nothing shifts; a page without one is left alone. (Keeping the
//!   room with `scrollbar-gutter` would narrow the dialog too: fixed boxes and
//!   `vw` leave the gutter out.)
//!
//! - The dialog's `cancel` (Escape) and `close` events are heard while it is
//!   shown: `show_dialog` sets its `oncancel`/`onclose` to call one Rust
//!   closure (`true` for a cancel, whose default it prevents; `false` for a
//!   close that left the dialog closed), `hide_dialog` clears them. (As
//!   `on:cancel`/`on:close` in the view they brought tachys's event-delegation
//!   code into the bundle: 4.3 KB gzip.)
//!
//! - The built-in spinner is made by `show_dialog` and shown by CSS while the
//!   wrapper's `data-phase` is `loading` (see `browser_js.rs`).
//!
//! That DOM work is a few lines of `modal.js` (`show_dialog`, `hide_dialog`):
//! in Rust it took a dozen web-sys bindings. The state (whether the dialog is
//! shown, where focus goes back) stays here.

use leptos::prelude::*;
use leptos_persona_core::{modal_frame_size, WidgetAction};
use wasm_bindgen::JsValue;

use crate::component::frame_view::{frame_title, push_declaration, DialogAttributes};
use crate::session::effect::effect;
use crate::session::flow_session::{flow_not_loaded, Inquiry};

/// What the modal remembers: while it is shown, what `show_dialog` returned
/// (the dialog and where focus goes back).
#[derive(Clone, Copy)]
pub(crate) struct Modal {
    /// `None` while hidden (never a JavaScript `null`: off wasm nothing may
    /// ask a `JsValue` anything).
    shown: StoredValue<Option<JsValue>, LocalStorage>,
}

impl Modal {
    /// Shows and hides the dialog as the handle's `open` says. The dialog is
    /// the flow iframe's parent, so there is nothing to show without a flow.
    /// The dialog gets the built-in spinner when `spinner_label` is given.
    pub(crate) fn start(inquiry: Inquiry, spinner_label: Option<String>) {
        let modal = Self {
            shown: StoredValue::new_local(None),
        };
        effect(move || {
            let open = inquiry.handle.open.get();
            let iframe = inquiry.iframe.get();
            match iframe {
                Some(iframe) if open => modal.show(inquiry, iframe, spinner_label.clone()),
                _ if !open => modal.hide(),
                _ => {}
            }
        });
        on_cleanup(move || modal.hide());
    }

    fn is_shown(self) -> bool {
        self.shown.try_with_value(Option::is_some) == Some(true)
    }

    fn show(
        self,
        inquiry: Inquiry,
        iframe: web_sys::HtmlIFrameElement,
        spinner_label: Option<String>,
    ) {
        if self.is_shown() {
            return;
        }
        // `true` for the dialog's `cancel` (its default already prevented),
        // `false` for a `close` that left it closed.
        let on_event = move |cancel: bool| {
            if cancel {
                on_cancel(inquiry);
            } else if self.is_shown() {
                // A close we did not make (the browser's own close request):
                // `hide` forgets the dialog before closing it.
                inquiry.handle.open.try_set(false);
            }
        };
        self.shown
            .set_value(dialog_js::show(iframe.into(), on_event, spinner_label));
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
        if let Some(shown) = self.shown.try_update_value(Option::take).flatten() {
            dialog_js::hide(&shown);
        }
    }
}

/// The dialog's `cancel` (Escape, on the topmost dialog only): ask the flow to
/// exit, or just close when no flow has loaded to ask.
fn on_cancel(inquiry: Inquiry) {
    let handle = inquiry.handle;
    match handle
        .state
        .try_with_untracked(|s| flow_not_loaded(s.phase))
    {
        Some(true) => handle.close(),
        Some(false) => handle.cancel(false),
        None => {}
    }
}

/// The dialog's DOM work, in `modal.js` (showModal, focus guards, scroll
/// lock, focus in and back: a dozen web-sys bindings in Rust); nothing off wasm.
mod dialog_js {
    use wasm_bindgen::JsValue;

    /// Shows the dialog round `iframe` and focuses the flow; returns what
    /// [`hide`] takes (`None` if `iframe` is not in a dialog).
    pub(super) fn show(
        iframe: web_sys::Element,
        on_event: impl FnMut(bool) + 'static,
        spinner_label: Option<String>,
    ) -> Option<JsValue> {
        #[cfg(target_arch = "wasm32")]
        {
            let on_event: Box<dyn FnMut(bool)> = Box::new(on_event);
            let on_event = wasm_bindgen::closure::Closure::wrap(on_event).into_js_value();
            let shown = crate::browser::browser_js::show_dialog(&iframe, &on_event, spinner_label);
            Some(shown).filter(|s| !s.is_null())
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = (iframe, on_event, spinner_label);
            None
        }
    }

    /// Closes the dialog `show` showed, releases the scroll lock, focuses back.
    pub(super) fn hide(shown: &JsValue) {
        #[cfg(target_arch = "wasm32")]
        crate::browser::browser_js::hide_dialog(shown);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = shown;
    }
}

/// The iframe's sizing in the dialog: centred, within the flow's preferred
/// size (`ready`'s dimensions) on desktop, unless `frame_height`/`frame_width`
/// say otherwise; full screen below the desktop media query.
///
/// The flow's sizes are written after `var(--persona-desktop)`, a space toggle
/// that `modal.js`'s styles set per [`DESKTOP_MEDIA_QUERY`]: empty on desktop,
/// so the declaration holds, and void below it, so the declaration is unset.
/// The browser follows the viewport; nothing listens for `resize`.
///
/// [`DESKTOP_MEDIA_QUERY`]: leptos_persona_core::DESKTOP_MEDIA_QUERY
pub(crate) fn frame_style(
    inquiry: Inquiry,
    style: &mut String,
    max_h: Option<String>,
    max_w: Option<String>,
) {
    let size = inquiry
        .handle
        .state
        .with(|s| modal_frame_size(true, s.preferred_dimensions.as_ref(), s.styles.as_ref()));
    style
        .push_str("position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);height:100%;");
    let on_desktop = |value: Option<String>| value.map(|v| DESKTOP.to_owned() + &v);
    push_declaration(style, "min-width", on_desktop(size.min_width));
    push_declaration(style, "max-width", max_w.or(on_desktop(size.max_width)));
    push_declaration(style, "min-height", on_desktop(size.min_height));
    push_declaration(style, "max-height", max_h.or(on_desktop(size.max_height)));
    push_declaration(style, "border-radius", on_desktop(size.border_radius));
}

/// What a size that holds on desktop only starts with (see [`frame_style`]).
const DESKTOP: &str = "var(--persona-desktop) ";

/// The modal `<dialog>`'s attributes: full-window backdrop, named by the
/// iframe's title (Escape and closing are handled while it is shown, see
/// [`Modal`]).
pub(crate) fn dialog(inquiry: Inquiry) -> DialogAttributes {
    DialogAttributes {
        class: "persona-inquiry__dialog",
        label: frame_title(inquiry),
        style: "position:fixed;inset:0;width:100%;height:100%;max-width:100%;max-height:100%;\
                margin:0;padding:0;border:0;overflow:hidden;\
                background:var(--persona-overlay, rgba(0,0,0,.7));",
    }
}

/// The modal's pieces, as plain function pointers: reached only through
/// [`ModalFlag`](crate::options::ModalFlag)'s modal layout, so an inline-only app
/// links none of the modal's code.
pub(crate) struct ModalParts {
    start: fn(Inquiry, Option<String>),
    frame_style: fn(Inquiry, &mut String, Option<String>, Option<String>),
    dialog: fn(Inquiry) -> DialogAttributes,
}

pub(crate) static MODAL_PARTS: ModalParts = ModalParts {
    start: Modal::start,
    frame_style,
    dialog,
};

/// A started modal and its pieces.
#[derive(Clone, Copy)]
pub(crate) struct ActiveModal {
    parts: &'static ModalParts,
}

impl ActiveModal {
    /// Starts the modal's pieces for `inquiry`, with the built-in spinner's
    /// label (`None`: the app has its own loading view).
    pub(crate) fn start(
        parts: &'static ModalParts,
        inquiry: Inquiry,
        spinner_label: Option<String>,
    ) -> Self {
        (parts.start)(inquiry, spinner_label);
        Self { parts }
    }

    /// The iframe's sizing in the dialog: centred, within the flow's preferred size.
    pub(crate) fn frame_style(
        self,
        inquiry: Inquiry,
        style: &mut String,
        max_height: Option<String>,
        max_width: Option<String>,
    ) {
        (self.parts.frame_style)(inquiry, style, max_height, max_width);
    }

    /// The `<dialog>` the body goes in.
    pub(crate) fn dialog(self, inquiry: Inquiry) -> DialogAttributes {
        (self.parts.dialog)(inquiry)
    }
}

#[cfg(test)]
mod tests {
    /// The shipped `modal.js` switches the desktop sizes on with the core's
    /// breakpoint.
    #[test]
    fn the_desktop_switch_uses_the_cores_breakpoint() {
        let script = include_str!("../browser/js/modal.min.js");
        let rule = String::from("@media ") + leptos_persona_core::DESKTOP_MEDIA_QUERY;
        assert!(script.contains(&rule), "modal.js lacks {rule}");
        assert!(script.contains("--persona-desktop: }"));
        assert_eq!(super::DESKTOP, "var(--persona-desktop) ");
    }
}
