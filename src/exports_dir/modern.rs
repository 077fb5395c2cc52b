//! The modern lineage: the models of 2023 on and everything they are built on, as a
//! timeline beside the survey's (exports/modern-timeline.*).

use petgraph::graph::NodeIndex;

use super::{lineage_of, Writer, PLAIN};
use crate::diag::Error;
use crate::export::DrawOptions;

/// The first year after the survey's.
const AFTER_THE_SURVEY: i32 = 2023;

/// The kind the timeline is of: models (a kind the schema need not have).
const MODEL: &str = "model";

pub(super) fn timeline(w: &mut Writer) -> Result<(), Error> {
    let g = w.g;
    let Some(model) = g.schema.kind_id(MODEL) else {
        return Ok(());
    };
    let models: Vec<NodeIndex> = g
        .nodes_of_kind(model)
        .into_iter()
        .filter(|&n| g.node(n).year.is_some_and(|y| y >= AFTER_THE_SURVEY))
        .collect();
    if models.is_empty() {
        return Ok(());
    }
    let sel = lineage_of(
        g,
        &models,
        "Models since 2023 and what they are built on, by year",
    );
    let draw = DrawOptions {
        timeline: true,
        ..PLAIN
    };
    w.diagram(&sel, &draw, "modern-timeline")
}
