//! What a graph was built from, as the file system says now: every file an input could
//! read (a directory's files, recursively; a file and the `schema.toml` and `sources.toml`
//! that may sit beside it; a manifest and its layers), each with its size and modification
//! time, and a hash of its content where that is cheap; every directory's list of names;
//! every path looked for and not found. A snapshot is used only when its fingerprint equals
//! the inputs' fingerprint now.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use crate::read::manifest;

/// Files up to this size are hashed too: an edit that keeps size and time (a restored
/// backup, a `touch -d`) still shows. Larger ones are known by size and time only, which a
/// one-byte edit changes through the modification time.
pub const HASHED_UP_TO: u64 = 1 << 20;
/// How deep directories and manifests are followed (a link loop stops here).
const MAX_DEPTH: usize = 16;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "is", rename_all = "lowercase")]
pub enum Stamp {
    File {
        size: u64,
        modified_ns: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        xxh3: Option<u64>,
    },
    Dir {
        names_xxh3: u64,
    },
    Absent,
    /// There but unreadable: never equal to anything, so never used.
    Unreadable,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub paths: BTreeMap<String, Stamp>,
}

impl Fingerprint {
    /// The fingerprint of the inputs, taken before they are read (so that an input changed
    /// while it is read leaves a stale fingerprint, and the next run rebuilds).
    pub fn of(inputs: &[PathBuf]) -> Self {
        let mut f = Fingerprint::default();
        for path in inputs {
            f.input(path, 0);
        }
        f
    }

    /// The total size of the files, in bytes.
    pub fn bytes(&self) -> u64 {
        self.paths
            .values()
            .map(|s| match s {
                Stamp::File { size, .. } => *size,
                _ => 0,
            })
            .sum()
    }

    /// The files (not directories, not absent paths).
    pub fn files(&self) -> impl Iterator<Item = PathBuf> + '_ {
        self.paths
            .iter()
            .filter(|(_, s)| matches!(s, Stamp::File { .. }))
            .map(|(p, _)| PathBuf::from(p))
    }

    /// Whether every path could be read (a fingerprint with an unreadable path never
    /// matches, so it is not worth storing).
    pub fn is_complete(&self) -> bool {
        !self.paths.values().any(|s| *s == Stamp::Unreadable)
    }

    fn input(&mut self, path: &Path, depth: usize) {
        if depth > MAX_DEPTH || self.paths.contains_key(&key(path)) {
            return;
        }
        if path.is_dir() {
            self.dir(path, depth);
        } else if let Some(layers) = manifest::listed_layers(path) {
            self.file(path);
            let dir = path.parent().unwrap_or(Path::new("."));
            for layer in layers {
                self.input(&dir.join(layer), depth + 1);
            }
        } else {
            self.file(path);
            let dir = path.parent().unwrap_or(Path::new("."));
            self.file(&dir.join("schema.toml"));
            self.file(&dir.join("sources.toml"));
        }
    }

    fn dir(&mut self, dir: &Path, depth: usize) {
        let Ok(entries) = fs::read_dir(dir) else {
            self.paths.insert(key(dir), Stamp::Unreadable);
            return;
        };
        let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        names.sort();
        let mut listing = Vec::new();
        for name in &names {
            listing.extend_from_slice(name.as_os_str().as_encoded_bytes());
            listing.push(0);
        }
        let names_xxh3 = xxhash_rust::xxh3::xxh3_64(&listing);
        self.paths.insert(key(dir), Stamp::Dir { names_xxh3 });
        for name in names {
            if name.is_dir() {
                if depth < MAX_DEPTH {
                    self.dir(&name, depth + 1);
                }
            } else {
                self.file(&name);
            }
        }
    }

    fn file(&mut self, path: &Path) {
        let stamp = match fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Stamp::Absent,
            Err(_) => Stamp::Unreadable,
            Ok(meta) => {
                let modified_ns = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64);
                let xxh3 = if meta.len() <= HASHED_UP_TO {
                    match fs::read(path) {
                        Ok(bytes) => Some(xxhash_rust::xxh3::xxh3_64(&bytes)),
                        Err(_) => {
                            self.paths.insert(key(path), Stamp::Unreadable);
                            return;
                        }
                    }
                } else {
                    None
                };
                Stamp::File {
                    size: meta.len(),
                    modified_ns,
                    xxh3,
                }
            }
        };
        self.paths.insert(key(path), stamp);
    }
}

/// A path as the fingerprint names it: absolute where it can be made so.
fn key(path: &Path) -> String {
    std::path::absolute(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}
