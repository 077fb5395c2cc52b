//! `genkg list` and the filter flags of `export`: nodes chosen by kind, organization,
//! modality, category, technique and year.

use petgraph::graph::NodeIndex;

use crate::diag::Error;
use crate::graph::KnowledgeGraph;
use crate::query::lineage::{self, Direction, LineageQuery};
use crate::query::names::{kind_ids, relation_id};
use crate::resolve::resolve;

/// The relations the filter flags follow. They are the schema's own relation names; a graph
/// without one of them (a CSV graph, say) reports that, rather than matching nothing.
const ORG: &str = "developed_by";
const INPUT: &str = "input";
const OUTPUT: &str = "output";
const CATEGORY: &str = "survey_category";

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kinds: Vec<String>,
    /// Developed by this organization (the real developers).
    pub orgs: Vec<String>,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    /// In this category of the survey.
    pub categories: Vec<String>,
    /// Built on this technique or model, directly or through its lineage.
    pub uses: Vec<String>,
    pub since: Option<i32>,
    pub until: Option<i32>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
            && self.orgs.is_empty()
            && self.inputs.is_empty()
            && self.outputs.is_empty()
            && self.categories.is_empty()
            && self.uses.is_empty()
            && self.since.is_none()
            && self.until.is_none()
    }

    /// A short description for a diagram title: "kind model, category text-to-image".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (label, values) in [
            ("kind", &self.kinds),
            ("org", &self.orgs),
            ("input", &self.inputs),
            ("output", &self.outputs),
            ("category", &self.categories),
            ("uses", &self.uses),
        ] {
            if !values.is_empty() {
                parts.push(format!("{label} {}", values.join("|")));
            }
        }
        if let Some(y) = self.since {
            parts.push(format!("since {y}"));
        }
        if let Some(y) = self.until {
            parts.push(format!("until {y}"));
        }
        parts.join(", ")
    }
}

/// Nodes linked by `relation` to any of `targets` (resolved by name).
fn linked(
    g: &KnowledgeGraph,
    relation: &str,
    targets: &[String],
) -> Result<Option<Vec<bool>>, Error> {
    if targets.is_empty() {
        return Ok(None);
    }
    let rel = relation_id(g, relation)?;
    let mut keep = vec![false; g.node_bound()];
    for t in targets {
        let target = resolve(g, t)?;
        for e in g.edges_at(target, petgraph::Direction::Incoming) {
            if g.edge(e).relation == rel {
                keep[g.endpoints(e).0.index()] = true;
            }
        }
    }
    Ok(Some(keep))
}

/// The nodes that pass every given filter, sorted by id.
pub fn apply(g: &KnowledgeGraph, f: &Filter) -> Result<Vec<NodeIndex>, Error> {
    let kinds = kind_ids(g, &f.kinds)?;
    let masks: Vec<Vec<bool>> = [
        linked(g, ORG, &f.orgs)?,
        linked(g, INPUT, &f.inputs)?,
        linked(g, OUTPUT, &f.outputs)?,
        linked(g, CATEGORY, &f.categories)?,
        built_on(g, &f.uses)?,
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut out: Vec<NodeIndex> = g
        .node_indices()
        .filter(|&n| kinds.is_empty() || kinds.contains(&g.node(n).kind))
        .filter(|&n| masks.iter().all(|m| m[n.index()]))
        .filter(|&n| match (f.since, f.until, g.node(n).year) {
            (None, None, _) => true,
            (_, _, None) => false,
            (since, until, Some(y)) => since.is_none_or(|s| y >= s) && until.is_none_or(|u| y <= u),
        })
        .collect();
    out.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
    Ok(out)
}

/// Everything that descends from any of `targets` along the lineage relations.
fn built_on(g: &KnowledgeGraph, targets: &[String]) -> Result<Option<Vec<bool>>, Error> {
    if targets.is_empty() {
        return Ok(None);
    }
    let mut keep = vec![false; g.node_bound()];
    for t in targets {
        let mut q = LineageQuery::ancestors(g, resolve(g, t)?);
        q.direction = Direction::Down;
        for n in lineage::closure(g, &q) {
            keep[n.index()] = true;
        }
    }
    Ok(Some(keep))
}
