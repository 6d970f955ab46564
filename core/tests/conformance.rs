//! Conformance with the official SDK (npm `persona@5.9.0`), natively.
//!
//! Reads fixture pairs written by the SDK oracle scripts (`url.mjs`, `events.mjs`):
//! `*-cases.json` with its `*-expected.json`, told apart as URL or event fixtures
//! by a `url` / `event` segment in the file name. The fixtures come from
//! `tests/conformance/`, or from the directory in `LEPTOS_PERSONA_CONFORMANCE_DIR`.
//! The checks themselves are in `tests/conformance/harness.rs`, which the
//! component's browser test runs too, through the browser's code path.
//!
//! `cargo test --test conformance -- --nocapture` prints the per-kind summary.
#![cfg(not(target_arch = "wasm32"))]

#[path = "conformance/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

use harness::{sdk_qs_encode, Subject};
use leptos_persona_core::{
    CallbackCall, ConfigError, FlowType, InquiryOptions, InquirySession, Rejection, WidgetFrame,
};
use serde_json::Value;

/// The core as it is, with its Rust ports of the JavaScript built-ins.
struct Core;

impl Subject for Core {
    fn build(
        &self,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<WidgetFrame, ConfigError> {
        WidgetFrame::build(options, container_id, flow_type, page_origin)
    }

    fn receive(
        &self,
        session: &mut InquirySession,
        origin: &str,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        session.handle(origin, true, data)
    }
}

fn fixture_dir() -> PathBuf {
    match std::env::var_os("LEPTOS_PERSONA_CONFORMANCE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance"),
    }
}

fn custom_dir() -> bool {
    std::env::var_os("LEPTOS_PERSONA_CONFORMANCE_DIR").is_some()
}
/// `(cases, expected)` pairs of every fixture pair of one kind.
fn fixtures(kind: &str) -> Vec<(Value, Value)> {
    let dir = fixture_dir();
    let mut pairs = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading fixture dir {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        let Some(stem) = file.strip_suffix("-cases.json") else {
            continue;
        };
        if !stem.split('-').any(|segment| segment == kind) {
            continue;
        }
        let read = |path: &Path| {
            std::fs::read_to_string(path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        };
        let expected = read(&dir.join(format!("{stem}-expected.json")));
        pairs.extend(harness::pairs(file, &read(&path), &expected));
    }
    pairs
}

fn run(kind: &str, minimum: usize) {
    let pairs = fixtures(kind);
    let tally = harness::tally(kind, &pairs, &Core);
    println!("{}", tally.line(kind));
    for line in &tally.unexplained {
        println!("  unexplained {line}");
    }
    assert!(
        !pairs.is_empty(),
        "no {kind} fixtures found in {}",
        fixture_dir().display()
    );
    if !custom_dir() {
        assert!(
            pairs.len() >= minimum,
            "only {} {kind} cases; the committed set must keep at least {minimum}",
            pairs.len()
        );
    }
    assert!(
        tally.unexplained.is_empty(),
        "{} unexplained {kind} case(s):\n{}",
        tally.unexplained.len(),
        tally.unexplained.join("\n")
    );
}

#[test]
fn url() {
    run("url", 150);
}

#[test]
fn event() {
    run("event", 100);
}

#[test]
fn options_with_a_lone_surrogate_do_not_deserialize() {
    // What the harness's `lone-surrogate` rule stands for: such JSON is refused.
    let error =
        InquiryOptions::from_json(r#"{"templateId":"itmpl_1","language":"\ud800x"}"#).unwrap_err();
    assert!(matches!(error, ConfigError::Json { .. }), "{error}");
}

#[test]
fn the_sdk_encoder_emulation_mangles_a_straddling_pair() {
    let mut text = "a".repeat(1023);
    text.push('😀');
    assert_ne!(
        sdk_qs_encode(&text),
        format!("{}%F0%9F%98%80", "a".repeat(1023))
    );
    assert_eq!(sdk_qs_encode("a😀"), "a%F0%9F%98%80");
}
