//! Every class of finding, once. A code names the class for users and tests (`unknown-id`),
//! and knows what it means for the exit status: a usage error exits 2, everything else 1.

use std::fmt;

macro_rules! codes {
    ($($variant:ident = $name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The name shown to users: `unknown-id`, `lineage-cycle`, ...
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    // The command line was used wrongly: exit 2.
    Usage = "usage",
    // Reading inputs.
    Io = "io",
    NoGraph = "no-graph",
    // A graph at a git revision (`genkg diff main:graph graph`) could not be copied out.
    Git = "git",
    NoSchema = "no-schema",
    EmptyGraph = "empty-graph",
    NotAFile = "not-a-file",
    TooLarge = "too-large",
    NotUtf8 = "not-utf8",
    TomlSyntax = "toml-syntax",
    WrongType = "wrong-type",
    UnknownKey = "unknown-key",
    MissingKey = "missing-key",
    BadId = "bad-id",
    BadDate = "bad-date",
    StrayFile = "stray-file",
    BadJson = "bad-json",
    BadHeader = "bad-header",
    BadRow = "bad-row",
    Schema = "schema",
    TooMany = "too-many",
    // Validation, the same for every input format.
    UnknownKind = "unknown-kind",
    UnknownRelation = "unknown-relation",
    UnknownId = "unknown-id",
    UnknownSource = "unknown-source",
    DuplicateId = "duplicate-id",
    DuplicateEdge = "duplicate-edge",
    SelfLoop = "self-loop",
    KindNotAllowed = "kind-not-allowed",
    Unsourced = "unsourced",
    LineageCycle = "lineage-cycle",
    DatedBeforeAncestor = "dated-before-ancestor",
    UndatedAncestor = "undated-ancestor",
    MissingExpected = "missing-expected",
    // Layers, reconciled.
    LayerConflict = "layer-conflict",
    NearMiss = "near-miss",
    LikelyDuplicate = "likely-duplicate",
    // The snapshot cache.
    Snapshot = "snapshot",
    // Queries and exports.
    NoPath = "no-path",
    NoLineage = "no-lineage",
    NoGraphviz = "no-graphviz",
    Graphviz = "graphviz",
    LargeDrawing = "large-drawing",
    MermaidLimit = "mermaid-limit",
    CsvSeparator = "csv-separator",
    Write = "write",
}

impl Code {
    /// 2 for a usage error, 1 for a failure of the data or the query.
    pub fn exit_status(self) -> u8 {
        match self {
            Code::Usage => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        for n in &names {
            assert!(crate::read::kb::is_kebab(n), "{n}");
        }
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
