//! Reconciling layers, checked: nodes of a later layer that were not merged but look like
//! an earlier node (near misses: "GPT 3.5" beside "GPT-3.5"), and organizations that look
//! like one lab under two names. Both are candidates for a person to decide, never merged
//! silently.

use petgraph::graph::NodeIndex;

use crate::build::Origins;
use crate::diag::{Code, Diagnostic, Report};
use crate::graph::KnowledgeGraph;
use crate::suggest::normalize;

/// Two names (already without case, spaces and punctuation) that are one name written
/// two ways: the same, or one typo apart ("Hugging Face" and "HuggingFace", "Acme Lab"
/// and "Acme Labs"). Names that differ in their digits differ in version or size
/// (DeepSeek-V2 and V2.5); names that differ by a word are different places
/// (University of Trento and Twente): neither is alike.
fn alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let letters = |s: &str| {
        s.chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    letters(a) != letters(b) && a.chars().count() >= 6 && strsim::damerau_levenshtein(a, b) <= 1
}

/// The kind whose duplicates the reconciliation summary counts. A kind the schema need
/// not have; without it there is nothing to count.
pub const ORGANIZATION: &str = "organization";

pub(super) fn candidates(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    let p = &g.provenance;
    if !p.is_layered() {
        return;
    }
    let earlier: Vec<(NodeIndex, String)> = g
        .node_indices()
        .filter(|&n| p.node_layer(n) == 0)
        .map(|n| (n, normalize(g.name(n))))
        .collect();
    for n in g.node_indices().filter(|&n| p.node_layer(n) > 0) {
        let name = normalize(g.name(n));
        if name.len() < 3 {
            continue;
        }
        let close = earlier
            .iter()
            .find(|(m, other)| g.node(*m).kind == g.node(n).kind && alike(&name, other));
        if let Some(&(m, _)) = close {
            report.push(
                Diagnostic::warning(
                    Code::NearMiss,
                    format!(
                        "`{}` ({}) of layer {} looks like `{}` ({}) of {}, but was not merged",
                        g.id(n),
                        g.name(n),
                        p.layer_name(p.node_layer(n)),
                        g.id(m),
                        g.name(m),
                        p.layer_name(0)
                    ),
                )
                .located(origins.node(n))
                .help(format!(
                    "if they are one, give `{}` [external.{}] same = [\"{}\"]",
                    g.id(m),
                    p.layer_name(p.node_layer(n)),
                    g.name(n)
                )),
            );
        }
    }
    duplicated_organizations(g, origins, report);
}

/// Two organizations whose names are nearly the same: likely one lab.
fn duplicated_organizations(g: &KnowledgeGraph, origins: &Origins, report: &mut Report) {
    let Some(kind) = g.schema.kind_id(ORGANIZATION) else {
        return;
    };
    let orgs: Vec<(NodeIndex, String)> = g
        .nodes_of_kind(kind)
        .into_iter()
        .map(|n| (n, normalize(g.name(n))))
        .collect();
    for (i, (a, an)) in orgs.iter().enumerate() {
        for (b, bn) in &orgs[i + 1..] {
            if alike(an, bn) {
                report.push(
                    Diagnostic::warning(
                        Code::LikelyDuplicate,
                        format!(
                            "organizations `{}` ({}) and `{}` ({}) look like one",
                            g.id(*a),
                            g.name(*a),
                            g.id(*b),
                            g.name(*b)
                        ),
                    )
                    .located(origins.node(*b))
                    .help("if they are one lab, list both names in its [external.epoch] same"),
                );
            }
        }
    }
}
