// The prelude of the portal's SQL (the contract is in `sql/mod.rs`):
// every import of the statement files, the pool types, and the helpers
// they share. Every statement answers `sqlx::Error` and nothing else.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use crate::domain::acting::{ActingRight, AuthorisationPeriod, AuthorisedMatters};
use crate::domain::audit::{LoginFailures, ThrottleWindows};
use crate::domain::data_use::{register_may_be_denied, ProviderKind};
use crate::domain::declarations::{
    Actor, ActorKind, CrossSector, Declaration, DeclarationEvent, DeclarationId, DeclarationKind, DenialKind,
    DenialScope, PrescriptionId, ProviderId, Register, RegisterKind, Sector, ServiceEventId,
};
use crate::domain::glance::PrescriptionLeft;
use crate::domain::laboratory::{LabResult, ReferenceRange};
use crate::domain::listing::{
    LogCursor, PageCursor, RecordFilter, RecordSection, Visibility, EVENTS_PER_PAGE, LOG_ROWS_PER_PAGE,
};
use crate::domain::notice::{self, ChannelKind, ConfirmationChannel, NoticeConfirmation, NoticeVersion};
use crate::domain::records::{
    Dispensing, Entry, EntryId, EntryKind, Prescription, RegisterId, ServiceEvent, Unit, UnitId,
};
use crate::domain::renewal::{may_request_renewal, MedicineClass, RenewalRefusal, RenewalState};
use crate::domain::validity::{valid_now, validate, DeclarationError};
use crate::domain::wills::{AbroadCountries, CountryCode, LivingWill, OrganDonation};
use crate::domain::IdentityCode;
use crate::i18n::Locale;
use crate::server::rows::{
    ActingViewing, CitizenId, CitizenLogin, CitizenStanding, LabSeries, LabTestSummary, NewEntry, NewRenewalRequest,
    NoticeText, OwnData, Person, ProviderRow, RecordPage, RegisterData, Relation, RenewalCandidate, RenewalRequest,
    RenewalUnit, Vaccination, Viewing, WhatsNew,
};

pub type Pool = sqlx::Pool<DB>;
pub type Conn = <DB as sqlx::Database>::Connection;

/// A stored value the portal cannot read (a row no migration allows).
fn decode(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected stored {what}").into())
}

fn notice_version(v: &str) -> Result<NoticeVersion, sqlx::Error> {
    NoticeVersion::parse(v).map_err(|_| decode("notice version"))
}

/// The column of `service_provider` that holds its name in this language.
fn provider_name_column(locale: Locale) -> &'static str {
    match locale {
        Locale::Fi => "name_fi",
        Locale::Sv => "name_sv",
        Locale::En => "name_en",
    }
}

/// The id of the citizen's row in `table` (`declaration` or
/// `renewal_request`) written with this form key, if any: a repeated key
/// answers with the first write's id and writes nothing.
async fn written_with_key(
    conn: &mut Conn,
    table: &'static str,
    citizen: CitizenId,
    key: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = format!("SELECT id FROM {table} WHERE citizen_id = $1 AND idempotency_key = $2");
    sqlx::query_scalar(&sql).bind(citizen.0).bind(key).fetch_optional(&mut *conn).await
}
