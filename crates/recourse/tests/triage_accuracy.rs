//! How well `ticket.triage` reads first messages it has never seen: the `test` lines of the
//! labeled corpus (data/triage/*.tsv), on the default store. Prints the accuracy per
//! category and per language and the precision of `other`, and fails below the floors.
//!
//! The goal of the issue is 95% accuracy and 90% precision on `other`; the floors below are
//! what the committed model measures, less a small margin (see `FLOOR`), until the corpus
//! and the model reach the goal. The model is trained on the `train` lines only
//! (scripts/train-triage.py), which leaves out a training line sharing too many stems with a
//! test line; nothing of the test lines is written into the model by hand.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use recourse_payments::ticket::{triage, TriageRequest};
use recourse_payments::Engine;
use serde_json::json;

/// The accuracy floor on the test lines, per mille: the goal, 950, which the committed model
/// reaches. It measures 964 (270 of 280; en 92.8%, pt-BR 100%, es 98.5%, el 94.2%) since
/// English keeps its common words as evidence (chosen by cross-validation: 94.1% against
/// 93.6% on average over three shuffles of the training lines). The test lines were read
/// twice for it, with the same 270: once with English's common words read as any other word,
/// then once as they are committed, kept out of the store's vocabulary terms.
/// Before, it read 946 (265 of 280) after two rounds of training lines (554 in all, no test
/// line) and the smallest weight kept rising from 48/64 to 56/64 bit for the WebAssembly size
/// budgets; 932 (261 of 280) after the corpus grew by 100 first messages per language and the
/// model became logistic regression plus half of naive Bayes; the regression alone read 925
/// on that corpus, 940 (188 of 200) before it grew, 947 (144 of 152) before that, 888 before
/// the regularisation was chosen by cross-validation. While the measure was below the goal,
/// the floor was the measure less 5.
const FLOOR: u32 = 950;
/// The floor of the precision of `other` on the test lines, per mille: the measure less 5.
/// It measures 981 (52 of 53; its recall is 52 of 55) since English keeps its common words;
/// 944 (51 of 54) before, 927 (51 of 55) before the last 271 training lines, 937 (45 of 48)
/// before the corpus grew by 400 lines, 968 (31 of 32) before that. The goal is 900.
const OTHER_PRECISION_FLOOR: u32 = 976;

const CORPUS: [(&str, &str); 4] = [
    ("en", include_str!("../../../data/triage/en.tsv")),
    ("pt-BR", include_str!("../../../data/triage/pt-BR.tsv")),
    ("es", include_str!("../../../data/triage/es.tsv")),
    ("el", include_str!("../../../data/triage/el.tsv")),
];

/// Right and total.
#[derive(Default)]
struct Tally(u32, u32);

impl Tally {
    fn add(&mut self, right: bool) {
        self.0 += u32::from(right);
        self.1 += 1;
    }
    fn per_mille(&self) -> u32 {
        (self.0 * 1000).checked_div(self.1).unwrap_or(0)
    }
    fn show(&self) -> String {
        format!(
            "{}/{} = {}.{}%",
            self.0,
            self.1,
            self.per_mille() / 10,
            self.per_mille() % 10
        )
    }
}

#[test]
fn triage_reads_the_test_split() {
    let engine = Engine::default_store().unwrap();
    let config = &engine.config().tickets;
    let (mut all, mut confident) = (Tally::default(), Tally::default());
    let mut per_language: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut per_category: BTreeMap<String, Tally> = BTreeMap::new();
    let mut other_precision = Tally::default();
    let mut misses = Vec::new();
    for (tag, text) in CORPUS {
        for line in text.lines().skip(1).filter(|l| l.starts_with("test\t")) {
            let [_, expected, message] = line.splitn(3, '\t').collect::<Vec<_>>()[..] else {
                panic!("a corpus line has three fields: {line}");
            };
            let request: TriageRequest = serde_json::from_value(json!({
                "channel": "chat", "text": message, "locale": tag
            }))
            .unwrap();
            let answer = triage(config, engine.default_locale(), &request);
            let got = answer.category.as_str();
            let right = got == expected;
            all.add(right);
            per_language.entry(tag).or_default().add(right);
            per_category
                .entry(expected.to_owned())
                .or_default()
                .add(right);
            if got == "other" {
                other_precision.add(right);
            }
            if answer.reading.is_none_or(|r| r.clarify.is_none()) {
                confident.add(right);
            }
            if !right {
                misses.push(format!("{tag}: {expected} read as {got}"));
            }
        }
    }
    println!("triage on the test split: {}", all.show());
    for (tag, tally) in &per_language {
        println!("  {tag}: {}", tally.show());
    }
    for (category, tally) in &per_category {
        println!("  {category}: {}", tally.show());
    }
    println!("  precision of other: {}", other_precision.show());
    println!(
        "  without a clarifying question ({} asked): {}",
        all.1 - confident.1,
        confident.show()
    );
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(all.1 > 0, "no test lines in data/triage");
    assert!(
        all.per_mille() >= FLOOR,
        "accuracy {} below the floor",
        all.show()
    );
    assert!(
        other_precision.per_mille() >= OTHER_PRECISION_FLOOR,
        "precision of other {} below the floor",
        other_precision.show()
    );
}
