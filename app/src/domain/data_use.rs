//! Management of Data Use (issue 5), the pure part: what a citizen may ask
//! for in a form, parsed at the edge into domain values; the viewers the
//! "who can see my data" preview offers; and the preview itself, which is
//! nothing but the §5 decision applied to every item.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::decision::{decide, Decision, Item, Situation, Viewer, ViewerRole};
use super::declarations::{
    CrossSector, DenialScope, PrescriptionId, ProviderId, RegisterKind, Sector, ServiceEventId, ValidAt,
};

pub fn sector_code(s: Sector) -> &'static str {
    match s {
        Sector::Healthcare => "healthcare",
        Sector::SocialWelfare => "social_welfare",
    }
}

pub fn parse_sector(s: &str) -> Option<Sector> {
    match s {
        "healthcare" => Some(Sector::Healthcare),
        "social_welfare" => Some(Sector::SocialWelfare),
        _ => None,
    }
}

pub fn cross_code(c: CrossSector) -> &'static str {
    match c {
        CrossSector::HealthcareToSocialWelfare => "healthcare_to_social_welfare",
        CrossSector::SocialWelfareToHealthcare => "social_welfare_to_healthcare",
    }
}

pub fn parse_cross(s: &str) -> Option<CrossSector> {
    match s {
        "healthcare_to_social_welfare" => Some(CrossSector::HealthcareToSocialWelfare),
        "social_welfare_to_healthcare" => Some(CrossSector::SocialWelfareToHealthcare),
        _ => None,
    }
}

/// Why a form's values do not make a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormError {
    /// No such sector or direction.
    Sector,
    /// No such kind of denial.
    DenialKind,
    /// The denial needs something to deny (an event, provider or prescription).
    DenialTarget,
    /// The viewer of the preview is not one of the choices.
    Viewer,
    /// Treatment or emergency.
    Situation,
}

/// A denial as a form asks for it: its kind and, where the kind needs one,
/// its target (a service event id, a provider id, a prescription id, a sector).
pub fn parse_denial(kind: &str, target: &str) -> Result<DenialScope, FormError> {
    let target = target.trim();
    let id = || target.parse::<i64>().ok().filter(|n| *n > 0).ok_or(FormError::DenialTarget);
    match kind {
        "service_event" => Ok(DenialScope::ServiceEvent(ServiceEventId(id()?))),
        "prescription" => Ok(DenialScope::Prescription(PrescriptionId(id()?))),
        "register" => {
            let (provider, kind) = target.split_once(':').ok_or(FormError::DenialTarget)?;
            let provider = ProviderId::parse(provider).ok_or(FormError::DenialTarget)?;
            RegisterKind::parse(kind).map(|kind| DenialScope::Register(provider, kind)).ok_or(FormError::DenialTarget)
        }
        "comprehensive" => parse_sector(target).map(DenialScope::Comprehensive).ok_or(FormError::DenialTarget),
        "uusimaa" => Ok(DenialScope::Uusimaa),
        _ => Err(FormError::DenialKind),
    }
}

/// The kind and target of a denial, as forms and URLs write them.
pub fn denial_form_values(scope: &DenialScope) -> (&'static str, String) {
    match scope {
        DenialScope::ServiceEvent(e) => ("service_event", e.0.to_string()),
        DenialScope::Prescription(p) => ("prescription", p.0.to_string()),
        DenialScope::Register(p, kind) => ("register", format!("{}:{}", p.0, kind.code())),
        // Never offered by a form; written for completeness (and never parsed back).
        DenialScope::Provider(p) => ("provider", p.0.clone()),
        DenialScope::Comprehensive(s) => ("comprehensive", sector_code(*s).to_string()),
        DenialScope::Uusimaa => ("uusimaa", String::new()),
    }
}

/// What kind of organisation a provider is (from the provider table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProviderKind {
    WellbeingServicesCounty,
    City,
    JointAuthority,
    Private,
    Pharmacy,
}

impl ProviderKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "wellbeing_services_county" => Some(ProviderKind::WellbeingServicesCounty),
            "city" => Some(ProviderKind::City),
            "joint_authority" => Some(ProviderKind::JointAuthority),
            "private" => Some(ProviderKind::Private),
            "pharmacy" => Some(ProviderKind::Pharmacy),
            _ => None,
        }
    }

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

pub fn role_code(r: ViewerRole) -> &'static str {
    match r {
        ViewerRole::Healthcare { occupational_health: false } => "healthcare",
        ViewerRole::Healthcare { occupational_health: true } => "occupational_health",
        ViewerRole::SocialWelfare => "social_welfare",
        ViewerRole::Pharmacy => "pharmacy",
    }
}

/// A viewer choice of the preview form: `provider:role`, e.g. `hus:healthcare`.
pub fn viewer_choice(provider: &ProviderId, role: ViewerRole) -> String {
    format!("{}:{}", provider.0, role_code(role))
}

/// Parses a viewer choice into a provider and role (the caller checks that
/// the provider exists and offers the role).
pub fn parse_viewer_choice(s: &str) -> Result<(ProviderId, ViewerRole), FormError> {
    let (provider, role) = s.split_once(':').ok_or(FormError::Viewer)?;
    let role = match role {
        "healthcare" => ViewerRole::Healthcare { occupational_health: false },
        "occupational_health" => ViewerRole::Healthcare { occupational_health: true },
        "social_welfare" => ViewerRole::SocialWelfare,
        "pharmacy" => ViewerRole::Pharmacy,
        _ => return Err(FormError::Viewer),
    };
    Ok((ProviderId::parse(provider).ok_or(FormError::Viewer)?, role))
}

pub fn parse_situation(s: &str) -> Result<Situation, FormError> {
    match s {
        "" | "treatment" => Ok(Situation::Treatment),
        "emergency" => Ok(Situation::Emergency),
        _ => Err(FormError::Situation),
    }
}

pub fn situation_code(s: Situation) -> &'static str {
    match s {
        Situation::Treatment => "treatment",
        Situation::Emergency => "emergency",
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
    use crate::domain::decision::Reason;
    use crate::domain::declarations::{DeclarationId, Register, RegisterKind, ValidDenial};
    use crate::domain::notice::NoticeVersion;
    use chrono::TimeZone;

    #[test]
    fn denial_forms_parse_into_scopes_and_back() {
        for scope in [
            DenialScope::ServiceEvent(ServiceEventId(12)),
            DenialScope::Prescription(PrescriptionId(3)),
            DenialScope::Register(ProviderId("vantaa-kerava".into()), RegisterKind::SocialWelfareClient),
            DenialScope::Register(ProviderId("kide-terveys".into()), RegisterKind::OccupationalHealth),
            DenialScope::Comprehensive(Sector::SocialWelfare),
            DenialScope::Uusimaa,
        ] {
            let (kind, target) = denial_form_values(&scope);
            assert_eq!(parse_denial(kind, &target), Ok(scope));
        }
    }

    #[test]
    fn bad_denial_forms_name_what_is_wrong() {
        assert_eq!(parse_denial("everything", ""), Err(FormError::DenialKind));
        assert_eq!(parse_denial("service_event", ""), Err(FormError::DenialTarget));
        assert_eq!(parse_denial("service_event", "-4"), Err(FormError::DenialTarget));
        assert_eq!(parse_denial("prescription", "1e3"), Err(FormError::DenialTarget));
        assert_eq!(parse_denial("register", "HUS; DROP:patient"), Err(FormError::DenialTarget));
        assert_eq!(parse_denial("register", "hus"), Err(FormError::DenialTarget));
        assert_eq!(parse_denial("register", "hus:dental"), Err(FormError::DenialTarget));
        assert_eq!(parse_denial("provider", "hus"), Err(FormError::DenialKind), "whole providers are no longer denied");
        assert_eq!(parse_denial("comprehensive", "dental"), Err(FormError::DenialTarget));
    }

    #[test]
    fn viewer_choices_round_trip() {
        for role in [
            ViewerRole::Healthcare { occupational_health: false },
            ViewerRole::Healthcare { occupational_health: true },
            ViewerRole::SocialWelfare,
            ViewerRole::Pharmacy,
        ] {
            let p = ProviderId("kide-terveys".into());
            assert_eq!(parse_viewer_choice(&viewer_choice(&p, role)), Ok((p, role)));
        }
        for bad in ["hus", "hus:dentist", ":healthcare", "HUS:healthcare", "a b:pharmacy"] {
            assert_eq!(parse_viewer_choice(bad), Err(FormError::Viewer), "{bad}");
        }
        assert_eq!(parse_situation("emergency"), Ok(Situation::Emergency));
        assert_eq!(parse_situation("always"), Err(FormError::Situation));
    }

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
            provider: ProviderId("hus".into()),
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
