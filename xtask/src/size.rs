//! `cargo xtask size`: what `<PersonaInquiry>` adds to an app's download, per
//! variant, with a per-crate breakdown, checked against `xtask/size-budget.txt`.
//!
//! Each variant of the size probe (`examples/size-probe`) is built with the
//! release profile, run through wasm-bindgen and `wasm-opt -Oz`; its size is
//! what a page downloads for it: the optimized wasm plus the JavaScript glue
//! and snippets, each gzipped (-9) as a server would send it. The breakdown is
//! twiggy's item sizes in the wasm before wasm-opt (which still names its
//! items), summed per crate, minus the minimal app's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, run, tools};

/// A variant of the size probe: its label and cargo feature.
const VARIANTS: [(&str, Option<&str>); 4] = [
    ("minimal Leptos app", None),
    ("inline", Some("inline")),
    ("modal", Some("modal")),
    ("protocol", Some("protocol")),
];

/// Bytes raw and gzip.
#[derive(Clone, Copy, Default)]
struct Bytes {
    raw: u64,
    gzip: u64,
}

fn gzip_len(path: &Path) -> Result<u64, String> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    Ok(out.stdout.len() as u64)
}

/// Raw and gzip sizes of one file.
pub fn file_bytes(path: &Path) -> Result<(u64, u64), String> {
    let raw = std::fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len();
    Ok((raw, gzip_len(path)?))
}

/// What a page downloads for `files`: their sizes, raw and each gzipped, summed.
fn download(files: &[PathBuf]) -> Result<Bytes, String> {
    let mut total = Bytes::default();
    for file in files {
        let (raw, gzip) = file_bytes(file)?;
        total.raw += raw;
        total.gzip += gzip;
    }
    Ok(total)
}

/// Every JavaScript file under `dir` (the demo's dist: glue and snippets).
fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

/// The JavaScript a browser downloads for a wasm-bindgen output directory:
/// the glue and, transitively, the modules it imports (`from './snippets/…'`).
/// wasm-bindgen writes out every snippet of every linked crate, imported or
/// not; a snippet nothing imports is never fetched, so it is not counted.
fn downloaded_js(dir: &Path) -> Vec<PathBuf> {
    let mut queue = vec![dir.join("persona-size-probe.js")];
    let mut seen: Vec<PathBuf> = Vec::new();
    while let Some(file) = queue.pop() {
        let Ok(file) = file.canonicalize() else {
            continue;
        };
        if seen.contains(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
        queue.extend(
            relative_imports(&text)
                .into_iter()
                .map(|path| base.join(path)),
        );
        seen.push(file);
    }
    seen
}

/// The relative module specifiers of a module's `import … from '…'` lines.
fn relative_imports(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for quote in ['\'', '"'] {
        let mut pattern = String::from("from ");
        pattern.push(quote);
        for rest in text.split(pattern.as_str()).skip(1) {
            if let Some(spec) = rest.split(quote).next() {
                if spec.starts_with("./") || spec.starts_with("../") {
                    found.push(spec);
                }
            }
        }
    }
    found
}

/// Builds one variant; returns its download size and its pre-optimization wasm.
fn build_variant(feature: Option<&str>) -> Result<(Bytes, PathBuf), String> {
    let bindgen = tools::ensure_wasm_toolchain()?.with_file_name("wasm-bindgen");
    let wasm_opt = tools::ensure_wasm_opt()?.join("wasm-opt");
    let mut build = cargo();
    build.args([
        "build",
        "--quiet",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "persona-size-probe",
    ]);
    if let Some(feature) = feature {
        build.args(["--features", feature]);
    }
    run(
        &format!("build the size probe ({})", feature.unwrap_or("minimal")),
        &mut build,
    )?;
    let dir = tools::target_dir()
        .join("size-probe")
        .join(feature.unwrap_or("base"));
    let _ = std::fs::remove_dir_all(&dir);
    run(
        "wasm-bindgen",
        Command::new(&bindgen)
            .args(["--target", "web", "--out-dir"])
            .arg(&dir)
            .arg(
                tools::target_dir().join("wasm32-unknown-unknown/release/persona-size-probe.wasm"),
            ),
    )?;
    let wasm = dir.join("persona-size-probe_bg.wasm");
    let optimized = dir.join("optimized.wasm");
    run(
        "wasm-opt -Oz",
        Command::new(&wasm_opt)
            .arg("-Oz")
            .arg(&wasm)
            .arg("-o")
            .arg(&optimized),
    )?;
    let mut files = vec![optimized];
    files.extend(downloaded_js(&dir));
    Ok((download(&files)?, wasm))
}

/// `twiggy`, installed from crates.io if missing.
fn ensure_twiggy() -> Result<PathBuf, String> {
    let bin = tools::cargo_home().join("bin/twiggy");
    if !bin.is_file() {
        run(
            "cargo install twiggy",
            Command::new("cargo").args(["install", "--locked", "twiggy", "--version", "0.8.0"]),
        )?;
    }
    Ok(bin)
}

/// Item sizes per crate of a wasm file that still has its name section.
fn per_crate(twiggy: &Path, wasm: &Path) -> Result<BTreeMap<String, i64>, String> {
    let out = Command::new(twiggy)
        .args(["top", "-n", "1000000", "--format", "csv"])
        .arg(wasm)
        .output()
        .map_err(|e| format!("twiggy: {e}"))?;
    if !out.status.success() {
        return Err(format!("twiggy failed on {}", wasm.display()));
    }
    let mut sizes = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines().skip(1) {
        let (name, rest) = split_csv_name(line);
        let size: i64 = rest
            .split(',')
            .next()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if name.contains("function names") {
            continue;
        }
        *sizes.entry(crate_of(&name)).or_insert(0) += size;
    }
    Ok(sizes)
}

/// The first CSV field (maybe quoted) and the fields after it.
fn split_csv_name(line: &str) -> (String, &str) {
    if let Some(quoted) = line.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = quoted.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '"' {
                if chars.peek().map(|(_, n)| *n) == Some('"') {
                    name.push('"');
                    chars.next();
                } else {
                    return (name, quoted[i + 1..].trim_start_matches(','));
                }
            } else {
                name.push(c);
            }
        }
        (name, "")
    } else {
        match line.split_once(',') {
            Some((name, rest)) => (name.to_owned(), rest),
            None => (line.to_owned(), ""),
        }
    }
}

/// The crate an item belongs to: its path's first segment (`<T as tr>` items by `T`).
fn crate_of(name: &str) -> String {
    if name.starts_with("data segment") || name.starts_with("data[") {
        return "(data)".into();
    }
    let trimmed = name.trim_start_matches(['<', '&', '*', '(']);
    let trimmed = trimmed
        .trim_start_matches("dyn ")
        .trim_start_matches("mut ")
        .trim_start_matches("const ");
    let head = trimmed
        .split([':', '<', ' ', '[', ','])
        .next()
        .unwrap_or("");
    if head.is_empty() || !head.chars().all(|c| c.is_alphanumeric() || c == '_') {
        "(other)".into()
    } else {
        head.into()
    }
}

/// `variant -> max gzip bytes` from `xtask/size-budget.txt` (`name bytes` per line).
fn budget() -> Result<BTreeMap<String, u64>, String> {
    let path = root().join("xtask/size-budget.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, bytes) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("size-budget.txt: bad line {line:?}"))?;
        let bytes = bytes
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| format!("size-budget.txt: bad number in {line:?}"))?;
        out.insert(name.to_owned(), bytes);
    }
    Ok(out)
}

/// Builds every variant, prints what each adds and the breakdown; with
/// `check`, fails when a variant is over its budget.
pub fn size(check: bool, demo: bool) -> Result<(), String> {
    let twiggy = ensure_twiggy()?;
    let mut built = Vec::new();
    for (label, feature) in VARIANTS {
        let (bytes, wasm) = build_variant(feature)?;
        built.push((label, feature, bytes, per_crate(&twiggy, &wasm)?));
    }
    let (_, _, base, base_crates) = built[0].clone();
    println!(
        "size: minimal Leptos app: {} bytes raw, {} bytes gzip (wasm + JS)",
        base.raw, base.gzip
    );
    let limits = budget()?;
    let mut over = Vec::new();
    for (label, feature, bytes, crates) in &built[1..] {
        let added = Bytes {
            raw: bytes.raw.saturating_sub(base.raw),
            gzip: bytes.gzip.saturating_sub(base.gzip),
        };
        let what = if *feature == Some("protocol") {
            "the protocol core alone, with its Rust ports (a URL and one message), adds".to_owned()
        } else {
            format!("<PersonaInquiry> {label} adds")
        };
        println!(
            "size: {what} {} bytes raw, {} bytes gzip",
            added.raw, added.gzip
        );
        print_breakdown(crates, &base_crates);
        if let Some(limit) = limits.get(*label) {
            if added.gzip > *limit {
                over.push(format!(
                    "{label} adds {} bytes gzip, over its budget of {limit}",
                    added.gzip
                ));
            }
        }
    }
    if demo {
        demo_size()?;
    }
    if check && !over.is_empty() {
        return Err(format!("size budget exceeded: {}", over.join("; ")));
    }
    if check {
        println!("size: every variant is within xtask/size-budget.txt");
    }
    Ok(())
}

fn print_breakdown(crates: &BTreeMap<String, i64>, base: &BTreeMap<String, i64>) {
    let mut rows: Vec<(String, i64)> = crates
        .iter()
        .map(|(k, v)| (k.clone(), v - base.get(k).copied().unwrap_or(0)))
        .filter(|(_, d)| *d != 0)
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    let line: Vec<String> = rows
        .iter()
        .take(10)
        .map(|(k, d)| format!("{k} {d:+}"))
        .collect();
    println!(
        "size:   by crate (bytes before wasm-opt): {}",
        line.join(", ")
    );
}

/// The demo site, built here with trunk --release (wasm-opt -Oz).
fn demo_size() -> Result<(), String> {
    tools::check_trunk_pins()?;
    let mut trunk = tools::trunk()?;
    let wasm_opt = tools::ensure_wasm_opt()?;
    let bindgen_dir = tools::ensure_wasm_toolchain()?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let dist = tools::target_dir().join("size-probe/demo");
    run(
        "trunk build --release (the demo)",
        trunk
            .args(["build", "--release", "--dist"])
            .arg(&dist)
            .current_dir(root())
            .env("PATH", tools::path_with(&[&wasm_opt, &bindgen_dir])),
    )?;
    let mut files = Vec::new();
    js_files(&dist, &mut files);
    if let Ok(entries) = std::fs::read_dir(&dist) {
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "wasm")),
        );
    }
    let total = download(&files)?;
    println!(
        "size: the demo (trunk --release, wasm-opt -Oz): {} bytes raw, {} bytes gzip (wasm + JS)",
        total.raw, total.gzip
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::relative_imports;

    #[test]
    fn counts_the_modules_the_glue_imports() {
        let glue = "import { a } from './snippets/x-1/src/browser.js';\n\
                    import * as b from \"../c.js\";\nimport { w } from 'https://cdn.example/w.js';\n\
                    const from = 1;";
        assert_eq!(
            relative_imports(glue),
            ["./snippets/x-1/src/browser.js", "../c.js"]
        );
    }
}
