//! Privacy in ticket text: card numbers, security codes, CPF and CNPJ, IBANs, e-mail
//! addresses and phone numbers found and masked before a message is stored.
//!
//! [`redact`] is the one entry point; the operation `privacy.redact` ([`Redact`]) is the
//! same function for every host.
//!
//! ```
//! use recourse_payments::privacy::{redact, Kind, Options};
//!
//! let out = redact("Cartão 4111 1111 1111 1111, CPF 529.982.247-25", &Options::default());
//! assert_eq!(out.text, "Cartão **** **** **** 1111, CPF ***.***.***-**");
//! assert_eq!(out.findings[0].kind, Kind::CardNumber);
//! // Positions count Unicode scalar values (chars) of the original text: "ã" is one.
//! assert_eq!((out.findings[0].start, out.findings[0].end), (7, 26));
//! ```
//!
//! # What the output promises
//! - **Positions** (`start`, `end`) count Unicode scalar values (Rust `char`s, code
//!   points) of the original text, `end` exclusive. Every mask replaces one character
//!   with one character, so the redacted text has exactly as many characters as the
//!   original and the same positions hold in both. JavaScript strings count UTF-16 units:
//!   use `Array.from(text).slice(start, end)`; PHP: `mb_substr($text, $start, $end -
//!   $start, 'UTF-8')`; Rust: [`Finding::byte_range`].
//! - **Only letters and digits are masked**; separators, punctuation, `@` and every other
//!   character stay, so the text still reads naturally.
//! - **Nothing hides a number**: while looking, every invisible or format character
//!   (Unicode's `Default_Ignorable_Code_Point` and general category Cf: zero-width
//!   characters, directional marks, variation selectors, tags, the soft hyphen...) is
//!   ignored, and every space (general categories Zs, Zl and Zp, and the tab) reads as an
//!   ordinary space. Both are kept in the output as they were, inside a finding's span.
//!   A line feed is no space: numbers on separate lines are separate numbers.
//! - **Idempotent**: redacting a redacted text changes nothing and finds nothing. The
//!   detectors run again over their own output until nothing more is found, so digits
//!   left visible by one mask can never combine with their neighbours into a new number.
//! - **No card number survives**: the result contains no run of 12 to 19 digits (groups
//!   joined by up to three spaces or dashes, read as above) that passes the Luhn check with
//!   a real issuer prefix. Card numbers and security codes are always redacted; [`Options::keeping`]
//!   refuses to leave them.
//! - **Findings** are sorted by `start`, never overlap, and name the kind and position,
//!   never the text found.
//!
//! # What is masked and what stays
//! | kind | found when | stays visible |
//! |---|---|---|
//! | `card_number` | Luhn + issuer prefix and length, or Luhn + a card word nearby | last 4 digits (or first 6 + last 4, see [`CardDigits`]); none when the number's length is ambiguous |
//! | `security_code` | 3 digits (4 for Amex) right after a card number and its expiry, or 3-4 digits after "CVV", "CVC", "CID", "código de segurança", "κωδικός ασφαλείας"... | nothing |
//! | `cpf` | 11 digits with valid check digits, not one repeated digit; a space between two digits is read through | nothing |
//! | `cnpj` | 14 characters (12 digits or upper-case letters + 2 digits) with valid check digits; a space between two digits is read through | nothing |
//! | `iban` | registered country length, mod 97 = 1 | country code and last 4 |
//! | `email` | local part, `@`, domain with a top-level domain of letters | first character, top-level domain |
//! | `phone` | a phone's shape (see the `contact` rules below) or a phone word nearby | last 2 digits |
//!
//! Trade-offs, chosen on purpose:
//! - A Luhn-valid run without an issuer prefix and without a card word nearby is not a card:
//!   13-digit millisecond timestamps (`1767225600000`) and order numbers stay readable. A
//!   real card number with an unknown prefix written without context is missed.
//! - Every decimal digit is a digit: full-width digits (`４１１１…`), Arabic-Indic,
//!   Devanagari and the other scripts' digits (the Unicode category Nd), and the mathematical
//!   ones, are read as the ASCII digit of the same value, so a number typed in them is found
//!   and masked like one typed in ASCII. Other number-like characters (superscripts,
//!   circled digits, Roman numerals: categories No and Nl) are not digits.
//! - A contiguous run of more than 19 digits is not a card number.
//! - Phone numbers need a phone's shape: `+` and a country code, an area code in
//!   parentheses, 3-3-4, Brazilian 2-5-4 / 2-4-4 / 5-4 groupings, or a phone word before
//!   them. Plain 10- or 11-digit runs without context stay (they are as often order
//!   numbers); an 11-digit run with valid CPF check digits is masked as a CPF.
//! - A 14-digit number that is both a valid CNPJ and a card number (Luhn-valid with an
//!   issuer prefix) is masked as a card, keeping its last four, so that a security code
//!   written after it is found too. A shorter card reading inside a CNPJ (`00 509255549917`)
//!   does not cut it: the CNPJ is masked whole.

mod card;
mod contact;
mod iban;
mod national;
mod regions;
mod text;

use std::ops::Range;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::ops::Context;
use crate::receipt::Trace;
use crate::{Error, Operation};
use text::ascii_digit;

/// Errors about a privacy request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PrivacyError {
    /// `keep` lists `card_number` or `security_code`: card data is always redacted
    /// (PCI DSS: at most the first 6 and last 4 digits shown, security codes never kept).
    #[error("card numbers and security codes are always redacted and cannot be kept")]
    CannotKeepCardData,
}

impl crate::error::AreaError for PrivacyError {
    fn code(&self) -> &'static str {
        PrivacyError::code(self)
    }
}

impl PrivacyError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::CannotKeepCardData => "input.cannot_keep_card_data",
        }
    }
}

/// What a finding is. In JSON, a stable snake_case code.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A payment card number (PAN).
    CardNumber,
    /// A card security code (CVV, CVC, CID).
    SecurityCode,
    /// A Brazilian individual taxpayer number.
    Cpf,
    /// A Brazilian company taxpayer number, numeric or alphanumeric.
    Cnpj,
    /// An international bank account number.
    Iban,
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
}

impl Kind {
    fn is_card_data(self) -> bool {
        matches!(self, Self::CardNumber | Self::SecurityCode)
    }
}

/// The character that replaces each masked letter or digit. None is a letter or digit, so a
/// mask never reads as part of a number or an address.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Encode, Decode, JsonSchema,
)]
pub enum Mask {
    /// `*` (the default; one byte in UTF-8).
    #[default]
    #[serde(rename = "*")]
    Asterisk,
    /// `#`.
    #[serde(rename = "#")]
    Hash,
    /// `•` (U+2022 bullet; three bytes in UTF-8).
    #[serde(rename = "•")]
    Bullet,
}

impl Mask {
    /// The character.
    pub fn char(self) -> char {
        match self {
            Self::Asterisk => '*',
            Self::Hash => '#',
            Self::Bullet => '\u{2022}',
        }
    }
}

/// Which digits of a card number stay visible.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CardDigits {
    /// The last 4 only (the default): enough for "the card ending in 1111", and nothing
    /// that narrows the number down further.
    #[default]
    Last4,
    /// The first 6 (the issuer's BIN) and the last 4, the most PCI DSS allows; only for
    /// numbers of 16 digits or more, so that at least 6 digits are always masked. Shorter
    /// numbers keep the last 4 only.
    First6Last4,
}

/// How to redact. The default is the safe choice: every kind, `*`, last 4 card digits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    mask: Mask,
    card_digits: CardDigits,
    keep: Vec<Kind>,
}

impl Options {
    /// The defaults: redact every kind with `*`, keep the last 4 digits of card numbers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Masks with `mask`.
    #[must_use]
    pub fn with_mask(mut self, mask: Mask) -> Self {
        self.mask = mask;
        self
    }

    /// Shows `card_digits` of card numbers.
    #[must_use]
    pub fn with_card_digits(mut self, card_digits: CardDigits) -> Self {
        self.card_digits = card_digits;
        self
    }

    /// Leaves `kind` as it is (neither masked nor reported).
    ///
    /// # Errors
    /// [`PrivacyError::CannotKeepCardData`] for [`Kind::CardNumber`] and
    /// [`Kind::SecurityCode`], which are always redacted.
    ///
    /// # Example
    /// ```
    /// use recourse_payments::privacy::{redact, Kind, Options};
    /// let options = Options::new().keeping(Kind::Email)?;
    /// let out = redact("write to ana@example.com", &options);
    /// assert_eq!(out.text, "write to ana@example.com");
    /// assert!(Options::new().keeping(Kind::CardNumber).is_err());
    /// # Ok::<(), recourse_payments::privacy::PrivacyError>(())
    /// ```
    pub fn keeping(mut self, kind: Kind) -> Result<Self, PrivacyError> {
        if kind.is_card_data() {
            return Err(PrivacyError::CannotKeepCardData);
        }
        if !self.keep.contains(&kind) {
            self.keep.push(kind);
        }
        Ok(self)
    }

    /// The mask character.
    pub fn mask(&self) -> Mask {
        self.mask
    }

    /// Which card digits stay visible.
    pub fn card_digits(&self) -> CardDigits {
        self.card_digits
    }

    /// Whether `kind` is redacted.
    pub fn redacts(&self, kind: Kind) -> bool {
        !self.keep.contains(&kind)
    }
}

/// One thing found: its kind and where it was, never what it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
pub struct Finding {
    /// What was found.
    pub kind: Kind,
    /// Where it starts: a count of Unicode scalar values (code points, not bytes and not
    /// UTF-16 units) from the start of the text. The same in the original and redacted text.
    pub start: usize,
    /// Where it ends, exclusive, in the same unit as `start`.
    pub end: usize,
}

impl Finding {
    /// The byte range of the finding in `text` (the original or the redacted text with the
    /// same mask), or `None` when `text` is shorter than the finding.
    pub fn byte_range(&self, text: &str) -> Option<Range<usize>> {
        let mut offsets = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()));
        let start = offsets.nth(self.start)?;
        let end = if self.end == self.start {
            start
        } else {
            offsets.nth(self.end - self.start - 1)?
        };
        Some(start..end)
    }
}

/// A redacted text and what was found in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Redacted {
    /// The text with every finding masked.
    pub text: String,
    /// What was found, sorted by `start`; spans never overlap.
    pub findings: Vec<Finding>,
}

/// Finds and masks card numbers, security codes, CPFs, CNPJs, IBANs, e-mail addresses and
/// phone numbers in `text`. Pure and total: any text gives an answer, never a panic.
///
/// See the [module documentation](self) for the rules and guarantees.
///
/// # Example
/// ```
/// use recourse_payments::privacy::{redact, CardDigits, Mask, Options};
///
/// let options = Options::new().with_mask(Mask::Bullet).with_card_digits(CardDigits::First6Last4);
/// let out = redact("Visa 4242 4242 4242 4242, CVV 123", &options);
/// assert_eq!(out.text, "Visa 4242 42•• •••• 4242, CVV •••");
/// // An Amex number has 15 digits: only the last 4 stay, so that 6 or more are masked.
/// let out = redact("Amex 3782 822463 10005, CID 1234", &options);
/// assert_eq!(out.text, "Amex •••• •••••• •0005, CID ••••");
/// // Redacting again changes nothing.
/// assert_eq!(redact(&out.text, &options).text, out.text);
/// ```
pub fn redact(text: &str, options: &Options) -> Redacted {
    redact_in_rounds(text, options).0
}

/// [`redact`], and how many rounds of detection it took (the last found nothing).
///
/// The first round masks as the table in the module documentation says. A later round
/// finds only what an earlier mask left visible (the last digits of a card number next to
/// other digits, say) and masks every letter and digit of what it finds, so that it leaves
/// nothing visible for another round to combine: in practice two rounds, three at most.
pub(crate) fn redact_in_rounds(text: &str, options: &Options) -> (Redacted, usize) {
    regions::redact_by_regions(text, options)
}

/// [`redact_in_rounds`] over the whole text at once: the reference the regions of
/// [`regions`] are redacted with, one by one, and compared with in tests.
pub(crate) fn redact_whole(text: &str, options: &Options) -> (Redacted, usize) {
    // Every kind but e-mail needs a digit, and e-mail needs an `@`.
    let digits_elsewhere = || {
        !text.is_ascii()
            && text
                .chars()
                .any(|c| !c.is_ascii() && ascii_digit(c).is_some())
    };
    if !text.bytes().any(|b| b.is_ascii_digit() || b == b'@') && !digits_elsewhere() {
        let unchanged = Redacted {
            text: text.to_owned(),
            findings: Vec::new(),
        };
        return (unchanged, 1);
    }
    let mask = options.mask.char();
    // One view for every round: a mask changes its characters as it changes the text's.
    let mut view = text::View::new(text);
    // The positions of the view masked so far, one bit each.
    let mut masked = vec![0_u64; view.len() / 64 + 1];
    let mut findings: Vec<Finding> = Vec::new();
    let mut rounds = 0;
    // Each round masks at least one letter or digit that no round masked before (detectors
    // never read mask characters), so there are at most as many rounds as characters.
    for round in 0..=view.message_len {
        rounds = round + 1;
        let found = detect(&mut view, options);
        if found.is_empty() {
            break;
        }
        for detection in found {
            let positions = if round == 0 {
                detection.mask
            } else {
                (detection.start..detection.end).collect()
            };
            for p in positions {
                // The view reads a letter or digit as one (another script's digit as an
                // ASCII one), and a mask as none: masked once, never again.
                if view.at(p).is_alphanumeric() {
                    if let Some(word) = masked.get_mut(p / 64) {
                        *word |= 1 << (p % 64);
                    }
                    view.mask(p, mask);
                }
            }
            let (start, end) = view.span_origin(detection.start, detection.end);
            findings.push(Finding {
                kind: detection.kind,
                start,
                end,
            });
        }
    }
    let redacted = Redacted {
        text: with_masks(text, &view, &masked, mask),
        findings: merge(findings),
    };
    (redacted, rounds)
}

/// `text` with the characters of the view's positions set in `masked` (one bit each)
/// replaced by `mask`: the stretches between them copied as they are.
fn with_masks(text: &str, view: &text::View, masked: &[u64], mask: char) -> String {
    let count: u32 = masked.iter().map(|w| w.count_ones()).sum();
    if count == 0 {
        return text.to_owned();
    }
    let count = usize::try_from(count).unwrap_or(0);
    let mut out = String::with_capacity(text.len() + count * mask.len_utf8());
    // In ASCII text a character's index is its byte offset.
    let ascii = view.message_len == text.len();
    let mut chars = text.char_indices().enumerate();
    let mut copied = 0;
    for (w, &word) in masked.iter().enumerate() {
        let mut bits = word;
        while bits != 0 {
            let p = w * 64 + usize::try_from(bits.trailing_zeros()).unwrap_or(0);
            bits &= bits - 1;
            let Some(o) = view.origin(p) else {
                continue;
            };
            let (byte, width) = if ascii {
                (o, 1)
            } else {
                match chars.find(|&(n, _)| n == o) {
                    Some((_, (byte, c))) => (byte, c.len_utf8()),
                    None => continue,
                }
            };
            out.push_str(text.get(copied..byte).unwrap_or_default());
            out.push(mask);
            copied = byte + width;
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    out
}

/// One round of every detector over `view`, in order of precedence: e-mail addresses and
/// IBANs first (they contain digits that are theirs), then formatted CNPJ and CPF, card
/// numbers with their security codes, security codes after a keyword, plain CNPJ and CPF,
/// and phone numbers last. A position one detector has claimed is not read by the next.
fn detect(view: &mut text::View, options: &Options) -> Vec<text::Detection> {
    view.start_pass();
    let view = &mut *view;
    let on = |kind| options.redacts(kind);
    if on(Kind::Email) {
        contact::detect_emails(view);
    }
    if on(Kind::Iban) {
        iban::detect(view);
    }
    if on(Kind::Cpf) || on(Kind::Cnpj) {
        national::detect(view, on(Kind::Cpf), on(Kind::Cnpj), true);
    }
    card::detect_cards(view, options.card_digits, on(Kind::Cpf), on(Kind::Cnpj));
    card::detect_codes(view);
    if on(Kind::Cpf) || on(Kind::Cnpj) {
        national::detect(view, on(Kind::Cpf), on(Kind::Cnpj), false);
    }
    if on(Kind::Phone) {
        contact::detect_phones(view);
    }
    std::mem::take(&mut view.found)
}

/// Sorts findings by position and merges overlapping ones (possible only when a later round
/// reads digits an earlier mask left visible); a merged finding keeps the kind of the one
/// that starts first.
fn merge(mut findings: Vec<Finding>) -> Vec<Finding> {
    crate::sort::sort_by_key(&mut findings, |f| (f.start, f.end));
    let mut merged: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        match merged.last_mut() {
            Some(last) if f.start < last.end => last.end = last.end.max(f.end),
            _ => merged.push(f),
        }
    }
    merged
}

/// `privacy.redact`: masks card numbers, security codes, CPF, CNPJ, IBAN, e-mail addresses
/// and phone numbers in a message.
#[derive(Debug, Clone, Copy)]
pub struct Redact;

/// The request of `privacy.redact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedactRequest {
    /// The message to redact, as written by a customer or an agent.
    pub text: String,
    /// The character that replaces each masked letter or digit: `*` (default), `#` or `•`.
    /// Never a letter or digit, so that a mask cannot be read as part of a number.
    #[serde(default)]
    pub mask: Mask,
    /// Which card digits stay visible: `last4` (default) or `first6_last4`.
    #[serde(default)]
    pub card_digits: CardDigits,
    /// Kinds to leave as they are (neither masked nor reported). `card_number` and
    /// `security_code` cannot be kept. Default: none, everything is redacted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keep: Vec<Kind>,
}

impl RedactRequest {
    /// A request with the default options.
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            mask: Mask::default(),
            card_digits: CardDigits::default(),
            keep: Vec::new(),
        }
    }

    /// The options this request asks for.
    ///
    /// # Errors
    /// [`PrivacyError::CannotKeepCardData`] at `keep[i]` when `keep` lists card data.
    pub fn options(&self) -> Result<Options, Error> {
        let mut options = Options::new()
            .with_mask(self.mask)
            .with_card_digits(self.card_digits);
        for (i, &kind) in self.keep.iter().enumerate() {
            options = options
                .keeping(kind)
                .map_err(|e| Error::new(e, format!("keep[{i}]")))?;
        }
        Ok(options)
    }
}

/// The response of `privacy.redact`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RedactResponse {
    /// The text with every finding masked; as many Unicode scalar values as the input.
    pub text: String,
    /// What was found, sorted by `start`, never overlapping. `start` and `end` count
    /// Unicode scalar values (code points; not bytes, not UTF-16 units) of the input text,
    /// `end` exclusive; the same positions hold in the redacted text.
    pub findings: Vec<Finding>,
}

impl Operation for Redact {
    const NAME: &'static str = "privacy.redact";
    const SUMMARY: &'static str =
        "Mask card numbers, security codes, CPF, CNPJ, IBAN, e-mail addresses and phone numbers in a message";
    type Capability = PrivacyCapability;
    type Request = RedactRequest;
    type Response = RedactResponse;

    fn run(
        _cx: &Context<'_, PrivacyCapability>,
        request: &RedactRequest,
        trace: &mut Trace,
    ) -> Result<RedactResponse, Error> {
        let options = request.options()?;
        let out = redact(&request.text, &options);
        let counts: Vec<String> = Kind::ALL
            .iter()
            .filter_map(|&kind| {
                let n = out.findings.iter().filter(|f| f.kind == kind).count();
                (n > 0).then(|| format!("{n} {}", kind.as_str()))
            })
            .collect();
        let kept: Vec<&str> = request.keep.iter().map(|k| k.as_str()).collect();
        trace.push(
            "privacy.redact",
            format!(
                "found {}; masked with `{}`; card numbers show {}{}",
                if counts.is_empty() {
                    "nothing".to_owned()
                } else {
                    counts.join(", ")
                },
                options.mask.char(),
                match options.card_digits {
                    CardDigits::Last4 => "the last 4 digits",
                    CardDigits::First6Last4 => "the first 6 and last 4 digits (16 digits or more)",
                },
                if kept.is_empty() {
                    String::new()
                } else {
                    format!("; left as written: {}", kept.join(", "))
                }
            ),
        );
        Ok(RedactResponse {
            text: out.text,
            findings: out.findings,
        })
    }

    /// The receipt's digest covers the request with its text already redacted: a digest of
    /// the original text would let anyone holding the redacted answer confirm a guessed
    /// card number or security code by hashing candidates.
    fn digest_input(
        request: &RedactRequest,
        response: &RedactResponse,
    ) -> Result<String, crate::canonical::FloatError> {
        let text = response.text.clone();
        crate::canonical::encode(&RedactRequest {
            text,
            mask: request.mask,
            card_digits: request.card_digits,
            keep: request.keep.clone(),
        })
    }
}

/// The privacy capability: `privacy.redact`.
#[derive(Debug)]
pub struct PrivacyCapability;

impl crate::ops::Capability for PrivacyCapability {
    type Config = ();
    const OPERATIONS: &'static [crate::ops::OperationInfo] =
        &[crate::ops::OperationInfo::of::<Redact>()];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        let _ = (config, services, problems);
        Self
    }
}

#[cfg(test)]
mod regions_tests;
#[cfg(test)]
mod tests;
