//! The refund policy as a merchant writes it: serde data, not code.
//!
//! A policy is one decision table. Each rule has an `id`, conditions (`when`) and effects
//! (a return window, an eligibility verdict, a restocking fee, who pays return shipping,
//! whether original shipping is refunded, the remedies offered, a manual-review flag).
//!
//! Hit policy: **first match per effect**. Rules are read top to bottom; for each effect,
//! the first rule whose conditions all hold and that sets that effect decides it. Put the
//! specific rules first and the catch-all last. Every reason in a decision cites the id of
//! the rule that produced it.
//!
//! Names (reasons, conditions, remedies...) are plain strings here and are checked when the
//! engine is built, so that a bad policy gets every problem reported with its path rather
//! than only the first.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::comms::Locale;
use crate::money::{Money, RoundingStrategy};

/// The `refund` section of the engine configuration: named policies and the default one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundConfig {
    /// The policy used when a request names none. Required when there is more than one
    /// policy; with exactly one, that one is the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_policy: Option<String>,
    /// The policies by name (`refund.policies.us_store`).
    #[serde(default)]
    pub policies: BTreeMap<String, Policy>,
    /// The store's product categories and sales channels, for every policy that declares
    /// none of its own (see [`Vocabulary`]).
    #[serde(default, skip_serializing_if = "Vocabulary::is_empty")]
    pub vocabulary: Vocabulary,
}

/// The product categories and sales channels a policy's rules and the orders decided under
/// it may name, the payment methods the store accepts, and what customers read for each.
/// A list of categories or channels declared is closed: a rule naming one outside it is a
/// configuration problem with the nearest name (`electronix`: did you mean
/// `electronics`?), and an order naming one is a request error. An empty list leaves its
/// names open, as before any vocabulary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// The product categories, such as `["apparel", "electronics", "food"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// The sales channels, such as `["web", "app", "store"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// The payment methods the store accepts: `refund.disclose` tells customers how the
    /// money comes back for these only (a US store says nothing of Pix). An order paid
    /// otherwise (a manual invoice) is still decided: the list is what customers are told.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payment_methods: Vec<PaymentMethod>,
    /// What customers read for a category or channel, per language
    /// (`labels.electronics = { en = "electronics", es = "electrónica" }`); the name itself
    /// where a language has none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, BTreeMap<Locale, String>>,
}

impl Vocabulary {
    /// Whether nothing is declared.
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty()
            && self.channels.is_empty()
            && self.payment_methods.is_empty()
            && self.labels.is_empty()
    }

    /// What a customer reading `locale` is shown for the category or channel `name`.
    pub fn label<'a>(&'a self, name: &'a str, locale: Locale) -> &'a str {
        self.labels
            .get(name)
            .and_then(|l| l.get(&locale))
            .map_or(name, String::as_str)
    }
}

/// How a payment was made.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// A credit or debit card.
    Card,
    /// Pix (Brazil).
    Pix,
    /// Boleto bancário (Brazil).
    Boleto,
    /// A wallet (PayPal, Apple Pay, Google Pay) over a funding source.
    Wallet,
    /// A gift card of the store.
    GiftCard,
    /// Store credit.
    StoreCredit,
    /// A bank transfer.
    BankTransfer,
}

/// One refund and returns policy.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// A title for people, such as "EU 14-day right of withdrawal".
    pub title: String,
    /// The title in other languages (`titles.es = "Devoluciones en 30 días"`); `title`
    /// where a language has none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titles: BTreeMap<Locale, String>,
    /// The law the policy implements, if any (cited in its text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_basis: Option<String>,
    /// The IANA time zone whose calendar days windows count, such as `America/Sao_Paulo`.
    pub time_zone: String,
    /// Rounding of percentage fees and store-credit bonuses.
    #[serde(default)]
    pub rounding: RoundingStrategy,
    /// The business calendar (a name under `calendars`) whose working days a deadline
    /// rolls forward to when a window says `roll_forward`. Without it, Saturdays, Sundays
    /// and `holidays` are the days a deadline rolls past.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Public holidays (`YYYY-MM-DD`) a deadline rolls past when a window says
    /// `roll_forward`, on top of the calendar's (or of Saturdays and Sundays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
    /// Reasons for which the merchant is at fault: no restocking fee and no return
    /// shipping fee is ever charged for them.
    #[serde(default = "default_merchant_fault_reasons")]
    pub merchant_fault_reasons: Vec<String>,
    /// The decision table, read top to bottom.
    pub rules: Vec<Rule>,
    /// The remedies offered and their order of preference.
    #[serde(default)]
    pub remedies: Remedies,
    /// When a decision is taken automatically and when a person reviews it.
    #[serde(default)]
    pub automation: Automation,
    /// By when the merchant must send a refund, as the law the policy follows sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_deadline: Option<RefundDeadline>,
    /// The orders the policy applies to, by which a request that names no policy is
    /// decided under it. Without it the policy applies to every order; when no policy of
    /// the engine declares conditions, such a request uses `default_policy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<AppliesTo>,
    /// The categories and channels this policy names, when they differ from the store's
    /// (`refund.vocabulary`); each list declared here replaces the store's.
    #[serde(default, skip_serializing_if = "Vocabulary::is_empty")]
    pub vocabulary: Vocabulary,
}

/// The orders a policy applies to: every listed condition must hold, and an empty list
/// accepts any value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AppliesTo {
    /// The ISO 4217 codes of the order's currency, such as `["EUR"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub currencies: Vec<String>,
    /// The order's sales channels, such as `["web", "app"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<String>,
    /// The ISO 3166-1 alpha-2 codes of the countries the order is delivered to, such as
    /// `["PT", "ES"]`; an order that does not say where it goes matches none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// The store regions the order is sold in (`order.store_region`), such as `["eu"]`; an
    /// order that names no region matches none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
}

/// The merchant's own deadline to send a refund, counted from the moment it is told of
/// the request (the request's `now`), with the law it comes from: Directive 2011/83/EU
/// art. 13 gives 14 days and lets the trader withhold until the goods are back or proof
/// of sending is given; Brazil's CDC art. 49 requires an immediate refund (`days = 0`).
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundDeadline {
    /// The id reasons cite.
    pub id: String,
    /// The legal source, such as `Directive 2011/83/EU art. 13(1)`.
    pub source: String,
    /// Calendar days after being told, in the policy's time zone; 0: immediately.
    pub days: u32,
    /// Whether a last day that is not a working day of the policy's calendar moves to
    /// the next working day (Regulation 1182/71 art. 3(4)).
    #[serde(default)]
    pub roll_forward: bool,
    /// Whether the merchant may withhold the refund until the goods are back or the
    /// customer shows proof of sending them, whichever is first (art. 13(3)).
    #[serde(default)]
    pub withhold_until_goods_back: bool,
}

fn default_merchant_fault_reasons() -> Vec<String> {
    [
        Reason::Defective,
        Reason::NotAsDescribed,
        Reason::WrongItem,
        Reason::NotReceived,
        Reason::ArrivedLate,
        Reason::DuplicateCharge,
        Reason::CancelledBeforeShipping,
    ]
    .iter()
    .map(|r| r.as_str().to_owned())
    .collect()
}

/// One rule of the decision table.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// A stable id that decisions cite, such as `eu.art9.window`.
    pub id: String,
    /// What the rule is for, for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Conditions that must all hold; an empty `when` matches everything.
    #[serde(default)]
    pub when: When,
    /// The return window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// `true`: the item may be returned (stops later `deny` rules for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow: Option<bool>,
    /// Refuses the item, with the reason: `final_sale`, `non_returnable`,
    /// `digital_downloaded`, `condition_not_accepted` or `reason_not_accepted`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deny: Option<String>,
    /// A restocking fee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restocking_fee: Option<Fee>,
    /// Who pays to send the item back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_shipping: Option<ReturnShipping>,
    /// Whether the original (outbound) shipping is refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_shipping: Option<bool>,
    /// The remedies offered, in order of preference (overrides `remedies.order`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remedies: Option<Vec<String>>,
    /// `true`: a person reviews the decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<bool>,
}

/// The conditions of a rule. Lists match any of their values; an empty list matches all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// Product categories, as the order lines name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category: Vec<String>,
    /// Sales channels, as the order names them (`web`, `app`, `store`, `marketplace`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channel: Vec<String>,
    /// Reasons: `changed_mind`, `defective`, `not_as_described`, `wrong_item`,
    /// `not_received`, `arrived_late`, `duplicate_charge`, `cancelled_before_shipping`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reason: Vec<String>,
    /// Item conditions: `unopened`, `opened`, `used`, `damaged_on_arrival`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<String>,
    /// Customer standings: `good`, `new`, `watch`, `blocked`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standing: Vec<String>,
    /// Whether the line is sold as final sale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_sale: Option<bool>,
    /// Whether the line is a digital good.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital: Option<bool>,
    /// Whether the digital good has been downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downloaded: Option<bool>,
    /// The order is at least this many calendar days old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_order_age_days: Option<i64>,
    /// The order is at most this many calendar days old.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_order_age_days: Option<i64>,
    /// The order's total is at least this amount (one per currency; an order in a
    /// currency not listed does not match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_value_at_least: Vec<Money>,
    /// The order's total is below this amount (one per currency; an order in a currency
    /// not listed does not match).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub order_value_below: Vec<Money>,
}

/// A return window in calendar days of the policy's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Window {
    /// Calendar days after the start day; the last day counts whole.
    pub days: i64,
    /// `delivery` or `purchase`.
    #[serde(default = "default_window_from")]
    pub from: String,
    /// A deadline that falls on a day that is not a working day (of the policy's
    /// calendar, or a Saturday, Sunday or listed holiday) runs to the next working day, as
    /// Regulation 1182/71 art. 3(4) does for EU periods.
    #[serde(default)]
    pub roll_forward: bool,
}

fn default_window_from() -> String {
    "delivery".to_owned()
}

/// A fee: a percentage of the price paid for the returned units, or a fixed amount per
/// returned unit (one per currency). Exactly one of the two.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    /// A percentage as a decimal string, such as `"15"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// A fixed amount per unit, one per currency.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed: Vec<Money>,
}

/// Who pays for sending the item back.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnShipping {
    /// `customer` or `merchant`.
    pub payer: String,
    /// What the customer is charged when they pay, once per request (one per currency).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fee: Vec<Money>,
}

/// The remedies a policy offers.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Remedies {
    /// The id reasons about remedies cite; without it, `<policy>.defaults.remedies`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `refund` (to the original method), `store_credit`, `exchange`, `replacement`,
    /// `repair`, in order of preference.
    #[serde(default = "default_remedy_order")]
    pub order: Vec<String>,
    /// A bonus on store credit, as a percentage decimal string (`"10"`), applied to the
    /// amount `store_credit_bonus_base` names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_credit_bonus_percent: Option<String>,
    /// What the bonus applies to: `before_fees` (the default: no fee is charged on store
    /// credit) or `after_fees` (fees are deducted first, as from a refund).
    #[serde(default)]
    pub store_credit_bonus_base: BonusBase,
    /// The most store credit may be worth, as a percentage of what the customer paid for
    /// what is returned (`"150"`: returns tools cap it at about 150%); none: no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_credit_cap_percent: Option<String>,
}

/// The amount a store-credit bonus applies to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BonusBase {
    /// What was paid for what is returned, fees waived.
    #[default]
    BeforeFees,
    /// The refund after fees.
    AfterFees,
}

impl Default for Remedies {
    fn default() -> Self {
        Self {
            id: None,
            order: default_remedy_order(),
            store_credit_bonus_percent: None,
            store_credit_bonus_base: BonusBase::BeforeFees,
            store_credit_cap_percent: None,
        }
    }
}

fn default_remedy_order() -> Vec<String> {
    vec![Remedy::Refund.as_str().to_owned()]
}

/// When decisions are automatic and when a person reviews them.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Automation {
    /// The id reasons about automation cite; without it, `<policy>.defaults.automation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Refunds up to this amount are approved automatically for customers in good
    /// standing; above it a person reviews (one per currency; an order in a currency not
    /// listed is reviewed). Empty: no amount limit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auto_approve_up_to: Vec<Money>,
    /// Review when the customer had at least `count` refunds in the last `within_days`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequent_refunds: Option<FrequentRefunds>,
    /// Review whenever the case carries a risk flag.
    #[serde(default = "yes")]
    pub review_risk_flags: bool,
}

impl Default for Automation {
    fn default() -> Self {
        Self {
            id: None,
            auto_approve_up_to: Vec::new(),
            frequent_refunds: None,
            review_risk_flags: true,
        }
    }
}

fn yes() -> bool {
    true
}

/// "Frequent recent refunds".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrequentRefunds {
    /// How many refunds count as frequent.
    pub count: i64,
    /// Over how many calendar days before `now`.
    pub within_days: i64,
}

/// Why the customer asks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The customer changed their mind (regret, withdrawal).
    ChangedMind,
    /// The item is defective.
    Defective,
    /// The item is not as described.
    NotAsDescribed,
    /// The wrong item was sent.
    WrongItem,
    /// The item never arrived.
    NotReceived,
    /// The item arrived too late to be of use.
    ArrivedLate,
    /// The customer was charged twice for one order.
    DuplicateCharge,
    /// The order was cancelled before it shipped.
    CancelledBeforeShipping,
}

/// The state of the returned item.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemCondition {
    /// Still sealed.
    Unopened,
    /// Opened, not used.
    Opened,
    /// Used.
    Used,
    /// Damaged when it arrived.
    DamagedOnArrival,
}

/// The customer's standing with the store.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// No concerns.
    Good,
    /// A first-time customer.
    New,
    /// Under watch (past abuse or disputes).
    Watch,
    /// Blocked from automatic decisions.
    Blocked,
}

/// A way to make the customer whole.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// Money back to the original payment method.
    Refund,
    /// Store credit, possibly with a bonus.
    StoreCredit,
    /// Another item instead (size, colour).
    Exchange,
    /// The same item again.
    Replacement,
    /// The item repaired.
    Repair,
}

/// Why an item is refused.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DenyReason {
    /// Sold as final sale.
    FinalSale,
    /// Not returnable (hygiene, custom-made, perishable...).
    NonReturnable,
    /// A digital good already downloaded.
    DigitalDownloaded,
    /// The item's condition is not accepted back.
    ConditionNotAccepted,
    /// The reason given is not accepted for this item.
    ReasonNotAccepted,
}

/// The day a window counts from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WindowStart {
    /// The day the customer received the goods.
    Delivery,
    /// The day of purchase.
    Purchase,
}

/// Who pays for return shipping.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Payer {
    /// The customer.
    Customer,
    /// The merchant.
    Merchant,
}

impl Reason {
    /// Whether this reason never expires: a duplicate charge is refundable whatever the
    /// window.
    pub fn is_duplicate_charge(self) -> bool {
        self == Self::DuplicateCharge
    }
}
