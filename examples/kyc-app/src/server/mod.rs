//! The server half (feature `ssr`): configuration, database, cookie session,
//! the webhook route and the router that puts them together.

pub mod config;
pub mod db;
pub mod session;
pub mod webhook;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{FromRef, Request, State};
use axum::http::header::{
    HeaderValue, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, SET_COOKIE,
};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes, ResponseOptions};
use leptos_persona_server::api::{ApiError, Client};
use leptos_persona_server::webhook::WebhookVerifier;
use tower_http::services::ServeDir;

use crate::app::{shell, App};
use crate::model::KycError;
use config::Config;
use db::{Db, User};
use session::SessionKey;

/// What every request can reach: the configuration, the database, Persona's
/// API client and webhook verifier, and the session key.
#[derive(Clone)]
pub struct AppState {
    /// Leptos's options (the site's `pkg/`).
    pub leptos: LeptosOptions,
    /// The configuration.
    pub config: Arc<Config>,
    /// The database.
    pub db: Db,
    /// Persona's API.
    pub persona: Client,
    /// Verifies webhook deliveries (one or two secrets).
    pub verifier: WebhookVerifier,
    /// Signs session cookies.
    pub sessions: SessionKey,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl FromRef<AppState> for WebhookVerifier {
    fn from_ref(state: &AppState) -> Self {
        state.verifier.clone()
    }
}

impl AppState {
    /// Opens the database and builds the API client from `config`.
    pub async fn new(config: Config) -> Result<Self, String> {
        let persona = Client::builder(config.api_key.clone())
            .base_url(config.api_url.clone())
            .timeout(Duration::from_secs(8))
            .max_attempts(3)
            .build()
            .map_err(|e| format!("PERSONA_API_KEY / PERSONA_API_URL: {e}"))?;
        let mut verifier = WebhookVerifier::new(config.webhook_secret.clone());
        if let Some(previous) = &config.previous_webhook_secret {
            verifier = verifier.with_secret(previous.clone());
        }
        let sessions = SessionKey::new(config.session_key.as_ref().map(|k| k.expose()))?;
        let db = Db::open(&config.database_url).await?;
        let leptos = LeptosOptions::builder()
            .output_name("persona-kyc-app")
            .site_root(config.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(config.addr)
            .build();
        Ok(Self {
            leptos,
            config: Arc::new(config),
            db,
            persona,
            verifier,
            sessions,
        })
    }
}

/// The state, in a server function.
pub fn state() -> Result<AppState, KycError> {
    use_context::<AppState>().ok_or_else(|| KycError::Request("the app state is missing".into()))
}

/// The signed-in person's id, from the request's session cookie.
pub fn session_user_id(state: &AppState) -> Option<String> {
    let parts = use_context::<axum::http::request::Parts>()?;
    parts
        .headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(session::from_cookie_header)
        .and_then(|value| state.sessions.verify(value))
}

/// The signed-in person, as stored; [`KycError::NotSignedIn`] without a
/// valid session (or for a person no longer in the database).
pub async fn signed_in(state: &AppState) -> Result<User, KycError> {
    let id = session_user_id(state).ok_or(KycError::NotSignedIn)?;
    state
        .db
        .user(&id)
        .await
        .map_err(|e| {
            eprintln!("kyc-app: {e}");
            KycError::from(e)
        })?
        .ok_or(KycError::NotSignedIn)
}

/// Sets (or, with `None`, clears) the session cookie on the response.
pub fn set_session(state: &AppState, user_id: Option<&str>) {
    let cookie = match user_id {
        Some(id) => session::set_cookie(&state.sessions.issue(id), state.config.cookie_secure),
        None => session::clear_cookie(),
    };
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&cookie),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// What a person is told when Persona's API fails; the cause goes to the log.
pub fn persona_error(error: ApiError) -> KycError {
    eprintln!("kyc-app: Persona API: {error}");
    match error {
        ApiError::Unauthorized { .. } | ApiError::Forbidden { .. } => KycError::PersonaKeyRejected,
        ApiError::Server { .. } | ApiError::Transport { .. } | ApiError::RateLimited { .. } => {
            KycError::PersonaUnavailable
        }
        ApiError::InquiryFinished { status, .. } => {
            KycError::AlreadyFinished(status.map(|s| s.as_str().to_owned()).unwrap_or_default())
        }
        other => KycError::PersonaRefused(other.to_string()),
    }
}

/// Stores what an API read of `inquiry` says for `user_id` (in order with the
/// webhook events: see [`db::Db::record_read`]).
pub async fn store_read(
    state: &AppState,
    user_id: &str,
    inquiry: &leptos_persona_server::api::Inquiry,
) -> Result<bool, KycError> {
    let updated = inquiry
        .updated_at
        .as_deref()
        .and_then(leptos_persona_server::webhook::Timestamp::parse);
    state
        .db
        .record_read(
            user_id,
            &inquiry.id,
            inquiry.status.as_str(),
            updated.as_ref(),
        )
        .await
        .map_err(db_error)
}

/// A database error, logged, as a person is told it.
pub fn db_error(error: db::DbError) -> KycError {
    eprintln!("kyc-app: {error}");
    KycError::from(error)
}

/// Adds a fresh CSP nonce to every request and the matching strict policy to
/// its response: scripts only from this origin or with the nonce, frames only
/// from the flow's origin.
async fn content_security_policy(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = leptos::nonce::Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'nonce-{}'; frame-src {}; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        nonce.as_inner(),
        state.config.flow_origin()
    );
    if let Ok(value) = HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// The stylesheet.
async fn stylesheet() -> Response {
    (
        [
            (CONTENT_TYPE, "text/css; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        include_str!("../../style/kyc.css"),
    )
        .into_response()
}

/// Serves `/pkg` uncached: its file names carry no content hash.
async fn no_store(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The whole app: pages and server functions (leptos_axum), the webhook route,
/// the stylesheet and the client's files.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let pkg = std::path::Path::new(state.leptos.site_root.as_ref()).join("pkg");
    let pages = Router::new()
        .leptos_routes_with_context(&state, routes, || {}, {
            let options = state.leptos.clone();
            move || shell(options.clone())
        })
        .route("/style.css", get(stylesheet))
        .nest_service(
            "/pkg",
            Router::new()
                .fallback_service(ServeDir::new(pkg))
                .layer(middleware::from_fn(no_store)),
        )
        .layer(middleware::from_fn_with_state(
            state.clone(),
            content_security_policy,
        ));
    // The webhook route: its own, outside the pages' layers, with the raw body
    // and no CSRF protection (the signature authenticates it).
    Router::new()
        .route("/webhooks/persona", post(webhook::persona_webhook))
        .route("/healthz", get(|| async { "ok" }))
        .merge(pages)
        .with_state(state)
}
