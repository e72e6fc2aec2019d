//! How the forms of Management of Data Use write domain values:
//! a denial's kind and target, a viewer choice of the preview, its
//! situation; parsed at the edge, each bad field named by a `FormError`.

use serde::{Deserialize, Serialize};

use crate::domain::decision::{Situation, ViewerRole};
use crate::domain::declarations::{
    DenialKind, DenialScope, PrescriptionId, ProviderId, RegisterKind, Sector, ServiceEventId,
};
use crate::domain::wills::CountryCode;

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
/// its target (a service event id, a register `provider:kind`, a
/// prescription id, a sector). Whole providers are no longer denied.
pub fn parse_denial(kind: &str, target: &str) -> Result<DenialScope, FormError> {
    let target = target.trim();
    let id = || target.parse::<i64>().ok().filter(|n| *n > 0).ok_or(FormError::DenialTarget);
    match DenialKind::parse(kind).ok_or(FormError::DenialKind)? {
        DenialKind::ServiceEvent => Ok(DenialScope::ServiceEvent(ServiceEventId(id()?))),
        DenialKind::Prescription => Ok(DenialScope::Prescription(PrescriptionId(id()?))),
        DenialKind::Register => {
            let (provider, kind) = target.split_once(':').ok_or(FormError::DenialTarget)?;
            let provider = ProviderId::parse(provider).ok_or(FormError::DenialTarget)?;
            RegisterKind::parse(kind).map(|kind| DenialScope::Register(provider, kind)).ok_or(FormError::DenialTarget)
        }
        DenialKind::Comprehensive => {
            Sector::parse(target).map(DenialScope::Comprehensive).ok_or(FormError::DenialTarget)
        }
        DenialKind::Uusimaa => Ok(DenialScope::Uusimaa),
        DenialKind::Provider => Err(FormError::DenialKind),
    }
}

/// The kind and target of a denial, as forms and URLs write them.
pub fn denial_form_values(scope: &DenialScope) -> (&'static str, String) {
    let target = match scope {
        DenialScope::ServiceEvent(e) => e.0.to_string(),
        DenialScope::Prescription(p) => p.0.to_string(),
        DenialScope::Register(p, kind) => format!("{}:{}", p.0, kind.as_str()),
        // Never offered by a form; written for completeness (and never parsed back).
        DenialScope::Provider(p) => p.0.clone(),
        DenialScope::Comprehensive(s) => s.as_str().to_string(),
        DenialScope::Uusimaa => String::new(),
    };
    (scope.kind().as_str(), target)
}

/// The viewer roles as the preview form writes them, each once.
const ROLES: [(ViewerRole, &str); 4] = [
    (ViewerRole::Healthcare { occupational_health: false }, "healthcare"),
    (ViewerRole::Healthcare { occupational_health: true }, "occupational_health"),
    (ViewerRole::SocialWelfare, "social_welfare"),
    (ViewerRole::Pharmacy, "pharmacy"),
];

/// A viewer choice of the preview form: `provider:role`, e.g. `hus:healthcare`.
pub fn viewer_choice(provider: &ProviderId, role: ViewerRole) -> String {
    let code = ROLES.iter().find(|(r, _)| *r == role).map_or("", |(_, c)| c);
    format!("{}:{code}", provider.0)
}

/// A pharmacy abroad as the preview form writes it: `abroad:EE`.
pub fn abroad_viewer_choice(country: CountryCode) -> String {
    format!("abroad:{}", country.as_str())
}

/// Healthcare abroad, receiving the patient summary, as the preview form
/// writes it: `summary-abroad:LV`.
pub fn summary_abroad_viewer_choice(country: CountryCode) -> String {
    format!("summary-abroad:{}", country.as_str())
}

/// Parses a viewer choice into a provider and role, or a pharmacy or
/// healthcare abroad and no provider (the caller checks that the provider
/// exists and offers the role, or that the country takes part).
pub fn parse_viewer_choice(s: &str) -> Result<(Option<ProviderId>, ViewerRole), FormError> {
    if let Some(code) = s.strip_prefix("abroad:") {
        let country = CountryCode::parse(code).ok_or(FormError::Viewer)?;
        return Ok((None, ViewerRole::PharmacyAbroad(country)));
    }
    if let Some(code) = s.strip_prefix("summary-abroad:") {
        let country = CountryCode::parse(code).ok_or(FormError::Viewer)?;
        return Ok((None, ViewerRole::HealthcareAbroad(country)));
    }
    let (provider, role) = s.split_once(':').ok_or(FormError::Viewer)?;
    let role = ROLES.iter().find(|(_, c)| *c == role).map(|(r, _)| *r).ok_or(FormError::Viewer)?;
    Ok((Some(ProviderId::parse(provider).ok_or(FormError::Viewer)?), role))
}

/// The situation of the preview form; absent means treatment.
pub fn parse_situation(s: &str) -> Result<Situation, FormError> {
    if s.is_empty() {
        return Ok(Situation::Treatment);
    }
    Situation::parse(s).ok_or(FormError::Situation)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(parse_viewer_choice(&viewer_choice(&p, role)), Ok((Some(p), role)));
        }
        let ee = CountryCode::parse("EE").unwrap();
        assert_eq!(parse_viewer_choice(&abroad_viewer_choice(ee)), Ok((None, ViewerRole::PharmacyAbroad(ee))));
        let lv = CountryCode::parse("LV").unwrap();
        let summary = summary_abroad_viewer_choice(lv);
        assert_eq!(parse_viewer_choice(&summary), Ok((None, ViewerRole::HealthcareAbroad(lv))));
        for bad in [
            "hus",
            "hus:dentist",
            ":healthcare",
            "HUS:healthcare",
            "a b:pharmacy",
            "abroad:ee",
            "abroad:",
            "abroad:EST",
            "summary-abroad:lv",
            "summary-abroad:",
        ] {
            assert_eq!(parse_viewer_choice(bad), Err(FormError::Viewer), "{bad}");
        }
        assert_eq!(parse_situation("emergency"), Ok(Situation::Emergency));
        assert_eq!(parse_situation("always"), Err(FormError::Situation));
    }
}
