//! The router both axum suites drive: `VerifiedWebhook` behind a handler
//! that records each event id, plus the request helpers.

use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::{to_bytes, Body};
use axum::extract::{FromRef, State};
use axum::http::{Request, StatusCode};
use axum::routing::post;
use axum::Router;
use leptos_persona_server::webhook::{VerifiedWebhook, WebhookVerifier};
use leptos_persona_server::Secret;
use tower::ServiceExt;

pub const SECRET: &str = "wbhsec_axum_Q8v";

#[derive(Clone)]
struct AppState {
    webhooks: WebhookVerifier,
    seen: Arc<Mutex<Vec<String>>>,
}

impl FromRef<AppState> for WebhookVerifier {
    fn from_ref(state: &AppState) -> Self {
        state.webhooks.clone()
    }
}

async fn handler(State(state): State<AppState>, VerifiedWebhook(event): VerifiedWebhook) -> String {
    if let Ok(mut seen) = state.seen.lock() {
        seen.push(event.id.clone());
    }
    format!("{} {}", event.id, event.name)
}

pub fn app(max_body_bytes: usize) -> (Router, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let state = AppState {
        webhooks: WebhookVerifier::new(Secret::new(SECRET)).with_max_body_bytes(max_body_bytes),
        seen: seen.clone(),
    };
    let router = Router::new()
        .route("/webhooks/persona", post(handler))
        .with_state(state);
    (router, seen)
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

pub fn body() -> Vec<u8> {
    br#"{"data":{"type":"event","id":"evt_ax1","attributes":{"name":"inquiry.completed","created-at":"2026-01-02T03:04:05.000Z","payload":{"data":{"type":"inquiry","id":"inq_1","attributes":{"status":"completed"}}}}}}"#.to_vec()
}

pub fn request(headers: &[&str], body: impl Into<Body>) -> Request<Body> {
    let mut builder = Request::post("/webhooks/persona").header("content-type", "application/json");
    for header in headers {
        builder = builder.header("Persona-Signature", *header);
    }
    match builder.body(body.into()) {
        Ok(request) => request,
        Err(error) => panic!("{error}"),
    }
}

pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("a body");
    (status, String::from_utf8_lossy(&bytes).into_owned())
}
