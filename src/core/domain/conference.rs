//! The conference example: rooms are allocated once enough people have
//! registered.
//!
//! Registrations happen in context [`REGISTRATIONS`], in the conference's
//! stream `Conference$<conference_id>`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::names::{ConferenceId, ParticipantId};
use crate::core::store::{DomainEvent, DomainEventError};

/// The context where participants register.
pub const REGISTRATIONS: &str = "Registrations";

/// The stream of a conference: `Conference$<conference_id>`.
pub fn conference_stream(conference_id: &str) -> String {
    format!("Conference${conference_id}")
}

/// A participant registered for a conference.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ParticipantRegistered {
    pub conference_id: ConferenceId,
    pub participant_id: ParticipantId,
}

impl ParticipantRegistered {
    /// The registration of `participant_id` for `conference_id`.
    pub fn new(conference_id: ConferenceId, participant_id: ParticipantId) -> Self {
        ParticipantRegistered {
            conference_id,
            participant_id,
        }
    }
}

impl DomainEvent for ParticipantRegistered {
    const TYPE: &'static str = "ParticipantRegistered";

    fn to_data(&self) -> Value {
        let mut map = Map::new();
        map.insert(
            "conference_id".to_owned(),
            Value::String(self.conference_id.to_string()),
        );
        map.insert(
            "participant_id".to_owned(),
            Value::String(self.participant_id.to_string()),
        );
        Value::Object(map)
    }

    fn from_data(data: &Value) -> Result<Self, DomainEventError> {
        Self::deserialize(data).map_err(DomainEventError::invalid_data::<Self>)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_registration_round_trips_through_its_json_data() {
        let event = ParticipantRegistered::new(
            ConferenceId::parse("rustconf").unwrap(),
            ParticipantId::parse("ada").unwrap(),
        );
        assert_eq!(
            ParticipantRegistered::from_data(&event.to_data()),
            Ok(event)
        );
        assert_eq!(conference_stream("rustconf"), "Conference$rustconf");
    }
}
