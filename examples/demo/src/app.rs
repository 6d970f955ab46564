//! The page: header, configuration banner, controls, both examples, the event log, the footer.

use leptos::prelude::*;
use leptos_persona::protocol::SDK_VERSION;
use leptos_persona::{preload, use_persona_inquiry, InquiryHandle, InquiryPhase};

use crate::config::{self, DemoConfig, FlowSource};
use crate::controls::Controls;
use crate::event_log::{EventLog, EventLogView};
use crate::inline_demo::InlineDemo;
use crate::modal_demo::ModalDemo;
use crate::settings::{FlowProps, Settings};
use crate::theme::{self, ThemeToggle};

#[component]
pub fn App() -> impl IntoView {
    let config = config::from_location();
    let settings = Settings::new(theme::prefers_dark());
    theme::sync_document_class(settings.dark);
    // A custom domain from the URL loads nothing until the person confirms it.
    let confirmed = RwSignal::new(!config.as_ref().is_ok_and(FlowSource::needs_confirmation));
    let body = move || {
        let config = config.clone();
        if confirmed.get() {
            view! { <Demo config settings /> }.into_any()
        } else {
            view! { <ConfirmHost config confirmed /> }.into_any()
        }
    };

    view! {
        <div class="page">
            <header class="site-header">
                <div class="brand">
                    <div class="logo" aria-hidden="true"></div>
                    <div>
                        <h1>"leptos-persona"</h1>
                        <p class="tagline">
                            "Persona's identity verification in Leptos 0.8: one typed component, inline or modal, with the flow's state as signals — speaking exactly the official SDK's protocol."
                        </p>
                    </div>
                </div>
                <div class="header-tools">
                    <span class="pill" title="The official SDK version whose wire protocol this crate speaks">
                        {format!("persona@{SDK_VERSION} protocol")}
                    </span>
                    <ThemeToggle dark=settings.dark />
                </div>
            </header>
            {body}
        </div>
    }
}

/// Both examples, the controls, the event log and the footer.
#[component]
fn Demo(config: DemoConfig, settings: Settings) -> impl IntoView {
    let flow = FlowProps::new(&config, settings);
    let log = EventLog::new();
    let inline = use_persona_inquiry();
    let modal = use_persona_inquiry();
    if let Some(host) = &flow.host {
        // Warms the browser's cache for the flow (a hidden `/preload` frame).
        preload(host);
    }
    // "Restart both": each flow starts over in a new iframe.
    Effect::watch(
        move || settings.generation.get(),
        move |_, _, _| {
            inline.restart();
            modal.restart();
        },
        false,
    );
    let source = config.as_ref().ok().cloned();
    let inline_hint = timeout_hint(inline, &config, settings);
    let modal_hint = timeout_hint(modal, &config, settings);

    view! {
        <ConfigBanner config=config.clone() />
        <Controls settings source=source.clone() />
        <main class="examples">
            <div class="column">
                <InlineDemo flow=flow.clone() handle=inline log timeout_hint=inline_hint />
            </div>
            <div class="column">
                <ModalDemo flow=flow.clone() handle=modal log timeout_hint=modal_hint />
                <EventLogView log />
            </div>
        </main>
        <Footer config />
    }
}

/// Asks before anything loads from a custom domain named by the URL: the flow
/// would get the camera, the microphone and the person's documents.
#[component]
fn ConfirmHost(config: DemoConfig, confirmed: RwSignal<bool>) -> impl IntoView {
    let host = config
        .as_ref()
        .map(|source| source.host().clone())
        .unwrap_or_default();
    let origin = host.base_url().to_owned();
    view! {
        <main class="card confirm-host" id="confirm-host" aria-labelledby="confirm-host-title">
            <h2 id="confirm-host-title">
                "Load the verification flow from " <code class="host">{host.to_string()}</code> "?"
            </h2>
            <p>
                "This page's address asks to load the identity-verification flow from "
                <strong id="confirm-host-origin">{origin.clone()}</strong>
                ", a custom domain: neither one of Persona's hosts nor this machine. "
                "The flow there could ask for your camera, your microphone and your identity documents. "
                "Continue only if you know and trust this domain."
            </p>
            <div class="confirm-actions">
                <button
                    type="button"
                    class="btn btn-primary"
                    id="confirm-host-load"
                    on:click=move |_| confirmed.set(true)
                >
                    {format!("Load from {origin}")}
                </button>
                <a class="btn" id="confirm-host-simulator" href="?">
                    "Use the flow simulator instead"
                </a>
            </div>
        </main>
    }
}

/// When a flow timed out although the scenario should load, the simulator is
/// probably not running (or not at this address): say so.
fn timeout_hint(
    handle: InquiryHandle,
    config: &DemoConfig,
    settings: Settings,
) -> Signal<Option<String>> {
    let origin = config
        .as_ref()
        .ok()
        .map(|source| source.host().base_url().to_owned());
    let simulator = config.as_ref().is_ok_and(FlowSource::is_simulator);
    Signal::derive(move || {
        let origin = origin.clone()?;
        if handle.phase().get() != InquiryPhase::TimedOut {
            return None;
        }
        if simulator && settings.scenario.with(|s| s == "never_loads") {
            return Some(
                "never_loads: the flow never sends load, so the component's watchdog called on_error(load_timeout).".to_owned(),
            );
        }
        Some(if simulator {
            format!(
                "The flow did not load from {origin}. Is the flow simulator running there? \
                 Start it with `cargo run -p persona-flow-simulator`, then press Restart."
            )
        } else {
            format!(
                "The flow did not load from {origin}: check the host, the page's CSP (frame-src) and the network."
            )
        })
    })
}

/// The configuration banner: an invalid configuration (with the crate's error text),
/// or a note that a real Persona environment is in use.
#[component]
fn ConfigBanner(config: DemoConfig) -> impl IntoView {
    let custom = config.as_ref().is_ok_and(FlowSource::needs_confirmation);
    match config {
        Err(problem) => view! {
            <div class="banner banner--error" id="config-error" role="alert">
                <strong>"Invalid configuration. "</strong>
                <span class="banner-text">{problem.to_string()}</span>
                <span class="banner-help">
                    " Fix the URL (see the footer), or remove the query to use the flow simulator."
                </span>
            </div>
        }
        .into_any(),
        Ok(FlowSource::Persona { host, .. }) if custom => view! {
            <div class="banner banner--warn" id="config-custom-host" role="status">
                <strong>"Custom host, confirmed. "</strong>
                {format!(
                    "Flows load from {} ({}), a domain you confirmed: neither Persona's nor this machine's. Remove the query to go back to the simulator.",
                    host.base_url(),
                    host,
                )}
            </div>
        }
        .into_any(),
        Ok(FlowSource::Persona { host, .. }) => view! {
            <div class="banner banner--info" id="config-persona" role="status">
                <strong>"Real Persona. "</strong>
                {format!(
                    "Flows load from {} ({}), configured by this page's URL. Remove the query to go back to the simulator.",
                    host.base_url(),
                    host,
                )}
            </div>
        }
        .into_any(),
        Ok(FlowSource::Simulator { .. }) => ().into_any(),
    }
}

#[component]
fn Footer(config: DemoConfig) -> impl IntoView {
    let host = config
        .as_ref()
        .map(|source| source.host().base_url().to_owned())
        .unwrap_or_else(|_| "none (invalid configuration)".to_owned());
    let mode = match &config {
        Ok(FlowSource::Simulator { .. }) => "the flow simulator",
        Ok(FlowSource::Persona { .. }) => "a real Persona environment",
        Err(_) => "nothing",
    };
    view! {
        <footer class="site-footer" id="config-footer">
            <h2>"Configuration"</h2>
            <p>
                "Flows load from " <strong>{mode}</strong> " at " <code id="flow-host">{host}</code> "."
            </p>
            <ul>
                <li>
                    "Default: the flow simulator at " <code>{config::DEFAULT_SIMULATOR}</code>
                    " — start it with " <code>"cargo run -p persona-flow-simulator"</code>
                    ". Another address: build with "
                    <code>"PERSONA_DEMO_SIMULATOR=http://127.0.0.1:9000"</code> " (read at compile time)."
                </li>
                <li>
                    "A real Persona environment: "
                    <code>"?host=production|staging|<custom host>&template=itmpl_…&environment=env_…"</code>
                    " (no host means production; " <code>"host"</code> " is parsed with "
                    <code>"Host::from_str"</code> " and a refused value is shown above with the crate's error). "
                    "Persona's named hosts and loopback origins load at once; a custom domain loads only once you confirm it, and stays named in a banner: "
                    <code>"host"</code> " decides who gets the camera and the documents, so an app never takes it from untrusted input."
                </li>
            </ul>
            <p class="muted small">
                "leptos-persona demo · no external resources · nothing leaves this machine with the simulator."
            </p>
        </footer>
    }
}
