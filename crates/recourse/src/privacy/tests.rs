use super::card::{is_card_number, luhn_valid};
use super::*;

fn red(text: &str) -> Redacted {
    redact(text, &Options::default())
}

fn kinds(out: &Redacted) -> Vec<Kind> {
    out.findings.iter().map(|f| f.kind).collect()
}

/// The text of each finding, cut from `text` by char positions.
fn spans(text: &str, out: &Redacted) -> Vec<String> {
    out.findings
        .iter()
        .map(|f| text.chars().skip(f.start).take(f.end - f.start).collect())
        .collect()
}

#[test]
fn keywords_are_written_folded() {
    for list in [
        super::card::CARD_KEYWORDS,
        super::card::CODE_KEYWORDS,
        super::card::FILLER_WORDS,
        super::card::EXPIRY_WORDS,
        super::contact::PHONE_KEYWORDS,
    ] {
        for word in list {
            let folded: String = word.chars().map(super::text::fold).collect();
            assert_eq!(&folded, word);
        }
    }
}

#[test]
fn published_test_cards_keep_the_last_four() {
    for (text, masked) in [
        ("4242 4242 4242 4242", "**** **** **** 4242"),
        ("5555 5555 5555 4444", "**** **** **** 4444"),
        ("3782 822463 10005", "**** ****** *0005"),
        ("4111-1111-1111-1111", "****-****-****-1111"),
        ("4111111111111111", "************1111"),
        ("6011 1111 1111 1117", "**** **** **** 1117"),
        ("3566 0020 2036 0505", "**** **** **** 0505"),
        ("2223 0031 2200 3222", "**** **** **** 3222"),
    ] {
        let out = red(text);
        assert_eq!(out.text, masked, "{text}");
        assert_eq!(kinds(&out), [Kind::CardNumber], "{text}");
        assert_eq!(
            (out.findings[0].start, out.findings[0].end),
            (0, text.chars().count())
        );
    }
}

#[test]
fn brazilian_schemes_and_ambiguous_lengths() {
    // Elo and Hipercard test cards: a 12-digit prefix that also reads as a card does not
    // make the 16-digit number doubtful.
    assert_eq!(
        red("Elo 6362 9700 0045 7013").text,
        "Elo **** **** **** 7013"
    );
    assert_eq!(red("6062 8267 8627 6634").text, "**** **** **** 6634");
    // 16 and 19 digits both read as Visa numbers: the last group may be the security code,
    // so no digit stays visible.
    let nineteen = (0..1000)
        .map(|cvv| format!("4111 1111 1111 1111 {cvv:03}"))
        .find(|t| {
            let d: Vec<u8> = t
                .bytes()
                .filter(u8::is_ascii_digit)
                .map(|b| b - b'0')
                .collect();
            is_card_number(&d)
        })
        .unwrap();
    let out = red(&nineteen);
    assert!(!out.text.contains('1'), "{}", out.text);
    assert_eq!(kinds(&out), [Kind::CardNumber]);
    // When only the 16 digits read as a card, the group after them is its security code.
    let out = red("4111 1111 1111 1111 124");
    assert_eq!(out.text, "**** **** **** 1111 ***");
}

#[test]
fn first_six_and_last_four_on_request() {
    let options = Options::new().with_card_digits(CardDigits::First6Last4);
    let out = redact("4242 4242 4242 4242", &options);
    assert_eq!(out.text, "4242 42** **** 4242");
    // Amex has 15 digits: showing 10 would leave only 5 masked, so only the last 4 show.
    let out = redact("3782 822463 10005", &options);
    assert_eq!(out.text, "**** ****** *0005");
}

#[test]
fn zero_width_characters_do_not_hide_a_card() {
    for text in [
        "4111\u{200B}1111\u{200B}1111\u{200B}1111",
        "4\u{200C}1\u{200D}1\u{2060}1\u{FEFF}111111111111",
        "41\u{AD}11 1111 1111 1111",
        "4111\u{200B} 1111 \u{200D}1111-1111",
    ] {
        let out = red(text);
        assert_eq!(kinds(&out), [Kind::CardNumber], "{text:?}");
        let visible: String = out.text.chars().filter(|c| c.is_ascii_digit()).collect();
        assert_eq!(visible, "1111", "{text:?}");
        // The invisible characters are kept, so the length in chars is unchanged.
        assert_eq!(out.text.chars().count(), text.chars().count());
    }
}

#[test]
fn cards_spaced_digit_by_digit_or_with_odd_separators() {
    let out = red("4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1");
    assert!(kinds(&out).contains(&Kind::CardNumber));
    let out = red("4111\u{00A0}1111\u{2013}1111 1111");
    assert_eq!(kinds(&out), [Kind::CardNumber]);
    let out = red("4111.1111.1111.1111");
    assert_eq!(out.text, "****.****.****.1111");
    let out = red("3782.822463.10005");
    assert_eq!(out.text, "****.******.*0005");
    // Other dotted runs are not joined: a boleto line stays as written.
    let boleto = "23793.38128 60007.827136 95000.063305 9 84410000012345";
    assert!(red(boleto).findings.is_empty());
}

#[test]
fn timestamps_and_order_numbers_are_not_cards() {
    // A 13-digit millisecond timestamp (2026-01-01T00:00:00Z).
    let out = red("event at 1767225600000 ms");
    assert!(out.findings.is_empty());
    // A Luhn-valid 16-digit order id without an issuer prefix and without a card word.
    assert!(luhn_valid(&[
        1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 0
    ]));
    let out = red("pedido 1234 5678 1234 5670 enviado");
    assert!(out.findings.is_empty());
    // The same digits after a card word are a card.
    let out = red("cartão 1234 5678 1234 5670");
    assert_eq!(kinds(&out), [Kind::CardNumber]);
    // Luhn-invalid with a Visa prefix.
    assert!(red("4111 1111 1111 1112").findings.is_empty());
    // Longer than 19 contiguous digits.
    assert!(red("41111111111111111111111").findings.is_empty());
}

#[test]
fn security_codes_next_to_card_data_or_after_a_keyword() {
    let out = red("4111 1111 1111 1111 123");
    assert_eq!(out.text, "**** **** **** 1111 ***");
    assert_eq!(kinds(&out), [Kind::CardNumber, Kind::SecurityCode]);
    let out = red("4111111111111111 12/28 123");
    assert_eq!(out.text, "************1111 12/28 ***");
    let out = red("4111111111111111, validade 12/2028, 987");
    assert_eq!(out.text, "************1111, validade 12/2028, ***");
    // One per line, as pasted from a card form.
    let out = red("4111 1111 1111 1111\n12/28\n123\n");
    assert_eq!(out.text, "**** **** **** 1111\n12/28\n***\n");
    // Amex security codes have 4 digits.
    let out = red("3782 822463 10005 1234");
    assert_eq!(out.text, "**** ****** *0005 ****");
    for (text, masked) in [
        ("CVV: 123", "CVV: ***"),
        ("cvv2 456", "cvv2 ***"),
        ("o código de segurança é 789", "o código de segurança é ***"),
        ("Código de seguridad: 4321", "Código de seguridad: ****"),
        ("κωδικός ασφαλείας 555", "κωδικός ασφαλείας ***"),
        ("CVC=999", "CVC=***"),
        ("cid 1234", "cid ****"),
    ] {
        let out = red(text);
        assert_eq!(out.text, masked, "{text}");
        assert_eq!(kinds(&out), [Kind::SecurityCode], "{text}");
    }
    // Not codes: an amount after a card, a date, a two-digit number, a keyword inside a word.
    assert_eq!(
        red("4111 1111 1111 1111 150,00").text,
        "**** **** **** 1111 150,00"
    );
    assert!(red("CVV 12").findings.is_empty());
    assert!(red("cidade 123").findings.is_empty());
    assert!(red("123 itens").findings.is_empty());
}

#[test]
fn cpf_with_check_digits() {
    let out = red("CPF 529.982.247-25.");
    assert_eq!(out.text, "CPF ***.***.***-**.");
    assert_eq!(kinds(&out), [Kind::Cpf]);
    assert_eq!(red("cpf 52998224725").text, "cpf ***********");
    assert_eq!(red("cpf 529982247-25").text, "cpf *********-**");
    // Wrong check digits, repeated digits: not CPFs.
    assert!(red("529.982.247-24").findings.is_empty());
    assert!(red("111.111.111-11").findings.is_empty());
    assert!(red("00000000000").findings.is_empty());
}

#[test]
fn cnpj_numeric_and_alphanumeric() {
    let out = red("CNPJ 11.222.333/0001-81");
    assert_eq!(out.text, "CNPJ **.***.***/****-**");
    assert_eq!(kinds(&out), [Kind::Cnpj]);
    assert_eq!(red("11222333000181").text, "**************");
    let out = red("novo CNPJ 12.ABC.345/01DE-35 a partir de julho");
    assert_eq!(out.text, "novo CNPJ **.***.***/****-** a partir de julho");
    assert_eq!(kinds(&out), [Kind::Cnpj]);
    assert_eq!(red("12ABC34501DE35").text, "**************");
    assert!(red("11.222.333/0001-82").findings.is_empty());
    assert!(red("00.000.000/0000-00").findings.is_empty());
}

#[test]
fn ibans_with_and_without_spaces() {
    let out = red("IBAN DE89 3704 0044 0532 0130 00 please");
    assert_eq!(out.text, "IBAN DE** **** **** **** **30 00 please");
    assert_eq!(kinds(&out), [Kind::Iban]);
    let out = red("GR1601101250000000012300695");
    assert_eq!(out.text, "GR*********************0695");
    assert!(red("DE89 3704 0044 0532 0130 01").findings.is_empty());
}

#[test]
fn emails() {
    let out = red("Escreva para maria.silva@example.com.br.");
    assert_eq!(out.text, "Escreva para m****.*****@*******.***.br.");
    assert_eq!(kinds(&out), [Kind::Email]);
    assert_eq!(
        spans("Escreva para maria.silva@example.com.br.", &out),
        ["maria.silva@example.com.br"]
    );
    let out = red("joão@exemplo.pt e νίκος@παράδειγμα.ελ");
    assert_eq!(out.text, "j***@*******.pt e ν****@**********.ελ");
    assert!(red("não é email: a@b, @x.com, x@y.1").findings.is_empty());
}

#[test]
fn phones_by_shape() {
    for (text, masked) in [
        ("+55 11 91234-5678", "+** ** *****-**78"),
        ("(11) 91234-5678", "(**) *****-**78"),
        ("+30 21 0123 4567", "+** ** **** **67"),
        ("+1 (415) 555-0100", "+* (***) ***-**00"),
        ("415-555-0100", "***-***-**00"),
        ("11 91234-5678", "** *****-**78"),
        ("91234-5678", "*****-**78"),
        ("+5511912345678", "+***********78"),
    ] {
        let out = red(text);
        assert_eq!(out.text, masked, "{text}");
        assert_eq!(kinds(&out), [Kind::Phone], "{text}");
    }
    // With a phone word, any 8 to 15 digits.
    assert_eq!(
        red("meu whatsapp 1191234 5678").text,
        "meu whatsapp ******* **78"
    );
}

#[test]
fn dates_amounts_and_order_numbers_are_not_phones() {
    for text in [
        "23/11/2026",
        "2026-11-23",
        "R$ 1.234,56",
        "1.234.567",
        "pedido 12345678",
        "pedido 1234-5678",
        "ordem 1234567890",
        "às 14:30",
        "v1.2.3",
    ] {
        assert!(red(text).findings.is_empty(), "{text}");
    }
}

#[test]
fn mixed_multiline_non_ascii_message() {
    let text = "Olá, sou a João 😀 e fui cobrada duas vezes!\n\
                Cartão: 4111 1111 1111 1111 (CVV 123)\n\
                CPF 529.982.247-25, e-mail joao@exemplo.com.br\n\
                Τηλέφωνο +30 21 0123 4567 — ευχαριστώ";
    let out = red(text);
    assert_eq!(
        kinds(&out),
        [
            Kind::CardNumber,
            Kind::SecurityCode,
            Kind::Cpf,
            Kind::Email,
            Kind::Phone
        ]
    );
    assert_eq!(
        spans(text, &out),
        [
            "4111 1111 1111 1111",
            "123",
            "529.982.247-25",
            "joao@exemplo.com.br",
            "+30 21 0123 4567"
        ]
    );
    assert_eq!(out.text.chars().count(), text.chars().count());
    assert!(out.text.contains("Olá, sou a João 😀"));
    assert!(out.text.contains("**** **** **** 1111 (CVV ***)"));
    assert!(out.text.contains("Τηλέφωνο +** ** **** **67 — ευχαριστώ"));
    // Positions are chars: the emoji is one, and the byte range finds the same span.
    let card = out.findings[0];
    let bytes = card.byte_range(text).unwrap();
    assert_eq!(&text[bytes], "4111 1111 1111 1111");
    let start_utf16: usize = text.chars().take(card.start).map(char::len_utf16).sum();
    assert_eq!(start_utf16, card.start + 1, "the emoji is two UTF-16 units");
}

#[test]
fn redacting_twice_changes_nothing_and_finds_nothing() {
    let text = "4111 1111 1111 1111 123, 529.982.247-25, DE89 3704 0044 0532 0130 00, \
                ana@example.com, +55 11 91234-5678, 12.ABC.345/01DE-35";
    for options in [
        Options::default(),
        Options::new().with_card_digits(CardDigits::First6Last4),
        Options::new().with_mask(Mask::Hash),
        Options::new().with_mask(Mask::Bullet),
    ] {
        let once = redact(text, &options);
        assert_eq!(once.findings.len(), 7);
        let twice = redact(&once.text, &options);
        assert_eq!(twice.text, once.text);
        assert!(twice.findings.is_empty());
    }
}

#[test]
fn digits_left_visible_never_join_into_a_new_card() {
    // Two cards back to back: the last four of one and the first six of the next stay
    // visible, with digits between them that belong to neither.
    let options = Options::new().with_card_digits(CardDigits::First6Last4);
    let text = "4111 1111 1111 1111 22 5555 5555 5555 4444";
    let out = redact(text, &options);
    assert_eq!(redact(&out.text, &options).text, out.text);
    assert!(no_card_in(&out.text));
}

#[test]
fn keep_leaves_a_kind_but_never_card_data() {
    let options = Options::new()
        .keeping(Kind::Email)
        .unwrap()
        .keeping(Kind::Phone)
        .unwrap();
    let out = redact(
        "ana@example.com +55 11 91234-5678 4111111111111111",
        &options,
    );
    assert_eq!(
        out.text,
        "ana@example.com +55 11 91234-5678 ************1111"
    );
    assert_eq!(kinds(&out), [Kind::CardNumber]);
    assert_eq!(
        Options::new().keeping(Kind::SecurityCode),
        Err(PrivacyError::CannotKeepCardData)
    );
    // A card inside a kept kind is still masked.
    let options = Options::new().keeping(Kind::Email).unwrap();
    let out = redact("4111111111111111@example.com", &options);
    assert_eq!(out.text, "************1111@example.com");
}

#[test]
fn byte_ranges_follow_char_positions() {
    let text = "Ελένη: 4242424242424242";
    let out = red(text);
    let f = out.findings[0];
    assert_eq!((f.start, f.end), (7, 23));
    assert_eq!(&text[f.byte_range(text).unwrap()], "4242424242424242");
    // In the redacted text with a multi-byte mask too.
    let masked = redact(text, &Options::new().with_mask(Mask::Bullet));
    assert_eq!(
        &masked.text[f.byte_range(&masked.text).unwrap()],
        "••••••••••••4242"
    );
    assert_eq!(f.byte_range("short"), None);
}

/// The invariant, stated independently of the detectors: no run of 12 to 19 digits joined
/// by up to three separators (spaces of every kind and dashes; invisible characters
/// ignored, as the table of transparent characters says) is Luhn-valid with an issuer
/// prefix, whole or as any run of consecutive groups.
fn no_card_in(text: &str) -> bool {
    use super::text::{transparent, Transparent};
    let mut runs: Vec<Vec<Vec<u8>>> = vec![vec![Vec::new()]];
    let mut gap = 0;
    let read = text.chars().filter_map(|c| match transparent(c) {
        Some(Transparent::Ignorable) => None,
        Some(Transparent::Space) => Some(' '),
        None => Some(c),
    });
    for c in read {
        let run = runs.last_mut().unwrap();
        let group_open = !run.last().unwrap().is_empty();
        if c.is_ascii_digit() {
            if gap > 0 {
                run.push(Vec::new());
            }
            run.last_mut().unwrap().push(c as u8 - b'0');
            gap = 0;
        } else if super::text::is_card_separator(c) && group_open && gap < 3 {
            gap += 1;
        } else {
            runs.push(vec![Vec::new()]);
            gap = 0;
        }
    }
    runs.iter().all(|run| {
        (0..run.len()).all(|s| {
            let mut digits = Vec::new();
            run[s..].iter().all(|g| {
                digits.extend_from_slice(g);
                digits.len() > 19 || !is_card_number(&digits)
            })
        })
    })
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text built from pieces that make detectors work: card-like digit groups, separators,
    /// invisible characters, keywords, mask characters and arbitrary Unicode.
    fn tricky_text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[0-9]{1,6}",
            Just("4111".to_owned()),
            Just("5555".to_owned()),
            Just("37".to_owned()),
            Just(" ".to_owned()),
            Just("-".to_owned()),
            Just(".".to_owned()),
            Just("/".to_owned()),
            Just("@".to_owned()),
            Just("+".to_owned()),
            Just("(".to_owned()),
            Just(")".to_owned()),
            Just("\u{200B}".to_owned()),
            Just("\u{FEFF}".to_owned()),
            Just("*".to_owned()),
            Just("•".to_owned()),
            Just("cartão ".to_owned()),
            Just("CVV ".to_owned()),
            Just("tel ".to_owned()),
            Just("DE".to_owned()),
            Just("x".to_owned()),
            Just(".com".to_owned()),
            "[a-zA-Z]{1,4}",
            "\\PC{1,3}",
        ];
        proptest::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    /// Valid card numbers of real issuers, written with random separators.
    fn written_card() -> impl Strategy<Value = String> {
        let prefix = prop_oneof![
            Just(vec![4_u8]),
            Just(vec![5, 1]),
            Just(vec![3, 7]),
            Just(vec![6, 0, 1, 1]),
            Just(vec![2, 2, 2, 1]),
            Just(vec![6, 2]),
        ];
        (
            prefix,
            proptest::collection::vec(0_u8..10, 20),
            prop_oneof![Just(""), Just(" "), Just("-"), Just("\u{200B}")],
        )
            .prop_map(|(prefix, rest, sep)| {
                let len = match prefix.as_slice() {
                    [3, 7] => 15,
                    _ => 16,
                };
                let mut digits: Vec<u8> = prefix
                    .iter()
                    .chain(rest.iter())
                    .copied()
                    .take(len - 1)
                    .collect();
                let check = (0..10).find(|&c| {
                    let mut all = digits.clone();
                    all.push(c);
                    luhn_valid(&all)
                });
                digits.push(check.unwrap_or(0));
                digits
                    .chunks(4)
                    .map(|g| g.iter().map(|d| char::from(b'0' + d)).collect::<String>())
                    .collect::<Vec<_>>()
                    .join(sep)
            })
    }

    fn any_options() -> impl Strategy<Value = Options> {
        let keepable = [Kind::Cpf, Kind::Cnpj, Kind::Iban, Kind::Email, Kind::Phone];
        (
            prop_oneof![Just(Mask::Asterisk), Just(Mask::Hash), Just(Mask::Bullet)],
            prop_oneof![Just(CardDigits::Last4), Just(CardDigits::First6Last4)],
            proptest::collection::vec(proptest::sample::select(keepable.to_vec()), 0..3),
        )
            .prop_map(|(mask, digits, keep)| {
                keep.into_iter().fold(
                    Options::new().with_mask(mask).with_card_digits(digits),
                    |options, kind| options.keeping(kind).unwrap(),
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn idempotent(text in tricky_text(), options in any_options()) {
            let once = redact(&text, &options);
            let twice = redact(&once.text, &options);
            prop_assert_eq!(&twice.text, &once.text);
            prop_assert!(twice.findings.is_empty());
        }

        #[test]
        fn later_rounds_leave_nothing_for_another(text in tricky_text(), options in any_options()) {
            let (_, rounds) = redact_in_rounds(&text, &options);
            prop_assert!(rounds <= 3, "{} rounds for {:?}", rounds, text);
        }

        #[test]
        fn no_card_number_survives(text in tricky_text(), options in any_options()) {
            let out = redact(&text, &options);
            prop_assert!(no_card_in(&out.text), "{:?} -> {:?}", text, out.text);
        }

        #[test]
        fn every_written_card_is_found(card in written_card(), before in "\\PC{0,8}", after in "[ ,.;]\\PC{0,8}") {
            let text = format!("{before} {card}{after}");
            let out = redact(&text, &Options::default());
            prop_assert!(out.findings.iter().any(|f| f.kind == Kind::CardNumber), "{:?}", text);
            prop_assert!(no_card_in(&out.text));
        }

        #[test]
        fn invisible_characters_anywhere_hide_nothing(
            at in proptest::collection::vec((0_usize..16, 0_usize..6), 1..12)
        ) {
            let invisible = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}'];
            let mut chars: Vec<char> = "5555555555554444".chars().collect();
            let mut sorted = at.clone();
            sorted.sort_unstable();
            for (pos, which) in sorted.into_iter().rev() {
                chars.insert(pos, invisible[which]);
            }
            let text: String = format!("pago com {}", chars.into_iter().collect::<String>());
            let out = redact(&text, &Options::default());
            let visible: String = out.text.chars().filter(char::is_ascii_digit).collect();
            prop_assert_eq!(visible, "4444");
            prop_assert_eq!(kinds(&out), [Kind::CardNumber]);
        }

        #[test]
        fn structure_is_kept(text in tricky_text(), options in any_options()) {
            let out = redact(&text, &options);
            let mask = options.mask().char();
            let original: Vec<char> = text.chars().collect();
            let masked: Vec<char> = out.text.chars().collect();
            prop_assert_eq!(original.len(), masked.len());
            for (i, (a, b)) in original.iter().zip(&masked).enumerate() {
                if a != b {
                    prop_assert_eq!(*b, mask);
                    prop_assert!(a.is_alphanumeric());
                    prop_assert!(out.findings.iter().any(|f| f.start <= i && i < f.end));
                }
            }
            for pair in out.findings.windows(2) {
                prop_assert!(pair[0].end <= pair[1].start);
            }
            for f in &out.findings {
                prop_assert!(f.start < f.end && f.end <= original.len());
            }
        }

        #[test]
        fn never_panics_on_any_unicode(text in "\\PC{0,200}", raw in proptest::collection::vec(any::<char>(), 0..100)) {
            let _ = redact(&text, &Options::default());
            let raw: String = raw.into_iter().collect();
            let out = redact(&raw, &Options::default());
            prop_assert_eq!(out.text.chars().count(), raw.chars().count());
        }
    }
}

mod operation {
    use super::*;
    use crate::Engine;

    fn call(json: &str) -> Result<serde_json::Value, crate::Error> {
        let engine = Engine::default_store()?;
        let out = engine.call_json("privacy.redact", json.as_bytes())?;
        Ok(serde_json::from_str(&out).unwrap())
    }

    #[test]
    fn answers_with_text_findings_and_receipt() {
        let out = call(r#"{"text": "Fui cobrada duas vezes no cartão 4111 1111 1111 1111, CPF 529.982.247-25"}"#)
            .unwrap();
        assert_eq!(
            out["text"],
            "Fui cobrada duas vezes no cartão **** **** **** 1111, CPF ***.***.***-**"
        );
        assert_eq!(
            out["findings"],
            serde_json::json!([
                {"kind": "card_number", "start": 33, "end": 52},
                {"kind": "cpf", "start": 58, "end": 72}
            ])
        );
        assert_eq!(out["receipt"]["operation"], "privacy.redact");
        let trace = out["receipt"]["trace"].to_string();
        assert!(!trace.contains("4111") && !trace.contains("529"));
    }

    /// Another Visa number with the same last four digits as 4111 1111 1111 1111.
    fn twin_card() -> String {
        (0..10_u8)
            .map(|d| format!("4000{d}00000001111"))
            .find(|pan| {
                let digits: Vec<u8> = pan.bytes().map(|b| b - b'0').collect();
                is_card_number(&digits)
            })
            .unwrap()
    }

    #[test]
    fn the_receipt_digest_cannot_confirm_a_guessed_card() {
        let a = call(r#"{"text": "card 4111111111111111 cvv 123"}"#).unwrap();
        let twin = twin_card();
        let b = call(&format!(r#"{{"text": "card {twin} cvv 999"}}"#)).unwrap();
        assert_eq!(a["text"], b["text"]);
        // Both requests digest to the same redacted request: hashing guesses proves nothing.
        assert_eq!(a["receipt"]["input_digest"], b["receipt"]["input_digest"]);
        let plain = crate::receipt::digest(
            crate::receipt::canonical_json(&RedactRequest::new("card 4111111111111111 cvv 123"))
                .unwrap()
                .as_bytes(),
        );
        assert_ne!(a["receipt"]["input_digest"], serde_json::json!(plain));
        // The digest still tells different redacted requests apart.
        let c = call(r##"{"text": "card 4111111111111111 cvv 123", "mask": "#"}"##).unwrap();
        assert_ne!(a["receipt"]["input_digest"], c["receipt"]["input_digest"]);
    }

    #[test]
    fn errors_never_echo_the_text() {
        let secret = "4111111111111111";
        for json in [
            format!(r#"{{"text": {secret}}}"#),
            format!(r#"{{"text": ["{secret}"]}}"#),
            format!(r#"{{"txt": "{secret}"}}"#),
            format!(r#"{{"text": "x", "mask": "{secret}"}}"#),
            format!(r#"{{"text": "x", "keep": ["{secret}"]}}"#),
            format!(r#"{{"text": "x", "card_digits": "{secret}"}}"#),
            format!(r#"{{"text": "{secret}", "keep": ["card_number"]}}"#),
            format!(r#"{{"text": "{secret}"#),
            format!(r#"{{"text": "{secret}", "text": "{secret}"}}"#),
            format!(r#"{{"text": "ana@example.com {secret}", "keep": ["security_code"]}}"#),
        ] {
            let e = call(&json).unwrap_err();
            let shown = format!("{e} {} {}", crate::host::error_json(&e), e.message());
            assert!(!shown.contains("4111"), "{json} -> {shown}");
            assert!(!shown.contains("ana@"), "{json} -> {shown}");
        }
        let e = call(r#"{"text": "x", "keep": ["email", "security_code"]}"#).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("input.cannot_keep_card_data", "keep[1]")
        );
    }

    #[test]
    fn typed_and_json_calls_agree() {
        let engine = Engine::default_store().unwrap();
        let request = RedactRequest::new("pix para ana@example.com, tel (11) 91234-5678");
        let typed = engine.call::<Redact>(&request).unwrap();
        let json = engine
            .call_json(
                "privacy.redact",
                serde_json::to_string(&request).unwrap().as_bytes(),
            )
            .unwrap();
        let typed = serde_json::to_value(&typed).unwrap();
        assert_eq!(
            typed,
            serde_json::from_str::<serde_json::Value>(&json).unwrap()
        );
        assert_eq!(
            typed["text"],
            "pix para a**@*******.com, tel (**) *****-**78"
        );
    }
}

mod transparent_characters {
    use super::*;

    /// The digits of `text` that the redaction left readable.
    fn visible_digits(text: &str) -> String {
        text.chars().filter(char::is_ascii_digit).collect()
    }

    #[test]
    fn card_groups_joined_by_any_unicode_space() {
        for sep in [
            '\t', '\u{2000}', '\u{2001}', '\u{1680}', '\u{2028}', '\u{2029}', '\u{3000}',
            '\u{00A0}', '\u{205F}',
        ] {
            let text = format!("pago com 4111{sep}1111{sep}1111{sep}1111 ok");
            let out = red(&text);
            assert_eq!(kinds(&out), [Kind::CardNumber], "{text:?}");
            assert_eq!(
                out.text,
                format!("pago com ****{sep}****{sep}****{sep}1111 ok"),
                "{text:?}"
            );
            assert_eq!((out.findings[0].start, out.findings[0].end), (9, 28));
        }
    }

    #[test]
    fn invisible_characters_inside_card_digits() {
        for invisible in [
            '\u{061C}',
            '\u{FE0F}',
            '\u{E0020}',
            '\u{E0001}',
            '\u{E007F}',
            '\u{180E}',
            '\u{3164}',
            '\u{115F}',
            '\u{FFA0}',
            '\u{17B4}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{206A}',
            '\u{E0100}',
        ] {
            let text = format!("4111 11{invisible}11 1111 1111");
            let out = red(&text);
            assert_eq!(kinds(&out), [Kind::CardNumber], "{text:?}");
            assert_eq!(visible_digits(&out.text), "1111", "{text:?}");
            assert_eq!(
                out.text,
                format!("**** **{invisible}** **** 1111"),
                "{text:?}"
            );
            assert_eq!((out.findings[0].start, out.findings[0].end), (0, 20));
        }
    }

    #[test]
    fn cpf_and_cnpj_read_through_transparent_characters() {
        for (text, masked, kind) in [
            ("CPF 529\t982\t247\t25", "CPF ***\t***\t***\t**", Kind::Cpf),
            (
                "CPF 52998\u{2000}224725",
                "CPF *****\u{2000}******",
                Kind::Cpf,
            ),
            (
                "CPF 529.98\u{2001}2.247-25",
                "CPF ***.**\u{2001}*.***-**",
                Kind::Cpf,
            ),
            (
                "CPF 529.982.24\u{FE0F}7-25",
                "CPF ***.***.**\u{FE0F}*-**",
                Kind::Cpf,
            ),
            (
                "CPF 5299\u{061C}8224725",
                "CPF ****\u{061C}*******",
                Kind::Cpf,
            ),
            (
                "CNPJ 11.222.33\u{E0020}3/0001-81",
                "CNPJ **.***.**\u{E0020}*/****-**",
                Kind::Cnpj,
            ),
            (
                "CNPJ 11\u{1680}222\u{1680}333\u{1680}0001\u{1680}81",
                "CNPJ **\u{1680}***\u{1680}***\u{1680}****\u{1680}**",
                Kind::Cnpj,
            ),
            (
                "CNPJ 12.ABC.345/01DE-3\u{061C}5",
                "CNPJ **.***.***/****-*\u{061C}*",
                Kind::Cnpj,
            ),
        ] {
            let out = red(text);
            assert_eq!(out.text, masked, "{text:?}");
            assert_eq!(kinds(&out), [kind], "{text:?}");
        }
    }

    #[test]
    fn ibans_read_through_transparent_characters() {
        let text = "IBAN DE89\t3704\u{2001}0044\u{1680}0532\u{2000}0130\t00 ok";
        let out = red(text);
        assert_eq!(
            out.text,
            "IBAN DE**\t****\u{2001}****\u{1680}****\u{2000}**30\t00 ok"
        );
        assert_eq!(kinds(&out), [Kind::Iban]);
        let text = "GR16\u{FE0F}0110125000000\u{E0020}0012300695";
        let out = red(text);
        assert_eq!(out.text, "GR**\u{FE0F}*************\u{E0020}******0695");
        assert_eq!(kinds(&out), [Kind::Iban]);
    }

    #[test]
    fn phones_read_through_transparent_characters() {
        for (text, masked) in [
            ("+55\t11\t91234-5678", "+**\t**\t*****-**78"),
            (
                "+30\u{2000}21\u{2001}0123\u{1680}4567",
                "+**\u{2000}**\u{2001}****\u{1680}**67",
            ),
            (
                "(11) 9\u{061C}1234-5\u{FE0F}678",
                "(**) *\u{061C}****-*\u{FE0F}*78",
            ),
            ("415\t555\t01\u{E0020}00", "***\t***\t**\u{E0020}00"),
        ] {
            let out = red(text);
            assert_eq!(out.text, masked, "{text:?}");
            assert_eq!(kinds(&out), [Kind::Phone], "{text:?}");
        }
    }

    #[test]
    fn a_line_feed_still_ends_a_number() {
        // Numbers on separate lines are separate numbers: only spaces (Zs, Zl, Zp and the
        // tab) and invisible characters are read through.
        assert!(red("52998\n224725").findings.is_empty());
        assert!(red("4111 1111\n1111 1111").findings.is_empty());
        assert!(red("4111 1111\r\n1111 1111").findings.is_empty());
    }

    #[test]
    fn a_cnpj_read_through_a_space_is_not_cut_by_a_card_reading() {
        // The last 12 digits pass as a Maestro card; the whole is a CNPJ, masked whole.
        let out = red("dados: 00 509255549917 ok");
        assert_eq!(out.text, "dados: ** ************ ok");
        assert_eq!(kinds(&out), [Kind::Cnpj]);
        // A card reading that covers the CNPJ reading stays a card: a Diners number in its
        // 4-6-4 layout with its security code.
        let out = red("3622 720627 1667 123");
        assert_eq!(out.text, "**** ****** 1667 ***");
        assert_eq!(kinds(&out), [Kind::CardNumber, Kind::SecurityCode]);
    }

    #[test]
    fn the_table_is_sorted_and_holds_the_reported_characters() {
        use super::super::text::{transparent, Transparent, TRANSPARENT};
        for pair in TRANSPARENT.windows(2) {
            assert!(pair[0].1 < pair[1].0, "{pair:?}");
        }
        assert!(TRANSPARENT.iter().all(|&(first, last, _)| first <= last));
        for c in [
            '\t', ' ', '\u{1680}', '\u{2000}', '\u{2001}', '\u{2028}', '\u{2029}',
        ] {
            assert_eq!(transparent(c), Some(Transparent::Space), "{c:?}");
        }
        for c in [
            '\u{061C}',
            '\u{FE0F}',
            '\u{E0020}',
            '\u{180E}',
            '\u{200B}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{206F}',
            '\u{FEFF}',
            '\u{FE00}',
            '\u{E0000}',
            '\u{E0FFF}',
            '\u{00AD}',
            '\u{034F}',
            '\u{115F}',
            '\u{1160}',
            '\u{17B4}',
            '\u{17B5}',
            '\u{3164}',
            '\u{FFA0}',
            '\u{1BCA0}',
            '\u{1BCA3}',
            '\u{1D173}',
            '\u{1D17A}',
        ] {
            assert_eq!(transparent(c), Some(Transparent::Ignorable), "{c:?}");
        }
        for c in [
            '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '0', 'a', '-', '.', '\u{2011}',
        ] {
            assert_eq!(transparent(c), None, "{c:?}");
        }
        // The lookup agrees with a plain scan of the table for every scalar value.
        for c in (0..=0x10_FFFF_u32).filter_map(char::from_u32) {
            let scanned = TRANSPARENT
                .iter()
                .find(|&&(first, last, _)| first <= c && c <= last)
                .map(|&(_, _, class)| class);
            assert_eq!(transparent(c), scanned, "{c:?}");
        }
    }

    mod properties {
        use super::super::super::national::{cnpj_check_digits, cpf_check_digits};
        use super::super::super::text::{
            ascii_digit, transparent, Transparent, DIGIT_ZEROS, TRANSPARENT,
        };
        use super::*;
        use proptest::prelude::*;

        /// Any character of the table of transparent characters, every range as likely.
        fn transparent_char() -> impl Strategy<Value = char> {
            (proptest::sample::select(TRANSPARENT.to_vec()), any::<u32>()).prop_map(
                |((first, last, _), n)| {
                    let span = u32::from(last) - u32::from(first) + 1;
                    char::from_u32(u32::from(first) + n % span).unwrap()
                },
            )
        }

        fn digit_char(d: u8) -> char {
            char::from(b'0' + d)
        }

        /// A valid card number of a real issuer: 16 digits, 15 for Amex.
        fn card_number() -> impl Strategy<Value = String> {
            let prefix = prop_oneof![
                Just(vec![4_u8]),
                Just(vec![5, 3]),
                Just(vec![3, 7]),
                Just(vec![6, 0, 1, 1]),
                Just(vec![2, 2, 2, 1]),
                Just(vec![3, 5, 2, 8]),
            ];
            (prefix, proptest::collection::vec(0_u8..10, 16)).prop_map(|(prefix, rest)| {
                let len = if prefix == [3, 7] { 15 } else { 16 };
                let mut digits: Vec<u8> =
                    prefix.iter().chain(&rest).copied().take(len - 1).collect();
                let check = (0..10)
                    .find(|&c| luhn_valid(&[digits.as_slice(), &[c]].concat()))
                    .unwrap();
                digits.push(check);
                digits.into_iter().map(digit_char).collect()
            })
        }

        /// A valid CPF, not one repeated digit.
        fn cpf_number() -> impl Strategy<Value = String> {
            proptest::collection::vec(0_u8..10, 9)
                .prop_filter("one repeated digit is no CPF", |d| {
                    d.iter().any(|&x| x != d[0])
                })
                .prop_map(|base| {
                    let (a, b) = cpf_check_digits(&base);
                    base.into_iter().chain([a, b]).map(digit_char).collect()
                })
        }

        /// A valid CNPJ, numeric or alphanumeric.
        fn cnpj_number() -> impl Strategy<Value = String> {
            let numeric = proptest::collection::vec(0_u8..10, 12)
                .prop_map(|d| d.into_iter().map(digit_char).collect::<Vec<char>>());
            let alphanumeric = "[0-9A-Z]{12}".prop_map(|s| s.chars().collect::<Vec<char>>());
            prop_oneof![numeric, alphanumeric]
                .prop_filter("one repeated character is no CNPJ", |c| {
                    c.iter().any(|&x| x != c[0])
                })
                .prop_map(|base| {
                    let (a, b) = cnpj_check_digits(&base).unwrap();
                    base.into_iter()
                        .chain([digit_char(a), digit_char(b)])
                        .collect()
                })
        }

        /// A valid IBAN of a few countries, digits after the country code.
        fn iban_number() -> impl Strategy<Value = String> {
            let country = prop_oneof![
                Just(("DE", 22)),
                Just(("GR", 27)),
                Just(("NL", 18)),
                Just(("BR", 29)),
                Just(("NO", 15))
            ];
            (country, proptest::collection::vec(0_u8..10, 25)).prop_map(|((cc, len), bban)| {
                let bban: String = bban.into_iter().take(len - 4).map(digit_char).collect();
                // The check digits make the rotated number 1 mod 97 (ISO 13616).
                let rotated: String = bban
                    .chars()
                    .chain(cc.chars())
                    .chain("00".chars())
                    .map(|c| c.to_digit(36).unwrap().to_string())
                    .collect();
                let rem = rotated
                    .chars()
                    .fold(0_u32, |r, c| (r * 10 + c.to_digit(10).unwrap()) % 97);
                format!("{cc}{:02}{bban}", 98 - rem)
            })
        }

        /// How a number was written, and which of its characters may stay readable.
        #[derive(Debug, Clone, Copy)]
        enum Written {
            Card,
            Cpf,
            Cnpj,
            Iban,
        }

        /// A number of each kind, as written: grouped or not, punctuated or not.
        fn written_number() -> impl Strategy<Value = (Written, String)> {
            let grouped = |n: String, sep: &str| {
                let chars: Vec<char> = n.chars().collect();
                chars
                    .chunks(4)
                    .map(|c| c.iter().collect::<String>())
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            prop_oneof![
                (card_number(), any::<bool>())
                    .prop_map(move |(n, g)| (Written::Card, if g { grouped(n, " ") } else { n })),
                (cpf_number(), any::<bool>()).prop_map(|(n, f)| {
                    let written = if f {
                        format!("{}.{}.{}-{}", &n[..3], &n[3..6], &n[6..9], &n[9..])
                    } else {
                        n
                    };
                    (Written::Cpf, written)
                }),
                (cnpj_number(), any::<bool>()).prop_map(|(n, f)| {
                    let written = if f {
                        format!(
                            "{}.{}.{}/{}-{}",
                            &n[..2],
                            &n[2..5],
                            &n[5..8],
                            &n[8..12],
                            &n[12..]
                        )
                    } else {
                        n
                    };
                    (Written::Cnpj, written)
                }),
                (iban_number(), any::<bool>())
                    .prop_map(move |(n, g)| (Written::Iban, if g { grouped(n, " ") } else { n })),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(1024))]

            /// The invariant of the reported defect: transparent characters (spaces of every
            /// kind, the tab, invisible and format characters) put between the digits of a
            /// card number, CPF, CNPJ or IBAN hide nothing.
            #[test]
            fn transparent_characters_between_digits_hide_nothing(
                (written, number) in written_number(),
                inserts in proptest::collection::vec((any::<proptest::sample::Index>(), transparent_char()), 1..4),
            ) {
                let chars: Vec<char> = number.chars().collect();
                // The gaps between two digits, and which of them get a character.
                let gaps: Vec<usize> = (1..chars.len())
                    .filter(|&k| chars[k - 1].is_ascii_digit() && chars[k].is_ascii_digit())
                    .collect();
                let mut chosen: Vec<(usize, char)> =
                    inserts.iter().map(|(at, c)| (*at.get(&gaps), *c)).collect();
                chosen.sort_unstable();
                chosen.dedup_by_key(|(k, _)| *k);
                let mut text: Vec<char> = chars.clone();
                for &(k, c) in chosen.iter().rev() {
                    text.insert(k, c);
                }
                let number_text: String = text.into_iter().collect();
                let text = format!("dados: {number_text} ok");
                let out = redact(&text, &Options::default());
                prop_assert_eq!(out.text.chars().count(), text.chars().count());
                // What stays readable of the number: its letters and digits, in order.
                let readable: String = out
                    .text
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() && transparent(*c).is_none())
                    .collect::<String>();
                let readable = readable.trim_start_matches("dados").trim_end_matches("ok");
                let alnum: String = chars.iter().filter(|c| c.is_ascii_alphanumeric()).collect();
                let last4 = &alnum[alnum.len() - 4..];
                match written {
                    // The last four digits, or none when the length is ambiguous.
                    Written::Card => prop_assert!(
                        readable.is_empty() || readable == last4,
                        "{:?} -> {:?}", text, out.text
                    ),
                    // Nothing; but a numeric CNPJ that is also a Luhn-valid number with an
                    // issuer prefix (a 14-digit Maestro or Diners number) is read as a card,
                    // whatever is put inside it, and keeps a card's last four.
                    Written::Cpf | Written::Cnpj => prop_assert!(
                        readable.is_empty()
                            || readable == last4 && kinds(&out) == [Kind::CardNumber],
                        "{:?} -> {:?}", text, out.text
                    ),
                    // The country code and the last four.
                    Written::Iban => prop_assert_eq!(
                        readable.to_owned(),
                        format!("{}{last4}", &alnum[..2]),
                        "{:?} -> {:?}", text, out.text
                    ),
                }
                prop_assert_eq!(redact(&out.text, &Options::default()).text, out.text.clone());
                prop_assert!(no_card_in(&out.text));
            }

            /// The table is the Unicode classes it names: tab, Zs, Zl and Zp are spaces;
            /// Default_Ignorable_Code_Point and Cf are ignorable; nothing else is either.
            #[test]
            fn the_table_is_the_unicode_classes(
                space in "[\\t\\p{Zs}\\p{Zl}\\p{Zp}]",
                ignorable in "[\\p{Cf}\\p{Default_Ignorable_Code_Point}]",
                other in "[^\\t\\p{Z}\\p{Cf}\\p{Default_Ignorable_Code_Point}]",
            ) {
                for c in space.chars() {
                    prop_assert_eq!(transparent(c), Some(Transparent::Space), "{:?}", c);
                }
                for c in ignorable.chars() {
                    prop_assert_eq!(transparent(c), Some(Transparent::Ignorable), "{:?}", c);
                }
                for c in other.chars() {
                    prop_assert_eq!(transparent(c), None, "{:?}", c);
                }
            }

            /// Digits written in another script read as the ASCII digits of the same value:
            /// the number is found and masked as if typed in ASCII.
            #[test]
            fn digits_of_any_script_hide_nothing(
                (written, number) in written_number(),
                script in proptest::sample::select(DIGIT_ZEROS.to_vec()),
            ) {
                let shift = |c: char| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => char::from_u32(script + d).unwrap(),
                    _ => c,
                };
                let text = format!("dados: {} ok", number.chars().map(shift).collect::<String>());
                let out = redact(&text, &Options::default());
                prop_assert!(!out.findings.is_empty(), "{:?} -> {:?}", text, out.text);
                let digits: String = out.text.chars().filter_map(ascii_digit).collect();
                let all: String = number.chars().filter(char::is_ascii_digit).collect();
                prop_assert!(digits.len() <= 4, "{:?}: {:?} -> {:?}", written, text, out.text);
                prop_assert!(all.ends_with(&digits) || digits.is_empty());
            }
        }

        /// The table of digit zeros is the Unicode class Nd: every Nd character but the
        /// ASCII ones reads as an ASCII digit, and nothing else does.
        #[test]
        fn the_digits_are_the_unicode_class_nd() {
            let hir = regex_syntax::parse(r"\p{Nd}").unwrap();
            let regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) =
                hir.kind()
            else {
                panic!("a Unicode class");
            };
            let nd: Vec<(char, char)> = class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect();
            let is_nd = |c: char| nd.iter().any(|&(a, b)| a <= c && c <= b);
            for code in 0..=0x10FFFF_u32 {
                let Some(c) = char::from_u32(code) else {
                    continue;
                };
                assert_eq!(ascii_digit(c).is_some(), is_nd(c), "U+{code:04X}");
            }
            for &zero in DIGIT_ZEROS {
                for d in 0..10 {
                    let c = char::from_u32(zero + d).unwrap();
                    assert_eq!(
                        ascii_digit(c),
                        char::from_digit(d, 10),
                        "U+{:04X}",
                        zero + d
                    );
                }
            }
        }
    }
}
