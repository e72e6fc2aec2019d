//! The repository: every read and write of the portal's data, for either
//! database. The SQL itself is in `sql/body.rs` (compiled per backend);
//! these functions choose the backend. Declarations and logs are only ever
//! inserted.

use chrono::{DateTime, NaiveDate, Utc};

use super::db::{dispatch, Db};
use super::CitizenId;
use crate::domain::declarations::{
    Actor, CitizensData, DeclarationError, DeclarationEvent, DeclarationId, PrescriptionId, ProviderId, RegisterKind,
    Sector, ServiceEventId,
};
use crate::domain::notice::{NoticeConfirmation, NoticeVersion};
use crate::domain::records::{Entry, Prescription, ServiceEvent};
use crate::domain::IdentityCode;
use crate::error::AppError;
use crate::i18n::Locale;

/// The column of `service_provider` that holds its name in this language.
pub(super) fn provider_name_column(locale: Locale) -> &'static str {
    match locale {
        Locale::Fi => "name_fi",
        Locale::Sv => "name_sv",
        Locale::En => "name_en",
    }
}

pub struct CitizenLogin {
    pub id: CitizenId,
    pub password_hash: Option<String>,
}

/// What every page needs of its citizen (`citizen_standing`). The session
/// guard reads it once per page request and leaves it in the request's
/// extensions for the page's server functions.
#[derive(Debug, Clone)]
pub struct CitizenStanding {
    pub full_name: String,
    /// The notice version in force today.
    pub current_notice: NoticeVersion,
    pub notice_due: Option<NoticeVersion>,
}

pub struct NoticeText {
    pub published_on: NaiveDate,
    pub title: String,
    pub body: String,
}

/// The citizen's own events and prescriptions, and the registers holding
/// their data that may be denied as a whole, for validation.
pub struct OwnData {
    /// Each service event's sector.
    pub(crate) events: std::collections::BTreeMap<i64, Sector>,
    pub(crate) prescriptions: std::collections::BTreeSet<i64>,
    pub(crate) deniable_registers: std::collections::BTreeSet<(String, RegisterKind)>,
}

impl CitizensData for OwnData {
    fn service_event_sector(&self, id: ServiceEventId) -> Option<Sector> {
        self.events.get(&id.0).copied()
    }
    fn has_prescription(&self, id: PrescriptionId) -> bool {
        self.prescriptions.contains(&id.0)
    }
    fn has_deniable_register(&self, provider: &ProviderId, kind: RegisterKind) -> bool {
        self.deniable_registers.contains(&(provider.0.clone(), kind))
    }
}

/// Why recording a declaration failed.
#[derive(Debug)]
pub enum RecordError {
    Refused(DeclarationError),
    Database(sqlx::Error),
}

impl From<sqlx::Error> for RecordError {
    fn from(e: sqlx::Error) -> Self {
        RecordError::Database(e)
    }
}

pub(crate) fn decode(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected stored {what}").into())
}

// ---- Reads and writes, on either backend ----

pub async fn find_citizen_for_login(db: &Db, code: &IdentityCode) -> Result<Option<CitizenLogin>, AppError> {
    dispatch!(db, find_citizen_for_login(code))
}

/// Appends one event to the audit log (see `sql::record_audit`).
pub async fn record_audit(
    db: &Db,
    kind: crate::domain::audit::AuditKind,
    citizen: Option<CitizenId>,
    subject: Option<i64>,
    identity_code: Option<&str>,
    client_address: Option<&str>,
) -> Result<(), AppError> {
    let at = Utc::now();
    dispatch!(db, record_audit(at, kind, citizen, subject, identity_code, client_address))
}

/// Failed logins of a code (since its last success) and from an address, since `since`.
pub async fn login_failures(
    db: &Db,
    identity_code: &str,
    client_address: Option<&str>,
    since: DateTime<Utc>,
) -> Result<(i64, i64), AppError> {
    dispatch!(db, login_failures(identity_code, client_address, since))
}

/// The deployment's secret called `name` (made from `candidate` when new).
pub async fn server_secret(db: &Db, name: &str, candidate: &str) -> Result<String, AppError> {
    dispatch!(db, server_secret(name, candidate))
}

pub async fn record_login(db: &Db, id: CitizenId, at: DateTime<Utc>) -> Result<(), AppError> {
    dispatch!(db, record_login(id, at))
}

/// When the citizen logged in before this session's login, if ever.
pub async fn previous_login(db: &Db, id: CitizenId) -> Result<Option<DateTime<Utc>>, AppError> {
    dispatch!(db, previous_login(id))
}

pub async fn published_notice_versions(db: &Db) -> Result<Vec<(NoticeVersion, NaiveDate)>, AppError> {
    dispatch!(db, published_notice_versions())
}

pub async fn current_notice_version(db: &Db) -> Result<NoticeVersion, AppError> {
    dispatch!(db, current_notice_version())
}

pub async fn notice_confirmations(db: &Db, id: CitizenId, locale: Locale) -> Result<Vec<NoticeConfirmation>, AppError> {
    dispatch!(db, notice_confirmations(id, locale))
}

/// The citizen's name and the notice version they must confirm first, if
/// any: what every page needs, in one statement (None: no such citizen).
pub async fn citizen_standing(db: &Db, id: CitizenId) -> Result<Option<CitizenStanding>, AppError> {
    dispatch!(db, citizen_standing(id))
}

/// The notice version the citizen must confirm first, if any.
pub async fn notice_due_for(db: &Db, id: CitizenId) -> Result<Option<NoticeVersion>, AppError> {
    dispatch!(db, notice_due_for(id))
}

pub async fn notice_text(db: &Db, version: &NoticeVersion, locale: Locale) -> Result<Option<NoticeText>, AppError> {
    dispatch!(db, notice_text(version, locale))
}

/// Records the citizen's own online confirmation. A second confirmation of
/// the same version online (a double submit) writes nothing.
pub async fn confirm_notice_online(
    db: &Db,
    id: CitizenId,
    version: &NoticeVersion,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    dispatch!(db, confirm_notice_online_by(id, version, at, None))
}

/// An online confirmation by the citizen, or by their guardian (`by`).
pub async fn confirm_notice_online_by(
    db: &Db,
    id: CitizenId,
    version: &NoticeVersion,
    at: DateTime<Utc>,
    by: Option<CitizenId>,
) -> Result<(), AppError> {
    dispatch!(db, confirm_notice_online_by(id, version, at, by))
}

pub async fn demo_logins(db: &Db) -> Result<Vec<(String, String)>, AppError> {
    dispatch!(db, demo_logins())
}

/// Records a declaration if it makes sense now: in one transaction that
/// serialises the citizen's writers, the citizen's events are read, the new
/// one validated and appended. A repeated idempotency key returns the first
/// event's id and writes nothing.
pub async fn record_declaration(
    db: &Db,
    citizen: CitizenId,
    actor: &Actor,
    event: &DeclarationEvent,
    now: DateTime<Utc>,
    cross_sector_opens: DateTime<Utc>,
    idempotency_key: Option<&str>,
) -> Result<DeclarationId, RecordError> {
    dispatch!(db, record_declaration(citizen, actor, event, now, cross_sector_opens, idempotency_key))
}

/// All of a citizen's service events, newest first (one query).
pub async fn load_service_events(db: &Db, citizen: CitizenId) -> Result<Vec<ServiceEvent>, sqlx::Error> {
    dispatch!(db, load_service_events(citizen))
}

/// All of a citizen's entries, newest first (one query).
pub async fn load_entries(db: &Db, citizen: CitizenId) -> Result<Vec<Entry>, sqlx::Error> {
    dispatch!(db, load_entries(citizen))
}

/// All of a citizen's prescriptions with their dispensings, newest first (two queries).
pub async fn load_prescriptions(db: &Db, citizen: CitizenId) -> Result<Vec<Prescription>, sqlx::Error> {
    dispatch!(db, load_prescriptions(citizen))
}
