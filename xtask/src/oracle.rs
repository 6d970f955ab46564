//! `cargo xtask oracle`: the committed conformance fixtures and kebab-case
//! tables are exactly what the official SDK and lodash produce.
//!
//! The oracle (`core/tests/conformance/oracle/`, see its README) is copied to
//! `target/oracle-check/`, where `npm ci` installs what its lock file pins
//! (again only when the lock file changes), and there, all at once (each run
//! is one single-threaded node process):
//!
//! - every `*-cases.json` of `core/tests/conformance/` goes through the SDK
//!   again (`url.mjs` or `events.mjs`, by a `url` or `event` segment in its
//!   name, as `core/tests/conformance.rs` tells them apart) into
//!   `target/oracle-check/out/`, and each result must be the committed
//!   `*-expected.json`, byte for byte; a cases file without an expected file,
//!   or an expected file without a cases file, fails too;
//! - `kebab-tables.mjs` regenerates every table of `core/src/url/kebab_case.rs`
//!   from the lodash the crate ships (`src/browser/js/kebab_case.js`, itself checked
//!   against the copy the SDK bundles), and the result must be the committed
//!   file, byte for byte.
//!
//! A difference is reported with the file, its first differing line and the
//! case (or table) that line belongs to.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{root, run, tools};

/// The oracle's scripts, relative to the workspace root.
const ORACLE: &str = "core/tests/conformance/oracle";
/// The conformance fixtures, relative to the workspace root.
const FIXTURES: &str = "core/tests/conformance";
/// The Rust port of lodash's kebabCase whose tables are generated.
const KEBAB_RS: &str = "core/src/url/kebab_case.rs";
/// The lodash kebabCase the crate ships.
const KEBAB_JS: &str = "src/browser/js/kebab_case.js";
/// The copy of the lock file that the installed `node_modules` came from.
const INSTALLED_LOCK: &str = ".installed-package-lock.json";

/// The whole check: fixtures and kebab-case tables (`cargo xtask oracle`, and a
/// step of `cargo xtask test`).
pub fn oracle() -> Result<(), String> {
    let started = Instant::now();
    let node = ensure_node()?;
    println!("==> the fixtures and tables are the oracle's output (node {node})");
    let dir = prepare()?;
    let out = dir.join("out");
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let fixtures = fixtures(&fixture_names()?)?;
    // Each run is one single-threaded node process: all at once.
    let mut steps: Vec<(String, Command)> = fixtures
        .iter()
        .map(|fixture| regenerate_fixture(&dir, &out, fixture))
        .collect::<Result<_, _>>()?;
    steps.push(regenerate_kebab_tables(&dir, &out)?);
    run_together(steps)?;
    let failures = differences(&fixtures, &out)?;
    println!(
        "<== the fixtures and tables are the oracle's output: {:.1} s",
        started.elapsed().as_secs_f64()
    );
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the committed output differs from the oracle's:\n{}",
            failures.join("\n")
        ))
    }
}

/// Every difference between the committed files and their regenerated copies
/// in `out`.
fn differences(fixtures: &[Fixture], out: &Path) -> Result<Vec<String>, String> {
    let mut failures = Vec::new();
    for Fixture { stem, script } in fixtures {
        let committed = format!("{FIXTURES}/{stem}-expected.json");
        let regenerated = out.join(format!("{stem}-expected.json"));
        if let Some(difference) = compare(&committed, &regenerated, case_name)? {
            failures.push(format!(
                "{committed} is not what {script} writes for {stem}-cases.json: {difference}\n  \
                 (regenerate it as {ORACLE}/README.md says; never edit an expected file by hand)"
            ));
        }
    }
    if let Some(difference) = compare(KEBAB_RS, &out.join("kebab_case.rs"), table_name)? {
        failures.push(format!(
            "{KEBAB_RS} is not what kebab-tables.mjs makes of it: {difference}\n  (regenerate \
             it with `node kebab-tables.mjs --write` in {ORACLE}; never edit a table by hand)"
        ));
    }
    Ok(failures)
}

/// node (20 or newer) and npm, or an error saying what to install; returns
/// node's version.
fn ensure_node() -> Result<String, String> {
    let missing = |what: &str| {
        format!(
            "{what} is missing: install Node.js 20 or newer and npm (Debian: apt-get install -y \
             nodejs npm), which the oracle check needs to run the official SDK and lodash"
        )
    };
    tools::output(Command::new("npm").arg("--version")).ok_or_else(|| missing("npm"))?;
    let version = tools::output(Command::new("node").arg("--version"))
        .ok_or_else(|| missing("node"))?
        .trim()
        .to_owned();
    let major = version
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|major| major.parse::<u32>().ok());
    if major.is_some_and(|major| major >= 20) {
        Ok(version)
    } else {
        Err(format!(
            "node {version} is too old: the oracle needs node 20 or newer"
        ))
    }
}

/// Copies the oracle into `target/oracle-check/` (everything but its
/// `node_modules`, replacing what an earlier run copied) and runs `npm ci`
/// there unless the packages installed last time came from the same lock
/// file. Returns the folder.
fn prepare() -> Result<PathBuf, String> {
    let dir = tools::target_dir().join("oracle-check");
    let source = root().join(ORACLE);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name == "node_modules" || name == INSTALLED_LOCK {
            continue;
        }
        let removed = if path.is_dir() {
            fs::remove_dir_all(&path)
        } else {
            fs::remove_file(&path)
        };
        removed.map_err(|e| format!("removing {}: {e}", path.display()))?;
    }
    copy_tree(&source, &dir)?;
    let lock_path = source.join("package-lock.json");
    let lock = fs::read(&lock_path).map_err(|e| format!("{}: {e}", lock_path.display()))?;
    let stamp = dir.join(INSTALLED_LOCK);
    let current = fs::read(&stamp).ok().as_ref() == Some(&lock);
    if current && dir.join("node_modules").is_dir() {
        println!("oracle: node_modules is installed from this package-lock.json (no npm ci)");
        return Ok(dir);
    }
    let _ = fs::remove_file(&stamp);
    run(
        "npm ci (the oracle: persona@5.9.0 and jsdom, as package-lock.json pins them)",
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir),
    )?;
    fs::write(&stamp, &lock).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(dir)
}

/// Copies the files under `from` into `to`, leaving out `node_modules`.
fn copy_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let path = entry
            .map_err(|e| format!("{}: {e}", from.display()))?
            .path();
        let Some(name) = path.file_name() else {
            continue;
        };
        let target = to.join(name);
        if path.is_dir() {
            if name == "node_modules" {
                continue;
            }
            fs::create_dir_all(&target).map_err(|e| format!("{}: {e}", target.display()))?;
            copy_tree(&path, &target)?;
        } else {
            fs::copy(&path, &target)
                .map_err(|e| format!("copying {} to {}: {e}", path.display(), target.display()))?;
        }
    }
    Ok(())
}

/// A fixture pair: `<stem>-cases.json` and `<stem>-expected.json`, written by
/// `script`.
#[derive(Debug, PartialEq)]
struct Fixture {
    stem: String,
    script: &'static str,
}

/// The fixture pairs among the file names of the fixture folder, or every
/// problem with them: a cases file whose name has neither a `url` nor an
/// `event` segment (or both), a cases file without its expected file, an
/// expected file without its cases file, or no fixtures at all.
fn fixtures(names: &[String]) -> Result<Vec<Fixture>, String> {
    let mut pairs = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        if let Some(stem) = name.strip_suffix("-cases.json") {
            let segments: Vec<&str> = stem.split('-').collect();
            let script = match (segments.contains(&"url"), segments.contains(&"event")) {
                (true, false) => "url.mjs",
                (false, true) => "events.mjs",
                _ => {
                    problems.push(format!(
                        "{FIXTURES}/{name}: the name needs exactly one of a `url` or an `event` \
                         segment, to tell which oracle script writes its expected file"
                    ));
                    continue;
                }
            };
            if !names.iter().any(|n| *n == format!("{stem}-expected.json")) {
                problems.push(format!(
                    "{FIXTURES}/{name} has no {stem}-expected.json: run the oracle (see \
                     {ORACLE}/README.md) and commit its output"
                ));
            }
            pairs.push(Fixture {
                stem: stem.to_owned(),
                script,
            });
        } else if let Some(stem) = name.strip_suffix("-expected.json") {
            if !names.iter().any(|n| *n == format!("{stem}-cases.json")) {
                problems.push(format!(
                    "{FIXTURES}/{name} has no {stem}-cases.json: an expected file is only ever \
                     the oracle's output for a cases file"
                ));
            }
        }
    }
    if pairs.is_empty() && problems.is_empty() {
        problems.push(format!("{FIXTURES} holds no *-cases.json"));
    }
    if problems.is_empty() {
        Ok(pairs)
    } else {
        Err(problems.join("\n"))
    }
}

/// The names of the files in the fixture folder, sorted.
fn fixture_names() -> Result<Vec<String>, String> {
    let folder = root().join(FIXTURES);
    let mut names: Vec<String> = fs::read_dir(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))?
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    names.sort();
    Ok(names)
}

/// The step that runs `fixture`'s cases through the SDK into `out`.
fn regenerate_fixture(
    dir: &Path,
    out: &Path,
    Fixture { stem, script }: &Fixture,
) -> Result<(String, Command), String> {
    let regenerated = out.join(format!("{stem}-expected.json"));
    let output =
        fs::File::create(&regenerated).map_err(|e| format!("{}: {e}", regenerated.display()))?;
    let mut command = Command::new("node");
    command
        .arg(script)
        .arg(root().join(FIXTURES).join(format!("{stem}-cases.json")))
        .current_dir(dir)
        .stdout(output);
    Ok((
        format!("node {script} {stem}-cases.json (the official SDK under jsdom)"),
        command,
    ))
}

/// The step that regenerates `core/src/url/kebab_case.rs`'s tables into `out`.
fn regenerate_kebab_tables(dir: &Path, out: &Path) -> Result<(String, Command), String> {
    let regenerated = out.join("kebab_case.rs");
    let output =
        fs::File::create(&regenerated).map_err(|e| format!("{}: {e}", regenerated.display()))?;
    let mut command = Command::new("node");
    command
        .arg("kebab-tables.mjs")
        .arg(root().join(KEBAB_JS))
        .arg(root().join(KEBAB_RS))
        .current_dir(dir)
        .stdout(output);
    Ok((
        format!("node kebab-tables.mjs: the tables of {KEBAB_RS}, from lodash ({KEBAB_JS})"),
        command,
    ))
}

/// Runs `steps` at the same time, printing each as [`run`] does (its time is
/// from the start of all of them); fails naming every step that failed.
fn run_together(steps: Vec<(String, Command)>) -> Result<(), String> {
    let started = Instant::now();
    let mut running = Vec::new();
    for (step, mut command) in steps {
        println!("==> {step}");
        match command.spawn() {
            Ok(child) => running.push((step, child)),
            Err(e) => {
                for (_, child) in &mut running {
                    let _ = child.kill();
                    let _ = child.wait();
                }
                return Err(format!("{step}: could not start {command:?}: {e}"));
            }
        }
    }
    let mut failures = Vec::new();
    while !running.is_empty() {
        let mut index = 0;
        while index < running.len() {
            let (step, child) = &mut running[index];
            match child.try_wait() {
                Ok(None) => index += 1,
                Ok(Some(status)) => {
                    if let Err(failure) = crate::finish(step, started, status) {
                        failures.push(failure);
                    }
                    running.remove(index);
                }
                Err(e) => {
                    failures.push(format!("{step}: {e}"));
                    let _ = child.kill();
                    running.remove(index);
                }
            }
        }
        if !running.is_empty() {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// `None` when the committed file (`committed`, relative to the workspace
/// root) and `regenerated` are the same bytes, else where they first differ:
/// the line and column, what `context` names the line (a case, a table), and
/// both lines.
fn compare(
    committed: &str,
    regenerated: &Path,
    context: fn(&[&str]) -> Option<String>,
) -> Result<Option<String>, String> {
    let read = |path: &Path| fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let old = read(&root().join(committed))?;
    let new = read(regenerated)?;
    if old == new {
        return Ok(None);
    }
    let (old, new) = (String::from_utf8_lossy(&old), String::from_utf8_lossy(&new));
    let old_lines: Vec<&str> = old.split('\n').collect();
    let new_lines: Vec<&str> = new.split('\n').collect();
    let line = first_difference(&old_lines, &new_lines);
    let chars = |lines: &[&str]| lines.get(line).map(|l| l.chars().collect::<Vec<char>>());
    let (old_line, new_line) = (chars(&old_lines), chars(&new_lines));
    let column = match (&old_line, &new_line) {
        (Some(a), Some(b)) => first_difference(a, b),
        _ => 0,
    };
    let shown = |line: &Option<Vec<char>>| {
        line.as_ref()
            .map_or("<end of file>".to_owned(), |l| excerpt(l, column))
    };
    let within = context(&old_lines[..line])
        .map(|name| format!(", in {name}"))
        .unwrap_or_default();
    Ok(Some(format!(
        "first difference at line {}, column {}{within}:\n    committed:   {}\n    regenerated: {}",
        line + 1,
        column + 1,
        shown(&old_line),
        shown(&new_line)
    )))
}

/// `line`, or at most 200 chars of it around `column` when it is longer.
fn excerpt(line: &[char], column: usize) -> String {
    if line.len() <= 200 {
        return line.iter().collect();
    }
    let start = column.saturating_sub(80).min(line.len() - 200);
    let text: String = line[start..start + 200].iter().collect();
    let before = if start > 0 { "…" } else { "" };
    let after = if start + 200 < line.len() { "…" } else { "" };
    format!("{before}{text}{after}")
}

/// The index of the first item where `a` and `b` differ (the shorter one's
/// length when one is a prefix of the other).
fn first_difference<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}
/// The case an expected file's line belongs to: the last top-level `"name"`
/// before it (the oracle writes each case as an object, indented by 2, whose
/// first key is its name).
fn case_name(before: &[&str]) -> Option<String> {
    before.iter().rev().find_map(|line| {
        let value = line.strip_prefix("    \"name\": ")?.trim_end_matches(',');
        let name: String = serde_json::from_str(value).ok()?;
        Some(format!("case {name:?}"))
    })
}

/// The table a line of `kebab_case.rs` belongs to: the last
/// `// kebab-table: NAME` marker before it.
fn table_name(before: &[&str]) -> Option<String> {
    before.iter().rev().find_map(|line| {
        let name = line.trim().strip_prefix("// kebab-table: ")?;
        Some(format!("table `{name}`"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn fixtures_are_told_apart_by_a_url_or_event_segment() {
        let found = fixtures(&names(&[
            "event-cases.json",
            "event-expected.json",
            "harness.rs",
            "host-url-cases.json",
            "host-url-expected.json",
            "urls-cases.json",
        ]));
        let problems = found.unwrap_err();
        assert!(
            problems.contains("urls-cases.json: the name needs"),
            "{problems}"
        );
        let found = fixtures(&names(&[
            "event-cases.json",
            "event-expected.json",
            "host-url-cases.json",
            "host-url-expected.json",
        ]))
        .unwrap();
        assert_eq!(
            found,
            [
                Fixture {
                    stem: "event".into(),
                    script: "events.mjs"
                },
                Fixture {
                    stem: "host-url".into(),
                    script: "url.mjs"
                },
            ]
        );
    }

    #[test]
    fn a_missing_half_of_a_pair_fails() {
        let problems = fixtures(&names(&[
            "url-cases.json",
            "event-expected.json",
            "url-event-cases.json",
            "url-event-expected.json",
        ]))
        .unwrap_err();
        assert!(
            problems.contains("url-cases.json has no url-expected.json"),
            "{problems}"
        );
        assert!(
            problems.contains("event-expected.json has no event-cases.json"),
            "{problems}"
        );
        assert!(
            problems.contains("url-event-cases.json: the name needs"),
            "{problems}"
        );
        assert!(fixtures(&names(&["README.md"])).is_err());
    }

    #[test]
    fn the_first_difference_and_its_context_are_found() {
        let old = [
            "[",
            "  {",
            "    \"name\": \"first\",",
            "    \"src\": \"a\"",
            "  },",
            "  {",
            "    \"name\": \"second \\\"case\\\"\",",
            "    \"attrs\": {",
            "      \"name\": \"nested\",",
            "      \"title\": \"x\"",
        ];
        let mut new = old;
        new[9] = "      \"title\": \"y\"";
        let line = first_difference(&old, &new);
        assert_eq!(line, 9);
        assert_eq!(
            case_name(&old[..line]).as_deref(),
            Some("case \"second \\\"case\\\"\"")
        );
        assert_eq!(first_difference(&old, &old[..4]), 4);
        assert_eq!(case_name(&old[..2]), None);
        let rust = [
            "fn f() {",
            "    // kebab-table: upper",
            "    matches!(c, 'A'..='Z')",
        ];
        assert_eq!(table_name(&rust[..2]).as_deref(), Some("table `upper`"));
        assert_eq!(table_name(&rust[..1]), None);
    }

    #[test]
    fn a_long_line_is_shown_around_its_difference() {
        let line: Vec<char> = (0..500)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        assert_eq!(excerpt(&line[..26], 3), "abcdefghijklmnopqrstuvwxyz");
        let shown = excerpt(&line, 300);
        assert_eq!(shown.chars().count(), 202);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.contains(&line[290..310].iter().collect::<String>()));
        assert!(excerpt(&line, 0).ends_with('…') && !excerpt(&line, 0).starts_with('…'));
        assert!(excerpt(&line, 499).starts_with('…') && !excerpt(&line, 499).ends_with('…'));
    }
}
