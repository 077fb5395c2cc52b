//! The command line, defined once with clap: it drives parsing, `--help` and shell
//! completions. One file per command holds its arguments and turns them into a library
//! call; `main.rs` only parses, dispatches and prints.

mod args;
mod batch;
mod cache;
mod check;
mod common;
mod completions;
mod diff;
mod emit;
mod export;
mod lineage;
mod list;
mod path;
mod session;
mod show;
mod stats;
mod taxonomy;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use args::{LineageFormat, ListFormat, PathFormat, TextOrJson};
pub use batch::{lines as batch_lines, parse_line, split_words};
pub use emit::{print_outcome, Emit};
pub use session::Session;

use crate::diag::Error;

#[derive(Parser, Debug)]
#[command(
    name = "genkg",
    version,
    about = "A knowledge graph of the generative-AI landscape: trace lineage, relate models, export diagrams",
    after_help = "Examples:\n  genkg check --strict\n  genkg show \"DALL·E 2\"\n  genkg lineage stable-diffusion\n  genkg path whisper chatgpt\n  genkg export --format svg --lineage chatgpt -o chatgpt.svg"
)]
pub struct Cli {
    /// The graph: a knowledge-base directory, a node-link .json file, a directory with
    /// nodes.csv and edges.csv, Epoch AI's table, or a manifest of layers (landscape.toml).
    /// Given several times, the graphs are layers merged in order, the first authoritative.
    #[arg(
        long,
        global = true,
        env = "GENKG_GRAPH",
        default_value = "graph",
        value_name = "PATH",
        action = clap::ArgAction::Append
    )]
    pub graph: Vec<PathBuf>,

    /// Parse the graph even if a snapshot of it is cached, and keep none (as
    /// GENKG_CACHE=off does). Large graphs are otherwise snapshotted on first read.
    #[arg(long, global = true)]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load the graph and report every problem at once (exit 1 on errors)
    #[command(after_help = "Example:\n  genkg check --strict      # warnings fail too")]
    Check(check::CheckArgs),
    /// Count nodes by kind and edges by relation
    #[command(after_help = "Example:\n  genkg stats --format json")]
    Stats(stats::StatsArgs),
    /// A readable card: facts, attributes, every relation in words, sources
    #[command(
        after_help = "Examples:\n  genkg show dall-e-2\n  genkg show \"DALL·E 2\"      # names and aliases work too"
    )]
    Show(show::ShowArgs),
    /// List nodes, filtered by kind, organization, modality, category, technique or year
    #[command(
        after_help = "Examples:\n  genkg list --kind model --org openai\n  genkg list --input audio --format ids\n  genkg list --uses transformer --since 2022"
    )]
    List(list::ListArgs),
    /// What a node is built on (or, with --down, what is built on it)
    #[command(
        after_help = "Examples:\n  genkg lineage stable-diffusion\n  genkg lineage transformer --down --kind model --format list\n  genkg lineage chatgpt --format svg -o chatgpt.svg"
    )]
    Lineage(lineage::LineageCommand),
    /// How two nodes are related: the shortest chain of relations, as sentences
    #[command(
        after_help = "Examples:\n  genkg path whisper chatgpt\n  genkg path dall-e-2 diffusion --directed\n  genkg path imagen muse --all --max-len 3"
    )]
    Path(path::PathCommand),
    /// The nearest common ancestors of two nodes
    #[command(after_help = "Example:\n  genkg common dall-e-2 stable-diffusion")]
    Common(common::CommonArgs),
    /// The survey's Figure 1 (by category) or Figure 2 (by company), with its slips marked
    #[command(after_help = "Example:\n  genkg taxonomy --by company")]
    Taxonomy(taxonomy::TaxonomyArgs),
    /// What changed between two versions of a graph, in facts: nodes, edges, sources, schema, and what it does to lineage
    #[command(
        after_help = "Examples:\n  genkg diff main:graph graph                # the work tree against main\n  genkg diff HEAD~3:graph HEAD:graph --format markdown\n  genkg diff old.json new.json --exit-code   # exit 1 when they differ"
    )]
    Diff(diff::DiffArgs),
    /// Export the graph, a lineage, a path or a filtered set in any format
    #[command(
        after_help = "Examples:\n  genkg export --format json -o graph.json\n  genkg export --format svg --lineage stable-diffusion -o sd.svg\n  genkg export --format graphml --kind model\n  genkg export --format csv -o neo4j/\n  genkg export --all --out exports"
    )]
    Export(export::ExportArgs),
    /// Run several commands on one loaded graph, one per line (from FILE or stdin)
    #[command(
        after_help = "Example:\n  printf 'lineage chatgpt --format count\\npath whisper chatgpt\\n' | genkg batch"
    )]
    Batch(batch::BatchArgs),
    /// Show or clear the cache of graph snapshots (GENKG_CACHE)
    #[command(after_help = "Examples:\n  genkg cache info\n  genkg cache clear")]
    Cache(cache::CacheArgs),
    /// Print a shell completion script
    #[command(after_help = "Example:\n  genkg completions zsh")]
    Completions(completions::CompletionsArgs),
}

/// Runs one command on the session's graph.
pub fn dispatch(command: Command, session: &mut Session) -> Result<Emit, Error> {
    match command {
        Command::Check(a) => check::run(a, session),
        Command::Stats(a) => stats::run(a, session),
        Command::Show(a) => show::run(a, session),
        Command::List(a) => list::run(a, session),
        Command::Lineage(a) => lineage::run(a, session),
        Command::Path(a) => path::run(a, session),
        Command::Common(a) => common::run(a, session),
        Command::Taxonomy(a) => taxonomy::run(a, session),
        Command::Diff(a) => diff::run(a),
        Command::Export(a) => export::run(a, session),
        Command::Batch(a) => batch::run(a, session),
        Command::Cache(a) => cache::run(a, session),
        Command::Completions(a) => completions::run(a),
    }
}
