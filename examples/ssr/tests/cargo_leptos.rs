//! `[package.metadata.leptos]` (what `cargo leptos watch` reads) builds the
//! same site as `cargo xtask ssr-example`, and the server finds it there.
//!
//! cargo-leptos is not needed: the section is read as cargo-leptos reads it
//! (`cargo metadata`), and as the server reads the settings cargo-leptos
//! hands it (`leptos::config`), then compared with what the xtask passes
//! (`xtask/src/tools.rs`, and the port of `cargo xtask ssr-example`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

const PACKAGE: &str = env!("CARGO_PKG_NAME");

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn workspace_root() -> PathBuf {
    manifest_dir().join("../..")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

/// This package as `cargo metadata` describes it (cargo-leptos's own source).
fn package() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| env!("CARGO").to_owned());
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(manifest_dir().join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: Value = serde_json::from_slice(&out.stdout).expect("cargo metadata's JSON");
    metadata["packages"]
        .as_array()
        .and_then(|packages| packages.iter().find(|p| p["name"] == PACKAGE))
        .cloned()
        .expect("this package in cargo metadata")
}

/// The string a line `<key>", "<value>"` of `source` passes after `key`
/// (for example `.env("LEPTOS_OUTPUT_NAME", "persona-ssr-example")`).
fn string_after(source: &str, key: &str, what: &str) -> String {
    let rest = source
        .split_once(key)
        .unwrap_or_else(|| panic!("{what}: {key} not found"))
        .1;
    let rest = rest
        .split_once('"')
        .unwrap_or_else(|| panic!("{what}: no string after {key}"))
        .1;
    rest.split('"').next().unwrap_or_default().to_owned()
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn the_cargo_leptos_metadata_matches_the_xtask_and_the_server() {
    let package = package();
    let leptos = &package["metadata"]["leptos"];
    assert!(
        leptos.is_object(),
        "[package.metadata.leptos] in examples/ssr/Cargo.toml: {}",
        package["metadata"]
    );
    let text = |key: &str| {
        leptos[key]
            .as_str()
            .unwrap_or_else(|| panic!("[package.metadata.leptos] {key} is a string: {leptos}"))
            .to_owned()
    };

    // The names and places the xtask builds and serves the site with.
    let tools = read(&workspace_root().join("xtask/src/tools.rs"));
    let xtask_output_name = string_after(&tools, "\"LEPTOS_OUTPUT_NAME\",", "xtask/src/tools.rs");
    let bindgen_out_name = string_after(&tools, "\"--out-name\",", "xtask/src/tools.rs");
    let xtask_pkg_dir = string_after(&tools, "\"LEPTOS_SITE_PKG_DIR\",", "xtask/src/tools.rs");
    let xtask_site = string_after(
        &tools,
        "let site = target_dir().join(",
        "xtask/src/tools.rs",
    );
    assert_eq!(
        xtask_output_name, bindgen_out_name,
        "the xtask agrees with itself"
    );
    assert_eq!(text("output-name"), xtask_output_name, "output-name");
    assert_eq!(text("site-pkg-dir"), xtask_pkg_dir, "site-pkg-dir");
    // Relative to the workspace root, where cargo-leptos builds and runs.
    assert_eq!(
        text("site-root"),
        format!("target/{xtask_site}"),
        "site-root"
    );

    // `cargo xtask ssr-example`'s port: the one fixed port any xtask source starts the
    // example on, `Service::ssr_example(&site, &simulator.url, PORT, …)` (the
    // end-to-end tests' instances take ephemeral ones, 0).
    let mut ports: Vec<u16> = Vec::new();
    for entry in std::fs::read_dir(workspace_root().join("xtask/src")).expect("xtask/src") {
        let path = entry.expect("an entry of xtask/src").path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        for call in read(&path).split("Service::ssr_example(").skip(1) {
            let port = call.split(',').nth(2).and_then(|p| p.trim().parse().ok());
            if let Some(port) = port.filter(|p| *p != 0) {
                ports.push(port);
            }
        }
    }
    ports.sort_unstable();
    ports.dedup();
    let [xtask_port] = ports[..] else {
        panic!("one fixed port for the SSR example in xtask/src, found {ports:?}");
    };
    let site_addr: std::net::SocketAddr = text("site-addr").parse().expect("site-addr");
    assert_eq!(
        site_addr,
        std::net::SocketAddr::from(([127, 0, 0, 1], xtask_port)),
        "site-addr: where `cargo xtask ssr-example` serves the example"
    );
    let reload_port = leptos["reload-port"].as_u64().expect("reload-port");
    assert_ne!(
        reload_port,
        u64::from(site_addr.port()),
        "cargo-leptos refuses a reload-port equal to the site's"
    );

    // The server half with `ssr`, the client half with `hydrate`, both of which exist.
    let features = package["features"].as_object().expect("[features]");
    assert_eq!(strings(&leptos["bin-features"]), ["ssr"], "bin-features");
    assert_eq!(
        strings(&leptos["lib-features"]),
        ["hydrate"],
        "lib-features"
    );
    for feature in ["ssr", "hydrate"] {
        assert!(features.contains_key(feature), "feature {feature}");
    }
    let targets = package["targets"].as_array().expect("targets");
    let kind = |target: &Value, kind: &str| strings(&target["kind"]).contains(&kind);
    let bin = targets
        .iter()
        .find(|t| kind(t, "bin"))
        .expect("a [[bin]] target");
    assert_eq!(bin["name"], text("bin-target"), "bin-target");
    for required in strings(&bin["required-features"]) {
        assert!(
            strings(&leptos["bin-features"]).contains(&required),
            "the server's required feature {required} is in bin-features"
        );
    }
    let lib = targets
        .iter()
        .find(|t| kind(t, "cdylib"))
        .expect("the library is a cdylib, for wasm-bindgen");
    assert!(kind(lib, "rlib"), "and an rlib, for the server: {lib}");

    // What the server reads from the same section (cargo-leptos passes it on
    // as LEPTOS_* variables, which win over the file: compare only unset ones).
    let options = leptos::config::get_config_from_str(&read(&manifest_dir().join("Cargo.toml")))
        .expect("Leptos reads [package.metadata.leptos]");
    let unset = |var: &str| std::env::var_os(var).is_none();
    if unset("LEPTOS_OUTPUT_NAME") {
        assert_eq!(&*options.output_name, text("output-name"));
    }
    if unset("LEPTOS_SITE_ROOT") {
        assert_eq!(&*options.site_root, text("site-root"));
    }
    if unset("LEPTOS_SITE_PKG_DIR") {
        assert_eq!(&*options.site_pkg_dir, text("site-pkg-dir"));
    }
    if unset("LEPTOS_SITE_ADDR") {
        assert_eq!(options.site_addr, site_addr);
    }
    if unset("LEPTOS_RELOAD_PORT") {
        assert_eq!(u64::from(options.reload_port), reload_port);
    }
}
