//! [`TrustedOrigins`]: more origins a [`MessageGate`](crate::MessageGate) may
//! accept, each checked once, when the list is made.

use crate::{ConfigError, Host};

/// Origins to trust besides the flow's own, each given in full
/// (`https://verify.example.com`; `http://` only for a loopback host) and
/// normalised as a browser writes it. A bare host or a deployment name
/// (`"development"`) is refused: say exactly which origin to trust.
///
/// ```
/// use leptos_persona_core::{MessageGate, TrustedOrigins};
///
/// let extra = TrustedOrigins::parse(["https://Verify.Example.com"]).unwrap();
/// assert_eq!(extra.as_slice(), ["https://verify.example.com"]);
/// let gate = MessageGate::new("c1", "https://inquiry.withpersona.com").trust(&extra);
/// assert_eq!(gate.trusted_origins().len(), 2);
/// assert!(TrustedOrigins::parse(["verify.example.com"]).is_err());
/// assert!(TrustedOrigins::parse(["development"]).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedOrigins(Vec<String>);

impl TrustedOrigins {
    /// Checks and normalises each origin; the first bad one is the error.
    pub fn parse<S: AsRef<str>>(origins: impl IntoIterator<Item = S>) -> Result<Self, ConfigError> {
        let mut checked = Vec::new();
        for origin in origins {
            checked.push(origin_of(origin.as_ref())?);
        }
        Ok(Self(checked))
    }

    /// The normalised origins, in the order given.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

/// One trusted origin, normalised.
pub(crate) fn origin_of(origin: &str) -> Result<String, ConfigError> {
    if !(origin.starts_with("https://") || origin.starts_with("http://")) {
        return Err(crate::options::origin::not_an_origin(
            "trusted_origins",
            origin,
        ));
    }
    let host: Host = origin.parse()?;
    Ok(host.origin().to_owned())
}
