//! The commands as library functions: options in, output out. The binary only parses
//! arguments into these options and prints what comes back.

use std::path::{Path, PathBuf};

use crate::diag::{Error, Report};
use crate::export::{self, DrawOptions, Format, Output};
use crate::graph::KnowledgeGraph;
use crate::query::common::common;
use crate::query::filter::{self, Filter};
use crate::query::lineage::{self, Direction, LineageQuery};
use crate::query::path::{self as pathq, PathQuery};
use crate::query::taxonomy::{taxonomy, By};
use crate::resolve::resolve;
use crate::selection::Selection;
use crate::text;

/// What a command gives back to print or to say it wrote.
#[derive(Debug, Clone)]
pub enum Emit {
    Text(String),
    Bytes(Vec<u8>),
    /// Files written (with `-o`): said on stderr.
    Written(Vec<PathBuf>),
    /// Output that comes with warnings for stderr (a Mermaid diagram past its edge limit).
    Warned(Vec<crate::Diagnostic>, Box<Emit>),
}

/// How a query's result is printed: a text form of its own, or any export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Tree,
    List,
    Count,
    Text,
    Export(Format),
}

impl Shape {
    pub fn parse(s: &str) -> Option<Shape> {
        Some(match s {
            "tree" => Shape::Tree,
            "list" | "ids" => Shape::List,
            "count" => Shape::Count,
            "text" => Shape::Text,
            "table" => Shape::Text,
            other => Shape::Export(Format::ALL.into_iter().find(|f| f.name() == other)?),
        })
    }
}

/// A graph opened once per invocation (or once for a whole `batch`).
pub struct Session {
    pub path: PathBuf,
    graph: Option<KnowledgeGraph>,
}

impl Session {
    pub fn new(path: &Path) -> Self {
        Session {
            path: path.to_path_buf(),
            graph: None,
        }
    }

    pub fn graph(&mut self) -> Result<&KnowledgeGraph, Error> {
        if self.graph.is_none() {
            self.graph = Some(crate::load::open_valid(&self.path)?);
        }
        Ok(self.graph.as_ref().expect("just loaded"))
    }
}

/// `check`: every finding, and whether the graph passes.
pub fn check(path: &Path, strict: bool) -> Result<(Report, bool), Error> {
    let mut loaded = crate::load::open_checked(path)?;
    if strict {
        loaded.report.make_strict();
    }
    let ok = !loaded.report.has_errors();
    Ok((loaded.report, ok))
}

/// Delivers an export: to `out` if given, else as bytes for stdout.
pub fn deliver(
    g: &KnowledgeGraph,
    sel: &Selection,
    format: Format,
    draw: &DrawOptions,
    out: Option<&Path>,
) -> Result<Emit, Error> {
    if format == Format::Csv && out.is_none() {
        return Err(Error::msg(
            "usage",
            "the csv format writes nodes.csv and edges.csv: name a directory with -o",
        ));
    }
    let warnings = export::warnings(g, sel, format);
    let emit = deliver_quietly(g, sel, format, draw, out)?;
    Ok(if warnings.is_empty() {
        emit
    } else {
        Emit::Warned(warnings, Box::new(emit))
    })
}

fn deliver_quietly(
    g: &KnowledgeGraph,
    sel: &Selection,
    format: Format,
    draw: &DrawOptions,
    out: Option<&Path>,
) -> Result<Emit, Error> {
    let rendered = export::export(g, sel, format, draw);
    match (rendered, out) {
        (Ok(output), Some(path)) => Ok(Emit::Written(export::write_to(path, &output)?)),
        (Ok(Output::One(bytes)), None) => Ok(Emit::Bytes(bytes)),
        (Ok(Output::Many(_)), None) => unreachable!("csv without -o is refused above"),
        (Err(e), Some(path)) if format.is_binary() || format == Format::Svg => {
            // Rendering failed (no Graphviz, say): still leave the DOT beside, as promised.
            if let Ok(Output::One(dot)) = export::export(g, sel, Format::Dot, draw) {
                let beside = path.with_extension("dot");
                crate::write::atomic(&beside, &dot)?;
                let mut e = e;
                if let Some(d) = e.diagnostics.first_mut() {
                    let help = d.help.clone().unwrap_or_default();
                    d.help = Some(
                        format!("{help}\nthe DOT was written to {}", beside.display())
                            .trim()
                            .to_string(),
                    );
                }
                return Err(e);
            }
            Err(e)
        }
        (Err(e), _) => Err(e),
    }
}

pub fn show(g: &KnowledgeGraph, id: &str, json: bool) -> Result<Emit, Error> {
    let n = resolve(g, id)?;
    Ok(Emit::Text(if json {
        let mut s =
            serde_json::to_string_pretty(&export::json::node_json(g, n)).expect("plain JSON");
        s.push('\n');
        s
    } else {
        text::show::render(g, n)
    }))
}

pub fn list(g: &KnowledgeGraph, f: &Filter, shape: Shape) -> Result<Emit, Error> {
    let nodes = filter::apply(g, f)?;
    Ok(match shape {
        Shape::List => Emit::Text(nodes.iter().map(|&n| format!("{}\n", g.id(n))).collect()),
        Shape::Count => Emit::Text(format!("{}\n", nodes.len())),
        Shape::Export(Format::Json) => Emit::Text(export::json::write(
            g,
            &Selection::induced(g, nodes, f.describe()),
        )),
        _ => {
            let rows: Vec<Vec<String>> = nodes
                .iter()
                .map(|&n| {
                    vec![
                        g.id(n).to_string(),
                        g.kind_name(n).to_string(),
                        g.node(n).year.map(|y| y.to_string()).unwrap_or_default(),
                        g.name(n).to_string(),
                    ]
                })
                .collect();
            Emit::Text(text::table::render(&["id", "kind", "year", "name"], &rows))
        }
    })
}

#[derive(Debug, Clone, Default)]
pub struct LineageArgs {
    pub id: String,
    pub down: bool,
    pub depth: Option<usize>,
    pub relations: Vec<String>,
    pub kinds: Vec<String>,
}

pub fn lineage_query(g: &KnowledgeGraph, a: &LineageArgs) -> Result<LineageQuery, Error> {
    let relations = if a.relations.is_empty() {
        let r = g.schema.lineage_relations();
        if r.is_empty() {
            return Err(Error::one(
                crate::Diagnostic::error("no-lineage", "this graph declares no lineage relation")
                    .help("name the relations to follow with --relation (e.g. --relation depends)"),
            ));
        }
        r
    } else {
        a.relations
            .iter()
            .map(|r| filter::relation_id(g, r))
            .collect::<Result<_, _>>()?
    };
    Ok(LineageQuery {
        root: resolve(g, &a.id)?,
        direction: if a.down {
            Direction::Down
        } else {
            Direction::Up
        },
        relations,
        depth: a.depth,
        kinds: filter::kind_ids(g, &a.kinds)?,
    })
}

pub fn lineage(
    g: &KnowledgeGraph,
    a: &LineageArgs,
    shape: Shape,
    draw: &DrawOptions,
    out: Option<&Path>,
) -> Result<Emit, Error> {
    let q = lineage_query(g, a)?;
    match shape {
        Shape::Tree | Shape::Text => Ok(Emit::Text(text::tree::render(g, &q))),
        Shape::List => Ok(Emit::Text(
            lineage::nodes(g, &q)
                .iter()
                .map(|&n| format!("{}\n", g.id(n)))
                .collect(),
        )),
        Shape::Count => Ok(Emit::Text(format!("{}\n", lineage::nodes(g, &q).len()))),
        Shape::Export(f) => deliver(g, &lineage::selection(g, &q), f, draw, out),
    }
}

#[derive(Debug, Clone, Default)]
pub struct PathArgs {
    pub from: String,
    pub to: String,
    pub directed: bool,
    pub relations: Vec<String>,
    pub all: bool,
    pub max_len: usize,
}

pub fn path_query(g: &KnowledgeGraph, a: &PathArgs) -> Result<PathQuery, Error> {
    let relations = if a.relations.is_empty() {
        None
    } else {
        Some(
            a.relations
                .iter()
                .map(|r| filter::relation_id(g, r))
                .collect::<Result<_, _>>()?,
        )
    };
    Ok(PathQuery {
        from: resolve(g, &a.from)?,
        to: resolve(g, &a.to)?,
        directed: a.directed,
        relations,
    })
}

/// The paths a query finds, or an error saying there are none.
pub fn find_paths(
    g: &KnowledgeGraph,
    a: &PathArgs,
) -> Result<(PathQuery, Vec<pathq::Path>), Error> {
    let q = path_query(g, a)?;
    let paths = if a.all {
        pathq::all(g, &q, a.max_len)
    } else {
        pathq::shortest(g, &q).into_iter().collect()
    };
    if paths.is_empty() {
        let how = match (a.directed, a.all) {
            (true, true) => format!(" following edges forwards within {} steps", a.max_len),
            (true, false) => " following edges forwards".to_string(),
            (false, true) => format!(" within {} steps", a.max_len),
            (false, false) => String::new(),
        };
        return Err(Error::one(
            crate::Diagnostic::error(
                "no-path",
                format!("no path from {} to {}{how}", g.name(q.from), g.name(q.to)),
            )
            .help(if a.directed {
                "try without --directed to walk edges both ways"
            } else {
                "the two nodes are not connected by the relations walked"
            }),
        ));
    }
    Ok((q, paths))
}

pub fn path(
    g: &KnowledgeGraph,
    a: &PathArgs,
    shape: Shape,
    draw: &DrawOptions,
    out: Option<&Path>,
) -> Result<Emit, Error> {
    let (q, paths) = find_paths(g, a)?;
    match shape {
        Shape::Text => Ok(Emit::Text(text::path::render(g, q.from, &paths))),
        Shape::Count => Ok(Emit::Text(format!("{}\n", paths[0].len()))),
        Shape::Export(Format::Json) if out.is_none() => {
            let list: Vec<serde_json::Value> = paths
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "length": p.len(),
                        "steps": p.iter().map(|s| {
                            let mut e = export::json::edge_json(g, s.edge);
                            e["forward"] = s.forward.into();
                            e["sentence"] = text::path::sentence(g, s).into();
                            e
                        }).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let mut s = serde_json::to_string_pretty(
                &serde_json::json!({ "from": g.id(q.from), "to": g.id(q.to), "paths": list }),
            )
            .expect("plain JSON");
            s.push('\n');
            Ok(Emit::Text(s))
        }
        Shape::Export(f) => deliver(g, &pathq::selection(g, &q, &paths), f, draw, out),
        _ => Err(Error::msg(
            "usage",
            "path prints as text, json or an export format",
        )),
    }
}

pub fn common_cmd(
    g: &KnowledgeGraph,
    a: &str,
    b: &str,
    relations: &[String],
    all: bool,
    json: bool,
) -> Result<Emit, Error> {
    let (na, nb) = (resolve(g, a)?, resolve(g, b)?);
    let rels = if relations.is_empty() {
        g.schema.lineage_relations()
    } else {
        relations
            .iter()
            .map(|r| filter::relation_id(g, r))
            .collect::<Result<_, _>>()?
    };
    let c = common(g, na, nb, &rels);
    if json {
        let list = if all { &c.all } else { &c.nearest };
        let v: Vec<serde_json::Value> = list
            .iter()
            .map(|s| serde_json::json!({ "id": g.id(s.node), "name": g.name(s.node), "from_a": s.from_a, "from_b": s.from_b }))
            .collect();
        let mut s = serde_json::to_string_pretty(
            &serde_json::json!({ "a": g.id(na), "b": g.id(nb), "ancestors": v }),
        )
        .expect("plain JSON");
        s.push('\n');
        return Ok(Emit::Text(s));
    }
    Ok(Emit::Text(text::common::render(g, na, nb, &c, all)))
}

pub fn taxonomy_cmd(g: &KnowledgeGraph, by: By, json: bool) -> Result<Emit, Error> {
    let groups = taxonomy(g, by)?;
    Ok(Emit::Text(if json {
        let mut s =
            serde_json::to_string_pretty(&text::taxonomy::json(g, &groups)).expect("plain JSON");
        s.push('\n');
        s
    } else {
        text::taxonomy::markdown(g, by, &groups)
    }))
}

#[derive(Debug, Clone, Default)]
pub struct ExportArgs {
    pub lineage: Option<LineageArgs>,
    pub path: Option<PathArgs>,
    pub filter: Filter,
}

/// The selection an `export` names: a lineage, a path, a filter, or the whole graph.
pub fn export_selection(g: &KnowledgeGraph, a: &ExportArgs) -> Result<Selection, Error> {
    if let Some(l) = &a.lineage {
        let sel = lineage::selection(g, &lineage_query(g, l)?);
        return Ok(if a.filter.is_empty() {
            sel
        } else {
            restrict(g, sel, &a.filter)?
        });
    }
    if let Some(p) = &a.path {
        let (q, paths) = find_paths(g, p)?;
        return Ok(pathq::selection(g, &q, &paths));
    }
    if a.filter.is_empty() {
        return Ok(Selection::whole(g));
    }
    Ok(Selection::induced(
        g,
        filter::apply(g, &a.filter)?,
        a.filter.describe(),
    ))
}

/// A lineage narrowed by the list filters (the root always stays).
fn restrict(g: &KnowledgeGraph, sel: Selection, f: &Filter) -> Result<Selection, Error> {
    let mut keep = vec![false; g.node_bound()];
    for n in filter::apply(g, f)?
        .into_iter()
        .chain(sel.focus.iter().copied())
    {
        keep[n.index()] = true;
    }
    let nodes: Vec<_> = sel
        .nodes
        .iter()
        .copied()
        .filter(|n| keep[n.index()])
        .collect();
    let edges = sel
        .edges
        .iter()
        .copied()
        .filter(|&e| {
            let (x, y) = g.endpoints(e);
            keep[x.index()] && keep[y.index()]
        })
        .collect();
    Ok(Selection::new(g, nodes, edges, sel.title.clone()).with_focus(sel.focus))
}

/// Splits a `batch` line into words, honouring single and double quotes.
pub fn split_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}
