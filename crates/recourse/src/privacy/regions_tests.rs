//! The regions of [`super::regions`] give exactly what the whole text gives.

use super::regions::{regions, AFTER, BEFORE};
use super::{redact_in_rounds, redact_whole, CardDigits, Kind, Mask, Options};
use proptest::prelude::*;

/// Redacts `text` both ways and requires the same answer and the same number of rounds.
fn same(text: &str, options: &Options) -> Result<(), String> {
    let fast = redact_in_rounds(text, options);
    let whole = redact_whole(text, options);
    if fast == whole {
        Ok(())
    } else {
        Err(format!("{text:?}: by regions {fast:?}, whole {whole:?}"))
    }
}

/// Ordinary words and spaces, `n` characters of them, no digit and no `@`.
fn filler(n: usize) -> String {
    "muito obrigada pela ajuda, abraço "
        .chars()
        .cycle()
        .take(n)
        .collect()
}

/// Text around the places where regions start and end: fillers about as long as the margins,
/// keywords at every distance before numbers, e-mail addresses with long local parts,
/// IBANs with letters after their digits, line breaks, invisible and space characters, and
/// other scripts' digits.
fn region_text() -> impl Strategy<Value = String> {
    let keyword = prop_oneof![
        Just("cartão "),
        Just("visa "),
        Just("CVV "),
        Just("card verification value: "),
        Just("código de segurança do cartão é "),
        Just("κωδικός cvv "),
        Just("tel "),
        Just("WhatsApp "),
        Just("pan: "),
    ];
    let number = prop_oneof![
        Just("1234567812345670"),
        Just("4111 1111 1111 1111"),
        Just("4111.1111.1111.1111"),
        Just("3782 822463 10005"),
        Just("123"),
        Just("1234"),
        Just("12345678"),
        Just("11 91234-5678"),
        Just("+55 11 91234-5678"),
        Just("(11) 3456-7890"),
        Just("529.982.247-25"),
        Just("52998224725"),
        Just("12.ABC.345/01DE-35"),
        Just("12ABC34501DE35"),
        Just("DE89 3704 0044 0532 0130 00"),
        Just("GB82 WEST 1234 5698 7654 32"),
        Just("BR15 0000 0000 0000 1093 2840 814 P2"),
        // Valid IBANs whose letters run far past their last digit.
        Just("RU74 ABCD EFGH IJKL MNOP QRST UVWX YZAB C"),
        Just("LC84ABCDEFGHIJKLMNOPQRSTUVWXYZAB"),
        Just("GB75 WEST ABCD EFGH IJKL MN"),
        Just("maria.silva@example.com.br"),
        Just("٤١١١ ١١١١ ١١١١ ١١١١"),
        Just("４１１１４１１１４１１１４１１１"),
        Just("12/28"),
    ];
    let near = (keyword, 0_usize..70, number)
        .prop_map(|(k, n, d)| format!("{k}{}{d}", filler(n).replace(',', " ")));
    // A security code up to 40 characters of punctuation and spaces after its keyword.
    let code = (
        prop_oneof![
            Just("card verification value"),
            Just("código de segurança"),
            Just("CVV")
        ],
        proptest::collection::vec(
            prop_oneof![Just(' '), Just(':'), Just('-'), Just('.')],
            0..42,
        ),
        prop_oneof![Just("123"), Just("1234")],
    )
        .prop_map(|(k, gap, d)| format!("{k}{}{d}", gap.into_iter().collect::<String>()));
    let piece = prop_oneof![
        4 => (40_usize..220).prop_map(filler),
        4 => near,
        2 => code,
        2 => "[0-9]{1,6}",
        1 => (60_usize..200).prop_map(|n| format!("{}@example.com", "a".repeat(n))),
        1 => (0_usize..90).prop_map(|n| format!("@{}.com ", "b".repeat(n))),
        1 => Just("@".to_owned()),
        1 => Just("\n".to_owned()),
        1 => Just(" ".to_owned()),
        1 => Just("-".to_owned()),
        1 => Just("\u{200B}".to_owned()),
        1 => Just("\u{FEFF}\u{AD}".to_owned()),
        1 => Just("\u{A0}".to_owned()),
        1 => Just("\u{2003}\t".to_owned()),
        1 => Just("٣".to_owned()),
        1 => Just("*".to_owned()),
        1 => "[A-Za-z]{1,4}",
        1 => "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat())
}

fn any_options() -> impl Strategy<Value = Options> {
    let keepable = [Kind::Cpf, Kind::Cnpj, Kind::Iban, Kind::Email, Kind::Phone];
    (
        prop_oneof![Just(Mask::Asterisk), Just(Mask::Bullet)],
        prop_oneof![Just(CardDigits::Last4), Just(CardDigits::First6Last4)],
        proptest::collection::vec(proptest::sample::select(keepable.to_vec()), 0..2),
    )
        .prop_map(|(mask, digits, keep)| {
            keep.into_iter().fold(
                Options::new().with_mask(mask).with_card_digits(digits),
                |options, kind| options.keeping(kind).unwrap_or_default(),
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn regions_give_what_the_whole_text_gives(text in region_text(), options in any_options()) {
        prop_assert_eq!(same(&text, &options), Ok(()));
    }
}

/// The string literals of the privacy tests, their escapes read.
fn test_texts() -> Vec<String> {
    let source = include_str!("tests.rs");
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(open) = rest.find('"') {
        let after = &rest[open + 1..];
        let mut text = String::new();
        let mut chars = after.char_indices();
        let mut end = after.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => {
                    end = i + 1;
                    break;
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => text.push('\n'),
                    Some((_, 't')) => text.push('\t'),
                    Some((_, 'u')) => {
                        let hex: String = chars
                            .by_ref()
                            .map(|(_, c)| c)
                            .skip(1)
                            .take_while(|&c| c != '}')
                            .collect();
                        let code = u32::from_str_radix(&hex, 16).unwrap_or(0x3F);
                        text.push(char::from_u32(code).unwrap_or('?'));
                    }
                    Some((_, other)) => text.push(other),
                    None => {}
                },
                other => text.push(other),
            }
        }
        out.push(text);
        rest = &after[end.min(after.len())..];
    }
    out
}

/// Every string of the conformance vectors of `privacy.redact` and `ticket.*`.
fn vector_texts() -> Vec<String> {
    fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut out = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("the vectors")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name == "privacy.redact" || name.starts_with("ticket.")
        })
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = walk(&dir);
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a vector");
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                strings(&value, &mut out);
            }
        }
    }
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    out
}

#[test]
fn regions_give_what_the_whole_text_gives_on_the_vectors_and_tests() {
    let vectors = vector_texts();
    let tests = test_texts();
    assert!(vectors.len() > 100, "{} vector strings", vectors.len());
    assert!(tests.len() > 100, "{} test strings", tests.len());
    let options = [
        Options::default(),
        Options::new()
            .with_mask(Mask::Bullet)
            .with_card_digits(CardDigits::First6Last4),
    ];
    for text in vectors.iter().chain(&tests) {
        for options in &options {
            for padded in [
                text.clone(),
                format!("{}{text}", filler(BEFORE)),
                format!("{text}{}{text}", filler(BEFORE + AFTER)),
                format!("{text}{}", filler(AFTER + 3)),
                format!("1{}{text}{}2", filler(150), filler(150)),
            ] {
                assert_eq!(same(&padded, options), Ok(()));
            }
        }
    }
}

#[test]
fn regions_hold_the_seeds_and_their_margins() {
    assert!(regions("nothing to find here, only words").is_empty());
    let far = format!("pedido 123 {} CVV 456", filler(400));
    let found = regions(&far);
    assert_eq!(found.len(), 2, "{found:?}");
    // The first starts at the text's start, the second `BEFORE` characters before `4`.
    assert_eq!(found[0].0.start, 0);
    let four = far.find("456").unwrap_or(0);
    assert_eq!(far[found[1].0.clone()].chars().count(), BEFORE + 3);
    assert_eq!(found[1].0.end, far.len());
    assert!(found[1].0.start < four);
    // Invisible characters do not count in the margins.
    let hidden = format!("{}{}CVV 456", filler(BEFORE - 4), "\u{200B}".repeat(50));
    let found = regions(&hidden);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].0.start, 0);
    assert_eq!(found[0].1, 0);
    // A long local part joins the region of its `@`.
    let mail = format!(
        "1 {}{}@example.com",
        filler(300).replace([' ', ','], ""),
        "x"
    );
    assert_eq!(regions(&mail).len(), 1);
    assert_eq!(same(&mail, &Options::default()), Ok(()));
}
