//! [`PersonaMessageQueue`]: keeps the flow's early messages until the app hydrates.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::MessageEvent;

/// The inline script `<PersonaMessageQueue/>` renders. Until the components
/// have hydrated and taken theirs, it keeps the window's `message` events in
/// `window.__personaQueue`, but only those whose `source` is, when the event
/// arrives, the window of one of the page's flow iframes, and at most 200 per
/// source: a flood from any other frame or window (an ad, the opener, a page
/// framing this one) is never kept and cannot push the flow's `load`, `ready`
/// or `complete` out.
pub const MESSAGE_QUEUE_SCRIPT: &str = "(function(){if(window.__personaQueue)return;\
var q=[],kept=new Map();window.__personaQueue=q;\
function ours(s){var f=document.querySelectorAll('iframe.persona-widget__iframe');\
for(var i=0;i<f.length;i++){if(f[i].contentWindow===s)return true}return false}\
function keep(e){var s=e.source;if(!s||!ours(s))return;var n=kept.get(s)||0;\
if(n>=200)return;kept.set(s,n+1);q.push(e)}\
window.addEventListener('message',keep);\
q.stop=function(){window.removeEventListener('message',keep);q.length=0;kept.clear();q.stopped=true}})();";

/// Server-rendered pages: put this before the first `<PersonaInquiry>` (in `<head>`
/// or at the top of `<body>`) so that the flow's `load` and `ready`, which can
/// arrive before the app's wasm has hydrated, are not lost.
///
/// It renders one small inline `<script>`; with Leptos' `nonce` feature it carries
/// the page's CSP nonce, so it runs under `script-src 'nonce-…'`. Client-rendered
/// apps do not need it (their listener exists before the iframe does), and a
/// build without the `hydrate` feature does not read the queue.
///
/// ```
/// use leptos::prelude::*;
/// use leptos_persona::{PersonaInquiry, PersonaMessageQueue};
///
/// #[component]
/// fn Page() -> impl IntoView {
///     view! {
///         <PersonaMessageQueue />
///         <PersonaInquiry template_id="itmpl_ABC123" page_origin="https://shop.example.com" />
///     }
/// }
/// ```
#[component]
pub fn PersonaMessageQueue() -> impl IntoView {
    let nonce = use_nonce();
    view! { <script nonce=nonce inner_html=MESSAGE_QUEUE_SCRIPT></script> }
}

fn early_queue() -> Option<js_sys::Array> {
    let window = crate::browser::browser_window::window()?;
    let queue = js_sys::Reflect::get(&window, &"__personaQueue".into()).ok()?;
    queue.dyn_into::<js_sys::Array>().ok()
}

/// The queued early messages (empty without a queue). The queue stops recording
/// once the current hydration pass is over.
pub(crate) fn drain() -> Vec<MessageEvent> {
    let Some(queue) = early_queue() else {
        return Vec::new();
    };
    let events = queue
        .iter()
        .filter_map(|e| e.dyn_into::<MessageEvent>().ok())
        .collect();
    thread_local! {
        static STOP_SCHEDULED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if !STOP_SCHEDULED.with(|s| s.replace(true)) {
        // Every component hydrated in this pass drains first; then recording stops.
        set_timeout(
            || {
                if let Some(queue) = early_queue() {
                    if let Ok(stop) = js_sys::Reflect::get(&queue, &"stop".into()) {
                        if let Some(stop) = stop.dyn_ref::<js_sys::Function>() {
                            let _ = stop.call0(&queue);
                        }
                    }
                }
            },
            std::time::Duration::ZERO,
        );
    }
    events
}
