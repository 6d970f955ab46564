//! The simulator's own endpoints for tests (not Persona's): `/__config`,
//! `/__faults`, `/__webhooks`, `/__webhooks/chaos`, `/__webhooks/send`,
//! `/__inquiries` and `/__inquiries/{id}/{action}`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::clock::now_ms;
use crate::faults::Fault;
use crate::inquiries::{ChangeError, Filter, Status};
use crate::state::publish;
use crate::webhooks::Chaos;
use crate::{json_response, Shared};

fn bad(message: impl Into<String>) -> Response {
    json_response(StatusCode::BAD_REQUEST, &json!({"error": message.into()}))
}

fn parse(body: &Bytes) -> Result<Value, String> {
    if body.is_empty() {
        return Ok(json!({}));
    }
    serde_json::from_slice(body).map_err(|e| format!("the body is not JSON: {e}"))
}

fn options_or(method: &Method, allowed: &[Method], usage: &str) -> Option<Response> {
    if method == Method::OPTIONS {
        return Some(json_response(StatusCode::NO_CONTENT, &Value::Null));
    }
    (!allowed.contains(method)).then(|| {
        json_response(
            StatusCode::METHOD_NOT_ALLOWED,
            &json!({"error": format!("use {usage}")}),
        )
    })
}

fn config_json(state: &Shared) -> Value {
    let sim = state.sim().config.to_json();
    json!({"api": sim, "webhooks": state.webhooks.config().to_json()})
}

/// `GET /__config`; `POST /__config` with any of `api_key` (`null`: none),
/// `session_ttl_s`, `decision_ms`, `expire_after_s`, `strict_sessions` and the
/// `webhook_*` keys of [`crate::webhooks::WebhookConfig::apply_json`].
pub async fn config(State(state): State<Shared>, method: Method, body: Bytes) -> Response {
    if let Some(r) = options_or(
        &method,
        &[Method::GET, Method::HEAD, Method::POST],
        "GET or POST /__config",
    ) {
        return r;
    }
    if method == Method::POST {
        let v = match parse(&body) {
            Ok(v) => v,
            Err(e) => return bad(e),
        };
        let mut webhooks = state.webhooks.config();
        if let Err(e) = webhooks.apply_json(&v) {
            return bad(e);
        }
        let mut next = state.sim().config.clone();
        if let Some(k) = v.get("api_key") {
            next.api_key = match k {
                Value::Null => None,
                Value::String(s) if !s.is_empty() => Some(s.clone()),
                _ => return bad("api_key must be a non-empty string or null"),
            };
        }
        for (key, slot, scale) in [
            ("session_ttl_s", &mut next.session_ttl_ms, 1000),
            ("decision_ms", &mut next.decision_ms, 1),
            ("expire_after_s", &mut next.expire_after_ms, 1000),
        ] {
            if let Some(n) = v.get(key) {
                match n.as_u64().filter(|n| *n <= 10 * 365 * 86_400) {
                    Some(n) => *slot = n.saturating_mul(scale),
                    None => return bad(format!("{key} must be a whole number")),
                }
            }
        }
        if let Some(s) = v.get("strict_sessions") {
            match s.as_bool() {
                Some(b) => next.strict_sessions = b,
                None => return bad("strict_sessions must be true or false"),
            }
        }
        state.sim().config = next;
        state.webhooks.set_config(webhooks);
    }
    json_response(StatusCode::OK, &config_json(&state))
}

/// `GET /__faults` (the rules left); `POST` a rule (or a list of them);
/// `DELETE` clears them.
pub async fn faults(State(state): State<Shared>, method: Method, body: Bytes) -> Response {
    if let Some(r) = options_or(
        &method,
        &[Method::GET, Method::HEAD, Method::POST, Method::DELETE],
        "GET, POST or DELETE /__faults",
    ) {
        return r;
    }
    if method == Method::POST {
        let v = match parse(&body) {
            Ok(v) => v,
            Err(e) => return bad(e),
        };
        let rules = match &v {
            Value::Array(items) => items.clone(),
            other => vec![other.clone()],
        };
        let mut parsed = Vec::new();
        for rule in &rules {
            match Fault::from_json(rule) {
                Ok(f) => parsed.push(f),
                Err(e) => return bad(e),
            }
        }
        let mut sim = state.sim();
        for f in parsed {
            sim.faults.push(f);
        }
    } else if method == Method::DELETE {
        state.sim().faults.clear();
    }
    let faults = state.sim().faults.to_json();
    json_response(StatusCode::OK, &json!({"faults": faults}))
}

/// `GET /__webhooks`: the configuration, counters, recent events and attempts.
pub async fn webhooks(State(state): State<Shared>, method: Method) -> Response {
    if let Some(r) = options_or(&method, &[Method::GET, Method::HEAD], "GET /__webhooks") {
        return r;
    }
    json_response(StatusCode::OK, &state.webhooks.overview())
}

/// `POST /__webhooks/chaos {"duplicate": P, "reorder": P}`.
pub async fn chaos(State(state): State<Shared>, method: Method, body: Bytes) -> Response {
    if let Some(r) = options_or(
        &method,
        &[Method::GET, Method::HEAD, Method::POST],
        "GET or POST /__webhooks/chaos",
    ) {
        return r;
    }
    let mut config = state.webhooks.config();
    if method == Method::POST {
        let v = match parse(&body) {
            Ok(v) => v,
            Err(e) => return bad(e),
        };
        match Chaos::from_json(&v) {
            Ok(c) => config.chaos = c,
            Err(e) => return bad(e),
        }
        state.webhooks.set_config(config.clone());
    }
    json_response(StatusCode::OK, &config.chaos.to_json())
}

/// `POST /__webhooks/send`: one forged, stale, future or replayed delivery.
pub async fn send(State(state): State<Shared>, method: Method, body: Bytes) -> Response {
    if let Some(r) = options_or(&method, &[Method::POST], "POST /__webhooks/send") {
        return r;
    }
    let spec = match parse(&body) {
        Ok(v) if v.is_object() => v,
        Ok(_) => return bad("the body must be a JSON object"),
        Err(e) => return bad(e),
    };
    let inquiry = match spec.get("inquiry_id").and_then(Value::as_str) {
        Some(id) => match state.sim().store.get(id) {
            Some(i) => Some(i.to_json()),
            None => {
                return json_response(
                    StatusCode::NOT_FOUND,
                    &json!({"error": format!("no inquiry {id}")}),
                )
            }
        },
        None => None,
    };
    match state.webhooks.send_forged(&spec, inquiry).await {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(e) => bad(e),
    }
}

/// `GET /__inquiries`: every inquiry, newest first, with no API key.
pub async fn inquiries(State(state): State<Shared>, method: Method) -> Response {
    if let Some(r) = options_or(&method, &[Method::GET, Method::HEAD], "GET /__inquiries") {
        return r;
    }
    let sim = state.sim();
    let data: Vec<Value> = sim
        .store
        .list(&Filter::default())
        .iter()
        .map(|i| i.to_json())
        .collect();
    json_response(StatusCode::OK, &json!({"data": data}))
}

/// `POST /__inquiries/{id}/{action}`: moves an inquiry without a browser. Actions:
/// `start`, `complete` (body `{"fields": {…}}` optional; the decision follows),
/// `fail`, `expire`, `approve`, `decline`, `review`.
pub async fn inquiry_action(
    State(state): State<Shared>,
    Path((id, action)): Path<(String, String)>,
    method: Method,
    body: Bytes,
) -> Response {
    if let Some(r) = options_or(&method, &[Method::POST], "POST /__inquiries/{id}/{action}") {
        return r;
    }
    let to = match action.as_str() {
        "start" => Status::Pending,
        "complete" => Status::Completed,
        "fail" => Status::Failed,
        "expire" => Status::Expired,
        "approve" => Status::Approved,
        "decline" => Status::Declined,
        "review" => Status::NeedsReview,
        other => {
            return json_response(
                StatusCode::NOT_FOUND,
                &json!({"error": format!("no action {other:?}: use start, complete, fail, expire, approve, decline or review")}),
            )
        }
    };
    let v = match parse(&body) {
        Ok(v) => v,
        Err(e) => return bad(e),
    };
    let fields = v.get("fields").and_then(Value::as_object).cloned();
    let result = {
        let mut sim = state.sim();
        sim.store
            .transition(&id, to, fields.as_ref(), now_ms())
            .map(|events| (events, sim.store.get(&id).map(|i| i.to_json())))
    };
    match result {
        Ok((events, data)) => {
            publish(&state, events);
            json_response(StatusCode::OK, &json!({"data": data}))
        }
        Err(ChangeError::Conflict(status)) => json_response(
            StatusCode::CONFLICT,
            &json!({"error": format!("inquiry {id} is {}: it cannot {action}", status.as_str())}),
        ),
        Err(_) => json_response(
            StatusCode::NOT_FOUND,
            &json!({"error": format!("no inquiry {id}")}),
        ),
    }
}
