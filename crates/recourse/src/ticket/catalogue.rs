//! A desk's catalogue: its categories (with their labels, and the class of the built-in
//! triage model that reads each, if any) and its intake questions (with their texts in each
//! language, and the known fact that answers each, if any). The built-in payment catalogue
//! is a shop's; a desk that lists its own categories (`tickets.categories`) replaces it, and
//! its own questions (`tickets.questions`) join the built-in ones (an id of a built-in
//! question replaces it).

use std::collections::BTreeMap;

use super::config::TicketsConfig;
use super::desk::Fact;
use super::ids::{Category, Question};
use crate::comms::Locale;

/// A built-in intake question.
struct BuiltinQuestion {
    id: Question,
    text: [&'static str; 4],
    answered_by: Option<Fact>,
}

/// The categories of the desk, in order (ties in triage go to the earlier one): the
/// store's, by id, or the built-in ones.
pub(crate) fn categories(config: &TicketsConfig) -> Vec<Category> {
    if config.categories.is_empty() {
        BUILTIN_CATEGORIES.iter().map(|(c, _)| c.clone()).collect()
    } else {
        config.categories.keys().cloned().collect()
    }
}

/// Whether the desk has the category.
pub(crate) fn has_category(config: &TicketsConfig, category: &Category) -> bool {
    if config.categories.is_empty() {
        BUILTIN_CATEGORIES.iter().any(|(c, _)| c == category)
    } else {
        config.categories.contains_key(category)
    }
}

/// Whether `class` is a class of the built-in model (a built-in category).
pub(crate) fn is_model_class(class: &Category) -> bool {
    BUILTIN_CATEGORIES.iter().any(|(c, _)| c == class)
}

/// The class of the built-in model that reads a category of the desk.
pub(crate) fn model_class(config: &TicketsConfig, category: &Category) -> Option<Category> {
    if config.categories.is_empty() {
        Some(category.clone()).filter(is_model_class)
    } else {
        config
            .categories
            .get(category)
            .and_then(|d| d.model_class.clone())
    }
}

/// Whether the desk knows the question: a built-in one or one of its own.
pub(crate) fn has_question(config: &TicketsConfig, question: &Question) -> bool {
    config.questions.contains_key(question) || builtin_question(question).is_some()
}

/// Every question id the desk knows, for "did you mean".
pub(crate) fn question_ids(config: &TicketsConfig) -> Vec<&str> {
    let mut out: Vec<&str> = BUILTIN_QUESTIONS.iter().map(|q| q.id.as_str()).collect();
    out.extend(config.questions.keys().map(Question::as_str));
    out
}

fn builtin_question(question: &Question) -> Option<&'static BuiltinQuestion> {
    BUILTIN_QUESTIONS.iter().find(|q| q.id == *question)
}

/// The fact that answers a question, if any.
pub(crate) fn answered_by(config: &TicketsConfig, question: &Question) -> Option<Fact> {
    match config.questions.get(question) {
        Some(def) => def.answered_by,
        None => builtin_question(question).and_then(|q| q.answered_by),
    }
}

/// Whether a question asks for a secret.
pub(crate) fn is_secret(config: &TicketsConfig, question: &Question) -> bool {
    config.questions.get(question).is_some_and(|d| d.secret)
}

/// A text of a table per language in `locale`, else in `fallback`, else in English, else any.
fn pick(texts: &BTreeMap<Locale, String>, locale: Locale, fallback: Locale) -> String {
    texts
        .get(&locale)
        .or_else(|| texts.get(&fallback))
        .or_else(|| texts.get(&Locale::En))
        .or_else(|| texts.values().next())
        .cloned()
        .unwrap_or_default()
}

/// A question as the customer reads it (`fallback`: the store's language, when the desk
/// has no text in the customer's).
pub(crate) fn question_text(
    config: &TicketsConfig,
    question: &Question,
    locale: Locale,
    fallback: Locale,
) -> String {
    match config.questions.get(question) {
        Some(def) => pick(&def.text, locale, fallback),
        None => builtin_question(question)
            .map(|q| locale.pick(q.text).to_owned())
            .unwrap_or_else(|| question.as_str().to_owned()),
    }
}

/// A category as the customer reads it, after "about".
pub(crate) fn label(
    config: &TicketsConfig,
    category: &Category,
    locale: Locale,
    fallback: Locale,
) -> String {
    match config.categories.get(category) {
        Some(def) if !def.label.is_empty() => pick(&def.label, locale, fallback),
        _ => BUILTIN_CATEGORIES
            .iter()
            .find(|(c, _)| c == category)
            .map(|(_, texts)| locale.pick(*texts).to_owned())
            .unwrap_or_else(|| category.as_str().replace('_', " ")),
    }
}

/// The built-in questions that can be named in code.
#[allow(non_upper_case_globals)]
impl Question {
    /// The order number.
    pub const OrderNumber: Self = Self::builtin("order_number");
    /// How the customer paid.
    pub const PaymentMethod: Self = Self::builtin("payment_method");
    /// When the customer paid.
    pub const PaymentDate: Self = Self::builtin("payment_date");
    /// The message shown when the payment failed.
    pub const ErrorMessage: Self = Self::builtin("error_message");
    /// The dates of both charges (charged twice).
    pub const ChargeDates: Self = Self::builtin("charge_dates");
    /// The amounts of both charges (charged twice).
    pub const ChargeAmounts: Self = Self::builtin("charge_amounts");
    /// The last four digits of the card.
    pub const CardLast4: Self = Self::builtin("card_last4");
    /// The date of the charge.
    pub const ChargeDate: Self = Self::builtin("charge_date");
    /// The amount of the charge.
    pub const ChargeAmount: Self = Self::builtin("charge_amount");
    /// The name on the card statement.
    pub const StatementDescriptor: Self = Self::builtin("statement_descriptor");
    /// Why the customer wants a refund.
    pub const RefundReason: Self = Self::builtin("refund_reason");
    /// When the refund was confirmed to the customer.
    pub const RefundConfirmationDate: Self = Self::builtin("refund_confirmation_date");
    /// The bank's or card issuer's case number.
    pub const DisputeReference: Self = Self::builtin("dispute_reference");
    /// The subscription plan.
    pub const SubscriptionPlan: Self = Self::builtin("subscription_plan");
    /// The Pix end-to-end id (E2E).
    pub const PixEndToEndId: Self = Self::builtin("pix_end_to_end_id");
    /// The boleto's digitable line.
    pub const BoletoLine: Self = Self::builtin("boleto_line");
    /// Which wallet (PayPal, Apple Pay, Google Pay).
    pub const WalletProvider: Self = Self::builtin("wallet_provider");
    /// What happened, in the customer's words.
    pub const Description: Self = Self::builtin("description");
}

/// The built-in categories with their labels, in the order of the built-in model's classes.
const BUILTIN_CATEGORIES: &[(Category, [&str; 4])] = &[
    (
        Category::PaymentFailed,
        [
            "a payment that did not go through",
            "um pagamento que não foi aprovado",
            "un pago que no se completó",
            "μια πληρωμή που δεν ολοκληρώθηκε",
        ],
    ),
    (
        Category::ChargedTwice,
        [
            "being charged twice",
            "uma cobrança em duplicidade",
            "un cobro duplicado",
            "μια διπλή χρέωση",
        ],
    ),
    (
        Category::UnrecognizedCharge,
        [
            "a charge you do not recognize",
            "uma cobrança que você não reconhece",
            "un cargo que no reconoces",
            "μια χρέωση που δεν αναγνωρίζετε",
        ],
    ),
    (
        Category::RefundStatus,
        [
            "a refund you are waiting for",
            "um reembolso que você está aguardando",
            "un reembolso que estás esperando",
            "μια επιστροφή χρημάτων που περιμένετε",
        ],
    ),
    (
        Category::RefundRequest,
        [
            "asking for a refund",
            "um pedido de reembolso",
            "una solicitud de reembolso",
            "ένα αίτημα επιστροφής χρημάτων",
        ],
    ),
    (
        Category::DisputeOrChargeback,
        [
            "a dispute or chargeback with your bank",
            "uma contestação ou chargeback no seu banco",
            "una disputa o contracargo con tu banco",
            "μια αμφισβήτηση ή έναν αντιλογισμό χρέωσης με την τράπεζά σας",
        ],
    ),
    (
        Category::SubscriptionOrCancellation,
        [
            "a subscription or cancelling it",
            "uma assinatura ou o cancelamento dela",
            "una suscripción o su cancelación",
            "μια συνδρομή ή την ακύρωσή της",
        ],
    ),
    (
        Category::PixOrBoletoPending,
        [
            "a Pix or boleto payment still pending",
            "um Pix ou boleto ainda pendente",
            "un pago con Pix o boleto todavía pendiente",
            "μια πληρωμή Pix ή boleto που εκκρεμεί ακόμη",
        ],
    ),
    (
        Category::WalletIssue,
        [
            "a digital wallet (PayPal, Apple Pay, Google Pay)",
            "uma carteira digital (PayPal, Apple Pay, Google Pay)",
            "una billetera digital (PayPal, Apple Pay, Google Pay)",
            "ένα ψηφιακό πορτοφόλι (PayPal, Apple Pay, Google Pay)",
        ],
    ),
    (
        Category::Other,
        [
            "something else (delivery, sizes, invoices)",
            "outro assunto (entrega, tamanhos, notas fiscais)",
            "otro tema (envío, tallas, facturas)",
            "κάτι άλλο (παράδοση, μεγέθη, τιμολόγια)",
        ],
    ),
];

/// The built-in questions: a shop's payment intake.
const BUILTIN_QUESTIONS: &[BuiltinQuestion] = &[
    BuiltinQuestion {
        id: Question::OrderNumber,
        text: [
            "What is your order number?",
            "Qual é o número do seu pedido?",
            "¿Cuál es el número de tu pedido?",
            "Ποιος είναι ο αριθμός της παραγγελίας σας;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::PaymentMethod,
        text: [
            "How did you pay: card, Pix, boleto or a digital wallet?",
            "Como você pagou: cartão, Pix, boleto ou carteira digital?",
            "¿Cómo pagaste: con tarjeta, Pix, boleto o una billetera digital?",
            "Πώς πληρώσατε: με κάρτα, Pix, boleto ή ψηφιακό πορτοφόλι;",
        ],
        answered_by: Some(Fact::PaymentMethod),
    },
    BuiltinQuestion {
        id: Question::PaymentDate,
        text: [
            "On what date did you pay?",
            "Em que data você fez o pagamento?",
            "¿En qué fecha hiciste el pago?",
            "Ποια ημερομηνία κάνατε την πληρωμή;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::ErrorMessage,
        text: [
            "What message did you see when the payment failed?",
            "Qual mensagem apareceu quando o pagamento falhou?",
            "¿Qué mensaje apareció cuando falló el pago?",
            "Ποιο μήνυμα εμφανίστηκε όταν απέτυχε η πληρωμή;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::ChargeDates,
        text: [
            "On what dates do the two charges appear?",
            "Em quais datas aparecem as duas cobranças?",
            "¿En qué fechas aparecen los dos cargos?",
            "Σε ποιες ημερομηνίες εμφανίζονται οι δύο χρεώσεις;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::ChargeAmounts,
        text: [
            "What is the amount of each of the two charges?",
            "Qual é o valor de cada uma das duas cobranças?",
            "¿Cuál es el importe de cada uno de los dos cargos?",
            "Ποιο είναι το ποσό καθεμιάς από τις δύο χρεώσεις;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::CardLast4,
        text: [
            "What are the last 4 digits of the card? Please never send the full number.",
            "Quais são os 4 últimos dígitos do cartão? Por favor, nunca envie o número completo.",
            "¿Cuáles son los 4 últimos dígitos de la tarjeta? Por favor, nunca envíes el número completo.",
            "Ποια είναι τα 4 τελευταία ψηφία της κάρτας; Παρακαλούμε μη στέλνετε ποτέ ολόκληρο τον αριθμό.",
        ],
        answered_by: Some(Fact::CardPayment),
    },
    BuiltinQuestion {
        id: Question::ChargeDate,
        text: [
            "On what date does the charge appear?",
            "Em que data aparece a cobrança?",
            "¿En qué fecha aparece el cargo?",
            "Ποια ημερομηνία εμφανίζεται η χρέωση;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::ChargeAmount,
        text: [
            "What is the amount of the charge?",
            "Qual é o valor da cobrança?",
            "¿Cuál es el importe del cargo?",
            "Ποιο είναι το ποσό της χρέωσης;",
        ],
        answered_by: Some(Fact::Amount),
    },
    BuiltinQuestion {
        id: Question::StatementDescriptor,
        text: [
            "What name appears next to the charge on your statement?",
            "Qual nome aparece ao lado da cobrança na sua fatura?",
            "¿Qué nombre aparece junto al cargo en tu extracto?",
            "Ποιο όνομα εμφανίζεται δίπλα στη χρέωση στην κατάστασή σας;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::RefundReason,
        text: [
            "Why would you like a refund?",
            "Por que você gostaria de receber o reembolso?",
            "¿Por qué quieres un reembolso?",
            "Για ποιον λόγο θέλετε επιστροφή χρημάτων;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::RefundConfirmationDate,
        text: [
            "On what date did we confirm your refund?",
            "Em que data confirmamos o seu reembolso?",
            "¿En qué fecha te confirmamos el reembolso?",
            "Ποια ημερομηνία σας επιβεβαιώσαμε την επιστροφή χρημάτων;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::DisputeReference,
        text: [
            "What case number did your bank or card issuer give you?",
            "Qual número de protocolo o seu banco ou a operadora do cartão informou?",
            "¿Qué número de caso te dio tu banco o el emisor de la tarjeta?",
            "Ποιον αριθμό υπόθεσης σας έδωσε η τράπεζά σας ή ο εκδότης της κάρτας;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::SubscriptionPlan,
        text: [
            "Which subscription plan is this about?",
            "De qual plano de assinatura se trata?",
            "¿De qué plan de suscripción se trata?",
            "Για ποιο πρόγραμμα συνδρομής πρόκειται;",
        ],
        answered_by: None,
    },
    BuiltinQuestion {
        id: Question::PixEndToEndId,
        text: [
            "What is the Pix end-to-end ID (it starts with E and appears on your bank's receipt)?",
            "Qual é o ID da transação Pix (código que começa com E e aparece no comprovante do seu banco)?",
            "¿Cuál es el ID de la transacción Pix (empieza por E y aparece en el comprobante de tu banco)?",
            "Ποιο είναι το αναγνωριστικό της συναλλαγής Pix (ξεκινά με E και εμφανίζεται στην απόδειξη της τράπεζάς σας);",
        ],
        answered_by: Some(Fact::PixPayment),
    },
    BuiltinQuestion {
        id: Question::BoletoLine,
        text: [
            "What is the boleto's digitable line (the number printed above the barcode)?",
            "Qual é a linha digitável do boleto (o número acima do código de barras)?",
            "¿Cuál es la línea digitable del boleto (el número impreso encima del código de barras)?",
            "Ποια είναι η ψηφιακή γραμμή του boleto (ο αριθμός που είναι τυπωμένος πάνω από τον γραμμωτό κώδικα);",
        ],
        answered_by: Some(Fact::BoletoPayment),
    },
    BuiltinQuestion {
        id: Question::WalletProvider,
        text: [
            "Which wallet did you use: PayPal, Apple Pay or Google Pay?",
            "Qual carteira digital você usou: PayPal, Apple Pay ou Google Pay?",
            "¿Qué billetera digital usaste: PayPal, Apple Pay o Google Pay?",
            "Ποιο ψηφιακό πορτοφόλι χρησιμοποιήσατε: PayPal, Apple Pay ή Google Pay;",
        ],
        answered_by: Some(Fact::WalletPayment),
    },
    BuiltinQuestion {
        id: Question::Description,
        text: [
            "Could you tell us what happened, step by step?",
            "Você pode nos contar o que aconteceu, passo a passo?",
            "¿Puedes contarnos qué pasó, paso a paso?",
            "Μπορείτε να μας πείτε τι συνέβη, βήμα προς βήμα;",
        ],
        answered_by: None,
    },];
