//! Where the hosted flow and the state meet: the session check of a `/widget`
//! request, and `/flow-api/{start,complete,fail}`, which the flow's page calls when
//! it posts `start`, and before it posts `complete` or `fail`.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{json, Map, Value};

use crate::clock::now_ms;
use crate::flow::{Scenario, WidgetRequest};
use crate::inquiries::{ChangeError, NewInquiry, Origin, Status, TokenCheck};
use crate::state::publish;
use crate::{json_response, Shared};

/// Fills in what the state says about a `/widget` request:
///
/// - with an `inquiry-id` the state knows, the `session-token` must be one of its live
///   tokens; if it is missing, wrong or expired, the flow posts `load`, then `error`
///   `{status: 409, code: "unauthenticated"}`. With a good token the flow reports to
///   the state, and an inquiry made through the API plays its template's scenario
///   (unless the query chose one);
/// - an `inquiry-id` the state does not know plays as before, with no check (with
///   `--strict-sessions`, it is refused like a wrong token);
/// - no `inquiry-id` but a template id: the flow plays as before and, when it begins,
///   registers the inquiry it makes up.
pub fn check_widget(state: &Shared, request: &mut WidgetRequest) {
    let sim = state.sim();
    let Some(id) = request.inquiry_id().map(str::to_owned) else {
        request.track = request.template().is_some();
        return;
    };
    let check = sim
        .store
        .check_token(&id, request.session_token(), now_ms());
    match check {
        TokenCheck::Valid => {
            request.track = true;
            if !request.scenario_chosen {
                if let Some(s) = sim.store.get(&id).and_then(|i| i.resume_scenario()) {
                    request.scenario = s;
                }
            }
        }
        TokenCheck::UnknownInquiry if !sim.config.strict_sessions => {}
        refused => {
            let message = format!(
                "Inquiry {id} was resumed without a valid session token ({}). \
                 Retrieve one from the API (POST /api/v1/inquiries/{id}/resume) and pass it to the client.",
                refused.reason()
            );
            request.error_override = Some((409, "unauthenticated", message));
        }
    }
}

fn text(body: &Value, key: &str) -> Option<String> {
    body.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn refused(status: StatusCode, message: String) -> Response {
    json_response(status, &json!({"error": message}))
}

/// `POST /flow-api/{start|complete|fail}` with `{"inquiry-id", "session-token", …}`.
///
/// `start` of an inquiry the state does not know registers it (a flow that began
/// with a template id: `inquiry-template-id` or `inquiry-template-version-id`,
/// `reference-id`, `account-id`, `fields`, `scenario` are read too). `complete` takes
/// `fields` (they replace those with the same names).
pub async fn handle(
    State(state): State<Shared>,
    Path(step): Path<String>,
    body: Bytes,
) -> Response {
    let to = match step.as_str() {
        "start" => Status::Pending,
        "complete" => Status::Completed,
        "fail" => Status::Failed,
        _ => return refused(StatusCode::NOT_FOUND, format!("no flow step {:?}", step)),
    };
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let Some(id) = text(&body, "inquiry-id") else {
        return refused(StatusCode::BAD_REQUEST, "no inquiry-id".into());
    };
    let token = text(&body, "session-token");
    let fields = match body.get("fields") {
        Some(Value::Object(m)) => Some(m.clone()),
        _ => None,
    };
    let now = now_ms();
    let (result, events) = {
        let mut sim = state.sim();
        let ttl = sim.config.session_ttl_ms;
        let mut events = Vec::new();
        let check = sim.store.check_token(&id, token.as_deref(), now);
        let ok = match check {
            TokenCheck::Valid => true,
            TokenCheck::UnknownInquiry if to == Status::Pending => {
                let new = NewInquiry {
                    template_id: text(&body, "inquiry-template-id"),
                    template_version_id: text(&body, "inquiry-template-version-id"),
                    reference_id: text(&body, "reference-id"),
                    account_id: text(&body, "account-id"),
                    fields: fields.clone().unwrap_or_else(Map::new),
                    scenario: text(&body, "scenario").as_deref().and_then(Scenario::parse),
                };
                if new.template_id.is_none() && new.template_version_id.is_none() {
                    false
                } else {
                    let given = token.clone().map(|t| (id.clone(), t));
                    match given.map(|g| sim.store.create(new, Origin::Flow, Some(g), now, ttl)) {
                        Some(Ok((_, _, created))) => {
                            events.extend(created);
                            true
                        }
                        _ => false,
                    }
                }
            }
            _ => false,
        };
        let result = if !ok {
            Err(refused(
                StatusCode::CONFLICT,
                format!("inquiry {id}: {}", check.reason()),
            ))
        } else {
            let merged = if to == Status::Completed {
                fields.as_ref()
            } else {
                None
            };
            match sim.store.transition(&id, to, merged, now) {
                Ok(changed) => {
                    events.extend(changed);
                    Ok(())
                }
                Err(ChangeError::Conflict(status)) => Err(refused(
                    StatusCode::CONFLICT,
                    format!("inquiry {id} is {}", status.as_str()),
                )),
                Err(_) => Err(refused(StatusCode::NOT_FOUND, format!("no inquiry {id}"))),
            }
        };
        let status = sim.store.get(&id).map(|i| i.status.as_str());
        (
            result.map(|()| json!({"inquiry-id": id, "status": status})),
            events,
        )
    };
    publish(&state, events);
    match result {
        Ok(v) => json_response(StatusCode::OK, &v),
        Err(res) => res,
    }
}
