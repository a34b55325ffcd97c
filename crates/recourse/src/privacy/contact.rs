//! E-mail addresses and phone numbers.
//!
//! E-mail: a local part (letters of any script, digits, `. _ % + - '`), `@`, and a domain of
//! at least two dot-separated labels whose last label (the top-level domain) is two or more
//! letters; the local part starts and each label starts and ends with a letter or digit.
//! The mask covers the letters and digits of the local part but its first, and of the
//! domain but its top-level label: `maria.silva@example.com.br` becomes
//! `m****.*****@*******.***.br`.
//!
//! Phone: a run of digit groups joined by one or two spaces (of any width, or tabs),
//! dashes, dots or parentheses, that has a phone's shape:
//! - it starts with `+` and has 8 to 15 digits (E.164: `+55 11 91234-5678`,
//!   `+30 21 0123 4567`, `+1 (415) 555-0100`);
//! - it starts with an area code in parentheses and has 10 to 12 digits
//!   (`(11) 91234-5678`, `(415) 555-0100`);
//! - its groups are 3-3-4 (`415-555-0100`, `210 123 4567`), 2-5-4 with a mobile `9`
//!   (`11 91234-5678`), 2-4-4 (`11 3456-7890`) or 5-4 with a mobile `9` (`91234-5678`);
//! - or a phone word ("tel", "telefone", "celular", "WhatsApp", "phone", "τηλέφωνο", ...)
//!   comes at most 24 characters before it and it has 8 to 15 digits.
//!
//! Dates (`23/11/2026`, `2026-11-23`), amounts (`1.234,56`) and plain digit runs such as
//! order numbers have none of these shapes and stay. The mask keeps the last two digits.

use super::text::{is_digit, Start, View};
use super::Kind;

/// Words that announce a phone number, matched folded at the start of a word.
pub(crate) const PHONE_KEYWORDS: &[&str] = &[
    "tel",
    "fone",
    "cel",
    "whats",
    "zap",
    "phone",
    "mobile",
    "movil",
    "τηλ",
    "κινητ",
];

/// How far before a number a phone word still counts, in characters.
const KEYWORD_WINDOW: usize = 24;

fn is_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

fn is_domain(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// Finds e-mail addresses.
pub(crate) fn detect_emails(view: &mut View) {
    let mut next = view.next_start(Start::At, 0);
    while next < view.len() {
        let at = next;
        next = view.next_start(Start::At, at + 1);
        if !view.free(at) {
            continue;
        }
        let mut start = at;
        while start > 0 && is_local(view.at(start - 1)) && view.free(start - 1) {
            start -= 1;
        }
        while start < at && view.at(start) == '.' {
            start += 1;
        }
        let mut end = at + 1;
        while is_domain(view.at(end)) && view.free(end) {
            end += 1;
        }
        while end > at + 1 && matches!(view.at(end - 1), '.' | '-') {
            end -= 1;
        }
        if start == at || end <= at + 1 {
            continue;
        }
        let domain: String = (at + 1..end).map(|p| view.at(p)).collect();
        let labels: Vec<&str> = domain.split('.').collect();
        let tld_ok = labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
        let label_ok = |l: &&str| {
            l.chars().next().is_some_and(char::is_alphanumeric)
                && l.chars().last().is_some_and(char::is_alphanumeric)
        };
        let first_ok = view.at(start).is_alphanumeric();
        if labels.len() < 2 || !labels.iter().all(label_ok) || !tld_ok || !first_ok {
            continue;
        }
        let tld_start = end - labels.last().map_or(0, |l| l.chars().count());
        let mask = (start + 1..at)
            .chain(at + 1..tld_start)
            .filter(|&p| view.at(p).is_alphanumeric())
            .collect();
        view.report(Kind::Email, start, end, mask);
    }
}

/// A run of digit groups that may be a phone number. Its lists are kept between runs, so
/// reading one allocates nothing.
#[derive(Default)]
struct Run {
    start: usize,
    end: usize,
    plus: bool,
    /// Whether the first group sits in parentheses.
    paren_first: bool,
    groups: Vec<(usize, usize)>,
    /// The separators between groups, one range of positions per gap.
    gaps: Vec<(usize, usize)>,
}

impl Run {
    fn digits(&self) -> usize {
        self.groups.iter().map(|(s, e)| e - s).sum()
    }
}

/// A character that may join the digit groups of a phone number: a space (every
/// [`super::text::Transparent::Space`] reaches the detectors as one), a hyphen or a dot.
fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '-' | '.' | '\u{2011}')
}

/// Reads a run at `i` into `run`: an optional `+`, then digit groups, each optionally in
/// parentheses, joined by one or two separators. False when there is none.
fn read_run(view: &View, i: usize, run: &mut Run) -> bool {
    let plus = view.at(i) == '+';
    let mut j = i + usize::from(plus);
    run.groups.clear();
    run.gaps.clear();
    let mut paren_first = false;
    let mut end;
    loop {
        let open = view.at(j) == '(' && view.free(j);
        if open {
            j += 1;
        }
        let start = j;
        while view.digit(j) {
            j += 1;
        }
        if j == start {
            return false;
        }
        run.groups.push((start, j));
        if open {
            if view.at(j) != ')' || !view.free(j) {
                return false;
            }
            if run.groups.len() == 1 {
                paren_first = true;
            }
            j += 1;
        }
        end = j;
        let mut k = j;
        while k - j < 2 && is_phone_separator(view.at(k)) && view.free(k) {
            k += 1;
        }
        let next_opens = view.at(k) == '(' && view.digit(k + 1);
        if view.digit(k) || next_opens {
            if k == j && !next_opens && !open {
                return false;
            }
            run.gaps.push((j, k));
            j = k;
            continue;
        }
        break;
    }
    run.start = i;
    run.end = end;
    run.plus = plus;
    run.paren_first = paren_first;
    true
}

/// Whether the gaps `a` and `b` hold the same separators.
fn same_gap(view: &View, a: (usize, usize), b: (usize, usize)) -> bool {
    a.1 - a.0 == b.1 - b.0
        && (a.0..a.1)
            .zip(b.0..b.1)
            .all(|(x, y)| view.at(x) == view.at(y))
}

/// Whether `run` has a phone's shape (see the module documentation).
fn phone_shaped(view: &View, run: &Run) -> bool {
    let digits = run.digits();
    if run.plus {
        return (8..=15).contains(&digits);
    }
    let length = |&(s, e): &(usize, usize)| e - s;
    if run.paren_first {
        let area = run.groups.first().map_or(0, length);
        return (2..=3).contains(&area) && (10..=12).contains(&digits);
    }
    let first_digit_is_9 = |n: usize| run.groups.get(n).is_some_and(|&(s, _)| view.at(s) == '9');
    let same_gaps = run
        .gaps
        .windows(2)
        .all(|w| matches!(w, [a, b] if same_gap(view, *a, *b)));
    let dash_last = run
        .gaps
        .last()
        .is_some_and(|&(s, e)| e - s == 1 && view.at(s) == '-');
    match run.groups.as_slice() {
        [a, b, c] => match (length(a), length(b), length(c)) {
            (3, 3, 4) => same_gaps,
            (2, 5, 4) => first_digit_is_9(1) && dash_last,
            (2, 4, 4) => dash_last,
            _ => false,
        },
        [a, b] => (length(a), length(b)) == (5, 4) && first_digit_is_9(0) && dash_last,
        _ => false,
    }
}

/// Finds phone numbers.
pub(crate) fn detect_phones(view: &mut View) {
    let mut run = Run::default();
    let mut i = 0;
    while i < view.len() {
        let c = view.at(i);
        if !(matches!(c, '+' | '(') || is_digit(c)) {
            i = view.next_start(Start::Phone, i + 1);
            continue;
        }
        let opener = matches!(c, '+' | '(') && view.digit(i + 1) || view.digit(i);
        let inside = || {
            let before = view.before(i);
            before.is_alphanumeric()
                || before == '+'
                || (is_phone_separator(before) || before == '(')
                    && is_digit(view.before(i.saturating_sub(1)))
        };
        if !opener || !view.free(i) || inside() {
            // Inside a word or a number, nothing starts before its end.
            i = if c.is_alphanumeric() && view.before(i).is_alphanumeric() {
                view.word_end(i + 1)
            } else {
                i + 1
            };
            continue;
        }
        if !read_run(view, i, &mut run) {
            i += 1;
            while view.digit(i) {
                i += 1;
            }
            continue;
        }
        let after = view.at(run.end);
        let joins = matches!(after, '.' | ',' | '/' | '-') && is_digit(view.at(run.end + 1));
        let alone = !after.is_alphanumeric() && !joins;
        let keyword = (8..=15).contains(&run.digits())
            && view.keyword_before(i, PHONE_KEYWORDS, KEYWORD_WINDOW);
        if alone && (phone_shaped(view, &run) || keyword) {
            let digits: Vec<usize> = run.groups.iter().flat_map(|&(s, e)| s..e).collect();
            let keep = digits.len().saturating_sub(2);
            let mask = digits.iter().take(keep).copied().collect();
            view.report(Kind::Phone, run.start, run.end, mask);
        }
        i = run.end.max(i + 1);
    }
}
