//! What the server does with requests before and around its server
//! functions, through the real HTTP application: requests
//! from another site, bodies that are not forms, too large or not UTF-8,
//! server functions that do not exist, redirects to other sites, the
//! session at a new login, and form keys per citizen.

use app::server::Db;
use serde_json::Value;

use crate::test_app::{key, Browser, TestApp, MATTI};

const OSKARI: &str = "080988-9570";
const EETU: &str = "190218A967P";

/// A well-formed key that no session was given.
fn made_up_key(n: u32) -> String {
    format!("{n:032x}-request")
}

impl TestApp {
    async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        app::with_pool!(&self.pool, db => sqlx::query_scalar::<_, i64>(&sql).fetch_one(db).await).unwrap()
    }

    async fn post_raw(
        &self,
        client: &Browser,
        path: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
    ) -> reqwest::Response {
        let mut req = client.post(format!("{}{path}", self.base)).body(body);
        for (name, value) in headers {
            req = req.header(*name, *value);
        }
        req.send().await.unwrap()
    }
}

async fn json(res: reqwest::Response) -> Value {
    let text = res.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

#[tokio::test]
async fn a_post_from_another_site_is_refused_before_anything_happens() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let before = p.count("declaration").await;
    let body = format!("sector=social_welfare&form_key={}-1", matti.page_key().await).into_bytes();
    for header in [("origin", "http://evil.example"), ("origin", "null"), ("sec-fetch-site", "cross-site")] {
        let res = p.post_raw(&matti, "/api/give_consent", &[FORM, header], body.clone()).await;
        assert_eq!(res.status(), 403, "{header:?}");
        assert_eq!(json(res).await, Value::String("CrossSite".into()));
    }
    // A browser's form post without JavaScript gets the translated page.
    let res = p
        .post_raw(
            &matti,
            "/api/give_consent",
            &[FORM, ("origin", "http://evil.example"), ("accept", "text/html"), ("accept-language", "sv")],
            body.clone(),
        )
        .await;
    assert_eq!(res.status(), 403);
    assert!(res.text().await.unwrap().contains("kom från en annan webbplats"));
    assert_eq!(p.count("declaration").await, before, "nothing written");
    // The same post from this site goes through.
    let origin = p.base.clone();
    let res = p
        .post_raw(&matti, "/api/give_consent", &[FORM, ("origin", &origin), ("sec-fetch-site", "same-origin")], body)
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(p.count("declaration").await, before + 1);
}

#[tokio::test]
async fn a_login_from_another_site_sets_no_session() {
    let p = TestApp::spawn().await;
    let client = p.browser();
    let logins = p.count("citizen_login").await;
    let body = format!("identity_code={MATTI}&password={}", kanta_server::seed::DEMO_PASSWORD).into_bytes();
    let res = p.post_raw(&client, "/api/login", &[FORM, ("origin", "https://evil.example")], body).await;
    assert_eq!(res.status(), 403);
    assert!(res.headers().get("set-cookie").is_none(), "no session cookie");
    assert_eq!(p.count("citizen_login").await, logins);
}

#[tokio::test]
async fn server_functions_take_only_urlencoded_forms() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let body = format!("sector=healthcare&form_key={}", made_up_key(2)).into_bytes();
    for content_type in ["text/plain", "application/json", "multipart/form-data; boundary=x"] {
        let res = p.post_raw(&matti, "/api/give_consent", &[("content-type", content_type)], body.clone()).await;
        assert_eq!(res.status(), 415, "{content_type}");
        assert_eq!(json(res).await, Value::String("UnsupportedContentType".into()));
    }
    let res = p.post_raw(&matti, "/api/give_consent", &[], body).await;
    assert_eq!(res.status(), 415, "no content type");
}

#[tokio::test]
async fn bodies_that_are_not_utf8_too_large_or_odd_get_4xx_and_no_panic() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let before = p.count("declaration").await;
    let res = p.post_raw(&matti, "/api/give_consent", &[FORM], b"sector=\xff\xfe&form_key=\xc3\x28".to_vec()).await;
    assert_eq!(res.status(), 400);
    assert_eq!(json(res).await, Value::String("BadRequest".into()));

    let huge = [b"sector=healthcare&form_key=".as_slice(), &vec![b'a'; 3 << 20]].concat();
    let res = p.post_raw(&matti, "/api/give_consent", &[FORM], huge).await;
    assert_eq!(res.status(), 413);
    assert_eq!(json(res).await, Value::String("TooLarge".into()));

    // 31 ASCII bytes, then a two-byte character across byte 32: once a panic.
    let form_key = format!("{}ä{}", "a".repeat(31), "b".repeat(10));
    let (status, body) = matti.call("give_consent", &[("sector", "healthcare"), ("form_key", &form_key)]).await;
    assert_eq!((status, body), (400, Value::String("BadRequest".into())));
    assert_eq!(p.count("declaration").await, before);
}

#[tokio::test]
async fn an_unknown_server_function_is_a_translated_404_without_internals() {
    let p = TestApp::spawn().await;
    let client = p.browser();
    let res = p.post_raw(&client, "/api/no_such_function", &[FORM], Vec::new()).await;
    assert_eq!(res.status(), 404);
    assert_eq!(json(res).await, Value::String("NotFound".into()));
    let res = p
        .post_raw(
            &client,
            "/api/no_such_function",
            &[FORM, ("accept", "text/html"), ("accept-language", "fi")],
            Vec::new(),
        )
        .await;
    assert_eq!(res.status(), 404);
    let html = res.text().await.unwrap();
    assert!(html.contains("lang=\"fi\""), "{html}");
    assert!(!html.contains("server function"), "{html}");
}

#[tokio::test]
async fn a_failed_form_post_never_redirects_to_another_site() {
    let p = TestApp::spawn().await;
    let client = p.browser();
    let body = b"identity_code=120385-9026&password=wrong".to_vec();
    for referer in ["https://evil.example/phish", "//evil.example/x"] {
        let res = p
            .post_raw(&client, "/api/login", &[FORM, ("accept", "text/html"), ("referer", referer)], body.clone())
            .await;
        let location = res.headers().get("location").map(|l| l.to_str().unwrap().to_string());
        assert!(location.as_deref().is_some_and(|l| !l.contains("evil.example")), "{referer}: {location:?}");
    }
    // Back to its own page on this site.
    let referer = format!("{}/login", p.base);
    let res = p.post_raw(&client, "/api/login", &[FORM, ("accept", "text/html"), ("referer", &referer)], body).await;
    let location = res.headers().get("location").unwrap().to_str().unwrap().to_string();
    assert!(location.starts_with(&referer), "{location}");
}

#[tokio::test]
async fn a_new_login_keeps_nothing_of_the_session_before_it() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    let eetu = p.id_of(EETU).await.to_string();
    let (status, _) = oskari.act_for(&eetu).await;
    assert_eq!(status, 200);
    let (_, who) = oskari.call("session_citizen", &[]).await;
    assert!(!who["acting_for"].is_null(), "acting for Eetu: {who}");
    let (status, _) =
        oskari.call("login", &[("identity_code", OSKARI), ("password", kanta_server::seed::DEMO_PASSWORD)]).await;
    assert_eq!(status, 200);
    let (_, who) = oskari.call("session_citizen", &[]).await;
    assert!(who["acting_for"].is_null(), "a new login acts for nobody: {who}");
}

#[tokio::test]
async fn the_same_form_key_for_two_subjects_records_both() {
    // Through the server functions a key is bound to its subject, so this is
    // the database's rule: a key is unique per citizen, not across citizens.
    use app::domain::declarations::{Actor, DeclarationEvent, Sector};
    let p = TestApp::spawn().await;
    let (oskari, eetu) = (p.id_of(OSKARI).await, p.id_of(EETU).await);
    let before = p.count("declaration").await;
    let (now, opens) = (chrono::Utc::now(), p.opens);
    let k = Some("0123456789abcdef0123456789abcdef-consent");
    let event = DeclarationEvent::ConsentGiven(Sector::SocialWelfare);
    let record = |citizen, actor| p.pool.record_declaration(citizen, actor, &event, now, opens, k);
    let (citizen, guardian) = (Actor::Citizen, Actor::Guardian(oskari));
    record(app::server::CitizenId(oskari), &citizen).await.unwrap().unwrap();
    record(app::server::CitizenId(eetu), &guardian).await.unwrap().unwrap();
    assert_eq!(p.count("declaration").await, before + 2, "one for Oskari, one for Eetu");
    // The same key again for Eetu: a double submit, nothing new.
    record(app::server::CitizenId(eetu), &guardian).await.unwrap().unwrap();
    assert_eq!(p.count("declaration").await, before + 2);
}

#[tokio::test]
async fn a_form_loaded_for_oneself_cannot_declare_for_a_child_chosen_in_another_tab() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    let eetu = p.id_of(EETU).await.to_string();
    let before = p.count("declaration").await;
    // The page is loaded as Oskari himself…
    let own_page_key = oskari.page_key().await;
    // …then "act for Eetu" in another tab, then the first page's form is sent.
    let (status, _) = oskari.act_for(&eetu).await;
    assert_eq!(status, 200);
    let form = format!("{own_page_key}-consent-social_welfare");
    let (status, body) = oskari.call("give_consent", &[("sector", "social_welfare"), ("form_key", &form)]).await;
    assert_eq!((status, body), (409, Value::String("SubjectChanged".into())));
    // And the other way round: a page for Eetu, sent after going back to himself.
    let eetu_page_key = oskari.page_key().await;
    let (status, _) = oskari.act_for_self().await;
    assert_eq!(status, 200);
    let form = format!("{eetu_page_key}-consent-social_welfare");
    let (status, body) = oskari.call("give_consent", &[("sector", "social_welfare"), ("form_key", &form)]).await;
    assert_eq!((status, body), (409, Value::String("SubjectChanged".into())));
    assert_eq!(p.count("declaration").await, before, "nothing written");
    // Reloaded, the page's own key works.
    let (status, body) =
        oskari.call("give_consent", &[("sector", "social_welfare"), ("form_key", &crate::test_app::key(1))]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(p.count("declaration").await, before + 1);
}

#[tokio::test]
async fn a_form_key_from_another_session_or_made_up_is_refused() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let stale = matti.page_key().await;
    // The same citizen logs in again (a new session): the old page is stale.
    let again = p.log_in(MATTI).await;
    let before = p.count("declaration").await;
    for key in [format!("{stale}-consent"), made_up_key(7)] {
        let (status, body) = again.call("give_consent", &[("sector", "social_welfare"), ("form_key", &key)]).await;
        assert_eq!((status, body), (403, Value::String("FormExpired".into())), "{key}");
    }
    // Someone else's page key, sent in one's own session.
    let juhani = p.log_in("300178-935E").await;
    let juhanis = juhani.page_key().await;
    let (status, _) = matti.call("give_consent", &[("sector", "social_welfare"), ("form_key", &juhanis)]).await;
    assert_eq!(status, 403);
    assert_eq!(p.count("declaration").await, before);
}

#[tokio::test]
async fn behind_tls_responses_carry_hsts_and_the_prefill_cookie_is_secure() {
    let p = TestApp::builder().secure_cookies().spawn().await;
    let client = p.browser();
    let res = client.get(format!("{}/login", p.base)).send().await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_some());
    let res = p
        .post_raw(
            &client,
            "/api/login",
            &[FORM, ("accept", "text/html")],
            b"identity_code=120385-9026&password=wrong".to_vec(),
        )
        .await;
    let cookies: Vec<_> = res.headers().get_all("set-cookie").iter().map(|c| c.to_str().unwrap().to_string()).collect();
    let prefill = cookies.iter().find(|c| c.starts_with("kanta_login_code=")).expect("the prefill cookie");
    assert!(prefill.contains("; Secure"), "{prefill}");
    let plain = TestApp::spawn().await;
    let res = plain.browser().get(format!("{}/login", plain.base)).send().await.unwrap();
    assert!(res.headers().get("strict-transport-security").is_none(), "no HSTS without TLS");
}

#[tokio::test]
async fn an_active_session_lives_on_an_idle_one_ends_and_none_outlives_its_lifetime() {
    use std::time::Duration;
    // The sessions' clock is moved, not waited for: idle 20 s, 70 s in all
    // (long enough that no wall-clock pause on a busy machine ends a session
    // first: the session layer's own expiry reads the wall clock).
    let p = TestApp::builder().lifetimes(Duration::from_secs(20), Duration::from_secs(70)).spawn().await;
    let step = Duration::from_secs(5);
    // Active for twice the idle timeout: still logged in (reads extend it).
    let matti = p.log_in(MATTI).await;
    for _ in 0..8 {
        p.clock.advance(step);
        assert_eq!(front_page(&matti).await, 200);
    }
    // Idle for the timeout: logged out.
    p.clock.advance(Duration::from_secs(20));
    assert_eq!(front_page(&matti).await, 401);
    // However active, a session ends at its absolute lifetime after login
    // (whose time is the same clock's).
    let again = p.log_in(MATTI).await;
    let mut active = 0;
    while front_page(&again).await == 200 {
        assert!(active < 20, "the session outlived its lifetime");
        p.clock.advance(step);
        active += 1;
    }
    // Whole seconds: the login may fall just before a second's end.
    assert!((13..=14).contains(&active), "ended at its lifetime, not before: {active}");
    assert_eq!(front_page(&again).await, 401);
}

#[tokio::test]
async fn the_header_says_when_the_session_ends_and_the_warning_comes_five_minutes_before() {
    use chrono::{DateTime, Utc};
    use std::time::Duration;
    // The defaults: idle 30 minutes, 12 hours in all. The clock is moved.
    let p = TestApp::builder().lifetimes(Duration::from_secs(30 * 60), Duration::from_secs(12 * 3600)).spawn().await;
    let whole = |t: DateTime<Utc>| DateTime::from_timestamp(t.timestamp(), 0).unwrap();
    // The clock runs on between these two readings: the login is at one of
    // the whole seconds from the first to the second.
    let before = whole(p.clock.now());
    let matti = p.log_in(MATTI).await;
    let after = whole(p.clock.now());
    let ends = |client: &Browser| {
        let client = client.clone();
        async move {
            let (status, body) = client.call("session_citizen", &[]).await;
            assert_eq!(status, 200, "{body}");
            let (at, after) = (&body["session_ends_at"][0], &body["session_ends_at"][1]);
            (at.as_str().unwrap().parse::<DateTime<Utc>>().unwrap(), after.as_u64().unwrap())
        }
    };
    // Ten minutes later a page is asked for: 30 minutes from now (to the
    // second), warned after 24 whole minutes, at least five before the end.
    p.clock.advance(Duration::from_secs(10 * 60));
    assert_eq!(ends(&matti).await, (whole(p.clock.now()) + chrono::Duration::minutes(30), 24));
    // Active every 20 minutes until 2 minutes before its lifetime: the
    // lifetime ends it first, and the warning is there at once.
    for _ in 0..35 {
        p.clock.advance(Duration::from_secs(20 * 60));
        assert_eq!(front_page(&matti).await, 200);
    }
    p.clock.advance(Duration::from_secs(8 * 60));
    let (at, warn_after) = ends(&matti).await;
    let lifetime = chrono::Duration::hours(12);
    assert!((before + lifetime..=after + lifetime).contains(&at), "{at}: 12 hours after the login ({before}–{after})");
    assert_eq!(warn_after, 0);
    // The Finnish page says it in words, and the warning has no delay.
    let res = matti.get(format!("{}/", p.base)).header("accept-language", "fi").send().await.unwrap();
    assert_eq!(res.status(), 200);
    let html = res.text().await.unwrap();
    let time = app::i18n::Locale::Fi.time(at);
    assert!(html.contains(&format!("Istunto päättyy klo {time}, jos et käytä palvelua.")), "{html}");
    assert!(html.contains("idle-warning idle-warning--after-0"), "{html}");
}

#[tokio::test]
async fn page_views_extend_a_session_without_writing_it_on_each_view() {
    use std::time::Duration;
    // Idle 40 s: the session is written again at most every 10 s (a quarter;
    // at 30 minutes, once a minute). The clock is moved, not waited for.
    let p = TestApp::builder().lifetimes(Duration::from_secs(40), Duration::from_secs(3600)).spawn().await;
    let matti = p.log_in(MATTI).await;
    assert_eq!(front_page(&matti).await, 200);
    let written = session_rows(&p).await;
    assert_eq!(written.len(), 1, "{written:?}");
    // Ten views over three seconds (a write would store a new expiry, to the nanosecond).
    for _ in 0..10 {
        p.clock.advance(Duration::from_millis(300));
        assert_eq!(front_page(&matti).await, 200);
    }
    assert_eq!(session_rows(&p).await, written, "page views wrote the session");
    // After a quarter of the idle timeout, the next view moves the expiry on.
    p.clock.advance(Duration::from_millis(7_500));
    assert_eq!(front_page(&matti).await, 200);
    let extended = session_rows(&p).await;
    assert_eq!(extended.len(), 1);
    assert_ne!(extended[0].1, written[0].1, "the expiry moved on: {extended:?} after {written:?}");
}

#[tokio::test]
async fn a_new_notice_is_in_force_from_its_day_in_helsinki_by_the_portals_clock() {
    use app::domain::time::helsinki_today;
    use std::time::Duration;
    // Sessions that outlive the day the clock is moved.
    let days = |n: u64| Duration::from_secs(n * 24 * 3600);
    let p = TestApp::builder().lifetimes(days(2), days(3)).spawn().await;
    let matti = p.log_in(MATTI).await;
    // A version published tomorrow (Helsinki's date): not yet in force.
    let tomorrow = helsinki_today(p.clock.now()).succ_opt().unwrap();
    let version = tomorrow.format("%Y-%m").to_string();
    app::with_pool!(&p.pool, db => async {
        sqlx::query("INSERT INTO notice_version (version, published_on) VALUES ($1, $2)")
            .bind(&version).bind(tomorrow).execute(db).await?;
        for locale in ["fi", "sv", "en"] {
            sqlx::query("INSERT INTO notice_text (version, locale, title, body) VALUES ($1, $2, 'Kanta', 'New')")
                .bind(&version).bind(locale).execute(db).await?;
        }
        Ok::<_, sqlx::Error>(())
    }.await)
    .unwrap();
    let page = |path: &'static str| matti.get(format!("{}{path}", p.base)).send();
    let res = page("/").await.unwrap();
    assert_eq!(res.status(), 200, "today's notice is confirmed");
    // A day later by the portal's clock (no waiting): the new version is due,
    // on every page and in every server function that shows data.
    p.clock.advance(days(1));
    let res = page("/").await.unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    assert_eq!(res.headers()["location"], "/notice");
    let (status, notice) = matti.call("current_notice", &[("locale", "En")]).await;
    assert_eq!((status, notice["version"].as_str()), (200, Some(version.as_str())), "{notice}");
    assert_ne!(front_page(&matti).await, 200, "no data before the new version is confirmed");
    let (status, body) = matti.call("confirm_notice", &[("version", &version)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(front_page(&matti).await, 200);
}

#[tokio::test]
async fn what_an_action_did_is_said_once_on_the_next_page_and_pages_without_news_write_no_session() {
    let p = TestApp::spawn().await;
    let juhani = p.log_in("300178-935E").await;
    let (status, body) = juhani.call("withdraw_consent", &[("sector", "healthcare"), ("form_key", &key(1))]).await;
    assert_eq!(status, 200, "{body}");
    // Another browser of the same person hears nothing of it.
    let other = p.log_in("300178-935E").await;
    assert_eq!(other.call("take_flash", &[("locale", "En")]).await, (200, Value::Null));
    // The next page says it, in the page's language and the history's words; then never again.
    let page = |b: &Browser| b.get(format!("{}/data-use", p.base)).send();
    let first = page(&juhani).await.unwrap().text().await.unwrap();
    assert!(first.contains(r#"role="status" data-testid="flash""#), "{first}");
    assert!(first.contains("Tallennettu. Luovutuslupa peruutettu: "), "{first}");
    let second = page(&juhani).await.unwrap().text().await.unwrap();
    assert!(!second.contains(r#"data-testid="flash""#));
    // Looking for news that is not there does not save the session.
    let written = session_rows(&p).await;
    for _ in 0..3 {
        assert_eq!(page(&juhani).await.unwrap().status(), 200);
    }
    assert_eq!(session_rows(&p).await, written, "a page without news wrote the session");
    // In English, through the server function: said once.
    let (status, body) = juhani.call("give_consent", &[("sector", "healthcare"), ("form_key", &key(2))]).await;
    assert_eq!(status, 200, "{body}");
    let (_, said) = juhani.call("take_flash", &[("locale", "En")]).await;
    // Said in the section that shows the consents, where the action led.
    assert_eq!(said["place"], "du-consents", "{said}");
    let said = said["text"].as_str().unwrap_or_default().to_string();
    assert!(said.starts_with("Saved. Consent to data sharing given: ") && said.ends_with('.'), "{said}");
    assert_eq!(juhani.call("take_flash", &[("locale", "En")]).await, (200, Value::Null));
}

/// Each session row's expiry (Unix seconds, and as stored) and data.
async fn session_rows(p: &TestApp) -> Vec<(i64, String, Vec<u8>)> {
    let seconds = match p.pool {
        Db::Sqlite(_) => "CAST(strftime('%s', expiry_date) AS INTEGER)",
        Db::Postgres(_) => "CAST(extract(epoch FROM expiry_date) AS BIGINT)",
    };
    let sql = format!("SELECT {seconds}, CAST(expiry_date AS TEXT), data FROM {}", p.session_table());
    app::with_pool!(&p.pool, db => sqlx::query_as(&sql).fetch_all(db).await).unwrap()
}

async fn front_page(client: &Browser) -> u16 {
    client.call("front_page", &[("locale", "En")]).await.0
}

#[tokio::test]
async fn a_page_asked_for_without_a_session_is_gone_back_to_after_logging_in_and_never_another_site() {
    let p = TestApp::spawn().await;
    let browser = p.browser();
    let asked = "/records/health?filter%5Bkind%5D=laboratory";
    let res = browser.get(format!("{}{asked}", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let login = res.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(login, format!("/login?next={}", app::api::filters::percent_encode(asked)));
    // The login page carries it into its form.
    let page = browser.get(format!("{}{login}", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"name="next""#), "{page}");
    let log_in = |next: &'static str| {
        let browser = p.browser();
        let url = format!("{}/api/login", p.base);
        async move {
            let form = [("identity_code", MATTI), ("password", kanta_server::seed::DEMO_PASSWORD), ("next", next)];
            browser.post(url).form(&form).send().await.unwrap().text().await.unwrap()
        }
    };
    assert_eq!(log_in(asked).await, format!("\"{asked}\""));
    for elsewhere in ["https://evil.example/", "//evil.example/", "/\\evil.example", "/login"] {
        assert_eq!(log_in(elsewhere).await, "\"/\"", "{elsewhere}");
    }
}

#[tokio::test]
async fn a_session_that_ended_is_said_once_on_the_login_page_and_logging_out_is_not_a_timeout() {
    use std::time::Duration;
    let p = TestApp::builder().lifetimes(Duration::from_secs(60), Duration::from_secs(3600)).spawn().await;
    let records = |b: Browser| {
        let url = format!("{}/records", p.base);
        async move {
            let res = b.get(url).send().await.unwrap();
            let to = res.headers().get("location").map(|l| l.to_str().unwrap().to_string());
            (res.status().as_u16(), to.unwrap_or_default())
        }
    };
    let matti = p.log_in(MATTI).await;
    assert_eq!(front_page(&matti).await, 200);
    p.clock.advance(Duration::from_secs(61));
    assert_eq!(records(matti.clone()).await, (303, "/login?timed_out&next=%2Frecords".to_string()));
    let page = matti.get(format!("{}/login?timed_out&next=%2Frecords", p.base)).send().await.unwrap();
    assert!(page.text().await.unwrap().contains("Istuntosi on päättynyt"));
    // Said once.
    assert_eq!(records(matti).await, (303, "/login?next=%2Frecords".to_string()));
    // Logging out is not a timeout.
    let again = p.log_in(MATTI).await;
    assert_eq!(again.call("logout", &[]).await.0, 200);
    assert_eq!(records(again).await, (303, "/login?next=%2Frecords".to_string()));
}
