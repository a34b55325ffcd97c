//! The text one detection pass reads: the characters of the message with the transparent
//! ones (see [`TRANSPARENT`]) dropped or read as spaces, folded copies for keyword
//! matching, and which positions earlier detectors have already claimed.

use super::Kind;

/// How detection reads a character that can sit inside a number without being part of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Transparent {
    /// A space of any width, a line or paragraph separator, or the tab: read as one ASCII
    /// space, so it separates digit groups exactly as a space does.
    Space,
    /// A character that renders as nothing or only changes how its neighbours render:
    /// dropped before detection, so it can never split a number or an address.
    Ignorable,
}

/// The characters detection reads through, as sorted, non-overlapping ranges: the one list
/// every detector relies on (through [`View`]). From the Unicode Character Database 16.0:
/// - [`Transparent::Space`]: the tab and every character of the general categories Zs
///   (space separator), Zl (line separator) and Zp (paragraph separator), from
///   `extracted/DerivedGeneralCategory.txt`. Line feed, carriage return and the other
///   control characters (Cc) are not in it: a line break still ends a number.
/// - [`Transparent::Ignorable`]: every character with the property
///   `Default_Ignorable_Code_Point` (`DerivedCoreProperties.txt`: soft hyphen, combining
///   grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free variation
///   selectors, zero-width characters, directional marks and isolates, invisible operators,
///   variation selectors, the byte-order mark, tags and the reserved ranges kept for them)
///   and every character of the general category Cf (format; adds the Arabic number signs,
///   the interlinear annotation characters and the Egyptian hieroglyph format controls).
///
/// A test checks the table against the Unicode classes of the regular-expression engine.
pub(crate) const TRANSPARENT: &[(char, char, Transparent)] = {
    use Transparent::{Ignorable as I, Space as S};
    &[
        ('\u{0009}', '\u{0009}', S),   // tab
        ('\u{0020}', '\u{0020}', S),   // Zs space
        ('\u{00A0}', '\u{00A0}', S),   // Zs no-break space
        ('\u{00AD}', '\u{00AD}', I),   // Cf soft hyphen
        ('\u{034F}', '\u{034F}', I),   // DI combining grapheme joiner
        ('\u{0600}', '\u{0605}', I),   // Cf Arabic number signs
        ('\u{061C}', '\u{061C}', I),   // Cf Arabic letter mark
        ('\u{06DD}', '\u{06DD}', I),   // Cf Arabic end of ayah
        ('\u{070F}', '\u{070F}', I),   // Cf Syriac abbreviation mark
        ('\u{0890}', '\u{0891}', I),   // Cf Arabic pound and piastre marks above
        ('\u{08E2}', '\u{08E2}', I),   // Cf Arabic disputed end of ayah
        ('\u{115F}', '\u{1160}', I),   // DI Hangul choseong and jungseong fillers
        ('\u{1680}', '\u{1680}', S),   // Zs ogham space mark
        ('\u{17B4}', '\u{17B5}', I),   // DI Khmer inherent vowels
        ('\u{180B}', '\u{180F}', I),   // DI Mongolian free variation selectors, vowel separator
        ('\u{2000}', '\u{200A}', S),   // Zs en quad .. hair space
        ('\u{200B}', '\u{200F}', I),   // Cf zero-width space, (non-)joiner, LRM, RLM
        ('\u{2028}', '\u{2028}', S),   // Zl line separator
        ('\u{2029}', '\u{2029}', S),   // Zp paragraph separator
        ('\u{202A}', '\u{202E}', I),   // Cf directional embeddings and overrides
        ('\u{202F}', '\u{202F}', S),   // Zs narrow no-break space
        ('\u{205F}', '\u{205F}', S),   // Zs medium mathematical space
        ('\u{2060}', '\u{206F}', I),   // Cf word joiner, invisible operators, isolates
        ('\u{3000}', '\u{3000}', S),   // Zs ideographic space
        ('\u{3164}', '\u{3164}', I),   // DI Hangul filler
        ('\u{FE00}', '\u{FE0F}', I),   // DI variation selectors 1-16
        ('\u{FEFF}', '\u{FEFF}', I),   // Cf zero-width no-break space (byte-order mark)
        ('\u{FFA0}', '\u{FFA0}', I),   // DI halfwidth Hangul filler
        ('\u{FFF0}', '\u{FFFB}', I),   // DI reserved; Cf interlinear annotation
        ('\u{110BD}', '\u{110BD}', I), // Cf Kaithi number sign
        ('\u{110CD}', '\u{110CD}', I), // Cf Kaithi number sign above
        ('\u{13430}', '\u{1343F}', I), // Cf Egyptian hieroglyph format controls
        ('\u{1BCA0}', '\u{1BCA3}', I), // Cf shorthand format controls
        ('\u{1D173}', '\u{1D17A}', I), // Cf musical symbol beams, ties, slurs, phrases
        ('\u{E0000}', '\u{E0FFF}', I), // DI tags, variation selectors 17-256, reserved
    ]
};

/// How detection reads `c`: a space, an ignorable character, or as itself (`None`). See
/// [`TRANSPARENT`].
pub(crate) fn transparent(c: char) -> Option<Transparent> {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t').then_some(Transparent::Space);
    }
    let at = TRANSPARENT.partition_point(|&(_, last, _)| last < c);
    TRANSPARENT
        .get(at)
        .filter(|&&(first, _, _)| first <= c)
        .map(|&(_, _, class)| class)
}

/// The digit zero of every script's decimal digits but ASCII, sorted: each is followed by
/// its one to nine (the Unicode general category Nd comes in such runs of ten; Unicode 16.0). Full-width
/// digits (U+FF10), Arabic-Indic, Devanagari, Bengali, Thai, the mathematical bold,
/// double-struck, sans-serif and monospace digits, and the other scripts'. A test checks it
/// against the Unicode class `Nd` of the regular-expression engine.
pub(crate) const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50, 0x11D50,
    0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE, 0x1D7D8,
    0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The ASCII digit `c` reads as: itself, or the digit of the same value in another script
/// (`４` and `٤` read as `4`), so that a card number typed in full-width digits or in another
/// script is found as one. `None` for anything else.
pub(crate) fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii() {
        return c.is_ascii_digit().then_some(c);
    }
    let code = u32::from(c);
    let at = DIGIT_ZEROS.partition_point(|&zero| zero <= code);
    let zero = *DIGIT_ZEROS.get(at.checked_sub(1)?)?;
    let value = u8::try_from(code - zero).ok().filter(|v| *v < 10)?;
    Some(char::from(b'0' + value))
}

/// An ASCII digit: the view has read every other script's digits as ASCII ones already (see
/// [`ascii_digit`]).
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// A character that may sit between the digit groups of a card number: a space (every
/// [`Transparent::Space`] reaches the detectors as one), hyphens and dashes. Not the dot: it
/// joins the groups of Brazilian boleto lines, amounts and addresses, which are no card
/// numbers and stay readable.
pub(crate) fn is_card_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// Folds a character for keyword matching (see the foundations' `names::fold`).
pub(crate) use crate::names::fold;

/// What detection reads for `c`: nothing for a [`Transparent::Ignorable`] character (the
/// view drops it), a space for every [`Transparent::Space`], the ASCII digit for every
/// script's digit, else `c` itself. The view reads every mask as itself (a test checks it).
pub(crate) fn read(c: char) -> Option<char> {
    if c.is_ascii() {
        // The tab is the one ASCII character read otherwise (as a space).
        return Some(if c == '\t' { ' ' } else { c });
    }
    if reads_as_itself(c) {
        return Some(c);
    }
    match transparent(c) {
        Some(Transparent::Ignorable) => None,
        Some(Transparent::Space) => Some(' '),
        None => Some(ascii_digit(c).unwrap_or(c)),
    }
}

/// Whether `c` lies among the Latin letters with accents, Greek, Cyrillic, Armenian and
/// Hebrew (with the symbols and marks between them), where no character is in
/// [`TRANSPARENT`] or [`DIGIT_ZEROS`] (a test checks it): [`read`] reads each as itself
/// without looking it up.
fn reads_as_itself(c: char) -> bool {
    matches!(c, '\u{00AE}'..='\u{034E}' | '\u{0350}'..='\u{05FF}')
}

/// The first position from `i` on in `chars` whose character passes `wanted`, or the length.
fn next_in(chars: &[char], i: usize, wanted: impl Fn(char) -> bool) -> usize {
    chars
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| wanted(c)))
        .map_or(chars.len(), |p| i + p)
}

/// One thing a detector found, in positions of the [`View`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Detection {
    pub(crate) kind: Kind,
    /// First position of the span.
    pub(crate) start: usize,
    /// One past the last position of the span.
    pub(crate) end: usize,
    /// The positions to mask (a subset of the span).
    pub(crate) mask: Vec<usize>,
}

/// What a detector looks for first: the characters its scan stops at. The view keeps the
/// positions of each, one bit each (see [`View::next_start`]), so that a scan steps from one
/// to the next instead of reading every character in between.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    /// An ASCII digit.
    Digit,
    /// An ASCII digit or upper-case ASCII letter.
    DigitOrUpper,
    /// An ASCII digit, `+` or `(`.
    Phone,
    /// `@`.
    At,
    /// A character whose folded form may start a security-code keyword: `c`, `s` or `κ`
    /// (see [`could_start_code`]).
    Code,
}

/// Whether a security-code keyword may start with the folded character `c`: the first
/// characters of the card detector's security-code keywords (a test there checks the list).
pub(crate) fn could_start_code(c: char) -> bool {
    matches!(c, 'c' | 's' | 'κ')
}

impl Start {
    /// Every one, each at the index `start as usize`.
    #[cfg(test)]
    const ALL: [Start; 5] = [
        Start::Digit,
        Start::DigitOrUpper,
        Start::Phone,
        Start::At,
        Start::Code,
    ];

    /// Whether a scan for `self` stops at the character `c` (folded: `folded`).
    #[cfg(test)]
    fn stops_at(self, c: char, folded: char) -> bool {
        match self {
            Start::Digit => c.is_ascii_digit(),
            Start::DigitOrUpper => c.is_ascii_digit() || c.is_ascii_uppercase(),
            Start::Phone => c.is_ascii_digit() || matches!(c, '+' | '('),
            Start::At => c == '@',
            Start::Code => could_start_code(folded),
        }
    }
}

/// The [`Start`]s whose scans stop at the ASCII character `c`, one bit each (bit `start as
/// usize`); a test checks them against [`Start::stops_at`].
const fn ascii_starts(c: u8) -> u8 {
    const DIGIT: u8 = 1 << Start::Digit as u8;
    const DIGIT_OR_UPPER: u8 = 1 << Start::DigitOrUpper as u8;
    const PHONE: u8 = 1 << Start::Phone as u8;
    const AT: u8 = 1 << Start::At as u8;
    const CODE: u8 = 1 << Start::Code as u8;
    match c {
        b'0'..=b'9' => DIGIT | DIGIT_OR_UPPER | PHONE,
        b'C' | b'S' => DIGIT_OR_UPPER | CODE,
        b'A'..=b'Z' => DIGIT_OR_UPPER,
        b'c' | b's' => CODE,
        b'+' | b'(' => PHONE,
        b'@' => AT,
        _ => 0,
    }
}

/// The ASCII characters where some scan stops (bit `c` for the character `c`), so that
/// building a view passes over the others at the cost of a shift.
const ANY_START: u128 = {
    let mut set = 0_u128;
    let mut c = 0_u8;
    while c < 128 {
        if ascii_starts(c) != 0 {
            set |= 1 << c;
        }
        c += 1;
    }
    set
};

/// The characters of a message as detection reads them, and the state of one detection
/// pass over them.
pub(crate) struct View {
    /// The message's characters with every [`Transparent::Ignorable`] one dropped and every
    /// [`Transparent::Space`] read as `' '`.
    chars: Vec<char>,
    /// The same characters folded by [`fold`].
    folded: Vec<char>,
    /// For each character of the view, its index among all characters of the message, once
    /// one is `dropped` (until then each position is its own origin, see [`View::origin`]).
    origin: Vec<usize>,
    /// Whether an ignorable character has been dropped.
    dropped: bool,
    /// How many characters the message has (the view drops some).
    pub(crate) message_len: usize,
    /// For each [`Start`] (in the order of [`Start::ALL`]), one bit per position (bit `p %
    /// 64` of word `p / 64`): set where a scan for it stops. [`View::mask`] clears a
    /// position's bits, as no mask stops a scan.
    starts: [Vec<u64>; 5],
    /// Positions inside a span some detector has reported.
    claimed: Vec<bool>,
    /// What the detectors found so far in this pass.
    pub(crate) found: Vec<Detection>,
}

impl View {
    /// Builds the view of `message`, in one reading of its characters.
    pub(crate) fn new(message: &str) -> Self {
        let words = message.len() / 64 + 1;
        let mut view = Self {
            chars: Vec::with_capacity(message.len()),
            folded: Vec::with_capacity(message.len()),
            origin: Vec::new(),
            dropped: false,
            message_len: 0,
            starts: std::array::from_fn(|_| vec![0; words]),
            claimed: Vec::new(),
            found: Vec::new(),
        };
        let mut count = 0;
        for c in message.chars() {
            count += 1;
            let Some(read) = read(c) else {
                // The first one dropped: from here on, positions and origins differ.
                if !view.dropped {
                    view.dropped = true;
                    view.origin = (0..view.chars.len()).collect();
                }
                continue;
            };
            view.push(read, count - 1);
        }
        view.message_len = count;
        view.claimed = vec![false; view.chars.len()];
        view
    }

    /// Sets the bit of `at` in the lists of `starts` whose bit is set in `class`.
    fn set_starts(&mut self, at: usize, class: u8) {
        for (n, bits) in self.starts.iter_mut().enumerate() {
            if class & (1 << n) != 0 {
                if let Some(word) = bits.get_mut(at / 64) {
                    *word |= 1 << (at % 64);
                }
            }
        }
    }

    /// The index among all characters of the message of the view's character at `p`.
    pub(crate) fn origin(&self, p: usize) -> Option<usize> {
        if !self.dropped {
            // Nothing dropped: each position is its own origin.
            (p < self.chars.len()).then_some(p)
        } else {
            self.origin.get(p).copied()
        }
    }

    /// The span of the message's characters (first, one past the last) that the view's
    /// positions `start..end` cover; `(0, 0)` when they are none of the view's.
    pub(crate) fn span_origin(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end || end > self.chars.len() {
            return (0, 0);
        }
        let first = self.origin(start).unwrap_or(0);
        let last = end.checked_sub(1).and_then(|l| self.origin(l));
        (first, last.map_or(first, |o| o + 1))
    }

    /// Adds `c`, read from the message's character at `origin`, at the end of the view.
    fn push(&mut self, c: char, origin: usize) {
        let at = self.chars.len();
        let folded = match u8::try_from(c) {
            Ok(b) if b.is_ascii() => {
                if ANY_START.checked_shr(u32::from(b)).unwrap_or(0) & 1 != 0 {
                    self.set_starts(at, ascii_starts(b));
                }
                c.to_ascii_lowercase()
            }
            _ => {
                let folded = fold(c);
                if could_start_code(folded) {
                    self.set_starts(at, 1 << Start::Code as u8);
                }
                folded
            }
        };
        if self.dropped {
            self.origin.push(origin);
        }
        self.chars.push(c);
        self.folded.push(folded);
    }

    /// The first position from `i` on where a scan for `start` stops (see [`Start`]), or
    /// the view's length: [`View::next`] with `start`'s test, without reading the
    /// characters in between.
    pub(crate) fn next_start(&self, start: Start, i: usize) -> usize {
        let len = self.chars.len();
        let Some(bits) = self.starts.get(start as usize) else {
            return len;
        };
        let mut w = i / 64;
        let mut word = bits.get(w).map_or(0, |&b| b & (u64::MAX << (i % 64)));
        while word == 0 {
            w += 1;
            word = match bits.get(w) {
                Some(&b) => b,
                None => return len,
            };
        }
        let bit = usize::try_from(word.trailing_zeros()).unwrap_or(0);
        (w * 64 + bit).min(len)
    }

    /// Starts a detection pass: nothing claimed, nothing found.
    pub(crate) fn start_pass(&mut self) {
        self.claimed.fill(false);
        self.found.clear();
    }

    /// Reads the character at `i` as `mask` from now on, as a view of the masked text would.
    pub(crate) fn mask(&mut self, i: usize, mask: char) {
        // A mask is no space and no digit: the view reads it as itself.
        let read = mask;
        let folded = fold(read);
        if let Some(c) = self.chars.get_mut(i) {
            *c = read;
        }
        if let Some(c) = self.folded.get_mut(i) {
            *c = folded;
        }
        // No mask stops a scan (a test checks it).
        for bits in &mut self.starts {
            if let Some(word) = bits.get_mut(i / 64) {
                *word &= !(1 << (i % 64));
            }
        }
    }

    /// How many characters the view has.
    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// The character at `i`, or NUL past either end (NUL is nothing any detector reads).
    pub(crate) fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    /// The folded character at `i` (see [`fold`]), or NUL past either end.
    pub(crate) fn folded(&self, i: usize) -> char {
        self.folded.get(i).copied().unwrap_or('\0')
    }

    /// The first position from `i` on whose character passes `wanted`, or the view's
    /// length: how a detector skips what cannot start what it looks for.
    #[cfg(test)]
    pub(crate) fn next(&self, i: usize, wanted: impl Fn(char) -> bool) -> usize {
        next_in(&self.chars, i, wanted)
    }

    /// The end of the word at `i`: the first position from `i` on that holds no letter or
    /// digit, or the view's length.
    pub(crate) fn word_end(&self, i: usize) -> usize {
        next_in(&self.chars, i, |c| !c.is_alphanumeric())
    }

    /// The character before `i`, or NUL at the start.
    pub(crate) fn before(&self, i: usize) -> char {
        i.checked_sub(1).map_or('\0', |p| self.at(p))
    }

    /// Whether `i` is a free ASCII digit.
    pub(crate) fn digit(&self, i: usize) -> bool {
        is_digit(self.at(i)) && self.free(i)
    }

    /// The value of the ASCII digit at `i` (0 for anything else).
    pub(crate) fn digit_value(&self, i: usize) -> u8 {
        let c = self.at(i);
        if is_digit(c) {
            u8::try_from(u32::from(c) - u32::from('0')).unwrap_or(0)
        } else {
            0
        }
    }

    /// Whether no detector has claimed `i` (and `i` exists).
    pub(crate) fn free(&self, i: usize) -> bool {
        self.claimed.get(i).is_some_and(|c| !c)
    }

    /// Whether `i` starts a word: the character before it is not a letter or digit.
    pub(crate) fn word_start(&self, i: usize) -> bool {
        !self.before(i).is_alphanumeric()
    }

    /// Whether the keyword `word` (written folded, as [`fold`] gives it; a space in it
    /// matches any one whitespace character) starts at `i`, compared with the folded text.
    /// Returns the position after it.
    pub(crate) fn keyword_at(&self, i: usize, word: &str) -> Option<usize> {
        let mut j = i;
        for w in word.chars() {
            let c = self.folded.get(j).copied()?;
            let same = if w == ' ' { c.is_whitespace() } else { c == w };
            if !same {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    /// Whether one of `words` starts a word somewhere in the `window` characters before
    /// `i` (the keyword may run on, as in "cartões" for "cart").
    pub(crate) fn keyword_before(&self, i: usize, words: &[&str], window: usize) -> bool {
        let from = i.saturating_sub(window);
        (from..i).any(|p| self.word_start(p) && self.keyword_in(p, words))
    }

    /// Whether one of `words` starts at `i` (see [`View::keyword_at`]).
    fn keyword_in(&self, i: usize, words: &[&str]) -> bool {
        let first = self.folded(i);
        words
            .iter()
            .any(|w| w.starts_with(first) && self.keyword_at(i, w).is_some())
    }

    /// Records a detection and claims its span.
    pub(crate) fn report(&mut self, kind: Kind, start: usize, end: usize, mask: Vec<usize>) {
        for i in start..end {
            if let Some(c) = self.claimed.get_mut(i) {
                *c = true;
            }
        }
        self.found.push(Detection {
            kind,
            start,
            end,
            mask,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::privacy::Mask;

    /// The lists of starts are built once per view: a mask must stop no scan, as
    /// [`View::mask`] relies on.
    #[test]
    fn no_mask_stops_a_scan() {
        for mask in [Mask::Asterisk, Mask::Hash, Mask::Bullet] {
            let read = mask.char();
            assert_eq!(super::read(read), Some(read));
            for start in Start::ALL {
                assert!(!start.stops_at(read, fold(read)), "{mask:?} {start:?}");
            }
        }
    }

    #[test]
    fn what_reads_as_itself_needs_no_look_up() {
        for c in ('\u{80}'..='\u{FFFF}').filter(|&c| reads_as_itself(c)) {
            assert_eq!(transparent(c), None, "{c:?}");
            assert_eq!(ascii_digit(c), None, "{c:?}");
        }
    }

    #[test]
    fn ascii_starts_are_where_scans_stop() {
        for b in 0..128_u8 {
            let c = char::from(b);
            for start in Start::ALL {
                let bit = ascii_starts(b) & (1 << start as u8) != 0;
                assert_eq!(
                    bit,
                    start.stops_at(c, c.to_ascii_lowercase()),
                    "{c:?} {start:?}"
                );
            }
        }
    }

    #[test]
    fn every_start_is_at_its_index() {
        for (n, start) in Start::ALL.iter().enumerate() {
            assert_eq!(*start as usize, n);
        }
    }

    use proptest::prelude::*;

    /// Where a scan for `start` from `i` stops when it reads every character.
    fn slow_next(view: &View, start: Start, i: usize) -> usize {
        view.next(i, |c| {
            let f = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                fold(c)
            };
            start.stops_at(c, f)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// The bits of the starts stop a scan where reading every character does, before and
        /// after masks.
        #[test]
        fn starts_stop_where_the_characters_do_on_any_text(
            pieces in proptest::collection::vec(
                prop_oneof![
                    "[0-9]{1,5}",
                    "[ \\t.,/@+()-]{1,2}",
                    "[a-zA-Z]{1,4}",
                    proptest::sample::select(vec![
                        "CVV ", "cvc", "CPF ", "Cartão ", "κωδικός ", "ΣΩ", "ç", "é", "ĆŚ",
                        "٤", "４", "\u{200B}", "\u{00A0}", "\u{2003}", "\u{FEFF}", "•", "*",
                    ]).prop_map(str::to_owned),
                    "\\PC{1,2}",
                ],
                0..40,
            ),
            masks in proptest::collection::vec(any::<proptest::sample::Index>(), 0..6),
        ) {
            let message = pieces.concat();
            let mut view = View::new(&message);
            for round in 0..2 {
                for start in Start::ALL {
                    for i in 0..=view.len() + 1 {
                        let slow = slow_next(&view, start, i);
                        prop_assert_eq!(view.next_start(start, i), slow, "{:?} {} {}", start, i, round);
                    }
                }
                if view.len() > 0 {
                    for m in &masks {
                        view.mask(m.index(view.len()), '*');
                    }
                }
            }
        }
    }

    /// A scan by the lists of starts stops where a scan of every character does.
    #[test]
    fn starts_stop_where_the_characters_do() {
        let text = "Cartão 4111 1111, CVV (123) +55 ana@x.io κωδικός ＣＳＣ Σ ç\u{200B}9";
        let mut view = View::new(text);
        view.mask(7, '*');
        for start in Start::ALL {
            for i in 0..=view.len() {
                let slow = slow_next(&view, start, i);
                assert_eq!(view.next_start(start, i), slow, "{start:?} {i}");
            }
        }
    }
}
