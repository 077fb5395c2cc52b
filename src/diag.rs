//! Structured diagnostics: what went wrong, where (file and byte span), and a hint.
//! The library only builds them; `render` turns them into text in one place.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The text of one loaded file, shared by every diagnostic that points into it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<NamedSource<String>>,
}

impl SourceFile {
    pub fn new(path: &Path, text: String) -> Self {
        let name = path.display().to_string();
        SourceFile {
            path: path.to_path_buf(),
            text: Arc::new(NamedSource::new(name, text)),
        }
    }

    pub fn text(&self) -> &str {
        self.text.inner()
    }

    /// 1-based line and column of a byte offset, for messages without a snippet.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let offset = offset.min(text.len());
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// One finding. `code` names its class (`unknown-id`, `lineage-cycle`, ...), so tests and
/// users can tell classes apart without parsing prose.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub file: Option<SourceFile>,
    pub span: Option<Range<usize>>,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: None,
            span: None,
            label: None,
            help: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, file: &SourceFile, span: Option<Range<usize>>) -> Self {
        self.file = Some(file.clone());
        self.span = span;
        self
    }

    pub fn in_file(mut self, file: &SourceFile) -> Self {
        self.file = Some(file.clone());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or the path alone, or nothing.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        Some(match &self.span {
            Some(span) => {
                let (line, col) = file.line_col(span.start);
                format!("{}:{line}:{col}", file.path.display())
            }
            None => file.path.display().to_string(),
        })
    }

    /// Sort key: file, then position, so reports read top to bottom.
    fn order_key(&self) -> (Option<PathBuf>, usize, Severity, String) {
        (
            self.file.as_ref().map(|f| f.path.clone()),
            self.span.as_ref().map_or(0, |s| s.start),
            self.severity,
            self.message.clone(),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.as_ref()?;
        self.file
            .as_ref()
            .map(|f| f.text.as_ref() as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span.clone()?;
        self.file.as_ref()?;
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(self.label.clone(), span),
        )))
    }
}

/// Every failure of the library: one or more diagnostics, at least one an error.
#[derive(Debug, Clone)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub fn one(diagnostic: Diagnostic) -> Self {
        Error {
            diagnostics: vec![diagnostic],
        }
    }

    pub fn msg(code: &'static str, message: impl Into<String>) -> Self {
        Error::one(Diagnostic::error(code, message))
    }

    pub fn io(action: &str, path: &Path, err: std::io::Error) -> Self {
        Error::msg("io", format!("cannot {action} {}: {err}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let errors = self.diagnostics.iter().filter(|d| d.is_error()).count();
        match self.diagnostics.first() {
            Some(d) if errors <= 1 => write!(f, "{d}"),
            _ => write!(f, "{errors} errors"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// Findings gathered while loading and checking: all of them are reported at once.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn sort(&mut self) {
        self.diagnostics.sort_by_key(|d| d.order_key());
    }

    /// Turns warnings into errors (`check --strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.diagnostics {
            d.severity = Severity::Error;
        }
    }

    pub fn into_error(mut self) -> Error {
        self.sort();
        Error {
            diagnostics: self.diagnostics,
        }
    }
}

/// Renders diagnostics as text: file:line:col, a snippet with the span underlined, the hint.
pub fn render(diagnostics: &[Diagnostic], color: bool) -> String {
    use miette::{GraphicalReportHandler, GraphicalTheme};
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    for d in diagnostics {
        if d.span.is_none() {
            // miette prints no location without a snippet; name the file ourselves.
            if let Some(loc) = d.location() {
                let mut shown = d.clone();
                shown.message = format!("{loc}: {}", d.message);
                let _ = handler.render_report(&mut out, &shown);
                continue;
            }
        }
        let _ = handler.render_report(&mut out, d);
    }
    out
}
