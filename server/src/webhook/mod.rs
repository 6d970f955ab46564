//! Persona's webhooks: the `Persona-Signature` header verified on the raw body,
//! then the body parsed into a typed [`WebhookEvent`].
//!
//! ```
//! use leptos_persona_server::webhook::{sign, EventName, WebhookVerifier};
//! use leptos_persona_server::Secret;
//!
//! let verifier = WebhookVerifier::new(Secret::new("wbhsec_example"));
//! # let body = br#"{"data":{"type":"event","id":"evt_1","attributes":{"name":"inquiry.completed","created-at":"2026-01-02T03:04:05Z"}}}"#;
//! # let now = std::time::SystemTime::now();
//! # let t = now.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
//! # let header = sign(&Secret::new("wbhsec_example"), t, body);
//! # let header = Some(header.as_str());
//! // `header`: the request's `Persona-Signature` header; `body`: its raw bytes.
//! match verifier.verify(header, body) {
//!     Ok(event) => {
//!         // Answer 2xx now; do slow work afterwards (Persona waits 5 s at most).
//!         assert_eq!(event.name, EventName::InquiryCompleted);
//!     }
//!     Err(error) => {
//!         // Answer `error.http_status()`; log `error` (it never shows a secret).
//!         panic!("{error}");
//!     }
//! }
//! ```
//!
//! # The raw body
//!
//! Persona signs the bytes it sends: `HMAC-SHA256(secret, "{t}.{body}")`. A
//! body parsed and re-serialised is other bytes (key order, whitespace, number
//! and escape spellings), and its signature does not verify. So
//! [`WebhookVerifier::verify`] takes the body as `&[u8]`, exactly as received,
//! checks the signature first and only then parses the JSON: nothing of an
//! unverified body is ever parsed. In a web framework, read the route's body
//! as bytes, with no JSON extractor or body-rewriting middleware before it
//! (the `axum` feature's `VerifiedWebhook` does that).
//!
//! # The header
//!
//! `Persona-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>`. While a webhook
//! secret is rotated in the dashboard, Persona signs with both secrets and the
//! header holds two sets separated by a space: `t=…,v1=… t=…,v1=…`. A delivery is
//! accepted when any signature of any set is the body's HMAC under any of the
//! verifier's secrets (compared in constant time). The header is read as items
//! separated by commas and/or whitespace, never by commas alone:
//!
//! - a `t=` item opens a set and the `v1=` items after it (up to the next `t=`)
//!   are its signatures, so extra spaces anywhere, `t=1, v1=…`, and several `v1`
//!   in one set all work;
//! - keys other than `t` and `v1` are ignored (a future `v2` does not break
//!   verification), keys are case-sensitive;
//! - `t` must be ASCII digits (signed as written), `v1` 64 hex digits; an item
//!   without `=`, a `v1` before any `t`, a `t` without a `v1`, more than 8 sets
//!   or 16 signatures (each costs an HMAC of the body) make the header
//!   [`WebhookError::MalformedHeader`].
//!
//! # The secret
//!
//! The webhook's secret exactly as the dashboard shows it, `wbhsec_` prefix and
//! all (Persona's own samples use it as-is: no prefix stripped, no base64). An
//! app rotating its own configuration can hold two ([`WebhookVerifier::with_secret`]).
//! Empty secrets never match anything.
//!
//! # The replay window
//!
//! A signature whose `t` is more than the tolerance (default 300 s) older or
//! newer than this server's clock is refused ([`WebhookError::TimestampTooOld`],
//! [`WebhookError::TimestampInFuture`]). Persona documents no tolerance: 300 s is
//! this crate's choice, the convention of other webhook senders. The signature
//! is checked before the timestamp, so a timestamp error always means a genuine
//! delivery (replayed, or a clock off). If Persona's retries turn out to keep
//! the first attempt's `t`, late retries are refused with `TimestampTooOld`:
//! widen the tolerance if the logs show it.
//!
//! Persona also guarantees neither order nor uniqueness of events: deduplicate
//! by [`WebhookEvent::id`], order by [`WebhookEvent::created_at`].
//!
//! # Key inflection
//!
//! Each webhook has its own Key-Inflection setting: the event's keys are
//! kebab-case (`created-at`, `reference-id`, `inquiry-template`), camelCase
//! (`createdAt`, `referenceId`, `inquiryTemplate`) or snake_case (`created_at`,
//! `reference_id`, `inquiry_template`). All three parse to the same event.
//!
//! # Testing a handler
//!
//! [`sign`] and [`sign_rotation`] make the header Persona would send, so an
//! app's own handler can be tested with real signatures.

mod error;
mod event;
mod header;
mod timestamp;

#[cfg(feature = "axum")]
mod axum;

use std::fmt::{self, Write as _};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::Secret;

#[cfg(feature = "axum")]
pub use self::axum::{VerifiedWebhook, WebhookRejection};
pub use error::WebhookError;
pub use event::{EventName, Inquiry, WebhookEvent};
pub use timestamp::Timestamp;

type HmacSha256 = Hmac<Sha256>;

/// The crate README's Rust blocks, as doc tests (its webhook example uses the
/// `axum` feature).
#[cfg(all(doctest, feature = "axum", feature = "client"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The default replay window: 300 s either way (this crate's choice).
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// The default body size limit: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Verifies webhook deliveries: the `Persona-Signature` header against the raw
/// body, under one or more secrets, within a replay window, then parses the
/// event. Cheap to clone (the secrets are shared).
///
/// Its `Debug` shows how many secrets it holds, never the secrets.
///
/// ```
/// use std::time::Duration;
/// use leptos_persona_server::webhook::WebhookVerifier;
/// use leptos_persona_server::Secret;
///
/// let verifier = WebhookVerifier::new(Secret::new("wbhsec_new"))
///     .with_secret(Secret::new("wbhsec_old")) // while the app's configuration rotates
///     .with_tolerance(Duration::from_secs(600))
///     .with_max_body_bytes(256 * 1024);
/// assert_eq!(verifier.secret_count(), 2);
/// assert!(!format!("{verifier:?}").contains("wbhsec"));
/// ```
#[derive(Clone)]
pub struct WebhookVerifier {
    secrets: Arc<[Secret]>,
    tolerance: Duration,
    max_body_bytes: usize,
}

impl WebhookVerifier {
    /// A verifier with one secret, the default tolerance (300 s) and body
    /// limit (1 MiB).
    pub fn new(secret: impl Into<Secret>) -> Self {
        Self::with_secrets([secret.into()])
    }

    /// A verifier with these secrets (a delivery matching any of them is
    /// accepted); with none, or only empty ones, it refuses every delivery.
    ///
    /// ```
    /// use leptos_persona_server::webhook::WebhookVerifier;
    /// let verifier = WebhookVerifier::with_secrets(["wbhsec_a", "wbhsec_b"]);
    /// assert_eq!(verifier.secret_count(), 2);
    /// ```
    pub fn with_secrets<S: Into<Secret>>(secrets: impl IntoIterator<Item = S>) -> Self {
        Self {
            secrets: secrets.into_iter().map(Into::into).collect(),
            tolerance: DEFAULT_TOLERANCE,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }

    /// Adds a secret: deliveries signed with either are accepted.
    pub fn with_secret(self, secret: impl Into<Secret>) -> Self {
        let mut secrets = self.secrets.to_vec();
        secrets.push(secret.into());
        Self {
            secrets: secrets.into(),
            ..self
        }
    }

    /// Sets the replay window (whole seconds; a fraction is dropped): a
    /// signature's `t` may be this far behind or ahead of the clock.
    pub fn with_tolerance(self, tolerance: Duration) -> Self {
        Self { tolerance, ..self }
    }

    /// Sets the largest body verified, in bytes; larger ones are refused
    /// unread ([`WebhookError::BodyTooLarge`]).
    pub fn with_max_body_bytes(self, max_body_bytes: usize) -> Self {
        Self {
            max_body_bytes,
            ..self
        }
    }

    /// The replay window.
    pub fn tolerance(&self) -> Duration {
        self.tolerance
    }

    /// The largest body verified, in bytes.
    pub fn max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// How many secrets are configured (empty ones included).
    pub fn secret_count(&self) -> usize {
        self.secrets.len()
    }

    /// Verifies a delivery at the system clock's time; see
    /// [`WebhookVerifier::verify_at`].
    ///
    /// `header` is the `Persona-Signature` header's value (`None` when the
    /// request has none); `body` the raw body, exactly as received.
    pub fn verify(&self, header: Option<&str>, body: &[u8]) -> Result<WebhookEvent, WebhookError> {
        self.verify_at(header, body, SystemTime::now())
    }

    /// Verifies a delivery as if the clock read `now` (for tests), then parses
    /// its event.
    ///
    /// In order: the header must be there and well formed, the body within the
    /// size limit, some signature must match some secret, one matching
    /// signature's `t` must be within the tolerance of `now` (otherwise the
    /// first matching one's timestamp error is returned), and only then is the
    /// body parsed, into an event or [`WebhookError::NotAnEvent`].
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use leptos_persona_server::webhook::{sign, WebhookError, WebhookVerifier};
    /// use leptos_persona_server::Secret;
    ///
    /// let secret = Secret::new("wbhsec_example");
    /// let body = br#"{"data":{"type":"event","id":"evt_1","attributes":{"name":"inquiry.created","created-at":"2026-01-02T03:04:05Z"}}}"#;
    /// let header = sign(&secret, 1_767_323_045, body);
    /// let verifier = WebhookVerifier::new(secret);
    ///
    /// let in_time = UNIX_EPOCH + Duration::from_secs(1_767_323_045 + 10);
    /// assert!(verifier.verify_at(Some(&header), body, in_time).is_ok());
    ///
    /// let late = UNIX_EPOCH + Duration::from_secs(1_767_323_045 + 301);
    /// assert!(matches!(
    ///     verifier.verify_at(Some(&header), body, late),
    ///     Err(WebhookError::TimestampTooOld { age_seconds: 301, .. })
    /// ));
    ///
    /// let mut tampered = body.to_vec();
    /// tampered[40] ^= 1;
    /// assert!(matches!(
    ///     verifier.verify_at(Some(&header), &tampered, in_time),
    ///     Err(WebhookError::NoMatchingSignature { .. })
    /// ));
    /// ```
    pub fn verify_at(
        &self,
        header: Option<&str>,
        body: &[u8],
        now: SystemTime,
    ) -> Result<WebhookEvent, WebhookError> {
        let header = header.ok_or(WebhookError::MissingHeader)?;
        let (sets, signatures) = header::parse(header)?;
        if body.len() > self.max_body_bytes {
            return Err(WebhookError::BodyTooLarge {
                limit: self.max_body_bytes,
            });
        }
        // Before the epoch, the clock is wrong: every timestamp is in its future.
        let now = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let tolerance = self.tolerance.as_secs();
        let mut first_time_error = None;
        for set in &sets {
            if !self.matches(set, body) {
                continue;
            }
            let error = if set.t < now && now - set.t > tolerance {
                WebhookError::TimestampTooOld {
                    age_seconds: now - set.t,
                    tolerance_seconds: tolerance,
                }
            } else if set.t > now && set.t - now > tolerance {
                WebhookError::TimestampInFuture {
                    ahead_seconds: set.t - now,
                    tolerance_seconds: tolerance,
                }
            } else {
                return WebhookEvent::parse(body, set.t);
            };
            first_time_error.get_or_insert(error);
        }
        Err(
            first_time_error.unwrap_or_else(|| WebhookError::NoMatchingSignature {
                signatures,
                secrets: self.secrets.iter().filter(|s| !s.is_empty()).count(),
            }),
        )
    }

    /// Whether any of the set's signatures is the body's HMAC under any secret.
    fn matches(&self, set: &header::SignatureSet<'_>, body: &[u8]) -> bool {
        self.secrets.iter().filter(|s| !s.is_empty()).any(|secret| {
            let Some(mac) = signed_bytes_mac(secret, set.t_text, body) else {
                return false;
            };
            set.signatures
                .iter()
                .any(|signature| mac.clone().verify_slice(signature).is_ok())
        })
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field(
                "secrets",
                &format_args!("<{} redacted>", self.secrets.len()),
            )
            .field("tolerance", &self.tolerance)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// The HMAC of `"{t}.{body}"` under the secret, ready to finalise.
fn signed_bytes_mac(secret: &Secret, t: &str, body: &[u8]) -> Option<HmacSha256> {
    let mut mac = HmacSha256::new_from_slice(secret.expose().as_bytes()).ok()?;
    mac.update(t.as_bytes());
    mac.update(b".");
    mac.update(body);
    Some(mac)
}

/// The `Persona-Signature` header Persona would send for `body` signed with
/// `secret` at `timestamp` (Unix seconds): `t=<timestamp>,v1=<hex HMAC>`. For
/// testing an app's own webhook handler.
///
/// ```
/// use leptos_persona_server::webhook::sign;
/// use leptos_persona_server::Secret;
/// let header = sign(&Secret::new("wbhsec_example"), 1_700_000_000, b"{}");
/// assert!(header.starts_with("t=1700000000,v1="));
/// assert_eq!(header.len(), "t=1700000000,v1=".len() + 64);
/// ```
pub fn sign(secret: &Secret, timestamp: u64, body: &[u8]) -> String {
    sign_rotation(std::slice::from_ref(secret), timestamp, body)
}

/// The header Persona sends while a secret is rotated: one `t=…,v1=…` set per
/// secret, separated by spaces, in the order given.
///
/// ```
/// use leptos_persona_server::webhook::{sign_rotation, WebhookVerifier};
/// use leptos_persona_server::Secret;
/// use std::time::{Duration, UNIX_EPOCH};
///
/// let (old, new) = (Secret::new("wbhsec_old"), Secret::new("wbhsec_new"));
/// let body = br#"{"data":{"type":"event","id":"evt_1","attributes":{"name":"inquiry.created","created-at":"2026-01-02T03:04:05Z"}}}"#;
/// let header = sign_rotation(&[old.clone(), new.clone()], 1_700_000_000, body);
/// assert_eq!(header.split(' ').count(), 2);
///
/// // An app that knows only one of the two secrets accepts it.
/// let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// assert!(WebhookVerifier::new(new).verify_at(Some(&header), body, now).is_ok());
/// assert!(WebhookVerifier::new(old).verify_at(Some(&header), body, now).is_ok());
/// ```
pub fn sign_rotation(secrets: &[Secret], timestamp: u64, body: &[u8]) -> String {
    let t = timestamp.to_string();
    let mut header = String::new();
    for secret in secrets {
        if !header.is_empty() {
            header.push(' ');
        }
        header.push_str("t=");
        header.push_str(&t);
        header.push_str(",v1=");
        if let Some(mac) = signed_bytes_mac(secret, &t, body) {
            for byte in mac.finalize().into_bytes() {
                // Writing to a String cannot fail.
                let _ = write!(header, "{byte:02x}");
            }
        }
    }
    header
}
