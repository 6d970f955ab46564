//! [`WebhookError`]: why a delivery was refused, and how to fix it.

use std::fmt;

/// Why [`WebhookVerifier::verify`](super::WebhookVerifier::verify) refused a
/// delivery. Its `Display` says what is wrong and what to check; it never shows
/// a secret, a signature or the body.
///
/// [`WebhookError::http_status`] is the answer to give Persona (the `axum`
/// extractor gives it). A refused delivery is retried by Persona, so a
/// misconfigured secret shows as the same error repeating in the logs.
///
/// ```
/// use leptos_persona_server::webhook::{WebhookError, WebhookVerifier};
/// use leptos_persona_server::Secret;
///
/// let verifier = WebhookVerifier::new(Secret::new("wbhsec_example"));
/// let error = verifier.verify(None, b"{}").unwrap_err();
/// assert_eq!(error, WebhookError::MissingHeader);
/// assert_eq!(error.http_status(), 400);
/// assert!(error.to_string().contains("Persona-Signature"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request has no `Persona-Signature` header.
    MissingHeader,
    /// The `Persona-Signature` header is not `t=…,v1=…` sets.
    MalformedHeader {
        /// What is wrong with it (never the signature's digits).
        problem: String,
    },
    /// No signature in the header is the body's HMAC under any configured secret.
    NoMatchingSignature {
        /// How many `v1` signatures the header held.
        signatures: usize,
        /// How many (non-empty) secrets were tried.
        secrets: usize,
    },
    /// A signature matched, but its timestamp is older than the tolerance.
    TimestampTooOld {
        /// How old the timestamp is, in seconds.
        age_seconds: u64,
        /// The verifier's tolerance, in seconds.
        tolerance_seconds: u64,
    },
    /// A signature matched, but its timestamp is further ahead than the tolerance.
    TimestampInFuture {
        /// How far ahead of this server's clock the timestamp is, in seconds.
        ahead_seconds: u64,
        /// The verifier's tolerance, in seconds.
        tolerance_seconds: u64,
    },
    /// The body is larger than the verifier's limit (it was not verified).
    BodyTooLarge {
        /// The verifier's limit, in bytes.
        limit: usize,
    },
    /// The body is signed by Persona but is not an event this crate can read:
    /// not JSON, or not a JSON:API event document.
    NotAnEvent {
        /// What is missing or wrong (a path such as `data.attributes.name`).
        problem: String,
    },
}

impl WebhookError {
    /// The HTTP status to answer with: 401 when the signature or its timestamp
    /// is refused, 413 for a body over the limit, 400 for the rest (no or a
    /// malformed header, a body that is not an event). Never 2xx: Persona
    /// retries the delivery.
    ///
    /// ```
    /// use leptos_persona_server::webhook::WebhookError;
    /// let forged = WebhookError::NoMatchingSignature { signatures: 1, secrets: 1 };
    /// assert_eq!(forged.http_status(), 401);
    /// ```
    pub fn http_status(&self) -> u16 {
        match self {
            Self::NoMatchingSignature { .. }
            | Self::TimestampTooOld { .. }
            | Self::TimestampInFuture { .. } => 401,
            Self::BodyTooLarge { .. } => 413,
            Self::MissingHeader | Self::MalformedHeader { .. } | Self::NotAnEvent { .. } => 400,
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingHeader => f.write_str(
                "the request has no Persona-Signature header: Persona signs every webhook \
                 delivery, so either it did not come from Persona or something in between \
                 (a proxy, a middleware) dropped the header; forward it unchanged",
            ),
            Self::MalformedHeader { problem } => write!(
                f,
                "the Persona-Signature header is malformed ({problem}): Persona sends \
                 `t=<unix seconds>,v1=<64 hex digits>`, several such sets separated by spaces \
                 while a secret is rotated"
            ),
            Self::NoMatchingSignature {
                signatures,
                secrets,
            } => write!(
                f,
                "none of the header's {signatures} signature(s) is the body's HMAC under any of \
                 the {secrets} configured secret(s): check that the secret is this webhook's, \
                 copied exactly as the dashboard shows it (no whitespace or newline added), \
                 and that the raw body bytes are verified as received (parsing and \
                 re-serialising the JSON changes them)"
            ),
            Self::TimestampTooOld {
                age_seconds,
                tolerance_seconds,
            } => write!(
                f,
                "the signature is valid but its timestamp is {age_seconds} s old, more than the \
                 {tolerance_seconds} s tolerance: a replayed delivery, or a clock that is off; \
                 check this server's clock (NTP) or widen the tolerance \
                 (WebhookVerifier::with_tolerance)"
            ),
            Self::TimestampInFuture {
                ahead_seconds,
                tolerance_seconds,
            } => write!(
                f,
                "the signature is valid but its timestamp is {ahead_seconds} s ahead of this \
                 server's clock, more than the {tolerance_seconds} s tolerance: check this \
                 server's clock (NTP) or widen the tolerance (WebhookVerifier::with_tolerance)"
            ),
            Self::BodyTooLarge { limit } => write!(
                f,
                "the body is larger than the {limit}-byte limit and was not verified: raise it \
                 with WebhookVerifier::with_max_body_bytes if this webhook's events are that \
                 large"
            ),
            Self::NotAnEvent { problem } => write!(
                f,
                "the body is signed but is not a Persona event ({problem}): the webhook should \
                 send JSON:API event documents ({{\"data\":{{\"type\":\"event\",…}}}})"
            ),
        }
    }
}

impl std::error::Error for WebhookError {}
