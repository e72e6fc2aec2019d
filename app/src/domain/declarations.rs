//! Who keeps the data, and the citizen's declarations of intent
//! (DOMAIN.md §1 and §4): append-only events, and what is valid at a time `t`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::notice::NoticeVersion;

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
        }
    }
    valid.confirmed_notices = notice_confirmations.iter().filter(|(_, at)| *at < t).map(|(v, _)| v.clone()).collect();
    valid
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
        _ => Ok(()),
    }
}
