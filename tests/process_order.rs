#![cfg(not(target_arch = "wasm32"))]
//! The handling order across the Sales and Catering logs, when two events
//! carry the same recording time.

use es_playground::core::domain::{CATERING, Command, Fact, MenuId, OrderId, SALES};
use es_playground::core::ids::{EventId, Timestamp};
use es_playground::core::process::{
    CateringMatch, CrashPoint, MatchState, Runner, RunnerConfig, StrategyKind,
};
use es_playground::core::store::{EventStore, ExpectedVersion, Metadata};

/// A store with the two contexts of the catering example.
fn store() -> EventStore {
    let mut store = EventStore::new();
    store.add_context(SALES).unwrap();
    store.add_context(CATERING).unwrap();
    store
}

/// Appends `fact` as the event `id`, recorded at `at`.
fn append_at(store: &mut EventStore, fact: &Fact, id: u128, at: u64) {
    let event = fact.to_new_event(EventId::from_u128(id), Metadata::at(Timestamp(at)));
    store
        .append(
            fact.context(),
            &fact.stream(),
            ExpectedVersion::Any,
            vec![event],
        )
        .unwrap();
}

fn confirm_42_vegan() -> Command {
    Command::ConfirmOrder {
        order_id: OrderId::parse("42").unwrap(),
        menu_id: MenuId::parse("vegan").unwrap(),
    }
}

/// `first` (event 1) is recorded and handled; then `second` (event 2) is
/// recorded with the same time in the other log, and its handling crashes
/// at `point`; the process manager restarts and catches up.
fn tie_then_crash(
    strategy: StrategyKind,
    point: CrashPoint,
    [first, second]: [Fact; 2],
) -> (MatchState, Vec<EventId>) {
    let mut store = store();
    let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
    append_at(&mut store, &first, 1, 10);
    runner.catch_up(&mut store);
    append_at(&mut store, &second, 2, 10);
    runner.arm_crash(point);
    runner.catch_up(&mut store);
    runner.restart();
    runner.catch_up(&mut store);
    let state = runner.state_of(&store, "42").unwrap();
    let causes = runner
        .bus()
        .delivered()
        .filter(|delivery| delivery.envelope.command == confirm_42_vegan())
        .map(|delivery| delivery.envelope.causation_id)
        .collect();
    (state, causes)
}

#[test]
fn on_equal_times_across_logs_every_strategy_names_the_completing_event_the_runner_handled() {
    let customer = Fact::customer_confirmed("42", "vegan").unwrap();
    let caterer = Fact::caterer_confirmed("42", "vegan").unwrap();
    // Given one confirmation, handled, then the other, stored later but
    // recorded at the same time in the other log (either way round: with
    // ties broken by context name, Catering stored second sorted first).
    // When the second one's handling crashes at any point and the process
    // manager restarts.
    // Then every strategy says the second event (2) completed the match, as
    // the runner handled it, and ConfirmOrder was sent for it (never lost,
    // never caused by the first).
    let orders = [[customer.clone(), caterer.clone()], [caterer, customer]];
    for point in CrashPoint::ALL {
        for strategy in StrategyKind::ALL {
            for facts in orders.clone() {
                let (state, causes) = tie_then_crash(strategy, point, facts);
                assert_eq!(
                    state.completed_by(),
                    Some(EventId::from_u128(2)),
                    "{strategy}, crash {point}"
                );
                assert!(
                    !causes.is_empty() && causes.iter().all(|id| *id == EventId::from_u128(2)),
                    "{strategy}, crash {point}: ConfirmOrder caused by {causes:?}"
                );
            }
        }
    }
}

#[test]
fn events_stored_before_the_process_manager_starts_are_handled_in_the_order_they_were_stored() {
    for strategy in StrategyKind::ALL {
        // Given the caterer's confirmation stored before the customer's,
        // both recorded at the same time.
        let mut store = store();
        append_at(
            &mut store,
            &Fact::caterer_confirmed("42", "vegan").unwrap(),
            1,
            10,
        );
        append_at(
            &mut store,
            &Fact::customer_confirmed("42", "vegan").unwrap(),
            2,
            10,
        );
        // When the process manager catches up.
        let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
        runner.catch_up(&mut store);
        // Then it handled the caterer's first: the customer's completed it.
        let handled: Vec<EventId> = runner
            .trace()
            .entries()
            .iter()
            .map(|e| e.event.id)
            .collect();
        assert_eq!(
            handled,
            [EventId::from_u128(1), EventId::from_u128(2)],
            "{strategy}"
        );
        let state = runner.state_of(&store, "42").unwrap();
        assert_eq!(
            state.completed_by(),
            Some(EventId::from_u128(2)),
            "{strategy}"
        );
    }
}
