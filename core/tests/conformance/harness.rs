//! The conformance harness, shared by the native test (`core/tests/conformance.rs`)
//! and the browser test of the component's own code path
//! (`tests/browser_conformance.rs`): every case of the official SDK's fixtures
//! must behave exactly as the SDK does, or differ in the strict direction by a
//! named rule that the harness verifies. What is checked, the [`Subject`], is
//! how a URL is built and how one message's data reaches the session.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use leptos_persona_core::{
    CallbackCall, ConfigError, FlowType, Host, InquiryOptions, InquirySession, MessageGate,
    Rejection, WidgetFrame,
};
use serde_json::{json, Map, Value};

/// What the harness checks: the code path that builds the iframe and the one
/// that takes a message's data into a session.
pub trait Subject {
    /// Reads options given as the SDK's camelCase JSON.
    fn options(&self, json: Value) -> Result<InquiryOptions, ConfigError> {
        InquiryOptions::from_json_value(json)
    }
    /// Validates `options` and builds the iframe.
    fn build(
        &self,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<WidgetFrame, ConfigError>;
    /// One `message` event from our own frame, with `data` as the flow posted it.
    fn receive(
        &self,
        session: &mut InquirySession,
        origin: &str,
        data: &Value,
    ) -> Result<Vec<CallbackCall>, Rejection>;
}

const UNDEFINED: &str = "$undefined";
/// Stands in for a lone UTF-16 surrogate, which Rust strings cannot hold.
const LONE_SURROGATE: &str = "<lone-surrogate>";

#[derive(Default)]
pub struct Tally {
    pub identical: usize,
    pub stricter: usize,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub unexplained: Vec<String>,
    /// Every case's outcome by name: `identical`, or its rules in the order they
    /// applied (one per message for event cases), as `outcomes.txt` records them.
    pub outcomes: BTreeMap<String, String>,
}

impl Tally {
    pub fn record(&mut self, name: &str, outcome: Result<Vec<&'static str>, String>) {
        if let Ok(rules) = &outcome {
            let line = if rules.is_empty() {
                "identical".to_owned()
            } else {
                rules.join(", ")
            };
            self.outcomes.insert(name.to_owned(), line);
        }
        match outcome {
            Ok(rules) if rules.is_empty() => self.identical += 1,
            Ok(mut rules) => {
                self.stricter += 1;
                if std::env::var_os("CONFORMANCE_VERBOSE").is_some() {
                    println!("  {name}: {}", rules.join(", "));
                }
                rules.sort_unstable();
                rules.dedup();
                for rule in rules {
                    *self.by_rule.entry(rule).or_default() += 1;
                }
            }
            Err(why) => self.unexplained.push(format!("{name}: {why}")),
        }
    }

    pub fn line(&self, kind: &str) -> String {
        let rules: Vec<String> = self
            .by_rule
            .iter()
            .map(|(r, n)| format!("{r} {n}"))
            .collect();
        format!(
            "{kind}: identical {}, stricter {} (by rule: {}), unexplained {}",
            self.identical,
            self.stricter,
            if rules.is_empty() {
                "none".to_owned()
            } else {
                rules.join(", ")
            },
            self.unexplained.len()
        )
    }
}

/// The committed outcome of every URL case (`outcomes-url.txt`).
pub const URL_OUTCOMES: &str = include_str!("outcomes-url.txt");
/// The committed outcome of every event case (`outcomes-event.txt`).
pub const EVENT_OUTCOMES: &str = include_str!("outcomes-event.txt");

/// The committed outcomes of `kind`.
pub fn committed_outcomes(kind: &str) -> &'static str {
    if kind == "url" {
        URL_OUTCOMES
    } else {
        EVENT_OUTCOMES
    }
}

/// `name -> outcome` from an outcomes file: `<name>: <outcome>` lines, `#` comments.
pub fn parse_outcomes(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, outcome) = line
            .rsplit_once(": ")
            .ok_or_else(|| format!("line {}: {line:?} is not `<case>: <outcome>`", number + 1))?;
        if out.insert(name.to_owned(), outcome.to_owned()).is_some() {
            return Err(format!(
                "line {}: case {name:?} is listed twice",
                number + 1
            ));
        }
    }
    Ok(out)
}

/// An outcomes file's text for a run (what `CONFORMANCE_BLESS=1` writes).
pub fn outcomes_text(kind: &str, tally: &Tally) -> String {
    let mut text = format!(
        "# The outcome of every {kind} case against the official SDK: `identical`, or the\n\
         # named rules under which this crate is stricter, in the order they applied (one per\n\
         # message for event cases). The conformance tests fail on any difference. After a\n\
         # deliberate change, rewrite it with\n\
         # `CONFORMANCE_BLESS=1 cargo test -p leptos-persona-core --test conformance`\n\
         # and review the diff.\n"
    );
    for (name, outcome) in &tally.outcomes {
        let _ = writeln!(text, "{name}: {outcome}");
    }
    text
}

/// Every difference between a run's outcomes and the committed ones, one line each.
pub fn outcome_differences(tally: &Tally, committed: &str) -> Vec<String> {
    let committed = match parse_outcomes(committed) {
        Ok(committed) => committed,
        Err(why) => return vec![format!("the outcomes file is malformed: {why}")],
    };
    let mut differences = Vec::new();
    for (name, outcome) in &tally.outcomes {
        match committed.get(name) {
            Some(expected) if expected == outcome => {}
            Some(expected) => {
                differences.push(format!("{name}: committed `{expected}`, now `{outcome}`"))
            }
            None => differences.push(format!(
                "{name}: `{outcome}`, a case the file does not list"
            )),
        }
    }
    for (name, expected) in &committed {
        if !tally.outcomes.contains_key(name) {
            let now = if tally
                .unexplained
                .iter()
                .any(|u| u.starts_with(&format!("{name}: ")))
            {
                "unexplained"
            } else {
                "not run"
            };
            differences.push(format!("{name}: committed `{expected}`, now {now}"));
        }
    }
    differences
}

/// Whether `value`, one SDK option's value as the SDK's types document it, has
/// the type the option takes (`null` is "unset" for every option). This is the
/// harness's own statement of the SDK's option types (`dist/lib/interfaces.d.ts`),
/// written independently of the crate's serde code, so that a refusal is
/// excused as `typed-options` only when the case really breaks it.
fn documented_type(key: &str, value: &Value) -> Option<bool> {
    let string_list = |v: &Value| {
        v.as_array()
            .is_some_and(|items| items.iter().all(Value::is_string))
    };
    let padding = |v: &Value| {
        v.as_object().is_some_and(|sides| {
            sides.iter().all(|(side, n)| {
                matches!(side.as_str(), "top" | "bottom" | "left" | "right") && n.is_number()
            })
        })
    };
    if value.is_null() {
        return Some(true);
    }
    Some(match key {
        "templateId"
        | "templateVersionId"
        | "environmentId"
        | "referenceId"
        | "accountId"
        | "accountTypeId"
        | "language"
        | "themeSetId"
        | "styleVariant"
        | "inquiryId"
        | "sessionToken"
        | "shareToken"
        | "messageTargetOrigin"
        | "routingCountry"
        | "iframeTitle"
        | "host"
        | "customHost" => value.is_string(),
        "environment" => matches!(value.as_str(), Some("sandbox" | "production")),
        "serverOutageMode" => matches!(value.as_str(), Some("always" | "never" | "defer")),
        "fields" => value.is_object(),
        "fieldMappings" => value.as_array().is_some_and(|mappings| {
            mappings.iter().all(|m| {
                m.as_object().is_some_and(|m| {
                    m.iter().all(|(k, v)| {
                        matches!(k.as_str(), "sourceFieldName" | "destinationFieldName")
                            && v.is_string()
                    })
                })
            })
        }),
        "frameAncestors" | "sandboxAttributes" => string_list(value),
        "frameHeight" | "frameWidth" => value.is_number() || value.is_string(),
        "widgetPadding" | "navigationPadding" => padding(value),
        "eventsAllowlist" => {
            value.as_str() == Some("all")
                || value.as_array().is_some_and(|names| {
                    names
                        .iter()
                        .all(|n| n.as_str().is_some_and(|n| !n.is_empty()))
                })
        }
        _ => return None,
    })
}

/// Why `options` (JSON as a case gives it) breaks the SDK's documented option
/// types, if it does: an unknown key, or a value of the wrong type.
fn typed_options_evidence(options: &Value) -> Option<String> {
    let Some(map) = options.as_object() else {
        return Some("the options are not an object".into());
    };
    map.iter()
        .find_map(|(key, value)| match documented_type(key, value) {
            None => Some(format!("`{key}` is not an SDK option")),
            Some(false) => Some(format!("`{key}` is {value}, not of its documented type")),
            Some(true) => None,
        })
}

/// Checks that refusing `options` under `rule` is what the rule says: the
/// options really hold what the rule refuses. `Err` says why not.
fn check_config_rule(rule: &'static str, options: &Value) -> Result<(), String> {
    let has = |key: &str| options.get(key).is_some_and(|v| !v.is_null());
    let evident = match rule {
        "typed-options" => typed_options_evidence(options).is_some(),
        "custom-host" => has("customHost"),
        "host-form" | "no-silent-fallback" => {
            options.get("host").is_some_and(Value::is_string) || has("customHost")
        }
        "frame-size" => has("frameHeight") || has("frameWidth"),
        "sandbox-tokens" => has("sandboxAttributes"),
        "origin-form" => has("messageTargetOrigin") || has("frameAncestors"),
        // Decided by the harness itself from the case, not from our error.
        "lone-surrogate" | "flow-type" | "container-id" => true,
        _ => false,
    };
    if evident {
        Ok(())
    } else {
        Err(format!(
            "we refuse the options as `{rule}`, but they hold nothing that rule refuses: {options}"
        ))
    }
}

/// Replaces `\uD800`–`\uDFFF` escapes that do not form a pair with a marker, so
/// serde_json (which refuses them) can read the oracle's output.
pub fn mark_lone_surrogates(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let hex_at = |i: usize| -> Option<u32> {
        if chars.get(i) == Some(&'\\') && chars.get(i + 1) == Some(&'u') {
            let digits: String = chars.get(i + 2..i + 6)?.iter().collect();
            u32::from_str_radix(&digits, 16).ok()
        } else {
            None
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            if let Some(unit) = hex_at(i) {
                let high = (0xD800..0xDC00).contains(&unit);
                let low = (0xDC00..0xE000).contains(&unit);
                if high && hex_at(i + 6).is_some_and(|next| (0xDC00..0xE000).contains(&next)) {
                    out.extend(&chars[i..i + 12]);
                    i += 12;
                    continue;
                }
                if high || low {
                    out.push_str(LONE_SURROGATE);
                    i += 6;
                    continue;
                }
            }
            out.extend(chars.get(i..i + 2).unwrap_or(&chars[i..]));
            i += 2;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn contains_marker(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains(LONE_SURROGATE),
        Value::Array(items) => items.iter().any(contains_marker),
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.contains(LONE_SURROGATE) || contains_marker(v)),
        _ => false,
    }
}

/// JS `undefined` is an absent key for every purpose here: drop `"$undefined"` members.
fn without_undefined(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, v)| v.as_str() != Some(UNDEFINED))
                .map(|(k, v)| (k.clone(), without_undefined(v)))
                .collect(),
        ),
        // An `undefined` array element is a hole that `qs` skips, as it skips `null`.
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| {
                    if v.as_str() == Some(UNDEFINED) {
                        Value::Null
                    } else {
                        without_undefined(v)
                    }
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------- URL cases

/// `window.location.origin` of a jsdom page URL (WHATWG serialization, punycode hosts).
fn page_origin(page_url: &str) -> String {
    url::Url::parse(page_url)
        .map_or_else(|_| "null".to_owned(), |u| u.origin().ascii_serialization())
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_pairs(src: &str) -> Vec<(String, String)> {
    let query = src.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// The SDK's copy of `qs`'s encoder, bug for bug: it walks UTF-16 in 1,024-unit
/// chunks and pairs a high surrogate with whatever unit follows in its chunk.
pub fn sdk_qs_encode(text: &str) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = String::new();
    let push_byte = |out: &mut String, b: u32| {
        let _ = write!(out, "%{b:02X}");
    };
    for chunk in units.chunks(1024) {
        let mut j = 0;
        while j < chunk.len() {
            let mut c = u32::from(chunk[j]);
            let unreserved = matches!(c, 45 | 46 | 95 | 126)
                || (48..=57).contains(&c)
                || (65..=90).contains(&c)
                || (97..=122).contains(&c);
            if unreserved {
                out.push(char::from_u32(c).unwrap_or('?'));
            } else if c < 0x80 {
                push_byte(&mut out, c);
            } else if c < 0x800 {
                push_byte(&mut out, 0xC0 | (c >> 6));
                push_byte(&mut out, 0x80 | (c & 63));
            } else if !(0xD800..0xE000).contains(&c) {
                push_byte(&mut out, 0xE0 | (c >> 12));
                push_byte(&mut out, 0x80 | ((c >> 6) & 63));
                push_byte(&mut out, 0x80 | (c & 63));
            } else {
                j += 1;
                let next = chunk.get(j).map_or(0, |&u| u32::from(u));
                c = 0x10000 + (((c & 1023) << 10) | (next & 1023));
                push_byte(&mut out, 0xF0 | (c >> 18));
                push_byte(&mut out, 0x80 | ((c >> 12) & 63));
                push_byte(&mut out, 0x80 | ((c >> 6) & 63));
                push_byte(&mut out, 0x80 | (c & 63));
            }
            j += 1;
        }
    }
    out
}

fn has_key_named(value: &Value, key: &str) -> bool {
    match value {
        Value::Object(map) => map.iter().any(|(k, v)| k == key || has_key_named(v, key)),
        Value::Array(items) => items.iter().any(|v| has_key_named(v, key)),
        _ => false,
    }
}

fn after_base(src: &str) -> Option<&str> {
    src.find("/widget?").map(|i| &src[i..])
}

fn host_rule(sdk_logs_invalid_host: bool) -> &'static str {
    if sdk_logs_invalid_host {
        "no-silent-fallback"
    } else {
        "host-form"
    }
}

fn error_rule(error: &ConfigError, sdk_logs_invalid_host: bool) -> Option<&'static str> {
    Some(match error {
        ConfigError::Json { message } if message.contains("invalid host") => {
            host_rule(sdk_logs_invalid_host)
        }
        ConfigError::Json { .. } | ConfigError::InvalidEventsAllowlist { .. } => "typed-options",
        ConfigError::InvalidHost { reason, .. } if reason.contains("customHost") => "custom-host",
        ConfigError::InvalidHost { .. } => host_rule(sdk_logs_invalid_host),
        ConfigError::ConflictingHosts { .. } => "custom-host",
        ConfigError::InvalidSandboxToken { .. } => "sandbox-tokens",
        ConfigError::InvalidFrameSize { .. } => "frame-size",
        ConfigError::EmptyContainerId => "container-id",
        ConfigError::InvalidOption {
            option: "message_target_origin" | "frame_ancestors",
            ..
        } => "origin-form",
        _ => return None,
    })
}

fn sdk_sandbox_normalized(sdk: &str) -> String {
    let mut tokens: Vec<&str> = Vec::new();
    for token in sdk.split(' ').filter(|t| !t.is_empty() && *t != "null") {
        if !tokens.contains(&token) {
            tokens.push(token);
        }
    }
    tokens.join(" ")
}

fn ours_attrs(frame: &WidgetFrame) -> Value {
    json!({
        "title": frame.title,
        "sandbox": frame.sandbox,
        "allow": frame.allow,
        "role": frame.role,
        "aria-modal": frame.aria_modal,
        "class": frame.class,
        "data-testid": frame.data_testid,
        "frameborder": frame.frameborder,
        "style": frame_style(frame),
    })
}

/// The iframe's `style` attribute as jsdom serializes what the SDK sets
/// (`max-height: 600px; max-width: 400px;`), or `null` when it sets none.
fn frame_style(frame: &WidgetFrame) -> Value {
    let mut style = String::new();
    for (property, value) in [
        ("max-height", &frame.max_height),
        ("max-width", &frame.max_width),
    ] {
        if let Some(value) = value {
            if !style.is_empty() {
                style.push(' ');
            }
            let _ = write!(style, "{property}: {value};");
        }
    }
    if style.is_empty() {
        Value::Null
    } else {
        Value::String(style)
    }
}

pub fn check_url_case(
    subject: &dyn Subject,
    case: &Value,
    expected: &Value,
) -> Result<Vec<&'static str>, String> {
    let sdk_error = expected["error"].as_str();
    let sdk_src = expected["src"].as_str();
    let sdk_logs_invalid_host = expected["logs"].to_string().contains("Invalid host");
    let options_json = without_undefined(case.get("options").unwrap_or(&json!({})));

    // What this crate does with the case.
    let ours: Result<WidgetFrame, &'static str> = (|| {
        if contains_marker(&options_json) {
            return Err("lone-surrogate");
        }
        let flow_type = match case["flowType"].as_str() {
            Some("embedded") => FlowType::Modal,
            Some("inline") => FlowType::Inline,
            _ => return Err("flow-type"),
        };
        let Some(container_id) = case["containerId"].as_str().filter(|c| *c != UNDEFINED) else {
            return Err("container-id");
        };
        let origin = page_origin(
            case["pageUrl"]
                .as_str()
                .unwrap_or("http://localhost:3000/app"),
        );
        let options = subject.options(options_json.clone());
        let frame = options.and_then(|o| subject.build(&o, container_id, flow_type, &origin));
        frame.map_err(|e| error_rule(&e, sdk_logs_invalid_host).unwrap_or("unnamed-config-error"))
    })();

    match (ours, sdk_error, sdk_src) {
        (Err(rule), Some(_), _) => {
            // Both refuse. A refusal for a reason the SDK does not have is still a refusal.
            let _ = rule;
            Ok(vec![])
        }
        (Err("unnamed-config-error"), None, _) => {
            Err("we refuse a configuration the SDK accepts".into())
        }
        (Err("container-id"), None, _) => {
            let id = case["containerId"].as_str();
            if id.is_none_or(|id| id.is_empty() || id == UNDEFINED) {
                Ok(vec!["container-id"])
            } else {
                Err(format!(
                    "we refuse the container id {id:?} as `container-id`"
                ))
            }
        }
        (Err(rule), None, _) => check_config_rule(rule, &options_json).map(|()| vec![rule]),
        (Ok(frame), Some(error), _) => {
            Err(format!("the SDK throws {error:?}, we build {}", frame.src))
        }
        (Ok(frame), None, Some(sdk_src)) => {
            let mut rules = Vec::new();
            if frame.src != sdk_src {
                let same_after_base = after_base(&frame.src).is_some()
                    && after_base(&frame.src) == after_base(sdk_src);
                let has_custom_host = case["options"].get("customHost").is_some();
                if same_after_base && has_custom_host {
                    rules.push("custom-host");
                } else if same_after_base && sdk_logs_invalid_host {
                    rules.push("explicit-origin-host");
                } else if has_key_named(&case["options"]["fields"], "constructor")
                    || has_key_named(&case["options"]["fieldMappings"], "constructor")
                {
                    let ours = query_pairs(&frame.src);
                    let sdk = query_pairs(sdk_src);
                    let root = |k: &str| k.split('[').next().unwrap_or("").to_owned();
                    let same_shape = ours.len() == sdk.len()
                        && ours
                            .iter()
                            .zip(&sdk)
                            .all(|((ok, ov), (sk, sv))| ov == sv && root(ok) == root(sk));
                    if !same_shape {
                        return Err(format!("src differs beyond the constructor-key rule:\n  ours {}\n  sdk  {sdk_src}", frame.src));
                    }
                    rules.push("constructor-key");
                } else {
                    let (base, query) = frame.src.split_once('?').unwrap_or((&frame.src, ""));
                    let reencoded: Vec<String> = query
                        .split('&')
                        .map(|pair| {
                            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                            format!(
                                "{}={}",
                                sdk_qs_encode(&percent_decode(k)),
                                sdk_qs_encode(&percent_decode(v))
                            )
                        })
                        .collect();
                    if format!("{base}?{}", reencoded.join("&")) == sdk_src {
                        rules.push("qs-chunk-boundary");
                    } else {
                        return Err(format!(
                            "src differs:\n  ours {}\n  sdk  {sdk_src}",
                            frame.src
                        ));
                    }
                }
            }
            let ours_attrs = ours_attrs(&frame);
            for key in [
                "title",
                "sandbox",
                "allow",
                "role",
                "aria-modal",
                "class",
                "data-testid",
                "frameborder",
                "style",
            ] {
                let sdk_value = &expected["attrs"][key];
                if &ours_attrs[key] == sdk_value {
                    continue;
                }
                let null_means_default = case["options"].get("sandboxAttributes")
                    == Some(&Value::Null)
                    && frame.sandbox
                        == leptos_persona_core::sandbox_attribute(None).unwrap_or_default();
                if key == "sandbox"
                    && (null_means_default
                        || sdk_value.as_str().map(sdk_sandbox_normalized).as_deref()
                            == Some(frame.sandbox.as_str()))
                {
                    rules.push("sandbox-normalized");
                    continue;
                }
                return Err(format!(
                    "attribute {key}: ours {} vs sdk {sdk_value}",
                    ours_attrs[key]
                ));
            }
            Ok(rules)
        }
        (Ok(_), None, None) => Err("the expected file has neither src nor error".into()),
    }
}

// -------------------------------------------------------------- event cases

fn sdk_call(call: &CallbackCall) -> Value {
    match call {
        CallbackCall::Event(message) => json!([
            "onEvent",
            message.name,
            message.metadata.clone().unwrap_or(json!(UNDEFINED))
        ]),
        CallbackCall::Load => json!(["onLoad"]),
        CallbackCall::Ready(ready) => json!(["onReady", ready.raw]),
        CallbackCall::Complete(done) => json!(["onComplete", done.raw]),
        CallbackCall::Cancel(exit) => json!(["onCancel", exit.raw]),
        CallbackCall::Error(error) => json!(["onError", error.raw]),
    }
}

/// Our session for an event case's configuration, with the origin it trusts,
/// or the rule under which we refuse the configuration (checked against it).
fn session_for(
    subject: &dyn Subject,
    case: &Value,
    expected: &Value,
) -> Result<Result<(InquirySession, String), &'static str>, String> {
    let config = case.get("config").cloned().unwrap_or(json!({}));
    let config = without_undefined(&config);
    let get = |key: &str| config.get(key).cloned().unwrap_or(Value::Null);
    let mut options = Map::new();
    for (key, value) in [
        ("templateId", get("templateId")),
        ("templateVersionId", get("templateVersionId")),
        ("host", get("host")),
        ("eventsAllowlist", get("eventsAllowlist")),
    ] {
        options.insert(key.to_owned(), value);
    }
    let sdk_logs_invalid_host = expected["logs"].to_string().contains("Invalid host");
    let options = Value::Object(options);
    let parsed = match subject.options(options.clone()) {
        Ok(parsed) => parsed,
        Err(error) => {
            let rule = error_rule(&error, sdk_logs_invalid_host).unwrap_or("unnamed-config-error");
            check_config_rule(rule, &options)
                .map_err(|why| format!("the session's configuration: {why} ({error})"))?;
            return Ok(Err(rule));
        }
    };
    let Some(container_id) = case["containerId"]
        .as_str()
        .filter(|c| !c.is_empty() && *c != UNDEFINED)
    else {
        return Ok(Err("container-id"));
    };
    let host: Host = parsed.effective_host();
    let gate = MessageGate::new(container_id, host.origin()).with_templates(
        parsed.template_id.clone(),
        parsed.template_version_id.clone(),
    );
    let trusted = host.origin().to_owned();
    Ok(Ok((
        InquirySession::new(gate, parsed.events_allowlist.clone()),
        trusted,
    )))
}

/// Checks that rejecting one message under `rule` is what the rule says: the
/// message really holds what the rule refuses. `Err` says why not.
fn check_rejection_rule(
    rule: &'static str,
    rejection: &Rejection,
    origin: &str,
    trusted: &str,
    data: &Value,
) -> Result<(), String> {
    let container_id_ok = data
        .get("containerId")
        .and_then(Value::as_str)
        .is_some_and(|id| !id.is_empty());
    let evident = match rule {
        "exact-origin" => !origin.is_empty() && origin != trusted,
        "empty-origin" => origin.is_empty(),
        "missing-container-id" => !data.is_object() || !container_id_ok,
        "missing-name" => data.is_object() && !data.get("name").is_some_and(Value::is_string),
        "malformed-payload" => data.get("name").is_some_and(Value::is_string),
        _ => false,
    };
    if evident {
        Ok(())
    } else {
        Err(format!(
            "we reject a message from {origin:?} as `{rule}` ({rejection}), but it holds nothing \
             that rule refuses (the flow's origin is {trusted:?}): {data}"
        ))
    }
}

fn rejection_rule(rejection: &Rejection) -> &'static str {
    match rejection {
        Rejection::EmptyOrigin => "empty-origin",
        Rejection::UntrustedOrigin(_) => "exact-origin",
        Rejection::Unreadable(_) | Rejection::NotAnObject | Rejection::MissingContainerId => {
            "missing-container-id"
        }
        Rejection::MissingName => "missing-name",
        Rejection::Malformed { .. } => "malformed-payload",
        Rejection::NotFromOurFrame => "not-from-our-frame",
        Rejection::WrongContainerId(_) => "wrong-container-id",
        Rejection::TemplateMismatch | Rejection::TemplateVersionMismatch => "template-mismatch",
    }
}

pub fn check_event_case(
    subject: &dyn Subject,
    case: &Value,
    expected: &Value,
) -> Result<Vec<&'static str>, String> {
    let messages = case["messages"].as_array().cloned().unwrap_or_default();
    let sdk_calls: Vec<Value> = expected["calls"].as_array().cloned().unwrap_or_default();
    let by_message = expected["byMessage"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if by_message.len() != messages.len() {
        return Err("byMessage does not match the messages".into());
    }
    let omitted: Vec<&str> = case["omitCallbacks"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let throwing = case["throwingCallbacks"]
        .as_array()
        .is_some_and(|a| !a.is_empty());
    let cut = case["unsubscribeAfter"]
        .as_u64()
        .map_or(messages.len(), |n| n as usize);
    let thrown_at: Vec<u64> = expected["thrown"]
        .as_array()
        .map(|a| a.iter().filter_map(|t| t["msg"].as_u64()).collect())
        .unwrap_or_default();

    let mut session = session_for(subject, case, expected)?;
    let mut rules = Vec::new();
    let mut session_refused = false;
    let mut offset = 0;
    for (index, (message, counts)) in messages.iter().zip(&by_message).enumerate() {
        let n = counts["calls"].as_u64().unwrap_or(0) as usize;
        let sdk: Vec<Value> = sdk_calls
            .get(offset..offset + n)
            .unwrap_or(&[])
            .iter()
            .map(without_undefined)
            .collect();
        offset += n;
        let sdk_threw = thrown_at.contains(&(index as u64));
        if index >= cut {
            if !sdk.is_empty() {
                return Err(format!(
                    "message {index}: the SDK called back after unsubscribing"
                ));
            }
            continue;
        }
        let origin = message.get("origin").and_then(Value::as_str).unwrap_or("");
        let data = message.get("data").cloned().unwrap_or(Value::Null);
        let data = if data.as_str() == Some(UNDEFINED) {
            Value::Null
        } else {
            without_undefined(&data)
        };
        let (session, trusted) = match &mut session {
            Ok((session, trusted)) => (session, trusted.as_str()),
            Err(rule) => {
                // We refuse the configuration (a checked rule): no message reaches
                // any callback. Counted once for the case, if the SDK called back.
                if !sdk.is_empty() && !session_refused {
                    session_refused = true;
                    rules.push(*rule);
                }
                continue;
            }
        };
        let before = session.state.phase;
        let ours = subject.receive(session, origin, &data);
        let ours: Result<Vec<Value>, Rejection> = ours.map(|calls| {
            calls
                .iter()
                .map(sdk_call)
                .filter(|c| !omitted.contains(&c[0].as_str().unwrap_or("")))
                .map(|c| without_undefined(&c))
                .collect()
        });
        match ours {
            Ok(ours) if ours == sdk => {}
            Err(_) if sdk.is_empty() && !sdk_threw => {}
            Err(rejection) => {
                let rule = rejection_rule(&rejection);
                if matches!(
                    rule,
                    "not-from-our-frame" | "wrong-container-id" | "template-mismatch"
                ) {
                    return Err(format!(
                        "message {index}: we reject ({rejection}) what the SDK accepts"
                    ));
                }
                check_rejection_rule(rule, &rejection, origin, trusted, &data)
                    .map_err(|why| format!("message {index}: {why}"))?;
                rules.push(rule);
            }
            Ok(ours) => {
                let terminal = |c: &Value| matches!(c[0].as_str(), Some("onComplete" | "onCancel"));
                let sdk_without_terminal: Vec<Value> =
                    sdk.iter().filter(|c| !terminal(c)).cloned().collect();
                let was_done =
                    before.is_finished() || before == leptos_persona_core::InquiryPhase::Cancelled;
                if was_done && ours == sdk_without_terminal && ours.len() < sdk.len() {
                    rules.push("terminal-once");
                } else if throwing
                    && sdk_threw
                    && ours.len() > sdk.len()
                    && ours[..sdk.len()] == sdk[..]
                {
                    rules.push("callback-isolation");
                } else {
                    return Err(format!(
                        "message {index}:\n  ours {}\n  sdk  {}",
                        Value::Array(ours),
                        Value::Array(sdk)
                    ));
                }
            }
        }
    }
    if offset != sdk_calls.len() {
        return Err("calls do not add up to byMessage".into());
    }
    Ok(rules)
}

// -------------------------------------------------------------------- tests
/// Every case of one kind through `subject`.
pub fn tally(kind: &str, pairs: &[(Value, Value)], subject: &dyn Subject) -> Tally {
    let check = if kind == "url" {
        check_url_case
    } else {
        check_event_case
    };
    let mut tally = Tally::default();
    for (case, expected) in pairs {
        let name = case["name"].as_str().unwrap_or("<unnamed>");
        tally.record(name, check(subject, case, expected));
    }
    tally
}

/// A fixture file's JSON, lone surrogates marked (serde_json refuses them).
pub fn parse_fixture(text: &str) -> Result<Value, String> {
    serde_json::from_str(&mark_lone_surrogates(text)).map_err(|e| e.to_string())
}

/// The `(case, expected)` pairs of one `*-cases.json` / `*-expected.json` pair.
pub fn pairs(file: &str, cases: &str, expected: &str) -> Vec<(Value, Value)> {
    let parse = |text: &str| parse_fixture(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    let (cases, expected) = (parse(cases), parse(expected));
    let (Some(cases), Some(expected)) = (cases.as_array(), expected.as_array()) else {
        panic!("{file}: both files must hold JSON arrays");
    };
    assert_eq!(
        cases.len(),
        expected.len(),
        "{file}: case and expected counts differ"
    );
    for (case, result) in cases.iter().zip(expected) {
        assert_eq!(
            case["name"], result["name"],
            "{file}: case order differs from expected order"
        );
    }
    cases
        .iter()
        .cloned()
        .zip(expected.iter().cloned())
        .collect()
}
