//! Flat storage the graph reads the same whether it owns it (a graph just built) or maps it
//! from a snapshot file (a graph loaded without parsing, `crate::read::snapshot`): slices of
//! plain values, and tables of strings packed end to end.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use bytemuck::Pod;
use memmap2::Mmap;

/// A slice of plain values.
pub enum Store<T: Pod> {
    Owned(Vec<T>),
    /// `len` values from byte `start` of a mapped file, checked for bounds and alignment
    /// when made (so reading it never panics).
    Mapped {
        map: Arc<Mmap>,
        start: usize,
        len: usize,
    },
}

impl<T: Pod> Store<T> {
    /// `len` values at byte `start` of `map`, if they are inside it and aligned for `T`.
    pub fn mapped(map: &Arc<Mmap>, start: usize, len: usize) -> Option<Self> {
        let bytes = len.checked_mul(std::mem::size_of::<T>())?;
        let end = start.checked_add(bytes)?;
        let slice = map.get(start..end)?;
        bytemuck::try_cast_slice::<u8, T>(slice).ok()?;
        Some(Store::Mapped {
            map: map.clone(),
            start,
            len,
        })
    }
}

impl<T: Pod> Deref for Store<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Store::Owned(v) => v,
            Store::Mapped { map, start, len } => {
                bytemuck::cast_slice(&map[*start..*start + len * std::mem::size_of::<T>()])
            }
        }
    }
}

impl<T: Pod> Clone for Store<T> {
    fn clone(&self) -> Self {
        match self {
            Store::Owned(v) => Store::Owned(v.clone()),
            Store::Mapped { map, start, len } => Store::Mapped {
                map: map.clone(),
                start: *start,
                len: *len,
            },
        }
    }
}

impl<T: Pod> Default for Store<T> {
    fn default() -> Self {
        Store::Owned(Vec::new())
    }
}

impl<T: Pod + fmt::Debug> fmt::Debug for Store<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Store::Owned(v) => write!(f, "Owned({} values)", v.len()),
            Store::Mapped { len, .. } => write!(f, "Mapped({len} values)"),
        }
    }
}

impl<T: Pod> From<Vec<T>> for Store<T> {
    fn from(v: Vec<T>) -> Self {
        Store::Owned(v)
    }
}

/// Strings packed end to end: string `i` is `bytes[ends[i - 1]..ends[i]]` (from 0 for the
/// first). A string is checked to be UTF-8 when read, so a damaged table shows `�`, never
/// undefined behaviour.
#[derive(Clone, Debug, Default)]
pub struct StrTable {
    pub ends: Store<u64>,
    pub bytes: Store<u8>,
}

impl StrTable {
    pub fn build<'a>(strings: impl Iterator<Item = &'a str>) -> Self {
        let (mut ends, mut bytes) = (Vec::new(), Vec::new());
        for s in strings {
            bytes.extend_from_slice(s.as_bytes());
            ends.push(bytes.len() as u64);
        }
        StrTable {
            ends: ends.into(),
            bytes: bytes.into(),
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = self.ends[i] as usize;
        self.bytes
            .get(start..end)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("\u{fffd}")
    }
}
