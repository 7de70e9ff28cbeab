//! Menus as small numbers: the replay's states hold a [`MenuRef`] (four
//! bytes, compared as one number) instead of the menu's id text.
//!
//! Logs usually name few menus, over and over, so the table checks the
//! last menu it gave before hashing.

use super::keys::OrderKey;
use crate::core::store::{FastHashMap, StoreError};

/// A menu of a replay: its number, in the order menus were first mentioned.
/// [`super::ReplayedOrders::menu_id`] gives back its id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MenuRef(u32);

/// The menus of one replay: their numbers and ids.
#[derive(Default)]
pub(super) struct MenuTable {
    numbers: FastHashMap<Box<str>, MenuRef>,
    /// The id of each menu, by number.
    ids: Vec<Box<str>>,
    /// The last menu given, if its id packs into a key (compared as two
    /// words, not as text).
    last: Option<(OrderKey, MenuRef)>,
}

impl MenuTable {
    /// The menu `id` (canonical), numbered if it is new. Refused only past
    /// `u32::MAX` menus, more events than a store holds.
    #[inline]
    pub(super) fn menu(&mut self, id: &str) -> Result<MenuRef, StoreError> {
        self.menu_keyed(id, OrderKey::packed(id))
    }

    /// [`MenuTable::menu`] for an id already packed into `key` (if short).
    #[inline(always)]
    pub(super) fn menu_keyed(
        &mut self,
        id: &str,
        key: Option<OrderKey>,
    ) -> Result<MenuRef, StoreError> {
        if let (Some(key), Some((last_key, last))) = (key, self.last)
            && key == last_key
        {
            return Ok(last);
        }
        let menu = match self.numbers.get(id) {
            Some(menu) => *menu,
            None => {
                let number = u32::try_from(self.ids.len()).map_err(|_| StoreError::StoreFull)?;
                let menu = MenuRef(number);
                self.numbers.insert(Box::from(id), menu);
                self.ids.push(Box::from(id));
                menu
            }
        };
        self.last = key.map(|key| (key, menu));
        Ok(menu)
    }

    /// The id of `menu`.
    #[inline]
    pub(super) fn id(&self, menu: MenuRef) -> &str {
        let id = usize::try_from(menu.0)
            .ok()
            .and_then(|number| self.ids.get(number));
        // Every `MenuRef` was numbered by this table; the empty fallback is
        // never taken.
        id.map_or("", |id| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_menu_gets_the_same_number_with_or_without_the_last_menu_shortcut() {
        let long = "m".repeat(40);
        let mut table = MenuTable::default();
        let ids = ["a", "a", "b", "a", &long, &long, "b"];
        let menus: Vec<MenuRef> = ids.iter().map(|id| table.menu(id).unwrap()).collect();
        assert_eq!(menus, [0, 0, 1, 0, 2, 2, 1].map(MenuRef));
        for (id, menu) in ids.iter().zip(menus) {
            assert_eq!(table.id(menu), *id);
        }
    }
}
