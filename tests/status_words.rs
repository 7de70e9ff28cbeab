//! The process manager's status line says what it is doing, in a
//! workshop's words, for a real session.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use es_playground::core::process::CrashPoint;
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
    let session =
        Session::replay(DEFAULT_SEED, Settings::default(), actions).expect("accepted actions");
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
