//! The controls: scenario, autoplay, load timeout, prefilled fields, restart.

use leptos::prelude::*;

use crate::config::FlowSource;
use crate::settings::{Settings, AUTOPLAY_ENVIRONMENT, SCENARIOS};

/// The controls card. In a real Persona environment the simulator's controls are hidden.
#[component]
pub fn Controls(settings: Settings, source: Option<FlowSource>) -> impl IntoView {
    let simulator = source.as_ref().is_none_or(FlowSource::is_simulator);
    let persona = match &source {
        Some(FlowSource::Persona {
            host,
            template,
            environment,
        }) => Some(view! {
            <div class="control control--wide" id="persona-target">
                <span class="control-label">"Real Persona"</span>
                <p class="target-line">
                    "host " <code>{host.to_string()}</code> " · template "
                    <code>{template.clone().unwrap_or_else(|| "(none)".into())}</code>
                    " · environment "
                    <code>{environment.clone().unwrap_or_else(|| "(none)".into())}</code>
                </p>
            </div>
        }),
        _ => None,
    };
    let description = move || {
        settings.scenario.with(|current| {
            SCENARIOS
                .iter()
                .find(|(name, _)| name == current)
                .map(|(_, what)| *what)
                .unwrap_or_default()
        })
    };

    view! {
        <section class="card controls" aria-label="Flow settings">
            <div class="controls-grid">
                {simulator
                    .then(|| {
                        view! {
                            <div class="control">
                                <label class="control-label" for="scenario">
                                    "Scenario"
                                </label>
                                <select
                                    id="scenario"
                                    prop:value=move || settings.scenario.get()
                                    on:change=move |ev| settings.scenario.set(event_target_value(&ev))
                                >
                                    {SCENARIOS
                                        .iter()
                                        .map(|(name, _)| {
                                            view! {
                                                <option
                                                    value=*name
                                                    selected=move || settings.scenario.with(|s| s == name)
                                                >
                                                    {*name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <span class="control-help">
                                    <code>{move || format!("itmpl_sim_{}", settings.scenario.get())}</code>
                                    " · "
                                    {description}
                                </span>
                            </div>
                            <div class="control">
                                <span class="control-label">"Autoplay"</span>
                                <label class="switch" for="autoplay">
                                    <input
                                        type="checkbox"
                                        id="autoplay"
                                        prop:checked=move || settings.autoplay.get()
                                        on:change=move |ev| settings.autoplay.set(event_target_checked(&ev))
                                    />
                                    <span>"The flow plays itself"</span>
                                </label>
                                <span class="control-help">
                                    {move || {
                                        if settings.autoplay.get() {
                                            format!("environment_id=\"{AUTOPLAY_ENVIRONMENT}\"")
                                        } else {
                                            "off: click through the simulator yourself".to_owned()
                                        }
                                    }}
                                </span>
                            </div>
                        }
                    })}
                {persona}
                <div class="control">
                    <label class="control-label" for="load-timeout">
                        "Load timeout"
                    </label>
                    <div class="input-unit">
                        <input
                            type="number"
                            id="load-timeout"
                            min="100"
                            step="500"
                            prop:value=move || settings.load_timeout_ms.get().to_string()
                            on:change=move |ev| {
                                if let Ok(ms) = event_target_value(&ev).trim().parse::<u32>() {
                                    if ms > 0 {
                                        settings.load_timeout_ms.set(ms);
                                    }
                                }
                            }
                        />
                        <span>"ms"</span>
                    </div>
                    <span class="control-help">
                        <code>"load_timeout"</code>
                        ": then on_error(load_timeout). Applies from the next (re)start."
                    </span>
                </div>
                <div class="control">
                    <span class="control-label">"Flows"</span>
                    <button
                        type="button"
                        class="btn"
                        id="restart"
                        on:click=move |_| settings.restart()
                    >
                        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                            <path
                                d="M20 12a8 8 0 1 1-2.34-5.66M20 4v5h-5"
                                fill="none"
                                stroke="currentColor"
                                stroke-width="2"
                                stroke-linecap="round"
                                stroke-linejoin="round"
                            />
                        </svg>
                        "Restart both"
                    </button>
                    <span class="control-help">
                        "Any option change restarts a flow by itself; this starts both over ("
                        <code>"inquiry.restart()"</code>
                        ")."
                    </span>
                </div>
            </div>
            <fieldset class="prefill">
                <legend>
                    "Prefilled fields " <span class="muted">"→ "<code>"fields"</code>" prop"</span>
                </legend>
                <div class="prefill-grid">
                    <PrefillInput
                        id="prefill-name-first"
                        label="nameFirst"
                        placeholder="Jane"
                        kind="text"
                        value=settings.name_first
                    />
                    <PrefillInput
                        id="prefill-name-last"
                        label="nameLast"
                        placeholder="Doe"
                        kind="text"
                        value=settings.name_last
                    />
                    <PrefillInput
                        id="prefill-birthdate"
                        label="birthdate"
                        placeholder="1990-01-01"
                        kind="date"
                        value=settings.birthdate
                    />
                </div>
                <p class="control-help">
                    "Empty inputs are left out. The flows restart with the new fields once you stop typing (the "
                    <code>"prefill"</code> " scenario shows them on its first and last pages)."
                </p>
            </fieldset>
        </section>
    }
}

#[component]
fn PrefillInput(
    id: &'static str,
    label: &'static str,
    placeholder: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label class="prefill-field" for=id>
            <code class="control-label">{label}</code>
            <input
                id=id
                type=kind
                placeholder=placeholder
                autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </label>
    }
}
