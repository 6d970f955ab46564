//! The pages: two inline inquiries on `/`, a modal on `/modal`, and `/red-team`,
//! the target of the red-team suite (`tests/red_team.rs`).

use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos_persona::{
    use_persona_inquiry, EventsAllowlist, Host, InquiryHandle, PersonaInquiry, PersonaMessageQueue,
};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

/// What the server tells the client about the flow, in `<meta>` tags of the shell.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowConfig {
    /// The flow's host (the simulator by default).
    pub host: String,
    /// The environment id (`env_sim_autoplay` lets the simulator play itself).
    pub environment_id: String,
}

impl FlowConfig {
    /// From `PERSONA_HOST` / `PERSONA_ENVIRONMENT_ID` on the server.
    #[cfg(feature = "ssr")]
    pub fn from_env() -> Self {
        Self {
            host: std::env::var("PERSONA_HOST").unwrap_or_else(|_| "http://127.0.0.1:8787".into()),
            environment_id: std::env::var("PERSONA_ENVIRONMENT_ID")
                .unwrap_or_else(|_| "env_sim_autoplay".into()),
        }
    }

    /// From the shell's `<meta>` tags, in the browser.
    #[cfg(not(feature = "ssr"))]
    fn from_document() -> Option<Self> {
        let document = document();
        let meta = |name: &str| {
            document
                .query_selector(&format!("meta[name={name}]"))
                .ok()
                .flatten()
                .and_then(|m| m.get_attribute("content"))
        };
        Some(Self {
            host: meta("persona-host")?,
            environment_id: meta("persona-environment-id")?,
        })
    }
}

/// The page's origin for `iframe-origin`: from the request on the server (or
/// `PERSONA_PAGE_ORIGIN` behind a proxy), from `window.location` in the browser.
pub(crate) fn page_origin() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        if let Ok(origin) = std::env::var("PERSONA_PAGE_ORIGIN") {
            return Some(origin);
        }
        let parts = use_context::<axum::http::request::Parts>()?;
        let host = parts.headers.get("host")?.to_str().ok()?;
        Some(format!("http://{host}"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        window().location().origin().ok()
    }
}

pub(crate) fn flow_config() -> FlowConfig {
    #[cfg(feature = "ssr")]
    {
        use_context::<FlowConfig>().unwrap_or_else(FlowConfig::from_env)
    }
    #[cfg(not(feature = "ssr"))]
    {
        FlowConfig::from_document().unwrap_or(FlowConfig {
            host: "http://127.0.0.1:8787".into(),
            environment_id: "env_sim_autoplay".into(),
        })
    }
}

/// Records what a page's console says, so problems (hydration warnings included)
/// can be read back: console errors and warnings, uncaught exceptions, unhandled
/// rejections and CSP violations. Runs before anything else under the page's CSP nonce.
const CONSOLE_RECORDER: &str = "window.__consoleProblems=[];['error','warn'].forEach(function(l){var o=console[l];\
console[l]=function(){window.__consoleProblems.push(l+': '+Array.prototype.join.call(arguments,' '));return o.apply(console,arguments)}});\
window.addEventListener('error',function(e){window.__consoleProblems.push('uncaught: '+e.message)});\
window.addEventListener('unhandledrejection',function(e){window.__consoleProblems.push('uncaught: rejection '+e.reason)});\
document.addEventListener('securitypolicyviolation',function(e){window.__consoleProblems.push('csp: '+e.violatedDirective+' '+e.blockedURI)});";

/// The document: CSP nonce, the early-message queue, hydration scripts.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        if let Some(nonce) = parts.extensions.get::<leptos::nonce::Nonce>() {
            provide_context(nonce.clone());
        }
    }
    let config = flow_config();
    let nonce = use_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="persona-host" content=config.host.clone() />
                <meta name="persona-environment-id" content=config.environment_id.clone() />
                <title>"leptos-persona: server-rendered"</title>
                <link rel="icon" href="data:," />
                <script nonce=nonce inner_html=CONSOLE_RECORDER></script>
                <PersonaMessageQueue />
                // Only under `cargo leptos watch`: its live-reload script.
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <style>{STYLE}</style>
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;margin:0;background:#f6f7fb;color:#1c2030}\
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 24px;padding:16px 24px;background:#1c2030;color:#fff}\
header h1{font-size:1em;margin:0}header a{color:#9fb4ff;margin-right:16px}\
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:24px;padding:24px}\
section{background:#fff;border-radius:10px;padding:16px;box-shadow:0 1px 3px rgba(0,0,0,.1)}\
dl{display:grid;grid-template-columns:auto 1fr;gap:2px 12px;font-size:13px}dd{margin:0;font-family:monospace}\
ol{font:12px/1.4 monospace;max-height:160px;overflow:auto}";

/// The app: a navigation bar and two pages.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            // The page's one level-one heading; each inquiry's section has an `<h2>`.
            <header>
                <h1>"leptos-persona, server-rendered"</h1>
                <nav aria-label="Pages">
                    <A href="/">"Inline"</A>
                    <A href="/modal">"Modal"</A>
                </nav>
            </header>
            <Routes fallback=|| "Not found">
                <Route path=path!("/") view=InlinePage />
                <Route path=path!("/modal") view=ModalPage />
                <Route path=path!("/bench") view=crate::bench::BenchPage />
                <Route path=path!("/red-team") view=RedTeamPage />
            </Routes>
        </Router>
    }
}

/// One inquiry's callbacks, logged for people and tests.
#[derive(Clone, Default)]
struct CallbackLog(Arc<Mutex<Vec<String>>>, RwSignal<u32>);

impl CallbackLog {
    fn new() -> Self {
        Self(Arc::default(), RwSignal::new(0))
    }
    fn push(&self, entry: String) {
        if let Ok(mut log) = self.0.lock() {
            log.push(entry);
        }
        self.1.update(|n| *n += 1);
    }
    fn entries(&self) -> Vec<String> {
        self.1.track();
        self.0.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

/// An inquiry with its signals and callback log, under `id`.
#[component]
fn Inquiry(
    id: &'static str,
    template_id: &'static str,
    #[prop(optional)] modal: bool,
    /// The environment id; empty: the configured one.
    #[prop(default = "")]
    environment_id: &'static str,
    /// The inquiry's container id; default: the component's own, unguessable.
    #[prop(default = None)]
    container_id: Option<&'static str>,
) -> impl IntoView {
    let config = flow_config();
    let environment_id = if environment_id.is_empty() {
        config.environment_id.clone()
    } else {
        environment_id.to_owned()
    };
    let host: Option<Host> = config.host.parse().ok();
    let handle: InquiryHandle = use_persona_inquiry();
    let log = CallbackLog::new();
    let (l1, l2, l3, l4, l5, l6) = (
        log.clone(),
        log.clone(),
        log.clone(),
        log.clone(),
        log.clone(),
        log.clone(),
    );
    let callback_names = move || {
        log.entries()
            .into_iter()
            .map(|entry| {
                let callback = entry.split(':').next().unwrap_or("").to_owned();
                view! { <li data-callback=callback>{entry}</li> }
            })
            .collect_view()
    };
    view! {
        <section id=id>
            <h2>{if modal { "Modal inquiry" } else { "Inline inquiry" }}</h2>
            {modal.then(|| view! {
                <button id="open-modal" on:click=move |_| handle.open()>"Verify in a modal"</button>
            })}
            <dl>
                <dt>"phase"</dt><dd data-signal="phase">{move || format!("{:?}", handle.phase().get())}</dd>
                <dt>"inquiry id"</dt><dd data-signal="inquiry_id">{move || handle.inquiry_id().get().unwrap_or_default()}</dd>
                <dt>"page height"</dt><dd data-signal="page_height">{move || handle.page_height().get().map(|h| h.to_string()).unwrap_or_default()}</dd>
                <dt>"last error"</dt><dd data-signal="last_error">{move || handle.last_error().get().map(|e| e.to_string()).unwrap_or_default()}</dd>
            </dl>
            // Focusable, so that a keyboard can scroll it.
            <ol class="log" tabindex="0" aria-label="Callbacks">{callback_names}</ol>
            <PersonaInquiry
                template_id=template_id
                environment_id=environment_id
                host=host
                page_origin=page_origin()
                modal=modal
                id=container_id.map(str::to_owned)
                handle=handle
                events_allowlist=EventsAllowlist::Default
                on_load=move |_| l1.push("on_load".into())
                on_ready=move |_| l2.push("on_ready".into())
                on_complete=move |done: leptos_persona::CompletePayload| l3.push(format!("on_complete:{}", done.status.unwrap_or_default()))
                on_cancel=move |_| l4.push("on_cancel".into())
                on_error=move |error: leptos_persona::InquiryError| l5.push(format!("on_error:{}", error.code.as_str()))
                on_event=move |message: leptos_persona::FlowMessage| l6.push(format!("on_event:{}", message.name))
            />
        </section>
    }
}

/// Two inline inquiries on one page: they must not cross.
#[component]
fn InlinePage() -> impl IntoView {
    view! {
        <main>
            <Inquiry id="inquiry-a" template_id="itmpl_sim_happy" />
            <Inquiry id="inquiry-b" template_id="itmpl_sim_fail" />
        </main>
    }
}

/// A modal inquiry, opened from a button.
#[component]
fn ModalPage() -> impl IntoView {
    view! {
        <main>
            <Inquiry id="inquiry-modal" template_id="itmpl_sim_happy" modal=true />
        </main>
    }
}

/// The red-team suite's target (`tests/red_team.rs`): one inline inquiry whose flow
/// waits for clicks (`?autoplay`: plays itself), and with `?attack=…` a hostile frame
/// rendered before it (see [`red_team_frame`]). Its container id is
/// [`RED_TEAM_CONTAINER`], known to every attacker, so that only the other checks
/// stand in their way; `?default-id` gives it the component's own unguessable id.
#[component]
fn RedTeamPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let (attack, autoplay, default_id) = query.with_untracked(|q| {
        (
            q.get("attack").unwrap_or_default(),
            q.get("autoplay").is_some(),
            q.get("default-id").is_some(),
        )
    });
    let frame = red_team_frame(
        &attack,
        &flow_config().host,
        &page_origin().unwrap_or_default(),
    );
    view! {
        <main>
            {frame.map(|(class, id, src)| view! {
                <iframe class=class id=id src=src title="hostile frame" data-attack=attack.clone()></iframe>
            })}
            <Inquiry
                id="red-team"
                container_id=(!default_id).then_some(RED_TEAM_CONTAINER)
                template_id="itmpl_sim_happy"
                environment_id=if autoplay { "" } else { "env_sim_manual" }
            />
        </main>
    }
}

/// The red-team inquiry's container id, which the attackers copy.
const RED_TEAM_CONTAINER: &str = "persona-inquiry-red-team";

/// The red-team page's hostile frame, as (class, id, src), for `?attack=`:
/// - `sibling`, `sibling-other-origin`: the simulator's attacker page, on the flow's
///   origin or on `localhost` instead of `127.0.0.1`, posting forged messages with
///   this page's container and template ids, 5 per round, 20 rounds;
/// - `flood`: the same on the flow's origin, 5,000 messages: 500 every 50 ms;
/// - `copy`, `copy-other-origin`: a second flow iframe with the inquiry's container
///   id and class (`persona-widget__iframe`), playing the `fail` scenario by itself.
fn red_team_frame(
    attack: &str,
    host: &str,
    page: &str,
) -> Option<(&'static str, &'static str, String)> {
    let ids = format!("container={RED_TEAM_CONTAINER}&template=itmpl_sim_happy");
    let other = host.replace("127.0.0.1", "localhost");
    let attacker = |origin: &str, rounds: &str| {
        Some((
            "red-team-attacker",
            "red-team-attacker",
            format!("{origin}/red-team/attacker?target=parent&{ids}&{rounds}"),
        ))
    };
    let copy = |origin: &str| {
        let page = page.replace(':', "%3A").replace('/', "%2F");
        Some((
            "persona-widget__iframe",
            RED_TEAM_CONTAINER,
            format!(
                "{origin}/widget?client-version=5.9.0&container-id={RED_TEAM_CONTAINER}&flow-type=inline\
                 &inquiry-template-id=itmpl_sim_happy&environment-id=env_sim_autoplay&iframe-origin={page}&scenario=fail"
            ),
        ))
    };
    match attack {
        "sibling" => attacker(host, "count=5&rounds=20&interval=100"),
        "sibling-other-origin" => attacker(&other, "count=5&rounds=20&interval=100"),
        "flood" => attacker(host, "count=500&rounds=10&interval=50"),
        "copy" => copy(host),
        "copy-other-origin" => copy(&other),
        _ => None,
    }
}
