//! Random orders for a session: both confirmations of each new order, in an
//! ordering shuffled with the core's seeded generator ([`XorShift32`],
//! the one of the benchmark workload).
use crate::core::domain::Fact;
use crate::core::domain::typed_ids::IdError;
use crate::core::ids::XorShift32;

/// The session's shuffle generator for a 64-bit session seed (xorshift
/// cannot start from 0, so 0 becomes 1).
pub fn session_shuffler(seed: u64) -> XorShift32 {
    let folded = (seed ^ (seed >> 32)) as u32;
    XorShift32::seeded(folded.max(1))
}

/// Both confirmations of orders `first..first + count` (ids `R<n>`, menu 1),
/// shuffled with `random`.
pub fn random_orders(
    first: u64,
    count: u32,
    random: &mut XorShift32,
) -> Result<Vec<Fact>, IdError> {
    let mut facts = Vec::with_capacity(count as usize * 2);
    for n in first..first + u64::from(count) {
        let order = format!("R{n}");
        facts.push(Fact::customer_confirmed(&order, "1")?);
        facts.push(Fact::caterer_confirmed(&order, "1")?);
    }
    random.shuffle(&mut facts);
    Ok(facts)
}
