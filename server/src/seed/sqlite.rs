//! The demo people's rows in SQLite: `rows.rs` with this backend's types.

use app::server::sql::sqlite as sql;

type DB = sqlx::Sqlite;

#[path = "rows.rs"]
mod rows;

pub use rows::*;
