//! The command bus: where process managers send commands, and the record of
//! every delivery attempt.
//!
//! The bus stands for the receiver. It remembers the ids of the commands it
//! accepted and drops a command whose id it has seen (the receiver's side of
//! deterministic ids). It also flags, for teaching, every attempt whose
//! command equals one delivered before: that is the business duplicate
//! ("the order was confirmed twice"), whatever the ids say.
//!
//! It keeps its own tally as it goes ([`CommandBus::tally`]): how many
//! distinct commands the receiver got once, which it got more often, and
//! how many attempts it dropped, so nobody has to count the record again.

use serde::Serialize;

use super::command_id::CommandId;
use super::delivered::DeliveredCounts;
use crate::core::domain::Command;
use crate::core::ids::EventId;
use crate::core::store::FastHashSet;

/// A command with its ids.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommandEnvelope {
    pub command: Command,
    pub command_id: CommandId,
    /// The event whose handling sent the command.
    pub causation_id: EventId,
    /// The conversation: the causing event's correlation id, or its own id.
    pub correlation_id: EventId,
}

/// What the bus did with an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum DeliveryOutcome {
    /// Handed to the receiver.
    Delivered,
    /// Not handed over: a command with the same id was delivered before.
    DroppedDuplicateId,
}

/// One delivery attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Delivery {
    /// Place among all attempts, from 0.
    pub attempt: usize,
    pub envelope: CommandEnvelope,
    pub outcome: DeliveryOutcome,
    /// An equal command had been delivered before this attempt.
    pub is_duplicate: bool,
}

impl Delivery {
    /// Whether the receiver got the command.
    pub fn was_delivered(&self) -> bool {
        self.outcome == DeliveryOutcome::Delivered
    }
}

/// The command bus and its record.
#[derive(Clone, Default)]
pub struct CommandBus {
    attempts: Vec<Delivery>,
    /// The receiver's memory of delivered command ids.
    seen_ids: FastHashSet<CommandId>,
    delivered: DeliveredCounts,
    /// Distinct commands delivered exactly once.
    delivered_once: usize,
    /// For each distinct command delivered more than once, the attempt of
    /// its second delivery, in the order they became repeats.
    repeated: Vec<usize>,
    /// Attempts dropped because their id had been seen.
    dropped: usize,
}

/// The bus's own tally of what the receiver got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeliveryTally<'a> {
    /// Distinct commands delivered exactly once.
    pub once: usize,
    /// Each distinct command delivered more than once, with how many times,
    /// in the order they were first repeated.
    pub more: Vec<(&'a Command, usize)>,
    /// Attempts the receiver dropped (an id it had seen).
    pub dropped: usize,
}

/// Shown by what it holds, the ids seen sorted (see `PlaceIndex`'s Debug).
impl std::fmt::Debug for CommandBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut seen_ids: Vec<&CommandId> = self.seen_ids.iter().collect();
        seen_ids.sort_unstable();
        f.debug_struct("CommandBus")
            .field("attempts", &self.attempts)
            .field("seen_ids", &seen_ids)
            .field("delivered", &self.delivered)
            .field("delivered_once", &self.delivered_once)
            .field("repeated", &self.repeated)
            .field("dropped", &self.dropped)
            .finish()
    }
}

impl CommandBus {
    /// An empty bus.
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes room for `more` commands, so that recording them never
    /// pauses to grow the record.
    pub fn reserve(&mut self, more: usize) {
        self.attempts.reserve(more);
        self.seen_ids.reserve(more);
        self.delivered.reserve(more, &self.attempts);
    }

    /// Sends a command: delivered unless its id was delivered before. The
    /// attempt is recorded either way.
    pub fn send(&mut self, envelope: CommandEnvelope) -> &Delivery {
        let attempt = self.attempts.len();
        let new_id = self.seen_ids.insert(envelope.command_id);
        let delivered_before =
            self.delivered
                .observe(&envelope.command, attempt, &self.attempts, new_id);
        let outcome = if new_id {
            match delivered_before {
                0 => self.delivered_once += 1,
                1 => {
                    self.delivered_once = self.delivered_once.saturating_sub(1);
                    self.repeated.push(attempt);
                }
                _ => {}
            }
            DeliveryOutcome::Delivered
        } else {
            self.dropped += 1;
            DeliveryOutcome::DroppedDuplicateId
        };
        self.attempts.push(Delivery {
            attempt,
            envelope,
            outcome,
            is_duplicate: delivered_before > 0,
        });
        // Proven safe: the attempt was pushed on the line above.
        &self.attempts[attempt]
    }

    /// Every attempt, in order.
    pub fn attempts(&self) -> &[Delivery] {
        &self.attempts
    }

    /// The attempts from `attempt` on (empty past the end).
    pub fn attempts_since(&self, attempt: usize) -> &[Delivery] {
        self.attempts.get(attempt..).unwrap_or_default()
    }

    /// The attempts that were delivered, in order.
    pub fn delivered(&self) -> impl Iterator<Item = &Delivery> {
        self.attempts
            .iter()
            .filter(|delivery| delivery.was_delivered())
    }

    /// How many times a command equal to `command` was delivered.
    pub fn delivered_count(&self, command: &Command) -> usize {
        self.delivered.count(command, &self.attempts)
    }

    /// How many `ConfirmOrder` commands for `order_id` were delivered (any
    /// menu).
    pub fn confirm_orders_delivered(&self, order_id: &str) -> usize {
        self.delivered_counts()
            .filter(|(command, _)| {
                matches!(command, Command::ConfirmOrder { order_id: id, .. } if id == order_id)
            })
            .map(|(_, count)| count)
            .sum()
    }

    /// Each distinct delivered command with how many times it was delivered
    /// (in no particular order).
    pub fn delivered_counts(&self) -> impl Iterator<Item = (&Command, usize)> {
        self.delivered.iter(&self.attempts)
    }

    /// Delivered attempts that repeated a command delivered before.
    pub fn duplicates_delivered(&self) -> usize {
        self.delivered()
            .filter(|delivery| delivery.is_duplicate)
            .count()
    }

    /// Attempts dropped because their id had been seen.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// What the receiver got, counted as the attempts came: distinct
    /// commands delivered once, those delivered more often (with how many
    /// times) and the attempts dropped. Costs only the repeated commands.
    pub fn tally(&self) -> DeliveryTally<'_> {
        let more = self
            .repeated
            .iter()
            .filter_map(|attempt| self.attempts.get(*attempt))
            .map(|delivery| {
                let command = &delivery.envelope.command;
                (command, self.delivered_count(command))
            })
            .collect();
        DeliveryTally {
            once: self.delivered_once,
            more,
            dropped: self.dropped,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::domain::{MenuId, OrderId};

    fn envelope(id: u128, order: &str) -> CommandEnvelope {
        CommandEnvelope {
            command: Command::ConfirmOrder {
                order_id: OrderId::parse(order).unwrap(),
                menu_id: MenuId::parse("vegan").unwrap(),
            },
            command_id: CommandId(uuid::Uuid::from_u128(id)),
            causation_id: EventId::from_u128(100 + id),
            correlation_id: EventId::from_u128(200 + id),
        }
    }

    #[test]
    fn a_command_with_a_new_id_is_delivered_even_if_it_repeats_an_earlier_one() {
        let mut bus = CommandBus::new();
        bus.send(envelope(1, "42"));
        let second = bus.send(envelope(2, "42")).clone();
        assert!(second.was_delivered());
        assert!(second.is_duplicate);
        assert_eq!(bus.confirm_orders_delivered("42"), 2);
        assert_eq!(bus.duplicates_delivered(), 1);
    }

    #[test]
    fn a_command_with_a_seen_id_is_recorded_but_not_delivered() {
        let mut bus = CommandBus::new();
        bus.send(envelope(1, "42"));
        let again = bus.send(envelope(1, "42")).clone();
        assert_eq!(again.outcome, DeliveryOutcome::DroppedDuplicateId);
        assert_eq!(bus.attempts().len(), 2);
        assert_eq!(bus.confirm_orders_delivered("42"), 1);
        assert_eq!(bus.dropped(), 1);
    }

    #[test]
    fn counts_follow_each_distinct_command() {
        let mut bus = CommandBus::new();
        bus.send(envelope(1, "42"));
        bus.send(envelope(1, "42"));
        bus.send(envelope(2, "42"));
        bus.send(envelope(3, "43"));
        let mut counts: Vec<(String, usize)> = bus
            .delivered_counts()
            .map(|(command, count)| (command.target().to_owned(), count))
            .collect();
        counts.sort();
        assert_eq!(counts, [("42".to_owned(), 2), ("43".to_owned(), 1)]);
        assert_eq!(bus.delivered_count(&envelope(9, "42").command), 2);
        assert_eq!(bus.delivered_count(&envelope(9, "44").command), 0);
    }

    #[test]
    fn commands_for_other_orders_are_not_duplicates() {
        let mut bus = CommandBus::new();
        bus.send(envelope(1, "42"));
        assert!(!bus.send(envelope(2, "43")).is_duplicate);
        assert_eq!(bus.attempts_since(1).len(), 1);
    }

    #[test]
    fn the_tally_counts_commands_delivered_once_repeated_and_dropped_as_they_come() {
        // Given order 42 confirmed three times (once dropped by its id),
        // order 43 once and order 44 twice
        let mut bus = CommandBus::new();
        bus.send(envelope(1, "42"));
        bus.send(envelope(2, "43"));
        bus.send(envelope(3, "42"));
        bus.send(envelope(3, "42"));
        bus.send(envelope(4, "44"));
        bus.send(envelope(5, "42"));
        bus.send(envelope(6, "44"));

        // When the bus is asked for its tally
        let tally = bus.tally();

        // Then 43 was delivered once, 42 three times and 44 twice (in the
        // order they were first repeated), and one attempt was dropped
        assert_eq!(tally.once, 1);
        let more: Vec<(&str, usize)> = tally
            .more
            .iter()
            .map(|(command, count)| (command.target(), *count))
            .collect();
        assert_eq!(more, [("42", 3), ("44", 2)]);
        assert_eq!(tally.dropped, 1);
        assert_eq!(bus.dropped(), 1);
    }

    #[test]
    fn an_empty_bus_tallies_nothing() {
        let bus = CommandBus::new();
        let tally = bus.tally();
        assert_eq!((tally.once, tally.more.len(), tally.dropped), (0, 0, 0));
    }
}
