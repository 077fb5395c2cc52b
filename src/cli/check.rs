//! `genkg check`: every finding about the graph at once.

use clap::Args;

use super::{Emit, Session};
use crate::diag::{Error, SHOWN_PER_CODE};
use crate::read::{self, Options, Validation};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// List every finding (by default five of each kind, then how many more)
    #[arg(long)]
    pub all: bool,
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn run(a: CheckArgs, session: &mut Session) -> Result<Emit, Error> {
    let opts = Options {
        validation: Validation::Full,
        shown: (!a.all).then_some(SHOWN_PER_CODE),
    };
    let mut loaded = read::open_layers(&session.paths, opts)?;
    if a.strict {
        loaded.report.make_strict();
    }
    let report = loaded.report;
    let reconciliation = if loaded.layers.len() > 1 {
        crate::text::reconciliation::render(&loaded.graph, &loaded.layers, &report)
    } else {
        String::new()
    };
    let (errors, warnings) = (report.error_count(), report.warning_count());
    let path = session.describe();
    let (summary, status) = if errors == 0 {
        (format!("{path}: ok ({})", plural(warnings, "warning")), 0)
    } else {
        (
            format!(
                "{path}: {}, {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
            1,
        )
    };
    Ok(Emit::Report {
        diagnostics: report.finish(),
        summary: format!("{reconciliation}{summary}"),
        status,
    })
}
