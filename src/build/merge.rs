//! A node of a later layer merged into the earlier node it is: the facts the earlier node
//! lacks are filled in (and said to come from the later layer), the facts it has win, and
//! where the later layer says otherwise the disagreement is recorded.

use super::layers::{Disagree, Disagreement};
use super::{Origin, Parts};
use crate::graph::{AttrValue, Filled, MatchedBy, Merge, Node, NodeInfo};

/// Numbers agree when they are equal as numbers (Epoch writes `7000000000.00`).
fn same_value(a: &AttrValue, b: &AttrValue) -> bool {
    match (a, b) {
        (AttrValue::Int(x), AttrValue::Float(y)) | (AttrValue::Float(y), AttrValue::Int(x)) => {
            (*x as f64) == *y
        }
        _ => a == b,
    }
}

pub(super) struct Incoming<'a> {
    pub id: &'a str,
    pub node: Node,
    pub attrs: Vec<(usize, AttrValue)>,
    pub at: Origin,
    pub by: MatchedBy,
}

impl Parts {
    pub(super) fn merge_into(&mut self, n: u32, incoming: Incoming) {
        let layer = self.layers.current();
        let Incoming {
            id,
            node: theirs,
            attrs,
            at,
            by,
        } = incoming;
        let source = theirs.source;
        let summary = self.layers.summary_mut();
        *summary.matched.entry(by).or_insert(0) += 1;
        self.layers.merges.push(Merge {
            node: petgraph::graph::NodeIndex::new(n as usize),
            layer,
            id: id.to_string(),
            name: theirs.name.as_deref().unwrap_or(id).trim().to_string(),
            by,
            source,
        });
        let ours = &self.nodes[n as usize];
        let our_source = ours.source;
        let text = |s: String, src| (s, src);
        let mut disagreements = Vec::new();
        let mut fill = Vec::new();
        if ours.kind != theirs.kind {
            disagreements.push((
                "kind",
                text(self.schema.kind(ours.kind).name.clone(), our_source),
                text(self.schema.kind(theirs.kind).name.clone(), source),
            ));
        }
        let when = |node: &Node| {
            node.info
                .as_ref()
                .and_then(|i| i.date.clone())
                .or_else(|| node.year.map(|y| y.to_string()))
        };
        match (when(ours), when(&theirs)) {
            (Some(a), Some(b)) if !b.starts_with(&a) && !a.starts_with(&b) => {
                disagreements.push(("date", text(a, our_source), text(b, source)))
            }
            (None, Some(_)) => fill.push("date"),
            // Ours is a year, theirs the day in that year: more precise, filled in.
            (Some(a), Some(b)) if b.len() > a.len() => fill.push("date"),
            _ => {}
        }
        for (field, present) in [
            (
                "summary",
                ours.info.as_ref().is_some_and(|i| i.summary.is_some()),
            ),
            ("url", ours.info.as_ref().is_some_and(|i| i.url.is_some())),
        ] {
            let theirs_has = theirs.info.as_ref().is_some_and(|i| match field {
                "summary" => i.summary.is_some(),
                _ => i.url.is_some(),
            });
            if !present && theirs_has {
                fill.push(field);
            }
        }
        for field in fill {
            self.fill_field(n, field, &theirs);
            self.layers.filled.push(Filled {
                node: petgraph::graph::NodeIndex::new(n as usize),
                field: field.to_string(),
                layer,
                source,
            });
        }
        for (field, ours, theirs) in disagreements {
            let what = Disagree::Fact {
                node: n,
                field: field.to_string(),
                ours,
                theirs,
            };
            self.layers
                .disagree(&self.schema, Disagreement { layer, at, what });
        }
        for (col, value) in attrs {
            self.merge_attr(n, col, value, at, source);
        }
    }

    fn fill_field(&mut self, n: u32, field: &str, theirs: &Node) {
        let from = theirs.info.clone().unwrap_or_default();
        let ours = &mut self.nodes[n as usize];
        let info = ours
            .info
            .get_or_insert_with(|| Box::new(NodeInfo::default()));
        match field {
            "date" => {
                info.date = from.date;
                ours.year = ours.year.or(theirs.year);
            }
            "summary" => info.summary = from.summary,
            _ => info.url = from.url,
        }
    }

    fn merge_attr(
        &mut self,
        n: u32,
        col: usize,
        value: AttrValue,
        at: Origin,
        source: Option<crate::graph::SourceId>,
    ) {
        let key = self.node_attrs.key(col).to_string();
        let node = petgraph::graph::NodeIndex::new(n as usize);
        match self.node_attrs.get(n as usize, &key) {
            Some(ours) if same_value(ours, &value) => {}
            Some(ours) => {
                let what = Disagree::Fact {
                    node: n,
                    field: key,
                    ours: (ours.to_string(), self.nodes[n as usize].source),
                    theirs: (value.to_string(), source),
                };
                let layer = self.layers.current();
                self.layers
                    .disagree(&self.schema, Disagreement { layer, at, what });
            }
            None => {
                self.node_attrs.set_at(col, n as usize, value);
                self.layers.filled.push(Filled {
                    node,
                    field: key,
                    layer: self.layers.current(),
                    source,
                });
            }
        }
    }
}
