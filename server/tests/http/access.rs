//! Who may read what, through the real HTTP application: every server
//! function of the records pages is called anonymously, as
//! another citizen, and as a guardian reaching for someone who is not their
//! child; refused calls answer 401, 403 or 404 and show nobody else's data.

use serde_json::Value;

use crate::test_app::{key, TestApp, MATTI};

const LIISA: &str = "231190-924R";
const OSKARI: &str = "080988-9570";
const EETU: &str = "190218A967P";
const SOFIA: &str = "020610A9788";

fn event_ids(page: &Value) -> Vec<i64> {
    page["events"].as_array().unwrap().iter().map(|e| e["id"].as_i64().unwrap()).collect()
}

const HEALTH: [(&str, &str); 2] = [("section", "Health"), ("locale", "En")];

#[tokio::test]
async fn anonymous_callers_get_401_from_every_records_function() {
    let p = TestApp::spawn().await;
    let anon = p.browser();
    let eetu = p.id_of(EETU).await.to_string();
    let matti_event = p.event_ids_of(MATTI).await[0].to_string();
    for (name, form) in [
        ("records_page", HEALTH.to_vec()),
        ("service_event_page", vec![("id", matti_event.as_str()), ("locale", "En")]),
        ("prescriptions_page", vec![("locale", "En")]),
        ("people_to_act_for", vec![]),
        ("act_for", vec![("person", eetu.as_str())]),
        ("act_for_self", vec![]),
    ] {
        let (status, body) = anon.call(name, &form).await;
        assert_eq!(status, 401, "{name}: {body}");
        assert_eq!(body, Value::String("NotAuthenticated".into()), "{name}");
    }
}

#[tokio::test]
async fn a_citizen_sees_all_of_their_own_records_and_nobody_elses() {
    let p = TestApp::spawn().await;
    let liisa = p.log_in(LIISA).await;
    let matti_events = p.event_ids_of(MATTI).await;
    let liisa_events = p.event_ids_of(LIISA).await;

    // Liisa's list holds exactly her own health events, also the one she denied to others.
    let (status, page) = liisa.call("records_page", &HEALTH).await;
    assert_eq!(status, 200, "{page}");
    let mut shown = event_ids(&page);
    shown.sort();
    assert_eq!(shown, liisa_events);

    // Matti's events by id: not found, whichever of them is asked for.
    for id in &matti_events {
        let (status, body) = liisa.call("service_event_page", &[("id", &id.to_string()), ("locale", "En")]).await;
        assert_eq!(status, 404, "event {id}: {body}");
        assert_eq!(body, Value::String("NotFound".into()));
    }
    // Her own: found.
    let (status, body) =
        liisa.call("service_event_page", &[("id", &liisa_events[0].to_string()), ("locale", "En")]).await;
    assert_eq!(status, 200, "{body}");

    // Prescriptions: exactly hers (three), never Matti's medicines.
    let (status, rx) = liisa.call("prescriptions_page", &[("state", "all"), ("locale", "En")]).await;
    assert_eq!(status, 200);
    let medicines: Vec<&str> =
        rx["shown"].as_array().unwrap().iter().map(|x| x["medicine"].as_str().unwrap()).collect();
    assert_eq!(medicines.len(), 3, "{medicines:?}");
    assert!(!medicines.contains(&"Metformiini"));

    // A filter naming Matti's register or provider gives Liisa an empty list, not his data.
    let (status, page) = liisa
        .call(
            "records_page",
            &[("section", "Health"), ("filter[register]", "varsinais-suomi/patient"), ("locale", "En")],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(page["matching_entries"], 0);
    assert!(event_ids(&page).is_empty());
}

#[tokio::test]
async fn a_guardian_acts_only_for_a_minor_in_their_own_guardianship() {
    let p = TestApp::spawn().await;
    let before = p.declaration_count().await;
    let matti = p.log_in(MATTI).await;
    let eetu = p.id_of(EETU).await.to_string();
    let eetu_events = p.event_ids_of(EETU).await;
    let matti_events = p.event_ids_of(MATTI).await;

    // Matti is nobody's guardian: 403, and his session still shows his own data.
    let (status, body) = matti.act_for(&eetu).await;
    assert_eq!(status, 403, "{body}");
    let (_, page) = matti.call("records_page", &HEALTH).await;
    assert!(event_ids(&page).iter().all(|id| matti_events.contains(id)));
    let (_, children) = matti.call("people_to_act_for", &[]).await;
    assert_eq!(children, Value::Array(vec![]));

    // Oskari may not act for an adult who is not his child, nor for an id that does not exist.
    let oskari = p.log_in(OSKARI).await;
    for other in [p.id_of(MATTI).await.to_string(), "999999".to_string(), "-1".to_string()] {
        let (status, _) = oskari.act_for(&other).await;
        assert_eq!(status, 403, "child {other}");
    }
    let (status, _) = oskari.act_for("not-a-number").await;
    assert_eq!(status, 400);

    // He may act for Eetu: then Eetu's records are the ones shown, and Oskari's own are not.
    let (_, children) = oskari.call("people_to_act_for", &[]).await;
    assert_eq!(children.as_array().unwrap().len(), 2);
    let (status, _) = oskari.act_for(&eetu).await;
    assert_eq!(status, 200);
    let (_, page) = oskari.call("records_page", &HEALTH).await;
    let mut shown = event_ids(&page);
    shown.sort();
    assert_eq!(shown, eetu_events);
    for id in p.event_ids_of(OSKARI).await {
        let (status, _) = oskari.call("service_event_page", &[("id", &id.to_string()), ("locale", "En")]).await;
        assert_eq!(status, 404);
    }

    // Back to his own data in one call.
    let (status, _) = oskari.act_for_self().await;
    assert_eq!(status, 200);
    let (_, page) = oskari.call("records_page", &HEALTH).await;
    assert_eq!(event_ids(&page), p.event_ids_of(OSKARI).await);

    // Reading records never writes a declaration.
    assert_eq!(p.declaration_count().await, before);
}

#[tokio::test]
async fn a_guardian_sees_only_what_was_recorded_before_the_child_turned_ten() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    let sofia = p.id_of(SOFIA).await.to_string();
    let (status, _) = oskari.act_for(&sofia).await;
    assert_eq!(status, 200);
    let (_, page) = oskari.call("records_page", &HEALTH).await;
    let titles: Vec<&str> = page["events"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap()).collect();
    // Up to the school health check at nine; not the HPV vaccine at 11,
    // the booster at 14 or last summer's sports injury.
    assert_eq!(titles.len(), 9, "{titles:?}");
    assert_eq!(titles[0], "Kouluterveydenhuollon laaja terveystarkastus");
    assert!(titles[1..].iter().all(|t| t.starts_with("Neuvola")), "{titles:?}");
    let tenth = "2020-06-02";
    for e in page["events"].as_array().unwrap() {
        for x in e["entries"].as_array().unwrap() {
            assert!(x["recorded_on"].as_str().unwrap() < tenth);
        }
    }
    // The event after her tenth birthday is not reachable by id either,
    // nor can her guardian deny what he cannot see.
    let newest = *p.event_ids_of(SOFIA).await.last().unwrap();
    let (status, _) = oskari.call("service_event_page", &[("id", &newest.to_string()), ("locale", "En")]).await;
    assert_eq!(status, 404);
    let before = p.declaration_count().await;
    let (status, _) = oskari
        .call(
            "set_denial",
            &[("kind", "service_event"), ("target", &newest.to_string()), ("form_key", &format!("{:032x}", 77))],
        )
        .await;
    assert_eq!(status, 403);
    let (status, _) = oskari
        .call("denial_consequence", &[("kind", "service_event"), ("target", &newest.to_string()), ("locale", "En")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(p.declaration_count().await, before);
}

#[tokio::test]
async fn bad_filters_and_tampered_page_links_get_a_clear_400() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    for (field, value, error) in [
        ("filter[kind]", "x-ray", "Kind"),
        ("filter[from]", "2024-02-30", "From"),
        ("filter[to]", "yesterday", "To"),
        ("filter[register]", "../../etc", "Register"),
        ("filter[after]", "2024-01-01.1;DROP", "Cursor"),
    ] {
        let (status, body) =
            matti.call("records_page", &[("section", "Health"), (field, value), ("locale", "En")]).await;
        assert_eq!(status, 400, "{field}={value}: {body}");
        assert_eq!(body, serde_json::json!({ "BadFilter": error }), "{field}");
    }
    let (status, body) = matti.call("prescriptions_page", &[("state", "sometimes"), ("locale", "En")]).await;
    assert_eq!(status, 400, "{body}");
    let (status, _) = matti.call("records_page", &[("section", "Elsewhere"), ("locale", "En")]).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn a_page_link_walks_the_whole_history_once() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in("271055-988J").await;
    let mut seen = Vec::new();
    let mut after: Option<String> = None;
    let mut pages = 0;
    loop {
        let mut form = HEALTH.to_vec();
        if let Some(a) = &after {
            form.push(("filter[after]", a));
        }
        let (status, page) = helmi.call("records_page", &form).await;
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
    assert!(pages > 5, "{pages} pages");

    // And back again with the "previous page" links, page by page, to the first.
    let mut back: Vec<i64> = Vec::new();
    let form = [("section", "Health"), ("filter[after]", after.as_deref().unwrap()), ("locale", "En")];
    let (_, mut page) = helmi.call("records_page", &form).await;
    back.splice(0..0, event_ids(&page));
    while let Some(previous) = page["previous"].as_str().map(str::to_string) {
        let (status, newer) =
            helmi.call("records_page", &[("section", "Health"), ("filter[before]", &previous), ("locale", "En")]).await;
        assert_eq!(status, 200, "{newer}");
        back.splice(0..0, event_ids(&newer));
        page = newer;
    }
    assert_eq!(back, seen, "the same events, in the same order, walking back");
    assert!(page["next"].is_string());
}

// ---- Management of Data Use ----

const JUHANI: &str = "300178-935E";

impl TestApp {
    async fn declarations_of(&self, code: &str) -> Vec<(String, String, Option<i64>)> {
        app::with_pool!(&self.pool, db => sqlx::query_as(
            "SELECT d.event, d.actor, d.actor_citizen_id FROM declaration d JOIN citizen c ON c.id = d.citizen_id \
             WHERE c.identity_code = $1 ORDER BY d.id",
        )
        .bind(code)
        .fetch_all(db)
        .await)
        .unwrap()
    }

    async fn valid_denial_ids_of(&self, code: &str) -> Vec<i64> {
        app::with_pool!(&self.pool, db => sqlx::query_scalar(
            "SELECT d.id FROM declaration d JOIN citizen c ON c.id = d.citizen_id WHERE c.identity_code = $1 \
             AND d.event = 'denial_set' AND NOT EXISTS (SELECT 1 FROM declaration x WHERE x.cancels_id = d.id) ORDER BY d.id",
        )
        .bind(code)
        .fetch_all(db)
        .await)
        .unwrap()
    }
}

#[tokio::test]
async fn every_declaration_function_refuses_anonymous_callers_and_writes_nothing() {
    let p = TestApp::spawn().await;
    let anon = p.browser();
    let before = p.declaration_count().await;
    let k = key(1);
    let liisa_denial = p.valid_denial_ids_of(LIISA).await[0].to_string();
    let liisa_event = p.event_ids_of(LIISA).await[0].to_string();
    for (name, form) in [
        ("give_consent", vec![("sector", "healthcare"), ("form_key", k.as_str())]),
        ("withdraw_consent", vec![("sector", "healthcare"), ("form_key", k.as_str())]),
        ("give_cross_consent", vec![("direction", "healthcare_to_social_welfare"), ("form_key", k.as_str())]),
        ("withdraw_cross_consent", vec![("direction", "healthcare_to_social_welfare"), ("form_key", k.as_str())]),
        ("set_denial", vec![("kind", "service_event"), ("target", liisa_event.as_str()), ("form_key", k.as_str())]),
        ("cancel_denial", vec![("denial", liisa_denial.as_str()), ("form_key", k.as_str())]),
        ("denial_consequence", vec![("kind", "uusimaa"), ("locale", "En")]),
        ("data_use_page", vec![("locale", "En")]),
        ("declaration_history", vec![("locale", "En")]),
        ("viewings_page", vec![("locale", "En")]),
        ("preview_page", vec![("viewer", "hus:healthcare"), ("locale", "En")]),
    ] {
        let (status, body) = anon.call(name, &form).await;
        assert_eq!(status, 401, "{name}: {body}");
    }
    assert_eq!(p.declaration_count().await, before);
}

#[tokio::test]
async fn another_citizens_events_and_denials_are_refused_with_403_and_nothing_is_written() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let before = p.declaration_count().await;
    let liisa_event = p.event_ids_of(LIISA).await[0].to_string();
    let liisa_denial = p.valid_denial_ids_of(LIISA).await[0].to_string();
    let liisa_rx: i64 = app::with_pool!(&p.pool, db => sqlx::query_scalar("SELECT x.id FROM prescription x JOIN citizen c ON c.id = x.citizen_id WHERE c.identity_code = $1 LIMIT 1")
        .bind(LIISA).fetch_one(db).await).unwrap();
    let (status, body) =
        matti.call("set_denial", &[("kind", "service_event"), ("target", &liisa_event), ("form_key", &key(2))]).await;
    assert_eq!((status, body), (403, serde_json::json!({ "Declaration": "NotTheCitizensData" })));
    let (status, _) = matti
        .call("set_denial", &[("kind", "prescription"), ("target", &liisa_rx.to_string()), ("form_key", &key(3))])
        .await;
    assert_eq!(status, 403);
    let (status, _) =
        matti.call("set_denial", &[("kind", "register"), ("target", "hus:patient"), ("form_key", &key(4))]).await;
    assert_eq!(status, 403, "Matti has no data at HUS");
    let (status, _) = matti
        .call("set_denial", &[("kind", "register"), ("target", "lahiklinikka:patient"), ("form_key", &key(6))])
        .await;
    assert_eq!(status, 403, "a private clinic's ordinary register is denied event by event only");
    let (status, _) = matti.call("cancel_denial", &[("denial", &liisa_denial), ("form_key", &key(5))]).await;
    assert_eq!(status, 403);
    let (status, _) = matti
        .call("denial_consequence", &[("kind", "service_event"), ("target", &liisa_event), ("locale", "En")])
        .await;
    assert_eq!(status, 403);
    assert_eq!(p.declaration_count().await, before);
    assert_eq!(p.valid_denial_ids_of(LIISA).await.len(), 2);
}

#[tokio::test]
async fn a_guardian_declares_for_his_child_as_guardian_and_for_himself_as_himself() {
    let p = TestApp::spawn().await;
    let oskari_id = p.id_of(OSKARI).await;
    let eetu = p.id_of(EETU).await.to_string();

    // Someone who is not Eetu's guardian cannot reach him, so his declarations stay his own.
    let matti = p.log_in(MATTI).await;
    let (status, _) = matti.act_for(&eetu).await;
    assert_eq!(status, 403);
    let (status, body) = matti.call("give_consent", &[("sector", "social_welfare"), ("form_key", &key(10))]).await;
    assert_eq!(status, 200, "{body}");
    assert!(p.declarations_of(EETU).await.is_empty());
    assert_eq!(p.declarations_of(MATTI).await.last().unwrap().0, "consent_given");

    // Oskari for himself: the citizen is the actor.
    let oskari = p.log_in(OSKARI).await;
    let (status, _) = oskari.call("set_denial", &[("kind", "uusimaa"), ("form_key", &key(11))]).await;
    assert_eq!(status, 200);
    assert_eq!(
        p.declarations_of(OSKARI).await.last().unwrap(),
        &("denial_set".to_string(), "citizen".to_string(), None)
    );

    // Oskari for Eetu: a consent is recorded on Eetu, with Oskari as the
    // guardian actor, whatever the form says about the actor.
    oskari.act_for(&eetu).await;
    let (status, body) = oskari
        .call("give_consent", &[("sector", "social_welfare"), ("form_key", &key(12)), ("actor", "Citizen")])
        .await;
    // The unknown field is ignored: the actor comes from the session.
    assert_eq!(status, 200, "{body}");
    assert_eq!(p.declarations_of(EETU).await, [("consent_given".to_string(), "guardian".to_string(), Some(oskari_id))]);
    // A denial is Eetu's own matter (DOMAIN.md §6): refused, nothing written,
    // the answer saying where a guardian asks for one.
    let eetu_event = p.event_ids_of(EETU).await[0].to_string();
    let k = key(13);
    for (name, form) in [
        ("set_denial", vec![("kind", "service_event"), ("target", eetu_event.as_str()), ("form_key", k.as_str())]),
        ("denial_consequence", vec![("kind", "service_event"), ("target", eetu_event.as_str()), ("locale", "En")]),
        ("allow_prescription_emergency", vec![("form_key", k.as_str())]),
    ] {
        let (status, body) = oskari.call(name, &form).await;
        assert_eq!((status, body), (403, serde_json::json!({ "OwnMatter": "Denials" })), "{name}");
    }
    assert_eq!(p.declarations_of(EETU).await.len(), 1, "no denial was written");
    // The history names the guardian.
    let (_, history) = oskari.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(history[0]["actor"], "Guardian Oskari Laine");
}

#[tokio::test]
async fn a_double_submit_records_one_declaration_and_nonsense_is_refused() {
    let p = TestApp::spawn().await;
    let juhani = p.log_in(JUHANI).await;
    // His healthcare consent (DOMAIN.md §9) is withdrawn first, so that it can be given.
    let (status, body) = juhani.call("withdraw_consent", &[("sector", "healthcare"), ("form_key", &key(19))]).await;
    assert_eq!(status, 200, "{body}");
    let before = p.declarations_of(JUHANI).await.len();
    for _ in 0..2 {
        let (status, body) = juhani.call("give_consent", &[("sector", "healthcare"), ("form_key", &key(20))]).await;
        assert_eq!(status, 200, "{body}");
    }
    assert_eq!(p.declarations_of(JUHANI).await.len(), before + 1);
    // Giving it again with a new form is refused: it is already valid.
    let (status, body) = juhani.call("give_consent", &[("sector", "healthcare"), ("form_key", &key(21))]).await;
    assert_eq!((status, body), (409, serde_json::json!({ "Declaration": "ConsentAlreadyGiven" })));
    // A sector that does not exist, a broken key, a cross-sector consent before 1 March 2027.
    let (status, body) = juhani.call("give_consent", &[("sector", "dentistry"), ("form_key", &key(22))]).await;
    assert_eq!((status, body), (400, serde_json::json!({ "BadForm": "Sector" })));
    let (status, _) = juhani.call("give_consent", &[("sector", "social_welfare"), ("form_key", "1")]).await;
    assert_eq!(status, 400);
    let (status, body) = juhani
        .call("give_cross_consent", &[("direction", "healthcare_to_social_welfare"), ("form_key", &key(23))])
        .await;
    assert_eq!((status, body), (409, serde_json::json!({ "Declaration": "CrossSectorNotOpenYet" })));
    // Cancelling a denial twice: the second is refused.
    let denial = p.valid_denial_ids_of(JUHANI).await[0].to_string();
    let (status, _) = juhani.call("cancel_denial", &[("denial", &denial), ("form_key", &key(24))]).await;
    assert_eq!(status, 200);
    let (status, body) = juhani.call("cancel_denial", &[("denial", &denial), ("form_key", &key(25))]).await;
    assert_eq!((status, body), (409, serde_json::json!({ "Declaration": "NoDenialToCancel" })));
    assert_eq!(p.declarations_of(JUHANI).await.len(), before + 2);
}

#[tokio::test]
async fn cross_sector_consents_open_on_the_configured_date() {
    let p = TestApp::builder().cross_sector_opens(2020, 1, 1).spawn().await;
    let juhani = p.log_in(JUHANI).await;
    let (_, page) = juhani.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(page["cross_open"], true);
    let (status, _) = juhani
        .call("give_cross_consent", &[("direction", "social_welfare_to_healthcare"), ("form_key", &key(30))])
        .await;
    assert_eq!(status, 200);
    let (_, page) = juhani.call("data_use_page", &[("locale", "En")]).await;
    assert!(page["cross"][1]["given_at"].is_string(), "{page}");
    let (status, _) = juhani
        .call("withdraw_cross_consent", &[("direction", "social_welfare_to_healthcare"), ("form_key", &key(31))])
        .await;
    assert_eq!(status, 200);
    let (_, page) = juhani.call("data_use_page", &[("locale", "En")]).await;
    assert!(page["cross"][1]["given_at"].is_null());
}

#[tokio::test]
async fn the_preview_follows_the_declarations() {
    let p = TestApp::spawn().await;
    let liisa = p.log_in(LIISA).await;
    let visible = |page: &Value| page["rows"].as_array().unwrap().iter().filter(|r| r["visible"] == true).count();
    // Varsinais-Suomi healthcare sees Liisa's data by her consent, except the denied event.
    let form = [("viewer", "varsinais-suomi:healthcare"), ("situation", "treatment"), ("locale", "En")];
    let (status, before) = liisa.call("preview_page", &form).await;
    assert_eq!(status, 200, "{before}");
    let denied: Vec<&Value> = before["rows"].as_array().unwrap().iter().filter(|r| r["visible"] == false).collect();
    assert!(denied.iter().any(|r| r["label"] == "Mielenterveyskäynti"), "{before}");
    let denial = p.valid_denial_ids_of(LIISA).await[0].to_string();
    let (status, _) = liisa.call("cancel_denial", &[("denial", &denial), ("form_key", &key(40))]).await;
    assert_eq!(status, 200);
    let (_, after) = liisa.call("preview_page", &form).await;
    assert_eq!(visible(&after), visible(&before) + 1);
    // A viewer that is not a choice, and a situation that does not exist.
    let (status, _) = liisa.call("preview_page", &[("viewer", "hus:pharmacy"), ("locale", "En")]).await;
    assert_eq!(status, 400);
    let (status, _) =
        liisa.call("preview_page", &[("viewer", "hus:healthcare"), ("situation", "war"), ("locale", "En")]).await;
    assert_eq!(status, 400);
}

/// Through the real server functions: the emergency rule (6), the
/// one emergency permission of prescriptions, a pharmacy without
/// emergencies, and updating a consent given before 2024.
#[tokio::test]
async fn the_preview_answers_emergencies_as_the_rules_do_and_a_pre_2024_consent_is_updated() {
    let p = TestApp::spawn().await;
    let hidden = |page: &Value, label: &str| {
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["label"].as_str().unwrap_or("").contains(label) && r["visible"] == false)
            .count()
    };
    // Juhani: hidden from another county in treatment, visible in an emergency.
    let juhani = p.log_in(JUHANI).await;
    let form = |situation| [("viewer", "varsinais-suomi:healthcare"), ("situation", situation), ("locale", "En")];
    let (_, treatment) = juhani.call("preview_page", &form("treatment")).await;
    assert_eq!(hidden(&treatment, "Päivystyskäynti"), 1, "{treatment}");
    let (_, emergency) = juhani.call("preview_page", &form("emergency")).await;
    assert_eq!(hidden(&emergency, "Päivystyskäynti"), 0, "{emergency}");
    assert!(emergency.to_string().contains("In an emergency, when you cannot express your will"));

    // Liisa's denied prescription: hidden from a pharmacy and from healthcare in an emergency…
    let liisa = p.log_in(LIISA).await;
    for viewer in ["apteekki-hervanta:pharmacy", "hus:healthcare"] {
        let (_, page) =
            liisa.call("preview_page", &[("viewer", viewer), ("situation", "emergency"), ("locale", "En")]).await;
        assert_eq!(hidden(&page, "Sertraliini"), 1, "{viewer}: {page}");
    }
    // …until she gives the one emergency permission: then healthcare sees it in an emergency, a pharmacy still not.
    let (status, body) = liisa.call("allow_prescription_emergency", &[("form_key", &key(70))]).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = liisa.call("allow_prescription_emergency", &[("form_key", &key(71))]).await;
    assert_eq!((status, body), (409, serde_json::json!({ "Declaration": "EmergencyPermissionAlreadyGiven" })));
    let (_, page) =
        liisa.call("preview_page", &[("viewer", "hus:healthcare"), ("situation", "emergency"), ("locale", "En")]).await;
    assert_eq!(hidden(&page, "Sertraliini"), 0, "{page}");
    let (_, page) = liisa
        .call("preview_page", &[("viewer", "apteekki-hervanta:pharmacy"), ("situation", "emergency"), ("locale", "En")])
        .await;
    assert_eq!(hidden(&page, "Sertraliini"), 1, "{page}");

    // Her healthcare consent predates 2024: marked, updated once, then no more.
    let to_update = |page: &Value| page["consents"][0]["to_update"] == true;
    let (_, page) = liisa.call("data_use_page", &[("locale", "En")]).await;
    assert!(to_update(&page), "{page}");
    let (status, body) = liisa.call("update_consent", &[("sector", "healthcare"), ("form_key", &key(72))]).await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = liisa.call("data_use_page", &[("locale", "En")]).await;
    assert!(!to_update(&page) && page["consents"][0]["given_at"].is_string(), "{page}");
    let (status, body) = liisa.call("update_consent", &[("sector", "healthcare"), ("form_key", &key(73))]).await;
    assert_eq!((status, body), (409, serde_json::json!({ "Declaration": "NoConsentToUpdate" })));
    // "Allow in an emergency" is not used for social welfare data: the denial holds in an emergency.
    let form = [("kind", "comprehensive"), ("target", "social_welfare"), ("emergency", "on")];
    let (_, step) = liisa.call("denial_consequence", &[form.as_slice(), &[("locale", "En")]].concat()).await;
    assert_eq!(step["allow_in_emergency"], false, "{step}");
    assert!(step.to_string().contains("The denial holds in an emergency too."), "{step}");
    let (status, body) = liisa.call("set_denial", &[form.as_slice(), &[("form_key", &key(74))]].concat()).await;
    assert_eq!(status, 200, "{body}");
    let (_, after) = liisa.call("data_use_page", &[("locale", "En")]).await;
    let social =
        after["denials"].as_array().unwrap().iter().find(|d| d["description"] == "all social welfare data").cloned();
    assert_eq!(social.map(|d| d["allow_in_emergency"].clone()), Some(Value::Bool(false)), "{after}");
    // The register denial form offers no private clinic's ordinary register.
    let choices = page["register_choices"].as_array().unwrap();
    assert!(choices.iter().any(|c| c["value"] == "pirkanmaa:patient"), "{page}");
    assert!(!choices.iter().any(|c| c["value"].as_str().unwrap().starts_with("lahiklinikka")), "{page}");
}

#[tokio::test]
async fn a_guardian_confirms_the_notice_for_a_child_and_only_then_is_the_childs_data_shared() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    // Not acting for anyone: refused (his own confirmation is on the notice page).
    let (status, _) = oskari.call("confirm_child_notice", &[("version", "2023-11"), ("form_key", &key(1))]).await;
    assert_eq!(status, 403);
    let eetu = p.id_of(EETU).await.to_string();
    oskari.act_for(&eetu).await;
    let form = [("viewer", "hus:healthcare"), ("locale", "En")];
    let helsinki = |page: &Value| -> Vec<bool> {
        page["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["register"].as_str().unwrap().starts_with("City of Helsinki"))
            .map(|r| r["visible"] == true)
            .collect()
    };
    let (_, before) = oskari.call("preview_page", &form).await;
    assert_eq!(helsinki(&before), [false; 8], "not informed: his eight child health clinic visits: {before}");
    let (status, body) = oskari.call("confirm_child_notice", &[("version", "2023-11"), ("form_key", &key(1))]).await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = oskari.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(
        page["confirmations"][0]["channel"],
        serde_json::json!({ "OnlineByGuardian": { "guardian_name": "Oskari Laine" } })
    );
    // Eetu's Helsinki data is now shared with HUS by the Uusimaa rule.
    let (_, after) = oskari.call("preview_page", &form).await;
    assert_eq!(helsinki(&after), [true; 8], "{after}");
    // An old version cannot be confirmed.
    let (status, _) = oskari.call("confirm_child_notice", &[("version", "2022-11"), ("form_key", &key(1))]).await;
    assert_eq!(status, 409);
}

#[tokio::test]
async fn a_childs_notice_form_confirms_for_the_child_it_was_loaded_for_only() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    let (eetu, sofia) = (p.id_of(EETU).await, p.id_of(SOFIA).await);
    oskari.act_for(&eetu.to_string()).await;
    let eetus_form = format!("{}-child-notice", oskari.page_key().await);
    // Another tab switches to Sofia; the form loaded for Eetu is posted.
    oskari.act_for(&sofia.to_string()).await;
    let confirmations = |id: i64| {
        let pool = p.pool.clone();
        async move {
            app::with_pool!(&pool, db => sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM notice_confirmation WHERE citizen_id = $1").bind(id).fetch_one(db).await)
            .unwrap()
        }
    };
    let before = (confirmations(eetu).await, confirmations(sofia).await);
    let (status, body) =
        oskari.call("confirm_child_notice", &[("version", "2023-11"), ("form_key", &eetus_form)]).await;
    assert_eq!((status, body), (409, serde_json::json!("SubjectChanged")));
    let (status, _) = oskari.call("confirm_child_notice", &[("version", "2023-11"), ("form_key", "")]).await;
    assert_eq!(status, 400, "no key at all");
    assert_eq!((confirmations(eetu).await, confirmations(sofia).await), before, "nobody's notice was confirmed");
}

#[tokio::test]
async fn a_guardian_of_another_child_cannot_reach_eetu() {
    let p = TestApp::spawn().await;
    // Matti becomes the guardian of a child of his own (not Eetu).
    let child: i64 = app::with_pool!(&p.pool, db => sqlx::query_scalar(
        "INSERT INTO citizen (identity_code, first_name, last_name, password_hash, created_at) \
         VALUES ('010120A998T', 'Mikko', 'Korhonen', NULL, '2026-01-01T00:00:00+00:00') RETURNING id",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    let matti_id = p.id_of(MATTI).await;
    app::with_pool!(&p.pool, db => sqlx::query("INSERT INTO guardianship (guardian_id, child_id) VALUES ($1, $2)").bind(matti_id).bind(child).execute(db).await.map(|_| ())).unwrap();
    let before = p.declaration_count().await;

    let matti = p.log_in(MATTI).await;
    let (_, children) = matti.call("people_to_act_for", &[]).await;
    assert_eq!(children.as_array().unwrap().len(), 1);
    let (status, _) = matti.act_for(&p.id_of(EETU).await.to_string()).await;
    assert_eq!(status, 403);
    let (status, _) = matti.act_for(&child.to_string()).await;
    assert_eq!(status, 200);
    // Acting for his own child, Eetu's events and Oskari's denials are still out of reach.
    let eetu_event = p.event_ids_of(EETU).await[0].to_string();
    let (status, _) =
        matti.call("set_denial", &[("kind", "service_event"), ("target", &eetu_event), ("form_key", &key(50))]).await;
    assert_eq!(status, 403);
    let (status, _) = matti.call("service_event_page", &[("id", &eetu_event), ("locale", "En")]).await;
    assert_eq!(status, 404);
    let (_, page) = matti.call("records_page", &HEALTH).await;
    assert!(event_ids(&page).is_empty());
    assert_eq!(p.declaration_count().await, before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declarations_made_at_the_same_moment_from_two_tabs_are_all_kept() {
    let p = TestApp::spawn().await;
    let tab_a = p.log_in(JUHANI).await;
    let before = p.declarations_of(JUHANI).await.len();
    let events = p.event_ids_of(JUHANI).await;
    let (e0, e1, e2) = (events[0].to_string(), events[1].to_string(), events[2].to_string());
    let forms: Vec<(&str, Vec<(&str, String)>)> = vec![
        ("withdraw_consent", vec![("sector", "healthcare".into()), ("form_key", key(60))]),
        ("set_denial", vec![("kind", "uusimaa".into()), ("form_key", key(61))]),
        ("set_denial", vec![("kind", "service_event".into()), ("target", e0), ("form_key", key(62))]),
        ("set_denial", vec![("kind", "service_event".into()), ("target", e1), ("form_key", key(63))]),
        ("set_denial", vec![("kind", "service_event".into()), ("target", e2), ("form_key", key(64))]),
        (
            "set_denial",
            vec![("kind", "register".into()), ("target", "pohjois-pohjanmaa:patient".into()), ("form_key", key(65))],
        ),
    ];
    let calls = forms.iter().map(|(name, form)| {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let tab = tab_a.clone();
        async move { tab.call(name, &form).await }
    });
    let results = futures::future::join_all(calls).await;
    for (status, body) in &results {
        assert_eq!(*status, 200, "{body}");
    }
    assert_eq!(p.declarations_of(JUHANI).await.len(), before + forms.len());
}

#[tokio::test]
async fn two_instances_on_one_database_share_sessions_and_declarations() {
    let a = TestApp::spawn().await;
    // Instance B: its own connection pool, sessions and router, on the same database.
    let b = a.second_instance().await;
    assert_ne!(a.base, b.base);
    // Log in through A; the same cookie (one jar: cookies are per host, not per port) continues on B.
    let juhani = a.log_in(JUHANI).await;
    let page = juhani.get(format!("{}/data-use", b.base)).send().await.unwrap();
    assert_eq!(page.status(), 200, "B knows A's session");
    assert!(page.text().await.unwrap().contains("Juhani"));
    let anonymous = b.browser();
    let page = anonymous.get(format!("{}/data-use", b.base)).send().await.unwrap();
    assert_eq!(page.status(), 303, "…and nobody else's");
    // A declaration made on B is seen at once on A.
    let given =
        |page: &Value| page["consents"].as_array().unwrap().iter().filter(|c| c["given_at"].is_string()).count();
    let (_, before) = juhani.call("data_use_page", &[("locale", "En")]).await;
    let (status, body) =
        juhani.on(&b).call("withdraw_consent", &[("sector", "healthcare"), ("form_key", &key(90))]).await;
    assert_eq!(status, 200, "{body}");
    let (_, after) = juhani.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(given(&after) + 1, given(&before), "{after}");
    // Logging out on A ends the session on B too.
    let (status, _) = juhani.call("logout", &[]).await;
    assert_eq!(status, 200);
    let page = juhani.get(format!("{}/data-use", b.base)).send().await.unwrap();
    assert_eq!(page.status(), 303);
}

#[tokio::test]
async fn what_a_valid_denial_covers_is_not_offered_for_another_and_is_again_once_it_is_cancelled() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let offered = |page: &Value| -> Vec<String> {
        let choices = page["event_choices"].as_array().unwrap();
        choices.iter().map(|c| c["value"].as_str().unwrap().to_string()).collect()
    };
    let (_, page) = matti.call("data_use_page", &[("locale", "En")]).await;
    let visit = offered(&page)[0].clone();
    let form = [("kind", "service_event"), ("target", visit.as_str()), ("form_key", &key(1))];
    let (status, body) = matti.call("set_denial", &form).await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = matti.call("data_use_page", &[("locale", "En")]).await;
    assert!(!offered(&page).contains(&visit), "the denied visit is still offered");
    let denial = page["denials"].as_array().unwrap().iter().map(|d| d["id"].as_i64().unwrap()).max().unwrap();
    let (status, body) = matti.call("cancel_denial", &[("denial", &denial.to_string()), ("form_key", &key(2))]).await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = matti.call("data_use_page", &[("locale", "En")]).await;
    assert!(offered(&page).contains(&visit), "a visit no longer denied is offered again");
}

#[tokio::test]
async fn a_new_denial_goes_what_then_which_then_confirm_and_a_guardian_gets_no_step() {
    let p = TestApp::spawn().await;
    let html = |client: crate::test_app::Browser, path: &str| {
        let url = format!("{}{path}", p.base);
        async move {
            let res = client.get(url).header("accept-language", "en").send().await.unwrap();
            (res.status().as_u16(), res.text().await.unwrap())
        }
    };
    let matti = p.log_in(MATTI).await;
    // One question first: what to deny.
    let (status, page) = html(matti.clone(), "/data-use").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"data-testid="new-denial""#), "the first step");
    assert!(!page.contains("new-denial-register"), "no box per kind on the page any more");
    // Then which one, of that kind only.
    let (status, page) = html(matti.clone(), "/data-use/denials/new?kind=register").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"aria-current="step">2. Which one, and emergencies"#), "{page}");
    assert!(page.contains("new-denial-register") && page.contains("pirkanmaa:social_welfare_client"), "{page}");
    assert!(!page.contains("denial-what"), "not yet the confirmation");
    // Then the confirmation, in words.
    let (status, page) =
        html(matti.clone(), "/data-use/denials/new?kind=register&target=pirkanmaa%3Asocial_welfare_client").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"aria-current="step">3. Confirm"#) && page.contains("denial-what"), "{page}");
    // A guardian sets no denial for a child: the second step says so and offers nothing.
    let oskari = p.log_in(OSKARI).await;
    let (status, _) = oskari.act_for(&p.id_of(EETU).await.to_string()).await;
    assert_eq!(status, 200);
    let (status, page) = html(oskari, "/data-use/denials/new?kind=service_event").await;
    assert_eq!(status, 200);
    assert!(page.contains("denials-own-matter") && !page.contains("new-denial-service_event"), "{page}");
}
