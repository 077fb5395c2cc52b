//! A manifest: a TOML file that lists the layers of one graph, in order, the first
//! authoritative. Paths are relative to the manifest.
//!
//! ```toml
//! layers = ["graph", "data/epoch/all_ai_models.csv"]
//! ```

use std::path::Path;

use crate::build::{Builder, OriginFile};
use crate::diag::{Code, Diagnostic, Error};
use crate::read::toml_walk::{self, unknown_key};
use crate::read::{files, read_layer, Reader};

/// How deep manifests may list manifests (a manifest that lists itself stops here).
const MAX_NESTING: u8 = 8;

pub struct Manifest;

/// The layers a manifest lists, as written (relative to the manifest), without checking
/// them; `None` if `path` is no manifest. (`read::revision` copies a manifest's layers out
/// of git with it; the snapshot cache's fingerprint follows them.)
pub fn listed_layers(path: &Path) -> Option<Vec<String>> {
    if !Manifest.recognises(path) {
        return None;
    }
    let doc = std::fs::read_to_string(path)
        .ok()?
        .parse::<toml_edit::DocumentMut>()
        .ok()?;
    let layers = doc.get("layers")?.as_array()?;
    Some(
        layers
            .iter()
            .filter_map(|v| v.as_str().map(String::from))
            .collect(),
    )
}

impl Reader for Manifest {
    fn name(&self) -> &'static str {
        "a manifest of layers (a .toml file with layers = [...])"
    }

    fn recognises(&self, path: &Path) -> bool {
        path.is_file()
            && path.extension().is_some_and(|e| e == "toml")
            && files::read_text(path)
                .ok()
                .and_then(|f| f.text().parse::<toml_edit::DocumentMut>().ok())
                .is_some_and(|d| d.contains_key("layers"))
    }

    fn is_manifest(&self) -> bool {
        true
    }

    fn read(&self, path: &Path, b: &mut Builder) -> Result<(), Error> {
        if b.nesting >= MAX_NESTING {
            return Err(Error::one(
                Diagnostic::error(
                    Code::TooMany,
                    format!("manifests nest more than {MAX_NESTING} deep"),
                )
                .in_path(path)
                .help("does a manifest list itself?"),
            ));
        }
        let file = files::read_text(path)?;
        let Some(doc) = toml_walk::parse(&file, b.report()) else {
            return Ok(());
        };
        let mut layers = Vec::new();
        for entry in toml_walk::table_entries(doc.as_table()) {
            if entry.key == "layers" {
                layers = toml_walk::string_list(&file, &entry, b.report()).unwrap_or_default();
            } else {
                b.report().push(unknown_key(
                    &file,
                    &entry,
                    &["layers"],
                    "a manifest lists layers",
                ));
            }
        }
        if layers.is_empty() {
            b.report().push(
                Diagnostic::error(Code::EmptyGraph, "the manifest lists no layers")
                    .in_file(&file)
                    .help("write layers = [\"graph\", \"data/epoch/all_ai_models.csv\"]"),
            );
        }
        b.add_file(OriginFile::Text(file));
        let dir = path.parent().unwrap_or(Path::new("."));
        b.nesting += 1;
        let read = layers
            .iter()
            .try_for_each(|(layer, _)| read_layer(&dir.join(layer), b));
        b.nesting -= 1;
        read
    }
}
