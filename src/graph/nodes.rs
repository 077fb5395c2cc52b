//! The nodes, a column per fact: kinds, years and sources as flat arrays, names as a table
//! of strings, and the rarely present text-heavy facts (aliases, dates, summaries, links)
//! apart, decoded only when first asked for in a mapped graph.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::store::{Store, StrTable};
use super::{Node, NodeInfo, SourceId};
use crate::schema::KindId;

/// A year no node has: "no year".
pub const NO_YEAR: i32 = i32::MIN;
/// A source id no source has: "no source".
pub const NO_SOURCE: u32 = u32::MAX;

/// A node's facts as the graph hands them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeRef<'a> {
    pub kind: KindId,
    pub year: Option<i32>,
    pub name: Option<&'a str>,
    /// The primary source of the node's own facts.
    pub source: Option<SourceId>,
}

#[derive(Debug, Clone)]
pub enum Names {
    Built(Vec<Option<Box<str>>>),
    /// `has[n]` is 1 where node `n` has a name, `table` holds one (maybe empty) per node.
    Mapped {
        has: Store<u8>,
        table: StrTable,
    },
}

#[derive(Debug)]
pub enum Infos {
    Built(Vec<Option<Box<NodeInfo>>>),
    /// JSON of `{node: info}` for the nodes that have one, decoded when first read.
    Mapped {
        json: Store<u8>,
        decoded: OnceLock<HashMap<u32, NodeInfo>>,
    },
}

impl Clone for Infos {
    fn clone(&self) -> Self {
        match self {
            Infos::Built(v) => Infos::Built(v.clone()),
            Infos::Mapped { json, decoded } => Infos::Mapped {
                json: json.clone(),
                decoded: decoded.clone(),
            },
        }
    }
}

#[derive(Debug, Clone)]
pub struct NodeTable {
    pub kind: Store<KindId>,
    pub year: Store<i32>,
    pub source: Store<u32>,
    pub name: Names,
    pub info: Infos,
}

impl NodeTable {
    pub fn from_nodes(nodes: Vec<Node>) -> Self {
        let n = nodes.len();
        let (mut kind, mut year, mut source) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let (mut name, mut info) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for node in nodes {
            kind.push(node.kind);
            year.push(node.year.unwrap_or(NO_YEAR));
            source.push(node.source.unwrap_or(NO_SOURCE));
            name.push(node.name);
            info.push(node.info);
        }
        NodeTable {
            kind: kind.into(),
            year: year.into(),
            source: source.into(),
            name: Names::Built(name),
            info: Infos::Built(info),
        }
    }

    pub fn len(&self) -> usize {
        self.kind.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kind.is_empty()
    }

    pub fn get(&self, n: usize) -> NodeRef<'_> {
        let year = self.year[n];
        let source = self.source[n];
        NodeRef {
            kind: self.kind[n],
            year: (year != NO_YEAR).then_some(year),
            name: self.name(n),
            source: (source != NO_SOURCE).then_some(source),
        }
    }

    pub fn name(&self, n: usize) -> Option<&str> {
        match &self.name {
            Names::Built(v) => v[n].as_deref(),
            Names::Mapped { has, table } => (has[n] != 0).then(|| table.get(n)),
        }
    }

    pub fn info(&self, n: usize) -> Option<&NodeInfo> {
        match &self.info {
            Infos::Built(v) => v[n].as_deref(),
            Infos::Mapped { json, decoded } => decoded
                .get_or_init(|| serde_json::from_slice(json).unwrap_or_default())
                .get(&(n as u32)),
        }
    }
}
