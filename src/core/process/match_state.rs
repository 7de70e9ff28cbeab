//! The state of one order in the catering match, and its rules.
//!
//! Per menu: did the customer confirm it, and what did the caterer answer.
//! The first menu with both confirmations becomes the order's match, and
//! stays it. Facts are idempotent: applying one twice changes nothing.
//!
//! The state is generic over the menu id type so that the same rules serve
//! the runner (owned [`MenuId`]s) and the lean replay (`&str` borrowed from
//! the store, no copies).

use serde::Serialize;

use crate::core::domain::MenuId;

/// What the caterer said about a menu.
///
/// Once the caterer confirmed a menu, a decline of the same menu (arriving
/// before or after) does not undo it: confirmation wins, so the state does
/// not depend on the order those two facts arrive in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum CatererAnswer {
    #[default]
    NotYet,
    Confirmed,
    Declined,
}

/// Which of the three facts of the catering example an event states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum MenuFactKind {
    CustomerConfirmed,
    CatererConfirmed,
    CatererDeclined,
}

/// Progress of one menu of an order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MenuProgress<M> {
    pub menu_id: M,
    pub customer_confirmed: bool,
    pub caterer: CatererAnswer,
}

impl<M> MenuProgress<M> {
    /// Customer and caterer both confirmed.
    pub fn is_complete(&self) -> bool {
        self.customer_confirmed && self.caterer == CatererAnswer::Confirmed
    }
}

/// Where an order stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum MatchStatus<M> {
    /// Both sides confirmed this menu (the first one to get there).
    Matched(M),
    /// Every menu heard of was declined by the caterer, none matched.
    Declined,
    /// Nothing heard yet, or still waiting for a confirmation.
    Pending,
}

/// The catering match state of one order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MatchState<M = MenuId> {
    menus: Vec<MenuProgress<M>>,
    matched: Option<M>,
}

impl<M> Default for MatchState<M> {
    fn default() -> Self {
        MatchState {
            menus: Vec::new(),
            matched: None,
        }
    }
}

impl<M: Clone + PartialEq> MatchState<M> {
    /// Records a fact about `menu`.
    pub fn apply(&mut self, kind: MenuFactKind, menu: &M) {
        let index = match self.menus.iter().position(|entry| entry.menu_id == *menu) {
            Some(index) => index,
            None => {
                self.menus.push(MenuProgress {
                    menu_id: menu.clone(),
                    customer_confirmed: false,
                    caterer: CatererAnswer::NotYet,
                });
                self.menus.len() - 1
            }
        };
        let Some(entry) = self.menus.get_mut(index) else {
            return; // `index` was just found or pushed.
        };
        match kind {
            MenuFactKind::CustomerConfirmed => entry.customer_confirmed = true,
            MenuFactKind::CatererConfirmed => entry.caterer = CatererAnswer::Confirmed,
            MenuFactKind::CatererDeclined => {
                if entry.caterer == CatererAnswer::NotYet {
                    entry.caterer = CatererAnswer::Declined;
                }
            }
        }
        if self.matched.is_none() && entry.is_complete() {
            self.matched = Some(entry.menu_id.clone());
        }
    }

    /// The menu to confirm the order with after a fact of `kind` about
    /// `menu` was applied: the matched menu, if the fact confirms it.
    ///
    /// A re-delivered confirmation of the matched menu answers again (that
    /// is the at-least-once duplicate); facts about other menus, and
    /// declines, never do.
    pub fn menu_to_confirm(&self, kind: MenuFactKind, menu: &M) -> Option<&M> {
        let matched = self.matched.as_ref()?;
        let confirms = kind != MenuFactKind::CatererDeclined;
        (confirms && matched == menu).then_some(matched)
    }

    /// The matched menu, if any.
    pub fn matched(&self) -> Option<&M> {
        self.matched.as_ref()
    }

    /// The menus heard of, in the order they were first mentioned.
    pub fn menus(&self) -> &[MenuProgress<M>] {
        &self.menus
    }

    /// Where the order stands.
    pub fn status(&self) -> MatchStatus<M> {
        if let Some(menu) = &self.matched {
            return MatchStatus::Matched(menu.clone());
        }
        let all_declined = !self.menus.is_empty()
            && self
                .menus
                .iter()
                .all(|entry| entry.caterer == CatererAnswer::Declined);
        if all_declined {
            MatchStatus::Declined
        } else {
            MatchStatus::Pending
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MenuFactKind::*;

    #[test]
    fn both_confirmations_match_the_menu_in_either_order() {
        for facts in [
            [CustomerConfirmed, CatererConfirmed],
            [CatererConfirmed, CustomerConfirmed],
        ] {
            let mut state = MatchState::default();
            for fact in facts {
                state.apply(fact, &"vegan");
            }
            assert_eq!(state.status(), MatchStatus::Matched("vegan"));
        }
    }

    #[test]
    fn applying_a_fact_twice_changes_nothing() {
        let mut once = MatchState::default();
        once.apply(CustomerConfirmed, &"a");
        let mut twice = once.clone();
        twice.apply(CustomerConfirmed, &"a");
        assert_eq!(once, twice);
    }

    #[test]
    fn the_first_complete_menu_stays_the_match() {
        let mut state = MatchState::default();
        for (fact, menu) in [
            (CustomerConfirmed, "a"),
            (CatererConfirmed, "a"),
            (CustomerConfirmed, "b"),
            (CatererConfirmed, "b"),
        ] {
            state.apply(fact, &menu);
        }
        assert_eq!(state.matched(), Some(&"a"));
        assert_eq!(state.menu_to_confirm(CatererConfirmed, &"b"), None);
        assert_eq!(state.menu_to_confirm(CatererConfirmed, &"a"), Some(&"a"));
    }

    #[test]
    fn an_order_whose_every_menu_is_declined_is_declined() {
        let mut state = MatchState::default();
        state.apply(CustomerConfirmed, &"a");
        state.apply(CatererDeclined, &"a");
        assert_eq!(state.status(), MatchStatus::Declined);
        state.apply(CustomerConfirmed, &"b");
        assert_eq!(state.status(), MatchStatus::Pending);
    }

    #[test]
    fn a_confirmation_wins_over_a_decline_in_either_order() {
        for facts in [
            [CatererDeclined, CatererConfirmed],
            [CatererConfirmed, CatererDeclined],
        ] {
            let mut state = MatchState::default();
            for fact in facts {
                state.apply(fact, &"a");
            }
            assert_eq!(state.menus()[0].caterer, CatererAnswer::Confirmed);
        }
    }

    #[test]
    fn a_decline_of_the_matched_menu_confirms_nothing() {
        let mut state = MatchState::default();
        state.apply(CustomerConfirmed, &"a");
        state.apply(CatererConfirmed, &"a");
        state.apply(CatererDeclined, &"a");
        assert_eq!(state.menu_to_confirm(CatererDeclined, &"a"), None);
        assert_eq!(state.status(), MatchStatus::Matched("a"));
    }
}
