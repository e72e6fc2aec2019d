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
        "SELECT c.version, c.confirmed_at, c.channel, p.name_fi, p.name_sv, p.name_en \
         FROM notice_confirmation c LEFT JOIN service_provider p ON p.id = c.provider_id \
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
                "online" => ConfirmationChannel::Online,
                "in_person" => {
                    let column = match locale {
                        Locale::Fi => "name_fi",
                        Locale::Sv => "name_sv",
                        Locale::En => "name_en",
                    };
                    let provider_name: Option<String> = r.get(column);
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
    sqlx::query(
        "INSERT INTO notice_confirmation (citizen_id, version, channel, provider_id, confirmed_at) \
         VALUES ($1, $2, 'online', NULL, $3) ON CONFLICT DO NOTHING",
    )
    .bind(id.0)
    .bind(version.as_str())
    .bind(at)
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
