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
    CATERING, CatererConfirmedMenu, CatererDeclinedMenu, Command, Commands, CustomerConfirmedMenu,
    IdError, MenuId, OrderId, SALES, order_stream,
};
use crate::core::ids::EventId;
use crate::core::store::{DomainEvent, DomainEventError, RecordedEvent};
use crate::core::words::counted;

/// A fact about one menu of one order, as the catering match sees it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct MenuFact {
    /// The stored event stating the fact.
    pub event_id: EventId,
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
    /// What a decline of the matched menu, after the match, means.
    pub const TOO_LATE: &'static str =
        "declined too late: the order is already confirmed; a real system would compensate";
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
        // Reads the two fields in place (no intermediate copy of the data);
        // the same rules as the typed events' `from_data`.
        let (kind, type_name) = match event.event_type.as_str() {
            CustomerConfirmedMenu::TYPE => {
                (MenuFactKind::CustomerConfirmed, CustomerConfirmedMenu::TYPE)
            }
            CatererConfirmedMenu::TYPE => {
                (MenuFactKind::CatererConfirmed, CatererConfirmedMenu::TYPE)
            }
            CatererDeclinedMenu::TYPE => (MenuFactKind::CatererDeclined, CatererDeclinedMenu::TYPE),
            other => {
                return Err(DomainEventError::WrongType {
                    expected: "a menu confirmation or decline",
                    actual: other.to_owned(),
                });
            }
        };
        let [order_id, menu_id] = event.data.text_field_pair("order_id", "menu_id");
        let missing = |name: &str| DomainEventError::InvalidData {
            event_type: type_name,
            reason: format!("the field {name} is missing or is not text"),
        };
        let order_id = order_id.ok_or_else(|| missing("order_id"))?;
        let menu_id = menu_id.ok_or_else(|| missing("menu_id"))?;
        let invalid = |error: IdError| DomainEventError::InvalidData {
            event_type: type_name,
            reason: error.to_string(),
        };
        Ok(MenuFact {
            event_id: event.id,
            kind,
            order_id: OrderId::parse(&order_id).map_err(invalid)?,
            menu_id: MenuId::parse(&menu_id).map_err(invalid)?,
        })
    }

    fn key<'e>(&self, event: &'e MenuFact) -> &'e str {
        event.order_id.as_str()
    }

    fn evolve(&self, state: &mut Self::State, event: &MenuFact) {
        state.record(event.kind, &event.menu_id, event.event_id);
    }

    fn decide(&self, state: &Self::State, event: &MenuFact) -> Commands {
        let mut commands = Commands::new();
        if let Some(menu) = state.menu_to_confirm(event.event_id) {
            commands.push(Command::ConfirmOrder {
                order_id: event.order_id.clone(),
                menu_id: menu.clone(),
            });
        }
        commands
    }

    fn explain(&self, state: &Self::State, event: &MenuFact, commands: &[Command]) -> String {
        let order = &event.order_id;
        let menu = &event.menu_id;
        match state.matched() {
            Some(matched) if !commands.is_empty() => format!(
                "this event completed the match of order {order} with menu {matched} \
                 (or is that event delivered again): send ConfirmOrder"
            ),
            Some(matched) if event.kind == MenuFactKind::CatererDeclined && matched == menu => {
                format!(
                    "the caterer declined menu {menu} too late: order {order} is already \
                     confirmed with it; a real system would compensate (the playground sends \
                     nothing)"
                )
            }
            Some(matched) if matched == menu => format!(
                "order {order} was already matched to menu {matched} by an earlier event; \
                 a new confirmation of it is not a new match: nothing to send"
            ),
            Some(matched) => format!(
                "order {order} is already matched to menu {matched}; this event is about \
                 menu {menu}: nothing to send"
            ),
            None if event.kind == MenuFactKind::CatererDeclined => format!(
                "the caterer declined menu {menu} of order {order}; its latest answer stands \
                 (it withdraws an earlier confirmation): nothing to send"
            ),
            None => format!(
                "order {order} has no menu confirmed by both customer and caterer yet: \
                 nothing to send"
            ),
        }
    }

    fn describe(&self, state: &Self::State) -> String {
        match state.status() {
            MatchStatus::Matched(menu) if state.late_decline().is_some() => {
                format!("matched: menu {menu}; {}", Self::TOO_LATE)
            }
            MatchStatus::Matched(menu) => format!("matched: menu {menu}"),
            MatchStatus::Declined => "declined: the caterer declined every menu".to_owned(),
            MatchStatus::Pending if state.menu_count() == 0 => "nothing heard yet".to_owned(),
            MatchStatus::Pending => format!(
                "pending: {} heard of, none confirmed by both",
                counted(state.menu_count(), "menu", "menus")
            ),
        }
    }

    fn source_streams(&self, key: &str) -> Vec<(&'static str, String)> {
        let stream = order_stream(key);
        vec![(SALES, stream.clone()), (CATERING, stream)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::domain::Fact;
    use crate::core::ids::{EventId, Timestamp};
    use crate::core::store::{EventStore, ExpectedVersion, Metadata};
    use serde_json::json;

    fn stored(event_type: &'static str, data: serde_json::Value) -> RecordedEvent {
        let mut store = EventStore::new();
        store.add_context(SALES).unwrap();
        let event = crate::core::store::NewEvent::new(
            EventId::from_u128(1),
            event_type,
            data,
            Metadata::at(Timestamp(1)),
        );
        store
            .append(SALES, "Order$1", ExpectedVersion::Any, vec![event])
            .unwrap();
        store.event(EventId::from_u128(1)).unwrap().clone()
    }

    #[test]
    fn decoding_agrees_with_the_typed_events() {
        let fact = Fact::caterer_declined(" 42 ", "vegan").unwrap();
        let event = stored(
            fact.event_type(),
            json!({"order_id": " 42 ", "menu_id": "vegan"}),
        );
        let decoded = CateringMatch.decode(&event).unwrap();
        assert_eq!(decoded.kind, MenuFactKind::CatererDeclined);
        assert_eq!(decoded.order_id.as_str(), "42");
        assert_eq!(decoded.menu_id.as_str(), "vegan");
    }

    #[test]
    fn a_missing_or_invalid_field_is_refused_with_the_event_type() {
        let missing = stored("CustomerConfirmedMenu", json!({"order_id": "42"}));
        let error = CateringMatch.decode(&missing).unwrap_err().to_string();
        assert!(
            error.contains("CustomerConfirmedMenu") && error.contains("menu_id"),
            "{error}"
        );
        let blank = stored(
            "CustomerConfirmedMenu",
            json!({"order_id": "", "menu_id": "a"}),
        );
        let error = CateringMatch.decode(&blank).unwrap_err().to_string();
        assert!(error.contains("order id must not be empty"), "{error}");
        let other = stored("MenuOffered", json!({}));
        assert!(CateringMatch.decode(&other).is_err());
    }
}
