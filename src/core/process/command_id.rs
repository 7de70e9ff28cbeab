//! Command ids, and the deterministic ones derived from what a command means.
//!
//! A receiver that remembers the ids it has seen can drop a command sent
//! twice, but only if the second send carries the same id. Random ids never
//! repeat, so they cannot help; an id computed from the process manager's
//! name and the command's business meaning (`CateringMatch|ConfirmOrder|42|vegan`)
//! is the same every time the same decision is made. The hash is FNV-1a on
//! 128 bits: small, stable across platforms and versions, no dependency.

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
        CommandId::from_hash(fnv1a_128(&parts))
    }

    /// Lays a hash out as a version 8 (custom) uuid, so it prints like any id.
    fn from_hash(hash: u128) -> Self {
        let mut bytes = hash.to_be_bytes();
        // Byte 6 holds the version nibble, byte 8 the variant bits (RFC 9562).
        bytes[6] = (bytes[6] & 0x0f) | 0x80;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        CommandId(Uuid::from_bytes(bytes))
    }
}

impl fmt::Display for CommandId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

const FNV_OFFSET_BASIS: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

/// FNV-1a (128 bits) of the parts joined by `|`.
pub fn fnv1a_128(parts: &[&str]) -> u128 {
    let mut hash = FNV_OFFSET_BASIS;
    let mut eat = |byte: u8| {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    };
    for (index, part) in parts.iter().enumerate() {
        if index > 0 {
            eat(b'|');
        }
        part.bytes().for_each(&mut eat);
    }
    hash
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
    fn fnv1a_128_matches_the_published_test_vectors() {
        assert_eq!(fnv1a_128(&[]), FNV_OFFSET_BASIS);
        assert_eq!(fnv1a_128(&["a"]), 0xd228_cb69_6f1a_8caf_7891_2b70_4e4a_8964);
        assert_eq!(
            fnv1a_128(&["foobar"]),
            0x343e_1662_793c_64bf_6f0d_3597_ba44_6f18
        );
    }

    #[test]
    fn parts_are_joined_with_a_bar() {
        assert_eq!(fnv1a_128(&["a", "b"]), fnv1a_128(&["a|b"]));
    }

    #[test]
    fn the_same_decision_gets_the_same_id_and_another_one_does_not() {
        let first = CommandId::deterministic("CateringMatch", &confirm("42", "vegan"));
        let again = CommandId::deterministic("CateringMatch", &confirm("42", "vegan"));
        let other = CommandId::deterministic("CateringMatch", &confirm("43", "vegan"));
        assert_eq!(first, again);
        assert_ne!(first, other);
        assert_eq!(first.0.get_version_num(), 8);
    }
}
