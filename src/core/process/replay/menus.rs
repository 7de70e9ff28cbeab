//! Menus as small numbers: the replay's states hold a [`MenuRef`] (four
//! bytes, compared as one number) instead of the menu's id text.
//!
//! Logs usually name few menus, over and over, so the table remembers the
//! last menu it numbered and checks it before hashing.

use super::ids::{IdTable, PackedId};
use crate::core::store::StoreError;

/// A menu of a replay: its number, in the order menus were first mentioned.
/// [`super::ReplayedOrders::menu_id`] gives back its id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MenuRef(pub(super) u32);

/// The menus of one replay: their numbers and ids.
#[derive(Default)]
pub(super) struct MenuTable {
    numbers: IdTable,
    /// The id of each menu, by number.
    ids: Vec<Box<str>>,
    /// The last short menu looked up.
    last: Option<(PackedId, MenuRef)>,
}

impl MenuTable {
    /// The menu `id` (canonical), numbered if it is new.
    pub(super) fn menu(&mut self, id: &str) -> Result<MenuRef, StoreError> {
        let packed = PackedId::new(id);
        if let (Some(packed), Some((last, menu))) = (packed, self.last)
            && packed == last
        {
            return Ok(menu);
        }
        let (number, new) = self.numbers.number(id)?;
        if new {
            self.ids.push(Box::from(id));
        }
        let menu = MenuRef(number);
        self.last = packed.map(|packed| (packed, menu));
        Ok(menu)
    }

    /// The ids of the menus, by number.
    pub(super) fn into_ids(self) -> Vec<Box<str>> {
        self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_menu_gets_the_same_number_with_or_without_the_last_menu_shortcut() {
        let long = "m".repeat(40);
        let mut table = MenuTable::default();
        let menus: Vec<u32> = ["a", "a", "b", "a", &long, &long, "b"]
            .iter()
            .map(|id| table.menu(id).unwrap().0)
            .collect();
        assert_eq!(menus, [0, 0, 1, 0, 2, 2, 1]);
        assert_eq!(table.into_ids(), ["a", "b", long.as_str()].map(Box::from));
    }
}
