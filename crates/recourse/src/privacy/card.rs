//! Card numbers (PAN) and the security codes written next to them.
//!
//! A card number is 12 to 19 ASCII digits, possibly in groups joined by one to three
//! separators (spaces of any width, tabs, dashes; invisible characters are dropped
//! beforehand, see [`super::text::TRANSPARENT`]), that
//! passes the Luhn check AND either starts with a real issuer prefix of a length that
//! issuer uses, or follows a card keyword ("card", "cartão", "tarjeta", "κάρτα", a brand
//! name) within 40 characters. The Luhn check alone matches one random digit run in ten,
//! which is why a 13-digit millisecond timestamp or a Luhn-valid order number with no
//! issuer prefix and no keyword is left alone: a few real card numbers written without
//! context and with an unknown prefix would be missed, which the issuer table keeps rare.
//!
//! Dots do not join digit groups in general (Brazilian boleto lines, amounts and version
//! numbers use them), but the two card layouts written with dots, `4111.1111.1111.1111` and
//! Amex `3782.822463.10005`, are read as card numbers too.

use super::national;
use super::text::{could_start_code, is_card_separator, is_digit, Start, View};
use super::{CardDigits, Kind};

/// Most separators allowed between two digit groups.
const MAX_GAP: usize = 3;
/// How far before a digit run a card keyword still counts, in characters.
const KEYWORD_WINDOW: usize = 40;

/// Words that make a Luhn-valid run a card number whatever its prefix. Matched folded
/// (case and accents ignored) at the start of a word; the word may run on ("cartões").
pub(crate) const CARD_KEYWORDS: &[&str] = &[
    "card",
    "cartao",
    "cartoe",
    "tarjeta",
    "καρτα",
    "καρτε",
    "credito",
    "debito",
    "credit",
    "debit",
    "visa",
    "mastercard",
    "amex",
    "american express",
    "elo ",
    "hipercard",
    "diners",
    "discover",
    "jcb",
    "maestro",
    "unionpay",
    "pan:",
];

/// Words that announce a security code. Matched folded, as whole words.
pub(crate) const CODE_KEYWORDS: &[&str] = &[
    "cvv2",
    "cvc2",
    "cvv",
    "cvc",
    "cid",
    "csc",
    "cvn",
    "cav2",
    "security code",
    "card verification code",
    "card verification value",
    "codigo de seguranca",
    "cod. seguranca",
    "cod seguranca",
    "codigo de seguridad",
    "codigo seguranca",
    "κωδικοσ ασφαλειασ",
    "κωδικοσ cvv",
];

/// Short words that may stand between a security-code keyword and the code. Every word list
/// is written folded (lower case, no accents, final sigma as σ), as the text is compared.
pub(crate) const FILLER_WORDS: &[&str] = &[
    "is",
    "e",
    "es",
    "no",
    "nº",
    "n°",
    "number",
    "numero",
    "do",
    "da",
    "de",
    "del",
    "the",
    "cartao",
    "card",
    "tarjeta",
    "ειναι",
    "τησ",
    "καρτασ",
    "code",
    "codigo",
];

/// Words that may stand between a card number and its security code (expiry labels).
pub(crate) const EXPIRY_WORDS: &[&str] = &[
    "exp",
    "expiry",
    "expires",
    "validade",
    "valid",
    "val",
    "venc",
    "vencimento",
    "vto",
    "vencimiento",
    "ληξη",
    "e",
    "and",
    "y",
    "και",
];

/// One issuer prefix range: the first `digits` digits of the number, read as an integer,
/// lie in `lo..=hi`, and the number's length is one of `lengths` (bit n = length n).
struct Issuer {
    lo: u32,
    hi: u32,
    digits: u8,
    lengths: u32,
    amex: bool,
}

/// Lengths 12 to 19 as a bit set.
const fn lengths(from: u32, to: u32) -> u32 {
    let mut set = 0;
    let mut n = from;
    while n <= to {
        set |= 1 << n;
        n += 1;
    }
    set
}

const fn issuer(lo: u32, hi: u32, digits: u8, lengths: u32) -> Issuer {
    Issuer {
        lo,
        hi,
        digits,
        lengths,
        amex: false,
    }
}

/// Issuer prefixes (IIN ranges) in public network documentation and BIN tables. Brazilian
/// schemes are listed for the record even where a wider range already covers them.
const ISSUERS: &[Issuer] = &[
    // Visa; Elo and Hipercard BINs inside Visa's range (4011, 401178, 431274, 438935,
    // 451416, 457393, 4576) have Visa's lengths.
    issuer(4, 4, 1, 1 << 13 | 1 << 16 | 1 << 19),
    // Mastercard, old and 2-series ranges.
    issuer(51, 55, 2, 1 << 16),
    issuer(2221, 2720, 4, 1 << 16),
    // Mir.
    issuer(2200, 2204, 4, lengths(16, 19)),
    // American Express.
    Issuer {
        lo: 34,
        hi: 34,
        digits: 2,
        lengths: 1 << 15,
        amex: true,
    },
    Issuer {
        lo: 37,
        hi: 37,
        digits: 2,
        lengths: 1 << 15,
        amex: true,
    },
    // Diners Club International (and Hipercard 3841 inside 38).
    issuer(300, 305, 3, lengths(14, 19)),
    issuer(3095, 3095, 4, lengths(14, 19)),
    issuer(36, 36, 2, lengths(14, 19)),
    issuer(38, 39, 2, lengths(14, 19)),
    // JCB.
    issuer(3528, 3589, 4, lengths(16, 19)),
    // Discover.
    issuer(6011, 6011, 4, lengths(16, 19)),
    issuer(644, 649, 3, lengths(16, 19)),
    issuer(65, 65, 2, lengths(16, 19)),
    // UnionPay.
    issuer(62, 62, 2, lengths(16, 19)),
    // Hipercard.
    issuer(606_282, 606_282, 6, 1 << 13 | 1 << 16 | 1 << 19),
    // Elo outside Visa's range.
    issuer(504_175, 504_175, 6, 1 << 16),
    issuer(5067, 5067, 4, 1 << 16),
    issuer(509_000, 509_999, 6, 1 << 16),
    issuer(636_297, 636_297, 6, 1 << 16),
    issuer(636_368, 636_368, 6, 1 << 16),
    issuer(650_031, 650_978, 6, 1 << 16),
    // Maestro (and RuPay 60, 65, 508 inside these).
    issuer(50, 50, 2, lengths(12, 19)),
    issuer(56, 69, 2, lengths(12, 19)),
];

/// The issuer of `digits` (12 to 19 digit values), if its prefix and length are real.
fn issuer_of(digits: &[u8]) -> Option<&'static Issuer> {
    let len = digits.len();
    ISSUERS.iter().find(|issuer| {
        let prefix = digits
            .iter()
            .take(usize::from(issuer.digits))
            .fold(0_u32, |acc, &d| acc * 10 + u32::from(d));
        (issuer.lo..=issuer.hi).contains(&prefix)
            && u32::try_from(len)
                .ok()
                .and_then(|l| 1_u32.checked_shl(l))
                .is_some_and(|bit| issuer.lengths & bit != 0)
    })
}

/// Whether `digits` has a real issuer prefix for its length.
pub(crate) fn has_issuer_prefix(digits: &[u8]) -> bool {
    issuer_of(digits).is_some()
}

/// The Luhn (mod 10) check over digit values.
pub(crate) fn luhn_valid(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let twice = d * 2;
                if twice > 9 {
                    twice - 9
                } else {
                    twice
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Whether 12 to 19 digits form a card number by prefix (no keyword): Luhn-valid with a
/// real issuer prefix for that length.
#[cfg(test)]
pub(crate) fn is_card_number(digits: &[u8]) -> bool {
    (12..=19).contains(&digits.len()) && luhn_valid(digits) && has_issuer_prefix(digits)
}

/// Walks the run of digit groups starting at `start`: `each` is called with `Some` of each
/// digit's position and with `None` between two groups; returns the position after the run.
fn walk_groups(view: &View, start: usize, mut each: impl FnMut(Option<usize>)) -> usize {
    let mut j = start;
    loop {
        if view.digit(j) {
            each(Some(j));
            j += 1;
            continue;
        }
        let mut k = j;
        while k - j <= MAX_GAP && is_card_separator(view.at(k)) && view.free(k) {
            k += 1;
        }
        let gap = k - j;
        if (1..=MAX_GAP).contains(&gap) && view.digit(k) {
            each(None);
            j = k;
            continue;
        }
        break;
    }
    j
}

/// Reads the run of digit groups starting at `start`: the positions of each group's digits
/// and the position after the run.
fn read_groups(view: &View, start: usize) -> (Vec<Vec<usize>>, usize) {
    let mut groups = Vec::new();
    let mut current = Vec::new();
    let end = walk_groups(view, start, |at| match at {
        Some(j) => current.push(j),
        None => groups.push(std::mem::take(&mut current)),
    });
    groups.push(current);
    (groups, end)
}

/// How many digits the run of digit groups starting at `start` holds, and the position after
/// it: [`read_groups`] without keeping the groups.
fn count_groups(view: &View, start: usize) -> (usize, usize) {
    let mut digits = 0;
    let end = walk_groups(view, start, |at| digits += usize::from(at.is_some()));
    (digits, end)
}

/// Finds card numbers and the security codes written right after them. `cpf` and `cnpj`
/// say whether those kinds are redacted (see [`claim_national`]).
pub(crate) fn detect_cards(view: &mut View, card_digits: CardDigits, cpf: bool, cnpj: bool) {
    detect_dotted(view, card_digits);
    let mut i = 0;
    while i < view.len() {
        if !view.digit(i) {
            i = view.next_start(Start::Digit, i + 1);
            continue;
        }
        // Fewer than 12 digits hold no card reading, and so no CPF or CNPJ for
        // `claim_national` to keep whole.
        let (digits, run_end) = count_groups(view, i);
        if digits < 12 {
            i = run_end.max(i + 1);
            continue;
        }
        let (groups, run_end) = read_groups(view, i);
        if cpf || cnpj {
            claim_national(view, &groups, cpf, cnpj);
        }
        let mut s = 0;
        while s < groups.len() {
            match best_window(view, &groups, s) {
                Some((e, ambiguous)) => {
                    let positions: Vec<usize> = groups
                        .get(s..=e)
                        .unwrap_or_default()
                        .iter()
                        .flatten()
                        .copied()
                        .collect();
                    let digits: Vec<u8> = positions.iter().map(|&p| view.digit_value(p)).collect();
                    let amex = issuer_of(&digits).is_some_and(|issuer| issuer.amex);
                    let mask = mask_positions(&positions, card_digits, ambiguous);
                    let first = positions.first().copied().unwrap_or(i);
                    let last = positions.last().copied().unwrap_or(i);
                    view.report(Kind::CardNumber, first, last + 1, mask);
                    code_after_card(view, last + 1, amex);
                    s = e + 1;
                }
                None => s += 1,
            }
        }
        i = run_end.max(i + 1);
    }
}

/// Every reading of the run `groups` as a card number: the windows of groups `(s, e)` whose
/// 12 to 19 free digits pass the Luhn check with an issuer prefix or after a card word.
fn card_windows(view: &View, groups: &[Vec<usize>]) -> Vec<(usize, usize)> {
    let mut windows = Vec::new();
    for (s, start) in groups.iter().enumerate() {
        let Some(&first) = start.first() else {
            continue;
        };
        let mut digits: Vec<u8> = Vec::with_capacity(19);
        for (e, group) in groups.iter().enumerate().skip(s) {
            if group.iter().any(|&p| !view.free(p)) || digits.len() + group.len() > 19 {
                break;
            }
            digits.extend(group.iter().map(|&p| view.digit_value(p)));
            if digits.len() >= 12
                && luhn_valid(&digits)
                && (has_issuer_prefix(&digits)
                    || view.keyword_before(first, CARD_KEYWORDS, KEYWORD_WINDOW))
            {
                windows.push((s, e));
            }
        }
    }
    windows
}

/// Reports the CPFs and CNPJs of the run `groups` that a card reading would cut. Read
/// through its spaces, a CNPJ such as `00 509255549917` holds a shorter run of digits that
/// passes as a card; read as a card, it would leave the CNPJ's other digits and last four
/// readable. So a CPF or CNPJ that starts a group is reported whole when a card reading lies
/// inside it and every card reading that touches it does (one that covers it, or reaches
/// out of it, stays a card).
fn claim_national(view: &mut View, groups: &[Vec<usize>], cpf: bool, cnpj: bool) {
    if groups.len() < 2 {
        return;
    }
    let mut windows = None;
    for (g, group) in groups.iter().enumerate() {
        let Some(&start) = group.first() else {
            continue;
        };
        let Some((kind, positions)) = national::plain_at(view, start, cpf, cnpj) else {
            continue;
        };
        let last = positions.last().copied().unwrap_or(start);
        let Some(h) = groups.iter().position(|x| x.last() == Some(&last)) else {
            continue;
        };
        let windows = windows.get_or_insert_with(|| card_windows(view, groups));
        let inside = |&(s, e): &(usize, usize)| g <= s && e <= h && (s, e) != (g, h);
        let touches = |&(s, e): &(usize, usize)| s <= h && g <= e;
        if windows.iter().any(inside) && windows.iter().filter(|w| touches(w)).all(inside) {
            view.report(kind, start, last + 1, positions);
        }
    }
}

/// The dotted card layouts: 4-4-4-4 and Amex 4-6-5.
const DOTTED: &[&[usize]] = &[&[4, 4, 4, 4], &[4, 6, 5]];

/// Finds card numbers written in a dotted layout (see the module documentation).
fn detect_dotted(view: &mut View, card_digits: CardDigits) {
    let mut i = 0;
    while i < view.len() {
        if !is_digit(view.at(i)) {
            i = view.next_start(Start::Digit, i + 1);
            continue;
        }
        // Both layouts start with four digits and a dot.
        let starts = view.digit(i)
            && view.at(i + 4) == '.'
            && !crate::privacy::text::is_digit(view.before(i))
            && view.before(i) != '.';
        let found = if starts {
            DOTTED.iter().find_map(|layout| dotted_at(view, i, layout))
        } else {
            None
        };
        match found {
            Some(positions) => {
                let mask = mask_positions(&positions, card_digits, false);
                let last = positions.last().copied().unwrap_or(i);
                let amex =
                    issuer_of(&digits_at(view, &positions)).is_some_and(|issuer| issuer.amex);
                view.report(Kind::CardNumber, i, last + 1, mask);
                code_after_card(view, last + 1, amex);
                i = last + 1;
            }
            None => {
                // A digit right after this one starts no layout: skip the run.
                i += 1;
                while is_digit(view.at(i)) {
                    i += 1;
                }
            }
        }
    }
}

/// The digit values at `positions`.
fn digits_at(view: &View, positions: &[usize]) -> Vec<u8> {
    positions.iter().map(|&p| view.digit_value(p)).collect()
}

/// The digit positions of a card number in the dotted `layout` at `i`, if there is one.
fn dotted_at(view: &View, i: usize, layout: &[usize]) -> Option<Vec<usize>> {
    let mut positions = Vec::with_capacity(19);
    let mut j = i;
    for (n, &len) in layout.iter().enumerate() {
        if n > 0 {
            if view.at(j) != '.' || !view.free(j) {
                return None;
            }
            j += 1;
        }
        for _ in 0..len {
            if !view.digit(j) {
                return None;
            }
            positions.push(j);
            j += 1;
        }
    }
    let after = view.at(j);
    let joins = after == '.' && crate::privacy::text::is_digit(view.at(j + 1));
    let alone = !(after.is_alphanumeric() || joins);
    let digits: Vec<u8> = positions.iter().map(|&p| view.digit_value(p)).collect();
    (alone && luhn_valid(&digits) && has_issuer_prefix(&digits)).then_some(positions)
}

/// The longest window of groups `s..=e` that reads as a card number, and whether more than
/// one length of 13 digits or more did (then the number's true end is unknown, the digits
/// after the shorter reading may be its security code, and no digit is kept). Windows
/// with a real issuer prefix and length win over windows that only a card word before the
/// window's first digit supports (looked for only when needed: it is the costly part).
fn best_window(view: &View, groups: &[Vec<usize>], s: usize) -> Option<(usize, bool)> {
    let mut digits: Vec<u8> = Vec::with_capacity(19);
    let mut by_issuer = Vec::new();
    let mut by_keyword = Vec::new();
    let mut keyword: Option<bool> = None;
    let first = groups.get(s).and_then(|g| g.first()).copied()?;
    for (e, group) in groups.iter().enumerate().skip(s) {
        if group.iter().any(|&p| !view.free(p)) {
            break;
        }
        if digits.len() + group.len() > 19 {
            break;
        }
        digits.extend(group.iter().map(|&p| view.digit_value(p)));
        if digits.len() >= 12 && luhn_valid(&digits) {
            if has_issuer_prefix(&digits) {
                by_issuer.push((e, digits.len()));
            } else if *keyword
                .get_or_insert_with(|| view.keyword_before(first, CARD_KEYWORDS, KEYWORD_WINDOW))
            {
                by_keyword.push((e, digits.len()));
            }
        }
    }
    let valid = if by_issuer.is_empty() {
        by_keyword
    } else {
        by_issuer
    };
    let (longest, _) = valid.last().copied()?;
    // A 12-digit reading does not make a longer one doubtful: 12-digit cards are rare, and
    // a 16-digit number in groups of four always has a 12-digit prefix on a group boundary.
    let readings = valid.iter().filter(|&&(_, len)| len > 12).count();
    Some((longest, readings > 1))
}

/// Which digits of a card number to mask: all but the last four (and the first six when
/// asked and at least six digits stay masked); all of them when the length is ambiguous.
fn mask_positions(positions: &[usize], card_digits: CardDigits, ambiguous: bool) -> Vec<usize> {
    let len = positions.len();
    if ambiguous {
        return positions.to_vec();
    }
    let keep_head = match card_digits {
        CardDigits::First6Last4 if len >= 16 => 6,
        _ => 0,
    };
    let keep_tail = 4;
    positions
        .iter()
        .enumerate()
        .filter(|(n, _)| *n >= keep_head && *n + keep_tail < len)
        .map(|(_, &p)| p)
        .collect()
}

/// Skips characters that may separate card data: spaces (tabs among them), dashes, dots,
/// list punctuation and line breaks (card number, expiry and code are often pasted one per
/// line). Returns the first position that is not one.
fn skip_gap(view: &View, mut j: usize, limit: usize) -> usize {
    while j < limit
        && view.free(j)
        && (is_card_separator(view.at(j))
            || matches!(
                view.at(j),
                ',' | ';' | ':' | '|' | '/' | '(' | ')' | '=' | '\n' | '\r' | '.'
            ))
    {
        j += 1;
    }
    j
}

/// Whether the digits at `start..end` stand alone: no digit right before, and after them
/// neither a letter or digit nor a date or decimal mark followed by a digit.
fn stands_alone(view: &View, start: usize, end: usize) -> bool {
    let after = view.at(end);
    let joins = matches!(after, '/' | '.' | ',' | '-' | ':')
        && crate::privacy::text::is_digit(view.at(end + 1));
    !crate::privacy::text::is_digit(view.before(start)) && !after.is_alphanumeric() && !joins
}

/// The run of free digits starting at `j`: its end.
fn digits_end(view: &View, mut j: usize) -> usize {
    while view.digit(j) {
        j += 1;
    }
    j
}

/// A security code right after a card number: past separators, an optional expiry date
/// (MM/YY or MM/YYYY) and expiry labels, the first number, if it has 3 digits (4 after an
/// American Express number) and stands alone.
fn code_after_card(view: &mut View, from: usize, amex: bool) {
    let limit = from + 32;
    let mut j = from;
    let mut words = 0;
    loop {
        j = skip_gap(view, j, limit);
        if j >= limit || !view.free(j) {
            return;
        }
        if view.digit(j) {
            let end = digits_end(view, j);
            if let Some(after_expiry) = expiry_at(view, j) {
                j = after_expiry;
                continue;
            }
            let len = end - j;
            if (len == 3 || (amex && len == 4)) && stands_alone(view, j, end) {
                view.report(Kind::SecurityCode, j, end, (j..end).collect());
            }
            return;
        }
        if words < 3 && view.word_start(j) {
            if let Some(next) = word_in(view, j, EXPIRY_WORDS) {
                j = next;
                words += 1;
                continue;
            }
        }
        return;
    }
}

/// An expiry date at `j`: MM/YY, MM/YYYY, MM-YY or MM-YYYY with a month 01 to 12. Returns
/// the position after it.
fn expiry_at(view: &View, j: usize) -> Option<usize> {
    let month_end = digits_end(view, j);
    if month_end - j != 2 || !matches!(view.at(month_end), '/' | '-') {
        return None;
    }
    let month = view.digit_value(j) * 10 + view.digit_value(j + 1);
    if !(1..=12).contains(&month) {
        return None;
    }
    let year_end = digits_end(view, month_end + 1);
    matches!(year_end - (month_end + 1), 2 | 4).then_some(year_end)
}

/// Whether one of `words` stands as a whole word at `j`; the position after it.
fn word_in(view: &View, j: usize, words: &[&str]) -> Option<usize> {
    let first = view.folded(j);
    words
        .iter()
        .filter(|w| w.starts_with(first))
        .filter_map(|w| view.keyword_at(j, w))
        .find(|&end| !view.at(end).is_alphanumeric())
}

/// Finds security codes announced by a keyword ("CVV: 123", "código de segurança 1234").
pub(crate) fn detect_codes(view: &mut View) {
    let mut i = 0;
    while i < view.len() {
        let c = view.folded(i);
        if !could_start_code(c) {
            i = view.next_start(Start::Code, i + 1);
            continue;
        }
        if !(view.free(i) && view.word_start(i)) {
            i += 1;
            continue;
        }
        let Some(end) = word_in(view, i, CODE_KEYWORDS) else {
            i += 1;
            continue;
        };
        code_after_keyword(view, end);
        i = end;
    }
}

/// The code after a security-code keyword: past punctuation and up to three filler words,
/// the first number, if it has 3 or 4 digits and stands alone.
fn code_after_keyword(view: &mut View, from: usize) {
    let limit = from + 40;
    let mut j = from;
    let mut words = 0;
    loop {
        while j < limit
            && view.free(j)
            && !view.at(j).is_alphanumeric()
            && (view.at(j).is_whitespace()
                || matches!(
                    view.at(j),
                    ':' | '='
                        | '-'
                        | '.'
                        | ','
                        | '('
                        | ')'
                        | '#'
                        | '\''
                        | '"'
                        | '\u{b0}'
                        | '\u{ba}'
                ))
        {
            j += 1;
        }
        if j >= limit || !view.free(j) {
            return;
        }
        if view.digit(j) {
            let end = digits_end(view, j);
            if (3..=4).contains(&(end - j)) && stands_alone(view, j, end) {
                view.report(Kind::SecurityCode, j, end, (j..end).collect());
            }
            return;
        }
        if words < 3 {
            if let Some(next) = word_in(view, j, FILLER_WORDS) {
                j = next;
                words += 1;
                continue;
            }
        }
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u8> {
        s.bytes()
            .filter(u8::is_ascii_digit)
            .map(|b| b - b'0')
            .collect()
    }

    #[test]
    fn luhn_accepts_published_test_cards() {
        for pan in [
            "4242424242424242",
            "4111111111111111",
            "5555555555554444",
            "2223003122003222",
            "378282246310005",
            "371449635398431",
            "6011111111111117",
            "3056930009020004",
            "36227206271667",
            "3566002020360505",
            "6200000000000005",
            "6062826786276634",
            "6362970000457013",
            "4000000000000002",
        ] {
            let d = digits(pan);
            assert!(luhn_valid(&d), "{pan} is Luhn-valid");
            assert!(has_issuer_prefix(&d), "{pan} has an issuer prefix");
        }
        assert!(!luhn_valid(&digits("4242424242424241")));
    }

    #[test]
    fn code_keywords_start_with_the_listed_characters() {
        for w in CODE_KEYWORDS {
            let first = w.chars().next().unwrap();
            assert!(could_start_code(first), "{w}");
        }
        for c in ['a', 'b', 'd', 'x', 'z', '1', ' ', 'κ', 'λ', 'ç'] {
            assert_eq!(
                could_start_code(c),
                CODE_KEYWORDS.iter().any(|w| w.starts_with(c)),
                "{c}"
            );
        }
    }

    #[test]
    fn a_timestamp_has_no_issuer_prefix() {
        let ts = digits("1767225600000");
        assert!(!has_issuer_prefix(&ts));
        // An order id that passes Luhn but starts with no issuer's prefix.
        let order = digits("1234567812345670");
        assert!(luhn_valid(&order));
        assert!(!is_card_number(&order));
    }

    #[test]
    fn lengths_are_per_issuer() {
        // 15 digits starting with 4 is no Visa length; Amex is 15, never 16.
        assert!(!has_issuer_prefix(&digits("411111111111111")));
        assert!(!has_issuer_prefix(&digits("3782822463100051")));
        assert!(has_issuer_prefix(&digits("378282246310005")));
        // Mastercard 2-series edges.
        assert!(has_issuer_prefix(&digits("2221000000000009")));
        assert!(has_issuer_prefix(&digits("2720990000000007")));
        assert!(!has_issuer_prefix(&digits("2721000000000000")));
    }
}
