//! The intake questions: what to ask on the first contact so that it can resolve the case,
//! each a stable code with its sentence in every customer language.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::comms::Locale;

/// An intake question, by its stable code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Question {
    /// The order number.
    OrderNumber,
    /// How the customer paid.
    PaymentMethod,
    /// When the customer paid.
    PaymentDate,
    /// The message shown when the payment failed.
    ErrorMessage,
    /// The dates of both charges (charged twice).
    ChargeDates,
    /// The amounts of both charges (charged twice).
    ChargeAmounts,
    /// The last four digits of the card.
    CardLast4,
    /// The date of the charge.
    ChargeDate,
    /// The amount of the charge.
    ChargeAmount,
    /// The name on the card statement.
    StatementDescriptor,
    /// Why the customer wants a refund.
    RefundReason,
    /// When the refund was confirmed to the customer.
    RefundConfirmationDate,
    /// The bank's or card issuer's case number.
    DisputeReference,
    /// The subscription plan.
    SubscriptionPlan,
    /// The Pix end-to-end id (E2E).
    PixEndToEndId,
    /// The boleto's digitable line.
    BoletoLine,
    /// Which wallet (PayPal, Apple Pay, Google Pay).
    WalletProvider,
    /// What happened, in the customer's words.
    Description,
}

impl Question {
    /// The question as the customer reads it.
    pub fn text(self, locale: Locale) -> &'static str {
        locale.pick(self.texts())
    }

    /// The sentences in en, pt-BR, es, el.
    fn texts(self) -> [&'static str; 4] {
        match self {
            Self::OrderNumber => [
                "What is your order number?",
                "Qual é o número do seu pedido?",
                "¿Cuál es el número de tu pedido?",
                "Ποιος είναι ο αριθμός της παραγγελίας σας;",
            ],
            Self::PaymentMethod => [
                "How did you pay: card, Pix, boleto or a digital wallet?",
                "Como você pagou: cartão, Pix, boleto ou carteira digital?",
                "¿Cómo pagaste: con tarjeta, Pix, boleto o una billetera digital?",
                "Πώς πληρώσατε: με κάρτα, Pix, boleto ή ψηφιακό πορτοφόλι;",
            ],
            Self::PaymentDate => [
                "On what date did you pay?",
                "Em que data você fez o pagamento?",
                "¿En qué fecha hiciste el pago?",
                "Ποια ημερομηνία κάνατε την πληρωμή;",
            ],
            Self::ErrorMessage => [
                "What message did you see when the payment failed?",
                "Qual mensagem apareceu quando o pagamento falhou?",
                "¿Qué mensaje apareció cuando falló el pago?",
                "Ποιο μήνυμα εμφανίστηκε όταν απέτυχε η πληρωμή;",
            ],
            Self::ChargeDates => [
                "On what dates do the two charges appear?",
                "Em quais datas aparecem as duas cobranças?",
                "¿En qué fechas aparecen los dos cargos?",
                "Σε ποιες ημερομηνίες εμφανίζονται οι δύο χρεώσεις;",
            ],
            Self::ChargeAmounts => [
                "What is the amount of each of the two charges?",
                "Qual é o valor de cada uma das duas cobranças?",
                "¿Cuál es el importe de cada uno de los dos cargos?",
                "Ποιο είναι το ποσό καθεμιάς από τις δύο χρεώσεις;",
            ],
            Self::CardLast4 => [
                "What are the last 4 digits of the card? Please never send the full number.",
                "Quais são os 4 últimos dígitos do cartão? Por favor, nunca envie o número completo.",
                "¿Cuáles son los 4 últimos dígitos de la tarjeta? Por favor, nunca envíes el número completo.",
                "Ποια είναι τα 4 τελευταία ψηφία της κάρτας; Παρακαλούμε μη στέλνετε ποτέ ολόκληρο τον αριθμό.",
            ],
            Self::ChargeDate => [
                "On what date does the charge appear?",
                "Em que data aparece a cobrança?",
                "¿En qué fecha aparece el cargo?",
                "Ποια ημερομηνία εμφανίζεται η χρέωση;",
            ],
            Self::ChargeAmount => [
                "What is the amount of the charge?",
                "Qual é o valor da cobrança?",
                "¿Cuál es el importe del cargo?",
                "Ποιο είναι το ποσό της χρέωσης;",
            ],
            Self::StatementDescriptor => [
                "What name appears next to the charge on your statement?",
                "Qual nome aparece ao lado da cobrança na sua fatura?",
                "¿Qué nombre aparece junto al cargo en tu extracto?",
                "Ποιο όνομα εμφανίζεται δίπλα στη χρέωση στην κατάστασή σας;",
            ],
            Self::RefundReason => [
                "Why would you like a refund?",
                "Por que você gostaria de receber o reembolso?",
                "¿Por qué quieres un reembolso?",
                "Για ποιον λόγο θέλετε επιστροφή χρημάτων;",
            ],
            Self::RefundConfirmationDate => [
                "On what date did we confirm your refund?",
                "Em que data confirmamos o seu reembolso?",
                "¿En qué fecha te confirmamos el reembolso?",
                "Ποια ημερομηνία σας επιβεβαιώσαμε την επιστροφή χρημάτων;",
            ],
            Self::DisputeReference => [
                "What case number did your bank or card issuer give you?",
                "Qual número de protocolo o seu banco ou a operadora do cartão informou?",
                "¿Qué número de caso te dio tu banco o el emisor de la tarjeta?",
                "Ποιον αριθμό υπόθεσης σας έδωσε η τράπεζά σας ή ο εκδότης της κάρτας;",
            ],
            Self::SubscriptionPlan => [
                "Which subscription plan is this about?",
                "De qual plano de assinatura se trata?",
                "¿De qué plan de suscripción se trata?",
                "Για ποιο πρόγραμμα συνδρομής πρόκειται;",
            ],
            Self::PixEndToEndId => [
                "What is the Pix end-to-end ID (it starts with E and appears on your bank's receipt)?",
                "Qual é o ID da transação Pix (código que começa com E e aparece no comprovante do seu banco)?",
                "¿Cuál es el ID de la transacción Pix (empieza por E y aparece en el comprobante de tu banco)?",
                "Ποιο είναι το αναγνωριστικό της συναλλαγής Pix (ξεκινά με E και εμφανίζεται στην απόδειξη της τράπεζάς σας);",
            ],
            Self::BoletoLine => [
                "What is the boleto's digitable line (the number printed above the barcode)?",
                "Qual é a linha digitável do boleto (o número acima do código de barras)?",
                "¿Cuál es la línea digitable del boleto (el número impreso encima del código de barras)?",
                "Ποια είναι η ψηφιακή γραμμή του boleto (ο αριθμός που είναι τυπωμένος πάνω από τον γραμμωτό κώδικα);",
            ],
            Self::WalletProvider => [
                "Which wallet did you use: PayPal, Apple Pay or Google Pay?",
                "Qual carteira digital você usou: PayPal, Apple Pay ou Google Pay?",
                "¿Qué billetera digital usaste: PayPal, Apple Pay o Google Pay?",
                "Ποιο ψηφιακό πορτοφόλι χρησιμοποιήσατε: PayPal, Apple Pay ή Google Pay;",
            ],
            Self::Description => [
                "Could you tell us what happened, step by step?",
                "Você pode nos contar o que aconteceu, passo a passo?",
                "¿Puedes contarnos qué pasó, paso a paso?",
                "Μπορείτε να μας πείτε τι συνέβη, βήμα προς βήμα;",
            ],
        }
    }
}
