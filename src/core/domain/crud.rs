//! Words matter: the same change told two ways.
//!
//! The playground names its events in the business's words
//! (`CatererConfirmedMenu`). A table-centric system would record the same
//! change as a statement on a row (`UPDATE catering_match SET
//! caterer_confirmed = true ...`): what happened, and why, is gone; only the
//! new column value is left. [`business_statement`] and [`crud_statement`]
//! give both views of one [`Fact`] so the UI can show them side by side.

use super::catering::{CatererConfirmedMenu, CatererDeclinedMenu, CustomerConfirmedMenu};
use super::conference::ParticipantRegistered;
use super::fact::Fact;
use crate::core::sql::literal;

/// The event as the business says it:
/// `CatererConfirmedMenu { order_id: 42, menu_id: 1 }`.
pub fn business_statement(fact: &Fact) -> String {
    let name = fact.event_type();
    match fact {
        Fact::CustomerConfirmedMenu(CustomerConfirmedMenu { order_id, menu_id })
        | Fact::CatererConfirmedMenu(CatererConfirmedMenu { order_id, menu_id })
        | Fact::CatererDeclinedMenu(CatererDeclinedMenu { order_id, menu_id }) => {
            format!("{name} {{ order_id: {order_id}, menu_id: {menu_id} }}")
        }
        Fact::ParticipantRegistered(ParticipantRegistered {
            conference_id,
            participant_id,
        }) => {
            format!("{name} {{ conference_id: {conference_id}, participant_id: {participant_id} }}")
        }
    }
}

/// The SQL a table-centric system would run for the same change.
///
/// Both confirmations become a flag on one `catering_match` row; a decline
/// sets the caterer's flag back to `false`, which reads exactly like "not
/// confirmed yet": the table has lost the difference.
pub fn crud_statement(fact: &Fact) -> String {
    let (column, value, order_id, menu_id) = match fact {
        Fact::CustomerConfirmedMenu(CustomerConfirmedMenu { order_id, menu_id }) => {
            ("customer_confirmed", "true", order_id, menu_id)
        }
        Fact::CatererConfirmedMenu(CatererConfirmedMenu { order_id, menu_id }) => {
            ("caterer_confirmed", "true", order_id, menu_id)
        }
        Fact::CatererDeclinedMenu(CatererDeclinedMenu { order_id, menu_id }) => {
            ("caterer_confirmed", "false", order_id, menu_id)
        }
        Fact::ParticipantRegistered(ParticipantRegistered {
            conference_id,
            participant_id,
        }) => {
            return format!(
                "INSERT INTO participants (conference_id, participant_id) VALUES ({}, {})",
                literal::text(conference_id.as_str()),
                literal::text(participant_id.as_str())
            );
        }
    };
    format!(
        "UPDATE catering_match SET {column} = {value} WHERE order_id = {} AND menu_id = {}",
        literal::text(order_id.as_str()),
        literal::text(menu_id.as_str())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caterer_confirmation_is_a_business_event_and_a_flag_in_a_table() {
        let fact = Fact::caterer_confirmed("42", "1").unwrap();
        assert_eq!(
            business_statement(&fact),
            "CatererConfirmedMenu { order_id: 42, menu_id: 1 }"
        );
        assert_eq!(
            crud_statement(&fact),
            "UPDATE catering_match SET caterer_confirmed = true WHERE order_id = '42' AND menu_id = '1'"
        );
    }

    #[test]
    fn a_decline_looks_like_a_confirmation_never_given() {
        let declined = Fact::caterer_declined("42", "1").unwrap();
        assert_eq!(
            crud_statement(&declined),
            "UPDATE catering_match SET caterer_confirmed = false WHERE order_id = '42' AND menu_id = '1'"
        );
        let customer = Fact::customer_confirmed("42", "1").unwrap();
        assert!(crud_statement(&customer).contains("SET customer_confirmed = true"));
    }

    #[test]
    fn a_registration_is_an_inserted_row() {
        let fact = Fact::participant_registered("rustconf", "ada").unwrap();
        assert_eq!(
            crud_statement(&fact),
            "INSERT INTO participants (conference_id, participant_id) VALUES ('rustconf', 'ada')"
        );
        assert_eq!(
            business_statement(&fact),
            "ParticipantRegistered { conference_id: rustconf, participant_id: ada }"
        );
    }

    #[test]
    fn a_quote_inside_an_id_is_doubled_in_the_sql_text() {
        let fact = Fact::customer_confirmed("o'brien", "1").unwrap();
        assert!(crud_statement(&fact).contains("order_id = 'o''brien'"));
    }
}
