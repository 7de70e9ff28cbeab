#![cfg(not(target_arch = "wasm32"))]
//! Lesson 1's store refusals, as session actions: appending an event again
//! with its id, appending with a stale expected version, a batch whose
//! second event is invalid. Each is kept in the log, shows the store's
//! message, and leaves the store (and the ids and clock) as they were.

mod store_state;

use es_playground::core::domain::{Fact, SALES};
use es_playground::core::ids::EventId;
use es_playground::core::session::{
    Action, DEFAULT_SEED, Outcome, Session, SessionError, Settings,
};
use store_state::{StoreState, store_state};

fn customer(order: &str, menu: &str) -> Fact {
    Fact::customer_confirmed(order, menu).unwrap()
}

fn caterer(order: &str, menu: &str) -> Fact {
    Fact::caterer_confirmed(order, menu).unwrap()
}

/// A session where the customer confirmed menus 1 and 2 of order 42 and
/// the caterer confirmed menu 1.
fn session() -> Session {
    let mut session = Session::new(DEFAULT_SEED, Settings::default());
    for fact in [customer("42", "1"), customer("42", "2"), caterer("42", "1")] {
        session.perform(Action::Fire { fact }).unwrap();
    }
    session
}

fn first_event_id(session: &Session) -> EventId {
    session
        .store()
        .stream_events(SALES, "Order$42")
        .unwrap()
        .next()
        .unwrap()
        .id
}

fn store_of(session: &Session) -> StoreState {
    store_state(session.store())
}

/// Applies `action`, checks the store did not change and that the action is
/// the log's last, and returns its outcome.
fn attempt(session: &mut Session, action: Action) -> Outcome {
    let before = store_of(session);
    let bus_before = session.runner().bus().attempts().len();
    let logged = session.actions().len();
    let outcome = session.perform(action.clone()).unwrap();
    assert_eq!(store_of(session), before, "the store is unchanged");
    assert_eq!(session.runner().bus().attempts().len(), bus_before);
    assert_eq!(session.actions().len(), logged + 1);
    assert_eq!(session.actions().last(), Some(&action));
    assert!(outcome.warning, "{}", outcome.message);
    outcome
}

#[test]
fn appending_an_event_again_with_its_id_is_refused_as_a_duplicate_id() {
    let mut session = session();
    let id = first_event_id(&session);

    let outcome = attempt(&mut session, Action::AppendAgainWithId { event_id: id });

    assert!(
        outcome.message.contains(&format!(
            "event id {id} is already stored: context \"Sales\", stream \"Order$42\", position 1"
        )),
        "{}",
        outcome.message
    );
    assert!(outcome.message.contains("Nothing was written"));
}

#[test]
fn appending_with_a_stale_expected_version_is_refused_as_a_conflict() {
    let mut session = session();

    // Order$42 in Sales holds versions 0 and 1; the writer expects 0.
    let outcome = attempt(
        &mut session,
        Action::AppendWithStaleVersion {
            fact: customer("42", "3"),
        },
    );

    assert!(
        outcome
            .message
            .contains("wrong expected version for stream \"Order$42\" in context \"Sales\""),
        "{}",
        outcome.message
    );
}

#[test]
fn a_stale_version_of_a_stream_with_one_event_expects_no_stream() {
    let mut session = session();

    let outcome = attempt(
        &mut session,
        Action::AppendWithStaleVersion {
            fact: caterer("42", "2"),
        },
    );

    assert!(
        outcome
            .message
            .contains("stream \"Order$42\" in context \"Catering\""),
        "{}",
        outcome.message
    );
}

#[test]
fn a_stale_version_of_a_stream_without_events_cannot_be_attempted() {
    let mut session = session();
    let before = store_of(&session);

    let error = session
        .perform(Action::AppendWithStaleVersion {
            fact: customer("77", "1"),
        })
        .unwrap_err();

    assert_eq!(
        error,
        SessionError::NoVersionToBeStale {
            stream: "Order$77".to_owned()
        }
    );
    assert_eq!(store_of(&session), before);
    assert_eq!(session.actions().len(), 3, "a refused action is not logged");
}

#[test]
fn a_batch_whose_second_event_reuses_the_first_id_writes_nothing() {
    let mut session = session();

    let outcome = attempt(
        &mut session,
        Action::AppendInvalidBatch {
            fact: customer("42", "3"),
        },
    );

    assert!(
        outcome
            .message
            .contains("appears twice in the batch (events 0 and 1, counting from 0)"),
        "{}",
        outcome.message
    );
}

#[test]
fn appending_again_an_unknown_event_is_refused_and_not_logged() {
    let mut session = session();

    let error = session
        .perform(Action::AppendAgainWithId {
            event_id: EventId::from_u128(7),
        })
        .unwrap_err();

    assert!(error.to_string().contains("no event"), "{error}");
    assert_eq!(session.actions().len(), 3);
}

#[test]
fn refused_appends_use_no_id_and_no_time() {
    let mut with_refusals = session();
    let id = first_event_id(&with_refusals);
    for action in [
        Action::AppendAgainWithId { event_id: id },
        Action::AppendWithStaleVersion {
            fact: customer("42", "3"),
        },
        Action::AppendInvalidBatch {
            fact: customer("42", "3"),
        },
    ] {
        with_refusals.perform(action).unwrap();
    }
    let mut without = session();

    for session in [&mut with_refusals, &mut without] {
        session
            .perform(Action::Fire {
                fact: caterer("42", "2"),
            })
            .unwrap();
    }

    assert_eq!(store_of(&with_refusals), store_of(&without));
}

#[test]
fn a_session_with_refusals_replays_exports_and_imports_to_the_same_refusals() {
    let mut session = session();
    let id = first_event_id(&session);
    let refusals = [
        Action::AppendAgainWithId { event_id: id },
        Action::AppendWithStaleVersion {
            fact: customer("42", "3"),
        },
        Action::AppendInvalidBatch {
            fact: customer("42", "3"),
        },
    ];
    let outcomes: Vec<Outcome> = refusals
        .iter()
        .map(|action| session.perform(action.clone()).unwrap())
        .collect();

    let json = session.to_json();
    let imported = Session::from_json(&json).unwrap();
    let shared = Session::from_share_code(&session.to_share_code()).unwrap();

    for other in [&imported, &shared] {
        assert_eq!(other.actions(), session.actions());
        assert_eq!(store_of(other), store_of(&session));
        assert_eq!(other.to_json(), json);
    }
    assert!(json.contains("\"append-again-with-id\""), "{json}");
    // Replaying the log meets the same refusals with the same messages.
    let mut replayed = Session::new(DEFAULT_SEED, Settings::default());
    let mut replayed_outcomes = Vec::new();
    for action in session.actions() {
        replayed_outcomes.push(replayed.perform(action.clone()).unwrap());
    }
    assert_eq!(replayed_outcomes[3..], outcomes[..]);
}
