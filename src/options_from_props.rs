//! Options from props: every option prop, overlaid on `options`, validated and
//! built into what one flow needs ([`Settings`]).

use leptos_persona_core::{
    ConfigError, CssSize, Environment, EventsAllowlist, FieldMapping, FlowType, Host,
    InquiryOptions, LoadTimeout, MessageGate, OptionSupport, Padding, ServerOutageMode,
    TrustedOrigins, WidgetFrame,
};
use serde_json::{Map, Value};

use crate::inquiry_handle::Resume;
use crate::{MessageTargetOrigin, OptionProp};

/// The inline iframe's default minimum height (CSS px).
pub const DEFAULT_MIN_HEIGHT: f64 = 400.0;

/// Every option prop of one `<PersonaInquiry>`.
#[derive(Default)]
pub(crate) struct OptionProps {
    pub(crate) options: OptionProp<InquiryOptions>,
    pub(crate) template_id: OptionProp<String>,
    pub(crate) template_version_id: OptionProp<String>,
    pub(crate) environment_id: OptionProp<String>,
    pub(crate) environment: OptionProp<Environment>,
    pub(crate) reference_id: OptionProp<String>,
    pub(crate) account_id: OptionProp<String>,
    pub(crate) account_type_id: OptionProp<String>,
    pub(crate) language: OptionProp<String>,
    pub(crate) fields: OptionProp<Map<String, Value>>,
    pub(crate) theme_set_id: OptionProp<String>,
    pub(crate) style_variant: OptionProp<String>,
    pub(crate) inquiry_id: OptionProp<String>,
    pub(crate) session_token: OptionProp<String>,
    pub(crate) share_token: OptionProp<String>,
    pub(crate) field_mappings: OptionProp<Vec<FieldMapping>>,
    pub(crate) frame_ancestors: OptionProp<Vec<String>>,
    pub(crate) message_target_origin: OptionProp<MessageTargetOrigin>,
    pub(crate) frame_height: OptionProp<CssSize>,
    pub(crate) frame_width: OptionProp<CssSize>,
    pub(crate) routing_country: OptionProp<String>,
    pub(crate) iframe_title: OptionProp<String>,
    pub(crate) widget_padding: OptionProp<Padding>,
    pub(crate) navigation_padding: OptionProp<Padding>,
    pub(crate) host: OptionProp<Host>,
    pub(crate) custom_host: OptionProp<Host>,
    pub(crate) events_allowlist: OptionProp<EventsAllowlist>,
    pub(crate) server_outage_mode: OptionProp<ServerOutageMode>,
    pub(crate) trusted_origins: OptionProp<TrustedOrigins>,
    pub(crate) min_height: OptionProp<f64>,
    pub(crate) max_height: OptionProp<f64>,
    pub(crate) load_timeout: OptionProp<LoadTimeout>,
}

/// What one flow needs, all derived from the props.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Settings {
    pub(crate) frame: WidgetFrame,
    pub(crate) gate: MessageGate,
    pub(crate) allowlist: EventsAllowlist,
    pub(crate) load_timeout: LoadTimeout,
    pub(crate) min_height: f64,
    pub(crate) max_height: Option<f64>,
}

/// Where one instance sits: fixed at mount.
pub(crate) struct Mount {
    pub(crate) container_id: String,
    pub(crate) flow_type: FlowType,
    /// `sandbox_attributes` as read at mount (the sandbox of a live iframe cannot change).
    pub(crate) sandbox: Option<Result<Vec<String>, ConfigError>>,
    /// What the `sandbox_attributes` prop's value needs.
    pub(crate) sandbox_support: OptionSupport,
}

/// Replaces `slot` with the prop's value when the prop has one; a bad value
/// is kept in `error` (the first one wins) and leaves `slot` alone. Never
/// inlined: one call per prop, and one copy of this per value type.
#[inline(never)]
fn overlay<T>(slot: &mut Option<T>, prop: &OptionProp<T>, error: &mut Option<ConfigError>) {
    match prop.read() {
        Some(Ok(value)) => *slot = Some(value),
        Some(Err(bad)) => {
            error.get_or_insert(bad);
        }
        None => {}
    }
}

/// A number of CSS pixels (its conversion checked it, see
/// [`OptionValue`](crate::OptionValue) for `f64`).
fn pixels(prop: &OptionProp<f64>) -> Result<Option<f64>, ConfigError> {
    prop.read().transpose()
}

impl OptionProps {
    /// The options: `options`, then each prop that is set (a prop wins), then a resume.
    fn options(
        &self,
        mount: &Mount,
        resume: Option<Resume>,
    ) -> Result<InquiryOptions, ConfigError> {
        let mut o = self.options.read().transpose()?.unwrap_or_default();
        let mut error = None;
        overlay(&mut o.template_id, &self.template_id, &mut error);
        overlay(
            &mut o.template_version_id,
            &self.template_version_id,
            &mut error,
        );
        overlay(&mut o.environment_id, &self.environment_id, &mut error);
        overlay(&mut o.environment, &self.environment, &mut error);
        overlay(&mut o.reference_id, &self.reference_id, &mut error);
        overlay(&mut o.account_id, &self.account_id, &mut error);
        overlay(&mut o.account_type_id, &self.account_type_id, &mut error);
        overlay(&mut o.language, &self.language, &mut error);
        overlay(&mut o.fields, &self.fields, &mut error);
        overlay(&mut o.theme_set_id, &self.theme_set_id, &mut error);
        overlay(&mut o.style_variant, &self.style_variant, &mut error);
        overlay(&mut o.inquiry_id, &self.inquiry_id, &mut error);
        overlay(&mut o.session_token, &self.session_token, &mut error);
        overlay(&mut o.share_token, &self.share_token, &mut error);
        overlay(&mut o.field_mappings, &self.field_mappings, &mut error);
        overlay(&mut o.frame_ancestors, &self.frame_ancestors, &mut error);
        let mut target = None;
        overlay(&mut target, &self.message_target_origin, &mut error);
        if let Some(MessageTargetOrigin(target)) = target {
            o.message_target_origin = Some(target);
        }
        overlay(&mut o.frame_height, &self.frame_height, &mut error);
        overlay(&mut o.frame_width, &self.frame_width, &mut error);
        overlay(&mut o.routing_country, &self.routing_country, &mut error);
        overlay(&mut o.iframe_title, &self.iframe_title, &mut error);
        overlay(&mut o.widget_padding, &self.widget_padding, &mut error);
        overlay(
            &mut o.navigation_padding,
            &self.navigation_padding,
            &mut error,
        );
        overlay(&mut o.host, &self.host, &mut error);
        overlay(&mut o.custom_host, &self.custom_host, &mut error);
        overlay(
            &mut o.server_outage_mode,
            &self.server_outage_mode,
            &mut error,
        );
        if let Some(error) = error {
            return Err(error);
        }
        if let Some(sandbox) = &mount.sandbox {
            o.sandbox_attributes = Some(sandbox.clone()?);
        }
        if let Some(allowlist) = self.events_allowlist.read() {
            o.events_allowlist = allowlist?;
        }
        if let Some(resume) = resume {
            // Resuming an inquiry replaces whatever flow the options start.
            o.template_id = None;
            o.template_version_id = None;
            o.inquiry_id = Some(resume.inquiry_id);
            o.session_token = resume.session_token;
        }
        Ok(o)
    }

    /// Validates everything and builds the flow for a page at `page_origin`.
    /// What the given props need to build the widget URL: the support their
    /// values carry (see [`OptionValue`](crate::OptionValue)), nothing for
    /// props not given.
    fn support(&self, mount: &Mount) -> OptionSupport {
        [
            self.options.support(),
            self.fields.support(),
            self.field_mappings.support(),
            self.frame_ancestors.support(),
            self.message_target_origin.support(),
            self.frame_height.support(),
            self.frame_width.support(),
            self.widget_padding.support(),
            self.navigation_padding.support(),
            self.host.support(),
            self.custom_host.support(),
        ]
        .into_iter()
        .fold(mount.sandbox_support, OptionSupport::and)
    }

    pub(crate) fn settings(
        &self,
        mount: &Mount,
        resume: Option<Resume>,
        page_origin: &str,
    ) -> Result<Settings, ConfigError> {
        let options = self.options(mount, resume)?;
        let frame = WidgetFrame::build_supporting(
            crate::browser_builtins::builtins(),
            &self.support(mount),
            &options,
            &mount.container_id,
            mount.flow_type,
            page_origin,
        )?;
        let mut gate = MessageGate::for_frame(&frame, &mount.container_id, &options);
        if let Some(origins) = self.trusted_origins.read().transpose()? {
            gate = gate.trust(&origins);
        }
        Ok(Settings {
            frame,
            gate,
            allowlist: options.events_allowlist,
            load_timeout: self.load_timeout.read().transpose()?.unwrap_or_default(),
            min_height: pixels(&self.min_height)?.unwrap_or(DEFAULT_MIN_HEIGHT),
            max_height: pixels(&self.max_height)?,
        })
    }
}
