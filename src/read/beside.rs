//! `schema.toml` and `sources.toml` beside a JSON or CSV graph. With a schema, kinds and
//! relations are checked against it; without one, they are taken as found.

use std::path::Path;

use crate::build::{Builder, Origin, OriginFile};
use crate::diag::Error;
use crate::read::{files, kb, schema_toml};

pub fn read(dir: &Path, b: &mut Builder) -> Result<(), Error> {
    let schema_path = dir.join("schema.toml");
    if schema_path.exists() {
        let file = files::read_text(&schema_path)?;
        let schema = schema_toml::parse(&file, b.report());
        let id = b.add_file(OriginFile::Text(file));
        b.use_schema(schema, Origin::file(id));
    }
    let sources_path = dir.join("sources.toml");
    if sources_path.exists() {
        kb::read_sources(&sources_path, b)?;
    }
    Ok(())
}
