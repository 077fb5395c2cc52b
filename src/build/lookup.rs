//! Looking up the ids of the layer being read: the graph's ids for the first layer, the
//! layer's own map for later ones (whose ids may name nodes merged into earlier ones).

use std::collections::HashMap;

use crate::graph::IdSet as Ids;

#[derive(Clone, Copy)]
pub enum IdLookup<'a> {
    Graph(&'a Ids),
    Layer(&'a HashMap<Box<str>, u32>),
}

impl IdLookup<'_> {
    pub fn get(&self, id: &str) -> Option<usize> {
        match self {
            IdLookup::Graph(ids) => ids.get_index_of(id),
            IdLookup::Layer(map) => map.get(id).map(|&n| n as usize),
        }
    }
}
