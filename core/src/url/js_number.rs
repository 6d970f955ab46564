//! Numbers as text: JavaScript's `Number.prototype.toString()` for `f64`s, and
//! [`push_decimal`] for integers, without Rust's formatting machinery.
//!
//! The official SDK turns numbers into query values with `String(n)`, so a Rust
//! port has to print numbers exactly the way ECMAScript does (`1e+21`,
//! `1.5e-7`, `12345678901234567000`, `-0` as `0`). Rust's `{:e}` formatting
//! already yields the shortest round-tripping digits, which is what ECMAScript
//! asks for; this module only lays those digits out by the spec's rules
//! (ECMA-262 `Number::toString`, radix 10).

/// Formats `value` exactly as JavaScript's `String(value)` does.
pub(crate) fn js_number_to_string(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    if value == 0.0 {
        return "0".to_owned();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned();
    }
    if value < 0.0 {
        return format!("-{}", js_number_to_string(-value));
    }
    // `{:e}` prints the shortest digits that round-trip, e.g. "1.2345e-7".
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let k = digits.len() as i32;
    // `n` is the position of the decimal point relative to the digits.
    let n = exponent + 1;
    if k <= n && n <= 21 {
        let mut out = digits;
        out.extend(std::iter::repeat_n('0', (n - k) as usize));
        out
    } else if 0 < n && n <= 21 {
        let (int, frac) = digits.split_at(n as usize);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{}", "0".repeat((-n) as usize), digits)
    } else {
        let sign = if n - 1 < 0 { '-' } else { '+' };
        let exp = (n - 1).abs();
        let (first, rest) = digits.split_at(1);
        if rest.is_empty() {
            format!("{first}e{sign}{exp}")
        } else {
            format!("{first}.{rest}e{sign}{exp}")
        }
    }
}

/// Appends `n` in decimal (without the formatting machinery).
pub(crate) fn push_decimal(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        if let Some(digit) = digits.get_mut(at) {
            *digit = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || at == 0 {
            break;
        }
    }
    for &digit in digits.iter().skip(at) {
        out.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use super::js_number_to_string as js;

    #[test]
    fn matches_ecmascript_number_to_string() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.25, "-1.25"),
            (1.5, "1.5"),
            (3.25, "3.25"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (12345678901234567890.0, "12345678901234567000"),
            (1.5e-7, "1.5e-7"),
            (1e-7, "1e-7"),
            (0.000001, "0.000001"),
            (0.0000012, "0.0000012"),
            (1e300, "1e+300"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (100.0, "100"),
            (123.456, "123.456"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
        ];
        for (value, expected) in cases {
            assert_eq!(js(*value), *expected, "formatting {value:?}");
        }
    }
}
