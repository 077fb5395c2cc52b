//! Argument groups several commands share, and the closed sets of `--format` values.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, ValueEnum};

use crate::export::{ClusterBy, DrawOptions, Format, RankDir};
use crate::query::filter::Filter;

/// A command's own output forms plus every export format (`Export(Format)`), as one
/// `--format` value set: the export formats come from `Format`, listed once.
macro_rules! with_exports {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $value:literal: $help:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($variant,)*
            Export(Format),
        }

        impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                static ALL: std::sync::LazyLock<Vec<$name>> = std::sync::LazyLock::new(|| {
                    let mut all = vec![$($name::$variant,)*];
                    all.extend(Format::all().iter().map(|&f| $name::Export(f)));
                    all
                });
                &ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                match self {
                    $($name::$variant => Some(PossibleValue::new($value).help($help)),)*
                    $name::Export(f) => f.to_possible_value(),
                }
            }
        }
    };
}

with_exports! {
    /// `lineage --format`.
    LineageFormat {
        Tree = "tree": "an indented tree, like cargo tree",
        List = "list": "the ids, one a line",
        Count = "count": "how many",
    }
}

with_exports! {
    /// `path --format`.
    PathFormat {
        Text = "text": "the chain in sentences, with sources",
        Count = "count": "its length",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Ids,
    Count,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MarkdownOrJson {
    Markdown,
    Json,
}

#[derive(Args, Debug, Clone)]
pub struct LineageArgs {
    /// Id, name or alias
    pub id: String,
    /// Descendants: what is built on ID
    #[arg(long)]
    pub down: bool,
    /// At most this many steps
    #[arg(long)]
    pub depth: Option<usize>,
    /// Follow these relations instead of the schema's lineage relations (repeatable)
    #[arg(long = "relation", value_name = "R")]
    pub relations: Vec<String>,
    /// Keep only nodes of these kinds in the result; the walk passes through the others (repeatable)
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<String>,
}

#[derive(Args, Debug, Clone)]
pub struct PathArgs {
    pub from: String,
    pub to: String,
    /// Only follow edges forwards
    #[arg(long)]
    pub directed: bool,
    /// Walk only these relations (repeatable)
    #[arg(long = "relation", value_name = "R")]
    pub relations: Vec<String>,
    /// Every simple path up to --max-len, shortest first
    #[arg(long)]
    pub all: bool,
    #[arg(long, default_value_t = 4)]
    pub max_len: usize,
    /// With --all: fail rather than collect more paths than this
    #[arg(long, default_value_t = crate::limits::DEFAULT_MAX_PATHS, value_name = "N")]
    pub max_paths: usize,
}

#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only nodes of this kind (repeatable)
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<String>,
    /// Developed by this organization (repeatable)
    #[arg(long = "org", value_name = "ORG")]
    pub orgs: Vec<String>,
    /// Taking this modality as input (repeatable)
    #[arg(long = "input", value_name = "M")]
    pub inputs: Vec<String>,
    /// Producing this modality (repeatable)
    #[arg(long = "output", value_name = "M")]
    pub outputs: Vec<String>,
    /// In this category of the survey (repeatable)
    #[arg(long = "category", value_name = "C")]
    pub categories: Vec<String>,
    /// Built on this technique or model, directly or through its lineage (repeatable)
    #[arg(long = "uses", value_name = "T")]
    pub uses: Vec<String>,
    /// From this year on
    #[arg(long, value_name = "YEAR")]
    pub since: Option<i32>,
    /// Up to this year
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i32>,
}

impl FilterArgs {
    pub fn filter(self) -> Filter {
        Filter {
            kinds: self.kinds,
            orgs: self.orgs,
            inputs: self.inputs,
            outputs: self.outputs,
            categories: self.categories,
            uses: self.uses,
            since: self.since,
            until: self.until,
        }
    }
}

/// `-o PATH` and `--force`, for the queries that can write their answer to a file.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Write to this file instead of stdout (a directory for csv)
    #[arg(short = 'o', long = "out", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// With -o: replace a file even if this run read the graph from it
    #[arg(long)]
    pub force: bool,
}

#[derive(Args, Debug, Clone)]
pub struct DrawArgs {
    /// Group nodes into boxes (DOT and the formats drawn from it)
    #[arg(long, value_enum, default_value_t = ClusterBy::None)]
    pub cluster_by: ClusterBy,
    #[arg(long, value_enum, default_value_t = RankDir::LeftToRight)]
    pub rankdir: RankDir,
    /// Rank nodes by year along a year axis
    #[arg(long)]
    pub timeline: bool,
}

impl DrawArgs {
    pub fn options(&self) -> DrawOptions {
        DrawOptions {
            cluster_by: self.cluster_by,
            rankdir: self.rankdir,
            timeline: self.timeline,
        }
    }
}
