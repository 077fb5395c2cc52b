//! The schema: node kinds and relations. The code knows no kind or relation by name;
//! everything about them (allowed endpoints, phrases, lineage, style) is data, read from
//! `schema.toml` (`crate::read::schema_toml`), or taken as found in a graph without one.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

pub type KindId = u16;
pub type RelId = u16;

/// The facts a kind declares: the keys of a `[kinds.*]` table in schema.toml, and what
/// `diff` compares of a kind.
pub const KIND_KEYS: [&str; 5] = ["description", "shape", "color", "fill", "expects"];

/// The facts a relation declares (`[relations.*]`).
pub const RELATION_KEYS: [&str; 9] = [
    "from",
    "to",
    "phrase",
    "inverse",
    "lineage",
    "style",
    "color",
    "default_source",
    "merge",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kind {
    pub name: String,
    pub description: String,
    pub shape: String,
    pub color: String,
    pub fill: String,
    /// Fields or relations every node of this kind should have (`check` warns otherwise).
    pub expects: Vec<String>,
    /// Found in the data but not declared by the schema there is (validation reports it).
    pub undeclared: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub name: String,
    /// Allowed source kinds; empty means any (a graph read without a schema).
    pub from: Vec<KindId>,
    pub to: Vec<KindId>,
    /// How an edge reads forwards: "DALL·E 2 uses CLIP".
    pub phrase: String,
    /// How it reads backwards: "CLIP is used by DALL·E 2".
    pub inverse: String,
    pub lineage: bool,
    pub style: String,
    pub color: String,
    pub default_source: Option<String>,
    /// How a later layer's edges of this relation join an earlier node's.
    pub merge: MergeRule,
    /// Found in the data but not declared by the schema there is.
    pub undeclared: bool,
}

/// How the edges of a relation from later layers join a node the earlier layers have.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum MergeRule {
    /// Each layer adds the edges the earlier ones lack (a model's bases, its techniques).
    #[default]
    Union,
    /// The first layer that has any edge of this relation for a node decides (its
    /// developers): a later layer that says otherwise is reported, not added.
    First,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    pub kinds: IndexMap<String, Kind>,
    pub relations: IndexMap<String, Relation>,
    /// No schema was given: kinds and relations are taken as found in the data, and the
    /// knowledge-base rules that need a schema (no self-loops) do not apply.
    pub open: bool,
}

/// Colors for kinds found in data without a schema, assigned in order of first sight.
const PALETTE: [(&str, &str); 8] = [
    ("#1f5f99", "#dcebf7"),
    ("#8a4f00", "#fbe9cf"),
    ("#2e7d32", "#e3f2e1"),
    ("#6a1b9a", "#f1e4f7"),
    ("#9e2a2b", "#f8e0e0"),
    ("#555555", "#eeeeee"),
    ("#00796b", "#dff3f0"),
    ("#c2185b", "#fbe3ee"),
];

impl Kind {
    /// A kind with the default drawing (a box).
    pub fn named(name: &str) -> Self {
        Kind {
            name: name.to_string(),
            description: String::new(),
            shape: "box".into(),
            color: "#333333".into(),
            fill: "#ffffff".into(),
            expects: Vec::new(),
            undeclared: false,
        }
    }
}

impl Relation {
    /// A relation read as its own words ("depends on"), not lineage, drawn plain.
    pub fn named(name: &str) -> Self {
        let words = name.replace(['_', '-'], " ");
        Relation {
            name: name.to_string(),
            from: Vec::new(),
            to: Vec::new(),
            phrase: words.clone(),
            inverse: format!("is the target of {words} from"),
            lineage: false,
            style: "solid".into(),
            color: "#444444".into(),
            default_source: None,
            merge: MergeRule::Union,
            undeclared: false,
        }
    }
}

impl Schema {
    pub fn kind_id(&self, name: &str) -> Option<KindId> {
        self.kinds.get_index_of(name).map(|i| i as KindId)
    }

    pub fn relation_id(&self, name: &str) -> Option<RelId> {
        self.relations.get_index_of(name).map(|i| i as RelId)
    }

    pub fn kind(&self, id: KindId) -> &Kind {
        &self.kinds[id as usize]
    }

    pub fn relation(&self, id: RelId) -> &Relation {
        &self.relations[id as usize]
    }

    pub fn lineage_relations(&self) -> Vec<RelId> {
        (0..self.relations.len() as RelId)
            .filter(|&r| self.relation(r).lineage)
            .collect()
    }

    /// The declared kinds' names (for suggestions).
    pub fn kind_names(&self) -> Vec<&str> {
        self.kinds
            .values()
            .filter(|k| !k.undeclared)
            .map(|k| k.name.as_str())
            .collect()
    }

    pub fn relation_names(&self) -> Vec<&str> {
        self.relations
            .values()
            .filter(|r| !r.undeclared)
            .map(|r| r.name.as_str())
            .collect()
    }

    /// Adds a kind found in data (or returns the existing one); `None` past the 65,535
    /// kinds an id can number. With `undeclared`, validation will report it.
    pub fn ensure_kind(&mut self, name: &str, undeclared: bool) -> Option<KindId> {
        if let Some(id) = self.kind_id(name) {
            return Some(id);
        }
        let id = KindId::try_from(self.kinds.len()).ok()?;
        let (color, fill) = PALETTE[self.kinds.len() % PALETTE.len()];
        let mut kind = Kind::named(name);
        kind.color = color.into();
        kind.fill = fill.into();
        kind.undeclared = undeclared;
        self.kinds.insert(name.to_string(), kind);
        Some(id)
    }

    /// Adds a relation found in data: any endpoints, not lineage.
    pub fn ensure_relation(&mut self, name: &str, undeclared: bool) -> Option<RelId> {
        if let Some(id) = self.relation_id(name) {
            return Some(id);
        }
        let id = RelId::try_from(self.relations.len()).ok()?;
        let mut rel = Relation::named(name);
        rel.undeclared = undeclared;
        self.relations.insert(name.to_string(), rel);
        Some(id)
    }
}
