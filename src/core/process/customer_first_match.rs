//! `CustomerFirstMatch`: a catering match with an order bug, kept on purpose
//! for lesson 7.
//!
//! It looks for a match only when a customer's confirmation arrives. If the
//! customer confirms first and the caterer second, the match is never
//! noticed and no `ConfirmOrder` is sent. Specifications written with the
//! customer's confirmation last pass against it; running them over every
//! ordering of their givens is what catches the bug. The Specifications
//! panel lets people run the specs against it.

use serde::Serialize;

use super::catering_match::{CateringMatch, MenuFact};
use super::manager::ProcessManager;
use super::match_state::{CatererAnswer, MenuFactKind, MenuProgress};
use crate::core::domain::{Command, Commands, MenuId};
use crate::core::ids::EventId;
use crate::core::store::{DomainEventError, RecordedEvent};
use crate::core::words::counted;

/// The state of one order as the buggy process manager keeps it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CustomerFirstState {
    /// Per menu heard of: customer confirmed, caterer's latest answer.
    pub menus: Vec<MenuProgress<MenuId>>,
    /// The menu it matched, if it noticed a match.
    pub matched: Option<MenuId>,
    /// The customer confirmation with which it noticed the match.
    pub completed_by: Option<EventId>,
}

/// The catering match with the bug: it checks for a match only when the
/// customer's confirmation arrives. Reads, decodes and keys events exactly
/// as [`CateringMatch`] does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CustomerFirstMatch;

impl CustomerFirstMatch {
    /// The process manager's name and stream prefix.
    pub const NAME: &'static str = "CustomerFirstMatch";
}

impl ProcessManager for CustomerFirstMatch {
    type State = CustomerFirstState;
    type Event = MenuFact;

    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn source_contexts(&self) -> &'static [&'static str] {
        CateringMatch.source_contexts()
    }

    fn handles(&self, event_type: &str) -> bool {
        CateringMatch.handles(event_type)
    }

    fn decode(&self, event: &RecordedEvent) -> Result<MenuFact, DomainEventError> {
        CateringMatch.decode(event)
    }

    fn key<'e>(&self, event: &'e MenuFact) -> &'e str {
        event.order_id.as_str()
    }

    fn evolve(&self, state: &mut CustomerFirstState, event: &MenuFact) {
        let index = match state
            .menus
            .iter()
            .position(|entry| entry.menu_id == event.menu_id)
        {
            Some(index) => index,
            None => {
                state.menus.push(MenuProgress {
                    menu_id: event.menu_id.clone(),
                    customer_confirmed: false,
                    caterer: CatererAnswer::NotYet,
                });
                state.menus.len() - 1
            }
        };
        let Some(entry) = state.menus.get_mut(index) else {
            return; // `index` was just found or pushed.
        };
        match event.kind {
            MenuFactKind::CustomerConfirmed => entry.customer_confirmed = true,
            MenuFactKind::CatererConfirmed => entry.caterer = CatererAnswer::Confirmed,
            MenuFactKind::CatererDeclined => entry.caterer = CatererAnswer::Declined,
        }
        // The bug: only a customer's confirmation makes it look for a match.
        if event.kind == MenuFactKind::CustomerConfirmed
            && state.matched.is_none()
            && entry.is_complete()
        {
            state.matched = Some(event.menu_id.clone());
            state.completed_by = Some(event.event_id);
        }
    }

    fn decide(&self, state: &CustomerFirstState, event: &MenuFact) -> Commands {
        let mut commands = Commands::new();
        if let Some(menu) = &state.matched
            && state.completed_by == Some(event.event_id)
        {
            commands.push(Command::ConfirmOrder {
                order_id: event.order_id.clone(),
                menu_id: menu.clone(),
            });
        }
        commands
    }

    fn explain(
        &self,
        state: &CustomerFirstState,
        event: &MenuFact,
        commands: &[Command],
    ) -> String {
        let order = &event.order_id;
        match (&state.matched, event.kind) {
            (Some(menu), _) if !commands.is_empty() => format!(
                "the customer's confirmation found menu {menu} of order {order} confirmed by \
                 the caterer: send ConfirmOrder"
            ),
            (Some(menu), _) => {
                format!("order {order} is already matched to menu {menu}: nothing to send")
            }
            (None, MenuFactKind::CustomerConfirmed) => {
                format!("the caterer has not confirmed this menu of order {order}: nothing to send")
            }
            (None, _) => format!(
                "a caterer's answer for order {order}: this process manager only looks for a \
                 match when a customer confirms (its bug), so nothing to send"
            ),
        }
    }

    fn describe(&self, state: &CustomerFirstState) -> String {
        match &state.matched {
            Some(menu) => format!("matched: menu {menu}"),
            None if state.menus.is_empty() => "nothing heard yet".to_owned(),
            None => format!(
                "no match noticed: {} heard of",
                counted(state.menus.len(), "menu", "menus")
            ),
        }
    }

    fn source_streams(&self, key: &str) -> Vec<(&'static str, String)> {
        CateringMatch.source_streams(key)
    }
}
