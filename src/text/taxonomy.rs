//! The survey's Figure 1 and Figure 2 as Markdown tables with its slips in words, and as
//! JSON data (the survey's claim and the graph's record as fields).

use petgraph::graph::NodeIndex;
use serde_json::{json, Value};

use crate::graph::KnowledgeGraph;
use crate::query::taxonomy::{By, Difference, Group};

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

/// "A, B and C", or "nothing recorded".
fn and_list(items: &[String]) -> String {
    match items {
        [] => "nothing recorded".into(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn names(g: &KnowledgeGraph, nodes: &[NodeIndex]) -> String {
    and_list(
        &nodes
            .iter()
            .map(|&n| g.name(n).to_string())
            .collect::<Vec<_>>(),
    )
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
    and_list(&lowered)
}

pub fn sentence(g: &KnowledgeGraph, d: &Difference) -> String {
    match d {
        Difference::Category {
            category,
            inputs,
            outputs,
        } => format!(
            "filed under {}, but its input is {} and its output {}",
            g.name(*category),
            lower_names(g, inputs),
            lower_names(g, outputs)
        ),
        Difference::Company {
            credited,
            developers,
        } => format!(
            "credited to {}, but developed by {}",
            g.name(*credited),
            names(g, developers)
        ),
    }
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
            let words: Vec<String> = e.differences.iter().map(|d| sentence(g, d)).collect();
            out.push_str(&format!(
                "| {head} | {} (`{}`) | {year} | {} |\n",
                cell(g.name(e.model)),
                g.id(e.model),
                cell(&words.join("; "))
            ));
        }
    }
    let models: usize = groups.iter().map(|gr| gr.entries.len()).sum();
    out.push_str(&format!(
        "\n{models} models in {} {}; the survey differs from the graph in {slips} place{}.\n",
        groups.len(),
        match by {
            By::Category => "categories",
            By::Company => "companies",
        },
        if slips == 1 { "" } else { "s" }
    ));
    out
}

fn ids(g: &KnowledgeGraph, nodes: &[NodeIndex]) -> Value {
    nodes.iter().map(|&n| g.id(n)).collect::<Vec<_>>().into()
}

fn difference_json(g: &KnowledgeGraph, d: &Difference) -> Value {
    match d {
        Difference::Category {
            category,
            inputs,
            outputs,
        } => json!({
            "field": "category",
            "survey": g.id(*category),
            "graph": { "input": ids(g, inputs), "output": ids(g, outputs) },
        }),
        Difference::Company {
            credited,
            developers,
        } => json!({
            "field": "company",
            "survey": g.id(*credited),
            "graph": { "developed_by": ids(g, developers) },
        }),
    }
}

pub fn json(g: &KnowledgeGraph, groups: &[Group]) -> Value {
    Value::Array(
        groups
            .iter()
            .map(|gr| {
                json!({
                    "id": g.id(gr.group),
                    "name": g.name(gr.group),
                    "models": gr.entries.iter().map(|e| json!({
                        "id": g.id(e.model),
                        "name": g.name(e.model),
                        "year": g.node(e.model).year,
                        "differences": e.differences.iter().map(|d| difference_json(g, d)).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
