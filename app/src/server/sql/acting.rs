//! Acting for someone else: guardianships and e-authorisations (who may act
//! for whom), and the log of every view made while acting. (Contract:
//! `sql/mod.rs`.)

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;

use super::prelude::{decode, Pool};
use super::DB;
use crate::domain::acting::{ActingRight, AuthorisationPeriod, AuthorisedMatters};
use crate::domain::listing::{LogCursor, LOG_ROWS_PER_PAGE};
use crate::domain::IdentityCode;
use crate::server::rows::{ActingViewing, CitizenId, Person, Relation};

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    first_name: String,
    last_name: String,
    identity_code: String,
}

impl TryFrom<PersonRow> for Person {
    type Error = sqlx::Error;
    fn try_from(r: PersonRow) -> Result<Self, sqlx::Error> {
        Ok(Person {
            id: CitizenId(r.id),
            full_name: format!("{} {}", r.first_name, r.last_name),
            identity_code: IdentityCode::parse(&r.identity_code).map_err(|_| decode("identity code"))?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct RelationRow {
    #[sqlx(flatten)]
    person: PersonRow,
    guardian: bool,
    valid_from: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    covers_healthcare: Option<bool>,
    covers_social_welfare: Option<bool>,
}

/// The rows of one person or more, one per authorisation (or one with no
/// authorisation), folded into one `Relation` per person, in row order.
fn relations(rows: Vec<RelationRow>) -> Result<Vec<Relation>, sqlx::Error> {
    let mut out: Vec<Relation> = Vec::new();
    for r in rows {
        let period = match (r.valid_from, r.valid_until, r.covers_healthcare, r.covers_social_welfare) {
            (Some(valid_from), Some(valid_until), Some(healthcare), Some(social_welfare)) => {
                Some(AuthorisationPeriod {
                    valid_from,
                    valid_until,
                    matters: AuthorisedMatters { healthcare, social_welfare },
                })
            }
            _ => None,
        };
        match out.last_mut() {
            Some(last) if last.person.id.0 == r.person.id => last.authorisations.extend(period),
            _ => {
                let person = Person::try_from(r.person)?;
                out.push(Relation { person, guardian: r.guardian, authorisations: period.into_iter().collect() });
            }
        }
    }
    Ok(out)
}

/// A relation's columns, for the citizens `c` (with `$1` the asker).
const RELATION_COLUMNS: &str = "SELECT c.id, c.first_name, c.last_name, c.identity_code, \
     EXISTS (SELECT 1 FROM guardianship g WHERE g.guardian_id = $1 AND g.child_id = c.id) AS guardian, \
     a.valid_from, a.valid_until, a.covers_healthcare, a.covers_social_welfare";
const RELATION_AUTHORISATIONS: &str = "LEFT JOIN authorisation a ON a.principal_id = c.id AND a.agent_id = $1";

/// Everyone this person is the guardian of or holds an e-authorisation
/// from, valid or not (the domain's `acting_on` decides for a day). The
/// two relations are found each by its own index and joined to the
/// citizen by primary key: an `IN (…) OR IN (…)` on the citizen is a scan
/// of every citizen on PostgreSQL.
pub async fn relations_of(pool: &Pool, asker: CitizenId) -> Result<Vec<Relation>, sqlx::Error> {
    let sql = format!(
        "{RELATION_COLUMNS} FROM (SELECT child_id AS id FROM guardianship WHERE guardian_id = $1 \
         UNION SELECT principal_id FROM authorisation WHERE agent_id = $1) r \
         JOIN citizen c ON c.id = r.id {RELATION_AUTHORISATIONS} \
         ORDER BY c.identity_code, c.id, a.valid_from"
    );
    let rows: Vec<RelationRow> = sqlx::query_as(&sql).bind(asker.0).fetch_all(pool).await?;
    relations(rows)
}

/// This person's guardianship of, and e-authorisations from, `other`
/// (None: `other` does not exist).
pub async fn relation_to(pool: &Pool, asker: CitizenId, other: CitizenId) -> Result<Option<Relation>, sqlx::Error> {
    let sql =
        format!("{RELATION_COLUMNS} FROM citizen c {RELATION_AUTHORISATIONS} WHERE c.id = $2 ORDER BY a.valid_from");
    let rows: Vec<RelationRow> = sqlx::query_as(&sql).bind(asker.0).bind(other.0).fetch_all(pool).await?;
    Ok(relations(rows)?.pop())
}

/// Appends a view made while acting for someone else to its log.
pub async fn record_acting_viewing(
    pool: &Pool,
    at: DateTime<Utc>,
    actor: CitizenId,
    subject: CitizenId,
    right: ActingRight,
    what: &str,
    client_address: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO acting_viewing (viewed_at, actor_id, subject_id, acting_right, what, client_address) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(at)
    .bind(actor.0)
    .bind(subject.0)
    .bind(right.as_str())
    .bind(what)
    .bind(client_address)
    .execute(pool)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ActingViewingRow {
    id: i64,
    viewed_at: DateTime<Utc>,
    first_name: String,
    last_name: String,
    acting_right: String,
    what: String,
}

/// The views others made of the subject's data while acting for them,
/// newest first: a page of `LOG_ROWS_PER_PAGE` after `after` (from the
/// newest when None), and one more row when there is a next page.
pub async fn acting_viewings_of(
    pool: &Pool,
    subject: CitizenId,
    after: Option<LogCursor>,
) -> Result<Vec<ActingViewing>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT v.id, v.viewed_at, c.first_name, c.last_name, v.acting_right, v.what FROM acting_viewing v \
         JOIN citizen c ON c.id = v.actor_id WHERE v.subject_id = ",
    );
    q.push_bind(subject.0);
    if let Some(after) = after {
        q.push(" AND (v.viewed_at < ").push_bind(after.at);
        q.push(" OR (v.viewed_at = ").push_bind(after.at).push(" AND v.id < ").push_bind(after.id).push("))");
    }
    q.push(" ORDER BY v.viewed_at DESC, v.id DESC LIMIT ").push_bind(LOG_ROWS_PER_PAGE as i64 + 1);
    let rows: Vec<ActingViewingRow> = q.build_query_as().fetch_all(pool).await?;
    rows.into_iter()
        .map(|r| {
            Ok(ActingViewing {
                id: r.id,
                viewed_at: r.viewed_at,
                actor: format!("{} {}", r.first_name, r.last_name),
                right: ActingRight::parse(&r.acting_right).ok_or_else(|| decode("acting right"))?,
                what: r.what,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct ActingViewsRow {
    first_name: String,
    last_name: String,
    views: i64,
}

/// Who viewed the subject's data while acting for them since `since`, and
/// how many times, by name: one statement on the subject's index by time.
pub async fn acting_views_since(
    pool: &Pool,
    subject: CitizenId,
    since: DateTime<Utc>,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let rows: Vec<ActingViewsRow> = sqlx::query_as(
        "SELECT c.first_name, c.last_name, v.views FROM (SELECT actor_id, COUNT(*) AS views FROM acting_viewing \
         WHERE subject_id = $1 AND viewed_at >= $2 GROUP BY actor_id) v JOIN citizen c ON c.id = v.actor_id \
         ORDER BY c.last_name, c.first_name",
    )
    .bind(subject.0)
    .bind(since)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (format!("{} {}", r.first_name, r.last_name), r.views)).collect())
}
