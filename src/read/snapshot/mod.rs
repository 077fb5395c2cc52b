//! A binary snapshot of a built graph: written once after a large graph is parsed, then
//! mapped by later invocations, which answer without parsing. The graph's arrays are the
//! file's sections as they are (`graph`), behind a checked header (`format`); the snapshot
//! says what it was built from (`fingerprint`), and the cache decides when one may be used
//! (`cache`). See ARCHITECTURE.md, "Snapshots".

pub mod cache;
pub mod fingerprint;
pub mod format;
pub mod graph;

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use memmap2::Mmap;
use serde::{Deserialize, Serialize};

use crate::graph::KnowledgeGraph;
use fingerprint::Fingerprint;
use format::{Mapped, Section, Writer};

/// What a snapshot was built from and by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// The genkg that wrote it.
    pub genkg: String,
    /// The inputs as given, made absolute, in order.
    pub inputs: Vec<String>,
    pub fingerprint: Fingerprint,
}

/// The snapshot of `g` as bytes.
pub fn encode(g: &KnowledgeGraph, meta: &Meta) -> Vec<u8> {
    writer(g, meta).to_bytes()
}

fn writer<'a>(g: &'a KnowledgeGraph, meta: &Meta) -> Writer<'a> {
    let mut w = Writer::default();
    w.json(Section::Meta as u32, meta);
    graph::write(g, &mut w);
    w
}

/// Writes the snapshot of `g` to `path` by way of a temporary file beside it, renamed into
/// place: a reader sees the old snapshot or the whole new one, never part of one, and two
/// writers at once leave one whole snapshot.
pub fn write_file(g: &KnowledgeGraph, meta: &Meta, path: &Path) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".genkg-snapshot-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::with_capacity(1 << 20, temp.as_file_mut());
        writer(g, meta).write_to(&mut out)?;
        out.flush()?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Maps the snapshot at `path`, checked whole: header, checksum, sections, and every index
/// the graph holds. `Err` says what is wrong with it.
pub fn read_file(path: &Path) -> Result<(Meta, KnowledgeGraph), String> {
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    // SAFETY: the mapping is read-only, and genkg never changes a snapshot in place: it
    // writes a new file and renames it over the old one, so the mapped file stays whole.
    // (A user truncating the cache file by hand while genkg runs is out of scope.)
    // Populated: the checksum reads every page anyway, and one call that maps them all
    // costs less than a page fault each (a 1M-node load: 70 → 45 ms).
    let map =
        unsafe { memmap2::MmapOptions::new().populate().map(&file) }.map_err(|e| e.to_string())?;
    decode(map)
}

/// Only what a snapshot says it was built from (`genkg cache info`), after its header and
/// checksum check out.
pub fn read_meta(path: &Path) -> Result<Meta, String> {
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    // SAFETY: as in `read_file`.
    let map = unsafe { Mmap::map(&file) }.map_err(|e| e.to_string())?;
    Mapped::open(map)?.json(Section::Meta as u32)
}

/// The snapshot in `bytes` (fuzzing and tests): copied to an anonymous mapping first.
pub fn decode_bytes(bytes: &[u8]) -> Result<(Meta, KnowledgeGraph), String> {
    // An anonymous map is at least one byte; an empty input is not a snapshot anyway.
    if bytes.is_empty() {
        return Err("not a genkg snapshot".into());
    }
    let mut anon = memmap2::MmapMut::map_anon(bytes.len()).map_err(|e| e.to_string())?;
    anon.copy_from_slice(bytes);
    decode(anon.make_read_only().map_err(|e| e.to_string())?)
}

fn decode(map: Mmap) -> Result<(Meta, KnowledgeGraph), String> {
    let mapped = Mapped::open(map)?;
    let meta: Meta = mapped.json(Section::Meta as u32)?;
    let graph = graph::read(&mapped)?;
    Ok((meta, graph))
}
