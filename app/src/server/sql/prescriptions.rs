//! Prescriptions from the Prescription Centre, with their dispensings, and
//! the countries abroad whose pharmacies may see them.

use std::collections::HashMap;

use chrono::NaiveDate;
use sqlx::QueryBuilder;

use super::prelude::{decode, Pool};
use super::DB;
use crate::domain::declarations::{PrescriptionId, ProviderId, Sector};
use crate::domain::glance::PrescriptionLeft;
use crate::domain::listing::Visibility;
use crate::domain::records::{Dispensing, Prescription, Unit, UnitId};
use crate::domain::renewal::MedicineClass;
use crate::domain::wills::CountryCode;
use crate::i18n::Locale;
use crate::server::rows::CitizenId;

#[derive(sqlx::FromRow)]
struct PrescriptionRow {
    id: i64,
    prescriber_provider_id: String,
    prescriber_unit_id: String,
    unit_provider_id: String,
    unit_name: String,
    medicine: String,
    strength: String,
    dosage: String,
    prescribed_on: NaiveDate,
    valid_until: NaiveDate,
    amount: i64,
    amount_unit: String,
    medicine_class: String,
    pharmaceutical_form: Option<String>,
    atc_code: Option<String>,
    purpose: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DispensingRow {
    prescription_id: i64,
    pharmacy_id: String,
    dispensed_on: NaiveDate,
    amount: i64,
}

fn amount(v: i64) -> Result<u32, sqlx::Error> {
    u32::try_from(v).map_err(|_| decode("amount"))
}

/// All of a citizen's prescriptions with their dispensings, newest first (two queries).
pub async fn load_prescriptions(pool: &Pool, citizen: CitizenId) -> Result<Vec<Prescription>, sqlx::Error> {
    let rows: Vec<PrescriptionRow> = sqlx::query_as(
        "SELECT x.id, x.prescriber_provider_id, x.prescriber_unit_id, u.provider_id AS unit_provider_id, \
         u.name AS unit_name, x.medicine, x.strength, x.dosage, x.prescribed_on, x.valid_until, x.amount, \
         x.amount_unit, x.medicine_class, x.pharmaceutical_form, x.atc_code, x.purpose \
         FROM prescription x JOIN unit u ON u.id = x.prescriber_unit_id \
         WHERE x.citizen_id = $1 ORDER BY x.prescribed_on DESC, x.id DESC",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?;
    let dispensings: Vec<DispensingRow> = sqlx::query_as(
        "SELECT d.prescription_id, d.pharmacy_id, d.dispensed_on, d.amount FROM dispensing d \
         JOIN prescription x ON x.id = d.prescription_id WHERE x.citizen_id = $1 ORDER BY d.dispensed_on, d.id",
    )
    .bind(citizen.0)
    .fetch_all(pool)
    .await?;
    let mut by_rx: HashMap<i64, Vec<Dispensing>> = HashMap::new();
    for d in dispensings {
        by_rx.entry(d.prescription_id).or_default().push(Dispensing {
            pharmacy: ProviderId(d.pharmacy_id),
            dispensed_on: d.dispensed_on,
            amount: amount(d.amount)?,
        });
    }
    rows.into_iter()
        .map(|r| {
            Ok(Prescription {
                id: PrescriptionId(r.id),
                prescriber: ProviderId(r.prescriber_provider_id),
                prescriber_unit: Unit {
                    id: UnitId(r.prescriber_unit_id),
                    provider: ProviderId(r.unit_provider_id),
                    name: r.unit_name,
                },
                medicine: r.medicine,
                strength: r.strength,
                dosage: r.dosage,
                prescribed_on: r.prescribed_on,
                valid_until: r.valid_until,
                amount: amount(r.amount)?,
                amount_unit: r.amount_unit,
                form: r.pharmaceutical_form,
                atc_code: r.atc_code,
                purpose: r.purpose,
                dispensings: by_rx.remove(&r.id).unwrap_or_default(),
                class: MedicineClass::parse(&r.medicine_class).ok_or_else(|| decode("medicine class"))?,
            })
        })
        .collect()
}

#[derive(sqlx::FromRow)]
struct LeftRow {
    id: i64,
    medicine: String,
    strength: String,
    valid_until: NaiveDate,
    amount_left: i64,
}

/// The citizen's prescriptions valid on `today` with how much of each is
/// left, as far as `visibility` reaches: one statement.
pub async fn valid_prescriptions_left(
    pool: &Pool,
    citizen: CitizenId,
    today: NaiveDate,
    visibility: Visibility,
) -> Result<Vec<PrescriptionLeft>, sqlx::Error> {
    // SUM of BIGINT is NUMERIC on PostgreSQL: cast back.
    let mut q = QueryBuilder::<DB>::new(
        "SELECT p.id, p.medicine, p.strength, p.valid_until, \
         p.amount - CAST(COALESCE(SUM(d.amount), 0) AS BIGINT) AS amount_left \
         FROM prescription p LEFT JOIN dispensing d ON d.prescription_id = p.id",
    );
    // A guardian's limit holds for the dispensings too (`Visibility::prescriptions`).
    if let Some(limit) = visibility.limit() {
        q.push(" AND d.dispensed_on < ").push_bind(limit);
    }
    q.push(" WHERE p.citizen_id = ").push_bind(citizen.0).push(" AND p.valid_until >= ").push_bind(today);
    if let Some(limit) = visibility.limit() {
        q.push(" AND p.prescribed_on < ").push_bind(limit);
    }
    if !visibility.covers(Sector::Healthcare) {
        q.push(" AND 1 = 0");
    }
    q.push(" GROUP BY p.id, p.medicine, p.strength, p.valid_until, p.amount");
    let rows: Vec<LeftRow> = q.build_query_as().fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .map(|r| PrescriptionLeft {
            id: PrescriptionId(r.id),
            name: format!("{} {}", r.medicine, r.strength),
            valid_until: r.valid_until,
            amount_left: u32::try_from(r.amount_left).unwrap_or(0),
        })
        .collect())
}

#[derive(sqlx::FromRow)]
struct CountryRow {
    code: String,
    name: String,
}

/// The countries whose pharmacies take part, by their names in `locale`.
pub async fn abroad_countries(pool: &Pool, locale: Locale) -> Result<Vec<(CountryCode, String)>, sqlx::Error> {
    countries_of(pool, "abroad_country", locale).await
}

/// The countries whose healthcare receives Finnish patient summaries, by
/// name in the language (`summary_abroad_country`).
pub async fn summary_abroad_countries(pool: &Pool, locale: Locale) -> Result<Vec<(CountryCode, String)>, sqlx::Error> {
    countries_of(pool, "summary_abroad_country", locale).await
}

async fn countries_of(pool: &Pool, table: &str, locale: Locale) -> Result<Vec<(CountryCode, String)>, sqlx::Error> {
    let name = match locale {
        Locale::Fi => "name_fi",
        Locale::Sv => "name_sv",
        Locale::En => "name_en",
    };
    let rows: Vec<CountryRow> =
        sqlx::query_as(&format!("SELECT code, {name} AS name FROM {table} ORDER BY {name}")).fetch_all(pool).await?;
    rows.into_iter().map(|r| Ok((CountryCode::parse(&r.code).ok_or_else(|| decode("country code"))?, r.name))).collect()
}
