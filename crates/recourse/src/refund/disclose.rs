//! `refund.disclose`: a policy's customer-facing text — return windows, items that cannot
//! be returned, fees and shipping, remedies and bonus, when the money arrives per payment
//! method, review, how to ask — written from the compiled policy the engine decides with,
//! in English, Brazilian Portuguese, Spanish and Greek.
//!
//! Only what the engine can actually apply is disclosed: an effect of a rule that an
//! earlier rule always decides (see `refund.check`) is left out. Timing comes from the same
//! routing `refund.evaluate` uses. Each clause carries its rule id and the structured facts
//! it states (the window's days and start), so a test can hold the text to the decisions.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::case::{Payment, PaymentMethod};
use super::check::decided_effects;
use super::compile::{CFee, CRule, CWhen, CWindow, CompiledPolicy, Eligibility};
use super::decision::Destination;
use super::effects::{Effect, Effects};
use super::messages::remedy_noun;
use super::policy::{BonusBase, DenyReason, ItemCondition, Payer, Reason, Remedy};
use super::timing;
use super::RefundCapability;
use crate::calendar::Timestamp;
use crate::comms::{format, Locale};
use crate::money::Money;
use crate::ops::Operation;
use crate::ops::{Context, Provides};
use crate::receipt::Trace;
use crate::Error;

/// The request of `refund.disclose`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscloseRequest {
    /// The policy (a name under `refund.policies`); the default one without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The language; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The customer to address, when the text is sent to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
}

/// The response of `refund.disclose`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DiscloseResponse {
    /// The policy disclosed.
    pub policy: String,
    /// The language of the text.
    pub locale: Locale,
    /// The policy's title.
    pub title: String,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// The whole text, plain.
    pub text: String,
    /// The whole text, as Markdown.
    pub markdown: String,
}

/// What a section is about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// Return windows per reason, category, channel...
    Windows,
    /// Items that cannot be returned.
    NotReturnable,
    /// Restocking fees, return shipping, original shipping.
    Fees,
    /// Refund, store credit, exchange... and the store-credit bonus.
    Remedies,
    /// When the money arrives, per payment method.
    Timing,
    /// When a person reviews a request.
    Review,
    /// How to ask.
    HowToAsk,
}

/// One section of the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Section {
    /// What it is about.
    pub kind: SectionKind,
    /// Its heading, in the locale.
    pub heading: String,
    /// Its clauses, in order.
    pub clauses: Vec<Clause>,
}

/// One sentence of the policy, with the rule it comes from and the facts it states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Clause {
    /// The rule (or `remedies` / `automation` id, or `recourse.*` guarantee) it states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// The sentence, in the locale.
    pub text: String,
    /// The return window it states.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<DisclosedWindow>,
    /// The cases it applies to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// For a timing clause: the payment method.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<PaymentMethod>,
}

/// A window as stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DisclosedWindow {
    /// Calendar days after the start day.
    pub days: i64,
    /// `delivery` or `purchase`.
    pub from: String,
    /// Whether a last day on a non-working day moves to the next working day.
    pub roll_forward: bool,
}

/// The cases a clause applies to: a rule's conditions (empty lists: any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Scope {
    /// Reasons.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
    /// Categories.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Channels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// Item conditions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<ItemCondition>,
    /// Whether the rule depends on the customer's standing.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub by_standing: bool,
    /// Final sale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub final_sale: Option<bool>,
    /// Digital.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub digital: Option<bool>,
    /// Downloaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downloaded: Option<bool>,
    /// The order is at least this many days old.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_order_age_days: Option<i64>,
    /// The order is at most this many days old.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_order_age_days: Option<i64>,
    /// The order's value is at least one of these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order_value_at_least: Vec<Money>,
    /// The order's value is below one of these.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order_value_below: Vec<Money>,
}

/// `refund.disclose`: the customer-facing text of a refund policy.
pub struct Disclose;

impl Operation for Disclose {
    const NAME: &'static str = "refund.disclose";
    const SUMMARY: &'static str =
        "Write a refund policy's customer-facing text (windows, exclusions, fees, remedies, timing) in en, pt-BR, es or el";
    type Capability = RefundCapability;
    type Request = DiscloseRequest;
    type Response = DiscloseResponse;

    fn run(
        cx: &Context<'_, RefundCapability>,
        request: &DiscloseRequest,
        trace: &mut Trace,
    ) -> Result<DiscloseResponse, Error> {
        let out = disclose(cx, request)?;
        for s in &out.sections {
            trace.push(
                "refund.disclose.section",
                format!("{}: {} clauses", s.kind.as_str(), s.clauses.len()),
            );
        }
        Ok(out)
    }
}

/// Writes the customer-facing text of the engine's policy named in the request (or its
/// default policy).
///
/// # Errors
/// `refund.unknown_policy`; `refund.no_policy`.
///
/// # Example
/// ```
/// use recourse_payments::refund::{disclose, DiscloseRequest};
/// use recourse_payments::comms::Locale;
/// let engine = recourse_payments::Engine::default_store()?;
/// let out = disclose(&engine, &DiscloseRequest { locale: Some(Locale::PtBr), ..Default::default() })?;
/// assert!(out.text.contains("em até 7 dias após o recebimento"));
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn disclose(
    engine: &impl Provides<RefundCapability>,
    request: &DiscloseRequest,
) -> Result<DiscloseResponse, Error> {
    let cx = engine.context()?;
    let policy = cx
        .section()
        .policies()
        .resolve(request.policy.as_deref(), "policy")?;
    let written = cx.section().config.policies.get(policy.name());
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let w = Writer { policy, locale };
    let decided = decided_effects(policy);
    let title = written.map_or_else(
        || policy.name().to_owned(),
        |p| p.titles.get(&locale).unwrap_or(&p.title).clone(),
    );
    let legal = written.and_then(|p| p.legal_basis.clone());
    let sections = w.sections(decided, cx.services().store_name());
    let name = request
        .customer_name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let (text, markdown) = render(&title, legal.as_deref(), name, locale, &sections);
    Ok(DiscloseResponse {
        policy: policy.name().to_owned(),
        locale,
        title,
        sections,
        text,
        markdown,
    })
}

fn render(
    title: &str,
    legal: Option<&str>,
    name: Option<&str>,
    locale: Locale,
    sections: &[Section],
) -> (String, String) {
    let mut text = format!("{title}\n");
    let mut md = format!("# {title}\n");
    if let Some(legal) = legal {
        let line = format!("{}{legal}", locale.pick(LEGAL));
        text.push_str(&line);
        text.push('\n');
        md.push_str(&format!("\n*{line}*\n"));
    }
    if let Some(name) = name {
        let line = locale.pick(GREETING).replace("{name}", name);
        text.push_str(&format!("\n{line}\n"));
        md.push_str(&format!("\n{line}\n"));
    }
    for s in sections {
        text.push_str(&format!("\n{}\n", s.heading));
        md.push_str(&format!("\n## {}\n\n", s.heading));
        for c in &s.clauses {
            text.push_str(&format!("- {}\n", c.text));
            md.push_str(&format!("- {}\n", c.text));
        }
    }
    (text, md)
}

/// The clauses of the sections the rules feed, gathered rule by rule.
#[derive(Default)]
struct Clauses {
    windows: Vec<Clause>,
    denied: Vec<Clause>,
    fees: Vec<Clause>,
    remedies: Vec<Clause>,
}

struct Writer<'p> {
    policy: &'p CompiledPolicy,
    locale: Locale,
}

impl Writer<'_> {
    fn t(&self, all: [&'static str; 4]) -> &'static str {
        self.locale.pick(all)
    }

    /// The sections of the text, in order: windows, items not returnable, fees, remedies,
    /// timing, review, how to ask; empty sections are left out.
    fn sections(&self, decided: &[Effects], store: &str) -> Vec<Section> {
        let mut c = Clauses::default();
        for (i, rule) in self.policy.rules.iter().enumerate() {
            let decides = decided.get(i).copied().unwrap_or_default();
            self.rule_clauses(rule, decides, &mut c);
        }
        c.windows.push(Self::general(
            Some("recourse.duplicate_charge".into()),
            self.t(DUPLICATE).to_owned(),
        ));
        if !c.fees.is_empty() {
            c.fees.extend(self.merchant_fault_clause());
        }
        self.policy_remedies(&mut c.remedies);
        let review = self.review_clauses();
        let how_to_ask = Self::general(None, self.t(HOW_TO_ASK).replace("{store}", store));
        let mut out = vec![
            self.section(SectionKind::Windows, c.windows),
            self.section(SectionKind::NotReturnable, c.denied),
            self.section(SectionKind::Fees, c.fees),
            self.section(SectionKind::Remedies, c.remedies),
            self.section(SectionKind::Timing, self.deadline_and_timing()),
            self.section(SectionKind::Review, review),
            self.section(SectionKind::HowToAsk, vec![how_to_ask]),
        ];
        out.retain(|s| !s.clauses.is_empty());
        out
    }

    /// A clause that holds for every case: no scope, no window, no method.
    fn general(rule: Option<String>, text: String) -> Clause {
        Clause {
            rule,
            text,
            window: None,
            scope: None,
            method: None,
        }
    }

    /// The clauses one rule gives, for the effects it `decides` somewhere.
    fn rule_clauses(&self, rule: &CRule, decides: Effects, c: &mut Clauses) {
        let scope = self.scope(&rule.when);
        let lead = self.lead(&rule.when);
        let clause = |text: String| Clause {
            rule: Some(rule.id.clone()),
            text,
            window: None,
            scope: Some(scope.clone()),
            method: None,
        };
        if let (Some(win), true) = (&rule.window, decides.contains(Effect::Window)) {
            let denies = matches!(rule.eligibility, Some(Eligibility::Deny(_)));
            if !denies {
                let mut window = clause(self.window_text(win, &lead));
                window.window = Some(DisclosedWindow {
                    days: win.days,
                    from: win.from.as_str().to_owned(),
                    roll_forward: win.roll_forward,
                });
                c.windows.push(window);
            }
        }
        if let (Some(Eligibility::Deny(d)), true) =
            (rule.eligibility, decides.contains(Effect::Eligibility))
        {
            c.denied
                .push(clause(format!("{lead}: {}", self.t(deny_text(d)))));
        }
        for text in self.fee_texts(rule, decides) {
            c.fees.push(clause(format!("{lead}: {text}")));
        }
        if let (Some(list), true) = (&rule.remedies, decides.contains(Effect::Remedies)) {
            let text = self
                .t(RULE_REMEDIES)
                .replace("{list}", &self.remedy_list(list));
            c.remedies.push(clause(format!("{lead}: {text}")));
        }
    }

    /// A window's sentence: its days, from purchase or delivery, and whether it rolls
    /// forward.
    fn window_text(&self, win: &CWindow, lead: &str) -> String {
        let from = win.from.as_str();
        let mut text = self
            .t(WINDOW_TEXT)
            .replace("{lead}", lead)
            .replace("{days}", &win.days.to_string())
            .replace(
                "{start}",
                self.t(if from == "purchase" {
                    FROM_PURCHASE
                } else {
                    FROM_DELIVERY
                }),
            );
        if win.roll_forward {
            text.push(' ');
            text.push_str(self.t(ROLL));
        }
        text
    }

    /// The fee sentences of a rule, for the effects it `decides`: restocking fee, return
    /// shipping, original shipping.
    fn fee_texts(&self, rule: &CRule, decides: Effects) -> Vec<String> {
        let mut texts = Vec::new();
        if let (Some(fee), true) = (
            &rule.restocking_fee,
            decides.contains(Effect::RestockingFee),
        ) {
            texts.push(match fee {
                CFee::Percent(pct) => self
                    .t(RESTOCKING_PERCENT)
                    .replace("{percent}", &self.percent(*pct)),
                CFee::FixedPerUnit(list) => self
                    .t(RESTOCKING_FIXED)
                    .replace("{amounts}", &self.amounts(list)),
            });
        }
        if let (Some(rs), true) = (
            &rule.return_shipping,
            decides.contains(Effect::ReturnShipping),
        ) {
            texts.push(match (rs.payer, rs.fee.iter().any(|m| !m.is_zero())) {
                (Payer::Merchant, _) => self.t(WE_PAY_RETURN).to_owned(),
                (Payer::Customer, true) => self
                    .t(YOU_PAY_RETURN_FEE)
                    .replace("{amounts}", &self.amounts(&rs.fee)),
                (Payer::Customer, false) => self.t(YOU_PAY_RETURN).to_owned(),
            });
        }
        if let (Some(refund), true) = (
            rule.refund_shipping,
            decides.contains(Effect::RefundShipping),
        ) {
            texts.push(
                self.t(if refund {
                    SHIPPING_REFUNDED
                } else {
                    SHIPPING_KEPT
                })
                .to_owned(),
            );
        }
        texts
    }

    /// Fees are waived for the reasons that are the merchant's fault, when there are any.
    fn merchant_fault_clause(&self) -> Option<Clause> {
        let p = self.policy;
        if p.merchant_fault == 0 {
            return None;
        }
        let reasons: Vec<Reason> = Reason::ALL
            .iter()
            .copied()
            .filter(|r| p.merchant_fault & r.bit() != 0 && !r.is_duplicate_charge())
            .collect();
        let names = reasons
            .iter()
            .map(|r| lower(self.t(reason_text(*r))))
            .collect();
        Some(Clause {
            rule: None,
            text: self
                .t(MERCHANT_FAULT)
                .replace("{reasons}", &self.join(names)),
            window: None,
            scope: Some(Scope {
                reasons,
                ..Scope::default()
            }),
            method: None,
        })
    }

    /// The policy's remedies, first, and its store-credit bonus, last, around the rules'
    /// remedy clauses.
    fn policy_remedies(&self, remedies: &mut Vec<Clause>) {
        let p = self.policy;
        let list = self
            .t(REMEDIES_TEXT)
            .replace("{list}", &self.remedy_list(&p.remedy_order));
        remedies.insert(0, Self::general(Some(p.remedies_id.clone()), list));
        if let Some(bonus) = p.store_credit_bonus.filter(|b| !b.is_zero()) {
            let words = match p.store_credit_base {
                BonusBase::BeforeFees => BONUS,
                BonusBase::AfterFees => BONUS_AFTER_FEES,
            };
            let text = self.t(words).replace("{percent}", &self.percent(bonus));
            remedies.push(Self::general(Some(p.remedies_id.clone()), text));
            if let Some(cap) = p.store_credit_cap {
                let text = self.t(CREDIT_CAP).replace("{percent}", &self.percent(cap));
                remedies.push(Self::general(Some(p.remedies_id.clone()), text));
            }
        }
    }

    /// When a person reviews a request: above the amount approved automatically.
    fn review_clauses(&self) -> Vec<Clause> {
        let auto = &self.policy.automation;
        if auto.auto_approve_up_to.is_empty() {
            return Vec::new();
        }
        let text = self
            .t(REVIEW_AMOUNT)
            .replace("{amounts}", &self.amounts(&auto.auto_approve_up_to));
        vec![Self::general(Some(auto.id.clone()), text)]
    }

    fn section(&self, kind: SectionKind, clauses: Vec<Clause>) -> Section {
        let heading = match kind {
            SectionKind::Windows => {
                let tz = self.policy.tz.name();
                return Section {
                    kind,
                    heading: self.t(H_WINDOWS).to_owned(),
                    clauses: std::iter::once(Clause {
                        rule: None,
                        text: self.t(DAYS_NOTE).replace("{tz}", tz),
                        window: None,
                        scope: None,
                        method: None,
                    })
                    .chain(clauses)
                    .collect(),
                };
            }
            SectionKind::NotReturnable => H_NOT_RETURNABLE,
            SectionKind::Fees => H_FEES,
            SectionKind::Remedies => H_REMEDIES,
            SectionKind::Timing => H_TIMING,
            SectionKind::Review => H_REVIEW,
            SectionKind::HowToAsk => H_HOW,
        };
        Section {
            kind,
            heading: self.t(heading).to_owned(),
            clauses,
        }
    }

    /// Timing per payment method, from the routing `refund.evaluate` uses.
    /// The merchant's refund deadline, when the policy sets one, then each method's timing.
    fn deadline_and_timing(&self) -> Vec<Clause> {
        let mut out = Vec::new();
        if let Some(d) = &self.policy.refund_deadline {
            let text = match (d.days, d.withhold_until_goods_back) {
                (0, false) => self.t(DEADLINE_NOW).to_owned(),
                (0, true) => self.t(DEADLINE_ONCE_BACK).to_owned(),
                (n, withhold) => {
                    let words = if withhold {
                        DEADLINE_DAYS_ONCE_BACK
                    } else {
                        DEADLINE_DAYS
                    };
                    self.t(words).replace("{days}", &n.to_string())
                }
            };
            let text = format!("{text} ({}).", d.source);
            out.push(Self::general(Some(d.id.clone()), text));
        }
        out.extend(self.timing());
        out
    }

    fn timing(&self) -> Vec<Clause> {
        let (Ok(now), Ok(zero)) = (
            Timestamp::parse("2026-01-01T00:00:00Z"),
            Money::parse("0", "EUR"),
        ) else {
            return Vec::new();
        };
        let payment = |method: PaymentMethod, captured_at: Timestamp| Payment {
            id: String::new(),
            method,
            funding: None,
            captured: zero,
            captured_at,
        };
        // How long after a Pix it can still go back to the paying key.
        let pix_days = (0..=400_i64)
            .take_while(|d| {
                let at = Timestamp::from(now.to_utc() - chrono::Duration::days(*d));
                timing::route(&payment(PaymentMethod::Pix, at), &now).destination
                    == Destination::OriginalPixKey
            })
            .last()
            .unwrap_or(0);
        let mut out = Vec::new();
        let accepted = &self.policy.known.payment_methods;
        for &method in [
            PaymentMethod::Card,
            PaymentMethod::Pix,
            PaymentMethod::Boleto,
            PaymentMethod::Wallet,
            PaymentMethod::BankTransfer,
            PaymentMethod::GiftCard,
            PaymentMethod::StoreCredit,
        ]
        .iter()
        .filter(|m| accepted.is_empty() || accepted.contains(m))
        {
            let route = timing::route(&payment(method, now), &now);
            let t = route.timing;
            let template = match method {
                PaymentMethod::Card => T_CARD,
                PaymentMethod::Pix => T_PIX,
                PaymentMethod::Boleto => T_BOLETO,
                PaymentMethod::Wallet => T_WALLET,
                PaymentMethod::BankTransfer => T_TRANSFER,
                PaymentMethod::GiftCard => T_GIFT,
                PaymentMethod::StoreCredit => T_CREDIT,
            };
            let text = self
                .t(template)
                .replace("{min}", &t.min_business_days.to_string())
                .replace("{max}", &t.max_business_days.to_string())
                .replace("{pix_days}", &pix_days.to_string())
                .replace(
                    "{days_word}",
                    self.t(if t.max_business_days == 1 {
                        BDAY
                    } else {
                        BDAYS
                    }),
                );
            out.push(Clause {
                rule: Some(route.rule.to_owned()),
                text,
                window: None,
                scope: None,
                method: Some(method),
            });
        }
        out
    }

    fn scope(&self, when: &CWhen) -> Scope {
        let p = self.policy;
        let names = |mask: u64, table: &[String]| -> Vec<String> {
            table
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1_u64 << (*i % 64)) != 0)
                .map(|(_, n)| n.clone())
                .collect()
        };
        Scope {
            reasons: Reason::ALL
                .iter()
                .copied()
                .filter(|r| when.reason & r.bit() != 0)
                .collect(),
            categories: names(when.category, &p.categories),
            channels: names(when.channel, &p.channels),
            conditions: ItemCondition::ALL
                .iter()
                .copied()
                .filter(|c| when.condition & c.bit() != 0)
                .collect(),
            by_standing: when.standing != 0,
            final_sale: when.final_sale,
            digital: when.digital,
            downloaded: when.downloaded,
            min_order_age_days: when.min_age,
            max_order_age_days: when.max_age,
            order_value_at_least: when.value_at_least.clone(),
            order_value_below: when.value_below.clone(),
        }
    }

    /// The lead of a clause: the reasons, then what narrows them, in parentheses.
    fn lead(&self, when: &CWhen) -> String {
        let s = self.scope(when);
        let reasons: Vec<Reason> = s
            .reasons
            .iter()
            .copied()
            .filter(|r| !r.is_duplicate_charge())
            .collect();
        let mut lead = if reasons.is_empty() {
            self.t(ALL_REQUESTS).to_owned()
        } else {
            let mut parts: Vec<String> = Vec::new();
            for (i, r) in reasons.iter().enumerate() {
                let text = self.t(reason_text(*r));
                parts.push(if i == 0 { text.to_owned() } else { lower(text) });
            }
            self.join(parts)
        };
        let mut q: Vec<String> = Vec::new();
        let labels = |names: &[String]| -> String {
            let known = &self.policy.known;
            let shown: Vec<&str> = names.iter().map(|n| known.label(n, self.locale)).collect();
            shown.join(", ")
        };
        if !s.categories.is_empty() {
            q.push(format!("{}{}", self.t(Q_CATEGORIES), labels(&s.categories)));
        }
        if !s.channels.is_empty() {
            q.push(format!("{}{}", self.t(Q_CHANNELS), labels(&s.channels)));
        }
        if !s.conditions.is_empty() {
            let list: Vec<String> = s
                .conditions
                .iter()
                .map(|c| self.t(condition_text(*c)).to_owned())
                .collect();
            q.push(format!("{}{}", self.t(Q_CONDITION), self.join(list)));
        }
        if let Some(f) = s.final_sale {
            q.push(self.t(if f { Q_FINAL } else { Q_NOT_FINAL }).to_owned());
        }
        if let Some(d) = s.digital {
            q.push(self.t(if d { Q_DIGITAL } else { Q_PHYSICAL }).to_owned());
        }
        if let Some(d) = s.downloaded {
            q.push(
                self.t(if d { Q_DOWNLOADED } else { Q_NOT_DOWNLOADED })
                    .to_owned(),
            );
        }
        if let Some(n) = s.min_order_age_days {
            q.push(self.t(Q_MIN_AGE).replace("{n}", &n.to_string()));
        }
        if let Some(n) = s.max_order_age_days {
            q.push(self.t(Q_MAX_AGE).replace("{n}", &n.to_string()));
        }
        if !s.order_value_at_least.is_empty() {
            q.push(
                self.t(Q_AT_LEAST)
                    .replace("{amounts}", &self.amounts(&s.order_value_at_least)),
            );
        }
        if !s.order_value_below.is_empty() {
            q.push(
                self.t(Q_BELOW)
                    .replace("{amounts}", &self.amounts(&s.order_value_below)),
            );
        }
        if s.by_standing {
            q.push(self.t(Q_STANDING).to_owned());
        }
        if !q.is_empty() {
            lead.push_str(&format!(" ({})", q.join(self.t(QSEP))));
        }
        lead
    }

    /// `a, b or c` in the locale.
    fn join(&self, parts: Vec<String>) -> String {
        let or = self.t(OR);
        match parts.split_last() {
            None => String::new(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} {or} {last}", rest.join(", ")),
        }
    }

    fn amounts(&self, list: &[Money]) -> String {
        list.iter()
            .map(|m| format::money(m, self.locale))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    fn percent(&self, value: Decimal) -> String {
        format::decimal(value.normalize(), self.locale)
    }

    fn remedy_list(&self, list: &[Remedy]) -> String {
        self.join(
            list.iter()
                .map(|r| remedy_noun(*r, self.locale).to_owned())
                .collect(),
        )
    }
}

/// The first letter in lower case (for a name inside a sentence).
fn lower(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

type T = [&'static str; 4];

fn reason_text(r: Reason) -> T {
    match r {
        Reason::ChangedMind => [
            "Change of mind",
            "Arrependimento",
            "Cambio de opinión",
            "Αλλαγή γνώμης",
        ],
        Reason::Defective => [
            "Defective item",
            "Produto com defeito",
            "Artículo defectuoso",
            "Ελαττωματικό προϊόν",
        ],
        Reason::NotAsDescribed => [
            "Item not as described",
            "Produto diferente do anunciado",
            "Artículo distinto de lo descrito",
            "Προϊόν διαφορετικό από την περιγραφή",
        ],
        Reason::WrongItem => [
            "Wrong item received",
            "Produto errado",
            "Artículo equivocado",
            "Λάθος προϊόν",
        ],
        Reason::NotReceived => [
            "Order not received",
            "Pedido não recebido",
            "Pedido no recibido",
            "Παραγγελία που δεν παραδόθηκε",
        ],
        Reason::ArrivedLate => [
            "Late delivery",
            "Entrega atrasada",
            "Entrega con retraso",
            "Καθυστερημένη παράδοση",
        ],
        Reason::DuplicateCharge => [
            "Duplicate charge",
            "Cobrança em duplicidade",
            "Cobro duplicado",
            "Διπλή χρέωση",
        ],
        Reason::CancelledBeforeShipping => [
            "Order cancelled before shipping",
            "Pedido cancelado antes do envio",
            "Pedido cancelado antes del envío",
            "Ακύρωση παραγγελίας πριν από την αποστολή",
        ],
    }
}

fn condition_text(c: ItemCondition) -> T {
    match c {
        ItemCondition::Unopened => ["unopened", "lacrado", "precintado", "σφραγισμένο"],
        ItemCondition::Opened => ["opened", "aberto", "abierto", "ανοιγμένο"],
        ItemCondition::Used => ["used", "usado", "usado", "χρησιμοποιημένο"],
        ItemCondition::DamagedOnArrival => [
            "damaged on arrival",
            "danificado na entrega",
            "dañado en la entrega",
            "κατεστραμμένο κατά την παράδοση",
        ],
    }
}

fn deny_text(d: DenyReason) -> T {
    match d {
        DenyReason::FinalSale => [
            "cannot be returned (final sale).",
            "não aceita devolução (venda final).",
            "no admite devolución (venta final).",
            "δεν επιστρέφεται (τελική πώληση).",
        ],
        DenyReason::NonReturnable => [
            "cannot be returned.",
            "não pode ser devolvido.",
            "no se puede devolver.",
            "δεν επιστρέφεται.",
        ],
        DenyReason::DigitalDownloaded => [
            "cannot be returned once downloaded.",
            "não pode ser devolvido depois de baixado.",
            "no se puede devolver una vez descargado.",
            "δεν επιστρέφεται αφού ληφθεί.",
        ],
        DenyReason::ConditionNotAccepted => [
            "not accepted back in that condition.",
            "não é aceito de volta nesse estado.",
            "no se acepta de vuelta en ese estado.",
            "δεν γίνεται δεκτό πίσω σε αυτή την κατάσταση.",
        ],
        DenyReason::ReasonNotAccepted => [
            "not accepted for this reason.",
            "não é aceito por esse motivo.",
            "no se acepta por este motivo.",
            "δεν γίνεται δεκτό για αυτόν τον λόγο.",
        ],
    }
}

const LEGAL: T = [
    "Legal basis: ",
    "Base legal: ",
    "Base legal: ",
    "Νομική βάση: ",
];
const GREETING: T = [
    "{name}, here is our returns policy.",
    "{name}, esta é a nossa política de trocas e devoluções.",
    "{name}, esta es nuestra política de devoluciones.",
    "{name}, αυτή είναι η πολιτική επιστροφών μας.",
];
const H_WINDOWS: T = [
    "Return windows",
    "Prazos de devolução",
    "Plazos de devolución",
    "Προθεσμίες επιστροφής",
];
const H_NOT_RETURNABLE: T = [
    "Items that cannot be returned",
    "Itens sem devolução",
    "Artículos sin devolución",
    "Προϊόντα που δεν επιστρέφονται",
];
const H_FEES: T = [
    "Fees and shipping",
    "Taxas e frete",
    "Cargos y envío",
    "Χρεώσεις και έξοδα αποστολής",
];
const H_REMEDIES: T = [
    "How we make it right",
    "Como resolvemos",
    "Cómo lo resolvemos",
    "Πώς το διορθώνουμε",
];
const DEADLINE_DAYS: T = [
    "We send your refund within {days} days of your request at the latest",
    "Enviamos seu reembolso em até {days} dias após a sua solicitação",
    "Te enviamos el reembolso en un plazo máximo de {days} días desde tu solicitud",
    "Σας στέλνουμε την επιστροφή χρημάτων το αργότερα εντός {days} ημερών από το αίτημά σας",
];
const DEADLINE_DAYS_ONCE_BACK: T = [
    "We send your refund within {days} days of your request at the latest; we may wait until we have the items back or you show us proof of sending them, whichever comes first",
    "Enviamos seu reembolso em até {days} dias após a sua solicitação; podemos aguardar até recebermos os itens de volta ou você nos mostrar o comprovante de envio, o que ocorrer primeiro",
    "Te enviamos el reembolso en un plazo máximo de {days} días desde tu solicitud; podemos esperar hasta recibir los artículos o hasta que nos muestres el justificante de envío, lo que ocurra primero",
    "Σας στέλνουμε την επιστροφή χρημάτων το αργότερα εντός {days} ημερών από το αίτημά σας· μπορεί να περιμένουμε μέχρι να παραλάβουμε τα προϊόντα ή να μας δείξετε την απόδειξη αποστολής τους, όποιο συμβεί πρώτο",
];
const DEADLINE_NOW: T = [
    "We send your refund as soon as your request is accepted",
    "Enviamos seu reembolso imediatamente após aceitar a sua solicitação",
    "Te enviamos el reembolso en cuanto aceptamos tu solicitud",
    "Σας στέλνουμε την επιστροφή χρημάτων αμέσως μόλις γίνει δεκτό το αίτημά σας",
];
const DEADLINE_ONCE_BACK: T = [
    "We send your refund as soon as we have the items back or you show us proof of sending them, whichever comes first",
    "Enviamos seu reembolso assim que recebermos os itens de volta ou você nos mostrar o comprovante de envio, o que ocorrer primeiro",
    "Te enviamos el reembolso en cuanto recibamos los artículos o nos muestres el justificante de envío, lo que ocurra primero",
    "Σας στέλνουμε την επιστροφή χρημάτων μόλις παραλάβουμε τα προϊόντα ή μας δείξετε την απόδειξη αποστολής τους, όποιο συμβεί πρώτο",
];
const H_TIMING: T = [
    "When the money arrives",
    "Quando o dinheiro chega",
    "Cuándo llega el dinero",
    "Πότε φτάνουν τα χρήματα",
];
const H_REVIEW: T = ["Review", "Análise", "Revisión", "Έλεγχος"];
const H_HOW: T = [
    "How to ask",
    "Como pedir",
    "Cómo solicitarlo",
    "Πώς να το ζητήσετε",
];
const DAYS_NOTE: T = [
    "Periods are calendar days in the {tz} time zone; the day of delivery or purchase itself is not counted.",
    "Os prazos são contados em dias corridos, no fuso horário {tz}; o dia do recebimento ou da compra não é contado.",
    "Los plazos se cuentan en días naturales, en la zona horaria {tz}; no se cuenta el día de la entrega o de la compra.",
    "Οι προθεσμίες υπολογίζονται σε ημερολογιακές ημέρες, στη ζώνη ώρας {tz}· η ημέρα της παράδοσης ή της αγοράς δεν υπολογίζεται.",
];
const WINDOW_TEXT: T = [
    "{lead}: you can ask within {days} days {start}.",
    "{lead}: você pode solicitar em até {days} dias {start}.",
    "{lead}: puedes solicitarlo en un plazo de {days} días {start}.",
    "{lead}: μπορείτε να το ζητήσετε εντός {days} ημερών {start}.",
];
const FROM_DELIVERY: T = [
    "of delivery",
    "após o recebimento",
    "desde la entrega",
    "από την παράδοση",
];
const FROM_PURCHASE: T = [
    "of purchase",
    "após a compra",
    "desde la compra",
    "από την αγορά",
];
const ROLL: T = [
    "If the last day falls on a weekend or public holiday, the period runs to the next working day.",
    "Se o último dia cair em fim de semana ou feriado, o prazo vai até o próximo dia útil.",
    "Si el último día cae en fin de semana o festivo, el plazo se extiende hasta el siguiente día hábil.",
    "Αν η τελευταία ημέρα είναι Σαββατοκύριακο ή αργία, η προθεσμία παρατείνεται έως την επόμενη εργάσιμη ημέρα.",
];
const DUPLICATE: T = [
    "A duplicate charge is always refunded in full, whenever you tell us about it.",
    "Uma cobrança em duplicidade é sempre reembolsada integralmente, a qualquer momento em que você nos avisar.",
    "Un cobro duplicado se reembolsa siempre por completo, en cualquier momento en que nos avises.",
    "Μια διπλή χρέωση επιστρέφεται πάντα ολόκληρη, όποτε κι αν μας την αναφέρετε.",
];
const ALL_REQUESTS: T = [
    "All requests",
    "Todas as solicitações",
    "Todas las solicitudes",
    "Όλα τα αιτήματα",
];
/// Between the qualifiers of a lead (a semicolon is a question mark in Greek).
const QSEP: T = ["; ", "; ", "; ", ", "];
const OR: T = ["or", "ou", "o", "ή"];
const Q_CATEGORIES: T = [
    "categories: ",
    "categorias: ",
    "categorías: ",
    "κατηγορίες: ",
];
const Q_CHANNELS: T = [
    "bought via: ",
    "compras pelo canal: ",
    "compras por el canal: ",
    "αγορές μέσω: ",
];
const Q_CONDITION: T = ["item ", "produto ", "artículo ", "προϊόν "];
const Q_FINAL: T = [
    "final-sale items",
    "itens de venda final",
    "artículos de venta final",
    "προϊόντα τελικής πώλησης",
];
const Q_NOT_FINAL: T = [
    "except final-sale items",
    "exceto itens de venda final",
    "excepto artículos de venta final",
    "εκτός από προϊόντα τελικής πώλησης",
];
const Q_DIGITAL: T = [
    "digital items",
    "produtos digitais",
    "productos digitales",
    "ψηφιακά προϊόντα",
];
const Q_PHYSICAL: T = [
    "physical items",
    "produtos físicos",
    "productos físicos",
    "φυσικά προϊόντα",
];
const Q_DOWNLOADED: T = [
    "already downloaded",
    "já baixados",
    "ya descargados",
    "που έχουν ήδη ληφθεί",
];
const Q_NOT_DOWNLOADED: T = [
    "not yet downloaded",
    "ainda não baixados",
    "aún no descargados",
    "που δεν έχουν ληφθεί ακόμη",
];
const Q_MIN_AGE: T = [
    "orders at least {n} days old",
    "pedidos feitos há pelo menos {n} dias",
    "pedidos de hace al menos {n} días",
    "παραγγελίες τουλάχιστον {n} ημερών",
];
const Q_MAX_AGE: T = [
    "orders at most {n} days old",
    "pedidos feitos há no máximo {n} dias",
    "pedidos de hace como máximo {n} días",
    "παραγγελίες έως {n} ημερών",
];
const Q_AT_LEAST: T = [
    "orders of {amounts} or more",
    "pedidos de {amounts} ou mais",
    "pedidos de {amounts} o más",
    "παραγγελίες {amounts} και άνω",
];
const Q_BELOW: T = [
    "orders below {amounts}",
    "pedidos abaixo de {amounts}",
    "pedidos inferiores a {amounts}",
    "παραγγελίες κάτω από {amounts}",
];
const Q_STANDING: T = [
    "depending on your account",
    "conforme a sua conta",
    "según tu cuenta",
    "ανάλογα με τον λογαριασμό σας",
];
const RESTOCKING_PERCENT: T = [
    "a restocking fee of {percent}% of the price paid is deducted.",
    "uma taxa de reposição de estoque de {percent}% do valor pago é descontada.",
    "se descuenta un cargo por reposición del {percent}% del precio pagado.",
    "αφαιρείται τέλος επανατοποθέτησης {percent}% της τιμής που πληρώσατε.",
];
const RESTOCKING_FIXED: T = [
    "a restocking fee of {amounts} per unit is deducted.",
    "uma taxa de reposição de estoque de {amounts} por unidade é descontada.",
    "se descuenta un cargo por reposición de {amounts} por unidad.",
    "αφαιρείται τέλος επανατοποθέτησης {amounts} ανά τεμάχιο.",
];
const WE_PAY_RETURN: T = [
    "we pay the return shipping.",
    "nós pagamos o frete de devolução.",
    "nosotros pagamos el envío de devolución.",
    "εμείς πληρώνουμε τα έξοδα αποστολής της επιστροφής.",
];
const YOU_PAY_RETURN_FEE: T = [
    "you pay the return shipping; {amounts} is deducted from your refund.",
    "o frete de devolução fica por sua conta; {amounts} é descontado do seu reembolso.",
    "el envío de devolución corre por tu cuenta; se descuentan {amounts} de tu reembolso.",
    "τα έξοδα αποστολής της επιστροφής τα αναλαμβάνετε εσείς· αφαιρούνται {amounts} από το ποσό που σας επιστρέφουμε.",
];
const YOU_PAY_RETURN: T = [
    "you send the item back at your own cost.",
    "você envia o produto de volta por sua conta.",
    "envías el artículo de vuelta por tu cuenta.",
    "επιστρέφετε το προϊόν με δικά σας έξοδα.",
];
const SHIPPING_REFUNDED: T = [
    "the original shipping is refunded too.",
    "o frete original também é reembolsado.",
    "también se reembolsa el envío original.",
    "επιστρέφονται και τα αρχικά έξοδα αποστολής.",
];
const SHIPPING_KEPT: T = [
    "the original shipping is not refunded.",
    "o frete original não é reembolsado.",
    "el envío original no se reembolsa.",
    "τα αρχικά έξοδα αποστολής δεν επιστρέφονται.",
];
const MERCHANT_FAULT: T = [
    "When the problem is on our side ({reasons}), there is never a fee and we pay the return shipping.",
    "Quando o problema é nosso ({reasons}), nunca há taxa e nós pagamos o frete de devolução.",
    "Cuando el problema es nuestro ({reasons}), nunca hay cargos y pagamos nosotros el envío de devolución.",
    "Όταν το πρόβλημα είναι δικό μας ({reasons}), δεν υπάρχει ποτέ χρέωση και πληρώνουμε εμείς τα έξοδα αποστολής της επιστροφής.",
];
const REMEDIES_TEXT: T = [
    "We offer {list}, in that order of preference; you can choose among them.",
    "Oferecemos {list}, nessa ordem de preferência; você pode escolher entre eles.",
    "Ofrecemos {list}, en ese orden de preferencia; puedes elegir entre ellos.",
    "Προσφέρουμε {list}, με αυτή τη σειρά προτίμησης· μπορείτε να επιλέξετε ανάμεσά τους.",
];
const RULE_REMEDIES: T = [
    "we offer {list}, in that order.",
    "oferecemos {list}, nessa ordem.",
    "ofrecemos {list}, en ese orden.",
    "προσφέρουμε {list}, με αυτή τη σειρά.",
];
const BONUS: T = [
    "Store credit comes with a {percent}% bonus and no fee is deducted from it.",
    "O crédito na loja vem com bônus de {percent}% e sem nenhuma taxa descontada.",
    "El crédito para la tienda incluye un bono del {percent}% y no se le descuenta ningún cargo.",
    "Η πίστωση καταστήματος έχει μπόνους {percent}% και δεν αφαιρείται από αυτήν καμία χρέωση.",
];
const BONUS_AFTER_FEES: T = [
    "Store credit comes with a {percent}% bonus on the refund after fees.",
    "O crédito na loja vem com bônus de {percent}% sobre o valor do reembolso após as taxas.",
    "El crédito para la tienda incluye un bono del {percent}% sobre el reembolso después de los cargos.",
    "Η πίστωση καταστήματος έχει μπόνους {percent}% επί του ποσού της επιστροφής μετά τις χρεώσεις.",
];
const CREDIT_CAP: T = [
    "Store credit is never worth more than {percent}% of what you paid for the items returned.",
    "O crédito na loja nunca passa de {percent}% do valor pago pelos itens devolvidos.",
    "El crédito para la tienda nunca supera el {percent}% de lo que pagaste por los artículos devueltos.",
    "Η πίστωση καταστήματος δεν ξεπερνά ποτέ το {percent}% του ποσού που πληρώσατε για τα προϊόντα που επιστρέφετε.",
];
const REVIEW_AMOUNT: T = [
    "Refunds above {amounts} are reviewed by a member of our team before they are approved.",
    "Reembolsos acima de {amounts} são analisados por alguém da nossa equipe antes da aprovação.",
    "Los reembolsos superiores a {amounts} los revisa un miembro de nuestro equipo antes de aprobarlos.",
    "Οι επιστροφές χρημάτων άνω των {amounts} εξετάζονται από μέλος της ομάδας μας πριν εγκριθούν.",
];
const HOW_TO_ASK: T = [
    "To ask for a return or a refund, contact {store} with your order number, the items and the reason.",
    "Para pedir uma troca, devolução ou reembolso, fale com {store} informando o número do pedido, os itens e o motivo.",
    "Para solicitar una devolución o un reembolso, contacta con {store} indicando el número de pedido, los artículos y el motivo.",
    "Για να ζητήσετε επιστροφή προϊόντος ή χρημάτων, επικοινωνήστε με το {store} αναφέροντας τον αριθμό παραγγελίας, τα προϊόντα και τον λόγο.",
];
const BDAY: T = ["business day", "dia útil", "día hábil", "εργάσιμη ημέρα"];
const BDAYS: T = [
    "business days",
    "dias úteis",
    "días hábiles",
    "εργάσιμες ημέρες",
];
const T_CARD: T = [
    "Card: back to the card you paid with, usually within {min} to {max} {days_word}, depending on your bank.",
    "Cartão: volta para o cartão usado na compra, normalmente em {min} a {max} {days_word}, dependendo do seu banco.",
    "Tarjeta: vuelve a la tarjeta con la que pagaste, normalmente en {min} a {max} {days_word}, según tu banco.",
    "Κάρτα: επιστρέφεται στην κάρτα με την οποία πληρώσατε, συνήθως σε {min} έως {max} {days_word}, ανάλογα με την τράπεζά σας.",
];
const T_PIX: T = [
    "Pix: sent instantly to the key you paid from, up to {pix_days} days after the payment; after that, to a bank account or Pix key you give us.",
    "Pix: devolvido na hora para a chave que fez o pagamento, em até {pix_days} dias após o pagamento; depois disso, para uma conta bancária ou chave Pix que você informar.",
    "Pix: se devuelve al instante a la clave desde la que pagaste, hasta {pix_days} días después del pago; después, a una cuenta bancaria o clave Pix que nos indiques.",
    "Pix: επιστρέφεται αμέσως στο κλειδί από το οποίο πληρώσατε, έως {pix_days} ημέρες μετά την πληρωμή· μετά από αυτό, σε τραπεζικό λογαριασμό ή κλειδί Pix που θα μας δώσετε.",
];
const T_BOLETO: T = [
    "Boleto: a boleto cannot be reversed, so we send the money to a bank account or Pix key you give us, within {max} {days_word}.",
    "Boleto: o boleto não pode ser estornado, por isso enviamos o valor para uma conta bancária ou chave Pix que você informar, em até {max} {days_word}.",
    "Boleto: un boleto no se puede revertir, así que enviamos el dinero a una cuenta bancaria o clave Pix que nos indiques, en un plazo de {max} {days_word}.",
    "Boleto: το boleto δεν αντιστρέφεται, οπότε στέλνουμε τα χρήματα σε τραπεζικό λογαριασμό ή κλειδί Pix που θα μας δώσετε, το αργότερα σε {max} {days_word}.",
];
const T_WALLET: T = [
    "Wallets (PayPal, Apple Pay, Google Pay): back through the wallet to the card or account that funded it, in that source's time.",
    "Carteiras digitais (PayPal, Apple Pay, Google Pay): volta pela carteira para o cartão ou a conta que a abasteceu, no prazo dessa origem.",
    "Billeteras digitales (PayPal, Apple Pay, Google Pay): vuelve a través de la billetera a la tarjeta o cuenta que la financió, en el plazo de esa fuente.",
    "Ψηφιακά πορτοφόλια (PayPal, Apple Pay, Google Pay): επιστρέφεται μέσω του πορτοφολιού στην κάρτα ή στον λογαριασμό που το χρηματοδότησε, στον χρόνο αυτής της πηγής.",
];
const T_TRANSFER: T = [
    "Bank transfer: back to the account you paid from, usually within {min} to {max} {days_word}.",
    "Transferência bancária: volta para a conta de origem, normalmente em {min} a {max} {days_word}.",
    "Transferencia bancaria: vuelve a la cuenta desde la que pagaste, normalmente en {min} a {max} {days_word}.",
    "Τραπεζική μεταφορά: επιστρέφεται στον λογαριασμό από τον οποίο πληρώσατε, συνήθως σε {min} έως {max} {days_word}.",
];
const T_GIFT: T = [
    "Gift card: restored to the gift card at once.",
    "Vale-presente: o valor volta para o vale-presente na hora.",
    "Tarjeta regalo: el importe vuelve a la tarjeta regalo al instante.",
    "Δωροκάρτα: το ποσό επιστρέφει αμέσως στη δωροκάρτα.",
];
const T_CREDIT: T = [
    "Store credit: restored to your store credit at once.",
    "Crédito na loja: o valor volta para o seu crédito na loja na hora.",
    "Crédito de la tienda: el importe vuelve a tu crédito de la tienda al instante.",
    "Πίστωση καταστήματος: το ποσό επιστρέφει αμέσως στην πίστωσή σας.",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refund::{evaluate, EvaluateRequest, Outcome};
    use crate::Engine;
    use chrono::NaiveDate;
    use serde_json::json;

    fn engines() -> Vec<Engine> {
        vec![
            Engine::default_store().unwrap(),
            Engine::from_toml(include_str!(
                "../../../../examples/policies/br_cdc_art49_7d.toml"
            ))
            .unwrap(),
            Engine::from_toml(include_str!(
                "../../../../examples/policies/eu_withdrawal_14d.toml"
            ))
            .unwrap(),
            Engine::from_toml(include_str!(
                "../../../../examples/policies/us_store_30d.toml"
            ))
            .unwrap(),
        ]
    }

    /// A case the scope of a window clause describes, decided at `now_day`.
    fn case(
        policy: &str,
        scope: &Scope,
        window: &DisclosedWindow,
        start: NaiveDate,
        now_day: NaiveDate,
        currency: &str,
    ) -> EvaluateRequest {
        let reason = scope
            .reasons
            .iter()
            .copied()
            .find(|r| !r.is_duplicate_charge())
            .unwrap_or(Reason::ChangedMind);
        let at = |d: NaiveDate, time: &str| format!("{d}T{time}+00:00");
        let (purchased, delivered) = if window.from == "purchase" {
            (start, start.succ_opt().unwrap())
        } else {
            (start.pred_opt().unwrap().pred_opt().unwrap(), start)
        };
        let price = scope
            .order_value_at_least
            .iter()
            .find(|m| m.currency().code() == currency)
            .map_or("20.00".to_owned(), |m| m.amount().to_string());
        let mut line = json!({"id": "l1", "category": scope.categories.first().cloned().unwrap_or("zz-other".into()),
            "quantity": 1, "unit_price": {"amount": price, "currency": currency}});
        for (flag, value) in [
            ("final_sale", scope.final_sale),
            ("digital", scope.digital),
            ("downloaded", scope.downloaded),
        ] {
            if let Some(v) = value {
                line[flag] = json!(v);
            }
        }
        let mut request = json!({"reason": reason, "lines": [{"line_id": "l1", "quantity": 1}]});
        if let Some(c) = scope.conditions.first() {
            request["condition"] = json!(c);
        }
        serde_json::from_value(json!({
            "policy": policy,
            "now": at(now_day, "12:00:00"),
            "order": {"currency": currency, "channel": scope.channels.first().cloned().unwrap_or("web".into()),
                "purchased_at": at(purchased, "12:00:00"), "delivered_at": at(delivered, "12:00:00"),
                "lines": [line],
                "payments": [{"id": "p", "method": "card", "captured_at": at(purchased, "12:00:00"),
                              "captured": {"amount": price, "currency": currency}}]},
            "request": request
        }))
        .unwrap()
    }

    #[test]
    fn every_disclosed_window_is_the_one_the_engine_applies() {
        // The last day lands on Wednesday 15 July 2026: a working day in every calendar of
        // these policies, so no deadline rolls.
        let last = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap();
        let mut checked = 0;
        for engine in engines() {
            let names: Vec<String> = engine
                .refund_policies()
                .names()
                .map(str::to_owned)
                .collect();
            for name in names {
                let policy = engine.refund_policies().get(Some(&name)).unwrap();
                let currency = policy
                    .automation
                    .auto_approve_up_to
                    .first()
                    .map_or("EUR", |m| m.currency().code());
                for &locale in Locale::ALL {
                    let out = disclose(
                        &engine,
                        &DiscloseRequest {
                            policy: Some(name.clone()),
                            locale: Some(locale),
                            customer_name: None,
                        },
                    )
                    .unwrap();
                    let windows = &out.sections[0];
                    assert_eq!(windows.kind, SectionKind::Windows);
                    for clause in windows.clauses.iter().filter(|c| c.window.is_some()) {
                        let w = clause.window.as_ref().unwrap();
                        let scope = clause.scope.as_ref().unwrap();
                        assert!(
                            clause.text.contains(&format!(" {} ", w.days)),
                            "{}",
                            clause.text
                        );
                        if locale != Locale::En {
                            continue;
                        }
                        let start = last - chrono::Days::new(w.days as u64);
                        let rule = clause.rule.as_deref().unwrap();
                        let inside =
                            evaluate(&engine, &case(&name, scope, w, start, last, currency))
                                .unwrap();
                        assert_ne!(
                            inside.outcome,
                            Outcome::Deny,
                            "{name} {rule} day {}",
                            w.days
                        );
                        assert!(
                            inside
                                .reasons
                                .iter()
                                .any(|r| r.rule == rule && r.code.code() == "refund.within_window"),
                            "{name} {rule}"
                        );
                        let after = last.succ_opt().unwrap();
                        let outside =
                            evaluate(&engine, &case(&name, scope, w, start, after, currency))
                                .unwrap();
                        assert_eq!(
                            outside.outcome,
                            Outcome::Deny,
                            "{name} {rule} day {}",
                            w.days + 1
                        );
                        assert!(outside.reasons.iter().any(|r| r.rule == rule && r.code.code() == "refund.window_expired"), "{name} {rule}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked >= 12, "{checked}");
    }

    #[test]
    fn a_disclosure_after_the_first_is_the_same() {
        // The first disclosure surveys the policy and keeps what it found with it; later
        // ones, in any locale, read what was kept and must answer the same bytes as an
        // engine built afresh, whose first disclosure surveys.
        for (i, kept) in engines().into_iter().enumerate() {
            let names: Vec<String> = kept.refund_policies().names().map(str::to_owned).collect();
            for name in names {
                for &locale in Locale::ALL {
                    let request = DiscloseRequest {
                        policy: Some(name.clone()),
                        locale: Some(locale),
                        customer_name: None,
                    };
                    let fresh = engines().swap_remove(i);
                    let surveyed = disclose(&fresh, &request).unwrap();
                    let _ = disclose(&kept, &request).unwrap();
                    let again = disclose(&kept, &request).unwrap();
                    assert_eq!(surveyed, again, "{name} {locale:?}");
                }
            }
        }
    }

    #[test]
    fn shadowed_windows_are_not_disclosed_and_names_lead() {
        let e = Engine::from_toml(
            "[store]\nname = \"Loja\"\n[refund.policies.p]\ntitle = \"T\"\ntime_zone = \"UTC\"\n\
             [[refund.policies.p.rules]]\nid = \"all\"\nwindow = { days = 30 }\n\
             [[refund.policies.p.rules]]\nid = \"toys\"\nwhen = { category = [\"toys\"] }\nwindow = { days = 60 }\n",
        )
        .unwrap();
        let out = disclose(
            &e,
            &DiscloseRequest {
                policy: None,
                locale: Some(Locale::El),
                customer_name: Some("Ελένη".into()),
            },
        )
        .unwrap();
        let rules: Vec<_> = out.sections[0]
            .clauses
            .iter()
            .filter_map(|c| c.rule.clone())
            .collect();
        assert_eq!(rules, ["all", "recourse.duplicate_charge"]);
        assert!(out
            .text
            .contains("Ελένη, αυτή είναι η πολιτική επιστροφών μας."));
        assert!(out.markdown.starts_with("# T\n"));
        assert!(out.text.contains("εντός 30 ημερών από την παράδοση"));
    }

    #[test]
    fn every_locale_writes_every_section() {
        let e = Engine::from_toml(include_str!(
            "../../../../examples/policies/us_store_30d.toml"
        ))
        .unwrap();
        for &locale in Locale::ALL {
            let out = disclose(
                &e,
                &DiscloseRequest {
                    locale: Some(locale),
                    ..Default::default()
                },
            )
            .unwrap();
            let kinds: Vec<_> = out.sections.iter().map(|s| s.kind).collect();
            assert_eq!(kinds, SectionKind::ALL);
            for s in &out.sections {
                for c in &s.clauses {
                    assert!(!c.text.contains('{'), "{locale:?}: {}", c.text);
                    assert!(c.text.ends_with('.'), "{locale:?}: {}", c.text);
                }
            }
        }
        let out = disclose(
            &e,
            &DiscloseRequest {
                locale: Some(Locale::Es),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(out
            .text
            .contains("se descuenta un cargo por reposición del 15% del precio pagado"));
        assert!(out.text.contains("7,95 USD"));
    }

    #[test]
    fn unknown_policies_are_errors() {
        let e = Engine::default_store().unwrap();
        let err = disclose(
            &e,
            &DiscloseRequest {
                policy: Some("x".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            ("refund.unknown_policy", "policy")
        );
    }
}
