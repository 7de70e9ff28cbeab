//! Comparing two settings on the same actions (`core::session::compare`):
//! the same events, different commands, and the session left as it was.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::{CATERING, Fact, SALES};
use es_playground::core::lessons::lessons;
use es_playground::core::process::{CrashPoint, IdempotencyMode, StrategyKind};
use es_playground::core::session::{Action, Comparison, DEFAULT_SEED, Session, Settings, Side};

fn fire(fact: Fact) -> Action {
    Action::Fire { fact }
}

/// The customer confirms menu 1 of order 42; a crash is armed after
/// sending; the caterer confirms; the process manager restarts.
fn crash_after_sending() -> Vec<Action> {
    vec![
        fire(Fact::customer_confirmed("42", "1").expect("valid ids")),
        Action::ArmCrash {
            point: CrashPoint::AfterSend,
        },
        fire(Fact::caterer_confirmed("42", "1").expect("valid ids")),
        Action::Restart,
    ]
}

fn with(idempotency: IdempotencyMode) -> Settings {
    Settings {
        idempotency,
        ..Settings::default()
    }
}

/// (context, position, event type, event id) of every event of a context.
fn events(session: &Session, context: &str) -> Vec<(u64, String, String)> {
    session
        .store()
        .read_log_forward(context, Default::default(), usize::MAX)
        .expect("the context exists")
        .iter()
        .map(|e| (e.position.0, e.event_type.to_string(), e.id.to_string()))
        .collect()
}

#[test]
fn after_the_same_crash_none_confirms_twice_and_atomic_tracking_once_on_the_same_events() {
    // Given a session without idempotency where a crash after sending
    // made order 42's ConfirmOrder go out twice
    let session = Session::replay(
        DEFAULT_SEED,
        with(IdempotencyMode::None),
        &crash_after_sending(),
    )
    .expect("accepted actions");
    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 2);

    // When it is compared with atomic tracking
    let comparison = Comparison::first_for(session.settings());
    assert_eq!(comparison.right, with(IdempotencyMode::AtomicTracking));
    let left = comparison.replay(&session, Side::Left).expect("replays");
    let right = comparison
        .replay(&session, Side::Right)
        .expect("replays")
        .expect("other settings: a replay");

    // Then the left side is the session itself, and the right side holds
    // the same events, two in Sales and Catering with the same ids
    assert!(left.is_none());
    assert_eq!(events(&right, SALES), events(&session, SALES));
    assert_eq!(events(&right, CATERING), events(&session, CATERING));
    assert_eq!(events(&right, SALES).len(), 1);
    assert_eq!(events(&right, CATERING).len(), 1);
    // And order 42 got ConfirmOrder once there, twice here
    assert_eq!(right.runner().bus().confirm_orders_delivered("42"), 1);
    let (here, there) = (session.runner().bus().tally(), right.runner().bus().tally());
    assert_eq!((here.once, here.more.len()), (0, 1));
    assert_eq!((there.once, there.more.len()), (1, 0));
}

#[test]
fn a_comparison_leaves_the_session_and_its_log_as_they_were() {
    // Given a session after the crash
    let session = Session::replay(
        DEFAULT_SEED,
        with(IdempotencyMode::None),
        &crash_after_sending(),
    )
    .expect("accepted actions");
    let before = (
        session.to_json(),
        session.settings(),
        session.actions().len(),
    );

    // When both sides of a comparison are replayed
    let comparison = Comparison {
        left: with(IdempotencyMode::OutboxStream),
        right: with(IdempotencyMode::DeterministicIds),
    };
    let left = comparison.replay(&session, Side::Left).expect("replays");
    let right = comparison.replay(&session, Side::Right).expect("replays");

    // Then each side has its own settings, and the session is unchanged
    assert_eq!(left.expect("a replay").settings(), comparison.left);
    assert_eq!(right.expect("a replay").settings(), comparison.right);
    assert_eq!(
        (
            session.to_json(),
            session.settings(),
            session.actions().len()
        ),
        before
    );
}

#[test]
fn each_side_is_named_by_what_sets_it_apart() {
    let idempotency = Comparison::first_for(with(IdempotencyMode::None));
    assert_eq!(idempotency.name(Side::Left), "None (at-least-once)");
    assert_eq!(idempotency.name(Side::Right), "Atomic tracking (outbox)");

    let strategies = Comparison {
        left: Settings {
            strategy: StrategyKind::EventSourced,
            ..Settings::default()
        },
        right: Settings::default(),
    };
    assert_eq!(strategies.name(Side::Left), "Event sourced (own stream)");
    assert_eq!(strategies.name(Side::Right), "State row (table, lock)");

    let both = Comparison {
        left: Settings::default(),
        right: Settings {
            strategy: StrategyKind::Projection,
            idempotency: IdempotencyMode::OutboxStream,
        },
    };
    assert_eq!(
        both.name(Side::Right),
        "Projection (order streams), Outbox stream (dispatcher)"
    );

    let same = Comparison {
        left: Settings::default(),
        right: Settings::default(),
    };
    assert_eq!(
        same.name(Side::Left),
        "State row (table, lock), None (at-least-once) (left)"
    );
}

#[test]
fn the_two_sides_of_every_comparison_have_different_names() {
    // Every pair of the 3 strategies x 4 modes, both ways (144 pairs).
    let all: Vec<Settings> = StrategyKind::ALL
        .into_iter()
        .flat_map(|strategy| {
            IdempotencyMode::ALL
                .into_iter()
                .map(move |idempotency| Settings {
                    strategy,
                    idempotency,
                })
        })
        .collect();
    assert_eq!(all.len(), 12);
    for left in &all {
        for right in &all {
            let comparison = Comparison {
                left: *left,
                right: *right,
            };
            assert_ne!(
                comparison.name(Side::Left),
                comparison.name(Side::Right),
                "{comparison:?}"
            );
        }
    }
}

#[test]
fn lesson_5_compares_none_with_atomic_tracking_and_lesson_6_two_strategies() {
    let all = lessons();
    let lesson = |n: u8| all.iter().find(|l| l.number == n).expect("the lesson");

    // Lesson 5: the same crash, duplicated on the left only
    let five = lesson(5).comparison().expect("lesson 5 compares");
    assert_eq!(five.name(Side::Left), "None (at-least-once)");
    assert_eq!(five.name(Side::Right), "Atomic tracking (outbox)");
    let session = lesson(5).session().expect("lesson 5 plays");
    let confirmed = |side| {
        five.replay(&session, side)
            .expect("replays")
            .expect("lesson 5 runs deterministic ids: both sides are replays")
            .runner()
            .bus()
            .confirm_orders_delivered("42")
    };
    assert_eq!((confirmed(Side::Left), confirmed(Side::Right)), (2, 1));

    // Lesson 6: its own event-sourced strategy beside the state row
    let six = lesson(6).comparison().expect("lesson 6 compares");
    assert_eq!(six.name(Side::Left), "Event sourced (own stream)");
    assert_eq!(six.name(Side::Right), "State row (table, lock)");
    let session = lesson(6).session().expect("lesson 6 plays");
    assert!(six.replay(&session, Side::Left).expect("replays").is_none());

    // The other lessons offer none
    for n in [1, 2, 3, 4, 7, 8] {
        assert_eq!(lesson(n).comparison(), None, "lesson {n}");
    }
}
