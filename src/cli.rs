//! The command line, defined once: it drives parsing, `--help` and shell completions.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const FORMATS_EXPORT: [&str; 11] = [
    "json", "dot", "svg", "png", "pdf", "graphml", "gexf", "mermaid", "cypher", "csv", "turtle",
];

#[derive(Parser, Debug)]
#[command(
    name = "genkg",
    version,
    about = "A knowledge graph of the generative-AI landscape: trace lineage, relate models, export diagrams",
    after_help = "Examples:\n  genkg check --strict\n  genkg show \"DALL·E 2\"\n  genkg lineage stable-diffusion\n  genkg path whisper chatgpt\n  genkg export --format svg --lineage chatgpt -o chatgpt.svg"
)]
pub struct Cli {
    /// The graph: a knowledge-base directory, a node-link .json file, or a directory with nodes.csv and edges.csv
    #[arg(
        long,
        global = true,
        env = "GENKG_GRAPH",
        default_value = "graph",
        value_name = "PATH"
    )]
    pub graph: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Load the graph and report every problem at once (exit 1 on errors)
    #[command(after_help = "Example:\n  genkg check --strict      # warnings fail too")]
    Check {
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
    },
    /// Count nodes by kind and edges by relation
    #[command(after_help = "Example:\n  genkg stats --format json")]
    Stats {
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// A readable card: facts, attributes, every relation in words, sources
    #[command(
        after_help = "Examples:\n  genkg show dall-e-2\n  genkg show \"DALL·E 2\"      # names and aliases work too"
    )]
    Show {
        /// Id, name or alias (case, spaces and punctuation ignored)
        id: String,
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// List nodes, filtered by kind, organization, modality, category, technique or year
    #[command(
        after_help = "Examples:\n  genkg list --kind model --org openai\n  genkg list --input audio --format ids\n  genkg list --uses transformer --since 2022"
    )]
    List {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, default_value = "table", value_parser = ["table", "ids", "count", "json"])]
        format: String,
    },
    /// What a node is built on (or, with --down, what is built on it)
    #[command(
        after_help = "Examples:\n  genkg lineage stable-diffusion\n  genkg lineage transformer --down --kind model --format list\n  genkg lineage chatgpt --format svg -o chatgpt.svg"
    )]
    Lineage {
        #[command(flatten)]
        lineage: LineageArgs,
        /// tree, list (ids), count, or any export format
        #[arg(long, default_value = "tree", value_parser = lineage_formats())]
        format: String,
        /// Write to this file instead of stdout (a directory for csv)
        #[arg(short = 'o', long = "out", value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// How two nodes are related: the shortest chain of relations, as sentences
    #[command(
        after_help = "Examples:\n  genkg path whisper chatgpt\n  genkg path dall-e-2 diffusion --directed\n  genkg path imagen muse --all --max-len 3"
    )]
    Path {
        #[command(flatten)]
        path: PathArgs,
        /// text, or any export format
        #[arg(long, default_value = "text", value_parser = path_formats())]
        format: String,
        #[arg(short = 'o', long = "out", value_name = "PATH")]
        output: Option<PathBuf>,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// The nearest common ancestors of two nodes
    #[command(after_help = "Example:\n  genkg common dall-e-2 stable-diffusion")]
    Common {
        a: String,
        b: String,
        /// List every common ancestor, not only the nearest
        #[arg(long)]
        all: bool,
        /// Follow these relations instead of the lineage relations (repeatable)
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// The survey's Figure 1 (by category) or Figure 2 (by company), with its slips marked
    #[command(after_help = "Example:\n  genkg taxonomy --by company")]
    Taxonomy {
        #[arg(long, value_enum, default_value_t = TaxonomyBy::Category)]
        by: TaxonomyBy,
        #[arg(long, default_value = "markdown", value_parser = ["markdown", "json"])]
        format: String,
    },
    /// Export the graph, a lineage, a path or a filtered set in any format
    #[command(
        after_help = "Examples:\n  genkg export --format json -o graph.json\n  genkg export --format svg --lineage stable-diffusion -o sd.svg\n  genkg export --format graphml --kind model\n  genkg export --format csv -o neo4j/\n  genkg export --all --out exports"
    )]
    Export {
        #[arg(long, value_parser = FORMATS_EXPORT, required_unless_present = "all")]
        format: Option<String>,
        #[arg(short = 'o', long = "out", value_name = "PATH")]
        output: Option<PathBuf>,
        /// Export the lineage of this node
        #[arg(long, value_name = "ID", conflicts_with = "path")]
        lineage: Option<String>,
        /// With --lineage: descendants instead of ancestors
        #[arg(long, requires = "lineage")]
        down: bool,
        /// With --lineage: at most this many steps
        #[arg(long, requires = "lineage")]
        depth: Option<usize>,
        /// With --lineage or --path: relations to follow (repeatable)
        #[arg(long = "relation", value_name = "R")]
        relations: Vec<String>,
        /// Export the shortest path between two nodes
        #[arg(long, num_args = 2, value_names = ["FROM", "TO"])]
        path: Option<Vec<String>>,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        draw: DrawArgs,
        /// Write the committed set of diagrams (whole graph, categories, lineages, timeline,
        /// taxonomy) into the directory -o/--out names (default: exports)
        #[arg(long, conflicts_with_all = ["format", "lineage", "path"])]
        all: bool,
    },
    /// Run several commands on one loaded graph, one per line (from FILE or stdin)
    #[command(
        after_help = "Example:\n  printf 'lineage chatgpt --format count\\npath whisper chatgpt\\n' | genkg batch"
    )]
    Batch { file: Option<PathBuf> },
    /// Print a shell completion script
    #[command(after_help = "Example:\n  genkg completions zsh")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

fn lineage_formats() -> Vec<&'static str> {
    let mut v = vec!["tree", "list", "count"];
    v.extend(FORMATS_EXPORT);
    v
}

fn path_formats() -> Vec<&'static str> {
    let mut v = vec!["text", "count"];
    v.extend(FORMATS_EXPORT);
    v
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaxonomyBy {
    Category,
    Company,
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

#[derive(Args, Debug, Clone)]
pub struct DrawArgs {
    /// Group nodes into boxes (DOT and the formats drawn from it)
    #[arg(long, value_parser = ["none", "category", "organization", "kind"], default_value = "none")]
    pub cluster_by: String,
    #[arg(long, value_parser = ["TB", "LR", "BT", "RL"], default_value = "LR")]
    pub rankdir: String,
    /// Rank nodes by year along a year axis
    #[arg(long)]
    pub timeline: bool,
}
