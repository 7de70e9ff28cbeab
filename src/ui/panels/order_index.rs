//! The sorted list of orders the Process state panel shows, kept up to date
//! incrementally: a click that starts a new order adds that one order
//! instead of listing and sorting every stream again (with 200 000 events
//! that was most of a click's time).
//!
//! A context's streams are only ever added, each at the next index (see
//! `EventStore::stream_at`), so the index remembers how many streams of each
//! context it has seen and reads only the ones after. Another session (an
//! import, a lesson, a settings switch), or a context with fewer streams
//! than seen, starts it again from nothing.
use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::core::domain::{CATERING, SALES};
use crate::core::session::Session;
use crate::core::store::EventStore;

/// The contexts whose `Order$…` streams name orders.
const ORDER_CONTEXTS: [&str; 2] = [SALES, CATERING];
/// The prefix of an order's stream.
const ORDER_PREFIX: &str = "Order$";
/// New orders at most inserted one by one; more are appended and sorted.
const INSERT_ONE_BY_ONE: usize = 64;

/// Every order id that has an `Order$…` stream in Sales or Catering,
/// sorted, without repeats.
#[derive(Default)]
pub struct OrderIndex {
    /// The session this index describes (a weak reference: an address
    /// cannot be reused by another session while it is held).
    session: Weak<RefCell<Session>>,
    /// Streams already read, per context of [`ORDER_CONTEXTS`].
    seen: [usize; 2],
    orders: Vec<String>,
}

impl OrderIndex {
    /// The orders, sorted.
    pub fn orders(&self) -> &[String] {
        &self.orders
    }

    /// Brings the index up to date with `session`.
    pub fn refresh(&mut self, session: &Rc<RefCell<Session>>) {
        let same_session = self
            .session
            .upgrade()
            .is_some_and(|known| Rc::ptr_eq(&known, session));
        let current = session.borrow();
        let store = current.store();
        let counts = stream_counts(store);
        let shrunk = counts.iter().zip(&self.seen).any(|(now, seen)| now < seen);
        if !same_session || shrunk {
            self.session = Rc::downgrade(session);
            self.seen = [0; 2];
            self.orders.clear();
        }
        let mut new_orders = Vec::new();
        for ((context, seen), count) in ORDER_CONTEXTS.iter().zip(&mut self.seen).zip(counts) {
            for index in *seen..count {
                if let Ok(Some(stream)) = store.stream_at(context, index)
                    && let Some(order) = stream.name.strip_prefix(ORDER_PREFIX)
                {
                    new_orders.push(order.to_owned());
                }
            }
            *seen = count;
        }
        if new_orders.len() <= INSERT_ONE_BY_ONE {
            for order in new_orders {
                if let Err(at) = self.orders.binary_search(&order) {
                    self.orders.insert(at, order);
                }
            }
        } else {
            self.orders.extend(new_orders);
            self.orders.sort_unstable();
            self.orders.dedup();
        }
    }
}

/// How many streams each context of [`ORDER_CONTEXTS`] has (0 if absent).
fn stream_counts(store: &EventStore) -> [usize; 2] {
    let contexts = store.contexts();
    ORDER_CONTEXTS.map(|name| {
        contexts
            .iter()
            .find(|info| info.name == name)
            .map_or(0, |info| info.stream_count)
    })
}
