//! `genkg taxonomy`: the survey's Figure 1 (by category) or Figure 2 (by company).

use clap::{Args, ValueEnum};

use super::args::MarkdownOrJson;
use super::{Emit, Session};
use crate::diag::Error;
use crate::export::json::to_pretty;
use crate::query::taxonomy::{taxonomy, By};
use crate::text;

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxonomyBy {
    Category,
    Company,
}

#[derive(Args, Debug)]
pub struct TaxonomyArgs {
    #[arg(long, value_enum, default_value_t = TaxonomyBy::Category)]
    pub by: TaxonomyBy,
    #[arg(long, value_enum, default_value_t = MarkdownOrJson::Markdown)]
    pub format: MarkdownOrJson,
}

pub fn run(a: TaxonomyArgs, session: &mut Session) -> Result<Emit, Error> {
    let g = session.graph()?;
    let by = match a.by {
        TaxonomyBy::Category => By::Category,
        TaxonomyBy::Company => By::Company,
    };
    let groups = taxonomy(g, by)?;
    Ok(Emit::Text(match a.format {
        MarkdownOrJson::Markdown => text::taxonomy::markdown(g, by, &groups),
        MarkdownOrJson::Json => to_pretty(&text::taxonomy::json(g, &groups)),
    }))
}
