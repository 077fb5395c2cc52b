//! Properties of `genkg diff` on random graphs. A is random; B is A after random edits
//! (renames tied by an alias, names, years, aliases, kinds and attributes changed, an
//! attribute's type too, nodes and edges removed and added, parallel edges, notes and
//! sources changed, `uses` no longer lineage). Then:
//! - diff(A, A) is empty;
//! - applying the reported node and edge changes of diff(A, B), as JSON, to A's node-link
//!   JSON gives B's (and diff(B, A) takes B back to A);
//! - the lineage consequences name exactly the nodes whose ancestors differ, and exactly
//!   the ancestors they gain and lose, against a naive walk of the two JSON documents
//!   (B's schema may also stop counting `uses` as lineage).

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use genkg::read::{open, Options};
use genkg::selection::Selection;
use genkg::KnowledgeGraph;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const KINDS: [&str; 3] = ["model", "technique", "organization"];
const RELATIONS: [&str; 3] = ["uses", "based_on", "developed_by"];

/// Any kind at either end of any relation; `based_on` lineage, and `uses` too unless an
/// edit says otherwise.
fn schema(uses_is_lineage: bool) -> String {
    format!(
        "[kinds.model]\n[kinds.technique]\n[kinds.organization]\n\n\
         [relations.uses]\nphrase = \"uses\"\nlineage = {uses_is_lineage}\n\n\
         [relations.based_on]\nphrase = \"is based on\"\nlineage = true\n\n\
         [relations.developed_by]\nphrase = \"is developed by\"\n"
    )
}

/// The relations the schema makes lineage.
fn lineage(uses_is_lineage: bool) -> Vec<&'static str> {
    if uses_is_lineage {
        vec!["uses", "based_on"]
    } else {
        vec!["based_on"]
    }
}

fn text() -> impl Strategy<Value = String> {
    // Few letters, so that names and aliases sometimes coincide (ties, ambiguous ties).
    "[abAB \"é\\n-]{1,4}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn attribute() -> impl Strategy<Value = Value> {
    prop_oneof![
        (0..4i64).prop_map(Value::from),
        (0..4i64).prop_map(|i| Value::from(i.to_string())),
        (-2.0f64..2.0).prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        prop::collection::vec((0..3i64).prop_map(Value::from), 1..3).prop_map(Value::from),
    ]
}

fn node() -> impl Strategy<Value = Value> {
    (
        0..KINDS.len(),
        prop::option::of(text()),
        prop::option::of(2015..2025i32),
        prop::collection::vec(text(), 0..2),
        prop::option::of(attribute()),
        prop::option::of(text()),
    )
        .prop_map(|(kind, name, year, aliases, attr, link)| {
            let mut n = json!({ "kind": KINDS[kind] });
            if let Some(name) = name {
                n["name"] = name.into();
            }
            if let Some(y) = year {
                n["year"] = y.into();
            }
            if !aliases.is_empty() {
                n["aliases"] = aliases.into();
            }
            if let Some(a) = attr {
                n["attributes"] = json!({ "a": a });
            }
            if let Some(link) = link {
                n["external"] = json!({ "epoch": { "same": [link] } });
            }
            n
        })
}

/// An edge between node positions (taken modulo the node count when applied).
fn edge() -> impl Strategy<Value = (usize, usize, usize, Option<usize>, Option<String>)> {
    (
        0..64usize,
        0..64usize,
        0..RELATIONS.len(),
        prop::option::of(0..3usize),
        prop::option::of(text()),
    )
}

fn edge_json(
    (a, b, r, src, note): (usize, usize, usize, Option<usize>, Option<String>),
    ids: &[String],
) -> Value {
    let mut e =
        json!({ "from": ids[a % ids.len()], "to": ids[b % ids.len()], "relation": RELATIONS[r] });
    if let Some(s) = src {
        e["source"] = format!("src{s}").into();
    }
    if let Some(n) = note {
        e["note"] = n.into();
    }
    e
}

/// A random graph as node-link JSON: nodes `n0`, `n1`, ...
fn graph() -> impl Strategy<Value = Value> {
    (
        prop::collection::vec(node(), 1..10),
        prop::collection::vec(edge(), 0..16),
    )
        .prop_map(|(nodes, edges)| {
            let ids: Vec<String> = (0..nodes.len()).map(|i| format!("n{i}")).collect();
            let nodes: Vec<Value> = nodes
                .into_iter()
                .zip(&ids)
                .map(|(mut n, id)| {
                    n["id"] = id.clone().into();
                    n
                })
                .collect();
            let edges: Vec<Value> = edges.into_iter().map(|e| edge_json(e, &ids)).collect();
            json!({ "nodes": nodes, "edges": edges })
        })
}

#[derive(Debug, Clone)]
enum Edit {
    /// A new id, keeping the old one as an alias (what ties the two).
    Rename(usize),
    Name(usize, Option<String>),
    Year(usize, Option<i32>),
    Aliases(usize, Vec<String>),
    Kind(usize, usize),
    Attribute(usize, Option<Value>),
    RemoveNode(usize),
    AddNode(Value),
    RemoveEdge(usize),
    AddEdge((usize, usize, usize, Option<usize>, Option<String>)),
    /// A second edge like an existing one, with another note: parallel edges.
    Parallel(usize, String),
    Note(usize, Option<String>),
    Source(usize, Option<usize>),
    /// `uses` is lineage in B's schema if it was not, and the other way round.
    Relineage,
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0..64usize;
    // Weighted towards what the diff must get right: renames, and lineage edges gone or new.
    prop_oneof![
        3 => i.clone().prop_map(Edit::Rename),
        1 => (i.clone(), prop::option::of(text())).prop_map(|(i, s)| Edit::Name(i, s)),
        1 => (i.clone(), prop::option::of(2015..2025i32)).prop_map(|(i, y)| Edit::Year(i, y)),
        1 => (i.clone(), prop::collection::vec(text(), 0..3)).prop_map(|(i, a)| Edit::Aliases(i, a)),
        1 => (i.clone(), 0..KINDS.len()).prop_map(|(i, k)| Edit::Kind(i, k)),
        1 => (i.clone(), prop::option::of(attribute())).prop_map(|(i, a)| Edit::Attribute(i, a)),
        2 => i.clone().prop_map(Edit::RemoveNode),
        1 => node().prop_map(Edit::AddNode),
        2 => i.clone().prop_map(Edit::RemoveEdge),
        2 => edge().prop_map(Edit::AddEdge),
        1 => (i.clone(), text()).prop_map(|(i, n)| Edit::Parallel(i, n)),
        1 => (i.clone(), prop::option::of(text())).prop_map(|(i, n)| Edit::Note(i, n)),
        1 => (i, prop::option::of(0..3usize)).prop_map(|(i, s)| Edit::Source(i, s)),
        1 => Just(Edit::Relineage),
    ]
}

fn set(obj: &mut Value, key: &str, v: Option<Value>) {
    let map = obj.as_object_mut().unwrap();
    match v {
        Some(v) => {
            map.insert(key.into(), v);
        }
        None => {
            map.remove(key);
        }
    }
}

/// A node gets a new id and keeps its old one as an alias; its edges follow it.
fn rename(doc: &mut Value, at: usize, new: String) {
    let node = &mut doc["nodes"][at];
    let old = node["id"].take();
    node["id"] = new.clone().into();
    let mut aliases = node["aliases"].as_array().cloned().unwrap_or_default();
    aliases.push(old.clone());
    node["aliases"] = aliases.into();
    for e in doc["edges"].as_array_mut().unwrap() {
        for end in ["from", "to"] {
            if e[end] == old {
                e[end] = new.clone().into();
            }
        }
    }
}

fn ids(doc: &Value) -> Vec<String> {
    let nodes = doc["nodes"].as_array().unwrap();
    nodes
        .iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

/// A after one edit: positions are taken modulo the counts; there is always a node (the
/// last is never removed).
fn apply_edit(doc: &mut Value, edit: &Edit, serial: usize) {
    let (nodes, edges) = (
        doc["nodes"].as_array().unwrap().len(),
        doc["edges"].as_array().unwrap().len(),
    );
    let (n, e) = (|i: usize| i % nodes, |i: usize| i % edges.max(1));
    match edit.clone() {
        Edit::Rename(i) => rename(doc, n(i), format!("r{serial}")),
        Edit::Name(i, s) => set(&mut doc["nodes"][n(i)], "name", s.map(Value::from)),
        Edit::Year(i, y) => set(&mut doc["nodes"][n(i)], "year", y.map(Value::from)),
        Edit::Aliases(i, a) => set(
            &mut doc["nodes"][n(i)],
            "aliases",
            (!a.is_empty()).then(|| a.into()),
        ),
        Edit::Kind(i, k) => doc["nodes"][n(i)]["kind"] = KINDS[k].into(),
        Edit::Attribute(i, a) => set(
            &mut doc["nodes"][n(i)],
            "attributes",
            a.map(|a| json!({ "a": a })),
        ),
        Edit::RemoveNode(i) if nodes > 1 => {
            let gone = doc["nodes"].as_array_mut().unwrap().remove(n(i))["id"].clone();
            let edges = doc["edges"].as_array_mut().unwrap();
            edges.retain(|e| e["from"] != gone && e["to"] != gone);
        }
        Edit::AddNode(mut node) => {
            node["id"] = format!("a{serial}").into();
            doc["nodes"].as_array_mut().unwrap().push(node);
        }
        Edit::AddEdge(spec) => {
            let edge = edge_json(spec, &ids(doc));
            doc["edges"].as_array_mut().unwrap().push(edge);
        }
        Edit::RemoveEdge(i) if edges > 0 => {
            doc["edges"].as_array_mut().unwrap().remove(e(i));
        }
        Edit::Parallel(i, note) if edges > 0 => {
            let mut twin = doc["edges"][e(i)].clone();
            twin["note"] = note.into();
            doc["edges"].as_array_mut().unwrap().push(twin);
        }
        Edit::Note(i, note) if edges > 0 => {
            set(&mut doc["edges"][e(i)], "note", note.map(Value::from))
        }
        Edit::Source(i, s) if edges > 0 => set(
            &mut doc["edges"][e(i)],
            "source",
            s.map(|s| format!("src{s}").into()),
        ),
        _ => {}
    }
}

/// The graph genkg builds from a node-link document (with the schema beside it).
fn build(dir: &Path, doc: &Value, uses_is_lineage: bool) -> KnowledgeGraph {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("schema.toml"), schema(uses_is_lineage)).unwrap();
    std::fs::write(dir.join("g.json"), doc.to_string()).unwrap();
    // Whether the graph is valid does not matter here (self-loops are errors under a
    // schema): the diff is of the graphs as built.
    open(&dir.join("g.json"), Options::default())
        .expect("readable")
        .graph
}

/// A graph as node-link JSON, nodes by id and edges in one order, each node's name as
/// given (the export writes the id where there is none).
fn canonical(g: &KnowledgeGraph) -> Value {
    let doc = genkg::export::json::document(g, &Selection::whole(g));
    let mut doc = serde_json::to_value(doc).unwrap();
    for node in doc["nodes"].as_array_mut().unwrap() {
        let n = g.index_of(node["id"].as_str().unwrap()).unwrap();
        if g.node(n).name.is_none() {
            node.as_object_mut().unwrap().remove("name");
        }
    }
    sorted(
        doc["nodes"].as_array().unwrap().clone(),
        doc["edges"].as_array().unwrap().clone(),
    )
}

/// Nodes by id, edges by their facts, every object's keys in order (JSON objects are
/// equal whatever their order, but the edges' order must not depend on it).
fn sorted(nodes: Vec<Value>, edges: Vec<Value>) -> Value {
    let mut nodes: Vec<Value> = nodes.iter().map(keys_sorted).collect();
    let mut edges: Vec<Value> = edges.iter().map(keys_sorted).collect();
    nodes.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    edges.sort_by_cached_key(|e| e.to_string());
    json!({ "nodes": nodes, "edges": edges })
}

fn keys_sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let sorted: BTreeMap<&String, Value> =
                m.iter().map(|(k, v)| (k, keys_sorted(v))).collect();
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(keys_sorted).collect()),
        other => other.clone(),
    }
}

/// Sets (or, where the new value is null, removes) each changed field: `attributes.a` is
/// the member `a` of `attributes`.
fn apply_changes(obj: &mut Value, changes: &Value) {
    for c in changes.as_array().unwrap() {
        let field = c["field"].as_str().unwrap();
        let new = (!c["new"].is_null()).then(|| c["new"].clone());
        match field.split_once('.') {
            Some((table, key)) => {
                let map = obj.as_object_mut().unwrap();
                let t = map
                    .entry(table)
                    .or_insert_with(|| Value::Object(Map::new()));
                set(t, key, new);
                if t.as_object().unwrap().is_empty() {
                    map.remove(table);
                }
            }
            None => set(obj, field, new),
        }
    }
}

fn position(list: &[Value], f: impl Fn(&Value) -> bool, what: &str) -> usize {
    list.iter()
        .position(f)
        .unwrap_or_else(|| panic!("{what} is not in A"))
}

/// A's renamed nodes under their new ids (with their edges).
fn renamed(a: &Value, d: &Value) -> (Vec<Value>, Vec<Value>) {
    let mut nodes = a["nodes"].as_array().unwrap().clone();
    let mut edges = a["edges"].as_array().unwrap().clone();
    for r in d["nodes"]["renamed"].as_array().unwrap() {
        let i = position(&nodes, |n| n["id"] == r["old"], "a renamed node");
        nodes[i]["id"] = r["new"].clone();
        apply_changes(&mut nodes[i], &r["changes"]);
        for e in &mut edges {
            for end in ["from", "to"] {
                if e[end] == r["old"] {
                    e[end] = r["new"].clone();
                }
            }
        }
    }
    (nodes, edges)
}

/// A with the reported node and edge changes applied.
fn apply(a: &Value, d: &Value) -> Value {
    let (mut nodes, mut edges) = renamed(a, d);
    for n in d["nodes"]["removed"].as_array().unwrap() {
        nodes.remove(position(&nodes, |x| x == n, "a removed node"));
    }
    for c in d["nodes"]["changed"].as_array().unwrap() {
        let i = position(&nodes, |x| x["id"] == c["id"], "a changed node");
        apply_changes(&mut nodes[i], &c["changes"]);
    }
    nodes.extend(d["nodes"]["added"].as_array().unwrap().iter().cloned());
    for e in d["edges"]["removed"].as_array().unwrap() {
        edges.remove(position(&edges, |x| x == e, "a removed edge"));
    }
    for c in d["edges"]["changed"].as_array().unwrap() {
        let mut old = c.clone();
        old.as_object_mut().unwrap().remove("changes");
        let i = position(&edges, |x| *x == old, "a changed edge");
        apply_changes(&mut edges[i], &c["changes"]);
    }
    edges.extend(d["edges"]["added"].as_array().unwrap().iter().cloned());
    sorted(nodes, edges)
}

/// Each node's ancestors over the lineage relations (breadth first; a node is not its own
/// ancestor, even on a cycle), the naive way.
fn ancestors(
    nodes: &[Value],
    edges: &[Value],
    lineage: &[&str],
) -> BTreeMap<String, BTreeSet<String>> {
    let mut up: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for e in edges
        .iter()
        .filter(|e| lineage.contains(&e["relation"].as_str().unwrap()))
    {
        up.entry(e["from"].as_str().unwrap())
            .or_default()
            .push(e["to"].as_str().unwrap());
    }
    let mut out = BTreeMap::new();
    for n in nodes {
        let root = n["id"].as_str().unwrap();
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut queue: VecDeque<&str> = VecDeque::from([root]);
        while let Some(x) = queue.pop_front() {
            for &y in up.get(x).into_iter().flatten() {
                if y != root && seen.insert(y.to_string()) {
                    queue.push_back(y);
                }
            }
        }
        out.insert(root.to_string(), seen);
    }
    out
}

/// For `added` and `removed`: the nodes (in both graphs) that gain or lose ancestors, and
/// those ancestors.
type Lineage = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

/// The truth, from a naive walk of A (renamed nodes under their new ids) and B.
fn truth(a: &Value, b: &Value, d: &Value, lineage: [&[&str]; 2]) -> Lineage {
    let (nodes, edges) = renamed(a, d);
    let before = ancestors(&nodes, &edges, lineage[0]);
    let (b_nodes, b_edges) = (
        b["nodes"].as_array().unwrap(),
        b["edges"].as_array().unwrap(),
    );
    let after = ancestors(b_nodes, b_edges, lineage[1]);
    let mut out = Lineage::new();
    for (id, old) in &before {
        let Some(new) = after.get(id) else { continue };
        for (change, differ) in [
            ("removed", old.difference(new)),
            ("added", new.difference(old)),
        ] {
            for c in differ {
                let entry = out.entry(change.to_string()).or_default();
                entry.0.insert(id.clone());
                entry.1.insert(c.clone());
            }
        }
    }
    out
}

/// What the diff's consequences say, each ancestor's count within its edge's nodes.
fn listed(d: &Value) -> Result<Lineage, TestCaseError> {
    let mut out = Lineage::new();
    for c in d["lineage"].as_array().unwrap() {
        let (nodes, ancestors) = (
            c["nodes"].as_array().unwrap(),
            c["ancestors"].as_array().unwrap(),
        );
        // An edge that went, or left lineage with its relation: its nodes lose ancestors.
        let change = match c["change"].as_str().unwrap() {
            "removed" | "left_lineage" => "removed",
            _ => "added",
        };
        let entry = out.entry(change.to_string()).or_default();
        entry
            .0
            .extend(nodes.iter().map(|n| n.as_str().unwrap().to_string()));
        entry.1.extend(
            ancestors
                .iter()
                .map(|x| x["id"].as_str().unwrap().to_string()),
        );
        for x in ancestors {
            prop_assert!((1..=nodes.len() as u64).contains(&x["nodes"].as_u64().unwrap()));
        }
    }
    Ok(out)
}

/// The consequences name exactly the nodes whose ancestors differ, and exactly the
/// ancestors they gain and lose.
fn check_lineage(
    a: &Value,
    b: &Value,
    d: &Value,
    lineage: [&[&str]; 2],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(listed(d)?, truth(a, b, d, lineage), "lineage consequences");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_diff_applied_to_a_gives_b(doc in graph(), edits in prop::collection::vec(edit(), 0..16)) {
        let tmp = tempfile::tempdir().unwrap();
        let mut edited = doc.clone();
        for (k, e) in edits.iter().enumerate() {
            apply_edit(&mut edited, e, k);
        }
        // A's schema makes `uses` lineage; B's too, unless an odd number of edits said not.
        let flips = edits.iter().filter(|e| matches!(e, Edit::Relineage)).count();
        let uses = [true, flips % 2 == 0];
        let ga = build(&tmp.path().join("a"), &doc, uses[0]);
        let gb = build(&tmp.path().join("b"), &edited, uses[1]);
        prop_assert!(genkg::diff::diff(&ga, &ga).is_empty());
        prop_assert!(genkg::diff::diff(&ga, &ga).lineage.is_empty());
        prop_assert!(genkg::diff::diff(&gb, &gb).is_empty());
        let (a, b) = (canonical(&ga), canonical(&gb));
        let (la, lb) = (lineage(uses[0]), lineage(uses[1]));
        let ahead = serde_json::to_value(genkg::diff::diff(&ga, &gb)).unwrap();
        prop_assert_eq!(apply(&a, &ahead), b.clone(), "A + diff(A, B) = B\n{:#}", ahead);
        check_lineage(&a, &b, &ahead, [&la, &lb])?;
        let back = serde_json::to_value(genkg::diff::diff(&gb, &ga)).unwrap();
        prop_assert_eq!(apply(&b, &back), a.clone(), "B + diff(B, A) = A\n{:#}", back);
        check_lineage(&b, &a, &back, [&lb, &la])?;
        let same = a == b && uses[0] == uses[1];
        prop_assert_eq!(genkg::diff::diff(&ga, &gb).is_empty(), same);
    }
}
