//! `persona-flow-simulator`: a loopback stand-in for Persona's hosted inquiry flow,
//! its REST API and its webhooks, all over one state of inquiries.
//!
//! It serves `/widget` (the flow page, scripted by scenario), `/preload`,
//! `/widget-forger` (the second window of the `hostile` scenario), request counters at
//! `/__stats` (`POST /__reset` zeroes them) and an index at `/`; the inquiry API at
//! `/api/v1/inquiries` (`api.rs`), the flow's reports at `/flow-api/…`
//! (`flow_api.rs`), webhooks to `--webhook-url` (`webhooks.rs`, `signing.rs`), and
//! the test switches `/__config`, `/__faults`, `/__webhooks…`, `/__inquiries…`
//! (`control.rs`). The state machine is `inquiries.rs`.
//!
//! The first line on stdout is `flow simulator listening on http://ADDR:PORT`;
//! nothing else is ever written to stdout.

mod api;
mod args;
mod clock;
mod control;
mod faults;
mod flow;
mod flow_api;
mod idempotency;
mod ids;
mod inquiries;
mod query;
mod signing;
mod state;
mod webhooks;

use std::collections::VecDeque;
use std::io::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{self, HeaderValue};
use axum::http::{Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;
use serde_json::{json, Map, Value};

use args::{Args, USAGE};
use flow::{Scenario, WidgetRequest};
use state::Sim;
use webhooks::Webhooks;

/// The widget log keeps at most this many entries (the oldest are dropped).
const MAX_LOG: usize = 10_000;

#[derive(Default)]
struct Stats {
    widget: u64,
    preload: u64,
    forger: u64,
    by_container: Map<String, Value>,
    widget_log: VecDeque<(String, u64)>,
}

pub struct AppState {
    started: Instant,
    stats: Mutex<Stats>,
    /// The inquiries and everything the API keeps.
    sim: Mutex<Sim>,
    pub webhooks: Webhooks,
}

pub type Shared = Arc<AppState>;

impl AppState {
    fn stats(&self) -> std::sync::MutexGuard<'_, Stats> {
        // A panic elsewhere must not take the counters down with it.
        self.stats.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn sim(&self) -> std::sync::MutexGuard<'_, Sim> {
        self.sim.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn main() {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            print!("{USAGE}");
            std::process::exit(0);
        }
        Err(e) => {
            let _ = write!(std::io::stderr(), "persona-flow-simulator: {e}\n{USAGE}");
            std::process::exit(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "persona-flow-simulator: runtime: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = runtime.block_on(run(args)) {
        let _ = writeln!(std::io::stderr(), "persona-flow-simulator: {e}");
        std::process::exit(1);
    }
}

async fn run(args: Args) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.bind, args.port)).await?;
    let local = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "flow simulator listening on http://{local}")?;
        out.flush()?;
    }
    let (webhooks, dispatcher) = Webhooks::new(args.webhooks);
    let mut sim = Sim {
        config: args.config,
        ..Sim::default()
    };
    for fault in args.faults {
        sim.faults.push(fault);
    }
    let state = Arc::new(AppState {
        started: Instant::now(),
        stats: Mutex::new(Stats::default()),
        sim: Mutex::new(sim),
        webhooks,
    });
    tokio::spawn(dispatcher);
    tokio::spawn(state::sweep(Arc::clone(&state)));
    let verbose = args.verbose;
    let app = Router::new()
        .route("/", get(index))
        .route("/api/{*rest}", any(api::handle))
        .route("/flow-api/{step}", post(flow_api::handle))
        .route("/__config", any(control::config))
        .route("/__faults", any(control::faults))
        .route("/__webhooks", any(control::webhooks))
        .route("/__webhooks/chaos", any(control::chaos))
        .route("/__webhooks/send", any(control::send))
        .route("/__inquiries", any(control::inquiries))
        .route("/__inquiries/{id}/{action}", any(control::inquiry_action))
        .route("/widget", get(widget))
        .route("/widget-forger", get(forger))
        .route("/red-team/attacker", get(red_team_attacker))
        .route("/preload", get(preload))
        .route("/__stats", any(stats))
        .route("/__reset", any(reset))
        .fallback(not_found)
        .layer(axum::middleware::map_request(
            move |req: axum::extract::Request| async move {
                if verbose {
                    let _ = writeln!(std::io::stderr(), "{} {}", req.method(), req.uri());
                }
                req
            },
        ))
        .layer(axum::middleware::map_response(common_headers))
        .with_state(state);

    let server = axum::serve(listener, app).with_graceful_shutdown(shutdown_signal());
    tokio::select! {
        result = server => result,
        // Open keep-alive connections or a pending slow_load must not hold the exit up.
        () = async {
            shutdown_signal().await;
            tokio::time::sleep(Duration::from_secs(2)).await;
        } => Ok(()),
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// On every response: embeddable by a cross-origin-isolated page, never cached.
async fn common_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("cross-origin"),
    );
    h.insert(
        "cross-origin-embedder-policy",
        HeaderValue::from_static("require-corp"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.remove(header::X_FRAME_OPTIONS);
    res
}

pub fn json_response(status: StatusCode, value: &Value) -> Response {
    let mut res = (status, value.to_string()).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("GET, POST, OPTIONS"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("*"),
    );
    res
}

fn elapsed_ms(state: &AppState) -> u64 {
    u64::try_from(state.started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

async fn widget(State(state): State<Shared>, uri: Uri) -> Response {
    let mut request = WidgetRequest::parse(uri.query().unwrap_or(""));
    flow_api::check_widget(&state, &mut request);
    let container = request.container_id().unwrap_or("").to_owned();
    let at_ms = elapsed_ms(&state);
    {
        let mut stats = state.stats();
        stats.widget += 1;
        let n = stats
            .by_container
            .get(&container)
            .and_then(Value::as_u64)
            .unwrap_or(0);
        stats.by_container.insert(container.clone(), json!(n + 1));
        if stats.widget_log.len() >= MAX_LOG {
            stats.widget_log.pop_front();
        }
        stats.widget_log.push_back((container, at_ms));
    }
    let delay = request.delay_ms();
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    Html(request.html()).into_response()
}

async fn preload(State(state): State<Shared>) -> Response {
    state.stats().preload += 1;
    Html(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>preload</title></head>\
         <body></body></html>",
    )
    .into_response()
}

/// The second window of the `hostile` scenario: a same-origin child of the flow page
/// that relays forged messages to the flow's parent (`window.parent.parent`), always
/// with the exact target origin it is given.
async fn forger(State(state): State<Shared>) -> Response {
    state.stats().forger += 1;
    Html(
        r#"<!doctype html><html><head><meta charset="utf-8"><title>forger</title></head><body><script>
window.addEventListener('message', function (e) {
  if (e.source !== window.parent || e.origin !== window.location.origin) return;
  var d = e.data;
  if (!d || d.simForge !== true || typeof d.targetOrigin !== 'string' || d.targetOrigin === '*') return;
  try { window.parent.parent.postMessage(d.payload, d.targetOrigin); } catch (err) { /* bad origin */ }
});
</script></body></html>"#,
    )
    .into_response()
}

/// A hostile page for the red-team suite (`tests/red_team.rs`): it posts forged flow
/// messages (`load`, `complete`, `fail`, `exit`, `error`, with the container and
/// template ids it is given) to its parent or its opener, `count` per round, `rounds`
/// rounds `interval` ms apart, with the target origin `*`. It keeps a report in
/// `window.__attack` (`sent`, `errors`, `done`, `lastAt` in epoch ms).
async fn red_team_attacker() -> Response {
    Html(RED_TEAM_ATTACKER).into_response()
}

const RED_TEAM_ATTACKER: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>attacker</title></head><body><p>attacker</p><script>
(function () {
  var q = new URLSearchParams(location.search);
  var report = window.__attack = { sent: 0, errors: [], done: false, lastAt: 0 };
  window.addEventListener('error', function (e) { report.errors.push(String(e.message)); });
  var target = q.get('target') === 'opener' ? window.opener : window.parent;
  var container = q.get('container') || '', template = q.get('template') || '';
  var count = Number(q.get('count') || 5), rounds = Number(q.get('rounds') || 1);
  var interval = Number(q.get('interval') || 100);
  var names = ['load', 'complete', 'fail', 'exit', 'error'];
  function forged(name) {
    var m = { containerId: container, templateId: template, name: name };
    if (name === 'complete' || name === 'fail') m.metadata = { inquiryId: 'inq_forged', status: 'forged', fields: {} };
    if (name === 'exit') m.metadata = { inquiryId: 'inq_forged', sessionToken: 'forged' };
    if (name === 'error') m.error = { status: 409, code: 'unauthenticated', message: 'forged' };
    return m;
  }
  function round() {
    for (var i = 0; i < count; i++) {
      try { target.postMessage(forged(names[i % names.length]), '*'); report.sent += 1; }
      catch (e) { report.errors.push(String(e && e.message)); }
    }
    report.lastAt = Date.now();
    rounds -= 1;
    if (rounds > 0) setTimeout(round, interval); else report.done = true;
  }
  if (!target || target === window) { report.errors.push('no target window'); report.done = true; return; }
  round();
})();
</script></body></html>"#;

fn stats_json(state: &AppState) -> Value {
    let api = state.sim().api.to_json();
    let webhooks = state.webhooks.stats_json();
    let stats = state.stats();
    json!({
        "api": api,
        "webhooks": webhooks,
        "widget": stats.widget,
        "preload": stats.preload,
        "forger": stats.forger,
        "by_container": Value::Object(stats.by_container.clone()),
        "widget_log": stats
            .widget_log
            .iter()
            .map(|(id, at)| json!({"container_id": id, "at_ms": at}))
            .collect::<Vec<_>>(),
    })
}

async fn stats(State(state): State<Shared>, method: Method) -> Response {
    match method {
        Method::GET | Method::HEAD => json_response(StatusCode::OK, &stats_json(&state)),
        Method::OPTIONS => json_response(StatusCode::NO_CONTENT, &Value::Null),
        _ => json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &json!({"error": "use GET /__stats"}),
        ),
    }
}

async fn reset(State(state): State<Shared>, method: Method, uri: Uri) -> Response {
    match method {
        Method::POST => {
            *state.stats() = Stats::default();
            state.webhooks.reset_stats();
            let forget = query::pairs(uri.query().unwrap_or(""))
                .iter()
                .any(|(k, v)| k == "inquiries" && v != "0");
            let mut sim = state.sim();
            sim.api = api::ApiStats::default();
            if forget {
                let config = sim.config.clone();
                *sim = Sim {
                    config,
                    ..Sim::default()
                };
            }
            drop(sim);
            json_response(StatusCode::OK, &stats_json(&state))
        }
        Method::OPTIONS => json_response(StatusCode::NO_CONTENT, &Value::Null),
        _ => json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &json!({"error": "use POST /__reset"}),
        ),
    }
}

async fn not_found(uri: Uri) -> Response {
    let mut res = Response::new(Body::from(format!(
        "not found: {}\n",
        uri.path().escape_default()
    )));
    *res.status_mut() = StatusCode::NOT_FOUND;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

async fn index() -> Response {
    let rows: String = Scenario::ALL
        .iter()
        .map(|s| {
            format!(
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                s.as_str(),
                escape_html(s.description())
            )
        })
        .collect();
    Html(format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Persona flow simulator</title>
<style>
body{{font:15px/1.5 system-ui,sans-serif;margin:0;padding:24px 32px;color:#1d2433;background:#fff}}
@media (prefers-color-scheme:dark){{body{{color:#e6e9f0;background:#14171f}}code{{background:#262b36}}}}
code{{background:#eef0f5;padding:1px 5px;border-radius:4px}}
table{{border-collapse:collapse}}td,th{{border-bottom:1px solid #8884;padding:6px 12px 6px 0;text-align:left;vertical-align:top}}
</style></head><body>
<h1>Persona flow simulator</h1>
<p>A loopback stand-in for Persona's hosted inquiry flow, for <code>leptos-persona</code> tests and demos.
Point the component's host at this server's origin; it speaks the SDK's <code>postMessage</code> protocol.</p>
<h2>Endpoints</h2>
<ul>
<li><code>GET /widget?&lt;query&gt;</code> — the flow page (the query the SDK builds)</li>
<li><code>GET /preload</code> — a blank page (counted)</li>
<li><code>GET /__stats</code> — request counters as JSON; <code>POST /__reset</code> zeroes them</li>
<li><code>GET /widget-forger</code> — the second window of the <code>hostile</code> scenario</li>
<li><code>GET /red-team/attacker</code> — a hostile page that posts forged flow messages to its parent or opener (the red-team suite)</li>
</ul>
<h2>Persona's REST API (with <code>--api-key KEY</code>: <code>Authorization: Bearer KEY</code>)</h2>
<ul>
<li><code>POST /api/v1/inquiries</code> — create (<code>inquiry-template-id</code> or <code>inquiry-template-version-id</code>); <code>meta.session-token</code></li>
<li><code>GET /api/v1/inquiries/{{id}}</code> — retrieve</li>
<li><code>GET /api/v1/inquiries?filter[reference-id]=…&amp;filter[status]=a,b</code> — list, newest first</li>
<li><code>POST /api/v1/inquiries/{{id}}/resume</code> — a new session token (409 once finished)</li>
</ul>
<p><code>Idempotency-Key</code> on POSTs replays the first answer. Every change is a webhook event with <code>--webhook-url</code> and <code>--webhook-secret</code>.</p>
<h2>Test switches (the simulator's own)</h2>
<ul>
<li><code>GET|POST /__config</code> — the flags' settings, changed at run time</li>
<li><code>GET|POST|DELETE /__faults</code> — the next N API requests answer a status (429, 500, 503…)</li>
<li><code>GET /__webhooks</code>, <code>POST /__webhooks/chaos</code>, <code>POST /__webhooks/send</code> — deliveries, chaos, forged deliveries</li>
<li><code>GET /__inquiries</code>, <code>POST /__inquiries/{{id}}/{{start|complete|fail|expire|approve|decline|review}}</code> — the state, moved without a browser</li>
</ul>
<h2>Scenarios</h2>
<p>Chosen by the template id <code>itmpl_sim_&lt;scenario&gt;</code> (or <code>tmpl_sim_&lt;scenario&gt;</code>);
a <code>scenario</code> query parameter overrides it; anything else plays <code>happy</code>.</p>
<table><tr><th>scenario</th><th>behaviour</th></tr>{rows}</table>
<h2>Knobs</h2>
<ul>
<li><code>environment-id=env_sim_autoplay</code> — the flow plays itself, one step every <code>sim-step-ms</code> ms (default 40)</li>
<li><code>flow-type=embedded</code> — pages start only after the parent posts <code>open</code></li>
<li><code>inquiry-id</code> (+ <code>session-token</code>) — resume: <code>start</code> with those ids, then page 3; for an inquiry the simulator knows, a missing, wrong or expired token posts <code>error</code> <code>unauthenticated</code> (409)</li>
<li><code>style-variant=dark</code> — dark theme</li>
<li><code>slow-ms</code> — delay of <code>slow_load</code> (default 2500)</li>
</ul>
</body></html>"#
    ))
    .into_response()
}
