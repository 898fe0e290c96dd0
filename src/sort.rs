//! One stable sort for the whole crate.
//!
//! Every `sort_by` on a new element type or with a new closure makes the
//! compiler emit the standard library's sort again, a few KiB of wasm each
//! time. These functions sort positions through a single non-generic sort and
//! then move the items into place, so the app carries one copy of it. They
//! behave like the slice methods of the same names: stable, and equal items
//! keep their order.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, like `<[T]>::sort_by`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|i, j| compare(&items[i], &items[j]));
    move_into_order(items, order);
}

/// Sorts `items` stably by the key `key` gives, like `<[T]>::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order, like `<[T]>::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len`, sorted stably by `compare` of the items there.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&i, &j| compare(i, j));
    order
}

/// Rearranges `items` so that the item at `order[k]` ends up at `k`, one
/// cycle of the permutation at a time: `order` marks each filled place.
fn move_into_order<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut hole = start;
        loop {
            let source = std::mem::replace(&mut order[hole], hole);
            if source == start {
                break;
            }
            items.swap(hole, source);
            hole = source;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn equal_keys_keep_their_order() {
        let mut words = vec!["Новгород", "💩", "cat", "ox", "👨🏻‍🚒", "sat"];
        sort_by_key(&mut words, |w| w.chars().count());
        assert_eq!(words, ["💩", "ox", "cat", "sat", "👨🏻‍🚒", "Новгород"]);
    }

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(pairs in prop::collection::vec((0u8..4, any::<u16>()), 0..200)) {
            let mut ours = pairs.clone();
            let mut theirs = pairs;
            sort_by_key(&mut ours, |&(key, _)| key);
            theirs.sort_by_key(|&(key, _)| key);
            prop_assert_eq!(ours, theirs);
        }
    }
}
