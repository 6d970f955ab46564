//! `/bench`: the server-rendered page that `cargo xtask bench` measures, the twin
//! of `examples/bench` (client-rendered) and `xtask/bench/sdk.html` (the official
//! SDK): `n` inline (or modal) inquiries, a mount/unmount toggle, and the User
//! Timing marks `bench:ready` (every `on_ready`) and `bench:flood-end` (the
//! `flood` scenario's last `page-change` in `on_event`), and
//! `window.benchPageChanges()`, how many `page-change` messages reached
//! `on_event`, which the bench compares with the number it had the flow send.
//!
//! Query parameters: `n` (instances, default 1, at most 200), `mode` (`inline` or
//! `modal`), `scenario` (a simulator scenario, default `happy`). The flow's host
//! is the server's `PERSONA_HOST`, as on the other pages.

use std::cell::Cell;

use leptos::prelude::*;
use leptos_persona::{FlowMessage, Host, PersonaInquiry, ReadyPayload};
use leptos_router::hooks::use_query_map;

use crate::app::{flow_config, page_origin};

/// The environment id of every bench flow: not `env_sim_autoplay`, so the flow
/// stays on its first page and only the bench makes it talk.
const ENVIRONMENT_ID: &str = "env_sim_bench";

/// The most instances the page mounts.
const MAX_INSTANCES: usize = 200;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str);

    /// The page's `window`, for the property the bench reads.
    type BenchWindow;

    /// `window.benchPageChanges = getter`.
    #[wasm_bindgen(method, setter = benchPageChanges)]
    fn set_bench_page_changes(
        this: &BenchWindow,
        getter: &wasm_bindgen::closure::Closure<dyn Fn() -> u32>,
    );
}

/// On the server, nothing is timed.
#[cfg(not(feature = "hydrate"))]
fn performance_mark(_name: &str) {}

thread_local! {
    /// The `page-change` messages that reached `on_event`.
    static PAGE_CHANGES: Cell<u32> = const { Cell::new(0) };
}

/// Counts a message that reached `on_event` when it is a `page-change`.
fn count_page_change(message: &FlowMessage) {
    if message.name == "page-change" {
        PAGE_CHANGES.with(|n| n.set(n.get() + 1));
    }
}

/// Sets `window.benchPageChanges()`: the `page-change` messages counted so far.
#[cfg(feature = "hydrate")]
fn expose_page_changes() {
    use wasm_bindgen::JsCast;
    let getter =
        wasm_bindgen::closure::Closure::<dyn Fn() -> u32>::new(|| PAGE_CHANGES.with(Cell::get));
    window()
        .unchecked_ref::<BenchWindow>()
        .set_bench_page_changes(&getter);
    getter.forget();
}

/// On the server, no message arrives.
#[cfg(not(feature = "hydrate"))]
fn expose_page_changes() {}

/// The last message of the simulator's `flood` burst.
fn is_flood_end(message: &FlowMessage) -> bool {
    message.name == "page-change"
        && message
            .metadata
            .as_ref()
            .and_then(|m| m.get("name"))
            .and_then(|n| n.as_str())
            == Some("flood-end")
}

/// The bench page.
#[component]
pub fn BenchPage() -> impl IntoView {
    expose_page_changes();
    let query = use_query_map();
    let (instances, modal, template_id) = query.with_untracked(|q| {
        (
            q.get("n")
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(1)
                .min(MAX_INSTANCES),
            q.get("mode").as_deref() == Some("modal"),
            format!(
                "itmpl_sim_{}",
                q.get("scenario").unwrap_or_else(|| "happy".into())
            ),
        )
    });
    let host: Option<Host> = flow_config().host.parse().ok();
    let mounted = RwSignal::new(true);
    let inquiries = move || {
        (0..instances)
            .map(|_| {
                view! {
                    <PersonaInquiry
                        template_id=template_id.clone()
                        environment_id=ENVIRONMENT_ID
                        host=host.clone()
                        page_origin=page_origin()
                        modal=modal
                        on_ready=move |_: ReadyPayload| performance_mark("bench:ready")
                        on_event=move |message: FlowMessage| {
                            count_page_change(&message);
                            if is_flood_end(&message) {
                                performance_mark("bench:flood-end");
                            }
                        }
                    />
                }
            })
            .collect_view()
    };
    view! {
        <main>
            <button id="bench-toggle" type="button" on:click=move |_| mounted.update(|m| *m = !*m)>
                "mount / unmount"
            </button>
            <Show when=move || mounted.get()>{inquiries.clone()}</Show>
        </main>
    }
}
