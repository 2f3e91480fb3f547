//! Current consent from the append-only consent events: per scope, the latest event wins
//! (latest date; on the same date, the one recorded last). A "no" is a withdrawal when an
//! earlier "yes" exists, else consent asked and not given (refused).

use crate::model::{ConsentEvent, ConsentScope, ConsentState, ConsentStatus};

/// One status per scope, in the order of [`ConsentScope::ALL`].
pub fn current(events: &[ConsentEvent]) -> Vec<ConsentStatus> {
    ConsentScope::ALL
        .iter()
        .map(|&scope| {
            let of_scope = || events.iter().filter(|e| e.scope == scope);
            let latest = of_scope().max_by(|a, b| (a.date, a.recorded_at).cmp(&(b.date, b.recorded_at)));
            match latest {
                Some(e) => ConsentStatus {
                    scope,
                    // "No" after a "yes" is a withdrawal; "no" without any earlier "yes" is consent
                    // that was asked and not given.
                    state: if e.given {
                        ConsentState::Given
                    } else if of_scope().any(|g| g.given && (g.date, g.recorded_at) < (e.date, e.recorded_at)) {
                        ConsentState::Withdrawn
                    } else {
                        ConsentState::Refused
                    },
                    since: Some(e.date),
                    text_version: Some(e.text_version.clone()),
                },
                None => ConsentStatus { scope, state: ConsentState::Unknown, since: None, text_version: None },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ConsentId, Hlc, HouseholdId, ReplicaId};
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn event(scope: ConsentScope, given: bool, day: u32, millis: i64) -> ConsentEvent {
        ConsentEvent {
            id: ConsentId(Uuid::nil()),
            household_id: HouseholdId(Uuid::nil()),
            scope,
            given,
            text_version: "2026.1".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            recorded_by: "Anna".into(),
            recorded_at: Hlc { millis, counter: 0, replica: ReplicaId(Uuid::nil()) },
        }
    }

    #[test]
    fn latest_event_per_scope_wins() {
        let events = vec![
            event(ConsentScope::DebtHelp, true, 1, 10),
            event(ConsentScope::DebtHelp, false, 5, 5), // later date, recorded earlier: still wins
            event(ConsentScope::EnergyAdvice, false, 3, 1),
            event(ConsentScope::EnergyAdvice, true, 3, 2), // same day, recorded later: wins
        ];
        let now = current(&events);
        assert_eq!(now.len(), ConsentScope::ALL.len());
        assert_eq!(now[0].state, ConsentState::Given);
        assert_eq!(now[1].state, ConsentState::Withdrawn);
        assert_eq!(now[1].since, NaiveDate::from_ymd_opt(2026, 11, 5));
        assert!(now[2..].iter().all(|s| s.state == ConsentState::Unknown));
    }

    #[test]
    fn a_no_without_an_earlier_yes_is_refused_not_withdrawn() {
        let now = current(&[event(ConsentScope::ShareLandlord, false, 2, 1)]);
        assert_eq!(now[4].state, ConsentState::Refused);
        let now = current(&[event(ConsentScope::ShareLandlord, true, 1, 1), event(ConsentScope::ShareLandlord, false, 2, 2)]);
        assert_eq!(now[4].state, ConsentState::Withdrawn);
    }
}
