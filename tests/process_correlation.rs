#![cfg(not(target_arch = "wasm32"))]
//! Correlation and causation: an order's conversation is named by its first
//! event; a command names the event it answers and the conversation.

use es_playground::core::domain::{CATERING, Fact, SALES};
use es_playground::core::ids::EventId;
use es_playground::core::process::StrategyKind;
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::store::RecordedEvent;

fn fire(fact: Fact) -> Action {
    Action::Fire { fact }
}

/// The only event of `stream` in `context`.
fn only_event<'s>(session: &'s Session, context: &str, stream: &str) -> &'s RecordedEvent {
    let events: Vec<_> = session
        .store()
        .stream_events(context, stream)
        .unwrap()
        .collect();
    assert_eq!(events.len(), 1, "{context} {stream}");
    events[0]
}

#[test]
fn a_command_carries_the_event_it_answers_as_causation_and_the_orders_first_event_as_correlation() {
    for strategy in StrategyKind::ALL {
        // Given order 42's first event, the customer's confirmation (Sales).
        let settings = Settings {
            strategy,
            ..Settings::default()
        };
        let mut session = Session::new(DEFAULT_SEED, settings);
        let first = Fact::customer_confirmed("42", "1").unwrap();
        session.perform(fire(first)).unwrap();
        // When its second event, the caterer's confirmation, arrives.
        let second = Fact::caterer_confirmed("42", "1").unwrap();
        session.perform(fire(second)).unwrap();

        // Then the second event belongs to the conversation the first started.
        let first = only_event(&session, SALES, "Order$42").clone();
        let second = only_event(&session, CATERING, "Order$42").clone();
        assert_ne!(first.id, second.id);
        assert_eq!(first.metadata.correlation_id, Some(first.id), "{strategy}");
        assert_eq!(second.metadata.correlation_id, Some(first.id), "{strategy}");
        assert_eq!(second.metadata.causation_id, None, "{strategy}");
        // And ConfirmOrder was caused by the second, in the first's conversation.
        let sent: Vec<(EventId, EventId)> = session
            .runner()
            .bus()
            .attempts()
            .iter()
            .map(|d| (d.envelope.causation_id, d.envelope.correlation_id))
            .collect();
        assert_eq!(sent, [(second.id, first.id)], "{strategy}");
    }
}

#[test]
fn another_order_starts_its_own_conversation() {
    // Given order 42's confirmation.
    let mut session = Session::new(DEFAULT_SEED, Settings::default());
    session
        .perform(fire(Fact::customer_confirmed("42", "1").unwrap()))
        .unwrap();
    // When order 43's caterer confirms.
    session
        .perform(fire(Fact::caterer_confirmed("43", "1").unwrap()))
        .unwrap();
    // Then order 43's event starts a conversation of its own.
    let other = only_event(&session, CATERING, "Order$43");
    assert_eq!(other.metadata.correlation_id, Some(other.id));
}
