//! [`ModalFlag`]: the `modal` prop, and why an inline-only app carries none of
//! the modal's code.
//!
//! The modal's pieces (the `<dialog>`, its spinner, its frame sizing, its
//! open/close effect, focus return and scroll lock) are reached only through
//! the function table (`modal.rs`'s `MODAL_PARTS`) that `From<bool>` hands out;
//! the inline height likewise (`inline_height.rs`'s `INLINE_PARTS`). An app that never writes
//! `modal=…` never calls it, so the linker leaves all of that out of its wasm.

use crate::layout::inline_height::{ActiveInline, InlineParts, INLINE_PARTS};
use crate::layout::modal::{ActiveModal, ModalParts, MODAL_PARTS};
use crate::session::flow_session::Inquiry;

/// Whether `<PersonaInquiry>` shows the flow in a modal dialog: write
/// `modal=true` (or any `bool`). Fixed at mount.
///
/// The modal's code is in an app's bundle only when the app sets this prop
/// somewhere; an inline-only app does not pay for it.
///
/// ```
/// use leptos_persona::options::ModalFlag;
///
/// assert!(ModalFlag::from(true).is_modal());
/// assert!(!ModalFlag::from(false).is_modal());
/// assert!(!ModalFlag::default().is_modal());
/// ```
#[derive(Clone, Copy)]
pub struct ModalFlag(&'static Layout);

/// The pieces of one layout: a modal's, or an inline flow's (its height).
/// Each is reached only through the flag that names it, so an app links the
/// layouts it uses: `Default` names the inline one, `From<bool>` (inlined, so
/// that a literal `modal=true` names only the modal) either.
pub(crate) struct Layout {
    modal: Option<&'static ModalParts>,
    inline: Option<&'static InlineParts>,
}

static INLINE: Layout = Layout {
    modal: None,
    inline: Some(&INLINE_PARTS),
};

static MODAL: Layout = Layout {
    modal: Some(&MODAL_PARTS),
    inline: None,
};

impl Default for ModalFlag {
    fn default() -> Self {
        Self(&INLINE)
    }
}

impl ModalFlag {
    /// Whether the flow is shown in a modal dialog.
    pub fn is_modal(self) -> bool {
        self.0.modal.is_some()
    }

    /// Starts the inline height, if this is an inline flow.
    pub(crate) fn start_inline(self) -> Option<ActiveInline> {
        let parts = self.0.inline?;
        Some(ActiveInline::start(parts))
    }

    /// Starts the modal's pieces for `inquiry`, if this is a modal, with the
    /// built-in spinner's label (`None`: the app has its own loading view).
    pub(crate) fn start(
        self,
        inquiry: Inquiry,
        spinner_label: Option<String>,
    ) -> Option<ActiveModal> {
        let parts = self.0.modal?;
        Some(ActiveModal::start(parts, inquiry, spinner_label))
    }
}

impl From<bool> for ModalFlag {
    #[inline(always)]
    fn from(modal: bool) -> Self {
        Self(if modal { &MODAL } else { &INLINE })
    }
}

impl std::fmt::Debug for ModalFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ModalFlag").field(&self.is_modal()).finish()
    }
}
