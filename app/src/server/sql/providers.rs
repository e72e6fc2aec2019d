//! Service providers as viewers: every provider with what the preview needs
//! to know of it, and the professionals' viewings of the citizen's data.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::prelude::{decode, provider_name_column, Pool};
use super::DB;
use crate::domain::data_use::ProviderKind;
use crate::domain::declarations::ProviderId;
use crate::i18n::Locale;
use crate::server::rows::{CitizenId, ProviderRow, Viewing};

#[derive(sqlx::FromRow)]
struct ProviderDataRow {
    id: String,
    kind: String,
    name: String,
    uusimaa_party: bool,
    occupational: i64,
}

/// Every provider, with what the preview needs to know of it. One query.
pub async fn providers(pool: &Pool, locale: Locale) -> Result<Vec<ProviderRow>, sqlx::Error> {
    let name = provider_name_column(locale);
    let rows: Vec<ProviderDataRow> = sqlx::query_as(&format!(
        "SELECT p.id, p.kind, p.{name} AS name, p.uusimaa_party, \
         (SELECT COUNT(*) FROM register r WHERE r.provider_id = p.id AND r.kind = 'occupational_health') AS occupational \
         FROM service_provider p ORDER BY p.{name}"
    ))
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(ProviderRow {
                id: ProviderId(r.id),
                kind: ProviderKind::parse(&r.kind).ok_or_else(|| decode("provider kind"))?,
                name: r.name,
                uusimaa_party: r.uusimaa_party,
                has_occupational_register: r.occupational > 0,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ViewingRow {
    provider_id: String,
    unit_name: String,
    viewed_at: DateTime<Utc>,
    what: String,
    purpose: String,
    basis: Option<String>,
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
        "SELECT v.provider_id, u.name AS unit_name, v.viewed_at, v.what, v.purpose, v.basis FROM professional_viewing v \
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
    let rows: Vec<ViewingRow> = q.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| Viewing {
            provider: ProviderId(r.provider_id),
            unit_name: r.unit_name,
            viewed_at: r.viewed_at,
            what: r.what,
            purpose: r.purpose,
            basis: r.basis,
        })
        .collect())
}
