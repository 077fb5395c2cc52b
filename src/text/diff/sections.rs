//! The sections of a diff for people, in order: what the lineage edges that came or went
//! do, nodes (added by kind, removed by kind, renamed, changed), edges (added, removed,
//! changed, each a sentence), sources, the schema. Empty sections are left out.

use std::collections::BTreeMap;
use std::fmt::Write;

use serde_json::Value;

use super::values::{self, Shown};
use super::{count, Line, Names, Section};
use crate::diff::{
    Catalog, Change, Consequence, Diff, FieldChange, KindFacts, RelationFacts, SourceFacts, Tie,
};
use crate::graph::KnowledgeGraph;
use crate::nodelink::{JsonEdge, JsonNode};

/// How many names a lineage line lists before "and N more".
const FEW: usize = 5;

/// Sections as they are made: an empty one is left out.
struct Sections(Vec<Section>);

impl Sections {
    fn add(&mut self, title: &str, items: usize, lines: Vec<Line>) {
        if items > 0 {
            let title = format!("{title} ({items})");
            self.0.push(Section { title, lines });
        }
    }
}

pub fn all(d: &Diff, names: &Names) -> Vec<Section> {
    let mut s = Sections(Vec::new());
    // What the change does to lineage first: it is what a reviewer most needs to see.
    let lineage = d.lineage.iter().flat_map(|c| consequence(c, names));
    s.add("Lineage consequences", d.lineage.len(), lineage.collect());
    node_sections(&mut s, d, names);
    edge_sections(&mut s, d, names);
    let bracketed = |id: &str| format!("[{id}]");
    catalog(&mut s, "Sources", &d.sources, source_line, bracketed);
    catalog(&mut s, "Kinds", &d.schema.kinds, kind_line, str::to_string);
    let relations = &d.schema.relations;
    catalog(
        &mut s,
        "Relations",
        relations,
        relation_line,
        str::to_string,
    );
    s.0
}

fn node_sections(s: &mut Sections, d: &Diff, names: &Names) {
    let n = &d.nodes;
    s.add("Nodes added", n.added.len(), by_kind(&n.added, '+', names));
    s.add(
        "Nodes removed",
        n.removed.len(),
        by_kind(&n.removed, '-', names),
    );
    s.add("Nodes renamed", n.renamed.len(), renamed(d, names));
    let head = |id: &str| names.label(id);
    let lines = n
        .changed
        .iter()
        .flat_map(|c| changed('~', head(&c.id), &c.changes));
    s.add("Nodes changed", n.changed.len(), lines.collect());
}

fn edge_sections(s: &mut Sections, d: &Diff, names: &Names) {
    let e = &d.edges;
    s.add(
        "Edges added",
        e.added.len(),
        edge_lines(&e.added, '+', names, names.new),
    );
    s.add(
        "Edges removed",
        e.removed.len(),
        edge_lines(&e.removed, '-', names, names.old),
    );
    let head = |edge: &JsonEdge| names.sentence(names.new, edge);
    let lines = e
        .changed
        .iter()
        .flat_map(|c| changed('~', head(&c.edge), &c.changes));
    s.add("Edges changed", e.changed.len(), lines.collect());
}

/// A node as a line: "Name [id] year".
fn node_line(n: &JsonNode) -> String {
    let mut s = match n.name.as_deref() {
        Some(name) if name != n.id => format!("{name} [{}]", n.id),
        _ => format!("[{}]", n.id),
    };
    if let Some(y) = n.year {
        let _ = write!(s, " {y}");
    }
    s
}

/// Nodes under their kinds (in schema order, NEW's first).
fn by_kind(nodes: &[JsonNode], mark: char, names: &Names) -> Vec<Line> {
    let rank = |kind: &str| match (
        names.new.schema.kind_id(kind),
        names.old.schema.kind_id(kind),
    ) {
        (Some(k), _) => (0, k),
        (None, Some(k)) => (1, k),
        (None, None) => (2, 0),
    };
    let mut groups: BTreeMap<((u8, u16), &str), Vec<&JsonNode>> = BTreeMap::new();
    for n in nodes {
        groups.entry((rank(&n.kind), &n.kind)).or_default().push(n);
    }
    let mut lines = Vec::new();
    for ((_, kind), group) in groups {
        lines.push(Line::new(None, 0, format!("{kind} ({})", group.len())));
        lines.extend(
            group
                .into_iter()
                .map(|n| Line::new(Some(mark), 1, node_line(n))),
        );
    }
    lines
}

fn renamed(d: &Diff, names: &Names) -> Vec<Line> {
    let mut lines = Vec::new();
    for r in &d.nodes.renamed {
        let name = names
            .new
            .index_of(&r.new)
            .map_or(r.new.as_str(), |n| names.new.name(n));
        let tie = match &r.tie {
            Tie::Link { namespace, name } => {
                format!("both link to {namespace} {}", Value::from(name.as_str()))
            }
            Tie::Name(name) => format!("both answer to {}", Value::from(name.as_str())),
        };
        let head = format!("{name} [{} → {}], {tie}", r.old, r.new);
        lines.extend(changed('~', head, &r.changes));
    }
    lines
}

/// A thing that changed, then its facts that did, old → new, names aligned.
fn changed(mark: char, head: String, changes: &[FieldChange]) -> Vec<Line> {
    let mut lines = vec![Line::new(Some(mark), 0, head)];
    let width = changes
        .iter()
        .map(|c| c.field.chars().count())
        .max()
        .unwrap_or(0);
    for c in changes {
        match values::change(c) {
            Shown::OneLine(s) => lines.push(Line::new(
                None,
                2,
                format!("{}  {s}", crate::text::pad(&c.field, width)),
            )),
            Shown::TwoLines(old, new) => {
                lines.push(Line::new(None, 2, c.field.clone()));
                lines.extend(old.map(|o| Line::new(Some('-'), 3, o)));
                lines.extend(new.map(|n| Line::new(Some('+'), 3, n)));
            }
        }
    }
    lines
}

/// Edges as sentences with their source, note and attributes.
fn edge_lines(edges: &[JsonEdge], mark: char, names: &Names, g: &KnowledgeGraph) -> Vec<Line> {
    edges
        .iter()
        .map(|e| {
            let mut s = names.sentence(g, e);
            if let Some(src) = &e.source {
                let _ = write!(s, " [{src}]");
            }
            if let Some(note) = &e.note {
                let _ = write!(s, " {}", Value::from(note.as_str()));
            }
            for (k, v) in &e.attributes {
                let _ = write!(s, " {k}={}", values::value(&format!("attributes.{k}"), v));
            }
            Line::new(Some(mark), 0, s)
        })
        .collect()
}

/// The first few items, then "and N more".
fn few(items: impl ExactSizeIterator<Item = String>) -> String {
    let total = items.len();
    let mut s: Vec<String> = items.take(FEW).collect();
    if total > FEW {
        let last = format!("and {} more", total - FEW);
        s.push(last);
    }
    s.join(", ")
}

/// A lineage edge, the nodes that gain or lose ancestors through it (by kind), and which.
fn consequence(c: &Consequence, names: &Names) -> Vec<Line> {
    let (mark, g, verb, done) = if c.change.gains() {
        ('+', names.new, ["gains", "gain"], "gained")
    } else {
        ('-', names.old, ["loses", "lose"], "lost")
    };
    let why = match c.change {
        Change::BecameLineage => " (now a lineage relation)",
        Change::LeftLineage => " (no longer a lineage relation)",
        Change::Added | Change::Removed => "",
    };
    let n = c.nodes.len();
    let by_kind = kinds(&c.nodes, names);
    let who = few(c.nodes.iter().map(|id| names.name(id)));
    let what = few(c
        .ancestors
        .iter()
        .map(|a| format!("{} ({})", names.name(&a.id), a.nodes)));
    vec![
        Line::new(Some(mark), 0, names.sentence(g, &c.edge) + why),
        Line::new(
            None,
            2,
            format!(
                "{} {} ancestors{by_kind}: {who}",
                count(n, "node"),
                verb[usize::from(n != 1)]
            ),
        ),
        Line::new(None, 2, format!("ancestors {done}: {what}")),
    ]
}

/// " (model 38, technique 2)": the nodes by kind, most first; nothing for one node.
fn kinds(nodes: &[String], names: &Names) -> String {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for id in nodes {
        *kinds.entry(names.kind(id)).or_insert(0) += 1;
    }
    let mut kinds: Vec<(&str, usize)> = kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    if nodes.len() == 1 {
        return String::new();
    }
    let kinds: Vec<String> = kinds.iter().map(|(k, c)| format!("{k} {c}")).collect();
    format!(" ({})", kinds.join(", "))
}

/// Added, removed and changed things of one catalog, as three sections.
fn catalog<T>(
    s: &mut Sections,
    what: &str,
    c: &Catalog<T>,
    line: fn(&T) -> String,
    head: fn(&str) -> String,
) {
    let lines = |items: &[T], mark: char| {
        let lines = items.iter().map(|t| Line::new(Some(mark), 0, line(t)));
        lines.collect()
    };
    s.add(
        &format!("{what} added"),
        c.added.len(),
        lines(&c.added, '+'),
    );
    s.add(
        &format!("{what} removed"),
        c.removed.len(),
        lines(&c.removed, '-'),
    );
    let changes = c
        .changed
        .iter()
        .flat_map(|x| changed('~', head(&x.id), &x.changes));
    s.add(
        &format!("{what} changed"),
        c.changed.len(),
        changes.collect(),
    );
}

/// "[id] Title (First Author et al., 2022) link".
fn source_line(s: &SourceFacts) -> String {
    let mut line = format!("[{}] {}", s.id, s.title);
    let by = match s.authors.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        [first, ..] => Some(format!("{first} et al.")),
    };
    let by: Vec<String> = by
        .into_iter()
        .chain(s.year.map(|y| y.to_string()))
        .chain(s.publisher.clone())
        .collect();
    if !by.is_empty() {
        let _ = write!(line, " ({})", by.join(", "));
    }
    let link = s.url.clone().or_else(|| {
        s.arxiv
            .as_ref()
            .map(|a| format!("https://arxiv.org/abs/{a}"))
    });
    if let Some(link) = link {
        let _ = write!(line, " {link}");
    }
    line.trim_end().to_string()
}

/// "benchmark: A test set models are scored on".
fn kind_line(k: &KindFacts) -> String {
    match k.description.as_str() {
        "" => k.name.clone(),
        d => format!("{}: {d}", k.name),
    }
}

/// "sibling_of "is a sibling model of" (model → model)", ", lineage" where it is.
fn relation_line(r: &RelationFacts) -> String {
    let kinds = |k: &[String]| {
        if k.is_empty() {
            "any".to_string()
        } else {
            k.join(" | ")
        }
    };
    let lineage = if r.lineage { ", lineage" } else { "" };
    let phrase = Value::from(r.phrase.as_str());
    format!(
        "{} {phrase} ({} → {}{lineage})",
        r.name,
        kinds(&r.from),
        kinds(&r.to)
    )
}
