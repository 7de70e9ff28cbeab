//! Time travel over positions: "as of the first k events" of the session,
//! turned into one position per context.
//!
//! Every event of a session gets its own tick of the logical clock, so the
//! events of all contexts have one order by recorded time, the same order
//! the process manager handles them in. The first `k` events of that order
//! end at one position in each context; the process state as of those
//! positions is [`crate::core::process::time_travel::state_as_of`].
use super::Session;
use crate::core::process::Cursors;
use crate::core::store::{Position, RecordedEvent};

impl Session {
    /// How many events the session holds (the time-travel range is `0..=n`).
    pub fn events_in_time(&self) -> usize {
        self.store.event_count()
    }

    /// The position of each context once the first `k` events (by recorded
    /// time) have happened; `k` past the end means now.
    pub fn positions_after(&self, k: usize) -> Cursors {
        let logs: Vec<(String, &[RecordedEvent])> = self
            .store
            .contexts()
            .into_iter()
            .filter_map(|c| {
                let log = self
                    .store
                    .read_log_forward(&c.name, Position::START, usize::MAX)
                    .ok()?;
                Some((c.name, log))
            })
            .collect();
        let happened_by = |t: u64| -> usize {
            logs.iter()
                .map(|(_, log)| log.partition_point(|e| e.metadata.recorded_at.0 <= t))
                .sum()
        };
        // The earliest time by which at least k events had happened.
        let (mut low, mut high) = (0u64, u64::MAX);
        while low < high {
            let middle = low + (high - low) / 2;
            if happened_by(middle) >= k {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        logs.into_iter()
            .map(|(name, log)| {
                let count = log.partition_point(|e| e.metadata.recorded_at.0 <= low);
                let position = count
                    .checked_sub(1)
                    .and_then(|last| log.get(last))
                    .map_or(Position::START, |e| e.position);
                (name, position)
            })
            .collect()
    }
}
