//! A sorted list of words stored compactly for the WebAssembly package: the words one after
//! the other in one string, and where each ends, found by binary search.

use std::cmp::Ordering;

/// Words sorted by their bytes, written one after the other.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Packed {
    /// The words, one after the other.
    pub text: &'static str,
    /// Where each word ends in `text`.
    pub ends: &'static [u16],
}

impl Packed {
    /// How many words.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Where the `i`th word lies in `text` (empty past the end).
    fn range(&self, i: usize) -> std::ops::Range<usize> {
        let start = i
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0);
        let end = self.ends.get(i).copied().unwrap_or(0);
        usize::from(start)..usize::from(end)
    }

    /// The `i`th word (empty past the end).
    pub fn get(&self, i: usize) -> &'static str {
        self.text.get(self.range(i)).unwrap_or("")
    }

    /// The `i`th word's bytes (empty past the end): [`Packed::get`] without the checks that
    /// the range falls between characters, which a search does not need.
    fn bytes(&self, i: usize) -> &'static [u8] {
        self.text.as_bytes().get(self.range(i)).unwrap_or_default()
    }

    /// The index of a word.
    pub fn find(&self, word: &str) -> Option<usize> {
        let word = word.as_bytes();
        let (mut low, mut high) = (0usize, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match compare(self.bytes(mid), word) {
                Ordering::Less => low = mid + 1,
                Ordering::Greater => high = mid,
                Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

/// The order of two byte strings, as `<[u8]>::cmp` gives it, compared in place: the words
/// are a few bytes long, shorter than a call to `memcmp` costs.
pub(crate) fn compare(a: &[u8], b: &[u8]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return x.cmp(y);
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn compare_orders_as_slices_do(a in proptest::collection::vec(0_u8..4, 0..6),
                                       b in proptest::collection::vec(0_u8..4, 0..6)) {
            proptest::prop_assert_eq!(compare(&a, &b), a.cmp(&b));
        }
    }

    #[test]
    fn every_word_is_found_at_its_place() {
        let packed = Packed {
            text: "abcdεζ",
            ends: &[1, 3, 4, 8],
        };
        for (i, word) in ["a", "bc", "d", "εζ"].into_iter().enumerate() {
            assert_eq!(packed.get(i), word);
            assert_eq!(packed.find(word), Some(i));
        }
        assert_eq!(packed.find("b"), None);
        assert_eq!(packed.find("ε"), None);
        assert_eq!(packed.find("εζη"), None);
        assert_eq!(packed.get(9), "");
    }
}
