//! The API client against the real flow simulator (`examples/flow-simulator`),
//! one simulator process per test. Ignored by default; run them with the
//! simulator's binary in `PERSONA_SIMULATOR_BIN`:
//!
//! ```sh
//! cargo build -p persona-flow-simulator
//! PERSONA_SIMULATOR_BIN=target/debug/persona-flow-simulator \
//!     cargo test -p leptos-persona-server --features client --test api -- --ignored
//! ```
#![cfg(feature = "client")]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use leptos_persona_server::api::{
    ApiError, Client, ClientBuilder, CreateInquiry, Start, StartOptions, Template,
};
use leptos_persona_server::InquiryStatus;
use serde_json::{json, Value};

const KEY: &str = "sim_api_key_7f3a";
const HAPPY: &str = "itmpl_sim_happy";

/// The simulator, on an ephemeral port until dropped.
struct Simulator {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    origin: String,
    http: reqwest::Client,
}

impl Simulator {
    fn start() -> Self {
        Self::start_with(&[])
    }

    /// Started with `--port 0 --api-key KEY` and `args`; the first stdout line
    /// is `flow simulator listening on http://127.0.0.1:PORT`.
    fn start_with(args: &[&str]) -> Self {
        let bin = std::env::var_os("PERSONA_SIMULATOR_BIN").unwrap_or_else(|| {
            panic!(
                "PERSONA_SIMULATOR_BIN is not set: build the simulator \
                 (cargo build -p persona-flow-simulator) and set PERSONA_SIMULATOR_BIN to its \
                 binary (target/debug/persona-flow-simulator)"
            )
        });
        let mut child = Command::new(&bin)
            .args(["--port", "0", "--api-key", KEY])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {bin:?}: {e}"));
        let stdout = child
            .stdout
            .take()
            .unwrap_or_else(|| panic!("no stdout from {bin:?}"));
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        reader
            .read_line(&mut first)
            .unwrap_or_else(|e| panic!("reading {bin:?}'s first line: {e}"));
        let origin = first
            .trim()
            .strip_prefix("flow simulator listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from {bin:?}: {first:?}"))
            .to_owned();
        // Keep draining its stdout, so that it never writes into a closed pipe.
        std::thread::spawn(move || for _ in reader.lines().map_while(Result::ok) {});
        Self {
            child,
            origin,
            http: reqwest::Client::new(),
        }
    }

    /// A client of its API, with quick retries.
    fn client(&self) -> ClientBuilder {
        Client::builder(KEY)
            .base_url(format!("{}/api/v1", self.origin))
            .retry_backoff(Duration::from_millis(20))
            .timeout(Duration::from_secs(5))
    }

    async fn control(&self, path: &str, body: Value) -> Value {
        let response = self
            .http
            .post(format!("{}{path}", self.origin))
            .json(&body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"));
        assert!(
            response.status().is_success(),
            "POST {path}: {}",
            response.status()
        );
        response
            .json()
            .await
            .unwrap_or_else(|e| panic!("POST {path}: {e}"))
    }

    /// The next `count` API requests answer `status`.
    async fn faults(&self, status: u16, count: u32, retry_after: u32) {
        self.control(
            "/__faults",
            json!({"status": status, "count": count, "retry_after": retry_after}),
        )
        .await;
    }

    /// Moves an inquiry along: `complete`, `fail`, `expire`, `approve`…
    async fn act(&self, inquiry_id: &str, action: &str) {
        self.control(&format!("/__inquiries/{inquiry_id}/{action}"), json!({}))
            .await;
    }

    /// `/__stats`' `api` counters.
    async fn api_stats(&self) -> Value {
        let stats: Value = self
            .http
            .get(format!("{}/__stats", self.origin))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET /__stats: {e}"))
            .json()
            .await
            .unwrap_or_else(|e| panic!("GET /__stats: {e}"));
        stats["api"].clone()
    }

    async fn creates(&self) -> u64 {
        let api = self.api_stats().await;
        api["creates"]
            .as_u64()
            .unwrap_or_else(|| panic!("no api.creates in {api}"))
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn build(builder: ClientBuilder) -> Client {
    builder.build().unwrap_or_else(|e| panic!("{e}"))
}

fn ok<T>(result: Result<T, ApiError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn create_then_retrieve_list_and_resume() {
    let sim = Simulator::start();
    let client = build(sim.client());
    let created = ok(client
        .create_inquiry(
            &CreateInquiry::new(Template::id(HAPPY))
                .reference_id("user-create")
                .fields(json!({"name-first": "Jane"})),
        )
        .await);
    let inquiry = &created.inquiry;
    assert!(inquiry.id.starts_with("inq_"), "{}", inquiry.id);
    assert_eq!(inquiry.status, InquiryStatus::Created);
    assert_eq!(inquiry.reference_id.as_deref(), Some("user-create"));
    assert_eq!(inquiry.template_id.as_deref(), Some(HAPPY));
    assert!(inquiry.created_at.is_some());
    assert!(!inquiry.fields.as_object().is_none_or(|f| f.is_empty()));

    let found = ok(client.retrieve_inquiry(&inquiry.id).await);
    assert_eq!(found.id, inquiry.id);
    let listed = ok(client
        .list_inquiries("user-create", &[InquiryStatus::Created])
        .await);
    assert_eq!(
        listed.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        [inquiry.id.as_str()]
    );
    let none = ok(client
        .list_inquiries("user-create", &[InquiryStatus::Approved])
        .await);
    assert!(none.is_empty(), "{none:?}");

    let resumed = ok(client.resume_inquiry(&inquiry.id).await);
    assert_eq!(resumed.inquiry_id, inquiry.id);
    assert!(!resumed.session_token.is_empty());
    assert_eq!(
        resumed.inquiry.map(|i| i.id),
        Some(inquiry.id.clone()),
        "the resume's data"
    );
    assert_eq!(sim.creates().await, 1);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn start_or_resume_twice_gives_the_same_inquiry_and_one_create() {
    let sim = Simulator::start();
    let client = build(sim.client());
    let template = Template::id(HAPPY);
    let first = ok(client.start_or_resume("user-twice", &template).await);
    let second = ok(client.start_or_resume("user-twice", &template).await);
    let (
        Start::Resume {
            inquiry_id: a,
            session_token: ta,
            status,
        },
        Start::Resume {
            inquiry_id: b,
            session_token: tb,
            ..
        },
    ) = (&first, &second)
    else {
        panic!("{first:?} {second:?}")
    };
    assert_eq!(a, b);
    assert_eq!(*status, InquiryStatus::Created);
    assert!(!ta.is_empty() && !tb.is_empty());
    assert_eq!(sim.creates().await, 1);
    // Another person, and another template for the same person, are others.
    let other = ok(client.start_or_resume("user-other", &template).await);
    let declined = ok(client
        .start_or_resume("user-twice", &Template::id("itmpl_sim_declined"))
        .await);
    assert_ne!(other.inquiry_id(), a);
    assert_ne!(declined.inquiry_id(), a);
    assert_eq!(sim.creates().await, 3);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn racing_start_or_resume_calls_for_a_new_person_create_one_inquiry() {
    let sim = Simulator::start();
    let client = build(sim.client());
    // All spawned before any is awaited (collected), so that they overlap.
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .start_or_resume("user-race", &Template::id(HAPPY))
                    .await
            })
        })
        .collect();
    let mut ids = Vec::new();
    for call in calls {
        let start = ok(call.await.unwrap_or_else(|e| panic!("{e}")));
        ids.push(start.inquiry_id().to_owned());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1, "{ids:?}");
    let api = sim.api_stats().await;
    assert_eq!(api["creates"], 1, "{api}");
    // They did race: more than one create was sent, and answered by replay.
    assert!(api["replays"].as_u64().unwrap_or(0) >= 1, "{api}");
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn a_create_retried_through_429s_creates_one_inquiry() {
    let sim = Simulator::start();
    let client = build(sim.client());
    sim.faults(429, 2, 1).await;
    let started = std::time::Instant::now();
    let created = ok(client
        .create_inquiry(&CreateInquiry::new(Template::id(HAPPY)).reference_id("user-429"))
        .await);
    assert!(
        started.elapsed() >= Duration::from_millis(1900),
        "Retry-After: 1 was honoured twice"
    );
    let api = sim.api_stats().await;
    assert_eq!(api["faults"], 2, "{api}");
    assert_eq!(api["creates"], 1, "{api}");
    let listed = ok(client.list_inquiries("user-429", &[]).await);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, created.inquiry.id);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn start_or_resume_through_429s_and_500s_creates_one_inquiry() {
    let sim = Simulator::start();
    let client = build(sim.client());
    sim.faults(429, 1, 0).await;
    sim.faults(500, 2, 0).await;
    let start = ok(client
        .start_or_resume("user-faults", &Template::id(HAPPY))
        .await);
    assert!(matches!(start, Start::Resume { .. }), "{start:?}");
    let api = sim.api_stats().await;
    assert_eq!(api["faults"], 3, "{api}");
    assert_eq!(api["creates"], 1, "{api}");
    let again = ok(client
        .start_or_resume("user-faults", &Template::id(HAPPY))
        .await);
    assert_eq!(again.inquiry_id(), start.inquiry_id());
    assert_eq!(sim.creates().await, 1);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn a_create_whose_500_is_stored_under_its_key_is_not_retried_into_a_second() {
    // The simulator, like Persona, replays a key's first answer, a 500 too:
    // the client stops at the replay, creates nothing, and start_or_resume
    // then creates exactly one inquiry with a key of its own.
    let sim = Simulator::start();
    let client = build(sim.client());
    sim.faults(500, 1, 0).await;
    let error = client
        .create_inquiry(
            &CreateInquiry::new(Template::id(HAPPY))
                .reference_id("user-500")
                .idempotency_key("signup-user-500"),
        )
        .await;
    assert!(
        matches!(
            error,
            Err(ApiError::Server {
                status: 500,
                attempts: 2,
                ..
            })
        ),
        "{error:?}"
    );
    let api = sim.api_stats().await;
    assert_eq!(api["replays"], 1, "{api}");
    assert_eq!(api["creates"], 0, "{api}");
    let start = ok(client
        .start_or_resume("user-500", &Template::id(HAPPY))
        .await);
    assert!(matches!(start, Start::Resume { .. }), "{start:?}");
    assert_eq!(sim.creates().await, 1);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn a_503_with_retry_after_is_retried_and_a_persistent_one_fails_typed() {
    let sim = Simulator::start();
    let client = build(sim.client().max_attempts(3));
    let created = ok(client
        .create_inquiry(&CreateInquiry::new(Template::id(HAPPY)))
        .await);
    sim.faults(503, 1, 0).await;
    ok(client.retrieve_inquiry(&created.inquiry.id).await);
    sim.faults(503, 5, 0).await;
    let error = client.retrieve_inquiry(&created.inquiry.id).await;
    assert!(
        matches!(
            &error,
            Err(ApiError::Server {
                status: 503,
                attempts: 3,
                ..
            })
        ),
        "{error:?}"
    );
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn resuming_a_finished_inquiry_is_a_typed_409_and_start_reports_it() {
    let sim = Simulator::start_with(&["--decision-ms", "600000"]);
    let client = build(sim.client());
    let created = ok(client
        .create_inquiry(&CreateInquiry::new(Template::id(HAPPY)).reference_id("user-done"))
        .await);
    let id = created.inquiry.id;
    sim.act(&id, "complete").await;
    let error = client.resume_inquiry(&id).await;
    assert_eq!(
        error,
        Err(ApiError::InquiryFinished {
            inquiry_id: id.clone(),
            status: Some(InquiryStatus::Completed)
        })
    );
    sim.act(&id, "approve").await;
    let start = ok(client
        .start_or_resume("user-done", &Template::id(HAPPY))
        .await);
    assert_eq!(
        start,
        Start::Finished {
            inquiry_id: id,
            status: InquiryStatus::Approved
        }
    );
    assert_eq!(sim.creates().await, 1);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn start_revives_an_expired_inquiry_and_may_retry_a_failed_one() {
    let sim = Simulator::start();
    let client = build(sim.client());
    let template = Template::id(HAPPY);
    let first = ok(client.start_or_resume("user-expired", &template).await);
    sim.act(first.inquiry_id(), "expire").await;
    let revived = ok(client.start_or_resume("user-expired", &template).await);
    assert_eq!(revived.inquiry_id(), first.inquiry_id());
    assert_eq!(*revived.status(), InquiryStatus::Pending);
    let found = ok(client.retrieve_inquiry(first.inquiry_id()).await);
    assert_eq!(found.status, InquiryStatus::Pending);

    sim.act(first.inquiry_id(), "fail").await;
    let failed = ok(client.start_or_resume("user-expired", &template).await);
    assert_eq!(
        failed,
        Start::Finished {
            inquiry_id: first.inquiry_id().to_owned(),
            status: InquiryStatus::Failed
        }
    );
    let retry = StartOptions::new().retry_failed(true);
    let second = ok(client
        .start_or_resume_with("user-expired", &template, &retry)
        .await);
    assert_ne!(second.inquiry_id(), first.inquiry_id());
    let again = ok(client
        .start_or_resume_with("user-expired", &template, &retry)
        .await);
    assert_eq!(again.inquiry_id(), second.inquiry_id());
    assert_eq!(sim.creates().await, 2);
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn a_wrong_key_is_unauthorized_and_never_shown() {
    let sim = Simulator::start();
    let wrong = "wrong_key_9b2c";
    let client = build(
        Client::builder(wrong)
            .base_url(format!("{}/api/v1", sim.origin))
            .retry_backoff(Duration::from_millis(20)),
    );
    let error = client.retrieve_inquiry("inq_x").await;
    let Err(error @ ApiError::Unauthorized { .. }) = error else {
        panic!("{error:?}")
    };
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{client:?}"),
    ] {
        assert!(!text.contains(wrong), "{text}");
    }
    assert_eq!(sim.api_stats().await["requests"], 1, "a 401 is not retried");
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn unknown_inquiries_and_templates_are_typed() {
    let sim = Simulator::start();
    let client = build(sim.client());
    let missing = client.retrieve_inquiry("inq_missing").await;
    assert!(
        matches!(missing, Err(ApiError::NotFound { .. })),
        "{missing:?}"
    );
    let resumed = client.resume_inquiry("inq_missing").await;
    assert!(
        matches!(resumed, Err(ApiError::NotFound { .. })),
        "{resumed:?}"
    );
    let bad = client
        .create_inquiry(&CreateInquiry::new(Template::id("not_a_template")))
        .await;
    assert!(
        matches!(&bad, Err(ApiError::Rejected { status: 422, detail }) if detail.contains("template")),
        "{bad:?}"
    );
}

#[tokio::test]
#[ignore = "needs PERSONA_SIMULATOR_BIN"]
async fn list_follows_the_simulators_pages() {
    let sim = Simulator::start();
    let client = build(sim.client());
    let mut created = Vec::new();
    for _ in 0..12 {
        let new = ok(client
            .create_inquiry(&CreateInquiry::new(Template::id(HAPPY)).reference_id("user-many"))
            .await);
        created.push(new.inquiry.id);
    }
    let listed = ok(client.list_inquiries("user-many", &[]).await);
    let ids: Vec<String> = listed.into_iter().map(|i| i.id).collect();
    created.reverse();
    assert_eq!(ids, created, "all 12, newest first, over two pages");
    let api = sim.api_stats().await;
    assert_eq!(api["by_route"]["GET /api/v1/inquiries"], 2, "{api}");
}
