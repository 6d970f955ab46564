//! Project automation: `cargo xtask <command>`.
//!
//! - `cargo xtask test`: everything CI checks (formatting, lints, native tests,
//!   conformance with the official SDK, the components in headless Chromium
//!   against the flow simulator), installing what is missing first.
//! - `cargo xtask demo`: installs trunk and its tools, starts the flow simulator
//!   and serves the demo site.
//! - `cargo xtask ssr`: builds the identity-verification app (`examples/kyc-app`)
//!   offline and runs it on a fresh database, with the flow simulator as Persona
//!   (its API and its webhooks, pointed at the app); see [`kyc`].
//! - `cargo xtask ssr-example`: the small server-rendered example, against the
//!   flow simulator.
//! - `cargo xtask kyc [--bench]`: that test step alone: the verification app's
//!   suites (or, with `--bench`, its webhook storm's bench line).
//! - `cargo xtask size [--check]`: what the component adds to an app (inline and
//!   modal), per crate, against `xtask/size-budget.txt`; and the demo's size.
//! - `cargo xtask fuzz [--inputs N] [--seed S]`: the no-panic fuzzer, in release.
//! - `cargo xtask js`: minifies the crate's JavaScript sources into what ships
//!   (`src/js/*.min.js`, see [`js`]).
//! - `cargo xtask package`, `cargo xtask msrv`, `cargo xtask e2e [FILTER]`: those
//!   test steps alone (the end-to-end tests whose names contain `FILTER`).
//! - `cargo xtask oracle`: that test step alone: the conformance fixtures and the
//!   kebab-case tables are regenerated with the official SDK and lodash and must
//!   be the committed bytes (see [`oracle`]).
//! - `cargo xtask bench [--loads N]`: leptos-persona against the official SDK, side
//!   by side in headless Chromium (see [`bench`]).

mod bench;
mod bench_api;
mod bench_webhook;
mod js;
mod kyc;
mod msrv;
mod oracle;
mod package;
mod server_webhook;
mod size;
mod static_server;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("fuzz") => fuzz(&args[1..]),
        Some("demo") => demo(),
        Some("ssr") => kyc::ssr(),
        Some("ssr-example") => ssr(),
        Some("kyc") => kyc::command(&args[1..]),
        Some("size") => size::size(args.iter().any(|a| a == "--check"), true),
        Some("package") => package::package(),
        Some("js") => js::write(),
        Some("msrv") => msrv::msrv(),
        Some("oracle") => oracle::oracle(),
        Some("bench") => bench::bench(&args[1..]).and_then(|()| server_bench(&args[1..])),
        Some("e2e") => tools::ensure_browser_tools()
            .and_then(|tools| end_to_end_tests(&tools, args.get(1).map(String::as_str))),
        _ => {
            eprintln!(
                "usage: cargo xtask <test | e2e [FILTER] | demo | ssr | ssr-example | kyc [--bench] | size | js | package | msrv | oracle | fuzz [--inputs N] [--seed S] | bench [--loads N] [--smoke]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

pub(crate) fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root());
    command
}

pub(crate) fn run(step: &str, command: &mut Command) -> Result<(), String> {
    println!("==> {step}");
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|e| format!("{step}: could not start {command:?}: {e}"))?;
    finish(step, started, status)
}

/// Reports a step's time and turns its exit status into a result.
fn finish(step: &str, started: Instant, status: std::process::ExitStatus) -> Result<(), String> {
    println!("<== {step}: {:.1} s", started.elapsed().as_secs_f64());
    if status.success() {
        Ok(())
    } else {
        Err(format!("{step} failed ({status})"))
    }
}

/// Installs the rustup components the checks need (idempotent).
fn ensure_components() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["component", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    for component in ["rustfmt", "clippy"] {
        if !installed.lines().any(|l| l.starts_with(component)) {
            run(
                &format!("install {component}"),
                Command::new("rustup").args(["component", "add", component]),
            )?;
        }
    }
    Ok(())
}

thread_local! {
    /// Every `test result:` line the test runs printed, repeated at the end.
    static SUMMARY: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs a test command, streaming its stdout and keeping its summary lines.
pub(crate) fn run_tests(step: &str, command: &mut Command) -> Result<(), String> {
    use std::io::{BufRead, BufReader};
    println!("==> {step}");
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("{step}: could not start {command:?}: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if line.trim_start().starts_with("test result:") {
                SUMMARY.with(|s| s.borrow_mut().push(line.trim().to_owned()));
            }
        }
    }
    let status = child.wait().map_err(|e| format!("{step}: {e}"))?;
    finish(step, started, status)
}

fn test() -> Result<(), String> {
    let started = Instant::now();
    ensure_components()?;
    run(
        "cargo fmt --check",
        cargo().args(["fmt", "--all", "--check"]),
    )?;
    js::check()?;
    run(
        "cargo clippy (native)",
        cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        "cargo clippy (native, ssr)",
        cargo().args([
            "clippy",
            "--features",
            "ssr",
            "--lib",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run_tests(
        "cargo test (native, conformance, doc tests)",
        cargo().args(["test", "--workspace"]),
    )?;
    oracle::oracle()?;
    // So that the fuzzers cannot rot: short runs, which must reach the parsers.
    for (crate_name, what) in FUZZED {
        run_tests(
            &format!("fuzz {what} (20,000 inputs; cargo xtask fuzz runs 1,000,000)"),
            fuzz_command(crate_name, false).env("LEPTOS_PERSONA_FUZZ_INPUTS", "20000"),
        )?;
    }
    server_tests()?;
    run(
        "cargo doc (rustdoc warnings, such as broken links, are errors)",
        cargo()
            .args([
                "doc",
                "--no-deps",
                "-p",
                "leptos-persona",
                "-p",
                "leptos-persona-core",
            ])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    run_tests(
        "cargo test --features ssr (server rendering)",
        cargo().args(["test", "--features", "ssr", "--test", "ssr_render"]),
    )?;
    package::package()?;
    server_stays_off_wasm()?;
    msrv::msrv()?;
    browser_tests()?;
    size::size(true, false)?;
    bench::smoke()?;
    println!(
        "xtask test: all checks passed in {:.1} s; the test runs' summaries:",
        started.elapsed().as_secs_f64()
    );
    SUMMARY.with(|s| {
        for line in s.borrow().iter() {
            println!("{line}");
        }
    });
    Ok(())
}

/// The crates with a no-panic fuzzer (`tests/no_panic.rs`, test `fuzz`), and what it drives.
const FUZZED: [(&str, &str); 2] = [
    ("leptos-persona-core", "(messages and options)"),
    ("leptos-persona-server", "(webhook headers and events)"),
];

/// One crate's no-panic fuzzer, in release for `cargo xtask fuzz` or in the
/// test profile's existing build.
fn fuzz_command(crate_name: &str, release: bool) -> Command {
    let mut command = cargo();
    command.args(["test", "-p", crate_name, "--test", "no_panic"]);
    if release {
        command.arg("--release");
    }
    command.args(["--", "--ignored", "--exact", "fuzz", "--nocapture"]);
    command
}

/// `cargo xtask fuzz [--inputs N] [--seed S]`: 1,000,000 inputs unless told.
fn fuzz(args: &[String]) -> Result<(), String> {
    for (crate_name, what) in FUZZED {
        fuzz_one(crate_name, what, args)?;
    }
    Ok(())
}

fn fuzz_one(crate_name: &str, what: &str, args: &[String]) -> Result<(), String> {
    let mut command = fuzz_command(crate_name, true);
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let value = iter.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--inputs" => command.env("LEPTOS_PERSONA_FUZZ_INPUTS", value),
            "--seed" => command.env("LEPTOS_PERSONA_FUZZ_SEED", value),
            other => return Err(format!("unknown option {other}")),
        };
    }
    run(&format!("fuzz {what} (release)"), &mut command)
}

/// Whether `leptos-persona-server` is in leptos-persona's dependency tree for
/// `features` on `target` (the host's when `None`).
fn server_in_tree(features: &str, target: Option<&str>) -> Result<bool, String> {
    let mut command = cargo();
    command.args([
        "tree",
        "--quiet",
        "-p",
        "leptos-persona",
        "-e",
        "normal",
        "--features",
        features,
    ]);
    if let Some(target) = target {
        command.args(["--target", target]);
    }
    let out = command
        .output()
        .map_err(|e| format!("cargo tree: could not start it: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo tree --features {features} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).contains("leptos-persona-server"))
}

/// The server crate never reaches the wasm bundle: not in the wasm32 `csr`
/// tree, even with the `server` features asked for. The positive control: the
/// native tree with `server` lists it (so the search can find it).
fn server_stays_off_wasm() -> Result<(), String> {
    println!("==> the server crate stays off wasm (cargo tree)");
    if !server_in_tree("server", None)? {
        return Err(
            "cargo tree --features server does not list leptos-persona-server: \
             the check below could not see it either"
                .into(),
        );
    }
    for features in ["csr", "csr,server-axum,server-client"] {
        if server_in_tree(features, Some("wasm32-unknown-unknown"))? {
            return Err(format!(
                "leptos-persona-server is in leptos-persona's wasm32 tree with --features {features}"
            ));
        }
    }
    println!("<== leptos-persona-server is in no wasm32 tree of leptos-persona");
    Ok(())
}

/// The server half's bench lines (webhook verification against node's
/// `crypto`, the REST client against the simulator, the KYC app's webhook
/// storm), after the component's.
/// Not for the smoke run (`--smoke`), which checks the component's pages.
fn server_bench(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--smoke") {
        return Ok(());
    }
    let mut lines = bench_webhook::lines()?;
    lines.extend(bench_api::lines()?);
    lines.extend(kyc::storm_bench()?);
    for line in lines {
        println!("bench: {line}");
    }
    Ok(())
}

/// The server crate with all its features (the axum extractor, the REST client,
/// the README's examples), its conformance with node's `crypto`, and the REST
/// client against the real simulator process.
fn server_tests() -> Result<(), String> {
    run(
        "cargo clippy (leptos-persona-server, all features)",
        cargo().args([
            "clippy",
            "-p",
            "leptos-persona-server",
            "--all-features",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run_tests(
        "cargo test (leptos-persona-server, all features)",
        cargo().args(["test", "-p", "leptos-persona-server", "--all-features"]),
    )?;
    run(
        "cargo doc (leptos-persona-server, all features; warnings are errors)",
        cargo()
            .args([
                "doc",
                "--no-deps",
                "-p",
                "leptos-persona-server",
                "--all-features",
            ])
            .env("RUSTDOCFLAGS", "-D warnings"),
    )?;
    server_webhook::conformance()?;
    run(
        "build the flow simulator",
        cargo().args(["build", "--quiet", "-p", "persona-flow-simulator"]),
    )?;
    run_tests(
        "cargo test (the REST client against the simulator process)",
        cargo()
            .args([
                "test",
                "-p",
                "leptos-persona-server",
                "--features",
                "client",
                "--test",
                "api",
                "--",
                "--ignored",
            ])
            .env(
                "PERSONA_SIMULATOR_BIN",
                tools::target_dir().join("debug/persona-flow-simulator"),
            ),
    )?;
    let browser = tools::ensure_browser_tools()?;
    run_tests(
        "cargo test (the whole loop: create, resume, the flow in headless Chromium, verified webhooks)",
        cargo()
            .args([
                "test",
                "-p",
                "leptos-persona-server",
                "--all-features",
                "--test",
                "simulator_loop",
                "--",
                "--ignored",
            ])
            .env(
                "PERSONA_SIMULATOR_BIN",
                tools::target_dir().join("debug/persona-flow-simulator"),
            )
            .env("CHROMEDRIVER", &browser.chromedriver),
    )
}

/// The components in headless Chromium, against the flow simulator on a second origin.
fn browser_tests() -> Result<(), String> {
    let tools = tools::ensure_browser_tools()?;
    run(
        "cargo clippy (wasm32, csr)",
        cargo().args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "csr",
            "--lib",
            "--tests",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    let simulator = tools::Simulator::start()?;
    let result = run_tests(
        "cargo test (wasm32 browser tests, headless Chromium)",
        cargo()
            .args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "--features",
                "csr",
                "--test",
                "browser",
                "--test",
                "browser_conformance",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                &tools.test_runner,
            )
            .env("CHROMEDRIVER", &tools.chromedriver)
            .env("PERSONA_SIMULATOR_URL", &simulator.url)
            .env(
                "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
                root().join("tests/webdriver.json"),
            )
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
    );
    drop(simulator);
    result?;
    end_to_end_tests(&tools, None)?;
    kyc::tests(&tools, &tools::ensure_axe()?)
}

/// The built demo and the SSR example in headless Chromium, through WebDriver;
/// with a `filter`, only the tests whose names contain it.
fn end_to_end_tests(tools: &tools::BrowserTools, filter: Option<&str>) -> Result<(), String> {
    tools::check_trunk_pins()?;
    let mut trunk = tools::trunk()?;
    let wasm_opt = tools::ensure_wasm_opt()?;
    let simulator = tools::Simulator::start()?;
    let bindgen_dir = tools
        .test_runner
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let axe = tools::ensure_axe()?;
    // The `e2e` profile: a release build with debug assertions, so that Leptos's
    // development warnings reach the console the tests read.
    run(
        "trunk build --release --cargo-profile e2e (the demo)",
        trunk
            .args(["build", "--release", "--cargo-profile", "e2e"])
            .current_dir(root())
            .env("PATH", tools::path_with(&[&wasm_opt, &bindgen_dir]))
            .env("PERSONA_DEMO_SIMULATOR", &simulator.url),
    )?;
    let demo_url = static_server::serve(root().join("target/demo-dist"), 0)?;
    let site = tools::build_ssr_example()?;
    let ssr = tools::Service::ssr_example(&site, &simulator.url, 0, 0)?;
    let ssr_slow = tools::Service::ssr_example(&site, &simulator.url, 0, 1_500)?;
    // The red-team suite: its hostile pages come from the simulator (on its own origin
    // and on `localhost`, another origin, which this instance admits in `frame-src`)
    // and from a static server of their own.
    let other_origin = simulator.url.replace("127.0.0.1", "localhost");
    let ssr_red_team = tools::Service::ssr_example_with(
        &site,
        &simulator.url,
        0,
        0,
        &[("PERSONA_SSR_RED_TEAM_FRAME_SRC", &other_origin)],
    )?;
    let red_team_pages = static_server::serve(root().join("tests/red_team_pages"), 0)?;
    run_tests(
        "cargo test (end to end: the demo, the SSR example and the red team in headless Chromium)",
        cargo()
            .args([
                "test",
                "--test",
                "e2e",
                "--test",
                "ssr_e2e",
                "--test",
                "red_team",
                "--",
                "--ignored",
                "--test-threads=1",
                "--nocapture",
            ])
            .args(filter)
            .env("CHROMEDRIVER", &tools.chromedriver)
            .env("PERSONA_AXE_JS", &axe)
            .env("PERSONA_SIMULATOR_URL", &simulator.url)
            .env("PERSONA_DEMO_URL", format!("{demo_url}/"))
            .env("PERSONA_SSR_URL", &ssr.url)
            .env("PERSONA_SSR_SLOW_URL", &ssr_slow.url)
            .env("PERSONA_SSR_RED_TEAM_URL", &ssr_red_team.url)
            .env("PERSONA_RED_TEAM_PAGES_URL", &red_team_pages),
    )
}

/// Installs what the demo needs, starts the flow simulator on 8787 and serves the demo.
fn demo() -> Result<(), String> {
    tools::check_trunk_pins()?;
    let browser = tools::ensure_wasm_toolchain()?;
    let mut trunk = tools::trunk()?;
    let wasm_opt = tools::ensure_wasm_opt()?;
    let simulator = tools::Simulator::start_on(8787)?;
    println!("demo: the flow simulator runs at {}", simulator.url);
    println!("demo: serving the demo at http://127.0.0.1:8080/ (ctrl-c to stop)");
    let bindgen_dir = browser.parent().map(Path::to_path_buf).unwrap_or_default();
    let result = run(
        "trunk serve",
        trunk
            .arg("serve")
            .current_dir(root())
            .env("PATH", tools::path_with(&[&wasm_opt, &bindgen_dir])),
    );
    drop(simulator);
    result
}

/// Builds the server-rendered example and runs it on 3000 against the simulator on 8787.
fn ssr() -> Result<(), String> {
    let site = tools::build_ssr_example()?;
    let simulator = tools::Simulator::start_on(8787)?;
    let server = tools::Service::ssr_example(&site, &simulator.url, 3000, 0)?;
    println!(
        "ssr: the example runs at {}/ (inline) and {}/modal (ctrl-c to stop)",
        server.url, server.url
    );
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}
