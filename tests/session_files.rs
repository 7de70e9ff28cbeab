//! Saving, importing and sharing sessions: round trips and refusals.
#![cfg(not(target_arch = "wasm32"))]

mod store_state;

use es_playground::core::codec;
use es_playground::core::domain::Fact;
use es_playground::core::process::{CrashPoint, IdempotencyMode};
use es_playground::core::session::{
    Action, LinkError, MAX_IMPORT_BYTES, MAX_LINK_CODE_CHARS, Session, Settings,
};
use store_state::store_state;

fn busy_session() -> Session {
    let actions = vec![
        Action::Fire {
            fact: Fact::customer_confirmed("42", "1").expect("ids"),
        },
        Action::ArmCrash {
            point: CrashPoint::AfterSend,
        },
        Action::Fire {
            fact: Fact::caterer_confirmed("42", "1").expect("ids"),
        },
        Action::Restart,
        Action::RollBack {
            context: "Catering".into(),
            positions: 3,
        },
        Action::FireRandomOrders { orders: 20 },
    ];
    let settings = Settings {
        idempotency: IdempotencyMode::AtomicTracking,
        ..Settings::default()
    };
    Session::replay(7, settings, &actions).expect("accepted")
}

#[test]
fn an_exported_session_imports_to_the_same_store_and_commands() {
    let original = busy_session();
    let imported = Session::from_json(&original.to_json()).expect("own export imports");
    assert_eq!(store_state(imported.store()), store_state(original.store()));
    assert_eq!(
        imported.runner().bus().attempts(),
        original.runner().bus().attempts()
    );
    assert_eq!(imported.to_json(), original.to_json());
}

#[test]
fn a_shared_code_opens_the_same_session() {
    let original = busy_session();
    let opened = Session::from_share_code(&original.to_share_code()).expect("own code opens");
    assert_eq!(store_state(opened.store()), store_state(original.store()));
}

#[test]
fn bad_files_are_refused_with_a_message_naming_the_problem() {
    let good = busy_session().to_json();
    let cases: Vec<(String, &str)> = vec![
        ("not json".into(), "not JSON"),
        ("{}".into(), "no \"format\""),
        (
            good.replace("es-playground/session", "something/else"),
            "format",
        ),
        (
            good.replace("\"version\": 1", "\"version\": 99"),
            "version 99",
        ),
        (good.replace("\"42\"", "\"\""), "empty"),
        (good.replace("\"seed\"", "\"sneed\""), "not valid"),
        (
            good.replace("\"positions\": 3", "\"positions\": 0"),
            "action 5",
        ),
        (format!("{good}{}", " ".repeat(MAX_IMPORT_BYTES)), "KB"),
    ];
    for (text, expected) in cases {
        let error = Session::from_json(&text).expect_err("refused").to_string();
        assert!(
            error.contains(expected),
            "{error:?} should mention {expected:?}"
        );
    }
}

#[test]
fn a_shared_code_is_compressed_and_names_its_link_format() {
    let session = busy_session();
    let code = session.to_share_code();
    assert!(code.starts_with("2."), "{code}");
    let plain = codec::base64url_encode(session.to_json().as_bytes());
    assert!(
        code.len() * 3 < plain.len(),
        "{} vs {}",
        code.len(),
        plain.len()
    );
}

#[test]
fn a_link_of_the_first_format_uncompressed_still_opens() {
    let original = busy_session();
    let compact = serde_json::to_string(&original.to_file()).expect("json");
    let old = codec::base64url_encode(compact.as_bytes());
    let opened = Session::from_share_code(&old).expect("an old link opens");
    assert_eq!(opened.to_json(), original.to_json());
}

#[test]
fn a_link_cut_short_is_refused_as_truncated() {
    let code = busy_session().to_share_code();
    for end in [code.len() - 1, code.len() - 2, code.len() / 2, 3] {
        assert_eq!(
            Session::from_share_code(&code[..end]).err(),
            Some(LinkError::Truncated),
            "cut at {end}"
        );
    }
    let old = codec::base64url_encode(busy_session().to_json().as_bytes());
    assert_eq!(
        Session::from_share_code(&old[..old.len() / 2]).err(),
        Some(LinkError::Truncated)
    );
}

#[test]
fn a_zip_bomb_link_is_refused_as_too_large() {
    let bomb = format!("2.{}", codec::pack(&vec![b' '; 64 << 20]));
    assert!(bomb.len() < 200_000);
    let error = Session::from_share_code(&bomb).expect_err("refused");
    assert_eq!(error, LinkError::TooLarge { limit_kb: 4096 });
    assert!(error.to_string().contains("too large"), "{error}");
}

#[test]
fn a_link_longer_than_any_session_is_refused_before_decoding() {
    let long = "A".repeat(MAX_LINK_CODE_CHARS + 1);
    assert_eq!(
        Session::from_share_code(&long).err(),
        Some(LinkError::TooLarge { limit_kb: 4096 })
    );
}

#[test]
fn a_link_from_a_newer_playground_says_so() {
    let code = busy_session().to_share_code();
    let newer_link = code.replacen("2.", "3.", 1);
    let error = Session::from_share_code(&newer_link).expect_err("refused");
    assert!(matches!(error, LinkError::NewerFormat { found: 3, .. }));
    assert!(error.to_string().contains("newer playground"), "{error}");

    let newer_session = busy_session()
        .to_json()
        .replace("\"version\": 1", "\"version\": 2");
    let packed = format!("2.{}", codec::pack(newer_session.as_bytes()));
    assert!(matches!(
        Session::from_share_code(&packed),
        Err(LinkError::NewerFormat {
            what: "session version",
            found: 2,
            reads: 1
        })
    ));
}

#[test]
fn the_four_refusals_have_four_different_sentences() {
    let code = busy_session().to_share_code();
    let messages: Vec<String> = [
        format!("{code}!"),
        code[..code.len() - 5].to_owned(),
        format!("2.{}", codec::pack(&vec![b' '; 8 << 20])),
        code.replacen("2.", "7.", 1),
    ]
    .iter()
    .map(|link| {
        Session::from_share_code(link)
            .expect_err("refused")
            .to_string()
    })
    .collect();
    for (message, word) in messages
        .iter()
        .zip(["malformed", "truncated", "too large", "newer"])
    {
        assert!(message.contains(word), "{message:?} should say {word:?}");
    }
}

#[test]
fn a_damaged_shared_code_is_refused() {
    let code = busy_session().to_share_code();
    for damaged in [
        format!("{code}!"),
        code[..code.len() / 2].to_owned() + "x",
        "%%%".to_owned(),
        "x.AAAA".to_owned(),
    ] {
        let error = Session::from_share_code(&damaged)
            .expect_err("refused")
            .to_string();
        assert!(error.contains("shared link"), "{error}");
    }
}
