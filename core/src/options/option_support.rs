//! [`OptionSupport`]: the code behind the options that need more than a
//! string copied into the URL, reached through a table so that a build which
//! never sets them links none of it.

use serde_json::{Map, Value};

use crate::url::query_string::QueryString;
use crate::{ConfigError, CssSize, FieldMapping, InquiryOptions, JsBuiltins, Padding};

type Check<T> = fn(&T) -> Result<(), ConfigError>;
type Encode<T> = fn(&mut QueryString<'_>, &T);
type EncodeCased<T> = fn(&mut QueryString<'_>, &T, KeyCase);
type Cased<T> = (EncodeCased<T>, KeyCase);
type FrameSize = fn(&CssSize, &'static str, &dyn JsBuiltins) -> Result<String, ConfigError>;
type Ancestors = (Check<[String]>, Encode<[String]>);
type Sandbox = fn(&[String]) -> Result<String, ConfigError>;
type EncodePadding = fn(&mut QueryString<'_>, &'static str, &Padding);

/// How object keys are cased in the URL: lodash `kebabCase`, by some implementation.
pub type KeyCase = fn(&str) -> String;

/// The support kinds, one row each: `field: Type = SET_NAME(doc) => value`.
/// From the rows come [`OptionSupport`]'s fields, its `Debug`, [`NONE`](OptionSupport::NONE),
/// [`ALL`](OptionSupport::ALL), one constant per kind and [`and`](OptionSupport::and).
macro_rules! option_support {
    ($($(#[$doc:meta])* $field:ident: $ty:ty = $set:ident => $value:expr;)*) => {
        /// Which of the options that need their own checks or encoders a build of the
        /// widget URL can handle: custom hosts, frame sizes, the message target
        /// origin, frame ancestors, sandbox tokens, field mappings, prefilled fields
        /// and paddings.
        ///
        /// [`WidgetFrame::build_with`](crate::WidgetFrame::build_with) handles them all
        /// ([`OptionSupport::ALL`]). A wrapper that knows which options an app can set
        /// passes only their support to
        /// [`WidgetFrame::build_supporting`](crate::WidgetFrame::build_supporting), so
        /// that the code for the others is never referenced and the linker leaves it
        /// out of the app's wasm. An option that is set without its support is a
        /// [`ConfigError::Unsupported`], never silently dropped.
        ///
        /// ```
        /// use leptos_persona_core::{FlowType, InquiryOptions, OptionSupport, PortedBuiltins, WidgetFrame};
        ///
        /// let options = InquiryOptions::template("itmpl_ABC123").with_field("nameFirst", "Jane");
        /// let build = |support: &OptionSupport| {
        ///     WidgetFrame::build_supporting(
        ///         &PortedBuiltins, support, &options, "c1", FlowType::Inline, "https://shop.example",
        ///     )
        /// };
        /// assert!(build(&OptionSupport::NONE).is_err());
        /// assert_eq!(build(&OptionSupport::FIELDS), build(&OptionSupport::ALL));
        /// ```
        #[derive(Clone, Copy)]
        pub struct OptionSupport {
            $(pub(crate) $field: Option<$ty>,)*
        }

        impl std::fmt::Debug for OptionSupport {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("OptionSupport")
                    $(.field(stringify!($field), &self.$field.is_some()))*
                    .finish()
            }
        }

        impl OptionSupport {
            /// The options that are copied as strings, and nothing else.
            pub const NONE: Self = Self {
                $($field: None,)*
            };
            /// Every option.
            pub const ALL: Self = Self {
                $($field: Some($value),)*
            };
            $(
                $(#[$doc])*
                pub const $set: Self = Self {
                    $field: Some($value),
                    ..Self::NONE
                };
            )*

            /// What `self` or `other` supports.
            #[must_use]
            pub const fn and(self, other: Self) -> Self {
                Self {
                    $($field: match self.$field {
                        Some(f) => Some(f),
                        None => other.$field,
                    },)*
                }
            }
        }
    };
}

option_support! {
    /// `host` and `custom_host`: the custom host's rules.
    hosts: Check<InquiryOptions> = HOSTS => crate::options::host::check_hosts;
    /// `frame_height` and `frame_width`: CSS lengths, checked and written.
    frame_size: FrameSize = FRAME_SIZE => frame_size;
    /// `message_target_origin`: an origin, checked (an empty one needs nothing).
    message_target_origin: Check<str> = MESSAGE_TARGET_ORIGIN => check_message_target_origin;
    /// `frame_ancestors`: origins, checked and listed in the URL.
    frame_ancestors: Ancestors = FRAME_ANCESTORS => (check_frame_ancestors, encode_frame_ancestors);
    /// `sandbox_attributes`: tokens, checked.
    sandbox: Sandbox = SANDBOX => sandbox;
    /// `field_mappings`: records with kebab-cased keys (by [`kebab_case`](crate::kebab_case)).
    field_mappings: Cased<[FieldMapping]> = FIELD_MAPPINGS
        => (encode_field_mappings, crate::url::kebab_case::kebab_case);
    /// `fields`: a JSON object with kebab-cased keys (by
    /// [`kebab_case`](crate::kebab_case)), in JavaScript's order.
    fields: Cased<Map<String, Value>> = FIELDS => (encode_fields, crate::url::kebab_case::kebab_case);
    /// `widget_padding` and `navigation_padding`: numbers per side.
    padding: EncodePadding = PADDING => encode_padding;
}

impl Default for OptionSupport {
    fn default() -> Self {
        Self::NONE
    }
}

impl OptionSupport {
    /// The same support, with the keys of `fields` and `field_mappings` cased
    /// by `key_case` instead of the Rust port of lodash `kebabCase` (a browser
    /// wrapper may pass the browser's run of lodash itself).
    #[must_use]
    pub const fn cased_by(mut self, key_case: KeyCase) -> Self {
        if let Some((encode, _)) = self.fields {
            self.fields = Some((encode, key_case));
        }
        if let Some((encode, _)) = self.field_mappings {
            self.field_mappings = Some((encode, key_case));
        }
        self
    }
}

/// The support for `option`, or the error saying it is missing.
#[inline(always)]
pub(crate) fn needed<F>(support: Option<F>, option: &'static str) -> Result<F, ConfigError> {
    support.ok_or(ConfigError::Unsupported { option })
}

fn frame_size(
    size: &CssSize,
    option: &'static str,
    builtins: &dyn JsBuiltins,
) -> Result<String, ConfigError> {
    size.validate(option)?;
    Ok(size.to_css_with(builtins))
}

fn check_message_target_origin(target: &str) -> Result<(), ConfigError> {
    if crate::options::origin::is_origin(target) {
        Ok(())
    } else {
        Err(crate::options::origin::not_an_origin(
            "message_target_origin",
            target,
        ))
    }
}

fn check_frame_ancestors(ancestors: &[String]) -> Result<(), ConfigError> {
    for ancestor in ancestors {
        if !crate::options::origin::is_frame_ancestor(ancestor) {
            return Err(crate::options::origin::not_an_origin(
                "frame_ancestors",
                ancestor,
            ));
        }
    }
    Ok(())
}

fn encode_frame_ancestors(qs: &mut QueryString<'_>, ancestors: &[String]) {
    qs.push_strings("frame-ancestors", ancestors);
}

fn sandbox(tokens: &[String]) -> Result<String, ConfigError> {
    crate::sandbox_attribute(Some(tokens))
}

fn encode_field_mappings(qs: &mut QueryString<'_>, mappings: &[FieldMapping], case: KeyCase) {
    let records: Vec<[(&str, &str); 2]> = mappings.iter().map(|m| m.entries()).collect();
    qs.push_records("field-mappings", &records, case);
}

fn encode_fields(qs: &mut QueryString<'_>, fields: &Map<String, Value>, case: KeyCase) {
    qs.push_object("fields", fields, case);
}

fn encode_padding(qs: &mut QueryString<'_>, key: &'static str, padding: &Padding) {
    let sides: Vec<(&str, f64)> = padding
        .sides()
        .iter()
        .map(|(side, px)| (side.as_str(), *px))
        .collect();
    qs.push_numbers(key, &sides);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{FlowType, Host, PortedBuiltins, WidgetFrame};

    fn build(
        support: &OptionSupport,
        options: &InquiryOptions,
    ) -> Result<WidgetFrame, ConfigError> {
        WidgetFrame::build_supporting(
            &PortedBuiltins,
            support,
            options,
            "c1",
            FlowType::Modal,
            "https://shop.example",
        )
    }

    /// Each option that needs support: set, it fails without its support with
    /// an error naming it, and builds exactly as with all support with it.
    #[test]
    fn each_option_needs_only_its_own_support() {
        let base = || InquiryOptions::template("itmpl_ABC123");
        let host: Host = "https://verify.example.com".parse().unwrap();
        let cases: [(&str, OptionSupport, InquiryOptions); 10] = [
            (
                "message_target_origin",
                OptionSupport::MESSAGE_TARGET_ORIGIN,
                InquiryOptions {
                    message_target_origin: Some("https://shop.example".into()),
                    ..base()
                },
            ),
            (
                "custom_host",
                OptionSupport::HOSTS,
                InquiryOptions {
                    custom_host: Some(host),
                    ..base()
                },
            ),
            (
                "frame_height",
                OptionSupport::FRAME_SIZE,
                InquiryOptions {
                    frame_height: Some(CssSize::Px(650.0)),
                    ..base()
                },
            ),
            (
                "frame_width",
                OptionSupport::FRAME_SIZE,
                InquiryOptions {
                    frame_width: Some("80vw".into()),
                    ..base()
                },
            ),
            (
                "frame_ancestors",
                OptionSupport::FRAME_ANCESTORS,
                InquiryOptions {
                    frame_ancestors: Some(vec!["https://a.example".into()]),
                    ..base()
                },
            ),
            (
                "sandbox_attributes",
                OptionSupport::SANDBOX,
                InquiryOptions {
                    sandbox_attributes: Some(vec!["allow-downloads".into()]),
                    ..base()
                },
            ),
            (
                "field_mappings",
                OptionSupport::FIELD_MAPPINGS,
                InquiryOptions {
                    field_mappings: Some(vec![FieldMapping::new("nameFirst", "first")]),
                    ..base()
                },
            ),
            (
                "fields",
                OptionSupport::FIELDS,
                base().with_field("nameFirst", "Jane"),
            ),
            (
                "widget_padding",
                OptionSupport::PADDING,
                InquiryOptions {
                    widget_padding: Some(Padding::new().top(8.0)),
                    ..base()
                },
            ),
            (
                "navigation_padding",
                OptionSupport::PADDING,
                InquiryOptions {
                    navigation_padding: Some(Padding::new().left(4.5)),
                    ..base()
                },
            ),
        ];
        for (option, support, options) in cases {
            match build(&OptionSupport::NONE, &options) {
                Err(ConfigError::Unsupported { option: named }) => assert_eq!(named, option),
                other => panic!("{option} without support: {other:?}"),
            }
            let all = build(&OptionSupport::ALL, &options).unwrap();
            assert_eq!(build(&support, &options).unwrap(), all, "{option}");
            assert_eq!(
                WidgetFrame::build(&options, "c1", FlowType::Modal, "https://shop.example")
                    .unwrap(),
                all
            );
        }
        // Options copied as strings need no support.
        let plain = InquiryOptions {
            language: Some("de".into()),
            reference_id: Some("u_1".into()),
            ..base()
        };
        assert_eq!(
            build(&OptionSupport::NONE, &plain),
            build(&OptionSupport::ALL, &plain)
        );
    }

    #[test]
    fn bad_values_are_still_refused_with_support() {
        let options = InquiryOptions {
            sandbox_attributes: Some(vec!["allow-top-navigation".into()]),
            ..InquiryOptions::template("itmpl_ABC123")
        };
        assert!(matches!(
            build(&OptionSupport::SANDBOX, &options),
            Err(ConfigError::InvalidSandboxToken { .. })
        ));
        let unsupported = ConfigError::Unsupported { option: "fields" }.to_string();
        assert!(unsupported.contains("`fields`") && unsupported.contains("OptionSupport::ALL"));
    }

    #[test]
    fn the_default_sandbox_is_the_required_and_default_tokens() {
        assert_eq!(
            crate::sandbox_attribute(None).unwrap(),
            crate::DEFAULT_SANDBOX
        );
    }
}
