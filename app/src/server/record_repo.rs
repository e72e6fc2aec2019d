//! Repository reads of the records pages (issue 4): one page of service
//! events with their entries, the counts, the filter choices, one service
//! event, guardianship. Every query names the citizen whose data it reads,
//! so no id from a URL can reach another person's rows. Each page is served
//! by a fixed number of indexed queries (never one per row). Portable SQL.

use std::collections::HashMap;

use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};

use super::repo::{decode, provider_name_column};
use super::CitizenId;
use crate::domain::declarations::{ProviderId, Register, RegisterKind, ServiceEventId};
use crate::domain::listing::{PageCursor, RecordFilter, RecordSection, Visibility, EVENTS_PER_PAGE};
use crate::domain::records::{register_kind, Entry, EntryId, EntryKind, RegisterId, ServiceEvent, Unit, UnitId};
use crate::domain::IdentityCode;
use crate::i18n::Locale;

fn kinds_of(section: RecordSection) -> &'static [&'static str] {
    match section {
        RecordSection::Health => &["patient", "occupational_health"],
        RecordSection::SocialWelfare => &["social_welfare_client"],
    }
}

/// Every provider's name in the given language (a small table; one query).
pub async fn provider_names(pool: &SqlitePool, locale: Locale) -> Result<HashMap<String, String>, sqlx::Error> {
    let column = provider_name_column(locale);
    let rows = sqlx::query(&format!("SELECT id, {column} AS name FROM service_provider")).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|r| (r.get("id"), r.get("name"))).collect())
}

pub(super) const EVENT_COLUMNS: &str = "SELECT e.id, e.register_id, e.started_on, e.title, r.provider_id, r.kind, p.uusimaa_party, \
     u.id AS unit_id, u.provider_id AS unit_provider_id, u.name AS unit_name \
     FROM service_event e JOIN register r ON r.id = e.register_id \
     JOIN service_provider p ON p.id = r.provider_id JOIN unit u ON u.id = e.unit_id ";

pub(super) fn event_of(r: &sqlx::sqlite::SqliteRow) -> Result<ServiceEvent, sqlx::Error> {
    let kind = register_kind(r.get::<String, _>("kind").as_str()).ok_or_else(|| decode("register kind"))?;
    Ok(ServiceEvent {
        id: ServiceEventId(r.get("id")),
        register_id: RegisterId(r.get("register_id")),
        register: Register { provider: ProviderId(r.get("provider_id")), kind, uusimaa_party: r.get("uusimaa_party") },
        unit: Unit { id: UnitId(r.get("unit_id")), provider: ProviderId(r.get("unit_provider_id")), name: r.get("unit_name") },
        started_on: r.get("started_on"),
        title: r.get("title"),
    })
}

pub(super) fn entry_of(r: &sqlx::sqlite::SqliteRow) -> Result<Entry, sqlx::Error> {
    Ok(Entry {
        id: EntryId(r.get("id")),
        service_event: ServiceEventId(r.get("service_event_id")),
        kind: EntryKind::parse(r.get::<String, _>("kind").as_str()).ok_or_else(|| decode("entry kind"))?,
        recorded_on: r.get("recorded_on"),
        text: r.get("text"),
    })
}

/// The entry conditions of a filter (alias `x` is the entry).
fn push_entry_conditions(q: &mut QueryBuilder<'_, Sqlite>, filter: &RecordFilter, visibility: Visibility) {
    if let Some(k) = filter.kind {
        q.push(" AND x.kind = ").push_bind(k.as_str());
    }
    if let Some(from) = filter.from {
        q.push(" AND x.recorded_on >= ").push_bind(from);
    }
    if let Some(to) = filter.to {
        q.push(" AND x.recorded_on <= ").push_bind(to);
    }
    if let Some(limit) = visibility.limit() {
        q.push(" AND x.recorded_on < ").push_bind(limit);
    }
}

/// The register conditions of a filter (alias `r` is the register).
fn push_register_conditions(q: &mut QueryBuilder<'_, Sqlite>, section: RecordSection, filter: &RecordFilter) {
    q.push(" AND r.kind IN (");
    let mut kinds = q.separated(", ");
    for k in kinds_of(section) {
        kinds.push_bind(*k);
    }
    q.push(")");
    if let Some(reg) = &filter.register {
        q.push(" AND r.id = ").push_bind(reg.0.clone());
    }
    if let Some(p) = &filter.provider {
        q.push(" AND r.provider_id = ").push_bind(p.0.clone());
    }
}

pub struct RecordPage {
    /// Newest first, each with its entries that match the filter, newest first.
    pub events: Vec<(ServiceEvent, Vec<Entry>)>,
    /// Where the next (older) page starts, if there is one.
    pub next: Option<PageCursor>,
    /// Where the previous (newer) page ends, if there is one.
    pub previous: Option<PageCursor>,
    pub matching_entries: i64,
    pub matching_events: i64,
}

/// One page of the citizen's service events that have at least one entry
/// matching the filter, with those entries. Three queries whatever the size
/// of the history: the page of events (keyset on the citizen's index), their
/// entries, and the counts.
pub async fn record_page(
    pool: &SqlitePool,
    citizen: CitizenId,
    section: RecordSection,
    filter: &RecordFilter,
    visibility: Visibility,
) -> Result<RecordPage, sqlx::Error> {
    let mut q = QueryBuilder::<Sqlite>::new(EVENT_COLUMNS);
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
    let rows = q.build().fetch_all(pool).await?;
    let mut events = rows.iter().map(event_of).collect::<Result<Vec<_>, _>>()?;
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
        let mut q = QueryBuilder::<Sqlite>::new(
            "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text FROM entry x WHERE x.citizen_id = ",
        );
        q.push_bind(citizen.0).push(" AND x.service_event_id IN (");
        let mut ids = q.separated(", ");
        for e in &events {
            ids.push_bind(e.id.0);
        }
        q.push(")");
        push_entry_conditions(&mut q, filter, visibility);
        q.push(" ORDER BY x.recorded_on DESC, x.id DESC");
        for r in q.build().fetch_all(pool).await? {
            let entry = entry_of(&r)?;
            by_event.entry(entry.service_event).or_default().push(entry);
        }
    }

    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT COUNT(*) AS entries, COUNT(DISTINCT x.service_event_id) AS events FROM entry x \
         JOIN service_event e ON e.id = x.service_event_id JOIN register r ON r.id = e.register_id \
         WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0);
    push_register_conditions(&mut q, section, filter);
    push_entry_conditions(&mut q, filter, visibility);
    let counts = q.build().fetch_one(pool).await?;

    Ok(RecordPage {
        events: events
            .into_iter()
            .map(|e| {
                let entries = by_event.remove(&e.id).unwrap_or_default();
                (e, entries)
            })
            .collect(),
        next,
        previous,
        matching_entries: counts.get("entries"),
        matching_events: counts.get("events"),
    })
}

/// The registers of this section that hold any of the citizen's data (that
/// the viewer may see), for the filter's choices. One query.
pub async fn registers_with_data(
    pool: &SqlitePool,
    citizen: CitizenId,
    section: RecordSection,
    visibility: Visibility,
) -> Result<Vec<(RegisterId, Register)>, sqlx::Error> {
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT DISTINCT r.id, r.provider_id, r.kind, p.uusimaa_party FROM service_event e \
         JOIN register r ON r.id = e.register_id JOIN service_provider p ON p.id = r.provider_id \
         WHERE e.citizen_id = ",
    );
    q.push_bind(citizen.0);
    push_register_conditions(&mut q, section, &RecordFilter::default());
    q.push(" AND EXISTS (SELECT 1 FROM entry x WHERE x.service_event_id = e.id");
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(") ORDER BY r.id");
    q.build()
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            let kind: RegisterKind = register_kind(r.get::<String, _>("kind").as_str()).ok_or_else(|| decode("register kind"))?;
            Ok((
                RegisterId(r.get("id")),
                Register { provider: ProviderId(r.get("provider_id")), kind, uusimaa_party: r.get("uusimaa_party") },
            ))
        })
        .collect()
}

/// One of the citizen's service events with every entry the viewer may see;
/// `None` when it is not theirs, does not exist, or shows nothing. Two queries.
pub async fn service_event(
    pool: &SqlitePool,
    citizen: CitizenId,
    id: ServiceEventId,
    visibility: Visibility,
) -> Result<Option<(ServiceEvent, Vec<Entry>)>, sqlx::Error> {
    let row = sqlx::query(&format!("{EVENT_COLUMNS} WHERE e.id = $1 AND e.citizen_id = $2"))
        .bind(id.0)
        .bind(citizen.0)
        .fetch_optional(pool)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let event = event_of(&row)?;
    let mut q = QueryBuilder::<Sqlite>::new(
        "SELECT x.id, x.service_event_id, x.kind, x.recorded_on, x.text FROM entry x WHERE x.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.service_event_id = ").push_bind(id.0);
    push_entry_conditions(&mut q, &RecordFilter::default(), visibility);
    q.push(" ORDER BY x.recorded_on, x.id");
    let entries = q.build().fetch_all(pool).await?.iter().map(entry_of).collect::<Result<Vec<_>, _>>()?;
    Ok((!entries.is_empty()).then_some((event, entries)))
}

pub struct Person {
    pub id: CitizenId,
    pub full_name: String,
    pub identity_code: IdentityCode,
}

fn person_of(r: &sqlx::sqlite::SqliteRow) -> Result<Person, sqlx::Error> {
    let code: String = r.get("identity_code");
    Ok(Person {
        id: CitizenId(r.get("id")),
        full_name: format!("{} {}", r.get::<String, _>("first_name"), r.get::<String, _>("last_name")),
        identity_code: IdentityCode::parse(&code).map_err(|_| decode("identity code"))?,
    })
}

/// The children in this person's guardianship (from the population register).
pub async fn children_of(pool: &SqlitePool, guardian: CitizenId) -> Result<Vec<Person>, sqlx::Error> {
    sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.identity_code FROM guardianship g \
         JOIN citizen c ON c.id = g.child_id WHERE g.guardian_id = $1 ORDER BY c.identity_code",
    )
    .bind(guardian.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(person_of)
    .collect()
}

/// The child, if this person is their guardian.
pub async fn child_of(pool: &SqlitePool, guardian: CitizenId, child: CitizenId) -> Result<Option<Person>, sqlx::Error> {
    sqlx::query(
        "SELECT c.id, c.first_name, c.last_name, c.identity_code FROM guardianship g \
         JOIN citizen c ON c.id = g.child_id WHERE g.guardian_id = $1 AND g.child_id = $2",
    )
    .bind(guardian.0)
    .bind(child.0)
    .fetch_optional(pool)
    .await?
    .as_ref()
    .map(person_of)
    .transpose()
}
