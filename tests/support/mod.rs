//! A headless Chromium driven through WebDriver (chromedriver), shared by the
//! end-to-end suites.
#![allow(dead_code)] // each suite uses its own subset

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Map};

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// One browser with its chromedriver; both go away on drop.
pub struct Browser {
    pub client: Client,
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

pub fn demo_url() -> String {
    std::env::var("PERSONA_DEMO_URL")
        .expect("PERSONA_DEMO_URL names the served demo (cargo xtask test sets it)")
}

pub async fn browser() -> Result<Browser> {
    browser_with(&[]).await
}

/// A browser started with `extra` command-line switches as well.
pub async fn browser_with(extra: &[&str]) -> Result<Browser> {
    let port = free_port();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let driver = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let profile = std::env::temp_dir().join(format!("persona-e2e-{}-{port}", std::process::id()));
    std::fs::create_dir_all(&profile)?;
    let mut args = vec![
        "--headless=new".to_owned(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-quic".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-dev-shm-usage".into(),
        "--window-size=1280,1000".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    let mut capabilities = Map::new();
    capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
    // Every console message of the page (and its frames), read with `console_problems`.
    capabilities.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
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
    pub async fn open_demo(&self) -> Result {
        self.client.goto(&demo_url()).await?;
        self.wait_for("#inline-demo iframe").await?;
        Ok(())
    }

    /// Opens the demo and picks `scenario`.
    pub async fn open_demo_with(&self, scenario: &str) -> Result {
        self.open_demo().await?;
        self.select_scenario(scenario).await
    }

    /// Clicks the first element matching `css`, which must be there now.
    pub async fn click(&self, css: &str) -> Result {
        self.client.find(Locator::Css(css)).await?.click().await?;
        Ok(())
    }

    pub async fn wait_for(&self, css: &str) -> Result<Element> {
        Ok(self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await?)
    }

    /// The `textContent` of the first element matching `css` (whether or not it
    /// is on screen, unlike WebDriver's rendered text).
    pub async fn text(&self, css: &str) -> Result<String> {
        let value = self
            .client
            .execute(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
                vec![json!(css)],
            )
            .await?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("no element matches {css}").into())
    }

    /// Waits until the signal `name` of `instance` (`inline` / `modal`) shows `want`.
    pub async fn wait_signal(&self, instance: &str, name: &str, want: &str) -> Result<String> {
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

    pub async fn select_scenario(&self, scenario: &str) -> Result {
        self.client
            .find(Locator::Css("#scenario"))
            .await?
            .select_by_value(scenario)
            .await?;
        Ok(())
    }

    /// Enters the flow's iframe inside `container`.
    pub async fn enter_flow(&self, container: &str) -> Result {
        let frame = self.wait_for(&format!("{container} iframe")).await?;
        frame.enter_frame().await?;
        Ok(())
    }

    pub async fn leave_flow(&self) -> Result {
        self.client.enter_parent_frame().await?;
        Ok(())
    }

    /// Clicks the flow's primary button until the flow shows no more of them
    /// (or `until` appears), as a person going through the steps.
    pub async fn click_through(&self, until: &str) -> Result {
        let started = Instant::now();
        loop {
            if self.client.find(Locator::Css(until)).await.is_ok() {
                return Ok(());
            }
            if let Ok(button) = self.client.find(Locator::Css("[data-primary]")).await {
                let _ = button.click().await;
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err(format!("the flow never reached {until}").into());
            }
            tokio::time::sleep(Duration::from_millis(120)).await;
        }
    }

    pub async fn screenshot(&self, name: &str) -> Result {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e-screenshots");
        std::fs::create_dir_all(&dir)?;
        let png = self.client.screenshot().await?;
        std::fs::write(dir.join(format!("{name}.png")), png)?;
        Ok(())
    }

    pub async fn log_has(&self, callback: &str, instance: &str) -> bool {
        let css = format!("#event-log li[data-callback={callback}][data-instance={instance}]");
        self.client.find(Locator::Css(&css)).await.is_ok()
    }

    pub async fn close(self) -> Result {
        self.client.clone().close().await?;
        Ok(())
    }

    /// The console's warnings and errors (and failed loads) since the last
    /// call, from Chrome's browser log: every message from the start of the
    /// page, before any script of the test could run. An answer that is not
    /// a list of entries is an error, never a quiet console.
    pub async fn console_problems(&self) -> Result<Vec<String>> {
        let answer = self.client.issue_cmd(BrowserLog).await?;
        let entries = answer
            .as_array()
            .ok_or_else(|| format!("Chrome's log is not a list of entries: {answer}"))?;
        let mut problems = Vec::new();
        for entry in entries {
            let Some(level) = entry["level"].as_str() else {
                return Err(format!("an entry of Chrome's log without a level: {entry}").into());
            };
            if matches!(level, "WARNING" | "SEVERE") {
                problems.push(format!(
                    "{level} ({}): {}",
                    entry["source"].as_str().unwrap_or_default(),
                    entry["message"].as_str().unwrap_or_default()
                ));
            }
        }
        Ok(problems)
    }

    /// Fails when the console logged a warning or an error since the last call.
    pub async fn assert_quiet_console(&self, when: &str) -> Result {
        let problems = self.console_problems().await?;
        println!("console ({when}): {} warnings or errors", problems.len());
        if problems.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "the console logged {} problems {when}: {problems:#?}",
                problems.len()
            )
            .into())
        }
    }

    /// Presses and releases `key` (a real key press through WebDriver actions,
    /// delivered to whatever has focus), with Shift held when `shift`.
    pub async fn press(&self, key: Key, shift: bool) -> Result {
        let mut keys = KeyActions::new("keyboard".into());
        if shift {
            keys = keys.then(KeyAction::Down {
                value: Key::Shift.into(),
            });
        }
        keys = keys
            .then(KeyAction::Down { value: key.into() })
            .then(KeyAction::Up { value: key.into() });
        if shift {
            keys = keys.then(KeyAction::Up {
                value: Key::Shift.into(),
            });
        }
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// Runs axe-core (`PERSONA_AXE_JS`, installed by `cargo xtask test` from
    /// `tests/a11y/package-lock.json`) on the current page, without descending
    /// into the flow's cross-origin iframe; returns the violations found.
    pub async fn axe(&self) -> Result<Vec<AxeViolation>> {
        let path = std::env::var("PERSONA_AXE_JS")
            .expect("PERSONA_AXE_JS names axe.min.js (cargo xtask test sets it)");
        let source = std::fs::read_to_string(&path)?;
        self.client
            .execute(&format!("{source}\n;return typeof window.axe;"), vec![])
            .await?;
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.axe
                   .run(document, { iframes: false, resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => ({
                     id: v.id, impact: v.impact, help: v.help,
                     nodes: v.nodes.map(n => n.target.join(' ') + ' | ' + (n.failureSummary || '').split('\\n').slice(1).join(' ')),
                   }))))
                   .catch(e => done({ error: String(e) }));",
                vec![],
            )
            .await?;
        if let Some(error) = result.get("error") {
            return Err(format!("axe.run failed: {error}").into());
        }
        Ok(serde_json::from_value(result)?)
    }
}

/// One rule axe-core found broken, with the elements that break it.
#[derive(Debug, serde::Deserialize)]
pub struct AxeViolation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    pub nodes: Vec<String>,
}

impl AxeViolation {
    /// `serious` or `critical`.
    pub fn is_serious(&self) -> bool {
        matches!(self.impact.as_deref(), Some("serious" | "critical"))
    }
}

/// Prints what axe found on `page` and fails on any serious or critical violation.
pub fn assert_accessible(page: &str, violations: &[AxeViolation]) -> Result {
    let serious = violations.iter().filter(|v| v.is_serious()).count();
    println!(
        "axe ({page}): {} rules violated, {serious} serious or critical",
        violations.len()
    );
    for v in violations {
        println!(
            "  {} [{}] {} nodes: {}",
            v.id,
            v.impact.as_deref().unwrap_or("?"),
            v.nodes.len(),
            v.help
        );
        for node in v.nodes.iter().take(6) {
            println!("    {node}");
        }
    }
    if serious == 0 {
        Ok(())
    } else {
        let rules: Vec<String> = violations
            .iter()
            .filter(|v| v.is_serious())
            .map(|v| {
                format!(
                    "{} ({}, {} nodes)",
                    v.id,
                    v.impact.as_deref().unwrap_or("?"),
                    v.nodes.len()
                )
            })
            .collect();
        Err(format!(
            "axe ({page}): serious or critical violations: {}",
            rules.join(", ")
        )
        .into())
    }
}

/// ChromeDriver's log endpoint (`POST /session/{id}/se/log`): the browser's
/// console messages since the last read.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> std::result::Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

/// A plain HTTP/1.1 request to a loopback URL, without a browser; returns the body.
pub fn http(method: &str, url: &str) -> Result<String> {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").ok_or("only http:// URLs")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut stream = std::net::TcpStream::connect(authority)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").ok_or("no HTTP body")?;
    if !head.starts_with("HTTP/1.1 200") {
        return Err(format!("{method} {url}: {}", head.lines().next().unwrap_or("")).into());
    }
    // Undo chunked transfer encoding, which the SSR server uses for streaming.
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut decoded = String::new();
        let mut rest = body;
        while let Some((size, after)) = rest.split_once("\r\n") {
            let size = usize::from_str_radix(size.trim(), 16)?;
            if size == 0 {
                break;
            }
            decoded.push_str(after.get(..size).ok_or("short chunk")?);
            rest = after.get(size + 2..).unwrap_or("");
        }
        return Ok(decoded);
    }
    Ok(body.to_owned())
}

/// The median of `values` (0 when empty).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    match values.len() {
        0 => 0.0,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}
