//! The portal's SQL for each database backend, compiled once per backend.
//!
//! **The contract of the per-backend include.** `mod sqlite` and
//! `mod postgres` each define `DB` (the `sqlx::Database`) and `begin_write`
//! (how a declaration's transaction serialises writers of one citizen, the
//! one difference between the backends), then include the same files
//! (`statements!`): `prelude.rs` (every import, the pool types and the
//! helpers the others share), then `citizens.rs`, `acting.rs`, `records.rs`,
//! `prescriptions.rs`, `renewals.rs`, `laboratory.rs`, `vaccinations.rs` and
//! `declarations.rs` (the statements, no imports of their own). So nothing
//! is generic over `sqlx::Database` and the compiler type-checks every
//! function against both backends' types. It does not check the SQL text:
//! the statements are portable SQL (`$n` parameters, no backend-only
//! functions), and the Rust tests run every one of them on SQLite and on
//! PostgreSQL. The files import the domain and `server::rows` only; callers
//! reach them through `Db`'s methods (`server/db.rs`), which list the whole
//! database API in one place.

/// The statement files, in the order each backend includes them.
macro_rules! statements {
    () => {
        include!("prelude.rs");
        include!("citizens.rs");
        include!("acting.rs");
        include!("records.rs");
        include!("prescriptions.rs");
        include!("renewals.rs");
        include!("laboratory.rs");
        include!("vaccinations.rs");
        include!("declarations.rs");
    };
}

/// SQLite: the embedded default.
pub mod sqlite {
    pub type DB = sqlx::Sqlite;

    /// `BEGIN IMMEDIATE`: the write lock is taken before the read, so two
    /// tabs declaring at once are serialised instead of one failing when its
    /// read lock cannot be upgraded.
    async fn begin_write(
        pool: &sqlx::Pool<DB>,
        _citizen: crate::server::rows::CitizenId,
    ) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
        pool.begin_with("BEGIN IMMEDIATE").await
    }

    statements!();
}

/// PostgreSQL: many app instances on one database.
pub mod postgres {
    pub type DB = sqlx::Postgres;

    /// A transaction-level advisory lock per citizen: declarations of one
    /// citizen (from any tab or any instance) are serialised; other citizens
    /// are not held up. Not a row lock (`FOR UPDATE`): that needs the UPDATE
    /// privilege, which the role the server runs as does not have (docs/operations.md,
    /// "Running as a role that owns nothing"). The key is the citizen's id in
    /// a namespace of its own ("KANT" in the high 32 bits), far from sqlx's
    /// migration lock.
    async fn begin_write(
        pool: &sqlx::Pool<DB>,
        citizen: crate::server::rows::CitizenId,
    ) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
        const NAMESPACE: i64 = 0x4B41_4E54 << 32;
        let mut tx = pool.begin().await?;
        sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(NAMESPACE ^ citizen.0).execute(&mut *tx).await?;
        Ok(tx)
    }

    statements!();
}
