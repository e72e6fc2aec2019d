//! Repository reads of Management of Data Use (issue 5): providers for the
//! preview, the notice confirmations as instants, the declaration history
//! and professionals' viewings. Writes go through `repo::record_declaration`.

use chrono::{DateTime, NaiveDate, Utc};

use super::db::{dispatch, Db};
use super::CitizenId;
use crate::domain::data_use::ProviderKind;
use crate::domain::declarations::{Declaration, DeclarationId, ProviderId};
use crate::domain::notice::NoticeVersion;
use crate::i18n::Locale;

pub struct ProviderRow {
    pub id: ProviderId,
    pub kind: ProviderKind,
    pub name: String,
    pub uusimaa_party: bool,
    pub has_occupational_register: bool,
}

pub struct Viewing {
    pub provider: ProviderId,
    pub unit_name: String,
    pub viewed_at: DateTime<Utc>,
    pub what: String,
    pub purpose: String,
}

/// Every provider, with what the preview needs to know of it. One query.
pub async fn providers(db: &Db, locale: Locale) -> Result<Vec<ProviderRow>, sqlx::Error> {
    dispatch!(db, providers(locale))
}

/// The citizen's notice confirmations as (version, instant), for `valid_at`.
pub async fn confirmation_instants(
    db: &Db,
    citizen: CitizenId,
) -> Result<Vec<(NoticeVersion, DateTime<Utc>)>, sqlx::Error> {
    dispatch!(db, confirmation_instants(citizen))
}

/// All of the citizen's declaration events, oldest first.
pub async fn declarations(db: &Db, citizen: CitizenId) -> Result<Vec<Declaration>, sqlx::Error> {
    dispatch!(db, declarations(citizen))
}

/// Names of citizens (guardians in the history), by id.
pub async fn citizen_names(db: &Db, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    dispatch!(db, citizen_names(ids))
}

/// Professionals' viewings of the citizen's data, newest first, optionally
/// of one provider and within dates (inclusive, UTC dates).
pub async fn viewings(
    db: &Db,
    citizen: CitizenId,
    provider: Option<&ProviderId>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Viewing>, sqlx::Error> {
    dispatch!(db, viewings(citizen, provider, from, to))
}

/// Whose declaration this is, if it exists.
pub async fn declaration_owner(db: &Db, id: DeclarationId) -> Result<Option<CitizenId>, sqlx::Error> {
    dispatch!(db, declaration_owner(id))
}
