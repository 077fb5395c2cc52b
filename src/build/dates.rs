//! A node's date (YYYY, YYYY-MM or YYYY-MM-DD) and year, the same rule for every format.

use crate::diag::{Code, Diagnostic};
use crate::graph::Node;

/// The year of a well-formed date, `None` for anything else.
pub fn year_of_date(date: &str) -> Option<i32> {
    let parts: Vec<&str> = date.split('-').collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if parts.len() > 3 {
        return None;
    }
    let year = num(parts.first()?, 4)?;
    if let Some(m) = parts.get(1) {
        if !(1..=12).contains(&num(m, 2)?) {
            return None;
        }
    }
    if let Some(d) = parts.get(2) {
        if !(1..=31).contains(&num(d, 2)?) {
            return None;
        }
    }
    Some(year as i32)
}

/// Takes the year from the date when there is none; reports a date that is not one, or
/// that disagrees with the year.
pub(super) fn settle_year(node: &mut Node, mut report: impl FnMut(Diagnostic)) {
    let Some(date) = node.info.as_ref().and_then(|i| i.date.clone()) else {
        return;
    };
    let Some(date_year) = year_of_date(&date) else {
        report(
            Diagnostic::error(Code::BadDate, format!("`{date}` is not a date"))
                .label("expected YYYY, YYYY-MM or YYYY-MM-DD"),
        );
        return;
    };
    match node.year {
        Some(y) if y != date_year => report(
            Diagnostic::error(
                Code::BadDate,
                format!("date {date} disagrees with year {y}"),
            )
            .label(format!("this is in {date_year}")),
        ),
        Some(_) => {}
        None => node.year = Some(date_year),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(year_of_date("2022"), Some(2022));
        assert_eq!(year_of_date("2022-04"), Some(2022));
        assert_eq!(year_of_date("2022-04-13"), Some(2022));
        for bad in [
            "22",
            "2022-13",
            "2022-04-32",
            "2022-4-1",
            "2022-04-01-01",
            "",
            "20x2",
        ] {
            assert_eq!(year_of_date(bad), None, "{bad}");
        }
    }
}
