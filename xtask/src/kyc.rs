//! The identity-verification app (`examples/kyc-app`): its build without
//! cargo-leptos, `cargo xtask ssr` (the simulator and the app, wired together,
//! on a fresh database), its suites in `cargo xtask test`, and the webhook
//! storm's bench line.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, run, run_tests, tools};

/// What the app's suites and `cargo xtask ssr` need.
pub struct Built {
    /// The app's server (`--features ssr`, debug).
    pub app: PathBuf,
    /// The folder holding the client's `pkg/` (wasm32, `hydrate`, release).
    pub site_root: PathBuf,
    /// The flow simulator.
    pub simulator: PathBuf,
}

/// Builds the simulator, the app's server and its client (through wasm-bindgen).
pub fn build() -> Result<Built, String> {
    let test_runner = tools::ensure_wasm_toolchain()?;
    run(
        "build the flow simulator",
        cargo().args(["build", "--quiet", "-p", "persona-flow-simulator"]),
    )?;
    run(
        "build the KYC app server (ssr)",
        cargo().args([
            "build",
            "--quiet",
            "-p",
            "persona-kyc-app",
            "--bin",
            "persona-kyc-app",
            "--features",
            "ssr",
        ]),
    )?;
    run(
        "build the KYC app client (hydrate, wasm32, release)",
        cargo().args([
            "build",
            "--quiet",
            "-p",
            "persona-kyc-app",
            "--lib",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "hydrate",
        ]),
    )?;
    let target = tools::target_dir();
    let site_root = target.join("kyc-site");
    run(
        "wasm-bindgen the KYC app client",
        Command::new(test_runner.with_file_name("wasm-bindgen"))
            .args([
                "--target",
                "web",
                "--out-name",
                "persona-kyc-app",
                "--out-dir",
            ])
            .arg(site_root.join("pkg"))
            .arg(target.join("wasm32-unknown-unknown/release/persona_kyc_app.wasm")),
    )?;
    Ok(Built {
        app: target.join("debug/persona-kyc-app"),
        site_root,
        simulator: target.join("debug/persona-flow-simulator"),
    })
}

/// A fresh random value: 16 bytes from the kernel, in hex, after `prefix`.
fn random(prefix: &str) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("no randomness for the secrets (/dev/urandom): {e}"))?;
    Ok(format!(
        "{prefix}{}",
        bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
    ))
}

/// The caller's value of `name`, or a fresh random one (and whether it was random).
fn from_env_or_random(name: &str, prefix: &str) -> Result<(String, bool), String> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok((value, false)),
        _ => Ok((random(prefix)?, true)),
    }
}

/// `cargo xtask ssr`: the simulator on 8787 (its API, with the key, and its
/// webhooks, signed with the secret, pointed at the app) and the app on 3000 on
/// a fresh database. `PERSONA_API_KEY` and `PERSONA_WEBHOOK_SECRET` are the
/// caller's when set, random otherwise; both processes get the same.
pub fn ssr() -> Result<(), String> {
    let built = build()?;
    let (api_key, random_key) = from_env_or_random("PERSONA_API_KEY", "persona_sim_")?;
    let (secret, random_secret) = from_env_or_random("PERSONA_WEBHOOK_SECRET", "wbhsec_")?;
    let data = tools::target_dir().join("kyc-ssr");
    let database = data.join("kyc-app.db");
    for file in ["kyc-app.db", "kyc-app.db-wal", "kyc-app.db-shm"] {
        let path = data.join(file);
        if path.exists() {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let app_addr = "127.0.0.1:3000";
    let mut simulator = Command::new(&built.simulator);
    simulator
        .args(["--port", "8787", "--api-key", &api_key])
        .args([
            "--webhook-url",
            &format!("http://{app_addr}/webhooks/persona"),
        ])
        .args(["--webhook-secret", &secret])
        .args(["--decision-ms", "2000", "--webhook-retry-ms", "1000"]);
    let simulator = tools::Service::spawn(simulator, "flow simulator listening on ")?;
    let template =
        std::env::var("PERSONA_TEMPLATE_ID").unwrap_or_else(|_| "itmpl_sim_happy".into());
    let mut app = Command::new(&built.app);
    app.current_dir(root())
        .env("PERSONA_API_KEY", &api_key)
        .env("PERSONA_WEBHOOK_SECRET", &secret)
        .env("PERSONA_TEMPLATE_ID", &template)
        .env("PERSONA_HOST", &simulator.url)
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("KYC_ADDR", app_addr)
        .env("KYC_SITE_ROOT", &built.site_root);
    let app = tools::Service::spawn(app, "kyc app listening on ")?;
    let said = |random: bool| if random { "random" } else { "yours" };
    println!(
        "ssr: the app runs at {}/ against the simulator at {} (API key: {}; webhook secret: {}; \
         template {template}; database {}); ctrl-c to stop",
        app.url,
        simulator.url,
        said(random_key),
        said(random_secret),
        database.display()
    );
    loop {
        std::thread::sleep(std::time::Duration::from_secs(3600));
    }
}

/// The app's tests: clippy with `ssr`, its unit tests, and the four
/// end-to-end suites against the real processes (the journeys in headless
/// Chromium). The journeys' screenshots go to `target/kyc-screenshots`.
pub fn tests(browser: &tools::BrowserTools, axe: &Path) -> Result<(), String> {
    run(
        "cargo clippy (the KYC app, ssr, all targets)",
        cargo().args([
            "clippy",
            "-p",
            "persona-kyc-app",
            "--features",
            "ssr",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run(
        "cargo clippy (the KYC app, hydrate, wasm32)",
        cargo().args([
            "clippy",
            "-p",
            "persona-kyc-app",
            "--features",
            "hydrate",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    run_tests(
        "cargo test (the KYC app: configuration, session, database)",
        cargo().args([
            "test",
            "-p",
            "persona-kyc-app",
            "--features",
            "ssr",
            "--lib",
        ]),
    )?;
    let built = build()?;
    let screenshots = tools::target_dir().join("kyc-screenshots");
    run_tests(
        "cargo test (the KYC app end to end: journeys in headless Chromium, the webhook storm, faults, security)",
        cargo()
            .args([
                "test",
                "-p",
                "persona-kyc-app",
                "--features",
                "ssr",
                "--test",
                "journeys",
                "--test",
                "storm",
                "--test",
                "faults",
                "--test",
                "security",
                "--",
                "--ignored",
                "--test-threads=1",
            ])
            .env("PERSONA_SIMULATOR_BIN", &built.simulator)
            .env("KYC_APP_BIN", &built.app)
            .env("KYC_SITE_ROOT", &built.site_root)
            .env("KYC_SCREENSHOTS", &screenshots)
            .env("CHROMEDRIVER", &browser.chromedriver)
            .env("PERSONA_AXE_JS", axe),
    )
}

/// `cargo xtask kyc`: the app's suites alone; `--bench`: the storm's bench line.
pub fn command(args: &[String]) -> Result<(), String> {
    if args.iter().any(|a| a == "--bench") {
        for line in storm_bench()? {
            println!("bench: {line}");
        }
        return Ok(());
    }
    let browser = tools::ensure_browser_tools()?;
    tests(&browser, &tools::ensure_axe()?)
}

/// The storm's figures, for `cargo xtask bench`: runs the storm suite (in
/// release, so that the figures are the app's and not the debug build's) and
/// returns the line it wrote.
pub fn storm_bench() -> Result<Vec<String>, String> {
    run(
        "build the flow simulator and the KYC app (release)",
        cargo().args([
            "build",
            "--quiet",
            "--release",
            "-p",
            "persona-flow-simulator",
            "-p",
            "persona-kyc-app",
            "--bin",
            "persona-kyc-app",
            "--bin",
            "persona-flow-simulator",
            "--features",
            "persona-kyc-app/ssr",
        ]),
    )?;
    let target = tools::target_dir();
    let out = target.join("kyc-storm-bench.txt");
    let _ = std::fs::remove_file(&out);
    run_tests(
        "the KYC app's webhook storm (release)",
        cargo()
            .args([
                "test",
                "--release",
                "-p",
                "persona-kyc-app",
                "--features",
                "ssr",
                "--test",
                "storm",
                "--",
                "--ignored",
            ])
            .env(
                "PERSONA_SIMULATOR_BIN",
                target.join("release/persona-flow-simulator"),
            )
            .env("KYC_APP_BIN", target.join("release/persona-kyc-app"))
            .env("KYC_SITE_ROOT", target.join("kyc-site"))
            .env("KYC_STORM_BENCH_OUT", &out),
    )?;
    let text = std::fs::read_to_string(&out)
        .map_err(|e| format!("the storm wrote no figures to {}: {e}", out.display()))?;
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return Err(format!("{} is empty", out.display()));
    }
    Ok(lines)
}
