//! Reading input files: whole text files, and directory listings in a stable order.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diag::{Error, SourceFile};

/// A text file read whole, kept for snippets in messages.
pub fn read_text(path: &Path) -> Result<SourceFile, Error> {
    let text = fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
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
/// is `byte`.
pub fn starts_with(path: &Path, byte: u8) -> bool {
    use std::io::Read;
    let mut head = [0u8; 64];
    let Ok(n) = fs::File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = head[..n]
        .strip_prefix(b"\xef\xbb\xbf")
        .unwrap_or(&head[..n]);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&byte)
}
