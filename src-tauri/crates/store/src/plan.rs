//! Merge planning: deciding one field from its whole op history, without touching SQL.
//!
//! [`plan_field`] is a pure function, table-tested below; `settle` applies its plans to the
//! store. Because a plan depends only on the set of ops (never on the order they arrived in),
//! every store that holds the same ops decides the same winner and the same open conflicts.
//!
//! Rules:
//! - A field's value is the one of its newest *head* by hybrid logical clock (last writer wins).
//!   A head is an op that no other op of the field has seen; op B has seen op A when B's
//!   `base` is A's clock, or B lists A in `resolves`, or B has seen an op that has seen A.
//! - Two or more heads with different values are a conflict: (winner, other head) pairs.
//! - When no op is a head (only possible with a cycle of "seen", in a forged file), every op
//!   is a candidate, so planning still ends and picks the newest.
//!
//! Uses: nothing else in this crate.

use std::collections::{BTreeMap, BTreeSet};

use keukentafel_domain::Hlc;
use serde_json::Value as Json;
use uuid::Uuid;

/// One op of a field's history, as the planner needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldOp {
    pub op_id: Uuid,
    pub hlc: Hlc,
    pub value: Json,
    pub base: Option<Hlc>,
    pub resolves: Vec<Uuid>,
}

/// The outcome for one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldPlan {
    /// Index (into the history) of the op whose value the field holds.
    pub winner: usize,
    /// (winner op, losing op) for every other head with a different value.
    pub conflicts: Vec<(Uuid, Uuid)>,
    /// Indexes of the ops no other op has seen.
    pub heads: Vec<usize>,
}

/// Decides a field from its whole op history. Pure; the order of `history` does not matter.
pub fn plan_field(history: &[FieldOp]) -> Option<FieldPlan> {
    if history.is_empty() {
        return None;
    }
    let by_hlc: BTreeMap<Hlc, usize> = history.iter().enumerate().map(|(i, o)| (o.hlc, i)).collect();
    let by_id: BTreeMap<Uuid, usize> = history.iter().enumerate().map(|(i, o)| (o.op_id, i)).collect();
    let parents = |i: usize| -> Vec<usize> {
        let o = &history[i];
        o.base.and_then(|b| by_hlc.get(&b).copied()).into_iter().chain(o.resolves.iter().filter_map(|r| by_id.get(r).copied())).collect()
    };
    // Every op that some other op has seen, directly or through others.
    let mut seen = vec![false; history.len()];
    for start in 0..history.len() {
        let mut stack = parents(start);
        let mut visited = BTreeSet::new();
        while let Some(p) = stack.pop() {
            if p == start || !visited.insert(p) {
                continue;
            }
            seen[p] = true;
            stack.extend(parents(p));
        }
    }
    let heads: Vec<usize> = (0..history.len()).filter(|&i| !seen[i]).collect();
    // A cycle of "seen" (only possible in a forged file) leaves no head: fall back to all ops.
    let candidates = if heads.is_empty() { (0..history.len()).collect() } else { heads };
    let winner = *candidates.iter().max_by_key(|&&i| (history[i].hlc, history[i].op_id))?;
    let mut conflicts: Vec<(Uuid, Uuid)> = candidates
        .iter()
        .filter(|&&i| i != winner && history[i].value != history[winner].value)
        .map(|&i| (history[winner].op_id, history[i].op_id))
        .collect();
    conflicts.sort();
    Some(FieldPlan { winner, conflicts, heads: candidates })
}

#[cfg(test)]
mod tests {
    use super::*;
    use keukentafel_domain::ReplicaId;
    use serde_json::json;

    fn hlc(millis: i64, replica: u8) -> Hlc {
        Hlc { millis, counter: 0, replica: ReplicaId(Uuid::from_bytes([replica; 16])) }
    }

    fn op(n: u8, millis: i64, replica: u8, value: Json, base: Option<Hlc>) -> FieldOp {
        FieldOp { op_id: Uuid::from_bytes([n; 16]), hlc: hlc(millis, replica), value, base, resolves: vec![] }
    }

    fn id(n: u8) -> Uuid {
        Uuid::from_bytes([n; 16])
    }

    #[rstest::rstest]
    // One op: it wins, no conflict.
    #[case(vec![op(1, 10, 1, json!("a"), None)], 1, vec![])]
    // A later edit that saw the first: no conflict, the later one wins.
    #[case(vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1)))], 2, vec![])]
    // Two edits from the same base: concurrent, different values: conflict, newest clock wins.
    #[case(
        vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1))), op(3, 30, 3, json!("c"), Some(hlc(10, 1)))],
        3, vec![(id(3), id(2))]
    )]
    // Concurrent, same value: nothing to decide.
    #[case(
        vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1))), op(3, 30, 3, json!("b"), Some(hlc(10, 1)))],
        3, vec![]
    )]
    // Two creations of the same field without a base (both offline from the start): conflict.
    #[case(vec![op(1, 10, 1, json!("a"), None), op(2, 5, 2, json!("b"), None)], 1, vec![(id(1), id(2))])]
    // An edit based on the winner does not settle a conflict with the other head.
    #[case(
        vec![op(1, 10, 1, json!("a"), None), op(2, 20, 2, json!("b"), Some(hlc(10, 1))), op(3, 30, 3, json!("c"), Some(hlc(10, 1))),
             op(4, 40, 3, json!("d"), Some(hlc(30, 3)))],
        4, vec![(id(4), id(2))]
    )]
    fn field_plans(#[case] history: Vec<FieldOp>, #[case] winner: u8, #[case] conflicts: Vec<(Uuid, Uuid)>) {
        let plan = plan_field(&history).unwrap();
        assert_eq!(history[plan.winner].op_id, id(winner));
        assert_eq!(plan.conflicts, conflicts);
        let mut reversed = history.clone();
        reversed.reverse();
        let again = plan_field(&reversed).unwrap();
        assert_eq!(reversed[again.winner].op_id, id(winner), "the order of the history does not matter");
        assert_eq!(again.conflicts, conflicts);
    }

    #[test]
    fn a_resolution_that_saw_both_heads_settles_the_conflict() {
        let mut history = vec![
            op(1, 10, 1, json!("a"), None),
            op(2, 20, 2, json!("b"), Some(hlc(10, 1))),
            op(3, 30, 3, json!("c"), Some(hlc(10, 1))),
        ];
        let mut resolution = op(4, 40, 1, json!("b"), Some(hlc(30, 3)));
        resolution.resolves = vec![id(2), id(3)];
        history.push(resolution);
        let plan = plan_field(&history).unwrap();
        assert_eq!(history[plan.winner].op_id, id(4));
        assert!(plan.conflicts.is_empty());
    }

    #[test]
    fn a_forged_cycle_does_not_hang_or_panic() {
        let history = vec![op(1, 10, 1, json!("a"), Some(hlc(20, 2))), op(2, 20, 2, json!("b"), Some(hlc(10, 1)))];
        let plan = plan_field(&history).unwrap();
        assert_eq!(history[plan.winner].op_id, id(2));
    }
}
