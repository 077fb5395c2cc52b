//! `genkg export --all`: the committed set of diagrams under exports/ — the whole graph (and
//! its explorer page), one diagram per survey category, the lineage of every survey model,
//! the survey's timeline and the modern one (`modern.rs`), the survey's tables, and, given
//! the landscape, its explorer page, base-model trees and companies' timeline
//! (`landscape.rs`). Everything but the SVGs is byte-stable, so a test can tell when the
//! committed set is stale.

mod landscape;
mod modern;

use std::path::{Path, PathBuf};

use petgraph::graph::NodeIndex;

use crate::diag::{Code, Diagnostic, Error};
use crate::export::{self, ClusterBy, DrawOptions, Format, Output, RankDir};
use crate::graph::KnowledgeGraph;
use crate::query::lineage::{self, LineageQuery};
use crate::query::taxonomy::{taxonomy, By, SURVEY_CATEGORY};
use crate::selection::Selection;
use crate::write::Protect;

/// Writes files under one directory and remembers what it wrote.
pub(crate) struct Writer<'g> {
    g: &'g KnowledgeGraph,
    dir: PathBuf,
    written: Vec<PathBuf>,
    protect: &'g Protect,
}

pub(crate) const PLAIN: DrawOptions = DrawOptions {
    cluster_by: ClusterBy::None,
    rankdir: RankDir::LeftToRight,
    timeline: false,
};

impl Writer<'_> {
    /// Writes `name` (`graph.json`, `lineage/<stem>.svg`) under the directory. Names are
    /// fixed words and `write::file_stem`s, and a folder they go in must be a real folder
    /// (not a link elsewhere): nothing is written outside the directory.
    pub(crate) fn file(&mut self, name: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.join(name);
        if let Some((folder, _)) = name.rsplit_once('/') {
            let sub = self.dir.join(folder);
            std::fs::create_dir_all(&sub)
                .map_err(|e| Error::io("create the directory", &sub, e))?;
            if !std::fs::symlink_metadata(&sub).is_ok_and(|m| m.is_dir()) {
                return Err(Error::one(
                    Diagnostic::error(
                        Code::Write,
                        format!(
                            "will not write into {}: it is not a plain directory",
                            sub.display()
                        ),
                    )
                    .help("export --all writes only inside --out; remove the link"),
                ));
            }
        }
        crate::write::atomic(&path, bytes, self.protect)?;
        self.written.push(path);
        Ok(())
    }

    /// A diagram as DOT and SVG side by side.
    pub(crate) fn diagram(
        &mut self,
        sel: &Selection,
        draw: &DrawOptions,
        stem: &str,
    ) -> Result<(), Error> {
        let dot = export::dot::write(self.g, sel, draw);
        self.file(&format!("{stem}.dot"), dot.as_bytes())?;
        export::announce_large(sel);
        let svg = export::render::render(&dot, "svg")?;
        self.file(&format!("{stem}.svg"), &svg)
    }
}

/// The lineage (ancestors) of several nodes at once, with the nodes themselves.
pub(crate) fn lineage_of(g: &KnowledgeGraph, roots: &[NodeIndex], title: &str) -> Selection {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for &r in roots {
        let sel = lineage::selection(g, &LineageQuery::ancestors(g, r));
        nodes.extend(sel.nodes);
        edges.extend(sel.edges);
    }
    Selection::new(g, nodes, edges, title).with_focus(roots.to_vec())
}

/// Writes the set for graph `g` into `dir`; with `landscape`, that graph's part too.
pub fn write_all(
    g: &KnowledgeGraph,
    landscape: Option<&KnowledgeGraph>,
    dir: &Path,
    protect: &Protect,
) -> Result<Vec<PathBuf>, Error> {
    let mut w = Writer {
        g,
        dir: dir.to_path_buf(),
        written: Vec::new(),
        protect,
    };
    whole_graph(&mut w)?;
    let survey_models = categories(&mut w)?;
    let stems = stems(g, &survey_models);
    for (&m, stem) in survey_models.iter().zip(stems) {
        let sel = lineage_of(g, &[m], &format!("lineage of {}", g.name(m)));
        w.diagram(&sel, &PLAIN, &format!("lineage/{stem}"))?;
    }
    let timeline = DrawOptions {
        timeline: true,
        ..PLAIN
    };
    let sel = lineage_of(
        g,
        &survey_models,
        "The survey's models and their ancestry, by year",
    );
    w.diagram(&sel, &timeline, "timeline")?;
    modern::timeline(&mut w)?;
    taxonomy_tables(&mut w)?;
    let mut written = w.written;
    if let Some(lg) = landscape {
        written.extend(landscape::write(lg, dir, protect)?);
    }
    Ok(written)
}

/// File names for nodes sorted by id (`write::unique_stems`): a node's id as it is when it
/// is a safe name, never a path (`../x` or `/etc/x` stays inside the directory).
pub(crate) fn stems(g: &KnowledgeGraph, nodes: &[NodeIndex]) -> Vec<String> {
    crate::write::unique_stems(nodes.iter().map(|&n| g.id(n)))
}

/// The whole graph as JSON, GraphML, and a diagram clustered by kind.
fn whole_graph(w: &mut Writer) -> Result<(), Error> {
    let g = w.g;
    let whole = Selection::whole(g);
    let overview = DrawOptions {
        cluster_by: ClusterBy::Kind,
        ..PLAIN
    };
    for (format, name) in [
        (Format::Json, "graph.json"),
        (Format::Graphml, "graph.graphml"),
    ] {
        if let Output::One(bytes) = export::export(g, &whole, format, &overview)? {
            w.file(name, &bytes)?;
        }
    }
    let mut titled = whole;
    titled.title = "The generative-AI landscape of the survey (arXiv 2301.04655)".into();
    w.diagram(&titled, &overview, "graph")?;
    w.file("explorer.html", export::html::write(g, &titled).as_bytes())
}

/// One diagram per survey category: the category, its models and their lineage. Returns
/// the survey's models, by id.
fn categories(w: &mut Writer) -> Result<Vec<NodeIndex>, Error> {
    let g = w.g;
    let category = g.schema.relation_id(SURVEY_CATEGORY);
    let mut survey_models: Vec<NodeIndex> = Vec::new();
    for group in taxonomy(g, By::Category)? {
        let models: Vec<NodeIndex> = group.entries.iter().map(|e| e.model).collect();
        survey_models.extend(&models);
        let sel = lineage_of(
            g,
            &models,
            &format!(
                "{} (the survey's category) and the lineage of its models",
                g.name(group.group)
            ),
        );
        // The category itself and the survey's filing of each model under it.
        let filed: Vec<_> = g
            .edge_indices()
            .filter(|&e| Some(g.edge(e).relation) == category && g.endpoints(e).1 == group.group)
            .collect();
        let sel = Selection::new(
            g,
            [sel.nodes, vec![group.group]].concat(),
            [sel.edges, filed].concat(),
            sel.title,
        )
        .with_focus(sel.focus);
        let stem = &stems(g, &[group.group])[0];
        w.diagram(&sel, &PLAIN, &format!("category/{stem}"))?;
    }
    survey_models.sort_by(|&a, &b| g.id(a).cmp(g.id(b)));
    survey_models.dedup();
    Ok(survey_models)
}

/// The survey's Figure 1 and Figure 2 as Markdown.
fn taxonomy_tables(w: &mut Writer) -> Result<(), Error> {
    let mut md = String::from("# The survey's taxonomy\n\nGenerated by `genkg export --all` from graph/; do not edit by hand.\n\n");
    for by in [By::Category, By::Company] {
        md.push_str(&crate::text::taxonomy::markdown(
            w.g,
            by,
            &taxonomy(w.g, by)?,
        ));
        md.push('\n');
    }
    let md = format!("{}\n", md.trim_end());
    w.file("taxonomy.md", md.as_bytes())
}
