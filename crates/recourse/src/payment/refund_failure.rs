//! `payment.explain_refund_failure`: why a refund failed after it was accepted, what to
//! tell the customer, and what to do instead, never refunding twice.
//!
//! The rules (payments-facts C7 and §1.8):
//! - a dispute that crossed the refund (Stripe `charge_for_pending_refund_disputed`, or a
//!   dispute open on the payment) wins over every other reason: handle the dispute, never
//!   refund again, since a refund beside a lost dispute pays the customer twice;
//! - a Pix devolução asked for more than 90 days after the Pix is refused by the PSPs: pay
//!   the refund as a transfer to the customer's account or Pix key;
//! - a closed, expired, lost or stolen card cannot take the refund: pay it as a transfer;
//! - the store's balance at the PSP too low for a devolução: top it up and refund again;
//! - a refund above what is left of the payment: check the refund ledger first;
//! - a refund cancelled by the store: nothing moved, nothing to do unless the store decides
//!   again; anything else: ask the processor.

use chrono::Duration;
use schemars::JsonSchema;
use serde::Serialize;

use super::reason::Sentences;
use super::rules;
use super::timeline::PayMethod;
use super::words::addressed;
use super::{PaymentCapability, PaymentError};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// Why a refund failed, normalized.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RefundFailure {
    /// A dispute crossed the refund (Stripe `charge_for_pending_refund_disputed`).
    Disputed,
    /// The store's balance at the PSP was too low (a Pix devolução's "saldo insuficiente",
    /// Stripe `insufficient_funds`).
    InsufficientBalance,
    /// A Pix devolução asked for more than 90 days after the Pix.
    WindowPassed,
    /// The card or account is closed or expired (Stripe `expired_or_canceled_card`).
    AccountClosed,
    /// The card was reported lost or stolen (Stripe `lost_or_stolen_card`).
    CardLostOrStolen,
    /// The refunds would exceed the payment.
    ExceedsPayment,
    /// The issuer or bank declined the refund (Stripe `declined`).
    Declined,
    /// The store cancelled the refund (Stripe `merchant_request`).
    CancelledByStore,
    /// No reason given.
    Unknown,
}

/// What to do about a failed refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundAction {
    /// Handle the dispute; do not refund again.
    HandleDispute,
    /// Top up the balance at the PSP, then refund again.
    TopUpAndRefundAgain,
    /// Ask the customer for a bank account or Pix key and pay the refund as a transfer.
    RefundByTransfer,
    /// Check the refund ledger before anything else.
    CheckLedger,
    /// Ask the processor why, then decide.
    AskProcessor,
    /// Nothing moved and nothing is due unless the store decides again.
    Nothing,
}

/// The request of `payment.explain_refund_failure`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundFailureRequest {
    /// The original payment's method.
    pub method: PayMethod,
    /// When the refund was asked for.
    pub requested_at: Timestamp,
    /// When the original payment was made (for the Pix window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_paid_at: Option<Timestamp>,
    /// Stripe's refund `failure_reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stripe_failure_reason: Option<String>,
    /// The reason as the host read it from its PSP (a Pix devolução's `NAO_REALIZADO`
    /// with its `motivo`, say), when not Stripe's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<RefundFailure>,
    /// A dispute is open on the payment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dispute_open: bool,
    /// The customer's name, to address them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// The response of `payment.explain_refund_failure`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RefundFailureResponse {
    /// Why it failed.
    pub reason: RefundFailure,
    /// What to do.
    pub action: RefundAction,
    /// Whether another refund may be sent (never while a dispute crossed it).
    pub refund_again: bool,
    /// The rule that decided.
    pub rule: String,
    /// Its source.
    pub source: String,
    /// What to tell the customer.
    pub customer_text: String,
    /// What the agent should do.
    pub agent_text: String,
}

/// Stripe refund `failure_reason` → reason (payments-facts C7).
const STRIPE_FAILURES: &[(&str, RefundFailure)] = &[
    (
        "charge_for_pending_refund_disputed",
        RefundFailure::Disputed,
    ),
    ("declined", RefundFailure::Declined),
    ("expired_or_canceled_card", RefundFailure::AccountClosed),
    ("insufficient_funds", RefundFailure::InsufficientBalance),
    ("lost_or_stolen_card", RefundFailure::CardLostOrStolen),
    ("merchant_request", RefundFailure::CancelledByStore),
    ("unknown", RefundFailure::Unknown),
];

const STRIPE_SOURCE: &str =
    "Stripe refund failure_reason (Automattic/woocommerce-payments class-refund-failure-reason.php; Stripe refund object)";

/// The reason the request gives, the Pix window and an open dispute taken into account.
fn reason(request: &RefundFailureRequest) -> Result<(RefundFailure, String), Error> {
    if request.dispute_open {
        return Ok((
            RefundFailure::Disputed,
            "the dispute open on the payment".to_owned(),
        ));
    }
    if request.method == PayMethod::Pix {
        let original = request
            .original_paid_at
            .ok_or_else(|| Error::new(PaymentError::MissingField, "original_paid_at"))?;
        let window = &rules::PIX_DEVOLUCAO_WINDOW_DAYS;
        if let Some(d) = window.on(original.as_datetime().date_naive()) {
            let closes = original
                .as_datetime()
                .checked_add_signed(Duration::days(i64::from(d.value)));
            if closes.is_some_and(|c| request.requested_at.as_datetime() > c) {
                return Ok((RefundFailure::WindowPassed, d.source.to_owned()));
            }
        }
    }
    match (&request.stripe_failure_reason, request.reason) {
        (Some(code), _) => Ok((
            super::codes::find(STRIPE_FAILURES, code).unwrap_or(RefundFailure::Unknown),
            STRIPE_SOURCE.to_owned(),
        )),
        (None, Some(r)) => Ok((r, "the reason the PSP gave".to_owned())),
        (None, None) => Ok((RefundFailure::Unknown, "no reason given".to_owned())),
    }
}

fn action(reason: RefundFailure) -> RefundAction {
    match reason {
        RefundFailure::Disputed => RefundAction::HandleDispute,
        RefundFailure::InsufficientBalance => RefundAction::TopUpAndRefundAgain,
        RefundFailure::WindowPassed
        | RefundFailure::AccountClosed
        | RefundFailure::CardLostOrStolen => RefundAction::RefundByTransfer,
        RefundFailure::ExceedsPayment => RefundAction::CheckLedger,
        RefundFailure::Declined | RefundFailure::Unknown => RefundAction::AskProcessor,
        RefundFailure::CancelledByStore => RefundAction::Nothing,
    }
}

/// Explains a failed refund.
///
/// # Errors
/// `payment.missing_field` at `original_paid_at` for a Pix refund without it;
/// `payment.history_out_of_order` at `requested_at` when it is before the original payment.
///
/// # Example
/// ```
/// use recourse_payments::payment::{explain_refund_failure, RefundAction, RefundFailureRequest};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request: RefundFailureRequest = serde_json::from_str(r#"{"method": "card",
///     "requested_at": "2026-11-19T10:00:00-03:00",
///     "stripe_failure_reason": "charge_for_pending_refund_disputed"}"#)?;
/// let out = explain_refund_failure(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!((out.action, out.refund_again), (RefundAction::HandleDispute, false));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain_refund_failure(
    engine: &impl Provides<PaymentCapability>,
    request: &RefundFailureRequest,
    trace: &mut Trace,
) -> Result<RefundFailureResponse, Error> {
    let cx = engine.context()?;
    if request
        .original_paid_at
        .is_some_and(|o| request.requested_at < o)
    {
        return Err(Error::new(PaymentError::HistoryOutOfOrder, "requested_at"));
    }
    let (reason, source) = reason(request)?;
    let action = action(reason);
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let [customer, agent] = sentences(reason);
    let rule = format!("refund_failure.{}", reason.as_str());
    trace.push(
        "payment.refund_failure",
        format!("{}: {}", rule, action.as_str()),
    );
    Ok(RefundFailureResponse {
        reason,
        action,
        refund_again: !matches!(action, RefundAction::HandleDispute | RefundAction::Nothing),
        rule,
        source,
        customer_text: addressed(request.customer_name.as_deref(), locale.pick(customer)),
        agent_text: locale.pick(agent).to_owned(),
    })
}

/// `[customer, agent]` of a reason.
fn sentences(reason: RefundFailure) -> [Sentences; 2] {
    match reason {
        RefundFailure::Disputed => [
            ["Your bank opened a dispute about this payment, so the refund was stopped: the bank's process will return your money. We will keep you informed.", "Seu banco abriu uma contestação deste pagamento, por isso o reembolso foi interrompido: o processo do banco vai devolver seu dinheiro. Vamos mantê-lo informado.", "Tu banco abrió una disputa sobre este pago, así que el reembolso se detuvo: el proceso del banco te devolverá el dinero. Te mantendremos informado.", "Η τράπεζά σας άνοιξε αμφισβήτηση για αυτή την πληρωμή, οπότε η επιστροφή σταμάτησε: η διαδικασία της τράπεζας θα σας επιστρέψει τα χρήματα. Θα σας ενημερώνουμε."],
            ["A dispute crossed the refund: handle the dispute (accept it or answer it) and never refund again, or the customer is paid twice.", "Uma contestação cruzou o reembolso: trate a contestação (aceite ou responda) e nunca reembolse de novo, senão o cliente recebe duas vezes.", "Una disputa se cruzó con el reembolso: atiende la disputa (acéptala o respóndela) y no reembolses de nuevo, o el cliente cobrará dos veces.", "Μια αμφισβήτηση διασταυρώθηκε με την επιστροφή: χειριστείτε την αμφισβήτηση (αποδοχή ή απάντηση) και μην επιστρέψετε ξανά, αλλιώς ο πελάτης πληρώνεται δύο φορές."],
        ],
        RefundFailure::InsufficientBalance => [
            ["Your refund was delayed on our side. We are sending it again and will confirm when it is on its way.", "Seu reembolso atrasou do nosso lado. Vamos enviá-lo de novo e confirmaremos quando estiver a caminho.", "Tu reembolso se retrasó por nuestra parte. Lo enviaremos de nuevo y te confirmaremos cuando esté en camino.", "Η επιστροφή χρημάτων σας καθυστέρησε από την πλευρά μας. Θα τη στείλουμε ξανά και θα σας επιβεβαιώσουμε όταν είναι καθ' οδόν."],
            ["The store's balance at the PSP was too low: top it up, then send the refund again.", "O saldo da loja no PSP era insuficiente: recarregue e envie o reembolso de novo.", "El saldo de la tienda en el PSP era insuficiente: recárgalo y envía el reembolso de nuevo.", "Το υπόλοιπο του καταστήματος στον πάροχο ήταν ανεπαρκές: συμπληρώστε το και στείλτε ξανά την επιστροφή."],
        ],
        RefundFailure::WindowPassed => [
            ["Your Pix can no longer be returned automatically. Please send us a bank account or Pix key to receive the refund.", "Seu Pix não pode mais ser devolvido automaticamente. Envie uma conta bancária ou chave Pix para receber o reembolso.", "Tu Pix ya no se puede devolver automáticamente. Envíanos una cuenta bancaria o clave Pix para recibir el reembolso.", "Το Pix σας δεν μπορεί πλέον να επιστραφεί αυτόματα. Στείλτε μας τραπεζικό λογαριασμό ή κλειδί Pix για να λάβετε την επιστροφή."],
            ["The Pix devolução window (90 days) had passed: pay the refund as a transfer to the customer's bank account or Pix key.", "O prazo de devolução do Pix (90 dias) havia passado: pague o reembolso por transferência para a conta ou chave Pix do cliente.", "El plazo de devolución del Pix (90 días) había pasado: paga el reembolso por transferencia a la cuenta o clave Pix del cliente.", "Η προθεσμία επιστροφής Pix (90 ημέρες) είχε παρέλθει: πληρώστε την επιστροφή με μεταφορά στον λογαριασμό ή το κλειδί Pix του πελάτη."],
        ],
        RefundFailure::AccountClosed | RefundFailure::CardLostOrStolen => [
            ["The card or account you paid with can no longer receive the refund. Please send us a bank account or Pix key and we will send it there.", "O cartão ou a conta usada no pagamento não pode mais receber o reembolso. Envie uma conta bancária ou chave Pix e o enviaremos para lá.", "La tarjeta o la cuenta con la que pagaste ya no puede recibir el reembolso. Envíanos una cuenta bancaria o clave Pix y lo enviaremos allí.", "Η κάρτα ή ο λογαριασμός πληρωμής δεν μπορεί πλέον να δεχτεί την επιστροφή. Στείλτε μας τραπεζικό λογαριασμό ή κλειδί Pix και θα τη στείλουμε εκεί."],
            ["The original card or account is closed, expired, lost or stolen: no money moved; pay the refund as a transfer to details the customer gives.", "O cartão ou a conta original está encerrado, vencido, perdido ou roubado: nenhum valor foi movido; pague o reembolso por transferência para os dados que o cliente informar.", "La tarjeta o la cuenta original está cerrada, vencida, perdida o robada: no se movió dinero; paga el reembolso por transferencia a los datos que dé el cliente.", "Η αρχική κάρτα ή ο λογαριασμός είναι κλειστός, ληγμένος, χαμένος ή κλεμμένος: δεν κινήθηκαν χρήματα· πληρώστε την επιστροφή με μεταφορά στα στοιχεία που θα δώσει ο πελάτης."],
        ],
        RefundFailure::ExceedsPayment => [
            ["We are checking the refunds already made on this payment and will get back to you shortly.", "Estamos verificando os reembolsos já feitos neste pagamento e retornaremos em breve.", "Estamos revisando los reembolsos ya hechos en este pago y te responderemos pronto.", "Ελέγχουμε τις επιστροφές που έχουν ήδη γίνει για αυτή την πληρωμή και θα επανέλθουμε σύντομα."],
            ["The refunds would exceed the payment: check the refund ledger (refund.evaluate) before sending anything.", "Os reembolsos excederiam o pagamento: confira o histórico de reembolsos (refund.evaluate) antes de enviar qualquer coisa.", "Los reembolsos superarían el pago: revisa el historial de reembolsos (refund.evaluate) antes de enviar nada.", "Οι επιστροφές θα ξεπερνούσαν την πληρωμή: ελέγξτε το ιστορικό επιστροφών (refund.evaluate) πριν στείλετε οτιδήποτε."],
        ],
        RefundFailure::Declined | RefundFailure::Unknown => [
            ["Your refund did not go through, so no money has moved yet. We are checking with our payment provider and will tell you how you will receive it.", "Seu reembolso não foi concluído, então nenhum valor foi movimentado ainda. Estamos verificando com nosso provedor de pagamentos e vamos informar como você vai recebê-lo.", "Tu reembolso no se completó, así que aún no se movió dinero. Lo estamos revisando con nuestro proveedor de pagos y te diremos cómo lo recibirás.", "Η επιστροφή χρημάτων σας δεν ολοκληρώθηκε, οπότε δεν έχουν μετακινηθεί χρήματα ακόμη. Το ελέγχουμε με τον πάροχο πληρωμών μας και θα σας πούμε πώς θα τα λάβετε."],
            ["The refund failed without a usable reason: ask the processor before refunding again.", "O reembolso falhou sem um motivo utilizável: consulte o processador antes de reembolsar de novo.", "El reembolso falló sin un motivo útil: consulta al procesador antes de reembolsar de nuevo.", "Η επιστροφή απέτυχε χωρίς αξιοποιήσιμη αιτία: ρωτήστε τον πάροχο πριν επιστρέψετε ξανά."],
        ],
        RefundFailure::CancelledByStore => [
            ["The refund was cancelled before any money moved. Contact us if you still expect one.", "O reembolso foi cancelado antes de qualquer valor ser movimentado. Fale conosco se ainda espera recebê-lo.", "El reembolso se canceló antes de que se moviera dinero. Contáctanos si aún esperas uno.", "Η επιστροφή ακυρώθηκε πριν κινηθούν χρήματα. Επικοινωνήστε μαζί μας αν ακόμη περιμένετε επιστροφή."],
            ["The store cancelled the refund: nothing moved; decide again if the customer is still owed money.", "A loja cancelou o reembolso: nada foi movido; decida de novo se o cliente ainda tem valor a receber.", "La tienda canceló el reembolso: no se movió nada; decide de nuevo si al cliente aún se le debe dinero.", "Το κατάστημα ακύρωσε την επιστροφή: δεν κινήθηκε τίποτα· αποφασίστε ξανά αν οφείλονται ακόμη χρήματα στον πελάτη."],
        ],
    }
}

/// `payment.explain_refund_failure`.
#[derive(Debug, Clone, Copy)]
pub struct ExplainRefundFailure;

impl Operation for ExplainRefundFailure {
    const NAME: &'static str = "payment.explain_refund_failure";
    const SUMMARY: &'static str =
        "why a refund failed after it was accepted and what to do instead: handle a crossing dispute, refund by transfer, top up, check the ledger; never refund twice";
    type Capability = PaymentCapability;
    type Request = RefundFailureRequest;
    type Response = RefundFailureResponse;

    fn run(
        cx: &Context<'_, PaymentCapability>,
        request: &RefundFailureRequest,
        trace: &mut Trace,
    ) -> Result<RefundFailureResponse, Error> {
        explain_refund_failure(cx, request, trace)
    }

    fn now(request: &RefundFailureRequest) -> Option<&Timestamp> {
        Some(&request.requested_at)
    }
}
