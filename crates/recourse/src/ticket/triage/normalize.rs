//! A first message as people write it, read into stems: lowercase, accents and Greek tonos
//! folded, runs of one letter collapsed ("cobradaaa"), punctuation as clause breaks,
//! abbreviations and digit shorthand expanded ("vc", "pq", "2x"), the next stems after a
//! negation marked (`NEGATION_REACH` of them: "not charged twice"), common words left out
//! (but for the model where they are its evidence, `COMMON_IS_EVIDENCE`: English's "did",
//! "when", "how").
//!
//! `scripts/train-triage.py` reads its corpus with the same rules (and writes the tables of
//! words per language into `model_data`); the test below holds both to the same features.

use super::lexicon::Kind;
use super::model_data::{
    ABBREVIATIONS, COMMON_IS_EVIDENCE, NEGATION_REACH, PAIRS, STEM, WORDS, WORD_KINDS,
};
use super::packed::compare;
use crate::comms::Locale;

/// One word of a message, and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// The word, folded and collapsed.
    pub word: String,
    /// The stem: the word's first characters.
    pub stem: String,
    /// Whether a negation reaches it.
    pub negated: bool,
    /// The clause it is in (clauses are split by punctuation).
    pub clause: u32,
}

/// A lowercase character folded (see the foundations' `names::fold`): `None` when it is
/// dropped (apostrophes, combining marks).
fn fold(c: char) -> Option<char> {
    match c {
        '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '\u{300}'..='\u{36f}' => None,
        other => Some(crate::names::fold(other)),
    }
}

/// A text in lowercase with accents and tonos folded, nothing else changed.
pub(crate) fn folded(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(fold)
        .collect()
}

/// Whether a character ends a clause (and so a negation's reach and a pair of stems).
fn clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '\n'
    )
}

/// The words of a text as they are read, one character at a time.
#[derive(Default)]
struct Words {
    out: Vec<(String, u32)>,
    current: String,
    clause: u32,
    last: Option<char>,
}

impl Words {
    /// Takes one lowercase character.
    fn push(&mut self, lower: char) {
        let Some(folded) = fold(lower) else {
            return;
        };
        if folded.is_alphanumeric() {
            if self.last != Some(folded) || folded.is_numeric() {
                self.current.push(folded);
                self.last = Some(folded);
            }
        } else {
            self.flush();
            if clause_break(folded) {
                self.clause = self.clause.saturating_add(1);
            }
            self.last = None;
        }
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            self.out
                .push((std::mem::take(&mut self.current), self.clause));
        }
    }
}

/// The words of a text, folded and collapsed, each with its clause.
pub(crate) fn words(text: &str) -> Vec<(String, u32)> {
    let mut words = Words::default();
    for c in text.chars() {
        if c.is_ascii() {
            words.push(c.to_ascii_lowercase());
        } else {
            c.to_lowercase().for_each(|lower| words.push(lower));
        }
    }
    words.flush();
    words.out
}

/// Which table of the four a locale reads.
fn slot(locale: Locale) -> usize {
    locale.pick([0, 1, 2, 3])
}

/// How a word is read in a language, when it is listed: an abbreviation with what it
/// stands for, or one of the other kinds.
fn kind(locale: Locale, word: &str) -> Option<(Kind, &'static str)> {
    let slot = slot(locale);
    let abbreviations = ABBREVIATIONS.get(slot).copied().unwrap_or(&[]);
    if let Ok(i) =
        abbreviations.binary_search_by(|(key, _)| compare(key.as_bytes(), word.as_bytes()))
    {
        return abbreviations
            .get(i)
            .map(|(_, long)| (Kind::Abbreviation, *long));
    }
    let i = WORDS.get(slot)?.find(word)?;
    let kind = WORD_KINDS.get(slot)?.get(i)?;
    Some((*kind, ""))
}

/// A word as [`tokens`] reads it: the word, its clause, and its kind when it is listed.
type Read = (String, u32, Option<Kind>);

/// Words with abbreviations expanded and pairs joined ("duas vezes" is "twice"), each with
/// its kind (looked up once).
fn expanded(text: &str, locale: Locale) -> Vec<Read> {
    let listed = |word: &str| kind(locale, word).map(|(kind, _)| kind);
    let mut out: Vec<Read> = Vec::new();
    for (word, clause) in words(text) {
        match kind(locale, &word) {
            Some((Kind::Abbreviation, long)) => {
                out.extend(long.split(' ').map(|w| (w.to_owned(), clause, listed(w))));
            }
            other => out.push((word, clause, other.map(|(kind, _)| kind))),
        }
        let pair = match out.as_slice() {
            [.., (a, ca, _), (b, cb, _)] if ca == cb => PAIRS
                .iter()
                .find(|(x, y, _)| y == b && x == a)
                .map(|(_, _, joined)| (*joined, *cb)),
            _ => None,
        };
        if let Some((joined, clause)) = pair {
            out.truncate(out.len().saturating_sub(2));
            out.push((joined.to_owned(), clause, listed(joined)));
        }
    }
    out
}

/// Whether a term has a word that a store's vocabulary reads in some language.
pub(crate) fn readable(term: &str) -> bool {
    [Locale::En, Locale::PtBr, Locale::Es, Locale::El]
        .into_iter()
        .any(|locale| !words_tokens(term, locale, STEM, false).is_empty())
}

/// Whether a language's common words are the model's evidence.
pub(crate) fn common_is_evidence(locale: Locale) -> bool {
    COMMON_IS_EVIDENCE
        .get(slot(locale))
        .copied()
        .unwrap_or(false)
}

/// The stems the model reads in a message, `stem` characters long at most: its common words
/// among them where they are its evidence.
pub(crate) fn tokens(text: &str, locale: Locale, stem: usize) -> Vec<Token> {
    words_tokens(text, locale, stem, common_is_evidence(locale))
}

/// The stems a store's vocabulary reads in a term or a message: never its common words,
/// which neither match nor take a negation's reach, in every language.
pub(crate) fn vocabulary_tokens(text: &str, locale: Locale, stem: usize) -> Vec<Token> {
    words_tokens(text, locale, stem, false)
}

/// The stems of a message in a language, `stem` characters long at most, with its common
/// words when `common`.
fn words_tokens(text: &str, locale: Locale, stem: usize, common: bool) -> Vec<Token> {
    let mut out = Vec::new();
    let mut reach = 0u8;
    let mut reach_clause = None;
    for (word, clause, listed) in expanded(text, locale) {
        if reach_clause != Some(clause) {
            reach = 0;
        }
        if listed == Some(Kind::Negation) {
            reach = NEGATION_REACH;
            reach_clause = Some(clause);
        } else if listed == Some(Kind::EndOfNegation) {
            reach = 0;
        } else if (listed == Some(Kind::Common) && !common)
            || word.chars().all(char::is_numeric)
            || word.chars().count() < 2
        {
            continue;
        } else {
            out.push(Token {
                stem: word.chars().take(stem).collect(),
                word,
                negated: reach > 0,
                clause,
            });
            reach = reach.saturating_sub(1);
        }
    }
    out
}

/// The features of a message: each stem, each pair of stems next to each other in one
/// clause (`a b`) when `pairs`, and, when `chars` is not 0, each run of `chars` characters of
/// each word written `<word>` (`#<cob`, `~#obr`), which reads through typos and inflections.
#[cfg(test)]
pub(crate) fn features(tokens: &[Token], pairs: bool, chars: usize) -> Vec<String> {
    let mut out = Vec::new();
    each_feature(tokens, pairs, chars, |f| out.push(f.to_owned()));
    out
}

/// Calls `each` with every feature of [`features`], in its order, written into one buffer.
pub(crate) fn each_feature(
    tokens: &[Token],
    pairs: bool,
    chars: usize,
    mut each: impl FnMut(&str),
) {
    let mut buffer = String::new();
    let write = |buffer: &mut String, token: &Token| {
        if token.negated {
            buffer.push('~');
        }
        buffer.push_str(&token.stem);
    };
    for token in tokens {
        buffer.clear();
        write(&mut buffer, token);
        each(&buffer);
    }
    for pair in tokens.windows(2).filter(|_| pairs) {
        if let [a, b] = pair {
            if a.clause == b.clause {
                buffer.clear();
                write(&mut buffer, a);
                buffer.push(' ');
                write(&mut buffer, b);
                each(&buffer);
            }
        }
    }
    for token in tokens.iter().filter(|_| chars > 0) {
        let marked: Vec<char> = std::iter::once('<')
            .chain(token.word.chars())
            .chain(std::iter::once('>'))
            .collect();
        for run in marked.windows(chars) {
            buffer.clear();
            buffer.push_str(if token.negated { "~#" } else { "#" });
            buffer.extend(run);
            each(&buffer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, locale: Locale) -> Vec<String> {
        features(&tokens(text, locale, 6), true, 0)
    }

    #[test]
    fn folds_case_accents_tonos_and_repeated_letters() {
        assert_eq!(
            read("Fui cobradaaa 2x no CARTÃO!!! pq???", Locale::PtBr),
            ["fui", "cobrad", "twice", "cartao", "porque"]
                .into_iter()
                .map(String::from)
                .chain(["fui cobrad", "cobrad twice", "twice cartao"].map(String::from))
                .collect::<Vec<_>>()
        );
        assert_eq!(
            read("Χρεώθηκα ΔΎΟ φορές", Locale::El),
            ["χρεωθη", "twice", "χρεωθη twice"]
        );
    }

    #[test]
    fn negation_reaches_two_stems_in_its_clause() {
        assert_eq!(
            read(
                "I wasn't charged twice, but my refund is missing",
                Locale::En
            ),
            [
                "was",
                "~charge",
                "~twice",
                "my",
                "refund",
                "is",
                "mising",
                "was ~charge",
                "~charge ~twice",
                "my refund",
                "refund is",
                "is mising"
            ]
        );
        assert_eq!(
            read("no me cobraron dos veces", Locale::Es),
            ["~cobrar", "~twice", "~cobrar ~twice"]
        );
    }

    /// The script's features of a sample of the corpus (data/triage/features-sample.tsv,
    /// written by scripts/train-triage.py) are the crate's.
    #[test]
    fn the_script_reads_as_the_crate_does() {
        let sample = include_str!("../../../../../data/triage/features-sample.tsv");
        let mut lines = 0;
        for line in sample.lines().skip(1) {
            let mut fields = line.split('\t');
            let (Some(tag), Some(text), Some(expected)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("a sample line has three fields: {line}");
            };
            let locale = Locale::from_tag(tag).unwrap_or(Locale::En);
            let expected: Vec<&str> = expected.split(" | ").filter(|f| !f.is_empty()).collect();
            use super::super::model_data::{CHARS, PAIRS_OF_STEMS, STEM};
            let found = features(&tokens(text, locale, STEM), PAIRS_OF_STEMS, CHARS);
            assert_eq!(found, expected, "{text}");
            lines += 1;
        }
        assert!(lines > 0);
    }
}
