//! The header row of a neo4j-admin CSV file (`id:ID`, `:LABEL`, `name:int`, `tags:string[]`)
//! and the typed reading of cells.

use std::path::Path;

use crate::diag::{Code, Diagnostic, Error};
use crate::graph::{AttrValue, Columns};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Type {
    Str,
    Int,
    Float,
    Bool,
}

impl Type {
    pub(super) fn name(self) -> &'static str {
        match self {
            Type::Str => "string",
            Type::Int => "whole number",
            Type::Float => "number",
            Type::Bool => "boolean (true or false)",
        }
    }

    /// How to write a value of the type.
    pub(super) fn hint(self) -> &'static str {
        match self {
            Type::Str => "any text",
            Type::Int => "write a whole number such as 2022, without separators",
            Type::Float => "write a finite number such as 1.5e9 (inf and NaN are not allowed)",
            Type::Bool => "write true or false",
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum Column {
    Id,
    Label,
    Start,
    End,
    Type,
    /// A node field genkg knows (name, year, date, summary, url, aliases, source).
    Field(&'static str),
    /// Any other column: an attribute, stored in the attribute column `col`.
    Attr {
        col: usize,
        ty: Type,
        array: bool,
        name: String,
    },
    Ignored,
}

fn parse_type(t: &str) -> Option<(Type, bool)> {
    let (t, array) = match t.strip_suffix("[]") {
        Some(inner) => (inner, true),
        None => (t, false),
    };
    let ty = match t.to_ascii_lowercase().as_str() {
        "" | "string" | "char" | "date" | "datetime" | "localdatetime" | "time" | "localtime"
        | "duration" | "point" => Type::Str,
        "int" | "long" | "short" | "byte" => Type::Int,
        "float" | "double" => Type::Float,
        "boolean" => Type::Bool,
        _ => return None,
    };
    Some((ty, array))
}

const NODE_FIELDS: [&str; 8] = [
    "name", "year", "date", "summary", "url", "aliases", "external", "source",
];

pub(super) struct Header {
    pub columns: Vec<Column>,
}

impl Header {
    /// Gives each attribute column its place among the graph's columns, with room for
    /// about `rows` values.
    pub fn place_attributes(&mut self, attrs: &mut Columns, rows: usize) {
        self.place_with(|name| {
            let col = attrs.column_index(name);
            attrs.reserve(col, rows);
            col
        });
    }

    /// The same, with the columns made by `place`.
    pub fn place_with(&mut self, mut place: impl FnMut(&str) -> usize) {
        for c in &mut self.columns {
            if let Column::Attr { col, name, .. } = c {
                *col = place(name);
            }
        }
    }

    /// The position of the first column `is` picks (the header checks guarantee one).
    pub fn position(&self, is: fn(&Column) -> bool) -> usize {
        self.columns
            .iter()
            .position(is)
            .expect("checked by header()")
    }
}

fn bad_header(path: &Path, msg: String, help: &str) -> Error {
    Error::one(
        Diagnostic::error(Code::BadHeader, msg)
            .located(Some(crate::diag::Location::Row {
                path: path.into(),
                line: 1,
                column: None,
            }))
            .help(help.to_string()),
    )
}

/// Reads a header row. Attribute columns get their index in the graph's attribute columns
/// later (`Header::place_attributes`), so a header can be read off the main thread.
pub(super) fn header(
    path: &Path,
    record: &csv::StringRecord,
    nodes: bool,
) -> Result<Header, Error> {
    let columns = record
        .iter()
        .map(|field| column(field, nodes))
        .collect::<Result<Vec<Column>, (String, &str)>>()
        .map_err(|(msg, help)| bad_header(path, msg, help))?;
    type Is = fn(&Column) -> bool;
    let need: &[(&str, Is)] = if nodes {
        &[
            ("id:ID", |c| matches!(c, Column::Id)),
            (":LABEL", |c| matches!(c, Column::Label)),
        ]
    } else {
        &[
            (":START_ID", |c| matches!(c, Column::Start)),
            (":END_ID", |c| matches!(c, Column::End)),
            (":TYPE", |c| matches!(c, Column::Type)),
        ]
    };
    for (name, is) in need {
        if !columns.iter().any(is) {
            let found: Vec<&str> = record.iter().collect();
            return Err(bad_header(
                path,
                format!("no `{name}` column (found: {})", found.join(",")),
                if nodes {
                    "nodes.csv starts with a header such as id:ID,:LABEL,name,year:int"
                } else {
                    "edges.csv starts with a header such as :START_ID,:END_ID,:TYPE,source"
                },
            ));
        }
    }
    Ok(Header { columns })
}

/// One header field: `name:type`, or neo4j's special `:ID`, `:LABEL`, `:START_ID`, ...
fn column(field: &str, nodes: bool) -> Result<Column, (String, &'static str)> {
    let (name, ty) = field.rsplit_once(':').unwrap_or((field, ""));
    Ok(match (ty, nodes) {
        ("ID", true) => Column::Id,
        ("LABEL", true) => Column::Label,
        ("START_ID", false) => Column::Start,
        ("END_ID", false) => Column::End,
        ("TYPE", false) => Column::Type,
        ("IGNORE", _) => Column::Ignored,
        _ => {
            let Some((ty_, array)) = parse_type(ty) else {
                return Err((
                    format!("column `{field}` has an unknown type `{ty}`"),
                    "types: string, int, long, float, double, boolean, with [] for arrays",
                ));
            };
            match (nodes, name) {
                (true, n) if NODE_FIELDS.contains(&n) => {
                    Column::Field(NODE_FIELDS.iter().find(|f| **f == n).expect("listed"))
                }
                (false, "source") => Column::Field("source"),
                _ => Column::Attr {
                    col: usize::MAX,
                    ty: ty_,
                    array,
                    name: name.to_string(),
                },
            }
        }
    })
}

pub(super) fn value(cell: &str, ty: Type) -> Option<AttrValue> {
    Some(match ty {
        Type::Str => AttrValue::Str(cell.into()),
        Type::Int => AttrValue::Int(cell.trim().parse().ok()?),
        Type::Float => AttrValue::Float(cell.trim().parse().ok().filter(|x: &f64| x.is_finite())?),
        Type::Bool => AttrValue::Bool(match cell.trim().to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return None,
        }),
    })
}

pub(super) fn typed(cell: &str, ty: Type, array: bool) -> Option<AttrValue> {
    if array {
        let items: Option<Vec<AttrValue>> = cell.split(';').map(|c| value(c, ty)).collect();
        Some(AttrValue::List(items?.into()))
    } else {
        value(cell, ty)
    }
}
