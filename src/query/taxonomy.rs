//! The survey's own tables: its Figure 1 (models by category) and Figure 2 (models by
//! company), each model with where the survey's claim differs from what the graph records.
//! Data only; `text::taxonomy` puts it in words.

use petgraph::graph::NodeIndex;
use petgraph::Direction;

use crate::diag::Error;
use crate::graph::KnowledgeGraph;
use crate::query::names::relation_id;
use crate::schema::RelId;

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

/// Where the survey's claim about a model differs from the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// Filed under a category whose input and output the model's do not match.
    Category {
        category: NodeIndex,
        inputs: Vec<NodeIndex>,
        outputs: Vec<NodeIndex>,
    },
    /// Credited to a company that is not among its developers.
    Company {
        credited: NodeIndex,
        developers: Vec<NodeIndex>,
    },
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub model: NodeIndex,
    pub differences: Vec<Difference>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub group: NodeIndex,
    pub entries: Vec<Entry>,
}

struct Relations {
    category: RelId,
    company: RelId,
    developed: RelId,
    input: RelId,
    output: RelId,
}

impl Relations {
    fn of(g: &KnowledgeGraph) -> Result<Self, Error> {
        Ok(Relations {
            category: relation_id(g, SURVEY_CATEGORY)?,
            company: relation_id(g, SURVEY_COMPANY)?,
            developed: relation_id(g, DEVELOPED_BY)?,
            input: relation_id(g, INPUT)?,
            output: relation_id(g, OUTPUT)?,
        })
    }
}

pub fn taxonomy(g: &KnowledgeGraph, by: By) -> Result<Vec<Group>, Error> {
    let r = Relations::of(g)?;
    let grouping = match by {
        By::Category => r.category,
        By::Company => r.company,
    };
    let mut groups: Vec<NodeIndex> = g
        .edge_indices()
        .filter(|&e| g.edge(e).relation == grouping)
        .map(|e| g.endpoints(e).1)
        .collect();
    if by == By::Category {
        // Every category node, even one the survey fills with nothing recorded here.
        for &kind in &g.schema.relation(r.category).to {
            groups.extend(g.nodes_of_kind(kind));
        }
    }
    groups.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
    groups.dedup();
    Ok(groups
        .into_iter()
        .map(|group| Group {
            group,
            entries: members(g, group, grouping)
                .into_iter()
                .map(|m| Entry {
                    model: m,
                    differences: differences(g, &r, m),
                })
                .collect(),
        })
        .collect())
}

/// The models the survey puts in a group, by year, then name.
fn members(g: &KnowledgeGraph, group: NodeIndex, grouping: RelId) -> Vec<NodeIndex> {
    let mut models: Vec<NodeIndex> = g
        .edges_at(group, Direction::Incoming)
        .filter(|&e| g.edge(e).relation == grouping)
        .map(|e| g.endpoints(e).0)
        .collect();
    models.sort_by_cached_key(|&m| {
        (
            g.node(m).year,
            g.name(m).to_lowercase(),
            g.id(m).to_string(),
        )
    });
    models.dedup();
    models
}

fn differences(g: &KnowledgeGraph, r: &Relations, m: NodeIndex) -> Vec<Difference> {
    let mut out = Vec::new();
    let (inputs, outputs) = (g.targets(m, r.input), g.targets(m, r.output));
    let fits = |want: &[NodeIndex], have: &[NodeIndex]| {
        want.is_empty() || want.iter().any(|w| have.contains(w))
    };
    for category in g.targets(m, r.category) {
        let (ci, co) = (g.targets(category, r.input), g.targets(category, r.output));
        if !(fits(&ci, &inputs) && fits(&co, &outputs)) {
            out.push(Difference::Category {
                category,
                inputs: inputs.clone(),
                outputs: outputs.clone(),
            });
        }
    }
    let developers = g.targets(m, r.developed);
    for credited in g.targets(m, r.company) {
        if !developers.contains(&credited) {
            out.push(Difference::Company {
                credited,
                developers: developers.clone(),
            });
        }
    }
    out
}
