#![cfg(not(target_arch = "wasm32"))]
//! The guided tour: every lesson replays, and each shows on its session what
//! its text tells the attendee to look at.

mod store_state;

use es_playground::core::domain::crud::crud_statement;
use es_playground::core::domain::{Command, Fact};
use es_playground::core::lessons::{Lesson, lessons};
use es_playground::core::process::{HandlingOutcome, IdempotencyMode};
use es_playground::core::session::{Action, DEFAULT_SEED, Outcome, Session, Settings};
use es_playground::core::store::{Position, StreamVersion};
use store_state::store_state;

fn lesson(number: u8) -> Lesson {
    lessons()
        .into_iter()
        .find(|lesson| lesson.number == number)
        .unwrap()
}

fn session_of(number: u8) -> Session {
    lesson(number).session().unwrap()
}

/// The lesson's actions applied one by one, with what each one said.
fn outcomes_of(number: u8) -> Vec<Outcome> {
    let lesson = lesson(number);
    let mut session = Session::new(DEFAULT_SEED, lesson.settings);
    lesson
        .actions
        .into_iter()
        .map(|action| session.perform(action).unwrap())
        .collect()
}

fn log_positions(session: &Session, context: &str) -> Vec<u64> {
    session
        .store()
        .read_log_forward(context, Position::START, usize::MAX)
        .unwrap()
        .iter()
        .map(|event| event.position.0)
        .collect()
}

fn delivered(session: &Session) -> Vec<Command> {
    let mut commands: Vec<Command> = session
        .runner()
        .bus()
        .delivered()
        .map(|delivery| delivery.envelope.command.clone())
        .collect();
    commands.sort();
    commands
}

#[test]
fn every_lesson_replays_without_a_refused_action_and_has_a_numbered_label() {
    let all = lessons();
    assert_eq!(all.len(), 8);
    for lesson in &all {
        let session = lesson.session();
        assert!(session.is_ok(), "{}: {session:?}", lesson.label());
        assert!(!lesson.actions.is_empty(), "{}", lesson.label());
    }
    assert_eq!(all[0].label(), "1. Event store basics");
}

#[test]
fn lesson_1_shows_two_versions_in_one_order_stream_and_positions_in_each_log() {
    let session = session_of(1);
    let store = session.store();

    let versions = store.stream_version("Sales", "Order$42").unwrap();
    assert_eq!(
        versions,
        Some(StreamVersion(1)),
        "two events: versions 0 and 1"
    );
    assert_eq!(
        store.stream_version("Catering", "Order$42").unwrap(),
        Some(StreamVersion(0))
    );
    assert_eq!(log_positions(&session, "Sales"), [1, 2, 3]);
    assert_eq!(log_positions(&session, "Catering"), [1]);
}

#[test]
fn lesson_1_ends_with_the_three_store_refusals_and_an_unchanged_store() {
    let first = lesson(1);
    let accepted = Session::replay(DEFAULT_SEED, first.settings, &first.actions[..4]).unwrap();
    let outcomes = outcomes_of(1);

    assert_eq!(outcomes.len(), 7);
    let refusals: Vec<&str> = outcomes[4..].iter().map(|o| o.message.as_str()).collect();
    assert!(refusals[0].contains("is already stored"), "{}", refusals[0]);
    assert!(
        refusals[1].contains("wrong expected version for stream \"Order$42\" in context \"Sales\""),
        "{}",
        refusals[1]
    );
    assert!(
        refusals[2].contains("appears twice in the batch"),
        "{}",
        refusals[2]
    );
    assert!(outcomes[4..].iter().all(|o| o.warning));
    assert_eq!(
        store_state(session_of(1).store()),
        store_state(accepted.store())
    );
    let said = first.store_refusals().unwrap();
    assert_eq!(said, refusals);
    assert!(lesson(4).store_refusals().unwrap().is_empty());
}

#[test]
fn lesson_2_leaves_a_gap_in_the_sales_log_that_the_cursor_steps_over() {
    let session = session_of(2);

    assert_eq!(log_positions(&session, "Sales"), [1, 2, 5]);
    assert_eq!(session.store().head_position("Sales").unwrap(), Position(5));
    assert_eq!(session.runner().saved_cursors()["Sales"], Position(5));
}

#[test]
fn lesson_3_catches_up_from_the_saved_cursors_without_handling_an_event_twice() {
    let session = session_of(3);
    let runner = session.runner();

    assert!(!session.auto_handle());
    assert_eq!(runner.trace().restarts().len(), 1);
    let crashed = runner
        .trace()
        .entries()
        .iter()
        .filter(|entry| matches!(entry.outcome, HandlingOutcome::Crashed(_)))
        .count();
    assert_eq!(crashed, 1, "the crash after reading Sales position 2");
    let handled: Vec<_> = runner
        .trace()
        .entries()
        .iter()
        .filter(|entry| entry.outcome == HandlingOutcome::Handled)
        .map(|entry| entry.event.id)
        .collect();
    let distinct: std::collections::HashSet<_> = handled.iter().collect();
    assert_eq!(handled.len(), 4);
    assert_eq!(distinct.len(), handled.len(), "no event handled twice");
    assert_eq!(runner.saved_cursors()["Sales"], Position(2));
    assert_eq!(runner.saved_cursors()["Catering"], Position(2));
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.bus().confirm_orders_delivered("43"), 1);
}

#[test]
fn lesson_4_delivers_confirm_order_twice_for_order_42() {
    let session = session_of(4);

    assert_eq!(session.settings().idempotency, IdempotencyMode::None);
    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 2);
    assert_eq!(session.runner().bus().duplicates_delivered(), 1);
}

#[test]
fn lesson_5_delivers_confirm_order_once_and_drops_the_repeat() {
    let session = session_of(5);

    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 1);
    assert_eq!(session.runner().bus().duplicates_delivered(), 0);
    assert_eq!(session.runner().bus().dropped(), 1);
}

#[test]
fn lesson_5_shows_its_outbox_stream_and_the_dispatchers_cursor_on_it() {
    let session = session_of(5);

    assert_eq!(
        session.settings().idempotency,
        IdempotencyMode::OutboxStream
    );
    let queued: Vec<String> = session
        .store()
        .read_stream_forward(
            "CateringMatch",
            "CateringMatch-outbox",
            StreamVersion::FIRST,
            10,
        )
        .unwrap()
        .iter()
        .map(|event| event.event_type.to_string())
        .collect();
    assert_eq!(queued, ["CommandQueued"]);
    assert_eq!(
        session.runner().dispatcher_cursor(),
        ("CateringMatch", Position(1))
    );
}

#[test]
fn lesson_5_with_atomic_tracking_also_confirms_order_42_once() {
    let settings = Settings {
        idempotency: IdempotencyMode::AtomicTracking,
        ..lesson(5).settings
    };
    let session = session_of(5).with_settings(settings).unwrap();

    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 1);
    assert_eq!(session.runner().bus().duplicates_delivered(), 0);
}

#[test]
fn lesson_6_fails_with_the_unique_id_violation_and_then_is_fixed() {
    let outcomes = outcomes_of(6);

    let failed = outcomes
        .iter()
        .position(|outcome| outcome.warning && outcome.message.contains("unique"));
    let last = outcomes.last().unwrap();
    assert!(failed.is_some(), "{outcomes:?}");
    assert!(!last.warning, "{last:?}");
    assert!(last.message.contains("up to date"), "{last:?}");
    let session = session_of(6);
    assert!(!session.store().single_stream());
    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 1);
    let linked = session
        .store()
        .read_stream_forward("Sales", "CateringMatch$42", StreamVersion::FIRST, 10)
        .unwrap();
    assert_eq!(linked.len(), 1);
}

#[test]
fn lesson_7_confirms_each_matched_order_once_whatever_the_arrival_order() {
    let lesson = lesson(7);
    let session = lesson.session().unwrap();
    let bus = session.runner().bus();
    for order in ["42", "43", "44"] {
        assert_eq!(bus.confirm_orders_delivered(order), 1, "order {order}");
    }
    assert_eq!(bus.confirm_orders_delivered("45"), 0);

    let reversed: Vec<Action> = lesson.actions.iter().rev().cloned().collect();
    let other_order = Session::replay(DEFAULT_SEED, lesson.settings, &reversed).unwrap();
    assert_eq!(delivered(&other_order), delivered(&session));
}

#[test]
fn lesson_8_ends_with_the_caterer_confirmation_shown_as_a_crud_update() {
    let lesson = lesson(8);
    let last = lesson.actions.iter().rev().find_map(|action| match action {
        Action::Fire { fact } => Some(fact.clone()),
        _ => None,
    });

    assert_eq!(last, Some(Fact::caterer_confirmed("42", "1").unwrap()));
    assert_eq!(
        last.as_ref().map(crud_statement).as_deref(),
        Some(
            "UPDATE catering_match SET caterer_confirmed = true WHERE order_id = '42' AND menu_id = '1'"
        )
    );
}
