//! Commands the process managers send.
//!
//! A command asks another part of the system to do something; it may be
//! refused, unlike an event, which states what already happened.

use std::fmt;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use super::typed_ids::{ConferenceId, MenuId, OrderId};

/// The commands one decision sends. Almost every decision sends none or
/// one, so one is kept inline: deciding allocates nothing.
pub type Commands = SmallVec<[Command; 1]>;

/// A command sent to the command bus.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "command")]
pub enum Command {
    /// Go on with the order: customer and caterer agreed on this menu.
    ConfirmOrder { order_id: OrderId, menu_id: MenuId },
    /// Enough participants registered: allocate the conference's rooms.
    AllocateRooms { conference_id: ConferenceId },
}

impl Command {
    /// The command's name, e.g. `ConfirmOrder`.
    pub fn name(&self) -> &'static str {
        match self {
            Command::ConfirmOrder { .. } => "ConfirmOrder",
            Command::AllocateRooms { .. } => "AllocateRooms",
        }
    }

    /// The id of the thing the command is about: the order or the
    /// conference.
    pub fn target(&self) -> &str {
        match self {
            Command::ConfirmOrder { order_id, .. } => order_id.as_str(),
            Command::AllocateRooms { conference_id } => conference_id.as_str(),
        }
    }

    /// The parts that identify the command's business meaning, name first:
    /// two commands with the same parts ask for the same thing.
    pub fn identity_parts(&self) -> Vec<&str> {
        match self {
            Command::ConfirmOrder { order_id, menu_id } => {
                vec![self.name(), order_id.as_str(), menu_id.as_str()]
            }
            Command::AllocateRooms { conference_id } => {
                vec![self.name(), conference_id.as_str()]
            }
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Command::ConfirmOrder { order_id, menu_id } => {
                write!(f, "ConfirmOrder(order {order_id}, menu {menu_id})")
            }
            Command::AllocateRooms { conference_id } => {
                write!(f, "AllocateRooms(conference {conference_id})")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_prints_its_name_and_arguments() {
        let command = Command::ConfirmOrder {
            order_id: OrderId::parse("42").unwrap(),
            menu_id: MenuId::parse("vegan").unwrap(),
        };
        assert_eq!(command.to_string(), "ConfirmOrder(order 42, menu vegan)");
        assert_eq!(command.identity_parts(), ["ConfirmOrder", "42", "vegan"]);
        assert_eq!(command.target(), "42");
    }
}
