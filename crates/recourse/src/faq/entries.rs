//! The entries: the built-in ones (their questions and the keywords that find them), and
//! the merchant's own, written in the `faq` section, which replace a built-in entry of the
//! same id or add one.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::error::ConfigError;
use crate::Error;

/// What an entry is about (the payment categories of the support seeds).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The ways to pay.
    PaymentMethods,
    /// How long a payment takes.
    ProcessingTimes,
    /// Why a payment fails.
    PaymentFailures,
    /// Refunds and their timing.
    Refunds,
    /// Returns and their windows.
    Returns,
    /// Charges and fees.
    Fees,
    /// Charges not recognized, disputes and how to avoid them.
    Disputes,
    /// The security of card data.
    Security,
    /// Wallet top-ups and withdrawals.
    Wallet,
    /// Anything else.
    Other,
}

/// A text in every language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    /// English.
    pub en: String,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    pub pt_br: String,
    /// Spanish.
    pub es: String,
    /// Greek.
    pub el: String,
}

impl Texts {
    /// The text in `locale`.
    pub fn get(&self, locale: Locale) -> &str {
        locale.pick([&self.en, &self.pt_br, &self.es, &self.el])
    }
}

/// A merchant's entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    /// The id (a built-in id replaces that entry).
    pub id: String,
    /// The category.
    pub category: Category,
    /// Words that find it in a customer's message, lower case, any language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// The question.
    pub question: Texts,
    /// The answer.
    pub answer: Texts,
}

/// `faq`: the merchant's entries, and the refund policy the answers read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FaqConfig {
    /// The refund policy the answers state (`refund.policies.<name>`); the default one
    /// without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The support desk's calendar (`calendars.<name>`), for when the team answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_calendar: Option<String>,
    /// The merchant's entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<FaqEntry>,
}

/// A built-in entry: its id, category, question `[en, pt-BR, es, el]` and keywords.
pub(crate) struct Builtin {
    pub id: &'static str,
    pub category: Category,
    pub question: [&'static str; 4],
    pub keywords: &'static [&'static str],
}

/// The built-in entries, in the order the FAQ lists them.
pub(crate) const BUILTIN: &[Builtin] = &[
    Builtin {
        id: "payment_methods",
        category: Category::PaymentMethods,
        question: [
            "Which payment methods do you accept?",
            "Quais formas de pagamento vocês aceitam?",
            "¿Qué métodos de pago aceptan?",
            "Ποιους τρόπους πληρωμής δέχεστε;",
        ],
        keywords: &[
            "payment method",
            "pay with",
            "accept",
            "formas de pagamento",
            "pagar com",
            "aceitam",
            "métodos de pago",
            "pagar con",
            "aceptan",
            "τρόπους πληρωμής",
            "πληρώσω με",
        ],
    },
    Builtin {
        id: "payment_failed",
        category: Category::PaymentFailures,
        question: [
            "Why did my payment fail?",
            "Por que meu pagamento foi recusado?",
            "¿Por qué se rechazó mi pago?",
            "Γιατί απορρίφθηκε η πληρωμή μου;",
        ],
        keywords: &[
            "declined",
            "failed",
            "refused",
            "recusad",
            "negad",
            "falhou",
            "rechaz",
            "falló",
            "απορρίφθηκε",
            "απέτυχε",
        ],
    },
    Builtin {
        id: "pix_expiry",
        category: Category::ProcessingTimes,
        question: [
            "How long is a Pix code valid?",
            "Por quanto tempo o código Pix vale?",
            "¿Cuánto tiempo vale un código Pix?",
            "Πόσο ισχύει ένας κωδικός Pix;",
        ],
        keywords: &["pix", "qr", "expir", "venceu", "vence", "λήξη"],
    },
    Builtin {
        id: "boleto_clearing",
        category: Category::ProcessingTimes,
        question: [
            "When does my boleto clear?",
            "Quando meu boleto é compensado?",
            "¿Cuándo se compensa mi boleto?",
            "Πότε εκκαθαρίζεται το boleto μου;",
        ],
        keywords: &["boleto", "clear", "compens", "confirm", "εκκαθαρ"],
    },
    Builtin {
        id: "refund_timing",
        category: Category::Refunds,
        question: [
            "How long does a refund take?",
            "Quanto tempo leva um reembolso?",
            "¿Cuánto tarda un reembolso?",
            "Πόσο διαρκεί μια επιστροφή χρημάτων;",
        ],
        keywords: &[
            "refund",
            "money back",
            "how long",
            "reembolso",
            "estorno",
            "quanto tempo",
            "cuánto tarda",
            "dinero",
            "επιστροφή χρημάτων",
            "χρήματα",
        ],
    },
    Builtin {
        id: "return_window",
        category: Category::Returns,
        question: [
            "Can I return an item, and until when?",
            "Posso devolver um item, e até quando?",
            "¿Puedo devolver un artículo, y hasta cuándo?",
            "Μπορώ να επιστρέψω ένα προϊόν, και έως πότε;",
        ],
        keywords: &[
            "return",
            "window",
            "devolver",
            "devolução",
            "troca",
            "prazo",
            "devolución",
            "plazo",
            "επιστρέψω",
            "επιστροφή προϊόντος",
            "προθεσμία",
        ],
    },
    Builtin {
        id: "return_fees",
        category: Category::Fees,
        question: [
            "Do I pay anything to return an item?",
            "Pago algo para devolver um item?",
            "¿Pago algo por devolver un artículo?",
            "Πληρώνω κάτι για να επιστρέψω ένα προϊόν;",
        ],
        keywords: &[
            "fee",
            "shipping",
            "cost",
            "frete",
            "taxa",
            "custo",
            "tarifa",
            "envío",
            "costo",
            "κόστος",
            "μεταφορικά",
            "χρέωση επιστροφής",
        ],
    },
    Builtin {
        id: "support_hours",
        category: Category::Other,
        question: [
            "When can I talk to your team?",
            "Quando posso falar com a equipe?",
            "¿Cuándo puedo hablar con el equipo?",
            "Πότε μπορώ να μιλήσω με την ομάδα σας;",
        ],
        keywords: &[
            "talk to",
            "open",
            "hours",
            "support",
            "atendimento",
            "horário",
            "falar com",
            "horario",
            "atención",
            "ωράριο",
            "εξυπηρέτηση",
        ],
    },
    Builtin {
        id: "charge_not_recognized",
        category: Category::Disputes,
        question: [
            "I was charged twice or don't recognise a charge: what do I do?",
            "Fui cobrado duas vezes ou não reconheço uma cobrança: o que faço?",
            "Me cobraron dos veces o no reconozco un cargo: ¿qué hago?",
            "Χρεώθηκα δύο φορές ή δεν αναγνωρίζω μια χρέωση: τι κάνω;",
        ],
        keywords: &[
            "twice",
            "duplicate",
            "recognise",
            "recognize",
            "chargeback",
            "disput",
            "contest",
            "contracargo",
            "αμφισβ",
            "αντιλογισμ",
            "duas vezes",
            "duplicad",
            "não reconheço",
            "dos veces",
            "no reconozco",
            "δύο φορές",
            "δεν αναγνωρίζω",
        ],
    },
];

/// Every problem of the `faq` section, each with its path.
pub(crate) fn problems(config: &FaqConfig, services: &crate::ops::Services) -> Vec<Error> {
    let mut out = Vec::new();
    if let Some(name) = &config.support_calendar {
        if !services.names_calendar(name) {
            out.push(Error::new(
                ConfigError::invalid(
                    "unknown calendar: the configuration's `calendars` section names them",
                ),
                "faq.support_calendar",
            ));
        }
    }
    for (i, e) in config.entries.iter().enumerate() {
        if e.id.is_empty() {
            out.push(Error::new(
                ConfigError::invalid("an entry needs an id"),
                format!("faq.entries[{i}].id"),
            ));
        }
        if config.entries.iter().take(i).any(|p| p.id == e.id) {
            out.push(Error::new(
                ConfigError::invalid("an entry id is written once"),
                format!("faq.entries[{i}].id"),
            ));
        }
        if e.keywords
            .iter()
            .any(|k| k.is_empty() || k.to_lowercase() != *k)
        {
            out.push(Error::new(
                ConfigError::invalid("keywords are lower case and not empty"),
                format!("faq.entries[{i}].keywords"),
            ));
        }
    }
    out
}
