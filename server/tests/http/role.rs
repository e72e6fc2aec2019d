//! Running as a PostgreSQL role that owns nothing: the owner
//! migrates and grants (`migrate --app-role`), the server serves as the role
//! (`serve --no-migrate`) and works, and the role cannot rewrite history:
//! no UPDATE, DELETE or TRUNCATE of an append-only table, no dropping or
//! disabling the triggers that guard them, no new tables. In the
//! PostgreSQL pass of the test command (SQLite has no roles).

use crate::test_app::{key, TestApp, MATTI};

/// Ignored in a plain `cargo test` (it needs PostgreSQL, and says so rather
/// than passing without testing anything); the PostgreSQL pass of
/// `scripts/test.sh` runs it with `--include-ignored`.
#[tokio::test]
#[ignore = "needs PostgreSQL: KANTA_TEST_DATABASE_URL=postgres://… cargo test -- --include-ignored"]
async fn the_server_runs_as_a_role_that_can_append_but_never_rewrite() {
    let admin = std::env::var("KANTA_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
        .expect("this test needs KANTA_TEST_DATABASE_URL=postgres://…");
    let role = format!("kanta_app_{}", std::process::id());
    let owner = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(&format!("CREATE ROLE {role} LOGIN")).execute(&owner).await.unwrap();

    let p = TestApp::builder().serving_as_role(&role).spawn().await;
    let before = p.declaration_count().await;
    let matti = p.log_in(MATTI).await;
    let (status, body) = matti.call("give_consent", &[("sector", "social_welfare"), ("form_key", &key(1))]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(p.declaration_count().await, before + 1, "the role appends");
    let page = matti.get(format!("{}/data-use/history", p.base)).send().await.unwrap();
    assert_eq!(page.status(), 200, "the role reads");

    let as_role = sqlx::PgPool::connect(&p.url).await.unwrap();
    for sql in [
        "UPDATE declaration SET actor = 'citizen'",
        "DELETE FROM declaration",
        "TRUNCATE declaration",
        "TRUNCATE audit_event",
        "DELETE FROM notice_confirmation",
        "UPDATE citizen SET first_name = 'X'",
        "DROP TRIGGER declaration_append_only ON declaration",
        "ALTER TABLE declaration DISABLE TRIGGER ALL",
        "DROP TABLE declaration",
        "CREATE TABLE declaration_copy (id BIGINT)",
        "DELETE FROM _sqlx_migrations",
    ] {
        let refused = sqlx::query(sql).execute(&as_role).await.expect_err(sql).to_string();
        assert!(refused.contains("permission denied") || refused.contains("must be owner"), "{sql}: {refused}");
    }
    assert_eq!(p.declaration_count().await, before + 1);

    // The owner is held by the triggers: TRUNCATE too (statement-level).
    let as_owner = match &p.pool {
        app::server::Db::Postgres(pool) => pool.clone(),
        app::server::Db::Sqlite(_) => unreachable!("a PostgreSQL pass"),
    };
    for table in ["declaration", "notice_confirmation", "citizen_login", "professional_viewing", "audit_event"] {
        let refused = sqlx::query(&format!("TRUNCATE {table} CASCADE")).execute(&as_owner).await;
        assert!(refused.is_err(), "TRUNCATE {table} is refused");
    }
    assert_eq!(p.declaration_count().await, before + 1);
    as_role.close().await;
    drop(p);
}
