//! Text escaping for the XML formats (GraphML, GEXF).

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Parsers fold raw whitespace in attribute values into spaces: keep it as written.
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            // XML 1.0 allows no other control characters.
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}
