//! The server: leptos_axum routes, `/pkg` for the client, a strict CSP with a
//! per-request nonce, and an optional delay on the wasm (to prove that no flow
//! message is lost while the client is still downloading).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, HOST};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use leptos::nonce::Nonce;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use persona_ssr_example::app::{shell, App, FlowConfig};
use tower_http::services::ServeDir;

/// Adds a fresh CSP nonce to every request and the matching strict policy to its response.
async fn content_security_policy(mut request: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let frame_src = FlowConfig::from_env()
        .host
        .parse::<leptos_persona::Host>()
        .map(|h| h.origin().to_owned())
        .unwrap_or_else(|_| "'none'".into());
    // The red-team suite frames hostile pages from one more origin (`cargo xtask test`
    // sets it for the instance it attacks); unset, the policy admits the flow alone.
    let red_team = std::env::var("PERSONA_SSR_RED_TEAM_FRAME_SRC")
        .map(|origin| format!(" {origin}"))
        .unwrap_or_default();
    let live_reload = live_reload_source(&request);
    let mut response = next.run(request).await;
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{}'; frame-src {frame_src}{red_team}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'{live_reload}; object-src 'none'; base-uri 'none'",
        nonce.as_inner()
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// Under `cargo leptos watch` (which sets `LEPTOS_WATCH`), the origin of its
/// live-reload websocket, for `connect-src` (with a leading space): the
/// page's host name on `LEPTOS_RELOAD_PORT`, as `<AutoReload/>`'s script
/// connects. Empty otherwise: the policy admits no other origin.
fn live_reload_source(request: &Request) -> String {
    if std::env::var_os("LEPTOS_WATCH").is_none() {
        return String::new();
    }
    let port = std::env::var("LEPTOS_RELOAD_PORT").unwrap_or_else(|_| "3001".into());
    let host = request
        .headers()
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1");
    // `127.0.0.1:3000` → `127.0.0.1`, `[::1]:3000` → `[::1]`.
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !port.contains(']') => name,
        _ => host,
    };
    format!(" ws://{name}:{port}")
}

/// Serves `pkg_route` (`/pkg`) uncached (its file names carry no content hash, so
/// a browser must not reuse a client from an older build), and delays `.wasm`
/// responses by `PERSONA_SSR_WASM_DELAY_MS` (default none).
async fn client_files(State(pkg_route): State<Arc<str>>, request: Request, next: Next) -> Response {
    let delay = std::env::var("PERSONA_SSR_WASM_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let path = request.uri().path().to_owned();
    if delay > 0 && path.ends_with(".wasm") {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let mut response = next.run(request).await;
    let in_pkg = path
        .strip_prefix(&*pkg_route)
        .is_some_and(|rest| rest.starts_with('/'));
    if in_pkg {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[tokio::main]
async fn main() {
    let conf = match get_configuration(None) {
        Ok(conf) => conf,
        Err(error) => {
            eprintln!("leptos configuration: {error}");
            std::process::exit(2);
        }
    };
    let options = conf.leptos_options;
    let address = options.site_addr;
    // The client's files, where `HydrationScripts` asks for them:
    // `/<site-pkg-dir>/<output-name>.js` and its wasm (see `Cargo.toml`'s
    // `[package.metadata.leptos]`, or the `LEPTOS_*` variables xtask sets).
    let pkg_route = format!("/{}", options.site_pkg_dir);
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service(&pkg_route, ServeDir::new(pkg))
        .layer(middleware::from_fn_with_state(
            Arc::from(pkg_route.as_str()),
            client_files,
        ))
        .layer(middleware::from_fn(content_security_policy))
        .with_state(options);
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("binding {address}: {error}");
            std::process::exit(2);
        }
    };
    let bound = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    println!("ssr example listening on http://{bound}");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(error) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
    {
        eprintln!("server: {error}");
    }
}
