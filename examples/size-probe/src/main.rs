//! A counter, and with the `persona` feature an inline `<PersonaInquiry>` next to it.
//! `cargo xtask size` builds both and prints the difference.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <button on:click=move |_| count.update(|c| *c += 1)>{move || count.get()}</button>
            {inquiry()}
        }
    });
}

#[cfg(feature = "persona")]
fn inquiry() -> impl IntoView {
    view! { <leptos_persona::PersonaInquiry template_id="itmpl_ABC123" /> }
}

#[cfg(not(feature = "persona"))]
fn inquiry() -> impl IntoView {}
