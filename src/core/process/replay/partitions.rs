//! The first pass's output: one small record per fact, dealt into
//! partitions by a hash of the order key, so that all the facts of an order
//! land in the same partition, in handling order.
//!
//! The second pass then folds one partition at a time: a few hundred
//! orders whose table and states stay in the processor's cache, instead of
//! a random visit to a table of every order for each event.

use std::hash::{BuildHasher, BuildHasherDefault};

use super::keys::OrderKey;
use super::menus::MenuRef;
use crate::core::ids::EventId;
use crate::core::process::match_state::MenuFactKind;
use crate::core::store::FastHasher;

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
    /// Partition count minus one (a power of two minus one).
    mask: u64,
}

impl Partitions {
    /// Partitions sized for up to `events` records.
    pub(super) fn for_events(events: usize) -> Self {
        let count = (events / RECORDS_PER_PARTITION)
            .next_power_of_two()
            .clamp(1, MAX_PARTITIONS);
        // A hash spreads keys evenly; a quarter more room spares most
        // partitions a reallocation, and pages never written cost nothing.
        let room = events / count + events / count / 4 + 16;
        Partitions {
            parts: (0..count).map(|_| Vec::with_capacity(room)).collect(),
            mask: count as u64 - 1,
        }
    }

    /// Adds a record to its order's partition.
    #[inline]
    pub(super) fn push(&mut self, record: Record) {
        let hash = BuildHasherDefault::<FastHasher>::default().hash_one(record.order);
        // Bits 32 and up: the low bits pick buckets in the second pass's
        // table and the top seven are its tags, so keys of one partition
        // still differ there. The index is masked below the count.
        let index = ((hash >> 32) & self.mask) as usize;
        if let Some(part) = self.parts.get_mut(index) {
            part.push(record);
        }
    }

    /// The partitions, each in handling order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[Record]> {
        self.parts.iter().map(Vec::as_slice)
    }
}
