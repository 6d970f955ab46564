//! [`Host`]: which Persona deployment the flow is loaded from.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::options::config_error::Quoted;
use crate::ConfigError;

const PRODUCTION: &str = "https://inquiry.withpersona.com";
const STAGING: &str = "https://inquiry.withpersona-staging.com";
const CANARY: &str = "https://canary.withpersona.com";
const DEVELOPMENT: &str = "http://localhost:3000";

/// Where the hosted flow lives.
///
/// Parsed from the same strings as the official SDK's `host` / `customHost`
/// option, but strictly: a value that is not a plain `host[:port]` (or a full
/// `https://host[:port]` origin, or `http://` for a loopback host) is a
/// [`ConfigError::InvalidHost`], never a silent fall-back to production.
///
/// ```
/// use leptos_persona_core::Host;
///
/// assert_eq!(Host::default().base_url(), "https://inquiry.withpersona.com");
/// let local: Host = "http://127.0.0.1:8787".parse().unwrap();
/// assert_eq!(local.base_url(), "http://127.0.0.1:8787");
/// let custom: Host = "verify.example.com".parse().unwrap();
/// assert_eq!(custom.origin(), "https://verify.example.com");
/// assert!("user:pass@evil.com".parse::<Host>().is_err());
/// assert!("sandbox".parse::<Host>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Host {
    /// `https://inquiry.withpersona.com` (the default).
    #[default]
    Production,
    /// `https://inquiry.withpersona-staging.com`.
    Staging,
    /// `https://canary.withpersona.com`.
    Canary,
    /// `http://localhost:3000`.
    Development,
    /// A custom domain or a local flow (for example the bundled simulator).
    Custom(CustomHost),
}

/// A validated custom host: see [`Host`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomHost {
    /// The host as it was written (kept so the URL matches the official SDK byte for byte).
    written: String,
    /// `scheme://host[:port]`, as the official SDK puts it in front of `/widget`.
    base: String,
    /// The serialized origin a browser reports for this host (lower case, no default port).
    origin: String,
}

impl Host {
    /// The base URL the SDK puts in front of `/widget` and `/preload`.
    pub fn base_url(&self) -> &str {
        match self {
            Self::Production => PRODUCTION,
            Self::Staging => STAGING,
            Self::Canary => CANARY,
            Self::Development => DEVELOPMENT,
            Self::Custom(custom) => &custom.base,
        }
    }

    /// The origin a browser reports in `MessageEvent.origin` for frames of this host:
    /// the only origin (besides ones the app adds) whose messages are accepted, and
    /// the exact target origin of every `postMessage` to the flow.
    pub fn origin(&self) -> &str {
        match self {
            Self::Custom(custom) => &custom.origin,
            other => other.base_url(),
        }
    }

    /// `true` for the named Persona deployments (production, staging, canary).
    pub fn is_named_deployment(&self) -> bool {
        matches!(self, Self::Production | Self::Staging | Self::Canary)
    }

    /// The string this host was parsed from (`"production"`, `"verify.example.com"`, …).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Production => "production",
            Self::Staging => "staging",
            Self::Canary => "canary",
            Self::Development => "development",
            Self::Custom(custom) => &custom.written,
        }
    }
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Host {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "production" => Ok(Self::Production),
            "staging" => Ok(Self::Staging),
            "canary" => Ok(Self::Canary),
            "development" => Ok(Self::Development),
            _ => parse_custom(s).map(Self::Custom),
        }
    }
}

impl Serialize for Host {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Host {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn invalid(host: &str, reason: impl Into<String>) -> ConfigError {
    ConfigError::InvalidHost {
        host: host.to_owned(),
        reason: reason.into(),
    }
}

fn is_loopback(hostname: &str) -> bool {
    hostname.eq_ignore_ascii_case("localhost") || hostname == "127.0.0.1" || hostname == "[::1]"
}

fn parse_custom(input: &str) -> Result<CustomHost, ConfigError> {
    let err = |reason: &str| invalid(input, reason);
    if input.is_empty() {
        return Err(err(
            "it is empty: leave the host unset for production, or name one of \
             production, staging, canary, development, or a host such as verify.example.com",
        ));
    }
    let (scheme, rest) = match input.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, input),
    };
    if let Some(scheme) = scheme {
        if scheme != "https" && scheme != "http" {
            return Err(err(
                "only https:// (or http:// for localhost, 127.0.0.1 and [::1]) may be written",
            ));
        }
    }
    // The official SDK drops one trailing slash; anything else after the host is refused.
    let authority = rest.strip_suffix('/').unwrap_or(rest);
    if let Some(c) = authority
        .chars()
        .find(|c| matches!(c, '/' | '?' | '#' | '@' | '\\') || c.is_whitespace() || c.is_control())
    {
        let what = match c {
            '/' => "a path",
            '?' => "a query",
            '#' => "a fragment",
            '@' => "user info",
            '\\' => "a backslash",
            _ => "white space or a control character",
        };
        return Err(invalid(
            input,
            format!("it contains {what}: write a plain host[:port] such as verify.example.com"),
        ));
    }
    if !authority.is_ascii() {
        return Err(err(
            "it is not ASCII: write an internationalized domain in its punycode (xn--) form",
        ));
    }
    let (hostname, port) = split_port(authority)
        .ok_or_else(|| err("its port is not a number from 1 to 65535 without leading zeros"))?;
    if hostname.starts_with('[') {
        if hostname != "[::1]" {
            return Err(err("the only IPv6 host supported is the loopback [::1]"));
        }
    } else {
        check_hostname(input, hostname)?;
    }
    let loopback = is_loopback(hostname);
    let scheme = match scheme {
        Some("http") if !loopback => {
            return Err(err(
                "plain http is only allowed for localhost, 127.0.0.1 and [::1]: use https://",
            ))
        }
        Some(explicit) => explicit,
        None if hostname.eq_ignore_ascii_case("localhost") => "http",
        None if starts_with_ignore_case(hostname, "localhost") => {
            return Err(err(
                "the official SDK loads hosts starting with \"localhost\" over plain http; \
                 write https://… explicitly if this is a real domain",
            ))
        }
        None => "https",
    };
    let base = format!("{scheme}://{authority}");
    let default_port = if scheme == "https" { 443 } else { 80 };
    let origin = match port {
        Some(p) if p != default_port => format!("{scheme}://{}:{p}", hostname.to_ascii_lowercase()),
        _ => format!("{scheme}://{}", hostname.to_ascii_lowercase()),
    };
    Ok(CustomHost {
        written: input.to_owned(),
        base,
        origin,
    })
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Splits `host[:port]`; `None` when the port is not 1..=65535 in canonical digits.
fn split_port(authority: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(end) = authority
        .strip_prefix('[')
        .and_then(|_| authority.find(']'))
    {
        let (host, after) = authority.split_at_checked(end + 1)?;
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    match port {
        None => Some((host, None)),
        Some(digits) => {
            let canonical = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !digits.starts_with('0');
            let value: u16 = if canonical {
                digits.parse().ok()?
            } else {
                return None;
            };
            Some((host, Some(value)))
        }
    }
}

fn check_hostname(input: &str, hostname: &str) -> Result<(), ConfigError> {
    if hostname.is_empty() {
        return Err(invalid(input, "the host name is empty"));
    }
    if hostname.len() > 253 {
        return Err(invalid(
            input,
            "the host name is longer than 253 characters",
        ));
    }
    for label in hostname.split('.') {
        let valid = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !valid {
            return Err(invalid(
                input,
                format!(
                    "{} is not a valid DNS label (letters, digits and inner hyphens; \
                     no empty labels or trailing dot)",
                    Quoted(label)
                ),
            ));
        }
    }
    if !hostname.contains('.') && !hostname.eq_ignore_ascii_case("localhost") {
        let hint = if hostname == "sandbox" {
            "\"sandbox\" is an environment, not a host: leave the host unset and set \
             `environment_id` (or the deprecated `environment`) instead"
        } else {
            "a single-label name is neither a Persona deployment nor a domain: use production, \
             staging, canary, development, localhost[:port], or a fully qualified domain"
        };
        return Err(invalid(input, hint));
    }
    Ok(())
}

/// `custom_host`'s rules: a custom domain or `development`, and the same host
/// as `host` when both are set.
pub(crate) fn check_hosts(options: &crate::InquiryOptions) -> Result<(), ConfigError> {
    let Some(custom) = &options.custom_host else {
        return Ok(());
    };
    if custom.is_named_deployment() {
        return Err(ConfigError::InvalidHost {
            host: custom.to_string(),
            reason: "`custom_host` takes a custom domain or \"development\"; name \
                     production, staging or canary with `host` instead"
                .into(),
        });
    }
    if let Some(host) = &options.host {
        if host != custom {
            return Err(ConfigError::ConflictingHosts {
                host: host.to_string(),
                custom_host: custom.to_string(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(s: &str) -> String {
        s.parse::<Host>()
            .map(|h| h.base_url().to_owned())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn named_hosts() {
        assert_eq!(base("production"), PRODUCTION);
        assert_eq!(base("staging"), STAGING);
        assert_eq!(base("canary"), CANARY);
        assert_eq!(base("development"), DEVELOPMENT);
    }

    #[test]
    fn custom_hosts_keep_their_spelling() {
        assert_eq!(base("verify.example.com"), "https://verify.example.com");
        assert_eq!(base("verify.example.com/"), "https://verify.example.com");
        assert_eq!(
            base("Verify.Example.com:8443"),
            "https://Verify.Example.com:8443"
        );
        assert_eq!(base("localhost"), "http://localhost");
        assert_eq!(base("localhost:8081"), "http://localhost:8081");
        assert_eq!(base("127.0.0.1:8080"), "https://127.0.0.1:8080");
        assert_eq!(base("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(base("http://[::1]:9000"), "http://[::1]:9000");
        assert_eq!(
            base("https://custom.example.com/"),
            "https://custom.example.com"
        );
    }

    #[test]
    fn origins_are_normalized() {
        let h: Host = "Verify.Example.COM:443".parse().unwrap();
        assert_eq!(h.origin(), "https://verify.example.com");
        let h: Host = "http://LOCALHOST:80".parse().unwrap();
        assert_eq!(h.origin(), "http://localhost");
        let h: Host = "localhost:5173".parse().unwrap();
        assert_eq!(h.origin(), "http://localhost:5173");
    }

    #[test]
    fn refuses_what_the_sdk_would_silently_replace_or_misuse() {
        for bad in [
            "",
            "sandbox",
            "intranet",
            "user:pass@evil.com",
            "evil.com/path",
            "evil.com//",
            "evil.com?x=1",
            "evil.com#x",
            "evil .com",
            " evil.com",
            "exämple.com",
            "example.com.",
            "example.com:0",
            "example.com:65536",
            "example.com:08",
            "example.com:http",
            "http://example.com",
            "ftp://example.com",
            "localhost.evil.com",
            "[::2]",
            "-bad.example.com",
            "Production",
        ] {
            assert!(bad.parse::<Host>().is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn sandbox_gets_a_helpful_hint() {
        let err = "sandbox".parse::<Host>().unwrap_err().to_string();
        assert!(err.contains("environment"), "{err}");
    }
}
