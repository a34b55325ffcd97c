//! Whether a first message mentions a chargeback or a complaint to the bank, read by
//! phrases in the four customer languages (case and accents aside). Facts given explicitly
//! always win over it; the category is read by the model (`reading`).

use super::normalize::folded;

/// Words that say the customer means to dispute the charge with their card issuer, written
/// folded (lowercase, no accents or tonos) as the message is read.
const CHARGEBACK_KEYWORDS: &[&str] = &[
    "chargeback",
    "dispute the charge",
    "contestar",
    "contestacao",
    "contracargo",
    "disputar el cargo",
    "αμφισβητηση",
    "αντιλογισμ",
];

/// Words that say the customer complains, or will complain, to their bank, written folded.
const BANK_COMPLAINT_KEYWORDS: &[&str] = &[
    "complain to my bank",
    "call my bank",
    "contact my bank",
    "reclamar com o banco",
    "reclamar no banco",
    "ligar para o banco",
    "acionar o banco",
    "reclamar al banco",
    "reclamar a mi banco",
    "llamar a mi banco",
    "καταγγελια στην τραπεζα",
    "θα καλεσω την τραπεζα",
];

/// What the text of a first message mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Whether a chargeback is mentioned.
    pub chargeback: bool,
    /// Whether a complaint to the bank is mentioned.
    pub bank_complaint: bool,
}

/// Reads a message's text, case and accents aside.
pub(crate) fn read(text: &str) -> Reading {
    let text = folded(text);
    let any = |words: &[&str]| words.iter().any(|w| text.contains(w));
    Reading {
        chargeback: any(CHARGEBACK_KEYWORDS),
        bank_complaint: any(BANK_COMPLAINT_KEYWORDS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_written_folded() {
        for word in CHARGEBACK_KEYWORDS.iter().chain(BANK_COMPLAINT_KEYWORDS) {
            assert_eq!(folded(word), *word);
        }
    }

    #[test]
    fn reads_the_four_languages_accents_aside() {
        let r = read("Vou abrir uma contestação e reclamar no banco");
        assert!(r.chargeback && r.bank_complaint);
        let r = read("VOU ABRIR UMA CONTESTACAO");
        assert!(r.chargeback && !r.bank_complaint);
        assert!(read("Θα κάνω ΑΝΤΙΛΟΓΙΣΜΌ").chargeback);
        assert_eq!(read("hello"), Reading::default());
    }
}
