//! Facts' values as a diff shows them: strings quoted (so that the string "7" and the number
//! 7 read differently), lists by what was added and removed, a change of type named.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::diff::FieldChange;
use crate::text::thousands;

/// Past this many characters a change is shown on two lines, old above new.
const ONE_LINE: usize = 72;

/// The JSON type of a value, in the words the typed exports use.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "list",
        Value::Object(_) => "table",
        Value::Null => "nothing",
    }
}

/// A value: strings quoted and escaped, integers of attributes with thousands separators
/// (as `genkg show` writes them; never a year), lists in brackets.
pub fn value(field: &str, v: &Value) -> String {
    match v {
        Value::Number(n)
            if field.starts_with("attributes.")
                && n.as_i64().is_some_and(|i| i.abs() >= 10_000) =>
        {
            thousands(n.as_i64().unwrap_or_default())
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|i| value(field, i)).collect();
            format!("[{}]", items.join(", "))
        }
        // External links: `same: ["GPT-4"]; variants: ["GPT-4 (8K)"]`.
        Value::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{k}: {}", value(field, v)))
                .collect();
            members.join("; ")
        }
        other => other.to_string(),
    }
}

fn maybe(field: &str, v: Option<&Value>) -> String {
    v.map_or_else(|| "(none)".to_string(), |v| value(field, v))
}

/// How a change reads.
pub enum Shown {
    /// `2022 → 2023`, `+ "GPT-4o", - "gpt4o"`.
    OneLine(String),
    /// A long value: the old (if any) and the new (if any), each on a line of its own.
    TwoLines(Option<String>, Option<String>),
}

pub fn change(c: &FieldChange) -> Shown {
    let f = c.field.as_str();
    match (&c.old, &c.new) {
        (Some(Value::Array(old)), Some(Value::Array(new))) => {
            if let Some(s) = list_change(f, old, new) {
                return Shown::OneLine(s);
            }
        }
        (Some(Value::Object(old)), Some(Value::Object(new))) => return table_change(f, old, new),
        _ => {}
    }
    let (old, new) = (maybe(f, c.old.as_ref()), maybe(f, c.new.as_ref()));
    let retyped = match (&c.old, &c.new) {
        (Some(a), Some(b)) if type_name(a) != type_name(b) => {
            format!("  ({} → {})", type_name(a), type_name(b))
        }
        _ => String::new(),
    };
    let line = format!("{old} → {new}{retyped}");
    if line.chars().count() <= ONE_LINE {
        return Shown::OneLine(line);
    }
    let old = c.old.as_ref().map(|v| value(f, v));
    let new = c.new.as_ref().map(|v| value(f, v) + &retyped);
    Shown::TwoLines(old, new)
}

/// A table's members that changed, each as a change of its own: `same: + "GPT-4o"`.
fn table_change(field: &str, old: &Map<String, Value>, new: &Map<String, Value>) -> Shown {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut parts = Vec::new();
    for k in keys {
        let (o, n) = (old.get(k), new.get(k));
        if o == n {
            continue;
        }
        let member = FieldChange {
            field: field.to_string(),
            old: o.cloned(),
            new: n.cloned(),
        };
        match change(&member) {
            Shown::OneLine(s) => parts.push(format!("{k}: {s}")),
            Shown::TwoLines(..) => {
                return Shown::TwoLines(
                    Some(value(field, &Value::Object(old.clone()))),
                    Some(value(field, &Value::Object(new.clone()))),
                )
            }
        }
    }
    let line = parts.join("; ");
    if line.chars().count() <= ONE_LINE {
        Shown::OneLine(line)
    } else {
        Shown::TwoLines(
            Some(value(field, &Value::Object(old.clone()))),
            Some(value(field, &Value::Object(new.clone()))),
        )
    }
}

/// The items added and removed, when a list kept some: `+ "a", - "b"`; its order when only
/// that changed. `None` when nothing was kept (then old → new says it better).
fn list_change(field: &str, old: &[Value], new: &[Value]) -> Option<String> {
    let mut rest: Vec<&Value> = new.iter().collect();
    let mut removed = Vec::new();
    for v in old {
        match rest.iter().position(|x| *x == v) {
            Some(i) => {
                rest.remove(i);
            }
            None => removed.push(v),
        }
    }
    let kept = old.len() - removed.len();
    if kept == 0 {
        return None;
    }
    if rest.is_empty() && removed.is_empty() {
        let show = |l: &[Value]| value(field, &Value::Array(l.to_vec()));
        return Some(format!("reordered: {} → {}", show(old), show(new)));
    }
    let parts: Vec<String> = rest
        .iter()
        .map(|v| format!("+ {}", value(field, v)))
        .chain(removed.iter().map(|v| format!("- {}", value(field, v))))
        .collect();
    Some(parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn one_line(field: &str, old: Option<Value>, new: Option<Value>) -> String {
        match change(&FieldChange {
            field: field.into(),
            old,
            new,
        }) {
            Shown::OneLine(s) => s,
            Shown::TwoLines(..) => panic!("two lines"),
        }
    }

    #[test]
    fn changes_read_precisely() {
        assert_eq!(
            one_line("year", Some(json!(2022)), Some(json!(2023))),
            "2022 → 2023"
        );
        assert_eq!(
            one_line(
                "attributes.parameters",
                Some(json!(175000000000i64)),
                Some(json!("175B"))
            ),
            "175,000,000,000 → \"175B\"  (int → string)"
        );
        assert_eq!(
            one_line("date", None, Some(json!("2024-04-18"))),
            "(none) → \"2024-04-18\""
        );
        assert_eq!(
            one_line("aliases", Some(json!(["a", "b"])), Some(json!(["b", "c"]))),
            "+ \"c\", - \"a\""
        );
        assert_eq!(
            one_line("aliases", Some(json!(["a", "b"])), Some(json!(["b", "a"]))),
            "reordered: [\"a\", \"b\"] → [\"b\", \"a\"]"
        );
        assert_eq!(
            one_line("aliases", Some(json!(["a"])), Some(json!(["b"]))),
            "[\"a\"] → [\"b\"]"
        );
        assert_eq!(
            one_line(
                "external.epoch",
                None,
                Some(json!({"same": ["A"], "variants": ["B", "C"]}))
            ),
            "(none) → same: [\"A\"]; variants: [\"B\", \"C\"]"
        );
        assert_eq!(
            one_line(
                "external.epoch",
                Some(json!({"same": ["A"], "variants": ["B"]})),
                Some(json!({"same": ["A"], "variants": ["B", "C"]}))
            ),
            "variants: + \"C\""
        );
    }

    #[test]
    fn long_values_take_two_lines() {
        let long = "x".repeat(80);
        match change(&FieldChange {
            field: "summary".into(),
            old: None,
            new: Some(json!(long)),
        }) {
            Shown::TwoLines(None, Some(new)) => assert_eq!(new, format!("\"{long}\"")),
            _ => panic!("one line"),
        }
    }
}
