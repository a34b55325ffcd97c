//! `faq.answer`: one entry, found by id, category or the keywords of a message, written
//! from the store's configuration.

use std::borrow::Cow;

use chrono::{NaiveDate, Timelike};
use schemars::JsonSchema;
use serde::Serialize;

use super::entries::{Category, BUILTIN};
use super::{FaqCapability, FaqError};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::format::{push_date, push_money};
use crate::comms::Locale;
use crate::decode::Decode;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::payment::rules::{self, Rule};
use crate::payment::{Method, PayMethod, PaymentCapability};
use crate::receipt::Trace;
use crate::refund::{DiscloseRequest, DiscloseResponse, RefundCapability, SectionKind};
use crate::Error;

/// A refund already sent, for a personal answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundFacts {
    /// How it is paid back.
    pub method: PayMethod,
    /// The amount.
    pub amount: Money,
    /// When it was sent.
    pub sent_at: Timestamp,
    /// For a Pix refund: when the original Pix was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_paid_at: Option<Timestamp>,
}

/// The request of `faq.answer`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    /// The entry's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The category (its first entry, or the one the question matches in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The customer's message, matched on the entries' keywords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The language; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The refund policy to state; the `faq` section's, or the default one, without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The customer's name, to address them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// The payment method the question is about (refund timing of that method only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<PayMethod>,
    /// A refund already sent: the answer says where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<RefundFacts>,
    /// The instant of the question (needed with `refund`; dated rules are read on its day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<Timestamp>,
}

/// How sure the match is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Named by id or category.
    Exact,
    /// Three keywords or more.
    High,
    /// Two keywords.
    Medium,
    /// One keyword.
    Low,
}

/// A return window as the policy states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Window {
    /// The rule.
    pub rule: String,
    /// Calendar days.
    pub days: i64,
    /// `delivery` or `purchase`.
    pub from: String,
}

/// The response of `faq.answer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct AnswerResponse {
    /// The entry.
    pub id: String,
    /// Its category.
    pub category: Category,
    /// The language.
    pub locale: Locale,
    /// How it was found.
    pub confidence: Confidence,
    /// The keywords found in the question.
    pub matched: Vec<String>,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// The rules it states (policy rule ids, payment rules, `faq.entries.<id>`).
    pub rules: Vec<String>,
    /// The return windows it states.
    pub windows: Vec<Window>,
}

/// An entry found: id, category, confidence, keywords.
struct Found {
    id: String,
    category: Category,
    confidence: Confidence,
    matched: Vec<String>,
}

/// Every entry: the merchant's first, then the built-in ones they do not replace.
pub(crate) fn ids(cx: &Context<'_, FaqCapability>) -> Vec<(String, Category, Vec<String>)> {
    let own = &cx.section().config.entries;
    let mut out: Vec<(String, Category, Vec<String>)> = BUILTIN
        .iter()
        .map(|b| match own.iter().find(|e| e.id == b.id) {
            Some(e) => (e.id.clone(), e.category, e.keywords.clone()),
            None => (
                b.id.to_owned(),
                b.category,
                b.keywords.iter().map(|k| (*k).to_owned()).collect(),
            ),
        })
        .collect();
    for e in own {
        if !BUILTIN.iter().any(|b| b.id == e.id) {
            out.push((e.id.clone(), e.category, e.keywords.clone()));
        }
    }
    out
}

fn find(cx: &Context<'_, FaqCapability>, request: &AnswerRequest) -> Result<Found, Error> {
    let all = ids(cx);
    if let Some(id) = &request.id {
        let (id, category, _) = all
            .into_iter()
            .find(|(i, _, _)| i == id)
            .ok_or_else(|| Error::new(FaqError::UnknownEntry, "id"))?;
        return Ok(Found {
            id,
            category,
            confidence: Confidence::Exact,
            matched: Vec::new(),
        });
    }
    let in_category = |c: &Category| request.category.is_none_or(|r| r == *c);
    let Some(question) = &request.question else {
        let category = request
            .category
            .ok_or_else(|| Error::new(FaqError::NothingAsked, "."))?;
        let (id, category, _) = all
            .into_iter()
            .find(|(_, c, _)| *c == category)
            .ok_or_else(|| Error::new(FaqError::NoMatch, "category"))?;
        return Ok(Found {
            id,
            category,
            confidence: Confidence::Exact,
            matched: Vec::new(),
        });
    };
    let text = question.to_lowercase();
    let mut best: Option<Found> = None;
    for (id, category, keywords) in all.into_iter().filter(|(_, c, _)| in_category(c)) {
        let matched: Vec<String> = keywords
            .into_iter()
            .filter(|k| text.contains(k.as_str()))
            .collect();
        if !matched.is_empty()
            && best
                .as_ref()
                .is_none_or(|b| matched.len() > b.matched.len())
        {
            let confidence = match matched.len() {
                1 => Confidence::Low,
                2 => Confidence::Medium,
                _ => Confidence::High,
            };
            best = Some(Found {
                id,
                category,
                confidence,
                matched,
            });
        }
    }
    best.ok_or_else(|| Error::new(FaqError::NoMatch, "question"))
}

/// The refund policy's text, as `refund.disclose` states it.
/// The store's own policy is disclosed once per language and engine, then read from there.
fn policy<'e>(
    cx: &Context<'e, FaqCapability>,
    request: &AnswerRequest,
    locale: Locale,
) -> Result<Cow<'e, DiscloseResponse>, Error> {
    let refund = cx.uses::<RefundCapability>()?;
    let disclose = |policy: Option<String>| {
        let request = DiscloseRequest {
            policy,
            locale: Some(locale),
            customer_name: None,
        };
        crate::refund::disclose(&refund, &request)
    };
    if request.policy.is_some() {
        return disclose(request.policy.clone()).map(Cow::Owned);
    }
    let section = cx.section();
    let slot = section.disclosed.get(locale_index(locale));
    match slot {
        Some(slot) => match slot.get_or_init(|| disclose(section.config.policy.clone())) {
            Ok(text) => Ok(Cow::Borrowed(text)),
            Err(e) => Err(e.clone()),
        },
        None => disclose(section.config.policy.clone()).map(Cow::Owned),
    }
}

fn locale_index(locale: Locale) -> usize {
    locale.pick([0, 1, 2, 3])
}

/// An answer being written: sentences, rules, windows.
#[derive(Default)]
struct Written {
    text: String,
    rules: Vec<String>,
    windows: Vec<Window>,
}

impl Written {
    fn sentence(&mut self, s: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(s);
    }

    fn rule(&mut self, r: &str) {
        if !self.rules.iter().any(|x| x == r) {
            self.rules.push(r.to_owned());
        }
    }
}

/// The clauses of `kinds`, each with its rule and window.
fn clauses(
    out: &mut Written,
    text: &DiscloseResponse,
    kinds: &[SectionKind],
    method: Option<PayMethod>,
) {
    for section in text.sections.iter().filter(|s| kinds.contains(&s.kind)) {
        for clause in &section.clauses {
            let wanted =
                method.is_none_or(|m| clause.method.is_none_or(|c| c.as_str() == m.as_str()));
            if !wanted {
                continue;
            }
            out.sentence(&clause.text);
            if let Some(rule) = &clause.rule {
                out.rule(rule);
            }
            if let (Some(w), Some(rule)) = (&clause.window, &clause.rule) {
                out.windows.push(Window {
                    rule: rule.clone(),
                    days: w.days,
                    from: w.from.clone(),
                });
            }
        }
    }
}

/// The value of a dated payment rule on `day`, and its id.
fn dated(rule: &Rule, day: NaiveDate) -> u32 {
    rule.on(day).map_or(0, |d| d.value)
}

fn methods(
    cx: &Context<'_, FaqCapability>,
    locale: Locale,
    out: &mut Written,
) -> Result<(), Error> {
    let payment = cx.uses::<PaymentCapability>()?;
    let mut names = vec![locale.pick(["cards", "cartões", "tarjetas", "κάρτες"])];
    for m in payment.section().config.alternatives() {
        names.push(match m {
            Method::AnotherCard => continue,
            Method::Pix => "Pix",
            Method::Boleto => "boleto",
            Method::Wallet => locale.pick([
                "wallets (PayPal, Apple Pay, Google Pay)",
                "carteiras digitais (PayPal, Apple Pay, Google Pay)",
                "billeteras (PayPal, Apple Pay, Google Pay)",
                "ψηφιακά πορτοφόλια (PayPal, Apple Pay, Google Pay)",
            ]),
        });
    }
    let and = locale.pick([" and ", " e ", " y ", " και "]);
    let list = match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
        _ => names.join(""),
    };
    let lead = locale.pick(["We accept ", "Aceitamos ", "Aceptamos ", "Δεχόμαστε "]);
    out.sentence(&format!("{lead}{list}."));
    out.rule("payment.accepted_methods");
    Ok(())
}

fn day_of(request: &AnswerRequest) -> NaiveDate {
    request
        .now
        .map_or(NaiveDate::MAX, |n| n.as_datetime().date_naive())
}

fn pix(request: &AnswerRequest, locale: Locale, out: &mut Written) {
    let hours = dated(&rules::PIX_DEFAULT_EXPIRY_SECONDS, day_of(request)) / 3600;
    let [a, b] = locale.pick([
        ["A Pix code is valid for ", " hours unless the charge says otherwise; after that it can no longer be paid, so ask us for a new one. A Pix paid in time arrives in seconds, though the bank may hold it for a risk check."],
        ["Um código Pix vale por ", " horas, salvo se a cobrança disser outro prazo; depois disso não pode mais ser pago, então peça um novo. Um Pix pago no prazo chega em segundos, mas o banco pode retê-lo para análise de risco."],
        ["Un código Pix vale ", " horas salvo que el cobro indique otro plazo; después ya no se puede pagar, así que pídanos uno nuevo. Un Pix pagado a tiempo llega en segundos, aunque el banco puede retenerlo para un control de riesgo."],
        ["Ένας κωδικός Pix ισχύει ", " ώρες, εκτός αν η χρέωση ορίζει άλλο· μετά δεν πληρώνεται, οπότε ζητήστε νέο. Ένα Pix που πληρώθηκε εγκαίρως φτάνει σε δευτερόλεπτα, αν και η τράπεζα μπορεί να το κρατήσει για έλεγχο κινδύνου."],
    ]);
    out.sentence(&format!("{a}{hours}{b}"));
    out.rule(rules::PIX_DEFAULT_EXPIRY_SECONDS.id);
    out.rule(rules::PIX_HOLD_MINUTES.id);
}

fn boleto(request: &AnswerRequest, locale: Locale, out: &mut Written) {
    let day = day_of(request);
    let (min, max) = (
        dated(&rules::BOLETO_CONFIRMATION_MIN_DAYS, day),
        dated(&rules::BOLETO_CONFIRMATION_MAX_DAYS, day),
    );
    let [a, b, c] = locale.pick([
        ["A boleto can be paid until the end of its due day. Once paid, the bank confirms it in ", " to ", " business days; you don't need to send us the receipt."],
        ["O boleto pode ser pago até o fim do dia do vencimento. Depois de pago, o banco o confirma em ", " a ", " dias úteis; não é preciso nos enviar o comprovante."],
        ["El boleto se puede pagar hasta el final de su día de vencimiento. Una vez pagado, el banco lo confirma en ", " a ", " días hábiles; no hace falta enviarnos el comprobante."],
        ["Το boleto πληρώνεται έως το τέλος της ημέρας λήξης του. Αφού πληρωθεί, η τράπεζα το επιβεβαιώνει σε ", " έως ", " εργάσιμες ημέρες· δεν χρειάζεται να μας στείλετε την απόδειξη."],
    ]);
    out.sentence(&format!("{a}{min}{b}{max}{c}"));
    out.rule("boleto.due_date");
    out.rule(rules::BOLETO_CONFIRMATION_MAX_DAYS.id);
}

fn failed(cx: &Context<'_, FaqCapability>, locale: Locale, out: &mut Written) -> Result<(), Error> {
    out.sentence(locale.pick([
        "Your bank decides whether to approve a payment and does not always tell us why it declined one. Check the card details and your limit, or try another way to pay.",
        "É o seu banco que aprova ou recusa um pagamento, e nem sempre nos diz o motivo. Confira os dados do cartão e o seu limite, ou tente outra forma de pagamento.",
        "Su banco decide si aprueba un pago y no siempre nos dice por qué lo rechazó. Revise los datos de la tarjeta y su límite, o pruebe otro método de pago.",
        "Η τράπεζά σας αποφασίζει αν θα εγκρίνει μια πληρωμή και δεν μας λέει πάντα γιατί την απέρριψε. Ελέγξτε τα στοιχεία της κάρτας και το όριό σας ή δοκιμάστε άλλο τρόπο πληρωμής.",
    ]));
    methods(cx, locale, out)
}

/// When the support team answers: open now, or when it opens next, on the desk's calendar.
fn hours(
    cx: &Context<'_, FaqCapability>,
    request: &AnswerRequest,
    locale: Locale,
    out: &mut Written,
) -> Result<(), Error> {
    let name = cx.section().config.support_calendar.as_deref();
    let Some(calendar) = name.and_then(|n| cx.services().calendar(n)) else {
        out.sentence(locale.pick([
            "Write to us at any time: we answer as soon as we can.",
            "Escreva quando quiser: respondemos assim que possível.",
            "Escríbanos cuando quiera: respondemos lo antes posible.",
            "Γράψτε μας όποτε θέλετε: απαντάμε το συντομότερο.",
        ]));
        return Ok(());
    };
    out.rule("faq.support_calendar");
    let zone = calendar.time_zone().name();
    let [lead, tail] = locale.pick([
        [
            "Our team answers on working days, on the hours of the ",
            " time zone, public holidays excepted.",
        ],
        [
            "Nossa equipe atende em dias úteis, no horário de ",
            ", exceto feriados.",
        ],
        [
            "Nuestro equipo atiende en días hábiles, en el horario de ",
            ", salvo festivos.",
        ],
        [
            "Η ομάδα μας απαντά τις εργάσιμες ημέρες, σε ώρα ",
            ", εκτός αργιών.",
        ],
    ]);
    out.sentence(&format!("{lead}{zone}{tail}"));
    let Some(now) = request.now else {
        return Ok(());
    };
    let calendar_error = |e| Error::new(e, "now");
    if calendar.is_open(&now).map_err(calendar_error)? {
        out.sentence(locale.pick([
            "We are open now.",
            "Estamos atendendo agora.",
            "Estamos atendiendo ahora.",
            "Είμαστε ανοιχτά τώρα.",
        ]));
        return Ok(());
    }
    let next = calendar.to_local(&calendar.next_open(&now).map_err(calendar_error)?);
    let local = next.as_datetime();
    let mut text = locale
        .pick([
            "We are closed now and open again on ",
            "Estamos fechados agora e voltamos em ",
            "Ahora estamos cerrados y volvemos el ",
            "Τώρα είμαστε κλειστά και ανοίγουμε ξανά στις ",
        ])
        .to_owned();
    push_date(&mut text, local.date_naive(), locale);
    text.push_str(&format!(" {:02}:{:02}.", local.hour(), local.minute()));
    out.sentence(&text);
    Ok(())
}

fn personal(
    cx: &Context<'_, FaqCapability>,
    request: &AnswerRequest,
    refund: &RefundFacts,
    locale: Locale,
    out: &mut Written,
) -> Result<(), Error> {
    let now = request
        .now
        .ok_or_else(|| Error::new(FaqError::NowRequired, "now"))?;
    let payment = cx.uses::<PaymentCapability>()?;
    let at = crate::payment::WhereRequest {
        flow: crate::payment::Flow::Refund,
        method: refund.method,
        funding: None,
        amount: refund.amount,
        history: vec![crate::payment::StatusEvent {
            at: refund.sent_at,
            status: crate::payment::TimelineStatus::Pending,
            amount: None,
        }],
        now,
        network: None,
        merchant_initiated: false,
        pix_expires_in_seconds: None,
        boleto_due_date: None,
        original_paid_at: refund.original_paid_at,
        customer_name: request.customer_name.clone(),
        locale: Some(locale),
    };
    let place = crate::payment::where_is_my_money(&payment, &at, &mut Trace::new())
        .map_err(|e| e.under("refund"))?;
    out.sentence(&place.customer_text);
    let [a, b] = locale.pick([
        ["The refund of ", " was sent on "],
        ["O reembolso de ", " foi enviado em "],
        ["El reembolso de ", " se envió el "],
        ["Η επιστροφή ", " στάλθηκε στις "],
    ]);
    let mut sent = a.to_owned();
    push_money(&mut sent, &refund.amount, locale);
    sent.push_str(b);
    push_date(&mut sent, refund.sent_at.as_datetime().date_naive(), locale);
    sent.push('.');
    out.sentence(&sent);
    out.rule(&place.rule);
    Ok(())
}

fn write(
    cx: &Context<'_, FaqCapability>,
    request: &AnswerRequest,
    id: &str,
    locale: Locale,
) -> Result<Written, Error> {
    let mut out = Written::default();
    if let Some(own) = cx.section().config.entries.iter().find(|e| e.id == id) {
        out.sentence(own.answer.get(locale));
        out.rule(&format!("faq.entries.{id}"));
        return Ok(out);
    }
    match id {
        "payment_methods" => methods(cx, locale, &mut out)?,
        "payment_failed" => failed(cx, locale, &mut out)?,
        "pix_expiry" => pix(request, locale, &mut out),
        "boleto_clearing" => boleto(request, locale, &mut out),
        "support_hours" => hours(cx, request, locale, &mut out)?,
        "refund_timing" => match &request.refund {
            Some(refund) => personal(cx, request, refund, locale, &mut out)?,
            None => clauses(
                &mut out,
                &*policy(cx, request, locale)?,
                &[SectionKind::Timing],
                request.method,
            ),
        },
        "return_window" => clauses(
            &mut out,
            &*policy(cx, request, locale)?,
            &[SectionKind::Windows, SectionKind::NotReturnable],
            None,
        ),
        "return_fees" => clauses(
            &mut out,
            &*policy(cx, request, locale)?,
            &[SectionKind::Fees],
            None,
        ),
        _ => {
            let text = policy(cx, request, locale)?;
            out.sentence(locale.pick([
                "Write to us first: we answer faster than the bank.",
                "Fale conosco primeiro: respondemos mais rápido que o banco.",
                "Escríbanos primero: respondemos más rápido que el banco.",
                "Γράψτε μας πρώτα: απαντάμε πιο γρήγορα από την τράπεζα.",
            ]));
            let duplicate = text
                .sections
                .iter()
                .flat_map(|s| &s.clauses)
                .find(|c| c.rule.as_deref() == Some("recourse.duplicate_charge"));
            if let Some(c) = duplicate {
                out.sentence(&c.text);
                out.rule("recourse.duplicate_charge");
            }
        }
    }
    Ok(out)
}

/// The question of entry `id` in `locale`.
pub(crate) fn question(cx: &Context<'_, FaqCapability>, id: &str, locale: Locale) -> String {
    match cx.section().config.entries.iter().find(|e| e.id == id) {
        Some(own) => own.question.get(locale).to_owned(),
        None => BUILTIN
            .iter()
            .find(|b| b.id == id)
            .map_or_else(String::new, |b| locale.pick(b.question).to_owned()),
    }
}

/// Entry `id` written in `locale`: its question, answer, rules and windows.
pub(crate) fn entry(
    cx: &Context<'_, FaqCapability>,
    request: &AnswerRequest,
    id: &str,
    locale: Locale,
) -> Result<(String, String, Vec<String>, Vec<Window>), Error> {
    let w = write(cx, request, id, locale)?;
    Ok((question(cx, id, locale), w.text, w.rules, w.windows))
}

/// One FAQ entry, written from the store's configuration.
///
/// # Errors
/// `faq.unknown_entry` at `id`; `faq.no_match` at `question` or `category`;
/// `faq.nothing_asked`; `faq.now_required` at `now` for a personal answer; the refund
/// policy's errors under `policy`; `payment.where_is_my_money`'s under `refund`.
pub fn answer(
    engine: &impl Provides<FaqCapability>,
    request: &AnswerRequest,
    trace: &mut Trace,
) -> Result<AnswerResponse, Error> {
    let cx = engine.context()?;
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let found = find(&cx, request)?;
    let (question, answer, rules, windows) = entry(&cx, request, &found.id, locale)?;
    trace.push(
        "faq.entry",
        format!(
            "{} ({}), rules {}",
            found.id,
            found.confidence.as_str(),
            rules.join(", ")
        ),
    );
    Ok(AnswerResponse {
        id: found.id,
        category: found.category,
        locale,
        confidence: found.confidence,
        matched: found.matched,
        question,
        answer,
        rules,
        windows,
    })
}

/// `faq.answer`.
#[derive(Debug, Clone, Copy)]
pub struct Answer;

impl Operation for Answer {
    const NAME: &'static str = "faq.answer";
    const SUMMARY: &'static str =
        "a FAQ entry by id, category or a message's keywords, written from the store's refund policy, payment methods and timelines, in the customer's language, with the rules it states";
    type Capability = FaqCapability;
    type Request = AnswerRequest;
    type Response = AnswerResponse;

    fn run(
        cx: &Context<'_, FaqCapability>,
        request: &AnswerRequest,
        trace: &mut Trace,
    ) -> Result<AnswerResponse, Error> {
        answer(cx, request, trace)
    }

    fn now(request: &AnswerRequest) -> Option<&Timestamp> {
        request.now.as_ref()
    }
}
