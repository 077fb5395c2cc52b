//! `genkg diff` for people: text (grouped and sorted, to read in a review) and Markdown (for
//! a pull request's comment). Both print the same sections: a title, then lines marked `+`
//! (added), `-` (removed), `~` (changed) or not at all, nested by depth.

mod names;
mod sections;
mod values;

use std::fmt::Write;

use crate::diff::{Catalog, Diff};
use crate::graph::KnowledgeGraph;

pub use names::Names;

/// One line of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub mark: Option<char>,
    pub depth: usize,
    pub text: String,
}

impl Line {
    pub fn new(mark: Option<char>, depth: usize, text: impl Into<String>) -> Self {
        Line {
            mark,
            depth,
            text: text.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub lines: Vec<Line>,
}

/// Added, removed and changed.
fn sizes<T>(c: &Catalog<T>) -> [usize; 3] {
    [c.added.len(), c.removed.len(), c.changed.len()]
}

/// The rows of the summary: what, old, new, added, removed, renamed, changed.
fn summary(d: &Diff) -> Vec<[String; 7]> {
    let (o, w, n, e) = (&d.old, &d.new, &d.nodes, &d.edges);
    let node_sizes = [n.added.len(), n.removed.len(), n.changed.len()];
    let edge_sizes = [e.added.len(), e.removed.len(), e.changed.len()];
    let rows = [
        ("nodes", o.nodes, w.nodes, node_sizes, Some(n.renamed.len())),
        ("edges", o.edges, w.edges, edge_sizes, None),
        ("sources", o.sources, w.sources, sizes(&d.sources), None),
        ("kinds", o.kinds, w.kinds, sizes(&d.schema.kinds), None),
        (
            "relations",
            o.relations,
            w.relations,
            sizes(&d.schema.relations),
            None,
        ),
    ];
    rows.into_iter()
        .map(|(what, old, new, [added, removed, changed], renamed)| {
            [
                what.to_string(),
                old.to_string(),
                new.to_string(),
                added.to_string(),
                removed.to_string(),
                renamed.map_or_else(String::new, |r| r.to_string()),
                changed.to_string(),
            ]
        })
        .collect()
}

const COLUMNS: [&str; 7] = ["", "old", "new", "added", "removed", "renamed", "changed"];

/// "3 lineage edges change the ancestors of 42 nodes.", or nothing.
fn lineage_summary(d: &Diff) -> Option<String> {
    let edges = d.lineage.len();
    let mut nodes: Vec<&str> = d
        .lineage
        .iter()
        .flat_map(|c| c.nodes.iter().map(String::as_str))
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    (edges > 0).then(|| {
        format!(
            "{} change{} the ancestors of {}.",
            count(edges, "lineage edge"),
            if edges == 1 { "s" } else { "" },
            count(nodes.len(), "node")
        )
    })
}

/// Control characters escaped (`\n`, `\t`, `\u{1b}`): a name or title with a line break
/// in it stays on its line, and the terminal gets no escape sequences from the data.
fn one_line(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// "1 node", "3 nodes".
pub fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// "b711f0b:graph → df4efda:graph".
fn heading(d: &Diff) -> String {
    let name = |g: &str, or: &str| {
        if g.is_empty() {
            or.to_string()
        } else {
            g.to_string()
        }
    };
    format!(
        "{} → {}",
        name(&d.old.graph, "OLD"),
        name(&d.new.graph, "NEW")
    )
}

/// "no differences (118 nodes, 377 edges, 61 sources)".
fn no_differences(d: &Diff) -> String {
    format!(
        "no differences ({}, {}, {})",
        count(d.new.nodes, "node"),
        count(d.new.edges, "edge"),
        count(d.new.sources, "source")
    )
}

/// The diff as text: a heading, the summary table, then each section.
pub fn text(d: &Diff, old: &KnowledgeGraph, new: &KnowledgeGraph) -> String {
    if d.is_empty() {
        return format!("{}: {}\n", heading(d), no_differences(d));
    }
    let mut out = format!("{}\n\n", heading(d));
    let rows = summary(d);
    let widths: Vec<usize> = (0..7)
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([COLUMNS[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in std::iter::once(COLUMNS.map(String::from)).chain(rows) {
        let mut line = format!("  {}", crate::text::pad(&row[0], widths[0]));
        for i in 1..7 {
            let _ = write!(line, "  {:>w$}", row[i], w = widths[i]);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if let Some(s) = lineage_summary(d) {
        let _ = write!(out, "\n  {s}\n");
    }
    for section in sections::all(d, &Names::new(old, new)) {
        let _ = write!(out, "\n{}\n", section.title);
        for l in &section.lines {
            let indent = "  ".repeat(l.depth + 1);
            let mark = l.mark.map(|m| format!("{m} ")).unwrap_or_default();
            let _ = writeln!(out, "{indent}{mark}{}", one_line(&l.text));
        }
    }
    out
}

/// Sections longer than this are folded in Markdown (`<details>`), to keep a comment short.
const FOLD: usize = 30;

/// A fence longer than any run of backticks in `text`, so no name can close it.
fn fence(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// `text` as inline code, whatever backticks it holds.
fn code(text: &str) -> String {
    let ticks = "`".repeat(text.split(|c| c != '`').map(str::len).max().unwrap_or(0) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// The diff as Markdown: a heading, the summary as a table, then each section in a `diff`
/// code block (GitHub colors the `+` and `-` lines), folded when long.
pub fn markdown(d: &Diff, old: &KnowledgeGraph, new: &KnowledgeGraph) -> String {
    let name = |g: &str, or: &str| code(&one_line(if g.is_empty() { or } else { g }));
    let mut out = format!(
        "### genkg diff {} → {}\n\n",
        name(&d.old.graph, "OLD"),
        name(&d.new.graph, "NEW")
    );
    if d.is_empty() {
        let _ = writeln!(out, "{}", no_differences(d));
        return out;
    }
    out.push_str(
        "| | old | new | added | removed | renamed | changed |\n|---|--:|--:|--:|--:|--:|--:|\n",
    );
    for row in summary(d) {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    if let Some(s) = lineage_summary(d) {
        let _ = write!(out, "\n{s}\n");
    }
    for section in sections::all(d, &Names::new(old, new)) {
        let body: String = section
            .lines
            .iter()
            .map(|l| {
                format!(
                    "{} {}{}\n",
                    l.mark.unwrap_or(' '),
                    "  ".repeat(l.depth),
                    one_line(&l.text)
                )
            })
            .collect();
        let f = fence(&body);
        let block = format!("{f}diff\n{body}{f}\n");
        if section.lines.len() > FOLD {
            let _ = write!(
                out,
                "\n<details><summary>{}</summary>\n\n{block}\n</details>\n",
                section.title
            );
        } else {
            let _ = write!(out, "\n#### {}\n\n{block}", section.title);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outlast_any_backticks() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("a ```` b"), "`````");
        assert_eq!(code("x"), "`x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`a"), "`` `a ``");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            one_line("Institute of Technology\nDelhi\t\u{1b}[31m"),
            "Institute of Technology\\nDelhi\\t\\u{1b}[31m"
        );
        assert_eq!(one_line("DALL·E 2 中文"), "DALL·E 2 中文");
    }
}
