//! [`InquiryError`]: an error the flow reports (`error` event), or one this crate detects.

use std::fmt;

use serde_json::Value;

use crate::messages::json_access;

/// The error codes Persona documents, plus codes this crate does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `application_error` (status 0): the flow itself failed.
    ApplicationError,
    /// `invalid_config` (400): the options were rejected by Persona.
    InvalidConfig,
    /// `unauthenticated` (409): the session expired or the token is wrong.
    Unauthenticated,
    /// `inactive_template` (422): the template is not published or was archived.
    InactiveTemplate,
    /// `unknown`: Persona's catch-all.
    Unknown,
    /// `load_timeout`: raised by this crate, not by Persona, when the flow's `load`
    /// did not arrive in time (blocked by CSP or an extension, a wrong host, no network).
    LoadTimeout,
    /// Any other code.
    Other(String),
}

impl ErrorCode {
    /// Parses a wire code.
    pub fn parse(code: &str) -> Self {
        match code {
            "application_error" => Self::ApplicationError,
            "invalid_config" => Self::InvalidConfig,
            "unauthenticated" => Self::Unauthenticated,
            "inactive_template" => Self::InactiveTemplate,
            "unknown" => Self::Unknown,
            "load_timeout" => Self::LoadTimeout,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The wire code.
    pub fn as_str(&self) -> &str {
        match self {
            Self::ApplicationError => "application_error",
            Self::InvalidConfig => "invalid_config",
            Self::Unauthenticated => "unauthenticated",
            Self::InactiveTemplate => "inactive_template",
            Self::Unknown => "unknown",
            Self::LoadTimeout => "load_timeout",
            Self::Other(code) => code,
        }
    }
}

/// An error reported by the flow (`event.data.error`) or by this crate.
///
/// ```
/// use leptos_persona_core::{ErrorCode, InquiryError};
/// use serde_json::json;
///
/// let error = InquiryError::parse(&json!({"status": 422, "code": "inactive_template"}));
/// assert_eq!(error.code, ErrorCode::InactiveTemplate);
/// assert_eq!(error.status, Some(422));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct InquiryError {
    /// The HTTP-like status (`0` for application errors), if it was a number.
    pub status: Option<i64>,
    /// The error code.
    pub code: ErrorCode,
    /// A human-readable message, if any.
    pub message: Option<String>,
    /// The error object exactly as received (what the official SDK passes to `onError`).
    pub raw: Value,
}

impl InquiryError {
    /// Reads an error object leniently: a missing or non-string `code` is [`ErrorCode::Unknown`].
    pub fn parse(raw: &Value) -> Self {
        Self {
            status: json_access::member(Some(raw), "status").and_then(Value::as_i64),
            code: json_access::member(Some(raw), "code")
                .and_then(Value::as_str)
                .map_or(ErrorCode::Unknown, ErrorCode::parse),
            message: json_access::string(Some(raw), "message"),
            raw: raw.clone(),
        }
    }

    /// The error this crate raises when the flow never sends `load`.
    pub fn load_timeout(waited_ms: u32) -> Self {
        let mut message = String::from("the flow did not load within ");
        crate::url::js_number::push_decimal(&mut message, u64::from(waited_ms));
        message.push_str(
            " ms: check the host, the page's CSP (frame-src must allow the flow's origin) \
             and the network",
        );
        // Built by hand: `json!` would bring serde's serializer (and a panic
        // path for its errors) into every app's wasm.
        let mut raw = serde_json::Map::new();
        raw.insert("status".into(), Value::from(0));
        raw.insert("code".into(), Value::from("load_timeout"));
        raw.insert("message".into(), Value::from(message.as_str()));
        let raw = Value::Object(raw);
        Self {
            status: Some(0),
            code: ErrorCode::LoadTimeout,
            message: Some(message),
            raw,
        }
    }
}

impl fmt::Display for InquiryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code.as_str())?;
        if let Some(status) = self.status {
            write!(f, " ({status})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InquiryError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_load_timeout_names_the_wait_and_what_to_check() {
        for waited in [0, 7, 8_000, u32::MAX] {
            let error = InquiryError::load_timeout(waited);
            let message = format!(
                "the flow did not load within {waited} ms: check the host, the page's CSP \
                 (frame-src must allow the flow's origin) and the network"
            );
            assert_eq!(error.message.as_deref(), Some(message.as_str()));
            assert_eq!(
                error.raw,
                serde_json::json!({"status": 0, "code": "load_timeout", "message": message})
            );
        }
    }
}
