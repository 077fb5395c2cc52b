//! The lineage tree in the style of `cargo tree`: one node a line with the relation that led
//! there and its year; children sorted; a node printed before shows again as `name (*)`
//! without its subtree, which also ends every cycle.
//!
//! Any depth and any width: the walk keeps its own stack (a 100,000-deep chain would
//! overflow the program's), duplicate checks are by marks (a million children cost a
//! million steps, not a million squared), and past `FOLD` levels the indentation folds:
//! the outer levels become `…N ` (N levels not drawn), so a line never grows past about
//! `KEEP` levels of indentation and the output grows with the lines, not their depth.

use std::collections::HashSet;

use petgraph::graph::NodeIndex;

use crate::graph::{KnowledgeGraph, LineageView};
use crate::query::lineage::{Direction, LineageQuery};
use crate::text::label;

/// Levels of indentation drawn in full.
pub const FOLD: usize = 32;
/// Levels drawn after folding.
const KEEP: usize = 16;

/// A child and the phrases of the relations (possibly several) that lead to it.
type Child = (NodeIndex, Vec<String>);

struct Walker<'a> {
    g: &'a KnowledgeGraph,
    q: &'a LineageQuery,
    view: LineageView<'a>,
    printed: Vec<bool>,
    /// With a depth limit: each node's shortest distance from the root. A node is expanded
    /// only where it sits at that distance, so the limit never hides part of its subtree.
    nearest: Option<Vec<u32>>,
    out: String,
}

/// A node whose children are being gathered (`children`): its own children in edge order,
/// how far through them it is, and what it has gathered so far.
struct Gather {
    /// The hidden node this frame lifts children through (`None` for the node itself).
    via: Option<NodeIndex>,
    raw: std::vec::IntoIter<Child>,
    out: Vec<Child>,
    /// The children in `out`, for the duplicate check.
    have: HashSet<NodeIndex>,
}

impl Walker<'_> {
    fn visible(&self, n: NodeIndex) -> bool {
        self.q.shows(self.g, n)
    }

    fn raw_children(&self, n: NodeIndex) -> Vec<Child> {
        let g = self.g;
        let mut kids: Vec<(NodeIndex, String, String)> = self
            .view
            .steps(n)
            .map(|(e, next)| {
                let rel = g.schema.relation(g.edge(e).relation);
                let phrase = match self.q.direction {
                    Direction::Up => rel.phrase.clone(),
                    Direction::Down => rel.inverse.clone(),
                };
                (next, rel.name.clone(), phrase)
            })
            .collect();
        kids.sort_by(|a, b| (g.id(a.0), &a.1).cmp(&(g.id(b.0), &b.1)));
        let mut out: Vec<Child> = Vec::new();
        for (child, _, phrase) in kids {
            match out.last_mut() {
                Some((last, phrases)) if *last == child => {
                    if !phrases.contains(&phrase) {
                        phrases.push(phrase)
                    }
                }
                _ => out.push((child, vec![phrase])),
            }
        }
        out
    }

    fn frame(&self, n: NodeIndex, via: Option<NodeIndex>) -> Gather {
        Gather {
            via,
            raw: self.raw_children(n).into_iter(),
            out: Vec::new(),
            have: HashSet::new(),
        }
    }

    /// Children as shown: a hidden kind's children are lifted into its place, through any
    /// number of hidden nodes (each entered once), on a stack of frames.
    fn children(&self, n: NodeIndex) -> Vec<Child> {
        let mut seen: HashSet<NodeIndex> = HashSet::from([n]);
        let mut stack = vec![self.frame(n, None)];
        loop {
            let top = stack.last_mut().expect("the root frame is popped last");
            if let Some((child, phrases)) = top.raw.next() {
                if self.visible(child) {
                    if top.have.insert(child) {
                        top.out.push((child, phrases));
                    }
                } else if seen.insert(child) {
                    stack.push(self.frame(child, Some(child)));
                }
                continue;
            }
            let done = stack.pop().expect("a frame");
            let merged = self.merge(done.out);
            let Some(parent) = stack.last_mut() else {
                return merged;
            };
            // Say which hidden node the lifted children were reached through.
            let via = format!("via {}", self.g.name(done.via.expect("a lifted frame")));
            for (c, mut p) in merged {
                if !p.iter().any(|x| x.starts_with("via ")) {
                    p.push(via.clone());
                }
                parent.have.insert(c);
                parent.out.push((c, p));
            }
        }
    }

    /// A child reached both directly and through hidden nodes shows once, with every phrase.
    fn merge(&self, mut out: Vec<Child>) -> Vec<Child> {
        out.sort_by(|a, b| self.g.id(a.0).cmp(self.g.id(b.0)));
        let mut merged: Vec<Child> = Vec::new();
        for (child, phrases) in out {
            match merged.last_mut() {
                Some((last, have)) if *last == child => {
                    for p in phrases {
                        if !have.contains(&p) {
                            have.push(p);
                        }
                    }
                }
                _ => merged.push((child, phrases)),
            }
        }
        merged.sort_by_cached_key(|(c, phrases)| (phrases.join(", "), self.g.id(*c).to_string()));
        merged
    }

    fn line(&self, n: NodeIndex) -> String {
        match self.g.node(n).year {
            Some(y) => format!("{} {y}", label(self.g, n)),
            None => label(self.g, n),
        }
    }

    /// Whether the walk stops above `depth` (the `--depth` limit).
    fn stops(&self, depth: usize) -> bool {
        self.q.depth.is_some_and(|d| depth >= d)
    }

    /// The tree below the root, one frame (a node's children and how far through them) per
    /// level; `last[k]` says whether the open node at level k was its parent's last child.
    fn walk(&mut self, root: NodeIndex) {
        if self.stops(0) {
            return;
        }
        let mut stack: Vec<(std::vec::IntoIter<Child>, usize)> =
            vec![(self.children(root).into_iter(), 0)];
        let mut last: Vec<bool> = Vec::new();
        while let Some((kids, depth)) = stack.last_mut() {
            let depth = *depth;
            let Some((child, phrases)) = kids.next() else {
                stack.pop();
                last.pop();
                continue;
            };
            let is_last = kids.len() == 0;
            let too_deep = self
                .nearest
                .as_ref()
                .is_some_and(|d| d[child.index()] as usize != depth + 1);
            let repeat = self.printed[child.index()] || too_deep;
            self.push_line(&last, is_last, child, &phrases, repeat);
            if !repeat {
                self.printed[child.index()] = true;
                if !self.stops(depth + 1) {
                    last.push(is_last);
                    stack.push((self.children(child).into_iter(), depth + 1));
                }
            }
        }
    }

    fn push_line(
        &mut self,
        last: &[bool],
        is_last: bool,
        child: NodeIndex,
        phrases: &[String],
        repeat: bool,
    ) {
        indent(&mut self.out, last);
        self.out.push_str(if is_last { "└── " } else { "├── " });
        let said: Vec<&str> = phrases
            .iter()
            .filter(|p| !p.starts_with("via "))
            .map(String::as_str)
            .collect();
        self.out.push_str(&said.join(", "));
        self.out.push(' ');
        let line = self.line(child);
        self.out.push_str(&line);
        if let Some(via) = phrases.iter().find(|p| p.starts_with("via ")) {
            self.out.push_str(&format!(" ({via})"));
        }
        if repeat {
            self.out.push_str(" (*)");
        }
        self.out.push('\n');
    }
}

/// The indentation of a line under open levels `last`: `│   ` or four spaces a level, the
/// outer ones folded into `…N ` past `FOLD` levels.
fn indent(out: &mut String, last: &[bool]) {
    let shown = if last.len() > FOLD {
        out.push_str(&format!("…{} ", last.len() - KEEP));
        &last[last.len() - KEEP..]
    } else {
        last
    };
    for &l in shown {
        out.push_str(if l { "    " } else { "│   " });
    }
}

pub fn render(g: &KnowledgeGraph, q: &LineageQuery) -> String {
    let mut w = Walker {
        g,
        q,
        view: q.view(g),
        printed: vec![false; g.node_bound()],
        nearest: None,
        out: String::new(),
    };
    // Hidden kinds change the tree's depths, so the rule applies to unfiltered trees only.
    if q.depth.is_some() && q.kinds.is_empty() {
        w.nearest = Some(w.view.distances(q.root, q.depth));
    }
    w.printed[q.root.index()] = true;
    w.out = format!("{}\n", w.line(q.root));
    w.walk(q.root);
    w.out
}

#[cfg(test)]
mod tests {
    use super::indent;

    #[test]
    fn indentation_folds_past_the_limit() {
        let mut s = String::new();
        indent(&mut s, &[false, true]);
        assert_eq!(s, "│       ");
        let mut deep = String::new();
        indent(&mut deep, &vec![true; 1000]);
        assert_eq!(deep, format!("…984 {}", "    ".repeat(16)));
    }
}
