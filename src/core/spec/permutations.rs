//! The orders in which a specification's givens are tried.
//!
//! Up to a cap, every permutation, in lexicographic order of the givens'
//! indexes (the first is the order the givens were written in). Beyond the
//! cap, a sample drawn with a seeded Fisher-Yates shuffle, so the same
//! specification always tries the same orders.

use crate::core::workload::XorShift32;

/// `n!`, if it fits in 128 bits.
pub fn factorial(n: usize) -> Option<u128> {
    (1..=n).try_fold(1u128, |product, k| product.checked_mul(k as u128))
}

/// Rearranges `order` into the next permutation in lexicographic order;
/// false (and `order` unchanged) if it was the last one.
pub fn next_permutation(order: &mut [usize]) -> bool {
    // Indexing below is safe: `pivot` comes from a window of two, so both
    // `pivot` and `pivot + 1` are indexes of `order`, and `successor` was
    // found in `order`.
    let Some(pivot) = order.windows(2).rposition(|pair| pair[0] < pair[1]) else {
        return false;
    };
    let Some(successor) = order.iter().rposition(|value| *value > order[pivot]) else {
        return false; // Unreachable: `order[pivot + 1]` is larger.
    };
    order.swap(pivot, successor);
    order[pivot + 1..].reverse();
    true
}

/// Every permutation of `0..n`, the identity first.
pub fn all_permutations(n: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut all = vec![order.clone()];
    while next_permutation(&mut order) {
        all.push(order.clone());
    }
    all
}

/// `count` permutations of `0..n`: the identity, then seeded shuffles.
pub fn sampled_permutations(n: usize, count: usize, seed: u32) -> Vec<Vec<usize>> {
    let identity: Vec<usize> = (0..n).collect();
    let mut random = XorShift32::seeded(seed.max(1));
    let mut sample = Vec::with_capacity(count);
    if count > 0 {
        sample.push(identity.clone());
    }
    while sample.len() < count {
        let mut order = identity.clone();
        random.shuffle(&mut order);
        sample.push(order);
    }
    sample
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_items_have_six_orders_in_lexicographic_order() {
        assert_eq!(
            all_permutations(3),
            [
                [0, 1, 2],
                [0, 2, 1],
                [1, 0, 2],
                [1, 2, 0],
                [2, 0, 1],
                [2, 1, 0]
            ]
        );
    }

    #[test]
    fn factorials_are_exact_until_they_overflow() {
        assert_eq!(factorial(0), Some(1));
        assert_eq!(factorial(8), Some(40_320));
        assert_eq!(factorial(34).map(|f| f > 0), Some(true));
        assert_eq!(factorial(35), None);
    }

    #[test]
    fn a_sample_starts_with_the_written_order_and_is_reproducible() {
        let first = sampled_permutations(10, 5, 7);
        assert_eq!(first.len(), 5);
        assert_eq!(first[0], (0..10).collect::<Vec<_>>());
        assert_eq!(first, sampled_permutations(10, 5, 7));
        for order in &first {
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        }
    }
}
