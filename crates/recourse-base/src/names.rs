//! Names a person typed, and the name they most likely meant: the one source of "did you
//! mean" for configuration problems and the command line.

/// A character folded for matching words people type: lower case, the accents of
/// Portuguese and Spanish letters and the Greek tonos and dialytika removed, final sigma as
/// sigma. One character in, one character out, so positions never shift: the one folding
/// of redaction's keywords and triage's words.
pub fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        other => other,
    }
}

/// The name closest to `asked` by edit distance, if it is close enough to be a slip of
/// the keyboard (a third of the name's length, at least 2), or contains what was asked.
///
/// A name more than twice as long as the longest of `names` (and 2 more) can be neither, so
/// it is not compared: the cost stays that of reading it, whatever its length.
pub fn nearest<'a>(asked: &str, names: &[&'a str]) -> Option<&'a str> {
    let longest = names.iter().map(|n| n.chars().count()).max()?;
    if asked.chars().count() > 2 * longest + 2 {
        return None;
    }
    let asked_lower = asked.to_lowercase();
    let (distance, name) = names
        .iter()
        .map(|name| (distance(&asked_lower, &name.to_lowercase()), *name))
        .min()?;
    let close = distance <= (asked.chars().count() / 3).max(2);
    let contained = asked_lower.len() >= 3
        && names
            .iter()
            .filter(|n| n.to_lowercase().contains(&asked_lower))
            .count()
            == 1;
    if close {
        Some(name)
    } else if contained {
        names
            .iter()
            .find(|n| n.to_lowercase().contains(&asked_lower))
            .copied()
    } else {
        None
    }
}

/// The Levenshtein distance between two short names, in characters.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != *cb);
            let next = cost.min(up + 1).min(left + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
            left = next;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{distance, nearest};

    #[test]
    fn the_distance_counts_edits() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("refund.evaluat", "refund.evaluate"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("abc", ""), 3);
    }

    #[test]
    fn a_slip_of_the_keyboard_finds_its_name_and_a_stranger_none() {
        let names = ["refund.evaluate", "refund.check", "money.allocate"];
        assert_eq!(nearest("refund.evaluat", &names), Some("refund.evaluate"));
        assert_eq!(nearest("Refund.Check", &names), Some("refund.check"));
        assert_eq!(nearest("allocate", &names), Some("money.allocate"));
        assert_eq!(nearest("weather.today", &names), None);
        assert_eq!(nearest("x", &names), None);
    }

    #[test]
    fn a_name_far_longer_than_every_name_is_not_compared() {
        let names = ["chargeback", "inquiry"];
        // 22 characters: twice the longest and 2 more, still compared (and too far).
        assert_eq!(nearest(&"c".repeat(22), &names), None);
        assert_eq!(nearest("chargebackchargeback", &names), None);
        // The comparison of a long name would cost its length times each name's: a
        // megabyte-long name is refused at once, with no suggestion.
        assert_eq!(nearest(&"chargeback ".repeat(100_000), &names), None);
        // The bound never hides a name that the comparison would have found.
        for asked in ["chargebak", "CHARGEBACK!", "inquiryy", "charge"] {
            assert!(nearest(asked, &names).is_some(), "{asked}");
        }
    }
}
