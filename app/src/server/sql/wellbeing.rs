//! Wellbeing data: the measurements a person (or a guardian for a child)
//! recorded, append-only; a correction is a new row naming the one it
//! corrects.

use chrono::{DateTime, Utc};

use super::begin_write;
use super::prelude::{decode, written_with_key, Conn, Pool};
use crate::domain::listing::Visibility;
use crate::domain::time::helsinki_midnight;
use crate::domain::wellbeing::{
    check_correction, Measurement, MeasurementKind, NewMeasurement, Reading, WellbeingError,
};
use crate::server::rows::CitizenId;

#[derive(sqlx::FromRow)]
struct MeasurementRow {
    id: i64,
    kind: String,
    measured_at: DateTime<Utc>,
    systolic: Option<i64>,
    diastolic: Option<i64>,
    pulse: Option<i64>,
    tenths: Option<i64>,
    recorded_at: DateTime<Utc>,
    recorded_by: Option<i64>,
    corrects_id: Option<i64>,
}

impl TryFrom<MeasurementRow> for Measurement {
    type Error = sqlx::Error;

    fn try_from(r: MeasurementRow) -> Result<Self, sqlx::Error> {
        let small = |v: Option<i64>| v.and_then(|v| u16::try_from(v).ok()).ok_or_else(|| decode("pressure"));
        let reading = match MeasurementKind::parse(&r.kind).ok_or_else(|| decode("measurement kind"))? {
            MeasurementKind::BloodPressure => Reading::BloodPressure {
                systolic: small(r.systolic)?,
                diastolic: small(r.diastolic)?,
                pulse: r.pulse.map(|p| small(Some(p))).transpose()?,
            },
            kind => {
                let tenths = r.tenths.and_then(|t| u32::try_from(t).ok()).ok_or_else(|| decode("measured value"))?;
                match kind {
                    MeasurementKind::Weight => Reading::Weight { tenths },
                    _ => Reading::BloodGlucose { tenths },
                }
            }
        };
        Ok(Measurement {
            id: r.id,
            measured_at: r.measured_at,
            reading,
            recorded_at: r.recorded_at,
            by_guardian: r.recorded_by.is_some(),
            corrects: r.corrects_id,
        })
    }
}

async fn load(conn: &mut Conn, citizen: CitizenId, visibility: Visibility) -> Result<Vec<Measurement>, sqlx::Error> {
    // A guardian sees what was recorded before the child turned 10.
    let before = visibility.limit().map(helsinki_midnight);
    let rows: Vec<MeasurementRow> = sqlx::query_as(
        "SELECT id, kind, measured_at, systolic, diastolic, pulse, tenths, recorded_at, recorded_by, corrects_id \
         FROM wellbeing_measurement WHERE citizen_id = $1 AND ($2 IS NULL OR recorded_at < $2) \
         ORDER BY measured_at, id",
    )
    .bind(citizen.0)
    .bind(before)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter().map(Measurement::try_from).collect()
}

/// The person's measurements the viewer may see, oldest first.
pub async fn measurements(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
) -> Result<Vec<Measurement>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    load(&mut conn, citizen, visibility).await
}

/// Records a measurement in one transaction that serialises the person's
/// writers: a repeated idempotency key answers the first row's id and
/// writes nothing; a correction must name a measurement of the person's
/// (that the asker may see), of its kind, not corrected already (else the
/// inner `Err`, nothing written).
pub async fn record_measurement(
    pool: &Pool,
    citizen: CitizenId,
    new: NewMeasurement,
    visibility: Visibility,
    now: DateTime<Utc>,
    idempotency_key: &str,
) -> Result<Result<i64, WellbeingError>, sqlx::Error> {
    let mut tx = begin_write(pool, citizen).await?;
    if let Some(id) = written_with_key(&mut tx, "wellbeing_measurement", citizen, idempotency_key).await? {
        return Ok(Ok(id));
    }
    if let Some(corrects) = new.corrects {
        let all = load(&mut tx, citizen, visibility).await?;
        if let Err(refused) = check_correction(&all, corrects, new.reading.kind()) {
            return Ok(Err(refused));
        }
    }
    let (mut systolic, mut diastolic, mut pulse, mut tenths) = (None, None, None, None);
    match new.reading {
        Reading::BloodPressure { systolic: s, diastolic: d, pulse: p } => {
            (systolic, diastolic, pulse) = (Some(i64::from(s)), Some(i64::from(d)), p.map(i64::from));
        }
        Reading::Weight { tenths: t } | Reading::BloodGlucose { tenths: t } => tenths = Some(i64::from(t)),
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO wellbeing_measurement (citizen_id, kind, measured_at, systolic, diastolic, pulse, tenths, \
         recorded_at, recorded_by, corrects_id, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(citizen.0)
    .bind(new.reading.kind().as_str())
    .bind(new.measured_at)
    .bind(systolic)
    .bind(diastolic)
    .bind(pulse)
    .bind(tenths)
    .bind(now)
    .bind(new.recorded_by)
    .bind(new.corrects)
    .bind(idempotency_key)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}
