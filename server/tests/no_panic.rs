//! Nothing from outside can panic the webhook verifier: arbitrary headers and
//! bodies go through the header parser, the signature check and, when they
//! verify, the event parser.
//!
//! The property tests run in the normal suite. The `fuzz` test (ignored by
//! default; run in release) drives a seeded, structure-aware generator over
//! `LEPTOS_PERSONA_FUZZ_INPUTS` inputs (default 1,000,000; seed
//! `LEPTOS_PERSONA_FUZZ_SEED`): event bodies in every key inflection, with
//! fields missing, mistyped or mangled byte by byte, most of them validly
//! signed (so that they reach the event parser), under headers that are
//! Persona's, rotated, edited or random. It reports how many inputs ran, how
//! many verified and how many panicked, and requires 0 panics and that a
//! hundredth of the inputs verify.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, UNIX_EPOCH};

use leptos_persona_server::webhook::{
    sign, sign_rotation, Timestamp, WebhookError, WebhookVerifier,
};
use leptos_persona_server::Secret;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const NOW: u64 = 1_767_323_045;
const SECRETS: [&str; 3] = ["wbhsec_fuzz_A1b2C3", "wbhsec_fuzz_öäü🔑", "k"];

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "data",
    "type",
    "event",
    "id",
    "attributes",
    "name",
    "created-at",
    "createdAt",
    "created_at",
    "payload",
    "inquiry",
    "status",
    "reference-id",
    "referenceId",
    "reference_id",
    "fields",
    "relationships",
    "inquiry-template",
    "inquiryTemplate",
    "inquiry_template",
    "inquiry-template-id",
    "included",
    "evt_1",
    "inq_1",
    "itmpl_1",
    "approved",
    "needs_review",
    "inquiry.approved",
    "inquiry.marked-for-review",
    "2026-01-02T03:04:05.678Z",
    "Zoë",
    "東京",
    "🙂",
    "",
    "\u{0}",
    "\\ud800",
    "t",
    "v1",
];

const TIMES: &[&str] = &[
    "2026-01-02T03:04:05Z",
    "2026-01-02T03:04:05.123456789123Z",
    "2016-12-31T23:59:60Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
    "2026-01-02t03:04:05+05:30",
    "2026-02-30T00:00:00Z",
    "2026-01-02T03:04:05",
    "2026-01-02T03:04:05.Z",
    "yesterday",
    "",
    "2026-01-02T03:04:05+99:99",
    "9999-12-31T23:59:60+00:00",
    "2026-01-02T03:04:05٫5Z",
];

fn leaf(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(50)),
        2 => json!(rng.next() as i64),
        3 => json!(f64::from_bits(rng.next())
            .is_finite()
            .then(|| rng.below(1000) as f64 / 7.0)),
        4 => Value::String((*rng.pick(TIMES)).to_owned()),
        _ => Value::String((*rng.pick(WORDS)).to_owned()),
    }
}

fn any_value(rng: &mut Rng, depth: usize) -> Value {
    if depth == 0 || rng.chance(50) {
        return leaf(rng);
    }
    if rng.chance(50) {
        Value::Array(
            (0..rng.below(4))
                .map(|_| any_value(rng, depth - 1))
                .collect(),
        )
    } else {
        let mut map = Map::new();
        for _ in 0..rng.below(5) {
            map.insert((*rng.pick(WORDS)).to_owned(), any_value(rng, depth - 1));
        }
        Value::Object(map)
    }
}

/// A value that is usually what the key expects and sometimes anything.
fn or_anything(rng: &mut Rng, usual: Value) -> Option<Value> {
    match rng.below(50) {
        0 => None,
        1 => Some(any_value(rng, 2)),
        _ => Some(usual),
    }
}

fn insert(map: &mut Map<String, Value>, key: &str, usual: Value, rng: &mut Rng) {
    if let Some(value) = or_anything(rng, usual) {
        map.insert(key.to_owned(), value);
    }
}

fn inflect(kebab: &str, inflection: usize) -> String {
    match inflection {
        0 => kebab.to_owned(),
        1 => {
            let mut out = String::new();
            let mut upper = false;
            for c in kebab.chars() {
                if c == '-' {
                    upper = true;
                } else if upper {
                    out.extend(c.to_uppercase());
                    upper = false;
                } else {
                    out.push(c);
                }
            }
            out
        }
        _ => kebab.replace('-', "_"),
    }
}

/// An event body shaped like Persona's, every part of which may be off.
fn event(rng: &mut Rng) -> Value {
    let inflection = rng.below(3);
    let k = |key: &str| inflect(key, inflection);
    let mut inquiry_attributes = Map::new();
    insert(
        &mut inquiry_attributes,
        "status",
        json!(*rng.pick(&["approved", "pending", "needs_review", "paused", ""])),
        rng,
    );
    insert(
        &mut inquiry_attributes,
        &k("reference-id"),
        json!(format!("user-{}", rng.below(99))),
        rng,
    );
    insert(
        &mut inquiry_attributes,
        &k("inquiry-template-id"),
        json!("itmpl_attr"),
        rng,
    );
    insert(&mut inquiry_attributes, "fields", any_value(rng, 3), rng);
    let mut inquiry = Map::new();
    insert(
        &mut inquiry,
        "type",
        json!(if rng.chance(80) { "inquiry" } else { "report" }),
        rng,
    );
    insert(&mut inquiry, "id", json!("inq_fuzz"), rng);
    insert(
        &mut inquiry,
        "attributes",
        Value::Object(inquiry_attributes),
        rng,
    );
    let template =
        json!({k("inquiry-template"): {"data": {"type": "inquiry-template", "id": "itmpl_rel"}}});
    insert(&mut inquiry, "relationships", template, rng);
    let mut attributes = Map::new();
    let name = if rng.chance(80) {
        "inquiry.approved"
    } else {
        *rng.pick(WORDS)
    };
    insert(&mut attributes, "name", json!(name), rng);
    let created_at = if rng.chance(80) { &TIMES[..6] } else { TIMES };
    insert(
        &mut attributes,
        &k("created-at"),
        json!(*rng.pick(created_at)),
        rng,
    );
    insert(
        &mut attributes,
        "payload",
        json!({"data": Value::Object(inquiry), "included": []}),
        rng,
    );
    let mut data = Map::new();
    insert(&mut data, "type", json!("event"), rng);
    insert(&mut data, "id", json!(format!("evt_{}", rng.next())), rng);
    insert(&mut data, "attributes", Value::Object(attributes), rng);
    match rng.below(40) {
        0 => any_value(rng, 4),
        _ => json!({ "data": Value::Object(data) }),
    }
}

/// The body's bytes: serialised (sometimes pretty), sometimes mangled.
fn body(rng: &mut Rng) -> Vec<u8> {
    let value = event(rng);
    let mut bytes = if rng.chance(20) {
        serde_json::to_vec_pretty(&value)
    } else {
        serde_json::to_vec(&value)
    }
    .unwrap_or_default();
    for _ in 0..if rng.chance(80) { 0 } else { 1 + rng.below(4) } {
        let at = rng.below(bytes.len() + 1);
        match rng.below(6) {
            0 => bytes.truncate(at),
            1 => bytes.insert(at.min(bytes.len()), rng.next() as u8),
            2 => {
                if let Some(byte) = bytes.get_mut(at) {
                    *byte ^= 1 << rng.below(8);
                }
            }
            3 => {
                let word = *rng.pick(WORDS);
                let at = at.min(bytes.len());
                bytes.splice(at..at, word.bytes());
            }
            4 => {
                if at < bytes.len() {
                    bytes.remove(at);
                }
            }
            _ => bytes.extend_from_slice(&[0xef, 0xbb, 0xbf]),
        }
    }
    bytes
}

const HEADER_PIECES: &[&str] = &[
    "t=",
    "v1=",
    ",",
    " ",
    "\t",
    "=",
    "t=1767323045",
    "v1=00",
    "v0=x",
    "T=",
    "V1=",
    "é",
    "١",
    "\u{a0}",
    "0",
    "f",
    "ff",
    "-",
    ".",
    ";",
    "18446744073709551616",
];

fn edit_header(rng: &mut Rng, header: &mut String) {
    let pieces: Vec<char> = header.chars().collect();
    let at = rng.below(pieces.len() + 1);
    let (before, after) = pieces.split_at(at.min(pieces.len()));
    let before: String = before.iter().collect();
    let mut after: String = after.iter().collect();
    match rng.below(4) {
        0 => {
            let mut chars = after.chars();
            chars.next();
            after = chars.as_str().to_owned();
            *header = format!("{before}{after}");
        }
        1 => *header = format!("{before}{}{after}", *rng.pick(HEADER_PIECES)),
        2 => *header = format!("{before}{}", *rng.pick(HEADER_PIECES)),
        _ => *header = format!("{} {header}", header.clone()),
    }
}

fn header(rng: &mut Rng, body: &[u8]) -> Option<String> {
    let t = match rng.below(10) {
        0 => NOW - 301 - rng.below(10_000) as u64,
        1 => NOW + 301 + rng.below(10_000) as u64,
        _ => NOW - 300 + rng.below(601) as u64,
    };
    let secret = Secret::new(*rng.pick(&SECRETS));
    let mut header = match rng.below(20) {
        0 => return None,
        1 | 2 => {
            let mut random = String::new();
            for _ in 0..rng.below(12) {
                let piece: &&str = rng.pick(HEADER_PIECES);
                random.push_str(piece);
            }
            random
        }
        3 | 4 => sign_rotation(&[Secret::new("wbhsec_unknown"), secret], t, body),
        5 => sign(&Secret::new("wbhsec_unknown"), t, body),
        _ => sign(&secret, t, body),
    };
    if rng.chance(15) {
        for _ in 0..1 + rng.below(3) {
            edit_header(rng, &mut header);
        }
    }
    Some(header)
}

fn verifiers() -> Vec<WebhookVerifier> {
    vec![
        WebhookVerifier::new(Secret::new(SECRETS[0])),
        WebhookVerifier::with_secrets(SECRETS),
        WebhookVerifier::with_secrets([SECRETS[1], SECRETS[2]]).with_max_body_bytes(256),
        WebhookVerifier::with_secrets(SECRETS).with_tolerance(Duration::ZERO),
    ]
}

/// Runs one input; returns whether it verified and whether it reached the
/// event parser (verified, or refused as not an event).
fn run(verifier: &WebhookVerifier, header: Option<&str>, body: &[u8], now: u64) -> (bool, bool) {
    let outcome = verifier.verify_at(header, body, UNIX_EPOCH + Duration::from_secs(now));
    // Touch everything the outcome holds, so that lazy mistakes would surface.
    match &outcome {
        Ok(event) => {
            let _ = format!("{event:?} {} {}", event.name, event.created_at);
            let _ = event.name.inquiry_status();
        }
        Err(error) => {
            let _ = format!("{error} {error:?} {}", error.http_status());
        }
    }
    let parsed = matches!(outcome, Ok(_) | Err(WebhookError::NotAnEvent { .. }));
    (outcome.is_ok(), parsed)
}

#[test]
#[ignore = "long: cargo xtask fuzz runs it in release"]
fn fuzz() {
    let inputs: u64 = std::env::var("LEPTOS_PERSONA_FUZZ_INPUTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = std::env::var("LEPTOS_PERSONA_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed_1e55);
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed | 1);
    let verifiers = verifiers();
    let (mut panics, mut verified, mut parsed) = (0u64, 0u64, 0u64);
    let started = std::time::Instant::now();
    for i in 0..inputs {
        let result = if i % 16 == 15 {
            // The timestamp parser on its own, with arbitrary text.
            let mut text = (*rng.pick(TIMES)).to_owned();
            edit_header(&mut rng, &mut text);
            catch_unwind(AssertUnwindSafe(|| {
                if let Some(t) = Timestamp::parse(&text) {
                    assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
                }
                (false, false)
            }))
        } else {
            let body = body(&mut rng);
            let header = header(&mut rng, &body);
            let verifier = rng.pick(&verifiers);
            catch_unwind(AssertUnwindSafe(|| {
                run(verifier, header.as_deref(), &body, NOW)
            }))
        };
        match result {
            Ok((ok, reached)) => {
                verified += u64::from(ok);
                parsed += u64::from(reached);
            }
            Err(_) => panics += 1,
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz (webhooks): {inputs} inputs, {verified} verified, {panics} panics (seed {seed}; \
         {parsed} reached the event parser; {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(panics, 0, "{panics} inputs panicked");
    // Inputs that never verify never reach the event parser: require that a
    // hundredth do, and that as many are refused by it.
    assert!(
        verified > 0 && verified * 100 >= inputs,
        "only {verified} of {inputs} inputs verified: the fuzzer no longer reaches the event parser"
    );
    assert!(
        parsed - verified > 0 && (parsed - verified) * 100 >= inputs,
        "only {} inputs were refused by the event parser",
        parsed - verified
    );
}

/// Persona-shaped bodies with arbitrary strings where strings go.
fn event_body() -> impl Strategy<Value = (String, Vec<u8>)> {
    (any::<String>(), any::<String>(), any::<String>(), 0usize..3).prop_map(
        |(id, name, reference, inflection)| {
            let id = format!("evt_{id}");
            let k = |key: &str| inflect(key, inflection);
            let body = json!({"data": {"type": "event", "id": id, "attributes": {
                "name": format!("n{name}"), k("created-at"): "2026-01-02T03:04:05Z",
                "payload": {"data": {"type": "inquiry", "id": "inq_1",
                    "attributes": {"status": "approved", k("reference-id"): reference}}}}}});
            (id, serde_json::to_vec(&body).unwrap_or_default())
        },
    )
}

proptest! {
    #[test]
    fn signed_events_verify((id, body) in event_body(), secret in ".{1,40}", t in NOW - 300..NOW + 300) {
        let header = sign(&Secret::new(secret.clone()), t, &body);
        let event = WebhookVerifier::new(Secret::new(secret)).verify_at(Some(&header), &body, UNIX_EPOCH + Duration::from_secs(NOW));
        prop_assert_eq!(event.map(|e| e.id), Ok(id));
    }

    #[test]
    fn any_byte_changed_breaks_the_signature((_, body) in event_body(), at in any::<prop::sample::Index>(), flip in 1u8..=255) {
        let header = sign(&Secret::new(SECRETS[0]), NOW, &body);
        let mut tampered = body.clone();
        if let Some(byte) = tampered.get_mut(at.index(body.len())) {
            *byte ^= flip;
        }
        let outcome = verifiers()[0].verify_at(Some(&header), &tampered, UNIX_EPOCH + Duration::from_secs(NOW));
        prop_assert!(matches!(outcome, Err(WebhookError::NoMatchingSignature { .. })), "{:?}", outcome);
    }

    #[test]
    fn arbitrary_headers_and_bodies_never_verify(header in ".{0,200}", body in prop::collection::vec(any::<u8>(), 0..300)) {
        for verifier in verifiers() {
            let (ok, _) = run(&verifier, Some(&header), &body, NOW);
            prop_assert!(!ok);
        }
    }

    #[test]
    fn timestamps_round_trip(seconds in -62_167_219_200i64..=253_402_300_799, nanos in 0u32..1_000_000_000) {
        let t = Timestamp::from_unix(seconds, nanos);
        prop_assert!(t.is_some());
        if let Some(t) = t {
            prop_assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
        }
    }

    #[test]
    fn timestamp_text_never_panics(text in "[0-9T:.Zz+-]{0,40}") {
        if let Some(t) = Timestamp::parse(&text) {
            prop_assert_eq!(Timestamp::parse(&t.to_string()), Some(t));
        }
    }
}
