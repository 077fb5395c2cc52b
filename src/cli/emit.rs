//! What a command gives back, and printing it: stdout for results, stderr for findings and
//! for what was written. A closed pipe (`genkg ... | head`) ends the program quietly.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use crate::diag::{self, Diagnostic, Error};
use crate::export::Delivered;

#[derive(Debug, Clone)]
pub enum Emit {
    Text(String),
    /// An export for stdout; a binary one is refused on a terminal.
    Export {
        bytes: Vec<u8>,
        binary: bool,
    },
    /// Files written (with `-o`): said on stderr.
    Written(Vec<PathBuf>),
    /// Output with warnings for stderr (a Mermaid diagram past its edge limit).
    Warned(Vec<Diagnostic>, Box<Emit>),
    /// Findings and a summary line for stderr, and the exit status (`check`).
    Report {
        diagnostics: Vec<Diagnostic>,
        summary: String,
        status: u8,
    },
    /// Only an exit status: the output went out already (`batch`).
    Status(u8),
}

impl Emit {
    /// An export as delivered: its bytes, or the files it wrote, with its warnings.
    pub fn delivered(d: Delivered, binary: bool) -> Emit {
        let inner = match d.bytes {
            Some(bytes) => Emit::Export { bytes, binary },
            None => Emit::Written(d.written),
        };
        if d.warnings.is_empty() {
            inner
        } else {
            Emit::Warned(d.warnings, Box::new(inner))
        }
    }
}

pub fn report(diagnostics: &[Diagnostic]) {
    diag::announce(diagnostics);
}

/// Prints to stdout; a closed pipe ends the program quietly.
fn print(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("genkg: cannot write to stdout: {e}");
        std::process::exit(1);
    }
}

fn emit(e: Emit) -> Result<u8, Error> {
    match e {
        Emit::Text(s) => print(s.as_bytes()),
        Emit::Export { bytes, binary } => {
            if binary && std::io::stdout().is_terminal() {
                return Err(Error::usage(
                    "this format is binary: write it to a file with -o FILE",
                ));
            }
            print(&bytes)
        }
        Emit::Warned(warnings, inner) => {
            report(&warnings);
            return emit(*inner);
        }
        Emit::Written(paths) => {
            for p in paths {
                eprintln!("wrote {}", p.display());
            }
        }
        Emit::Report {
            diagnostics,
            summary,
            status,
        } => {
            report(&diagnostics);
            eprintln!("{summary}");
            return Ok(status);
        }
        Emit::Status(status) => return Ok(status),
    }
    Ok(0)
}

/// Prints what a command gave back and returns the exit status: 0 ok, 1 the data or the
/// query failed, 2 usage.
pub fn print_outcome(outcome: Result<Emit, Error>) -> u8 {
    match outcome.and_then(emit) {
        Ok(status) => status,
        Err(e) => {
            report(&e.diagnostics);
            e.exit_status()
        }
    }
}
