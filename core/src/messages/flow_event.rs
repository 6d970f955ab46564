//! Messages from the flow: `event.data` → [`FlowMessage`] with a typed [`FlowEvent`]:
//! the payloads and the functions that read them (the events themselves are rows of
//! `event_table.rs`).

use serde_json::{Map, Value};

use crate::messages::json_access::{self, member};
use crate::{CompletionFields, Field, FlowEvent};

/// The flow's preferred modal size, from `ready` (CSS strings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreferredDimensions {
    /// `minimumWidth`.
    pub minimum_width: Option<String>,
    /// `maximumWidth`.
    pub maximum_width: Option<String>,
    /// `minimumHeight`.
    pub minimum_height: Option<String>,
    /// `maximumHeight`.
    pub maximum_height: Option<String>,
}

/// The flow's styles, from `ready`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct InquiryStyles {
    /// `borderRadius` (CSS).
    pub border_radius: Option<String>,
}

/// `ready`: what `on_ready` receives.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ReadyPayload {
    /// The preferred modal size, if sent.
    pub preferred_dimensions: Option<PreferredDimensions>,
    /// The flow's styles, if sent.
    pub styles: Option<InquiryStyles>,
    /// The argument as the official SDK builds it: `{preferredDimensions, styles}`
    /// (a key the SDK would set to `undefined` is absent).
    pub raw: Map<String, Value>,
}

/// `start`: an inquiry was created or resumed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StartPayload {
    /// The inquiry id (`inq_…`).
    pub inquiry_id: Option<String>,
    /// The session token, when the flow sends one.
    pub session_token: Option<String>,
}

/// `complete` / `fail`: what `on_complete` receives.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CompletePayload {
    /// The inquiry id.
    pub inquiry_id: Option<String>,
    /// The inquiry status, e.g. `completed`, `failed`.
    pub status: Option<String>,
    /// The fields (dynamic flows) or scopes (legacy templates).
    pub fields: Option<CompletionFields>,
    /// The argument as the official SDK builds it: `{inquiryId, status, fields}`.
    pub raw: Map<String, Value>,
}

/// `exit`: what `on_cancel` receives (both absent when no inquiry existed yet).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ExitPayload {
    /// The inquiry id, if one was created.
    pub inquiry_id: Option<String>,
    /// The session token to resume it with.
    pub session_token: Option<String>,
    /// The argument as the official SDK builds it: `{inquiryId, sessionToken}`.
    pub raw: Map<String, Value>,
}

/// `page-change`: the flow moved to another page.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct PageChange {
    /// The page's name.
    pub name: Option<String>,
    /// The page's display name.
    pub name_display: Option<String>,
    /// The page's path.
    pub path: Option<String>,
    /// The page's path, as the SDK's types spell it.
    pub pathname: Option<String>,
    /// The page's content height in CSS pixels (a finite, non-negative number).
    pub page_height: Option<f64>,
}

/// `camera-permissions-check-result`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CameraPermissions {
    /// `hasCameraPermission`.
    pub has_camera_permission: Option<bool>,
    /// `hasMicrophonePermission`.
    pub has_microphone_permission: Option<bool>,
    /// `requestedMicrophone`: whether the microphone matters for this flow.
    pub requested_microphone: Option<bool>,
}

/// Why a message's payload could not be read (the message is then rejected).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayloadError {
    /// `complete`, `fail` or `exit` without an object `metadata`.
    MetadataNotAnObject,
    /// `error` without an object `error`.
    ErrorNotAnObject,
}

/// An accepted message from the flow.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FlowMessage {
    /// The event name as sent.
    pub name: String,
    /// The typed event.
    pub event: FlowEvent,
    /// `metadata` exactly as sent (`None` when absent), what `on_event` receives.
    pub metadata: Option<Value>,
}

/// The SDK's callback argument: the given keys whose values are defined.
fn raw_args(keys: &[(&str, Option<&Value>)]) -> Map<String, Value> {
    keys.iter()
        .filter_map(|(k, v)| v.map(|v| ((*k).to_owned(), v.clone())))
        .collect()
}

/// `metadata`, which must be an object (`complete`, `fail`, `exit`).
pub(crate) fn object(metadata: Option<&Value>) -> Result<&Value, PayloadError> {
    metadata
        .filter(|v| v.is_object())
        .ok_or(PayloadError::MetadataNotAnObject)
}

/// `ready`: `{preferredDimensions, styles}`.
pub(crate) fn ready(md: Option<&Value>) -> ReadyPayload {
    let dims = member(md, "preferredDimensions");
    let styles = member(md, "styles");
    ReadyPayload {
        preferred_dimensions: dims.filter(|d| d.is_object()).map(|d| PreferredDimensions {
            minimum_width: json_access::string(Some(d), "minimumWidth"),
            maximum_width: json_access::string(Some(d), "maximumWidth"),
            minimum_height: json_access::string(Some(d), "minimumHeight"),
            maximum_height: json_access::string(Some(d), "maximumHeight"),
        }),
        styles: styles.filter(|s| s.is_object()).map(|s| InquiryStyles {
            border_radius: json_access::string(Some(s), "borderRadius"),
        }),
        raw: raw_args(&[("preferredDimensions", dims), ("styles", styles)]),
    }
}

/// `start`: `{inquiryId, sessionToken}`.
pub(crate) fn start(md: Option<&Value>) -> StartPayload {
    StartPayload {
        inquiry_id: json_access::string(md, "inquiryId"),
        session_token: json_access::string(md, "sessionToken"),
    }
}

/// `exit`: `{inquiryId, sessionToken}`.
pub(crate) fn exit(metadata: &Value) -> ExitPayload {
    let md = Some(metadata);
    ExitPayload {
        inquiry_id: json_access::string(md, "inquiryId"),
        session_token: json_access::string(md, "sessionToken"),
        raw: raw_args(&[
            ("inquiryId", member(md, "inquiryId")),
            ("sessionToken", member(md, "sessionToken")),
        ]),
    }
}

/// `error`: the message's `error`, which must be an object (not its metadata).
pub(crate) fn error_object(error: Option<&Value>) -> Result<&Value, PayloadError> {
    error
        .filter(|e| e.is_object())
        .ok_or(PayloadError::ErrorNotAnObject)
}

/// `page-change`: the page, with a finite, non-negative `pageHeight`.
pub(crate) fn page_change(md: Option<&Value>) -> PageChange {
    PageChange {
        name: json_access::string(md, "name"),
        name_display: json_access::string(md, "nameDisplay"),
        path: json_access::string(md, "path"),
        pathname: json_access::string(md, "pathname"),
        page_height: json_access::number(md, "pageHeight").filter(|h| h.is_finite() && *h >= 0.0),
    }
}

/// `camera-permissions-check-result`.
pub(crate) fn camera_permissions(md: Option<&Value>) -> CameraPermissions {
    CameraPermissions {
        has_camera_permission: json_access::boolean(md, "hasCameraPermission"),
        has_microphone_permission: json_access::boolean(md, "hasMicrophonePermission"),
        requested_microphone: json_access::boolean(md, "requestedMicrophone"),
    }
}

/// `complete` and `fail`: `{inquiryId, status, fields}`.
pub(crate) fn completion(metadata: &Value) -> CompletePayload {
    let md = Some(metadata);
    // `metadata.fields ?? metadata.scopes`
    let (fields_raw, is_scopes) = match member(md, "fields").filter(|v| !v.is_null()) {
        Some(fields) => (Some(fields), false),
        None => (member(md, "scopes"), true),
    };
    let fields = fields_raw.and_then(Value::as_object).map(|map| {
        if is_scopes {
            CompletionFields::Scopes(map.clone())
        } else {
            CompletionFields::Fields(
                map.iter()
                    .map(|(k, v)| (k.clone(), Field::parse(v)))
                    .collect(),
            )
        }
    });
    CompletePayload {
        inquiry_id: json_access::string(md, "inquiryId"),
        status: json_access::string(md, "status"),
        fields,
        raw: raw_args(&[
            ("inquiryId", member(md, "inquiryId")),
            ("status", member(md, "status")),
            ("fields", fields_raw),
        ]),
    }
}
