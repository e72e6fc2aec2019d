//! Citizens: logins and their audit, the notice and its confirmations, what
//! every page needs of its citizen.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::prelude::{decode, notice_version, Pool};
use super::DB;
use crate::domain::audit::{LoginFailures, ThrottleWindows};
use crate::domain::notice::{self, ChannelKind, ConfirmationChannel, NoticeConfirmation, NoticeVersion};
use crate::domain::IdentityCode;
use crate::i18n::Locale;
use crate::server::rows::{CitizenId, CitizenLogin, CitizenStanding, NoticeText};

/// The deployment's secret called `name`: the stored one, or `candidate`
/// stored first if there is none yet (two instances starting at once agree
/// on the one that was stored first).
pub async fn server_secret(pool: &Pool, name: &str, candidate: &str) -> Result<String, sqlx::Error> {
    sqlx::query("INSERT INTO server_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(candidate)
        .execute(pool)
        .await?;
    sqlx::query_scalar("SELECT value FROM server_secret WHERE name = $1").bind(name).fetch_one(pool).await
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
) -> Result<(), sqlx::Error> {
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
    .await?;
    Ok(())
}

/// Appends an identification's outcome to the audit log: a login through
/// the identification service (`detail`: its level of assurance) or why one
/// failed (`detail`: the cause, e.g. `state`, `wrong_nonce`, `unknown_person`).
pub async fn record_identification(
    pool: &Pool,
    at: DateTime<Utc>,
    kind: crate::domain::audit::AuditKind,
    citizen: Option<CitizenId>,
    identity_code: Option<&str>,
    client_address: Option<&str>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_event (at, kind, citizen_id, identity_code, client_address, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(kind.as_str())
    .bind(citizen.map(|c| c.0))
    .bind(identity_code)
    .bind(client_address)
    .bind(detail)
    .execute(pool)
    .await?;
    Ok(())
}

/// Failed logins in their windows (`LoginFailures`): of this identity code
/// from this client address and from everywhere (both after the code's last
/// successful login), and from this address.
pub async fn login_failures(
    pool: &Pool,
    identity_code: &str,
    client_address: Option<&str>,
    windows: ThrottleWindows,
) -> Result<LoginFailures, sqlx::Error> {
    // Failures of the code after its last login and after `$2`; of those,
    // how many came from `$3` (a NULL address matches none).
    let (of_code_from_address, of_code): (i64, i64) = sqlx::query_as(
        "SELECT COALESCE(SUM(CASE WHEN client_address = $3 THEN 1 ELSE 0 END), 0), \
         COALESCE(SUM(CASE WHEN at > $4 THEN 1 ELSE 0 END), 0) \
         FROM audit_event WHERE identity_code = $1 AND kind = 'login_failed' AND at > $2 \
         AND at > COALESCE((SELECT MAX(at) FROM audit_event WHERE identity_code = $1 AND kind = 'login'), $2)",
    )
    .bind(identity_code)
    .bind(windows.address)
    .bind(client_address)
    .bind(windows.code)
    .fetch_one(pool)
    .await?;
    let from_address: i64 = match client_address {
        Some(address) => {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM audit_event WHERE client_address = $1 AND kind = 'login_failed' AND at > $2",
            )
            .bind(address)
            .bind(windows.address)
            .fetch_one(pool)
            .await?
        }
        None => 0,
    };
    Ok(LoginFailures { of_code_from_address, of_code, from_address })
}

pub async fn find_citizen_for_login(pool: &Pool, code: &IdentityCode) -> Result<Option<CitizenLogin>, sqlx::Error> {
    let row: Option<(i64, Option<String>)> =
        sqlx::query_as("SELECT id, password_hash FROM citizen WHERE identity_code = $1")
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, password_hash)| CitizenLogin { id: CitizenId(id), password_hash }))
}

pub async fn record_login(pool: &Pool, id: CitizenId, at: DateTime<Utc>) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO citizen_login (citizen_id, logged_in_at) VALUES ($1, $2)")
        .bind(id.0)
        .bind(at)
        .execute(pool)
        .await?;
    Ok(())
}

/// The login before the latest one (the latest is this session's).
pub async fn previous_login(pool: &Pool, id: CitizenId) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT logged_in_at FROM citizen_login WHERE citizen_id = $1 \
         ORDER BY logged_in_at DESC, id DESC LIMIT 1 OFFSET 1",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await
}

pub async fn published_notice_versions(pool: &Pool) -> Result<Vec<(NoticeVersion, NaiveDate)>, sqlx::Error> {
    let rows: Vec<(String, NaiveDate)> =
        sqlx::query_as("SELECT version, published_on FROM notice_version").fetch_all(pool).await?;
    rows.into_iter().map(|(v, on)| Ok((notice_version(&v)?, on))).collect()
}

/// The notice version in force on `today` (Helsinki's date).
pub async fn current_notice_version(pool: &Pool, today: NaiveDate) -> Result<NoticeVersion, sqlx::Error> {
    let published = published_notice_versions(pool).await?;
    notice::current_version(&published, today).ok_or_else(|| decode("notice: none is published"))
}

#[derive(sqlx::FromRow)]
struct ConfirmationRow {
    version: String,
    confirmed_at: DateTime<Utc>,
    channel: String,
    name_fi: Option<String>,
    name_sv: Option<String>,
    name_en: Option<String>,
    guardian_first: Option<String>,
    guardian_last: Option<String>,
}

/// The citizen's confirmations of the notice, oldest first, with the
/// provider's name in `locale` where one was made in person.
pub async fn notice_confirmations(
    pool: &Pool,
    id: CitizenId,
    locale: Locale,
) -> Result<Vec<NoticeConfirmation>, sqlx::Error> {
    let rows: Vec<ConfirmationRow> = sqlx::query_as(
        "SELECT c.version, c.confirmed_at, c.channel, p.name_fi, p.name_sv, p.name_en, \
         g.first_name AS guardian_first, g.last_name AS guardian_last \
         FROM notice_confirmation c LEFT JOIN service_provider p ON p.id = c.provider_id \
         LEFT JOIN citizen g ON g.id = c.confirmed_by_guardian_id \
         WHERE c.citizen_id = $1 ORDER BY c.confirmed_at",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            let kind = ChannelKind::parse(&r.channel).ok_or_else(|| decode("confirmation channel"))?;
            let channel = match (kind, r.guardian_first) {
                (ChannelKind::Online, Some(first)) => ConfirmationChannel::OnlineByGuardian {
                    guardian_name: format!("{first} {}", r.guardian_last.unwrap_or_default()),
                },
                (ChannelKind::Online, None) => ConfirmationChannel::Online,
                (ChannelKind::InPerson, _) => {
                    let name = match locale {
                        Locale::Fi => r.name_fi,
                        Locale::Sv => r.name_sv,
                        Locale::En => r.name_en,
                    };
                    ConfirmationChannel::InPerson { provider_name: name.ok_or_else(|| decode("confirming provider"))? }
                }
            };
            Ok(NoticeConfirmation { version: notice_version(&r.version)?, confirmed_at: r.confirmed_at, channel })
        })
        .collect()
}

/// The notice version the citizen must confirm first, if any.
pub async fn notice_due_for(
    pool: &Pool,
    id: CitizenId,
    today: NaiveDate,
) -> Result<Option<NoticeVersion>, sqlx::Error> {
    Ok(citizen_standing(pool, id, today).await?.and_then(|s| s.notice_due))
}

#[derive(sqlx::FromRow)]
struct StandingRow {
    first_name: String,
    last_name: String,
    version: String,
    published_on: NaiveDate,
    confirmed: bool,
}

/// What every page needs of its citizen, in one statement: their name and
/// the current notice version if they have not confirmed it (one row per
/// published version, the confirmation beside it).
pub async fn citizen_standing(
    pool: &Pool,
    id: CitizenId,
    today: NaiveDate,
) -> Result<Option<CitizenStanding>, sqlx::Error> {
    let rows: Vec<StandingRow> = sqlx::query_as(
        "SELECT c.first_name, c.last_name, v.version, v.published_on, \
         EXISTS (SELECT 1 FROM notice_confirmation n WHERE n.citizen_id = c.id AND n.version = v.version) AS confirmed \
         FROM citizen c CROSS JOIN notice_version v WHERE c.id = $1",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;
    let Some(first) = rows.first() else { return Ok(None) };
    let full_name = format!("{} {}", first.first_name, first.last_name);
    let mut published = Vec::with_capacity(rows.len());
    let mut confirmed = Vec::new();
    for r in &rows {
        let version = notice_version(&r.version)?;
        if r.confirmed {
            confirmed.push(version.clone());
        }
        published.push((version, r.published_on));
    }
    let current = notice::current_version(&published, today).ok_or_else(|| decode("notice: none is published"))?;
    let notice_due = notice::notice_due(&current, &confirmed);
    Ok(Some(CitizenStanding { full_name, current_notice: current, notice_due }))
}

pub async fn notice_text(
    pool: &Pool,
    version: &NoticeVersion,
    locale: Locale,
) -> Result<Option<NoticeText>, sqlx::Error> {
    sqlx::query_as(
        "SELECT v.published_on, t.title, t.body FROM notice_version v \
         JOIN notice_text t ON t.version = v.version WHERE v.version = $1 AND t.locale = $2",
    )
    .bind(version.as_str())
    .bind(locale.code())
    .fetch_optional(pool)
    .await
}

/// An online confirmation by the citizen, or by their guardian (`by`). A
/// second confirmation of the same version online (a double submit) writes
/// nothing.
pub async fn confirm_notice_online(
    pool: &Pool,
    id: CitizenId,
    version: &NoticeVersion,
    at: DateTime<Utc>,
    by: Option<CitizenId>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notice_confirmation (citizen_id, version, channel, provider_id, confirmed_at, confirmed_by_guardian_id) \
         VALUES ($1, $2, $3, NULL, $4, $5) ON CONFLICT DO NOTHING",
    )
    .bind(id.0)
    .bind(version.as_str())
    .bind(ChannelKind::Online.as_str())
    .bind(at)
    .bind(by.map(|c| c.0))
    .execute(pool)
    .await?;
    Ok(())
}

/// (full name, identity code) of everyone who can log in, in id order.
pub async fn demo_logins(pool: &Pool) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT first_name, last_name, identity_code FROM citizen WHERE password_hash IS NOT NULL ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(first, last, code)| (format!("{first} {last}"), code)).collect())
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
    let rows: Vec<(i64, String, String)> = q.build_query_as().fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(id, first, last)| (id, format!("{first} {last}"))).collect())
}
