//! Where the facts of a graph read in layers came from: each node's and edge's layer, the
//! nodes of later layers found to be the same entity as an earlier node (and how), and
//! the facts a later layer filled in. A graph read from one input has one layer.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::{EdgeIndex, NodeIndex, SourceId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layer {
    /// `graph`, `epoch`: the reader's namespace, else the input's file name.
    pub name: String,
    pub path: PathBuf,
}

/// How a node of a later layer was found to be an earlier node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MatchedBy {
    /// The earlier node names it in `[external.<layer>] same`.
    Link,
    /// Its name is the earlier node's name.
    Name,
    /// Its name is one of the earlier node's aliases.
    Alias,
}

impl MatchedBy {
    pub fn words(self) -> &'static str {
        match self {
            MatchedBy::Link => "by link",
            MatchedBy::Name => "by name",
            MatchedBy::Alias => "by alias",
        }
    }
}

/// A node of a later layer merged into an earlier node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merge {
    pub node: NodeIndex,
    pub layer: u8,
    /// The node's id and name in that layer.
    pub id: String,
    pub name: String,
    pub by: MatchedBy,
    pub source: Option<SourceId>,
}

/// A fact of a node that a later layer supplied (the earlier layers did not have it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filled {
    pub node: NodeIndex,
    /// `year`, `date`, `summary`, `url`, or an attribute's key.
    pub field: String,
    pub layer: u8,
    pub source: Option<SourceId>,
}

/// An edge an earlier layer has that a later layer states too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Confirmed {
    pub edge: EdgeIndex,
    pub layer: u8,
    pub source: Option<SourceId>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub layers: Vec<Layer>,
    /// Each node's layer (empty when there is one layer).
    pub node_layer: Vec<u8>,
    /// Each edge's layer (empty when there is one layer).
    pub edge_layer: Vec<u8>,
    pub merges: Vec<Merge>,
    pub filled: Vec<Filled>,
    pub confirmed: Vec<Confirmed>,
}

impl Provenance {
    pub fn is_layered(&self) -> bool {
        self.layers.len() > 1
    }

    pub fn node_layer(&self, n: NodeIndex) -> u8 {
        self.node_layer.get(n.index()).copied().unwrap_or(0)
    }

    pub fn edge_layer(&self, e: EdgeIndex) -> u8 {
        self.edge_layer.get(e.index()).copied().unwrap_or(0)
    }

    pub fn layer_name(&self, layer: u8) -> &str {
        self.layers
            .get(layer as usize)
            .map_or("", |l| l.name.as_str())
    }

    /// The later layers' nodes merged into `n`.
    pub fn merged_into(&self, n: NodeIndex) -> impl Iterator<Item = &Merge> {
        self.merges.iter().filter(move |m| m.node == n)
    }

    /// The later layers that state edge `e` too.
    pub fn confirmations(&self, e: EdgeIndex) -> impl Iterator<Item = &Confirmed> {
        self.confirmed.iter().filter(move |c| c.edge == e)
    }

    /// Who supplied a field of `n`, if a later layer did.
    pub fn filled(&self, n: NodeIndex, field: &str) -> Option<&Filled> {
        self.filled.iter().find(|f| f.node == n && f.field == field)
    }
}
