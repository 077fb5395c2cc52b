//! neo4j-admin bulk-import CSV: `nodes.csv` (`id:ID`, `:LABEL`, more columns) and
//! `edges.csv` (`:START_ID`, `:END_ID`, `:TYPE`, more columns). Typed columns (`year:int`,
//! `tags:string[]`) are honoured. Each header is resolved once; edges.csv is parsed on a
//! second thread while the nodes load (see edges.rs).

mod edges;
mod header;
mod nodes;
pub mod quotes;

use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::Path;
use std::sync::Arc;

use crate::build::{Builder, OriginFile};
use crate::diag::{Code, Diagnostic, Error, Location, Report};
use crate::read::files::{self, Limited};
use crate::read::{beside, Reader};

/// A directory holding `nodes.csv` and `edges.csv`.
pub struct Neo4jCsv;

impl Reader for Neo4jCsv {
    fn name(&self) -> &'static str {
        "a directory with neo4j-admin nodes.csv and edges.csv"
    }

    /// Both names there, whatever they are: one that is not a regular file is refused when
    /// read, with its own message, rather than the directory taken for a knowledge base.
    fn recognises(&self, path: &Path) -> bool {
        ["nodes.csv", "edges.csv"]
            .iter()
            .all(|f| std::fs::symlink_metadata(path.join(f)).is_ok())
    }

    fn read(&self, dir: &Path, b: &mut Builder) -> Result<(), Error> {
        read_in_batches(dir, b, edges::BATCH_ROWS)
    }
}

/// An input CSV file, opened and limited in size.
pub(super) type Input = Limited<File>;

pub(super) fn reader(input: Input) -> csv::Reader<BufReader<Input>> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(BufReader::with_capacity(1 << 20, input))
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

/// What a row the CSV parser could not read means: a finding for the report, or, when the
/// file itself could not be read (past the size limit, an I/O error), the end of reading.
pub fn row_error(path: &Arc<Path>, header: &[String], e: csv::Error) -> Result<Diagnostic, Error> {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let column = |i: usize| header.get(i).map(String::as_str);
    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
        if let csv::ErrorKind::Io(io) = e.into_kind() {
            return Err(files::read_error(path, io));
        }
        unreachable!("matched above");
    }
    Ok(match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => at_row(
            Code::BadRow,
            path,
            line,
            None,
            format!("a row of {len} fields, where the header has {expected_len}"),
        )
        .help(format!(
            "the columns are {}; a field that holds a comma, a quote or a line break must be \
             quoted, with each quote in it doubled: \"a, \"\"b\"\"\"",
            header.join(",")
        )),
        csv::ErrorKind::Utf8 { err, .. } => at_row(
            Code::BadRow,
            path,
            line,
            column(err.field()),
            "text that is not UTF-8",
        )
        .help("save the file as UTF-8"),
        _ => at_row(Code::BadRow, path, line, None, e.to_string()),
    })
}

/// A CSV file read record by record, for every reader of CSV. A bad row is reported at its
/// place and skipped; `finish` reports a quote left open in the last record (the csv parser
/// reads the rest of the file into that one field without a word).
pub struct Rows<'a, R> {
    rdr: csv::Reader<R>,
    path: &'a Arc<Path>,
    header: &'a [String],
    // Where the last record (the header's, to begin with) started: byte and line.
    last: (u64, u64),
}

impl<'a, R: std::io::Read> Rows<'a, R> {
    /// `rdr` with its header already read as `header`.
    pub fn new(rdr: csv::Reader<R>, path: &'a Arc<Path>, header: &'a [String]) -> Self {
        Rows {
            rdr,
            path,
            header,
            last: (0, 1),
        }
    }

    /// Reads the next good record with `read` (the caller's `read_record` or
    /// `read_byte_record` into its own buffer); `false` at the end.
    pub fn next(
        &mut self,
        report: &mut Report,
        mut read: impl FnMut(&mut csv::Reader<R>) -> csv::Result<bool>,
    ) -> Result<bool, Error> {
        loop {
            let here = (self.rdr.position().byte(), self.rdr.position().line());
            let result = read(&mut self.rdr);
            if !matches!(result, Ok(false)) {
                self.last = here;
            }
            match result {
                Ok(more) => return Ok(more),
                Err(e) => report.push(row_error(self.path, self.header, e)?),
            }
        }
    }

    /// After the last record: a quote left open in it, if any.
    pub fn finish(self, report: &mut Report) -> Result<(), Error> {
        if let Some(d) = unclosed_quote(self.path, self.header, self.last.0, self.last.1)? {
            report.push(d);
        }
        Ok(())
    }
}

/// The finding for a quote left open in the last record of `path`, which started at byte
/// `start` on `line`.
pub fn unclosed_quote(
    path: &Arc<Path>,
    header: &[String],
    start: u64,
    line: u64,
) -> Result<Option<Diagnostic>, Error> {
    let Some(u) = quotes::unclosed(path, start)? else {
        return Ok(None);
    };
    let rest = match u.lines {
        0 => "the rest of the line".to_string(),
        1 => "the rest of the file (1 more line)".to_string(),
        n => format!(
            "the rest of the file ({} more lines)",
            crate::text::thousands(n.min(i64::MAX as u64) as i64)
        ),
    };
    Ok(Some(
        at_row(
            Code::BadRow,
            path,
            line,
            header.get(u.field).map(String::as_str),
            format!("a quote opened in this field is never closed: {rest} became one field"),
        )
        .help("close the quote; inside a quoted field, write a quote as two (\"\")"),
    ))
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

/// Opens nodes.csv and edges.csv together, under a shared lock on their directory, so that
/// an export writing a new pair there (`write::atomic_set`) is seen whole or not at all.
fn open_pair(dir: &Path, nodes: &Path, edges: &Path) -> Result<(Input, Input), Error> {
    let _lock = crate::write::lock(dir, true).ok();
    Ok((files::open_limited(nodes)?, files::open_limited(edges)?))
}

fn read_in_batches(dir: &Path, b: &mut Builder, batch_rows: usize) -> Result<(), Error> {
    beside::read(dir, b)?;
    let nodes_path: Arc<Path> = dir.join("nodes.csv").into();
    let edges_path: Arc<Path> = dir.join("edges.csv").into();
    let (nodes_input, edges_input) = open_pair(dir, &nodes_path, &edges_path)?;
    // A rough size guess from the file lengths saves regrowing the big vectors.
    let size = |f: &Input| f.get_ref().metadata().map_or(0, |m| m.len() as usize) / 40;
    b.reserve(size(&nodes_input), size(&edges_input));
    // Findings in nodes.csv, the causes, come before those in edges.csv.
    b.report().note_file(&nodes_path);
    b.report().note_file(&edges_path);
    let nodes_file = b.add_file(OriginFile::Rows(nodes_path.clone()));
    let edges_file = b.add_file(OriginFile::Rows(edges_path.clone()));
    let sibling = b.report().sibling();

    // The two files are parsed at once: nodes here, edges on a second thread. Edges are
    // only resolved to nodes once every node is in.
    let (nodes_done, rows) = std::thread::scope(|s| {
        let edge_rows = s.spawn(|| edges::read(&edges_path, edges_input, batch_rows, sibling));
        let nodes_done = nodes::read(b, &nodes_path, nodes_input, nodes_file);
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
