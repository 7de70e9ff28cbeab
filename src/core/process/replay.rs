//! The lean replay of the catering match: every order's state rebuilt from
//! the Sales and Catering logs, read once from the start.
//!
//! Built for speed: one pass over each log (merged in handling order), the
//! JSON data read in place (no copy), and a hash map from the order id, as
//! borrowed from the store, to a [`MatchState`] over borrowed menu ids. The
//! rules are the same code as the runner's ([`MatchState::apply`]).

use super::catering_match::MenuFact;
use super::match_state::{MatchState, MatchStatus};
use super::order::HandlingOrder;
use crate::core::domain::{CATERING, SALES, names::canonical_id};
use crate::core::store::{EventStore, FastHashMap, Position, ShortKey, StoreError};
use serde_json::Value;
use std::hash::Hash;

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

/// Every order's state, keyed by order id, borrowed from the store.
pub type ReplayedOrders<'a> = FastHashMap<&'a str, MatchState<&'a str>>;

/// Rebuilds every order's state from the start of the logs.
pub fn replay_orders(
    store: &EventStore,
) -> Result<(ReplayedOrders<'_>, ReplaySummary), StoreError> {
    fold_logs(store, |order| order, |menu| menu)
}

/// Counts only: the same replay, without keeping the states. Its map keys
/// and menus are [`ShortKey`]s, copied into the map's slots, so a lookup
/// compares in place instead of reading the ids back from the events.
pub fn replay_summary(store: &EventStore) -> Result<ReplaySummary, StoreError> {
    fold_logs(store, ShortKey::new, ShortKey::new).map(|(_, summary)| summary)
}

/// The replay, with order ids kept as `key` makes them and menu ids as
/// `menu` makes them.
fn fold_logs<'a, K: Hash + Eq, M: Clone + PartialEq>(
    store: &'a EventStore,
    key: impl Fn(&'a str) -> K,
    menu: impl Fn(&'a str) -> M,
) -> Result<(FastHashMap<K, MatchState<M>>, ReplaySummary), StoreError> {
    let sales = store.read_log_forward(SALES, Position::START, usize::MAX)?;
    let catering = store.read_log_forward(CATERING, Position::START, usize::MAX)?;
    let mut orders = FastHashMap::default();
    orders.reserve(sales.len().max(catering.len()));
    let mut summary = ReplaySummary::default();
    for event in HandlingOrder::new([sales.iter(), catering.iter()]) {
        summary.events += 1;
        let Some(kind) = MenuFact::kind_of(&event.event_type) else {
            continue;
        };
        let (Some(order), Some(menu_id)) = (
            id_field(&event.data, "order_id"),
            id_field(&event.data, "menu_id"),
        ) else {
            summary.unreadable += 1;
            continue;
        };
        orders
            .entry(key(order))
            .or_insert_with(MatchState::default)
            .apply(kind, &menu(menu_id), event.id);
    }
    summary.orders = orders.len();
    for state in orders.values() {
        match state.status() {
            MatchStatus::Matched(_) => summary.matched += 1,
            MatchStatus::Declined => summary.declined += 1,
            MatchStatus::Pending => summary.pending += 1,
        }
    }
    Ok((orders, summary))
}

/// A string field of the data, checked and trimmed like a typed id.
fn id_field<'a>(data: &'a Value, name: &str) -> Option<&'a str> {
    canonical_id(data.get(name)?.as_str()?)
}
