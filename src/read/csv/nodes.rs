//! `nodes.csv`: one node a row, added in file order.

use std::path::Path;
use std::sync::Arc;

use super::header::{header, typed, Column, Header};
use super::{at_row, reader, row_error, Input, Progress, Rows};
use crate::build::{Builder, FileId, Origin};
use crate::diag::{Code, Error};
use crate::export::fields::external_item;
use crate::graph::{AttrValue, Node, NodeInfo};
use crate::schema::KindId;

pub(super) fn read(
    b: &mut Builder,
    path: &Arc<Path>,
    input: Input,
    file: FileId,
) -> Result<(), Error> {
    let mut rdr = reader(input);
    let head = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(Error::one(row_error(path, &[], e)?)),
    };
    let names: Vec<String> = head.iter().map(String::from).collect();
    let mut h = header(path, &head, true)?;
    let rows_guess = b.node_count().max(1024);
    h.place_with(|name| {
        let col = b.node_column(name);
        b.reserve_node_column(col, rows_guess);
        col
    });
    let progress = Progress::new("nodes.csv");
    let mut record = csv::StringRecord::new();
    let mut rows = 0usize;
    // The kind of the last label seen: files list many nodes of one kind in a row.
    let mut last_kind: Option<(String, Option<KindId>)> = None;
    let mut records = Rows::new(rdr, path, &names);
    while records.next(b.report(), |r| r.read_record(&mut record))? {
        rows += 1;
        progress.tick(rows);
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let row = Row {
            path,
            line,
            at: Origin::row(file, line),
        };
        node_row(b, &h, &record, &row, &mut last_kind);
    }
    progress.done();
    records.finish(b.report())
}

struct Row<'a> {
    path: &'a Arc<Path>,
    line: u64,
    at: Origin,
}

fn node_row(
    b: &mut Builder,
    h: &Header,
    record: &csv::StringRecord,
    row: &Row,
    last_kind: &mut Option<(String, Option<KindId>)>,
) {
    let mut id = "";
    let mut label = "";
    for (col, cell) in h.columns.iter().zip(record.iter()) {
        match col {
            Column::Id => id = cell,
            Column::Label => label = cell,
            _ => {}
        }
    }
    if id.is_empty() {
        b.report().push(
            at_row(
                Code::BadRow,
                row.path,
                row.line,
                Some("id:ID"),
                "a node without an id",
            )
            .help("every row of nodes.csv needs an id in its id:ID column"),
        );
        return;
    }
    // neo4j allows several labels as `A;B`; the first is the kind.
    let label = match label.split(';').next().unwrap_or("") {
        "" => "node",
        l => l,
    };
    let kind = match last_kind {
        Some((name, kind)) if name == label => *kind,
        _ => {
            let kind = b.kind(label);
            *last_kind = Some((label.to_string(), kind));
            kind
        }
    };
    let Some(kind) = kind else { return };
    let mut node = Node {
        kind,
        year: None,
        name: None,
        source: None,
        info: None,
    };
    let mut info = NodeInfo::default();
    let mut attrs: Vec<(usize, AttrValue)> = Vec::new();
    for (col, cell) in h.columns.iter().zip(record.iter()) {
        if !cell.is_empty() {
            cell_into(b, col, cell, row, &mut node, &mut info, &mut attrs);
        }
    }
    if !info.is_empty() {
        node.info = Some(Box::new(info));
    }
    b.add_node(id, node, attrs, row.at, Origin::NONE);
}

/// One cell into the node's fields or its attributes; a cell that is not of its
/// column's type is reported.
fn cell_into(
    b: &mut Builder,
    col: &Column,
    cell: &str,
    row: &Row,
    node: &mut Node,
    info: &mut NodeInfo,
    attrs: &mut Vec<(usize, AttrValue)>,
) {
    let wrong = |b: &mut Builder, column: &str, message: String, hint: &str| {
        b.report()
            .push(at_row(Code::WrongType, row.path, row.line, Some(column), message).help(hint))
    };
    match col {
        Column::Field("name") => node.name = Some(cell.into()),
        Column::Field("year") => match cell.trim().parse() {
            Ok(y) => node.year = Some(y),
            Err(_) => wrong(
                b,
                "year",
                format!("year `{cell}` is not a whole number"),
                "write the year as a whole number, e.g. 2022",
            ),
        },
        Column::Field("source") => node.source = Some(b.cite(cell, row.at)),
        Column::Field("date") => info.date = Some(cell.into()),
        Column::Field("summary") => info.summary = Some(cell.into()),
        Column::Field("url") => info.url = Some(cell.into()),
        Column::Field("external") => {
            for item in cell.split(';') {
                match external_item(item) {
                    Some(x) => info.external.push(x),
                    None => wrong(
                        b,
                        "external",
                        format!("`{item}` is not `same:<data set>:<name>` or `variant:<data set>:<name>`"),
                        "separate several links with `;`, e.g. same:epoch:GPT-4;variant:epoch:GPT-4o",
                    ),
                }
            }
        }
        Column::Field(_) => info.aliases = cell.split(';').map(String::from).collect(),
        Column::Attr {
            col,
            ty,
            array,
            name,
        } => match typed(cell, *ty, *array) {
            Some(v) => attrs.push((*col, v)),
            None => wrong(
                b,
                name,
                format!("`{name}` = `{cell}` is not a {}", ty.name()),
                ty.hint(),
            ),
        },
        _ => {}
    }
}
