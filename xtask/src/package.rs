//! `cargo package` for the two published crates, as `cargo publish` would build them.
//!
//! The shell depends on the core by path and version. Packaged together, cargo puts
//! the core's `.crate` into a temporary local registry under `target/package/` and
//! builds the shell's `.crate` against it, so both packages are checked to hold
//! everything they need (and nothing of tests/, fixtures or examples) before either
//! is on crates.io. The build is for wasm32 with `csr`, the crate's main use, where
//! wasm-bindgen also reads the JavaScript snippets under src/.

use std::process::Command;

use crate::{cargo, run, tools};

/// The published crates, dependencies first.
pub const CRATES: [&str; 2] = ["leptos-persona-core", "leptos-persona"];

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
/// crates.io index; without network the run is repeated with `--offline`, against
/// the local registry cache.
pub fn package() -> Result<(), String> {
    tools::ensure_wasm_target()?;
    forget_unpacked_core();
    let step = "cargo package (leptos-persona-core, leptos-persona; builds the .crate files for wasm32, csr)";
    let Err(online) = run(step, &mut package_command(false)) else {
        return Ok(());
    };
    println!("cargo package failed; trying again offline in case the registry is unreachable");
    run(&format!("{step}, offline"), &mut package_command(true))
        .map_err(|offline| format!("{online}; {offline}"))?;
    println!(
        "cargo package: the packages build offline, against the local registry cache; \
         the online run failed (see above)"
    );
    Ok(())
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
