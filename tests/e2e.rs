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
    b.assert_quiet_console("through the journey").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_person_cancels_the_modal_with_escape_and_resumes_it() -> Result {
    let b = browser().await?;
    b.open_demo_with("happy").await?;
    b.click("#open-modal").await?;
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
    b.click("#resume").await?;
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
    b.assert_quiet_console("through the journey").await?;
    b.close().await
}

/// The `src` of the inline flow's iframe (empty when there is none).
async fn inline_src(b: &support::Browser) -> Result<String> {
    Ok(b.client
        .execute(
            "const f = document.querySelector('#inline-demo iframe'); return f ? f.src : '';",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// How many entries the event log shows.
async fn log_entries(b: &support::Browser) -> Result<u64> {
    b.client
        .execute(
            "return document.querySelectorAll('#event-log li').length;",
            vec![],
        )
        .await?
        .as_u64()
        .ok_or_else(|| "no count of the log's entries".into())
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
        // Only this scenario's evidence counts: an empty log, and its own new iframe.
        b.click("#clear-log").await?;
        let started = Instant::now();
        while log_entries(&b).await? > 0 {
            assert!(
                started.elapsed() < Duration::from_secs(5),
                "{scenario}: the log was never cleared"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let before = inline_src(&b).await?;
        b.select_scenario(scenario).await?;
        let template = format!("inquiry-template-id=itmpl_sim_{scenario}");
        let started = Instant::now();
        loop {
            let src = inline_src(&b).await?;
            if src != before && src.contains(&template) {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{scenario}: no new iframe with {template}, the src is {src}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        b.wait_signal("inline", "phase", "Errored").await?;
        let error = b.text("#signals-inline [data-signal=last_error]").await?;
        assert!(error.contains(code), "{scenario}: {error}");
        let on_error = "#event-log li[data-callback=on_error][data-instance=inline]";
        if let Err(e) = b.wait_for(on_error).await {
            return Err(format!("{scenario}: on_error never reached the log ({e})").into());
        }
        let logged = b.text(on_error).await?;
        assert!(
            logged.contains(&format!("\"{code}\"")),
            "{scenario}: the logged on_error is this scenario's: {logged}"
        );
        assert_eq!(
            b.client.find_all(Locator::Css(on_error)).await?.len(),
            1,
            "{scenario}: one on_error"
        );
        b.screenshot(&format!("error-{code}")).await?;
    }
    b.assert_quiet_console("through every error").await?;
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
    b.assert_quiet_console("through the journey").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn on_a_phone_the_modal_takes_the_whole_screen() -> Result {
    let b = browser().await?;
    b.client.set_window_size(390, 800).await?;
    b.open_demo_with("happy").await?;
    b.click("#open-modal").await?;
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
    // The sizes follow the viewport while the modal is open: a card on a
    // desktop-sized window, full screen again on a phone-sized one.
    let frame_and_window =
        "const r = document.querySelector('#modal-demo iframe').getBoundingClientRect();
             return [r.width, window.innerWidth];";
    b.client.set_window_size(1280, 900).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let wide = b.client.execute(frame_and_window, vec![]).await?;
    let (card, window) = (
        wide[0].as_f64().unwrap_or(0.0),
        wide[1].as_f64().unwrap_or(0.0),
    );
    assert!(card > 0.0 && card + 100.0 < window, "a card: {wide}");
    b.client.set_window_size(390, 800).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let narrow = b.client.execute(frame_and_window, vec![]).await?;
    assert!(
        (narrow[0].as_f64().unwrap_or(0.0) - narrow[1].as_f64().unwrap_or(-9.0)).abs() < 1.0,
        "full screen again: {narrow}"
    );
    b.assert_quiet_console("through the journey").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator, axe-core and chromedriver: run by `cargo xtask test`"]
async fn the_demo_has_no_serious_accessibility_violations_with_the_modal_closed_or_open_and_in_dark(
) -> Result {
    let b = browser().await?;
    b.open_demo_with("happy").await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=inline]")
        .await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=modal]")
        .await?;
    let closed = b.axe().await?;
    b.click("#open-modal").await?;
    b.wait_signal("modal", "is_open", "true").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let open = b.axe().await?;
    b.screenshot("axe-modal-open").await?;
    // The dark theme too.
    b.click("#modal-close").await?;
    b.wait_signal("modal", "is_open", "false").await?;
    b.click("#theme-toggle").await?;
    b.wait_for("html.dark").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let dark = b.axe().await?;
    let results = [
        support::assert_accessible("demo, modal closed", &closed),
        support::assert_accessible("demo, modal open", &open),
        support::assert_accessible("demo, dark theme", &dark),
    ];
    for result in results {
        result?;
    }
    b.assert_quiet_console("through the accessibility checks")
        .await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn the_demo_loads_with_no_console_warning_or_error() -> Result {
    let b = browser().await?;
    b.open_demo().await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=inline]")
        .await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=modal]")
        .await?;
    b.assert_quiet_console("on load").await?;
    b.close().await
}

/// Where focus is: `iframe` (in the flow), the id (or tag) of the focused
/// element inside the modal's dialog, or `OUTSIDE …`.
const FOCUS_PLACE: &str = "const dialog = document.querySelector('#modal-demo dialog');
    const a = document.activeElement;
    if (!a || !dialog.contains(a)) return 'OUTSIDE ' + (a ? a.tagName + '#' + a.id : 'nothing');
    return a.tagName === 'IFRAME' ? 'iframe' : (a.id || a.tagName);";

async fn focus_place(b: &support::Browser) -> Result<String> {
    Ok(b.client
        .execute(FOCUS_PLACE, vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

/// Presses Tab (or Shift+Tab) `presses` times; fails when focus ever leaves
/// the modal's dialog or never reaches the flow; returns where it went.
async fn tab_round(b: &support::Browser, shift: bool, presses: usize) -> Result<Vec<String>> {
    let name = if shift { "Shift+Tab" } else { "Tab" };
    let mut places = Vec::new();
    for _ in 0..presses {
        b.press(Key::Tab, shift).await?;
        tokio::time::sleep(Duration::from_millis(40)).await;
        places.push(focus_place(b).await?);
    }
    let outside = places.iter().filter(|p| p.starts_with("OUTSIDE")).count();
    let in_flow = places.iter().filter(|p| *p == "iframe").count();
    let mut stops: Vec<&String> = places.iter().filter(|p| *p != "iframe").collect();
    stops.sort();
    stops.dedup();
    println!(
        "keyboard: {presses} × {name}: {in_flow} in the flow's iframe, {} on the page inside the dialog {stops:?}, {outside} outside",
        presses - in_flow - outside
    );
    assert_eq!(outside, 0, "{name} left the dialog: {places:?}");
    assert!(in_flow > 0, "{name} reached the flow: {places:?}");
    Ok(places)
}

/// Focuses `css` (with a script: where a person would have tabbed to).
async fn focus(b: &support::Browser, css: &str) -> Result {
    b.client
        .execute(
            "document.querySelector(arguments[0]).focus();",
            vec![Value::from(css)],
        )
        .await?;
    Ok(())
}

async fn active_id(b: &support::Browser) -> Result<String> {
    Ok(b.client
        .execute("return document.activeElement.id;", vec![])
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

async fn dialog_state(b: &support::Browser, css: &str) -> Result<(bool, bool)> {
    let state = b
        .client
        .execute(
            "const d = document.querySelector(arguments[0]); return [d.open, d.matches(':modal')];",
            vec![Value::from(css)],
        )
        .await?;
    Ok((
        state[0].as_bool().unwrap_or(false),
        state[1].as_bool().unwrap_or(false),
    ))
}

/// Waits until `#open-modal` has focus again.
async fn wait_focus_on_opener(b: &support::Browser) -> Result {
    let started = Instant::now();
    while active_id(b).await? != "open-modal" {
        if started.elapsed() > Duration::from_secs(5) {
            return Err(format!("focus is on #{}, not the opener", active_id(b).await?).into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn the_keyboard_stays_in_the_open_modal_and_escape_closes_the_topmost_dialog() -> Result {
    let b = browser().await?;
    b.open_demo_with("happy").await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=modal]")
        .await?;
    // Open it from the keyboard: focus the button, press Enter.
    focus(&b, "#open-modal").await?;
    b.press(Key::Enter, false).await?;
    b.wait_signal("modal", "is_open", "true").await?;
    assert_eq!(
        focus_place(&b).await?,
        "iframe",
        "focus moved into the flow"
    );

    // 30 Tabs, then 30 Shift+Tabs: focus goes round the flow and the toolbar, never out.
    for shift in [false, true] {
        let places = tab_round(&b, shift, 30).await?;
        for id in [
            "modal-close",
            "modal-cancel",
            "modal-cancel-force",
            "modal-help",
        ] {
            assert!(
                places.iter().any(|p| p == id),
                "Tab reached #{id}: {places:?}"
            );
        }
    }
    b.wait_signal("modal", "is_open", "true").await?;

    // A second modal on top: the toolbar's help dialog. Escape closes it alone.
    focus(&b, "#modal-help").await?;
    b.press(Key::Enter, false).await?;
    assert_eq!(dialog_state(&b, "#handle-help").await?, (true, true));
    b.screenshot("keyboard-help-over-modal").await?;
    b.press(Key::Escape, false).await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        dialog_state(&b, "#handle-help").await?,
        (false, false),
        "Escape closed the topmost dialog"
    );
    assert_eq!(
        dialog_state(&b, "#modal-demo dialog.persona-inquiry__dialog").await?,
        (true, true),
        "and only that one"
    );
    assert_eq!(
        b.text("#signals-modal [data-signal=is_open]").await?,
        "true"
    );
    assert_eq!(
        active_id(&b).await?,
        "modal-help",
        "focus went back to the help button"
    );

    // Escape on the page (focus in the dialog, not in the flow) asks the loaded flow
    // to exit: the flow asks to confirm; leaving closes the modal.
    b.press(Key::Escape, false).await?;
    b.enter_flow("#modal-demo").await?;
    b.wait_for("#confirm-leave").await?.click().await?;
    b.leave_flow().await?;
    b.wait_signal("modal", "phase", "Cancelled").await?;
    b.wait_signal("modal", "is_open", "false").await?;
    wait_focus_on_opener(&b).await?;

    // A flow that has not loaded cannot be asked: Escape closes the modal at once.
    b.select_scenario("never_loads").await?;
    b.wait_signal("modal", "phase", "Loading").await?;
    focus(&b, "#open-modal").await?;
    b.press(Key::Enter, false).await?;
    b.wait_signal("modal", "is_open", "true").await?;
    // The restarted flow is a new iframe: focus still goes round.
    tab_round(&b, false, 10).await?;
    tab_round(&b, true, 10).await?;
    focus(&b, "#modal-close").await?;
    b.press(Key::Escape, false).await?;
    b.wait_signal("modal", "is_open", "false").await?;
    wait_focus_on_opener(&b).await?;
    b.assert_quiet_console("through the keyboard journey")
        .await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn the_handle_actions_are_in_the_open_dialog_clear_of_the_flow_header() -> Result {
    let b = browser().await?;
    for (width, height) in [(1280, 1000), (390, 800)] {
        b.client.set_window_size(width, height).await?;
        b.open_demo_with("happy").await?;
        b.wait_for("#event-log li[data-callback=on_ready][data-instance=modal]")
            .await?;
        b.click("#open-modal").await?;
        b.wait_signal("modal", "is_open", "true").await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let layout = b
            .client
            .execute(
                "const dialog = document.querySelector('#modal-demo dialog');
                 const bar = document.querySelector('#modal-toolbar');
                 const f = dialog.querySelector('iframe').getBoundingClientRect();
                 const t = bar.getBoundingClientRect();
                 const close = document.querySelector('#modal-close').getBoundingClientRect();
                 const hit = document.elementFromPoint(close.x + close.width / 2, close.y + close.height / 2);
                 const header = { top: f.top, bottom: f.top + 120, left: f.left, right: f.right };
                 const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                 return { inside: dialog.contains(bar), reachable: hit && hit.id === 'modal-close',
                          overHeader: meets(t, header), overFlow: meets(t, f) };",
                vec![],
            )
            .await?;
        println!("toolbar at {width}×{height}: {layout}");
        assert_eq!(
            layout["inside"], true,
            "rendered inside the dialog: {layout}"
        );
        assert_eq!(layout["reachable"], true, "nothing covers it: {layout}");
        assert_eq!(
            layout["overHeader"], false,
            "clear of the flow's header: {layout}"
        );
        if width >= 1000 {
            assert_eq!(
                layout["overFlow"], false,
                "beside the flow's card: {layout}"
            );
        }
        b.screenshot(&format!("modal-toolbar-{width}")).await?;
        // A real click on it works while the modal is open (it is not inert).
        b.click("#modal-close").await?;
        b.wait_signal("modal", "is_open", "false").await?;
    }
    b.assert_quiet_console("with the toolbar").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo and chromedriver: run by `cargo xtask test`"]
async fn a_custom_host_from_the_url_loads_only_once_confirmed() -> Result {
    // The name resolves nowhere, so nothing leaves this machine even once confirmed.
    let b =
        support::browser_with(&["--host-resolver-rules=MAP verify.example.test ~NOTFOUND"]).await?;
    let base = support::demo_url();
    b.client
        .goto(&format!(
            "{base}?host=verify.example.test&template=itmpl_custom"
        ))
        .await?;
    b.wait_for("#confirm-host").await?;
    let frames = b
        .client
        .execute("return document.querySelectorAll('iframe').length;", vec![])
        .await?;
    assert_eq!(frames, 0, "no flow and no preload before the confirmation");
    assert_eq!(
        b.text("#confirm-host-origin").await?,
        "https://verify.example.test"
    );
    b.screenshot("custom-host-confirm").await?;
    b.click("#confirm-host-load").await?;
    let banner = b.wait_for("#config-custom-host").await?.text().await?;
    assert!(
        banner.contains("https://verify.example.test"),
        "the banner names the host: {banner}"
    );
    let src = b
        .wait_for("#inline-demo iframe")
        .await?
        .attr("src")
        .await?
        .unwrap_or_default();
    assert!(
        src.starts_with("https://verify.example.test/widget?"),
        "{src}"
    );

    // Persona's named hosts and loopback origins need no confirmation.
    let simulator = std::env::var("PERSONA_SIMULATOR_URL")
        .expect("PERSONA_SIMULATOR_URL names the simulator (cargo xtask test sets it)");
    b.client
        .goto(&format!("{base}?host={simulator}&template=itmpl_sim_happy"))
        .await?;
    b.wait_for("#config-persona").await?;
    b.wait_for("#inline-demo iframe").await?;
    assert!(b.client.find(Locator::Css("#confirm-host")).await.is_err());
    b.close().await
}

/// The flow simulator's request counters (`GET /__stats`).
fn simulator_stats() -> Result<Value> {
    let simulator = std::env::var("PERSONA_SIMULATOR_URL")
        .expect("PERSONA_SIMULATOR_URL names the simulator (cargo xtask test sets it)");
    Ok(serde_json::from_str(&support::http(
        "GET",
        &format!("{simulator}/__stats"),
    )?)?)
}

/// The container id of the `<PersonaInquiry>` inside `section` (`#inline-demo`, …).
async fn container_id(b: &support::Browser, section: &str) -> Result<String> {
    let id = b
        .client
        .execute(
            "const e = document.querySelector(arguments[0] + ' [data-container-id]');
             return e ? e.dataset.containerId : '';",
            vec![Value::from(section)],
        )
        .await?;
    let id = id.as_str().unwrap_or_default().to_owned();
    assert!(id.starts_with("persona-inquiry-"), "{section}: {id:?}");
    Ok(id)
}

/// How many `/widget` requests the simulator saw for `container`.
fn widget_requests(stats: &Value, container: &str) -> u64 {
    stats["by_container"][container].as_u64().unwrap_or(0)
}

/// The `src` of the flow iframe in `section` (empty when there is none).
async fn frame_src(b: &support::Browser, section: &str) -> Result<String> {
    Ok(b.client
        .execute(
            "const f = document.querySelector(arguments[0] + ' iframe'); return f ? f.src : '';",
            vec![Value::from(section)],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn each_scenario_change_loads_each_flow_once() -> Result {
    let b = browser().await?;
    b.open_demo().await?;
    for instance in ["inline", "modal"] {
        b.wait_for(&format!(
            "#event-log li[data-callback=on_ready][data-instance={instance}]"
        ))
        .await?;
    }
    let sections = ["#inline-demo", "#modal-demo"];
    let mut ids = Vec::new();
    for section in sections {
        ids.push(container_id(&b, section).await?);
    }
    let mut before = simulator_stats()?;
    for (section, id) in sections.iter().zip(&ids) {
        assert_eq!(
            widget_requests(&before, id),
            1,
            "{section}: one /widget request for the first flow: {before}"
        );
    }
    // The first change of scenario, then two more: each is one new flow per
    // container, so one /widget request each.
    for scenario in ["fail", "prefill", "happy"] {
        b.select_scenario(scenario).await?;
        let template = format!("inquiry-template-id=itmpl_sim_{scenario}");
        let started = Instant::now();
        for section in sections {
            while !frame_src(&b, section).await?.contains(&template) {
                assert!(
                    started.elapsed() < Duration::from_secs(20),
                    "{section}: no iframe for {scenario}"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        // Both new flows loaded (a scenario may go on past `Ready` by itself).
        for instance in ["inline", "modal"] {
            let css = format!("#signals-{instance} [data-signal=phase]");
            while matches!(b.text(&css).await?.trim(), "" | "Loading") {
                assert!(
                    started.elapsed() < Duration::from_secs(20),
                    "{instance}: the {scenario} flow never loaded"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        // Time for a late second request to arrive.
        tokio::time::sleep(Duration::from_millis(1_000)).await;
        let after = simulator_stats()?;
        for (section, id) in sections.iter().zip(&ids) {
            assert_eq!(
                widget_requests(&after, id) - widget_requests(&before, id),
                1,
                "{section} ({id}): one /widget request for the {scenario} flow; \
                 the simulator's log: {}",
                after["widget_log"]
            );
        }
        before = after;
    }
    b.assert_quiet_console("through the scenario changes")
        .await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo and chromedriver: run by `cargo xtask test`"]
async fn the_inline_badge_writes_max_height_as_the_readme_teaches() -> Result {
    // README.md teaches `max_height=900` (an integer, as in JavaScript);
    // the badge over the inline example says the same.
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))?;
    assert!(
        readme.contains("`max_height=900`"),
        "README.md teaches max_height=900"
    );
    let b = browser().await?;
    b.open_demo().await?;
    let badge = b.text("#inline-title .pill").await?;
    assert_eq!(badge, "<PersonaInquiry max_height=900 />");
    // The code shown under the example passes the same constant.
    let code = b.text("#code-inline code").await?;
    assert!(code.contains("max_height=MAX_HEIGHT"), "{code}");
    assert!(code.contains("MAX_HEIGHT: u32 = 900;"), "{code}");
    b.close().await
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_resumed_modal_gives_way_to_a_new_scenario_in_one_load() -> Result {
    let b = browser().await?;
    b.open_demo().await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=modal]")
        .await?;
    // Begin in the modal (the inquiry is created), leave, resume.
    b.click("#open-modal").await?;
    b.wait_signal("modal", "is_open", "true").await?;
    b.enter_flow("#modal-demo").await?;
    b.wait_for("[data-primary]").await?.click().await?;
    b.wait_for("[data-primary]").await?;
    b.client
        .active_element()
        .await?
        .send_keys(&Key::Escape.to_string())
        .await?;
    b.wait_for("#confirm-leave").await?.click().await?;
    b.leave_flow().await?;
    b.wait_signal("modal", "phase", "Cancelled").await?;
    b.click("#resume").await?;
    b.wait_signal("modal", "is_open", "true").await?;
    let resumed = frame_src(&b, "#modal-demo").await?;
    assert!(resumed.contains("inquiry-id=inq_sim_"), "{resumed}");
    b.click("#modal-close").await?;
    b.wait_signal("modal", "is_open", "false").await?;
    b.wait_for("#event-log li[data-callback=on_ready][data-instance=modal]")
        .await?;
    tokio::time::sleep(Duration::from_millis(500)).await;

    // Another scenario: the resumed inquiry gives way to the new template's flow.
    let id = container_id(&b, "#modal-demo").await?;
    let before = widget_requests(&simulator_stats()?, &id);
    b.select_scenario("fail").await?;
    let started = Instant::now();
    let src = loop {
        let src = frame_src(&b, "#modal-demo").await?;
        if src.contains("inquiry-template-id=itmpl_sim_fail") {
            break src;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the resumed flow never gave way: {src}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(!src.contains("inquiry-id="), "{src}");
    b.wait_signal("modal", "phase", "Ready").await?;
    tokio::time::sleep(Duration::from_millis(1_000)).await;
    let stats = simulator_stats()?;
    assert_eq!(
        widget_requests(&stats, &id) - before,
        1,
        "one /widget request for the new flow: {}",
        stats["widget_log"]
    );
    b.assert_quiet_console("through the resume and the new scenario")
        .await?;
    b.close().await
}
