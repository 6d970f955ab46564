//! `cargo xtask bench`: leptos-persona side by side with the official JavaScript
//! SDK (`persona@5.9.0`), on the same simulated flow, in one headless Chromium.
//!
//! Three pages, each loaded cold (browser cache cleared, every response
//! `no-store`) `--loads` times (default 7), in an order that rotates every round;
//! the figures are medians:
//!
//! - **persona.js**: `xtask/bench/sdk.html` with the SDK installed by `npm ci` from
//!   `xtask/bench/package-lock.json` and served from loopback. Inline flows use the
//!   SDK's `setupIframe` / `setupEvents` as persona-react does; the modal is
//!   `new Persona.Client(…)`.
//! - **leptos-persona**, client-rendered: `examples/bench`, `trunk build --release`.
//! - **SSR**: the server-rendered example's `/bench` page, server and client built
//!   for release (the client through `wasm-opt -Oz`, like trunk's).
//!
//! A fourth page, `xtask/bench/floor.html`, holds the same flow with a bare
//! message listener: the browser's own share of the message figure.
//!
//! The flow is the flow simulator on an ephemeral port, addressed as
//! `localhost:PORT`: the SDK takes a host that starts with `localhost` as
//! `http://localhost:PORT` (its `development` host is the fixed
//! `localhost:3000`, which `cargo xtask ssr` and other local servers use), and so
//! does leptos-persona. The pages are served from `127.0.0.1`, a different site,
//! so the flow runs in its own renderer process and the page's main thread only
//! does the page's work.
//!
//! Every page marks `bench:ready` (User Timing) in its ready callback and
//! `bench:flood-end` when the last message of the simulator's `flood` burst
//! reaches its event callback; the bench reads those marks, Resource Timing and
//! the Chrome DevTools Protocol (`Performance.getMetrics`, `Runtime.getHeapUsage`,
//! `HeapProfiler.collectGarbage`) through chromedriver. A figure that cannot be
//! measured on a side says why instead of showing a number.
//!
//! The run also checks what it reads, on every load of every page (see
//! [`flood_figures`], [`memory_figures`], [`loaded`]): each page counts the
//! `page-change` messages that reached its callback (`window.benchPageChanges()`),
//! and a page whose flood count is not the number sent would have its cost
//! divided among messages it never handled; every figure read must be there and
//! finite; the event listeners after the mount/unmount cycles must be the
//! listeners before. A wrong figure fails the run, the smoke run and a full one
//! alike, with a `bench: wrong figure:` line that names the page.
//!
//! `cargo xtask bench --smoke` runs [`smoke`] alone.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::{root, run, static_server, tools};

/// How much a run measures.
struct Settings {
    /// Cold loads per page and figure.
    loads: usize,
    /// `page-change` messages in the flood.
    flood: u32,
    /// Inline instances on the crowded page.
    instances: usize,
    /// Mount/unmount cycles before the memory is read again.
    cycles: usize,
}

impl Settings {
    fn full() -> Self {
        Self {
            loads: 7,
            flood: 10_000,
            instances: 50,
            cycles: 100,
        }
    }

    /// `cargo xtask test`'s smoke run: one load per page, every figure.
    fn smoke() -> Self {
        Self {
            loads: 1,
            flood: 10_000,
            instances: 50,
            cycles: 10,
        }
    }
}

/// Which page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    /// leptos-persona, client-rendered.
    Ours,
    /// The official SDK.
    Sdk,
    /// leptos-persona, server-rendered.
    Ssr,
    /// A bare message listener (`xtask/bench/floor.html`): the browser's own cost
    /// of a message, under the message figure.
    Floor,
}

impl Side {
    /// The page, as a wrong figure names it.
    fn page(self) -> &'static str {
        match self {
            Side::Ours => "the leptos-persona page (examples/bench)",
            Side::Sdk => "the persona.js page (xtask/bench/sdk.html)",
            Side::Ssr => "the SSR page (examples/ssr, /bench)",
            Side::Floor => "the floor page (xtask/bench/floor.html)",
        }
    }
}

/// A served bench page.
struct Page {
    side: Side,
    /// The page's URL without its query.
    url: String,
    /// Where the files it downloads are, by URL path.
    files: PathBuf,
}

impl Page {
    fn with(&self, flow_host: &str, instances: usize, mode: &str, scenario: &str) -> String {
        format!(
            "{}?host={flow_host}&n={instances}&mode={mode}&scenario={scenario}",
            self.url
        )
    }
}

/// What `cargo xtask bench` was asked for.
#[derive(Debug, PartialEq, Eq)]
enum Run {
    /// The full bench, with this many cold loads per page.
    Full { loads: usize },
    /// [`smoke`] alone.
    Smoke,
}

/// Parses `[--loads N | --smoke]`.
fn parse_args(args: &[String]) -> Result<Run, String> {
    let (mut loads, mut smoke) = (None, false);
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        match flag.as_str() {
            "--smoke" => smoke = true,
            "--loads" => {
                let value = iter.next().ok_or_else(|| format!("{flag} needs a value"))?;
                let n = value.parse().ok().filter(|n: &usize| *n > 0);
                loads =
                    Some(n.ok_or_else(|| format!("--loads: {value:?} is not a positive number"))?);
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    match (smoke, loads) {
        (true, Some(_)) => Err("--smoke runs one load per page: it takes no --loads".into()),
        (true, None) => Ok(Run::Smoke),
        (false, loads) => Ok(Run::Full {
            loads: loads.unwrap_or(Settings::full().loads),
        }),
    }
}

/// `cargo xtask bench [--loads N | --smoke]`.
pub fn bench(args: &[String]) -> Result<(), String> {
    let mut settings = Settings::full();
    match parse_args(args)? {
        Run::Smoke => return smoke(),
        Run::Full { loads } => settings.loads = loads,
    }
    let started = Instant::now();
    let tools = tools::ensure_browser_tools()?;
    let bindgen_dir = tools
        .test_runner
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let wasm_opt = tools::ensure_wasm_opt()?;
    let sdk_files = install_sdk()?;
    let csr_files = build_bench_app(&bindgen_dir, &wasm_opt)?;
    let (server, site) = build_ssr_release(&bindgen_dir, &wasm_opt)?;
    let simulator = tools::Simulator::start()?;
    let flow_host = localhost_host(&simulator.url)?;
    let ssr = ssr_server(&server, &site, &flow_host)?;
    let (pages, floor) = pages(sdk_files, csr_files, &ssr.url, site)?;
    let built = started.elapsed();
    let measuring = Instant::now();
    let result = measure(&tools.chromedriver, &pages, &floor, &flow_host, &settings);
    println!(
        "xtask bench: {} cold loads per page; built in {:.1} s, measured in {:.1} s. Command: cargo xtask bench",
        settings.loads,
        built.as_secs_f64(),
        measuring.elapsed().as_secs_f64()
    );
    drop(ssr);
    drop(simulator);
    result
}

/// The smoke run at the end of `cargo xtask test`: every figure, one load per
/// page, so the bench cannot rot. It reuses the test's builds: the release
/// dependencies the demo's trunk build compiled and `tools::build_ssr_example`.
pub fn smoke() -> Result<(), String> {
    let started = Instant::now();
    let tools = tools::ensure_browser_tools()?;
    let bindgen_dir = tools
        .test_runner
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let wasm_opt = tools::ensure_wasm_opt()?;
    let sdk_files = install_sdk()?;
    let csr_files = build_bench_app(&bindgen_dir, &wasm_opt)?;
    let site = tools::build_ssr_example()?;
    let simulator = tools::Simulator::start()?;
    let flow_host = localhost_host(&simulator.url)?;
    let ssr = tools::Service::ssr_example(&site, &format!("http://{flow_host}"), 0, 0)?;
    let (pages, floor) = pages(sdk_files, csr_files, &ssr.url, site)?;
    let result = measure(
        &tools.chromedriver,
        &pages,
        &floor,
        &flow_host,
        &Settings::smoke(),
    );
    println!(
        "xtask bench smoke (1 load per page, not timed for pass/fail): {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(ssr);
    drop(simulator);
    result
}

/// Serves the pages: the three compared ones, and the floor page.
fn pages(
    sdk: PathBuf,
    csr: PathBuf,
    ssr_url: &str,
    site: PathBuf,
) -> Result<([Page; 3], Page), String> {
    let sdk_url = static_server::serve(sdk.clone(), 0)?;
    let csr_url = static_server::serve(csr.clone(), 0)?;
    let floor = Page {
        side: Side::Floor,
        url: format!("{sdk_url}/floor.html"),
        files: sdk.clone(),
    };
    let compared = [
        Page {
            side: Side::Sdk,
            url: format!("{sdk_url}/sdk.html"),
            files: sdk,
        },
        Page {
            side: Side::Ours,
            url: format!("{csr_url}/"),
            files: csr,
        },
        Page {
            side: Side::Ssr,
            url: format!("{ssr_url}/bench"),
            files: site,
        },
    ];
    Ok((compared, floor))
}

/// `http://127.0.0.1:PORT` → `localhost:PORT`: the flow's host on every page.
fn localhost_host(url: &str) -> Result<String, String> {
    let port = url
        .rsplit(':')
        .next()
        .and_then(|p| p.trim_end_matches('/').parse::<u16>().ok())
        .ok_or_else(|| format!("no port in the simulator's URL {url:?}"))?;
    Ok(format!("localhost:{port}"))
}

/// Installs `persona@5.9.0` with `npm ci` from `xtask/bench/package-lock.json` into
/// `target/bench-sdk`, next to copies of `sdk.html` and `floor.html`; returns that folder.
fn install_sdk() -> Result<PathBuf, String> {
    let source = root().join("xtask/bench");
    let dir = tools::target_dir().join("bench-sdk");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let lock = read(&source.join("package-lock.json"))?;
    let installed = dir.join("node_modules/persona/dist/persona.js");
    let current = read(&dir.join("package-lock.json")).ok().as_ref() == Some(&lock);
    for file in [
        "package.json",
        "package-lock.json",
        "sdk.html",
        "floor.html",
    ] {
        std::fs::copy(source.join(file), dir.join(file))
            .map_err(|e| format!("copying {file} to {}: {e}", dir.display()))?;
    }
    if !(current && installed.is_file()) {
        if std::process::Command::new("npm")
            .arg("--version")
            .output()
            .is_err()
        {
            return Err(
                "npm is missing: install Node.js and npm (Debian: apt-get install -y nodejs npm), \
                 which the bench needs for the official SDK"
                    .into(),
            );
        }
        run(
            "npm ci (persona@5.9.0, the official SDK)",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
        )?;
    }
    if installed.is_file() {
        Ok(dir)
    } else {
        Err(format!("{} is missing after npm ci", installed.display()))
    }
}

/// Checks that `examples/bench/Trunk.toml` pins the wasm-bindgen of Cargo.lock.
fn check_bench_trunk_pins() -> Result<(), String> {
    let version = tools::locked_version("wasm-bindgen")?;
    let path = root().join("examples/bench/Trunk.toml");
    let text =
        std::fs::read_to_string(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    if text.contains(&format!("wasm_bindgen = \"{version}\"")) {
        Ok(())
    } else {
        Err(format!(
            "{} must pin `wasm_bindgen = \"{version}\"` (the wasm-bindgen in Cargo.lock) so trunk stays offline",
            path.display()
        ))
    }
}

/// `trunk build --release` of `examples/bench`; returns its dist folder.
fn build_bench_app(bindgen_dir: &Path, wasm_opt: &Path) -> Result<PathBuf, String> {
    tools::check_trunk_pins()?;
    check_bench_trunk_pins()?;
    let mut trunk = tools::trunk()?;
    let dist = tools::target_dir().join("bench-dist");
    run(
        "trunk build --release (the bench page, client-rendered)",
        trunk
            .args(["build", "--release", "--dist"])
            .arg(&dist)
            .current_dir(root().join("examples/bench"))
            .env("PATH", tools::path_with(&[wasm_opt, bindgen_dir])),
    )?;
    Ok(dist)
}

/// The SSR example for release: the server with `ssr`, the client with `hydrate`,
/// wasm-bindgen, then `wasm-opt -Oz` as trunk does. Returns the server binary and
/// the site root.
fn build_ssr_release(bindgen_dir: &Path, wasm_opt: &Path) -> Result<(PathBuf, PathBuf), String> {
    tools::build_ssr_binaries(true)?;
    let site = tools::target_dir().join("bench-ssr-site");
    let pkg = site.join("pkg");
    let built = tools::ssr_client_wasm();
    let wasm = pkg.join("persona-ssr-example_bg.wasm");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    // wasm-opt takes a while: skip both steps when their output is newer than cargo's.
    let current = matches!((modified(&built), modified(&wasm)), (Some(b), Some(w)) if w > b);
    if !current {
        tools::bindgen_ssr_client(&bindgen_dir.join("wasm-bindgen"), &pkg)?;
        run(
            "wasm-opt -Oz the SSR example client",
            Command::new(wasm_opt.join("wasm-opt"))
                .arg("-Oz")
                .arg(&wasm)
                .arg("-o")
                .arg(&wasm),
        )?;
    }
    Ok((
        tools::target_dir().join("release/persona-ssr-example"),
        site,
    ))
}

/// The release SSR server on an ephemeral port, its flow on `flow_host`.
fn ssr_server(binary: &Path, site: &Path, flow_host: &str) -> Result<tools::Service, String> {
    let mut command = Command::new(binary);
    command
        .current_dir(root())
        .env("LEPTOS_OUTPUT_NAME", "persona-ssr-example")
        .env("LEPTOS_SITE_ROOT", site)
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("PERSONA_HOST", format!("http://{flow_host}"))
        .env("PERSONA_SSR_WASM_DELAY_MS", "0");
    tools::Service::spawn(command, "ssr example listening on ")
}

// ---------------------------------------------------------------------------
// The browser: chromedriver over plain HTTP, CDP through `goog/cdp/execute`.

/// One headless Chromium and its chromedriver; both go away on drop.
struct Driver {
    address: String,
    session: String,
    chromedriver: Child,
    profile: PathBuf,
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free loopback port: {e}"))
}

/// One HTTP/1.1 exchange with chromedriver; the JSON answer, or its error.
fn http_json(address: &str, method: &str, path: &str, body: &Value) -> Result<Value, String> {
    let fail = |e: std::io::Error| format!("{method} {path} to chromedriver: {e}");
    let mut stream = TcpStream::connect(address).map_err(fail)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(900)))
        .map_err(fail)?;
    let body = if body.is_null() {
        String::new()
    } else {
        body.to_string()
    };
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(fail)?;
    let mut reader = BufReader::new(stream);
    let mut status_line = String::new();
    reader.read_line(&mut status_line).map_err(fail)?;
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{method} {path}: bad status line {status_line:?}"))?;
    let (mut length, mut chunked) = (None, false);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).map_err(fail)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
            if name == "content-length" {
                length = value.parse::<usize>().ok();
            } else if name == "transfer-encoding" && value.eq_ignore_ascii_case("chunked") {
                chunked = true;
            }
        }
    }
    let mut payload = Vec::new();
    if chunked {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).map_err(fail)?;
            let size = usize::from_str_radix(size.trim(), 16)
                .map_err(|_| format!("{method} {path}: bad chunk size {size:?}"))?;
            if size == 0 {
                break;
            }
            let start = payload.len();
            payload.resize(start + size, 0);
            reader.read_exact(&mut payload[start..]).map_err(fail)?;
            let mut crlf = [0u8; 2];
            reader.read_exact(&mut crlf).map_err(fail)?;
        }
    } else if let Some(length) = length {
        payload.resize(length, 0);
        reader.read_exact(&mut payload).map_err(fail)?;
    } else {
        reader.read_to_end(&mut payload).map_err(fail)?;
    }
    let value: Value = serde_json::from_slice(&payload)
        .map_err(|e| format!("{method} {path}: chromedriver's answer is not JSON: {e}"))?;
    if status >= 400 || value["value"]["error"].is_string() {
        let message: String = value["value"]["message"]
            .as_str()
            .unwrap_or("")
            .chars()
            .take(300)
            .collect();
        return Err(format!(
            "{method} {path}: {} ({message})",
            value["value"]["error"].as_str().unwrap_or("HTTP error")
        ));
    }
    Ok(value["value"].clone())
}

impl Driver {
    fn start(chromedriver: &Path) -> Result<Self, String> {
        let port = free_port()?;
        let address = format!("127.0.0.1:{port}");
        let child = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("starting {}: {e}", chromedriver.display()))?;
        let profile =
            std::env::temp_dir().join(format!("persona-bench-{}-{port}", std::process::id()));
        let mut driver = Self {
            address,
            session: String::new(),
            chromedriver: child,
            profile,
        };
        std::fs::create_dir_all(&driver.profile)
            .map_err(|e| format!("{}: {e}", driver.profile.display()))?;
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "timeouts": { "script": 600_000, "pageLoad": 120_000, "implicit": 0 },
            "goog:chromeOptions": { "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--site-per-process", "--window-size=1280,1000",
                format!("--user-data-dir={}", driver.profile.display()),
            ]},
        }}});
        let started = Instant::now();
        let session = loop {
            match http_json(&driver.address, "POST", "/session", &capabilities) {
                Ok(value) => break value,
                Err(_) if started.elapsed() < Duration::from_secs(20) => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(error) => return Err(format!("no browser session: {error}")),
            }
        };
        driver.session = session["sessionId"]
            .as_str()
            .ok_or("chromedriver returned no session id")?
            .to_owned();
        Ok(driver)
    }

    fn command(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        http_json(
            &self.address,
            method,
            &format!("/session/{}{path}", self.session),
            &body,
        )
    }

    fn goto(&self, url: &str) -> Result<(), String> {
        self.command("POST", "/url", json!({ "url": url }))
            .map(drop)
    }

    fn execute(&self, script: &str, args: Value) -> Result<Value, String> {
        self.command(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": args }),
        )
    }

    fn execute_async(&self, script: &str, args: Value) -> Result<Value, String> {
        self.command(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": args }),
        )
    }

    /// A Chrome DevTools Protocol command on the page.
    fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.command(
            "POST",
            "/goog/cdp/execute",
            json!({ "cmd": cmd, "params": params }),
        )
    }

    /// Navigates to `url` with nothing cached.
    fn cold_load(&self, url: &str) -> Result<(), String> {
        self.goto("about:blank")?;
        self.cdp("Network.clearBrowserCache", json!({}))?;
        self.goto(url)
    }

    /// `Performance.getMetrics` as a map.
    fn metrics(&self) -> Result<BTreeMap<String, f64>, String> {
        let value = self.cdp("Performance.getMetrics", json!({}))?;
        Ok(value["metrics"]
            .as_array()
            .map(|metrics| {
                metrics
                    .iter()
                    .filter_map(|m| Some((m["name"].as_str()?.to_owned(), m["value"].as_f64()?)))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// What `window.benchPageChanges()` answers: the `page-change` messages that
    /// reached the page's callback so far (`None` when the page has no such function).
    fn page_changes(&self) -> Result<Option<f64>, String> {
        Ok(self.execute(PAGE_CHANGES_JS, json!([]))?.as_f64())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = http_json(
                &self.address,
                "DELETE",
                &format!("/session/{}", self.session),
                &Value::Null,
            );
        }
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

// ---------------------------------------------------------------------------
// What runs in the page.

/// Before any script of every page: keeps each WebAssembly memory the page
/// instantiates (whatever loader it uses) in `window.__benchWasmMemories`.
const INSTRUMENT_JS: &str = r#"(function () {
  if (window.top !== window || window.__benchWasmMemories) return;
  var memories = [];
  window.__benchWasmMemories = memories;
  function keep(result) {
    try {
      var instance = result && result.instance ? result.instance : result;
      var exports = instance && instance.exports;
      for (var name in exports) if (exports[name] instanceof WebAssembly.Memory) memories.push(exports[name]);
    } catch (e) { /* not an instance */ }
    return result;
  }
  var instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = function () { return instantiate.apply(this, arguments).then(keep); };
  var streaming = WebAssembly.instantiateStreaming;
  if (streaming) WebAssembly.instantiateStreaming = function () { return streaming.apply(this, arguments).then(keep); };
})();"#;

/// Waits until `want` ready marks and `want` `/widget` requests are there; returns
/// their times (ms from navigation) and the page's own `.js` / `.wasm` downloads.
const WAIT_READY_JS: &str = r#"var want = arguments[0], timeout = arguments[1], done = arguments[arguments.length - 1];
var started = Date.now();
function widgets() {
  return performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('/widget?') >= 0; });
}
(function poll() {
  var ready = performance.getEntriesByName('bench:ready', 'mark');
  var ok = ready.length >= want && widgets().length >= want;
  if (!ok && Date.now() - started < timeout) return setTimeout(poll, 50);
  var code = performance.getEntriesByType('resource').map(function (e) { return new URL(e.name); })
    .filter(function (u) { return u.origin === location.origin && /\.(js|wasm)$/.test(u.pathname); })
    .map(function (u) { return u.pathname; });
  done({
    ok: ok,
    ready: ready.map(function (e) { return e.startTime; }),
    widget: widgets().map(function (e) { return e.startTime; }),
    code: code
  });
})();"#;

/// Asks the flow for a burst of `count` `page-change` messages and waits until
/// the last one reached the page's event callback, then two more frames (so the
/// work the page deferred is done too).
const FLOOD_JS: &str = r#"var count = arguments[0], origin = arguments[1], timeout = arguments[2], done = arguments[arguments.length - 1];
var frame = document.querySelector('iframe');
if (!frame || !frame.contentWindow) return done({ ok: false, why: 'the page has no iframe' });
var started = Date.now();
frame.contentWindow.postMessage({ action: 'sim-flood', metadata: { count: count } }, origin);
(function poll() {
  if (performance.getEntriesByName('bench:flood-end', 'mark').length > 0) {
    return requestAnimationFrame(function () {
      requestAnimationFrame(function () { done({ ok: true, ms: Date.now() - started }); });
    });
  }
  if (Date.now() - started > timeout) return done({ ok: false, why: 'the last message never reached the callback (' + timeout + ' ms)' });
  setTimeout(poll, 50);
})();"#;

/// `window.benchPageChanges()`, or `null` when the page has none.
const PAGE_CHANGES_JS: &str =
    "return typeof window.benchPageChanges === 'function' ? window.benchPageChanges() : null;";

/// `cycles` times: unmount (until no iframe is left), mount (until one more ready mark).
const CYCLES_JS: &str = r#"var cycles = arguments[0], timeout = arguments[1], done = arguments[arguments.length - 1];
var button = document.getElementById('bench-toggle');
if (!button) return done({ ok: false, why: 'the page has no #bench-toggle' });
var started = Date.now(), cycle = 0;
function ready() { return performance.getEntriesByName('bench:ready', 'mark').length; }
function until(condition, then, what) {
  (function poll() {
    if (condition()) return then();
    if (Date.now() - started > timeout) return done({ ok: false, why: 'cycle ' + cycle + ': ' + what + ' timed out' });
    setTimeout(poll, 5);
  })();
}
(function next() {
  if (cycle === cycles) return done({ ok: true, ms: Date.now() - started });
  cycle += 1;
  button.click();
  until(function () { return !document.querySelector('iframe'); }, function () {
    var before = ready();
    button.click();
    until(function () { return ready() > before; }, next, 'mount');
  }, 'unmount');
})();"#;

/// Drops the bench's own bookkeeping (its marks, the Resource Timing entries of
/// the iframes it made) so that it is not counted, then sums the page's live
/// WebAssembly memories (bytes; `null` without any).
const WASM_MEMORY_JS: &str = r#"performance.clearMarks();
performance.clearResourceTimings();
var m = window.__benchWasmMemories || [];
return m.length ? m.reduce(function (sum, memory) { return sum + memory.buffer.byteLength; }, 0) : null;"#;

// ---------------------------------------------------------------------------
// Measuring.

/// The figures measured on every cold load.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Figure {
    WidgetInline,
    ReadyInline,
    WidgetModal,
    ReadyModal,
    MessageCost,
    MessageScript,
    CrowdReady,
}

/// Per figure and side: the samples, and why loads failed; and every wrong
/// figure, once each.
#[derive(Default)]
struct Samples {
    values: BTreeMap<(Figure, Side), Vec<f64>>,
    failures: BTreeMap<(Figure, Side), Vec<String>>,
    wrong: Vec<String>,
}

impl Samples {
    fn record(&mut self, figure: Figure, side: Side, value: Result<f64, Miss>) {
        let miss = match value {
            Ok(v) => match finite(side, &format!("{figure:?}"), Some(v)) {
                Ok(v) => return self.values.entry((figure, side)).or_default().push(v),
                Err(miss) => miss,
            },
            Err(miss) => miss,
        };
        if let Miss::Wrong(why) = &miss {
            if !self.wrong.contains(why) {
                self.wrong.push(why.clone());
            }
        }
        self.failures
            .entry((figure, side))
            .or_default()
            .push(miss.why().to_owned());
    }

    /// The median, noting failed loads; or why there is none.
    fn cell(&self, figure: Figure, side: Side) -> Cell {
        let failures = self.failures.get(&(figure, side));
        match self.values.get(&(figure, side)) {
            Some(values) if !values.is_empty() => {
                let note = failures.map_or(String::new(), |f| {
                    format!(
                        " ({} of {} loads failed: {})",
                        f.len(),
                        f.len() + values.len(),
                        f[0]
                    )
                });
                Cell::Value(median(values), note)
            }
            _ => Cell::Failed(
                failures
                    .and_then(|f| f.first().cloned())
                    .unwrap_or_else(|| "no load ran".into()),
            ),
        }
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// One side's value in a line.
enum Cell {
    /// A measured value and a note after it.
    Value(f64, String),
    /// The figure does not exist on that side (and why).
    NotApplicable(String),
    /// It could not be measured (and why).
    Failed(String),
}

impl Cell {
    fn value(&self) -> Option<f64> {
        match self {
            Cell::Value(v, _) => Some(*v),
            _ => None,
        }
    }

    fn show(&self, format: fn(f64) -> String) -> String {
        match self {
            Cell::Value(v, note) => format!("{}{note}", format(*v)),
            Cell::NotApplicable(why) => format!("n/a ({why})"),
            Cell::Failed(why) => format!("not measured ({why})"),
        }
    }
}

fn ratio(x: &Cell, y: &Cell) -> String {
    match (x.value(), y.value()) {
        (Some(x), Some(y)) if y > 0.0 && x >= 0.0 => format!("{:.2}", x / y),
        (Some(_), Some(y)) => format!("n/a (persona.js {y})"),
        _ => "n/a".into(),
    }
}

/// Prints `bench: <figure>: leptos-persona <x>, persona.js <y>, ratio <x/y>; SSR <z>, ratio <z/y>`
/// and `extra` after it; returns how many cells failed.
fn print_line(label: &str, cells: [&Cell; 3], format: fn(f64) -> String, extra: &str) -> usize {
    let [ours, sdk, ssr] = cells;
    println!(
        "bench: {label}: leptos-persona {}, persona.js {}, ratio {}; SSR {}, ratio {}{extra}",
        ours.show(format),
        sdk.show(format),
        ratio(ours, sdk),
        ssr.show(format),
        ratio(ssr, sdk),
    );
    cells
        .iter()
        .filter(|c| matches!(c, Cell::Failed(_)))
        .count()
}

fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ms(v: f64) -> String {
    format!("{v:.0}")
}

fn us(v: f64) -> String {
    format!("{v:.1}")
}

fn bytes(v: f64) -> String {
    grouped(v.max(0.0).round() as u64)
}

fn kib(v: f64) -> String {
    format!("{:+.0}", v / 1024.0)
}

/// What one `wait_ready` saw.
#[derive(Debug)]
struct Loaded {
    ready: Vec<f64>,
    widget: Vec<f64>,
    code: Vec<String>,
}

const READY_TIMEOUT_MS: u64 = 60_000;

fn wait_ready(driver: &Driver, side: Side, want: usize) -> Result<Loaded, Miss> {
    let seen = driver.execute_async(WAIT_READY_JS, json!([want, READY_TIMEOUT_MS]))?;
    loaded(side, want, &seen)
}

/// Why a figure has no value on one load.
#[derive(Clone, Debug, PartialEq)]
enum Miss {
    /// The load did not get that far (a timeout, a browser error): a full run
    /// notes it and goes on with its other loads; a figure that no load
    /// measured fails the run.
    Failed(String),
    /// The page or the browser reported a wrong figure (missing, not finite, a
    /// count of callbacks other than the messages sent, event listeners that
    /// changed): it fails any run.
    Wrong(String),
}

impl Miss {
    fn why(&self) -> &str {
        match self {
            Miss::Failed(why) | Miss::Wrong(why) => why,
        }
    }
}

impl From<String> for Miss {
    fn from(why: String) -> Self {
        Miss::Failed(why)
    }
}

/// `value`, the figure `name` of `side`'s page, when it is there and finite.
fn finite(side: Side, name: &str, value: Option<f64>) -> Result<f64, Miss> {
    match value {
        Some(v) if v.is_finite() => Ok(v),
        Some(v) => Err(Miss::Wrong(format!(
            "{}: {name} is {v}, not a finite number",
            side.page()
        ))),
        None => Err(Miss::Wrong(format!("{}: {name} is missing", side.page()))),
    }
}

/// A count as the messages show it: `5,000`, or the value as read when it is
/// not a whole number.
fn count(v: f64) -> String {
    if v >= 0.0 && v.fract() == 0.0 && v < 1e15 {
        grouped(v as u64)
    } else {
        format!("{v}")
    }
}

/// `WAIT_READY_JS`'s answer, checked: on time, and every time a finite number.
fn loaded(side: Side, want: usize, seen: &Value) -> Result<Loaded, Miss> {
    let length = |key: &str| seen[key].as_array().map_or(0, Vec::len);
    if seen["ok"].as_bool() != Some(true) {
        return Err(Miss::Failed(format!(
            "after {} s: {} of {want} ready callbacks, {} of {want} /widget requests",
            READY_TIMEOUT_MS / 1000,
            length("ready"),
            length("widget")
        )));
    }
    let times = |key: &str, name: &str| -> Result<Vec<f64>, Miss> {
        let values = seen[key]
            .as_array()
            .ok_or_else(|| Miss::Wrong(format!("{}: the {name} times are missing", side.page())))?;
        if values.len() < want {
            return Err(Miss::Wrong(format!(
                "{}: {} {name} times for the {want} the page reported ready",
                side.page(),
                values.len()
            )));
        }
        values
            .iter()
            .map(|v| finite(side, &format!("a {name} time"), v.as_f64()))
            .collect()
    };
    let code = seen["code"]
        .as_array()
        .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_owned)).collect())
        .ok_or_else(|| Miss::Wrong(format!("{}: the code downloads are missing", side.page())))?;
    Ok(Loaded {
        ready: times("ready", "bench:ready")?,
        widget: times("widget", "/widget request")?,
        code,
    })
}

fn first(values: &[f64]) -> Result<f64, Miss> {
    values
        .iter()
        .copied()
        .min_by(f64::total_cmp)
        .ok_or_else(|| Miss::Failed("nothing recorded".into()))
}

fn last(values: &[f64]) -> Result<f64, Miss> {
    values
        .iter()
        .copied()
        .max_by(f64::total_cmp)
        .ok_or_else(|| Miss::Failed("nothing recorded".into()))
}

/// Lets the page finish what its load started before a measurement.
fn settle() {
    std::thread::sleep(Duration::from_millis(500));
}

/// What one flood read from the browser and the page.
#[derive(Clone, Debug, Default)]
struct FloodReading {
    /// `Performance.getMetrics` just before the flood.
    metrics_before: BTreeMap<String, f64>,
    /// `Performance.getMetrics` just after it.
    metrics_after: BTreeMap<String, f64>,
    /// `window.benchPageChanges()` before the flood (`None`: the page did not say).
    callbacks_before: Option<f64>,
    /// `window.benchPageChanges()` after the flood.
    callbacks_after: Option<f64>,
}

/// The flood's figures, main-thread time and script time per message (µs),
/// once every figure read is there and finite and the page's callback received
/// exactly the `sent` `page-change` messages.
fn flood_figures(side: Side, sent: u32, reading: &FloodReading) -> Result<(f64, f64), Miss> {
    let callbacks = |when: &str, value: Option<f64>| {
        finite(
            side,
            &format!("window.benchPageChanges() {when} the flood"),
            value,
        )
    };
    let received = callbacks("after", reading.callbacks_after)?
        - callbacks("before", reading.callbacks_before)?;
    if received != f64::from(sent) {
        return Err(Miss::Wrong(format!(
            "{}: {} page-change callbacks for the {} page-change messages sent",
            side.page(),
            count(received),
            grouped(u64::from(sent))
        )));
    }
    let metric = |metrics: &BTreeMap<String, f64>, when: &str, name: &str| {
        finite(
            side,
            &format!("Performance.getMetrics {name} {when} the flood"),
            metrics.get(name).copied(),
        )
    };
    // Seconds of main-thread work without DevTools' own commands, and of script.
    let times = |metrics: &BTreeMap<String, f64>, when: &str| -> Result<(f64, f64), Miss> {
        Ok((
            metric(metrics, when, "TaskDuration")?
                - metric(metrics, when, "DevToolsCommandDuration")?,
            metric(metrics, when, "ScriptDuration")?,
        ))
    };
    let before = times(&reading.metrics_before, "before")?;
    let after = times(&reading.metrics_after, "after")?;
    let per_message = |seconds: f64| seconds * 1e6 / f64::from(sent.max(1));
    Ok((
        per_message(after.0 - before.0),
        per_message(after.1 - before.1),
    ))
}

/// The inline page on the `flood` scenario: figures 1 and 2 (inline), then the
/// cost of one message. Returns the page's code downloads.
fn inline_and_flood(
    driver: &Driver,
    page: &Page,
    flow_host: &str,
    settings: &Settings,
    samples: &mut Samples,
) -> Vec<String> {
    let side = page.side;
    let loaded = driver
        .cold_load(&page.with(flow_host, 1, "inline", "flood"))
        .map_err(Miss::from)
        .and_then(|()| wait_ready(driver, side, 1));
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            for figure in [
                Figure::WidgetInline,
                Figure::ReadyInline,
                Figure::MessageCost,
            ] {
                samples.record(figure, side, Err(e.clone()));
            }
            return Vec::new();
        }
    };
    samples.record(Figure::WidgetInline, side, first(&loaded.widget));
    samples.record(Figure::ReadyInline, side, first(&loaded.ready));
    let reading = (|| -> Result<FloodReading, String> {
        driver.cdp("Performance.enable", json!({}))?;
        settle();
        let callbacks_before = driver.page_changes()?;
        let metrics_before = driver.metrics()?;
        let flood = driver.execute_async(
            FLOOD_JS,
            json!([settings.flood, format!("http://{flow_host}"), 120_000]),
        )?;
        if flood["ok"].as_bool() != Some(true) {
            return Err(flood["why"].as_str().unwrap_or("flood failed").to_owned());
        }
        let metrics_after = driver.metrics()?;
        Ok(FloodReading {
            metrics_before,
            metrics_after,
            callbacks_before,
            callbacks_after: driver.page_changes()?,
        })
    })();
    let cost = reading
        .map_err(Miss::from)
        .and_then(|reading| flood_figures(side, settings.flood, &reading));
    samples.record(Figure::MessageCost, side, cost.clone().map(|c| c.0));
    samples.record(Figure::MessageScript, side, cost.map(|c| c.1));
    loaded.code
}

fn modal(driver: &Driver, page: &Page, flow_host: &str, samples: &mut Samples) {
    let loaded = driver
        .cold_load(&page.with(flow_host, 1, "modal", "happy"))
        .map_err(Miss::from)
        .and_then(|()| wait_ready(driver, page.side, 1));
    let (widget, ready) = match &loaded {
        Ok(l) => (first(&l.widget), first(&l.ready)),
        Err(e) => (Err(e.clone()), Err(e.clone())),
    };
    samples.record(Figure::WidgetModal, page.side, widget);
    samples.record(Figure::ReadyModal, page.side, ready);
}

fn crowd(driver: &Driver, page: &Page, flow_host: &str, n: usize, samples: &mut Samples) {
    let all_ready = driver
        .cold_load(&page.with(flow_host, n, "inline", "happy"))
        .map_err(Miss::from)
        .and_then(|()| wait_ready(driver, page.side, n))
        .and_then(|l| last(&l.ready));
    samples.record(Figure::CrowdReady, page.side, all_ready);
}

/// What one memory reading read: JS heap (after a forced GC), wasm memory and
/// event listeners, each `None` when the browser or the page did not say.
#[derive(Clone, Debug, Default)]
struct MemoryReading {
    /// `Runtime.getHeapUsage`'s `usedSize` (bytes).
    heap: Option<f64>,
    /// The page's live WebAssembly memories (bytes).
    wasm: Option<f64>,
    /// `Performance.getMetrics`' `JSEventListeners`.
    listeners: Option<f64>,
}

/// A checked [`MemoryReading`].
#[derive(Debug)]
struct Memory {
    heap: f64,
    /// `None` on the persona.js page only, which has no WebAssembly.
    wasm: Option<f64>,
    listeners: f64,
}

/// The memory before and after `cycles` mount/unmount cycles, once every figure
/// is there and finite (the WebAssembly memory on the leptos-persona pages
/// only) and the event listeners after are the listeners before.
fn memory_figures(
    side: Side,
    cycles: usize,
    before: &MemoryReading,
    after: &MemoryReading,
) -> Result<(Memory, Memory), Miss> {
    let check = |reading: &MemoryReading, when: &str| -> Result<Memory, Miss> {
        let wasm = match reading.wasm {
            None if side == Side::Sdk => None,
            wasm => Some(finite(
                side,
                &format!("the WebAssembly memory {when} the cycles"),
                wasm,
            )?),
        };
        Ok(Memory {
            heap: finite(
                side,
                &format!("Runtime.getHeapUsage usedSize {when} the cycles"),
                reading.heap,
            )?,
            wasm,
            listeners: finite(
                side,
                &format!("Performance.getMetrics JSEventListeners {when} the cycles"),
                reading.listeners,
            )?,
        })
    };
    let (before, after) = (check(before, "before")?, check(after, "after")?);
    if after.listeners != before.listeners {
        return Err(Miss::Wrong(format!(
            "{}: {} event listeners after {cycles} mount/unmount cycles, {} before; they must stay at {}",
            side.page(),
            count(after.listeners),
            count(before.listeners),
            count(before.listeners)
        )));
    }
    Ok((before, after))
}

fn memory_now(driver: &Driver) -> Result<MemoryReading, String> {
    let wasm = driver.execute(WASM_MEMORY_JS, json!([]))?.as_f64();
    for _ in 0..2 {
        driver.cdp("HeapProfiler.collectGarbage", json!({}))?;
    }
    let heap = driver.cdp("Runtime.getHeapUsage", json!({}))?["usedSize"].as_f64();
    let listeners = driver.metrics()?.get("JSEventListeners").copied();
    Ok(MemoryReading {
        heap,
        wasm,
        listeners,
    })
}

/// Memory before and after `cycles` mount/unmount cycles of one inline instance.
fn memory(
    driver: &Driver,
    page: &Page,
    flow_host: &str,
    cycles: usize,
) -> Result<(Memory, Memory), Miss> {
    driver.cold_load(&page.with(flow_host, 1, "inline", "happy"))?;
    wait_ready(driver, page.side, 1)?;
    driver.cdp("Performance.enable", json!({}))?;
    settle();
    let before = memory_now(driver)?;
    let done = driver.execute_async(CYCLES_JS, json!([cycles, 600_000]))?;
    if done["ok"].as_bool() != Some(true) {
        return Err(Miss::Failed(
            done["why"].as_str().unwrap_or("cycles failed").to_owned(),
        ));
    }
    settle();
    memory_figures(page.side, cycles, &before, &memory_now(driver)?)
}

/// Raw and `gzip -9` sizes of a file, in bytes.
fn gzip_sizes(path: &Path) -> Result<(u64, u64), String> {
    let raw = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    let gzip = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?
        .stdout
        .len() as u64;
    Ok((raw, gzip))
}

/// Raw and gzip bytes of the code a page downloaded (`.js` and `.wasm` of its own origin).
fn code_bytes(page: &Page, code: &[String]) -> Cell {
    let mut paths: Vec<&String> = code.iter().collect();
    paths.sort();
    paths.dedup();
    if paths.is_empty() {
        return Cell::Failed("the page downloaded no .js or .wasm (or it never loaded)".into());
    }
    // gzip bytes and files, of JavaScript and of WebAssembly; raw bytes of all.
    let (mut js, mut wasm, mut raw) = ((0, 0), (0, 0), 0);
    for path in paths {
        let file = page.files.join(path.trim_start_matches('/'));
        match gzip_sizes(&file) {
            Ok((r, g)) => {
                raw += r;
                let kind = if path.ends_with(".wasm") {
                    &mut wasm
                } else {
                    &mut js
                };
                kind.0 += g;
                kind.1 += 1;
            }
            Err(e) => return Cell::Failed(format!("{path}: {e}")),
        }
    }
    let files = |n: u64| if n == 1 { "file" } else { "files" };
    let mut parts = Vec::new();
    if wasm.1 > 0 {
        parts.push(format!(
            "wasm {} in {} {}",
            grouped(wasm.0),
            wasm.1,
            files(wasm.1)
        ));
    }
    parts.push(format!("JS {} in {} {}", grouped(js.0), js.1, files(js.1)));
    Cell::Value(
        (js.0 + wasm.0) as f64,
        format!(" ({}; {} raw)", parts.join(" + "), grouped(raw)),
    )
}

/// What the rounds measured, per page.
struct Measured {
    samples: Samples,
    /// The files each page downloaded from its own origin.
    code: BTreeMap<Side, Vec<String>>,
    /// Memory before and after the mount/unmount cycles.
    memories: BTreeMap<Side, Result<(Memory, Memory), Miss>>,
}

impl Measured {
    /// Every wrong figure: the loads' ones, then the memory cycles'.
    fn wrong(&self) -> Vec<&str> {
        let memories = self.memories.values().filter_map(|m| match m {
            Err(Miss::Wrong(why)) => Some(why.as_str()),
            _ => None,
        });
        self.samples
            .wrong
            .iter()
            .map(String::as_str)
            .chain(memories)
            .collect()
    }
}

/// The run's verdict: any wrong figure fails it, and so does a figure that no
/// load measured (`unmeasured` of them).
fn verdict(unmeasured: usize, wrong: &[&str]) -> Result<(), String> {
    match (wrong.first(), unmeasured) {
        (None, 0) => Ok(()),
        (None, n) => Err(format!("bench: {n} figure(s) could not be measured")),
        (Some(first), n) => Err(format!(
            "bench: {} wrong figure(s) and {n} figure(s) not measured; the first: {first}",
            wrong.len()
        )),
    }
}

/// Runs the rounds, then prints one line per figure.
fn measure(
    chromedriver: &Path,
    pages: &[Page; 3],
    floor: &Page,
    flow_host: &str,
    settings: &Settings,
) -> Result<(), String> {
    let measured = run_rounds(chromedriver, pages, floor, flow_host, settings)?;
    report(pages, settings, &measured)
}

/// The cold loads, floods, modals, crowds and memory cycles of every page.
fn run_rounds(
    chromedriver: &Path,
    pages: &[Page; 3],
    floor: &Page,
    flow_host: &str,
    settings: &Settings,
) -> Result<Measured, String> {
    let driver = Driver::start(chromedriver)?;
    driver.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": INSTRUMENT_JS }),
    )?;
    // One untimed load of each page first, so that no page pays for the
    // browser's own first start (its renderer and network processes).
    for page in pages {
        let _ = driver
            .cold_load(&page.with(flow_host, 1, "inline", "happy"))
            .map_err(Miss::from)
            .and_then(|()| wait_ready(&driver, page.side, 1));
    }
    let mut samples = Samples::default();
    let mut code: BTreeMap<Side, Vec<String>> = BTreeMap::new();
    for round in 0..settings.loads {
        let started = Instant::now();
        // Every round starts with the next page, so none is always first.
        let order: Vec<&Page> = (0..3).map(|k| &pages[(round + k) % 3]).collect();
        for page in &order {
            let downloaded = inline_and_flood(&driver, page, flow_host, settings, &mut samples);
            if !downloaded.is_empty() {
                code.entry(page.side).or_insert(downloaded);
            }
        }
        inline_and_flood(&driver, floor, flow_host, settings, &mut samples);
        for page in &order {
            modal(&driver, page, flow_host, &mut samples);
        }
        for page in &order {
            crowd(&driver, page, flow_host, settings.instances, &mut samples);
        }
        println!(
            "==> bench round {}/{}: {:.1} s",
            round + 1,
            settings.loads,
            started.elapsed().as_secs_f64()
        );
    }
    let mut memories = BTreeMap::new();
    for page in pages {
        memories.insert(page.side, memory(&driver, page, flow_host, settings.cycles));
    }
    drop(driver);
    Ok(Measured {
        samples,
        code,
        memories,
    })
}

/// JS heap growth over the cycles, and the event listeners before and after.
fn heap_cell(memories: &BTreeMap<Side, Result<(Memory, Memory), Miss>>, side: Side) -> Cell {
    match memories.get(&side) {
        Some(Ok((before, after))) => Cell::Value(
            after.heap - before.heap,
            format!(
                " ({} → {} KiB; event listeners {} → {})",
                grouped((before.heap / 1024.0).round() as u64),
                grouped((after.heap / 1024.0).round() as u64),
                before.listeners,
                after.listeners
            ),
        ),
        Some(Err(e)) => Cell::Failed(e.why().to_owned()),
        None => Cell::Failed("not run".into()),
    }
}

/// WebAssembly memory growth over the cycles.
fn wasm_cell(memories: &BTreeMap<Side, Result<(Memory, Memory), Miss>>, side: Side) -> Cell {
    match memories.get(&side) {
        Some(Ok((before, after))) => match (before.wasm, after.wasm) {
            (Some(b), Some(a)) => Cell::Value(
                a - b,
                format!(
                    " ({} → {} KiB)",
                    grouped((b / 1024.0).round() as u64),
                    grouped((a / 1024.0).round() as u64)
                ),
            ),
            _ if side == Side::Sdk => Cell::NotApplicable("no wasm: plain JavaScript".into()),
            _ => Cell::Failed(format!("{}: no WebAssembly memory was seen", side.page())),
        },
        Some(Err(e)) => Cell::Failed(e.why().to_owned()),
        None => Cell::Failed("not run".into()),
    }
}

/// Prints one line per figure; fails when a figure could not be measured.
fn report(pages: &[Page; 3], settings: &Settings, measured: &Measured) -> Result<(), String> {
    let Measured {
        samples,
        code,
        memories,
    } = measured;
    let by_side =
        |f: &dyn Fn(Side) -> Cell| -> [Cell; 3] { [f(Side::Ours), f(Side::Sdk), f(Side::Ssr)] };
    let mut failed = 0;
    let line = |label: &str, cells: [Cell; 3], format: fn(f64) -> String| {
        print_line(label, [&cells[0], &cells[1], &cells[2]], format, "")
    };
    let timing = |figure: Figure| by_side(&|side| samples.cell(figure, side));
    failed += line(
        "navigation → /widget request, inline (ms)",
        timing(Figure::WidgetInline),
        ms,
    );
    failed += line(
        "navigation → ready callback, inline (ms)",
        timing(Figure::ReadyInline),
        ms,
    );
    failed += line(
        "navigation → /widget request, modal (ms)",
        timing(Figure::WidgetModal),
        ms,
    );
    failed += line(
        "navigation → ready callback, modal (ms)",
        timing(Figure::ReadyModal),
        ms,
    );
    failed += line(
        "code downloaded to embed the flow, gzip -9 (B)",
        by_side(&|side| {
            let page = pages.iter().find(|p| p.side == side);
            match (page, code.get(&side)) {
                (Some(page), Some(code)) => code_bytes(page, code),
                _ => Cell::Failed("the page never loaded".into()),
            }
        }),
        bytes,
    );
    let message_cost = |side: Side| match samples.cell(Figure::MessageCost, side) {
        Cell::Value(v, note) => {
            let script = samples.cell(Figure::MessageScript, side).show(us);
            Cell::Value(v, format!(" (script {script}){note}"))
        }
        other => other,
    };
    let floor_cost = message_cost(Side::Floor);
    if matches!(floor_cost, Cell::Failed(_)) {
        failed += 1;
    }
    let costs = by_side(&message_cost);
    failed += print_line(
        &format!(
            "main-thread time per message, {} page-change (µs)",
            grouped(u64::from(settings.flood))
        ),
        [&costs[0], &costs[1], &costs[2]],
        us,
        &format!(
            "; the browser's own share (a bare listener) {}",
            floor_cost.show(us)
        ),
    );
    failed += line(
        &format!(
            "{} inline instances: navigation → all ready (ms)",
            settings.instances
        ),
        timing(Figure::CrowdReady),
        ms,
    );
    let heap = |side: Side| heap_cell(memories, side);
    failed += line(
        &format!(
            "JS heap growth after {} mount/unmount cycles (KiB)",
            settings.cycles
        ),
        by_side(&heap),
        kib,
    );
    let wasm = |side: Side| wasm_cell(memories, side);
    failed += line(
        &format!(
            "wasm memory growth after {} mount/unmount cycles (KiB)",
            settings.cycles
        ),
        by_side(&wasm),
        kib,
    );
    let wrong = measured.wrong();
    for why in &wrong {
        println!("bench: wrong figure: {why}");
    }
    verdict(failed, &wrong)
}

#[cfg(test)]
mod tests {
    //! Positive controls: each fault planted in figures as a page reports them
    //! must fail the check, by name; the figures as they should be must pass.

    use super::*;

    const SENT: u32 = 10_000;

    fn metrics(task: f64, script: f64, devtools: f64) -> BTreeMap<String, f64> {
        [
            ("TaskDuration", task),
            ("ScriptDuration", script),
            ("DevToolsCommandDuration", devtools),
        ]
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
    }

    /// A flood every message of which reached the callback: 0.5 s of main
    /// thread (0.1 s of it DevTools'), 0.3 s of script.
    fn good_flood() -> FloodReading {
        FloodReading {
            metrics_before: metrics(2.0, 1.0, 0.1),
            metrics_after: metrics(2.5, 1.3, 0.2),
            callbacks_before: Some(1.0),
            callbacks_after: Some(1.0 + f64::from(SENT)),
        }
    }

    fn wrong(result: Result<impl std::fmt::Debug, Miss>) -> String {
        match result {
            Err(Miss::Wrong(why)) => why,
            other => panic!("expected a wrong figure, got {other:?}"),
        }
    }

    #[test]
    fn a_flood_that_reached_the_callback_passes() {
        let (cost, script) = flood_figures(Side::Ours, SENT, &good_flood()).unwrap();
        assert!((cost - 40.0).abs() < 1e-9, "{cost}");
        assert!((script - 30.0).abs() < 1e-9, "{script}");
    }

    #[test]
    fn every_other_page_change_dropped_fails_naming_the_page_and_both_counts() {
        for side in [Side::Ours, Side::Sdk, Side::Ssr, Side::Floor] {
            let reading = FloodReading {
                callbacks_after: Some(1.0 + f64::from(SENT / 2)),
                ..good_flood()
            };
            let why = wrong(flood_figures(side, SENT, &reading));
            assert_eq!(
                why,
                format!(
                    "{}: 5,000 page-change callbacks for the 10,000 page-change messages sent",
                    side.page()
                )
            );
        }
    }

    #[test]
    fn more_callbacks_than_messages_fail() {
        let reading = FloodReading {
            callbacks_after: Some(1.0 + 2.0 * f64::from(SENT)),
            ..good_flood()
        };
        let why = wrong(flood_figures(Side::Sdk, SENT, &reading));
        assert!(
            why.contains("20,000 page-change callbacks for the 10,000"),
            "{why}"
        );
    }

    #[test]
    fn a_page_that_does_not_count_fails() {
        let reading = FloodReading {
            callbacks_before: None,
            callbacks_after: None,
            ..good_flood()
        };
        let why = wrong(flood_figures(Side::Ssr, SENT, &reading));
        assert_eq!(
            why,
            "the SSR page (examples/ssr, /bench): window.benchPageChanges() after the flood is missing"
        );
    }

    #[test]
    fn a_nan_or_missing_flood_metric_fails() {
        let mut nan = good_flood();
        nan.metrics_after.insert("TaskDuration".into(), f64::NAN);
        assert_eq!(
            wrong(flood_figures(Side::Ours, SENT, &nan)),
            "the leptos-persona page (examples/bench): Performance.getMetrics TaskDuration after the flood is NaN, not a finite number"
        );
        let mut infinite = good_flood();
        infinite
            .metrics_before
            .insert("ScriptDuration".into(), f64::INFINITY);
        assert!(wrong(flood_figures(Side::Ours, SENT, &infinite)).contains("is inf"));
        let mut missing = good_flood();
        missing.metrics_before.remove("DevToolsCommandDuration");
        assert_eq!(
            wrong(flood_figures(Side::Floor, SENT, &missing)),
            "the floor page (xtask/bench/floor.html): Performance.getMetrics DevToolsCommandDuration before the flood is missing"
        );
        let nan_count = FloodReading {
            callbacks_after: Some(f64::NAN),
            ..good_flood()
        };
        assert!(wrong(flood_figures(Side::Sdk, SENT, &nan_count)).contains("is NaN"));
    }

    fn reading(listeners: Option<f64>, wasm: Option<f64>) -> MemoryReading {
        MemoryReading {
            heap: Some(2.0e6),
            wasm,
            listeners,
        }
    }

    #[test]
    fn listeners_that_stayed_pass() {
        let (before, after) = memory_figures(
            Side::Ours,
            10,
            &reading(Some(2.0), Some(1.1e6)),
            &reading(Some(2.0), Some(1.2e6)),
        )
        .unwrap();
        assert_eq!((before.listeners, after.wasm), (2.0, Some(1.2e6)));
        // persona.js has no WebAssembly.
        assert!(memory_figures(
            Side::Sdk,
            10,
            &reading(Some(3.0), None),
            &reading(Some(3.0), None)
        )
        .is_ok());
    }

    #[test]
    fn listeners_after_other_than_before_fail() {
        let why = wrong(memory_figures(
            Side::Sdk,
            10,
            &reading(Some(3.0), None),
            &reading(Some(4.0), None),
        ));
        assert_eq!(
            why,
            "the persona.js page (xtask/bench/sdk.html): 4 event listeners after 10 mount/unmount cycles, 3 before; they must stay at 3"
        );
    }

    #[test]
    fn nan_or_missing_memory_figures_fail() {
        // What `unwrap_or(f64::NAN)` once made of a missing JSEventListeners.
        let nan = reading(Some(f64::NAN), Some(1e6));
        let why = wrong(memory_figures(Side::Ours, 10, &nan, &nan));
        assert!(
            why.ends_with("Performance.getMetrics JSEventListeners before the cycles is NaN, not a finite number"),
            "{why}"
        );
        let missing = reading(None, Some(1e6));
        let why = wrong(memory_figures(
            Side::Ssr,
            10,
            &reading(Some(7.0), Some(1e6)),
            &missing,
        ));
        assert!(
            why.ends_with("JSEventListeners after the cycles is missing"),
            "{why}"
        );
        let no_heap = MemoryReading {
            heap: None,
            ..reading(Some(2.0), Some(1e6))
        };
        assert!(wrong(memory_figures(Side::Ours, 10, &no_heap, &no_heap)).contains("usedSize"));
        // The leptos-persona pages must show their WebAssembly memory.
        let no_wasm = reading(Some(2.0), None);
        assert!(wrong(memory_figures(Side::Ssr, 10, &no_wasm, &no_wasm))
            .contains("WebAssembly memory before the cycles is missing"));
    }

    #[test]
    fn ready_times_are_checked() {
        let good = json!({ "ok": true, "ready": [812.5], "widget": [300.0], "code": ["/a.js"] });
        let l = loaded(Side::Ours, 1, &good).unwrap();
        assert_eq!(
            (l.ready, l.widget, l.code),
            (vec![812.5], vec![300.0], vec!["/a.js".to_owned()])
        );
        let late = json!({ "ok": false, "ready": [], "widget": [1.0] });
        assert!(matches!(loaded(Side::Ours, 1, &late), Err(Miss::Failed(_))));
        let missing = json!({ "ok": true, "widget": [300.0], "code": [] });
        assert!(wrong(loaded(Side::Sdk, 1, &missing)).contains("bench:ready times are missing"));
        let not_a_number = json!({ "ok": true, "ready": [null], "widget": [300.0], "code": [] });
        assert!(
            wrong(loaded(Side::Sdk, 1, &not_a_number)).contains("a bench:ready time is missing")
        );
        let too_few = json!({ "ok": true, "ready": [1.0], "widget": [300.0], "code": [] });
        assert!(wrong(loaded(Side::Ssr, 50, &too_few)).contains("1 bench:ready times for the 50"));
    }

    #[test]
    fn one_wrong_load_fails_even_a_full_run() {
        let mut samples = Samples::default();
        for _ in 0..6 {
            samples.record(Figure::MessageCost, Side::Ours, Ok(40.0));
        }
        let dropped = FloodReading {
            callbacks_after: Some(1.0 + f64::from(SENT / 2)),
            ..good_flood()
        };
        let cost = flood_figures(Side::Ours, SENT, &dropped).map(|c| c.0);
        samples.record(Figure::MessageCost, Side::Ours, cost.clone());
        samples.record(Figure::MessageCost, Side::Ours, cost);
        // The median still shows, with the failed loads noted ...
        assert!(
            matches!(samples.cell(Figure::MessageCost, Side::Ours), Cell::Value(v, _) if v == 40.0)
        );
        // ... but the wrong figure, listed once, fails the run.
        let measured = Measured {
            samples,
            code: BTreeMap::new(),
            memories: BTreeMap::new(),
        };
        let wrong = measured.wrong();
        assert_eq!(wrong.len(), 1);
        let error = verdict(0, &wrong).unwrap_err();
        assert!(
            error.contains("1 wrong figure(s)") && error.contains("5,000 page-change callbacks"),
            "{error}"
        );
    }

    #[test]
    fn a_nan_sample_is_wrong() {
        let mut samples = Samples::default();
        samples.record(Figure::ReadyInline, Side::Sdk, Ok(f64::NAN));
        assert_eq!(
            samples.wrong,
            ["the persona.js page (xtask/bench/sdk.html): ReadyInline is NaN, not a finite number"]
        );
        assert!(matches!(
            samples.cell(Figure::ReadyInline, Side::Sdk),
            Cell::Failed(_)
        ));
    }

    #[test]
    fn wrong_memory_fails_the_run() {
        let mut memories = BTreeMap::new();
        memories.insert(
            Side::Ssr,
            memory_figures(
                Side::Ssr,
                10,
                &reading(Some(7.0), Some(1e6)),
                &reading(Some(9.0), Some(1e6)),
            ),
        );
        let measured = Measured {
            samples: Samples::default(),
            code: BTreeMap::new(),
            memories,
        };
        assert!(matches!(
            heap_cell(&measured.memories, Side::Ssr),
            Cell::Failed(_)
        ));
        let wrong = measured.wrong();
        assert!(wrong[0].contains("9 event listeners after 10 mount/unmount cycles, 7 before"));
        assert!(verdict(2, &wrong).is_err());
        assert_eq!(verdict(0, &[]), Ok(()));
        assert_eq!(
            verdict(3, &[]),
            Err("bench: 3 figure(s) could not be measured".into())
        );
    }

    #[test]
    fn arguments() {
        let args = |a: &[&str]| parse_args(&a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(args(&[]), Ok(Run::Full { loads: 7 }));
        assert_eq!(args(&["--loads", "3"]), Ok(Run::Full { loads: 3 }));
        assert_eq!(args(&["--smoke"]), Ok(Run::Smoke));
        assert!(args(&["--smoke", "--loads", "2"]).is_err());
        assert!(args(&["--loads", "0"]).is_err());
        assert!(args(&["--loads"]).is_err());
        assert!(args(&["--fast"]).is_err());
    }
}
