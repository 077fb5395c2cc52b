//! `genkg show ID`: one node's card.

use clap::Args;

use super::{Emit, Session, TextOrJson};
use crate::diag::Error;
use crate::export::json::{node, to_pretty};
use crate::resolve::resolve;
use crate::text;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Id, name or alias (case, spaces and punctuation ignored)
    pub id: String,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub fn run(a: ShowArgs, session: &mut Session) -> Result<Emit, Error> {
    let g = session.graph()?;
    let n = resolve(g, &a.id)?;
    Ok(Emit::Text(match a.format {
        TextOrJson::Text => text::show::render(g, n),
        TextOrJson::Json => to_pretty(&node(g, n)),
    }))
}
