//! The real binary, end to end without a browser: the REST API (key, shapes,
//! idempotency, 409, faults), the flow's session check, and webhooks (signed,
//! retried, counted, rotated, duplicated, reordered, forged) to a receiver here.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, Request, StatusCode, Uri};
use axum::response::IntoResponse;
use hmac::{Hmac, Mac};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value};
use sha2::Sha256;

const KEY: &str = "sk_test_simulator";
const SECRET: &str = "wbhsec_new";
const OLD_SECRET: &str = "wbhsec_old";

// ---------- the simulator ----------

struct Simulator {
    child: Child,
    stdout: Option<BufReader<ChildStdout>>,
    url: String,
}

impl Simulator {
    fn start(args: &[&str]) -> Simulator {
        let mut child = Command::new(env!("CARGO_BIN_EXE_persona-flow-simulator"))
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the simulator");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("first line");
        let url = line
            .trim()
            .strip_prefix("flow simulator listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        Simulator {
            child,
            stdout: Some(stdout),
            url,
        }
    }

    /// Stops it; nothing but the first line was ever written to stdout.
    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut rest = String::new();
        if let Some(mut out) = self.stdout.take() {
            let _ = out.read_to_string(&mut rest);
        }
        assert_eq!(rest, "", "stdout after the first line");
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ---------- an HTTP client ----------

struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Value,
}

fn client() -> Client<HttpConnector, Full<Bytes>> {
    Client::builder(TokioExecutor::new()).build(HttpConnector::new())
}

async fn call(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&Value>) -> Answer {
    let mut req = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).unwrap())
        .uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let res = client()
        .request(req.body(Full::new(Bytes::from(body))).unwrap())
        .await
        .expect("request");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    Answer {
        status,
        headers,
        body,
    }
}

fn auth() -> [(&'static str, &'static str); 1] {
    [("authorization", "Bearer sk_test_simulator")]
}

async fn api(sim: &Simulator, method: &str, path: &str, body: Option<&Value>) -> Answer {
    call(method, &format!("{}{path}", sim.url), &auth(), body).await
}

async fn create(sim: &Simulator, template: &str, reference: &str) -> (String, String) {
    let body = json!({"data": {"attributes": {"inquiry-template-id": template, "reference-id": reference}}});
    let a = api(sim, "POST", "/api/v1/inquiries", Some(&body)).await;
    assert_eq!(a.status, 201, "{}", a.body);
    (
        a.body["data"]["id"].as_str().unwrap().to_owned(),
        a.body["meta"]["session-token"].as_str().unwrap().to_owned(),
    )
}

async fn stats(sim: &Simulator) -> Value {
    call("GET", &format!("{}/__stats", sim.url), &[], None)
        .await
        .body
}

async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(15) {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting for {what}");
}

fn errors_shape(body: &Value) {
    let e = &body["errors"][0];
    assert!(e["title"].is_string() && e["details"].is_string(), "{body}");
}

// ---------- a webhook receiver ----------

#[derive(Clone)]
struct Delivery {
    path: String,
    headers: HeaderMap,
    body: Bytes,
    at: Instant,
}

impl Delivery {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    fn event_id(&self) -> String {
        self.json()["data"]["id"].as_str().unwrap_or("").to_owned()
    }
    fn name(&self) -> String {
        self.json()["data"]["attributes"]["name"]
            .as_str()
            .unwrap_or("")
            .to_owned()
    }
}

#[derive(Clone, Default)]
struct Receiver {
    got: Arc<Mutex<Vec<Delivery>>>,
    /// Statuses to answer first, in order; then 200 for a good signature, 401 for a
    /// bad one.
    script: Arc<Mutex<VecDeque<u16>>>,
    url: String,
}

fn hmac_hex(secret: &str, signed: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `(t, v1)` sets of a `Persona-Signature` header.
fn sets(header: &str) -> Vec<(i64, String)> {
    header
        .split(' ')
        .filter_map(|set| {
            let mut t = None;
            let mut v1 = None;
            for part in set.split(',') {
                match part.split_once('=') {
                    Some(("t", v)) => t = v.parse().ok(),
                    Some(("v1", v)) => v1 = Some(v.to_owned()),
                    _ => {}
                }
            }
            Some((t?, v1?))
        })
        .collect()
}

fn signed_by(d: &Delivery, secret: &str) -> bool {
    sets(d.header("persona-signature")).iter().any(|(t, v1)| {
        let mut signed = format!("{t}.").into_bytes();
        signed.extend_from_slice(&d.body);
        hmac_hex(secret, &signed) == *v1
    })
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Verifies as a careful receiver does: any set signed with the secret, within 300 s.
fn verifies(d: &Delivery) -> bool {
    sets(d.header("persona-signature")).iter().any(|(t, v1)| {
        let mut signed = format!("{t}.").into_bytes();
        signed.extend_from_slice(&d.body);
        (unix_now() - t).abs() <= 300 && hmac_hex(SECRET, &signed) == *v1
    })
}

impl Receiver {
    async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let r = Receiver {
            url: format!("http://{addr}"),
            ..Receiver::default()
        };
        let state = r.clone();
        let app = axum::Router::new().fallback(move |uri: Uri, headers: HeaderMap, body: Bytes| {
            let state = state.clone();
            async move {
                let d = Delivery {
                    path: uri.path().to_owned(),
                    headers,
                    body,
                    at: Instant::now(),
                };
                state.got.lock().unwrap().push(d.clone());
                if d.path == "/slow" {
                    tokio::time::sleep(Duration::from_secs(3)).await;
                }
                let scripted = state.script.lock().unwrap().pop_front();
                let status = match (d.path.as_str(), scripted) {
                    ("/always500", _) => 500,
                    (_, Some(s)) => s,
                    _ if verifies(&d) => 200,
                    _ => 401,
                };
                (StatusCode::from_u16(status).unwrap(), "ok").into_response()
            }
        });
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        r
    }

    fn hook(&self) -> String {
        format!("{}/hook", self.url)
    }

    fn got(&self) -> Vec<Delivery> {
        self.got.lock().unwrap().clone()
    }

    fn for_inquiry(&self, id: &str) -> Vec<Delivery> {
        self.got()
            .into_iter()
            .filter(|d| d.json()["data"]["attributes"]["payload"]["data"]["id"] == id)
            .collect()
    }
}

fn is_rfc3339_ms(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b[4] == b'-'
        && b[10] == b'T'
        && b[19] == b'.'
        && b[23] == b'Z'
        && s.chars().filter(char::is_ascii_digit).count() == 17
}

// ---------- the tests ----------

#[tokio::test]
async fn the_api_needs_its_key() {
    let keyless = Simulator::start(&[]);
    let a = api(&keyless, "GET", "/api/v1/inquiries", None).await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body["errors"][0]["title"], "Unauthorized");
    assert!(a.body["errors"][0]["details"]
        .as_str()
        .unwrap()
        .contains("without --api-key"));
    // Today's endpoints need no key and answer as before.
    let s = stats(&keyless).await;
    assert_eq!(s["widget"], 0);
    assert_eq!(s["api"]["by_status"]["401"], 1);
    keyless.stop();

    let sim = Simulator::start(&["--api-key", KEY]);
    let url = format!("{}/api/v1/inquiries", sim.url);
    for headers in [
        &[][..],
        &[("authorization", "Bearer wrong")],
        &[("authorization", "Basic sk_test_simulator")],
        &[("authorization", "sk_test_simulator")],
    ] {
        let a = call("GET", &url, headers, None).await;
        assert_eq!(a.status, 401, "{headers:?}");
        assert_eq!(a.body["errors"][0]["title"], "Unauthorized");
        errors_shape(&a.body);
    }
    let a = call("GET", &url, &auth(), None).await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.body,
        json!({"data": [], "links": {"prev": null, "next": null}})
    );
    assert_eq!(a.headers["content-type"], "application/json; charset=utf-8");
    assert!(a.headers.get("access-control-allow-origin").is_none());
    sim.stop();
}

#[tokio::test]
async fn create_get_list_and_resume() {
    let sim = Simulator::start(&["--api-key", KEY]);
    let body = json!({
        "data": {"attributes": {"inquiry-template-id": "itmpl_sim_review", "reference-id": "user-7",
            "account-id": "act_1", "fields": {"name-first": "Ada", "age": 36}}},
        "meta": {"auto-create-account": true}
    });
    let a = api(&sim, "POST", "/api/v1/inquiries", Some(&body)).await;
    assert_eq!(a.status, 201, "{}", a.body);
    let data = &a.body["data"];
    let id = data["id"].as_str().unwrap().to_owned();
    assert!(id.starts_with("inq_"));
    assert_eq!(data["type"], "inquiry");
    let attrs = &data["attributes"];
    assert_eq!(attrs["status"], "created");
    assert_eq!(attrs["reference-id"], "user-7");
    assert!(
        is_rfc3339_ms(attrs["created-at"].as_str().unwrap()),
        "{attrs}"
    );
    assert_eq!(attrs["created-at"], attrs["updated-at"]);
    assert_eq!(attrs["completed-at"], Value::Null);
    assert_eq!(attrs["decided-at"], Value::Null);
    assert_eq!(
        attrs["fields"]["name-first"],
        json!({"type": "string", "value": "Ada"})
    );
    assert_eq!(
        attrs["fields"]["age"],
        json!({"type": "integer", "value": 36})
    );
    assert_eq!(
        data["relationships"]["inquiry-template"],
        json!({"data": {"type": "inquiry-template", "id": "itmpl_sim_review"}})
    );
    assert_eq!(data["relationships"]["account"]["data"]["id"], "act_1");
    let token = a.body["meta"]["session-token"].as_str().unwrap().to_owned();
    assert!(token.len() > 20);

    let got = api(&sim, "GET", &format!("/api/v1/inquiries/{id}"), None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, json!({"data": data}));
    let missing = api(&sim, "GET", "/api/v1/inquiries/inq_missing", None).await;
    assert_eq!(missing.status, 404);
    errors_shape(&missing.body);

    // Missing or bad templates.
    for (body, status) in [
        (json!({"data": {"attributes": {"reference-id": "x"}}}), 422),
        (json!({}), 422),
        (json!([1]), 400),
    ] {
        let a = api(&sim, "POST", "/api/v1/inquiries", Some(&body)).await;
        assert_eq!(a.status, status, "{body}");
        errors_shape(&a.body);
    }

    let (second, _) = create(&sim, "itmpl_sim_happy", "user-7").await;
    let (_other, _) = create(&sim, "itmpl_sim_happy", "user-8").await;
    let list = api(
        &sim,
        "GET",
        "/api/v1/inquiries?filter%5Breference-id%5D=user-7",
        None,
    )
    .await;
    let ids: Vec<&str> = list.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [second.as_str(), id.as_str()], "newest first");
    assert_eq!(list.body["links"], json!({"prev": null, "next": null}));

    // Resume: a new token each time; the flow accepts it.
    let r = api(
        &sim,
        "POST",
        &format!("/api/v1/inquiries/{id}/resume"),
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let resumed = r.body["meta"]["session-token"].as_str().unwrap().to_owned();
    assert_ne!(resumed, token);
    assert_eq!(r.body["data"]["id"], id.as_str());
    let r2 = api(
        &sim,
        "POST",
        &format!("/api/v1/inquiries/{id}/resume"),
        None,
    )
    .await;
    assert_ne!(r2.body["meta"]["session-token"], resumed.as_str());
    let resume_missing = api(&sim, "POST", "/api/v1/inquiries/inq_missing/resume", None).await;
    assert_eq!(resume_missing.status, 404);

    // Status filters: one or several, brackets plain or encoded.
    let post = |path: String| async move { call("POST", &path, &[], None).await };
    post(format!("{}/__inquiries/{second}/start", sim.url)).await;
    let pending = api(
        &sim,
        "GET",
        "/api/v1/inquiries?filter[reference-id]=user-7&filter[status]=pending",
        None,
    )
    .await;
    assert_eq!(pending.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(pending.body["data"][0]["attributes"]["status"], "pending");
    assert!(is_rfc3339_ms(
        pending.body["data"][0]["attributes"]["started-at"]
            .as_str()
            .unwrap()
    ));
    let both = api(
        &sim,
        "GET",
        "/api/v1/inquiries?filter%5Bstatus%5D=created%2Cpending",
        None,
    )
    .await;
    assert_eq!(both.body["data"].as_array().unwrap().len(), 3);
    // Pages.
    let page = api(&sim, "GET", "/api/v1/inquiries?page%5Bsize%5D=2", None).await;
    assert_eq!(page.body["data"].as_array().unwrap().len(), 2);
    let next = page.body["links"]["next"].as_str().unwrap().to_owned();
    let rest = api(&sim, "GET", &next, None).await;
    assert_eq!(rest.body["data"].as_array().unwrap().len(), 1);
    assert_eq!(rest.body["links"]["next"], Value::Null);

    let s = stats(&sim).await;
    assert_eq!(s["api"]["creates"], 3);
    assert_eq!(
        s["api"]["by_route"]["POST /api/v1/inquiries/{id}/resume"],
        3
    );
    assert_eq!(s["api"]["by_status"]["422"], 2);
    sim.stop();
}

#[tokio::test]
async fn idempotency_keys_replay_and_refuse_other_bodies() {
    let sim = Simulator::start(&["--api-key", KEY]);
    let url = format!("{}/api/v1/inquiries", sim.url);
    let body = json!({"data": {"attributes": {"inquiry-template-id": "itmpl_sim_happy", "reference-id": "u1"}}});
    let headers = [
        ("authorization", "Bearer sk_test_simulator"),
        ("idempotency-key", "key-1"),
    ];
    let first = call("POST", &url, &headers, Some(&body)).await;
    assert_eq!(first.status, 201);
    // The same body, its keys in another order: the same answer.
    let reordered = json!({"data": {"attributes": {"reference-id": "u1", "inquiry-template-id": "itmpl_sim_happy"}}});
    let again = call("POST", &url, &headers, Some(&reordered)).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body, first.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    let other = json!({"data": {"attributes": {"inquiry-template-id": "itmpl_sim_happy", "reference-id": "u2"}}});
    let refused = call("POST", &url, &headers, Some(&other)).await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body["errors"][0]["title"]
            .as_str()
            .unwrap()
            .contains("Idempotency-Key"),
        "{}",
        refused.body
    );
    assert!(refused.body["errors"][0]["details"]
        .as_str()
        .unwrap()
        .contains("key-1"));
    // A resume with the same key is other parameters too.
    let id = first.body["data"]["id"].as_str().unwrap();
    let resume = call("POST", &format!("{url}/{id}/resume"), &headers, None).await;
    assert_eq!(resume.status, 422);
    // Without the key, each POST is a new inquiry.
    let plain = call("POST", &url, &auth(), Some(&body)).await;
    assert_ne!(plain.body["data"]["id"], first.body["data"]["id"]);
    let s = stats(&sim).await;
    assert_eq!(s["api"]["creates"], 2);
    assert_eq!(s["api"]["replays"], 1);
    let list = api(
        &sim,
        "GET",
        "/api/v1/inquiries?filter[reference-id]=u1",
        None,
    )
    .await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 2);
    sim.stop();
}

#[tokio::test]
async fn finished_inquiries_cannot_be_resumed() {
    let sim = Simulator::start(&["--api-key", KEY, "--decision-ms", "100"]);
    let (id, _) = create(&sim, "itmpl_sim_happy", "u").await;
    let done = call(
        "POST",
        &format!("{}/__inquiries/{id}/complete", sim.url),
        &[],
        None,
    )
    .await;
    assert_eq!(done.status, 200);
    assert_eq!(done.body["data"]["attributes"]["status"], "completed");
    let r = api(
        &sim,
        "POST",
        &format!("/api/v1/inquiries/{id}/resume"),
        None,
    )
    .await;
    assert_eq!(r.status, 409);
    assert!(
        r.body["errors"][0]["details"]
            .as_str()
            .unwrap()
            .contains("completed"),
        "{}",
        r.body
    );
    eventually("the decision", || async {
        api(&sim, "GET", &format!("/api/v1/inquiries/{id}"), None)
            .await
            .body["data"]["attributes"]["status"]
            == "approved"
    })
    .await;
    let got = api(&sim, "GET", &format!("/api/v1/inquiries/{id}"), None).await;
    assert!(is_rfc3339_ms(
        got.body["data"]["attributes"]["decided-at"]
            .as_str()
            .unwrap()
    ));
    let r = api(
        &sim,
        "POST",
        &format!("/api/v1/inquiries/{id}/resume"),
        None,
    )
    .await;
    assert_eq!(r.status, 409);
    assert!(r.body["errors"][0]["details"]
        .as_str()
        .unwrap()
        .contains("approved"));

    // declined, review and fail templates.
    for (template, action, status) in [
        ("itmpl_sim_declined", "complete", "declined"),
        ("itmpl_sim_review", "complete", "needs_review"),
        ("itmpl_sim_fail", "fail", "failed"),
    ] {
        let (id, _) = create(&sim, template, "u").await;
        call(
            "POST",
            &format!("{}/__inquiries/{id}/{action}", sim.url),
            &[],
            None,
        )
        .await;
        eventually(status, || async {
            api(&sim, "GET", &format!("/api/v1/inquiries/{id}"), None)
                .await
                .body["data"]["attributes"]["status"]
                == status
        })
        .await;
        let r = api(
            &sim,
            "POST",
            &format!("/api/v1/inquiries/{id}/resume"),
            None,
        )
        .await;
        assert_eq!(r.status, 409, "{template}");
        assert!(r.body["errors"][0]["details"]
            .as_str()
            .unwrap()
            .contains(status));
    }

    // An expired inquiry resumes into pending.
    let (id, _) = create(&sim, "itmpl_sim_happy", "u").await;
    call(
        "POST",
        &format!("{}/__inquiries/{id}/expire", sim.url),
        &[],
        None,
    )
    .await;
    let r = api(
        &sim,
        "POST",
        &format!("/api/v1/inquiries/{id}/resume"),
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"]["attributes"]["status"], "pending");
    sim.stop();
}

#[tokio::test]
async fn the_fault_switch() {
    let sim = Simulator::start(&["--api-key", KEY, "--fault", "503:1:4"]);
    let url = format!("{}/api/v1/inquiries", sim.url);
    // The flag's fault comes first.
    let a = api(&sim, "GET", "/api/v1/inquiries", None).await;
    assert_eq!(a.status, 503);
    assert_eq!(a.headers["retry-after"], "4");
    errors_shape(&a.body);

    let faults = format!("{}/__faults", sim.url);
    let set = call(
        "POST",
        &faults,
        &[],
        Some(&json!({"status": 429, "count": 2, "retry_after": 7})),
    )
    .await;
    assert_eq!(
        set.body["faults"],
        json!([{"status": 429, "count": 2, "retry_after": 7}])
    );
    let body = json!({"data": {"attributes": {"inquiry-template-id": "itmpl_sim_happy"}}});
    let keyed = [
        ("authorization", "Bearer sk_test_simulator"),
        ("idempotency-key", "k429"),
    ];
    for _ in 0..2 {
        let a = call("POST", &url, &keyed, Some(&body)).await;
        assert_eq!(a.status, 429);
        assert_eq!(a.headers["retry-after"], "7");
        assert_eq!(a.headers["ratelimit-limit"], "300");
        assert_eq!(a.headers["ratelimit-remaining"], "0");
        assert_eq!(a.headers["ratelimit-reset"], "7");
        assert_eq!(a.body["errors"][0]["title"], "Too Many Requests");
    }
    // A 429 is not stored under the key: the retry creates.
    let a = call("POST", &url, &keyed, Some(&body)).await;
    assert_eq!(a.status, 201);

    // A 500 is stored: the same key replays it; a new key goes through.
    call("POST", &faults, &[], Some(&json!({"status": 500}))).await;
    let keyed = [
        ("authorization", "Bearer sk_test_simulator"),
        ("idempotency-key", "k500"),
    ];
    let a = call("POST", &url, &keyed, Some(&body)).await;
    assert_eq!(a.status, 500);
    errors_shape(&a.body);
    let again = call("POST", &url, &keyed, Some(&body)).await;
    assert_eq!(again.status, 500);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    let fresh = [
        ("authorization", "Bearer sk_test_simulator"),
        ("idempotency-key", "k500-2"),
    ];
    assert_eq!(call("POST", &url, &fresh, Some(&body)).await.status, 201);

    // 401 comes before faults, and is never stored.
    call(
        "POST",
        &faults,
        &[],
        Some(&json!({"status": 500, "count": 1})),
    )
    .await;
    let a = call("POST", &url, &[("idempotency-key", "k401")], Some(&body)).await;
    assert_eq!(a.status, 401);
    assert_eq!(
        call("GET", &faults, &[], None).await.body["faults"][0]["count"],
        1
    );
    call("DELETE", &faults, &[], None).await;
    assert_eq!(
        call("GET", &faults, &[], None).await.body["faults"],
        json!([])
    );
    let bad = call("POST", &faults, &[], Some(&json!({"status": 200}))).await;
    assert_eq!(bad.status, 400);

    let s = stats(&sim).await;
    assert_eq!(s["api"]["faults"], 4);
    assert_eq!(s["api"]["by_status"]["429"], 2);
    assert_eq!(s["api"]["by_status"]["500"], 2);
    assert_eq!(s["api"]["replays"], 1);
    sim.stop();
}

fn widget_config(html: &str) -> Value {
    let start = html.find("id=\"sim-config\">").expect("config") + "id=\"sim-config\">".len();
    let end = start + html[start..].find("</script>").expect("end");
    serde_json::from_str(&html[start..end]).expect("config JSON")
}

async fn widget(sim: &Simulator, query: &str) -> Value {
    let a = call("GET", &format!("{}/widget?{query}", sim.url), &[], None).await;
    assert_eq!(a.status, 200);
    widget_config(a.body.as_str().expect("html"))
}

#[tokio::test]
async fn the_flow_checks_session_tokens() {
    let sim = Simulator::start(&["--api-key", KEY, "--decision-ms", "50"]);
    let (id, token) = create(&sim, "itmpl_sim_declined", "u").await;
    let base = "iframe-origin=http%3A%2F%2F127.0.0.1%3A1&container-id=c";

    let good = widget(
        &sim,
        &format!("{base}&inquiry-id={id}&session-token={token}"),
    )
    .await;
    assert_eq!(good["error"], Value::Null);
    assert_eq!(good["track"], true);
    assert_eq!(good["scenario"], "declined", "the template's scenario");
    // The query still chooses when it names a scenario.
    let chosen = widget(
        &sim,
        &format!("{base}&inquiry-id={id}&session-token={token}&scenario=fail"),
    )
    .await;
    assert_eq!(chosen["scenario"], "fail");

    for query in [
        format!("{base}&inquiry-id={id}&session-token=sess_wrong"),
        format!("{base}&inquiry-id={id}"),
    ] {
        let c = widget(&sim, &query).await;
        assert_eq!(c["error"]["status"], 409, "{query}");
        assert_eq!(c["error"]["code"], "unauthenticated");
        assert!(c["error"]["message"].as_str().unwrap().contains(&id));
    }
    // An inquiry the state does not know plays as before.
    let unknown = widget(
        &sim,
        &format!("{base}&inquiry-id=inq_sim_other&session-token=x"),
    )
    .await;
    assert_eq!(unknown["error"], Value::Null);
    assert_eq!(unknown["track"], Value::Null);
    assert_eq!(unknown["scenario"], "happy");
    // A template flow with no inquiry id plays as before, and registers its inquiry.
    let fresh = widget(&sim, &format!("{base}&inquiry-template-id=itmpl_sim_fail")).await;
    assert_eq!(
        (fresh["scenario"].as_str(), fresh["track"].as_bool()),
        (Some("fail"), Some(true))
    );
    assert_eq!(fresh["error"], Value::Null);
    // The error scenarios still post their own error.
    let e = widget(
        &sim,
        &format!("{base}&inquiry-template-id=itmpl_sim_error_unauthenticated"),
    )
    .await;
    assert_eq!(e["error"]["code"], "unauthenticated");

    // What the flow's page posts: start → pending, complete → completed → declined.
    let flow = |step: &'static str, body: Value| {
        let url = format!("{}/flow-api/{step}", sim.url);
        async move { call("POST", &url, &[], Some(&body)).await }
    };
    let wrong = flow("start", json!({"inquiry-id": id, "session-token": "nope"})).await;
    assert_eq!(wrong.status, 409);
    let started = flow("start", json!({"inquiry-id": id, "session-token": token})).await;
    assert_eq!(started.body["status"], "pending");
    let fields = json!({"name-first": {"type": "string", "value": "Jane"}});
    let done = flow(
        "complete",
        json!({"inquiry-id": id, "session-token": token, "fields": fields}),
    )
    .await;
    assert_eq!(done.body["status"], "completed");
    eventually("declined", || async {
        api(&sim, "GET", &format!("/api/v1/inquiries/{id}"), None)
            .await
            .body["data"]["attributes"]["status"]
            == "declined"
    })
    .await;
    let got = api(&sim, "GET", &format!("/api/v1/inquiries/{id}"), None).await;
    assert_eq!(
        got.body["data"]["attributes"]["fields"]["name-first"]["value"],
        "Jane"
    );

    // A flow that began with a template registers the inquiry it made up.
    let made = flow(
        "start",
        json!({"inquiry-id": "inq_sim_abc", "session-token": "sess_sim_xyz",
               "inquiry-template-id": "itmpl_sim_happy", "reference-id": "browser-user"}),
    )
    .await;
    assert_eq!(made.body["status"], "pending", "{}", made.body);
    let list = api(
        &sim,
        "GET",
        "/api/v1/inquiries?filter[reference-id]=browser-user",
        None,
    )
    .await;
    assert_eq!(list.body["data"][0]["id"], "inq_sim_abc");
    // Its own token resumes it in the flow (as the browser tests do), with no scenario
    // of the state's.
    let resumed = widget(
        &sim,
        &format!("{base}&inquiry-id=inq_sim_abc&session-token=sess_sim_xyz"),
    )
    .await;
    assert_eq!(
        (resumed["error"].clone(), resumed["scenario"].clone()),
        (Value::Null, json!("happy"))
    );
    sim.stop();
}

#[tokio::test]
async fn strict_sessions_refuse_unknown_inquiries() {
    let sim = Simulator::start(&["--strict-sessions"]);
    let c = widget(&sim, "inquiry-id=inq_unknown&session-token=x").await;
    assert_eq!(c["error"]["code"], "unauthenticated");
    sim.stop();
}

#[tokio::test]
async fn webhooks_are_signed_retried_and_counted() {
    let rx = Receiver::start().await;
    rx.script.lock().unwrap().push_back(500);
    let hook = rx.hook();
    let sim = Simulator::start(&[
        "--api-key",
        KEY,
        "--webhook-url",
        &hook,
        "--webhook-secret",
        SECRET,
        "--webhook-retry-ms",
        "100",
        "--decision-ms",
        "100",
    ]);
    let (id, _) = create(&sim, "itmpl_sim_happy", "user-1").await;
    eventually("inquiry.created, retried", || async {
        rx.for_inquiry(&id).len() >= 2
    })
    .await;
    call(
        "POST",
        &format!("{}/__inquiries/{id}/start", sim.url),
        &[],
        None,
    )
    .await;
    call(
        "POST",
        &format!("{}/__inquiries/{id}/complete", sim.url),
        &[],
        None,
    )
    .await;
    eventually("four events delivered", || async {
        stats(&sim).await["webhooks"]["delivered"] == 4
    })
    .await;
    let got = rx.for_inquiry(&id);
    let names: Vec<String> = got.iter().map(Delivery::name).collect();
    assert_eq!(
        names,
        [
            "inquiry.created",
            "inquiry.created",
            "inquiry.started",
            "inquiry.completed",
            "inquiry.approved"
        ]
    );
    // The retry: the same event, the same bytes, signed again.
    assert_eq!(got[0].event_id(), got[1].event_id());
    assert_eq!(got[0].body, got[1].body);
    assert!(got[1].at.duration_since(got[0].at) >= Duration::from_millis(90));
    assert_eq!(got[0].header("persona-webhook-attempts-made"), "1");
    assert_eq!(got[0].header("persona-webhook-attempts-left"), "4");
    assert_eq!(got[1].header("persona-webhook-attempts-made"), "2");
    assert_eq!(got[1].header("persona-webhook-attempts-left"), "3");
    assert_eq!(
        got[0].header("persona-webhook-first-attempted-at"),
        got[1].header("persona-webhook-first-attempted-at")
    );
    let first: i64 = got[0]
        .header("persona-webhook-first-attempted-at")
        .parse()
        .unwrap();
    assert!((unix_now() - first).abs() < 60);
    for d in &got {
        assert_eq!(d.path, "/hook");
        assert_eq!(d.header("content-type"), "application/json");
        assert!(signed_by(d, SECRET), "{}", d.header("persona-signature"));
        assert!(!signed_by(d, "wbhsec_other"));
        assert_eq!(sets(d.header("persona-signature")).len(), 1);
        let body = d.json();
        let data = &body["data"];
        assert_eq!(data["type"], "event");
        assert!(data["id"].as_str().unwrap().starts_with("evt_"));
        assert!(is_rfc3339_ms(
            data["attributes"]["created-at"].as_str().unwrap()
        ));
        let inquiry = &data["attributes"]["payload"]["data"];
        assert_eq!(data["attributes"]["payload"]["included"], json!([]));
        assert_eq!(inquiry["type"], "inquiry");
        assert_eq!(inquiry["attributes"]["reference-id"], "user-1");
    }
    // Each payload is the inquiry as it was at that moment.
    let statuses: Vec<Value> = got[1..]
        .iter()
        .map(|d| d.json()["data"]["attributes"]["payload"]["data"]["attributes"]["status"].clone())
        .collect();
    assert_eq!(
        statuses,
        [
            json!("created"),
            json!("pending"),
            json!("completed"),
            json!("approved")
        ]
    );

    let s = stats(&sim).await["webhooks"].clone();
    assert_eq!(s["sent"], 4);
    assert_eq!(s["delivered"], 4);
    assert_eq!(s["attempts"], 5);
    assert_eq!(s["by_status"], json!({"200": 4, "500": 1}));
    assert_eq!(s["pending"], 0);
    assert_eq!(s["gave_up"], 0);

    // POST /__reset zeroes the counters.
    let reset = call("POST", &format!("{}/__reset", sim.url), &[], None).await;
    assert_eq!(reset.body["webhooks"]["attempts"], 0);
    assert_eq!(reset.body["api"]["requests"], 0);
    assert_eq!(reset.body["widget"], 0);

    // Giving up: a receiver that always fails, and one that never answers in time.
    let config = format!("{}/__config", sim.url);
    let c = call("POST", &config, &[], Some(&json!({"webhook_url": format!("{}/always500", rx.url), "webhook_attempts": 2, "webhook_retry_ms": 10}))).await;
    assert_eq!(c.status, 200, "{}", c.body);
    create(&sim, "itmpl_sim_happy", "user-2").await;
    eventually("gave up", || async {
        stats(&sim).await["webhooks"]["gave_up"] == 1
    })
    .await;
    call(
        "POST",
        &config,
        &[],
        Some(&json!({"webhook_url": format!("{}/slow", rx.url), "webhook_timeout_ms": 100})),
    )
    .await;
    create(&sim, "itmpl_sim_happy", "user-3").await;
    eventually("timed out twice", || async {
        stats(&sim).await["webhooks"]["gave_up"] == 2
    })
    .await;
    let s = stats(&sim).await["webhooks"].clone();
    assert_eq!(s["by_status"], json!({"500": 2}));
    assert_eq!(s["errors"], 2);
    assert_eq!(s["attempts"], 4);
    let overview = call("GET", &format!("{}/__webhooks", sim.url), &[], None)
        .await
        .body;
    let last = overview["log"].as_array().unwrap().last().unwrap().clone();
    assert!(
        last["error"].as_str().unwrap().contains("timeout"),
        "{last}"
    );
    sim.stop();
}

#[tokio::test]
async fn rotation_signs_with_both_secrets() {
    let rx = Receiver::start().await;
    let hook = rx.hook();
    let sim = Simulator::start(&[
        "--api-key",
        KEY,
        "--webhook-url",
        &hook,
        "--webhook-secret",
        SECRET,
        "--webhook-rotation-secret",
        OLD_SECRET,
    ]);
    let (id, _) = create(&sim, "itmpl_sim_happy", "u").await;
    eventually("the event", || async { rx.for_inquiry(&id).len() == 1 }).await;
    let d = &rx.for_inquiry(&id)[0];
    let header = d.header("persona-signature");
    let parts: Vec<&str> = header.split(' ').collect();
    assert_eq!(parts.len(), 2, "{header}");
    let signed = |t: i64, secret: &str| {
        let mut bytes = format!("{t}.").into_bytes();
        bytes.extend_from_slice(&d.body);
        hmac_hex(secret, &bytes)
    };
    let s = sets(header);
    assert_eq!(s[0].0, s[1].0);
    assert_eq!(s[0].1, signed(s[0].0, OLD_SECRET), "the old secret first");
    assert_eq!(s[1].1, signed(s[1].0, SECRET));
    assert_eq!(parts[0], format!("t={},v1={}", s[0].0, s[0].1));
    sim.stop();
}

#[tokio::test]
async fn chaos_duplicates_and_reorders() {
    let rx = Receiver::start().await;
    let hook = rx.hook();
    let sim = Simulator::start(&[
        "--api-key",
        KEY,
        "--webhook-url",
        &hook,
        "--webhook-secret",
        SECRET,
        "--webhook-chaos",
        "duplicate=1",
    ]);
    let (a, _) = create(&sim, "itmpl_sim_happy", "u").await;
    eventually("two copies", || async { rx.for_inquiry(&a).len() == 2 }).await;
    let got = rx.for_inquiry(&a);
    assert_eq!(got[0].event_id(), got[1].event_id());
    assert_eq!(got[0].body, got[1].body);

    let chaos = format!("{}/__webhooks/chaos", sim.url);
    let c = call(
        "POST",
        &chaos,
        &[],
        Some(&json!({"duplicate": 0, "reorder": 1})),
    )
    .await;
    assert_eq!(c.body, json!({"duplicate": 0.0, "reorder": 1.0}));
    let (b, _) = create(&sim, "itmpl_sim_happy", "u").await;
    call(
        "POST",
        &format!("{}/__inquiries/{b}/start", sim.url),
        &[],
        None,
    )
    .await;
    eventually("both events", || async { rx.for_inquiry(&b).len() == 2 }).await;
    let names: Vec<String> = rx.for_inquiry(&b).iter().map(Delivery::name).collect();
    assert_eq!(names, ["inquiry.started", "inquiry.created"]);
    let s = stats(&sim).await["webhooks"].clone();
    assert_eq!(
        (s["duplicates"].clone(), s["reordered"].clone()),
        (json!(1), json!(1))
    );
    sim.stop();
}

#[tokio::test]
async fn forged_deliveries_for_tests() {
    let rx = Receiver::start().await;
    let hook = rx.hook();
    let sim = Simulator::start(&[
        "--api-key",
        KEY,
        "--webhook-url",
        &hook,
        "--webhook-secret",
        SECRET,
    ]);
    let (id, _) = create(&sim, "itmpl_sim_happy", "u").await;
    eventually("the real event", || async {
        rx.for_inquiry(&id).len() == 1
    })
    .await;
    let real = rx.for_inquiry(&id)[0].clone();
    let send = format!("{}/__webhooks/send", sim.url);
    let answer = |spec: Value| {
        let send = send.clone();
        async move { call("POST", &send, &[], Some(&spec)).await.body }
    };
    // Wrong secret, stale, future: the receiver refuses; a good one passes.
    assert_eq!(
        answer(json!({"event": "inquiry.approved", "inquiry_id": id, "secret": "wrong"})).await
            ["status"],
        401
    );
    assert_eq!(
        answer(json!({"event": "inquiry.approved", "timestamp_offset_s": -1000})).await["status"],
        401
    );
    assert_eq!(
        answer(json!({"event": "inquiry.approved", "timestamp_offset_s": 1000})).await["status"],
        401
    );
    assert_eq!(
        answer(json!({"event": "inquiry.approved", "signature": null})).await["status"],
        401
    );
    let good = answer(json!({"event": "inquiry.approved", "inquiry_id": id})).await;
    assert_eq!(good["status"], 200, "{good}");
    // A replay of the real event: the same body, a fresh signature.
    let replay = answer(json!({"event_id": real.event_id()})).await;
    assert_eq!(replay["status"], 200);
    let last = rx.got().last().unwrap().clone();
    assert_eq!(last.body, real.body);
    assert_eq!(last.event_id(), real.event_id());
    // The forged payload is the inquiry as it is, under the given name.
    let forged = rx.got()[rx.got().len() - 2].json();
    assert_eq!(forged["data"]["attributes"]["name"], "inquiry.approved");
    assert_eq!(
        forged["data"]["attributes"]["payload"]["data"]["id"],
        id.as_str()
    );
    let s = stats(&sim).await["webhooks"].clone();
    assert_eq!(s["forged"], 6);
    assert_eq!(s["by_status"]["401"], 4);
    sim.stop();
}
