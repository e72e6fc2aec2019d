//! The confirmation step before a denial is cancelled or a consent
//! withdrawn: it says what ends and what follows, writes nothing, and is
//! refused to whoever the ending itself would be refused to.

use serde_json::Value;

use crate::test_app::{Browser, TestApp};

const LIISA: &str = "231190-924R";
const ANNA: &str = "140282-9725";
const HELMI: &str = "271055-988J";
const OSKARI: &str = "080988-9570";
const EETU: &str = "190218A967P";

async fn step(who: &Browser, what: &str, target: &str) -> (u16, Value) {
    who.call("ending_step", &[("what", what), ("target", target), ("locale", "En")]).await
}

fn sentences(step: &Value) -> Vec<String> {
    step["consequences"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_denial_is_cancelled_and_a_consent_withdrawn_only_after_a_step_that_says_what_follows() {
    let p = TestApp::spawn().await;
    let liisa = p.log_in(LIISA).await;
    let (_, page) = liisa.call("data_use_page", &[("locale", "En")]).await;
    let denial = &page["denials"][0];
    let id = denial["id"].as_i64().unwrap().to_string();
    let before = p.declaration_count().await;

    let (status, cancel) = step(&liisa, "denial", &id).await;
    assert_eq!(status, 200, "{cancel}");
    assert_eq!(cancel["description"], denial["description"]);
    assert_eq!(
        sentences(&cancel),
        ["From then on, this data is shared as your consents to data sharing and the law allow."]
    );
    let (status, withdraw) = step(&liisa, "consent", "healthcare").await;
    assert_eq!(status, 200, "{withdraw}");
    let said = sentences(&withdraw);
    assert_eq!(said.len(), 5, "{said:?}");
    assert!(said[0].starts_with("Healthcare professionals of other providers no longer see"), "{said:?}");
    assert!(said.iter().any(|s| s.starts_with("In an emergency")), "{said:?}");
    assert_eq!(p.declaration_count().await, before, "a step writes nothing");

    // Confirmed: each ends once, and there is nothing left to confirm.
    let form_key = format!("{}-end", cancel["form_key"].as_str().unwrap());
    let (status, body) = liisa.call("cancel_denial", &[("denial", &id), ("form_key", &form_key)]).await;
    assert_eq!(status, 200, "{body}");
    let form_key = format!("{}-end", withdraw["form_key"].as_str().unwrap());
    let (status, body) = liisa.call("withdraw_consent", &[("sector", "healthcare"), ("form_key", &form_key)]).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(p.declaration_count().await, before + 2);
    assert_eq!(step(&liisa, "denial", &id).await.0, 409);
    assert_eq!(step(&liisa, "consent", "healthcare").await.0, 409);
    assert_eq!(step(&liisa, "consent", "social_welfare").await.0, 409, "never given");
}

#[tokio::test]
async fn the_step_is_refused_for_what_is_not_ones_own_or_not_ones_to_end() {
    let p = TestApp::spawn().await;
    let liisa = p.log_in(LIISA).await;
    let (_, page) = liisa.call("data_use_page", &[("locale", "En")]).await;
    let liisas = page["denials"][0]["id"].as_i64().unwrap().to_string();
    // Someone else's denial is no denial of theirs to cancel.
    let oskari = p.log_in(OSKARI).await;
    assert_eq!(step(&oskari, "denial", &liisas).await.0, 409);
    // A guardian neither sets nor cancels a child's denials; an agent
    // with an e-authorisation makes no declaration at all.
    let eetu = p.id_of(EETU).await.to_string();
    assert_eq!(oskari.act_for(&eetu).await.0, 200);
    assert_eq!(step(&oskari, "denial", &liisas).await.0, 403);
    let anna = p.log_in(ANNA).await;
    let helmi = p.id_of(HELMI).await.to_string();
    assert_eq!(anna.act_for(&helmi).await.0, 200);
    assert_eq!(step(&anna, "consent", "healthcare").await.0, 403);
    // Made-up steps and targets.
    for (what, target, status) in
        [("everything", "1", 404), ("denial", "first", 404), ("consent", "dentistry", 400), ("cross", "sideways", 400)]
    {
        assert_eq!(step(&liisa, what, target).await.0, status, "{what} {target}");
    }
}

#[tokio::test]
async fn a_visits_page_offers_to_deny_its_sharing_exactly_when_management_of_data_use_would() {
    let p = TestApp::spawn().await;
    let liisa = p.log_in(LIISA).await;
    let (_, page) = liisa.call("data_use_page", &[("locale", "En")]).await;
    let offered: Vec<String> =
        page["event_choices"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap().to_string()).collect();
    let events = p.event_ids_of(LIISA).await;
    let mut denied = 0;
    for id in &events {
        let (status, event) = liisa.call("service_event_page", &[("id", &id.to_string()), ("locale", "En")]).await;
        assert_eq!(status, 200);
        let expected = if offered.contains(&id.to_string()) { "Deniable" } else { "Denied" };
        assert_eq!(event["sharing"], expected, "event {id}");
        denied += usize::from(expected == "Denied");
    }
    assert_eq!(denied, 1, "Liisa denied one service event");
    // A guardian and an agent read the page and are offered nothing.
    let oskari = p.log_in(OSKARI).await;
    let eetu = p.id_of(EETU).await.to_string();
    assert_eq!(oskari.act_for(&eetu).await.0, 200);
    let first = first_health_event(&oskari).await;
    let (status, event) = oskari.call("service_event_page", &[("id", &first), ("locale", "En")]).await;
    assert_eq!((status, &event["sharing"]), (200, &Value::Null));
    let anna = p.log_in(ANNA).await;
    let helmi = p.id_of(HELMI).await.to_string();
    assert_eq!(anna.act_for(&helmi).await.0, 200);
    let first = first_health_event(&anna).await;
    let (status, event) = anna.call("service_event_page", &[("id", &first), ("locale", "En")]).await;
    assert_eq!((status, &event["sharing"]), (200, &Value::Null));
}

/// The first service event on the health data page as `who` sees it now.
async fn first_health_event(who: &Browser) -> String {
    let (status, records) = who.call("records_page", &[("section", "Health"), ("locale", "En")]).await;
    assert_eq!(status, 200, "{records}");
    records["events"][0]["id"].as_i64().unwrap().to_string()
}
