//! The database: SQLite (the default; the file and its folder are created
//! if needed) or PostgreSQL, chosen by the URL; connect and migrate.

use std::str::FromStr;
use std::time::Duration;

use app::server::Db;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// How long a request waits for a connection before it is told the
/// database is away (503): short, so an outage answers at once.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// Connects to the database URL; every failure is one readable line.
pub async fn connect(url: &str) -> Result<Db, String> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        return connect_postgres(url).await;
    }
    if !url.starts_with("sqlite:") {
        return Err(format!(
            "the database URL {:?} is neither sqlite://… nor postgres://…",
            redact(url)
        ));
    }
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|e| format!("the database URL {url:?} is malformed: {e}"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    if let Some(dir) = options.get_filename().parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create the data directory {}: {e}", dir.display()))?;
        }
    }
    // An in-memory database lives in one connection (tests).
    let max = if url.contains(":memory:") { 1 } else { 8 };
    SqlitePoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options)
        .await
        .map(Db::Sqlite)
        .map_err(|e| format!("cannot open the database {url:?}: {e}"))
}

async fn connect_postgres(url: &str) -> Result<Db, String> {
    let shown = redact(url);
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| format!("the database URL {shown:?} is malformed: {e}"))?
        .application_name("kanta-portal");
    // One direct connection first: its error says what is wrong (refused,
    // unknown host, authentication), where the pool would only time out.
    let probe = sqlx::ConnectOptions::connect(&options)
        .await
        .map_err(|e| format!("cannot connect to the database {shown:?}: {e}"))?;
    let _ = sqlx::Connection::close(probe).await;
    let max = std::env::var("KANTA_DB_MAX_CONNECTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    PgPoolOptions::new()
        .max_connections(max)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        // A connection that died with the server is noticed and replaced.
        .test_before_acquire(true)
        .connect_with(options)
        .await
        .map(Db::Postgres)
        .map_err(|e| format!("cannot connect to the database {shown:?}: {e}"))
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

pub async fn migrate(db: &Db) -> Result<(), String> {
    let result = match db {
        Db::Sqlite(pool) => sqlx::migrate!("../migrations/sqlite").run(pool).await,
        Db::Postgres(pool) => sqlx::migrate!("../migrations/postgres").run(pool).await,
    };
    result.map_err(|e| format!("database migration failed: {e}"))
}

/// A fresh, migrated database for one test: a new PostgreSQL database on
/// the server of `KANTA_TEST_DATABASE_URL` when that is a postgres:// URL
/// (the test command runs the suite once that way), else SQLite in memory.
#[cfg(test)]
pub async fn test_db() -> Db {
    let url = match std::env::var("KANTA_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) {
        Some(admin_url) => with_database(&admin_url, &test_database(&admin_url).await),
        None => "sqlite::memory:".to_string(),
    };
    let db = connect(&url).await.expect("connect to the test database");
    migrate(&db).await.expect("migrate the test database");
    db
}

/// A database for tests that serve HTTP (several connections, and a second
/// instance can connect to it by the URL returned): a SQLite file in `dir`,
/// or a new PostgreSQL database as in `test_db`.
#[cfg(test)]
pub async fn test_db_in(dir: &std::path::Path) -> (Db, String) {
    let url = match std::env::var("KANTA_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) {
        Some(admin_url) => with_database(&admin_url, &test_database(&admin_url).await),
        None => format!("sqlite://{}/portal.db", dir.display()),
    };
    let db = connect(&url).await.expect("open the test database");
    migrate(&db).await.expect("migrate the test database");
    (db, url)
}

#[cfg(test)]
async fn test_database(admin_url: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let name = format!("kanta_test_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed));
    let admin = PgPoolOptions::new().max_connections(1).connect(admin_url).await.expect("connect to PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("create the test database");
    admin.close().await;
    name
}

/// The same server URL with another database name.
#[cfg(test)]
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_their_password() {
        assert_eq!(redact("postgres://kanta:s3cret@db:5432/kanta"), "postgres://kanta:***@db:5432/kanta");
        assert_eq!(redact("postgres://kanta@db/kanta"), "postgres://kanta@db/kanta");
        assert_eq!(redact("sqlite://data/kanta.sqlite"), "sqlite://data/kanta.sqlite");
    }

    #[test]
    fn another_database_on_the_same_server() {
        assert_eq!(with_database("postgres://u@h:5/postgres", "t1"), "postgres://u@h:5/t1");
        assert_eq!(with_database("postgres://u@h:5", "t1"), "postgres://u@h:5/t1");
        assert_eq!(with_database("postgres://u@h:5/x?sslmode=disable", "t1"), "postgres://u@h:5/t1?sslmode=disable");
    }

    #[tokio::test]
    async fn bad_urls_are_one_clear_line() {
        let e = connect("mysql://x/y").await.unwrap_err();
        assert!(e.contains("neither sqlite"), "{e}");
        let e = connect("postgres://u:pw@127.0.0.1:notaport/db").await.unwrap_err();
        assert!(e.contains("malformed") && !e.contains("pw"), "{e}");
        // Nothing listens on port 1.
        let e = connect("postgres://u:pw@127.0.0.1:1/db").await.unwrap_err();
        assert!(e.contains("cannot connect") && !e.contains(":pw@") && !e.contains('\n'), "{e}");
    }
}
