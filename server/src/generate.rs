//! `kanta-server generate --citizens N --entries M`: synthetic citizens for
//! benchmarks, each with M entries spread over the demo registers, told by
//! the demo's stories (and a few prescriptions). Deterministic; identity codes are valid test codes
//! (individual numbers 900–999), distinct from the demo people's.

use app::server::Db;
use chrono::{Duration, NaiveDate, Utc};

const CHECK: &[u8; 31] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";

/// The n-th synthetic identity code: birth dates from 1 Jan 1930 on, individual numbers 900–998.
pub fn synthetic_code(n: u64) -> String {
    let day = n / 99;
    let individual = 900 + n % 99;
    let born = NaiveDate::from_ymd_opt(1930, 1, 1).expect("valid date") + Duration::days(day as i64);
    let ddmmyy = born.format("%d%m%y").to_string();
    let sign = if born.format("%Y").to_string().as_str() < "2000" { '-' } else { 'A' };
    let number: u64 = format!("{ddmmyy}{individual:03}").parse().expect("digits");
    format!("{ddmmyy}{sign}{individual:03}{}", CHECK[(number % 31) as usize] as char)
}

/// Adds `citizens` synthetic citizens; `with_password` gives them all the
/// demo password (one argon2id hash, shared), so a load test can log in as them.
pub async fn generate(
    db: &Db,
    citizens: u64,
    entries_per_citizen: u64,
    with_password: bool,
) -> Result<(u64, u64), String> {
    let fail = |e: sqlx::Error| format!("generation failed: {e}");
    let password_hash = with_password.then(|| app::server::password::hash_blocking(crate::seed::DEMO_PASSWORD));
    crate::seed::seed_registers_and_units(db).await.map_err(fail)?;
    let registers: Vec<(&str, &str)> =
        app::demo::REGISTERS.iter().map(|(id, _, _)| (*id, app::demo::unit_of_register(id))).collect();
    let today = app::domain::time::helsinki_today(Utc::now());
    let now = Utc::now();
    let (mut made_citizens, mut made_entries) = (0u64, 0u64);
    let mut n = 0u64;
    // Rerunnable: synthetic codes that exist already are skipped.
    let mut skipped_in_a_row = 0u64;
    while made_citizens < citizens {
        // One transaction per 100 citizens; per citizen three statements:
        // the citizen, their service events (one multi-row insert), their entries (one).
        let made: Result<(u64, u64, u64), sqlx::Error> = app::with_pool!(db, pool => async {
            let mut tx = pool.begin().await?;
            let (mut c, mut x, mut seen) = (0u64, 0u64, 0u64);
            for _ in 0..100.min(citizens - made_citizens) {
                let code = synthetic_code(n);
                n += 1;
                let id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO citizen (identity_code, first_name, last_name, password_hash, created_at) \
                     VALUES ($1, 'Testi', $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id",
                )
                .bind(&code)
                .bind(format!("Henkilö {n}"))
                .bind(&password_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(id) = id else {
                    seen += 1;
                    continue;
                };
                // Visits told by the demo's stories until the citizen has
                // `entries_per_citizen` entries (the last one cut short).
                let body = app::demo::Body::of(&code);
                let mut planned = vec![];
                let (mut left, mut e) = (entries_per_citizen, 0u64);
                while left > 0 || planned.is_empty() {
                    let (register, unit) = registers[((n + e) % registers.len() as u64) as usize];
                    let on = today - Duration::days((e * 17 % 7000) as i64);
                    let story = app::demo::synthetic_story(register, n + e);
                    let mut entries: Vec<_> = story.lines.iter().map(|l| app::demo::line_entry(*l, body, on)).collect();
                    entries.truncate(left as usize);
                    left -= entries.len() as u64;
                    planned.push((register, unit, on, story.title, entries));
                    e += 1;
                }
                let mut q = sqlx::QueryBuilder::new("INSERT INTO service_event (citizen_id, register_id, unit_id, started_on, title) ");
                q.push_values(&planned, |mut b, (register, unit, on, title, _)| {
                    b.push_bind(id).push_bind(*register).push_bind(*unit).push_bind(*on).push_bind(*title);
                });
                q.push(" RETURNING id");
                let event_ids: Vec<i64> = q.build_query_scalar().fetch_all(&mut *tx).await?;
                let entry_rows: Vec<(i64, &app::demo::DemoEntry)> = event_ids
                    .iter()
                    .zip(&planned)
                    .flat_map(|(event_id, (.., entries))| entries.iter().map(move |x| (*event_id, x)))
                    .collect();
                if !entry_rows.is_empty() {
                    let mut q = sqlx::QueryBuilder::new("INSERT INTO entry (service_event_id, citizen_id, kind, recorded_on, text) ");
                    q.push_values(&entry_rows, |mut b, (event_id, x)| {
                        b.push_bind(*event_id).push_bind(id).push_bind(x.kind).push_bind(x.recorded_on).push_bind(&x.text);
                    });
                    q.build().execute(&mut *tx).await?;
                }
                x += entry_rows.len() as u64;
                // What grows with every citizen besides the records: the
                // notice confirmed, a consent (social welfare: the stress
                // driver gives and withdraws the healthcare one), a login and
                // its audit row, a prescription dispensed once, a disclosure, a
                // weight recorded at home;
                // so that a plan over any of these tables meets a population's
                // numbers.
                let ago = |days: i64| now - Duration::days(days + (n % 300) as i64);
                sqlx::query(
                    "INSERT INTO notice_confirmation (citizen_id, version, channel, confirmed_at) VALUES ($1, '2023-11', 'online', $2)",
                )
                .bind(id).bind(ago(30)).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO declaration (citizen_id, made_at, actor, event, sector) VALUES ($1, $2, 'citizen', 'consent_given', 'social_welfare')",
                )
                .bind(id).bind(ago(20)).execute(&mut *tx).await?;
                sqlx::query("INSERT INTO citizen_login (citizen_id, logged_in_at) VALUES ($1, $2)")
                    .bind(id).bind(ago(10)).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO audit_event (at, kind, citizen_id, identity_code, client_address) VALUES ($1, 'login', $2, $3, '127.0.0.1')",
                )
                .bind(ago(10)).bind(id).bind(&code).execute(&mut *tx).await?;
                let (register, unit) = registers[(n % registers.len() as u64) as usize];
                let provider = register.split('/').next().unwrap_or(register);
                let statin = app::demo::synthetic_medicine();
                let prescribed = today - Duration::days(100);
                let rx: i64 = sqlx::query_scalar(
                    "INSERT INTO prescription (citizen_id, prescriber_provider_id, prescriber_unit_id, medicine, strength, dosage, \
                     prescribed_on, valid_until, amount, amount_unit, pharmaceutical_form, atc_code, purpose) \
                     VALUES ($1, $2, $3, $4, $5, '1 tabletti illalla', $6, $7, 100, $8, $9, $10, $11) RETURNING id",
                )
                .bind(id).bind(provider).bind(unit).bind(statin.name).bind(statin.strength).bind(prescribed)
                .bind(app::demo::valid_until(statin.class, prescribed)).bind(statin.package_unit).bind(statin.form).bind(statin.atc).bind(statin.purpose)
                .fetch_one(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO dispensing (prescription_id, pharmacy_id, dispensed_on, amount) VALUES ($1, 'apteekki-kauppatori', $2, 100)",
                )
                .bind(rx).bind(today - Duration::days(99)).execute(&mut *tx).await?;
                sqlx::query(
                    "INSERT INTO professional_viewing (citizen_id, provider_id, unit_id, viewed_at, what, purpose, basis) \
                     VALUES ($1, 'hus', 'hus-meilahti', $2, 'Vastaanottokäynti: käyntiyhteenveto', 'treatment', 'consent')",
                )
                .bind(id).bind(ago(5)).execute(&mut *tx).await?;
                // A weight the citizen recorded at home (wellbeing data), 60–95 kg.
                sqlx::query(
                    "INSERT INTO wellbeing_measurement (citizen_id, kind, measured_at, tenths, recorded_at) VALUES ($1, 'weight', $2, $3, $2)",
                )
                .bind(id).bind(ago(3)).bind(600 + (n * 37 % 350) as i64).execute(&mut *tx).await?;
                c += 1;
            }
            tx.commit().await?;
            Ok((c, x, seen))
        }.await);
        let (c, x, seen) = made.map_err(fail)?;
        made_citizens += c;
        made_entries += x;
        skipped_in_a_row = if c == 0 { skipped_in_a_row + seen } else { 0 };
        if skipped_in_a_row > 1_000_000 {
            return Err("generation failed: no free synthetic identity codes left".into());
        }
    }
    // Fresh statistics, so the planner sees the new sizes at once.
    crate::db::analyze(db).await.map_err(fail)?;
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
        let pool = crate::testing::memory_or_postgres().await;
        assert_eq!(generate(&pool, 30, 12, false).await.unwrap(), (30, 360));
        let registers: i64 = app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(DISTINCT register_id) FROM service_event").fetch_one(db).await).unwrap();
        assert!(registers >= 6, "{registers}");
        let entries: i64 =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM entry").fetch_one(db).await).unwrap();
        assert_eq!(entries, 360);
    }
}
