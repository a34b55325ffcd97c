//! The regions of a message that can hold a finding, so that detection reads only them.
//!
//! Every finding holds a digit (of any script) or an `@`: call these characters seeds, and
//! the whole run of e-mail characters around an `@` seeds too (an address's local part and
//! domain have no bound on their length). A detector decides on what it finds by reading
//! at most 63 characters of the view (see [`super::text::View`]: invisible characters
//! dropped) before the finding's first seed, and 60 after its last; [`BEFORE`] and
//! [`AFTER`] leave some to spare, so that a region starting inside a word (which the region
//! reads as the start of a word) holds no keyword that reaches a seed:
//! - before: a security-code keyword at most 63 characters before its code (a keyword of
//!   up to 23 characters, then 40 at most to the code, and the character before the keyword
//!   to see that it starts a word); a card word up to 41 characters before the first digit;
//!   a phone word up to 26 before; the upper-case letters of a CNPJ and the country code of
//!   an IBAN, up to 18 before their digits;
//! - after: the letters of an IBAN after its check digits, up to 60 characters on; two
//!   characters after every other finding, to see that it stands alone.
//!
//! A region is a run of seeds, each at most `BEFORE + AFTER` characters after the one
//! before, with `BEFORE` characters before its first seed and `AFTER` after its last. Two
//! regions never overlap, and between them lies no seed, so what any detector finds in one
//! region is what it finds there in the whole text (a test compares the two on generated
//! texts). Each region is redacted on its own, in rounds, and the rest of the text is
//! copied as it is.

use std::ops::Range;

use super::text::read;
use super::{Finding, Options, Redacted};

/// How many characters of the view before a region's first seed the region holds.
pub(crate) const BEFORE: usize = 72;
/// How many characters of the view after a region's last seed the region holds.
pub(crate) const AFTER: usize = 72;

/// A character of an e-mail address's local part (as the e-mail detector reads it).
fn is_local(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-' | '\'')
}

/// A character of an e-mail address's domain.
fn is_domain(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '-')
}

/// A place in the text: its byte offset, its char index and its index in the view.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    byte: usize,
    char: usize,
    view: usize,
}

/// A run of seeds: where its first seed starts and where its last one ends.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    first: Place,
    end: Place,
}

/// The runs of seeds of `text`, each at most `BEFORE + AFTER` view characters after the
/// one before.
fn clusters(text: &str) -> Vec<Cluster> {
    let bytes = text.as_bytes();
    let mut out: Vec<Cluster> = Vec::new();
    let mut here = Place::default();
    // Whether the characters read now continue a domain after an `@`.
    let mut domain = false;
    while let Some(&b) = bytes.get(here.byte) {
        if !domain {
            // ASCII other than digits and `@` seeds nothing: one step for the whole stretch.
            let rest = bytes.get(here.byte..).unwrap_or_default();
            let skip = rest
                .iter()
                .position(|b| !b.is_ascii() || b.is_ascii_digit() || *b == b'@')
                .unwrap_or(rest.len());
            if skip > 0 {
                here.byte += skip;
                here.char += skip;
                here.view += skip;
                continue;
            }
            // A run of ASCII digits is one run of seeds.
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 0 {
                let from = here;
                here.byte += digits;
                here.char += digits;
                here.view += digits;
                join(&mut out, from, here);
                continue;
            }
        }
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            text.get(here.byte..)
                .and_then(|s| s.chars().next())
                .unwrap_or('\0')
        };
        let at = here;
        here.byte += c.len_utf8();
        here.char += 1;
        let Some(r) = read(c) else {
            continue;
        };
        here.view += 1;
        domain = domain && is_domain(r);
        let from = if r == '@' {
            domain = true;
            local_start(text, at)
        } else if domain || r.is_ascii_digit() {
            at
        } else {
            continue;
        };
        join(&mut out, from, here);
    }
    out
}

/// Adds the seeds from `first` to `end` to the runs `out`, joining the runs they come near.
fn join(out: &mut Vec<Cluster>, from: Place, end: Place) {
    if let Some(last) = out.last_mut() {
        if last.first.view <= from.view && from.view < last.end.view + BEFORE + AFTER {
            last.end = end;
            return;
        }
    }
    // A local part may reach back over earlier runs: they join this one.
    let mut first = from;
    while let Some(last) = out.last().copied() {
        if first.view >= last.end.view + BEFORE + AFTER {
            break;
        }
        out.pop();
        if last.first.view < first.view {
            first = last.first;
        }
    }
    out.push(Cluster { first, end });
}

/// Where the local part before the `@` at `at` starts (`at` itself when there is none): the
/// e-mail detector reads it back to its first character, however long it is.
fn local_start(text: &str, at: Place) -> Place {
    let mut start = at;
    let mut place = at;
    for (byte, c) in text.get(..at.byte).unwrap_or_default().char_indices().rev() {
        place.byte = byte;
        place.char -= 1;
        match read(c) {
            None => continue,
            Some(r) if is_local(r) => {
                place.view -= 1;
                start = place;
            }
            Some(_) => break,
        }
    }
    start
}

/// The place `n` view characters before `at` (or the start of the text), not before `floor`.
fn back(text: &str, at: Place, n: usize, floor: Place) -> Place {
    let mut place = at;
    let mut counted = 0;
    let before = text.get(floor.byte..at.byte).unwrap_or_default();
    for (offset, c) in before.char_indices().rev() {
        if counted == n {
            break;
        }
        if read(c).is_some() {
            counted += 1;
        }
        place = Place {
            byte: floor.byte + offset,
            char: place.char - 1,
            view: at.view - counted,
        };
    }
    place
}

/// The place `n` view characters after `at` (or the end of the text).
fn forward(text: &str, at: Place, n: usize) -> Place {
    let mut place = at;
    let mut counted = 0;
    let after = text.get(at.byte..).unwrap_or_default();
    for c in after.chars() {
        if counted == n {
            break;
        }
        if read(c).is_some() {
            counted += 1;
        }
        place = Place {
            byte: place.byte + c.len_utf8(),
            char: place.char + 1,
            view: at.view + counted,
        };
    }
    place
}

/// The regions of `text` that can hold a finding: byte ranges and the char index of each
/// one's start, sorted, never overlapping.
pub(crate) fn regions(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut floor = Place::default();
    for cluster in clusters(text) {
        let start = back(text, cluster.first, BEFORE, floor);
        let end = forward(text, cluster.end, AFTER);
        out.push((start.byte..end.byte, start.char));
        floor = end;
    }
    out
}

/// [`super::redact_in_rounds`]: each region redacted on its own by
/// [`super::redact_whole`], the rest copied.
pub(crate) fn redact_by_regions(text: &str, options: &Options) -> (Redacted, usize) {
    let mut out = String::with_capacity(text.len());
    let mut findings: Vec<Finding> = Vec::new();
    let mut rounds = 1;
    let mut copied = 0;
    for (bytes, first_char) in regions(text) {
        out.push_str(text.get(copied..bytes.start).unwrap_or_default());
        let (region, n) = super::redact_whole(text.get(bytes.clone()).unwrap_or_default(), options);
        out.push_str(&region.text);
        findings.extend(region.findings.into_iter().map(|f| Finding {
            kind: f.kind,
            start: f.start + first_char,
            end: f.end + first_char,
        }));
        rounds = rounds.max(n);
        copied = bytes.end;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    let redacted = Redacted {
        text: out,
        findings,
    };
    (redacted, rounds)
}
