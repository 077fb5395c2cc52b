//! DOT through graphviz-rust's structures and printer. The printer escapes nothing, so every
//! id and label is quoted and escaped here (`quote`), and tested with the real `dot`.

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::export::{ClusterBy, DrawOptions};
use crate::graph::KnowledgeGraph;
use crate::query::taxonomy::{DEVELOPED_BY, SURVEY_CATEGORY};
use crate::selection::Selection;

/// A DOT string literal: `"` and `\` escaped, newlines as `\n`, `\r` dropped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text inside an HTML-like label.
fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn id(s: &str) -> Id {
    Id::Escaped(quote(s))
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), id(value))
}

fn node_id(g: &KnowledgeGraph, n: NodeIndex) -> NodeId {
    NodeId(id(g.id(n)), None)
}

fn tooltip(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let mut t = format!("{} ({})", g.name(n), g.kind_name(n));
    if let Some(y) = g.node(n).year {
        t.push_str(&format!(", {y}"));
    }
    if let Some(s) = g.info(n).and_then(|i| i.summary.as_deref()) {
        t.push_str(&format!("\n{s}"));
    }
    let mut sources: Vec<&str> = g
        .node(n)
        .source
        .iter()
        .map(|&s| g.source(s).id.as_str())
        .collect();
    sources.extend(
        g.sorted_edges(n, petgraph::Direction::Outgoing)
            .into_iter()
            .filter_map(|e| g.source_id(e)),
    );
    if !sources.is_empty() {
        // Sorted, then each once: a node with a million edges costs n log n, not n².
        sources.sort_unstable();
        sources.dedup();
        t.push_str(&format!("\nsources: {}", sources.join(", ")));
    }
    t
}

fn node_stmt(g: &KnowledgeGraph, sel: &Selection, n: NodeIndex) -> Stmt {
    let kind = g.schema.kind(g.node(n).kind);
    let mut label = g.name(n).to_string();
    if let Some(y) = g.node(n).year {
        label.push_str(&format!("\n{y}"));
    }
    let mut attrs = vec![
        attr("label", &label),
        attr("shape", &kind.shape),
        attr("color", &kind.color),
        attr("fillcolor", &kind.fill),
        attr("tooltip", &tooltip(g, n)),
    ];
    if sel.focus.contains(&n) {
        attrs.push(attr("penwidth", "2.5"));
    }
    Stmt::Node(DotNode::new(node_id(g, n), attrs))
}

/// The cluster a node belongs to: its category, first developer, or kind.
fn cluster_of(g: &KnowledgeGraph, n: NodeIndex, by: ClusterBy) -> Option<NodeIndexOrKind> {
    let via = |rel: &str| {
        g.schema
            .relation_id(rel)
            .and_then(|r| g.targets(n, r).first().copied())
            .map(NodeIndexOrKind::Node)
    };
    match by {
        ClusterBy::None => None,
        ClusterBy::Category => via(SURVEY_CATEGORY),
        ClusterBy::Organization => via(DEVELOPED_BY),
        ClusterBy::Kind => Some(NodeIndexOrKind::Kind(g.node(n).kind)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NodeIndexOrKind {
    Node(NodeIndex),
    Kind(u16),
}

fn legend(g: &KnowledgeGraph, sel: &Selection) -> Stmt {
    let mut kinds: Vec<u16> = sel.nodes.iter().map(|&n| g.node(n).kind).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut rels: Vec<u16> = sel.edges.iter().map(|&e| g.edge(e).relation).collect();
    rels.sort_unstable();
    rels.dedup();
    let mut rows = String::from("<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"4\"><TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>");
    for k in kinds {
        let kind = g.schema.kind(k);
        rows.push_str(&format!(
            "<TR><TD BGCOLOR=\"{}\"><FONT COLOR=\"{}\">{}</FONT></TD><TD>{}</TD></TR>",
            html(&kind.fill),
            html(&kind.color),
            html(&kind.name),
            html(&kind.shape)
        ));
    }
    for r in rels {
        let rel = g.schema.relation(r);
        rows.push_str(&format!(
            "<TR><TD><FONT COLOR=\"{}\">{}</FONT></TD><TD>{} line</TD></TR>",
            html(&rel.color),
            html(&rel.name),
            html(&rel.style)
        ));
    }
    rows.push_str("</TABLE>");
    let node = DotNode::new(
        NodeId(id("genkg legend"), None),
        vec![
            Attribute(Id::Plain("label".into()), Id::Html(format!("<{rows}>"))),
            attr("shape", "plaintext"),
            attr("style", ""),
        ],
    );
    Stmt::Subgraph(Subgraph {
        id: id("cluster_legend"),
        stmts: vec![
            attr("label", "").into(),
            attr("color", "#bbbbbb").into(),
            node.into(),
        ],
    })
}

pub fn write(g: &KnowledgeGraph, sel: &Selection, opts: &DrawOptions) -> String {
    let mut stmts = defaults(sel, opts);
    // A timeline ranks by year instead of clustering.
    let by = if opts.timeline {
        ClusterBy::None
    } else {
        opts.cluster_by
    };
    stmts.extend(nodes(g, sel, by));
    stmts.extend(sel.edges.iter().map(|&e| edge_stmt(g, e, opts.timeline)));
    if opts.timeline {
        stmts.extend(timeline(g, sel));
    }
    if !sel.nodes.is_empty() {
        stmts.push(legend(g, sel));
    }
    let graph = Graph::DiGraph {
        id: id("genkg"),
        strict: false,
        stmts,
    };
    let mut ctx = PrinterContext::default();
    let mut out = graph.print(&mut ctx);
    out.push('\n');
    out
}

/// The graph, node and edge defaults: title, direction, fonts.
fn defaults(sel: &Selection, opts: &DrawOptions) -> Vec<Stmt> {
    let mut graph = vec![
        // newrank: without it dot loses edges between clusters ("lost edge").
        attr("newrank", "true"),
        attr("rankdir", opts.rankdir.name()),
        attr("label", &sel.title),
        attr("labelloc", "t"),
        attr("fontname", "Helvetica"),
        attr("fontsize", "16"),
        attr("nodesep", "0.3"),
        attr("ranksep", "0.5"),
    ];
    if opts.timeline {
        // Curved splines between year ranks fail to route in larger graphs ("unable to
        // reclaim box space"); polylines always route.
        graph.push(attr("splines", "polyline"));
    }
    vec![
        GraphAttributes::Graph(graph).into(),
        GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])
        .into(),
        GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "9"),
            attr("arrowsize", "0.7"),
        ])
        .into(),
    ]
}

/// The nodes, those in a cluster inside its box; clusters in order of their key.
fn nodes(g: &KnowledgeGraph, sel: &Selection, by: ClusterBy) -> Vec<Stmt> {
    let mut loose = Vec::new();
    let mut clusters: Vec<(NodeIndexOrKind, Vec<Stmt>)> = Vec::new();
    for &n in &sel.nodes {
        let stmt = node_stmt(g, sel, n);
        match cluster_of(g, n, by) {
            Some(c) => match clusters.iter_mut().find(|(k, _)| *k == c) {
                Some((_, v)) => v.push(stmt),
                None => clusters.push((c, vec![stmt])),
            },
            None => loose.push(stmt),
        }
    }
    let cluster_label = |c: NodeIndexOrKind| match c {
        NodeIndexOrKind::Node(n) => (g.id(n).to_string(), g.name(n).to_string()),
        NodeIndexOrKind::Kind(k) => (g.schema.kind(k).name.clone(), g.schema.kind(k).name.clone()),
    };
    clusters.sort_by_key(|(c, _)| cluster_label(*c).0);
    for (c, members) in clusters {
        let (key, label) = cluster_label(c);
        let mut inner = vec![
            attr("label", &label).into(),
            attr("style", "rounded,dashed").into(),
            attr("color", "#999999").into(),
        ];
        inner.extend(members);
        loose.push(Stmt::Subgraph(Subgraph {
            id: id(&format!("cluster_{key}")),
            stmts: inner,
        }));
    }
    loose
}

fn edge_stmt(g: &KnowledgeGraph, e: EdgeIndex, timeline: bool) -> Stmt {
    let (a, b) = g.endpoints(e);
    let rel = g.schema.relation(g.edge(e).relation);
    let mut attrs = vec![
        attr("label", &rel.name),
        attr("style", &rel.style),
        attr("color", &rel.color),
        attr("fontcolor", &rel.color),
    ];
    let mut tip = format!("{} {} {}", g.name(a), rel.phrase, g.name(b));
    if let Some(s) = g.source_id(e) {
        tip.push_str(&format!(" [{s}]"));
    }
    if let Some(note) = g.note(e) {
        tip.push_str(&format!("\n{note}"));
    }
    attrs.push(attr("tooltip", &tip));
    // On a timeline, lay each edge out from the older end so time reads along the axis;
    // `dir=back` keeps the arrowhead on the ancestor.
    let (first, second) = if timeline {
        attrs.push(attr("dir", "back"));
        (b, a)
    } else {
        (a, b)
    };
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(Vertex::N(node_id(g, first)), Vertex::N(node_id(g, second))),
        attributes: attrs,
    })
}

/// A year axis (a chain of year labels) and one rank per year, so lineage reads through time.
fn timeline(g: &KnowledgeGraph, sel: &Selection) -> Vec<Stmt> {
    let mut years: Vec<i32> = sel.nodes.iter().filter_map(|&n| g.node(n).year).collect();
    years.sort_unstable();
    years.dedup();
    let year_id = |y: i32| NodeId(id(&format!("year {y}")), None);
    let mut out = Vec::new();
    for &y in &years {
        out.push(Stmt::Node(DotNode::new(
            year_id(y),
            vec![
                attr("label", &y.to_string()),
                attr("shape", "plaintext"),
                attr("style", ""),
                attr("fontsize", "14"),
            ],
        )));
    }
    for w in years.windows(2) {
        out.push(Stmt::Edge(DotEdge {
            ty: EdgeTy::Pair(Vertex::N(year_id(w[0])), Vertex::N(year_id(w[1]))),
            attributes: vec![attr("color", "#bbbbbb"), attr("arrowhead", "none")],
        }));
    }
    for &y in &years {
        let mut same: Vec<Stmt> = vec![
            attr("rank", "same").into(),
            Stmt::Node(DotNode::new(year_id(y), vec![])),
        ];
        for &n in &sel.nodes {
            if g.node(n).year == Some(y) {
                same.push(Stmt::Node(DotNode::new(node_id(g, n), vec![])));
            }
        }
        out.push(Stmt::Subgraph(Subgraph {
            id: id(&format!("rank {y}")),
            stmts: same,
        }));
    }
    out
}
