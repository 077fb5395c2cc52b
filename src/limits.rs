//! The limits that keep hostile or mistaken input from taking unbounded time or memory, in
//! one place. Each default is far above what a real graph needs (the 1M-node Debian graph
//! is 0.3 GB of CSV); each can be raised by an environment variable, read when it is used.

use crate::diag::{Code, Diagnostic, Error};

/// A limit with its environment variable.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// The variable that overrides the default, e.g. `GENKG_MAX_INPUT`.
    pub var: &'static str,
    pub default: u64,
    /// What it bounds, in words (for messages).
    pub what: &'static str,
    /// Whether the value is a size in bytes (accepts K, M, G suffixes; shown as such).
    pub bytes: bool,
}

/// Bytes read from any one input file (a TOML, JSON or CSV file, a batch file, stdin).
pub const MAX_INPUT: Limit = Limit {
    var: "GENKG_MAX_INPUT",
    default: 4 << 30,
    what: "bytes read from one input",
    bytes: true,
};

/// Bytes read back from Graphviz's `dot` (an SVG, PNG or PDF).
pub const MAX_DOT_OUTPUT: Limit = Limit {
    var: "GENKG_MAX_DOT_OUTPUT",
    default: 1 << 30,
    what: "bytes of dot's output",
    bytes: true,
};

/// Steps `path --all` may take while searching (each edge it tries from a partial path):
/// a few seconds of work.
pub const PATH_SEARCH: Limit = Limit {
    var: "GENKG_PATH_SEARCH",
    default: 50_000_000,
    what: "steps of the search for every path",
    bytes: false,
};

/// Distinct attribute keys of nodes (and, apart, of edges): cards and exports list
/// attributes by key, so keys × elements is their cost.
pub const MAX_ATTRIBUTE_KEYS: Limit = Limit {
    var: "GENKG_MAX_ATTRIBUTES",
    default: 4096,
    what: "distinct attribute keys",
    bytes: false,
};

/// The number of paths `path --all` collects unless `--max-paths` says otherwise.
pub const DEFAULT_MAX_PATHS: usize = 100_000;

/// A drawing of more nodes than this is announced before `dot` starts on it.
pub const LARGE_DRAWING: usize = 2_000;

impl Limit {
    /// The limit in force: the variable's value, or the default. A value that is not a
    /// number is a usage error.
    pub fn get(&self) -> Result<u64, Error> {
        match std::env::var(self.var) {
            Ok(text) => parse(&text, self.bytes).ok_or_else(|| {
                Error::one(
                    Diagnostic::error(
                        Code::Usage,
                        format!("{}={text:?} is not a number", self.var),
                    )
                    .help(if self.bytes {
                        "write a number of bytes, optionally with K, M or G (e.g. 8G)"
                    } else {
                        "write a whole number, e.g. 100000000"
                    }),
                )
            }),
            Err(_) => Ok(self.default),
        }
    }

    /// "4 GiB" or "50,000,000".
    pub fn show(&self, value: u64) -> String {
        if !self.bytes {
            return crate::text::thousands(value.min(i64::MAX as u64) as i64);
        }
        for (unit, shift) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] {
            if value >= 1 << shift && value.is_multiple_of(1 << shift) {
                return format!("{} {unit}", value >> shift);
            }
        }
        format!("{value} bytes")
    }

    /// The hint for a message about passing this limit.
    pub fn raise_hint(&self) -> String {
        format!(
            "the limit on {} is {}; set {} to raise it",
            self.what,
            self.show(self.get().unwrap_or(self.default)),
            self.var
        )
    }
}

/// `123`, `8G`, `512M`, `64K` (binary multiples).
fn parse(text: &str, bytes: bool) -> Option<u64> {
    let t = text.trim();
    let (digits, shift) = match t.char_indices().last()? {
        (i, 'K' | 'k') if bytes => (&t[..i], 10),
        (i, 'M' | 'm') if bytes => (&t[..i], 20),
        (i, 'G' | 'g') if bytes => (&t[..i], 30),
        _ => (t, 0),
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse("123", true), Some(123));
        assert_eq!(parse("8G", true), Some(8 << 30));
        assert_eq!(parse(" 64k ", true), Some(64 << 10));
        assert_eq!(parse("8G", false), None);
        assert_eq!(parse("lots", true), None);
        assert_eq!(parse("99999999999999999999G", true), None);
        assert_eq!(MAX_INPUT.show(4 << 30), "4 GiB");
        assert_eq!(PATH_SEARCH.show(50_000_000), "50,000,000");
    }
}
