//! Every reason of a dispute decision as two sentences, one for the support agent and one
//! for the customer, in English, Brazilian Portuguese, Spanish and Greek. Amounts and dates
//! are written the way each language writes them, by [`crate::comms::format`].
//!
//! Customer sentences never accuse the customer and never name the network's codes.

use std::fmt::Write;

use chrono::Timelike;

use schemars::JsonSchema;
use serde::Serialize;

use super::Category;
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::format::{push_date, push_money};
use crate::comms::Locale;
use crate::money::Money;

/// One reason of a decision: a stable code, the rule it comes from and its sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DisputeReason {
    /// The stable code (`dispute.respond_by_processor`).
    pub code: String,
    /// The rule it cites: a configuration id, a code table with its source, or a
    /// `recourse.*` guarantee.
    pub rule: String,
    /// The sentence for the support agent.
    pub agent: String,
    /// The sentence for the customer.
    pub customer: String,
}

/// The reasons the dispute operations give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    Classified,
    NotFightable,
    RespondByProcessor,
    RespondByNetwork,
    RespondByBuffer,
    AtRisk,
    BufferPassed,
    EvidenceMissing,
    EvidenceComplete,
    Ce3Eligible,
    Ce3NotEligible,
    Fight,
    Accept,
    Refund,
    AutoRefund,
    SubmitCredit,
    Review,
    NoPrior,
    PartlyRefunded,
    ProgramExcessive,
    ProgramBelow,
    ProgramProjected,
    WindowOpen,
    WindowClosed,
}

impl Code {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Classified => "dispute.classified",
            Self::NotFightable => "dispute.not_fightable",
            Self::RespondByProcessor => "dispute.respond_by_processor",
            Self::RespondByNetwork => "dispute.respond_by_network",
            Self::RespondByBuffer => "dispute.respond_by_buffer",
            Self::AtRisk => "dispute.at_risk",
            Self::BufferPassed => "dispute.buffer_passed",
            Self::EvidenceMissing => "dispute.evidence_missing",
            Self::EvidenceComplete => "dispute.evidence_complete",
            Self::Ce3Eligible => "dispute.ce3_eligible",
            Self::Ce3NotEligible => "dispute.ce3_not_eligible",
            Self::Fight => "dispute.fight",
            Self::Accept => "dispute.accept",
            Self::Refund => "dispute.refund",
            Self::AutoRefund => "dispute.auto_refund",
            Self::SubmitCredit => "dispute.submit_credit",
            Self::Review => "dispute.review",
            Self::NoPrior => "dispute.no_win_rate",
            Self::PartlyRefunded => "dispute.partly_refunded",
            Self::ProgramExcessive => "dispute.program_excessive",
            Self::ProgramBelow => "dispute.program_below",
            Self::ProgramProjected => "dispute.program_projected",
            Self::WindowOpen => "dispute.window_open",
            Self::WindowClosed => "dispute.window_closed",
        }
    }
}

/// The values a sentence may mention.
#[derive(Debug, Clone, Default)]
pub(crate) struct Args {
    pub amount: Option<Money>,
    pub other: Option<Money>,
    /// The amount still disputed (`at_stake`), for the customer.
    pub stake: Option<Money>,
    pub at: Option<Timestamp>,
    pub count: Option<u64>,
    pub category: Option<Category>,
    pub text: Option<String>,
}

/// The reason `code` citing `rule`, in `locale`.
pub(crate) fn reason(code: Code, rule: &str, locale: Locale, args: &Args) -> DisputeReason {
    let [agent, customer] = templates(code, locale);
    DisputeReason {
        code: code.as_str().to_owned(),
        rule: rule.to_owned(),
        agent: render(agent, locale, args),
        customer: render(customer, locale, args),
    }
}

fn render(template: &str, locale: Locale, args: &Args) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (text, tail) = rest.split_at(open);
        out.push_str(text);
        let Some(close) = tail.find('}') else {
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

fn push_value(out: &mut String, key: &str, locale: Locale, args: &Args) {
    match key {
        "amount" => {
            if let Some(m) = &args.amount {
                push_money(out, m, locale);
            }
        }
        "stake" => {
            if let Some(m) = &args.stake {
                push_money(out, m, locale);
            }
        }
        "other" => {
            if let Some(m) = &args.other {
                push_money(out, m, locale);
            }
        }
        "at" => {
            if let Some(t) = &args.at {
                let local = t.as_datetime();
                push_date(out, local.date_naive(), locale);
                let offset = local.offset().local_minus_utc();
                let sign = if offset < 0 { '-' } else { '+' };
                let (h, m) = (offset.abs() / 3600, offset.abs() % 3600 / 60);
                // Writing to a `String` cannot fail.
                let _ = write!(
                    out,
                    " {:02}:{:02} (UTC{sign}{h:02}:{m:02})",
                    local.hour(),
                    local.minute()
                );
            }
        }
        "count" => {
            let _ = write!(out, "{}", args.count.unwrap_or(0));
        }
        "category" => {
            if let Some(c) = args.category {
                out.push_str(category_label(c, locale));
            }
        }
        "text" => out.push_str(args.text.as_deref().unwrap_or("")),
        _ => {}
    }
}

/// A category as words, in `locale`.
pub(crate) fn category_label(category: Category, locale: Locale) -> &'static str {
    locale.pick(match category {
        Category::Fraud => ["fraud", "fraude", "fraude", "απάτη"],
        Category::NotReceived => [
            "not received",
            "não recebido",
            "no recibido",
            "δεν παραλήφθηκε",
        ],
        Category::NotAsDescribed => [
            "not as described",
            "diferente do anunciado",
            "no conforme a lo descrito",
            "όχι όπως περιγράφηκε",
        ],
        Category::Duplicate => [
            "duplicate charge",
            "cobrança duplicada",
            "cargo duplicado",
            "διπλή χρέωση",
        ],
        Category::CreditNotProcessed => [
            "credit not processed",
            "reembolso não processado",
            "reembolso no procesado",
            "η επιστροφή δεν διεκπεραιώθηκε",
        ],
        Category::SubscriptionCancelled => [
            "subscription cancelled",
            "assinatura cancelada",
            "suscripción cancelada",
            "ακυρωμένη συνδρομή",
        ],
        Category::Authorization => ["authorization", "autorização", "autorización", "έγκριση"],
        Category::ProcessingError => [
            "processing error",
            "erro de processamento",
            "error de procesamiento",
            "σφάλμα επεξεργασίας",
        ],
        Category::General => ["general", "geral", "general", "γενική"],
    })
}

const REVIEWING: [&str; 4] = [
    "We have been told that you disputed this payment with your bank, and we are reviewing it.",
    "Fomos informados de que você contestou este pagamento junto ao seu banco e estamos analisando o caso.",
    "Nos informaron de que disputó este pago con su banco y lo estamos revisando.",
    "Ενημερωθήκαμε ότι αμφισβητήσατε αυτή την πληρωμή στην τράπεζά σας και την εξετάζουμε.",
];

const ANSWER_BY: [&str; 4] = [
    "We will answer your bank about this payment by {at}.",
    "Responderemos ao seu banco sobre este pagamento até {at}.",
    "Responderemos a su banco sobre este pago antes del {at}.",
    "Θα απαντήσουμε στην τράπεζά σας για αυτή την πληρωμή έως {at}.",
];

const GATHERING: [&str; 4] = [
    "We are gathering the records of your purchase to answer your bank.",
    "Estamos reunindo os registros da sua compra para responder ao seu banco.",
    "Estamos reuniendo los registros de su compra para responder a su banco.",
    "Συγκεντρώνουμε τα στοιχεία της αγοράς σας για να απαντήσουμε στην τράπεζά σας.",
];

const REFUNDED: [&str; 4] = [
    "We have refunded {amount} for this payment; your bank will be told.",
    "Reembolsamos {amount} referentes a este pagamento; seu banco será informado.",
    "Hemos reembolsado {amount} de este pago; se lo comunicaremos a su banco.",
    "Επιστρέψαμε {amount} για αυτή την πληρωμή· η τράπεζά σας θα ενημερωθεί.",
];

const REFUNDING: [&str; 4] = [
    "We are refunding {amount} for this payment; your bank will be told.",
    "Estamos reembolsando {amount} referentes a este pagamento; seu banco será informado.",
    "Estamos reembolsando {amount} de este pago; se lo comunicaremos a su banco.",
    "Επιστρέφουμε {amount} για αυτή την πληρωμή· η τράπεζά σας θα ενημερωθεί.",
];

// Names the payment's disputed amount, never the expected loss the agent's sentence weighs.
const ACCEPTED: [&str; 4] = [
    "We accept your bank's decision on this payment of {stake}; you do not need to do anything.",
    "Aceitamos a decisão do seu banco sobre este pagamento de {stake}; você não precisa fazer nada.",
    "Aceptamos la decisión de su banco sobre este pago de {stake}; no necesita hacer nada.",
    "Αποδεχόμαστε την απόφαση της τράπεζάς σας για αυτή την πληρωμή των {stake}· δεν χρειάζεται να κάνετε τίποτα.",
];

const INTERNAL: [&str; 4] = [
    "No action is needed from you.",
    "Nenhuma ação é necessária da sua parte.",
    "No es necesaria ninguna acción por su parte.",
    "Δεν απαιτείται καμία ενέργεια από εσάς.",
];

/// `[agent, customer]` for `code` in `locale`.
fn templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::Classified => pick(
            [
                "Reason code {text}: {category}.",
                "Código de motivo {text}: {category}.",
                "Código de motivo {text}: {category}.",
                "Κωδικός αιτίας {text}: {category}.",
            ],
            REVIEWING,
        ),
        Code::NotFightable => pick(
            [
                "This reason code cannot be contested with evidence.",
                "Este código de motivo não pode ser contestado com provas.",
                "Este código de motivo no se puede impugnar con pruebas.",
                "Αυτός ο κωδικός αιτίας δεν μπορεί να αμφισβητηθεί με αποδεικτικά στοιχεία.",
            ],
            REVIEWING,
        ),
        Code::RespondByProcessor | Code::RespondByNetwork | Code::RespondByBuffer => {
            deadline_templates(code, locale)
        }
        Code::AtRisk => pick(
            [
                "At risk: {count} hours or less are left to respond.",
                "Em risco: restam {count} horas ou menos para responder.",
                "En riesgo: quedan {count} horas o menos para responder.",
                "Σε κίνδυνο: απομένουν {count} ώρες ή λιγότερες για απάντηση.",
            ],
            ANSWER_BY,
        ),
        Code::WindowOpen => [
            locale.pick([
                "Still in time: this stage's window closes at {at} ({text}).",
                "Ainda no prazo: a janela desta etapa fecha em {at} ({text}).",
                "Aún a tiempo: la ventana de esta etapa cierra el {at} ({text}).",
                "Ακόμη εντός προθεσμίας: το παράθυρο αυτού του σταδίου κλείνει στις {at} ({text}).",
            ]),
            locale.pick([
                "We can still file this request for you: the deadline is {at}.",
                "Ainda podemos abrir esta solicitação para você: o prazo é {at}.",
                "Todavía podemos presentar esta solicitud por ti: el plazo es el {at}.",
                "Μπορούμε ακόμη να υποβάλουμε αυτό το αίτημα για εσάς: η προθεσμία είναι {at}.",
            ]),
        ],
        Code::WindowClosed => [
            locale.pick([
                "Too late for this stage: its window closed at {at} ({text}).",
                "Fora do prazo para esta etapa: a janela fechou em {at} ({text}).",
                "Fuera de plazo para esta etapa: la ventana cerró el {at} ({text}).",
                "Εκτός προθεσμίας για αυτό το στάδιο: το παράθυρο έκλεισε στις {at} ({text}).",
            ]),
            locale.pick([
                "The deadline to file this request was {at}, and it has passed.",
                "O prazo para abrir esta solicitação era {at} e já passou.",
                "El plazo para presentar esta solicitud era el {at} y ya pasó.",
                "Η προθεσμία για την υποβολή αυτού του αιτήματος ήταν {at} και έχει παρέλθει.",
            ]),
        ],
        Code::BufferPassed => pick(
            [
                "The internal buffer has passed; the outside deadline is {at}.",
                "A margem interna já passou; o prazo externo é {at}.",
                "El margen interno ya pasó; el plazo externo es {at}.",
                "Το εσωτερικό περιθώριο έχει παρέλθει· η εξωτερική προθεσμία είναι {at}.",
            ],
            ANSWER_BY,
        ),
        _ => evidence_templates(code, locale),
    }
}

fn deadline_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let agent = match code {
        Code::RespondByProcessor => [
            "Respond by {at}: the processor's due date.",
            "Responder até {at}: o prazo do processador.",
            "Responder antes del {at}: el plazo del procesador.",
            "Απάντηση έως {at}: η προθεσμία του επεξεργαστή πληρωμών.",
        ],
        Code::RespondByNetwork => [
            "Respond by {at}: the network's clock for this stage ({text}).",
            "Responder até {at}: o prazo da rede para esta etapa ({text}).",
            "Responder antes del {at}: el plazo de la red para esta etapa ({text}).",
            "Απάντηση έως {at}: η προθεσμία του δικτύου για αυτό το στάδιο ({text}).",
        ],
        _ => [
            "Respond by {at}: {count} business days before the outside deadline.",
            "Responder até {at}: {count} dias úteis antes do prazo externo.",
            "Responder antes del {at}: {count} días hábiles antes del plazo externo.",
            "Απάντηση έως {at}: {count} εργάσιμες ημέρες πριν από την εξωτερική προθεσμία.",
        ],
    };
    [locale.pick(agent), locale.pick(ANSWER_BY)]
}

fn evidence_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::EvidenceMissing => pick(
            [
                "Required evidence missing ({count}): {text}.",
                "Provas obrigatórias faltando ({count}): {text}.",
                "Pruebas obligatorias que faltan ({count}): {text}.",
                "Υποχρεωτικά αποδεικτικά στοιχεία που λείπουν ({count}): {text}.",
            ],
            GATHERING,
        ),
        Code::EvidenceComplete => pick(
            [
                "Every required evidence item is at hand; evidence can be submitted once.",
                "Todas as provas obrigatórias estão disponíveis; as provas só podem ser enviadas uma vez.",
                "Todas las pruebas obligatorias están disponibles; las pruebas solo se pueden enviar una vez.",
                "Όλα τα υποχρεωτικά αποδεικτικά στοιχεία είναι διαθέσιμα· τα στοιχεία υποβάλλονται μόνο μία φορά.",
            ],
            GATHERING,
        ),
        Code::Ce3Eligible => pick(
            [
                "Visa Compelling Evidence 3.0 applies: {count} earlier undisputed payments qualify ({text}).",
                "A Visa Compelling Evidence 3.0 se aplica: {count} pagamentos anteriores não contestados se qualificam ({text}).",
                "Se aplica Visa Compelling Evidence 3.0: {count} pagos anteriores no disputados califican ({text}).",
                "Ισχύει το Visa Compelling Evidence 3.0: {count} προηγούμενες μη αμφισβητούμενες πληρωμές πληρούν τα κριτήρια ({text}).",
            ],
            GATHERING,
        ),
        Code::Ce3NotEligible => pick(
            [
                "Visa Compelling Evidence 3.0 does not apply: {count} earlier payments qualify, two are needed.",
                "A Visa Compelling Evidence 3.0 não se aplica: {count} pagamentos anteriores se qualificam, são necessários dois.",
                "No se aplica Visa Compelling Evidence 3.0: califican {count} pagos anteriores, se necesitan dos.",
                "Δεν ισχύει το Visa Compelling Evidence 3.0: πληρούν τα κριτήρια {count} προηγούμενες πληρωμές, χρειάζονται δύο.",
            ],
            GATHERING,
        ),
        _ => recommend_templates(code, locale),
    }
}

fn recommend_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::Fight => pick(
            [
                "Fight: the expected loss is {amount} if fought and {other} if accepted.",
                "Contestar: a perda esperada é de {amount} contestando e {other} aceitando.",
                "Impugnar: la pérdida esperada es de {amount} si se impugna y {other} si se acepta.",
                "Αμφισβήτηση: η αναμενόμενη ζημία είναι {amount} με αμφισβήτηση και {other} με αποδοχή.",
            ],
            GATHERING,
        ),
        Code::Accept => pick(
            [
                "Accept: the expected loss is {amount} if accepted and {other} if fought.",
                "Aceitar: a perda esperada é de {amount} aceitando e {other} contestando.",
                "Aceptar: la pérdida esperada es de {amount} si se acepta y {other} si se impugna.",
                "Αποδοχή: η αναμενόμενη ζημία είναι {amount} με αποδοχή και {other} με αμφισβήτηση.",
            ],
            ACCEPTED,
        ),
        Code::Refund => pick(
            [
                "Refund {amount} before it becomes a chargeback; a chargeback would cost {other}.",
                "Reembolsar {amount} antes que vire um chargeback; um chargeback custaria {other}.",
                "Reembolsar {amount} antes de que se convierta en un contracargo; un contracargo costaría {other}.",
                "Επιστροφή {amount} πριν γίνει αντιλογισμός χρέωσης· ένας αντιλογισμός θα κόστιζε {other}.",
            ],
            REFUNDING,
        ),
        Code::AutoRefund => pick(
            [
                "Refund {amount} automatically: the alert is within the rule's limit of {other}.",
                "Reembolsar {amount} automaticamente: o alerta está dentro do limite de {other} da regra.",
                "Reembolsar {amount} automáticamente: la alerta está dentro del límite de {other} de la regla.",
                "Αυτόματη επιστροφή {amount}: η ειδοποίηση είναι εντός του ορίου {other} του κανόνα.",
            ],
            REFUNDING,
        ),
        Code::SubmitCredit => pick(
            [
                "Do not fight and do not refund again: {amount} was already refunded; submit the refund as evidence.",
                "Não contestar nem reembolsar de novo: {amount} já foram reembolsados; envie o reembolso como prova.",
                "No impugnar ni reembolsar de nuevo: ya se reembolsaron {amount}; envíe el reembolso como prueba.",
                "Ούτε αμφισβήτηση ούτε νέα επιστροφή: έχουν ήδη επιστραφεί {amount}· υποβάλετε την επιστροφή ως αποδεικτικό.",
            ],
            REFUNDED,
        ),
        _ => review_templates(code, locale),
    }
}

fn review_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let pick = |agent: [&'static str; 4], customer: [&'static str; 4]| {
        [locale.pick(agent), locale.pick(customer)]
    };
    match code {
        Code::Review => pick(
            [
                "A person decides: the evidence is complete but there is no win rate for {category}.",
                "Uma pessoa decide: as provas estão completas, mas não há taxa de vitória para {category}.",
                "Decide una persona: las pruebas están completas pero no hay tasa de éxito para {category}.",
                "Αποφασίζει ένας άνθρωπος: τα στοιχεία είναι πλήρη αλλά δεν υπάρχει ποσοστό επιτυχίας για {category}.",
            ],
            REVIEWING,
        ),
        Code::NoPrior => pick(
            [
                "No win rate is configured for {category}: the decision assumes the dispute is lost.",
                "Nenhuma taxa de vitória configurada para {category}: a decisão supõe que a disputa é perdida.",
                "No hay tasa de éxito configurada para {category}: la decisión supone que la disputa se pierde.",
                "Δεν έχει οριστεί ποσοστό επιτυχίας για {category}: η απόφαση υποθέτει ότι η διαφορά χάνεται.",
            ],
            INTERNAL,
        ),
        Code::PartlyRefunded => pick(
            [
                "{amount} was already refunded; only {other} is at stake.",
                "{amount} já foram reembolsados; apenas {other} estão em jogo.",
                "Ya se reembolsaron {amount}; solo están en juego {other}.",
                "Έχουν ήδη επιστραφεί {amount}· διακυβεύονται μόνο {other}.",
            ],
            REFUNDED,
        ),
        _ => program_templates(code, locale),
    }
}

fn program_templates(code: Code, locale: Locale) -> [&'static str; 2] {
    let agent = match code {
        Code::ProgramExcessive => [
            "{text}: the month's figures reach the threshold.",
            "{text}: os números do mês atingem o limite.",
            "{text}: las cifras del mes alcanzan el umbral.",
            "{text}: τα στοιχεία του μήνα φτάνουν το όριο.",
        ],
        Code::ProgramProjected => [
            "{text}: at the current pace the month ends over the threshold; prevent {count} disputes to stay under.",
            "{text}: no ritmo atual o mês termina acima do limite; evite {count} disputas para ficar abaixo.",
            "{text}: al ritmo actual el mes termina por encima del umbral; evite {count} disputas para quedar por debajo.",
            "{text}: με τον τρέχοντα ρυθμό ο μήνας κλείνει πάνω από το όριο· αποτρέψτε {count} διαφορές για να μείνετε κάτω.",
        ],
        _ => [
            "{text}: below the threshold.",
            "{text}: abaixo do limite.",
            "{text}: por debajo del umbral.",
            "{text}: κάτω από το όριο.",
        ],
    };
    [locale.pick(agent), locale.pick(INTERNAL)]
}
