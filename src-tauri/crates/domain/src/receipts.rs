//! Export files and their receipts (issue 13): the files an installation wrote, numbered per
//! installation from 1, the files it received from others, and the gaps in a sender's numbers
//! (a file lost on the way). The bookkeeping lives in the store (`export_files`,
//! `received_files`); the rules here are pure.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::ReplicaId;

/// Which kind of file this installation wrote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    /// A volunteer's file for the coordinator.
    Export,
    /// A coordinator's return file for one volunteer.
    Return,
}

impl FileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Export => "export",
            FileKind::Return => "return",
        }
    }

    pub fn parse(s: &str) -> Option<FileKind> {
        match s {
            "export" => Some(FileKind::Export),
            "return" => Some(FileKind::Return),
            _ => None,
        }
    }
}

/// A file this installation wrote, with its receipt once the coordinator confirmed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExportFile {
    /// From 1, per installation.
    pub number: i64,
    pub kind: FileKind,
    /// The volunteer a return file is for (`null` for an export).
    pub peer: Option<ReplicaId>,
    /// The file's name in its folder.
    pub name: String,
    /// When it was written (RFC 3339, UTC).
    pub created_at: String,
    pub op_count: i64,
    /// When the coordinator imported it (RFC 3339), as its return file says; `null`: not
    /// confirmed yet.
    pub received_at: Option<String>,
}

/// A file imported here from another installation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivedFile {
    pub sender: ReplicaId,
    /// The number its sender gave it (`null`: a file of format 2.1 or older, without one).
    pub file_number: Option<i64>,
    /// When the sender wrote it (RFC 3339, as its manifest says).
    pub created_at: String,
    /// When it was imported here (RFC 3339).
    pub imported_at: String,
    pub op_count: i64,
}

/// A receipt, carried in a coordinator's return file (format 2.2): the coordinator imported the
/// file `file_number` of installation `replica`, written at `created`, at `received_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileReceipt {
    pub replica: ReplicaId,
    pub file_number: i64,
    pub created: String,
    pub received_at: String,
}

/// Numbers missing from a sender's files: `from` to `to`, both included (one missing file:
/// `from == to`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FileGap {
    pub from: i64,
    pub to: i64,
}

/// The gaps in `numbers` (the file numbers received from one sender, in any order, repeats
/// allowed): every number from 1 up to the highest received that is missing, as ranges in
/// order. Numbers below 1 are ignored (never written). Nothing above the highest is a gap: a
/// file not written yet is not missing.
pub fn file_gaps(numbers: &[i64]) -> Vec<FileGap> {
    let mut sorted: Vec<i64> = numbers.iter().copied().filter(|&n| n >= 1).collect();
    sorted.sort_unstable();
    sorted.dedup();
    let mut gaps = Vec::new();
    let mut expected = 1;
    for n in sorted {
        if n > expected {
            gaps.push(FileGap { from: expected, to: n - 1 });
        }
        expected = n + 1;
    }
    gaps
}

/// What one sender's received files come to, for the coordinator's overview.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceivedSummary {
    /// How many files were received (each once).
    pub count: u32,
    /// The highest number received (`null`: none, or only files without a number).
    pub last_number: Option<i64>,
    /// When the last file was written (RFC 3339): the one with the highest number, else the
    /// newest without one.
    pub last_created: Option<String>,
    /// Numbers missing below the highest received (files lost on the way).
    pub gaps: Vec<FileGap>,
}

/// Sums up the files received from one sender (`files` all of that sender).
pub fn summarize_received(files: &[ReceivedFile]) -> ReceivedSummary {
    let numbers: Vec<i64> = files.iter().filter_map(|f| f.file_number).collect();
    let last = files
        .iter()
        .filter(|f| f.file_number.is_some())
        .max_by_key(|f| f.file_number)
        .or_else(|| files.iter().max_by(|a, b| a.created_at.cmp(&b.created_at)));
    ReceivedSummary {
        count: u32::try_from(files.len()).unwrap_or(u32::MAX),
        last_number: numbers.iter().copied().max(),
        last_created: last.map(|f| f.created_at.clone()),
        gaps: file_gaps(&numbers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    fn gaps(ranges: &[(i64, i64)]) -> Vec<FileGap> {
        ranges.iter().map(|&(from, to)| FileGap { from, to }).collect()
    }

    #[rstest]
    #[case::nothing_received(&[], &[])]
    #[case::first_only(&[1], &[])]
    #[case::contiguous(&[1, 2, 3], &[])]
    #[case::first_lost(&[2, 3], &[(1, 1)])]
    #[case::one_in_the_middle(&[1, 2, 4], &[(3, 3)])]
    #[case::a_run(&[1, 2, 6], &[(3, 5)])]
    #[case::several(&[2, 4, 7], &[(1, 1), (3, 3), (5, 6)])]
    #[case::any_order_and_repeats(&[4, 1, 4, 2], &[(3, 3)])]
    #[case::only_a_late_one(&[5], &[(1, 4)])]
    #[case::zero_and_negative_ignored(&[0, -3, 2], &[(1, 1)])]
    fn gaps_below_the_highest(#[case] numbers: &[i64], #[case] expected: &[(i64, i64)]) {
        assert_eq!(file_gaps(numbers), gaps(expected));
    }

    fn file(number: Option<i64>, created: &str) -> ReceivedFile {
        ReceivedFile {
            sender: ReplicaId(uuid::Uuid::nil()),
            file_number: number,
            created_at: created.into(),
            imported_at: created.into(),
            op_count: 1,
        }
    }

    #[test]
    fn a_summary_names_the_highest_number_its_date_and_the_gaps() {
        assert_eq!(summarize_received(&[]), ReceivedSummary::default());
        let files = [file(Some(1), "2026-11-01"), file(Some(4), "2026-11-12"), file(None, "2026-11-20")];
        let s = summarize_received(&files);
        assert_eq!((s.count, s.last_number, s.last_created.as_deref()), (3, Some(4), Some("2026-11-12")));
        assert_eq!(s.gaps, vec![FileGap { from: 2, to: 3 }]);
        // Only files without a number (an older version's): the newest, no gaps.
        let s = summarize_received(&[file(None, "2026-11-20"), file(None, "2026-11-02")]);
        assert_eq!((s.count, s.last_number, s.last_created.as_deref(), s.gaps.len()), (2, None, Some("2026-11-20"), 0));
    }

    proptest! {
        /// Every number from 1 to the highest is either received or in exactly one gap, and
        /// gaps are ordered, disjoint and never touch (else they would be one range).
        #[test]
        fn gaps_are_the_complement(numbers in proptest::collection::vec(-2i64..60, 0..30)) {
            let got = file_gaps(&numbers);
            let max = numbers.iter().copied().max().unwrap_or(0);
            for n in 1..=max {
                let received = numbers.contains(&n);
                let in_gaps = got.iter().filter(|g| g.from <= n && n <= g.to).count();
                prop_assert_eq!(in_gaps, usize::from(!received), "number {}", n);
            }
            for w in got.windows(2) {
                prop_assert!(w[0].to + 1 < w[1].from);
            }
            prop_assert!(got.iter().all(|g| g.from >= 1 && g.from <= g.to && g.to < max.max(1)));
        }
    }
}
