//! The red team: hostile frames and windows on other loopback origins try to forge
//! the flow's callbacks on the server-rendered example's `/red-team` page, in
//! headless Chromium. Each attack counts the forged callbacks, the uncaught
//! exceptions and the console errors (all must be 0), and ends with a positive
//! control: the same forged message posted by the real flow's window is accepted,
//! so a harness that saw nothing cannot pass.
//!
//! `cargo xtask test` starts the flow simulator (whose `/red-team/attacker` page is
//! the hostile frame on the flow's origin, or on `localhost`, another origin), an
//! instance of the SSR example for the red team, the wasm-delayed instance (for the
//! flood) and a static server of `tests/red_team_pages/` (the framing and opening
//! pages), and runs these with `--ignored`. Each test prints one `red team:` line,
//! the rows of the README's table.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::{Duration, Instant};

use serde_json::{json, Value};
use support::{browser, Browser, Result};

/// The page's container id and template id (the red-team page's only inquiry): the
/// page gives its inquiry this id, known to every attacker, unless `?default-id`.
const CONTAINER: &str = "persona-inquiry-red-team";
const TEMPLATE: &str = "itmpl_sim_happy";
/// The component's own flow iframe on the red-team page.
const FLOW: &str = "#red-team iframe.persona-widget__iframe";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} must be set (cargo xtask test sets it)"))
}

fn red_team_page(query: &str) -> String {
    format!("{}/red-team?{query}", env("PERSONA_SSR_RED_TEAM_URL"))
}

/// The simulator on another origin: `localhost` for `127.0.0.1`.
fn other_origin() -> String {
    env("PERSONA_SIMULATOR_URL").replace("127.0.0.1", "localhost")
}

fn attacker(origin: &str, target: &str) -> String {
    format!(
        "{origin}/red-team/attacker?target={target}&container={CONTAINER}&template={TEMPLATE}&count=5&rounds=20&interval=100"
    )
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// The red-team inquiry's callback log, in the current browsing context.
async fn log(b: &Browser) -> Result<Vec<String>> {
    let entries = b
        .client
        .execute(
            "return Array.from(document.querySelectorAll('#red-team li'), e => e.textContent);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(entries)?)
}

/// Waits until the log holds `entry` (the app is hydrated once it holds `on_ready`).
async fn wait_log(b: &Browser, entry: &str) -> Result<Vec<String>> {
    let started = Instant::now();
    loop {
        let entries = log(b).await.unwrap_or_default();
        if entries.iter().any(|e| e == entry) {
            return Ok(entries);
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("waited for {entry:?}; the log is {entries:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Callbacks an attacker could have forged: every `load`, `complete`, `fail`,
/// `exit` and `error` callback or event in `log`, less the `real` ones the flow
/// itself sent (each absorbs one entry).
fn forged_callbacks(log: &[String], real: &[&str]) -> usize {
    let suspicious = |e: &&String| {
        ["on_load", "on_complete", "on_cancel", "on_error"]
            .iter()
            .any(|p| e.starts_with(p))
            || ["load", "complete", "fail", "exit", "error"]
                .iter()
                .any(|n| **e == format!("on_event:{n}"))
    };
    let mut real: Vec<&str> = real.to_vec();
    log.iter()
        .filter(suspicious)
        .filter(|e| match real.iter().position(|r| r == e) {
            Some(i) => {
                real.remove(i);
                false
            }
            None => true,
        })
        .count()
}

/// What the manual flow sends by itself before anyone clicks.
const REAL_BEFORE_CLICKS: &[&str] = &["on_event:load", "on_load"];

/// The page's uncaught exceptions and its console problems (console errors and
/// warnings, CSP violations, failed resources), in the current browsing context.
async fn problems(b: &Browser) -> Result<(Vec<String>, Vec<String>)> {
    let all = b
        .client
        .execute(
            "return (window.__consoleProblems || ['no console recorder']).concat(performance.getEntriesByType('resource')
                .filter(r => r.responseStatus >= 400).map(r => 'HTTP ' + r.responseStatus + ' ' + r.name));",
            vec![],
        )
        .await?;
    let all: Vec<String> = serde_json::from_value(all)?;
    Ok(all.into_iter().partition(|p| p.starts_with("uncaught:")))
}

/// An attacker page's report (`window.__attack`) once it is done, in the current
/// browsing context: how many messages it sent, and its own errors.
async fn attack_report(b: &Browser) -> Result<(u64, Vec<String>, u64)> {
    let started = Instant::now();
    loop {
        let report = b
            .client
            .execute("return window.__attack || null;", vec![])
            .await
            .unwrap_or(Value::Null);
        if report["done"] == json!(true) {
            let errors = serde_json::from_value(report["errors"].clone())?;
            return Ok((
                report["sent"].as_u64().unwrap_or(0),
                errors,
                report["lastAt"].as_u64().unwrap_or(0),
            ));
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("the attacker never finished: {report}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Enters the iframe matching `css` in the current browsing context.
async fn enter(b: &Browser, css: &str) -> Result {
    b.wait_for(css).await?.enter_frame().await?;
    Ok(())
}

/// Back to the top of the current window.
async fn top(b: &Browser) -> Result {
    let window = b.client.window().await?;
    b.client.switch_to_window(window).await?;
    Ok(())
}

/// The positive control, from the app's browsing context: the flow's own window
/// posts the attackers' forged `complete`, which must be accepted and logged.
async fn positive_control(b: &Browser) -> Result<usize> {
    enter(b, FLOW).await?;
    b.client
        .execute(
            "parent.postMessage({containerId: arguments[0], templateId: arguments[1], name: 'complete',
                metadata: {inquiryId: 'inq_forged', status: 'forged', fields: {}}}, '*');",
            vec![json!(CONTAINER), json!(TEMPLATE)],
        )
        .await?;
    b.client.enter_parent_frame().await?;
    let log = wait_log(b, "on_complete:forged").await?;
    Ok(forged_callbacks(&log, REAL_BEFORE_CLICKS))
}

/// The app's page after an attack, read in its browsing context: the callback
/// log, the uncaught exceptions and the console problems.
struct AfterAttack {
    entries: Vec<String>,
    exceptions: Vec<String>,
    console_errors: Vec<String>,
}

async fn after_attack(b: &Browser) -> Result<AfterAttack> {
    let entries = log(b).await?;
    let (exceptions, console_errors) = problems(b).await?;
    Ok(AfterAttack {
        entries,
        exceptions,
        console_errors,
    })
}

impl AfterAttack {
    /// Prints the attack's row of the README's table, then asserts: the attacker
    /// sent messages, no callback was forged (beyond the flow's own `real` ones),
    /// the page stayed clean, and the positive control (`control` callbacks) was
    /// accepted.
    fn check(self, attack: &str, sent: u64, real: &[&str], control: usize) {
        let forged = forged_callbacks(&self.entries, real);
        println!(
            "red team: {attack}: {sent} forged messages sent, {forged} forged callbacks, {} uncaught exceptions, {} console errors; positive control: {control} callbacks",
            self.exceptions.len(),
            self.console_errors.len(),
        );
        assert!(sent > 0, "{attack}: the attacker sent nothing");
        assert_eq!(
            forged, 0,
            "{attack}: forged callbacks in {:?}",
            self.entries
        );
        assert!(
            self.exceptions.is_empty(),
            "{attack}: uncaught exceptions {:?}",
            self.exceptions
        );
        assert!(
            self.console_errors.is_empty(),
            "{attack}: console errors {:?}",
            self.console_errors
        );
        assert!(
            control > 0,
            "{attack}: the positive control was not accepted"
        );
    }
}

/// A hostile frame rendered beside the inquiry (`?attack=`), posting to its parent.
async fn sibling(attack: &'static str) -> Result {
    let b = browser().await?;
    b.client
        .goto(&red_team_page(&format!("attack={attack}")))
        .await?;
    wait_log(&b, "on_ready").await?;
    enter(&b, "iframe#red-team-attacker").await?;
    let (sent, attacker_errors, _) = attack_report(&b).await?;
    top(&b).await?;
    assert!(attacker_errors.is_empty(), "{attacker_errors:?}");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seen = after_attack(&b).await?;
    let control = positive_control(&b).await?;
    seen.check(attack, sent, REAL_BEFORE_CLICKS, control);
    b.close().await
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_sibling_frame_on_the_flows_origin_cannot_forge_callbacks() -> Result {
    sibling("sibling").await
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_sibling_frame_on_another_origin_cannot_forge_callbacks() -> Result {
    sibling("sibling-other-origin").await
}

/// The names of the messages the simulated flow in the current browsing
/// context has posted, in order (none when it is not the simulator's flow).
async fn sim_posted(b: &Browser) -> Result<Vec<String>> {
    let names = b
        .client
        .execute(
            "return ((window.__sim || {}).posted || []).map(m => m.name);",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(names)?)
}

/// A second flow iframe with the inquiry's container id and class, playing `fail`
/// to its end by itself (`load` … `fail`, with the right container and template ids).
async fn copied_flow(attack: &'static str) -> Result {
    let b = browser().await?;
    b.client
        .goto(&red_team_page(&format!("attack={attack}")))
        .await?;
    wait_log(&b, "on_ready").await?;
    enter(&b, "iframe[data-attack]").await?;
    let started = Instant::now();
    let sent = loop {
        let posted = sim_posted(&b).await?;
        if posted.iter().any(|n| n == "fail") {
            break posted.len() as u64;
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err("the copied flow never finished".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    top(&b).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seen = after_attack(&b).await?;
    let control = positive_control(&b).await?;
    seen.check(attack, sent, REAL_BEFORE_CLICKS, control);
    b.close().await
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_second_flow_iframe_with_a_copied_container_id_cannot_forge_callbacks() -> Result {
    copied_flow("copy").await
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_copied_flow_iframe_on_another_origin_cannot_forge_callbacks() -> Result {
    copied_flow("copy-other-origin").await
}

/// A hostile top-level page of the red team's static server, given the app's URL.
fn hostile_page(page: &str) -> String {
    format!(
        "{}/{page}?app={}&container={CONTAINER}&template={TEMPLATE}&rounds=40&interval=100",
        env("PERSONA_RED_TEAM_PAGES_URL"),
        encode(&red_team_page(""))
    )
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_page_framing_the_app_cannot_forge_callbacks() -> Result {
    let b = browser().await?;
    b.client.goto(&hostile_page("framer.html")).await?;
    enter(&b, "iframe#app").await?;
    wait_log(&b, "on_ready").await?;
    top(&b).await?;
    let still_sending = !b
        .client
        .execute("return window.__attack.done;", vec![])
        .await?
        .as_bool()
        .unwrap_or(true);
    assert!(
        still_sending,
        "the framer must still be posting after hydration"
    );
    let (sent, attacker_errors, _) = attack_report(&b).await?;
    assert!(attacker_errors.is_empty(), "{attacker_errors:?}");
    enter(&b, "iframe#app").await?;
    let seen = after_attack(&b).await?;
    let control = positive_control(&b).await?;
    seen.check("framing page", sent, REAL_BEFORE_CLICKS, control);
    b.close().await
}

/// Switches to the window other than `known`, once there is one.
async fn other_window(b: &Browser, known: &fantoccini::wd::WindowHandle) -> Result {
    let started = Instant::now();
    loop {
        if let Some(w) = b.client.windows().await?.into_iter().find(|w| w != known) {
            b.client.switch_to_window(w).await?;
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(20) {
            return Err("no second window opened".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn the_pages_opener_cannot_forge_callbacks() -> Result {
    let b = browser().await?;
    b.client.goto(&hostile_page("opener.html")).await?;
    let opener = b.client.window().await?;
    other_window(&b, &opener).await?;
    let app = b.client.window().await?;
    wait_log(&b, "on_ready").await?;
    b.client.switch_to_window(opener).await?;
    let (sent, attacker_errors, _) = attack_report(&b).await?;
    assert!(attacker_errors.is_empty(), "{attacker_errors:?}");
    b.client.switch_to_window(app).await?;
    let seen = after_attack(&b).await?;
    let control = positive_control(&b).await?;
    seen.check("opener", sent, REAL_BEFORE_CLICKS, control);
    b.close().await
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_popup_the_page_opened_cannot_forge_callbacks() -> Result {
    let b = browser().await?;
    b.client.goto(&red_team_page("")).await?;
    wait_log(&b, "on_ready").await?;
    let app = b.client.window().await?;
    // The page opens a popup on the flow's origin, which posts to its opener.
    b.client
        .execute(
            "window.open(arguments[0], 'red-team-popup');",
            vec![json!(attacker(&env("PERSONA_SIMULATOR_URL"), "opener"))],
        )
        .await?;
    other_window(&b, &app).await?;
    let (sent, attacker_errors, _) = attack_report(&b).await?;
    assert!(attacker_errors.is_empty(), "{attacker_errors:?}");
    b.client.switch_to_window(app).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let seen = after_attack(&b).await?;
    let control = positive_control(&b).await?;
    seen.check("popup", sent, REAL_BEFORE_CLICKS, control);
    b.close().await
}

/// Navigates the inquiry's flow iframe (from inside, as a link in the flow would) to
/// `url`, and returns the attacker's report once it has posted everything.
async fn navigate_flow_to(b: &Browser, url: &str) -> Result<u64> {
    enter(b, FLOW).await?;
    b.client
        .execute("location.href = arguments[0];", vec![json!(url)])
        .await?;
    top(b).await?;
    let started = Instant::now();
    loop {
        enter(b, FLOW).await?;
        let here = b.client.execute("return location.href;", vec![]).await?;
        if here.as_str() == Some(url) {
            break;
        }
        top(b).await?;
        if started.elapsed() > Duration::from_secs(20) {
            return Err(format!("the flow iframe never reached {url}: {here}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (sent, attacker_errors, _) = attack_report(b).await?;
    assert!(attacker_errors.is_empty(), "{attacker_errors:?}");
    top(b).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    Ok(sent)
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_document_of_another_origin_navigated_into_the_flow_iframe_cannot_forge_callbacks(
) -> Result {
    let b = browser().await?;
    b.client.goto(&red_team_page("")).await?;
    wait_log(&b, "on_ready").await?;
    let sent = navigate_flow_to(&b, &attacker(&other_origin(), "parent")).await?;
    let seen = after_attack(&b).await?;
    // The control: the same iframe navigated to the same page on the flow's own
    // origin is the flow (its origin is the one the inquiry trusts), and is heard.
    navigate_flow_to(&b, &attacker(&env("PERSONA_SIMULATOR_URL"), "parent")).await?;
    let control = forged_callbacks(
        &wait_log(&b, "on_complete:forged").await?,
        REAL_BEFORE_CLICKS,
    );
    seen.check(
        "navigated into the flow iframe (another origin)",
        sent,
        REAL_BEFORE_CLICKS,
        control,
    );
    b.close().await
}

/// A genuine flow of the simulator's, autoplayed to its end, for container `id`,
/// posting to the red-team page's origin.
fn genuine_flow(id: &str) -> String {
    let app = env("PERSONA_SSR_RED_TEAM_URL");
    format!(
        "{}/widget?client-version=5.9.0&container-id={id}&flow-type=inline&inquiry-template-id={TEMPLATE}\
         &environment-id=env_sim_autoplay&iframe-origin={}",
        env("PERSONA_SIMULATOR_URL"),
        encode(&app)
    )
}

/// From the framing page, loads `url` into the app's flow iframe, waits until
/// that flow has posted its `complete`, and returns how many messages it posted.
async fn load_into_flow(b: &Browser, url: &str) -> Result<u64> {
    top(b).await?;
    b.client
        .execute("navigateFlow(arguments[0]);", vec![json!(url)])
        .await?;
    let started = Instant::now();
    loop {
        enter(b, "iframe#app").await?;
        enter(b, FLOW).await?;
        let here = b.client.execute("return location.href;", vec![]).await?;
        let posted = if here.as_str() == Some(url) {
            sim_posted(b).await?
        } else {
            Vec::new()
        };
        top(b).await?;
        if posted.iter().any(|n| n == "complete") {
            tokio::time::sleep(Duration::from_millis(300)).await;
            return Ok(posted.len() as u64);
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(
                format!("the flow loaded into the iframe never completed: {posted:?}").into(),
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_framing_page_cannot_load_a_genuine_flow_of_its_own_into_the_flow_iframe() -> Result {
    let b = browser().await?;
    let page = format!(
        "{}/navigator.html?app={}",
        env("PERSONA_RED_TEAM_PAGES_URL"),
        encode(&red_team_page("default-id"))
    );
    b.client.goto(&page).await?;
    enter(&b, "iframe#app").await?;
    wait_log(&b, "on_ready").await?;
    let ours = b
        .client
        .execute(
            "return document.querySelector('#red-team [data-container-id]').dataset.containerId;",
            vec![],
        )
        .await?;
    let ours = ours.as_str().unwrap_or_default().to_owned();
    assert!(
        ours.starts_with("persona-inquiry-") && ours.len() == "persona-inquiry-".len() + 20,
        "a random container id: {ours:?}"
    );
    // The attacker guesses an id (the first one a counter would give) and loads a
    // genuine flow, on the trusted origin, into our iframe: it plays to `complete`.
    let sent = load_into_flow(&b, &genuine_flow("persona-inquiry-0")).await?;
    enter(&b, "iframe#app").await?;
    let seen = after_attack(&b).await?;
    // The control: the same flow with the id it could not know is accepted.
    load_into_flow(&b, &genuine_flow(&ours)).await?;
    enter(&b, "iframe#app").await?;
    let control = forged_callbacks(
        &wait_log(&b, "on_complete:completed").await?,
        REAL_BEFORE_CLICKS,
    );
    seen.check(
        "framing page loads a genuine flow into the flow iframe (guessed container id)",
        sent,
        REAL_BEFORE_CLICKS,
        control,
    );
    b.close().await
}

#[tokio::test]
#[ignore = "needs the running SSR example (wasm delayed) and simulator: run by `cargo xtask test`"]
async fn a_flood_before_hydration_neither_forges_nor_pushes_the_flow_out() -> Result {
    let b = browser().await?;
    b.client
        .goto(&format!(
            "{}/red-team?attack=flood&autoplay",
            env("PERSONA_SSR_SLOW_URL")
        ))
        .await?;
    wait_log(&b, "on_complete:completed").await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let seen = after_attack(&b).await?;
    let entries = &seen.entries;
    let wasm_end = b
        .client
        .execute(
            "const w = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm'));
             return w ? performance.timeOrigin + w.responseEnd : null;",
            vec![],
        )
        .await?
        .as_f64()
        .ok_or("no wasm download")?;
    enter(&b, "iframe#red-team-attacker").await?;
    let (sent, attacker_errors, last_at) = attack_report(&b).await?;
    top(&b).await?;
    assert!(attacker_errors.is_empty(), "{attacker_errors:?}");
    assert_eq!(sent, 5_000);
    assert!(
        (last_at as f64) < wasm_end,
        "the flood must be over before the wasm arrived: flood {last_at}, wasm {wasm_end}"
    );
    let completes = entries
        .iter()
        .filter(|e| e.starts_with("on_complete"))
        .count();
    assert_eq!(completes, 1, "on_complete exactly once: {entries:?}");
    assert!(
        !entries.iter().any(|e| e.contains("load_timeout")),
        "{entries:?}"
    );
    // The control is the real flow itself: its load, ready and complete, sent while
    // the wasm was held back, were kept through the flood and accepted.
    let real = [
        "on_event:load",
        "on_load",
        "on_event:complete",
        "on_complete:completed",
    ];
    let control = real
        .iter()
        .filter(|r| entries.iter().any(|e| e == *r))
        .count();
    assert_eq!(control, real.len(), "{entries:?}");
    seen.check(
        "flood before hydration (5,000 messages)",
        sent,
        &real,
        control,
    );
    b.close().await
}
