//! The REST API: Persona's inquiry endpoints under `/api/v1`, JSON:API with
//! kebab-case keys, behind `Authorization: Bearer <API key>`.
//!
//! Order of the checks: the API key (401), the fault switch, the body's size (413),
//! `Key-Inflection` (400 unless kebab), the `Idempotency-Key` (replay or 422), then
//! the route.

use std::collections::BTreeMap;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::clock::now_ms;
use crate::faults::{Fault, RATE_LIMIT};
use crate::idempotency::{fingerprint, Lookup};
use crate::inquiries::{ChangeError, Event, Filter, NewInquiry, Origin, MAX_INQUIRIES};
use crate::query;
use crate::state::{publish, Sim};
use crate::Shared;

/// Request bodies larger than this are refused (413).
pub const MAX_BODY: usize = 1 << 20;
const DEFAULT_PAGE_SIZE: usize = 10;
const MAX_PAGE_SIZE: usize = 100;
const MAX_ID_LEN: usize = 200;

/// An answer as it is sent and as an idempotency key keeps it.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(&'static str, String)>,
}

impl Answer {
    pub fn json(status: u16, value: Value) -> Answer {
        Answer {
            status,
            body: value.to_string(),
            headers: Vec::new(),
        }
    }

    /// `{"errors": [{"title", "details", "source"?: {"pointer"}}]}`.
    pub fn error(status: u16, title: &str, details: &str, pointer: Option<&str>) -> Answer {
        let mut e = Map::new();
        e.insert("title".into(), json!(title));
        e.insert("details".into(), json!(details));
        if let Some(p) = pointer {
            e.insert("source".into(), json!({"pointer": p}));
        }
        Answer::json(status, json!({"errors": [Value::Object(e)]}))
    }

    fn with(mut self, name: &'static str, value: impl ToString) -> Answer {
        self.headers.push((name, value.to_string()));
        self
    }

    pub fn into_response(self, replayed: bool) -> Response {
        let mut res = Response::new(Body::from(self.body));
        *res.status_mut() =
            StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let h = res.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(HeaderName::from_static(name), v);
            }
        }
        if replayed {
            h.insert(
                HeaderName::from_static("idempotent-replayed"),
                HeaderValue::from_static("true"),
            );
        }
        res
    }
}

/// `/__stats`' `api` part.
#[derive(Default)]
pub struct ApiStats {
    requests: u64,
    by_route: BTreeMap<String, u64>,
    by_status: BTreeMap<String, u64>,
    creates: u64,
    replays: u64,
    faults: u64,
}

impl ApiStats {
    pub fn to_json(&self) -> Value {
        json!({
            "requests": self.requests,
            "by_route": self.by_route,
            "by_status": self.by_status,
            "creates": self.creates,
            "replays": self.replays,
            "faults": self.faults,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Route {
    Create,
    List,
    Get(String),
    Resume(String),
    /// A known path with another method; the `Allow` header's value.
    WrongMethod(&'static str),
    NotFound,
}

impl Route {
    fn parse(method: &Method, path: &str) -> Route {
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let (get, post) = (
            method == Method::GET || method == Method::HEAD,
            method == Method::POST,
        );
        match segments.as_slice() {
            ["api", "v1", "inquiries"] if post => Route::Create,
            ["api", "v1", "inquiries"] if get => Route::List,
            ["api", "v1", "inquiries"] => Route::WrongMethod("GET, POST"),
            ["api", "v1", "inquiries", id] if get && !id.is_empty() => Route::Get((*id).to_owned()),
            ["api", "v1", "inquiries", id] if !id.is_empty() => Route::WrongMethod("GET"),
            ["api", "v1", "inquiries", id, "resume"] if post && !id.is_empty() => {
                Route::Resume((*id).to_owned())
            }
            ["api", "v1", "inquiries", id, "resume"] if !id.is_empty() => {
                Route::WrongMethod("POST")
            }
            _ => Route::NotFound,
        }
    }

    fn label(&self, method: &Method) -> String {
        match self {
            Route::Create => "POST /api/v1/inquiries".into(),
            Route::List => "GET /api/v1/inquiries".into(),
            Route::Get(_) => "GET /api/v1/inquiries/{id}".into(),
            Route::Resume(_) => "POST /api/v1/inquiries/{id}/resume".into(),
            Route::WrongMethod(_) => format!("{method} (method not allowed)"),
            Route::NotFound => "other".into(),
        }
    }
}

/// `/api/*`.
pub async fn handle(State(state): State<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let body = axum::body::to_bytes(body, MAX_BODY).await.ok();
    let now = now_ms();
    let (answer, replayed, events) = {
        let mut sim = state.sim();
        let route = Route::parse(&parts.method, parts.uri.path());
        let (answer, replayed, events) = respond(
            &mut sim,
            &parts.method,
            &parts.uri,
            &parts.headers,
            &route,
            body.as_ref(),
            now,
        );
        let stats = &mut sim.api;
        stats.requests += 1;
        *stats
            .by_route
            .entry(route.label(&parts.method))
            .or_default() += 1;
        *stats
            .by_status
            .entry(answer.status.to_string())
            .or_default() += 1;
        if replayed {
            stats.replays += 1;
        } else if route == Route::Create && answer.status == 201 {
            stats.creates += 1;
        }
        (answer, replayed, events)
    };
    publish(&state, events);
    answer.into_response(replayed)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// Constant-time comparison, so the simulator teaches no timing shortcut.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn authorize(api_key: Option<&str>, headers: &HeaderMap) -> Result<(), Answer> {
    let unauthorized = |details: &str| Err(Answer::error(401, "Unauthorized", details, None));
    let Some(key) = api_key else {
        return unauthorized(
            "The simulator was started without --api-key, so its API refuses every request: \
             start it with --api-key KEY (or POST /__config {\"api_key\": \"KEY\"}).",
        );
    };
    let Some(auth) = header_str(headers, "authorization") else {
        return unauthorized("No Authorization header: send Authorization: Bearer <API key>.");
    };
    let Some((scheme, given)) = auth.split_once(' ') else {
        return unauthorized("The Authorization header must be Bearer <API key>.");
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return unauthorized("The Authorization header must be Bearer <API key>.");
    }
    if !same(given.trim().as_bytes(), key.as_bytes()) {
        return unauthorized("The API key is not valid.");
    }
    Ok(())
}

fn fault_answer(fault: &Fault) -> Answer {
    let title = StatusCode::from_u16(fault.status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    let details = format!(
        "Simulated {} (the fault switch, POST /__faults).",
        fault.status
    );
    let answer = Answer::error(fault.status, title, &details, None);
    match fault.status {
        429 => answer
            .with("retry-after", fault.retry_after_s)
            .with("ratelimit-limit", RATE_LIMIT)
            .with("ratelimit-remaining", 0)
            .with("ratelimit-reset", fault.retry_after_s),
        503 => answer.with("retry-after", fault.retry_after_s),
        _ => answer,
    }
}

fn respond(
    sim: &mut Sim,
    method: &Method,
    uri: &axum::http::Uri,
    headers: &HeaderMap,
    route: &Route,
    body: Option<&Bytes>,
    now: u64,
) -> (Answer, bool, Vec<Event>) {
    if let Err(a) = authorize(sim.config.api_key.as_deref(), headers) {
        return (a, false, Vec::new());
    }
    let key = (method == Method::POST)
        .then(|| header_str(headers, "idempotency-key"))
        .flatten()
        .filter(|k| !k.is_empty())
        .map(str::to_owned);
    let raw: &[u8] = body.map_or(&[], |b| b.as_ref());
    let fp = fingerprint(method.as_str(), uri.path(), raw);
    if let Some(fault) = sim.faults.take() {
        sim.api.faults += 1;
        let answer = fault_answer(&fault);
        if let Some(k) = &key {
            sim.idempotency.store(k, fp, &answer, now);
        }
        return (answer, false, Vec::new());
    }
    let Some(body) = body else {
        let details = format!("The body is larger than {MAX_BODY} bytes.");
        return (
            Answer::error(413, "Payload Too Large", &details, None),
            false,
            Vec::new(),
        );
    };
    if let Some(inflection) = header_str(headers, "key-inflection") {
        if !inflection.eq_ignore_ascii_case("kebab") {
            let details = format!(
                "Key-Inflection {inflection:?}: the simulator answers with kebab-case keys only."
            );
            return (
                Answer::error(400, "Bad Request", &details, None),
                false,
                Vec::new(),
            );
        }
    }
    if let Some(k) = &key {
        if k.len() > 255 {
            let a = Answer::error(
                400,
                "Bad Request",
                "The Idempotency-Key is longer than 255 characters.",
                None,
            );
            return (a, false, Vec::new());
        }
        match sim.idempotency.lookup(k, &fp, now) {
            Lookup::New => {}
            Lookup::Replay(answer) => return (answer, true, Vec::new()),
            Lookup::Mismatch => {
                let details = format!(
                    "Idempotency-Key {k:?} was already used with other parameters; \
                     send a new key for a new request."
                );
                let a = Answer::error(
                    422,
                    "Idempotency-Key reused with different parameters",
                    &details,
                    None,
                );
                return (a, false, Vec::new());
            }
        }
    }
    let (answer, events) = route_answer(sim, route, uri, body, now);
    if let Some(k) = &key {
        sim.idempotency.store(k, fp, &answer, now);
    }
    (answer, false, events)
}

fn route_answer(
    sim: &mut Sim,
    route: &Route,
    uri: &axum::http::Uri,
    body: &[u8],
    now: u64,
) -> (Answer, Vec<Event>) {
    let ttl = sim.config.session_ttl_ms;
    match route {
        Route::Create => match parse_create(body) {
            Err(a) => (a, Vec::new()),
            Ok(new) => match sim.store.create(new, Origin::Api, None, now, ttl) {
                Ok((id, token, events)) => {
                    let data = sim
                        .store
                        .get(&id)
                        .map(|i| i.to_json())
                        .unwrap_or(Value::Null);
                    let a =
                        Answer::json(201, json!({"data": data, "meta": {"session-token": token}}));
                    (a, events)
                }
                Err(_) => {
                    let details = format!(
                        "The simulator holds {MAX_INQUIRIES} inquiries already (POST /__reset?inquiries=1 forgets them)."
                    );
                    (
                        Answer::error(422, "Unprocessable Entity", &details, None),
                        Vec::new(),
                    )
                }
            },
        },
        Route::Get(id) => match sim.store.get(id) {
            Some(i) => (Answer::json(200, json!({"data": i.to_json()})), Vec::new()),
            None => (not_found(id), Vec::new()),
        },
        Route::List => (list(sim, uri.query().unwrap_or("")), Vec::new()),
        Route::Resume(id) => match sim.store.resume(id, now, ttl) {
            Ok((token, events)) => {
                let data = sim
                    .store
                    .get(id)
                    .map(|i| i.to_json())
                    .unwrap_or(Value::Null);
                let a = Answer::json(200, json!({"data": data, "meta": {"session-token": token}}));
                (a, events)
            }
            Err(ChangeError::Conflict(status)) => {
                let details = format!(
                    "Inquiry {id} is {} and cannot be resumed (only created, pending or expired inquiries can).",
                    status.as_str()
                );
                (Answer::error(409, "Conflict", &details, None), Vec::new())
            }
            Err(_) => (not_found(id), Vec::new()),
        },
        Route::WrongMethod(allow) => {
            let details = format!("This endpoint answers {allow} only.");
            (
                Answer::error(405, "Method Not Allowed", &details, None).with("allow", allow),
                Vec::new(),
            )
        }
        Route::NotFound => {
            let details = format!("No such endpoint: {}.", uri.path().escape_default());
            (Answer::error(404, "Not Found", &details, None), Vec::new())
        }
    }
}

fn not_found(id: &str) -> Answer {
    let details = format!("Could not find inquiry {:?}.", id);
    Answer::error(404, "Record not found", &details, None)
}

fn unprocessable(details: &str, pointer: &str) -> Answer {
    Answer::error(422, "Unprocessable Entity", details, Some(pointer))
}

/// A string attribute: absent or `null` is `None`; anything but a string is an error.
fn string_attr(attrs: &Map<String, Value>, key: &str) -> Result<Option<String>, Answer> {
    match attrs.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.len() <= MAX_ID_LEN => Ok(Some(s.clone())),
        Some(Value::String(_)) => Err(unprocessable(
            &format!("{key} is longer than {MAX_ID_LEN} characters."),
            &format!("/data/attributes/{key}"),
        )),
        Some(_) => Err(unprocessable(
            &format!("{key} must be a string."),
            &format!("/data/attributes/{key}"),
        )),
    }
}

/// `{"data": {"attributes": {...}}, "meta"?: {...}}` → the new inquiry.
pub fn parse_create(body: &[u8]) -> Result<NewInquiry, Answer> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        Answer::error(
            400,
            "Bad Request",
            &format!("The body is not JSON: {e}."),
            None,
        )
    })?;
    if !v.is_object() {
        return Err(Answer::error(
            400,
            "Bad Request",
            "The body must be a JSON object.",
            None,
        ));
    }
    let empty = Map::new();
    let attrs = match v.pointer("/data/attributes") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(Answer::error(
                400,
                "Bad Request",
                "data.attributes must be an object.",
                Some("/data/attributes"),
            ))
        }
    };
    let template_id = string_attr(attrs, "inquiry-template-id")?;
    let template_version_id = string_attr(attrs, "inquiry-template-version-id")?;
    if template_id.is_none() && template_version_id.is_none() {
        return Err(unprocessable(
            "An inquiry needs data.attributes.inquiry-template-id (itmpl_…) or inquiry-template-version-id (itmplv_…).",
            "/data/attributes/inquiry-template-id",
        ));
    }
    if let Some(t) = &template_id {
        if !(t.starts_with("itmpl_") || t.starts_with("tmpl_")) || t.ends_with('_') {
            return Err(unprocessable(
                &format!("inquiry-template-id {t:?} is not an inquiry template id (itmpl_…)."),
                "/data/attributes/inquiry-template-id",
            ));
        }
    }
    if let Some(t) = &template_version_id {
        if !t.starts_with("itmplv_") || t.len() <= "itmplv_".len() {
            return Err(unprocessable(
                &format!(
                    "inquiry-template-version-id {t:?} is not a template version id (itmplv_…)."
                ),
                "/data/attributes/inquiry-template-version-id",
            ));
        }
    }
    let meta_reference = v
        .pointer("/meta/auto-create-account-reference-id")
        .and_then(Value::as_str)
        .filter(|s| s.len() <= MAX_ID_LEN)
        .map(str::to_owned);
    let reference_id = string_attr(attrs, "reference-id")?.or(meta_reference);
    let account_id = string_attr(attrs, "account-id")?;
    let fields = match attrs.get("fields") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m.clone(),
        Some(_) => {
            return Err(unprocessable(
                "fields must be an object of field names to values.",
                "/data/attributes/fields",
            ))
        }
    };
    Ok(NewInquiry {
        template_id,
        template_version_id,
        reference_id,
        account_id,
        fields,
        scenario: None,
    })
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        Some(Value::Array(items)) => items.iter().flat_map(|i| strings(Some(i))).collect(),
        _ => Vec::new(),
    }
}

/// `GET /api/v1/inquiries?filter[reference-id]=…&filter[account-id]=…&filter[status]=a,b
/// &page[size]=N&page[after]=inq_…`: newest first, in pages (`links.next`).
fn list(sim: &Sim, raw_query: &str) -> Answer {
    let q = query::nest(&query::pairs(raw_query));
    let empty = Map::new();
    let obj = |k: &str| match q.get(k) {
        Some(Value::Object(m)) => m,
        _ => &empty,
    };
    let (filter_q, page_q) = (obj("filter"), obj("page"));
    let first = |k: &str| strings(filter_q.get(k)).into_iter().next();
    let filter = Filter {
        reference_id: filter_q
            .get("reference-id")
            .and_then(Value::as_str)
            .map(str::to_owned),
        account_id: first("account-id"),
        statuses: strings(filter_q.get("status")),
    };
    let size = page_q
        .get("size")
        .and_then(Value::as_str)
        .and_then(|s| s.trim().parse::<usize>().ok())
        .map_or(DEFAULT_PAGE_SIZE, |n| n.clamp(1, MAX_PAGE_SIZE));
    let after = page_q.get("after").and_then(Value::as_str);
    let all = sim.store.list(&filter);
    let start = match after {
        Some(a) => all
            .iter()
            .position(|i| i.id == a)
            .map_or(all.len(), |p| p + 1),
        None => 0,
    };
    let page: Vec<_> = all.iter().skip(start).take(size).collect();
    let next = if start + page.len() < all.len() {
        page.last().map(|last| {
            let mut link = format!(
                "/api/v1/inquiries?page%5Bafter%5D={}&page%5Bsize%5D={size}",
                encode(&last.id)
            );
            if let Some(r) = &filter.reference_id {
                link.push_str(&format!("&filter%5Breference-id%5D={}", encode(r)));
            }
            if let Some(a) = &filter.account_id {
                link.push_str(&format!("&filter%5Baccount-id%5D={}", encode(a)));
            }
            if !filter.statuses.is_empty() {
                link.push_str(&format!(
                    "&filter%5Bstatus%5D={}",
                    encode(&filter.statuses.join(","))
                ));
            }
            link
        })
    } else {
        None
    };
    Answer::json(
        200,
        json!({
            "data": page.iter().map(|i| i.to_json()).collect::<Vec<_>>(),
            "links": {"prev": null, "next": next},
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let r = |m: Method, p: &str| Route::parse(&m, p);
        assert_eq!(r(Method::POST, "/api/v1/inquiries"), Route::Create);
        assert_eq!(r(Method::GET, "/api/v1/inquiries/"), Route::List);
        assert_eq!(
            r(Method::GET, "/api/v1/inquiries/inq_1"),
            Route::Get("inq_1".into())
        );
        assert_eq!(
            r(Method::POST, "/api/v1/inquiries/inq_1/resume"),
            Route::Resume("inq_1".into())
        );
        assert_eq!(
            r(Method::DELETE, "/api/v1/inquiries"),
            Route::WrongMethod("GET, POST")
        );
        assert_eq!(
            r(Method::GET, "/api/v1/inquiries/inq_1/resume"),
            Route::WrongMethod("POST")
        );
        assert_eq!(r(Method::GET, "/api/v1/accounts"), Route::NotFound);
        assert_eq!(r(Method::GET, "/api//"), Route::NotFound);
        assert_eq!(r(Method::GET, "/api/v1/inquiries//resume"), Route::NotFound);
    }

    #[test]
    fn authorization() {
        let mut h = HeaderMap::new();
        assert_eq!(authorize(None, &h).unwrap_err().status, 401);
        assert!(authorize(None, &h)
            .unwrap_err()
            .body
            .contains("without --api-key"));
        assert_eq!(authorize(Some("k"), &h).unwrap_err().status, 401);
        h.insert("authorization", HeaderValue::from_static("Bearer k"));
        assert!(authorize(Some("k"), &h).is_ok());
        assert!(authorize(Some("k2"), &h).is_err());
        assert!(authorize(None, &h).is_err());
        h.insert("authorization", HeaderValue::from_static("bearer  k "));
        assert!(authorize(Some("k"), &h).is_ok());
        h.insert("authorization", HeaderValue::from_static("Basic k"));
        assert!(authorize(Some("k"), &h).is_err());
        h.insert("authorization", HeaderValue::from_static("Bearer"));
        assert!(authorize(Some("k"), &h).is_err());
    }

    #[test]
    fn create_bodies() {
        let ok = parse_create(
            br#"{"data":{"attributes":{"inquiry-template-id":"itmpl_sim_review","reference-id":"u1",
                "fields":{"name-first":"Ada"}}},"meta":{"auto-create-account-reference-id":"acct"}}"#,
        )
        .unwrap();
        assert_eq!(ok.template_id.as_deref(), Some("itmpl_sim_review"));
        assert_eq!(ok.reference_id.as_deref(), Some("u1"));
        assert_eq!(ok.fields["name-first"], "Ada");
        let meta = parse_create(
            br#"{"data":{"attributes":{"inquiry-template-version-id":"itmplv_x"}},"meta":{"auto-create-account-reference-id":"acct"}}"#,
        )
        .unwrap();
        assert_eq!(meta.reference_id.as_deref(), Some("acct"));
        for (body, status) in [
            (&b"not json"[..], 400),
            (b"[]", 400),
            (b"{}", 422),
            (br#"{"data":{"attributes":[]}}"#, 400),
            (br#"{"data":{"attributes":{"inquiry-template-id":5}}}"#, 422),
            (
                br#"{"data":{"attributes":{"inquiry-template-id":"abc"}}}"#,
                422,
            ),
            (
                br#"{"data":{"attributes":{"inquiry-template-id":"itmpl_"}}}"#,
                422,
            ),
            (
                br#"{"data":{"attributes":{"inquiry-template-version-id":"itmpl_x"}}}"#,
                422,
            ),
            (
                br#"{"data":{"attributes":{"inquiry-template-id":"itmpl_x","fields":[1]}}}"#,
                422,
            ),
            (
                br#"{"data":{"attributes":{"inquiry-template-id":"itmpl_x","reference-id":{}}}}"#,
                422,
            ),
        ] {
            let err = parse_create(body).unwrap_err();
            assert_eq!(err.status, status, "{}", String::from_utf8_lossy(body));
            let v: Value = serde_json::from_str(&err.body).unwrap();
            assert!(v["errors"][0]["title"].is_string() && v["errors"][0]["details"].is_string());
        }
    }

    #[test]
    fn random_requests_never_panic() {
        let mut sim = Sim::default();
        sim.config.api_key = Some("k".into());
        let mut headers = HeaderMap::new();
        headers.insert("authorization", HeaderValue::from_static("Bearer k"));
        headers.insert("idempotency-key", HeaderValue::from_static("same"));
        let pieces = [
            "/api/v1/inquiries",
            "/",
            "inq_",
            "resume",
            "?",
            "filter[status]=",
            "page[size]=",
            "page[after]=",
            "%5B",
            "&",
            ",",
            "0",
            "999999999999999999999",
            "pending",
            "é",
        ];
        let bodies: [&[u8]; 8] = [
            b"", b"{", b"null", b"[]", br#"{"data":{"attributes":{"inquiry-template-id":"itmpl_sim_x"}}}"#,
            br#"{"data":{"attributes":{"inquiry-template-version-id":"itmplv_y","fields":{"a":[1,{"b":null}]}}}}"#,
            br#"{"data":null,"meta":{"auto-create-account-reference-id":7}}"#, &[0xff, 0xfe],
        ];
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for n in 0..5_000u64 {
            let path: String = (0..(next() % 8))
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let Ok(uri) = format!("/api/v1/inquiries{path}").parse::<axum::http::Uri>() else {
                continue;
            };
            let method = [Method::GET, Method::POST, Method::DELETE][(next() % 3) as usize].clone();
            let route = Route::parse(&method, uri.path());
            let body = Bytes::from_static(bodies[(next() % bodies.len() as u64) as usize]);
            let (answer, _, _) = respond(&mut sim, &method, &uri, &headers, &route, Some(&body), n);
            assert!((200..600).contains(&answer.status));
            assert!(serde_json::from_str::<Value>(&answer.body).is_ok());
        }
    }

    #[test]
    fn encoding() {
        assert_eq!(encode("a b/ü,"), "a%20b%2F%C3%BC%2C");
    }
}
