//! Who keeps the data, and the citizen's declarations of intent
//! (DOMAIN.md §1 and §4): append-only events, each kind with its stored
//! name. What they amount to at a time `t` is `domain::validity`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::wills::{AbroadCountries, LivingWill, OrganDonation};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ProviderId(pub String);

impl ProviderId {
    /// A provider id as forms and URLs carry it (`pirkanmaa`, `kide-terveys`):
    /// 1–64 lowercase letters, digits and `-`. Says nothing of whether it exists.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| ProviderId(s.to_string()))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ServiceEventId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PrescriptionId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DeclarationId(pub i64);

/// The two sectors whose data is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Sector {
    Healthcare,
    SocialWelfare,
}

string_form!(Sector { Healthcare => "healthcare", SocialWelfare => "social_welfare" });

/// The kinds of register a provider keeps (the Prescription Centre is national
/// and holds prescriptions, see [`super::decision::Item::Prescription`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RegisterKind {
    Patient,
    SocialWelfareClient,
    /// Separate from the same company's other patient register.
    OccupationalHealth,
}

string_form!(RegisterKind {
    Patient => "patient",
    SocialWelfareClient => "social_welfare_client",
    OccupationalHealth => "occupational_health",
});

impl RegisterKind {
    pub fn sector(self) -> Sector {
        match self {
            RegisterKind::Patient | RegisterKind::OccupationalHealth => Sector::Healthcare,
            RegisterKind::SocialWelfareClient => Sector::SocialWelfare,
        }
    }
}

/// A register: one per provider and kind.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Register {
    pub provider: ProviderId,
    pub kind: RegisterKind,
    /// The provider is one of the six Uusimaa parties (four counties, Helsinki, HUS).
    pub uusimaa_party: bool,
}

/// The direction of a cross-sector consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CrossSector {
    /// Patient data to social welfare.
    HealthcareToSocialWelfare,
    /// Social welfare client data to healthcare.
    SocialWelfareToHealthcare,
}

string_form!(CrossSector {
    HealthcareToSocialWelfare => "healthcare_to_social_welfare",
    SocialWelfareToHealthcare => "social_welfare_to_healthcare",
});

impl CrossSector {
    /// The direction that lets a viewer of `viewer` sector see data of `item` sector.
    pub fn from_to(item: Sector, viewer: Sector) -> Option<Self> {
        match (item, viewer) {
            (Sector::Healthcare, Sector::SocialWelfare) => Some(CrossSector::HealthcareToSocialWelfare),
            (Sector::SocialWelfare, Sector::Healthcare) => Some(CrossSector::SocialWelfareToHealthcare),
            _ => None,
        }
    }
}

/// What a denial covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DenialScope {
    /// All entries of one service event, now and later.
    ServiceEvent(ServiceEventId),
    /// One register as a whole: a public provider's patient, occupational
    /// health or social welfare client register, or a private provider's
    /// occupational health register (a private provider's ordinary patient
    /// register is restricted event by event only; see
    /// [`super::data_use::register_may_be_denied`]).
    Register(ProviderId, RegisterKind),
    /// Everything in one provider's registers: denials set before they
    /// became register by register. They stay valid as set; no form offers
    /// them any more.
    Provider(ProviderId),
    /// One prescription.
    Prescription(PrescriptionId),
    /// All data of one sector (prescriptions are not included).
    Comprehensive(Sector),
    /// Turns off the Uusimaa rule only.
    Uusimaa,
}

/// The kind of a [`DenialScope`], without its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DenialKind {
    ServiceEvent,
    Register,
    Provider,
    Prescription,
    Comprehensive,
    Uusimaa,
}

string_form!(DenialKind {
    ServiceEvent => "service_event",
    Register => "register",
    Provider => "provider",
    Prescription => "prescription",
    Comprehensive => "comprehensive",
    Uusimaa => "uusimaa",
});

impl DenialKind {
    /// Whether some denial of this kind may carry "allow in an emergency"
    /// (the new-denial form offers the choice; for one target
    /// `DenialScope::may_allow_emergency` decides).
    pub fn may_allow_emergency(&self) -> bool {
        !matches!(self, DenialKind::Prescription | DenialKind::Uusimaa)
    }
}

impl DenialScope {
    pub fn kind(&self) -> DenialKind {
        match self {
            DenialScope::ServiceEvent(_) => DenialKind::ServiceEvent,
            DenialScope::Register(..) => DenialKind::Register,
            DenialScope::Provider(_) => DenialKind::Provider,
            DenialScope::Prescription(_) => DenialKind::Prescription,
            DenialScope::Comprehensive(_) => DenialKind::Comprehensive,
            DenialScope::Uusimaa => DenialKind::Uusimaa,
        }
    }

    /// Whether a denial of this scope may carry "allow in an emergency"
    /// (DOMAIN.md §4: a patient-data denial may). Not a prescription's (one
    /// permission covers all denied prescriptions), not the Uusimaa denial's
    /// (it turns off the Uusimaa rule only; in an emergency rule 6 applies
    /// whatever it says), not social welfare data's (only healthcare has
    /// emergencies). `event_sector`: the sector of a denied service event.
    pub fn may_allow_emergency(&self, event_sector: Option<Sector>) -> bool {
        match self {
            DenialScope::ServiceEvent(_) => event_sector == Some(Sector::Healthcare),
            DenialScope::Register(_, kind) => kind.sector() == Sector::Healthcare,
            DenialScope::Provider(_) => true,
            DenialScope::Comprehensive(s) => *s == Sector::Healthcare,
            DenialScope::Prescription(_) | DenialScope::Uusimaa => false,
        }
    }
}

/// Who made a declaration.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Actor {
    Citizen,
    /// A guardian acting for a child (the guardian's citizen id).
    Guardian(i64),
    /// A professional, in person, at a provider.
    Professional(ProviderId),
}

/// The kind of an [`Actor`], without whom it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActorKind {
    Citizen,
    Guardian,
    Professional,
}

string_form!(ActorKind { Citizen => "citizen", Guardian => "guardian", Professional => "professional" });

impl Actor {
    pub fn kind(&self) -> ActorKind {
        match self {
            Actor::Citizen => ActorKind::Citizen,
            Actor::Guardian(_) => ActorKind::Guardian,
            Actor::Professional(_) => ActorKind::Professional,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeclarationEvent {
    ConsentGiven(Sector),
    ConsentWithdrawn(Sector),
    /// Updates a consent given before 1 January 2024, which covers sharing
    /// through Kanta only, to cover sharing by other means too.
    ConsentUpdated(Sector),
    /// Healthcare in an emergency may see the denied prescriptions: one
    /// choice covering all of them (DOMAIN.md §4).
    PrescriptionEmergencyAllowed,
    PrescriptionEmergencyWithdrawn,
    CrossSectorConsentGiven(CrossSector),
    CrossSectorConsentWithdrawn(CrossSector),
    DenialSet {
        scope: DenialScope,
        allow_in_emergency: bool,
    },
    /// Cancels the denial set by the declaration `denial`.
    DenialCancelled {
        denial: DeclarationId,
    },
    /// A living will, or a new version replacing the valid one.
    LivingWillSaved(LivingWill),
    LivingWillWithdrawn,
    /// An organ donation testament, or one replacing the valid one.
    OrganDonationDeclared(OrganDonation),
    OrganDonationWithdrawn,
    /// A consent to disclose prescriptions to pharmacies abroad, or one
    /// replacing the valid one (e.g. extended to another country).
    AbroadConsentGiven(AbroadCountries),
    AbroadConsentWithdrawn,
    /// A consent to disclose the patient summary to healthcare abroad, in
    /// every country that takes part (kanta.fi: the consent is not given
    /// country by country).
    SummaryAbroadConsentGiven,
    SummaryAbroadConsentWithdrawn,
    /// A consent to share the wellbeing data the citizen records in the
    /// Kanta PHR with the services of one sector (seed 004, DOMAIN.md §8).
    WellbeingConsentGiven(Sector),
    WellbeingConsentWithdrawn(Sector),
}

/// The kind of a [`DeclarationEvent`], without its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeclarationKind {
    ConsentGiven,
    ConsentWithdrawn,
    ConsentUpdated,
    PrescriptionEmergencyAllowed,
    PrescriptionEmergencyWithdrawn,
    CrossSectorConsentGiven,
    CrossSectorConsentWithdrawn,
    DenialSet,
    DenialCancelled,
    LivingWillSaved,
    LivingWillWithdrawn,
    OrganDonationDeclared,
    OrganDonationWithdrawn,
    AbroadConsentGiven,
    AbroadConsentWithdrawn,
    SummaryAbroadConsentGiven,
    SummaryAbroadConsentWithdrawn,
    WellbeingConsentGiven,
    WellbeingConsentWithdrawn,
}

string_form!(DeclarationKind {
    ConsentGiven => "consent_given",
    ConsentWithdrawn => "consent_withdrawn",
    ConsentUpdated => "consent_updated",
    PrescriptionEmergencyAllowed => "prescription_emergency_allowed",
    PrescriptionEmergencyWithdrawn => "prescription_emergency_withdrawn",
    CrossSectorConsentGiven => "cross_consent_given",
    CrossSectorConsentWithdrawn => "cross_consent_withdrawn",
    DenialSet => "denial_set",
    DenialCancelled => "denial_cancelled",
    LivingWillSaved => "living_will_saved",
    LivingWillWithdrawn => "living_will_withdrawn",
    OrganDonationDeclared => "organ_donation_declared",
    OrganDonationWithdrawn => "organ_donation_withdrawn",
    AbroadConsentGiven => "abroad_consent_given",
    AbroadConsentWithdrawn => "abroad_consent_withdrawn",
    SummaryAbroadConsentGiven => "summary_abroad_consent_given",
    SummaryAbroadConsentWithdrawn => "summary_abroad_consent_withdrawn",
    WellbeingConsentGiven => "wellbeing_consent_given",
    WellbeingConsentWithdrawn => "wellbeing_consent_withdrawn",
});

impl DeclarationEvent {
    pub fn kind(&self) -> DeclarationKind {
        match self {
            DeclarationEvent::ConsentGiven(_) => DeclarationKind::ConsentGiven,
            DeclarationEvent::ConsentWithdrawn(_) => DeclarationKind::ConsentWithdrawn,
            DeclarationEvent::ConsentUpdated(_) => DeclarationKind::ConsentUpdated,
            DeclarationEvent::PrescriptionEmergencyAllowed => DeclarationKind::PrescriptionEmergencyAllowed,
            DeclarationEvent::PrescriptionEmergencyWithdrawn => DeclarationKind::PrescriptionEmergencyWithdrawn,
            DeclarationEvent::CrossSectorConsentGiven(_) => DeclarationKind::CrossSectorConsentGiven,
            DeclarationEvent::CrossSectorConsentWithdrawn(_) => DeclarationKind::CrossSectorConsentWithdrawn,
            DeclarationEvent::DenialSet { .. } => DeclarationKind::DenialSet,
            DeclarationEvent::DenialCancelled { .. } => DeclarationKind::DenialCancelled,
            DeclarationEvent::LivingWillSaved(_) => DeclarationKind::LivingWillSaved,
            DeclarationEvent::LivingWillWithdrawn => DeclarationKind::LivingWillWithdrawn,
            DeclarationEvent::OrganDonationDeclared(_) => DeclarationKind::OrganDonationDeclared,
            DeclarationEvent::OrganDonationWithdrawn => DeclarationKind::OrganDonationWithdrawn,
            DeclarationEvent::AbroadConsentGiven(_) => DeclarationKind::AbroadConsentGiven,
            DeclarationEvent::AbroadConsentWithdrawn => DeclarationKind::AbroadConsentWithdrawn,
            DeclarationEvent::SummaryAbroadConsentGiven => DeclarationKind::SummaryAbroadConsentGiven,
            DeclarationEvent::SummaryAbroadConsentWithdrawn => DeclarationKind::SummaryAbroadConsentWithdrawn,
            DeclarationEvent::WellbeingConsentGiven(_) => DeclarationKind::WellbeingConsentGiven,
            DeclarationEvent::WellbeingConsentWithdrawn(_) => DeclarationKind::WellbeingConsentWithdrawn,
        }
    }

    /// The person's own matter this declaration belongs to, if any: only
    /// the person makes those, a guardian never (DOMAIN.md §6). Consents
    /// to data sharing belong to none: a guardian gives and withdraws them.
    /// The consents to share wellbeing data belong to the wellbeing data,
    /// which a guardian handles for a child and an agent never.
    pub fn own_matter(&self) -> Option<super::acting::OwnMatter> {
        use super::acting::OwnMatter;
        match self {
            DeclarationEvent::DenialSet { .. }
            | DeclarationEvent::DenialCancelled { .. }
            | DeclarationEvent::PrescriptionEmergencyAllowed
            | DeclarationEvent::PrescriptionEmergencyWithdrawn => Some(OwnMatter::Denials),
            DeclarationEvent::LivingWillSaved(_)
            | DeclarationEvent::LivingWillWithdrawn
            | DeclarationEvent::OrganDonationDeclared(_)
            | DeclarationEvent::OrganDonationWithdrawn => Some(OwnMatter::Wills),
            DeclarationEvent::AbroadConsentGiven(_)
            | DeclarationEvent::AbroadConsentWithdrawn
            | DeclarationEvent::SummaryAbroadConsentGiven
            | DeclarationEvent::SummaryAbroadConsentWithdrawn => Some(OwnMatter::AbroadConsent),
            DeclarationEvent::ConsentGiven(_)
            | DeclarationEvent::ConsentWithdrawn(_)
            | DeclarationEvent::ConsentUpdated(_)
            | DeclarationEvent::CrossSectorConsentGiven(_)
            | DeclarationEvent::CrossSectorConsentWithdrawn(_) => None,
            DeclarationEvent::WellbeingConsentGiven(_) | DeclarationEvent::WellbeingConsentWithdrawn(_) => {
                Some(OwnMatter::WellbeingData)
            }
        }
    }
}

/// One append-only declaration event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declaration {
    pub id: DeclarationId,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: DeclarationEvent,
}
