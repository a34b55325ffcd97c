//! The sentences of payment diagnostics in English, Brazilian Portuguese, Spanish and Greek.
//!
//! A customer's sentence is addressed by name when the name is known, says what happened
//! in plain words, what to do, and which other ways to pay the store accepts. A risk reason
//! the store does not disclose reads as the generic decline. The agent's sentence names the
//! real reason, the class and the next step, and cites the codes with their sources.

use super::config::Method;
use super::reason::{CodeReading, DeclineClass, DeclineReason, NextStep, Sentences};
use super::sentences::{customer_sentences, reason_label};
use crate::calendar::Timestamp;
use crate::comms::Locale;

/// `text` addressed to `name`: "Marina, your card…".
pub(crate) fn addressed(name: Option<&str>, text: &str) -> String {
    let name = name.map(str::trim).filter(|n| !n.is_empty());
    // Room for a sentence appended after (the alternatives).
    let mut out = String::with_capacity(name.map_or(0, str::len) + text.len() + 96);
    let Some(name) = name else {
        out.push_str(text);
        return out;
    };
    out.push_str(name);
    out.push_str(", ");
    let mut chars = text.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
        out.push_str(chars.as_str());
    }
    out
}

/// The customer's sentence.
pub(crate) fn customer(
    shown: DeclineReason,
    next: NextStep,
    alternatives: &[Method],
    locale: Locale,
    name: Option<&str>,
) -> String {
    let mut text = addressed(name, locale.pick(customer_sentences(shown)));
    let offer = !matches!(next, NextStep::RetryShortly | NextStep::CheckForDuplicate);
    if offer && !alternatives.is_empty() {
        text.push(' ');
        text.push_str(&alternatives_sentence(alternatives, locale));
    }
    text
}

/// "You can also pay with Pix, boleto or another card."
pub(crate) fn alternatives_sentence(alternatives: &[Method], locale: Locale) -> String {
    let [before, or] = locale.pick([
        ["You can also pay with ", " or "],
        ["Você também pode pagar com ", " ou "],
        ["También puedes pagar con ", " o "],
        ["Μπορείτε επίσης να πληρώσετε με ", " ή "],
    ]);
    let mut out = String::with_capacity(before.len() + 16 * alternatives.len() + 1);
    out.push_str(before);
    let last = alternatives.len().saturating_sub(1);
    for (i, m) in alternatives.iter().enumerate() {
        match i {
            0 => {}
            i if i == last => out.push_str(or),
            _ => out.push_str(", "),
        }
        out.push_str(locale.pick(method_name(*m)));
    }
    out.push('.');
    out
}

/// A method's name inside a sentence.
pub(crate) fn method_name(method: Method) -> Sentences {
    match method {
        Method::AnotherCard => ["another card", "outro cartão", "otra tarjeta", "άλλη κάρτα"],
        Method::Pix => ["Pix", "Pix", "Pix", "Pix"],
        Method::Boleto => ["boleto", "boleto", "boleto", "boleto"],
        Method::Wallet => [
            "a digital wallet",
            "carteira digital",
            "una billetera digital",
            "ψηφιακό πορτοφόλι",
        ],
    }
}

/// The agent's sentence: the real reason, class, next step, delay and codes with sources.
pub(crate) fn agent(
    reason: DeclineReason,
    class: DeclineClass,
    next: NextStep,
    not_before: Option<&Timestamp>,
    codes: &[CodeReading],
    locale: Locale,
) -> String {
    let mut out = String::with_capacity(640);
    out.push_str(locale.pick(reason_label(reason)));
    out.push_str(". ");
    out.push_str(locale.pick(class_label(class)));
    out.push_str(". ");
    out.push_str(locale.pick(next_step_label(next)));
    out.push('.');
    if let Some(t) = not_before {
        out.push(' ');
        out.push_str(locale.pick(["Not before", "Não antes de", "No antes de", "Όχι πριν από"]));
        out.push(' ');
        out.push_str(&t.to_rfc3339());
        out.push('.');
    }
    for c in codes {
        out.push_str(" [");
        out.push_str(c.table);
        out.push(' ');
        out.push_str(&c.code);
        out.push_str(": ");
        match c.reason {
            Some(r) => out.push_str(r.as_str()),
            None if c.known => {
                out.push_str(locale.pick(["known", "conhecido", "conocido", "γνωστός"]))
            }
            None => out.push_str(locale.pick([
                "unknown code",
                "código desconhecido",
                "código desconocido",
                "άγνωστος κωδικός",
            ])),
        }
        out.push_str("; ");
        out.push_str(c.source);
        out.push_str(", ");
        out.push_str(c.edition);
        out.push(']');
    }
    out
}

fn class_label(class: DeclineClass) -> Sentences {
    match class {
        DeclineClass::NeverRetry => [
            "Never retry this card for it",
            "Nunca tentar este cartão de novo",
            "No reintentar nunca con esta tarjeta",
            "Καμία νέα απόπειρα με αυτή την κάρτα",
        ],
        DeclineClass::RetryLater => [
            "Retry later, within the network's limits",
            "Tentar mais tarde, dentro dos limites da bandeira",
            "Reintentar más tarde, dentro de los límites de la red",
            "Νέα απόπειρα αργότερα, εντός των ορίων του δικτύου",
        ],
        DeclineClass::FixCardData => [
            "Retry only with corrected card data",
            "Tentar de novo só com os dados do cartão corrigidos",
            "Reintentar solo con los datos de la tarjeta corregidos",
            "Νέα απόπειρα μόνο με διορθωμένα στοιχεία κάρτας",
        ],
        DeclineClass::CustomerAction => [
            "The customer must act",
            "O cliente precisa agir",
            "El cliente debe actuar",
            "Απαιτείται ενέργεια του πελάτη",
        ],
        DeclineClass::Technical => [
            "Technical failure",
            "Falha técnica",
            "Fallo técnico",
            "Τεχνικό σφάλμα",
        ],
    }
}

fn next_step_label(next: NextStep) -> Sentences {
    match next {
        NextStep::UseAnotherMethod => [
            "Next: offer another way to pay",
            "Próximo passo: oferecer outra forma de pagamento",
            "Siguiente paso: ofrecer otro medio de pago",
            "Επόμενο βήμα: προτείνετε άλλο τρόπο πληρωμής",
        ],
        NextStep::Authenticate => [
            "Next: run the payment again with 3-D Secure",
            "Próximo passo: refazer o pagamento com 3-D Secure",
            "Siguiente paso: repetir el pago con 3-D Secure",
            "Επόμενο βήμα: επανάληψη της πληρωμής με 3-D Secure",
        ],
        NextStep::FixCardData => [
            "Next: ask the customer to correct the card data",
            "Próximo passo: pedir ao cliente que corrija os dados do cartão",
            "Siguiente paso: pedir al cliente que corrija los datos de la tarjeta",
            "Επόμενο βήμα: ζητήστε από τον πελάτη να διορθώσει τα στοιχεία της κάρτας",
        ],
        NextStep::UpdateCard => [
            "Next: take the card's new details (account updater), then retry",
            "Próximo passo: obter os novos dados do cartão (account updater) e tentar de novo",
            "Siguiente paso: obtener los nuevos datos de la tarjeta (account updater) y reintentar",
            "Επόμενο βήμα: λήψη των νέων στοιχείων της κάρτας (account updater) και νέα απόπειρα",
        ],
        NextStep::ContactIssuer => [
            "Next: the customer calls their bank or pays another way",
            "Próximo passo: o cliente liga para o banco ou paga de outra forma",
            "Siguiente paso: el cliente llama a su banco o paga de otra forma",
            "Επόμενο βήμα: ο πελάτης καλεί την τράπεζά του ή πληρώνει αλλιώς",
        ],
        NextStep::RetryLater => [
            "Next: retry later; payment.retry says when",
            "Próximo passo: tentar mais tarde; payment.retry diz quando",
            "Siguiente paso: reintentar más tarde; payment.retry indica cuándo",
            "Επόμενο βήμα: νέα απόπειρα αργότερα· το payment.retry λέει πότε",
        ],
        NextStep::RetryLaterOrAnotherMethod => [
            "Next: retry later or offer another way to pay",
            "Próximo passo: tentar mais tarde ou oferecer outra forma de pagamento",
            "Siguiente paso: reintentar más tarde u ofrecer otro medio de pago",
            "Επόμενο βήμα: νέα απόπειρα αργότερα ή άλλος τρόπος πληρωμής",
        ],
        NextStep::RetryShortly => [
            "Next: retry in a few minutes",
            "Próximo passo: tentar de novo em alguns minutos",
            "Siguiente paso: reintentar en unos minutos",
            "Επόμενο βήμα: νέα απόπειρα σε λίγα λεπτά",
        ],
        NextStep::CheckForDuplicate => [
            "Next: check whether the first payment went through before charging again",
            "Próximo passo: verificar se o primeiro pagamento foi aprovado antes de cobrar de novo",
            "Siguiente paso: comprobar si el primer pago se aprobó antes de cobrar de nuevo",
            "Επόμενο βήμα: ελέγξτε αν η πρώτη πληρωμή εγκρίθηκε πριν χρεώσετε ξανά",
        ],
        NextStep::StopRecurring => [
            "Next: stop the recurring charge and contact the customer",
            "Próximo passo: suspender a cobrança recorrente e falar com o cliente",
            "Siguiente paso: detener el cobro recurrente y contactar al cliente",
            "Επόμενο βήμα: διακοπή της επαναλαμβανόμενης χρέωσης και επικοινωνία με τον πελάτη",
        ],
    }
}
