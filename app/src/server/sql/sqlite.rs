//! SQLite: the embedded default. Every statement module, compiled with
//! SQLite's types (the contract is in `sql/mod.rs`).

pub type DB = sqlx::Sqlite;

/// `BEGIN IMMEDIATE`: the write lock is taken before the read, so two
/// tabs declaring at once are serialised instead of one failing when its
/// read lock cannot be upgraded.
pub(crate) async fn begin_write(
    pool: &sqlx::Pool<DB>,
    _citizen: crate::server::rows::CitizenId,
) -> Result<sqlx::Transaction<'static, DB>, sqlx::Error> {
    pool.begin_with("BEGIN IMMEDIATE").await
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
