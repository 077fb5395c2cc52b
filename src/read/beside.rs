//! `schema.toml` and `sources.toml` beside a JSON or CSV graph. With a schema, kinds and
//! relations are checked against it; without one, they are taken as found.

use std::path::Path;

use crate::build::Builder;
use crate::diag::Error;
use crate::read::{kb, schema_toml};

pub fn read(dir: &Path, b: &mut Builder) -> Result<(), Error> {
    let schema_path = dir.join("schema.toml");
    if schema_path.exists() {
        schema_toml::read(&schema_path, b)?;
    }
    let sources_path = dir.join("sources.toml");
    if sources_path.exists() {
        kb::read_sources(&sources_path, b)?;
    }
    Ok(())
}
