//! Human-readable outputs: cards, tables, trees, sentences. Each returns a String.

pub mod common;
pub mod diff;
pub mod path;
pub mod reconciliation;
pub mod show;
pub mod stats;
pub mod table;
pub mod taxonomy;
pub mod tree;

use crate::graph::KnowledgeGraph;
use petgraph::graph::NodeIndex;

/// "Name [id]", or "[id]" alone when the name is the id.
pub fn label(g: &KnowledgeGraph, n: NodeIndex) -> String {
    let name = g.name(n);
    if name == g.id(n) {
        format!("[{name}]")
    } else {
        format!("{name} [{}]", g.id(n))
    }
}

/// `s` followed by spaces to `width` characters (any width: `format!`'s `{:<w$}` stops at
/// 65,535).
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    let mut out = String::with_capacity(s.len() + width.saturating_sub(n));
    out.push_str(s);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(n)));
    out
}

/// "a model", "an organization": the article for a word.
pub fn a(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    format!("{} {word}", if vowel { "an" } else { "a" })
}

/// 3500000000 → "3,500,000,000".
pub fn thousands(i: i64) -> String {
    let digits = i.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if i < 0 {
        format!("-{out}")
    } else {
        out
    }
}
