//! Conformance with the official SDK through the component's own browser code
//! path, in headless Chromium: every URL fixture is built with the built-ins
//! `<PersonaInquiry>` uses in wasm (the browser's lodash `kebabCase` and
//! `String(number)`), and every event fixture's data is posted as a JavaScript
//! value and read the way the component's listener reads it. The same harness
//! as the native conformance test must find the same results (each case's
//! committed outcome), and every URL
//! and every callback must equal what the core's Rust ports give.
#![cfg(target_arch = "wasm32")]

#[path = "../core/tests/conformance/harness.rs"]
#[allow(dead_code)]
mod harness;

use harness::Subject;
use leptos_persona::protocol::{
    CallbackCall, ConfigError, FlowType, InquiryOptions, InquirySession, Rejection, WidgetFrame,
};
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The component's code path in the browser, checked against the core's ports
/// case by case.
struct Browser;

impl Subject for Browser {
    fn build(
        &self,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<WidgetFrame, ConfigError> {
        let browser = WidgetFrame::build_supporting(
            leptos_persona::browser::js_builtins(),
            &leptos_persona::browser::option_support(),
            options,
            container_id,
            flow_type,
            page_origin,
        );
        let ported = WidgetFrame::build(options, container_id, flow_type, page_origin);
        assert_eq!(
            browser, ported,
            "the browser's built-ins and the Rust ports differ"
        );
        browser
    }

    fn receive(
        &self,
        session: &mut InquirySession,
        origin: &str,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection> {
        // As the flow posts it: a JavaScript value, structured-cloned.
        let posted = js_sys::JSON::parse(&data.to_string()).unwrap_or(JsValue::NULL);
        let mut twin = session.clone();
        let browser = session.receive(origin, true, || {
            leptos_persona::browser::read_message_data(&posted)
        });
        let direct = twin.handle(origin, true, data);
        assert_eq!(
            browser, direct,
            "reading the posted data changed the outcome"
        );
        browser
    }
}

/// The committed fixtures: (file, cases, expected).
const URL_FIXTURES: [(&str, &str, &str); 2] = [
    (
        "url-cases.json",
        include_str!("../core/tests/conformance/url-cases.json"),
        include_str!("../core/tests/conformance/url-expected.json"),
    ),
    (
        "sample-url-cases.json",
        include_str!("../core/tests/conformance/sample-url-cases.json"),
        include_str!("../core/tests/conformance/sample-url-expected.json"),
    ),
];

const EVENT_FIXTURES: [(&str, &str, &str); 2] = [
    (
        "event-cases.json",
        include_str!("../core/tests/conformance/event-cases.json"),
        include_str!("../core/tests/conformance/event-expected.json"),
    ),
    (
        "sample-event-cases.json",
        include_str!("../core/tests/conformance/sample-event-cases.json"),
        include_str!("../core/tests/conformance/sample-event-expected.json"),
    ),
];

fn run(kind: &str, fixtures: &[(&str, &str, &str)], minimum: usize) {
    let pairs: Vec<(Value, Value)> = fixtures
        .iter()
        .flat_map(|(file, cases, expected)| harness::pairs(file, cases, expected))
        .collect();
    assert!(pairs.len() >= minimum, "only {} {kind} cases", pairs.len());
    let tally = harness::tally(kind, &pairs, &Browser);
    web_sys::console::log_1(&format!("browser {}", tally.line(kind)).into());
    assert!(
        tally.unexplained.is_empty(),
        "{} unexplained {kind} case(s):\n{}",
        tally.unexplained.len(),
        tally.unexplained.join("\n")
    );
    assert_eq!(
        tally.identical + tally.stricter,
        pairs.len(),
        "every {kind} case was checked"
    );
    let differences = harness::outcome_differences(&tally, harness::committed_outcomes(kind));
    assert!(
        differences.is_empty(),
        "{} {kind} case(s) differ from core/tests/conformance/outcomes-{kind}.txt:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[wasm_bindgen_test]
fn url_fixtures_through_the_browser() {
    run("url", &URL_FIXTURES, 150);
}

#[wasm_bindgen_test]
fn event_fixtures_through_the_browser() {
    run("event", &EVENT_FIXTURES, 100);
}
