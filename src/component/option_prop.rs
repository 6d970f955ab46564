//! [`OptionProp`]: the value of one option prop: absent, a constant, or reactive.

use std::collections::BTreeMap;
#[allow(
    clippy::disallowed_types,
    reason = "a conversion from the app's own HashMap: generic, so linked only by apps that pass one"
)]
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos_persona_core::{
    ConfigError, CssSize, Environment, EventName, EventsAllowlist, Host, LoadTimeout,
    MessageTargetOrigin, OptionSupport, PageOrigin, ServerOutageMode, TrustedOrigins,
};

use crate::options::OptionValue;
use serde_json::{Map, Value};

type Read<T> = dyn Fn() -> Option<Result<T, ConfigError>> + Send + Sync;

/// The value of one of [`PersonaInquiry`](crate::PersonaInquiry)'s option props.
///
/// You rarely name this type: write what you would write in JavaScript and the
/// prop converts it.
///
/// - a constant: `template_id="itmpl_…"`, `host="staging"`, `frame_height=650`,
///   `frame_width="80vw"`, `max_height=900`, `load_timeout=8_000`,
///   `load_timeout=Duration::from_secs(8)`, `fields=json!({"nameFirst": "Jane"})`,
///   `fields=[("nameFirst", "Jane")]`, `frame_ancestors=["https://shop.example.com"]`;
/// - anything reactive: a `Signal`, `ReadSignal`, `RwSignal` or `Memo` of the
///   value (or of an `Option` of it), a `MaybeProp`, or
///   [`OptionProp::derive`] of a closure; the flow follows its changes;
/// - `Option`s and `Result`s of the value (`options=InquiryOptions::from_json(…)`).
///
/// A value that cannot be used (`host="not a host"`, `load_timeout=u32::MAX`,
/// `fields=json!([1, 2])`) is not a compile error and not a panic: the component
/// shows it as a [`ConfigError`], in the page and in
/// [`InquiryHandle::config_error`](crate::InquiryHandle::config_error).
pub struct OptionProp<T: 'static> {
    read: Option<Arc<Read<T>>>,
    /// What the widget URL needs for this value: none until given.
    support: &'static OptionSupport,
}

impl<T> Default for OptionProp<T> {
    fn default() -> Self {
        Self {
            read: None,
            support: &OptionSupport::NONE,
        }
    }
}

impl<T> Clone for OptionProp<T> {
    fn clone(&self) -> Self {
        Self {
            read: self.read.clone(),
            support: self.support,
        }
    }
}

impl<T: OptionValue> OptionProp<T> {
    /// A prop whose value `read` computes; the signals it reads are tracked.
    ///
    /// ```
    /// use leptos::prelude::*;
    /// use leptos_persona::OptionProp;
    ///
    /// let user = RwSignal::new(42);
    /// let reference: OptionProp<String> = OptionProp::derive(move || Some(format!("user_{}", user.get())));
    /// # let _ = reference;
    /// ```
    pub fn derive(read: impl Fn() -> Option<T> + Send + Sync + 'static) -> Self {
        Self::reading(move || read().map(T::checked))
    }

    /// A prop whose value `read` computes, or fails to.
    pub fn derive_checked(
        read: impl Fn() -> Option<Result<T, ConfigError>> + Send + Sync + 'static,
    ) -> Self {
        Self::reading(move || read().map(|value| value.and_then(T::checked)))
    }

    /// A prop read by `read`, which returns checked values.
    fn reading(read: impl Fn() -> Option<Result<T, ConfigError>> + Send + Sync + 'static) -> Self {
        Self {
            read: Some(Arc::new(read)),
            support: T::SUPPORT,
        }
    }
}

impl<T: 'static> OptionProp<T> {
    /// Whether the prop was given at all.
    pub fn is_given(&self) -> bool {
        self.read.is_some()
    }

    /// What building the widget URL needs for this prop's value.
    pub(crate) fn support(&self) -> OptionSupport {
        *self.support
    }

    /// The current value (tracked): `None` when unset, an error when unusable.
    pub fn read(&self) -> Option<Result<T, ConfigError>> {
        self.read.as_ref().and_then(|read| read())
    }
}

impl<T: OptionValue> OptionProp<T> {
    fn constant(value: Result<T, ConfigError>) -> Self {
        let value = value.and_then(T::checked);
        Self::reading(move || Some(value.clone()))
    }
}

impl<T: OptionValue> From<T> for OptionProp<T> {
    fn from(value: T) -> Self {
        Self::constant(Ok(value))
    }
}

impl<T: OptionValue> From<Option<T>> for OptionProp<T> {
    fn from(value: Option<T>) -> Self {
        value.map(Self::from).unwrap_or_default()
    }
}

impl<T: OptionValue> From<Result<T, ConfigError>> for OptionProp<T> {
    fn from(value: Result<T, ConfigError>) -> Self {
        Self::constant(value)
    }
}

macro_rules! from_reactive {
    ($($source:ident),*) => {$(
        impl<T: OptionValue> From<$source<T>> for OptionProp<T> {
            fn from(source: $source<T>) -> Self {
                // A disposed source reads as unset, never as a panic.
                Self::derive(move || source.try_get())
            }
        }
        impl<T: OptionValue> From<$source<Option<T>>> for OptionProp<T> {
            fn from(source: $source<Option<T>>) -> Self {
                Self::derive(move || source.try_get().flatten())
            }
        }
    )*};
}
from_reactive!(Signal, ReadSignal, RwSignal, Memo);

impl<T: OptionValue> From<MaybeProp<T>> for OptionProp<T> {
    fn from(source: MaybeProp<T>) -> Self {
        Self::derive(move || source.try_get().flatten())
    }
}

impl From<&str> for OptionProp<String> {
    fn from(text: &str) -> Self {
        Self::from(text.to_owned())
    }
}

/// Text that is parsed into `$target` (constants and signals of `String`).
macro_rules! from_text {
    ($target:ty, $parse:path) => {
        impl From<&str> for OptionProp<$target> {
            fn from(text: &str) -> Self {
                Self::constant($parse(text))
            }
        }
        impl From<String> for OptionProp<$target> {
            fn from(text: String) -> Self {
                Self::constant($parse(&text))
            }
        }
        impl From<Option<String>> for OptionProp<$target> {
            fn from(text: Option<String>) -> Self {
                text.map(Self::from).unwrap_or_default()
            }
        }
        impl From<Signal<String>> for OptionProp<$target> {
            fn from(text: Signal<String>) -> Self {
                Self::derive_checked(move || text.try_with(|t| $parse(t)))
            }
        }
        impl From<RwSignal<String>> for OptionProp<$target> {
            fn from(text: RwSignal<String>) -> Self {
                Self::derive_checked(move || text.try_with(|t| $parse(t)))
            }
        }
        impl From<Memo<String>> for OptionProp<$target> {
            fn from(text: Memo<String>) -> Self {
                Self::derive_checked(move || text.try_with(|t| $parse(t)))
            }
        }
    };
}

fn parse_host(text: &str) -> Result<Host, ConfigError> {
    text.parse()
}

fn parse_environment(text: &str) -> Result<Environment, ConfigError> {
    match text {
        "sandbox" => Ok(Environment::Sandbox),
        "production" => Ok(Environment::Production),
        _ => Err(ConfigError::InvalidOption {
            option: "environment",
            value: text.to_owned(),
            expected: "\"sandbox\" or \"production\" (Persona prefers `environment_id`)",
        }),
    }
}

fn parse_outage_mode(text: &str) -> Result<ServerOutageMode, ConfigError> {
    match text {
        "always" => Ok(ServerOutageMode::Always),
        "never" => Ok(ServerOutageMode::Never),
        "defer" => Ok(ServerOutageMode::Defer),
        _ => Err(ConfigError::InvalidOption {
            option: "server_outage_mode",
            value: text.to_owned(),
            expected: "\"always\", \"never\" or \"defer\"",
        }),
    }
}

fn parse_allowlist(text: &str) -> Result<EventsAllowlist, ConfigError> {
    match text {
        "all" => Ok(EventsAllowlist::All),
        "default" => Ok(EventsAllowlist::Default),
        _ => Err(ConfigError::InvalidOption {
            option: "events_allowlist",
            value: text.to_owned(),
            expected: "\"all\", \"default\", or a list of event names",
        }),
    }
}

fn target_origin(text: &str) -> Result<MessageTargetOrigin, ConfigError> {
    Ok(MessageTargetOrigin(text.to_owned()))
}

fn css_size(text: &str) -> Result<CssSize, ConfigError> {
    Ok(CssSize::Css(text.to_owned()))
}

from_text!(Host, parse_host);
from_text!(Environment, parse_environment);
from_text!(ServerOutageMode, parse_outage_mode);
from_text!(EventsAllowlist, parse_allowlist);
from_text!(CssSize, css_size);
from_text!(MessageTargetOrigin, target_origin);
from_text!(PageOrigin, PageOrigin::parse);

/// Numbers of pixels, for frame sizes and heights.
macro_rules! from_number {
    ($($number:ty),*) => {$(
        impl From<$number> for OptionProp<CssSize> {
            fn from(px: $number) -> Self {
                Self::from(CssSize::Px(px as f64))
            }
        }
        impl From<$number> for OptionProp<f64> {
            fn from(px: $number) -> Self {
                Self::from(px as f64)
            }
        }
    )*};
}
from_number!(i32, u32, i64, u64, u16, usize);

impl From<f64> for OptionProp<CssSize> {
    fn from(px: f64) -> Self {
        Self::from(CssSize::Px(px))
    }
}

impl From<f32> for OptionProp<CssSize> {
    fn from(px: f32) -> Self {
        Self::from(CssSize::Px(f64::from(px)))
    }
}

impl From<f32> for OptionProp<f64> {
    fn from(px: f32) -> Self {
        Self::from(f64::from(px))
    }
}

impl From<Duration> for OptionProp<LoadTimeout> {
    fn from(wait: Duration) -> Self {
        Self::constant(LoadTimeout::try_from(wait))
    }
}

macro_rules! timeout_from_millis {
    ($($number:ty),*) => {$(
        impl From<$number> for OptionProp<LoadTimeout> {
            fn from(millis: $number) -> Self {
                let millis = u64::try_from(millis).unwrap_or(0);
                Self::constant(LoadTimeout::from_millis(millis))
            }
        }
    )*};
}
timeout_from_millis!(i32, u32, i64, u64, usize);

// Trusted origins as users write them: a list of full origins, checked where
// the list is converted, so an app that never trusts more origins carries no
// origin parser.
impl From<Vec<String>> for OptionProp<TrustedOrigins> {
    fn from(origins: Vec<String>) -> Self {
        Self::constant(TrustedOrigins::parse(origins))
    }
}

impl From<Vec<&str>> for OptionProp<TrustedOrigins> {
    fn from(origins: Vec<&str>) -> Self {
        Self::constant(TrustedOrigins::parse(origins))
    }
}

impl From<&[&str]> for OptionProp<TrustedOrigins> {
    fn from(origins: &[&str]) -> Self {
        Self::constant(TrustedOrigins::parse(origins))
    }
}

impl<const N: usize> From<[&str; N]> for OptionProp<TrustedOrigins> {
    fn from(origins: [&str; N]) -> Self {
        Self::constant(TrustedOrigins::parse(origins))
    }
}

macro_rules! trusted_from_reactive {
    ($($source:ident),*) => {$(
        impl From<$source<Vec<String>>> for OptionProp<TrustedOrigins> {
            fn from(origins: $source<Vec<String>>) -> Self {
                Self::derive_checked(move || origins.try_with(|o| TrustedOrigins::parse(o)))
            }
        }
    )*};
}
trusted_from_reactive!(Signal, RwSignal, Memo);

fn timeout_from_millis(millis: u32) -> Result<LoadTimeout, ConfigError> {
    LoadTimeout::from_millis(u64::from(millis))
}

impl From<Signal<u32>> for OptionProp<LoadTimeout> {
    fn from(millis: Signal<u32>) -> Self {
        Self::derive_checked(move || millis.try_get().map(timeout_from_millis))
    }
}

impl From<Signal<Option<u32>>> for OptionProp<LoadTimeout> {
    fn from(millis: Signal<Option<u32>>) -> Self {
        Self::derive_checked(move || millis.try_get().flatten().map(timeout_from_millis))
    }
}

impl From<RwSignal<u32>> for OptionProp<LoadTimeout> {
    fn from(millis: RwSignal<u32>) -> Self {
        Self::derive_checked(move || millis.try_get().map(timeout_from_millis))
    }
}

/// The events allowlist from event names.
impl<const N: usize> From<[&str; N]> for OptionProp<EventsAllowlist> {
    fn from(names: [&str; N]) -> Self {
        Self::from(EventsAllowlist::Only(
            names.iter().map(|n| EventName::parse(n)).collect(),
        ))
    }
}

impl From<Vec<&str>> for OptionProp<EventsAllowlist> {
    fn from(names: Vec<&str>) -> Self {
        Self::from(EventsAllowlist::Only(
            names.iter().map(|n| EventName::parse(n)).collect(),
        ))
    }
}

impl From<Vec<EventName>> for OptionProp<EventsAllowlist> {
    fn from(names: Vec<EventName>) -> Self {
        Self::from(EventsAllowlist::Only(names))
    }
}

/// Lists of origins or tokens from string literals.
impl<const N: usize> From<[&str; N]> for OptionProp<Vec<String>> {
    fn from(items: [&str; N]) -> Self {
        Self::from(items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }
}

impl From<Vec<&str>> for OptionProp<Vec<String>> {
    fn from(items: Vec<&str>) -> Self {
        Self::from(items.into_iter().map(str::to_owned).collect::<Vec<_>>())
    }
}

impl From<&[&str]> for OptionProp<Vec<String>> {
    fn from(items: &[&str]) -> Self {
        Self::from(items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }
}

type Fields = Map<String, Value>;

/// Prefill fields must be a JSON object.
fn fields_from_json(value: Value) -> Result<Fields, ConfigError> {
    match value {
        Value::Object(map) => Ok(map),
        other => Err(ConfigError::InvalidOption {
            option: "fields",
            value: other.to_string(),
            expected:
                "a JSON object of field names to values, such as json!({\"nameFirst\": \"Jane\"})",
        }),
    }
}

impl From<Value> for OptionProp<Fields> {
    fn from(value: Value) -> Self {
        Self::constant(fields_from_json(value))
    }
}

impl From<Signal<Value>> for OptionProp<Fields> {
    fn from(value: Signal<Value>) -> Self {
        Self::derive_checked(move || value.try_get().map(fields_from_json))
    }
}

impl From<RwSignal<Value>> for OptionProp<Fields> {
    fn from(value: RwSignal<Value>) -> Self {
        Self::derive_checked(move || value.try_get().map(fields_from_json))
    }
}

fn fields_from_pairs<K: Into<String>, V: Into<Value>>(
    pairs: impl IntoIterator<Item = (K, V)>,
) -> Fields {
    pairs
        .into_iter()
        .map(|(k, v)| (k.into(), v.into()))
        .collect()
}

impl<K: Into<String>, V: Into<Value>> From<Vec<(K, V)>> for OptionProp<Fields> {
    fn from(pairs: Vec<(K, V)>) -> Self {
        Self::from(fields_from_pairs(pairs))
    }
}

impl<K: Into<String>, V: Into<Value>, const N: usize> From<[(K, V); N]> for OptionProp<Fields> {
    fn from(pairs: [(K, V); N]) -> Self {
        Self::from(fields_from_pairs(pairs))
    }
}

#[allow(
    clippy::disallowed_types,
    reason = "a conversion from the app's own HashMap: generic, so linked only by apps that pass one"
)]
impl<K: Into<String>, V: Into<Value>, S> From<HashMap<K, V, S>> for OptionProp<Fields> {
    fn from(map: HashMap<K, V, S>) -> Self {
        Self::from(fields_from_pairs(map))
    }
}

impl<K: Into<String>, V: Into<Value>> From<BTreeMap<K, V>> for OptionProp<Fields> {
    fn from(map: BTreeMap<K, V>) -> Self {
        Self::from(fields_from_pairs(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins(prop: OptionProp<TrustedOrigins>) -> Result<Vec<String>, String> {
        match prop.read() {
            Some(Ok(origins)) => Ok(origins.as_slice().to_vec()),
            Some(Err(error)) => Err(error.to_string()),
            None => Err("unset".into()),
        }
    }

    #[test]
    fn heights_are_checked_however_they_are_given() {
        let owner = Owner::new();
        owner.with(|| {
            let refused = |prop: OptionProp<f64>| match prop.read() {
                Some(Err(error)) => error.to_string().contains("min_height / max_height"),
                _ => false,
            };
            assert!(refused((-1).into()));
            assert!(refused(f64::INFINITY.into()));
            assert!(refused(OptionProp::derive(|| Some(f64::NAN))));
            assert!(refused(OptionProp::derive_checked(|| Some(Ok(-0.5)))));
            let height = RwSignal::new(300.0);
            let prop = OptionProp::<f64>::from(height);
            assert!(matches!(prop.read(), Some(Ok(h)) if h == 300.0));
            height.set(-3.0);
            assert!(refused(prop));
        });
    }

    #[test]
    fn trusted_origins_are_checked_where_they_are_converted() {
        assert_eq!(
            origins(["https://Verify.Example.com", "http://localhost:8080"].into()),
            Ok(vec![
                "https://verify.example.com".to_owned(),
                "http://localhost:8080".to_owned()
            ])
        );
        assert_eq!(
            origins(vec!["https://a.example".to_owned()].into()),
            Ok(vec!["https://a.example".to_owned()])
        );
        let bare = origins(vec!["verify.example.com"].into()).unwrap_err();
        assert!(bare.contains("verify.example.com"), "{bare}");
        assert!(origins((&["development"][..]).into()).is_err());
        assert!(origins(["http://verify.example.com"].into()).is_err());
        assert_eq!(origins(OptionProp::default()), Err("unset".into()));
    }

    #[test]
    fn reactive_trusted_origins_follow_their_signal() {
        let owner = Owner::new();
        owner.with(|| {
            let list = RwSignal::new(vec!["https://a.example".to_owned()]);
            let prop = OptionProp::<TrustedOrigins>::from(list);
            assert_eq!(
                origins(prop.clone()),
                Ok(vec!["https://a.example".to_owned()])
            );
            list.set(vec!["nope".to_owned()]);
            assert!(origins(prop).is_err());
        });
    }
}
