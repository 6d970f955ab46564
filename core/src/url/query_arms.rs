//! The option table's hand-written query arms (`[with …]` rows): the options
//! that are more than one string, each through its
//! [`OptionSupport`](crate::OptionSupport) so that a build which never sets
//! them links none of their code.

use crate::options::option_support::needed;
use crate::url::query_string::QueryString;
use crate::{ConfigError, InquiryOptions, OptionSupport, Padding};

type Arm = Result<(), ConfigError>;

/// A string option the SDK drops when empty (`value || null`).
pub(crate) fn non_empty(value: &Option<String>) -> Option<&str> {
    value.as_deref().filter(|s| !s.is_empty())
}

/// `templateId` is split by its prefix: `itmpl_…` is an inquiry template,
/// anything else a legacy template.
pub(crate) fn template_ids(qs: &mut QueryString<'_>, _: &OptionSupport, o: &InquiryOptions) -> Arm {
    let template = non_empty(&o.template_id);
    qs.push_str("template-id", template.filter(|t| !t.starts_with("itmpl_")));
    qs.push_str(
        "inquiry-template-id",
        template.filter(|t| t.starts_with("itmpl_")),
    );
    Ok(())
}

pub(crate) fn frame_ancestors(
    qs: &mut QueryString<'_>,
    s: &OptionSupport,
    o: &InquiryOptions,
) -> Arm {
    if let Some(ancestors) = &o.frame_ancestors {
        needed(s.frame_ancestors, "frame_ancestors")?.1(qs, ancestors);
    }
    Ok(())
}

pub(crate) fn field_mappings(
    qs: &mut QueryString<'_>,
    s: &OptionSupport,
    o: &InquiryOptions,
) -> Arm {
    if let Some(mappings) = &o.field_mappings {
        let (encode, case) = needed(s.field_mappings, "field_mappings")?;
        encode(qs, mappings, case);
    }
    Ok(())
}

pub(crate) fn fields(qs: &mut QueryString<'_>, s: &OptionSupport, o: &InquiryOptions) -> Arm {
    if let Some(fields) = &o.fields {
        let (encode, case) = needed(s.fields, "fields")?;
        encode(qs, fields, case);
    }
    Ok(())
}

pub(crate) fn widget_padding(
    qs: &mut QueryString<'_>,
    s: &OptionSupport,
    o: &InquiryOptions,
) -> Arm {
    padding(qs, s, "widget-padding", "widget_padding", &o.widget_padding)
}

pub(crate) fn navigation_padding(
    qs: &mut QueryString<'_>,
    s: &OptionSupport,
    o: &InquiryOptions,
) -> Arm {
    padding(
        qs,
        s,
        "navigation-padding",
        "navigation_padding",
        &o.navigation_padding,
    )
}

#[inline(always)]
fn padding(
    qs: &mut QueryString<'_>,
    s: &OptionSupport,
    key: &'static str,
    option: &'static str,
    padding: &Option<Padding>,
) -> Arm {
    if let Some(padding) = padding {
        needed(s.padding, option)?(qs, key, padding);
    }
    Ok(())
}
