//! The flow's events, one row each: the only place an event is written.
//!
//! A row is `doc, Variant = "wire-name" (Payload = reader), default: bool =>
//! Phase, Callback;`, the events with a payload first (the order is
//! [`EventName::KNOWN`]'s, and the variants'; it is not the SDK's):
//! - `"wire-name"`: `event.data.name`, as the flow posts it;
//! - `(Payload = reader)`: the typed payload and how `flow_event.rs` reads it
//!   from the message's `metadata` or `error` (`?` where the read can fail);
//!   a row without it is an event that carries nothing this crate reads;
//! - `default`: whether the official SDK's default `eventsAllowlist` forwards
//!   it to `onEvent`;
//! - `Phase`: the [`InquiryPhase`](crate::InquiryPhase) it moves the flow to
//!   (`InquiryState::enter` says when a phase may be entered);
//! - `Callback`: the [`CallbackRef`](crate::CallbackRef) it fires, when it
//!   fires one (rows of `callback_table.rs`).
//!
//! From the rows come [`EventName`] (its variants, `KNOWN`, the wire names,
//! the default allowlist), [`FlowEvent`] (its variants and
//! [`FlowEvent::parse`]), the phase each event moves to and the callback it
//! fires. A new event is one row; an event cannot be left without a phase.

use std::fmt;

use serde_json::Value;

use crate::messages::flow_event::{
    camera_permissions, completion, error_object, exit, object, page_change, ready, start,
    CameraPermissions, CompletePayload, ExitPayload, PageChange, PayloadError, ReadyPayload,
    StartPayload,
};
use crate::state::inquiry_state::StateUpdate;
use crate::{CallbackRef, InquiryError, InquiryPhase, InquiryState};

/// Normalizes the rows (`@rows`) into one shape, then makes the types (`@emit`).
macro_rules! flow_events {
    (@rows $names:tt [$($out:tt)*]) => {
        flow_events! { @emit $names $($out)* }
    };
    // A payload and a callback.
    (@rows [$md:ident $err:ident $st:ident] [$($out:tt)*] $(#[$doc:meta])* $variant:ident = $name:literal ($payload:ty = $($read:tt)+),
        default: $default:literal => $phase:ident, $callback:ident; $($rest:tt)*) => {
        flow_events! { @rows [$md $err $st] [$($out)* {
            [$(#[$doc])*] $variant $name $default $phase
            variant { $variant($payload) }
            parse { Self::$variant($($read)+) }
            record { Self::$variant(payload) => payload.update($st), }
            callback { Self::$variant(payload) => Some(CallbackRef::$callback(payload)), }
        }] $($rest)* }
    };
    // A payload, no callback.
    (@rows [$md:ident $err:ident $st:ident] [$($out:tt)*] $(#[$doc:meta])* $variant:ident = $name:literal ($payload:ty = $($read:tt)+),
        default: $default:literal => $phase:ident; $($rest:tt)*) => {
        flow_events! { @rows [$md $err $st] [$($out)* {
            [$(#[$doc])*] $variant $name $default $phase
            variant { $variant($payload) }
            parse { Self::$variant($($read)+) }
            record { Self::$variant(payload) => payload.update($st), }
            callback {}
        }] $($rest)* }
    };
    // No payload, a callback.
    (@rows [$md:ident $err:ident $st:ident] [$($out:tt)*] $(#[$doc:meta])* $variant:ident = $name:literal,
        default: $default:literal => $phase:ident, $callback:ident; $($rest:tt)*) => {
        flow_events! { @rows [$md $err $st] [$($out)* {
            [$(#[$doc])*] $variant $name $default $phase
            variant { $variant }
            parse { Self::$variant }
            record {}
            callback { Self::$variant => Some(CallbackRef::$callback), }
        }] $($rest)* }
    };
    // No payload, no callback.
    (@rows [$md:ident $err:ident $st:ident] [$($out:tt)*] $(#[$doc:meta])* $variant:ident = $name:literal,
        default: $default:literal => $phase:ident; $($rest:tt)*) => {
        flow_events! { @rows [$md $err $st] [$($out)* {
            [$(#[$doc])*] $variant $name $default $phase
            variant { $variant }
            parse { Self::$variant }
            record {}
            callback {}
        }] $($rest)* }
    };
    (@emit [$md:ident $err:ident $st:ident] $({
        [$(#[$doc:meta])*] $variant:ident $name:literal $default:literal $phase:ident
        variant { $($flow_variant:tt)* }
        parse { $($parse:tt)* }
        record { $($record:tt)* }
        callback { $($callback:tt)* }
    })*) => {
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
            /// Every known name, in the event table's order (those with a payload first).
            pub const KNOWN: &'static [EventName] = &[$( EventName::$variant, )*];

            /// The wire names of [`KNOWN`](Self::KNOWN), in its order.
            const NAMES: &'static [&'static str] = &[$( $name, )*];

            /// The known name at `at` in [`KNOWN`](Self::KNOWN), made without a clone.
            fn known(at: usize) -> Option<Self> {
                let mut index = 0;
                $(
                    if at == index {
                        return Some(Self::$variant);
                    }
                    index += 1;
                )*
                let _ = index;
                None
            }

            /// The wire name.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $name, )*
                    Self::Other(name) => name,
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

        /// An event from the flow, with a typed payload where Persona documents one.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum FlowEvent {
            $( $(#[$doc])* $($flow_variant)*, )*
            /// A name this crate does not know.
            Other(String),
        }

        impl FlowEvent {
            /// The typed event for a parsed `name`, read from `metadata` and `error`.
            fn read(
                name: EventName,
                $md: Option<&Value>,
                $err: Option<&Value>,
            ) -> Result<Self, PayloadError> {
                Ok(match name {
                    $( EventName::$variant => $($parse)*, )*
                    EventName::Other(other) => Self::Other(other),
                })
            }

            /// The phase this event moves the flow to; `None` for a name this
            /// crate does not know, which leaves the phase as it is.
            ///
            /// ```
            /// use leptos_persona_core::{FlowEvent, InquiryPhase};
            ///
            /// assert_eq!(FlowEvent::Load.phase(), Some(InquiryPhase::Loaded));
            /// assert_eq!(FlowEvent::Click.phase(), Some(InquiryPhase::InProgress));
            /// assert_eq!(FlowEvent::Other("new".into()).phase(), None);
            /// ```
            pub fn phase(&self) -> Option<InquiryPhase> {
                match self {
                    $( Self::$variant { .. } => Some(InquiryPhase::$phase), )*
                    Self::Other(_) => None,
                }
            }

            /// Keeps what this event tells about the inquiry in `state`.
            pub(crate) fn record_into(&self, $st: &mut InquiryState) {
                match self {
                    $( $($record)* )*
                    // Events without a payload keep nothing.
                    _ => {}
                }
            }

            /// The event's own callback (besides `on_event`), with its argument.
            pub(crate) fn callback(&self) -> Option<CallbackRef<'_>> {
                match self {
                    $( $($callback)* )*
                    // Rows without a callback, and unknown names.
                    _ => None,
                }
            }
        }
    };
    // The names the generated code shares between its pieces, from the call
    // site (macro hygiene keeps names made in different places apart): the
    // rows' readers name the message's `metadata` and `error`.
    ([$md:ident $err:ident $st:ident] $($rows:tt)*) => {
        flow_events! { @rows [$md $err $st] [] $($rows)* }
    };
}

flow_events! { [metadata error state]
    /// `load`: the flow's page loaded.
    Load = "load", default: true => Loaded, Load;
    /// `ready`: the flow is ready to be shown.
    Ready = "ready" (ReadyPayload = ready(metadata)), default: true => Ready, Ready;
    /// `start`: an inquiry was created or resumed.
    Start = "start" (StartPayload = start(metadata)), default: true => InProgress;
    /// `complete`: the inquiry was completed.
    Complete = "complete" (CompletePayload = completion(object(metadata)?)), default: true => Completed, Complete;
    /// `fail`: the inquiry failed.
    Fail = "fail" (CompletePayload = completion(object(metadata)?)), default: true => Failed, Complete;
    /// `exit`: the user left the flow before completing it.
    Exit = "exit" (ExitPayload = exit(object(metadata)?)), default: true => Cancelled, Cancel;
    /// `error`: the flow hit an error.
    Error = "error" (InquiryError = InquiryError::parse(error_object(error)?)), default: true => Errored, Error;
    /// `page-change`: the flow moved to another page (carries `pageHeight`).
    PageChange = "page-change" (PageChange = page_change(metadata)), default: true => InProgress;
    /// `camera-permissions-check-result`.
    CameraPermissionsCheckResult = "camera-permissions-check-result"
        (CameraPermissions = camera_permissions(metadata)), default: true => InProgress;
    /// `success`.
    Success = "success", default: true => InProgress;
    /// `document-camera-select`.
    DocumentCameraSelect = "document-camera-select", default: true => InProgress;
    /// `document-camera-capture`.
    DocumentCameraCapture = "document-camera-capture", default: true => InProgress;
    /// `document-upload`.
    DocumentUpload = "document-upload", default: true => InProgress;
    /// `one-time-link-sent`.
    OneTimeLinkSent = "one-time-link-sent", default: true => InProgress;
    /// `one-time-link-start`.
    OneTimeLinkStart = "one-time-link-start", default: true => InProgress;
    /// `one-time-link-exit`.
    OneTimeLinkExit = "one-time-link-exit", default: true => InProgress;
    /// `selfie-camera-select`.
    SelfieCameraSelect = "selfie-camera-select", default: true => InProgress;
    /// `selfie-camera-capture`.
    SelfieCameraCapture = "selfie-camera-capture", default: true => InProgress;
    /// `selfie-record-upload`.
    SelfieRecordUpload = "selfie-record-upload", default: true => InProgress;
    /// `load-camera-failed`: the browser could not start the camera.
    LoadCameraFailed = "load-camera-failed", default: true => InProgress;
    /// `inquiry-load`.
    InquiryLoad = "inquiry-load", default: true => InProgress;
    /// `country-select` (deprecated by Persona).
    CountrySelect = "country-select", default: true => InProgress;
    /// `verification-change` (deprecated by Persona).
    VerificationChange = "verification-change", default: true => InProgress;
    /// `step-transitioning`: the user is leaving a step.
    StepTransitioning = "step-transitioning", default: false => InProgress;
    /// `click`: a granular interaction event.
    Click = "click", default: false => InProgress;
    /// `form-update`: a granular interaction event.
    FormUpdate = "form-update", default: false => InProgress;
}

impl EventName {
    /// Parses a name; unknown names become [`EventName::Other`].
    pub fn parse(name: &str) -> Self {
        // A table, not a `match` on strings: smaller in wasm.
        Self::NAMES
            .iter()
            .position(|known| *known == name)
            .and_then(Self::known)
            .unwrap_or_else(|| Self::Other(name.to_owned()))
    }
}

impl fmt::Display for EventName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FlowEvent {
    /// Reads the typed event for `name` from `metadata` and `error` (never panics).
    ///
    /// ```
    /// use leptos_persona_core::{FlowEvent, PayloadError};
    /// use serde_json::json;
    ///
    /// let page = FlowEvent::parse("page-change", Some(&json!({"pageHeight": 640})), None).unwrap();
    /// assert!(matches!(page, FlowEvent::PageChange(p) if p.page_height == Some(640.0)));
    /// assert_eq!(FlowEvent::parse("exit", None, None), Err(PayloadError::MetadataNotAnObject));
    /// ```
    pub fn parse(
        name: &str,
        metadata: Option<&Value>,
        error: Option<&Value>,
    ) -> Result<Self, PayloadError> {
        Self::read(EventName::parse(name), metadata, error)
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

    #[test]
    fn every_known_event_has_its_own_variant_and_a_phase() {
        for name in EventName::KNOWN {
            let metadata = serde_json::json!({});
            let error = serde_json::json!({});
            let event = FlowEvent::parse(name.as_str(), Some(&metadata), Some(&error))
                .unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert!(
                !matches!(event, FlowEvent::Other(_)),
                "{name} fell into Other"
            );
            assert!(event.phase().is_some(), "{name} has no phase");
        }
    }
}
