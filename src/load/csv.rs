//! neo4j-admin bulk-import CSV: `nodes.csv` (`id:ID`, `:LABEL`, more columns) and
//! `edges.csv` (`:START_ID`, `:END_ID`, `:TYPE`, more columns). Typed columns (`name:int`,
//! `tags:string[]`) are honoured. Rows are read as bytes, each header resolved once.

use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};

use petgraph::stable_graph::NodeIndex;

use crate::diag::{Diagnostic, Error, Report};
use crate::graph::{AttrValue, Edge, KnowledgeGraph, Node, NodeInfo};
use crate::load::beside;

/// How many problems of one kind are listed before the rest are only counted.
const SHOWN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Str,
    Int,
    Float,
    Bool,
}

#[derive(Debug, Clone)]
enum Column {
    Id,
    Label,
    Start,
    End,
    Type,
    /// A node field genkg knows (name, year, date, summary, url, aliases, source).
    Field(&'static str),
    Attr {
        col: usize,
        ty: Type,
        array: bool,
        name: String,
    },
    Ignored,
}

fn parse_type(t: &str) -> Option<(Type, bool)> {
    let (t, array) = match t.strip_suffix("[]") {
        Some(inner) => (inner, true),
        None => (t, false),
    };
    let ty = match t.to_ascii_lowercase().as_str() {
        "" | "string" | "char" | "date" | "datetime" | "localdatetime" | "time" | "localtime"
        | "duration" | "point" => Type::Str,
        "int" | "long" | "short" | "byte" => Type::Int,
        "float" | "double" => Type::Float,
        "boolean" => Type::Bool,
        _ => return None,
    };
    Some((ty, array))
}

const NODE_FIELDS: [&str; 7] = [
    "name", "year", "date", "summary", "url", "aliases", "source",
];

struct Header {
    columns: Vec<Column>,
}

fn header(
    path: &Path,
    record: &csv::StringRecord,
    nodes: bool,
    attrs: &mut crate::graph::Columns,
) -> Result<Header, Error> {
    let mut columns = Vec::new();
    let bad = |msg: String, help: &str| {
        Error::one(
            Diagnostic::error("bad-header", format!("{}:1: {msg}", path.display()))
                .help(help.to_string()),
        )
    };
    for field in record.iter() {
        let (name, ty) = match field.rsplit_once(':') {
            Some((n, t)) => (n, t),
            None => (field, ""),
        };
        let col = match (ty, nodes) {
            ("ID", true) => Column::Id,
            ("LABEL", true) => Column::Label,
            ("START_ID", false) => Column::Start,
            ("END_ID", false) => Column::End,
            ("TYPE", false) => Column::Type,
            ("IGNORE", _) => Column::Ignored,
            _ => {
                let Some((ty, array)) = parse_type(ty) else {
                    return Err(bad(
                        format!("column `{field}` has an unknown type `{ty}`"),
                        "types: string, int, long, float, double, boolean, with [] for arrays",
                    ));
                };
                match (nodes, name) {
                    (true, n) if NODE_FIELDS.contains(&n) => {
                        Column::Field(NODE_FIELDS.iter().find(|f| **f == n).expect("listed"))
                    }
                    (false, "source") => Column::Field("source"),
                    _ => Column::Attr {
                        col: attrs.column_index(name),
                        ty,
                        array,
                        name: name.to_string(),
                    },
                }
            }
        };
        columns.push(col);
    }
    type Is = fn(&Column) -> bool;
    let need: &[(&str, Is)] = if nodes {
        &[
            ("id:ID", |c| matches!(c, Column::Id)),
            (":LABEL", |c| matches!(c, Column::Label)),
        ]
    } else {
        &[
            (":START_ID", |c| matches!(c, Column::Start)),
            (":END_ID", |c| matches!(c, Column::End)),
            (":TYPE", |c| matches!(c, Column::Type)),
        ]
    };
    for (name, is) in need {
        if !columns.iter().any(is) {
            let found: Vec<&str> = record.iter().collect();
            return Err(bad(
                format!("no `{name}` column (found: {})", found.join(",")),
                if nodes {
                    "nodes.csv starts with a header such as id:ID,:LABEL,name,year:int"
                } else {
                    "edges.csv starts with a header such as :START_ID,:END_ID,:TYPE,source"
                },
            ));
        }
    }
    Ok(Header { columns })
}

fn value(cell: &str, ty: Type) -> Option<AttrValue> {
    Some(match ty {
        Type::Str => AttrValue::Str(cell.into()),
        Type::Int => AttrValue::Int(cell.trim().parse().ok()?),
        Type::Float => AttrValue::Float(cell.trim().parse().ok()?),
        Type::Bool => AttrValue::Bool(match cell.trim().to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return None,
        }),
    })
}

fn typed(cell: &str, ty: Type, array: bool) -> Option<AttrValue> {
    if array {
        let items: Option<Vec<AttrValue>> = cell.split(';').map(|c| value(c, ty)).collect();
        Some(AttrValue::List(items?.into()))
    } else {
        value(cell, ty)
    }
}

/// Problems found row by row: listed up to SHOWN of each kind, then counted.
#[derive(Default)]
struct Problems {
    shown: Vec<Diagnostic>,
    counts: std::collections::BTreeMap<&'static str, (usize, String)>,
}

impl Problems {
    fn add(&mut self, code: &'static str, summary: &str, d: impl FnOnce() -> Diagnostic) {
        let entry = self.counts.entry(code).or_insert((0, summary.to_string()));
        entry.0 += 1;
        if entry.0 <= SHOWN {
            self.shown.push(d());
        }
    }

    fn into_report(self, report: &mut Report) {
        report.diagnostics.extend(self.shown);
        for (code, (count, summary)) in self.counts {
            if count > SHOWN {
                report.push(Diagnostic::error(
                    code,
                    format!(
                        "{count} {summary} in all ({} more not shown)",
                        count - SHOWN
                    ),
                ));
            }
        }
    }
}

fn reader(path: &Path) -> Result<csv::Reader<BufReader<File>>, Error> {
    let file = File::open(path).map_err(|e| Error::io("open", path, e))?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(BufReader::with_capacity(1 << 20, file)))
}

fn row_error(path: &Path, e: csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let what = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row of {len} fields, where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "text that is not UTF-8".to_string(),
        _ => e.to_string(),
    };
    Diagnostic::error("bad-row", format!("{}:{line}: {what}", path.display()))
}

/// Progress on stderr, only when a person is watching it.
struct Progress {
    on: bool,
    what: String,
}

impl Progress {
    fn new(what: &str) -> Self {
        Progress {
            on: std::io::stderr().is_terminal(),
            what: what.to_string(),
        }
    }

    fn tick(&self, rows: usize) {
        if self.on && rows.is_multiple_of(250_000) && rows > 0 {
            eprint!(
                "\rloading {}: {} rows",
                self.what,
                crate::text::thousands(rows as i64)
            );
        }
    }

    fn done(&self) {
        if self.on {
            eprint!("\r\x1b[K");
        }
    }
}

pub fn is_csv_dir(dir: &Path) -> bool {
    dir.join("nodes.csv").is_file() && dir.join("edges.csv").is_file()
}

pub fn load(dir: &Path) -> Result<(KnowledgeGraph, Report), Error> {
    let mut report = Report::default();
    let side = beside::read(dir, &mut report)?;
    let nodes_path: PathBuf = dir.join("nodes.csv");
    let edges_path: PathBuf = dir.join("edges.csv");
    // A rough size guess from the file lengths saves regrowing the big vectors.
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
    let (mut g, strict) = side.graph(size(&nodes_path) / 40, size(&edges_path) / 40);
    let mut problems = Problems::default();

    let mut rdr = reader(&nodes_path)?;
    let head = rdr
        .headers()
        .map_err(|e| Error::one(row_error(&nodes_path, e)))?
        .clone();
    let h = header(&nodes_path, &head, true, &mut g.node_attrs)?;
    let progress = Progress::new("nodes.csv");
    let mut record = csv::StringRecord::new();
    let mut rows = 0usize;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.add("bad-row", "malformed rows", || row_error(&nodes_path, e));
                continue;
            }
        }
        rows += 1;
        progress.tick(rows);
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        node_row(
            &mut g,
            strict,
            &h,
            &record,
            &nodes_path,
            line,
            &mut problems,
        );
    }
    progress.done();

    let mut rdr = reader(&edges_path)?;
    let head = rdr
        .headers()
        .map_err(|e| Error::one(row_error(&edges_path, e)))?
        .clone();
    let h = header(&edges_path, &head, false, &mut g.edge_attrs)?;
    let progress = Progress::new("edges.csv");
    rows = 0;
    let mut last_start = None;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.add("bad-row", "malformed rows", || row_error(&edges_path, e));
                continue;
            }
        }
        rows += 1;
        progress.tick(rows);
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        edge_row(
            &mut g,
            strict,
            &h,
            &record,
            &edges_path,
            line,
            &mut problems,
            &mut last_start,
        );
    }
    progress.done();
    problems.into_report(&mut report);
    Ok((g, report))
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

#[allow(clippy::too_many_arguments)]
fn edge_row(
    g: &mut KnowledgeGraph,
    strict: bool,
    h: &Header,
    record: &csv::StringRecord,
    path: &Path,
    line: u64,
    problems: &mut Problems,
    last_start: &mut Option<(String, NodeIndex)>,
) {
    let at =
        |msg: String| Diagnostic::error("bad-row", format!("{}:{line}: {msg}", path.display()));
    let (mut start, mut end, mut rel) = ("", "", "");
    for (col, cell) in h.columns.iter().zip(record.iter()) {
        match col {
            Column::Start => start = cell,
            Column::End => end = cell,
            Column::Type => rel = cell,
            _ => {}
        }
    }
    // Edge files are usually grouped by their start: one lookup per group, not per row.
    let start_index = match last_start {
        Some((id, n)) if id.as_str() == start => Some(*n),
        _ => {
            let n = g.index_of(start);
            *last_start = n.map(|n| (start.to_string(), n));
            n
        }
    };
    let ends: Option<(NodeIndex, NodeIndex)> = match (start_index, g.index_of(end)) {
        (Some(a), Some(b)) => Some((a, b)),
        (a, _) => {
            let missing = if a.is_none() { start } else { end };
            problems.add("unknown-id", "edges to unknown ids", || {
                Diagnostic::error(
                    "unknown-id",
                    format!("{}:{line}: no node has the id `{missing}`", path.display()),
                )
                .help("every :START_ID and :END_ID must be an id:ID of nodes.csv")
            });
            None
        }
    };
    let Some((a, b)) = ends else { return };
    let relation = match beside::relation(g, strict, rel) {
        Ok(r) => r,
        Err(d) => {
            problems.add("unknown-relation", "rows with an unknown relation", || {
                Diagnostic {
                    message: format!("{}:{line}: {}", path.display(), d.message),
                    ..*d
                }
            });
            return;
        }
    };
    let mut edge = Edge {
        relation,
        source: None,
    };
    let mut attrs: Vec<(usize, AttrValue)> = Vec::new();
    for (col, cell) in h.columns.iter().zip(record.iter()) {
        if cell.is_empty() {
            continue;
        }
        match col {
            Column::Field(_) => edge.source = Some(beside::source(g, cell)),
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
    let e = g.add_edge(a, b, edge);
    for (col, v) in attrs {
        g.edge_attrs.set_at(col, e.index(), v);
    }
}
