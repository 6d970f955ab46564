//! `POST /webhooks/persona`: a delivery verified by the server crate's
//! extractor, stored once and applied in order (see [`super::db`]), answered
//! at once: the work is one short transaction, well within Persona's 5 s.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use leptos_persona_server::webhook::{VerifiedWebhook, WebhookRejection};

use super::db::Outcome;
use super::AppState;

/// The handler. Answers: 200 for a stored event (applied, stale, repeated,
/// for nobody here, or not about an inquiry: Persona has nothing to retry);
/// 400/401/413 for a delivery the verifier refused; 503 when the database
/// cannot take it (Persona retries later).
pub async fn persona_webhook(
    State(state): State<AppState>,
    delivery: Result<VerifiedWebhook, WebhookRejection>,
) -> Response {
    let event = match delivery {
        Ok(VerifiedWebhook(event)) => event,
        Err(rejection) => {
            let reason = rejection
                .error()
                .map(ToString::to_string)
                .unwrap_or_else(|| "the body could not be read".into());
            eprintln!(
                "kyc-app: webhook refused ({}): {reason}",
                rejection.status().as_u16()
            );
            return rejection.into_response();
        }
    };
    match state.db.apply_event(&event).await {
        Ok(outcome) => {
            if outcome == Outcome::UnknownUser {
                eprintln!(
                    "kyc-app: webhook {} ({}) is for nobody signed up here",
                    event.id, event.name
                );
            }
            (StatusCode::OK, outcome.as_str()).into_response()
        }
        Err(error) => {
            eprintln!("kyc-app: webhook {} not stored: {error}", event.id);
            (StatusCode::SERVICE_UNAVAILABLE, "try again later").into_response()
        }
    }
}
