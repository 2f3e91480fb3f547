//! Time and randomness, injected.
//!
//! [`Sources`] is the only place the domain gets "now" and random bytes from. The app and CLI use
//! [`Sources::system`]; tests and demo data use [`Sources::deterministic`], which makes the same
//! ids and clocks for the same seed.
//!
//! [`Hlc`] is a hybrid logical clock: wall-clock milliseconds, a counter for events within the
//! same millisecond (or while the wall clock runs behind), and the replica that made it. Its text
//! form sorts the same way as the value, so SQLite can order by it.
//!
//! The clock never follows another laptop further than [`MAX_AHEAD_MILLIS`] past this laptop's
//! wall clock: an op dated in 2099 (a laptop with a wrong clock), even once a coordinator
//! accepted it, must not drag every later local change into 2099.

use rand::{RngCore, SeedableRng};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

use crate::ids::ReplicaId;

/// Wall-clock time in milliseconds since the Unix epoch.
pub trait Clock: Send {
    fn now_millis(&mut self) -> i64;
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&mut self) -> i64 {
        chrono::Utc::now().timestamp_millis()
    }
}

/// A clock that starts at a fixed time and moves forward a fixed step on every reading.
pub struct SteppingClock {
    next: i64,
    step: i64,
}

impl SteppingClock {
    pub fn new(start_millis: i64, step_millis: i64) -> Self {
        Self { next: start_millis, step: step_millis }
    }
}

impl Clock for SteppingClock {
    fn now_millis(&mut self) -> i64 {
        let now = self.next;
        self.next += self.step;
        now
    }
}

/// Where time and randomness come from.
pub struct Sources {
    clock: Box<dyn Clock>,
    rng: Box<dyn RngCore + Send>,
}

impl Sources {
    pub fn new(clock: Box<dyn Clock>, rng: Box<dyn RngCore + Send>) -> Self {
        Self { clock, rng }
    }

    /// The real clock and the operating system's randomness.
    pub fn system() -> Self {
        Self::new(Box::new(SystemClock), Box::new(rand::rngs::StdRng::from_os_rng()))
    }

    /// Same seed and start: same ids and clocks, every run.
    pub fn deterministic(seed: u64, start_millis: i64, step_millis: i64) -> Self {
        Self::new(
            Box::new(SteppingClock::new(start_millis, step_millis)),
            Box::new(rand_chacha::ChaCha8Rng::seed_from_u64(seed)),
        )
    }

    pub fn now_millis(&mut self) -> i64 {
        self.clock.now_millis()
    }

    /// A UUIDv7 for the given time, with injected random bits.
    pub fn new_uuid(&mut self, millis: i64) -> Uuid {
        let mut bytes = [0u8; 10];
        self.rng.fill_bytes(&mut bytes);
        uuid::Builder::from_unix_timestamp_millis(millis.max(0) as u64, &bytes).into_uuid()
    }

    /// A fresh random (v4-shaped) id, for replica ids.
    pub fn new_random_uuid(&mut self) -> Uuid {
        let mut bytes = [0u8; 16];
        self.rng.fill_bytes(&mut bytes);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    pub fn rng(&mut self) -> &mut (dyn RngCore + Send) {
        &mut *self.rng
    }
}

/// How far ahead of this laptop's wall clock a clock may run (one day): the drift between
/// laptops that is tolerated. An op dated further ahead is held back for the coordinator, and a
/// local clock never moves further ahead than this, whatever it has seen.
pub const MAX_AHEAD_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// A hybrid logical clock value. Ordered by (millis, counter, replica): a total order that is
/// the same on every installation, which last-writer-wins merging relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hlc {
    pub millis: i64,
    pub counter: u32,
    pub replica: ReplicaId,
}

impl Hlc {
    /// The clock for a new local event, given the last clock this replica issued or saw.
    /// Never goes backwards, even when the wall clock does.
    pub fn tick(last: Option<Hlc>, now_millis: i64, replica: ReplicaId) -> Hlc {
        match last {
            Some(l) if l.millis >= now_millis => Hlc {
                millis: l.millis,
                counter: l.counter.saturating_add(1),
                replica,
            },
            _ => Hlc { millis: now_millis, counter: 0, replica },
        }
    }

    /// The latest wall-clock time a clock may show at wall time `now_millis`.
    pub fn ceiling(now_millis: i64) -> i64 {
        now_millis.saturating_add(MAX_AHEAD_MILLIS)
    }

    /// The clock after receiving `remote`: later than both, unless `remote` lies beyond the
    /// [ceiling](Hlc::ceiling): then it is not followed (this is a plain [`Hlc::tick`]), so the
    /// local clock stays within a day of wall time. An op built on such a remote op says so with
    /// its base clock, not by a later clock.
    pub fn observe(last: Option<Hlc>, remote: Hlc, now_millis: i64, replica: ReplicaId) -> Hlc {
        if remote.millis > Hlc::ceiling(now_millis) {
            return Hlc::tick(last, now_millis, replica);
        }
        let last_millis = last.map(|l| l.millis).unwrap_or(i64::MIN);
        let millis = now_millis.max(last_millis).max(remote.millis);
        let counter = if millis == last_millis && millis == remote.millis {
            last.map(|l| l.counter).unwrap_or(0).max(remote.counter).saturating_add(1)
        } else if millis == last_millis {
            last.map(|l| l.counter).unwrap_or(0).saturating_add(1)
        } else if millis == remote.millis {
            remote.counter.saturating_add(1)
        } else {
            0
        };
        Hlc { millis, counter, replica }
    }

    /// The calendar time of this clock, UTC, as RFC 3339 (for display and the dump).
    pub fn to_rfc3339(&self) -> String {
        chrono::DateTime::from_timestamp_millis(self.millis)
            .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .unwrap_or_default()
    }
}

impl fmt::Display for Hlc {
    /// Fixed-width text that sorts like the value: `000001763884800000.0000000000.<replica>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:018}.{:010}.{}", self.millis, self.counter, self.replica)
    }
}

/// The text could not be read as a clock.
#[derive(Debug, thiserror::Error)]
#[error("not a hybrid logical clock: {0:?}")]
pub struct HlcParseError(pub String);

impl FromStr for Hlc {
    type Err = HlcParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || HlcParseError(s.to_owned());
        let mut parts = s.splitn(3, '.');
        let millis = parts.next().and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(err)?;
        let replica = parts.next().and_then(|p| p.parse().ok()).ok_or_else(err)?;
        Ok(Hlc { millis, counter, replica })
    }
}

impl Serialize for Hlc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Hlc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl ts_rs::TS for Hlc {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replica(n: u8) -> ReplicaId {
        ReplicaId(Uuid::from_bytes([n; 16]))
    }

    #[test]
    fn tick_never_goes_backwards_when_the_wall_clock_does() {
        let r = replica(1);
        let a = Hlc::tick(None, 1_000, r);
        let b = Hlc::tick(Some(a), 500, r);
        assert!(b > a, "a later local event must get a later clock even if the wall clock jumped back");
        assert_eq!((b.millis, b.counter), (1_000, 1));
        let c = Hlc::tick(Some(b), 2_000, r);
        assert_eq!((c.millis, c.counter), (2_000, 0));
    }

    #[test]
    fn observe_is_later_than_local_and_remote() {
        let local = Hlc { millis: 1_000, counter: 3, replica: replica(1) };
        let remote = Hlc { millis: 5_000, counter: 7, replica: replica(2) };
        let next = Hlc::observe(Some(local), remote, 900, replica(1));
        assert!(next > local && next > remote);
        assert_eq!((next.millis, next.counter), (5_000, 8));
    }

    #[test]
    fn observe_does_not_follow_a_clock_beyond_the_allowed_drift() {
        let now = 1_000_000;
        let local = Hlc { millis: now - 5, counter: 0, replica: replica(1) };
        let year_2099 = Hlc { millis: 4_070_908_800_000, counter: 0, replica: replica(2) };
        let next = Hlc::observe(Some(local), year_2099, now, replica(1));
        assert_eq!((next.millis, next.counter), (now, 0), "a remote clock far ahead is not followed");
        let within = Hlc { millis: now + MAX_AHEAD_MILLIS, counter: 4, replica: replica(2) };
        let next = Hlc::observe(Some(local), within, now, replica(1));
        assert_eq!((next.millis, next.counter), (now + MAX_AHEAD_MILLIS, 5), "within the drift it is followed");
    }

    #[test]
    fn text_form_round_trips_and_sorts_like_the_value() {
        let a = Hlc { millis: 9, counter: 10, replica: replica(1) };
        let b = Hlc { millis: 10, counter: 0, replica: replica(1) };
        assert_eq!(a.to_string().parse::<Hlc>().unwrap(), a);
        assert!(a < b && a.to_string() < b.to_string());
    }

    #[test]
    fn deterministic_sources_repeat() {
        let mut x = Sources::deterministic(7, 1_700_000_000_000, 1);
        let mut y = Sources::deterministic(7, 1_700_000_000_000, 1);
        for _ in 0..5 {
            let (tx, ty) = (x.now_millis(), y.now_millis());
            assert_eq!(x.new_uuid(tx), y.new_uuid(ty));
        }
    }
}
