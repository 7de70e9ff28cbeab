#![cfg(not(target_arch = "wasm32"))]
//! Each lesson's live checks and task, on its own session played step by
//! step: a check does not hold before the step that makes its point and
//! holds after it; the task does not hold at the lesson's end and holds
//! once the attendee did it. Expectations are written by hand from the
//! lesson's scenario.

use es_playground::core::domain::{Fact, SALES, order_stream};
use es_playground::core::lessons::{Lesson, Rule, lessons};
use es_playground::core::process::{CrashPoint, IdempotencyMode, StrategyKind};
use es_playground::core::session::{Action, Session, Settings};

fn lesson(number: u8) -> Lesson {
    lessons()
        .into_iter()
        .find(|lesson| lesson.number == number)
        .unwrap()
}

/// Whether `rule` holds on lesson `number` played up to `step`.
fn holds_at(number: u8, rule: Rule, step: usize) -> bool {
    let lesson = lesson(number);
    let played = lesson.at_step(step, lesson.settings).unwrap();
    rule.check(&played.session).holds
}

/// `rule` does not hold before `step` and holds from it on.
fn flips_at(number: u8, rule: Rule, step: usize) {
    assert!(
        !holds_at(number, rule, step - 1),
        "{rule:?} before step {step}"
    );
    assert!(holds_at(number, rule, step), "{rule:?} at step {step}");
}

/// Lesson `number`'s whole session with `more` actions applied.
fn after_task(number: u8, more: Vec<Action>) -> Session {
    let lesson = lesson(number);
    let mut session = lesson.session().unwrap();
    assert!(
        !lesson.task().rule.check(&session).holds,
        "task {number} done before"
    );
    for action in more {
        session.perform(action).unwrap();
    }
    session
}

fn fire(fact: Fact) -> Action {
    Action::Fire { fact }
}

#[test]
fn every_lesson_has_a_goal_and_its_checks_hold_at_its_last_step() {
    for lesson in lessons() {
        assert!(lesson.goal().ends_with('.'), "{}", lesson.label());
        let session = lesson.session().unwrap();
        for check in lesson.checks(&session) {
            assert!(
                check.holds,
                "{}: {:?} {}",
                lesson.label(),
                check.rule,
                check.why
            );
        }
    }
}

#[test]
fn no_lesson_check_or_task_holds_on_the_empty_session_of_step_0() {
    // A check that held before anything happened would prove nothing.
    for lesson in lessons() {
        let empty = lesson.at_step(0, lesson.settings).unwrap().session;
        for check in lesson.checks(&empty) {
            assert!(!check.holds, "{}: {:?}", lesson.label(), check.rule);
        }
        assert!(
            !lesson.task().rule.check(&empty).holds,
            "{}",
            lesson.label()
        );
    }
}

#[test]
fn lesson_1_a_refused_duplicate_id_writes_nothing() {
    // Given four fired events, when the first is appended again with its id,
    // then the store refused it and holds four events.
    flips_at(1, Rule::DuplicateIdRefused, 5);
    let session = lesson(1).session().unwrap();
    let check = Rule::DuplicateIdRefused.check(&session);
    assert_eq!(
        check.why,
        "1 append of a stored id refused; 4 events stored for 4 fired"
    );

    let first = session
        .store()
        .stream_events(SALES, &order_stream("42"))
        .unwrap()
        .next()
        .unwrap()
        .id;
    let done = after_task(1, vec![Action::AppendAgainWithId { event_id: first }]);
    assert!(Rule::DuplicateIdRefusedTwice.check(&done).holds);
}

#[test]
fn lesson_2_the_cursor_steps_over_a_rolled_back_gap() {
    // Given two Sales events, when a transaction is rolled back, then the
    // log has a gap; when one more Sales event comes, the cursor is past it.
    flips_at(2, Rule::SalesLogHasGap, 3);
    flips_at(2, Rule::CursorSteppedOverGap, 4);

    let done = after_task(
        2,
        vec![
            Action::RollBack {
                context: SALES.to_owned(),
                positions: 2, // as the page's Roll back a transaction button
            },
            fire(Fact::customer_confirmed("45", "1").unwrap()),
        ],
    );
    assert!(Rule::CursorSteppedOverTwoGaps.check(&done).holds);
}

#[test]
fn lesson_3_after_a_restart_the_process_manager_catches_up_from_its_cursors() {
    // Given two events handled step by step and a crash after reading the
    // third, when it restarts, then it has restarted; when it catches up,
    // both cursors reach their log's head.
    flips_at(3, Rule::Restarted, 9);
    flips_at(3, Rule::CaughtUpFromCursors, 11);

    let done = after_task(
        3,
        vec![
            fire(Fact::customer_confirmed("44", "1").unwrap()),
            Action::Restart,
            Action::CatchUp,
        ],
    );
    assert!(Rule::CaughtUpAfterTwoRestarts.check(&done).holds);
}

#[test]
fn lesson_4_a_crash_after_sending_confirms_order_42_twice() {
    // Given the customer's confirmation and a crash armed after sending,
    // when the caterer confirms, then it crashed; when it restarts, then
    // order 42 is confirmed twice.
    flips_at(4, Rule::Crashed, 3);
    flips_at(4, Rule::Order42ConfirmedTwice, 4);

    let done = after_task(
        4,
        vec![
            fire(Fact::customer_confirmed("43", "1").unwrap()),
            Action::ArmCrash {
                point: CrashPoint::AfterSend,
            },
            fire(Fact::caterer_confirmed("43", "1").unwrap()),
            Action::Restart,
        ],
    );
    assert!(Rule::TwoDuplicates.check(&done).holds);
}

#[test]
fn lesson_5_the_outbox_stream_confirms_once_and_no_idempotency_does_not() {
    // Given the crash after the outbox's dispatcher sent, under the outbox
    // stream, then order 42 is confirmed once; switched to no idempotency,
    // it is not; with deterministic ids or atomic tracking it is again.
    flips_at(5, Rule::Crashed, 3);
    flips_at(5, Rule::ConfirmedOncePerOrder, 3);
    assert!(holds_at(5, Rule::ConfirmedOncePerOrder, 4));
    let session = lesson(5).session().unwrap();
    assert!(Rule::OnceWithOutboxStream.check(&session).holds);
    let under = |idempotency| {
        let settings = Settings {
            idempotency,
            ..session.settings()
        };
        session.with_settings(settings).unwrap()
    };
    let check = Rule::ConfirmedOncePerOrder.check(&under(IdempotencyMode::None));
    assert!(!check.holds);
    assert_eq!(check.why, "confirmed more than once: 42 (2 times)");
    let ids = Rule::ConfirmedOncePerOrder.check(&under(IdempotencyMode::DeterministicIds));
    assert_eq!(ids.why, "1 order confirmed, each once");

    // The task: switch Idempotency to Atomic tracking.
    let _ = after_task(5, vec![]);
    let done = under(IdempotencyMode::AtomicTracking);
    assert!(Rule::OnceWithAtomicTracking.check(&done).holds);
    let outbox = done
        .store()
        .streams("CateringMatch")
        .map_or(0, |streams| streams.len());
    assert_eq!(outbox, 0, "no outbox stream under atomic tracking");
}

#[test]
fn lesson_6_the_single_stream_store_refuses_the_link_until_it_is_switched_off() {
    // Given the single-stream store, when the first event is handled, then
    // its link is refused; when the switch is off and it catches up, then
    // CateringMatch$42 holds the links.
    flips_at(6, Rule::LinkRefusedUniqueId, 2);
    flips_at(6, Rule::LinksWritten, 5);

    let session = after_task(6, vec![]);
    let rows = Settings {
        strategy: StrategyKind::StateRow,
        ..session.settings()
    };
    let done = session.with_settings(rows).unwrap();
    assert!(Rule::OnceWithStateRows.check(&done).holds);
}

#[test]
fn lesson_7_each_matched_order_is_confirmed_once_and_the_declined_one_not() {
    // Given confirmations mixed up, when order 42's second one arrives, then
    // one order is confirmed once; when 45 is declined, it is not confirmed.
    flips_at(7, Rule::ConfirmedOncePerOrder, 4);
    flips_at(7, Rule::DeclinedNotConfirmed, 8);

    let done = after_task(
        7,
        vec![
            fire(Fact::caterer_confirmed("46", "1").unwrap()),
            fire(Fact::customer_confirmed("46", "1").unwrap()),
        ],
    );
    assert!(Rule::FourOrdersConfirmedOnce.check(&done).holds);
}

#[test]
fn lesson_8_the_caterers_answer_is_stored_as_a_business_event() {
    flips_at(8, Rule::StoredInBusinessWords, 2);

    let done = after_task(8, vec![fire(Fact::caterer_declined("42", "1").unwrap())]);
    assert!(Rule::DeclineFired.check(&done).holds);
}

#[test]
fn a_lesson_plays_step_by_step_and_each_step_says_what_it_did() {
    // Given lesson 3, when played to each step, then the crash, the restart
    // and the catch-up are steps of their own and the session knows its step.
    let lesson = lesson(3);
    assert_eq!(lesson.steps(), 11);
    let first = lesson.at_step(0, lesson.settings).unwrap();
    assert_eq!(first.did, "Step 0: an empty session, nothing fired yet.");
    assert_eq!(first.session.store().event_count(), 0);
    let crash = lesson.at_step(8, lesson.settings).unwrap();
    assert_eq!(
        crash.did,
        "Step 8: The process manager crashed after reading the event; nothing was written, so it is handled again."
    );
    let restart = lesson.at_step(9, lesson.settings).unwrap();
    assert_eq!(
        restart.did,
        "Step 9: Restarted after the crash after reading the event; nothing was written, so it is handled again; reading resumes from the saved cursors."
    );
    assert_eq!(lesson.step_of(&restart.session), Some(9));
    let last = lesson.at_step(99, lesson.settings).unwrap();
    assert_eq!(last.step, 11);
    assert_eq!(last.did, "Step 11: Caught up 2 events; it is up to date.");

    let mut beyond = last.session;
    beyond.perform(Action::Restart).unwrap();
    assert_eq!(lesson.step_of(&beyond), None);
}

#[test]
fn a_check_says_why_it_does_not_hold_yet_in_the_sessions_words() {
    // Given lesson 5 at its first step, then no order is confirmed yet and
    // the task names the mode in use.
    let lesson = lesson(5);
    let first = lesson.at_step(1, lesson.settings).unwrap().session;
    let once = Rule::ConfirmedOncePerOrder.check(&first);
    assert!(!once.holds);
    assert_eq!(once.why, "no order confirmed yet");
    let task = Rule::OnceWithAtomicTracking.check(&first);
    assert!(!task.holds);
    assert_eq!(
        task.why,
        "idempotency outbox-stream; no order confirmed yet"
    );
}
