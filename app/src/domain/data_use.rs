//! Management of Data Use, the pure part: the kinds of provider
//! and the viewers the "who can see my data" preview offers; which
//! registers may be denied as a whole; and the preview itself, which is
//! nothing but the §5 decision applied to every item. How forms write these
//! values is `api::forms`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::decision::{decide, Decision, Item, Viewer, ViewerRole};
use super::declarations::RegisterKind;
use super::validity::ValidAt;

/// What kind of organisation a provider is (from the provider table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderKind {
    WellbeingServicesCounty,
    City,
    JointAuthority,
    Private,
    Pharmacy,
}

string_form!(ProviderKind {
    WellbeingServicesCounty => "wellbeing_services_county",
    City => "city",
    JointAuthority => "joint_authority",
    Private => "private",
    Pharmacy => "pharmacy",
});

impl ProviderKind {
    /// The roles a professional of such a provider can view in. Counties and
    /// Helsinki run healthcare and social welfare; HUS healthcare; a private
    /// provider healthcare, and occupational health where it keeps that
    /// register; a pharmacy dispenses.
    pub fn roles(self, has_occupational_register: bool) -> Vec<ViewerRole> {
        match self {
            ProviderKind::WellbeingServicesCounty | ProviderKind::City => {
                vec![ViewerRole::Healthcare { occupational_health: false }, ViewerRole::SocialWelfare]
            }
            ProviderKind::JointAuthority => vec![ViewerRole::Healthcare { occupational_health: false }],
            ProviderKind::Private if has_occupational_register => vec![
                ViewerRole::Healthcare { occupational_health: false },
                ViewerRole::Healthcare { occupational_health: true },
            ],
            ProviderKind::Private => vec![ViewerRole::Healthcare { occupational_health: false }],
            ProviderKind::Pharmacy => vec![ViewerRole::Pharmacy],
        }
    }
}

/// Whether a register may be denied as a whole (DOMAIN.md §4): any register
/// of a public provider, and a private provider's occupational health
/// register; a private provider's ordinary register only event by event.
pub fn register_may_be_denied(provider: ProviderKind, register: RegisterKind) -> bool {
    match provider {
        ProviderKind::WellbeingServicesCounty | ProviderKind::City | ProviderKind::JointAuthority => true,
        ProviderKind::Private => register == RegisterKind::OccupationalHealth,
        ProviderKind::Pharmacy => false,
    }
}

/// The preview: the §5 decision for every item, as of `t`, for one viewer.
pub fn preview<'a, K>(
    items: &'a [(K, Item)],
    viewer: &Viewer,
    valid: &ValidAt,
    t: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
) -> Vec<(&'a K, Decision)> {
    items.iter().map(|(k, item)| (k, decide(item, viewer, valid, t, cross_sector_opens))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::{Reason, Situation};
    use crate::domain::declarations::{DeclarationId, DenialScope, ProviderId, Register, ServiceEventId};
    use crate::domain::notice::NoticeVersion;
    use crate::domain::validity::ValidDenial;
    use chrono::TimeZone;

    #[test]
    fn the_preview_is_the_decision_for_every_item() {
        let t = Utc.with_ymd_and_hms(2026, 11, 24, 12, 0, 0).unwrap();
        let opens = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        let reg = |p: &str, uusimaa| Register {
            provider: ProviderId(p.into()),
            kind: RegisterKind::Patient,
            uusimaa_party: uusimaa,
        };
        let items = vec![
            ("vantaa", Item::Entry { register: reg("vantaa-kerava", true), service_event: ServiceEventId(1) }),
            ("pirkanmaa", Item::Entry { register: reg("pirkanmaa", false), service_event: ServiceEventId(2) }),
        ];
        let mut valid = ValidAt::default();
        valid.confirmed_notices.insert(NoticeVersion::parse("2023-11").unwrap());
        valid.denials.push(ValidDenial {
            id: DeclarationId(9),
            scope: DenialScope::Uusimaa,
            allow_in_emergency: false,
        });
        let hus = Viewer {
            provider: Some(ProviderId("hus".into())),
            role: ViewerRole::Healthcare { occupational_health: false },
            uusimaa_party: true,
            situation: Situation::Treatment,
        };
        let got: Vec<_> = preview(&items, &hus, &valid, t, opens).into_iter().map(|(k, d)| (*k, d)).collect();
        assert_eq!(
            got,
            [("vantaa", Decision::Hidden(Reason::NoConsent)), ("pirkanmaa", Decision::Hidden(Reason::NoConsent))]
        );
        valid.denials.clear();
        let got: Vec<_> = preview(&items, &hus, &valid, t, opens).into_iter().map(|(k, d)| (*k, d)).collect();
        assert_eq!(got[0], ("vantaa", Decision::Visible(Reason::Uusimaa)));
    }

    #[test]
    fn public_registers_and_private_occupational_health_registers_may_be_denied_as_a_whole() {
        use RegisterKind::*;
        for public in [ProviderKind::WellbeingServicesCounty, ProviderKind::City, ProviderKind::JointAuthority] {
            for kind in [Patient, OccupationalHealth, SocialWelfareClient] {
                assert!(register_may_be_denied(public, kind), "{public:?} {kind:?}");
            }
        }
        assert!(register_may_be_denied(ProviderKind::Private, OccupationalHealth));
        assert!(
            !register_may_be_denied(ProviderKind::Private, Patient),
            "a private clinic's register: event by event only"
        );
        assert!(!register_may_be_denied(ProviderKind::Pharmacy, Patient));
    }

    #[test]
    fn each_kind_of_provider_offers_its_roles() {
        assert_eq!(ProviderKind::JointAuthority.roles(false), [ViewerRole::Healthcare { occupational_health: false }]);
        assert_eq!(ProviderKind::Pharmacy.roles(false), [ViewerRole::Pharmacy]);
        assert_eq!(ProviderKind::Private.roles(true).len(), 2);
        assert!(ProviderKind::WellbeingServicesCounty.roles(false).contains(&ViewerRole::SocialWelfare));
        assert_eq!(ProviderKind::parse("city"), Some(ProviderKind::City));
        assert_eq!(ProviderKind::parse("club"), None);
    }
}
