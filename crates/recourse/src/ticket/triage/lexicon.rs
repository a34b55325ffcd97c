//! How the words listed per language are read: the kinds the generated tables
//! (`model_data`) give them and the normalizer acts on.

/// How a word listed for a language is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// It stands for other words.
    Abbreviation,
    /// It negates the next two stems of its clause.
    Negation,
    /// It ends a negation's reach ("but").
    EndOfNegation,
    /// Too common to be evidence.
    Common,
}
