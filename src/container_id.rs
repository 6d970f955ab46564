//! Container ids: unique per instance, identical on the server and the hydrating client.

use std::cell::Cell;

use leptos::prelude::Owner;

thread_local! {
    static NEXT_CLIENT_ID: Cell<u64> = const { Cell::new(0) };
}

/// A fresh container id such as `persona-inquiry-3`.
///
/// Under SSR and hydration the number comes from Leptos' shared hydration
/// context, which hands out the same sequence on the server and on the client
/// for the same tree; in a client-rendered app it comes from a counter.
pub fn next_container_id() -> String {
    match Owner::current_shared_context() {
        Some(context) => format!("persona-inquiry-{}", context.next_id().into_inner()),
        None => {
            let id = NEXT_CLIENT_ID.with(|next| {
                let id = next.get();
                next.set(id.wrapping_add(1));
                id
            });
            format!("persona-inquiry-c{id}")
        }
    }
}
