//! How many times each distinct command was delivered, without keeping a
//! copy of every command.
//!
//! Each distinct delivered command has an entry (the attempt of its first
//! delivery and its count), in order of first delivery, found by the
//! command in a map.

use super::bus::Delivery;
use crate::core::domain::Command;
use crate::core::store::FastHashMap;

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
    /// The place in `distinct` of each command.
    index: FastHashMap<Command, usize>,
}

impl DeliveredCounts {
    /// How many times `command` was delivered before; counts one more
    /// delivery at `attempt` if `delivered`.
    pub(super) fn observe(&mut self, command: &Command, attempt: usize, delivered: bool) -> usize {
        match self.index.get(command).copied() {
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
                    self.index.insert(command.clone(), self.distinct.len());
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
    pub(super) fn count(&self, command: &Command) -> usize {
        self.index
            .get(command)
            .and_then(|place| self.distinct.get(*place))
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
            counts.observe(command, attempt, true);
            attempts.push(delivery(attempt, command.clone()));
        }
        assert_eq!(counts.count(&first), 1);
        assert_eq!(counts.count(&second), 2);
        let listed: Vec<(&Command, usize)> = counts.iter(&attempts).collect();
        assert_eq!(listed, vec![(&first, 1), (&second, 2)]);
    }
}
