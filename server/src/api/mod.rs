//! Persona's REST API (the `client` feature): create, retrieve, list and resume
//! inquiries, and [`Client::start_or_resume`], which keeps one inquiry per
//! person and gives `<PersonaInquiry>` the inquiry id and session token it
//! takes.
//!
//! ```no_run
//! use leptos_persona_server::api::{Client, Start, Template};
//! use leptos_persona_server::Secret;
//!
//! # async fn run() -> Result<(), leptos_persona_server::api::ApiError> {
//! let client = Client::builder(Secret::new(std::env::var("PERSONA_API_KEY").unwrap_or_default()))
//!     .build()?;
//! match client.start_or_resume("user-42", &Template::id("itmpl_abc")).await? {
//!     Start::Resume { inquiry_id, session_token, .. } => {
//!         // Render <PersonaInquiry inquiry_id=inquiry_id session_token=session_token/>.
//!         # let _ = (inquiry_id, session_token);
//!     }
//!     Start::Finished { status, .. } => println!("already {status}"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Every request
//!
//! - `Authorization: Bearer <key>`: the key never appears in a `Debug`,
//!   `Display`, log line or [`ApiError`] (an error text echoing it is redacted).
//! - `Persona-Version:` [`DEFAULT_PERSONA_VERSION`] unless configured: pinned,
//!   so that the answers' shapes do not follow the key's default version when
//!   someone changes it in the dashboard.
//! - `Key-Inflection: kebab` (answers are still read in camel or snake case).
//! - A timeout ([`ClientBuilder::timeout`], 10 s by default), for each attempt.
//!
//! # Retries
//!
//! At most [`ClientBuilder::max_attempts`] requests per call (4 by default):
//!
//! - 429: after the longer of `Retry-After` and `RateLimit-Reset` (seconds),
//!   or a backoff when neither says; when Persona asks for more than
//!   [`ClientBuilder::max_retry_wait`] (10 s by default), the call fails at
//!   once with [`ApiError::RateLimited`] and the wait asked for.
//! - 5xx, 408, timeouts and broken connections: after an exponential backoff
//!   with jitter ([`ClientBuilder::retry_backoff`], 250 ms doubling, at most
//!   `max_retry_wait`); a 503's `Retry-After` is honoured like a 429's.
//! - POSTs are retried only when their effect cannot double: a create always
//!   carries an `Idempotency-Key` (the caller's, or a random one made for the
//!   call and sent with each of its attempts), so Persona answers a retry with
//!   the first inquiry instead of making a second. Persona replays the stored
//!   answer of a key, a 5xx too: a retried create helps against failures in
//!   front of the API (gateways, connections), and an answer marked
//!   `Idempotent-Replayed: true` is final (retrying could only replay it).
//!   [`Client::start_or_resume`] recovers from a failed create by looking
//!   again and using a second key. A 409 to a create (another request with
//!   the key in flight) is retried.
//! - A resume is sent without a key and retried as safe to repeat: repeating
//!   it changes nothing but the session token it issues, and the client
//!   returns the last one. (With a key, Persona would replay a 5xx to every
//!   retry.)

mod error;
mod retry;
mod start;
mod types;

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Method, Url};
use serde_json::Value;

pub use error::{ApiError, TransportKind};
pub use start::StartOptions;
pub use types::{CreateInquiry, Created, Inquiry, Resumed, Start, Template};

use crate::{InquiryStatus, Secret};
use retry::Replay;

/// Persona's API in the US (the default).
pub const DEFAULT_BASE_URL: &str = "https://api.withpersona.com/api/v1";

/// The `Persona-Version` sent unless [`ClientBuilder::persona_version`] says
/// otherwise: `2023-01-05`, the version whose JSON:API shapes this client reads
/// (kebab keys, `relationships.inquiry-template`, `meta.session-token` on a
/// resume) and the one Persona's docs are consistent about; later dates
/// (2025-10-27, 2025-12-08) are listed as "latest" by different pages.
pub const DEFAULT_PERSONA_VERSION: &str = "2023-01-05";

/// How many pages [`Client::list_inquiries`] follows at most.
pub const MAX_LIST_PAGES: usize = 10;

/// Configures a [`Client`]: [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use leptos_persona_server::api::Client;
///
/// let client = Client::builder("persona_sandbox_123")
///     .base_url("http://127.0.0.1:8787/api/v1")
///     .persona_version("2025-12-08")
///     .timeout(Duration::from_secs(5))
///     .max_attempts(3)
///     .build()?;
/// assert!(!format!("{client:?}").contains("persona_sandbox_123"));
/// # Ok::<(), leptos_persona_server::api::ApiError>(())
/// ```
#[derive(Clone)]
pub struct ClientBuilder {
    api_key: Secret,
    base_url: String,
    persona_version: String,
    timeout: Duration,
    max_attempts: u32,
    retry_backoff: Duration,
    max_retry_wait: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key)
            .field("base_url", &self.base_url)
            .field("persona_version", &self.persona_version)
            .field("timeout", &self.timeout)
            .field("max_attempts", &self.max_attempts)
            .field("retry_backoff", &self.retry_backoff)
            .field("max_retry_wait", &self.max_retry_wait)
            .finish()
    }
}

impl ClientBuilder {
    /// The API's base URL, up to `/api/v1`: [`DEFAULT_BASE_URL`] by default; a
    /// regional host, or the flow simulator's `http://127.0.0.1:PORT/api/v1`.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The `Persona-Version` to pin (`YYYY-MM-DD`): [`DEFAULT_PERSONA_VERSION`]
    /// by default.
    pub fn persona_version(mut self, version: impl Into<String>) -> Self {
        self.persona_version = version.into();
        self
    }

    /// How long one request may take, connection included (10 s by default).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many requests one call may make, retries included (4 by default; at
    /// least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts;
        self
    }

    /// The first backoff before a retry (250 ms by default), doubled for each
    /// further one, with jitter.
    pub fn retry_backoff(mut self, backoff: Duration) -> Self {
        self.retry_backoff = backoff;
        self
    }

    /// The longest wait before a retry (10 s by default): a 429 asking for
    /// longer fails at once with [`ApiError::RateLimited`].
    pub fn max_retry_wait(mut self, wait: Duration) -> Self {
        self.max_retry_wait = wait;
        self
    }

    /// The client, or [`ApiError::Config`] saying what is wrong.
    pub fn build(self) -> Result<Client, ApiError> {
        let config = |problem: &str| ApiError::Config {
            problem: problem.into(),
        };
        if self.api_key.is_empty() {
            return Err(config("the API key is empty"));
        }
        let mut auth = HeaderValue::try_from(format!("Bearer {}", self.api_key.expose()))
            .map_err(|_| config("the API key holds characters a header cannot carry"))?;
        auth.set_sensitive(true);
        let version = &self.persona_version;
        let is_date = version.len() == 10
            && version.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            });
        if !is_date {
            return Err(ApiError::Config {
                problem: format!("Persona-Version {version:?} is not a date (YYYY-MM-DD)"),
            });
        }
        let mut base = Url::parse(self.base_url.trim()).map_err(|e| ApiError::Config {
            problem: format!("the base URL {:?} is not a URL ({e})", self.base_url),
        })?;
        if !matches!(base.scheme(), "https" | "http") || base.host_str().is_none() {
            return Err(config("the base URL must be http(s)://host/…"));
        }
        if !base.username().is_empty() || base.password().is_some() {
            return Err(config(
                "the base URL must not hold credentials (the API key is sent as a header)",
            ));
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(config("the base URL must not have a query or a fragment"));
        }
        if base.cannot_be_a_base() {
            return Err(config("the base URL must be http(s)://host/…"));
        }
        if let Ok(mut segments) = base.path_segments_mut() {
            segments.pop_if_empty();
        }
        if self.timeout.is_zero() {
            return Err(config("the timeout is zero"));
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("leptos-persona-server/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(self.timeout)
            .build()
            .map_err(|e| ApiError::Config {
                problem: format!("the HTTP client could not start ({e})"),
            })?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                version: HeaderValue::try_from(version.as_str())
                    .map_err(|_| config("the Persona-Version is not a header value"))?,
                auth,
                key: self.api_key,
                base,
                timeout: self.timeout,
                max_attempts: self.max_attempts.max(1),
                retry_backoff: self.retry_backoff,
                max_retry_wait: self.max_retry_wait,
            }),
        })
    }
}

/// A client of Persona's REST API. Cheap to clone (the clones share one
/// connection pool); use one for the whole app. See the [module docs](self)
/// for what each request carries and how calls are retried.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    key: Secret,
    auth: HeaderValue,
    version: HeaderValue,
    base: Url,
    timeout: Duration,
    max_attempts: u32,
    retry_backoff: Duration,
    max_retry_wait: Duration,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("api_key", &inner.key)
            .field("base_url", &inner.base.as_str())
            .field("persona_version", &inner.version)
            .field("timeout", &inner.timeout)
            .field("max_attempts", &inner.max_attempts)
            .finish_non_exhaustive()
    }
}

/// One logical call: its request, sent as many times as its [`Replay`] and
/// the client allow.
struct Call {
    method: Method,
    url: Url,
    body: Option<Vec<u8>>,
    replay: Replay,
}

impl Call {
    /// `POST /inquiries/…` (the path under the base URL, no query), for
    /// errors and logs.
    fn label(&self, base: &Url) -> String {
        let path = self.url.path();
        let under = path.strip_prefix(base.path()).unwrap_or(path);
        format!("{} {under}", self.method)
    }
}

/// How one attempt failed.
enum Failure {
    /// A status that is not a success, with its headers and body.
    Status {
        status: u16,
        headers: reqwest::header::HeaderMap,
        body: Vec<u8>,
    },
    /// No answer.
    Transport {
        kind: TransportKind,
        message: String,
    },
    /// Not worth another attempt (a 2xx that is not JSON).
    Final(ApiError),
}

impl Client {
    /// A builder with the defaults: [`DEFAULT_BASE_URL`],
    /// [`DEFAULT_PERSONA_VERSION`], a 10 s timeout, 4 attempts.
    pub fn builder(api_key: impl Into<Secret>) -> ClientBuilder {
        ClientBuilder {
            api_key: api_key.into(),
            base_url: DEFAULT_BASE_URL.into(),
            persona_version: DEFAULT_PERSONA_VERSION.into(),
            timeout: Duration::from_secs(10),
            max_attempts: 4,
            retry_backoff: Duration::from_millis(250),
            max_retry_wait: Duration::from_secs(10),
        }
    }

    /// A client with every default but the key.
    ///
    /// ```
    /// let client = leptos_persona_server::api::Client::new("persona_sandbox_123")?;
    /// # let _ = client;
    /// # Ok::<(), leptos_persona_server::api::ApiError>(())
    /// ```
    pub fn new(api_key: impl Into<Secret>) -> Result<Self, ApiError> {
        Self::builder(api_key).build()
    }

    /// The base URL, as normalised (no trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.base.as_str()
    }

    /// Creates an inquiry (`POST /inquiries`), with the request's
    /// `Idempotency-Key` or a random one, which every retry of this call
    /// reuses. The answer's session token is kept when Persona sends one
    /// (otherwise [`resume_inquiry`](Self::resume_inquiry) gives one).
    ///
    /// ```no_run
    /// # async fn run(client: leptos_persona_server::api::Client) -> Result<(), leptos_persona_server::api::ApiError> {
    /// use leptos_persona_server::api::{CreateInquiry, Template};
    /// let created = client
    ///     .create_inquiry(&CreateInquiry::new(Template::id("itmpl_abc")).reference_id("user-42"))
    ///     .await?;
    /// println!("{} is {}", created.inquiry.id, created.inquiry.status);
    /// # Ok(())
    /// # }
    /// ```
    pub async fn create_inquiry(&self, request: &CreateInquiry) -> Result<Created, ApiError> {
        let body = request.body()?;
        let key = match request.key() {
            Some(key) if retry::valid_key(key) => key.to_owned(),
            Some(_) => {
                return Err(ApiError::InvalidInput {
                    problem: "an Idempotency-Key must be 1 to 255 visible ASCII characters".into(),
                })
            }
            None => retry::random_key().map_err(|e| ApiError::Randomness {
                message: e.to_string(),
            })?,
        };
        let call = Call {
            method: Method::POST,
            url: self.url(&["inquiries"]),
            body: Some(body.to_string().into_bytes()),
            replay: Replay::Keyed(key),
        };
        let answer = self.send(&call).await?;
        let inquiry = self.data(&answer, &call)?;
        Ok(Created {
            session_token: types::session_token(&answer),
            inquiry,
        })
    }

    /// Retrieves an inquiry (`GET /inquiries/{id}`).
    ///
    /// ```no_run
    /// # async fn run(client: leptos_persona_server::api::Client) -> Result<(), leptos_persona_server::api::ApiError> {
    /// let inquiry = client.retrieve_inquiry("inq_123").await?;
    /// if inquiry.status.is_decided() {
    ///     println!("{}: {}", inquiry.id, inquiry.status);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn retrieve_inquiry(&self, inquiry_id: &str) -> Result<Inquiry, ApiError> {
        let call = Call {
            method: Method::GET,
            url: self.url(&["inquiries", inquiry_id_segment(inquiry_id)?]),
            body: None,
            replay: Replay::Safe,
        };
        let answer = self.send(&call).await?;
        self.data(&answer, &call)
    }

    /// The inquiries of the person your app knows as `reference_id`, newest
    /// first as Persona lists them, with one of `statuses` (any status when
    /// empty): `GET /inquiries?filter[reference-id]=…&filter[status]=…`,
    /// following `links.next` on the same host for at most
    /// [`MAX_LIST_PAGES`] pages.
    ///
    /// ```no_run
    /// # async fn run(client: leptos_persona_server::api::Client) -> Result<(), leptos_persona_server::api::ApiError> {
    /// use leptos_persona_server::InquiryStatus;
    /// let open = client
    ///     .list_inquiries("user-42", &[InquiryStatus::Created, InquiryStatus::Pending])
    ///     .await?;
    /// println!("{} open inquiries", open.len());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn list_inquiries(
        &self,
        reference_id: &str,
        statuses: &[InquiryStatus],
    ) -> Result<Vec<Inquiry>, ApiError> {
        let mut url = self.url(&["inquiries"]);
        {
            let mut query = url.query_pairs_mut();
            query.append_pair(
                "filter[reference-id]",
                non_empty(reference_id, "the reference id")?,
            );
            if !statuses.is_empty() {
                let statuses: Vec<&str> = statuses.iter().map(InquiryStatus::as_str).collect();
                query.append_pair("filter[status]", &statuses.join(","));
            }
        }
        let mut inquiries = Vec::new();
        for _ in 0..MAX_LIST_PAGES {
            let call = Call {
                method: Method::GET,
                url,
                body: None,
                replay: Replay::Safe,
            };
            let answer = self.send(&call).await?;
            let decode = |what: String| ApiError::Decode {
                what: format!("{what} in the answer to {}", call.label(&self.inner.base)),
            };
            let page = answer
                .get("data")
                .and_then(Value::as_array)
                .ok_or_else(|| decode("no data array".into()))?;
            for (i, resource) in page.iter().enumerate() {
                inquiries.push(Inquiry::from_json_api(resource).map_err(|e| match e {
                    ApiError::Decode { what } => decode(format!("data[{i}]: {what}")),
                    other => other,
                })?);
            }
            let next = answer
                .get("links")
                .and_then(|links| links.get("next"))
                .and_then(Value::as_str)
                .filter(|next| !next.is_empty());
            let Some(next) = next else { break };
            if page.is_empty() {
                break;
            }
            url = match self.inner.base.join(next) {
                Ok(next) if next.origin() == self.inner.base.origin() => next,
                _ => return Err(decode("links.next points to another host".into())),
            };
        }
        Ok(inquiries)
    }

    /// Resumes an inquiry (`POST /inquiries/{id}/resume`) for a new session
    /// token; an expired one is `pending` again. A finished inquiry (Persona
    /// answers 409) gives [`ApiError::InquiryFinished`], with its status from a
    /// retrieve; a 2xx without `meta.session-token` gives
    /// [`ApiError::MissingSessionToken`].
    ///
    /// ```no_run
    /// # async fn run(client: leptos_persona_server::api::Client) -> Result<(), leptos_persona_server::api::ApiError> {
    /// use leptos_persona_server::api::ApiError;
    /// match client.resume_inquiry("inq_123").await {
    ///     Ok(resumed) => println!("open {} with its token", resumed.inquiry_id),
    ///     Err(ApiError::InquiryFinished { status, .. }) => println!("finished: {status:?}"),
    ///     Err(other) => return Err(other),
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub async fn resume_inquiry(&self, inquiry_id: &str) -> Result<Resumed, ApiError> {
        let call = Call {
            method: Method::POST,
            url: self.url(&["inquiries", inquiry_id_segment(inquiry_id)?, "resume"]),
            body: None,
            replay: Replay::Safe,
        };
        let answer = match self.send(&call).await {
            Ok(answer) => answer,
            Err(ApiError::Conflict { .. }) => {
                let status = self
                    .retrieve_inquiry(inquiry_id)
                    .await
                    .ok()
                    .map(|i| i.status);
                return Err(ApiError::InquiryFinished {
                    inquiry_id: inquiry_id.to_owned(),
                    status,
                });
            }
            Err(other) => return Err(other),
        };
        let session_token =
            types::session_token(&answer).ok_or_else(|| ApiError::MissingSessionToken {
                inquiry_id: inquiry_id.to_owned(),
            })?;
        Ok(Resumed {
            inquiry_id: inquiry_id.to_owned(),
            session_token,
            inquiry: answer
                .get("data")
                .and_then(|data| Inquiry::from_json_api(data).ok()),
        })
    }

    /// `base/segments…` (segments checked by the caller: see
    /// [`inquiry_id_segment`]).
    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.inner.base.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.extend(segments);
        }
        url
    }

    /// The inquiry in `answer.data`.
    fn data(&self, answer: &Value, call: &Call) -> Result<Inquiry, ApiError> {
        let label = || call.label(&self.inner.base);
        let data = answer.get("data").ok_or_else(|| ApiError::Decode {
            what: format!("no data in the answer to {}", label()),
        })?;
        Inquiry::from_json_api(data).map_err(|e| match e {
            ApiError::Decode { what } => ApiError::Decode {
                what: format!("{what}, in the answer to {}", label()),
            },
            other => other,
        })
    }

    /// Sends `call` until it succeeds, fails for good, or runs out of attempts.
    async fn send(&self, call: &Call) -> Result<Value, ApiError> {
        let inner = &self.inner;
        let mut attempt = 1;
        loop {
            let failure = match self.attempt(call).await {
                Ok(answer) => return Ok(answer),
                Err(failure) => failure,
            };
            let (retry, asked) = match &failure {
                // The stored answer of this key: every retry would get it again.
                Failure::Status { headers, .. } if retry::is_replay(headers) => (false, None),
                Failure::Status {
                    status: 429,
                    headers,
                    ..
                } => (true, retry::server_wait(headers)),
                Failure::Status {
                    status: 503,
                    headers,
                    ..
                } => (call.replay.after_failure(), retry::server_wait(headers)),
                Failure::Status { status, .. } if *status >= 500 || *status == 408 => {
                    (call.replay.after_failure(), None)
                }
                Failure::Status { status: 409, .. } => (call.replay.key().is_some(), None),
                Failure::Transport { .. } => (call.replay.after_failure(), None),
                Failure::Status { .. } | Failure::Final(_) => (false, None),
            };
            if retry && attempt < inner.max_attempts {
                let wait = match asked {
                    Some(asked) if asked > inner.max_retry_wait => None,
                    Some(asked) => Some(asked),
                    None => Some(retry::backoff(
                        inner.retry_backoff,
                        inner.max_retry_wait,
                        attempt + 1,
                    )),
                };
                if let Some(wait) = wait {
                    tracing::warn!(
                        call = %call.label(&inner.base),
                        attempt,
                        failure = %failure.summary(),
                        wait_ms = wait.as_millis() as u64,
                        "Persona API: retrying"
                    );
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                    continue;
                }
            }
            return Err(self.error(failure, attempt, asked));
        }
    }

    /// One request of `call`.
    async fn attempt(&self, call: &Call) -> Result<Value, Failure> {
        let inner = &self.inner;
        let mut request = inner
            .http
            .request(call.method.clone(), call.url.clone())
            .timeout(inner.timeout)
            .header(AUTHORIZATION, inner.auth.clone())
            .header("Persona-Version", inner.version.clone())
            .header("Key-Inflection", "kebab")
            .header(ACCEPT, "application/json");
        if let Some(key) = call.replay.key() {
            request = request.header("Idempotency-Key", key);
        }
        if let Some(body) = &call.body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let response = request.send().await.map_err(|e| self.transport(e))?;
        let status = response.status().as_u16();
        tracing::debug!(call = %call.label(&inner.base), status, "Persona API");
        if (200..300).contains(&status) {
            let body = response.bytes().await.map_err(|e| self.transport(e))?;
            if body.iter().all(u8::is_ascii_whitespace) {
                return Ok(Value::Null);
            }
            serde_json::from_slice(&body).map_err(|e| {
                Failure::Final(ApiError::Decode {
                    what: format!(
                        "the answer to {} is not JSON ({e})",
                        call.label(&inner.base)
                    ),
                })
            })
        } else {
            let headers = response.headers().clone();
            let body = response
                .bytes()
                .await
                .map(|b| b.to_vec())
                .unwrap_or_default();
            Err(Failure::Status {
                status,
                headers,
                body,
            })
        }
    }

    /// A transport failure, described without the URL (and without the key,
    /// should the HTTP client ever print it).
    fn transport(&self, error: reqwest::Error) -> Failure {
        let kind = if error.is_timeout() {
            TransportKind::Timeout
        } else if error.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Other
        };
        let error = error.without_url();
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        Failure::Transport {
            kind,
            message: message.replace(self.inner.key.expose(), "<redacted>"),
        }
    }

    /// The error `failure` ends the call with, after `attempts` requests.
    fn error(&self, failure: Failure, attempts: u32, asked: Option<Duration>) -> ApiError {
        let (status, body) = match failure {
            Failure::Final(error) => return error,
            Failure::Transport { kind, message } => {
                return ApiError::Transport {
                    kind,
                    message,
                    attempts,
                }
            }
            Failure::Status { status, body, .. } => (status, body),
        };
        let detail = error::error_detail(&body, self.inner.key.expose());
        match status {
            401 => ApiError::Unauthorized { detail },
            403 => ApiError::Forbidden { detail },
            404 => ApiError::NotFound { detail },
            409 => ApiError::Conflict { detail },
            400 | 422 => ApiError::Rejected { status, detail },
            429 => ApiError::RateLimited {
                retry_after: asked,
                attempts,
            },
            500..=599 => ApiError::Server {
                status,
                detail,
                attempts,
            },
            _ => ApiError::Status { status, detail },
        }
    }
}

impl Failure {
    /// For a log line: the status or the kind of transport failure.
    fn summary(&self) -> String {
        match self {
            Self::Status { status, .. } => status.to_string(),
            Self::Transport { kind, .. } => format!("{kind:?}"),
            Self::Final(_) => "final".into(),
        }
    }
}

/// `id` as a path segment: Persona's ids (`inq_…`) are ASCII letters, digits,
/// `_` and `-`; anything else (`..`, `%2e`, `/`) could reach another path.
fn inquiry_id_segment(id: &str) -> Result<&str, ApiError> {
    let valid = !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if valid {
        Ok(id)
    } else {
        Err(ApiError::InvalidInput {
            problem: format!(
                "{:?} is not an inquiry id (inq_…: letters, digits, _ and -)",
                id.chars().take(64).collect::<String>()
            ),
        })
    }
}

/// `value`, or [`ApiError::InvalidInput`] naming `what` when it is empty.
fn non_empty<'a>(value: &'a str, what: &str) -> Result<&'a str, ApiError> {
    if value.is_empty() {
        Err(ApiError::InvalidInput {
            problem: format!("{what} is empty"),
        })
    } else {
        Ok(value)
    }
}
