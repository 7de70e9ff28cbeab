//! Subscriptions: handlers called with each newly appended event of the
//! types they asked for.
//!
//! Handlers run after a successful append, event by event in position order
//! and, for one event, in the order they subscribed. Refused appends and
//! links call nobody. Subscriptions are not part of a snapshot.

use serde::{Deserialize, Serialize};

use super::EventStore;
use super::event::RecordedEvent;

/// A function called with each matching appended event.
pub type EventHandler = Box<dyn FnMut(&RecordedEvent)>;

/// Names a subscription, to unsubscribe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SubscriptionId(pub u64);

/// What a subscription is, without its handler.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionInfo {
    pub id: SubscriptionId,
    pub name: String,
    /// Empty means every type.
    pub event_types: Vec<String>,
}

struct Subscription {
    info: SubscriptionInfo,
    handler: EventHandler,
}

impl Subscription {
    fn wants(&self, event: &RecordedEvent) -> bool {
        let wanted = &self.info.event_types;
        wanted.is_empty() || wanted.iter().any(|name| *name == event.event_type)
    }
}

/// The store's subscriptions, in order of subscription.
#[derive(Default)]
pub(super) struct Subscriptions {
    next_id: u64,
    active: Vec<Subscription>,
}

impl Subscriptions {
    /// Calls the handlers that want each of `events`, in order.
    pub(super) fn notify(&mut self, events: &[RecordedEvent]) {
        if self.active.is_empty() {
            return;
        }
        for event in events {
            for subscription in &mut self.active {
                if subscription.wants(event) {
                    (subscription.handler)(event);
                }
            }
        }
    }
}

impl EventStore {
    /// Calls `handler` with every event of one of `event_types` appended
    /// from now on (an empty list means every type). `name` is shown in
    /// listings.
    pub fn subscribe(
        &mut self,
        name: &str,
        event_types: &[&str],
        handler: EventHandler,
    ) -> SubscriptionId {
        let subscriptions = &mut self.subscriptions;
        subscriptions.next_id += 1;
        let id = SubscriptionId(subscriptions.next_id);
        subscriptions.active.push(Subscription {
            info: SubscriptionInfo {
                id,
                name: name.to_owned(),
                event_types: event_types
                    .iter()
                    .map(|&wanted| wanted.to_owned())
                    .collect(),
            },
            handler,
        });
        id
    }

    /// Stops the subscription; false if there was none with that id.
    pub fn unsubscribe(&mut self, id: SubscriptionId) -> bool {
        let active = &mut self.subscriptions.active;
        let before = active.len();
        active.retain(|subscription| subscription.info.id != id);
        active.len() != before
    }

    /// The active subscriptions, in order of subscription.
    pub fn subscriptions(&self) -> Vec<SubscriptionInfo> {
        self.subscriptions
            .active
            .iter()
            .map(|subscription| subscription.info.clone())
            .collect()
    }
}
