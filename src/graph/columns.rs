//! Attributes stored by column: one vector per key, indexed by node or edge index, so a
//! million nodes with three attributes cost three vectors, not a million maps.

use indexmap::IndexMap;

#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Str(Box<str>),
    Int(i64),
    Float(f64),
    Bool(bool),
    List(Box<[AttrValue]>),
}

impl AttrValue {
    /// "string", "int", "float" or "boolean": the type named in typed exports.
    pub fn type_name(&self) -> &'static str {
        match self {
            AttrValue::Int(_) => "int",
            AttrValue::Float(_) => "float",
            AttrValue::Bool(_) => "boolean",
            _ => "string",
        }
    }
}

impl std::fmt::Display for AttrValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttrValue::Str(s) => f.write_str(s),
            AttrValue::Int(i) => write!(f, "{i}"),
            AttrValue::Float(x) => write!(f, "{x}"),
            AttrValue::Bool(b) => write!(f, "{b}"),
            AttrValue::List(items) => {
                let parts: Vec<String> = items.iter().map(|v| v.to_string()).collect();
                f.write_str(&parts.join(", "))
            }
        }
    }
}

/// The type two values of one column share: int and float widen to float, anything else
/// mixed is a string.
pub fn widen(a: &'static str, b: &'static str) -> &'static str {
    match (a, b) {
        ("", t) | (t, "") => t,
        (a, b) if a == b => a,
        ("int", "float") | ("float", "int") => "float",
        _ => "string",
    }
}

#[derive(Debug, Clone, Default)]
pub struct Columns {
    columns: IndexMap<Box<str>, Vec<Option<AttrValue>>>,
    /// The columns by key: one element's attributes are listed in this order, which does
    /// not depend on which elements were read first (a selection read back differs there).
    by_key: Vec<usize>,
}

impl Columns {
    pub fn set(&mut self, index: usize, key: &str, value: AttrValue) {
        let col = self.column_index(key);
        self.set_at(col, index, value);
    }

    /// The position of a column, created if new: readers look it up once per file, not per cell.
    pub fn column_index(&mut self, key: &str) -> usize {
        match self.columns.get_index_of(key) {
            Some(i) => i,
            None => {
                let i = self.columns.insert_full(key.into(), Vec::new()).0;
                let at = self
                    .by_key
                    .partition_point(|&c| self.columns.get_index(c).map(|e| &**e.0) < Some(key));
                self.by_key.insert(at, i);
                i
            }
        }
    }

    /// Room for `rows` more values in a column, reserved but not touched.
    pub fn reserve(&mut self, col: usize, rows: usize) {
        self.columns[col].reserve(rows);
    }

    pub fn set_at(&mut self, col: usize, index: usize, value: AttrValue) {
        let column = &mut self.columns[col];
        // Elements are set in order: the common case is a push.
        if column.len() == index {
            column.push(Some(value));
            return;
        }
        if column.len() < index {
            column.resize(index + 1, None);
        }
        column[index] = Some(value);
    }

    /// The key of a column.
    pub fn key(&self, col: usize) -> &str {
        self.columns.get_index(col).map_or("", |(k, _)| k)
    }

    pub fn get(&self, index: usize, key: &str) -> Option<&AttrValue> {
        self.columns.get(key)?.get(index)?.as_ref()
    }

    /// The attributes of one element, by key.
    pub fn of(&self, index: usize) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.by_key.iter().filter_map(move |&c| {
            let (k, col) = self.columns.get_index(c)?;
            col.get(index)?.as_ref().map(|v| (&**k, v))
        })
    }

    /// The keys in the order first seen (a CSV graph's header order, written back as read).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.columns.keys().map(|k| &**k)
    }

    /// The kind of value a column holds, for typed exports (GraphML keys, CSV headers).
    pub fn column_type(&self, key: &str) -> &'static str {
        let ty = self
            .columns
            .get(key)
            .into_iter()
            .flatten()
            .flatten()
            .fold("", |ty, v| widen(ty, v.type_name()));
        if ty.is_empty() {
            "string"
        } else {
            ty
        }
    }
}
