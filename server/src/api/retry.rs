//! When a request may be sent again, and how long to wait first.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;

/// Whether a request may be sent again after a 5xx, a timeout or a broken
/// connection (its effect may have happened). A 429 is always retried: the
/// request was not processed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Replay {
    /// Repeating it has the effect of doing it once (GET, resume).
    Safe,
    /// A POST with this `Idempotency-Key`, sent with every attempt.
    Keyed(String),
    /// A POST without a key: sent once (only a 429 is retried).
    #[cfg_attr(not(test), allow(dead_code))]
    Never,
}

impl Replay {
    pub(crate) fn key(&self) -> Option<&str> {
        match self {
            Self::Keyed(key) => Some(key),
            _ => None,
        }
    }

    /// Whether a 5xx or transport failure may be retried.
    pub(crate) fn after_failure(&self) -> bool {
        !matches!(self, Self::Never)
    }
}

/// How long a 429 or 503 asked to wait: the longer of `Retry-After` and
/// `RateLimit-Reset`, in seconds (decimals accepted; a `RateLimit-Reset` that
/// is a Unix time is read as one). An HTTP date, or anything else, counts as
/// not saying.
pub(crate) fn server_wait(headers: &HeaderMap) -> Option<Duration> {
    let seconds = |name: &str| -> Option<f64> {
        let value = headers.get(name)?.to_str().ok()?.trim();
        let seconds: f64 = value.parse().ok()?;
        (seconds.is_finite() && seconds >= 0.0).then_some(seconds)
    };
    let retry_after = seconds("retry-after");
    let reset = seconds("ratelimit-reset").map(|reset| {
        // Some APIs send the reset's Unix time instead of a delay.
        if reset > 1_000_000_000.0 {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or(0.0);
            (reset - now).max(0.0)
        } else {
            reset
        }
    });
    let longest = match (retry_after, reset) {
        (Some(a), Some(b)) => a.max(b),
        (a, b) => a.or(b)?,
    };
    // Anything beyond a day is as good as "not now".
    Some(Duration::from_secs_f64(longest.min(86_400.0)))
}

/// Whether the answer is one stored for its `Idempotency-Key` and replayed
/// (`Idempotent-Replayed: true`).
pub(crate) fn is_replay(headers: &HeaderMap) -> bool {
    headers
        .get("idempotent-replayed")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

/// Exponential backoff with jitter: before attempt `next` (2, 3, …), a wait
/// drawn from [d/2, d], where d = `base` × 2^(next − 2), at most `cap`.
pub(crate) fn backoff(base: Duration, cap: Duration, next: u32) -> Duration {
    let exponent = next.saturating_sub(2).min(16);
    let full = base.saturating_mul(1 << exponent).min(cap);
    let half = full / 2;
    let mut bytes = [0u8; 4];
    // Without randomness, the full delay (no jitter is still a backoff).
    let fraction = match getrandom::fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX),
        Err(_) => 1.0,
    };
    half + half.mul_f64(fraction)
}

/// A fresh random `Idempotency-Key`: `lp-` and 32 hex digits (128 bits).
pub(crate) fn random_key() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(format!("lp-{}", hex(&bytes)))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `key` can be sent as an `Idempotency-Key` (1 to 255 visible ASCII
/// characters).
pub(crate) fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic())
}
