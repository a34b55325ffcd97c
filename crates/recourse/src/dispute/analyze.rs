//! `dispute.analyze`: root causes over a batch of disputes joined with what support knew.
//!
//! [`Analysis`] folds one dispute at a time: memory grows only with the distinct
//! categories, products, channels, payment methods, currencies and error codes met, never
//! with the number of disputes. A dispute counts as preventable by a timely refund when
//! the customer wrote to support before disputing and the reason is a consumer one (not
//! received, not as described, duplicate, credit not processed, subscription cancelled,
//! general): fraud, authorization and processing errors are not settled by a refund asked
//! for on a ticket.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::classify::lookup;
use super::{Category, DisputeCapability, DisputeError, Network, ProductType};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.analyze`.
#[derive(Debug, Clone, Copy)]
pub struct Analyze;

/// One past dispute with what support knew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeCase {
    /// The network.
    pub network: Network,
    /// Its reason code.
    pub code: String,
    /// What was sold.
    pub product_type: ProductType,
    /// The sales channel (`web`, `app`, `marketplace`, ...).
    pub channel: String,
    /// The payment method (`card`, `pix`, `wallet`, ...).
    pub payment_method: String,
    /// The disputed amount.
    pub amount: Money,
    /// When the purchase was made.
    pub purchased_at: Timestamp,
    /// When the dispute was opened.
    pub disputed_at: Timestamp,
    /// Whether the customer had written to support before disputing.
    #[serde(default)]
    pub ticket_before_dispute: bool,
    /// Whether that ticket was solved before the dispute.
    #[serde(default)]
    pub ticket_resolved: bool,
    /// Whether a refund had been asked for and denied.
    #[serde(default)]
    pub refund_denied: bool,
}

/// The request of `dispute.analyze`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The disputes.
    pub cases: Vec<AnalyzeCase>,
    /// The language of the actions; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Counts and amounts of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Group {
    /// Disputes.
    pub disputes: u64,
    /// Of those, preventable by a timely refund.
    pub preventable: u64,
    /// Disputed amounts per currency, in currency order.
    pub amounts: Vec<Money>,
}

/// A root cause: a category on a product type, with what each team can do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Cause {
    /// The category.
    pub category: Category,
    /// The product type.
    pub product_type: ProductType,
    /// Disputes.
    pub disputes: u64,
    /// Of those, preventable.
    pub preventable: u64,
    /// What the payment team can do.
    pub payments_action: String,
    /// What the support team can do.
    pub support_action: String,
}

/// The response of `dispute.analyze`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct AnalyzeResponse {
    /// Disputes analysed.
    pub disputes: u64,
    /// Disputes a timely refund would have prevented.
    pub preventable: u64,
    /// Their share, in basis points rounded down.
    pub preventable_bp: u32,
    /// Disputes whose customer wrote first and had a refund denied.
    pub refund_denied: u64,
    /// Disputes whose customer wrote first and whose ticket was not solved.
    pub ticket_unresolved: u64,
    /// By category.
    pub by_category: BTreeMap<String, Group>,
    /// By product type.
    pub by_product: BTreeMap<String, Group>,
    /// By sales channel.
    pub by_channel: BTreeMap<String, Group>,
    /// By payment method.
    pub by_payment_method: BTreeMap<String, Group>,
    /// By days from purchase to dispute: `0-7`, `8-30`, `31-60`, `61-120`, `121+`.
    pub by_days_since_purchase: BTreeMap<String, Group>,
    /// The three largest causes (category on product type), most disputes first.
    pub top_causes: Vec<Cause>,
    /// Cases that could not be read, per error code.
    pub errors: BTreeMap<String, u64>,
}

/// A fold over disputes, one at a time.
#[derive(Debug)]
pub struct Analysis {
    locale: Locale,
    out: AnalyzeResponse,
    causes: BTreeMap<(Category, ProductType), (u64, u64)>,
}

fn add_to(group: &mut Group, amount: &Money, preventable: bool) -> Result<(), Error> {
    group.disputes = group.disputes.saturating_add(1);
    group.preventable = group.preventable.saturating_add(u64::from(preventable));
    match group
        .amounts
        .iter_mut()
        .find(|m| m.currency() == amount.currency())
    {
        Some(m) => *m = m.checked_add(amount).map_err(|e| Error::new(e, "amount"))?,
        None => {
            group.amounts.push(*amount);
            crate::sort::sort_by_key(&mut group.amounts, |m| m.currency().code());
        }
    }
    Ok(())
}

fn bucket(days: i64) -> &'static str {
    match days {
        i64::MIN..=7 => "0-7",
        8..=30 => "8-30",
        31..=60 => "31-60",
        61..=120 => "61-120",
        _ => "121+",
    }
}

impl Analysis {
    /// An empty analysis answering in `locale`.
    pub fn new(locale: Locale) -> Self {
        Self {
            locale,
            out: AnalyzeResponse {
                disputes: 0,
                preventable: 0,
                preventable_bp: 0,
                refund_denied: 0,
                ticket_unresolved: 0,
                by_category: BTreeMap::new(),
                by_product: BTreeMap::new(),
                by_channel: BTreeMap::new(),
                by_payment_method: BTreeMap::new(),
                by_days_since_purchase: BTreeMap::new(),
                top_causes: Vec::new(),
                errors: BTreeMap::new(),
            },
            causes: BTreeMap::new(),
        }
    }

    /// Folds one case; a case that cannot be read is counted under its error code.
    pub fn add(&mut self, case: &AnalyzeCase) {
        if let Err(e) = self.try_add(case) {
            self.add_error(&e);
        }
    }

    /// Reads one case from JSON (one line of a JSON-lines file, say) within `limits` and
    /// folds it; a line that cannot be read is counted under its error code.
    pub fn add_json(&mut self, json: &[u8], limits: &crate::limits::Limits) {
        let read = limits.check::<AnalyzeCase>(json).and_then(|()| {
            let text = std::str::from_utf8(json)
                .map_err(|_| Error::new(crate::error::InputError::InvalidUtf8, "."))?;
            crate::decode::parse_request::<AnalyzeCase>(text)
        });
        match read {
            Ok(case) => self.add(&case),
            Err(e) => self.add_error(&e),
        }
    }

    /// Counts a case that could not be read.
    pub fn add_error(&mut self, error: &Error) {
        let n = self.out.errors.entry(error.code().to_owned()).or_insert(0);
        *n = n.saturating_add(1);
    }

    fn try_add(&mut self, case: &AnalyzeCase) -> Result<(), Error> {
        let code = lookup(case.network, &case.code, "code")?;
        if case.disputed_at < case.purchased_at {
            return Err(Error::new(DisputeError::OutOfOrder, "disputed_at"));
        }
        let consumer = !matches!(
            code.category,
            Category::Fraud | Category::Authorization | Category::ProcessingError
        );
        let preventable = case.ticket_before_dispute && consumer;
        let days = (case.disputed_at.to_utc() - case.purchased_at.to_utc()).num_days();
        let out = &mut self.out;
        let keys = [
            (&mut out.by_category, code.category.as_str()),
            (&mut out.by_product, case.product_type.as_str()),
            (&mut out.by_channel, case.channel.as_str()),
            (&mut out.by_payment_method, case.payment_method.as_str()),
            (&mut out.by_days_since_purchase, bucket(days)),
        ];
        for (map, key) in keys {
            if !map.contains_key(key) {
                map.insert(key.to_owned(), Group::default());
            }
            if let Some(group) = map.get_mut(key) {
                add_to(group, &case.amount, preventable)?;
            }
        }
        out.disputes = out.disputes.saturating_add(1);
        out.preventable = out.preventable.saturating_add(u64::from(preventable));
        let wrote = case.ticket_before_dispute;
        out.refund_denied = out
            .refund_denied
            .saturating_add(u64::from(wrote && case.refund_denied));
        out.ticket_unresolved = out
            .ticket_unresolved
            .saturating_add(u64::from(wrote && !case.ticket_resolved));
        let cause = self
            .causes
            .entry((code.category, case.product_type))
            .or_insert((0, 0));
        cause.0 = cause.0.saturating_add(1);
        cause.1 = cause.1.saturating_add(u64::from(preventable));
        Ok(())
    }

    /// The totals, with the top causes and their actions.
    pub fn finish(mut self) -> AnalyzeResponse {
        let mut causes: Vec<_> = self.causes.into_iter().collect();
        // Most disputes first; ties in category and product order (the map's).
        crate::sort::sort_by_key(&mut causes, |(_, (n, _))| std::cmp::Reverse(*n));
        let locale = self.locale;
        self.out.top_causes = causes
            .into_iter()
            .take(3)
            .map(|((category, product_type), (disputes, preventable))| {
                let [payments, support] = actions(category, locale);
                Cause {
                    category,
                    product_type,
                    disputes,
                    preventable,
                    payments_action: payments.to_owned(),
                    support_action: support.to_owned(),
                }
            })
            .collect();
        let n = u128::from(self.out.disputes.max(1));
        let bp = u128::from(self.out.preventable) * 10_000 / n;
        self.out.preventable_bp = u32::try_from(bp).unwrap_or(10_000);
        self.out
    }
}

/// `[payments, support]`: what each team can do about a category, in `locale`.
fn actions(category: Category, locale: Locale) -> [&'static str; 2] {
    let pick = |p: [&'static str; 4], s: [&'static str; 4]| [locale.pick(p), locale.pick(s)];
    match category {
        Category::Fraud => pick(
            ["Use 3-D Secure and pre-dispute alerts; keep device and IP data for Compelling Evidence 3.0.", "Use 3-D Secure e alertas de pré-disputa; guarde dados de dispositivo e IP para a Compelling Evidence 3.0.", "Use 3-D Secure y alertas de predisputa; conserve datos de dispositivo e IP para Compelling Evidence 3.0.", "Χρησιμοποιήστε 3-D Secure και ειδοποιήσεις πριν από τη διαφορά· κρατήστε δεδομένα συσκευής και IP για το Compelling Evidence 3.0."],
            ["Ask customers who do not recognize a charge to check the store name on their statement.", "Peça a quem não reconhece uma cobrança que confira o nome da loja na fatura.", "Pida a quien no reconoce un cargo que revise el nombre de la tienda en su extracto.", "Ζητήστε από όσους δεν αναγνωρίζουν μια χρέωση να ελέγξουν το όνομα του καταστήματος στο αντίγραφο κίνησης."],
        ),
        Category::NotReceived => pick(
            ["Capture tracking numbers and proof of delivery at shipment.", "Registre códigos de rastreio e comprovantes de entrega no envio.", "Registre números de seguimiento y pruebas de entrega al enviar.", "Καταγράφετε αριθμούς αποστολής και αποδείξεις παράδοσης κατά την αποστολή."],
            ["Answer \"where is my order\" tickets first and refund when delivery fails.", "Responda primeiro aos chamados de \"onde está meu pedido\" e reembolse quando a entrega falhar.", "Responda primero los tickets de \"dónde está mi pedido\" y reembolse cuando la entrega falle.", "Απαντάτε πρώτα στα αιτήματα «πού είναι η παραγγελία μου» και επιστρέψτε χρήματα όταν η παράδοση αποτύχει."],
        ),
        Category::NotAsDescribed => pick(
            ["Keep product descriptions and photos as shown at purchase.", "Guarde as descrições e fotos dos produtos como exibidas na compra.", "Conserve las descripciones y fotos de los productos tal como se mostraron en la compra.", "Κρατήστε τις περιγραφές και τις φωτογραφίες των προϊόντων όπως εμφανίστηκαν στην αγορά."],
            ["Offer a return or exchange before the customer goes to the bank.", "Ofereça devolução ou troca antes que o cliente procure o banco.", "Ofrezca una devolución o un cambio antes de que el cliente acuda al banco.", "Προσφέρετε επιστροφή ή αλλαγή πριν ο πελάτης απευθυνθεί στην τράπεζα."],
        ),
        Category::Duplicate => pick(
            ["Use idempotency keys and alert on duplicate captures.", "Use chaves de idempotência e alertas de capturas duplicadas.", "Use claves de idempotencia y alertas de capturas duplicadas.", "Χρησιμοποιήστε κλειδιά idempotency και ειδοποιήσεις για διπλές χρεώσεις."],
            ["Refund duplicate charges on first contact.", "Reembolse cobranças duplicadas no primeiro contato.", "Reembolse los cargos duplicados en el primer contacto.", "Επιστρέψτε τις διπλές χρεώσεις από την πρώτη επαφή."],
        ),
        Category::CreditNotProcessed => pick(
            ["Alert on refunds that fail or stay pending.", "Monitore reembolsos que falham ou ficam pendentes.", "Vigile los reembolsos que fallan o quedan pendientes.", "Παρακολουθείτε τις επιστροφές που αποτυγχάνουν ή μένουν σε εκκρεμότητα."],
            ["Tell customers when their refund was sent and when it arrives.", "Informe ao cliente quando o reembolso foi enviado e quando chega.", "Informe al cliente cuándo se envió su reembolso y cuándo llega.", "Ενημερώνετε τους πελάτες πότε στάλθηκε η επιστροφή και πότε θα φτάσει."],
        ),
        Category::SubscriptionCancelled => pick(
            ["Stop billing at cancellation and send a receipt of the cancellation.", "Pare a cobrança no cancelamento e envie um comprovante.", "Detenga el cobro al cancelar y envíe un comprobante de la cancelación.", "Σταματήστε τη χρέωση με την ακύρωση και στείλτε απόδειξη ακύρωσης."],
            ["Make cancelling easy and refund a charge taken after it.", "Facilite o cancelamento e reembolse cobranças feitas depois dele.", "Facilite la cancelación y reembolse los cargos posteriores.", "Διευκολύνετε την ακύρωση και επιστρέψτε χρεώσεις που έγιναν μετά από αυτήν."],
        ),
        Category::Authorization | Category::ProcessingError => pick(
            ["Capture only authorized amounts, in time and in the authorized currency.", "Capture apenas valores autorizados, no prazo e na moeda autorizada.", "Capture solo importes autorizados, a tiempo y en la moneda autorizada.", "Εκκαθαρίζετε μόνο εγκεκριμένα ποσά, εγκαίρως και στο εγκεκριμένο νόμισμα."],
            ["Escalate payment errors to the payment team the same day.", "Encaminhe erros de pagamento à equipe de pagamentos no mesmo dia.", "Escale los errores de pago al equipo de pagos el mismo día.", "Κλιμακώστε τα σφάλματα πληρωμών στην ομάδα πληρωμών την ίδια μέρα."],
        ),
        Category::General => pick(
            ["Review the processor's dispute details for a finer reason.", "Revise os detalhes da disputa no processador para um motivo mais preciso.", "Revise los detalles de la disputa en el procesador para un motivo más preciso.", "Ελέγξτε τα στοιχεία της διαφοράς στον επεξεργαστή για ακριβέστερη αιτία."],
            ["Solve open tickets before customers turn to their bank.", "Resolva chamados abertos antes que os clientes procurem o banco.", "Resuelva los tickets abiertos antes de que los clientes acudan a su banco.", "Επιλύστε τα ανοιχτά αιτήματα πριν οι πελάτες απευθυνθούν στην τράπεζά τους."],
        ),
    }
}

/// Root causes over a batch of disputes.
///
/// # Errors
/// None of its own: a case that cannot be read (an unknown code, a dispute before its
/// purchase) is counted under `errors` and does not stop the others.
///
/// # Example
/// ```
/// use recourse_payments::dispute::{analyze, AnalyzeRequest};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request: AnalyzeRequest = serde_json::from_str(r#"{"cases": [
///   {"network": "visa", "code": "13.1", "product_type": "physical", "channel": "web",
///    "payment_method": "card", "amount": {"amount": "80.00", "currency": "BRL"},
///    "purchased_at": "2026-10-01T10:00:00-03:00", "disputed_at": "2026-10-20T10:00:00-03:00",
///    "ticket_before_dispute": true}
/// ]}"#).unwrap();
/// let answer = analyze(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(answer.preventable_bp, 10_000);
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn analyze(
    engine: &impl Provides<DisputeCapability>,
    request: &AnalyzeRequest,
    trace: &mut Trace,
) -> Result<AnalyzeResponse, Error> {
    let cx = engine.context()?;
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let mut analysis = Analysis::new(locale);
    for case in &request.cases {
        analysis.add(case);
    }
    let out = analysis.finish();
    explain(&out, trace);
    Ok(out)
}

/// Records an analysis's totals in a receipt's trace.
pub fn explain(out: &AnalyzeResponse, trace: &mut Trace) {
    trace.push(
        "dispute.analyze",
        format!(
            "{} disputes, {} preventable by a timely refund ({} bp, rounded down), {} unreadable",
            out.disputes,
            out.preventable,
            out.preventable_bp,
            out.errors.values().sum::<u64>()
        ),
    );
}

impl Operation for Analyze {
    const NAME: &'static str = "dispute.analyze";
    const SUMMARY: &'static str =
        "root causes over a batch of disputes joined with support's tickets: by category, product, channel, payment method and days since purchase; the share a timely refund would have prevented; top causes with each team's action";
    type Capability = DisputeCapability;
    type Request = AnalyzeRequest;
    type Response = AnalyzeResponse;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &AnalyzeRequest,
        trace: &mut Trace,
    ) -> Result<AnalyzeResponse, Error> {
        analyze(cx, request, trace)
    }
}
