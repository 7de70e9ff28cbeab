//! Ids people type or import: look-alike ids are one id, or refused with
//! the character named.
#![cfg(not(target_arch = "wasm32"))]

mod store_state;

use es_playground::core::domain::{Fact, IdError, MenuId, OrderId};
use es_playground::core::session::{Action, Session, Settings};
use proptest::prelude::*;
use store_state::store_state;

/// Format characters (general category Cf) a pasted text can carry,
/// listed from UnicodeData.txt rather than from the code under test.
const FORMAT_CHARACTERS: &[char] = &[
    '\u{00AD}',
    '\u{0600}',
    '\u{061C}',
    '\u{06DD}',
    '\u{070F}',
    '\u{180E}',
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2060}',
    '\u{2061}',
    '\u{2062}',
    '\u{2063}',
    '\u{2064}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{206A}',
    '\u{206F}',
    '\u{FEFF}',
    '\u{FFF9}',
    '\u{FFFB}',
    '\u{110BD}',
    '\u{1D173}',
    '\u{E0001}',
    '\u{E0041}',
    '\u{E007F}',
];

#[test]
fn a_right_to_left_override_is_refused_with_its_name_and_place() {
    let error = OrderId::parse("exe\u{202E}gnp.42").expect_err("refused");
    assert_eq!(
        error,
        IdError::ForbiddenCharacter {
            kind: "order id",
            character: '\u{202E}',
            position: 4
        }
    );
    let message = error.to_string();
    assert!(
        message.starts_with("the order id has U+202E RIGHT-TO-LEFT OVERRIDE at character 4"),
        "{message}"
    );
}

#[test]
fn the_place_counts_characters_as_typed_before_trimming() {
    let error = MenuId::parse("  vé\u{200B}gan").expect_err("refused");
    assert_eq!(
        error.to_string().split(':').next(),
        Some("the menu id has U+200B ZERO WIDTH SPACE at character 5")
    );
}

#[test]
fn a_byte_order_mark_and_a_no_break_space_are_named() {
    let bom = OrderId::parse("\u{FEFF}42")
        .expect_err("refused")
        .to_string();
    assert!(
        bom.contains("U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK) at character 1"),
        "{bom}"
    );
    let nbsp = OrderId::parse("Order\u{00A0}42")
        .expect_err("refused")
        .to_string();
    assert!(
        nbsp.contains("U+00A0 NO-BREAK SPACE at character 6"),
        "{nbsp}"
    );
}

#[test]
fn the_four_look_alikes_of_order_42_from_the_issue_are_refused() {
    for text in ["4\u{200B}2", "\u{FEFF}42", "42\u{200D}", "\u{202E}42"] {
        assert!(
            matches!(
                OrderId::parse(text),
                Err(IdError::ForbiddenCharacter { .. })
            ),
            "{text:?}"
        );
    }
}

#[test]
fn an_accent_typed_as_one_or_two_characters_is_one_id() {
    let composed = MenuId::parse("cr\u{00E8}me").expect("valid");
    let decomposed = MenuId::parse("cre\u{0300}me").expect("valid");
    assert_eq!(composed, decomposed);
    assert_eq!(decomposed.as_str(), "cr\u{00E8}me");
}

#[test]
fn an_imported_session_with_a_look_alike_id_is_refused_naming_the_action_and_character() {
    let good = Session::replay(
        1,
        Settings::default(),
        &[Action::Fire {
            fact: Fact::customer_confirmed("42", "vegan").expect("ids"),
        }],
    )
    .expect("accepted")
    .to_json();
    let bad = good.replace("\"42\"", "\"4\\u200b2\"");
    assert_ne!(bad, good);
    let error = Session::from_json(&bad).expect_err("refused").to_string();
    assert!(error.contains("U+200B ZERO WIDTH SPACE"), "{error}");
}

#[test]
fn an_imported_session_in_nfd_replays_to_the_same_store_as_in_nfc() {
    let session = |menu: &str| {
        Session::replay(
            1,
            Settings::default(),
            &[Action::Fire {
                fact: Fact::customer_confirmed("42", menu).expect("ids"),
            }],
        )
        .expect("accepted")
    };
    let nfc = session("cr\u{00E8}me");
    let from_nfd_file = Session::from_json(&nfc.to_json().replace('\u{00E8}', "e\u{0300}"))
        .expect("an NFD file imports");
    assert_eq!(store_state(from_nfd_file.store()), store_state(nfc.store()));
}

proptest! {
    #[test]
    fn any_id_holding_a_format_character_is_refused(
        before in "[a-z0-9é$ ]{0,20}",
        after in "[a-z0-9é$ ]{0,20}",
        pick in 0..FORMAT_CHARACTERS.len(),
    ) {
        let c = FORMAT_CHARACTERS[pick];
        let text = format!("x{before}{c}{after}x");
        let refused = matches!(
            OrderId::parse(&text),
            Err(IdError::ForbiddenCharacter { character, .. }) if character == c
        );
        prop_assert!(refused, "{:?} was not refused for U+{:04X}", text, u32::from(c));
    }

    #[test]
    fn any_control_character_is_refused(
        before in "[a-z]{1,10}",
        code in prop_oneof![0u32..0x20, 0x7fu32..0xa0],
    ) {
        let c = char::from_u32(code).unwrap_or('\0');
        let text = format!("{before}{c}z");
        let refused = matches!(
            MenuId::parse(&text),
            Err(IdError::ForbiddenCharacter { .. })
        );
        prop_assert!(refused, "{:?}", text);
    }

    #[test]
    fn nfc_and_nfd_forms_give_the_same_id(text in "[a-zA-Z0-9\u{e0}-\u{ff}\u{1e00}-\u{1eff}\u{ac00}-\u{ac20}]{1,20}") {
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = text.nfd().collect();
        let nfc: String = text.nfc().collect();
        let from_nfd = OrderId::parse(&nfd);
        let from_nfc = OrderId::parse(&nfc);
        prop_assert_eq!(&from_nfd, &from_nfc);
        prop_assert_eq!(from_nfc.map(|id| id.to_string()), Ok(nfc));
    }
}
