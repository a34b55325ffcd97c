//! ISO 4217 currencies and their minor units, as versioned data, with per-processor overrides.

use std::collections::BTreeMap;

use super::MoneyError;

/// The edition of the ISO 4217 list the table below follows.
pub const ISO_4217_TABLE_VERSION: &str = "ISO 4217, list one as amended to 2026-01-01";

/// A currency: its ISO 4217 alphabetic code and the number of decimal places of its minor
/// unit (2 for BRL and EUR, 0 for JPY, 3 for KWD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency {
    code: &'static str,
    exponent: u32,
}

impl Currency {
    /// Looks up an ISO 4217 code (upper case, three letters).
    ///
    /// # Errors
    /// [`MoneyError::UnknownCurrency`] when the code is not an active ISO 4217 currency with a
    /// minor unit.
    ///
    /// # Example
    /// ```
    /// let jpy = recourse_payments_base::money::Currency::from_code("JPY")?;
    /// assert_eq!(jpy.exponent(), 0);
    /// # Ok::<(), recourse_payments_base::money::MoneyError>(())
    /// ```
    pub fn from_code(code: &str) -> Result<Self, MoneyError> {
        // Every code of the table is three bytes: another length is none of them. Three
        // bytes packed big-endian into a `u32` order as the text does, so the search
        // compares integers rather than strings.
        let key = packed(code).ok_or(MoneyError::UnknownCurrency)?;
        ISO_4217
            .binary_search_by(|(c, _)| packed(c).unwrap_or(0).cmp(&key))
            .ok()
            .and_then(|i| ISO_4217.get(i))
            .map(|&(code, exponent)| Self { code, exponent })
            .ok_or(MoneyError::UnknownCurrency)
    }

    /// The alphabetic code, such as `BRL`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// Decimal places of the minor unit under ISO 4217.
    pub fn exponent(&self) -> u32 {
        self.exponent
    }
}

/// A three-byte code as one integer, big-endian (so ordered as the text); `None` for any
/// other length.
fn packed(code: &str) -> Option<u32> {
    match *code.as_bytes() {
        [a, b, c] => Some(u32::from_be_bytes([0, a, b, c])),
        _ => None,
    }
}

/// Minor-unit overrides for one payment processor: codes whose amounts the processor
/// represents with fewer (or more) decimals than ISO 4217 says.
pub type ProcessorOverrides = BTreeMap<String, u32>;

/// The currencies an engine knows: ISO 4217 plus the overrides of each named processor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CurrencyTable {
    processors: BTreeMap<String, ProcessorOverrides>,
}

impl CurrencyTable {
    /// A table with the given per-processor overrides.
    ///
    /// # Errors
    /// [`MoneyError::UnknownCurrency`] when an override names a code that is not in ISO 4217,
    /// with the processor as the path (a key that is no currency is not repeated);
    /// [`MoneyError::InvalidExponent`] for more than 4 decimals, with the processor and the
    /// code as the path.
    pub fn new(
        processors: BTreeMap<String, ProcessorOverrides>,
    ) -> Result<Self, (String, MoneyError)> {
        for (name, codes) in &processors {
            for (code, exponent) in codes {
                Currency::from_code(code).map_err(|e| (name.clone(), e))?;
                if *exponent > 4 {
                    return Err((format!("{name}.{code}"), MoneyError::InvalidExponent));
                }
            }
        }
        Ok(Self { processors })
    }

    /// The decimal places `processor` accepts for `currency` (ISO 4217 when it has no
    /// override, or when no processor is named).
    pub fn exponent_for(&self, currency: Currency, processor: Option<&str>) -> u32 {
        processor
            .and_then(|p| self.processors.get(p))
            .and_then(|o| o.get(currency.code()))
            .copied()
            .unwrap_or(currency.exponent())
    }

    /// Whether a processor of that name is configured.
    pub fn has_processor(&self, processor: &str) -> bool {
        self.processors.contains_key(processor)
    }
}

/// Active ISO 4217 currencies that have a minor unit, sorted by code. Funds codes and
/// precious metals without a minor unit (XAU, XDR, ...) are left out: they are not money a
/// shop charges. Withdrawn: ANG (replaced by XCG, 2025), BGN (euro, 2026), HRK, SLL, ZWL.
const ISO_4217: &[(&str, u32)] = &[
    ("AED", 2),
    ("AFN", 2),
    ("ALL", 2),
    ("AMD", 2),
    ("AOA", 2),
    ("ARS", 2),
    ("AUD", 2),
    ("AWG", 2),
    ("AZN", 2),
    ("BAM", 2),
    ("BBD", 2),
    ("BDT", 2),
    ("BHD", 3),
    ("BIF", 0),
    ("BMD", 2),
    ("BND", 2),
    ("BOB", 2),
    ("BOV", 2),
    ("BRL", 2),
    ("BSD", 2),
    ("BTN", 2),
    ("BWP", 2),
    ("BYN", 2),
    ("BZD", 2),
    ("CAD", 2),
    ("CDF", 2),
    ("CHE", 2),
    ("CHF", 2),
    ("CHW", 2),
    ("CLF", 4),
    ("CLP", 0),
    ("CNY", 2),
    ("COP", 2),
    ("COU", 2),
    ("CRC", 2),
    ("CUP", 2),
    ("CVE", 2),
    ("CZK", 2),
    ("DJF", 0),
    ("DKK", 2),
    ("DOP", 2),
    ("DZD", 2),
    ("EGP", 2),
    ("ERN", 2),
    ("ETB", 2),
    ("EUR", 2),
    ("FJD", 2),
    ("FKP", 2),
    ("GBP", 2),
    ("GEL", 2),
    ("GHS", 2),
    ("GIP", 2),
    ("GMD", 2),
    ("GNF", 0),
    ("GTQ", 2),
    ("GYD", 2),
    ("HKD", 2),
    ("HNL", 2),
    ("HTG", 2),
    ("HUF", 2),
    ("IDR", 2),
    ("ILS", 2),
    ("INR", 2),
    ("IQD", 3),
    ("IRR", 2),
    ("ISK", 0),
    ("JMD", 2),
    ("JOD", 3),
    ("JPY", 0),
    ("KES", 2),
    ("KGS", 2),
    ("KHR", 2),
    ("KMF", 0),
    ("KPW", 2),
    ("KRW", 0),
    ("KWD", 3),
    ("KYD", 2),
    ("KZT", 2),
    ("LAK", 2),
    ("LBP", 2),
    ("LKR", 2),
    ("LRD", 2),
    ("LSL", 2),
    ("LYD", 3),
    ("MAD", 2),
    ("MDL", 2),
    ("MGA", 2),
    ("MKD", 2),
    ("MMK", 2),
    ("MNT", 2),
    ("MOP", 2),
    ("MRU", 2),
    ("MUR", 2),
    ("MVR", 2),
    ("MWK", 2),
    ("MXN", 2),
    ("MXV", 2),
    ("MYR", 2),
    ("MZN", 2),
    ("NAD", 2),
    ("NGN", 2),
    ("NIO", 2),
    ("NOK", 2),
    ("NPR", 2),
    ("NZD", 2),
    ("OMR", 3),
    ("PAB", 2),
    ("PEN", 2),
    ("PGK", 2),
    ("PHP", 2),
    ("PKR", 2),
    ("PLN", 2),
    ("PYG", 0),
    ("QAR", 2),
    ("RON", 2),
    ("RSD", 2),
    ("RUB", 2),
    ("RWF", 0),
    ("SAR", 2),
    ("SBD", 2),
    ("SCR", 2),
    ("SDG", 2),
    ("SEK", 2),
    ("SGD", 2),
    ("SHP", 2),
    ("SLE", 2),
    ("SOS", 2),
    ("SRD", 2),
    ("SSP", 2),
    ("STN", 2),
    ("SVC", 2),
    ("SYP", 2),
    ("SZL", 2),
    ("THB", 2),
    ("TJS", 2),
    ("TMT", 2),
    ("TND", 3),
    ("TOP", 2),
    ("TRY", 2),
    ("TTD", 2),
    ("TWD", 2),
    ("TZS", 2),
    ("UAH", 2),
    ("UGX", 0),
    ("USD", 2),
    ("USN", 2),
    ("UYI", 0),
    ("UYU", 2),
    ("UYW", 4),
    ("UZS", 2),
    ("VED", 2),
    ("VES", 2),
    ("VND", 0),
    ("VUV", 0),
    ("WST", 2),
    ("XAF", 0),
    ("XCD", 2),
    ("XCG", 2),
    ("XOF", 0),
    ("XPF", 0),
    ("YER", 2),
    ("ZAR", 2),
    ("ZMW", 2),
    ("ZWG", 2),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        assert!(ISO_4217
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 < b.0)));
    }

    #[test]
    fn exponents_follow_iso() {
        for (code, exp) in [
            ("JPY", 0),
            ("KRW", 0),
            ("CLP", 0),
            ("VND", 0),
            ("ISK", 0),
            ("KWD", 3),
            ("BHD", 3),
            ("OMR", 3),
            ("JOD", 3),
            ("TND", 3),
            ("LYD", 3),
            ("IQD", 3),
            ("BRL", 2),
            ("EUR", 2),
        ] {
            assert_eq!(
                Currency::from_code(code).map(|c| c.exponent()),
                Ok(exp),
                "{code}"
            );
        }
        assert_eq!(Currency::from_code("XXX"), Err(MoneyError::UnknownCurrency));
        assert_eq!(Currency::from_code("brl"), Err(MoneyError::UnknownCurrency));
    }

    /// The lookup as it was: the table searched by text.
    fn by_text(code: &str) -> Option<(&'static str, u32)> {
        ISO_4217.iter().find(|(c, _)| *c == code).copied()
    }

    #[test]
    fn every_code_is_three_bytes_and_found() {
        for &(code, exponent) in ISO_4217 {
            assert_eq!(code.len(), 3, "{code}");
            assert_eq!(
                Currency::from_code(code),
                Ok(Currency { code, exponent }),
                "{code}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The packed search finds exactly what the table holds, for codes near the table's
        /// (a letter or two changed, any case, any length) and any text at all.
        #[test]
        fn the_lookup_is_the_tables(
            pick in 0..ISO_4217.len(),
            edit in "[A-Za-z\\x00-\\x7f\\u{80}-\\u{10ffff}]{0,2}",
            at in 0usize..4,
            any in "\\PC{0,5}",
        ) {
            let base = ISO_4217.get(pick).map_or("BRL", |(c, _)| *c);
            // The code with its letter `at` replaced by `edit` (or `edit` added at the end).
            let mut near: String = base.chars().take(at).collect();
            near.push_str(&edit);
            near.extend(base.chars().skip(at + 1));
            for code in [base, near.as_str(), any.as_str()] {
                let found = Currency::from_code(code).ok().map(|c| (c.code, c.exponent));
                proptest::prop_assert_eq!(found, by_text(code), "{:?}", code);
            }
        }
    }

    #[test]
    fn processor_overrides_apply_only_to_their_processor() {
        let mut huf = ProcessorOverrides::new();
        huf.insert("HUF".into(), 0);
        let table = CurrencyTable::new([("stripe".to_owned(), huf)].into()).ok();
        let table = table.unwrap_or_default();
        let forint = Currency::from_code("HUF").unwrap_or(Currency {
            code: "HUF",
            exponent: 2,
        });
        assert_eq!(table.exponent_for(forint, Some("stripe")), 0);
        assert_eq!(table.exponent_for(forint, Some("adyen")), 2);
        assert_eq!(table.exponent_for(forint, None), 2);
    }
}
