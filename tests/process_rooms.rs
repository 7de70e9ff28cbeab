#![cfg(not(target_arch = "wasm32"))]
//! Room allocation: `AllocateRooms` once the threshold of distinct
//! participants is reached, and only then.

mod process_common;

use es_playground::core::process::{
    CrashPoint, IdempotencyMode, RoomAllocation, Runner, RunnerConfig, StrategyKind,
};
use process_common::{World, registered};

fn register(world: &mut World, conference: &str, participants: impl IntoIterator<Item = usize>) {
    for participant in participants {
        world.record(&registered(conference, &format!("p{participant}")));
    }
}

fn allocations(runner: &Runner<RoomAllocation>) -> usize {
    runner.bus().delivered().count()
}

#[test]
fn given_999_registered_when_one_more_registers_then_rooms_are_allocated_once() {
    let mut world = World::new();
    register(&mut world, "rustconf", 0..999);
    let mut runner = Runner::new(
        RoomAllocation::default(),
        RunnerConfig::default().trace(false),
    );
    runner.catch_up(&mut world.store);
    assert_eq!(allocations(&runner), 0);

    register(&mut world, "rustconf", [999]);
    runner.catch_up(&mut world.store);

    assert_eq!(allocations(&runner), 1);
    let sent = runner.bus().delivered().next().unwrap();
    assert_eq!(
        sent.envelope.command.to_string(),
        "AllocateRooms(conference rustconf)"
    );
}

#[test]
fn registrations_past_the_threshold_send_nothing_more() {
    let mut world = World::new();
    register(&mut world, "rustconf", 0..5);
    let pm = RoomAllocation::with_threshold(3).unwrap();
    for strategy in StrategyKind::ALL {
        let mut runner = Runner::new(pm, RunnerConfig::with_strategy(strategy));
        runner.catch_up(&mut world.store);
        assert_eq!(allocations(&runner), 1, "{strategy}");
        let state = runner.state_of(&world.store, "rustconf").unwrap();
        assert_eq!(state.registered(), 5, "{strategy}");
        assert_eq!(
            state.reached_by().map(|p| p.to_string()),
            Some("p2".to_owned())
        );
    }
}

#[test]
fn a_participant_registered_twice_counts_once() {
    let mut world = World::new();
    register(&mut world, "rustconf", [1, 2, 2]);
    let mut runner = Runner::new(
        RoomAllocation::with_threshold(3).unwrap(),
        RunnerConfig::default(),
    );
    runner.catch_up(&mut world.store);
    assert_eq!(allocations(&runner), 0);
    register(&mut world, "rustconf", [3]);
    runner.catch_up(&mut world.store);
    assert_eq!(allocations(&runner), 1);
}

#[test]
fn conferences_are_counted_apart() {
    let mut world = World::new();
    register(&mut world, "rustconf", [1, 2]);
    register(&mut world, "euruko", [3]);
    let mut runner = Runner::new(
        RoomAllocation::with_threshold(3).unwrap(),
        RunnerConfig::default(),
    );
    runner.catch_up(&mut world.store);
    assert_eq!(allocations(&runner), 0);
}

#[test]
fn a_crash_after_sending_the_allocation_duplicates_it_unless_ids_are_deterministic() {
    for (mode, expected) in [
        (IdempotencyMode::None, 2),
        (IdempotencyMode::DeterministicIds, 1),
    ] {
        let mut world = World::new();
        register(&mut world, "rustconf", [1, 2]);
        let config = RunnerConfig::default().idempotency(mode);
        let mut runner = Runner::new(RoomAllocation::with_threshold(2).unwrap(), config);
        runner.step(&mut world.store).unwrap();
        runner.arm_crash(CrashPoint::AfterSend);
        runner.step(&mut world.store).unwrap();
        runner.restart();
        runner.catch_up(&mut world.store);
        assert_eq!(allocations(&runner), expected, "{mode}");
    }
}

#[test]
fn a_threshold_of_zero_is_refused_with_a_clear_sentence() {
    let error = RoomAllocation::with_threshold(0).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the room allocation threshold must be at least one participant"
    );
}

#[test]
fn only_the_registration_that_reached_the_threshold_allocates_rooms() {
    for strategy in StrategyKind::ALL {
        for mode in [IdempotencyMode::None, IdempotencyMode::AtomicTracking] {
            // Given a threshold of two, reached by p2's registration.
            let mut world = World::new();
            register(&mut world, "rustconf", [1, 2]);
            let config = RunnerConfig::with_strategy(strategy).idempotency(mode);
            let mut runner = Runner::new(RoomAllocation::with_threshold(2).unwrap(), config);
            runner.catch_up(&mut world.store);
            assert_eq!(allocations(&runner), 1, "{strategy}, {mode}");

            // When p2 registers again (a new event, not a re-delivery).
            register(&mut world, "rustconf", [2]);
            runner.catch_up(&mut world.store);

            // Then nothing more is sent: only the event that reached the
            // threshold decides.
            assert_eq!(allocations(&runner), 1, "{strategy}, {mode}");
            assert_eq!(runner.bus().attempts().len(), 1, "{strategy}, {mode}");
        }
    }
}
