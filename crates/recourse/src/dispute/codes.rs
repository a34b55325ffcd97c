//! The reason code tables, one per network, each with its source and edition.
//!
//! Reason codes are the networks' vocabulary, not a rule that changes by month; when a
//! network renames or retires a code, its table here changes with a new edition.

use super::{Category, Network};

/// One reason code of a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The code as the network writes it (`10.4`, `4837`, `F29`, `fraudulent`).
    pub code: &'static str,
    /// Its normalized category.
    pub category: Category,
    /// The network's name for it.
    pub title: &'static str,
    /// Whether the merchant can contest it with evidence.
    pub fightable: bool,
    /// Whether it skips pre-arbitration and goes straight to arbitration.
    pub direct_to_arbitration: bool,
}

/// A network's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The network.
    pub network: Network,
    /// Where the table comes from.
    pub source: &'static str,
    /// The edition of the source the table follows.
    pub edition: &'static str,
    /// The codes.
    pub codes: &'static [Code],
}

impl Table {
    /// The code `code`, compared as written (case-insensitive for letter codes).
    pub fn find(&self, code: &str) -> Option<&'static Code> {
        let code = code.trim();
        self.codes
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
    }
}

const fn c(code: &'static str, category: Category, title: &'static str) -> Code {
    Code {
        code,
        category,
        title,
        fightable: true,
        direct_to_arbitration: false,
    }
}

/// A code the merchant cannot contest.
const fn final_(code: &'static str, category: Category, title: &'static str) -> Code {
    Code {
        fightable: false,
        ..c(code, category, title)
    }
}

/// A code that goes from the chargeback straight to arbitration.
const fn direct(code: &'static str, category: Category, title: &'static str) -> Code {
    Code {
        direct_to_arbitration: true,
        ..c(code, category, title)
    }
}

use Category::*;

/// Visa Claims Resolution: allocation (10.x fraud, 11.x authorization) and collaboration
/// (12.x processing errors, 13.x consumer disputes).
pub const VISA: Table = Table {
    network: Network::Visa,
    source: "Visa Claims Resolution reason codes, via docs.stripe.com/disputes/categories and servicenow.com allocation/collaboration dispute workflows",
    edition: "VCR 2018, codes as listed in 2026",
    codes: &[
        c("10.1", Fraud, "EMV liability shift counterfeit fraud"),
        c("10.2", Fraud, "EMV liability shift non-counterfeit fraud"),
        c("10.3", Fraud, "Other fraud, card present"),
        c("10.4", Fraud, "Other fraud, card absent"),
        final_("10.5", Fraud, "Visa Fraud Monitoring Program"),
        c("11.1", Authorization, "Card recovery bulletin"),
        c("11.2", Authorization, "Declined authorization"),
        c("11.3", Authorization, "No authorization"),
        c("12.1", ProcessingError, "Late presentment"),
        c("12.2", ProcessingError, "Incorrect transaction code"),
        c("12.3", ProcessingError, "Incorrect currency"),
        c("12.4", ProcessingError, "Incorrect account number"),
        c("12.5", ProcessingError, "Incorrect amount"),
        c("12.6.1", Duplicate, "Duplicate processing"),
        c("12.6.2", Duplicate, "Paid by other means"),
        c("12.7", ProcessingError, "Invalid data"),
        c("13.1", NotReceived, "Merchandise or services not received"),
        c("13.2", SubscriptionCancelled, "Cancelled recurring transaction"),
        c("13.3", NotAsDescribed, "Not as described or defective merchandise"),
        c("13.4", NotAsDescribed, "Counterfeit merchandise"),
        c("13.5", NotAsDescribed, "Misrepresentation"),
        c("13.6", CreditNotProcessed, "Credit not processed"),
        c("13.7", CreditNotProcessed, "Cancelled merchandise or services"),
        c("13.8", General, "Original credit transaction not accepted"),
        c("13.9", NotReceived, "Non-receipt of cash or load transaction value"),
    ],
};

/// Mastercard: first chargeback, second presentment, pre-arbitration, arbitration; 4808,
/// 4870 and 4871 go straight to arbitration.
pub const MASTERCARD: Table = Table {
    network: Network::Mastercard,
    source: "Mastercard chargeback guide via docs.adyen.com/risk-management/chargeback-guidelines/mastercard-chargebacks",
    edition: "Mastercard Chargeback Guide, codes as listed in 2026",
    codes: &[
        direct("4808", Authorization, "Authorization-related chargeback"),
        c("4834", ProcessingError, "Point-of-interaction error"),
        c("4837", Fraud, "No cardholder authorization"),
        c("4840", Fraud, "Fraudulent processing of transactions"),
        c("4849", Fraud, "Questionable merchant activity"),
        c("4853", General, "Cardholder dispute"),
        c("4863", Fraud, "Cardholder does not recognize, potential fraud"),
        direct("4870", Fraud, "Chip liability shift"),
        direct("4871", Fraud, "Chip/PIN liability shift, lost, stolen or never received"),
    ],
};

/// American Express, as Braintree maps its codes.
pub const AMEX: Table = Table {
    network: Network::Amex,
    source: "developer.paypal.com/braintree/articles/risk-and-security/chargebacks-retrievals/chargeback-reason-codes",
    edition: "as listed in 2026",
    codes: &[
        c("C02", CreditNotProcessed, "Credit not processed"),
        c("C04", CreditNotProcessed, "Goods or services returned or refused"),
        c("C05", CreditNotProcessed, "Goods or services cancelled"),
        c("C08", NotReceived, "Goods or services not received"),
        c("C18", CreditNotProcessed, "No show or deposit cancelled"),
        c("C28", SubscriptionCancelled, "Cancelled recurring billing"),
        c("C31", NotAsDescribed, "Goods or services not as described"),
        c("C32", NotAsDescribed, "Goods or services damaged or defective"),
        c("F10", Fraud, "Missing imprint"),
        c("F14", Fraud, "Missing signature"),
        c("F24", Fraud, "No card member authorization"),
        c("F29", Fraud, "Card not present"),
        c("F30", Fraud, "EMV counterfeit"),
        c("F31", Fraud, "EMV lost, stolen or non-received"),
        final_("FR2", Fraud, "Fraud full recourse program"),
        final_("FR4", Fraud, "Immediate chargeback program"),
        final_("FR6", Fraud, "Partial immediate chargeback program"),
        c("P05", ProcessingError, "Incorrect charge amount"),
        c("P08", Duplicate, "Duplicate charge"),
        c("R03", General, "Insufficient reply"),
        c("R13", General, "No reply"),
    ],
};

/// Discover (and Diners Club).
pub const DISCOVER: Table = Table {
    network: Network::Discover,
    source: "docs.antom.com/ac/dispute/diners.md",
    edition: "as listed in 2026",
    codes: &[
        c("AA", Fraud, "Does not recognize"),
        c("AP", SubscriptionCancelled, "Cancelled recurring"),
        c("AT", Authorization, "Authorization non-compliance"),
        c("AW", ProcessingError, "Altered amount"),
        c("CD", ProcessingError, "Credit posted as card sale"),
        c("DA", Authorization, "Declined authorization"),
        c("DP", Duplicate, "Duplicate processing"),
        c("EX", Authorization, "Expired card"),
        c("IC", ProcessingError, "Illegible sales data"),
        c("IN", ProcessingError, "Invalid card number"),
        c("LP", ProcessingError, "Late presentation"),
        c("NA", Authorization, "No authorization"),
        c("NC", General, "Not classified"),
        c("NF", NotReceived, "Non-receipt of cash from an ATM"),
        c("PM", Duplicate, "Paid by other means"),
        c("RG", NotReceived, "Non-receipt of goods or services"),
        c("RM", NotAsDescribed, "Quality or not as described"),
        c("RN2", CreditNotProcessed, "Credit not processed"),
        c("UA01", Fraud, "Fraud, card present"),
        c("UA02", Fraud, "Fraud, card not present"),
        c("UA05", Fraud, "Fraud, chip counterfeit"),
        c("UA06", Fraud, "Fraud, chip and PIN"),
        c("UA10", Fraud, "Fraud, card present (UA10)"),
        c("UA11", Fraud, "Fraud, card present (UA11)"),
    ],
};

/// Pix MED: the two grounds the regulation allows. A commercial disagreement is not one.
pub const PIX_MED: Table = Table {
    network: Network::PixMed,
    source: "Banco Central do Brasil, Resolução BCB nº 103/2021 and the Regulamento Pix (MED)",
    edition: "MED 2.0, mandatory from 2026-02-02",
    codes: &[
        c("fraud", Fraud, "Fundada suspeita de fraude"),
        c("operational_failure", ProcessingError, "Falha operacional"),
    ],
};

/// Stripe's `reason` values (the dispute object's 15-value enum). Bank debit returns
/// (ACH, SEPA, BACS, BECS) cannot be contested.
pub const STRIPE: Table = Table {
    network: Network::Stripe,
    source: "Stripe API, Dispute.reason (docs.stripe.com/api/disputes/object; docs.stripe.com/disputes/categories)",
    edition: "API 2025-07-30",
    codes: &[
        final_("bank_cannot_process", ProcessingError, "Bank cannot process"),
        final_("check_returned", ProcessingError, "Check returned"),
        c("credit_not_processed", CreditNotProcessed, "Credit not processed"),
        final_("customer_initiated", General, "Customer initiated (bank debit)"),
        final_("debit_not_authorized", Fraud, "Debit not authorized"),
        c("duplicate", Duplicate, "Duplicate"),
        c("fraudulent", Fraud, "Fraudulent"),
        c("general", General, "General"),
        final_("incorrect_account_details", ProcessingError, "Incorrect account details"),
        final_("insufficient_funds", ProcessingError, "Insufficient funds"),
        c("noncompliant", General, "Noncompliant"),
        c("product_not_received", NotReceived, "Product not received"),
        c("product_unacceptable", NotAsDescribed, "Product unacceptable"),
        c("subscription_canceled", SubscriptionCancelled, "Subscription canceled"),
        c("unrecognized", Fraud, "Unrecognized"),
    ],
};

/// The table of `network`.
pub fn table(network: Network) -> &'static Table {
    match network {
        Network::Visa => &VISA,
        Network::Mastercard => &MASTERCARD,
        Network::Amex => &AMEX,
        Network::Discover => &DISCOVER,
        Network::PixMed => &PIX_MED,
        Network::Stripe => &STRIPE,
    }
}
