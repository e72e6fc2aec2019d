// The portal's SQL, compiled once per database backend: `sql/mod.rs`
// includes this file in `mod sqlite` and `mod postgres`, each of which
// defines `DB` and `begin_write` first. Portable SQL only (`$n` parameters,
// no backend-only functions); every type here is concrete per backend.
// Public callers go through the `&Db` functions of `repo`, `record_repo`
// and `data_use_repo`.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Row};

use crate::domain::data_use::ProviderKind;
use crate::domain::glance::PrescriptionLeft;
use crate::domain::declarations::{
    valid_at, validate, Actor, ActorKind, CrossSector, Declaration, DeclarationEvent, DeclarationId, DeclarationKind,
    DenialKind, DenialScope, PrescriptionId, ProviderId, Register, RegisterKind, Sector, ServiceEventId,
};
use crate::domain::listing::{PageCursor, RecordFilter, RecordSection, Visibility, EVENTS_PER_PAGE};
use crate::domain::notice::{self, ConfirmationChannel, NoticeConfirmation, NoticeVersion};
use crate::domain::records::{
    Dispensing, Entry, EntryId, EntryKind, Prescription, RegisterId, ServiceEvent, Unit, UnitId,
};
use crate::domain::IdentityCode;
use crate::error::AppError;
use crate::i18n::Locale;
use crate::server::data_use_repo::{ProviderRow, Viewing};
use crate::server::record_repo::{kinds_of, NewEntry, Person, RecordPage, RegisterData, WhatsNew, EVENT_COLUMNS};
use crate::server::repo::{
    decode, provider_name_column, CitizenLogin, CitizenStanding, NoticeText, OwnData,
    RecordError,
};
use crate::server::{db_error, CitizenId};

pub type Pool = sqlx::Pool<DB>;
pub type Conn = <DB as sqlx::Database>::Connection;
pub type DbRow = <DB as sqlx::Database>::Row;

/// The deployment's secret called `name`: the stored one, or `candidate`
/// stored first if there is none yet (two instances starting at once agree
/// on the one that was stored first).
pub async fn server_secret(pool: &Pool, name: &str, candidate: &str) -> Result<String, AppError> {
    sqlx::query("INSERT INTO server_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(candidate)
        .execute(pool)
        .await
        .map_err(db_error)?;
    sqlx::query_scalar("SELECT value FROM server_secret WHERE name = $1").bind(name).fetch_one(pool).await.map_err(db_error)
}

/// Appends one event to the audit log. `subject` is kept only if such a
/// citizen exists (a refused request may name an id that does not).
pub async fn record_audit(
    pool: &Pool,
    at: DateTime<Utc>,
    kind: crate::domain::audit::AuditKind,
    citizen: Option<CitizenId>,
    subject: Option<i64>,
    identity_code: Option<&str>,
    client_address: Option<&str>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO audit_event (at, kind, citizen_id, subject_id, identity_code, client_address) \
         VALUES ($1, $2, $3, (SELECT id FROM citizen WHERE id = $4), $5, $6)",
    )
    .bind(at)
    .bind(kind.as_str())
    .bind(citizen.map(|c| c.0))
    .bind(subject)
    .bind(identity_code)
    .bind(client_address)
    .execute(pool)
    .await
    .map_err(db_error)?;
    Ok(())
}

/// Failed logins since `since`: of this identity code (after its last
/// successful login), and from this client address.
pub async fn login_failures(
    pool: &Pool,
    identity_code: &str,
    client_address: Option<&str>,
    since: DateTime<Utc>,
) -> Result<(i64, i64), AppError> {
    let of_code: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_event WHERE identity_code = $1 AND kind = 'login_failed' AND at > $2 \
         AND at > COALESCE((SELECT MAX(at) FROM audit_event WHERE identity_code = $1 AND kind = 'login'), $2)",
    )
    .bind(identity_code)
    .bind(since)
    .fetch_one(pool)
    .await
    .map_err(db_error)?;
    let from_address: i64 = match client_address {
        Some(address) => sqlx::query_scalar(
            "SELECT COUNT(*) FROM audit_event WHERE client_address = $1 AND kind = 'login_failed' AND at > $2",
        )
        .bind(address)
        .bind(since)
        .fetch_one(pool)
        .await
        .map_err(db_error)?,
        None => 0,
    };
    Ok((of_code, from_address))
}

pub async fn find_citizen_for_login(pool: &Pool, code: &IdentityCode) -> Result<Option<CitizenLogin>, AppError> {
    let row = sqlx::query("SELECT id, password_hash FROM citizen WHERE identity_code = $1")
        .bind(code.as_str())
        .fetch_optional(pool)
        .await
        .map_err(db_error)?;
    Ok(row.map(|r| CitizenLogin { id: CitizenId(r.get("id")), password_hash: r.get("password_hash") }))
}

pub async fn record_login(pool: &Pool, id: CitizenId, at: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("INSERT INTO citizen_login (citizen_id, logged_in_at) VALUES ($1, $2)")
        .bind(id.0)
        .bind(at)
        .execute(pool)
        .await
        .map_err(db_error)?;
    Ok(())
}


/// The login before the latest one (the latest is this session's).
pub async fn previous_login(pool: &Pool, id: CitizenId) -> Result<Option<DateTime<Utc>>, AppError> {
    sqlx::query_scalar(
        "SELECT logged_in_at FROM citizen_login WHERE citizen_id = $1 ORDER BY logged_in_at DESC, id DESC LIMIT 1 OFFSET 1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await
    .map_err(db_error)
}

pub async fn published_notice_versions(pool: &Pool) -> Result<Vec<(NoticeVersion, NaiveDate)>, AppError> {
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

pub async fn current_notice_version(pool: &Pool) -> Result<NoticeVersion, AppError> {
    let published = published_notice_versions(pool).await?;
    notice::current_version(&published, Utc::now().date_naive()).ok_or_else(|| {
        tracing::error!("no notice version is published");
        AppError::Internal
    })
}

pub async fn notice_confirmations(
    pool: &Pool,
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
pub async fn notice_due_for(pool: &Pool, id: CitizenId) -> Result<Option<NoticeVersion>, AppError> {
    Ok(citizen_standing(pool, id).await?.and_then(|s| s.notice_due))
}

/// What every page needs of its citizen, in one statement: their name and
/// the current notice version if they have not confirmed it (one row per
/// published version, the confirmation beside it).
pub async fn citizen_standing(pool: &Pool, id: CitizenId) -> Result<Option<CitizenStanding>, AppError> {
    let rows = sqlx::query(
        "SELECT c.first_name, c.last_name, v.version, v.published_on, \
         EXISTS (SELECT 1 FROM notice_confirmation n WHERE n.citizen_id = c.id AND n.version = v.version) AS confirmed \
         FROM citizen c CROSS JOIN notice_version v WHERE c.id = $1",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_error)?;
    let Some(first) = rows.first() else { return Ok(None) };
    let full_name = format!("{} {}", first.get::<String, _>("first_name"), first.get::<String, _>("last_name"));
    let mut published = Vec::with_capacity(rows.len());
    let mut confirmed = Vec::new();
    for r in &rows {
        let v: String = r.get("version");
        let version = NoticeVersion::parse(&v).map_err(|_| {
            tracing::error!(version = %v, "malformed notice version in the database");
            AppError::Internal
        })?;
        if r.get::<bool, _>("confirmed") {
            confirmed.push(version.clone());
        }
        published.push((version, r.get::<NaiveDate, _>("published_on")));
    }
    let current = notice::current_version(&published, Utc::now().date_naive()).ok_or_else(|| {
        tracing::error!("no notice version is published");
        AppError::Internal
    })?;
    let notice_due = notice::notice_due(&current, &confirmed);
    Ok(Some(CitizenStanding { full_name, current_notice: current, notice_due }))
}

pub async fn notice_text(pool: &Pool, version: &NoticeVersion, locale: Locale) -> Result<Option<NoticeText>, AppError> {
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

/// An online confirmation by the citizen, or by their guardian (`by`).
pub async fn confirm_notice_online_by(
    pool: &Pool,
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

pub async fn demo_logins(pool: &Pool) -> Result<Vec<(String, String)>, AppError> {
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
    match event {
        DeclarationEvent::ConsentGiven(s) | DeclarationEvent::ConsentWithdrawn(s) | DeclarationEvent::ConsentUpdated(s) => {
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
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO declaration (citizen_id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector, \
         cross_direction, denial_scope, scope_service_event_id, scope_provider_id, scope_prescription_id, \
         allow_in_emergency, cancels_id, idempotency_key, scope_register_kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
    )
    .bind(citizen.0)
    .bind(at)
    .bind(actor.kind().as_str())
    .bind(actor_citizen)
    .bind(actor_provider)
    .bind(event.kind().as_str())
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
    .fetch_one(&mut *conn)
    .await?;
    Ok(DeclarationId(id))
}

/// All of a citizen's declaration events, oldest first.
pub async fn load_declarations(conn: &mut Conn, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, made_at, actor, actor_citizen_id, actor_provider_id, event, sector, cross_direction, denial_scope, \
         scope_service_event_id, scope_provider_id, scope_prescription_id, scope_register_kind, allow_in_emergency, cancels_id \
         FROM declaration WHERE citizen_id = $1 ORDER BY made_at, id",
    )
        .bind(citizen.0)
        .fetch_all(&mut *conn)
        .await?;
    let bad = |what: &str| sqlx::Error::Decode(format!("declaration row: bad {what}").into());
    rows.into_iter()
        .map(|r| {
            let actor = match ActorKind::parse(&r.get::<String, _>("actor")).ok_or_else(|| bad("actor"))? {
                ActorKind::Citizen => Actor::Citizen,
                ActorKind::Guardian => Actor::Guardian(r.get("actor_citizen_id")),
                ActorKind::Professional => Actor::Professional(ProviderId(r.get("actor_provider_id"))),
            };
            let sector = || r.get::<Option<String>, _>("sector").as_deref().and_then(Sector::parse).ok_or_else(|| bad("sector"));
            let cross = || {
                r.get::<Option<String>, _>("cross_direction").as_deref().and_then(CrossSector::parse).ok_or_else(|| bad("direction"))
            };
            let event = match DeclarationKind::parse(&r.get::<String, _>("event")).ok_or_else(|| bad("event"))? {
                DeclarationKind::ConsentGiven => DeclarationEvent::ConsentGiven(sector()?),
                DeclarationKind::ConsentWithdrawn => DeclarationEvent::ConsentWithdrawn(sector()?),
                DeclarationKind::ConsentUpdated => DeclarationEvent::ConsentUpdated(sector()?),
                DeclarationKind::PrescriptionEmergencyAllowed => DeclarationEvent::PrescriptionEmergencyAllowed,
                DeclarationKind::PrescriptionEmergencyWithdrawn => DeclarationEvent::PrescriptionEmergencyWithdrawn,
                DeclarationKind::CrossSectorConsentGiven => DeclarationEvent::CrossSectorConsentGiven(cross()?),
                DeclarationKind::CrossSectorConsentWithdrawn => DeclarationEvent::CrossSectorConsentWithdrawn(cross()?),
                DeclarationKind::DenialSet => {
                    let kind = r.get::<Option<String>, _>("denial_scope").as_deref().and_then(DenialKind::parse);
                    let scope = match kind.ok_or_else(|| bad("scope"))? {
                        DenialKind::ServiceEvent => DenialScope::ServiceEvent(ServiceEventId(r.get("scope_service_event_id"))),
                        DenialKind::Register => {
                            let kind = r.get::<Option<String>, _>("scope_register_kind").as_deref().and_then(RegisterKind::parse);
                            DenialScope::Register(ProviderId(r.get("scope_provider_id")), kind.ok_or_else(|| bad("register kind"))?)
                        }
                        DenialKind::Provider => DenialScope::Provider(ProviderId(r.get("scope_provider_id"))),
                        DenialKind::Prescription => DenialScope::Prescription(PrescriptionId(r.get("scope_prescription_id"))),
                        DenialKind::Comprehensive => DenialScope::Comprehensive(sector()?),
                        DenialKind::Uusimaa => DenialScope::Uusimaa,
                    };
                    DeclarationEvent::DenialSet { scope, allow_in_emergency: r.get::<Option<bool>, _>("allow_in_emergency").unwrap_or(false) }
                }
                DeclarationKind::DenialCancelled => DeclarationEvent::DenialCancelled { denial: DeclarationId(r.get("cancels_id")) },
            };
            Ok(Declaration { id: DeclarationId(r.get("id")), at: r.get("made_at"), actor, event })
        })
        .collect()
}


pub async fn own_data(conn: &mut Conn, citizen: CitizenId) -> Result<OwnData, sqlx::Error> {
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
    let mut deniable_registers = std::collections::BTreeSet::new();
    let mut event_sectors = std::collections::BTreeMap::new();
    for (id, provider, register_kind, provider_kind) in &events {
        let register_kind = RegisterKind::parse(register_kind).ok_or_else(|| decode("register kind"))?;
        let provider_kind = ProviderKind::parse(provider_kind).ok_or_else(|| decode("provider kind"))?;
        if crate::domain::data_use::register_may_be_denied(provider_kind, register_kind) {
            deniable_registers.insert((provider.clone(), register_kind));
        }
        event_sectors.insert(*id, register_kind.sector());
    }
    Ok(OwnData {
        events: event_sectors,
        prescriptions: prescriptions.into_iter().collect(),
        deniable_registers,
    })
}

/// Records a declaration if it makes sense now: in one transaction, the
/// citizen's events are read, the new one validated and appended. A repeated
/// idempotency key returns the first event's id and writes nothing.
pub async fn record_declaration(
    pool: &Pool,
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
    let mut tx = begin_write(pool, citizen).await?;
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


/// All of a citizen's service events, newest first (one query).
pub async fn load_service_events(pool: &Pool, citizen: CitizenId) -> Result<Vec<ServiceEvent>, sqlx::Error> {
    use crate::server::record_repo::EVENT_COLUMNS;
    sqlx::query(&format!("{EVENT_COLUMNS} WHERE e.citizen_id = $1 ORDER BY e.started_on DESC, e.id DESC"))
        .bind(citizen.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(event_of)
        .collect()
}

/// All of a citizen's entries, newest first (one query).
pub async fn load_entries(pool: &Pool, citizen: CitizenId) -> Result<Vec<Entry>, sqlx::Error> {
    sqlx::query(
        "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text FROM entry x \
         WHERE x.citizen_id = $1 ORDER BY x.recorded_on DESC, x.id DESC",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(entry_of)
    .collect()
}

/// All of a citizen's prescriptions with their dispensings, newest first (two queries).
pub async fn load_prescriptions(pool: &Pool, citizen: CitizenId) -> Result<Vec<Prescription>, sqlx::Error> {
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

/// Every provider's name in the given language (a small table; one query).
pub async fn provider_names(pool: &Pool, locale: Locale) -> Result<HashMap<String, String>, sqlx::Error> {
    let column = provider_name_column(locale);
    let rows = sqlx::query(&format!("SELECT id, {column} AS name FROM service_provider")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|r| (r.get("id"), r.get("name"))).collect())
}


pub(crate) fn event_of(r: &DbRow) -> Result<ServiceEvent, sqlx::Error> {
    let kind = RegisterKind::parse(&r.get::<String, _>("kind")).ok_or_else(|| decode("register kind"))?;
    Ok(ServiceEvent {
        id: ServiceEventId(r.get("id")),
        register_id: RegisterId(r.get("register_id")),
        register: Register { provider: ProviderId(r.get("provider_id")), kind, uusimaa_party: r.get("uusimaa_party") },
        unit: Unit { id: UnitId(r.get("unit_id")), provider: ProviderId(r.get("unit_provider_id")), name: r.get("unit_name") },
        started_on: r.get("started_on"),
        title: r.get("title"),
    })
}

pub(crate) fn entry_of(r: &DbRow) -> Result<Entry, sqlx::Error> {
    Ok(Entry {
        id: EntryId(r.get("id")),
        service_event: ServiceEventId(r.get("service_event_id")),
        kind: EntryKind::parse(r.get::<String, _>("kind").as_str()).ok_or_else(|| decode("entry kind"))?,
        recorded_on: r.get("recorded_on"),
        text: r.get("text"),
    })
}

/// The entry conditions of a filter (alias `x` is the entry).
fn push_entry_conditions(q: &mut QueryBuilder<'_, DB>, filter: &RecordFilter, visibility: Visibility) {
    push_entry_filter(q, filter);
    push_visibility(q, visibility);
}

/// The entry conditions of a filter: kind and dates (alias `x` is the entry).
fn push_entry_filter(q: &mut QueryBuilder<'_, DB>, filter: &RecordFilter) {
    if let Some(k) = filter.kind {
        q.push(" AND x.kind = ").push_bind(k.as_str());
    }
    if let Some(from) = filter.from {
        q.push(" AND x.recorded_on >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" AND x.recorded_on <= ").push_bind(to);
    }
}

/// The entries the viewer may see (alias `x` is the entry).
fn push_visibility(q: &mut QueryBuilder<'_, DB>, visibility: Visibility) {
    if let Some(limit) = visibility.limit() {
        q.push(" AND x.recorded_on < ").push_bind(limit);
    }
}

/// The register conditions of a filter (alias `r` is the register).
fn push_register_conditions(q: &mut QueryBuilder<'_, DB>, section: RecordSection, filter: &RecordFilter) {
    q.push(" AND r.kind IN (");
    let mut kinds = q.separated(", ");
    for k in kinds_of(section) {
        kinds.push_bind(*k);
    }
    q.push(")");
    if let Some(reg) = &filter.register {
        q.push(" AND r.id = ").push_bind(reg.0.clone());
    }
    if let Some(p) = &filter.provider {
        q.push(" AND r.provider_id = ").push_bind(p.0.clone());
    }
}


pub async fn whats_new(
    pool: &Pool,
    citizen: CitizenId,
    since: DateTime<Utc>,
    first_day: NaiveDate,
    visibility: Visibility,
    limit: i64,
) -> Result<WhatsNew, sqlx::Error> {
    // The count of viewings, joined to the newest entries (none: one row of NULLs).
    let mut q = QueryBuilder::<DB>::new("SELECT v.n AS viewings, x.id, x.service_event_id, x.kind, x.recorded_on, x.title, x.total FROM (SELECT COUNT(*) AS n FROM professional_viewing WHERE citizen_id = ");
    q.push_bind(citizen.0).push(" AND viewed_at >= ").push_bind(since);
    if let Some(limit) = visibility.limit() {
        q.push(" AND viewed_at < ").push_bind(crate::domain::time::helsinki_midnight(limit));
    }
    q.push(
        ") v LEFT JOIN (SELECT x.id, x.service_event_id, x.kind, x.recorded_on, e.title, COUNT(*) OVER () AS total \
         FROM entry x JOIN service_event e ON e.id = x.service_event_id WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.recorded_on >= ").push_bind(first_day);
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(" ORDER BY x.recorded_on DESC, x.id DESC LIMIT ").push_bind(limit);
    q.push(") x ON 1 = 1 ORDER BY x.recorded_on DESC, x.id DESC");
    let rows = q.build().fetch_all(pool).await?;
    let mut new = WhatsNew { viewings: rows.first().map_or(0, |r| r.get::<i64, _>("viewings")), ..WhatsNew::default() };
    for r in rows.iter().filter(|r| r.get::<Option<i64>, _>("id").is_some()) {
        new.new_entries = r.get::<i64, _>("total");
        new.newest.push(NewEntry {
            event: ServiceEventId(r.get("service_event_id")),
            kind: EntryKind::parse(r.get::<String, _>("kind").as_str()).ok_or_else(|| decode("entry kind"))?,
            event_title: r.get("title"),
            recorded_on: r.get("recorded_on"),
        });
    }
    Ok(new)
}

pub async fn valid_prescriptions_left(
    pool: &Pool,
    citizen: CitizenId,
    today: NaiveDate,
    visibility: Visibility,
) -> Result<Vec<PrescriptionLeft>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT p.id, p.medicine, p.strength, p.valid_until, p.amount - CAST(COALESCE(SUM(d.amount), 0) AS BIGINT) AS amount_left \
         FROM prescription p LEFT JOIN dispensing d ON d.prescription_id = p.id WHERE p.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND p.valid_until >= ").push_bind(today);
    if let Some(limit) = visibility.limit() {
        q.push(" AND p.prescribed_on < ").push_bind(limit);
    }
    q.push(" GROUP BY p.id, p.medicine, p.strength, p.valid_until, p.amount");
    Ok(q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| PrescriptionLeft {
            id: PrescriptionId(r.get("id")),
            name: format!("{} {}", r.get::<String, _>("medicine"), r.get::<String, _>("strength")),
            valid_until: r.get("valid_until"),
            amount_left: u32::try_from(r.get::<i64, _>("amount_left")).unwrap_or(0),
        })
        .collect())
}

/// One page of the citizen's service events that have at least one entry
/// matching the filter, with those entries. Three queries whatever the size
/// of the history: the page of events (keyset on the citizen's index), their
/// entries, and the counts.
pub async fn record_page(
    pool: &Pool,
    citizen: CitizenId,
    section: RecordSection,
    filter: &RecordFilter,
    visibility: Visibility,
    locale: Locale,
) -> Result<RecordPage, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(EVENT_COLUMNS);
    q.push("WHERE e.citizen_id = ").push_bind(citizen.0);
    push_register_conditions(&mut q, section, filter);
    q.push(" AND EXISTS (SELECT 1 FROM entry x WHERE x.service_event_id = e.id");
    push_entry_conditions(&mut q, filter, visibility);
    q.push(")");
    // Newest first; a "previous page" reads the newer events in the other
    // direction on the same index and turns them around.
    let (cursor, op, order) = match (filter.after, filter.before) {
        (_, Some(c)) => (Some(c), ">", "ASC"),
        (Some(c), None) => (Some(c), "<", "DESC"),
        (None, None) => (None, "<", "DESC"),
    };
    if let Some(c) = cursor {
        q.push(format!(" AND (e.started_on {op} ")).push_bind(c.started_on);
        q.push(" OR (e.started_on = ").push_bind(c.started_on);
        q.push(format!(" AND e.id {op} ")).push_bind(c.event.0).push("))");
    }
    q.push(format!(" ORDER BY e.started_on {order}, e.id {order} LIMIT ")).push_bind((EVENTS_PER_PAGE + 1) as i64);
    let rows = q.build().fetch_all(pool).await?;
    let mut events = rows.iter().map(event_of).collect::<Result<Vec<_>, _>>()?;
    let more = events.len() > EVENTS_PER_PAGE;
    events.truncate(EVENTS_PER_PAGE);
    let cursor_of = |e: &ServiceEvent| PageCursor { started_on: e.started_on, event: e.id };
    let (next, previous) = if filter.before.is_some() {
        events.reverse();
        // Older events follow (we came from them); newer ones only if there were more.
        (events.last().map(cursor_of), if more { events.first().map(cursor_of) } else { None })
    } else {
        let next = if more { events.last().map(cursor_of) } else { None };
        (next, if filter.after.is_some() { events.first().map(cursor_of) } else { None })
    };

    let mut by_event: HashMap<ServiceEventId, Vec<Entry>> = HashMap::new();
    if !events.is_empty() {
        let mut q = QueryBuilder::<DB>::new(
            "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text FROM entry x WHERE x.citizen_id = ",
        );
        q.push_bind(citizen.0).push(" AND x.service_event_id IN (");
        let mut ids = q.separated(", ");
        for e in &events {
            ids.push_bind(e.id.0);
        }
        q.push(")");
        push_entry_conditions(&mut q, filter, visibility);
        q.push(" ORDER BY x.recorded_on DESC, x.id DESC");
        for r in q.build().fetch_all(pool).await? {
            let entry = entry_of(&r)?;
            by_event.entry(entry.service_event).or_default().push(entry);
        }
    }

    let registers = registers_with_data(pool, citizen, section, filter, visibility, locale).await?;
    let chosen = registers.iter().filter(|r| {
        filter.register.as_ref().is_none_or(|id| *id == r.id)
            && filter.provider.as_ref().is_none_or(|p| *p == r.register.provider)
    });
    let (matching_entries, matching_events) =
        chosen.fold((0, 0), |(entries, events), r| (entries + r.entries, events + r.events));

    Ok(RecordPage {
        events: events
            .into_iter()
            .map(|e| {
                let entries = by_event.remove(&e.id).unwrap_or_default();
                (e, entries)
            })
            .collect(),
        next,
        previous,
        matching_entries,
        matching_events,
        registers,
    })
}

/// Every register of the section that holds any of the citizen's data the
/// viewer may see, with its provider's name and how many of those entries
/// (and service events with one) match the filter's kind and dates. One
/// statement: the entries are counted per service event on the covering
/// index `entry_by_citizen_event`, and only the events are joined.
async fn registers_with_data(
    pool: &Pool,
    citizen: CitizenId,
    section: RecordSection,
    filter: &RecordFilter,
    visibility: Visibility,
    locale: Locale,
) -> Result<Vec<RegisterData>, sqlx::Error> {
    let name = provider_name_column(locale);
    let mut q = QueryBuilder::<DB>::new(format!(
        "SELECT r.id, r.provider_id, r.kind, p.uusimaa_party, p.{name} AS provider_name, \
         CAST(SUM(s.n) AS BIGINT) AS entries, CAST(SUM(CASE WHEN s.n > 0 THEN 1 ELSE 0 END) AS BIGINT) AS events \
         FROM (SELECT x.service_event_id, SUM(CASE WHEN 1 = 1"
    ));
    push_entry_filter(&mut q, filter);
    q.push(" THEN 1 ELSE 0 END) AS n FROM entry x WHERE x.citizen_id = ").push_bind(citizen.0);
    push_visibility(&mut q, visibility);
    q.push(
        " GROUP BY x.service_event_id) s JOIN service_event e ON e.id = s.service_event_id \
         JOIN register r ON r.id = e.register_id JOIN service_provider p ON p.id = r.provider_id \
         WHERE e.citizen_id = ",
    );
    q.push_bind(citizen.0);
    push_register_conditions(&mut q, section, &RecordFilter::default());
    q.push(format!(" GROUP BY r.id, r.provider_id, r.kind, p.uusimaa_party, p.{name} ORDER BY r.id"));
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let kind: RegisterKind = RegisterKind::parse(&r.get::<String, _>("kind")).ok_or_else(|| decode("register kind"))?;
            Ok(RegisterData {
                id: RegisterId(r.get("id")),
                register: Register { provider: ProviderId(r.get("provider_id")), kind, uusimaa_party: r.get("uusimaa_party") },
                provider_name: r.get("provider_name"),
                entries: r.get("entries"),
                events: r.get("events"),
            })
        })
        .collect()
}

/// One of the citizen's service events with every entry the viewer may see;
/// `None` when it is not theirs, does not exist, or shows nothing. Two queries.
pub async fn service_event(
    pool: &Pool,
    citizen: CitizenId,
    id: ServiceEventId,
    visibility: Visibility,
) -> Result<Option<(ServiceEvent, Vec<Entry>)>, sqlx::Error> {
    let row = sqlx::query(&format!("{EVENT_COLUMNS} WHERE e.id = $1 AND e.citizen_id = $2"))
        .bind(id.0)
        .bind(citizen.0)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let event = event_of(&row)?;
    let mut q = QueryBuilder::<DB>::new(
        "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text FROM entry x WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.service_event_id = ").push_bind(id.0);
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(" ORDER BY x.recorded_on, x.id");
    let entries = q.build().fetch_all(pool).await?.iter().map(entry_of).collect::<Result<Vec<_>, _>>()?;
    Ok((!entries.is_empty()).then_some((event, entries)))
}


fn person_of(r: &DbRow) -> Result<Person, sqlx::Error> {
    let code: String = r.get("identity_code");
    Ok(Person {
        id: CitizenId(r.get("id")),
        full_name: format!("{} {}", r.get::<String, _>("first_name"), r.get::<String, _>("last_name")),
        identity_code: IdentityCode::parse(&code).map_err(|_| decode("identity code"))?,
    })
}

/// The children in this person's guardianship (from the population register).
pub async fn children_of(pool: &Pool, guardian: CitizenId) -> Result<Vec<Person>, sqlx::Error> {
    sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.identity_code FROM guardianship g \
         JOIN citizen c ON c.id = g.child_id WHERE g.guardian_id = $1 ORDER BY c.identity_code",
    )
    .bind(guardian.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(person_of)
    .collect()
}

/// The child, if this person is their guardian.
pub async fn child_of(pool: &Pool, guardian: CitizenId, child: CitizenId) -> Result<Option<Person>, sqlx::Error> {
    sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.identity_code FROM guardianship g \
         JOIN citizen c ON c.id = g.child_id WHERE g.guardian_id = $1 AND g.child_id = $2",
    )
    .bind(guardian.0)
    .bind(child.0)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(person_of)
    .transpose()
}

/// Every provider, with what the preview needs to know of it. One query.
pub async fn providers(pool: &Pool, locale: Locale) -> Result<Vec<ProviderRow>, sqlx::Error> {
    let sql = format!(
        "SELECT p.id, p.kind, p.{} AS name, p.uusimaa_party, \
         (SELECT COUNT(*) FROM register r WHERE r.provider_id = p.id AND r.kind = 'occupational_health') AS occupational \
         FROM service_provider p ORDER BY p.{}",
        provider_name_column(locale),
        provider_name_column(locale)
    );
    sqlx::query(&sql)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ProviderRow {
                id: ProviderId(r.get("id")),
                kind: ProviderKind::parse(r.get::<String, _>("kind").as_str())
                    .ok_or_else(|| sqlx::Error::Decode("unexpected provider kind".into()))?,
                name: r.get("name"),
                uusimaa_party: r.get("uusimaa_party"),
                has_occupational_register: r.get::<i64, _>("occupational") > 0,
            })
        })
        .collect()
}

/// The citizen's notice confirmations as (version, instant), for `valid_at`.
pub async fn confirmation_instants(pool: &Pool, citizen: CitizenId) -> Result<Vec<(NoticeVersion, DateTime<Utc>)>, sqlx::Error> {
    sqlx::query("SELECT version, confirmed_at FROM notice_confirmation WHERE citizen_id = $1 ORDER BY confirmed_at")
        .bind(citizen.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let v: String = r.get("version");
            let version = NoticeVersion::parse(&v).map_err(|_| sqlx::Error::Decode("unexpected notice version".into()))?;
            Ok((version, r.get("confirmed_at")))
        })
        .collect()
}

/// All of the citizen's declaration events, oldest first.
pub async fn declarations(pool: &Pool, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    load_declarations(&mut conn, citizen).await
}

/// Names of citizens (guardians in the history), by id.
pub async fn citizen_names(pool: &Pool, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<DB>::new("SELECT id, first_name, last_name FROM citizen WHERE id IN (");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
    Ok(q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| (r.get("id"), format!("{} {}", r.get::<String, _>("first_name"), r.get::<String, _>("last_name"))))
        .collect())
}


/// Professionals' viewings of the citizen's data, newest first, optionally
/// of one provider and within dates (inclusive, UTC dates).
pub async fn viewings(
    pool: &Pool,
    citizen: CitizenId,
    provider: Option<&ProviderId>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Viewing>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT v.provider_id, u.name AS unit_name, v.viewed_at, v.what, v.purpose FROM professional_viewing v \
         JOIN unit u ON u.id = v.unit_id WHERE v.citizen_id = ",
    );
    q.push_bind(citizen.0);
    if let Some(p) = provider {
        q.push(" AND v.provider_id = ").push_bind(p.0.clone());
    }
    if let Some(from) = from {
        q.push(" AND v.viewed_at >= ").push_bind(from.and_hms_opt(0, 0, 0).map(|d| d.and_utc()));
    }
    if let Some(to) = to.and_then(|d| d.succ_opt()) {
        q.push(" AND v.viewed_at < ").push_bind(to.and_hms_opt(0, 0, 0).map(|d| d.and_utc()));
    }
    q.push(" ORDER BY v.viewed_at DESC, v.id DESC");
    Ok(q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Viewing {
            provider: ProviderId(r.get("provider_id")),
            unit_name: r.get("unit_name"),
            viewed_at: r.get("viewed_at"),
            what: r.get("what"),
            purpose: r.get("purpose"),
        })
        .collect())
}

/// Whose declaration this is, if it exists.
pub async fn declaration_owner(pool: &Pool, id: crate::domain::declarations::DeclarationId) -> Result<Option<CitizenId>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, i64>("SELECT citizen_id FROM declaration WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .map(CitizenId))
}
