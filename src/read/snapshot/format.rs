//! The snapshot file: a header, a table of sections, and the sections, each a flat array
//! (or a small JSON document) aligned to 8 bytes, so that a mapped file is the graph's
//! storage as is.
//!
//! ```text
//! 0   magic "GENKGSNP"
//! 8   format version (u32), section count (u32)
//! 16  checksum: xxh3-64 of everything after the header
//! 24  file length (u64)
//! 32  sections: count × (id u32, 0 u32, offset u64, length in bytes u64)
//! ..  the sections
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Seek, SeekFrom, Write};
use std::sync::Arc;

use bytemuck::Pod;
use memmap2::Mmap;
use xxhash_rust::xxh3::Xxh3;

pub const MAGIC: &[u8; 8] = b"GENKGSNP";
/// Bumped whenever the layout or a section's meaning changes: an older snapshot is rebuilt.
pub const VERSION: u32 = 1;
pub const HEADER: usize = 32;
const ENTRY: usize = 24;

/// The sections, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u32)]
pub enum Section {
    Meta = 1,
    Schema,
    Sources,
    Provenance,
    IdEnds,
    IdBytes,
    IdSlots,
    Kind,
    Year,
    NodeSource,
    HasName,
    NameEnds,
    NameBytes,
    Infos,
    From,
    To,
    Relation,
    EdgeSource,
    OutStart,
    OutEdges,
    InStart,
    InEdges,
    NodeAttrKeys,
    EdgeAttrKeys,
}

/// Attribute columns take ids from here on: node columns at `NODE_COLUMNS + i`, edge
/// columns at `EDGE_COLUMNS + i`.
pub const NODE_COLUMNS: u32 = 1_000;
pub const EDGE_COLUMNS: u32 = 1_000_000;

/// Collects a snapshot's sections, borrowed from the graph where they are its arrays, and
/// writes them out in one pass (so writing costs no second copy of the graph).
#[derive(Default)]
pub struct Writer<'a> {
    sections: Vec<(u32, Cow<'a, [u8]>)>,
}

impl<'a> Writer<'a> {
    pub fn add(&mut self, id: u32, bytes: Cow<'a, [u8]>) {
        self.sections.push((id, bytes));
    }

    pub fn array<T: Pod>(&mut self, s: Section, values: &'a [T]) {
        self.add(s as u32, Cow::Borrowed(bytemuck::cast_slice(values)));
    }

    /// An array made for the snapshot (not one the graph holds).
    pub fn owned_array<T: Pod>(&mut self, s: Section, values: Vec<T>) {
        self.add(s as u32, Cow::Owned(bytemuck::cast_slice(&values).to_vec()));
    }

    pub fn json(&mut self, id: u32, value: &impl serde::Serialize) {
        let bytes = serde_json::to_vec(value).expect("plain data serializes");
        self.add(id, Cow::Owned(bytes));
    }

    /// The header and section table, then the sections, each at a multiple of 8; the
    /// checksum is filled in at the end.
    pub fn write_to<W: Write + Seek>(self, out: &mut W) -> std::io::Result<()> {
        let mut head = vec![0u8; HEADER + self.sections.len() * ENTRY];
        let mut at = head.len() as u64;
        for (k, (id, bytes)) in self.sections.iter().enumerate() {
            at = at.next_multiple_of(8);
            let entry = HEADER + k * ENTRY;
            head[entry..entry + 4].copy_from_slice(&id.to_le_bytes());
            head[entry + 8..entry + 16].copy_from_slice(&at.to_le_bytes());
            head[entry + 16..entry + 24].copy_from_slice(&(bytes.len() as u64).to_le_bytes());
            at += bytes.len() as u64;
        }
        let total = at;
        head[0..8].copy_from_slice(MAGIC);
        head[8..12].copy_from_slice(&VERSION.to_le_bytes());
        head[12..16].copy_from_slice(&(self.sections.len() as u32).to_le_bytes());
        head[24..32].copy_from_slice(&total.to_le_bytes());
        let mut sum = Xxh3::new();
        let mut written = head.len() as u64;
        out.write_all(&head)?;
        sum.update(&head[HEADER..]);
        for (_, bytes) in &self.sections {
            let pad = &[0u8; 8][..(written.next_multiple_of(8) - written) as usize];
            for chunk in [pad, bytes] {
                out.write_all(chunk)?;
                sum.update(chunk);
                written += chunk.len() as u64;
            }
        }
        out.seek(SeekFrom::Start(16))?;
        out.write_all(&sum.digest().to_le_bytes())?;
        out.seek(SeekFrom::Start(total))?;
        Ok(())
    }

    /// The snapshot as bytes (tests and fuzzing).
    pub fn to_bytes(self) -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        self.write_to(&mut out)
            .expect("writing to memory cannot fail");
        out.into_inner()
    }
}

/// Makes the checksum match the bytes again (tests: damage that a checksum would not catch
/// must still be caught by the structural check).
pub fn reseal(bytes: &mut [u8]) {
    if bytes.len() >= HEADER {
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[HEADER..]);
        bytes[16..24].copy_from_slice(&sum.to_le_bytes());
    }
}

/// A mapped snapshot whose header, checksum and section table are checked.
pub struct Mapped {
    pub map: Arc<Mmap>,
    sections: BTreeMap<u32, (usize, usize)>,
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

impl Mapped {
    /// Checks the header, the length, the checksum and that every section lies in the file.
    pub fn open(map: Mmap) -> Result<Self, String> {
        let b: &[u8] = &map;
        if b.len() < HEADER || &b[0..8] != MAGIC {
            return Err("not a genkg snapshot".into());
        }
        let version = u32_at(b, 8).unwrap_or(0);
        if version != VERSION {
            return Err(format!(
                "written in snapshot format {version}; this genkg reads {VERSION}"
            ));
        }
        if u64_at(b, 24) != Some(b.len() as u64) {
            return Err("truncated or extended".into());
        }
        if u64_at(b, 16) != Some(xxhash_rust::xxh3::xxh3_64(&b[HEADER..])) {
            return Err("its checksum does not match: the file is damaged".into());
        }
        let count = u32_at(b, 12).unwrap_or(0) as usize;
        let table_end = count
            .checked_mul(ENTRY)
            .and_then(|t| t.checked_add(HEADER))
            .filter(|&t| t <= b.len())
            .ok_or("its section table runs past the end")?;
        let mut sections = BTreeMap::new();
        for k in 0..count {
            let at = HEADER + k * ENTRY;
            let (id, offset, len) = (
                u32_at(b, at).unwrap_or(0),
                u64_at(b, at + 8).unwrap_or(u64::MAX) as usize,
                u64_at(b, at + 16).unwrap_or(u64::MAX) as usize,
            );
            let inside =
                offset >= table_end && offset.checked_add(len).is_some_and(|end| end <= b.len());
            if !inside {
                return Err(format!("section {id} lies outside the file"));
            }
            sections.insert(id, (offset, len));
        }
        Ok(Mapped {
            map: Arc::new(map),
            sections,
        })
    }

    pub fn bytes(&self, id: u32) -> Result<&[u8], String> {
        let &(offset, len) = self
            .sections
            .get(&id)
            .ok_or_else(|| format!("section {id} is missing"))?;
        Ok(&self.map[offset..offset + len])
    }

    /// A section as a typed slice of the mapped file (checked for size and alignment).
    pub fn array<T: Pod>(&self, s: Section) -> Result<crate::graph::store::Store<T>, String> {
        let &(offset, len) = self
            .sections
            .get(&(s as u32))
            .ok_or_else(|| format!("section {s:?} is missing"))?;
        let size = std::mem::size_of::<T>();
        if len % size != 0 {
            return Err(format!("section {s:?} is not a whole number of values"));
        }
        crate::graph::store::Store::mapped(&self.map, offset, len / size)
            .ok_or_else(|| format!("section {s:?} is misaligned"))
    }

    /// A section as bytes of the mapped file, kept mapped (for JSON decoded later).
    pub fn raw(&self, id: u32) -> Result<crate::graph::store::Store<u8>, String> {
        let &(offset, len) = self
            .sections
            .get(&id)
            .ok_or_else(|| format!("section {id} is missing"))?;
        crate::graph::store::Store::mapped(&self.map, offset, len)
            .ok_or_else(|| format!("section {id} lies outside the file"))
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self, id: u32) -> Result<T, String> {
        serde_json::from_slice(self.bytes(id)?).map_err(|e| format!("section {id}: {e}"))
    }
}
