//! A strict grammar for one CSS length: what frame sizes from options and from
//! the flow may be before they are written into a `style` attribute.

/// Units a size may carry (ASCII case-insensitive).
const UNITS: &[&str] = &[
    "px", "%", "em", "rem", "ex", "ch", "vw", "vh", "vmin", "vmax", "svw", "svh", "lvw", "lvh",
    "dvw", "dvh", "vi", "vb", "cm", "mm", "q", "in", "pt", "pc",
];

/// Whether `value` is exactly one CSS length: a non-negative number with a
/// unit (`650px`, `80vh`, `12.5rem`, `100%`), a bare `0`, or `auto` / `none`.
///
/// Everything else is refused, in particular what could reach beyond one
/// declaration or change its meaning: `calc(`, `url(`, `/*`, `!important`,
/// `;`, quotes, braces, whitespace and escapes.
pub(crate) fn is_css_length(value: &str) -> bool {
    if value.len() > 32 {
        return false;
    }
    if value.eq_ignore_ascii_case("auto") || value.eq_ignore_ascii_case("none") {
        return true;
    }
    let digits_end = value
        .bytes()
        .position(|b| !(b.is_ascii_digit() || b == b'.'))
        .unwrap_or(value.len());
    let Some((number, unit)) = value.split_at_checked(digits_end) else {
        return false;
    };
    // At most one dot, with a digit after it; or digits alone.
    let well_formed = match number.bytes().filter(|&b| b == b'.').count() {
        0 => !number.is_empty(),
        1 => !number.ends_with('.'),
        _ => false,
    };
    if !well_formed {
        return false;
    }
    if unit.is_empty() {
        return number.bytes().all(|b| b == b'0' || b == b'.');
    }
    UNITS.iter().any(|u| unit.eq_ignore_ascii_case(u))
}

#[cfg(test)]
mod tests {
    use super::is_css_length;

    #[test]
    fn lengths_pass() {
        for ok in [
            "650px", "80vh", "100%", "12.5rem", ".5em", "0", "0.0", "auto", "NONE", "40DVH", "3Q",
        ] {
            assert!(is_css_length(ok), "{ok} should pass");
        }
    }

    #[test]
    fn anything_else_is_refused() {
        for bad in [
            "",
            "1px/*",
            "calc(100% - 10px)",
            "url(x)",
            "1px !important",
            "1px;color:red",
            "1px}",
            "-5px",
            "+5px",
            "5",
            "5 px",
            " 5px",
            "1.2.3px",
            "1.px",
            ".px",
            "px",
            "5pxx",
            "5\\70 x",
            "expression(alert(1))",
            "var(--x)",
            "5q in",
            "5% em",
            "5em\trem",
        ] {
            assert!(!is_css_length(bad), "{bad:?} should be refused");
        }
    }
}
