//! `genkg batch`: several commands, one a line, on one loaded graph: the load is paid once.

use std::path::{Path, PathBuf};

use clap::{Args, Parser};

use super::{dispatch, print_outcome, Cli, Command, Emit, Session};
use crate::diag::Error;

#[derive(Args, Debug)]
pub struct BatchArgs {
    pub file: Option<PathBuf>,
}

pub fn run(a: BatchArgs, session: &mut Session) -> Result<Emit, Error> {
    let text = match &a.file {
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
        let argv = std::iter::once("genkg".to_string()).chain(split_words(line));
        let status = match Cli::try_parse_from(argv) {
            Ok(cli) if matches!(cli.command, Command::Batch(_)) => {
                eprintln!("batch line {}: batch cannot nest", i + 1);
                2
            }
            Ok(cli) => print_outcome(dispatch(cli.command, session)),
            Err(e) => {
                eprintln!("batch line {}: {}", i + 1, e.to_string().trim_end());
                2
            }
        };
        worst = worst.max(status);
    }
    Ok(Emit::Status(worst))
}

/// Splits a `batch` line into words, honouring single and double quotes.
pub fn split_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (None, c) => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[test]
    fn words_and_quotes() {
        assert_eq!(split_words(r#"show "DALL·E 2""#), ["show", "DALL·E 2"]);
        assert_eq!(split_words("a  'b c' \"\""), ["a", "b c", ""]);
        assert!(split_words("   ").is_empty());
    }
}
