//! `genkg completions SHELL`: a completion script, generated from the one definition of
//! the command line.

use clap::{Args, CommandFactory};

use super::{Cli, Emit};
use crate::diag::Error;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(a: CompletionsArgs) -> Result<Emit, Error> {
    let mut out = Vec::new();
    clap_complete::generate(a.shell, &mut Cli::command(), "genkg", &mut out);
    Ok(Emit::Text(String::from_utf8_lossy(&out).into_owned()))
}
