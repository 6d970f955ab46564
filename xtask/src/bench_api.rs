//! The REST API client's figures for `cargo xtask bench`: 1,000
//! `retrieve_inquiry` calls, 16 at a time, against the flow simulator on
//! loopback (`server/tests/api_bench.rs`, an ignored test run in release mode).
//!
//! The simulator is built in release mode too: a debug build of it answers
//! about ten times slower and would be most of what is measured.

use std::process::{Command, Stdio};

use crate::{cargo, run, tools};

/// The key the simulator is started with, and the bench's client sends.
const API_KEY: &str = "bench-api-key";
/// What the bench's line starts with.
const PREFIX: &str = "api retrieve: ";

/// The bench's test command (release, `client` feature, the `api_bench` target).
fn bench_test() -> Command {
    let mut command = cargo();
    command.args([
        "test",
        "--quiet",
        "--release",
        "-p",
        "leptos-persona-server",
        "--features",
        "client",
        "--test",
        "api_bench",
    ]);
    command
}

/// Builds the simulator and the bench, runs the bench against the simulator,
/// and returns its line: `api retrieve: 1000 calls at concurrency 16: median
/// … ms, p99 … ms, … requests per second`.
pub fn lines() -> Result<Vec<String>, String> {
    run(
        "build the flow simulator (release)",
        cargo().args([
            "build",
            "--quiet",
            "--release",
            "--package",
            "persona-flow-simulator",
        ]),
    )?;
    run(
        "build the API client's bench (release)",
        bench_test().arg("--no-run"),
    )?;
    let mut command = Command::new(tools::target_dir().join("release/persona-flow-simulator"));
    command.args(["--port", "0", "--api-key", API_KEY]);
    let simulator = tools::Service::spawn(command, "flow simulator listening on ")?;
    println!(
        "==> the API client against the flow simulator at {}",
        simulator.url
    );
    let output = bench_test()
        .args(["--", "--ignored", "--nocapture", "--test-threads", "1"])
        .env("PERSONA_SIMULATOR_URL", &simulator.url)
        .env("PERSONA_SIMULATOR_API_KEY", API_KEY)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("running the API client's bench: {e}"))?;
    drop(simulator);
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "the API client's bench failed ({}):\n{stdout}",
            output.status
        ));
    }
    let lines: Vec<String> = stdout
        .lines()
        .filter(|line| line.starts_with(PREFIX))
        .map(str::to_owned)
        .collect();
    if lines.is_empty() {
        Err(format!(
            "the API client's bench printed no {PREFIX:?} line:\n{stdout}"
        ))
    } else {
        Ok(lines)
    }
}
