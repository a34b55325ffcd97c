//! The clarifying question: when triage is not sure of a category, it asks the customer to
//! choose between the two likely ones, in the customer's language.

use crate::comms::Locale;

/// "Is your message about `first`, or about `second`?" in the customer's language.
pub(crate) fn question(first: &str, second: &str, locale: Locale) -> String {
    match locale {
        Locale::En => format!(
            "So that we can help you faster: is your message about {first}, or about {second}?"
        ),
        Locale::PtBr => {
            format!("Para ajudarmos mais rápido: sua mensagem é sobre {first}, ou sobre {second}?")
        }
        Locale::Es => {
            format!("Para ayudarte más rápido: ¿tu mensaje es sobre {first}, o sobre {second}?")
        }
        Locale::El => format!(
            "Για να σας βοηθήσουμε πιο γρήγορα: το μήνυμά σας αφορά {first} ή μήπως {second};"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_asks_with_both_choices() {
        for locale in [Locale::En, Locale::PtBr, Locale::Es, Locale::El] {
            let (a, b) = ("a refund", "something else");
            let q = question(a, b, locale);
            assert!(q.contains(a) && q.contains(b), "{q}");
        }
    }
}
