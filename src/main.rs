//! The genkg binary: parse arguments, call the library, print, map the result to an exit
//! code (0 ok, 1 the data or the query failed, 2 usage). No graph logic lives here.

mod cli;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command};
use genkg::commands::{self, Emit, Session, Shape};
use genkg::export::{ClusterBy, DrawOptions};
use genkg::query::filter::Filter;
use genkg::query::taxonomy::By;
use genkg::{diag, Error};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut session = Session::new(&cli.graph);
    let code = match run(cli.command, &mut session) {
        Ok(code) => code,
        Err(e) => {
            report(&e.diagnostics);
            1
        }
    };
    // Freeing a million-node graph one allocation at a time only delays the exit; the
    // operating system takes the memory back at once.
    std::mem::forget(session);
    ExitCode::from(code)
}

fn color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn report(diagnostics: &[genkg::Diagnostic]) {
    let _ = std::io::stderr().write_all(diag::render(diagnostics, color()).as_bytes());
}

/// Prints to stdout; a closed pipe (`genkg ... | head`) ends the program quietly.
fn print(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(bytes).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("genkg: cannot write to stdout: {e}");
        std::process::exit(1);
    }
}

fn emit(e: Emit) -> Result<u8, Error> {
    match e {
        Emit::Text(s) => print(s.as_bytes()),
        Emit::Bytes(b) => {
            if std::io::stdout().is_terminal() && std::str::from_utf8(&b).is_err() {
                return Err(Error::msg(
                    "usage",
                    "this format is binary: write it to a file with -o FILE",
                ));
            }
            print(&b)
        }
        Emit::Warned(warnings, inner) => {
            report(&warnings);
            return emit(*inner);
        }
        Emit::Written(paths) => {
            for p in paths {
                eprintln!("wrote {}", p.display());
            }
        }
    }
    Ok(0)
}

fn filter(f: cli::FilterArgs) -> Filter {
    Filter {
        kinds: f.kinds,
        orgs: f.orgs,
        inputs: f.inputs,
        outputs: f.outputs,
        categories: f.categories,
        uses: f.uses,
        since: f.since,
        until: f.until,
    }
}

fn draw(d: cli::DrawArgs) -> DrawOptions {
    DrawOptions {
        cluster_by: match d.cluster_by.as_str() {
            "category" => ClusterBy::Category,
            "organization" => ClusterBy::Organization,
            "kind" => ClusterBy::Kind,
            _ => ClusterBy::None,
        },
        rankdir: d.rankdir,
        timeline: d.timeline,
    }
}

fn shape(s: &str) -> Shape {
    Shape::parse(s).expect("clap only lets known formats through")
}

fn lineage_args(l: cli::LineageArgs) -> commands::LineageArgs {
    commands::LineageArgs {
        id: l.id,
        down: l.down,
        depth: l.depth,
        relations: l.relations,
        kinds: l.kinds,
    }
}

fn path_args(p: cli::PathArgs) -> commands::PathArgs {
    commands::PathArgs {
        from: p.from,
        to: p.to,
        directed: p.directed,
        relations: p.relations,
        all: p.all,
        max_len: p.max_len,
    }
}

fn run(command: Command, session: &mut Session) -> Result<u8, Error> {
    match command {
        Command::Check { strict } => {
            let (report_, ok) = commands::check(&session.path, strict)?;
            report(&report_.diagnostics);
            let (errors, warnings) = (report_.error_count(), report_.warning_count());
            if ok {
                eprintln!(
                    "{}: ok ({warnings} warning{})",
                    session.path.display(),
                    if warnings == 1 { "" } else { "s" }
                );
                Ok(0)
            } else {
                eprintln!(
                    "{}: {errors} error{}, {warnings} warning{}",
                    session.path.display(),
                    if errors == 1 { "" } else { "s" },
                    if warnings == 1 { "" } else { "s" }
                );
                Ok(1)
            }
        }
        Command::Stats { format } => {
            let g = session.graph()?;
            if format == "json" {
                let mut s =
                    serde_json::to_string_pretty(&genkg::text::stats::json(g)).expect("plain JSON");
                s.push('\n');
                emit(Emit::Text(s))
            } else {
                emit(Emit::Text(genkg::text::stats::render(g)))
            }
        }
        Command::Show { id, format } => {
            emit(commands::show(session.graph()?, &id, format == "json")?)
        }
        Command::List { filter: f, format } => emit(commands::list(
            session.graph()?,
            &filter(f),
            shape(&format),
        )?),
        Command::Lineage {
            lineage,
            format,
            output,
            draw: d,
        } => emit(commands::lineage(
            session.graph()?,
            &lineage_args(lineage),
            shape(&format),
            &draw(d),
            output.as_deref(),
        )?),
        Command::Path {
            path,
            format,
            output,
            draw: d,
        } => emit(commands::path(
            session.graph()?,
            &path_args(path),
            shape(&format),
            &draw(d),
            output.as_deref(),
        )?),
        Command::Common {
            a,
            b,
            all,
            relations,
            format,
        } => emit(commands::common_cmd(
            session.graph()?,
            &a,
            &b,
            &relations,
            all,
            format == "json",
        )?),
        Command::Taxonomy { by, format } => {
            let by = match by {
                cli::TaxonomyBy::Category => By::Category,
                cli::TaxonomyBy::Company => By::Company,
            };
            emit(commands::taxonomy_cmd(
                session.graph()?,
                by,
                format == "json",
            )?)
        }
        Command::Export {
            format,
            output,
            lineage,
            down,
            depth,
            relations,
            path,
            filter: f,
            draw: d,
            all,
        } => {
            let g = session.graph()?;
            if all {
                let dir = output.unwrap_or_else(|| "exports".into());
                return emit(Emit::Written(genkg::exports_dir::write_all(g, &dir)?));
            }
            let args = commands::ExportArgs {
                lineage: lineage.map(|id| commands::LineageArgs {
                    id,
                    down,
                    depth,
                    relations: relations.clone(),
                    kinds: Vec::new(),
                }),
                path: path.map(|p| commands::PathArgs {
                    from: p[0].clone(),
                    to: p[1].clone(),
                    relations: relations.clone(),
                    ..Default::default()
                }),
                filter: filter(f),
            };
            let sel = commands::export_selection(g, &args)?;
            let format = match shape(format.as_deref().unwrap_or("json")) {
                Shape::Export(f) => f,
                _ => unreachable!("export formats only"),
            };
            emit(commands::deliver(
                g,
                &sel,
                format,
                &draw(d),
                output.as_deref(),
            )?)
        }
        Command::Batch { file } => batch(file.as_deref(), session),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "genkg", &mut out);
            emit(Emit::Text(String::from_utf8_lossy(&out).into_owned()))
        }
    }
}

/// Several commands on one loaded graph: the load is paid once.
fn batch(file: Option<&Path>, session: &mut Session) -> Result<u8, Error> {
    let text = match file {
        Some(p) => std::fs::read_to_string(p).map_err(|e| Error::io("read", p, e))?,
        None => std::io::read_to_string(std::io::stdin())
            .map_err(|e| Error::io("read", Path::new("stdin"), e))?,
    };
    let mut worst = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let argv = std::iter::once("genkg".to_string()).chain(commands::split_words(line));
        let code = match Cli::try_parse_from(argv) {
            Ok(cli) if matches!(cli.command, Command::Batch { .. }) => {
                eprintln!("batch line {}: batch cannot nest", i + 1);
                2
            }
            Ok(cli) => match run(cli.command, session) {
                Ok(c) => c,
                Err(e) => {
                    report(&e.diagnostics);
                    1
                }
            },
            Err(e) => {
                eprintln!("batch line {}: {}", i + 1, e.to_string().trim_end());
                2
            }
        };
        worst = worst.max(code);
    }
    Ok(worst)
}
