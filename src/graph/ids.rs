//! The id index: node index ↔ id. A graph just built keeps the builder's hash set; a mapped
//! one reads a table of ids and an open-addressing hash table stored beside them, so
//! looking an id up costs no loading.

use std::hash::BuildHasher;

use indexmap::IndexSet;

use super::store::{Store, StrTable};

/// The hash the stored table uses: fixed, so a snapshot written by one run is read by the next.
pub const ID_HASH: foldhash::fast::FixedState =
    foldhash::fast::FixedState::with_seed(0x6765_6e6b_6720);

pub type IdSet = IndexSet<Box<str>, foldhash::fast::FixedState>;

#[derive(Clone, Debug)]
pub enum Ids {
    Built(IdSet),
    Mapped(IdTable),
}

impl Default for Ids {
    fn default() -> Self {
        Ids::Built(IdSet::default())
    }
}

/// Ids packed end to end, and slots holding node index + 1 (0: empty), found by linear
/// probing from the id's hash; the slot count is a power of two above twice the ids.
#[derive(Clone, Debug, Default)]
pub struct IdTable {
    pub ids: StrTable,
    pub slots: Store<u32>,
}

impl IdTable {
    pub fn build(ids: &IdSet) -> Self {
        let table = StrTable::build(ids.iter().map(|s| &**s));
        let cap = (ids.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![0u32; cap];
        for (i, id) in ids.iter().enumerate() {
            let mut at = (ID_HASH.hash_one(&**id) as usize) & (cap - 1);
            while slots[at] != 0 {
                at = (at + 1) & (cap - 1);
            }
            slots[at] = i as u32 + 1;
        }
        IdTable {
            ids: table,
            slots: slots.into(),
        }
    }

    pub fn find(&self, id: &str) -> Option<usize> {
        let cap = self.slots.len();
        if cap == 0 || !cap.is_power_of_two() {
            return None;
        }
        let mut at = (ID_HASH.hash_one(id) as usize) & (cap - 1);
        // At most one pass over the slots, whatever a damaged table holds.
        for _ in 0..cap {
            match self.slots[at] {
                0 => return None,
                n => {
                    let i = n as usize - 1;
                    if i < self.ids.len() && self.ids.get(i) == id {
                        return Some(i);
                    }
                }
            }
            at = (at + 1) & (cap - 1);
        }
        None
    }
}

impl Ids {
    pub fn len(&self) -> usize {
        match self {
            Ids::Built(s) => s.len(),
            Ids::Mapped(t) => t.ids.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get_index_of(&self, id: &str) -> Option<usize> {
        match self {
            Ids::Built(s) => s.get_index_of(id),
            Ids::Mapped(t) => t.find(id),
        }
    }

    pub fn get(&self, i: usize) -> &str {
        match self {
            Ids::Built(s) => &s[i],
            Ids::Mapped(t) => t.ids.get(i),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stored_table_finds_what_the_set_finds() {
        let mut set = IdSet::default();
        for i in 0..1000 {
            set.insert(format!("n{i}").into());
        }
        let t = Ids::Mapped(IdTable::build(&set));
        for i in 0..1000 {
            assert_eq!(t.get_index_of(&format!("n{i}")), Some(i));
            assert_eq!(t.get(i), format!("n{i}"));
        }
        assert_eq!(t.get_index_of("nope"), None);
    }
}
