//! A ticket's tags and links while events are folded in: each list kept in first-seen order
//! with an index of what it holds, so an event costs what it carries (each item found in
//! log n) and not what the ticket already holds.

use std::cmp::Ordering;
use std::collections::btree_map::{BTreeMap, Entry};

use crate::sort::work;

/// An item of an [`Ordered`] list, compared as its text; each comparison is noted as work.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item(String);

impl Ord for Item {
    fn cmp(&self, other: &Self) -> Ordering {
        work(1);
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A list of strings in the order they came, with an index: adding an item the list holds
/// does nothing, removing an item removes every copy of it.
///
/// A removed item's copies stay in `slots` until [`Ordered::into_vec`]: a copy is held when
/// the index has its item and the copy's slot is not before the one the index gives.
#[derive(Debug, Default)]
pub(crate) struct Ordered {
    /// Every copy ever added, in order.
    slots: Vec<Item>,
    /// For each item held, the slot of its first copy held.
    first: BTreeMap<Item, usize>,
}

impl Ordered {
    /// The list of `items` as they are, copies included.
    pub(crate) fn new(items: Vec<String>) -> Self {
        let mut list = Self::default();
        for item in items.into_iter().map(Item) {
            list.first.entry(item.clone()).or_insert(list.slots.len());
            list.slots.push(item);
        }
        list
    }

    /// Appends `item` unless the list holds it.
    pub(crate) fn add(&mut self, item: &str) {
        let at = self.slots.len();
        if let Entry::Vacant(vacant) = self.first.entry(Item(item.to_owned())) {
            self.slots.push(vacant.key().clone());
            vacant.insert(at);
        }
    }

    /// Removes every copy of `item`.
    pub(crate) fn remove(&mut self, item: &str) {
        self.first.remove(&Item(item.to_owned()));
    }

    /// The items held, in order.
    pub(crate) fn into_vec(self) -> Vec<String> {
        let Self { slots, first } = self;
        slots
            .into_iter()
            .enumerate()
            .filter(|(at, item)| first.get(item).is_some_and(|from| at >= from))
            .map(|(_, item)| item.0)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// What a list of `Vec`s did before the index: a scan per item.
    fn scanned(mut list: Vec<String>, ops: &[(bool, String)]) -> Vec<String> {
        for (add, item) in ops {
            if *add {
                if !list.contains(item) {
                    list.push(item.clone());
                }
            } else {
                list.retain(|t| t != item);
            }
        }
        list
    }

    fn item() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["a", "b", "c", "d", "e"]).prop_map(str::to_owned)
    }

    proptest! {
        #[test]
        fn an_ordered_list_is_the_list_scanned_item_by_item(
            start in prop::collection::vec(item(), 0..12),
            ops in prop::collection::vec((any::<bool>(), item()), 0..40),
        ) {
            let mut list = super::Ordered::new(start.clone());
            for (add, item) in &ops {
                if *add { list.add(item) } else { list.remove(item) }
            }
            prop_assert_eq!(list.into_vec(), scanned(start, &ops));
        }
    }
}
