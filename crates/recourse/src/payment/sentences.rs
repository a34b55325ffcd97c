//! Every decline reason as the customer reads it and as the agent reads it, in
//! `[en, pt-BR, es, el]`. A `match`, so that a new reason without sentences does not build.

use super::reason::{DeclineReason, Sentences};

/// The customer's sentence of a reason (a risk reason the store does not disclose is never
/// rendered with this: it reads as [`DeclineReason::IssuerDeclined`]).
pub(crate) fn customer_sentences(reason: DeclineReason) -> Sentences {
    use DeclineReason as R;
    match reason {
        R::AuthenticationRequired => CUSTOMER_AUTHENTICATION_REQUIRED,
        R::IssuerDeclined | R::Unknown => CUSTOMER_ISSUER_DECLINED,
        R::NotPermitted => CUSTOMER_NOT_PERMITTED,
        R::LimitExceeded => CUSTOMER_LIMIT_EXCEEDED,
        R::DuplicateTransaction => CUSTOMER_DUPLICATE_TRANSACTION,
        R::ExpiredCard => CUSTOMER_EXPIRED_CARD,
        R::FraudSuspected => CUSTOMER_FRAUD_SUSPECTED,
        R::InvalidCardNumber => CUSTOMER_INVALID_CARD_NUMBER,
        R::IncorrectCvc => CUSTOMER_INCORRECT_CVC,
        R::InvalidExpiry => CUSTOMER_INVALID_EXPIRY,
        R::IncorrectAddress => CUSTOMER_INCORRECT_ADDRESS,
        R::IncorrectPin => CUSTOMER_INCORRECT_PIN,
        R::InsufficientFunds => CUSTOMER_INSUFFICIENT_FUNDS,
        R::AccountClosed => CUSTOMER_ACCOUNT_CLOSED,
        R::NewAccountInformation => CUSTOMER_NEW_ACCOUNT_INFORMATION,
        R::InvalidAmount => CUSTOMER_INVALID_AMOUNT,
        R::IssuerUnavailable | R::ProcessingError => CUSTOMER_ISSUER_UNAVAILABLE,
        R::TryAgainLater | R::ExcessiveRetries => CUSTOMER_TRY_AGAIN_LATER,
        R::LostCard => CUSTOMER_LOST_CARD,
        R::StolenCard => CUSTOMER_STOLEN_CARD,
        R::CardBlocked => CUSTOMER_CARD_BLOCKED,
        R::Blocklisted => CUSTOMER_BLOCKLISTED,
        R::StopPayment => CUSTOMER_STOP_PAYMENT,
        R::TestCard => CUSTOMER_TEST_CARD,
        R::Cancelled => CUSTOMER_CANCELLED,
    }
}

/// The reason as the agent reads it.
pub(crate) fn reason_label(reason: DeclineReason) -> Sentences {
    use DeclineReason as R;
    match reason {
        R::AuthenticationRequired => LABEL_AUTHENTICATION_REQUIRED,
        R::IssuerDeclined => LABEL_ISSUER_DECLINED,
        R::NotPermitted => LABEL_NOT_PERMITTED,
        R::LimitExceeded => LABEL_LIMIT_EXCEEDED,
        R::DuplicateTransaction => LABEL_DUPLICATE_TRANSACTION,
        R::ExpiredCard => LABEL_EXPIRED_CARD,
        R::FraudSuspected => LABEL_FRAUD_SUSPECTED,
        R::InvalidCardNumber => LABEL_INVALID_CARD_NUMBER,
        R::IncorrectCvc => LABEL_INCORRECT_CVC,
        R::InvalidExpiry => LABEL_INVALID_EXPIRY,
        R::IncorrectAddress => LABEL_INCORRECT_ADDRESS,
        R::IncorrectPin => LABEL_INCORRECT_PIN,
        R::InsufficientFunds => LABEL_INSUFFICIENT_FUNDS,
        R::AccountClosed => LABEL_ACCOUNT_CLOSED,
        R::NewAccountInformation => LABEL_NEW_ACCOUNT_INFORMATION,
        R::InvalidAmount => LABEL_INVALID_AMOUNT,
        R::IssuerUnavailable => LABEL_ISSUER_UNAVAILABLE,
        R::ProcessingError => LABEL_PROCESSING_ERROR,
        R::TryAgainLater => LABEL_TRY_AGAIN_LATER,
        R::LostCard => LABEL_LOST_CARD,
        R::StolenCard => LABEL_STOLEN_CARD,
        R::CardBlocked => LABEL_CARD_BLOCKED,
        R::Blocklisted => LABEL_BLOCKLISTED,
        R::StopPayment => LABEL_STOP_PAYMENT,
        R::TestCard => LABEL_TEST_CARD,
        R::Cancelled => LABEL_CANCELLED,
        R::ExcessiveRetries => LABEL_EXCESSIVE_RETRIES,
        R::Unknown => LABEL_UNKNOWN,
    }
}

const CUSTOMER_AUTHENTICATION_REQUIRED: Sentences = [
    "Your bank asks you to confirm this payment. Please try again and complete the verification step.",
    "Seu banco pede que você confirme este pagamento. Tente de novo e conclua a etapa de verificação.",
    "Tu banco pide que confirmes este pago. Inténtalo de nuevo y completa el paso de verificación.",
    "Η τράπεζά σας ζητά να επιβεβαιώσετε αυτή την πληρωμή. Δοκιμάστε ξανά και ολοκληρώστε το βήμα επαλήθευσης.",
];

const CUSTOMER_ISSUER_DECLINED: Sentences = [
    "Your bank declined the payment without giving us a reason. Please contact your bank.",
    "Seu banco recusou o pagamento sem nos informar o motivo. Entre em contato com o seu banco.",
    "Tu banco rechazó el pago sin indicarnos el motivo. Ponte en contacto con tu banco.",
    "Η τράπεζά σας απέρριψε την πληρωμή χωρίς να μας πει τον λόγο. Επικοινωνήστε με την τράπεζά σας.",
];

const CUSTOMER_NOT_PERMITTED: Sentences = [
    "Your card cannot be used for this purchase.",
    "Seu cartão não pode ser usado para esta compra.",
    "Tu tarjeta no se puede usar para esta compra.",
    "Η κάρτα σας δεν μπορεί να χρησιμοποιηθεί για αυτή την αγορά.",
];

const CUSTOMER_LIMIT_EXCEEDED: Sentences = [
    "Your card has reached a spending limit. You can try again later or ask your bank to raise it.",
    "Seu cartão atingiu um limite de gastos. Você pode tentar mais tarde ou pedir ao seu banco que o aumente.",
    "Tu tarjeta alcanzó un límite de gasto. Puedes intentarlo más tarde o pedir a tu banco que lo aumente.",
    "Η κάρτα σας έφτασε σε όριο δαπανών. Μπορείτε να δοκιμάσετε αργότερα ή να ζητήσετε από την τράπεζά σας να το αυξήσει.",
];

const CUSTOMER_DUPLICATE_TRANSACTION: Sentences = [
    "This payment looks like one you just made. Please check whether the first one went through before paying again.",
    "Este pagamento parece igual a um que você acabou de fazer. Verifique se o primeiro foi aprovado antes de pagar de novo.",
    "Este pago parece igual a uno que acabas de hacer. Comprueba si el primero se aprobó antes de pagar de nuevo.",
    "Αυτή η πληρωμή μοιάζει με μία που μόλις κάνατε. Ελέγξτε αν η πρώτη εγκρίθηκε πριν πληρώσετε ξανά.",
];

const CUSTOMER_EXPIRED_CARD: Sentences = [
    "Your card has expired. Please use another card.",
    "Seu cartão está vencido. Use outro cartão.",
    "Tu tarjeta está vencida. Usa otra tarjeta.",
    "Η κάρτα σας έχει λήξει. Χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_FRAUD_SUSPECTED: Sentences = [
    "Your bank stopped this payment as a security precaution. Please contact your bank.",
    "Seu banco bloqueou este pagamento por precaução de segurança. Entre em contato com o seu banco.",
    "Tu banco detuvo este pago como medida de seguridad. Ponte en contacto con tu banco.",
    "Η τράπεζά σας σταμάτησε αυτή την πληρωμή για λόγους ασφαλείας. Επικοινωνήστε με την τράπεζά σας.",
];

const CUSTOMER_INVALID_CARD_NUMBER: Sentences = [
    "The card number is not correct. Please check it and try again.",
    "O número do cartão não está correto. Confira e tente de novo.",
    "El número de la tarjeta no es correcto. Revísalo e inténtalo de nuevo.",
    "Ο αριθμός της κάρτας δεν είναι σωστός. Ελέγξτε τον και δοκιμάστε ξανά.",
];

const CUSTOMER_INCORRECT_CVC: Sentences = [
    "The security code (CVC) is not correct. Please check it and try again.",
    "O código de segurança (CVV) não está correto. Confira e tente de novo.",
    "El código de seguridad (CVC) no es correcto. Revísalo e inténtalo de nuevo.",
    "Ο κωδικός ασφαλείας (CVC) δεν είναι σωστός. Ελέγξτε τον και δοκιμάστε ξανά.",
];

const CUSTOMER_INVALID_EXPIRY: Sentences = [
    "The card's expiry date is not correct. Please check it and try again.",
    "A data de validade do cartão não está correta. Confira e tente de novo.",
    "La fecha de caducidad de la tarjeta no es correcta. Revísala e inténtalo de nuevo.",
    "Η ημερομηνία λήξης της κάρτας δεν είναι σωστή. Ελέγξτε την και δοκιμάστε ξανά.",
];

const CUSTOMER_INCORRECT_ADDRESS: Sentences = [
    "The billing address or postal code does not match your card. Please check it and try again.",
    "O endereço de cobrança ou o CEP não confere com o seu cartão. Confira e tente de novo.",
    "La dirección de facturación o el código postal no coincide con tu tarjeta. Revísalo e inténtalo de nuevo.",
    "Η διεύθυνση χρέωσης ή ο ταχυδρομικός κώδικας δεν αντιστοιχεί στην κάρτα σας. Ελέγξτε τα και δοκιμάστε ξανά.",
];

const CUSTOMER_INCORRECT_PIN: Sentences = [
    "The PIN was not accepted. Please try again with the correct PIN or use another card.",
    "A senha não foi aceita. Tente de novo com a senha correta ou use outro cartão.",
    "El PIN no fue aceptado. Inténtalo de nuevo con el PIN correcto o usa otra tarjeta.",
    "Το PIN δεν έγινε δεκτό. Δοκιμάστε ξανά με το σωστό PIN ή χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_INSUFFICIENT_FUNDS: Sentences = [
    "The card does not have enough funds or credit for this payment. You can try again later.",
    "O cartão não tem saldo ou limite suficiente para este pagamento. Você pode tentar mais tarde.",
    "La tarjeta no tiene fondos o crédito suficientes para este pago. Puedes intentarlo más tarde.",
    "Η κάρτα δεν έχει αρκετό υπόλοιπο ή πίστωση για αυτή την πληρωμή. Μπορείτε να δοκιμάσετε αργότερα.",
];

const CUSTOMER_ACCOUNT_CLOSED: Sentences = [
    "The account behind this card is no longer active. Please use another card.",
    "A conta vinculada a este cartão não está mais ativa. Use outro cartão.",
    "La cuenta de esta tarjeta ya no está activa. Usa otra tarjeta.",
    "Ο λογαριασμός αυτής της κάρτας δεν είναι πλέον ενεργός. Χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_NEW_ACCOUNT_INFORMATION: Sentences = [
    "Your bank has issued new details for this card. Please enter the new card details.",
    "Seu banco emitiu novos dados para este cartão. Informe os dados do novo cartão.",
    "Tu banco emitió nuevos datos para esta tarjeta. Introduce los datos de la nueva tarjeta.",
    "Η τράπεζά σας εξέδωσε νέα στοιχεία για αυτή την κάρτα. Εισαγάγετε τα νέα στοιχεία της κάρτας.",
];

const CUSTOMER_INVALID_AMOUNT: Sentences = [
    "Your bank did not accept the amount of this payment. Please ask your bank about your card's limit.",
    "Seu banco não aceitou o valor deste pagamento. Consulte o seu banco sobre o limite do cartão.",
    "Tu banco no aceptó el importe de este pago. Consulta a tu banco sobre el límite de tu tarjeta.",
    "Η τράπεζά σας δεν αποδέχτηκε το ποσό αυτής της πληρωμής. Ρωτήστε την τράπεζά σας για το όριο της κάρτας.",
];

const CUSTOMER_ISSUER_UNAVAILABLE: Sentences = [
    "We could not reach your bank just now. Please try again in a few minutes.",
    "Não conseguimos falar com o seu banco agora. Tente de novo em alguns minutos.",
    "No pudimos comunicarnos con tu banco en este momento. Inténtalo de nuevo en unos minutos.",
    "Δεν μπορέσαμε να επικοινωνήσουμε με την τράπεζά σας αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγα λεπτά.",
];

const CUSTOMER_TRY_AGAIN_LATER: Sentences = [
    "Your bank cannot approve the payment right now. Please try again later.",
    "Seu banco não pode aprovar o pagamento agora. Tente de novo mais tarde.",
    "Tu banco no puede aprobar el pago en este momento. Inténtalo de nuevo más tarde.",
    "Η τράπεζά σας δεν μπορεί να εγκρίνει την πληρωμή αυτή τη στιγμή. Δοκιμάστε ξανά αργότερα.",
];

const CUSTOMER_LOST_CARD: Sentences = [
    "This card was reported lost. Please use another card.",
    "Este cartão foi informado como perdido. Use outro cartão.",
    "Esta tarjeta fue reportada como perdida. Usa otra tarjeta.",
    "Αυτή η κάρτα έχει δηλωθεί χαμένη. Χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_STOLEN_CARD: Sentences = [
    "This card was reported stolen. Please use another card.",
    "Este cartão foi informado como roubado. Use outro cartão.",
    "Esta tarjeta fue reportada como robada. Usa otra tarjeta.",
    "Αυτή η κάρτα έχει δηλωθεί κλεμμένη. Χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_CARD_BLOCKED: Sentences = [
    "Your bank has blocked this card. Please contact your bank or use another card.",
    "Seu banco bloqueou este cartão. Entre em contato com o seu banco ou use outro cartão.",
    "Tu banco bloqueó esta tarjeta. Ponte en contacto con tu banco o usa otra tarjeta.",
    "Η τράπεζά σας έχει μπλοκάρει αυτή την κάρτα. Επικοινωνήστε με την τράπεζά σας ή χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_BLOCKLISTED: Sentences = [
    "We cannot accept this card for this purchase.",
    "Não podemos aceitar este cartão para esta compra.",
    "No podemos aceptar esta tarjeta para esta compra.",
    "Δεν μπορούμε να δεχτούμε αυτή την κάρτα για αυτή την αγορά.",
];

const CUSTOMER_STOP_PAYMENT: Sentences = [
    "Your bank tells us you asked to stop this recurring payment, so we will not charge this card again. Contact us if you want to continue.",
    "Seu banco nos informou que você pediu para suspender este pagamento recorrente, por isso não vamos cobrar este cartão de novo. Fale conosco se quiser continuar.",
    "Tu banco nos informa que pediste detener este pago recurrente, así que no volveremos a cobrar esta tarjeta. Contáctanos si quieres continuar.",
    "Η τράπεζά σας μας ενημέρωσε ότι ζητήσατε τη διακοπή αυτής της επαναλαμβανόμενης πληρωμής, οπότε δεν θα χρεώσουμε ξανά αυτή την κάρτα. Επικοινωνήστε μαζί μας αν θέλετε να συνεχίσετε.",
];

const CUSTOMER_TEST_CARD: Sentences = [
    "This card cannot be used for real purchases. Please use another card.",
    "Este cartão não pode ser usado em compras reais. Use outro cartão.",
    "Esta tarjeta no se puede usar para compras reales. Usa otra tarjeta.",
    "Αυτή η κάρτα δεν μπορεί να χρησιμοποιηθεί για πραγματικές αγορές. Χρησιμοποιήστε άλλη κάρτα.",
];

const CUSTOMER_CANCELLED: Sentences = [
    "The payment was cancelled before it was completed. You can try again when you are ready.",
    "O pagamento foi cancelado antes de ser concluído. Você pode tentar de novo quando quiser.",
    "El pago se canceló antes de completarse. Puedes intentarlo de nuevo cuando quieras.",
    "Η πληρωμή ακυρώθηκε πριν ολοκληρωθεί. Μπορείτε να δοκιμάσετε ξανά όποτε θέλετε.",
];

const LABEL_AUTHENTICATION_REQUIRED: Sentences = [
    "Authentication (3-D Secure) required",
    "Autenticação (3-D Secure) exigida",
    "Autenticación (3-D Secure) requerida",
    "Απαιτείται ταυτοποίηση (3-D Secure)",
];

const LABEL_ISSUER_DECLINED: Sentences = [
    "Issuer declined without a reason",
    "Emissor recusou sem motivo",
    "El emisor rechazó sin motivo",
    "Ο εκδότης απέρριψε χωρίς αιτιολογία",
];

const LABEL_NOT_PERMITTED: Sentences = [
    "Card not permitted for this purchase",
    "Cartão não permitido para esta compra",
    "Tarjeta no permitida para esta compra",
    "Η κάρτα δεν επιτρέπεται για αυτή την αγορά",
];

const LABEL_LIMIT_EXCEEDED: Sentences = [
    "Card limit exceeded",
    "Limite do cartão excedido",
    "Límite de la tarjeta superado",
    "Υπέρβαση ορίου κάρτας",
];

const LABEL_DUPLICATE_TRANSACTION: Sentences = [
    "Duplicate transaction",
    "Transação duplicada",
    "Transacción duplicada",
    "Διπλή συναλλαγή",
];

const LABEL_EXPIRED_CARD: Sentences = [
    "Expired card",
    "Cartão vencido",
    "Tarjeta vencida",
    "Ληγμένη κάρτα",
];

const LABEL_FRAUD_SUSPECTED: Sentences = [
    "Suspected fraud (risk)",
    "Suspeita de fraude (risco)",
    "Sospecha de fraude (riesgo)",
    "Υποψία απάτης (κίνδυνος)",
];

const LABEL_INVALID_CARD_NUMBER: Sentences = [
    "Invalid card number",
    "Número de cartão inválido",
    "Número de tarjeta no válido",
    "Μη έγκυρος αριθμός κάρτας",
];

const LABEL_INCORRECT_CVC: Sentences = [
    "Incorrect security code",
    "Código de segurança incorreto",
    "Código de seguridad incorrecto",
    "Λανθασμένος κωδικός ασφαλείας",
];

const LABEL_INVALID_EXPIRY: Sentences = [
    "Invalid expiry date",
    "Data de validade inválida",
    "Fecha de caducidad no válida",
    "Μη έγκυρη ημερομηνία λήξης",
];

const LABEL_INCORRECT_ADDRESS: Sentences = [
    "Address or postal code mismatch",
    "Endereço ou CEP não confere",
    "Dirección o código postal no coincide",
    "Αναντιστοιχία διεύθυνσης ή ταχυδρομικού κώδικα",
];

const LABEL_INCORRECT_PIN: Sentences = [
    "Incorrect PIN",
    "Senha incorreta",
    "PIN incorrecto",
    "Λανθασμένο PIN",
];

const LABEL_INSUFFICIENT_FUNDS: Sentences = [
    "Insufficient funds",
    "Saldo insuficiente",
    "Fondos insuficientes",
    "Ανεπαρκές υπόλοιπο",
];

const LABEL_ACCOUNT_CLOSED: Sentences = [
    "Account closed or invalid",
    "Conta encerrada ou inválida",
    "Cuenta cerrada o no válida",
    "Κλειστός ή άκυρος λογαριασμός",
];

const LABEL_NEW_ACCOUNT_INFORMATION: Sentences = [
    "New card details available",
    "Novos dados do cartão disponíveis",
    "Nuevos datos de tarjeta disponibles",
    "Διαθέσιμα νέα στοιχεία κάρτας",
];

const LABEL_INVALID_AMOUNT: Sentences = [
    "Invalid amount",
    "Valor inválido",
    "Importe no válido",
    "Μη έγκυρο ποσό",
];

const LABEL_ISSUER_UNAVAILABLE: Sentences = [
    "Issuer unavailable",
    "Emissor indisponível",
    "Emisor no disponible",
    "Ο εκδότης δεν είναι διαθέσιμος",
];

const LABEL_PROCESSING_ERROR: Sentences = [
    "Processing error",
    "Erro de processamento",
    "Error de procesamiento",
    "Σφάλμα επεξεργασίας",
];

const LABEL_TRY_AGAIN_LATER: Sentences = [
    "Temporary refusal",
    "Recusa temporária",
    "Rechazo temporal",
    "Προσωρινή άρνηση",
];

const LABEL_LOST_CARD: Sentences = [
    "Card reported lost (risk)",
    "Cartão informado como perdido (risco)",
    "Tarjeta reportada como perdida (riesgo)",
    "Κάρτα δηλωμένη ως χαμένη (κίνδυνος)",
];

const LABEL_STOLEN_CARD: Sentences = [
    "Card reported stolen (risk)",
    "Cartão informado como roubado (risco)",
    "Tarjeta reportada como robada (riesgo)",
    "Κάρτα δηλωμένη ως κλεμμένη (κίνδυνος)",
];

const LABEL_CARD_BLOCKED: Sentences = [
    "Card blocked by the issuer (risk)",
    "Cartão bloqueado pelo emissor (risco)",
    "Tarjeta bloqueada por el emisor (riesgo)",
    "Κάρτα μπλοκαρισμένη από τον εκδότη (κίνδυνος)",
];

const LABEL_BLOCKLISTED: Sentences = [
    "Card on the store's blocklist (risk)",
    "Cartão na lista de bloqueio da loja (risco)",
    "Tarjeta en la lista de bloqueo de la tienda (riesgo)",
    "Κάρτα στη λίστα αποκλεισμού του καταστήματος (κίνδυνος)",
];

const LABEL_STOP_PAYMENT: Sentences = [
    "Cardholder stopped the recurring payment",
    "Portador suspendeu o pagamento recorrente",
    "El titular detuvo el pago recurrente",
    "Ο κάτοχος διέκοψε την επαναλαμβανόμενη πληρωμή",
];

const LABEL_TEST_CARD: Sentences = [
    "Test card in live mode",
    "Cartão de teste em produção",
    "Tarjeta de prueba en producción",
    "Δοκιμαστική κάρτα σε παραγωγή",
];

const LABEL_CANCELLED: Sentences = [
    "Payment cancelled",
    "Pagamento cancelado",
    "Pago cancelado",
    "Η πληρωμή ακυρώθηκε",
];

const LABEL_EXCESSIVE_RETRIES: Sentences = [
    "Blocked to avoid excessive-retry fees",
    "Bloqueado para evitar tarifas de retentativa excessiva",
    "Bloqueado para evitar tarifas por reintentos excesivos",
    "Μπλοκαρίστηκε για αποφυγή χρεώσεων υπερβολικών απόπειρων",
];

const LABEL_UNKNOWN: Sentences = [
    "Unknown code: no table knows it",
    "Código desconhecido: nenhuma tabela o conhece",
    "Código desconocido: ninguna tabla lo conoce",
    "Άγνωστος κωδικός: κανένας πίνακας δεν τον γνωρίζει",
];
