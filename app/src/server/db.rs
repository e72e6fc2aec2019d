//! The database handle: SQLite (the embedded default) or PostgreSQL, chosen
//! by the database URL at start. Everything else takes a `&Db`.

use std::time::Duration;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs the same body with the backend's pool bound to `$pool`; the body is
/// type-checked once per backend (`sqlx` infers the database from the pool).
#[macro_export]
macro_rules! with_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::server::db::Db::Sqlite($pool) => $body,
            $crate::server::db::Db::Postgres($pool) => $body,
        }
    };
}

/// Calls the same-named function of `server::sql::sqlite` or
/// `server::sql::postgres` with the backend's pool first.
macro_rules! dispatch {
    ($db:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match $db {
            $crate::server::db::Db::Sqlite(pool) => $crate::server::sql::sqlite::$f(pool, $($arg),*).await,
            $crate::server::db::Db::Postgres(pool) => $crate::server::sql::postgres::$f(pool, $($arg),*).await,
        }
    };
}
pub(crate) use dispatch;

impl Db {
    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    pub async fn close(&self) {
        with_pool!(self, p => p.close().await)
    }

    /// Whether the database answers now (a trivial query, at most `within`).
    pub async fn is_reachable(&self, within: Duration) -> bool {
        let ping = async { with_pool!(self, p => sqlx::query("SELECT 1").execute(p).await.map(|_| ())) };
        matches!(tokio::time::timeout(within, ping).await, Ok(Ok(())))
    }
}
