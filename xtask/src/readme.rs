//! `cargo xtask readme` (and a step of `cargo xtask test`): every command the
//! READMEs name resolves, so that the docs cannot rot.
//!
//! The commands are the inline code spans that start with `cargo ` and the
//! lines of `sh` / `bash` code blocks that do (`# comments` dropped, `\`
//! continuations joined, leading `NAME=value` assignments skipped), in
//! `README.md` and `examples/*/README.md`. Each resolves by its kind:
//!
//! - `cargo xtask SUB …`: `SUB` is an entry of [`crate::COMMANDS`] and the
//!   arguments are ones it takes ([`crate::Subcommand::check_args`], what
//!   dispatch checks too; `[` `]` and `|` are the docs' own notation). The other
//!   way round, README.md lists every entry, with each of its options, as a
//!   command (a table row's first cell or a code block's line).
//! - `cargo test …`: run with `--no-run` (before any `--`), so a missing
//!   package or test target fails.
//! - `cargo tree …`: run, its output discarded.
//! - `cargo run [-p PKG] [-- FLAGS]`: `PKG` is a workspace package with a
//!   binary, which is built and run with `--help`: every flag after `--` must
//!   be in that output.
//! - every cargo command: `cargo SUB --help` succeeds, every option before
//!   `--`, long or short, is in its option list (for clippy, with
//!   `cargo check`'s, which it accepts), and a `-p PKG` names a workspace
//!   package. A third-party one (`cargo leptos …`) that is not installed here
//!   passes only when the docs install it themselves (`cargo install …
//!   cargo-leptos`, checked as any cargo command), and the summary says so.
//!
//! A line of a shell block that names cargo without starting with it is an
//! error, not a skip. Every problem is reported, each with its file, line and
//! command.

use std::collections::{BTreeMap, BTreeSet};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{cargo, root, subcommand, COMMANDS};

/// A command a README names, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Named {
    /// The README, relative to the workspace root.
    file: String,
    /// The line it starts on, from 1.
    line: usize,
    /// The command, on one line.
    text: String,
    /// Where in the Markdown it is.
    place: Place,
}

/// Where a README names a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// An inline code span in running text (or a table's later cell).
    Prose,
    /// The first cell of a table row: listed as a command.
    TableRow,
    /// A line of a shell code block: listed as a command.
    ShellBlock,
}

impl Named {
    /// Whether it is listed as a command, not only mentioned in prose.
    fn listed(&self) -> bool {
        self.place != Place::Prose
    }
}

/// Checks every command the READMEs name; the error lists each that does not
/// resolve (file, line, command, what is wrong) and each [`COMMANDS`] entry
/// README.md does not list.
pub(crate) fn check() -> Result<(), String> {
    println!("==> the READMEs' commands resolve");
    let started = Instant::now();
    let mut named = Vec::new();
    let files = readme_files()?;
    for file in &files {
        let text = std::fs::read_to_string(root().join(file))
            .map_err(|e| format!("readme: cannot read {file}: {e}"))?;
        named.extend(extract(file, &text));
    }
    let mut problems = undocumented(&named);
    let mut resolver = Resolver {
        installable: installed_by_docs(&named),
        ..Resolver::default()
    };
    let mut results: BTreeMap<String, Result<(), String>> = BTreeMap::new();
    for command in &named {
        let result = results
            .entry(command.text.clone())
            .or_insert_with(|| resolver.resolve(&command.text));
        if let Err(e) = result {
            problems.push(format!(
                "{}:{}: `{}`: {e}",
                command.file, command.line, command.text
            ));
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    for (tool, commands) in &resolver.uninstalled {
        println!(
            "    {tool} is not installed here: its {commands} distinct command(s) were checked only \
             as installed by the docs' `cargo install … {tool}`"
        );
    }
    if problems.is_empty() {
        let per_file: Vec<String> = files
            .iter()
            .map(|file| {
                let count = named.iter().filter(|n| n.file == *file).count();
                format!("{file} {count}")
            })
            .collect();
        println!(
            "<== the READMEs' commands resolve: {} found ({}), {} distinct, all checked: {elapsed:.1} s",
            named.len(),
            per_file.join(", "),
            results.len()
        );
        Ok(())
    } else {
        Err(format!(
            "readme: {} problem(s) among {} commands ({} distinct) in {}:\n  {}",
            problems.len(),
            named.len(),
            results.len(),
            files.join(", "),
            problems.join("\n  ")
        ))
    }
}

/// The third-party cargo commands (`cargo-NAME`) the docs' own `cargo install`
/// commands install.
fn installed_by_docs(named: &[Named]) -> BTreeSet<String> {
    named
        .iter()
        .filter_map(|n| n.text.strip_prefix("cargo install "))
        .flat_map(str::split_whitespace)
        .filter(|word| word.starts_with("cargo-"))
        .map(str::to_owned)
        .collect()
}

/// `README.md` and every `examples/*/README.md`, relative to the root.
fn readme_files() -> Result<Vec<String>, String> {
    let mut files = vec!["README.md".to_owned()];
    let examples = root().join("examples");
    let entries = std::fs::read_dir(&examples)
        .map_err(|e| format!("readme: cannot list {}: {e}", examples.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("readme: cannot list examples/: {e}"))?;
        if entry.path().join("README.md").is_file() {
            found.push(format!(
                "examples/{}/README.md",
                entry.file_name().to_string_lossy()
            ));
        }
    }
    found.sort();
    files.extend(found);
    Ok(files)
}

/// The commands `text` (the Markdown of `file`) names.
fn extract(file: &str, text: &str) -> Vec<Named> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut paragraph: Vec<(usize, &str)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let trimmed = lines[i].trim_start();
        if let Some((fence, info)) = fence_open(trimmed) {
            out.extend(spans(file, &paragraph));
            paragraph.clear();
            let language = info.split([',', ' ', '{']).next().unwrap_or("");
            let shell = matches!(language, "sh" | "bash" | "shell" | "zsh");
            let mut block = Vec::new();
            i += 1;
            while i < lines.len() && !fence_close(lines[i].trim_start(), fence) {
                block.push((i + 1, lines[i]));
                i += 1;
            }
            if shell {
                out.extend(shell_commands(file, &block));
            }
        } else if trimmed.is_empty() {
            out.extend(spans(file, &paragraph));
            paragraph.clear();
        } else {
            paragraph.push((i + 1, lines[i]));
        }
        i += 1;
    }
    out.extend(spans(file, &paragraph));
    out
}

/// A fence opening a code block (three or more backticks or tildes): the
/// fence and the info string after it.
fn fence_open(trimmed: &str) -> Option<(&str, &str)> {
    let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let length = trimmed.chars().take_while(|c| *c == marker).count();
    (length >= 3).then(|| (&trimmed[..length], trimmed[length..].trim()))
}

/// Whether `trimmed` closes a code block opened by `fence`.
fn fence_close(trimmed: &str, fence: &str) -> bool {
    let marker = fence.chars().next().unwrap_or('`');
    let length = trimmed.chars().take_while(|c| *c == marker).count();
    length >= fence.len() && trimmed[length..].trim().is_empty()
}

/// The commands among a shell block's lines (with their line numbers).
fn shell_commands(file: &str, block: &[(usize, &str)]) -> Vec<Named> {
    let mut out = Vec::new();
    let mut logical: Option<(usize, String)> = None;
    for (number, line) in block {
        let code = strip_comment(line).trim_end();
        let (code, continued) = match code.strip_suffix('\\') {
            Some(code) => (code, true),
            None => (code, false),
        };
        let (_, joined) = logical.get_or_insert_with(|| (*number, String::new()));
        joined.push(' ');
        joined.push_str(code);
        if !continued {
            if let Some((start, joined)) = logical.take() {
                out.extend(shell_command(file, start, &joined));
            }
        }
    }
    if let Some((start, joined)) = logical {
        out.extend(shell_command(file, start, &joined));
    }
    out
}

/// `line` without its `#` comment (a `#` at the start of a word).
fn strip_comment(line: &str) -> &str {
    let mut previous = ' ';
    for (at, c) in line.char_indices() {
        if c == '#' && previous.is_whitespace() {
            return &line[..at];
        }
        previous = c;
    }
    line
}

/// One logical shell line: a command when it starts with `cargo` (after any
/// `NAME=value` assignments); one that names cargo otherwise is kept too, so
/// that it fails to resolve instead of being skipped.
fn shell_command(file: &str, line: usize, joined: &str) -> Option<Named> {
    let words: Vec<&str> = joined.split_whitespace().collect();
    let assignments = words.iter().take_while(|w| is_assignment(w)).count();
    let command = words[assignments..].join(" ");
    let names_cargo = words
        .iter()
        .any(|w| *w == "cargo" || w.starts_with("cargo-"));
    (command.starts_with("cargo ") || names_cargo).then(|| Named {
        file: file.to_owned(),
        line,
        text: if command.starts_with("cargo ") {
            command
        } else {
            words.join(" ")
        },
        place: Place::ShellBlock,
    })
}

/// `NAME=value`, a shell variable assignment.
fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The inline code spans starting with `cargo ` of one paragraph (its lines,
/// with their numbers; a span may cross lines).
fn spans(file: &str, paragraph: &[(usize, &str)]) -> Vec<Named> {
    let mut text = String::new();
    let mut starts = Vec::new();
    for (number, line) in paragraph {
        starts.push((text.len(), *number));
        text.push_str(line);
        text.push('\n');
    }
    let line_of = |at: usize| {
        let index = starts.partition_point(|(start, _)| *start <= at);
        starts
            .get(index.saturating_sub(1))
            .copied()
            .unwrap_or((0, 0))
    };
    let bytes = text.as_bytes();
    let run_at = |at: usize| bytes[at..].iter().take_while(|b| **b == b'`').count();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'\\' {
            at += 2;
            continue;
        }
        if bytes[at] != b'`' {
            at += 1;
            continue;
        }
        let open = run_at(at);
        let content_start = at + open;
        let mut search = content_start;
        let mut close = None;
        while search < bytes.len() {
            if bytes[search] == b'`' {
                let run = run_at(search);
                if run == open {
                    close = Some(search);
                    break;
                }
                search += run;
            } else {
                search += 1;
            }
        }
        let Some(close) = close else {
            // An unmatched run is literal text.
            at = content_start;
            continue;
        };
        let content = text[content_start..close].replace('\n', " ");
        let content = match content.strip_prefix(' ').and_then(|c| c.strip_suffix(' ')) {
            Some(inner) if !inner.trim().is_empty() => inner.to_owned(),
            _ => content,
        };
        if content.starts_with("cargo ") {
            let (line_start, number) = line_of(at);
            let before = &text[line_start..at];
            out.push(Named {
                file: file.to_owned(),
                line: number,
                text: content.split_whitespace().collect::<Vec<_>>().join(" "),
                place: if before.trim() == "|" {
                    Place::TableRow
                } else {
                    Place::Prose
                },
            });
        }
        at = close + open;
    }
    out
}

/// The words of a documented `cargo xtask` command's arguments, without the
/// docs' notation: `[--inputs N]` is `--inputs N`, `|` and `…` go.
fn xtask_words(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|w| w.trim_matches(|c| c == '[' || c == ']'))
        .filter(|w| !w.is_empty() && !matches!(*w, "|" | "…" | "..."))
        .map(str::to_owned)
        .collect()
}

/// The problems of the other direction: a [`COMMANDS`] entry README.md does
/// not list as a command, or lists without one of its options.
fn undocumented(named: &[Named]) -> Vec<String> {
    let in_readme = || named.iter().filter(|n| n.file == "README.md");
    // Where a missing row belongs: README.md's table of xtask commands.
    let table = in_readme()
        .find(|n| n.place == Place::TableRow && n.text.starts_with("cargo xtask "))
        .map_or_else(
            || "README.md".to_owned(),
            |n| format!("README.md:{}", n.line),
        );
    let mut listed: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for command in in_readme().filter(|n| n.listed()) {
        let words: Vec<&str> = command.text.split_whitespace().collect();
        if let ["cargo", "xtask", name, rest @ ..] = words.as_slice() {
            listed.entry(name).or_default().extend(xtask_words(rest));
        }
    }
    let mut problems = Vec::new();
    for command in COMMANDS {
        let Some(words) = listed.get(command.name) else {
            problems.push(format!(
                "{table}: `cargo xtask {}` is a COMMANDS entry that README.md does not list \
                 (as the first cell of a row of its commands table, or a line of a sh block)",
                command.synopsis()
            ));
            continue;
        };
        for (option, _) in command.options {
            if !words.contains(*option) {
                problems.push(format!(
                    "{table}: `cargo xtask {}`: README.md lists the command but never its option {option}",
                    command.synopsis()
                ));
            }
        }
    }
    problems
}

/// What a workspace package offers: its binaries.
#[derive(Debug)]
struct Package {
    /// Its name.
    name: String,
    /// Its binary targets.
    bins: Vec<String>,
    /// Whether it is the workspace root's package.
    root: bool,
}

/// Resolves commands, caching what several need (`cargo metadata`, each
/// cargo command's options).
#[derive(Default)]
struct Resolver {
    /// The workspace's packages, once read.
    packages: Option<Vec<Package>>,
    /// `cargo SUB --help`'s options, or why it failed, by `SUB`.
    options: BTreeMap<String, Result<BTreeSet<String>, String>>,
    /// The third-party cargo commands (`cargo-leptos`) the docs install with
    /// a `cargo install` command of their own.
    installable: BTreeSet<String>,
    /// Those that are not installed here, with how many distinct commands
    /// named them: only their `cargo install` command could be checked.
    uninstalled: BTreeMap<String, usize>,
}

impl Resolver {
    /// Whether `text` resolves; the error says what is wrong.
    fn resolve(&mut self, text: &str) -> Result<(), String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let ["cargo", sub, rest @ ..] = words.as_slice() else {
            return Err(
                "names cargo but does not start with `cargo SUBCOMMAND`: it cannot be checked"
                    .into(),
            );
        };
        if sub.starts_with(['-', '+']) {
            return Err(format!(
                "{sub} before the subcommand: a form this check cannot classify"
            ));
        }
        if *sub == "xtask" {
            return xtask(rest);
        }
        let (before, after) = split_at_dashes(rest);
        let known = match self.cargo_options(sub) {
            Ok(known) => known,
            Err(e)
                if e.contains("no such command")
                    && self.installable.contains(&format!("cargo-{sub}")) =>
            {
                *self.uninstalled.entry(format!("cargo-{sub}")).or_default() += 1;
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        options_known(sub, &known, before)?;
        for package in package_args(before) {
            self.package(&package)?;
        }
        match *sub {
            "test" => run_test(before, after),
            "tree" => run_tree(rest),
            "run" => self.run_binary(before, after),
            _ => Ok(()),
        }
    }

    /// `cargo sub --help`'s options (for clippy, with `cargo check`'s, which
    /// its help says it takes).
    fn cargo_options(&mut self, sub: &str) -> Result<BTreeSet<String>, String> {
        if let Some(known) = self.options.get(sub) {
            return known.clone();
        }
        let result = help_text(cargo().args([sub, "--help"])).map_err(|e| {
            format!("`cargo {sub} --help` fails, so {sub} is not a cargo command: {e}")
        });
        let result = match result {
            Ok(help) => {
                let mut known = option_list(&help);
                if sub != "check" && help.contains("cargo check --help") {
                    known.extend(self.cargo_options("check")?);
                }
                Ok(known)
            }
            Err(e) => Err(e),
        };
        self.options.insert(sub.to_owned(), result.clone());
        result
    }

    /// The workspace's packages, from `cargo metadata`.
    fn packages(&mut self) -> Result<&[Package], String> {
        if self.packages.is_none() {
            self.packages = Some(workspace_packages()?);
        }
        Ok(self.packages.as_deref().unwrap_or_default())
    }

    /// The workspace package named `name`.
    fn package(&mut self, name: &str) -> Result<&Package, String> {
        let packages = self.packages()?;
        packages.iter().find(|p| p.name == name).ok_or_else(|| {
            format!(
                "no workspace package named {name} (they are: {})",
                packages
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
    }

    /// `cargo run [-p PKG] [--bin BIN] [-- FLAGS]`: the binary exists, builds,
    /// and its `--help` names every flag after `--`.
    fn run_binary(&mut self, before: &[&str], after: &[&str]) -> Result<(), String> {
        let package = match package_args(before).first() {
            Some(name) => self.package(name)?,
            None => self
                .packages()?
                .iter()
                .find(|p| p.root)
                .ok_or("no -p and no package at the workspace root")?,
        };
        let bin = match value_of(before, "--bin") {
            Some(bin) if package.bins.contains(&bin) => bin,
            Some(bin) => return Err(format!("package {} has no binary {bin}", package.name)),
            None => match package.bins.as_slice() {
                [bin] => bin.clone(),
                [] => return Err(format!("package {} has no binary to run", package.name)),
                _ => {
                    return Err(format!(
                        "package {} has several binaries ({}): name one with --bin",
                        package.name,
                        package.bins.join(", ")
                    ))
                }
            },
        };
        let name = package.name.clone();
        quiet_cargo(
            cargo().args(["build", "--quiet", "-p", &name, "--bin", &bin]),
            &format!("cargo build -p {name} --bin {bin}"),
        )?;
        let binary = crate::tools::target_dir().join("debug").join(&bin);
        let help = help_text(Command::new(&binary).arg("--help"))
            .map_err(|e| format!("{bin} --help: {e} (it must print its flags)"))?;
        let listed: BTreeSet<String> = help
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| "[](),;:".contains(c)))
            .filter(|w| w.starts_with('-'))
            .map(|w| w.split('=').next().unwrap_or(w).to_owned())
            .collect();
        let unknown: Vec<String> = after
            .iter()
            .map(|w| w.trim_matches(|c| c == '[' || c == ']'))
            .filter(|w| w.starts_with('-') && w.len() > 1)
            .map(|w| w.split('=').next().unwrap_or(w).to_owned())
            .filter(|flag| !listed.contains(flag))
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(format!("`{bin} --help` lists no {}", unknown.join(", ")))
        }
    }
}

/// Every option in `before` (the words before `--`) is one `cargo sub
/// --help` lists.
fn options_known(sub: &str, known: &BTreeSet<String>, before: &[&str]) -> Result<(), String> {
    let unknown: Vec<String> = before
        .iter()
        .filter_map(|word| option_name(word))
        .filter(|option| !known.contains(option))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {sub} --help` lists no option {} (options for what cargo {sub} runs go after `--`)",
            unknown.join(", ")
        ))
    }
}

/// `cargo xtask NAME ARGS`: a [`COMMANDS`] entry, given arguments it takes.
fn xtask(rest: &[&str]) -> Result<(), String> {
    let Some((name, args)) = rest.split_first() else {
        return Err("names no xtask command".into());
    };
    let command = subcommand(name).ok_or_else(|| {
        format!(
            "{name:?} is no xtask command (COMMANDS: {})",
            COMMANDS
                .iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(", ")
        )
    })?;
    command.check_args(&xtask_words(args))
}

/// `cargo test BEFORE --no-run [-- AFTER]`, which builds every test the
/// command selects and fails on one it cannot find.
fn run_test(before: &[&str], after: &[&str]) -> Result<(), String> {
    let mut command = cargo();
    command.arg("test").args(before).arg("--no-run");
    if !after.is_empty() {
        command.arg("--").args(after);
    }
    let shown: Vec<&str> = ["cargo", "test"]
        .into_iter()
        .chain(before.iter().copied())
        .chain(["--no-run"])
        .collect();
    println!("    {}", shown.join(" "));
    quiet_cargo(&mut command, "with --no-run")
}

/// `cargo tree ARGS`, quietly, its output discarded.
fn run_tree(args: &[&str]) -> Result<(), String> {
    let mut command = cargo();
    command.arg("tree").args(args);
    if !args.iter().any(|a| *a == "-q" || *a == "--quiet") {
        command.arg("--quiet");
    }
    quiet_cargo(&mut command, "run")
}

/// Runs a cargo `command`, stdout discarded; an error quotes cargo's.
fn quiet_cargo(command: &mut Command, what: &str) -> Result<(), String> {
    let out = command
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("{what}: could not start cargo: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what}: {}",
            cargo_error(&String::from_utf8_lossy(&out.stderr))
        ))
    }
}

/// The gist of cargo's stderr: from its first `error` line, a few lines
/// joined, or else its last lines.
fn cargo_error(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("error"))
        .unwrap_or(lines.len().saturating_sub(3));
    let mut gist = String::new();
    for line in lines.iter().skip(first).take(4) {
        if !gist.is_empty() {
            gist.push_str(if gist.ends_with(':') { " " } else { "; " });
        }
        gist.push_str(line);
    }
    if gist.is_empty() {
        "failed, with nothing on stderr".into()
    } else {
        gist
    }
}

/// Runs `command` and returns its stdout and stderr, or an error when it
/// cannot start or fails.
fn help_text(command: &mut Command) -> Result<String, String> {
    let out = command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start it: {e}"))?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(text)
    } else {
        Err(format!("{} ({})", cargo_error(&text), out.status))
    }
}

/// The options a `--help` text lists: each entry line that starts with its
/// options (`-p, --package <SPEC>`, `--check`). A line that starts
/// `-D / --deny`, clippy's list of what goes after `--`, is no entry.
fn option_list(help: &str) -> BTreeSet<String> {
    let mut known = BTreeSet::new();
    for line in help.lines() {
        let mut words = line.split_whitespace().peekable();
        let mut options = Vec::new();
        while let Some(word) = words.peek() {
            let (option, more) = match word.strip_suffix(',') {
                Some(option) => (option, true),
                None => (*word, false),
            };
            match option_name(option) {
                Some(name) => options.push(name),
                None => break,
            }
            words.next();
            if !more {
                break;
            }
        }
        if words.peek() != Some(&"/") {
            known.extend(options);
        }
    }
    known
}

/// The option a word is, if it is one: `--features=csr` is `--features`,
/// `-pfoo` is `-p`; `--` and `-` are none.
fn option_name(word: &str) -> Option<String> {
    if let Some(long) = word.strip_prefix("--") {
        let name = long.split(['=', '[', '<']).next().unwrap_or("");
        let valid = name.starts_with(|c: char| c.is_ascii_alphanumeric())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        return valid.then(|| format!("--{name}"));
    }
    let short = word.strip_prefix('-')?.chars().next()?;
    short.is_ascii_alphanumeric().then(|| format!("-{short}"))
}

/// The words before the first `--`, and those after it.
fn split_at_dashes<'a, 'b>(words: &'a [&'b str]) -> (&'a [&'b str], &'a [&'b str]) {
    match words.iter().position(|w| *w == "--") {
        Some(at) => (&words[..at], &words[at + 1..]),
        None => (words, &[]),
    }
}

/// The value of an option (`--bin x` or `--bin=x`), if given.
fn value_of(words: &[&str], option: &str) -> Option<String> {
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if *word == option {
            return iter.next().map(|v| (*v).to_owned());
        }
        if let Some(value) = word.strip_prefix(option).and_then(|w| w.strip_prefix('=')) {
            return Some(value.to_owned());
        }
    }
    None
}

/// The packages `-p` / `--package` name.
fn package_args(words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        if *word == "-p" || *word == "--package" {
            out.extend(iter.next().map(|v| (*v).to_owned()));
        } else if let Some(value) = word.strip_prefix("--package=") {
            out.push(value.to_owned());
        } else if let Some(value) = word.strip_prefix("-p").filter(|v| !v.is_empty()) {
            out.push(value.to_owned());
        }
    }
    out
}

/// The workspace's packages and their binaries (`cargo metadata --no-deps`).
fn workspace_packages() -> Result<Vec<Package>, String> {
    let out = cargo()
        .args(["metadata", "--format-version", "1", "--no-deps", "--quiet"])
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cargo metadata: could not start it: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata: {}",
            cargo_error(&String::from_utf8_lossy(&out.stderr))
        ));
    }
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("cargo metadata: not JSON: {e}"))?;
    let root_manifest = root().join("Cargo.toml");
    let packages = metadata["packages"]
        .as_array()
        .ok_or("cargo metadata: no packages")?;
    Ok(packages
        .iter()
        .map(|package| Package {
            name: package["name"].as_str().unwrap_or_default().to_owned(),
            bins: package["targets"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .filter(|t| {
                    t["kind"]
                        .as_array()
                        .is_some_and(|kinds| kinds.iter().any(|k| k == "bin"))
                })
                .filter_map(|t| t["name"].as_str().map(str::to_owned))
                .collect(),
            root: package["manifest_path"]
                .as_str()
                .is_some_and(|m| std::path::Path::new(m) == root_manifest),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(named: &[Named]) -> Vec<(usize, &str, bool)> {
        named
            .iter()
            .map(|n| (n.line, n.text.as_str(), n.listed()))
            .collect()
    }

    #[test]
    fn spans_and_shell_lines_are_found() {
        let md = "Run `cargo xtask test` or `cargo\ntest -p x`.\n\n\
                  | `cargo xtask size [--check]` | `cargo doc` too |\n\n\
                  ```sh\ncargo xtask demo   # the demo\n# cargo not-this\n\
                  FOO=1 cargo run -p sim -- --port N \\\n    [--verbose]\nnpm ci\n```\n\n\
                  ```rust\n// `cargo nope`\n```\n`cargo` alone, ``cargo fmt --check``\n";
        assert_eq!(
            texts(&extract("README.md", md)),
            [
                (1, "cargo xtask test", false),
                (1, "cargo test -p x", false),
                (4, "cargo xtask size [--check]", true),
                (4, "cargo doc", false),
                (7, "cargo xtask demo", true),
                (9, "cargo run -p sim -- --port N [--verbose]", true),
                (17, "cargo fmt --check", false),
            ]
        );
    }

    #[test]
    fn a_shell_line_naming_cargo_otherwise_is_kept_to_fail() {
        let md = "```bash\ncd x && cargo test\n```\n";
        let named = extract("README.md", md);
        assert_eq!(texts(&named), [(2, "cd x && cargo test", true)]);
        assert!(Resolver::default().resolve(&named[0].text).is_err());
    }

    #[test]
    fn third_party_commands_count_as_installed_by_the_docs_only() {
        let md = "```sh\ncargo install --locked cargo-leptos   # once\ncargo leptos watch\n```\n";
        let named = extract("examples/x/README.md", md);
        let mut resolver = Resolver {
            installable: installed_by_docs(&named),
            ..Resolver::default()
        };
        assert!(resolver.installable.contains("cargo-leptos"));
        if resolver.resolve("cargo leptos watch").is_ok() {
            // Passed as installed by the docs, unless cargo-leptos is installed.
            assert!(
                resolver.uninstalled.contains_key("cargo-leptos")
                    || resolver.options.get("leptos").is_some_and(Result::is_ok)
            );
        }
        let mut strict = Resolver::default();
        assert!(strict.resolve("cargo nonesuch-tool run").is_err());
    }

    #[test]
    fn xtask_commands_are_checked_against_the_table() {
        assert!(xtask(&["fuzz", "[--inputs", "N]", "[--seed", "S]"]).is_ok());
        assert!(xtask(&["e2e", "[FILTER]"]).is_ok());
        assert!(xtask(&["bench", "[--loads", "N", "|", "--smoke]"]).is_ok());
        let bogus = xtask(&["fuzz", "--bogus"]).unwrap_err();
        assert!(bogus.contains("unknown option --bogus"), "{bogus}");
        assert!(xtask(&["nonesuch"])
            .unwrap_err()
            .contains("no xtask command"));
        assert!(xtask(&["fuzz", "--inputs"]).is_err());
        assert!(xtask(&["test", "extra"]).is_err());
    }

    #[test]
    fn help_option_lists_skip_clippys_lint_flags() {
        let help = "Common options:\n    --no-deps     Run\n    -h, --help    Print\n\
                    \n    -D / --deny [LINT]       Set lint denied\n  -p, --package [<SPEC>]  Package\n\
                    Usage: cargo clippy [OPTIONS]\n";
        let known = option_list(help);
        let expected: BTreeSet<String> = ["--no-deps", "-h", "--help", "-p", "--package"]
            .map(String::from)
            .into();
        assert_eq!(known, expected);
        assert_eq!(option_name("--features=csr").as_deref(), Some("--features"));
        assert_eq!(option_name("-D").as_deref(), Some("-D"));
        assert_eq!(option_name("--"), None);
    }

    #[test]
    fn undocumented_entries_and_options_are_problems() {
        let named: Vec<Named> = COMMANDS
            .iter()
            .filter(|c| c.name != "msrv")
            .map(|c| Named {
                file: "README.md".into(),
                line: 1,
                text: format!("cargo xtask {}", c.synopsis()),
                place: if c.name == "size" {
                    Place::Prose
                } else {
                    Place::TableRow
                },
            })
            .collect();
        let problems = undocumented(&named);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("cargo xtask size"));
        assert!(problems[1].contains("cargo xtask msrv"));
    }
}
