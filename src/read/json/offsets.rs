//! Where each element of the `nodes` and `edges` arrays starts in a JSON text, so that
//! findings about a node or edge can point at it. serde gives values, not places; this
//! scan (run only on text serde has already accepted) gives the places.

/// The byte offsets of the elements of the top-level `nodes` and `edges` arrays.
pub fn element_starts(text: &str) -> (Vec<usize>, Vec<usize>) {
    let b = text.as_bytes();
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    let mut depth = 0usize;
    let mut key: &str = "";
    // The array being listed (0: none, 1: nodes, 2: edges) and whether an element is due.
    let mut listing = 0u8;
    let mut due = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if due && depth == 2 && !c.is_ascii_whitespace() && c != b']' {
            match listing {
                1 => nodes.push(i),
                2 => edges.push(i),
                _ => {}
            }
            due = false;
        }
        match c {
            b'"' => {
                let end = string_end(b, i);
                if depth == 1 {
                    key = &text[i + 1..end.saturating_sub(1).max(i + 1)];
                }
                i = end;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                if c == b'[' && depth == 2 {
                    listing = match key {
                        "nodes" => 1,
                        "edges" => 2,
                        _ => 0,
                    };
                    due = listing != 0;
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    listing = 0;
                    due = false;
                }
            }
            b',' if depth == 2 && listing != 0 => due = true,
            _ => {}
        }
        i += 1;
    }
    (nodes, edges)
}

/// The index just past the string starting with the quote at `start`.
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The place to point at for an element: its first line with a key (`"id": "x",`).
pub fn first_key(text: &str, start: usize) -> (usize, usize) {
    let from = text[start..].find('"').map_or(start, |k| start + k);
    let len = text[from..].find('\n').unwrap_or(text.len() - from);
    (from, len.min(200))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_element() {
        let text = r#"{"edges": [ {"from": "a,]}"}, {"from":"b"} ], "x": [1], "nodes":[{"id":"a"},{"id":"b\"["}]}"#;
        let (nodes, edges) = element_starts(text);
        assert_eq!(nodes.len(), 2);
        assert_eq!(edges.len(), 2);
        assert!(text[nodes[1]..].starts_with(r#"{"id":"b\"["}"#));
        assert!(text[edges[1]..].starts_with(r#"{"from":"b"}"#));
        assert_eq!(
            element_starts(r#"{"nodes": [], "edges": []}"#),
            (vec![], vec![])
        );
    }
}
