//! A graph as it was at a git revision: `REV:PATH` (`HEAD~3:graph`, `main:landscape.toml`),
//! PATH from the top of the repository as in `git show REV:PATH`, or from the current
//! directory when it starts with `./` or `../`.
//!
//! The files the graph needs are copied out of the repository's objects (`git ls-tree`,
//! `git cat-file --batch`) into a temporary directory, so the work tree and the index are
//! never touched, and read from there like any path: a directory whole; a file with the
//! files beside it (the schema and sources beside a JSON graph); a manifest with the layers
//! it lists. Messages about the copy name `REV:PATH/...`, never the temporary directory.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use crate::diag::{Code, Diagnostic, Error, Location, SourceFile};
use crate::graph::KnowledgeGraph;
use crate::read::manifest;

/// How deep manifests listing manifests are followed (as `read::manifest` reads them).
const MAX_NESTING: u8 = 8;

/// `REV:PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub rev: String,
    pub path: String,
}

impl Revision {
    /// `REV:PATH` split at its first colon (git forbids colons in branch and tag names);
    /// `None` without one, or with nothing before it.
    pub fn parse(spec: &str) -> Option<Revision> {
        let (rev, path) = spec.split_once(':')?;
        (!rev.is_empty()).then(|| Revision {
            rev: rev.to_string(),
            path: path.to_string(),
        })
    }

    fn spec(&self) -> String {
        format!("{}:{}", self.rev, self.path)
    }
}

/// Reads and validates the graph `spec` names, as any query does: a path, or `REV:PATH`
/// when no such path exists.
pub fn open_valid(spec: &str) -> Result<KnowledgeGraph, Error> {
    let path = Path::new(spec);
    match Revision::parse(spec) {
        Some(r) if !path.exists() => {
            let copy = Checkout::new(&r)?;
            crate::read::open_valid(&copy.path).map_err(|e| copy.relocate(e))
        }
        _ => crate::read::open_valid(path),
    }
}

/// The files of a graph at a revision, copied into a temporary directory that goes when
/// this does.
pub struct Checkout {
    dir: tempfile::TempDir,
    /// The graph's path in the copy.
    pub path: PathBuf,
    rev: String,
}

impl Checkout {
    pub fn new(r: &Revision) -> Result<Checkout, Error> {
        let (tree, path) = locate(r)?;
        let dir = tempfile::Builder::new()
            .prefix("genkg-revision-")
            .tempdir()
            .map_err(|e| Error::io("create a temporary directory for", Path::new(&r.spec()), e))?;
        let mut copier = Copier {
            tree,
            dir: dir.path(),
            copied: BTreeSet::new(),
        };
        if !copier.copy(&path, 0)? {
            return Err(failure(
                r,
                format!("`{}` is not in {}", r.path, r.rev),
                &format!("`git show {}:{}` lists what is there", r.rev, parent(&path)),
            ));
        }
        Ok(Checkout {
            path: dir.path().join(&path),
            dir,
            rev: r.rev.clone(),
        })
    }

    /// Findings about the copy, as about the revision: `REV:graph/model/x.toml:3:1`.
    pub fn relocate(&self, mut e: Error) -> Error {
        for d in &mut e.diagnostics {
            d.message = self.words(&d.message);
            d.label = d.label.as_deref().map(|s| self.words(s));
            d.help = d.help.as_deref().map(|s| self.words(s));
            d.location = d.location.take().map(|l| self.place(l));
        }
        e
    }

    fn path(&self, p: &Path) -> PathBuf {
        match p.strip_prefix(self.dir.path()) {
            Ok(rel) => PathBuf::from(format!("{}:{}", self.rev, rel.display())),
            Err(_) => p.to_path_buf(),
        }
    }

    fn words(&self, s: &str) -> String {
        let dir = self.dir.path().display().to_string();
        s.replace(&format!("{dir}/"), &format!("{}:", self.rev))
            .replace(&dir, &format!("{}:", self.rev))
    }

    fn place(&self, l: Location) -> Location {
        match l {
            Location::Span { file, span } => Location::Span {
                file: SourceFile::new(&self.path(&file.path), file.text().to_string()),
                span,
            },
            Location::File(p) => Location::File(self.path(&p)),
            Location::Row { path, line, column } => Location::Row {
                path: Arc::from(self.path(&path)),
                line,
                column,
            },
        }
    }
}

fn failure(r: &Revision, why: String, help: &str) -> Error {
    let message = format!("cannot read `{}` from git: {why}", r.spec());
    Error::one(Diagnostic::error(Code::Git, message).help(help))
}

/// The revision's tree, and the path from the top of the repository.
fn locate(r: &Revision) -> Result<(String, String), Error> {
    let prefix = git(&["rev-parse", "--show-prefix"]).map_err(|e| {
        let help = "name a graph that exists, or a revision as REV:PATH inside a git repository";
        failure(r, e, help)
    })?;
    let spec = format!("{}^{{tree}}", r.rev);
    let tree = git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &spec,
    ])
    .map_err(|_| {
        let why = format!("no revision `{}` in this repository", r.rev);
        failure(r, why, "`git log --oneline` lists them")
    })?;
    let path = repo_path(prefix.trim().trim_end_matches('/'), &r.path).ok_or_else(|| {
        let why = format!("`{}` is outside the repository", r.path);
        failure(r, why, "name a path inside it")
    })?;
    Ok((tree.trim().to_string(), path))
}

/// Runs git in the current directory: its output, or what went wrong in words.
fn git(args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "git is not installed".to_string(),
            _ => format!("cannot run git: {e}"),
        })?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).into_owned());
    }
    let err = String::from_utf8_lossy(&out.stderr);
    Err(err.trim().trim_start_matches("fatal: ").to_string())
}

/// `path` from the top of the repository, `.` and `..` resolved (`""` is the top); from the
/// current directory (`prefix`) when it starts with `./` or `../`. `None` if it leaves the
/// repository.
fn repo_path(prefix: &str, path: &str) -> Option<String> {
    let relative = matches!(path, "." | "..") || path.starts_with("./") || path.starts_with("../");
    let joined = if relative && !prefix.is_empty() {
        format!("{prefix}/{path}")
    } else {
        path.to_string()
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The directory a repository path is in (`""` at the top).
fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Copies paths of one tree into a directory.
struct Copier<'a> {
    tree: String,
    dir: &'a Path,
    copied: BTreeSet<String>,
}

impl Copier<'_> {
    /// Copies `path` (and what it needs); false if the tree has no such path.
    fn copy(&mut self, path: &str, depth: u8) -> Result<bool, Error> {
        if depth > MAX_NESTING || !self.copied.insert(path.to_string()) {
            return Ok(true);
        }
        let object = format!("{}:{path}", self.tree);
        match git(&["cat-file", "-t", &object]).as_deref().map(str::trim) {
            Ok("tree") => self.copy_tree(path, true)?,
            Ok("blob") => {
                self.copy_tree(parent(path), false)?;
                let listed = manifest::listed_layers(&self.dir.join(path)).unwrap_or_default();
                for layer in listed.iter().filter(|l| !Path::new(l).is_absolute()) {
                    let at = format!("{}/{layer}", parent(path));
                    if let Some(p) = repo_path("", &at) {
                        // A layer the revision lacks is left for the reader to report.
                        self.copy(&p, depth + 1)?;
                    }
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Writes the files of the directory `path` (and, if `deep`, of its subdirectories).
    fn copy_tree(&self, path: &str, deep: bool) -> Result<(), Error> {
        let object = format!("{}:{path}", self.tree);
        // --full-tree: list the whole tree object, not only what lies under the current
        // directory (which ls-tree does by default when run in a subdirectory).
        let mut args = vec!["ls-tree", "-z", "--full-tree"];
        if deep {
            args.push("-r");
        }
        args.push(&object);
        let listing = git(&args).map_err(|e| Error::msg(Code::Git, format!("git ls-tree: {e}")))?;
        let base = self.dir.join(path);
        let blobs: Vec<(&str, PathBuf)> = listing
            .split('\0')
            .filter_map(|entry| {
                let (meta, name) = entry.split_once('\t')?;
                let mut meta = meta.split(' ');
                let (mode, kind, sha) = (meta.next()?, meta.next()?, meta.next()?);
                // Files only: not symbolic links (120000), nor submodules (commits).
                let file = kind == "blob" && mode != "120000" && safe(name);
                file.then(|| (sha, base.join(name)))
            })
            .collect();
        write_blobs(&blobs)
    }
}

/// A path inside the copy: no `..`, not absolute.
fn safe(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && name.split('/').all(|p| !matches!(p, "" | "." | ".."))
}

/// Writes each blob to its path, through one `git cat-file --batch`.
fn write_blobs(blobs: &[(&str, PathBuf)]) -> Result<(), Error> {
    if blobs.is_empty() {
        return Ok(());
    }
    let fail = |e: String| Error::msg(Code::Git, format!("git cat-file: {e}"));
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| fail(e.to_string()))?;
    let input: String = blobs.iter().map(|(sha, _)| format!("{sha}\n")).collect();
    let mut stdin = child.stdin.take().expect("piped stdin");
    // Written beside the reading, so that neither pipe fills while the other waits.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut out = BufReader::new(child.stdout.take().expect("piped stdout"));
    let read = blobs.iter().try_for_each(|(_, target)| {
        let bytes = next_blob(&mut out).map_err(fail)?;
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
        }
        std::fs::write(target, bytes).map_err(|e| Error::io("write", target, e))
    });
    drop(out);
    let _ = writer.join();
    let _ = child.wait();
    read
}

/// One object of `git cat-file --batch`: `<sha> <type> <size>\n<bytes>\n`.
fn next_blob(out: &mut impl BufRead) -> Result<Vec<u8>, String> {
    let mut header = String::new();
    out.read_line(&mut header).map_err(|e| e.to_string())?;
    let size: usize = header
        .trim_end()
        .rsplit(' ')
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("unexpected `{}`", header.trim_end()))?;
    let mut bytes = vec![0; size];
    out.read_exact(&mut bytes).map_err(|e| e.to_string())?;
    let mut newline = [0u8; 1];
    out.read_exact(&mut newline).map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revisions_split_at_the_first_colon() {
        let r = Revision::parse("HEAD~3:graph").unwrap();
        assert_eq!((r.rev.as_str(), r.path.as_str()), ("HEAD~3", "graph"));
        assert_eq!(Revision::parse("main:").unwrap().path, "");
        assert_eq!(Revision::parse("graph"), None);
        assert_eq!(Revision::parse(":graph"), None);
    }

    #[test]
    fn paths_from_the_top_or_from_here() {
        assert_eq!(repo_path("src", "graph").as_deref(), Some("graph"));
        assert_eq!(repo_path("src", "./graph").as_deref(), Some("src/graph"));
        assert_eq!(
            repo_path("src/a", "../graph/").as_deref(),
            Some("src/graph")
        );
        assert_eq!(repo_path("", "a/./b/../c").as_deref(), Some("a/c"));
        assert_eq!(repo_path("", "").as_deref(), Some(""));
        assert_eq!(repo_path("", "../x"), None);
    }

    #[test]
    fn copies_stay_inside() {
        assert!(safe("model/x.toml"));
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b"] {
            assert!(!safe(bad), "{bad}");
        }
    }
}
