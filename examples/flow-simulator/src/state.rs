//! The simulator's shared state besides the request counters: its configuration, the
//! inquiries, idempotency keys, the fault switch and the API counters; and what
//! follows a change (webhooks, the decision after a completion, expiry).

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};

use crate::api::ApiStats;
use crate::clock::now_ms;
use crate::faults::Faults;
use crate::idempotency::Idempotency;
use crate::inquiries::{Event, Status, Store};
use crate::Shared;

/// What the flags set (and `POST /__config` changes).
#[derive(Debug, Clone)]
pub struct Config {
    pub api_key: Option<String>,
    pub session_ttl_ms: u64,
    pub decision_ms: u64,
    pub expire_after_ms: u64,
    /// A `/widget` resume of an inquiry the state does not know is refused too.
    pub strict_sessions: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_key: None,
            session_ttl_ms: 3_600_000,
            decision_ms: 300,
            expire_after_ms: 86_400_000,
            strict_sessions: false,
        }
    }
}

impl Config {
    pub fn to_json(&self) -> Value {
        json!({
            "api_key_set": self.api_key.is_some(),
            "session_ttl_s": self.session_ttl_ms / 1000,
            "decision_ms": self.decision_ms,
            "expire_after_s": self.expire_after_ms / 1000,
            "strict_sessions": self.strict_sessions,
        })
    }
}

#[derive(Default)]
pub struct Sim {
    pub config: Config,
    pub store: Store,
    pub idempotency: Idempotency,
    pub faults: Faults,
    pub api: ApiStats,
}

/// After a change: every event goes to the webhook sender, and a completion is
/// decided `decision_ms` later.
pub fn publish(state: &Shared, events: Vec<Event>) {
    for event in events {
        if event.status == Status::Completed {
            let delay = state.sim().config.decision_ms;
            let state = Arc::clone(state);
            let id = event.inquiry_id.clone();
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(delay)).await;
                let events = state.sim().store.decide(&id, now_ms());
                publish(&state, events);
            });
        }
        state.webhooks.enqueue(&event);
    }
}

/// Once a second: inactive inquiries expire, old session tokens are forgotten.
pub async fn sweep(state: Shared) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    loop {
        tick.tick().await;
        let events = {
            let mut sim = state.sim();
            let after = sim.config.expire_after_ms;
            sim.store.expire_due(now_ms(), after)
        };
        publish(&state, events);
    }
}
