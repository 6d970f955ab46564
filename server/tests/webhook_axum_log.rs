//! The axum extractor logs each refusal's reason at `warn`, without the
//! secret or the signature. Its own test binary: tracing caches each
//! callsite's interest process-wide, so a suite running other requests on
//! other threads at the same time can leave a scoped subscriber blind.
#![cfg(feature = "axum")]

use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use leptos_persona_server::webhook::sign;
use leptos_persona_server::Secret;

mod axum_app;
use axum_app::{app, body, now, request, send, SECRET};

/// Records every event's level and fields.
struct Capture(Arc<Mutex<Vec<String>>>);

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={value:?} ", field.name()));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        if let Ok(mut lines) = self.0.lock() {
            lines.push(format!("{} {}", event.metadata().level(), fields.0));
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn the_reason_is_logged_at_warn_without_secrets() {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let body = body();
    let forged = sign(&Secret::new("wbhsec_attacker"), now(), &body);
    let signature = forged.split("v1=").nth(1).unwrap_or_default().to_owned();
    tracing::subscriber::with_default(Capture(lines.clone()), || {
        runtime.block_on(async {
            let (router, _) = app(1 << 20);
            assert_eq!(
                send(&router, request(&[&forged], body.clone())).await.0,
                StatusCode::UNAUTHORIZED
            );
            assert_eq!(
                send(&router, request(&[], body.clone())).await.0,
                StatusCode::BAD_REQUEST
            );
        })
    });
    let lines = lines.lock().map(|l| l.clone()).unwrap_or_default();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("WARN ") && lines[0].contains("body's HMAC"),
        "{lines:?}"
    );
    assert!(
        lines[1].starts_with("WARN ") && lines[1].contains("no Persona-Signature header"),
        "{lines:?}"
    );
    for line in &lines {
        assert!(
            !line.contains(SECRET) && !line.contains(&signature),
            "{line}"
        );
    }
}
