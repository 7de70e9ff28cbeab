#![cfg(not(target_arch = "wasm32"))]
//! The handling order across the Sales and Catering logs, when two events
//! carry the same recording time.

use es_playground::core::domain::{CATERING, Command, Fact, MenuId, OrderId, SALES};
use es_playground::core::ids::{EventId, Timestamp};
use es_playground::core::process::{
    CateringMatch, CrashPoint, MatchState, Runner, RunnerConfig, StrategyKind,
};
use es_playground::core::store::{EventStore, ExpectedVersion, Metadata};
use proptest::prelude::*;

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
        // Given the customer's confirmation (Sales) stored before the
        // caterer's (Catering), both recorded at the same time.
        let mut store = store();
        append_at(
            &mut store,
            &Fact::customer_confirmed("42", "vegan").unwrap(),
            1,
            10,
        );
        append_at(
            &mut store,
            &Fact::caterer_confirmed("42", "vegan").unwrap(),
            2,
            10,
        );
        // When the process manager catches up.
        let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
        runner.catch_up(&mut store);
        // Then it handled the customer's first (not Catering's, whose name
        // sorts first): the caterer's completed the match.
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

/// One step of a random run: store a fact (at the same time as the last
/// one, or a tick later), or let the process manager catch up, crashing
/// first at a point if one is given, then restarting.
#[derive(Clone, Debug)]
enum Op {
    Store { fact: Fact, same_time: bool },
    CatchUp { crash: Option<CrashPoint> },
}

fn op() -> impl Strategy<Value = Op> {
    let fact = (0..3usize, 0..2usize, 0..2usize).prop_map(|(kind, order, menu)| {
        let (order, menu) = (["1", "2"][order], ["a", "b"][menu]);
        match kind {
            0 => Fact::customer_confirmed(order, menu).unwrap(),
            1 => Fact::caterer_confirmed(order, menu).unwrap(),
            _ => Fact::caterer_declined(order, menu).unwrap(),
        }
    });
    let crash = prop::option::of(prop::sample::select(CrashPoint::ALL.to_vec()));
    prop_oneof![
        3 => (fact, any::<bool>()).prop_map(|(fact, same_time)| Op::Store { fact, same_time }),
        1 => crash.prop_map(|crash| Op::CatchUp { crash }),
    ]
}

/// What a run shows per order (its state) and on the bus (each attempt's
/// command and cause).
type Shown = (Vec<Option<MatchState>>, Vec<(Command, EventId)>);

fn run(strategy: StrategyKind, ops: &[Op]) -> Shown {
    let mut store = store();
    let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
    let mut at = 10;
    for (id, op) in (1..).zip(ops) {
        match op {
            Op::Store { fact, same_time } => {
                at += u64::from(!same_time);
                append_at(&mut store, fact, id, at);
            }
            Op::CatchUp { crash } => {
                if let Some(point) = crash {
                    runner.arm_crash(*point);
                }
                runner.catch_up(&mut store);
                // A crash armed with nothing to handle is not kept for later.
                runner.disarm_crash();
                runner.restart();
            }
        }
    }
    runner.catch_up(&mut store);
    let states = ["1", "2"]
        .iter()
        .map(|order| {
            let state = runner.state_of(&store, order).unwrap();
            (state != MatchState::default()).then_some(state)
        })
        .collect();
    let sent = runner
        .bus()
        .attempts()
        .iter()
        .map(|d| (d.envelope.command.clone(), d.envelope.causation_id))
        .collect();
    (states, sent)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Times never go back here, but often repeat across the two logs, and
    /// the process manager reads between stores, so it often handles an
    /// event before another of the same time is stored.
    #[test]
    fn with_equal_times_and_crashes_every_strategy_shows_what_the_state_row_shows(
        ops in prop::collection::vec(op(), 0..20)
    ) {
        let expected = run(StrategyKind::StateRow, &ops);
        for strategy in [StrategyKind::EventSourced, StrategyKind::Projection] {
            prop_assert_eq!(&run(strategy, &ops), &expected, "{}", strategy);
        }
    }
}
