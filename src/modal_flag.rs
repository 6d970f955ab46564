//! [`ModalFlag`]: the `modal` prop, and why an inline-only app carries none of
//! the modal's code.
//!
//! The modal's pieces (the `<dialog>`, its spinner, its frame sizing, its
//! open/close effect, focus return and scroll lock) are reached only through
//! the function table that `From<bool>` hands out. An app that never writes
//! `modal=…` never calls it, so the linker leaves all of that out of its wasm.

use leptos::prelude::*;

use crate::flow_session::Inquiry;
use crate::frame_view::DialogAttributes;
use crate::modal::Modal;

/// Whether `<PersonaInquiry>` shows the flow in a modal dialog: write
/// `modal=true` (or any `bool`). Fixed at mount.
///
/// The modal's code is in an app's bundle only when the app sets this prop
/// somewhere; an inline-only app does not pay for it.
///
/// ```
/// use leptos_persona::ModalFlag;
///
/// assert!(ModalFlag::from(true).is_modal());
/// assert!(!ModalFlag::from(false).is_modal());
/// assert!(!ModalFlag::default().is_modal());
/// ```
#[derive(Clone, Copy, Default)]
pub struct ModalFlag(Option<&'static ModalParts>);

impl ModalFlag {
    /// Whether the flow is shown in a modal dialog.
    pub fn is_modal(self) -> bool {
        self.0.is_some()
    }

    /// Starts the modal's pieces for `inquiry`, if this is a modal.
    pub(crate) fn start(self, inquiry: Inquiry) -> Option<ActiveModal> {
        let parts = self.0?;
        Some(ActiveModal {
            parts,
            modal: (parts.start)(inquiry),
        })
    }
}

impl From<bool> for ModalFlag {
    fn from(modal: bool) -> Self {
        Self(modal.then_some(&MODAL_PARTS))
    }
}

impl std::fmt::Debug for ModalFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ModalFlag").field(&self.is_modal()).finish()
    }
}

/// The modal's pieces, as plain function pointers (see the module docs).
pub(crate) struct ModalParts {
    start: fn(Inquiry) -> Modal,
    frame_style: fn(Inquiry, Modal, &mut String, Option<String>, Option<String>),
    dialog: fn(Inquiry) -> DialogAttributes,
    spinner: fn(String) -> AnyView,
}

static MODAL_PARTS: ModalParts = ModalParts {
    start: Modal::new,
    frame_style: crate::modal::frame_style,
    dialog: crate::modal::dialog,
    spinner: crate::modal::spinner,
};

/// A started modal and its pieces.
#[derive(Clone, Copy)]
pub(crate) struct ActiveModal {
    parts: &'static ModalParts,
    modal: Modal,
}

impl ActiveModal {
    /// The iframe's sizing in the dialog: centred, within the flow's preferred size.
    pub(crate) fn frame_style(
        self,
        inquiry: Inquiry,
        style: &mut String,
        max_height: Option<String>,
        max_width: Option<String>,
    ) {
        (self.parts.frame_style)(inquiry, self.modal, style, max_height, max_width);
    }
    /// The `<dialog>` the body goes in.
    pub(crate) fn dialog(self, inquiry: Inquiry) -> DialogAttributes {
        (self.parts.dialog)(inquiry)
    }

    /// The default loading indicator over the dialog's backdrop.
    pub(crate) fn spinner(self, label: String) -> AnyView {
        (self.parts.spinner)(label)
    }
}
