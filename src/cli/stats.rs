//! `genkg stats`: counts by kind and relation.

use clap::Args;

use super::{Emit, Session, TextOrJson};
use crate::diag::Error;
use crate::export::json::to_pretty;
use crate::text::stats;

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub fn run(a: StatsArgs, session: &mut Session) -> Result<Emit, Error> {
    let g = session.graph()?;
    Ok(Emit::Text(match a.format {
        TextOrJson::Text => stats::render(g),
        TextOrJson::Json => to_pretty(&stats::json(g)),
    }))
}
