//! One stable sort for the whole crate.
//!
//! The standard library compiles a full copy of its sort (several kilobytes) for every
//! element type and every comparison closure it is given, and `collect` into a `BTreeMap`
//! sorts too. Sorting positions instead, with the comparison behind `&mut dyn`, compiles the
//! sort once; each caller adds only a small loop that moves its items into place. The order
//! is exactly the one `slice::sort_by` gives (stable: equal items keep their input order).

use std::cmp::Ordering;

/// Notes `units` of work (comparisons, items visited) done by a loop over input. Under test
/// the units are counted per thread, so a test can show how an operation's work grows with
/// its input without timing it (`work_done`, with the `count-work` feature, which only
/// tests turn on); otherwise this compiles to nothing.
#[inline(always)]
pub fn work(units: usize) {
    #[cfg(any(test, feature = "count-work"))]
    WORK.with(|w| w.set(w.get().saturating_add(units)));
    #[cfg(not(any(test, feature = "count-work")))]
    let _ = units;
}

#[cfg(any(test, feature = "count-work"))]
thread_local! {
    static WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// What `f` returns, with the units of [`work`] noted while it ran on this thread.
#[cfg(any(test, feature = "count-work"))]
pub fn work_done<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = WORK.with(std::cell::Cell::get);
    let out = f();
    (out, WORK.with(std::cell::Cell::get).saturating_sub(before))
}

/// Sorts `items` stably by `compare`, like `items.sort_by(compare)`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    sort_steps(items.len(), &mut |step| match step {
        Step::Compare(a, b) => match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => compare(x, y),
            _ => Ordering::Equal,
        },
        Step::Swap(a, b) => {
            items.swap(a, b);
            Ordering::Equal
        }
    });
}

/// Sorts of at most this many items keep their positions on the stack: a decision's few
/// lines and payments are sorted without touching the heap.
const ON_STACK: usize = 16;

/// What the sort asks of the items: to compare two, or to swap two into place.
enum Step {
    Compare(usize, usize),
    Swap(usize, usize),
}

/// Sorts `n` items through `step`: their positions in order first, then the items moved.
fn sort_steps(n: usize, step: &mut dyn FnMut(Step) -> Ordering) {
    // Already in order (as a decision's few lines and payments often are): nothing moves.
    if (1..n).all(|k| step(Step::Compare(k, k - 1)) != Ordering::Less) {
        return;
    }
    if n <= SMALL {
        insertion(n, step);
        return;
    }
    let mut stack = [0_usize; 2 * ON_STACK];
    let mut heap = Vec::new();
    let buffer = match stack.get_mut(..n.saturating_mul(2)) {
        Some(buffer) => buffer,
        None => {
            heap.resize(n.saturating_mul(2), 0);
            heap.as_mut_slice()
        }
    };
    let (order, spare) = buffer.split_at_mut(n);
    let order = positions(order, spare, &mut |a, b| step(Step::Compare(a, b)));
    permute(order, &mut |a, b| {
        step(Step::Swap(a, b));
    });
}

/// Sorts of at most this many items move them by insertion, neighbour by neighbour: for a
/// handful of items (a decision's remainders, lines, payments) cheaper than ordering
/// positions first, and stable too.
const SMALL: usize = 8;

/// Insertion sort through `step`: each item swapped down past the greater ones before it,
/// never past an equal one (stable). At most `n * (n - 1) / 2` steps, for `n <= SMALL`.
fn insertion(n: usize, step: &mut dyn FnMut(Step) -> Ordering) {
    for i in 1..n {
        let mut j = i;
        while j > 0 && step(Step::Compare(j, j - 1)) == Ordering::Less {
            step(Step::Swap(j, j - 1));
            j -= 1;
        }
    }
}

/// Sorts `items` stably by the key `key` gives, like `items.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order, like `items.sort()`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Asserts that the work `at(4 * n)` does is at most what n log n growth allows over `at(n)`:
/// `4 * log2(4n) / log2(n)` times, a tenth to spare (a B-tree's comparisons grow with its
/// depth, a level at a time). Quadratic work would be sixteen times. `n` is a power of two
/// of at least 256; returns the work at both sizes.
///
/// # Panics
/// When the work grows faster: this is a test's assertion.
#[cfg(any(test, feature = "count-work"))]
#[allow(clippy::panic)]
pub fn assert_n_log_n(what: &str, n: usize, at: impl Fn(usize) -> usize) -> (usize, usize) {
    let (small, large) = (at(n), at(4 * n));
    let (log_n, log_4n) = (n.ilog2() as usize, (4 * n).ilog2() as usize);
    eprintln!("{what}: {small} units of work at n = {n}, {large} at 4n");
    assert!(n >= 256 && n.is_power_of_two(), "{what}: n = {n}");
    assert!(small > 0, "{what}: no work counted at n = {n}");
    assert!(
        large * log_n * 10 <= small * 4 * log_4n * 11,
        "{what}: {small} units of work at n = {n}, {large} at 4n"
    );
    (small, large)
}

/// For each item, whether an equal item comes before it: duplicates found with one sort,
/// where a set would compile a `BTreeSet` for each item type.
pub fn repeated<T: Ord>(items: &[T]) -> Vec<bool> {
    let mut buffer = vec![0; items.len().saturating_mul(2)];
    let (order, spare) = buffer.split_at_mut(items.len());
    let order = positions(order, spare, &mut |a, b| items.get(a).cmp(&items.get(b)));
    let mut repeated = vec![false; items.len()];
    for pair in order.windows(2) {
        if let [a, b] = pair {
            if items.get(*a) == items.get(*b) {
                if let Some(r) = repeated.get_mut(*b) {
                    *r = true;
                }
            }
        }
    }
    repeated
}

/// The positions `0..n` (`n` the length of `order`) in the order `compare` puts them, ties
/// kept in input order, in `order` or `spare` (the one returned; `spare` as long as
/// `order`): a bottom-up merge sort, a few hundred bytes of code where the standard sort
/// compiles several kilobytes.
fn positions<'b>(
    mut order: &'b mut [usize],
    mut spare: &'b mut [usize],
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> &'b mut [usize] {
    for (k, slot) in order.iter_mut().enumerate() {
        *slot = k;
    }
    let n = order.len();
    let mut width = 1_usize;
    while width < n {
        let mut at = 0;
        for run in order.chunks(width.saturating_mul(2)) {
            let (left, right) = run.split_at(width.min(run.len()));
            at = merge(left, right, spare, at, compare);
        }
        std::mem::swap(&mut order, &mut spare);
        width = width.saturating_mul(2);
    }
    order
}

/// Writes the sorted runs `left` and `right` in order into `out` from `at`; on ties `left`
/// first. Returns where the next run goes.
fn merge(
    left: &[usize],
    right: &[usize],
    out: &mut [usize],
    mut at: usize,
    compare: &mut dyn FnMut(usize, usize) -> Ordering,
) -> usize {
    let mut put = |at: &mut usize, v: usize| {
        if let Some(slot) = out.get_mut(*at) {
            *slot = v;
        }
        *at += 1;
    };
    let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
    while let (Some(&&a), Some(&&b)) = (left.peek(), right.peek()) {
        work(1);
        if compare(b, a) == Ordering::Less {
            put(&mut at, b);
            right.next();
        } else {
            put(&mut at, a);
            left.next();
        }
    }
    for &v in left.chain(right) {
        put(&mut at, v);
    }
    at
}

/// Moves the item at `order[k]` to position `k` for every `k`, through `swap`, following
/// each cycle of the permutation once.
fn permute(order: &mut [usize], swap: &mut dyn FnMut(usize, usize)) {
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

/// A map kept as a vector sorted by key, for the small tallies folded while a batch runs:
/// each `BTreeMap` key/value type compiles its own node code (several kilobytes), this
/// compiles a binary search and a vector insert. Iterates in key order, like a `BTreeMap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for SortedMap<K, V> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<K: Ord, V> SortedMap<K, V> {
    /// The map of `entries`; of equal keys the last one's value stays, as in a `BTreeMap`
    /// collected from them.
    pub fn from_entries(mut entries: Vec<(K, V)>) -> Self {
        sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        entries.dedup_by(|later, kept| {
            let same = later.0 == kept.0;
            if same {
                std::mem::swap(later, kept);
            }
            same
        });
        Self(entries)
    }

    /// Whether a key lies in `from..=to`.
    pub fn any_between(&self, from: &K, to: &K) -> bool {
        let first = self.0.partition_point(|(k, _)| k < from);
        self.0.get(first).is_some_and(|(k, _)| k <= to)
    }

    /// Whether `key` is in the map.
    pub fn contains_key<Q: Ord + ?Sized>(&self, key: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
    {
        self.get(key).is_some()
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The value under `key`, first inserted as `make()` (key and value) when missing;
    /// `None` only if `make` gives a different key.
    pub fn slot<Q: Ord + ?Sized>(
        &mut self,
        key: &Q,
        make: impl FnOnce() -> (K, V),
    ) -> Option<&mut V>
    where
        K: std::borrow::Borrow<Q>,
    {
        let at = match self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)) {
            Ok(at) => at,
            Err(at) => {
                let (k, v) = make();
                if k.borrow() != key {
                    return None;
                }
                self.0.insert(at, (k, v));
                at
            }
        };
        self.0.get_mut(at).map(|(_, v)| v)
    }

    /// The value under `key`.
    pub fn get<Q: Ord + ?Sized>(&self, key: &Q) -> Option<&V>
    where
        K: std::borrow::Borrow<Q>,
    {
        let at = self.0.binary_search_by(|(k, _)| k.borrow().cmp(key)).ok()?;
        self.0.get(at).map(|(_, v)| v)
    }

    /// The entries in key order.
    pub fn into_entries(self) -> impl Iterator<Item = (K, V)> {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn maps_from_entries_are_collected_btree_maps(
            entries in prop::collection::vec((0u8..12, any::<u16>()), 0..60),
        ) {
            let ours = super::SortedMap::from_entries(entries.clone());
            let btree: std::collections::BTreeMap<u8, u16> = entries.into_iter().collect();
            prop_assert_eq!(ours.into_entries().collect::<Vec<_>>(), btree.into_iter().collect::<Vec<_>>());
        }

        #[test]
        fn repeats_are_what_a_set_refuses(items in prop::collection::vec(0u8..12, 0..60)) {
            let mut seen = std::collections::BTreeSet::new();
            let expected: Vec<bool> = items.iter().map(|i| !seen.insert(*i)).collect();
            prop_assert_eq!(super::repeated(&items), expected);
        }

        #[test]
        fn sorted_maps_tally_like_btree_maps(keys in prop::collection::vec(0u8..20, 0..60)) {
            let mut ours = super::SortedMap::default();
            let mut btree = std::collections::BTreeMap::new();
            for (i, k) in keys.iter().enumerate() {
                if let Some(v) = ours.slot(k, || (*k, Vec::new())) {
                    v.push(i);
                }
                btree.entry(*k).or_insert_with(Vec::new).push(i);
            }
            prop_assert!(ours.slot(&99, || (98, Vec::new())).is_none());
            for k in 0..21 {
                prop_assert_eq!(ours.get(&k), btree.get(&k));
                prop_assert_eq!(ours.contains_key(&k), btree.contains_key(&k));
                for to in k..22 {
                    prop_assert_eq!(ours.any_between(&k, &to), btree.range(k..=to).next().is_some());
                }
            }
            let values: Vec<_> = ours.values().cloned().collect();
            prop_assert_eq!(values, btree.values().cloned().collect::<Vec<_>>());
            prop_assert_eq!(ours.into_entries().collect::<Vec<_>>(), btree.into_iter().collect::<Vec<_>>());
        }

        #[test]
        fn small_sorts_by_insertion_are_the_standard_stable_sort(
            items in prop::collection::vec((0u8..4, any::<u16>()), 0..=12),
        ) {
            like_the_standard_sort(items)?;
        }

        #[test]
        fn sorts_exactly_like_the_standard_stable_sort(
            items in prop::collection::vec((0u8..6, any::<u16>()), 0..300),
        ) {
            like_the_standard_sort(items)?;
        }
    }

    /// Our sorts (by key, by a comparison, by `Ord`) leave `items` as the standard stable
    /// sorts do.
    fn like_the_standard_sort(items: Vec<(u8, u16)>) -> Result<(), TestCaseError> {
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
        Ok(())
    }
}
