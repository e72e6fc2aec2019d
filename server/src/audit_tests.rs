//! Login throttling and the audit log (issue 16), through the real HTTP
//! application: failures pause logging in for a code and for an address,
//! the right password during the pause is refused the same way, and logins,
//! logouts, acting for a child and refusals are logged with the address.

use serde_json::Value;

use crate::access_tests::{portal, Portal, MATTI};
use crate::seed::DEMO_PASSWORD;

const AINO: &str = "120385-9015";
const OSKARI: &str = "080988-956Y";
const EETU: &str = "190218A967P";

impl Portal {
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

    async fn login_as(&self, client: &reqwest::Client, code: &str, password: &str) -> (u16, Value) {
        self.call(client, "login", &[("identity_code", code), ("password", password)]).await
    }
}

#[tokio::test]
async fn five_failures_pause_a_code_and_the_right_password_is_refused_the_same_way() {
    let p = portal().await;
    let client = p.client(None).await;
    for _ in 0..5 {
        assert_eq!(p.login_as(&client, AINO, "wrong").await, (401, Value::String("BadCredentials".into())));
    }
    for password in ["wrong", DEMO_PASSWORD] {
        assert_eq!(p.login_as(&client, AINO, password).await, (429, Value::String("LoginThrottled".into())));
    }
    // An unknown code is paused the same way (the answer does not tell codes apart).
    for _ in 0..5 {
        assert_eq!(p.login_as(&client, "010101-0101", "x").await.0, 401);
    }
    assert_eq!(p.login_as(&client, "010101-0101", "x").await, (429, Value::String("LoginThrottled".into())));
    // Other codes from the same address still log in.
    let (status, _) = p.login_as(&client, MATTI, DEMO_PASSWORD).await;
    assert_eq!(status, 200);
    let kinds: Vec<String> = p.audit_kinds(None).await.into_iter().map(|(k, _)| k).collect();
    assert_eq!(kinds.iter().filter(|k| *k == "login_failed").count(), 10);
    assert_eq!(kinds.iter().filter(|k| *k == "login_throttled").count(), 3);
    assert_eq!(kinds.last().map(String::as_str), Some("login"));
}

#[tokio::test]
async fn twenty_failures_from_one_address_pause_logins_from_it() {
    let p = portal().await;
    let client = p.client(None).await;
    let codes = ["040762-912M", "231190-923P", "300178-934D", "150571-945H", "271055-989K"];
    for i in 0..20 {
        assert_eq!(p.login_as(&client, codes[i % codes.len()], "wrong").await.0, 401, "attempt {i}");
    }
    assert_eq!(p.login_as(&client, OSKARI, DEMO_PASSWORD).await, (429, Value::String("LoginThrottled".into())));
}

#[tokio::test]
async fn logins_logouts_acting_for_a_child_and_refusals_are_in_the_audit_log_with_the_address() {
    let p = portal().await;
    let oskari = p.client(Some(OSKARI)).await;
    let eetu = p.id_of(EETU).await.to_string();
    let matti = p.id_of(MATTI).await.to_string();
    assert_eq!(p.call(&oskari, "act_for_child", &[("child", &eetu)]).await.0, 200);
    assert_eq!(p.call(&oskari, "act_for_self", &[]).await.0, 200);
    assert_eq!(p.call(&oskari, "act_for_child", &[("child", &matti)]).await.0, 403);
    assert_eq!(p.call(&oskari, "logout", &[]).await.0, 200);
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
    let p = portal().await;
    let first = p.client(Some(MATTI)).await;
    let (status, page) = p.call(&first, "front_page", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    assert!(page["previous_login"].is_null(), "the first login has none before it: {page}");
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    let second = p.client(Some(MATTI)).await;
    let (_, page) = p.call(&second, "front_page", &[("locale", "En")]).await;
    let previous: chrono::DateTime<chrono::Utc> = serde_json::from_value(page["previous_login"].clone()).unwrap();
    let age = chrono::Utc::now() - previous;
    assert!(
        age >= chrono::Duration::zero() && age < chrono::Duration::seconds(30),
        "the first login's time: {previous}"
    );
}
