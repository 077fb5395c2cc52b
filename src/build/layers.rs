//! Layers: a graph read from several inputs, merged in order, the first authoritative. A
//! node of a later layer is an earlier node when that node links to it
//! (`[external.<layer>] same`), or has its name or an alias as its own; the earlier
//! node's facts win where the layers disagree, and the disagreement is reported. A later
//! layer's edge the earlier layers already have is not added twice; one they overrule (a
//! relation with `merge = "first"`, or a kind the merged node does not have) is left out
//! and reported.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::Origin;
use crate::graph::{Confirmed, External, Filled, Layer, MatchedBy, Merge, Node, SourceId};
use crate::schema::{KindId, MergeRule, RelId, Schema};

/// What a layer brought, for `check`'s reconciliation summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LayerSummary {
    pub name: String,
    pub path: std::path::PathBuf,
    pub nodes: usize,
    pub matched: BTreeMap<MatchedBy, usize>,
    pub new: usize,
    pub variants: usize,
    pub edges: usize,
    pub edges_known: usize,
    pub edges_left_out: usize,
    pub conflicts: BTreeMap<String, usize>,
}

/// A disagreement between layers, put in words once the graph is built (it names nodes
/// by id, which only the graph knows).
#[derive(Debug, Clone)]
pub(super) struct Disagreement {
    pub layer: u8,
    pub at: Origin,
    pub what: Disagree,
}

#[derive(Debug, Clone)]
pub(super) enum Disagree {
    /// A fact of a merged node: its date, kind, or an attribute.
    Fact {
        node: u32,
        field: String,
        ours: (String, Option<SourceId>),
        theirs: (String, Option<SourceId>),
    },
    /// A relation the first layer decides (`merge = "first"`) says other targets.
    Targets {
        from: u32,
        relation: RelId,
        ours: Vec<Target>,
        theirs: Vec<Target>,
    },
    /// An edge whose end, merged into an earlier node, has a kind the relation does not
    /// allow.
    Kind {
        from: u32,
        relation: RelId,
        to: u32,
        merged: u32,
    },
}

impl Disagreement {
    /// What the summary counts it under.
    pub fn field(&self, schema: &Schema) -> String {
        match &self.what {
            Disagree::Fact { field, .. } => field.clone(),
            Disagree::Targets { relation, .. } => schema.relation(*relation).name.clone(),
            Disagree::Kind { .. } => "edge kinds".into(),
        }
    }
}

/// An edge's target node and the edge's source.
pub(super) type Target = (u32, Option<SourceId>);

pub(super) enum EdgeVerdict {
    Add,
    Skip,
    Conflict,
}

/// The earlier nodes a later layer's names and links are looked up in.
#[derive(Debug, Default)]
struct Matcher {
    links: HashMap<(String, String), Vec<u32>>,
    variants: HashMap<(String, String), Vec<u32>>,
    names: HashMap<String, Vec<u32>>,
    aliases: HashMap<String, Vec<u32>>,
}

fn only(found: Option<&Vec<u32>>) -> Option<u32> {
    match found.map(Vec::as_slice) {
        Some([one]) => Some(*one),
        _ => None,
    }
}

impl Matcher {
    fn add(&mut self, n: u32, id: &str, node: &Node) {
        let push = |map: &mut HashMap<String, Vec<u32>>, key: &str| {
            let list = map.entry(key.trim().to_string()).or_default();
            if !list.contains(&n) {
                list.push(n);
            }
        };
        push(&mut self.names, node.name.as_deref().unwrap_or(id));
        let Some(info) = &node.info else { return };
        for a in &info.aliases {
            push(&mut self.aliases, a);
        }
        for External {
            namespace,
            name,
            variant,
        } in &info.external
        {
            let map = if *variant {
                &mut self.variants
            } else {
                &mut self.links
            };
            map.entry((namespace.clone(), name.trim().to_string()))
                .or_default()
                .push(n);
        }
    }

    /// The one earlier node a record is, and how; none when no node or several match.
    /// A link decides first, then a node naming the record its variant (which is then not
    /// that node), then a name, then an alias.
    fn find(&self, namespace: &str, name: &str) -> Option<(u32, MatchedBy)> {
        let name = name.trim();
        if let Some(n) = only(self.links.get(&(namespace.to_string(), name.to_string()))) {
            return Some((n, MatchedBy::Link));
        }
        if self.variant_of(namespace, name).is_some() {
            return None;
        }
        if let Some(n) = only(self.names.get(name)) {
            return Some((n, MatchedBy::Name));
        }
        only(self.aliases.get(name)).map(|n| (n, MatchedBy::Alias))
    }

    fn variant_of(&self, namespace: &str, name: &str) -> Option<u32> {
        only(
            self.variants
                .get(&(namespace.to_string(), name.trim().to_string())),
        )
    }
}

#[derive(Debug, Default)]
pub(super) struct Layers {
    infos: Vec<Layer>,
    matcher: Matcher,
    /// Earlier layers' edges: (from, relation) → (target, source).
    earlier: HashMap<(u32, RelId), Vec<Target>>,
    /// The edge each (from, relation, to) is, for a later layer that states it again.
    known: HashMap<(u32, RelId, u32), u32>,
    /// Each node's and edge's layer, kept once there is a second layer.
    pub node_layer: Vec<u8>,
    pub edge_layer: Vec<u8>,
    pub merges: Vec<Merge>,
    pub filled: Vec<Filled>,
    pub confirmed: Vec<Confirmed>,
    pub disagreements: Vec<Disagreement>,
    pub summary: Vec<LayerSummary>,
}

impl Layers {
    pub fn current(&self) -> u8 {
        self.infos.len().saturating_sub(1) as u8
    }

    pub fn namespace(&self) -> &str {
        self.infos.last().map_or("", |l| l.name.as_str())
    }

    pub fn infos(&self) -> &[Layer] {
        &self.infos
    }

    /// Starts a layer. From the second on, the nodes and edges read so far are indexed
    /// for matching.
    pub fn begin(
        &mut self,
        name: &str,
        path: &Path,
        nodes: &[Node],
        ids: &crate::graph::IdSet,
        edges: (&[u32], &[u32], &[crate::graph::Edge]),
    ) -> Result<(), String> {
        if self.infos.len() >= u8::MAX as usize {
            return Err(format!("more than {} layers", u8::MAX));
        }
        self.infos.push(Layer {
            name: name.to_string(),
            path: path.to_path_buf(),
        });
        self.summary.push(LayerSummary {
            name: name.to_string(),
            path: path.to_path_buf(),
            ..LayerSummary::default()
        });
        if self.infos.len() == 1 {
            return Ok(());
        }
        self.node_layer.resize(nodes.len(), 0);
        self.edge_layer.resize(edges.2.len(), 0);
        self.matcher = Matcher::default();
        for (i, node) in nodes.iter().enumerate() {
            self.matcher.add(i as u32, &ids[i], node);
        }
        self.earlier.clear();
        self.known.clear();
        for (e, edge) in edges.2.iter().enumerate() {
            self.earlier
                .entry((edges.0[e], edge.relation))
                .or_default()
                .push((edges.1[e], edge.source));
            self.known
                .insert((edges.0[e], edge.relation, edges.1[e]), e as u32);
        }
        Ok(())
    }

    pub fn find(&self, name: &str) -> Option<(u32, MatchedBy)> {
        self.matcher.find(self.namespace(), name)
    }

    pub fn variant_of(&self, name: &str) -> Option<u32> {
        self.matcher.variant_of(self.namespace(), name)
    }

    pub fn summary_mut(&mut self) -> &mut LayerSummary {
        self.summary.last_mut().expect("a layer has begun")
    }

    pub fn node_added(&mut self, nodes: usize) {
        if self.current() > 0 {
            self.node_layer.resize(nodes - 1, 0);
            self.node_layer.push(self.current());
        }
    }

    pub fn edge_added(&mut self, layer: u8, edges: usize) {
        if self.current() > 0 {
            self.edge_layer.resize(edges - 1, 0);
            self.edge_layer.push(layer);
        }
    }

    /// Whether node `n` came from an earlier layer than the current one.
    pub fn is_earlier(&self, n: u32) -> bool {
        self.node_layer.get(n as usize).copied().unwrap_or(0) < self.current()
    }

    /// Whether a later layer's edge is added: not when an earlier layer has it already,
    /// nor when the earlier layers overrule it.
    /// `next` is the index the edge gets if it is added.
    pub fn judge_edge(
        &mut self,
        schema: &Schema,
        kinds: impl Fn(NodeIndex) -> KindId,
        (from, relation, to): (NodeIndex, RelId, NodeIndex),
        (source, at, next): (Option<SourceId>, Origin, u32),
    ) -> EdgeVerdict {
        let (f, t) = (from.index() as u32, to.index() as u32);
        self.summary_mut().edges += 1;
        if let Some(&e) = self.known.get(&(f, relation, t)) {
            // An earlier layer's edge stated again: it keeps this layer as a source too.
            let layer = self.current();
            if self.edge_layer.get(e as usize).copied().unwrap_or(0) < layer {
                self.summary_mut().edges_known += 1;
                self.confirmed.push(Confirmed {
                    edge: EdgeIndex::new(e as usize),
                    layer,
                    source,
                });
            }
            return EdgeVerdict::Skip;
        }
        let ours = self
            .earlier
            .get(&(f, relation))
            .cloned()
            .unwrap_or_default();
        let rel = schema.relation(relation);
        // A merged node keeps its earlier kind, which this relation may not allow.
        let from_fits = rel.from.is_empty() || rel.from.contains(&kinds(from));
        let to_fits = rel.to.is_empty() || rel.to.contains(&kinds(to));
        let what = if !from_fits && self.is_earlier(f) {
            Some(Disagree::Kind {
                from: f,
                relation,
                to: t,
                merged: f,
            })
        } else if !to_fits && self.is_earlier(t) {
            Some(Disagree::Kind {
                from: f,
                relation,
                to: t,
                merged: t,
            })
        } else if rel.merge == MergeRule::First && !ours.is_empty() && self.is_earlier(f) {
            Some(Disagree::Targets {
                from: f,
                relation,
                ours,
                theirs: vec![(t, source)],
            })
        } else {
            None
        };
        let Some(what) = what else {
            // Known from now on: the same edge again (two names of one organization) is
            // not added twice.
            self.earlier
                .entry((f, relation))
                .or_default()
                .push((t, source));
            self.known.insert((f, relation, t), next);
            return EdgeVerdict::Add;
        };
        let layer = self.current();
        self.summary_mut().edges_left_out += 1;
        self.disagree(schema, Disagreement { layer, at, what });
        EdgeVerdict::Conflict
    }

    pub fn disagree(&mut self, schema: &Schema, d: Disagreement) {
        *self
            .summary_mut()
            .conflicts
            .entry(d.field(schema))
            .or_insert(0) += 1;
        self.disagreements.push(d);
    }
}
