//! Findings gathered while reading, building and validating a graph: all reported at once,
//! but a flood of one kind (a million edges to unknown ids) is shown five at a time and
//! counted. This is the one place that rule lives.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Code, Diagnostic, Error, Severity};

/// How many findings of one code are kept and shown by default (`check --all` keeps all).
pub const SHOWN_PER_CODE: usize = 5;

#[derive(Debug, Clone)]
pub struct Report {
    diagnostics: Vec<Diagnostic>,
    /// Findings of each code and severity, kept or only counted.
    counts: BTreeMap<(Code, Severity), usize>,
    /// Keep at most this many of each code; `None` keeps everything.
    limit: Option<usize>,
    /// Files whose findings come first, in this order (a file whose rows cause findings in
    /// another, as nodes.csv does in edges.csv, is named before it). Others follow by path.
    files: Vec<PathBuf>,
}

impl Default for Report {
    fn default() -> Self {
        Report::limited(Some(SHOWN_PER_CODE))
    }
}

impl Report {
    pub fn limited(limit: Option<usize>) -> Self {
        Report {
            diagnostics: Vec::new(),
            counts: BTreeMap::new(),
            limit,
            files: Vec::new(),
        }
    }

    /// A report that keeps every finding.
    pub fn unlimited() -> Self {
        Report::limited(None)
    }

    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// A new empty report with the same limit (for a part read on another thread).
    pub fn sibling(&self) -> Self {
        Report::limited(self.limit)
    }

    /// Findings in `path` are shown before those of files noted after it.
    pub fn note_file(&mut self, path: &Path) {
        if !self.files.iter().any(|f| f == path) {
            self.files.push(path.to_path_buf());
        }
    }

    /// Where a finding's file comes in the order of noted files.
    fn rank(&self, d: &Diagnostic) -> usize {
        d.location
            .as_ref()
            .and_then(|l| self.files.iter().position(|f| f == l.path()))
            .unwrap_or(usize::MAX)
    }

    fn seen(&self, code: Code) -> usize {
        self.counts
            .iter()
            .filter(|((c, _), _)| *c == code)
            .map(|(_, n)| n)
            .sum()
    }

    /// Whether another finding of `code` would be kept: callers skip building costly
    /// messages (suggestions) for findings that would only be counted.
    pub fn wants(&self, code: Code) -> bool {
        self.limit.is_none_or(|l| self.seen(code) < l)
    }

    pub fn push(&mut self, d: Diagnostic) {
        let keep = self.wants(d.code);
        *self.counts.entry((d.code, d.severity)).or_insert(0) += 1;
        if keep {
            self.diagnostics.push(d);
        }
    }

    /// Counts a finding without keeping it (it would not be shown).
    pub fn count(&mut self, code: Code, severity: Severity) {
        *self.counts.entry((code, severity)).or_insert(0) += 1;
    }

    /// Takes in another report's findings, kept and counted.
    pub fn extend(&mut self, other: Report) {
        let mut hidden = other.counts.clone();
        for d in &other.diagnostics {
            if let Some(n) = hidden.get_mut(&(d.code, d.severity)) {
                *n -= 1;
            }
        }
        for d in other.diagnostics {
            self.push(d);
        }
        for (key, n) in hidden {
            *self.counts.entry(key).or_insert(0) += n;
        }
    }

    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    fn count_of(&self, severity: Severity) -> usize {
        self.counts
            .iter()
            .filter(|((_, s), _)| *s == severity)
            .map(|(_, n)| n)
            .sum()
    }

    /// Errors in all, shown or only counted.
    pub fn error_count(&self) -> usize {
        self.count_of(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count_of(Severity::Warning)
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The codes found, with how many of each (for tests and summaries).
    pub fn codes(&self) -> BTreeMap<Code, usize> {
        let mut out = BTreeMap::new();
        for ((code, _), n) in &self.counts {
            *out.entry(*code).or_insert(0) += n;
        }
        out
    }

    /// Turns warnings into errors (`check --strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.diagnostics {
            d.severity = Severity::Error;
        }
        let counts = std::mem::take(&mut self.counts);
        for ((code, _), n) in counts {
            *self.counts.entry((code, Severity::Error)).or_insert(0) += n;
        }
    }

    /// The findings to show: sorted by place, then one line for each code that had more
    /// than were kept.
    pub fn finish(&self) -> Vec<Diagnostic> {
        let mut out = self.diagnostics.clone();
        out.sort_by(|a, b| (self.rank(a), a.order_key()).cmp(&(self.rank(b), b.order_key())));
        for (&(code, severity), &count) in &self.counts {
            let shown = self
                .diagnostics
                .iter()
                .filter(|d| d.code == code && d.severity == severity)
                .count();
            if count > shown {
                let d = Diagnostic {
                    severity,
                    ..Diagnostic::error(
                        code,
                        format!(
                            "{} `{code}` findings in all; {} more not shown",
                            crate::text::thousands(count as i64),
                            crate::text::thousands((count - shown) as i64)
                        ),
                    )
                };
                out.push(d.help("`genkg check --all` lists every one"));
            }
        }
        out
    }

    pub fn into_error(self) -> Error {
        Error {
            diagnostics: self.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(i: usize) -> Diagnostic {
        Diagnostic::error(Code::UnknownId, format!("no node `n{i}`"))
    }

    #[test]
    fn five_of_a_code_are_shown_and_the_rest_counted() {
        let mut r = Report::default();
        for i in 0..12 {
            r.push(unknown(i));
        }
        r.push(Diagnostic::warning(Code::Unsourced, "one"));
        assert_eq!((r.error_count(), r.warning_count()), (12, 1));
        let shown = r.finish();
        assert_eq!(shown.len(), 5 + 1 + 1);
        assert!(shown
            .last()
            .unwrap()
            .message
            .contains("12 `unknown-id` findings in all; 7 more not shown"));
    }

    #[test]
    fn extend_keeps_the_limit_and_the_counts() {
        let mut a = Report::default();
        let mut b = a.sibling();
        for i in 0..3 {
            a.push(unknown(i));
        }
        for i in 3..10 {
            b.push(unknown(i));
        }
        a.extend(b);
        assert_eq!(a.error_count(), 10);
        assert_eq!(a.diagnostics().len(), 5);
    }

    #[test]
    fn unlimited_keeps_everything() {
        let mut r = Report::unlimited();
        for i in 0..20 {
            r.push(unknown(i));
        }
        assert_eq!(r.finish().len(), 20);
    }
}
