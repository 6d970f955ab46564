//! [`InquiryOptions`]: every parameter of the official SDK's `InquiryOptions`,
//! typed; its fields come from the option table (`option_table.rs`).

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::options::option_support::{needed, OptionSupport};
use crate::options::option_table::inquiry_options;
use crate::{ConfigError, EventName, Host};

crate::sdk_option_table!(inquiry_options);

/// A session token where one may be given: a token (`"tok"`, a `String`) or
/// none (`None`, or the `Option<String>` that `on_cancel` reports).
///
/// ```
/// use leptos_persona_core::SessionToken;
///
/// assert_eq!(SessionToken::from("tok").0.as_deref(), Some("tok"));
/// assert_eq!(SessionToken::from(None).0, None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionToken(pub Option<String>);

impl From<&str> for SessionToken {
    fn from(token: &str) -> Self {
        Self(Some(token.to_owned()))
    }
}

impl From<String> for SessionToken {
    fn from(token: String) -> Self {
        Self(Some(token))
    }
}

impl From<&String> for SessionToken {
    fn from(token: &String) -> Self {
        Self(Some(token.clone()))
    }
}

impl From<Option<String>> for SessionToken {
    fn from(token: Option<String>) -> Self {
        Self(token)
    }
}

/// The value of the component's `message_target_origin` prop: the origin the
/// flow should post its messages to, as a string (`message_target_origin="https://…"`),
/// checked as a full origin where the widget URL is built. A type of its own
/// (not `String`) so that the check is linked only into apps that set it.
///
/// ```
/// use leptos_persona_core::MessageTargetOrigin;
///
/// let target: String = MessageTargetOrigin("https://parent.example.com".into()).into();
/// assert_eq!(target, "https://parent.example.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageTargetOrigin(pub String);

impl From<MessageTargetOrigin> for String {
    fn from(target: MessageTargetOrigin) -> Self {
        target.0
    }
}

impl InquiryOptions {
    /// Options that start a new inquiry from `template_id`.
    pub fn template(template_id: impl Into<String>) -> Self {
        Self {
            template_id: Some(template_id.into()),
            ..Self::default()
        }
    }

    /// Options that resume the inquiry `inquiry_id` (with its session token, for a pending one).
    ///
    /// ```
    /// use leptos_persona_core::InquiryOptions;
    ///
    /// let token: Option<String> = None;
    /// assert_eq!(InquiryOptions::resume("inq_1", "tok").session_token.as_deref(), Some("tok"));
    /// assert_eq!(InquiryOptions::resume("inq_1", None).session_token, None);
    /// assert_eq!(InquiryOptions::resume("inq_1", token), InquiryOptions::resume("inq_1", None));
    /// ```
    pub fn resume(inquiry_id: impl Into<String>, session_token: impl Into<SessionToken>) -> Self {
        Self {
            inquiry_id: Some(inquiry_id.into()),
            session_token: session_token.into().0,
            ..Self::default()
        }
    }

    /// Adds one prefilled field (key as the SDK spells it, e.g. `"nameFirst"`).
    pub fn with_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.fields
            .get_or_insert_with(Map::new)
            .insert(key.into(), value.into());
        self
    }

    /// Parses the official SDK's camelCase options JSON.
    pub fn from_json(json: &str) -> Result<Self, ConfigError> {
        serde_json::from_str(json).map_err(|e| ConfigError::Json {
            message: e.to_string(),
        })
    }

    /// Converts an already parsed JSON value in the SDK's camelCase shape.
    pub fn from_json_value(value: Value) -> Result<Self, ConfigError> {
        serde_json::from_value(value).map_err(|e| ConfigError::Json {
            message: e.to_string(),
        })
    }

    /// The host the flow is loaded from: `custom_host`, else `host`, else production.
    pub fn effective_host(&self) -> Host {
        self.custom_host
            .clone()
            .or_else(|| self.host.clone())
            .unwrap_or_default()
    }

    /// Checks the SDK's rules and this crate's stricter ones.
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.check(&OptionSupport::ALL, &crate::PortedBuiltins)
            .map(|_| ())
    }

    /// Checks the options in [`validate`](Self::validate)'s order, each
    /// through its `support`; returns what the checks computed for the frame.
    pub(crate) fn check(
        &self,
        support: &OptionSupport,
        builtins: &dyn crate::JsBuiltins,
    ) -> Result<Checked, ConfigError> {
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
        let has_template = filled(&self.template_id) || filled(&self.template_version_id);
        let has_inquiry = filled(&self.inquiry_id);
        if !has_template && !has_inquiry {
            return Err(ConfigError::MissingFlowTarget);
        }
        if has_template && has_inquiry {
            return Err(ConfigError::ConflictingFlowTarget);
        }
        if filled(&self.account_id) {
            if filled(&self.reference_id) {
                return Err(ConfigError::AccountIdWithReferenceId);
            }
            if filled(&self.account_type_id) {
                return Err(ConfigError::AccountIdWithAccountTypeId);
            }
        }
        if self.custom_host.is_some() {
            needed(support.hosts, "custom_host")?(self)?;
        }
        let mut sizes = [None, None];
        for (slot, (option, size)) in sizes.iter_mut().zip([
            ("frame_height", &self.frame_height),
            ("frame_width", &self.frame_width),
        ]) {
            if let Some(size) = size {
                *slot = Some(needed(support.frame_size, option)?(size, option, builtins)?);
            }
        }
        if let Some(target) = crate::url::query_arms::non_empty(&self.message_target_origin) {
            needed(support.message_target_origin, "message_target_origin")?(target)?;
        }
        if let Some(ancestors) = &self.frame_ancestors {
            needed(support.frame_ancestors, "frame_ancestors")?.0(ancestors)?;
        }
        let sandbox = match &self.sandbox_attributes {
            None => crate::options::sandbox::DEFAULT_SANDBOX.to_owned(),
            Some(tokens) => needed(support.sandbox, "sandbox_attributes")?(tokens)?,
        };
        self.events_allowlist.validate()?;
        let [max_height, max_width] = sizes;
        Ok(Checked {
            max_height,
            max_width,
            sandbox,
        })
    }
}

/// What [`InquiryOptions::check`] computed for the frame's attributes.
pub(crate) struct Checked {
    pub(crate) max_height: Option<String>,
    pub(crate) max_width: Option<String>,
    pub(crate) sandbox: String,
}

/// The deprecated `environment` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `sandbox`.
    Sandbox,
    /// `production`.
    Production,
}

impl Environment {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::Production => "production",
        }
    }
}

/// Persona's `serverOutageMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ServerOutageMode {
    /// `always`.
    Always,
    /// `never`.
    Never,
    /// `defer`.
    Defer,
}

impl ServerOutageMode {
    /// The wire value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Always => "always",
            Self::Never => "never",
            Self::Defer => "defer",
        }
    }
}

/// A maximum iframe size: a number of pixels or a CSS length.
///
/// ```
/// use leptos_persona_core::CssSize;
///
/// assert_eq!(CssSize::Px(650.0).to_css(), "650px");
/// assert_eq!(CssSize::from("80vh").to_css(), "80vh");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CssSize {
    /// Pixels (the SDK's number form).
    Px(f64),
    /// One CSS length, e.g. `"80vh"`, `"650px"` or `"100%"` (no `calc()`).
    Css(String),
}

impl CssSize {
    /// The CSS value, as the SDK writes it into `max-height` / `max-width`.
    pub fn to_css(&self) -> String {
        self.to_css_with(&crate::PortedBuiltins)
    }

    /// [`to_css`](Self::to_css), with numbers written by `builtins`.
    pub fn to_css_with(&self, builtins: &dyn crate::JsBuiltins) -> String {
        match self {
            Self::Px(px) => {
                let mut css = builtins.number_to_string(*px);
                css.push_str("px");
                css
            }
            Self::Css(css) => css.clone(),
        }
    }

    pub(crate) fn validate(&self, option: &'static str) -> Result<(), ConfigError> {
        let value = match self {
            Self::Px(px) if px.is_finite() && *px >= 0.0 => return Ok(()),
            Self::Px(_) => "a negative or non-finite number of pixels".to_owned(),
            Self::Css(css) if crate::options::css_length::is_css_length(css) => return Ok(()),
            Self::Css(css) => css.clone(),
        };
        Err(ConfigError::InvalidFrameSize { option, value })
    }
}

impl From<f64> for CssSize {
    fn from(px: f64) -> Self {
        Self::Px(px)
    }
}

impl From<&str> for CssSize {
    fn from(css: &str) -> Self {
        Self::Css(css.to_owned())
    }
}

/// Which events reach the `on_event` callback.
///
/// ```
/// use leptos_persona_core::{EventName, EventsAllowlist};
///
/// assert!(EventsAllowlist::Default.admits("page-change"));
/// assert!(!EventsAllowlist::Default.admits("click"));
/// assert!(EventsAllowlist::All.admits("click"));
/// assert!(EventsAllowlist::Only(vec![EventName::Click]).admits("click"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum EventsAllowlist {
    /// The SDK's default: every known event but `step-transitioning`, `click` and `form-update`.
    #[default]
    Default,
    /// Every event, including names this crate does not know (`'all'`).
    All,
    /// Exactly these events.
    Only(Vec<EventName>),
}

impl EventsAllowlist {
    /// Whether an event of this name reaches `on_event`.
    pub fn admits(&self, name: &str) -> bool {
        let event = || EventName::parse(name);
        match self {
            Self::Default => event().in_default_allowlist(),
            Self::All => true,
            Self::Only(names) => names.contains(&event()),
        }
    }

    fn validate(&self) -> Result<(), ConfigError> {
        match self {
            Self::Only(names)
                if names
                    .iter()
                    .any(|n| matches!(n, EventName::Other(other) if other.is_empty())) =>
            {
                Err(ConfigError::InvalidEventsAllowlist {
                    reason: "an event name is empty".into(),
                })
            }
            _ => Ok(()),
        }
    }
}

impl Serialize for EventsAllowlist {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Default => serializer.serialize_none(),
            Self::All => serializer.serialize_str("all"),
            Self::Only(names) => serializer.collect_seq(names.iter().map(EventName::as_str)),
        }
    }
}

impl<'de> Deserialize<'de> for EventsAllowlist {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            List(Vec<String>),
        }
        match Option::<Raw>::deserialize(deserializer)? {
            None => Ok(Self::Default),
            Some(Raw::Text(text)) if text == "all" => Ok(Self::All),
            Some(Raw::Text(text)) => Err(de::Error::custom(format!(
                "eventsAllowlist {text:?} is neither \"all\" nor a list of event names"
            ))),
            Some(Raw::List(names)) => Ok(Self::Only(
                names.iter().map(|n| EventName::parse(n)).collect(),
            )),
        }
    }
}

/// One side of a [`Padding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `top`.
    Top,
    /// `bottom`.
    Bottom,
    /// `left`.
    Left,
    /// `right`.
    Right,
}

impl Side {
    /// The wire key.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Top => "top",
            Self::Bottom => "bottom",
            Self::Left => "left",
            Self::Right => "right",
        }
    }

    fn parse(key: &str) -> Option<Self> {
        match key {
            "top" => Some(Self::Top),
            "bottom" => Some(Self::Bottom),
            "left" => Some(Self::Left),
            "right" => Some(Self::Right),
            _ => None,
        }
    }
}

/// Padding in pixels for the inline flow (`widgetPadding`, `navigationPadding`).
///
/// Sides keep the order they were given in, as the SDK's query string does.
///
/// ```
/// use leptos_persona_core::Padding;
///
/// let padding = Padding::new().top(8.0).bottom(16.0);
/// assert_eq!(padding.get(leptos_persona_core::Side::Bottom), Some(16.0));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Padding {
    sides: Vec<(Side, f64)>,
}

impl Padding {
    /// No padding given.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets one side (replacing an earlier value in place).
    pub fn set(mut self, side: Side, px: f64) -> Self {
        match self.sides.iter_mut().find(|(s, _)| *s == side) {
            Some(entry) => entry.1 = px,
            None => self.sides.push((side, px)),
        }
        self
    }

    /// Sets the top padding.
    pub fn top(self, px: f64) -> Self {
        self.set(Side::Top, px)
    }

    /// Sets the bottom padding.
    pub fn bottom(self, px: f64) -> Self {
        self.set(Side::Bottom, px)
    }

    /// Sets the left padding.
    pub fn left(self, px: f64) -> Self {
        self.set(Side::Left, px)
    }

    /// Sets the right padding.
    pub fn right(self, px: f64) -> Self {
        self.set(Side::Right, px)
    }

    /// One side's padding, if given.
    pub fn get(&self, side: Side) -> Option<f64> {
        self.sides
            .iter()
            .find(|(s, _)| *s == side)
            .map(|(_, px)| *px)
    }

    /// The given sides, in order.
    pub fn sides(&self) -> &[(Side, f64)] {
        &self.sides
    }
}

impl Serialize for Padding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.sides.len()))?;
        for (side, px) in &self.sides {
            map.serialize_entry(side.as_str(), px)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Padding {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PaddingVisitor;
        impl<'de> Visitor<'de> for PaddingVisitor {
            type Value = Padding;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object with numeric top, bottom, left and right")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Padding, A::Error> {
                let mut padding = Padding::new();
                while let Some(key) = map.next_key::<String>()? {
                    let side = Side::parse(&key).ok_or_else(|| {
                        de::Error::custom(format!(
                            "unknown padding side {key:?}: expected top, bottom, left or right"
                        ))
                    })?;
                    let px: Option<f64> = map.next_value()?;
                    if let Some(px) = px {
                        padding = padding.set(side, px);
                    }
                }
                Ok(padding)
            }
        }
        deserializer.deserialize_map(PaddingVisitor)
    }
}

/// Maps a field of shared source data onto a differently named field (with `share_token`).
///
/// ```
/// use leptos_persona_core::FieldMapping;
///
/// let mapping = FieldMapping::new("nameFirst", "givenName");
/// assert_eq!(mapping.source_field_name(), "nameFirst");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMapping {
    source_field_name: String,
    destination_field_name: String,
    /// JSON input may name the destination first; the query string keeps that order.
    destination_first: bool,
}

impl FieldMapping {
    /// A mapping from `source` to `destination`.
    pub fn new(source: impl Into<String>, destination: impl Into<String>) -> Self {
        Self {
            source_field_name: source.into(),
            destination_field_name: destination.into(),
            destination_first: false,
        }
    }

    /// The field name in the shared data.
    pub fn source_field_name(&self) -> &str {
        &self.source_field_name
    }

    /// The field name in this inquiry.
    pub fn destination_field_name(&self) -> &str {
        &self.destination_field_name
    }

    /// The mapping's entries as `(key, value)` in wire order (keys as the SDK spells them).
    pub(crate) fn entries(&self) -> [(&'static str, &str); 2] {
        let source = ("sourceFieldName", self.source_field_name.as_str());
        let destination = ("destinationFieldName", self.destination_field_name.as_str());
        if self.destination_first {
            [destination, source]
        } else {
            [source, destination]
        }
    }
}

impl Serialize for FieldMapping {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        for (key, value) in self.entries() {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FieldMapping {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MappingVisitor;
        impl<'de> Visitor<'de> for MappingVisitor {
            type Value = FieldMapping;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object with string sourceFieldName and destinationFieldName")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldMapping, A::Error> {
                let mut source: Option<String> = None;
                let mut destination: Option<String> = None;
                let mut destination_first = false;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "sourceFieldName" => source = Some(map.next_value()?),
                        "destinationFieldName" => {
                            destination_first |= source.is_none();
                            destination = Some(map.next_value()?);
                        }
                        other => {
                            return Err(de::Error::custom(format!(
                                "unknown field mapping key {other:?}: expected sourceFieldName \
                                 and destinationFieldName"
                            )))
                        }
                    }
                }
                match (source, destination) {
                    (Some(source_field_name), Some(destination_field_name)) => Ok(FieldMapping {
                        source_field_name,
                        destination_field_name,
                        destination_first,
                    }),
                    _ => Err(de::Error::custom(
                        "a field mapping needs both sourceFieldName and destinationFieldName",
                    )),
                }
            }
        }
        deserializer.deserialize_map(MappingVisitor)
    }
}
