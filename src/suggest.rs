//! "Did you mean" suggestions and the loose matching of names typed by people.

/// Lowercase letters and digits only: "DALL·E 2", "dall-e-2" and "dalle2" all match.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How alike two strings are, from 0 to 1, after normalizing both.
pub fn similarity(a: &str, b: &str) -> f64 {
    similar(&normalize(a), &normalize(b))
}

/// `similarity` of two normalized strings.
fn similar(a: &str, b: &str) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let jw = strsim::jaro_winkler(a, b);
    // The edit distance can only reach the threshold between lengths within a fifth of
    // each other; it costs their product, so skip it where it cannot matter.
    let (la, lb) = (a.chars().count(), b.chars().count());
    if (la.min(lb) as f64) < THRESHOLD * la.max(lb) as f64 {
        return jw;
    }
    jw.max(strsim::normalized_damerau_levenshtein(a, b))
}

const THRESHOLD: f64 = 0.8;

/// Names longer than this (in letters and digits) get no suggestions: nobody types them,
/// and comparing one with a million names costs minutes.
pub const LONGEST_SUGGESTED: usize = 100;

/// The closest candidates to `wanted`, best first, at most `max`.
pub fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    max: usize,
) -> Vec<&'a str> {
    let key = normalize(wanted);
    if key.chars().count() > LONGEST_SUGGESTED {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| (similar(&key, &normalize(c)), c))
        .filter(|(s, _)| *s >= THRESHOLD)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(max).map(|(_, c)| c).collect()
}

/// "did you mean `x`?" for the closest candidate, if any is close.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let best = closest(wanted, candidates, 3);
    phrase(&best.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>())
}

/// "did you mean `a`?" or "did you mean one of `a`, `b`?".
pub fn phrase(options: &[String]) -> Option<String> {
    match options {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        many => Some(format!("did you mean one of {}?", many.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_ignores_case_space_and_punctuation() {
        assert_eq!(normalize("DALL·E 2"), "dalle2");
        assert_eq!(normalize("dall-e-2"), "dalle2");
    }

    #[test]
    fn suggests_the_closest_name() {
        let names = ["transformer", "diffusion", "clip"];
        assert_eq!(
            did_you_mean("transfomer", names).as_deref(),
            Some("did you mean `transformer`?")
        );
        assert_eq!(did_you_mean("zzzz", names), None);
    }
}
