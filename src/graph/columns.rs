//! Attributes stored by column: one vector per key, indexed by node or edge index, so a
//! million nodes with three attributes cost three vectors, not a million maps. A column that
//! few elements use is kept sparse instead (only their values), so that many keys each on a
//! few elements cannot cost keys × elements slots (20,000 nodes with a key each took 4.7 GB).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::attr_value::{widen, AttrValue};
use super::store::Store;

/// One key's values: by index while at least about half the slots up to the last value
/// hold one (dense, with how many do), else only the values (sparse). Either way a column
/// costs at most about twice its values.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Data {
    Dense(Vec<Option<AttrValue>>, usize),
    Sparse(BTreeMap<usize, AttrValue>),
}

/// Slots a dense column may have beyond twice its values.
const SLACK: usize = 8;

impl Data {
    fn get(&self, index: usize) -> Option<&AttrValue> {
        match self {
            Data::Dense(v, _) => v.get(index)?.as_ref(),
            Data::Sparse(m) => m.get(&index),
        }
    }

    fn values(&self) -> Box<dyn Iterator<Item = &AttrValue> + '_> {
        match self {
            Data::Dense(v, _) => Box::new(v.iter().flatten()),
            Data::Sparse(m) => Box::new(m.values()),
        }
    }

    fn set(&mut self, index: usize, value: AttrValue) {
        match self {
            Data::Dense(v, count) if index < v.len() => {
                if v[index].is_none() {
                    *count += 1;
                }
                v[index] = Some(value);
            }
            // Elements are set in order: the common case is a push.
            Data::Dense(v, count) if index < 2 * (*count + 1) + SLACK => {
                v.resize(index, None);
                v.push(Some(value));
                *count += 1;
            }
            Data::Dense(v, _) => {
                let mut m: BTreeMap<usize, AttrValue> = std::mem::take(v)
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, x)| x.map(|x| (i, x)))
                    .collect();
                m.insert(index, value);
                *self = Data::Sparse(m);
            }
            Data::Sparse(m) => {
                m.insert(index, value);
                let last = m.last_key_value().map_or(0, |(&i, _)| i);
                if m.len() > SLACK && last < 2 * m.len() {
                    let mut v = vec![None; last + 1];
                    let count = m.len();
                    for (i, x) in std::mem::take(m) {
                        v[i] = Some(x);
                    }
                    *self = Data::Dense(v, count);
                }
            }
        }
    }
}

/// One key's values. In a graph mapped from a snapshot a column stays as the snapshot's
/// JSON until first read: a query that reads no attribute pays nothing for them.
#[derive(Debug, Clone)]
pub struct Column {
    data: OnceLock<Data>,
    json: Option<Store<u8>>,
}

impl Column {
    fn new() -> Self {
        Column {
            data: OnceLock::from(Data::Dense(Vec::new(), 0)),
            json: None,
        }
    }

    /// A column read from a snapshot, decoded when first read.
    pub fn mapped(json: Store<u8>) -> Self {
        Column {
            data: OnceLock::new(),
            json: Some(json),
        }
    }

    fn data(&self) -> &Data {
        self.data.get_or_init(|| {
            // A column that does not decode reads as empty; the snapshot's checksum makes
            // that a file damaged on purpose, not by accident.
            self.json
                .as_ref()
                .and_then(|json| serde_json::from_slice(json).ok())
                .unwrap_or(Data::Dense(Vec::new(), 0))
        })
    }

    fn data_mut(&mut self) -> &mut Data {
        self.data();
        self.data.get_mut().expect("initialised above")
    }

    fn get(&self, index: usize) -> Option<&AttrValue> {
        self.data().get(index)
    }

    fn values(&self) -> Box<dyn Iterator<Item = &AttrValue> + '_> {
        self.data().values()
    }
}

/// As the snapshot stores it: `{"dense": [[values or null], count]}` or `{"sparse": {index: value}}`.
impl Serialize for Column {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.data().serialize(s)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Columns {
    columns: IndexMap<Box<str>, Column>,
    /// The columns by key: one element's attributes are listed in this order, which does
    /// not depend on which elements were read first (a selection read back differs there).
    by_key: BTreeMap<Box<str>, usize>,
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
            None => self.insert(key, Column::new()),
        }
    }

    /// Adds a column (a snapshot's, or a new one); returns its position.
    pub fn insert(&mut self, key: &str, column: Column) -> usize {
        let i = self.columns.insert_full(key.into(), column).0;
        // A map, not a sorted vector: a new key costs log(keys), not keys.
        self.by_key.insert(key.into(), i);
        i
    }

    /// Room for `rows` more values in a column, reserved but not touched: for the few
    /// columns of a large table (a header of thousands of columns reserves nothing).
    pub fn reserve(&mut self, col: usize, rows: usize) {
        if self.columns.len() > 64 {
            return;
        }
        if let Data::Dense(v, _) = self.columns[col].data_mut() {
            v.reserve(rows);
        }
    }

    pub fn set_at(&mut self, col: usize, index: usize, value: AttrValue) {
        self.columns[col].data_mut().set(index, value);
    }

    /// How many keys there are.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The key of a column.
    pub fn key(&self, col: usize) -> &str {
        self.columns.get_index(col).map_or("", |(k, _)| k)
    }

    pub fn get(&self, index: usize, key: &str) -> Option<&AttrValue> {
        self.columns.get(key)?.get(index)
    }

    /// The attributes of one element, by key.
    pub fn of(&self, index: usize) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.by_key.values().filter_map(move |&c| {
            let (k, col) = self.columns.get_index(c)?;
            col.get(index).map(|v| (&**k, v))
        })
    }

    /// The keys in the order first seen (a CSV graph's header order, written back as read).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.columns.keys().map(|k| &**k)
    }

    /// Every column with its key, in the order first seen (for the snapshot writer).
    pub fn columns(&self) -> impl Iterator<Item = (&str, &Column)> {
        self.columns.iter().map(|(k, c)| (&**k, c))
    }

    /// The kind of value a column holds, for typed exports (GraphML keys, CSV headers).
    pub fn column_type(&self, key: &str) -> &'static str {
        let ty = self
            .columns
            .get(key)
            .into_iter()
            .flat_map(Column::values)
            .fold("", |ty, v| widen(ty, v.type_name()));
        if ty.is_empty() {
            "string"
        } else {
            ty
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_few_elements_have_costs_only_their_values() {
        let mut c = Columns::default();
        for i in 0..20_000 {
            c.set(i * 7, &format!("k{i}"), AttrValue::Int(i as i64));
        }
        let slots: usize = c
            .columns
            .values()
            .map(|col| match col.data() {
                Data::Dense(v, _) => v.len(),
                Data::Sparse(m) => m.len(),
            })
            .sum();
        assert!(slots < 40_000, "{slots} slots for 20,000 values");
        assert_eq!(c.get(7 * 123, "k123"), Some(&AttrValue::Int(123)));
        assert_eq!(c.of(7 * 5).count(), 1);
        // A column filled in order stays a vector, and one filled later becomes one.
        let mut d = Columns::default();
        for i in (0..100).rev() {
            d.set(i, "x", AttrValue::Int(i as i64));
        }
        assert!(matches!(d.columns[0].data(), Data::Dense(_, 100)));
        assert_eq!(d.column_type("x"), "int");
    }
}
