//! neo4j-admin bulk-import CSV: `nodes.csv` (`id:ID`, `:LABEL`, more columns) and
//! `edges.csv` (`:START_ID`, `:END_ID`, `:TYPE`, more columns). Typed columns (`year:int`,
//! `tags:string[]`) are honoured. Each header is resolved once; edges.csv is parsed on a
//! second thread while the nodes load (see edges.rs).

mod edges;
mod header;
mod nodes;

use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::Path;
use std::sync::Arc;

use crate::build::{Builder, OriginFile};
use crate::diag::{Code, Diagnostic, Error, Location};
use crate::read::{beside, Reader};

/// A directory holding `nodes.csv` and `edges.csv`.
pub struct Neo4jCsv;

impl Reader for Neo4jCsv {
    fn name(&self) -> &'static str {
        "a directory with neo4j-admin nodes.csv and edges.csv"
    }

    fn recognises(&self, path: &Path) -> bool {
        path.join("nodes.csv").is_file() && path.join("edges.csv").is_file()
    }

    fn read(&self, dir: &Path, b: &mut Builder) -> Result<(), Error> {
        read_in_batches(dir, b, edges::BATCH_ROWS)
    }
}

pub(super) fn reader(path: &Path) -> Result<csv::Reader<BufReader<File>>, Error> {
    let file = File::open(path).map_err(|e| Error::io("open", path, e))?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(BufReader::with_capacity(1 << 20, file)))
}

/// A finding at a row (and, when one is at fault, a column).
pub(super) fn at_row(
    code: Code,
    path: &Arc<Path>,
    line: u64,
    column: Option<&str>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic::error(code, message).located(Some(Location::Row {
        path: path.clone(),
        line,
        column: column.map(String::from),
    }))
}

/// A row the CSV parser could not read.
pub(super) fn row_error(path: &Arc<Path>, e: csv::Error) -> Diagnostic {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let what = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row of {len} fields, where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "text that is not UTF-8".to_string(),
        _ => e.to_string(),
    };
    at_row(Code::BadRow, path, line, None, what)
}

/// Progress on stderr, only when a person is watching it.
pub(super) struct Progress {
    on: bool,
    what: String,
}

impl Progress {
    pub(super) fn new(what: &str) -> Self {
        Progress {
            on: std::io::stderr().is_terminal(),
            what: what.to_string(),
        }
    }

    pub(super) fn tick(&self, rows: usize) {
        if self.on && rows.is_multiple_of(250_000) && rows > 0 {
            eprint!(
                "\rloading {}: {} rows",
                self.what,
                crate::text::thousands(rows as i64)
            );
        }
    }

    pub(super) fn done(&self) {
        if self.on {
            eprint!("\r\x1b[K");
        }
    }
}

fn read_in_batches(dir: &Path, b: &mut Builder, batch_rows: usize) -> Result<(), Error> {
    beside::read(dir, b)?;
    let nodes_path: Arc<Path> = dir.join("nodes.csv").into();
    let edges_path: Arc<Path> = dir.join("edges.csv").into();
    // A rough size guess from the file lengths saves regrowing the big vectors.
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
    b.reserve(size(&nodes_path) / 40, size(&edges_path) / 40);
    let nodes_file = b.add_file(OriginFile::Rows(nodes_path.clone()));
    let edges_file = b.add_file(OriginFile::Rows(edges_path.clone()));
    let sibling = b.report().sibling();

    // The two files are parsed at once: nodes here, edges on a second thread. Edges are
    // only resolved to nodes once every node is in.
    let (nodes_done, rows) = std::thread::scope(|s| {
        let edge_rows = s.spawn(|| edges::read(&edges_path, batch_rows, sibling));
        let nodes_done = nodes::read(b, &nodes_path, nodes_file);
        (
            nodes_done,
            edge_rows.join().expect("the edge reader does not panic"),
        )
    });
    nodes_done?;
    edges::add(b, rows?, &edges_path, edges_file);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Report;
    use crate::export::{self, DrawOptions, Format, Output};
    use crate::graph::KnowledgeGraph;
    use crate::selection::Selection;

    fn json(g: &KnowledgeGraph) -> Vec<u8> {
        match export::export(
            g,
            &Selection::whole(g),
            Format::Json,
            &DrawOptions::default(),
        ) {
            Ok(Output::One(bytes)) => bytes,
            _ => panic!("json export"),
        }
    }

    fn load(dir: &Path, rows: usize) -> (KnowledgeGraph, Vec<String>) {
        let mut b = Builder::new(Report::default());
        read_in_batches(dir, &mut b, rows).unwrap();
        let built = b.finish();
        let messages = built
            .report
            .finish()
            .iter()
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        (built.graph, messages)
    }

    /// The edge file is resolved in batches on several threads and added in file order:
    /// however it is cut into batches, the graph and the report are the same.
    #[test]
    fn batches_of_any_size_give_the_same_graph() {
        let dir = tempfile::tempdir().unwrap();
        let mut nodes = String::from("id:ID,:LABEL,year:int\n");
        for i in 0..40 {
            nodes.push_str(&format!(
                "n{i},{},{}\n",
                if i % 3 == 0 { "model" } else { "technique" },
                2000 + i
            ));
        }
        let mut edges = String::from(":START_ID,:END_ID,:TYPE,weight:int\n");
        for i in 0..40 {
            for k in 1..4 {
                edges.push_str(&format!(
                    "n{i},n{},{},{}\n",
                    (i * 7 + k) % 40,
                    ["uses", "based_on"][k % 2],
                    i * k
                ));
            }
        }
        edges.push_str("n1,ghost,uses,1\nn2,n3,uses,oops\n");
        std::fs::write(dir.path().join("nodes.csv"), nodes).unwrap();
        std::fs::write(dir.path().join("edges.csv"), edges).unwrap();
        let (whole, report) = load(dir.path(), edges::BATCH_ROWS);
        // 120 edges, and the one whose weight does not parse (kept, without the weight).
        assert_eq!(whole.edge_count(), 121);
        let codes: Vec<&str> = report
            .iter()
            .map(|m| m.split(' ').next().unwrap())
            .collect();
        assert_eq!(codes, ["unknown-id", "wrong-type"]);
        for rows in [1, 2, 7, 64] {
            let (g, r) = load(dir.path(), rows);
            assert_eq!(json(&g), json(&whole), "batches of {rows} rows");
            assert_eq!(r, report, "batches of {rows} rows");
        }
    }
}
