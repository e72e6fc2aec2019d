//! Strong identification against a real OpenID provider: the repository's
//! test identification service (panva's oidc-provider, `end2end/oidc-provider`)
//! started once for this test binary, with the FTN profile's features on.
//! The test browser goes through it as a person does: the portal's redirect,
//! the provider's screen, its redirect back. The cases the provider will not
//! produce on request (a wrong nonce, a foreign signature…) are crafted
//! tokens in `server/src/identification/tokens_tests.rs`.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use kanta_server::identification::{keys, IdentificationSettings};
use reqwest::header::LOCATION;
use reqwest::Url;

use crate::test_app::{Browser, TestApp};

/// Where the provider sends browsers back: the portal's public address as
/// the provider knows it. No instance listens there; the test browser takes
/// the answer to its own instance, as a reverse proxy would.
const PUBLIC_URL: &str = "http://127.0.0.1:9";

struct TestProvider {
    issuer: String,
    keys: (PathBuf, PathBuf),
    /// It stops by itself when this process is gone (`EXIT_WITH_PARENT`);
    /// its stdout stays open.
    _process: (std::process::Child, std::io::Lines<std::io::BufReader<std::process::ChildStdout>>),
}

/// The test identification service, started once (it stops when this test
/// binary does), with this binary's own portal keys.
fn provider() -> &'static TestProvider {
    static PROVIDER: OnceLock<TestProvider> = OnceLock::new();
    PROVIDER.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = root.join("end2end/oidc-provider");
        assert!(
            dir.join("node_modules/oidc-provider").is_dir(),
            "the test identification service is not installed: run `npm ci` in end2end/oidc-provider \
             (scripts/test.sh does)"
        );
        let keys_dir = std::env::temp_dir().join(format!("kanta-oidc-test-{}", std::process::id()));
        let (sig, enc) = (keys_dir.join(keys::SIGNING_KEY_FILE), keys_dir.join(keys::ENCRYPTION_KEY_FILE));
        keys::generate_missing(&sig, &enc).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut process = std::process::Command::new("node")
            .arg(dir.join("provider.mjs"))
            .env("PORT", port.to_string())
            .env("PORTAL_URL", PUBLIC_URL)
            .env("CLIENT_JWKS_FILE", keys_dir.join(keys::PUBLIC_JWKS_FILE))
            .env("EXIT_WITH_PARENT", "1")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("node, to run the test identification service");
        // Ready when it says it listens (its one line on stdout).
        let stdout = process.stdout.take().expect("its stdout");
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
        let ready = lines.by_ref().map_while(Result::ok).any(|line| line.contains("listening on"));
        assert!(ready, "the test identification service did not start");
        TestProvider { issuer: format!("http://127.0.0.1:{port}"), keys: (sig, enc), _process: (process, lines) }
    })
}

fn settings(issuer: &str) -> IdentificationSettings {
    let p = provider();
    IdentificationSettings {
        issuer: issuer.to_string(),
        client_id: "kanta-portal".to_string(),
        signing_key: p.keys.0.clone(),
        encryption_key: p.keys.1.clone(),
        identity_claim: "personal_identity_code".to_string(),
        public_url: PUBLIC_URL.to_string(),
        timeout: Duration::from_secs(5),
    }
}

async fn app_with_provider() -> TestApp {
    TestApp::builder().identification(settings(&provider().issuer)).spawn().await
}

/// Follows the redirects from `url` (relative ones against it) while they
/// stay away from the portal's public address; answers the last response
/// and the URL it came from.
async fn follow(b: &Browser, mut url: Url) -> (reqwest::Response, Url) {
    for _ in 0..10 {
        let res = b.get(url.clone()).send().await.unwrap();
        let Some(next) = res.headers().get(LOCATION).and_then(|l| l.to_str().ok()) else {
            return (res, url);
        };
        let next = url.join(next).unwrap();
        if next.as_str().starts_with(PUBLIC_URL) {
            return (res, next);
        }
        url = next;
    }
    panic!("too many redirects from {url}");
}

/// The person at the provider's screen: begins at the portal (`/identify`
/// with its query), identifies as `code` at `method` (high, substantial) or
/// cancels (`None`), and answers the provider's redirect back to the
/// portal's public address (and the session cookie the beginning set).
async fn at_provider(app: &TestApp, b: &Browser, query: &str, code: Option<&str>) -> (Url, Option<String>) {
    let begin = b.get(format!("{}/identify{query}", app.base)).send().await.unwrap();
    let began = session_set(&begin);
    assert_eq!(begin.status(), 303, "{}", begin.text().await.unwrap());
    let authorize = Url::parse(begin.headers()[LOCATION].to_str().unwrap()).unwrap();
    assert!(authorize.as_str().starts_with(&provider().issuer), "{authorize}");
    let params: Vec<(String, String)> = authorize.query_pairs().into_owned().collect();
    let names: Vec<&str> = params.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["client_id", "response_type", "scope", "request"],
        "everything else is inside the signed request"
    );
    let (screen, at) = follow(b, authorize).await;
    assert_eq!(screen.status(), 200);
    let html = screen.text().await.unwrap();
    assert!(html.contains("Testitunnistus") || html.contains("Test identification"), "{html}");
    let uid = at.path().trim_start_matches("/interaction/").to_string();
    let form: Vec<(&str, &str)> = match code {
        Some(code) => vec![("identity_code", code), ("method", "high")],
        None => vec![],
    };
    let action = if code.is_some() { "login" } else { "cancel" };
    let posted = b.post(at.join(&format!("/interaction/{uid}/{action}")).unwrap()).form(&form).send().await.unwrap();
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let resume = at.join(posted.headers()[LOCATION].to_str().unwrap()).unwrap();
    let (_, back) = follow(b, resume).await;
    assert!(back.as_str().starts_with(&format!("{PUBLIC_URL}/identify/callback?")), "{back}");
    (back, began)
}

/// The provider's answer, taken to this instance.
async fn callback(app: &TestApp, b: &Browser, back: &Url) -> reqwest::Response {
    let query = back.query().unwrap_or_default();
    b.get(format!("{}/identify/callback?{query}", app.base)).send().await.unwrap()
}

async fn identify(app: &TestApp, b: &Browser, code: &str) -> reqwest::Response {
    let (back, _) = at_provider(app, b, "", Some(code)).await;
    callback(app, b, &back).await
}

async fn audit_details(app: &TestApp, kind: &str) -> Vec<String> {
    app::with_pool!(&app.pool, db => sqlx::query_scalar::<_, String>(
        "SELECT detail FROM audit_event WHERE kind = $1 AND detail IS NOT NULL ORDER BY id",
    )
    .bind(kind)
    .fetch_all(db)
    .await)
    .unwrap()
}

/// The session cookie a response sets, if any.
fn session_set(res: &reqwest::Response) -> Option<String> {
    res.headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("kanta_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
}

#[tokio::test]
async fn a_citizen_identifies_at_the_provider_logs_in_and_logs_out_there_too() {
    let app = app_with_provider().await;
    let b = app.browser();
    // The login page offers identification first.
    let login = b.get(format!("{}/login", app.base)).send().await.unwrap().text().await.unwrap();
    let (identify_at, password_at) =
        (login.find("href=\"/identify\"").unwrap(), login.find("name=\"password\"").unwrap());
    assert!(identify_at < password_at, "identification comes before the demo's password form");

    // Matti has confirmed the notice: straight to the front page.
    let (back, began) = at_provider(&app, &b, "", Some("040762-913N")).await;
    let done = callback(&app, &b, &back).await;
    assert_eq!(done.status(), 303);
    assert_eq!(done.headers()[LOCATION], "/");
    assert!(began.is_some(), "the identification under way is kept in a session");
    assert!(session_set(&done).is_some_and(|c| Some(c) != began), "the session id is cycled at login");
    let records = b.get(format!("{}/records", app.base)).send().await.unwrap();
    assert_eq!(records.status(), 200);
    let policy = records.headers()["content-security-policy"].to_str().unwrap().to_string();
    let form_action = format!("form-action 'self' {};", provider().issuer);
    assert!(policy.contains(&form_action), "the logout form may go on to the provider: {policy}");
    assert!(records.text().await.unwrap().contains("Matti Korhonen"));
    assert_eq!(audit_details(&app, "login").await, ["identified:high"]);
    let matti = app.id_of("040762-913N").await;
    let logins: i64 = app::with_pool!(&app.pool, db => sqlx::query_scalar(
        "SELECT COUNT(*) FROM citizen_login WHERE citizen_id = $1").bind(matti).fetch_one(db).await)
    .unwrap();
    assert_eq!(logins, 1, "the login is recorded (\"last login\")");

    // The answer is accepted once: the same callback again is not this browser's.
    let again = callback(&app, &b, &back).await;
    assert_eq!(again.status(), 400);

    // Logging out ends the portal's session, then the provider's.
    let no_fields: [(&str, &str); 0] = [];
    let out =
        b.post(format!("{}/api/logout", app.base)).header("accept", "text/html").form(&no_fields).send().await.unwrap();
    assert!(out.status().is_redirection(), "{}", out.status());
    let location = out.headers()[LOCATION].to_str().unwrap().to_string();
    let end_session = Url::parse(&location).unwrap_or_else(|e| panic!("{e}: {location}"));
    assert!(end_session.as_str().starts_with(&provider().issuer), "{end_session}");
    let q: std::collections::HashMap<String, String> = end_session.query_pairs().into_owned().collect();
    assert_eq!(q["post_logout_redirect_uri"], format!("{PUBLIC_URL}/login?logged_out"));
    let hint = &q["id_token_hint"];
    assert_eq!(hint.split('.').count(), 3, "the signed ID token as the hint");
    use base64::Engine;
    let claims = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(hint.split('.').nth(1).unwrap()).unwrap();
    let claims: serde_json::Value = serde_json::from_slice(&claims).unwrap();
    assert_eq!(claims["personal_identity_code"], "040762-913N");
    assert_ne!(claims["sub"], "040762-913N", "the subject is a pseudonym");
    let gone = b.get(format!("{}/records", app.base)).send().await.unwrap();
    assert_eq!(gone.status(), 303, "the portal's session ended first");
    let (confirm, at) = follow(&b, end_session).await;
    let page = confirm.text().await.unwrap();
    assert!(page.contains("Kirjaudu ulos tunnistuspalvelusta"), "{page}");
    let xsrf = page.split("name=\"xsrf\" value=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    let action = page.split("action=\"").nth(1).and_then(|r| r.split('"').next()).unwrap().to_string();
    let done =
        b.post(at.join(&action).unwrap()).form(&[("xsrf", xsrf.as_str()), ("logout", "yes")]).send().await.unwrap();
    let mut landed = at.join(done.headers()[LOCATION].to_str().unwrap()).unwrap();
    if !landed.as_str().starts_with(PUBLIC_URL) {
        landed = follow(&b, landed).await.1;
    }
    assert_eq!(landed.as_str(), format!("{PUBLIC_URL}/login?logged_out"));
}

#[tokio::test]
async fn the_page_asked_for_the_notice_and_acting_for_follow_the_same_rules_as_any_login() {
    let app = app_with_provider().await;
    let b = app.browser();
    let (back, _) = at_provider(&app, &b, "?next=%2Frecords%3Fregister%3Dpatient", Some("040762-913N")).await;
    assert_eq!(callback(&app, &b, &back).await.headers()[LOCATION], "/records?register=patient");
    // Aino has never confirmed the notice: it comes first, whatever was asked.
    let aino = app.browser();
    let (back, _) = at_provider(&app, &aino, "?next=%2Frecords", Some("120385-9026")).await;
    assert_eq!(callback(&app, &aino, &back).await.headers()[LOCATION], "/notice");
    // A guardian acting for a child identifies again: acting for never survives a new login.
    let oskari = app.log_in("080988-9570").await;
    let eetu = app.id_of("190218A967P").await;
    let (status, body) = oskari.call("act_for", &[("person", &eetu.to_string())]).await;
    assert_eq!(status, 200, "{body}");
    let (_, who) = oskari.call("session_citizen", &[]).await;
    assert!(!who["acting_for"].is_null(), "{who}");
    let (back, _) = at_provider(&app, &oskari, "", Some("080988-9570")).await;
    assert_eq!(callback(&app, &oskari, &back).await.headers()[LOCATION], "/whose");
    let (_, who) = oskari.call("session_citizen", &[]).await;
    assert_eq!(who["full_name"], "Oskari Laine");
    assert!(who["acting_for"].is_null(), "{who}");
}

#[tokio::test]
async fn an_answer_without_this_browsers_state_is_refused_translated_and_audited() {
    let app = app_with_provider().await;
    let b = app.browser();
    let none = b.get(format!("{}/identify/callback?code=abc&state=xyz", app.base)).send().await.unwrap();
    assert_eq!(none.status(), 400);
    let page = none.text().await.unwrap();
    assert!(
        page.contains("Tunnistautumista ei voitu yhdistää tähän selaimeen") && page.contains("href=\"/login\""),
        "{page}"
    );
    // Begun in this browser, answered with another state (a forged or mixed-up answer).
    let (back, _) = at_provider(&app, &b, "", Some("040762-913N")).await;
    let forged = back.as_str().replace("state=", "state=x");
    let wrong = callback(&app, &b, &Url::parse(&forged).unwrap()).await;
    assert_eq!(wrong.status(), 400);
    // An answer that names another issuer (RFC 9207) is not this provider's.
    let (back, _) = at_provider(&app, &b, "", Some("040762-913N")).await;
    assert!(back.query_pairs().any(|(k, v)| k == "iss" && v == provider().issuer), "{back}");
    let mixed_up = back.as_str().replace("iss=http", "iss=https");
    assert_eq!(callback(&app, &b, &Url::parse(&mixed_up).unwrap()).await.status(), 401);
    let sv = app.browser();
    let missing = sv
        .get(format!("{}/identify/callback?code=abc", app.base))
        .header("accept-language", "sv")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 400);
    assert!(missing.text().await.unwrap().contains("kunde inte kopplas till den här webbläsaren"));
    assert_eq!(audit_details(&app, "identification_failed").await, ["state", "state", "answer_wrong_issuer", "state"]);
    assert!(audit_details(&app, "login").await.is_empty());
}

#[tokio::test]
async fn a_replayed_code_a_cancelled_identification_and_an_unknown_person_are_clear_pages() {
    let app = app_with_provider().await;
    let first = app.browser();
    let (back, _) = at_provider(&app, &first, "", Some("040762-913N")).await;
    assert_eq!(callback(&app, &first, &back).await.status(), 303);
    // Another browser begins its own identification and presents the used code with its own state.
    let thief = app.browser();
    let begin = thief.get(format!("{}/identify", app.base)).send().await.unwrap();
    let request = Url::parse(begin.headers()[LOCATION].to_str().unwrap()).unwrap();
    let jar = request.query_pairs().find(|(k, _)| k == "request").unwrap().1.to_string();
    let claims = jar.split('.').nth(1).unwrap();
    use base64::Engine;
    let claims: serde_json::Value =
        serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(claims).unwrap()).unwrap();
    let code = back.query_pairs().find(|(k, _)| k == "code").unwrap().1.to_string();
    let replay = thief
        .get(format!("{}/identify/callback?code={code}&state={}", app.base, claims["state"].as_str().unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
    assert!(replay.text().await.unwrap().contains("Tunnistuspalvelu ei hyväksynyt tunnistautumista"));

    let cancelling = app.browser();
    let (back, _) = at_provider(&app, &cancelling, "", None).await;
    let cancelled = callback(&app, &cancelling, &back).await;
    assert_eq!(cancelled.status(), 401);
    assert!(cancelled.text().await.unwrap().contains("Tunnistautuminen keskeytettiin"));

    // A well-formed identity code of nobody in the portal: no new account.
    let stranger = app.browser();
    let citizens_before: i64 =
        app::with_pool!(&app.pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM citizen").fetch_one(db).await)
            .unwrap();
    let refused = identify(&app, &stranger, "010280-952L").await;
    assert_eq!(refused.status(), 403);
    assert!(refused.text().await.unwrap().contains("Palvelu ei luo uusia käyttäjiä"));
    let citizens_after: i64 =
        app::with_pool!(&app.pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM citizen").fetch_one(db).await)
            .unwrap();
    assert_eq!(citizens_before, citizens_after);
    let (status, who) = stranger.call("session_citizen", &[]).await;
    assert_eq!(status, 200);
    assert!(who.is_null(), "{who}");
    assert_eq!(
        audit_details(&app, "identification_failed").await,
        ["code_refused:invalid_grant", "provider_error:access_denied", "unknown_person"]
    );
    let code_of_stranger: Option<String> = app::with_pool!(&app.pool, db => sqlx::query_scalar(
        "SELECT identity_code FROM audit_event WHERE detail = 'unknown_person'").fetch_one(db).await)
    .unwrap();
    assert_eq!(code_of_stranger.as_deref(), Some("010280-952L"));
}

#[tokio::test]
async fn a_provider_that_is_down_or_too_slow_is_a_503_page_with_a_retry_within_ten_seconds() {
    // Down: nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let down = TestApp::builder().identification(settings(&format!("http://127.0.0.1:{closed}"))).spawn().await;
    let b = down.browser();
    let res = b.get(format!("{}/identify?next=%2Frecords", down.base)).send().await.unwrap();
    assert_eq!(res.status(), 503);
    let page = res.text().await.unwrap();
    assert!(page.contains("Tunnistuspalvelu ei ole juuri nyt käytettävissä"), "{page}");
    assert!(page.contains("href=\"/identify?next=%2Frecords\""), "a retry that keeps the page asked for: {page}");
    assert_eq!(audit_details(&down, "identification_failed").await, ["provider_unavailable"]);

    // Slow: a server that accepts and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = silent.local_addr().unwrap().port();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((conn, _)) = silent.accept().await {
            held.push(conn);
        }
    });
    let mut slow_settings = settings(&format!("http://127.0.0.1:{port}"));
    slow_settings.timeout = Duration::from_secs(2);
    let slow = TestApp::builder().identification(slow_settings).spawn().await;
    let started = std::time::Instant::now();
    let res = slow.browser().get(format!("{}/identify", slow.base)).send().await.unwrap();
    assert_eq!(res.status(), 503);
    assert!(started.elapsed() < Duration::from_secs(10), "answered in {:?}", started.elapsed());
}

#[tokio::test]
async fn a_new_provider_signing_key_is_fetched_when_a_token_names_it() {
    let app = app_with_provider().await;
    let b = app.browser();
    assert_eq!(identify(&app, &b, "231190-924R").await.status(), 303);
    // The provider starts signing with a new key while an identification is
    // under way; this instance has the old set cached. The code issued before
    // is still good, and the token signed with the new key is accepted.
    let during = app.browser();
    let (back, _) = at_provider(&app, &during, "", Some("231190-924R")).await;
    let rotated = reqwest::Client::new().post(format!("{}/test/rotate-keys", provider().issuer)).send().await.unwrap();
    assert_eq!(rotated.status(), 200);
    let res = callback(&app, &during, &back).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(audit_details(&app, "login").await, ["identified:high", "identified:high"]);
}

#[tokio::test]
async fn the_portal_publishes_its_public_keys_only() {
    let app = app_with_provider().await;
    let res = app.browser().get(format!("{}/.well-known/jwks.json", app.base)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let set: serde_json::Value = serde_json::from_str(&res.text().await.unwrap()).unwrap();
    let file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(provider().keys.0.with_file_name(keys::PUBLIC_JWKS_FILE)).unwrap())
            .unwrap();
    assert_eq!(set, file, "the set the provider was given");
    for key in set["keys"].as_array().unwrap() {
        assert!(key.get("d").is_none(), "no private part: {key}");
    }
}

#[tokio::test]
async fn without_demo_mode_there_is_no_password_login() {
    let app = TestApp::builder().without_demo().identification(settings(&provider().issuer)).spawn().await;
    let b = app.browser();
    let res = b
        .post(format!("{}/api/login", app.base))
        .form(&[("identity_code", "040762-913N"), ("password", kanta_server::seed::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("PasswordLoginOff"));
    let page = b.get(format!("{}/login", app.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("href=\"/identify\""));
    assert!(!page.contains("name=\"password\"") && !page.contains("kanta-demo"), "no password form, no demo people");
    assert_eq!(identify(&app, &b, "040762-913N").await.headers()[LOCATION], "/");
    // Neither identification nor demo mode: the login page says so.
    let bare = TestApp::builder().without_demo().spawn().await;
    let page = bare.browser().get(format!("{}/login", bare.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("tunnistuspalvelua ei ole määritetty"), "{page}");
}
