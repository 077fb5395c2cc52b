//! neo4j-admin bulk-import CSV: `nodes.csv` (`id:ID`, `:LABEL`, more columns) and
//! `edges.csv` (`:START_ID`, `:END_ID`, `:TYPE`, more columns). Typed columns (`name:int`,
//! `tags:string[]`) are honoured. Each header is resolved once;
//! edges.csv is read on a second thread while the nodes load (see edges.rs).

mod edges;
mod header;
mod nodes;

use std::fs::File;
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Error, Report};
use crate::graph::KnowledgeGraph;
use crate::load::beside;

/// How many problems of one kind are listed before the rest are only counted.
const SHOWN: usize = 5;

/// Problems found row by row: listed up to SHOWN of each kind, then counted.
#[derive(Default)]
pub(super) struct Problems {
    shown: Vec<Diagnostic>,
    counts: std::collections::BTreeMap<&'static str, (usize, String)>,
}

impl Problems {
    pub(super) fn add(
        &mut self,
        code: &'static str,
        summary: &str,
        d: impl FnOnce() -> Diagnostic,
    ) {
        let entry = self.counts.entry(code).or_insert((0, summary.to_string()));
        entry.0 += 1;
        if entry.0 <= SHOWN {
            self.shown.push(d());
        }
    }

    /// Takes in what another reader found, keeping the per-kind limit on what is listed.
    pub(super) fn merge(&mut self, other: Problems) {
        let mut listed: std::collections::BTreeMap<&str, usize> = Default::default();
        for d in other.shown {
            let before = self.counts.get(d.code).map_or(0, |c| c.0);
            let n = listed.entry(d.code).or_insert(before);
            if *n < SHOWN {
                *n += 1;
                self.shown.push(d);
            }
        }
        for (code, (count, summary)) in other.counts {
            self.counts.entry(code).or_insert((0, summary)).0 += count;
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

pub(super) fn reader(path: &Path) -> Result<csv::Reader<BufReader<File>>, Error> {
    let file = File::open(path).map_err(|e| Error::io("open", path, e))?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(BufReader::with_capacity(1 << 20, file)))
}

pub(super) fn row_error(path: &Path, e: csv::Error) -> Diagnostic {
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

pub fn is_csv_dir(dir: &Path) -> bool {
    dir.join("nodes.csv").is_file() && dir.join("edges.csv").is_file()
}

pub fn load(dir: &Path) -> Result<(KnowledgeGraph, Report), Error> {
    load_in_batches(dir, edges::BATCH_ROWS)
}

fn load_in_batches(dir: &Path, batch_rows: usize) -> Result<(KnowledgeGraph, Report), Error> {
    let mut report = Report::default();
    let side = beside::read(dir, &mut report)?;
    let nodes_path: PathBuf = dir.join("nodes.csv");
    let edges_path: PathBuf = dir.join("edges.csv");
    // A rough size guess from the file lengths saves regrowing the big vectors.
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len() as usize).unwrap_or(0);
    let (mut g, strict) = side.graph(size(&nodes_path) / 40, size(&edges_path) / 40);
    let mut problems = Problems::default();

    // The two files are parsed at once: nodes here, edges on a second thread. Edges are
    // only resolved to nodes once every node is in.
    let (nodes_done, rows) = std::thread::scope(|s| {
        let edge_rows = s.spawn(|| edges::read(&edges_path, batch_rows));
        let nodes_done = nodes::load(&mut g, strict, &nodes_path, &mut problems);
        (
            nodes_done,
            edge_rows.join().expect("the edge reader does not panic"),
        )
    });
    nodes_done?;
    edges::add(&mut g, strict, rows?, &edges_path, &mut problems);
    problems.into_report(&mut report);
    Ok((g, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{self, DrawOptions, Format, Output};
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
        let (whole, report) = load_in_batches(dir.path(), edges::BATCH_ROWS).unwrap();
        // 120 edges, and the one whose weight does not parse (kept, without the weight).
        assert_eq!(whole.edge_count(), 121);
        let codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["unknown-id", "bad-row"]);
        for rows in [1, 2, 7, 64] {
            let (g, r) = load_in_batches(dir.path(), rows).unwrap();
            assert_eq!(json(&g), json(&whole), "batches of {rows} rows");
            let messages: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
            let expected: Vec<&str> = report
                .diagnostics
                .iter()
                .map(|d| d.message.as_str())
                .collect();
            assert_eq!(messages, expected, "batches of {rows} rows");
        }
    }
}
