#![cfg(not(target_arch = "wasm32"))]
//! The exhaustive model check of the idempotency modes: every crash point x
//! every idempotency mode x every strategy x up to two crashes (at any
//! handling, re-handlings included) x appended all at once or one by one,
//! over scenarios with two menus, declines, a repeated fact and the
//! threshold example.
//!
//! Per order it checks the receiver's effect (the distinct commands it
//! executed, and how many times it executed them) and the number of
//! commands sent, against what each mode promises. The promises are the
//! hand-written table [`promise`]; the commands each event decides are
//! written by hand per scenario from the rules of the brief, `../shared/DOMAIN.md`. The model in
//! `model_check_support` only walks the handlings through that table.

mod model_check_support;
mod process_common;

use es_playground::core::domain::{Command, ConferenceId};
use es_playground::core::process::{
    CateringMatch, CrashPoint, IdempotencyMode, ProcessManager, RoomAllocation,
};
use model_check_support::{Promise, Promises, Scenario, cases_for, expected_sends, report};
use process_common::{caterer, confirm, customer, declined, registered};

/// The promises, by hand: (handled again, sent before the crash, sent by
/// the restart, handled again it sends again). Without an outbox, the
/// dispatch is the send.
fn promise(mode: IdempotencyMode, point: CrashPoint) -> Promise {
    use CrashPoint as P;
    use IdempotencyMode as M;
    let p = |handled_again, sent_before_crash, sent_by_restart, handled_again_sends| Promise {
        handled_again,
        sent_before_crash,
        sent_by_restart,
        handled_again_sends,
    };
    match (mode, point) {
        (_, P::AfterRead | P::AfterStateChange) => p(true, false, false, true),
        (M::None | M::DeterministicIds, P::AfterSend | P::AfterDispatch) => {
            p(true, true, false, true)
        }
        (M::AtomicTracking, P::AfterSend) => p(false, false, true, false),
        (M::AtomicTracking, P::AfterDispatch) => p(false, true, true, false),
        (M::OutboxStream, P::AfterSend) => p(true, false, true, false),
        (M::OutboxStream, P::AfterDispatch) => p(false, true, true, false),
    }
}

/// Whether the receiver executes a repeated command again: only when
/// every send carries a fresh id. Every other mode repeats the id.
fn receiver_repeats_the_effect(mode: IdempotencyMode) -> bool {
    mode == IdempotencyMode::None
}

const PROMISES: Promises = Promises {
    promise,
    receiver_repeats_the_effect,
};

/// Runs the whole product for a scenario against [`PROMISES`]; returns the
/// number of cases checked.
fn check<P: ProcessManager + Clone>(scenario: &Scenario<P>) -> usize {
    model_check_support::check(&PROMISES, scenario)
}

#[test]
fn two_orders_are_each_confirmed_once_in_every_mode_but_none() {
    let scenario = Scenario {
        pm: CateringMatch,
        facts: vec![
            customer("1", "vegan"),
            caterer("1", "vegan"),
            customer("2", "fish"),
            caterer("2", "fish"),
        ],
        decides: vec![
            None,
            Some(confirm("1", "vegan")),
            None,
            Some(confirm("2", "fish")),
        ],
        targets: vec!["1", "2"],
    };
    report("two orders", check(&scenario), cases_for(4));
}

#[test]
fn with_two_menus_only_the_first_menu_to_match_confirms_the_order() {
    let scenario = Scenario {
        pm: CateringMatch,
        facts: vec![
            customer("42", "1"),
            caterer("42", "2"),
            caterer("42", "1"),
            customer("42", "2"),
        ],
        decides: vec![None, None, Some(confirm("42", "1")), None],
        targets: vec!["42"],
    };
    report("two menus", check(&scenario), cases_for(4));
}

#[test]
fn a_decline_closes_one_menu_and_another_menu_can_still_match() {
    let scenario = Scenario {
        pm: CateringMatch,
        facts: vec![
            customer("42", "1"),
            declined("42", "1"),
            customer("42", "2"),
            caterer("42", "2"),
        ],
        decides: vec![None, None, None, Some(confirm("42", "2"))],
        targets: vec!["42"],
    };
    report("decline", check(&scenario), cases_for(4));
}

#[test]
fn a_decline_after_the_match_comes_too_late_and_sends_nothing() {
    let scenario = Scenario {
        pm: CateringMatch,
        facts: vec![customer("42", "1"), caterer("42", "1"), declined("42", "1")],
        decides: vec![None, Some(confirm("42", "1")), None],
        targets: vec!["42"],
    };
    report("decline too late", check(&scenario), cases_for(3));
}

#[test]
fn a_decline_after_a_confirmation_withdraws_it_before_the_match() {
    let scenario = Scenario {
        pm: CateringMatch,
        facts: vec![caterer("43", "1"), declined("43", "1"), customer("43", "1")],
        decides: vec![None, None, None],
        targets: vec!["43"],
    };
    report("decline withdraws", check(&scenario), cases_for(3));
}

#[test]
fn a_repeated_fact_with_another_event_id_sends_nothing_more() {
    let scenario = Scenario {
        pm: CateringMatch,
        facts: vec![
            customer("42", "1"),
            customer("42", "1"),
            caterer("42", "1"),
            caterer("42", "1"),
        ],
        decides: vec![None, None, Some(confirm("42", "1")), None],
        targets: vec!["42"],
    };
    report("repeated fact", check(&scenario), cases_for(4));
}

fn allocate(conference: &str) -> Command {
    Command::AllocateRooms {
        conference_id: ConferenceId::parse(conference).unwrap(),
    }
}

#[test]
fn the_registration_that_reaches_the_threshold_allocates_rooms_once() {
    let scenario = Scenario {
        pm: RoomAllocation::with_threshold(3).unwrap(),
        facts: vec![
            registered("rustconf", "ann"),
            registered("rustconf", "bob"),
            registered("rustconf", "cy"),
            registered("rustconf", "dee"),
        ],
        decides: vec![None, None, Some(allocate("rustconf")), None],
        targets: vec!["rustconf"],
    };
    report("threshold", check(&scenario), cases_for(4));
}

#[test]
fn a_repeated_registration_of_the_participant_who_reached_the_threshold_sends_nothing_more() {
    let scenario = Scenario {
        pm: RoomAllocation::with_threshold(3).unwrap(),
        facts: vec![
            registered("rustconf", "ann"),
            registered("rustconf", "bob"),
            registered("rustconf", "cy"),
            registered("rustconf", "cy"),
        ],
        decides: vec![None, None, Some(allocate("rustconf")), None],
        targets: vec!["rustconf"],
    };
    report("threshold repeated", check(&scenario), cases_for(4));
}

#[test]
fn the_model_counts_a_crash_after_sending_without_idempotency_as_one_more_send() {
    // A check of the model itself, by hand: the command is decided by the
    // second event; a crash after sending on it (handling 1) re-handles it.
    let decides = [None, Some(confirm("1", "vegan"))];
    let none = expected_sends(
        &PROMISES,
        IdempotencyMode::None,
        &decides,
        &[(1, CrashPoint::AfterSend)],
    );
    assert_eq!(none.get("1"), Some(&2));
    let twice = expected_sends(
        &PROMISES,
        IdempotencyMode::None,
        &decides,
        &[(1, CrashPoint::AfterSend), (2, CrashPoint::AfterSend)],
    );
    assert_eq!(twice.get("1"), Some(&3));
    let stream = expected_sends(
        &PROMISES,
        IdempotencyMode::OutboxStream,
        &decides,
        &[(1, CrashPoint::AfterSend), (2, CrashPoint::AfterDispatch)],
    );
    assert_eq!(stream.get("1"), Some(&1));
    let atomic = expected_sends(
        &PROMISES,
        IdempotencyMode::AtomicTracking,
        &decides,
        &[(1, CrashPoint::AfterDispatch)],
    );
    assert_eq!(atomic.get("1"), Some(&2));
}
