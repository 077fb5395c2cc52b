//! An export delivered: written to the path `-o` names (atomically), or returned as bytes
//! for stdout; with the warnings that go with it.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error};
use crate::export::{export, warnings, DrawOptions, Format, Output};
use crate::graph::KnowledgeGraph;
use crate::selection::Selection;

/// What an export came to.
#[derive(Debug, Clone)]
pub struct Delivered {
    /// The bytes for stdout, when no file was named.
    pub bytes: Option<Vec<u8>>,
    /// The files written.
    pub written: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

pub fn deliver(
    g: &KnowledgeGraph,
    sel: &Selection,
    format: Format,
    draw: &DrawOptions,
    out: Option<&Path>,
) -> Result<Delivered, Error> {
    if format.is_directory() && out.is_none() {
        return Err(Error::usage(
            "the csv format writes nodes.csv and edges.csv: name a directory with -o",
        ));
    }
    let warnings = warnings(g, sel, format);
    let output = match export(g, sel, format, draw) {
        Ok(output) => output,
        Err(e) => {
            return Err(match out {
                Some(path) if format.is_drawing() => keep_dot(g, sel, draw, path, e),
                _ => e,
            })
        }
    };
    Ok(match (output, out) {
        (output, Some(path)) => Delivered {
            bytes: None,
            written: write_to(path, &output)?,
            warnings,
        },
        (Output::One(bytes), None) => Delivered {
            bytes: Some(bytes),
            written: Vec::new(),
            warnings,
        },
        (Output::Many(_), None) => unreachable!("a directory format without -o is refused above"),
    })
}

/// Drawing failed (no Graphviz, say): still leave the DOT beside, as promised.
fn keep_dot(
    g: &KnowledgeGraph,
    sel: &Selection,
    draw: &DrawOptions,
    path: &Path,
    mut e: Error,
) -> Error {
    let Ok(Output::One(dot)) = export(g, sel, Format::Dot, draw) else {
        return e;
    };
    let beside = path.with_extension("dot");
    if let Err(w) = crate::write::atomic(&beside, &dot) {
        e.diagnostics.extend(w.diagnostics);
        return e;
    }
    if let Some(d) = e.diagnostics.first_mut() {
        let help = d.help.clone().unwrap_or_default();
        d.help = Some(
            format!("{help}\nthe DOT was written to {}", beside.display())
                .trim()
                .to_string(),
        );
    }
    e
}

/// Writes an export to `path` atomically (a directory for the CSV pair).
pub fn write_to(path: &Path, output: &Output) -> Result<Vec<PathBuf>, Error> {
    match output {
        Output::One(bytes) => {
            crate::write::atomic(path, bytes)?;
            Ok(vec![path.to_path_buf()])
        }
        Output::Many(files) => {
            let mut written = Vec::new();
            for (name, bytes) in files {
                let p = path.join(name);
                crate::write::atomic(&p, bytes)?;
                written.push(p);
            }
            Ok(written)
        }
    }
}
