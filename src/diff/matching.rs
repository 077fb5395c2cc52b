//! Which node of NEW each node of OLD is: the node with the same id; else, for a node only
//! in OLD, the node only in NEW that links or names tie it to, when each is the other's one
//! best match (a rename). A tie that could go more than one way is no rename: the nodes
//! stay a removal and an addition, which is never wrong, only less helpful.

use std::collections::{BTreeMap, HashMap};

use petgraph::graph::NodeIndex;

use super::Tie;
use crate::graph::KnowledgeGraph;
use crate::suggest::normalize;

pub struct Matching {
    to_new: Vec<Option<NodeIndex>>,
    to_old: Vec<Option<NodeIndex>>,
    /// (old, new, what ties them), in OLD's node order.
    pub renames: Vec<(NodeIndex, NodeIndex, Tie)>,
}

impl Matching {
    pub fn new(old: &KnowledgeGraph, new: &KnowledgeGraph) -> Self {
        let mut m = Matching {
            to_new: vec![None; old.node_count()],
            to_old: vec![None; new.node_count()],
            renames: Vec::new(),
        };
        for o in old.node_indices() {
            if let Some(n) = new.index_of(old.id(o)) {
                m.pair(o, n);
            }
        }
        for (o, n, tie) in renames(old, new, &m) {
            m.pair(o, n);
            m.renames.push((o, n, tie));
        }
        m
    }

    fn pair(&mut self, o: NodeIndex, n: NodeIndex) {
        self.to_new[o.index()] = Some(n);
        self.to_old[n.index()] = Some(o);
    }

    /// The NEW node an OLD node is, if it is still there.
    pub fn to_new(&self, o: NodeIndex) -> Option<NodeIndex> {
        self.to_new[o.index()]
    }

    /// The OLD node a NEW node was, if it was there.
    pub fn to_old(&self, n: NodeIndex) -> Option<NodeIndex> {
        self.to_old[n.index()]
    }

    /// One number per node of either graph, the same for a node in both: its NEW index, or
    /// for a node only in OLD a number past NEW's nodes.
    pub fn canon_old(&self, o: NodeIndex) -> u32 {
        match self.to_new(o) {
            Some(n) => n.index() as u32,
            None => (self.to_old.len() + o.index()) as u32,
        }
    }

    pub fn canon_new(&self, n: NodeIndex) -> u32 {
        n.index() as u32
    }

    /// The node a canonical number stands for: in NEW, or only in OLD.
    fn side(&self, c: u32) -> (bool, NodeIndex) {
        let c = c as usize;
        match c.checked_sub(self.to_old.len()) {
            None => (true, NodeIndex::new(c)),
            Some(o) => (false, NodeIndex::new(o)),
        }
    }

    /// The id of a canonical number: its NEW id, or its OLD one for a node only in OLD.
    pub fn id<'g>(&self, old: &'g KnowledgeGraph, new: &'g KnowledgeGraph, c: u32) -> &'g str {
        match self.side(c) {
            (true, n) => new.id(n),
            (false, o) => old.id(o),
        }
    }

    /// An OLD node's id as NEW knows it (a renamed node's new id).
    pub fn old_id<'g>(
        &self,
        old: &'g KnowledgeGraph,
        new: &'g KnowledgeGraph,
        o: NodeIndex,
    ) -> &'g str {
        match self.to_new(o) {
            Some(n) => new.id(n),
            None => old.id(o),
        }
    }
}

/// What can tie two nodes: an external link, or a name (normalized).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Key {
    Link(String, String, bool),
    Name(String),
}

/// Every key a node can be tied by, with the tie as this node writes it: its links, then
/// every name it answers to (display name, aliases, the names of later layers' nodes
/// merged into it, and its id), as `resolve::find` matches them.
fn keys(g: &KnowledgeGraph, n: NodeIndex) -> BTreeMap<Key, Tie> {
    let mut out = BTreeMap::new();
    let info = g.info(n);
    for x in info.map(|i| i.external.as_slice()).unwrap_or(&[]) {
        let key = Key::Link(x.namespace.clone(), x.name.clone(), x.variant);
        out.entry(key).or_insert_with(|| Tie::Link {
            namespace: x.namespace.clone(),
            name: x.name.clone(),
        });
    }
    let aliases = info.map(|i| i.aliases.as_slice()).unwrap_or(&[]);
    // Written names before the id, so a tie reads "GPT-3.5" rather than "gpt-3-5".
    let names = g
        .node(n)
        .name
        .into_iter()
        .chain(aliases.iter().map(String::as_str))
        .chain(g.provenance.merged_into(n).map(|m| m.name.as_str()))
        .chain(std::iter::once(g.id(n)));
    for name in names {
        let key = normalize(name);
        if !key.is_empty() {
            out.entry(Key::Name(key))
                .or_insert_with(|| Tie::Name(name.to_string()));
        }
    }
    out
}

/// The one candidate with the most shared keys, if no other has as many.
fn unique_best(scores: impl Iterator<Item = (NodeIndex, usize)>) -> Option<NodeIndex> {
    let mut best: Option<(usize, NodeIndex)> = None;
    let mut tied = false;
    for (n, s) in scores {
        match best {
            Some((b, _)) if s < b => {}
            Some((b, _)) if s == b => tied = true,
            _ => {
                best = Some((s, n));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, n)| n)
}

/// Nodes only in OLD paired with nodes only in NEW that are each other's unique best match.
fn renames(
    old: &KnowledgeGraph,
    new: &KnowledgeGraph,
    m: &Matching,
) -> Vec<(NodeIndex, NodeIndex, Tie)> {
    let added: Vec<NodeIndex> = new
        .node_indices()
        .filter(|&n| m.to_old(n).is_none())
        .collect();
    let mut by_key: HashMap<Key, Vec<NodeIndex>> = HashMap::new();
    let mut added_keys: HashMap<NodeIndex, BTreeMap<Key, Tie>> = HashMap::new();
    for &n in &added {
        let keys = keys(new, n);
        for key in keys.keys() {
            by_key.entry(key.clone()).or_default().push(n);
        }
        added_keys.insert(n, keys);
    }
    // How many keys each pair shares, seen from either side (OLD's node order).
    let mut per_old: BTreeMap<NodeIndex, BTreeMap<NodeIndex, usize>> = BTreeMap::new();
    let mut per_new: HashMap<NodeIndex, BTreeMap<NodeIndex, usize>> = HashMap::new();
    let removed = old.node_indices().filter(|&o| m.to_new(o).is_none());
    for o in removed.filter(|_| !by_key.is_empty()) {
        for key in keys(old, o).keys() {
            for &n in by_key.get(key).into_iter().flatten() {
                *per_old.entry(o).or_default().entry(n).or_insert(0) += 1;
                *per_new.entry(n).or_default().entry(o).or_insert(0) += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (&o, candidates) in &per_old {
        let Some(n) = unique_best(candidates.iter().map(|(&n, &s)| (n, s))) else {
            continue;
        };
        if unique_best(per_new[&n].iter().map(|(&o, &s)| (o, s))) != Some(o) {
            continue;
        }
        let old_keys = keys(old, o);
        let tie = added_keys[&n]
            .iter()
            .find(|(k, _)| old_keys.contains_key(k))
            .map(|(_, tie)| tie.clone())
            .expect("a pair shares a key");
        out.push((o, n, tie));
    }
    out
}
