//! The demo people of DOMAIN.md §9. Deterministic (fixed ids of the notice
//! events, dates and names) and idempotent: a person who exists is left alone.

use app::server::password;
use chrono::{TimeZone, Utc};
use sqlx::SqlitePool;

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
    DemoPerson { code: "120385-9015", first: "Aino", last: "Virtanen", can_log_in: true, notice: Notice::Never },
    DemoPerson {
        code: "040762-912M", first: "Matti", last: "Korhonen", can_log_in: true,
        notice: Notice::Online("2023-11", (2023, 12, 4, 9, 12)),
    },
    DemoPerson {
        code: "231190-923P", first: "Liisa", last: "Nieminen", can_log_in: true,
        notice: Notice::Online("2022-11", (2023, 1, 16, 17, 40)),
    },
    DemoPerson {
        code: "300178-934D", first: "Juhani", last: "Mäkinen", can_log_in: true,
        notice: Notice::InPerson("2023-11", "pohjois-pohjanmaa", (2024, 2, 20, 8, 30)),
    },
    DemoPerson {
        code: "150571-945H", first: "Elina", last: "Hämäläinen", can_log_in: true,
        notice: Notice::Online("2023-11", (2024, 1, 10, 19, 5)),
    },
    DemoPerson {
        code: "080988-956Y", first: "Oskari", last: "Laine", can_log_in: true,
        notice: Notice::Online("2023-11", (2024, 3, 2, 11, 0)),
    },
    DemoPerson {
        code: "271055-989K", first: "Helmi", last: "Koskinen", can_log_in: true,
        notice: Notice::Online("2023-11", (2023, 11, 28, 13, 45)),
    },
    // Oskari's children: they do not log in; their guardian acts for them.
    DemoPerson { code: "190218A967P", first: "Eetu", last: "Laine", can_log_in: false, notice: Notice::Never },
    DemoPerson { code: "020610A9788", first: "Sofia", last: "Laine", can_log_in: false, notice: Notice::Never },
];

/// Creates the demo people that are missing. Returns how many were created.
pub async fn seed_demo_people(pool: &SqlitePool) -> Result<usize, String> {
    let db = |e: sqlx::Error| format!("seeding failed: {e}");
    let mut created = 0;
    for person in PEOPLE {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1")
            .bind(person.code)
            .fetch_optional(pool)
            .await
            .map_err(db)?;
        if exists.is_some() {
            continue;
        }
        let hash = if person.can_log_in {
            Some(tokio::task::spawn_blocking(|| password::hash_blocking(DEMO_PASSWORD)).await.map_err(|e| e.to_string())?)
        } else {
            None
        };
        let at = |(y, m, d, h, min): (i32, u32, u32, u32, u32)| Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap();
        let mut tx = pool.begin().await.map_err(db)?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO citizen (identity_code, first_name, last_name, password_hash, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(person.code)
        .bind(person.first)
        .bind(person.last)
        .bind(hash)
        .bind(at((2022, 10, 1, 0, 0)))
        .fetch_one(&mut *tx)
        .await
        .map_err(db)?;
        let confirmation = match &person.notice {
            Notice::Never => None,
            Notice::Online(v, t) => Some((*v, "online", None, at(*t))),
            Notice::InPerson(v, provider, t) => Some((*v, "in_person", Some(*provider), at(*t))),
        };
        if let Some((version, channel, provider, when)) = confirmation {
            sqlx::query(
                "INSERT INTO notice_confirmation (citizen_id, version, channel, provider_id, confirmed_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(version)
            .bind(channel)
            .bind(provider)
            .bind(when)
            .execute(&mut *tx)
            .await
            .map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
        created += 1;
    }
    Ok(created)
}

/// The people who can log in, for the start-up banner.
pub fn demo_logins() -> impl Iterator<Item = (String, &'static str)> {
    PEOPLE.iter().filter(|p| p.can_log_in).map(|p| (format!("{} {}", p.first, p.last), p.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn seeding_twice_creates_the_people_once() {
        let pool = crate::db::connect("sqlite::memory:").await.unwrap();
        crate::db::migrate(&pool).await.unwrap();
        assert_eq!(seed_demo_people(&pool).await.unwrap(), PEOPLE.len());
        assert_eq!(seed_demo_people(&pool).await.unwrap(), 0);
        let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM citizen").fetch_one(&pool).await.unwrap();
        let confirmations: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM notice_confirmation").fetch_one(&pool).await.unwrap();
        assert_eq!(people, 9);
        assert_eq!(confirmations, 6);
    }

    #[tokio::test]
    async fn the_notice_states_match_the_demo_table() {
        use app::server::{repo, CitizenId};
        let pool = crate::db::connect("sqlite::memory:").await.unwrap();
        crate::db::migrate(&pool).await.unwrap();
        seed_demo_people(&pool).await.unwrap();
        let id = |code: &'static str| {
            let pool = pool.clone();
            async move {
                CitizenId(sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1").bind(code).fetch_one(&pool).await.unwrap())
            }
        };
        let due = |c| {
            let pool = pool.clone();
            async move { repo::notice_due_for(&pool, c).await.unwrap().map(|v| v.to_string()) }
        };
        assert_eq!(due(id("120385-9015").await).await.as_deref(), Some("2023-11"), "Aino never confirmed");
        assert_eq!(due(id("040762-912M").await).await, None, "Matti confirmed 2023-11");
        assert_eq!(due(id("231190-923P").await).await.as_deref(), Some("2023-11"), "Liisa confirmed only 2022-11");
        assert_eq!(due(id("300178-934D").await).await, None, "Juhani: recorded in person");
    }

    #[tokio::test]
    async fn confirmations_cannot_be_changed_or_deleted() {
        let pool = crate::db::connect("sqlite::memory:").await.unwrap();
        crate::db::migrate(&pool).await.unwrap();
        seed_demo_people(&pool).await.unwrap();
        assert!(sqlx::query("UPDATE notice_confirmation SET version = '2022-11'").execute(&pool).await.is_err());
        assert!(sqlx::query("DELETE FROM notice_confirmation").execute(&pool).await.is_err());
    }
}
