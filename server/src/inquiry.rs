//! An inquiry's status, as webhooks and the API report it.

use std::fmt;

/// An inquiry's status. Persona says its lists "can grow at any time", so a
/// status this crate does not know is kept as [`InquiryStatus::Other`].
///
/// ```
/// use leptos_persona_server::InquiryStatus;
/// assert_eq!(InquiryStatus::parse("needs_review"), InquiryStatus::NeedsReview);
/// assert_eq!(InquiryStatus::parse("paused"), InquiryStatus::Other("paused".into()));
/// assert!(InquiryStatus::Approved.is_decided());
/// assert!(InquiryStatus::Expired.can_resume());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InquiryStatus {
    /// Created, not started.
    Created,
    /// Started, not finished.
    Pending,
    /// The user finished the flow; no decision yet.
    Completed,
    /// The flow failed (too many attempts, for example).
    Failed,
    /// Left unfinished too long (24 h by default); it can be resumed.
    Expired,
    /// Marked for manual review.
    NeedsReview,
    /// Approved: the person is verified.
    Approved,
    /// Declined.
    Declined,
    /// A status this crate does not know, as Persona sent it.
    Other(String),
}

impl InquiryStatus {
    /// The status for Persona's spelling of it (`needs_review`); any other text
    /// is [`InquiryStatus::Other`].
    pub fn parse(status: &str) -> Self {
        match status {
            "created" => Self::Created,
            "pending" => Self::Pending,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            "expired" => Self::Expired,
            "needs_review" => Self::NeedsReview,
            "approved" => Self::Approved,
            "declined" => Self::Declined,
            other => Self::Other(other.to_owned()),
        }
    }

    /// Persona's spelling of the status.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Created => "created",
            Self::Pending => "pending",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Expired => "expired",
            Self::NeedsReview => "needs_review",
            Self::Approved => "approved",
            Self::Declined => "declined",
            Self::Other(other) => other,
        }
    }

    /// Whether the person can go on with this inquiry's flow (`created`,
    /// `pending`, or `expired`, which Persona lets a resume revive).
    pub fn can_resume(&self) -> bool {
        matches!(self, Self::Created | Self::Pending | Self::Expired)
    }

    /// Whether a decision was made (`approved`, `declined`).
    pub fn is_decided(&self) -> bool {
        matches!(self, Self::Approved | Self::Declined)
    }
}

impl fmt::Display for InquiryStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for InquiryStatus {
    fn from(status: &str) -> Self {
        Self::parse(status)
    }
}
