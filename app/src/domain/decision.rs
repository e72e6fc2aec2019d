//! Who can see an item of the citizen's data, and why (DOMAIN.md §5).
//!
//! One pure function of its inputs, the time included, so the same code
//! answers the citizen's "who can see my data" page and the tests. The rules
//! are evaluated in the order of §5; the first that applies decides. Before
//! them come the two of §8 that no consent or denial changes: the wills
//! (a living will, an organ donation testament) are for every healthcare
//! viewer, and a pharmacy abroad sees what the abroad consent discloses;
//! then healthcare abroad, which sees the patient summary's items with the
//! consent to disclose the summary abroad; and the wellbeing data, which
//! only its own consent opens (`beyond`).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::declarations::{
    CrossSector, Declaration, DeclarationId, DenialScope, PrescriptionId, ProviderId, Register, RegisterKind, Sector,
    ServiceEventId,
};
use super::notice::NoticeVersion;
use super::renewal::MedicineClass;
use super::validity::{valid_at, ValidAt};
use super::wellbeing::MeasurementKind;
use super::wills::{may_be_disclosed_abroad, CountryCode};

mod beyond;

/// An item of the citizen's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item {
    /// An entry (or social welfare client document) of a service event, in a register.
    Entry { register: Register, service_event: ServiceEventId },
    /// A prescription in the national Prescription Centre; `renewal_with`
    /// is the provider handling the citizen's open renewal request of it.
    Prescription { id: PrescriptionId, prescriber: ProviderId, class: MedicineClass, renewal_with: Option<ProviderId> },
    /// The valid living will (the declaration that saved it).
    LivingWill(DeclarationId),
    /// The valid organ donation testament.
    OrganDonation(DeclarationId),
    /// The wellbeing data of one kind the citizen recorded (Kanta PHR).
    Wellbeing(MeasurementKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ViewerRole {
    /// Healthcare; `occupational_health` when working in the provider's
    /// separate occupational health register.
    Healthcare {
        occupational_health: bool,
    },
    SocialWelfare,
    Pharmacy,
    /// A pharmacy in another participating country (DOMAIN.md §8).
    PharmacyAbroad(CountryCode),
    /// Healthcare in a country that receives Finnish patient summaries
    /// (DOMAIN.md §8): sees the patient summary's items (the caller gives
    /// only those) with the consent to disclose the summary abroad.
    HealthcareAbroad(CountryCode),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Situation {
    Treatment,
    Emergency,
    /// Handling the citizen's open renewal request of a prescription.
    HandlingRenewal,
    /// A doctor prescribing a central nervous system or narcotic medicine.
    PrescribingCns,
}

string_form!(Situation {
    Treatment => "treatment",
    Emergency => "emergency",
    HandlingRenewal => "handling_renewal",
    PrescribingCns => "prescribing_cns",
});

/// A professional's organisation, in a client or treatment relationship
/// with the citizen (without one nobody sees anything).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Viewer {
    /// The viewer's Finnish provider; `None` for a pharmacy abroad.
    pub provider: Option<ProviderId>,
    pub role: ViewerRole,
    pub uusimaa_party: bool,
    pub situation: Situation,
}

impl Viewer {
    fn sector(&self) -> Option<Sector> {
        match self.role {
            ViewerRole::Healthcare { .. } => Some(Sector::Healthcare),
            ViewerRole::SocialWelfare => Some(Sector::SocialWelfare),
            ViewerRole::Pharmacy | ViewerRole::PharmacyAbroad(_) | ViewerRole::HealthcareAbroad(_) => None,
        }
    }

    /// The viewer keeps the register: same provider, and the register it works in.
    pub fn owns(&self, register: &Register) -> bool {
        self.provider.as_ref() == Some(&register.provider)
            && matches!(
                (self.role, register.kind),
                (ViewerRole::Healthcare { occupational_health: false }, RegisterKind::Patient)
                    | (ViewerRole::Healthcare { occupational_health: true }, RegisterKind::OccupationalHealth)
                    | (ViewerRole::SocialWelfare, RegisterKind::SocialWelfareClient)
            )
    }
}

/// Why an item is visible or hidden; names the rule and, where one decided
/// it, the declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// Rule 1: the viewer keeps the register that holds the item.
    SameRegister,
    /// Rule 2: the viewer's organisation wrote the prescription.
    Prescriber,
    /// Rule 2: the citizen denied this prescription.
    PrescriptionDenied(DeclarationId),
    /// Rule 2: the prescription is denied, but the citizen allows healthcare
    /// to see denied prescriptions in an emergency (the permission).
    PrescriptionEmergencyAllowed(DeclarationId),
    /// Rule 2: a denied prescription, seen by the provider handling the
    /// citizen's open renewal request of it.
    PrescriptionRenewalHandled,
    /// Rule 2: a denied central nervous system or narcotic prescription,
    /// seen by a doctor prescribing such a medicine.
    PrescriptionCnsPrescribing,
    /// Rule 2: prescriptions are used in treatment without consent.
    PrescriptionInTreatment,
    /// Rule 2: a pharmacy dispensing sees prescriptions without consent.
    PrescriptionDispensing,
    /// Rule 3: no version of the notice is confirmed.
    NotInformed,
    /// Rule 4: pharmacies see prescriptions only.
    PharmacySeesOnlyPrescriptions,
    /// Rule 4: cross-sector sharing opens on the configured date.
    CrossSectorNotOpen,
    /// Rule 4: no valid cross-sector consent of this direction.
    NoCrossSectorConsent,
    /// Rule 5: a valid denial covers the item.
    Denied(DeclarationId),
    /// Rule 6: healthcare in an emergency, when the patient cannot express
    /// their will (Patient Act 785/1992 §13), needs no consent.
    Emergency,
    /// Rule 7: public healthcare in Uusimaa, after the notice.
    Uusimaa,
    /// Rule 8: a valid consent to data sharing for the item's sector.
    Consent(DeclarationId),
    /// Rule 9: no consent to data sharing.
    NoConsent,
    /// Wills (§8): a living will and an organ donation testament are shown
    /// to every healthcare professional, whatever the consents and denials.
    WillForHealthcare,
    /// Wills (§8): nobody but healthcare sees them.
    WillOnlyForHealthcare,
    /// Abroad (§8): the consent to disclose prescriptions abroad covers
    /// the pharmacy's country.
    AbroadConsent(DeclarationId),
    /// Abroad (§8): no valid consent covers the pharmacy's country.
    NoAbroadConsent,
    /// Abroad (§8): narcotic and central nervous system medicines are
    /// never disclosed abroad.
    NeverAbroad,
    /// Abroad (§8): the consent to disclose the patient summary abroad.
    SummaryAbroadConsent(DeclarationId),
    /// Abroad (§8): no valid consent to disclose the patient summary abroad.
    NoSummaryAbroadConsent,
    /// Abroad (§8): healthcare abroad sees the patient summary only (no
    /// social welfare document, no will).
    OnlyThePatientSummaryAbroad,
    /// Wellbeing data (§8): the consent to share it with this sector.
    WellbeingConsent(DeclarationId),
    /// Wellbeing data (§8): no consent to share it with this sector; no
    /// Uusimaa rule, no emergency and no consent to data sharing opens it.
    NoWellbeingConsent,
    /// Wellbeing data (§8): only healthcare and social welfare receive it.
    WellbeingNotForPharmacies,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Decision {
    Visible(Reason),
    Hidden(Reason),
}

impl Decision {
    pub fn is_visible(self) -> bool {
        matches!(self, Decision::Visible(_))
    }

    pub fn reason(self) -> Reason {
        match self {
            Decision::Visible(r) | Decision::Hidden(r) => r,
        }
    }
}

/// The first notice version that opened the Uusimaa rule.
/// The citizen's side of rule 7, as the rule reads it (and the front page
/// says it): None when no notice of 2022-11 or later is confirmed (the rule
/// does not apply); else whether the Uusimaa parties share the citizen's
/// patient data with each other (`false`: a valid Uusimaa denial).
pub fn uusimaa_sharing(valid: &ValidAt) -> Option<bool> {
    if !valid.confirmed_notices.iter().any(|v| *v >= uusimaa_notice()) {
        return None;
    }
    Some(!valid.denials.iter().any(|d| d.scope == DenialScope::Uusimaa))
}

fn uusimaa_notice() -> NoticeVersion {
    NoticeVersion::parse("2022-11").expect("a valid version")
}

/// Decides for one item, given what is valid at `t` (see [`valid_at`]).
pub fn decide(
    item: &Item,
    viewer: &Viewer,
    valid: &ValidAt,
    t: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
) -> Decision {
    use Decision::{Hidden, Visible};
    // Only healthcare has emergencies: a pharmacy or social welfare viewer
    // choosing "emergency" is decided as in treatment.
    let emergency = viewer.situation == Situation::Emergency && matches!(viewer.role, ViewerRole::Healthcare { .. });
    // A denial counts unless it allows emergencies and this is one.
    let counts = |allow_in_emergency: bool| !(allow_in_emergency && emergency);

    // Wills: for every healthcare viewer, and nobody else.
    let for_wills = || match viewer.role {
        ViewerRole::Healthcare { .. } => Visible(Reason::WillForHealthcare),
        _ => Hidden(Reason::WillOnlyForHealthcare),
    };
    if let Item::LivingWill(_) | Item::OrganDonation(_) = item {
        return for_wills();
    }
    if let Item::Wellbeing(_) = item {
        return beyond::wellbeing(viewer, valid);
    }
    // A pharmacy abroad: prescriptions only, as the consent reaches.
    if let ViewerRole::PharmacyAbroad(country) = viewer.role {
        let Item::Prescription { id, class, .. } = item else {
            return Hidden(Reason::PharmacySeesOnlyPrescriptions);
        };
        if !may_be_disclosed_abroad(*class) {
            return Hidden(Reason::NeverAbroad);
        }
        if let Some(d) = valid.denials.iter().find(|d| d.scope == DenialScope::Prescription(*id)) {
            return Hidden(Reason::PrescriptionDenied(d.id));
        }
        return match &valid.abroad_consent {
            Some((consent, countries)) if countries.includes(country) => Visible(Reason::AbroadConsent(*consent)),
            _ => Hidden(Reason::NoAbroadConsent),
        };
    }

    if let ViewerRole::HealthcareAbroad(_) = viewer.role {
        return beyond::summary_abroad(item, valid);
    }

    // 1. Same register. 2. Prescriptions.
    let (item_sector, register) = match item {
        Item::LivingWill(_) | Item::OrganDonation(_) => return for_wills(),
        Item::Wellbeing(_) => return beyond::wellbeing(viewer, valid),
        Item::Entry { register, .. } => {
            if viewer.owns(register) {
                return Visible(Reason::SameRegister);
            }
            (register.kind.sector(), Some(register))
        }
        Item::Prescription { id, prescriber, class, renewal_with } => {
            if viewer.provider.as_ref() == Some(prescriber) {
                return Visible(Reason::Prescriber);
            }
            // A denial hides it but from three (kanta.fi, "Which prescriptions
            // are not affected by denials"): the provider handling its open
            // renewal request; a doctor prescribing a CNS or narcotic medicine
            // for such prescriptions; healthcare in an emergency with the one
            // permission for all denied prescriptions (a prescription denial's
            // own flag is not used).
            if let Some(d) = valid.denials.iter().find(|d| d.scope == DenialScope::Prescription(*id)) {
                let healthcare = matches!(viewer.role, ViewerRole::Healthcare { .. });
                let handles_renewal = renewal_with.is_some() && viewer.provider.as_ref() == renewal_with.as_ref();
                if viewer.situation == Situation::HandlingRenewal && healthcare && handles_renewal {
                    return Visible(Reason::PrescriptionRenewalHandled);
                }
                if viewer.situation == Situation::PrescribingCns && healthcare && *class != MedicineClass::Ordinary {
                    return Visible(Reason::PrescriptionCnsPrescribing);
                }
                return match valid.prescription_emergency {
                    Some(permission) if emergency => Visible(Reason::PrescriptionEmergencyAllowed(permission)),
                    _ => Hidden(Reason::PrescriptionDenied(d.id)),
                };
            }
            // Care, healthcare or social welfare, and a pharmacy dispensing
            // use prescriptions without a consent (kanta.fi).
            return match viewer.role {
                ViewerRole::Healthcare { .. } | ViewerRole::SocialWelfare => Visible(Reason::PrescriptionInTreatment),
                ViewerRole::Pharmacy => Visible(Reason::PrescriptionDispensing),
                // Decided above, by the consents to disclose abroad.
                ViewerRole::PharmacyAbroad(_) => Hidden(Reason::NoAbroadConsent),
                ViewerRole::HealthcareAbroad(_) => Hidden(Reason::NoSummaryAbroadConsent),
            };
        }
    };

    // 3. Not informed.
    if valid.confirmed_notices.is_empty() {
        return Hidden(Reason::NotInformed);
    }

    // 4. Cross-sector.
    let Some(viewer_sector) = viewer.sector() else {
        return Hidden(Reason::PharmacySeesOnlyPrescriptions);
    };
    if let Some(direction) = CrossSector::from_to(item_sector, viewer_sector) {
        if t < cross_sector_opens {
            return Hidden(Reason::CrossSectorNotOpen);
        }
        if !valid.cross_sector_consents.contains_key(&direction) {
            return Hidden(Reason::NoCrossSectorConsent);
        }
    }

    // 5. Denied.
    if let Item::Entry { register, service_event } = item {
        let covering = valid.denials.iter().find(|d| {
            counts(d.allow_in_emergency)
                && match &d.scope {
                    DenialScope::ServiceEvent(e) => e == service_event,
                    DenialScope::Register(p, kind) => *p == register.provider && *kind == register.kind,
                    DenialScope::Provider(p) => *p == register.provider,
                    DenialScope::Comprehensive(s) => *s == item_sector,
                    DenialScope::Prescription(_) | DenialScope::Uusimaa => false,
                }
        });
        if let Some(d) = covering {
            return Hidden(Reason::Denied(d.id));
        }
    }

    // 6. Emergency.
    if emergency {
        return Visible(Reason::Emergency);
    }

    // 7. Uusimaa.
    if let Some(register) = register {
        if viewer_sector == Sector::Healthcare
            && item_sector == Sector::Healthcare
            && viewer.uusimaa_party
            && register.uusimaa_party
            && uusimaa_sharing(valid) == Some(true)
        {
            return Visible(Reason::Uusimaa);
        }
    }

    // 8. Consent. 9. Otherwise.
    match valid.consents.get(&item_sector) {
        Some(id) => Visible(Reason::Consent(*id)),
        None => Hidden(Reason::NoConsent),
    }
}

/// Derives what is valid at `t` from the events and decides.
pub fn decide_at(
    item: &Item,
    viewer: &Viewer,
    declarations: &[Declaration],
    notice_confirmations: &[(NoticeVersion, DateTime<Utc>)],
    t: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
) -> Decision {
    decide(item, viewer, &valid_at(declarations, notice_confirmations, t), t, cross_sector_opens)
}

#[cfg(test)]
#[path = "decision_tests.rs"]
mod tests;
