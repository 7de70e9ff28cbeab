#![cfg(not(target_arch = "wasm32"))]
//! The outbox stream: the process manager writes its commands to a stream it
//! owns, and a dispatcher with its own cursor sends them.

mod process_common;

use es_playground::core::domain::CATERING;
use es_playground::core::process::{
    COMMAND_QUEUED, CateringMatch, CommandId, CrashPoint, IdempotencyMode, Runner, RunnerConfig,
    StrategyKind,
};
use es_playground::core::session::{Action, Session, Settings};
use es_playground::core::store::{EventId, Position, StreamVersion};
use process_common::{World, caterer, confirm, customer};

fn outbox_stream(strategy: StrategyKind) -> RunnerConfig {
    RunnerConfig::with_strategy(strategy).idempotency(IdempotencyMode::OutboxStream)
}

/// Order 42's customer confirmed and was handled; the caterer's
/// confirmation, which completes the match, waits. Returns its id.
fn waiting_for_the_caterer(config: RunnerConfig) -> (World, Runner<CateringMatch>, EventId) {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = Runner::new(CateringMatch, config);
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    let id = world.record(&caterer("42", "vegan"));
    (world, runner, id)
}

fn outbox_events(world: &World) -> Vec<(EventId, String, Option<EventId>)> {
    world
        .store
        .read_stream_forward(
            "CateringMatch",
            "CateringMatch-outbox",
            StreamVersion(0),
            100,
        )
        .map(|events| {
            events
                .iter()
                .map(|e| (e.id, e.event_type.to_string(), e.metadata.causation_id))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_commands_are_written_to_the_process_managers_own_outbox_stream_and_sent_by_its_dispatcher() {
    for strategy in StrategyKind::ALL {
        // Given the outbox stream mode, when the match completes
        let (mut world, mut runner, caterer_id) = waiting_for_the_caterer(outbox_stream(strategy));
        assert!(runner.catch_up(&mut world.store).is_up_to_date());

        // Then one CommandQueued event, caused by the caterer's event, is in CateringMatch-outbox
        let outbox = outbox_events(&world);
        assert_eq!(outbox.len(), 1, "{strategy}");
        let (outbox_id, event_type, cause) = &outbox[0];
        assert_eq!(event_type, COMMAND_QUEUED);
        assert_eq!(*cause, Some(caterer_id));
        // And the dispatcher sent it with the outbox event's id, and moved its cursor
        let attempts = runner.bus().attempts();
        assert_eq!(attempts.len(), 1, "{strategy}");
        assert_eq!(attempts[0].envelope.command, confirm("42", "vegan"));
        assert_eq!(attempts[0].envelope.command_id, CommandId(outbox_id.0));
        assert_eq!(attempts[0].envelope.causation_id, caterer_id);
        assert_eq!(runner.dispatcher_cursor(), ("CateringMatch", Position(1)));
        // And the logs it reads hold only the facts
        assert_eq!(world.store.head_position(CATERING).unwrap(), Position(1));
        assert_eq!(runner.saved_cursors()[CATERING], Position(1));
    }
}

#[test]
fn a_crash_after_appending_to_the_outbox_stream_handles_the_event_again_without_a_second_outbox_event()
 {
    for strategy in StrategyKind::ALL {
        let (mut world, mut runner, _) = waiting_for_the_caterer(outbox_stream(strategy));
        runner.arm_crash(CrashPoint::AfterSend);

        // When it crashes after the append, before saving its cursor
        runner.step(&mut world.store).unwrap();
        assert_eq!(outbox_events(&world).len(), 1, "{strategy}");
        assert!(runner.bus().attempts().is_empty(), "{strategy}");
        assert_eq!(runner.saved_cursors()[CATERING], Position::START);

        // Then the restart's dispatcher sends the command, and handling the event again
        // finds its outbox event there already
        let restart = runner.restart_in(&world.store);
        assert!(runner.catch_up(&mut world.store).is_up_to_date());
        assert_eq!(restart.dispatched, 1, "{strategy}");
        assert_eq!(outbox_events(&world).len(), 1, "{strategy}");
        assert_eq!(runner.bus().attempts().len(), 1, "{strategy}");
        assert_eq!(runner.saved_cursors()[CATERING], Position(1));
    }
}

#[test]
fn a_crash_after_the_dispatcher_sent_before_moving_its_cursor_sends_again_and_the_receiver_drops_it()
 {
    let (mut world, mut runner, _) = waiting_for_the_caterer(outbox_stream(StrategyKind::StateRow));
    runner.arm_crash(CrashPoint::AfterDispatch);

    runner.step(&mut world.store).unwrap();
    assert_eq!(runner.bus().attempts().len(), 1);
    assert_eq!(runner.dispatcher_cursor().1, Position::START);
    assert_eq!(runner.saved_cursors()[CATERING], Position(1));

    let restart = runner.restart_in(&world.store);

    assert_eq!(restart.dispatched, 1);
    let attempts = runner.bus().attempts();
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0].envelope.command_id,
        attempts[1].envelope.command_id
    );
    assert!(!attempts[1].was_delivered());
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.dispatcher_cursor().1, Position(1));
}

#[test]
fn after_a_restart_without_the_store_the_dispatcher_catches_up_at_the_next_step() {
    let (mut world, mut runner, _) = waiting_for_the_caterer(outbox_stream(StrategyKind::StateRow));
    runner.arm_crash(CrashPoint::AfterDispatch);
    runner.step(&mut world.store).unwrap();

    let restart = runner.restart();
    assert_eq!(restart.dispatched, 0);
    assert_eq!(runner.bus().attempts().len(), 1);

    runner.step(&mut world.store).unwrap();
    assert_eq!(runner.bus().attempts().len(), 2);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.dispatcher_cursor().1, Position(1));
}

#[test]
fn a_decision_made_again_after_a_crash_before_the_outbox_write_writes_one_outbox_event() {
    let (mut world, mut runner, _) =
        waiting_for_the_caterer(outbox_stream(StrategyKind::EventSourced));
    runner.arm_crash(CrashPoint::AfterStateChange);
    runner.step(&mut world.store).unwrap();
    assert!(outbox_events(&world).is_empty());

    runner.restart_in(&world.store);
    assert!(runner.catch_up(&mut world.store).is_up_to_date());

    assert_eq!(outbox_events(&world).len(), 1);
    assert_eq!(runner.bus().attempts().len(), 1);
}

#[test]
fn in_a_session_the_outbox_stream_and_the_dispatcher_cursor_are_on_the_store_and_the_runner() {
    let settings = Settings {
        idempotency: IdempotencyMode::OutboxStream,
        ..Settings::default()
    };
    let mut session = Session::new(1, settings);
    for fact in [customer("42", "1"), caterer("42", "1")] {
        session.perform(Action::Fire { fact }).unwrap();
    }

    let contexts: Vec<String> = session
        .store()
        .contexts()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert!(
        contexts.contains(&"CateringMatch".to_owned()),
        "{contexts:?}"
    );
    let streams: Vec<String> = session
        .store()
        .streams("CateringMatch")
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(streams, ["CateringMatch-outbox"]);
    assert_eq!(
        session.runner().dispatcher_cursor(),
        ("CateringMatch", Position(1))
    );
    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn lesson_5_switched_to_the_outbox_stream_confirms_order_42_once_through_catering_match_outbox() {
    use es_playground::core::lessons::lessons;
    let lesson = lessons().into_iter().find(|l| l.number == 5).unwrap();
    let settings = Settings {
        idempotency: IdempotencyMode::OutboxStream,
        ..lesson.settings
    };
    let session = lesson.session().unwrap().with_settings(settings).unwrap();

    assert_eq!(session.runner().bus().confirm_orders_delivered("42"), 1);
    assert_eq!(session.runner().bus().duplicates_delivered(), 0);
    let streams: Vec<String> = session
        .store()
        .streams("CateringMatch")
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(streams, ["CateringMatch-outbox"]);
    assert_eq!(session.runner().dispatcher_cursor().1, Position(1));
}

#[test]
fn lesson_5_switched_to_atomic_tracking_with_a_crash_after_dispatching_sends_twice_and_executes_once()
 {
    let settings = Settings {
        idempotency: IdempotencyMode::AtomicTracking,
        ..Settings::default()
    };
    let mut session = Session::new(1, settings);
    let actions = [
        Action::Fire {
            fact: customer("42", "1"),
        },
        Action::ArmCrash {
            point: CrashPoint::AfterDispatch,
        },
        Action::Fire {
            fact: caterer("42", "1"),
        },
        Action::Restart,
    ];
    for action in actions {
        session.perform(action).unwrap();
    }

    let bus = session.runner().bus();
    assert_eq!(bus.attempts().len(), 2);
    assert_eq!(bus.dropped(), 1);
    assert_eq!(bus.confirm_orders_delivered("42"), 1);
}
