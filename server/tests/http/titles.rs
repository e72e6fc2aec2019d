//! Every page whose title is dynamic (from the URL or from stored data)
//! writes it escaped into `<head>`: a title cannot end the `<title>` element
//! and add markup (a script, or a meta refresh that takes a logged-in
//! citizen to another site). Error pages carry a Content-Security-Policy
//! like every other page.

use crate::test_app::{Browser, TestApp, MATTI};

const PAYLOADS: [&str; 2] =
    ["</title><script>alert(1)</script>", "\"><meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:9/x\">"];

/// The document's `<head>`, as the server wrote it.
fn head(html: &str) -> &str {
    let end = html.find("</head>").expect("a <head>");
    &html[..end]
}

/// Neither payload's markup made it into the head; each is there escaped.
fn assert_escaped(html: &str, payload: &str, page: &str) {
    let head = head(html);
    assert!(!head.contains("<script>alert"), "{page}: a script in <head>: {head}");
    assert!(!head.contains("<meta http-equiv"), "{page}: a meta refresh in <head>: {head}");
    assert_eq!(head.matches("</title>").count(), 1, "{page}: one title, ended once: {head}");
    let escaped = payload.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    assert!(head.contains(&escaped), "{page}: the title holds the text, escaped once: {head}");
}

impl TestApp {
    async fn page(&self, client: &Browser, path: &str) -> (u16, String) {
        let res = client.get(format!("{}{path}", self.base)).send().await.unwrap();
        (res.status().as_u16(), res.text().await.unwrap())
    }

    async fn store(&self, sql: &str, text: &str, id: i64) {
        app::with_pool!(&self.pool, db => sqlx::query(sql).bind(text).bind(id).execute(db).await.map(|_| ())).unwrap();
    }
}

fn percent_encoded(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

#[tokio::test]
async fn a_title_from_the_url_or_from_stored_data_is_escaped_in_the_head() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let event = p.event_ids_of(MATTI).await[0];
    let (_, list) = matti.call("prescriptions_page", &[("state", "valid"), ("locale", "En")]).await;
    let renewable = list["shown"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["renewable"] == true)
        .expect("Matti has a renewable prescription")["id"]
        .as_i64()
        .unwrap();
    for payload in PAYLOADS {
        // From the URL: a laboratory test's code (no such test: a 4xx, titled all the same).
        let (status, html) = p.page(&matti, &format!("/laboratory/{}", percent_encoded(payload))).await;
        assert!((400..500).contains(&status), "{status}");
        assert_escaped(&html, payload, "laboratory test");
        // From stored data: a service event's title, a medicine, the notice's title.
        p.store("UPDATE service_event SET title = $1 WHERE id = $2", payload, event).await;
        let (status, html) = p.page(&matti, &format!("/records/events/{event}")).await;
        assert_eq!(status, 200);
        assert_escaped(&html, payload, "service event");
        p.store("UPDATE prescription SET medicine = $1 WHERE id = $2", payload, renewable).await;
        let (status, html) = p.page(&matti, &format!("/prescriptions/{renewable}/renewal")).await;
        assert_eq!(status, 200);
        assert_escaped(&html, payload, "renewal request form");
        app::with_pool!(&p.pool, db => sqlx::query("UPDATE notice_text SET title = $1 WHERE version = '2022-11'")
            .bind(payload).execute(db).await.map(|_| ()))
        .unwrap();
        let (status, html) = p.page(&matti, "/data-use/notice/2022-11").await;
        assert_eq!(status, 200);
        assert_escaped(&html, payload, "notice version");
    }
}

#[tokio::test]
async fn an_error_page_runs_no_script_and_hsts_covers_subdomains() {
    let p = TestApp::builder().secure_cookies().spawn().await;
    let client = p.browser();
    // A cross-site form post from a browser gets the translated HTML error page.
    let res = client
        .post(format!("{}/api/logout", p.base))
        .header("origin", "http://evil.example")
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let csp = res.headers().get("content-security-policy").expect("the error page has a policy").to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && !csp.contains("script-src"), "{csp}");
    let hsts = res.headers()["strict-transport-security"].to_str().unwrap().to_string();
    assert_eq!(hsts, "max-age=31536000; includeSubDomains");
    // A rendered page keeps its own policy, with its nonce.
    let res = client.get(format!("{}/login", p.base)).send().await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
}
