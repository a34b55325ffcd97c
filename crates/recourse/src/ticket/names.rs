//! The names a desk's rules use: every category and question a rule names is one the desk
//! has, or a configuration error with the likeliest name meant ("did you mean"); a question
//! of the intake never asks for a secret; and a language the store serves without a text
//! for one of the desk's questions or categories is a warning.

use super::catalogue::{self, categories, has_category, has_question, is_model_class};
use super::config::TicketsConfig;
use super::ids::{Category, Question};
use crate::comms::Locale;
use crate::error::ConfigError;
use crate::names::nearest;
use crate::Error;

/// Every problem of the names the ticket sections use, each with its path.
pub(crate) fn problems(config: &TicketsConfig, out: &mut Vec<Error>) {
    catalogue_problems(config, out);
    let known: Vec<Category> = categories(config);
    let known: Vec<&str> = known.iter().map(Category::as_str).collect();
    let category = |c: &Category, path: String, out: &mut Vec<Error>| {
        if !has_category(config, c) {
            out.push(unknown("category", c.as_str(), &known, path));
        }
    };
    for (c, questions) in &config.intake {
        let path = format!("tickets.intake.{}", c.as_str());
        category(c, path.clone(), out);
        for (i, q) in questions.iter().enumerate() {
            question(config, q, format!("{path}[{i}]"), out);
        }
    }
    for (i, rule) in config.triage.rules.iter().enumerate() {
        for (j, c) in rule.categories.iter().enumerate() {
            category(c, format!("tickets.triage.rules[{i}].categories[{j}]"), out);
        }
    }
    for (i, rule) in config.triage.vocabulary.iter().enumerate() {
        category(
            &rule.category,
            format!("tickets.triage.vocabulary[{i}].category"),
            out,
        );
    }
    for (i, rule) in config.follow_up.rules.iter().enumerate() {
        for (j, c) in rule.categories.iter().enumerate() {
            category(
                c,
                format!("tickets.follow_up.rules[{i}].categories[{j}]"),
                out,
            );
        }
    }
}

/// An intake question: one the desk knows, and no secret.
fn question(config: &TicketsConfig, q: &Question, path: String, out: &mut Vec<Error>) {
    if !has_question(config, q) {
        let known = catalogue::question_ids(config);
        out.push(unknown("question", q.as_str(), &known, path));
    } else if catalogue::is_secret(config, q) {
        out.push(invalid(
            "an intake never asks for a secret (a password, a PIN, a one-time code, a CVV or a whole card number)",
            path,
        ));
    }
}

/// The problems of the desk's own categories and questions.
fn catalogue_problems(config: &TicketsConfig, out: &mut Vec<Error>) {
    if !config.categories.is_empty() && !config.categories.contains_key(&Category::Other) {
        out.push(invalid(
            "a desk's categories include `other`, the category of everything else",
            "tickets.categories".to_owned(),
        ));
    }
    let classes: Vec<Category> = categories(&TicketsConfig::default());
    let classes: Vec<&str> = classes.iter().map(Category::as_str).collect();
    for (id, def) in &config.categories {
        if let Some(class) = def.model_class.as_ref().filter(|c| !is_model_class(c)) {
            out.push(unknown(
                "model class",
                class.as_str(),
                &classes,
                format!("tickets.categories.{}.model_class", id.as_str()),
            ));
        }
    }
    for (id, def) in &config.questions {
        if def.text.is_empty() {
            out.push(invalid(
                "expected the question's text in at least one language",
                format!("tickets.questions.{}.text", id.as_str()),
            ));
        }
    }
}

/// `unknown <what> (did you mean `x`?)`, naming only a known name, never what was written.
pub(crate) fn unknown(what: &str, asked: &str, known: &[&str], path: String) -> Error {
    let hint = nearest(asked, known)
        .map(|near| format!(" (did you mean `{near}`?)"))
        .unwrap_or_default();
    invalid(&format!("unknown {what}{hint}"), path)
}

/// The warnings of the desk: each language of `served` a question or a category of the
/// store's own has no text in, by path (`tickets.questions.<id>.text`).
pub(crate) fn warnings(config: &TicketsConfig, served: &[Locale]) -> Vec<Error> {
    let mut out = Vec::new();
    let mut check = |texts: &std::collections::BTreeMap<Locale, String>, path: String| {
        for locale in served {
            if texts.get(locale).is_none_or(|t| t.trim().is_empty()) {
                out.push(invalid(
                    &format!(
                        "no text in {}, a language the store serves",
                        locale.as_str()
                    ),
                    path.clone(),
                ));
            }
        }
    };
    for (id, def) in &config.questions {
        check(&def.text, format!("tickets.questions.{}.text", id.as_str()));
    }
    for (id, def) in &config.categories {
        check(
            &def.label,
            format!("tickets.categories.{}.label", id.as_str()),
        );
    }
    out
}

/// A configuration problem at `path`.
pub(crate) fn invalid(detail: &str, path: String) -> Error {
    Error::new(ConfigError::invalid(detail), path)
}
