//! Project automation: `cargo xtask <command>`.
//!
//! The commands are the [`COMMANDS`] table: each one's name, the options it
//! takes, what it does and the function that runs it. Dispatch and the usage
//! message (`cargo xtask` alone) read it, and so does the README check
//! ([`readme`]), which also requires README.md to list every entry, with its
//! options. `cargo xtask test` is everything CI checks (formatting, lints,
//! native tests, conformance with the official SDK, the components in headless
//! Chromium against the flow simulator), installing what is missing first.

mod bench;
mod bench_api;
mod bench_webhook;
mod js;
mod kyc;
mod msrv;
mod oracle;
mod package;
mod readme;
mod server_webhook;
mod size;
mod static_server;
mod tools;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// One `cargo xtask` subcommand: the single description that dispatch, the
/// usage message and the README check ([`readme::check`]) all read.
pub(crate) struct Subcommand {
    /// Its name: `cargo xtask NAME`.
    pub(crate) name: &'static str,
    /// The options it accepts, each with the placeholder of its value (`None`
    /// for a switch), as in `--inputs N`.
    pub(crate) options: &'static [(&'static str, Option<&'static str>)],
    /// The placeholder of the one optional positional argument it takes, if any.
    pub(crate) operand: Option<&'static str>,
    /// What it does, for the usage message.
    pub(crate) what: &'static str,
    /// Runs it with the arguments after its name, once [`Subcommand::check_args`]
    /// accepted them.
    run: fn(&[String]) -> Result<(), String>,
}

impl Subcommand {
    /// `NAME [--option VALUE] … [OPERAND]`, as the usage message shows it.
    pub(crate) fn synopsis(&self) -> String {
        let mut out = self.name.to_owned();
        for (option, value) in self.options {
            match value {
                Some(value) => out.push_str(&format!(" [{option} {value}]")),
                None => out.push_str(&format!(" [{option}]")),
            }
        }
        if let Some(operand) = self.operand {
            out.push_str(&format!(" [{operand}]"));
        }
        out
    }

    /// Whether `args` (what follows the name) are arguments this subcommand
    /// takes: known options, each option's value, at most one operand. The
    /// error says what is wrong and what the subcommand takes.
    pub(crate) fn check_args<S: AsRef<str>>(&self, args: &[S]) -> Result<(), String> {
        let takes = || {
            if self.options.is_empty() && self.operand.is_none() {
                format!("`{}` takes no arguments", self.name)
            } else {
                format!("usage: cargo xtask {}", self.synopsis())
            }
        };
        let mut operand_seen = false;
        let mut iter = args.iter().map(AsRef::as_ref);
        while let Some(arg) = iter.next() {
            if arg.starts_with('-') && arg.len() > 1 {
                let Some((_, value)) = self.options.iter().find(|(option, _)| *option == arg)
                else {
                    return Err(format!("unknown option {arg} ({})", takes()));
                };
                if let Some(value) = value {
                    if iter.next().is_none() {
                        return Err(format!("{arg} needs a value, {value} ({})", takes()));
                    }
                }
            } else if self.operand.is_none() {
                return Err(format!("unexpected argument {arg:?} ({})", takes()));
            } else if operand_seen {
                return Err(format!("a second operand {arg:?} ({})", takes()));
            } else {
                operand_seen = true;
            }
        }
        Ok(())
    }
}

/// Every `cargo xtask` subcommand, in the order the usage message lists them.
pub(crate) const COMMANDS: &[Subcommand] = &[
    Subcommand {
        name: "test",
        options: &[],
        operand: None,
        what: "everything CI checks, installing what is missing first",
        run: |_| test(),
    },
    Subcommand {
        name: "e2e",
        options: &[],
        operand: Some("FILTER"),
        what: "that test step alone: the end-to-end tests (those whose names contain FILTER)",
        run: |args| {
            tools::ensure_browser_tools()
                .and_then(|tools| end_to_end_tests(&tools, args.first().map(String::as_str)))
        },
    },
    Subcommand {
        name: "demo",
        options: &[],
        operand: None,
        what: "installs trunk and its tools, starts the flow simulator and serves the demo site",
        run: |_| demo(),
    },
    Subcommand {
        name: "ssr",
        options: &[],
        operand: None,
        what: "builds the verification app (examples/kyc-app) offline and runs it on a fresh \
               database, with the flow simulator as Persona (its API and its webhooks)",
        run: |_| kyc::ssr(),
    },
    Subcommand {
        name: "ssr-example",
        options: &[],
        operand: None,
        what: "the small server-rendered example, against the flow simulator",
        run: |_| ssr(),
    },
    Subcommand {
        name: "kyc",
        options: &[("--bench", None)],
        operand: None,
        what: "that test step alone: the verification app's suites (--bench: its webhook \
               storm's bench line)",
        run: kyc::command,
    },
    Subcommand {
        name: "size",
        options: &[("--check", None)],
        operand: None,
        what: "what the component adds to an app (inline, modal), per crate, against \
               xtask/size-budget.txt, and the demo's size (--check: fail on a problem)",
        run: |args| size::size(args.iter().any(|a| a == "--check"), true),
    },
    Subcommand {
        name: "js",
        options: &[],
        operand: None,
        what: "minifies the crate's JavaScript sources into what ships (src/browser/js/*.min.js)",
        run: |_| js::write(),
    },
    Subcommand {
        name: "package",
        options: &[],
        operand: None,
        what: "that test step alone: cargo package of the published crates",
        run: |_| package::package(),
    },
    Subcommand {
        name: "msrv",
        options: &[],
        operand: None,
        what: "that test step alone: cargo check on the minimum supported Rust version",
        run: |_| msrv::msrv(),
    },
    Subcommand {
        name: "oracle",
        options: &[],
        operand: None,
        what: "that test step alone: the conformance fixtures and kebab-case tables, \
               regenerated with the official SDK and lodash, must be the committed bytes",
        run: |_| oracle::oracle(),
    },
    Subcommand {
        name: "fuzz",
        options: &[("--inputs", Some("N")), ("--seed", Some("S"))],
        operand: None,
        what: "the no-panic fuzzers, in release (1,000,000 inputs unless told)",
        run: |args| fuzz(args, true),
    },
    Subcommand {
        name: "bench",
        options: &[("--loads", Some("N")), ("--smoke", None)],
        operand: None,
        what: "leptos-persona against the official SDK in headless Chromium, then the \
               server half's lines (--smoke: each page once, checked, untimed)",
        run: |args| bench::bench(args).and_then(|()| server_bench(args)),
    },
    Subcommand {
        name: "readme",
        options: &[],
        operand: None,
        what: "that test step alone: every command the READMEs name resolves",
        run: |_| readme::check(),
    },
];

/// The [`COMMANDS`] entry named `name`.
pub(crate) fn subcommand(name: &str) -> Option<&'static Subcommand> {
    COMMANDS.iter().find(|command| command.name == name)
}

/// The usage message: every entry of [`COMMANDS`], with its options.
fn usage() -> String {
    let mut out = String::from("usage: cargo xtask <command>, one of:\n");
    for command in COMMANDS {
        out.push_str(&format!("  {:<34} {}\n", command.synopsis(), command.what));
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((name, rest)) = args.split_first() else {
        eprint!("{}", usage());
        return ExitCode::from(2);
    };
    let Some(command) = subcommand(name) else {
        eprint!("xtask: unknown command {name:?}\n{}", usage());
        return ExitCode::from(2);
    };
    if let Err(message) = command.check_args(rest) {
        eprintln!("xtask {name}: {message}");
        return ExitCode::from(2);
    }
    match (command.run)(rest) {
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
    // Every command the READMEs name resolves (the `--no-run` builds of the
    // `cargo test` ones reuse what the step above built).
    readme::check()?;
    oracle::oracle()?;
    // So that the fuzzers cannot rot: short runs, which must reach the parsers,
    // parsed and built as `cargo xtask fuzz --inputs 20000` would be, in the
    // test profile's existing build instead of release.
    let fuzz_args = TEST_FUZZ_ARGS.map(String::from);
    subcommand("fuzz")
        .ok_or("no fuzz in COMMANDS")?
        .check_args(&fuzz_args)?;
    fuzz(&fuzz_args, false)?;
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

/// The fuzzer's arguments in `cargo xtask test`: a short run of each.
const TEST_FUZZ_ARGS: [&str; 2] = ["--inputs", "20000"];

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

/// The fuzzer runs `[--inputs N] [--seed S]` asks for, one per crate of
/// [`FUZZED`], each with its step's name: in release for `cargo xtask fuzz`,
/// in the test profile for `cargo xtask test` (the only difference).
fn fuzz_runs(args: &[String], release: bool) -> Result<Vec<(String, Command)>, String> {
    let mut env = Vec::new();
    let mut inputs = "1,000,000 (the default)".to_owned();
    let mut iter = args.iter();
    while let Some(flag) = iter.next() {
        let var = match flag.as_str() {
            "--inputs" => "LEPTOS_PERSONA_FUZZ_INPUTS",
            "--seed" => "LEPTOS_PERSONA_FUZZ_SEED",
            other => return Err(format!("fuzz: unknown option {other}")),
        };
        let value = iter
            .next()
            .ok_or_else(|| format!("fuzz: {flag} needs a value"))?;
        let number: u64 = value
            .parse()
            .map_err(|_| format!("fuzz: {flag}: {value:?} is not a whole number"))?;
        if flag == "--inputs" {
            inputs = number.to_string();
        }
        env.push((var, number.to_string()));
    }
    let profile = if release { "release" } else { "test profile" };
    Ok(FUZZED
        .iter()
        .map(|(crate_name, what)| {
            let mut command = fuzz_command(crate_name, release);
            command.envs(env.iter().cloned());
            (format!("fuzz {what} ({profile}, {inputs} inputs)"), command)
        })
        .collect())
}

/// `cargo xtask fuzz [--inputs N] [--seed S]` (`release`), or the short runs
/// of `cargo xtask test`.
fn fuzz(args: &[String], release: bool) -> Result<(), String> {
    for (step, mut command) in fuzz_runs(args, release)? {
        run_tests(&step, &mut command)?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(command: &Command, name: &str) -> Option<String> {
        command
            .get_envs()
            .find(|(key, _)| *key == name)
            .and_then(|(_, value)| value.map(|v| v.to_string_lossy().into_owned()))
    }

    #[test]
    fn the_tests_fuzz_runs_are_the_fuzz_commands_but_for_the_profile() {
        let args = TEST_FUZZ_ARGS.map(String::from);
        assert!(subcommand("fuzz").is_some_and(|c| c.check_args(&args).is_ok()));
        let tested = fuzz_runs(&args, false).unwrap();
        let released = fuzz_runs(&args, true).unwrap();
        assert_eq!(tested.len(), FUZZED.len());
        for ((_, test), (_, release)) in tested.iter().zip(&released) {
            let without_release: Vec<_> =
                release.get_args().filter(|a| *a != "--release").collect();
            assert_eq!(test.get_args().collect::<Vec<_>>(), without_release);
            assert!(release.get_args().any(|a| a == "--release"));
            for command in [test, release] {
                assert_eq!(
                    env_of(command, "LEPTOS_PERSONA_FUZZ_INPUTS").as_deref(),
                    Some("20000")
                );
            }
        }
        let seeded = fuzz_runs(&["--seed".into(), "7".into()], true).unwrap();
        assert_eq!(
            env_of(&seeded[0].1, "LEPTOS_PERSONA_FUZZ_SEED").as_deref(),
            Some("7")
        );
        assert!(fuzz_runs(&["--inputs".into(), "many".into()], true).is_err());
        assert!(fuzz_runs(&["--inputs".into()], true).is_err());
    }

    #[test]
    fn the_table_has_one_entry_per_name_and_checks_arguments() {
        let mut names: Vec<&str> = COMMANDS.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COMMANDS.len());
        let bench = subcommand("bench").unwrap();
        assert_eq!(bench.synopsis(), "bench [--loads N] [--smoke]");
        assert!(bench.check_args(&["--loads", "3"]).is_ok());
        assert!(bench.check_args(&["--loads"]).is_err());
        assert!(bench.check_args(&["3"]).is_err());
        let e2e = subcommand("e2e").unwrap();
        assert!(e2e.check_args(&["journey"]).is_ok());
        assert!(e2e.check_args(&["a", "b"]).is_err());
        assert!(subcommand("size").unwrap().check_args(&["--chek"]).is_err());
    }
}
