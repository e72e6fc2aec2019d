//! Laboratory results over time: a citizen's results of one test, and the
//! tests they have results of.

use chrono::NaiveDate;
use sqlx::QueryBuilder;

use super::prelude::{push_visibility, Pool};
use super::DB;
use crate::domain::declarations::ServiceEventId;
use crate::domain::laboratory::{LabResult, ReferenceRange};
use crate::domain::listing::Visibility;
use crate::server::rows::{CitizenId, LabSeries, LabTestSummary};

#[derive(sqlx::FromRow)]
struct LabTestRow {
    test: String,
    unit: String,
    results: i64,
    last_on: NaiveDate,
}

/// The tests the citizen has results of, as far as `visibility` reaches, by
/// code: one statement.
pub async fn laboratory_tests(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
) -> Result<Vec<LabTestSummary>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT l.test, MAX(l.unit) AS unit, COUNT(*) AS results, MAX(x.recorded_on) AS last_on \
         FROM laboratory_result l JOIN entry x ON x.id = l.entry_id WHERE l.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.citizen_id = ").push_bind(citizen.0);
    push_visibility(&mut q, visibility);
    q.push(" GROUP BY l.test ORDER BY l.test");
    let rows: Vec<LabTestRow> = q.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| LabTestSummary { test: r.test, unit: r.unit, results: r.results, last_on: r.last_on })
        .collect())
}

#[derive(sqlx::FromRow)]
struct LabResultRow {
    unit: String,
    reference_low: Option<f64>,
    reference_high: Option<f64>,
    recorded_on: NaiveDate,
    value: f64,
    service_event_id: i64,
}

/// The citizen's results of `test` the viewer may see, oldest first; `None`
/// when there are none. One statement.
pub async fn laboratory_series(
    pool: &Pool,
    citizen: CitizenId,
    test: &str,
    visibility: Visibility,
) -> Result<Option<LabSeries>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT l.unit, l.reference_low, l.reference_high, x.recorded_on, l.value, x.service_event_id \
         FROM laboratory_result l JOIN entry x ON x.id = l.entry_id WHERE l.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.citizen_id = ").push_bind(citizen.0);
    q.push(" AND l.test = ").push_bind(test.to_string());
    push_visibility(&mut q, visibility);
    q.push(" ORDER BY x.recorded_on, x.id");
    let rows: Vec<LabResultRow> = q.build_query_as().fetch_all(pool).await?;
    let Some(latest) = rows.last() else { return Ok(None) };
    let (unit, reference) =
        (latest.unit.clone(), ReferenceRange { low: latest.reference_low, high: latest.reference_high });
    let results = rows
        .into_iter()
        .map(|r| (LabResult { recorded_on: r.recorded_on, value: r.value }, ServiceEventId(r.service_event_id)))
        .collect();
    Ok(Some(LabSeries { test: test.to_string(), unit, reference, results }))
}
