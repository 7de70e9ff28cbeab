//! How many times each distinct command was delivered, without keeping a
//! copy of every command.
//!
//! Each distinct delivered command has an entry (the attempt of its first
//! delivery and its count), in order of first delivery, found through a
//! [`SlotIndex`] on the command's hash. A hash match is confirmed by
//! comparing with that first delivery in the bus record, so two commands
//! whose hashes collide are still counted apart.

use super::bus::Delivery;
use crate::core::domain::Command;
use crate::core::slot_index::SlotIndex;
use crate::core::store::fast_hash;

/// One distinct delivered command.
#[derive(Clone, Copy, Debug)]
struct Distinct {
    /// Attempt index of its first delivery.
    first: usize,
    deliveries: usize,
}

/// Delivery counts per distinct command.
#[derive(Clone, Debug, Default)]
pub(super) struct DeliveredCounts {
    distinct: Vec<Distinct>,
    index: SlotIndex,
}

fn is_at(attempts: &[Delivery], index: usize, command: &Command) -> bool {
    attempts
        .get(index)
        .is_some_and(|delivery| delivery.envelope.command == *command)
}

impl DeliveredCounts {
    /// The place of `command` in `distinct`, found under `hash`.
    fn find(&self, hash: u64, command: &Command, attempts: &[Delivery]) -> Option<usize> {
        self.index.find_in(hash, &self.distinct, |entry| {
            is_at(attempts, entry.first, command)
        })
    }

    /// How many times `command` was delivered before; counts one more
    /// delivery at `attempt` if `delivered`. `attempts` is the bus record.
    pub(super) fn observe(
        &mut self,
        command: &Command,
        attempt: usize,
        attempts: &[Delivery],
        delivered: bool,
    ) -> usize {
        let hash = fast_hash(command);
        match self.find(hash, command, attempts) {
            Some(place) => {
                let Some(entry) = self.distinct.get_mut(place) else {
                    return 0;
                };
                let before = entry.deliveries;
                entry.deliveries += usize::from(delivered);
                before
            }
            None => {
                // Ordinals are 32-bit; a bus with four billion distinct
                // commands does not fit in memory (each delivery takes
                // over 100 bytes), so the insert never fails.
                let ordinal = u32::try_from(self.distinct.len()).unwrap_or(u32::MAX);
                if delivered && self.index.insert(hash, ordinal) {
                    self.distinct.push(Distinct {
                        first: attempt,
                        deliveries: 1,
                    });
                }
                0
            }
        }
    }

    /// How many times `command` was delivered.
    pub(super) fn count(&self, command: &Command, attempts: &[Delivery]) -> usize {
        self.find(fast_hash(command), command, attempts)
            .and_then(|place| self.distinct.get(place))
            .map_or(0, |entry| entry.deliveries)
    }

    /// Each distinct delivered command with its count, in order of first
    /// delivery.
    pub(super) fn iter<'a>(
        &'a self,
        attempts: &'a [Delivery],
    ) -> impl Iterator<Item = (&'a Command, usize)> {
        self.distinct.iter().filter_map(move |entry| {
            attempts
                .get(entry.first)
                .map(|delivery| (&delivery.envelope.command, entry.deliveries))
        })
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
        let mut attempts = vec![delivery(0, first.clone())];
        let mut counts = DeliveredCounts::default();
        // Pretend `first` hashes like `second`: a slot under `second`'s
        // hash points at `first`.
        counts.index.insert(fast_hash(&second), 0);
        counts.distinct.push(Distinct {
            first: 0,
            deliveries: 1,
        });

        // As the bus does: observe, then record the attempt.
        assert_eq!(counts.observe(&second, 1, &attempts, true), 0);
        attempts.push(delivery(1, second.clone()));
        assert_eq!(counts.observe(&second, 2, &attempts, true), 1);
        attempts.push(delivery(2, second.clone()));
        assert_eq!(counts.count(&second, &attempts), 2);
        let listed: Vec<(&Command, usize)> = counts.iter(&attempts).collect();
        assert!(listed.contains(&(&first, 1)) && listed.contains(&(&second, 2)));
    }
}
