//! `edges.csv`, in three steps so that a million-node graph loads on every core:
//! 1. `read` (on its own thread, while nodes.csv loads): rows into compact batches of bytes;
//! 2. `resolve` (one thread per core): each row's start and end id to a node index, and its
//!    attribute cells to typed values;
//! 3. `add`, overlapping step 2 (in file order, so edge indices and reports are
//!    deterministic): the edges.

use std::path::Path;
use std::sync::Arc;

use indexmap::IndexSet;
use petgraph::graph::NodeIndex;

use super::header::{header, typed, Column, Header, Type};
use super::{at_row, reader, row_error, Input, Progress, Rows};
use crate::build::{Builder, FileId, IdLookup, Origin};
use crate::diag::{Code, Diagnostic, Error, Report};
use crate::graph::AttrValue;
use crate::schema::RelId;

/// Rows per batch: large enough to amortize, small enough to share out between threads.
pub(super) const BATCH_ROWS: usize = 1 << 18;

/// Rows stored back to back: all field bytes in `buf`, each field's end in `ends`.
#[derive(Default)]
struct Batch {
    buf: Vec<u8>,
    ends: Vec<u32>,
    /// Line numbers, for messages (saturating: a file past 4 billion lines reports the last).
    lines: Vec<u32>,
    /// Each row's `:TYPE`, as an index into `EdgeRows::types`.
    types: Vec<u16>,
}

impl Batch {
    fn rows(&self) -> usize {
        self.lines.len()
    }

    fn field(&self, fields: usize, row: usize, col: usize) -> &[u8] {
        let k = row * fields + col;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.buf[start..self.ends[k] as usize]
    }
}

pub(super) struct EdgeRows {
    header: Header,
    batches: Vec<Batch>,
    types: IndexSet<Box<[u8]>>,
    report: Report,
}

/// Step 1: parse the file. Only malformed rows are reported here.
pub(super) fn read(
    path: &Arc<Path>,
    input: Input,
    batch_rows: usize,
    report: Report,
) -> Result<EdgeRows, Error> {
    let mut rdr = reader(input);
    let head = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(Error::one(row_error(path, &[], e)?)),
    };
    let names: Vec<String> = head.iter().map(String::from).collect();
    let header = header(path, &head, false)?;
    let type_col = header.position(|c| matches!(c, Column::Type));
    let mut out = EdgeRows {
        header,
        batches: Vec::new(),
        types: IndexSet::new(),
        report,
    };
    let mut batch = Batch::default();
    let mut record = csv::ByteRecord::new();
    let mut records = Rows::new(rdr, path, &names);
    while records.next(&mut out.report, |r| r.read_byte_record(&mut record))? {
        out.add_row(&mut batch, &record, type_col, batch_rows, path)?;
    }
    if batch.rows() > 0 {
        out.batches.push(batch);
    }
    records.finish(&mut out.report)?;
    Ok(out)
}

impl EdgeRows {
    /// One row into the batch being filled, which is handed on when full.
    fn add_row(
        &mut self,
        batch: &mut Batch,
        record: &csv::ByteRecord,
        type_col: usize,
        batch_rows: usize,
        path: &Path,
    ) -> Result<(), Error> {
        // A batch also ends before its byte offsets could pass u32.
        let bytes = record.as_slice().len();
        if batch.rows() == batch_rows || batch.buf.len() + bytes > u32::MAX as usize {
            self.batches.push(std::mem::take(batch));
        }
        if bytes > u32::MAX as usize {
            return Err(Error::one(
                Diagnostic::error(Code::TooLarge, "a row of more than 4 GiB").in_path(path),
            ));
        }
        let ty = &record[type_col];
        let ty = match self.types.get_index_of(ty) {
            Some(i) => i,
            None => self.types.insert_full(ty.into()).0,
        };
        let Ok(ty) = u16::try_from(ty) else {
            return Err(Error::one(
                Diagnostic::error(
                    Code::TooMany,
                    format!("more than {} distinct relation types", u16::MAX),
                )
                .in_path(path),
            ));
        };
        batch.types.push(ty);
        batch.lines.push(
            record
                .position()
                .map_or(0, |p| p.line().min(u32::MAX as u64) as u32),
        );
        for f in 0..self.header.columns.len() {
            // The type is kept as its index above; its bytes would only take room.
            if f != type_col {
                batch.buf.extend_from_slice(&record[f]);
            }
            batch.ends.push(batch.buf.len() as u32);
        }
        Ok(())
    }
}

/// A row's two ends as node indices; `MISSING` where the id is not a node.
const MISSING: u32 = u32::MAX;

/// What step 2 makes of one batch: each row's ends, and its attribute values by column
/// (`Err(())` for a cell that does not parse as its column's type).
struct Resolved {
    ends: Vec<[u32; 2]>,
    values: Vec<Vec<Result<Option<AttrValue>, ()>>>,
}

/// Where the columns step 2 reads are.
struct Plan {
    fields: usize,
    start: usize,
    end: usize,
    /// (column, type, is a list) of each attribute column.
    attrs: Vec<(usize, Type, bool)>,
}

impl Plan {
    fn new(header: &Header) -> Self {
        Plan {
            fields: header.columns.len(),
            start: header.position(|c| matches!(c, Column::Start)),
            end: header.position(|c| matches!(c, Column::End)),
            attrs: header
                .columns
                .iter()
                .enumerate()
                .filter_map(|(c, col)| match col {
                    Column::Attr { ty, array, .. } => Some((c, *ty, *array)),
                    _ => None,
                })
                .collect(),
        }
    }

    /// Step 2 for one batch: each row's ends and typed attribute values.
    fn resolve(&self, ids: IdLookup, b: &Batch) -> Resolved {
        let lookup = |bytes: &[u8]| {
            std::str::from_utf8(bytes)
                .ok()
                .and_then(|id| ids.get(id))
                .map_or(MISSING, |i| i as u32)
        };
        // Edge files are usually grouped by their start: one lookup per group, not per row.
        let mut last: Option<(&[u8], u32)> = None;
        let ends = (0..b.rows())
            .map(|r| {
                let s = b.field(self.fields, r, self.start);
                let a = match last {
                    Some((id, n)) if id == s => n,
                    _ => {
                        let n = lookup(s);
                        last = Some((s, n));
                        n
                    }
                };
                [a, lookup(b.field(self.fields, r, self.end))]
            })
            .collect();
        let values = self
            .attrs
            .iter()
            .map(|&(c, ty, array)| {
                (0..b.rows())
                    .map(|r| match b.field(self.fields, r, c) {
                        [] => Ok(None),
                        cell => typed(&String::from_utf8_lossy(cell), ty, array)
                            .map(Some)
                            .ok_or(()),
                    })
                    .collect()
            })
            .collect();
        Resolved { ends, values }
    }
}

/// Runs `work` on every item on as many threads as there are cores, and hands each item
/// with its result to `deliver` in the items' order while the rest are still being worked
/// on. Each worker owns its items, so an item is freed as soon as it is delivered.
fn in_order_on_all_cores<T: Send, R: Send>(
    items: Vec<T>,
    work: impl Fn(&T) -> R + Sync,
    mut deliver: impl FnMut(T, R),
) {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let mut shares: Vec<Vec<(usize, T)>> = (0..threads).map(|_| Vec::new()).collect();
    for (i, item) in items.into_iter().enumerate() {
        shares[i % threads].push((i, item));
    }
    std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::channel::<(usize, T, R)>();
        for share in shares {
            let (work, send) = (&work, send.clone());
            s.spawn(move || {
                for (i, item) in share {
                    let result = work(&item);
                    if send.send((i, item, result)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        // Hold back what arrives early.
        let mut early = std::collections::BTreeMap::new();
        let mut next = 0;
        for (i, item, result) in receive {
            early.insert(i, (item, result));
            while let Some((item, result)) = early.remove(&next) {
                deliver(item, result);
                next += 1;
            }
        }
    });
}

/// Step 3: the edges, in file order, with their attributes, added as step 2 hands each
/// batch on.
pub(super) fn add(b: &mut Builder, mut rows: EdgeRows, path: &Arc<Path>, file: FileId) {
    b.report().extend(std::mem::take(&mut rows.report));
    // Each distinct :TYPE is looked up (or added) once.
    let relations: Vec<Option<RelId>> = rows
        .types
        .iter()
        .map(|t| b.relation(&String::from_utf8_lossy(t)))
        .collect();
    let total = rows.batches.iter().map(Batch::rows).sum();
    let (ids, parts) = b.split();
    rows.header.place_attributes(parts.edge_attrs(), total);
    let fields = rows.header.columns.len();
    let start = rows.header.position(|c| matches!(c, Column::Start));
    let end = rows.header.position(|c| matches!(c, Column::End));
    let source = rows
        .header
        .columns
        .iter()
        .position(|c| matches!(c, Column::Field(_)));
    let attrs: Vec<(usize, usize, &str)> = rows
        .header
        .columns
        .iter()
        .enumerate()
        .filter_map(|(c, col)| match col {
            Column::Attr { col, name, .. } => Some((c, *col, name.as_str())),
            _ => None,
        })
        .collect();
    let progress = Progress::new("edges.csv");
    let mut done = 0usize;
    let batches = std::mem::take(&mut rows.batches);
    let plan = Plan::new(&rows.header);
    in_order_on_all_cores(
        batches,
        |b| plan.resolve(ids, b),
        |batch, mut resolved| {
            for (r, [a, z]) in resolved.ends.iter().copied().enumerate() {
                done += 1;
                progress.tick(done);
                let line = batch.lines[r] as u64;
                let at = Origin::row(file, line);
                let cell =
                    |c: usize| String::from_utf8_lossy(batch.field(fields, r, c)).into_owned();
                if a == MISSING || z == MISSING {
                    parts.unknown_end(&cell(if a == MISSING { start } else { end }), at);
                    continue;
                }
                let Some(relation) = relations[batch.types[r] as usize] else {
                    continue;
                };
                let source = source
                    .map(cell)
                    .filter(|s| !s.is_empty())
                    .map(|s| parts.cite(&s, at));
                let Some(e) = parts.add_edge(
                    NodeIndex::new(a as usize),
                    NodeIndex::new(z as usize),
                    relation,
                    source,
                    at,
                ) else {
                    continue;
                };
                for (k, &(c, col, name)) in attrs.iter().enumerate() {
                    match std::mem::replace(&mut resolved.values[k][r], Ok(None)) {
                        Ok(Some(v)) => parts.edge_attrs().set_at(col, e.index(), v),
                        Ok(None) => {}
                        Err(()) => {
                            let (value, ty) = (cell(c), column_type(&rows.header, c));
                            parts.report.push(
                                at_row(
                                    Code::WrongType,
                                    path,
                                    line,
                                    Some(name),
                                    format!("`{name}` = `{value}` is not a {}", ty.name()),
                                )
                                .help(ty.hint()),
                            );
                        }
                    }
                }
            }
        },
    );
    progress.done();
}

fn column_type(header: &Header, c: usize) -> Type {
    match &header.columns[c] {
        Column::Attr { ty, .. } => *ty,
        _ => Type::Str,
    }
}
