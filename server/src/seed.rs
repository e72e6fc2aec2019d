//! The demo people of DOMAIN.md §9. Deterministic (fixed ids of the notice
//! events, dates and names) and idempotent: a person who exists is left alone.

use app::server::Db;

pub const DEMO_PASSWORD: &str = "kanta-demo";

enum Notice {
    Never,
    Online(&'static str, (i32, u32, u32, u32, u32)),
    InPerson(&'static str, &'static str, (i32, u32, u32, u32, u32)),
}

struct DemoPerson {
    code: &'static str,
    first: &'static str,
    last: &'static str,
    can_log_in: bool,
    notice: Notice,
}

const PEOPLE: &[DemoPerson] = &[
    DemoPerson { code: "120385-9026", first: "Aino", last: "Virtanen", can_log_in: true, notice: Notice::Never },
    DemoPerson {
        code: "040762-913N",
        first: "Matti",
        last: "Korhonen",
        can_log_in: true,
        notice: Notice::Online("2023-11", (2023, 12, 4, 9, 12)),
    },
    DemoPerson {
        code: "231190-924R",
        first: "Liisa",
        last: "Nieminen",
        can_log_in: true,
        notice: Notice::Online("2022-11", (2023, 1, 16, 17, 40)),
    },
    DemoPerson {
        code: "300178-935E",
        first: "Juhani",
        last: "Mäkinen",
        can_log_in: true,
        notice: Notice::InPerson("2023-11", "pohjois-pohjanmaa", (2024, 2, 20, 8, 30)),
    },
    DemoPerson {
        code: "150571-946J",
        first: "Elina",
        last: "Hämäläinen",
        can_log_in: true,
        notice: Notice::Online("2023-11", (2024, 1, 10, 19, 5)),
    },
    DemoPerson {
        code: "080988-9570",
        first: "Oskari",
        last: "Laine",
        can_log_in: true,
        notice: Notice::Online("2023-11", (2024, 3, 2, 11, 0)),
    },
    DemoPerson {
        code: "271055-988J",
        first: "Helmi",
        last: "Koskinen",
        can_log_in: true,
        notice: Notice::Online("2023-11", (2023, 12, 1, 13, 45)),
    },
    DemoPerson {
        code: "140282-9725",
        first: "Anna",
        last: "Koskinen",
        can_log_in: true,
        notice: Notice::Online("2023-11", (2024, 4, 8, 18, 20)),
    },
    // Oskari's children: they do not log in; their guardian acts for them.
    DemoPerson { code: "190218A967P", first: "Eetu", last: "Laine", can_log_in: false, notice: Notice::Never },
    DemoPerson { code: "020610A9788", first: "Sofia", last: "Laine", can_log_in: false, notice: Notice::Never },
];

/// Creates the demo people that are missing, with their records,
/// prescriptions, declarations and viewings. Returns how many were created.
pub async fn seed_demo_people(db: &Db) -> Result<usize, String> {
    let created = match db {
        Db::Sqlite(pool) => sqlite::seed_demo_people(pool).await,
        Db::Postgres(pool) => postgres::seed_demo_people(pool).await,
    }?;
    if created > 0 {
        crate::db::analyze(db).await.map_err(|e| format!("cannot update the planner's statistics: {e}"))?;
    }
    Ok(created)
}

pub async fn seed_registers_and_units(db: &Db) -> Result<(), sqlx::Error> {
    match db {
        Db::Sqlite(pool) => sqlite::seed_registers_and_units(pool).await,
        Db::Postgres(pool) => postgres::seed_registers_and_units(pool).await,
    }
}

// The rows of the demo people (`seed/rows.rs`), compiled once per backend.
#[allow(clippy::duplicate_mod)]
mod postgres;
#[allow(clippy::duplicate_mod)]
mod sqlite;

/// The people who can log in, for the start-up banner.
pub fn demo_logins() -> impl Iterator<Item = (String, &'static str)> {
    PEOPLE.iter().filter(|p| p.can_log_in).map(|p| (format!("{} {}", p.first, p.last), p.code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[tokio::test]
    async fn seeding_twice_creates_the_people_once() {
        let pool = crate::testing::memory_or_postgres().await;
        assert_eq!(seed_demo_people(&pool).await.unwrap(), PEOPLE.len());
        assert_eq!(seed_demo_people(&pool).await.unwrap(), 0);
        let people: i64 =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM citizen").fetch_one(db).await)
                .unwrap();
        let confirmations: i64 =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM notice_confirmation").fetch_one(db).await).unwrap();
        assert_eq!(people, 10);
        assert_eq!(confirmations, 7);
    }

    #[tokio::test]
    async fn seeding_leaves_the_planner_statistics_and_on_sqlite_no_samples() {
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        match &pool {
            Db::Sqlite(p) => {
                let tables: Vec<String> =
                    sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%' ORDER BY name")
                        .fetch_all(p)
                        .await
                        .unwrap();
                assert_eq!(tables, ["sqlite_stat1"]);
                let averages: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'entry'")
                    .fetch_one(p)
                    .await
                    .unwrap();
                assert!(averages >= 3, "{averages}");
            }
            Db::Postgres(p) => {
                let columns: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_stats WHERE tablename = 'entry'")
                    .fetch_one(p)
                    .await
                    .unwrap();
                assert!(columns > 0);
            }
        }
    }

    /// A records page's register counts: (register, entries, events) and the
    /// page's totals. `counted`: with a filter that matches every entry but
    /// makes the database count them one by one.
    async fn register_counts(
        pool: &Db,
        citizen: i64,
        section: app::domain::listing::RecordSection,
        counted: bool,
    ) -> (Vec<(String, i64, i64)>, i64, i64) {
        use app::domain::listing::{RecordFilter, Visibility};
        let filter = RecordFilter {
            from: counted.then(|| chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap()),
            ..RecordFilter::default()
        };
        let citizen = app::server::CitizenId(citizen);
        let page =
            pool.record_page(citizen, section, &filter, Visibility::EVERYTHING, app::i18n::Locale::En).await.unwrap();
        let registers = page.registers.iter().map(|r| (r.id.0.clone(), r.entries, r.events)).collect();
        (registers, page.matching_entries, page.matching_events)
    }

    /// An unfiltered page sums the entry counts the database keeps on each
    /// service event; a filtered one counts the entries (migration 0016).
    /// They agree for everyone, and the kept counts follow an entry that is
    /// added, moved to another service event and deleted.
    #[tokio::test]
    async fn the_kept_entry_counts_agree_with_counting_the_entries() {
        use app::domain::listing::RecordSection;
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        let agree = |citizen: i64| {
            let pool = pool.clone();
            async move {
                let mut totals = 0;
                for section in [RecordSection::Health, RecordSection::SocialWelfare] {
                    let kept = register_counts(&pool, citizen, section, false).await;
                    assert_eq!(kept, register_counts(&pool, citizen, section, true).await, "{citizen} {section:?}");
                    totals += kept.1;
                }
                totals
            }
        };
        let citizens: Vec<i64> =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT id FROM citizen ORDER BY id").fetch_all(db).await)
                .unwrap();
        for &c in &citizens {
            agree(c).await;
        }
        let helmi: i64 = app::with_pool!(&pool, db => sqlx::query_scalar(
            "SELECT id FROM citizen WHERE identity_code = '271055-988J'").fetch_one(db).await)
        .unwrap();
        let events: Vec<i64> = app::with_pool!(&pool, db => sqlx::query_scalar(
            "SELECT id FROM service_event WHERE citizen_id = $1 ORDER BY id LIMIT 2").bind(helmi).fetch_all(db).await)
        .unwrap();
        let before = agree(helmi).await;
        let change = |sql: &'static str, binds: Vec<i64>| {
            let pool = pool.clone();
            async move {
                app::with_pool!(&pool, db => {
                    let mut q = sqlx::query(sql);
                    for b in binds {
                        q = q.bind(b);
                    }
                    q.execute(db).await.map(|_| ())
                })
                .unwrap();
            }
        };
        change(
            "INSERT INTO entry (service_event_id, citizen_id, kind, recorded_on, text) \
             VALUES ($1, $2, 'visit_summary', '2026-01-02', 'Kontrolli.')",
            vec![events[0], helmi],
        )
        .await;
        assert_eq!(agree(helmi).await, before + 1);
        change(
            "UPDATE entry SET service_event_id = $1 WHERE text = 'Kontrolli.' AND citizen_id = $2",
            vec![events[1], helmi],
        )
        .await;
        assert_eq!(agree(helmi).await, before + 1);
        change("DELETE FROM entry WHERE text = 'Kontrolli.' AND citizen_id = $1", vec![helmi]).await;
        assert_eq!(agree(helmi).await, before);
    }

    async fn counts(pool: &Db) -> Vec<i64> {
        let mut out = Vec::new();
        for table in [
            "citizen",
            "service_event",
            "entry",
            "prescription",
            "dispensing",
            "declaration",
            "professional_viewing",
            "guardianship",
            "authorisation",
            "register",
            "unit",
            "notice_confirmation",
        ] {
            let sql = format!("SELECT COUNT(*) FROM {table}");
            out.push(app::with_pool!(pool, db => sqlx::query_scalar(&sql).fetch_one(db).await).unwrap());
        }
        out
    }

    #[tokio::test]
    async fn seeding_twice_gives_the_same_row_counts() {
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        let first = counts(&pool).await;
        seed_demo_people(&pool).await.unwrap();
        assert_eq!(counts(&pool).await, first);
    }

    #[tokio::test]
    async fn the_seeded_people_match_their_rows_in_the_demo_table() {
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        let scalar = |sql: &'static str, code: &'static str| {
            let pool = pool.clone();
            async move {
                app::with_pool!(&pool, db => sqlx::query_scalar::<_, i64>(sql).bind(code).fetch_one(db).await).unwrap()
            }
        };
        // Helmi: at least 2,000 entries in at least 6 registers, at least 40 prescriptions.
        let helmi = "271055-988J";
        assert!(
            scalar(
                "SELECT COUNT(*) FROM entry x JOIN citizen c ON c.id = x.citizen_id WHERE c.identity_code = $1",
                helmi
            )
            .await
                >= 2000
        );
        assert!(scalar("SELECT COUNT(DISTINCT e.register_id) FROM service_event e JOIN citizen c ON c.id = e.citizen_id WHERE c.identity_code = $1", helmi).await >= 6);
        assert!(
            scalar(
                "SELECT COUNT(*) FROM prescription p JOIN citizen c ON c.id = p.citizen_id WHERE c.identity_code = $1",
                helmi
            )
            .await
                >= 40
        );
        // Matti: Pirkanmaa, Varsinais-Suomi and a private register.
        let matti_providers: Vec<String> = app::with_pool!(&pool, db => sqlx::query_scalar(
            "SELECT DISTINCT r.provider_id FROM service_event e JOIN register r ON r.id = e.register_id \
             JOIN citizen c ON c.id = e.citizen_id WHERE c.identity_code = $1 ORDER BY 1")
            .bind("040762-913N").fetch_all(db).await)
        .unwrap();
        assert_eq!(matti_providers, ["lahiklinikka", "pirkanmaa", "varsinais-suomi"]);
        // Liisa: two denials and a consent; Juhani: a comprehensive denial allowing emergencies, set in person.
        assert_eq!(scalar("SELECT COUNT(*) FROM declaration d JOIN citizen c ON c.id = d.citizen_id WHERE c.identity_code = $1 AND d.event = 'denial_set'", "231190-924R").await, 2);
        assert_eq!(scalar("SELECT COUNT(*) FROM declaration d JOIN citizen c ON c.id = d.citizen_id WHERE c.identity_code = $1 AND d.denial_scope = 'comprehensive' AND d.allow_in_emergency AND d.actor = 'professional'", "300178-935E").await, 1);
        // Elina: a Uusimaa denial and professionals' viewings. Oskari: two children.
        assert_eq!(scalar("SELECT COUNT(*) FROM declaration d JOIN citizen c ON c.id = d.citizen_id WHERE c.identity_code = $1 AND d.denial_scope = 'uusimaa'", "150571-946J").await, 1);
        assert!(scalar("SELECT COUNT(*) FROM professional_viewing v JOIN citizen c ON c.id = v.citizen_id WHERE c.identity_code = $1", "150571-946J").await >= 2);
        assert_eq!(
            scalar(
                "SELECT COUNT(*) FROM guardianship g JOIN citizen c ON c.id = g.guardian_id WHERE c.identity_code = $1",
                "080988-9570"
            )
            .await,
            2
        );
        // Aino: no consent.
        assert_eq!(
            scalar(
                "SELECT COUNT(*) FROM declaration d JOIN citizen c ON c.id = d.citizen_id WHERE c.identity_code = $1",
                "120385-9026"
            )
            .await,
            0
        );
    }

    #[tokio::test]
    async fn the_records_read_back_as_domain_values() {
        use app::domain::records::PrescriptionState;
        use app::server::CitizenId;
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        let id = |code: &'static str| {
            let pool = pool.clone();
            async move {
                CitizenId(app::with_pool!(&pool, db => sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1").bind(code).fetch_one(db).await).unwrap())
            }
        };
        let matti = id("040762-913N").await;
        let events = pool.load_service_events(matti).await.unwrap();
        assert_eq!(events.len(), 7);
        assert!(events.windows(2).all(|w| w[0].started_on >= w[1].started_on), "newest first");
        assert!(events.iter().any(|e| e.unit.name == "Tyks T-sairaala, sisätautien poliklinikka"
            && e.register.provider.0 == "varsinais-suomi"));
        let entries = pool.load_entries(matti).await.unwrap();
        assert_eq!(entries.len(), 3 + 2 + 2 + 3 + 5 + 5 + 3);
        assert!(entries.iter().all(|x| events.iter().any(|e| e.id == x.service_event)));
        let today = app::domain::time::helsinki_today(Utc::now());
        let rx = pool.load_prescriptions(matti).await.unwrap();
        assert_eq!(rx.len(), 6);
        assert_eq!(rx.iter().filter(|p| p.state(today) == PrescriptionState::Valid).count(), 4);
        let narcotics: Vec<&str> = rx
            .iter()
            .filter(|p| p.class == app::domain::renewal::MedicineClass::Narcotic)
            .map(|p| p.medicine.as_str())
            .collect();
        assert_eq!(narcotics, ["Oksikodoni"]);
        assert_eq!(rx.iter().filter(|p| p.state(today) == PrescriptionState::Expired).count(), 2);
        let metformin = rx.iter().find(|p| p.medicine == "Metformiini").unwrap();
        assert_eq!((metformin.dispensings.len(), metformin.amount_left()), (2, 0));
        let ramipril = rx.iter().find(|p| p.medicine == "Ramipriili").unwrap();
        assert_eq!(ramipril.amount_left(), 70);
        // Helmi: her whole history in a bounded number of queries.
        let helmi = id("271055-988J").await;
        assert!(pool.load_entries(helmi).await.unwrap().len() >= 2000);
        assert!(pool.load_prescriptions(helmi).await.unwrap().len() >= 40);
    }

    #[tokio::test]
    async fn declarations_that_make_no_sense_are_refused_and_write_nothing() {
        use app::domain::declarations::*;
        use app::domain::validity::DeclarationError;
        use app::server::CitizenId;
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        let id = |code: &'static str| {
            let pool = pool.clone();
            async move {
                CitizenId(app::with_pool!(&pool, db => sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1").bind(code).fetch_one(db).await).unwrap())
            }
        };
        let (liisa, matti) = (id("231190-924R").await, id("040762-913N").await);
        let mattis_event: i64 = app::with_pool!(&pool, db => sqlx::query_scalar("SELECT MIN(id) FROM service_event WHERE citizen_id = $1").bind(matti.0).fetch_one(db).await).unwrap();
        let now = Utc::now();
        let opens = Utc.with_ymd_and_hms(2027, 3, 1, 0, 0, 0).unwrap();
        let before: i64 =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM declaration").fetch_one(db).await)
                .unwrap();
        let refused = |r: Result<Result<DeclarationId, DeclarationError>, sqlx::Error>| match r {
            Ok(Err(e)) => e,
            other => panic!("expected a refusal, got {other:?}"),
        };
        let deny_other = DeclarationEvent::DenialSet {
            scope: DenialScope::ServiceEvent(ServiceEventId(mattis_event)),
            allow_in_emergency: false,
        };
        assert_eq!(
            refused(pool.record_declaration(liisa, &Actor::Citizen, &deny_other, now, opens, None).await),
            DeclarationError::NotTheCitizensData
        );
        let cancel_unknown = DeclarationEvent::DenialCancelled { denial: DeclarationId(999_999) };
        assert_eq!(
            refused(pool.record_declaration(liisa, &Actor::Citizen, &cancel_unknown, now, opens, None).await),
            DeclarationError::NoDenialToCancel
        );
        let withdraw = DeclarationEvent::ConsentWithdrawn(Sector::SocialWelfare);
        assert_eq!(
            refused(pool.record_declaration(liisa, &Actor::Citizen, &withdraw, now, opens, None).await),
            DeclarationError::NoConsentToWithdraw
        );
        let cross = DeclarationEvent::CrossSectorConsentGiven(CrossSector::HealthcareToSocialWelfare);
        assert_eq!(
            refused(
                pool.record_declaration(liisa, &Actor::Citizen, &cross, opens - chrono::Duration::days(1), opens, None)
                    .await
            ),
            DeclarationError::CrossSectorNotOpenYet
        );
        let after: i64 =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM declaration").fetch_one(db).await)
                .unwrap();
        assert_eq!(after, before, "nothing written");

        // A sensible one is written once, even when submitted twice with the same key.
        let give = DeclarationEvent::ConsentGiven(Sector::SocialWelfare);
        let a =
            pool.record_declaration(liisa, &Actor::Citizen, &give, now, opens, Some("form-1")).await.unwrap().unwrap();
        let b =
            pool.record_declaration(liisa, &Actor::Citizen, &give, now, opens, Some("form-1")).await.unwrap().unwrap();
        assert_eq!(a, b);
        let after: i64 =
            app::with_pool!(&pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM declaration").fetch_one(db).await)
                .unwrap();
        assert_eq!(after, before + 1);
        // Cancelling a cancelled denial is refused too.
        let liisas_denial: i64 = app::with_pool!(&pool, db => sqlx::query_scalar("SELECT MIN(id) FROM declaration WHERE citizen_id = $1 AND event = 'denial_set'").bind(liisa.0).fetch_one(db).await).unwrap();
        let cancel = DeclarationEvent::DenialCancelled { denial: DeclarationId(liisas_denial) };
        pool.record_declaration(liisa, &Actor::Citizen, &cancel, now, opens, None).await.unwrap().unwrap();
        assert_eq!(
            refused(
                pool.record_declaration(
                    liisa,
                    &Actor::Citizen,
                    &cancel,
                    now + chrono::Duration::seconds(1),
                    opens,
                    None
                )
                .await
            ),
            DeclarationError::NoDenialToCancel
        );
        // And nothing can be changed in place.
        assert!(app::with_pool!(&pool, db => sqlx::query("UPDATE declaration SET event = 'consent_given'").execute(db).await.map(|_| ())).is_err());
        assert!(
            app::with_pool!(&pool, db => sqlx::query("DELETE FROM declaration").execute(db).await.map(|_| ())).is_err()
        );
    }

    #[tokio::test]
    async fn the_notice_states_match_the_demo_table() {
        use app::server::CitizenId;
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        let id = |code: &'static str| {
            let pool = pool.clone();
            async move {
                CitizenId(app::with_pool!(&pool, db => sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1").bind(code).fetch_one(db).await).unwrap())
            }
        };
        let due = |c| {
            let pool = pool.clone();
            async move {
                pool.notice_due_for(c, app::domain::time::helsinki_today(Utc::now()))
                    .await
                    .unwrap()
                    .map(|v| v.to_string())
            }
        };
        assert_eq!(due(id("120385-9026").await).await.as_deref(), Some("2023-11"), "Aino never confirmed");
        assert_eq!(due(id("040762-913N").await).await, None, "Matti confirmed 2023-11");
        assert_eq!(due(id("231190-924R").await).await.as_deref(), Some("2023-11"), "Liisa confirmed only 2022-11");
        assert_eq!(due(id("300178-935E").await).await, None, "Juhani: recorded in person");
    }

    #[tokio::test]
    async fn confirmations_cannot_be_changed_or_deleted() {
        let pool = crate::testing::memory_or_postgres().await;
        seed_demo_people(&pool).await.unwrap();
        assert!(app::with_pool!(&pool, db => sqlx::query("UPDATE notice_confirmation SET version = '2022-11'").execute(db).await.map(|_| ())).is_err());
        assert!(
            app::with_pool!(&pool, db => sqlx::query("DELETE FROM notice_confirmation").execute(db).await.map(|_| ()))
                .is_err()
        );
    }
}
