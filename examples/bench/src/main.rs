//! The client-rendered page that `cargo xtask bench` measures: `n` inline (or
//! modal) `<PersonaInquiry>`s against the flow simulator, a mount/unmount toggle,
//! and User Timing marks the bench reads: `bench:ready` in every `on_ready`,
//! `bench:flood-end` when the `flood` scenario's last `page-change` reaches
//! `on_event`; and `window.benchPageChanges()`, how many `page-change` messages
//! reached `on_event`, which the bench compares with the number it had the flow
//! send. The official SDK's page (`xtask/bench/sdk.html`) and the
//! server-rendered one (`examples/ssr`, `/bench`) do exactly the same.
//!
//! Query parameters: `host` (the simulator, `localhost:PORT`), `n` (instances,
//! default 1, at most 200), `mode` (`inline` or `modal`), `scenario` (a simulator
//! scenario, default `happy`).

use std::cell::Cell;

use leptos::prelude::*;
use leptos_persona::{FlowMessage, Host, PersonaInquiry, ReadyPayload};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `performance.mark(name)`.
    #[wasm_bindgen(js_namespace = performance, js_name = mark)]
    fn performance_mark(name: &str);

    /// The page's `window`, for the property the bench reads.
    type BenchWindow;

    /// `window.benchPageChanges = getter`.
    #[wasm_bindgen(method, setter = benchPageChanges)]
    fn set_bench_page_changes(this: &BenchWindow, getter: &Closure<dyn Fn() -> u32>);
}

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
fn expose_page_changes() {
    let getter = Closure::<dyn Fn() -> u32>::new(|| PAGE_CHANGES.with(Cell::get));
    window()
        .unchecked_ref::<BenchWindow>()
        .set_bench_page_changes(&getter);
    getter.forget();
}

/// The environment id of every bench flow: not `env_sim_autoplay`, so the flow
/// stays on its first page and only the bench makes it talk.
const ENVIRONMENT_ID: &str = "env_sim_bench";

/// The most instances a page mounts.
const MAX_INSTANCES: usize = 200;

/// What the page's query asks for.
#[derive(Clone)]
struct BenchParams {
    host: Option<Host>,
    instances: usize,
    modal: bool,
    template_id: String,
}

fn params() -> BenchParams {
    let search = window().location().search().unwrap_or_default();
    let query = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let get = |key: &str| query.as_ref().and_then(|q| q.get(key));
    BenchParams {
        host: get("host").and_then(|h| h.parse().ok()),
        instances: get("n")
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
            .min(MAX_INSTANCES),
        modal: get("mode").as_deref() == Some("modal"),
        template_id: format!(
            "itmpl_sim_{}",
            get("scenario").unwrap_or_else(|| "happy".into())
        ),
    }
}

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

#[component]
fn Bench() -> impl IntoView {
    let params = params();
    let mounted = RwSignal::new(true);
    let instances = move || {
        let params = params.clone();
        (0..params.instances)
            .map(|_| {
                view! {
                    <PersonaInquiry
                        template_id=params.template_id.clone()
                        environment_id=ENVIRONMENT_ID
                        host=params.host.clone()
                        modal=params.modal
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
        <button id="bench-toggle" type="button" on:click=move |_| mounted.update(|m| *m = !*m)>
            "mount / unmount"
        </button>
        <Show when=move || mounted.get()>{instances.clone()}</Show>
    }
}

fn main() {
    console_error_panic_hook::set_once();
    expose_page_changes();
    leptos::mount::mount_to_body(Bench);
}
