//! End to end: the server-rendered example (`examples/ssr`) in headless Chromium,
//! against the flow simulator. `cargo xtask test` builds and starts two instances
//! of the example server (one delaying its wasm) and runs these with `--ignored`.
//! Every journey fails on a console warning or error seen by either reader: the
//! page's own recorder (`window.__consoleProblems`) or Chrome's log of the
//! console; `a_console_warning_on_a_server_rendered_page_fails_the_journey` is
//! their positive control.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::time::Duration;

use fantoccini::Locator;
use serde_json::Value;
use support::{assert_accessible, browser, http, median, Browser, Result};

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("{name} must be set (cargo xtask test sets it)"))
}

/// Waits until `#{section} [data-signal=phase]` reads `want`.
async fn wait_phase(b: &Browser, section: &str, want: &str) -> Result {
    let css = format!("#{section} [data-signal=phase]");
    let started = std::time::Instant::now();
    loop {
        let phase = b.text(&css).await.unwrap_or_default();
        if phase == want {
            return Ok(());
        }
        if started.elapsed() > Duration::from_secs(30) {
            return Err(format!("{css} is {phase:?}, waited for {want:?}").into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn callbacks(b: &Browser, section: &str) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for item in b
        .client
        .find_all(Locator::Css(&format!("#{section} li")))
        .await?
    {
        out.push(item.text().await?);
    }
    Ok(out)
}

/// What the page's console recorder (`window.__consoleProblems`, the first
/// script of the example's shell) caught, and the resources that failed. A page
/// without the recorder is an error, never a quiet console.
async fn page_problems(b: &Browser) -> Result<Vec<String>> {
    let problems = b
        .client
        .execute(
            "if (!Array.isArray(window.__consoleProblems)) return null;
             return window.__consoleProblems.concat(performance.getEntriesByType('resource')
                .filter(r => r.responseStatus >= 400).map(r => 'HTTP ' + r.responseStatus + ' ' + r.name));",
            vec![],
        )
        .await?;
    if problems.is_null() {
        let url = b.client.current_url().await?;
        return Err(format!("{url} has no console recorder (window.__consoleProblems)").into());
    }
    serde_json::from_value(problems.clone()).map_err(|e| {
        format!("the console recorder's answer is not a list of strings ({e}): {problems}").into()
    })
}

/// What both readers saw: the page's own recorder (this document only) and
/// Chrome's log of the console (every document and frame since the last read).
struct Console {
    page: Vec<String>,
    chrome: Vec<String>,
}

impl Console {
    async fn read(b: &Browser) -> Result<Self> {
        Ok(Self {
            page: page_problems(b).await?,
            chrome: b.console_problems().await?,
        })
    }

    /// Fails when either reader saw a warning or an error.
    fn assert_quiet(&self, when: &str) -> Result {
        println!(
            "console ({when}): {} problems recorded by the page, {} warnings or errors in Chrome's log",
            self.page.len(),
            self.chrome.len()
        );
        if self.page.is_empty() && self.chrome.is_empty() {
            return Ok(());
        }
        Err(format!(
            "console problems {when}: recorded by the page {:#?}, in Chrome's log {:#?}",
            self.page, self.chrome
        )
        .into())
    }
}

/// Fails when the page's recorder or Chrome's log saw a console warning or error
/// (Chrome's log: since the last read, other pages included).
async fn assert_quiet(b: &Browser, when: &str) -> Result {
    Console::read(b).await?.assert_quiet(when)
}

#[test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
fn the_iframe_and_its_final_src_are_in_the_server_html() -> Result {
    let html = http("GET", &format!("{}/", env("PERSONA_SSR_URL")))?;
    let simulator = env("PERSONA_SIMULATOR_URL");
    let containers: Vec<&str> = html
        .split("<iframe id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(containers.len(), 2, "two inquiries in {html}");
    assert_ne!(containers[0], containers[1]);
    for container in containers {
        assert!(container.starts_with("persona-inquiry-"), "{container}");
        let tag = format!("<iframe id=\"{container}\" src=\"{simulator}/widget?client-version=5.9.0&amp;container-id={container}&amp;flow-type=inline");
        assert!(html.contains(&tag), "no {tag} in {html}");
        // The id reaches the hydrating client in the page's hydration data.
        assert!(
            html.contains(&format!("] = \"{container}\";")),
            "{container} is not handed to the client"
        );
    }
    assert!(
        html.contains("window.__personaQueue"),
        "the early-message queue is in the page"
    );
    Ok(())
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn hydration_adopts_the_iframes_and_two_inquiries_complete_without_crossing() -> Result {
    let simulator = env("PERSONA_SIMULATOR_URL");
    http("POST", &format!("{simulator}/__reset"))?;
    let b = browser().await?;
    b.client
        .goto(&format!("{}/", env("PERSONA_SSR_URL")))
        .await?;
    wait_phase(&b, "inquiry-a", "Completed").await?;
    wait_phase(&b, "inquiry-b", "Failed").await?;
    let a = callbacks(&b, "inquiry-a").await?;
    let b_log = callbacks(&b, "inquiry-b").await?;
    assert!(
        a.contains(&"on_complete:completed".to_owned()) && !a.iter().any(|e| e.contains("failed")),
        "{a:?}"
    );
    assert!(
        b_log.contains(&"on_complete:failed".to_owned())
            && !b_log.iter().any(|e| e.ends_with(":completed")),
        "{b_log:?}"
    );
    for log in [&a, &b_log] {
        assert_eq!(log.iter().filter(|e| *e == "on_load").count(), 1, "{log:?}");
    }
    let ids: Vec<String> = vec![
        b.text("#inquiry-a [data-signal=inquiry_id]").await?,
        b.text("#inquiry-b [data-signal=inquiry_id]").await?,
    ];
    assert_ne!(ids[0], ids[1]);
    // Exactly one /widget request per inquiry: hydration adopted the server's
    // iframes, with the container ids the server drew.
    let stats: Value = serde_json::from_str(&http("GET", &format!("{simulator}/__stats"))?)?;
    for section in ["inquiry-a", "inquiry-b"] {
        let id = b
            .client
            .execute(
                "return document.querySelector('#' + arguments[0] + ' [data-container-id]').dataset.containerId;",
                vec![Value::from(section)],
            )
            .await?;
        let id = id.as_str().unwrap_or_default();
        assert!(id.starts_with("persona-inquiry-"), "{section}: {id:?}");
        assert_eq!(stats["by_container"][id], 1, "{section} ({id}): {stats}");
    }
    assert_eq!(stats["widget"], 2, "{stats}");
    assert_quiet(&b, "once both inquiries finished").await?;
    b.screenshot("ssr-inline-completed").await?;
    b.close().await
}

/// Clicks `#open-modal` until its dialog is open: the button answers once the
/// page has hydrated (at most 20 s).
async fn open_modal_once_hydrated(b: &Browser) -> Result {
    let started = std::time::Instant::now();
    loop {
        b.click("#open-modal").await?;
        tokio::time::sleep(Duration::from_millis(100)).await;
        let shown = b
            .client
            .execute(
                "return !!document.querySelector('#inquiry-modal dialog')?.open",
                vec![],
            )
            .await?;
        if shown.as_bool() == Some(true) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the modal never opened"
        );
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn the_modal_page_works_after_hydration() -> Result {
    let b = browser().await?;
    b.client
        .goto(&format!("{}/modal", env("PERSONA_SSR_URL")))
        .await?;
    // Hydrated once the button answers: open the modal, the autoplayed flow completes.
    open_modal_once_hydrated(&b).await?;
    b.screenshot("ssr-modal-open").await?;
    wait_phase(&b, "inquiry-modal", "Completed").await?;
    let log = callbacks(&b, "inquiry-modal").await?;
    assert!(log.contains(&"on_complete:completed".to_owned()), "{log:?}");
    assert_quiet(&b, "once the modal's flow completed").await?;
    b.close().await
}

#[tokio::test]
#[ignore = "needs the running SSR example (wasm delayed) and simulator: run by `cargo xtask test`"]
async fn no_flow_message_is_lost_while_the_wasm_is_still_downloading() -> Result {
    let b = browser().await?;
    b.client
        .goto(&format!("{}/", env("PERSONA_SSR_SLOW_URL")))
        .await?;
    wait_phase(&b, "inquiry-a", "Completed").await?;
    wait_phase(&b, "inquiry-b", "Failed").await?;
    let timing = b
        .client
        .execute(
            "const r = performance.getEntriesByType('resource');
             const widget = r.filter(e => e.name.includes('/widget?')).map(e => e.startTime);
             const wasm = r.filter(e => e.name.endsWith('.wasm')).map(e => e.responseEnd);
             return [Math.max(...widget), Math.min(...wasm)];",
            vec![],
        )
        .await?;
    let (widget, wasm) = (
        timing[0].as_f64().unwrap_or(f64::NAN),
        timing[1].as_f64().unwrap_or(f64::NAN),
    );
    assert!(
        widget < wasm,
        "the flows loaded before the wasm arrived: widget {widget} ms, wasm {wasm} ms"
    );
    let a = callbacks(&b, "inquiry-a").await?;
    for expected in [
        "on_event:load",
        "on_load",
        "on_event:ready",
        "on_ready",
        "on_complete:completed",
    ] {
        assert!(
            a.contains(&expected.to_owned()),
            "{expected} missing from {a:?}"
        );
    }
    assert_quiet(&b, "with the wasm delayed").await?;
    b.close().await
}

/// Navigation start → `/widget` request, and → wasm downloaded, on one page (ms).
async fn head_start(b: &Browser, url: &str) -> Result<(f64, f64)> {
    b.client.goto(url).await?;
    let started = std::time::Instant::now();
    loop {
        let timing = b
            .client
            .execute(
                "const r = performance.getEntriesByType('resource');
                 const widget = r.find(e => e.name.includes('/widget?'));
                 const wasm = r.find(e => e.name.endsWith('.wasm'));
                 return widget && wasm ? [widget.startTime, wasm.responseEnd] : null;",
                vec![],
            )
            .await?;
        if let (Some(widget), Some(wasm)) = (timing[0].as_f64(), timing[1].as_f64()) {
            return Ok((widget, wasm));
        }
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no timings on {url}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
#[ignore = "needs the running SSR example, the demo and the simulator: run by `cargo xtask test`"]
async fn head_start_of_server_rendering_over_the_client_rendered_demo() -> Result {
    // A benchmark: it prints medians. Its assertions are causal, not timings: the
    // client-rendered demo can only request the flow after its wasm arrived, and the
    // server-rendered page requests it without waiting for the wasm (shown with the
    // wasm held back for 1.5 s).
    let b = browser().await?;
    let runs = 5;
    let mut report = Vec::new();
    for (label, url) in [
        ("ssr", format!("{}/", env("PERSONA_SSR_URL"))),
        (
            "ssr, wasm delayed 1.5 s",
            format!("{}/", env("PERSONA_SSR_SLOW_URL")),
        ),
        ("csr demo", env("PERSONA_DEMO_URL")),
    ] {
        let (mut widget, mut wasm) = (Vec::new(), Vec::new());
        for run in 1..=runs {
            let (w, d) = head_start(&b, &url).await?;
            widget.push(w);
            wasm.push(d);
            let when = format!("on the {label} page, run {run}");
            if label == "csr demo" {
                // The demo has no recorder of its own: Chrome's log only.
                b.assert_quiet_console(&when).await?;
            } else {
                assert_quiet(&b, &when).await?;
            }
        }
        let (widget, wasm) = (median(&mut widget), median(&mut wasm));
        report.push((label, widget, wasm));
        println!("head start ({label}, median of {runs}): navigation → /widget request {widget:.0} ms; navigation → wasm downloaded {wasm:.0} ms");
    }
    let (ssr, slow, csr) = (report[0], report[1], report[2]);
    assert!(
        csr.1 >= csr.2,
        "client rendering requests the flow only after its wasm: {csr:?}"
    );
    assert!(
        slow.1 < slow.2,
        "server rendering requests the flow without waiting for the wasm: {slow:?}"
    );
    println!(
        "head start: the SSR page requests the flow {:.0} ms after navigation, the CSR demo {:.0} ms ({:.1}x); with the wasm held back 1.5 s the SSR page still requests it at {:.0} ms",
        ssr.1,
        csr.1,
        csr.1 / ssr.1.max(1.0),
        slow.1
    );
    b.close().await
}

/// Whether axe rates `violation` moderate or worse (`moderate`, `serious`, `critical`).
fn moderate_or_worse(violation: &support::AxeViolation) -> bool {
    matches!(
        violation.impact.as_deref(),
        Some("moderate" | "serious" | "critical")
    )
}

/// Prints what axe found on `page` and fails on any violation of impact
/// moderate or worse (stricter than [`assert_accessible`], which fails on
/// serious and critical ones only): `page-has-heading-one`, `region`, … too.
fn assert_no_moderate_violation(page: &str, violations: &[support::AxeViolation]) -> Result {
    assert_accessible(page, violations)?;
    let found: Vec<String> = violations
        .iter()
        .filter(|v| moderate_or_worse(v))
        .map(|v| {
            format!(
                "{} ({}, {} nodes: {})",
                v.id,
                v.impact.as_deref().unwrap_or("?"),
                v.nodes.len(),
                v.help
            )
        })
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "axe ({page}): violations of impact moderate or worse: {}",
            found.join(", ")
        )
        .into())
    }
}

#[tokio::test]
#[ignore = "needs the running SSR example, the simulator and axe-core: run by `cargo xtask test`"]
async fn the_server_rendered_pages_have_no_moderate_or_worse_accessibility_violations() -> Result {
    let b = browser().await?;
    let base = env("PERSONA_SSR_URL");
    b.client.goto(&format!("{base}/")).await?;
    wait_phase(&b, "inquiry-a", "Completed").await?;
    wait_phase(&b, "inquiry-b", "Failed").await?;
    let inline = b.axe().await?;
    assert_quiet(&b, "on the inline page").await?;
    b.client.goto(&format!("{base}/modal")).await?;
    b.wait_for("#open-modal").await?;
    let closed = b.axe().await?;
    open_modal_once_hydrated(&b).await?;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let open = b.axe().await?;
    assert_quiet(&b, "on the modal page").await?;
    let results = [
        assert_no_moderate_violation("SSR, two inline inquiries", &inline),
        assert_no_moderate_violation("SSR, modal closed", &closed),
        assert_no_moderate_violation("SSR, modal open", &open),
    ];
    for result in results {
        result?;
    }
    b.close().await
}

/// Waits until Chrome's log holds a warning or an error containing `text`;
/// returns everything it read.
async fn wait_in_chromes_log(b: &Browser, text: &str) -> Result<Vec<String>> {
    let started = std::time::Instant::now();
    let mut seen = Vec::new();
    loop {
        seen.extend(b.console_problems().await?);
        if seen.iter().any(|p| p.contains(text)) {
            return Ok(seen);
        }
        if started.elapsed() > Duration::from_secs(10) {
            return Err(format!("Chrome's log never showed {text:?}: {seen:#?}").into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
#[ignore = "needs the running SSR example and simulator: run by `cargo xtask test`"]
async fn a_console_warning_on_a_server_rendered_page_fails_the_journey() -> Result {
    // The positive control of the console checks above: a warning logged on
    // purpose is seen by the page's recorder and by Chrome's log, and fails
    // the check every journey ends with.
    let b = browser().await?;
    b.client
        .goto(&format!("{}/", env("PERSONA_SSR_URL")))
        .await?;
    wait_phase(&b, "inquiry-a", "Completed").await?;
    wait_phase(&b, "inquiry-b", "Failed").await?;
    assert_quiet(&b, "before the planted warning").await?;
    b.client
        .execute("console.warn('planted warning');", vec![])
        .await?;
    let console = Console {
        page: page_problems(&b).await?,
        chrome: wait_in_chromes_log(&b, "planted warning").await?,
    };
    assert_eq!(
        console.page,
        ["warn: planted warning"],
        "the page's recorder saw it"
    );
    assert!(
        console
            .chrome
            .iter()
            .any(|p| p.starts_with("WARNING (console-api)") && p.contains("planted warning")),
        "Chrome's log saw it as a warning: {:?}",
        console.chrome
    );
    let failure = console
        .assert_quiet("after the planted warning")
        .expect_err("a console warning fails the journey");
    println!("the planted warning fails the check: {failure}");
    // A page without the recorder cannot pass for a quiet one.
    b.client
        .execute("delete window.__consoleProblems;", vec![])
        .await?;
    let missing = page_problems(&b)
        .await
        .expect_err("a page without the recorder is an error");
    assert!(
        missing.to_string().contains("no console recorder"),
        "{missing}"
    );
    println!("without the recorder: {missing}");
    b.close().await
}
