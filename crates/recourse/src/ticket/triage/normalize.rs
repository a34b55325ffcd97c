//! A first message as people write it, read into stems: lowercase, accents and Greek tonos
//! folded, runs of one letter collapsed ("cobradaaa"), punctuation as clause breaks,
//! abbreviations and digit shorthand expanded ("vc", "pq", "2x"), the next two stems after
//! a negation marked ("not charged twice"), common words left out.
//!
//! `scripts/train-triage.py` reads its corpus with the same rules (and writes the tables of
//! words per language into `model_data`); the test below holds both to the same features.

use super::model_data::{ABBREVIATIONS, NEGATIONS, NEGATION_STOPS, PAIRS, STOPWORDS};
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

impl Token {
    /// The token as a feature: `~stem` when negated.
    pub fn feature(&self) -> String {
        if self.negated {
            format!("~{}", self.stem)
        } else {
            self.stem.clone()
        }
    }
}

/// A lowercase character folded: `None` when it is dropped (apostrophes, combining marks).
fn fold(c: char) -> Option<char> {
    Some(match c {
        '\'' | '’' | '‘' | 'ʼ' | '`' | '´' | '\u{300}'..='\u{36f}' => return None,
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
    })
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

/// The words of a text, folded and collapsed, each with its clause.
pub(crate) fn words(text: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut clause = 0u32;
    let mut last: Option<char> = None;
    for folded in text.chars().flat_map(char::to_lowercase).filter_map(fold) {
        if folded.is_alphanumeric() {
            if last != Some(folded) || folded.is_numeric() {
                current.push(folded);
                last = Some(folded);
            }
        } else {
            if !current.is_empty() {
                out.push((std::mem::take(&mut current), clause));
            }
            if clause_break(folded) {
                clause = clause.saturating_add(1);
            }
            last = None;
        }
    }
    if !current.is_empty() {
        out.push((current, clause));
    }
    out
}

/// Which table of the four a locale reads.
fn slot(locale: Locale) -> usize {
    locale.pick([0, 1, 2, 3])
}

fn listed(table: &[&[&str]; 4], locale: Locale, word: &str) -> bool {
    table
        .get(slot(locale))
        .is_some_and(|words| words.binary_search(&word).is_ok())
}

/// Words with abbreviations expanded and pairs joined ("duas vezes" is "twice").
fn expanded(text: &str, locale: Locale) -> Vec<(String, u32)> {
    let abbreviations = ABBREVIATIONS.get(slot(locale)).copied().unwrap_or(&[]);
    let mut out: Vec<(String, u32)> = Vec::new();
    for (word, clause) in words(text) {
        match abbreviations.binary_search_by(|(key, _)| (*key).cmp(word.as_str())) {
            Ok(i) => {
                let long = abbreviations.get(i).map_or("", |(_, long)| *long);
                out.extend(long.split(' ').map(|w| (w.to_owned(), clause)));
            }
            Err(_) => out.push((word, clause)),
        }
        let pair = match out.as_slice() {
            [.., (a, ca), (b, cb)] if ca == cb => PAIRS
                .iter()
                .find(|(x, y, _)| x == a && y == b)
                .map(|(_, _, joined)| (*joined, *cb)),
            _ => None,
        };
        if let Some((joined, clause)) = pair {
            out.truncate(out.len().saturating_sub(2));
            out.push((joined.to_owned(), clause));
        }
    }
    out
}

/// The stems of a message in a language, `stem` characters long at most.
pub(crate) fn tokens(text: &str, locale: Locale, stem: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut reach = 0u8;
    let mut reach_clause = None;
    for (word, clause) in expanded(text, locale) {
        if reach_clause != Some(clause) {
            reach = 0;
        }
        if listed(&NEGATIONS, locale, &word) {
            reach = 2;
            reach_clause = Some(clause);
        } else if listed(&NEGATION_STOPS, locale, &word) {
            reach = 0;
        } else if listed(&STOPWORDS, locale, &word)
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
/// clause (`a b`) when `pairs`, and, when `chars` is not 0, each run of `chars` characters of each word
/// written `<word>` (`#<cob`, `~#obr`), which reads through typos and inflections.
pub(crate) fn features(tokens: &[Token], pairs: bool, chars: usize) -> Vec<String> {
    let mut out: Vec<String> = tokens.iter().map(Token::feature).collect();
    for pair in tokens.windows(2).filter(|_| pairs) {
        if let [a, b] = pair {
            if a.clause == b.clause {
                out.push(format!("{} {}", a.feature(), b.feature()));
            }
        }
    }
    if chars > 0 {
        for token in tokens {
            let marked: Vec<char> = std::iter::once('<')
                .chain(token.word.chars())
                .chain(std::iter::once('>'))
                .collect();
            for run in marked.windows(chars) {
                let mut feature = String::from(if token.negated { "~#" } else { "#" });
                feature.extend(run);
                out.push(feature);
            }
        }
    }
    out
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
                "~charge",
                "~twice",
                "refund",
                "mising",
                "~charge ~twice",
                "refund mising"
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
