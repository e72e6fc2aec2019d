//! The demo people's rows in PostgreSQL: `rows.rs` with this backend's types.

use app::server::sql::postgres as sql;

type DB = sqlx::Postgres;

#[path = "rows.rs"]
mod rows;

pub use rows::*;
