//! Webhook delivery: every state change is sent as a signed event in Persona's format,
//! at least once, retried on anything but a 2xx (and on connection errors and
//! timeouts), with a chaos switch that duplicates and reorders deliveries.
//!
//! Schedule: attempt 1 at once, attempt k ≥ 2 `retry_ms × 4^(k−2)` after attempt
//! k−1 failed (200 ms: 0, 0.2, 0.8, 3.2, 12.8 s apart); 5 attempts by default. With
//! `retry_ms` 3000 it is close to Persona's 0, 3, 18, 83, 258 s.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::body::Bytes;
use axum::http::{Method, Request, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use tokio::sync::mpsc::{unbounded_channel, UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;

use crate::clock::{now_ms, rfc3339_ms};
use crate::ids;
use crate::inquiries::{Event, Status};
use crate::signing;

/// A reordered delivery waits for the next event at most this long.
const HOLD_MS: u64 = 1000;
/// A duplicate goes out this long after the original.
const DUPLICATE_AFTER_MS: u64 = 20;
const MAX_LOG: usize = 1000;
const MAX_ATTEMPTS: u32 = 20;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Chaos {
    pub duplicate: f64,
    pub reorder: f64,
}

fn probability(v: &Value, key: &str) -> Result<f64, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(0.0),
        Some(p) => p
            .as_f64()
            .filter(|p| (0.0..=1.0).contains(p))
            .ok_or_else(|| format!("{key:?} must be a number from 0 to 1")),
    }
}

impl Chaos {
    /// `{"duplicate": 0.1, "reorder": 0.1}` (a missing one is 0).
    pub fn from_json(v: &Value) -> Result<Chaos, String> {
        Ok(Chaos {
            duplicate: probability(v, "duplicate")?,
            reorder: probability(v, "reorder")?,
        })
    }

    /// The `--webhook-chaos` flag: `P` (both) or `duplicate=P,reorder=P`.
    pub fn from_flag(spec: &str) -> Result<Chaos, String> {
        let bad =
            || format!("--webhook-chaos {spec:?}: use P or duplicate=P,reorder=P (0 ≤ P ≤ 1)");
        let p = |s: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|p| (0.0..=1.0).contains(p))
                .ok_or_else(bad)
        };
        if !spec.contains('=') {
            let both = p(spec)?;
            return Ok(Chaos {
                duplicate: both,
                reorder: both,
            });
        }
        let mut chaos = Chaos::default();
        for part in spec.split(',') {
            match part.split_once('=') {
                Some(("duplicate", v)) => chaos.duplicate = p(v)?,
                Some(("reorder", v)) => chaos.reorder = p(v)?,
                _ => return Err(bad()),
            }
        }
        Ok(chaos)
    }

    pub fn to_json(self) -> Value {
        json!({"duplicate": self.duplicate, "reorder": self.reorder})
    }
}

#[derive(Debug, Clone)]
pub struct WebhookConfig {
    /// `http://host:port/path` (no TLS).
    pub url: Option<String>,
    pub secret: String,
    /// During a rotation: the old secret; both sign (old first).
    pub rotation_secret: Option<String>,
    pub retry_ms: u64,
    pub attempts: u32,
    pub timeout_ms: u64,
    pub chaos: Chaos,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        WebhookConfig {
            url: None,
            secret: String::new(),
            rotation_secret: None,
            retry_ms: 200,
            attempts: 5,
            timeout_ms: 5000,
            chaos: Chaos::default(),
        }
    }
}

/// An `http://` URL with a host, or why not.
pub fn check_url(url: &str) -> Result<String, String> {
    let uri: Uri = url.parse().map_err(|_| format!("{url:?} is not a URL"))?;
    if uri.scheme_str() != Some("http") || uri.authority().is_none() {
        return Err(format!(
            "{url:?}: the simulator sends webhooks to http://host:port/path URLs only"
        ));
    }
    Ok(url.to_owned())
}

impl WebhookConfig {
    /// The secrets that sign, in header order: the old one first during a rotation.
    fn secrets(&self) -> Vec<String> {
        match &self.rotation_secret {
            Some(old) => vec![old.clone(), self.secret.clone()],
            None => vec![self.secret.clone()],
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "url": self.url,
            "secret": self.secret,
            "rotation_secret": self.rotation_secret,
            "retry_ms": self.retry_ms,
            "attempts": self.attempts,
            "timeout_ms": self.timeout_ms,
            "chaos": self.chaos.to_json(),
        })
    }

    /// `POST /__config`'s webhook keys: `webhook_url` (`null` stops sending),
    /// `webhook_secret`, `webhook_rotation_secret` (`null` ends a rotation),
    /// `webhook_retry_ms`, `webhook_attempts`, `webhook_timeout_ms`.
    pub fn apply_json(&mut self, v: &Value) -> Result<(), String> {
        let mut next = self.clone();
        if let Some(url) = v.get("webhook_url") {
            next.url = match url {
                Value::Null => None,
                Value::String(s) => Some(check_url(s)?),
                _ => return Err("webhook_url must be a string or null".into()),
            };
        }
        if let Some(s) = v.get("webhook_secret") {
            next.secret = s
                .as_str()
                .ok_or("webhook_secret must be a string")?
                .to_owned();
        }
        if let Some(s) = v.get("webhook_rotation_secret") {
            next.rotation_secret = match s {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                _ => return Err("webhook_rotation_secret must be a string or null".into()),
            };
        }
        let number = |key: &str, max: u64| -> Result<Option<u64>, String> {
            v.get(key)
                .map(|n| {
                    n.as_u64()
                        .filter(|n| *n <= max)
                        .ok_or_else(|| format!("{key} must be a whole number up to {max}"))
                })
                .transpose()
        };
        if let Some(n) = number("webhook_retry_ms", 3_600_000)? {
            next.retry_ms = n;
        }
        if let Some(n) = number("webhook_attempts", u64::from(MAX_ATTEMPTS))? {
            next.attempts = u32::try_from(n.max(1)).unwrap_or(1);
        }
        if let Some(n) = number("webhook_timeout_ms", 600_000)? {
            next.timeout_ms = n.max(1);
        }
        if next.url.is_some() && next.secret.is_empty() {
            return Err("a webhook URL needs a webhook secret".into());
        }
        *self = next;
        Ok(())
    }

    /// The pause before attempt `attempt` (≥ 2).
    pub fn delay_before(&self, attempt: u32) -> u64 {
        let exp = attempt.saturating_sub(2).min(30);
        self.retry_ms.saturating_mul(4u64.saturating_pow(exp))
    }
}

#[derive(Default)]
struct Stats {
    events: u64,
    sent: u64,
    unsent: u64,
    duplicates: u64,
    reordered: u64,
    delivered: u64,
    attempts: u64,
    by_status: BTreeMap<String, u64>,
    errors: u64,
    gave_up: u64,
    forged: u64,
}

struct Inner {
    config: WebhookConfig,
    stats: Stats,
    /// Deliveries under way (not reset by `POST /__reset`).
    pending: u64,
    log: VecDeque<Value>,
    /// Recent events: `(id, summary, body)`.
    events: VecDeque<(String, Value, Bytes)>,
}

type HttpClient = Client<HttpConnector, Full<Bytes>>;

#[derive(Clone)]
struct Deliverer {
    inner: Arc<Mutex<Inner>>,
    client: HttpClient,
}

pub struct Webhooks {
    d: Deliverer,
    tx: UnboundedSender<Job>,
}

#[derive(Clone)]
struct Job {
    event_id: String,
    name: String,
    body: Bytes,
    duplicate: bool,
}

/// The body Persona sends: the event, its payload the inquiry as it was.
pub fn event_body(event: &Event) -> Bytes {
    let body = json!({
        "data": {
            "type": "event",
            "id": event.id,
            "attributes": {
                "name": event.name,
                "created-at": rfc3339_ms(event.created_at),
                "payload": {"data": event.inquiry, "included": []},
            },
        },
    });
    Bytes::from(body.to_string())
}

fn unix_s() -> i64 {
    i64::try_from(now_ms() / 1000).unwrap_or(i64::MAX)
}

impl Webhooks {
    /// The sender, and the queue the dispatcher ([`Webhooks::dispatch`]) reads.
    pub fn new(config: WebhookConfig) -> (Webhooks, impl std::future::Future<Output = ()>) {
        let mut connector = HttpConnector::new();
        connector.set_connect_timeout(Some(Duration::from_secs(5)));
        connector.set_nodelay(true);
        let client = Client::builder(TokioExecutor::new()).build(connector);
        let d = Deliverer {
            inner: Arc::new(Mutex::new(Inner {
                config,
                stats: Stats::default(),
                pending: 0,
                log: VecDeque::new(),
                events: VecDeque::new(),
            })),
            client,
        };
        let (tx, rx) = unbounded_channel();
        let dispatcher = dispatch(d.clone(), rx);
        (Webhooks { d, tx }, dispatcher)
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.d.inner()
    }

    /// Queues `event` for delivery (kept in the recent events either way).
    pub fn enqueue(&self, event: &Event) {
        let body = event_body(event);
        let mut inner = self.inner();
        inner.stats.events += 1;
        if inner.events.len() >= MAX_LOG {
            inner.events.pop_front();
        }
        let summary = json!({
            "id": event.id,
            "name": event.name,
            "inquiry_id": event.inquiry_id,
            "status": event.status.as_str(),
            "created_at": rfc3339_ms(event.created_at),
        });
        inner
            .events
            .push_back((event.id.clone(), summary, body.clone()));
        if inner.config.url.is_none() {
            inner.stats.unsent += 1;
            return;
        }
        inner.stats.sent += 1;
        drop(inner);
        let _ = self.tx.send(Job {
            event_id: event.id.clone(),
            name: event.name.to_owned(),
            body,
            duplicate: false,
        });
    }

    pub fn config(&self) -> WebhookConfig {
        self.inner().config.clone()
    }

    pub fn set_config(&self, config: WebhookConfig) {
        self.inner().config = config;
    }

    pub fn stats_json(&self) -> Value {
        let inner = self.inner();
        let s = &inner.stats;
        json!({
            "events": s.events,
            "sent": s.sent,
            "unsent": s.unsent,
            "delivered": s.delivered,
            "attempts": s.attempts,
            "by_status": s.by_status,
            "errors": s.errors,
            "pending": inner.pending,
            "gave_up": s.gave_up,
            "duplicates": s.duplicates,
            "reordered": s.reordered,
            "forged": s.forged,
        })
    }

    pub fn reset_stats(&self) {
        let mut inner = self.inner();
        inner.stats = Stats::default();
        inner.log.clear();
        inner.events.clear();
    }

    /// `GET /__webhooks`.
    pub fn overview(&self) -> Value {
        let stats = self.stats_json();
        let inner = self.inner();
        json!({
            "config": inner.config.to_json(),
            "stats": stats,
            "events": inner.events.iter().map(|(_, s, _)| s.clone()).collect::<Vec<_>>(),
            "log": inner.log.iter().cloned().collect::<Vec<_>>(),
        })
    }

    /// `POST /__webhooks/send`: one delivery, forged as asked, sent at once (no
    /// retries); answers what the receiver said. `inquiry` is the payload to use
    /// (the named inquiry as it is now), if any.
    pub async fn send_forged(&self, spec: &Value, inquiry: Option<Value>) -> Result<Value, String> {
        let config = self.config();
        let url = match spec.get("url").and_then(Value::as_str) {
            Some(u) => check_url(u)?,
            None => config
                .url
                .clone()
                .ok_or("no webhook URL: start with --webhook-url or give \"url\"")?,
        };
        let known = spec.get("event_id").and_then(Value::as_str).and_then(|id| {
            self.inner()
                .events
                .iter()
                .find(|(e, _, _)| e == id)
                .map(|(_, s, b)| (s.clone(), b.clone()))
        });
        let (event_id, name, body) = if let Some(raw) = spec.get("body").and_then(Value::as_str) {
            let id = spec.get("event_id").and_then(Value::as_str).unwrap_or("");
            (id.to_owned(), String::new(), Bytes::from(raw.to_owned()))
        } else if let Some((summary, body)) = known {
            let field = |k: &str| {
                summary
                    .get(k)
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned()
            };
            (field("id"), field("name"), body)
        } else {
            let name = spec
                .get("event")
                .and_then(Value::as_str)
                .ok_or("give \"event\" (a name), \"event_id\" (a recent event) or \"body\"")?;
            let status = Status::ALL
                .into_iter()
                .find(|s| s.event_name() == name)
                .unwrap_or(Status::Created);
            let inquiry = inquiry.unwrap_or_else(|| {
                json!({
                    "type": "inquiry",
                    "id": "inq_sim_forged",
                    "attributes": {"status": status.as_str(), "reference-id": null, "fields": {}},
                    "relationships": {},
                })
            });
            let event = Event {
                id: spec
                    .get("event_id")
                    .and_then(Value::as_str)
                    .map_or_else(|| ids::id("evt_"), str::to_owned),
                name: "",
                created_at: now_ms(),
                inquiry_id: String::new(),
                status,
                inquiry,
            };
            let mut body: Value =
                serde_json::from_slice(&event_body(&event)).unwrap_or(Value::Null);
            if let Some(attrs) = body
                .pointer_mut("/data/attributes")
                .and_then(Value::as_object_mut)
            {
                attrs.insert("name".into(), json!(name));
            }
            (event.id, name.to_owned(), Bytes::from(body.to_string()))
        };
        let now = unix_s();
        let t = match spec.get("timestamp").and_then(Value::as_i64) {
            Some(t) => t,
            None => now.saturating_add(
                spec.get("timestamp_offset_s")
                    .and_then(Value::as_i64)
                    .unwrap_or(0),
            ),
        };
        let signature = match spec.get("signature") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Null) => None,
            Some(_) => {
                return Err(
                    "\"signature\" must be a string (the header, verbatim) or null (none)".into(),
                )
            }
            None => {
                let secrets: Vec<String> = match (spec.get("secret"), spec.get("secrets")) {
                    (Some(Value::String(s)), _) => vec![s.clone()],
                    (_, Some(Value::Array(list))) => list
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect(),
                    _ => config.secrets(),
                };
                let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
                Some(signing::header(t, &body, &refs))
            }
        };
        let mut headers = vec![
            ("persona-webhook-attempts-made", "1".to_owned()),
            ("persona-webhook-attempts-left", "0".to_owned()),
            ("persona-webhook-first-attempted-at", now.to_string()),
        ];
        if let Some(s) = &signature {
            headers.push(("persona-signature", s.clone()));
        }
        let result = send(
            &self.d.client,
            &url,
            body.clone(),
            &headers,
            config.timeout_ms,
        )
        .await;
        self.d.record(&event_id, &name, 1, &result, false, true);
        Ok(json!({
            "status": result.as_ref().ok(),
            "error": result.as_ref().err(),
            "event_id": event_id,
            "timestamp": t,
            "signature": signature,
            "body": String::from_utf8_lossy(&body),
        }))
    }
}

impl Deliverer {
    fn inner(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn record(
        &self,
        event_id: &str,
        name: &str,
        attempt: u32,
        result: &Result<u16, String>,
        duplicate: bool,
        forged: bool,
    ) {
        let mut inner = self.inner();
        let s = &mut inner.stats;
        s.attempts += 1;
        if forged {
            s.forged += 1;
        }
        match result {
            Ok(status) => *s.by_status.entry(status.to_string()).or_default() += 1,
            Err(_) => s.errors += 1,
        }
        if inner.log.len() >= MAX_LOG {
            inner.log.pop_front();
        }
        inner.log.push_back(json!({
            "event_id": event_id,
            "name": name,
            "attempt": attempt,
            "status": result.as_ref().ok(),
            "error": result.as_ref().err(),
            "duplicate": duplicate,
            "forged": forged,
            "at": rfc3339_ms(now_ms()),
        }));
    }

    /// Spawns a delivery: after `wait` fires (or fails, or the attempt timeout plus
    /// [`HOLD_MS`] runs out), if given; `notify` fires once its first attempt is over.
    fn launch(
        &self,
        job: Job,
        duplicate: bool,
        wait: Option<oneshot::Receiver<()>>,
        notify: Option<oneshot::Sender<()>>,
    ) {
        if duplicate {
            self.inner().stats.duplicates += 1;
        }
        let d = self.clone();
        tokio::spawn(async move {
            if let Some(rx) = wait {
                let limit = d.inner().config.timeout_ms.saturating_add(HOLD_MS);
                let _ = tokio::time::timeout(Duration::from_millis(limit), rx).await;
            }
            if duplicate {
                let copy = Job {
                    duplicate: true,
                    ..job.clone()
                };
                let again = d.clone();
                tokio::spawn(async move {
                    tokio::time::sleep(Duration::from_millis(DUPLICATE_AFTER_MS)).await;
                    again.deliver(copy, None).await;
                });
            }
            d.deliver(job, notify).await;
        });
    }

    async fn deliver(&self, job: Job, mut notify: Option<oneshot::Sender<()>>) {
        let attempts = {
            let mut inner = self.inner();
            inner.pending += 1;
            inner.config.attempts.clamp(1, MAX_ATTEMPTS)
        };
        let first = unix_s();
        let mut delivered = false;
        for attempt in 1..=attempts {
            let config = self.inner().config.clone();
            if attempt > 1 {
                tokio::time::sleep(Duration::from_millis(config.delay_before(attempt))).await;
            }
            let Some(url) = config.url.clone() else { break };
            let secrets = config.secrets();
            let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
            let headers = [
                (
                    "persona-signature",
                    signing::header(unix_s(), &job.body, &refs),
                ),
                ("persona-webhook-attempts-made", attempt.to_string()),
                (
                    "persona-webhook-attempts-left",
                    (attempts - attempt).to_string(),
                ),
                ("persona-webhook-first-attempted-at", first.to_string()),
            ];
            let result = send(
                &self.client,
                &url,
                job.body.clone(),
                &headers,
                config.timeout_ms,
            )
            .await;
            self.record(
                &job.event_id,
                &job.name,
                attempt,
                &result,
                job.duplicate,
                false,
            );
            if let Some(tx) = notify.take() {
                let _ = tx.send(());
            }
            if matches!(result, Ok(200..=299)) {
                delivered = true;
                break;
            }
        }
        let mut inner = self.inner();
        inner.pending = inner.pending.saturating_sub(1);
        if delivered {
            inner.stats.delivered += 1;
        } else {
            inner.stats.gave_up += 1;
        }
    }
}

/// Reads the queue: each event is launched as it comes, except that with the chaos
/// switch one may be held back until the next event's first attempt is over (if no
/// other event comes within [`HOLD_MS`], it goes then), and one may be sent twice
/// ([`DUPLICATE_AFTER_MS`] apart).
async fn dispatch(d: Deliverer, mut rx: UnboundedReceiver<Job>) {
    let mut held: Option<(Job, bool)> = None;
    loop {
        let next = if held.is_some() {
            match tokio::time::timeout(Duration::from_millis(HOLD_MS), rx.recv()).await {
                Ok(next) => next,
                Err(_) => {
                    if let Some((job, dup)) = held.take() {
                        d.launch(job, dup, None, None);
                    }
                    continue;
                }
            }
        } else {
            rx.recv().await
        };
        let Some(job) = next else { break };
        let chaos = d.inner().config.chaos;
        let duplicate = chaos.duplicate > 0.0 && ids::unit_f64() < chaos.duplicate;
        let reorder = chaos.reorder > 0.0 && ids::unit_f64() < chaos.reorder;
        if reorder && held.is_none() {
            d.inner().stats.reordered += 1;
            held = Some((job, duplicate));
            continue;
        }
        match held.take() {
            Some((earlier, dup)) => {
                let (tx, rx) = oneshot::channel();
                d.launch(job, duplicate, None, Some(tx));
                d.launch(earlier, dup, Some(rx), None);
            }
            None => d.launch(job, duplicate, None, None),
        }
    }
}

/// One POST; the receiver's status, or why there is none (connection error, timeout).
async fn send(
    client: &HttpClient,
    url: &str,
    body: Bytes,
    headers: &[(&str, String)],
    timeout_ms: u64,
) -> Result<u16, String> {
    let mut req = Request::builder()
        .method(Method::POST)
        .uri(url)
        .header("content-type", "application/json")
        .header("user-agent", "persona-flow-simulator");
    for (name, value) in headers {
        req = req.header(*name, value.as_str());
    }
    let req = req
        .body(Full::new(body))
        .map_err(|e| format!("request: {e}"))?;
    let exchange = async {
        let res = client.request(req).await.map_err(|e| {
            let source = std::error::Error::source(&e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("{e}{source}")
        })?;
        let status = res.status().as_u16();
        // The answer's body is read (and dropped) so the connection can be reused.
        let _ = res.into_body().collect().await;
        Ok(status)
    };
    match tokio::time::timeout(Duration::from_millis(timeout_ms), exchange).await {
        Ok(result) => result,
        Err(_) => Err(format!("timeout after {timeout_ms} ms")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_grows_by_four() {
        let c = WebhookConfig {
            retry_ms: 200,
            ..WebhookConfig::default()
        };
        let gaps: Vec<u64> = (2..=5).map(|a| c.delay_before(a)).collect();
        assert_eq!(gaps, [200, 800, 3200, 12_800]);
        let persona = WebhookConfig {
            retry_ms: 3000,
            ..WebhookConfig::default()
        };
        let mut at = 0;
        let offsets: Vec<u64> = (2..=5)
            .map(|a| {
                at += persona.delay_before(a);
                at / 1000
            })
            .collect();
        assert_eq!(offsets, [3, 15, 63, 255]);
        let huge = WebhookConfig {
            retry_ms: u64::MAX,
            ..WebhookConfig::default()
        };
        assert_eq!(huge.delay_before(20), u64::MAX);
    }

    #[test]
    fn chaos_specs() {
        assert_eq!(
            Chaos::from_flag("0.5").unwrap(),
            Chaos {
                duplicate: 0.5,
                reorder: 0.5
            }
        );
        assert_eq!(
            Chaos::from_flag("duplicate=0.1,reorder=1").unwrap(),
            Chaos {
                duplicate: 0.1,
                reorder: 1.0
            }
        );
        for bad in ["", "2", "dup=0.1", "duplicate=x", "-0.1"] {
            assert!(Chaos::from_flag(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Chaos::from_json(&json!({"reorder": 0.25})).unwrap().reorder,
            0.25
        );
        assert!(Chaos::from_json(&json!({"duplicate": 1.5})).is_err());
    }

    #[test]
    fn config_changes_are_checked() {
        let mut c = WebhookConfig::default();
        assert!(c
            .apply_json(&json!({"webhook_url": "http://127.0.0.1:9/x"}))
            .is_err());
        assert!(c.url.is_none(), "a refused change changes nothing");
        c.apply_json(&json!({"webhook_url": "http://127.0.0.1:9/x", "webhook_secret": "s", "webhook_rotation_secret": "old"}))
            .unwrap();
        assert_eq!(c.secrets(), ["old", "s"]);
        assert!(c
            .apply_json(&json!({"webhook_url": "https://example.com/"}))
            .is_err());
        assert!(c.apply_json(&json!({"webhook_attempts": 99})).is_err());
        c.apply_json(&json!({"webhook_rotation_secret": null, "webhook_url": null}))
            .unwrap();
        assert_eq!(c.secrets(), ["s"]);
        assert!(c.url.is_none());
        assert!(check_url("not a url").is_err());
        assert!(check_url("/relative").is_err());
    }

    #[test]
    fn event_bodies_have_persona_shape() {
        let event = Event {
            id: "evt_1".into(),
            name: "inquiry.approved",
            created_at: 1_700_000_000_123,
            inquiry_id: "inq_1".into(),
            status: Status::Approved,
            inquiry: json!({"type": "inquiry", "id": "inq_1"}),
        };
        let body: Value = serde_json::from_slice(&event_body(&event)).unwrap();
        assert_eq!(
            body,
            json!({"data": {"type": "event", "id": "evt_1", "attributes": {
                "name": "inquiry.approved",
                "created-at": "2023-11-14T22:13:20.123Z",
                "payload": {"data": {"type": "inquiry", "id": "inq_1"}, "included": []}
            }}})
        );
    }
}
