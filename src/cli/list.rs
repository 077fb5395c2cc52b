//! `genkg list`: nodes chosen by the filter flags.

use clap::Args;

use super::args::FilterArgs;
use super::{Emit, ListFormat, Session};
use crate::diag::Error;
use crate::export::json;
use crate::query::filter;
use crate::selection::Selection;
use crate::text;

#[derive(Args, Debug)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

pub fn run(a: ListArgs, session: &mut Session) -> Result<Emit, Error> {
    let g = session.graph()?;
    let f = a.filter.filter();
    let nodes = filter::apply(g, &f)?;
    Ok(Emit::Text(match a.format {
        ListFormat::Ids => nodes.iter().map(|&n| format!("{}\n", g.id(n))).collect(),
        ListFormat::Count => format!("{}\n", nodes.len()),
        ListFormat::Json => json::write(g, &Selection::induced(g, nodes, f.describe())),
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = nodes
                .iter()
                .map(|&n| {
                    vec![
                        g.id(n).to_string(),
                        g.kind_name(n).to_string(),
                        g.node(n).year.map(|y| y.to_string()).unwrap_or_default(),
                        g.name(n).to_string(),
                    ]
                })
                .collect();
            text::table::render(&["id", "kind", "year", "name"], &rows)
        }
    }))
}
