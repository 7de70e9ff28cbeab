//! How many times each distinct command was delivered, without keeping a
//! copy of every command.
//!
//! Each distinct delivered command has an entry (the attempt of its first
//! delivery and its count), in order of first delivery, found through a
//! table of places by the command's hash; a place is confirmed by comparing
//! with that first delivery in the bus record.

use super::bus::Delivery;
use crate::core::domain::Command;
use hashbrown::HashTable;

use crate::core::store::fast_hash;

/// One distinct delivered command.
#[derive(Clone, Copy, Debug)]
struct Distinct {
    /// Attempt index of its first delivery.
    first: usize,
    deliveries: usize,
}

/// Delivery counts per distinct command.
#[derive(Clone, Default)]
pub(super) struct DeliveredCounts {
    distinct: Vec<Distinct>,
    /// Places in `distinct`, by the hash of the command.
    index: HashTable<usize>,
}

fn is_at(attempts: &[Delivery], index: usize, command: &Command) -> bool {
    attempts
        .get(index)
        .is_some_and(|delivery| delivery.envelope.command == *command)
}

/// Shown by what it holds, the index sorted (see `PlaceIndex`'s Debug).
impl std::fmt::Debug for DeliveredCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut index: Vec<&usize> = self.index.iter().collect();
        index.sort_unstable();
        f.debug_struct("DeliveredCounts")
            .field("distinct", &self.distinct)
            .field("index", &index)
            .finish()
    }
}

/// The hash of the command counted at `place` of `distinct`.
fn hash_at(distinct: &[Distinct], attempts: &[Delivery], place: usize) -> u64 {
    let first = distinct
        .get(place)
        .and_then(|entry| attempts.get(entry.first));
    first.map_or(0, |delivery| fast_hash(&delivery.envelope.command))
}

impl DeliveredCounts {
    /// Makes room for `more` distinct commands.
    pub(super) fn reserve(&mut self, more: usize, attempts: &[Delivery]) {
        self.distinct.reserve(more);
        let distinct = &self.distinct;
        let rehash = |place: &usize| hash_at(distinct, attempts, *place);
        self.index.reserve(more, rehash);
    }

    /// The place of `command` in `distinct`.
    fn find(&self, hash: u64, command: &Command, attempts: &[Delivery]) -> Option<usize> {
        let distinct = &self.distinct;
        let is_command = |place: &usize| {
            distinct
                .get(*place)
                .is_some_and(|entry| is_at(attempts, entry.first, command))
        };
        self.index.find(hash, is_command).copied()
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
                if delivered {
                    let distinct = &self.distinct;
                    let rehash = |place: &usize| hash_at(distinct, attempts, *place);
                    self.index.insert_unique(hash, distinct.len(), rehash);
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
    fn each_distinct_command_is_counted_apart_in_order_of_first_delivery() {
        let (first, second) = (confirm("1"), confirm("2"));
        let mut attempts = Vec::new();
        let mut counts = DeliveredCounts::default();
        // As the bus does: observe, then record the attempt.
        for (attempt, command) in [&first, &second, &second].into_iter().enumerate() {
            counts.observe(command, attempt, &attempts, true);
            attempts.push(delivery(attempt, command.clone()));
        }
        assert_eq!(counts.count(&first, &attempts), 1);
        assert_eq!(counts.count(&second, &attempts), 2);
        let listed: Vec<(&Command, usize)> = counts.iter(&attempts).collect();
        assert_eq!(listed, vec![(&first, 1), (&second, 2)]);
    }

    #[test]
    fn a_command_whose_hash_leads_to_another_is_counted_apart() {
        let (first, second) = (confirm("1"), confirm("2"));
        let mut attempts = vec![delivery(0, first.clone())];
        let mut counts = DeliveredCounts::default();
        // Pretend `first` hashes like `second`: a place under `second`'s
        // hash points at `first`.
        counts.index.insert_unique(fast_hash(&second), 0, |_| 0);
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
