//! Customer communication: the languages Recourse speaks to customers, how a sentence picks
//! its language ([`Locale::pick`]), and how amounts and dates are written in each
//! ([`mod@format`]).

pub mod format;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::{self, At, Decode, DecodeError};

/// A language customers are answered in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Encode, JsonSchema,
)]
pub enum Locale {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
    /// Greek.
    #[serde(rename = "el")]
    El,
}

/// The tags a [`Locale`] is written as, in the order of its variants.
const TAGS: [&str; 4] = ["en", "pt-BR", "es", "el"];

impl Locale {
    /// The locale a language tag asks for: one of the four tags exactly, or any well-formed
    /// tag whose language is one of the four (`es-MX` and `es-419` read as `es`, `pt` and
    /// `pt-PT` as `pt-BR`, `en-GB` as `en`, `el-GR` as `el`), letters in any case and `_`
    /// for `-`. `None` for another language or a malformed tag.
    ///
    /// ```
    /// use recourse_payments_base::locale::Locale;
    /// assert_eq!(Locale::negotiate("es-MX"), Some(Locale::Es));
    /// assert_eq!(Locale::negotiate("pt"), Some(Locale::PtBr));
    /// assert_eq!(Locale::negotiate("fr-CA"), None);
    /// ```
    pub fn negotiate(tag: &str) -> Option<Self> {
        if let Some(exact) = Self::from_tag(tag) {
            return Some(exact);
        }
        let well_formed = (1..=35).contains(&tag.len())
            && tag.split(['-', '_']).all(|part| {
                (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !well_formed {
            return None;
        }
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        match language.to_ascii_lowercase().as_str() {
            "en" => Some(Self::En),
            "pt" => Some(Self::PtBr),
            "es" => Some(Self::Es),
            "el" => Some(Self::El),
            _ => None,
        }
    }

    /// The locale written exactly as `tag` (`en`, `pt-BR`, `es`, `el`).
    pub fn from_tag(tag: &str) -> Option<Self> {
        [Self::En, Self::PtBr, Self::Es, Self::El]
            .into_iter()
            .zip(TAGS)
            .find_map(|(locale, name)| (name == tag).then_some(locale))
    }

    /// This locale's entry of a table written `[en, pt-BR, es, el]`.
    pub fn pick<T: Copy>(self, [en, pt_br, es, el]: [T; 4]) -> T {
        match self {
            Self::En => en,
            Self::PtBr => pt_br,
            Self::Es => es,
            Self::El => el,
        }
    }
}

/// A request's locale is negotiated ([`Locale::negotiate`]): a customer's `es-MX` is
/// answered in `es`. A key of a table of texts per language is one of the four tags exactly,
/// so that two keys never name the same language.
impl Decode for Locale {
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        let tag = decode::variant(value, at, &TAGS)?;
        Self::negotiate(tag).ok_or_else(|| unknown_locale(at))
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut decode::Reader<'_>) -> Option<Self> {
        Self::negotiate(reader.string()?)
    }

    fn from_key(key: &str, at: &At<'_>) -> Result<Self, DecodeError> {
        Self::from_tag(key).ok_or_else(|| unknown_locale(at))
    }
}

fn unknown_locale(at: &At<'_>) -> DecodeError {
    DecodeError::shape(
        at,
        "unknown locale, expected `en`, `pt-BR`, `es` or `el`, or a tag of one of these languages (`es-MX` reads as `es`)",
    )
}

crate::decode::deserialize_through_decode!(Locale);

#[cfg(test)]
mod negotiation_tests {
    use super::Locale;
    use crate::decode::Decode;

    #[test]
    fn a_tag_reads_as_the_language_it_names() {
        for (tag, locale) in [
            ("en", Locale::En),
            ("en-GB", Locale::En),
            ("EN_us", Locale::En),
            ("pt", Locale::PtBr),
            ("pt-PT", Locale::PtBr),
            ("pt-br", Locale::PtBr),
            ("es-MX", Locale::Es),
            ("es-419", Locale::Es),
            ("el-GR", Locale::El),
        ] {
            assert_eq!(Locale::negotiate(tag), Some(locale), "{tag}");
        }
    }

    #[test]
    fn another_language_or_a_malformed_tag_is_refused() {
        for tag in [
            "",
            "fr",
            "fr-CA",
            "e",
            "english",
            "es-",
            "es--MX",
            "es MX",
            "es-MXXXXXXXX",
            "ελ",
        ] {
            assert_eq!(Locale::negotiate(tag), None, "{tag}");
        }
    }

    #[test]
    fn a_key_is_one_of_the_four_tags_exactly() {
        let at = crate::decode::At::Root;
        assert_eq!(Locale::from_key("pt-BR", &at).ok(), Some(Locale::PtBr));
        assert!(Locale::from_key("pt", &at).is_err());
        let read =
            |json: &str| Locale::decode(&serde_json::from_str(json).unwrap_or_default(), &at);
        assert_eq!(read(r#""es-MX""#).ok(), Some(Locale::Es));
        let e = read(r#""fr""#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(e.contains("unknown locale"), "{e}");
    }
}
