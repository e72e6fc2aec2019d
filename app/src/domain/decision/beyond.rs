//! The items and viewers of §8 that the nine rules of §5 do not decide:
//! healthcare abroad, and the wellbeing data.

use super::{Decision, Item, Reason, Viewer, ViewerRole};
use crate::domain::declarations::{DenialScope, Sector};
use crate::domain::validity::ValidAt;

/// Healthcare abroad (§8): a patient summary item, with the consent to
/// disclose the summary abroad; a denial hides what it covers (in no
/// emergency: the summary is sent as it is), and nothing goes before the
/// notice is confirmed.
pub(super) fn summary_abroad(item: &Item, valid: &ValidAt) -> Decision {
    use Decision::{Hidden, Visible};
    let denied = match item {
        Item::Entry { register, service_event } if register.kind.sector() == Sector::Healthcare => {
            valid.denials.iter().find(|d| match &d.scope {
                DenialScope::ServiceEvent(e) => e == service_event,
                DenialScope::Register(p, kind) => *p == register.provider && *kind == register.kind,
                DenialScope::Provider(p) => *p == register.provider,
                DenialScope::Comprehensive(s) => *s == Sector::Healthcare,
                DenialScope::Prescription(_) | DenialScope::Uusimaa => false,
            })
        }
        Item::Prescription { id, .. } => {
            if let Some(d) = valid.denials.iter().find(|d| d.scope == DenialScope::Prescription(*id)) {
                return Hidden(Reason::PrescriptionDenied(d.id));
            }
            None
        }
        _ => return Hidden(Reason::OnlyThePatientSummaryAbroad),
    };
    if let Some(d) = denied {
        return Hidden(Reason::Denied(d.id));
    }
    if valid.confirmed_notices.is_empty() {
        return Hidden(Reason::NotInformed);
    }
    match valid.summary_abroad_consent {
        Some(id) => Visible(Reason::SummaryAbroadConsent(id)),
        None => Hidden(Reason::NoSummaryAbroadConsent),
    }
}

/// Wellbeing data (§8, seed 004): a healthcare or social welfare viewer
/// sees it only with the citizen's consent to share it with that sector,
/// and only after the notice is confirmed. It is not patient data: the
/// Uusimaa rule, an emergency, a consent to data sharing and the register
/// a viewer keeps do not open it, and denials (of patient or client data)
/// do not reach it. Pharmacies and healthcare abroad never see it.
pub(super) fn wellbeing(viewer: &Viewer, valid: &ValidAt) -> Decision {
    use Decision::{Hidden, Visible};
    let sector = match viewer.role {
        ViewerRole::Healthcare { .. } => Sector::Healthcare,
        ViewerRole::SocialWelfare => Sector::SocialWelfare,
        ViewerRole::Pharmacy | ViewerRole::PharmacyAbroad(_) => return Hidden(Reason::WellbeingNotForPharmacies),
        ViewerRole::HealthcareAbroad(_) => return Hidden(Reason::OnlyThePatientSummaryAbroad),
    };
    if valid.confirmed_notices.is_empty() {
        return Hidden(Reason::NotInformed);
    }
    match valid.wellbeing_consents.get(&sector) {
        Some(id) => Visible(Reason::WellbeingConsent(*id)),
        None => Hidden(Reason::NoWellbeingConsent),
    }
}
