//! The simulator's one state of inquiries, shared by the hosted flow and the REST API:
//! statuses, transitions, session tokens, and the events each change emits.
//!
//! Every function takes the time (`now`, unix ms) as an argument, so the state machine
//! is tested without a clock. Nothing here panics, whatever the input.

use std::collections::HashMap;

use serde_json::{json, Map, Value};

use crate::clock::rfc3339_ms;
use crate::flow::{scenario_from_id, Scenario};
use crate::ids;

/// At most this many inquiries are kept; creating more is refused.
pub const MAX_INQUIRIES: usize = 100_000;

/// An inquiry's status, as Persona names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Created,
    Pending,
    Completed,
    Failed,
    Expired,
    NeedsReview,
    Approved,
    Declined,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Created,
        Status::Pending,
        Status::Completed,
        Status::Failed,
        Status::Expired,
        Status::NeedsReview,
        Status::Approved,
        Status::Declined,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Created => "created",
            Status::Pending => "pending",
            Status::Completed => "completed",
            Status::Failed => "failed",
            Status::Expired => "expired",
            Status::NeedsReview => "needs_review",
            Status::Approved => "approved",
            Status::Declined => "declined",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The event a change into this status emits.
    pub fn event_name(self) -> &'static str {
        match self {
            Status::Created => "inquiry.created",
            Status::Pending => "inquiry.started",
            Status::Completed => "inquiry.completed",
            Status::Failed => "inquiry.failed",
            Status::Expired => "inquiry.expired",
            Status::NeedsReview => "inquiry.marked-for-review",
            Status::Approved => "inquiry.approved",
            Status::Declined => "inquiry.declined",
        }
    }

    /// Finished: a resume is refused (409).
    pub fn is_finished(self) -> bool {
        matches!(
            self,
            Status::Completed
                | Status::Failed
                | Status::NeedsReview
                | Status::Approved
                | Status::Declined
        )
    }

    /// The statuses a change into `self` may start from.
    fn allowed_from(self) -> &'static [Status] {
        match self {
            Status::Created => &[],
            Status::Pending => &[Status::Created, Status::Expired],
            Status::Completed | Status::Failed | Status::Expired => {
                &[Status::Created, Status::Pending]
            }
            Status::NeedsReview => &[Status::Completed],
            Status::Approved | Status::Declined => &[Status::Completed, Status::NeedsReview],
        }
    }
}

/// Who made the inquiry: the REST API, or a flow that began with a template id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Api,
    Flow,
}

#[derive(Debug, Clone)]
pub struct Inquiry {
    pub id: String,
    pub origin: Origin,
    pub template_id: Option<String>,
    pub template_version_id: Option<String>,
    /// The scenario its template names (`itmpl_sim_<scenario>`), `happy` otherwise.
    pub scenario: Scenario,
    pub reference_id: Option<String>,
    pub account_id: Option<String>,
    pub fields: Map<String, Value>,
    pub status: Status,
    pub created_at: u64,
    pub updated_at: u64,
    pub started_at: Option<u64>,
    pub completed_at: Option<u64>,
    pub failed_at: Option<u64>,
    pub expired_at: Option<u64>,
    pub marked_for_review_at: Option<u64>,
    pub decided_at: Option<u64>,
    /// When it last became active (created, started, resumed): expiry counts from here.
    pub active_at: u64,
    seq: u64,
}

fn time(t: Option<u64>) -> Value {
    t.map_or(Value::Null, |t| Value::String(rfc3339_ms(t)))
}

fn relation(kind: &str, id: Option<&str>) -> Value {
    match id {
        Some(id) => json!({"data": {"type": kind, "id": id}}),
        None => json!({"data": null}),
    }
}

impl Inquiry {
    /// The scenario the hosted flow plays when it resumes this inquiry: the template's
    /// for an inquiry made through the API (a cancel scenario plays `happy` on a
    /// resume: the person comes back and finishes), none for one a flow made.
    pub fn resume_scenario(&self) -> Option<Scenario> {
        match (self.origin, self.scenario) {
            (Origin::Flow, _) => None,
            (Origin::Api, Scenario::CancelBeforeInquiry | Scenario::CancelAfterInquiry) => {
                Some(Scenario::Happy)
            }
            (Origin::Api, s) => Some(s),
        }
    }

    /// The template the `inquiry-template` relationship names: the template id, or
    /// one derived from the version id (`itmplv_X` → `itmpl_X`).
    pub fn template_for_relationship(&self) -> Option<String> {
        self.template_id.clone().or_else(|| {
            self.template_version_id
                .as_ref()
                .map(|v| match v.strip_prefix("itmplv_") {
                    Some(rest) => format!("itmpl_{rest}"),
                    None => v.clone(),
                })
        })
    }

    /// The JSON:API resource, with kebab-case keys.
    pub fn to_json(&self) -> Value {
        json!({
            "type": "inquiry",
            "id": self.id,
            "attributes": {
                "status": self.status.as_str(),
                "reference-id": self.reference_id,
                "created-at": rfc3339_ms(self.created_at),
                "updated-at": rfc3339_ms(self.updated_at),
                "started-at": time(self.started_at),
                "completed-at": time(self.completed_at),
                "failed-at": time(self.failed_at),
                "expired-at": time(self.expired_at),
                "marked-for-review-at": time(self.marked_for_review_at),
                "decided-at": time(self.decided_at),
                "fields": Value::Object(self.fields.clone()),
            },
            "relationships": {
                "inquiry-template": relation("inquiry-template", self.template_for_relationship().as_deref()),
                "inquiry-template-version": relation("inquiry-template-version", self.template_version_id.as_deref()),
                "account": relation("account", self.account_id.as_deref()),
            },
        })
    }
}

/// A state change, as the webhook sender needs it: the inquiry as it was right then.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub id: String,
    pub name: &'static str,
    pub created_at: u64,
    pub inquiry_id: String,
    pub status: Status,
    pub inquiry: Value,
}

/// What a new inquiry is made from.
#[derive(Debug, Clone, Default)]
pub struct NewInquiry {
    pub template_id: Option<String>,
    pub template_version_id: Option<String>,
    pub reference_id: Option<String>,
    pub account_id: Option<String>,
    /// Raw values or `{type, value}` objects; see [`typed_field`].
    pub fields: Map<String, Value>,
    /// The flow's own scenario (a `scenario=` override), when a flow makes it.
    pub scenario: Option<Scenario>,
}

/// A field as Persona shows it: `{"type": …, "value": …}`. A value that already has
/// that shape is kept as it is.
pub fn typed_field(value: &Value) -> Value {
    if let Value::Object(map) = value {
        if map.len() == 2
            && map.get("type").is_some_and(Value::is_string)
            && map.contains_key("value")
        {
            return value.clone();
        }
    }
    let kind = match value {
        Value::Null | Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "float",
        Value::Array(_) => "array",
        Value::Object(_) => "hash",
    };
    json!({"type": kind, "value": value})
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCheck {
    Valid,
    Missing,
    Wrong,
    Expired,
    UnknownInquiry,
}

impl TokenCheck {
    pub fn reason(&self) -> &'static str {
        match self {
            TokenCheck::Valid => "valid",
            TokenCheck::Missing => "no session token was given",
            TokenCheck::Wrong => "the session token is not this inquiry's",
            TokenCheck::Expired => "the session token has expired",
            TokenCheck::UnknownInquiry => "no such inquiry",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    NotFound,
    /// The inquiry's status does not allow it.
    Conflict(Status),
    /// The simulator holds [`MAX_INQUIRIES`] already.
    Full,
    /// A flow asked for an id that exists already or is not an id.
    BadId,
}

#[derive(Debug, Clone)]
struct Session {
    inquiry_id: String,
    expires_at: u64,
}

/// Filters of `GET /api/v1/inquiries`.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub reference_id: Option<String>,
    pub account_id: Option<String>,
    /// Any of these (empty: any status).
    pub statuses: Vec<String>,
}

#[derive(Default)]
pub struct Store {
    inquiries: HashMap<String, Inquiry>,
    sessions: HashMap<String, Session>,
    seq: u64,
}

impl Store {
    pub fn len(&self) -> usize {
        self.inquiries.len()
    }

    pub fn get(&self, id: &str) -> Option<&Inquiry> {
        self.inquiries.get(id)
    }

    fn event(inquiry: &Inquiry, now: u64) -> Event {
        Event {
            id: ids::id("evt_"),
            name: inquiry.status.event_name(),
            created_at: now,
            inquiry_id: inquiry.id.clone(),
            status: inquiry.status,
            inquiry: inquiry.to_json(),
        }
    }

    /// Issues a new session token for `id`, valid for `ttl_ms`.
    fn issue(&mut self, id: &str, token: String, now: u64, ttl_ms: u64) -> String {
        self.sessions.insert(
            token.clone(),
            Session {
                inquiry_id: id.to_owned(),
                expires_at: now.saturating_add(ttl_ms),
            },
        );
        token
    }

    /// A new inquiry (status `created`) and its first session token. `id` and `token`
    /// are given by a flow that made them up itself; the API lets them be generated.
    pub fn create(
        &mut self,
        new: NewInquiry,
        origin: Origin,
        given: Option<(String, String)>,
        now: u64,
        ttl_ms: u64,
    ) -> Result<(String, String, Vec<Event>), ChangeError> {
        if self.inquiries.len() >= MAX_INQUIRIES {
            return Err(ChangeError::Full);
        }
        let (id, token) = match given {
            Some((id, token)) => {
                if self.inquiries.contains_key(&id) || !is_flow_id(&id) || !is_token(&token) {
                    return Err(ChangeError::BadId);
                }
                (id, token)
            }
            None => {
                let mut id = ids::id("inq_");
                while self.inquiries.contains_key(&id) {
                    id = ids::id("inq_");
                }
                (id, ids::session_token())
            }
        };
        let scenario = new
            .scenario
            .or_else(|| new.template_id.as_deref().and_then(scenario_from_id))
            .or_else(|| {
                new.template_version_id
                    .as_deref()
                    .and_then(scenario_from_id)
            })
            .unwrap_or(Scenario::Happy);
        self.seq += 1;
        let inquiry = Inquiry {
            id: id.clone(),
            origin,
            template_id: new.template_id,
            template_version_id: new.template_version_id,
            scenario,
            reference_id: new.reference_id,
            account_id: new.account_id,
            fields: new
                .fields
                .iter()
                .map(|(k, v)| (k.clone(), typed_field(v)))
                .collect(),
            status: Status::Created,
            created_at: now,
            updated_at: now,
            started_at: None,
            completed_at: None,
            failed_at: None,
            expired_at: None,
            marked_for_review_at: None,
            decided_at: None,
            active_at: now,
            seq: self.seq,
        };
        let event = Self::event(&inquiry, now);
        self.inquiries.insert(id.clone(), inquiry);
        let token = self.issue(&id, token, now, ttl_ms);
        Ok((id, token, vec![event]))
    }

    /// Newest first.
    pub fn list(&self, filter: &Filter) -> Vec<&Inquiry> {
        let mut found: Vec<&Inquiry> = self
            .inquiries
            .values()
            .filter(|i| {
                filter
                    .reference_id
                    .as_ref()
                    .is_none_or(|r| i.reference_id.as_ref() == Some(r))
                    && filter
                        .account_id
                        .as_ref()
                        .is_none_or(|a| i.account_id.as_ref() == Some(a))
                    && (filter.statuses.is_empty()
                        || filter.statuses.iter().any(|s| s == i.status.as_str()))
            })
            .collect();
        found.sort_by_key(|i| std::cmp::Reverse(i.seq));
        found
    }

    /// Is `token` a live session token of inquiry `id`?
    pub fn check_token(&self, id: &str, token: Option<&str>, now: u64) -> TokenCheck {
        if !self.inquiries.contains_key(id) {
            return TokenCheck::UnknownInquiry;
        }
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return TokenCheck::Missing;
        };
        match self.sessions.get(token) {
            Some(s) if s.inquiry_id == id && now < s.expires_at => TokenCheck::Valid,
            Some(s) if s.inquiry_id == id => TokenCheck::Expired,
            _ => TokenCheck::Wrong,
        }
    }

    /// `POST /inquiries/{id}/resume`: a new session token; an expired inquiry goes
    /// back to `pending`; a finished one is a conflict.
    pub fn resume(
        &mut self,
        id: &str,
        now: u64,
        ttl_ms: u64,
    ) -> Result<(String, Vec<Event>), ChangeError> {
        let status = self.get(id).ok_or(ChangeError::NotFound)?.status;
        if status.is_finished() {
            return Err(ChangeError::Conflict(status));
        }
        let events = if status == Status::Expired {
            self.transition(id, Status::Pending, None, now)?
        } else {
            if let Some(i) = self.inquiries.get_mut(id) {
                i.active_at = now;
            }
            Vec::new()
        };
        let token = self.issue(id, ids::session_token(), now, ttl_ms);
        Ok((token, events))
    }

    /// Moves inquiry `id` to `to` (with `fields` merged in, if any). Moving to the
    /// status it has already is no change and no event.
    pub fn transition(
        &mut self,
        id: &str,
        to: Status,
        fields: Option<&Map<String, Value>>,
        now: u64,
    ) -> Result<Vec<Event>, ChangeError> {
        let inquiry = self.inquiries.get_mut(id).ok_or(ChangeError::NotFound)?;
        if inquiry.status == to {
            return Ok(Vec::new());
        }
        if !to.allowed_from().contains(&inquiry.status) {
            return Err(ChangeError::Conflict(inquiry.status));
        }
        if let Some(fields) = fields {
            for (k, v) in fields {
                inquiry.fields.insert(k.clone(), typed_field(v));
            }
        }
        inquiry.status = to;
        inquiry.updated_at = now;
        match to {
            Status::Created => {}
            Status::Pending => {
                inquiry.started_at.get_or_insert(now);
                inquiry.active_at = now;
            }
            Status::Completed => inquiry.completed_at = Some(now),
            Status::Failed => inquiry.failed_at = Some(now),
            Status::Expired => inquiry.expired_at = Some(now),
            Status::NeedsReview => inquiry.marked_for_review_at = Some(now),
            Status::Approved | Status::Declined => inquiry.decided_at = Some(now),
        }
        Ok(vec![Self::event(inquiry, now)])
    }

    /// The decision that follows a completion: `declined` for the `declined`
    /// scenario, `needs_review` for `review`, `approved` for the rest. Nothing
    /// happens unless the inquiry is still `completed`.
    pub fn decide(&mut self, id: &str, now: u64) -> Vec<Event> {
        let Some(inquiry) = self.get(id) else {
            return Vec::new();
        };
        if inquiry.status != Status::Completed {
            return Vec::new();
        }
        let to = match inquiry.scenario {
            Scenario::Declined => Status::Declined,
            Scenario::Review => Status::NeedsReview,
            _ => Status::Approved,
        };
        self.transition(id, to, None, now).unwrap_or_default()
    }

    /// Created or pending inquiries inactive for `after_ms` become `expired`; session
    /// tokens past their time are forgotten.
    pub fn expire_due(&mut self, now: u64, after_ms: u64) -> Vec<Event> {
        let due: Vec<String> = self
            .inquiries
            .values()
            .filter(|i| {
                matches!(i.status, Status::Created | Status::Pending)
                    && now >= i.active_at.saturating_add(after_ms)
            })
            .map(|i| i.id.clone())
            .collect();
        self.sessions.retain(|_, s| s.expires_at > now);
        let mut events = Vec::new();
        for id in due {
            events.extend(
                self.transition(&id, Status::Expired, None, now)
                    .unwrap_or_default(),
            );
        }
        events.sort_by_key(|e| e.created_at);
        events
    }
}

/// An inquiry id a flow may make up: `inq_` and 1 to 60 of `[A-Za-z0-9_-]`.
pub fn is_flow_id(id: &str) -> bool {
    id.strip_prefix("inq_").is_some_and(|rest| {
        (1..=60).contains(&rest.len())
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

fn is_token(token: &str) -> bool {
    (1..=200).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TTL: u64 = 3_600_000;

    fn new(template: &str) -> NewInquiry {
        NewInquiry {
            template_id: Some(template.to_owned()),
            reference_id: Some("user-1".into()),
            ..NewInquiry::default()
        }
    }

    fn names(events: &[Event]) -> Vec<&'static str> {
        events.iter().map(|e| e.name).collect()
    }

    #[test]
    fn a_happy_inquiry_goes_from_created_to_approved() {
        let mut s = Store::default();
        let (id, token, ev) = s
            .create(new("itmpl_sim_happy"), Origin::Api, None, 1_000, TTL)
            .unwrap();
        assert_eq!(names(&ev), ["inquiry.created"]);
        assert_eq!(ev[0].inquiry["attributes"]["status"], "created");
        assert!(id.starts_with("inq_") && token.starts_with("sess_"));
        assert_eq!(s.check_token(&id, Some(&token), 2_000), TokenCheck::Valid);
        let ev = s.transition(&id, Status::Pending, None, 2_000).unwrap();
        assert_eq!(names(&ev), ["inquiry.started"]);
        // Starting again is no change.
        assert!(s
            .transition(&id, Status::Pending, None, 2_500)
            .unwrap()
            .is_empty());
        let mut fields = Map::new();
        fields.insert("name-first".into(), json!("Ada"));
        let ev = s
            .transition(&id, Status::Completed, Some(&fields), 3_000)
            .unwrap();
        assert_eq!(names(&ev), ["inquiry.completed"]);
        let json = &ev[0].inquiry["attributes"];
        assert_eq!(json["completed-at"], rfc3339_ms(3_000));
        assert_eq!(
            json["fields"]["name-first"],
            json!({"type": "string", "value": "Ada"})
        );
        assert_eq!(names(&s.decide(&id, 3_300)), ["inquiry.approved"]);
        let i = s.get(&id).unwrap();
        assert_eq!(i.status, Status::Approved);
        assert_eq!(i.decided_at, Some(3_300));
        assert_eq!(i.started_at, Some(2_000));
        // Deciding twice does nothing.
        assert!(s.decide(&id, 4_000).is_empty());
    }

    #[test]
    fn templates_choose_the_decision() {
        let mut s = Store::default();
        for (template, status, event) in [
            ("itmpl_sim_declined", Status::Declined, "inquiry.declined"),
            (
                "itmpl_sim_review",
                Status::NeedsReview,
                "inquiry.marked-for-review",
            ),
            ("itmpl_sim_prefill", Status::Approved, "inquiry.approved"),
            ("itmpl_real", Status::Approved, "inquiry.approved"),
        ] {
            let (id, _, _) = s.create(new(template), Origin::Api, None, 0, TTL).unwrap();
            s.transition(&id, Status::Completed, None, 1).unwrap();
            assert_eq!(names(&s.decide(&id, 2)), [event], "{template}");
            assert_eq!(s.get(&id).unwrap().status, status);
        }
        let version = NewInquiry {
            template_version_id: Some("itmplv_sim_declined".into()),
            ..NewInquiry::default()
        };
        let (id, _, ev) = s.create(version, Origin::Api, None, 0, TTL).unwrap();
        assert_eq!(s.get(&id).unwrap().scenario, Scenario::Declined);
        assert_eq!(
            ev[0].inquiry["relationships"]["inquiry-template"]["data"]["id"],
            "itmpl_sim_declined"
        );
        assert_eq!(
            ev[0].inquiry["relationships"]["inquiry-template-version"]["data"]["id"],
            "itmplv_sim_declined"
        );
    }

    #[test]
    fn failed_inquiries_are_not_decided() {
        let mut s = Store::default();
        let (id, _, _) = s
            .create(new("itmpl_sim_fail"), Origin::Api, None, 0, TTL)
            .unwrap();
        s.transition(&id, Status::Pending, None, 1).unwrap();
        assert_eq!(
            names(&s.transition(&id, Status::Failed, None, 2).unwrap()),
            ["inquiry.failed"]
        );
        assert!(s.decide(&id, 3).is_empty());
        assert_eq!(
            s.transition(&id, Status::Completed, None, 4),
            Err(ChangeError::Conflict(Status::Failed))
        );
    }

    #[test]
    fn resume_issues_new_tokens_and_refuses_finished_inquiries() {
        let mut s = Store::default();
        let (id, first, _) = s
            .create(new("itmpl_sim_happy"), Origin::Api, None, 0, TTL)
            .unwrap();
        let (second, ev) = s.resume(&id, 10, TTL).unwrap();
        assert!(ev.is_empty());
        assert_ne!(first, second);
        assert_eq!(s.check_token(&id, Some(&second), 20), TokenCheck::Valid);
        assert_eq!(s.check_token(&id, Some(&first), 20), TokenCheck::Valid);
        assert_eq!(
            s.check_token(&id, Some(&first), TTL + 1),
            TokenCheck::Expired
        );
        assert_eq!(s.check_token(&id, Some("sess_nope"), 20), TokenCheck::Wrong);
        assert_eq!(s.check_token(&id, None, 20), TokenCheck::Missing);
        assert_eq!(s.check_token(&id, Some(""), 20), TokenCheck::Missing);
        assert_eq!(
            s.check_token("inq_nope", Some(&first), 20),
            TokenCheck::UnknownInquiry
        );
        // Another inquiry's token is wrong for this one.
        let (other, other_token, _) = s.create(new("itmpl_x"), Origin::Api, None, 0, TTL).unwrap();
        assert_eq!(
            s.check_token(&id, Some(&other_token), 20),
            TokenCheck::Wrong
        );
        assert_eq!(
            s.check_token(&other, Some(&other_token), 20),
            TokenCheck::Valid
        );

        // Expired → pending on resume.
        assert_eq!(
            names(&s.transition(&id, Status::Expired, None, 30).unwrap()),
            ["inquiry.expired"]
        );
        let (_, ev) = s.resume(&id, 40, TTL).unwrap();
        assert_eq!(names(&ev), ["inquiry.started"]);
        assert_eq!(s.get(&id).unwrap().status, Status::Pending);

        for status in [Status::Completed, Status::NeedsReview, Status::Approved] {
            s.transition(&id, status, None, 50).unwrap();
            assert_eq!(
                s.resume(&id, 60, TTL).unwrap_err(),
                ChangeError::Conflict(status)
            );
        }
        let (d, _, _) = s.create(new("itmpl_x"), Origin::Api, None, 0, TTL).unwrap();
        s.transition(&d, Status::Failed, None, 1).unwrap();
        assert_eq!(
            s.resume(&d, 2, TTL).unwrap_err(),
            ChangeError::Conflict(Status::Failed)
        );
        assert_eq!(
            s.resume("inq_missing", 2, TTL).unwrap_err(),
            ChangeError::NotFound
        );
    }

    #[test]
    fn every_transition_follows_the_table() {
        for from in Status::ALL {
            for to in Status::ALL {
                let mut s = Store::default();
                let (id, _, _) = s.create(new("itmpl_x"), Origin::Api, None, 0, TTL).unwrap();
                if let Some(i) = s.inquiries.get_mut(&id) {
                    i.status = from;
                }
                let result = s.transition(&id, to, None, 1);
                let allowed = from == to || to.allowed_from().contains(&from);
                assert_eq!(result.is_ok(), allowed, "{from:?} → {to:?}");
                if from != to && allowed {
                    let ev = result.unwrap();
                    assert_eq!(ev.len(), 1);
                    assert_eq!(ev[0].inquiry["attributes"]["status"], to.as_str());
                }
            }
        }
    }

    #[test]
    fn inactive_inquiries_expire() {
        let mut s = Store::default();
        let (a, _, _) = s.create(new("itmpl_x"), Origin::Api, None, 0, TTL).unwrap();
        let (b, _, _) = s.create(new("itmpl_x"), Origin::Api, None, 0, TTL).unwrap();
        s.transition(&b, Status::Pending, None, 500).unwrap();
        let (c, _, _) = s.create(new("itmpl_x"), Origin::Api, None, 0, TTL).unwrap();
        s.transition(&c, Status::Completed, None, 10).unwrap();
        let ev = s.expire_due(1_000, 1_000);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].inquiry_id, a);
        let ev = s.expire_due(1_500, 1_000);
        assert_eq!((ev.len(), ev[0].inquiry_id.as_str()), (1, b.as_str()));
        assert!(s.expire_due(10_000, 1_000).is_empty());
        assert_eq!(s.get(&c).unwrap().status, Status::Completed);
    }

    #[test]
    fn lists_newest_first_with_filters() {
        let mut s = Store::default();
        let mut made = Vec::new();
        for (i, r) in ["a", "b", "a", "a"].iter().enumerate() {
            let n = NewInquiry {
                template_id: Some("itmpl_x".into()),
                reference_id: Some((*r).into()),
                ..NewInquiry::default()
            };
            let (id, _, _) = s.create(n, Origin::Api, None, i as u64, TTL).unwrap();
            made.push(id);
        }
        s.transition(&made[2], Status::Pending, None, 9).unwrap();
        let f = |r: Option<&str>, st: &[&str]| Filter {
            reference_id: r.map(str::to_owned),
            account_id: None,
            statuses: st.iter().map(|s| (*s).to_owned()).collect(),
        };
        let ids = |v: Vec<&Inquiry>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(
            ids(s.list(&f(Some("a"), &[]))),
            [made[3].clone(), made[2].clone(), made[0].clone()]
        );
        assert_eq!(ids(s.list(&f(Some("a"), &["pending"]))), [made[2].clone()]);
        assert_eq!(ids(s.list(&f(Some("a"), &["created", "pending"]))).len(), 3);
        assert_eq!(ids(s.list(&f(None, &["bogus"]))).len(), 0);
        assert_eq!(s.list(&Filter::default()).len(), 4);
    }

    #[test]
    fn flows_may_bring_their_own_ids() {
        let mut s = Store::default();
        let given = Some(("inq_sim_abc".to_owned(), "sess_sim_xyz".to_owned()));
        let (id, token, _) = s
            .create(new("itmpl_sim_happy"), Origin::Flow, given.clone(), 0, TTL)
            .unwrap();
        assert_eq!(
            (id.as_str(), token.as_str()),
            ("inq_sim_abc", "sess_sim_xyz")
        );
        assert_eq!(s.get(&id).unwrap().resume_scenario(), None);
        assert_eq!(
            s.create(new("itmpl_x"), Origin::Flow, given, 0, TTL)
                .unwrap_err(),
            ChangeError::BadId
        );
        for bad in ["abc", "inq_", "inq_a b", "inq_<script>"] {
            let given = Some((bad.to_owned(), "t".to_owned()));
            assert_eq!(
                s.create(new("itmpl_x"), Origin::Flow, given, 0, TTL)
                    .unwrap_err(),
                ChangeError::BadId
            );
        }
        let (api, _, _) = s
            .create(
                new("itmpl_sim_cancel_after_inquiry"),
                Origin::Api,
                None,
                0,
                TTL,
            )
            .unwrap();
        assert_eq!(
            s.get(&api).unwrap().resume_scenario(),
            Some(Scenario::Happy)
        );
    }

    #[test]
    fn fields_are_typed() {
        assert_eq!(
            typed_field(&json!("x")),
            json!({"type": "string", "value": "x"})
        );
        assert_eq!(
            typed_field(&json!(3)),
            json!({"type": "integer", "value": 3})
        );
        assert_eq!(
            typed_field(&json!(1.5)),
            json!({"type": "float", "value": 1.5})
        );
        assert_eq!(
            typed_field(&json!(true)),
            json!({"type": "boolean", "value": true})
        );
        assert_eq!(
            typed_field(&json!({"a": 1})),
            json!({"type": "hash", "value": {"a": 1}})
        );
        let typed = json!({"type": "date", "value": "1990-01-01"});
        assert_eq!(typed_field(&typed), typed);
    }
}
