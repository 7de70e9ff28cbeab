//! The first pass: the Sales and Catering logs read once, merged in
//! handling order, each event read as a fact and dealt as a [`Record`]
//! into its order's partition.

use super::ReplaySummary;
use super::facts::{FactReader, Reading};
use super::keys::{LongIds, OrderKey};
use super::menus::MenuTable;
use super::merge::in_handling_order;
use super::partitions::{Partitions, Record};
use crate::core::domain::{CATERING, SALES};
use crate::core::store::{EventStore, Position, StoreError};

/// What the first pass produced.
pub(super) struct Read {
    pub(super) partitions: Partitions,
    /// The ids behind the records' order keys and menus.
    pub(super) long_ids: LongIds,
    pub(super) menus: MenuTable,
    /// Events read and unreadable facts (the order counts come later).
    pub(super) summary: ReplaySummary,
}

/// Reads both logs from the start.
pub(super) fn read_logs(store: &EventStore) -> Result<Read, StoreError> {
    let sales = store.read_log_forward(SALES, Position::START, usize::MAX)?;
    let catering = store.read_log_forward(CATERING, Position::START, usize::MAX)?;
    let mut read = Read {
        partitions: Partitions::for_events(sales.len().saturating_add(catering.len())),
        long_ids: LongIds::default(),
        menus: MenuTable::default(),
        summary: ReplaySummary::default(),
    };
    let mut reader = FactReader::default();
    in_handling_order(sales, catering, |event, source| {
        read.summary.events += 1;
        match reader.read(event, source) {
            Reading::Other => {}
            Reading::Unreadable => read.summary.unreadable += 1,
            Reading::Usual {
                kind,
                text,
                order,
                menu,
            } => {
                let menu_key = OrderKey::packed_within(text, menu.clone());
                let record = Record {
                    order: read.long_ids.key_within(text, order)?,
                    event: event.id,
                    menu: read
                        .menus
                        .menu_keyed(text.get(menu).unwrap_or_default(), menu_key)?,
                    kind,
                };
                read.partitions.push(record);
            }
            Reading::Fact { kind, order, menu } => {
                let record = Record {
                    order: read.long_ids.key(&order)?,
                    event: event.id,
                    menu: read.menus.menu(&menu)?,
                    kind,
                };
                read.partitions.push(record);
            }
        }
        Ok(())
    })?;
    Ok(read)
}
