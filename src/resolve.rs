//! Turning what a person typed ("DALL·E 2", "dalle2", "Stable Diffusion") into a node.

use std::collections::HashMap;

use petgraph::graph::NodeIndex;

use crate::diag::{Code, Diagnostic, Error};
use crate::graph::KnowledgeGraph;
use crate::suggest::{closest, normalize, phrase};

/// The names nodes have in the later layers merged into them, by node: gathered once per
/// search, not looked up per node (a search of every name would cost nodes × merges).
type Merged<'g> = HashMap<NodeIndex, Vec<&'g str>>;

fn merged(g: &KnowledgeGraph) -> Merged<'_> {
    let mut out: Merged = HashMap::new();
    for m in &g.provenance.merges {
        out.entry(m.node).or_default().push(m.name.as_str());
    }
    out
}

/// Every name a node answers to: its id, display name and aliases, and the names it has
/// in the later layers merged into it ("Llama 2-70B" for `llama-2`).
fn names<'g>(
    g: &'g KnowledgeGraph,
    merged: &'g Merged<'g>,
    n: NodeIndex,
) -> impl Iterator<Item = &'g str> {
    let aliases = g.info(n).map(|i| i.aliases.as_slice()).unwrap_or(&[]);
    std::iter::once(g.id(n))
        .chain(g.node(n).name)
        .chain(aliases.iter().map(String::as_str))
        .chain(merged.get(&n).into_iter().flatten().copied())
}

/// The node an id, name or alias names, ignoring case, spaces and punctuation.
pub fn find(g: &KnowledgeGraph, wanted: &str) -> Option<NodeIndex> {
    if let Some(n) = g.index_of(wanted) {
        return Some(n);
    }
    let key = normalize(wanted);
    if key.is_empty() {
        return None;
    }
    // Ids first, so an id never loses to another node's alias.
    g.node_indices()
        .find(|&n| normalize(g.id(n)) == key)
        .or_else(|| {
            let merged = merged(g);
            g.node_indices()
                .find(|&n| names(g, &merged, n).any(|s| normalize(s) == key))
        })
}

/// Up to three nodes whose names are close to `wanted`, as "`id` (Name)".
pub fn suggestions(g: &KnowledgeGraph, wanted: &str) -> Vec<String> {
    let merged = merged(g);
    let mut by_name: Vec<(&str, NodeIndex)> = Vec::new();
    for n in g.node_indices() {
        for s in names(g, &merged, n) {
            by_name.push((s, n));
        }
    }
    let best = closest(wanted, by_name.iter().map(|(s, _)| *s), 12);
    let mut out: Vec<String> = Vec::new();
    for s in best {
        for (_, n) in by_name.iter().filter(|(name, _)| *name == s) {
            let shown = describe(g, *n);
            if !out.contains(&shown) {
                out.push(shown);
            }
        }
    }
    out.truncate(3);
    out
}

/// "`dall-e-2` (DALL·E 2)", or "`id`" where the name is the id.
pub fn describe(g: &KnowledgeGraph, n: NodeIndex) -> String {
    match g.node(n).name {
        Some(name) if name != g.id(n) => format!("`{}` ({name})", g.id(n)),
        _ => format!("`{}`", g.id(n)),
    }
}

/// Like `find`, but an unknown name is an error with suggestions.
pub fn resolve(g: &KnowledgeGraph, wanted: &str) -> Result<NodeIndex, Error> {
    find(g, wanted).ok_or_else(|| Error::one(unknown(g, wanted)))
}

pub fn unknown(g: &KnowledgeGraph, wanted: &str) -> Diagnostic {
    Diagnostic::error(
        Code::UnknownId,
        format!("no node is called {}", quoted(wanted)),
    )
    .help_opt(
        phrase(&suggestions(g, wanted)).or_else(|| Some("`genkg list` shows every node".into())),
    )
}

/// The hint for an edge end that is no node's id: the node it names if it is a name or an
/// alias (ids are wanted there), else the closest names.
pub fn hint_for_unknown(g: &KnowledgeGraph, wanted: &str) -> Option<String> {
    match find(g, wanted) {
        Some(n) => Some(format!(
            "did you mean {}? relations name ids",
            describe(g, n)
        )),
        None => phrase(&suggestions(g, wanted))
            .or_else(|| Some("an edge's ends must be ids of nodes".into())),
    }
}

/// A name as echoed in a message: `name` whole up to 80 characters, else its start and
/// its length.
pub fn quoted(name: &str) -> String {
    let n = name.chars().count();
    if n <= 80 {
        return format!("`{name}`");
    }
    let start: String = name.chars().take(60).collect();
    format!(
        "`{start}…` ({} characters)",
        crate::text::thousands(n as i64)
    )
}
