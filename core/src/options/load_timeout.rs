//! [`LoadTimeout`]: how long to wait for the flow's `load` before reporting `load_timeout`.

use std::time::Duration;

use crate::ConfigError;

/// How long the flow may take to send `load` before `on_error` fires with
/// [`ErrorCode::LoadTimeout`](crate::ErrorCode::LoadTimeout).
///
/// A wait is 1 ms to [`LoadTimeout::MAX_MS`] (about 24.8 days, the longest a
/// browser timer can wait); longer or zero is a [`ConfigError`], never a
/// silently different timer. For no watchdog at all, say so:
/// [`LoadTimeout::Never`].
///
/// ```
/// use std::time::Duration;
/// use leptos_persona_core::LoadTimeout;
///
/// assert_eq!(LoadTimeout::from_millis(8_000), Ok(LoadTimeout::After(8_000)));
/// assert_eq!(LoadTimeout::try_from(Duration::from_secs(8)), Ok(LoadTimeout::After(8_000)));
/// assert!(LoadTimeout::from_millis(u64::from(u32::MAX)).is_err());
/// assert_eq!(LoadTimeout::default(), LoadTimeout::After(15_000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LoadTimeout {
    /// Report `load_timeout` after this many milliseconds without `load`.
    After(u32),
    /// Never report `load_timeout`.
    Never,
}

impl LoadTimeout {
    /// The longest wait, in milliseconds: 2³¹ − 1, what `setTimeout` can take.
    pub const MAX_MS: u32 = i32::MAX as u32;

    /// The default wait: 15 seconds.
    pub const DEFAULT: Self = Self::After(15_000);

    /// A wait of `millis` milliseconds, checked.
    pub fn from_millis(millis: u64) -> Result<Self, ConfigError> {
        match u32::try_from(millis) {
            Ok(ms) if (1..=Self::MAX_MS).contains(&ms) => Ok(Self::After(ms)),
            _ => Err(ConfigError::InvalidOption {
                option: "load_timeout",
                value: format!("{millis} ms"),
                expected: "a wait of 1 to 2147483647 ms (about 24.8 days, the longest a browser \
                           timer can wait); for no watchdog use LoadTimeout::Never",
            }),
        }
    }

    /// The wait in milliseconds, or `None` for [`LoadTimeout::Never`].
    pub fn millis(self) -> Option<u32> {
        match self {
            Self::After(ms) => Some(ms),
            Self::Never => None,
        }
    }
}

impl Default for LoadTimeout {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl TryFrom<Duration> for LoadTimeout {
    type Error = ConfigError;

    fn try_from(wait: Duration) -> Result<Self, ConfigError> {
        Self::from_millis(u64::try_from(wait.as_millis()).unwrap_or(u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert!(LoadTimeout::from_millis(0).is_err());
        assert_eq!(
            LoadTimeout::from_millis(u64::from(LoadTimeout::MAX_MS)),
            Ok(LoadTimeout::After(LoadTimeout::MAX_MS))
        );
        assert!(LoadTimeout::from_millis(u64::from(LoadTimeout::MAX_MS) + 1).is_err());
        assert!(LoadTimeout::try_from(Duration::MAX).is_err());
        let message = LoadTimeout::from_millis(1 << 40).unwrap_err().to_string();
        assert!(message.contains("LoadTimeout::Never"), "{message}");
    }
}
