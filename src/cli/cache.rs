//! `genkg cache info|clear`: the snapshots genkg keeps of large graphs, where, how big,
//! and whether the current graph's is fresh; and removing them.

use clap::{Args, Subcommand};
use serde_json::json;

use super::{Emit, Session, TextOrJson};
use crate::diag::Error;
use crate::export::json::to_pretty;
use crate::read::snapshot::cache::{self, Cache, ENV, MIN_INPUT_BYTES};
use crate::read::snapshot::fingerprint::Fingerprint;
use crate::read::snapshot::{read_meta, Meta};

#[derive(Args, Debug)]
pub struct CacheArgs {
    #[command(subcommand)]
    pub action: CacheAction,
}

#[derive(Subcommand, Debug)]
pub enum CacheAction {
    /// Where the cache is, the snapshots in it, and whether the graph's is fresh
    Info {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
    },
    /// Remove every snapshot (the cache directory and anything else in it stay)
    Clear,
}

pub fn run(a: CacheArgs, session: &mut Session) -> Result<Emit, Error> {
    match a.action {
        CacheAction::Info { format } => info(session, format),
        CacheAction::Clear => clear(&session.cache),
    }
}

/// The state of the session's graph in the cache, in words.
fn graph_state(session: &Session) -> String {
    let Some(dir) = session.cache.dir() else {
        return "not cached: the cache is off".into();
    };
    let fingerprint = Fingerprint::of(&session.paths);
    if fingerprint.bytes() < MIN_INPUT_BYTES {
        return format!(
            "not cached: its inputs ({}) are under {}, quicker to parse",
            megabytes(fingerprint.bytes()),
            megabytes(MIN_INPUT_BYTES)
        );
    }
    let inputs = cache::input_names(&session.paths);
    let file = cache::snapshot_path(dir, &inputs);
    if !file.exists() {
        return "no snapshot yet: the next command that reads it writes one".into();
    }
    let current = Meta {
        genkg: env!("CARGO_PKG_VERSION").to_string(),
        inputs,
        fingerprint,
    };
    match read_meta(&file) {
        Ok(stored) if stored == current => format!("fresh: {}", file.display()),
        Ok(_) => format!(
            "stale (an input changed): {}; the next command rebuilds it",
            file.display()
        ),
        Err(why) => format!(
            "damaged ({why}): {}; the next command rebuilds it",
            file.display()
        ),
    }
}

fn info(session: &Session, format: TextOrJson) -> Result<Emit, Error> {
    let (dir, how) = match &session.cache {
        Cache::Off => (None, format!("off (--no-cache or {ENV}=off)")),
        Cache::At(d) => (
            Some(d.clone()),
            if std::env::var_os(ENV).is_some() {
                format!("{} (from {ENV})", d.display())
            } else {
                format!(
                    "{} (the user's cache directory; set {ENV} to move it)",
                    d.display()
                )
            },
        ),
    };
    let entries = match &dir {
        Some(d) => cache::entries(d).map_err(|e| Error::io("read the cache directory", d, e))?,
        None => Vec::new(),
    };
    let total: u64 = entries.iter().map(|(_, size)| size).sum();
    let state = graph_state(session);
    let listed: Vec<(String, u64, String)> = entries
        .iter()
        .map(|(path, size)| {
            let built_from = match read_meta(path) {
                Ok(m) => format!("{} (genkg {})", m.inputs.join(" + "), m.genkg),
                Err(why) => format!("unreadable: {why}"),
            };
            (path.display().to_string(), *size, built_from)
        })
        .collect();
    Ok(Emit::Text(match format {
        TextOrJson::Json => to_pretty(&json!({
            "cache": dir.as_ref().map(|d| d.display().to_string()),
            "graph": session.describe(),
            "graph_state": state,
            "snapshots": listed.iter().map(|(path, size, from)| json!({
                "path": path, "bytes": size, "built_from": from,
            })).collect::<Vec<_>>(),
            "total_bytes": total,
        })),
        TextOrJson::Text => {
            let mut out = format!("cache: {how}\n");
            out += &format!("graph {}: {state}\n", session.describe());
            out += &format!(
                "{} snapshot{}, {}\n",
                listed.len(),
                if listed.len() == 1 { "" } else { "s" },
                megabytes(total)
            );
            for (path, size, from) in &listed {
                out += &format!("  {path}  {}  {from}\n", megabytes(*size));
            }
            out
        }
    }))
}

fn clear(cache: &Cache) -> Result<Emit, Error> {
    let Some(dir) = cache.dir() else {
        return Ok(Emit::Text(format!(
            "the cache is off (--no-cache or {ENV}=off): nothing to clear\n"
        )));
    };
    let entries = cache::entries(dir).map_err(|e| Error::io("read the cache directory", dir, e))?;
    let mut freed = 0;
    for (path, size) in &entries {
        match std::fs::remove_file(path) {
            Ok(()) => freed += size,
            // Renamed or removed by another genkg meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("remove", path, e)),
        }
    }
    Ok(Emit::Text(format!(
        "removed {} snapshot{} ({}) from {}\n",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" },
        megabytes(freed),
        dir.display()
    )))
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
