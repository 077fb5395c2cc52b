//! An export delivered: written to the path `-o` names (atomically, by `write`'s rules), or
//! returned as bytes for stdout; with the warnings that go with it.

use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Error};
use crate::export::{export, warnings, DrawOptions, Format, Output};
use crate::graph::KnowledgeGraph;
use crate::limits::LARGE_DRAWING;
use crate::selection::Selection;
use crate::write::Protect;

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
    protect: &Protect,
) -> Result<Delivered, Error> {
    if format.is_directory() && out.is_none() {
        return Err(Error::usage(
            "the csv format writes nodes.csv and edges.csv: name a directory with -o",
        ));
    }
    let warnings = warnings(g, sel, format);
    if format.is_drawing() {
        announce_large(sel);
    }
    let output = match export(g, sel, format, draw) {
        Ok(output) => output,
        Err(e) => {
            return Err(match out {
                Some(path) if format.is_drawing() => keep_dot(g, sel, draw, path, protect, e),
                _ => e,
            })
        }
    };
    Ok(match (output, out) {
        (output, Some(path)) => Delivered {
            bytes: None,
            written: write_to(path, &output, protect)?,
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

/// Says, before `dot` starts, that a drawing is large (it may take minutes, or fail).
pub fn announce_large(sel: &Selection) {
    if sel.nodes.len() <= LARGE_DRAWING {
        return;
    }
    crate::diag::announce(&[Diagnostic::warning(
        Code::LargeDrawing,
        format!(
            "drawing {} nodes and {} edges with Graphviz: this may take minutes",
            crate::text::thousands(sel.nodes.len() as i64),
            crate::text::thousands(sel.edges.len() as i64)
        ),
    )
    .help("draw a smaller selection (--lineage, --depth, --kind), or write --format dot")]);
}

/// Drawing failed (no Graphviz, say): still leave the DOT beside, as promised, unless a file
/// of that name is there already (then only with --force).
fn keep_dot(
    g: &KnowledgeGraph,
    sel: &Selection,
    draw: &DrawOptions,
    path: &Path,
    protect: &Protect,
    mut e: Error,
) -> Error {
    let Ok(Output::One(dot)) = export(g, sel, Format::Dot, draw) else {
        return e;
    };
    let beside = path.with_extension("dot");
    let note = if beside.symlink_metadata().is_ok() && !protect.force {
        format!(
            "the DOT was not written: {} exists (--force replaces it)",
            beside.display()
        )
    } else {
        match crate::write::atomic(&beside, &dot, protect) {
            Ok(()) => format!("the DOT was written to {}", beside.display()),
            Err(w) => {
                e.diagnostics.extend(w.diagnostics);
                return e;
            }
        }
    };
    if let Some(d) = e.diagnostics.first_mut() {
        let help = d.help.clone().unwrap_or_default();
        d.help = Some(format!("{help}\n{note}").trim().to_string());
    }
    e
}

/// Writes an export to `path` atomically (a directory for the CSV pair, whose files are
/// published together).
pub fn write_to(path: &Path, output: &Output, protect: &Protect) -> Result<Vec<PathBuf>, Error> {
    match output {
        Output::One(bytes) => {
            crate::write::atomic(path, bytes, protect)?;
            Ok(vec![path.to_path_buf()])
        }
        Output::Many(files) => crate::write::atomic_set(path, files, protect),
    }
}
