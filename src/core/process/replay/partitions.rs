//! The first pass's output: one small record per fact, dealt into
//! partitions by a hash of the order key, so that all the facts of an order
//! land in the same partition, in handling order.
//!
//! The second pass then folds one partition at a time: a couple of
//! thousand orders whose table and states stay in the processor's cache,
//! instead of a random visit to a table of every order for each event.

use super::keys::OrderKey;
use super::menus::MenuRef;
use crate::core::ids::EventId;
use crate::core::process::match_state::MenuFactKind;

/// About how many records a partition should get.
const RECORDS_PER_PARTITION: usize = 4096;
/// At most this many partitions (a power of two).
const MAX_PARTITIONS: usize = 4096;

/// One fact, everything the fold needs of it.
#[derive(Clone, Copy)]
pub(super) struct Record {
    pub(super) order: OrderKey,
    pub(super) event: EventId,
    pub(super) menu: MenuRef,
    pub(super) kind: MenuFactKind,
}

/// Records dealt by order key; each partition in handling order.
pub(super) struct Partitions {
    parts: Vec<Vec<Record>>,
    /// The partition count is two to this power.
    bits: u32,
}

impl Partitions {
    /// Partitions sized for up to `events` records.
    pub(super) fn for_events(events: usize) -> Self {
        let count = (events / RECORDS_PER_PARTITION)
            .clamp(1, MAX_PARTITIONS)
            .next_power_of_two();
        // A hash spreads keys evenly; a quarter more room spares most
        // partitions a reallocation, and pages never written cost nothing.
        let room = events / count + events / count / 4 + 16;
        Partitions {
            parts: (0..count).map(|_| Vec::with_capacity(room)).collect(),
            bits: count.trailing_zeros(),
        }
    }

    /// How many top bits of [`OrderKey::spread`] pick the partition (the
    /// second pass hashes with the bits below them).
    pub(super) fn bits(&self) -> u32 {
        self.bits
    }

    /// Adds a record to its order's partition.
    #[inline(always)]
    pub(super) fn push(&mut self, record: Record) {
        // The top `bits` bits; none for a single partition.
        let index = record
            .order
            .spread()
            .checked_shr(64 - self.bits)
            .unwrap_or(0) as usize;
        if let Some(part) = self.parts.get_mut(index) {
            part.push(record);
        }
    }

    /// The partitions, each in handling order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[Record]> {
        self.parts.iter().map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::process::replay::keys::LongIds;

    fn record(order: OrderKey, n: u128) -> Record {
        Record {
            order,
            event: EventId::from_u128(n),
            menu: MenuRef::default(),
            kind: MenuFactKind::CustomerConfirmed,
        }
    }

    #[test]
    fn every_fact_of_an_order_lands_in_one_partition_in_the_order_dealt() {
        let mut ids = LongIds::default();
        let mut partitions = Partitions::for_events(32 * RECORDS_PER_PARTITION);
        assert_eq!(partitions.iter().count(), 32);
        let orders: Vec<OrderKey> = (0..500)
            .map(|n| ids.key(&format!("order-{n}")).unwrap())
            .collect();
        for n in 0..5_000u128 {
            partitions.push(record(orders[n as usize % orders.len()], n));
        }
        let mut seen = 0;
        for part in partitions.iter() {
            seen += part.len();
            assert!(part.windows(2).all(|pair| pair[0].event < pair[1].event));
            for order in &orders {
                let here = part.iter().filter(|r| r.order == *order).count();
                assert!(here == 0 || here == 10, "an order split across partitions");
            }
        }
        assert_eq!(seen, 5_000);
        assert!(partitions.iter().filter(|part| part.is_empty()).count() < 4);
    }
}
