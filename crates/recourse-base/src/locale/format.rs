//! Money amounts, decimal numbers and dates written the way each language writes them.
//!
//! Every capability that speaks to a customer formats through these functions, so an amount
//! or a date reads the same in a refund sentence, a policy's text or a follow-up:
//!
//! | locale | money              | EUR in the locale | date            |
//! |--------|--------------------|-------------------|-----------------|
//! | en     | `1,234.56 BRL`     | `1,234.56 EUR`    | `7 March 2026`  |
//! | pt-BR  | `R$ 1.234,56`      | `1.234,56 EUR`    | `07/03/2026`    |
//! | es     | `1.234,56 BRL`     | `1.234,56 €`      | `07/03/2026`    |
//! | el     | `1.234,56 BRL`     | `1.234,56 €`      | `07/03/2026`    |
//!
//! Amounts are written from their exact minor units, with as many decimals as the currency
//! has (none for JPY, three for KWD): nothing is rounded and no float is involved.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::Locale;
use crate::money::Money;

impl Locale {
    /// The character between the whole part and the decimals: `.` in English, `,` in
    /// Brazilian Portuguese, Spanish and Greek.
    ///
    /// ```
    /// use recourse_payments_base::locale::Locale;
    /// assert_eq!(Locale::En.decimal_separator(), '.');
    /// assert_eq!(Locale::El.decimal_separator(), ',');
    /// ```
    pub fn decimal_separator(self) -> char {
        self.pick(['.', ',', ',', ','])
    }

    /// The character between groups of three digits: `,` in English, `.` in Brazilian
    /// Portuguese, Spanish and Greek.
    ///
    /// ```
    /// use recourse_payments_base::locale::Locale;
    /// assert_eq!(Locale::En.group_separator(), ',');
    /// assert_eq!(Locale::PtBr.group_separator(), '.');
    /// ```
    pub fn group_separator(self) -> char {
        self.pick([',', '.', '.', '.'])
    }
}

/// An amount as `locale` writes it: digits grouped by thousands, the currency's decimals
/// after the locale's separator, and the currency as the locale names it (`R$` before a
/// real in Brazilian Portuguese, `€` after a euro in Spanish and Greek, the ISO code after
/// the amount otherwise).
///
/// # Example
/// ```
/// use recourse_payments_base::locale::{format, Locale};
/// use recourse_payments_base::money::Money;
/// let brl = Money::parse("1234.50", "BRL")?;
/// assert_eq!(format::money(&brl, Locale::En), "1,234.50 BRL");
/// assert_eq!(format::money(&brl, Locale::PtBr), "R$ 1.234,50");
/// let eur = Money::parse("-5", "EUR")?;
/// assert_eq!(format::money(&eur, Locale::Es), "-5,00 €");
/// assert_eq!(format::money(&Money::parse("1234567", "JPY")?, Locale::El), "1.234.567 JPY");
/// # Ok::<(), recourse_payments_base::money::MoneyError>(())
/// ```
pub fn money(amount: &Money, locale: Locale) -> String {
    let mut out = String::with_capacity(24);
    push_money(&mut out, amount, locale);
    out
}

/// Appends [`money`]`(amount, locale)` to `out`, for a caller building a longer text.
///
/// # Example
/// ```
/// use recourse_payments_base::locale::{format, Locale};
/// use recourse_payments_base::money::Money;
/// let mut text = String::from("Total: ");
/// format::push_money(&mut text, &Money::parse("0.05", "BRL")?, Locale::PtBr);
/// assert_eq!(text, "Total: R$ 0,05");
/// # Ok::<(), recourse_payments_base::money::MoneyError>(())
/// ```
pub fn push_money(out: &mut String, amount: &Money, locale: Locale) {
    let code = amount.currency().code();
    let exponent = amount.currency().exponent();
    let minor = amount.to_minor();
    let real_in_portuguese = locale == Locale::PtBr && code == "BRL";
    if real_in_portuguese {
        out.push_str("R$ ");
    }
    if minor < 0 {
        out.push('-');
    }
    let abs = minor.unsigned_abs();
    // A currency has at most a handful of decimals; a scale past u128 would mean none.
    let scale = 10_u128.checked_pow(exponent).unwrap_or(1);
    push_digits(out, abs / scale, Some(locale.group_separator()), 1);
    if exponent > 0 && scale > 1 {
        out.push(locale.decimal_separator());
        push_digits(out, abs % scale, None, exponent as usize);
    }
    if !real_in_portuguese {
        if matches!(locale, Locale::Es | Locale::El) && code == "EUR" {
            out.push_str(" €");
        } else {
            out.push(' ');
            out.push_str(code);
        }
    }
}

/// A decimal number (a percentage, a rate) as `locale` writes it: the digits as given, with
/// the locale's decimal separator and no grouping. The scale is the caller's: normalize
/// first to drop trailing zeros.
///
/// # Example
/// ```
/// use recourse_payments_base::locale::{format, Locale};
/// use rust_decimal::Decimal;
/// let pct = Decimal::new(125, 1); // 12.5
/// assert_eq!(format::decimal(pct, Locale::En), "12.5");
/// assert_eq!(format::decimal(pct, Locale::PtBr), "12,5");
/// assert_eq!(format::decimal(Decimal::new(15, 0), Locale::El), "15");
/// ```
pub fn decimal(value: Decimal, locale: Locale) -> String {
    let text = value.to_string();
    match locale.decimal_separator() {
        '.' => text,
        sep => text.replace('.', sep.encode_utf8(&mut [0; 4])),
    }
}

/// A calendar date as `locale` writes it: `7 March 2026` in English, `07/03/2026` (day,
/// month, year) in Brazilian Portuguese, Spanish and Greek.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use recourse_payments_base::locale::{format, Locale};
/// let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
/// assert_eq!(format::date(d, Locale::En), "7 March 2026");
/// assert_eq!(format::date(d, Locale::Es), "07/03/2026");
/// ```
pub fn date(date: NaiveDate, locale: Locale) -> String {
    let mut out = String::with_capacity(20);
    push_date(&mut out, date, locale);
    out
}

/// Appends [`date`]`(day, locale)` to `out`, for a caller building a longer text.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use recourse_payments_base::locale::{format, Locale};
/// let mut text = String::from("until ");
/// let d = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
/// format::push_date(&mut text, d, Locale::PtBr);
/// assert_eq!(text, "until 31/12/2026");
/// ```
pub fn push_date(out: &mut String, day: NaiveDate, locale: Locale) {
    let year = u128::try_from(day.year()).unwrap_or(0);
    match locale {
        Locale::En => {
            push_digits(out, u128::from(day.day()), None, 1);
            out.push(' ');
            out.push_str(MONTHS_EN.get(day.month0() as usize).copied().unwrap_or(""));
            out.push(' ');
            push_digits(out, year, None, 4);
        }
        Locale::PtBr | Locale::Es | Locale::El => {
            push_digits(out, u128::from(day.day()), None, 2);
            out.push('/');
            push_digits(out, u128::from(day.month()), None, 2);
            out.push('/');
            push_digits(out, year, None, 4);
        }
    }
}

/// A date as `YYYY-MM-DD` (ISO 8601), the same in every language: for fields a program
/// reads rather than sentences a customer reads.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use recourse_payments_base::locale::format;
/// let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
/// assert_eq!(format::iso_date(d), "2026-03-07");
/// ```
pub fn iso_date(day: NaiveDate) -> String {
    let mut out = String::with_capacity(10);
    push_digits(&mut out, u128::try_from(day.year()).unwrap_or(0), None, 4);
    out.push('-');
    push_digits(&mut out, u128::from(day.month()), None, 2);
    out.push('-');
    push_digits(&mut out, u128::from(day.day()), None, 2);
    out
}

/// Appends `n` in decimal digits, zero-padded to `width`, grouped by thousands with `group`
/// when given.
fn push_digits(out: &mut String, n: u128, group: Option<char>, width: usize) {
    // Days, months and cents: one or two digits, written without the loop.
    if n < 100 && width <= 2 {
        let (tens, ones) = ((n / 10) as u8, (n % 10) as u8);
        if tens > 0 || width == 2 {
            out.push(char::from(b'0' + tens));
        }
        out.push(char::from(b'0' + ones));
        return;
    }
    // Years and most amounts' units: up to four digits, padding included (three when
    // grouped, so that no separator falls among them), written without the loop.
    let (most, below) = if group.is_some() {
        (3, 1000)
    } else {
        (4, 10_000)
    };
    if width <= most && n < below {
        let small = n as u16;
        let len = if small < 1000 { 3 } else { 4 };
        let digits = [small / 1000, small / 100 % 10, small / 10 % 10, small % 10];
        let skip = 4 - len.max(width);
        for &d in digits.get(skip..).unwrap_or(&[]) {
            out.push(char::from(b'0' + d as u8));
        }
        return;
    }
    // u128::MAX has 39 digits; wider padding is capped there.
    let mut digits = [0_u8; 40];
    let mut len = 0;
    // Most amounts fit 64 bits, where division is cheap.
    match u64::try_from(n) {
        Ok(mut small) => {
            while len < digits.len() && (small > 0 || len == 0 || len < width) {
                if let Some(d) = digits.get_mut(len) {
                    *d = b'0' + (small % 10) as u8;
                }
                small /= 10;
                len += 1;
            }
        }
        Err(_) => {
            let mut big = n;
            while len < digits.len() && (big > 0 || len == 0 || len < width) {
                if let Some(d) = digits.get_mut(len) {
                    *d = b'0' + (big % 10) as u8;
                }
                big /= 10;
                len += 1;
            }
        }
    }
    for i in (0..len).rev() {
        out.push(char::from(digits.get(i).copied().unwrap_or(b'0')));
        if i > 0 && i % 3 == 0 {
            if let Some(g) = group {
                out.push(g);
            }
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn m(amount: &str, currency: &str) -> Money {
        Money::parse(amount, currency).unwrap()
    }

    fn ymd(y: i32, mo: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, mo, d).unwrap()
    }

    /// `n` zero-padded to `width` (at most 40 digits) and grouped by thousands with `group`:
    /// the reference of [`push_digits`], through the standard formatting.
    fn padded_and_grouped(n: u128, group: Option<char>, width: usize) -> String {
        let plain = format!("{n:0width$}");
        let plain = plain
            .get(plain.len().saturating_sub(40.max(n.to_string().len()))..)
            .unwrap();
        let mut expected = String::new();
        for (i, c) in plain.chars().enumerate() {
            let left = plain.len() - i;
            expected.push(c);
            if left > 1 && (left - 1) % 3 == 0 {
                if let Some(g) = group {
                    expected.push(g);
                }
            }
        }
        expected
    }

    proptest::proptest! {
        #[test]
        fn digits_are_the_number_padded_and_grouped(
            n in proptest::prelude::any::<u128>(),
            small in proptest::prelude::any::<u32>(),
            // The short paths' numbers (up to four digits) and just past them.
            tiny in 0_u16..12_000,
            width in 0_usize..45,
            group in proptest::sample::select(vec![None, Some('.'), Some(','), Some('\u{a0}')]),
        ) {
            for n in [n, u128::from(small), u128::from(tiny)] {
                let mut out = String::from("x");
                push_digits(&mut out, n, group, width);
                proptest::prop_assert_eq!(out, format!("x{}", padded_and_grouped(n, group, width)));
            }
        }
    }

    /// Every number and width the short paths could take, and the first past them.
    #[test]
    fn short_numbers_are_padded_and_grouped() {
        for group in [None, Some('.')] {
            for width in 0..=5 {
                for n in 0..=10_001_u128 {
                    let mut out = String::from("x");
                    push_digits(&mut out, n, group, width);
                    assert_eq!(out, format!("x{}", padded_and_grouped(n, group, width)));
                }
            }
        }
    }

    #[test]
    fn money_follows_the_language() {
        let brl = m("1234.50", "BRL");
        assert_eq!(money(&brl, Locale::En), "1,234.50 BRL");
        assert_eq!(money(&brl, Locale::PtBr), "R$ 1.234,50");
        assert_eq!(money(&brl, Locale::Es), "1.234,50 BRL");
        assert_eq!(money(&brl, Locale::El), "1.234,50 BRL");
        let eur = m("5", "EUR");
        assert_eq!(money(&eur, Locale::En), "5.00 EUR");
        assert_eq!(money(&eur, Locale::PtBr), "5,00 EUR");
        assert_eq!(money(&eur, Locale::Es), "5,00 €");
        assert_eq!(money(&eur, Locale::El), "5,00 €");
        assert_eq!(money(&m("999.99", "USD"), Locale::En), "999.99 USD");
    }

    #[test]
    fn money_writes_every_decimal_of_its_currency() {
        assert_eq!(money(&m("1234567", "JPY"), Locale::En), "1,234,567 JPY");
        assert_eq!(money(&m("-1000.005", "KWD"), Locale::Es), "-1.000,005 KWD");
        assert_eq!(money(&m("0.05", "BRL"), Locale::PtBr), "R$ 0,05");
        assert_eq!(money(&m("0", "BRL"), Locale::PtBr), "R$ 0,00");
        assert_eq!(money(&m("-0.01", "BRL"), Locale::PtBr), "R$ -0,01");
        assert_eq!(money(&m("100", "USD"), Locale::En), "100.00 USD");
        assert_eq!(money(&m("1000", "USD"), Locale::En), "1,000.00 USD");
    }

    #[test]
    fn money_beyond_64_bits_is_written_exactly() {
        let big = m("12345678901234567890123.45", "USD");
        assert_eq!(
            money(&big, Locale::En),
            "12,345,678,901,234,567,890,123.45 USD"
        );
        assert_eq!(
            money(&big, Locale::El),
            "12.345.678.901.234.567.890.123,45 USD"
        );
    }

    #[test]
    fn push_money_appends() {
        let mut out = String::from("x ");
        push_money(&mut out, &m("1", "EUR"), Locale::El);
        assert_eq!(out, "x 1,00 €");
    }

    #[test]
    fn decimals_take_the_locale_separator() {
        let pct = Decimal::new(-25, 1);
        assert_eq!(decimal(pct, Locale::En), "-2.5");
        for locale in [Locale::PtBr, Locale::Es, Locale::El] {
            assert_eq!(decimal(pct, locale), "-2,5");
        }
        assert_eq!(decimal(Decimal::new(100, 0), Locale::PtBr), "100");
    }

    #[test]
    fn dates_follow_the_language() {
        let d = ymd(2026, 3, 7);
        assert_eq!(date(d, Locale::En), "7 March 2026");
        assert_eq!(date(d, Locale::PtBr), "07/03/2026");
        assert_eq!(date(d, Locale::Es), "07/03/2026");
        assert_eq!(date(d, Locale::El), "07/03/2026");
        assert_eq!(date(ymd(2026, 12, 31), Locale::En), "31 December 2026");
        assert_eq!(date(ymd(2026, 1, 1), Locale::En), "1 January 2026");
        assert_eq!(date(ymd(987, 1, 1), Locale::Es), "01/01/0987");
    }

    #[test]
    fn iso_dates_are_the_same_everywhere() {
        assert_eq!(iso_date(ymd(2026, 3, 7)), "2026-03-07");
        assert_eq!(iso_date(ymd(12026, 11, 30)), "12026-11-30");
        assert_eq!(iso_date(ymd(42, 1, 9)), "0042-01-09");
    }

    #[test]
    fn every_month_has_its_name() {
        for month in 1..=12 {
            let text = date(ymd(2026, month, 1), Locale::En);
            assert!(!text.contains("  "), "{text}");
        }
    }

    #[test]
    fn digits_group_and_pad() {
        let mut out = String::new();
        push_digits(&mut out, 0, Some(','), 1);
        out.push(' ');
        push_digits(&mut out, 999, Some(','), 1);
        out.push(' ');
        push_digits(&mut out, 1000, Some(','), 1);
        out.push(' ');
        push_digits(&mut out, 7, None, 4);
        out.push(' ');
        push_digits(&mut out, 7, None, 0);
        out.push(' ');
        push_digits(&mut out, 42, None, 3);
        out.push(' ');
        push_digits(&mut out, 9999, Some(','), 1);
        out.push(' ');
        push_digits(&mut out, 9999, None, 2);
        out.push(' ');
        push_digits(&mut out, 10_000, None, 1);
        out.push(' ');
        push_digits(&mut out, 5, None, 6);
        out.push(' ');
        push_digits(&mut out, u128::MAX, None, 1);
        assert_eq!(
            out,
            "0 999 1,000 0007 7 042 9,999 9999 10000 000005 340282366920938463463374607431768211455"
        );
    }
}
