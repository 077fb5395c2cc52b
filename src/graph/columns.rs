//! Attributes stored by column: one vector per key, indexed by node or edge index, so a
//! million nodes with three attributes cost three vectors, not a million maps.

use std::sync::OnceLock;

use indexmap::IndexMap;

use super::store::Store;

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

/// As JSON: a string, a number, a boolean or a list (how a snapshot stores a column).
impl serde::Serialize for AttrValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AttrValue::Str(v) => s.serialize_str(v),
            AttrValue::Int(v) => s.serialize_i64(*v),
            AttrValue::Float(v) => s.serialize_f64(*v),
            AttrValue::Bool(v) => s.serialize_bool(*v),
            AttrValue::List(items) => s.collect_seq(items.iter()),
        }
    }
}

impl<'de> serde::Deserialize<'de> for AttrValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> serde::de::Visitor<'de> for ValueVisitor {
    type Value = AttrValue;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string, number, boolean or list")
    }
    fn visit_str<E>(self, v: &str) -> Result<AttrValue, E> {
        Ok(AttrValue::Str(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<AttrValue, E> {
        Ok(AttrValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<AttrValue, E> {
        Ok(i64::try_from(v).map_or(AttrValue::Float(v as f64), AttrValue::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<AttrValue, E> {
        Ok(AttrValue::Float(v))
    }
    fn visit_bool<E>(self, v: bool) -> Result<AttrValue, E> {
        Ok(AttrValue::Bool(v))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<AttrValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(AttrValue::List(items.into()))
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

/// One attribute's values, by element. In a mapped graph a column stays as the snapshot's
/// JSON until first read: a query that reads no attribute pays nothing for them.
#[derive(Debug, Clone, Default)]
pub struct Column {
    values: OnceLock<Vec<Option<AttrValue>>>,
    json: Option<Store<u8>>,
}

impl Column {
    /// A column read from a snapshot (JSON of its values, `null` where absent).
    pub fn mapped(json: Store<u8>) -> Self {
        Column {
            values: OnceLock::new(),
            json: Some(json),
        }
    }

    pub fn values(&self) -> &[Option<AttrValue>] {
        self.values.get_or_init(|| {
            let Some(json) = &self.json else {
                return Vec::new();
            };
            // A column that does not decode reads as empty; the snapshot's checksum makes
            // that a file damaged on purpose, not by accident.
            serde_json::from_slice(json).unwrap_or_default()
        })
    }

    fn values_mut(&mut self) -> &mut Vec<Option<AttrValue>> {
        self.values();
        self.values.get_mut().expect("initialised above")
    }
}

#[derive(Debug, Clone, Default)]
pub struct Columns {
    columns: IndexMap<Box<str>, Column>,
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
            None => self.insert(key, Column::default()),
        }
    }

    /// Adds a column (a snapshot's); returns its position.
    pub fn insert(&mut self, key: &str, column: Column) -> usize {
        let i = self.columns.insert_full(key.into(), column).0;
        let at = self
            .by_key
            .partition_point(|&c| self.columns.get_index(c).map(|e| &**e.0) < Some(key));
        self.by_key.insert(at, i);
        i
    }

    /// Room for `rows` more values in a column, reserved but not touched.
    pub fn reserve(&mut self, col: usize, rows: usize) {
        self.columns[col].values_mut().reserve(rows);
    }

    pub fn set_at(&mut self, col: usize, index: usize, value: AttrValue) {
        let column = self.columns[col].values_mut();
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
        self.columns.get(key)?.values().get(index)?.as_ref()
    }

    /// The attributes of one element, by key.
    pub fn of(&self, index: usize) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.by_key.iter().filter_map(move |&c| {
            let (k, col) = self.columns.get_index(c)?;
            col.values().get(index)?.as_ref().map(|v| (&**k, v))
        })
    }

    /// The keys in the order first seen (a CSV graph's header order, written back as read).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.columns.keys().map(|k| &**k)
    }

    /// Every column with its key, in the order first seen (for the snapshot writer).
    pub fn columns(&self) -> impl Iterator<Item = (&str, &[Option<AttrValue>])> {
        self.columns.iter().map(|(k, c)| (&**k, c.values()))
    }

    /// The kind of value a column holds, for typed exports (GraphML keys, CSV headers).
    pub fn column_type(&self, key: &str) -> &'static str {
        let ty = self
            .columns
            .get(key)
            .map(Column::values)
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
