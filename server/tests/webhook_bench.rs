//! The webhook bench (ignored; `cargo xtask bench` runs it optimised): how
//! long verifying one 10 KB delivery takes, from the header's text and the raw
//! body to the typed event (header parsing, HMAC-SHA256, constant-time
//! comparison, JSON parsing), and refusing a forged one (the same without the
//! JSON). It prints the medians of its rounds and, when
//! `LEPTOS_PERSONA_BENCH_DIR` names a folder, writes the delivery there
//! (`secret.txt`, `header.txt`, `forged.txt`, `body.json`, `now.txt`) so that node's bench
//! (`server/conformance/bench.mjs`) verifies the same bytes.

use std::hint::black_box;
use std::time::{Duration, Instant, UNIX_EPOCH};

use leptos_persona_server::webhook::{sign, WebhookVerifier};
use leptos_persona_server::Secret;
use serde_json::json;

const SECRET: &str = "wbhsec_bench_4fJ8sQ2mZx7Lp0Vn";
const NOW: u64 = 1_767_323_045;
const BODY_BYTES: usize = 10 * 1024;

/// An `inquiry.approved` event, its fields padded to exactly `BODY_BYTES`.
fn body() -> Vec<u8> {
    let event = |fields: &serde_json::Map<String, serde_json::Value>| {
        let body = json!({"data": {"type": "event", "id": "evt_benchBenchBench01", "attributes": {
            "name": "inquiry.approved", "created-at": "2026-01-02T03:04:05.678Z",
            "payload": {"data": {"type": "inquiry", "id": "inq_benchBenchBench01", "attributes": {
                "status": "approved", "reference-id": "user-42", "fields": fields},
                "relationships": {"inquiry-template": {"data": {"type": "inquiry-template", "id": "itmpl_bench"}}}},
                "included": []}}}});
        serde_json::to_vec(&body).unwrap_or_default()
    };
    let mut fields = serde_json::Map::new();
    let mut i = 0;
    while event(&fields).len() < BODY_BYTES - 200 {
        fields.insert(
            format!("field-{i}"),
            json!({"type": "string", "value": "Zoë Ærøskøbing, 東京都 🙂 — a value of some length"}),
        );
        i += 1;
    }
    fields.insert("padding".into(), json!({"type": "string", "value": ""}));
    let short = BODY_BYTES.saturating_sub(event(&fields).len());
    fields.insert(
        "padding".into(),
        json!({"type": "string", "value": "x".repeat(short)}),
    );
    event(&fields)
}

#[test]
fn the_bench_body_is_10_kb() {
    assert_eq!(body().len(), BODY_BYTES);
}

#[test]
#[ignore = "a bench: cargo xtask bench runs it in release"]
fn bench() {
    let body = body();
    assert_eq!(body.len(), BODY_BYTES);
    let header = sign(&Secret::new(SECRET), NOW, &body);
    let forged = sign(&Secret::new("wbhsec_someone_else"), NOW, &body);
    let verifier = WebhookVerifier::new(Secret::new(SECRET));
    let now = UNIX_EPOCH + Duration::from_secs(NOW);
    if let Some(dir) = std::env::var_os("LEPTOS_PERSONA_BENCH_DIR") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("the bench folder");
        for (name, bytes) in [
            ("secret.txt", SECRET.as_bytes()),
            ("header.txt", header.as_bytes()),
            ("forged.txt", forged.as_bytes()),
            ("body.json", &body[..]),
            ("now.txt", NOW.to_string().as_bytes()),
        ] {
            std::fs::write(dir.join(name), bytes).expect("a bench file");
        }
    }
    let rounds: usize = std::env::var("LEPTOS_PERSONA_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let per_round = 2_000;
    for _ in 0..per_round {
        assert!(verifier.verify_at(Some(&header), &body, now).is_ok());
        assert!(verifier.verify_at(Some(&forged), &body, now).is_err());
    }
    let median = |header: &str| {
        let mut micros: Vec<f64> = (0..rounds)
            .map(|_| {
                let started = Instant::now();
                for _ in 0..per_round {
                    let event = verifier.verify_at(black_box(Some(header)), black_box(&body), now);
                    black_box(event.is_ok());
                }
                started.elapsed().as_secs_f64() * 1e6 / per_round as f64
            })
            .collect();
        micros.sort_by(f64::total_cmp);
        micros.get(micros.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let verified = median(&header);
    let refused = median(&forged);
    println!(
        "webhook verify (10 KB body): leptos-persona-server {verified:.2} us per verify, \
         {refused:.2} us per forged delivery refused (median of {rounds} rounds of {per_round})"
    );
}
