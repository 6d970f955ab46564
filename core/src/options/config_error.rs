//! [`ConfigError`]: what is wrong with an [`InquiryOptions`](crate::InquiryOptions) and how to fix it.

use std::fmt::{self, Write as _};

/// A configuration the crate refuses to turn into a widget URL.
///
/// Every message names what is wrong and how to fix it. Nothing is silently
/// replaced: where the official SDK falls back to production on a bad host, or
/// builds a URL that cannot work, this crate returns one of these instead.
///
/// ```
/// use leptos_persona_core::{ConfigError, InquiryOptions};
///
/// let err = InquiryOptions::default().validate().unwrap_err();
/// assert!(matches!(err, ConfigError::MissingFlowTarget));
/// assert!(err.to_string().contains("template_id"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// Neither a template (`template_id` / `template_version_id`) nor an `inquiry_id` was given.
    MissingFlowTarget,
    /// Both a template and an `inquiry_id` were given.
    ConflictingFlowTarget,
    /// `account_id` was combined with `reference_id`.
    AccountIdWithReferenceId,
    /// `account_id` was combined with `account_type_id`.
    AccountIdWithAccountTypeId,
    /// The `host` (or `custom_host`) is not one this crate can talk to.
    InvalidHost {
        /// The host as it was given.
        host: String,
        /// Why it was refused and what to write instead.
        reason: String,
    },
    /// `host` and `custom_host` were both given and name different hosts.
    ConflictingHosts {
        /// The `host` value.
        host: String,
        /// The `custom_host` value.
        custom_host: String,
    },
    /// A sandbox token that is unknown, misspelt or dangerous.
    InvalidSandboxToken {
        /// The token as it was given.
        token: String,
        /// Why it was refused.
        reason: String,
    },
    /// `frame_height` / `frame_width` cannot be used as a CSS size.
    InvalidFrameSize {
        /// `frame_height` or `frame_width`.
        option: &'static str,
        /// The value as given.
        value: String,
    },
    /// The container id is empty (messages could not be told apart).
    EmptyContainerId,
    /// An option is set, but the URL was built without the support it needs
    /// (see [`OptionSupport`](crate::OptionSupport)).
    Unsupported {
        /// The option.
        option: &'static str,
    },
    /// An event name in the events allowlist is empty.
    InvalidEventsAllowlist {
        /// Why it was refused.
        reason: String,
    },
    /// An option's value is not one it can take.
    InvalidOption {
        /// The option, as the component's prop is spelt (`load_timeout`, `fields`, …).
        option: &'static str,
        /// The value as given (or a description of it).
        value: String,
        /// What it takes instead.
        expected: &'static str,
    },
    /// Options given as JSON (the official SDK's camelCase shape) did not deserialize.
    Json {
        /// serde's message, naming the offending key or value.
        message: String,
    },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingFlowTarget => f.write_str(
                "no flow to start: set `template_id` (or `template_version_id`) to start a new \
                 inquiry, or `inquiry_id` to resume an existing one",
            ),
            Self::ConflictingFlowTarget => f.write_str(
                "both a template and `inquiry_id` are set: keep `template_id`/`template_version_id` \
                 to start a new inquiry, or `inquiry_id` alone to resume one",
            ),
            Self::AccountIdWithReferenceId => f.write_str(
                "`account_id` and `reference_id` are mutually exclusive: keep only one of them",
            ),
            Self::AccountIdWithAccountTypeId => f.write_str(
                "`account_id` and `account_type_id` are mutually exclusive: `account_type_id` only \
                 applies to new accounts, so drop it when passing `account_id`",
            ),
            Self::InvalidHost { host, reason } => write!(f, "invalid host {}: {reason}", Quoted(host)),
            Self::ConflictingHosts { host, custom_host } => write!(
                f,
                "`host` ({}) and `custom_host` ({}) name different hosts: set only one",
                Quoted(host),
                Quoted(custom_host)
            ),
            Self::InvalidSandboxToken { token, reason } => {
                write!(f, "invalid sandbox attribute {}: {reason}", Quoted(token))
            }
            Self::InvalidFrameSize { option, value } => write!(
                f,
                "invalid `{option}` {}: give a non-negative number of pixels, or one CSS \
                 length: a number and a unit such as \"650px\", \"80vh\" or \"100%\" (no calc(), \
                 comments, `!important` or spaces)",
                Quoted(value)
            ),
            Self::EmptyContainerId => f.write_str(
                "the container id is empty: give every inquiry a non-empty, unique container id so \
                 its messages can be told apart",
            ),
            Self::Unsupported { option } => write!(
                f,
                "`{option}` is set, but this widget URL was built without its support: \
                 build with `OptionSupport::ALL` or add the option's support"
            ),
            Self::InvalidEventsAllowlist { reason } => write!(f, "invalid events allowlist: {reason}"),
            Self::InvalidOption {
                option,
                value,
                expected,
            } => write!(f, "invalid `{option}` {}: {expected}", Quoted(value)),
            Self::Json { message } => write!(f, "invalid inquiry options JSON: {message}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// A string as error messages quote it: in double quotes, with `"`, `\` and
/// control characters escaped (as `{:?}` would, without pulling Rust's
/// Unicode printability tables into every app's wasm).
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if c.is_control() => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => f.write_char(c)?,
            }
        }
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_matches_debug_for_what_errors_quote() {
        for text in [
            "",
            "verify.example.com",
            "a \"quoted\" \\ word",
            "tab\tnew\nline\rend",
            "bell\u{7} and del\u{7f}",
            "Zürich, 東京, 😀",
        ] {
            assert_eq!(Quoted(text).to_string(), format!("{text:?}"), "{text}");
        }
    }
}
