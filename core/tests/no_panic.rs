//! Nothing from outside can panic the core: arbitrary JSON and origins go through
//! parse → gate → reducer, arbitrary options JSON through deserialize → widget URL.
//!
//! The property tests run in the normal suite. The `fuzz` test (ignored by
//! default; `cargo xtask fuzz` runs it in release) drives a seeded,
//! structure-aware generator over `LEPTOS_PERSONA_FUZZ_INPUTS` inputs
//! (default 1,000,000) and reports how many ran and how many panicked.
#![cfg(not(target_arch = "wasm32"))]

use std::panic::{catch_unwind, AssertUnwindSafe};

use leptos_persona_core::{
    widget_url, EventName, EventsAllowlist, FlowType, InquiryOptions, InquirySession, MessageGate,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const CONTAINER: &str = "persona-inquiry-1";
const ORIGIN: &str = "https://inquiry.withpersona.com";

fn session(allowlist: EventsAllowlist) -> InquirySession {
    let gate = MessageGate::new(CONTAINER, ORIGIN).with_templates(Some("itmpl_ABC".into()), None);
    InquirySession::new(gate, allowlist)
}

/// Runs messages through one session; returns how many were accepted.
fn feed(session: &mut InquirySession, messages: &[(String, bool, Value)]) -> usize {
    let mut accepted = 0;
    for (origin, from_frame, data) in messages {
        if let Ok(calls) = session.handle(origin, *from_frame, data) {
            accepted += 1;
            // Touch every payload so lazy mistakes would surface.
            let _ = format!("{calls:?}");
        }
        let _ = session.state.load_timed_out(1_000);
    }
    accepted
}

fn build(options: Value) {
    if let Ok(options) = InquiryOptions::from_json_value(options) {
        for flow in [FlowType::Inline, FlowType::Modal] {
            let _ = widget_url(&options, CONTAINER, flow, "http://localhost:3000");
        }
    }
}

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::String),
        prop::sample::select(protocol_words()).prop_map(Value::String),
    ]
}

fn protocol_words() -> Vec<String> {
    let mut words: Vec<String> = [
        CONTAINER,
        "itmpl_ABC",
        "inq_1",
        "containerId",
        "templateId",
        "name",
        "metadata",
        "error",
        "fields",
        "scopes",
        "inquiryId",
        "sessionToken",
        "status",
        "pageHeight",
        "preferredDimensions",
        "styles",
        "type",
        "value",
        "code",
        "all",
        "staging",
        "localhost:3000",
        "$undefined",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    words.extend(EventName::KNOWN.iter().map(|n| n.as_str().to_owned()));
    words
}

fn json_value() -> impl Strategy<Value = Value> {
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (prop::sample::select(protocol_words()), inner.clone()),
                0..6
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            prop::collection::vec((any::<String>(), inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Messages shaped like the flow's, with arbitrary parts.
fn flow_like_message() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(protocol_words()),
        json_value(),
        json_value(),
        prop::bool::ANY,
    )
        .prop_map(|(name, metadata, error, ours)| {
            json!({
                "containerId": if ours { CONTAINER } else { "other" },
                "templateId": "itmpl_ABC",
                "name": name,
                "metadata": metadata,
                "error": error,
            })
        })
}

fn origin() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(ORIGIN.to_owned()),
        Just(String::new()),
        Just("null".to_owned()),
        Just("https://evil.withpersona.com".to_owned()),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_messages_never_panic(
        messages in prop::collection::vec((origin(), any::<bool>(), prop_oneof![json_value(), flow_like_message()]), 1..12)
    ) {
        for allowlist in [EventsAllowlist::Default, EventsAllowlist::All] {
            feed(&mut session(allowlist), &messages);
        }
    }

    #[test]
    fn arbitrary_options_never_panic(options in json_value()) {
        build(options);
    }

    #[test]
    fn arbitrary_option_values_never_panic(
        entries in prop::collection::vec((prop::sample::select(OPTION_KEYS.to_vec()), json_value()), 0..8)
    ) {
        let mut map: Map<String, Value> = entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        map.insert("templateId".into(), json!("itmpl_ABC"));
        build(Value::Object(map));
    }

    #[test]
    fn arbitrary_text_as_host_never_panics(host in any::<String>()) {
        let _ = host.parse::<leptos_persona_core::Host>();
    }
}

/// Accepted messages come only from our frame, from the flow's origin, with our
/// container id; and messages are accepted (a gate that refuses everything would
/// pass the first half alone). Counted over every run of a deterministic
/// generator: about a fifth of the runs accept a message, a tenth must.
#[test]
fn accepted_messages_come_only_from_our_frame_and_origin() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    use std::cell::Cell;
    let accepted = Cell::new(0usize);
    let runs = Cell::new(0usize);
    let strategy = prop::collection::vec((origin(), any::<bool>(), flow_like_message()), 1..12);
    let config = Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let result = runner.run(&strategy, |messages| {
        let mut s = session(EventsAllowlist::All);
        let mut here = 0;
        for (origin, from_frame, data) in &messages {
            if s.handle(origin, *from_frame, data).is_ok() {
                prop_assert!(*from_frame);
                prop_assert_eq!(origin.as_str(), ORIGIN);
                prop_assert_eq!(data["containerId"].as_str(), Some(CONTAINER));
                here += 1;
            }
        }
        runs.set(runs.get() + 1);
        if here > 0 {
            accepted.set(accepted.get() + 1);
        }
        Ok(())
    });
    if let Err(failure) = result {
        panic!("{failure}");
    }
    assert!(
        accepted.get() * 10 >= runs.get(),
        "only {} of {} runs accepted any message: the gate refuses what it must accept",
        accepted.get(),
        runs.get()
    );
}

/// The positive control of the gate: the flow's own message is accepted.
#[test]
fn the_flows_own_message_is_accepted() {
    let mut s = session(EventsAllowlist::All);
    let data = json!({ "containerId": CONTAINER, "templateId": "itmpl_ABC", "name": "load" });
    let calls = s
        .handle(ORIGIN, true, &data)
        .expect("the flow's own load is accepted");
    assert!(!calls.is_empty(), "the flow's load calls nothing back");
}

/// Every option key the SDK takes, from the option table.
const OPTION_KEYS: &[&str] = InquiryOptions::SDK_KEYS;

// ------------------------------------------------------------------ fuzzing

/// xorshift64*: small, fast, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn random_text(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "",
        "a",
        "Z",
        "0",
        "-",
        "_",
        " ",
        "é",
        "中",
        "😀",
        "\u{200d}",
        "\u{0}",
        "%",
        "[",
        "]",
        "/",
        ":",
        "@",
        "?",
        "#",
        ".",
        "itmpl_",
        "inq_",
        "localhost",
        "127.0.0.1",
        "[::1]",
        "https://",
        "http://",
        "withpersona.com",
    ];
    let words = protocol_words();
    let mut s = String::new();
    for _ in 0..rng.below(6) {
        if rng.below(3) == 0 {
            s.push_str(rng.pick(&words).as_str());
        } else {
            let piece = *rng.pick(PIECES);
            s.push_str(piece);
        }
    }
    s
}

fn random_value(rng: &mut Rng, depth: u32) -> Value {
    let words = protocol_words();
    match rng.below(if depth == 0 { 6 } else { 9 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.below(2) == 0),
        2 => json!(rng.next() as i64 >> rng.below(64)),
        3 => serde_json::Number::from_f64(f64::from_bits(rng.next()))
            .map_or(Value::Null, Value::Number),
        4 => Value::String(random_text(rng)),
        5 => Value::String(rng.pick(&words).clone()),
        6 => Value::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.below(6) {
                let key = if rng.below(3) == 0 {
                    random_text(rng)
                } else {
                    rng.pick(&words).clone()
                };
                map.insert(key, random_value(rng, depth - 1));
            }
            Value::Object(map)
        }
    }
}

/// A realistic message, then mutated: a field replaced, dropped or re-typed.
fn random_message(rng: &mut Rng) -> (String, bool, Value) {
    let names: Vec<&str> = EventName::KNOWN.iter().map(EventName::as_str).collect();
    let mut data = json!({
        "containerId": CONTAINER,
        "templateId": "itmpl_ABC",
        "name": rng.pick(&names),
        "metadata": {
            "inquiryId": "inq_1", "sessionToken": "tok", "status": "completed", "pageHeight": 640,
            "fields": {"nameFirst": {"type": "string", "value": "Jane"}},
            "preferredDimensions": {"minimumWidth": "400px"}, "styles": {"borderRadius": "8px"},
        },
        "error": {"status": 400, "code": "invalid_config"},
    });
    for _ in 0..rng.below(4) {
        let keys = ["containerId", "templateId", "name", "metadata", "error"];
        let key = *rng.pick(&keys);
        match rng.below(3) {
            0 => {
                if let Some(map) = data.as_object_mut() {
                    map.remove(key);
                }
            }
            1 => data[key] = random_value(rng, 3),
            _ => {
                let inner = random_text(rng);
                let value = random_value(rng, 2);
                if let Some(metadata) = data.get_mut("metadata").and_then(Value::as_object_mut) {
                    metadata.insert(inner, value);
                }
            }
        }
    }
    if rng.below(20) == 0 {
        data = random_value(rng, 4);
    }
    let origin = if rng.below(4) == 0 {
        random_text(rng)
    } else {
        ORIGIN.to_owned()
    };
    (origin, rng.below(8) != 0, data)
}

fn random_options(rng: &mut Rng) -> Value {
    let mut map = Map::new();
    map.insert("templateId".into(), json!("itmpl_ABC"));
    for _ in 0..rng.below(8) {
        let key = *rng.pick(OPTION_KEYS);
        map.insert(key.to_owned(), random_value(rng, 3));
    }
    Value::Object(map)
}

#[test]
#[ignore = "long-running; `cargo xtask fuzz` runs it in release"]
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
    let mut panics = 0u64;
    let mut accepted = 0u64;
    let mut s = session(EventsAllowlist::All);
    let started = std::time::Instant::now();
    for i in 0..inputs {
        if i % 64 == 0 {
            s = session(if rng.below(2) == 0 {
                EventsAllowlist::All
            } else {
                EventsAllowlist::Default
            });
        }
        let result = if i % 8 == 7 {
            let options = random_options(&mut rng);
            catch_unwind(AssertUnwindSafe(|| build(options))).map(|_| 0)
        } else {
            let message = random_message(&mut rng);
            catch_unwind(AssertUnwindSafe(|| {
                feed(&mut s, std::slice::from_ref(&message))
            }))
        };
        match result {
            Ok(n) => accepted += n as u64,
            Err(_) => panics += 1,
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz: {inputs} inputs (seed {seed}), {accepted} messages accepted, {panics} panics, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(panics, 0, "{panics} inputs panicked");
    // Inputs that never pass the gate never reach the parser and the reducer:
    // require that some do (a hundredth of the messages, at least one).
    let messages = inputs - inputs / 8;
    assert!(
        accepted > 0 && accepted * 100 >= messages,
        "only {accepted} of {messages} messages were accepted: the fuzzer no longer reaches the parser"
    );
}
