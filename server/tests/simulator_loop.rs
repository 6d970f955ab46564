//! The whole server loop against the real simulator process, with the flow in
//! headless Chromium: the REST client creates, then resumes, an inquiry; the
//! flow runs with that inquiry's session token and completes; the simulator's
//! webhooks reach a real axum route behind [`VerifiedWebhook`] and are verified.
//! Then forged, stale and future deliveries are refused (the simulator counts
//! the 401s), and a rotation's two signature sets are accepted.
//!
//! Ignored by default: `cargo xtask test` runs it with `PERSONA_SIMULATOR_BIN`
//! (the simulator's binary) and `CHROMEDRIVER` set.
#![cfg(all(feature = "axum", feature = "client"))]

use std::io::{BufRead, BufReader};
use std::net::TcpListener as StdListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use fantoccini::ClientBuilder as WebDriver;
use leptos_persona_core::{FlowType, Host, InquiryOptions, WidgetFrame};
use leptos_persona_server::api::{Client, Start, Template};
use leptos_persona_server::webhook::{VerifiedWebhook, WebhookEvent, WebhookVerifier};
use serde_json::{json, Map, Value};

const KEY: &str = "sim_loop_key_19c2";
const SECRET: &str = "wbhsec_loop_first";
const NEXT_SECRET: &str = "wbhsec_loop_second";

/// What the receiver saw: each verified event, with its `Persona-Signature`.
#[derive(Clone, Default)]
struct Received(Arc<Mutex<Vec<(WebhookEvent, String)>>>);

impl Received {
    fn events(&self) -> Vec<(WebhookEvent, String)> {
        self.0.lock().map(|e| e.clone()).unwrap_or_default()
    }

    fn names_for(&self, inquiry_id: &str) -> Vec<String> {
        self.events()
            .iter()
            .filter(|(e, _)| e.inquiry.as_ref().is_some_and(|i| i.id == inquiry_id))
            .map(|(e, _)| e.name.as_str().to_owned())
            .collect()
    }
}

#[derive(Clone)]
struct Receiver {
    verifier: WebhookVerifier,
    received: Received,
}

impl FromRef<Receiver> for WebhookVerifier {
    fn from_ref(state: &Receiver) -> Self {
        state.verifier.clone()
    }
}

async fn webhook(
    State(state): State<Receiver>,
    headers: HeaderMap,
    VerifiedWebhook(event): VerifiedWebhook,
) -> StatusCode {
    let signature = headers
        .get("persona-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if let Ok(mut events) = state.received.0.lock() {
        events.push((event, signature));
    }
    StatusCode::OK
}

/// A webhook route on an ephemeral port, verifying with [`SECRET`] alone.
async fn start_receiver() -> (String, Received) {
    let received = Received::default();
    let state = Receiver {
        verifier: WebhookVerifier::new(SECRET),
        received: received.clone(),
    };
    let app = Router::new()
        .route("/webhooks/persona", post(webhook))
        .with_state(state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("binding the receiver: {e}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|e| panic!("the receiver's address: {e}"));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{address}/webhooks/persona"), received)
}

/// The simulator process, killed on drop.
struct Simulator {
    child: Child,
    origin: String,
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_simulator(webhook_url: &str) -> Simulator {
    let bin = std::env::var_os("PERSONA_SIMULATOR_BIN").unwrap_or_else(|| {
        panic!(
            "PERSONA_SIMULATOR_BIN is not set: build the simulator (cargo build -p \
             persona-flow-simulator) and point PERSONA_SIMULATOR_BIN at its binary"
        )
    });
    let mut child = Command::new(&bin)
        .args(["--port", "0", "--api-key", KEY, "--decision-ms", "200"])
        .args(["--webhook-url", webhook_url, "--webhook-secret", SECRET])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {bin:?}: {e}"));
    let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
    let mut reader = BufReader::new(stdout);
    let mut first = String::new();
    reader
        .read_line(&mut first)
        .unwrap_or_else(|e| panic!("reading the simulator's first line: {e}"));
    let origin = first
        .trim()
        .strip_prefix("flow simulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    std::thread::spawn(move || for _ in reader.lines().map_while(Result::ok) {});
    Simulator { child, origin }
}

async fn simulator_json(method: &str, url: &str, body: Option<Value>) -> Value {
    let http = reqwest::Client::new();
    let request = match method {
        "POST" => http.post(url).json(&body.unwrap_or(json!({}))),
        _ => http.get(url),
    };
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    response
        .json()
        .await
        .unwrap_or_else(|e| panic!("{method} {url}: not JSON: {e}"))
}

/// Waits until `done` holds, or fails after 30 s naming `what`.
async fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9516)
}

/// Opens `url` in headless Chromium and keeps the page until `done` holds.
async fn run_flow(url: &str, received: &Received, inquiry_id: &str) {
    let port = free_port();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let mut driver = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {chromedriver}: {e}"));
    let profile = std::env::temp_dir().join(format!("persona-loop-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&profile);
    let args = json!([
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        format!("--user-data-dir={}", profile.display()),
    ]);
    let mut capabilities = Map::new();
    capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
    let started = Instant::now();
    let browser = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match WebDriver::new(connector)
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(browser) => break browser,
            Err(e) if started.elapsed() < Duration::from_secs(15) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => panic!("connecting to chromedriver: {e}"),
        }
    };
    browser
        .goto(url)
        .await
        .unwrap_or_else(|e| panic!("opening the flow: {e}"));
    wait_until("inquiry.completed and inquiry.approved, verified", || {
        let names = received.names_for(inquiry_id);
        names.iter().any(|n| n == "inquiry.completed")
            && names.iter().any(|n| n == "inquiry.approved")
    })
    .await;
    let _ = browser.close().await;
    let _ = driver.kill();
    let _ = driver.wait();
    let _ = std::fs::remove_dir_all(&profile);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs the simulator and chromedriver: cargo xtask test runs it"]
async fn create_resume_flow_complete_and_verified_webhooks() {
    let (webhook_url, received) = start_receiver().await;
    let simulator = start_simulator(&webhook_url);
    let client = Client::builder(KEY)
        .base_url(format!("{}/api/v1", simulator.origin))
        .retry_backoff(Duration::from_millis(10))
        .build()
        .unwrap_or_else(|e| panic!("building the client: {e}"));
    let template = Template::id("itmpl_sim_happy");

    // Create, then resume: one inquiry, one create.
    let first = client.start_or_resume("user-loop", &template).await;
    let Ok(Start::Resume { inquiry_id, .. }) = first else {
        panic!("start_or_resume: {first:?}")
    };
    let again = client.start_or_resume("user-loop", &template).await;
    let Ok(Start::Resume {
        inquiry_id: resumed,
        session_token,
        ..
    }) = again
    else {
        panic!("the second start_or_resume: {again:?}")
    };
    assert_eq!(resumed, inquiry_id, "the second start made another inquiry");
    let stats = simulator_json("GET", &format!("{}/__stats", simulator.origin), None).await;
    assert_eq!(stats["api"]["creates"], 1, "{stats}");
    wait_until("inquiry.created, verified", || {
        received
            .names_for(&inquiry_id)
            .iter()
            .any(|n| n == "inquiry.created")
    })
    .await;

    // The flow, with that inquiry and its token, as <PersonaInquiry> builds it.
    let host: Host = simulator
        .origin
        .parse()
        .unwrap_or_else(|e| panic!("the simulator as a host: {e}"));
    let options = InquiryOptions {
        inquiry_id: Some(inquiry_id.clone()),
        session_token: Some(session_token),
        environment_id: Some("env_sim_autoplay".into()),
        host: Some(host),
        ..InquiryOptions::default()
    };
    let frame = WidgetFrame::build(
        &options,
        "persona-loop-1",
        FlowType::Inline,
        &simulator.origin,
    )
    .unwrap_or_else(|e| panic!("the widget URL: {e}"));
    run_flow(&frame.src, &received, &inquiry_id).await;
    let inquiry = client
        .retrieve_inquiry(&inquiry_id)
        .await
        .unwrap_or_else(|e| panic!("retrieve after the flow: {e}"));
    assert_eq!(inquiry.status.as_str(), "approved");
    let names = received.names_for(&inquiry_id);
    for name in [
        "inquiry.created",
        "inquiry.started",
        "inquiry.completed",
        "inquiry.approved",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    let before = received.events().len();

    // Forged, stale and future deliveries: refused, and counted by the simulator.
    let send = format!("{}/__webhooks/send", simulator.origin);
    for forged in [
        json!({ "event": "inquiry.approved", "inquiry_id": inquiry_id, "secret": "wbhsec_other" }),
        json!({ "event": "inquiry.approved", "inquiry_id": inquiry_id, "timestamp_offset_s": -1000 }),
        json!({ "event": "inquiry.approved", "inquiry_id": inquiry_id, "timestamp_offset_s": 1000 }),
    ] {
        let answer = simulator_json("POST", &send, Some(forged.clone())).await;
        assert_eq!(answer["status"], 401, "{forged} was answered {answer}");
    }
    let stats = simulator_json("GET", &format!("{}/__stats", simulator.origin), None).await;
    assert_eq!(stats["webhooks"]["by_status"]["401"], 3, "{stats}");
    assert_eq!(
        received.events().len(),
        before,
        "a forged delivery was accepted"
    );

    // A rotation on Persona's side: the old secret and the new one, two sets.
    let config = simulator_json(
        "POST",
        &format!("{}/__config", simulator.origin),
        Some(json!({ "webhook_secret": NEXT_SECRET, "webhook_rotation_secret": SECRET })),
    )
    .await;
    assert!(!config["webhooks"]["rotation_secret"].is_null(), "{config}");
    let answer = simulator_json(
        "POST",
        &send,
        Some(json!({ "event": "inquiry.approved", "inquiry_id": inquiry_id })),
    )
    .await;
    assert_eq!(answer["status"], 200, "the rotation's delivery: {answer}");
    let events = received.events();
    let (_, signature) = events.last().unwrap_or_else(|| panic!("no event received"));
    assert_eq!(signature.split(' ').count(), 2, "not two sets: {signature}");
    drop(simulator);
}
