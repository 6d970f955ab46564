//! The live event log: every callback of both instances, newest first.

use leptos::prelude::*;
use leptos_persona::{CompletePayload, ExitPayload, FlowMessage, InquiryError, ReadyPayload};
use serde_json::Value;

/// The log keeps at most this many entries (the oldest go).
const MAX_ENTRIES: usize = 500;

/// Which `<PersonaInquiry>` a callback came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instance {
    /// The inline flow.
    Inline,
    /// The modal flow.
    Modal,
}

impl Instance {
    /// `inline` or `modal` (the entries' `data-instance`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Inline => "inline",
            Self::Modal => "modal",
        }
    }
}

/// One callback call.
#[derive(Debug, Clone)]
struct Entry {
    id: u64,
    time: String,
    instance: Instance,
    callback: &'static str,
    /// The event's name, for `on_event`.
    event: Option<String>,
    /// The payload, pretty-printed JSON; `None` for `on_load` (no argument).
    payload: Option<String>,
}

/// The log's state. `Copy`: hand it to every callback.
#[derive(Clone, Copy)]
pub struct EventLog {
    entries: RwSignal<Vec<Entry>>,
    next_id: StoredValue<u64>,
}

impl Default for EventLog {
    fn default() -> Self {
        Self::new()
    }
}

impl EventLog {
    /// An empty log.
    pub fn new() -> Self {
        Self {
            entries: RwSignal::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    fn push(
        &self,
        instance: Instance,
        callback: &'static str,
        event: Option<String>,
        payload: Option<Value>,
    ) {
        let id = self.next_id.try_update_value(|n| {
            *n += 1;
            *n
        });
        let Some(id) = id else { return };
        let entry = Entry {
            id,
            time: clock_time(),
            instance,
            callback,
            event,
            payload: payload.map(|p| serde_json::to_string_pretty(&p).unwrap_or_default()),
        };
        self.entries.try_update(|entries| {
            entries.insert(0, entry);
            entries.truncate(MAX_ENTRIES);
        });
    }

    /// Empties the log.
    pub fn clear(&self) {
        self.entries.set(Vec::new());
    }

    // One method per callback prop. What they log is what the official SDK's
    // callbacks receive: the `raw` maps, `FlowMessage::metadata`, `InquiryError::raw`.

    /// `on_load`.
    pub fn load(&self, instance: Instance) {
        self.push(instance, "on_load", None, None);
    }

    /// `on_ready`.
    pub fn ready(&self, instance: Instance, ready: ReadyPayload) {
        self.push(instance, "on_ready", None, Some(Value::Object(ready.raw)));
    }

    /// `on_complete`.
    pub fn complete(&self, instance: Instance, done: CompletePayload) {
        self.push(instance, "on_complete", None, Some(Value::Object(done.raw)));
    }

    /// `on_cancel`.
    pub fn cancel(&self, instance: Instance, exit: ExitPayload) {
        self.push(instance, "on_cancel", None, Some(Value::Object(exit.raw)));
    }

    /// `on_error`.
    pub fn error(&self, instance: Instance, error: InquiryError) {
        self.push(instance, "on_error", None, Some(error.raw));
    }

    /// `on_event`.
    pub fn event(&self, instance: Instance, message: FlowMessage) {
        let payload = message.metadata.unwrap_or(Value::Null);
        self.push(instance, "on_event", Some(message.name), Some(payload));
    }
}

/// The wall-clock time, `HH:MM:SS.mmm`.
fn clock_time() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        now.get_hours(),
        now.get_minutes(),
        now.get_seconds(),
        now.get_milliseconds()
    )
}

/// The log, with its Clear button.
#[component]
pub fn EventLogView(log: EventLog) -> impl IntoView {
    let count = move || log.entries.with(Vec::len);
    view! {
        <section class="card log-card" aria-labelledby="event-log-title">
            <div class="card-head">
                <div>
                    <h2 id="event-log-title">"Event log"</h2>
                    <p class="muted">
                        "Every callback of both instances, newest first, with the argument the official SDK would pass. "
                        <code>"events_allowlist=EventsAllowlist::All"</code>
                        ", so granular events reach "
                        <code>"on_event"</code>
                        " too."
                    </p>
                </div>
                <div class="log-tools">
                    <span class="count" id="event-log-count" title="entries">
                        {count}
                    </span>
                    <button
                        type="button"
                        class="btn btn-small"
                        id="clear-log"
                        on:click=move |_| log.clear()
                    >
                        "Clear"
                    </button>
                </div>
            </div>
            <Show when=move || count() == 0>
                <p class="log-empty">
                    "No callbacks yet. Start a flow: click through the inline one, or open the modal."
                </p>
            </Show>
            // Focusable, so that a keyboard can scroll it.
            <ul id="event-log" class="log" aria-live="polite" aria-label="Callbacks, newest first" tabindex="0">
                <For
                    each=move || log.entries.get()
                    key=|entry| entry.id
                    children=move |entry| view! { <LogLine entry /> }
                />
            </ul>
        </section>
    }
}

#[component]
fn LogLine(entry: Entry) -> impl IntoView {
    let Entry {
        time,
        instance,
        callback,
        event,
        payload,
        ..
    } = entry;
    let event_attr = event.clone();
    view! {
        <li
            class=format!("log-entry log-entry--{callback}")
            data-callback=callback
            data-instance=instance.as_str()
            data-event=event_attr
        >
            <div class="log-head">
                <time class="log-time">{time}</time>
                <span class=format!("tag tag--{}", instance.as_str())>{instance.as_str()}</span>
                <code class="log-callback">{callback}</code>
                {event.map(|name| view! { <span class="log-event">{name}</span> })}
            </div>
            {payload.map(|json| view! { <pre class="log-payload">{json}</pre> })}
        </li>
    }
}
