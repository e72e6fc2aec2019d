//! `TestApp`: one instance of the portal on its own port and its own
//! database (a SQLite file, or a fresh PostgreSQL database when
//! `KANTA_TEST_DATABASE_URL` names a cluster), seeded with the demo people,
//! and the typed helpers the tests call it through: browser-like clients,
//! server-function calls with the page's real form keys, and the database's
//! own answers for checking what was (not) written.
//!
//! ```ignore
//! let app = TestApp::spawn().await;                              // the defaults
//! let app = TestApp::builder().secure_cookies().spawn().await;  // behind TLS
//! ```

use std::net::IpAddr;
use std::time::Duration;

use app::server::Clock;
use app::server::Db;
use chrono::{DateTime, NaiveDate, Utc};
use kanta_server::{build_app, db, seed, AppSettings};
use serde_json::Value;

/// A running portal.
pub(crate) struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub(crate) base: String,
    pub(crate) pool: Db,
    /// The database's URL (the role's, for an app serving as a role).
    pub(crate) url: String,
    /// When cross-sector consents open in this instance.
    pub(crate) opens: DateTime<Utc>,
    /// The sessions' clock: a test moves it instead of waiting.
    pub(crate) clock: Clock,
    /// The instance's folder (and SQLite file), removed with the first instance only.
    dir: Option<TempDir>,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// How a `TestApp` differs from the defaults.
pub(crate) struct TestAppBuilder {
    opens: (i32, u32, u32),
    secure_cookies: bool,
    idle_timeout: Duration,
    session_lifetime: Duration,
    trusted_proxies: Vec<IpAddr>,
    role: Option<String>,
    demo: bool,
    identification: Option<kanta_server::identification::IdentificationSettings>,
}

impl TestApp {
    /// The defaults: cross-sector consents open on 1 March 2027, plain
    /// HTTP, sessions 30 minutes idle and 12 hours in all, no proxy.
    pub(crate) async fn spawn() -> TestApp {
        TestApp::builder().spawn().await
    }

    pub(crate) fn builder() -> TestAppBuilder {
        TestAppBuilder {
            opens: (2027, 3, 1),
            secure_cookies: false,
            idle_timeout: Duration::from_secs(30 * 60),
            session_lifetime: Duration::from_secs(12 * 3600),
            trusted_proxies: vec![],
            role: None,
            demo: true,
            identification: None,
        }
    }

    /// A second instance on the same database: its own pool, sessions and
    /// router, as behind a load balancer.
    pub(crate) async fn second_instance(&self) -> TestApp {
        let pool = db::connect(&self.url).await.unwrap();
        let dir = &self.dir.as_ref().expect("the first instance").0;
        let defaults = TestApp::builder();
        let settings = (defaults.idle_timeout, defaults.session_lifetime);
        let clock = self.clock.clone();
        let instance = Instance { secure_cookies: false, trusted_proxies: vec![], demo: true, identification: None };
        let base = serve_instance(pool.clone(), dir, self.opens, settings, instance, clock.clone()).await;
        TestApp { base, pool, url: self.url.clone(), opens: self.opens, clock, dir: None }
    }
}

impl TestAppBuilder {
    /// Cross-sector consents open at midnight (Helsinki) of this day.
    pub(crate) fn cross_sector_opens(mut self, y: i32, m: u32, d: u32) -> Self {
        self.opens = (y, m, d);
        self
    }

    /// As behind TLS (`--secure-cookies`).
    pub(crate) fn secure_cookies(mut self) -> Self {
        self.secure_cookies = true;
        self
    }

    /// Behind a reverse proxy on 127.0.0.1 (`--trusted-proxies 127.0.0.1`).
    pub(crate) fn behind_proxy(mut self) -> Self {
        self.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        self
    }

    /// Sessions end after `idle` without a request, or `absolute` after login.
    pub(crate) fn lifetimes(mut self, idle: Duration, absolute: Duration) -> Self {
        (self.idle_timeout, self.session_lifetime) = (idle, absolute);
        self
    }

    /// The server connects as `role`, a PostgreSQL role that owns no table
    /// (`migrate --app-role`, then `serve --no-migrate`); `pool` stays the
    /// owner's, for the test's own checks. PostgreSQL only.
    pub(crate) fn serving_as_role(mut self, role: &str) -> Self {
        self.role = Some(role.to_string());
        self
    }

    /// Not in demo mode: no password login, no demo people listed.
    pub(crate) fn without_demo(mut self) -> Self {
        self.demo = false;
        self
    }

    /// Citizens identify through this OpenID provider (`--oidc-*`).
    pub(crate) fn identification(mut self, settings: kanta_server::identification::IdentificationSettings) -> Self {
        self.identification = Some(settings);
        self
    }

    pub(crate) async fn spawn(self) -> TestApp {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("kanta-test-app-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (pool, url) = kanta_server::testing::file_or_postgres(&dir).await;
        seed::seed_demo_people(&pool).await.unwrap();
        let (y, m, d) = self.opens;
        let opens = app::domain::time::helsinki_midnight(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let (serving, url) = match &self.role {
            None => (pool.clone(), url),
            Some(role) => {
                db::grant_app_role(&pool, role).await.unwrap();
                let role_url = url.replacen("://kanta@", &format!("://{role}@"), 1);
                assert_ne!(role_url, url, "the test cluster's owner is kanta");
                let role_pool = db::connect(&role_url).await.unwrap();
                db::check_migrated(&role_pool).await.unwrap();
                (role_pool, role_url)
            }
        };
        let lifetimes = (self.idle_timeout, self.session_lifetime);
        let clock = Clock::adjustable();
        let instance = Instance {
            secure_cookies: self.secure_cookies,
            trusted_proxies: self.trusted_proxies,
            demo: self.demo,
            identification: self.identification,
        };
        let base = serve_instance(serving, &dir, opens, lifetimes, instance, clock.clone()).await;
        TestApp { base, pool, url, opens, clock, dir: Some(TempDir(dir)) }
    }
}

/// How one instance is served.
struct Instance {
    secure_cookies: bool,
    trusted_proxies: Vec<IpAddr>,
    demo: bool,
    identification: Option<kanta_server::identification::IdentificationSettings>,
}

/// One instance of the application on its own port, serving `pool`.
async fn serve_instance(
    pool: Db,
    dir: &std::path::Path,
    opens: DateTime<Utc>,
    (idle_timeout, session_lifetime): (Duration, Duration),
    instance: Instance,
    clock: Clock,
) -> String {
    let Instance { secure_cookies, trusted_proxies, demo, identification } = instance;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let settings = AppSettings {
        site_root: dir.display().to_string(),
        addr,
        demo,
        secure_cookies,
        cross_sector_opens: opens,
        idle_timeout,
        session_lifetime,
        trusted_proxies,
        clock,
        identification,
    };
    let app = build_app(pool, settings).await.unwrap();
    tokio::spawn(async move {
        axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap()
    });
    format!("http://{addr}")
}

impl TestApp {
    pub(crate) async fn id_of(&self, code: &str) -> i64 {
        app::with_pool!(&self.pool, db => sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1").bind(code).fetch_one(db).await).unwrap()
    }

    pub(crate) async fn event_ids_of(&self, code: &str) -> Vec<i64> {
        app::with_pool!(&self.pool, db => sqlx::query_scalar(
            "SELECT e.id FROM service_event e JOIN citizen c ON c.id = e.citizen_id WHERE c.identity_code = $1 ORDER BY e.id",
        )
        .bind(code)
        .fetch_all(db)
        .await)
        .unwrap()
    }

    /// The sessions' table in this instance's database.
    pub(crate) fn session_table(&self) -> &'static str {
        match self.pool {
            Db::Sqlite(_) => "tower_sessions",
            Db::Postgres(_) => "tower_sessions.session",
        }
    }

    pub(crate) async fn declaration_count(&self) -> i64 {
        app::with_pool!(&self.pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM declaration").fetch_one(db).await)
            .unwrap()
    }

    /// A browser that has logged in as `code` (and confirmed the notice if
    /// it was due), as the demo people log in.
    pub(crate) async fn log_in(&self, code: &str) -> Browser {
        let browser = self.browser();
        let res = browser
            .post(format!("{}/api/login", self.base))
            .form(&[("identity_code", code), ("password", seed::DEMO_PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "login of {code}");
        if res.text().await.unwrap().contains("/notice") {
            let (status, body) = browser.call("confirm_notice", &[("version", "2023-11")]).await;
            assert_eq!(status, 200, "{body}");
        }
        browser
    }

    /// A browser with an empty cookie jar that follows no redirects.
    pub(crate) fn browser(&self) -> Browser {
        // A request that hangs fails the test within a minute instead of stalling the run.
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap();
        Browser { base: self.base.clone(), client, page_key: Default::default() }
    }
}

/// A browser: its own cookie jar (logged in as someone, or not) and, once
/// it has loaded the Management of Data Use page, that page's form key.
/// Clones share both, as two tabs of one browser do.
#[derive(Clone)]
pub(crate) struct Browser {
    /// The instance it talks to (`on` points it at another).
    base: String,
    client: reqwest::Client,
    page_key: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

/// The cookie jar's HTTP client, for requests a test makes itself.
impl std::ops::Deref for Browser {
    type Target = reqwest::Client;
    fn deref(&self) -> &reqwest::Client {
        &self.client
    }
}

impl Browser {
    /// The same browser (cookies, page key) talking to another instance.
    pub(crate) fn on(&self, other: &TestApp) -> Browser {
        Browser { base: other.base.clone(), ..self.clone() }
    }

    /// Calls a server function. A `form_key` written `key(n)` stands for
    /// form n of the Management of Data Use page as this browser loaded it:
    /// it is swapped for that page's real key, which is bound to the
    /// session and the current subject. The page is loaded again after the
    /// browser changes whose data it acts on (or logs in or out), as a
    /// browser would. A browser that cannot load the page (anonymous, say)
    /// sends the stand-in itself. Any other value is sent as it is.
    pub(crate) async fn call(&self, name: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let mut form: Vec<(String, String)> = form.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        for (field, value) in form.iter_mut() {
            if let Some(n) = value.strip_suffix(KEY_STAND_IN).filter(|_| field == "form_key") {
                let cached = self.page_key.lock().unwrap().clone();
                let page_key = match cached {
                    Some(k) => Some(k),
                    None => self.try_page_key().await,
                };
                if let Some(page_key) = page_key {
                    *self.page_key.lock().unwrap() = Some(page_key.clone());
                    *value = format!("{page_key}-{}", n.parse::<u32>().unwrap());
                }
            }
        }
        let answer = self.post_form(name, &form).await;
        if matches!(name, "act_for" | "act_for_self" | "login" | "logout") {
            *self.page_key.lock().unwrap() = None;
        }
        answer
    }

    /// Acts for `person` (a citizen id, as the form sends it).
    pub(crate) async fn act_for(&self, person: &str) -> (u16, Value) {
        self.call("act_for", &[("person", person)]).await
    }

    /// Back to one's own data.
    pub(crate) async fn act_for_self(&self) -> (u16, Value) {
        self.call("act_for_self", &[]).await
    }

    /// The form key of the Management of Data Use page as this browser loads it now.
    pub(crate) async fn page_key(&self) -> String {
        self.try_page_key().await.expect("the data use page loads")
    }

    async fn try_page_key(&self) -> Option<String> {
        let (status, page) = self.post_form("data_use_page", &[("locale".into(), "En".into())]).await;
        if status == 200 {
            page["form_key"].as_str().map(str::to_string)
        } else {
            None
        }
    }

    async fn post_form(&self, name: &str, form: &[(String, String)]) -> (u16, Value) {
        let res = self.client.post(format!("{}/api/{name}", self.base)).form(form).send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }
}

/// Matti Virtanen, the demo citizen most tests log in as.
pub(crate) const MATTI: &str = "040762-913N";

/// Stands for form n of the page's real key (see `TestApp::call`).
pub(crate) fn key(n: u32) -> String {
    format!("{n:032}{KEY_STAND_IN}")
}
const KEY_STAND_IN: &str = "-key-of-this-page";
