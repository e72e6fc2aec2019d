//! Repository reads of Management of Data Use (issue 5): providers for the
//! preview, the notice confirmations as instants, the declaration history
//! and professionals' viewings. Writes go through `repo::record_declaration`.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::repo::provider_name_column;
use super::CitizenId;
use crate::domain::data_use::ProviderKind;
use crate::domain::declarations::{Declaration, ProviderId};
use crate::domain::notice::NoticeVersion;
use crate::i18n::Locale;

pub struct ProviderRow {
    pub id: ProviderId,
    pub kind: ProviderKind,
    pub name: String,
    pub uusimaa_party: bool,
    pub has_occupational_register: bool,
}

/// Every provider, with what the preview needs to know of it. One query.
pub async fn providers(pool: &SqlitePool, locale: Locale) -> Result<Vec<ProviderRow>, sqlx::Error> {
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
pub async fn confirmation_instants(pool: &SqlitePool, citizen: CitizenId) -> Result<Vec<(NoticeVersion, DateTime<Utc>)>, sqlx::Error> {
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
pub async fn declarations(pool: &SqlitePool, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    super::repo::load_declarations(&mut conn, citizen).await
}

/// Names of citizens (guardians in the history), by id.
pub async fn citizen_names(pool: &SqlitePool, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Sqlite>::new("SELECT id, first_name, last_name FROM citizen WHERE id IN (");
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

pub struct Viewing {
    pub provider: ProviderId,
    pub unit_name: String,
    pub viewed_at: DateTime<Utc>,
    pub what: String,
    pub purpose: String,
}

/// Professionals' viewings of the citizen's data, newest first, optionally
/// of one provider and within dates (inclusive, UTC dates).
pub async fn viewings(
    pool: &SqlitePool,
    citizen: CitizenId,
    provider: Option<&ProviderId>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Viewing>, sqlx::Error> {
    let mut q = QueryBuilder::<Sqlite>::new(
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
pub async fn declaration_owner(pool: &SqlitePool, id: crate::domain::declarations::DeclarationId) -> Result<Option<CitizenId>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, i64>("SELECT citizen_id FROM declaration WHERE id = $1")
        .bind(id.0)
        .fetch_optional(pool)
        .await?
        .map(CitizenId))
}
