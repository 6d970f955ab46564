//! [`MessageGate`]: decides whether a `message` event comes from our flow.

use std::fmt;

use serde_json::Value;

use crate::messages::flow_event::PayloadError;
use crate::messages::json_access::member;
use crate::options::config_error::Quoted;
use crate::{ConfigError, FlowEvent, FlowMessage, InquiryOptions, TrustedOrigins, WidgetFrame};

/// Why a message was not accepted. The component logs it in debug builds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// `event.source` is not our iframe's window.
    NotFromOurFrame,
    /// `event.origin` is empty (the official SDK accepts these).
    EmptyOrigin,
    /// `event.origin` is not exactly a trusted origin.
    UntrustedOrigin(String),
    /// `event.data` is something JSON cannot express (`undefined`, a BigInt, a
    /// cycle, a lone surrogate, a non-plain object …); the text says what.
    Unreadable(String),
    /// `event.data` is not an object.
    NotAnObject,
    /// `event.data.containerId` is absent, empty or not a string.
    MissingContainerId,
    /// `event.data.containerId` belongs to another inquiry.
    WrongContainerId(String),
    /// `event.data.templateId` differs from the configured template.
    TemplateMismatch,
    /// `event.data.templateVersionId` differs from the configured version.
    TemplateVersionMismatch,
    /// `event.data.name` is absent or not a string.
    MissingName,
    /// The payload is malformed for its event name.
    Malformed {
        /// The event name.
        name: String,
        /// What is wrong.
        error: PayloadError,
    },
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFromOurFrame => f.write_str("message not sent by this inquiry's iframe"),
            Self::EmptyOrigin => f.write_str("message with an empty origin"),
            Self::UntrustedOrigin(origin) => {
                write!(f, "message from untrusted origin {}", Quoted(origin))
            }
            Self::Unreadable(why) => write!(f, "unreadable message data: {why}"),
            Self::NotAnObject => f.write_str("message data is not an object"),
            Self::MissingContainerId => f.write_str("message without a string containerId"),
            Self::WrongContainerId(id) => write!(f, "message for another container {}", Quoted(id)),
            Self::TemplateMismatch => f.write_str("message for another templateId"),
            Self::TemplateVersionMismatch => f.write_str("message for another templateVersionId"),
            Self::MissingName => f.write_str("message without a string event name"),
            Self::Malformed { name, error } => {
                let what = match error {
                    PayloadError::MetadataNotAnObject => "its metadata is not an object",
                    PayloadError::ErrorNotAnObject => "its error is not an object",
                };
                write!(f, "malformed {} message: {what}", Quoted(name))
            }
        }
    }
}

impl std::error::Error for Rejection {}

/// Accepts a message only from our own iframe's window, from an exactly trusted
/// origin, with our container id (and our template, when one is configured).
///
/// ```
/// use leptos_persona_core::{MessageGate, Rejection};
/// use serde_json::json;
///
/// let gate = MessageGate::new("persona-inquiry-1", "https://inquiry.withpersona.com");
/// let data = json!({"containerId": "persona-inquiry-1", "name": "load"});
/// assert!(gate.check("https://inquiry.withpersona.com", true, &data).is_ok());
/// assert_eq!(
///     gate.check("https://evil.withpersona.com", true, &data),
///     Err(Rejection::UntrustedOrigin("https://evil.withpersona.com".into()))
/// );
/// assert_eq!(gate.check("https://inquiry.withpersona.com", false, &data), Err(Rejection::NotFromOurFrame));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageGate {
    trusted_origins: Vec<String>,
    container_id: String,
    template_id: Option<String>,
    template_version_id: Option<String>,
}

impl MessageGate {
    /// A gate for container `container_id` that trusts exactly `origin`.
    pub fn new(container_id: impl Into<String>, origin: impl Into<String>) -> Self {
        Self {
            trusted_origins: vec![origin.into()],
            container_id: container_id.into(),
            template_id: None,
            template_version_id: None,
        }
    }

    /// The gate for a built frame: its origin, its container, the options' template ids.
    pub fn for_frame(frame: &WidgetFrame, container_id: &str, options: &InquiryOptions) -> Self {
        Self::new(container_id, frame.target_origin.clone()).with_templates(
            options.template_id.clone(),
            options.template_version_id.clone(),
        )
    }

    /// Also requires these template ids when they are set and non-empty (as the SDK does).
    pub fn with_templates(
        mut self,
        template_id: Option<String>,
        template_version_id: Option<String>,
    ) -> Self {
        self.template_id = template_id.filter(|t| !t.is_empty());
        self.template_version_id = template_version_id.filter(|t| !t.is_empty());
        self
    }

    /// Trusts one more origin, given in full (`https://verify.example.com`;
    /// `http://` for a loopback host). A bare host or a deployment name
    /// (`"development"`) is refused: say exactly which origin to trust.
    pub fn trust_origin(mut self, origin: &str) -> Result<Self, ConfigError> {
        self.trusted_origins
            .push(crate::options::trusted_origins::origin_of(origin)?);
        Ok(self)
    }

    /// Also trusts every origin of `origins` (checked when they were parsed).
    pub fn trust(mut self, origins: &TrustedOrigins) -> Self {
        self.trusted_origins
            .extend(origins.as_slice().iter().cloned());
        self
    }
    /// The origins whose messages are accepted.
    pub fn trusted_origins(&self) -> &[String] {
        &self.trusted_origins
    }

    /// The first two checks, which need no data: the sender must be our iframe's
    /// window (`from_our_frame`, which only the caller can know), then its origin
    /// must be exactly a trusted one. Check these before reading `event.data`.
    pub fn check_sender(&self, origin: &str, from_our_frame: bool) -> Result<(), Rejection> {
        if !from_our_frame {
            return Err(Rejection::NotFromOurFrame);
        }
        if origin.is_empty() {
            return Err(Rejection::EmptyOrigin);
        }
        if !self.trusted_origins.iter().any(|o| o == origin) {
            return Err(Rejection::UntrustedOrigin(origin.to_owned()));
        }
        Ok(())
    }

    /// Decides about one `message` event: [`check_sender`](Self::check_sender),
    /// then the data.
    pub fn check(
        &self,
        origin: &str,
        from_our_frame: bool,
        data: &Value,
    ) -> Result<FlowMessage, Rejection> {
        self.check_sender(origin, from_our_frame)?;
        self.check_data(data)
    }

    /// [`check`](Self::check) for data that is costly or risky to read (a
    /// browser `MessageEvent`'s `data`): `read_data` runs only once the sender
    /// passed [`check_sender`](Self::check_sender), so the order is always
    /// source, origin, then data. A read error is [`Rejection::Unreadable`].
    ///
    /// ```
    /// use leptos_persona_core::{MessageGate, Rejection};
    /// use serde_json::json;
    ///
    /// let gate = MessageGate::new("c1", "https://inquiry.withpersona.com");
    /// let message = gate
    ///     .accept("https://inquiry.withpersona.com", true, || {
    ///         Ok(json!({"containerId": "c1", "name": "load"}))
    ///     })
    ///     .unwrap();
    /// assert_eq!(message.name, "load");
    /// let unread = gate.accept("https://evil.example", true, || unreachable!());
    /// assert!(matches!(unread, Err(Rejection::UntrustedOrigin(_))));
    /// ```
    pub fn accept(
        &self,
        origin: &str,
        from_our_frame: bool,
        read_data: impl FnOnce() -> Result<Value, String>,
    ) -> Result<FlowMessage, Rejection> {
        self.check_sender(origin, from_our_frame)?;
        let data = read_data().map_err(Rejection::Unreadable)?;
        self.check_data(&data)
    }

    /// The checks on `event.data` alone (container, template, name, payload).
    pub fn check_data(&self, data: &Value) -> Result<FlowMessage, Rejection> {
        if !data.is_object() {
            return Err(Rejection::NotAnObject);
        }
        let data = Some(data);
        match member(data, "containerId").and_then(Value::as_str) {
            None | Some("") => return Err(Rejection::MissingContainerId),
            Some(id) if id != self.container_id => {
                return Err(Rejection::WrongContainerId(id.to_owned()))
            }
            Some(_) => {}
        }
        let matches = |configured: &Option<String>, key: &str| {
            configured
                .as_deref()
                .is_none_or(|want| member(data, key).and_then(Value::as_str) == Some(want))
        };
        if !matches(&self.template_id, "templateId") {
            return Err(Rejection::TemplateMismatch);
        }
        if !matches(&self.template_version_id, "templateVersionId") {
            return Err(Rejection::TemplateVersionMismatch);
        }
        let name = member(data, "name")
            .and_then(Value::as_str)
            .ok_or(Rejection::MissingName)?;
        let metadata = member(data, "metadata");
        let event = FlowEvent::parse(name, metadata, member(data, "error")).map_err(|error| {
            Rejection::Malformed {
                name: name.to_owned(),
                error,
            }
        })?;
        Ok(FlowMessage {
            name: name.to_owned(),
            event,
            metadata: metadata.cloned(),
        })
    }
}
