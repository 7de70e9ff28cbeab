#![cfg(not(target_arch = "wasm32"))]
//! The three state strategies give the same commands and the same states on
//! the same events.

mod process_common;

use es_playground::core::domain::{Command, Fact};
use es_playground::core::process::Cursors;
use es_playground::core::process::time_travel::state_as_of;
use es_playground::core::process::{
    CateringMatch, IdempotencyMode, MatchStatus, Runner, RunnerConfig, StrategyKind,
};
use process_common::{World, caterer, customer, declined};
use proptest::prelude::*;

/// What a run produced: the delivered commands, in order, and each order's
/// state as the strategy keeps it.
type Outcome = (Vec<Command>, Vec<(String, String)>);

/// Records `facts` one by one, catching up after those marked `true`, then
/// catches up at the end.
fn run(strategy: StrategyKind, facts: &[(Fact, bool)]) -> (World, Runner<CateringMatch>) {
    let mut world = World::new();
    let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
    for (fact, catch_up) in facts {
        world.record(fact);
        if *catch_up {
            assert!(runner.catch_up(&mut world.store).is_up_to_date());
        }
    }
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    (world, runner)
}

/// The last position of each log: "as of now".
fn heads(world: &World) -> Cursors {
    ["Sales", "Catering"]
        .into_iter()
        .map(|context| {
            (
                context.to_owned(),
                world.store.head_position(context).unwrap(),
            )
        })
        .collect()
}

fn outcome(world: &World, runner: &Runner<CateringMatch>, orders: &[&str]) -> Outcome {
    let commands = runner
        .bus()
        .delivered()
        .map(|delivery| delivery.envelope.command.clone())
        .collect();
    let states = orders
        .iter()
        .map(|order| {
            let state = runner.state_of(&world.store, order).unwrap();
            ((*order).to_owned(), format!("{state:?}"))
        })
        .collect();
    (commands, states)
}

#[test]
fn given_a_declined_menu_and_a_second_menu_every_strategy_confirms_the_second() {
    let facts = [
        (customer("42", "vegan"), true),
        (declined("42", "vegan"), false),
        (customer("42", "fish"), true),
        (caterer("42", "fish"), false),
    ];
    let outcomes: Vec<Outcome> = StrategyKind::ALL
        .iter()
        .map(|strategy| {
            let (world, runner) = run(*strategy, &facts);
            outcome(&world, &runner, &["42"])
        })
        .collect();
    assert_eq!(outcomes[0].0.len(), 1);
    assert_eq!(
        outcomes[0].0[0].to_string(),
        "ConfirmOrder(order 42, menu fish)"
    );
    assert!(outcomes.iter().all(|other| *other == outcomes[0]));
}

#[test]
fn given_every_menu_declined_every_strategy_reports_the_order_declined() {
    let facts = [
        (customer("42", "vegan"), true),
        (declined("42", "vegan"), true),
    ];
    for strategy in StrategyKind::ALL {
        let (world, runner) = run(strategy, &facts);
        let state = runner.state_of(&world.store, "42").unwrap();
        assert_eq!(state.status(), MatchStatus::Declined, "{strategy}");
        assert!(runner.bus().attempts().is_empty(), "{strategy}");
    }
}

const ORDERS: [&str; 3] = ["1", "2", "3"];
const MENUS: [&str; 3] = ["a", "b", "c"];

fn fact_strategy() -> impl Strategy<Value = (Fact, bool)> {
    (0..3usize, 0..3usize, 0..3usize, any::<bool>()).prop_map(|(kind, order, menu, catch_up)| {
        let (order, menu) = (ORDERS[order], MENUS[menu]);
        let fact = match kind {
            0 => customer(order, menu),
            1 => caterer(order, menu),
            _ => declined(order, menu),
        };
        (fact, catch_up)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn all_strategies_agree_on_any_sequence_of_facts(
        facts in prop::collection::vec(fact_strategy(), 0..24)
    ) {
        let (world, runner) = run(StrategyKind::StateRow, &facts);
        let expected = outcome(&world, &runner, &ORDERS);
        for strategy in [StrategyKind::EventSourced, StrategyKind::Projection] {
            let (world, runner) = run(strategy, &facts);
            prop_assert_eq!(&outcome(&world, &runner, &ORDERS), &expected, "{}", strategy);
        }
    }

    #[test]
    fn rebuilding_from_the_logs_gives_the_state_every_strategy_kept(
        facts in prop::collection::vec(fact_strategy(), 0..24)
    ) {
        // The fold of time travel (and of the benchmark's replay phase), as
        // of the logs' ends, against what the state-row and event-sourced
        // runners kept while handling (the projection strategy is that fold).
        for strategy in [StrategyKind::StateRow, StrategyKind::EventSourced] {
            let (world, runner) = run(strategy, &facts);
            let now = heads(&world);
            for order in ORDERS {
                let rebuilt = state_as_of(&CateringMatch, &world.store, &now, order).unwrap();
                let kept = runner.state_of(&world.store, order).unwrap();
                prop_assert_eq!(rebuilt, kept, "{} order {}", strategy, order);
            }
        }
    }

    #[test]
    fn only_the_matched_menu_is_ever_confirmed_and_every_match_is(
        facts in prop::collection::vec(fact_strategy(), 0..24)
    ) {
        let (world, runner) = run(StrategyKind::StateRow, &facts);
        let now = heads(&world);
        for order in ORDERS {
            let state = state_as_of(&CateringMatch, &world.store, &now, order).unwrap();
            let matched = state.matched().cloned();
            let confirmed: Vec<String> = runner
                .bus()
                .delivered()
                .filter_map(|delivery| match &delivery.envelope.command {
                    Command::ConfirmOrder { order_id, menu_id } if order_id == order => {
                        Some(menu_id.to_string())
                    }
                    _ => None,
                })
                .collect();
            match matched {
                Some(menu) => {
                    prop_assert!(!confirmed.is_empty());
                    prop_assert!(confirmed.iter().all(|sent| *sent == menu.to_string()));
                }
                None => prop_assert!(confirmed.is_empty()),
            }
        }
    }
}

#[test]
fn every_strategy_keeps_the_same_states_of_all_orders() {
    let facts = [
        (customer("42", "vegan"), false),
        (caterer("43", "fish"), true),
        (caterer("42", "vegan"), false),
        (declined("44", "fish"), false),
    ];
    let listed: Vec<_> = StrategyKind::ALL
        .iter()
        .map(|strategy| {
            let (world, runner) = run(*strategy, &facts);
            let state = |order| runner.state_of(&world.store, order).unwrap();
            [state("42"), state("43"), state("44")]
        })
        .collect();
    assert_eq!(
        listed[0][0].status(),
        MatchStatus::Matched(es_playground::core::domain::MenuId::parse("vegan").unwrap())
    );
    assert_eq!(listed[0][1].status(), MatchStatus::Pending);
    assert!(listed.iter().all(|states| *states == listed[0]));
}

#[test]
fn given_a_matched_order_when_a_new_confirmation_of_its_menu_arrives_then_no_second_confirm_order()
{
    let facts = [
        (customer("42", "fish"), true),
        (caterer("42", "fish"), true),
        (customer("42", "fish"), true),
        (caterer("42", "fish"), false),
    ];
    for strategy in StrategyKind::ALL {
        let (world, runner) = run(strategy, &facts);
        let (commands, _) = outcome(&world, &runner, &["42"]);
        assert_eq!(commands.len(), 1, "{strategy}: {commands:?}");
    }
}

#[test]
fn every_idempotency_mode_keeps_the_same_states() {
    // Given confirmations of three orders, one of them matched
    let facts = [
        customer("42", "vegan"),
        caterer("43", "fish"),
        caterer("42", "vegan"),
        declined("44", "fish"),
    ];
    let mut listed = Vec::new();
    for strategy in StrategyKind::ALL {
        for mode in IdempotencyMode::ALL {
            // When each strategy handles them in each mode
            let mut world = World::new();
            let config = RunnerConfig::with_strategy(strategy).idempotency(mode);
            let mut runner = Runner::new(CateringMatch, config);
            for fact in &facts {
                world.record(fact);
                assert!(runner.catch_up(&mut world.store).is_up_to_date());
            }
            // Then it keeps the same states of 42, 43 and 44, and confirms 42 once
            let state = |order| runner.state_of(&world.store, order).unwrap();
            let states = [state("42"), state("43"), state("44")];
            assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
            listed.push(states);
        }
    }
    assert!(listed.iter().all(|states| *states == listed[0]));
}
