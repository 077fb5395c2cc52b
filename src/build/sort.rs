//! Edges grouped by their start node (the order the graph stores them in), keeping the
//! order they were added within each group.

/// The order that sorts edges by start (`new[i] = old[order[i]]`), or `None` when they
/// are sorted already (the common case: most formats list a node's edges together).
pub(super) fn by_start(from: &[u32], nodes: usize) -> Option<Vec<u32>> {
    if from.windows(2).all(|w| w[0] <= w[1]) {
        return None;
    }
    // A counting sort: stable, and linear in the edges.
    let mut start = vec![0u32; nodes + 1];
    for &f in from {
        start[f as usize + 1] += 1;
    }
    for i in 1..=nodes {
        start[i] += start[i - 1];
    }
    let mut order = vec![0u32; from.len()];
    for (e, &f) in from.iter().enumerate() {
        let slot = &mut start[f as usize];
        order[*slot as usize] = e as u32;
        *slot += 1;
    }
    Some(order)
}

/// Reorders `items` by `order`.
pub(super) fn apply<T: Clone>(order: &[u32], items: &mut Vec<T>) {
    debug_assert_eq!(items.len(), order.len());
    *items = order.iter().map(|&i| items[i as usize].clone()).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_by_start() {
        let from = [2, 0, 2, 1, 0];
        let order = by_start(&from, 3).unwrap();
        assert_eq!(order, [1, 4, 3, 0, 2]);
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        apply(&order, &mut v);
        assert_eq!(v, ['b', 'e', 'd', 'a', 'c']);
        assert_eq!(by_start(&[0, 0, 1, 3], 4), None);
    }
}
