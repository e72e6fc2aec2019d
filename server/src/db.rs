//! The database: connect (creating the SQLite file and its folder if
//! needed) and migrate.

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// Connects to the database URL; every failure is one readable line.
pub async fn connect(url: &str) -> Result<SqlitePool, String> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        return Err(format!("{url:?}: PostgreSQL is not supported yet; use a sqlite:// URL"));
    }
    if !url.starts_with("sqlite:") {
        return Err(format!("the database URL {url:?} is not a sqlite:// URL"));
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
        .map_err(|e| format!("cannot open the database {url:?}: {e}"))
}

pub async fn migrate(pool: &SqlitePool) -> Result<(), String> {
    sqlx::migrate!("../migrations/sqlite")
        .run(pool)
        .await
        .map_err(|e| format!("database migration failed: {e}"))
}
