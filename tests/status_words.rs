//! The process manager's status line says what it is doing, in a
//! workshop's words, for a real session.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use es_playground::core::process::{CrashPoint, StrategyKind};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};

fn customer(order: &str, menu: &str) -> Action {
    Action::Fire {
        fact: Fact::customer_confirmed(order, menu).expect("valid ids"),
    }
}

fn caterer(order: &str, menu: &str) -> Action {
    Action::Fire {
        fact: Fact::caterer_confirmed(order, menu).expect("valid ids"),
    }
}

fn status_after(actions: &[Action]) -> String {
    status_with(Settings::default(), actions)
}

fn status_with(settings: Settings, actions: &[Action]) -> String {
    let session = Session::replay(DEFAULT_SEED, settings, actions).expect("accepted actions");
    session.runner().activity(session.store()).to_string()
}

#[test]
fn a_fresh_session_is_up_to_date() {
    assert_eq!(status_after(&[]), "up to date");
}

#[test]
fn events_fired_with_automatic_handling_off_are_counted_as_waiting() {
    let off = Action::SetAutoHandle { on: false };
    assert_eq!(
        status_after(&[off.clone(), customer("1", "2")]),
        "waiting: 1 event not handled"
    );
    assert_eq!(
        status_after(&[off.clone(), customer("1", "2"), caterer("1", "2")]),
        "waiting: 2 events not handled"
    );
    assert_eq!(
        status_after(&[off, customer("1", "2"), caterer("1", "2"), Action::Step]),
        "waiting: 1 event not handled"
    );
}

#[test]
fn a_crash_stops_the_process_manager_until_a_restart() {
    let crashed = [
        Action::ArmCrash {
            point: CrashPoint::AfterRead,
        },
        customer("1", "2"),
    ];
    assert_eq!(
        status_after(&crashed),
        "stopped after a crash at Sales position 1: Restart"
    );
    let mut restarted = crashed.to_vec();
    restarted.push(Action::Restart);
    restarted.push(Action::CatchUp);
    assert_eq!(status_after(&restarted), "up to date");
}

#[test]
fn an_armed_crash_is_announced() {
    assert_eq!(
        status_after(&[Action::ArmCrash {
            point: CrashPoint::AfterRead
        }]),
        "up to date; will crash after reading the event"
    );
}

#[test]
fn a_handling_that_failed_leaves_the_event_waiting_not_running() {
    // Given the event-sourced strategy and a single-stream store, the link
    // into the process manager's own stream is refused: the handling fails
    // and the cursor stays before the event.
    let settings = Settings {
        strategy: StrategyKind::EventSourced,
        ..Settings::default()
    };
    let stuck = [Action::SetSingleStream { on: true }, customer("5", "1")];
    assert_eq!(
        status_with(settings, &stuck),
        "waiting: 1 event not handled"
    );
    let mut fixed = stuck.to_vec();
    fixed.push(Action::SetSingleStream { on: false });
    fixed.push(Action::CatchUp);
    assert_eq!(status_with(settings, &fixed), "up to date");
}
