//! [`Fact`]: any domain event of the examples, with where it is written.
//!
//! Specifications, sessions and the UI deal with "some event of the
//! examples"; this enum says which one, builds its [`NewEvent`] and knows its
//! context and stream.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::catering::{
    CATERING, CatererConfirmedMenu, CatererDeclinedMenu, CustomerConfirmedMenu, SALES, order_stream,
};
use super::conference::{ParticipantRegistered, REGISTRATIONS, conference_stream};
use super::typed_ids::{ConferenceId, IdError, MenuId, OrderId, ParticipantId};
use crate::core::ids::EventId;
use crate::core::store::{DomainEvent, DomainEventError, Metadata, NewEvent, RecordedEvent};

/// A domain event of one of the examples.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum Fact {
    CustomerConfirmedMenu(CustomerConfirmedMenu),
    CatererConfirmedMenu(CatererConfirmedMenu),
    CatererDeclinedMenu(CatererDeclinedMenu),
    ParticipantRegistered(ParticipantRegistered),
}

impl Fact {
    /// The customer confirmed `menu` for `order` (ids are validated).
    pub fn customer_confirmed(order: &str, menu: &str) -> Result<Fact, IdError> {
        Ok(Fact::CustomerConfirmedMenu(CustomerConfirmedMenu::new(
            OrderId::parse(order)?,
            MenuId::parse(menu)?,
        )))
    }

    /// The caterer confirmed `menu` for `order` (ids are validated).
    pub fn caterer_confirmed(order: &str, menu: &str) -> Result<Fact, IdError> {
        Ok(Fact::CatererConfirmedMenu(CatererConfirmedMenu::new(
            OrderId::parse(order)?,
            MenuId::parse(menu)?,
        )))
    }

    /// The caterer declined `menu` for `order` (ids are validated).
    pub fn caterer_declined(order: &str, menu: &str) -> Result<Fact, IdError> {
        Ok(Fact::CatererDeclinedMenu(CatererDeclinedMenu::new(
            OrderId::parse(order)?,
            MenuId::parse(menu)?,
        )))
    }

    /// `participant` registered for `conference` (ids are validated).
    pub fn participant_registered(conference: &str, participant: &str) -> Result<Fact, IdError> {
        Ok(Fact::ParticipantRegistered(ParticipantRegistered::new(
            ConferenceId::parse(conference)?,
            ParticipantId::parse(participant)?,
        )))
    }

    /// The stored type name, e.g. `CatererConfirmedMenu`.
    pub fn event_type(&self) -> &'static str {
        match self {
            Fact::CustomerConfirmedMenu(_) => CustomerConfirmedMenu::TYPE,
            Fact::CatererConfirmedMenu(_) => CatererConfirmedMenu::TYPE,
            Fact::CatererDeclinedMenu(_) => CatererDeclinedMenu::TYPE,
            Fact::ParticipantRegistered(_) => ParticipantRegistered::TYPE,
        }
    }

    /// The context whose log the fact is written to.
    pub fn context(&self) -> &'static str {
        match self {
            Fact::CustomerConfirmedMenu(_) => SALES,
            Fact::CatererConfirmedMenu(_) | Fact::CatererDeclinedMenu(_) => CATERING,
            Fact::ParticipantRegistered(_) => REGISTRATIONS,
        }
    }

    /// The stream the fact is appended to, inside [`Fact::context`].
    pub fn stream(&self) -> String {
        match self {
            Fact::CustomerConfirmedMenu(event) => order_stream(event.order_id.as_str()),
            Fact::CatererConfirmedMenu(event) => order_stream(event.order_id.as_str()),
            Fact::CatererDeclinedMenu(event) => order_stream(event.order_id.as_str()),
            Fact::ParticipantRegistered(event) => conference_stream(event.conference_id.as_str()),
        }
    }

    /// The contexts holding the fact's conversation, each in a stream named
    /// [`Fact::stream`]: an order's facts are in Sales and Catering, a
    /// conference's in Registrations.
    pub fn conversation_contexts(&self) -> &'static [&'static str] {
        match self {
            Fact::CustomerConfirmedMenu(_)
            | Fact::CatererConfirmedMenu(_)
            | Fact::CatererDeclinedMenu(_) => &[SALES, CATERING],
            Fact::ParticipantRegistered(_) => &[REGISTRATIONS],
        }
    }

    /// The event to append, with this id and metadata.
    pub fn to_new_event(&self, id: EventId, metadata: Metadata) -> NewEvent {
        match self {
            Fact::CustomerConfirmedMenu(event) => NewEvent::from_domain(id, event, metadata),
            Fact::CatererConfirmedMenu(event) => NewEvent::from_domain(id, event, metadata),
            Fact::CatererDeclinedMenu(event) => NewEvent::from_domain(id, event, metadata),
            Fact::ParticipantRegistered(event) => NewEvent::from_domain(id, event, metadata),
        }
    }

    /// The fact a stored event holds; `Ok(None)` for a type that is not one
    /// of the examples'.
    pub fn from_recorded(event: &RecordedEvent) -> Result<Option<Fact>, DomainEventError> {
        let fact = match event.event_type.as_str() {
            CustomerConfirmedMenu::TYPE => Fact::CustomerConfirmedMenu(event.decode()?),
            CatererConfirmedMenu::TYPE => Fact::CatererConfirmedMenu(event.decode()?),
            CatererDeclinedMenu::TYPE => Fact::CatererDeclinedMenu(event.decode()?),
            ParticipantRegistered::TYPE => Fact::ParticipantRegistered(event.decode()?),
            _ => return Ok(None),
        };
        Ok(Some(fact))
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.event_type();
        match self {
            Fact::CustomerConfirmedMenu(CustomerConfirmedMenu { order_id, menu_id })
            | Fact::CatererConfirmedMenu(CatererConfirmedMenu { order_id, menu_id })
            | Fact::CatererDeclinedMenu(CatererDeclinedMenu { order_id, menu_id }) => {
                write!(f, "{name}(order {order_id}, menu {menu_id})")
            }
            Fact::ParticipantRegistered(ParticipantRegistered {
                conference_id,
                participant_id,
            }) => write!(
                f,
                "{name}(conference {conference_id}, participant {participant_id})"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ids::Timestamp;
    use crate::core::store::{EventStore, ExpectedVersion};

    #[test]
    fn a_fact_knows_its_context_and_stream() {
        let fact = Fact::caterer_declined("42", "vegan").unwrap();
        assert_eq!(fact.context(), "Catering");
        assert_eq!(fact.stream(), "Order$42");
        assert_eq!(
            fact.to_string(),
            "CatererDeclinedMenu(order 42, menu vegan)"
        );
    }

    #[test]
    fn a_stored_fact_reads_back_as_the_same_fact() {
        let mut store = EventStore::new();
        store.add_context(REGISTRATIONS).unwrap();
        let fact = Fact::participant_registered("rustconf", "ada").unwrap();
        let event = fact.to_new_event(EventId::from_u128(1), Metadata::at(Timestamp(5)));
        store
            .append(
                fact.context(),
                &fact.stream(),
                ExpectedVersion::Any,
                vec![event],
            )
            .unwrap();
        let stored = store.event(EventId::from_u128(1)).unwrap();
        assert_eq!(Fact::from_recorded(stored), Ok(Some(fact)));
    }

    #[test]
    fn an_invalid_id_is_refused_before_any_fact_exists() {
        assert!(Fact::customer_confirmed("", "vegan").is_err());
        assert!(Fact::customer_confirmed("42", "\t").is_err());
    }
}
