#![cfg(not(target_arch = "wasm32"))]
//! What each strategy keeps for an order, as lesson 6 shows it: the state
//! row and its lock, the own streams with the linked events, the aggregate
//! streams the projection reads; and the single-stream store's refused link.

use es_playground::core::domain::{CATERING, MenuId, SALES};
use es_playground::core::lessons::lessons;
use es_playground::core::process::kept_state::{kept_state, last_handled_key, refused_links};
use es_playground::core::process::{
    KeptState, KeptStream, MatchState, MatchStatus, RowLock, StrategyKind,
};
use es_playground::core::session::{Session, Settings};
use es_playground::core::store::Position;

/// Lesson 6's session under `strategy`.
fn lesson_six(strategy: StrategyKind) -> Session {
    let lesson = lessons()
        .into_iter()
        .find(|lesson| lesson.number == 6)
        .unwrap();
    let session = lesson.session().unwrap();
    session
        .with_settings(Settings {
            strategy,
            ..session.settings()
        })
        .unwrap()
}

fn kept(session: &Session, key: &str) -> KeptState<MatchState<MenuId>> {
    kept_state(session.runner(), session.store(), key).unwrap()
}

/// (context, stream, [(version, type, position, original stream, original version, read)])
type Shown = (String, String, Vec<(u64, String, u64, String, u64, bool)>);

fn shown(streams: &[KeptStream]) -> Vec<Shown> {
    streams
        .iter()
        .map(|s| {
            let events = s
                .events
                .iter()
                .map(|e| {
                    (
                        e.version.0,
                        e.event_type.clone(),
                        e.position.0,
                        e.original_stream.clone(),
                        e.original_version.0,
                        e.read,
                    )
                })
                .collect();
            (s.context.clone(), s.stream.clone(), events)
        })
        .collect()
}

fn entry(
    version: u64,
    kind: &str,
    position: u64,
    read: bool,
) -> (u64, String, u64, String, u64, bool) {
    (
        version,
        kind.to_owned(),
        position,
        "Order$42".to_owned(),
        0,
        read,
    )
}

#[test]
fn the_state_row_keeps_one_committed_row_with_its_lock_released() {
    // Given lesson 6's events, when the state is kept as a row per order
    let session = lesson_six(StrategyKind::StateRow);
    // Then the table holds the matched row of order 42 and no lock is held
    let KeptState::Row(row) = kept(&session, "42") else {
        panic!("not a row")
    };
    assert_eq!(row.key, "42");
    let committed = row.committed.unwrap();
    assert_eq!(
        committed.status(),
        MatchStatus::Matched(MenuId::parse("1").unwrap())
    );
    assert_eq!(row.lock, RowLock::Released);
    assert!(row.how_locked.contains("autocommitted"));
    // And an order the table never saw has no row
    let KeptState::Row(none) = kept(&session, "43") else {
        panic!("not a row")
    };
    assert_eq!(none.committed, None);
}

#[test]
fn event_sourced_state_is_the_own_stream_with_the_events_linked_into_it() {
    // Given lesson 6's events, when the state is event sourced
    let session = lesson_six(StrategyKind::EventSourced);
    // Then CateringMatch$42 of each context holds the event linked there,
    // version 0 of the own stream, version 0 of Order$42 where it was appended
    let KeptState::OwnStreams(streams) = kept(&session, "42") else {
        panic!("not own streams")
    };
    assert!(streams.iter().all(|s| s.owned));
    assert_eq!(
        shown(&streams),
        vec![
            (
                SALES.to_owned(),
                "CateringMatch$42".to_owned(),
                vec![entry(0, "CustomerConfirmedMenu", 1, true)]
            ),
            (
                CATERING.to_owned(),
                "CateringMatch$42".to_owned(),
                vec![entry(0, "CatererConfirmedMenu", 1, true)]
            ),
        ]
    );
}

#[test]
fn the_projection_reads_the_order_streams_it_does_not_own() {
    // Given lesson 6's events, when the state is a projection
    let session = lesson_six(StrategyKind::Projection);
    // Then the streams shown are Order$42 of Sales and Catering, not owned,
    // and every event in them was read (both are handled)
    let KeptState::Projection(streams) = kept(&session, "42") else {
        panic!("not a projection")
    };
    assert!(streams.iter().all(|s| !s.owned));
    assert_eq!(
        shown(&streams),
        vec![
            (
                SALES.to_owned(),
                "Order$42".to_owned(),
                vec![entry(0, "CustomerConfirmedMenu", 1, true)]
            ),
            (
                CATERING.to_owned(),
                "Order$42".to_owned(),
                vec![entry(0, "CatererConfirmedMenu", 1, true)]
            ),
        ]
    );
}

#[test]
fn an_event_past_the_cursor_is_shown_as_not_read_by_the_projection() {
    // Given a projection session where the process manager does not handle
    // on its own, and one event of order 42 was stepped through
    let mut session = Session::new(
        1,
        Settings {
            strategy: StrategyKind::Projection,
            ..Settings::default()
        },
    );
    use es_playground::core::domain::Fact;
    use es_playground::core::session::Action;
    session
        .perform(Action::SetAutoHandle { on: false })
        .unwrap();
    for fact in [
        Fact::customer_confirmed("42", "1").unwrap(),
        Fact::customer_confirmed("42", "2").unwrap(),
    ] {
        session.perform(Action::Fire { fact }).unwrap();
    }
    session.perform(Action::Step).unwrap();
    // Then the first event is read, the second not yet
    let KeptState::Projection(streams) = kept(&session, "42") else {
        panic!("not a projection")
    };
    assert_eq!(
        shown(&streams)[0].2,
        vec![
            entry(0, "CustomerConfirmedMenu", 1, true),
            (
                1,
                "CustomerConfirmedMenu".to_owned(),
                2,
                "Order$42".to_owned(),
                1,
                false
            ),
        ]
    );
}

#[test]
fn the_single_stream_refusal_is_found_without_choosing_an_order() {
    // Given lesson 6 (event sourced, single-stream on for the first events)
    let session = lesson_six(StrategyKind::EventSourced);
    // Then the trace holds the refused link of the customer's confirmation,
    // with the store's unique-id message, and that it was handled again
    let refused = refused_links(session.runner());
    let first = refused.first().unwrap();
    assert_eq!(first.key.as_deref(), Some("42"));
    assert_eq!(first.event_type, "CustomerConfirmedMenu");
    assert_eq!(
        (first.context.as_str(), first.position),
        (SALES, Position(1))
    );
    assert!(
        first.reason.contains("single-stream mode"),
        "{}",
        first.reason
    );
    assert!(
        first.reason.contains("CateringMatch$42"),
        "{}",
        first.reason
    );
    assert!(first.handled_again_at.is_some());
    // And the key to show without a selection is order 42
    assert_eq!(last_handled_key(session.runner()).as_deref(), Some("42"));
}

#[test]
fn no_link_is_refused_when_the_strategy_links_nothing() {
    // Given lesson 6's events kept as a row or a projection
    for strategy in [StrategyKind::StateRow, StrategyKind::Projection] {
        let session = lesson_six(strategy);
        // Then the single-stream store refused nothing
        assert_eq!(refused_links(session.runner()), vec![], "{strategy}");
    }
}

#[test]
fn a_crash_inside_the_transaction_leaves_the_row_locked_until_the_restart_rolls_it_back() {
    use es_playground::core::domain::Fact;
    use es_playground::core::process::{CrashPoint, IdempotencyMode};
    use es_playground::core::session::Action;
    // Given atomic tracking, where the row stays locked until the commit
    let mut session = Session::new(
        1,
        Settings {
            idempotency: IdempotencyMode::AtomicTracking,
            ..Settings::default()
        },
    );
    // When the process manager crashes after changing the state of order 42
    session
        .perform(Action::ArmCrash {
            point: CrashPoint::AfterStateChange,
        })
        .unwrap();
    let fact = Fact::customer_confirmed("42", "1").unwrap();
    session.perform(Action::Fire { fact }).unwrap();
    // Then the row of 42 is locked with its uncommitted change, not committed
    let KeptState::Row(row) = kept(&session, "42") else {
        panic!("not a row")
    };
    assert_eq!(row.committed, None);
    let RowLock::HeldOnThisRow {
        uncommitted: Some(pending),
    } = &row.lock
    else {
        panic!("not locked: {:?}", row.lock)
    };
    let menu: Vec<_> = pending
        .menus()
        .map(|m| (m.menu_id.to_string(), m.customer_confirmed))
        .collect();
    assert_eq!(menu, vec![("1".to_owned(), true)]);
    assert!(row.how_locked.contains("committed together"));
    // And another order sees the lock held on the row of 42
    let KeptState::Row(other) = kept(&session, "43") else {
        panic!("not a row")
    };
    assert_eq!(other.lock, RowLock::HeldOnRow("42".to_owned()));
    // When it restarts, the change is rolled back, handled again and committed
    session.perform(Action::Restart).unwrap();
    let KeptState::Row(row) = kept(&session, "42") else {
        panic!("not a row")
    };
    assert_eq!(row.lock, RowLock::Released);
    assert_eq!(row.committed.unwrap().menu_count(), 1);
}
