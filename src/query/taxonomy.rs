//! The survey's own tables: its Figure 1 (models by category) and Figure 2 (models by
//! company), each model marked where the survey differs from what the graph records.

use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::diag::Error;
use crate::graph::KnowledgeGraph;
use crate::query::filter::relation_id;

/// The relations that carry the survey's claims and the truth they are compared with.
/// These names are the schema's interface (see graph/schema.toml), not data.
pub const SURVEY_CATEGORY: &str = "survey_category";
pub const SURVEY_COMPANY: &str = "survey_company";
pub const DEVELOPED_BY: &str = "developed_by";
pub const INPUT: &str = "input";
pub const OUTPUT: &str = "output";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Category,
    Company,
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub model: NodeIndex,
    /// Where the survey's claim differs from the graph, in words; empty when it agrees.
    pub differences: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub group: NodeIndex,
    pub entries: Vec<Entry>,
}

fn names(g: &KnowledgeGraph, nodes: &[NodeIndex]) -> String {
    let v: Vec<&str> = nodes.iter().map(|&n| g.name(n)).collect();
    match v.len() {
        0 => "nothing recorded".into(),
        1 => v[0].to_string(),
        _ => format!("{} and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

/// Names inside a sentence: "Audio" → "audio", but "MEG/EEG" and "3D" stay as written.
fn lower_names(g: &KnowledgeGraph, nodes: &[NodeIndex]) -> String {
    let lowered: Vec<String> = nodes
        .iter()
        .map(|&n| {
            let name = g.name(n);
            let mut chars = name.chars();
            match (chars.next(), chars.next()) {
                (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
                    first.to_lowercase().chain(name.chars().skip(1)).collect()
                }
                _ => name.to_string(),
            }
        })
        .collect();
    match lowered.len() {
        0 => "nothing recorded".into(),
        1 => lowered[0].clone(),
        n => format!("{} and {}", lowered[..n - 1].join(", "), lowered[n - 1]),
    }
}

pub fn taxonomy(g: &KnowledgeGraph, by: By) -> Result<Vec<Group>, Error> {
    let category = relation_id(g, SURVEY_CATEGORY)?;
    let company = relation_id(g, SURVEY_COMPANY)?;
    let developed = relation_id(g, DEVELOPED_BY)?;
    let input = relation_id(g, INPUT)?;
    let output = relation_id(g, OUTPUT)?;
    let grouping = if by == By::Category {
        category
    } else {
        company
    };

    let mut groups: Vec<NodeIndex> = g
        .edge_indices()
        .filter(|&e| g.edge(e).relation == grouping)
        .map(|e| g.endpoints(e).1)
        .collect();
    groups.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
    groups.dedup();
    if by == By::Category {
        // Every category node, even one the survey fills with nothing recorded here.
        for &kind in &g.schema.relation(category).to {
            groups.extend(g.nodes_of_kind(kind));
        }
        groups.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
        groups.dedup();
    }

    let mut out = Vec::new();
    for group in groups {
        let mut models: Vec<NodeIndex> = g
            .graph
            .edges_directed(group, Direction::Incoming)
            .filter(|e| e.weight().relation == grouping)
            .map(|e| e.source())
            .collect();
        models.sort_by_key(|&m| (g.node(m).year, g.name(m).to_lowercase()));
        models.dedup();
        let entries = models
            .into_iter()
            .map(|m| {
                let mut differences = Vec::new();
                for cat in g.targets(m, category) {
                    let (ci, co) = (g.targets(cat, input), g.targets(cat, output));
                    let (mi, mo) = (g.targets(m, input), g.targets(m, output));
                    let fits = |want: &[NodeIndex], have: &[NodeIndex]| {
                        want.is_empty() || want.iter().any(|w| have.contains(w))
                    };
                    if !(fits(&ci, &mi) && fits(&co, &mo)) {
                        differences.push(format!(
                            "filed under {}, but its input is {} and its output {}",
                            g.name(cat),
                            lower_names(g, &mi),
                            lower_names(g, &mo)
                        ));
                    }
                }
                let devs = g.targets(m, developed);
                for credited in g.targets(m, company) {
                    if !devs.contains(&credited) {
                        differences.push(format!(
                            "credited to {}, but developed by {}",
                            g.name(credited),
                            names(g, &devs)
                        ));
                    }
                }
                Entry {
                    model: m,
                    differences,
                }
            })
            .collect();
        out.push(Group { group, entries });
    }
    Ok(out)
}
