//! International Bank Account Numbers (ISO 13616): a country code, two check digits and a
//! national account number of the length that country registered, with the whole number
//! congruent to 1 mod 97 once its first four characters move to the end and letters become
//! 10 to 35. Written with or without single spaces (usually in groups of four; any space of
//! the table of transparent characters counts, invisible characters are dropped) after the
//! first check digit.

use super::text::{Start, View};
use super::Kind;

/// IBAN lengths per country, from the SWIFT IBAN registry (release 98, 2024), sorted by
/// country code.
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

/// The registered IBAN length of a country (upper-case ISO 3166 code).
fn length_of(country: [char; 2]) -> Option<usize> {
    let mut code = [0_u8; 2];
    for (slot, c) in code.iter_mut().zip(country) {
        *slot = u8::try_from(c).ok()?;
    }
    LENGTHS
        .binary_search_by(|(c, _)| c.as_bytes().cmp(&code[..]))
        .ok()
        .and_then(|at| LENGTHS.get(at))
        .map(|&(_, len)| len)
}

/// Whether `chars` (upper-case letters and digits, no spaces) pass the mod-97 check.
pub(crate) fn mod97_valid(chars: &[char]) -> bool {
    let rotated = chars.iter().skip(4).chain(chars.iter().take(4));
    let mut rem: u32 = 0;
    for &c in rotated {
        let Some(v) = c.to_digit(36) else {
            return false;
        };
        rem = if v < 10 {
            (rem * 10 + v) % 97
        } else {
            (rem * 100 + v) % 97
        };
    }
    rem == 1
}

/// Whether `text` (spaces allowed) is a valid IBAN.
#[cfg(test)]
pub(crate) fn is_iban(text: &str) -> bool {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    valid(&chars)
}

fn valid(chars: &[char]) -> bool {
    let (Some(&a), Some(&b)) = (chars.first(), chars.get(1)) else {
        return false;
    };
    chars.iter().all(char::is_ascii_alphanumeric)
        && a.is_ascii_uppercase()
        && b.is_ascii_uppercase()
        && chars.get(2).is_some_and(char::is_ascii_digit)
        && chars.get(3).is_some_and(char::is_ascii_digit)
        && length_of([a, b]) == Some(chars.len())
        && mod97_valid(chars)
}

/// Finds IBANs. The mask keeps the country code and the last four characters.
pub(crate) fn detect(view: &mut View) {
    let mut i = 0;
    while i < view.len() {
        // An IBAN's first check digit is its third character.
        if !view.at(i + 2).is_ascii_digit() {
            i = view
                .next_start(Start::Digit, i + 3)
                .saturating_sub(2)
                .max(i + 1);
            continue;
        }
        // The country code is two ASCII letters: nothing starts at `i`, nor where the
        // second letter would be a digit of the run from `i + 1` on.
        if !view.at(i + 1).is_ascii_alphabetic() {
            let mut end = i + 1;
            while view.at(end).is_ascii_digit() {
                end += 1;
            }
            i = end.max(i + 2) - 1;
            continue;
        }
        match find_at(view, i) {
            Some(positions) => {
                let end = positions.last().map_or(i + 1, |&p| p + 1);
                let keep_tail = positions.len().saturating_sub(4);
                let mask = positions
                    .iter()
                    .enumerate()
                    .filter(|(n, _)| *n >= 2 && *n < keep_tail)
                    .map(|(_, &p)| p)
                    .collect();
                view.report(Kind::Iban, i, end, mask);
                i = end;
            }
            None => i += 1,
        }
    }
}

fn find_at(view: &View, i: usize) -> Option<Vec<usize>> {
    let a = view.at(i).to_ascii_uppercase();
    let b = view.at(i + 1).to_ascii_uppercase();
    // The first check digit follows the country code; the second may come after a space
    // (every character is checked by `valid` once read).
    let check_digit = view.at(i + 2).is_ascii_digit();
    if !(check_digit && a.is_ascii_uppercase() && b.is_ascii_uppercase() && view.word_start(i)) {
        return None;
    }
    let len = length_of([a, b])?;
    let mut positions = Vec::with_capacity(len);
    let mut j = i;
    while positions.len() < len {
        let c = view.at(j);
        if !view.free(j) {
            return None;
        }
        if c.is_ascii_alphanumeric() {
            positions.push(j);
            j += 1;
        } else if c == ' ' && !positions.is_empty() && view.at(j + 1).is_ascii_alphanumeric() {
            j += 1;
        } else {
            return None;
        }
    }
    if view.at(j).is_alphanumeric() {
        return None;
    }
    let chars: Vec<char> = positions
        .iter()
        .map(|&p| view.at(p).to_ascii_uppercase())
        .collect();
    valid(&chars).then_some(positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_length_table_is_sorted_for_binary_search() {
        assert!(LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(length_of(['G', 'R']), Some(27));
        assert_eq!(length_of(['Z', 'Z']), None);
        assert_eq!(length_of(['É', 'S']), None);
    }

    #[test]
    fn published_examples_pass_mod_97() {
        for iban in [
            "DE89 3704 0044 0532 0130 00",
            "GB82 WEST 1234 5698 7654 32",
            "FR14 2004 1010 0505 0001 3M02 606",
            "GR16 0110 1250 0000 0001 2300 695",
            "ES91 2100 0418 4502 0005 1332",
            "PT50 0002 0123 1234 5678 9015 4",
            "BR15 0000 0000 0000 1093 2840 814 P2",
            "NL91ABNA0417164300",
            "NO9386011117947",
        ] {
            assert!(is_iban(iban), "{iban}");
        }
        assert!(!is_iban("DE89 3704 0044 0532 0130 01"));
        // Right checksum, wrong length for the country.
        assert!(!is_iban("DE89 3704 0044 0532 0130 0"));
        assert!(!is_iban("ZZ89 3704 0044 0532 0130 00"));
    }
}
