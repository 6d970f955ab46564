//! [`Timestamp`]: an instant in UTC with nanoseconds, parsed from RFC 3339.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The first second this type holds: 0000-01-01T00:00:00Z.
const MIN_SECONDS: i64 = -62_167_219_200;
/// The last second this type holds: 9999-12-31T23:59:59Z.
const MAX_SECONDS: i64 = 253_402_300_799;

/// An instant, as Unix seconds and nanoseconds, between the years 0000 and 9999
/// (what RFC 3339 can write). Timestamps order by time, whatever offset their
/// text had.
///
/// Parsed from RFC 3339 by the crate itself (no date crate): Persona writes an
/// event's `created-at` as `2026-01-02T03:04:05.678Z`; offsets (`+02:00`),
/// lowercase `t` and `z`, a leap second (`:60`, counted as the next minute's
/// first second) and any number of fractional digits (the first nine are kept)
/// are accepted too.
///
/// ```
/// use leptos_persona_server::webhook::Timestamp;
///
/// let utc = Timestamp::parse("2026-01-02T03:04:05.5Z").unwrap();
/// assert_eq!(utc.unix_seconds(), 1_767_323_045);
/// assert_eq!(utc.subsec_nanos(), 500_000_000);
/// let paris = Timestamp::parse("2026-01-02T04:04:05.5+01:00").unwrap();
/// assert_eq!(utc, paris);
/// assert!(Timestamp::parse("2026-01-02T03:04:06Z").unwrap() > utc);
/// assert_eq!(utc.to_string(), "2026-01-02T03:04:05.5Z");
/// assert_eq!(Timestamp::parse("2026-02-30T00:00:00Z"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

impl Timestamp {
    /// The instant `seconds` (and `nanos`) after the Unix epoch; `None` when
    /// `nanos` is a second or more, or the instant is outside the years
    /// 0000–9999.
    ///
    /// ```
    /// use leptos_persona_server::webhook::Timestamp;
    /// let t = Timestamp::from_unix(0, 0).unwrap();
    /// assert_eq!(t.to_string(), "1970-01-01T00:00:00Z");
    /// assert_eq!(Timestamp::from_unix(0, 1_000_000_000), None);
    /// ```
    pub fn from_unix(seconds: i64, nanos: u32) -> Option<Self> {
        if nanos >= 1_000_000_000 || !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
            return None;
        }
        Some(Self { seconds, nanos })
    }

    /// Parses an RFC 3339 date and time (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`);
    /// `None` for anything else, an impossible date (February 30th) included.
    ///
    /// ```
    /// use leptos_persona_server::webhook::Timestamp;
    /// assert!(Timestamp::parse("2024-02-29T23:59:60Z").is_some());
    /// assert!(Timestamp::parse("2023-02-29T00:00:00Z").is_none());
    /// assert!(Timestamp::parse("2024-01-01 00:00:00").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        let year = digits(bytes, 0, 4)?;
        let month = digits(bytes, 5, 2)?;
        let day = digits(bytes, 8, 2)?;
        let hour = digits(bytes, 11, 2)?;
        let minute = digits(bytes, 14, 2)?;
        let second = digits(bytes, 17, 2)?;
        let separators_ok = bytes.get(4) == Some(&b'-')
            && bytes.get(7) == Some(&b'-')
            && matches!(bytes.get(10), Some(b'T' | b't'))
            && bytes.get(13) == Some(&b':')
            && bytes.get(16) == Some(&b':');
        if !separators_ok
            || !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut at = 19;
        let mut nanos: u32 = 0;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while let Some(digit) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
                if at - start < 9 {
                    nanos = nanos * 10 + u32::from(digit - b'0');
                }
                at += 1;
            }
            let count = at - start;
            if count == 0 {
                return None;
            }
            for _ in count..9 {
                nanos *= 10;
            }
        }
        let offset_seconds = match bytes.get(at..)? {
            b"Z" | b"z" => 0,
            [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest.get(2) == Some(&b':') => {
                let hours = digits(rest, 0, 2)?;
                let minutes = digits(rest, 3, 2)?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let offset = hours * 3600 + minutes * 60;
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
        Self::from_unix(seconds, nanos)
    }

    /// Whole seconds since the Unix epoch (negative before 1970).
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`Timestamp::unix_seconds`] (under 1,000,000,000).
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The same instant as a [`SystemTime`].
    ///
    /// ```
    /// use leptos_persona_server::webhook::Timestamp;
    /// use std::time::{Duration, UNIX_EPOCH};
    /// let t = Timestamp::from_unix(60, 5).unwrap();
    /// assert_eq!(t.to_system_time(), UNIX_EPOCH + Duration::new(60, 5));
    /// ```
    pub fn to_system_time(&self) -> SystemTime {
        let magnitude = Duration::new(self.seconds.unsigned_abs(), 0);
        let whole = if self.seconds >= 0 {
            UNIX_EPOCH.checked_add(magnitude)
        } else {
            UNIX_EPOCH.checked_sub(magnitude)
        };
        whole
            .and_then(|t| t.checked_add(Duration::from_nanos(u64::from(self.nanos))))
            .unwrap_or(UNIX_EPOCH)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, with as many fractional digits as needed (none for a
    /// whole second).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.seconds.div_euclid(86_400);
        let second_of_day = self.seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )?;
        if self.nanos != 0 {
            let fraction = format!("{:09}", self.nanos);
            write!(f, ".{}", fraction.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

/// `count` ASCII digits at `at`, as a number.
fn digits(bytes: &[u8], at: usize, count: usize) -> Option<i64> {
    let slice = bytes.get(at..at.checked_add(count)?)?;
    slice.iter().try_fold(0i64, |n, b| {
        b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
    })
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day count since 1970-01-01 (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_persona_timestamps() {
        let t = Timestamp::parse("2023-04-25T17:46:24.000Z").unwrap();
        assert_eq!(t.unix_seconds(), 1_682_444_784);
        assert_eq!(t.subsec_nanos(), 0);
        assert_eq!(t.to_string(), "2023-04-25T17:46:24Z");
        let t = Timestamp::parse("1970-01-01T00:00:00.123456789123z").unwrap();
        assert_eq!((t.unix_seconds(), t.subsec_nanos()), (0, 123_456_789));
        let t = Timestamp::parse("1969-12-31T23:59:59.5-00:30").unwrap();
        assert_eq!(t.unix_seconds(), 1799);
    }

    #[test]
    fn bounds_and_leap_seconds() {
        let first = Timestamp::parse("0000-01-01T00:00:00Z").unwrap();
        assert_eq!(first.unix_seconds(), MIN_SECONDS);
        let last = Timestamp::parse("9999-12-31T23:59:59.999999999Z").unwrap();
        assert_eq!(last.unix_seconds(), MAX_SECONDS);
        assert_eq!(last.to_string(), "9999-12-31T23:59:59.999999999Z");
        assert_eq!(Timestamp::parse("0000-01-01T00:00:00+00:01"), None);
        assert_eq!(Timestamp::parse("9999-12-31T23:59:60Z"), None);
        assert_eq!(
            Timestamp::parse("2016-12-31T23:59:60Z"),
            Timestamp::parse("2017-01-01T00:00:00Z")
        );
    }

    #[test]
    fn refuses_what_is_not_rfc_3339() {
        for text in [
            "",
            "2026",
            "2026-01-02",
            "2026-01-02T03:04:05",
            "2026-01-02T03:04:05.Z",
            "2026-01-02T03:04:05+0100",
            "2026-01-02T03:04:05+01:00:00",
            "2026-01-02T03:04:05+24:00",
            "2026-01-02T03:04:05+01:60",
            "2026-13-02T03:04:05Z",
            "2026-00-02T03:04:05Z",
            "2026-01-00T03:04:05Z",
            "2026-04-31T03:04:05Z",
            "2026-01-02T24:04:05Z",
            "2026-01-02T03:60:05Z",
            "2026-01-02T03:04:61Z",
            "2026-01-02 03:04:05Z",
            "2026-01-02T03:04:05ZZ",
            "+026-01-02T03:04:05Z",
            "2026-01-02T03:04:05Z\n",
            "２０２６-01-02T03:04:05Z",
            "2026-01-02T03:04:0é",
        ] {
            assert_eq!(Timestamp::parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn round_trips_through_display() {
        let mut seconds = MIN_SECONDS;
        while seconds < MAX_SECONDS {
            let t = Timestamp::from_unix(seconds, (seconds.unsigned_abs() % 1_000_000_000) as u32)
                .unwrap();
            assert_eq!(Timestamp::parse(&t.to_string()), Some(t), "{t}");
            seconds += 86_400 * 97 + 3_599;
        }
    }

    #[test]
    fn system_time() {
        let before = Timestamp::from_unix(-1, 500_000_000).unwrap();
        assert_eq!(
            before.to_system_time(),
            UNIX_EPOCH - Duration::from_millis(500)
        );
    }
}
