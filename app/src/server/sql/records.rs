//! Records: service events and their entries, the records pages' pages and
//! counts (what is new for the front page is in `whats_new.rs`). Every statement names the
//! citizen whose data it reads, so no id from a URL reaches another
//! person's rows; each page is a fixed number of indexed statements, never
//! one per row.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::QueryBuilder;

use super::prelude::{decode, provider_name_column, push_visibility, Pool};
use super::DB;
use crate::domain::declarations::{ProviderId, Register, RegisterKind, ServiceEventId};
use crate::domain::listing::{PageCursor, RecordFilter, RecordSection, Visibility, EVENTS_PER_PAGE};
use crate::domain::records::{Entry, EntryId, EntryKind, RegisterId, ServiceEvent, Unit, UnitId};
use crate::i18n::Locale;
use crate::server::rows::{CitizenId, RecordPage, RegisterData};

/// The columns of a service event with its register, provider and unit.
pub(super) const EVENT_COLUMNS: &str =
    "SELECT e.id, e.register_id, e.started_on, e.title, r.provider_id, r.kind, p.uusimaa_party, \
     u.id AS unit_id, u.provider_id AS unit_provider_id, u.name AS unit_name \
     FROM service_event e JOIN register r ON r.id = e.register_id \
     JOIN service_provider p ON p.id = r.provider_id JOIN unit u ON u.id = e.unit_id ";

/// The columns of an entry (alias `x`), with its laboratory test if it is a
/// laboratory result with a value.
pub(super) const ENTRY_COLUMNS: &str =
    "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text, l.test AS lab_test \
     FROM entry x LEFT JOIN laboratory_result l ON l.entry_id = x.id ";

#[derive(sqlx::FromRow)]
pub(super) struct EventRow {
    id: i64,
    register_id: String,
    started_on: NaiveDate,
    title: String,
    provider_id: String,
    kind: String,
    uusimaa_party: bool,
    unit_id: String,
    unit_provider_id: String,
    unit_name: String,
}

impl TryFrom<EventRow> for ServiceEvent {
    type Error = sqlx::Error;
    fn try_from(r: EventRow) -> Result<Self, sqlx::Error> {
        let kind = RegisterKind::parse(&r.kind).ok_or_else(|| decode("register kind"))?;
        Ok(ServiceEvent {
            id: ServiceEventId(r.id),
            register_id: RegisterId(r.register_id),
            register: Register { provider: ProviderId(r.provider_id), kind, uusimaa_party: r.uusimaa_party },
            unit: Unit { id: UnitId(r.unit_id), provider: ProviderId(r.unit_provider_id), name: r.unit_name },
            started_on: r.started_on,
            title: r.title,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct EntryRow {
    id: i64,
    service_event_id: i64,
    kind: String,
    recorded_on: NaiveDate,
    text: String,
    lab_test: Option<String>,
}

impl TryFrom<EntryRow> for Entry {
    type Error = sqlx::Error;
    fn try_from(r: EntryRow) -> Result<Self, sqlx::Error> {
        Ok(Entry {
            id: EntryId(r.id),
            service_event: ServiceEventId(r.service_event_id),
            kind: EntryKind::parse(&r.kind).ok_or_else(|| decode("entry kind"))?,
            recorded_on: r.recorded_on,
            text: r.text,
            lab_test: r.lab_test,
        })
    }
}

/// The register kinds of a records section.
fn kinds_of(section: RecordSection) -> &'static [RegisterKind] {
    match section {
        RecordSection::Health => &[RegisterKind::Patient, RegisterKind::OccupationalHealth],
        RecordSection::SocialWelfare => &[RegisterKind::SocialWelfareClient],
    }
}

/// All of a citizen's service events, newest first (one query).
pub async fn load_service_events(pool: &Pool, citizen: CitizenId) -> Result<Vec<ServiceEvent>, sqlx::Error> {
    let rows: Vec<EventRow> =
        sqlx::query_as(&format!("{EVENT_COLUMNS} WHERE e.citizen_id = $1 ORDER BY e.started_on DESC, e.id DESC"))
            .bind(citizen.0)
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(ServiceEvent::try_from).collect()
}

/// All of a citizen's entries, newest first (one query).
pub async fn load_entries(pool: &Pool, citizen: CitizenId) -> Result<Vec<Entry>, sqlx::Error> {
    let rows: Vec<EntryRow> =
        sqlx::query_as(&format!("{ENTRY_COLUMNS} WHERE x.citizen_id = $1 ORDER BY x.recorded_on DESC, x.id DESC"))
            .bind(citizen.0)
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(Entry::try_from).collect()
}

/// Every provider's name in the given language (a small table; one query).
pub async fn provider_names(pool: &Pool, locale: Locale) -> Result<HashMap<String, String>, sqlx::Error> {
    let column = provider_name_column(locale);
    let rows: Vec<(String, String)> =
        sqlx::query_as(&format!("SELECT id, {column} AS name FROM service_provider")).fetch_all(pool).await?;
    Ok(rows.into_iter().collect())
}

/// The entry conditions of a filter and what the viewer may see (alias `x`).
pub(super) fn push_entry_conditions(q: &mut QueryBuilder<'_, DB>, filter: &RecordFilter, visibility: Visibility) {
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

/// The register conditions of a filter (alias `r` is the register).
fn push_register_conditions(q: &mut QueryBuilder<'_, DB>, section: RecordSection, filter: &RecordFilter) {
    q.push(" AND r.kind IN (");
    let mut kinds = q.separated(", ");
    for k in kinds_of(section) {
        kinds.push_bind(k.as_str());
    }
    q.push(")");
    if let Some(reg) = &filter.register {
        q.push(" AND r.id = ").push_bind(reg.0.clone());
    }
    if let Some(p) = &filter.provider {
        q.push(" AND r.provider_id = ").push_bind(p.0.clone());
    }
}

/// One page of the citizen's service events that have at least one entry
/// matching the filter, with those entries, the counts and the registers
/// with data. Three statements whatever the size of the history: the page
/// of events (keyset on the citizen's index), their entries, and the
/// registers with their counts.
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
    let rows: Vec<EventRow> = q.build_query_as().fetch_all(pool).await?;
    let mut events = rows.into_iter().map(ServiceEvent::try_from).collect::<Result<Vec<_>, _>>()?;
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
        let mut q = QueryBuilder::<DB>::new(ENTRY_COLUMNS);
        // `+`: the citizen's column only checks each row, so the database
        // finds the page's entries by their events (entry_by_event) rather
        // than walking all of the citizen's entries in date order, which
        // SQLite chose for the sake of the ORDER BY.
        q.push("WHERE +x.citizen_id = ").push_bind(citizen.0).push(" AND x.service_event_id IN (");
        let mut ids = q.separated(", ");
        for e in &events {
            ids.push_bind(e.id.0);
        }
        q.push(")");
        push_entry_conditions(&mut q, filter, visibility);
        q.push(" ORDER BY x.recorded_on DESC, x.id DESC");
        let rows: Vec<EntryRow> = q.build_query_as().fetch_all(pool).await?;
        for r in rows {
            let entry = Entry::try_from(r)?;
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

    let events = events
        .into_iter()
        .map(|e| {
            let entries = by_event.remove(&e.id).unwrap_or_default();
            (e, entries)
        })
        .collect();
    Ok(RecordPage { events, next, previous, matching_entries, matching_events, registers })
}

#[derive(sqlx::FromRow)]
struct RegisterDataRow {
    id: String,
    provider_id: String,
    kind: String,
    uusimaa_party: bool,
    provider_name: String,
    entries: i64,
    events: i64,
}

/// Every register of the section that holds any of the citizen's data the
/// viewer may see, with its provider's name and how many of those entries
/// (and service events with one) match the filter's kind and dates. One
/// statement, summed per register before the few registers and their
/// providers are joined:
/// - a page without a kind or a date, for a viewer who may see everything,
///   sums the entry counts the database keeps on each service event
///   (one row per event, by `service_event_by_citizen`);
/// - any other counts the entries per service event on the covering index
///   `entry_by_citizen_event` (one row per entry).
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
        "SELECT r.id, r.provider_id, r.kind, p.uusimaa_party, p.{name} AS provider_name, g.entries, g.events FROM "
    ));
    let every_entry = filter.kind.is_none() && filter.from.is_none() && filter.to.is_none();
    if every_entry && visibility == Visibility::EVERYTHING {
        q.push(
            "(SELECT e.register_id, CAST(SUM(e.entry_count) AS BIGINT) AS entries, CAST(COUNT(*) AS BIGINT) AS events \
             FROM service_event e WHERE e.citizen_id = ",
        );
        q.push_bind(citizen.0).push(" AND e.entry_count > 0");
    } else {
        q.push(
            "(SELECT e.register_id, CAST(SUM(s.n) AS BIGINT) AS entries, \
             CAST(SUM(CASE WHEN s.n > 0 THEN 1 ELSE 0 END) AS BIGINT) AS events \
             FROM (SELECT x.service_event_id, SUM(CASE WHEN 1 = 1",
        );
        push_entry_filter(&mut q, filter);
        q.push(" THEN 1 ELSE 0 END) AS n FROM entry x WHERE x.citizen_id = ").push_bind(citizen.0);
        push_visibility(&mut q, visibility);
        q.push(
            " GROUP BY x.service_event_id) s JOIN service_event e ON e.id = s.service_event_id WHERE e.citizen_id = ",
        );
        q.push_bind(citizen.0);
    }
    q.push(" GROUP BY e.register_id) g JOIN register r ON r.id = g.register_id");
    push_register_conditions(&mut q, section, &RecordFilter::default());
    q.push(" JOIN service_provider p ON p.id = r.provider_id ORDER BY r.id");
    let rows: Vec<RegisterDataRow> = q.build_query_as().fetch_all(pool).await?;
    rows.into_iter()
        .map(|r| {
            let kind = RegisterKind::parse(&r.kind).ok_or_else(|| decode("register kind"))?;
            Ok(RegisterData {
                id: RegisterId(r.id),
                register: Register { provider: ProviderId(r.provider_id), kind, uusimaa_party: r.uusimaa_party },
                provider_name: r.provider_name,
                entries: r.entries,
                events: r.events,
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
    let row: Option<EventRow> = sqlx::query_as(&format!("{EVENT_COLUMNS} WHERE e.id = $1 AND e.citizen_id = $2"))
        .bind(id.0)
        .bind(citizen.0)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let event = ServiceEvent::try_from(row)?;
    let mut q = QueryBuilder::<DB>::new(ENTRY_COLUMNS);
    q.push("WHERE x.citizen_id = ").push_bind(citizen.0).push(" AND x.service_event_id = ").push_bind(id.0);
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(" ORDER BY x.recorded_on, x.id");
    let rows: Vec<EntryRow> = q.build_query_as().fetch_all(pool).await?;
    let entries = rows.into_iter().map(Entry::try_from).collect::<Result<Vec<_>, _>>()?;
    Ok((!entries.is_empty()).then_some((event, entries)))
}

/// Whether the citizen has patient data in a register of a Uusimaa party
/// (what the front page's sentence on the Uusimaa rule is about).
pub async fn has_uusimaa_patient_data(pool: &Pool, citizen: CitizenId) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM service_event e JOIN register r ON r.id = e.register_id \
         JOIN service_provider p ON p.id = r.provider_id \
         WHERE e.citizen_id = $1 AND r.kind = 'patient' AND p.uusimaa_party)",
    )
    .bind(citizen.0)
    .fetch_one(pool)
    .await
}
