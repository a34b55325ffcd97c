//! `payment.explain_decline`: a processor's code, a network's response code and a Mastercard
//! merchant advice code → a normalized reason, a class, the next step, the alternatives the
//! store accepts, and the customer's and the agent's sentences.
//!
//! The rules, in order:
//! - every code is read in its own table (see [`super::codes`]): Stripe, Adyen, the Visa
//!   table for Visa, the ISO 8583 table for Mastercard and the other brands;
//! - the reason is the most specific one known: a network's specific reason, then the
//!   processor's, then a generic "issuer declined", then `unknown`;
//! - the class is decided by the network first (Visa category 1, Mastercard advice 03 and
//!   21: never retry; advice 24-30: retry later, not before the delay; advice 01 and 04: fix
//!   the card data), then by Stripe's `advice_code`, then by the reason; an unknown reason
//!   falls back to the class the network's rules give it (Visa: its category, any code
//!   outside categories 1-3 being category 4), never to a made-up meaning;
//! - a risk reason (fraud, lost, stolen, blocked, blocklisted) reads to the customer as a
//!   generic decline unless the store lists it in `payment.disclose_risk`; the agent always
//!   sees the real reason.

use chrono::Duration;
use schemars::JsonSchema;
use serde::Serialize;

use super::codes::{self, Advice, Source};
use super::config::Method;
use super::reason::{CodeReading, DeclineClass, DeclineReason, NextStep};
use super::words;
use super::{PaymentCapability, PaymentError};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// The processor's own code, when the decline came through one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(tag = "processor", rename_all = "snake_case", deny_unknown_fields)]
pub enum ProcessorCode {
    /// Stripe: `decline_code` and `advice_code` of the charge's outcome.
    Stripe {
        /// `decline_code`, such as `insufficient_funds`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decline_code: Option<String>,
        /// `advice_code`: `do_not_try_again`, `try_again_later` or `confirm_card_data`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        advice_code: Option<String>,
    },
    /// Adyen: `refusalReasonCode`, such as `12` (Not enough balance).
    Adyen {
        /// The refusal reason's number.
        refusal_reason_code: String,
    },
}

/// The request of `payment.explain_decline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExplainDeclineRequest {
    /// When the payment was declined: picks the edition of the rules and anchors delays.
    pub declined_at: Timestamp,
    /// The card network: `visa`, `mastercard`, `amex`, `elo`, `hipercard`, `discover`,
    /// `jcb` or `diners`. Required with `response_code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// ISO 8583 field 39, as the network sent it (`05`, `51`, `N7`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_code: Option<String>,
    /// Mastercard's merchant advice code (`03`, `24`); Mastercard only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice_code: Option<String>,
    /// The processor's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor: Option<ProcessorCode>,
    /// The customer's name, to address them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// The response of `payment.explain_decline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ExplainDeclineResponse {
    /// The normalized reason (`unknown` when no table knows any code given).
    pub reason: DeclineReason,
    /// Whether some table knows the reason.
    pub known: bool,
    /// What can be done.
    pub class: DeclineClass,
    /// The rule that decided the class.
    pub rule: String,
    /// For `retry_later` with a known delay: not before this instant.
    pub not_before: Option<Timestamp>,
    /// Visa's reattempt category (1-4), for Visa response codes.
    pub visa_category: Option<u8>,
    /// Whether the reason is a risk reason.
    pub risk: bool,
    /// Whether the customer's sentence names the reason (false for an undisclosed risk).
    pub disclosed: bool,
    /// The next step.
    pub next_step: NextStep,
    /// The other ways to pay this store accepts.
    pub alternatives: Vec<Method>,
    /// What to tell the customer.
    pub customer_text: String,
    /// What the agent needs to know: the real reason, the class and the next step.
    pub agent_text: String,
    /// How each code was read, with its source.
    pub codes: Vec<CodeReading>,
}

/// The brands whose response codes Recourse reads: Visa in its own table, the others in
/// the ISO 8583 table.
pub const NETWORKS: &[&str] = &[
    "visa",
    "mastercard",
    "amex",
    "elo",
    "hipercard",
    "discover",
    "jcb",
    "diners",
];

/// A network read from a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Network {
    Visa,
    Mastercard,
    Other,
}

/// The network named `name`, or `payment.unknown_network` at `path`.
pub(crate) fn network(name: &str, path: &str) -> Result<Network, Error> {
    match name {
        "visa" => Ok(Network::Visa),
        "mastercard" => Ok(Network::Mastercard),
        n if NETWORKS.contains(&n) => Ok(Network::Other),
        _ => Err(Error::new(PaymentError::UnknownNetwork, path)),
    }
}

/// The readings of the request's codes, in the order processor, network, advice.
struct Readings {
    processor: Option<CodeReading>,
    stripe_advice: Option<(CodeReading, Option<DeclineClass>)>,
    network: Option<CodeReading>,
    visa_category: Option<u8>,
    advice: Option<(CodeReading, Option<Advice>)>,
}

fn reading(source: &Source, code: &str, reason: Option<DeclineReason>, known: bool) -> CodeReading {
    CodeReading {
        table: source.table,
        code: code.to_owned(),
        known,
        reason,
        source: source.reference,
        edition: source.edition,
    }
}

fn read_processor(
    p: &ProcessorCode,
) -> (
    Option<CodeReading>,
    Option<(CodeReading, Option<DeclineClass>)>,
) {
    match p {
        ProcessorCode::Stripe {
            decline_code,
            advice_code,
        } => {
            let decline = decline_code.as_deref().map(|c| {
                let r = codes::find(codes::STRIPE_CODES, c);
                reading(&codes::STRIPE, c, r, r.is_some())
            });
            // `do_not_try_again` and `try_again_later` were decline codes before they moved
            // to `advice_code`: as decline codes they still carry their advice.
            let deprecated = decline_code
                .as_deref()
                .filter(|c| codes::find(codes::STRIPE_ADVICE_CODES, c).is_some());
            let advice = advice_code.as_deref().or(deprecated).map(|c| {
                let class = codes::find(codes::STRIPE_ADVICE_CODES, c);
                (
                    reading(&codes::STRIPE_ADVICE, c, None, class.is_some()),
                    class,
                )
            });
            (decline, advice)
        }
        ProcessorCode::Adyen {
            refusal_reason_code,
        } => {
            let c = refusal_reason_code.as_str();
            let r = codes::find(codes::ADYEN_CODES, c);
            (Some(reading(&codes::ADYEN, c, r, r.is_some())), None)
        }
    }
}

fn read(request: &ExplainDeclineRequest) -> Result<Readings, Error> {
    let network_kind = match &request.network {
        Some(n) => Some(network(n, "network")?),
        None => None,
    };
    if request.processor.is_none() && request.response_code.is_none() {
        return Err(Error::new(PaymentError::NoCode, "."));
    }
    let (processor, stripe_advice) = match &request.processor {
        Some(p) => read_processor(p),
        None => (None, None),
    };
    let day = request.declined_at.as_datetime().date_naive();
    let (network, visa_category) = match (&request.response_code, network_kind) {
        (None, _) => (None, None),
        (Some(_), None) => return Err(Error::new(PaymentError::NetworkRequired, "network")),
        (Some(c), Some(Network::Visa)) => {
            let r = codes::find(codes::VISA_CODES, c);
            let category = codes::visa_category(c, day);
            // Every code has a Visa category (4 for all others), so a Visa code is known
            // to the network's rules even when its meaning is not.
            (
                Some(reading(&codes::VISA, c, r, r.is_some())),
                Some(category),
            )
        }
        (Some(c), Some(_)) => {
            let r = codes::find(codes::ISO8583_CODES, c);
            (Some(reading(&codes::ISO8583, c, r, r.is_some())), None)
        }
    };
    let advice = match (&request.advice_code, network_kind) {
        (None, _) => None,
        (Some(c), Some(Network::Mastercard)) => {
            let a = codes::find(codes::MASTERCARD_ADVICE_CODES, c);
            Some((reading(&codes::MASTERCARD_ADVICE, c, None, a.is_some()), a))
        }
        (Some(_), _) => {
            return Err(Error::new(
                PaymentError::AdviceCodeNotMastercard,
                "advice_code",
            ))
        }
    };
    Ok(Readings {
        processor,
        stripe_advice,
        network,
        visa_category,
        advice,
    })
}

/// The most specific reason the readings know.
fn reason(r: &Readings) -> DeclineReason {
    let candidates = [
        r.network.as_ref().and_then(|c| c.reason),
        r.processor.as_ref().and_then(|c| c.reason),
    ];
    candidates
        .iter()
        .flatten()
        .find(|x| !x.is_generic())
        .or_else(|| candidates.iter().flatten().next())
        .copied()
        .unwrap_or(DeclineReason::Unknown)
}

/// The class, the rule that decided it and the delay (minutes) it imposes.
fn class(r: &Readings, reason: DeclineReason) -> (DeclineClass, String, Option<u32>) {
    use DeclineClass as C;
    if let Some((reading, Some(advice))) = &r.advice {
        let decided = match advice {
            Advice::DoNotTryAgain | Advice::StopRecurring => Some((C::NeverRetry, None)),
            Advice::RetryAfterMinutes(m) => Some((C::RetryLater, Some(*m))),
            Advice::Later => Some((C::RetryLater, None)),
            Advice::UpdateCredential | Advice::FixData => Some((C::FixCardData, None)),
            Advice::Informational => None,
        };
        if let Some((class, delay)) = decided {
            return (class, format!("mastercard.mac.{}", reading.code), delay);
        }
    }
    if r.visa_category == Some(1) {
        return (C::NeverRetry, "visa.category_1".to_owned(), None);
    }
    if let Some((reading, Some(class))) = &r.stripe_advice {
        return (*class, format!("stripe.advice_code.{}", reading.code), None);
    }
    if reason != DeclineReason::Unknown {
        return (
            reason.class(),
            format!("recourse.reason.{}", reason.as_str()),
            None,
        );
    }
    // No table knows the meaning: the network's rules decide the class.
    // A category is only known when a Visa response code was read (category 1 decided above).
    match r.visa_category {
        Some(2) => (C::RetryLater, "visa.category_2".to_owned(), None),
        Some(3) => (C::FixCardData, "visa.category_3".to_owned(), None),
        Some(_) => (C::RetryLater, "visa.category_4".to_owned(), None),
        None => (C::CustomerAction, "recourse.unknown_code".to_owned(), None),
    }
}

/// Explains a decline.
///
/// # Errors
/// `payment.unknown_network` at `network`; `payment.no_code` when neither a processor code
/// nor a response code is given; `payment.network_required` at `network` for a response
/// code without its network; `payment.advice_code_not_mastercard` at `advice_code`;
/// `input.out_of_range` at `declined_at` when a delay would end past the supported years.
///
/// # Example
/// ```
/// use recourse_payments::payment::{explain_decline, DeclineClass, ExplainDeclineRequest};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request: ExplainDeclineRequest = serde_json::from_str(r#"{
///     "declined_at": "2026-11-19T18:10:00-03:00", "network": "visa", "response_code": "82",
///     "customer_name": "Marina", "locale": "en"}"#)?;
/// let out = explain_decline(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!((out.reason.as_str(), out.class), ("incorrect_cvc", DeclineClass::FixCardData));
/// assert!(out.customer_text.starts_with("Marina, the security code (CVC) is not correct."));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn explain_decline(
    engine: &impl Provides<PaymentCapability>,
    request: &ExplainDeclineRequest,
    trace: &mut Trace,
) -> Result<ExplainDeclineResponse, Error> {
    let cx = engine.context()?;
    let config = &cx.section().config;
    let readings = read(request)?;
    let reason = reason(&readings);
    let (class, rule, delay) = class(&readings, reason);
    let not_before = match delay {
        Some(minutes) => Some(
            request
                .declined_at
                .as_datetime()
                .checked_add_signed(Duration::minutes(i64::from(minutes)))
                .map(Timestamp::from)
                .filter(Timestamp::is_supported)
                .ok_or_else(|| Error::new(crate::error::InputError::OutOfRange, "declined_at"))?,
        ),
        None => None,
    };
    let risk = reason.is_risk();
    let disclosed = !risk || config.disclose_risk.contains(&reason);
    let next_step = reason.next_step(class);
    let alternatives = config.alternatives();
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let name = request.customer_name.as_deref();
    let shown = if disclosed {
        reason
    } else {
        DeclineReason::IssuerDeclined
    };
    let customer_text = words::customer(shown, next_step, &alternatives, locale, name);
    let mut codes: Vec<CodeReading> = Vec::new();
    codes.extend(readings.processor);
    codes.extend(readings.stripe_advice.map(|(r, _)| r));
    codes.extend(readings.network);
    codes.extend(readings.advice.map(|(r, _)| r));
    let agent_text = words::agent(
        reason,
        class,
        next_step,
        not_before.as_ref(),
        &codes,
        locale,
    );
    trace.push(
        "payment.decline",
        format!(
            "{}: class {} by {}{}",
            reason.as_str(),
            class.as_str(),
            rule,
            if disclosed {
                ""
            } else {
                "; shown to the customer as a generic decline"
            }
        ),
    );
    Ok(ExplainDeclineResponse {
        known: reason != DeclineReason::Unknown,
        reason,
        class,
        rule,
        not_before,
        visa_category: readings.visa_category,
        risk,
        disclosed,
        next_step,
        alternatives,
        customer_text,
        agent_text,
        codes,
    })
}

/// `payment.explain_decline`.
#[derive(Debug, Clone, Copy)]
pub struct ExplainDecline;

impl Operation for ExplainDecline {
    const NAME: &'static str = "payment.explain_decline";
    const SUMMARY: &'static str =
        "a decline's processor, network and advice codes in plain words: reason, class, next step, alternatives, customer and agent sentences";
    type Capability = PaymentCapability;
    type Request = ExplainDeclineRequest;
    type Response = ExplainDeclineResponse;

    fn run(
        cx: &Context<'_, PaymentCapability>,
        request: &ExplainDeclineRequest,
        trace: &mut Trace,
    ) -> Result<ExplainDeclineResponse, Error> {
        explain_decline(cx, request, trace)
    }

    fn now(request: &ExplainDeclineRequest) -> Option<&Timestamp> {
        Some(&request.declined_at)
    }
}
