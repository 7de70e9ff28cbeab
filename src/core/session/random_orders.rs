//! Random orders for a session: both confirmations of each new order, in an
//! ordering shuffled with the core's seeded generator ([`XorShift32`],
//! the one of the benchmark workload).
//!
//! Only the ordering is drawn at once (a number per event); each fact is
//! written when it is stored, so a quarter of a million orders cost no
//! pause before the first is stored.
use super::{Session, SessionError};
use crate::core::domain::typed_ids::IdError;
use crate::core::domain::{CATERING, Fact, SALES};
use crate::core::ids::XorShift32;
use crate::core::process::StrategyKind;
use crate::core::store::Room;

/// The session's shuffle generator for a 64-bit session seed (xorshift
/// cannot start from 0, so 0 becomes 1).
pub fn session_shuffler(seed: u64) -> XorShift32 {
    let folded = (seed ^ (seed >> 32)) as u32;
    XorShift32::seeded(folded.max(1))
}

/// Both confirmations of orders `first..first + count` (ids `R<n>`, menu
/// 1), shuffled.
#[derive(Debug)]
pub struct RandomOrders {
    first: u64,
    /// The events in the shuffled ordering: event `2k` is the customer's
    /// confirmation of order `first + k`, `2k + 1` the caterer's.
    ordering: Vec<u32>,
}

impl RandomOrders {
    /// Orders `first..first + count`, shuffled with `random` (the same
    /// draws, and so the same ordering, as shuffling the facts themselves).
    /// Refused, with nothing drawn, if an order's id would not be valid (the
    /// last has the longest id: if it is valid, all are).
    pub fn new(first: u64, count: u32, random: &mut XorShift32) -> Result<Self, IdError> {
        let last = first + u64::from(count.max(1) - 1);
        Fact::caterer_confirmed(&format!("R{last}"), "1")?;
        let mut ordering: Vec<u32> = (0..count.saturating_mul(2)).collect();
        random.shuffle(&mut ordering);
        Ok(RandomOrders { first, ordering })
    }

    /// How many events: two per order.
    pub fn events(&self) -> usize {
        self.ordering.len()
    }

    /// The `i`-th fact to store (`None` past the end).
    pub fn fact(&self, i: usize) -> Option<Result<Fact, IdError>> {
        let event = *self.ordering.get(i)?;
        let order = format!("R{}", self.first + u64::from(event / 2));
        Some(if event % 2 == 0 {
            Fact::customer_confirmed(&order, "1")
        } else {
            Fact::caterer_confirmed(&order, "1")
        })
    }
}

impl Session {
    /// Makes room for `orders` more random orders (an event and a stream
    /// each in Sales and in Catering, a state row or, event-sourced, each
    /// event linked into the order's own stream; a command), so that
    /// storing and handling them never pauses to grow a table: in the page,
    /// growing one holding half a million takes a tenth of a second.
    /// Changes nothing the session shows.
    pub(super) fn reserve_random_orders(&mut self, orders: u64) -> Result<(), SessionError> {
        let n = usize::try_from(orders).unwrap_or(usize::MAX);
        let links = match self.settings.strategy {
            StrategyKind::EventSourced => n,
            StrategyKind::StateRow | StrategyKind::Projection => 0,
        };
        let room = |context| Room {
            context,
            events: n,
            streams: n + links,
            links,
        };
        self.store.reserve(&[room(SALES), room(CATERING)])?;
        self.runner.reserve(n);
        Ok(())
    }
}
