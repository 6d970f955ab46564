//! The component's callbacks, one row each: the only place a callback is written.
//!
//! A row is `doc, prop_name Variant(Payload);` (or `prop_name Variant;` for a
//! callback without an argument). From the rows come [`CallbackCall`] and
//! [`CallbackRef`] (the core's word for "this callback is due, with this
//! argument") and, in `leptos-persona`, the component's callback prop, its doc,
//! and the routing of a due call to the prop. The events that fire a callback
//! name its variant in `event_table.rs`.

/// The table itself: calls `$then!` with `[args]` and every row.
/// `leptos-persona` calls it to make the component's callback props; the core
/// to make [`CallbackCall`] and [`CallbackRef`].
///
/// Not a stable API: the rows' syntax may change in any release.
#[doc(hidden)]
#[macro_export]
macro_rules! flow_callback_table {
    ($then:ident $(, $arg:tt)*) => {
        $then! {
            [$($arg)*]
            /// The flow's page loaded.
            on_load Load;
            /// The flow is ready to be shown, with its preferred size.
            on_ready Ready($crate::ReadyPayload);
            /// The inquiry completed or failed (at most once per flow): its id, status
            /// and fields. A convenience: use Persona's webhooks as the source of truth.
            on_complete Complete($crate::CompletePayload);
            /// The user left before finishing, with the ids to resume later (not
            /// after completion, not twice in a row).
            on_cancel Cancel($crate::ExitPayload);
            /// The flow reported an error, or did not load in time (`load_timeout`).
            on_error Error($crate::InquiryError);
            /// Every accepted message whose name the events allowlist admits, before
            /// the event's own callback.
            on_event Event($crate::FlowMessage);
        }
    };
}

/// Normalizes the rows (a callback without an argument has the unit type in
/// [`CallbackCall`]), then makes the two enums.
macro_rules! callback_enums {
    ([] $($rows:tt)*) => {
        callback_enums! { @rows [] $($rows)* }
    };
    (@rows [$($out:tt)*]) => {
        callback_enums! { @emit $($out)* }
    };
    (@rows [$($out:tt)*] $(#[$doc:meta])* $name:ident $variant:ident($payload:ty); $($rest:tt)*) => {
        callback_enums! { @rows [$($out)* {
            [$(#[$doc])*] $name
            owned { $variant($payload) }
            borrowed { $variant(&'a $payload) }
            to_call { Self::$variant(value) => CallbackCall::$variant(value.clone()), }
        }] $($rest)* }
    };
    (@rows [$($out:tt)*] $(#[$doc:meta])* $name:ident $variant:ident; $($rest:tt)*) => {
        callback_enums! { @rows [$($out)* {
            [$(#[$doc])*] $name
            owned { $variant }
            borrowed { $variant }
            to_call { Self::$variant => CallbackCall::$variant, }
        }] $($rest)* }
    };
    (@emit $({
        [$(#[$doc:meta])*] $name:ident
        owned { $($owned:tt)* }
        borrowed { $($borrowed:tt)* }
        to_call { $($to_call:tt)* }
    })*) => {
        /// One callback to call, in order, for an accepted message.
        #[derive(Debug, Clone, PartialEq)]
        pub enum CallbackCall {
            $(
                #[doc = concat!("`", stringify!($name), "`:")]
                $(#[$doc])*
                $($owned)*,
            )*
        }

        /// A due callback with its argument borrowed from the message (see
        /// [`InquiryState::record`](crate::InquiryState::record)).
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub enum CallbackRef<'a> {
            $(
                #[doc = concat!("`", stringify!($name), "`.")]
                $($borrowed)*,
            )*
        }

        impl CallbackRef<'_> {
            /// The call with its own copy of the argument.
            pub fn to_call(self) -> CallbackCall {
                match self {
                    $( $($to_call)* )*
                }
            }
        }
    };
}

crate::flow_callback_table!(callback_enums);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::InquiryError;

    #[test]
    fn a_borrowed_call_copies_into_the_same_callback() {
        let error = InquiryError::load_timeout(5);
        assert_eq!(
            CallbackRef::Error(&error).to_call(),
            CallbackCall::Error(error.clone())
        );
        assert_eq!(CallbackRef::Load.to_call(), CallbackCall::Load);
    }
}
