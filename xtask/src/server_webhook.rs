//! leptos-persona-server's webhook conformance: the committed cases
//! (`server/conformance/webhook-cases.json`) are exactly what node writes, and
//! the crate's verifier agrees with node's on every one.
//!
//! `server/conformance/generate.mjs` (no npm packages: node's own `crypto`)
//! regenerates the cases into `<target>/server-webhook-conformance/`, and the
//! result must be the committed file, byte for byte; then
//! `cargo test -p leptos-persona-server --test webhook_conformance` checks
//! every case against `WebhookVerifier`.

use std::fs;
use std::process::Command;

use crate::{cargo, root, run, tools};

/// The committed cases, relative to the workspace root.
const CASES: &str = "server/conformance/webhook-cases.json";
/// The generator, relative to the workspace root.
const GENERATOR: &str = "server/conformance/generate.mjs";

/// The whole check (a step of `cargo xtask test`).
pub fn conformance() -> Result<(), String> {
    let version = tools::output(Command::new("node").arg("--version")).ok_or_else(|| {
        "node is missing: install Node.js 20 or newer (Debian: apt-get install -y nodejs), which \
         the webhook conformance check runs"
            .to_owned()
    })?;
    let dir = tools::target_dir().join("server-webhook-conformance");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let regenerated = dir.join("webhook-cases.json");
    run(
        &format!(
            "node {GENERATOR} (webhook conformance cases, node {})",
            version.trim()
        ),
        Command::new("node")
            .arg(root().join(GENERATOR))
            .arg(&regenerated)
            .current_dir(root()),
    )?;
    let committed_path = root().join(CASES);
    let committed =
        fs::read(&committed_path).map_err(|e| format!("{}: {e}", committed_path.display()))?;
    let fresh = fs::read(&regenerated).map_err(|e| format!("{}: {e}", regenerated.display()))?;
    if committed != fresh {
        let line = committed
            .split(|&b| b == b'\n')
            .zip(fresh.split(|&b| b == b'\n'))
            .position(|(a, b)| a != b)
            .map_or_else(|| "the end".to_owned(), |i| format!("line {}", i + 1));
        return Err(format!(
            "{CASES} is not what {GENERATOR} writes (first difference at {line}); regenerate it \
             with `node {GENERATOR}` and commit it"
        ));
    }
    println!("{CASES}: the committed cases are node's output, byte for byte");
    crate::run_tests(
        "cargo test -p leptos-persona-server --test webhook_conformance",
        cargo().args([
            "test",
            "-p",
            "leptos-persona-server",
            "--test",
            "webhook_conformance",
            "--",
            "--nocapture",
        ]),
    )
}
