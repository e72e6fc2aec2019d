//! The database handle, SQLite (the embedded default) or PostgreSQL, chosen
//! by the database URL at start, and **the whole database API in one
//! list**: each method runs the same-named function of `sql::sqlite` or
//! `sql::postgres` (`sql/mod.rs`) with the backend's pool. Every method
//! answers `sqlx::Error` on failure; `AppError` takes it with `?`
//! (`server::From<sqlx::Error>`), the outage kinds becoming "try again
//! shortly". Declarations and logs are only ever inserted.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use super::rows::{
    ActingViewing, CitizenId, CitizenLogin, CitizenStanding, LabSeries, LabTestSummary, NewEntry, NewRenewalRequest,
    NoticeText, ProviderRow, RecordPage, Relation, RenewalCandidate, RenewalRequest, RenewalUnit, Vaccination, Viewing,
    WhatsNew,
};
use crate::domain::acting::ActingRight;
use crate::domain::audit::{AuditKind, LoginFailures, ThrottleWindows};
use crate::domain::declarations::{
    Actor, Declaration, DeclarationEvent, DeclarationId, PrescriptionId, ProviderId, ServiceEventId,
};
use crate::domain::fhir::RecordPart;
use crate::domain::glance::PrescriptionLeft;
use crate::domain::listing::{LogCursor, RecordFilter, RecordSection, Visibility};
use crate::domain::notice::{NoticeConfirmation, NoticeVersion};
use crate::domain::records::{Entry, Prescription, ServiceEvent};
use crate::domain::renewal::RenewalRefusal;
use crate::domain::summary::TestResults;
use crate::domain::validity::DeclarationError;
use crate::domain::wellbeing::{Measurement, NewMeasurement, WellbeingError};
use crate::domain::wills::CountryCode;
use crate::domain::IdentityCode;
use crate::i18n::Locale;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs the same body with the backend's pool bound to `$pool`; the body is
/// type-checked once per backend (`sqlx` infers the database from the pool).
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite($pool) => $body,
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Writes a `Db` method for each listed statement function.
macro_rules! database_api {
    ($( $(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty; )*) => {
        impl Db {
            $(
                $(#[$doc])*
                pub async fn $name(&self, $($arg: $ty),*) -> Result<$ret, sqlx::Error> {
                    match self {
                        Db::Sqlite(pool) => super::sql::sqlite::$name(pool, $($arg),*).await,
                        Db::Postgres(pool) => super::sql::postgres::$name(pool, $($arg),*).await,
                    }
                }
            )*
        }
    };
}

database_api! {
    // Citizens, logins and the audit log (sql/citizens.rs).
    /// The deployment's secret called `name` (made from `candidate` when new).
    fn server_secret(name: &str, candidate: &str) -> String;
    /// Appends one event to the audit log.
    fn record_audit(
        at: DateTime<Utc>,
        kind: AuditKind,
        citizen: Option<CitizenId>,
        subject: Option<i64>,
        identity_code: Option<&str>,
        client_address: Option<&str>,
    ) -> ();
    /// Appends an identification's outcome (a login, or why it failed).
    fn record_identification(
        at: DateTime<Utc>,
        kind: AuditKind,
        citizen: Option<CitizenId>,
        identity_code: Option<&str>,
        client_address: Option<&str>,
        detail: &str,
    ) -> ();
    /// Failed logins of a code (since its last success), of it from an
    /// address, and from the address, each in its window.
    fn login_failures(identity_code: &str, client_address: Option<&str>, windows: ThrottleWindows) -> LoginFailures;
    fn find_citizen_for_login(code: &IdentityCode) -> Option<CitizenLogin>;
    fn record_login(id: CitizenId, at: DateTime<Utc>) -> ();
    /// When the citizen logged in before this session's login, if ever.
    fn previous_login(id: CitizenId) -> Option<DateTime<Utc>>;
    /// (full name, identity code) of everyone who can log in.
    fn demo_logins() -> Vec<(String, String)>;
    /// The citizen's name and the notice version they must confirm first,
    /// if any: what every page needs, in one statement (None: no such citizen).
    fn citizen_standing(id: CitizenId, today: NaiveDate) -> Option<CitizenStanding>;
    /// Names of citizens (guardians in the history), by id.
    fn citizen_names(ids: &[i64]) -> Vec<(i64, String)>;

    // Acting for someone else (sql/acting.rs).
    /// Everyone this person is the guardian of or holds an e-authorisation
    /// from, valid or not.
    fn relations_of(asker: CitizenId) -> Vec<Relation>;
    /// This person's guardianship of, and e-authorisations from, `other`.
    fn relation_to(asker: CitizenId, other: CitizenId) -> Option<Relation>;
    /// The views others made of the subject's data while acting for them:
    /// a page after `after`, with one row more when there is a next page.
    fn acting_viewings_of(subject: CitizenId, after: Option<LogCursor>) -> Vec<ActingViewing>;
    /// Who viewed the subject's data while acting for them since `since`, how many times.
    fn acting_views_since(subject: CitizenId, since: DateTime<Utc>) -> Vec<(String, i64)>;
    /// Appends a view made while acting for someone else to its log.
    fn record_acting_viewing(
        at: DateTime<Utc>,
        actor: CitizenId,
        subject: CitizenId,
        right: ActingRight,
        what: &str,
        client_address: Option<&str>,
    ) -> ();

    // Prescription renewal requests (sql/renewals.rs).
    /// The citizen's renewal requests, newest first, with their latest state.
    fn renewal_requests(citizen: CitizenId, now: DateTime<Utc>) -> Vec<RenewalRequest>;
    /// The units that take renewal requests, by provider and name.
    fn renewal_units(locale: Locale) -> Vec<RenewalUnit>;
    /// One of the citizen's prescriptions, as a renewal request needs it.
    fn renewable_prescription(citizen: CitizenId, prescription: PrescriptionId) -> Option<RenewalCandidate>;
    /// Sends a renewal request if the domain allows it now (inner `Err`:
    /// refused, nothing written); a repeated key records once.
    fn record_renewal_request(
        citizen: CitizenId,
        request: &NewRenewalRequest,
        now: DateTime<Utc>,
        idempotency_key: Option<&str>,
    ) -> Result<i64, RenewalRefusal>;

    // The notice "Information about the Kanta Services" (sql/citizens.rs).
    fn published_notice_versions() -> Vec<(NoticeVersion, NaiveDate)>;
    /// The version in force on `today` (Helsinki's date).
    fn current_notice_version(today: NaiveDate) -> NoticeVersion;
    /// The notice version the citizen must confirm first, if any.
    fn notice_due_for(id: CitizenId, today: NaiveDate) -> Option<NoticeVersion>;
    fn notice_text(version: &NoticeVersion, locale: Locale) -> Option<NoticeText>;
    fn notice_confirmations(id: CitizenId, locale: Locale) -> Vec<NoticeConfirmation>;
    /// An online confirmation by the citizen, or by their guardian (`by`);
    /// a second one of the same version writes nothing.
    fn confirm_notice_online(id: CitizenId, version: &NoticeVersion, at: DateTime<Utc>, by: Option<CitizenId>) -> ();

    // Records (sql/records.rs, sql/prescriptions.rs).
    /// All of a citizen's service events, newest first.
    fn load_service_events(citizen: CitizenId) -> Vec<ServiceEvent>;
    /// All of a citizen's entries, newest first.
    fn load_entries(citizen: CitizenId) -> Vec<Entry>;
    /// All of a citizen's prescriptions with their dispensings, newest first.
    fn load_prescriptions(citizen: CitizenId) -> Vec<Prescription>;
    /// The countries whose pharmacies take part in disclosing prescriptions.
    fn abroad_countries(locale: Locale) -> Vec<(CountryCode, String)>;
    /// The countries whose healthcare receives Finnish patient summaries.
    fn summary_abroad_countries(locale: Locale) -> Vec<(CountryCode, String)>;
    /// The valid prescriptions with how much of each is left.
    fn valid_prescriptions_left(citizen: CitizenId, today: NaiveDate, visibility: Visibility) -> Vec<PrescriptionLeft>;
    /// Every provider's name in the given language.
    fn provider_names(locale: Locale) -> HashMap<String, String>;
    /// One page of a records section, its counts and registers with data.
    fn record_page(
        citizen: CitizenId,
        section: RecordSection,
        filter: &RecordFilter,
        visibility: Visibility,
        locale: Locale,
    ) -> RecordPage;
    /// Whether the citizen has patient data in a Uusimaa party's register.
    fn has_uusimaa_patient_data(citizen: CitizenId) -> bool;
    /// One service event with every entry the viewer may see.
    fn service_event(citizen: CitizenId, id: ServiceEventId, visibility: Visibility) -> Option<(ServiceEvent, Vec<Entry>)>;
    /// What is new since the last login, for the front page (sql/whats_new.rs).
    fn whats_new(
        citizen: CitizenId,
        since: DateTime<Utc>,
        first_day: NaiveDate,
        visibility: Visibility,
        limit: i64,
    ) -> WhatsNew;
    /// The latest entries however old (the front page when nothing is new).
    fn latest_entries(citizen: CitizenId, visibility: Visibility, limit: i64) -> Vec<NewEntry>;

    // Laboratory results over time (sql/laboratory.rs).
    /// The tests the citizen has results of that the viewer may see.
    fn laboratory_tests(citizen: CitizenId, visibility: Visibility) -> Vec<LabTestSummary>;
    /// One test's results the viewer may see, oldest first (None: none).
    fn laboratory_series(citizen: CitizenId, test: &str, visibility: Visibility) -> Option<LabSeries>;

    /// The vaccinations the viewer may see, newest first (sql/vaccinations.rs).
    fn vaccinations(citizen: CitizenId, visibility: Visibility) -> Vec<Vaccination>;

    // Wellbeing data (sql/wellbeing.rs).
    /// The measurements the viewer may see, oldest first.
    fn measurements(citizen: CitizenId, visibility: Visibility) -> Vec<Measurement>;
    /// Records a measurement (the inner `Err`: a correction that makes no
    /// sense, nothing written); a repeated idempotency key writes nothing.
    fn record_measurement(
        citizen: CitizenId,
        new: NewMeasurement,
        visibility: Visibility,
        now: DateTime<Utc>,
        idempotency_key: &str,
    ) -> Result<i64, WellbeingError>;

    // The patient summary and the copy of the record (sql/summary.rs).
    /// The critical risks, diagnoses and procedures the viewer may see, newest first.
    fn summary_entries(citizen: CitizenId, visibility: Visibility) -> Vec<Entry>;
    /// Every laboratory result the viewer may see, by test, oldest first.
    fn laboratory_results(citizen: CitizenId, visibility: Visibility) -> Vec<TestResults>;
    /// The whole record the viewer may see, row by row into `sink` (constant memory).
    fn export_record(citizen: CitizenId, visibility: Visibility, sink: tokio::sync::mpsc::Sender<RecordPart>) -> ();
    /// (identity code, first name, last name) of a citizen.
    fn citizen_person(citizen: CitizenId) -> Option<(String, String, String)>;
    /// Appends a downloaded copy (`detail`: which) to the audit log.
    fn record_copy(
        at: DateTime<Utc>,
        asker: CitizenId,
        subject: CitizenId,
        client_address: Option<&str>,
        detail: &str,
    ) -> ();

    // Management of Data Use (sql/declarations.rs, sql/providers.rs).
    /// Records a declaration if it makes sense now (the inner `Err` when it
    /// does not); a repeated idempotency key writes nothing.
    fn record_declaration(
        citizen: CitizenId,
        actor: &Actor,
        event: &DeclarationEvent,
        now: DateTime<Utc>,
        cross_sector_opens: DateTime<Utc>,
        idempotency_key: Option<&str>,
    ) -> Result<DeclarationId, DeclarationError>;
    /// All of the citizen's declaration events, oldest first.
    fn declarations(citizen: CitizenId) -> Vec<Declaration>;
    /// Whose declaration this is, if it exists.
    fn declaration_owner(id: DeclarationId) -> Option<CitizenId>;
    /// The citizen's notice confirmations as (version, instant).
    fn confirmation_instants(citizen: CitizenId) -> Vec<(NoticeVersion, DateTime<Utc>)>;
    /// Every provider, with what the preview needs to know of it.
    fn providers(locale: Locale) -> Vec<ProviderRow>;
    /// Professionals' viewings, newest first, of one provider and within dates.
    fn viewings(
        citizen: CitizenId,
        provider: Option<&ProviderId>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Vec<Viewing>;
}

impl Db {
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        with_pool!(self, p => p.close().await)
    }

    /// Whether the database answers now (a trivial query, at most `within`).
    pub async fn is_reachable(&self, within: Duration) -> bool {
        let ping = async { with_pool!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ())) };
        matches!(tokio::time::timeout(within, ping).await, Ok(Ok(())))
    }
}
