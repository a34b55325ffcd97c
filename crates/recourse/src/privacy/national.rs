//! Brazilian taxpayer numbers: CPF (people) and CNPJ (companies).
//!
//! CPF: 11 digits, written `000.000.000-00`, `000000000-00` or plain; the last two are check
//! digits (mod 11, weights 10..2 then 11..2). Numbers of one repeated digit pass the
//! checksum but are not issued, so they are not CPFs.
//!
//! CNPJ: 14 characters, written `00.000.000/0000-00` or plain. From July 2026 the first 12
//! may be digits or upper-case letters (Receita Federal, Instrução Normativa RFB 2.229/2024);
//! the last two stay digits. Each character's value is its ASCII code minus 48 (`0`-`9` are
//! 0-9, `A` is 17, `Z` is 42); check digits are mod 11 with weights 2..9 from the right.
//!
//! Invisible characters are dropped before detection, and one space (of any width, or a tab,
//! see [`super::text::TRANSPARENT`]) between two digits is read through, in the written
//! layouts as in plain runs: `529 982 247 25` and `529.98 2.247-25` are CPFs. A line break
//! still ends a number.

use super::text::{is_digit, Start, View};
use super::Kind;

/// The two CPF check digits of 9 digit values.
pub(crate) fn cpf_check_digits(base: &[u8]) -> (u8, u8) {
    let first = mod11(
        base.iter()
            .zip((2..=10).rev())
            .map(|(&d, w)| u32::from(d) * w)
            .sum(),
    );
    let second = mod11(
        base.iter()
            .chain(std::iter::once(&first))
            .zip((2..=11).rev())
            .map(|(&d, w)| u32::from(d) * w)
            .sum(),
    );
    (first, second)
}

/// The check digit for a weighted sum: 0 when the remainder is 0 or 1, else 11 - remainder.
fn mod11(sum: u32) -> u8 {
    let r = sum % 11;
    if r < 2 {
        0
    } else {
        u8::try_from(11 - r).unwrap_or(0)
    }
}

/// Whether 11 digit values form a valid CPF.
pub(crate) fn cpf_valid(digits: &[u8]) -> bool {
    let [base @ .., d1, d2] = digits else {
        return false;
    };
    base.len() == 9
        && digits.iter().any(|d| Some(d) != digits.first())
        && cpf_check_digits(base) == (*d1, *d2)
}

/// The CNPJ value of a character: ASCII code minus 48, for digits and upper-case letters.
pub(crate) fn cnpj_value(c: char) -> Option<u32> {
    (c.is_ascii_digit() || c.is_ascii_uppercase()).then(|| u32::from(c) - 48)
}

/// The two CNPJ check digits of 12 characters (digits or upper-case letters).
pub(crate) fn cnpj_check_digits(base: &[char]) -> Option<(u8, u8)> {
    let values: Vec<u32> = base.iter().map(|&c| cnpj_value(c)).collect::<Option<_>>()?;
    if values.len() != 12 {
        return None;
    }
    let weights = |n: usize| (0..n).map(move |i| u32::try_from((n - 1 - i) % 8 + 2).unwrap_or(0));
    let first = mod11(values.iter().zip(weights(12)).map(|(v, w)| v * w).sum());
    let second = mod11(
        values
            .iter()
            .chain(std::iter::once(&u32::from(first)))
            .zip(weights(13))
            .map(|(v, w)| v * w)
            .sum(),
    );
    Some((first, second))
}

/// Whether 14 characters form a valid CNPJ.
pub(crate) fn cnpj_valid(chars: &[char]) -> bool {
    let [base @ .., d1, d2] = chars else {
        return false;
    };
    let (Some(d1), Some(d2)) = (d1.to_digit(10), d2.to_digit(10)) else {
        return false;
    };
    let repeated = chars.iter().all(|c| Some(c) == chars.first());
    !repeated
        && cnpj_check_digits(base).is_some_and(|(a, b)| (u32::from(a), u32::from(b)) == (d1, d2))
}

/// Where a written number may begin: not inside a word or a longer number.
fn starts_alone(view: &View, i: usize) -> bool {
    let before = view.before(i);
    let inside_number =
        matches!(before, '.' | '-' | '/' | ',') && is_digit(view.before(i.saturating_sub(1)));
    !before.is_alphanumeric() && !inside_number && view.free(i)
}

/// Where a written number may end: not followed by a letter or digit, nor by a separator
/// and a digit.
fn ends_alone(view: &View, end: usize) -> bool {
    let after = view.at(end);
    let joins = matches!(after, '.' | '-' | '/' | ',') && view.at(end + 1).is_ascii_alphanumeric();
    !after.is_alphanumeric() && !joins
}

/// Whether `j` is one space between two free digits, which a CPF or CNPJ reads through.
fn joined_by_space(view: &View, j: usize) -> bool {
    view.at(j) == ' '
        && view.free(j)
        && is_digit(view.before(j))
        && view.free(j.saturating_sub(1))
        && view.digit(j + 1)
}

/// The positions of a number's digits and letters, kept on the stack: a CNPJ has 14, and a
/// plain run is read up to 15.
#[derive(Clone, Copy)]
struct Positions {
    at: [usize; 16],
    len: usize,
}

impl Positions {
    fn new() -> Self {
        Self {
            at: [0; 16],
            len: 0,
        }
    }

    fn push(&mut self, p: usize) {
        if let Some(slot) = self.at.get_mut(self.len) {
            *slot = p;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[usize] {
        self.at.get(..self.len).unwrap_or_default()
    }
}

/// Matches `pattern` at `i`: `9` a digit, `A` a digit or upper-case letter, anything else
/// itself; one space between two digits is read through. Returns the positions of the
/// digits and letters, and the position after the match.
fn shape_at(view: &View, i: usize, pattern: &str) -> Option<(Positions, usize)> {
    let mut positions = Positions::new();
    let mut at = i;
    for p in pattern.chars() {
        if matches!(p, '9' | 'A') && positions.len > 0 && joined_by_space(view, at) {
            at += 1;
        }
        let c = view.at(at);
        if !view.free(at) {
            return None;
        }
        match p {
            '9' if is_digit(c) => positions.push(at),
            'A' if c.is_ascii_digit() || c.is_ascii_uppercase() => positions.push(at),
            '9' | 'A' => return None,
            other if other == c => {}
            _ => return None,
        }
        at += 1;
    }
    Some((positions, at))
}

const CPF_SHAPES: &[&str] = &["999.999.999-99", "999999999-99"];
const CNPJ_SHAPES: &[&str] = &["AA.AAA.AAA/AAAA-99", "AAAAAAAA/AAAA-99"];

/// Finds CPFs and CNPJs written with their punctuation (`formatted`) or as plain runs.
pub(crate) fn detect(view: &mut View, cpf: bool, cnpj: bool, formatted: bool) {
    let mut i = 0;
    while i < view.len() {
        let c = view.at(i);
        if !(c.is_ascii_digit() || c.is_ascii_uppercase()) {
            i = view.next_start(Start::DigitOrUpper, i + 1);
            continue;
        }
        if !starts_alone(view, i) {
            // Inside a word or a number, nothing starts before its end.
            i = if view.before(i).is_alphanumeric() {
                view.word_end(i + 1)
            } else {
                i + 1
            };
            continue;
        }
        let found = if formatted {
            find_formatted(view, i, cpf, cnpj)
        } else {
            find_plain(view, i, cpf, cnpj)
        };
        match found {
            Some((kind, positions)) => {
                let end = positions.last().map_or(i + 1, |&p| p + 1);
                view.report(kind, i, end, positions);
                i = end;
            }
            None => i += 1,
        }
    }
}

/// The written layouts' first groups: how many digits or letters, and the separator after.
const FIRST_GROUPS: &[(usize, char)] = &[(3, '.'), (9, '-'), (2, '.'), (8, '/')];

/// How many digits and upper-case letters run from `i` (read through single spaces between
/// digits, as [`shape_at`] reads them; up to 10), and the character after them. A written
/// layout can start at `i` only if they are one of [`FIRST_GROUPS`].
fn first_group(view: &View, i: usize) -> (usize, char) {
    let mut n = 0;
    let mut j = i;
    while n <= 9 {
        let c = view.at(j);
        if c.is_ascii_digit() || c.is_ascii_uppercase() {
            n += 1;
        } else if !(c == ' ' && n > 0 && is_digit(view.before(j)) && is_digit(view.at(j + 1))) {
            return (n, c);
        }
        j += 1;
    }
    (n, '\0')
}

fn find_formatted(view: &View, i: usize, cpf: bool, cnpj: bool) -> Option<(Kind, Vec<usize>)> {
    if !FIRST_GROUPS.contains(&first_group(view, i)) {
        return None;
    }
    let try_shapes = |shapes: &[&str], kind: Kind| {
        shapes.iter().find_map(|shape| {
            let (positions, end) = shape_at(view, i, shape)?;
            let valid = match kind {
                Kind::Cpf => cpf_at(view, positions.as_slice()),
                _ => cnpj_at(view, positions.as_slice()),
            };
            (valid && ends_alone(view, end)).then(|| (kind, positions.as_slice().to_vec()))
        })
    };
    let as_cnpj = if cnpj {
        try_shapes(CNPJ_SHAPES, Kind::Cnpj)
    } else {
        None
    };
    as_cnpj.or_else(|| {
        if cpf {
            try_shapes(CPF_SHAPES, Kind::Cpf)
        } else {
            None
        }
    })
}

/// Whether the 11 characters at `positions` are the digits of a valid CPF.
fn cpf_at(view: &View, positions: &[usize]) -> bool {
    let mut digits = [0_u8; 11];
    if positions.len() != digits.len() {
        return false;
    }
    for (slot, &p) in digits.iter_mut().zip(positions) {
        let c = view.at(p);
        if !c.is_ascii_digit() {
            return false;
        }
        *slot = digit(c);
    }
    cpf_valid(&digits)
}

/// Whether the 14 characters at `positions` form a valid CNPJ.
fn cnpj_at(view: &View, positions: &[usize]) -> bool {
    let mut chars = ['\0'; 14];
    if positions.len() != chars.len() {
        return false;
    }
    for (slot, &p) in chars.iter_mut().zip(positions) {
        *slot = view.at(p);
    }
    cnpj_valid(&chars)
}

/// A CPF or CNPJ written without punctuation at `i` (see [`find_plain`]), if a written
/// number may start there: its kind and the positions of its digits and letters.
pub(crate) fn plain_at(view: &View, i: usize, cpf: bool, cnpj: bool) -> Option<(Kind, Vec<usize>)> {
    if starts_alone(view, i) {
        find_plain(view, i, cpf, cnpj)
    } else {
        None
    }
}

/// A CPF (11 digits) or CNPJ (14 characters) written without punctuation at `i`: a run of
/// letters and digits, continued past single spaces between digits. Every group boundary
/// of the run is a possible end, the longer reading first.
fn find_plain(view: &View, i: usize, cpf: bool, cnpj: bool) -> Option<(Kind, Vec<usize>)> {
    // A run of fewer than 11 that no space continues has one reading, too short for either.
    let mut j = i;
    while j - i < 11 && view.free(j) && view.at(j).is_ascii_alphanumeric() {
        j += 1;
    }
    if j - i < 11 && !joined_by_space(view, j) {
        return None;
    }
    let mut positions = Positions::new();
    // Each reading past the first adds a digit: at most 16 of them.
    let mut ends = [(0_usize, 0_usize); 16];
    let mut count = 0;
    let mut j = i;
    loop {
        while view.free(j) && view.at(j).is_ascii_alphanumeric() && positions.len <= 14 {
            positions.push(j);
            j += 1;
        }
        if let Some(slot) = ends.get_mut(count) {
            *slot = (positions.len, j);
            count += 1;
        }
        if positions.len > 14 || !joined_by_space(view, j) {
            break;
        }
        j += 1;
    }
    let ends = ends.get(..count).unwrap_or_default();
    ends.iter().rev().find_map(|&(len, end)| {
        let taken = positions.as_slice().get(..len)?;
        let kind = plain_kind(view, taken, cpf, cnpj)?;
        ends_alone(view, end).then(|| (kind, taken.to_vec()))
    })
}

/// What the characters at `positions` are when written plain: a CPF, a CNPJ, or neither.
fn plain_kind(view: &View, positions: &[usize], cpf: bool, cnpj: bool) -> Option<Kind> {
    match positions.len() {
        11 if cpf && cpf_at(view, positions) => Some(Kind::Cpf),
        14 if cnpj && cnpj_at(view, positions) => Some(Kind::Cnpj),
        _ => None,
    }
}

fn digit(c: char) -> u8 {
    c.to_digit(10)
        .and_then(|d| u8::try_from(d).ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u8> {
        s.chars()
            .filter_map(|c| c.to_digit(10))
            .map(|d| d as u8)
            .collect()
    }

    /// The CPF check digits computed from the definition, independently of the code above.
    fn reference_cpf(base: &[u8; 9]) -> [u8; 11] {
        let mut all = [0_u8; 11];
        all[..9].copy_from_slice(base);
        for n in [9_usize, 10] {
            let sum: usize = (0..n).map(|k| usize::from(all[k]) * (n + 1 - k)).sum();
            let r = (sum * 10) % 11;
            all[n] = if r == 10 { 0 } else { r as u8 };
        }
        all
    }

    #[test]
    fn cpf_check_digits_match_the_definition() {
        assert!(cpf_valid(&digits("529.982.247-25")));
        assert!(!cpf_valid(&digits("529.982.247-24")));
        for base in [
            [1, 2, 3, 4, 5, 6, 7, 8, 9],
            [0, 0, 0, 0, 0, 0, 0, 0, 1],
            [9, 8, 7, 6, 5, 4, 3, 2, 1],
        ] {
            let full = reference_cpf(&base);
            assert!(cpf_valid(&full), "{full:?}");
        }
    }

    #[test]
    fn repeated_digit_cpfs_are_not_cpfs() {
        for d in 0..=9_u8 {
            let all = [d; 11];
            // They pass the checksum...
            assert_eq!(cpf_check_digits(&all[..9]), (d, d));
            // ...but are not issued.
            assert!(!cpf_valid(&all));
        }
    }

    #[test]
    fn cnpj_numeric_and_alphanumeric() {
        let numeric: Vec<char> = "11222333000181".chars().collect();
        assert!(cnpj_valid(&numeric));
        let wrong: Vec<char> = "11222333000182".chars().collect();
        assert!(!cnpj_valid(&wrong));
        // The Receita Federal's published alphanumeric example: 12.ABC.345/01DE-35.
        let alpha: Vec<char> = "12ABC34501DE35".chars().collect();
        assert!(cnpj_valid(&alpha));
        // Recompute by the rule itself: value = ASCII - 48, weights 2..9 from the right.
        let base: Vec<u32> = "12ABC34501DE".bytes().map(|b| u32::from(b) - 48).collect();
        let dv = |vals: &[u32]| {
            let sum: u32 = vals
                .iter()
                .rev()
                .enumerate()
                .map(|(k, v)| v * (k as u32 % 8 + 2))
                .sum();
            if sum % 11 < 2 {
                0
            } else {
                11 - sum % 11
            }
        };
        let d1 = dv(&base);
        let mut with_d1 = base.clone();
        with_d1.push(d1);
        let d2 = dv(&with_d1);
        assert_eq!((d1, d2), (3, 5));
        // Lower-case letters are not part of the alphabet.
        let lower: Vec<char> = "12abc34501de35".chars().collect();
        assert!(!cnpj_valid(&lower));
        let zeros: Vec<char> = "00000000000000".chars().collect();
        assert!(!cnpj_valid(&zeros));
    }
}
