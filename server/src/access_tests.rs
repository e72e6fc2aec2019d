//! Who may read what, through the real HTTP application: every server
//! function of the records pages (issue 4) is called anonymously, as
//! another citizen, and as a guardian reaching for someone who is not their
//! child; refused calls answer 401, 403 or 404 and show nobody else's data.

use serde_json::Value;
use sqlx::SqlitePool;

use crate::{build_app, db, seed, AppSettings};

struct Portal {
    base: String,
    pool: SqlitePool,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn portal() -> Portal {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!("kanta-access-{}-{}", std::process::id(), N.fetch_add(1, Ordering::SeqCst)));
    std::fs::create_dir_all(&dir).unwrap();
    let pool = db::connect(&format!("sqlite://{}/portal.db", dir.display())).await.unwrap();
    db::migrate(&pool).await.unwrap();
    seed::seed_demo_people(&pool).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = build_app(
        pool.clone(),
        AppSettings { site_root: dir.display().to_string(), addr, demo: true, secure_cookies: false },
    )
    .await
    .unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Portal { base: format!("http://{addr}"), pool, _dir: TempDir(dir) }
}

impl Portal {
    async fn id_of(&self, code: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM citizen WHERE identity_code = $1").bind(code).fetch_one(&self.pool).await.unwrap()
    }

    async fn event_ids_of(&self, code: &str) -> Vec<i64> {
        sqlx::query_scalar(
            "SELECT e.id FROM service_event e JOIN citizen c ON c.id = e.citizen_id WHERE c.identity_code = $1 ORDER BY e.id",
        )
        .bind(code)
        .fetch_all(&self.pool)
        .await
        .unwrap()
    }

    async fn declaration_count(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM declaration").fetch_one(&self.pool).await.unwrap()
    }

    /// A browser-like client with its own cookie jar; logged in unless `code` is None.
    async fn client(&self, code: Option<&str>) -> reqwest::Client {
        let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        if let Some(code) = code {
            let res = client
                .post(format!("{}/api/login", self.base))
                .form(&[("identity_code", code), ("password", seed::DEMO_PASSWORD)])
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "login of {code}");
            if res.text().await.unwrap().contains("/notice") {
                let (status, body) = self.call(&client, "confirm_notice", &[("version", "2023-11")]).await;
                assert_eq!(status, 200, "{body}");
            }
        }
        client
    }

    async fn call(&self, client: &reqwest::Client, name: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let res = client.post(format!("{}/api/{name}", self.base)).form(form).send().await.unwrap();
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::String(text)))
    }
}

const MATTI: &str = "040762-912M";
const LIISA: &str = "231190-923P";
const OSKARI: &str = "080988-956Y";
const EETU: &str = "190218A967P";
const SOFIA: &str = "020610A9788";

fn event_ids(page: &Value) -> Vec<i64> {
    page["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

const HEALTH: [(&str, &str); 2] = [("section", "Health"), ("locale", "En")];

#[tokio::test]
async fn anonymous_callers_get_401_from_every_records_function() {
    let p = portal().await;
    let anon = p.client(None).await;
    let eetu = p.id_of(EETU).await.to_string();
    let matti_event = p.event_ids_of(MATTI).await[0].to_string();
    for (name, form) in [
        ("records_page", HEALTH.to_vec()),
        ("service_event_page", vec![("id", matti_event.as_str()), ("locale", "En")]),
        ("prescriptions_page", vec![("locale", "En")]),
        ("my_children", vec![]),
        ("act_for_child", vec![("child", eetu.as_str())]),
        ("act_for_self", vec![]),
    ] {
        let (status, body) = p.call(&anon, name, &form).await;
        assert_eq!(status, 401, "{name}: {body}");
        assert_eq!(body, Value::String("NotAuthenticated".into()), "{name}");
    }
}

#[tokio::test]
async fn a_citizen_sees_all_of_their_own_records_and_nobody_elses() {
    let p = portal().await;
    let liisa = p.client(Some(LIISA)).await;
    let matti_events = p.event_ids_of(MATTI).await;
    let liisa_events = p.event_ids_of(LIISA).await;

    // Liisa's list holds exactly her own health events, also the one she denied to others.
    let (status, page) = p.call(&liisa, "records_page", &HEALTH).await;
    assert_eq!(status, 200, "{page}");
    let mut shown = event_ids(&page);
    shown.sort();
    assert_eq!(shown, liisa_events);

    // Matti's events by id: not found, whichever of them is asked for.
    for id in &matti_events {
        let (status, body) = p.call(&liisa, "service_event_page", &[("id", &id.to_string()), ("locale", "En")]).await;
        assert_eq!(status, 404, "event {id}: {body}");
        assert_eq!(body, Value::String("NotFound".into()));
    }
    // Her own: found.
    let (status, body) = p.call(&liisa, "service_event_page", &[("id", &liisa_events[0].to_string()), ("locale", "En")]).await;
    assert_eq!(status, 200, "{body}");

    // Prescriptions: exactly hers (two), never Matti's medicines.
    let (status, rx) = p.call(&liisa, "prescriptions_page", &[("state", "all"), ("locale", "En")]).await;
    assert_eq!(status, 200);
    let medicines: Vec<&str> = rx["shown"].as_array().unwrap().iter().map(|x| x["medicine"].as_str().unwrap()).collect();
    assert_eq!(medicines.len(), 2, "{medicines:?}");
    assert!(!medicines.contains(&"Metformin"));

    // A filter naming Matti's register or provider gives Liisa an empty list, not his data.
    let (status, page) = p
        .call(&liisa, "records_page", &[("section", "Health"), ("filter[register]", "varsinais-suomi/patient"), ("locale", "En")])
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["matching_entries"], 0);
    assert!(event_ids(&page).is_empty());
}

#[tokio::test]
async fn a_guardian_acts_only_for_a_minor_in_their_own_guardianship() {
    let p = portal().await;
    let before = p.declaration_count().await;
    let matti = p.client(Some(MATTI)).await;
    let eetu = p.id_of(EETU).await.to_string();
    let eetu_events = p.event_ids_of(EETU).await;
    let matti_events = p.event_ids_of(MATTI).await;

    // Matti is nobody's guardian: 403, and his session still shows his own data.
    let (status, body) = p.call(&matti, "act_for_child", &[("child", &eetu)]).await;
    assert_eq!(status, 403, "{body}");
    let (_, page) = p.call(&matti, "records_page", &HEALTH).await;
    assert!(event_ids(&page).iter().all(|id| matti_events.contains(id)));
    let (_, children) = p.call(&matti, "my_children", &[]).await;
    assert_eq!(children, Value::Array(vec![]));

    // Oskari may not act for an adult who is not his child, nor for an id that does not exist.
    let oskari = p.client(Some(OSKARI)).await;
    for other in [p.id_of(MATTI).await.to_string(), "999999".to_string(), "-1".to_string()] {
        let (status, _) = p.call(&oskari, "act_for_child", &[("child", &other)]).await;
        assert_eq!(status, 403, "child {other}");
    }
    let (status, _) = p.call(&oskari, "act_for_child", &[("child", "not-a-number")]).await;
    assert_eq!(status, 400);

    // He may act for Eetu: then Eetu's records are the ones shown, and Oskari's own are not.
    let (_, children) = p.call(&oskari, "my_children", &[]).await;
    assert_eq!(children.as_array().unwrap().len(), 2);
    let (status, _) = p.call(&oskari, "act_for_child", &[("child", &eetu)]).await;
    assert_eq!(status, 200);
    let (_, page) = p.call(&oskari, "records_page", &HEALTH).await;
    let mut shown = event_ids(&page);
    shown.sort();
    assert_eq!(shown, eetu_events);
    for id in p.event_ids_of(OSKARI).await {
        let (status, _) = p.call(&oskari, "service_event_page", &[("id", &id.to_string()), ("locale", "En")]).await;
        assert_eq!(status, 404);
    }

    // Back to his own data in one call.
    let (status, _) = p.call(&oskari, "act_for_self", &[]).await;
    assert_eq!(status, 200);
    let (_, page) = p.call(&oskari, "records_page", &HEALTH).await;
    assert_eq!(event_ids(&page), p.event_ids_of(OSKARI).await);

    // Reading records never writes a declaration.
    assert_eq!(p.declaration_count().await, before);
}

#[tokio::test]
async fn a_guardian_sees_only_what_was_recorded_before_the_child_turned_ten() {
    let p = portal().await;
    let oskari = p.client(Some(OSKARI)).await;
    let sofia = p.id_of(SOFIA).await.to_string();
    let (status, _) = p.call(&oskari, "act_for_child", &[("child", &sofia)]).await;
    assert_eq!(status, 200);
    let (_, page) = p.call(&oskari, "records_page", &HEALTH).await;
    let titles: Vec<&str> = page["events"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Kouluterveydenhuolto", "Neuvolakäynti"]);
    let tenth = "2020-06-02";
    for e in page["events"].as_array().unwrap() {
        for x in e["entries"].as_array().unwrap() {
            assert!(x["recorded_on"].as_str().unwrap() < tenth);
        }
    }
    // The event after her tenth birthday is not reachable by id either.
    let newest = *p.event_ids_of(SOFIA).await.last().unwrap();
    let (status, _) = p.call(&oskari, "service_event_page", &[("id", &newest.to_string()), ("locale", "En")]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn bad_filters_and_tampered_page_links_get_a_clear_400() {
    let p = portal().await;
    let matti = p.client(Some(MATTI)).await;
    for (field, value, error) in [
        ("filter[kind]", "x-ray", "Kind"),
        ("filter[from]", "2024-02-30", "From"),
        ("filter[to]", "yesterday", "To"),
        ("filter[register]", "../../etc", "Register"),
        ("filter[after]", "2024-01-01.1;DROP", "Cursor"),
    ] {
        let (status, body) = p.call(&matti, "records_page", &[("section", "Health"), (field, value), ("locale", "En")]).await;
        assert_eq!(status, 400, "{field}={value}: {body}");
        assert_eq!(body, serde_json::json!({ "BadFilter": error }), "{field}");
    }
    let (status, body) = p.call(&matti, "prescriptions_page", &[("state", "sometimes"), ("locale", "En")]).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = p.call(&matti, "records_page", &[("section", "Elsewhere"), ("locale", "En")]).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_page_link_walks_the_whole_history_once() {
    let p = portal().await;
    let helmi = p.client(Some("271055-989K")).await;
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut form = HEALTH.to_vec();
        if let Some(a) = &after {
            form.push(("filter[after]", a));
        }
        let (status, page) = p.call(&helmi, "records_page", &form).await;
        assert_eq!(status, 200, "{page}");
        pages += 1;
        seen.extend(event_ids(&page));
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_string()),
            None => {
                let total = page["matching_events"].as_i64().unwrap() as usize;
                assert_eq!(seen.len(), total);
                break;
            }
        }
    }
    let distinct: std::collections::BTreeSet<_> = seen.iter().collect();
    assert_eq!(distinct.len(), seen.len(), "no event twice");
    assert!(pages > 10, "{pages} pages");
}
