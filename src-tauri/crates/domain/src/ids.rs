//! Newtype ids. Every entity and op id is a UUIDv7 (time-ordered), made from injected time and
//! randomness by [`crate::clock::Sources::new_uuid`]. In TypeScript they are plain strings.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        pub struct $name(#[ts(type = "string")] pub Uuid);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(Uuid::parse_str(s)?))
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                Self(u)
            }
        }
    };
}

id_type!(
    /// A household the volunteers help.
    HouseholdId
);
id_type!(
    /// One consent event (given or withdrawn) for one scope.
    ConsentId
);
id_type!(
    /// A planned, done or cancelled home visit.
    VisitId
);
id_type!(
    /// A task after a visit: a referral, an agreement or a follow-up contact.
    TaskId
);
id_type!(
    /// A kind of material the organisation hands out (an energy-box item).
    StockItemId
);
id_type!(
    /// One change of the stock: received, handed out, corrected or written off.
    StockMovementId
);
id_type!(
    /// A person using an installation (volunteer or coordinator).
    UserId
);
id_type!(
    /// One installation of Keukentafel (one store file). Random, made once when the store is created.
    ReplicaId
);
id_type!(
    /// One entry in the change log.
    OpId
);
