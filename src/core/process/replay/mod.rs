//! The lean replay of the catering match: every order's state rebuilt from
//! the Sales and Catering logs, read once from the start, with the same
//! rules as the runner ([`MatchState::apply`]).
//!
//! Built for speed, in two passes, because a fold that looks each event's
//! order up in a table of every order waits on memory at every event:
//!
//! 1. `read_pass.rs`: one sequential pass over the two logs, merged in
//!    handling order a window of events at a time, their data touched
//!    together so that its cache misses overlap (`merge.rs`); each event's
//!    type recognised and its two id fields read in place from its JSON
//!    text and checked like typed ids (`facts.rs`), in one pass when it has
//!    the usual shape of a typed event (`usual.rs`); each fact dealt as a
//!    40-byte record into a partition chosen by a hash of its order id
//!    (`partitions.rs`). Order ids become 16-byte keys (`keys.rs`), menus
//!    4-byte [`MenuRef`]s (`menus.rs`).
//! 2. `group.rs`: each partition, a couple of thousand orders with every
//!    one of their facts in handling order, folded into states while its
//!    table, keys and states stay in the processor's cache.
//!
//! [`replay_summary`] counts each partition's states and drops them;
//! [`replay_orders`] keeps them all in [`ReplayedOrders`] (`orders.rs`).
//! Nothing is kept from one replay to the next.
//!
//! [`MatchState::apply`]: super::match_state::MatchState::apply

mod facts;
mod group;
mod keys;
mod menus;
mod merge;
mod orders;
mod partitions;
mod read_pass;
mod usual;

pub use menus::MenuRef;
pub use orders::ReplayedOrders;

use crate::core::store::{EventStore, StoreError};
use group::Group;
use orders::OrdersBuilder;
use read_pass::{Read, read_logs};

/// What a replay found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReplaySummary {
    /// Events read from the logs.
    pub events: usize,
    /// Orders heard of.
    pub orders: usize,
    pub matched: usize,
    pub declined: usize,
    pub pending: usize,
    /// Events of a catering type whose data could not be read.
    pub unreadable: usize,
}

/// Rebuilds every order's state from the start of the logs.
pub fn replay_orders(store: &EventStore) -> Result<(ReplayedOrders, ReplaySummary), StoreError> {
    let mut orders = OrdersBuilder::default();
    let read = replay(store, |group| orders.take(group))?;
    Ok((orders.finish(read.long_ids, read.menus), read.summary))
}

/// Counts only: the same replay, without keeping the states.
pub fn replay_summary(store: &EventStore) -> Result<ReplaySummary, StoreError> {
    replay(store, |_| {}).map(|read| read.summary)
}

/// Both passes: each folded partition is counted, then handed to `keep`.
fn replay(store: &EventStore, mut keep: impl FnMut(&mut Group)) -> Result<Read, StoreError> {
    let mut read = read_logs(store)?;
    let mut group = Group::default();
    for records in read.partitions.iter() {
        group.fold(records, read.partitions.bits());
        group.count_into(&mut read.summary);
        keep(&mut group);
    }
    Ok(read)
}
