//! Options → the flow's iframe: its `src` and attributes, as the official SDK's `setupIframe` builds them.

use crate::options::option_table::Page;
use crate::{ConfigError, InquiryOptions, JsBuiltins, OptionSupport, PortedBuiltins};

/// The version of the official SDK whose wire format this crate speaks (`client-version`).
pub const SDK_VERSION: &str = "5.9.0";

/// The iframe's `allow` attribute (camera, microphone, clipboard and passkeys).
pub const IFRAME_ALLOW: &str =
    "camera;microphone;clipboard-write;publickey-credentials-create;publickey-credentials-get";

/// The iframe's default accessible title.
pub const DEFAULT_IFRAME_TITLE: &str = "Verify your identity";

/// The iframe's `class` attribute.
pub const IFRAME_CLASS: &str = "persona-widget__iframe";

/// How the flow is presented (`flow-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FlowType {
    /// In the page's layout (`inline`).
    Inline,
    /// In a modal dialog over the page (`embedded`, the SDK's `Client`).
    Modal,
}

impl FlowType {
    /// The wire value: `inline` or `embedded`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inline => "inline",
            Self::Modal => "embedded",
        }
    }
}

/// Everything needed to render the flow's iframe.
///
/// ```
/// use leptos_persona_core::{FlowType, InquiryOptions, WidgetFrame};
///
/// let frame = WidgetFrame::build(
///     &InquiryOptions::template("itmpl_ABC123"),
///     "persona-inquiry-1",
///     FlowType::Modal,
///     "https://shop.example.com",
/// )
/// .unwrap();
/// assert!(frame.src.starts_with("https://inquiry.withpersona.com/widget?client-version=5.9.0"));
/// assert_eq!(frame.role, Some("dialog"));
/// assert_eq!(frame.target_origin, "https://inquiry.withpersona.com");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WidgetFrame {
    /// The iframe's `src`, byte-identical to the official SDK's.
    pub src: String,
    /// The origin of the flow: trusted for incoming messages, the target of outgoing ones.
    pub target_origin: String,
    /// `title`.
    pub title: String,
    /// `sandbox`.
    pub sandbox: String,
    /// `allow`.
    pub allow: &'static str,
    /// `class`.
    pub class: &'static str,
    /// `data-testid`.
    pub data_testid: &'static str,
    /// `frameborder`.
    pub frameborder: &'static str,
    /// `role` (`dialog` for the modal).
    pub role: Option<&'static str>,
    /// `aria-modal` (`true` for the modal).
    pub aria_modal: Option<&'static str>,
    /// CSS `max-height`, from `frame_height`.
    pub max_height: Option<String>,
    /// CSS `max-width`, from `frame_width`.
    pub max_width: Option<String>,
}

impl WidgetFrame {
    /// Validates `options` and builds the iframe for container `container_id`,
    /// embedded in a page whose origin is `page_origin` (`window.location.origin`).
    pub fn build(
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<Self, ConfigError> {
        Self::build_with(
            &PortedBuiltins,
            options,
            container_id,
            flow_type,
            page_origin,
        )
    }

    /// [`build`](Self::build), with the JavaScript built-ins taken from `builtins`
    /// (for example the browser's own, in a wasm wrapper).
    pub fn build_with(
        builtins: &dyn JsBuiltins,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<Self, ConfigError> {
        Self::build_supporting(
            builtins,
            &OptionSupport::ALL,
            options,
            container_id,
            flow_type,
            page_origin,
        )
    }

    /// [`build_with`](Self::build_with) with only the given [`OptionSupport`]:
    /// an option set without its support is a [`ConfigError::Unsupported`].
    /// With [`OptionSupport::ALL`] it is `build_with`.
    pub fn build_supporting(
        builtins: &dyn JsBuiltins,
        support: &OptionSupport,
        options: &InquiryOptions,
        container_id: &str,
        flow_type: FlowType,
        page_origin: &str,
    ) -> Result<Self, ConfigError> {
        let checked = options.check(support, builtins)?;
        if container_id.is_empty() {
            return Err(ConfigError::EmptyContainerId);
        }
        let host = options.effective_host();
        let modal = flow_type == FlowType::Modal;
        let page = Page {
            client_version: SDK_VERSION,
            container_id,
            flow_type: flow_type.as_str(),
            page_origin,
        };
        Ok(Self {
            src: {
                let query =
                    crate::options::inquiry_options::query(builtins, support, options, &page)?;
                let mut src = host.base_url().to_owned();
                src.push_str("/widget");
                src.push_str(&query);
                src
            },
            target_origin: host.origin().to_owned(),
            title: options
                .iframe_title
                .clone()
                .unwrap_or_else(|| DEFAULT_IFRAME_TITLE.to_owned()),
            sandbox: checked.sandbox,
            allow: IFRAME_ALLOW,
            class: IFRAME_CLASS,
            data_testid: "persona-widget__iframe",
            frameborder: "0",
            role: modal.then_some("dialog"),
            aria_modal: modal.then_some("true"),
            max_height: checked.max_height,
            max_width: checked.max_width,
        })
    }
}

/// The flow's iframe URL, byte-identical to what the official SDK's `setupIframe` builds.
///
/// ```
/// use leptos_persona_core::{widget_url, FlowType, InquiryOptions};
///
/// let url = widget_url(
///     &InquiryOptions::template("itmpl_ABC123").with_field("nameFirst", "Jane"),
///     "persona-inquiry-1",
///     FlowType::Inline,
///     "http://localhost:3000",
/// )
/// .unwrap();
/// assert_eq!(
///     url,
///     "https://inquiry.withpersona.com/widget?client-version=5.9.0&container-id=persona-inquiry-1\
///      &flow-type=inline&inquiry-template-id=itmpl_ABC123&iframe-origin=http%3A%2F%2Flocalhost%3A3000\
///      &fields%5Bname-first%5D=Jane"
/// );
/// ```
pub fn widget_url(
    options: &InquiryOptions,
    container_id: &str,
    flow_type: FlowType,
    page_origin: &str,
) -> Result<String, ConfigError> {
    WidgetFrame::build(options, container_id, flow_type, page_origin).map(|frame| frame.src)
}
