//! The webhook bench: verifying one 10 KB delivery, leptos-persona-server
//! against node's `crypto` (Persona's Node sample, fixed for rotation).
//!
//! `server/tests/webhook_bench.rs` (its ignored `bench` test) prints the
//! median microseconds per verification and writes the delivery to
//! `<target>/server-webhook-bench/`; `server/conformance/bench.mjs` verifies
//! the same bytes there with node. Both include parsing the JSON body (ours
//! into the typed event, node's with `JSON.parse`).
//!
//! The Rust side is built with a profile of its own, `webhook-bench`: the
//! workspace's release profile (LTO, one codegen unit) at `opt-level = 3`, as
//! a server is built, instead of the release profile's `"z"`, which is tuned
//! for the wasm bundle (and makes SHA-256 about three times slower).

use std::process::{Command, Stdio};

use crate::{cargo, root, tools};

/// The bench's figures, as lines to print (one): `webhook verify (10 KB body):
/// leptos-persona-server <µs>, node crypto <µs>, ratio <r>; a forged one
/// refused: <µs>, node <µs>, ratio <r>`.
pub fn lines() -> Result<Vec<String>, String> {
    let dir = tools::target_dir().join("server-webhook-bench");
    println!("==> webhook bench (leptos-persona-server's bench test at opt-level 3, then node)");
    let ours = output(
        "cargo test --profile webhook-bench -p leptos-persona-server --test webhook_bench",
        cargo()
            .args([
                "test",
                "--config",
                "profile.webhook-bench.inherits=\"release\"",
                "--config",
                "profile.webhook-bench.opt-level=3",
                "--profile",
                "webhook-bench",
                "-p",
                "leptos-persona-server",
                "--test",
                "webhook_bench",
                "--",
                "--ignored",
                "--exact",
                "bench",
                "--nocapture",
            ])
            .env("LEPTOS_PERSONA_BENCH_DIR", &dir),
    )?;
    let (ours, ours_refused) = micros(&ours, "leptos-persona-server ")?;
    let node = output(
        "node server/conformance/bench.mjs",
        Command::new("node")
            .arg(root().join("server/conformance/bench.mjs"))
            .arg(&dir)
            .current_dir(root()),
    )?;
    let (node, node_refused) = micros(&node, "node crypto ")?;
    Ok(vec![format!(
        "webhook verify (10 KB body): leptos-persona-server {ours:.1} µs, node crypto {node:.1} µs, \
         ratio {:.2}; a forged one refused: {ours_refused:.1} µs, node {node_refused:.1} µs, ratio {:.2}",
        ours / node,
        ours_refused / node_refused
    )])
}

/// A command's stdout, or an error with its stderr.
fn output(step: &str, command: &mut Command) -> Result<String, String> {
    let out = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{step}: could not start: {e}"))?;
    if !out.status.success() {
        return Err(format!("{step} failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The two figures of the line that has `label`: `<label><a> us per verify,
/// <b> us per forged delivery refused`.
fn micros(output: &str, label: &str) -> Result<(f64, f64), String> {
    output
        .lines()
        .find_map(|line| {
            let (_, rest) = line.split_once(label)?;
            let (verify, rest) = rest.split_once(" us per verify, ")?;
            let refused = rest.split_whitespace().next()?;
            Some((verify.trim().parse().ok()?, refused.parse().ok()?))
        })
        .ok_or_else(|| {
            format!("no `{label}<µs> us per verify, <µs> us per forged delivery refused` line in:\n{output}")
        })
}
