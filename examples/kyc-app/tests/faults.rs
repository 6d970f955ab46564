//! Faults, against the running app and simulator:
//!
//! - the app is killed (SIGKILL) while the simulator's webhooks flow, and
//!   restarted: the simulator's retries bring every person to their inquiry's
//!   final state, with every event stored and none given up;
//! - Persona's API answering 500 while a person asks for a refresh gives the
//!   "cannot be reached" message, then the right state once it answers again;
//!   a refused key and a finished inquiry give theirs;
//! - a database that cannot be written (another writer holds it past the
//!   busy timeout) gives its message, and the request works once it is free.

mod support;

use std::collections::HashSet;
use std::time::Duration;

use persona_kyc_app::model::KycError;
use serde_json::{json, Value};
use sqlx::Row;
use support::{wait_for, Options, Stack};

/// The inquiry id in a `start_verification` answer.
fn inquiry_of(answer: &Value) -> String {
    answer["Flow"]["inquiry_id"]
        .as_str()
        .unwrap_or_else(|| panic!("not a flow: {answer}"))
        .to_owned()
}

/// Moves an inquiry with the simulator's test switch.
async fn switch(stack: &Stack, inquiry: &str, action: &str) {
    let (status, answer) = stack
        .sim_post(&format!("/__inquiries/{inquiry}/{action}"), json!({}))
        .await;
    assert_eq!(status, 200, "{action} {inquiry}: {answer}");
}

/// A server function's error answer, as the page would show it.
fn error_of(status: u16, answer: &Value) -> KycError {
    assert_ne!(status, 200, "not an error: {answer}");
    serde_json::from_value(answer.clone())
        .unwrap_or_else(|e| panic!("not a KycError ({e}): {answer}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator and the app: cargo xtask test runs it"]
async fn the_app_killed_mid_delivery_loses_nothing() {
    let mut stack = Stack::start(Options {
        decision_ms: 400,
        webhook_retry_ms: 150,
        webhook_attempts: 8,
        ..Options::default()
    })
    .await;
    let people = 24;
    let mut inquiries = Vec::new();
    for i in 0..people {
        let cookie = stack.sign_in(&format!("Restart person {i}")).await;
        let (status, started) = stack.call("start_verification", Some(&cookie), &[]).await;
        assert_eq!(status, 200, "{started}");
        inquiries.push(inquiry_of(&started));
    }
    for inquiry in &inquiries {
        switch(&stack, inquiry, "start").await;
        switch(&stack, inquiry, "complete").await;
    }
    // Mid-delivery: the completions are going out, the decisions follow.
    stack.kill_app();
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    stack.start_app().await;

    let stats = wait_for(
        "every delivery to be answered (webhooks.pending 0)",
        Duration::from_secs(60),
        || async {
            let stats = stack.stats().await;
            let settled = stats["webhooks"]["pending"] == 0
                && stats["webhooks"]["events"] == stats["webhooks"]["delivered"];
            settled.then_some(stats)
        },
    )
    .await;
    let webhooks = &stats["webhooks"];
    println!("the simulator's deliveries across the kill: {webhooks}");
    assert_eq!(webhooks["gave_up"], 0, "{webhooks}");
    assert!(
        webhooks["errors"].as_u64().unwrap_or(0) > 0,
        "no delivery failed while the app was down, so the kill proved nothing: {webhooks}"
    );

    // Every event the simulator made is stored, and every person is approved.
    let made = stack.sim_get("/__webhooks").await;
    let made: HashSet<String> = made["events"]
        .as_array()
        .unwrap_or_else(|| panic!("no events: {made}"))
        .iter()
        .filter_map(|e| e["id"].as_str().map(str::to_owned))
        .collect();
    let db = stack.db().await;
    let rows = sqlx::query("SELECT id FROM webhook_events")
        .fetch_all(&db)
        .await
        .unwrap_or_else(|e| panic!("reading webhook_events: {e}"));
    db.close().await;
    let stored: HashSet<String> = rows.iter().map(|r| r.get::<String, _>("id")).collect();
    let lost: Vec<&String> = made.difference(&stored).collect();
    assert!(lost.is_empty(), "events lost: {lost:?}");
    // Every person's stored status is their inquiry's at Persona (the
    // simulator), which decided approved, from a webhook or an API read.
    let at_persona = stack.sim_get("/__inquiries").await;
    let users = stack.users().await;
    for inquiry in &inquiries {
        let person = users
            .values()
            .find(|u| u.1.as_deref() == Some(inquiry.as_str()));
        let status = person.and_then(|u| u.0.as_deref());
        let persona_status = at_persona["data"]
            .as_array()
            .and_then(|all| all.iter().find(|i| i["id"] == inquiry.as_str()))
            .and_then(|i| i["attributes"]["status"].as_str());
        assert_eq!(persona_status, Some("approved"), "{inquiry} at Persona");
        assert_eq!(status, persona_status, "{inquiry}: {person:?}");
        let source = person.and_then(|u| u.2.as_deref());
        assert!(
            matches!(source, Some("webhook" | "api")),
            "{inquiry}: source {source:?}"
        );
    }
    assert!(stack.app().is_running());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator and the app: cargo xtask test runs it"]
async fn api_errors_give_their_message_then_the_right_state() {
    let stack = Stack::start(Options {
        decision_ms: 200,
        ..Options::default()
    })
    .await;
    let cookie = stack.sign_in("Refresh person").await;
    let (status, started) = stack.call("start_verification", Some(&cookie), &[]).await;
    assert_eq!(status, 200, "{started}");
    let inquiry = inquiry_of(&started);

    // The API answers 500 (more times than the client tries).
    let (status, faults) = stack
        .sim_post("/__faults", json!({ "status": 500, "count": 20 }))
        .await;
    assert_eq!(status, 200, "{faults}");
    let (status, answer) = stack.call("refresh_verification", Some(&cookie), &[]).await;
    let error = error_of(status, &answer);
    assert_eq!(error, KycError::PersonaUnavailable);
    assert!(
        error.to_string().contains("cannot be reached right now"),
        "{error}"
    );
    stack.clear_faults().await;

    // It answers again: the refresh stores what the API says.
    switch(&stack, &inquiry, "start").await;
    switch(&stack, &inquiry, "complete").await;
    let account = wait_for(
        "the refresh to read approved",
        Duration::from_secs(20),
        || async {
            let (status, account) = stack.call("refresh_verification", Some(&cookie), &[]).await;
            assert_eq!(status, 200, "{account}");
            (account["verification"]["status"] == "approved").then_some(account)
        },
    )
    .await;
    assert_eq!(account["verification"]["inquiry_id"], inquiry.as_str());
    assert!(
        matches!(
            account["verification"]["source"].as_str(),
            Some("Api" | "Webhook")
        ),
        "{account}"
    );

    // Finished: starting again reports it, and creates nothing.
    let creates = stack.stats().await["api"]["creates"].clone();
    let (status, again) = stack.call("start_verification", Some(&cookie), &[]).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["Finished"]["status"], "approved", "{again}");
    assert_eq!(stack.stats().await["api"]["creates"], creates);

    // A refused key: its own message.
    let (status, config) = stack
        .sim_post("/__config", json!({ "api_key": "persona_sim_another_key" }))
        .await;
    assert_eq!(status, 200, "{config}");
    let (status, answer) = stack.call("refresh_verification", Some(&cookie), &[]).await;
    let error = error_of(status, &answer);
    assert_eq!(error, KycError::PersonaKeyRejected);
    assert!(error
        .to_string()
        .contains("refused this site's credentials"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator and the app: cargo xtask test runs it"]
async fn a_database_that_cannot_be_written_gives_its_message() {
    use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
    use std::str::FromStr;

    let stack = Stack::start(Options {
        webhooks: false,
        ..Options::default()
    })
    .await;
    // Another process's writer holds the database longer than the app waits
    // (its busy timeout): every write of the app fails.
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{}", stack.db_path.display()))
        .unwrap_or_else(|e| panic!("the database URL: {e}"));
    let locker = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap_or_else(|e| panic!("opening the database: {e}"));
    let mut lock = locker
        .acquire()
        .await
        .unwrap_or_else(|e| panic!("a connection: {e}"));
    sqlx::query("BEGIN EXCLUSIVE")
        .execute(&mut *lock)
        .await
        .unwrap_or_else(|e| panic!("locking the database: {e}"));
    let (status, answer) = stack.call("sign_in", None, &[("name", "Locked out")]).await;
    let error = error_of(status, &answer);
    assert_eq!(error, KycError::DatabaseWrite);
    assert!(error.to_string().contains("could not save"), "{error}");
    // The lock goes: the same request works.
    sqlx::query("ROLLBACK")
        .execute(&mut *lock)
        .await
        .unwrap_or_else(|e| panic!("unlocking the database: {e}"));
    drop(lock);
    locker.close().await;
    let (status, answer) = stack.call("sign_in", None, &[("name", "Locked out")]).await;
    assert_eq!(status, 200, "{answer}");
}
