//! Pure layout rules for the flow's iframe: the inline height and the modal's size.

use crate::options::css_length::is_css_length;
use crate::{InquiryStyles, PreferredDimensions};

/// The SDK's desktop breakpoint: wider and taller than this shows the modal as a card.
pub const DESKTOP_MEDIA_QUERY: &str =
    "only screen and (min-width: 600.02px) and (min-height: 600.02px)";

/// The inline iframe's height for a reported `pageHeight`, kept within `[min, max]`.
///
/// ```
/// use leptos_persona_core::inline_frame_height;
///
/// assert_eq!(inline_frame_height(Some(1400.0), 400.0, Some(900.0)), 900.0);
/// assert_eq!(inline_frame_height(Some(120.0), 400.0, None), 400.0);
/// assert_eq!(inline_frame_height(None, 400.0, None), 400.0);
/// ```
pub fn inline_frame_height(page_height: Option<f64>, min: f64, max: Option<f64>) -> f64 {
    let min = if min.is_finite() { min.max(0.0) } else { 0.0 };
    let wanted = page_height
        .filter(|h| h.is_finite())
        .unwrap_or(min)
        .max(min);
    match max.filter(|m| m.is_finite()) {
        Some(max) => wanted.min(max.max(min)),
        None => wanted,
    }
}

/// The modal iframe's size constraints (CSS values; `None` = unset).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ModalFrameSize {
    /// `min-width`.
    pub min_width: Option<String>,
    /// `max-width`.
    pub max_width: Option<String>,
    /// `min-height`.
    pub min_height: Option<String>,
    /// `max-height`.
    pub max_height: Option<String>,
    /// `border-radius`.
    pub border_radius: Option<String>,
}

/// The modal iframe's size, as the SDK sizes it: full screen on small viewports; on
/// desktop a 400 × 650 card that the flow's `preferredDimensions` may override.
/// A value that is not one plain CSS length (`560px`, `80vh`, `100%`, `auto`)
/// is ignored.
///
/// ```
/// use leptos_persona_core::{modal_frame_size, PreferredDimensions};
///
/// let small = modal_frame_size(false, None, None);
/// assert_eq!(small.max_width, None);
/// let desktop = modal_frame_size(true, None, None);
/// assert_eq!(desktop.max_width.as_deref(), Some("400px"));
/// let mut preferred = PreferredDimensions::default();
/// preferred.maximum_width = Some("560px".into());
/// assert_eq!(modal_frame_size(true, Some(&preferred), None).max_width.as_deref(), Some("560px"));
/// ```
pub fn modal_frame_size(
    desktop: bool,
    preferred: Option<&PreferredDimensions>,
    styles: Option<&InquiryStyles>,
) -> ModalFrameSize {
    if !desktop {
        return ModalFrameSize::default();
    }
    // Only what is one safe CSS length is taken from the flow, else the SDK's default.
    let safe = |v: Option<&Option<String>>, default: Option<&str>| {
        v.and_then(Option::as_deref)
            .filter(|v| is_css_length(v))
            .or(default)
            .map(str::to_owned)
    };
    ModalFrameSize {
        min_width: safe(preferred.map(|p| &p.minimum_width), None),
        max_width: safe(preferred.map(|p| &p.maximum_width), Some("400px")),
        min_height: safe(preferred.map(|p| &p.minimum_height), None),
        max_height: safe(preferred.map(|p| &p.maximum_height), Some("650px")),
        border_radius: safe(styles.map(|s| &s.border_radius), Some("4px")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_clamp_and_ignore_nonsense() {
        assert_eq!(inline_frame_height(Some(f64::NAN), 300.0, None), 300.0);
        assert_eq!(inline_frame_height(Some(640.0), 300.0, Some(200.0)), 300.0);
        assert_eq!(inline_frame_height(Some(640.0), f64::INFINITY, None), 640.0);
    }

    #[test]
    fn hostile_css_from_the_flow_is_ignored() {
        let preferred = PreferredDimensions {
            maximum_width: Some("1px; background: url(x)".into()),
            ..Default::default()
        };
        let styles = InquiryStyles {
            border_radius: Some("}body{display:none".into()),
        };
        let size = modal_frame_size(true, Some(&preferred), Some(&styles));
        assert_eq!(size.max_width.as_deref(), Some("400px"));
        assert_eq!(size.border_radius.as_deref(), Some("4px"));
    }
}
