//! [`FlowCallback`]: what a callback prop holds.

use std::rc::Rc;

use leptos::prelude::*;

/// A callback prop of [`PersonaInquiry`](crate::PersonaInquiry) (`on_complete`, …).
///
/// Pass a closure, a [`Callback`] or an [`UnsyncCallback`]. The closure does not
/// have to be `Send`: it may hold an `Rc` or a web-sys handle, because the
/// callbacks only ever run in the browser, on the thread that rendered the
/// component. Name the argument's type, because Rust cannot infer it through
/// the conversion:
///
/// ```
/// use leptos::prelude::*;
/// use leptos_persona::{CompletePayload, PersonaInquiry};
///
/// #[component]
/// fn Verify() -> impl IntoView {
///     view! {
///         <PersonaInquiry
///             template_id="itmpl_ABC123"
///             on_complete=move |done: CompletePayload| leptos::logging::log!("{:?}", done.inquiry_id)
///         />
///     }
/// }
/// ```
///
/// A callback is never called after its component is unmounted.
///
/// The component hands each callback a borrow of the message it read; the
/// conversion into a `FlowCallback` is what copies the argument for your
/// closure, so an app links the copying code only for the callbacks it has.
pub struct FlowCallback<T: 'static>(Rc<dyn Fn(&T)>);

impl<T> Clone for FlowCallback<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T: 'static> FlowCallback<T> {
    /// Calls the callback.
    pub fn call(&self, value: T) {
        (self.0)(&value)
    }

    /// Calls the callback with a copy of `value`.
    pub fn call_with(&self, value: &T) {
        (self.0)(value)
    }
}

impl<T: Clone + 'static, F: Fn(T) + 'static> From<F> for FlowCallback<T> {
    fn from(f: F) -> Self {
        Self(Rc::new(move |value: &T| f(value.clone())))
    }
}

impl<T: Clone + 'static> From<Callback<T>> for FlowCallback<T> {
    fn from(callback: Callback<T>) -> Self {
        // A disposed `Callback` is skipped, never a panic.
        Self(Rc::new(move |value: &T| {
            let _ = callback.try_run(value.clone());
        }))
    }
}

impl<T: Clone + 'static> From<UnsyncCallback<T>> for FlowCallback<T> {
    fn from(callback: UnsyncCallback<T>) -> Self {
        Self(Rc::new(move |value: &T| callback.run(value.clone())))
    }
}
