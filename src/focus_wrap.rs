//! Focus that goes round inside the open modal. A modal `<dialog>` makes the
//! page behind it inert, but from its last element browsers move focus on to
//! their own toolbar. An unseen, focusable guard at each end of the dialog
//! takes focus there and sends it round to the other end instead, as radix's
//! focus guards and thaw's `FocusTrap` do.
//!
//! The guards are JavaScript (in `browser.js`, kept terse: it ships as is),
//! put in once, when the dialog first opens. The first guard (reached by
//! Shift+Tab) focuses the last element in the dialog that takes focus, the
//! last guard (reached by Tab) the first; candidates are tried in turn, since
//! hidden or disabled elements refuse focus.

/// Puts the focus guards at both ends of `dialog`, once.
#[cfg(target_arch = "wasm32")]
pub(crate) fn wrap_focus(dialog: &web_sys::Element) {
    crate::browser_js::wrap_focus(dialog);
}

/// Off wasm there is no dialog to open (the modal never shows there).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn wrap_focus(_dialog: &web_sys::Element) {}
