//! Deterministic identities and time.
//!
//! The core never asks the operating system for randomness or for the clock:
//! event ids come from an [`IdGenerator`] seeded by the caller, and times from
//! a [`LogicalClock`] that advances by a fixed step. The same seed therefore
//! gives the same ids on every machine and in every browser, which keeps
//! workshops, tests and benchmarks reproducible.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The unique id of an event (or of a command that caused one).
///
/// Serialized as the usual hyphenated uuid text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub Uuid);

impl EventId {
    /// Builds an id from its 128-bit value (handy in tests and examples).
    pub const fn from_u128(value: u128) -> Self {
        EventId(Uuid::from_u128(value))
    }

    /// The 128-bit value of this id.
    pub const fn as_u128(self) -> u128 {
        self.0.as_u128()
    }
}

/// Hashes the id as one 64-bit word: both halves folded together.
///
/// Ids from [`IdGenerator`] are random already, so this is enough for the
/// store's cheap hasher; equal ids still hash equally, as `Eq` requires.
impl Hash for EventId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (high, low) = self.0.as_u64_pair();
        state.write_u64(high ^ low);
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0.hyphenated(), f)
    }
}

impl FromStr for EventId {
    type Err = uuid::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(text).map(EventId)
    }
}

/// A point in time, in milliseconds, as read from the caller's clock.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Timestamp(pub u64);

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ms", self.0)
    }
}

/// Produces event ids from a seeded splitmix64 stream.
///
/// Each id takes two 64-bit draws and is laid out as a version 4 uuid (the
/// version and variant bits are set), so it looks like any random uuid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdGenerator {
    state: u64,
}

impl IdGenerator {
    /// A generator whose sequence depends only on `seed`.
    pub const fn seeded(seed: u64) -> Self {
        IdGenerator { state: seed }
    }

    /// The internal state, to save and later resume the same sequence with
    /// [`IdGenerator::seeded`] (the state is a valid seed).
    pub const fn state(&self) -> u64 {
        self.state
    }

    /// The next id of the sequence.
    pub fn next_id(&mut self) -> EventId {
        let high = self.next_word();
        let low = self.next_word();
        let mut bytes = ((u128::from(high) << 64) | u128::from(low)).to_be_bytes();
        // Byte 6 holds the version nibble, byte 8 the variant bits (RFC 9562).
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        EventId(Uuid::from_bytes(bytes))
    }

    /// One step of splitmix64.
    fn next_word(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// A clock that starts at a given time and moves by a fixed step per tick.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogicalClock {
    now: Timestamp,
    step_ms: u64,
}

impl LogicalClock {
    /// A clock showing `start`, advancing `step_ms` milliseconds per tick.
    pub const fn new(start: Timestamp, step_ms: u64) -> Self {
        LogicalClock {
            now: start,
            step_ms,
        }
    }

    /// The time shown now, without advancing.
    pub const fn now(&self) -> Timestamp {
        self.now
    }

    /// Returns the time shown now, then advances by one step.
    ///
    /// The clock stops at `u64::MAX` milliseconds instead of wrapping.
    pub fn tick(&mut self) -> Timestamp {
        let shown = self.now;
        self.now = Timestamp(shown.0.saturating_add(self.step_ms));
        shown
    }
}

/// The seeded 32-bit xorshift generator (shifts 13, 17, 5) that shuffles:
/// a session's random orders, a specification's permutations, and the
/// benchmark's 2N confirmations (DOMAIN.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XorShift32 {
    state: u32,
}

impl XorShift32 {
    /// A generator whose first value is derived from `seed` (xorshift stays
    /// at 0 forever from 0, so callers pass a seed of at least 1).
    pub fn seeded(seed: u32) -> Self {
        XorShift32 { state: seed }
    }

    /// Steps the generator and returns its new value.
    pub fn next_value(&mut self) -> u32 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.state = x;
        x
    }

    /// Fisher–Yates as DOMAIN.md defines it: from the last index `i` down
    /// to 1, swap `i` with `j = x % (i + 1)`, `x` the next value.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let x = u64::from(self.next_value());
            // `x % (i + 1)` is at most `i`, an index of `items`.
            let j = (x % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

impl Timestamp {
    /// The time of day this timestamp shows on a UTC clock, as a workshop
    /// reads it: `09:00:03`, with milliseconds only when there are some
    /// (`09:00:03.250`). The session clock starts at 09:00:00.
    pub fn time_of_day(self) -> String {
        let ms = self.0 % 1_000;
        let seconds = self.0 / 1_000;
        let (h, m, s) = (seconds / 3_600 % 24, seconds / 60 % 60, seconds % 60);
        if ms == 0 {
            format!("{h:02}:{m:02}:{s:02}")
        } else {
            format!("{h:02}:{m:02}:{s:02}.{ms:03}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_ids() {
        let mut first = IdGenerator::seeded(7);
        let mut second = IdGenerator::seeded(7);
        for _ in 0..100 {
            assert_eq!(first.next_id(), second.next_id());
        }
    }

    #[test]
    fn different_seeds_give_different_ids() {
        assert_ne!(
            IdGenerator::seeded(1).next_id(),
            IdGenerator::seeded(2).next_id()
        );
    }

    #[test]
    fn ids_are_laid_out_as_version_4_uuids() {
        let mut ids = IdGenerator::seeded(42);
        for _ in 0..100 {
            let id = ids.next_id();
            assert_eq!(id.0.get_version_num(), 4);
            assert_eq!(id.0.get_variant(), uuid::Variant::RFC4122);
        }
    }

    #[test]
    fn a_generator_resumes_from_its_saved_state() {
        let mut ids = IdGenerator::seeded(3);
        ids.next_id();
        let mut resumed = IdGenerator::seeded(ids.state());
        assert_eq!(ids.next_id(), resumed.next_id());
    }

    #[test]
    fn an_id_prints_and_parses_as_a_hyphenated_uuid() {
        let id = IdGenerator::seeded(9).next_id();
        let text = id.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(text.parse::<EventId>().ok(), Some(id));
    }

    #[test]
    fn the_clock_starts_at_its_start_and_moves_by_its_step() {
        let mut clock = LogicalClock::new(Timestamp(1_000), 250);
        assert_eq!(clock.tick(), Timestamp(1_000));
        assert_eq!(clock.tick(), Timestamp(1_250));
        assert_eq!(clock.now(), Timestamp(1_500));
    }

    #[test]
    fn the_clock_stops_at_the_largest_time_instead_of_wrapping() {
        let mut clock = LogicalClock::new(Timestamp(u64::MAX - 1), 10);
        clock.tick();
        assert_eq!(clock.tick(), Timestamp(u64::MAX));
    }

    #[test]
    fn xorshift32_seeded_with_42_gives_the_known_first_values() {
        let mut random = XorShift32::seeded(42);
        let values: Vec<u32> = (0..3).map(|_| random.next_value()).collect();
        assert_eq!(values, [11_355_432, 2_836_018_348, 476_557_059]);
    }

    #[test]
    fn the_shuffle_swaps_as_computed_by_hand() {
        // Seed 42: i = 3, x = 11355432, j = x % 4 = 0 -> [d, b, c, a];
        // i = 2, x = 2836018348, j = x % 3 = 1 -> [d, c, b, a];
        // i = 1, x = 476557059, j = x % 2 = 1: no change.
        let mut items = ['a', 'b', 'c', 'd'];
        XorShift32::seeded(42).shuffle(&mut items);
        assert_eq!(items, ['d', 'c', 'b', 'a']);
    }

    #[test]
    fn a_timestamp_shows_as_its_utc_time_of_day() {
        // 2024-01-01T09:00:00Z, where a session's clock starts.
        assert_eq!(Timestamp(1_704_099_600_000).time_of_day(), "09:00:00");
        assert_eq!(Timestamp(1_704_099_603_000).time_of_day(), "09:00:03");
        assert_eq!(Timestamp(1_704_099_603_250).time_of_day(), "09:00:03.250");
        assert_eq!(Timestamp(0).time_of_day(), "00:00:00");
        assert_eq!(Timestamp(86_399_999).time_of_day(), "23:59:59.999");
        assert_eq!(Timestamp(86_400_000).time_of_day(), "00:00:00");
    }
}
