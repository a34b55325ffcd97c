//! Exact money: currencies with their minor units, checked arithmetic, named rounding and
//! allocation that never loses or invents a minor unit.
//!
//! In JSON, money is always `{"amount": "19.90", "currency": "BRL"}`. The amount is a
//! decimal string; a JSON number, an amount finer than the currency allows, or an unknown
//! currency is an error, never silently rounded.

mod allocate;
mod currency;

use std::fmt;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::canonical::Encode;
use crate::decode::{At, Decode, DecodeError};

pub use crate::error::MoneyError;
pub use allocate::split_minor;
pub use allocate::{allocate, allocate_in_units, Ratio};
pub use currency::{Currency, CurrencyTable, ProcessorOverrides, ISO_4217_TABLE_VERSION};

/// How to round to a currency's minor unit. Always named, never implied.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RoundingStrategy {
    /// Halves away from zero (2.665 -> 2.67): what shoppers expect on a receipt.
    #[default]
    HalfUp,
    /// Halves to the even neighbour (2.665 -> 2.66): banker's rounding.
    HalfEven,
    /// Toward zero (2.669 -> 2.66): never pays out more than the exact figure.
    Down,
    /// Away from zero (2.661 -> 2.67).
    Up,
}

impl RoundingStrategy {
    fn to_decimal(self) -> rust_decimal::RoundingStrategy {
        match self {
            Self::HalfUp => rust_decimal::RoundingStrategy::MidpointAwayFromZero,
            Self::HalfEven => rust_decimal::RoundingStrategy::MidpointNearestEven,
            Self::Down => rust_decimal::RoundingStrategy::ToZero,
            Self::Up => rust_decimal::RoundingStrategy::AwayFromZero,
        }
    }
}

/// An exact amount of one currency, never finer than the currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// Builds money from an amount and a currency.
    ///
    /// # Errors
    /// [`MoneyError::TooPrecise`] when `amount` is finer than the currency's minor unit;
    /// [`MoneyError::Overflow`] when it is too large to carry the currency's decimals.
    ///
    /// # Example
    /// ```
    /// use recourse_payments_base::money::{Currency, Money};
    /// let brl = Currency::from_code("BRL")?;
    /// let price = Money::new("19.90".parse().unwrap(), brl)?;
    /// assert_eq!(price.to_string(), "19.90 BRL");
    /// # Ok::<(), recourse_payments_base::money::MoneyError>(())
    /// ```
    pub fn new(amount: Decimal, currency: Currency) -> Result<Self, MoneyError> {
        if amount.normalize().scale() > currency.exponent() {
            return Err(MoneyError::TooPrecise);
        }
        let mut amount = amount;
        amount.rescale(currency.exponent());
        // `rescale` quietly keeps a smaller scale when the mantissa would overflow.
        if amount.scale() != currency.exponent() {
            return Err(MoneyError::Overflow);
        }
        Ok(Self { amount, currency })
    }

    /// Parses `"19.90"` and `"BRL"`.
    ///
    /// # Errors
    /// [`MoneyError::InvalidAmount`], [`MoneyError::UnknownCurrency`] or
    /// [`MoneyError::TooPrecise`].
    ///
    /// # Example
    /// ```
    /// use recourse_payments_base::money::{Money, MoneyError};
    /// assert_eq!(Money::parse("5800.5", "JPY"), Err(MoneyError::TooPrecise));
    /// assert_eq!(Money::parse("1.250", "KWD")?.to_string(), "1.250 KWD");
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn parse(amount: &str, currency: &str) -> Result<Self, MoneyError> {
        let currency = Currency::from_code(currency)?;
        Self::new(parse_decimal(amount)?, currency)
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        let mut amount = Decimal::ZERO;
        amount.rescale(currency.exponent());
        Self { amount, currency }
    }

    /// Builds money from an integer count of minor units (1990 BRL cents is 19.90 BRL).
    ///
    /// # Errors
    /// [`MoneyError::Overflow`] when the count does not fit.
    #[inline]
    pub fn from_minor(minor: i128, currency: Currency) -> Result<Self, MoneyError> {
        // One conversion for every size: it compiles to a copy of the parts, where the
        // `i64` constructor is a call.
        let amount = Decimal::try_from_i128_with_scale(minor, currency.exponent())
            .map_err(|_| MoneyError::Overflow)?;
        Ok(Self { amount, currency })
    }

    /// The amount in minor units (19.90 BRL is 1990).
    pub fn to_minor(&self) -> i128 {
        // `new` and every constructor keep the scale equal to the exponent.
        self.amount.mantissa()
    }

    /// Rounds an exact decimal to the currency's minor unit with a named strategy.
    ///
    /// # Example
    /// ```
    /// use recourse_payments_base::money::{Currency, Money, RoundingStrategy};
    /// let eur = Currency::from_code("EUR")?;
    /// let x: rust_decimal::Decimal = "2.665".parse().unwrap();
    /// assert_eq!(Money::round(x, eur, RoundingStrategy::HalfEven).to_string(), "2.66 EUR");
    /// assert_eq!(Money::round(x, eur, RoundingStrategy::HalfUp).to_string(), "2.67 EUR");
    /// # Ok::<(), recourse_payments_base::money::MoneyError>(())
    /// ```
    pub fn round(exact: Decimal, currency: Currency, strategy: RoundingStrategy) -> Self {
        let mut amount = exact.round_dp_with_strategy(currency.exponent(), strategy.to_decimal());
        amount.rescale(currency.exponent());
        Self { amount, currency }
    }

    /// The amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero.
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::Overflow`].
    pub fn checked_add(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_add(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self {
            amount,
            currency: self.currency,
        })
    }

    /// `self - other`.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`] or [`MoneyError::Overflow`].
    pub fn checked_sub(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        let amount = self
            .amount
            .checked_sub(other.amount)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self {
            amount,
            currency: self.currency,
        })
    }

    /// `self × factor`, rounded to the minor unit with `strategy`.
    ///
    /// # Errors
    /// [`MoneyError::Overflow`].
    pub fn checked_mul(
        &self,
        factor: Decimal,
        strategy: RoundingStrategy,
    ) -> Result<Self, MoneyError> {
        let exact = self
            .amount
            .checked_mul(factor)
            .ok_or(MoneyError::Overflow)?;
        Ok(Self::round(exact, self.currency, strategy))
    }

    /// The smaller of two amounts of the same currency.
    ///
    /// # Errors
    /// [`MoneyError::CurrencyMismatch`].
    pub fn min(&self, other: &Self) -> Result<Self, MoneyError> {
        self.same_currency(other)?;
        Ok(if other.amount < self.amount {
            *other
        } else {
            *self
        })
    }

    /// Checks that `processor` can represent this amount (its override may have fewer
    /// decimals than ISO 4217).
    ///
    /// # Errors
    /// [`MoneyError::UnsupportedByProcessor`] or [`MoneyError::UnknownProcessor`].
    pub fn check_processor(
        &self,
        table: &CurrencyTable,
        processor: &str,
    ) -> Result<(), MoneyError> {
        if !table.has_processor(processor) {
            return Err(MoneyError::UnknownProcessor);
        }
        if self.amount.normalize().scale() > table.exponent_for(self.currency, Some(processor)) {
            return Err(MoneyError::UnsupportedByProcessor);
        }
        Ok(())
    }

    fn same_currency(&self, other: &Self) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch)
        }
    }
}

impl Money {
    /// Appends the amount as `Display` writes it (`12.50 USD`), without the formatting
    /// machinery: receipts write many amounts per answer.
    ///
    /// ```
    /// use recourse_payments_base::money::Money;
    /// let mut text = String::from("total ");
    /// Money::parse("12.5", "USD")?.push_text(&mut text);
    /// assert_eq!(text, "total 12.50 USD");
    /// # Ok::<(), recourse_payments_base::money::MoneyError>(())
    /// ```
    pub fn push_text(&self, out: &mut String) {
        crate::canonical::push_decimal_text(out, &self.amount);
        out.push(' ');
        out.push_str(self.currency.code());
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::with_capacity(28);
        self.push_text(&mut text);
        f.write_str(&text)
    }
}

/// Parses a plain decimal string: an optional `-`, digits, and an optional fraction.
/// Exponents, `+`, spaces and thousands separators are refused: amounts must be unambiguous.
pub fn parse_decimal(text: &str) -> Result<Decimal, MoneyError> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if text.len() > 40 || !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return Err(MoneyError::InvalidAmount);
    }
    // `from_str` as it reads text without an exponent (checked above), without compiling
    // its fallback for scientific notation.
    Decimal::from_str_radix(text, 10).map_err(|_| MoneyError::InvalidAmount)
}

/// The minor units of an amount written as plain digits with at most `exponent` decimals
/// (`"349.9"` at 2 is 34990), as [`Money::new`] of [`parse_decimal`] reads it; `None` for
/// any other text (a sign, more decimals, more than 18 digits), which that reading decides.
#[cfg(feature = "direct-read")]
fn plain_minor(text: &str, exponent: u32) -> Option<i64> {
    let (whole, fraction) = match text.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (text, ""),
    };
    let places = u32::try_from(fraction.len()).ok()?;
    if whole.is_empty() || places > exponent || whole.len() + exponent as usize > 18 {
        return None;
    }
    let mut minor: i64 = 0;
    for byte in whole.bytes().chain(fraction.bytes()) {
        if !byte.is_ascii_digit() {
            return None;
        }
        minor = minor * 10 + i64::from(byte - b'0');
    }
    Some(minor * 10_i64.pow(exponent - places))
}

#[derive(Serialize, Decode, JsonSchema)]
#[serde(
    deny_unknown_fields,
    expecting = "money as {\"amount\": \"19.90\", \"currency\": \"BRL\"}"
)]
#[schemars(
    title = "Money",
    description = "An exact amount: a decimal string and an ISO 4217 code."
)]
struct MoneyJson {
    /// A decimal string such as "19.90", never finer than the currency's minor unit.
    #[schemars(regex(pattern = r"^-?[0-9]+(\.[0-9]+)?$"), example = &"19.90")]
    amount: AmountText,
    /// ISO 4217 alphabetic code, such as "BRL".
    #[schemars(regex(pattern = r"^[A-Z]{3}$"), example = &"BRL")]
    currency: String,
}

/// The amount as it arrives: only a JSON string is accepted.
#[derive(Serialize, JsonSchema)]
#[serde(transparent)]
struct AmountText(String);

impl Decode for AmountText {
    /// Any other JSON type (numbers above all) is refused with the money code.
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        match value {
            serde_json::Value::String(text) => Ok(Self(text.clone())),
            _ => Err(DecodeError::coded(at, MoneyError::InvalidAmount)),
        }
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut crate::decode::Reader<'_>) -> Option<Self> {
        reader.string().map(|text| Self(text.to_owned()))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// The amount written as its decimal text, with no `String` in between.
        struct Amount<'a>(&'a Decimal);
        impl Serialize for Amount<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self.0)
            }
        }
        // The shape of `MoneyJson`.
        use serde::ser::SerializeStruct;
        let mut money = serializer.serialize_struct("Money", 2)?;
        money.serialize_field("amount", &Amount(&self.amount))?;
        money.serialize_field("currency", self.currency.code())?;
        money.end()
    }
}

impl Encode for Money {
    /// The shape of `MoneyJson`.
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        out.raw("{\"amount\":");
        out.decimal_string(&self.amount);
        out.raw(",\"currency\":");
        out.string(self.currency.code());
        out.raw("}");
    }
}

impl Decode for Money {
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        let raw = MoneyJson::decode(value, at)?;
        let coded = |e: MoneyError| DecodeError::coded(at, e);
        let currency = Currency::from_code(&raw.currency).map_err(coded)?;
        let amount = parse_decimal(&raw.amount.0).map_err(coded)?;
        Money::new(amount, currency).map_err(coded)
    }

    /// The money's two strings (`amount`, `currency`), borrowed from the text.
    #[cfg(feature = "direct-read")]
    fn read(reader: &mut crate::decode::Reader<'_>) -> Option<Self> {
        reader.object()?;
        let (mut amount, mut currency) = (None, None);
        let mut first = true;
        while let Some(key) = reader.key(&mut first)? {
            let slot = match key {
                "amount" => &mut amount,
                "currency" => &mut currency,
                _ => return None,
            };
            if slot.replace(reader.string()?).is_some() {
                return None;
            }
        }
        let (amount, currency) = (amount?, Currency::from_code(currency?).ok()?);
        match plain_minor(amount, currency.exponent()) {
            Some(minor) => Money::from_minor(minor.into(), currency).ok(),
            None => Money::new(parse_decimal(amount).ok()?, currency).ok(),
        }
    }

    fn write_path(steps: &[crate::decode::Step<'_>], out: &mut String) {
        MoneyJson::write_path(steps, out);
    }
}

crate::decode::deserialize_through_decode!(Money);

impl JsonSchema for Money {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Money".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        MoneyJson::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn from_json(json: &str) -> Result<Money, String> {
        serde_json::from_str::<Money>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn json_round_trip_keeps_minor_units() {
        let m = from_json(r#"{"amount":"19.9","currency":"BRL"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"amount":"19.90","currency":"BRL"}"#
        );
        let m = from_json(r#"{"amount":"5800","currency":"JPY"}"#).unwrap();
        assert_eq!(m.to_minor(), 5800);
        let m = from_json(r#"{"amount":"1.25","currency":"KWD"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"amount":"1.250","currency":"KWD"}"#
        );
    }

    #[test]
    fn bad_amounts_are_refused_with_their_code() {
        for (json, code) in [
            (
                r#"{"amount":19.9,"currency":"BRL"}"#,
                "input.invalid_amount",
            ),
            (
                r#"{"amount":"1e3","currency":"BRL"}"#,
                "input.invalid_amount",
            ),
            (
                r#"{"amount":"+1","currency":"BRL"}"#,
                "input.invalid_amount",
            ),
            (
                r#"{"amount":"1,00","currency":"BRL"}"#,
                "input.invalid_amount",
            ),
            (r#"{"amount":"","currency":"BRL"}"#, "input.invalid_amount"),
            (
                r#"{"amount":"5800.5","currency":"JPY"}"#,
                "input.amount_too_precise",
            ),
            (
                r#"{"amount":"1.0001","currency":"KWD"}"#,
                "input.amount_too_precise",
            ),
            (
                r#"{"amount":"1.00","currency":"XYZ"}"#,
                "input.unknown_currency",
            ),
        ] {
            let err = from_json(json).unwrap_err();
            assert!(err.contains(code), "{json}: {err}");
        }
    }

    #[test]
    fn arithmetic_refuses_mixed_currencies() {
        let a = Money::parse("1.00", "BRL").unwrap();
        let b = Money::parse("1.00", "EUR").unwrap();
        assert_eq!(a.checked_add(&b), Err(MoneyError::CurrencyMismatch));
        assert_eq!(a.checked_sub(&b), Err(MoneyError::CurrencyMismatch));
        assert_eq!(a.checked_add(&a).unwrap().to_string(), "2.00 BRL");
    }

    #[test]
    fn rounding_strategies_are_distinct() {
        let eur = Currency::from_code("EUR").unwrap();
        let x = Decimal::from_str("-2.665").unwrap();
        let r = |s| Money::round(x, eur, s).to_string();
        assert_eq!(r(RoundingStrategy::HalfUp), "-2.67 EUR");
        assert_eq!(r(RoundingStrategy::HalfEven), "-2.66 EUR");
        assert_eq!(r(RoundingStrategy::Down), "-2.66 EUR");
        assert_eq!(r(RoundingStrategy::Up), "-2.67 EUR");
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Money::new(Decimal::MAX, Currency::from_code("JPY").unwrap()).unwrap();
        assert_eq!(big.checked_add(&big), Err(MoneyError::Overflow));
        let eur = Currency::from_code("EUR").unwrap();
        assert_eq!(Money::new(Decimal::MAX, eur), Err(MoneyError::Overflow));
    }

    // The tests below kill what mutation testing found surviving in this module.

    #[test]
    fn zero_and_negative_are_told_apart() {
        let zero = Money::parse("0.00", "EUR").unwrap();
        let minus_zero = Money::parse("-0.00", "EUR").unwrap();
        let cent = Money::parse("0.01", "EUR").unwrap();
        let minus_cent = Money::parse("-0.01", "EUR").unwrap();
        assert!(zero.is_zero() && minus_zero.is_zero());
        assert!(!cent.is_zero() && !minus_cent.is_zero());
        assert!(minus_cent.is_negative());
        // A negative zero is zero, never below it.
        assert!(!minus_zero.is_negative() && !zero.is_negative() && !cent.is_negative());
    }

    #[test]
    fn min_takes_the_smaller_and_refuses_another_currency() {
        let one = Money::parse("1.00", "EUR").unwrap();
        let two = Money::parse("2.00", "EUR").unwrap();
        assert_eq!(one.min(&two), Ok(one));
        assert_eq!(two.min(&one), Ok(one));
        assert_eq!(two.min(&two), Ok(two));
        let minus = Money::parse("-3.00", "EUR").unwrap();
        assert_eq!(one.min(&minus), Ok(minus));
        let dollar = Money::parse("1.00", "USD").unwrap();
        assert_eq!(one.min(&dollar), Err(MoneyError::CurrencyMismatch));
    }

    #[test]
    fn a_processor_takes_only_the_decimals_it_knows() {
        let overrides = [("HUF".to_owned(), 0)].into_iter().collect();
        let table = CurrencyTable::new([("stripe".to_owned(), overrides)].into()).unwrap();
        let whole = Money::parse("1000", "HUF").unwrap();
        let fine = Money::parse("1000.50", "HUF").unwrap();
        assert_eq!(whole.check_processor(&table, "stripe"), Ok(()));
        assert_eq!(
            fine.check_processor(&table, "stripe"),
            Err(MoneyError::UnsupportedByProcessor)
        );
        // The ISO exponent holds where the processor has no override.
        let euro = Money::parse("10.55", "EUR").unwrap();
        assert_eq!(euro.check_processor(&table, "stripe"), Ok(()));
        assert_eq!(
            fine.check_processor(&table, "adyen"),
            Err(MoneyError::UnknownProcessor)
        );
        // Exactly the processor's decimals is accepted, one more is not.
        let two = [("EUR".to_owned(), 1)].into_iter().collect();
        let table = CurrencyTable::new([("p".to_owned(), two)].into()).unwrap();
        assert_eq!(
            Money::parse("10.50", "EUR")
                .unwrap()
                .check_processor(&table, "p"),
            Ok(())
        );
        assert_eq!(
            Money::parse("10.55", "EUR")
                .unwrap()
                .check_processor(&table, "p"),
            Err(MoneyError::UnsupportedByProcessor)
        );
    }

    #[test]
    fn an_amount_of_40_characters_is_read_and_one_of_41_refused() {
        let forty = format!("{}1.5", "0".repeat(37));
        assert_eq!(forty.len(), 40);
        assert_eq!(parse_decimal(&forty), Ok(Decimal::from_str("1.5").unwrap()));
        let forty_one = format!("0{forty}");
        assert_eq!(parse_decimal(&forty_one), Err(MoneyError::InvalidAmount));
    }

    #[test]
    fn money_is_encoded_canonically_and_named_in_paths() {
        let m = Money::parse("1.5", "EUR").unwrap();
        assert_eq!(
            crate::canonical::encode(&m).unwrap(),
            r#"{"amount":"1.50","currency":"EUR"}"#
        );
        let limits = crate::limits::Limits {
            max_list: 2,
            ..crate::limits::Limits::default()
        };
        let e = limits
            .check::<Money>(br#"{"amount": [1, 2, 3]}"#)
            .unwrap_err();
        assert_eq!(e.path(), "amount[2]");
        let schema = serde_json::to_value(schemars::schema_for!(Money)).unwrap();
        assert_eq!(schema["title"], "Money", "{schema}");
        assert!(
            schema.to_string().contains(r#""pattern":"^[A-Z]{3}$""#),
            "{schema}"
        );
    }

    #[cfg(feature = "direct-read")]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(8192))]

        /// Plain digits read as minor units are the money the decimal reading makes, to
        /// the bit (sign, scale and mantissa).
        #[test]
        fn plain_minor_units_are_the_decimal_reading(
            text in "-?[0-9]{0,20}(\\.[0-9]{0,6})?|[0-9.]{0,8}|\\PC{0,6}",
            code in proptest::sample::select(vec!["JPY", "BRL", "KWD", "CLF"]),
        ) {
            let currency = Currency::from_code(code).map_err(|e| proptest::test_runner::TestCaseError::fail(e.to_string()))?;
            if let Some(minor) = plain_minor(&text, currency.exponent()) {
                let plain = Money::from_minor(minor.into(), currency);
                let decimal = parse_decimal(&text).and_then(|d| Money::new(d, currency));
                proptest::prop_assert_eq!(
                    plain.map(|m| m.amount().serialize()),
                    decimal.map(|m| m.amount().serialize()),
                    "{:?} {}",
                    text,
                    code
                );
            }
        }
    }

    #[cfg(feature = "direct-read")]
    #[test]
    fn plain_amounts_are_read_as_minor_units() {
        assert_eq!(plain_minor("349.9", 2), Some(34990));
        assert_eq!(plain_minor("007", 0), Some(7));
        assert_eq!(plain_minor("1.250", 3), Some(1250));
        for text in [
            "-1",
            "1.",
            ".5",
            "1.234",
            "1e2",
            "+1",
            "",
            "9999999999999999999",
        ] {
            assert_eq!(plain_minor(text, 2), None, "{text}");
        }
    }
}
