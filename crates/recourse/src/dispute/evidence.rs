//! `dispute.evidence`: what evidence answers a dispute, what the merchant has and what is
//! missing, in Stripe's evidence keys; Visa Compelling Evidence 3.0 for 10.4.
//!
//! The checklist follows Stripe's guidance as WooPayments' evidence form mirrors it
//! (`Automattic/woocommerce-payments` client/disputes/evidence/fields.js): general items
//! for every reason, then per category (refund policy, duplicate, cancellation) and per
//! product type (shipping for physical goods, access logs for digital goods, service dates
//! for services). The completeness score counts a required item twice and a recommended
//! item once, in basis points rounded down: never more complete than the evidence is.

use schemars::JsonSchema;
use serde::Serialize;

use super::classify::lookup;
use super::messages::{self, Args, Code as R, DisputeReason};
use super::{Category, DisputeCapability, DisputeError, Network, ProductType};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::error::InputError;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.evidence`.
#[derive(Debug, Clone, Copy)]
pub struct Evidence;

/// Stripe's evidence keys (`Dispute.evidence`), the checklist's vocabulary.
pub const EVIDENCE_KEYS: &[&str] = &[
    "access_activity_log",
    "billing_address",
    "cancellation_policy",
    "cancellation_policy_disclosure",
    "cancellation_rebuttal",
    "customer_communication",
    "customer_email_address",
    "customer_name",
    "customer_purchase_ip",
    "customer_signature",
    "duplicate_charge_documentation",
    "duplicate_charge_explanation",
    "duplicate_charge_id",
    "product_description",
    "receipt",
    "refund_policy",
    "refund_policy_disclosure",
    "refund_refusal_explanation",
    "service_date",
    "service_documentation",
    "shipping_address",
    "shipping_carrier",
    "shipping_date",
    "shipping_documentation",
    "shipping_tracking_number",
    "uncategorized_file",
    "uncategorized_text",
];

/// The facts of a payment that Compelling Evidence 3.0 compares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransactionFacts {
    /// When it was made.
    pub at: Timestamp,
    /// The customer's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// The device id or fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// The shipping address, normalized by the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<String>,
    /// The customer's account id at the merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

/// An earlier payment on the same credential (card).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorTransaction {
    /// The payment's id.
    pub id: String,
    /// Whether it was disputed (a disputed payment never qualifies).
    #[serde(default)]
    pub disputed: bool,
    /// When it was made.
    pub at: Timestamp,
    /// The customer's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// The device id or fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_id: Option<String>,
    /// The shipping address, normalized by the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_address: Option<String>,
    /// The customer's account id at the merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
}

impl PriorTransaction {
    /// The facts Compelling Evidence 3.0 compares.
    pub fn facts(&self) -> TransactionFacts {
        TransactionFacts {
            at: self.at,
            ip_address: self.ip_address.clone(),
            device_id: self.device_id.clone(),
            shipping_address: self.shipping_address.clone(),
            account_id: self.account_id.clone(),
        }
    }
}

/// The request of `dispute.evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    /// The network.
    pub network: Network,
    /// Its reason code.
    pub code: String,
    /// What was sold.
    pub product_type: ProductType,
    /// The evidence keys the merchant already has.
    #[serde(default)]
    pub have: Vec<String>,
    /// Whether evidence was already submitted (it can be submitted once).
    #[serde(default)]
    pub submitted: bool,
    /// For Visa 10.4: the disputed payment's facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed: Option<TransactionFacts>,
    /// For Visa 10.4: earlier payments on the same credential.
    #[serde(default)]
    pub prior: Vec<PriorTransaction>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// How much an item matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceLevel {
    /// Without it the dispute is very likely lost.
    Required,
    /// It strengthens the answer.
    Recommended,
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct EvidenceItem {
    /// The Stripe evidence key.
    pub key: String,
    /// Required or recommended.
    pub level: EvidenceLevel,
    /// Whether the merchant has it.
    pub have: bool,
}

/// A prior payment that qualifies for Compelling Evidence 3.0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Qualifying {
    /// The payment's id.
    pub id: String,
    /// Whole days before the disputed payment.
    pub days_before: i64,
    /// The elements that match: `ip_address`, `device_id`, `shipping_address`,
    /// `account_id`.
    pub matched: Vec<String>,
}

/// Visa Compelling Evidence 3.0, for 10.4.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CompellingEvidence {
    /// Whether at least two prior payments qualify.
    pub eligible: bool,
    /// The qualifying payments, in the order given.
    pub qualifying: Vec<Qualifying>,
    /// The rule.
    pub rule: String,
}

/// The response of `dispute.evidence`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct EvidenceResponse {
    /// The normalized category.
    pub category: Category,
    /// The checklist: required items first, each in key order.
    pub items: Vec<EvidenceItem>,
    /// Completeness in basis points (10000 = everything), rounded down.
    pub completeness_bp: u32,
    /// Required keys missing.
    pub missing_required: Vec<String>,
    /// Recommended keys missing.
    pub missing_recommended: Vec<String>,
    /// Visa Compelling Evidence 3.0 (Visa 10.4 only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compelling_evidence: Option<CompellingEvidence>,
    /// Why.
    pub reasons: Vec<DisputeReason>,
}

type Checklist = Vec<(&'static str, EvidenceLevel)>;

fn add(list: &mut Checklist, keys: &[&'static str], level: EvidenceLevel) {
    for key in keys {
        match list.iter_mut().find(|(k, _)| k == key) {
            Some(entry) if level == EvidenceLevel::Required => entry.1 = level,
            Some(_) => {}
            None => list.push((key, level)),
        }
    }
}

/// The checklist of `category` for `product`.
pub(crate) fn checklist(category: Category, product: ProductType) -> Checklist {
    use Category::*;
    use EvidenceLevel::{Recommended as Rec, Required as Req};
    let mut list = Checklist::new();
    add(&mut list, &["product_description", "receipt"], Req);
    let general = [
        "customer_name",
        "customer_email_address",
        "customer_signature",
        "billing_address",
        "customer_purchase_ip",
        "customer_communication",
    ];
    add(&mut list, &general, Rec);
    match category {
        CreditNotProcessed => {
            let keys = [
                "refund_policy",
                "refund_policy_disclosure",
                "refund_refusal_explanation",
            ];
            add(&mut list, &keys, Req);
        }
        Duplicate => {
            add(
                &mut list,
                &["duplicate_charge_id", "duplicate_charge_explanation"],
                Req,
            );
            add(&mut list, &["duplicate_charge_documentation"], Rec);
        }
        SubscriptionCancelled => {
            let keys = [
                "cancellation_policy",
                "cancellation_policy_disclosure",
                "cancellation_rebuttal",
            ];
            add(&mut list, &keys, Req);
        }
        Fraud => add(&mut list, &["billing_address", "customer_purchase_ip"], Req),
        _ => {}
    }
    by_product(&mut list, category, product);
    add(&mut list, &["uncategorized_text"], Rec);
    crate::sort::sort_by_key(&mut list, |(k, l)| (*l != Req, *k));
    list
}

/// The items a product type adds for a category: shipping for physical goods, access logs
/// for digital goods, service dates for services.
fn by_product(list: &mut Checklist, category: Category, product: ProductType) {
    use Category::*;
    use EvidenceLevel::{Recommended as Rec, Required as Req};
    let shipping = [
        "shipping_address",
        "shipping_carrier",
        "shipping_date",
        "shipping_documentation",
        "shipping_tracking_number",
    ];
    let service = ["service_date", "service_documentation"];
    let goods = matches!(category, Fraud | NotReceived | NotAsDescribed);
    match product {
        ProductType::Physical if matches!(category, Fraud | NotReceived) => {
            add(list, &shipping, Req)
        }
        ProductType::Physical if goods || category == Duplicate => add(list, &shipping, Rec),
        ProductType::Digital if matches!(category, Fraud | NotReceived) => {
            add(list, &["access_activity_log"], Req);
        }
        ProductType::Digital if goods || category == SubscriptionCancelled => {
            add(list, &["access_activity_log"], Rec);
        }
        ProductType::Service if goods || category == SubscriptionCancelled => {
            add(list, &service, Req)
        }
        ProductType::Service if category == Duplicate => add(list, &service, Rec),
        ProductType::Subscription => {
            add(
                list,
                &[
                    "access_activity_log",
                    "cancellation_policy",
                    "cancellation_policy_disclosure",
                ],
                Rec,
            );
        }
        _ => {}
    }
}

/// Required counts twice, recommended once; basis points rounded down.
fn completeness(items: &[EvidenceItem]) -> u32 {
    let weight = |i: &EvidenceItem| match i.level {
        EvidenceLevel::Required => 2u64,
        EvidenceLevel::Recommended => 1,
    };
    let total: u64 = items.iter().map(weight).sum();
    let got: u64 = items.iter().filter(|i| i.have).map(weight).sum();
    match total {
        0 => 10_000,
        t => u32::try_from(got.saturating_mul(10_000) / t).unwrap_or(10_000),
    }
}

/// The elements two payments share.
fn matched(a: &TransactionFacts, b: &TransactionFacts) -> Vec<String> {
    let same = |x: &Option<String>, y: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => !x.trim().is_empty() && x.trim() == y.trim(),
        _ => false,
    };
    [
        ("ip_address", same(&a.ip_address, &b.ip_address)),
        ("device_id", same(&a.device_id, &b.device_id)),
        (
            "shipping_address",
            same(&a.shipping_address, &b.shipping_address),
        ),
        ("account_id", same(&a.account_id, &b.account_id)),
    ]
    .into_iter()
    .filter(|(_, m)| *m)
    .map(|(k, _)| k.to_owned())
    .collect()
}

/// Whether the shared elements qualify: at least two, one of them the IP address or the
/// device id (Visa CE 3.0: a shipping address and an account id alone do not).
fn qualifies(matched: &[String]) -> bool {
    matched.len() >= 2
        && matched
            .iter()
            .any(|m| m == "ip_address" || m == "device_id")
}

/// Visa Compelling Evidence 3.0: prior undisputed payments on the same credential, 120 to
/// 365 whole days before the disputed one, each matching it on at least two elements of
/// which one is the IP address or the device id; at least two such payments make the
/// dispute eligible.
pub(crate) fn compelling(
    disputed: Option<&TransactionFacts>,
    prior: &[PriorTransaction],
) -> CompellingEvidence {
    let qualifying = disputed.map_or_else(Vec::new, |d| {
        prior
            .iter()
            .filter(|p| !p.disputed)
            .filter_map(|p| {
                let days = (d.at.to_utc() - p.at.to_utc()).num_days();
                let matched = matched(d, &p.facts());
                ((120..=365).contains(&days) && qualifies(&matched)).then(|| Qualifying {
                    id: p.id.clone(),
                    days_before: days,
                    matched,
                })
            })
            .collect()
    });
    CompellingEvidence {
        eligible: qualifying.len() >= 2,
        qualifying,
        rule: "visa.compelling_evidence_3 (Visa Core Rules, CE 3.0 for 10.4: two prior undisputed transactions 120-365 days earlier matching on two of IP address, device id, shipping address, account id, one of them the IP address or the device id)".into(),
    }
}

/// The evidence checklist of a dispute, what is missing and Compelling Evidence 3.0.
///
/// # Errors
/// `dispute.unknown_code` at `code`; `dispute.evidence_already_submitted` at `submitted`;
/// `input.invalid` at `have[i]` for a key that is not one of Stripe's evidence keys.
///
/// # Example
/// ```
/// use recourse_payments::dispute::{evidence, EvidenceRequest, Network, ProductType};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request = EvidenceRequest {
///     network: Network::Stripe,
///     code: "product_not_received".into(),
///     product_type: ProductType::Physical,
///     have: vec!["receipt".into(), "product_description".into()],
///     submitted: false,
///     disputed: None,
///     prior: vec![],
///     locale: None,
/// };
/// let answer = evidence(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert!(answer.missing_required.contains(&"shipping_tracking_number".to_owned()));
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn evidence(
    engine: &impl Provides<DisputeCapability>,
    request: &EvidenceRequest,
    trace: &mut Trace,
) -> Result<EvidenceResponse, Error> {
    let cx = engine.context()?;
    let code = lookup(request.network, &request.code, "code")?;
    if request.submitted {
        return Err(Error::new(
            DisputeError::EvidenceAlreadySubmitted,
            "submitted",
        ));
    }
    for (i, key) in request.have.iter().enumerate() {
        if !EVIDENCE_KEYS.contains(&key.as_str()) {
            let detail = "not one of Stripe's evidence keys".into();
            return Err(Error::new(
                InputError::Invalid { detail },
                format!("have[{i}]"),
            ));
        }
    }
    let items: Vec<EvidenceItem> = checklist(code.category, request.product_type)
        .into_iter()
        .map(|(key, level)| EvidenceItem {
            key: key.to_owned(),
            level,
            have: request.have.iter().any(|h| h == key),
        })
        .collect();
    let missing = |level| -> Vec<String> {
        items
            .iter()
            .filter(|i| i.level == level && !i.have)
            .map(|i| i.key.clone())
            .collect()
    };
    let (missing_required, missing_recommended) = (
        missing(EvidenceLevel::Required),
        missing(EvidenceLevel::Recommended),
    );
    let completeness_bp = completeness(&items);
    trace.push(
        "dispute.evidence",
        format!(
            "{} / {}: {} items, {} required missing, completeness {} bp (required twice, recommended once, rounded down)",
            code.category.as_str(),
            request.product_type.as_str(),
            items.len(),
            missing_required.len(),
            completeness_bp
        ),
    );
    let ce3 = (request.network == Network::Visa && code.code == "10.4")
        .then(|| compelling(request.disputed.as_ref(), &request.prior));
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let reasons = evidence_reasons(&missing_required, ce3.as_ref(), locale);
    Ok(EvidenceResponse {
        category: code.category,
        items,
        completeness_bp,
        missing_required,
        missing_recommended,
        compelling_evidence: ce3,
        reasons,
    })
}

fn evidence_reasons(
    missing: &[String],
    ce3: Option<&CompellingEvidence>,
    locale: Locale,
) -> Vec<DisputeReason> {
    let rule = "dispute.evidence_checklist (Stripe evidence keys; WooPayments evidence form)";
    let mut out = Vec::new();
    if missing.is_empty() {
        out.push(messages::reason(
            R::EvidenceComplete,
            rule,
            locale,
            &Args::default(),
        ));
    } else {
        let args = Args {
            count: u64::try_from(missing.len()).ok(),
            text: Some(missing.join(", ")),
            ..Args::default()
        };
        out.push(messages::reason(R::EvidenceMissing, rule, locale, &args));
    }
    if let Some(ce3) = ce3 {
        let ids: Vec<&str> = ce3.qualifying.iter().map(|q| q.id.as_str()).collect();
        let args = Args {
            count: u64::try_from(ids.len()).ok(),
            text: Some(ids.join(", ")),
            ..Args::default()
        };
        let code = if ce3.eligible {
            R::Ce3Eligible
        } else {
            R::Ce3NotEligible
        };
        out.push(messages::reason(
            code,
            "visa.compelling_evidence_3",
            locale,
            &args,
        ));
    }
    out
}

impl Operation for Evidence {
    const NAME: &'static str = "dispute.evidence";
    const SUMMARY: &'static str =
        "the evidence checklist per category and product type in Stripe's evidence keys, what is missing, a completeness score in basis points, and Visa Compelling Evidence 3.0 for 10.4";
    type Capability = DisputeCapability;
    type Request = EvidenceRequest;
    type Response = EvidenceResponse;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &EvidenceRequest,
        trace: &mut Trace,
    ) -> Result<EvidenceResponse, Error> {
        evidence(cx, request, trace)
    }
}
