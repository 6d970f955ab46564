//! Options from props: every option prop, overlaid on `options`, validated and
//! built into what one flow needs ([`Settings`]).

use leptos_persona_core::{
    ConfigError, EventsAllowlist, FlowType, InquiryOptions, LoadTimeout, MessageGate,
    OptionSupport, TrustedOrigins, WidgetFrame,
};

use crate::options::OptionValue;
use crate::session::inquiry_handle::Resume;
use crate::OptionProp;

/// The inline iframe's default minimum height (CSS px).
pub const DEFAULT_MIN_HEIGHT: f64 = 400.0;

/// The option table's rows as the shell needs them: `page` rows dropped,
/// each option as `(docs name overlay_fn: PropType)`, handed to `$then!`.
/// The prop holds the row's type (or its `prop` type); `at mount` rows are
/// not overlaid (the component reads them once).
macro_rules! option_rows {
    ([$then:ident] $($rows:tt)*) => {
        $crate::component::options_from_props::option_rows!(@rows $then [] $($rows)*);
    };
    (@rows $then:ident [$($out:tt)*]) => {
        $then! { $($out)* }
    };
    (@rows $then:ident [$($out:tt)*] page $key:literal $part:ident; $($rest:tt)*) => {
        $crate::component::options_from_props::option_rows!(@rows $then [$($out)*] $($rest)*);
    };
    (@rows $then:ident [$($out:tt)*] $(#[$doc:meta])* bare $name:ident $sdk:literal : $ty:ty
        => [$($rule:tt)*]; $($rest:tt)*) => {
        $crate::component::options_from_props::option_rows!(@rows $then
            [$($out)* ($(#[$doc])* $name overlay: $ty)] $($rest)*);
    };
    (@rows $then:ident [$($out:tt)*] $(#[$doc:meta])* $name:ident $sdk:literal : $ty:ty
        => [$($rule:tt)*] at mount; $($rest:tt)*) => {
        $crate::component::options_from_props::option_rows!(@rows $then
            [$($out)* ($(#[$doc])* $name at_mount: $ty)] $($rest)*);
    };
    (@rows $then:ident [$($out:tt)*] $(#[$doc:meta])* $name:ident $sdk:literal : $ty:ty
        => [$($rule:tt)*] prop $prop:ty; $($rest:tt)*) => {
        $crate::component::options_from_props::option_rows!(@rows $then
            [$($out)* ($(#[$doc])* $name overlay: $prop)] $($rest)*);
    };
    (@rows $then:ident [$($out:tt)*] $(#[$doc:meta])* $name:ident $sdk:literal : $ty:ty
        => [$($rule:tt)*]; $($rest:tt)*) => {
        $crate::component::options_from_props::option_rows!(@rows $then
            [$($out)* ($(#[$doc])* $name overlay: $ty)] $($rest)*);
    };
}

pub(crate) use option_rows;

/// `OptionProps`, its overlay onto the options and its support, from the rows.
macro_rules! option_props {
    ($(($(#[$doc:meta])* $name:ident $overlay:ident : $prop:ty))*) => {
        /// Every option prop of one `<PersonaInquiry>`.
        #[derive(Default)]
        pub(crate) struct OptionProps {
            pub(crate) options: OptionProp<InquiryOptions>,
            $(pub(crate) $name: OptionProp<$prop>,)*
            pub(crate) trusted_origins: OptionProp<TrustedOrigins>,
            pub(crate) min_height: OptionProp<f64>,
            pub(crate) max_height: OptionProp<f64>,
            pub(crate) load_timeout: OptionProp<LoadTimeout>,
        }

        impl OptionProps {
            /// Each option prop that is set, onto `options` (a prop wins); the
            /// first bad value is kept in `error`.
            fn overlay_props(&self, options: &mut InquiryOptions, error: &mut Option<ConfigError>) {
                $($overlay(&mut options.$name, &self.$name, error);)*
            }

            /// What the given props need to build the widget URL: the support
            /// their values carry (see [`OptionValue`](crate::options::OptionValue)),
            /// nothing for props not given, and no read at all of a prop whose
            /// type never carries any.
            fn support(&self) -> OptionSupport {
                let mut support = self.options.support();
                $(
                    if !<$prop as OptionValue>::PLAIN {
                        support = support.and(self.$name.support());
                    }
                )*
                support
            }
        }
    };
}

leptos_persona_core::sdk_option_table!(option_rows, option_props);

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
}

/// An option's field, which a prop of type `P` can set.
trait Slot<P> {
    fn put(&mut self, value: P);
}

impl<T, P: Into<T>> Slot<P> for Option<T> {
    fn put(&mut self, value: P) {
        *self = Some(value.into());
    }
}

impl Slot<EventsAllowlist> for EventsAllowlist {
    fn put(&mut self, value: EventsAllowlist) {
        *self = value;
    }
}

/// Replaces `slot` with the prop's value when the prop has one; a bad value
/// is kept in `error` (the first one wins) and leaves `slot` alone. Never
/// inlined: one call per prop, and one copy of this per value type.
#[inline(never)]
fn overlay<P, S: Slot<P>>(slot: &mut S, prop: &OptionProp<P>, error: &mut Option<ConfigError>) {
    match prop.read() {
        Some(Ok(value)) => slot.put(value),
        Some(Err(bad)) => {
            error.get_or_insert(bad);
        }
        None => {}
    }
}

/// An `at mount` row: the component reads it once, when it mounts.
fn at_mount<T, S>(_: &mut S, _: &OptionProp<T>, _: &mut Option<ConfigError>) {}

/// A number of CSS pixels (its conversion checked it, see
/// [`OptionValue`](crate::options::OptionValue) for `f64`).
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
        self.overlay_props(&mut o, &mut error);
        if let Some(error) = error {
            return Err(error);
        }
        if let Some(sandbox) = &mount.sandbox {
            o.sandbox_attributes = Some(sandbox.clone()?);
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
    pub(crate) fn settings(
        &self,
        mount: &Mount,
        resume: Option<Resume>,
        page_origin: &str,
    ) -> Result<Settings, ConfigError> {
        let options = self.options(mount, resume)?;
        let frame = WidgetFrame::build_supporting(
            crate::browser::browser_builtins::builtins(),
            &self.support(),
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
