//! The repository: every SQL statement of the portal. Portable SQL only
//! (`$n` parameters, no SQLite-only functions), so PostgreSQL can run it.
//! Declarations and logs are only ever inserted.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{Row, SqlitePool};

use super::{db_error, CitizenId};
use crate::domain::notice::{self, ConfirmationChannel, NoticeConfirmation, NoticeVersion};
use crate::domain::IdentityCode;
use crate::error::AppError;
use crate::i18n::Locale;

/// The column of `service_provider` that holds its name in this language.
pub(super) fn provider_name_column(locale: Locale) -> &'static str {
    match locale {
        Locale::Fi => "name_fi",
        Locale::Sv => "name_sv",
        Locale::En => "name_en",
    }
}

pub struct CitizenLogin {
    pub id: CitizenId,
    pub password_hash: Option<String>,
}

pub async fn find_citizen_for_login(pool: &SqlitePool, code: &IdentityCode) -> Result<Option<CitizenLogin>, AppError> {
    let row = sqlx::query("SELECT id, password_hash FROM citizen WHERE identity_code = $1")
        .bind(code.as_str())
        .fetch_optional(pool)
        .await
        .map_err(db_error)?;
    Ok(row.map(|r| CitizenLogin { id: CitizenId(r.get("id")), password_hash: r.get("password_hash") }))
}

pub async fn citizen_full_name(pool: &SqlitePool, id: CitizenId) -> Result<Option<String>, AppError> {
    let row = sqlx::query("SELECT first_name, last_name FROM citizen WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_error)?;
    Ok(row.map(|r| format!("{} {}", r.get::<String, _>("first_name"), r.get::<String, _>("last_name"))))
}

pub async fn record_login(pool: &SqlitePool, id: CitizenId, at: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("INSERT INTO citizen_login (citizen_id, logged_in_at) VALUES ($1, $2)")
        .bind(id.0)
        .bind(at)
        .execute(pool)
        .await
        .map_err(db_error)?;
    Ok(())
}

pub async fn published_notice_versions(pool: &SqlitePool) -> Result<Vec<(NoticeVersion, NaiveDate)>, AppError> {
    let rows = sqlx::query("SELECT version, published_on FROM notice_version")
        .fetch_all(pool)
        .await
        .map_err(db_error)?;
    rows.into_iter()
        .map(|r| {
            let v: String = r.get("version");
            let on: NaiveDate = r.get("published_on");
            NoticeVersion::parse(&v).map(|v| (v, on)).map_err(|_| {
                tracing::error!(version = %v, "malformed notice version in the database");
                AppError::Internal
            })
        })
        .collect()
}

pub async fn current_notice_version(pool: &SqlitePool) -> Result<NoticeVersion, AppError> {
    let published = published_notice_versions(pool).await?;
    notice::current_version(&published, Utc::now().date_naive()).ok_or_else(|| {
        tracing::error!("no notice version is published");
        AppError::Internal
    })
}

pub async fn notice_confirmations(
    pool: &SqlitePool,
    id: CitizenId,
    locale: Locale,
) -> Result<Vec<NoticeConfirmation>, AppError> {
    let rows = sqlx::query(
        "SELECT c.version, c.confirmed_at, c.channel, p.name_fi, p.name_sv, p.name_en, \
         g.first_name AS guardian_first, g.last_name AS guardian_last \
         FROM notice_confirmation c LEFT JOIN service_provider p ON p.id = c.provider_id \
         LEFT JOIN citizen g ON g.id = c.confirmed_by_guardian_id \
         WHERE c.citizen_id = $1 ORDER BY c.confirmed_at",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    rows.into_iter()
        .map(|r| {
            let version = NoticeVersion::parse(r.get::<String, _>("version").as_str()).map_err(|_| AppError::Internal)?;
            let channel = match r.get::<String, _>("channel").as_str() {
                "online" => match r.get::<Option<String>, _>("guardian_first") {
                    Some(first) => ConfirmationChannel::OnlineByGuardian {
                        guardian_name: format!("{first} {}", r.get::<Option<String>, _>("guardian_last").unwrap_or_default()),
                    },
                    None => ConfirmationChannel::Online,
                },
                "in_person" => {
                    let provider_name: Option<String> = r.get(provider_name_column(locale));
                    ConfirmationChannel::InPerson { provider_name: provider_name.ok_or(AppError::Internal)? }
                }
                other => {
                    tracing::error!(channel = other, "unknown confirmation channel in the database");
                    return Err(AppError::Internal);
                }
            };
            Ok(NoticeConfirmation { version, confirmed_at: r.get("confirmed_at"), channel })
        })
        .collect()
}

/// The notice version the citizen must confirm first, if any.
pub async fn notice_due_for(pool: &SqlitePool, id: CitizenId) -> Result<Option<NoticeVersion>, AppError> {
    let current = current_notice_version(pool).await?;
    let confirmed = sqlx::query("SELECT 1 AS one FROM notice_confirmation WHERE citizen_id = $1 AND version = $2")
        .bind(id.0)
        .bind(current.as_str())
        .fetch_optional(pool)
        .await
        .map_err(db_error)?;
    Ok(if confirmed.is_some() { None } else { Some(current) })
}

pub struct NoticeText {
    pub published_on: NaiveDate,
    pub title: String,
    pub body: String,
}

pub async fn notice_text(pool: &SqlitePool, version: &NoticeVersion, locale: Locale) -> Result<Option<NoticeText>, AppError> {
    let row = sqlx::query(
        "SELECT v.published_on, t.title, t.body FROM notice_version v \
         JOIN notice_text t ON t.version = v.version WHERE v.version = $1 AND t.locale = $2",
    )
    .bind(version.as_str())
    .bind(locale.code())
    .fetch_optional(pool)
    .await
    .map_err(db_error)?;
    Ok(row.map(|r| NoticeText { published_on: r.get("published_on"), title: r.get("title"), body: r.get("body") }))
}

/// Records the citizen's own online confirmation. A second confirmation of
/// the same version online (a double submit) writes nothing.
pub async fn confirm_notice_online(
    pool: &SqlitePool,
    id: CitizenId,
    version: &NoticeVersion,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    confirm_notice_online_by(pool, id, version, at, None).await
}

/// An online confirmation by the citizen, or by their guardian (`by`).
pub async fn confirm_notice_online_by(
    pool: &SqlitePool,
    id: CitizenId,
    version: &NoticeVersion,
    at: DateTime<Utc>,
    by: Option<CitizenId>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO notice_confirmation (citizen_id, version, channel, provider_id, confirmed_at, confirmed_by_guardian_id) \
         VALUES ($1, $2, 'online', NULL, $3, $4) ON CONFLICT DO NOTHING",
    )
    .bind(id.0)
    .bind(version.as_str())
    .bind(at)
    .bind(by.map(|c| c.0))
    .execute(pool)
    .await
    .map_err(db_error)?;
    Ok(())
}

pub async fn demo_logins(pool: &SqlitePool) -> Result<Vec<(String, String)>, AppError> {
    let rows = sqlx::query(
        "SELECT first_name, last_name, identity_code FROM citizen \
         WHERE password_hash IS NOT NULL ORDER BY id",
    )
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (format!("{} {}", r.get::<String, _>("first_name"), r.get::<String, _>("last_name")), r.get("identity_code"))
        })
        .collect())
}

// ---- Declarations of intent (append-only) ----

use crate::domain::declarations::{
    valid_at, validate, Actor, CitizensData, CrossSector, Declaration, DeclarationError, DeclarationEvent,
    DeclarationId, DenialScope, PrescriptionId, ProviderId, Sector, ServiceEventId,
};

fn sector_str(s: Sector) -> &'static str {
    match s {
        Sector::Healthcare => "healthcare",
        Sector::SocialWelfare => "social_welfare",
    }
}
fn sector_of(s: &str) -> Option<Sector> {
    match s {
        "healthcare" => Some(Sector::Healthcare),
        "social_welfare" => Some(Sector::SocialWelfare),
        _ => None,
    }
}
fn cross_str(c: CrossSector) -> &'static str {
    match c {
        CrossSector::HealthcareToSocialWelfare => "healthcare_to_social_welfare",
        CrossSector::SocialWelfareToHealthcare => "social_welfare_to_healthcare",
    }
}
fn cross_of(s: &str) -> Option<CrossSector> {
    match s {
        "healthcare_to_social_welfare" => Some(CrossSector::HealthcareToSocialWelfare),
        "social_welfare_to_healthcare" => Some(CrossSector::SocialWelfareToHealthcare),
        _ => None,
    }
}

/// Inserts one declaration event (the only write a declaration ever gets).
pub async fn insert_declaration(
    conn: &mut sqlx::SqliteConnection,
    citizen: CitizenId,
    at: DateTime<Utc>,
    actor: &Actor,
    event: &DeclarationEvent,
    idempotency_key: Option<&str>,
) -> Result<DeclarationId, sqlx::Error> {
    let (actor_kind, actor_citizen, actor_provider) = match actor {
        Actor::Citizen => ("citizen", None, None),
        Actor::Guardian(id) => ("guardian", Some(*id), None),
        Actor::Professional(p) => ("professional", None, Some(p.0.clone())),
    };
    let (mut sector, mut cross, mut scope_kind) = (None, None, None);
    let (mut scope_event, mut scope_provider, mut scope_rx, mut allow, mut cancels) = (None, None, None, None, None);
    let kind = match event {
        DeclarationEvent::ConsentGiven(s) => {
            sector = Some(sector_str(*s));
            "consent_given"
        }
        DeclarationEvent::ConsentWithdrawn(s) => {
            sector = Some(sector_str(*s));
            "consent_withdrawn"
        }
        DeclarationEvent::CrossSectorConsentGiven(c) => {
            cross = Some(cross_str(*c));
            "cross_consent_given"
        }
        DeclarationEvent::CrossSectorConsentWithdrawn(c) => {
            cross = Some(cross_str(*c));
            "cross_consent_withdrawn"
        }
        DeclarationEvent::DenialSet { scope, allow_in_emergency } => {
            allow = Some(*allow_in_emergency);
            scope_kind = Some(match scope {
                DenialScope::ServiceEvent(e) => {
                    scope_event = Some(e.0);
                    "service_event"
                }
                DenialScope::Provider(p) => {
                    scope_provider = Some(p.0.clone());
                    "provider"
                }
                DenialScope::Prescription(p) => {
                    scope_rx = Some(p.0);
                    "prescription"
                }
                DenialScope::Comprehensive(s) => {
                    sector = Some(sector_str(*s));
                    "comprehensive"
                }
                DenialScope::Uusimaa => "uusimaa",
            });
            "denial_set"
        }
        DeclarationEvent::DenialCancelled { denial } => {
            cancels = Some(denial.0);
            "denial_cancelled"
        }
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO declaration (citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector, \
         cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id, \
         allow_in_emergency, cancels_id, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
    )
    .bind(citizen.0)
    .bind(at)
    .bind(actor_kind)
    .bind(actor_citizen)
    .bind(actor_provider)
    .bind(kind)
    .bind(sector)
    .bind(cross)
    .bind(scope_kind)
    .bind(scope_event)
    .bind(scope_provider)
    .bind(scope_rx)
    .bind(allow)
    .bind(cancels)
    .bind(idempotency_key)
    .fetch_one(&mut *conn)
    .await?;
    Ok(DeclarationId(id))
}

/// All of a citizen's declaration events, oldest first.
pub async fn load_declarations(conn: &mut sqlx::SqliteConnection, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM declaration WHERE citizen_id = $1 ORDER BY made_at, id")
        .bind(citizen.0)
        .fetch_all(&mut *conn)
        .await?;
    let bad = |what: &str| sqlx::Error::Decode(format!("declaration row: bad {what}").into());
    rows.into_iter()
        .map(|r| {
            let actor = match r.get::<String, _>("actor").as_str() {
                "citizen" => Actor::Citizen,
                "guardian" => Actor::Guardian(r.get("actor_citizen_id")),
                "professional" => Actor::Professional(ProviderId(r.get("actor_provider_id"))),
                _ => return Err(bad("actor")),
            };
            let sector = || r.get::<Option<String>, _>("sector").as_deref().and_then(sector_of).ok_or_else(|| bad("sector"));
            let cross = || r.get::<Option<String>, _>("cross_direction").as_deref().and_then(cross_of).ok_or_else(|| bad("direction"));
            let event = match r.get::<String, _>("event").as_str() {
                "consent_given" => DeclarationEvent::ConsentGiven(sector()?),
                "consent_withdrawn" => DeclarationEvent::ConsentWithdrawn(sector()?),
                "cross_consent_given" => DeclarationEvent::CrossSectorConsentGiven(cross()?),
                "cross_consent_withdrawn" => DeclarationEvent::CrossSectorConsentWithdrawn(cross()?),
                "denial_set" => {
                    let scope = match r.get::<Option<String>, _>("denial_scope").as_deref() {
                        Some("service_event") => DenialScope::ServiceEvent(ServiceEventId(r.get("scope_service_event_id"))),
                        Some("provider") => DenialScope::Provider(ProviderId(r.get("scope_provider_id"))),
                        Some("prescription") => DenialScope::Prescription(PrescriptionId(r.get("scope_prescription_id"))),
                        Some("comprehensive") => DenialScope::Comprehensive(sector()?),
                        Some("uusimaa") => DenialScope::Uusimaa,
                        _ => return Err(bad("scope")),
                    };
                    DeclarationEvent::DenialSet { scope, allow_in_emergency: r.get::<Option<bool>, _>("allow_in_emergency").unwrap_or(false) }
                }
                "denial_cancelled" => DeclarationEvent::DenialCancelled { denial: DeclarationId(r.get("cancels_id")) },
                _ => return Err(bad("event")),
            };
            Ok(Declaration { id: DeclarationId(r.get("id")), at: r.get("made_at"), actor, event })
        })
        .collect()
}

/// The citizen's own events, prescriptions and providers, for validation.
pub struct OwnData {
    events: std::collections::BTreeSet<i64>,
    prescriptions: std::collections::BTreeSet<i64>,
    providers: std::collections::BTreeSet<String>,
}

impl CitizensData for OwnData {
    fn has_service_event(&self, id: ServiceEventId) -> bool {
        self.events.contains(&id.0)
    }
    fn has_prescription(&self, id: PrescriptionId) -> bool {
        self.prescriptions.contains(&id.0)
    }
    fn has_data_at(&self, provider: &ProviderId) -> bool {
        self.providers.contains(&provider.0)
    }
}

pub async fn own_data(conn: &mut sqlx::SqliteConnection, citizen: CitizenId) -> Result<OwnData, sqlx::Error> {
    let events: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.id, r.provider_id FROM service_event e JOIN register r ON r.id = e.register_id WHERE e.citizen_id = $1",
    )
    .bind(citizen.0)
    .fetch_all(&mut *conn)
    .await?;
    let prescriptions: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, prescriber_provider_id FROM prescription WHERE citizen_id = $1")
            .bind(citizen.0)
            .fetch_all(&mut *conn)
            .await?;
    Ok(OwnData {
        events: events.iter().map(|(id, _)| *id).collect(),
        prescriptions: prescriptions.iter().map(|(id, _)| *id).collect(),
        providers: events.into_iter().chain(prescriptions).map(|(_, p)| p).collect(),
    })
}

/// Why recording a declaration failed.
#[derive(Debug)]
pub enum RecordError {
    Refused(DeclarationError),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for RecordError {
    fn from(e: sqlx::Error) -> Self {
        RecordError::Database(e)
    }
}

/// Records a declaration if it makes sense now: in one transaction, the
/// citizen's events are read, the new one validated and appended. A repeated
/// idempotency key returns the first event's id and writes nothing.
pub async fn record_declaration(
    pool: &SqlitePool,
    citizen: CitizenId,
    actor: &Actor,
    event: &DeclarationEvent,
    now: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
    idempotency_key: Option<&str>,
) -> Result<DeclarationId, RecordError> {
    // IMMEDIATE: the write lock is taken before the read, so two tabs (or
    // instances) declaring at once are serialised instead of one failing
    // when its read lock cannot be upgraded; no event is lost.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(key) = idempotency_key {
        let seen: Option<i64> = sqlx::query_scalar("SELECT id FROM declaration WHERE citizen_id = $1 AND idempotency_key = $2")
            .bind(citizen.0)
            .bind(key)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(id) = seen {
            return Ok(DeclarationId(id));
        }
    }
    let declarations = load_declarations(&mut tx, citizen).await?;
    let valid = valid_at(&declarations, &[], now + chrono::Duration::nanoseconds(1));
    let own = own_data(&mut tx, citizen).await?;
    validate(event, &valid, &own, now, cross_sector_opens).map_err(RecordError::Refused)?;
    let id = insert_declaration(&mut tx, citizen, now, actor, event, idempotency_key).await?;
    tx.commit().await?;
    Ok(id)
}

// ---- The citizen's records (read) ----

use crate::domain::records::{Dispensing, Entry, Prescription, ServiceEvent, Unit, UnitId};

pub(super) fn decode(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected stored {what}").into())
}

/// All of a citizen's service events, newest first (one query).
pub async fn load_service_events(pool: &SqlitePool, citizen: CitizenId) -> Result<Vec<ServiceEvent>, sqlx::Error> {
    use super::record_repo::{event_of, EVENT_COLUMNS};
    sqlx::query(&format!("{EVENT_COLUMNS} WHERE e.citizen_id = $1 ORDER BY e.started_on DESC, e.id DESC"))
        .bind(citizen.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(event_of)
        .collect()
}

/// All of a citizen's entries, newest first (one query).
pub async fn load_entries(pool: &SqlitePool, citizen: CitizenId) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query(
        "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text FROM entry x \
         WHERE x.citizen_id = $1 ORDER BY x.recorded_on DESC, x.id DESC",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(super::record_repo::entry_of)
    .collect()
}

/// All of a citizen's prescriptions with their dispensings, newest first (two queries).
pub async fn load_prescriptions(pool: &SqlitePool, citizen: CitizenId) -> Result<Vec<Prescription>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT x.*, u.provider_id AS unit_provider_id, u.name AS unit_name FROM prescription x \
         JOIN unit u ON u.id = x.prescriber_unit_id WHERE x.citizen_id = $1 ORDER BY x.prescribed_on DESC, x.id DESC",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?;
    let dispensings = sqlx::query(
        "SELECT d.prescription_id, d.pharmacy_id, d.dispensed_on, d.amount FROM dispensing d \
         JOIN prescription x ON x.id = d.prescription_id WHERE x.citizen_id = $1 ORDER BY d.dispensed_on, d.id",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?;
    let amount = |v: i64| u32::try_from(v).map_err(|_| decode("amount"));
    let mut by_rx: std::collections::HashMap<i64, Vec<Dispensing>> = std::collections::HashMap::new();
    for d in dispensings {
        by_rx.entry(d.get("prescription_id")).or_default().push(Dispensing {
            pharmacy: ProviderId(d.get("pharmacy_id")),
            dispensed_on: d.get("dispensed_on"),
            amount: amount(d.get("amount"))?,
        });
    }
    rows.into_iter()
        .map(|r| {
            let id: i64 = r.get("id");
            Ok(Prescription {
                id: PrescriptionId(id),
                prescriber: ProviderId(r.get("prescriber_provider_id")),
                prescriber_unit: Unit {
                    id: UnitId(r.get("prescriber_unit_id")),
                    provider: ProviderId(r.get("unit_provider_id")),
                    name: r.get("unit_name"),
                },
                medicine: r.get("medicine"),
                strength: r.get("strength"),
                dosage: r.get("dosage"),
                prescribed_on: r.get("prescribed_on"),
                valid_until: r.get("valid_until"),
                amount: amount(r.get("amount"))?,
                amount_unit: r.get("amount_unit"),
                dispensings: by_rx.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}
