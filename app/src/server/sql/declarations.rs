//! Declarations of intent (append-only events), and what the citizen's own
//! data is for validating them.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::begin_write;
use super::prelude::{decode, notice_version, written_with_key, Conn, Pool};
use crate::domain::data_use::{register_may_be_denied, ProviderKind};
use crate::domain::declarations::{
    Actor, ActorKind, CrossSector, Declaration, DeclarationEvent, DeclarationId, DeclarationKind, DenialKind,
    DenialScope, PrescriptionId, ProviderId, RegisterKind, Sector, ServiceEventId,
};
use crate::domain::notice::NoticeVersion;
use crate::domain::validity::{valid_now, validate, DeclarationError};
use crate::domain::wills::{AbroadCountries, CountryCode, LivingWill, OrganDonation};
use crate::server::rows::{CitizenId, OwnData};

/// Inserts one declaration event (the only write a declaration ever gets).
pub async fn insert_declaration(
    conn: &mut Conn,
    citizen: CitizenId,
    at: DateTime<Utc>,
    actor: &Actor,
    event: &DeclarationEvent,
    idempotency_key: Option<&str>,
) -> Result<DeclarationId, sqlx::Error> {
    let (actor_citizen, actor_provider) = match actor {
        Actor::Citizen => (None, None),
        Actor::Guardian(id) => (Some(*id), None),
        Actor::Professional(p) => (None, Some(p.0.clone())),
    };
    let (mut sector, mut cross, mut scope_kind) = (None, None, None);
    let (mut scope_event, mut scope_provider, mut scope_rx, mut allow, mut cancels) = (None, None, None, None, None);
    let mut scope_register_kind = None;
    let (mut will, mut organ, mut abroad) = (None, None, None);
    // The patient summary's abroad consent is stored as an abroad consent
    // to every country, disclosing the summary (migration 0027).
    let mut summary = None;
    // A consent to share wellbeing data is a consent of its sector whose
    // `consent_data` is the wellbeing data (migration 0028).
    let mut consent_data = None;
    let every_country = AbroadCountries::All;
    match event {
        DeclarationEvent::ConsentGiven(s)
        | DeclarationEvent::ConsentWithdrawn(s)
        | DeclarationEvent::ConsentUpdated(s) => {
            sector = Some(s.as_str());
        }
        DeclarationEvent::PrescriptionEmergencyAllowed | DeclarationEvent::PrescriptionEmergencyWithdrawn => {}
        DeclarationEvent::CrossSectorConsentGiven(c) | DeclarationEvent::CrossSectorConsentWithdrawn(c) => {
            cross = Some(c.as_str());
        }
        DeclarationEvent::DenialSet { scope, allow_in_emergency } => {
            allow = Some(*allow_in_emergency);
            scope_kind = Some(scope.kind().as_str());
            match scope {
                DenialScope::ServiceEvent(e) => scope_event = Some(e.0),
                DenialScope::Register(p, kind) => {
                    scope_provider = Some(p.0.clone());
                    scope_register_kind = Some(kind.as_str());
                }
                DenialScope::Provider(p) => scope_provider = Some(p.0.clone()),
                DenialScope::Prescription(p) => scope_rx = Some(p.0),
                DenialScope::Comprehensive(s) => sector = Some(s.as_str()),
                DenialScope::Uusimaa => {}
            }
        }
        DeclarationEvent::DenialCancelled { denial } => cancels = Some(denial.0),
        DeclarationEvent::LivingWillSaved(w) => will = Some(w),
        DeclarationEvent::OrganDonationDeclared(o) => organ = Some(o),
        DeclarationEvent::AbroadConsentGiven(c) => abroad = Some(c),
        DeclarationEvent::SummaryAbroadConsentGiven => {
            abroad = Some(&every_country);
            summary = Some(PATIENT_SUMMARY);
        }
        DeclarationEvent::SummaryAbroadConsentWithdrawn => summary = Some(PATIENT_SUMMARY),
        DeclarationEvent::WellbeingConsentGiven(s) | DeclarationEvent::WellbeingConsentWithdrawn(s) => {
            sector = Some(s.as_str());
            consent_data = Some(WELLBEING);
        }
        DeclarationEvent::LivingWillWithdrawn
        | DeclarationEvent::OrganDonationWithdrawn
        | DeclarationEvent::AbroadConsentWithdrawn => {}
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO declaration (citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector, \
         cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id, \
         allow_in_emergency, cancels_id, idempotency_key, scope_register_kind, living_will_care, \
         living_will_end_of_life, living_will_person, organ_donate, organ_restriction, abroad_all_countries, \
         abroad_disclosure, consent_data) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, \
         $22, $23, $24) RETURNING id",
    )
    .bind(citizen.0)
    .bind(at)
    .bind(actor.kind().as_str())
    .bind(actor_citizen)
    .bind(actor_provider)
    .bind(stored_kind(event.kind()).as_str())
    .bind(sector)
    .bind(cross)
    .bind(scope_kind)
    .bind(scope_event)
    .bind(scope_provider)
    .bind(scope_rx)
    .bind(allow)
    .bind(cancels)
    .bind(idempotency_key)
    .bind(scope_register_kind)
    .bind(will.map(|w| w.care.as_str()))
    .bind(will.map(|w| w.end_of_life.as_str()))
    .bind(will.map(|w| w.person_to_hear.as_str()))
    .bind(organ.map(|o| o.donate))
    .bind(organ.map(|o| o.restriction.as_str()))
    .bind(abroad.map(|c| *c == AbroadCountries::All))
    .bind(summary)
    .bind(consent_data)
    .fetch_one(&mut *conn)
    .await?;
    if let (Some(AbroadCountries::Chosen(countries)), None) = (abroad, summary) {
        for country in countries {
            sqlx::query("INSERT INTO declaration_abroad_country (declaration_id, country_code) VALUES ($1, $2)")
                .bind(id)
                .bind(country.as_str())
                .execute(&mut *conn)
                .await?;
        }
    }
    Ok(DeclarationId(id))
}

/// What `abroad_disclosure` holds for the patient summary's abroad consent.
const PATIENT_SUMMARY: &str = "patient_summary";

/// What `consent_data` holds for a consent to share wellbeing data.
const WELLBEING: &str = "wellbeing";

/// The event name a kind is stored under: the summary's abroad consent is an
/// abroad consent whose `abroad_disclosure` is the patient summary.
fn stored_kind(kind: DeclarationKind) -> DeclarationKind {
    match kind {
        DeclarationKind::SummaryAbroadConsentGiven => DeclarationKind::AbroadConsentGiven,
        DeclarationKind::SummaryAbroadConsentWithdrawn => DeclarationKind::AbroadConsentWithdrawn,
        DeclarationKind::WellbeingConsentGiven => DeclarationKind::ConsentGiven,
        DeclarationKind::WellbeingConsentWithdrawn => DeclarationKind::ConsentWithdrawn,
        other => other,
    }
}

#[derive(sqlx::FromRow)]
struct DeclarationRow {
    id: i64,
    made_at: DateTime<Utc>,
    actor: String,
    actor_citizen_id: Option<i64>,
    actor_provider_id: Option<String>,
    event: String,
    sector: Option<String>,
    cross_direction: Option<String>,
    denial_scope: Option<String>,
    scope_service_event_id: Option<i64>,
    scope_provider_id: Option<String>,
    scope_prescription_id: Option<i64>,
    scope_register_kind: Option<String>,
    allow_in_emergency: Option<bool>,
    cancels_id: Option<i64>,
    living_will_care: Option<String>,
    living_will_end_of_life: Option<String>,
    living_will_person: Option<String>,
    organ_donate: Option<bool>,
    organ_restriction: Option<String>,
    abroad_all_countries: Option<bool>,
    abroad_disclosure: Option<String>,
    consent_data: Option<String>,
}

impl DeclarationRow {
    /// The declaration, given the countries of the abroad consents among
    /// the citizen's declarations (declaration id, country code).
    fn into_declaration(self, countries: &[(i64, String)]) -> Result<Declaration, sqlx::Error> {
        let r = self;
        fn need<T>(v: Option<T>, what: &str) -> Result<T, sqlx::Error> {
            v.ok_or_else(|| decode(&format!("declaration {what}")))
        }
        let actor = match ActorKind::parse(&r.actor).ok_or_else(|| decode("declaration actor"))? {
            ActorKind::Citizen => Actor::Citizen,
            ActorKind::Guardian => Actor::Guardian(need(r.actor_citizen_id, "guardian")?),
            ActorKind::Professional => Actor::Professional(ProviderId(need(r.actor_provider_id, "professional")?)),
        };
        let sector = || need(r.sector.as_deref().and_then(Sector::parse), "sector");
        let cross = || need(r.cross_direction.as_deref().and_then(CrossSector::parse), "direction");
        let kind = DeclarationKind::parse(&r.event).ok_or_else(|| decode("declaration event"))?;
        let summary = match r.abroad_disclosure.as_deref() {
            None => false,
            Some(PATIENT_SUMMARY) => true,
            Some(_) => return Err(decode("abroad disclosure")),
        };
        let wellbeing = match r.consent_data.as_deref() {
            None => false,
            Some(WELLBEING) => true,
            Some(_) => return Err(decode("consent data")),
        };
        let event = match kind {
            DeclarationKind::AbroadConsentGiven if summary => DeclarationEvent::SummaryAbroadConsentGiven,
            DeclarationKind::AbroadConsentWithdrawn if summary => DeclarationEvent::SummaryAbroadConsentWithdrawn,
            DeclarationKind::ConsentGiven if wellbeing => DeclarationEvent::WellbeingConsentGiven(sector()?),
            DeclarationKind::ConsentWithdrawn if wellbeing => DeclarationEvent::WellbeingConsentWithdrawn(sector()?),
            DeclarationKind::SummaryAbroadConsentGiven
            | DeclarationKind::SummaryAbroadConsentWithdrawn
            | DeclarationKind::WellbeingConsentGiven
            | DeclarationKind::WellbeingConsentWithdrawn => return Err(decode("declaration event")),
            DeclarationKind::ConsentGiven => DeclarationEvent::ConsentGiven(sector()?),
            DeclarationKind::ConsentWithdrawn => DeclarationEvent::ConsentWithdrawn(sector()?),
            DeclarationKind::ConsentUpdated => DeclarationEvent::ConsentUpdated(sector()?),
            DeclarationKind::PrescriptionEmergencyAllowed => DeclarationEvent::PrescriptionEmergencyAllowed,
            DeclarationKind::PrescriptionEmergencyWithdrawn => DeclarationEvent::PrescriptionEmergencyWithdrawn,
            DeclarationKind::CrossSectorConsentGiven => DeclarationEvent::CrossSectorConsentGiven(cross()?),
            DeclarationKind::CrossSectorConsentWithdrawn => DeclarationEvent::CrossSectorConsentWithdrawn(cross()?),
            DeclarationKind::DenialSet => {
                let kind = need(r.denial_scope.as_deref().and_then(DenialKind::parse), "scope")?;
                let provider = || need(r.scope_provider_id.clone(), "provider").map(ProviderId);
                let scope = match kind {
                    DenialKind::ServiceEvent => {
                        DenialScope::ServiceEvent(ServiceEventId(need(r.scope_service_event_id, "service event")?))
                    }
                    DenialKind::Register => {
                        let kind = r.scope_register_kind.as_deref().and_then(RegisterKind::parse);
                        DenialScope::Register(provider()?, need(kind, "register kind")?)
                    }
                    DenialKind::Provider => DenialScope::Provider(provider()?),
                    DenialKind::Prescription => {
                        DenialScope::Prescription(PrescriptionId(need(r.scope_prescription_id, "prescription")?))
                    }
                    DenialKind::Comprehensive => DenialScope::Comprehensive(sector()?),
                    DenialKind::Uusimaa => DenialScope::Uusimaa,
                };
                DeclarationEvent::DenialSet { scope, allow_in_emergency: r.allow_in_emergency.unwrap_or(false) }
            }
            DeclarationKind::DenialCancelled => {
                DeclarationEvent::DenialCancelled { denial: DeclarationId(need(r.cancels_id, "cancelled denial")?) }
            }
            DeclarationKind::LivingWillSaved => DeclarationEvent::LivingWillSaved(LivingWill {
                care: need(r.living_will_care, "living will")?,
                end_of_life: r.living_will_end_of_life.unwrap_or_default(),
                person_to_hear: r.living_will_person.unwrap_or_default(),
            }),
            DeclarationKind::LivingWillWithdrawn => DeclarationEvent::LivingWillWithdrawn,
            DeclarationKind::OrganDonationDeclared => DeclarationEvent::OrganDonationDeclared(OrganDonation {
                donate: need(r.organ_donate, "organ donation")?,
                restriction: r.organ_restriction.unwrap_or_default(),
            }),
            DeclarationKind::OrganDonationWithdrawn => DeclarationEvent::OrganDonationWithdrawn,
            DeclarationKind::AbroadConsentGiven => {
                DeclarationEvent::AbroadConsentGiven(if need(r.abroad_all_countries, "abroad consent")? {
                    AbroadCountries::All
                } else {
                    let chosen = countries.iter().filter(|(d, _)| *d == r.id);
                    let chosen = chosen.map(|(_, c)| CountryCode::parse(c).ok_or_else(|| decode("country code")));
                    AbroadCountries::Chosen(chosen.collect::<Result<_, _>>()?)
                })
            }
            DeclarationKind::AbroadConsentWithdrawn => DeclarationEvent::AbroadConsentWithdrawn,
        };
        Ok(Declaration { id: DeclarationId(r.id), at: r.made_at, actor, event })
    }
}

/// All of a citizen's declaration events, oldest first.
async fn load_declarations(conn: &mut Conn, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    let rows: Vec<DeclarationRow> = sqlx::query_as(
        "SELECT id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector, cross_direction, \
         denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id, scope_register_kind, \
         allow_in_emergency, cancels_id, living_will_care, living_will_end_of_life, living_will_person, \
         organ_donate, organ_restriction, abroad_all_countries, abroad_disclosure, consent_data FROM declaration \
         WHERE citizen_id = $1 \
         ORDER BY made_at, id",
    )
    .bind(citizen.0)
    .fetch_all(&mut *conn)
    .await?;
    let countries: Vec<(i64, String)> = if rows.iter().any(|r| r.abroad_all_countries == Some(false)) {
        sqlx::query_as(
            "SELECT c.declaration_id, c.country_code FROM declaration_abroad_country c \
             JOIN declaration d ON d.id = c.declaration_id WHERE d.citizen_id = $1",
        )
        .bind(citizen.0)
        .fetch_all(&mut *conn)
        .await?
    } else {
        Vec::new()
    };
    rows.into_iter().map(|r| r.into_declaration(&countries)).collect()
}

/// All of the citizen's declaration events, oldest first.
pub async fn declarations(pool: &Pool, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    load_declarations(&mut conn, citizen).await
}

/// The citizen's events (with their sectors), prescriptions and registers
/// that may be denied as a whole, for validating a declaration.
async fn own_data(conn: &mut Conn, citizen: CitizenId) -> Result<OwnData, sqlx::Error> {
    let events: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT e.id, r.provider_id, r.kind, p.kind FROM service_event e JOIN register r ON r.id = e.register_id \
         JOIN service_provider p ON p.id = r.provider_id WHERE e.citizen_id = $1",
    )
    .bind(citizen.0)
    .fetch_all(&mut *conn)
    .await?;
    let prescriptions: Vec<i64> = sqlx::query_scalar("SELECT id FROM prescription WHERE citizen_id = $1")
        .bind(citizen.0)
        .fetch_all(&mut *conn)
        .await?;
    let mut deniable_registers = BTreeSet::new();
    let mut event_sectors = BTreeMap::new();
    for (id, provider, register_kind, provider_kind) in events {
        let register_kind = RegisterKind::parse(&register_kind).ok_or_else(|| decode("register kind"))?;
        let provider_kind = ProviderKind::parse(&provider_kind).ok_or_else(|| decode("provider kind"))?;
        if register_may_be_denied(provider_kind, register_kind) {
            deniable_registers.insert((provider, register_kind));
        }
        event_sectors.insert(id, register_kind.sector());
    }
    Ok(OwnData { events: event_sectors, prescriptions: prescriptions.into_iter().collect(), deniable_registers })
}

/// Records a declaration if it makes sense now: in one transaction that
/// serialises the citizen's writers (`begin_write`), the citizen's events
/// are read, the new one validated and appended. A repeated idempotency key
/// returns the first event's id and writes nothing. A declaration that
/// does not make sense is the inner `Err`, and nothing is written.
pub async fn record_declaration(
    pool: &Pool,
    citizen: CitizenId,
    actor: &Actor,
    event: &DeclarationEvent,
    now: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
    idempotency_key: Option<&str>,
) -> Result<Result<DeclarationId, DeclarationError>, sqlx::Error> {
    let mut tx = begin_write(pool, citizen).await?;
    if let Some(key) = idempotency_key {
        if let Some(id) = written_with_key(&mut tx, "declaration", citizen, key).await? {
            return Ok(Ok(DeclarationId(id)));
        }
    }
    let declarations = load_declarations(&mut tx, citizen).await?;
    let valid = valid_now(&declarations, now);
    let own = own_data(&mut tx, citizen).await?;
    if let Err(refused) = validate(event, &valid, &own, now, cross_sector_opens) {
        return Ok(Err(refused));
    }
    let id = insert_declaration(&mut tx, citizen, now, actor, event, idempotency_key).await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Whose declaration this is, if it exists.
pub async fn declaration_owner(pool: &Pool, id: DeclarationId) -> Result<Option<CitizenId>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, i64>("SELECT citizen_id FROM declaration WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .map(CitizenId))
}

/// The citizen's notice confirmations as (version, instant), for `valid_at`.
pub async fn confirmation_instants(
    pool: &Pool,
    citizen: CitizenId,
) -> Result<Vec<(NoticeVersion, DateTime<Utc>)>, sqlx::Error> {
    let rows: Vec<(String, DateTime<Utc>)> = sqlx::query_as(
        "SELECT version, confirmed_at FROM notice_confirmation WHERE citizen_id = $1 ORDER BY confirmed_at",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(|(v, at)| Ok((notice_version(&v)?, at))).collect()
}
