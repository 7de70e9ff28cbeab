//! Saving, importing and sharing sessions: round trips and refusals.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use es_playground::core::process::{CrashPoint, IdempotencyMode};
use es_playground::core::session::{Action, MAX_IMPORT_BYTES, Session, Settings};

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
    assert_eq!(
        imported.store().to_snapshot_json().expect("snapshot"),
        original.store().to_snapshot_json().expect("snapshot")
    );
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
    assert_eq!(
        opened.store().to_snapshot_json().expect("snapshot"),
        original.store().to_snapshot_json().expect("snapshot")
    );
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
fn a_damaged_shared_code_is_refused() {
    let code = busy_session().to_share_code();
    for damaged in [
        format!("{code}!"),
        code[..code.len() / 2].to_owned() + "x",
        "%%%".to_owned(),
    ] {
        let error = Session::from_share_code(&damaged)
            .expect_err("refused")
            .to_string();
        assert!(
            error.contains("shared link") || error.contains("JSON"),
            "{error}"
        );
    }
}
