//! [`ModalFlag`]: the `modal` prop, and why an inline-only app carries none of
//! the modal's code.
//!
//! The modal's pieces (the `<dialog>`, its spinner, its frame sizing, its
//! open/close effect, focus return and scroll lock) are reached only through
//! the function table that `From<bool>` hands out. An app that never writes
//! `modal=…` never calls it, so the linker leaves all of that out of its wasm.

use crate::flow_session::Inquiry;
use crate::frame_view::DialogAttributes;
use crate::inline_height::InlineHeight;
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
        Some(ActiveInline {
            parts,
            height: (parts.start)(),
        })
    }

    /// Starts the modal's pieces for `inquiry`, if this is a modal, with the
    /// built-in spinner's label (`None`: the app has its own loading view).
    pub(crate) fn start(
        self,
        inquiry: Inquiry,
        spinner_label: Option<String>,
    ) -> Option<ActiveModal> {
        let parts = self.0.modal?;
        (parts.start)(inquiry, spinner_label);
        Some(ActiveModal { parts })
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

/// The modal's pieces, as plain function pointers (see the module docs).
/// An inline flow's height, through its table.
pub(crate) struct InlineParts {
    start: fn() -> InlineHeight,
    follow: fn(InlineHeight, Inquiry),
    reset: fn(InlineHeight),
    px: fn(InlineHeight, Inquiry) -> f64,
}

static INLINE_PARTS: InlineParts = InlineParts {
    start: InlineHeight::new,
    follow: InlineHeight::follow,
    reset: InlineHeight::reset,
    px: InlineHeight::px,
};

/// The running inline height of one inline flow.
#[derive(Clone, Copy)]
pub(crate) struct ActiveInline {
    parts: &'static InlineParts,
    height: InlineHeight,
}

impl ActiveInline {
    /// Follows the flow's reported height (written once per frame).
    pub(crate) fn follow(self, inquiry: Inquiry) {
        (self.parts.follow)(self.height, inquiry);
    }

    /// A new document starts from the minimum height.
    pub(crate) fn reset(self) {
        (self.parts.reset)(self.height);
    }

    /// The iframe's height in CSS pixels (tracked).
    pub(crate) fn px(self, inquiry: Inquiry) -> f64 {
        (self.parts.px)(self.height, inquiry)
    }
}

pub(crate) struct ModalParts {
    start: fn(Inquiry, Option<String>),
    frame_style: fn(Inquiry, &mut String, Option<String>, Option<String>),
    dialog: fn(Inquiry) -> DialogAttributes,
}

static MODAL_PARTS: ModalParts = ModalParts {
    start: Modal::start,
    frame_style: crate::modal::frame_style,
    dialog: crate::modal::dialog,
};

/// A started modal and its pieces.
#[derive(Clone, Copy)]
pub(crate) struct ActiveModal {
    parts: &'static ModalParts,
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
        (self.parts.frame_style)(inquiry, style, max_height, max_width);
    }
    /// The `<dialog>` the body goes in.
    pub(crate) fn dialog(self, inquiry: Inquiry) -> DialogAttributes {
        (self.parts.dialog)(inquiry)
    }
}
