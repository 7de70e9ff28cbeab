//! [`ReplayedOrders`]: every order's state as a replay rebuilt it, found by
//! the order id.

use super::ids::IdTable;
use super::menus::MenuRef;
use crate::core::process::match_state::MatchState;

/// Every order's state after a replay, by order id. The states name their
/// menus by [`MenuRef`]; [`ReplayedOrders::menu_id`] gives the id back.
pub struct ReplayedOrders {
    /// Each order id's place in `states`.
    pub(super) orders: IdTable,
    pub(super) states: Vec<MatchState<MenuRef>>,
    /// Each menu's id, by number.
    pub(super) menus: Vec<Box<str>>,
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
        let place = self.orders.get(order_id)?;
        self.states.get(usize::try_from(place).ok()?)
    }

    /// Every order id with its state, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &MatchState<MenuRef>)> {
        self.orders.iter().filter_map(|(order, place)| {
            let state = self.states.get(usize::try_from(place).ok()?)?;
            Some((order, state))
        })
    }

    /// The id of a menu of these states.
    pub fn menu_id(&self, menu: MenuRef) -> &str {
        let id = usize::try_from(menu.0)
            .ok()
            .and_then(|number| self.menus.get(number));
        // Every `MenuRef` in the states was numbered by this replay's menu
        // table, whose ids these are; the empty fallback is never taken.
        id.map_or("", |id| id)
    }
}
