//! ARCHITECTURE.md lists every source file of the three crates, each in its
//! crate's part of the "Layers" block: a new file that is not described there
//! fails this test, and so does a listed file that no longer exists.

use std::path::{Path, PathBuf};

/// The crates' headers in the Layers block, and their source folders.
const CRATES: [(&str, &str); 3] = [
    ("leptos-persona-core (core/)", "core/src"),
    ("leptos-persona (src/)", "src"),
    ("leptos-persona-server (server/)", "server/src"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir`, as a path relative to it with `/` separators.
fn files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display());
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let relative = format!("{prefix}{name}");
        if path.is_dir() {
            files(&path, &format!("{relative}/"), out);
        } else {
            out.push(relative);
        }
    }
}

/// The files a part of the Layers block lists: each line's first column
/// (before the gap that starts its description), split at `,` and spaces;
/// lines indented deeper continue a description and list nothing.
fn listed(listing: &str) -> Vec<&str> {
    listing
        .lines()
        // An entry starts two spaces in; deeper lines continue a description.
        .filter(|line| line.starts_with("  ") && !line[2..].starts_with(' ') && line.len() > 2)
        .filter_map(|line| line.trim_start().split("   ").next())
        .flat_map(|column| column.split([',', ' ']))
        .filter(|word| word.ends_with(".rs") || word.ends_with(".js"))
        .collect()
}

/// Whether `entries` name `file`: exactly, or by a `dir/*.ext` pattern.
fn names(entries: &[&str], file: &str) -> bool {
    entries.iter().any(|entry| {
        *entry == file
            || entry.split_once('*').is_some_and(|(head, tail)| {
                file.starts_with(head) && file.ends_with(tail) && file.len() >= entry.len() - 1
            })
    })
}

/// The part of the Layers block that belongs to `header`.
fn section<'a>(layers: &'a str, header: &str) -> &'a str {
    let Some(start) = layers.find(header) else {
        panic!("ARCHITECTURE.md's Layers block has no {header:?} part");
    };
    let rest = &layers[start + header.len()..];
    let end = CRATES
        .iter()
        .filter_map(|(other, _)| rest.find(other))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn architecture_lists_every_source_file() {
    let doc = std::fs::read_to_string(root().join("ARCHITECTURE.md"))
        .unwrap_or_else(|e| panic!("ARCHITECTURE.md: {e}"));
    let layers = doc
        .split("## Layers")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no code block under ## Layers"));
    let mut missing = Vec::new();
    let mut stale = Vec::new();
    for (header, dir) in CRATES {
        let entries = listed(section(layers, header));
        let mut found = Vec::new();
        files(&root().join(dir), "", &mut found);
        for file in &found {
            if !names(&entries, file) {
                missing.push(format!("{dir}/{file}"));
            }
        }
        for entry in &entries {
            if !found.iter().any(|file| names(&[entry], file)) {
                stale.push(format!("{dir}/{entry}"));
            }
        }
    }
    assert!(
        missing.is_empty() && stale.is_empty(),
        "ARCHITECTURE.md's Layers block must describe every source file, in its crate's part:\n\
         not listed: {missing:?}\nlisted but not there: {stale:?}"
    );
}

#[test]
fn a_pattern_names_only_what_it_matches() {
    assert!(names(&["js/*.min.js"], "js/modal.min.js"));
    assert!(!names(&["js/*.min.js"], "js/modal.js"));
    let entries = listed("  a.rs, b.rs     what they do, unlike c.rs\n  c.js  more\n      d.rs\n");
    assert_eq!(entries, ["a.rs", "b.rs", "c.js"]);
    assert!(!names(&entries, "c.rs"));
}
