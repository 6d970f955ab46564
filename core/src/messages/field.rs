//! [`Field`]: the typed inquiry fields a `complete` / `fail` event reports.

use serde_json::{Map, Value};

use crate::messages::json_access;

/// A reference to a document or selfie collected by the flow (`{id, type}`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DocumentRef {
    /// The object id, e.g. `doc_…` or `self_…`.
    pub id: String,
    /// The object type, e.g. `Document::GovernmentId` or `Selfie::CenterOnly`.
    pub kind: String,
}

/// One inquiry field, by the 14 field types Persona documents.
///
/// A value of the wrong shape for its declared type, or a type this crate does
/// not know, becomes [`Field::Other`] with the raw JSON, never a panic; a
/// `null` value is `None`.
///
/// ```
/// use leptos_persona_core::Field;
/// use serde_json::json;
///
/// assert_eq!(Field::parse(&json!({"type": "string", "value": "Jane"})), Field::String(Some("Jane".into())));
/// assert_eq!(Field::parse(&json!({"type": "integer", "value": null})), Field::Integer(None));
/// assert!(matches!(Field::parse(&json!({"type": "integer", "value": "x"})), Field::Other { .. }));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Field {
    /// `boolean`.
    Boolean(Option<bool>),
    /// `choices`: one option key.
    Choices(Option<String>),
    /// `date`: `YYYY-MM-DD`.
    Date(Option<String>),
    /// `datetime`: ISO 8601.
    Datetime(Option<String>),
    /// `integer`.
    Integer(Option<i64>),
    /// `json`: any JSON.
    Json(Value),
    /// `multi_choices`: option keys.
    MultiChoices(Option<Vec<String>>),
    /// `number`.
    Number(Option<f64>),
    /// `string`.
    String(Option<String>),
    /// `generic`: a generic document.
    Generic(Option<DocumentRef>),
    /// `mobile_drivers_license`.
    MobileDriversLicense(Option<DocumentRef>),
    /// `nfc_passport`.
    NfcPassport(Option<DocumentRef>),
    /// `government_id`.
    GovernmentId(Option<DocumentRef>),
    /// `selfie`.
    Selfie(Option<DocumentRef>),
    /// An unknown type, or a value that does not fit its declared type.
    Other {
        /// The declared `type`, if it was a string.
        field_type: Option<String>,
        /// The raw `value` (`Null` when absent).
        value: Value,
    },
}

/// `Some(parsed)` for a fitting value, `Ok(None)` for null, `Err(())` for a misfit.
fn fit<T>(value: &Value, parse: impl Fn(&Value) -> Option<T>) -> Result<Option<T>, ()> {
    if value.is_null() {
        Ok(None)
    } else {
        parse(value).map(Some).ok_or(())
    }
}

fn document(value: &Value) -> Option<DocumentRef> {
    Some(DocumentRef {
        id: json_access::string(Some(value), "id")?,
        kind: json_access::string(Some(value), "type")?,
    })
}

fn strings(value: &Value) -> Option<Vec<String>> {
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

fn text(value: &Value) -> Option<String> {
    value.as_str().map(str::to_owned)
}

impl Field {
    /// Parses one `{type, value}` field object (never panics).
    pub fn parse(raw: &Value) -> Self {
        let field_type = json_access::string(Some(raw), "type");
        let value = json_access::member(Some(raw), "value")
            .cloned()
            .unwrap_or(Value::Null);
        let parsed = match field_type.as_deref() {
            Some("boolean") => fit(&value, Value::as_bool).map(Self::Boolean),
            Some("choices") => fit(&value, text).map(Self::Choices),
            Some("date") => fit(&value, text).map(Self::Date),
            Some("datetime") => fit(&value, text).map(Self::Datetime),
            Some("integer") => fit(&value, Value::as_i64).map(Self::Integer),
            Some("json") => Ok(Self::Json(value.clone())),
            Some("multi_choices") => fit(&value, strings).map(Self::MultiChoices),
            Some("number") => fit(&value, Value::as_f64).map(Self::Number),
            Some("string") => fit(&value, text).map(Self::String),
            Some("generic") => fit(&value, document).map(Self::Generic),
            Some("mobile_drivers_license") => fit(&value, document).map(Self::MobileDriversLicense),
            Some("nfc_passport") => fit(&value, document).map(Self::NfcPassport),
            Some("government_id") => fit(&value, document).map(Self::GovernmentId),
            Some("selfie") => fit(&value, document).map(Self::Selfie),
            _ => Err(()),
        };
        parsed.unwrap_or(Self::Other { field_type, value })
    }
}

/// The fields of a finished inquiry.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CompletionFields {
    /// Dynamic-flow templates: field key → typed [`Field`], in the order sent.
    Fields(Vec<(String, Field)>),
    /// Legacy templates send `scopes` (key → raw value) instead.
    Scopes(Map<String, Value>),
}

impl CompletionFields {
    /// The typed field `key`, for dynamic-flow templates.
    pub fn get(&self, key: &str) -> Option<&Field> {
        match self {
            Self::Fields(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, f)| f),
            Self::Scopes(_) => None,
        }
    }
}
