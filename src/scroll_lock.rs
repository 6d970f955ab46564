//! Page scroll lock while a modal is open, counted so stacked modals share it.
//!
//! The body is fixed in place at its scroll position (`position: fixed; top:
//! -scrollY`), which also holds on iOS Safari where `overflow: hidden` alone
//! does not, and it is padded by the scrollbar's width so nothing shifts when
//! the scrollbar goes away. Releasing restores the body's own styles and the
//! scroll position. The style juggling is a few lines of `browser.js`: the
//! same in Rust took a dozen web-sys bindings.

/// Takes the lock (the first holder fixes the body in place).
pub(crate) fn acquire() {
    #[cfg(target_arch = "wasm32")]
    crate::browser_js::lock_scroll();
}

/// Gives the lock back (the last holder restores the body and its scroll position).
pub(crate) fn release() {
    #[cfg(target_arch = "wasm32")]
    crate::browser_js::unlock_scroll();
}
