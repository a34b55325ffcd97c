//! The checks of the ticket sections: ids, lists, the triage vocabulary, and the names a
//! desk's rules use (see [`super::names`]).

use super::config::{TicketsConfig, TriageConfig};
use super::names::invalid;
use crate::sort::repeated;
use crate::Error;

/// Every problem of the ticket sections, each with its path.
pub(crate) fn problems(config: &TicketsConfig) -> Vec<Error> {
    let mut out = Vec::new();
    super::names::problems(config, &mut out);
    for (category, questions) in &config.intake {
        for (i, repeated) in repeated(questions).into_iter().enumerate() {
            if repeated {
                out.push(invalid(
                    "a question appears twice in the list",
                    format!("tickets.intake.{}[{i}]", category.as_str()),
                ));
            }
        }
    }
    let ids: Vec<&str> = config.triage.rules.iter().map(|r| r.id.as_str()).collect();
    let ids = repeated(&ids);
    for (i, rule) in config.triage.rules.iter().enumerate() {
        let path = format!("tickets.triage.rules[{i}]");
        check_id(&rule.id, ids.get(i) == Some(&true), &path, &mut out);
        let currencies: Vec<&str> = rule
            .min_amount
            .iter()
            .map(|m| m.currency().code())
            .collect();
        for (j, repeated) in repeated(&currencies).into_iter().enumerate() {
            if repeated {
                out.push(invalid(
                    "one minimum amount per currency",
                    format!("{path}.min_amount[{j}]"),
                ));
            }
        }
    }
    vocabulary_problems(&config.triage, &mut out);
    let ids: Vec<&str> = config
        .follow_up
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let ids = repeated(&ids);
    for (i, rule) in config.follow_up.rules.iter().enumerate() {
        check_id(
            &rule.id,
            ids.get(i) == Some(&true),
            &format!("tickets.follow_up.rules[{i}]"),
            &mut out,
        );
    }
    out
}

/// Every problem of `tickets.triage`'s threshold and vocabulary.
fn vocabulary_problems(triage: &TriageConfig, out: &mut Vec<Error>) {
    if triage.confidence_threshold > 1000 {
        out.push(invalid(
            "a confidence is per mille: at most 1000",
            "tickets.triage.confidence_threshold".to_owned(),
        ));
    }
    let ids: Vec<&str> = triage.vocabulary.iter().map(|r| r.id.as_str()).collect();
    let ids = repeated(&ids);
    for (i, rule) in triage.vocabulary.iter().enumerate() {
        let path = format!("tickets.triage.vocabulary[{i}]");
        check_id(&rule.id, ids.get(i) == Some(&true), &path, out);
        if rule.terms.is_empty() {
            out.push(invalid(
                "expected at least one term",
                format!("{path}.terms"),
            ));
        }
        for (j, term) in rule.terms.iter().enumerate() {
            if !super::triage::readable(term) {
                out.push(invalid(
                    "the term has no word triage reads (only common words, digits or punctuation)",
                    format!("{path}.terms[{j}]"),
                ));
            }
        }
        if !(-4096..=4096).contains(&rule.weight) {
            out.push(invalid(
                "a weight is between -4096 and 4096 (64ths of a bit)",
                format!("{path}.weight"),
            ));
        }
    }
}

/// `repeated`: an earlier rule has the same id.
fn check_id(id: &str, repeated: bool, path: &str, out: &mut Vec<Error>) {
    if id.trim().is_empty() {
        out.push(invalid(
            "expected a non-empty rule id",
            format!("{path}.id"),
        ));
    } else if repeated {
        out.push(invalid("rule ids must be unique", format!("{path}.id")));
    }
}
