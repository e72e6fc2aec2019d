//! Repository reads of the records pages (issue 4): one page of service
//! events with their entries, the counts, the filter choices, one service
//! event, guardianship. Every query names the citizen whose data it reads,
//! so no id from a URL can reach another person's rows. Each page is served
//! by a fixed number of indexed queries (never one per row). Portable SQL.

use std::collections::HashMap;

use super::db::{dispatch, Db};
use super::CitizenId;
use crate::domain::declarations::{Register, ServiceEventId};
use crate::domain::listing::{PageCursor, RecordFilter, RecordSection, Visibility};
use crate::domain::records::{Entry, RegisterId, ServiceEvent};
use crate::domain::IdentityCode;
use crate::i18n::Locale;

pub(crate) fn kinds_of(section: RecordSection) -> &'static [&'static str] {
    match section {
        RecordSection::Health => &["patient", "occupational_health"],
        RecordSection::SocialWelfare => &["social_welfare_client"],
    }
}

pub(crate) const EVENT_COLUMNS: &str =
    "SELECT e.id, e.register_id, e.started_on, e.title, r.provider_id, r.kind, p.uusimaa_party, \
     u.id AS unit_id, u.provider_id AS unit_provider_id, u.name AS unit_name \
     FROM service_event e JOIN register r ON r.id = e.register_id \
     JOIN service_provider p ON p.id = r.provider_id JOIN unit u ON u.id = e.unit_id ";

/// An entry that is new since the last login, for the front page.
pub struct NewEntry {
    pub event: ServiceEventId,
    pub kind: crate::domain::records::EntryKind,
    pub event_title: String,
    pub recorded_on: chrono::NaiveDate,
}

/// What is new for the front page (`whats_new`).
#[derive(Default)]
pub struct WhatsNew {
    /// Entries recorded from the first day on, in all.
    pub new_entries: i64,
    /// The newest of them.
    pub newest: Vec<NewEntry>,
    /// Viewings by professionals from the instant on.
    pub viewings: i64,
}

/// What is new since `since` (entries: from `first_day` on, the newest
/// `limit` of them and how many in all; viewings: from the instant on), as
/// far as `visibility` reaches: one statement.
pub async fn whats_new(
    db: &Db,
    citizen: CitizenId,
    since: chrono::DateTime<chrono::Utc>,
    first_day: chrono::NaiveDate,
    visibility: Visibility,
    limit: i64,
) -> Result<WhatsNew, sqlx::Error> {
    dispatch!(db, whats_new(citizen, since, first_day, visibility, limit))
}

/// The citizen's prescriptions valid on `today` with how much of each is
/// left, as far as `visibility` reaches: one statement.
pub async fn valid_prescriptions_left(
    db: &Db,
    citizen: CitizenId,
    today: chrono::NaiveDate,
    visibility: Visibility,
) -> Result<Vec<crate::domain::glance::PrescriptionLeft>, sqlx::Error> {
    dispatch!(db, valid_prescriptions_left(citizen, today, visibility))
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
    /// Every register of the section with any of the data the viewer may
    /// see (whatever the filter), by id; their providers' names cover every
    /// event of the page.
    pub registers: Vec<RegisterData>,
}

/// A register that holds some of the citizen's data (`record_page`).
pub struct RegisterData {
    pub id: RegisterId,
    pub register: Register,
    /// In the page's language.
    pub provider_name: String,
    /// The entries matching the filter's kind and dates, and the service
    /// events with one of them.
    pub entries: i64,
    pub events: i64,
}

pub struct Person {
    pub id: CitizenId,
    pub full_name: String,
    pub identity_code: IdentityCode,
}

/// Every provider's name in the given language (a small table; one query).
pub async fn provider_names(db: &Db, locale: Locale) -> Result<HashMap<String, String>, sqlx::Error> {
    dispatch!(db, provider_names(locale))
}

/// One page of the citizen's service events that have at least one entry
/// matching the filter, with those entries, the counts and the registers
/// with data. Three queries whatever the size of the history: the page of
/// events (keyset on the citizen's index), their entries, and the registers
/// with their counts.
pub async fn record_page(
    db: &Db,
    citizen: CitizenId,
    section: RecordSection,
    filter: &RecordFilter,
    visibility: Visibility,
    locale: Locale,
) -> Result<RecordPage, sqlx::Error> {
    dispatch!(db, record_page(citizen, section, filter, visibility, locale))
}

/// One of the citizen's service events with every entry the viewer may see;
/// `None` when it is not theirs, does not exist, or shows nothing. Two queries.
pub async fn service_event(
    db: &Db,
    citizen: CitizenId,
    id: ServiceEventId,
    visibility: Visibility,
) -> Result<Option<(ServiceEvent, Vec<Entry>)>, sqlx::Error> {
    dispatch!(db, service_event(citizen, id, visibility))
}

/// The children in this person's guardianship (from the population register).
pub async fn children_of(db: &Db, guardian: CitizenId) -> Result<Vec<Person>, sqlx::Error> {
    dispatch!(db, children_of(guardian))
}

/// The child, if this person is their guardian.
pub async fn child_of(db: &Db, guardian: CitizenId, child: CitizenId) -> Result<Option<Person>, sqlx::Error> {
    dispatch!(db, child_of(guardian, child))
}
