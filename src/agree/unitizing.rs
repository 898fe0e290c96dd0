//! Krippendorff's unitizing α (αu): agreement on where units start and end
//! along a continuum, and on their labels (Krippendorff 1995; the
//! formulas as printed in Krippendorff 2004, *Content Analysis*, 2nd ed.,
//! §12.4, and reproduced on its worked example in the tests).
//!
//! The continuum is `0..length` in code points. For each label `c`, each
//! annotator's continuum is cut into sections: their units of `c`, and the
//! gaps between them. Two overlapping sections of two annotators are
//! `δ²` apart:
//!
//! - two units: `(start₁ − start₂)² + (end₁ − end₂)²`;
//! - a unit inside the other annotator's gap: the unit's length squared;
//! - anything else (two gaps, a unit only partly in a gap): 0.
//!
//! `D_o(c) = Σ δ² / (m(m − 1)·L²)` over ordered pairs of the `m` annotators,
//! and the expected disagreement, over every way the units could lie,
//!
//! ```text
//! D_e(c) = (2/L)·Σ_units [ (N_c − 1)/3 · (2l³ − 3l² + l) + l²·Σ_gaps, g ≥ l (g − l + 1) ]
//!          / [ mL(mL − 1) − Σ_units l(l − 1) ]
//! ```
//! with `N_c` the number of units of `c` of all annotators and the gaps
//! those of all annotators. `αu(c) = 1 − D_o(c)/D_e(c)`, and over all labels
//! `αu = 1 − Σ_c D_o(c) / Σ_c D_e(c)`.
//!
//! αu assumes one annotator's units of one label never overlap: overlapping
//! (or nested) spans of one label by one annotator are joined into their
//! union first. Touching spans stay two units.

use serde::Serialize;

use crate::formats::CorpusSpan;
use crate::sort::{sort, sort_by, sort_by_key};

/// One label's units: for each annotator, the `(start, end)` of its spans.
type UnitsPerAnnotator = Vec<Vec<(usize, usize)>>;

/// αu overall and for each label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnitizingAlpha {
    /// `1 − Σ D_o / Σ D_e`; `None` when no label has an expected disagreement.
    pub overall: Option<f64>,
    /// Every label any annotator used, by name.
    pub per_label: Vec<LabelAlpha>,
}

/// One label's αu and the disagreements it is made of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelAlpha {
    pub label: String,
    /// `D_o`: the disagreement observed.
    pub observed: f64,
    /// `D_e`: the disagreement expected by chance.
    pub expected: f64,
    /// `1 − D_o/D_e`; `None` when `D_e` is 0.
    pub alpha: Option<f64>,
}

/// αu of `annotators`, each a list of spans on the continuum
/// `0..length`; spans reaching past `length` are left out. `None` for fewer
/// than two annotators or an empty continuum.
///
/// ```text
/// length 10, A: [2..5 X], B: [2..5 X]  ->  αu(X) = 1
/// ```
pub fn alpha_u(length: usize, annotators: &[Vec<CorpusSpan>]) -> Option<UnitizingAlpha> {
    if annotators.len() < 2 || length == 0 {
        return None;
    }
    let mut by_label: Vec<(&str, UnitsPerAnnotator)> = Vec::new();
    for (i, spans) in annotators.iter().enumerate() {
        for span in spans.iter().filter(|s| s.start < s.end && s.end <= length) {
            let at = match by_label.iter().position(|(label, _)| *label == span.label) {
                Some(at) => at,
                None => {
                    by_label.push((&span.label, vec![Vec::new(); annotators.len()]));
                    by_label.len() - 1
                }
            };
            by_label[at].1[i].push((span.start, span.end));
        }
    }
    sort_by_key(&mut by_label, |(label, _)| *label);
    let per_label: Vec<LabelAlpha> = by_label
        .into_iter()
        .map(|(label, units)| {
            let sections: Vec<Vec<Section>> = units.into_iter().map(|u| sections(length, u)).collect();
            let observed = observed(length, &sections);
            let expected = expected(length, &sections);
            LabelAlpha { label: label.to_owned(), observed, expected, alpha: alpha(observed, expected) }
        })
        .collect();
    let observed: f64 = per_label.iter().map(|l| l.observed).sum();
    let expected: f64 = per_label.iter().map(|l| l.expected).sum();
    Some(UnitizingAlpha { overall: alpha(observed, expected), per_label })
}

fn alpha(observed: f64, expected: f64) -> Option<f64> {
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

/// A unit or a gap of one annotator: `start..end`.
#[derive(Clone, Copy, Debug)]
struct Section {
    start: usize,
    end: usize,
    unit: bool,
}

impl Section {
    fn len(self) -> f64 {
        (self.end - self.start) as f64
    }

    fn within(self, other: Section) -> bool {
        other.start <= self.start && self.end <= other.end
    }
}

/// The continuum `0..length` cut into units (overlapping ones joined) and
/// the gaps between them.
fn sections(length: usize, mut units: Vec<(usize, usize)>) -> Vec<Section> {
    sort(&mut units);
    let mut joined: Vec<(usize, usize)> = Vec::with_capacity(units.len());
    for (start, end) in units {
        match joined.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => joined.push((start, end)),
        }
    }
    let mut sections = Vec::with_capacity(2 * joined.len() + 1);
    let mut at = 0;
    for (start, end) in joined {
        if start > at {
            sections.push(Section { start: at, end: start, unit: false });
        }
        sections.push(Section { start, end, unit: true });
        at = end;
    }
    if at < length {
        sections.push(Section { start: at, end: length, unit: false });
    }
    sections
}

/// `δ²` of two overlapping sections.
fn distance(a: Section, b: Section) -> f64 {
    match (a.unit, b.unit) {
        (true, true) => (a.start as f64 - b.start as f64).powi(2) + (a.end as f64 - b.end as f64).powi(2),
        (true, false) if a.within(b) => a.len().powi(2),
        (false, true) if b.within(a) => b.len().powi(2),
        _ => 0.0,
    }
}

/// `D_o`: each unordered pair of annotators once, doubled. Both section
/// lists cover the continuum, so walking them side by side meets every
/// overlapping pair of sections exactly once.
fn observed(length: usize, annotators: &[Vec<Section>]) -> f64 {
    let m = annotators.len() as f64;
    let mut sum = 0.0;
    for (i, a) in annotators.iter().enumerate() {
        for b in &annotators[i + 1..] {
            let (mut p, mut q) = (0, 0);
            while let (Some(&x), Some(&y)) = (a.get(p), b.get(q)) {
                sum += distance(x, y);
                p += usize::from(x.end <= y.end);
                q += usize::from(y.end <= x.end);
            }
        }
    }
    2.0 * sum / (m * (m - 1.0) * (length as f64).powi(2))
}

/// `D_e`, with the gaps sorted so each unit finds the gaps at least as
/// long as itself by binary search.
fn expected(length: usize, annotators: &[Vec<Section>]) -> f64 {
    let sections = annotators.iter().flatten();
    let units: Vec<f64> = sections.clone().filter(|s| s.unit).map(|s| s.len()).collect();
    let mut gaps: Vec<f64> = sections.filter(|s| !s.unit).map(|s| s.len()).collect();
    sort_by(&mut gaps, f64::total_cmp);
    // longer_sum[k] = Σ gaps[k..].
    let mut longer_sum = vec![0.0; gaps.len() + 1];
    for k in (0..gaps.len()).rev() {
        longer_sum[k] = longer_sum[k + 1] + gaps[k];
    }
    let n_c = units.len() as f64;
    let mut numerator = 0.0;
    for &l in &units {
        let first = gaps.partition_point(|&g| g < l);
        let fitting = (gaps.len() - first) as f64;
        let placements = longer_sum[first] - fitting * (l - 1.0);
        numerator += (n_c - 1.0) / 3.0 * (2.0 * l.powi(3) - 3.0 * l.powi(2) + l) + l.powi(2) * placements;
    }
    let (m, length) = (annotators.len() as f64, length as f64);
    let denominator = m * length * (m * length - 1.0) - units.iter().map(|l| l * (l - 1.0)).sum::<f64>();
    2.0 / length * numerator / denominator
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(units: &[(usize, usize, &str)]) -> Vec<CorpusSpan> {
        units.iter().map(|&(start, end, label)| CorpusSpan::new(start, end, label)).collect()
    }

    fn close(found: f64, expected: f64, tolerance: f64) {
        assert!((found - expected).abs() <= tolerance, "{found} is not {expected} ± {tolerance}");
    }

    /// Krippendorff (2004: 254): a continuum from 150 to 450, two observers,
    /// categories c and k; shifted here to start at 0.
    #[test]
    fn krippendorff_2004_worked_example() {
        let at = |start: usize, len: usize, label| (start - 150, start - 150 + len, label);
        let i = spans(&[at(225, 70, "c"), at(370, 30, "c"), at(180, 60, "k"), at(300, 50, "k")]);
        let j = spans(&[at(220, 80, "c"), at(355, 20, "c"), at(400, 20, "c"), at(180, 60, "k"), at(300, 50, "k")]);
        let alpha = alpha_u(300, &[i, j]).unwrap();
        let [c, k] = &alpha.per_label[..] else { panic!("two labels: {alpha:?}") };
        // The book prints its figures to four places.
        close(c.observed, 0.0144, 0.00005);
        close(c.expected, 0.0532, 0.00005);
        close(c.alpha.unwrap(), 0.7286, 0.00005);
        close(k.observed, 0.0, 0.0);
        close(k.expected, 0.0490, 0.00005);
        close(k.alpha.unwrap(), 1.0, 0.0);
        // The book's αu = .8591 is computed from the rounded D's above:
        // 1 − .0144/(.0532 + .0490). Unrounded it is .8587.
        close(alpha.overall.unwrap(), 1.0 - 0.0144 / (0.0532 + 0.0490), 0.0005);
        close(alpha.overall.unwrap(), 0.8587, 0.00005);
    }

    #[test]
    fn identical_units_agree_fully_and_disjoint_ones_do_not() {
        let a = spans(&[(2, 5, "X"), (7, 9, "Y")]);
        assert_eq!(alpha_u(10, &[a.clone(), a.clone(), a.clone()]).unwrap().overall, Some(1.0));
        let disjoint = alpha_u(10, &[spans(&[(0, 3, "X")]), spans(&[(6, 9, "X")])]).unwrap();
        assert!(disjoint.overall.unwrap() < 0.0, "{disjoint:?}");
        assert_eq!(alpha_u(10, &[a]), None);
    }

    #[test]
    fn one_annotators_overlapping_units_are_joined() {
        let nested = spans(&[(2, 8, "X"), (3, 5, "X")]);
        let whole = spans(&[(2, 8, "X")]);
        assert_eq!(alpha_u(10, &[nested, whole]).unwrap().overall, Some(1.0));
    }

    #[test]
    fn sections_cover_the_continuum() {
        let cut: Vec<_> = sections(10, vec![(5, 7), (0, 2), (2, 3)]).iter().map(|s| (s.start, s.end, s.unit)).collect();
        assert_eq!(cut, [(0, 2, true), (2, 3, true), (3, 5, false), (5, 7, true), (7, 10, false)]);
    }
}
