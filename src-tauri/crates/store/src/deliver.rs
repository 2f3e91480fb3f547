//! Who gets which ops: the pure plan behind scoped return files (a coordinator's file for one
//! volunteer installation carries only the households given to it) and behind forgetting on a
//! volunteer's laptop. The store side (reading and writing the bookkeeping) is `scope`.
//!
//! # Why not "highest sequence number per replica"
//! A volunteer never receives the ops of households it was not given, so its "highest sequence
//! number held without a gap" of the coordinator (and of every other volunteer) stops at the
//! first op it may not see, and every later file would carry everything after that again.
//!
//! # The scheme
//! The coordinator's store orders its ops by arrival (the rowid of `ops`). Per volunteer it keeps
//! one **channel** per household given to it (plus one, `None`, for records of no household:
//! the profiles), each with `since_file` (the first return file that carried it) and `acked`
//! (the arrival position up to which the volunteer confirmed holding that channel's ops).
//!
//! - Writing return file `n` ([`rescope`]): the channels follow the assignments as they are now —
//!   a household taken off is marked so (`since_file = 0`: not carried), one given (again) gets
//!   a new channel from file `n` with `acked = 0`. The file carries every op of a carried
//!   channel with a position above its `acked` ([`carries`]) and states the full list of the
//!   volunteer's households. The volunteer's own ops are not sent back to it, except for a
//!   household given back after it was taken off (`carry_own`: the laptop forgot them), until
//!   the volunteer confirms that channel.
//! - The file covers everything up to `upto`, the newest position when it was written, or just
//!   before the first op whose household cannot be told yet (an answer whose visit has not
//!   arrived): that op is carried by a later file, once it can be placed ([`coverage`]).
//! - The volunteer names the newest return file it imported in its next export. Since `acked`
//!   only moves on such a confirmation, each file carries everything since the last confirmed
//!   one: importing file `n` means holding every op of every channel that file `n` carried. So
//!   confirming `n` raises `acked` to `upto(n)` for every channel that existed when `n` was
//!   written and still does (`since_file <= n`) ([`acknowledge`]). Lost files, files imported
//!   twice or in another order: the next file carries what is missing.
//! - On the volunteer's laptop, only the newest return file's list counts: households held
//!   there and not on the list are forgotten ([`to_forget`]), unless the laptop has changes to
//!   them that the coordinator has not confirmed yet (they are forgotten after it has); a
//!   household on the list that was forgotten is taken in again ([`to_take_back`]).

use std::collections::{BTreeMap, BTreeSet};

use keukentafel_domain::HouseholdId;

/// A return file's number, per volunteer installation, from 1.
pub type FileNumber = i64;
/// An op's arrival position in the coordinator's store (the rowid of `ops`).
pub type Position = i64;
/// The ops of one household, or (`None`) of records that belong to no household.
pub type Channel = Option<HouseholdId>;

/// One channel's bookkeeping for one volunteer installation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChannelState {
    /// The first return file that carried this channel.
    pub since_file: FileNumber,
    /// The volunteer holds every op of this channel up to this position.
    pub acked: Position,
    /// Its own ops go back to the volunteer too (given back after its laptop forgot them).
    pub carry_own: bool,
}

impl ChannelState {
    /// Taken off the volunteer: not carried.
    pub const TAKEN_OFF: ChannelState = ChannelState { since_file: 0, acked: 0, carry_own: false };

    pub fn is_carried(&self) -> bool {
        self.since_file > 0
    }
}

pub type Channels = BTreeMap<Channel, ChannelState>;

/// Where an op belongs, as the coordinator's store can tell now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Channel(Channel),
    /// A record of a household that cannot be told yet (its parent has not arrived).
    Unplaced,
    /// Never carried to a volunteer: an entity this version does not know (its household
    /// cannot be told).
    Nowhere,
}

/// The channels for return file `n`, given the households given to the volunteer now.
pub fn rescope(channels: &Channels, given: &BTreeSet<HouseholdId>, n: FileNumber) -> Channels {
    let mut out = Channels::new();
    for (c, s) in channels {
        let keep = c.is_none_or(|h| given.contains(&h));
        out.insert(*c, if keep || !s.is_carried() { *s } else { ChannelState::TAKEN_OFF });
    }
    for c in std::iter::once(None).chain(given.iter().copied().map(Some)) {
        let s = out.entry(c).or_insert(ChannelState { since_file: n, acked: 0, carry_own: false });
        if !s.is_carried() {
            *s = ChannelState { since_file: n, acked: 0, carry_own: true };
        }
    }
    out
}

/// Whether a return file with `channels` carries an op at `position` placed at `place`;
/// `own` when the op was made by the volunteer's own installation (carried back only to a
/// channel it never confirmed: a household given back after it forgot it).
pub fn carries(channels: &Channels, place: Place, position: Position, own: bool) -> bool {
    match place {
        Place::Channel(c) => {
            channels.get(&c).is_some_and(|s| s.is_carried() && position > s.acked && (!own || s.carry_own))
        }
        Place::Unplaced | Place::Nowhere => false,
    }
}

/// Up to which position a file carries everything it should: the newest position, or just
/// before the first op that could not be placed.
pub fn coverage(newest: Position, first_unplaced: Option<Position>) -> Position {
    first_unplaced.map_or(newest, |p| newest.min(p - 1))
}

/// The channels after the volunteer confirmed importing file `n`, which covered up to `upto`.
pub fn acknowledge(channels: &Channels, n: FileNumber, upto: Position) -> Channels {
    channels
        .iter()
        .map(|(c, s)| {
            if s.is_carried() && s.since_file <= n {
                (*c, ChannelState { acked: s.acked.max(upto), carry_own: false, ..*s })
            } else {
                (*c, *s)
            }
        })
        .collect()
}

/// The households a volunteer's laptop forgets after importing the newest return file: those it
/// holds that are not on the file's list, except those with changes of its own the coordinator
/// has not confirmed yet.
pub fn to_forget(
    held: &BTreeSet<HouseholdId>,
    listed: &BTreeSet<HouseholdId>,
    unconfirmed: &BTreeSet<HouseholdId>,
) -> BTreeSet<HouseholdId> {
    held.iter().filter(|h| !listed.contains(h) && !unconfirmed.contains(h)).copied().collect()
}

/// The forgotten households a volunteer's laptop takes in again: those on the newest list.
pub fn to_take_back(forgotten: &BTreeSet<HouseholdId>, listed: &BTreeSet<HouseholdId>) -> BTreeSet<HouseholdId> {
    forgotten.intersection(listed).copied().collect()
}

#[cfg(test)]
mod tests {
    use rstest::rstest;
    use uuid::Uuid;

    use super::*;

    fn h(n: u128) -> HouseholdId {
        HouseholdId(Uuid::from_u128(n))
    }

    fn set(ns: &[u128]) -> BTreeSet<HouseholdId> {
        ns.iter().map(|n| h(*n)).collect()
    }

    /// `(channel, since_file, acked)`, channel 0 = no household; `carry_own` when the file
    /// number is negative (written as `-n`).
    fn chans(rows: &[(u128, FileNumber, Position)]) -> Channels {
        rows.iter()
            .map(|(c, s, a)| ((*c != 0).then(|| h(*c)), ChannelState { since_file: s.abs(), acked: *a, carry_own: *s < 0 }))
            .collect()
    }

    #[rstest]
    #[case::first_file(&[], &[1, 2], 1, &[(0, 1, 0), (1, 1, 0), (2, 1, 0)])]
    #[case::unchanged(&[(0, 1, 50), (1, 1, 50)], &[1], 4, &[(0, 1, 50), (1, 1, 50)])]
    #[case::given(&[(0, 1, 50), (1, 1, 50)], &[1, 2], 4, &[(0, 1, 50), (1, 1, 50), (2, 4, 0)])]
    #[case::taken_off(&[(0, 1, 50), (1, 1, 50), (2, 2, 40)], &[1], 4, &[(0, 1, 50), (1, 1, 50), (2, 0, 0)])]
    #[case::taken_off_all(&[(0, 1, 50), (1, 1, 50)], &[], 4, &[(0, 1, 50), (1, 0, 0)])]
    #[case::given_back(&[(0, 1, 50), (1, 0, 0)], &[1], 6, &[(0, 1, 50), (1, -6, 0)])]
    #[case::still_taken_off(&[(0, 1, 50), (1, 0, 0)], &[], 6, &[(0, 1, 50), (1, 0, 0)])]
    fn channels_follow_the_assignments(
        #[case] before: &[(u128, FileNumber, Position)],
        #[case] given: &[u128],
        #[case] n: FileNumber,
        #[case] after: &[(u128, FileNumber, Position)],
    ) {
        assert_eq!(rescope(&chans(before), &set(given), n), chans(after));
    }

    #[test]
    fn a_household_given_back_starts_from_nothing() {
        // Given in file 1 and confirmed up to 50; taken off in file 3; given back in file 5.
        let c = acknowledge(&rescope(&Channels::new(), &set(&[1]), 1), 1, 50);
        let c = rescope(&c, &set(&[]), 3);
        let c = rescope(&c, &set(&[1]), 5);
        let back = ChannelState { since_file: 5, acked: 0, carry_own: true };
        assert_eq!(c.get(&Some(h(1))), Some(&back));
        // A late confirmation of file 1 (or 3) does not mark the new channel as held.
        assert_eq!(acknowledge(&c, 3, 70).get(&Some(h(1))), Some(&back));
        let held = ChannelState { since_file: 5, acked: 90, carry_own: false };
        assert_eq!(acknowledge(&c, 5, 90).get(&Some(h(1))), Some(&held));
    }

    #[rstest]
    #[case::new_op_of_a_given_household(Place::Channel(Some(h(1))), 51, false, true)]
    #[case::confirmed_already(Place::Channel(Some(h(1))), 50, false, false)]
    #[case::profile(Place::Channel(None), 51, false, true)]
    #[case::household_not_given(Place::Channel(Some(h(9))), 99, false, false)]
    #[case::own_op_of_a_confirmed_channel(Place::Channel(Some(h(1))), 51, true, false)]
    #[case::own_op_of_a_new_household(Place::Channel(Some(h(2))), 3, true, false)]
    #[case::own_op_of_a_household_given_back(Place::Channel(Some(h(3))), 3, true, true)]
    #[case::household_taken_off(Place::Channel(Some(h(4))), 99, false, false)]
    #[case::unplaced(Place::Unplaced, 99, false, false)]
    #[case::unknown_entity(Place::Nowhere, 99, false, false)]
    fn what_a_file_carries(#[case] place: Place, #[case] position: Position, #[case] own: bool, #[case] carried: bool) {
        let c = chans(&[(0, 1, 50), (1, 1, 50), (2, 4, 0), (3, -4, 0), (4, 0, 0)]);
        assert_eq!(carries(&c, place, position, own), carried);
    }

    #[rstest]
    #[case(100, None, 100)]
    #[case(100, Some(40), 39)]
    #[case(100, Some(1), 0)]
    fn a_file_covers_up_to_its_first_unplaced_op(#[case] newest: Position, #[case] unplaced: Option<Position>, #[case] upto: Position) {
        assert_eq!(coverage(newest, unplaced), upto);
    }

    #[rstest]
    // File 3 covered up to 80; channel 2 is new since file 4 and is not raised.
    #[case::confirmed(3, 80, &[(0, 1, 80), (1, 1, 80), (2, -4, 0), (3, 0, 0)])]
    // An older file than one confirmed before never lowers what is held.
    #[case::older_file_late(1, 20, &[(0, 1, 50), (1, 1, 50), (2, -4, 0), (3, 0, 0)])]
    #[case::newest(4, 120, &[(0, 1, 120), (1, 1, 120), (2, 4, 120), (3, 0, 0)])]
    fn a_confirmation_raises_the_channels_its_file_carried(
        #[case] n: FileNumber,
        #[case] upto: Position,
        #[case] after: &[(u128, FileNumber, Position)],
    ) {
        let before = chans(&[(0, 1, 50), (1, 1, 50), (2, -4, 0), (3, 0, 0)]);
        assert_eq!(acknowledge(&before, n, upto), chans(after));
    }

    #[rstest]
    #[case::taken_off(&[1, 2], &[1], &[], &[2])]
    #[case::unsent_changes_wait(&[1, 2], &[1], &[2], &[])]
    #[case::all_listed(&[1, 2], &[1, 2, 3], &[], &[])]
    #[case::nothing_listed(&[1, 2], &[], &[1], &[2])]
    fn what_a_laptop_forgets(#[case] held: &[u128], #[case] listed: &[u128], #[case] unconfirmed: &[u128], #[case] forgotten: &[u128]) {
        assert_eq!(to_forget(&set(held), &set(listed), &set(unconfirmed)), set(forgotten));
    }

    #[test]
    fn a_listed_household_is_taken_back() {
        assert_eq!(to_take_back(&set(&[1, 2]), &set(&[2, 3])), set(&[2]));
    }
}
