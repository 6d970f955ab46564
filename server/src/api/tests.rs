//! The client against a local mock server: headers, retries, typed errors,
//! secrets, timeouts, parsing and the start-or-resume policy.

mod mock;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::*;
use mock::{Mock, Reply};

const KEY: &str = "persona_sandbox_S3CRET_k3y";

fn client(mock: &Mock) -> ClientBuilder {
    Client::builder(KEY)
        .base_url(&mock.url)
        .retry_backoff(Duration::from_millis(10))
        .timeout(Duration::from_secs(5))
}

fn build(builder: ClientBuilder) -> Client {
    builder.build().unwrap_or_else(|e| panic!("{e}"))
}

fn inquiry(id: &str, status: &str, reference_id: &str) -> Value {
    json!({
        "type": "inquiry",
        "id": id,
        "attributes": {
            "status": status,
            "reference-id": reference_id,
            "created-at": "2024-05-01T10:00:00.000Z",
            "updated-at": "2024-05-01T10:05:00.000Z",
            "fields": {"name-first": {"type": "string", "value": "Jane"}}
        },
        "relationships": {
            "inquiry-template": {"data": {"type": "inquiry-template", "id": "itmpl_a"}}
        }
    })
}

fn ok_inquiry(id: &str, status: &str) -> Reply {
    Reply::json(200, json!({"data": inquiry(id, status, "user-1")}))
}

fn errors(title: &str, details: &str) -> Value {
    json!({"errors": [{"title": title, "details": details}]})
}

#[tokio::test]
async fn every_request_carries_the_key_version_inflection_and_a_json_accept() {
    let mock = Mock::start(|_, _| ok_inquiry("inq_1", "pending")).await;
    let found = build(client(&mock))
        .retrieve_inquiry("inq_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.id, "inq_1");
    assert_eq!(found.status, InquiryStatus::Pending);
    assert_eq!(found.reference_id.as_deref(), Some("user-1"));
    assert_eq!(found.template_id.as_deref(), Some("itmpl_a"));
    assert_eq!(
        found.created_at.as_deref(),
        Some("2024-05-01T10:00:00.000Z")
    );
    assert_eq!(found.fields["name-first"]["value"], "Jane");
    let requests = mock.requests();
    let [request] = requests.as_slice() else {
        panic!("{requests:?}")
    };
    assert_eq!(request.method, "GET");
    assert_eq!(request.path(), "/api/v1/inquiries/inq_1");
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    assert_eq!(request.header("persona-version"), Some("2023-01-05"));
    assert_eq!(request.header("key-inflection"), Some("kebab"));
    assert_eq!(request.header("accept"), Some("application/json"));
    assert_eq!(request.header("idempotency-key"), None);
}

#[tokio::test]
async fn the_persona_version_and_base_url_are_configurable() {
    let mock = Mock::start(|_, _| ok_inquiry("inq_1", "pending")).await;
    let client = build(
        client(&mock)
            .base_url(format!("{}/", mock.url))
            .persona_version("2025-12-08"),
    );
    assert_eq!(client.base_url(), mock.url);
    client
        .retrieve_inquiry("inq_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let requests = mock.requests();
    assert_eq!(requests[0].header("persona-version"), Some("2025-12-08"));
    assert_eq!(requests[0].path(), "/api/v1/inquiries/inq_1");
}

#[tokio::test]
async fn create_sends_the_json_api_body_and_a_generated_key() {
    let mock = Mock::start(|_, _| {
        Reply::json(
            201,
            json!({"data": inquiry("inq_new", "created", "user-1"), "meta": {"session-token": "tok_1"}}),
        )
    })
    .await;
    let client = build(client(&mock));
    let created = client
        .create_inquiry(
            &CreateInquiry::new(Template::id("itmpl_a"))
                .reference_id("user-1")
                .fields(json!({"name-first": "Jane"})),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(created.inquiry.id, "inq_new");
    assert_eq!(created.session_token.as_deref(), Some("tok_1"));
    assert!(!format!("{created:?}").contains("tok_1"));
    client
        .create_inquiry(
            &CreateInquiry::new(Template::version("itmplv_a"))
                .account_id("act_1")
                .idempotency_key("mine-1"),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let requests = mock.requests();
    assert_eq!(requests[0].method, "POST");
    assert_eq!(requests[0].path(), "/api/v1/inquiries");
    assert_eq!(requests[0].header("content-type"), Some("application/json"));
    assert_eq!(
        requests[0].json(),
        json!({"data": {"attributes": {
            "inquiry-template-id": "itmpl_a",
            "reference-id": "user-1",
            "fields": {"name-first": "Jane"}
        }}})
    );
    let generated = requests[0].header("idempotency-key").unwrap_or("");
    assert!(
        generated.starts_with("lp-") && generated.len() == 35,
        "{generated}"
    );
    assert_eq!(
        requests[1].json(),
        json!({"data": {"attributes": {
            "inquiry-template-version-id": "itmplv_a",
            "account-id": "act_1"
        }}})
    );
    assert_eq!(requests[1].header("idempotency-key"), Some("mine-1"));
}

#[tokio::test]
async fn each_create_call_gets_its_own_random_key() {
    let mock =
        Mock::start(|_, _| Reply::json(201, json!({"data": inquiry("inq_1", "created", "u")})))
            .await;
    let client = build(client(&mock));
    let request = CreateInquiry::new(Template::id("itmpl_a"));
    for _ in 0..2 {
        let created = client
            .create_inquiry(&request)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(created.session_token, None);
    }
    let keys: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").unwrap_or("").to_owned())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0], keys[1]);
}

#[tokio::test]
async fn a_429_waits_for_retry_after_then_succeeds() {
    let mock = Mock::start(|_, n| match n {
        0 => Reply::json(429, errors("Too Many Requests", "slow down"))
            .header("Retry-After", "1")
            .header("RateLimit-Limit", "300")
            .header("RateLimit-Remaining", "0"),
        _ => ok_inquiry("inq_1", "pending"),
    })
    .await;
    let started = Instant::now();
    let found = build(client(&mock)).retrieve_inquiry("inq_1").await;
    assert!(found.is_ok(), "{found:?}");
    assert!(started.elapsed() >= Duration::from_millis(950));
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_429_waits_for_ratelimit_reset_when_there_is_no_retry_after() {
    let mock = Mock::start(|_, n| match n {
        0 => Reply::json(429, Value::Null).header("RateLimit-Reset", "1"),
        _ => ok_inquiry("inq_1", "pending"),
    })
    .await;
    let started = Instant::now();
    let found = build(client(&mock)).retrieve_inquiry("inq_1").await;
    assert!(found.is_ok(), "{found:?}");
    assert!(started.elapsed() >= Duration::from_millis(950));
}

#[tokio::test]
async fn a_429_asking_longer_than_the_cap_fails_at_once() {
    let mock = Mock::start(|_, _| Reply::json(429, Value::Null).header("Retry-After", "60")).await;
    let started = Instant::now();
    let error = build(client(&mock).max_retry_wait(Duration::from_secs(2)))
        .retrieve_inquiry("inq_1")
        .await;
    assert_eq!(
        error,
        Err(ApiError::RateLimited {
            retry_after: Some(Duration::from_secs(60)),
            attempts: 1
        })
    );
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(mock.requests().len(), 1);
    let text = error.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(text.contains("60.0 s"), "{text}");
}

#[tokio::test]
async fn a_429_that_persists_ends_rate_limited_after_max_attempts() {
    let mock = Mock::start(|_, _| Reply::json(429, Value::Null).header("Retry-After", "0")).await;
    let error = build(client(&mock).max_attempts(3))
        .retrieve_inquiry("inq_1")
        .await;
    assert_eq!(
        error,
        Err(ApiError::RateLimited {
            retry_after: Some(Duration::ZERO),
            attempts: 3
        })
    );
    assert_eq!(mock.requests().len(), 3);
}

#[tokio::test]
async fn a_create_answered_500_twice_is_retried_with_the_same_key_and_body() {
    let mock = Mock::start(|_, n| match n {
        0 | 1 => Reply::json(500, errors("Internal Server Error", "oops")),
        _ => Reply::json(
            201,
            json!({"data": inquiry("inq_1", "created", "u"), "meta": {"session-token": "t"}}),
        ),
    })
    .await;
    let created = build(client(&mock))
        .create_inquiry(&CreateInquiry::new(Template::id("itmpl_a")).reference_id("u"))
        .await;
    assert!(created.is_ok(), "{created:?}");
    let requests = mock.requests();
    assert_eq!(requests.len(), 3);
    let key = requests[0].header("idempotency-key");
    assert!(key.is_some());
    for request in &requests {
        assert_eq!(request.header("idempotency-key"), key);
        assert_eq!(request.body, requests[0].body);
    }
}

#[tokio::test]
async fn a_5xx_that_persists_ends_as_a_server_error_with_its_detail() {
    let mock =
        Mock::start(|_, _| Reply::json(503, errors("Service Unavailable", "maintenance"))).await;
    let error = build(client(&mock)).retrieve_inquiry("inq_1").await;
    assert_eq!(
        error,
        Err(ApiError::Server {
            status: 503,
            detail: "Service Unavailable: maintenance".into(),
            attempts: 4
        })
    );
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn the_backoff_grows_between_retries() {
    let mock = Mock::start(|_, _| Reply::json(500, Value::Null)).await;
    let started = Instant::now();
    let _ = build(client(&mock).retry_backoff(Duration::from_millis(100)))
        .retrieve_inquiry("inq_1")
        .await;
    // Waits drawn from [50, 100], [100, 200] and [200, 400] ms.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(350), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(2000), "{elapsed:?}");
}

#[tokio::test]
async fn a_post_without_a_key_is_not_retried_after_a_500_but_is_after_a_429() {
    let limited = Arc::new(Mutex::new(0usize));
    let seen = limited.clone();
    let mock = Mock::start(move |request, _| {
        let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
        if request.path().ends_with("/limited") {
            *seen += 1;
            if *seen == 1 {
                return Reply::json(429, Value::Null).header("Retry-After", "0");
            }
        }
        Reply::json(500, Value::Null)
    })
    .await;
    let client = build(client(&mock));
    let call = |path: &str| Call {
        method: Method::POST,
        url: client.url(&[path]),
        body: Some(b"{}".to_vec()),
        replay: Replay::Never,
    };
    let error = client.send(&call("once")).await;
    assert!(
        matches!(
            error,
            Err(ApiError::Server {
                status: 500,
                attempts: 1,
                ..
            })
        ),
        "{error:?}"
    );
    assert_eq!(mock.requests().len(), 1);
    let error = client.send(&call("limited")).await;
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
    assert_eq!(mock.requests().len(), 3);
    assert!(mock
        .requests()
        .iter()
        .all(|r| r.header("idempotency-key").is_none()));
}

#[tokio::test]
async fn a_broken_connection_is_retried() {
    let mock = Mock::start(|_, n| match n {
        0 => Reply::hang_up(),
        _ => ok_inquiry("inq_1", "pending"),
    })
    .await;
    let found = build(client(&mock)).retrieve_inquiry("inq_1").await;
    assert!(found.is_ok(), "{found:?}");
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_ends_as_a_transport_error_without_the_key() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    let client = build(
        Client::builder(KEY)
            .base_url(format!("http://127.0.0.1:{port}/api/v1"))
            .retry_backoff(Duration::from_millis(1))
            .max_attempts(2),
    );
    let error = client.retrieve_inquiry("inq_1").await;
    let Err(ApiError::Transport {
        kind: TransportKind::Connect,
        attempts: 2,
        ..
    }) = &error
    else {
        panic!("{error:?}")
    };
    let text = format!(
        "{error:?} {}",
        error
            .as_ref()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    );
    assert!(!text.contains(KEY), "{text}");
}

#[tokio::test]
async fn each_attempt_has_a_timeout() {
    let mock =
        Mock::start(|_, _| ok_inquiry("inq_1", "pending").delay(Duration::from_secs(3))).await;
    let started = Instant::now();
    let error = build(
        client(&mock)
            .timeout(Duration::from_millis(200))
            .max_attempts(2),
    )
    .retrieve_inquiry("inq_1")
    .await;
    assert!(
        matches!(
            error,
            Err(ApiError::Transport {
                kind: TransportKind::Timeout,
                attempts: 2,
                ..
            })
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn resuming_a_finished_inquiry_is_typed_with_its_status() {
    let mock = Mock::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(409, errors("Conflict", "Inquiry is already approved")),
        _ => ok_inquiry("inq_1", "approved"),
    })
    .await;
    let error = build(client(&mock)).resume_inquiry("inq_1").await;
    assert_eq!(
        error,
        Err(ApiError::InquiryFinished {
            inquiry_id: "inq_1".into(),
            status: Some(InquiryStatus::Approved)
        })
    );
    let requests = mock.requests();
    assert_eq!(requests.len(), 2, "the 409 is not retried");
    assert_eq!(requests[0].path(), "/api/v1/inquiries/inq_1/resume");
    assert_eq!(requests[1].method, "GET");
}

#[tokio::test]
async fn a_finished_inquiry_whose_status_cannot_be_read_has_none() {
    let mock = Mock::start(|request, _| match request.method.as_str() {
        "POST" => Reply::json(409, Value::Null),
        _ => Reply::json(404, Value::Null),
    })
    .await;
    let error = build(client(&mock)).resume_inquiry("inq_1").await;
    assert_eq!(
        error,
        Err(ApiError::InquiryFinished {
            inquiry_id: "inq_1".into(),
            status: None
        })
    );
}

#[tokio::test]
async fn a_resume_answered_2xx_without_a_session_token_is_an_error() {
    for body in [
        json!({"data": inquiry("inq_1", "pending", "u"), "meta": {}}),
        json!({"data": inquiry("inq_1", "pending", "u")}),
        json!({"data": inquiry("inq_1", "pending", "u"), "meta": {"session-token": ""}}),
        json!({"meta": {"session-token": null}}),
    ] {
        let mock = Mock::start(move |_, _| Reply::json(200, body.clone())).await;
        let error = build(client(&mock)).resume_inquiry("inq_1").await;
        assert_eq!(
            error,
            Err(ApiError::MissingSessionToken {
                inquiry_id: "inq_1".into()
            })
        );
    }
}

#[tokio::test]
async fn a_resume_is_retried_after_a_500_without_a_key() {
    let mock = Mock::start(|_, n| match n {
        0 => Reply::json(500, Value::Null),
        _ => Reply::json(
            200,
            json!({"data": inquiry("inq_1", "pending", "u"), "meta": {"session-token": "tok_2"}}),
        ),
    })
    .await;
    let resumed = build(client(&mock))
        .resume_inquiry("inq_1")
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(resumed.session_token, "tok_2");
    assert_eq!(
        resumed.inquiry.map(|i| i.status),
        Some(InquiryStatus::Pending)
    );
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests
        .iter()
        .all(|r| r.header("idempotency-key").is_none()));
}

#[tokio::test]
async fn statuses_map_to_typed_errors_with_persona_s_detail() {
    let cases: Vec<(u16, ApiError)> = vec![
        (
            401,
            ApiError::Unauthorized {
                detail: "T: D".into(),
            },
        ),
        (
            403,
            ApiError::Forbidden {
                detail: "T: D".into(),
            },
        ),
        (
            404,
            ApiError::NotFound {
                detail: "T: D".into(),
            },
        ),
        (
            409,
            ApiError::Conflict {
                detail: "T: D".into(),
            },
        ),
        (
            400,
            ApiError::Rejected {
                status: 400,
                detail: "T: D".into(),
            },
        ),
        (
            422,
            ApiError::Rejected {
                status: 422,
                detail: "T: D".into(),
            },
        ),
        (
            418,
            ApiError::Status {
                status: 418,
                detail: "T: D".into(),
            },
        ),
        (
            302,
            ApiError::Status {
                status: 302,
                detail: "T: D".into(),
            },
        ),
    ];
    for (status, expected) in cases {
        let mock = Mock::start(move |_, _| {
            Reply::json(status, errors("T", "D")).header("location", "http://elsewhere/")
        })
        .await;
        let error = build(client(&mock)).retrieve_inquiry("inq_1").await;
        assert_eq!(error, Err(expected), "{status}");
        assert_eq!(mock.requests().len(), 1, "{status} is not retried");
    }
}

#[test]
fn error_bodies_of_every_shape_become_one_line() {
    let detail = |body: &str| error::error_detail(body.as_bytes(), KEY);
    assert_eq!(
        detail(r#"{"errors":[{"title":"A","details":"b"},{"title":"C"},{"detail":"d"},{}]}"#),
        "A: b; C; d"
    );
    assert_eq!(detail("<html>Bad gateway</html>"), "");
    assert_eq!(detail(r#"{"errors":"no"}"#), "");
    assert_eq!(detail(""), "");
    let long = format!(r#"{{"errors":[{{"title":"{}"}}]}}"#, "x".repeat(2000));
    assert_eq!(detail(&long).chars().count(), 501);
}

#[tokio::test]
async fn the_key_never_shows_in_debug_display_or_errors() {
    let mock = Mock::start(|_, _| {
        Reply::json(
            401,
            json!({"errors": [{"title": "Unauthorized", "details": format!("key {KEY} is revoked")}]}),
        )
    })
    .await;
    let builder = client(&mock);
    let client = build(builder.clone());
    let error = client
        .retrieve_inquiry("inq_1")
        .await
        .err()
        .unwrap_or_else(|| panic!("a 401 succeeded"));
    assert_eq!(
        error,
        ApiError::Unauthorized {
            detail: "Unauthorized: key <redacted> is revoked".into()
        }
    );
    let texts = [
        format!("{builder:?}"),
        format!("{client:?}"),
        format!("{error:?}"),
        error.to_string(),
    ];
    for text in &texts {
        assert!(!text.contains(KEY), "{text}");
        assert!(!text.contains("S3CRET"), "{text}");
    }
    assert!(texts[1].contains("<redacted>"), "{}", texts[1]);
    assert!(texts[3].contains("401"), "{}", texts[3]);
    // Mock requests did carry it: the tests above look where it would show.
    assert!(mock.requests()[0]
        .header("authorization")
        .is_some_and(|a| a.contains(KEY)));
}

/// Every event and span field the client logs, as text.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut line = String::new();
        span.record(&mut Fields(&mut line));
        self.push(line);
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut line = String::new();
        values.record(&mut Fields(&mut line));
        self.push(line);
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut line = String::new();
        event.record(&mut Fields(&mut line));
        self.push(line);
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

impl Capture {
    fn push(&self, line: String) {
        if let Ok(mut lines) = self.0.lock() {
            lines.push(line);
        }
    }
}

#[test]
fn the_key_never_shows_in_a_log_line() {
    let capture = Capture::default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    tracing::subscriber::with_default(capture.clone(), || {
        // Other tests' threads may have cached the callsites' interest while no
        // subscriber was there: ask again, with this one in place.
        tracing::callsite::rebuild_interest_cache();
        runtime.block_on(async {
            let mock = Mock::start(|_, n| match n {
                0 => Reply::json(500, json!({"errors": [{"title": KEY}]})),
                1 => Reply::json(429, Value::Null).header("Retry-After", "0"),
                _ => ok_inquiry("inq_1", "pending"),
            })
            .await;
            let found = build(client(&mock)).retrieve_inquiry("inq_1").await;
            assert!(found.is_ok(), "{found:?}");
        })
    });
    let lines = capture.0.lock().map(|l| l.clone()).unwrap_or_default();
    let retries = lines.iter().filter(|l| l.contains("retrying")).count();
    assert_eq!(retries, 2, "{lines:#?}");
    for line in &lines {
        assert!(!line.contains(KEY), "{line}");
    }
}

#[tokio::test]
async fn a_2xx_that_is_not_an_inquiry_is_a_decode_error_saying_what_is_missing() {
    let cases = [
        (json!({"data": {"id": "inq_1", "attributes": {}}}), "status"),
        (json!({"data": {"attributes": {"status": "pending"}}}), "id"),
        (json!({"data": []}), "object"),
        (json!({"meta": {}}), "no data"),
    ];
    for (body, missing) in cases {
        let mock = Mock::start(move |_, _| Reply::json(200, body.clone())).await;
        let error = build(client(&mock)).retrieve_inquiry("inq_1").await;
        let Err(ApiError::Decode { what }) = &error else {
            panic!("{error:?}")
        };
        assert!(what.contains(missing), "{what}");
        assert!(what.contains("GET /inquiries/inq_1"), "{what}");
    }
    let mock = Mock::start(|_, _| Reply::text(200, "<html>hello</html>")).await;
    let error = build(client(&mock)).retrieve_inquiry("inq_1").await;
    assert!(
        matches!(&error, Err(ApiError::Decode { what }) if what.contains("not JSON")),
        "{error:?}"
    );
    assert_eq!(mock.requests().len(), 1, "a decode error is not retried");
}

#[test]
fn inquiries_parse_from_kebab_camel_and_snake_keys() {
    let camel = json!({
        "id": "inq_c",
        "attributes": {"status": "needs_review", "referenceId": "u", "createdAt": "c", "updatedAt": "u2"},
        "relationships": {
            "inquiryTemplate": {"data": {"id": "itmpl_c"}},
            "inquiryTemplateVersion": {"data": {"id": "itmplv_c"}},
            "account": {"data": {"id": "act_c"}}
        }
    });
    let snake = json!({
        "id": "inq_s",
        "attributes": {"status": "paused", "reference_id": "u", "created_at": "c", "fields": []},
        "relationships": {"inquiry_template": {"data": null}}
    });
    let camel = Inquiry::from_json_api(&camel).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(camel.status, InquiryStatus::NeedsReview);
    assert_eq!(camel.reference_id.as_deref(), Some("u"));
    assert_eq!(camel.created_at.as_deref(), Some("c"));
    assert_eq!(camel.updated_at.as_deref(), Some("u2"));
    assert_eq!(camel.template_id.as_deref(), Some("itmpl_c"));
    assert_eq!(camel.template_version_id.as_deref(), Some("itmplv_c"));
    assert_eq!(camel.account_id.as_deref(), Some("act_c"));
    assert_eq!(camel.fields, json!({}));
    let snake = Inquiry::from_json_api(&snake).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(snake.status, InquiryStatus::Other("paused".into()));
    assert_eq!(snake.created_at.as_deref(), Some("c"));
    assert_eq!(snake.template_id, None);
    assert_eq!(snake.fields, json!({}), "fields that are not an object");
}

#[tokio::test]
async fn list_filters_by_reference_id_and_statuses_and_follows_next_pages() {
    let mock = Mock::start(|request, _| {
        if request.target.contains("page[after]") {
            Reply::json(
                200,
                json!({"data": [inquiry("inq_2", "created", "a b&c")], "links": {"next": null}}),
            )
        } else {
            Reply::json(
                200,
                json!({
                    "data": [inquiry("inq_1", "pending", "a b&c")],
                    "links": {"next": "/api/v1/inquiries?filter[reference-id]=x&page[after]=inq_1"}
                }),
            )
        }
    })
    .await;
    let list = build(client(&mock))
        .list_inquiries("a b&c", &[InquiryStatus::Created, InquiryStatus::Pending])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = list.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["inq_1", "inq_2"]);
    let requests = mock.requests();
    assert_eq!(
        requests[0].target,
        "/api/v1/inquiries?filter[reference-id]=a b&c&filter[status]=created,pending"
    );
    // The reference id's `&` is encoded: it cannot start another parameter.
    assert!(
        requests[0].raw_target.contains("=a+b%26c&"),
        "{}",
        requests[0].raw_target
    );
    assert_eq!(requests[1].path(), "/api/v1/inquiries");
    assert!(requests[1].target.ends_with("page[after]=inq_1"));
    assert_eq!(requests.len(), 2);
}

#[tokio::test]
async fn list_never_follows_a_next_link_to_another_host() {
    let mock = Mock::start(|_, _| {
        Reply::json(
            200,
            json!({"data": [inquiry("inq_1", "pending", "u")], "links": {"next": "https://evil.example/api/v1/inquiries"}}),
        )
    })
    .await;
    let error = build(client(&mock)).list_inquiries("u", &[]).await;
    assert!(
        matches!(&error, Err(ApiError::Decode { what }) if what.contains("another host")),
        "{error:?}"
    );
    assert_eq!(mock.requests().len(), 1);
}

#[tokio::test]
async fn list_stops_after_max_pages() {
    let mock = Mock::start(|_, n| {
        Reply::json(
            200,
            json!({"data": [inquiry(&format!("inq_{n}"), "failed", "u")], "links": {"next": format!("/api/v1/inquiries?page={n}")}}),
        )
    })
    .await;
    let list = build(client(&mock))
        .list_inquiries("u", &[])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list.len(), MAX_LIST_PAGES);
    assert_eq!(mock.requests().len(), MAX_LIST_PAGES);
}

#[tokio::test]
async fn ids_and_arguments_are_checked_before_any_request() {
    let mock = Mock::start(|_, _| ok_inquiry("inq_1", "pending")).await;
    let client = build(client(&mock));
    for id in ["", "..", ".", "%2e%2e", "inq_1/resume", "inq_1?x", "inq 1"] {
        let retrieved = client.retrieve_inquiry(id).await;
        assert!(
            matches!(retrieved, Err(ApiError::InvalidInput { .. })),
            "{id:?}: {retrieved:?}"
        );
        let resumed = client.resume_inquiry(id).await;
        assert!(
            matches!(resumed, Err(ApiError::InvalidInput { .. })),
            "{id:?}: {resumed:?}"
        );
    }
    let listed = client.list_inquiries("", &[]).await;
    assert!(matches!(listed, Err(ApiError::InvalidInput { .. })));
    let started = client.start_or_resume("", &Template::id("itmpl_a")).await;
    assert!(matches!(started, Err(ApiError::InvalidInput { .. })));
    for request in [
        CreateInquiry::new(Template::id("itmpl_a")).idempotency_key("two words"),
        CreateInquiry::new(Template::id("itmpl_a")).idempotency_key(""),
        CreateInquiry::new(Template::id("itmpl_a")).fields(json!([1])),
        CreateInquiry::new(Template::id("")),
    ] {
        let created = client.create_inquiry(&request).await;
        assert!(
            matches!(created, Err(ApiError::InvalidInput { .. })),
            "{request:?}: {created:?}"
        );
    }
    assert!(mock.requests().is_empty());
}

#[test]
fn the_builder_refuses_unusable_configurations() {
    let refused = |builder: ClientBuilder| match builder.build() {
        Err(ApiError::Config { problem }) => problem,
        other => panic!("{other:?}"),
    };
    assert!(refused(Client::builder("")).contains("empty"));
    assert!(refused(Client::builder("a\nb")).contains("header"));
    for version in ["2023-1-5", "latest", "2023-01-05x", ""] {
        assert!(refused(Client::builder(KEY).persona_version(version)).contains("date"));
    }
    for url in [
        "api.withpersona.com",
        "ftp://api.withpersona.com/api/v1",
        "https://user:pass@api.withpersona.com/api/v1",
        "https://api.withpersona.com/api/v1?x=1",
        "mailto:x@y",
    ] {
        refused(Client::builder(KEY).base_url(url));
    }
    assert!(refused(Client::builder(KEY).timeout(Duration::ZERO)).contains("timeout"));
    let default = Client::new(KEY).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(default.base_url(), DEFAULT_BASE_URL);
}

#[test]
fn retry_waits_read_retry_after_and_ratelimit_reset() {
    use reqwest::header::HeaderMap;
    let wait = |pairs: &[(&'static str, &str)]| {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = value.parse() {
                headers.insert(*name, value);
            }
        }
        retry::server_wait(&headers)
    };
    assert_eq!(wait(&[]), None);
    assert_eq!(wait(&[("retry-after", "3")]), Some(Duration::from_secs(3)));
    assert_eq!(
        wait(&[("retry-after", " 1.5 ")]),
        Some(Duration::from_millis(1500))
    );
    assert_eq!(
        wait(&[("ratelimit-reset", "7")]),
        Some(Duration::from_secs(7))
    );
    assert_eq!(
        wait(&[("retry-after", "2"), ("ratelimit-reset", "5")]),
        Some(Duration::from_secs(5))
    );
    assert_eq!(
        wait(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]),
        None
    );
    assert_eq!(wait(&[("retry-after", "-1")]), None);
    assert_eq!(wait(&[("retry-after", "NaN")]), None);
    assert_eq!(
        wait(&[("retry-after", "1e300")]),
        Some(Duration::from_secs(86_400))
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let at = wait(&[("ratelimit-reset", &(now + 30).to_string())]).unwrap_or_default();
    assert!(
        at > Duration::from_secs(25) && at <= Duration::from_secs(31),
        "{at:?}"
    );
    for next in 2..40 {
        let d = retry::backoff(Duration::from_millis(100), Duration::from_secs(2), next);
        assert!(d <= Duration::from_secs(2), "{next}: {d:?}");
        assert!(d >= Duration::from_millis(50), "{next}: {d:?}");
    }
}

/// A mock of the API for `start_or_resume`: the person's inquiries (newest
/// first), what the create and the resume answer.
struct Persona {
    inquiries: Mutex<Vec<Value>>,
    create_token: bool,
    resume: u16,
}

async fn persona(inquiries: Vec<Value>, create_token: bool, resume: u16) -> (Mock, Arc<Persona>) {
    let state = Arc::new(Persona {
        inquiries: Mutex::new(inquiries),
        create_token,
        resume,
    });
    let shared = state.clone();
    let mock = Mock::start(move |request, _| {
        let mut inquiries = shared.inquiries.lock().unwrap_or_else(|e| e.into_inner());
        match (request.method.as_str(), request.path()) {
            ("GET", "/api/v1/inquiries") => {
                Reply::json(200, json!({"data": *inquiries, "links": {"next": null}}))
            }
            ("POST", "/api/v1/inquiries") => {
                let attributes = &request.json()["data"]["attributes"];
                let mut new = inquiry("inq_new", "created", attributes["reference-id"].as_str().unwrap_or(""));
                new["attributes"]["fields"] = attributes["fields"].clone();
                inquiries.insert(0, new.clone());
                let meta = if shared.create_token { json!({"session-token": "tok_create"}) } else { json!({}) };
                Reply::json(201, json!({"data": new, "meta": meta}))
            }
            ("POST", path) if path.ends_with("/resume") => {
                let id = path.trim_end_matches("/resume").rsplit('/').next().unwrap_or("");
                match shared.resume {
                    409 => Reply::json(409, Value::Null),
                    _ => Reply::json(
                        200,
                        json!({"data": inquiry(id, "pending", "user-1"), "meta": {"session-token": format!("tok_{id}")}}),
                    ),
                }
            }
            ("GET", path) => {
                let id = path.rsplit('/').next().unwrap_or("");
                Reply::json(200, json!({"data": inquiry(id, "completed", "user-1")}))
            }
            _ => Reply::json(405, Value::Null),
        }
    })
    .await;
    (mock, state)
}

fn summary(mock: &Mock) -> Vec<String> {
    mock.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path().trim_start_matches("/api/v1")))
        .collect()
}

#[tokio::test]
async fn start_creates_for_a_new_person_with_a_derived_key_and_uses_the_create_s_token() {
    let (mock, _) = persona(vec![], true, 200).await;
    let template = Template::id("itmpl_a");
    let start = build(client(&mock))
        .start_or_resume_with(
            "user-1",
            &template,
            &StartOptions::new().fields(json!({"name-first": "Jane"})),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        start,
        Start::Resume {
            inquiry_id: "inq_new".into(),
            session_token: "tok_create".into(),
            status: InquiryStatus::Created
        }
    );
    assert!(!format!("{start:?}").contains("tok_create"));
    assert_eq!(summary(&mock), ["GET /inquiries", "POST /inquiries"]);
    let requests = mock.requests();
    assert_eq!(
        requests[0].target,
        "/api/v1/inquiries?filter[reference-id]=user-1"
    );
    assert_eq!(
        requests[1].header("idempotency-key"),
        Some(start::start_key("user-1", &template, 0, 0).as_str())
    );
    assert_eq!(
        requests[1].json(),
        json!({"data": {"attributes": {
            "inquiry-template-id": "itmpl_a",
            "reference-id": "user-1",
            "fields": {"name-first": "Jane"}
        }}})
    );
}

#[tokio::test]
async fn start_resumes_a_new_inquiry_when_the_create_has_no_token() {
    let (mock, _) = persona(vec![], false, 200).await;
    let start = build(client(&mock))
        .start_or_resume("user-1", &Template::id("itmpl_a"))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(start.inquiry_id(), "inq_new");
    assert!(
        matches!(&start, Start::Resume { session_token, .. } if session_token == "tok_inq_new"),
        "{start:?}"
    );
    assert_eq!(
        summary(&mock),
        [
            "GET /inquiries",
            "POST /inquiries",
            "POST /inquiries/inq_new/resume"
        ]
    );
}

#[tokio::test]
async fn start_twice_creates_once_then_resumes() {
    let (mock, _) = persona(vec![], true, 200).await;
    let client = build(client(&mock));
    let template = Template::id("itmpl_a");
    let first = client.start_or_resume("user-1", &template).await;
    let second = client.start_or_resume("user-1", &template).await;
    assert_eq!(
        first.map(|s| s.inquiry_id().to_owned()),
        Ok("inq_new".into())
    );
    assert_eq!(
        second.map(|s| s.inquiry_id().to_owned()),
        Ok("inq_new".into())
    );
    assert_eq!(
        summary(&mock),
        [
            "GET /inquiries",
            "POST /inquiries",
            "GET /inquiries",
            "POST /inquiries/inq_new/resume"
        ]
    );
}

#[tokio::test]
async fn start_resumes_the_person_s_pending_inquiry_and_ignores_others() {
    let (mock, _) = persona(
        vec![
            inquiry("inq_other_person", "pending", "user-2"),
            json!({"id": "inq_other_template", "attributes": {"status": "pending", "reference-id": "user-1"},
                   "relationships": {"inquiry-template": {"data": {"id": "itmpl_b"}}}}),
            inquiry("inq_expired", "expired", "user-1"),
            inquiry("inq_pending", "pending", "user-1"),
        ],
        true,
        200,
    )
    .await;
    let start = build(client(&mock))
        .start_or_resume("user-1", &Template::id("itmpl_a"))
        .await;
    assert_eq!(
        start,
        Ok(Start::Resume {
            inquiry_id: "inq_pending".into(),
            session_token: "tok_inq_pending".into(),
            status: InquiryStatus::Pending
        })
    );
    assert_eq!(
        summary(&mock),
        ["GET /inquiries", "POST /inquiries/inq_pending/resume"]
    );
}

#[tokio::test]
async fn start_reports_a_finished_inquiry_instead_of_a_new_flow() {
    for status in [
        "approved",
        "declined",
        "completed",
        "needs_review",
        "failed",
    ] {
        let (mock, _) = persona(vec![inquiry("inq_1", status, "user-1")], true, 200).await;
        let start = build(client(&mock))
            .start_or_resume("user-1", &Template::id("itmpl_a"))
            .await;
        assert_eq!(
            start,
            Ok(Start::Finished {
                inquiry_id: "inq_1".into(),
                status: InquiryStatus::parse(status)
            })
        );
        assert_eq!(summary(&mock), ["GET /inquiries"]);
    }
}

#[tokio::test]
async fn start_may_retry_after_failed_inquiries_with_a_key_of_its_own() {
    let (mock, _) = persona(
        vec![
            inquiry("inq_f2", "failed", "user-1"),
            inquiry("inq_f1", "failed", "user-1"),
        ],
        true,
        200,
    )
    .await;
    let template = Template::id("itmpl_a");
    let start = build(client(&mock))
        .start_or_resume_with("user-1", &template, &StartOptions::new().retry_failed(true))
        .await;
    assert_eq!(
        start.map(|s| s.inquiry_id().to_owned()),
        Ok("inq_new".into())
    );
    assert_eq!(
        mock.requests()[1].header("idempotency-key"),
        Some(start::start_key("user-1", &template, 2, 0).as_str())
    );
}

#[tokio::test]
async fn start_reports_an_inquiry_that_finished_before_its_resume() {
    let (mock, _) = persona(vec![inquiry("inq_1", "pending", "user-1")], true, 409).await;
    let start = build(client(&mock))
        .start_or_resume("user-1", &Template::id("itmpl_a"))
        .await;
    assert_eq!(
        start,
        Ok(Start::Finished {
            inquiry_id: "inq_1".into(),
            status: InquiryStatus::Completed
        })
    );
}

#[tokio::test]
async fn start_lists_again_when_its_create_is_refused_as_a_key_conflict() {
    // The first create is refused (another call's body under the same key);
    // by then the other call's inquiry is listed, and it is resumed.
    let listed = Arc::new(Mutex::new(0usize));
    let counter = listed.clone();
    let mock = Mock::start(
        move |request, _| match (request.method.as_str(), request.path()) {
            ("GET", _) => {
                let mut n = counter.lock().unwrap_or_else(|e| e.into_inner());
                *n += 1;
                let data = if *n == 1 {
                    json!([])
                } else {
                    json!([inquiry("inq_other", "created", "user-1")])
                };
                Reply::json(200, json!({"data": data}))
            }
            ("POST", "/api/v1/inquiries") => {
                Reply::json(422, errors("Unprocessable", "key reused"))
            }
            _ => Reply::json(200, json!({"meta": {"session-token": "tok"}})),
        },
    )
    .await;
    let start = build(client(&mock))
        .start_or_resume("user-1", &Template::id("itmpl_a"))
        .await;
    assert_eq!(
        start,
        Ok(Start::Resume {
            inquiry_id: "inq_other".into(),
            session_token: "tok".into(),
            status: InquiryStatus::Created
        })
    );
    assert_eq!(
        summary(&mock),
        [
            "GET /inquiries",
            "POST /inquiries",
            "GET /inquiries",
            "POST /inquiries/inq_other/resume"
        ]
    );
}

#[tokio::test]
async fn start_gives_up_after_one_more_listing() {
    let mock = Mock::start(|request, _| match request.method.as_str() {
        "GET" => Reply::json(200, json!({"data": []})),
        _ => Reply::json(422, errors("Unprocessable", "inactive template")),
    })
    .await;
    let start = build(client(&mock))
        .start_or_resume("user-1", &Template::id("itmpl_a"))
        .await;
    assert_eq!(
        start,
        Err(ApiError::Rejected {
            status: 422,
            detail: "Unprocessable: inactive template".into()
        })
    );
    assert_eq!(mock.requests().len(), 4);
}

#[tokio::test]
async fn a_replayed_failure_is_not_retried() {
    let mock = Mock::start(|_, n| {
        let reply = Reply::json(500, errors("Internal Server Error", "stored"));
        if n == 0 {
            reply
        } else {
            reply.header("Idempotent-Replayed", "true")
        }
    })
    .await;
    let error = build(client(&mock))
        .create_inquiry(&CreateInquiry::new(Template::id("itmpl_a")))
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
    assert_eq!(mock.requests().len(), 2);
}

#[tokio::test]
async fn start_recovers_from_a_create_whose_500_is_replayed_with_a_second_key() {
    let mock = Mock::start(|request, _| match (request.method.as_str(), request.path()) {
        ("GET", _) => Reply::json(200, json!({"data": []})),
        ("POST", "/api/v1/inquiries") => {
            if request.header("idempotency-key").is_some_and(|k| k.ends_with("-r1")) {
                Reply::json(
                    201,
                    json!({"data": inquiry("inq_new", "created", "user-1"), "meta": {"session-token": "t"}}),
                )
            } else {
                Reply::json(500, Value::Null).header("Idempotent-Replayed", "true")
            }
        }
        _ => Reply::json(404, Value::Null),
    })
    .await;
    let template = Template::id("itmpl_a");
    let start = build(client(&mock))
        .start_or_resume("user-1", &template)
        .await;
    assert_eq!(
        start.map(|s| s.inquiry_id().to_owned()),
        Ok("inq_new".into())
    );
    assert_eq!(
        summary(&mock),
        [
            "GET /inquiries",
            "POST /inquiries",
            "GET /inquiries",
            "POST /inquiries"
        ]
    );
    let keys: Vec<Option<String>> = mock
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").map(str::to_owned))
        .collect();
    assert_eq!(
        keys,
        [
            None,
            Some(start::start_key("user-1", &template, 0, 0)),
            None,
            Some(start::start_key("user-1", &template, 0, 1)),
        ]
    );
}

#[tokio::test]
async fn start_resumes_what_a_failed_create_made_after_all() {
    // The create's answer is lost (a timeout); the inquiry exists, and the
    // second listing finds it.
    let made = Arc::new(Mutex::new(false));
    let flag = made.clone();
    let mock = Mock::start(move |request, _| {
        let mut made = flag.lock().unwrap_or_else(|e| e.into_inner());
        match (request.method.as_str(), request.path()) {
            ("GET", _) if *made => Reply::json(
                200,
                json!({"data": [inquiry("inq_made", "created", "user-1")]}),
            ),
            ("GET", _) => Reply::json(200, json!({"data": []})),
            ("POST", "/api/v1/inquiries") => {
                *made = true;
                Reply::hang_up()
            }
            _ => Reply::json(200, json!({"meta": {"session-token": "tok"}})),
        }
    })
    .await;
    let start = build(client(&mock).max_attempts(2))
        .start_or_resume("user-1", &Template::id("itmpl_a"))
        .await;
    assert_eq!(
        start.map(|s| s.inquiry_id().to_owned()),
        Ok("inq_made".into())
    );
    assert_eq!(
        summary(&mock),
        [
            "GET /inquiries",
            "POST /inquiries",
            "POST /inquiries",
            "GET /inquiries",
            "POST /inquiries/inq_made/resume"
        ]
    );
}
