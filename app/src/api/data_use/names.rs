//! The names of the subject's items in one language (server only).

use std::collections::HashMap;

use super::*;
use crate::domain::decision::Reason;
use crate::domain::declarations::{
    Actor, Declaration, DeclarationEvent, DeclarationId, DenialScope, PrescriptionId, ProviderId, RegisterKind,
    ServiceEventId,
};
use crate::domain::listing::Visibility;
use crate::domain::records::{Prescription, ServiceEvent};
use crate::domain::wills::{AbroadCountries, CountryCode};
use crate::i18n::Texts;
use crate::server::*;

/// What the descriptions of declarations refer to, in one language.
/// The names of the subject's items, as far as the asker may see them:
/// a guardian's `Names` hold only what was recorded before the child
/// turned 10 (DOMAIN.md §6), so nothing built from them (denials,
/// history, choices, confirmation steps) can name or reach the rest.
pub struct Names {
    pub locale: Locale,
    pub providers: HashMap<String, String>,
    pub events: HashMap<ServiceEventId, ServiceEvent>,
    pub prescriptions: HashMap<PrescriptionId, Prescription>,
    /// The participating countries abroad, by name, in name order.
    pub countries: Vec<(CountryCode, String)>,
    /// The countries whose healthcare receives patient summaries, by name.
    pub summary_countries: Vec<(CountryCode, String)>,
    /// Items of the subject the asker may not see (only ever counted
    /// in, never named).
    hidden_events: std::collections::HashSet<ServiceEventId>,
    hidden_prescriptions: std::collections::HashSet<PrescriptionId>,
}

impl Names {
    pub async fn load(pool: &Db, citizen: CitizenId, locale: Locale, visibility: Visibility) -> Result<Self, AppError> {
        let providers = pool.provider_names(locale).await?;
        let (events, hidden_events): (Vec<_>, Vec<_>) = pool
            .load_service_events(citizen)
            .await?
            .into_iter()
            .partition(|e| visibility.shows_of(e.register.kind.sector(), e.started_on));
        let (prescriptions, hidden_prescriptions): (Vec<_>, Vec<_>) = pool
            .load_prescriptions(citizen)
            .await?
            .into_iter()
            .partition(|p| visibility.shows_of(Sector::Healthcare, p.prescribed_on));
        let countries = pool.abroad_countries(locale).await?;
        let summary_countries = pool.summary_abroad_countries(locale).await?;
        Ok(Names {
            locale,
            providers,
            countries,
            summary_countries,
            events: events.into_iter().map(|e| (e.id, e)).collect(),
            prescriptions: prescriptions.into_iter().map(|p| (p.id, p)).collect(),
            hidden_events: hidden_events.into_iter().map(|e| e.id).collect(),
            hidden_prescriptions: hidden_prescriptions.into_iter().map(|p| p.id).collect(),
        })
    }

    /// The service events the asker may see, newest first.
    pub fn visible_events(&self, visibility: Visibility) -> Vec<&ServiceEvent> {
        let mut events: Vec<_> =
            self.events.values().filter(|e| visibility.shows_of(e.register.kind.sector(), e.started_on)).collect();
        events.sort_by_key(|e| std::cmp::Reverse((e.started_on, e.id)));
        events
    }

    /// The prescriptions the asker may see, newest first.
    pub fn visible_prescriptions(&self, visibility: Visibility) -> Vec<&Prescription> {
        let mut prescriptions: Vec<_> =
            self.prescriptions.values().filter(|p| visibility.shows_of(Sector::Healthcare, p.prescribed_on)).collect();
        prescriptions.sort_by_key(|p| std::cmp::Reverse((p.prescribed_on, p.id)));
        prescriptions
    }

    /// Whether a denial of this scope refers to the subject's own data
    /// that the asker may see (a guardian: what was recorded before the
    /// child turned 10).
    pub fn within_reach(&self, scope: &DenialScope, visibility: Visibility) -> bool {
        match scope {
            DenialScope::ServiceEvent(id) => {
                self.events.get(id).is_some_and(|e| visibility.shows_of(e.register.kind.sector(), e.started_on))
            }
            DenialScope::Prescription(id) => {
                self.prescriptions.get(id).is_some_and(|p| visibility.shows_of(Sector::Healthcare, p.prescribed_on))
            }
            DenialScope::Register(p, kind) => {
                self.events.values().any(|e| e.register.provider == *p && e.register.kind == *kind)
            }
            DenialScope::Provider(p) => {
                self.events.values().any(|e| e.register.provider == *p)
                    || self.prescriptions.values().any(|x| x.prescriber == *p)
            }
            DenialScope::Comprehensive(_) | DenialScope::Uusimaa => true,
        }
    }

    /// A new denial's target must be `within_reach`; otherwise the
    /// request is refused as not the citizen's data (403), and audited.
    pub async fn refuse_unless_within_reach(&self, subject: &Subject, scope: &DenialScope) -> Result<(), AppError> {
        if self.within_reach(scope, subject.visibility) {
            return Ok(());
        }
        let refused = AppError::Declaration(crate::domain::validity::DeclarationError::NotTheCitizensData);
        Err(refuse_access(subject, "denial target", None, refused).await)
    }

    /// Whether a new denial allows emergencies: the form's checkbox, where
    /// the scope can carry it at all (`DenialScope::may_allow_emergency`;
    /// the comprehensive form offers both sectors in one list, so a
    /// social welfare choice ignores the box, and the confirmation step
    /// says the denial holds in an emergency).
    pub fn allows_emergency(&self, scope: &DenialScope, checkbox: Option<&str>) -> bool {
        let event_sector = match scope {
            DenialScope::ServiceEvent(id) => self.events.get(id).map(|e| e.register.kind.sector()),
            _ => None,
        };
        checkbox.is_some_and(|v| !v.is_empty()) && scope.may_allow_emergency(event_sector)
    }

    pub fn t(&self) -> &'static Texts {
        self.locale.texts()
    }

    pub fn provider(&self, id: &ProviderId) -> String {
        crate::api::records::provider_name(&self.providers, &id.0).to_string()
    }

    pub fn sector(&self, s: Sector) -> &'static str {
        self.t().sector(s)
    }

    /// A register as a sentence names it, e.g. "the patient register of HUS".
    pub fn register(&self, provider: &ProviderId, kind: RegisterKind) -> String {
        let t = self.t();
        (t.register_in_sentence)(&self.provider(provider), t.register_kind(kind))
    }

    /// Where an abroad consent reaches, e.g. "Estonia, Portugal".
    pub fn countries(&self, c: &AbroadCountries) -> String {
        match c {
            AbroadCountries::All => self.t().wills.every_country.to_string(),
            AbroadCountries::Chosen(set) => {
                let named = self.countries.iter().filter(|(code, _)| set.contains(code)).map(|(_, n)| n.as_str());
                named.collect::<Vec<_>>().join(", ")
            }
        }
    }

    /// Where the patient summary's abroad consent reaches: every country
    /// that receives summaries, e.g. "Latvia, Norway".
    pub fn summary_countries(&self) -> String {
        self.summary_countries.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join(", ")
    }

    pub fn cross(&self, c: CrossSector) -> &'static str {
        self.t().cross_sector(c)
    }

    pub fn event_label(&self, e: &ServiceEvent) -> String {
        (self.t().event_label)(&self.locale.date(e.started_on), &self.provider(&e.register.provider), &e.title)
    }

    pub fn prescription_label(&self, p: &Prescription) -> String {
        (self.t().prescription_label)(&self.locale.date(p.prescribed_on), &format!("{} {}", p.medicine, p.strength))
    }

    /// A denial's scope in plain words.
    pub fn scope(&self, scope: &DenialScope) -> String {
        let t = self.t();
        match scope {
            DenialScope::ServiceEvent(id) => match self.events.get(id) {
                Some(e) => (t.denial_of_event)(&self.event_label(e)),
                None if self.hidden_events.contains(id) => t.denial_of_hidden.to_string(),
                None => t.denial_of_unknown.to_string(),
            },
            DenialScope::Prescription(id) => match self.prescriptions.get(id) {
                Some(p) => (t.denial_of_prescription)(&self.prescription_label(p)),
                None if self.hidden_prescriptions.contains(id) => t.denial_of_hidden.to_string(),
                None => t.denial_of_unknown.to_string(),
            },
            DenialScope::Register(p, kind) => self.register(p, *kind),
            DenialScope::Provider(p) => (t.denial_of_provider)(&self.provider(p)),
            DenialScope::Comprehensive(s) => (t.denial_comprehensive)(*s),
            DenialScope::Uusimaa => t.denial_uusimaa.to_string(),
        }
    }

    /// Who will no longer see what, and what continues, in plain sentences.
    pub fn consequences(&self, scope: &DenialScope, allow_in_emergency: bool) -> Vec<String> {
        let t = self.t();
        let mut out = vec![match scope {
            DenialScope::ServiceEvent(_) => t.consequence_event.to_string(),
            DenialScope::Prescription(_) => t.consequence_prescription.to_string(),
            DenialScope::Register(p, kind) => (t.consequence_register)(&self.register(p, *kind)),
            DenialScope::Provider(p) => (t.consequence_provider)(&self.provider(p)),
            DenialScope::Comprehensive(s) => (t.consequence_comprehensive)(*s),
            DenialScope::Uusimaa => t.consequence_uusimaa.to_string(),
        }];
        if matches!(scope, DenialScope::Prescription(_)) {
            out.push(t.consequence_at_the_pharmacy.to_string());
            out.push(t.consequence_prescriber_continues.to_string());
            // One permission covers all denied prescriptions (DOMAIN.md §4).
            out.push(t.consequence_prescription_emergency.to_string());
        } else if matches!(scope, DenialScope::Uusimaa) {
            // It turns off the Uusimaa rule only: the emergency rule still applies.
            out.push(t.consequence_same_register.to_string());
            out.push(t.consequence_uusimaa_emergency.to_string());
        } else {
            out.push(t.consequence_same_register.to_string());
            out.push(
                if allow_in_emergency { t.consequence_emergency_allowed } else { t.consequence_emergency_denied }
                    .to_string(),
            );
        }
        out.push(t.consequence_cancel_any_time.to_string());
        out
    }

    pub fn event(&self, d: &Declaration, all: &[Declaration]) -> String {
        let t = self.t();
        match &d.event {
            DeclarationEvent::ConsentGiven(s) => (t.history_consent_given)(self.sector(*s)),
            DeclarationEvent::ConsentWithdrawn(s) => (t.history_consent_withdrawn)(self.sector(*s)),
            DeclarationEvent::ConsentUpdated(s) => (t.history_consent_updated)(self.sector(*s)),
            DeclarationEvent::PrescriptionEmergencyAllowed => t.history_rx_emergency_allowed.to_string(),
            DeclarationEvent::PrescriptionEmergencyWithdrawn => t.history_rx_emergency_withdrawn.to_string(),
            DeclarationEvent::CrossSectorConsentGiven(c) => (t.history_cross_given)(self.cross(*c)),
            DeclarationEvent::CrossSectorConsentWithdrawn(c) => (t.history_cross_withdrawn)(self.cross(*c)),
            DeclarationEvent::DenialSet { scope, allow_in_emergency } => {
                let mut s = (t.history_denial_set)(&self.scope(scope));
                if *allow_in_emergency {
                    s.push_str(t.history_emergency_allowed);
                }
                s
            }
            DeclarationEvent::DenialCancelled { denial } => {
                let what = all
                    .iter()
                    .find(|x| x.id == *denial)
                    .and_then(|x| match &x.event {
                        DeclarationEvent::DenialSet { scope, .. } => Some(self.scope(scope)),
                        _ => None,
                    })
                    .unwrap_or_else(|| t.denial_of_unknown.to_string());
                (t.history_denial_cancelled)(&what)
            }
            DeclarationEvent::LivingWillSaved(_) => t.wills.history_living_will_saved.to_string(),
            DeclarationEvent::LivingWillWithdrawn => t.wills.history_living_will_withdrawn.to_string(),
            DeclarationEvent::OrganDonationDeclared(o) => (t.wills.history_organ)(self.answer(o.donate)),
            DeclarationEvent::OrganDonationWithdrawn => t.wills.history_organ_withdrawn.to_string(),
            DeclarationEvent::AbroadConsentGiven(c) => (t.wills.history_abroad_given)(&self.countries(c)),
            DeclarationEvent::AbroadConsentWithdrawn => t.wills.history_abroad_withdrawn.to_string(),
            DeclarationEvent::SummaryAbroadConsentGiven => (t.summary.history_abroad_given)(&self.summary_countries()),
            DeclarationEvent::SummaryAbroadConsentWithdrawn => t.summary.history_abroad_withdrawn.to_string(),
            DeclarationEvent::WellbeingConsentGiven(s) => (t.wellbeing.history_given)(*s).to_string(),
            DeclarationEvent::WellbeingConsentWithdrawn(s) => (t.wellbeing.history_withdrawn)(*s).to_string(),
        }
    }

    /// An organ donation testament's answer, in a sentence.
    pub fn answer(&self, donate: bool) -> &'static str {
        if donate {
            self.t().wills.answer_yes
        } else {
            self.t().wills.answer_no
        }
    }

    /// The plain-language reason of a decision.
    pub fn reason(&self, r: Reason, declarations: &[Declaration]) -> String {
        let t = self.t();
        let when = |id: DeclarationId| {
            declarations.iter().find(|d| d.id == id).map(|d| self.locale.local_date(d.at)).unwrap_or_default()
        };
        match r {
            Reason::SameRegister => t.reason_same_register.to_string(),
            Reason::Prescriber => t.reason_prescriber.to_string(),
            Reason::PrescriptionDenied(id) => (t.reason_prescription_denied)(&when(id)),
            Reason::PrescriptionEmergencyAllowed(id) => (t.reason_prescription_emergency)(&when(id)),
            Reason::Emergency => t.reason_emergency.to_string(),
            Reason::PrescriptionRenewalHandled => t.reason_prescription_renewal_handled.to_string(),
            Reason::PrescriptionCnsPrescribing => t.reason_prescription_cns_prescribing.to_string(),
            Reason::PrescriptionInTreatment => t.reason_prescription_in_treatment.to_string(),
            Reason::PrescriptionDispensing => t.reason_prescription_dispensing.to_string(),
            Reason::NotInformed => t.reason_not_informed.to_string(),
            Reason::PharmacySeesOnlyPrescriptions => t.reason_pharmacy_only_prescriptions.to_string(),
            Reason::CrossSectorNotOpen => t.reason_cross_not_open.to_string(),
            Reason::NoCrossSectorConsent => t.reason_no_cross_consent.to_string(),
            Reason::Denied(id) => (t.reason_denied)(&when(id)),
            Reason::Uusimaa => t.reason_uusimaa.to_string(),
            Reason::Consent(id) => (t.reason_consent)(&when(id)),
            Reason::NoConsent => t.reason_no_consent.to_string(),
            Reason::WillForHealthcare => t.wills.reason_for_healthcare.to_string(),
            Reason::WillOnlyForHealthcare => t.wills.reason_only_healthcare.to_string(),
            Reason::AbroadConsent(id) => (t.wills.reason_abroad_consent)(&when(id)),
            Reason::NoAbroadConsent => t.wills.reason_no_abroad_consent.to_string(),
            Reason::NeverAbroad => t.wills.reason_never_abroad.to_string(),
            Reason::SummaryAbroadConsent(id) => (t.summary.reason_abroad_consent)(&when(id)),
            Reason::NoSummaryAbroadConsent => t.summary.reason_no_abroad_consent.to_string(),
            Reason::OnlyThePatientSummaryAbroad => t.summary.reason_only_summary_abroad.to_string(),
            Reason::WellbeingConsent(id) => (t.wellbeing.reason_consent)(&when(id)),
            Reason::NoWellbeingConsent => t.wellbeing.reason_no_consent.to_string(),
            Reason::WellbeingNotForPharmacies => t.wellbeing.reason_not_for_pharmacies.to_string(),
        }
    }

    pub fn actor(&self, a: &Actor, guardians: &HashMap<i64, String>) -> (String, String) {
        let t = self.t();
        match a {
            Actor::Citizen => (t.actor_you.to_string(), t.channel_online.to_string()),
            Actor::Guardian(id) => {
                ((t.actor_guardian)(guardians.get(id).map(String::as_str).unwrap_or("")), t.channel_online.to_string())
            }
            Actor::Professional(p) => {
                ((t.actor_professional)(&self.provider(p)), (t.channel_in_person)(&self.provider(p)))
            }
        }
    }
}
