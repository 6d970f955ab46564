//! What the server tells the page: the signed-in person, their verification,
//! and the errors a person can meet, each with the sentence the page shows.

use std::fmt;

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

use leptos::server_fn;

/// The signed-in person, as the page shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// The name they signed in with.
    pub name: String,
    /// Their verification, as the database holds it.
    pub verification: Verification,
}

/// Where the stored status came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A webhook event Persona sent.
    Webhook,
    /// A read of Persona's API (after the flow completed or was left, or on
    /// "Check my status").
    Api,
}

impl Source {
    /// The database's spelling (`webhook`, `api`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Webhook => "webhook",
            Self::Api => "api",
        }
    }

    /// The database's spelling back; `None` for anything else.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "webhook" => Some(Self::Webhook),
            "api" => Some(Self::Api),
            _ => None,
        }
    }
}

/// A person's verification as stored: nothing yet, or an inquiry with the
/// status last stored, where it came from and when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    /// `inq_…`, once an inquiry was started.
    pub inquiry_id: Option<String>,
    /// Persona's status (`pending`, `completed`, `approved`…).
    pub status: Option<String>,
    /// Where it came from.
    pub source: Option<Source>,
    /// The webhook event that set it (`inquiry.approved`), for a webhook.
    pub event: Option<String>,
    /// When it was stored, as `2026-01-02 03:04:05 UTC`.
    pub updated_at: Option<String>,
}

/// How the page shows a status: its words and the badge's style.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusLook {
    /// The badge's words.
    pub label: &'static str,
    /// One sentence on what it means for the person.
    pub meaning: &'static str,
    /// The badge's class suffix: `neutral`, `progress`, `waiting`, `good`, `bad`.
    pub tone: &'static str,
}

impl Verification {
    /// The status's look (a status this app does not know is shown as it is
    /// spelled, in a neutral badge).
    pub fn look(&self) -> StatusLook {
        look(self.status.as_deref())
    }

    /// Whether the person can (re)open the flow: no inquiry yet, or one that is
    /// not finished.
    pub fn can_continue(&self) -> bool {
        matches!(
            self.status.as_deref(),
            None | Some("created" | "pending" | "expired")
        )
    }

    /// Whether an inquiry was started and not finished (the button says
    /// "Continue" rather than "Verify").
    pub fn is_started(&self) -> bool {
        matches!(self.status.as_deref(), Some("pending" | "expired"))
    }
}

/// The look of `status`.
pub fn look(status: Option<&str>) -> StatusLook {
    let (label, meaning, tone) = match status {
        None => (
            "Not verified",
            "You have not verified your identity yet.",
            "neutral",
        ),
        Some("created") => (
            "Not started",
            "Your verification is ready: start it whenever you like.",
            "neutral",
        ),
        Some("pending") => (
            "In progress",
            "You started verifying: continue where you left off.",
            "progress",
        ),
        Some("expired") => (
            "Expired",
            "Your verification was left unfinished for too long: continue to pick it up again.",
            "progress",
        ),
        Some("completed") => (
            "Submitted",
            "Thanks: your documents are in, and a decision follows shortly.",
            "waiting",
        ),
        Some("needs_review") => (
            "Pending review",
            "A person at our verification partner is reviewing your documents.",
            "waiting",
        ),
        Some("approved") => ("Verified", "Your identity is verified.", "good"),
        Some("declined") => (
            "Declined",
            "We could not verify your identity. Contact support to find out more.",
            "bad",
        ),
        Some("failed") => (
            "Failed",
            "The verification could not be finished. Contact support to try again.",
            "bad",
        ),
        Some(_) => (
            "Unknown",
            "Persona reported a status this app does not know.",
            "neutral",
        ),
    };
    StatusLook {
        label,
        meaning,
        tone,
    }
}

/// What "Verify my identity" gives the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Started {
    /// Open the flow with these.
    Flow {
        /// `<PersonaInquiry inquiry_id=…/>`.
        inquiry_id: String,
        /// `<PersonaInquiry session_token=…/>`.
        session_token: String,
        /// The flow's host (`PERSONA_HOST`).
        host: String,
        /// The environment id (`PERSONA_ENVIRONMENT_ID`), if one is set.
        environment_id: Option<String>,
    },
    /// The person's inquiry is finished: nothing to resume.
    Finished {
        /// Persona's status.
        status: String,
    },
}

/// An error a person can meet. Its `Display` is what the page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KycError {
    /// No valid session cookie.
    NotSignedIn,
    /// The name typed to sign in cannot be used.
    InvalidName(String),
    /// No inquiry was started yet (a refresh before any start).
    NoInquiry,
    /// Persona's API did not answer (down, timing out, 5xx, rate limited).
    PersonaUnavailable,
    /// Persona refused the server's API key (401/403).
    PersonaKeyRejected,
    /// The inquiry is finished and cannot be resumed.
    AlreadyFinished(String),
    /// Persona refused the request itself (an unknown template…).
    PersonaRefused(String),
    /// The database could not be written (read-only, full, locked too long).
    DatabaseWrite,
    /// The database could not be read.
    DatabaseRead,
    /// The request did not reach the server, or its answer was not readable.
    Request(String),
}

impl fmt::Display for KycError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotSignedIn => f.write_str("Your session has ended: please sign in again."),
            Self::InvalidName(why) => write!(f, "That name cannot be used: {why}."),
            Self::NoInquiry => f.write_str(
                "You have not started a verification yet: choose \u{201c}Verify my identity\u{201d} first.",
            ),
            Self::PersonaUnavailable => f.write_str(
                "Our verification partner cannot be reached right now. Nothing is lost: \
                 please try again in a few minutes.",
            ),
            Self::PersonaKeyRejected => f.write_str(
                "Verification is unavailable: our verification partner refused this site's \
                 credentials. We have been told; please try again later.",
            ),
            Self::AlreadyFinished(status) => write!(
                f,
                "Your verification is already finished ({}): there is nothing left to do in the flow.",
                look(Some(status)).label.to_lowercase()
            ),
            Self::PersonaRefused(_) => f.write_str(
                "Our verification partner refused the request. We have been told; please try again later.",
            ),
            Self::DatabaseWrite => f.write_str(
                "We could not save your verification status (our database cannot be written \
                 right now). Please try again later: your progress at our verification partner is kept.",
            ),
            Self::DatabaseRead => f.write_str(
                "We could not read your account right now (our database is unavailable). Please try again later.",
            ),
            Self::Request(_) => f.write_str(
                "The server could not be reached. Check your connection and try again.",
            ),
        }
    }
}

impl std::error::Error for KycError {}

impl FromServerFnError for KycError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        Self::Request(value.to_string())
    }
}

/// A name to sign in with: trimmed, 1 to 60 characters, no control characters.
pub fn check_name(name: &str) -> Result<String, KycError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(KycError::InvalidName("it is empty".into()));
    }
    if name.chars().count() > 60 {
        return Err(KycError::InvalidName(
            "it is longer than 60 characters".into(),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(KycError::InvalidName("it holds control characters".into()));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert_eq!(check_name("  Ada Lovelace ").as_deref(), Ok("Ada Lovelace"));
        assert!(check_name("   ").is_err());
        assert!(check_name(&"x".repeat(61)).is_err());
        assert!(check_name("a\u{0}b").is_err());
        assert_eq!(
            check_name(&"é".repeat(60)).map(|n| n.chars().count()),
            Ok(60)
        );
    }

    #[test]
    fn every_status_has_words_and_a_tone() {
        for status in [
            None,
            Some("created"),
            Some("pending"),
            Some("expired"),
            Some("completed"),
            Some("needs_review"),
            Some("approved"),
            Some("declined"),
            Some("failed"),
            Some("paused"),
        ] {
            let look = look(status);
            assert!(
                !look.label.is_empty() && look.meaning.ends_with('.'),
                "{status:?}"
            );
            assert!(
                ["neutral", "progress", "waiting", "good", "bad"].contains(&look.tone),
                "{status:?}"
            );
        }
        assert_eq!(look(Some("approved")).label, "Verified");
    }

    #[test]
    fn errors_say_what_happened_without_internals() {
        let all = [
            KycError::NotSignedIn,
            KycError::InvalidName("it is empty".into()),
            KycError::NoInquiry,
            KycError::PersonaUnavailable,
            KycError::PersonaKeyRejected,
            KycError::AlreadyFinished("approved".into()),
            KycError::PersonaRefused("template itmpl_x is inactive".into()),
            KycError::DatabaseWrite,
            KycError::DatabaseRead,
            KycError::Request("reqwest: connection refused".into()),
        ];
        for error in all {
            let text = error.to_string();
            assert!(text.ends_with('.'), "{text}");
            assert!(
                !text.contains("itmpl_") && !text.contains("reqwest"),
                "{text}"
            );
        }
        assert!(KycError::AlreadyFinished("approved".into())
            .to_string()
            .contains("verified"));
    }
}
