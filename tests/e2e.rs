//! End to end: the built demo site in headless Chromium, driven through WebDriver
//! like a person would use it, against the flow simulator.
//!
//! These tests need the demo built and served, the simulator running and
//! chromedriver installed: `cargo xtask test` arranges all of it and runs them
//! with `--ignored`. Each journey saves a screenshot under
//! `target/e2e-screenshots/`.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;
use support::{browser, Result};

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_person_completes_a_verification_inline() -> Result {
    let b = browser().await?;
    b.open_demo_with("happy").await?;
    b.enter_flow("#inline-demo").await?;
    b.click_through("#result-done").await?;
    b.leave_flow().await?;
    b.wait_signal("inline", "phase", "Completed").await?;
    let inquiry = b.text("#signals-inline [data-signal=inquiry_id]").await?;
    assert!(inquiry.contains("inq_sim_"), "{inquiry}");
    assert!(b.log_has("on_complete", "inline").await);
    b.screenshot("inline-completed").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_person_cancels_the_modal_with_escape_and_resumes_it() -> Result {
    let b = browser().await?;
    b.open_demo_with("happy").await?;
    b.client
        .find(Locator::Css("#open-modal"))
        .await?
        .click()
        .await?;
    b.wait_signal("modal", "is_open", "true").await?;
    b.enter_flow("#modal-demo").await?;
    // Begin: the inquiry is created.
    b.wait_for("[data-primary]").await?.click().await?;
    b.wait_for("[data-primary]").await?;
    b.screenshot("modal-open").await?;
    // Escape inside the flow asks to leave; the person confirms.
    b.client
        .active_element()
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    b.wait_for("#confirm-leave").await?.click().await?;
    b.leave_flow().await?;
    b.wait_signal("modal", "phase", "Cancelled").await?;
    b.wait_signal("modal", "is_open", "false").await?;
    let inquiry = b.text("#signals-modal [data-signal=inquiry_id]").await?;
    let token = b.text("#signals-modal [data-signal=session_token]").await?;
    assert!(
        inquiry.contains("inq_sim_") && token.contains("sess_sim_"),
        "{inquiry} {token}"
    );
    assert!(b.log_has("on_cancel", "modal").await);
    b.screenshot("modal-cancelled").await?;

    // Resume with the returned inquiry id and session token.
    b.client
        .find(Locator::Css("#resume"))
        .await?
        .click()
        .await?;
    b.wait_signal("modal", "is_open", "true").await?;
    b.enter_flow("#modal-demo").await?;
    b.click_through("#result-done").await?;
    b.leave_flow().await?;
    b.wait_signal("modal", "phase", "Completed").await?;
    assert_eq!(
        b.text("#signals-modal [data-signal=inquiry_id]").await?,
        inquiry,
        "the same inquiry completed"
    );
    b.screenshot("modal-resumed-completed").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_person_hits_each_error() -> Result {
    let b = browser().await?;
    b.open_demo().await?;
    for (scenario, code) in [
        ("error_application_error", "application_error"),
        ("error_invalid_config", "invalid_config"),
        ("error_unauthenticated", "unauthenticated"),
        ("error_inactive_template", "inactive_template"),
        ("error_unknown", "unknown"),
    ] {
        b.select_scenario(scenario).await?;
        b.wait_signal("inline", "phase", "Errored").await?;
        let error = b.text("#signals-inline [data-signal=last_error]").await?;
        assert!(error.contains(code), "{scenario}: {error}");
        assert!(b.log_has("on_error", "inline").await);
        b.screenshot(&format!("error-{code}")).await?;
    }
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_person_watches_the_inline_flow_change_height() -> Result {
    let b = browser().await?;
    b.open_demo_with("happy").await?;
    // Record every height the inline iframe takes.
    b.client
        .execute(
            "const frame = document.querySelector('#inline-demo iframe');
             window.__heights = [frame.getBoundingClientRect().height];
             new MutationObserver(() => window.__heights.push(frame.getBoundingClientRect().height))
               .observe(frame, { attributes: true, attributeFilter: ['style'] });",
            vec![],
        )
        .await?;
    b.enter_flow("#inline-demo").await?;
    let mut shots = 0;
    let started = Instant::now();
    while b.client.find(Locator::Css("#result-done")).await.is_err() {
        if let Ok(button) = b.client.find(Locator::Css("[data-primary]")).await {
            let _ = button.click().await;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        if shots < 1 && b.client.find(Locator::Css("[data-primary]")).await.is_ok() {
            b.leave_flow().await?;
            b.screenshot("height-mid-flow").await?;
            b.enter_flow("#inline-demo").await?;
            shots += 1;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the flow never finished"
        );
    }
    b.leave_flow().await?;
    b.wait_signal("inline", "phase", "Completed").await?;
    let heights: Vec<f64> = b
        .client
        .execute("return window.__heights;", vec![])
        .await?
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let max = heights.iter().cloned().fold(0.0, f64::max);
    let last = heights.last().cloned().unwrap_or(0.0);
    assert!(
        heights.len() >= 3,
        "the height changed with the pages: {heights:?}"
    );
    assert!(max >= 640.0 && last < max, "grew, then shrank: {heights:?}");
    b.screenshot("height-final").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn on_a_phone_the_modal_takes_the_whole_screen() -> Result {
    let b = browser().await?;
    b.client.set_window_size(390, 800).await?;
    b.open_demo_with("happy").await?;
    b.client
        .find(Locator::Css("#open-modal"))
        .await?
        .click()
        .await?;
    b.wait_signal("modal", "is_open", "true").await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sizes = b
        .client
        .execute(
            "const r = document.querySelector('#modal-demo iframe').getBoundingClientRect();
             return [r.width, r.height, window.innerWidth, window.innerHeight];",
            vec![],
        )
        .await?;
    let get = |i: usize| sizes[i].as_f64().unwrap_or(0.0);
    assert!(
        (get(0) - get(2)).abs() < 1.0 && (get(1) - get(3)).abs() < 1.0,
        "full screen: {sizes}"
    );
    b.screenshot("modal-on-a-phone").await?;
    b.close().await
}
