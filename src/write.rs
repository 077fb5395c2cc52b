//! Writing files. Nothing is ever half-written: bytes go to a temporary file in the target's
//! directory, then a rename puts it in place. Around that:
//!
//! - Only a regular file is replaced. A symbolic link to a regular file is written through
//!   (the file it points to is replaced, the link kept); a link to nothing, a directory, a
//!   FIFO, a device or a socket is refused (so `-o /dev/null` never replaces the device).
//! - A file the run read its graph from is not overwritten unless `--force` (`Protect`).
//! - Several files that belong together (the CSV pair) are written beside their targets
//!   first and renamed together under a lock on their directory, which readers of the pair
//!   take too: nobody sees nodes.csv of one run with edges.csv of another.
//! - A temporary file is removed when the run is interrupted (`remove_temporaries_on_signals`).
//! - Names made from ids are safe file names (`file_stem`): nothing lands outside the
//!   directory meant.

use std::fs::{self, File, Metadata};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::{Code, Diagnostic, Error};
use crate::read::files::describe;

/// What a run must not overwrite: the files it read (by device and inode, so another path
/// to the same file, a link or a hard link, is caught too), unless forced.
#[derive(Debug, Clone, Default)]
pub struct Protect {
    inputs: Vec<(u64, u64)>,
    pub force: bool,
}

impl Protect {
    /// Protects these files (those that exist).
    pub fn inputs<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Self {
        use std::os::unix::fs::MetadataExt;
        let mut inputs: Vec<(u64, u64)> = paths
            .into_iter()
            .filter_map(|p| fs::metadata(p).ok())
            .filter(|m| m.is_file())
            .map(|m| (m.dev(), m.ino()))
            .collect();
        inputs.sort_unstable();
        inputs.dedup();
        Protect {
            inputs,
            force: false,
        }
    }

    pub fn force(mut self, force: bool) -> Self {
        self.force = force;
        self
    }

    fn check(&self, path: &Path, meta: &Metadata) -> Result<(), Error> {
        use std::os::unix::fs::MetadataExt;
        if self.force
            || self
                .inputs
                .binary_search(&(meta.dev(), meta.ino()))
                .is_err()
        {
            return Ok(());
        }
        Err(Error::one(
            Diagnostic::error(
                Code::Write,
                format!(
                    "will not overwrite {}: this run read its graph from it",
                    path.display()
                ),
            )
            .help("write to another file, or pass --force to replace it"),
        ))
    }
}

fn refused(path: &Path, what: &str) -> Error {
    let help = if what == "a directory" {
        format!("name a file, e.g. {}", path.join("graph.json").display())
    } else {
        "genkg replaces only regular files; to write to a device or a pipe, leave out -o and \
         redirect stdout (e.g. `> /dev/null`)"
            .to_string()
    };
    Error::one(
        Diagnostic::error(
            Code::Write,
            format!("will not write {}: it is {what}", path.display()),
        )
        .help(help),
    )
}

/// Where bytes meant for `path` go: `path` itself (new, or a regular file), or the regular
/// file a symbolic link at `path` points to.
pub fn destination(path: &Path, protect: &Protect) -> Result<PathBuf, Error> {
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(Error::io("look at", path, e)),
    };
    if meta.file_type().is_symlink() {
        return match fs::metadata(path) {
            Ok(t) if t.is_file() => {
                protect.check(path, &t)?;
                fs::canonicalize(path).map_err(|e| Error::io("follow the link", path, e))
            }
            Ok(t) => Err(refused(path, describe(t.file_type()))),
            Err(_) => Err(refused(path, "a symbolic link to nothing")),
        };
    }
    if !meta.is_file() {
        return Err(refused(path, describe(meta.file_type())));
    }
    protect.check(path, &meta)?;
    Ok(path.to_path_buf())
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to `path` atomically, by the rules above.
pub fn atomic(path: &Path, bytes: &[u8], protect: &Protect) -> Result<(), Error> {
    let target = destination(path, protect)?;
    let tmp = temporary(&target, bytes)?;
    publish(tmp, &target)
}

/// Writes several files into `dir` as one unit: each is written beside its target, and
/// only when all are written are they renamed into place, under an exclusive lock on the
/// directory. A failure before the renames (a full disk, a target that may not be
/// replaced) leaves every target as it was.
pub fn atomic_set(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    protect: &Protect,
) -> Result<Vec<PathBuf>, Error> {
    fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, e))?;
    let targets = files
        .iter()
        .map(|(name, _)| destination(&dir.join(name), protect))
        .collect::<Result<Vec<PathBuf>, Error>>()?;
    let mut temps = Vec::new();
    for ((_, bytes), target) in files.iter().zip(&targets) {
        temps.push(temporary(target, bytes)?);
    }
    let _lock = lock(dir, false)?;
    for (tmp, target) in temps.into_iter().zip(&targets) {
        publish(tmp, target)?;
    }
    Ok(files.iter().map(|(name, _)| dir.join(name)).collect())
}

/// A lock on a directory (flock on the directory itself, so no lock file is left behind):
/// shared for readers of a set of files, exclusive while a set is renamed into place.
/// Released when dropped, or when the process ends however it ends.
pub fn lock(dir: &Path, shared: bool) -> Result<File, Error> {
    let handle = File::open(dir).map_err(|e| Error::io("open the directory", dir, e))?;
    let locked = if shared {
        handle.lock_shared()
    } else {
        handle.lock()
    };
    locked.map_err(|e| Error::io("lock the directory", dir, e))?;
    Ok(handle)
}

// ---------------------------------------------------------------------------------------------
// Temporary files, and their removal when the run is interrupted.

/// Temporary files being written, removed by the signal thread.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(|e| e.into_inner())
}

/// `bytes` in a new temporary file beside `target` (mode: the target's, else 0644).
fn temporary(target: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile, Error> {
    let dir = parent(target);
    fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, e))?;
    let mut tmp = {
        // Created and registered under the lock, so an interrupt cannot fall in between.
        let mut list = pending();
        let tmp = tempfile::Builder::new()
            .prefix(".genkg-")
            .tempfile_in(dir)
            .map_err(|e| Error::io("create a temporary file in", dir, e))?;
        list.push(tmp.path().to_path_buf());
        tmp
    };
    let written = tmp.write_all(bytes).and_then(|_| tmp.flush());
    if let Err(e) = written {
        forget_pending(tmp.path());
        return Err(Error::io("write", target, e));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(target)
            .map(|m| m.permissions().mode())
            .unwrap_or(0o644);
        let _ = fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode));
    }
    Ok(tmp)
}

fn forget_pending(path: &Path) {
    pending().retain(|p| p != path);
}

/// Renames a temporary file over its target.
fn publish(tmp: tempfile::NamedTempFile, target: &Path) -> Result<(), Error> {
    let path = tmp.path().to_path_buf();
    let result = tmp.persist(target);
    forget_pending(&path);
    result.map_err(|e| Error::io("write", target, e.error))?;
    Ok(())
}

/// From now on, SIGINT, SIGTERM and SIGHUP remove the temporary files being written and
/// end the program with 128 + the signal's number, as the signal itself would have. Called
/// once by the binary.
pub fn remove_temporaries_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            for path in pending().drain(..) {
                let _ = fs::remove_file(path);
            }
            std::process::exit(128 + signal);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// File names made from ids.

/// A file name (without extension) for an id, safe in any directory: an id of lowercase
/// ASCII letters, digits, `-`, `_` and `.` (not starting with `.` or `-`, at most 100
/// bytes) is its own name; any other id becomes its safe characters, then `~` and a hash of
/// the whole id (`../x` → `___x~5d9f3a1c0b7e2d44`). `~` never occurs in a name kept as it
/// is, so the two kinds cannot collide, and two ids collide only if their 64-bit hashes do
/// (which `unique_stems` resolves). Upper case counts as unsafe: `GPT` and `gpt` would be one
/// file on a case-insensitive file system.
pub fn file_stem(id: &str) -> String {
    let safe = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
    let kept =
        !id.is_empty() && id.len() <= 100 && id.chars().all(safe) && !id.starts_with(['.', '-']);
    if kept {
        return id.to_string();
    }
    let mut stem: String = id
        .chars()
        .map(|c| if safe(c) { c } else { '_' })
        .take(60)
        .collect();
    if stem.starts_with(['.', '-']) {
        stem.replace_range(..1, "_");
    }
    format!("{stem}~{:016x}", fnv1a(id.as_bytes()))
}

/// FNV-1a, 64 bits: stable across platforms and versions (std's hashers are not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Stems for ids that will share a directory, in the ids' sorted order: `file_stem`, with
/// `-2`, `-3` after any name an earlier id already has.
pub fn unique_stems<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    ids.into_iter()
        .map(|id| {
            let stem = file_stem(id);
            let mut name = stem.clone();
            let mut k = 1;
            while !taken.insert(name.clone()) {
                k += 1;
                name = format!("{stem}-{k}");
            }
            name
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_safe_names() {
        assert_eq!(file_stem("stable-diffusion"), "stable-diffusion");
        for id in [
            "../x",
            "/etc/passwd",
            "a/b",
            "",
            ".",
            "..",
            "GPT-4",
            "模型",
            "-x",
            "a\0b",
        ] {
            let s = file_stem(id);
            assert!(!s.contains('/') && !s.contains('\0'), "{id:?} → {s}");
            assert!(!s.starts_with('.') && !s.starts_with('-'), "{id:?} → {s}");
            assert!(s.contains('~'), "{id:?} → {s}");
        }
        assert_ne!(file_stem("a/b"), file_stem("a_b"));
        assert_ne!(file_stem("GPT"), file_stem("gpt"));
        assert_eq!(unique_stems(["x", "x"]), ["x", "x-2"]);
    }
}
