//! [`preload`]: warm the browser cache with the flow's static assets.

use leptos_persona_core::Host;

/// Loads `<host>/preload` in a hidden iframe and removes it once loaded, as the
/// official SDK's `Client.preload` does. Call it early (for example when the page
/// that will show the flow mounts); it does nothing on the server, nor anywhere
/// off wasm32, where there is no browser to warm.
pub fn preload(host: &Host) {
    #[cfg(target_arch = "wasm32")]
    preload_in_browser(host);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = host;
}

/// [`preload`] in the browser.
#[cfg(target_arch = "wasm32")]
fn preload_in_browser(host: &Host) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    let Some(document) = crate::browser::browser_window::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(iframe) = document.create_element("iframe") else {
        return;
    };
    let mut src = host.base_url().to_owned();
    src.push_str("/preload");
    let _ = iframe.set_attribute("src", &src);
    let _ = iframe.set_attribute("frameborder", "0");
    let _ = iframe.set_attribute("aria-hidden", "true");
    let _ = iframe.set_attribute("tabindex", "-1");
    let _ = iframe.set_attribute("style", "display:none;width:0;height:0;border:0");
    let _ = iframe.set_attribute("data-persona-preload", "");
    let element = iframe.clone();
    let on_load = Closure::once_into_js(move || element.remove());
    let _ = iframe.add_event_listener_with_callback("load", on_load.unchecked_ref());
    let _ = body.append_child(&iframe);
}
