//! The genkg binary: parse arguments, dispatch, print, exit with 0 (ok), 1 (the data or the
//! query failed) or 2 (usage). Everything else is the library's.

use std::process::ExitCode;

use clap::Parser;

use genkg::cli::{dispatch, print_outcome, Cli, Session};
use genkg::read::snapshot::cache::Cache;

fn main() -> ExitCode {
    let cli = Cli::parse();
    genkg::write::remove_temporaries_on_signals();
    let cache = Cache::from_env(cli.no_cache);
    let mut session = Session::new(&cli.graph, cache);
    let status = print_outcome(dispatch(cli.command, &mut session));
    // Freeing a million-node graph one allocation at a time only delays the exit; the
    // operating system takes the memory back at once.
    std::mem::forget(session);
    ExitCode::from(status)
}
