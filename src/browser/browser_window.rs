//! [`window`]: the browser's window, reached only in wasm32.

/// The browser's `window`: `None` off wasm32 (on the server, in native tests),
/// where web-sys's imports panic, and wherever there is no window. The one
/// call of `web_sys::window` in the crate (`clippy.toml` refuses any other).
pub(crate) fn window() -> Option<web_sys::Window> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    #[allow(
        clippy::disallowed_methods,
        reason = "the one call, behind the wasm32 check above"
    )]
    web_sys::window()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    /// Off wasm there is no window, and asking is no panic.
    #[test]
    fn there_is_no_window_off_wasm() {
        assert!(super::window().is_none());
    }
}
