//! What is new for the front page: the newest entries (a laboratory result
//! with its test and value) and the professionals' viewings, in one
//! statement; and, when nothing is new, the latest entries however old.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::prelude::{decode, Pool};
use super::records::push_entry_conditions;
use super::DB;
use crate::domain::declarations::ServiceEventId;
use crate::domain::listing::{RecordFilter, Visibility};
use crate::domain::records::EntryKind;
use crate::server::rows::{CitizenId, NewEntry, WhatsNew};

#[derive(sqlx::FromRow)]
struct NewEntryRow {
    viewings: i64,
    id: Option<i64>,
    service_event_id: Option<i64>,
    kind: Option<String>,
    recorded_on: Option<NaiveDate>,
    title: Option<String>,
    total: Option<i64>,
    lab_test: Option<String>,
    lab_value: Option<f64>,
    lab_unit: Option<String>,
}

/// What is new since `since` (entries: from `first_day` on, the newest
/// `limit` of them and how many in all; viewings: from the instant on), as
/// far as `visibility` reaches: one statement.
pub async fn whats_new(
    pool: &Pool,
    citizen: CitizenId,
    since: DateTime<Utc>,
    first_day: NaiveDate,
    visibility: Visibility,
    limit: i64,
) -> Result<WhatsNew, sqlx::Error> {
    // The count of viewings, joined to the newest entries (none: one row of NULLs).
    let mut q = QueryBuilder::<DB>::new(
        "SELECT v.n AS viewings, x.id, x.service_event_id, x.kind, x.recorded_on, x.title, x.total, \
         x.lab_test, x.lab_value, x.lab_unit \
         FROM (SELECT COUNT(*) AS n FROM professional_viewing WHERE citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND viewed_at >= ").push_bind(since);
    if let Some(limit) = visibility.limit() {
        q.push(" AND viewed_at < ").push_bind(crate::domain::time::helsinki_midnight(limit));
    }
    q.push(
        ") v LEFT JOIN (SELECT x.id, x.service_event_id, x.kind, x.recorded_on, e.title, COUNT(*) OVER () AS total, \
         l.test AS lab_test, l.value AS lab_value, l.unit AS lab_unit \
         FROM entry x JOIN service_event e ON e.id = x.service_event_id \
         LEFT JOIN laboratory_result l ON l.entry_id = x.id WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.recorded_on >= ").push_bind(first_day);
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(" ORDER BY x.recorded_on DESC, x.id DESC LIMIT ").push_bind(limit);
    q.push(") x ON 1 = 1 ORDER BY x.recorded_on DESC, x.id DESC");
    let rows: Vec<NewEntryRow> = q.build_query_as().fetch_all(pool).await?;
    let mut new = WhatsNew { viewings: rows.first().map_or(0, |r| r.viewings), ..WhatsNew::default() };
    for r in rows {
        let (Some(_), Some(event), Some(kind), Some(recorded_on), Some(title), Some(total)) =
            (r.id, r.service_event_id, r.kind, r.recorded_on, r.title, r.total)
        else {
            continue;
        };
        new.new_entries = total;
        new.newest.push(new_entry(event, &kind, title, recorded_on, (r.lab_test, r.lab_value, r.lab_unit))?);
    }
    Ok(new)
}

fn new_entry(
    event: i64,
    kind: &str,
    event_title: String,
    recorded_on: NaiveDate,
    lab: (Option<String>, Option<f64>, Option<String>),
) -> Result<NewEntry, sqlx::Error> {
    Ok(NewEntry {
        event: ServiceEventId(event),
        kind: EntryKind::parse(kind).ok_or_else(|| decode("entry kind"))?,
        event_title,
        recorded_on,
        lab: match lab {
            (Some(test), Some(value), Some(unit)) => Some((test, value, unit)),
            _ => None,
        },
    })
}

#[derive(sqlx::FromRow)]
struct LatestRow {
    service_event_id: i64,
    kind: String,
    recorded_on: NaiveDate,
    title: String,
    lab_test: Option<String>,
    lab_value: Option<f64>,
    lab_unit: Option<String>,
}

/// The citizen's latest `limit` entries however old, as far as `visibility`
/// reaches (the front page when nothing is new): one statement on the
/// citizen's index of entries by date.
pub async fn latest_entries(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
    limit: i64,
) -> Result<Vec<NewEntry>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT x.service_event_id, x.kind, x.recorded_on, e.title, \
         l.test AS lab_test, l.value AS lab_value, l.unit AS lab_unit \
         FROM entry x JOIN service_event e ON e.id = x.service_event_id \
         LEFT JOIN laboratory_result l ON l.entry_id = x.id WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0);
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(" ORDER BY x.recorded_on DESC, x.id DESC LIMIT ").push_bind(limit);
    let rows: Vec<LatestRow> = q.build_query_as().fetch_all(pool).await?;
    rows.into_iter()
        .map(|r| new_entry(r.service_event_id, &r.kind, r.title, r.recorded_on, (r.lab_test, r.lab_value, r.lab_unit)))
        .collect()
}
