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

/// `cargo xtask bench [--loads N]`.
pub fn bench(args: &[String]) -> Result<(), String> {
    let mut settings = Settings::full();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let value = iter.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--loads" => {
                settings.loads = value
                    .parse()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("--loads: {value:?} is not a positive number"))?;
            }
            other => return Err(format!("unknown option {other}")),
        }
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

    /// The renderer's main-thread busy time so far (s), without DevTools' own
    /// commands, and the part of it spent running script.
    fn main_thread_seconds(&self) -> Result<(f64, f64), String> {
        let metrics = self.metrics()?;
        let get = |name: &str| {
            metrics
                .get(name)
                .copied()
                .ok_or_else(|| format!("Performance.getMetrics has no {name}"))
        };
        let devtools = get("DevToolsCommandDuration").unwrap_or(0.0);
        Ok((get("TaskDuration")? - devtools, get("ScriptDuration")?))
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

/// Per figure and side: the samples, and why loads failed.
#[derive(Default)]
struct Samples {
    values: BTreeMap<(Figure, Side), Vec<f64>>,
    failures: BTreeMap<(Figure, Side), Vec<String>>,
}

impl Samples {
    fn record(&mut self, figure: Figure, side: Side, value: Result<f64, String>) {
        match value {
            Ok(v) if v.is_finite() => self.values.entry((figure, side)).or_default().push(v),
            Ok(v) => self
                .failures
                .entry((figure, side))
                .or_default()
                .push(format!("measured {v}")),
            Err(e) => self.failures.entry((figure, side)).or_default().push(e),
        }
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
struct Loaded {
    ready: Vec<f64>,
    widget: Vec<f64>,
    code: Vec<String>,
}

const READY_TIMEOUT_MS: u64 = 60_000;

fn wait_ready(driver: &Driver, want: usize) -> Result<Loaded, String> {
    let seen = driver.execute_async(WAIT_READY_JS, json!([want, READY_TIMEOUT_MS]))?;
    let numbers = |key: &str| -> Vec<f64> {
        seen[key]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let loaded = Loaded {
        ready: numbers("ready"),
        widget: numbers("widget"),
        code: seen["code"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    };
    if seen["ok"].as_bool() == Some(true) {
        Ok(loaded)
    } else {
        Err(format!(
            "after {} s: {} of {want} ready callbacks, {} of {want} /widget requests",
            READY_TIMEOUT_MS / 1000,
            loaded.ready.len(),
            loaded.widget.len()
        ))
    }
}

fn first(values: &[f64]) -> Result<f64, String> {
    values
        .iter()
        .copied()
        .min_by(f64::total_cmp)
        .ok_or_else(|| "nothing recorded".into())
}

fn last(values: &[f64]) -> Result<f64, String> {
    values
        .iter()
        .copied()
        .max_by(f64::total_cmp)
        .ok_or_else(|| "nothing recorded".into())
}

/// Lets the page finish what its load started before a measurement.
fn settle() {
    std::thread::sleep(Duration::from_millis(500));
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
        .and_then(|()| wait_ready(driver, 1));
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
    let cost = (|| {
        driver.cdp("Performance.enable", json!({}))?;
        settle();
        let before = driver.main_thread_seconds()?;
        let flood = driver.execute_async(
            FLOOD_JS,
            json!([settings.flood, format!("http://{flow_host}"), 120_000]),
        )?;
        if flood["ok"].as_bool() != Some(true) {
            return Err(flood["why"].as_str().unwrap_or("flood failed").to_owned());
        }
        let after = driver.main_thread_seconds()?;
        let per_message = |seconds: f64| seconds * 1e6 / f64::from(settings.flood.max(1));
        Ok((
            per_message(after.0 - before.0),
            per_message(after.1 - before.1),
        ))
    })();
    samples.record(Figure::MessageCost, side, cost.clone().map(|c| c.0));
    samples.record(Figure::MessageScript, side, cost.map(|c| c.1));
    loaded.code
}

fn modal(driver: &Driver, page: &Page, flow_host: &str, samples: &mut Samples) {
    let loaded = driver
        .cold_load(&page.with(flow_host, 1, "modal", "happy"))
        .and_then(|()| wait_ready(driver, 1));
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
        .and_then(|()| wait_ready(driver, n))
        .and_then(|l| last(&l.ready));
    samples.record(Figure::CrowdReady, page.side, all_ready);
}

/// JS heap (after a forced GC), wasm memory and event listeners, now.
struct Memory {
    heap: f64,
    wasm: Option<f64>,
    listeners: f64,
}

fn memory_now(driver: &Driver) -> Result<Memory, String> {
    let wasm = driver.execute(WASM_MEMORY_JS, json!([]))?.as_f64();
    for _ in 0..2 {
        driver.cdp("HeapProfiler.collectGarbage", json!({}))?;
    }
    let heap = driver.cdp("Runtime.getHeapUsage", json!({}))?["usedSize"]
        .as_f64()
        .ok_or("Runtime.getHeapUsage has no usedSize")?;
    let listeners = driver
        .metrics()?
        .get("JSEventListeners")
        .copied()
        .unwrap_or(f64::NAN);
    Ok(Memory {
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
) -> Result<(Memory, Memory), String> {
    driver.cold_load(&page.with(flow_host, 1, "inline", "happy"))?;
    wait_ready(driver, 1)?;
    driver.cdp("Performance.enable", json!({}))?;
    settle();
    let before = memory_now(driver)?;
    let done = driver.execute_async(CYCLES_JS, json!([cycles, 600_000]))?;
    if done["ok"].as_bool() != Some(true) {
        return Err(done["why"].as_str().unwrap_or("cycles failed").to_owned());
    }
    settle();
    Ok((before, memory_now(driver)?))
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
    memories: BTreeMap<Side, Result<(Memory, Memory), String>>,
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
            .and_then(|()| wait_ready(&driver, 1));
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
fn heap_cell(memories: &BTreeMap<Side, Result<(Memory, Memory), String>>, side: Side) -> Cell {
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
        Some(Err(e)) => Cell::Failed(e.clone()),
        None => Cell::Failed("not run".into()),
    }
}

/// WebAssembly memory growth over the cycles.
fn wasm_cell(memories: &BTreeMap<Side, Result<(Memory, Memory), String>>, side: Side) -> Cell {
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
            _ => Cell::Failed("no WebAssembly memory was seen".into()),
        },
        Some(Err(e)) => Cell::Failed(e.clone()),
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
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("bench: {failed} figure(s) could not be measured"))
    }
}
