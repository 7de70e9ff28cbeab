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
//!
//! A session from long work (half a million orders after a switch) is
//! listed beside that work, a budget of streams at a time
//! ([`OrderIndex::refresh_at_most`]), and handed over ready
//! ([`hand_over`]): listing and sorting them in the panel's first draw
//! would hold the page for a third of a second.
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::{Rc, Weak};

use crate::core::domain::{CATERING, SALES};
use crate::core::session::Session;
use crate::core::store::EventStore;
use crate::ui::slices::drop_in_slices;

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
    /// While built a budget at a time: the orders read so far, sorted
    /// without repeats as they come; they become `orders` at the end.
    building: Option<BTreeSet<String>>,
}

thread_local! {
    /// An index built beside long work, until the panel draws its session.
    static READY: RefCell<Option<OrderIndex>> = const { RefCell::new(None) };
}

/// Leaves `index`, built beside long work, for the Process state panel to
/// take when it first draws that index's session.
pub fn hand_over(index: OrderIndex) {
    READY.with(|ready| *ready.borrow_mut() = Some(index));
}

/// The index handed over for `session`, if there is one.
fn take_ready(session: &Rc<RefCell<Session>>) -> Option<OrderIndex> {
    READY.with(|ready| {
        let mut ready = ready.borrow_mut();
        let known = ready.as_ref()?.session.upgrade();
        match known {
            Some(known) if Rc::ptr_eq(&known, session) => ready.take(),
            // A session that is gone never comes back: let its index go.
            None => ready.take().and(None),
            Some(_) => None,
        }
    })
}

impl OrderIndex {
    /// The orders, sorted.
    pub fn orders(&self) -> &[String] {
        &self.orders
    }

    /// Brings the index up to date with `session`.
    pub fn refresh(&mut self, session: &Rc<RefCell<Session>>) {
        if !self.describes(session)
            && let Some(ready) = take_ready(session)
        {
            self.replace_with(ready);
        }
        self.refresh_at_most(session, usize::MAX);
    }

    /// Does at most `budget` units of work (a stream read, an order moved
    /// into place); `true` once the index is up to date with `session`.
    pub fn refresh_at_most(&mut self, session: &Rc<RefCell<Session>>, budget: usize) -> bool {
        let current = session.borrow();
        let store = current.store();
        let counts = stream_counts(store);
        let shrunk = counts.iter().zip(&self.seen).any(|(now, seen)| now < seen);
        if !self.describes(session) || shrunk {
            self.replace_with(OrderIndex {
                session: Rc::downgrade(session),
                ..OrderIndex::default()
            });
        }
        let unread: usize = counts.iter().zip(&self.seen).map(|(c, s)| c - s).sum();
        // Built a budget at a time only from nothing (as long work builds
        // it); a list already shown takes its few new orders at once.
        if unread > budget && self.orders.is_empty() && self.building.is_none() {
            self.building = Some(BTreeSet::new());
        }
        let mut left = budget;
        let mut new_orders = Vec::new();
        for ((context, seen), count) in ORDER_CONTEXTS.iter().zip(&mut self.seen).zip(counts) {
            let end = count.min(seen.saturating_add(left));
            for index in *seen..end {
                if let Ok(Some(stream)) = store.stream_at(context, index)
                    && let Some(order) = stream.name.strip_prefix(ORDER_PREFIX)
                {
                    new_orders.push(order.to_owned());
                }
            }
            left -= end - *seen;
            *seen = end;
        }
        let all_read = self.seen == counts;
        let Some(building) = &mut self.building else {
            self.add(new_orders);
            return all_read;
        };
        building.extend(new_orders);
        if !all_read {
            return false;
        }
        // Every stream read: the orders move into the list in order, a
        // budget at a time (all at once would hold the page).
        while left > 0
            && let Some(order) = building.pop_first()
        {
            self.orders.push(order);
            left -= 1;
        }
        if building.is_empty() {
            self.building = None;
            return true;
        }
        false
    }

    /// Becomes `other`; what this index held is freed a slice at a time.
    fn replace_with(&mut self, other: OrderIndex) {
        let old = std::mem::replace(self, other);
        drop_in_slices(old.orders);
    }

    fn describes(&self, session: &Rc<RefCell<Session>>) -> bool {
        self.session
            .upgrade()
            .is_some_and(|known| Rc::ptr_eq(&known, session))
    }

    /// Adds orders read from new streams.
    fn add(&mut self, new_orders: Vec<String>) {
        if new_orders.len() <= INSERT_ONE_BY_ONE {
            for order in new_orders {
                if let Err(at) = self.orders.binary_search(&order) {
                    self.orders.insert(at, order);
                }
            }
        } else if self.orders.is_empty() && new_orders.is_sorted() {
            self.orders = new_orders;
            self.orders.dedup();
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
