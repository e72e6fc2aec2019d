//! The patient summary's data and the copy of the record: the entries the
//! summary reads, every laboratory result at once, and the whole record as
//! a stream of rows (so a long history is copied in constant memory).

use chrono::NaiveDate;
use futures::StreamExt;
use sqlx::QueryBuilder;

use super::prelude::{decode, push_visibility, Pool};
use super::records::{EntryRow, EventRow, ENTRY_COLUMNS, EVENT_COLUMNS};
use super::DB;
use crate::domain::fhir::{LabValue, RecordPart};
use crate::domain::laboratory::{LabResult, ReferenceRange};
use crate::domain::listing::Visibility;
use crate::domain::records::{Entry, EntryKind, ServiceEvent};
use crate::domain::summary::TestResults;
use crate::server::rows::CitizenId;

/// The summary's entries the viewer may see (critical risks, diagnoses,
/// procedures), newest first: one statement.
pub async fn summary_entries(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
) -> Result<Vec<Entry>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(ENTRY_COLUMNS);
    q.push("WHERE x.citizen_id = ").push_bind(citizen.0).push(" AND x.kind IN (");
    let mut kinds = q.separated(", ");
    for k in [EntryKind::CriticalRisk, EntryKind::Diagnosis, EntryKind::Procedure] {
        kinds.push_bind(k.as_str());
    }
    q.push(")");
    push_visibility(&mut q, visibility);
    q.push(" ORDER BY x.recorded_on DESC, x.id DESC");
    let rows: Vec<EntryRow> = q.build_query_as().fetch_all(pool).await?;
    rows.into_iter().map(Entry::try_from).collect()
}

#[derive(sqlx::FromRow)]
struct ResultRow {
    test: String,
    unit: String,
    reference_low: Option<f64>,
    reference_high: Option<f64>,
    recorded_on: NaiveDate,
    value: f64,
    service_event_id: i64,
}

/// Every laboratory result the viewer may see, by test and oldest first
/// within one (the reference range is the latest result's): one statement.
pub async fn laboratory_results(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
) -> Result<Vec<TestResults>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT l.test, l.unit, l.reference_low, l.reference_high, x.recorded_on, l.value, x.service_event_id \
         FROM laboratory_result l JOIN entry x ON x.id = l.entry_id WHERE l.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.citizen_id = ").push_bind(citizen.0);
    push_visibility(&mut q, visibility);
    q.push(" ORDER BY l.test, x.recorded_on, x.id");
    let rows: Vec<ResultRow> = q.build_query_as().fetch_all(pool).await?;
    let mut out: Vec<TestResults> = vec![];
    for r in rows {
        let result = (LabResult { recorded_on: r.recorded_on, value: r.value }, r.service_event_id);
        let reference = ReferenceRange { low: r.reference_low, high: r.reference_high };
        match out.last_mut() {
            Some(t) if t.test == r.test => {
                t.unit = r.unit;
                t.reference = reference;
                t.results.push(result);
            }
            _ => out.push(TestResults { test: r.test, unit: r.unit, reference, results: vec![result] }),
        }
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct ExportEntryRow {
    #[sqlx(flatten)]
    entry: EntryRow,
    lab_unit: Option<String>,
    lab_value: Option<f64>,
    reference_low: Option<f64>,
    reference_high: Option<f64>,
    vaccine: Option<String>,
    dose: Option<i64>,
}

/// The whole record the viewer may see, row by row into `sink`, oldest
/// first: the service events with an entry the viewer may see, then those
/// entries, each with its laboratory value or vaccine. Two statements,
/// streamed: memory does not grow with the history. Stops early, without an
/// error, when the receiver is gone.
pub async fn export_record(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
    sink: tokio::sync::mpsc::Sender<RecordPart>,
) -> Result<(), sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(EVENT_COLUMNS);
    q.push("WHERE e.citizen_id = ").push_bind(citizen.0);
    q.push(" AND EXISTS (SELECT 1 FROM entry x WHERE x.citizen_id = ").push_bind(citizen.0);
    q.push(" AND x.service_event_id = e.id");
    push_visibility(&mut q, visibility);
    q.push(") ORDER BY e.started_on, e.id");
    let mut events = q.build_query_as::<EventRow>().fetch(pool);
    while let Some(row) = events.next().await {
        if sink.send(RecordPart::Event(ServiceEvent::try_from(row?)?)).await.is_err() {
            return Ok(());
        }
    }
    drop(events);
    let mut q = QueryBuilder::<DB>::new(
        "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text, l.test AS lab_test, \
         l.unit AS lab_unit, l.value AS lab_value, l.reference_low, l.reference_high, v.vaccine, v.dose \
         FROM entry x LEFT JOIN laboratory_result l ON l.entry_id = x.id \
         LEFT JOIN vaccination v ON v.entry_id = x.id WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0);
    push_visibility(&mut q, visibility);
    q.push(" ORDER BY x.recorded_on, x.id");
    let mut entries = q.build_query_as::<ExportEntryRow>().fetch(pool);
    while let Some(row) = entries.next().await {
        let r = row?;
        let lab = match (r.lab_unit, r.lab_value) {
            (Some(unit), Some(value)) => Some(LabValue {
                unit,
                value,
                reference: ReferenceRange { low: r.reference_low, high: r.reference_high },
            }),
            _ => None,
        };
        let vaccine = match (r.vaccine, r.dose) {
            (Some(v), Some(d)) => Some((v, u32::try_from(d).map_err(|_| decode("dose"))?)),
            _ => None,
        };
        let entry = Entry::try_from(r.entry)?;
        if sink.send(RecordPart::Entry { entry, lab, vaccine }).await.is_err() {
            return Ok(());
        }
    }
    Ok(())
}

/// Whom the record is about: (identity code, first name, last name).
pub async fn citizen_person(pool: &Pool, citizen: CitizenId) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT identity_code, first_name, last_name FROM citizen WHERE id = $1")
        .bind(citizen.0)
        .fetch_optional(pool)
        .await
}

/// Appends a downloaded copy to the audit log: who downloaded whose data,
/// from where, and which copy (`detail`).
pub async fn record_copy(
    pool: &Pool,
    at: chrono::DateTime<chrono::Utc>,
    asker: CitizenId,
    subject: CitizenId,
    client_address: Option<&str>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_event (at, kind, citizen_id, subject_id, client_address, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(crate::domain::audit::AuditKind::CopyDownloaded.as_str())
    .bind(asker.0)
    .bind(subject.0)
    .bind(client_address)
    .bind(detail)
    .execute(pool)
    .await?;
    Ok(())
}
