//! Facts as named fields in a fixed order (`year`, `attributes.parameters`), and what
//! changed between two sets of them: one comparison for nodes, edges, sources, kinds and
//! relations.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

/// One fact that differs between OLD and NEW.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// `year`, `summary`, `source`, `attributes.parameters`, `external.epoch`, ...
    pub field: String,
    /// The value before (`null`: absent). Its JSON type is the fact's type, so a change of
    /// type alone (the integer 7 to the string "7") is a change.
    pub old: Option<Value>,
    pub new: Option<Value>,
}

/// A thing's facts by field, in the order its type lists them; an object-valued field
/// (attributes, external links) is one field per member, by key (`attributes.parameters`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields(BTreeMap<(usize, String), Value>);

impl Fields {
    /// The fields of `value` as it serializes to JSON, keeping only those named in `order`
    /// (ids and ends, which identify the thing, are not its facts).
    pub fn of(value: &impl Serialize, order: &[&str]) -> Fields {
        let Ok(Value::Object(map)) = serde_json::to_value(value) else {
            return Fields::default();
        };
        let mut fields = BTreeMap::new();
        for (key, v) in map {
            let Some(rank) = order.iter().position(|k| *k == key) else {
                continue;
            };
            match v {
                Value::Object(members) => {
                    for (member, v) in members {
                        fields.insert((rank, format!("{key}.{member}")), v);
                    }
                }
                v => {
                    fields.insert((rank, key), v);
                }
            }
        }
        Fields(fields)
    }

    /// The fields that differ, in order.
    pub fn changes(&self, new: &Fields) -> Vec<FieldChange> {
        let keys: BTreeSet<&(usize, String)> = self.0.keys().chain(new.0.keys()).collect();
        keys.into_iter()
            .filter_map(|key| {
                let (old, new) = (self.0.get(key), new.0.get(key));
                (old != new).then(|| FieldChange {
                    field: key.1.clone(),
                    old: old.cloned(),
                    new: new.cloned(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ORDER: [&str; 3] = ["name", "year", "attributes"];

    #[test]
    fn fields_in_declared_order_with_members_by_key() {
        let old = Fields::of(
            &json!({"id": "x", "year": 2020, "name": "X", "attributes": {"b": 1, "a": "s"}}),
            &ORDER,
        );
        let new = Fields::of(
            &json!({"id": "y", "name": "X", "attributes": {"b": "1", "a": "s", "c": true}}),
            &ORDER,
        );
        let fields: Vec<String> = old.changes(&new).into_iter().map(|c| c.field).collect();
        // `id` is not a fact; `year` comes before the attributes, which come by key.
        assert_eq!(fields, ["year", "attributes.b", "attributes.c"]);
    }

    #[test]
    fn a_change_of_type_is_a_change() {
        let old = Fields::of(&json!({"year": 7}), &ORDER);
        let new = Fields::of(&json!({"year": 7.0}), &ORDER);
        assert_eq!(old.changes(&new).len(), 1);
        assert!(old.changes(&old).is_empty());
    }
}
