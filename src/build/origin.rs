//! Where each node, edge and cited source was read from, so that validation, which runs on
//! the built graph, can point at the place in whatever format it came from: a span of a
//! TOML or JSON file, or a row of a CSV file. One `u64` an element, because a million-node
//! graph has millions of them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Location, SourceFile};

/// A file the graph was read from.
#[derive(Debug, Clone)]
pub enum OriginFile {
    /// Read whole and kept: places in it are byte spans, shown with a snippet.
    Text(SourceFile),
    /// Read as a stream: places in it are line numbers.
    Rows(Arc<Path>),
}

pub type FileId = u16;

/// A place in one of the files: 16 bits of file, 32 of start (a byte offset, or a line),
/// 16 of length. A span longer than 65,535 bytes keeps its start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin(u64);

impl Origin {
    pub const NONE: Origin = Origin(u64::MAX);

    pub fn new(file: FileId, start: usize, len: usize) -> Origin {
        if file == FileId::MAX {
            return Origin::NONE;
        }
        let start = start.min(u32::MAX as usize) as u64;
        let len = len.min(u16::MAX as usize) as u64;
        Origin(((file as u64) << 48) | (start << 16) | len)
    }

    /// A whole file.
    pub fn file(file: FileId) -> Origin {
        Origin::new(file, 0, 0)
    }

    /// A line of a streamed file.
    pub fn row(file: FileId, line: u64) -> Origin {
        Origin::new(file, line.min(u32::MAX as u64) as usize, 0)
    }

    fn parts(self) -> Option<(usize, usize, usize)> {
        (self != Origin::NONE).then_some((
            (self.0 >> 48) as usize,
            ((self.0 >> 16) & 0xffff_ffff) as usize,
            (self.0 & 0xffff) as usize,
        ))
    }
}

/// The files, and the origin of every node, edge and cited source of one graph.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    files: Vec<OriginFile>,
    pub(crate) nodes: Vec<Origin>,
    pub(crate) edges: Vec<Origin>,
    /// For each source id: where it was first cited (or declared).
    pub(crate) sources: Vec<Origin>,
}

impl Origins {
    /// Adds a file; past 65,534 files, places in further files are not kept.
    pub fn add_file(&mut self, file: OriginFile) -> FileId {
        match FileId::try_from(self.files.len()) {
            Ok(id) if id < FileId::MAX => {
                self.files.push(file);
                id
            }
            _ => FileId::MAX,
        }
    }

    pub fn text(&self, id: FileId) -> Option<&SourceFile> {
        match self.files.get(id as usize)? {
            OriginFile::Text(f) => Some(f),
            OriginFile::Rows(_) => None,
        }
    }

    pub fn locate(&self, origin: Origin) -> Option<Location> {
        let (file, start, len) = origin.parts()?;
        Some(match self.files.get(file)? {
            OriginFile::Text(f) if len == 0 && start == 0 => Location::File(f.path.clone()),
            OriginFile::Text(f) => Location::Span {
                file: f.clone(),
                span: start..start + len,
            },
            OriginFile::Rows(path) => Location::Row {
                path: path.clone(),
                line: start as u64,
                column: None,
            },
        })
    }

    pub fn node(&self, n: petgraph::graph::NodeIndex) -> Option<Location> {
        self.locate(*self.nodes.get(n.index())?)
    }

    pub fn edge(&self, e: petgraph::graph::EdgeIndex) -> Option<Location> {
        self.locate(*self.edges.get(e.index())?)
    }

    pub fn source(&self, s: u32) -> Option<Location> {
        self.locate(*self.sources.get(s as usize)?)
    }

    /// The paths of the files read, in order (what a run must not overwrite).
    pub fn paths(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.files.len()).filter_map(|i| self.path(i as FileId))
    }

    /// The path of a file (for messages about a whole input).
    pub fn path(&self, id: FileId) -> Option<PathBuf> {
        Some(match self.files.get(id as usize)? {
            OriginFile::Text(f) => f.path.clone(),
            OriginFile::Rows(p) => p.to_path_buf(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_pack_and_unpack() {
        let o = Origin::new(3, 123_456, 17);
        assert_eq!(o.parts(), Some((3, 123_456, 17)));
        assert_eq!(Origin::NONE.parts(), None);
        assert_eq!(Origin::new(FileId::MAX, 1, 1), Origin::NONE);
        // Saturating, never wrapping into the file bits.
        assert_eq!(
            Origin::new(1, usize::MAX, usize::MAX).parts(),
            Some((1, u32::MAX as usize, u16::MAX as usize))
        );
    }
}
