//! Every reason as a sentence a support agent can send as it is, in English, Brazilian
//! Portuguese, Spanish and Greek. The customer's name is said once, in the greeting; every
//! other sentence stands on its own, so a host may show them in any order.
//!
//! Sentences never blame or expose the customer (a risk flag reads as "a member of our team
//! will review your request"). Amounts and dates are written the way each language writes
//! them (`1,234.56 BRL`, `R$ 1.234,56`, `1.234,56 €`; `17 March 2026` or `17/03/2026`), by
//! the foundations' [`crate::comms::format`], as everywhere else.

use chrono::NaiveDate;

use super::decision::{Destination, Outcome, ReasonCode};
use super::policy::Remedy;
use crate::canonical::push_integer_text;
use crate::comms::format::{push_date, push_money};
use crate::comms::Locale;
use crate::money::Money;

/// The values a sentence may mention.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Args {
    pub amount: Option<Money>,
    pub other: Option<Money>,
    pub date: Option<NaiveDate>,
    pub count: Option<u32>,
    pub requested: Option<u32>,
    pub remedy: Option<Remedy>,
    pub min_days: Option<u32>,
    pub max_days: Option<u32>,
    /// What the ledger shows as paid out, and as still pending.
    pub refunded: Option<Money>,
    pub pending: Option<Money>,
    /// The outcome the sentence speaks for.
    pub outcome: Option<Outcome>,
    /// Where a refund goes, as routed.
    pub refund_to: Option<RefundTo>,
    /// Whether the refund may wait until the goods are back.
    pub withhold: bool,
}

/// Where a refund goes, as one sentence says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefundTo {
    /// Every part goes to this destination.
    One(Destination),
    /// The parts go to different destinations (each payment's sentence says where).
    Split,
}

/// The sentence that names the customer, once per decision; `None` without a name.
pub(crate) fn greeting(name: Option<&str>, locale: Locale) -> Option<String> {
    let name = name.map(str::trim).filter(|n| !n.is_empty())?;
    let rest = locale.pick(GREETING);
    let mut out = String::with_capacity(name.len() + rest.len());
    out.push_str(name);
    out.push_str(rest);
    Some(out)
}

/// Renders `code` in `locale`: a sentence of its own, naming no one, so that the reasons
/// of a decision read in any order after the greeting.
pub(crate) fn render(code: ReasonCode, locale: Locale, args: &Args) -> String {
    let template = template(code, locale, args);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = find_open(rest) {
        let (text, tail) = rest.split_at(open);
        out.push_str(text);
        // A key is a few letters: a byte loop finds its end sooner than a search.
        let Some(close) = tail.bytes().position(|b| b == b'}') else {
            out.push_str(tail);
            return out;
        };
        let key = tail.get(1..close).unwrap_or("");
        push_value(&mut out, key, locale, args);
        rest = tail.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Where the first `{` of `text` is, like `text.find('{')`: eight bytes at a time, for the
/// few dozen bytes of a sentence cheaper than the general search.
fn find_open(text: &str) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const OPEN: u64 = u64::from_le_bytes([b'{'; 8]);
    let mut chunks = text.as_bytes().chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]));
        // A byte of `word` that is `{` is a zero byte of `x`; the lowest flagged byte is
        // the first such (a borrow only flags bytes above a zero byte).
        let x = word ^ OPEN;
        let found = x.wrapping_sub(ONES) & !x & HIGHS;
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    let tail = chunks.remainder().iter().position(|&b| b == b'{');
    tail.map(|p| at + p)
}

fn push_value(out: &mut String, key: &str, locale: Locale, args: &Args) {
    match key {
        "amount" => push_optional_money(out, args.amount, locale),
        "other" => push_optional_money(out, args.other, locale),
        "refunded" => push_optional_money(out, args.refunded, locale),
        "pending" => push_optional_money(out, args.pending, locale),
        "date" => {
            if let Some(d) = args.date {
                push_date(out, d, locale);
            }
        }
        "count" => push_number(out, args.count),
        "requested" => push_number(out, args.requested),
        "min" => push_number(out, args.min_days),
        "max" => push_number(out, args.max_days),
        "remedy" => out.push_str(remedy_noun(args.remedy.unwrap_or(Remedy::Refund), locale)),
        _ => {}
    }
}

fn push_optional_money(out: &mut String, money: Option<Money>, locale: Locale) {
    if let Some(m) = money {
        push_money(out, &m, locale);
    }
}

/// A count of units or days, `0` when absent; counts are written without grouping.
fn push_number(out: &mut String, n: Option<u32>) {
    push_integer_text(out, u64::from(n.unwrap_or(0)));
}

/// A remedy as a noun inside a sentence ("we cannot offer {remedy}"), in `locale`.
pub(crate) fn remedy_noun(remedy: Remedy, locale: Locale) -> &'static str {
    locale.pick(match remedy {
        Remedy::Refund => ["a refund", "reembolso", "reembolso", "επιστροφή χρημάτων"],
        Remedy::StoreCredit => [
            "store credit",
            "crédito na loja",
            "crédito para la tienda",
            "πίστωση καταστήματος",
        ],
        Remedy::Exchange => ["an exchange", "troca", "cambio", "αλλαγή"],
        Remedy::Replacement => [
            "a replacement",
            "substituição",
            "sustitución",
            "αντικατάσταση",
        ],
        Remedy::Repair => ["a repair", "conserto", "reparación", "επισκευή"],
    })
}

/// The sentences of one reason: `[en, pt-BR, es, el]`.
type Sentences = [&'static str; 4];

/// The sentence of `code` in `locale`, the variant that fits `args`: for
/// [`ReasonCode::Remedy`], the remedy offered; for the ledger's reasons, whether refunds
/// are paid out, pending or both; for an approval, the outcome.
fn template(code: ReasonCode, locale: Locale, args: &Args) -> &'static str {
    locale.pick(sentences(code, args))
}

/// Which of the ledger's figures are not zero: paid out, pending.
fn ledger_shows(args: &Args) -> (bool, bool) {
    let some = |m: Option<Money>| m.is_some_and(|m| !m.is_zero());
    (some(args.refunded), some(args.pending))
}

/// Every reason's sentences. A `match` rather than a list, so that a new code without
/// sentences does not build.
fn sentences(code: ReasonCode, args: &Args) -> Sentences {
    use ReasonCode as R;
    let remedy = args.remedy.unwrap_or(Remedy::Refund);
    let ledger = ledger_shows(args);
    match code {
        R::WithinWindow => WITHIN_WINDOW,
        R::WindowExpired => WINDOW_EXPIRED,
        R::NoWindow => NO_WINDOW,
        R::FinalSale => FINAL_SALE,
        R::NonReturnable => NON_RETURNABLE,
        R::DigitalDownloaded => DIGITAL_DOWNLOADED,
        R::ConditionNotAccepted => CONDITION_NOT_ACCEPTED,
        R::ReasonNotAccepted => REASON_NOT_ACCEPTED,
        R::NotReceivedBack => NOT_RECEIVED_BACK,
        R::AlreadyRefunded => match ledger {
            (true, true) => ALREADY_REFUNDED_AND_PENDING,
            (true, false) => ALREADY_REFUNDED,
            (false, true) => ALREADY_PENDING,
            (false, false) => NOTHING_LEFT,
        },
        R::CappedByLedger => match ledger {
            (true, true) => CAPPED_BY_REFUNDED_AND_PENDING,
            (true, false) => CAPPED_BY_REFUNDED,
            (false, true) => CAPPED_BY_PENDING,
            (false, false) => CAPPED_BY_PAYMENTS,
        },
        R::RestockingFee => RESTOCKING_FEE,
        R::ReturnShippingFee => RETURN_SHIPPING_FEE,
        R::FeesWaivedMerchantFault => FEES_WAIVED_MERCHANT_FAULT,
        R::ShippingRefunded => SHIPPING_REFUNDED,
        R::DuplicateCharge => DUPLICATE_CHARGE,
        R::AutoApproved if args.outcome == Some(Outcome::Partial) => PARTLY_APPROVED,
        R::AutoApproved => AUTO_APPROVED,
        R::ReviewAmount => REVIEW_AMOUNT,
        R::ReviewStanding | R::ReviewFrequentRefunds | R::ReviewRiskFlag | R::ReviewRule => REVIEW,
        R::Remedy if remedy == Remedy::Refund => refund_sentences(args.refund_to),
        R::Remedy => remedy_sentences(remedy),
        R::RemedyNotOffered => REMEDY_NOT_OFFERED,
        R::StoreCreditOffer => STORE_CREDIT_OFFER,
        R::TimingCard => TIMING_CARD,
        R::TimingPix => TIMING_PIX,
        R::TimingBankDetails => TIMING_BANK_DETAILS,
        R::TimingWallet => TIMING_WALLET,
        R::TimingBankTransfer => TIMING_BANK_TRANSFER,
        R::TimingInstant => TIMING_INSTANT,
        R::RefundBy => match (args.date.is_some(), args.withhold) {
            (true, false) => REFUND_BY,
            (true, true) => REFUND_BY_ONCE_BACK,
            (false, false) => REFUND_NOW,
            (false, true) => REFUND_ONCE_BACK,
        },
    }
}

/// What a refund promises: the amount and where it goes, as routed.
fn refund_sentences(to: Option<RefundTo>) -> Sentences {
    use Destination as D;
    match to {
        None => REMEDY_REFUND,
        Some(RefundTo::Split) => REFUND_SPLIT,
        Some(RefundTo::One(d)) => match d {
            D::OriginalCard => REFUND_TO_CARD,
            D::OriginalPixKey => REFUND_TO_PIX_KEY,
            D::CustomerBankDetails => REFUND_TO_BANK_DETAILS,
            D::WalletFundingSource => REFUND_TO_WALLET,
            D::OriginalBankAccount => REFUND_TO_BANK_ACCOUNT,
            D::GiftCard => REFUND_TO_GIFT_CARD,
            D::StoreCredit => REFUND_TO_STORE_CREDIT,
        },
    }
}

/// What each remedy promises.
fn remedy_sentences(remedy: Remedy) -> Sentences {
    match remedy {
        Remedy::Refund => REMEDY_REFUND,
        Remedy::StoreCredit => REMEDY_STORE_CREDIT,
        Remedy::Exchange => REMEDY_EXCHANGE,
        Remedy::Replacement => REMEDY_REPLACEMENT,
        Remedy::Repair => REMEDY_REPAIR,
    }
}

/// The greeting, after the customer's name.
const GREETING: Sentences = [
    ", here is the answer to your request.",
    ", esta é a resposta à sua solicitação.",
    ", esta es la respuesta a tu solicitud.",
    ", αυτή είναι η απάντηση στο αίτημά σας.",
];

const WITHIN_WINDOW: Sentences = [
    "Your return is within the return window, which runs until {date}.",
    "Sua devolução está dentro do prazo, que vai até {date}.",
    "Tu devolución está dentro del plazo, que termina el {date}.",
    "Η επιστροφή σας είναι εντός της προθεσμίας, η οποία λήγει στις {date}.",
];

const WINDOW_EXPIRED: Sentences = [
    "The return window for this item closed on {date}, so we cannot accept the return.",
    "O prazo de devolução deste item terminou em {date}, por isso não podemos aceitar a devolução.",
    "El plazo de devolución de este artículo terminó el {date}, por lo que no podemos aceptar la devolución.",
    "Η προθεσμία επιστροφής για αυτό το προϊόν έληξε στις {date}, επομένως δεν μπορούμε να δεχτούμε την επιστροφή.",
];

const NO_WINDOW: Sentences = [
    "Our return policy does not cover this item, so we cannot accept the return.",
    "Nossa política de devolução não cobre este item, por isso não podemos aceitar a devolução.",
    "Nuestra política de devoluciones no cubre este artículo, por lo que no podemos aceptar la devolución.",
    "Η πολιτική επιστροφών μας δεν καλύπτει αυτό το προϊόν, επομένως δεν μπορούμε να δεχτούμε την επιστροφή.",
];

const FINAL_SALE: Sentences = [
    "This item was sold as final sale and cannot be returned.",
    "Este item foi vendido sem direito a troca ou devolução.",
    "Este artículo se vendió como venta final y no admite devolución.",
    "Αυτό το προϊόν πωλήθηκε χωρίς δικαίωμα επιστροφής.",
];

const NON_RETURNABLE: Sentences = [
    "This item cannot be returned under our policy.",
    "Este item não pode ser devolvido, conforme nossa política.",
    "Este artículo no se puede devolver según nuestra política.",
    "Σύμφωνα με την πολιτική μας, αυτό το προϊόν δεν επιστρέφεται.",
];

const DIGITAL_DOWNLOADED: Sentences = [
    "This digital item has already been downloaded, so it can no longer be returned.",
    "Este conteúdo digital já foi baixado, por isso não pode mais ser devolvido.",
    "Este contenido digital ya se ha descargado, por lo que ya no se puede devolver.",
    "Αυτό το ψηφιακό προϊόν έχει ήδη ληφθεί, επομένως δεν μπορεί πλέον να επιστραφεί.",
];

const CONDITION_NOT_ACCEPTED: Sentences = [
    "We cannot accept this item back in its current condition.",
    "Não podemos aceitar a devolução deste item no estado em que ele se encontra.",
    "No podemos aceptar la devolución de este artículo en su estado actual.",
    "Δεν μπορούμε να δεχτούμε την επιστροφή αυτού του προϊόντος στην τρέχουσα κατάστασή του.",
];

const REASON_NOT_ACCEPTED: Sentences = [
    "Our policy does not accept returns of this item for the reason given.",
    "Nossa política não aceita a devolução deste item pelo motivo informado.",
    "Nuestra política no acepta la devolución de este artículo por el motivo indicado.",
    "Η πολιτική μας δεν δέχεται την επιστροφή αυτού του προϊόντος για τον λόγο που αναφέρατε.",
];

const NOT_RECEIVED_BACK: Sentences = [
    "We have received {count} of the {requested} units you are returning, and we refund the ones we have received.",
    "Recebemos {count} das {requested} unidades que você está devolvendo e reembolsamos as que já chegaram.",
    "Hemos recibido {count} de las {requested} unidades que estás devolviendo y reembolsamos las que ya llegaron.",
    "Έχουμε παραλάβει {count} από τα {requested} τεμάχια που επιστρέφετε και σας επιστρέφουμε τα χρήματα για όσα έχουν φτάσει.",
];

const ALREADY_REFUNDED: Sentences = [
    "We have already refunded {refunded} of this purchase, which covers this in full, so there is nothing more to refund.",
    "Já reembolsamos {refunded} desta compra, o que cobre este valor integralmente, então não há mais nada a reembolsar.",
    "Ya reembolsamos {refunded} de esta compra, lo que cubre este importe por completo, así que no queda nada por reembolsar.",
    "Έχουμε ήδη επιστρέψει {refunded} από αυτή την αγορά, ποσό που καλύπτει πλήρως αυτή τη χρέωση, οπότε δεν υπάρχει κάτι άλλο να επιστραφεί.",
];

const ALREADY_PENDING: Sentences = [
    "A refund of {pending} on this purchase is still being processed and covers this in full, so there is nothing more to refund.",
    "Um reembolso de {pending} desta compra ainda está em processamento e cobre este valor integralmente, então não há mais nada a reembolsar.",
    "Un reembolso de {pending} de esta compra aún se está procesando y cubre este importe por completo, así que no queda nada por reembolsar.",
    "Μια επιστροφή {pending} για αυτή την αγορά βρίσκεται ακόμη σε επεξεργασία και καλύπτει πλήρως αυτή τη χρέωση, οπότε δεν υπάρχει κάτι άλλο να επιστραφεί.",
];

const ALREADY_REFUNDED_AND_PENDING: Sentences = [
    "We have already refunded {refunded} of this purchase and a refund of {pending} is still being processed; together they cover this in full, so there is nothing more to refund.",
    "Já reembolsamos {refunded} desta compra e um reembolso de {pending} ainda está em processamento; juntos cobrem este valor integralmente, então não há mais nada a reembolsar.",
    "Ya reembolsamos {refunded} de esta compra y un reembolso de {pending} aún se está procesando; juntos cubren este importe por completo, así que no queda nada por reembolsar.",
    "Έχουμε ήδη επιστρέψει {refunded} από αυτή την αγορά και μια επιστροφή {pending} βρίσκεται ακόμη σε επεξεργασία· μαζί καλύπτουν πλήρως αυτή τη χρέωση, οπότε δεν υπάρχει κάτι άλλο να επιστραφεί.",
];

/// Held back with no refund in the ledger: the payments captured less than the lines.
const NOTHING_LEFT: Sentences = [
    "Nothing paid on this purchase is left to refund for this.",
    "Não resta nenhum valor pago nesta compra a reembolsar por isto.",
    "No queda ningún importe pagado en esta compra por reembolsar por esto.",
    "Δεν απομένει κανένα ποσό από αυτή την αγορά για επιστροφή.",
];

const CAPPED_BY_REFUNDED: Sentences = [
    "We have already refunded {refunded} of this purchase, so for this item we refund only the {amount} that remains.",
    "Já reembolsamos {refunded} desta compra, por isso, para este item, reembolsamos apenas o valor restante de {amount}.",
    "Ya reembolsamos {refunded} de esta compra, así que para este artículo reembolsamos solo el importe restante de {amount}.",
    "Έχουμε ήδη επιστρέψει {refunded} από αυτή την αγορά, οπότε για αυτό το προϊόν επιστρέφουμε μόνο το υπόλοιπο ποσό των {amount}.",
];

const CAPPED_BY_PENDING: Sentences = [
    "A refund of {pending} on this purchase is still being processed, so for this item we refund only the {amount} that remains.",
    "Um reembolso de {pending} desta compra ainda está em processamento, por isso, para este item, reembolsamos apenas o valor restante de {amount}.",
    "Un reembolso de {pending} de esta compra aún se está procesando, así que para este artículo reembolsamos solo el importe restante de {amount}.",
    "Μια επιστροφή {pending} για αυτή την αγορά βρίσκεται ακόμη σε επεξεργασία, οπότε για αυτό το προϊόν επιστρέφουμε μόνο το υπόλοιπο ποσό των {amount}.",
];

const CAPPED_BY_REFUNDED_AND_PENDING: Sentences = [
    "We have already refunded {refunded} of this purchase and a refund of {pending} is still being processed, so for this item we refund only the {amount} that remains.",
    "Já reembolsamos {refunded} desta compra e um reembolso de {pending} ainda está em processamento, por isso, para este item, reembolsamos apenas o valor restante de {amount}.",
    "Ya reembolsamos {refunded} de esta compra y un reembolso de {pending} aún se está procesando, así que para este artículo reembolsamos solo el importe restante de {amount}.",
    "Έχουμε ήδη επιστρέψει {refunded} από αυτή την αγορά και μια επιστροφή {pending} βρίσκεται ακόμη σε επεξεργασία, οπότε για αυτό το προϊόν επιστρέφουμε μόνο το υπόλοιπο ποσό των {amount}.",
];

/// Held back with no refund in the ledger: the payments captured less than the lines.
const CAPPED_BY_PAYMENTS: Sentences = [
    "What was paid on this purchase leaves only {amount} to refund for this item.",
    "O valor pago nesta compra permite reembolsar apenas {amount} por este item.",
    "Lo pagado en esta compra permite reembolsar solo {amount} por este artículo.",
    "Το ποσό που πληρώθηκε για αυτή την αγορά επιτρέπει την επιστροφή μόνο {amount} για αυτό το προϊόν.",
];

const RESTOCKING_FEE: Sentences = [
    "A restocking fee of {amount} applies to this item.",
    "Uma taxa de reposição de estoque de {amount} se aplica a este item.",
    "Se aplica a este artículo un cargo por reposición de {amount}.",
    "Για αυτό το προϊόν ισχύει τέλος επανατοποθέτησης στο απόθεμα ύψους {amount}.",
];

const RETURN_SHIPPING_FEE: Sentences = [
    "The return shipping cost of {amount} is deducted from your refund.",
    "O custo do frete de devolução, de {amount}, é descontado do seu reembolso.",
    "El coste del envío de devolución, de {amount}, se descuenta de tu reembolso.",
    "Το κόστος αποστολής της επιστροφής, {amount}, αφαιρείται από το ποσό που σας επιστρέφουμε.",
];

const FEES_WAIVED_MERCHANT_FAULT: Sentences = [
    "Since the problem was on our side, there is no fee and we cover the return shipping.",
    "Como o problema foi nosso, não há nenhuma taxa e nós pagamos o frete de devolução.",
    "Como el problema fue nuestro, no hay ningún cargo y nosotros pagamos el envío de devolución.",
    "Επειδή το πρόβλημα ήταν δικό μας, δεν υπάρχει καμία χρέωση και αναλαμβάνουμε εμείς τα έξοδα αποστολής της επιστροφής.",
];

const SHIPPING_REFUNDED: Sentences = [
    "The original shipping of {amount} is refunded too.",
    "O frete original, de {amount}, também é reembolsado.",
    "También reembolsamos el envío original, de {amount}.",
    "Σας επιστρέφουμε επίσης τα αρχικά έξοδα αποστολής, {amount}.",
];

const DUPLICATE_CHARGE: Sentences = [
    "We found a duplicate charge on your order and are refunding the full {amount}.",
    "Identificamos uma cobrança em duplicidade no seu pedido e vamos reembolsar integralmente o valor de {amount}.",
    "Detectamos un cobro duplicado en tu pedido y te reembolsaremos íntegramente el importe de {amount}.",
    "Εντοπίσαμε διπλή χρέωση στην παραγγελία σας και θα σας επιστρέψουμε ολόκληρο το ποσό των {amount}.",
];

const AUTO_APPROVED: Sentences = [
    "Your request has been approved.",
    "Sua solicitação foi aprovada.",
    "Tu solicitud ha sido aprobada.",
    "Το αίτημά σας εγκρίθηκε.",
];

/// An approval that grants part of what was asked: the other reasons say what is not.
const PARTLY_APPROVED: Sentences = [
    "Your request has been partly approved.",
    "Sua solicitação foi aprovada em parte.",
    "Tu solicitud ha sido aprobada en parte.",
    "Το αίτημά σας εγκρίθηκε εν μέρει.",
];

const REVIEW_AMOUNT: Sentences = [
    "Because of the amount, a member of our team will review your request and get back to you shortly.",
    "Devido ao valor, um membro da nossa equipe vai analisar sua solicitação e responder em breve.",
    "Debido al importe, un miembro de nuestro equipo revisará tu solicitud y te responderá en breve.",
    "Λόγω του ποσού, ένα μέλος της ομάδας μας θα εξετάσει το αίτημά σας και θα σας απαντήσει σύντομα.",
];

/// The one answer of every review but the amount's: no reason given, nothing exposed.
const REVIEW: Sentences = [
    "A member of our team will review your request and get back to you shortly.",
    "Um membro da nossa equipe vai analisar sua solicitação e responder em breve.",
    "Un miembro de nuestro equipo revisará tu solicitud y te responderá en breve.",
    "Ένα μέλος της ομάδας μας θα εξετάσει το αίτημά σας και θα σας απαντήσει σύντομα.",
];

/// A refund with nothing to send (nothing routed): no destination to name.
const REMEDY_REFUND: Sentences = [
    "We will refund {amount}.",
    "Vamos reembolsar {amount}.",
    "Te reembolsaremos {amount}.",
    "Θα σας επιστρέψουμε {amount}.",
];

const REFUND_SPLIT: Sentences = [
    "We will refund {amount}, split across the payments you made.",
    "Vamos reembolsar {amount}, divididos entre os pagamentos que você fez.",
    "Te reembolsaremos {amount}, repartidos entre los pagos que hiciste.",
    "Θα σας επιστρέψουμε {amount}, κατανεμημένα στις πληρωμές που κάνατε.",
];

const REFUND_TO_CARD: Sentences = [
    "We will refund {amount} to the card you paid with.",
    "Vamos reembolsar {amount} no cartão usado na compra.",
    "Te reembolsaremos {amount} en la tarjeta con la que pagaste.",
    "Θα σας επιστρέψουμε {amount} στην κάρτα με την οποία πληρώσατε.",
];

const REFUND_TO_PIX_KEY: Sentences = [
    "We will refund {amount} by Pix to the key you paid from.",
    "Vamos reembolsar {amount} via Pix, para a chave que fez o pagamento.",
    "Te reembolsaremos {amount} por Pix a la clave desde la que pagaste.",
    "Θα σας επιστρέψουμε {amount} μέσω Pix στο κλειδί από το οποίο πληρώσατε.",
];

const REFUND_TO_BANK_DETAILS: Sentences = [
    "We will refund {amount} to the bank account or Pix key you give us.",
    "Vamos reembolsar {amount} na conta bancária ou chave Pix que você nos informar.",
    "Te reembolsaremos {amount} en la cuenta bancaria o clave Pix que nos indiques.",
    "Θα σας επιστρέψουμε {amount} στον τραπεζικό λογαριασμό ή στο κλειδί Pix που θα μας δώσετε.",
];

const REFUND_TO_WALLET: Sentences = [
    "We will refund {amount} through your wallet to the card or account that funded it.",
    "Vamos reembolsar {amount} pela sua carteira digital, para o cartão ou a conta que a abasteceu.",
    "Te reembolsaremos {amount} a través de tu billetera digital, en la tarjeta o cuenta que la financió.",
    "Θα σας επιστρέψουμε {amount} μέσω του ψηφιακού σας πορτοφολιού στην κάρτα ή στον λογαριασμό που το χρηματοδότησε.",
];

const REFUND_TO_BANK_ACCOUNT: Sentences = [
    "We will refund {amount} to the bank account you paid from.",
    "Vamos reembolsar {amount} na conta bancária de origem do pagamento.",
    "Te reembolsaremos {amount} en la cuenta bancaria desde la que pagaste.",
    "Θα σας επιστρέψουμε {amount} στον τραπεζικό λογαριασμό από τον οποίο πληρώσατε.",
];

const REFUND_TO_GIFT_CARD: Sentences = [
    "We will refund {amount} to your gift card.",
    "Vamos reembolsar {amount} no seu vale-presente.",
    "Te reembolsaremos {amount} en tu tarjeta regalo.",
    "Θα σας επιστρέψουμε {amount} στη δωροκάρτα σας.",
];

const REFUND_TO_STORE_CREDIT: Sentences = [
    "We will refund {amount} as store credit, as you paid.",
    "Vamos reembolsar {amount} em crédito na loja, como foi pago.",
    "Te reembolsaremos {amount} en crédito para la tienda, como pagaste.",
    "Θα σας επιστρέψουμε {amount} σε πίστωση καταστήματος, όπως πληρώσατε.",
];

const REMEDY_STORE_CREDIT: Sentences = [
    "You will receive {amount} in store credit.",
    "Você vai receber {amount} em crédito na loja.",
    "Recibirás {amount} en crédito para la tienda.",
    "Θα λάβετε {amount} σε πίστωση για αγορές στο κατάστημά μας.",
];

const REMEDY_EXCHANGE: Sentences = [
    "We will exchange the item for you.",
    "Vamos trocar o item para você.",
    "Te cambiaremos el artículo.",
    "Θα σας αλλάξουμε το προϊόν.",
];

const REMEDY_REPLACEMENT: Sentences = [
    "We will send you a replacement.",
    "Vamos enviar um item novo para substituir o seu.",
    "Te enviaremos un artículo de reemplazo.",
    "Θα σας στείλουμε ένα καινούργιο προϊόν στη θέση του.",
];

const REMEDY_REPAIR: Sentences = [
    "We will repair the item for you.",
    "Vamos consertar o item para você.",
    "Repararemos el artículo.",
    "Θα επισκευάσουμε το προϊόν.",
];

const REMEDY_NOT_OFFERED: Sentences = [
    "We cannot offer {remedy} for this request.",
    "Não podemos oferecer {remedy} nesta solicitação.",
    "No podemos ofrecer {remedy} en esta solicitud.",
    "Δεν μπορούμε να προσφέρουμε {remedy} για αυτό το αίτημα.",
];

const STORE_CREDIT_OFFER: Sentences = [
    "If you prefer, you can receive {amount} in store credit instead of a refund of {other}.",
    "Se preferir, você pode receber {amount} em crédito na loja em vez de um reembolso de {other}.",
    "Si lo prefieres, puedes recibir {amount} en crédito para la tienda en lugar de un reembolso de {other}.",
    "Αν προτιμάτε, μπορείτε να λάβετε {amount} σε πίστωση καταστήματος αντί για επιστροφή χρημάτων {other}.",
];

const TIMING_CARD: Sentences = [
    "The refund of {amount} goes back to the card you paid with and usually appears within {min} to {max} business days, depending on your bank.",
    "O reembolso de {amount} volta para o cartão usado na compra e costuma aparecer em {min} a {max} dias úteis, dependendo do seu banco.",
    "El reembolso de {amount} vuelve a la tarjeta con la que pagaste y suele aparecer en un plazo de {min} a {max} días hábiles, según tu banco.",
    "Η επιστροφή των {amount} γίνεται στην κάρτα με την οποία πληρώσατε και συνήθως εμφανίζεται σε {min} έως {max} εργάσιμες ημέρες, ανάλογα με την τράπεζά σας.",
];

const TIMING_PIX: Sentences = [
    "The refund of {amount} is sent instantly by Pix to the key you paid from.",
    "O reembolso de {amount} é feito na hora via Pix, para a mesma chave que fez o pagamento.",
    "El reembolso de {amount} se envía al instante por Pix a la clave desde la que pagaste.",
    "Η επιστροφή των {amount} αποστέλλεται αμέσως μέσω Pix στο κλειδί από το οποίο πληρώσατε.",
];

const TIMING_BANK_DETAILS: Sentences = [
    "To send you the refund of {amount}, we need your bank account details or a Pix key.",
    "Para enviar o reembolso de {amount}, precisamos dos dados da sua conta bancária ou de uma chave Pix.",
    "Para enviarte el reembolso de {amount}, necesitamos los datos de tu cuenta bancaria o una clave Pix.",
    "Για να σας στείλουμε την επιστροφή των {amount}, χρειαζόμαστε τα στοιχεία του τραπεζικού σας λογαριασμού ή ένα κλειδί Pix.",
];

const TIMING_WALLET: Sentences = [
    "The refund of {amount} goes back through your wallet to the card or account that funded it, and takes as long as that source does.",
    "O reembolso de {amount} volta pela sua carteira digital para o cartão ou a conta que a abasteceu, no mesmo prazo dessa origem.",
    "El reembolso de {amount} vuelve a través de tu billetera digital a la tarjeta o cuenta que la financió, en el mismo plazo que esa fuente.",
    "Η επιστροφή των {amount} γίνεται μέσω του ψηφιακού σας πορτοφολιού στην κάρτα ή στον λογαριασμό που το χρηματοδότησε, στον ίδιο χρόνο με αυτή την πηγή.",
];

const TIMING_BANK_TRANSFER: Sentences = [
    "The refund of {amount} is sent by bank transfer to the account you paid from and usually arrives within {min} to {max} business days.",
    "O reembolso de {amount} é enviado por transferência bancária para a conta de origem e costuma chegar em {min} a {max} dias úteis.",
    "El reembolso de {amount} se envía por transferencia bancaria a la cuenta desde la que pagaste y suele llegar en {min} a {max} días hábiles.",
    "Η επιστροφή των {amount} αποστέλλεται με τραπεζική μεταφορά στον λογαριασμό από τον οποίο πληρώσατε και συνήθως φτάνει σε {min} έως {max} εργάσιμες ημέρες.",
];

const REFUND_BY: Sentences = [
    "We will send your refund by {date} at the latest.",
    "Enviaremos seu reembolso até {date}, no máximo.",
    "Te enviaremos el reembolso a más tardar el {date}.",
    "Θα σας στείλουμε την επιστροφή χρημάτων το αργότερα έως τις {date}.",
];

const REFUND_BY_ONCE_BACK: Sentences = [
    "We will send your refund by {date} at the latest; we may wait until we have the items back or you show us proof of sending them, whichever comes first.",
    "Enviaremos seu reembolso até {date}, no máximo; podemos aguardar até recebermos os itens de volta ou você nos mostrar o comprovante de envio, o que ocorrer primeiro.",
    "Te enviaremos el reembolso a más tardar el {date}; podemos esperar hasta recibir los artículos o hasta que nos muestres el justificante de envío, lo que ocurra primero.",
    "Θα σας στείλουμε την επιστροφή χρημάτων το αργότερα έως τις {date}· μπορεί να περιμένουμε μέχρι να παραλάβουμε τα προϊόντα ή να μας δείξετε την απόδειξη αποστολής τους, όποιο συμβεί πρώτο.",
];

const REFUND_NOW: Sentences = [
    "We send your refund right away.",
    "Enviamos seu reembolso imediatamente.",
    "Te enviamos el reembolso de inmediato.",
    "Σας στέλνουμε την επιστροφή χρημάτων αμέσως.",
];

const REFUND_ONCE_BACK: Sentences = [
    "We send your refund as soon as we have the items back or you show us proof of sending them, whichever comes first.",
    "Enviamos seu reembolso assim que recebermos os itens de volta ou você nos mostrar o comprovante de envio, o que ocorrer primeiro.",
    "Te enviamos el reembolso en cuanto recibamos los artículos o nos muestres el justificante de envío, lo que ocurra primero.",
    "Σας στέλνουμε την επιστροφή χρημάτων μόλις παραλάβουμε τα προϊόντα ή μας δείξετε την απόδειξη αποστολής τους, όποιο συμβεί πρώτο.",
];

const TIMING_INSTANT: Sentences = [
    "The {amount} is restored to your gift card or store credit right away.",
    "O valor de {amount} volta para o seu vale-presente ou crédito na loja imediatamente.",
    "El importe de {amount} vuelve a tu tarjeta regalo o crédito de la tienda de inmediato.",
    "Το ποσό των {amount} επιστρέφει αμέσως στη δωροκάρτα ή στην πίστωση καταστήματός σας.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_fast_search_finds_what_find_finds(text in "[a-z{}\\u{80}-\\u{7ff} ]{0,40}") {
            prop_assert_eq!(find_open(&text), text.find('{'));
        }
    }

    #[test]
    fn the_fast_search_finds_every_position() {
        for len in 0..40 {
            for at in 0..=len {
                let mut text = "x".repeat(len);
                if at < len {
                    text.replace_range(at..=at, "{");
                }
                assert_eq!(find_open(&text), text.find('{'), "{text}");
            }
        }
        for &locale in Locale::ALL.iter() {
            for &code in ReasonCode::ALL.iter() {
                let text = template(code, locale, &Args::default());
                assert_eq!(find_open(text), text.find('{'));
            }
        }
    }

    #[test]
    fn every_code_has_a_sentence_in_every_locale() {
        for &code in ReasonCode::ALL.iter() {
            for &locale in Locale::ALL.iter() {
                for &remedy in Remedy::ALL.iter() {
                    let args = Args {
                        remedy: Some(remedy),
                        ..Args::default()
                    };
                    let text = template(code, locale, &args);
                    assert!(text.ends_with('.'), "{code:?} {locale:?}");
                    assert!(text.chars().next().is_some_and(char::is_uppercase));
                }
            }
        }
    }

    #[test]
    fn ledger_sentences_tell_refunded_from_pending_with_amounts() {
        let brl = |a: &str| Money::parse(a, "BRL").ok();
        let args = |refunded: &str, pending: &str| Args {
            amount: brl("30.00"),
            refunded: brl(refunded),
            pending: brl(pending),
            ..Args::default()
        };
        let capped = |a: &Args| render(ReasonCode::CappedByLedger, Locale::En, a);
        assert_eq!(
            capped(&args("0.00", "20.00")),
            "A refund of 20.00 BRL on this purchase is still being processed, so for this item we refund only the 30.00 BRL that remains."
        );
        assert_eq!(
            capped(&args("20.00", "0.00")),
            "We have already refunded 20.00 BRL of this purchase, so for this item we refund only the 30.00 BRL that remains."
        );
        assert!(capped(&args("5.00", "15.00")).contains(
            "5.00 BRL of this purchase and a refund of 15.00 BRL is still being processed"
        ));
        assert!(!capped(&args("0.00", "0.00")).contains("refunded"));
        for &locale in Locale::ALL.iter() {
            for a in [
                args("1.00", "0.00"),
                args("0.00", "1.00"),
                args("1.00", "2.00"),
            ] {
                for code in [ReasonCode::CappedByLedger, ReasonCode::AlreadyRefunded] {
                    let text = render(code, locale, &a);
                    assert!(!text.contains('{') && text.ends_with('.'), "{text}");
                }
            }
        }
    }

    #[test]
    fn an_approval_says_whether_it_is_whole_or_partial() {
        let with = |outcome| Args {
            outcome: Some(outcome),
            ..Args::default()
        };
        for &locale in Locale::ALL.iter() {
            let whole = render(ReasonCode::AutoApproved, locale, &with(Outcome::Approve));
            let part = render(ReasonCode::AutoApproved, locale, &with(Outcome::Partial));
            assert_ne!(whole, part, "{locale:?}");
        }
        assert_eq!(
            render(
                ReasonCode::AutoApproved,
                Locale::PtBr,
                &with(Outcome::Partial)
            ),
            "Sua solicitação foi aprovada em parte."
        );
    }

    #[test]
    fn a_refund_names_the_destination_it_was_routed_to() {
        let args = |to| Args {
            amount: Money::parse("21.28", "BRL").ok(),
            remedy: Some(Remedy::Refund),
            refund_to: to,
            ..Args::default()
        };
        for &locale in Locale::ALL.iter() {
            let mut seen = Vec::new();
            for &d in Destination::ALL.iter() {
                let text = render(ReasonCode::Remedy, locale, &args(Some(RefundTo::One(d))));
                assert!(text.ends_with('.') && !text.contains('{'), "{text}");
                assert!(!seen.contains(&text), "{text}");
                seen.push(text);
            }
        }
        assert_eq!(
            render(
                ReasonCode::Remedy,
                Locale::PtBr,
                &args(Some(RefundTo::One(Destination::CustomerBankDetails)))
            ),
            "Vamos reembolsar R$ 21,28 na conta bancária ou chave Pix que você nos informar."
        );
        assert_eq!(
            render(ReasonCode::Remedy, Locale::En, &args(Some(RefundTo::Split))),
            "We will refund 21.28 BRL, split across the payments you made."
        );
        assert!(!render(ReasonCode::Remedy, Locale::En, &args(None)).contains("original"));
    }

    #[test]
    fn the_name_is_said_once_in_the_greeting() {
        assert_eq!(
            greeting(Some(" Marina "), Locale::PtBr).as_deref(),
            Some("Marina, esta é a resposta à sua solicitação.")
        );
        assert_eq!(greeting(Some("  "), Locale::En), None);
        assert_eq!(greeting(None, Locale::El), None);
        for &locale in Locale::ALL.iter() {
            let text = greeting(Some("Ana"), locale).unwrap();
            assert!(text.starts_with("Ana, ") && text.ends_with('.'), "{text}");
        }
    }

    #[test]
    fn amounts_follow_the_language() {
        let brl = Money::parse("1234.50", "BRL").unwrap();
        let args = Args {
            amount: Some(brl),
            ..Args::default()
        };
        assert_eq!(
            render(ReasonCode::DuplicateCharge, Locale::PtBr, &args),
            "Identificamos uma cobrança em duplicidade no seu pedido e vamos reembolsar integralmente o valor de R$ 1.234,50."
        );
        assert_eq!(
            render(ReasonCode::DuplicateCharge, Locale::En, &args),
            "We found a duplicate charge on your order and are refunding the full 1,234.50 BRL."
        );
    }

    #[test]
    fn dates_and_counts_follow_the_language() {
        let args = Args {
            date: NaiveDate::from_ymd_opt(2026, 3, 7),
            count: Some(1),
            requested: Some(1200),
            ..Args::default()
        };
        assert_eq!(
            render(ReasonCode::WithinWindow, Locale::En, &args),
            "Your return is within the return window, which runs until 7 March 2026."
        );
        assert_eq!(
            render(ReasonCode::WithinWindow, Locale::El, &args),
            "Η επιστροφή σας είναι εντός της προθεσμίας, η οποία λήγει στις 07/03/2026."
        );
        assert!(render(ReasonCode::NotReceivedBack, Locale::Es, &args)
            .starts_with("Hemos recibido 1 de las 1200 unidades"));
        assert_eq!(
            render(ReasonCode::RemedyNotOffered, Locale::PtBr, &args),
            "Não podemos oferecer reembolso nesta solicitação."
        );
    }
}
