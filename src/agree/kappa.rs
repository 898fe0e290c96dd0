//! Chance-corrected agreement on categories: Cohen's κ for two annotators,
//! Fleiss' κ for more. Categories are opaque numbers (`u32`); the report
//! uses IOB2 token tags.
//!
//! Both are tallies, so a corpus of millions of tokens is counted in one
//! pass without keeping the tokens.

use std::collections::HashMap;

/// Counts for Cohen's κ (Cohen 1960): for each item, the category annotator
/// A gave and the one B gave.
///
/// κ = (p_o − p_e) / (1 − p_e), with p_o the share of items both put in the
/// same category and p_e = Σ_k p_A(k)·p_B(k) the share expected by chance.
#[derive(Clone, Debug, Default)]
pub struct CohenTally {
    items: u64,
    agreed: u64,
    a: HashMap<u32, u64>,
    b: HashMap<u32, u64>,
}

impl CohenTally {
    /// Counts one item that A put in category `a` and B in `b`.
    pub fn add(&mut self, a: u32, b: u32) {
        self.items += 1;
        self.agreed += u64::from(a == b);
        *self.a.entry(a).or_default() += 1;
        *self.b.entry(b).or_default() += 1;
    }

    /// How many items were counted.
    pub fn items(&self) -> u64 {
        self.items
    }

    /// κ, or `None` when it is undefined: no items, or both annotators put
    /// every item in one and the same category (p_e = 1).
    pub fn kappa(&self) -> Option<f64> {
        let n = self.items as f64;
        let observed = self.agreed as f64 / n;
        let expected: f64 =
            self.a.iter().map(|(k, &count)| count as f64 * self.b.get(k).copied().unwrap_or(0) as f64).sum::<f64>() / (n * n);
        chance_corrected(self.items, observed, expected)
    }
}

/// Counts for Fleiss' κ (Fleiss 1971): for each item, the categories its
/// `n` raters gave. Every item must have the same number of raters.
///
/// P_i = (Σ_k n_ik² − n) / (n(n − 1)) is item i's agreement, P̄ their mean;
/// P̄_e = Σ_k p_k² with p_k the share of all ratings in category k;
/// κ = (P̄ − P̄_e) / (1 − P̄_e).
#[derive(Clone, Debug, Default)]
pub struct FleissTally {
    raters: usize,
    items: u64,
    /// Σ_i P_i.
    agreement: f64,
    totals: HashMap<u32, u64>,
    /// An item had a different number of raters than the first.
    uneven: bool,
}

impl FleissTally {
    /// Counts one item, given each rater's category.
    pub fn add(&mut self, ratings: &[u32]) {
        if self.items == 0 {
            self.raters = ratings.len();
        }
        self.uneven |= ratings.len() != self.raters;
        self.items += 1;
        for &category in ratings {
            *self.totals.entry(category).or_default() += 1;
        }
        // Σ_k n_ik² counts the ordered pairs of raters (a rater with itself
        // included) who agree; raters are few, so count them directly.
        let squares = ratings.iter().map(|r| ratings.iter().filter(|s| *s == r).count()).sum::<usize>() as f64;
        let n = ratings.len() as f64;
        self.agreement += (squares - n) / (n * (n - 1.0));
    }

    /// How many items were counted.
    pub fn items(&self) -> u64 {
        self.items
    }

    /// κ, or `None` when it is undefined: no items, fewer than two raters,
    /// items with different numbers of raters, or every rating in one
    /// category.
    pub fn kappa(&self) -> Option<f64> {
        if self.raters < 2 || self.uneven {
            return None;
        }
        let ratings = self.items as f64 * self.raters as f64;
        let expected: f64 = self.totals.values().map(|&c| (c as f64 / ratings).powi(2)).sum();
        chance_corrected(self.items, self.agreement / self.items as f64, expected)
    }
}

/// (observed − expected) / (1 − expected), when defined.
fn chance_corrected(items: u64, observed: f64, expected: f64) -> Option<f64> {
    (items > 0 && 1.0 - expected > 1e-12).then(|| (observed - expected) / (1.0 - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cohen's κ of a square table: `table[i][j]` items that A put in
    /// category `i` and B in category `j`.
    fn cohen_kappa(table: &[Vec<u64>]) -> Option<f64> {
        let mut tally = CohenTally::default();
        for (i, row) in (0..).zip(table) {
            for (j, &count) in (0..).zip(row) {
                (0..count).for_each(|_| tally.add(i, j));
            }
        }
        tally.kappa()
    }

    /// Fleiss' κ of a table with one row per item and one column per
    /// category: `table[i][k]` raters put item `i` in category `k`.
    fn fleiss_kappa(table: &[Vec<u64>]) -> Option<f64> {
        let mut tally = FleissTally::default();
        for row in table {
            let ratings: Vec<u32> = (0..).zip(row).flat_map(|(k, &count)| std::iter::repeat_n(k, count as usize)).collect();
            tally.add(&ratings);
        }
        tally.kappa()
    }

    fn close(found: Option<f64>, expected: f64, tolerance: f64) {
        let found = found.expect("kappa is defined");
        assert!((found - expected).abs() <= tolerance, "{found} is not {expected} ± {tolerance}");
    }

    #[test]
    fn cohen_1960_worked_example() {
        // Cohen (1960), p. 45: 200 items in three categories; p_o = .70,
        // p_e = .41, κ = .492.
        close(cohen_kappa(&[vec![88, 14, 18], vec![10, 40, 10], vec![2, 6, 12]]), 0.492, 0.0005);
        close(cohen_kappa(&[vec![20, 5], vec![10, 15]]), 0.4, 1e-12);
    }

    #[test]
    fn fleiss_1971_table_from_wikipedia() {
        // Fleiss' κ article (Wikipedia), after Fleiss (1971): 10 items,
        // 14 raters, 5 categories; P̄ = 0.378, P̄_e = 0.213, κ = 0.210.
        let table = [
            vec![0, 0, 0, 0, 14],
            vec![0, 2, 6, 4, 2],
            vec![0, 0, 3, 5, 6],
            vec![0, 3, 9, 2, 0],
            vec![2, 2, 8, 1, 1],
            vec![7, 7, 0, 0, 0],
            vec![3, 2, 6, 3, 0],
            vec![2, 5, 3, 2, 2],
            vec![6, 5, 2, 1, 0],
            vec![0, 2, 2, 3, 7],
        ];
        close(fleiss_kappa(&table), 0.210, 0.0005);
    }

    #[test]
    fn perfect_and_undefined_agreement() {
        close(cohen_kappa(&[vec![3, 0], vec![0, 4]]), 1.0, 1e-12);
        assert_eq!(cohen_kappa(&[vec![5]]), None);
        assert_eq!(cohen_kappa(&[]), None);
        close(fleiss_kappa(&[vec![3, 0], vec![0, 3]]), 1.0, 1e-12);
        assert_eq!(fleiss_kappa(&[vec![3, 0], vec![2, 0]]), None, "uneven raters");
        assert_eq!(fleiss_kappa(&[vec![1, 0]]), None, "one rater");
    }

    #[test]
    fn two_raters_fleiss_is_scotts_pi() {
        // With two raters Fleiss' κ is Scott's π, which equals Cohen's κ
        // when both annotators use the categories equally often.
        let table = [vec![2, 0], vec![1, 1], vec![1, 1], vec![0, 2]];
        close(fleiss_kappa(&table), 0.0, 1e-12);
        close(cohen_kappa(&[vec![1, 1], vec![1, 1]]), 0.0, 1e-12);
    }
}
