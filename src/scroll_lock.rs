//! Body scroll lock while a modal is open, counted so stacked modals share it.

use std::cell::{Cell, RefCell};

thread_local! {
    static HOLDERS: Cell<u32> = const { Cell::new(0) };
    static SAVED_OVERFLOW: RefCell<Option<String>> = const { RefCell::new(None) };
    static OPEN_MODALS: Cell<u32> = const { Cell::new(0) };
}

fn body_style() -> Option<web_sys::CssStyleDeclaration> {
    Some(web_sys::window()?.document()?.body()?.style())
}

/// Locks page scrolling (first holder saves the body's `overflow`).
pub(crate) fn acquire() {
    let holders = HOLDERS.with(|h| {
        h.set(h.get() + 1);
        h.get()
    });
    if holders == 1 {
        if let Some(style) = body_style() {
            let saved = style.get_property_value("overflow").unwrap_or_default();
            SAVED_OVERFLOW.with(|s| *s.borrow_mut() = Some(saved));
            let _ = style.set_property("overflow", "hidden");
        }
    }
}

/// Releases one hold; the last one restores the body's `overflow`.
pub(crate) fn release() {
    let holders = HOLDERS.with(|h| {
        h.set(h.get().saturating_sub(1));
        h.get()
    });
    if holders == 0 {
        let saved = SAVED_OVERFLOW.with(|s| s.borrow_mut().take());
        if let (Some(style), Some(saved)) = (body_style(), saved) {
            if saved.is_empty() {
                let _ = style.remove_property("overflow");
            } else {
                let _ = style.set_property("overflow", &saved);
            }
        }
    }
}

/// The stacking position for a newly opened modal (0 for the first).
pub(crate) fn push_modal() -> u32 {
    OPEN_MODALS.with(|n| {
        let position = n.get();
        n.set(position + 1);
        position
    })
}

/// A modal closed.
pub(crate) fn pop_modal() {
    OPEN_MODALS.with(|n| n.set(n.get().saturating_sub(1)));
}
