//! PostgreSQL: many app instances on one database. Every statement module,
//! compiled with PostgreSQL's types (the contract is in `sql/mod.rs`).

pub type DB = sqlx::Postgres;

/// A transaction-level advisory lock per citizen: declarations of one
/// citizen (from any tab or any instance) are serialised; other citizens
/// are not held up. Not a row lock (`FOR UPDATE`): that needs the UPDATE
/// privilege, which the role the server runs as does not have (docs/operations.md,
/// "Running as a role that owns nothing"). The key is the citizen's id in
/// a namespace of its own ("KANT" in the high 32 bits), far from sqlx's
/// migration lock.
pub(crate) async fn begin_write(
    pool: &sqlx::Pool<DB>,
    citizen: crate::server::rows::CitizenId,
) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
    const NAMESPACE: i64 = 0x4B41_4E54 << 32;
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock($1)").bind(NAMESPACE ^ citizen.0).execute(&mut *tx).await?;
    Ok(tx)
}

// The statement modules (the same list in `postgres.rs` and `sqlite.rs`).
#[path = "prelude.rs"]
mod prelude;

#[path = "acting.rs"]
mod acting;
#[path = "citizens.rs"]
mod citizens;
#[path = "declarations.rs"]
mod declarations;
#[path = "laboratory.rs"]
mod laboratory;
#[path = "prescriptions.rs"]
mod prescriptions;
#[path = "providers.rs"]
mod providers;
#[path = "records.rs"]
mod records;
#[path = "renewals.rs"]
mod renewals;
#[path = "summary.rs"]
mod summary;
#[path = "vaccinations.rs"]
mod vaccinations;
#[path = "wellbeing.rs"]
mod wellbeing;
#[path = "whats_new.rs"]
mod whats_new;

pub use self::{
    acting::*, citizens::*, declarations::*, laboratory::*, prescriptions::*, providers::*, records::*, renewals::*,
    summary::*, vaccinations::*, wellbeing::*, whats_new::*,
};
