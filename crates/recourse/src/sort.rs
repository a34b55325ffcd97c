//! One stable sort for the whole crate.
//!
//! The standard library compiles a full copy of its sort (several kilobytes) for every
//! element type and every comparison closure it is given, and `collect` into a `BTreeMap`
//! sorts too. Sorting positions instead, with the comparison behind `&mut dyn`, compiles the
//! sort once; each caller adds only a small loop that moves its items into place. The order
//! is exactly the one `slice::sort_by` gives (stable: equal items keep their input order).

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `items.sort_by(compare)`.
pub(crate) fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = items;
        positions(
            items.len(),
            &mut |a, b| match (items.get(a), items.get(b)) {
                (Some(x), Some(y)) => compare(x, y),
                _ => Ordering::Equal,
            },
        )
    };
    permute(order, &mut |a, b| items.swap(a, b));
}

/// Sorts `items` stably by the key `key` gives, like `items.sort_by_key(key)`.
pub(crate) fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, like `items.sort()`.
pub(crate) fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..n` in the order `compare` puts them, ties kept in input order.
fn positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| compare(*a, *b));
    order
}

/// Moves the item at `order[k]` to position `k` for every `k`, through `swap`, following
/// each cycle of the permutation once.
fn permute(mut order: Vec<usize>, swap: &mut dyn FnMut(usize, usize)) {
    for start in 0..order.len() {
        let mut here = start;
        while let Some(slot) = order.get_mut(here) {
            let from = std::mem::replace(slot, here);
            if from == start || from == here {
                break;
            }
            swap(here, from);
            here = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_exactly_like_the_standard_stable_sort(
            items in prop::collection::vec((0u8..6, any::<u16>()), 0..80),
        ) {
            let mut ours = items.clone();
            super::sort_by_key(&mut ours, |(k, _)| *k);
            let mut std = items.clone();
            std.sort_by_key(|(k, _)| *k);
            prop_assert_eq!(&ours, &std);

            let mut ours = items.clone();
            super::sort_by(&mut ours, |a, b| b.1.cmp(&a.1));
            let mut std = items.clone();
            #[allow(clippy::unnecessary_sort_by)] // `sort_by` is the one under comparison
            std.sort_by(|a, b| b.1.cmp(&a.1));
            prop_assert_eq!(&ours, &std);

            let mut ours = items.clone();
            super::sort(&mut ours);
            let mut std = items;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }
}
