//! [`ApiError`]: what went wrong with a call to Persona's API, typed from the
//! HTTP status and Persona's `{"errors":[{"title","details"}]}` body.

use std::fmt;
use std::time::Duration;

use crate::InquiryStatus;

/// Why a call to Persona's API failed. Each variant's `Display` says what is
/// wrong and what to do about it; none of them ever holds the API key (a
/// server that echoes the key in an error's text gets it replaced with
/// `<redacted>`).
///
/// `detail` fields hold Persona's own explanation (the `title` and `details` of
/// each entry of its `errors` array, joined by `; `), empty when the answer
/// had none.
///
/// ```
/// use leptos_persona_server::api::ApiError;
/// use leptos_persona_server::InquiryStatus;
///
/// let error = ApiError::InquiryFinished {
///     inquiry_id: "inq_1".into(),
///     status: Some(InquiryStatus::Approved),
/// };
/// assert!(error.to_string().contains("approved"));
/// assert!(!error.is_retryable());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiError {
    /// The client's configuration is unusable (an empty API key, a base URL
    /// that is not `http(s)://host/…`, a malformed `Persona-Version`).
    Config {
        /// What is wrong with it.
        problem: String,
    },
    /// A call's argument is unusable (an empty inquiry id, an
    /// `Idempotency-Key` that is not printable ASCII).
    InvalidInput {
        /// What is wrong with it.
        problem: String,
    },
    /// 401: Persona refused the API key.
    Unauthorized {
        /// Persona's explanation.
        detail: String,
    },
    /// 403: the key is valid but may not do this (its permissions, or the
    /// environment it belongs to).
    Forbidden {
        /// Persona's explanation.
        detail: String,
    },
    /// 404: no such inquiry (or template) for this key's environment.
    NotFound {
        /// Persona's explanation.
        detail: String,
    },
    /// 409 on a resume: the inquiry is finished (completed, failed, in review,
    /// approved, declined or redacted) and cannot be resumed.
    InquiryFinished {
        /// The inquiry that was to be resumed.
        inquiry_id: String,
        /// Its status, when a retrieve after the 409 could tell.
        status: Option<InquiryStatus>,
    },
    /// 409 on any other call.
    Conflict {
        /// Persona's explanation.
        detail: String,
    },
    /// 400 or 422: Persona refused the request's content (an unknown or
    /// inactive template, an invalid field, an `Idempotency-Key` reused with
    /// other parameters).
    Rejected {
        /// The HTTP status (400 or 422).
        status: u16,
        /// Persona's explanation.
        detail: String,
    },
    /// 429, still after every allowed attempt, or with a wait longer than the
    /// client may wait.
    RateLimited {
        /// How long Persona asked to wait (`Retry-After` or `RateLimit-Reset`),
        /// when it said.
        retry_after: Option<Duration>,
        /// How many requests were made.
        attempts: u32,
    },
    /// A 5xx, still after every allowed attempt.
    Server {
        /// The HTTP status.
        status: u16,
        /// Persona's explanation.
        detail: String,
        /// How many requests were made.
        attempts: u32,
    },
    /// Any other status that is not a success (a redirect, 405, 410…).
    Status {
        /// The HTTP status.
        status: u16,
        /// Persona's explanation.
        detail: String,
    },
    /// No answer: the connection failed, or the answer did not come within the
    /// request timeout, still after every allowed attempt.
    Transport {
        /// Whether it was a timeout, a failed connection, or something else.
        kind: TransportKind,
        /// The HTTP client's description of the failure (no headers, no key).
        message: String,
        /// How many requests were made.
        attempts: u32,
    },
    /// A 2xx whose body is not what Persona documents.
    Decode {
        /// What was missing or malformed, and in the answer to which call.
        what: String,
    },
    /// A resume (or a create) answered 2xx without `meta.session-token`: the
    /// flow cannot be opened with it, so this is never a success.
    MissingSessionToken {
        /// The inquiry the token was for.
        inquiry_id: String,
    },
    /// The system's random number generator failed (for an `Idempotency-Key`).
    Randomness {
        /// The generator's error.
        message: String,
    },
}

/// What kind of transport failure [`ApiError::Transport`] was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportKind {
    /// No answer within the request timeout.
    Timeout,
    /// The connection could not be made (refused, DNS, TLS).
    Connect,
    /// The connection broke, or the answer's body could not be read.
    Other,
}

impl ApiError {
    /// The HTTP status Persona answered with, when the error came from one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Unauthorized { .. } => Some(401),
            Self::Forbidden { .. } => Some(403),
            Self::NotFound { .. } => Some(404),
            Self::InquiryFinished { .. } | Self::Conflict { .. } => Some(409),
            Self::RateLimited { .. } => Some(429),
            Self::Rejected { status, .. }
            | Self::Server { status, .. }
            | Self::Status { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether trying the same call again later may succeed (rate limits,
    /// server errors, transport failures); the client already retried these
    /// as far as its configuration allows.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Self::RateLimited { .. } | Self::Server { .. } | Self::Transport { .. }
        )
    }
}

/// `": detail"`, or nothing when there is none.
struct Detail<'a>(&'a str);

impl fmt::Display for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, " ({})", self.0)
        }
    }
}

fn attempts(n: &u32) -> &'static str {
    if *n == 1 {
        "request"
    } else {
        "requests"
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Config { problem } => write!(
                f,
                "the Persona API client is misconfigured: {problem}; fix the Client::builder call"
            ),
            Self::InvalidInput { problem } => {
                write!(f, "invalid argument for the Persona API: {problem}")
            }
            Self::Unauthorized { detail } => write!(
                f,
                "Persona refused the API key (401){}: check that the key is current (not \
                 revoked) and belongs to the environment (sandbox or production) of this base URL",
                Detail(detail)
            ),
            Self::Forbidden { detail } => write!(
                f,
                "Persona forbids this call to the API key (403){}: give the key the \
                 permission in Persona's dashboard, or use a key of the right environment",
                Detail(detail)
            ),
            Self::NotFound { detail } => write!(
                f,
                "Persona has no such resource (404){}: check the id, and that it belongs to \
                 this API key's environment",
                Detail(detail)
            ),
            Self::InquiryFinished { inquiry_id, status } => match status {
                Some(status) => write!(
                    f,
                    "inquiry {inquiry_id} cannot be resumed: it is {status} (409); show its \
                     outcome instead, or create a new inquiry if a retry is allowed"
                ),
                None => write!(
                    f,
                    "inquiry {inquiry_id} cannot be resumed: it is finished (409); retrieve it \
                     for its status, or create a new inquiry if a retry is allowed"
                ),
            },
            Self::Conflict { detail } => write!(
                f,
                "Persona refused the call as conflicting with the resource's state (409){}",
                Detail(detail)
            ),
            Self::Rejected { status, detail } => write!(
                f,
                "Persona rejected the request ({status}){}: check the template id (active, of \
                 this environment) and the fields; an Idempotency-Key may only be reused with \
                 the same parameters",
                Detail(detail)
            ),
            Self::RateLimited {
                retry_after,
                attempts: n,
            } => {
                write!(
                    f,
                    "Persona's rate limit was hit (429) after {n} {}",
                    attempts(n)
                )?;
                match retry_after {
                    Some(wait) => write!(f, ": try again in {:.1} s", wait.as_secs_f64())?,
                    None => f.write_str(": try again later")?,
                }
                f.write_str(" (the default limit is 300 requests per minute per environment)")
            }
            Self::Server {
                status,
                detail,
                attempts: n,
            } => write!(
                f,
                "Persona answered {status} (a server error){} after {n} {}: try again later; \
                 status.withpersona.com reports outages",
                Detail(detail),
                attempts(n)
            ),
            Self::Status { status, detail } => write!(
                f,
                "Persona answered with unexpected HTTP status {status}{}: check the base URL \
                 (https://api.withpersona.com/api/v1, or the regional host)",
                Detail(detail)
            ),
            Self::Transport {
                kind,
                message,
                attempts: n,
            } => {
                let what = match kind {
                    TransportKind::Timeout => "no answer from Persona within the timeout",
                    TransportKind::Connect => "could not connect to Persona",
                    TransportKind::Other => "the connection to Persona failed",
                };
                write!(
                    f,
                    "{what} after {n} {} ({message}): check the base URL and the network; a \
                     longer timeout may help",
                    attempts(n)
                )
            }
            Self::Decode { what } => write!(
                f,
                "Persona's answer is not what its API documents: {what}; check the base URL and \
                 the Persona-Version the client pins"
            ),
            Self::MissingSessionToken { inquiry_id } => write!(
                f,
                "Persona answered without a session token for inquiry {inquiry_id} \
                 (meta.session-token), so its flow cannot be opened: resume it again"
            ),
            Self::Randomness { message } => write!(
                f,
                "the system's random number generator failed ({message}): no Idempotency-Key \
                 could be made; pass one with CreateInquiry::idempotency_key"
            ),
        }
    }
}

impl std::error::Error for ApiError {}

/// Persona's error body, `{"errors":[{"title","details"}]}` (`detail` and
/// `message` accepted too), as one line; empty when there is none. Any
/// occurrence of `secret` (the API key) is replaced with `<redacted>`.
pub(crate) fn error_detail(body: &[u8], secret: &str) -> String {
    let mut parts = Vec::new();
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        let entries = value
            .get("errors")
            .and_then(|e| e.as_array())
            .map(Vec::as_slice)
            .unwrap_or_default();
        for entry in entries {
            let text = |key: &str| entry.get(key).and_then(|v| v.as_str()).unwrap_or("");
            let title = text("title");
            let details = [text("details"), text("detail"), text("message")]
                .into_iter()
                .find(|s| !s.is_empty())
                .unwrap_or("");
            let part = match (title.is_empty(), details.is_empty()) {
                (false, false) => format!("{title}: {details}"),
                (false, true) => title.to_owned(),
                (true, false) => details.to_owned(),
                (true, true) => continue,
            };
            parts.push(part);
        }
    }
    let mut detail: String = parts.join("; ");
    // Redacted before it is shortened, so that no prefix of the key survives.
    if !secret.is_empty() {
        detail = detail.replace(secret, "<redacted>");
    }
    if detail.chars().count() > 500 {
        detail = detail.chars().take(500).collect::<String>() + "…";
    }
    detail
}
