//! [`ReplayedOrders`]: every order's state as a replay rebuilt it, found by
//! the order id.

use super::group::Group;
use super::keys::{LongIds, OrderKey};
use super::menus::{MenuRef, MenuTable};
use crate::core::process::match_state::MatchState;
use crate::core::store::FastHashMap;

/// Every order's state after a replay, by order id. The states name their
/// menus by [`MenuRef`]; [`ReplayedOrders::menu_id`] gives the id back.
pub struct ReplayedOrders {
    /// Each order's place in `keys` and `states`.
    places: FastHashMap<OrderKey, usize>,
    keys: Vec<OrderKey>,
    states: Vec<MatchState<MenuRef>>,
    long_ids: LongIds,
    menus: MenuTable,
}

impl ReplayedOrders {
    /// How many orders were heard of.
    pub fn len(&self) -> usize {
        self.states.len()
    }

    /// Whether no order was heard of.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }

    /// The state of the order `order_id` (as stored: trimmed), if it was
    /// heard of.
    pub fn get(&self, order_id: &str) -> Option<&MatchState<MenuRef>> {
        let key = self.long_ids.find(order_id)?;
        self.states.get(*self.places.get(&key)?)
    }

    /// Every order id with its state, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MatchState<MenuRef>)> {
        let ids = self.keys.iter().map(|key| self.long_ids.id(key));
        ids.zip(&self.states)
    }

    /// The id of a menu of these states.
    pub fn menu_id(&self, menu: MenuRef) -> &str {
        self.menus.id(menu)
    }
}

/// [`ReplayedOrders`] put together a partition at a time.
#[derive(Default)]
pub(super) struct OrdersBuilder {
    places: FastHashMap<OrderKey, usize>,
    keys: Vec<OrderKey>,
    states: Vec<MatchState<MenuRef>>,
}

impl OrdersBuilder {
    /// Takes the orders of a folded partition (no other partition has
    /// them).
    pub(super) fn take(&mut self, group: &mut Group) {
        for (key, state) in group.keys.drain(..).zip(group.states.drain(..)) {
            self.places.insert(key, self.states.len());
            self.keys.push(key);
            self.states.push(state);
        }
    }

    /// The orders, with the ids their keys and menus stand for.
    pub(super) fn finish(self, long_ids: LongIds, menus: MenuTable) -> ReplayedOrders {
        ReplayedOrders {
            places: self.places,
            keys: self.keys,
            states: self.states,
            long_ids,
            menus,
        }
    }
}
