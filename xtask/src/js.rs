//! The crate's shipped JavaScript. `src/browser/js/browser.js` and `src/browser/js/modal.js`
//! are the commented sources; what wasm-bindgen ships (and a browser
//! downloads) is their minified form, `src/browser/js/*.min.js`, made by terser.
//! `cargo xtask js` writes them; `cargo xtask test` fails when one is not what
//! terser makes of its source. (`src/browser/js/kebab_case.js`, lodash's, ships as it
//! is, with its licence notice.)

use std::path::PathBuf;
use std::process::Command;

use crate::root;
use crate::tools::{npm_install, output};

/// terser, from npm, at this exact version: its output is what is committed.
pub const TERSER_NPM_VERSION: &str = "5.51.4";

/// The minified modules, by name (`src/browser/js/<name>.js` → `src/browser/js/<name>.min.js`).
const MINIFIED: &[&str] = &["browser", "modal"];

/// terser under `target/tools/terser`, installed from npm if missing.
fn ensure_terser() -> Result<PathBuf, String> {
    let prefix = root().join("target/tools/terser");
    let bin = prefix.join("node_modules/.bin/terser");
    let has = || {
        output(Command::new(&bin).arg("--version"))
            .is_some_and(|v| v.trim() == format!("terser {TERSER_NPM_VERSION}"))
    };
    if !has() {
        npm_install(
            &prefix,
            &format!("terser@{TERSER_NPM_VERSION}"),
            "the minifier of the crate's JavaScript (npm terser)",
        )?;
    }
    if has() {
        Ok(bin)
    } else {
        Err(format!(
            "terser {TERSER_NPM_VERSION} did not install under {}",
            prefix.display()
        ))
    }
}

/// What terser makes of `src/browser/js/<name>.js`: an ES module, compressed and
/// with its local names shortened (the exports keep theirs), no comments.
fn minify(terser: &PathBuf, name: &str) -> Result<String, String> {
    let source = root().join("src/browser/js").join(format!("{name}.js"));
    let out = Command::new(terser)
        .arg(&source)
        .args(["--module", "--compress", "--mangle", "--comments", "false"])
        .output()
        .map_err(|e| format!("could not start terser: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "terser failed on {}: {}",
            source.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("terser's output is not UTF-8: {e}"))
}

fn shipped(name: &str) -> PathBuf {
    root().join("src/browser/js").join(format!("{name}.min.js"))
}

/// `cargo xtask js`: writes every `src/browser/js/<name>.min.js`.
pub fn write() -> Result<(), String> {
    let terser = ensure_terser()?;
    for name in MINIFIED {
        let min = minify(&terser, name)?;
        std::fs::write(shipped(name), &min)
            .map_err(|e| format!("writing {}: {e}", shipped(name).display()))?;
        println!("src/browser/js/{name}.min.js: {} bytes", min.len());
    }
    Ok(())
}

/// Fails when a committed `src/browser/js/<name>.min.js` is not what terser makes of
/// its source (a source was edited without `cargo xtask js`).
pub fn check() -> Result<(), String> {
    println!("==> the shipped JavaScript is the minified source (terser {TERSER_NPM_VERSION})");
    let terser = ensure_terser()?;
    for name in MINIFIED {
        let min = minify(&terser, name)?;
        let committed = std::fs::read_to_string(shipped(name)).unwrap_or_default();
        if committed != min {
            return Err(format!(
                "src/browser/js/{name}.min.js is not what terser makes of src/browser/js/{name}.js: \
                 run `cargo xtask js` and commit the result"
            ));
        }
    }
    println!("<== the shipped JavaScript is the minified source");
    Ok(())
}
