//! The iframe's `sandbox` attribute: the SDK's required and default tokens, checked.

use crate::options::config_error::Quoted;
use crate::ConfigError;

/// Tokens the flow cannot work without; always present, first, in this order.
pub const REQUIRED_SANDBOX_TOKENS: [&str; 3] =
    ["allow-scripts", "allow-same-origin", "allow-popups"];

/// Tokens added when `sandbox_attributes` is unset (the official SDK's default).
pub const DEFAULT_SANDBOX_TOKENS: [&str; 3] = [
    "allow-forms",
    "allow-modals",
    "allow-top-navigation-by-user-activation",
];

/// The `sandbox` attribute when `sandbox_attributes` is unset: the required
/// tokens, then the default ones.
pub const DEFAULT_SANDBOX: &str = "allow-scripts allow-same-origin allow-popups allow-forms \
                                   allow-modals allow-top-navigation-by-user-activation";

/// Tokens refused because they let the framed flow escape its sandbox.
pub const REFUSED_SANDBOX_TOKENS: [&str; 2] =
    ["allow-top-navigation", "allow-popups-to-escape-sandbox"];

/// Every other token the HTML standard defines, accepted as is.
const KNOWN_SANDBOX_TOKENS: [&str; 9] = [
    "allow-downloads",
    "allow-forms",
    "allow-modals",
    "allow-orientation-lock",
    "allow-pointer-lock",
    "allow-presentation",
    "allow-storage-access-by-user-activation",
    "allow-top-navigation-by-user-activation",
    "allow-top-navigation-to-custom-protocols",
];

/// Builds the `sandbox` attribute value from the `sandbox_attributes` option.
///
/// The required tokens come first, then the given tokens (or the default ones)
/// in their order, each once. Unknown tokens and the two that let the flow
/// escape the sandbox are refused.
///
/// ```
/// use leptos_persona_core::sandbox_attribute;
///
/// assert_eq!(
///     sandbox_attribute(None).unwrap(),
///     "allow-scripts allow-same-origin allow-popups allow-forms allow-modals allow-top-navigation-by-user-activation"
/// );
/// let custom = vec!["allow-downloads".to_string(), "allow-scripts".to_string()];
/// assert_eq!(
///     sandbox_attribute(Some(&custom)).unwrap(),
///     "allow-scripts allow-same-origin allow-popups allow-downloads"
/// );
/// assert!(sandbox_attribute(Some(&["allow-top-navigation".to_string()])).is_err());
/// ```
pub fn sandbox_attribute(given: Option<&[String]>) -> Result<String, ConfigError> {
    let mut tokens: Vec<&str> = REQUIRED_SANDBOX_TOKENS.to_vec();
    let extra: Vec<&str> = match given {
        None => DEFAULT_SANDBOX_TOKENS.to_vec(),
        Some(given) => given.iter().map(String::as_str).collect(),
    };
    for token in extra {
        check_token(token)?;
        if !tokens.contains(&token) {
            tokens.push(token);
        }
    }
    Ok(tokens.join(" "))
}

fn check_token(token: &str) -> Result<(), ConfigError> {
    let refuse = |reason: String| {
        Err(ConfigError::InvalidSandboxToken {
            token: token.to_owned(),
            reason,
        })
    };
    if REFUSED_SANDBOX_TOKENS.contains(&token) {
        return refuse(
            "it would let the flow navigate or open windows outside the sandbox; \
             allow-top-navigation-by-user-activation is the safe alternative"
                .into(),
        );
    }
    if REQUIRED_SANDBOX_TOKENS.contains(&token) || KNOWN_SANDBOX_TOKENS.contains(&token) {
        return Ok(());
    }
    let lower = token.to_ascii_lowercase();
    if lower != token
        && (REQUIRED_SANDBOX_TOKENS.contains(&lower.as_str())
            || KNOWN_SANDBOX_TOKENS.contains(&lower.as_str()))
    {
        return refuse(format!("write it in lower case: {}", Quoted(&lower)));
    }
    refuse(format!(
        "unknown token; known tokens are {}",
        REQUIRED_SANDBOX_TOKENS
            .iter()
            .chain(KNOWN_SANDBOX_TOKENS.iter())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    ))
}
