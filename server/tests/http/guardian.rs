//! The guardian's age limit everywhere a guardian looks or acts (DOMAIN.md
//! §6, issue 16), through the real HTTP application: a 16-year-old's denial
//! of what she recorded after turning 10 is listed to her guardian without
//! naming it, cannot be cancelled by him, and her later viewings stay hers.

use chrono::{TimeZone, Utc};
use serde_json::Value;

use app::domain::declarations::{Actor, DeclarationEvent, DenialScope, ServiceEventId};
use app::server::CitizenId;

use crate::test_app::{key, TestApp};

const OSKARI: &str = "080988-9570";
const SOFIA: &str = "020610A9788";

impl TestApp {
    async fn add_viewing(&self, citizen: i64, at: chrono::DateTime<Utc>, what: &str) {
        app::with_pool!(&self.pool, db => sqlx::query(
            "INSERT INTO professional_viewing (citizen_id, provider_id, unit_id, viewed_at, what, purpose) \
             VALUES ($1, 'helsinki', 'helsinki-kallio', $2, $3, 'treatment')",
        )
        .bind(citizen)
        .bind(at)
        .bind(what)
        .execute(db)
        .await
        .map(|_| ()))
        .unwrap();
    }
}

#[tokio::test]
async fn a_guardian_of_a_teen_neither_names_nor_cancels_nor_sees_what_the_age_limit_hides() {
    let p = TestApp::spawn().await;
    let sofia = p.id_of(SOFIA).await;
    // Her sports injury, recorded after her tenth birthday (2020-06-02).
    let hidden = *p.event_ids_of(SOFIA).await.last().unwrap();
    let denial = p
        .pool
        .record_declaration(
            CitizenId(sofia),
            &Actor::Citizen,
            &DeclarationEvent::DenialSet {
                scope: DenialScope::ServiceEvent(ServiceEventId(hidden)),
                allow_in_emergency: false,
            },
            Utc::now(),
            p.opens,
            None,
        )
        .await
        .unwrap()
        .unwrap();
    p.add_viewing(sofia, Utc.with_ymd_and_hms(2019, 3, 4, 10, 0, 0).unwrap(), "Neuvolan kertomus").await;
    p.add_viewing(sofia, Utc::now() - chrono::Duration::days(10), "Urheiluvamman kuvat").await;

    let oskari = p.client(Some(OSKARI)).await;
    let (status, _) = p.call(&oskari, "act_for", &[("person", &sofia.to_string())]).await;
    assert_eq!(status, 200);

    // The denials list: shown, not named, not cancellable.
    let (status, page) = p.call(&oskari, "data_use_page", &[("locale", "En")]).await;
    assert_eq!(status, 200, "{page}");
    let listed =
        page["denials"].as_array().unwrap().iter().find(|d| d["id"] == denial.0).expect("the denial is listed").clone();
    assert_eq!(listed["description"], "data that a guardian does not see (recorded after the child turned 10)");
    assert_eq!(listed["cancellable"], false);
    assert!(!page.to_string().contains("Urheiluvamma"), "the page names nothing hidden: {page}");

    // The history does not name it either.
    let (status, history) = p.call(&oskari, "declaration_history", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    assert!(history.as_array().is_some_and(|rows| !rows.is_empty()));
    assert!(!history.to_string().contains("Urheiluvamma"), "{history}");

    // Cancelling it is refused and writes nothing.
    let before = p.declaration_count().await;
    let (status, body) =
        p.call(&oskari, "cancel_denial", &[("denial", &denial.0.to_string()), ("form_key", &key(1))]).await;
    assert_eq!((status, body), (403, Value::String("Forbidden".into())));
    assert_eq!(p.declaration_count().await, before);

    // Viewings: only the one from before she turned 10.
    let (status, viewings) = p.call(&oskari, "viewings_page", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    let what: Vec<&str> =
        viewings["viewings"].as_array().unwrap().iter().map(|v| v["what"].as_str().unwrap()).collect();
    assert_eq!(what, ["Neuvolan kertomus"]);
}

#[tokio::test]
async fn a_guardian_still_cancels_a_denial_of_what_he_can_see() {
    let p = TestApp::spawn().await;
    let sofia = p.id_of(SOFIA).await;
    let visible = p.event_ids_of(SOFIA).await[0];
    let oskari = p.client(Some(OSKARI)).await;
    let (status, _) = p.call(&oskari, "act_for", &[("person", &sofia.to_string())]).await;
    assert_eq!(status, 200);
    let (status, body) = p
        .call(
            &oskari,
            "set_denial",
            &[("kind", "service_event"), ("target", &visible.to_string()), ("form_key", &key(1))],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = p.call(&oskari, "data_use_page", &[("locale", "En")]).await;
    let listed = page["denials"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(listed["cancellable"], true);
    assert!(listed["description"].as_str().unwrap().contains("Neuvolakäynti"), "{listed}");
    let (status, body) =
        p.call(&oskari, "cancel_denial", &[("denial", &listed["id"].to_string()), ("form_key", &key(2))]).await;
    assert_eq!(status, 200, "{body}");
}
