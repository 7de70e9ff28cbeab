//! The lean replay of the catering match: every order's state rebuilt from
//! the Sales and Catering logs, read once from the start.
//!
//! Built for speed, with the same rules as the runner
//! ([`MatchState::apply`](super::match_state::MatchState::apply)):
//!
//! - one pass over the two logs, merged in handling order;
//! - the two id fields read in place from each event's JSON text;
//! - order ids numbered in order of first sight (`ids.rs`), short ones
//!   packed into 16 bytes so a lookup follows no pointer, and the states
//!   kept in a dense `Vec` by that number (`fold.rs`);
//! - menus numbered too (`menus.rs`), so a state holds a 4-byte
//!   [`MenuRef`] per menu instead of its id.
//!
//! [`ReplayedOrders`] (`orders.rs`) finds a state by order id and a menu's
//! id by its [`MenuRef`].

mod fold;
mod ids;
mod menus;
mod orders;

pub use menus::MenuRef;
pub use orders::ReplayedOrders;

use super::order::HandlingOrder;
use crate::core::domain::{CATERING, SALES};
use crate::core::store::{EventStore, Position, StoreError};
use fold::Fold;

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
    fold_logs(store)
}

/// Counts only: the same replay, without keeping the states.
pub fn replay_summary(store: &EventStore) -> Result<ReplaySummary, StoreError> {
    fold_logs(store).map(|(_, summary)| summary)
}

/// The replay: one pass over the logs in handling order.
fn fold_logs(store: &EventStore) -> Result<(ReplayedOrders, ReplaySummary), StoreError> {
    let sales = store.read_log_forward(SALES, Position::START, usize::MAX)?;
    let catering = store.read_log_forward(CATERING, Position::START, usize::MAX)?;
    let mut fold = Fold::with_capacity(
        sales.len().max(catering.len()),
        sales.len().saturating_add(catering.len()),
    );
    for event in HandlingOrder::new([sales.iter(), catering.iter()]) {
        fold.handle(event)?;
    }
    Ok(fold.finish())
}
