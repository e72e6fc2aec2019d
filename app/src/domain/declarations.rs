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
        let ok = !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
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

/// The kinds of register a provider keeps (the Prescription Centre is national
/// and holds prescriptions, see [`super::decision::Item::Prescription`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RegisterKind {
    Patient,
    SocialWelfareClient,
    /// Separate from the same company's other patient register.
    OccupationalHealth,
}

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
    /// Everything in that provider's registers.
    Provider(ProviderId),
    /// One prescription.
    Prescription(PrescriptionId),
    /// All data of one sector (prescriptions are not included).
    Comprehensive(Sector),
    /// Turns off the Uusimaa rule only.
    Uusimaa,
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

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeclarationEvent {
    ConsentGiven(Sector),
    ConsentWithdrawn(Sector),
    CrossSectorConsentGiven(CrossSector),
    CrossSectorConsentWithdrawn(CrossSector),
    DenialSet { scope: DenialScope, allow_in_emergency: bool },
    /// Cancels the denial set by the declaration `denial`.
    DenialCancelled { denial: DeclarationId },
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
    pub cross_sector_consents: BTreeMap<CrossSector, DeclarationId>,
    pub denials: Vec<ValidDenial>,
    /// Notice versions confirmed before `t`.
    pub confirmed_notices: BTreeSet<NoticeVersion>,
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
                valid.consents.entry(*s).or_insert(d.id);
            }
            DeclarationEvent::ConsentWithdrawn(s) => {
                valid.consents.remove(s);
            }
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
    valid.confirmed_notices =
        notice_confirmations.iter().filter(|(_, at)| *at < t).map(|(v, _)| v.clone()).collect();
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
}

/// What a new denial may refer to: the citizen's own service events,
/// prescriptions, and the providers that hold their data.
pub trait CitizensData {
    fn has_service_event(&self, id: ServiceEventId) -> bool;
    fn has_prescription(&self, id: PrescriptionId) -> bool;
    fn has_data_at(&self, provider: &ProviderId) -> bool;
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
        DeclarationEvent::DenialSet { scope, .. } => {
            let own = match scope {
                DenialScope::ServiceEvent(e) => data.has_service_event(*e),
                DenialScope::Prescription(p) => data.has_prescription(*p),
                DenialScope::Provider(p) => data.has_data_at(p),
                DenialScope::Comprehensive(_) | DenialScope::Uusimaa => true,
            };
            if !own {
                Err(NotTheCitizensData)
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
