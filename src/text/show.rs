//! `genkg show ID`: a card with the node's facts and every relation in words, with sources.

use std::fmt::Write;

use petgraph::stable_graph::NodeIndex;
use petgraph::Direction;

use crate::graph::{AttrValue, KnowledgeGraph, SourceId};
use crate::text::{label, thousands};

fn attr_text(v: &AttrValue) -> String {
    match v {
        AttrValue::Int(i) => thousands(*i),
        other => other.to_string(),
    }
}

pub fn render(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let mut out = String::new();
    let node = g.node(n);
    let info = g.info(n);
    let when = info
        .and_then(|i| i.date.clone())
        .or_else(|| node.year.map(|y| y.to_string()));
    let _ = write!(out, "{}\n  {}", g.name(n), g.kind_name(n));
    let _ = write!(out, " `{}`", g.id(n));
    if let Some(w) = when {
        let _ = write!(out, ", {w}");
    }
    out.push('\n');
    if let Some(i) = info {
        if !i.aliases.is_empty() {
            let _ = writeln!(out, "  also: {}", i.aliases.join(", "));
        }
        if let Some(s) = &i.summary {
            let _ = writeln!(out, "\n  {s}");
        }
        if let Some(u) = &i.url {
            let _ = writeln!(out, "  {u}");
        }
    }
    let mut cited: Vec<SourceId> = node.source.into_iter().collect();

    let attrs: Vec<(&str, &AttrValue)> = g.node_attrs.of(n.index()).collect();
    if !attrs.is_empty() {
        out.push_str("\nAttributes\n");
        let w = attrs
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        for (k, v) in attrs {
            let _ = writeln!(out, "  {k:<w$}  {}", attr_text(v));
        }
    }

    for (title, dir) in [
        ("Relations", Direction::Outgoing),
        ("Referenced by", Direction::Incoming),
    ] {
        let edges = g.sorted_edges(n, dir);
        if edges.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{title}");
        let lines: Vec<(String, String, String)> = edges
            .iter()
            .map(|&e| {
                let rel = g.schema.relation(g.edge(e).relation);
                let (a, b) = g.endpoints(e);
                let (phrase, other) = if dir == Direction::Outgoing {
                    (&rel.phrase, b)
                } else {
                    (&rel.inverse, a)
                };
                if let Some(s) = g.edge(e).source {
                    if !cited.contains(&s) {
                        cited.push(s);
                    }
                }
                let mut tail = g.source_id(e).map(|s| format!("[{s}]")).unwrap_or_default();
                if let Some(note) = g.note(e) {
                    tail = format!("{tail}  {note}").trim().to_string();
                }
                (phrase.clone(), label(g, other), tail)
            })
            .collect();
        let w1 = lines.iter().map(|l| l.0.chars().count()).max().unwrap_or(0);
        let w2 = lines.iter().map(|l| l.1.chars().count()).max().unwrap_or(0);
        for (phrase, other, tail) in lines {
            let pad2 = w2 - other.chars().count();
            let line = format!("  {phrase:<w1$}  {other}{}  {tail}", " ".repeat(pad2));
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }

    if !cited.is_empty() {
        cited.sort_by(|&a, &b| g.source(a).id.cmp(&g.source(b).id));
        out.push_str("\nSources\n");
        for s in cited {
            let src = g.source(s);
            let mut line = format!("  [{}] {}", src.id, src.title);
            let mut by = String::new();
            if let Some(first) = src.authors.first() {
                by = if src.authors.len() > 1 {
                    format!("{first} et al.")
                } else {
                    first.clone()
                };
            }
            if let Some(y) = src.year {
                by = if by.is_empty() {
                    y.to_string()
                } else {
                    format!("{by}, {y}")
                };
            }
            if !by.is_empty() {
                line.push_str(&format!(" ({by})"));
            }
            if let Some(link) = src.link() {
                line.push_str(&format!(" {link}"));
            }
            let _ = writeln!(out, "{}", line.trim_end());
        }
    }
    out
}
