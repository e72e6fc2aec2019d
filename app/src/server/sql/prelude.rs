//! What the statement modules share: the pool types of this backend and the
//! helpers every statement file may use. Every statement answers
//! `sqlx::Error` and nothing else.

use sqlx::QueryBuilder;

use crate::domain::declarations::Sector;
use crate::domain::listing::Visibility;
use crate::domain::notice::NoticeVersion;
use crate::domain::records::EntryKind;
use crate::i18n::Locale;
use crate::server::rows::CitizenId;

pub(super) type Pool = sqlx::Pool<super::DB>;
pub(super) type Conn = <super::DB as sqlx::Database>::Connection;

/// A stored value the portal cannot read (a row no migration allows).
pub(super) fn decode(what: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected stored {what}").into())
}

pub(super) fn notice_version(v: &str) -> Result<NoticeVersion, sqlx::Error> {
    NoticeVersion::parse(v).map_err(|_| decode("notice version"))
}

/// The column of `service_provider` that holds its name in this language.
pub(super) fn provider_name_column(locale: Locale) -> &'static str {
    match locale {
        Locale::Fi => "name_fi",
        Locale::Sv => "name_sv",
        Locale::En => "name_en",
    }
}

/// The id of the citizen's row in `table` (`declaration` or
/// `renewal_request`) written with this form key, if any: a repeated key
/// answers with the first write's id and writes nothing.
pub(super) async fn written_with_key(
    conn: &mut Conn,
    table: &'static str,
    citizen: CitizenId,
    key: &str,
) -> Result<Option<i64>, sqlx::Error> {
    let sql = format!("SELECT id FROM {table} WHERE citizen_id = $1 AND idempotency_key = $2");
    sqlx::query_scalar(&sql).bind(citizen.0).bind(key).fetch_optional(&mut *conn).await
}

/// The entries the viewer may see (alias `x` is the entry): recorded
/// before the limit, of the sectors covered (a client document is social
/// welfare, every other kind healthcare).
pub(super) fn push_visibility(q: &mut QueryBuilder<'_, super::DB>, visibility: Visibility) {
    if let Some(limit) = visibility.limit() {
        q.push(" AND x.recorded_on < ").push_bind(limit);
    }
    let document = EntryKind::ClientDocument.as_str();
    match (visibility.covers(Sector::Healthcare), visibility.covers(Sector::SocialWelfare)) {
        (true, true) => {}
        (true, false) => {
            q.push(" AND x.kind <> ").push_bind(document);
        }
        (false, true) => {
            q.push(" AND x.kind = ").push_bind(document);
        }
        (false, false) => {
            q.push(" AND 1 = 0");
        }
    }
}
