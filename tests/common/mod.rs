//! Shared helpers for the CLI tests, so that each test reads like a specification:
//!
//! ```ignore
//! genkg(&["show", "dall-e-2"]).run().ok().stdout_has("DALL·E 2");
//! let kb = Kb::base().file("model/x.toml", "summry = 1\n").build();
//! kb.check().fails().code("unknown-key").at("kb/model/x.toml:1:1");
//! ```
//!
//! Every command runs with `NO_COLOR=1`, `GENKG_CACHE=off` and without `GENKG_GRAPH`, from the repository root
//! unless told otherwise, so that outputs (and the paths in them) are stable.

#![allow(dead_code)]

pub mod random_graph;

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where `graph/` and `tests/fixtures/` live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shipped knowledge base.
pub fn shipped_graph() -> PathBuf {
    root().join("graph")
}

/// Starts a `genkg` invocation with these arguments.
pub fn genkg(args: &[&str]) -> Genkg {
    Genkg {
        args: args.iter().map(OsString::from).collect(),
        graph: None,
        cwd: root(),
        stdin: None,
        env: Vec::new(),
    }
}

/// A `genkg` invocation being put together.
pub struct Genkg {
    args: Vec<OsString>,
    graph: Option<OsString>,
    cwd: PathBuf,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
}

impl Genkg {
    /// `--graph PATH` (relative paths are relative to the working directory).
    pub fn graph(mut self, path: impl AsRef<Path>) -> Self {
        self.graph = Some(path.as_ref().as_os_str().to_owned());
        self
    }

    /// Runs from this directory instead of the repository root.
    pub fn current_dir(mut self, dir: impl AsRef<Path>) -> Self {
        self.cwd = dir.as_ref().to_path_buf();
        self
    }

    pub fn stdin(mut self, text: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(text.into());
        self
    }

    /// One more argument (after those given to `genkg`).
    pub fn arg(mut self, arg: &str) -> Self {
        self.args.push(arg.into());
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The command as assert_cmd would run it (for tests that need more control).
    pub fn command(&self) -> Command {
        let mut cmd = Command::cargo_bin("genkg").expect("the genkg binary is built");
        cmd.current_dir(&self.cwd)
            .env("NO_COLOR", "1")
            .env_remove("GENKG_GRAPH")
            .env_remove("RUST_BACKTRACE")
            // Tests never write to the user's snapshot cache; those about it set their own.
            .env("GENKG_CACHE", "off")
            .env("COLUMNS", "100");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        if let Some(g) = &self.graph {
            cmd.arg("--graph").arg(g);
        }
        cmd.args(&self.args);
        cmd
    }

    pub fn run(self) -> Run {
        let mut cmd = self.command();
        if let Some(input) = &self.stdin {
            cmd.write_stdin(input.clone());
        }
        let out = cmd.output().expect("genkg runs");
        Run {
            args: self
                .args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" "),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code(),
        }
    }
}

/// What a finished `genkg` run printed and returned. The assertion methods return `&Self`
/// so that they chain; each failure message shows the whole run.
#[derive(Debug, Clone)]
pub struct Run {
    pub args: String,
    pub stdout: String,
    pub stderr: String,
    /// `None` if the process was killed by a signal.
    pub code: Option<i32>,
}

impl Run {
    fn show(&self) -> String {
        format!(
            "genkg {}\n--- exit code: {:?}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.args, self.code, self.stdout, self.stderr
        )
    }

    /// Exits with this code, and never panics.
    pub fn exit(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\n{}",
            self.show()
        );
        self.no_panic()
    }

    /// Exit code 0.
    pub fn ok(&self) -> &Self {
        self.exit(0)
    }

    /// Exit code 1: the data or the query failed.
    pub fn fails(&self) -> &Self {
        self.exit(1)
    }

    /// Exit code 2: a usage error.
    pub fn usage_error(&self) -> &Self {
        self.exit(2)
    }

    pub fn no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "genkg panicked\n{}",
            self.show()
        );
        self
    }

    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.show()
        );
        self
    }

    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{}",
            self.show()
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.show()
        );
        self
    }

    /// stderr as one text, with the lines miette wraps joined again, so a long message can
    /// be found whole whatever the terminal width.
    pub fn stderr_text(&self) -> String {
        let mut out = String::new();
        for line in self.stderr.lines() {
            let t = line.trim_start();
            if let Some(rest) = t.strip_prefix("│ ") {
                out.push(' ');
                out.push_str(rest.trim_end());
            } else {
                out.push('\n');
                out.push_str(line.trim_end());
            }
        }
        out.replace("- \n", "-").replace("  ", " ")
    }

    /// The unwrapped stderr contains this.
    pub fn says(&self, needle: &str) -> &Self {
        let text = self.stderr_text();
        assert!(
            text.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.show()
        );
        self
    }

    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n{}",
            self.show()
        );
        self
    }

    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout differs\n{}", self.show());
        self
    }

    pub fn stdout_empty(&self) -> &Self {
        assert!(
            self.stdout.is_empty(),
            "stdout is not empty\n{}",
            self.show()
        );
        self
    }

    /// The diagnostic code miette prints on a line of its own, e.g. `unknown-key`.
    pub fn code(&self, code: &str) -> &Self {
        assert!(
            self.codes().iter().any(|c| c == code),
            "no diagnostic with code `{code}` (codes: {:?})\n{}",
            self.codes(),
            self.show()
        );
        self
    }

    /// No diagnostic has this code.
    pub fn no_code(&self, code: &str) -> &Self {
        assert!(
            !self.codes().iter().any(|c| c == code),
            "a diagnostic with code `{code}` was reported\n{}",
            self.show()
        );
        self
    }

    /// The codes of every diagnostic on stderr, in order. miette prints each code alone on
    /// its line, followed by an empty line and the message.
    pub fn codes(&self) -> Vec<String> {
        let lines: Vec<&str> = self.stderr.lines().collect();
        let mut out = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let is_code = !line.is_empty()
                && line
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && lines.get(i + 1).is_some_and(|l| l.trim().is_empty())
                && lines
                    .get(i + 2)
                    .is_some_and(|l| l.trim_start().starts_with(['×', '⚠', '☞']));
            if is_code {
                out.push(line.to_string());
            }
        }
        out
    }

    /// A location `path:line:col`, as miette shows it in a snippet header `[path:line:col]`.
    pub fn at(&self, location: &str) -> &Self {
        let bracketed = format!("[{location}]");
        assert!(
            self.stderr.contains(&bracketed),
            "stderr has no location {bracketed}\n{}",
            self.show()
        );
        self
    }

    /// The `help:` line suggests this (e.g. "did you mean `summary`?").
    pub fn help_has(&self, needle: &str) -> &Self {
        let helps: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.trim_start().starts_with("help:"))
            .collect();
        assert!(
            helps.iter().any(|h| h.contains(needle)),
            "no help line contains {needle:?} (help lines: {helps:?})\n{}",
            self.show()
        );
        self
    }

    /// The count of `×` (error) and `⚠` (warning) diagnostics on stderr.
    pub fn counts(&self) -> (usize, usize) {
        let errors = self
            .stderr
            .lines()
            .filter(|l| l.trim_start().starts_with('×'))
            .count();
        let warnings = self
            .stderr
            .lines()
            .filter(|l| l.trim_start().starts_with('⚠'))
            .count();
        (errors, warnings)
    }
}

// ---------------------------------------------------------------------------------------------
// Fixture knowledge bases built in a temporary directory.

/// A minimal valid schema: three kinds, two lineage relations and one plain one.
pub const SCHEMA: &str = r#"[kinds.model]
description = "A model"
expects = ["year", "developed_by"]

[kinds.technique]
description = "A technique"

[kinds.organization]
description = "An organization"

[relations.developed_by]
from = ["model", "technique"]
to = ["organization"]
phrase = "is developed by"
inverse = "develops"

[relations.uses]
from = ["model", "technique"]
to = ["technique"]
phrase = "uses"
inverse = "is used by"
lineage = true

[relations.based_on]
from = ["model", "technique"]
to = ["model", "technique"]
phrase = "is based on"
inverse = "is the basis of"
lineage = true
"#;

pub const SOURCES: &str = r#"[paper]
title = "A paper"
year = 2022
url = "https://example.org/paper"

[survey]
title = "A survey"
arxiv = "2301.04655"
"#;

/// The entities of the base knowledge base: a small, clean lineage.
pub const ENTITIES: [(&str, &str); 4] = [
    (
        "model/dall-e-2.toml",
        r#"name = "DALL·E 2"
aliases = ["unCLIP"]
year = 2022
source = "paper"
developed_by = ["openai"]
uses = ["transformer"]
based_on = ["glide"]
"#,
    ),
    (
        "model/glide.toml",
        r#"name = "GLIDE"
year = 2021
source = "paper"
developed_by = ["openai"]
uses = ["transformer"]
"#,
    ),
    (
        "technique/transformer.toml",
        r#"name = "Transformer"
year = 2017
source = "paper"
"#,
    ),
    (
        "organization/openai.toml",
        r#"name = "OpenAI"
source = "paper"
"#,
    ),
];

/// Describes a knowledge base to write into a temporary directory as `<tmp>/kb/`.
#[derive(Debug, Clone, Default)]
pub struct KbBuilder {
    files: Vec<(String, Option<String>)>,
    dirs: Vec<String>,
}

/// A knowledge base written to `<tmp>/kb`. Commands run from `<tmp>` with `--graph kb`, so
/// every path in their output reads `kb/...`, the same on every run.
pub struct Kb {
    pub tmp: tempfile::TempDir,
}

impl Kb {
    /// The minimal valid knowledge base: SCHEMA, SOURCES and ENTITIES.
    pub fn base() -> KbBuilder {
        let mut b = Kb::bare();
        for (path, text) in ENTITIES {
            b = b.file(path, text);
        }
        b
    }

    /// Schema and sources, no entities.
    pub fn bare() -> KbBuilder {
        KbBuilder::default()
            .file("schema.toml", SCHEMA)
            .file("sources.toml", SOURCES)
    }

    /// Nothing at all: write every file yourself.
    pub fn empty() -> KbBuilder {
        KbBuilder::default()
    }

    /// The knowledge base directory.
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("kb")
    }

    /// `genkg --graph kb ARGS`, run from the temporary directory.
    pub fn genkg(&self, args: &[&str]) -> Genkg {
        genkg(args).current_dir(self.tmp.path()).graph("kb")
    }

    /// `genkg --graph kb check`.
    pub fn check(&self) -> Run {
        self.genkg(&["check"]).run()
    }

    /// `genkg --graph kb check --strict`.
    pub fn check_strict(&self) -> Run {
        self.genkg(&["check", "--strict"]).run()
    }
}

impl KbBuilder {
    /// Adds a file (or replaces one given before), at a path relative to the kb directory.
    pub fn file(mut self, path: &str, text: &str) -> Self {
        self.files.retain(|(p, _)| p != path);
        self.files.push((path.to_string(), Some(text.to_string())));
        self
    }

    /// Leaves out a file given before.
    pub fn without(mut self, path: &str) -> Self {
        self.files.retain(|(p, _)| p != path);
        self
    }

    /// Appends lines to a file given before.
    pub fn append(mut self, path: &str, more: &str) -> Self {
        let slot = self
            .files
            .iter_mut()
            .find(|(p, _)| p == path)
            .unwrap_or_else(|| panic!("no fixture file {path} to append to"));
        let text = slot.1.get_or_insert_with(String::new);
        text.push_str(more);
        self
    }

    /// An (empty) directory, relative to the kb directory.
    pub fn dir(mut self, path: &str) -> Self {
        self.dirs.push(path.to_string());
        self
    }

    pub fn build(self) -> Kb {
        let tmp = tempdir();
        let kb = tmp.path().join("kb");
        std::fs::create_dir_all(&kb).expect("create kb/");
        for d in &self.dirs {
            std::fs::create_dir_all(kb.join(d)).expect("create a fixture directory");
        }
        for (path, text) in &self.files {
            let Some(text) = text else { continue };
            let p = kb.join(path);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).expect("create a fixture directory");
            }
            std::fs::write(&p, text).expect("write a fixture file");
        }
        Kb { tmp }
    }
}

/// A temporary directory for one test (removed when dropped).
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("genkg-test-")
        .tempdir()
        .expect("a temporary directory")
}

/// A path as the `&str` an argument list wants.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// What `genkg ARGS` printed on stdout, after checking it succeeded.
pub fn stdout_of(args: &[&str]) -> String {
    let run = genkg(args).run();
    run.ok();
    run.stdout
}

/// Copies a fixture directory (without its README.md files) to `to`.
pub fn copy_fixture(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a directory");
    for entry in std::fs::read_dir(from).expect("read the fixture") {
        let p = entry.expect("an entry").path();
        let name = p.file_name().expect("a name");
        if p.is_dir() {
            copy_fixture(&p, &to.join(name));
        } else if name != "README.md" {
            std::fs::copy(&p, to.join(name)).expect("copy a fixture file");
        }
    }
}

/// The survey's models (every model of `genkg taxonomy --format json`), sorted.
pub fn survey_models() -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(&["taxonomy", "--format", "json"])).expect("JSON");
    let ids: std::collections::BTreeSet<String> = v
        .as_array()
        .expect("a list of categories")
        .iter()
        .flat_map(|c| c["models"].as_array().expect("models").iter())
        .map(|m| m["id"].as_str().expect("an id").to_string())
        .collect();
    assert_eq!(ids.len(), 23, "the survey has 23 models: {ids:?}");
    ids.into_iter().collect()
}
