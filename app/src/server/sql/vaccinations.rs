//! Vaccinations: every vaccination entry with its vaccine and dose.

use chrono::NaiveDate;
use sqlx::QueryBuilder;

use super::prelude::{decode, push_visibility, Pool};
use super::DB;
use crate::domain::declarations::ServiceEventId;
use crate::domain::listing::Visibility;
use crate::server::rows::{CitizenId, Vaccination};

#[derive(sqlx::FromRow)]
struct VaccinationRow {
    recorded_on: NaiveDate,
    vaccine: String,
    dose: i64,
    service_event_id: i64,
}

/// The citizen's vaccinations the viewer may see, newest first: one statement.
pub async fn vaccinations(
    pool: &Pool,
    citizen: CitizenId,
    visibility: Visibility,
) -> Result<Vec<Vaccination>, sqlx::Error> {
    let mut q = QueryBuilder::<DB>::new(
        "SELECT x.recorded_on, v.vaccine, v.dose, x.service_event_id FROM vaccination v \
         JOIN entry x ON x.id = v.entry_id WHERE v.citizen_id = ",
    );
    q.push_bind(citizen.0).push(" AND x.citizen_id = ").push_bind(citizen.0);
    push_visibility(&mut q, visibility);
    q.push(" ORDER BY x.recorded_on DESC, x.id DESC");
    let rows: Vec<VaccinationRow> = q.build_query_as().fetch_all(pool).await?;
    rows.into_iter()
        .map(|r| {
            Ok(Vaccination {
                recorded_on: r.recorded_on,
                vaccine: r.vaccine,
                dose: u32::try_from(r.dose).map_err(|_| decode("dose"))?,
                event: ServiceEventId(r.service_event_id),
            })
        })
        .collect()
}
