//! The lean replay of the catering match: every order's state rebuilt from
//! the Sales and Catering logs, read once from the start.
//!
//! Built for speed: one pass over each log (merged in handling order), the
//! two id fields read in place from the event's JSON text, and a hash map
//! from the order id, kept inline as a [`ShortKey`], to a [`MatchState`]
//! over inline menu ids. The rules are the same code as the runner's
//! ([`MatchState::apply`]).

use super::catering_match::MenuFact;
use super::match_state::{MatchState, MatchStatus};
use super::order::HandlingOrder;
use crate::core::domain::{CATERING, SALES, names::canonical_id};
use crate::core::store::{EventStore, FastHashMap, Position, ShortKey, StoreError};
use std::borrow::Cow;

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

/// Every order's state, keyed by order id (ids kept inline, see
/// [`ShortKey`]).
pub type ReplayedOrders = FastHashMap<ShortKey, MatchState<ShortKey>>;

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
    let mut orders = FastHashMap::default();
    orders.reserve(sales.len().max(catering.len()));
    let mut summary = ReplaySummary::default();
    for event in HandlingOrder::new([sales.iter(), catering.iter()]) {
        summary.events += 1;
        let Some(kind) = MenuFact::kind_of(&event.event_type) else {
            continue;
        };
        let [order, menu_id] = event.data.text_fields(["order_id", "menu_id"]);
        let (Some(order), Some(menu_id)) = (id_field(&order), id_field(&menu_id)) else {
            summary.unreadable += 1;
            continue;
        };
        orders
            .entry(ShortKey::new(order))
            .or_insert_with(MatchState::default)
            .apply(kind, &ShortKey::new(menu_id), event.id);
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
fn id_field<'a>(text: &'a Option<Cow<'_, str>>) -> Option<&'a str> {
    canonical_id(text.as_deref()?)
}
