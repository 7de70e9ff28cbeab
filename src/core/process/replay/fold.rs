//! The fold itself: events, in handling order, into the states of their
//! orders, kept in a dense `Vec` in order of each order's first event.

use std::borrow::Cow;

use super::ReplaySummary;
use super::ids::IdTable;
use super::menus::{MenuRef, MenuTable};
use super::orders::ReplayedOrders;
use crate::core::domain::names::canonical_id;
use crate::core::process::catering_match::MenuFact;
use crate::core::process::match_state::{MatchState, MatchStatus};
use crate::core::store::{RecordedEvent, StoreError};

/// A replay under way.
pub(super) struct Fold {
    /// Each order id's place in `states`.
    orders: IdTable,
    states: Vec<MatchState<MenuRef>>,
    menus: MenuTable,
    events: usize,
    unreadable: usize,
}

impl Fold {
    /// A fold expecting about `orders` orders, and at most `events` events.
    pub(super) fn with_capacity(orders: usize, events: usize) -> Self {
        Fold {
            orders: IdTable::with_capacity(orders),
            // Pages of the `Vec` never written are never touched, so room
            // for the worst case (one order per event) is cheap.
            states: Vec::with_capacity(events),
            menus: MenuTable::default(),
            events: 0,
            unreadable: 0,
        }
    }

    /// Applies the next event in handling order.
    pub(super) fn handle(&mut self, event: &RecordedEvent) -> Result<(), StoreError> {
        self.events += 1;
        let Some(kind) = MenuFact::kind_of(&event.event_type) else {
            return Ok(());
        };
        let [order, menu] = event.data.text_fields(["order_id", "menu_id"]);
        let (Some(order), Some(menu)) = (id_field(&order), id_field(&menu)) else {
            self.unreadable += 1;
            return Ok(());
        };
        let menu = self.menus.menu(menu)?;
        let (place, new) = self.orders.number(order)?;
        if new {
            // A new order's number is the count of orders before it.
            self.states.push(MatchState::default());
        }
        let state = usize::try_from(place)
            .ok()
            .and_then(|place| self.states.get_mut(place));
        if let Some(state) = state {
            state.apply(kind, &menu, event.id);
        }
        Ok(())
    }

    /// The states and what they add up to.
    pub(super) fn finish(self) -> (ReplayedOrders, ReplaySummary) {
        let mut summary = ReplaySummary {
            events: self.events,
            orders: self.states.len(),
            unreadable: self.unreadable,
            ..ReplaySummary::default()
        };
        for state in &self.states {
            match state.status() {
                MatchStatus::Matched(_) => summary.matched += 1,
                MatchStatus::Declined => summary.declined += 1,
                MatchStatus::Pending => summary.pending += 1,
            }
        }
        let orders = ReplayedOrders {
            orders: self.orders,
            states: self.states,
            menus: self.menus.into_ids(),
        };
        (orders, summary)
    }
}

/// A string field of the data, checked and trimmed like a typed id.
fn id_field<'a>(text: &'a Option<Cow<'_, str>>) -> Option<&'a str> {
    canonical_id(text.as_deref()?)
}
