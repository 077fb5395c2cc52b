//! `nodes.csv`: one node a row, added in file order.

use std::path::Path;

use super::header::{header, typed, Column, Header};
use super::{reader, row_error, Problems, Progress};
use crate::diag::{Diagnostic, Error};
use crate::graph::{AttrValue, KnowledgeGraph, Node, NodeInfo};
use crate::load::beside;

pub(super) fn load(
    g: &mut KnowledgeGraph,
    strict: bool,
    path: &Path,
    problems: &mut Problems,
) -> Result<(), Error> {
    let mut rdr = reader(path)?;
    let head = rdr
        .headers()
        .map_err(|e| Error::one(row_error(path, e)))?
        .clone();
    let mut h = header(path, &head, true)?;
    // The graph was sized from the file's length; the columns take the same guess.
    h.place_attributes(&mut g.node_attrs, g.graph.capacity().0);
    let progress = Progress::new("nodes.csv");
    let mut record = csv::StringRecord::new();
    let mut rows = 0usize;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.add("bad-row", "malformed rows", || row_error(path, e));
                continue;
            }
        }
        rows += 1;
        progress.tick(rows);
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        node_row(g, strict, &h, &record, path, line, problems);
    }
    progress.done();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn node_row(
    g: &mut KnowledgeGraph,
    strict: bool,
    h: &Header,
    record: &csv::StringRecord,
    path: &Path,
    line: u64,
    problems: &mut Problems,
) {
    let at =
        |msg: String| Diagnostic::error("bad-row", format!("{}:{line}: {msg}", path.display()));
    let mut id = "";
    let mut kind_name = "";
    for (col, cell) in h.columns.iter().zip(record.iter()) {
        match col {
            Column::Id => id = cell,
            Column::Label => kind_name = cell,
            _ => {}
        }
    }
    if id.is_empty() {
        problems.add("bad-row", "rows without an id", || {
            at("a node without an id".into())
        });
        return;
    }
    // neo4j allows several labels as `A;B`; the first is the kind.
    let kind_name = kind_name.split(';').next().unwrap_or("");
    let kind = match beside::kind(
        g,
        strict,
        if kind_name.is_empty() {
            "node"
        } else {
            kind_name
        },
    ) {
        Ok(k) => k,
        Err(d) => {
            problems.add("unknown-kind", "rows with an unknown kind", || Diagnostic {
                message: format!("{}:{line}: {}", path.display(), d.message),
                ..*d
            });
            return;
        }
    };
    let mut node = Node {
        kind,
        year: None,
        name: None,
        source: None,
        info: None,
    };
    let mut info = NodeInfo::default();
    let mut has_info = false;
    let mut attrs: Vec<(usize, AttrValue)> = Vec::new();
    for (col, cell) in h.columns.iter().zip(record.iter()) {
        if cell.is_empty() {
            continue;
        }
        match col {
            Column::Field("name") => node.name = Some(cell.into()),
            Column::Field("year") => match cell.trim().parse() {
                Ok(y) => node.year = Some(y),
                Err(_) => problems.add("bad-row", "rows with a bad value", || {
                    at(format!("year `{cell}` is not a whole number"))
                }),
            },
            Column::Field("source") => node.source = Some(beside::source(g, cell)),
            Column::Field(f) => {
                has_info = true;
                match *f {
                    "date" => info.date = Some(cell.into()),
                    "summary" => info.summary = Some(cell.into()),
                    "url" => info.url = Some(cell.into()),
                    _ => info.aliases = cell.split(';').map(String::from).collect(),
                }
            }
            Column::Attr {
                col,
                ty,
                array,
                name,
            } => match typed(cell, *ty, *array) {
                Some(v) => attrs.push((*col, v)),
                None => problems.add("bad-row", "rows with a bad value", || {
                    at(format!("`{name}` = `{cell}` is not a {ty:?}").to_lowercase())
                }),
            },
            _ => {}
        }
    }
    if has_info {
        node.info = Some(Box::new(info));
    }
    match g.add_node(id, node) {
        Ok(n) => {
            for (col, v) in attrs {
                g.node_attrs.set_at(col, n.index(), v);
            }
        }
        Err(_) => problems.add("duplicate-id", "duplicate ids", || {
            Diagnostic::error(
                "duplicate-id",
                format!("{}:{line}: id `{id}` is defined twice", path.display()),
            )
        }),
    }
}
