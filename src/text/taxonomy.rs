//! The survey's Figure 1 and Figure 2 as Markdown tables, with its slips marked.

use crate::graph::KnowledgeGraph;
use crate::query::taxonomy::{By, Group};

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn markdown(g: &KnowledgeGraph, by: By, groups: &[Group]) -> String {
    let (title, column) = match by {
        By::Category => ("Models by category (the survey's Figure 1)", "Category"),
        By::Company => ("Models by company (the survey's Figure 2)", "Company"),
    };
    let mut out = format!("## {title}\n\n| {column} | Model | Year | Where the survey differs from the graph |\n|---|---|---|---|\n");
    let mut slips = 0;
    for group in groups {
        if group.entries.is_empty() {
            out.push_str(&format!("| {} | — | | |\n", cell(g.name(group.group))));
        }
        for (i, e) in group.entries.iter().enumerate() {
            let head = if i == 0 {
                cell(g.name(group.group))
            } else {
                String::new()
            };
            let year = g
                .node(e.model)
                .year
                .map(|y| y.to_string())
                .unwrap_or_default();
            slips += e.differences.len();
            out.push_str(&format!(
                "| {head} | {} (`{}`) | {year} | {} |\n",
                cell(g.name(e.model)),
                g.id(e.model),
                cell(&e.differences.join("; "))
            ));
        }
    }
    let models: usize = groups.iter().map(|gr| gr.entries.len()).sum();
    out.push_str(&format!(
        "\n{models} models in {} {}; the survey differs from the graph in {slips} place{}.\n",
        groups.len(),
        if by == By::Category {
            "categories"
        } else {
            "companies"
        },
        if slips == 1 { "" } else { "s" }
    ));
    out
}

pub fn json(g: &KnowledgeGraph, groups: &[Group]) -> serde_json::Value {
    serde_json::Value::Array(
        groups
            .iter()
            .map(|gr| {
                serde_json::json!({
                    "id": g.id(gr.group),
                    "name": g.name(gr.group),
                    "models": gr.entries.iter().map(|e| serde_json::json!({
                        "id": g.id(e.model),
                        "name": g.name(e.model),
                        "year": g.node(e.model).year,
                        "differences": e.differences,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
