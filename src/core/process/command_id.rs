//! Command ids, and the deterministic ones derived from what a command means.
//!
//! A receiver that remembers the ids it has seen can drop a command sent
//! twice, but only if the second send carries the same id. Random ids never
//! repeat, so they cannot help; an id computed from the process manager's
//! name and the command's business meaning (`CateringMatch|ConfirmOrder|42|vegan`)
//! is the same every time the same decision is made. Such ids are name-based
//! UUIDs (version 5, RFC 9562) in the playground's own namespace. The name
//! is each part preceded by its length in bytes and a colon
//! (`13:CateringMatch12:ConfirmOrder2:425:vegan`), so no two lists of parts
//! share a name even when an id holds a separator: any tool that knows the
//! namespace can compute the same id.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::core::domain::Command;
use crate::core::ids::EventId;

/// The id of a sent command.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommandId(pub Uuid);

impl CommandId {
    /// A random-looking id taken from a generator (reuses the event id
    /// generator's sequence).
    pub fn fresh(id: EventId) -> Self {
        CommandId(id.0)
    }

    /// The id derived from the sender's name and the command's meaning; the
    /// same decision always gets the same id.
    pub fn deterministic(sender: &str, command: &Command) -> Self {
        let mut parts = vec![sender];
        parts.extend(command.identity_parts());
        CommandId(name_based(&parts))
    }
}

/// The namespace of the playground's name-based ids (a fixed, random uuid).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x5c4e_1b0a_7d2f_4c61_9a38_e0f4_b2d7_1c95);

/// The version 5 uuid, in [`NAMESPACE`], of the parts, each preceded by its
/// length and a colon.
pub fn name_based(parts: &[&str]) -> Uuid {
    let name: String = parts
        .iter()
        .map(|part| format!("{}:{part}", part.len()))
        .collect();
    Uuid::new_v5(&NAMESPACE, name.as_bytes())
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::domain::{MenuId, OrderId};

    fn confirm(order: &str, menu: &str) -> Command {
        Command::ConfirmOrder {
            order_id: OrderId::parse(order).unwrap(),
            menu_id: MenuId::parse(menu).unwrap(),
        }
    }

    #[test]
    fn a_name_based_id_is_the_rfc_version_5_uuid_of_its_length_prefixed_parts() {
        // Computed independently: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        // in Python gives 886313e1-3b8a-5372-9b90-0c9aee199e5d.
        let python = Uuid::new_v5(&Uuid::NAMESPACE_DNS, b"python.org");
        assert_eq!(python.to_string(), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
        assert_eq!(
            name_based(&["a", "bc"]),
            Uuid::new_v5(&NAMESPACE, b"1:a2:bc")
        );
    }

    #[test]
    fn ids_holding_a_separator_do_not_share_a_command_id() {
        // Order "42|vegan" with menu "x", and order "42" with menu "vegan|x".
        let one = CommandId::deterministic("CateringMatch", &confirm("42|vegan", "x"));
        let other = CommandId::deterministic("CateringMatch", &confirm("42", "vegan|x"));
        assert_ne!(one, other);
        assert_ne!(name_based(&["a", "b"]), name_based(&["a|b"]));
    }

    #[test]
    fn the_same_decision_gets_the_same_id_and_another_one_does_not() {
        let first = CommandId::deterministic("CateringMatch", &confirm("42", "vegan"));
        let again = CommandId::deterministic("CateringMatch", &confirm("42", "vegan"));
        let other = CommandId::deterministic("CateringMatch", &confirm("43", "vegan"));
        assert_eq!(first, again);
        assert_ne!(first, other);
        assert_eq!(first.0.get_version_num(), 5);
    }
}
