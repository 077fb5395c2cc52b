//! Writing files so that nothing is ever half-written: a temp file in the target directory,
//! then a rename over the target.

use std::io::Write;
use std::path::Path;

use crate::diag::Error;

pub fn atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create the directory", dir, e))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".genkg-")
        .tempfile_in(dir)
        .map_err(|e| Error::io("create a temporary file in", dir, e))?;
    tmp.write_all(bytes)
        .map_err(|e| Error::io("write", path, e))?;
    tmp.persist(path)
        .map_err(|e| Error::io("write", path, e.error))?;
    Ok(())
}
