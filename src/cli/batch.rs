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
    let bytes = match &a.file {
        Some(p) => crate::read::files::read_bytes(p)?,
        None => crate::read::files::read_all(std::io::stdin().lock(), Path::new("stdin"))?,
    };
    let mut worst = 0;
    for (number, line) in lines(&bytes) {
        let status = match line {
            Ok(line) => run_line(number, line, session),
            Err(column) => {
                eprintln!(
                    "batch line {number}: not UTF-8 text (at column {column}); the line is skipped"
                );
                1
            }
        };
        worst = worst.max(status);
    }
    Ok(Emit::Status(worst))
}

/// The commands of a batch: each line with its number, as text, or where its first byte
/// that is not UTF-8 is (a column counted in characters); blank lines and `#` comments
/// left out.
pub fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, Result<&str, usize>)> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let text = std::str::from_utf8(raw).map_err(|e| {
                String::from_utf8_lossy(&raw[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1
            });
            (i + 1, text.map(str::trim))
        })
        .filter(|(_, l)| !matches!(l, Ok(t) if t.is_empty() || t.starts_with('#')))
}

/// Runs one line; its exit status.
fn run_line(number: usize, line: &str, session: &mut Session) -> u8 {
    match parse_line(line) {
        Ok(command) => print_outcome(dispatch(command, session)),
        Err(message) => {
            eprintln!("batch line {number}: {message}");
            2
        }
    }
}

/// A batch line as a command, or what is wrong with it.
pub fn parse_line(line: &str) -> Result<Command, String> {
    let argv = std::iter::once("genkg".to_string()).chain(split_words(line));
    match Cli::try_parse_from(argv) {
        Ok(cli) if matches!(cli.command, Command::Batch(_)) => Err("batch cannot nest".to_string()),
        Ok(cli) => Ok(cli.command),
        Err(e) => Err(e.to_string().trim_end().to_string()),
    }
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
