//! The minimum supported Rust version: `cargo check` of both crates on a rustup
//! toolchain of exactly the `rust-version` their manifests declare, installed if
//! missing, building into `target/msrv` so the main target directory is untouched.

use std::process::{Command, Stdio};

use crate::{root, run, tools};

/// The `rust-version` of a manifest's `[package]`.
fn rust_version(manifest: &str) -> Result<String, String> {
    let path = root().join(manifest);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("reading {manifest}: {e}"))?;
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("rust-version"))
        .filter_map(|rest| rest.trim().strip_prefix('='))
        .map(|value| value.trim().trim_matches('"').to_owned())
        .next()
        .ok_or_else(|| format!("{manifest} declares no rust-version"))
}

/// The MSRV both crates declare (they must agree).
pub fn declared() -> Result<String, String> {
    let shell = rust_version("Cargo.toml")?;
    let core = rust_version("core/Cargo.toml")?;
    if shell == core {
        Ok(shell)
    } else {
        Err(format!(
            "Cargo.toml says rust-version {shell}, core/Cargo.toml says {core}: they must agree"
        ))
    }
}

/// Installs the rustup toolchain `version` (minimal profile) unless it is there.
fn ensure_toolchain(version: &str) -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["toolchain", "list"])
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .map_err(|e| format!("rustup is needed for the MSRV check: {e}"))?;
    let prefix = format!("{version}-");
    if installed
        .lines()
        .any(|line| line.split_whitespace().next() == Some(version) || line.starts_with(&prefix))
    {
        return Ok(());
    }
    run(
        &format!("rustup toolchain install {version}"),
        Command::new("rustup").args(["toolchain", "install", version, "--profile", "minimal"]),
    )
}

/// `cargo check` on the declared MSRV, with the committed `Cargo.lock`.
pub fn msrv() -> Result<(), String> {
    let version = declared()?;
    ensure_toolchain(&version)?;
    let target_dir = tools::target_dir().join("msrv");
    for (package, features) in [
        ("leptos-persona-core", None),
        ("leptos-persona", Some("csr")),
    ] {
        let mut command = Command::new("rustup");
        command
            .args(["run", &version, "cargo", "check", "--locked", "-p", package])
            .arg("--target-dir")
            .arg(&target_dir)
            .current_dir(root())
            // Whatever toolchain runs xtask must not leak into the MSRV build.
            .env_remove("RUSTC")
            .env_remove("RUSTDOC")
            .env_remove("RUSTUP_TOOLCHAIN")
            .env_remove("CARGO");
        if let Some(features) = features {
            command.args(["--features", features]);
        }
        run(
            &format!(
                "cargo check on Rust {version} (MSRV): {package}{}",
                features
                    .map(|f| format!(" --features {f}"))
                    .unwrap_or_default()
            ),
            &mut command,
        )?;
    }
    Ok(())
}
