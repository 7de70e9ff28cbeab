//! How many times each distinct command was delivered, without keeping a
//! copy of every command.
//!
//! Commands are counted under their 64-bit hash, next to the index of the
//! first delivery with that hash in the bus record. A command whose hash is
//! already taken by a *different* command (a collision; practically never)
//! is told apart by comparing with that first delivery, and counted exactly
//! in a small side table instead.

use std::hash::{BuildHasher, BuildHasherDefault};

use super::bus::Delivery;
use crate::core::domain::Command;
use crate::core::store::{FastHashMap, FastHasher};

/// Delivery counts per distinct command.
#[derive(Clone, Debug, Default)]
pub(super) struct DeliveredCounts {
    /// Hash → (attempt index of the first delivery, deliveries).
    by_hash: FastHashMap<u64, (usize, usize)>,
    /// Exact counts of commands whose hash was taken by another command.
    colliding: FastHashMap<Command, usize>,
}

fn hash_of(command: &Command) -> u64 {
    BuildHasherDefault::<FastHasher>::default().hash_one(command)
}

fn is_at(attempts: &[Delivery], index: usize, command: &Command) -> bool {
    attempts
        .get(index)
        .is_some_and(|delivery| delivery.envelope.command == *command)
}

impl DeliveredCounts {
    /// How many times `command` was delivered before; counts one more
    /// delivery at `attempt` if `delivered`. `attempts` is the bus record.
    pub(super) fn observe(
        &mut self,
        command: &Command,
        attempt: usize,
        attempts: &[Delivery],
        delivered: bool,
    ) -> usize {
        let hash = hash_of(command);
        match self.by_hash.get_mut(&hash) {
            None => {
                if delivered {
                    self.by_hash.insert(hash, (attempt, 1));
                }
                0
            }
            Some((first, count)) if is_at(attempts, *first, command) => {
                let before = *count;
                *count += usize::from(delivered);
                before
            }
            Some(_) => {
                let count = self.colliding.get(command).copied().unwrap_or(0);
                if delivered {
                    self.colliding.insert(command.clone(), count + 1);
                }
                count
            }
        }
    }

    /// How many times `command` was delivered.
    pub(super) fn count(&self, command: &Command, attempts: &[Delivery]) -> usize {
        match self.by_hash.get(&hash_of(command)) {
            None => 0,
            Some((first, count)) if is_at(attempts, *first, command) => *count,
            Some(_) => self.colliding.get(command).copied().unwrap_or(0),
        }
    }

    /// Each distinct delivered command with its count, in no particular
    /// order.
    pub(super) fn iter<'a>(
        &'a self,
        attempts: &'a [Delivery],
    ) -> impl Iterator<Item = (&'a Command, usize)> {
        let main = self.by_hash.values().filter_map(move |(first, count)| {
            attempts
                .get(*first)
                .map(|delivery| (&delivery.envelope.command, *count))
        });
        main.chain(
            self.colliding
                .iter()
                .map(|(command, count)| (command, *count)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::domain::{MenuId, OrderId};
    use crate::core::ids::EventId;
    use crate::core::process::{CommandEnvelope, CommandId, DeliveryOutcome};

    fn confirm(order: &str) -> Command {
        Command::ConfirmOrder {
            order_id: OrderId::parse(order).unwrap(),
            menu_id: MenuId::parse("vegan").unwrap(),
        }
    }

    fn delivery(attempt: usize, command: Command) -> Delivery {
        Delivery {
            attempt,
            envelope: CommandEnvelope {
                command,
                command_id: CommandId(uuid::Uuid::from_u128(attempt as u128)),
                causation_id: EventId::from_u128(1),
                correlation_id: EventId::from_u128(1),
            },
            outcome: DeliveryOutcome::Delivered,
            is_duplicate: false,
        }
    }

    #[test]
    fn a_command_whose_hash_slot_is_taken_by_another_is_counted_apart() {
        let (first, second) = (confirm("1"), confirm("2"));
        let attempts = vec![delivery(0, first.clone())];
        let mut counts = DeliveredCounts::default();
        // Pretend `second` hashes like `first`: its slot points at `first`.
        counts.by_hash.insert(hash_of(&second), (0, 1));

        assert_eq!(counts.observe(&second, 1, &attempts, true), 0);
        assert_eq!(counts.observe(&second, 2, &attempts, true), 1);
        assert_eq!(counts.count(&second, &attempts), 2);
        let listed: Vec<(&Command, usize)> = counts.iter(&attempts).collect();
        assert!(listed.contains(&(&first, 1)) && listed.contains(&(&second, 2)));
    }
}
