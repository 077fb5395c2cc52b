//! Attribute keys: a graph with more distinct keys than `limits::MAX_ATTRIBUTE_KEYS`, of
//! its nodes or of its edges, is refused. Cards and exports list attributes by key, so
//! keys × elements is what they cost: 20,000 keys on 20,000 nodes (a 1.3 MB JSON file)
//! took 26 s to write as GraphML.

use crate::diag::{Code, Diagnostic, Report};
use crate::graph::KnowledgeGraph;
use crate::limits::MAX_ATTRIBUTE_KEYS;

pub(super) fn keys(g: &KnowledgeGraph, report: &mut Report) {
    let max = MAX_ATTRIBUTE_KEYS
        .get()
        .unwrap_or(MAX_ATTRIBUTE_KEYS.default) as usize;
    for (what, n) in [("nodes", g.node_attrs.len()), ("edges", g.edge_attrs.len())] {
        if n > max {
            report.push(
                Diagnostic::error(
                    Code::TooMany,
                    format!(
                        "the {what} have {} distinct attribute keys, more than the limit of {}",
                        crate::text::thousands(n as i64),
                        MAX_ATTRIBUTE_KEYS.show(max as u64)
                    ),
                )
                .help(format!(
                    "keep values of one kind under one key; {}",
                    MAX_ATTRIBUTE_KEYS.raise_hint()
                )),
            );
        }
    }
}
