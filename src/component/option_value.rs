//! [`OptionValue`]: the types an option prop holds, and the URL support each
//! brings (see [`OptionSupport`]).
//!
//! Support travels with a given prop's value: `fields=json!(…)` makes an
//! [`OptionProp`](crate::OptionProp) that carries [`OptionSupport::FIELDS`],
//! and the component builds the widget URL with the support of the props it
//! was given. Only the conversions an app writes reach the fields encoder (or
//! the frame-size checks, the padding encoder, …), so an app that never sets
//! those options links none of their code.

use leptos_persona_core::{
    ConfigError, CssSize, Environment, EventsAllowlist, FieldMapping, Host, InquiryOptions,
    LoadTimeout, MessageTargetOrigin, OptionSupport, Padding, PageOrigin, ServerOutageMode,
    TrustedOrigins,
};
use serde_json::{Map, Value};

use crate::browser::browser_builtins::kebab_case;

mod sealed {
    pub trait Sealed {}
}

/// A type an option prop of [`PersonaInquiry`](crate::PersonaInquiry) holds.
/// Implemented for each option's type; not for other types.
///
/// ```
/// use leptos_persona::protocol::{CssSize, OptionSupport};
/// use leptos_persona::options::OptionValue;
///
/// // A frame size brings the frame-size checks with it; a string brings nothing.
/// let support = <CssSize as OptionValue>::SUPPORT;
/// assert_eq!(format!("{support:?}"), format!("{:?}", OptionSupport::FRAME_SIZE));
/// assert_eq!(
///     format!("{:?}", <String as OptionValue>::SUPPORT),
///     format!("{:?}", OptionSupport::NONE)
/// );
/// ```
pub trait OptionValue: sealed::Sealed + Clone + Send + Sync + 'static {
    /// What building the widget URL needs for a value of this type.
    const SUPPORT: &'static OptionSupport;

    /// Whether every value of this type needs no support (then the
    /// component does not even read the prop's support).
    #[doc(hidden)]
    const PLAIN: bool;

    /// The value, or why it cannot be used: checked as it is read from its
    /// prop, so only apps that set such a prop link the check.
    #[doc(hidden)]
    fn checked(self) -> Result<Self, ConfigError> {
        Ok(self)
    }
}

// Heights (`min_height`, `max_height`) are non-negative CSS pixels. Checked
// here, in the conversion, not where the component reads them: there every
// app would link the check (+108 B gzip inline, measured).
impl sealed::Sealed for f64 {}
impl OptionValue for f64 {
    const SUPPORT: &'static OptionSupport = &OptionSupport::NONE;
    const PLAIN: bool = true;

    fn checked(self) -> Result<Self, ConfigError> {
        if self.is_finite() && self >= 0.0 {
            return Ok(self);
        }
        Err(ConfigError::InvalidOption {
            option: "min_height / max_height",
            value: "a negative or non-finite number".into(),
            expected: "a non-negative number of CSS pixels",
        })
    }
}

macro_rules! option_value {
    (plain $($value:ty),* $(,)?) => {$(
        impl sealed::Sealed for $value {}
        impl OptionValue for $value {
            const SUPPORT: &'static OptionSupport = &OptionSupport::NONE;
            const PLAIN: bool = true;
        }
    )*};
    ($($value:ty => $support:expr),* $(,)?) => {$(
        impl sealed::Sealed for $value {}
        impl OptionValue for $value {
            const SUPPORT: &'static OptionSupport = &$support;
            const PLAIN: bool = false;
        }
    )*};
}

option_value!(plain String, Environment, ServerOutageMode, EventsAllowlist, LoadTimeout, TrustedOrigins, PageOrigin);

option_value! {
    Host => OptionSupport::HOSTS,
    MessageTargetOrigin => OptionSupport::MESSAGE_TARGET_ORIGIN,
    CssSize => OptionSupport::FRAME_SIZE,
    Padding => OptionSupport::PADDING,
    Vec<FieldMapping> => OptionSupport::FIELD_MAPPINGS.cased_by(kebab_case),
    Map<String, Value> => OptionSupport::FIELDS.cased_by(kebab_case),
    // `frame_ancestors` and `sandbox_attributes`.
    Vec<String> => OptionSupport::FRAME_ANCESTORS.and(OptionSupport::SANDBOX),
    InquiryOptions => OptionSupport::ALL.cased_by(kebab_case),
}
