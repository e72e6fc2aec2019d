//! Acting for another adult with an e-authorisation (DOMAIN.md §8),
//! through the real HTTP application, in the access matrix's style:
//! Anna, holding Helmi's authorisation, may read Helmi's data and is
//! refused every declaration for her (403, nothing written); she may not act
//! for anyone else, nor outside the authorisation's days; every view made
//! while acting is logged with the actor.

use chrono::{Duration, Utc};
use serde_json::Value;

use crate::test_app::{TestApp, MATTI};

const ANNA: &str = "140282-9725";
const HELMI: &str = "271055-988J";
const OSKARI: &str = "080988-9570";
const EETU: &str = "190218A967P";
const HEALTH: [(&str, &str); 2] = [("section", "Health"), ("locale", "En")];

fn event_ids(page: &Value) -> Vec<i64> {
    page["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

impl TestApp {
    async fn authorise(&self, principal: i64, agent: i64, from: chrono::NaiveDate, until: chrono::NaiveDate) {
        app::with_pool!(&self.pool, db => sqlx::query(
            "INSERT INTO authorisation (principal_id, agent_id, valid_from, valid_until) VALUES ($1, $2, $3, $4)",
        )
        .bind(principal).bind(agent).bind(from).bind(until)
        .execute(db).await.map(|_| ()))
        .unwrap();
    }

    /// (actor, subject, right, what) of every logged view made while acting.
    async fn acting_views(&self) -> Vec<(i64, i64, String, String)> {
        app::with_pool!(&self.pool, db => sqlx::query_as(
            "SELECT actor_id, subject_id, acting_right, what FROM acting_viewing ORDER BY id",
        )
        .fetch_all(db).await)
        .unwrap()
    }
}

#[tokio::test]
async fn an_authorised_adult_reads_the_principals_data_and_is_refused_every_declaration() {
    let p = TestApp::spawn().await;
    let (anna_id, helmi) = (p.id_of(ANNA).await, p.id_of(HELMI).await);
    let anna = p.log_in(ANNA).await;
    // A key Anna was given for her own page, kept for a forged post below.
    let own_key = anna.page_key().await;

    let (status, people) = anna.call("people_to_act_for", &[]).await;
    assert_eq!(status, 200);
    let people = people.as_array().unwrap();
    assert_eq!(people.len(), 1, "{people:?}");
    assert_eq!(people[0]["id"], helmi);
    assert_eq!(people[0]["right"], "Authorisation");
    assert_eq!(people[0]["age"], Value::Null);
    assert_eq!(anna.act_for(&helmi.to_string()).await.0, 200);

    // The header names Helmi and the right; her records are the ones shown.
    let (_, who) = anna.call("session_citizen", &[]).await;
    assert_eq!(who["full_name"], "Anna Koskinen");
    assert_eq!(who["acting_for"]["name"], "Helmi Koskinen");
    assert_eq!(who["acting_for"]["right"], "Authorisation");
    let helmi_events = p.event_ids_of(HELMI).await;
    let (status, page) = anna.call("records_page", &HEALTH).await;
    assert_eq!(status, 200);
    let shown = event_ids(&page);
    assert!(!shown.is_empty() && shown.iter().all(|id| helmi_events.contains(id)), "{shown:?}");
    let (status, series) = anna.call("laboratory_series", &[("test", "P -Krea")]).await;
    assert_eq!(status, 200, "{series}");
    // Her authorisation names healthcare matters only: Helmi's social welfare
    // documents are refused, naming why (and the refusal is no view).
    let social = [("section", "SocialWelfare"), ("locale", "En")];
    let (status, body) = anna.call("records_page", &social).await;
    assert_eq!((status, body), (403, serde_json::json!({ "NotAuthorisedFor": "SocialWelfare" })));

    // The Management of Data Use page: readable, with no form key (no forms).
    let (status, data_use) = anna.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    assert_eq!(data_use["form_key"], Value::Null);
    assert_eq!(data_use["view_only_for"], "Helmi Koskinen");
    assert_eq!(data_use["child_name"], Value::Null);

    // Every declaration, and a denial's confirmation step, is refused.
    let before = p.declaration_count().await;
    let helmis_consent: i64 = app::with_pool!(&p.pool, db => sqlx::query_scalar(
        "SELECT id FROM declaration WHERE citizen_id = $1 ORDER BY id LIMIT 1").bind(helmi).fetch_one(db).await)
    .unwrap();
    // (Not the `key(n)` stand-in: loading the page for it would log views.)
    let k = "any-key".to_string();
    let denial = helmis_consent.to_string();
    let forged = format!("{own_key}-1");
    for (name, form) in [
        ("give_consent", vec![("sector", "healthcare"), ("form_key", k.as_str())]),
        ("withdraw_consent", vec![("sector", "healthcare"), ("form_key", k.as_str())]),
        ("withdraw_consent", vec![("sector", "healthcare"), ("form_key", forged.as_str())]),
        ("update_consent", vec![("sector", "healthcare"), ("form_key", k.as_str())]),
        ("give_cross_consent", vec![("direction", "healthcare_to_social_welfare"), ("form_key", k.as_str())]),
        ("withdraw_cross_consent", vec![("direction", "healthcare_to_social_welfare"), ("form_key", k.as_str())]),
        ("allow_prescription_emergency", vec![("form_key", k.as_str())]),
        ("withdraw_prescription_emergency", vec![("form_key", k.as_str())]),
        ("set_denial", vec![("kind", "comprehensive"), ("target", "healthcare"), ("form_key", k.as_str())]),
        ("cancel_denial", vec![("denial", denial.as_str()), ("form_key", k.as_str())]),
        ("denial_consequence", vec![("kind", "comprehensive"), ("target", "healthcare"), ("locale", "En")]),
        ("confirm_child_notice", vec![("version", "2023-11"), ("form_key", k.as_str())]),
    ] {
        let (status, body) = anna.call(name, &form).await;
        assert_eq!(status, 403, "{name}: {body}");
    }
    // Refused in words that say why: only the person themself declares.
    for name in ["give_consent", "denial_consequence"] {
        let form = [("sector", "healthcare"), ("kind", "comprehensive"), ("target", "healthcare"), ("locale", "En")];
        let (status, body) = anna.call(name, &[&form[..], &[("form_key", k.as_str())]].concat()).await;
        assert_eq!((status, body), (403, Value::String("AgentMayNotDeclare".into())), "{name}");
    }
    assert_eq!(p.declaration_count().await, before, "nothing written");
    let refusals: i64 = app::with_pool!(&p.pool, db => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_event WHERE kind = 'access_refused' AND citizen_id = $1 AND subject_id = $2")
        .bind(anna_id).bind(helmi).fetch_one(db).await)
    .unwrap();
    assert!(refusals >= 12, "each refusal is in the audit log: {refusals}");

    // Her views while acting are logged with her as the actor, by which right.
    let views = p.acting_views().await;
    assert!(views
        .iter()
        .all(|(actor, subject, right, _)| (*actor, *subject, right.as_str()) == (anna_id, helmi, "authorisation")));
    let what: Vec<&str> = views.iter().map(|v| v.3.as_str()).collect();
    assert_eq!(what, ["/api/records_page", "/api/laboratory_series", "/api/data_use_page"], "refusals are no views");

    // Back to her own data: her own records again, and nothing more logged.
    assert_eq!(anna.act_for_self().await.0, 200);
    let (_, page) = anna.call("records_page", &HEALTH).await;
    assert_eq!(page["matching_events"], p.event_ids_of(ANNA).await.len());
    assert_eq!(p.acting_views().await.len(), views.len());

    // Helmi sees who viewed her data while acting for her, and by which right.
    let helmi = p.log_in(HELMI).await;
    let (status, page) = helmi.call("viewings_page", &[("locale", "En")]).await;
    assert_eq!(status, 200, "{page}");
    let seen: Vec<(String, String, String)> = page["by_people_acting"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (v["who"].as_str().unwrap().into(), v["right"].as_str().unwrap().into(), v["page"].as_str().unwrap().into())
        })
        .collect();
    let by_anna = |page: &str| ("Anna Koskinen".to_string(), "Authorisation".to_string(), page.to_string());
    let expected = [by_anna("Management of Data Use"), by_anna("Laboratory results"), by_anna("Health data")];
    assert_eq!(seen, expected, "newest first");
    // Anna's own page of viewings has none of hers.
    let (_, own) = anna.call("viewings_page", &[("locale", "En")]).await;
    assert_eq!(own["by_people_acting"], serde_json::json!([]));
}

#[tokio::test]
async fn an_authorisation_holds_for_its_principal_only_and_on_its_days_only() {
    let p = TestApp::spawn().await;
    let (anna_id, helmi, matti) = (p.id_of(ANNA).await, p.id_of(HELMI).await, p.id_of(MATTI).await);
    let today = app::domain::time::helsinki_today(Utc::now());
    // Matti's authorisation for Anna ended yesterday; Oskari's begins tomorrow.
    p.authorise(matti, anna_id, today - Duration::days(400), today - Duration::days(1)).await;
    let oskari = p.id_of(OSKARI).await;
    p.authorise(oskari, anna_id, today + Duration::days(1), today + Duration::days(400)).await;

    let anna = p.log_in(ANNA).await;
    let (_, people) = anna.call("people_to_act_for", &[]).await;
    let listed: Vec<i64> = people.as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(listed, [helmi], "only the authorisation valid today");
    let eetu = p.id_of(EETU).await;
    for other in [matti, oskari, eetu, anna_id, 999_999] {
        let (status, body) = anna.act_for(&other.to_string()).await;
        assert_eq!(status, 403, "{other}: {body}");
    }
    let (_, who) = anna.call("session_citizen", &[]).await;
    assert_eq!(who["acting_for"], Value::Null);

    // Helmi's authorisation ends while Anna acts for her: the next request
    // shows Anna her own data, and the header says so.
    assert_eq!(anna.act_for(&helmi.to_string()).await.0, 200);
    let (_, page) = anna.call("records_page", &HEALTH).await;
    assert!(page["matching_events"].as_u64().unwrap() > 100, "Helmi's long history");
    app::with_pool!(&p.pool, db => sqlx::query("UPDATE authorisation SET valid_until = $1 WHERE principal_id = $2")
        .bind(today - Duration::days(1)).bind(helmi).execute(db).await.map(|_| ()))
    .unwrap();
    let (_, page) = anna.call("records_page", &HEALTH).await;
    assert_eq!(page["matching_events"], p.event_ids_of(ANNA).await.len(), "her own data again");
    let (_, who) = anna.call("session_citizen", &[]).await;
    assert_eq!(who["acting_for"], Value::Null);
}

#[tokio::test]
async fn a_page_viewed_while_acting_is_logged_once_and_a_guardians_views_too() {
    let p = TestApp::spawn().await;
    let (oskari_id, eetu) = (p.id_of(OSKARI).await, p.id_of(EETU).await);
    let oskari = p.log_in(OSKARI).await;
    oskari.get(format!("{}/records", p.base)).send().await.unwrap();
    assert!(p.acting_views().await.is_empty(), "his own data is no one else's view");
    assert_eq!(oskari.act_for(&eetu.to_string()).await.0, 200);

    // The page runs several server functions; its view is one line.
    let page = oskari.get(format!("{}/records", p.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Eetu Laine"));
    assert_eq!(p.acting_views().await, [(oskari_id, eetu, "guardian".to_string(), "/records".to_string())]);
    oskari.get(format!("{}/", p.base)).send().await.unwrap();
    assert_eq!(p.acting_views().await.len(), 2);
}

#[tokio::test]
async fn an_authorisation_for_healthcare_shows_no_social_welfare_document_anywhere() {
    let p = TestApp::spawn().await;
    let helmi = p.id_of(HELMI).await;
    let social: Vec<i64> = app::with_pool!(&p.pool, db => sqlx::query_scalar(
        "SELECT e.id FROM service_event e JOIN register r ON r.id = e.register_id \
         WHERE e.citizen_id = $1 AND r.kind = 'social_welfare_client' ORDER BY e.id")
        .bind(helmi).fetch_all(db).await)
    .unwrap();
    assert!(!social.is_empty(), "Helmi has social welfare documents");
    let anna = p.log_in(ANNA).await;
    assert_eq!(anna.act_for(&helmi.to_string()).await.0, 200);
    for id in &social {
        let (status, _) = anna.call("service_event_page", &[("id", &id.to_string()), ("locale", "En")]).await;
        assert_eq!(status, 404, "event {id}");
    }
    let (_, preview) = anna.call("preview_page", &[("viewer", "hus:healthcare"), ("locale", "En")]).await;
    let registers: Vec<&str> =
        preview["rows"].as_array().unwrap().iter().map(|r| r["register"].as_str().unwrap()).collect();
    assert!(!registers.iter().any(|r| r.contains("social welfare")), "{registers:?}");
    // Helmi herself sees them all.
    let helmi_client = p.log_in(HELMI).await;
    let (status, page) = helmi_client.call("records_page", &[("section", "SocialWelfare"), ("locale", "En")]).await;
    assert_eq!(status, 200);
    assert!(!event_ids(&page).is_empty());
}
