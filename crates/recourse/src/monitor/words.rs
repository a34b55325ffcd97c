//! Alerts and their sentences: what the payment team should do and what the support team
//! should tell the customer, in English, Brazilian Portuguese, Spanish and Greek.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::comms::format::push_money;
use crate::comms::Locale;
use crate::money::Money;

/// The kind of an alert (stable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// One purchase paid twice.
    DuplicateCharge,
    /// A Pix charge passed its expiry unpaid.
    PixExpired,
    /// A boleto unpaid past its due day and the clearing days.
    BoletoUnpaid,
    /// A paid boleto not confirmed by the bank in time.
    BoletoConfirmationOverdue,
    /// An authorization about to lapse uncaptured.
    AuthorizationExpiring,
    /// An authorization lapsed uncaptured.
    AuthorizationExpired,
    /// A refund late past its timeline.
    RefundOverdue,
    /// A refund failed after it was accepted.
    RefundFailed,
    /// A Pix refund asked for too late.
    PixRefundWindowPassed,
    /// A checkout or 3-D Secure challenge left open.
    CheckoutAbandoned,
    /// The authorization rate dropped (declines rose).
    AuthorizationRateDrop,
    /// Refund failures rose.
    RefundFailureSpike,
    /// Early fraud warnings rose.
    FraudWarningSpike,
}

/// How urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth a look.
    Low,
    /// Act today.
    Medium,
    /// Act now: money is wrong or about to be lost.
    High,
}

/// An alert: its kind, severity, the ids it concerns, the rule that raised it and what
/// each team should do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Alert {
    /// The kind.
    pub kind: AlertKind,
    /// The severity.
    pub severity: Severity,
    /// The ids it concerns.
    pub ids: Vec<String>,
    /// The rule it cites (`monitor.duplicates.recourse`, `monitor.stuck.grace`).
    pub rule: String,
    /// What the payment team should do.
    pub payment_team: String,
    /// What the support team should do or say.
    pub support_team: String,
}

type Pair = [&'static str; 2];

/// `[payment team, support team]` per language `[en, pt-BR, es, el]`.
fn templates(kind: AlertKind) -> [Pair; 4] {
    use AlertKind as K;
    match kind {
        K::DuplicateCharge => [
            ["Refund the duplicate charge of {amount} (the suggested refund.evaluate request), and check the checkout for double submits.", "Tell the customer before they write: the second charge of {amount} is being refunded in full."],
            ["Reembolse a cobrança duplicada de {amount} (a requisição refund.evaluate sugerida) e verifique envios duplos no checkout.", "Avise o cliente antes que ele escreva: a segunda cobrança de {amount} será reembolsada integralmente."],
            ["Reembolse el cargo duplicado de {amount} (la solicitud refund.evaluate sugerida) y revise envíos dobles en el checkout.", "Avise al cliente antes de que escriba: el segundo cargo de {amount} se reembolsa por completo."],
            ["Επιστρέψτε τη διπλή χρέωση {amount} (το προτεινόμενο αίτημα refund.evaluate) και ελέγξτε το ταμείο για διπλές υποβολές.", "Ενημερώστε τον πελάτη πριν γράψει: η δεύτερη χρέωση {amount} επιστρέφεται ολόκληρη."],
        ],
        K::PixExpired => [
            ["The Pix charge of {amount} expired unpaid: release the order's stock or issue a new charge.", "Offer a new Pix code: the old one expired and can no longer be paid."],
            ["A cobrança Pix de {amount} expirou sem pagamento: libere o estoque do pedido ou gere nova cobrança.", "Ofereça um novo código Pix: o anterior expirou e não pode mais ser pago."],
            ["El cobro Pix de {amount} expiró sin pago: libere el stock del pedido o genere un cobro nuevo.", "Ofrezca un código Pix nuevo: el anterior expiró y ya no se puede pagar."],
            ["Η χρέωση Pix {amount} έληξε απλήρωτη: αποδεσμεύστε το απόθεμα ή εκδώστε νέα χρέωση.", "Προσφέρετε νέο κωδικό Pix: ο προηγούμενος έληξε και δεν πληρώνεται πια."],
        ],
        K::BoletoUnpaid => [
            ["The boleto of {amount} was not paid by its due day plus the clearing days: cancel it and release the order.", "Tell the customer the boleto expired unpaid and offer a new one or Pix."],
            ["O boleto de {amount} não foi pago até o vencimento mais os dias de compensação: cancele-o e libere o pedido.", "Diga ao cliente que o boleto venceu sem pagamento e ofereça um novo ou Pix."],
            ["El boleto de {amount} no se pagó hasta su vencimiento más los días de compensación: cancélelo y libere el pedido.", "Diga al cliente que el boleto venció sin pago y ofrezca uno nuevo o Pix."],
            ["Το boleto {amount} δεν πληρώθηκε ως τη λήξη του και τις ημέρες συμψηφισμού: ακυρώστε το και αποδεσμεύστε την παραγγελία.", "Πείτε στον πελάτη ότι το boleto έληξε απλήρωτο και προσφέρετε νέο ή Pix."],
        ],
        K::BoletoConfirmationOverdue => [
            ["The paid boleto of {amount} is not confirmed past the clearing days: ask the bank or PSP.", "Tell the customer the payment was received by the bank and is still clearing; no new payment is needed."],
            ["O boleto pago de {amount} não foi confirmado após os dias de compensação: consulte o banco ou PSP.", "Diga ao cliente que o banco recebeu o pagamento e ainda está compensando; não precisa pagar de novo."],
            ["El boleto pagado de {amount} no se confirmó tras los días de compensación: consulte al banco o PSP.", "Diga al cliente que el banco recibió el pago y sigue en compensación; no hace falta pagar de nuevo."],
            ["Το πληρωμένο boleto {amount} δεν επιβεβαιώθηκε μετά τις ημέρες συμψηφισμού: ρωτήστε την τράπεζα ή τον PSP.", "Πείτε στον πελάτη ότι η τράπεζα έλαβε την πληρωμή και εκκαθαρίζεται· δεν χρειάζεται νέα πληρωμή."],
        ],
        K::AuthorizationExpiring => [
            ["Capture the authorization of {amount} before it lapses, or release it if the order will not ship.", "Nothing to tell the customer yet: the amount is held, not charged."],
            ["Capture a autorização de {amount} antes que expire, ou libere-a se o pedido não for enviado.", "Nada a dizer ao cliente ainda: o valor está reservado, não cobrado."],
            ["Capture la autorización de {amount} antes de que caduque, o libérela si el pedido no se enviará.", "Nada que decir al cliente todavía: el importe está retenido, no cobrado."],
            ["Κάντε δέσμευση (capture) της εξουσιοδότησης {amount} πριν λήξει, ή αποδεσμεύστε την αν η παραγγελία δεν αποσταλεί.", "Τίποτα προς τον πελάτη ακόμη: το ποσό είναι δεσμευμένο, όχι χρεωμένο."],
        ],
        K::AuthorizationExpired => [
            ["The authorization of {amount} lapsed uncaptured: authorize again before shipping.", "Tell the customer the hold was released and the card was not charged."],
            ["A autorização de {amount} expirou sem captura: autorize de novo antes de enviar.", "Diga ao cliente que a reserva foi liberada e o cartão não foi cobrado."],
            ["La autorización de {amount} caducó sin captura: autorice de nuevo antes de enviar.", "Diga al cliente que la retención se liberó y la tarjeta no fue cobrada."],
            ["Η εξουσιοδότηση {amount} έληξε χωρίς capture: εξουσιοδοτήστε ξανά πριν την αποστολή.", "Πείτε στον πελάτη ότι η δέσμευση αποδεσμεύτηκε και η κάρτα δεν χρεώθηκε."],
        ],
        K::RefundOverdue => [
            ["The refund of {amount} is late past its timeline: ask the processor for its status and the acquirer reference.", "Tell the customer the refund was sent and share its reference; the bank is late."],
            ["O reembolso de {amount} está atrasado: consulte o status no processador e a referência do adquirente.", "Diga ao cliente que o reembolso foi enviado e passe a referência; o banco está atrasado."],
            ["El reembolso de {amount} va con retraso: consulte su estado al procesador y la referencia del adquirente.", "Diga al cliente que el reembolso se envió y comparta la referencia; el banco va con retraso."],
            ["Η επιστροφή {amount} καθυστερεί: ζητήστε την κατάσταση από τον επεξεργαστή και την αναφορά του αποδέκτη.", "Πείτε στον πελάτη ότι η επιστροφή στάλθηκε και δώστε την αναφορά· η τράπεζα καθυστερεί."],
        ],
        K::RefundFailed => [
            ["The refund of {amount} failed after it was accepted: read payment.explain_refund_failure and refund another way; never twice.", "Tell the customer the refund did not go through and how it will be sent instead."],
            ["O reembolso de {amount} falhou depois de aceito: leia payment.explain_refund_failure e reembolse de outro modo; nunca duas vezes.", "Diga ao cliente que o reembolso não foi concluído e como será enviado."],
            ["El reembolso de {amount} falló tras ser aceptado: lea payment.explain_refund_failure y reembolse por otra vía; nunca dos veces.", "Diga al cliente que el reembolso no se completó y cómo se enviará."],
            ["Η επιστροφή {amount} απέτυχε αφού έγινε δεκτή: δείτε το payment.explain_refund_failure και επιστρέψτε με άλλο τρόπο· ποτέ δύο φορές.", "Πείτε στον πελάτη ότι η επιστροφή δεν ολοκληρώθηκε και πώς θα σταλεί."],
        ],
        K::PixRefundWindowPassed => [
            ["The Pix refund of {amount} was asked past the devolução window: send a plain Pix transfer instead.", "Tell the customer the refund will arrive as a new Pix transfer."],
            ["A devolução Pix de {amount} foi pedida após o prazo: envie um Pix comum.", "Diga ao cliente que o reembolso chegará como um novo Pix."],
            ["La devolución Pix de {amount} se pidió fuera de plazo: envíe una transferencia Pix normal.", "Diga al cliente que el reembolso llegará como una nueva transferencia Pix."],
            ["Η επιστροφή Pix {amount} ζητήθηκε εκτός προθεσμίας: στείλτε απλή μεταφορά Pix.", "Πείτε στον πελάτη ότι η επιστροφή θα έρθει ως νέα μεταφορά Pix."],
        ],
        K::CheckoutAbandoned => [
            ["The checkout of {amount} was left open past its expiry: expire it and release the stock.", "Send the customer a link to finish the purchase; nothing was charged."],
            ["O checkout de {amount} ficou aberto além do prazo: expire-o e libere o estoque.", "Envie ao cliente um link para concluir a compra; nada foi cobrado."],
            ["El checkout de {amount} quedó abierto más allá de su plazo: expírelo y libere el stock.", "Envíe al cliente un enlace para terminar la compra; no se cobró nada."],
            ["Το ταμείο {amount} έμεινε ανοιχτό πέρα από τη λήξη του: λήξτε το και αποδεσμεύστε το απόθεμα.", "Στείλτε στον πελάτη σύνδεσμο για να ολοκληρώσει την αγορά· δεν χρεώθηκε τίποτα."],
        ],
        _ => rate_templates(kind),
    }
}

/// The sentences of rate alerts.
fn rate_templates(kind: AlertKind) -> [Pair; 4] {
    use AlertKind as K;
    match kind {
        K::AuthorizationRateDrop => [
            ["Authorizations dropped: check the codes that grew and the affected methods; pause retries of those codes.", "Expect customers whose card was declined: offer Pix or another card."],
            ["As autorizações caíram: verifique os códigos que cresceram e os métodos afetados; pause retentativas desses códigos.", "Espere clientes com cartão recusado: ofereça Pix ou outro cartão."],
            ["Las autorizaciones cayeron: revise los códigos que crecieron y los métodos afectados; pause los reintentos de esos códigos.", "Espere clientes con tarjeta rechazada: ofrezca Pix u otra tarjeta."],
            ["Οι εγκρίσεις έπεσαν: ελέγξτε τους κωδικούς που αυξήθηκαν και τις μεθόδους· σταματήστε τις επαναλήψεις αυτών των κωδικών.", "Αναμείνατε πελάτες με απορριφθείσα κάρτα: προσφέρετε Pix ή άλλη κάρτα."],
        ],
        K::RefundFailureSpike => [
            ["Refund failures rose: check the failure codes that grew before sending more refunds.", "Expect customers asking about refunds: check each refund's status before answering."],
            ["As falhas de reembolso subiram: verifique os códigos que cresceram antes de enviar mais reembolsos.", "Espere clientes perguntando por reembolsos: confira o status de cada um antes de responder."],
            ["Los reembolsos fallidos subieron: revise los códigos que crecieron antes de enviar más reembolsos.", "Espere clientes preguntando por reembolsos: revise el estado de cada uno antes de responder."],
            ["Οι αποτυχημένες επιστροφές αυξήθηκαν: ελέγξτε τους κωδικούς πριν στείλετε άλλες επιστροφές.", "Αναμείνατε ερωτήσεις για επιστροφές: ελέγξτε την κατάσταση κάθε επιστροφής πριν απαντήσετε."],
        ],
        _ => [
            ["Early fraud warnings rose: refund the actionable ones before they become disputes and feed them to dispute.monitor.", "Be careful with refund and address-change requests on the affected orders."],
            ["Os alertas antecipados de fraude subiram: reembolse os acionáveis antes que virem disputas e inclua-os no dispute.monitor.", "Cuidado com pedidos de reembolso e troca de endereço nos pedidos afetados."],
            ["Las alertas tempranas de fraude subieron: reembolse las accionables antes de que sean disputas e inclúyalas en dispute.monitor.", "Cuidado con solicitudes de reembolso y cambio de dirección en los pedidos afectados."],
            ["Οι έγκαιρες προειδοποιήσεις απάτης αυξήθηκαν: επιστρέψτε όσες γίνεται πριν γίνουν αμφισβητήσεις και περάστε τις στο dispute.monitor.", "Προσοχή σε αιτήματα επιστροφής και αλλαγής διεύθυνσης στις επηρεαζόμενες παραγγελίες."],
        ],
    }
}

/// The alert `kind` in `locale`, with `amount` in its sentences.
pub(crate) fn alert(
    kind: AlertKind,
    severity: Severity,
    ids: Vec<String>,
    rule: &str,
    amount: Option<&Money>,
    locale: Locale,
) -> Alert {
    let [team, support] = locale.pick(templates(kind));
    Alert {
        kind,
        severity,
        ids,
        rule: rule.to_owned(),
        payment_team: render(team, amount, locale),
        support_team: render(support, amount, locale),
    }
}

fn render(template: &str, amount: Option<&Money>, locale: Locale) -> String {
    let Some((head, tail)) = template.split_once("{amount}") else {
        return template.to_owned();
    };
    let mut out = String::with_capacity(template.len() + 16);
    out.push_str(head);
    if let Some(m) = amount {
        push_money(&mut out, m, locale);
    }
    out.push_str(tail);
    out
}
