//! The conference example: rooms are allocated once enough people have
//! registered.
//!
//! Registrations happen in context [`REGISTRATIONS`], in the conference's
//! stream `Conference$<conference_id>`.

use serde::{Deserialize, Serialize};

use super::typed_ids::{ConferenceId, ParticipantId};
use crate::core::store::{DomainEvent, DomainEventError, EventData};

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

    fn to_data(&self) -> EventData {
        // A struct of two validated ids always serializes; the fallback is a
        // guard.
        EventData::of(self).unwrap_or_else(|_| EventData::empty_object())
    }

    fn from_data(data: &EventData) -> Result<Self, DomainEventError> {
        data.decode()
            .map_err(DomainEventError::invalid_data::<Self>)
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
