//! Random orders for a session: both confirmations of each new order, in an
//! interleaving shuffled by the session's own seeded generator.
use crate::core::domain::Fact;
use crate::core::domain::names::IdError;

/// A xorshift64* generator: small, fast, and the same on every machine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionRng(u64);

impl SessionRng {
    /// A generator from a seed (0 is replaced, xorshift cannot leave it).
    pub fn seeded(seed: u64) -> Self {
        SessionRng(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next value.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: usize) -> usize {
        let bound = bound.max(1) as u64;
        (self.next_u64() % bound) as usize
    }
}

/// Both confirmations of orders `first..first + count` (ids `R<n>`, menu 1),
/// shuffled with `rng`.
pub fn random_orders(first: u64, count: u32, rng: &mut SessionRng) -> Result<Vec<Fact>, IdError> {
    let mut facts = Vec::with_capacity(count as usize * 2);
    for n in first..first + u64::from(count) {
        let order = format!("R{n}");
        facts.push(Fact::customer_confirmed(&order, "1")?);
        facts.push(Fact::caterer_confirmed(&order, "1")?);
    }
    for i in (1..facts.len()).rev() {
        let j = rng.below(i + 1);
        facts.swap(i, j);
    }
    Ok(facts)
}
