//! [`PersonaInquiry`]: the flow's iframe, inline or in a modal, wired to signals and callbacks.

use std::time::Duration;

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::CustomAttribute;
use serde_json::{Map, Value};
use web_sys::MessageEvent;

use crate::frame_link::{debug_log, message_data, FrameLink};
use crate::{container_id, scroll_lock, use_persona_inquiry, InquiryHandle};
use leptos_persona_core::{inline_frame_height, modal_frame_size, DESKTOP_MEDIA_QUERY};
use leptos_persona_core::{
    CallbackCall, CompletePayload, CssSize, Environment, EventsAllowlist, ExitPayload,
    FieldMapping, FlowMessage, FlowType, Host, InquiryError, InquiryOptions, InquiryPhase,
    InquirySession, MessageGate, Padding, ReadyPayload, ServerOutageMode, WidgetAction,
    WidgetFrame,
};

/// How long the flow may take to send `load` before `on_error` fires with
/// [`ErrorCode::LoadTimeout`](crate::ErrorCode::LoadTimeout).
pub const DEFAULT_LOAD_TIMEOUT_MS: u32 = 15_000;

/// The inline iframe's default minimum height (CSS px).
pub const DEFAULT_MIN_HEIGHT: f64 = 400.0;

/// Persona's identity-verification flow, embedded.
///
/// **Inline** (default): the iframe sits in the page and takes the height the flow
/// reports in `page-change`, kept within `min_height`/`max_height`, with at most
/// one style write per animation frame. **Modal** (`modal=true`): the iframe loads
/// in the background inside a hidden overlay; [`InquiryHandle::open`] shows it
/// (sending `open`), moves focus into the flow, locks page scrolling and, on
/// close, returns focus to what had it. Escape asks the flow to exit. The modal
/// closes by itself when the flow completes or is cancelled.
///
/// Options come from `options` and/or one prop per option (a prop wins over the
/// same field of `options`). Every option is reactive: a change that alters the
/// widget URL restarts the flow with a fresh state; `iframe_title`,
/// `frame_height`, `frame_width` and `events_allowlist` apply without a restart;
/// `sandbox_attributes`, `modal` and `id` are fixed at mount.
///
/// Messages are accepted only from this iframe's window, from the flow's exact
/// origin (plus `trusted_origins`), with this instance's container id. Callbacks
/// are never called after unmount; on unmount the listener and timers are
/// removed, `destroy` is sent and the scroll lock released.
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
///             environment_id="env_abc"
///             reference_id="user_42"
///             on_complete=move |done: CompletePayload| leptos::logging::log!("{:?}", done.inquiry_id)
///         />
///     }
/// }
/// ```
#[component]
pub fn PersonaInquiry(
    /// Options as one value (typed, or [`InquiryOptions::from_json`] of an SDK configuration).
    #[prop(into, optional)]
    options: MaybeProp<InquiryOptions>,
    /// `templateId`.
    #[prop(into, optional)]
    template_id: MaybeProp<String>,
    /// `templateVersionId`.
    #[prop(into, optional)]
    template_version_id: MaybeProp<String>,
    /// `environmentId`.
    #[prop(into, optional)]
    environment_id: MaybeProp<String>,
    /// `environment` (deprecated by Persona).
    #[prop(into, optional)]
    environment: MaybeProp<Environment>,
    /// `referenceId`.
    #[prop(into, optional)]
    reference_id: MaybeProp<String>,
    /// `accountId`.
    #[prop(into, optional)]
    account_id: MaybeProp<String>,
    /// `accountTypeId`.
    #[prop(into, optional)]
    account_type_id: MaybeProp<String>,
    /// `language`.
    #[prop(into, optional)]
    language: MaybeProp<String>,
    /// `fields` (prefill).
    #[prop(into, optional)]
    fields: MaybeProp<Map<String, Value>>,
    /// `themeSetId`.
    #[prop(into, optional)]
    theme_set_id: MaybeProp<String>,
    /// `styleVariant`.
    #[prop(into, optional)]
    style_variant: MaybeProp<String>,
    /// `inquiryId` (resume).
    #[prop(into, optional)]
    inquiry_id: MaybeProp<String>,
    /// `sessionToken` (resume a pending inquiry).
    #[prop(into, optional)]
    session_token: MaybeProp<String>,
    /// `shareToken`.
    #[prop(into, optional)]
    share_token: MaybeProp<String>,
    /// `fieldMappings`.
    #[prop(into, optional)]
    field_mappings: MaybeProp<Vec<FieldMapping>>,
    /// `frameAncestors`.
    #[prop(into, optional)]
    frame_ancestors: MaybeProp<Vec<String>>,
    /// `messageTargetOrigin`.
    #[prop(into, optional)]
    message_target_origin: MaybeProp<String>,
    /// `frameHeight` (max-height of the iframe).
    #[prop(into, optional)]
    frame_height: MaybeProp<CssSize>,
    /// `frameWidth` (max-width of the iframe).
    #[prop(into, optional)]
    frame_width: MaybeProp<CssSize>,
    /// `sandboxAttributes` (fixed at mount).
    #[prop(into, optional)]
    sandbox_attributes: MaybeProp<Vec<String>>,
    /// `routingCountry`.
    #[prop(into, optional)]
    routing_country: MaybeProp<String>,
    /// `iframeTitle`.
    #[prop(into, optional)]
    iframe_title: MaybeProp<String>,
    /// `widgetPadding`.
    #[prop(into, optional)]
    widget_padding: MaybeProp<Padding>,
    /// `navigationPadding`.
    #[prop(into, optional)]
    navigation_padding: MaybeProp<Padding>,
    /// `host`.
    #[prop(into, optional)]
    host: MaybeProp<Host>,
    /// `customHost`.
    #[prop(into, optional)]
    custom_host: MaybeProp<Host>,
    /// `eventsAllowlist` (which events reach `on_event`).
    #[prop(into, optional)]
    events_allowlist: MaybeProp<EventsAllowlist>,
    /// `serverOutageMode`.
    #[prop(into, optional)]
    server_outage_mode: MaybeProp<ServerOutageMode>,
    /// Show the flow in a modal (fixed at mount).
    #[prop(optional)]
    modal: bool,
    /// The handle whose signals and actions this instance drives.
    #[prop(optional)]
    handle: Option<InquiryHandle>,
    /// The container id (fixed at mount); default: a unique, hydration-stable id.
    #[prop(into, optional)]
    id: Option<String>,
    /// The page's origin for `iframe-origin`; default `window.location.origin`.
    /// Needed to render the iframe's `src` on the server.
    #[prop(into, optional)]
    page_origin: MaybeProp<String>,
    /// More origins whose messages are accepted (hosts or full origins).
    #[prop(into, optional)]
    trusted_origins: MaybeProp<Vec<String>>,
    /// Inline: minimum iframe height in CSS px (default 400).
    #[prop(into, optional)]
    min_height: MaybeProp<f64>,
    /// Inline: maximum iframe height in CSS px (default none).
    #[prop(into, optional)]
    max_height: MaybeProp<f64>,
    /// Milliseconds to wait for `load` before `on_error` with `load_timeout` (default 15,000).
    #[prop(into, optional)]
    load_timeout_ms: MaybeProp<u32>,
    /// Extra classes on the wrapper.
    #[prop(into, optional)]
    class: MaybeProp<String>,
    /// The flow's page loaded.
    #[prop(into, optional)]
    on_load: Option<Callback<()>>,
    /// The flow is ready.
    #[prop(into, optional)]
    on_ready: Option<Callback<ReadyPayload>>,
    /// The inquiry completed or failed (at most once per flow).
    #[prop(into, optional)]
    on_complete: Option<Callback<CompletePayload>>,
    /// The user left before finishing.
    #[prop(into, optional)]
    on_cancel: Option<Callback<ExitPayload>>,
    /// The flow reported an error, or it did not load in time.
    #[prop(into, optional)]
    on_error: Option<Callback<InquiryError>>,
    /// Every event the events allowlist admits, in order, before the specific callback.
    #[prop(into, optional)]
    on_event: Option<Callback<FlowMessage>>,
) -> impl IntoView {
    let handle = handle.unwrap_or_else(use_persona_inquiry);
    let container_id = id.unwrap_or_else(container_id::next_container_id);
    let flow_type = if modal {
        FlowType::Modal
    } else {
        FlowType::Inline
    };
    let sandbox_at_mount = sandbox_attributes.get_untracked();

    let options = Memo::new(move |_| {
        let mut o = options.get().unwrap_or_default();
        macro_rules! overlay {
            ($($field:ident),* $(,)?) => { $( if let Some(v) = $field.get() { o.$field = Some(v); } )* };
        }
        overlay!(
            template_id,
            template_version_id,
            environment_id,
            environment,
            reference_id,
            account_id,
            account_type_id,
            language,
            fields,
            theme_set_id,
            style_variant,
            inquiry_id,
            session_token,
            share_token,
            field_mappings,
            frame_ancestors,
            message_target_origin,
            frame_height,
            frame_width,
            routing_country,
            iframe_title,
            widget_padding,
            navigation_padding,
            host,
            custom_host,
            server_outage_mode,
        );
        if sandbox_at_mount.is_some() {
            o.sandbox_attributes = sandbox_at_mount.clone();
        }
        if let Some(allowlist) = events_allowlist.get() {
            o.events_allowlist = allowlist;
        }
        o
    });
    // While hydrating, start from what the server rendered (no origin unless given)
    // and read `window.location.origin` once mounted; otherwise read it now.
    let hydrating =
        Owner::current_shared_context().is_some_and(|context| context.during_hydration());
    let window_origin = RwSignal::new(if hydrating { None } else { browser_origin() });
    if hydrating {
        Effect::new(move |_| window_origin.set(browser_origin()));
    }
    let page_origin = Memo::new(move |_| page_origin.get().or_else(|| window_origin.get()));
    let frame_id = container_id.clone();
    let frame = Memo::new(move |_| {
        let origin = page_origin.get()?;
        Some(options.with(|o| WidgetFrame::build(o, &frame_id, flow_type, &origin)))
    });
    // Reads a field of the built frame (`None` while there is no origin or on error).
    let built = move |field: fn(&WidgetFrame) -> String| {
        frame.with(|f| f.as_ref().and_then(|f| f.as_ref().ok()).map(field))
    };
    let src = Memo::new(move |_| built(|f| f.src.clone()));
    let config_error =
        Memo::new(move |_| frame.with(|f| f.as_ref().and_then(|f| f.as_ref().err()).cloned()));
    Effect::new(move |_| {
        let error = config_error.get();
        if let Some(error) = &error {
            web_sys::console::error_1(&format!("leptos-persona: {error}").into());
        }
        handle.config_error.set(error);
    });

    let iframe_ref = NodeRef::<html::Iframe>::new();
    let session: StoredValue<Option<InquirySession>> = StoredValue::new(None);
    let watchdog: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    let pending_resize: StoredValue<Option<AnimationFrameRequestHandle>, LocalStorage> =
        StoredValue::new_local(None);
    let clear_watchdog = move || {
        watchdog.try_update_value(|w| {
            if let Some(w) = w.take() {
                w.clear();
            }
        });
    };
    let min_h = move || min_height.get().unwrap_or(DEFAULT_MIN_HEIGHT);
    let height = RwSignal::new(min_height.get_untracked().unwrap_or(DEFAULT_MIN_HEIGHT));
    let desktop = RwSignal::new(false);
    let stack_position = RwSignal::new(0u32);

    let close_modal = move || {
        if modal {
            handle.open.try_set(false);
        }
    };
    let dispatch = move |call: CallbackCall| match call {
        CallbackCall::Event(message) => run(on_event, message),
        CallbackCall::Load => run(on_load, ()),
        CallbackCall::Ready(ready) => run(on_ready, ready),
        CallbackCall::Complete(done) => {
            close_modal();
            run(on_complete, done);
        }
        CallbackCall::Cancel(exit) => {
            close_modal();
            run(on_cancel, exit);
        }
        CallbackCall::Error(error) => run(on_error, error),
    };

    let on_message = move |event: MessageEvent| {
        let Some(link) = handle.link.try_with_value(Clone::clone).flatten() else {
            return;
        };
        if !link.is_source_of(&event) {
            return;
        }
        let data = match message_data(&event) {
            Ok(data) => data,
            Err(error) => return debug_log(&format!("unreadable message: {error}")),
        };
        let outcome = session.try_update_value(|s| {
            s.as_mut().map(|s| {
                s.handle(&event.origin(), true, &data)
                    .map(|calls| (calls, s.state.clone()))
            })
        });
        let (calls, state) = match outcome.flatten() {
            Some(Ok(accepted)) => accepted,
            Some(Err(rejection)) => return debug_log(&format!("rejected: {rejection}")),
            None => return,
        };
        let loaded = state.phase == InquiryPhase::Loaded;
        let new_height = state.page_height;
        handle.state.try_set(state);
        if loaded {
            clear_watchdog();
            // A freshly loaded flow document learns that the modal is open now; an
            // `open` posted before `load` would have reached the blank initial page.
            if modal && handle.open.get_untracked() {
                link.post(WidgetAction::Open);
            }
        }
        if !modal && new_height.is_some() && pending_resize.with_value(Option::is_none) {
            let frame_request = request_animation_frame_with_handle(move || {
                pending_resize.try_set_value(None);
                let latest = handle.state.try_with_untracked(|s| s.page_height).flatten();
                height.try_set(inline_frame_height(
                    latest,
                    min_h(),
                    max_height.get_untracked(),
                ));
            });
            pending_resize.set_value(frame_request.ok());
        }
        for call in calls {
            dispatch(call);
        }
    };
    // (Re)start the flow whenever the widget URL changes: fresh session, fresh watchdog.
    let gate_id = container_id.clone();
    Effect::new(move |_| {
        let Some(Ok(built)) = frame.get() else {
            session.set_value(None);
            return;
        };
        let _ = src.get();
        handle.generation.track();
        let iframe = iframe_ref.get();
        let mut gate = MessageGate::for_frame(&built, &gate_id, &options.get_untracked());
        for origin in trusted_origins.get_untracked().unwrap_or_default() {
            match gate.clone().trust_origin(&origin) {
                Ok(more) => gate = more,
                Err(error) => web_sys::console::error_1(
                    &format!("leptos-persona: trusted origin: {error}").into(),
                ),
            }
        }
        let allowlist = options.with_untracked(|o| o.events_allowlist.clone());
        session.set_value(Some(InquirySession::new(gate, allowlist)));
        handle.state.set(Default::default());
        if let Some(iframe) = iframe {
            handle.link.set_value(Some(FrameLink {
                iframe,
                target_origin: built.target_origin.clone(),
            }));
            // Messages the flow posted before this app hydrated, kept by `<PersonaMessageQueue/>`.
            for event in crate::message_queue::drain() {
                on_message(event);
            }
        }
        clear_watchdog();
        let wait = load_timeout_ms
            .get_untracked()
            .unwrap_or(DEFAULT_LOAD_TIMEOUT_MS);
        let fire = move || {
            let call = session
                .try_update_value(|s| {
                    s.as_mut()
                        .and_then(|s| s.state.load_timed_out(wait).map(|c| (c, s.state.clone())))
                })
                .flatten();
            if let Some((call, state)) = call {
                handle.state.try_set(state);
                dispatch(call);
            }
        };
        watchdog
            .set_value(set_timeout_with_handle(fire, Duration::from_millis(u64::from(wait))).ok());
    });
    // The allowlist applies without a restart.
    Effect::new(move |_| {
        let allowlist = options.with(|o| o.events_allowlist.clone());
        session.update_value(|s| {
            if let Some(s) = s {
                s.allowlist = allowlist;
            }
        });
    });

    let message_listener = window_event_listener(ev::message, on_message);

    // Modal: open / close side effects.
    let focus_return: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(None);
    let holds_lock = StoredValue::new(false);
    let release_modal = move || {
        if holds_lock.try_get_value() == Some(true) {
            holds_lock.set_value(false);
            scroll_lock::release();
            scroll_lock::pop_modal();
            if let Some(element) = focus_return.try_update_value(Option::take).flatten() {
                let _ = element.focus();
            }
        }
    };
    Effect::new(move |_| {
        if !modal {
            return;
        }
        if handle.open.get() {
            if holds_lock.get_value() {
                return;
            }
            holds_lock.set_value(true);
            focus_return.set_value(active_element());
            stack_position.set(scroll_lock::push_modal());
            scroll_lock::acquire();
            desktop.set(matches_desktop());
            // Before `load` the flow cannot hear it; `load` posts it then.
            if !handle.state.with_untracked(|s| flow_not_loaded(s.phase)) {
                handle.post(WidgetAction::Open);
            }
            if let Some(iframe) = iframe_ref.get_untracked() {
                let _ = iframe.focus();
            }
        } else {
            release_modal();
        }
    });
    let key_listener = window_event_listener(ev::keydown, move |event| {
        if modal && event.key() == "Escape" && handle.open.get_untracked() {
            if handle.state.with_untracked(|s| flow_not_loaded(s.phase)) {
                // No flow to ask (still loading, or it never loaded): just close.
                handle.close();
            } else {
                handle.cancel(false);
            }
        }
    });
    let resize_listener = window_event_listener(ev::resize, move |_| {
        desktop.try_set(matches_desktop());
    });

    on_cleanup(move || {
        message_listener.remove();
        key_listener.remove();
        resize_listener.remove();
        clear_watchdog();
        pending_resize.try_update_value(|p| {
            if let Some(p) = p.take() {
                p.cancel();
            }
        });
        handle.post(WidgetAction::Destroy);
        handle.link.try_set_value(None);
        release_modal();
    });

    // ------------------------------------------------------------------ view
    let title = move || built(|f| f.title.clone());
    let sandbox = move || built(|f| f.sandbox.clone());
    let max_sizes = move || {
        options.with(|o| {
            (
                o.frame_height.as_ref().map(CssSize::to_css),
                o.frame_width.as_ref().map(CssSize::to_css),
            )
        })
    };
    let frame_style = move || {
        let (option_max_h, option_max_w) = max_sizes();
        let mut style = String::from("display:block;border:0;width:100%;color-scheme:normal;");
        if modal {
            let size = handle.state.with(|s| {
                modal_frame_size(
                    desktop.get(),
                    s.preferred_dimensions.as_ref(),
                    s.styles.as_ref(),
                )
            });
            style.push_str("position:absolute;left:50%;top:50%;transform:translate(-50%,-50%);height:100%;background:#fff;");
            for (property, value) in [
                ("min-width", size.min_width),
                ("max-width", option_max_w.or(size.max_width)),
                ("min-height", size.min_height),
                ("max-height", option_max_h.or(size.max_height)),
                ("border-radius", size.border_radius),
            ] {
                if let Some(value) = value {
                    style.push_str(&format!("{property}:{value};"));
                }
            }
        } else {
            style.push_str(&format!("height:{}px;", height.get()));
            if let Some(max_h) = option_max_h {
                style.push_str(&format!("max-height:{max_h};"));
            }
            if let Some(max_w) = option_max_w {
                style.push_str(&format!("max-width:{max_w};"));
            }
        }
        style
    };
    let wrapper_style = move || {
        // A modal that cannot be built shows its error where it sits, not in a hidden overlay.
        let broken = config_error.with(Option::is_some);
        if modal && !broken {
            format!(
                "position:fixed;inset:0;z-index:calc(var(--persona-z-index, 9999) + {});background:var(--persona-overlay, rgba(0,0,0,.7));display:{};",
                stack_position.get(),
                if handle.open.get() { "block" } else { "none" }
            )
        } else {
            "position:relative;".to_owned()
        }
    };
    let wrapper_class = move || {
        let variant = if modal {
            "persona-inquiry--modal"
        } else {
            "persona-inquiry--inline"
        };
        match class.get() {
            Some(extra) => format!("persona-inquiry {variant} {extra}"),
            None => format!("persona-inquiry {variant}"),
        }
    };
    let phase_name = move || format!("{:?}", handle.state.with(|s| s.phase)).to_lowercase();
    let loading = move || modal && handle.state.with(|s| s.phase == InquiryPhase::Loading);
    let error_text = move || config_error.with(|e| e.as_ref().map(ToString::to_string));

    let iframe_id = container_id.clone();
    let iframe = move || {
        html::iframe()
            .node_ref(iframe_ref)
            .id(iframe_id.clone())
            .src(move || src.get())
            .title(title)
            .attr("sandbox", sandbox)
            .attr("allow", leptos_persona_core::IFRAME_ALLOW)
            .class(leptos_persona_core::IFRAME_CLASS)
            .attr("data-testid", "persona-widget__iframe")
            .attr("frameborder", "0")
            .attr("role", modal.then_some("dialog"))
            .attr("aria-modal", modal.then_some("true"))
            .attr("tabindex", "0")
            .style(frame_style)
    };

    let has_src = Memo::new(move |_| src.with(Option::is_some));
    let wrapper_id = container_id.clone();
    move || {
        if handle.destroyed.get() {
            return None;
        }
        let iframe = iframe.clone();
        Some(view! {
            <div class=wrapper_class style=wrapper_style data-phase=phase_name data-container-id=wrapper_id.clone()>
                {move || loading().then(|| view! {
                    <div
                        class="persona-inquiry__spinner"
                        role="status"
                        aria-label="Loading identity verification"
                        style="position:absolute;top:50%;left:50%;width:48px;height:48px;margin:-24px 0 0 -24px;border-radius:50%;border:4px solid var(--persona-spinner-track, rgba(255,255,255,.3));border-top-color:var(--persona-spinner, #fff);animation:persona-inquiry-spin 1s linear infinite;"
                    ></div>
                })}
                {move || error_text().map(|text| view! {
                    <div class="persona-inquiry__config-error" role="alert">{text}</div>
                })}
                {move || {
                    // A new generation (`InquiryHandle::restart`) is a new iframe element.
                    handle.generation.track();
                    has_src.get().then(&iframe)
                }}
            </div>
        })
    }
}

/// Whether no flow document has loaded yet (nothing could answer a message).
fn flow_not_loaded(phase: InquiryPhase) -> bool {
    matches!(phase, InquiryPhase::Loading | InquiryPhase::TimedOut)
}

fn run<T: 'static>(callback: Option<Callback<T>>, value: T) {
    if let Some(callback) = callback {
        // A disposed callback (after unmount) is skipped, never a panic.
        let _ = callback.try_run(value);
    }
}

/// `window.location.origin`, in a browser; `None` on the server.
fn browser_origin() -> Option<String> {
    if cfg!(feature = "ssr") {
        return None;
    }
    web_sys::window()?.location().origin().ok()
}

fn matches_desktop() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media(DESKTOP_MEDIA_QUERY).ok().flatten())
        .is_some_and(|m| m.matches())
}

fn active_element() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}
