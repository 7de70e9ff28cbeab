#![cfg(not(target_arch = "wasm32"))]
//! Every ordering of two orders' confirmations, with a crash at every
//! point of every handling (or none), in every idempotency mode and every
//! strategy: idempotency gives exactly one delivered `ConfirmOrder` per
//! order; without it, a duplicate appears exactly when the crash came after
//! sending (without an outbox the dispatch is the send), on the event that
//! sent. The full model check, with two crashes and more scenarios, is
//! `process_model_check.rs`.

mod process_common;

use es_playground::core::domain::Fact;
use es_playground::core::process::{
    CateringMatch, CrashPoint, IdempotencyMode, Runner, RunnerConfig, StepReport, StrategyKind,
};
use process_common::{World, caterer, customer};

/// All orderings of `items`.
fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut all = Vec::new();
    for (index, first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(index);
        for mut tail in permutations(&rest) {
            tail.insert(0, first.clone());
            all.push(tail);
        }
    }
    all
}

/// The order id of a fact of the catering example.
fn order_of(fact: &Fact) -> String {
    match fact {
        Fact::CustomerConfirmedMenu(e) => e.order_id.to_string(),
        Fact::CatererConfirmedMenu(e) => e.order_id.to_string(),
        other => panic!("not part of this test: {other}"),
    }
}

/// Whether the event at `index` of `ordering` completes its order's match,
/// so its handling sends the command.
fn sends(ordering: &[Fact], index: usize) -> bool {
    let order = order_of(&ordering[index]);
    ordering[..index]
        .iter()
        .any(|earlier| order_of(earlier) == order)
}

/// Handles all events, crashing at handling `crash.1` at point `crash.0`
/// and restarting. With `live`, each event is appended and caught up with
/// before the next one is appended.
fn run(
    ordering: &[Fact],
    crash: Option<(CrashPoint, usize)>,
    config: RunnerConfig,
    live: bool,
) -> Runner<CateringMatch> {
    let mut world = World::new();
    let mut runner = Runner::new(CateringMatch, config);
    let mut handlings = 0;
    let mut drain = |world: &mut World, runner: &mut Runner<CateringMatch>| loop {
        if let Some((point, at)) = crash
            && at == handlings
        {
            runner.arm_crash(point);
        }
        match runner.step(&mut world.store).unwrap() {
            StepReport::Idle => break,
            StepReport::Crashed { .. } => {
                runner.restart();
            }
            _ => {}
        }
        handlings += 1;
    };
    if live {
        for fact in ordering {
            world.record(fact);
            drain(&mut world, &mut runner);
        }
    } else {
        for fact in ordering {
            world.record(fact);
        }
        drain(&mut world, &mut runner);
    }
    runner
}

#[test]
fn idempotency_gives_one_confirm_order_per_order_and_without_it_duplicates_come_only_from_a_crash_after_sending()
 {
    let facts = [
        customer("1", "vegan"),
        caterer("1", "vegan"),
        customer("2", "fish"),
        caterer("2", "fish"),
    ];
    let orderings = permutations(&facts);
    assert_eq!(orderings.len(), 24);
    let mut crashes = vec![None];
    for point in CrashPoint::ALL {
        crashes.extend((0..facts.len()).map(|at| Some((point, at))));
    }
    let mut runs = 0;
    for ordering in &orderings {
        for crash in &crashes {
            for mode in IdempotencyMode::ALL {
                for strategy in StrategyKind::ALL {
                    for live in [false, true] {
                        let config = RunnerConfig::with_strategy(strategy).idempotency(mode);
                        let runner = run(ordering, *crash, config, live);
                        let bus = runner.bus();
                        let case =
                            format!("{ordering:?} crash {crash:?} {mode} {strategy} live {live}");
                        let expected_duplicates = match (mode, crash) {
                            (
                                IdempotencyMode::None,
                                Some((CrashPoint::AfterSend | CrashPoint::AfterDispatch, at)),
                            ) => usize::from(sends(ordering, *at)),
                            _ => 0,
                        };
                        assert_eq!(bus.duplicates_delivered(), expected_duplicates, "{case}");
                        let total: usize = ["1", "2"]
                            .iter()
                            .map(|order| bus.confirm_orders_delivered(order))
                            .sum();
                        assert_eq!(total, 2 + expected_duplicates, "{case}");
                        for order in ["1", "2"] {
                            assert!(bus.confirm_orders_delivered(order) >= 1, "{case}");
                        }
                        runs += 1;
                    }
                }
            }
        }
    }
    assert_eq!(runs, 24 * 17 * 4 * 3 * 2);
}
