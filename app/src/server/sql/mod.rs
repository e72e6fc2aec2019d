//! The portal's SQL for each database backend. `body.rs` holds every
//! statement once; it is compiled twice, with concrete types for SQLite and
//! for PostgreSQL, so nothing is generic over `sqlx::Database` and both
//! backends are type-checked by the compiler. The one difference is how a
//! declaration's transaction serialises writers of the same citizen.

/// SQLite: the embedded default.
pub mod sqlite {
    pub type DB = sqlx::Sqlite;

    /// `BEGIN IMMEDIATE`: the write lock is taken before the read, so two
    /// tabs declaring at once are serialised instead of one failing when its
    /// read lock cannot be upgraded.
    async fn begin_write(
        pool: &sqlx::Pool<DB>,
        _citizen: crate::server::CitizenId,
    ) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
        pool.begin_with("BEGIN IMMEDIATE").await
    }

    include!("body.rs");
}

/// PostgreSQL: many app instances on one database.
pub mod postgres {
    pub type DB = sqlx::Postgres;

    /// A transaction-level advisory lock per citizen: declarations of one
    /// citizen (from any tab or any instance) are serialised; other citizens
    /// are not held up. Not a row lock (`FOR UPDATE`): that needs the UPDATE
    /// privilege, which the role the server runs as does not have (README,
    /// "Running as a role that owns nothing"). The key is the citizen's id in
    /// a namespace of its own ("KANT" in the high 32 bits), far from sqlx's
    /// migration lock.
    async fn begin_write(
        pool: &sqlx::Pool<DB>,
        citizen: crate::server::CitizenId,
    ) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
        const NAMESPACE: i64 = 0x4B41_4E54 << 32;
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(NAMESPACE ^ citizen.0).execute(&mut *tx).await?;
        Ok(tx)
    }

    include!("body.rs");
}
