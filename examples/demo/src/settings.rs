//! The page's settings and the props both flows derive from them.

use std::time::Duration;

use leptos::prelude::*;
use leptos_persona::Host;
use serde_json::{Map, Value};

use crate::config::{DemoConfig, FlowSource};

/// The environment id that makes the flow simulator play the flow by itself.
pub const AUTOPLAY_ENVIRONMENT: &str = "env_sim_autoplay";

/// The load timeout the page starts with (ms).
pub const DEFAULT_LOAD_TIMEOUT_MS: u32 = 8_000;

/// How long the prefill inputs must be still before the flows restart with them.
const PREFILL_DEBOUNCE: Duration = Duration::from_millis(350);

/// The simulator's scenarios: `(name, what it does)`; the template id is `itmpl_sim_<name>`.
pub const SCENARIOS: &[(&str, &str)] = &[
    ("happy", "the whole flow, then complete"),
    ("fail", "the whole flow, then fail"),
    ("cancel_before_inquiry", "the user leaves on page 1"),
    ("cancel_after_inquiry", "the user leaves after starting"),
    ("error_application_error", "error 0 application_error"),
    ("error_invalid_config", "error 400 invalid_config"),
    ("error_unauthenticated", "error 409 unauthenticated"),
    ("error_inactive_template", "error 422 inactive_template"),
    ("error_unknown", "error 500 unknown"),
    ("slow_load", "the server answers after 2.5 s"),
    ("never_loads", "no load, ever: the load timeout fires"),
    ("prefill", "shows the prefilled fields"),
    ("hostile", "plus forged messages, all rejected"),
];

/// Everything the page's controls set. `Copy`: pass it anywhere.
#[derive(Clone, Copy)]
pub struct Settings {
    /// The simulator scenario (a name from [`SCENARIOS`]).
    pub scenario: RwSignal<String>,
    /// Autoplay in the simulator.
    pub autoplay: RwSignal<bool>,
    /// `load_timeout_ms` for both flows.
    pub load_timeout_ms: RwSignal<u32>,
    /// The prefill inputs as typed.
    pub name_first: RwSignal<String>,
    /// The prefill inputs as typed.
    pub name_last: RwSignal<String>,
    /// The prefill inputs as typed (`YYYY-MM-DD`).
    pub birthdate: RwSignal<String>,
    /// Dark theme (page and flows).
    pub dark: RwSignal<bool>,
    /// Bumped by "Restart both": both flows start over (`InquiryHandle::restart`).
    pub generation: RwSignal<u32>,
}

impl Settings {
    /// The page's initial settings.
    pub fn new(dark: bool) -> Self {
        Self {
            scenario: RwSignal::new("happy".to_owned()),
            autoplay: RwSignal::new(false),
            load_timeout_ms: RwSignal::new(DEFAULT_LOAD_TIMEOUT_MS),
            name_first: RwSignal::new(String::new()),
            name_last: RwSignal::new(String::new()),
            birthdate: RwSignal::new(String::new()),
            dark: RwSignal::new(dark),
            generation: RwSignal::new(0),
        }
    }

    /// Starts both flows over.
    pub fn restart(&self) {
        self.generation.update(|g| *g += 1);
    }
}

/// The props both `<PersonaInquiry>`s get, derived from the configuration and the settings.
#[derive(Clone)]
pub struct FlowProps {
    /// `host`: `None` when the configuration is invalid (no flow is started).
    pub host: Option<Host>,
    /// `template_id`.
    pub template: Signal<Option<String>>,
    /// `environment_id`.
    pub environment: Signal<Option<String>>,
    /// `fields` (`nameFirst`, `nameLast`, `birthdate`), debounced.
    pub fields: Signal<Option<Map<String, Value>>>,
    /// `style_variant`: `"dark"` in dark mode.
    pub style_variant: Signal<Option<String>>,
    /// `load_timeout_ms`.
    pub load_timeout_ms: Signal<Option<u32>>,
}

impl FlowProps {
    /// Derives the props.
    pub fn new(config: &DemoConfig, settings: Settings) -> Self {
        let source = config.as_ref().ok().cloned();
        let host = source.as_ref().map(|s| s.host().clone());
        let template = {
            let source = source.clone();
            Signal::derive(move || match &source {
                Some(FlowSource::Simulator { .. }) => {
                    Some(format!("itmpl_sim_{}", settings.scenario.get()))
                }
                Some(FlowSource::Persona { template, .. }) => template.clone(),
                None => None,
            })
        };
        let environment = Signal::derive(move || match &source {
            Some(FlowSource::Simulator { .. }) => settings
                .autoplay
                .get()
                .then(|| AUTOPLAY_ENVIRONMENT.to_owned()),
            Some(FlowSource::Persona { environment, .. }) => environment.clone(),
            None => None,
        });
        Self {
            host,
            template,
            environment,
            fields: debounced_fields(settings),
            style_variant: Signal::derive(move || settings.dark.get().then(|| "dark".to_owned())),
            load_timeout_ms: Signal::derive(move || Some(settings.load_timeout_ms.get())),
        }
    }
}

/// The `fields` prop: the non-empty prefill inputs, applied once typing pauses
/// (every change of `fields` restarts the flows).
fn debounced_fields(settings: Settings) -> Signal<Option<Map<String, Value>>> {
    let current = move || {
        let mut fields = Map::new();
        for (key, input) in [
            ("nameFirst", settings.name_first),
            ("nameLast", settings.name_last),
            ("birthdate", settings.birthdate),
        ] {
            let value = input.get();
            let value = value.trim();
            if !value.is_empty() {
                fields.insert(key.to_owned(), Value::String(value.to_owned()));
            }
        }
        (!fields.is_empty()).then_some(fields)
    };
    // The starting value is read once, untracked: the effect below follows the inputs.
    let applied = RwSignal::new(untrack(current));
    let pending: StoredValue<Option<TimeoutHandle>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |previous: Option<()>| {
        let next = current();
        if previous.is_none() {
            return;
        }
        if let Some(timer) = pending.try_update_value(Option::take).flatten() {
            timer.clear();
        }
        let timer = set_timeout_with_handle(
            move || {
                if applied.try_with_untracked(|a| *a != next) == Some(true) {
                    applied.try_set(next);
                }
            },
            PREFILL_DEBOUNCE,
        );
        pending.set_value(timer.ok());
    });
    applied.into()
}
