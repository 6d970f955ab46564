//! Light and dark: a class on `<html>` for the page, `style_variant="dark"` for the flows.

use leptos::prelude::*;

/// Whether the system prefers a dark theme (the page's starting theme).
pub fn prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Keeps the `dark` class of `<html>` in step with `dark`.
pub fn sync_document_class(dark: RwSignal<bool>) {
    Effect::new(move |_| {
        let dark = dark.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.class_list().toggle_with_force("dark", dark);
        }
    });
}

/// The light/dark toggle (`#theme-toggle`).
#[component]
pub fn ThemeToggle(dark: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="theme-toggle"
            id="theme-toggle"
            aria-pressed=move || dark.get().to_string()
            title="Switch the page theme; the flows get style_variant=\"dark\" (and restart)"
            on:click=move |_| dark.update(|d| *d = !*d)
        >
            <svg class="icon-moon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <path
                    d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z"
                    fill="currentColor"
                />
            </svg>
            <svg class="icon-sun" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
                <circle cx="12" cy="12" r="4.5" fill="currentColor" />
                <path
                    d="M12 1.5v3M12 19.5v3M1.5 12h3M19.5 12h3M4.6 4.6l2.1 2.1M17.3 17.3l2.1 2.1M4.6 19.4l2.1-2.1M17.3 6.7l2.1-2.1"
                    stroke="currentColor"
                    stroke-width="2"
                    stroke-linecap="round"
                />
            </svg>
            <span>{move || if dark.get() { "Dark" } else { "Light" }}</span>
        </button>
    }
}
