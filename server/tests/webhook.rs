//! `leptos_persona_server::webhook`: signatures (rotation on both sides), the
//! replay window, the size limit, the header's grammar, and the event's shape
//! in every key inflection.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use leptos_persona_server::webhook::{
    sign, sign_rotation, EventName, Timestamp, WebhookError, WebhookEvent, WebhookVerifier,
};
use leptos_persona_server::{InquiryStatus, Secret};
use serde_json::{json, Value};

const T: u64 = 1_767_323_045;
const OLD: &str = "wbhsec_old_1f3Zq";
const NEW: &str = "wbhsec_new_9xKp0";

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

/// An `inquiry.approved` event in kebab case (Persona's default inflection).
fn kebab_body() -> Vec<u8> {
    r#"{"data":{"type":"event","id":"evt_kW2","attributes":{"name":"inquiry.approved","created-at":"2026-01-02T03:04:05.250Z","redacted-at":null,"payload":{"data":{"type":"inquiry","id":"inq_7Qe","attributes":{"status":"approved","reference-id":"user-42","created-at":"2026-01-02T03:00:00.000Z","fields":{"name-first":{"type":"string","value":"Zoë"}}},"relationships":{"inquiry-template":{"data":{"type":"inquiry-template","id":"itmpl_Ab1"}}}},"included":[]}}}}"#.as_bytes().to_vec()
}

fn camel_body() -> Vec<u8> {
    r#"{"data":{"type":"event","id":"evt_kW2","attributes":{"name":"inquiry.approved","createdAt":"2026-01-02T03:04:05.250Z","redactedAt":null,"payload":{"data":{"type":"inquiry","id":"inq_7Qe","attributes":{"status":"approved","referenceId":"user-42","createdAt":"2026-01-02T03:00:00.000Z","fields":{"nameFirst":{"type":"string","value":"Zoë"}}},"relationships":{"inquiryTemplate":{"data":{"type":"inquiry-template","id":"itmpl_Ab1"}}}},"included":[]}}}}"#.as_bytes().to_vec()
}

fn snake_body() -> Vec<u8> {
    r#"{"data":{"type":"event","id":"evt_kW2","attributes":{"name":"inquiry.approved","created_at":"2026-01-02T03:04:05.250Z","redacted_at":null,"payload":{"data":{"type":"inquiry","id":"inq_7Qe","attributes":{"status":"approved","reference_id":"user-42","created_at":"2026-01-02T03:00:00.000Z","fields":{"name_first":{"type":"string","value":"Zoë"}}},"relationships":{"inquiry_template":{"data":{"type":"inquiry-template","id":"itmpl_Ab1"}}}},"included":[]}}}}"#.as_bytes().to_vec()
}

fn verifier(secret: &str) -> WebhookVerifier {
    WebhookVerifier::new(Secret::new(secret))
}

fn verify(
    verifier: &WebhookVerifier,
    header: &str,
    body: &[u8],
) -> Result<WebhookEvent, WebhookError> {
    verifier.verify_at(Some(header), body, at(T))
}

#[test]
fn a_signed_event_verifies_and_parses() {
    let body = kebab_body();
    let header = sign(&Secret::new(NEW), T, &body);
    let event = verify(&verifier(NEW), &header, &body).expect("verifies");
    assert_eq!(event.id, "evt_kW2");
    assert_eq!(event.name, EventName::InquiryApproved);
    assert_eq!(
        event.created_at,
        Timestamp::parse("2026-01-02T03:04:05.25Z").unwrap()
    );
    assert_eq!(event.signed_at, T);
    let inquiry = event.inquiry.as_ref().expect("an inquiry payload");
    assert_eq!(inquiry.id, "inq_7Qe");
    assert_eq!(inquiry.status, InquiryStatus::Approved);
    assert_eq!(inquiry.reference_id.as_deref(), Some("user-42"));
    assert_eq!(inquiry.template_id.as_deref(), Some("itmpl_Ab1"));
    assert_eq!(inquiry.fields["name-first"]["value"], "Zoë");
    assert_eq!(
        event.raw["data"]["attributes"]["payload"]["included"],
        json!([])
    );
}

#[test]
fn a_rotation_header_is_accepted_by_either_secret() {
    let body = kebab_body();
    let header = sign_rotation(&[Secret::new(OLD), Secret::new(NEW)], T, &body);
    assert_eq!(header.matches("t=").count(), 2);
    assert!(header.contains(' ') && !header.starts_with(' '));
    for secret in [OLD, NEW] {
        let event = verify(&verifier(secret), &header, &body);
        assert_eq!(event.map(|e| e.id), Ok("evt_kW2".to_owned()), "{secret}");
    }
    // Either order of the sets, and Persona's exact form written by hand.
    let reversed = sign_rotation(&[Secret::new(NEW), Secret::new(OLD)], T, &body);
    assert!(verify(&verifier(OLD), &reversed, &body).is_ok());
    let old_only = sign(&Secret::new(OLD), T, &body);
    let new_only = sign(&Secret::new(NEW), T, &body);
    assert_eq!(header, format!("{old_only} {new_only}"));
    // A third secret is in neither set.
    assert_eq!(
        verify(&verifier("wbhsec_other"), &header, &body).unwrap_err(),
        WebhookError::NoMatchingSignature {
            signatures: 2,
            secrets: 1
        }
    );
}

#[test]
fn a_verifier_with_two_secrets_accepts_either() {
    let body = kebab_body();
    let both = WebhookVerifier::new(Secret::new(OLD)).with_secret(Secret::new(NEW));
    let listed = WebhookVerifier::with_secrets([OLD, NEW]);
    for verifier in [&both, &listed] {
        assert_eq!(verifier.secret_count(), 2);
        for secret in [OLD, NEW] {
            let header = sign(&Secret::new(secret), T, &body);
            assert!(verify(verifier, &header, &body).is_ok(), "{secret}");
        }
        let header = sign(&Secret::new("wbhsec_third"), T, &body);
        assert_eq!(
            verify(verifier, &header, &body).unwrap_err(),
            WebhookError::NoMatchingSignature {
                signatures: 1,
                secrets: 2
            }
        );
    }
}

#[test]
fn forged_signatures_are_refused() {
    let body = kebab_body();
    let forged = sign(&Secret::new("wbhsec_attacker"), T, &body);
    assert_eq!(
        verify(&verifier(NEW), &forged, &body).unwrap_err(),
        WebhookError::NoMatchingSignature {
            signatures: 1,
            secrets: 1
        }
    );
    // The right secret over other bytes, or another timestamp's signature.
    let header = sign(&Secret::new(NEW), T, &body);
    let mut tampered = body.clone();
    if let Some(byte) = tampered.iter_mut().find(|b| **b == b'7') {
        *byte = b'8';
    }
    assert!(matches!(
        verify(&verifier(NEW), &header, &tampered),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
    let moved = header.replacen(&format!("t={T}"), &format!("t={}", T + 1), 1);
    assert!(matches!(
        verify(&verifier(NEW), &moved, &body),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
    // The secret is used as the dashboard shows it: no prefix stripped.
    let stripped = sign(&Secret::new(NEW.trim_start_matches("wbhsec_")), T, &body);
    assert!(matches!(
        verify(&verifier(NEW), &stripped, &body),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
    let with_newline = sign(&Secret::new(format!("{NEW}\n")), T, &body);
    assert!(verify(&verifier(NEW), &with_newline, &body).is_err());
    // Empty secrets never match, even a signature made with the empty key.
    let empty = sign(&Secret::new(""), T, &body);
    assert_eq!(
        verify(&verifier(""), &empty, &body).unwrap_err(),
        WebhookError::NoMatchingSignature {
            signatures: 1,
            secrets: 0
        }
    );
}

#[test]
fn the_signature_is_checked_before_the_body_is_parsed() {
    let verifier = verifier(NEW);
    let not_json = b"{not json".to_vec();
    let forged = sign(&Secret::new("wbhsec_attacker"), T, &not_json);
    assert!(matches!(
        verify(&verifier, &forged, &not_json),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
    let signed = sign(&Secret::new(NEW), T, &not_json);
    assert!(matches!(
        verify(&verifier, &signed, &not_json),
        Err(WebhookError::NotAnEvent { .. })
    ));
}

#[test]
fn re_serialised_json_does_not_verify() {
    let body = br#"{"data": {"type": "event", "id": "evt_1", "attributes": {"name": "inquiry.created", "created-at": "2026-01-02T03:04:05Z", "score": 1.50}}}"#;
    let header = sign(&Secret::new(NEW), T, body);
    assert!(verify(&verifier(NEW), &header, body).is_ok());
    let value: Value = serde_json::from_slice(body).unwrap();
    let reserialised = serde_json::to_vec(&value).unwrap();
    assert_ne!(reserialised, body.to_vec());
    assert!(matches!(
        verify(&verifier(NEW), &header, &reserialised),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
}

#[test]
fn stale_and_future_timestamps_are_refused() {
    let body = kebab_body();
    let header = sign(&Secret::new(NEW), T, &body);
    let v = verifier(NEW);
    let when = |now: u64| v.verify_at(Some(&header), &body, at(now)).map(|e| e.id);
    assert!(when(T + 300).is_ok());
    assert!(when(T - 300).is_ok());
    assert_eq!(
        when(T + 301).unwrap_err(),
        WebhookError::TimestampTooOld {
            age_seconds: 301,
            tolerance_seconds: 300
        }
    );
    assert_eq!(
        when(T + 86_400).unwrap_err(),
        WebhookError::TimestampTooOld {
            age_seconds: 86_400,
            tolerance_seconds: 300
        }
    );
    assert_eq!(
        when(T - 301).unwrap_err(),
        WebhookError::TimestampInFuture {
            ahead_seconds: 301,
            tolerance_seconds: 300
        }
    );
    // A clock before 1970 sees every timestamp in its future.
    assert!(matches!(
        v.verify_at(Some(&header), &body, UNIX_EPOCH - Duration::from_secs(5)),
        Err(WebhookError::TimestampInFuture { .. })
    ));
    // The tolerance is configurable, in whole seconds.
    let wide = verifier(NEW).with_tolerance(Duration::from_millis(3_600_999));
    assert_eq!(wide.tolerance(), Duration::from_millis(3_600_999));
    assert!(wide.verify_at(Some(&header), &body, at(T + 3_600)).is_ok());
    assert_eq!(
        wide.verify_at(Some(&header), &body, at(T + 3_601))
            .unwrap_err(),
        WebhookError::TimestampTooOld {
            age_seconds: 3_601,
            tolerance_seconds: 3_600
        }
    );
    let exact = verifier(NEW).with_tolerance(Duration::ZERO);
    assert!(exact.verify_at(Some(&header), &body, at(T)).is_ok());
    assert!(exact.verify_at(Some(&header), &body, at(T + 1)).is_err());
    // A forged, stale delivery is refused for its signature.
    let forged = sign(&Secret::new("wbhsec_attacker"), T, &body);
    assert!(matches!(
        v.verify_at(Some(&forged), &body, at(T + 10_000)),
        Err(WebhookError::NoMatchingSignature { .. })
    ));
}

#[test]
fn one_timely_matching_set_is_enough() {
    let body = kebab_body();
    let secret = Secret::new(NEW);
    let stale = sign(&secret, T - 1_000, &body);
    let fresh = sign(&secret, T, &body);
    let future = sign(&secret, T + 1_000, &body);
    let v = verifier(NEW);
    assert!(verify(&v, &format!("{stale} {fresh}"), &body).is_ok());
    assert!(verify(&v, &format!("{future} {stale} {fresh}"), &body).is_ok());
    // None timely: the first matching set's error.
    assert!(matches!(
        verify(&v, &format!("{stale} {future}"), &body),
        Err(WebhookError::TimestampTooOld {
            age_seconds: 1_000,
            ..
        })
    ));
    assert!(matches!(
        verify(&v, &format!("{future} {stale}"), &body),
        Err(WebhookError::TimestampInFuture {
            ahead_seconds: 1_000,
            ..
        })
    ));
    // A forged fresh set does not rescue a genuine stale one.
    let forged = sign(&Secret::new("wbhsec_attacker"), T, &body);
    assert!(matches!(
        verify(&v, &format!("{forged} {stale}"), &body),
        Err(WebhookError::TimestampTooOld { .. })
    ));
}

#[test]
fn the_system_clock_is_used_by_verify() {
    let body = kebab_body();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let v = verifier(NEW);
    assert!(v
        .verify(Some(&sign(&Secret::new(NEW), now, &body)), &body)
        .is_ok());
    assert!(matches!(
        v.verify(Some(&sign(&Secret::new(NEW), now - 3_600, &body)), &body),
        Err(WebhookError::TimestampTooOld { .. })
    ));
}

#[test]
fn missing_and_malformed_headers_are_refused() {
    let body = kebab_body();
    let good = sign(&Secret::new(NEW), T, &body);
    let signature = good.split("v1=").nth(1).unwrap_or_default().to_owned();
    let v = verifier(NEW);
    assert_eq!(
        v.verify_at(None, &body, at(T)).unwrap_err(),
        WebhookError::MissingHeader
    );
    let malformed = [
        String::new(),
        "   ".to_owned(),
        ",".to_owned(),
        format!("v1={signature}"),
        signature.clone(),
        format!("t={T}"),
        format!("t={T},v1="),
        format!("t={T};v1={signature}"),
        format!("t={T},v1={}", &signature[..63]),
        format!("t={T},v1={signature}0"),
        format!("t={T},v1=0x{}", &signature[2..]),
        format!("t={T},v1={}z", &signature[..63]),
        format!("t=0x10,v1={signature}"),
        format!("t=-{T},v1={signature}"),
        format!("t={T}.0,v1={signature}"),
        format!("t=99999999999999999999,v1={signature}"),
        format!("t={T},v1={signature} t={T}"),
        format!("t={T} v1"),
        format!("t={T}\u{a0},v1={signature}"),
        format!("{} ", format!("t={T},v1={signature} ").repeat(9)),
        format!("t={T}{}", format!(",v1={signature}").repeat(17)),
        format!("t={T},v1={}", "é".repeat(32)),
        "t=1=2".to_owned(),
    ];
    for header in &malformed {
        match v.verify_at(Some(header), &body, at(T)) {
            Err(WebhookError::MalformedHeader { problem }) => {
                assert!(!problem.is_empty());
                assert!(!problem.contains(&signature), "{problem}");
            }
            other => panic!("{header:?}: {other:?}"),
        }
    }
    // Extra whitespace, commas and unknown keys are fine; uppercase hex too.
    let upper = good.replace(&signature, &signature.to_ascii_uppercase());
    for header in [
        format!("  {good}  "),
        good.replace(',', ", "),
        good.replace(',', "\t,"),
        format!("{good},"),
        good.replace(',', ",v0=legacy,"),
        format!("t={T},v2=future,v1={signature}"),
        upper,
    ] {
        assert!(
            v.verify_at(Some(&header), &body, at(T)).is_ok(),
            "{header:?}"
        );
    }
}

#[test]
fn oversized_bodies_are_refused_unverified() {
    let body = kebab_body();
    let header = sign(&Secret::new(NEW), T, &body);
    let exact = verifier(NEW).with_max_body_bytes(body.len());
    assert_eq!(exact.max_body_bytes(), body.len());
    assert!(verify(&exact, &header, &body).is_ok());
    let small = verifier(NEW).with_max_body_bytes(body.len() - 1);
    assert_eq!(
        verify(&small, &header, &body).unwrap_err(),
        WebhookError::BodyTooLarge {
            limit: body.len() - 1
        }
    );
    let huge = vec![b' '; 1024 * 1024 + 1];
    let header = sign(&Secret::new(NEW), T, &huge);
    assert_eq!(
        verify(&verifier(NEW), &header, &huge).unwrap_err(),
        WebhookError::BodyTooLarge { limit: 1024 * 1024 }
    );
}

/// The problem `NotAnEvent` names for a signed body.
fn problem(body: &Value) -> String {
    let body = serde_json::to_vec(body).unwrap();
    let header = sign(&Secret::new(NEW), T, &body);
    match verify(&verifier(NEW), &header, &body) {
        Err(WebhookError::NotAnEvent { problem }) => problem,
        other => panic!("{other:?}"),
    }
}

#[test]
fn bodies_that_are_not_events_are_refused() {
    let header = |body: &[u8]| sign(&Secret::new(NEW), T, body);
    for raw in [&b""[..], b"{", b"null x", b"\xff\xfe{}", b"\xef\xbb\xbf{}"] {
        match verify(&verifier(NEW), &header(raw), raw) {
            Err(WebhookError::NotAnEvent { problem }) => {
                assert!(problem.starts_with("the body is not JSON"), "{problem}")
            }
            other => panic!("{raw:?}: {other:?}"),
        }
    }
    let event = |attributes: Value| json!({"data": {"type": "event", "id": "evt_1", "attributes": attributes}});
    let created = "2026-01-02T03:04:05Z";
    let inquiry = |data: Value| {
        event(json!({"name": "inquiry.created", "created-at": created, "payload": {"data": data}}))
    };
    let cases = [
        (json!([]), "the body is not a JSON object"),
        (json!({}), "data is missing"),
        (json!({"data": []}), "data is not an object"),
        (json!({"data": {"id": "evt_1"}}), "data.type is missing"),
        (json!({"data": {"type": 1}}), "data.type is not a string"),
        (
            json!({"data": {"type": "inquiry", "id": "inq_1"}}),
            "data.type is not \"event\"",
        ),
        (json!({"data": {"type": "event"}}), "data.id is missing"),
        (
            json!({"data": {"type": "event", "id": ""}}),
            "data.id is empty",
        ),
        (
            json!({"data": {"type": "event", "id": 7}}),
            "data.id is not a string",
        ),
        (
            json!({"data": {"type": "event", "id": "evt_1"}}),
            "data.attributes is missing",
        ),
        (
            json!({"data": {"type": "event", "id": "evt_1", "attributes": "x"}}),
            "data.attributes is not an object",
        ),
        (
            event(json!({"created-at": created})),
            "data.attributes.name is missing",
        ),
        (
            event(json!({"name": null, "created-at": created})),
            "data.attributes.name is not a string",
        ),
        (
            event(json!({"name": "inquiry.created"})),
            "data.attributes.created-at is missing",
        ),
        (
            event(json!({"name": "inquiry.created", "createdAt": 1})),
            "data.attributes.created-at is not a string",
        ),
        (
            event(json!({"name": "inquiry.created", "created_at": "yesterday"})),
            "data.attributes.created-at is not an RFC 3339 date and time",
        ),
        (
            event(json!({"name": "inquiry.created", "created-at": "2026-02-30T00:00:00Z"})),
            "data.attributes.created-at is not an RFC 3339 date and time",
        ),
        (
            inquiry(json!({"type": "inquiry"})),
            "data.attributes.payload.data.id is missing",
        ),
        (
            inquiry(json!({"type": "inquiry", "id": "inq_1"})),
            "data.attributes.payload.data.attributes is missing",
        ),
        (
            inquiry(json!({"type": "inquiry", "id": "inq_1", "attributes": {}})),
            "data.attributes.payload.data.attributes.status is missing",
        ),
        (
            inquiry(
                json!({"type": "inquiry", "id": "inq_1", "attributes": {"status": ["approved"]}}),
            ),
            "data.attributes.payload.data.attributes.status is not a string",
        ),
    ];
    for (body, expected) in cases {
        assert_eq!(problem(&body), expected, "{body}");
    }
}

#[test]
fn kebab_camel_and_snake_bodies_parse_to_the_same_event() {
    let parse = |body: Vec<u8>| {
        let header = sign(&Secret::new(NEW), T, &body);
        let mut event = verify(&verifier(NEW), &header, &body).expect("verifies");
        event.raw = Value::Null;
        // The fields' names follow the inflection; their values do not.
        let inquiry = event.inquiry.as_mut().expect("an inquiry");
        let fields: Vec<Value> = inquiry.fields.values().cloned().collect();
        assert_eq!(fields, vec![json!({"type": "string", "value": "Zoë"})]);
        inquiry.fields.clear();
        event
    };
    let kebab = parse(kebab_body());
    assert_eq!(
        kebab
            .inquiry
            .as_ref()
            .and_then(|i| i.template_id.clone())
            .as_deref(),
        Some("itmpl_Ab1")
    );
    assert_eq!(parse(camel_body()), kebab);
    assert_eq!(parse(snake_body()), kebab);
}

fn parsed(body: Value) -> WebhookEvent {
    let body = serde_json::to_vec(&body).unwrap();
    let header = sign(&Secret::new(NEW), T, &body);
    verify(&verifier(NEW), &header, &body).expect("verifies")
}

#[test]
fn unknown_names_and_statuses_are_kept() {
    let event = parsed(
        json!({"data": {"type": "event", "id": "evt_9", "attributes": {
        "name": "inquiry.paused", "created-at": "2026-01-02T03:04:05+02:00",
        "payload": {"data": {"type": "inquiry", "id": "inq_9", "attributes": {"status": "on_hold"}}}}}}),
    );
    assert_eq!(event.name, EventName::Other("inquiry.paused".into()));
    assert_eq!(event.name.to_string(), "inquiry.paused");
    assert_eq!(event.name.inquiry_status(), None);
    assert_eq!(event.created_at.unix_seconds(), T as i64 - 7_200);
    let inquiry = event.inquiry.expect("an inquiry");
    assert_eq!(inquiry.status, InquiryStatus::Other("on_hold".into()));
    assert_eq!((inquiry.reference_id, inquiry.template_id), (None, None));
    assert!(inquiry.fields.is_empty());
    for known in EventName::KNOWN {
        assert_eq!(EventName::parse(known.as_str()), known);
        assert!(!matches!(known, EventName::Other(_)));
    }
    let statuses: Vec<_> = EventName::KNOWN
        .iter()
        .filter_map(EventName::inquiry_status)
        .collect();
    assert_eq!(statuses.len(), 8);
    assert_eq!(
        EventName::InquiryMarkedForReview.inquiry_status(),
        Some(InquiryStatus::NeedsReview)
    );
}

#[test]
fn other_payloads_and_template_fallbacks() {
    let report = parsed(
        json!({"data": {"type": "event", "id": "evt_r", "attributes": {
        "name": "report/watchlist.ready", "created-at": "2026-01-02T03:04:05Z",
        "payload": {"data": {"type": "report/watchlist", "id": "rep_1", "attributes": {"status": "ready"}}}}}}),
    );
    assert_eq!(report.inquiry, None);
    assert_eq!(
        report.raw["data"]["attributes"]["payload"]["data"]["id"],
        "rep_1"
    );
    let no_payload = parsed(
        json!({"data": {"type": "event", "id": "evt_n", "attributes": {
        "name": "inquiry.created", "created-at": "2026-01-02T03:04:05Z", "payload": null}}}),
    );
    assert_eq!(no_payload.inquiry, None);
    // The template from an attribute when there is no relationship; a
    // non-string reference id is no reference id.
    let older = parsed(
        json!({"data": {"type": "event", "id": "evt_o", "attributes": {
        "name": "inquiry.completed", "created-at": "2026-01-02T03:04:05Z",
        "payload": {"data": {"type": "inquiry", "id": "inq_o", "attributes": {
            "status": "completed", "inquiryTemplateId": "itmpl_attr", "referenceId": 42},
            "relationships": {"inquiryTemplate": {"data": null}}}}}}}),
    );
    let inquiry = older.inquiry.expect("an inquiry");
    assert_eq!(inquiry.template_id.as_deref(), Some("itmpl_attr"));
    assert_eq!(inquiry.reference_id, None);
    assert_eq!(inquiry.status, InquiryStatus::Completed);
}

#[test]
fn secrets_never_show() {
    let v = WebhookVerifier::new(Secret::new(OLD)).with_secret(Secret::new(NEW));
    let debug = format!("{v:?}");
    assert!(
        !debug.contains(OLD) && !debug.contains(NEW) && !debug.contains("wbhsec"),
        "{debug}"
    );
    assert!(debug.contains("2 redacted"), "{debug}");
    // No error's Display shows a secret or a signature.
    let body = kebab_body();
    let header = sign(&Secret::new(NEW), T, &body);
    let signature = header.split("v1=").nth(1).unwrap_or_default().to_owned();
    let errors = [
        v.verify_at(None, &body, at(T)),
        v.verify_at(Some(&header.replace(',', ";")), &body, at(T)),
        v.verify_at(Some(&format!("t={T},v1={signature}a")), &body, at(T)),
        v.verify_at(
            Some(&sign(&Secret::new("wbhsec_x"), T, &body)),
            &body,
            at(T),
        ),
        v.verify_at(Some(&header), &body, at(T + 999)),
        v.verify_at(Some(&header), &body, at(T - 999)),
        v.clone()
            .with_max_body_bytes(3)
            .verify_at(Some(&header), &body, at(T)),
        v.verify_at(Some(&sign(&Secret::new(NEW), T, b"[]")), b"[]", at(T)),
    ];
    let mut seen = std::collections::HashSet::new();
    for error in errors {
        let error = error.expect_err("refused");
        let text = error.to_string();
        for secret in [OLD, NEW, &signature] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(text.contains(':'), "says what to do: {text}");
        assert!(matches!(error.http_status(), 400 | 401 | 413));
        let _: &dyn std::error::Error = &error;
        seen.insert(std::mem::discriminant(&error));
    }
    assert_eq!(seen.len(), 7, "every variant was shown");
}
