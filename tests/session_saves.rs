//! The compact save the browser keeps: round trips, size, and refusals.
#![cfg(not(target_arch = "wasm32"))]

mod store_state;

use es_playground::core::domain::Fact;
use es_playground::core::process::{CrashPoint, IdempotencyMode, StrategyKind};
use es_playground::core::session::{Action, Session, Settings};
use store_state::{StoreState, store_state};

fn fire(fact: Result<Fact, impl std::fmt::Debug>) -> Action {
    Action::Fire {
        fact: fact.expect("valid ids"),
    }
}

/// One of every kind of action, with ids that need escaping in JSON.
fn every_kind_of_action() -> Vec<Action> {
    vec![
        fire(Fact::customer_confirmed("42", "1")),
        fire(Fact::caterer_confirmed("quote\"back\\slash", "é😀")),
        fire(Fact::caterer_declined("42", "1")),
        Action::SetAutoHandle { on: false },
        fire(Fact::caterer_confirmed("42", "2")),
        Action::ArmCrash {
            point: CrashPoint::AfterSend,
        },
        Action::DisarmCrash,
        Action::Step,
        Action::CatchUp,
        Action::ArmCrash {
            point: CrashPoint::AfterRead,
        },
        Action::SetAutoHandle { on: true },
        Action::Restart,
        Action::RollBack {
            context: "Catering".into(),
            positions: 3,
        },
        Action::SetSingleStream { on: true },
        Action::FireRandomOrders { orders: 20 },
    ]
}

fn settings() -> Settings {
    Settings {
        strategy: StrategyKind::default(),
        idempotency: IdempotencyMode::AtomicTracking,
    }
}

fn store_of(session: &Session) -> StoreState {
    store_state(session.store())
}

#[test]
fn a_saved_session_restores_to_the_same_actions_store_and_settings() {
    let original = Session::replay(7, settings(), &every_kind_of_action()).expect("accepted");
    let restored = Session::from_save(&original.to_save()).expect("own save restores");
    assert_eq!(restored.actions(), every_kind_of_action().as_slice());
    assert_eq!(restored.seed(), 7);
    assert_eq!(restored.settings(), settings());
    assert_eq!(store_of(&restored), store_of(&original));
}

#[test]
fn a_save_is_one_short_line_per_fired_event() {
    let mut session = Session::new(42, Settings::default());
    session
        .perform(fire(Fact::customer_confirmed("42", "1")))
        .expect("fired");
    let save = session.to_save();
    let lines: Vec<&str> = save.lines().collect();
    assert_eq!(lines.len(), 2, "{save}");
    assert!(lines[0].starts_with(r#"{"format":"es-playground/save","version":1,"seed":42"#));
    assert_eq!(lines[1], r#"["C","42","1"]"#);
}

#[test]
fn a_save_of_many_fired_events_is_far_smaller_than_the_exported_file() {
    let mut session = Session::new(42, Settings::default());
    for order in 0..2_000 {
        let order = order.to_string();
        session
            .perform(fire(Fact::customer_confirmed(&order, "1")))
            .expect("fired");
        session
            .perform(fire(Fact::caterer_confirmed(&order, "1")))
            .expect("fired");
    }
    let (save, file) = (session.to_save(), session.to_json());
    assert!(
        save.len() * 6 < file.len(),
        "save {} bytes, file {} bytes",
        save.len(),
        file.len()
    );
    let restored = Session::from_save(&save).expect("restores");
    assert_eq!(store_of(&restored), store_of(&session));
}

#[test]
fn an_older_autosave_in_the_session_file_format_still_restores() {
    let original = Session::replay(7, settings(), &every_kind_of_action()).expect("accepted");
    let restored = Session::from_save(&original.to_json()).expect("a file restores");
    assert_eq!(store_of(&restored), store_of(&original));
}

#[test]
fn a_damaged_save_is_refused_naming_its_line() {
    let original = Session::replay(7, settings(), &every_kind_of_action()).expect("accepted");
    let save = original.to_save();
    let mut lines: Vec<&str> = save.lines().collect();
    lines[3] = r#"["C","42""#;
    let error = Session::from_save(&lines.join("\n")).expect_err("damaged");
    assert!(
        error.to_string().contains("line 4 of the save is damaged"),
        "{error}"
    );
    lines[3] = r#"["X","42","1"]"#;
    let error = Session::from_save(&lines.join("\n")).expect_err("unknown kind");
    assert!(
        error
            .to_string()
            .contains("line 4 of the save names no known event"),
        "{error}"
    );
    lines[3] = r#"["C","","1"]"#;
    let error = Session::from_save(&lines.join("\n")).expect_err("bad id");
    assert!(
        error
            .to_string()
            .contains("line 4 of the save has a bad id"),
        "{error}"
    );
}

#[test]
fn a_save_from_a_newer_playground_is_refused_with_its_version() {
    let text = r#"{"format":"es-playground/save","version":2,"seed":1,"settings":{"strategy":"state-row","idempotency":"none"}}"#;
    let error = Session::from_save(text).expect_err("newer");
    assert!(
        error
            .to_string()
            .contains("the save has version 2; this playground reads version 1"),
        "{error}"
    );
}

#[test]
fn a_session_of_a_million_events_saves_and_restores() {
    let actions = vec![Action::FireRandomOrders { orders: 250_000 }; 2];
    let original = Session::replay(3, Settings::default(), &actions).expect("accepted");
    assert_eq!(original.store().event_count(), 1_000_000);
    let restored = Session::from_save(&original.to_save()).expect("restores");
    assert_eq!(restored.store().event_count(), 1_000_000);
    assert_eq!(restored.actions(), actions.as_slice());
}

mod damaged {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any cut or inserted text gives a session or a refusal, never a
        /// panic; a restored session is the replay of the actions it read.
        #[test]
        fn a_damaged_save_restores_or_is_refused_but_never_panics(
            cut in 0usize..2_000,
            at in 0usize..2_000,
            insert in "[\\[\\]{}\",:a-zA-Z0-9 \\n\\\\]{0,12}",
        ) {
            let original = Session::replay(7, settings(), &every_kind_of_action()).expect("accepted");
            let save = original.to_save();
            let mut chars: Vec<char> = save.chars().collect();
            chars.truncate(cut.min(chars.len()).max(1));
            let at = at.min(chars.len());
            let text: String = chars[..at]
                .iter()
                .chain(insert.chars().collect::<Vec<_>>().iter())
                .chain(chars[at..].iter())
                .collect();
            if let Ok(restored) = Session::from_save(&text) {
                let again = Session::replay(restored.seed(), restored.settings(), restored.actions())
                    .expect("its own actions replay");
                prop_assert_eq!(store_of(&again), store_of(&restored));
            }
        }
    }
}
