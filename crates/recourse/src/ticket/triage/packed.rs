//! A sorted list of words stored compactly for the WebAssembly package: the words one after
//! the other in one string, and where each ends, found by binary search.

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

    /// The `i`th word (empty past the end).
    pub fn get(&self, i: usize) -> &'static str {
        let start = i
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0);
        let end = self.ends.get(i).copied().unwrap_or(0);
        self.text
            .get(usize::from(start)..usize::from(end))
            .unwrap_or("")
    }

    /// The index of a word.
    pub fn find(&self, word: &str) -> Option<usize> {
        let (mut low, mut high) = (0usize, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).as_bytes().cmp(word.as_bytes()) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(packed.get(9), "");
    }
}
