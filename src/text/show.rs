//! `genkg show ID`: a card with the node's facts and every relation in words, with sources.

use std::fmt::Write;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::Direction;

use crate::graph::{AttrValue, KnowledgeGraph, SourceId};
use crate::text::{label, pad, thousands};

fn attr_text(v: &AttrValue) -> String {
    match v {
        AttrValue::Int(i) => thousands(*i),
        // Training compute in FLOP: 8.1e23 reads, 810000000000000000000000 does not.
        AttrValue::Float(x) if x.abs() >= 1e15 => format!("{x:e}"),
        other => other.to_string(),
    }
}

pub fn render(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let mut out = heading(g, n);
    attributes(g, n, &mut out);
    let mut cited: Vec<SourceId> = g.node(n).source.into_iter().collect();
    for (title, dir) in [
        ("Relations", Direction::Outgoing),
        ("Referenced by", Direction::Incoming),
    ] {
        relations(g, n, title, dir, &mut out, &mut cited);
    }
    sources(g, &mut cited, &mut out);
    out
}

/// Name, kind, id, date; aliases, summary and link.
fn heading(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let info = g.info(n);
    let when = info
        .and_then(|i| i.date.clone())
        .or_else(|| g.node(n).year.map(|y| y.to_string()));
    let mut out = format!("{}\n  {} `{}`", g.name(n), g.kind_name(n), g.id(n));
    if let Some(w) = when {
        let _ = write!(out, ", {w}{}", filled_by(g, n, "date"));
    }
    out.push('\n');
    let p = &g.provenance;
    if p.is_layered() && p.node_layer(n) > 0 {
        let _ = writeln!(out, "  from layer {}", p.layer_name(p.node_layer(n)));
    }
    for m in p.merged_into(n) {
        let source = m
            .source
            .map(|s| format!("  [{}]", g.source(s).id))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  is {} in layer {} (matched {}){source}",
            m.name,
            p.layer_name(m.layer),
            m.by.words()
        );
    }
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
    out
}

fn attributes(g: &KnowledgeGraph, n: NodeIndex, out: &mut String) {
    let attrs: Vec<(&str, &AttrValue)> = g.node_attrs.of(n.index()).collect();
    if attrs.is_empty() {
        return;
    }
    out.push_str("\nAttributes\n");
    let w = attrs
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, v) in attrs {
        let line = format!("  {}  {}{}", pad(k, w), attr_text(v), filled_by(g, n, k));
        let _ = writeln!(out, "{line}");
    }
}

/// "  [epoch:llama-2-70b]" after a fact a later layer supplied.
fn filled_by(g: &KnowledgeGraph, n: NodeIndex, field: &str) -> String {
    match g.provenance.filled(n, field) {
        Some(f) => match f.source {
            Some(s) => format!("  [{}]", g.source(s).id),
            None => format!("  (layer {})", g.provenance.layer_name(f.layer)),
        },
        None => String::new(),
    }
}

/// One line per edge: the phrase (or inverse phrase), the other node, source and note.
fn relations(
    g: &KnowledgeGraph,
    n: NodeIndex,
    title: &str,
    dir: Direction,
    out: &mut String,
    cited: &mut Vec<SourceId>,
) {
    let edges = g.sorted_edges(n, dir);
    if edges.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}");
    let lines: Vec<(String, String, String)> = edges
        .iter()
        .map(|&e| {
            // Each source once, when listed (`sources`): no search per edge.
            cited.extend(g.edge(e).source);
            relation_line(g, e, dir)
        })
        .collect();
    let w1 = lines.iter().map(|l| l.0.chars().count()).max().unwrap_or(0);
    let w2 = lines.iter().map(|l| l.1.chars().count()).max().unwrap_or(0);
    for (phrase, other, tail) in lines {
        let line = format!("  {}  {}  {tail}", pad(&phrase, w1), pad(&other, w2));
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn relation_line(g: &KnowledgeGraph, e: EdgeIndex, dir: Direction) -> (String, String, String) {
    let rel = g.schema.relation(g.edge(e).relation);
    let phrase = match dir {
        Direction::Outgoing => &rel.phrase,
        Direction::Incoming => &rel.inverse,
    };
    let mut tail = g.source_id(e).map(|s| format!("[{s}]")).unwrap_or_default();
    let p = &g.provenance;
    for c in p.confirmations(e) {
        if let Some(s) = c.source {
            tail = format!("{tail} [{}]", g.source(s).id);
        }
    }
    let layer = p.layer_name(p.edge_layer(e));
    if p.is_layered()
        && p.edge_layer(e) > 0
        && !g.source_id(e).is_some_and(|s| s.starts_with(layer))
    {
        tail = format!("{tail} (layer {layer})");
    }
    if let Some(note) = g.note(e) {
        tail = format!("{tail}  {note}").trim().to_string();
    }
    (phrase.clone(), label(g, g.other_end(e, dir)), tail)
}

/// "[id] Title (First Author et al., 2022) link", one a line, by id.
fn sources(g: &KnowledgeGraph, cited: &mut Vec<SourceId>, out: &mut String) {
    if cited.is_empty() {
        return;
    }
    cited.sort_by(|&a, &b| g.source(a).id.cmp(&g.source(b).id));
    cited.dedup();
    out.push_str("\nSources\n");
    for &s in cited.iter() {
        let src = g.source(s);
        let mut line = format!("  [{}] {}", src.id, src.title);
        let mut by = match src.authors.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [first, ..] => format!("{first} et al."),
        };
        for more in [src.year.map(|y| y.to_string()), src.publisher.clone()]
            .into_iter()
            .flatten()
        {
            if !src.authors.contains(&more) {
                by = if by.is_empty() {
                    more
                } else {
                    format!("{by}, {more}")
                };
            }
        }
        if !by.is_empty() {
            let _ = write!(line, " ({by})");
        }
        if let Some(link) = src.link() {
            let _ = write!(line, " {link}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
