//! Structured diagnostics: what went wrong (a `Code`), where (a span in a file, a row of a
//! table, or a whole file), and a hint. The library only builds them; `render` turns them
//! into text in one place.

mod code;
mod report;

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceCode};

pub use code::Code;
pub use report::{Report, SHOWN_PER_CODE};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The text of one file read whole, shared by every diagnostic that points into it.
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

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let text = self.text();
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and column (in characters), clamped to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let text = self.text();
        let start = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let rest = &text[start.min(text.len())..];
        start
            + rest
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i)
    }
}

/// Where a finding is.
#[derive(Debug, Clone)]
pub enum Location {
    /// A byte span in a file held in memory: shown with a snippet, the span underlined.
    Span {
        file: SourceFile,
        span: Range<usize>,
    },
    /// A whole file or directory.
    File(PathBuf),
    /// A row of a table read as a stream (CSV): its line, and the column at fault if one is.
    Row {
        path: Arc<Path>,
        line: u64,
        column: Option<String>,
    },
}

impl Location {
    pub fn path(&self) -> &Path {
        match self {
            Location::Span { file, .. } => &file.path,
            Location::File(p) => p,
            Location::Row { path, .. } => path,
        }
    }

    /// `path:line:col`, `path:line` or `path`.
    pub fn describe(&self) -> String {
        match self {
            Location::Span { file, span } => {
                let (line, col) = file.line_col(span.start);
                format!("{}:{line}:{col}", file.path.display())
            }
            Location::File(p) => p.display().to_string(),
            Location::Row { path, line, column } => match column {
                Some(c) => format!("{}:{line} (column `{c}`)", path.display()),
                None => format!("{}:{line}", path.display()),
            },
        }
    }

    /// Sort key: file, then position, so reports read top to bottom.
    fn order(&self) -> (&Path, u64) {
        match self {
            Location::Span { file, span } => (&file.path, span.start as u64),
            Location::File(p) => (p, 0),
            Location::Row { path, line, .. } => (path, *line),
        }
    }
}

/// One finding.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub location: Option<Location>,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: None,
            label: None,
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    /// At a span of a file (the whole file when there is no span).
    pub fn at(mut self, file: &SourceFile, span: Option<Range<usize>>) -> Self {
        self.location = Some(match span {
            Some(span) => Location::Span {
                file: file.clone(),
                span,
            },
            None => Location::File(file.path.clone()),
        });
        self
    }

    pub fn in_file(self, file: &SourceFile) -> Self {
        self.in_path(&file.path)
    }

    pub fn in_path(mut self, path: &Path) -> Self {
        self.location = Some(Location::File(path.to_path_buf()));
        self
    }

    pub fn located(mut self, location: Option<Location>) -> Self {
        if location.is_some() {
            self.location = location;
        }
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
        if help.is_some() {
            self.help = help;
        }
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, `path:line`, or the path alone; `None` without a location.
    pub fn location(&self) -> Option<String> {
        self.location.as_ref().map(Location::describe)
    }

    fn order_key(&self) -> (Option<(&Path, u64)>, Severity, &str) {
        (
            self.location.as_ref().map(Location::order),
            self.severity,
            &self.message,
        )
    }

    fn span(&self) -> Option<(&SourceFile, &Range<usize>)> {
        match &self.location {
            Some(Location::Span { file, span }) => Some((file, span)),
            _ => None,
        }
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
        Some(Box::new(self.code.as_str()))
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
        self.span()
            .map(|(file, _)| file.text.as_ref() as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (file, span) = self.span()?;
        // An empty span renders as nothing; show at least one character (and never one past
        // the end of the text).
        let len = file.text().len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        let span = if end == start && start < len {
            start..start + 1
        } else {
            start..end
        };
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

    pub fn msg(code: Code, message: impl Into<String>) -> Self {
        Error::one(Diagnostic::error(code, message))
    }

    /// A usage error found by the library (exit 2), like one clap finds.
    pub fn usage(message: impl Into<String>) -> Self {
        Error::msg(Code::Usage, message)
    }

    pub fn io(action: &str, path: &Path, err: std::io::Error) -> Self {
        Error::msg(
            Code::Io,
            format!("cannot {action} {}: {err}", path.display()),
        )
    }

    /// The exit status: 2 when any error is a usage error, else 1.
    pub fn exit_status(&self) -> u8 {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code.exit_status())
            .max()
            .unwrap_or(1)
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

/// Renders diagnostics as text: the location, a snippet with the span underlined, the hint.
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
        if d.span().is_none() {
            // miette prints no location without a snippet; name the place ourselves.
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

/// Writes findings to stderr at once, rendered as `render` does (in color on a terminal
/// unless NO_COLOR is set): for a warning that must come before long work, such as a large
/// drawing, rather than with the command's output.
pub fn announce(diagnostics: &[Diagnostic]) {
    use std::io::{IsTerminal, Write};
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let _ = std::io::stderr().write_all(render(diagnostics, color).as_bytes());
}
