//! The sentences of `payment.where_is_my_money`, `[en, pt-BR, es, el]`: `{from}` and `{by}`
//! are the expected dates, written the way each language writes dates.

use super::reason::Sentences;
use super::stage::{PlaceView, Stage};
use super::words::addressed;
use crate::calendar::Timestamp;
use crate::comms::format::push_date;
use crate::comms::Locale;

/// The customer's and the agent's sentences.
pub(crate) fn texts(
    place: &PlaceView,
    overdue_by_seconds: i64,
    locale: Locale,
    name: Option<&str>,
) -> (String, String) {
    let [customer, agent] = sentences(place.stage);
    let mut c = fill(locale.pick(customer), place, locale);
    let mut a = fill(locale.pick(agent), place, locale);
    if overdue_by_seconds > 0 {
        let (count, unit) = match overdue_by_seconds / 86_400 {
            0 => (
                (overdue_by_seconds / 3600).max(1),
                locale.pick(["hours", "horas", "horas", "ώρες"]),
            ),
            days => (days, locale.pick(["days", "dias", "días", "ημέρες"])),
        };
        c.push(' ');
        c.push_str(locale.pick([
            "We are sorry it is taking longer than expected: we are checking with the bank.",
            "Pedimos desculpas pela demora além do previsto: estamos verificando com o banco.",
            "Lamentamos que esté tardando más de lo previsto: lo estamos revisando con el banco.",
            "Λυπούμαστε που καθυστερεί περισσότερο από το αναμενόμενο: το ελέγχουμε με την τράπεζα.",
        ]));
        a.push(' ');
        a.push_str(locale.pick(["Overdue by", "Atrasado em", "Con retraso de", "Καθυστέρηση"]));
        a.push_str(&format!(" {count} {unit}"));
        a.push_str(locale.pick([
            ": escalate to the processor with the reference.",
            ": escale ao processador com a referência.",
            ": escala al procesador con la referencia.",
            ": κλιμάκωση στον πάροχο πληρωμών με την αναφορά.",
        ]));
    }
    (addressed(name, &c), a)
}

fn fill(template: &str, place: &PlaceView, locale: Locale) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (text, tail) = rest.split_at(open);
        out.push_str(text);
        let Some(close) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        let at = match tail.get(1..close) {
            Some("from") => place.from,
            Some("by") => place.by,
            _ => None,
        };
        push_day(&mut out, at.as_ref(), locale);
        rest = tail.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The local day of an instant; an instant at local midnight ends the day before (a boleto
/// payable "until 14 November 00:00" is payable until 13 November), so that day is written.
fn push_day(out: &mut String, at: Option<&Timestamp>, locale: Locale) {
    if let Some(t) = at {
        let local = t.as_datetime();
        let day = local.date_naive();
        let day = match local.time() == chrono::NaiveTime::MIN {
            true => day.pred_opt().unwrap_or(day),
            false => day,
        };
        push_date(out, day, locale);
    }
}

/// `[customer, agent]` of a stage.
fn sentences(stage: Stage) -> [Sentences; 2] {
    match stage {
        Stage::AwaitingAuthorization => [
            ["Your payment is waiting for your bank's answer.", "Seu pagamento está aguardando a resposta do seu banco.", "Tu pago está esperando la respuesta de tu banco.", "Η πληρωμή σας περιμένει την απάντηση της τράπεζάς σας."],
            ["Awaiting the issuer's authorization: nothing to do yet.", "Aguardando a autorização do emissor: nada a fazer ainda.", "Esperando la autorización del emisor: nada que hacer aún.", "Αναμονή έγκρισης από τον εκδότη: καμία ενέργεια ακόμη."],
        ],
        Stage::Authorized => [
            ["Your bank has reserved the amount; it will be charged when your order ships.", "Seu banco reservou o valor; ele será cobrado quando o pedido for enviado.", "Tu banco reservó el importe; se cobrará cuando se envíe tu pedido.", "Η τράπεζά σας δέσμευσε το ποσό· θα χρεωθεί όταν αποσταλεί η παραγγελία σας."],
            ["Authorized, not captured: capture before {by} or the hold is released.", "Autorizado, não capturado: capture até {by} ou a reserva será liberada.", "Autorizado, no capturado: captura antes del {by} o se liberará la retención.", "Εγκεκριμένο, όχι εκκαθαρισμένο: εκκαθάριση πριν από {by}, αλλιώς η δέσμευση αποδεσμεύεται."],
        ],
        Stage::AuthorizationExpired => [
            ["The amount your bank reserved was released: you were not charged.", "O valor reservado pelo seu banco foi liberado: você não foi cobrado.", "El importe que reservó tu banco fue liberado: no se te cobró.", "Το ποσό που δέσμευσε η τράπεζά σας αποδεσμεύτηκε: δεν χρεωθήκατε."],
            ["The authorization lapsed on {by} uncaptured: charge again if the order stands.", "A autorização expirou em {by} sem captura: cobre de novo se o pedido continuar.", "La autorización caducó el {by} sin captura: vuelve a cobrar si el pedido sigue.", "Η έγκριση έληξε στις {by} χωρίς εκκαθάριση: νέα χρέωση αν ισχύει η παραγγελία."],
        ],
        Stage::Captured | Stage::Paid => [
            ["Your payment is complete. Thank you!", "Seu pagamento foi concluído. Obrigado!", "Tu pago se completó. ¡Gracias!", "Η πληρωμή σας ολοκληρώθηκε. Ευχαριστούμε!"],
            ["Paid and confirmed: nothing pending.", "Pago e confirmado: nada pendente.", "Pagado y confirmado: nada pendiente.", "Πληρώθηκε και επιβεβαιώθηκε: τίποτα εκκρεμές."],
        ],
        Stage::AwaitingPayment => [
            ["Your payment can be made until {by}.", "Seu pagamento pode ser feito até {by}.", "Puedes realizar el pago hasta el {by}.", "Μπορείτε να πληρώσετε έως τις {by}."],
            ["Waiting for the customer to pay, until {by}.", "Aguardando o pagamento do cliente, até {by}.", "Esperando el pago del cliente, hasta el {by}.", "Αναμονή πληρωμής από τον πελάτη, έως τις {by}."],
        ],
        Stage::Expired => [
            ["This payment code expired on {by} and can no longer be paid. We can send you a new one.", "Este código de pagamento venceu em {by} e não pode mais ser pago. Podemos enviar um novo.", "Este código de pago venció el {by} y ya no se puede pagar. Podemos enviarte uno nuevo.", "Αυτός ο κωδικός πληρωμής έληξε στις {by} και δεν μπορεί πλέον να πληρωθεί. Μπορούμε να σας στείλουμε νέο."],
            ["Expired on {by}, whatever the PSP's status says: issue a new charge; do not accept payment on this one.", "Expirado em {by}, qualquer que seja o status do PSP: emita nova cobrança; não aceite pagamento nesta.", "Vencido el {by}, diga lo que diga el estado del PSP: emite un nuevo cobro; no aceptes pago en este.", "Έληξε στις {by}, ό,τι κι αν δείχνει ο πάροχος: εκδώστε νέα χρέωση· μην αποδεχτείτε πληρωμή σε αυτή."],
        ],
        Stage::AwaitingConfirmation => [
            ["We have your payment; the bank confirms it between {from} and {by}. No need to send us the receipt.", "Recebemos seu pagamento; o banco o confirma entre {from} e {by}. Não é preciso nos enviar o comprovante.", "Tenemos tu pago; el banco lo confirma entre el {from} y el {by}. No hace falta que nos envíes el comprobante.", "Λάβαμε την πληρωμή σας· η τράπεζα την επιβεβαιώνει μεταξύ {from} και {by}. Δεν χρειάζεται να μας στείλετε την απόδειξη."],
            ["Boleto paid, awaiting bank confirmation between {from} and {by} (bank business days): the status turns paid by itself.", "Boleto pago, aguardando confirmação bancária entre {from} e {by} (dias úteis bancários): o status muda sozinho.", "Boleto pagado, esperando confirmación bancaria entre el {from} y el {by} (días hábiles bancarios): el estado cambia solo.", "Το boleto πληρώθηκε, αναμονή τραπεζικής επιβεβαίωσης μεταξύ {from} και {by} (τραπεζικές εργάσιμες): η κατάσταση αλλάζει μόνη της."],
        ],
        Stage::Cancelled => [
            ["This payment was cancelled; no money was taken.", "Este pagamento foi cancelado; nenhum valor foi cobrado.", "Este pago se canceló; no se cobró nada.", "Αυτή η πληρωμή ακυρώθηκε· δεν χρεώθηκαν χρήματα."],
            ["Cancelled: nothing moves.", "Cancelado: nada se move.", "Cancelado: no se mueve nada.", "Ακυρώθηκε: τίποτα δεν κινείται."],
        ],
        Stage::Failed => [
            ["Your payment did not go through; no money was taken.", "Seu pagamento não foi concluído; nenhum valor foi cobrado.", "Tu pago no se completó; no se cobró nada.", "Η πληρωμή σας δεν ολοκληρώθηκε· δεν χρεώθηκαν χρήματα."],
            ["Failed: explain the decline (payment.explain_decline) and offer another way to pay.", "Falhou: explique a recusa (payment.explain_decline) e ofereça outra forma de pagamento.", "Falló: explica el rechazo (payment.explain_decline) y ofrece otro medio de pago.", "Απέτυχε: εξηγήστε την απόρριψη (payment.explain_decline) και προτείνετε άλλο τρόπο πληρωμής."],
        ],
        Stage::RefundInTransit => [
            ["Your refund is on its way and should reach you by {by}.", "Seu reembolso está a caminho e deve chegar até {by}.", "Tu reembolso está en camino y debería llegarte a más tardar el {by}.", "Η επιστροφή χρημάτων σας είναι καθ' οδόν και θα πρέπει να φτάσει έως τις {by}."],
            ["Refund accepted, in transit: expected by {by}.", "Reembolso aceito, em trânsito: previsto até {by}.", "Reembolso aceptado, en tránsito: previsto a más tardar el {by}.", "Η επιστροφή έγινε δεκτή, σε μεταφορά: αναμένεται έως τις {by}."],
        ],
        Stage::RefundCompleted => [
            ["Your refund has been sent back to you.", "Seu reembolso foi devolvido a você.", "Tu reembolso te fue devuelto.", "Η επιστροφή χρημάτων σας έχει σταλεί."],
            ["Refund completed.", "Reembolso concluído.", "Reembolso completado.", "Η επιστροφή ολοκληρώθηκε."],
        ],
        Stage::RefundFailed => [
            ["Your refund did not go through, so no money has moved yet. We are sorting it out and will tell you how you will receive it.", "Seu reembolso não foi concluído, então nenhum valor foi movimentado ainda. Estamos resolvendo e vamos informar como você vai recebê-lo.", "Tu reembolso no se completó, así que aún no se movió dinero. Lo estamos resolviendo y te diremos cómo lo recibirás.", "Η επιστροφή χρημάτων σας δεν ολοκληρώθηκε, οπότε δεν έχουν μετακινηθεί χρήματα ακόμη. Το τακτοποιούμε και θα σας πούμε πώς θα τα λάβετε."],
            ["The refund failed after it was accepted: find the failure reason before refunding again; if a dispute crossed it, handle the dispute and do not refund twice.", "O reembolso falhou depois de aceito: veja o motivo antes de reembolsar de novo; se uma disputa cruzou, trate a disputa e não reembolse duas vezes.", "El reembolso falló después de aceptarse: busca el motivo antes de reembolsar de nuevo; si una disputa se cruzó, atiende la disputa y no reembolses dos veces.", "Η επιστροφή απέτυχε αφού έγινε δεκτή: βρείτε την αιτία πριν επιστρέψετε ξανά· αν μεσολάβησε αμφισβήτηση, χειριστείτε την και μην επιστρέψετε δύο φορές."],
        ],
        Stage::RefundWindowPassed => [
            ["Your Pix can no longer be returned automatically. Please send us a bank account or Pix key to receive the refund.", "Seu Pix não pode mais ser devolvido automaticamente. Envie uma conta bancária ou chave Pix para receber o reembolso.", "Tu Pix ya no se puede devolver automáticamente. Envíanos una cuenta bancaria o clave Pix para recibir el reembolso.", "Το Pix σας δεν μπορεί πλέον να επιστραφεί αυτόματα. Στείλτε μας τραπεζικό λογαριασμό ή κλειδί Pix για να λάβετε την επιστροφή."],
            ["The Pix devolução window closed on {by}: pay the refund as a transfer to the customer's bank details.", "O prazo de devolução do Pix terminou em {by}: pague o reembolso por transferência para os dados bancários do cliente.", "El plazo de devolución del Pix terminó el {by}: paga el reembolso por transferencia a los datos bancarios del cliente.", "Η προθεσμία επιστροφής Pix έληξε στις {by}: πληρώστε την επιστροφή με μεταφορά στα τραπεζικά στοιχεία του πελάτη."],
        ],
    }
}
