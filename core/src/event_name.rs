//! [`EventName`]: the names of the events the hosted flow posts to its parent.

use std::fmt;

macro_rules! event_names {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, default: $default:literal; )*) => {
        /// The name of an event posted by the flow (`event.data.name`).
        ///
        /// All 26 names the official SDK knows, plus [`EventName::Other`] for names
        /// a newer flow may send.
        ///
        /// ```
        /// use leptos_persona_core::EventName;
        ///
        /// assert_eq!(EventName::parse("page-change"), EventName::PageChange);
        /// assert_eq!(EventName::PageChange.as_str(), "page-change");
        /// assert_eq!(EventName::parse("brand-new"), EventName::Other("brand-new".into()));
        /// assert!(EventName::Complete.in_default_allowlist());
        /// assert!(!EventName::Click.in_default_allowlist());
        /// ```
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum EventName {
            $( $(#[$doc])* $variant, )*
            /// A name this crate does not know.
            Other(String),
        }

        impl EventName {
            /// Every known name, in the official SDK's order.
            pub const KNOWN: &'static [EventName] = &[$( EventName::$variant, )*];

            /// The wire names of [`KNOWN`](Self::KNOWN), in its order.
            const NAMES: &'static [&'static str] = &[$( $name, )*];

            /// Parses a name; unknown names become [`EventName::Other`].
            pub fn parse(name: &str) -> Self {
                // A table, not a `match` on strings: smaller in wasm.
                Self::KNOWN
                    .iter()
                    .zip(Self::NAMES)
                    .find(|(_, known)| **known == name)
                    .map_or_else(|| Self::Other(name.to_owned()), |(event, _)| event.clone())
            }

            /// The wire name.
            pub fn as_str(&self) -> &str {
                match self {
                    Self::Other(name) => name,
                    known => Self::KNOWN
                        .iter()
                        .position(|k| k == known)
                        .and_then(|at| Self::NAMES.get(at))
                        .copied()
                        .unwrap_or_default(),
                }
            }

            /// Whether the official SDK's default `eventsAllowlist` forwards this event to `onEvent`.
            pub fn in_default_allowlist(&self) -> bool {
                match self {
                    $( Self::$variant => $default, )*
                    Self::Other(_) => false,
                }
            }
        }
    };
}

event_names! {
    /// `exit`: the user left the flow before completing it.
    Exit = "exit", default: true;
    /// `complete`: the inquiry was completed.
    Complete = "complete", default: true;
    /// `error`: the flow hit an error.
    Error = "error", default: true;
    /// `fail`: the inquiry failed.
    Fail = "fail", default: true;
    /// `load`: the flow's page loaded.
    Load = "load", default: true;
    /// `ready`: the flow is ready to be shown.
    Ready = "ready", default: true;
    /// `start`: an inquiry was created or resumed.
    Start = "start", default: true;
    /// `success`.
    Success = "success", default: true;
    /// `document-camera-select`.
    DocumentCameraSelect = "document-camera-select", default: true;
    /// `document-camera-capture`.
    DocumentCameraCapture = "document-camera-capture", default: true;
    /// `document-upload`.
    DocumentUpload = "document-upload", default: true;
    /// `one-time-link-sent`.
    OneTimeLinkSent = "one-time-link-sent", default: true;
    /// `one-time-link-start`.
    OneTimeLinkStart = "one-time-link-start", default: true;
    /// `one-time-link-exit`.
    OneTimeLinkExit = "one-time-link-exit", default: true;
    /// `selfie-camera-select`.
    SelfieCameraSelect = "selfie-camera-select", default: true;
    /// `selfie-camera-capture`.
    SelfieCameraCapture = "selfie-camera-capture", default: true;
    /// `selfie-record-upload`.
    SelfieRecordUpload = "selfie-record-upload", default: true;
    /// `load-camera-failed`: the browser could not start the camera.
    LoadCameraFailed = "load-camera-failed", default: true;
    /// `camera-permissions-check-result`.
    CameraPermissionsCheckResult = "camera-permissions-check-result", default: true;
    /// `page-change`: the flow moved to another page (carries `pageHeight`).
    PageChange = "page-change", default: true;
    /// `inquiry-load`.
    InquiryLoad = "inquiry-load", default: true;
    /// `country-select` (deprecated by Persona).
    CountrySelect = "country-select", default: true;
    /// `verification-change` (deprecated by Persona).
    VerificationChange = "verification-change", default: true;
    /// `step-transitioning`: the user is leaving a step.
    StepTransitioning = "step-transitioning", default: false;
    /// `click`: a granular interaction event.
    Click = "click", default: false;
    /// `form-update`: a granular interaction event.
    FormUpdate = "form-update", default: false;
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_six_known_names_round_trip() {
        assert_eq!(EventName::KNOWN.len(), 26);
        for name in EventName::KNOWN {
            assert_eq!(&EventName::parse(name.as_str()), name);
        }
        let defaults = EventName::KNOWN
            .iter()
            .filter(|n| n.in_default_allowlist())
            .count();
        assert_eq!(defaults, 23);
    }
}
