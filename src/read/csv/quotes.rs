//! A quote that is never closed swallows the rest of a CSV file into one field, and the
//! csv parser takes that without a word. This finds it: the rest of the file, from the
//! start of the last record read, scanned the way csv-core reads it (RFC 4180, `""` for a
//! quote inside a quoted field, any of `\r`, `\n`, `\r\n` ending a record).

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::diag::Error;
use crate::read::files;

/// A field whose quote is never closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unclosed {
    /// The field's place in its record (0 for the first).
    pub field: usize,
    /// Lines after the one the quote opens on, all read into the field.
    pub lines: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartField,
    InField,
    Quoted,
    /// A quote inside a quoted field: the end of the quotes, or the first of `""`.
    QuoteInQuoted,
}

/// Scans `path` from byte `from`, the start of a record.
pub fn unclosed(path: &Path, from: u64) -> Result<Option<Unclosed>, Error> {
    let mut raw = files::open(path)?;
    raw.seek(SeekFrom::Start(from))
        .map_err(|e| files::read_error(path, e))?;
    let mut file = files::Limited::new(raw, crate::limits::MAX_INPUT.get()?);
    let mut buf = vec![0u8; 1 << 16];
    let (mut state, mut field, mut lines) = (State::StartField, 0usize, 0u64);
    let mut first = true;
    let mut last = None;
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| files::read_error(path, e))?;
        if n == 0 {
            break;
        }
        // The parser skips a byte-order mark at the start of the file.
        let bom = first && from == 0 && buf[..n].starts_with(b"\xef\xbb\xbf");
        first = false;
        last = buf[..n].last().copied();
        for &b in &buf[if bom { 3 } else { 0 }..n] {
            state = match (state, b) {
                (State::Quoted, b'"') => State::QuoteInQuoted,
                (State::Quoted, b'\n') => {
                    lines += 1;
                    State::Quoted
                }
                (State::Quoted, _) => State::Quoted,
                (State::QuoteInQuoted, b'"') => State::Quoted,
                (State::StartField, b'"') => State::Quoted,
                (_, b',') => {
                    field += 1;
                    State::StartField
                }
                (_, b'\n' | b'\r') => {
                    field = 0;
                    lines = 0;
                    State::StartField
                }
                _ => State::InField,
            };
        }
    }
    // A final line break ends the last line; it starts none.
    if last == Some(b'\n') {
        lines = lines.saturating_sub(1);
    }
    Ok((state == State::Quoted).then_some(Unclosed { field, lines }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Option<Unclosed> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, text).unwrap();
        unclosed(&p, 0).unwrap()
    }

    #[test]
    fn finds_only_quotes_left_open() {
        assert_eq!(scan("a,b\n1,2\n"), None);
        assert_eq!(scan("a,\"b\nc\"\n1,\"x\"\"y\"\n"), None);
        assert_eq!(scan("a,b\"c\n"), None);
        assert_eq!(
            scan("a,b\n1,\"oops\n2,3\n4,5\n"),
            Some(Unclosed { field: 1, lines: 2 })
        );
        assert_eq!(scan("\"x\"\"\n"), Some(Unclosed { field: 0, lines: 0 }));
    }
}
