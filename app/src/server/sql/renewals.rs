//! Prescription renewal requests: the subject's requests with their latest
//! state, and sending one.

use chrono::{DateTime, NaiveDate, Utc};

use super::begin_write;
use super::prelude::{decode, provider_name_column, written_with_key, Conn, Pool};
use crate::domain::acting::ActingRight;
use crate::domain::declarations::{PrescriptionId, ProviderId};
use crate::domain::records::UnitId;
use crate::domain::renewal::{may_request_renewal, MedicineClass, RenewalRefusal, RenewalState};
use crate::i18n::Locale;
use crate::server::rows::{CitizenId, NewRenewalRequest, RenewalCandidate, RenewalRequest, RenewalUnit};

#[derive(sqlx::FromRow)]
struct RenewalRow {
    id: i64,
    prescription_id: i64,
    medicine: String,
    strength: String,
    prescribed_on: NaiveDate,
    provider_id: String,
    unit_name: Option<String>,
    message: Option<String>,
    mobile: Option<String>,
    sent_at: DateTime<Utc>,
    sent_by: Option<String>,
    actor_right: Option<String>,
    state: Option<String>,
    state_at: Option<DateTime<Utc>>,
}

/// A column of the latest state row of request `r` (`s.state` or `s.at`;
/// NULL while none is recorded: the request is still sent).
fn latest_state_of_r(column: &str) -> String {
    format!(
        "(SELECT {column} FROM renewal_request_state s WHERE s.request_id = r.id ORDER BY s.at DESC, s.id DESC LIMIT 1)"
    )
}

/// A request's state from its latest state row (none: sent).
fn renewal_state(latest: Option<String>) -> Result<RenewalState, sqlx::Error> {
    match latest {
        None => Ok(RenewalState::Sent),
        Some(s) => RenewalState::parse(&s).ok_or_else(|| decode("renewal state")),
    }
}

/// The citizen's renewal requests, newest first, each with its state at
/// `now` (its latest recorded state; none: still sent, or expired after
/// `HANDLED_WITHIN_DAYS`) and who sent it when not the citizen.
pub async fn renewal_requests(
    pool: &Pool,
    citizen: CitizenId,
    now: DateTime<Utc>,
) -> Result<Vec<RenewalRequest>, sqlx::Error> {
    let sql = format!(
        "SELECT r.id, r.prescription_id, x.medicine, x.strength, x.prescribed_on, r.provider_id, u.name AS unit_name, r.message, r.mobile, r.sent_at, \
         CASE WHEN a.id IS NULL THEN NULL ELSE a.first_name || ' ' || a.last_name END AS sent_by, r.actor_right, \
         {} AS state, {} AS state_at \
         FROM renewal_request r JOIN prescription x ON x.id = r.prescription_id \
         LEFT JOIN citizen a ON a.id = r.actor_citizen_id LEFT JOIN unit u ON u.id = r.unit_id \
         WHERE r.citizen_id = $1 ORDER BY r.sent_at DESC, r.id DESC",
        latest_state_of_r("s.state"),
        latest_state_of_r("s.at"),
    );
    let rows: Vec<RenewalRow> = sqlx::query_as(&sql).bind(citizen.0).fetch_all(pool).await?;
    rows.into_iter()
        .map(|r| {
            let sent_by = match (r.sent_by, r.actor_right) {
                (Some(name), Some(right)) => {
                    Some((name, ActingRight::parse(&right).ok_or_else(|| decode("acting right"))?))
                }
                _ => None,
            };
            let (state, state_at) = renewal_state(r.state)?.as_of(r.state_at.unwrap_or(r.sent_at), r.sent_at, now);
            Ok(RenewalRequest {
                id: r.id,
                prescription: PrescriptionId(r.prescription_id),
                medicine: format!("{} {}", r.medicine, r.strength),
                prescribed_on: r.prescribed_on,
                provider: ProviderId(r.provider_id),
                unit: r.unit_name,
                message: r.message,
                mobile: r.mobile,
                sent_at: r.sent_at,
                sent_by,
                state,
                state_at,
            })
        })
        .collect()
}

/// One of the citizen's prescriptions for a renewal request: its medicine's
/// class, last valid day and prescriber.
pub async fn renewable_prescription(
    pool: &Pool,
    citizen: CitizenId,
    prescription: PrescriptionId,
) -> Result<Option<RenewalCandidate>, sqlx::Error> {
    let row: Option<(String, NaiveDate, NaiveDate, String, String, String, String)> = sqlx::query_as(
        "SELECT medicine_class, valid_until, prescribed_on, prescriber_provider_id, prescriber_unit_id, medicine, strength \
         FROM prescription WHERE id = $1 AND citizen_id = $2",
    )
    .bind(prescription.0)
    .bind(citizen.0)
    .fetch_optional(pool)
    .await?;
    row.map(|(class, valid_until, prescribed_on, prescriber, prescriber_unit, medicine, strength)| {
        Ok(RenewalCandidate {
            id: prescription,
            class: MedicineClass::parse(&class).ok_or_else(|| decode("medicine class"))?,
            valid_until,
            prescribed_on,
            prescriber: ProviderId(prescriber),
            prescriber_unit: UnitId(prescriber_unit),
            medicine: format!("{medicine} {strength}"),
        })
    })
    .transpose()
}

/// The states at `now` of the earlier requests for one prescription.
async fn earlier_renewal_states(
    conn: &mut Conn,
    prescription: PrescriptionId,
    now: DateTime<Utc>,
) -> Result<Vec<RenewalState>, sqlx::Error> {
    let sql = format!(
        "SELECT {}, r.sent_at FROM renewal_request r WHERE r.prescription_id = $1",
        latest_state_of_r("s.state")
    );
    let rows: Vec<(Option<String>, DateTime<Utc>)> =
        sqlx::query_as(&sql).bind(prescription.0).fetch_all(&mut *conn).await?;
    rows.into_iter().map(|(state, sent_at)| Ok(renewal_state(state)?.as_of(sent_at, sent_at, now).0)).collect()
}

/// Sends a renewal request if it may be sent now: in one transaction that
/// serialises the citizen's writers, the prescription and its earlier
/// requests are read, the domain decides, and the request is appended. A
/// repeated idempotency key returns the first request's id and writes
/// nothing; a refusal is the inner `Err`, and nothing is written.
pub async fn record_renewal_request(
    pool: &Pool,
    citizen: CitizenId,
    request: &NewRenewalRequest,
    now: DateTime<Utc>,
    idempotency_key: Option<&str>,
) -> Result<Result<i64, RenewalRefusal>, sqlx::Error> {
    let mut tx = begin_write(pool, citizen).await?;
    if let Some(key) = idempotency_key {
        if let Some(id) = written_with_key(&mut tx, "renewal_request", citizen, key).await? {
            return Ok(Ok(id));
        }
    }
    let provider: Option<String> =
        sqlx::query_scalar("SELECT provider_id FROM unit WHERE id = $1 AND takes_renewal_requests")
            .bind(&request.unit.0)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(provider) = provider else { return Ok(Err(RenewalRefusal::Unit)) };
    let row: Option<(String, NaiveDate)> =
        sqlx::query_as("SELECT medicine_class, valid_until FROM prescription WHERE id = $1 AND citizen_id = $2")
            .bind(request.prescription.0)
            .bind(citizen.0)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((class, valid_until)) = row else { return Err(sqlx::Error::RowNotFound) };
    let class = MedicineClass::parse(&class).ok_or_else(|| decode("medicine class"))?;
    let earlier = earlier_renewal_states(&mut tx, request.prescription, now).await?;
    let today = crate::domain::time::helsinki_today(now);
    if let Err(refused) = may_request_renewal(class, valid_until, &earlier, today) {
        return Ok(Err(refused));
    }
    let (right, actor) = match request.sent_by {
        Some((right, actor)) => (Some(right.as_str()), Some(actor.0)),
        None => (None, None),
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO renewal_request (citizen_id, prescription_id, provider_id, unit_id, message, sent_at, actor_right, \
         actor_citizen_id, idempotency_key, mobile) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(citizen.0)
    .bind(request.prescription.0)
    .bind(&provider)
    .bind(&request.unit.0)
    .bind(request.message.as_deref())
    .bind(now)
    .bind(right)
    .bind(actor)
    .bind(idempotency_key)
    .bind(request.mobile.as_deref())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// The units that take renewal requests, with their providers' names in
/// `locale`, by provider and unit name.
pub async fn renewal_units(pool: &Pool, locale: Locale) -> Result<Vec<RenewalUnit>, sqlx::Error> {
    let name = provider_name_column(locale);
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT u.id, u.name, p.id, p.{name} FROM unit u JOIN service_provider p ON p.id = u.provider_id \
         WHERE u.takes_renewal_requests ORDER BY p.{name}, u.name"
    ))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, provider, provider_name)| RenewalUnit {
            id: UnitId(id),
            name,
            provider: ProviderId(provider),
            provider_name,
        })
        .collect())
}
