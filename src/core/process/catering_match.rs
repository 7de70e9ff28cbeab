//! `CateringMatch`: send `ConfirmOrder` once customer and caterer confirmed
//! the same menu of an order.
//!
//! It reads the logs of Sales (customer confirmations) and Catering (caterer
//! answers); its correlation key is the order id. The rules of one order's
//! state live in [`super::match_state`].

use serde::Serialize;

use super::manager::ProcessManager;
use super::match_state::{MatchState, MatchStatus, MenuFactKind};
use crate::core::domain::{
    CATERING, CatererConfirmedMenu, CatererDeclinedMenu, Command, CustomerConfirmedMenu, MenuId,
    OrderId, SALES, order_stream,
};
use crate::core::store::{DomainEvent, DomainEventError, RecordedEvent};

/// A fact about one menu of one order, as the catering match sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct MenuFact {
    pub kind: MenuFactKind,
    pub order_id: OrderId,
    pub menu_id: MenuId,
}

impl MenuFact {
    /// Reads the kind of fact from a stored type name; `None` for other
    /// types.
    pub fn kind_of(event_type: &str) -> Option<MenuFactKind> {
        match event_type {
            CustomerConfirmedMenu::TYPE => Some(MenuFactKind::CustomerConfirmed),
            CatererConfirmedMenu::TYPE => Some(MenuFactKind::CatererConfirmed),
            CatererDeclinedMenu::TYPE => Some(MenuFactKind::CatererDeclined),
            _ => None,
        }
    }
}

/// The catering match process manager.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CateringMatch;

impl CateringMatch {
    /// The process manager's name and stream prefix.
    pub const NAME: &'static str = "CateringMatch";
}

impl ProcessManager for CateringMatch {
    type State = MatchState<MenuId>;
    type Event = MenuFact;

    fn name(&self) -> &'static str {
        Self::NAME
    }

    fn source_contexts(&self) -> &'static [&'static str] {
        &[SALES, CATERING]
    }

    fn handles(&self, event_type: &str) -> bool {
        MenuFact::kind_of(event_type).is_some()
    }

    fn decode(&self, event: &RecordedEvent) -> Result<MenuFact, DomainEventError> {
        let (kind, order_id, menu_id) = match event.event_type.as_str() {
            CustomerConfirmedMenu::TYPE => {
                let e: CustomerConfirmedMenu = event.decode()?;
                (MenuFactKind::CustomerConfirmed, e.order_id, e.menu_id)
            }
            CatererConfirmedMenu::TYPE => {
                let e: CatererConfirmedMenu = event.decode()?;
                (MenuFactKind::CatererConfirmed, e.order_id, e.menu_id)
            }
            _ => {
                // Any other type is refused by the decode of a decline.
                let e: CatererDeclinedMenu = event.decode()?;
                (MenuFactKind::CatererDeclined, e.order_id, e.menu_id)
            }
        };
        Ok(MenuFact {
            kind,
            order_id,
            menu_id,
        })
    }

    fn key<'e>(&self, event: &'e MenuFact) -> &'e str {
        event.order_id.as_str()
    }

    fn apply(&self, state: &mut Self::State, event: &MenuFact) {
        state.apply(event.kind, &event.menu_id);
    }

    fn decide(&self, state: &Self::State, event: &MenuFact) -> Vec<Command> {
        match state.menu_to_confirm(event.kind, &event.menu_id) {
            Some(menu) => vec![Command::ConfirmOrder {
                order_id: event.order_id.clone(),
                menu_id: menu.clone(),
            }],
            None => Vec::new(),
        }
    }

    fn explain(&self, state: &Self::State, event: &MenuFact, commands: &[Command]) -> String {
        let order = &event.order_id;
        let menu = &event.menu_id;
        match state.matched() {
            Some(matched) if !commands.is_empty() => format!(
                "order {order} is matched to menu {matched} and this event confirms that \
                 menu: send ConfirmOrder"
            ),
            Some(matched) if matched == menu => format!(
                "order {order} is matched to menu {matched}, but a decline never confirms \
                 an order: nothing to send"
            ),
            Some(matched) => format!(
                "order {order} is already matched to menu {matched}; this event is about \
                 menu {menu}: nothing to send"
            ),
            None => format!(
                "order {order} has no menu confirmed by both customer and caterer yet: \
                 nothing to send"
            ),
        }
    }

    fn describe(&self, state: &Self::State) -> String {
        match state.status() {
            MatchStatus::Matched(menu) => format!("matched: menu {menu}"),
            MatchStatus::Declined => "declined: the caterer declined every menu".to_owned(),
            MatchStatus::Pending if state.menus().is_empty() => "nothing heard yet".to_owned(),
            MatchStatus::Pending => format!(
                "pending: {} menu(s) heard of, none confirmed by both",
                state.menus().len()
            ),
        }
    }

    fn source_streams(&self, key: &str) -> Vec<(&'static str, String)> {
        let stream = order_stream(key);
        vec![(SALES, stream.clone()), (CATERING, stream)]
    }
}
