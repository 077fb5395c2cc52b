//! One validation, for every graph whatever it was read from: the same fault gives the same
//! code, pointing at its place in that format (through `Origins`).
//!
//! Two tiers: `load` runs on every command and finds what makes a graph unusable (errors);
//! `whole` adds the whole-graph checks that only `genkg check` pays for (cycles, time
//! order, expected fields, duplicates, unsourced facts).

mod attributes;
mod cycles;
mod edges;
mod expected;
mod layers;
mod sources;
mod time;

pub use layers::ORGANIZATION;

use crate::build::Origins;
use crate::diag::Report;
use crate::graph::KnowledgeGraph;

/// The rules every command needs: not too many attribute keys, unknown kinds and
/// relations, endpoint kinds the schema does not allow, self-loops, sources missing from
/// the bibliography.
pub fn load(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    attributes::keys(g, report);
    edges::undeclared_kinds(g, origins, report);
    edges::structure(g, origins, report);
    sources::unknown(g, origins, report);
}

/// The checks `genkg check` adds to `load`: duplicate edges, unsourced relations, near
/// misses between layers and organizations that look duplicated, and,
/// on a graph without errors (on a broken one they mean little), lineage cycles, time
/// order and expected fields.
pub fn whole(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    edges::duplicates(g, origins, report);
    sources::unsourced(g, origins, report);
    layers::candidates(g, origins, report);
    if report.has_errors() {
        return;
    }
    cycles::lineage_cycles(g, origins, report);
    time::order(g, origins, report);
    expected::fields(g, origins, report);
}
