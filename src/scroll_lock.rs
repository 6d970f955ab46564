//! Page scroll lock while a modal is open, counted so stacked modals share it.
//!
//! The body is fixed in place at its scroll position (`position: fixed; top:
//! -scrollY`), which also holds on iOS Safari where `overflow: hidden` alone
//! does not, and it is padded by the scrollbar's width so nothing shifts when
//! the scrollbar goes away. Releasing restores the body's own styles and the
//! scroll position.

use std::cell::{Cell, RefCell};

/// The body properties the lock sets.
const LOCKED: [&str; 6] = [
    "overflow",
    "position",
    "top",
    "left",
    "right",
    "padding-right",
];

struct Saved {
    properties: Vec<String>,
    scroll_y: f64,
}

thread_local! {
    static HOLDERS: Cell<u32> = const { Cell::new(0) };
    static SAVED: RefCell<Option<Saved>> = const { RefCell::new(None) };
}

fn body() -> Option<(web_sys::Window, web_sys::HtmlElement)> {
    let window = web_sys::window()?;
    let body = window.document()?.body()?;
    Some((window, body))
}

/// Locks page scrolling (the first holder saves the body's styles).
pub(crate) fn acquire() {
    let holders = HOLDERS.with(|h| {
        h.set(h.get() + 1);
        h.get()
    });
    if holders != 1 {
        return;
    }
    let Some((window, body)) = body() else { return };
    let style = body.style();
    let scroll_y = window.scroll_y().unwrap_or(0.0);
    let properties = LOCKED
        .iter()
        .map(|p| style.get_property_value(p).unwrap_or_default())
        .collect();
    SAVED.with(|s| {
        *s.borrow_mut() = Some(Saved {
            properties,
            scroll_y,
        })
    });
    let scrollbar = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .zip(window.document().and_then(|d| d.document_element()))
        .map(|(outer, root)| (outer - f64::from(root.client_width())).max(0.0))
        .unwrap_or(0.0);
    let top = -scroll_y.round() as i64;
    let _ = style.set_property("overflow", "hidden");
    let _ = style.set_property("position", "fixed");
    let _ = style.set_property("top", &format!("{top}px"));
    let _ = style.set_property("left", "0");
    let _ = style.set_property("right", "0");
    if scrollbar > 0.0 {
        let _ = style.set_property("padding-right", &format!("{}px", scrollbar.round() as i64));
    }
}

/// Releases one hold; the last one restores the body and the scroll position.
pub(crate) fn release() {
    let holders = HOLDERS.with(|h| {
        h.set(h.get().saturating_sub(1));
        h.get()
    });
    if holders != 0 {
        return;
    }
    let Some(saved) = SAVED.with(|s| s.borrow_mut().take()) else {
        return;
    };
    let Some((window, body)) = body() else { return };
    let style = body.style();
    for (property, value) in LOCKED.iter().zip(&saved.properties) {
        let _ = if value.is_empty() {
            style.remove_property(property).map(|_| ())
        } else {
            style.set_property(property, value)
        };
    }
    window.scroll_to_with_x_and_y(window.scroll_x().unwrap_or(0.0), saved.scroll_y);
}
