//! Messages from the flow: `event.data` → [`FlowMessage`] with a typed [`FlowEvent`].

use serde_json::{Map, Value};

use crate::json_access::{self, member};
use crate::{CompletionFields, EventName, Field, InquiryError};

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

/// An event from the flow, with a typed payload where Persona documents one.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FlowEvent {
    /// `load`.
    Load,
    /// `ready`.
    Ready(ReadyPayload),
    /// `start`.
    Start(StartPayload),
    /// `complete`.
    Complete(CompletePayload),
    /// `fail`.
    Fail(CompletePayload),
    /// `exit`.
    Exit(ExitPayload),
    /// `error`.
    Error(InquiryError),
    /// `page-change`.
    PageChange(PageChange),
    /// `camera-permissions-check-result`.
    CameraPermissionsCheckResult(CameraPermissions),
    /// `success`.
    Success,
    /// `document-camera-select`.
    DocumentCameraSelect,
    /// `document-camera-capture`.
    DocumentCameraCapture,
    /// `document-upload`.
    DocumentUpload,
    /// `one-time-link-sent`.
    OneTimeLinkSent,
    /// `one-time-link-start`.
    OneTimeLinkStart,
    /// `one-time-link-exit`.
    OneTimeLinkExit,
    /// `selfie-camera-select`.
    SelfieCameraSelect,
    /// `selfie-camera-capture`.
    SelfieCameraCapture,
    /// `selfie-record-upload`.
    SelfieRecordUpload,
    /// `load-camera-failed`.
    LoadCameraFailed,
    /// `inquiry-load`.
    InquiryLoad,
    /// `country-select`.
    CountrySelect,
    /// `verification-change`.
    VerificationChange,
    /// `step-transitioning`.
    StepTransitioning,
    /// `click`.
    Click,
    /// `form-update`.
    FormUpdate,
    /// A name this crate does not know.
    Other(String),
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

fn completion(metadata: &Value) -> CompletePayload {
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

impl FlowEvent {
    /// Reads the typed event for `name` from `metadata` and `error` (never panics).
    pub fn parse(
        name: &str,
        metadata: Option<&Value>,
        error: Option<&Value>,
    ) -> Result<Self, PayloadError> {
        let md = metadata;
        let object_metadata = || {
            md.filter(|v| v.is_object())
                .ok_or(PayloadError::MetadataNotAnObject)
        };
        Ok(match EventName::parse(name) {
            EventName::Load => Self::Load,
            EventName::Ready => {
                let dims = member(md, "preferredDimensions");
                let styles = member(md, "styles");
                Self::Ready(ReadyPayload {
                    preferred_dimensions: dims.filter(|d| d.is_object()).map(|d| {
                        PreferredDimensions {
                            minimum_width: json_access::string(Some(d), "minimumWidth"),
                            maximum_width: json_access::string(Some(d), "maximumWidth"),
                            minimum_height: json_access::string(Some(d), "minimumHeight"),
                            maximum_height: json_access::string(Some(d), "maximumHeight"),
                        }
                    }),
                    styles: styles.filter(|s| s.is_object()).map(|s| InquiryStyles {
                        border_radius: json_access::string(Some(s), "borderRadius"),
                    }),
                    raw: raw_args(&[("preferredDimensions", dims), ("styles", styles)]),
                })
            }
            EventName::Start => Self::Start(StartPayload {
                inquiry_id: json_access::string(md, "inquiryId"),
                session_token: json_access::string(md, "sessionToken"),
            }),
            EventName::Complete => Self::Complete(completion(object_metadata()?)),
            EventName::Fail => Self::Fail(completion(object_metadata()?)),
            EventName::Exit => {
                let md = Some(object_metadata()?);
                Self::Exit(ExitPayload {
                    inquiry_id: json_access::string(md, "inquiryId"),
                    session_token: json_access::string(md, "sessionToken"),
                    raw: raw_args(&[
                        ("inquiryId", member(md, "inquiryId")),
                        ("sessionToken", member(md, "sessionToken")),
                    ]),
                })
            }
            EventName::Error => {
                let error = error
                    .filter(|e| e.is_object())
                    .ok_or(PayloadError::ErrorNotAnObject)?;
                Self::Error(InquiryError::parse(error))
            }
            EventName::PageChange => Self::PageChange(PageChange {
                name: json_access::string(md, "name"),
                name_display: json_access::string(md, "nameDisplay"),
                path: json_access::string(md, "path"),
                pathname: json_access::string(md, "pathname"),
                page_height: json_access::number(md, "pageHeight")
                    .filter(|h| h.is_finite() && *h >= 0.0),
            }),
            EventName::CameraPermissionsCheckResult => {
                Self::CameraPermissionsCheckResult(CameraPermissions {
                    has_camera_permission: json_access::boolean(md, "hasCameraPermission"),
                    has_microphone_permission: json_access::boolean(md, "hasMicrophonePermission"),
                    requested_microphone: json_access::boolean(md, "requestedMicrophone"),
                })
            }
            EventName::Success => Self::Success,
            EventName::DocumentCameraSelect => Self::DocumentCameraSelect,
            EventName::DocumentCameraCapture => Self::DocumentCameraCapture,
            EventName::DocumentUpload => Self::DocumentUpload,
            EventName::OneTimeLinkSent => Self::OneTimeLinkSent,
            EventName::OneTimeLinkStart => Self::OneTimeLinkStart,
            EventName::OneTimeLinkExit => Self::OneTimeLinkExit,
            EventName::SelfieCameraSelect => Self::SelfieCameraSelect,
            EventName::SelfieCameraCapture => Self::SelfieCameraCapture,
            EventName::SelfieRecordUpload => Self::SelfieRecordUpload,
            EventName::LoadCameraFailed => Self::LoadCameraFailed,
            EventName::InquiryLoad => Self::InquiryLoad,
            EventName::CountrySelect => Self::CountrySelect,
            EventName::VerificationChange => Self::VerificationChange,
            EventName::StepTransitioning => Self::StepTransitioning,
            EventName::Click => Self::Click,
            EventName::FormUpdate => Self::FormUpdate,
            EventName::Other(other) => Self::Other(other),
        })
    }
}
