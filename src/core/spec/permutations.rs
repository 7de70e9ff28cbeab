//! The orders in which a specification's givens are tried.
//!
//! A log never reorders a stream: two events of the same stream always
//! arrive in the order they were written. So the orders worth trying are
//! the *orderings* of the givens' streams that keep each stream's own
//! order: for two streams of `a` and `b` events there are C(a+b, a) of them,
//! for more streams the multinomial coefficient `n! / (a! b! c! …)`.
//!
//! Up to a cap, every ordering, in lexicographic order of the givens'
//! indexes (the first is the order the givens were written in). Beyond the
//! cap, a sample of seeded shuffles of the stream labels (each one a valid
//! ordering), the written order first, so the same specification always
//! tries the same orders.

use std::collections::HashMap;
use std::hash::Hash;

use crate::core::ids::XorShift32;
use crate::core::words::counted;

/// `n!`, if it fits in 128 bits.
pub fn factorial(n: usize) -> Option<u128> {
    (1..=n).try_fold(1u128, |product, k| product.checked_mul(k as u128))
}

/// `C(n, k)`, if it fits in 128 bits.
pub fn binomial(n: usize, k: usize) -> Option<u128> {
    if k > n {
        return Some(0);
    }
    let k = k.min(n - k);
    // Multiplying before dividing keeps every step exact: after step i the
    // product is C(n - k + i, i).
    (1..=k).try_fold(1u128, |product, i| {
        product
            .checked_mul((n - k + i) as u128)
            .map(|wide| wide / i as u128)
    })
}

/// The number of orderings of streams of these lengths that keep each
/// stream's order: `(Σ lengths)! / Π (length!)`, if it fits in 128 bits.
pub fn ordering_count(lengths: &[usize]) -> Option<u128> {
    let mut placed = 0usize;
    lengths.iter().try_fold(1u128, |product, &length| {
        placed += length;
        product.checked_mul(binomial(placed, length)?)
    })
}

/// How the number of orderings of streams of these lengths comes
/// about, for people: "C(3, 2): streams of 2 and 1 events".
pub fn ordering_formula(lengths: &[usize]) -> String {
    let total: usize = lengths.iter().sum();
    let listed: Vec<String> = lengths.iter().map(ToString::to_string).collect();
    match lengths {
        [] => "no givens".to_owned(),
        [one] => format!(
            "one stream of {}, which a log never reorders",
            counted(*one, "event", "events")
        ),
        [first, _] => format!(
            "C({total}, {first}): streams of {} events",
            listed.join(" and ")
        ),
        _ => format!(
            "multinomial: {} streams of {} events",
            lengths.len(),
            listed.join(", ")
        ),
    }
}

/// Labels each item with its stream: items with equal keys share a label
/// (numbered by first appearance), and the lengths of the streams.
pub fn stream_labels<K: Hash + Eq>(keys: &[K]) -> (Vec<usize>, Vec<usize>) {
    let mut label_of: HashMap<&K, usize> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::new();
    let labels = keys
        .iter()
        .map(|key| {
            let label = *label_of.entry(key).or_insert(lengths.len());
            match lengths.get_mut(label) {
                Some(length) => *length += 1,
                None => lengths.push(1),
            }
            label
        })
        .collect();
    (labels, lengths)
}

/// The lengths of the streams of items labelled as [`stream_labels`] does.
pub fn label_lengths(labels: &[usize]) -> Vec<usize> {
    let count = labels.iter().max().map_or(0, |max| max + 1);
    let mut lengths = vec![0usize; count];
    for label in labels {
        if let Some(length) = lengths.get_mut(*label) {
            *length += 1;
        }
    }
    lengths
}

/// Every ordering of the items labelled by `labels` that keeps the
/// items of each label in their written order, as indexes into `labels`,
/// in lexicographic order (the written order first).
pub fn all_orderings(labels: &[usize]) -> Vec<Vec<usize>> {
    let streams = streams_of(labels);
    let mut heads = vec![0usize; streams.len()];
    let mut order = Vec::with_capacity(labels.len());
    let mut all = Vec::new();
    extend(&streams, &mut heads, &mut order, labels.len(), &mut all);
    all
}

/// The indexes of each label's items, in written order.
fn streams_of(labels: &[usize]) -> Vec<Vec<usize>> {
    let count = labels.iter().max().map_or(0, |max| max + 1);
    let mut streams = vec![Vec::new(); count];
    for (index, label) in labels.iter().enumerate() {
        if let Some(stream) = streams.get_mut(*label) {
            stream.push(index);
        }
    }
    streams
}

/// Depth first: at each place, the stream whose next item has the smallest
/// index goes first, which yields the orderings in lexicographic order.
fn extend(
    streams: &[Vec<usize>],
    heads: &mut [usize],
    order: &mut Vec<usize>,
    total: usize,
    all: &mut Vec<Vec<usize>>,
) {
    if order.len() == total {
        all.push(order.clone());
        return;
    }
    let mut next: Vec<(usize, usize)> = streams
        .iter()
        .zip(heads.iter())
        .enumerate()
        .filter_map(|(stream, (items, head))| items.get(*head).map(|item| (*item, stream)))
        .collect();
    next.sort_unstable();
    for (item, stream) in next {
        order.push(item);
        if let Some(head) = heads.get_mut(stream) {
            *head += 1;
        }
        extend(streams, heads, order, total, all);
        if let Some(head) = heads.get_mut(stream) {
            *head -= 1;
        }
        order.pop();
    }
}

/// `count` orderings of the items labelled by `labels`: the written
/// order, then seeded shuffles of the labels, each read as "the next item
/// of this stream".
pub fn sampled_orderings(labels: &[usize], count: usize, seed: u32) -> Vec<Vec<usize>> {
    let streams = streams_of(labels);
    let mut random = XorShift32::seeded(seed.max(1));
    let mut sample = Vec::with_capacity(count);
    if count > 0 {
        sample.push((0..labels.len()).collect());
    }
    while sample.len() < count {
        let mut shuffled = labels.to_vec();
        random.shuffle(&mut shuffled);
        let mut heads = vec![0usize; streams.len()];
        let order = shuffled
            .iter()
            .filter_map(|label| {
                let head = heads.get_mut(*label)?;
                let item = streams.get(*label)?.get(*head).copied();
                *head += 1;
                item
            })
            .collect();
        sample.push(order);
    }
    sample
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_streams_of_two_and_one_interleave_three_ways_written_order_first() {
        // Items 0 and 2 are one stream, item 1 another.
        assert_eq!(all_orderings(&[0, 1, 0]), [[0, 1, 2], [0, 2, 1], [1, 0, 2]]);
    }

    #[test]
    fn one_stream_has_exactly_one_order_and_distinct_streams_have_all() {
        assert_eq!(all_orderings(&[0, 0, 0]), [[0, 1, 2]]);
        assert_eq!(all_orderings(&[0, 1, 2]).len(), 6);
        assert_eq!(all_orderings(&[]), [Vec::<usize>::new()]);
    }

    #[test]
    fn the_count_is_the_multinomial_coefficient() {
        assert_eq!(ordering_count(&[2, 1]), Some(3));
        assert_eq!(ordering_count(&[3, 3]), Some(20));
        assert_eq!(ordering_count(&[2, 2, 2]), Some(90));
        assert_eq!(ordering_count(&[1; 8]), factorial(8));
        assert_eq!(ordering_count(&[999]), Some(1));
        assert_eq!(ordering_count(&[]), Some(1));
        assert_eq!(binomial(4, 2), Some(6));
        assert_eq!(binomial(2, 3), Some(0));
        for lengths in [[2usize, 1, 3], [1, 1, 4], [3, 2, 2]] {
            let labels: Vec<usize> = lengths
                .iter()
                .enumerate()
                .flat_map(|(label, length)| std::iter::repeat_n(label, *length))
                .collect();
            assert_eq!(
                all_orderings(&labels).len() as u128,
                ordering_count(&lengths).unwrap()
            );
        }
    }

    #[test]
    fn labels_number_streams_by_first_appearance() {
        let (labels, lengths) = stream_labels(&["b", "a", "b", "c"]);
        assert_eq!(labels, [0, 1, 0, 2]);
        assert_eq!(lengths, [2, 1, 1]);
    }

    #[test]
    fn factorials_are_exact_until_they_overflow() {
        assert_eq!(factorial(0), Some(1));
        assert_eq!(factorial(8), Some(40_320));
        assert_eq!(factorial(34).map(|f| f > 0), Some(true));
        assert_eq!(factorial(35), None);
    }

    #[test]
    fn a_sample_starts_with_the_written_order_keeps_stream_order_and_is_reproducible() {
        let labels = [0, 1, 0, 2, 1, 0, 2, 1, 0, 1];
        let first = sampled_orderings(&labels, 5, 7);
        assert_eq!(first.len(), 5);
        assert_eq!(first[0], (0..10).collect::<Vec<_>>());
        assert_eq!(first, sampled_orderings(&labels, 5, 7));
        for order in &first {
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..10).collect::<Vec<_>>());
            for label in 0..3 {
                let of_stream: Vec<usize> = order
                    .iter()
                    .copied()
                    .filter(|item| labels[*item] == label)
                    .collect();
                assert!(of_stream.windows(2).all(|pair| pair[0] < pair[1]));
            }
        }
    }
}
