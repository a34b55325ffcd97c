//! Policies compiled once, when the engine is built: every name checked and turned into an
//! enum or a bit, every amount and percentage parsed, every problem collected with its path.
//! Evaluation then does no parsing and no string matching beyond a line's category and the
//! order's channel.

use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::effects::{Effect, Effects};
use super::policy::{
    BonusBase, DenyReason, Fee, ItemCondition, Payer, Policy, Reason, RefundConfig, RefundDeadline,
    Remedies, Remedy, ReturnShipping, Rule, Standing, Vocabulary, When, Window, WindowStart,
};
use crate::calendar::{Calendar, Zone, ZoneRules};
use crate::error::ConfigError;
use crate::money::{Currency, Money, RoundingStrategy};
use crate::Error;

/// Most distinct categories (and, separately, channels) one policy may name.
const MAX_NAMES: usize = 64;
/// Longest window, in days (ten years).
const MAX_WINDOW_DAYS: i64 = 3660;

/// All compiled refund policies of an engine.
#[derive(Debug, Clone, Default)]
pub struct Policies {
    policies: Vec<CompiledPolicy>,
    default: Option<usize>,
}

impl Policies {
    /// The policy named `name`, or the default one.
    pub(crate) fn get(&self, name: Option<&str>) -> Option<&CompiledPolicy> {
        match name {
            Some(n) => self.policies.iter().find(|p| p.name == n),
            None => self.default.and_then(|i| self.policies.get(i)),
        }
    }

    /// The policy named `name`, or the default one, as a request names it at `path`.
    ///
    /// # Errors
    /// `refund.unknown_policy` when no policy has that name; `refund.no_policy` when the
    /// engine has none (or no default), both at `path`.
    pub(crate) fn resolve(&self, name: Option<&str>, path: &str) -> Result<&CompiledPolicy, Error> {
        self.get(name).ok_or_else(|| {
            let kind = if name.is_some() {
                super::RefundError::UnknownPolicy
            } else {
                super::RefundError::NoPolicy
            };
            Error::new(kind, path)
        })
    }

    /// The policy a request that names none is decided under, with why when the policies
    /// declare the orders they apply to. When none does, the default policy.
    ///
    /// # Errors
    /// `refund.no_policy` without a default; `refund.no_matching_policy` /
    /// `refund.ambiguous_policy` at `order` when no policy, or more than one, applies.
    pub(crate) fn choose(
        &self,
        order: &super::case::Order,
    ) -> Result<(&CompiledPolicy, Option<String>), Error> {
        if self.policies.iter().all(|p| p.applies_to.is_none()) {
            return Ok((self.resolve(None, "policy")?, None));
        }
        let currency =
            Currency::from_code(&order.currency).map_err(|e| Error::new(e, "order.currency"))?;
        let facts = OrderFacts {
            currency,
            channel: &order.channel,
            country: order.delivery_country.as_deref(),
            region: order.store_region.as_deref(),
        };
        let matching: Vec<&CompiledPolicy> =
            self.policies.iter().filter(|p| p.applies(&facts)).collect();
        match matching.as_slice() {
            [only] => {
                let conditions = only.applies_to.as_ref().map_or_else(
                    || "it applies to every order".to_owned(),
                    CAppliesTo::describe,
                );
                let why = format!(
                    "policy {}: the only policy that applies to {} ({conditions})",
                    only.name,
                    facts.describe()
                );
                Ok((only, Some(why)))
            }
            [] => Err(Error::new(
                super::RefundError::NoMatchingPolicy {
                    order: facts.describe(),
                },
                "order",
            )),
            many => {
                let names: Vec<&str> = many.iter().map(|p| p.name.as_str()).collect();
                Err(Error::new(
                    super::RefundError::AmbiguousPolicy {
                        order: facts.describe(),
                        policies: names.join(", "),
                    },
                    "order",
                ))
            }
        }
    }

    /// The policies, in name order.
    pub(crate) fn all(&self) -> &[CompiledPolicy] {
        &self.policies
    }

    /// Whether any policy is configured.
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// The names of the policies, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.policies.iter().map(|p| p.name.as_str())
    }
}

/// One policy, ready to evaluate.
#[derive(Debug, Clone)]
pub struct CompiledPolicy {
    pub(crate) name: String,
    pub(crate) tz: Zone,
    /// `tz`'s changes, decoded once: every evaluation looks up local dates in it.
    pub(crate) tz_rules: Arc<ZoneRules>,
    pub(crate) rounding: RoundingStrategy,
    pub(crate) calendar: Option<Calendar>,
    pub(crate) holidays: Vec<NaiveDate>,
    pub(crate) merchant_fault: u32,
    pub(crate) categories: Vec<String>,
    pub(crate) channels: Vec<String>,
    pub(crate) rules: Vec<CRule>,
    pub(crate) remedies_id: String,
    pub(crate) remedy_order: Vec<Remedy>,
    pub(crate) store_credit_bonus: Option<Decimal>,
    /// A bonus that is not zero as a decision writes it (`10` for 10.00): written once
    /// here rather than on every decision.
    pub(crate) store_credit_bonus_text: Option<String>,
    pub(crate) store_credit_base: BonusBase,
    /// The most store credit may be worth, in percent of what was paid.
    pub(crate) store_credit_cap: Option<Decimal>,
    pub(crate) automation: CAutomation,
    pub(crate) refund_deadline: Option<RefundDeadline>,
    /// The orders the policy applies to; `None`: every order.
    pub(crate) applies_to: Option<CAppliesTo>,
    /// The categories and channels orders may name (an empty list: any).
    pub(crate) known: Vocabulary,
    /// The effects each rule decides somewhere ([`super::check::decided_effects`]),
    /// surveyed at the first disclosure.
    pub(crate) decided: OnceLock<Vec<Effects>>,
}

/// Compiled `applies_to`: an empty list accepts any value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CAppliesTo {
    pub currencies: Vec<Currency>,
    pub channels: Vec<String>,
    pub countries: Vec<String>,
    pub regions: Vec<String>,
}

/// The facts of an order a policy is chosen by.
pub(crate) struct OrderFacts<'a> {
    pub currency: Currency,
    pub channel: &'a str,
    pub country: Option<&'a str>,
    pub region: Option<&'a str>,
}

impl OrderFacts<'_> {
    /// `an order in EUR on channel web`, then where it goes and its store region when known.
    pub(crate) fn describe(&self) -> String {
        let mut text = format!(
            "an order in {} on channel {}",
            self.currency.code(),
            shown(self.channel)
        );
        if let Some(country) = self.country {
            text.push_str(&format!(" delivered to {}", shown(country)));
        }
        if let Some(region) = self.region {
            text.push_str(&format!(" in store region {}", shown(region)));
        }
        text
    }
}

/// A request's name as an error may repeat it: a short code of letters, digits, `_` and
/// `-` with few digits (`web`, `PT`, `sul`), else a placeholder: the field is the client's
/// text and may hold a card number, a CPF or an e-mail address.
fn shown(value: &str) -> &str {
    let code = (1..=32).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && value.bytes().filter(u8::is_ascii_digit).count() <= 4;
    if code {
        value
    } else {
        "(not shown)"
    }
}

/// Whether `value` is accepted by `list` (any value when empty; an absent one by none).
fn accepts(list: &[String], value: Option<&str>) -> bool {
    list.is_empty() || value.is_some_and(|v| list.iter().any(|c| c == v))
}

/// Whether two lists accept a common value (an empty list accepts any).
fn meet<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.is_empty() || b.is_empty() || a.iter().any(|x| b.contains(x))
}

impl CAppliesTo {
    /// Whether an order with these facts is one of these.
    pub(crate) fn holds(&self, order: &OrderFacts<'_>) -> bool {
        (self.currencies.is_empty() || self.currencies.contains(&order.currency))
            && accepts(&self.channels, Some(order.channel))
            && accepts(&self.countries, order.country)
            && accepts(&self.regions, order.region)
    }

    /// Whether some order satisfies both `self` and `other`.
    pub(crate) fn overlaps(&self, other: &CAppliesTo) -> bool {
        meet(&self.currencies, &other.currencies)
            && meet(&self.channels, &other.channels)
            && meet(&self.countries, &other.countries)
            && meet(&self.regions, &other.regions)
    }

    /// The conditions in words, such as `currency EUR; channel any`, then the countries and
    /// regions when it lists them.
    pub(crate) fn describe(&self) -> String {
        let list = |names: Vec<&str>| {
            if names.is_empty() {
                "any".to_owned()
            } else {
                names.join(" or ")
            }
        };
        let mut text = format!(
            "currency {}; channel {}",
            list(self.currencies.iter().map(|c| c.code()).collect()),
            list(self.channels.iter().map(String::as_str).collect())
        );
        if !self.countries.is_empty() {
            text.push_str(&format!("; country {}", self.countries.join(" or ")));
        }
        if !self.regions.is_empty() {
            text.push_str(&format!("; store region {}", self.regions.join(" or ")));
        }
        text
    }
}

impl CompiledPolicy {
    /// Whether the policy applies to an order with these facts.
    pub(crate) fn applies(&self, order: &OrderFacts<'_>) -> bool {
        self.applies_to.as_ref().is_none_or(|a| a.holds(order))
    }

    /// The policy's name in the configuration.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The bit of a category name, 0 when the policy never names it.
    pub(crate) fn category_bit(&self, category: &str) -> u64 {
        bit_of(&self.categories, category)
    }

    /// The bit of a channel name, 0 when the policy never names it.
    pub(crate) fn channel_bit(&self, channel: &str) -> u64 {
        bit_of(&self.channels, channel)
    }
}

fn bit_of(names: &[String], name: &str) -> u64 {
    names
        .iter()
        .position(|n| n == name)
        .map_or(0, |i| 1_u64 << (i % 64))
}

/// A compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct CRule {
    pub id: String,
    pub when: CWhen,
    pub window: Option<CWindow>,
    pub eligibility: Option<Eligibility>,
    pub restocking_fee: Option<CFee>,
    pub return_shipping: Option<CReturnShipping>,
    pub refund_shipping: Option<bool>,
    pub remedies: Option<Vec<Remedy>>,
    pub review: Option<bool>,
}

impl CRule {
    /// The effects the rule sets.
    pub(crate) fn effects(&self) -> Effects {
        let mut set = Effects::default();
        let mut put = |on: bool, effect: Effect| {
            if on {
                set.insert(effect);
            }
        };
        put(self.window.is_some(), Effect::Window);
        put(self.eligibility.is_some(), Effect::Eligibility);
        put(self.restocking_fee.is_some(), Effect::RestockingFee);
        put(self.return_shipping.is_some(), Effect::ReturnShipping);
        put(self.refund_shipping.is_some(), Effect::RefundShipping);
        put(self.remedies.is_some(), Effect::Remedies);
        put(self.review.is_some(), Effect::Review);
        set
    }
}

/// Compiled conditions: sets as bit masks (0 = any).
#[derive(Debug, Clone, Default)]
pub(crate) struct CWhen {
    pub category: u64,
    pub channel: u64,
    pub reason: u32,
    pub condition: u32,
    pub standing: u32,
    pub final_sale: Option<bool>,
    pub digital: Option<bool>,
    pub downloaded: Option<bool>,
    pub min_age: Option<i64>,
    pub max_age: Option<i64>,
    pub value_at_least: Vec<Money>,
    pub value_below: Vec<Money>,
}

/// A compiled window.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CWindow {
    pub days: i64,
    pub from: WindowStart,
    pub roll_forward: bool,
}

/// An eligibility verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Eligibility {
    Allow,
    Deny(DenyReason),
}

/// A compiled fee.
#[derive(Debug, Clone)]
pub(crate) enum CFee {
    Percent(Decimal),
    FixedPerUnit(Vec<Money>),
}

/// Compiled return shipping.
#[derive(Debug, Clone)]
pub(crate) struct CReturnShipping {
    pub payer: Payer,
    pub fee: Vec<Money>,
}

/// Compiled automation.
#[derive(Debug, Clone)]
pub(crate) struct CAutomation {
    pub id: String,
    pub auto_approve_up_to: Vec<Money>,
    pub frequent: Option<(u32, i64)>,
    pub review_risk_flags: bool,
}

/// The amount of a per-currency list in `currency`, if listed.
pub(crate) fn in_currency(list: &[Money], currency: Currency) -> Option<Money> {
    list.iter().copied().find(|m| m.currency() == currency)
}

/// Compiles the `refund` section, pushing every problem found (with its full path) to
/// `problems`. `calendars` are the engine's compiled business calendars.
pub(crate) fn compile(
    config: &RefundConfig,
    calendars: &crate::sort::SortedMap<String, Calendar>,
    problems: &mut Vec<Error>,
) -> Policies {
    let mut policies = Vec::new();
    check_names(
        &config.vocabulary.categories,
        "refund.vocabulary.categories",
        problems,
    );
    check_names(
        &config.vocabulary.channels,
        "refund.vocabulary.channels",
        problems,
    );
    for (name, policy) in &config.policies {
        let path = format!("refund.policies.{name}");
        if name.trim().is_empty() {
            problems.push(invalid("expected a non-empty policy name", &path));
        }
        let mut compiled = compile_policy(name, policy, &path, &config.vocabulary, problems);
        if let Some(calendar) = &policy.calendar {
            compiled.calendar = calendars.get(calendar).cloned();
            match &compiled.calendar {
                None => problems.push(invalid(
                    "expected the name of a calendar under `calendars`",
                    &format!("{path}.calendar"),
                )),
                Some(c) if !c.has_open_hours() && rolls_forward(policy) => {
                    let at = format!("calendars.{calendar}.hours");
                    if !problems.iter().any(|p| p.path() == at) {
                        problems.push(Error::new(crate::calendar::CalendarError::NoOpenHours, at));
                    }
                }
                Some(_) => {}
            }
        }
        policies.push(compiled);
    }
    let default = match &config.default_policy {
        Some(d) => {
            let found = policies.iter().position(|p| &p.name == d);
            if found.is_none() {
                problems.push(invalid(
                    "expected the name of a policy under `refund.policies`",
                    "refund.default_policy",
                ));
            }
            found
        }
        None if policies.len() == 1 => Some(0),
        None if policies.is_empty() => None,
        None => {
            problems.push(invalid(
                "expected a default policy: there is more than one",
                "refund.default_policy",
            ));
            None
        }
    };
    Policies { policies, default }
}

/// A problem for each declared name that is empty or listed twice.
fn check_names(list: &[String], at: &str, problems: &mut Vec<Error>) {
    for (i, name) in list.iter().enumerate() {
        if name.trim().is_empty() {
            problems.push(invalid("expected a non-empty name", &format!("{at}[{i}]")));
        } else if list.iter().take(i).any(|n| n == name) {
            problems.push(invalid("the name is listed twice", &format!("{at}[{i}]")));
        }
    }
}

/// The categories and channels `policy` may name: each list its own when it declares one,
/// else the store's; every declared name checked (non-empty, listed once).
fn known_names(
    policy: &Policy,
    path: &str,
    store: &Vocabulary,
    problems: &mut Vec<Error>,
) -> Vocabulary {
    let own = &policy.vocabulary;
    check_names(
        &own.categories,
        &format!("{path}.vocabulary.categories"),
        problems,
    );
    check_names(
        &own.channels,
        &format!("{path}.vocabulary.channels"),
        problems,
    );
    let mut labels = store.labels.clone();
    labels.extend(own.labels.iter().map(|(k, v)| (k.clone(), v.clone())));
    let known = Vocabulary {
        categories: own_or_store(&own.categories, &store.categories),
        channels: own_or_store(&own.channels, &store.channels),
        payment_methods: own_or_store(&own.payment_methods, &store.payment_methods),
        labels,
    };
    for name in own.labels.keys() {
        label_named(&known, name, &format!("{path}.vocabulary.labels"), problems);
    }
    known
}

/// A policy's own list when it declares one, else the store's.
fn own_or_store<T: Clone>(own: &[T], store: &[T]) -> Vec<T> {
    if own.is_empty() { store } else { own }.to_vec()
}

/// A problem when `known` declares its categories or channels and the label `name` is for
/// neither, with the nearest name.
fn label_named(known: &Vocabulary, name: &str, at: &str, problems: &mut Vec<Error>) {
    if known.categories.is_empty() && known.channels.is_empty() {
        return;
    }
    if known
        .categories
        .iter()
        .chain(&known.channels)
        .any(|n| n == name)
    {
        return;
    }
    let names: Vec<&str> = known
        .categories
        .iter()
        .chain(&known.channels)
        .map(String::as_str)
        .collect();
    let detail = match crate::names::nearest(name, &names) {
        Some(near) => {
            format!("a label for no declared category or channel; did you mean `{near}`?")
        }
        None => "a label for no declared category or channel".to_owned(),
    };
    problems.push(invalid(&detail, &format!("{at}.{name}")));
}

/// Whether a window or the refund deadline of `policy` rolls a last day forward to a
/// working day of its calendar: on a calendar that never opens, no day is one.
fn rolls_forward(policy: &Policy) -> bool {
    policy
        .rules
        .iter()
        .any(|r| r.window.as_ref().is_some_and(|w| w.roll_forward))
        || policy
            .refund_deadline
            .as_ref()
            .is_some_and(|d| d.roll_forward)
}

fn invalid(detail: &str, path: &str) -> Error {
    Error::new(ConfigError::invalid(detail), path)
}

struct Ctx<'a> {
    problems: &'a mut Vec<Error>,
    categories: Vec<String>,
    channels: Vec<String>,
    /// The declared categories and channels (empty: open), which every name must be one of.
    known: &'a Vocabulary,
}

impl Ctx<'_> {
    fn push(&mut self, detail: impl Into<String>, path: String) {
        self.problems
            .push(Error::new(ConfigError::invalid(detail.into()), path));
    }

    fn names<T: Copy>(
        &mut self,
        list: &[String],
        path: &str,
        parse: fn(&str) -> Option<T>,
        expected: &str,
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(list.len());
        for (i, name) in list.iter().enumerate() {
            match parse(name) {
                Some(v) => out.push(v),
                None => self.push(
                    format!("expected one of {expected}"),
                    format!("{path}[{i}]"),
                ),
            }
        }
        out
    }

    fn mask<T: Copy>(
        &mut self,
        list: &[String],
        path: &str,
        parse: fn(&str) -> Option<T>,
        expected: &str,
        bit: fn(T) -> u32,
    ) -> u32 {
        self.names(list, path, parse, expected)
            .into_iter()
            .fold(0, |m, v| m | bit(v))
    }

    fn intern(&mut self, list: &[String], path: &str, channels: bool) -> u64 {
        let mut mask = 0_u64;
        for (i, name) in list.iter().enumerate() {
            if name.trim().is_empty() {
                self.push("expected a non-empty name", format!("{path}[{i}]"));
                continue;
            }
            self.known_name(name, channels, format!("{path}[{i}]"));
            let table = if channels {
                &mut self.channels
            } else {
                &mut self.categories
            };
            let index = match table.iter().position(|n| n == name) {
                Some(at) => at,
                None if table.len() < MAX_NAMES => {
                    table.push(name.clone());
                    table.len() - 1
                }
                None => {
                    self.push(
                        format!("expected at most {MAX_NAMES} distinct names per policy"),
                        format!("{path}[{i}]"),
                    );
                    continue;
                }
            };
            mask |= 1_u64 << index;
        }
        mask
    }

    /// A problem at `path` when the vocabulary declares its categories (or `channels`) and
    /// `name` is not one of them, with the declared name it most likely meant.
    fn known_name(&mut self, name: &str, channels: bool, path: String) {
        let (declared, what, list) = if channels {
            (&self.known.channels, "channel", "channels")
        } else {
            (&self.known.categories, "category", "categories")
        };
        if declared.is_empty() || declared.iter().any(|d| d == name) {
            return;
        }
        let names: Vec<&str> = declared.iter().map(String::as_str).collect();
        let detail = match crate::names::nearest(name, &names) {
            Some(near) => format!(
                "unknown {what} `{name}`; did you mean `{near}`? The vocabulary's {list}: {}",
                names.join(", ")
            ),
            None => format!(
                "unknown {what} `{name}`; the vocabulary's {list}: {}",
                names.join(", ")
            ),
        };
        self.push(detail, path);
    }

    fn percent(&mut self, text: &str, path: String, max: Decimal) -> Option<Decimal> {
        match crate::money::parse_decimal(text) {
            Ok(p) if !p.is_sign_negative() && p <= max => Some(p),
            _ => {
                self.push(
                    format!("expected a percentage as a decimal string from \"0\" to \"{max}\""),
                    path,
                );
                None
            }
        }
    }

    fn per_currency(&mut self, list: &[Money], path: &str, allow_zero: bool) {
        for (i, m) in list.iter().enumerate() {
            if m.is_negative() || (!allow_zero && m.is_zero()) {
                self.push(
                    if allow_zero {
                        "expected an amount of zero or more"
                    } else {
                        "expected a positive amount"
                    },
                    format!("{path}[{i}]"),
                );
            }
            if list
                .iter()
                .take(i)
                .any(|other| other.currency() == m.currency())
            {
                self.push(
                    "expected at most one amount per currency",
                    format!("{path}[{i}]"),
                );
            }
        }
    }
}

/// Compiles one policy, step by step: its title, time zone and holidays, the reasons
/// that are the merchant's fault, its rules, its remedies and its automation.
fn compile_policy(
    name: &str,
    policy: &Policy,
    path: &str,
    store: &Vocabulary,
    problems: &mut Vec<Error>,
) -> CompiledPolicy {
    let known = known_names(policy, path, store, problems);
    let mut ctx = Ctx {
        problems,
        categories: Vec::new(),
        channels: Vec::new(),
        known: &known,
    };
    if policy.title.trim().is_empty() {
        ctx.push("expected a non-empty title", format!("{path}.title"));
    }
    let tz = compile_zone(&policy.time_zone, path, &mut ctx);
    let holidays = compile_holidays(&policy.holidays, path, &mut ctx);
    let merchant_fault = ctx.mask(
        &policy.merchant_fault_reasons,
        &format!("{path}.merchant_fault_reasons"),
        Reason::from_name,
        &Reason::names(),
        Reason::bit,
    );
    let rules = compile_rules(&policy.rules, path, &mut ctx);
    let (remedy_order, store_credit_bonus) = compile_remedies(&policy.remedies, path, &mut ctx);
    let store_credit_cap = policy
        .remedies
        .store_credit_cap_percent
        .as_ref()
        .and_then(|p| {
            ctx.percent(
                p,
                format!("{path}.remedies.store_credit_cap_percent"),
                Decimal::from(1000),
            )
        });
    let automation = compile_automation(name, policy, path, &mut ctx);
    if let Some(d) = &policy.refund_deadline {
        check_id(&d.id, &format!("{path}.refund_deadline.id"), &mut ctx);
    }
    let applies_to = policy
        .applies_to
        .as_ref()
        .map(|a| compile_applies_to(a, path, &mut ctx));
    let Ctx {
        categories,
        channels,
        ..
    } = ctx;
    CompiledPolicy {
        name: name.to_owned(),
        tz_rules: Arc::new(ZoneRules::of(tz)),
        tz,
        rounding: policy.rounding,
        calendar: None,
        holidays,
        merchant_fault,
        categories,
        channels,
        rules,
        remedies_id: section_id(name, "remedies", policy.remedies.id.as_ref()),
        remedy_order,
        store_credit_bonus_text: store_credit_bonus
            .filter(|b| !b.is_zero())
            .map(|b| b.normalize().to_string()),
        store_credit_bonus,
        store_credit_base: policy.remedies.store_credit_bonus_base,
        store_credit_cap,
        automation,
        refund_deadline: policy.refund_deadline.clone(),
        applies_to,
        known,
        decided: OnceLock::new(),
    }
}

fn compile_applies_to(a: &super::policy::AppliesTo, path: &str, ctx: &mut Ctx<'_>) -> CAppliesTo {
    let mut currencies = Vec::new();
    for (i, code) in a.currencies.iter().enumerate() {
        match Currency::from_code(code) {
            Ok(c) => currencies.push(c),
            Err(_) => ctx.push(
                "expected an ISO 4217 currency code",
                format!("{path}.applies_to.currencies[{i}]"),
            ),
        }
    }
    for (i, channel) in a.channels.iter().enumerate() {
        let at = format!("{path}.applies_to.channels[{i}]");
        if channel.trim().is_empty() {
            ctx.push("expected a non-empty channel name", at);
        } else {
            ctx.known_name(channel, true, at);
        }
    }
    for (i, country) in a.countries.iter().enumerate() {
        let alpha2 = country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase());
        if !alpha2 {
            ctx.push(
                "expected an ISO 3166-1 alpha-2 country code such as \"PT\"",
                format!("{path}.applies_to.countries[{i}]"),
            );
        }
    }
    for (i, region) in a.regions.iter().enumerate() {
        if region.trim().is_empty() {
            ctx.push(
                "expected a non-empty region name",
                format!("{path}.applies_to.regions[{i}]"),
            );
        }
    }
    CAppliesTo {
        currencies,
        channels: a.channels.clone(),
        countries: a.countries.clone(),
        regions: a.regions.clone(),
    }
}

/// The policy's time zone; UTC (and a problem) when it is not an IANA name.
fn compile_zone(name: &str, path: &str, ctx: &mut Ctx<'_>) -> Zone {
    match name.parse::<Zone>() {
        Ok(tz) => tz,
        Err(_) => {
            ctx.push(
                "expected an IANA time zone such as \"America/Sao_Paulo\"",
                format!("{path}.time_zone"),
            );
            Zone::utc()
        }
    }
}

/// The policy's holidays, sorted and without repeats.
fn compile_holidays(list: &[String], path: &str, ctx: &mut Ctx<'_>) -> Vec<NaiveDate> {
    let mut holidays = Vec::new();
    for (i, h) in list.iter().enumerate() {
        match crate::calendar::parse_date(h) {
            Some(d) => holidays.push(d),
            None => ctx.push(
                "expected a date as YYYY-MM-DD",
                format!("{path}.holidays[{i}]"),
            ),
        }
    }
    crate::sort::sort(&mut holidays);
    holidays.dedup();
    holidays
}

/// The policy's rules, at least one, each with its own id.
fn compile_rules(list: &[Rule], path: &str, ctx: &mut Ctx<'_>) -> Vec<CRule> {
    if list.is_empty() {
        ctx.push("expected at least one rule", format!("{path}.rules"));
    }
    let mut rules = Vec::with_capacity(list.len());
    for (i, rule) in list.iter().enumerate() {
        let rule_path = format!("{path}.rules[{i}]");
        if list.iter().take(i).any(|r| r.id == rule.id) {
            ctx.push("expected a unique rule id", format!("{rule_path}.id"));
        }
        rules.push(compile_rule(rule, &rule_path, ctx));
    }
    rules
}

/// The policy's remedies: their id checked, their order, and the store-credit bonus.
fn compile_remedies(
    remedies: &Remedies,
    path: &str,
    ctx: &mut Ctx<'_>,
) -> (Vec<Remedy>, Option<Decimal>) {
    let remedies_path = format!("{path}.remedies");
    if let Some(id) = &remedies.id {
        check_id(id, &format!("{remedies_path}.id"), ctx);
    }
    let order = remedy_list(&remedies.order, &format!("{remedies_path}.order"), ctx);
    let bonus = remedies.store_credit_bonus_percent.as_ref().and_then(|p| {
        ctx.percent(
            p,
            format!("{remedies_path}.store_credit_bonus_percent"),
            Decimal::from(50),
        )
    });
    (order, bonus)
}

fn check_id(id: &str, path: &str, ctx: &mut Ctx<'_>) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b':'));
    if !ok {
        ctx.push(
            "expected an id of 1 to 64 letters, digits, `.`, `_`, `-` or `:`",
            path.to_owned(),
        );
    }
}

fn remedy_list(list: &[String], path: &str, ctx: &mut Ctx<'_>) -> Vec<Remedy> {
    if list.is_empty() {
        ctx.push("expected at least one remedy", path.to_owned());
    }
    let remedies = ctx.names(list, path, Remedy::from_name, &Remedy::names());
    for (i, repeated) in crate::sort::repeated(list).into_iter().enumerate() {
        if repeated {
            ctx.push("expected each remedy once", format!("{path}[{i}]"));
        }
    }
    let mut unique: Vec<Remedy> = Vec::with_capacity(remedies.len());
    for r in remedies {
        if !unique.contains(&r) {
            unique.push(r);
        }
    }
    unique
}

/// Compiles one rule: its id, its conditions, then each effect it sets (at least one).
fn compile_rule(rule: &Rule, path: &str, ctx: &mut Ctx<'_>) -> CRule {
    check_id(&rule.id, &format!("{path}.id"), ctx);
    let when = compile_when(&rule.when, &format!("{path}.when"), ctx);
    let window = rule
        .window
        .as_ref()
        .map(|w| compile_window(w, &format!("{path}.window"), ctx));
    let eligibility = compile_eligibility(rule, path, ctx);
    let restocking_fee = rule
        .restocking_fee
        .as_ref()
        .and_then(|f| compile_fee(f, &format!("{path}.restocking_fee"), ctx));
    let return_shipping = rule
        .return_shipping
        .as_ref()
        .map(|r| compile_return_shipping(r, &format!("{path}.return_shipping"), ctx));
    let remedies = rule
        .remedies
        .as_ref()
        .map(|list| remedy_list(list, &format!("{path}.remedies"), ctx));
    check_has_effect(rule, path, ctx);
    CRule {
        id: rule.id.clone(),
        when,
        window,
        eligibility,
        restocking_fee,
        return_shipping,
        refund_shipping: rule.refund_shipping,
        remedies,
        review: rule.review,
    }
}

/// A return window: its days within bounds, measured from purchase or delivery.
fn compile_window(w: &Window, path: &str, ctx: &mut Ctx<'_>) -> CWindow {
    if w.days < 1 || w.days > MAX_WINDOW_DAYS {
        ctx.push(
            format!("expected a positive integer of at most {MAX_WINDOW_DAYS}"),
            format!("{path}.days"),
        );
    }
    let from = WindowStart::from_name(&w.from).unwrap_or_else(|| {
        ctx.push(
            format!("expected one of {}", WindowStart::names()),
            format!("{path}.from"),
        );
        WindowStart::Delivery
    });
    CWindow {
        days: w.days.clamp(1, MAX_WINDOW_DAYS),
        from,
        roll_forward: w.roll_forward,
    }
}

/// Whether a rule allows or refuses the item: `allow = true` or `deny = "reason"`,
/// never both.
fn compile_eligibility(rule: &Rule, path: &str, ctx: &mut Ctx<'_>) -> Option<Eligibility> {
    let deny = rule.deny.as_ref().and_then(|d| {
        let parsed = DenyReason::from_name(d);
        if parsed.is_none() {
            ctx.push(
                format!("expected one of {}", DenyReason::names()),
                format!("{path}.deny"),
            );
        }
        parsed
    });
    match (rule.allow, deny) {
        (Some(true), Some(_)) => {
            ctx.push(
                "expected either `allow` or `deny`, not both",
                format!("{path}.deny"),
            );
            None
        }
        (Some(false), _) => {
            ctx.push(
                "expected `allow = true`; refuse with `deny = \"...\"`",
                format!("{path}.allow"),
            );
            None
        }
        (Some(true), None) => Some(Eligibility::Allow),
        (None, Some(d)) => Some(Eligibility::Deny(d)),
        (None, None) => None,
    }
}

/// Who pays the return shipping, and its fee (none when the merchant pays).
fn compile_return_shipping(r: &ReturnShipping, path: &str, ctx: &mut Ctx<'_>) -> CReturnShipping {
    let payer = Payer::from_name(&r.payer).unwrap_or_else(|| {
        ctx.push(
            format!("expected one of {}", Payer::names()),
            format!("{path}.payer"),
        );
        Payer::Merchant
    });
    ctx.per_currency(&r.fee, &format!("{path}.fee"), true);
    if payer == Payer::Merchant && !r.fee.is_empty() {
        ctx.push(
            "expected no fee when the merchant pays",
            format!("{path}.fee"),
        );
    }
    CReturnShipping {
        payer,
        fee: r.fee.clone(),
    }
}

/// A rule must set at least one effect.
fn check_has_effect(rule: &Rule, path: &str, ctx: &mut Ctx<'_>) {
    let has_effect = rule.window.is_some()
        || rule.allow.is_some()
        || rule.deny.is_some()
        || rule.restocking_fee.is_some()
        || rule.return_shipping.is_some()
        || rule.refund_shipping.is_some()
        || rule.remedies.is_some()
        || rule.review.is_some();
    if !has_effect {
        ctx.push(
            "expected at least one effect: window, allow, deny, restocking_fee, return_shipping, refund_shipping, remedies or review",
            path.to_owned(),
        );
    }
}

fn compile_fee(fee: &Fee, path: &str, ctx: &mut Ctx<'_>) -> Option<CFee> {
    match (&fee.percent, fee.fixed.is_empty()) {
        (Some(p), true) => ctx
            .percent(p, format!("{path}.percent"), Decimal::ONE_HUNDRED)
            .map(CFee::Percent),
        (None, false) => {
            ctx.per_currency(&fee.fixed, &format!("{path}.fixed"), true);
            Some(CFee::FixedPerUnit(fee.fixed.clone()))
        }
        _ => {
            ctx.push(
                "expected exactly one of `percent` and `fixed`",
                path.to_owned(),
            );
            None
        }
    }
}

fn compile_when(when: &When, path: &str, ctx: &mut Ctx<'_>) -> CWhen {
    let age = |v: Option<i64>, field: &str, ctx: &mut Ctx<'_>| {
        if v.is_some_and(|d| !(0..=MAX_WINDOW_DAYS).contains(&d)) {
            ctx.push(
                format!("expected a whole number of days from 0 to {MAX_WINDOW_DAYS}"),
                format!("{path}.{field}"),
            );
        }
        v
    };
    let min_age = age(when.min_order_age_days, "min_order_age_days", ctx);
    let max_age = age(when.max_order_age_days, "max_order_age_days", ctx);
    if let (Some(a), Some(b)) = (min_age, max_age) {
        if a > b {
            ctx.push(
                "expected a minimum age no greater than the maximum",
                format!("{path}.min_order_age_days"),
            );
        }
    }
    ctx.per_currency(
        &when.order_value_at_least,
        &format!("{path}.order_value_at_least"),
        true,
    );
    ctx.per_currency(
        &when.order_value_below,
        &format!("{path}.order_value_below"),
        false,
    );
    CWhen {
        category: ctx.intern(&when.category, &format!("{path}.category"), false),
        channel: ctx.intern(&when.channel, &format!("{path}.channel"), true),
        reason: ctx.mask(
            &when.reason,
            &format!("{path}.reason"),
            Reason::from_name,
            &Reason::names(),
            Reason::bit,
        ),
        condition: ctx.mask(
            &when.condition,
            &format!("{path}.condition"),
            ItemCondition::from_name,
            &ItemCondition::names(),
            ItemCondition::bit,
        ),
        standing: ctx.mask(
            &when.standing,
            &format!("{path}.standing"),
            Standing::from_name,
            &Standing::names(),
            Standing::bit,
        ),
        final_sale: when.final_sale,
        digital: when.digital,
        downloaded: when.downloaded,
        min_age,
        max_age,
        value_at_least: when.order_value_at_least.clone(),
        value_below: when.order_value_below.clone(),
    }
}

/// The id reasons about a policy's `section` cite: the one written, or
/// `<policy>.defaults.<section>` when the policy leaves the section (or its id) to the
/// defaults, so that a reason never cites an id the configuration does not show.
fn section_id(name: &str, section: &str, written: Option<&String>) -> String {
    written.map_or_else(|| format!("{name}.defaults.{section}"), Clone::clone)
}

fn compile_automation(name: &str, policy: &Policy, path: &str, ctx: &mut Ctx<'_>) -> CAutomation {
    let a = &policy.automation;
    let apath = format!("{path}.automation");
    if let Some(id) = &a.id {
        check_id(id, &format!("{apath}.id"), ctx);
    }
    ctx.per_currency(
        &a.auto_approve_up_to,
        &format!("{apath}.auto_approve_up_to"),
        true,
    );
    let frequent = a.frequent_refunds.as_ref().and_then(|f| {
        let count = u32::try_from(f.count).ok().filter(|c| *c >= 1);
        if count.is_none() {
            ctx.push(
                "expected a positive integer",
                format!("{apath}.frequent_refunds.count"),
            );
        }
        if !(1..=MAX_WINDOW_DAYS).contains(&f.within_days) {
            ctx.push(
                format!("expected a positive integer of at most {MAX_WINDOW_DAYS}"),
                format!("{apath}.frequent_refunds.within_days"),
            );
        }
        count.map(|c| (c, f.within_days))
    });
    CAutomation {
        id: section_id(name, "automation", a.id.as_ref()),
        auto_approve_up_to: a.auto_approve_up_to.clone(),
        frequent,
        review_risk_flags: a.review_risk_flags,
    }
}

#[cfg(test)]
mod tests {
    use crate::Engine;

    /// A policy with a problem in nearly every field.
    const BAD_POLICY: &str = r#"
[store]
name = "Test"
[refund]
default_policy = "missing"
[refund.policies.us_store]
title = ""
time_zone = "Mars/Olympus"
calendar = "nowhere"
holidays = ["2026-02-30"]
merchant_fault_reasons = ["defective", "bad_luck"]
[[refund.policies.us_store.rules]]
id = "a"
when = { reason = ["changed_mind", "boredom"], condition = ["pristine"], category = [""] }
window = { days = 30, from = "delivery" }
[[refund.policies.us_store.rules]]
id = "a"
deny = "because"
allow = true
[[refund.policies.us_store.rules]]
id = "bad id!"
when = { min_order_age_days = 10, max_order_age_days = 5 }
restocking_fee = { percent = "150" }
[[refund.policies.us_store.rules]]
id = "d"
window = { days = 0, from = "arrival" }
return_shipping = { payer = "nobody", fee = [{ amount = "1.00", currency = "USD" }, { amount = "2.00", currency = "USD" }] }
[[refund.policies.us_store.rules]]
id = "e"
[refund.policies.us_store.remedies]
order = ["refund", "cash", "refund"]
store_credit_bonus_percent = "-5"
[refund.policies.us_store.automation]
frequent_refunds = { count = 0, within_days = 0 }
auto_approve_up_to = [{ amount = "-1.00", currency = "USD" }]
"#;

    #[test]
    fn a_bad_policy_gets_every_problem_reported_with_its_path() {
        let problems = Engine::check(BAD_POLICY);
        let found: Vec<(&str, &str)> = problems.iter().map(|e| (e.code(), e.path())).collect();
        let p = "refund.policies.us_store";
        let expected = [
            format!("{p}.title"),
            format!("{p}.time_zone"),
            format!("{p}.holidays[0]"),
            format!("{p}.merchant_fault_reasons[1]"),
            format!("{p}.rules[0].when.reason[1]"),
            format!("{p}.rules[0].when.condition[0]"),
            format!("{p}.rules[0].when.category[0]"),
            format!("{p}.rules[1].id"),
            format!("{p}.rules[1].deny"),
            format!("{p}.rules[2].id"),
            format!("{p}.rules[2].when.min_order_age_days"),
            format!("{p}.rules[2].restocking_fee.percent"),
            format!("{p}.rules[3].window.days"),
            format!("{p}.rules[3].window.from"),
            format!("{p}.rules[3].return_shipping.payer"),
            format!("{p}.rules[3].return_shipping.fee[1]"),
            format!("{p}.rules[4]"),
            format!("{p}.remedies.order[1]"),
            format!("{p}.remedies.order[2]"),
            format!("{p}.remedies.store_credit_bonus_percent"),
            format!("{p}.automation.auto_approve_up_to[0]"),
            format!("{p}.automation.frequent_refunds.count"),
            format!("{p}.automation.frequent_refunds.within_days"),
            format!("{p}.calendar"),
            "refund.default_policy".to_owned(),
        ];
        for path in &expected {
            assert!(
                found.iter().any(|(_, p)| p == path),
                "no problem reported at {path}; got {found:#?}"
            );
        }
        assert!(found.iter().all(|(code, _)| *code == "config.invalid"));
        let days = problems
            .iter()
            .find(|e| e.path() == format!("{p}.rules[3].window.days"))
            .map(crate::Error::message);
        assert_eq!(
            days.as_deref(),
            Some("expected a positive integer of at most 3660")
        );
    }

    #[test]
    fn a_single_policy_is_the_default_and_several_need_one() {
        let one = "[store]\nname = \"x\"\n[refund.policies.only]\ntitle = \"t\"\ntime_zone = \"UTC\"\n[[refund.policies.only.rules]]\nid = \"w\"\nwindow = { days = 7 }\n";
        let engine = Engine::from_toml(one).unwrap();
        assert_eq!(
            engine.refund_policies().get(None).map(|p| p.name()),
            Some("only")
        );
        let two = format!("{one}[refund.policies.other]\ntitle = \"t\"\ntime_zone = \"UTC\"\n[[refund.policies.other.rules]]\nid = \"w\"\nwindow = {{ days = 7 }}\n");
        let e = Engine::from_toml(&two).unwrap_err();
        assert_eq!(e.path(), "refund.default_policy");
    }

    fn order(currency: &str, channel: &str) -> super::super::case::Order {
        let text = format!(
            r#"{{"currency": "{currency}", "channel": "{channel}", "purchased_at": "2026-03-01T10:00:00Z", "lines": [], "payments": []}}"#
        );
        serde_json::from_str(&text).unwrap()
    }

    fn markets(applies: [&str; 2]) -> Engine {
        let policy = |name: &str, applies: &str| {
            format!("[refund.policies.{name}]\ntitle = \"t\"\ntime_zone = \"UTC\"\n{applies}\n[[refund.policies.{name}.rules]]\nid = \"w\"\nwindow = {{ days = 7 }}\n")
        };
        let text = format!(
            "[store]\nname = \"t\"\n[refund]\ndefault_policy = \"a\"\n{}{}",
            policy("a", applies[0]),
            policy("b", applies[1])
        );
        Engine::from_toml(&text).unwrap()
    }

    #[test]
    fn without_conditions_the_default_policy_decides() {
        let e = markets(["", ""]);
        let policies = e.refund_policies();
        let (chosen, why) = policies.choose(&order("EUR", "web")).unwrap();
        assert_eq!((chosen.name(), why), ("a", None));
    }

    #[test]
    fn the_one_policy_whose_conditions_hold_decides() {
        let e = markets([
            "applies_to = { currencies = [\"BRL\"] }",
            "applies_to = { currencies = [\"EUR\"] }",
        ]);
        let policies = e.refund_policies();
        let (chosen, why) = policies.choose(&order("EUR", "web")).unwrap();
        assert_eq!(chosen.name(), "b");
        assert!(why.unwrap().contains("currency EUR; channel any"));
        let none = policies.choose(&order("USD", "web")).unwrap_err();
        assert_eq!(
            (none.code(), none.path()),
            ("refund.no_matching_policy", "order")
        );
        assert!(none.message().contains("USD on channel web"));
    }

    #[test]
    fn overlapping_conditions_are_an_ambiguity_naming_the_facts() {
        let e = markets([
            "applies_to = { currencies = [\"EUR\"] }",
            "applies_to = { channels = [\"app\"] }",
        ]);
        let policies = e.refund_policies();
        let err = policies.choose(&order("EUR", "app")).unwrap_err();
        assert_eq!(err.code(), "refund.ambiguous_policy");
        assert!(err.message().contains("(a, b)") && err.message().contains("EUR on channel app"));
        assert_eq!(policies.choose(&order("EUR", "web")).unwrap().0.name(), "a");
    }

    #[test]
    fn a_bad_currency_condition_is_reported_with_its_path() {
        let e = Engine::from_toml(
            "[store]\nname = \"t\"\n[refund.policies.p]\ntitle = \"t\"\ntime_zone = \"UTC\"\napplies_to = { currencies = [\"EURO\"] }\n[[refund.policies.p.rules]]\nid = \"w\"\nwindow = { days = 7 }\n",
        )
        .unwrap_err();
        assert_eq!(e.path(), "refund.policies.p.applies_to.currencies[0]");
    }

    #[test]
    fn a_calendar_that_never_opens_under_roll_forward_is_reported_at_its_hours() {
        let text = |roll: bool| {
            format!("[store]\nname = \"t\"\n[calendars.closed]\ntime_zone = \"UTC\"\nhours = {{}}\n[refund.policies.p]\ntitle = \"t\"\ntime_zone = \"UTC\"\ncalendar = \"closed\"\n[[refund.policies.p.rules]]\nid = \"w\"\nwindow = {{ days = 7, roll_forward = {roll} }}\n")
        };
        let e = Engine::from_toml(&text(true)).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("calendar.no_open_hours", "calendars.closed.hours")
        );
        assert!(Engine::from_toml(&text(false)).is_ok());
    }
}
