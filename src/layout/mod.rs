//! Inline or modal: the `modal` prop that chooses, the inline height, and
//! the modal dialog (each reached only through the layout that names it).

pub(crate) mod inline_height;
pub(crate) mod modal;
pub(crate) mod modal_flag;
