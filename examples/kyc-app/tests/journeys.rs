//! The whole loop in headless Chromium, against the real app and the real
//! simulator, on a fresh SQLite file:
//!
//! 1. sign in; the API is down: the page says so; it is back: start;
//! 2. leave the flow, reload, and resume the same inquiry (the simulator's API
//!    counts one create);
//! 3. complete the flow by hand, page by page;
//! 4. the webhooks arrive: the page shows `completed`, then, after a reload,
//!    `approved`, from the webhook, and the database agrees.
//!
//! The same journey ends `declined` and `needs_review` with those scenarios.
//! Every page is screenshotted (`KYC_SCREENSHOTS`), checked with axe-core (no
//! serious or critical violation) and must leave the console quiet.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use sqlx::Row;
use support::{Chromium, Options, Stack};

const LONG: Duration = Duration::from_secs(45);

/// Checks the page as it is: axe-core finds nothing serious, the console is
/// quiet, and a screenshot is kept as `name`.
async fn check_page(browser: &Chromium, name: &str) {
    check_page_expecting(browser, name, &[]).await;
}

/// [`check_page`], where the console must hold exactly the `expected` entries
/// (each given by a part of its text), and nothing else.
async fn check_page_expecting(browser: &Chromium, name: &str, expected: &[&str]) {
    let path = browser.screenshot(name).await;
    let violations = browser.serious_violations().await;
    assert!(
        violations.is_empty(),
        "{name}: axe-core found serious or critical violations: {violations:#?}"
    );
    let problems = browser.console_problems().await;
    let unexpected: Vec<&String> = problems
        .iter()
        .filter(|p| !expected.iter().any(|e| p.contains(e)))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{name}: the console logged problems: {unexpected:#?}"
    );
    for entry in expected {
        assert!(
            problems.iter().any(|p| p.contains(entry)),
            "{name}: the console should have logged {entry:?}: {problems:#?}"
        );
    }
    println!(
        "{name}: accessible, quiet console, screenshot {}",
        path.display()
    );
}

/// Opens the app (or reloads it) and waits for hydration.
async fn open(browser: &Chromium, stack: &Stack) {
    browser
        .client
        .goto(&format!("{}/", stack.app_url))
        .await
        .unwrap_or_else(|e| panic!("opening the app: {e}"));
    browser.wait_hydrated().await;
}

/// Signs in as `name` through the page's form.
async fn sign_in(browser: &Chromium, name: &str) {
    let field = browser.wait_element("#name").await;
    field
        .send_keys(name)
        .await
        .unwrap_or_else(|e| panic!("typing the name: {e}"));
    browser.click("#sign-in").await;
    browser.wait_status("none", LONG).await;
    assert_eq!(browser.text("#signed-in-as").await.as_deref(), Some(name));
}

/// True once the flow is closed and the badge shows a finished status.
const FLOW_DONE: &str = "return document.querySelector('iframe') === null && \
    ['completed', 'approved', 'declined', 'needs_review'].indexOf(\
    (document.querySelector('#status-badge') || {}).getAttribute \
    ? document.querySelector('#status-badge').getAttribute('data-status') : '') >= 0;";

/// Reloads until the badge says `status`; returns the badge's `data-source`.
async fn reload_until(browser: &Chromium, stack: &Stack, status: &str) -> String {
    let started = std::time::Instant::now();
    loop {
        open(browser, stack).await;
        let now = browser.attribute("#status-badge", "data-status").await;
        if now.as_deref() == Some(status) {
            return browser
                .attribute("#status-badge", "data-source")
                .await
                .unwrap_or_default();
        }
        assert!(
            started.elapsed() < LONG,
            "after reloads for {LONG:?} the badge says {now:?}, not {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The names of the stored webhook events of `inquiry`.
async fn stored_events(stack: &Stack, inquiry: &str) -> Vec<String> {
    let db = stack.db().await;
    let rows =
        sqlx::query("SELECT name FROM webhook_events WHERE inquiry_id = ?1 ORDER BY created_at_ns")
            .bind(inquiry)
            .fetch_all(&db)
            .await
            .unwrap_or_else(|e| panic!("reading webhook_events: {e}"));
    db.close().await;
    rows.iter().map(|r| r.get::<String, _>("name")).collect()
}

/// The simulator's count of inquiries created through its API.
async fn creates(stack: &Stack) -> Value {
    stack.stats().await["api"]["creates"].clone()
}

/// Sign in (unless signed in already), start, leave, reload, resume, complete; returns the inquiry id
/// once the flow is over.
async fn start_leave_resume_complete(browser: &Chromium, stack: &Stack, name: &str) -> String {
    open(browser, stack).await;
    match browser.text("#signed-in-as").await {
        Some(who) => assert_eq!(who, name),
        None => sign_in(browser, name).await,
    }
    // Verify (a resume of the inquiry the server created: the flow opens at
    // the document), take one step, then leave: the inquiry is started.
    browser.click("#verify").await;
    browser.wait_element("iframe").await;
    browser.click_in_flow("[data-primary]").await;
    check_page(browser, "verifying").await;
    browser.click("#leave").await;
    // The flow closes once the server has read the inquiry, which the page
    // then shows (`#verify` is there all along, hidden while the flow is open).
    let inquiry = support::wait_for(
        "the flow to close after leaving, with the inquiry id shown",
        LONG,
        || async {
            let closed = browser
                .js("return document.querySelector('iframe') === null;")
                .await
                == Value::Bool(true);
            if closed {
                browser.text("#inquiry-id").await
            } else {
                None
            }
        },
    )
    .await;
    assert!(inquiry.starts_with("inq_"), "{inquiry}");
    assert_eq!(creates(stack).await, 1, "one inquiry created");

    // Reload: the same inquiry, started, resumed, not a second one.
    reload_until(browser, stack, "pending").await;
    assert_eq!(
        browser.text("#inquiry-id").await.as_deref(),
        Some(inquiry.as_str())
    );
    let label = browser.text("#verify").await.unwrap_or_default();
    assert!(label.contains("Continue"), "the button says {label:?}");
    browser.click("#verify").await;
    browser.wait_element("iframe").await;
    let src = browser.attribute("iframe", "src").await.unwrap_or_default();
    assert!(
        src.contains(&format!("inquiry-id={inquiry}")) && src.contains("session-token="),
        "the flow does not resume {inquiry}: {src}"
    );
    browser.play_flow_until(FLOW_DONE, LONG).await;
    assert_eq!(
        browser.text("#inquiry-id").await.as_deref(),
        Some(inquiry.as_str())
    );
    assert_eq!(creates(stack).await, 1, "resuming created another inquiry");
    inquiry
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator, the app and chromedriver: cargo xtask test runs it"]
async fn a_person_verifies_and_is_approved() {
    let stack = Stack::start(Options {
        decision_ms: 4_000,
        ..Options::default()
    })
    .await;
    println!("app {}, simulator {}", stack.app_url, stack.simulator.url);
    let browser = Chromium::start().await;
    open(&browser, &stack).await;
    check_page(&browser, "signed-out").await;
    sign_in(&browser, "Ada Lovelace").await;
    check_page(&browser, "signed-in").await;

    // Persona's API is down: a clear message, no flow, nothing created.
    let (status, faults) = stack
        .sim_post("/__faults", json!({ "status": 500, "count": 10 }))
        .await;
    assert_eq!(status, 200, "{faults}");
    browser.click("#verify").await;
    browser.wait_element("#notice").await;
    let notice = browser.text("#notice").await.unwrap_or_default();
    assert!(
        notice.contains("cannot be reached right now"),
        "the notice says {notice:?}"
    );
    assert!(browser.text("iframe").await.is_none(), "a flow opened");
    // The server function's error answer (500, with the error as JSON) is the
    // one entry: Chrome logs every failed answer.
    check_page_expecting(
        &browser,
        "api-down",
        &["/api/start_verification - Failed to load resource: the server responded with a status of 500"],
    )
    .await;
    stack.clear_faults().await;

    let inquiry = start_leave_resume_complete(&browser, &stack, "Ada Lovelace").await;
    // The read after completion, or the webhook: `completed` first.
    let now = browser.attribute("#status-badge", "data-status").await;
    assert_eq!(now.as_deref(), Some("completed"), "right after the flow");
    check_page(&browser, "submitted").await;
    let source = reload_until(&browser, &stack, "approved").await;
    assert_eq!(source, "webhook", "approved came from the webhook");
    let meta = browser.text("#status-meta").await.unwrap_or_default();
    assert!(
        meta.contains("inquiry.approved") && meta.contains("UTC"),
        "the page says where the status came from: {meta:?}"
    );
    check_page(&browser, "approved").await;

    // The database holds it, and the events that brought it.
    let users = stack.users().await;
    assert_eq!(users.len(), 1, "{users:?}");
    let (status, bound, source) = users.values().next().cloned().unwrap_or_default();
    assert_eq!(
        (status.as_deref(), bound.as_deref(), source.as_deref()),
        (Some("approved"), Some(inquiry.as_str()), Some("webhook"))
    );
    let events = stored_events(&stack, &inquiry).await;
    for name in [
        "inquiry.created",
        "inquiry.started",
        "inquiry.completed",
        "inquiry.approved",
    ] {
        assert!(
            events.iter().any(|e| e == name),
            "{name} missing: {events:?}"
        );
    }
    // Once finished, there is nothing to resume: no button, no new inquiry.
    assert!(browser.text("#verify").await.is_none());
    assert_eq!(creates(&stack).await, 1);
    browser.close().await;
}

/// The journey with another scenario, ending `status` (the badge's label `label`).
async fn journey_ending(template: &str, status: &str, label: &str, screenshot: &str) {
    let stack = Stack::start(Options {
        template: template.into(),
        decision_ms: 1_000,
        ..Options::default()
    })
    .await;
    let browser = Chromium::start().await;
    let inquiry = start_leave_resume_complete(&browser, &stack, "Grace Hopper").await;
    let source = reload_until(&browser, &stack, status).await;
    assert_eq!(source, "webhook");
    assert_eq!(browser.text("#status-badge").await.as_deref(), Some(label));
    check_page(&browser, screenshot).await;
    let events = stored_events(&stack, &inquiry).await;
    assert!(
        events.iter().any(|e| e == "inquiry.completed"),
        "{events:?}"
    );
    let users = stack.users().await;
    let (stored, _, _) = users.values().next().cloned().unwrap_or_default();
    assert_eq!(stored.as_deref(), Some(status));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator, the app and chromedriver: cargo xtask test runs it"]
async fn a_person_verifies_and_is_declined() {
    journey_ending("itmpl_sim_declined", "declined", "Declined", "declined").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "needs the simulator, the app and chromedriver: cargo xtask test runs it"]
async fn a_person_verifies_and_waits_for_review() {
    journey_ending(
        "itmpl_sim_review",
        "needs_review",
        "Pending review",
        "pending-review",
    )
    .await;
}
