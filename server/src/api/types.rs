//! What the API's calls take and give: [`Template`], [`CreateInquiry`],
//! [`Inquiry`] (parsed leniently from JSON:API), [`Created`], [`Resumed`],
//! [`Start`].

use std::fmt;

use serde_json::{Map, Value};

use super::ApiError;
use crate::InquiryStatus;

/// The template a new inquiry follows: a template id (`itmpl_…`, its current
/// published version) or one version of it (`itmplv_…`).
///
/// ```
/// use leptos_persona_server::api::Template;
/// let template = Template::id("itmpl_abc");
/// assert_eq!(template.as_str(), "itmpl_abc");
/// assert_eq!(Template::version("itmplv_abc").as_str(), "itmplv_abc");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Template {
    /// `inquiry-template-id`: the template's current version.
    Id(String),
    /// `inquiry-template-version-id`: that version exactly.
    Version(String),
}

impl Template {
    /// A template id (`itmpl_…`).
    pub fn id(id: impl Into<String>) -> Self {
        Self::Id(id.into())
    }

    /// A template version id (`itmplv_…`).
    pub fn version(id: impl Into<String>) -> Self {
        Self::Version(id.into())
    }

    /// The id, as given.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Id(id) | Self::Version(id) => id,
        }
    }

    /// The attribute that names it in a create request.
    pub(crate) fn attribute(&self) -> &'static str {
        match self {
            Self::Id(_) => "inquiry-template-id",
            Self::Version(_) => "inquiry-template-version-id",
        }
    }

    /// Whether `inquiry` may be of this template: it is unless its
    /// relationships name another one (some answers name none).
    pub(crate) fn may_match(&self, inquiry: &Inquiry) -> bool {
        let named = match self {
            Self::Id(_) => inquiry.template_id.as_deref(),
            Self::Version(_) => inquiry.template_version_id.as_deref(),
        };
        named.is_none_or(|named| named == self.as_str())
    }
}

/// Who a new inquiry is for: your own id for the person (`reference-id`), or a
/// Persona account (`account-id`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Subject {
    /// `reference-id`: your id for the person.
    ReferenceId(String),
    /// `account-id`: a Persona account (`act_…`).
    AccountId(String),
}

/// A create request: [`Client::create_inquiry`](super::Client::create_inquiry).
///
/// ```
/// use leptos_persona_server::api::{CreateInquiry, Template};
/// let request = CreateInquiry::new(Template::id("itmpl_abc"))
///     .reference_id("user-42")
///     .fields(serde_json::json!({"name-first": "Jane"}))
///     .idempotency_key("signup-user-42");
/// assert_eq!(request.key(), Some("signup-user-42"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CreateInquiry {
    template: Template,
    subject: Option<Subject>,
    fields: Option<Value>,
    idempotency_key: Option<String>,
}

impl CreateInquiry {
    /// An inquiry of `template`, for nobody in particular (yet).
    pub fn new(template: Template) -> Self {
        Self {
            template,
            subject: None,
            fields: None,
            idempotency_key: None,
        }
    }

    /// For the person your app knows as `reference_id` (replaces an account id).
    pub fn reference_id(mut self, reference_id: impl Into<String>) -> Self {
        self.subject = Some(Subject::ReferenceId(reference_id.into()));
        self
    }

    /// For Persona account `account_id` (replaces a reference id).
    pub fn account_id(mut self, account_id: impl Into<String>) -> Self {
        self.subject = Some(Subject::AccountId(account_id.into()));
        self
    }

    /// Prefilled fields, as Persona names them (`{"name-first": "Jane"}`); a
    /// JSON object.
    pub fn fields(mut self, fields: Value) -> Self {
        self.fields = Some(fields);
        self
    }

    /// The `Idempotency-Key` to send: the same key with the same request makes
    /// Persona answer with the first inquiry again instead of creating one.
    /// Without it, the client makes a random key for the call (reused by its
    /// retries, so a retry never creates a second inquiry, but a second call
    /// does).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// The template.
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// The caller's `Idempotency-Key`, if one was given.
    pub fn key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    /// The JSON:API body.
    pub(crate) fn body(&self) -> Result<Value, ApiError> {
        let mut attributes = Map::new();
        attributes.insert(
            self.template.attribute().into(),
            Value::String(self.template.as_str().into()),
        );
        match &self.subject {
            Some(Subject::ReferenceId(id)) => {
                attributes.insert("reference-id".into(), Value::String(id.clone()));
            }
            Some(Subject::AccountId(id)) => {
                attributes.insert("account-id".into(), Value::String(id.clone()));
            }
            None => {}
        }
        match &self.fields {
            None => {}
            Some(fields @ Value::Object(_)) => {
                attributes.insert("fields".into(), fields.clone());
            }
            Some(_) => {
                return Err(ApiError::InvalidInput {
                    problem: "an inquiry's fields must be a JSON object".into(),
                })
            }
        }
        if self.template.as_str().is_empty() {
            return Err(ApiError::InvalidInput {
                problem: "the template id is empty".into(),
            });
        }
        Ok(serde_json::json!({ "data": { "attributes": attributes } }))
    }
}

/// An inquiry as the API reports it. Keys are read in kebab case (what the
/// client asks for), camel or snake case; only `id` and `attributes.status`
/// are required.
///
/// ```
/// use leptos_persona_server::api::Inquiry;
/// use leptos_persona_server::InquiryStatus;
///
/// let inquiry = Inquiry::from_json_api(&serde_json::json!({
///     "type": "inquiry",
///     "id": "inq_1",
///     "attributes": {"status": "pending", "referenceId": "user-42"},
///     "relationships": {"inquiry-template": {"data": {"id": "itmpl_abc"}}}
/// }))?;
/// assert_eq!(inquiry.status, InquiryStatus::Pending);
/// assert_eq!(inquiry.reference_id.as_deref(), Some("user-42"));
/// assert_eq!(inquiry.template_id.as_deref(), Some("itmpl_abc"));
/// # Ok::<(), leptos_persona_server::api::ApiError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Inquiry {
    /// `inq_…`.
    pub id: String,
    /// Its status; one this crate does not know is [`InquiryStatus::Other`].
    pub status: InquiryStatus,
    /// `reference-id`, your id for the person.
    pub reference_id: Option<String>,
    /// The Persona account, from `relationships.account`.
    pub account_id: Option<String>,
    /// From `relationships.inquiry-template`.
    pub template_id: Option<String>,
    /// From `relationships.inquiry-template-version`.
    pub template_version_id: Option<String>,
    /// `created-at`, as Persona wrote it (ISO 8601).
    pub created_at: Option<String>,
    /// `updated-at`, as Persona wrote it (ISO 8601).
    pub updated_at: Option<String>,
    /// `fields`, raw (Persona's `{"name-first": {"type", "value"}}`); `{}`
    /// when absent.
    pub fields: Value,
}

/// `object[key]` under any of its spellings.
fn get<'a>(object: &'a Map<String, Value>, spellings: &[&str]) -> Option<&'a Value> {
    spellings.iter().find_map(|key| object.get(*key))
}

fn text(object: &Map<String, Value>, spellings: &[&str]) -> Option<String> {
    get(object, spellings)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// `relationships[name].data.id`.
fn related(relationships: Option<&Map<String, Value>>, spellings: &[&str]) -> Option<String> {
    let data = get(relationships?, spellings)?.get("data")?.as_object()?;
    text(data, &["id"])
}

impl Inquiry {
    /// An inquiry from its JSON:API resource object (`data` of an API answer,
    /// or of a webhook event's payload).
    pub fn from_json_api(resource: &Value) -> Result<Self, ApiError> {
        let decode = |what: &str| ApiError::Decode {
            what: format!("the inquiry has no {what}"),
        };
        let object = resource
            .as_object()
            .ok_or_else(|| decode("object (data is not a JSON object)"))?;
        let id = text(object, &["id"]).ok_or_else(|| decode("id (data.id)"))?;
        let empty = Map::new();
        let attributes = get(object, &["attributes"])
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let status = text(attributes, &["status"])
            .ok_or_else(|| decode("status (data.attributes.status)"))?;
        let relationships = get(object, &["relationships"]).and_then(Value::as_object);
        Ok(Self {
            id,
            status: InquiryStatus::parse(&status),
            reference_id: text(attributes, &["reference-id", "referenceId", "reference_id"]),
            account_id: related(relationships, &["account"]),
            template_id: related(
                relationships,
                &["inquiry-template", "inquiryTemplate", "inquiry_template"],
            ),
            template_version_id: related(
                relationships,
                &[
                    "inquiry-template-version",
                    "inquiryTemplateVersion",
                    "inquiry_template_version",
                ],
            ),
            created_at: text(attributes, &["created-at", "createdAt", "created_at"]),
            updated_at: text(attributes, &["updated-at", "updatedAt", "updated_at"]),
            fields: get(attributes, &["fields"])
                .filter(|f| f.is_object())
                .cloned()
                .unwrap_or_else(|| Value::Object(Map::new())),
        })
    }
}

/// `meta.session-token` (or `sessionToken`, `session_token`) of an answer.
pub(crate) fn session_token(answer: &Value) -> Option<String> {
    let meta = answer.get("meta")?.as_object()?;
    text(meta, &["session-token", "sessionToken", "session_token"])
}

/// A session token's `Debug`: its length only (it lets anyone holding it go
/// on with the person's flow).
struct Token<'a>(&'a str);

impl fmt::Debug for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

/// What a create answered: the new inquiry, and a session token when Persona
/// sent one (it may not: [`Client::resume_inquiry`](super::Client::resume_inquiry)
/// gives one).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Created {
    /// The inquiry.
    pub inquiry: Inquiry,
    /// `meta.session-token`, if the answer had one.
    pub session_token: Option<String>,
}

impl fmt::Debug for Created {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Created")
            .field("inquiry", &self.inquiry)
            .field("session_token", &self.session_token.as_deref().map(Token))
            .finish()
    }
}

/// What a resume answered: a session token for the inquiry's flow.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub struct Resumed {
    /// The inquiry resumed.
    pub inquiry_id: String,
    /// `meta.session-token`: what `<PersonaInquiry session_token=…/>` takes.
    pub session_token: String,
    /// The inquiry as the answer reported it (an expired one is `pending`
    /// again), when the answer's `data` was an inquiry.
    pub inquiry: Option<Inquiry>,
}

impl fmt::Debug for Resumed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resumed")
            .field("inquiry_id", &self.inquiry_id)
            .field("session_token", &Token(&self.session_token))
            .field("inquiry", &self.inquiry)
            .finish()
    }
}

/// What [`Client::start_or_resume`](super::Client::start_or_resume) decided for
/// a person. Its `Debug` shows a session token's length only.
///
/// ```
/// use leptos_persona_server::api::Start;
/// # fn view(start: Start) {
/// match start {
///     Start::Resume { inquiry_id, session_token, .. } => {
///         // <PersonaInquiry inquiry_id=inquiry_id session_token=session_token/>
///         # let _ = (inquiry_id, session_token);
///     }
///     Start::Finished { status, .. } => {
///         // "Your verification is {status}": no flow to show.
///         # let _ = status;
///     }
/// }
/// # }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum Start {
    /// Open the flow of this inquiry (new, or resumed) with this token.
    Resume {
        /// `inq_…`: `<PersonaInquiry inquiry_id=…/>`.
        inquiry_id: String,
        /// `<PersonaInquiry session_token=…/>`.
        session_token: String,
        /// The inquiry's status as the last answer reported it (`created` for a
        /// new one, `pending` for a resumed one).
        status: InquiryStatus,
    },
    /// The person's inquiry is finished: show its outcome, not a flow.
    Finished {
        /// `inq_…`.
        inquiry_id: String,
        /// Completed, needs review, approved, declined, failed (unless
        /// [`StartOptions::retry_failed`](super::StartOptions::retry_failed)),
        /// or a status this crate does not know.
        status: InquiryStatus,
    },
}

impl Start {
    /// The inquiry's id, either way.
    pub fn inquiry_id(&self) -> &str {
        match self {
            Self::Resume { inquiry_id, .. } | Self::Finished { inquiry_id, .. } => inquiry_id,
        }
    }

    /// The inquiry's status, either way.
    pub fn status(&self) -> &InquiryStatus {
        match self {
            Self::Resume { status, .. } | Self::Finished { status, .. } => status,
        }
    }
}

impl fmt::Debug for Start {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Resume {
                inquiry_id,
                session_token,
                status,
            } => f
                .debug_struct("Resume")
                .field("inquiry_id", inquiry_id)
                .field("session_token", &Token(session_token))
                .field("status", status)
                .finish(),
            Self::Finished { inquiry_id, status } => f
                .debug_struct("Finished")
                .field("inquiry_id", inquiry_id)
                .field("status", status)
                .finish(),
        }
    }
}
