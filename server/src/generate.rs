//! `kanta-server generate --citizens N --entries M`: synthetic citizens for
//! benchmarks, each with M entries spread over the demo registers (and a few
//! prescriptions). Deterministic; identity codes are valid test codes
//! (individual numbers 900–999), distinct from the demo people's.

use chrono::{Duration, NaiveDate, Utc};
use sqlx::SqlitePool;

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
const KINDS: [&str; 6] = ["visit_summary", "diagnosis", "laboratory_result", "measurement", "vaccination", "care_plan"];

/// The n-th synthetic identity code: birth dates from 1 Jan 1930 on, individual numbers 900–998.
pub fn synthetic_code(n: u64) -> String {
    let day = n / 99;
    let individual = 900 + n % 99;
    let born = NaiveDate::from_ymd_opt(1930, 1, 1).expect("valid date") + Duration::days(day as i64);
    let ddmmyy = born.format("%d%m%y").to_string();
    let sign = if born.format("%Y").to_string() < "2000".to_string() { '-' } else { 'A' };
    let number: u64 = format!("{ddmmyy}{individual:03}").parse().expect("digits");
    format!("{ddmmyy}{sign}{individual:03}{}", CHECK[(number % 31) as usize] as char)
}

pub async fn generate(pool: &SqlitePool, citizens: u64, entries_per_citizen: u64) -> Result<(u64, u64), String> {
    let db = |e: sqlx::Error| format!("generation failed: {e}");
    crate::seed::seed_registers_and_units(pool).await.map_err(db)?;
    let registers: Vec<(&str, &str)> = app::demo::REGISTERS
        .iter()
        .map(|(id, provider, _)| {
            let unit = app::demo::UNITS.iter().find(|u| u.1 == *provider).expect("a unit per provider").0;
            (*id, unit)
        })
        .collect();
    let today = Utc::now().date_naive();
    let now = Utc::now();
    let (mut made_citizens, mut made_entries) = (0, 0);
    let mut n = 0u64;
    while made_citizens < citizens {
        let mut tx = pool.begin().await.map_err(db)?;
        for _ in 0..100.min(citizens - made_citizens) {
            let code = synthetic_code(n);
            n += 1;
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO citizen (identity_code, first_name, last_name, password_hash, created_at) \
                 VALUES ($1, 'Testi', $2, NULL, $3) ON CONFLICT DO NOTHING RETURNING id",
            )
            .bind(&code)
            .bind(format!("Henkilö {n}"))
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .map_err(db)?;
            let Some(id) = id else { continue }; // exists already (a rerun)
            let events = entries_per_citizen.div_ceil(5).max(1);
            let mut left = entries_per_citizen;
            for e in 0..events {
                let (register, unit) = registers[((n + e) % registers.len() as u64) as usize];
                let on = today - Duration::days((e * 17 % 7000) as i64);
                let event_id: i64 = sqlx::query_scalar(
                    "INSERT INTO service_event (citizen_id, register_id, unit_id, started_on, title) \
                     VALUES ($1, $2, $3, $4, 'Vastaanottokäynti') RETURNING id",
                )
                .bind(id)
                .bind(register)
                .bind(unit)
                .bind(on)
                .fetch_one(&mut *tx)
                .await
                .map_err(db)?;
                let kind_ok = !register.ends_with("/social");
                for k in 0..left.min(5) {
                    let kind = if kind_ok { KINDS[((n + e + k) % KINDS.len() as u64) as usize] } else { "client_document" };
                    sqlx::query("INSERT INTO entry (service_event_id, citizen_id, kind, recorded_on, text) VALUES ($1, $2, $3, $4, 'Synteettinen merkintä')")
                        .bind(event_id)
                        .bind(id)
                        .bind(kind)
                        .bind(on)
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    made_entries += 1;
                }
                left = left.saturating_sub(5);
            }
            made_citizens += 1;
        }
        tx.commit().await.map_err(db)?;
    }
    Ok((made_citizens, made_entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_codes_are_valid_distinct_test_codes() {
        let mut seen = std::collections::BTreeSet::new();
        for n in (0..20_000).step_by(7) {
            let code = synthetic_code(n);
            let parsed = app::domain::IdentityCode::parse(&code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert!(parsed.is_test_code());
            assert!(seen.insert(code));
        }
    }

    #[tokio::test]
    async fn generates_n_citizens_with_m_entries_spread_over_registers() {
        let pool = crate::db::connect("sqlite::memory:").await.unwrap();
        crate::db::migrate(&pool).await.unwrap();
        assert_eq!(generate(&pool, 30, 12).await.unwrap(), (30, 360));
        let registers: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT register_id) FROM service_event").fetch_one(&pool).await.unwrap();
        assert!(registers >= 6, "{registers}");
        let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM entry").fetch_one(&pool).await.unwrap();
        assert_eq!(entries, 360);
    }
}
