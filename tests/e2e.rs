//! End to end: the built demo site in headless Chromium, driven through WebDriver
//! like a person would use it, against the flow simulator.
//!
//! These tests need the demo built and served, the simulator running and
//! chromedriver installed: `cargo xtask test` arranges all of it and runs them
//! with `--ignored`. Each journey saves a screenshot under
//! `target/e2e-screenshots/`.
#![cfg(not(target_arch = "wasm32"))]

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map, Value};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// One browser with its chromedriver; both go away on drop.
struct Browser {
    client: Client,
    driver: Child,
    _profile: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(9515)
}

fn demo_url() -> String {
    std::env::var("PERSONA_DEMO_URL")
        .expect("PERSONA_DEMO_URL names the served demo (cargo xtask test sets it)")
}

async fn browser() -> Result<Browser> {
    let port = free_port();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let driver = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let profile = std::env::temp_dir().join(format!("persona-e2e-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&profile)?;
    let mut capabilities = Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({ "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1000",
            format!("--user-data-dir={}", profile.display()),
        ]}),
    );
    let started = Instant::now();
    let client = loop {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        match ClientBuilder::new(connector)
            .capabilities(capabilities.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => break client,
            Err(error) if started.elapsed() < Duration::from_secs(15) => {
                let _ = error;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(error) => return Err(error.into()),
        }
    };
    Ok(Browser {
        client,
        driver,
        _profile: TempDir(profile),
    })
}

impl Browser {
    async fn open_demo(&self) -> Result {
        self.client.goto(&demo_url()).await?;
        self.wait_for("#inline-demo iframe").await?;
        Ok(())
    }

    async fn wait_for(&self, css: &str) -> Result<Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await?)
    }

    async fn text(&self, css: &str) -> Result<String> {
        Ok(self.client.find(Locator::Css(css)).await?.text().await?)
    }

    /// Waits until the signal `name` of `instance` (`inline` / `modal`) shows `want`.
    async fn wait_signal(&self, instance: &str, name: &str, want: &str) -> Result<String> {
        let css = format!("#signals-{instance} [data-signal={name}]");
        let started = Instant::now();
        loop {
            let value = self.text(&css).await.unwrap_or_default();
            if value.trim() == want {
                return Ok(value);
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err(format!("{css} is {value:?}, waited for {want:?}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn select_scenario(&self, scenario: &str) -> Result {
        self.client
            .find(Locator::Css("#scenario"))
            .await?
            .select_by_value(scenario)
            .await?;
        Ok(())
    }

    /// Enters the flow's iframe inside `container`.
    async fn enter_flow(&self, container: &str) -> Result {
        let frame = self.wait_for(&format!("{container} iframe")).await?;
        frame.enter_frame().await?;
        Ok(())
    }

    async fn leave_flow(&self) -> Result {
        self.client.enter_parent_frame().await?;
        Ok(())
    }

    /// Clicks the flow's primary button until the flow shows no more of them
    /// (or `until` appears), as a person going through the steps.
    async fn click_through(&self, until: &str) -> Result {
        let started = Instant::now();
        loop {
            if self.client.find(Locator::Css(until)).await.is_ok() {
                return Ok(());
            }
            if let Ok(button) = self.client.find(Locator::Css("#primary")).await {
                let _ = button.click().await;
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err(format!("the flow never reached {until}").into());
            }
            tokio::time::sleep(Duration::from_millis(120)).await;
        }
    }

    async fn screenshot(&self, name: &str) -> Result {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        let png = self.client.screenshot().await?;
        std::fs::write(dir.join(format!("{name}.png")), png)?;
        Ok(())
    }

    async fn log_has(&self, callback: &str, instance: &str) -> bool {
        let css = format!("#event-log li[data-callback={callback}][data-instance={instance}]");
        self.client.find(Locator::Css(&css)).await.is_ok()
    }

    async fn close(self) -> Result {
        self.client.clone().close().await?;
        Ok(())
    }
}

#[tokio::test]
#[ignore = "needs the served demo, the simulator and chromedriver: run by `cargo xtask test`"]
async fn a_person_completes_a_verification_inline() -> Result {
    let b = browser().await?;
    b.open_demo().await?;
    b.select_scenario("happy").await?;
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
    b.open_demo().await?;
    b.select_scenario("happy").await?;
    b.client
        .find(Locator::Css("#open-modal"))
        .await?
        .click()
        .await?;
    b.wait_signal("modal", "is_open", "true").await?;
    b.enter_flow("#modal-demo").await?;
    // Begin: the inquiry is created.
    b.wait_for("#primary").await?.click().await?;
    b.wait_for("#primary").await?;
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
    b.open_demo().await?;
    b.select_scenario("happy").await?;
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
        if let Ok(button) = b.client.find(Locator::Css("#primary")).await {
            let _ = button.click().await;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        if shots < 1 && b.client.find(Locator::Css("#primary")).await.is_ok() {
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
