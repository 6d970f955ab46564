//! The typed event: [`WebhookEvent`], [`EventName`], [`Inquiry`].

use std::fmt;

use serde_json::{Map, Value};

use super::{Timestamp, WebhookError};
use crate::InquiryStatus;

/// A verified Persona event.
///
/// Persona guarantees neither order nor uniqueness: deduplicate by
/// [`WebhookEvent::id`] and order by [`WebhookEvent::created_at`], and read an
/// inquiry's current state from its [`Inquiry::status`] rather than from the
/// event's name alone.
///
/// ```
/// use leptos_persona_server::webhook::{sign, EventName, WebhookVerifier};
/// use leptos_persona_server::{InquiryStatus, Secret};
///
/// let secret = Secret::new("wbhsec_example");
/// let body = br#"{"data":{"type":"event","id":"evt_1","attributes":{
///     "name":"inquiry.approved","created-at":"2026-01-02T03:04:05.000Z",
///     "payload":{"data":{"type":"inquiry","id":"inq_1",
///         "attributes":{"status":"approved","reference-id":"user-42","fields":{}},
///         "relationships":{"inquiry-template":{"data":{"type":"inquiry-template","id":"itmpl_1"}}}}}}}}"#;
/// let now = std::time::SystemTime::now();
/// let t = now.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
/// let header = sign(&secret, t, body);
///
/// let event = WebhookVerifier::new(secret).verify_at(Some(&header), body, now).unwrap();
/// assert_eq!(event.id, "evt_1");
/// assert_eq!(event.name, EventName::InquiryApproved);
/// assert_eq!(event.created_at.to_string(), "2026-01-02T03:04:05Z");
/// let inquiry = event.inquiry.unwrap();
/// assert_eq!(inquiry.status, InquiryStatus::Approved);
/// assert_eq!(inquiry.reference_id.as_deref(), Some("user-42"));
/// assert_eq!(inquiry.template_id.as_deref(), Some("itmpl_1"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WebhookEvent {
    /// The event's id (`evt_…`), the same on every retry of its delivery.
    pub id: String,
    /// What happened.
    pub name: EventName,
    /// When Persona created the event (`data.attributes.created-at`).
    pub created_at: Timestamp,
    /// The `t` of the signature that verified, in Unix seconds: when this
    /// delivery was signed.
    pub signed_at: u64,
    /// The payload, when it is an inquiry (`payload.data.type` is `inquiry`);
    /// `None` for other objects (reports, cases, accounts…), which are in
    /// [`WebhookEvent::raw`].
    pub inquiry: Option<Inquiry>,
    /// The whole body, as parsed.
    pub raw: Value,
}

/// An inquiry, as an event's payload carries it.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Inquiry {
    /// The inquiry's id (`inq_…`).
    pub id: String,
    /// Its status when the event was created.
    pub status: InquiryStatus,
    /// The reference id the app gave it (`reference-id`), if any.
    pub reference_id: Option<String>,
    /// Its template's id (`itmpl_…`): the `inquiry-template` relationship, or
    /// an `inquiry-template-id` attribute.
    pub template_id: Option<String>,
    /// Its fields, as sent: names and values follow the webhook's key
    /// inflection (`name-first`, `nameFirst` or `name_first`).
    pub fields: Map<String, Value>,
}

/// An event's name. Persona says the list "can grow at any time": a name this
/// crate does not know is kept as [`EventName::Other`].
///
/// ```
/// use leptos_persona_server::webhook::EventName;
/// use leptos_persona_server::InquiryStatus;
///
/// assert_eq!(EventName::parse("inquiry.marked-for-review"), EventName::InquiryMarkedForReview);
/// assert_eq!(EventName::parse("report.ready"), EventName::Other("report.ready".into()));
/// assert_eq!(EventName::InquiryApproved.as_str(), "inquiry.approved");
/// assert_eq!(EventName::InquiryStarted.inquiry_status(), Some(InquiryStatus::Pending));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventName {
    /// `inquiry.created`
    InquiryCreated,
    /// `inquiry.started`
    InquiryStarted,
    /// `inquiry.completed`
    InquiryCompleted,
    /// `inquiry.failed`
    InquiryFailed,
    /// `inquiry.expired`
    InquiryExpired,
    /// `inquiry.marked-for-review`
    InquiryMarkedForReview,
    /// `inquiry.approved`
    InquiryApproved,
    /// `inquiry.declined`
    InquiryDeclined,
    /// `inquiry.transitioned`
    InquiryTransitioned,
    /// `inquiry.redacted`
    InquiryRedacted,
    /// A name this crate does not know, as Persona sent it.
    Other(String),
}

impl EventName {
    /// Every name this crate knows.
    pub const KNOWN: [EventName; 10] = [
        Self::InquiryCreated,
        Self::InquiryStarted,
        Self::InquiryCompleted,
        Self::InquiryFailed,
        Self::InquiryExpired,
        Self::InquiryMarkedForReview,
        Self::InquiryApproved,
        Self::InquiryDeclined,
        Self::InquiryTransitioned,
        Self::InquiryRedacted,
    ];

    /// The name for Persona's spelling of it; any other text is
    /// [`EventName::Other`].
    pub fn parse(name: &str) -> Self {
        Self::KNOWN
            .into_iter()
            .find(|known| known.as_str() == name)
            .unwrap_or_else(|| Self::Other(name.to_owned()))
    }

    /// Persona's spelling of the name.
    pub fn as_str(&self) -> &str {
        match self {
            Self::InquiryCreated => "inquiry.created",
            Self::InquiryStarted => "inquiry.started",
            Self::InquiryCompleted => "inquiry.completed",
            Self::InquiryFailed => "inquiry.failed",
            Self::InquiryExpired => "inquiry.expired",
            Self::InquiryMarkedForReview => "inquiry.marked-for-review",
            Self::InquiryApproved => "inquiry.approved",
            Self::InquiryDeclined => "inquiry.declined",
            Self::InquiryTransitioned => "inquiry.transitioned",
            Self::InquiryRedacted => "inquiry.redacted",
            Self::Other(other) => other,
        }
    }

    /// The status an inquiry event reports (`inquiry.started`: pending,
    /// `inquiry.marked-for-review`: needs_review…); `None` for
    /// `inquiry.transitioned`, `inquiry.redacted` and unknown names. The
    /// payload's [`Inquiry::status`] is what the inquiry had when the event
    /// was made; trust it over this.
    pub fn inquiry_status(&self) -> Option<InquiryStatus> {
        Some(match self {
            Self::InquiryCreated => InquiryStatus::Created,
            Self::InquiryStarted => InquiryStatus::Pending,
            Self::InquiryCompleted => InquiryStatus::Completed,
            Self::InquiryFailed => InquiryStatus::Failed,
            Self::InquiryExpired => InquiryStatus::Expired,
            Self::InquiryMarkedForReview => InquiryStatus::NeedsReview,
            Self::InquiryApproved => InquiryStatus::Approved,
            Self::InquiryDeclined => InquiryStatus::Declined,
            Self::InquiryTransitioned | Self::InquiryRedacted | Self::Other(_) => return None,
        })
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A key in its three inflections: kebab, camel, snake (looked up in that order).
type Key = [&'static str; 3];

const CREATED_AT: Key = ["created-at", "createdAt", "created_at"];
const REFERENCE_ID: Key = ["reference-id", "referenceId", "reference_id"];
const INQUIRY_TEMPLATE: Key = ["inquiry-template", "inquiryTemplate", "inquiry_template"];
const INQUIRY_TEMPLATE_ID: Key = [
    "inquiry-template-id",
    "inquiryTemplateId",
    "inquiry_template_id",
];

/// The first of a key's inflections the object has.
fn inflected(object: &Map<String, Value>, key: Key) -> Option<&Value> {
    key.iter().find_map(|k| object.get(*k))
}

fn not_an_event(problem: impl Into<String>) -> WebhookError {
    WebhookError::NotAnEvent {
        problem: problem.into(),
    }
}

/// `object[key]` as an object, or an error naming `path`.
fn object_at<'v>(
    object: &'v Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'v Map<String, Value>, WebhookError> {
    match object.get(key) {
        Some(Value::Object(inner)) => Ok(inner),
        Some(_) => Err(not_an_event(format!("{path} is not an object"))),
        None => Err(not_an_event(format!("{path} is missing"))),
    }
}

/// A non-empty string, or an error naming `path`.
fn text<'v>(value: Option<&'v Value>, path: &str) -> Result<&'v str, WebhookError> {
    match value {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(not_an_event(format!("{path} is empty"))),
        Some(_) => Err(not_an_event(format!("{path} is not a string"))),
        None => Err(not_an_event(format!("{path} is missing"))),
    }
}

impl WebhookEvent {
    /// Parses a verified body (never called before the signature is checked).
    pub(crate) fn parse(body: &[u8], signed_at: u64) -> Result<Self, WebhookError> {
        let raw: Value = serde_json::from_slice(body)
            .map_err(|e| not_an_event(format!("the body is not JSON: {e}")))?;
        let root = raw
            .as_object()
            .ok_or_else(|| not_an_event("the body is not a JSON object"))?;
        let data = object_at(root, "data", "data")?;
        match data.get("type") {
            Some(Value::String(kind)) if kind == "event" => {}
            Some(Value::String(_)) => return Err(not_an_event("data.type is not \"event\"")),
            Some(_) => return Err(not_an_event("data.type is not a string")),
            None => return Err(not_an_event("data.type is missing")),
        }
        let id = text(data.get("id"), "data.id")?.to_owned();
        let attributes = object_at(data, "attributes", "data.attributes")?;
        let name = EventName::parse(text(attributes.get("name"), "data.attributes.name")?);
        let created_at = text(
            inflected(attributes, CREATED_AT),
            "data.attributes.created-at",
        )?;
        let created_at = Timestamp::parse(created_at).ok_or_else(|| {
            not_an_event("data.attributes.created-at is not an RFC 3339 date and time")
        })?;
        let inquiry = match attributes.get("payload") {
            Some(Value::Object(payload)) => match payload.get("data") {
                Some(Value::Object(object)) => Inquiry::from_payload(object)?,
                _ => None,
            },
            _ => None,
        };
        Ok(Self {
            id,
            name,
            created_at,
            signed_at,
            inquiry,
            raw,
        })
    }
}

impl Inquiry {
    /// The payload's object, when its `type` is `inquiry`: `id` and
    /// `attributes.status` are required; the rest is read when it is there.
    fn from_payload(object: &Map<String, Value>) -> Result<Option<Self>, WebhookError> {
        if object.get("type").and_then(Value::as_str) != Some("inquiry") {
            return Ok(None);
        }
        const AT: &str = "data.attributes.payload.data";
        let id = text(object.get("id"), &format!("{AT}.id"))?.to_owned();
        let attributes = object_at(object, "attributes", &format!("{AT}.attributes"))?;
        let status = text(attributes.get("status"), &format!("{AT}.attributes.status"))?;
        let as_string = |value: Option<&Value>| value.and_then(Value::as_str).map(str::to_owned);
        let from_relationship = object
            .get("relationships")
            .and_then(Value::as_object)
            .and_then(|r| inflected(r, INQUIRY_TEMPLATE))
            .and_then(Value::as_object)
            .and_then(|t| t.get("data"))
            .and_then(Value::as_object)
            .and_then(|d| d.get("id"));
        let template_id = as_string(from_relationship)
            .or_else(|| as_string(inflected(attributes, INQUIRY_TEMPLATE_ID)));
        Ok(Some(Self {
            id,
            status: InquiryStatus::parse(status),
            reference_id: as_string(inflected(attributes, REFERENCE_ID)),
            template_id,
            fields: attributes
                .get("fields")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        }))
    }
}
