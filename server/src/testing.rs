//! Fresh, migrated databases for the tests: the unit tests in this crate and
//! the HTTP tests in `server/tests/`. The server itself never calls these;
//! they live in the library (not behind `cfg(test)`) because the HTTP tests
//! link it like any other user.

use sqlx::postgres::PgPoolOptions;

use crate::db::{connect, migrate, with_database};
use app::server::Db;

/// A fresh, migrated database for one test: a new PostgreSQL database on
/// the server of `KANTA_TEST_DATABASE_URL` when that is a postgres:// URL
/// (the test command runs the suite once that way), else SQLite in memory.
pub async fn memory_or_postgres() -> Db {
    fresh("sqlite::memory:".to_string()).await.0
}

/// A database for tests that serve HTTP (several connections, and a second
/// instance can connect to it by the URL returned): a SQLite file in `dir`,
/// or a new PostgreSQL database as in `memory_or_postgres`.
pub async fn file_or_postgres(dir: &std::path::Path) -> (Db, String) {
    fresh(format!("sqlite://{}/portal.db", dir.display())).await
}

async fn fresh(sqlite_url: String) -> (Db, String) {
    let url = match std::env::var("KANTA_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) {
        Some(admin_url) => with_database(&admin_url, &test_database(&admin_url).await),
        None => sqlite_url,
    };
    let db = connect(&url).await.expect("open the test database");
    migrate(&db).await.expect("migrate the test database");
    (db, url)
}

/// A new, empty database on the server of `admin_url`; answers its name.
pub(crate) async fn test_database(admin_url: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!("kanta_test_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    let admin = PgPoolOptions::new().max_connections(1).connect(admin_url).await.expect("connect to PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("create the test database");
    admin.close().await;
    name
}
