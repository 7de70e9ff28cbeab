//! The state of one order in the catering match, and its rules.
//!
//! Per menu: did the customer confirm it, and what did the caterer answer
//! last. The caterer's latest answer for a menu stands until the order is
//! matched: a decline after a confirmation withdraws it. The first menu with
//! both confirmations becomes the order's match, and stays it; the state
//! remembers which event completed it. A decline of the matched menu comes
//! too late: the order stays confirmed, and the state remembers the decline
//! so that it can be shown (a real system would compensate). Facts are
//! idempotent: applying the latest one again changes nothing.
//!
//! The state is generic over the menu id type; the app only uses owned
//! [`MenuId`]s.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::core::domain::MenuId;
use crate::core::ids::EventId;

/// What the caterer said about a menu, last.
///
/// Answers come from one log (Catering), so they arrive in the order the
/// caterer gave them; the latest stands until the order is matched.
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
///
/// Most orders hear of one menu only, so the first menu is kept inline and
/// only further ones go to a list: building the state of such an order
/// allocates nothing (a replay builds a hundred thousand of them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchState<M = MenuId> {
    first: Option<MenuProgress<M>>,
    others: Vec<MenuProgress<M>>,
    /// Index of the matched menu in [`MatchState::menus`] (32 bits: a row
    /// of the state table then fits two cache lines).
    matched: Option<u32>,
    /// The event whose fact completed the match.
    completed_by: Option<EventId>,
    /// The first decline of the matched menu that arrived after the match.
    late_decline: Option<EventId>,
}

impl<M> Default for MatchState<M> {
    fn default() -> Self {
        MatchState {
            first: None,
            others: Vec::new(),
            matched: None,
            completed_by: None,
            late_decline: None,
        }
    }
}

impl<M: Clone + PartialEq> MatchState<M> {
    /// Records a fact about `menu`, stated by the event `event`.
    pub fn record(&mut self, kind: MenuFactKind, menu: &M, event: EventId) {
        let matched = self.matched.map(|index| index as usize);
        let (index, entry) = self.entry(menu);
        match kind {
            MenuFactKind::CustomerConfirmed => entry.customer_confirmed = true,
            MenuFactKind::CatererConfirmed => entry.caterer = CatererAnswer::Confirmed,
            MenuFactKind::CatererDeclined => entry.caterer = CatererAnswer::Declined,
        }
        let complete = entry.is_complete();
        if kind == MenuFactKind::CatererDeclined
            && matched == Some(index)
            && self.late_decline.is_none()
        {
            self.late_decline = Some(event);
        }
        if self.matched.is_none() && complete {
            self.matched = u32::try_from(index).ok();
            self.completed_by = Some(event);
        }
    }

    /// The progress of `menu` and its index, added if it is new.
    fn entry(&mut self, menu: &M) -> (usize, &mut MenuProgress<M>) {
        let fresh = || MenuProgress {
            menu_id: menu.clone(),
            customer_confirmed: false,
            caterer: CatererAnswer::NotYet,
        };
        let first = self.first.get_or_insert_with(fresh);
        if first.menu_id == *menu {
            return (0, first);
        }
        let found = self.others.iter().position(|entry| entry.menu_id == *menu);
        let slot = match found {
            Some(slot) => slot,
            None => {
                self.others.push(fresh());
                self.others.len() - 1
            }
        };
        match self.others.get_mut(slot) {
            Some(entry) => (slot + 1, entry),
            // `slot` was just found or pushed; this arm only satisfies the
            // types and hands back the first menu.
            None => (0, first),
        }
    }

    /// The menu to confirm the order with after the event `event` was
    /// applied: the matched menu, if that event is the one that completed
    /// the match.
    ///
    /// The completing event, delivered again, answers again (that is the
    /// at-least-once duplicate, which only idempotency removes); any other
    /// event, even a new confirmation of the matched menu, never does.
    pub fn menu_to_confirm(&self, event: EventId) -> Option<&M> {
        let matched = self.matched()?;
        (self.completed_by == Some(event)).then_some(matched)
    }

    /// The event whose fact completed the match, if any.
    pub fn completed_by(&self) -> Option<EventId> {
        self.completed_by
    }

    /// The caterer's decline of the matched menu that came after the match,
    /// if one did: too late to stop the order, which stays confirmed (a
    /// real system would compensate).
    pub fn late_decline(&self) -> Option<EventId> {
        self.late_decline
    }

    /// The matched menu, if any.
    pub fn matched(&self) -> Option<&M> {
        let index = self.matched? as usize;
        self.menus().nth(index).map(|entry| &entry.menu_id)
    }

    /// The menus heard of, in the order they were first mentioned.
    pub fn menus(&self) -> impl Iterator<Item = &MenuProgress<M>> + Clone {
        self.first.iter().chain(&self.others)
    }

    /// How many menus were heard of.
    pub fn menu_count(&self) -> usize {
        usize::from(self.first.is_some()) + self.others.len()
    }

    /// Where the order stands.
    pub fn status(&self) -> MatchStatus<M> {
        if let Some(menu) = self.matched() {
            return MatchStatus::Matched(menu.clone());
        }
        let all_declined = self.first.is_some()
            && self
                .menus()
                .all(|entry| entry.caterer == CatererAnswer::Declined);
        if all_declined {
            MatchStatus::Declined
        } else {
            MatchStatus::Pending
        }
    }
}

impl<M: Clone + PartialEq + Serialize> Serialize for MatchState<M> {
    /// As `{menus: [...], matched, completed_by, late_decline}`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("MatchState", 4)?;
        state.serialize_field("menus", &self.menus().collect::<Vec<_>>())?;
        state.serialize_field("matched", &self.matched())?;
        state.serialize_field("completed_by", &self.completed_by)?;
        state.serialize_field("late_decline", &self.late_decline)?;
        state.end()
    }
}

#[cfg(test)]
mod tests;
