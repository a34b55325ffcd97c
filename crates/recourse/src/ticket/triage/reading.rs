//! Reading a first message into a category: every category scored by the model, the
//! store's vocabulary added or deciding, the evidence and the runner-up named, and a
//! clarifying question when the confidence is below the store's threshold.

use schemars::JsonSchema;
use serde::Serialize;

use super::normalize::{common_is_evidence, tokens, vocabulary_tokens, Token};
use super::{clarify, model};
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::ticket::catalogue;
use crate::ticket::config::{TicketsConfig, TriageConfig};
use crate::ticket::Category;

/// How far below `other` a category the model does not read starts, in 64ths of a bit
/// (1/8 of the odds): a store's word for it (256 by default) lifts it above `other`.
const UNREAD: i32 = 192;

/// How many terms of evidence an answer lists at most.
const EVIDENCE: usize = 6;

/// How the first message was read, when the category comes from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct TextReading {
    /// How sure triage is of the category, per mille.
    pub confidence: u16,
    /// The next most likely category.
    pub runner_up: Category,
    /// The terms that speak for the category over the runner-up, the strongest first: the
    /// store's vocabulary as written, then the model's stems (`~` marks a negated stem, a
    /// space a pair of stems). Nothing else of the message is repeated.
    pub evidence: Vec<String>,
    /// The store's vocabulary rules that matched, in configuration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
    /// Below the store's threshold: what to ask the customer instead of guessing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clarify: Option<Clarification>,
}

/// A question that lets the customer choose the category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Clarification {
    /// The question in the customer's language.
    pub question: String,
    /// The two likely categories, the likelier first.
    pub choices: Vec<Choice>,
}

/// One choice of a clarifying question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Choice {
    /// The category.
    pub category: Category,
    /// The category as the customer reads it.
    pub label: String,
}

/// A term read as a message is: its stems, each with whether a negation reaches it.
type Stems = Vec<(String, bool)>;

/// One term of the vocabulary as read in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    stems: Stems,
    rule: usize,
    term: usize,
}

/// The store's vocabulary (`tickets.triage.vocabulary`) read once, in each customer
/// language: every term as stems, sorted by its first stem, so that a message finds the terms
/// that start at each of its words by a binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// Per language (en, pt-BR, es, el).
    read: [Vec<Entry>; 4],
}

impl Vocabulary {
    /// Reads every term of every rule in the four languages.
    pub fn compile(config: &TriageConfig) -> Self {
        let per = |locale: Locale| {
            // Kept in order as they are added (by first stem, then rule and term): a
            // vocabulary is small, and no sort is compiled in.
            let mut entries: Vec<Entry> = Vec::new();
            for (rule, r) in config.vocabulary.iter().enumerate() {
                for (term, text) in r.terms.iter().enumerate() {
                    let stems: Stems = vocabulary_tokens(text, locale, model::STEM)
                        .into_iter()
                        .map(|t| (t.stem, t.negated))
                        .collect();
                    if !stems.is_empty() {
                        let at = entries.partition_point(|e| e.stems.first() <= stems.first());
                        entries.insert(at, Entry { stems, rule, term });
                    }
                }
            }
            entries
        };
        Self {
            read: [
                per(Locale::En),
                per(Locale::PtBr),
                per(Locale::Es),
                per(Locale::El),
            ],
        }
    }

    /// For each rule, the first of its terms (in configuration order) that the message (its
    /// [`vocabulary_tokens`]) holds.
    fn matches(&self, locale: Locale, message: &[Token], rules: usize) -> Vec<Option<usize>> {
        let mut found: Vec<Option<usize>> = vec![None; rules];
        let entries = self
            .read
            .get(locale.pick([0, 1, 2, 3]))
            .map_or(&[][..], Vec::as_slice);
        for (at, token) in message.iter().enumerate() {
            let first = entries.partition_point(|e| {
                e.stems.first().is_some_and(|(stem, negated)| {
                    (stem.as_str(), *negated) < (token.stem.as_str(), token.negated)
                })
            });
            for entry in entries.iter().skip(first) {
                if !entry.stems.first().is_some_and(|stem| same(stem, token)) {
                    break;
                }
                let window = message.get(at..at + entry.stems.len()).unwrap_or(&[]);
                let holds = window.len() == entry.stems.len()
                    && window
                        .iter()
                        .zip(&entry.stems)
                        .all(|(t, stem)| same(stem, t));
                if let (true, Some(slot)) = (holds, found.get_mut(entry.rule)) {
                    *slot = Some(slot.map_or(entry.term, |t| t.min(entry.term)));
                }
            }
        }
        found
    }
}

/// Whether a stem of a term is the message's token.
fn same(stem: &(String, bool), token: &Token) -> bool {
    stem.0 == token.stem && stem.1 == token.negated
}

/// The desk's categories in order, each with the index of the model's class that reads
/// it (`other`'s for a category the model does not know: to the model, it is none of its
/// payment topics).
struct Desk {
    categories: Vec<Category>,
    classes: Vec<Option<usize>>,
    other: Option<usize>,
}

impl Desk {
    fn of(config: &TicketsConfig) -> Self {
        let categories = catalogue::categories(config);
        let classes = categories
            .iter()
            .map(|c| catalogue::model_class(config, c).and_then(|k| model::index(&k)))
            .collect();
        Self {
            categories,
            classes,
            other: model::index(&Category::Other),
        }
    }

    /// The index of a category of the desk.
    fn index(&self, category: &Category) -> Option<usize> {
        self.categories.iter().position(|c| c == category)
    }

    /// The model class of the category at `i`, `other`'s when it has none.
    fn class(&self, i: usize) -> Option<usize> {
        self.classes.get(i).copied().flatten().or(self.other)
    }

    /// Each category's score: its class's; `other`'s less [`UNREAD`] for a category the
    /// model does not read, so that only the store's words lift it above `other`.
    fn totals(&self, model: &[i32]) -> Vec<i32> {
        (0..self.categories.len())
            .map(|i| {
                let score = self
                    .class(i)
                    .and_then(|k| model.get(k).copied())
                    .unwrap_or(0);
                match self.classes.get(i) {
                    Some(Some(_)) => score,
                    _ => score.saturating_sub(UNREAD),
                }
            })
            .collect()
    }

    fn category(&self, i: usize) -> Category {
        self.categories.get(i).cloned().unwrap_or(Category::Other)
    }
}

/// What the store's vocabulary found in a message.
struct StoreReading {
    terms: Vec<(Category, String)>,
    rules: Vec<String>,
    decided: Option<Category>,
}

/// Adds the store's vocabulary that the message holds to the desk's scores.
fn store_words(
    config: &TriageConfig,
    found: Vec<Option<usize>>,
    desk: &Desk,
    total: &mut [i32],
) -> StoreReading {
    let mut out = StoreReading {
        terms: Vec::new(),
        rules: Vec::new(),
        decided: None,
    };
    for (rule, term) in config.vocabulary.iter().zip(found) {
        let Some(term) = term.and_then(|t| rule.terms.get(t)) else {
            continue;
        };
        out.rules.push(rule.id.clone());
        out.terms.push((rule.category.clone(), term.to_owned()));
        if rule.decides {
            out.decided = out.decided.or(Some(rule.category.clone()));
        } else if let Some(slot) = desk.index(&rule.category).and_then(|i| total.get_mut(i)) {
            *slot = slot.saturating_add(rule.weight);
        }
    }
    out
}

/// Reads a message: `None` when nothing in it points anywhere (no term of the model, no
/// word of the store's vocabulary). `fallback` is the store's language, for labels the
/// desk has not written in the customer's.
pub(crate) fn read(
    config: &TicketsConfig,
    vocabulary: &Vocabulary,
    text: &str,
    locale: Locale,
    fallback: Locale,
) -> Option<(Category, TextReading)> {
    let triage = &config.triage;
    let message = tokens(text, locale, model::STEM);
    // Where the model reads common words, the vocabulary reads the message without them.
    let found = if common_is_evidence(locale) {
        let words = vocabulary_tokens(text, locale, model::STEM);
        vocabulary.matches(locale, &words, triage.vocabulary.len())
    } else {
        vocabulary.matches(locale, &message, triage.vocabulary.len())
    };
    let scores = model::score(&message);
    let desk = Desk::of(config);
    let mut total = desk.totals(&scores.total);
    let store = store_words(triage, found, &desk, &mut total);
    if scores.matched.is_empty() && store.rules.is_empty() {
        return None;
    }
    let decided = store.decided.as_ref().and_then(|c| desk.index(c));
    let (best, runner_up) = match decided {
        Some(chosen) => {
            let (first, second) = model::top_two(&total);
            (chosen, if first == chosen { second } else { first })
        }
        None => model::top_two(&total),
    };
    let confidence = if decided.is_some() {
        1000
    } else {
        model::confidence(&total, best)
    };
    let category = desk.category(best);
    let mut evidence: Vec<String> = store
        .terms
        .into_iter()
        .filter(|(c, _)| *c == category)
        .map(|(_, term)| term)
        .collect();
    // The model speaks only for a category it reads.
    if let (Some(Some(class)), Some(other)) = (desk.classes.get(best), desk.class(runner_up)) {
        for term in model::evidence(&scores.matched, *class, other, EVIDENCE) {
            if !evidence.contains(&term) {
                evidence.push(term);
            }
        }
    }
    evidence.truncate(EVIDENCE);
    let runner_up = desk.category(runner_up);
    let clarify = (confidence < triage.confidence_threshold).then(|| {
        let label = |c: &Category| catalogue::label(config, c, locale, fallback);
        Clarification {
            question: clarify::question(&label(&category), &label(&runner_up), locale),
            choices: [&category, &runner_up]
                .into_iter()
                .map(|c| Choice {
                    category: c.clone(),
                    label: label(c),
                })
                .collect(),
        }
    });
    Some((
        category,
        TextReading {
            confidence,
            runner_up,
            evidence,
            rules: store.rules,
            clarify,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticket::config::VocabularyRule;

    fn rule(
        id: &str,
        category: Category,
        terms: &[&str],
        weight: i32,
        decides: bool,
    ) -> VocabularyRule {
        VocabularyRule {
            id: id.to_owned(),
            category,
            terms: terms.iter().map(|t| (*t).to_owned()).collect(),
            weight,
            decides,
        }
    }

    fn read(config: &TriageConfig, text: &str, locale: Locale) -> Option<(Category, TextReading)> {
        let tickets = TicketsConfig {
            triage: config.clone(),
            ..TicketsConfig::default()
        };
        super::read(&tickets, &Vocabulary::compile(config), text, locale, locale)
    }

    #[test]
    fn every_category_is_scored_and_the_runner_up_named() {
        let config = TriageConfig::default();
        let (category, reading) = read(
            &config,
            "hey wheres my refund?? u said it was approved",
            Locale::En,
        )
        .unwrap();
        assert_eq!(category, Category::RefundStatus);
        assert_ne!(reading.runner_up, Category::RefundStatus);
        assert!(reading.confidence > 0 && reading.confidence <= 1000);
        assert!(reading.clarify.is_none());
    }

    #[test]
    fn negation_turns_charged_twice_away() {
        let config = TriageConfig::default();
        let (yes, _) = read(&config, "I was charged twice", Locale::En).unwrap();
        assert_eq!(yes, Category::ChargedTwice);
        let (no, _) = read(
            &config,
            "I was not charged twice, the payment failed with an error",
            Locale::En,
        )
        .unwrap();
        assert_ne!(no, Category::ChargedTwice);
    }

    #[test]
    fn the_evidence_is_terms_only_never_the_rest_of_the_message() {
        let config = TriageConfig::default();
        let text = "Fui cobrada duas vezes, meu CPF é 529.982.247-25 e moro na Rua Xavantes";
        let (_, reading) = read(&config, text, Locale::PtBr).unwrap();
        for term in &reading.evidence {
            assert!(!term.contains("529") && !term.contains("xavan"), "{term}");
        }
        assert!(reading.evidence.len() <= EVIDENCE);
    }

    #[test]
    fn nothing_known_reads_as_nothing() {
        assert!(read(&TriageConfig::default(), "zzqx wwvv", Locale::En).is_none());
        assert!(read(&TriageConfig::default(), "", Locale::El).is_none());
    }

    #[test]
    fn a_store_word_adds_to_its_category_or_decides_it() {
        let text = "my Nimbus points did not show up";
        let plain = read(&TriageConfig::default(), text, Locale::En);
        assert_ne!(plain.map(|(c, _)| c), Some(Category::WalletIssue));
        let adds = TriageConfig {
            vocabulary: vec![rule(
                "nimbus",
                Category::WalletIssue,
                &["nimbus points"],
                2048,
                false,
            )],
            ..TriageConfig::default()
        };
        let (category, reading) = read(&adds, text, Locale::En).unwrap();
        assert_eq!(category, Category::WalletIssue);
        assert_eq!(reading.rules, ["nimbus"]);
        assert_eq!(
            reading.evidence.first().map(String::as_str),
            Some("nimbus points")
        );
        let decides = TriageConfig {
            vocabulary: vec![
                rule("nothing", Category::Other, &["unrelated words"], 4096, true),
                rule(
                    "nimbus",
                    Category::SubscriptionOrCancellation,
                    &["NIMBUS"],
                    0,
                    true,
                ),
            ],
            ..TriageConfig::default()
        };
        let (category, reading) = read(&decides, text, Locale::En).unwrap();
        assert_eq!(category, Category::SubscriptionOrCancellation);
        assert_eq!(reading.confidence, 1000);
        assert_ne!(reading.runner_up, category);
    }

    /// English's common words are the model's evidence, but a store's term matches the
    /// message's other words, as in the other languages.
    #[test]
    fn a_store_term_matches_common_words_aside() {
        let config = TriageConfig {
            vocabulary: vec![rule(
                "where",
                Category::RefundStatus,
                &["where is my refund"],
                0,
                true,
            )],
            ..TriageConfig::default()
        };
        for text in ["wheres my refund??", "Where is the refund", "where refund"] {
            let (category, reading) = read(&config, text, Locale::En).unwrap();
            assert_eq!(
                (category, reading.rules),
                (Category::RefundStatus, vec!["where".to_owned()])
            );
        }
        let (_, reading) = read(&config, "where do I ask for a refund", Locale::En).unwrap();
        assert!(reading.rules.is_empty());
        // Nor do they take a negation's reach: "not" reaches "received" and "refund".
        let config = TriageConfig {
            vocabulary: vec![rule(
                "missing",
                Category::RefundStatus,
                &["not received refund"],
                0,
                true,
            )],
            ..TriageConfig::default()
        };
        let (_, reading) = read(&config, "I have not received the refund", Locale::En).unwrap();
        assert_eq!(reading.rules, ["missing"]);
    }

    #[test]
    fn a_negated_message_word_does_not_match_a_plain_term() {
        let config = TriageConfig {
            vocabulary: vec![rule(
                "dup",
                Category::ChargedTwice,
                &["duplicate"],
                4096,
                true,
            )],
            ..TriageConfig::default()
        };
        let (_, reading) = read(&config, "it is not a duplicate, never mind", Locale::En)
            .unwrap_or((Category::Other, empty()));
        assert!(reading.rules.is_empty());
    }

    fn empty() -> TextReading {
        TextReading {
            confidence: 0,
            runner_up: Category::Other,
            evidence: Vec::new(),
            rules: Vec::new(),
            clarify: None,
        }
    }

    #[test]
    fn below_the_threshold_it_asks_with_the_two_likely_categories() {
        let config = TriageConfig {
            confidence_threshold: 1000,
            ..TriageConfig::default()
        };
        let (category, reading) = read(&config, "problema com o cartão", Locale::PtBr).unwrap();
        let clarify = reading.clarify.unwrap();
        assert_eq!(
            clarify
                .choices
                .iter()
                .map(|c| c.category.clone())
                .collect::<Vec<_>>(),
            [category.clone(), reading.runner_up]
        );
        assert!(clarify.question.starts_with("Para ajudarmos"));
        let label = catalogue::label(
            &TicketsConfig::default(),
            &category,
            Locale::PtBr,
            Locale::En,
        );
        assert!(clarify.question.contains(&label));
    }
}
