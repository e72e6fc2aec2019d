//! Domain types and rules: pure Rust, no I/O, compiled for the server and WASM.

/// Gives a fieldless enum its one string form, the name the database stores
/// (and forms and URLs carry): `as_str`, `parse` (its inverse) and `ALL`.
/// Each enum's names are written once, in its `string_form!`.
macro_rules! string_form {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The stored name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// The value of a stored name.
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($name => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

pub mod acting;
pub mod audit;
pub mod data_use;
pub mod decision;
pub mod declarations;
#[cfg(feature = "ssr")]
pub mod fhir;
pub mod glance;
pub mod identification;
pub mod identity_code;
#[cfg(feature = "ssr")]
pub mod ips;
pub mod laboratory;
pub mod listing;
pub mod notice;
pub mod records;
pub mod renewal;
pub mod summary;
pub mod text;
pub mod time;
pub mod validity;
pub mod wellbeing;
pub mod wills;

pub use identity_code::{IdentityCode, IdentityCodeError};
pub use notice::{ConfirmationChannel, NoticeConfirmation, NoticeVersion};

#[cfg(test)]
mod string_form_tests {
    use super::acting::ActingRight;
    use super::audit::AuditKind;
    use super::data_use::ProviderKind;
    use super::decision::Situation;
    use super::declarations::{ActorKind, CrossSector, DeclarationKind, DenialKind, RegisterKind, Sector};
    use super::notice::ChannelKind;
    use super::records::EntryKind;
    use super::renewal::{MedicineClass, RenewalState};
    use super::wellbeing::MeasurementKind;

    /// Each enum's stored names parse back to their values (two values
    /// with one name would not compile: the second arm is unreachable).
    macro_rules! round_trip {
        ($($ty:ident),+) => {
            $(
                for &v in $ty::ALL {
                    assert_eq!($ty::parse(v.as_str()), Some(v), "{}", v.as_str());
                }
                assert_eq!($ty::parse(""), None);
                assert_eq!($ty::parse("Healthcare"), None, "names are case-sensitive");
            )+
        };
    }

    #[test]
    fn every_stored_name_parses_back_and_nothing_else_does() {
        round_trip!(
            ActingRight,
            AuditKind,
            ChannelKind,
            ProviderKind,
            Situation,
            ActorKind,
            CrossSector,
            DeclarationKind,
            DenialKind,
            RegisterKind,
            Sector,
            EntryKind,
            MedicineClass,
            RenewalState,
            MeasurementKind
        );
        assert_eq!(EntryKind::ALL.len(), 12);
        assert_eq!(DeclarationKind::ALL.len(), 19);
    }
}
