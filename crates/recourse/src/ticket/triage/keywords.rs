//! What a first message says, read by keywords in the four customer languages. A heuristic
//! for when the host has no category yet: facts given explicitly always win over it.

use crate::ticket::Category;

/// Keywords per category, most specific first: the first category with a match wins.
const CATEGORY_KEYWORDS: &[(Category, &[&str])] = &[
    (
        Category::DisputeOrChargeback,
        &[
            "chargeback",
            "dispute",
            "contestação",
            "contestacao",
            "contracargo",
            "disputa",
            "αμφισβήτηση",
            "αντιλογισμ",
        ],
    ),
    (
        Category::ChargedTwice,
        &[
            "charged twice",
            "charged me twice",
            "double charge",
            "double-charged",
            "duplicate charge",
            "cobrado duas vezes",
            "cobrada duas vezes",
            "cobrou duas vezes",
            "cobrança duplicada",
            "cobranca duplicada",
            "cobraron dos veces",
            "cobrado dos veces",
            "cargo duplicado",
            "cobro duplicado",
            "χρεώθηκα δύο φορές",
            "διπλή χρέωση",
        ],
    ),
    (
        Category::RefundStatus,
        &[
            "where is my refund",
            "refund status",
            "not received my refund",
            "haven't received my refund",
            "cadê meu reembolso",
            "cade meu reembolso",
            "cadê o estorno",
            "não recebi o estorno",
            "nao recebi o estorno",
            "não recebi o reembolso",
            "nao recebi o reembolso",
            "dónde está mi reembolso",
            "donde esta mi reembolso",
            "no he recibido el reembolso",
            "πού είναι η επιστροφή",
            "δεν έλαβα την επιστροφή",
        ],
    ),
    (
        Category::RefundRequest,
        &[
            "refund",
            "money back",
            "reembolso",
            "estorno",
            "devolução do dinheiro",
            "devolver el dinero",
            "επιστροφή χρημάτων",
        ],
    ),
    (Category::PixOrBoletoPending, &["pix", "boleto"]),
    (
        Category::UnrecognizedCharge,
        &[
            "don't recognize",
            "do not recognize",
            "don't recognise",
            "unrecognized",
            "unknown charge",
            "não reconheço",
            "nao reconheco",
            "no reconozco",
            "δεν αναγνωρίζω",
        ],
    ),
    (
        Category::SubscriptionOrCancellation,
        &[
            "subscription",
            "cancel",
            "assinatura",
            "suscripción",
            "suscripcion",
            "συνδρομή",
            "ακύρωσ",
        ],
    ),
    (
        Category::WalletIssue,
        &[
            "paypal",
            "apple pay",
            "google pay",
            "wallet",
            "carteira digital",
            "billetera",
            "πορτοφόλι",
        ],
    ),
    (
        Category::PaymentFailed,
        &[
            "payment failed",
            "declined",
            "recusado",
            "recusada",
            "não foi aprovado",
            "nao foi aprovado",
            "rechazado",
            "rechazada",
            "falló el pago",
            "απορρίφθηκε",
            "η πληρωμή απέτυχε",
        ],
    ),
];

/// Words that say the customer means to dispute the charge with their card issuer.
const CHARGEBACK_KEYWORDS: &[&str] = &[
    "chargeback",
    "dispute the charge",
    "contestar",
    "contestação",
    "contestacao",
    "contracargo",
    "disputar el cargo",
    "αμφισβήτηση",
    "αντιλογισμ",
];

/// Words that say the customer complains, or will complain, to their bank.
const BANK_COMPLAINT_KEYWORDS: &[&str] = &[
    "complain to my bank",
    "call my bank",
    "contact my bank",
    "reclamar com o banco",
    "reclamar no banco",
    "ligar para o banco",
    "acionar o banco",
    "reclamar al banco",
    "reclamar a mi banco",
    "llamar a mi banco",
    "καταγγελία στην τράπεζα",
    "θα καλέσω την τράπεζα",
];

/// What the text of a first message suggests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// The first category whose keywords occur.
    pub category: Option<Category>,
    /// Whether a chargeback is mentioned.
    pub chargeback: bool,
    /// Whether a complaint to the bank is mentioned.
    pub bank_complaint: bool,
}

/// Reads a message's text, case-insensitively.
pub(crate) fn read(text: &str) -> Reading {
    let lower = text.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    Reading {
        category: CATEGORY_KEYWORDS
            .iter()
            .find(|(_, words)| any(words))
            .map(|(c, _)| *c),
        chargeback: any(CHARGEBACK_KEYWORDS),
        bank_complaint: any(BANK_COMPLAINT_KEYWORDS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_four_languages() {
        assert_eq!(
            read("I was CHARGED TWICE").category,
            Some(Category::ChargedTwice)
        );
        assert_eq!(
            read("Fui cobrado duas vezes no cartão").category,
            Some(Category::ChargedTwice)
        );
        assert_eq!(
            read("Me cobraron dos veces").category,
            Some(Category::ChargedTwice)
        );
        assert_eq!(
            read("Χρεώθηκα δύο φορές").category,
            Some(Category::ChargedTwice)
        );
        assert_eq!(
            read("O Pix ainda não caiu").category,
            Some(Category::PixOrBoletoPending)
        );
        assert_eq!(read("hello").category, None);
        let r = read("Vou abrir uma contestação e reclamar no banco");
        assert!(r.chargeback && r.bank_complaint);
    }
}
