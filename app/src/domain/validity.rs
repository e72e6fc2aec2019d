//! What the citizen's declarations amount to at a time `t` (DOMAIN.md §4):
//! the valid consents and denials, the notice versions confirmed; and which
//! new declaration events make sense then.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::declarations::{
    CrossSector, Declaration, DeclarationEvent, DeclarationId, DenialScope, PrescriptionId, ProviderId, RegisterKind,
    Sector, ServiceEventId,
};
use super::notice::NoticeVersion;
use super::wills::{AbroadCountries, LivingWill, OrganDonation};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidDenial {
    /// The declaration that set it.
    pub id: DeclarationId,
    pub scope: DenialScope,
    pub allow_in_emergency: bool,
}

/// What the citizen's declarations and notice confirmations amount to at `t`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidAt {
    /// Valid consents to data sharing, with the declaration that gave each.
    pub consents: BTreeMap<Sector, DeclarationId>,
    /// Valid consents given before 1 January 2024 and not updated since.
    pub consents_to_update: BTreeSet<Sector>,
    pub cross_sector_consents: BTreeMap<CrossSector, DeclarationId>,
    pub denials: Vec<ValidDenial>,
    /// The emergency permission of denied prescriptions, if valid.
    pub prescription_emergency: Option<DeclarationId>,
    /// Notice versions confirmed before `t`.
    pub confirmed_notices: BTreeSet<NoticeVersion>,
    /// The valid version of the living will, and the declaration that saved it.
    pub living_will: Option<(DeclarationId, LivingWill)>,
    pub organ_donation: Option<(DeclarationId, OrganDonation)>,
    /// The valid consent to disclose prescriptions abroad.
    pub abroad_consent: Option<(DeclarationId, AbroadCountries)>,
    /// The valid consent to disclose the patient summary abroad.
    pub summary_abroad_consent: Option<DeclarationId>,
    /// Valid consents to share wellbeing data, per sector.
    pub wellbeing_consents: BTreeMap<Sector, DeclarationId>,
}

/// Consents given from this instant on (1 January 2024, Helsinki time)
/// cover all sharing; earlier ones cover sharing through Kanta only.
pub fn consents_cover_all_sharing_from() -> DateTime<Utc> {
    super::time::helsinki_midnight(chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("a valid date"))
}

/// Derives what is valid at `t` from the events strictly before `t`
/// (events at the same instant are applied in id order).
pub fn valid_at(
    declarations: &[Declaration],
    notice_confirmations: &[(NoticeVersion, DateTime<Utc>)],
    t: DateTime<Utc>,
) -> ValidAt {
    let mut before: Vec<&Declaration> = declarations.iter().filter(|d| d.at < t).collect();
    before.sort_by_key(|d| (d.at, d.id));
    let mut valid = ValidAt::default();
    for d in before {
        match &d.event {
            DeclarationEvent::ConsentGiven(s) => {
                if !valid.consents.contains_key(s) {
                    valid.consents.insert(*s, d.id);
                    if d.at < consents_cover_all_sharing_from() {
                        valid.consents_to_update.insert(*s);
                    }
                }
            }
            DeclarationEvent::ConsentWithdrawn(s) => {
                valid.consents.remove(s);
                valid.consents_to_update.remove(s);
            }
            DeclarationEvent::ConsentUpdated(s) => {
                valid.consents_to_update.remove(s);
            }
            DeclarationEvent::PrescriptionEmergencyAllowed => {
                valid.prescription_emergency.get_or_insert(d.id);
            }
            DeclarationEvent::PrescriptionEmergencyWithdrawn => valid.prescription_emergency = None,
            DeclarationEvent::CrossSectorConsentGiven(c) => {
                valid.cross_sector_consents.entry(*c).or_insert(d.id);
            }
            DeclarationEvent::CrossSectorConsentWithdrawn(c) => {
                valid.cross_sector_consents.remove(c);
            }
            DeclarationEvent::DenialSet { scope, allow_in_emergency } => valid.denials.push(ValidDenial {
                id: d.id,
                scope: scope.clone(),
                allow_in_emergency: *allow_in_emergency,
            }),
            DeclarationEvent::DenialCancelled { denial } => valid.denials.retain(|v| v.id != *denial),
            // A new version, testament or consent replaces the valid one.
            DeclarationEvent::LivingWillSaved(w) => valid.living_will = Some((d.id, w.clone())),
            DeclarationEvent::LivingWillWithdrawn => valid.living_will = None,
            DeclarationEvent::OrganDonationDeclared(o) => valid.organ_donation = Some((d.id, o.clone())),
            DeclarationEvent::OrganDonationWithdrawn => valid.organ_donation = None,
            DeclarationEvent::AbroadConsentGiven(c) => valid.abroad_consent = Some((d.id, c.clone())),
            DeclarationEvent::AbroadConsentWithdrawn => valid.abroad_consent = None,
            DeclarationEvent::SummaryAbroadConsentGiven => {
                valid.summary_abroad_consent.get_or_insert(d.id);
            }
            DeclarationEvent::SummaryAbroadConsentWithdrawn => valid.summary_abroad_consent = None,
            DeclarationEvent::WellbeingConsentGiven(s) => {
                valid.wellbeing_consents.entry(*s).or_insert(d.id);
            }
            DeclarationEvent::WellbeingConsentWithdrawn(s) => {
                valid.wellbeing_consents.remove(s);
            }
        }
    }
    valid.confirmed_notices = notice_confirmations.iter().filter(|(_, at)| *at < t).map(|(v, _)| v.clone()).collect();
    valid
}

/// What is valid now: after every event up to `now`, one made at this very
/// instant included (the moment just after `now`).
pub fn valid_now(declarations: &[Declaration], now: DateTime<Utc>) -> ValidAt {
    valid_at(declarations, &[], now + chrono::Duration::nanoseconds(1))
}

/// One version of the living will: when it was saved and, unless it is the
/// one in force, when a new version or a withdrawal ended it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LivingWillVersion {
    pub saved_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub will: LivingWill,
}

/// Every version of the living will, oldest first (in the order `valid_at`
/// applies the events): the last is in force if it has not ended.
pub fn living_will_versions(declarations: &[Declaration]) -> Vec<LivingWillVersion> {
    let mut events: Vec<&Declaration> = declarations.iter().collect();
    events.sort_by_key(|d| (d.at, d.id));
    let mut versions: Vec<LivingWillVersion> = Vec::new();
    for d in events {
        if let DeclarationEvent::LivingWillSaved(_) | DeclarationEvent::LivingWillWithdrawn = &d.event {
            // A new version or a withdrawal ends the version in force.
            if let Some(in_force) = versions.last_mut().filter(|v| v.ended_at.is_none()) {
                in_force.ended_at = Some(d.at);
            }
            if let DeclarationEvent::LivingWillSaved(will) = &d.event {
                versions.push(LivingWillVersion { saved_at: d.at, ended_at: None, will: will.clone() });
            }
        }
    }
    versions
}

/// Why a new declaration event is refused. Nothing is written when it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeclarationError {
    /// The consent is already valid.
    ConsentAlreadyGiven,
    /// There is no valid consent to withdraw.
    NoConsentToWithdraw,
    /// Cross-sector consents open on the configured date.
    CrossSectorNotOpenYet,
    /// No such denial, or it was cancelled already.
    NoDenialToCancel,
    /// The service event, prescription or provider is not this citizen's.
    NotTheCitizensData,
    /// An identical denial is already valid.
    DenialAlreadyValid,
    /// The consent covers all sharing already (or there is none).
    NoConsentToUpdate,
    /// The emergency permission of prescriptions is valid already.
    EmergencyPermissionAlreadyGiven,
    /// There is no valid emergency permission of prescriptions to withdraw.
    NoEmergencyPermissionToWithdraw,
    /// "Allow in an emergency" on a denial that cannot carry it (see
    /// [`DenialScope::may_allow_emergency`]).
    EmergencyPermissionNotApplicable,
    /// The living will, organ donation testament or abroad consent would
    /// be the same as the valid one.
    Unchanged,
    /// There is no valid living will to withdraw.
    NoLivingWillToWithdraw,
    /// There is no valid organ donation testament to withdraw.
    NoOrganDonationToWithdraw,
}

/// What a new denial may refer to: the citizen's own service events,
/// prescriptions, and the registers that hold their data and may be denied
/// as a whole.
pub trait CitizensData {
    /// The sector of the citizen's service event; `None` if it is not theirs.
    fn service_event_sector(&self, id: ServiceEventId) -> Option<Sector>;
    fn has_prescription(&self, id: PrescriptionId) -> bool;
    fn has_deniable_register(&self, provider: &ProviderId, kind: RegisterKind) -> bool;
}

/// Checks a new event against the citizen's valid declarations at `now`.
pub fn validate(
    event: &DeclarationEvent,
    valid: &ValidAt,
    data: &impl CitizensData,
    now: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
) -> Result<(), DeclarationError> {
    use DeclarationError::*;
    match event {
        DeclarationEvent::ConsentGiven(s) if valid.consents.contains_key(s) => Err(ConsentAlreadyGiven),
        DeclarationEvent::ConsentWithdrawn(s) if !valid.consents.contains_key(s) => Err(NoConsentToWithdraw),
        DeclarationEvent::ConsentUpdated(s) if !valid.consents_to_update.contains(s) => Err(NoConsentToUpdate),
        DeclarationEvent::PrescriptionEmergencyAllowed if valid.prescription_emergency.is_some() => {
            Err(EmergencyPermissionAlreadyGiven)
        }
        DeclarationEvent::PrescriptionEmergencyWithdrawn if valid.prescription_emergency.is_none() => {
            Err(NoEmergencyPermissionToWithdraw)
        }
        DeclarationEvent::CrossSectorConsentGiven(_) | DeclarationEvent::CrossSectorConsentWithdrawn(_)
            if now < cross_sector_opens =>
        {
            Err(CrossSectorNotOpenYet)
        }
        DeclarationEvent::CrossSectorConsentGiven(c) if valid.cross_sector_consents.contains_key(c) => {
            Err(ConsentAlreadyGiven)
        }
        DeclarationEvent::CrossSectorConsentWithdrawn(c) if !valid.cross_sector_consents.contains_key(c) => {
            Err(NoConsentToWithdraw)
        }
        DeclarationEvent::DenialSet { scope, allow_in_emergency } => {
            let event_sector = match scope {
                DenialScope::ServiceEvent(e) => data.service_event_sector(*e),
                _ => None,
            };
            let own = match scope {
                DenialScope::ServiceEvent(_) => event_sector.is_some(),
                DenialScope::Prescription(p) => data.has_prescription(*p),
                DenialScope::Register(p, kind) => data.has_deniable_register(p, *kind),
                // Whole-provider denials are no longer set (see DenialScope::Provider).
                DenialScope::Provider(_) => false,
                DenialScope::Comprehensive(_) | DenialScope::Uusimaa => true,
            };
            if !own {
                Err(NotTheCitizensData)
            } else if *allow_in_emergency && !scope.may_allow_emergency(event_sector) {
                Err(EmergencyPermissionNotApplicable)
            } else if valid.denials.iter().any(|d| &d.scope == scope) {
                Err(DenialAlreadyValid)
            } else {
                Ok(())
            }
        }
        DeclarationEvent::DenialCancelled { denial } if !valid.denials.iter().any(|d| d.id == *denial) => {
            Err(NoDenialToCancel)
        }
        DeclarationEvent::LivingWillSaved(w) if valid.living_will.as_ref().is_some_and(|(_, v)| v == w) => {
            Err(Unchanged)
        }
        DeclarationEvent::LivingWillWithdrawn if valid.living_will.is_none() => Err(NoLivingWillToWithdraw),
        DeclarationEvent::OrganDonationDeclared(o) if valid.organ_donation.as_ref().is_some_and(|(_, v)| v == o) => {
            Err(Unchanged)
        }
        DeclarationEvent::OrganDonationWithdrawn if valid.organ_donation.is_none() => Err(NoOrganDonationToWithdraw),
        DeclarationEvent::AbroadConsentGiven(c) if valid.abroad_consent.as_ref().is_some_and(|(_, v)| v == c) => {
            Err(Unchanged)
        }
        DeclarationEvent::AbroadConsentWithdrawn if valid.abroad_consent.is_none() => Err(NoConsentToWithdraw),
        DeclarationEvent::SummaryAbroadConsentGiven if valid.summary_abroad_consent.is_some() => {
            Err(ConsentAlreadyGiven)
        }
        DeclarationEvent::SummaryAbroadConsentWithdrawn if valid.summary_abroad_consent.is_none() => {
            Err(NoConsentToWithdraw)
        }
        DeclarationEvent::WellbeingConsentGiven(s) if valid.wellbeing_consents.contains_key(s) => {
            Err(ConsentAlreadyGiven)
        }
        DeclarationEvent::WellbeingConsentWithdrawn(s) if !valid.wellbeing_consents.contains_key(s) => {
            Err(NoConsentToWithdraw)
        }
        _ => Ok(()),
    }
}
