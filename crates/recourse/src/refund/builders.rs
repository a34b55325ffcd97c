//! Constructors for the common shapes of a request, so that a Rust host writes only the facts
//! it has: every optional field starts empty and is set by a method of the same name.
//!
//! ```
//! use recourse_payments::prelude::*;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let brl = |amount| Money::parse(amount, "BRL");
//! let order = Order::new("BRL", Timestamp::parse("2026-03-02T10:00:00-03:00")?)
//!     .delivered_at(Timestamp::parse("2026-03-04T14:00:00-03:00")?)
//!     .line(OrderLine::new("tenis", "shoes", 1, brl("299.90")?))
//!     .line(OrderLine::new("meias", "apparel", 2, brl("25.00")?))
//!     .discount(brl("30.00")?)
//!     .payment(Payment::new("cartao", PaymentMethod::Card, brl("319.80")?,
//!         Timestamp::parse("2026-03-02T10:00:00-03:00")?));
//! let request = EvaluateRequest::new(
//!     Timestamp::parse("2026-03-09T15:00:00-03:00")?,
//!     order,
//!     ReturnRequest::new(Reason::ChangedMind).line("tenis", 1),
//! );
//! assert_eq!(request.order.lines[1].quantity, 2);
//! # Ok(()) }
//! ```

use super::case::{
    Customer, EvaluateRequest, LedgerEntry, Order, OrderLine, Payment, PaymentMethod, RequestLine,
    ReturnRequest,
};
use super::policy::{ItemCondition, Reason, Remedy};
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::money::Money;

impl EvaluateRequest {
    /// A request under the store's default policy, in the store's language, from a customer
    /// in good standing with no refund yet on the order.
    pub fn new(now: Timestamp, order: Order, request: ReturnRequest) -> Self {
        Self {
            policy: None,
            locale: None,
            now,
            order,
            ledger: Vec::new(),
            request,
            customer: Customer::default(),
        }
    }

    /// Decides under the policy of this name (a key of `refund.policies`).
    #[must_use]
    pub fn policy(mut self, name: impl Into<String>) -> Self {
        self.policy = Some(name.into());
        self
    }

    /// Writes the sentences in this language.
    #[must_use]
    pub fn locale(mut self, locale: Locale) -> Self {
        self.locale = Some(locale);
        self
    }

    /// Who asks.
    #[must_use]
    pub fn customer(mut self, customer: Customer) -> Self {
        self.customer = customer;
        self
    }

    /// A refund already made or attempted on the order.
    #[must_use]
    pub fn ledger_entry(mut self, entry: LedgerEntry) -> Self {
        self.ledger.push(entry);
        self
    }
}

impl Order {
    /// An order placed at `purchased_at` on the web channel, with no line or payment yet.
    pub fn new(currency: impl Into<String>, purchased_at: Timestamp) -> Self {
        Self {
            id: None,
            currency: currency.into(),
            channel: "web".to_owned(),
            delivery_country: None,
            store_region: None,
            purchased_at,
            delivered_at: None,
            lines: Vec::new(),
            discount: None,
            shipping: None,
            payments: Vec::new(),
        }
    }

    /// The store's order id.
    #[must_use]
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// The sales channel (`web`, `app`, `store`, `marketplace`...).
    #[must_use]
    pub fn channel(mut self, channel: impl Into<String>) -> Self {
        self.channel = channel.into();
        self
    }

    /// The country the order is delivered to (ISO 3166-1 alpha-2, such as `PT`).
    #[must_use]
    pub fn delivered_to(mut self, country: impl Into<String>) -> Self {
        self.delivery_country = Some(country.into());
        self
    }

    /// The store's region the order was sold in.
    #[must_use]
    pub fn store_region(mut self, region: impl Into<String>) -> Self {
        self.store_region = Some(region.into());
        self
    }

    /// When the customer received the order.
    #[must_use]
    pub fn delivered_at(mut self, at: Timestamp) -> Self {
        self.delivered_at = Some(at);
        self
    }

    /// Adds a line.
    #[must_use]
    pub fn line(mut self, line: OrderLine) -> Self {
        self.lines.push(line);
        self
    }

    /// The order-level discount (a coupon).
    #[must_use]
    pub fn discount(mut self, amount: Money) -> Self {
        self.discount = Some(amount);
        self
    }

    /// The outbound shipping charged.
    #[must_use]
    pub fn shipping(mut self, amount: Money) -> Self {
        self.shipping = Some(amount);
        self
    }

    /// Adds a captured payment.
    #[must_use]
    pub fn payment(mut self, payment: Payment) -> Self {
        self.payments.push(payment);
        self
    }
}

impl OrderLine {
    /// `quantity` units of a physical good at `unit_price` each, with no discount or tax of
    /// its own, not a final sale.
    pub fn new(
        id: impl Into<String>,
        category: impl Into<String>,
        quantity: u32,
        unit_price: Money,
    ) -> Self {
        Self {
            id: id.into(),
            category: category.into(),
            quantity,
            unit_price,
            discount: None,
            tax: None,
            final_sale: false,
            digital: false,
            downloaded: false,
        }
    }

    /// The discount on the whole line.
    #[must_use]
    pub fn discount(mut self, amount: Money) -> Self {
        self.discount = Some(amount);
        self
    }

    /// The tax collected on the whole line.
    #[must_use]
    pub fn tax(mut self, amount: Money) -> Self {
        self.tax = Some(amount);
        self
    }

    /// Sold as final sale.
    #[must_use]
    pub fn final_sale(mut self) -> Self {
        self.final_sale = true;
        self
    }

    /// A digital good, `downloaded` or not.
    #[must_use]
    pub fn digital(mut self, downloaded: bool) -> Self {
        self.digital = true;
        self.downloaded = downloaded;
        self
    }
}

impl Payment {
    /// A payment of `captured` by `method`, captured at `captured_at`.
    pub fn new(
        id: impl Into<String>,
        method: PaymentMethod,
        captured: Money,
        captured_at: Timestamp,
    ) -> Self {
        Self {
            id: id.into(),
            method,
            funding: None,
            captured,
            captured_at,
        }
    }

    /// For a wallet: the method funding it.
    #[must_use]
    pub fn funded_by(mut self, method: PaymentMethod) -> Self {
        self.funding = Some(method);
        self
    }
}

impl ReturnRequest {
    /// A request for `reason`, with no line yet (a duplicate charge needs none).
    pub fn new(reason: Reason) -> Self {
        Self {
            reason,
            condition: None,
            lines: Vec::new(),
            preferred_remedy: None,
            payment_id: None,
        }
    }

    /// Asks for `quantity` units of the order line `line_id`.
    #[must_use]
    pub fn line(mut self, line_id: impl Into<String>, quantity: u32) -> Self {
        self.lines.push(RequestLine {
            line_id: line_id.into(),
            quantity,
            received: None,
            condition: None,
        });
        self
    }

    /// The state of the items.
    #[must_use]
    pub fn condition(mut self, condition: ItemCondition) -> Self {
        self.condition = Some(condition);
        self
    }

    /// The remedy the customer prefers.
    #[must_use]
    pub fn preferred_remedy(mut self, remedy: Remedy) -> Self {
        self.preferred_remedy = Some(remedy);
        self
    }

    /// For a duplicate charge: the payment that duplicates another.
    #[must_use]
    pub fn duplicate_payment(mut self, payment_id: impl Into<String>) -> Self {
        self.payment_id = Some(payment_id.into());
        self
    }
}

impl Customer {
    /// A customer in good standing, addressed by `name`.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: Some(name.into()),
            ..Self::default()
        }
    }
}
