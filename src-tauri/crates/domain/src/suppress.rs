//! Small-cell suppression for the municipal report: no number in a published table may tell
//! something about fewer than [`MIN_HOUSEHOLDS`] households, as CBS does in its tables.
//!
//! A table is a flat list of [`CellBasis`] (how many households are behind a cell, and the
//! number it shows) and a list of [`SumRule`]s: cells that add up to a total cell shown in the
//! same table (a total row, a total column). [`suppress`] decides which cells are hidden:
//!
//! 1. **Primary**: a cell about fewer than [`MIN_HOUSEHOLDS`] households (0 included).
//! 2. **Secondary**: in every sum rule where exactly one of its cells (parts or total) is
//!    hidden, that cell is the total minus the others; where the hidden parts add up to 0
//!    (total minus the shown parts), each of them is 0. Then the shown part with the fewest
//!    households (then the smallest number, then the first) is hidden too; when no part is
//!    left to hide, the total is hidden. Repeated until no rule has exactly one hidden cell,
//!    since a new hidden cell can leave another rule with one.
//!
//! **Invariant** (proptest below): every cell about fewer than five households is hidden, and
//! no sum rule has exactly one hidden cell, so no hidden cell is a shown total minus shown
//! parts. Pure: no I/O.

/// The fewest households a shown number may be about.
pub const MIN_HOUSEHOLDS: u32 = 5;

/// What one cell is about: the households behind it, and the number it shows (used only to
/// choose between candidates for secondary suppression).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellBasis {
    pub households: u32,
    pub value: f64,
}

/// `parts` (cell indexes) add up to `total` (a cell index) in the table as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SumRule {
    pub parts: Vec<usize>,
    pub total: usize,
}

/// Why a cell is hidden.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// About fewer than [`MIN_HOUSEHOLDS`] households.
    Primary,
    /// Hidden so that a primary cell cannot be worked out from a total.
    Secondary,
}

/// For each cell: `None` (shown) or why it is hidden. Rules naming a cell index beyond `cells`
/// are ignored.
pub fn suppress(cells: &[CellBasis], rules: &[SumRule]) -> Vec<Option<Hidden>> {
    let mut hidden: Vec<Option<Hidden>> =
        cells.iter().map(|c| (c.households < MIN_HOUSEHOLDS).then_some(Hidden::Primary)).collect();
    let rules: Vec<&SumRule> =
        rules.iter().filter(|r| r.total < cells.len() && r.parts.iter().all(|&p| p < cells.len())).collect();
    // Each round hides at least one more cell, so this ends within cells.len() rounds.
    loop {
        let mut changed = false;
        for rule in &rules {
            if !exposed(cells, &hidden, rule) {
                continue;
            }
            let candidate = rule
                .parts
                .iter()
                .copied()
                .filter(|&i| hidden[i].is_none())
                .min_by(|&a, &b| {
                    (cells[a].households, cells[a].value, a)
                        .partial_cmp(&(cells[b].households, cells[b].value, b))
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .unwrap_or(rule.total);
            if hidden[candidate].is_none() {
                // (a rule whose every part is hidden and sums to 0 with its total shown has
                // `candidate` = the shown total, which is then hidden)
                hidden[candidate] = Some(Hidden::Secondary);
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

/// Whether a rule gives a hidden cell away: exactly one of its cells is hidden (it is the
/// total minus the others), or its total is shown and its hidden parts add up to 0 (each of
/// them is then 0, since no count or amount here is negative).
fn exposed(cells: &[CellBasis], hidden: &[Option<Hidden>], rule: &SumRule) -> bool {
    let is_hidden = |i: usize| hidden.get(i).is_some_and(Option::is_some);
    let members = rule.parts.iter().copied().chain(std::iter::once(rule.total));
    let count = members.filter(|&i| is_hidden(i)).count();
    if count == 1 {
        return true;
    }
    let hidden_parts: Vec<usize> = rule.parts.iter().copied().filter(|&i| is_hidden(i)).collect();
    !hidden_parts.is_empty() && !is_hidden(rule.total) && hidden_parts.iter().map(|&i| cells[i].value).sum::<f64>() == 0.0
}

/// The hidden cells that one sum rule gives away (see `exposed`): the test of [`suppress`]'s
/// invariant, usable on any table.
pub fn recoverable(cells: &[CellBasis], hidden: &[Option<Hidden>], rules: &[SumRule]) -> Vec<usize> {
    let mut out = Vec::new();
    for rule in rules {
        if exposed(cells, hidden, rule) {
            out.extend(
                rule.parts.iter().copied().chain(std::iter::once(rule.total)).filter(|&i| hidden.get(i).is_some_and(Option::is_some)),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn cells(households: &[u32]) -> Vec<CellBasis> {
        households.iter().map(|&h| CellBasis { households: h, value: f64::from(h) }).collect()
    }

    /// A column of `n` parts and their total as the last cell.
    fn column(n: usize) -> Vec<SumRule> {
        vec![SumRule { parts: (0..n).collect(), total: n }]
    }

    fn shown(h: &[Option<Hidden>]) -> String {
        h.iter().map(|x| match x {
            None => '.',
            Some(Hidden::Primary) => 'P',
            Some(Hidden::Secondary) => 'S',
        }).collect()
    }

    #[rstest]
    // Nothing small: nothing hidden.
    #[case(&[10, 20, 30, 60], "....")]
    // One small part: the next smallest part goes too, so the total does not give it away.
    #[case(&[3, 20, 12, 35], "P.S.")]
    // Two small parts already protect each other.
    #[case(&[3, 4, 30, 37], "PP..")]
    // Zero is below five as well.
    #[case(&[0, 20, 30, 50], "PS..")]
    // Two hidden zeros would add up to "total minus the rest = 0": one more part goes.
    #[case(&[0, 0, 30, 30], "PPS.")]
    // A single part equals its total: both small, both hidden.
    #[case(&[3, 3], "PP")]
    // One part of two is small: the other part goes, the total stays.
    #[case(&[2, 40, 42], "PS.")]
    // Equal households: the smaller number, then the first, is chosen.
    #[case(&[1, 9, 9, 19], "PS..")]
    fn one_column(#[case] households: &[u32], #[case] expected: &str) {
        let n = households.len() - 1;
        let got = suppress(&cells(households), &column(n));
        assert_eq!(shown(&got), expected, "households {households:?}");
        assert!(recoverable(&cells(households), &got, &column(n)).is_empty());
    }

    #[test]
    fn total_goes_when_no_part_is_left() {
        // Parts: a small one and one hidden for another reason; the rule is [0, 1] → 2, but cell
        // 1 is outside this rule's reach: with only one part, the total must go.
        let c = cells(&[2, 50]);
        let rules = vec![SumRule { parts: vec![0], total: 1 }];
        assert_eq!(shown(&suppress(&c, &rules)), "PS");
    }

    #[test]
    fn a_grid_needs_a_second_round() {
        // 2×2 with row and column totals:
        //   a b | ra        3  10 | 13
        //   c d | rc       10  10 | 20
        //   ----+---       -------+---
        //   ka kb| t       13  20 | 33
        // Hiding a (3) makes row 1 hide b and column a hide c; column b then hides d. Row 2 has
        // c and d hidden, so no rule is left with one hidden cell.
        let c = cells(&[3, 10, 13, 10, 10, 20, 13, 20, 33]);
        let rules = vec![
            SumRule { parts: vec![0, 1], total: 2 },
            SumRule { parts: vec![3, 4], total: 5 },
            SumRule { parts: vec![6, 7], total: 8 },
            SumRule { parts: vec![0, 3], total: 6 },
            SumRule { parts: vec![1, 4], total: 7 },
            SumRule { parts: vec![2, 5], total: 8 },
        ];
        let got = suppress(&c, &rules);
        assert_eq!(shown(&got), "PS.SS....");
        assert!(recoverable(&c, &got, &rules).is_empty());
    }

    #[test]
    fn rules_out_of_range_are_ignored() {
        let got = suppress(&cells(&[3, 40]), &[SumRule { parts: vec![0, 7], total: 1 }]);
        assert_eq!(shown(&got), "P.");
    }

    /// A random table: `rows × cols` parts with a total column, a total row and a grand total,
    /// as the report builds them.
    fn grid() -> impl Strategy<Value = (usize, usize, Vec<u32>)> {
        (1usize..6, 1usize..5).prop_flat_map(|(r, c)| {
            (Just(r), Just(c), proptest::collection::vec(prop_oneof![0u32..6, 0u32..40], r * c))
        })
    }

    proptest! {
        #[test]
        fn no_hidden_cell_is_a_total_minus_the_others((rows, cols, parts) in grid()) {
            // Layout: (rows + 1) × (cols + 1), last row and column are totals.
            let w = cols + 1;
            let mut households = vec![0u32; (rows + 1) * w];
            for r in 0..rows {
                for c in 0..cols {
                    let v = parts[r * cols + c];
                    households[r * w + c] = v;
                    households[r * w + cols] += v;
                    households[rows * w + c] += v;
                    households[rows * w + cols] += v;
                }
            }
            let mut rules = Vec::new();
            for r in 0..=rows {
                rules.push(SumRule { parts: (0..cols).map(|c| r * w + c).collect(), total: r * w + cols });
            }
            for c in 0..=cols {
                rules.push(SumRule { parts: (0..rows).map(|r| r * w + c).collect(), total: rows * w + c });
            }
            let c = cells(&households);
            let hidden = suppress(&c, &rules);
            for (i, cell) in c.iter().enumerate() {
                if cell.households < MIN_HOUSEHOLDS {
                    prop_assert!(hidden[i].is_some(), "cell {i} about {} households is shown", cell.households);
                }
            }
            prop_assert!(recoverable(&c, &hidden, &rules).is_empty(), "{:?}", shown(&hidden));
            // Every hidden cell in a rule: the shown cells of that rule do not pin it down, since
            // at least one other cell of the rule is unknown too.
            for rule in &rules {
                let members: Vec<usize> = rule.parts.iter().copied().chain([rule.total]).collect();
                let n = members.iter().filter(|&&i| hidden[i].is_some()).count();
                prop_assert!(n == 0 || n >= 2);
            }
        }
    }
}
