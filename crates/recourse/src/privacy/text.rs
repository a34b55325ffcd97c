//! The text one detection pass reads: the visible characters of the message, folded copies
//! for keyword matching, and which positions earlier detectors have already claimed.

use super::Kind;

/// Characters that render as nothing and are dropped before detection, so that they can
/// never split a card number or an e-mail address: zero-width space, non-joiner and joiner,
/// word joiner and the invisible operators, the byte-order mark / zero-width no-break space,
/// the soft hyphen, the Mongolian vowel separator, the combining grapheme joiner and the
/// directional marks.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{180E}'
            | '\u{034F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// An ASCII digit. Other scripts' digits (`\d` in many regex engines) are not read as digits.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}

/// A character that may sit between the digit groups of a card number: spaces of every
/// width, hyphens and dashes. Not the dot: it joins the groups of Brazilian boleto lines,
/// amounts and addresses, which are no card numbers and stay readable.
pub(crate) fn is_card_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '\u{00A0}'
            | '\u{2002}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
            | '\u{2010}'..='\u{2015}'
            | '\u{2212}'
            | '\u{FE58}'
            | '\u{FE63}'
            | '\u{FF0D}'
    )
}

/// Folds a character for keyword matching: lower case, Latin and Greek accents removed,
/// final sigma as sigma. One character in, one character out, so positions never shift.
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
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

/// The visible characters of a message and the state of one detection pass over them.
pub(crate) struct View {
    /// Visible characters, invisible ones dropped.
    chars: Vec<char>,
    /// The same characters folded by [`fold`].
    folded: Vec<char>,
    /// For each visible character, its index among all characters of the message.
    pub(crate) origin: Vec<usize>,
    /// Positions inside a span some detector has reported.
    claimed: Vec<bool>,
    /// What the detectors found so far in this pass.
    pub(crate) found: Vec<Detection>,
}

impl View {
    /// Builds the view of `message`, a slice of all its characters.
    pub(crate) fn new(message: &[char]) -> Self {
        let mut chars = Vec::with_capacity(message.len());
        let mut origin = Vec::with_capacity(message.len());
        for (i, &c) in message.iter().enumerate() {
            if !is_invisible(c) {
                chars.push(c);
                origin.push(i);
            }
        }
        let folded = chars.iter().map(|&c| fold(c)).collect();
        let claimed = vec![false; chars.len()];
        Self {
            chars,
            folded,
            origin,
            claimed,
            found: Vec::new(),
        }
    }

    /// How many visible characters there are.
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
        (from..i)
            .any(|p| self.word_start(p) && words.iter().any(|w| self.keyword_at(p, w).is_some()))
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
