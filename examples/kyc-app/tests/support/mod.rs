//! What the end-to-end suites share: the real processes (the flow simulator
//! and the app, each on a loopback port, the app on a fresh SQLite file), the
//! simulator's test switches, the database read directly, and headless
//! Chromium through chromedriver.
//!
//! The suites are `#[ignore]`d: `cargo xtask test` builds the binaries and
//! runs them with `PERSONA_SIMULATOR_BIN`, `KYC_APP_BIN`, `KYC_SITE_ROOT`,
//! `CHROMEDRIVER` and `PERSONA_AXE_JS` set.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client as Browser, ClientBuilder, Locator};
use serde_json::{json, Map, Value};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{Row, SqlitePool};

/// A path from the environment, or a panic saying how to get it.
fn env_path(name: &str, what: &str) -> PathBuf {
    match std::env::var_os(name) {
        Some(path) if !path.is_empty() => PathBuf::from(path),
        _ => panic!("{name} is not set: {what}. cargo xtask test sets it."),
    }
}

/// 16 random bytes in hex, with a prefix: a fresh key or secret per run.
pub fn random(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).unwrap_or_else(|e| panic!("no randomness: {e}"));
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}{hex}")
}

/// A free loopback port.
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port: {e}"))
}

/// A child process whose first stdout line names its URL; killed on drop.
/// Its later output (and stderr) is kept, for a failing test to show.
pub struct Process {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    /// Every line it wrote after the first, stdout and stderr.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Process {
    fn spawn(mut command: Command, prefix: &str) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {command:?}: {e}"));
        let log = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
        let errors = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Ok(mut log) = errors.lock() {
                    log.push(line);
                }
            }
        });
        let stdout = child.stdout.take().unwrap_or_else(|| panic!("no stdout"));
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        let _ = reader.read_line(&mut first);
        let Some(url) = first.trim().strip_prefix(prefix).map(str::to_owned) else {
            let _ = child.kill();
            let _ = child.wait();
            std::thread::sleep(Duration::from_millis(200));
            let log = log.lock().map(|l| l.join("\n")).unwrap_or_default();
            panic!("{command:?} did not start: first line {first:?}; it said:\n{log}");
        };
        let lines = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                if let Ok(mut log) = lines.lock() {
                    log.push(line);
                }
            }
        });
        Self { child, url, log }
    }

    /// Whether it is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Its log lines that contain `text`.
    pub fn lines_with(&self, text: &str) -> Vec<String> {
        self.log
            .lock()
            .map(|l| l.iter().filter(|s| s.contains(text)).cloned().collect())
            .unwrap_or_default()
    }

    /// Kills it (SIGKILL: no graceful shutdown) and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
    }
}

/// How a stack is started.
#[derive(Clone, Debug)]
pub struct Options {
    /// `PERSONA_TEMPLATE_ID`: `itmpl_sim_<scenario>` picks the simulator's scenario.
    pub template: String,
    /// `--decision-ms`: how long after `completed` the simulator decides.
    pub decision_ms: u64,
    /// `--webhook-retry-ms`: the base of the simulator's retry schedule.
    pub webhook_retry_ms: u64,
    /// `--webhook-attempts`.
    pub webhook_attempts: u32,
    /// Whether the app's flow plays itself (`PERSONA_ENVIRONMENT_ID=env_sim_autoplay`).
    pub autoplay: bool,
    /// Whether the simulator sends webhooks to the app.
    pub webhooks: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            template: "itmpl_sim_happy".into(),
            decision_ms: 300,
            webhook_retry_ms: 100,
            webhook_attempts: 8,
            autoplay: false,
            webhooks: true,
        }
    }
}

/// The simulator and the app, on a fresh database, with fresh random secrets.
pub struct Stack {
    /// The flow simulator (Persona's API, flow and webhooks).
    pub simulator: Process,
    /// The app, while it runs.
    pub app: Option<Process>,
    /// The app's address: the same across restarts.
    pub app_url: String,
    /// The SQLite file.
    pub db_path: PathBuf,
    dir: PathBuf,
    /// The API key both share.
    pub api_key: String,
    /// The webhook secret both share.
    pub webhook_secret: String,
    options: Options,
    http: reqwest::Client,
}

impl Stack {
    /// Starts the simulator, then the app, then points the simulator's
    /// webhooks at the app.
    pub async fn start(options: Options) -> Self {
        let simulator_bin = env_path(
            "PERSONA_SIMULATOR_BIN",
            "the flow simulator's binary (cargo build -p persona-flow-simulator)",
        );
        let api_key = random("persona_sim_");
        let webhook_secret = random("wbhsec_");
        let mut command = Command::new(&simulator_bin);
        command
            .args(["--port", "0", "--api-key", &api_key])
            .args(["--decision-ms", &options.decision_ms.to_string()])
            .args(["--webhook-secret", &webhook_secret])
            .args(["--webhook-retry-ms", &options.webhook_retry_ms.to_string()])
            .args(["--webhook-attempts", &options.webhook_attempts.to_string()]);
        let simulator = Process::spawn(command, "flow simulator listening on ");
        let dir = std::env::temp_dir().join(random("kyc-app-test-"));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let port = free_port();
        let mut stack = Self {
            simulator,
            app: None,
            app_url: format!("http://127.0.0.1:{port}"),
            db_path: dir.join("kyc-app.db"),
            dir,
            api_key,
            webhook_secret,
            options,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .pool_max_idle_per_host(64)
                .build()
                .unwrap_or_else(|e| panic!("an HTTP client: {e}")),
        };
        stack.start_app().await;
        if stack.options.webhooks {
            let url = format!("{}/webhooks/persona", stack.app_url);
            let (status, config) = stack
                .sim_post("/__config", json!({ "webhook_url": url }))
                .await;
            assert_eq!(status, 200, "pointing the webhooks at the app: {config}");
        }
        stack
    }

    /// The app's process environment (with `extra` on top).
    fn app_command(&self, extra: &[(&str, &str)]) -> Command {
        let app_bin = env_path(
            "KYC_APP_BIN",
            "the app's binary (cargo build -p persona-kyc-app --features ssr)",
        );
        let site_root = env_path(
            "KYC_SITE_ROOT",
            "the folder holding the app's pkg/ (its hydrate build, through wasm-bindgen)",
        );
        let mut command = Command::new(app_bin);
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("PERSONA_API_KEY", &self.api_key)
            .env("PERSONA_WEBHOOK_SECRET", &self.webhook_secret)
            .env("PERSONA_TEMPLATE_ID", &self.options.template)
            .env("PERSONA_HOST", &self.simulator.url)
            .env(
                "DATABASE_URL",
                format!("sqlite://{}", self.db_path.display()),
            )
            .env("KYC_SESSION_KEY", "a fixed session key for the tests")
            .env("KYC_ADDR", self.app_url.trim_start_matches("http://"))
            .env("KYC_SITE_ROOT", site_root);
        if self.options.autoplay {
            command.env("PERSONA_ENVIRONMENT_ID", "env_sim_autoplay");
        }
        command.envs(extra.iter().copied());
        command
    }

    /// (Re)starts the app on its address, on the same database.
    pub async fn start_app(&mut self) {
        self.start_app_with(&[]).await;
    }

    /// [`start_app`](Self::start_app) with more environment variables.
    pub async fn start_app_with(&mut self, extra: &[(&str, &str)]) {
        assert!(self.app.is_none(), "the app is running already");
        let started = Instant::now();
        loop {
            let command = self.app_command(extra);
            // The port may still be held a moment after a kill.
            let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
                Process::spawn(command, "kyc app listening on ")
            }));
            match attempt {
                Ok(process) => {
                    self.app = Some(process);
                    break;
                }
                Err(panic) if started.elapsed() > Duration::from_secs(10) => {
                    std::panic::resume_unwind(panic)
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
        let health = self
            .http
            .get(format!("{}/healthz", self.app_url))
            .send()
            .await
            .unwrap_or_else(|e| panic!("the app's /healthz: {e}"));
        assert!(
            health.status().is_success(),
            "/healthz: {}",
            health.status()
        );
    }

    /// Kills the app (SIGKILL) mid-whatever.
    pub fn kill_app(&mut self) {
        if let Some(mut app) = self.app.take() {
            app.kill();
        }
    }

    /// The app's process.
    pub fn app(&mut self) -> &mut Process {
        self.app
            .as_mut()
            .unwrap_or_else(|| panic!("the app is not running"))
    }

    /// The shared HTTP client.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// `GET` a simulator path, as JSON.
    pub async fn sim_get(&self, path: &str) -> Value {
        let url = format!("{}{path}", self.simulator.url);
        let response = self
            .http
            .get(&url)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: {e}"));
        response
            .json()
            .await
            .unwrap_or_else(|e| panic!("GET {url}: not JSON: {e}"))
    }

    /// `POST` JSON to a simulator path: the status and the JSON answer.
    pub async fn sim_post(&self, path: &str, body: Value) -> (u16, Value) {
        let url = format!("{}{path}", self.simulator.url);
        let response = self
            .http
            .post(&url)
            .json(&body)
            .send()
            .await
            .unwrap_or_else(|e| panic!("POST {url}: {e}"));
        let status = response.status().as_u16();
        let text = response.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Clears the simulator's queued API faults (`DELETE /__faults`).
    pub async fn clear_faults(&self) {
        let cleared = self
            .http
            .delete(format!("{}/__faults", self.simulator.url))
            .send()
            .await
            .unwrap_or_else(|e| panic!("clearing the faults: {e}"));
        assert!(
            cleared.status().is_success(),
            "clearing the faults: {}",
            cleared.status()
        );
    }

    /// The simulator's `/__stats`.
    pub async fn stats(&self) -> Value {
        self.sim_get("/__stats").await
    }

    /// The database, opened read-only (the app keeps writing it).
    pub async fn db(&self) -> SqlitePool {
        let options =
            SqliteConnectOptions::from_str(&format!("sqlite://{}", self.db_path.display()))
                .unwrap_or_else(|e| panic!("the database URL: {e}"))
                .read_only(true)
                .busy_timeout(Duration::from_secs(5));
        SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await
            .unwrap_or_else(|e| panic!("opening {}: {e}", self.db_path.display()))
    }

    /// Every user's `(status, inquiry id, status source)`, by user id.
    pub async fn users(&self) -> HashMap<String, (Option<String>, Option<String>, Option<String>)> {
        let db = self.db().await;
        let rows = sqlx::query("SELECT id, status, inquiry_id, status_source FROM users")
            .fetch_all(&db)
            .await
            .unwrap_or_else(|e| panic!("reading users: {e}"));
        db.close().await;
        rows.iter()
            .map(|row| {
                (
                    row.get::<String, _>("id"),
                    (
                        row.get("status"),
                        row.get("inquiry_id"),
                        row.get("status_source"),
                    ),
                )
            })
            .collect()
    }

    /// How many webhook events are stored, by outcome.
    pub async fn event_outcomes(&self) -> HashMap<String, i64> {
        let db = self.db().await;
        let rows =
            sqlx::query("SELECT outcome, COUNT(*) AS n FROM webhook_events GROUP BY outcome")
                .fetch_all(&db)
                .await
                .unwrap_or_else(|e| panic!("reading webhook_events: {e}"));
        db.close().await;
        rows.iter()
            .map(|row| (row.get::<String, _>("outcome"), row.get::<i64, _>("n")))
            .collect()
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        self.kill_app();
        self.simulator.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Waits until `done` gives `Some`, polling every 100 ms; fails after
/// `timeout` naming `what`.
pub async fn wait_for<T, F, Fut>(what: &str, timeout: Duration, mut done: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let started = Instant::now();
    loop {
        if let Some(value) = done().await {
            return value;
        }
        assert!(
            started.elapsed() < timeout,
            "timed out after {timeout:?} waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Headless Chromium through chromedriver; both end on drop.
pub struct Chromium {
    /// The WebDriver session.
    pub client: Browser,
    driver: Child,
    profile: PathBuf,
}

impl Chromium {
    /// Starts chromedriver (`CHROMEDRIVER`) and a fresh headless Chromium, 1280×900.
    pub async fn start() -> Self {
        let port = free_port();
        let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {chromedriver}: {e}"));
        let profile = std::env::temp_dir().join(random("kyc-chromium-"));
        let _ = std::fs::create_dir_all(&profile);
        let args = json!([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
            format!("--user-data-dir={}", profile.display()),
        ]);
        let mut capabilities = Map::new();
        capabilities.insert("goog:chromeOptions".into(), json!({ "args": args }));
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
                Err(e) if started.elapsed() < Duration::from_secs(20) => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("connecting to chromedriver: {e}"),
            }
        };
        Self {
            client,
            driver,
            profile,
        }
    }

    /// Runs `script` in the page (top frame) and returns its value.
    pub async fn js(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("running {script:?}: {e}"))
    }

    /// The text of the element `css`, or `None` if there is none.
    pub async fn text(&self, css: &str) -> Option<String> {
        let selector = serde_json::to_string(css).unwrap_or_default();
        match self
            .js(&format!(
                "var e = document.querySelector({selector}); return e ? e.textContent : null;"
            ))
            .await
        {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// An attribute of the element `css`.
    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        let selector = serde_json::to_string(css).unwrap_or_default();
        let name = serde_json::to_string(name).unwrap_or_default();
        match self
            .js(&format!(
                "var e = document.querySelector({selector}); return e ? e.getAttribute({name}) : null;"
            ))
            .await
        {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// Waits until the page is hydrated (`body[data-hydrated]`): its buttons
    /// work from then on.
    pub async fn wait_hydrated(&self) {
        self.wait_element("body[data-hydrated]").await;
    }

    /// Waits until the element `css` exists, then returns it.
    pub async fn wait_element(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for {css}: {e}"))
    }

    /// Clicks the element `css` once it exists and is enabled.
    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            let element = self.wait_element(css).await;
            let enabled = element.is_enabled().await.unwrap_or(false);
            if enabled && element.click().await.is_ok() {
                return;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{css} never became clickable"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the status badge says `status` (its `data-status`).
    pub async fn wait_status(&self, status: &str, timeout: Duration) {
        let started = Instant::now();
        loop {
            let now = self.attribute("#status-badge", "data-status").await;
            if now.as_deref() == Some(status) {
                return;
            }
            assert!(
                started.elapsed() < timeout,
                "the badge says {now:?}, not {status:?}, after {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clicks the element `css` inside the page's Persona iframe, once it is there.
    pub async fn click_in_flow(&self, css: &str) {
        let frame = self.wait_element("iframe").await;
        frame
            .enter_frame()
            .await
            .unwrap_or_else(|e| panic!("entering the flow's frame: {e}"));
        let found = self
            .client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css(css))
            .await;
        if let Err(e) = found {
            let page = self
                .js("return document.location.href + '\\n' + document.body.innerText;")
                .await;
            panic!("{css} is not in the flow ({e}); the flow shows: {page}");
        }
        self.click(css).await;
        self.client
            .enter_parent_frame()
            .await
            .unwrap_or_else(|e| panic!("leaving the flow's frame: {e}"));
    }

    /// Plays the simulator's flow by hand: in the page's Persona iframe,
    /// clicks each page's primary button until `done` holds in the top page
    /// (checked between clicks).
    pub async fn play_flow_until(&self, done: &str, timeout: Duration) {
        let started = Instant::now();
        loop {
            if self.js(done).await == Value::Bool(true) {
                return;
            }
            assert!(
                started.elapsed() < timeout,
                "the flow did not reach `{done}` within {timeout:?}"
            );
            if let Ok(frame) = self.client.find(Locator::Css("iframe")).await {
                if frame.enter_frame().await.is_ok() {
                    let _ = self
                        .client
                        .execute(
                            "var b = document.querySelector('[data-primary]'); if (b) b.click(); return !!b;",
                            vec![],
                        )
                        .await;
                    let _ = self.client.enter_parent_frame().await;
                }
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }

    /// Injects axe-core (`PERSONA_AXE_JS`) and returns the serious and critical
    /// violations on the page, as `id: description (n nodes)`. The flow's own
    /// iframe (Persona's page, on another origin) is left out: axe would post to
    /// it with this page's origin, which Chrome refuses and logs.
    pub async fn serious_violations(&self) -> Vec<String> {
        let axe = env_path("PERSONA_AXE_JS", "axe-core's axe.min.js");
        let source = std::fs::read_to_string(&axe)
            .unwrap_or_else(|e| panic!("reading {}: {e}", axe.display()));
        self.client
            .execute(&source, vec![])
            .await
            .unwrap_or_else(|e| panic!("injecting axe-core: {e}"));
        let result = self
            .client
            .execute_async(
                "var done = arguments[arguments.length - 1];\
                 axe.run(document, {iframes: false}).then(function (r) { done(r.violations.map(function (v) {\
                   return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length};\
                 })); }, function (e) { done({error: String(e)}); });",
                vec![],
            )
            .await
            .unwrap_or_else(|e| panic!("running axe: {e}"));
        let Value::Array(violations) = result else {
            panic!("axe failed: {result}");
        };
        violations
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .map(|v| format!("{}: {} ({} nodes)", v["id"], v["help"], v["nodes"]))
            .collect()
    }

    /// Saves a PNG of the page to `target/kyc-screenshots/<name>.png` (or
    /// `KYC_SCREENSHOTS`), and returns its path.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = std::env::var_os("KYC_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| std::env::temp_dir().join("kyc-screenshots"));
        let _ = std::fs::create_dir_all(&dir);
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("a screenshot of {name}: {e}"));
        assert!(png.len() > 1000, "the screenshot of {name} is empty");
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        path
    }

    /// The console's warnings and errors since the last call, from Chrome's
    /// own log. An answer that is not a list is an error, never a quiet console.
    pub async fn console_problems(&self) -> Vec<String> {
        let answer = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .unwrap_or_else(|e| panic!("reading Chrome's log: {e}"));
        let Some(entries) = answer.as_array() else {
            panic!("Chrome's log is not a list of entries: {answer}");
        };
        entries
            .iter()
            .filter(|e| matches!(e["level"].as_str(), Some("WARNING" | "SEVERE")))
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// Closes the browser and chromedriver.
    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// ChromeDriver's log endpoint (`POST /session/{id}/se/log`): the browser's
/// console messages since the last read.
#[derive(Debug)]
struct BrowserLog;

impl fantoccini::wd::WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"browser"}"#.to_owned()))
    }
}

impl Stack {
    /// Signs in as `name` through the `sign_in` server function; returns the
    /// session cookie (`kyc_session=…`) to send as `Cookie`.
    pub async fn sign_in(&self, name: &str) -> String {
        let answer = self
            .http
            .post(format!("{}/api/sign_in", self.app_url))
            .form(&[("name", name)])
            .send()
            .await
            .unwrap_or_else(|e| panic!("signing in as {name}: {e}"));
        assert!(
            answer.status().is_success(),
            "signing in: {}",
            answer.status()
        );
        answer
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with("kyc_session="))
            .and_then(|v| v.split(';').next())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("signing in as {name} set no session cookie"))
    }

    /// Calls the server function at `/api/{endpoint}` with `cookie` (if any)
    /// and the form `fields`: its HTTP status and its JSON answer.
    pub async fn call(
        &self,
        endpoint: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut request = self
            .http
            .post(format!("{}/api/{endpoint}", self.app_url))
            .form(fields);
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        let answer = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("calling {endpoint}: {e}"));
        let status = answer.status().as_u16();
        let text = answer.text().await.unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    /// Posts `body` to the app's webhook route with `signature` (none if `None`).
    pub async fn deliver(&self, body: &str, signature: Option<&str>) -> (u16, String) {
        let mut request = self
            .http
            .post(format!("{}/webhooks/persona", self.app_url))
            .header("Content-Type", "application/json")
            .body(body.to_owned());
        if let Some(signature) = signature {
            request = request.header("Persona-Signature", signature);
        }
        let answer = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("delivering a webhook: {e}"));
        let status = answer.status().as_u16();
        (status, answer.text().await.unwrap_or_default())
    }
}
