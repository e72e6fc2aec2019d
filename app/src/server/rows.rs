//! What the repository's reads return (`Db`'s methods, `server/db.rs`),
//! beside the domain's own types: shapes of the portal's pages and logins
//! that are not domain values. The SQL in `server/sql/` builds them; it
//! imports these and the domain, nothing else of the server.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::acting::{Acting, ActingRight, AuthorisationPeriod};
use crate::domain::data_use::ProviderKind;
use crate::domain::declarations::{PrescriptionId, ProviderId, Register, RegisterKind, Sector, ServiceEventId};
use crate::domain::laboratory::{LabResult, ReferenceRange};
use crate::domain::listing::{PageCursor, Recorded};
use crate::domain::notice::NoticeVersion;
use crate::domain::records::{Entry, EntryKind, RegisterId, ServiceEvent, UnitId};
use crate::domain::renewal::{MedicineClass, RenewalState};
use crate::domain::time::helsinki_today;
use crate::domain::validity::CitizensData;
use crate::domain::IdentityCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CitizenId(pub i64);

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

#[derive(sqlx::FromRow)]
pub struct NoticeText {
    pub published_on: NaiveDate,
    pub title: String,
    pub body: String,
}

/// A person by name and identity code (a child in someone's guardianship).
pub struct Person {
    pub id: CitizenId,
    pub full_name: String,
    pub identity_code: IdentityCode,
}

/// What one person holds to act for another: a guardianship, and the
/// e-authorisations the other gave them (valid or not).
pub struct Relation {
    pub person: Person,
    pub guardian: bool,
    pub authorisations: Vec<AuthorisationPeriod>,
}

impl Relation {
    /// Whether, and how, the person may be acted for on `today`.
    pub fn acting_on(&self, today: NaiveDate) -> Option<Acting> {
        let born = self.guardian.then(|| self.person.identity_code.birth_date());
        crate::domain::acting::acting_on(born, &self.authorisations, today)
    }
}

/// The citizen's own events and prescriptions, and the registers holding
/// their data that may be denied as a whole, for validating a declaration.
pub struct OwnData {
    /// Each service event's sector.
    pub events: BTreeMap<i64, Sector>,
    pub prescriptions: BTreeSet<i64>,
    pub deniable_registers: BTreeSet<(String, RegisterKind)>,
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

/// An entry that is new since the last login, for the front page.
pub struct NewEntry {
    pub event: ServiceEventId,
    pub kind: EntryKind,
    pub event_title: String,
    pub recorded_on: NaiveDate,
    /// A laboratory result's test, value and unit.
    pub lab: Option<(String, f64, String)>,
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

/// One page of a records section (`record_page`).
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

/// A laboratory test the citizen has results of (`laboratory_tests`).
pub struct LabTestSummary {
    pub test: String,
    pub unit: String,
    pub results: i64,
    pub last_on: NaiveDate,
}

/// One test's results, oldest first, each with its service event
/// (`laboratory_series`); the reference range is the latest result's.
pub struct LabSeries {
    pub test: String,
    pub unit: String,
    pub reference: ReferenceRange,
    pub results: Vec<(LabResult, ServiceEventId)>,
}

/// A vaccination (`vaccinations`).
pub struct Vaccination {
    pub recorded_on: NaiveDate,
    pub vaccine: String,
    /// The dose's number in its series (1 for the first).
    pub dose: u32,
    pub event: ServiceEventId,
}

/// A provider as the preview needs it.
pub struct ProviderRow {
    pub id: ProviderId,
    pub kind: ProviderKind,
    pub name: String,
    pub uusimaa_party: bool,
    pub has_occupational_register: bool,
}

/// A professional's viewing of the citizen's data.
pub struct Viewing {
    pub provider: ProviderId,
    pub unit_name: String,
    pub viewed_at: DateTime<Utc>,
    pub what: String,
    pub purpose: String,
    /// On which basis the data was disclosed (DOMAIN.md §7); None in rows
    /// logged before the basis was.
    pub basis: Option<String>,
}

/// A view of the citizen's data by someone acting for them.
pub struct ActingViewing {
    pub id: i64,
    pub viewed_at: DateTime<Utc>,
    pub actor: String,
    pub right: ActingRight,
    /// The path of the page (or server function) viewed.
    pub what: String,
}

/// A renewal request as the citizen's page lists it (`renewal_requests`).
pub struct RenewalRequest {
    pub id: i64,
    pub prescription: PrescriptionId,
    /// The medicine and its strength.
    pub medicine: String,
    pub prescribed_on: NaiveDate,
    pub provider: ProviderId,
    /// The unit it was sent to (None for a request that named only the provider).
    pub unit: Option<String>,
    pub message: Option<String>,
    /// For a text message about the result.
    pub mobile: Option<String>,
    pub sent_at: DateTime<Utc>,
    /// Who sent it, when not the citizen (a guardian, an authorised agent),
    /// and by which right.
    pub sent_by: Option<(String, ActingRight)>,
    pub state: RenewalState,
    /// When it reached its state (for "sent", when it was sent).
    pub state_at: DateTime<Utc>,
}

/// A request is as late as its latest state: one sent before a child's
/// tenth birthday but handled after it is not shown to the guardian.
impl Recorded for RenewalRequest {
    fn recorded_on(&self) -> NaiveDate {
        helsinki_today(self.sent_at.max(self.state_at))
    }
}

impl Recorded for Viewing {
    fn recorded_on(&self) -> NaiveDate {
        helsinki_today(self.viewed_at)
    }
}

impl Recorded for ActingViewing {
    fn recorded_on(&self) -> NaiveDate {
        helsinki_today(self.viewed_at)
    }
}

/// One of the citizen's prescriptions, as a renewal request needs it.
pub struct RenewalCandidate {
    pub id: PrescriptionId,
    pub class: MedicineClass,
    pub valid_until: NaiveDate,
    pub prescribed_on: NaiveDate,
    pub prescriber: ProviderId,
    /// The unit that prescribed it (offered first when it takes requests).
    pub prescriber_unit: UnitId,
    /// The medicine and its strength.
    pub medicine: String,
}

/// A unit that takes renewal requests, with its provider's name.
pub struct RenewalUnit {
    pub id: UnitId,
    pub name: String,
    pub provider: ProviderId,
    pub provider_name: String,
}

/// A renewal request to send.
pub struct NewRenewalRequest {
    pub prescription: PrescriptionId,
    /// The unit to send it to: it must take renewal requests.
    pub unit: UnitId,
    /// As typed (`domain::renewal::message`).
    pub message: Option<String>,
    /// Who sends it for the citizen, and by which right (None: the citizen).
    pub sent_by: Option<(ActingRight, CitizenId)>,
    /// For a text message about the result (`domain::renewal::mobile_number`).
    pub mobile: Option<String>,
}
