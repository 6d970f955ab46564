//! What a `/widget` request asks for: the scenario, the options the page needs, and
//! the HTML page itself with that configuration injected.

use serde_json::{json, Map, Value};

use crate::query;

/// The page template; `__SIM_THEME__` and `__SIM_CONFIG__` are filled in.
const WIDGET_HTML: &str = include_str!("widget.html");

/// The `environment-id` that makes the flow play itself.
pub const AUTOPLAY_ENVIRONMENT_ID: &str = "env_sim_autoplay";
/// Default delay between autoplay steps (`sim-step-ms`).
pub const DEFAULT_STEP_MS: u64 = 40;
/// Default delay of the `slow_load` scenario (`slow-ms`).
pub const DEFAULT_SLOW_MS: u64 = 2500;
const MAX_STEP_MS: u64 = 60_000;
const MAX_SLOW_MS: u64 = 120_000;

/// A scripted behaviour of the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    Happy,
    Fail,
    CancelBeforeInquiry,
    CancelAfterInquiry,
    ErrorApplicationError,
    ErrorInvalidConfig,
    ErrorUnauthenticated,
    ErrorInactiveTemplate,
    ErrorUnknown,
    SlowLoad,
    NeverLoads,
    Prefill,
    Hostile,
    Flood,
    Declined,
    Review,
}

impl Scenario {
    pub const ALL: [Scenario; 16] = [
        Scenario::Happy,
        Scenario::Fail,
        Scenario::CancelBeforeInquiry,
        Scenario::CancelAfterInquiry,
        Scenario::ErrorApplicationError,
        Scenario::ErrorInvalidConfig,
        Scenario::ErrorUnauthenticated,
        Scenario::ErrorInactiveTemplate,
        Scenario::ErrorUnknown,
        Scenario::SlowLoad,
        Scenario::NeverLoads,
        Scenario::Prefill,
        Scenario::Hostile,
        Scenario::Flood,
        Scenario::Declined,
        Scenario::Review,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scenario::Happy => "happy",
            Scenario::Fail => "fail",
            Scenario::CancelBeforeInquiry => "cancel_before_inquiry",
            Scenario::CancelAfterInquiry => "cancel_after_inquiry",
            Scenario::ErrorApplicationError => "error_application_error",
            Scenario::ErrorInvalidConfig => "error_invalid_config",
            Scenario::ErrorUnauthenticated => "error_unauthenticated",
            Scenario::ErrorInactiveTemplate => "error_inactive_template",
            Scenario::ErrorUnknown => "error_unknown",
            Scenario::SlowLoad => "slow_load",
            Scenario::NeverLoads => "never_loads",
            Scenario::Prefill => "prefill",
            Scenario::Hostile => "hostile",
            Scenario::Flood => "flood",
            Scenario::Declined => "declined",
            Scenario::Review => "review",
        }
    }

    pub fn parse(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// One line for the index page.
    pub fn description(self) -> &'static str {
        match self {
            Scenario::Happy => "load, ready, five pages, start, camera events, complete (status completed)",
            Scenario::Fail => "like happy, but ends with fail (status failed)",
            Scenario::CancelBeforeInquiry => "load, ready, page 1, then exit with no ids",
            Scenario::CancelAfterInquiry => "load, ready, start, page 2, then exit with inquiryId and sessionToken",
            Scenario::ErrorApplicationError => "load, then error {status: 0, code: application_error}",
            Scenario::ErrorInvalidConfig => "load, then error {status: 400, code: invalid_config}",
            Scenario::ErrorUnauthenticated => "load, then error {status: 409, code: unauthenticated}",
            Scenario::ErrorInactiveTemplate => "load, then error {status: 422, code: inactive_template}",
            Scenario::ErrorUnknown => "load, then error {status: 500, code: unknown}",
            Scenario::SlowLoad => "the server delays /widget by slow-ms (default 2500), then happy",
            Scenario::NeverLoads => "the page renders but never posts anything",
            Scenario::Prefill => "like happy; page 1 and the review page show the prefilled fields",
            Scenario::Hostile => "like happy, plus forged messages at load and every page change (wrong containerId, wrong templateId, complete from a second window)",
            Scenario::Flood => "load, ready, page 1; then, on the parent's sim-flood action, a burst of count page-change messages, the last one named flood-end",
            Scenario::Declined => "like happy; the inquiry is then declined (inquiry.declined)",
            Scenario::Review => "like happy; the inquiry is then marked for review (needs_review, inquiry.marked-for-review)",
        }
    }

    /// `(status, code, message)` for the error scenarios.
    fn error(self) -> Option<(u16, &'static str, &'static str)> {
        match self {
            Scenario::ErrorApplicationError => Some((
                0,
                "application_error",
                "The verification flow hit an application error (simulated).",
            )),
            Scenario::ErrorInvalidConfig => Some((
                400,
                "invalid_config",
                "The inquiry configuration is invalid (simulated).",
            )),
            Scenario::ErrorUnauthenticated => Some((
                409,
                "unauthenticated",
                "The session could not be authenticated (simulated).",
            )),
            Scenario::ErrorInactiveTemplate => Some((
                422,
                "inactive_template",
                "This inquiry template is not active (simulated).",
            )),
            Scenario::ErrorUnknown => Some((500, "unknown", "Something went wrong (simulated).")),
            _ => None,
        }
    }
}

/// A parsed `/widget` request.
pub struct WidgetRequest {
    pub query: Map<String, Value>,
    pub scenario: Scenario,
    pub scenario_note: Option<String>,
    /// The query chose the scenario (`scenario=` or a template id naming one).
    pub scenario_chosen: bool,
    /// The page tells the simulator's state when the inquiry starts, completes or
    /// fails (`/flow-api/…`).
    pub track: bool,
    /// An error the flow posts after `load` instead of playing (a refused session).
    pub error_override: Option<(u16, &'static str, String)>,
}

fn text<'a>(query: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    match query.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Some(s),
        _ => None,
    }
}

fn number(query: &Map<String, Value>, key: &str, default: u64, max: u64) -> u64 {
    text(query, key)
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or(default, |n| n.min(max))
}

/// `itmpl_sim_<scenario>` / `tmpl_sim_<scenario>` / `itmplv_sim_<scenario>` → the scenario.
pub fn scenario_from_id(id: &str) -> Option<Scenario> {
    ["itmpl_sim_", "tmpl_sim_", "itmplv_sim_"]
        .iter()
        .find_map(|prefix| id.strip_prefix(prefix))
        .and_then(Scenario::parse)
}

impl WidgetRequest {
    pub fn parse(raw_query: &str) -> Self {
        let query = query::nest(&query::pairs(raw_query));
        let template = text(&query, "inquiry-template-id").or(text(&query, "template-id"));
        let from_ids = template
            .and_then(scenario_from_id)
            .or_else(|| text(&query, "inquiry-template-version-id").and_then(scenario_from_id));
        let mut scenario_note = None;
        let scenario_chosen = text(&query, "scenario").is_some() || from_ids.is_some();
        let scenario = match text(&query, "scenario") {
            Some(name) => Scenario::parse(name).unwrap_or_else(|| {
                scenario_note = Some(format!("unknown scenario {name:?}: playing \"happy\""));
                Scenario::Happy
            }),
            None => from_ids.unwrap_or(Scenario::Happy),
        };
        Self {
            query,
            scenario,
            scenario_note,
            scenario_chosen,
            track: false,
            error_override: None,
        }
    }

    pub fn container_id(&self) -> Option<&str> {
        text(&self.query, "container-id")
    }

    pub fn inquiry_id(&self) -> Option<&str> {
        text(&self.query, "inquiry-id")
    }

    pub fn session_token(&self) -> Option<&str> {
        text(&self.query, "session-token")
    }

    /// The template id, or else the template version id.
    pub fn template(&self) -> Option<&str> {
        text(&self.query, "inquiry-template-id")
            .or(text(&self.query, "template-id"))
            .or(text(&self.query, "inquiry-template-version-id"))
    }

    /// How long the server waits before answering (`slow_load` only).
    pub fn delay_ms(&self) -> u64 {
        if self.scenario == Scenario::SlowLoad {
            number(&self.query, "slow-ms", DEFAULT_SLOW_MS, MAX_SLOW_MS)
        } else {
            0
        }
    }

    /// The configuration blob the page script reads.
    pub fn config(&self) -> Value {
        let q = &self.query;
        let mut c = Map::new();
        let mut put = |key: &str, value: Option<&str>| {
            if let Some(v) = value {
                c.insert(key.to_owned(), Value::String(v.to_owned()));
            }
        };
        put("containerId", text(q, "container-id"));
        put(
            "templateId",
            text(q, "inquiry-template-id").or(text(q, "template-id")),
        );
        put("templateVersionId", text(q, "inquiry-template-version-id"));
        put("iframeOrigin", text(q, "iframe-origin"));
        put("messageTargetOrigin", text(q, "message-target-origin"));
        // Never a wildcard: a `*` (or `/`) message-target-origin is ignored.
        let message_target = text(q, "message-target-origin").filter(|o| *o != "*" && *o != "/");
        put("targetOrigin", message_target.or(text(q, "iframe-origin")));
        put("inquiryId", text(q, "inquiry-id"));
        put("sessionToken", text(q, "session-token"));
        put("language", text(q, "language"));
        put("styleVariant", text(q, "style-variant"));
        put("environment", text(q, "environment"));
        put("environmentId", text(q, "environment-id"));
        put("referenceId", text(q, "reference-id"));
        put("accountId", text(q, "account-id"));
        put("clientVersion", text(q, "client-version"));
        put("scenarioNote", self.scenario_note.as_deref());
        c.insert(
            "flowType".into(),
            json!(if text(q, "flow-type") == Some("embedded") {
                "embedded"
            } else {
                "inline"
            }),
        );
        c.insert("scenario".into(), json!(self.scenario.as_str()));
        c.insert(
            "autoplay".into(),
            json!(text(q, "environment-id") == Some(AUTOPLAY_ENVIRONMENT_ID)),
        );
        c.insert(
            "stepMs".into(),
            json!(number(q, "sim-step-ms", DEFAULT_STEP_MS, MAX_STEP_MS)),
        );
        let fields = match q.get("fields") {
            Some(Value::Object(map)) => Value::Object(map.clone()),
            _ => json!({}),
        };
        c.insert("fields".into(), fields);
        if let Some((status, code, message)) = &self.error_override {
            c.insert(
                "error".into(),
                json!({"status": status, "code": code, "message": message}),
            );
        } else if let Some((status, code, message)) = self.scenario.error() {
            c.insert(
                "error".into(),
                json!({"status": status, "code": code, "message": message}),
            );
        }
        if self.track {
            c.insert("track".into(), json!(true));
        }
        c.insert("query".into(), Value::Object(q.clone()));
        Value::Object(c)
    }

    /// The full page.
    pub fn html(&self) -> String {
        let theme = if text(&self.query, "style-variant") == Some("dark") {
            "dark"
        } else {
            "light"
        };
        WIDGET_HTML
            .replace("__SIM_THEME__", theme)
            .replace("__SIM_CONFIG__", &script_safe_json(&self.config()))
    }
}

/// JSON that can sit inside `<script type="application/json">`: `<`, `>`, `&`,
/// U+2028 and U+2029 are written as `\uXXXX` escapes. They can only occur inside JSON
/// strings, where the escape means the same character, so `</script>` and `<!--`
/// cannot appear in the output.
pub fn script_safe_json(value: &Value) -> String {
    let raw = value.to_string();
    let mut out = String::with_capacity(raw.len() + 16);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_resolution() {
        let s = |q: &str| WidgetRequest::parse(q).scenario;
        assert_eq!(s(""), Scenario::Happy);
        assert_eq!(s("inquiry-template-id=itmpl_sim_fail"), Scenario::Fail);
        assert_eq!(
            s("template-id=tmpl_sim_cancel_after_inquiry"),
            Scenario::CancelAfterInquiry
        );
        assert_eq!(s("inquiry-template-id=itmpl_ABC"), Scenario::Happy);
        assert_eq!(s("inquiry-template-id=itmpl_sim_nope"), Scenario::Happy);
        assert_eq!(
            s("inquiry-template-id=itmpl_sim_fail&scenario=hostile"),
            Scenario::Hostile
        );
        assert_eq!(
            s("inquiry-template-id=itmpl_sim_fail&scenario=bogus"),
            Scenario::Happy
        );
    }

    #[test]
    fn target_origin_prefers_message_target_origin() {
        let c = WidgetRequest::parse(
            "iframe-origin=http%3A%2F%2Fa.test&message-target-origin=http%3A%2F%2Fb.test",
        )
        .config();
        assert_eq!(c["targetOrigin"], "http://b.test");
        let c = WidgetRequest::parse("iframe-origin=http%3A%2F%2Fa.test&message-target-origin=")
            .config();
        assert_eq!(c["targetOrigin"], "http://a.test");
        let c = WidgetRequest::parse("iframe-origin=http%3A%2F%2Fa.test&message-target-origin=*")
            .config();
        assert_eq!(c["targetOrigin"], "http://a.test");
    }

    #[test]
    fn html_cannot_break_out_of_the_script() {
        let req = WidgetRequest::parse(
            "container-id=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E\
             &fields%5Bname-first%5D=%3C!--%20%3Cscript%3E&fields%5Bx%5D=%E2%80%A8",
        );
        let html = req.html();
        let start = html.find("id=\"sim-config\">").expect("config script");
        let blob = &html[start..];
        let end = blob.find("</script>").expect("end of config script");
        let blob = &blob["id=\"sim-config\">".len()..end];
        assert!(!blob.contains('<'));
        assert!(!blob.contains('\u{2028}'));
        let parsed: Value = serde_json::from_str(blob).expect("valid JSON");
        assert_eq!(parsed["containerId"], "</script><script>alert(1)</script>");
        assert_eq!(parsed["fields"]["name-first"], "<!-- <script>");
    }
}
