//! The portal's SQL for each database backend, compiled once per backend.
//!
//! **The contract.** `sqlite.rs` and `postgres.rs` each define `DB` (the
//! `sqlx::Database`) and `begin_write` (how a declaration's transaction
//! serialises writers of one citizen, the one difference between the
//! backends), then declare the same statement modules by `#[path]` (the same
//! list in each, which rustfmt, clippy and go-to-definition follow):
//! `prelude` (the pool types and the helpers the others share), `citizens`,
//! `acting`, `records`, `prescriptions`, `renewals`, `laboratory`,
//! `vaccinations`, `whats_new`, `declarations` and `providers`. Each is an
//! ordinary module with its own imports, reaching its backend as `super`. So
//! nothing is generic over `sqlx::Database` and the compiler type-checks
//! every function against both backends' types. It does not check the SQL
//! text: the statements are portable SQL (`$n` parameters, no backend-only
//! functions), and the Rust tests run every one of them on SQLite and on
//! PostgreSQL. Callers reach them through `Db`'s methods (`server/db.rs`),
//! which list the whole database API in one place.

// Each statement file is loaded twice, once per backend: that is the design.
#[allow(clippy::duplicate_mod)]
pub mod postgres;
#[allow(clippy::duplicate_mod)]
pub mod sqlite;
