//! Login throttling and the audit log, through the real HTTP
//! application: failures pause logging in for a code and for an address,
//! the right password during the pause is refused the same way, and logins,
//! logouts, acting for a child and refusals are logged with the address.

use serde_json::Value;

use crate::test_app::{Browser, TestApp, MATTI};
use kanta_server::seed::DEMO_PASSWORD;

const AINO: &str = "120385-9026";
const OSKARI: &str = "080988-9570";
const EETU: &str = "190218A967P";

impl TestApp {
    async fn audit_kinds(&self, code: Option<&str>) -> Vec<(String, Option<String>)> {
        let rows: Vec<(String, Option<String>, Option<String>)> = app::with_pool!(&self.pool, db => sqlx::query_as(
            "SELECT a.kind, a.client_address, c.identity_code FROM audit_event a \
             LEFT JOIN citizen c ON c.id = a.citizen_id ORDER BY a.id",
        )
        .fetch_all(db)
        .await)
        .unwrap();
        rows.into_iter().filter(|r| code.is_none() || r.2.as_deref() == code).map(|(k, a, _)| (k, a)).collect()
    }
}

impl Browser {
    pub(crate) async fn log_in_with(&self, code: &str, password: &str) -> (u16, Value) {
        self.call("login", &[("identity_code", code), ("password", password)]).await
    }
}

#[tokio::test]
async fn five_failures_pause_a_code_and_the_right_password_is_refused_the_same_way() {
    let p = TestApp::spawn().await;
    let client = p.browser();
    for _ in 0..5 {
        assert_eq!(client.log_in_with(AINO, "wrong").await, (401, Value::String("BadCredentials".into())));
    }
    for password in ["wrong", DEMO_PASSWORD] {
        assert_eq!(client.log_in_with(AINO, password).await, (429, Value::String("LoginThrottled".into())));
    }
    // An unknown code is paused the same way (the answer does not tell codes apart).
    for _ in 0..5 {
        assert_eq!(client.log_in_with("010101-0101", "x").await.0, 401);
    }
    assert_eq!(client.log_in_with("010101-0101", "x").await, (429, Value::String("LoginThrottled".into())));
    // Other codes from the same address still log in.
    let (status, _) = client.log_in_with(MATTI, DEMO_PASSWORD).await;
    assert_eq!(status, 200);
    let kinds: Vec<String> = p.audit_kinds(None).await.into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "login_failed").count(), 10);
    assert_eq!(kinds.iter().filter(|k| *k == "login_throttled").count(), 3);
    assert_eq!(kinds.last().map(String::as_str), Some("login"));
}

#[tokio::test]
async fn twenty_failures_from_one_address_pause_logins_from_it() {
    let p = TestApp::spawn().await;
    let client = p.browser();
    let codes = ["040762-913N", "231190-924R", "300178-935E", "150571-946J", "271055-988J"];
    for i in 0..20 {
        assert_eq!(client.log_in_with(codes[i % codes.len()], "wrong").await.0, 401, "attempt {i}");
    }
    assert_eq!(client.log_in_with(OSKARI, DEMO_PASSWORD).await, (429, Value::String("LoginThrottled".into())));
}

#[tokio::test]
async fn logins_logouts_acting_for_a_child_and_refusals_are_in_the_audit_log_with_the_address() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    let eetu = p.id_of(EETU).await.to_string();
    let matti = p.id_of(MATTI).await.to_string();
    assert_eq!(oskari.act_for(&eetu).await.0, 200);
    assert_eq!(oskari.act_for_self().await.0, 200);
    assert_eq!(oskari.act_for(&matti).await.0, 403);
    assert_eq!(oskari.call("logout", &[]).await.0, 200);
    let log = p.audit_kinds(Some(OSKARI)).await;
    let kinds: Vec<&str> = log.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(kinds, ["login", "acting_for", "acting_for_self", "access_refused", "logout"]);
    assert!(log.iter().all(|(_, address)| address.as_deref() == Some("127.0.0.1")), "{log:?}");
    // Append-only.
    let deleted = app::with_pool!(&p.pool, db => sqlx::query("DELETE FROM audit_event").execute(db).await.map(|_| ()));
    assert!(deleted.is_err());
}

#[tokio::test]
async fn the_front_page_tells_when_the_citizen_last_logged_in() {
    let p = TestApp::spawn().await;
    let first = p.log_in(MATTI).await;
    let (status, page) = first.call("front_page", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    assert!(page["previous_login"].is_null(), "the first login has none before it: {page}");
    // A minute later by the portal's clock (moved, not waited for).
    p.clock.advance(std::time::Duration::from_secs(60));
    let second = p.log_in(MATTI).await;
    let (_, page) = second.call("front_page", &[("locale", "En")]).await;
    let previous: chrono::DateTime<chrono::Utc> = serde_json::from_value(page["previous_login"].clone()).unwrap();
    let age = p.clock.now() - previous;
    assert!(
        age >= chrono::Duration::seconds(60) && age < chrono::Duration::seconds(90),
        "the first login's time, a minute before the second: {previous}"
    );
}

/// The glance through HTTP, on both databases: Helmi's prescriptions that
/// need her, today's laboratory visit as new, and the data-use line; then
/// the same citizen again counts new entries from her previous login.
#[tokio::test]
async fn the_front_page_glance_names_what_needs_the_citizen() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in("271055-988J").await;
    let (status, page) = helmi.call("front_page", &[("locale", "En")]).await;
    assert_eq!(status, 200, "{page}");
    let glance = &page["glance"];
    assert_eq!(glance["since_login"], false, "a first login looks 30 days back");
    assert_eq!(glance["new_entries"], 3, "today's laboratory visit (1 entry) and last week's check-up (2): {glance}");
    assert_eq!(glance["newest"][0]["title"], "Laboratoriokäynti");
    assert_eq!(glance["newest"][0]["lab"][0], "P -Krea", "named by its test: {glance}");
    assert_eq!(glance["newest"][0]["lab"][2], "µmol/l");
    let rx: Vec<_> = glance["prescriptions"].as_array().unwrap().iter().map(|r| r["medicine"].clone()).collect();
    assert_eq!(rx, ["Amlodipiini 5 mg", "Kalsium + D3 500 mg/20 µg"]);
    assert_eq!(glance["prescriptions"][1]["attention"], "NothingLeft");
    assert_eq!(glance["consents"], serde_json::json!([["Healthcare", true], ["SocialWelfare", false]]));
    assert_eq!(glance["valid_denials"], 0);
    assert_eq!(glance["acting_views"], serde_json::json!([]), "nobody has acted for her");
    // Her cataract surgery at HUS: Uusimaa's parties share her patient data (§5 rule 7).
    assert_eq!(glance["uusimaa_sharing"], true);
    // Elina has denied that; Matti has no data in Uusimaa.
    for (code, said) in [("150571-946J", Value::Bool(false)), ("040762-913N", Value::Null)] {
        let (_, page) = p.log_in(code).await.call("front_page", &[("locale", "En")]).await;
        assert_eq!(page["glance"]["uusimaa_sharing"], said, "{code}");
    }
    // Anna, with Helmi's e-authorisation, opens her front page twice.
    let anna = p.log_in("140282-9725").await;
    assert_eq!(anna.act_for(&p.id_of("271055-988J").await.to_string()).await.0, 200);
    for _ in 0..2 {
        let (status, page) = anna.call("front_page", &[("locale", "En")]).await;
        assert_eq!(status, 200, "{page}");
        assert_eq!(page["glance"]["acting_views"], serde_json::json!([]), "not to the one acting");
    }
    // Logged in again today: only what was recorded from today on is new,
    // and Anna's views since the last login come first.
    let again = p.log_in("271055-988J").await;
    let (_, page) = again.call("front_page", &[("locale", "En")]).await;
    assert_eq!(page["glance"]["since_login"], true);
    assert_eq!(page["glance"]["new_entries"], 1, "{}", page["glance"]);
    assert_eq!(page["glance"]["acting_views"], serde_json::json!([["Anna Koskinen", 2]]), "{}", page["glance"]);
}

/// The session cookie of a fresh login of `code` (a client without a cookie jar).
async fn login_cookie(p: &TestApp, code: &str) -> String {
    let res = reqwest::Client::new()
        .post(format!("{}/api/login", p.base))
        .form(&[("identity_code", code), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let set_cookie = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string());
    let session = set_cookie.filter_map(|c| c.strip_prefix("kanta_session=").map(str::to_string)).next().unwrap();
    session.split(';').next().unwrap().to_string()
}

async fn session_ids(p: &TestApp) -> Vec<String> {
    let sql = format!("SELECT id FROM {}", p.session_table());
    app::with_pool!(&p.pool, db => sqlx::query_scalar(&sql).fetch_all(db).await).unwrap()
}

#[tokio::test]
async fn the_session_table_holds_no_session_id_and_an_idle_session_is_audited_once_when_swept() {
    use std::str::FromStr;
    use tower_sessions::session::Id;
    use tower_sessions::session_store::ExpiredDeletion;
    // Long enough that no wall-clock pause on a busy machine ends it first
    // (the session layer's own expiry reads the wall clock).
    let idle = std::time::Duration::from_secs(60);
    let p = TestApp::builder().lifetimes(idle, std::time::Duration::from_secs(3600)).spawn().await;
    let cookie = login_cookie(&p, MATTI).await;
    let front = |cookie: String| {
        let url = format!("{}/api/front_page", p.base);
        async move {
            let client = reqwest::Client::new();
            let res = client.post(url).header("cookie", format!("kanta_session={cookie}")).form(&[("locale", "En")]);
            res.send().await.unwrap().status().as_u16()
        }
    };
    assert_eq!(front(cookie.clone()).await, 200, "the cookie is the session");
    let ids = session_ids(&p).await;
    assert_eq!(ids.len(), 1);
    assert_ne!(ids[0], cookie, "the table holds no session id");
    let id = Id::from_str(&cookie).unwrap();
    assert_eq!(ids[0], kanta_server::session_store::stored_id(id).to_string(), "it holds the id's hash");
    // What the table holds does not log anyone in.
    assert_eq!(front(ids[0].clone()).await, 401);

    // Idle past the timeout: the clock is moved, not waited for.
    p.clock.advance(idle + std::time::Duration::from_secs(2));
    let store = match &p.pool {
        app::server::Db::Sqlite(pool) => {
            let inner = tower_sessions_sqlx_store::SqliteStore::new(pool.clone());
            kanta_server::session_store::PortalSessionStore::new(inner, p.pool.clone(), p.clock.clone())
                .delete_expired()
                .await
        }
        app::server::Db::Postgres(pool) => {
            let inner = tower_sessions_sqlx_store::PostgresStore::new(pool.clone());
            kanta_server::session_store::PortalSessionStore::new(inner, p.pool.clone(), p.clock.clone())
                .delete_expired()
                .await
        }
    };
    store.unwrap();
    assert!(session_ids(&p).await.is_empty(), "swept");
    let kinds: Vec<String> = p.audit_kinds(Some(MATTI)).await.into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds, ["login", "session_expired"]);
    assert_eq!(front(cookie).await, 401);
}

#[tokio::test]
async fn reaching_for_another_citizens_items_is_refused_and_audited() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let liisas_event = p.event_ids_of("231190-924R").await[0].to_string();
    let (status, _) = matti.call("service_event_page", &[("id", &liisas_event), ("locale", "En")]).await;
    assert_eq!(status, 404);
    let page = matti.get(format!("{}/records/events/{liisas_event}", p.base)).send().await.unwrap();
    assert_eq!(page.status(), 404);
    let (status, _) = matti
        .call(
            "set_denial",
            &[("kind", "service_event"), ("target", &liisas_event), ("form_key", &crate::test_app::key(1))],
        )
        .await;
    assert_eq!(status, 403);
    let log = p.audit_kinds(Some(MATTI)).await;
    let refused = log.iter().filter(|(k, _)| k == "access_refused").count();
    assert_eq!(refused, 3, "{log:?}");
    assert!(log.iter().all(|(_, address)| address.as_deref() == Some("127.0.0.1")), "{log:?}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_address_is_logged_and_throttled_and_otherwise_ignored() {
    async fn fail_from(p: &TestApp, code: &str, forwarded_for: &str) -> u16 {
        let res = reqwest::Client::new()
            .post(format!("{}/api/login", p.base))
            .header("x-forwarded-for", forwarded_for)
            .form(&[("identity_code", code), ("password", "wrong")])
            .send()
            .await
            .unwrap();
        res.status().as_u16()
    }
    let codes = ["040762-913N", "231190-924R", "300178-935E", "150571-946J", "271055-988J"];
    let behind = TestApp::builder().behind_proxy().spawn().await;
    for i in 0..20 {
        assert_eq!(fail_from(&behind, codes[i % codes.len()], "203.0.113.7").await, 401, "attempt {i}");
    }
    // That address is paused; another client behind the same proxy is not.
    assert_eq!(fail_from(&behind, OSKARI, "203.0.113.7").await, 429);
    assert_eq!(fail_from(&behind, OSKARI, "198.51.100.1").await, 401);
    let log = behind.audit_kinds(None).await;
    assert_eq!(log.iter().filter(|(_, a)| a.as_deref() == Some("203.0.113.7")).count(), 21, "{log:?}");

    // Not behind a trusted proxy: the header is the client's word, and ignored.
    let direct = TestApp::spawn().await;
    assert_eq!(fail_from(&direct, OSKARI, "203.0.113.7").await, 401);
    let log = direct.audit_kinds(None).await;
    assert_eq!(log.last().and_then(|(_, a)| a.clone()).as_deref(), Some("127.0.0.1"));
}

/// A login through the trusted proxy from `address`.
async fn login_from(p: &TestApp, code: &str, password: &str, address: &str) -> u16 {
    let res = reqwest::Client::new()
        .post(format!("{}/api/login", p.base))
        .header("x-forwarded-for", address)
        .form(&[("identity_code", code), ("password", password)])
        .send()
        .await
        .unwrap();
    res.status().as_u16()
}

#[tokio::test]
async fn a_stranger_who_guesses_a_code_is_paused_and_the_citizen_elsewhere_logs_in() {
    let p = TestApp::builder().behind_proxy().spawn().await;
    let stranger = "203.0.113.66";
    for i in 0..5 {
        assert_eq!(login_from(&p, AINO, "wrong", stranger).await, 401, "guess {i}");
    }
    // The stranger is paused on Aino's code, even with the right password.
    assert_eq!(login_from(&p, AINO, DEMO_PASSWORD, stranger).await, 429);
    // Aino, at home, is not locked out by the stranger's guesses.
    assert_eq!(login_from(&p, AINO, DEMO_PASSWORD, "198.51.100.20").await, 200);
}

#[tokio::test]
async fn guesses_from_many_addresses_pause_a_code_for_a_minute_at_most() {
    use app::domain::audit::AuditKind;
    let p = TestApp::builder().behind_proxy().spawn().await;
    // Ten guesses at Liisa's code within the minute, each from an address of its own.
    const LIISA: &str = "231190-924R";
    for i in 0..10 {
        assert_eq!(login_from(&p, LIISA, "wrong", &format!("203.0.113.{}", 100 + i)).await, 401, "guess {i}");
    }
    assert_eq!(login_from(&p, LIISA, DEMO_PASSWORD, "198.51.100.20").await, 429, "the code is paused everywhere");
    // Ten such guesses at Aino's code that ended a minute ago (written into
    // the log with their time, not waited for) pause nothing.
    let a_minute_ago = chrono::Utc::now() - chrono::Duration::seconds(61);
    for i in 0..10 {
        let address = format!("203.0.113.{}", 100 + i);
        p.pool
            .record_audit(a_minute_ago, AuditKind::LoginFailed, None, None, Some(AINO), Some(&address))
            .await
            .unwrap();
    }
    assert_eq!(login_from(&p, AINO, DEMO_PASSWORD, "198.51.100.20").await, 200, "a minute later, the citizen logs in");
}

/// What needs the citizen on the front page: a consent from before 2024 to
/// update, until it is updated; renewal requests declined or returned only
/// within the window of what is new (Helmi's were answered 58 and 415 days ago).
#[tokio::test]
async fn the_front_page_lists_what_needs_the_citizen_until_it_is_done() {
    let p = TestApp::spawn().await;
    let liisa = p.log_in("231190-924R").await;
    let (_, page) = liisa.call("front_page", &[("locale", "En")]).await;
    assert_eq!(page["glance"]["to_update"], serde_json::json!(["Healthcare"]), "{page}");
    let (status, body) =
        liisa.call("update_consent", &[("sector", "healthcare"), ("form_key", &crate::test_app::key(1))]).await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = liisa.call("front_page", &[("locale", "En")]).await;
    assert_eq!(page["glance"]["to_update"], serde_json::json!([]));
    let helmi = p.log_in("271055-988J").await;
    let (_, page) = helmi.call("front_page", &[("locale", "En")]).await;
    assert_eq!(page["glance"]["answered_requests"], serde_json::json!([]), "older than 30 days");
}

/// Acting for a child, the front page gives the child's own notice state
/// beside the guardian's, as the child's Management of Data Use lists it.
#[tokio::test]
async fn acting_for_a_child_the_front_page_gives_the_childs_own_notice_state() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in("080988-9570").await;
    let (_, own) = oskari.call("front_page", &[("locale", "En")]).await;
    assert_eq!(own["subject_notice"], serde_json::Value::Null, "his own data: his own state only");
    let eetu = p.id_of("190218A967P").await.to_string();
    assert_eq!(oskari.act_for(&eetu).await.0, 200);
    let (_, page) = oskari.call("front_page", &[("locale", "En")]).await;
    assert_eq!(page["subject_notice"][0], "Eetu Laine");
    let (_, data_use) = oskari.call("data_use_page", &[("locale", "En")]).await;
    let current = &data_use["current_version"];
    let confirmed = data_use["confirmations"].as_array().unwrap().iter().any(|c| &c["version"] == current);
    assert_eq!(page["subject_notice"][1].is_null(), !confirmed, "{page}");
    if confirmed {
        assert_eq!(&page["subject_notice"][1]["version"], current);
    }
    assert_eq!(page["confirmation"], own["confirmation"], "the guardian's own stays his");
}
