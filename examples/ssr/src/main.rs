//! The server: leptos_axum routes, `/pkg` for the client, a strict CSP with a
//! per-request nonce, and an optional delay on the wasm (to prove that no flow
//! message is lost while the client is still downloading).

use std::time::Duration;

use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY};
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
    let mut response = next.run(request).await;
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{}'; frame-src {frame_src}{red_team}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'",
        nonce.as_inner()
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// Serves `/pkg` uncached (its file names carry no content hash, so a browser must
/// not reuse a client from an older build), and delays `.wasm` responses by
/// `PERSONA_SSR_WASM_DELAY_MS` (default none).
async fn client_files(request: Request, next: Next) -> Response {
    let delay = std::env::var("PERSONA_SSR_WASM_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let path = request.uri().path().to_owned();
    if delay > 0 && path.ends_with(".wasm") {
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    let mut response = next.run(request).await;
    if path.starts_with("/pkg/") {
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
    let pkg = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest_service("/pkg", ServeDir::new(pkg))
        .layer(middleware::from_fn(client_files))
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
