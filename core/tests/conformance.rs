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
    if !custom_dir() && std::env::var_os("CONFORMANCE_BLESS").is_some() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/conformance/outcomes-{kind}.txt"));
        std::fs::write(&path, harness::outcomes_text(kind, &tally))
            .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        println!("wrote {}", path.display());
    }
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
    if custom_dir() {
        println!("(a custom fixture directory: the committed outcomes are not compared)");
    } else {
        let differences = harness::outcome_differences(&tally, harness::committed_outcomes(kind));
        assert!(
            differences.is_empty(),
            "{} {kind} case(s) differ from tests/conformance/outcomes-{kind}.txt:\n{}",
            differences.len(),
            differences.join("\n")
        );
    }
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

// ------------------------------------------------------------ planted faults
//
// Each test below runs the committed fixtures through the core with one fault
// planted in front of it, and requires the harness to report the fault rather
// than excuse it under a rule. They are the checks' positive controls.

/// The core with `language`'s serde name broken: the key it reads is not the
/// one the SDK documents, so every `language` option is an unknown field.
struct MisspeltLanguage;

impl Subject for MisspeltLanguage {
    fn options(&self, mut json: Value) -> Result<InquiryOptions, ConfigError> {
        if let Some(map) = json.as_object_mut() {
            if let Some(value) = map.remove("language") {
                map.insert("languag".into(), value);
            }
        }
        InquiryOptions::from_json_value(json)
    }

    fn build(
        &self,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<WidgetFrame, ConfigError> {
        Core.build(options, container_id, flow_type, page_origin)
    }

    fn receive(
        &self,
        session: &mut InquirySession,
        origin: &str,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        Core.receive(session, origin, data)
    }
}

/// The core with a gate that refuses Persona's own production origin.
struct RefusesOwnOrigin;

impl Subject for RefusesOwnOrigin {
    fn build(
        &self,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<WidgetFrame, ConfigError> {
        Core.build(options, container_id, flow_type, page_origin)
    }

    fn receive(
        &self,
        session: &mut InquirySession,
        origin: &str,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        if origin == "https://inquiry.withpersona.com" {
            return Err(Rejection::UntrustedOrigin(origin.to_owned()));
        }
        Core.receive(session, origin, data)
    }
}

/// The core with a frame whose `max-height` is one pixel off the SDK's.
struct TallerFrame;

impl Subject for TallerFrame {
    fn build(
        &self,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<WidgetFrame, ConfigError> {
        let mut frame = Core.build(options, container_id, flow_type, page_origin)?;
        if frame.max_height.as_deref() == Some("600px") {
            frame.max_height = Some("601px".into());
        }
        Ok(frame)
    }

    fn receive(
        &self,
        session: &mut InquirySession,
        origin: &str,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        Core.receive(session, origin, data)
    }
}

/// The tally of `kind` through `subject`, on the committed fixtures.
fn planted(kind: &str, subject: &dyn Subject) -> harness::Tally {
    let tally = harness::tally(kind, &fixtures(kind), subject);
    println!("planted fault: {}", tally.line(kind));
    for line in tally.unexplained.iter().take(3) {
        println!("  unexplained {line}");
    }
    tally
}

#[test]
fn a_misspelt_option_name_is_not_excused_as_typed_options() {
    let tally = planted("url", &MisspeltLanguage);
    assert!(
        tally.unexplained.len() >= 10,
        "only {} unexplained: a misspelt `language` passed as stricter",
        tally.unexplained.len()
    );
    assert!(tally
        .unexplained
        .iter()
        .any(|u| u.contains("`typed-options`")));
}

#[test]
fn a_gate_that_refuses_the_flows_own_origin_is_not_excused_as_exact_origin() {
    let tally = planted("event", &RefusesOwnOrigin);
    assert!(
        tally.unexplained.len() >= 100,
        "only {} unexplained: refusing the flow's own origin passed as stricter",
        tally.unexplained.len()
    );
    assert!(tally
        .unexplained
        .iter()
        .any(|u| u.contains("`exact-origin`")));
}

#[test]
fn a_wrong_max_height_is_a_difference() {
    let tally = planted("url", &TallerFrame);
    assert!(
        tally.unexplained.len() >= 40,
        "only {} unexplained: a wrong max-height passed",
        tally.unexplained.len()
    );
    assert!(tally
        .unexplained
        .iter()
        .any(|u| u.contains("attribute style")));
}

#[test]
fn an_outcome_that_moves_is_a_difference() {
    let tally = harness::tally("url", &fixtures("url"), &Core);
    let committed = harness::committed_outcomes("url");
    assert!(harness::outcome_differences(&tally, committed).is_empty());
    // A case that used to be identical and is now stricter, under any rule.
    let moved = committed.replacen(": identical", ": typed-options", 1);
    assert_eq!(harness::outcome_differences(&tally, &moved).len(), 1);
    // A case the file forgets, and a case it lists that no fixture has.
    let forgotten: String = committed
        .lines()
        .filter(|l| !l.starts_with("account-only:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(harness::outcome_differences(&tally, &forgotten).len(), 1);
    let extra = format!("{committed}no-such-case: identical\n");
    assert_eq!(harness::outcome_differences(&tally, &extra).len(), 1);
}
