//! The database: SQLite (the default; the file and its folder are created
//! if needed) or PostgreSQL, chosen by the URL; connect and migrate.

use std::str::FromStr;
use std::time::Duration;

use app::server::Db;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};

/// How long a request waits for a connection before it is told the
/// database is away (503): short, so an outage answers at once.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// Connects to the database URL; every failure is one readable line.
pub async fn connect(url: &str) -> Result<Db, String> {
    if url.starts_with("postgres:") || url.starts_with("postgresql:") {
        return connect_postgres(url).await;
    }
    if !url.starts_with("sqlite:") {
        return Err(format!("the database URL {:?} is neither sqlite://… nor postgres://…", redact(url)));
    }
    sqlite_without_memory_statistics();
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
    let max = if url.contains(":memory:") { 1 } else { max_connections(8) };
    SqlitePoolOptions::new()
        .max_connections(max)
        .acquire_timeout(Duration::from_secs(5))
        // A file on this machine does not drop a connection: no ping (a
        // round trip to the connection's thread) before every statement.
        .test_before_acquire(false)
        .connect_with(options)
        .await
        .map(Db::Sqlite)
        .map_err(|e| format!("cannot open the database {url:?}: {e}"))
}

/// SQLite counts every allocation it makes under one process-wide mutex,
/// for statistics nobody here reads: each row's values, copied on the
/// connection's thread and freed on the runtime's, took that lock twice
/// (a profile under load). Turned off once, before SQLite starts; later calls
/// (a second pool in the tests) are refused by SQLite and change nothing.
fn sqlite_without_memory_statistics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: SQLITE_CONFIG_MEMSTATUS takes one int. Before
        // sqlite3_initialize this only sets a flag; after it, SQLite
        // returns SQLITE_MISUSE and changes nothing.
        let rc =
            unsafe { libsqlite3_sys::sqlite3_config(libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS, 0 as std::ffi::c_int) };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(rc, "SQLite had started: its memory statistics stay on");
        }
    });
}

/// The pool's size: `KANTA_DB_MAX_CONNECTIONS`, else the backend's default.
fn max_connections(default: u32) -> u32 {
    std::env::var("KANTA_DB_MAX_CONNECTIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
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
    let max = max_connections(10);
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

fn migrator(db: &Db) -> sqlx::migrate::Migrator {
    match db {
        Db::Sqlite(_) => sqlx::migrate!("../migrations/sqlite"),
        Db::Postgres(_) => sqlx::migrate!("../migrations/postgres"),
    }
}

/// Brings the schema up to this binary's version: the portal's migrations,
/// then the session table (tower-sessions' own).
pub async fn migrate(db: &Db) -> Result<(), String> {
    let result = match db {
        Db::Sqlite(pool) => migrator(db).run(pool).await,
        Db::Postgres(pool) => migrator(db).run(pool).await,
    };
    result.map_err(|e| format!("database migration failed: {e}"))?;
    let sessions = match db {
        Db::Sqlite(p) => tower_sessions_sqlx_store::SqliteStore::new(p.clone()).migrate().await,
        Db::Postgres(p) => tower_sessions_sqlx_store::PostgresStore::new(p.clone()).migrate().await,
    };
    sessions.map_err(|e| format!("session table migration failed: {e}"))
}

/// For `serve --no-migrate`, where the server's role may not change the
/// schema: succeeds only if every migration of this binary is applied.
pub async fn check_migrated(db: &Db) -> Result<(), String> {
    let applied: Result<Vec<i64>, sqlx::Error> = app::with_pool!(db, p => sqlx::query_scalar(
        "SELECT version FROM _sqlx_migrations WHERE success"
    ).fetch_all(p).await);
    let applied = applied.map_err(|e| {
        format!("cannot read the database's migration history ({e}): run `kanta-server migrate` as the owner of its tables first")
    })?;
    let pending = migrator(db).iter().filter(|m| !applied.contains(&m.version)).count();
    if pending == 0 {
        Ok(())
    } else {
        Err(format!(
            "the database lacks {pending} of this version's migrations: run `kanta-server migrate` as the owner of its tables first"
        ))
    }
}

/// Fresh statistics for the query planner after many rows were written
/// (seeding, generating): PostgreSQL's first autovacuum may be minutes away,
/// and until then it guesses. On PostgreSQL it is `VACUUM (ANALYZE)`: the
/// vacuum that autovacuum would otherwise start on the new rows minutes
/// later (10 million entries: about 50 s of one core) happens now, while
/// nobody is served, and leaves the visibility map set, so index-only scans
/// read no table pages.
///
/// SQLite keeps only each index's averages (`sqlite_stat1`), not its samples
/// (`sqlite_stat4`, which libsqlite3-sys builds in). With samples, every
/// statement that compares a bound value with an indexed column is compiled
/// again each time it runs with a new value: 12 % of the profile's samples
/// on Helmi's health data page under load. Dropping the table
/// changes the schema, so every open connection reloads the statistics.
pub async fn analyze(db: &Db) -> Result<(), sqlx::Error> {
    match db {
        Db::Sqlite(p) => {
            sqlx::query("ANALYZE").execute(p).await?;
            sqlx::query("DROP TABLE IF EXISTS sqlite_stat4").execute(p).await?;
        }
        Db::Postgres(p) => {
            sqlx::query("VACUUM (ANALYZE)").execute(p).await?;
        }
    }
    Ok(())
}

/// `migrate --app-role ROLE` (PostgreSQL): lets the role the server runs as
/// read and append to the portal's tables and keep its sessions, and
/// nothing else. It owns nothing, so it cannot drop or disable the triggers
/// that keep declarations, confirmations and the audit log append-only,
/// nor UPDATE, DELETE or TRUNCATE those tables (README, "Running as a role
/// that owns nothing").
pub async fn grant_app_role(db: &Db, role: &str) -> Result<(), String> {
    let Db::Postgres(pool) = db else {
        return Err("--app-role is for PostgreSQL; a SQLite database has no roles".into());
    };
    let valid = role.len() <= 63
        && role.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && role.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid {
        return Err(format!("the role name {role:?} is not a plain lower-case PostgreSQL name"));
    }
    for sql in [
        format!("GRANT USAGE ON SCHEMA public TO {role}"),
        format!("GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {role}"),
        format!("REVOKE INSERT ON _sqlx_migrations FROM {role}"),
        format!("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}"),
        format!("GRANT USAGE ON SCHEMA tower_sessions TO {role}"),
        format!("GRANT SELECT, INSERT, UPDATE, DELETE ON tower_sessions.session TO {role}"),
    ] {
        sqlx::query(&sql).execute(pool).await.map_err(|e| format!("cannot grant {role} its rights: {e}"))?;
    }
    Ok(())
}

/// The same server URL with another database name.
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

    #[test]
    fn the_notice_texts_are_the_same_migration_on_both_databases() {
        assert_eq!(
            include_str!("../../migrations/postgres/20261124000002_notice_versions.sql"),
            include_str!("../../migrations/sqlite/20261124000002_notice_versions.sql"),
        );
        assert_eq!(
            include_str!("../../migrations/postgres/20261127000009_notice_terms.sql"),
            include_str!("../../migrations/sqlite/20261127000009_notice_terms.sql"),
        );
    }

    /// The current notice speaks the real service's current terms in fi and
    /// sv (shared/TERMS.md); only the historical 2022-11 texts keep the old ones.
    #[tokio::test]
    async fn the_current_notice_uses_todays_terms() {
        let db = crate::testing::memory_or_postgres().await;
        let texts: Vec<(String, String, String, String)> = app::with_pool!(&db, p => sqlx::query_as(
            "SELECT version, locale, title, body FROM notice_text ORDER BY version, locale"
        ).fetch_all(p).await)
        .unwrap();
        for (version, locale, title, body) in texts.iter().filter(|t| t.0 == "2023-11") {
            let text = format!("{title}\n{body}");
            let (required, old): (&[&str], &[&str]) = match locale.as_str() {
                "fi" => (
                    &["Kanta-informointi", "luovutuslupa", "vastaanotetuksi"],
                    &["suostum", "Tietoa Kanta-palveluista"],
                ),
                "sv" => (
                    &["Kanta-tjänsterna", "tillstånd för utlämnande", "tjänstetillhandahållare", "yrkesutbildade"],
                    &["samtycke", "Kantatjänsterna", "serviceproducent", "yrkesperson"],
                ),
                _ => (&["consent to data sharing", "denial of consent to data sharing"], &[]),
            };
            for word in required {
                assert!(text.contains(word), "{version} {locale} lacks {word:?}");
            }
            for word in old {
                assert!(!text.contains(word), "{version} {locale} still says {word:?}");
            }
        }
        assert_eq!(texts.iter().filter(|t| t.0 == "2023-11").count(), 3);
    }

    /// `serve --no-migrate` starts only on a database migrated to its version.
    #[tokio::test]
    async fn a_server_that_does_not_migrate_refuses_a_database_behind_its_version() {
        let db = connect("sqlite::memory:").await.unwrap();
        let e = check_migrated(&db).await.unwrap_err();
        assert!(e.contains("migration history") && e.contains("kanta-server migrate"), "{e}");
        let Db::Sqlite(pool) = &db else { unreachable!() };
        let mut first = sqlx::migrate!("../migrations/sqlite");
        first.migrations = first.migrations.iter().take(2).cloned().collect::<Vec<_>>().into();
        first.run(pool).await.unwrap();
        let pending = migrator(&db).iter().count() - 2;
        let e = check_migrated(&db).await.unwrap_err();
        assert!(e.contains(&format!("lacks {pending} of this version's migrations")), "{e}");
        migrate(&db).await.unwrap();
        check_migrated(&db).await.unwrap();
    }

    type Provider = (String, String, String, String, String, bool);
    type NoticeText = (String, String, String, String);

    async fn schema_and_reference_data(db: &Db) -> (Vec<(String, String)>, Vec<Provider>, Vec<NoticeText>) {
        let columns_sql = match db {
            Db::Sqlite(_) => {
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%' \
                 AND m.name <> 'tower_sessions'"
            }
            Db::Postgres(_) => {
                "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'"
            }
        };
        let mut columns: Vec<(String, String)> =
            app::with_pool!(db, p => sqlx::query_as(columns_sql).fetch_all(p).await).unwrap();
        columns.sort();
        let providers = app::with_pool!(db, p => sqlx::query_as(
            "SELECT id, kind, name_fi, name_sv, name_en, uusimaa_party FROM service_provider ORDER BY id"
        ).fetch_all(p).await)
        .unwrap();
        let texts = app::with_pool!(db, p => sqlx::query_as(
            "SELECT version, locale, title, body FROM notice_text ORDER BY version, locale"
        ).fetch_all(p).await)
        .unwrap();
        (columns, providers, texts)
    }

    /// The two migration histories describe one schema: same tables and
    /// columns, same providers and notice texts. Needs PostgreSQL, so it
    /// compares in the test command's PostgreSQL pass.
    #[tokio::test]
    async fn both_migration_histories_give_the_same_tables_columns_and_reference_data() {
        let postgres = crate::testing::memory_or_postgres().await;
        if postgres.backend() != "postgres" {
            eprintln!("(compared in the PostgreSQL pass of scripts/test.sh)");
            return;
        }
        let sqlite = connect("sqlite::memory:").await.unwrap();
        migrate(&sqlite).await.unwrap();
        let (pg, lite) = (schema_and_reference_data(&postgres).await, schema_and_reference_data(&sqlite).await);
        assert!(
            pg.0.len() > 60 && pg.1.len() == 28 && pg.2.len() == 6,
            "{} columns, {} providers, {} texts",
            pg.0.len(),
            pg.1.len(),
            pg.2.len()
        );
        assert_eq!(pg, lite);
    }

    /// Migrations 0005 and 0008 rebuild SQLite's declaration table (the form
    /// key unique per citizen; register denials and the new events): a
    /// history written before them, cancellations and form keys included,
    /// keeps every row as it was, reads back, and the table stays
    /// append-only. On the database of the pass (SQLite, or PostgreSQL).
    #[tokio::test]
    async fn the_declaration_table_migrations_keep_every_declaration() {
        const PER_CITIZEN_KEYS: i64 = 20261126000005;
        let dir = std::env::temp_dir().join(format!("kanta-migration-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let url = match std::env::var("KANTA_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres")) {
            Some(admin) => with_database(&admin, &crate::testing::test_database(&admin).await),
            None => format!("sqlite://{}/before.db", dir.display()),
        };
        let db = connect(&url).await.unwrap();
        fn before(mut m: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
            m.migrations =
                m.migrations.iter().filter(|m| m.version < PER_CITIZEN_KEYS).cloned().collect::<Vec<_>>().into();
            m
        }
        match &db {
            Db::Sqlite(pool) => before(sqlx::migrate!("../migrations/sqlite")).run(pool).await.unwrap(),
            Db::Postgres(pool) => before(sqlx::migrate!("../migrations/postgres")).run(pool).await.unwrap(),
        }
        // A history as the first schema stored it: a consent, a whole-provider
        // denial, a comprehensive one and its cancellation, with form keys.
        let at = chrono::Utc::now();
        for sql in [
            "INSERT INTO citizen (id, identity_code, first_name, last_name, created_at) VALUES (1, '040762-913N', 'Matti', 'Korhonen', $1)",
            "INSERT INTO declaration (id, citizen_id, made_at, actor, event, sector, idempotency_key) \
             VALUES (1, 1, $1, 'citizen', 'consent_given', 'healthcare', '0123456789abcdef0123456789abcdef-1')",
            "INSERT INTO declaration (id, citizen_id, made_at, actor, event, denial_scope, scope_provider_id, allow_in_emergency) \
             VALUES (2, 1, $1, 'citizen', 'denial_set', 'provider', 'pirkanmaa', FALSE)",
            "INSERT INTO declaration (id, citizen_id, made_at, actor, event, denial_scope, sector, allow_in_emergency) \
             VALUES (3, 1, $1, 'citizen', 'denial_set', 'comprehensive', 'social_welfare', TRUE)",
            "INSERT INTO declaration (id, citizen_id, made_at, actor, event, cancels_id, idempotency_key) \
             VALUES (4, 1, $1, 'citizen', 'denial_cancelled', 3, '0123456789abcdef0123456789abcdef-cancel')",
        ] {
            app::with_pool!(&db, p => sqlx::query(sql).bind(at).execute(p).await.map(|_| ())).unwrap();
        }
        type Row = (i64, i64, String, Option<String>, Option<String>, Option<i64>, Option<String>);
        let rows = || async {
            app::with_pool!(&db, p => sqlx::query_as::<_, Row>(
                "SELECT id, citizen_id, event, denial_scope, scope_provider_id, cancels_id, idempotency_key FROM declaration ORDER BY id",
            )
            .fetch_all(p)
            .await)
            .unwrap()
        };
        let written = rows().await;
        assert_eq!(written.len(), 4);
        migrate(&db).await.unwrap();
        assert_eq!(rows().await, written);
        // Read back through a connection opened after the migration, as the
        // server does (it migrates before it serves).
        let fresh = connect(&url).await.unwrap();
        let history = fresh.declarations(app::server::CitizenId(1)).await.unwrap();
        use app::domain::declarations::{DeclarationEvent, DenialScope, ProviderId};
        assert_eq!(
            history[1].event,
            DeclarationEvent::DenialSet {
                scope: DenialScope::Provider(ProviderId("pirkanmaa".into())),
                allow_in_emergency: false
            },
            "a whole-provider denial reads back as set"
        );
        let delete = app::with_pool!(&db, p => sqlx::query("DELETE FROM declaration").execute(p).await.map(|_| ()));
        assert!(delete.is_err(), "still append-only");
        assert_eq!(rows().await, written);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
