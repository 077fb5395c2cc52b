//! The landscape's part of exports/: its explorer page (`landscape.html`, beside the
//! curated graph's `explorer.html`), and under `landscape/` the base-model trees of the ten
//! bases most fine-tuned and a timeline of the survey's companies' systems.

use std::path::{Path, PathBuf};

use petgraph::graph::NodeIndex;
use petgraph::Direction;

use super::{Writer, PLAIN};
use crate::diag::Error;
use crate::export::{self, DrawOptions};
use crate::graph::KnowledgeGraph;
use crate::query::lineage::{self, LineageQuery};
use crate::query::taxonomy::{DEVELOPED_BY, SURVEY_COMPANY};
use crate::selection::Selection;
use crate::write::Protect;

/// The relation a base model's tree follows, and the one that ties a size to its family.
const FINE_TUNED_FROM: &str = "fine_tuned_from";
const VARIANT_OF: &str = "variant_of";

/// How many base-model trees to draw.
const BASES: usize = 10;

/// Systems from this year on in the companies' timeline (older ones are a different era).
const SINCE: i32 = 2018;

pub(super) fn write(
    g: &KnowledgeGraph,
    dir: &Path,
    protect: &Protect,
) -> Result<Vec<PathBuf>, Error> {
    let mut whole = Selection::whole(g);
    whole.title = "The landscape: the curated graph with Epoch AI's table of AI systems".into();
    let mut page = Writer {
        g,
        dir: dir.to_path_buf(),
        written: Vec::new(),
        protect,
    };
    page.file("landscape.html", export::html::write(g, &whole).as_bytes())?;
    let mut w = Writer {
        g,
        dir: dir.join("landscape"),
        written: page.written,
        protect,
    };
    base_model_trees(&mut w)?;
    companies_timeline(&mut w)?;
    Ok(w.written)
}

/// The fine-tune trees of the bases with the most descendants.
fn base_model_trees(w: &mut Writer) -> Result<(), Error> {
    let g = w.g;
    let rels: Vec<_> = [FINE_TUNED_FROM, VARIANT_OF]
        .iter()
        .filter_map(|r| g.schema.relation_id(r))
        .collect();
    let Some(&fine_tuned) = rels.first() else {
        return Ok(());
    };
    let down = |root: NodeIndex| LineageQuery {
        root,
        direction: lineage::Direction::Down,
        relations: rels.clone(),
        depth: None,
        kinds: Vec::new(),
    };
    // Bases: nodes something is fine-tuned from, by how much grows out of them.
    let mut bases: Vec<(usize, NodeIndex)> = g
        .node_indices()
        .filter(|&n| {
            g.edges_at(n, Direction::Incoming)
                .any(|e| g.edge(e).relation == fine_tuned)
        })
        .map(|n| (lineage::closure(g, &down(n)).len(), n))
        .collect();
    bases.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| g.id(a.1).cmp(g.id(b.1))));
    let mut drawn: Vec<NodeIndex> = bases.iter().take(BASES).map(|&(_, n)| n).collect();
    drawn.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
    for (base, stem) in drawn.iter().copied().zip(super::stems(g, &drawn)) {
        let mut sel = lineage::selection(g, &down(base));
        sel.title = format!("What is fine-tuned from {} (and its sizes)", g.name(base));
        w.diagram(&sel, &PLAIN, &format!("base-model/{stem}"))?;
    }
    Ok(())
}

/// The systems of the companies the survey names, by year, with the lineage among them.
fn companies_timeline(w: &mut Writer) -> Result<(), Error> {
    let g = w.g;
    let (Some(company), Some(developed)) = (
        g.schema.relation_id(SURVEY_COMPANY),
        g.schema.relation_id(DEVELOPED_BY),
    ) else {
        return Ok(());
    };
    let mut companies: Vec<NodeIndex> = g
        .edge_indices()
        .filter(|&e| g.edge(e).relation == company)
        .map(|e| g.endpoints(e).1)
        .collect();
    companies.sort();
    companies.dedup();
    let mut systems: Vec<NodeIndex> = companies
        .iter()
        .flat_map(|&c| g.edges_at(c, Direction::Incoming))
        .filter(|&e| g.edge(e).relation == developed)
        .map(|e| g.endpoints(e).0)
        .filter(|&n| g.node(n).year.is_some_and(|y| y >= SINCE))
        .collect();
    systems.sort();
    systems.dedup();
    let mut sel = Selection::induced(g, systems, "");
    // Only what ties the systems in time: lineage among them.
    sel = Selection::new(
        g,
        sel.nodes.clone(),
        sel.edges
            .into_iter()
            .filter(|&e| g.schema.relation(g.edge(e).relation).lineage)
            .collect(),
        format!("Systems of the survey's companies since {SINCE}, by year"),
    );
    let draw = DrawOptions {
        timeline: true,
        ..PLAIN
    };
    w.diagram(&sel, &draw, "companies-timeline")
}
