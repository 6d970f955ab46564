//! A headless Chromium driven through WebDriver (chromedriver), shared by the
//! end-to-end suites.
#![allow(dead_code)] // each suite uses its own subset

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
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
