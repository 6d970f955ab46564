//! `cargo package` for the three published crates, as `cargo publish` would build them.
//!
//! The shell depends on the core and (optionally) the server crate by path and
//! version. Packaged together, cargo puts their `.crate`s into a temporary local
//! registry under `target/package/` and builds the shell's `.crate` against them, so
//! every package is checked to hold everything it needs (and nothing of tests/,
//! fixtures or examples) before any is on crates.io. The build is for wasm32 with `csr`, the crate's main use, where
//! wasm-bindgen also reads the JavaScript snippets under src/.

use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{cargo, finish, run, tools};

/// The published crates, dependencies first.
pub const CRATES: [&str; 3] = [
    "leptos-persona-core",
    "leptos-persona-server",
    "leptos-persona",
];

fn package_command(offline: bool) -> Command {
    let mut command = cargo();
    command.arg("package");
    for name in CRATES {
        command.args(["-p", name]);
    }
    command.args([
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "leptos-persona/csr",
        // The check is about what the packages hold, not whether the tree is committed.
        "--allow-dirty",
    ]);
    if offline {
        command.arg("--offline");
    }
    command
}

/// Packages both crates and builds the packaged sources (cargo's verify step).
///
/// The verify step resolves the packages' dependencies afresh, which asks the
/// crates.io index. When the online run fails on the network or the index
/// ([`network_failure`] reads its stderr), the run is repeated with
/// `--offline`, against the local registry cache; any other failure (a
/// compile error in the packaged sources, a file they lack) is the step's
/// failure, with no second try.
pub fn package() -> Result<(), String> {
    tools::ensure_wasm_target()?;
    forget_unpacked_core();
    let step = "cargo package (leptos-persona-core, leptos-persona; builds the .crate files for wasm32, csr)";
    let (result, stderr) = run_keeping_stderr(step, &mut package_command(false))?;
    let Err(online) = result else {
        return Ok(());
    };
    let Some(cause) = network_failure(&stderr) else {
        return Err(format!(
            "{online}: not a network or registry index error, so not retried offline"
        ));
    };
    println!(
        "cargo package failed on the network or the registry index ({cause}); \
         trying again offline, against the local registry cache"
    );
    run(&format!("{step}, offline"), &mut package_command(true))
        .map_err(|offline| format!("{online}; {offline}"))?;
    println!(
        "cargo package: the packages build offline, against the local registry cache; \
         the online run could not reach the registry (see above)"
    );
    Ok(())
}

/// Runs `command` as [`run`] does, with its stderr printed as it comes and
/// kept: the exit status as a result, and the stderr.
fn run_keeping_stderr(
    step: &str,
    command: &mut Command,
) -> Result<(Result<(), String>, String), String> {
    use std::io::{BufRead, BufReader};
    println!("==> {step}");
    let started = Instant::now();
    let mut child = command
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{step}: could not start {command:?}: {e}"))?;
    let mut kept = String::new();
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            kept.push_str(&line);
            kept.push('\n');
        }
    }
    let status = child.wait().map_err(|e| format!("{step}: {e}"))?;
    Ok((finish(step, started, status), kept))
}

/// What cargo's stderr says when a run failed on the network or the registry
/// index, or `None` for any other failure: the first line of its errors (the
/// `error:` lines and their `Caused by:` chains, not warnings such as a
/// download retried with success) that names one. Wrappers such as "failed to
/// get `x` as a dependency" say nothing by themselves (their cause may be a
/// version that does not exist); and a run that got as far as a compile error
/// ("could not compile") did resolve its dependencies, so it is no network
/// failure whatever else it printed.
fn network_failure(stderr: &str) -> Option<&str> {
    const MARKERS: [&str; 16] = [
        "download of config.json failed",
        "failed to download",
        "could not connect to server",
        "couldn't connect to server",
        "could not resolve host",
        "couldn't resolve host",
        "could not resolve proxy",
        "network failure",
        "spurious network error",
        "unable to update registry",
        "failed to update registry",
        "failed to fetch `",
        "failed to get successful http response",
        "timeout was reached",
        "operation timed out",
        "ssl connect error",
    ];
    if stderr
        .lines()
        .any(|line| line.starts_with("error: could not compile"))
    {
        return None;
    }
    let mut in_error = false;
    for line in stderr.lines() {
        if line.starts_with("error") {
            in_error = true;
        } else if !(line.is_empty() || line.starts_with(' ') || line.starts_with("Caused by:")) {
            // A warning, a note or anything else cargo prints unindented.
            in_error = false;
        }
        if !in_error {
            continue;
        }
        let text = line.trim();
        let lower = text.to_ascii_lowercase();
        // curl's errors read `[7] Could not connect to server (…)`.
        let curl = text
            .strip_prefix('[')
            .and_then(|rest| rest.split_once(']'))
            .is_some_and(|(code, _)| !code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()));
        if curl || MARKERS.iter().any(|marker| lower.contains(marker)) {
            return Some(text);
        }
    }
    None
}

/// Cargo unpacks the core's `.crate` from the temporary registry into
/// `$CARGO_HOME/registry/src/-<hash>/` and never unpacks the same version
/// again, so a second run would build the root crate against the first run's
/// core. Remove those copies (only under local registries, whose directory
/// names start with `-`) so that every run verifies the sources it packaged;
/// and, because cargo never rebuilds a registry crate of an unchanged version,
/// the core's build fingerprints too (rebuilding it takes seconds).
fn forget_unpacked_core() {
    for profile in ["debug", "wasm32-unknown-unknown/debug"] {
        let fingerprints = tools::target_dir().join(profile).join(".fingerprint");
        if let Ok(entries) = std::fs::read_dir(&fingerprints) {
            for entry in entries.filter_map(|e| e.ok()) {
                if entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with("leptos-persona-core-")
                {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
    }
    let sources = tools::cargo_home().join("registry/src");
    let Ok(registries) = std::fs::read_dir(&sources) else {
        return;
    };
    for registry in registries.filter_map(|e| e.ok()) {
        if !registry.file_name().to_string_lossy().starts_with('-') {
            continue;
        }
        let Ok(crates) = std::fs::read_dir(registry.path()) else {
            continue;
        };
        for unpacked in crates.filter_map(|e| e.ok()) {
            if unpacked
                .file_name()
                .to_string_lossy()
                .starts_with("leptos-persona-core-")
            {
                let _ = std::fs::remove_dir_all(unpacked.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::network_failure;

    /// `cargo package` under `CARGO_HTTP_PROXY=http://127.0.0.1:9` (with
    /// `CARGO_NET_RETRY=0`), a registry it cannot reach.
    const UNREACHABLE_INDEX: &str = "\
   Packaging leptos-persona-core v0.1.0 (/work/main/core)
warning: ignoring test `conformance` as `tests/conformance.rs` is not included in the published package
    Updating crates.io index
error: failed to prepare local package for uploading

Caused by:
  download of config.json failed

Caused by:
  failed to download from `https://index.crates.io/config.json`

Caused by:
  [7] Could not connect to server (Failed to connect to 127.0.0.1 port 9 after 0 ms: Could not connect to server)
";

    /// The verify step of a package that lacks a file its sources include.
    const COMPILE_ERROR: &str = "\
   Packaging pkgdemo v0.1.0 (/tmp/pkgdemo)
    Packaged 4 files, 1.1KiB (751B compressed)
   Verifying pkgdemo v0.1.0 (/tmp/pkgdemo)
   Compiling pkgdemo v0.1.0 (/tmp/pkgdemo/target/package/pkgdemo-0.1.0)
error: couldn't read `src/../data.txt`: No such file or directory (os error 2)
 --> src/lib.rs:1:21
  |
1 | pub const D: &str = include_str!(\"../data.txt\");
  |                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^

error: could not compile `pkgdemo` (lib) due to 1 previous error
error: failed to verify package tarball
";

    #[test]
    fn a_network_error_falls_back_offline() {
        assert_eq!(
            network_failure(UNREACHABLE_INDEX),
            Some("download of config.json failed")
        );
        // The git index, and a proxy that does not resolve.
        let git_index = "\
error: failed to get `itoa` as a dependency of package `pkgdemo v0.1.0 (/tmp/pkgdemo)`

Caused by:
  failed to load source for dependency `itoa`

Caused by:
  unable to update registry `crates-io`
";
        assert_eq!(
            network_failure(git_index),
            Some("unable to update registry `crates-io`")
        );
        let proxy = "error: failed to prepare local package for uploading\n\nCaused by:\n  \
                     [5] Could not resolve proxy name (Could not resolve proxy: no-such-host.invalid)\n";
        assert!(network_failure(proxy).is_some_and(|cause| cause.starts_with("[5]")));
    }

    #[test]
    fn a_compile_error_or_a_resolution_error_does_not() {
        assert_eq!(network_failure(COMPILE_ERROR), None);
        // A download retried with success before the compile error changes nothing.
        let retried = format!(
            "warning: spurious network error (2 tries remaining): [7] Could not connect to server\n{COMPILE_ERROR}"
        );
        assert_eq!(network_failure(&retried), None);
        // A version that does not exist: the wrapper alone is no network error.
        let no_version = "\
error: failed to get `itoa` as a dependency of package `pkgdemo v0.1.0 (/tmp/pkgdemo)`

Caused by:
  failed to select a version for the requirement `itoa = \"^999\"`
  candidate versions found which didn't match: 1.0.19, 1.0.18
";
        assert_eq!(network_failure(no_version), None);
        assert_eq!(network_failure(""), None);
    }
}
