//! `genkg common A B`: the nearest common ancestors of two nodes.

use clap::Args;
use serde_json::json;

use super::{Emit, Session, TextOrJson};
use crate::diag::Error;
use crate::export::json::to_pretty;
use crate::query::common::common;
use crate::query::names;
use crate::resolve::resolve;
use crate::text;

#[derive(Args, Debug)]
pub struct CommonArgs {
    pub a: String,
    pub b: String,
    /// List every common ancestor, not only the nearest
    #[arg(long)]
    pub all: bool,
    /// Follow these relations instead of the lineage relations (repeatable)
    #[arg(long = "relation", value_name = "R")]
    pub relations: Vec<String>,
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

pub fn run(a: CommonArgs, session: &mut Session) -> Result<Emit, Error> {
    let g = session.graph()?;
    let (na, nb) = (resolve(g, &a.a)?, resolve(g, &a.b)?);
    let c = common(g, na, nb, &names::lineage_or(g, &a.relations)?);
    Ok(Emit::Text(match a.format {
        TextOrJson::Text => text::common::render(g, na, nb, &c, a.all),
        TextOrJson::Json => {
            let list = if a.all { &c.all } else { &c.nearest };
            let ancestors: Vec<serde_json::Value> = list
                .iter()
                .map(|s| json!({ "id": g.id(s.node), "name": g.name(s.node), "from_a": s.from_a, "from_b": s.from_b }))
                .collect();
            to_pretty(&json!({ "a": g.id(na), "b": g.id(nb), "ancestors": ancestors }))
        }
    }))
}
