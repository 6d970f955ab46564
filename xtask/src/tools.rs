//! Installs and starts what the browser tests need, idempotently and offline-friendly:
//! the wasm32 target, `wasm-bindgen-cli` at the version in `Cargo.lock`, Debian's
//! Chromium and ChromeDriver, and the flow simulator.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::{cargo, root, run};

/// Paths of the installed browser-test tools.
pub struct BrowserTools {
    pub test_runner: PathBuf,
    pub chromedriver: PathBuf,
}

pub fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
}

pub fn output(command: &mut Command) -> Option<String> {
    let out = command.stderr(Stdio::null()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The `version` of package `name` in `Cargo.lock`.
pub fn locked_version(name: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{name}\"") {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
            {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{name} is not in Cargo.lock"))
}

pub fn ensure_wasm_target() -> Result<(), String> {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(
        "rustup target add wasm32-unknown-unknown",
        Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]),
    )
}

/// `wasm-bindgen-cli` at exactly the `wasm-bindgen` version of `Cargo.lock`.
pub fn ensure_wasm_bindgen_cli() -> Result<PathBuf, String> {
    let version = locked_version("wasm-bindgen")?;
    let bin = cargo_home().join("bin");
    let runner = bin.join("wasm-bindgen-test-runner");
    let has = |path: &Path| {
        output(Command::new(path).arg("--version"))
            .is_some_and(|v| v.split_whitespace().any(|w| w == version))
    };
    if has(&runner) && has(&bin.join("wasm-bindgen")) {
        return Ok(runner);
    }
    let direct = run(
        &format!("cargo install wasm-bindgen-cli {version}"),
        Command::new("cargo").args([
            "install",
            "--locked",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ]),
    );
    if direct.is_err() {
        // Its lock file may pin a dependency version the registry no longer serves
        // (webpki-roots 1.0.11): take the published source, re-lock that one crate
        // and install from the copy.
        let registry = cargo_home().join("registry/src");
        let source = std::fs::read_dir(&registry)
            .map_err(|e| format!("reading {}: {e}", registry.display()))?
            .filter_map(|d| d.ok())
            .map(|d| d.path().join(format!("wasm-bindgen-cli-{version}")))
            .find(|p| p.is_dir())
            .ok_or_else(|| {
                format!(
                    "wasm-bindgen-cli {version} source not found under {}",
                    registry.display()
                )
            })?;
        let work =
            std::env::temp_dir().join(format!("wasm-bindgen-cli-{version}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&work);
        run(
            "copy wasm-bindgen-cli source",
            Command::new("cp").arg("-r").arg(&source).arg(&work),
        )?;
        run(
            "re-lock webpki-roots",
            Command::new("cargo")
                .args(["update", "-p", "webpki-roots", "--precise", "1.0.10"])
                .current_dir(&work),
        )?;
        run(
            &format!("cargo install wasm-bindgen-cli {version} (re-locked)"),
            Command::new("cargo")
                .args(["install", "--locked", "--force", "--path"])
                .arg(&work),
        )?;
        let _ = std::fs::remove_dir_all(&work);
    }
    if has(&runner) {
        Ok(runner)
    } else {
        Err(format!(
            "wasm-bindgen-test-runner {version} is still missing from {}",
            bin.display()
        ))
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|id| id.trim() == "0")
}

/// Debian's `chromium` and `chromium-driver`, installed with apt when running as root.
pub fn ensure_chromium() -> Result<PathBuf, String> {
    if let (Some(driver), Some(_)) = (find_on_path("chromedriver"), find_on_path("chromium")) {
        return Ok(driver);
    }
    if !is_root() {
        return Err(
            "headless Chromium is missing: install Debian's `chromium` and `chromium-driver` \
                    (sudo apt-get install -y chromium chromium-driver), then run this again"
                .into(),
        );
    }
    run(
        "apt-get update",
        Command::new("apt-get").args(["update", "-qq"]),
    )?;
    run(
        "apt-get install chromium chromium-driver",
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    find_on_path("chromedriver")
        .ok_or_else(|| "chromedriver is still not on PATH after apt-get".into())
}

/// The wasm32 target and `wasm-bindgen-cli`; returns the test runner's path.
pub fn ensure_wasm_toolchain() -> Result<PathBuf, String> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen_cli()
}

/// Everything the wasm browser tests need.
pub fn ensure_browser_tools() -> Result<BrowserTools, String> {
    let test_runner = ensure_wasm_toolchain()?;
    let chromedriver = ensure_chromium()?;
    Ok(BrowserTools {
        test_runner,
        chromedriver,
    })
}

/// The flow simulator, running on a loopback port until dropped.
pub struct Simulator;

impl Simulator {
    /// Starts the simulator on an ephemeral port.
    pub fn start() -> Result<Service, String> {
        Self::start_on(0)
    }

    /// Starts the simulator on `port` (0 = ephemeral).
    pub fn start_on(port: u16) -> Result<Service, String> {
        run(
            "build the flow simulator",
            cargo().args(["build", "--quiet", "--package", "persona-flow-simulator"]),
        )?;
        let mut command = Command::new(target_dir().join("debug/persona-flow-simulator"));
        command.args(["--port", &port.to_string()]);
        let service = Service::spawn(command, "flow simulator listening on ")?;
        println!("flow simulator at {}", service.url);
        Ok(service)
    }
}

/// The trunk version that builds with this toolchain (0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The binaryen release whose npm build of `wasm-opt` is used (Debian's is too old).
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";

/// A `trunk` command at [`TRUNK_VERSION`], with nothing stale to ship: trunk
/// keeps wasm-bindgen's output in `target/wasm-bindgen/` and copies (and
/// preloads) every JavaScript snippet it finds there, so a snippet since renamed
/// or removed would still be downloaded, and measured.
pub fn trunk() -> Result<Command, String> {
    let trunk = ensure_trunk()?;
    let staged = target_dir().join("wasm-bindgen");
    if staged.exists() {
        std::fs::remove_dir_all(&staged).map_err(|e| format!("{}: {e}", staged.display()))?;
    }
    Ok(Command::new(trunk))
}

/// `trunk` at [`TRUNK_VERSION`].
pub fn ensure_trunk() -> Result<PathBuf, String> {
    let trunk = cargo_home().join("bin/trunk");
    let has =
        || output(Command::new(&trunk).arg("--version")).is_some_and(|v| v.contains(TRUNK_VERSION));
    if !has() {
        run(
            &format!("cargo install trunk {TRUNK_VERSION}"),
            Command::new("cargo").args([
                "install",
                "--locked",
                "trunk",
                "--version",
                TRUNK_VERSION,
                "--force",
            ]),
        )?;
    }
    if has() {
        Ok(trunk)
    } else {
        Err(format!(
            "trunk {TRUNK_VERSION} is still missing from {}",
            trunk.display()
        ))
    }
}

/// `npm install <package>` into `prefix` (its `node_modules`), or an error
/// naming npm as missing and what `needed_by` it.
pub fn npm_install(prefix: &Path, package: &str, needed_by: &str) -> Result<(), String> {
    if find_on_path("npm").is_none() {
        return Err(format!(
            "npm is missing: install Node.js and npm (Debian: apt-get install -y nodejs npm), \
             which {needed_by} needs"
        ));
    }
    run(
        &format!("npm install {package}"),
        Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(prefix)
            .arg(package),
    )
}

/// The directory holding npm `binaryen`'s `wasm-opt`, to put first on PATH for trunk.
pub fn ensure_wasm_opt() -> Result<PathBuf, String> {
    let prefix = root().join("target/tools/binaryen");
    let bin = prefix.join("node_modules/.bin");
    let has = || {
        output(Command::new(bin.join("wasm-opt")).arg("--version")).is_some_and(|v| {
            v.contains(&format!(
                "version {}",
                BINARYEN_NPM_VERSION.trim_end_matches(".0.0")
            ))
        })
    };
    if !has() {
        npm_install(
            &prefix,
            &format!("binaryen@{BINARYEN_NPM_VERSION}"),
            "the demo's wasm optimiser (npm binaryen)",
        )?;
    }
    if has() {
        Ok(bin)
    } else {
        Err(format!(
            "wasm-opt {BINARYEN_NPM_VERSION} did not install under {}",
            bin.display()
        ))
    }
}

/// axe-core, installed with `npm ci` from `tests/a11y/package-lock.json` into
/// `target/tools/axe`; returns the path of its `axe.min.js`, which the
/// end-to-end tests inject into the pages they check.
pub fn ensure_axe() -> Result<PathBuf, String> {
    let source = root().join("tests/a11y");
    let dir = target_dir().join("tools/axe");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let lock = read(&source.join("package-lock.json"))?;
    let script = dir.join("node_modules/axe-core/axe.min.js");
    let current = read(&dir.join("package-lock.json")).ok().as_ref() == Some(&lock);
    if !(current && script.is_file()) {
        if find_on_path("npm").is_none() {
            return Err(
                "npm is missing: install Node.js and npm (Debian: apt-get install -y nodejs npm), \
                 which the accessibility checks need for axe-core"
                    .into(),
            );
        }
        for file in ["package.json", "package-lock.json"] {
            std::fs::copy(source.join(file), dir.join(file))
                .map_err(|e| format!("copying {file} to {}: {e}", dir.display()))?;
        }
        run(
            "npm ci (axe-core, the accessibility checks)",
            Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir),
        )?;
    }
    if script.is_file() {
        Ok(script)
    } else {
        Err(format!("{} is missing after npm ci", script.display()))
    }
}

/// `PATH` with `first` in front.
pub fn path_with(first: &[&Path]) -> std::ffi::OsString {
    let mut paths: Vec<PathBuf> = first.iter().map(|p| p.to_path_buf()).collect();
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// Checks that Trunk.toml pins the wasm-bindgen of Cargo.lock.
pub fn check_trunk_pins() -> Result<(), String> {
    let version = locked_version("wasm-bindgen")?;
    let trunk_toml = std::fs::read_to_string(root().join("Trunk.toml"))
        .map_err(|e| format!("reading Trunk.toml: {e}"))?;
    if trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
        Ok(())
    } else {
        Err(format!(
            "Trunk.toml must pin `wasm_bindgen = \"{version}\"` (the wasm-bindgen in Cargo.lock) so trunk stays offline"
        ))
    }
}

/// The target directory cargo builds into.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Builds the server-rendered example without cargo-leptos: the server natively
/// with `ssr`, the client library to wasm32 with `hydrate` (release), and its
/// JavaScript glue with wasm-bindgen. Returns the site root holding `pkg/`.
pub fn build_ssr_example() -> Result<PathBuf, String> {
    let test_runner = ensure_wasm_toolchain()?;
    build_ssr_binaries(false)?;
    let site = target_dir().join("ssr-site");
    bindgen_ssr_client(
        &test_runner.with_file_name("wasm-bindgen"),
        &site.join("pkg"),
    )?;
    Ok(site)
}

/// Builds the SSR example's server (natively, with `ssr`; in release when
/// `release`) and its client library (wasm32, `hydrate`, release).
pub fn build_ssr_binaries(release: bool) -> Result<(), String> {
    let mut server = cargo();
    server.args(["build", "--quiet"]);
    if release {
        server.arg("--release");
    }
    server.args([
        "-p",
        "persona-ssr-example",
        "--bin",
        "persona-ssr-example",
        "--features",
        "ssr",
    ]);
    run(
        if release {
            "build the SSR example server (ssr, release)"
        } else {
            "build the SSR example server (ssr)"
        },
        &mut server,
    )?;
    run(
        "build the SSR example client (hydrate, wasm32, release)",
        cargo().args([
            "build",
            "--quiet",
            "-p",
            "persona-ssr-example",
            "--lib",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "hydrate",
        ]),
    )
}

/// The SSR example's client as cargo built it (wasm32, release).
pub fn ssr_client_wasm() -> PathBuf {
    target_dir().join("wasm32-unknown-unknown/release/persona_ssr_example.wasm")
}

/// wasm-bindgen's glue and wasm for the SSR example's client, into `pkg`.
pub fn bindgen_ssr_client(bindgen: &Path, pkg: &Path) -> Result<(), String> {
    run(
        "wasm-bindgen the SSR example client",
        Command::new(bindgen)
            .args([
                "--target",
                "web",
                "--out-name",
                "persona-ssr-example",
                "--out-dir",
            ])
            .arg(pkg)
            .arg(ssr_client_wasm()),
    )
}

/// A running process whose first stdout line is `<prefix>http://…`; killed on drop.
pub struct Service {
    child: Child,
    pub url: String,
}

impl Service {
    /// Spawns `command` and reads the URL from its first line.
    pub fn spawn(mut command: Command, prefix: &str) -> Result<Self, String> {
        let mut child = command
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("starting {command:?}: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut reader = BufReader::new(stdout);
        let mut first = String::new();
        reader
            .read_line(&mut first)
            .map_err(|e| format!("reading the first line of {command:?}: {e}"))?;
        let url = first
            .trim()
            .strip_prefix(prefix)
            .ok_or_else(|| format!("unexpected first line from {command:?}: {first:?}"))?
            .to_owned();
        // Keep draining its output so it never writes into a closed pipe.
        let name = prefix.trim().to_owned();
        std::thread::spawn(move || {
            for line in reader.lines().map_while(Result::ok) {
                println!("[{name}] {line}");
            }
        });
        Ok(Self { child, url })
    }

    /// The SSR example server on an ephemeral port, talking to `simulator`,
    /// delaying its wasm by `wasm_delay_ms`.
    pub fn ssr_example(
        site: &Path,
        simulator: &str,
        port: u16,
        wasm_delay_ms: u64,
    ) -> Result<Self, String> {
        Self::ssr_example_with(site, simulator, port, wasm_delay_ms, &[])
    }

    /// [`ssr_example`](Self::ssr_example) with more environment variables (the
    /// red-team suite's instance admits one more origin in `frame-src`).
    pub fn ssr_example_with(
        site: &Path,
        simulator: &str,
        port: u16,
        wasm_delay_ms: u64,
        env: &[(&str, &str)],
    ) -> Result<Self, String> {
        let mut command = Command::new(target_dir().join("debug/persona-ssr-example"));
        command
            .current_dir(root())
            .env("LEPTOS_OUTPUT_NAME", "persona-ssr-example")
            .env("LEPTOS_SITE_ROOT", site)
            .env("LEPTOS_SITE_PKG_DIR", "pkg")
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("PERSONA_HOST", simulator)
            .env("PERSONA_SSR_WASM_DELAY_MS", wasm_delay_ms.to_string())
            .envs(env.iter().copied());
        Self::spawn(command, "ssr example listening on ")
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
