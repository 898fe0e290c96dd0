//! Document ids: the one allocator every reader, the model and the command
//! line use to give each document an id no other document has. A wanted id
//! is kept when free; a taken one becomes `<id>-2`, `<id>-3`, …, the first
//! free. The ids are remembered as keys of the caller's choosing: the ids
//! themselves, or (for a stream of 100,000 documents) a 128-bit hash of each.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// The ids given so far, as keys `K`, and where to go on counting for each
/// id asked for twice, so a file that repeats one id many times stays linear.
#[derive(Clone, Debug)]
pub struct IdAllocator<K> {
    taken: HashSet<K>,
    next_suffix: HashMap<K, usize>,
}

impl<K> Default for IdAllocator<K> {
    fn default() -> Self {
        IdAllocator { taken: HashSet::new(), next_suffix: HashMap::new() }
    }
}

impl<K: Hash + Eq + Clone> IdAllocator<K> {
    /// Marks `id` (as its key) as taken, e.g. an open document's.
    pub fn reserve(&mut self, key: K) {
        self.taken.insert(key);
    }

    /// Whether an id with this key is taken.
    pub fn is_taken(&self, key: &K) -> bool {
        self.taken.contains(key)
    }

    /// `wanted` if free, else the first free `<wanted>-<n>`; `key` gives an
    /// id's key. The second value says whether `wanted` was taken.
    ///
    /// ```text
    /// taken {a, a-2}:  "a" -> ("a-3", true)   "b" -> ("b", false)
    /// ```
    pub fn take(&mut self, wanted: &str, key: impl Fn(&str) -> K) -> (String, bool) {
        let wanted_key = key(wanted);
        if self.taken.insert(wanted_key.clone()) {
            return (wanted.to_owned(), false);
        }
        let n = self.next_suffix.entry(wanted_key).or_insert(2);
        let mut unique = format!("{wanted}-{n}");
        while self.taken.contains(&key(&unique)) {
            *n += 1;
            unique = format!("{wanted}-{n}");
        }
        *n += 1;
        self.taken.insert(key(&unique));
        (unique, true)
    }
}

impl IdAllocator<String> {
    /// An allocator that knows `ids` are taken.
    pub fn with_taken<'a>(ids: impl IntoIterator<Item = &'a str>) -> Self {
        IdAllocator { taken: ids.into_iter().map(str::to_owned).collect(), next_suffix: HashMap::new() }
    }

    /// [`IdAllocator::take`] with the ids themselves as keys.
    pub fn take_id(&mut self, wanted: &str) -> (String, bool) {
        self.take(wanted, str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_id_gets_the_first_free_suffix() {
        let mut ids = IdAllocator::with_taken(["berita", "berita-2", "Великий"]);
        assert_eq!(ids.take_id("berita"), ("berita-3".to_owned(), true));
        assert_eq!(ids.take_id("berita"), ("berita-4".to_owned(), true));
        assert_eq!(ids.take_id("👨‍🚒"), ("👨‍🚒".to_owned(), false));
        assert_eq!(ids.take_id("👨‍🚒"), ("👨‍🚒-2".to_owned(), true));
        assert_eq!(ids.take_id("Великий"), ("Великий-2".to_owned(), true));
        // A suffixed id asked for itself is taken like any other.
        assert_eq!(ids.take_id("berita-4"), ("berita-4-2".to_owned(), true));
    }

    #[test]
    fn keys_may_be_hashes_of_the_ids() {
        let mut ids: IdAllocator<u64> = IdAllocator::default();
        let key = |id: &str| id.bytes().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b)));
        assert_eq!(ids.take("a", key), ("a".to_owned(), false));
        assert_eq!(ids.take("a", key), ("a-2".to_owned(), true));
    }
}
