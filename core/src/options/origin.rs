//! Origins in options: what `message_target_origin`, `frame_ancestors`,
//! `trusted_origins` and `page_origin` may hold.

use crate::ConfigError;

/// Whether `text` is exactly an origin as a browser serializes it:
/// `http` or `https`, `://`, a lower-case host name, IPv4 address or
/// bracketed IPv6 address, an optional port, and nothing else (no path, no
/// trailing slash, no user info, no `*`).
pub(crate) fn is_origin(text: &str) -> bool {
    is_source(text, false)
}

/// Whether `text` is one source of a CSP `frame-ancestors` list as the flow
/// takes it: an origin whose host may start with a `*.` wildcard label.
pub(crate) fn is_frame_ancestor(text: &str) -> bool {
    is_source(text, true)
}

fn is_source(text: &str, wildcard: bool) -> bool {
    let Some(rest) = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = if let Some(v6) = rest.strip_prefix('[') {
        let Some((address, after)) = v6.split_once(']') else {
            return false;
        };
        if address.is_empty() || !address.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return false;
        }
        ("v6", after)
    } else {
        match rest.find(':') {
            Some(end) => rest.split_at_checked(end).unwrap_or((rest, "")),
            None => (rest, ""),
        }
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|digits| {
            (1..=5).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
        });
    let host = if wildcard {
        host.strip_prefix("*.").unwrap_or(host)
    } else {
        host
    };
    let labels_ok = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    port_ok && labels_ok
}

/// The page's origin as the component's `page_origin` prop takes it (the
/// flow's `iframe-origin`, where it posts its messages): checked as a full
/// origin, so that a typo is a [`ConfigError`] naming the prop, not a flow
/// that posts to an origin that does not exist and times out.
///
/// ```
/// use leptos_persona_core::PageOrigin;
///
/// assert_eq!(PageOrigin::parse("https://shop.example.com").unwrap().as_str(), "https://shop.example.com");
/// let error = PageOrigin::parse("not an origin").unwrap_err().to_string();
/// assert!(error.contains("`page_origin`"), "{error}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageOrigin(String);

impl PageOrigin {
    /// `text`, if it is exactly an origin as the browser writes it.
    pub fn parse(text: &str) -> Result<Self, ConfigError> {
        if is_origin(text) {
            Ok(Self(text.to_owned()))
        } else {
            Err(not_an_origin("page_origin", text))
        }
    }

    /// The origin.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A [`ConfigError`] for a value of `option` that is not an origin.
pub(crate) fn not_an_origin(option: &'static str, value: &str) -> ConfigError {
    ConfigError::InvalidOption {
        option,
        value: value.to_owned(),
        expected: "a full origin as the browser writes it: scheme, lower-case host and \
                   optional port, such as \"https://shop.example.com\" (no path, no trailing \
                   slash, never \"*\")",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        for ok in [
            "https://shop.example.com",
            "http://localhost:3000",
            "http://127.0.0.1:8787",
            "https://[::1]:8443",
            "https://xn--bcher-kva.example",
        ] {
            assert!(is_origin(ok), "{ok}");
        }
        for bad in [
            "*",
            "",
            "mto",
            "https://",
            "https://shop.example.com/",
            "https://shop.example.com/path",
            "https://Shop.example.com",
            "https://user@shop.example.com",
            "ftp://shop.example.com",
            "https://*.example.com",
            "https://shop.example.com:",
            "https://shop.example.com:123456",
            "javascript:alert(1)",
            "https://shop..example.com",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }

    #[test]
    fn frame_ancestors_take_a_wildcard_label() {
        assert!(is_frame_ancestor("https://*.b.example.com"));
        assert!(is_frame_ancestor("https://a.example.com"));
        assert!(!is_frame_ancestor("*"));
        assert!(!is_frame_ancestor("https://*"));
        assert!(!is_frame_ancestor("fa"));
    }
}
