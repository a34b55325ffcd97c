//! The clarifying question: when triage is not sure of a category, it asks the customer to
//! choose between the two likely ones, in the customer's language.

use crate::comms::Locale;
use crate::ticket::Category;

/// A category as the customer reads it, after "about" ("sobre", "αφορά").
pub(crate) fn label(category: Category, locale: Locale) -> &'static str {
    locale.pick(match category {
        Category::PaymentFailed => [
            "a payment that did not go through",
            "um pagamento que não foi aprovado",
            "un pago que no se completó",
            "μια πληρωμή που δεν ολοκληρώθηκε",
        ],
        Category::ChargedTwice => [
            "being charged twice",
            "uma cobrança em duplicidade",
            "un cobro duplicado",
            "μια διπλή χρέωση",
        ],
        Category::UnrecognizedCharge => [
            "a charge you do not recognize",
            "uma cobrança que você não reconhece",
            "un cargo que no reconoces",
            "μια χρέωση που δεν αναγνωρίζετε",
        ],
        Category::RefundStatus => [
            "a refund you are waiting for",
            "um reembolso que você está aguardando",
            "un reembolso que estás esperando",
            "μια επιστροφή χρημάτων που περιμένετε",
        ],
        Category::RefundRequest => [
            "asking for a refund",
            "um pedido de reembolso",
            "una solicitud de reembolso",
            "ένα αίτημα επιστροφής χρημάτων",
        ],
        Category::DisputeOrChargeback => [
            "a dispute or chargeback with your bank",
            "uma contestação ou chargeback no seu banco",
            "una disputa o contracargo con tu banco",
            "μια αμφισβήτηση ή έναν αντιλογισμό χρέωσης με την τράπεζά σας",
        ],
        Category::SubscriptionOrCancellation => [
            "a subscription or cancelling it",
            "uma assinatura ou o cancelamento dela",
            "una suscripción o su cancelación",
            "μια συνδρομή ή την ακύρωσή της",
        ],
        Category::PixOrBoletoPending => [
            "a Pix or boleto payment still pending",
            "um Pix ou boleto ainda pendente",
            "un pago con Pix o boleto todavía pendiente",
            "μια πληρωμή Pix ή boleto που εκκρεμεί ακόμη",
        ],
        Category::WalletIssue => [
            "a digital wallet (PayPal, Apple Pay, Google Pay)",
            "uma carteira digital (PayPal, Apple Pay, Google Pay)",
            "una billetera digital (PayPal, Apple Pay, Google Pay)",
            "ένα ψηφιακό πορτοφόλι (PayPal, Apple Pay, Google Pay)",
        ],
        Category::Other => [
            "something else (delivery, sizes, invoices)",
            "outro assunto (entrega, tamanhos, notas fiscais)",
            "otro tema (envío, tallas, facturas)",
            "κάτι άλλο (παράδοση, μεγέθη, τιμολόγια)",
        ],
    })
}

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
            let (a, b) = (
                label(Category::RefundRequest, locale),
                label(Category::Other, locale),
            );
            let q = question(a, b, locale);
            assert!(q.contains(a) && q.contains(b), "{q}");
        }
    }
}
