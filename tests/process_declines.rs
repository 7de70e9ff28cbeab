#![cfg(not(target_arch = "wasm32"))]
//! The caterer's answers: the latest stands until the order is matched; a
//! decline after the match comes too late and is said so.

mod process_common;

use es_playground::core::domain::MenuId;
use es_playground::core::process::{
    CateringMatch, MatchStatus, ProcessManager, Runner, RunnerConfig, StrategyKind,
};
use process_common::{World, caterer, confirm, customer, declined};

fn runner(strategy: StrategyKind) -> Runner<CateringMatch> {
    Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy))
}

#[test]
fn a_decline_after_a_confirmation_withdraws_it() {
    for strategy in StrategyKind::ALL {
        // Given the caterer confirmed menu 1, then declined it.
        let mut world = World::new();
        world.record(&caterer("42", "1"));
        world.record(&declined("42", "1"));
        // When the customer confirms menu 1.
        world.record(&customer("42", "1"));
        let mut runner = runner(strategy);
        runner.catch_up(&mut world.store);
        // Then no ConfirmOrder is sent: the caterer's latest answer is no.
        assert_eq!(runner.bus().attempts().len(), 0, "{strategy}");
        let state = runner.state_of(&world.store, "42").unwrap();
        assert_eq!(state.status(), MatchStatus::Declined, "{strategy}");
        assert_eq!(
            runner.process_manager().describe(&state),
            "declined: the caterer declined every menu",
            "{strategy}"
        );
    }
}

#[test]
fn a_confirmation_after_a_decline_stands() {
    for strategy in StrategyKind::ALL {
        // Given the caterer declined menu 1, then changed its mind.
        let mut world = World::new();
        world.record(&declined("42", "1"));
        world.record(&caterer("42", "1"));
        // When the customer confirms menu 1.
        world.record(&customer("42", "1"));
        let mut runner = runner(strategy);
        runner.catch_up(&mut world.store);
        // Then the order is confirmed with menu 1.
        let sent: Vec<_> = runner
            .bus()
            .delivered()
            .map(|d| &d.envelope.command)
            .collect();
        assert_eq!(sent, [&confirm("42", "1")], "{strategy}");
    }
}

#[test]
fn a_decline_after_the_match_is_shown_as_too_late() {
    for strategy in StrategyKind::ALL {
        // Given order 42 matched with menu 1.
        let mut world = World::new();
        world.record(&customer("42", "1"));
        world.record(&caterer("42", "1"));
        let mut runner = runner(strategy);
        runner.catch_up(&mut world.store);
        // When the caterer declines menu 1.
        let decline = world.record(&declined("42", "1"));
        runner.catch_up(&mut world.store);
        // Then the order stays confirmed, once, and the state and the trace
        // say the decline came too late.
        assert_eq!(runner.bus().attempts().len(), 1, "{strategy}");
        let state = runner.state_of(&world.store, "42").unwrap();
        assert_eq!(
            state.status(),
            MatchStatus::Matched(MenuId::parse("1").unwrap())
        );
        assert_eq!(state.late_decline(), Some(decline), "{strategy}");
        assert_eq!(
            runner.process_manager().describe(&state),
            "matched: menu 1; declined too late: the order is already confirmed; \
             a real system would compensate",
            "{strategy}"
        );
        let last = runner.trace().entries().last().unwrap();
        let decision = last.decision.as_deref().unwrap();
        assert!(
            decision
                .starts_with("the caterer declined menu 1 too late: order 42 is already confirmed"),
            "{strategy}: {decision}"
        );
    }
}
