//! Every reason of a goodwill decision as two sentences, one for the support agent and one
//! for the customer, in English, Brazilian Portuguese, Spanish and Greek. The decision's
//! last reason addresses the customer by name. Customer sentences never accuse the
//! customer and never name internal limits.

use std::fmt::Write;

use schemars::JsonSchema;
use serde::Serialize;

use super::config::{Fault, OfferKind, Role};
use crate::canonical::Encode;
use crate::comms::format::push_money;
use crate::comms::Locale;
use crate::money::Money;

/// One reason of a decision: a stable code, the rule it cites and its sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CompensationReason {
    /// The stable code (`compensation.capped`).
    pub code: String,
    /// The rule it cites: a tier, limit or rule id of the scheme, or a `recourse.*`
    /// guarantee.
    pub rule: String,
    /// The sentence for the support agent.
    pub agent: String,
    /// The sentence for the customer.
    pub customer: String,
}

/// The reasons of `compensation.offer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    Tier,
    BelowThreshold,
    CustomerFault,
    Scaled,
    Floor,
    Capped,
    CountCap,
    Budget,
    Review,
    Approval,
    PassOn,
    Offer,
    NoOffer,
}

impl Code {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Tier => "compensation.tier",
            Self::BelowThreshold => "compensation.below_threshold",
            Self::CustomerFault => "compensation.customer_fault",
            Self::Scaled => "compensation.customer_value",
            Self::Floor => "compensation.floor",
            Self::Capped => "compensation.capped",
            Self::CountCap => "compensation.count_cap_reached",
            Self::Budget => "compensation.budget_exhausted",
            Self::Review => "compensation.review",
            Self::Approval => "compensation.approval_needed",
            Self::PassOn => "compensation.pass_on",
            Self::Offer => "compensation.offer",
            Self::NoOffer => "compensation.no_offer",
        }
    }
}

/// The values a sentence may mention.
#[derive(Debug, Clone, Default)]
pub(crate) struct Args<'a> {
    pub amount: Option<Money>,
    pub count: Option<u64>,
    pub text: &'a str,
    pub name: &'a str,
}

/// The reason `code` citing `rule`, in `locale`.
pub(crate) fn reason(
    code: Code,
    rule: &str,
    locale: Locale,
    args: &Args<'_>,
) -> CompensationReason {
    let [agent, customer] = templates(code, locale);
    CompensationReason {
        code: code.as_str().to_owned(),
        rule: rule.to_owned(),
        agent: render(agent, locale, args),
        customer: render(customer, locale, args),
    }
}

fn render(template: &str, locale: Locale, args: &Args<'_>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (text, tail) = rest.split_at(open);
        out.push_str(text);
        let Some(close) = tail.find('}') else {
            out.push_str(tail);
            return out;
        };
        match tail.get(1..close).unwrap_or("") {
            "amount" => {
                if let Some(m) = &args.amount {
                    push_money(&mut out, m, locale);
                }
            }
            // Writing to a `String` cannot fail.
            "count" => drop(write!(out, "{}", args.count.unwrap_or(0))),
            "text" => out.push_str(args.text),
            "name" => out.push_str(args.name),
            _ => {}
        }
        rest = tail.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// An offer's kind as words, in `locale`.
pub(crate) fn kind_label(kind: OfferKind, locale: Locale) -> &'static str {
    locale.pick(match kind {
        OfferKind::PercentCoupon => [
            "a discount coupon",
            "um cupom de desconto",
            "un cupón de descuento",
            "ένα κουπόνι έκπτωσης",
        ],
        OfferKind::FixedCoupon => ["a coupon", "um cupom", "un cupón", "ένα κουπόνι"],
        OfferKind::StoreCredit => [
            "store credit",
            "crédito na loja",
            "crédito en la tienda",
            "πίστωση στο κατάστημα",
        ],
        OfferKind::ShippingRefund => [
            "a refund of your shipping",
            "o reembolso do seu frete",
            "el reembolso de su envío",
            "επιστροφή των εξόδων αποστολής σας",
        ],
        OfferKind::FreeShipping => [
            "free shipping on your next order",
            "frete grátis no seu próximo pedido",
            "envío gratis en su próximo pedido",
            "δωρεάν αποστολή στην επόμενη παραγγελία σας",
        ],
        OfferKind::Points => [
            "loyalty points",
            "pontos de fidelidade",
            "puntos de fidelidad",
            "πόντους επιβράβευσης",
        ],
    })
}

/// Who was at fault, as words, in `locale`.
pub(crate) fn fault_label(fault: Fault, locale: Locale) -> &'static str {
    locale.pick(match fault {
        Fault::Merchant => ["the store", "a loja", "la tienda", "το κατάστημα"],
        Fault::Carrier => [
            "the carrier",
            "a transportadora",
            "la empresa de transporte",
            "η εταιρεία μεταφοράς",
        ],
        Fault::PaymentProvider => [
            "the payment provider",
            "o provedor de pagamento",
            "el proveedor de pagos",
            "ο πάροχος πληρωμών",
        ],
        Fault::Customer => ["the customer", "o cliente", "el cliente", "ο πελάτης"],
        Fault::Unknown => ["unknown", "desconhecido", "desconocido", "άγνωστος"],
    })
}

/// A role as words, in `locale`.
pub(crate) fn role_label(role: Role, locale: Locale) -> &'static str {
    locale.pick(match role {
        Role::Agent => ["an agent", "um atendente", "un agente", "έναν εκπρόσωπο"],
        Role::Lead => [
            "a team lead",
            "um líder de equipe",
            "un líder de equipo",
            "έναν επικεφαλής ομάδας",
        ],
        Role::Manager => ["a manager", "um gerente", "un gerente", "έναν διευθυντή"],
    })
}

const LOOKED: [&str; 4] = [
    "We looked at what happened with your order.",
    "Analisamos o que aconteceu com o seu pedido.",
    "Revisamos lo que pasó con su pedido.",
    "Εξετάσαμε τι συνέβη με την παραγγελία σας.",
];

const CONFIRMING: [&str; 4] = [
    "{name}, we are sorry for the trouble. We are confirming your compensation and will let you know shortly.",
    "{name}, sentimos muito pelo transtorno. Estamos confirmando a sua compensação e avisaremos em breve.",
    "{name}, lamentamos las molestias. Estamos confirmando su compensación y le avisaremos en breve.",
    "{name}, λυπούμαστε για την ταλαιπωρία. Επιβεβαιώνουμε την αποζημίωσή σας και θα σας ενημερώσουμε σύντομα.",
];

/// `[agent, customer]` for `code` in `locale`.
fn templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::Tier => pick(
            [
                "Severity {text} falls in this tier: {amount} before customer value and limits.",
                "A gravidade {text} cai nesta faixa: {amount} antes do valor do cliente e dos limites.",
                "La gravedad {text} cae en este tramo: {amount} antes del valor del cliente y los límites.",
                "Η σοβαρότητα {text} ανήκει σε αυτή τη βαθμίδα: {amount} πριν από την αξία πελάτη και τα όρια.",
            ],
            LOOKED,
        ),
        Code::BelowThreshold => pick(
            [
                "Severity {text} is in no tier of this incident kind: no goodwill.",
                "A gravidade {text} não está em nenhuma faixa deste tipo de incidente: sem compensação.",
                "La gravedad {text} no está en ningún tramo de este tipo de incidente: sin compensación.",
                "Η σοβαρότητα {text} δεν ανήκει σε καμία βαθμίδα αυτού του είδους περιστατικού: καμία αποζημίωση.",
            ],
            LOOKED,
        ),
        Code::CustomerFault => pick(
            [
                "The customer's own action caused it, and the scheme gives no goodwill for this kind.",
                "A causa foi uma ação do próprio cliente, e o esquema não dá compensação para este tipo.",
                "La causa fue una acción del propio cliente, y el esquema no da compensación para este tipo.",
                "Η αιτία ήταν ενέργεια του ίδιου του πελάτη και το σχήμα δεν δίνει αποζημίωση για αυτό το είδος.",
            ],
            LOOKED,
        ),
        Code::Scaled => pick(
            [
                "Customer value: {count}% of the tier's value, {amount}.",
                "Valor do cliente: {count}% do valor da faixa, {amount}.",
                "Valor del cliente: {count} % del valor del tramo, {amount}.",
                "Αξία πελάτη: {count}% της αξίας της βαθμίδας, {amount}.",
            ],
            LOOKED,
        ),
        _ => limit_templates(code, locale),
    }
}

fn limit_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::Floor => pick(
            [
                "Raised to the tier's floor, {amount}.",
                "Elevado ao piso da faixa, {amount}.",
                "Elevado al mínimo del tramo, {amount}.",
                "Αυξήθηκε στο κατώτατο όριο της βαθμίδας, {amount}.",
            ],
            LOOKED,
        ),
        Code::Capped => pick(
            [
                "Capped at {amount} by this limit.",
                "Limitado a {amount} por este limite.",
                "Limitado a {amount} por este límite.",
                "Περιορίστηκε σε {amount} από αυτό το όριο.",
            ],
            LOOKED,
        ),
        Code::CountCap => pick(
            [
                "{count} offers already given in this period: no more until it rolls over.",
                "{count} ofertas já dadas neste período: nenhuma outra até ele passar.",
                "{count} ofertas ya dadas en este período: ninguna más hasta que pase.",
                "Έχουν ήδη δοθεί {count} προσφορές σε αυτή την περίοδο: καμία άλλη μέχρι να περάσει.",
            ],
            LOOKED,
        ),
        Code::Budget => pick(
            [
                "The team's goodwill budget for the period is spent.",
                "O orçamento de compensações da equipe para o período foi gasto.",
                "El presupuesto de compensaciones del equipo para el período está agotado.",
                "Ο προϋπολογισμός αποζημιώσεων της ομάδας για την περίοδο έχει εξαντληθεί.",
            ],
            LOOKED,
        ),
        _ => outcome_templates(code, locale),
    }
}

fn outcome_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::Review => pick(
            [
                "Send to review under this anti-abuse rule (count: {count}).",
                "Enviar para revisão por esta regra antiabuso (contagem: {count}).",
                "Enviar a revisión por esta regla antiabuso (recuento: {count}).",
                "Αποστολή για έλεγχο βάσει αυτού του κανόνα κατά της κατάχρησης (πλήθος: {count}).",
            ],
            CONFIRMING,
        ),
        Code::Approval => pick(
            [
                "{amount} is above what your role grants: approval from {text}.",
                "{amount} está acima do que a sua função concede: aprovação de {text}.",
                "{amount} supera lo que su función concede: aprobación de {text}.",
                "Το ποσό {amount} υπερβαίνει ό,τι εγκρίνει ο ρόλος σας: έγκριση από {text}.",
            ],
            CONFIRMING,
        ),
        Code::PassOn => pick(
            [
                "The cost can be claimed back from the party at fault ({text}).",
                "O custo pode ser cobrado da parte responsável ({text}).",
                "El costo puede reclamarse a la parte responsable ({text}).",
                "Το κόστος μπορεί να ανακτηθεί από τον υπαίτιο ({text}).",
            ],
            LOOKED,
        ),
        Code::Offer => pick(
            [
                "Offer {text}, worth {amount}.",
                "Oferecer {text}, no valor de {amount}.",
                "Ofrecer {text}, por un valor de {amount}.",
                "Προσφορά: {text}, αξίας {amount}.",
            ],
            [
                "{name}, we are sorry for the trouble. We are giving you {text}, worth {amount}.",
                "{name}, sentimos muito pelo transtorno. Vamos lhe dar {text}, no valor de {amount}.",
                "{name}, lamentamos las molestias. Le damos {text}, por un valor de {amount}.",
                "{name}, λυπούμαστε για την ταλαιπωρία. Σας δίνουμε {text}, αξίας {amount}.",
            ],
        ),
        Code::NoOffer => pick(
            [
                "No goodwill for this incident.",
                "Sem compensação para este incidente.",
                "Sin compensación para este incidente.",
                "Καμία αποζημίωση για αυτό το περιστατικό.",
            ],
            [
                "{name}, we are sorry for the trouble. We cannot offer compensation this time, and we have noted what happened.",
                "{name}, sentimos muito pelo transtorno. Desta vez não podemos oferecer uma compensação, e registramos o que aconteceu.",
                "{name}, lamentamos las molestias. Esta vez no podemos ofrecer una compensación, y hemos registrado lo sucedido.",
                "{name}, λυπούμαστε για την ταλαιπωρία. Αυτή τη φορά δεν μπορούμε να προσφέρουμε αποζημίωση και καταγράψαμε τι συνέβη.",
            ],
        ),
        _ => pick(LOOKED, LOOKED),
    }
}
