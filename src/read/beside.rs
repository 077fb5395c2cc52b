//! `schema.toml` and `sources.toml` beside a JSON or CSV graph. With a schema, kinds and
//! relations are checked against it; without one, they are taken as found.

use std::path::Path;

use crate::build::Builder;
use crate::diag::Error;
use crate::read::files::{self, Found};
use crate::read::{kb, schema_toml};

pub fn read(dir: &Path, b: &mut Builder) -> Result<(), Error> {
    let schema_path = dir.join("schema.toml");
    if present(&schema_path)? {
        schema_toml::read(&schema_path, b)?;
    }
    let sources_path = dir.join("sources.toml");
    if present(&sources_path)? {
        kb::read_sources(&sources_path, b)?;
    }
    Ok(())
}

/// Whether an optional file is there to read: a regular file yes, nothing no; anything
/// else (a directory, a FIFO, a link to nothing) is an error of its own rather than being
/// taken for a missing file.
pub fn present(path: &Path) -> Result<bool, Error> {
    match files::found(path) {
        Found::Missing => Ok(false),
        Found::File => Ok(true),
        found => Err(files::refuse(path, found).expect("not a regular file")),
    }
}
