//! [`PersonaInquiry`]: the component's props, and the pieces wired together.

use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use leptos_persona_core::{FlowType, InquiryOptions, LoadTimeout, PageOrigin, TrustedOrigins};

use crate::component::frame_view::{inquiry_view, Body, ViewParts};
use crate::component::options_from_props::{option_rows, Mount, OptionProps};
use crate::layout::modal_flag::ModalFlag;
use crate::session::effect::effect;
use crate::session::flow_session::{run_flow_session, Callbacks, Inquiry};
use crate::{
    component::container_id, session::page_origin, use_persona_inquiry, FlowCallback, InquiryHandle,
};
use crate::{Labels, OptionProp};

/// The component, its option props from the option table (one prop per
/// row, with the row's doc).
macro_rules! persona_inquiry_component {
    ([$(($(#[$doc:meta])* $name:ident $overlay:ident : $prop:ty))*]
        $(($(#[$callback_doc:meta])* $callback:ident : $payload:ty))*) => {
        /// Persona's identity-verification flow, embedded.
        ///
        /// **Inline** (default): the iframe sits in the page and takes the height the
        /// flow reports, kept within `min_height` / `max_height`, with at most one style
        /// write per animation frame. **Modal** (`modal=true`): the flow loads in the
        /// background inside a closed native `<dialog>`; [`InquiryHandle::open`] shows
        /// it with `showModal()` (top layer, the page behind inert), sends `open`,
        /// moves focus into the flow and locks page scrolling; closing returns focus to
        /// what had it. Escape asks the flow to exit. The modal closes by itself when
        /// the flow completes or is cancelled.
        ///
        /// Options come from `options` and/or one prop per option (a prop wins over the
        /// same field of `options`); props take what you would write in JavaScript
        /// (strings, numbers, `json!`), or signals of it (see [`OptionProp`]). Every
        /// option is reactive: a change that alters the widget URL starts the flow over
        /// in a new iframe with a fresh state; `iframe_title`, `frame_height`,
        /// `frame_width`, `min_height`, `max_height`, `events_allowlist` and
        /// `trusted_origins` apply without a restart; `sandbox_attributes`, `modal` and
        /// `id` are fixed at mount. A value that cannot be used is a
        /// [`ConfigError`](crate::ConfigError): end users see a neutral message, the developer's
        /// explanation goes to [`InquiryHandle::config_error`] (and, in debug builds,
        /// to the console).
        ///
        /// Messages are accepted only from this iframe's window, from the flow's exact
        /// origin (plus `trusted_origins`), with this instance's container id. Callbacks
        /// are never called after unmount; on unmount the listener and timers are
        /// removed, `destroy` is sent and the scroll lock released.
        ///
        /// ```
        /// use leptos::prelude::*;
        /// use leptos_persona::{serde_json::json, CompletePayload, PersonaInquiry};
        ///
        /// #[component]
        /// fn Verify() -> impl IntoView {
        ///     view! {
        ///         <PersonaInquiry
        ///             template_id="itmpl_ABC123"
        ///             environment_id="env_abc"
        ///             reference_id="user_42"
        ///             fields=json!({ "nameFirst": "Jane" })
        ///             max_height=900
        ///             on_complete=move |done: CompletePayload| leptos::logging::log!("{:?}", done.inquiry_id)
        ///         />
        ///     }
        /// }
        /// ```
        #[component]
        pub fn PersonaInquiry(
            /// All options at once: typed [`InquiryOptions`], or
            /// `InquiryOptions::from_json(…)` of an existing JavaScript configuration
            /// (an `Err` shows as a configuration error). Props below override its fields.
            #[prop(into, optional)]
            options: OptionProp<InquiryOptions>,
            $(
                $(#[$doc])*
                #[prop(into, optional)]
                $name: OptionProp<$prop>,
            )*
            /// Show the flow in a modal dialog instead of inline: `modal=true`
            /// (fixed at mount). The modal's code is in the bundle only of apps that
            /// set this prop (see [`ModalFlag`]).
            #[prop(into, optional)]
            modal: ModalFlag,
            /// The handle whose signals and actions this instance drives (see
            /// [`use_persona_inquiry`]); without one the component makes its own.
            #[prop(optional)]
            handle: Option<InquiryHandle>,
            /// Two-way binding of whether the modal is open, for apps that keep that
            /// state themselves.
            #[prop(optional)]
            open: Option<RwSignal<bool>>,
            /// The container id (fixed at mount), which every message of the flow must
            /// carry; default: a random, unguessable id (the same on the server and the
            /// hydrating client). An id of your own should be as hard to guess: a page
            /// that frames yours could otherwise load a flow of its own into this
            /// iframe and have its messages accepted.
            #[prop(into, optional)]
            id: OptionProp<String>,
            /// The page's origin for `iframe-origin`; default `window.location.origin`.
            /// Give it to render the iframe's `src` on the server.
            #[prop(into, optional)]
            page_origin: OptionProp<PageOrigin>,
            /// More origins whose messages are accepted (full origins such as
            /// `"https://verify.example.com"`); reactive.
            #[prop(into, optional)]
            trusted_origins: OptionProp<TrustedOrigins>,
            /// Inline: the iframe's minimum height in CSS px (default 400).
            #[prop(into, optional)]
            min_height: OptionProp<f64>,
            /// Inline: the iframe's maximum height in CSS px (default none).
            #[prop(into, optional)]
            max_height: OptionProp<f64>,
            /// How long the flow may take to send `load` before `on_error` with
            /// `load_timeout`: milliseconds (`8_000`), a `Duration`, or
            /// `LoadTimeout::Never`. Default 15 s. Read at each (re)start.
            #[prop(into, optional)]
            load_timeout: OptionProp<LoadTimeout>,
            /// Extra classes on the wrapper.
            #[prop(into, optional)]
            class: OptionProp<String>,
            /// Shown instead of the built-in spinner while the flow loads.
            #[prop(into, optional)]
            loading: Option<ViewFn>,
            /// Shown instead of the built-in message when the options cannot become a
            /// flow (read [`InquiryHandle::config_error`] for the reason).
            #[prop(into, optional)]
            error: Option<ViewFn>,
            /// The component's own words for end users (spinner label, error message).
            #[prop(into, optional)]
            labels: Option<Labels>,
            /// Content rendered with the flow: inside the dialog for a modal (for
            /// example your own toolbar), after the iframe inline.
            #[prop(optional)]
            children: Option<Children>,
            $(
                $(#[$callback_doc])*
                #[prop(into, optional)]
                $callback: Option<FlowCallback<$payload>>,
            )*
        ) -> impl IntoView {
            let props = OptionProps {
                options,
                $($name,)*
                trusted_origins,
                min_height,
                max_height,
                load_timeout,
            };
            let callbacks = Callbacks { $($callback,)* };
            let handle = handle.unwrap_or_else(use_persona_inquiry);
            let mount = Mount {
                container_id: untrack(|| id.read())
                    .and_then(Result::ok)
                    .unwrap_or_else(container_id::next_container_id),
                flow_type: if modal.is_modal() {
                    FlowType::Modal
                } else {
                    FlowType::Inline
                },
                sandbox: untrack(|| props.sandbox_attributes.read()),
            };
            let parts = InquiryParts {
                class,
                loading,
                error,
                labels: labels.unwrap_or_default(),
                children,
                open,
                modal,
            };
            persona_inquiry(props, callbacks, handle, mount, page_origin, parts)
        }
    };
}

/// The callback rows of the core's table, as `(doc name: payload)` for the
/// component, after the option rows.
macro_rules! callback_rows {
    (@rows $options:tt [$($out:tt)*]) => {
        persona_inquiry_component! { $options $($out)* }
    };
    (@rows $options:tt [$($out:tt)*] $(#[$doc:meta])* $name:ident $variant:ident($payload:ty);
        $($rest:tt)*) => {
        callback_rows! { @rows $options [$($out)* ($(#[$doc])* $name: $payload)] $($rest)* }
    };
    (@rows $options:tt [$($out:tt)*] $(#[$doc:meta])* $name:ident $variant:ident;
        $($rest:tt)*) => {
        callback_rows! { @rows $options [$($out)* ($(#[$doc])* $name: ())] $($rest)* }
    };
    ([$options:tt] $($rows:tt)*) => {
        callback_rows! { @rows $options [] $($rows)* }
    };
}

/// The option rows, then the callback rows.
macro_rules! with_callback_rows {
    ($($options:tt)*) => {
        leptos_persona_core::flow_callback_table!(callback_rows, [$($options)*]);
    };
}

leptos_persona_core::sdk_option_table!(option_rows, with_callback_rows);

/// The props that shape the view rather than the flow.
struct InquiryParts {
    class: OptionProp<String>,
    loading: Option<ViewFn>,
    error: Option<ViewFn>,
    labels: Labels,
    children: Option<Children>,
    open: Option<RwSignal<bool>>,
    modal: ModalFlag,
}

/// The component's body, wiring the pieces: options from props, page origin,
/// the flow session, inline height, the modal, and the view.
fn persona_inquiry(
    props: OptionProps,
    callbacks: Callbacks,
    handle: InquiryHandle,
    mount: Mount,
    page_origin: OptionProp<PageOrigin>,
    parts: InquiryParts,
) -> impl IntoView {
    let modal = mount.flow_type == FlowType::Modal;
    let page_origin = page_origin::page_origin(page_origin);
    let container_id = mount.container_id.clone();
    let settings = Memo::new_with_compare(
        move |_| {
            let origin = page_origin()?;
            Some(
                origin
                    .and_then(|origin| {
                        props.settings(&mount, handle.lifecycle.with(|l| l.resume.clone()), &origin)
                    })
                    .map(Arc::new),
            )
        },
        |_, _| true,
    );
    effect(move || {
        let error = settings.with(|s| s.as_ref().and_then(|s| s.as_ref().err()).cloned());
        // The console gets the explanation in debug builds (where it is
        // read); release builds keep it on the handle only, and link no
        // message text unless the app reads it there.
        #[cfg(debug_assertions)]
        if let Some(error) = &error {
            leptos::logging::error!("leptos-persona: {error}");
        }
        handle.config_error.set(error);
    });
    let inquiry = Inquiry {
        handle,
        settings,
        iframe: NodeRef::<html::Iframe>::new(),
        callbacks: StoredValue::new_local(std::rc::Rc::new(callbacks)),
        modal,
    };
    let height = parts.modal.start_inline();
    run_flow_session(
        inquiry,
        move || {
            if let Some(height) = height {
                height.reset();
            }
        },
        move || {
            if let Some(height) = height {
                height.follow(inquiry);
            }
        },
    );
    if let Some(open) = parts.open {
        bind_open(handle, open);
    }
    let spinner_label = parts.loading.is_none().then_some(parts.labels.loading);
    let modal = parts.modal.start(inquiry, spinner_label);
    let body = Body {
        container_id,
        height,
        loading: parts.loading,
        children: parts.children,
    };
    let view = ViewParts {
        class: parts.class,
        error: parts.error,
        error_label: parts.labels.error,
    };
    inquiry_view(inquiry, modal, view, body)
}

/// Keeps an app's own `open` signal and the handle's in step, both ways.
fn bind_open(handle: InquiryHandle, open: RwSignal<bool>) {
    effect(move || {
        let wanted = open.get();
        if handle.open.get_untracked() != wanted {
            handle.open.set(wanted);
        }
    });
    effect(move || {
        let shown = handle.open.get();
        if open.get_untracked() != shown {
            open.set(shown);
        }
    });
}
