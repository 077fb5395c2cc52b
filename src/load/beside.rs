//! `schema.toml` and `sources.toml` beside a JSON or CSV graph. With a schema, kinds and
//! relations are checked against it; without one, they are taken as found.

use std::path::Path;

use crate::diag::{Diagnostic, Error, Report, SourceFile};
use crate::graph::{KnowledgeGraph, Source};
use crate::kb::sources;
use crate::schema::{KindId, RelId, Schema};
use crate::suggest::did_you_mean;

pub struct Beside {
    pub schema: Schema,
    /// Whether a schema file was found (then unknown kinds and relations are errors).
    pub strict: bool,
    pub sources: Vec<Source>,
}

pub fn read(dir: &Path, report: &mut Report) -> Result<Beside, Error> {
    let read_file = |p: &Path| -> Result<Option<SourceFile>, Error> {
        if !p.is_file() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(p).map_err(|e| Error::io("read", p, e))?;
        Ok(Some(SourceFile::new(p, text)))
    };
    let schema_file = read_file(&dir.join("schema.toml"))?;
    let schema = schema_file
        .as_ref()
        .map(|f| Schema::parse(f, report))
        .unwrap_or_default();
    let sources = match read_file(&dir.join("sources.toml"))? {
        Some(f) => sources::parse(&f, report)
            .into_iter()
            .map(|(s, _)| s)
            .collect(),
        None => Vec::new(),
    };
    Ok(Beside {
        schema,
        strict: schema_file.is_some(),
        sources,
    })
}

impl Beside {
    /// The graph to fill, with the sources in place.
    pub fn graph(self, nodes: usize, edges: usize) -> (KnowledgeGraph, bool) {
        let mut g = KnowledgeGraph::with_capacity(self.schema, nodes, edges);
        for s in self.sources {
            g.add_source(s);
        }
        (g, self.strict)
    }
}

/// A kind by name: checked against the schema, or added when there is none.
pub fn kind(g: &mut KnowledgeGraph, strict: bool, name: &str) -> Result<KindId, Box<Diagnostic>> {
    if let Some(k) = g.schema.kind_id(name) {
        return Ok(k);
    }
    if strict {
        let known: Vec<&str> = g.schema.kinds.keys().map(String::as_str).collect();
        return Err(Box::new(
            Diagnostic::error("unknown-kind", format!("unknown kind `{name}`")).help(
                did_you_mean(name, known.iter().copied())
                    .unwrap_or_else(|| format!("the schema beside declares: {}", known.join(", "))),
            ),
        ));
    }
    Ok(g.schema.ensure_kind(name))
}

pub fn relation(
    g: &mut KnowledgeGraph,
    strict: bool,
    name: &str,
) -> Result<RelId, Box<Diagnostic>> {
    if let Some(r) = g.schema.relation_id(name) {
        return Ok(r);
    }
    if strict {
        let known: Vec<&str> = g.schema.relations.keys().map(String::as_str).collect();
        return Err(Box::new(
            Diagnostic::error("unknown-relation", format!("unknown relation `{name}`")).help(
                did_you_mean(name, known.iter().copied())
                    .unwrap_or_else(|| format!("the schema beside declares: {}", known.join(", "))),
            ),
        ));
    }
    Ok(g.schema.ensure_relation(name))
}

/// A source id cited by the data; without a sources.toml it is recorded as a bare id.
pub fn source(g: &mut KnowledgeGraph, id: &str) -> u32 {
    source_in(&mut g.sources, id)
}

pub fn source_in(sources: &mut indexmap::IndexMap<String, Source>, id: &str) -> u32 {
    match sources.get_index_of(id) {
        Some(i) => i as u32,
        None => {
            let source = Source {
                id: id.to_string(),
                ..Source::default()
            };
            sources.insert_full(id.to_string(), source).0 as u32
        }
    }
}
