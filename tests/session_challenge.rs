//! A trainer's challenge: a title, a goal and chosen rules carried by the
//! session through its action log; checked on creation and on reading;
//! kept by files, saves and shared links; evaluated on the session.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use es_playground::core::lessons::{CHALLENGE_RULES, Challenge, ChallengeError, Rule, lessons};
use es_playground::core::session::{Action, Session, Settings};

fn decline_challenge() -> Challenge {
    Challenge::new(
        "  Say no in business words ",
        " Fire a caterer's decline and see it stored as an event. ",
        vec![Rule::DeclineFired, Rule::DeclinedNotConfirmed],
    )
    .expect("a valid challenge")
}

fn fire(fact: Result<Fact, es_playground::core::domain::IdError>) -> Action {
    Action::Fire {
        fact: fact.expect("ids"),
    }
}

/// A session with a customer confirmation fired and the decline challenge set.
fn challenged_session() -> Session {
    let actions = vec![
        fire(Fact::customer_confirmed("42", "1")),
        Action::SetChallenge {
            challenge: Some(decline_challenge()),
        },
    ];
    Session::replay(5, Settings::default(), &actions).expect("accepted")
}

#[test]
fn a_challenge_s_checks_do_not_hold_until_the_attendee_does_the_thing() {
    // Given a session whose challenge asks for a caterer's decline
    let mut session = challenged_session();
    let challenge = session.challenge().expect("set").clone();
    let before = challenge.checks(&session);
    assert_eq!(before.len(), 2);
    assert!(before.iter().all(|check| !check.holds), "{before:?}");
    // When the attendee fires the caterer's decline
    session
        .perform(fire(Fact::caterer_declined("42", "1")))
        .expect("accepted");
    // Then both checks hold, with the core's reasons
    let after = challenge.checks(&session);
    assert!(after.iter().all(|check| check.holds), "{after:?}");
    assert_eq!(after[0].rule, Rule::DeclineFired);
    assert!(!after[0].why.is_empty());
}

#[test]
fn a_challenge_is_trimmed_and_keeps_the_order_its_rules_were_chosen_in() {
    let challenge = decline_challenge();
    assert_eq!(challenge.title(), "Say no in business words");
    assert_eq!(
        challenge.goal(),
        "Fire a caterer's decline and see it stored as an event."
    );
    assert_eq!(
        challenge.rules(),
        &[Rule::DeclineFired, Rule::DeclinedNotConfirmed]
    );
}

#[test]
fn setting_a_challenge_changes_no_event_cursor_or_command() {
    let without = Session::replay(
        5,
        Settings::default(),
        &[fire(Fact::customer_confirmed("42", "1"))],
    )
    .expect("accepted");
    let with = challenged_session();
    assert_eq!(with.store().event_count(), without.store().event_count());
    assert_eq!(
        with.runner().bus().attempts(),
        without.runner().bus().attempts()
    );
    assert_eq!(without.challenge(), None);
}

#[test]
fn a_removed_challenge_is_gone_and_the_removal_is_logged() {
    let mut session = challenged_session();
    session
        .perform(Action::SetChallenge { challenge: None })
        .expect("accepted");
    assert_eq!(session.challenge(), None);
    assert_eq!(session.actions().len(), 3);
    let reopened = Session::from_json(&session.to_json()).expect("opens");
    assert_eq!(reopened.challenge(), None);
}

#[test]
fn a_challenge_survives_export_and_import() {
    let original = challenged_session();
    let imported = Session::from_json(&original.to_json()).expect("opens");
    assert_eq!(imported.challenge(), Some(&decline_challenge()));
    assert_eq!(imported.to_json(), original.to_json());
}

#[test]
fn a_challenge_survives_the_browser_s_compact_save() {
    let original = challenged_session();
    let save = original.to_save();
    assert!(save.contains("\"action\":\"set-challenge\""), "{save}");
    let restored = Session::from_save(&save).expect("restores");
    assert_eq!(restored.challenge(), Some(&decline_challenge()));
}

#[test]
fn a_challenge_survives_a_shared_link() {
    let original = challenged_session();
    let opened = Session::from_share_code(&original.to_share_code()).expect("opens");
    assert_eq!(opened.challenge(), Some(&decline_challenge()));
}

#[test]
fn a_challenge_survives_a_settings_switch() {
    let original = challenged_session();
    let switched = original
        .with_settings(Settings {
            idempotency: es_playground::core::process::IdempotencyMode::None,
            ..original.settings()
        })
        .expect("replays");
    assert_eq!(switched.challenge(), Some(&decline_challenge()));
}

#[test]
fn an_old_session_file_without_a_challenge_still_opens() {
    // Written by hand as the playground wrote files before challenges.
    let old = r#"{"format":"es-playground/session","version":1,"seed":3,
        "settings":{"strategy":"StateRow","idempotency":"None"},
        "actions":[{"action":"fire","fact":{"type":"CustomerConfirmedMenu","data":{"order_id":"42","menu_id":"1"}}}]}"#;
    let session = Session::from_json(old).expect("an old file opens");
    assert_eq!(session.challenge(), None);
    assert_eq!(session.store().event_count(), 1);
}

#[test]
fn an_old_save_without_a_challenge_still_restores() {
    let old = "{\"format\":\"es-playground/save\",\"version\":1,\"seed\":3,\"settings\":{\"strategy\":\"StateRow\",\"idempotency\":\"None\"}}\n[\"C\",\"42\",\"1\"]\n{\"action\":\"step\"}";
    let session = Session::from_save(old).expect("an old save restores");
    assert_eq!(session.challenge(), None);
    assert_eq!(session.store().event_count(), 1);
}

#[test]
fn a_save_from_a_newer_playground_is_still_refused_with_its_version() {
    let text = r#"{"format":"es-playground/save","version":2,"seed":1,"settings":{"strategy":"state-row","idempotency":"none"}}"#;
    let error = Session::from_save(text).expect_err("newer");
    assert!(
        error
            .to_string()
            .contains("the save has version 2; this playground reads version 1"),
        "{error}"
    );
}

fn refusal(title: &str, goal: &str, rules: Vec<Rule>) -> String {
    Challenge::new(title, goal, rules)
        .expect_err("refused")
        .to_string()
}

#[test]
fn a_challenge_without_a_title_or_goal_is_refused() {
    let rules = || vec![Rule::Crashed];
    assert_eq!(
        refusal("   ", "goal", rules()),
        "the challenge needs a title"
    );
    assert_eq!(
        refusal("title", "\n\t ", rules()),
        "the challenge needs a goal"
    );
}

#[test]
fn a_title_of_80_characters_is_accepted_and_81_refused() {
    let rules = || vec![Rule::Crashed];
    assert!(Challenge::new(&"é".repeat(80), "goal", rules()).is_ok());
    assert_eq!(
        refusal(&"é".repeat(81), "goal", rules()),
        "the challenge's title has 81 characters, more than the 80 allowed"
    );
}

#[test]
fn a_goal_of_300_characters_is_accepted_and_301_refused() {
    let rules = || vec![Rule::Crashed];
    assert!(Challenge::new("t", &"g".repeat(300), rules()).is_ok());
    assert_eq!(
        Challenge::new("t", &"g".repeat(301), rules()),
        Err(ChallengeError::TooLong {
            field: "goal",
            chars: 301,
            most: 300
        })
    );
}

#[test]
fn a_challenge_without_a_rule_or_with_a_rule_twice_is_refused() {
    assert_eq!(
        refusal("t", "g", vec![]),
        "the challenge needs at least one check: tick one"
    );
    assert_eq!(
        refusal(
            "t",
            "g",
            vec![Rule::Crashed, Rule::Restarted, Rule::Crashed]
        ),
        "the check \"The process manager crashed while handling\" is chosen twice; a challenge lists each check once"
    );
}

fn file_with_challenge(challenge: &str) -> String {
    let session = Session::new(9, Settings::default());
    let mut value: serde_json::Value = serde_json::from_str(&session.to_json()).expect("json");
    let action: serde_json::Value = serde_json::from_str(&format!(
        r#"{{"action":"set-challenge","challenge":{challenge}}}"#
    ))
    .expect("json");
    value["actions"] = serde_json::Value::Array(vec![action]);
    value.to_string()
}

#[test]
fn a_file_whose_challenge_breaks_a_rule_is_refused_and_names_the_problem() {
    let file = file_with_challenge(r#"{"title":" ","goal":"g","rules":["crashed"]}"#);
    let error = Session::from_json(&file).expect_err("refused").to_string();
    assert!(error.contains("the challenge needs a title"), "{error}");
    let file = file_with_challenge(r#"{"title":"t","goal":"g","rules":["no-such-rule"]}"#);
    let error = Session::from_json(&file).expect_err("refused").to_string();
    assert!(error.contains("no-such-rule"), "{error}");
    let file = file_with_challenge(r#"{"title":"t","goal":"g","rules":["crashed","crashed"]}"#);
    let error = Session::from_json(&file).expect_err("refused").to_string();
    assert!(error.contains("is chosen twice"), "{error}");
}

#[test]
fn a_file_with_a_valid_challenge_written_by_hand_opens() {
    let file = file_with_challenge(
        r#"{"title":"Break it","goal":"Crash the process manager.","rules":["crashed","order-42-confirmed-twice"]}"#,
    );
    let session = Session::from_json(&file).expect("opens");
    let challenge = session.challenge().expect("set");
    assert_eq!(
        challenge.rules(),
        &[Rule::Crashed, Rule::Order42ConfirmedTwice]
    );
}

#[test]
fn rules_are_saved_by_stable_kebab_case_names() {
    let named = [
        (Rule::DuplicateIdRefused, "duplicate-id-refused"),
        (Rule::SalesLogHasGap, "sales-log-has-gap"),
        (Rule::Order42ConfirmedTwice, "order-42-confirmed-twice"),
        (Rule::OnceWithOutboxStream, "once-with-outbox-stream"),
        (Rule::DeclineFired, "decline-fired"),
    ];
    for (rule, name) in named {
        assert_eq!(
            serde_json::to_string(&rule).expect("json"),
            format!("\"{name}\"")
        );
    }
}

#[test]
fn every_rule_a_lesson_checks_can_be_chosen_once_and_round_trips() {
    for lesson in lessons() {
        for rule in lesson.rules().iter().chain([&lesson.task().rule]) {
            assert!(CHALLENGE_RULES.contains(rule), "{rule:?}");
        }
    }
    let all = Challenge::new("All", "Everything.", CHALLENGE_RULES.to_vec()).expect("distinct");
    let text = serde_json::to_string(&all).expect("json");
    let back: Challenge = serde_json::from_str(&text).expect("reads");
    assert_eq!(back, all);
}
