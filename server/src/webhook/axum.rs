//! The `axum` feature: [`VerifiedWebhook`], an extractor for webhook routes.

use std::future::poll_fn;
use std::pin::Pin;

use axum::body::{Body, HttpBody};
use axum::extract::{FromRef, FromRequest, Request};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::{WebhookError, WebhookEvent, WebhookVerifier};

/// An extractor for a webhook route: reads the raw body (up to the verifier's
/// limit), verifies its `Persona-Signature` with the [`WebhookVerifier`] of the
/// router's state, and gives the event.
///
/// The verifier comes from the state through [`FromRef`]: the state can be
/// the verifier itself, or an app state with an `impl FromRef<AppState> for
/// WebhookVerifier` (or `#[derive(FromRef)]` with axum's `macros` feature).
///
/// A refused delivery is answered with [`WebhookRejection`]: 400 (no or a
/// malformed header, a body that is not an event or could not be read), 401
/// (no matching signature, a timestamp outside the tolerance) or 413 (a body
/// over the limit), with a one-word body and the reason logged at `warn`
/// through `tracing`. Nothing of it panics.
///
/// What a webhook route needs:
///
/// - **the raw body**: `VerifiedWebhook` must be the handler's last argument,
///   and no layer may have read or rewritten the body (a JSON extractor, a
///   decompression or body-rewriting middleware): the signature covers the
///   bytes Persona sent;
/// - **no CSRF protection** on it: Persona's request carries no CSRF token,
///   its signature is what authenticates it;
/// - **a 2xx answer within 5 s**: Persona retries otherwise. Do slow work
///   (calls to Persona's API, emails) after answering, in a spawned task or a
///   queue, and make it idempotent on [`WebhookEvent::id`]: deliveries repeat.
///
/// ```
/// use axum::{routing::post, Router};
/// use leptos_persona_server::webhook::{EventName, VerifiedWebhook, WebhookVerifier};
/// use leptos_persona_server::Secret;
///
/// async fn persona_webhook(VerifiedWebhook(event): VerifiedWebhook) -> &'static str {
///     if event.name == EventName::InquiryApproved {
///         // Record the decision (idempotently, by event.id); slow work goes
///         // to a spawned task.
///     }
///     "ok"
/// }
///
/// let verifier = WebhookVerifier::new(Secret::new("wbhsec_example"));
/// let app: Router = Router::new()
///     .route("/webhooks/persona", post(persona_webhook))
///     .with_state(verifier);
/// ```
#[derive(Clone, Debug)]
pub struct VerifiedWebhook(pub WebhookEvent);

/// Why [`VerifiedWebhook`] refused a request: an HTTP answer with a one-word
/// body (`bad request`, `unauthorized`, `payload too large`), never the reason.
#[derive(Clone, Debug)]
pub struct WebhookRejection {
    error: Option<WebhookError>,
}

impl WebhookRejection {
    /// The verifier's error; `None` when the body could not be read (the
    /// connection failed before it ended).
    pub fn error(&self) -> Option<&WebhookError> {
        self.error.as_ref()
    }

    /// The status answered.
    pub fn status(&self) -> StatusCode {
        self.error
            .as_ref()
            .and_then(|e| StatusCode::from_u16(e.http_status()).ok())
            .unwrap_or(StatusCode::BAD_REQUEST)
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        let status = self.status();
        let word = status.canonical_reason().unwrap_or("refused");
        let word = word.to_ascii_lowercase();
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            word,
        )
            .into_response()
    }
}

impl<S> FromRequest<S> for VerifiedWebhook
where
    S: Send + Sync,
    WebhookVerifier: FromRef<S>,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = WebhookVerifier::from_ref(state);
        let (parts, body) = request.into_parts();
        let header = signature_header(&parts.headers);
        let header = match header {
            Ok(header) => header,
            Err(error) => return Err(reject(error)),
        };
        if header.is_none() {
            return Err(reject(WebhookError::MissingHeader));
        }
        let body = match read_limited(body, verifier.max_body_bytes()).await {
            Ok(body) => body,
            Err(error) => return Err(error),
        };
        verifier
            .verify(header.as_deref(), &body)
            .map(VerifiedWebhook)
            .map_err(reject)
    }
}

/// The `Persona-Signature` header; several header lines are joined with a
/// space (as separate signature sets).
fn signature_header(headers: &HeaderMap) -> Result<Option<String>, WebhookError> {
    let mut joined: Option<String> = None;
    for value in headers.get_all("persona-signature") {
        let value = value.to_str().map_err(|_| WebhookError::MalformedHeader {
            problem: "it is not visible ASCII".to_owned(),
        })?;
        match &mut joined {
            Some(joined) => {
                joined.push(' ');
                joined.push_str(value);
            }
            None => joined = Some(value.to_owned()),
        }
    }
    Ok(joined)
}

/// The body, read frame by frame and refused as soon as it exceeds `limit`.
async fn read_limited(mut body: Body, limit: usize) -> Result<Vec<u8>, WebhookRejection> {
    let too_large = || reject(WebhookError::BodyTooLarge { limit });
    if body
        .size_hint()
        .exact()
        .is_some_and(|exact| exact > limit as u64)
    {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    while let Some(frame) = poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(error) => {
                tracing::warn!(%error, "Persona webhook refused: the body could not be read");
                return Err(WebhookRejection { error: None });
            }
        };
        if let Ok(data) = frame.into_data() {
            if data.len() > limit.saturating_sub(bytes.len()) {
                return Err(too_large());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(bytes)
}

fn reject(error: WebhookError) -> WebhookRejection {
    tracing::warn!(reason = %error, "Persona webhook refused");
    WebhookRejection { error: Some(error) }
}
