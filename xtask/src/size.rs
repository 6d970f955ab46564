//! `cargo xtask size`: what `<PersonaInquiry>` adds to an app's download, per
//! variant, with a per-crate breakdown, checked against `xtask/size-budget.txt`.
//!
//! Each variant of the size probe (`examples/size-probe`) is built with the
//! release profile, run through wasm-bindgen and `wasm-opt -Oz`; its size is
//! what a page downloads for it: the optimized wasm plus the JavaScript glue
//! and snippets, each gzipped (-9) as a server would send it. The breakdown is
//! twiggy's item sizes in the wasm before wasm-opt (which still names its
//! items), summed per crate, minus the minimal app's.
//!
//! # What `--check` fails on
//!
//! Every check below can fail, and each has a unit test that plants its fault.
//!
//! - The budget file: a line that does not parse, a key given twice, a
//!   budgeted variant without a line, or a key that names no budgeted
//!   variant (a misspelt one). [`VARIANTS`] says which variants are budgeted:
//!   all three (inline, modal, and protocol, the core crate alone).
//! - The figures: a variant that adds more than its budget; one that adds less
//!   than [`FLOOR_DIVISOR`]th of it (a probe that no longer holds the
//!   component adds next to nothing; a component that really got this lean
//!   should have its budget lowered anyway); one that is smaller than the
//!   minimal app (an error in any mode).
//! - The measurement (errors in any mode): a missing JavaScript glue, a
//!   module it imports, directly or not, that cannot be read (the error names
//!   the import and the module that imports it), and a gzip run that fails or
//!   writes nothing.
//! - Raising the budget. The file's values only go down unless a raise is
//!   made deliberately and visibly: (a) a working-tree value above HEAD's
//!   fails (an uncommitted raise); (b) every commit after [`RATCHET_SINCE`]
//!   that changed the file is compared with its parent, and one that raised a
//!   value or added a line fails unless its message ends with a
//!   `Size-Budget-Raise: <reason>` trailer. Every commit is checked, not only
//!   the newest, so a raise cannot hide behind a later edit of the file.
//!   A shallow clone's history is fetched first (`git fetch --unshallow`);
//!   where it cannot be, the history part is skipped with a loud warning (the
//!   key, floor and HEAD checks still run). A history rewritten past
//!   [`RATCHET_SINCE`] in a full clone fails: a check that cannot see what
//!   it checks does not pass.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, run, tools};

/// The budget file, relative to the repository's root.
const BUDGET_PATH: &str = "xtask/size-budget.txt";

/// The commit-message trailer that lets a commit raise the budget.
const RAISE_TRAILER: &str = "Size-Budget-Raise";

/// The last commit before the budget's history was checked: the commits after
/// it that change the budget file are held to the no-raise rule (earlier ones,
/// from before the rule, did raise values without a trailer).
const RATCHET_SINCE: &str = "937654e5c9c252db17a82eb50e523567faa490cc";

/// A budgeted variant must add at least its budget divided by this.
const FLOOR_DIVISOR: u64 = 2;

/// The wasm-bindgen glue of the size probe, the module a page loads first.
const GLUE: &str = "persona-size-probe.js";

/// A variant of the size probe.
struct Variant {
    /// Its name: the probe's cargo feature and its key in the budget file.
    key: &'static str,
    /// What it is, as the report says it.
    what: &'static str,
    /// Whether the budget file must hold a line for it (it may not otherwise).
    budgeted: bool,
}

/// The variants measured against the minimal app (the probe without features).
const VARIANTS: [Variant; 3] = [
    Variant {
        key: "inline",
        what: "<PersonaInquiry> inline adds",
        budgeted: true,
    },
    Variant {
        key: "modal",
        what: "<PersonaInquiry> modal adds",
        budgeted: true,
    },
    Variant {
        key: "protocol",
        what: "the protocol core alone, with its Rust ports (a URL and one message), adds",
        budgeted: true,
    },
];

/// `variant -> max gzip bytes`, as the budget file lists them.
type Budget = BTreeMap<String, u64>;

/// Bytes raw and gzip.
#[derive(Clone, Copy, Default, Debug, PartialEq)]
struct Bytes {
    raw: u64,
    gzip: u64,
}

/// The length of `gzip -9 -c path`'s output.
fn gzip_len(path: &Path) -> Result<u64, String> {
    gzip_len_with(Command::new("gzip"), path)
}

/// The length of what `gzip` (the program to run: the real one, or a stand-in
/// in tests) writes for `-9 -c path`. A failed run, or one that writes
/// nothing, is an error: its length would not be the file's gzip size.
fn gzip_len_with(mut gzip: Command, path: &Path) -> Result<u64, String> {
    let out = gzip
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .map_err(|e| format!("gzip -9 -c {}: could not start gzip: {e}", path.display()))?;
    if !out.status.success() {
        return Err(format!(
            "gzip -9 -c {} failed ({}): {}",
            path.display(),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    if out.stdout.is_empty() {
        return Err(format!(
            "gzip -9 -c {} succeeded but wrote nothing",
            path.display()
        ));
    }
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
/// A missing glue, or an import that cannot be read, is an error: its bytes
/// would go uncounted.
fn downloaded_js(dir: &Path) -> Result<Vec<PathBuf>, String> {
    // Each module to read, with the module that imports it and the specifier.
    let mut queue: Vec<(PathBuf, Option<(PathBuf, String)>)> = vec![(dir.join(GLUE), None)];
    let mut seen: Vec<PathBuf> = Vec::new();
    while let Some((file, importer)) = queue.pop() {
        let unreadable = |e: std::io::Error| match &importer {
            None => format!("the JavaScript glue {} is missing: {e}", file.display()),
            Some((by, spec)) => format!(
                "{} imports {spec:?}, which cannot be read ({}: {e})",
                by.display(),
                file.display()
            ),
        };
        let file = file.canonicalize().map_err(unreadable)?;
        if seen.contains(&file) {
            continue;
        }
        let text = std::fs::read_to_string(&file).map_err(unreadable)?;
        let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
        queue.extend(
            relative_imports(&text)
                .into_iter()
                .map(|spec| (base.join(spec), Some((file.clone(), spec.to_owned())))),
        );
        seen.push(file);
    }
    Ok(seen)
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

/// Builds one variant (`None`: the minimal app); returns its download size and
/// its pre-optimization wasm.
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
    files.extend(downloaded_js(&dir)?);
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

/// Parses the budget file's text: `name bytes` per line (`_` allowed in the
/// number), `#` comments and blank lines skipped; a key given twice is an error.
fn parse_budget(text: &str) -> Result<Budget, String> {
    let mut out = Budget::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, bytes) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("bad line {line:?} (want `variant bytes`)"))?;
        let bytes = bytes
            .trim()
            .replace('_', "")
            .parse()
            .map_err(|_| format!("bad number in {line:?}"))?;
        if out.insert(name.to_owned(), bytes).is_some() {
            return Err(format!("{name} has two lines"));
        }
    }
    Ok(out)
}

/// What is wrong with the budget's keys: a budgeted variant without a line,
/// or a key that names no budgeted variant.
fn check_keys(budget: &Budget) -> Vec<String> {
    let budgeted: Vec<&str> = VARIANTS
        .iter()
        .filter(|v| v.budgeted)
        .map(|v| v.key)
        .collect();
    let mut problems: Vec<String> = budgeted
        .iter()
        .filter(|key| !budget.contains_key(**key))
        .map(|key| format!("{BUDGET_PATH} has no line for the variant {key}"))
        .collect();
    problems.extend(
        budget
            .keys()
            .filter(|key| !budgeted.contains(&key.as_str()))
            .map(|key| {
                format!(
                    "{BUDGET_PATH} has a line for {key:?}, which is no budgeted variant (those are: {})",
                    budgeted.join(", ")
                )
            }),
    );
    problems
}

/// What a variant adds to the minimal app; an error when it is smaller, raw or
/// gzipped (the probe cannot then hold the component).
fn added(key: &str, base: Bytes, variant: Bytes) -> Result<Bytes, String> {
    match (
        variant.raw.checked_sub(base.raw),
        variant.gzip.checked_sub(base.gzip),
    ) {
        (Some(raw), Some(gzip)) => Ok(Bytes { raw, gzip }),
        _ => Err(format!(
            "the {key} variant ({} bytes raw, {} gzip) is smaller than the minimal app \
             ({} raw, {} gzip): the size probe does not measure what it should",
            variant.raw, variant.gzip, base.raw, base.gzip
        )),
    }
}

/// What is wrong with a variant adding `gzip` bytes against its budget of
/// `limit`: over it, or under its floor (`limit / FLOOR_DIVISOR`).
fn check_added(key: &str, gzip: u64, limit: u64) -> Option<String> {
    let floor = limit / FLOOR_DIVISOR;
    if gzip > limit {
        Some(format!(
            "{key} adds {gzip} bytes gzip, over its budget of {limit}"
        ))
    } else if gzip < floor {
        Some(format!(
            "{key} adds only {gzip} bytes gzip, under its floor of {floor} (1/{FLOOR_DIVISOR} \
             of its budget of {limit}): does the size probe still hold it? If it really \
             got this lean, lower its budget"
        ))
    } else {
        None
    }
}

/// The values `new` raises over `old`: a higher value, or a line `old` lacks.
fn raises(old: &Budget, new: &Budget) -> Vec<String> {
    new.iter()
        .filter_map(|(key, value)| match old.get(key) {
            Some(was) if value > was => Some(format!("{key} {was} -> {value}")),
            Some(_) => None,
            None => Some(format!("{key} new at {value}")),
        })
        .collect()
}

/// The reason given by a commit message's `Size-Budget-Raise:` trailer: a
/// line of its last paragraph (git's trailer block; not the subject line).
fn raise_reason(message: &str) -> Option<&str> {
    let lines: Vec<&str> = message.trim_end().lines().collect();
    let start = lines.iter().rposition(|line| line.trim().is_empty())? + 1;
    lines[start..].iter().find_map(|line| {
        let (key, reason) = line.split_once(':')?;
        let reason = reason.trim();
        (key.trim().eq_ignore_ascii_case(RAISE_TRAILER) && !reason.is_empty()).then_some(reason)
    })
}

/// A commit that changed the budget file, with the budget before and after it.
struct BudgetChange {
    commit: String,
    message: String,
    before: Budget,
    after: Budget,
}

/// The history check: a note for each commit that raised the budget with a
/// trailer, and a problem for each that raised it without one.
fn check_history(changes: &[BudgetChange]) -> (Vec<String>, Vec<String>) {
    let (mut notes, mut problems) = (Vec::new(), Vec::new());
    for change in changes {
        let raised = raises(&change.before, &change.after);
        if raised.is_empty() {
            continue;
        }
        let short = &change.commit[..change.commit.len().min(10)];
        match raise_reason(&change.message) {
            Some(reason) => notes.push(format!(
                "commit {short} raised the budget ({}): {RAISE_TRAILER}: {reason}",
                raised.join(", ")
            )),
            None => problems.push(format!(
                "commit {short} raised the budget ({}) without a `{RAISE_TRAILER}: <reason>` \
                 trailer in its message",
                raised.join(", ")
            )),
        }
    }
    (notes, problems)
}

/// `git args` in `repo`: its stdout, or an error with its stderr.
fn git(repo: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(repo)
        .output()
        .map_err(|e| format!("git {}: could not start git: {e}", args.join(" ")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "git {} failed ({}): {}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// The budget file at `rev` in `repo`; empty when the file is not there.
fn budget_at(repo: &Path, rev: &str) -> Result<Budget, String> {
    let spec = format!("{rev}:{BUDGET_PATH}");
    if git(repo, &["cat-file", "-e", &spec]).is_err() {
        return Ok(Budget::new());
    }
    parse_budget(&git(repo, &["show", &spec])?).map_err(|e| format!("{BUDGET_PATH} at {rev}: {e}"))
}

/// Every commit of `repo` after `since` (up to HEAD) that changed the budget
/// file; an error when that history is not all there.
fn committed_changes(repo: &Path, since: &str) -> Result<Vec<BudgetChange>, String> {
    let unavailable = |why: String| {
        let shallow = git(repo, &["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|out| out.trim() == "true");
        let fix = if shallow {
            "this is a shallow clone; fetch the history (git fetch --unshallow) and run this again"
        } else {
            "the history has been rewritten, or this is no clone of the project"
        };
        format!("cannot check whether {BUDGET_PATH} was raised: {why}; {fix}")
    };
    git(repo, &["cat-file", "-e", &format!("{since}^{{commit}}")])
        .map_err(|_| unavailable(format!("commit {since} is not in this repository")))?;
    git(repo, &["merge-base", "--is-ancestor", since, "HEAD"])
        .map_err(|_| unavailable(format!("commit {since} is not an ancestor of HEAD")))?;
    let log = git(
        repo,
        &[
            "log",
            "--format=%H %P",
            &format!("{since}..HEAD"),
            "--",
            BUDGET_PATH,
        ],
    )?;
    let mut changes = Vec::new();
    for line in log.lines() {
        let mut hashes = line.split_whitespace();
        let Some(commit) = hashes.next() else {
            continue;
        };
        // A commit at a shallow clone's edge shows no parent.
        let parent = hashes
            .next()
            .ok_or_else(|| unavailable(format!("the parent of commit {commit} is not here")))?;
        changes.push(BudgetChange {
            commit: commit.to_owned(),
            message: git(repo, &["log", "-1", "--format=%B", commit])?,
            before: budget_at(repo, parent)?,
            after: budget_at(repo, commit)?,
        });
    }
    Ok(changes)
}

/// What is wrong with `budget`, the working tree's, against HEAD's in `repo`:
/// a raise not committed yet (which no commit message can explain).
fn check_uncommitted(repo: &Path, budget: &Budget) -> Option<String> {
    let head = match budget_at(repo, "HEAD") {
        Ok(head) => head,
        Err(e) => return Some(e),
    };
    let raised = raises(&head, budget);
    (!raised.is_empty()).then(|| {
        format!(
            "{BUDGET_PATH} raises HEAD's budget ({}): commit the raise, with a \
             `{RAISE_TRAILER}: <reason>` trailer in the commit message",
            raised.join(", ")
        )
    })
}

/// The budget in the working tree, and what is wrong with it: its keys, an
/// uncommitted raise over HEAD's, and committed raises without a trailer.
fn checked_budget() -> Result<(Budget, Vec<String>), String> {
    let repo = root();
    let path = repo.join(BUDGET_PATH);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let budget = parse_budget(&text).map_err(|e| format!("{BUDGET_PATH}: {e}"))?;
    let mut problems = check_keys(&budget);
    problems.extend(check_uncommitted(&repo, &budget));
    let is_shallow =
        || git(&repo, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|o| o.trim() == "true");
    let mut history = committed_changes(&repo, RATCHET_SINCE);
    if history.is_err() && is_shallow() {
        // A shallow clone (as some CI checkouts are): fetch the rest once.
        println!("size: a shallow clone; fetching its history (git fetch --unshallow)");
        if git(&repo, &["fetch", "--quiet", "--unshallow"]).is_ok() {
            history = committed_changes(&repo, RATCHET_SINCE);
        }
    }
    match history {
        Err(e) if is_shallow() => {
            // The history cannot be had here: say so loudly, in the summary too,
            // and keep the checks that need no history (keys, floors, HEAD).
            println!("size: WARNING: the committed raises were NOT checked: {e}");
        }
        Ok(changes) => {
            let (notes, raised) = check_history(&changes);
            for note in &notes {
                println!("size: {note}");
            }
            println!(
                "size: {} commit(s) since {} changed {BUDGET_PATH}; {} raised it without a trailer",
                changes.len(),
                &RATCHET_SINCE[..10],
                raised.len()
            );
            problems.extend(raised);
        }
        Err(e) => {
            println!("size: WARNING: {e}");
            problems.push(e);
        }
    }
    Ok((budget, problems))
}

/// Builds every variant, prints what each adds and the breakdown; with
/// `check`, fails on any problem the module doc lists (the budget file's are
/// found before anything is built). Without it the problems are printed.
pub fn size(check: bool, demo: bool) -> Result<(), String> {
    let (limits, mut problems) = checked_budget()?;
    if check && !problems.is_empty() {
        return Err(format!("size budget: {}", problems.join("; ")));
    }
    let twiggy = ensure_twiggy()?;
    let (base, wasm) = build_variant(None)?;
    let base_crates = per_crate(&twiggy, &wasm)?;
    let mut built = Vec::new();
    for variant in &VARIANTS {
        let (bytes, wasm) = build_variant(Some(variant.key))?;
        built.push((variant, bytes, per_crate(&twiggy, &wasm)?));
    }
    println!(
        "size: minimal Leptos app: {} bytes raw, {} bytes gzip (wasm + JS)",
        base.raw, base.gzip
    );
    for (variant, bytes, crates) in &built {
        let added = added(variant.key, base, *bytes)?;
        println!(
            "size: {} {} bytes raw, {} bytes gzip",
            variant.what, added.raw, added.gzip
        );
        print_breakdown(crates, &base_crates);
        if let Some(limit) = limits.get(variant.key) {
            problems.extend(check_added(variant.key, added.gzip, *limit));
        }
    }
    if demo {
        demo_size()?;
    }
    if problems.is_empty() {
        println!("size: every budgeted variant is within {BUDGET_PATH} and above its floor");
        Ok(())
    } else if check {
        Err(format!("size budget: {}", problems.join("; ")))
    } else {
        println!("size: --check would fail: {}", problems.join("; "));
        Ok(())
    }
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
    use super::*;

    /// A fresh directory of its own for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-size-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn budget(text: &str) -> Budget {
        parse_budget(text).unwrap()
    }

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

    #[test]
    fn the_committed_budget_has_a_line_for_every_budgeted_variant_and_no_other() {
        assert_eq!(check_keys(&budget(COMMITTED)), Vec::<String>::new());
    }

    /// The committed budget file's text.
    const COMMITTED: &str = include_str!("../size-budget.txt");

    #[test]
    fn a_budgeted_variant_without_a_line_fails() {
        let without_modal: String = COMMITTED
            .lines()
            .filter(|line| !line.starts_with("modal "))
            .map(|line| format!("{line}\n"))
            .collect();
        let problems = check_keys(&budget(&without_modal));
        assert_eq!(
            problems,
            [format!("{BUDGET_PATH} has no line for the variant modal")]
        );
    }

    #[test]
    fn a_misspelt_key_fails() {
        let problems = check_keys(&budget(&format!("{COMMITTED}modla 39740\n")));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("\"modla\""), "{problems:?}");
    }

    #[test]
    fn a_key_given_twice_or_a_bad_line_fails_to_parse() {
        assert!(parse_budget("inline 1\ninline 2\n")
            .unwrap_err()
            .contains("two lines"));
        assert!(parse_budget("inline\n").unwrap_err().contains("bad line"));
        assert!(parse_budget("inline 3k\n")
            .unwrap_err()
            .contains("bad number"));
        assert_eq!(budget("# note\n\ninline 37_490\n")["inline"], 37_490);
    }

    #[test]
    fn a_variant_smaller_than_the_minimal_app_fails() {
        let base = Bytes {
            raw: 90_000,
            gzip: 33_000,
        };
        let smaller = Bytes {
            raw: 95_000,
            gzip: 32_999,
        };
        assert!(added("inline", base, smaller)
            .unwrap_err()
            .contains("smaller than the minimal app"));
        let bigger = Bytes {
            raw: 95_000,
            gzip: 40_000,
        };
        assert_eq!(
            added("inline", base, bigger),
            Ok(Bytes {
                raw: 5_000,
                gzip: 7_000
            })
        );
    }

    #[test]
    fn adding_nothing_or_under_the_floor_fails() {
        assert!(check_added("inline", 0, 37_490)
            .unwrap()
            .contains("under its floor of 18745"));
        assert!(check_added("inline", 18_744, 37_490).is_some());
        assert_eq!(check_added("inline", 18_745, 37_490), None);
        assert_eq!(check_added("inline", 37_490, 37_490), None);
        assert!(check_added("inline", 37_491, 37_490)
            .unwrap()
            .contains("over its budget"));
    }

    #[test]
    fn an_import_that_cannot_be_read_fails_naming_it_and_its_importer() {
        let dir = scratch("unresolved");
        std::fs::create_dir_all(dir.join("snippets")).unwrap();
        std::fs::write(
            dir.join(GLUE),
            "import { a } from './snippets/browser.js';\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("snippets/browser.js"),
            "import { m } from './modal.js';\n",
        )
        .unwrap();
        let error = downloaded_js(&dir).unwrap_err();
        assert!(
            error.contains("browser.js imports \"./modal.js\""),
            "{error}"
        );
        // Once the module is there, all three are counted (and an unused one is not).
        std::fs::write(dir.join("snippets/modal.js"), "export const m = 1;\n").unwrap();
        std::fs::write(dir.join("snippets/unused.js"), "export const u = 1;\n").unwrap();
        assert_eq!(downloaded_js(&dir).unwrap().len(), 3);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_glue_fails() {
        let dir = scratch("no-glue");
        let error = downloaded_js(&dir).unwrap_err();
        assert!(error.contains("the JavaScript glue"), "{error}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_or_silent_gzip_fails() {
        let missing = Path::new("/nonexistent/xtask-size-probe.wasm");
        let error = gzip_len(missing).unwrap_err();
        assert!(
            error.contains("failed") && error.contains("No such file"),
            "{error}"
        );
        // A stand-in that exits 0 and writes nothing.
        let error = gzip_len_with(Command::new("true"), missing).unwrap_err();
        assert!(error.contains("wrote nothing"), "{error}");
        let error = gzip_len_with(Command::new("/nonexistent/gzip"), missing).unwrap_err();
        assert!(error.contains("could not start gzip"), "{error}");
        let dir = scratch("gzip");
        std::fs::write(dir.join("a.js"), "export const a = 1;\n").unwrap();
        assert!(gzip_len(&dir.join("a.js")).unwrap() > 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    fn change(message: &str, before: &str, after: &str) -> BudgetChange {
        BudgetChange {
            commit: "0123456789abcdef".into(),
            message: message.into(),
            before: budget(before),
            after: budget(after),
        }
    }

    #[test]
    fn a_raise_without_a_trailer_fails() {
        let (notes, problems) = check_history(&[change(
            "Modal: a focus trap\n\nMore words.\n",
            "inline 100\nmodal 200\n",
            "inline 100\nmodal 210\n",
        )]);
        assert!(notes.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("modal 200 -> 210"), "{problems:?}");
        // A line that was not there before is a raise too.
        let (_, problems) =
            check_history(&[change("Subject\n", "inline 100\n", "inline 90\nmodal 5\n")]);
        assert!(problems[0].contains("modal new at 5"), "{problems:?}");
        // The trailer must be one: not the subject, nor a line mid-message.
        for message in [
            "Size-Budget-Raise: the subject\n",
            "Subject\n\nSize-Budget-Raise: mid\n\nLast paragraph.\n",
            "Subject\n\nSize-Budget-Raise:\n",
        ] {
            let (_, problems) = check_history(&[change(message, "modal 1\n", "modal 2\n")]);
            assert_eq!(problems.len(), 1, "{message:?}");
        }
    }

    #[test]
    fn a_raise_with_a_trailer_or_a_lowering_passes() {
        let (notes, problems) = check_history(&[
            change(
                "Modal: a focus trap\n\nBody.\n\nSize-Budget-Raise: the focus trap, 60 B\n",
                "inline 100\nmodal 200\n",
                "inline 100\nmodal 260\n",
            ),
            change(
                "Leaner\n",
                "inline 100\nmodal 260\n",
                "inline 90\nmodal 250\n",
            ),
        ]);
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(notes.len(), 1);
        assert!(notes[0].ends_with("Size-Budget-Raise: the focus trap, 60 B"));
    }

    /// `git args` in `repo`, with an identity of its own; panics on failure.
    fn git_ok(repo: &Path, args: &[&str]) -> String {
        let mut all = vec![
            "-c",
            "user.name=xtask",
            "-c",
            "user.email=xtask@example.com",
            "-c",
            "commit.gpgsign=false",
        ];
        all.extend(args);
        git(repo, &all).unwrap()
    }

    fn commit_budget(repo: &Path, text: &str, message: &str) -> String {
        std::fs::write(repo.join(BUDGET_PATH), text).unwrap();
        git_ok(repo, &["add", BUDGET_PATH]);
        git_ok(repo, &["commit", "-q", "-m", message]);
        git_ok(repo, &["rev-parse", "HEAD"]).trim().to_owned()
    }

    #[test]
    fn the_history_check_reads_git_and_fails_without_history() {
        let repo = scratch("history");
        std::fs::create_dir_all(repo.join("xtask")).unwrap();
        git_ok(&repo, &["init", "-q"]);
        commit_budget(&repo, "inline 200\n", "Before the rule: raised freely");
        let since = commit_budget(&repo, "inline 300\n", "The baseline");
        commit_budget(&repo, "inline 250\n", "Lowered");
        std::fs::write(repo.join("other.txt"), "x").unwrap();
        git_ok(&repo, &["add", "other.txt"]);
        git_ok(&repo, &["commit", "-q", "-m", "Another file"]);
        let raised = commit_budget(&repo, "inline 260\n", "Raised quietly");
        commit_budget(&repo, "# a comment\ninline 260\n", "A later edit");
        // An uncommitted raise fails; the committed budget, or a lower one, passes.
        let worktree = budget("inline 261\n");
        let error = check_uncommitted(&repo, &worktree).unwrap();
        assert!(error.contains("inline 260 -> 261"), "{error}");
        assert_eq!(check_uncommitted(&repo, &budget("inline 259\n")), None);
        let changes = committed_changes(&repo, &since).unwrap();
        assert_eq!(changes.len(), 3);
        let (_, problems) = check_history(&changes);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains(&raised[..10]) && problems[0].contains("inline 250 -> 260"));
        commit_budget(
            &repo,
            "inline 270\n",
            "Raised\n\nSize-Budget-Raise: measured, 10 B",
        );
        let (notes, problems) = check_history(&committed_changes(&repo, &since).unwrap());
        assert_eq!((notes.len(), problems.len()), (1, 1));
        // A shallow clone lacks the history: committed_changes says so.
        let shallow = repo.join("shallow");
        let url = format!("file://{}", repo.display());
        git_ok(&repo, &["clone", "-q", "--depth", "2", &url, "shallow"]);
        let error = committed_changes(&shallow, &since).err().unwrap();
        assert!(error.contains("shallow clone"), "{error}");
        let _ = std::fs::remove_dir_all(&repo);
    }
}
