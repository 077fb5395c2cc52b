//! Reading input files, and only regular files: a FIFO, a device or a socket is refused
//! with its own message (never waited on or read forever), and no input is read past
//! `limits::MAX_INPUT` bytes. Directory listings come in a stable order.

use std::fs::{self, File, FileType};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Error, SourceFile};
use crate::limits::{Limit, MAX_INPUT};

/// What is at a path, without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Missing,
    File,
    Dir,
    /// A symbolic link to nothing.
    Dangling,
    /// Anything else: a FIFO, a device, a socket (in words).
    Other(&'static str),
}

/// What is at `path` (following symbolic links).
pub fn found(path: &Path) -> Found {
    match fs::metadata(path) {
        Ok(m) if m.is_file() => Found::File,
        Ok(m) if m.is_dir() => Found::Dir,
        Ok(m) => Found::Other(describe(m.file_type())),
        Err(_) if fs::symlink_metadata(path).is_ok() => Found::Dangling,
        Err(_) => Found::Missing,
    }
}

/// "a FIFO (named pipe)", "a character device", ...
pub fn describe(t: FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// A file's name as said in a message that also gives its path as the location.
fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The error for an input that is there but is not a regular file.
pub fn not_a_file(path: &Path, what: &str) -> Error {
    Error::one(
        Diagnostic::error(
            Code::NotAFile,
            format!("{} is {what}, not a regular file", name(path)),
        )
        .in_path(path)
        .help("genkg reads regular files (and directories of them); copy the data into a file"),
    )
}

/// The error for an input `found` says is not a regular file; `None` for a regular file,
/// and for a missing one (whose message depends on what it is for).
pub fn refuse(path: &Path, found: Found) -> Option<Error> {
    match found {
        Found::File | Found::Missing => None,
        Found::Dir => Some(not_a_file(path, "a directory")),
        Found::Dangling => Some(not_a_file(path, "a symbolic link to nothing")),
        Found::Other(what) => Some(not_a_file(path, what)),
    }
}

fn too_large(path: &Path, limit: &Limit, max: u64) -> Error {
    Error::one(
        Diagnostic::error(
            Code::TooLarge,
            format!(
                "{} is larger than the limit of {}",
                name(path),
                limit.show(max)
            ),
        )
        .in_path(path)
        .help(limit.raise_hint()),
    )
}

/// Opens an input for reading: only a regular file (checked on the open file, so nothing
/// can be swapped in between), opened without blocking (a FIFO is refused, not waited on)
/// and no larger than the input limit.
pub fn open(path: &Path) -> Result<File, Error> {
    use std::os::unix::fs::OpenOptionsExt;
    let max = MAX_INPUT.get()?;
    if let Some(e) = refuse(path, found(path)) {
        return Err(e);
    }
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| Error::io("open", path, e))?;
    let meta = file.metadata().map_err(|e| Error::io("read", path, e))?;
    if !meta.is_file() {
        return Err(not_a_file(path, describe(meta.file_type())));
    }
    if meta.len() > max {
        return Err(too_large(path, &MAX_INPUT, max));
    }
    Ok(file)
}

/// A reader that fails (with `ErrorKind::FileTooLarge`) past `max` bytes: a file that grows
/// while it is read is still read no further.
pub struct Limited<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Limited<R> {
    pub fn new(inner: R, max: u64) -> Self {
        Limited { inner, left: max }
    }

    pub fn get_ref(&self) -> &R {
        &self.inner
    }
}

impl<R: Read> Read for Limited<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // One byte more than allowed tells "exactly at the limit" from "past it".
        let want = (buf.len() as u64).min(self.left.saturating_add(1)) as usize;
        let n = self.inner.read(&mut buf[..want])?;
        if n as u64 > self.left {
            return Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "the input passed its size limit",
            ));
        }
        self.left -= n as u64;
        Ok(n)
    }
}

/// An opened input as a limited reader.
pub fn open_limited(path: &Path) -> Result<Limited<File>, Error> {
    let file = open(path)?;
    Ok(Limited::new(file, MAX_INPUT.get()?))
}

/// The error for an I/O error met while reading `path` (past the limit, or any other).
pub fn read_error(path: &Path, e: io::Error) -> Error {
    if e.kind() == io::ErrorKind::FileTooLarge {
        too_large(
            path,
            &MAX_INPUT,
            MAX_INPUT.get().unwrap_or(MAX_INPUT.default),
        )
    } else {
        Error::io("read", path, e)
    }
}

/// Everything from a reader, up to the input limit (`path` names it in messages).
pub fn read_all(reader: impl Read, path: &Path) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    Limited::new(reader, MAX_INPUT.get()?)
        .read_to_end(&mut bytes)
        .map_err(|e| read_error(path, e))?;
    Ok(bytes)
}

/// A whole input file's bytes.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Error> {
    read_all(open(path)?, path)
}

/// Bytes as text; the error says where the first byte that is not UTF-8 is.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        Error::one(
            Diagnostic::error(
                Code::NotUtf8,
                format!(
                    "{}:{line}:{column}: not UTF-8 text (byte {at} of the file)",
                    path.display()
                ),
            )
            .help("save the file as UTF-8"),
        )
    })
}

/// A text file read whole, kept for snippets in messages.
pub fn read_text(path: &Path) -> Result<SourceFile, Error> {
    let text = utf8(path, read_bytes(path)?)?;
    Ok(SourceFile::new(path, text))
}

/// The entries of a directory, sorted, without hidden ones.
pub fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io("read the directory", dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    paths.sort();
    Ok(paths)
}

/// Whether the file's first byte that is not white space (after a UTF-8 byte-order mark)
/// is `byte`. Only regular files are looked into.
pub fn starts_with(path: &Path, byte: u8) -> bool {
    let mut head = [0u8; 64];
    let Ok(n) = open(path).and_then(|mut f| f.read(&mut head).map_err(|e| read_error(path, e)))
    else {
        return false;
    };
    let head = head[..n]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head[..n]);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limited_reads_up_to_the_limit_and_no_further() {
        let mut out = Vec::new();
        assert!(Limited::new(&b"12345"[..], 5).read_to_end(&mut out).is_ok());
        assert_eq!(out, b"12345");
        let e = Limited::new(&b"123456"[..], 5)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn utf8_errors_name_line_and_column() {
        let e = utf8(Path::new("x"), b"ab\nc\xffd".to_vec()).unwrap_err();
        assert!(
            e.diagnostics[0].message.starts_with("x:2:2: not UTF-8"),
            "{e}"
        );
    }
}
