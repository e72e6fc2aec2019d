//! The guardian's age limit everywhere a guardian looks or acts (DOMAIN.md
//! §6), through the real HTTP application: a 16-year-old's denial
//! of what she recorded after turning 10 is listed to her guardian without
//! naming it, cannot be cancelled by him, and her later viewings stay hers.

use chrono::{TimeZone, Utc};

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

    let oskari = p.log_in(OSKARI).await;
    let (status, _) = oskari.act_for(&sofia.to_string()).await;
    assert_eq!(status, 200);

    // The denials list: shown, not named, not cancellable.
    let (status, page) = oskari.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(status, 200, "{page}");
    let listed =
        page["denials"].as_array().unwrap().iter().find(|d| d["id"] == denial.0).expect("the denial is listed").clone();
    assert_eq!(listed["description"], "data that a guardian does not see (recorded after the child turned 10)");
    assert_eq!(listed["cancellable"], false);
    assert!(!page.to_string().contains("Urheiluvamma"), "the page names nothing hidden: {page}");

    // The history does not name it either.
    let (status, history) = oskari.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    assert!(history.as_array().is_some_and(|rows| !rows.is_empty()));
    assert!(!history.to_string().contains("Urheiluvamma"), "{history}");

    // Cancelling it is refused (a denial is her own matter) and writes nothing.
    let before = p.declaration_count().await;
    let (status, body) =
        oskari.call("cancel_denial", &[("denial", &denial.0.to_string()), ("form_key", &key(1))]).await;
    assert_eq!((status, body), (403, serde_json::json!({ "OwnMatter": "Denials" })));
    assert_eq!(p.declaration_count().await, before);

    // Who viewed her data is not her guardian's to see (DOMAIN.md §6).
    let (status, body) = oskari.call("viewings_page", &[("locale", "En")]).await;
    assert_eq!((status, body), (403, serde_json::json!({ "OwnMatter": "ViewingLog" })));
    let (_, front) = oskari.call("front_page", &[("locale", "En")]).await;
    assert!(front["glance"]["viewings"].is_null(), "the front page leaves the viewings out: {front}");
}

#[tokio::test]
async fn a_guardian_sees_a_childs_denial_set_at_a_unit_and_cannot_cancel_it() {
    let p = TestApp::spawn().await;
    let sofia = p.id_of(SOFIA).await;
    let visible = ServiceEventId(p.event_ids_of(SOFIA).await[0]);
    // Recorded for her at a unit (here: written as she would).
    let scope = DenialScope::ServiceEvent(visible);
    let event = DeclarationEvent::DenialSet { scope, allow_in_emergency: false };
    p.pool
        .record_declaration(CitizenId(sofia), &Actor::Citizen, &event, Utc::now(), p.opens, None)
        .await
        .unwrap()
        .unwrap();
    let oskari = p.log_in(OSKARI).await;
    let (status, _) = oskari.act_for(&sofia.to_string()).await;
    assert_eq!(status, 200);
    let (_, page) = oskari.call("data_use_page", &[("locale", "En")]).await;
    let listed = page["denials"].as_array().unwrap().last().unwrap().clone();
    assert!(listed["description"].as_str().unwrap().contains("Neuvolakäynti"), "named: {listed}");
    assert_eq!(listed["cancellable"], false, "{listed}");
    for choices in ["event_choices", "register_choices", "prescription_choices"] {
        assert_eq!(page[choices], serde_json::json!([]), "no denial form offers anything: {choices}");
    }
    // The page says where a guardian asks for a denial; no denial form is drawn.
    let html = oskari.get(format!("{}/data-use", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-testid=\"denials-own-matter\""), "{html:.300}");
    assert!(!html.contains("new-denial-"), "no new denial form");
    assert!(!html.contains("name=\"denial\""), "no cancel button");
    let before = p.declaration_count().await;
    let (status, _) =
        oskari.call("cancel_denial", &[("denial", &listed["id"].to_string()), ("form_key", &key(2))]).await;
    assert_eq!(status, 403);
    assert_eq!(p.declaration_count().await, before);
}

/// Rows of Sofia's prescription from before her tenth birthday (2 June
/// 2020), each recorded on a day of its own before or after it.
async fn seed_rows_around_sofias_tenth_birthday(p: &TestApp, sofia: i64) -> i64 {
    use chrono::NaiveDate;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let t = |y, m, day| Utc.with_ymd_and_hms(y, m, day, 9, 0, 0).unwrap();
    app::with_pool!(&p.pool, db => async {
        let rx: i64 = sqlx::query_scalar(
            "INSERT INTO prescription (citizen_id, prescriber_provider_id, prescriber_unit_id, medicine, strength, \
             dosage, prescribed_on, valid_until, amount, amount_unit, medicine_class) \
             VALUES ($1, 'helsinki', 'helsinki-kallio', 'Salbutamoli', '0,1 mg/annos', '1–2 inhalaatiota tarvittaessa', \
             $2, $3, 400, 'annos', 'ordinary') RETURNING id",
        )
        .bind(sofia).bind(d(2020, 3, 2)).bind(d(2027, 3, 1)).fetch_one(db).await?;
        for (on, amount) in [(d(2020, 3, 3), 200), (d(2021, 9, 14), 200)] {
            sqlx::query("INSERT INTO dispensing (prescription_id, pharmacy_id, dispensed_on, amount) \
                         VALUES ($1, 'apteekki-kauppatori', $2, $3)")
                .bind(rx).bind(on).bind(amount).execute(db).await?;
        }
        // One request sent and handled before, one sent before and handled after, one sent after.
        for (sent, handled) in [(t(2020, 4, 1), Some(t(2020, 4, 2))), (t(2020, 5, 30), Some(t(2020, 6, 3))), (t(2022, 1, 5), None)] {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO renewal_request (citizen_id, prescription_id, provider_id, message, sent_at) \
                 VALUES ($1, $2, 'helsinki', 'Astmalääke loppuu', $3) RETURNING id",
            )
            .bind(sofia).bind(rx).bind(sent).fetch_one(db).await?;
            if let Some(at) = handled {
                sqlx::query("INSERT INTO renewal_request_state (request_id, state, at) VALUES ($1, 'renewed', $2)")
                    .bind(id).bind(at).execute(db).await?;
            }
        }
        Ok::<i64, sqlx::Error>(rx)
    }.await)
    .unwrap()
}

#[tokio::test]
async fn a_guardian_sees_no_dispensing_or_renewal_request_recorded_after_the_child_turned_ten() {
    let p = TestApp::spawn().await;
    let sofia = p.id_of(SOFIA).await;
    let rx = seed_rows_around_sofias_tenth_birthday(&p, sofia).await;
    let oskari = p.log_in(OSKARI).await;
    assert_eq!(oskari.act_for(&sofia.to_string()).await.0, 200);

    // The prescription page: the prescription and its dispensing before ten only.
    let (status, page) = oskari.call("prescriptions_page", &[("state", "all"), ("locale", "En")]).await;
    assert_eq!(status, 200, "{page}");
    let shown =
        page["shown"].as_array().unwrap().iter().find(|x| x["id"] == rx).expect("prescribed before ten").clone();
    let dispensed: Vec<&str> =
        shown["dispensings"].as_array().unwrap().iter().map(|d| d["dispensed_on"].as_str().unwrap()).collect();
    assert_eq!(dispensed, ["2020-03-03"], "not what was dispensed after her tenth birthday");
    assert_eq!(shown["amount_left"], 200, "what is left counts only what he may see");

    // Renewal requests, and the history: only the one sent and handled before ten.
    let (_, requests) = oskari.call("renewal_requests", &[("locale", "En")]).await;
    let sent: Vec<&str> = requests.as_array().unwrap().iter().map(|r| r["sent_at"].as_str().unwrap()).collect();
    assert_eq!(sent.len(), 1, "{requests}");
    assert!(sent[0].starts_with("2020-04-01"), "{sent:?}");
    let (_, history) = oskari.call("declaration_history", &[("locale", "En")]).await;
    let renewals = history.as_array().unwrap().iter().filter(|r| r["event"].as_str().unwrap().contains("Salbutamoli"));
    assert_eq!(renewals.count(), 1, "{history}");

    // Sofia's own view (as a citizen would see it) keeps every row.
    let everything = app::domain::listing::Visibility::EVERYTHING;
    let all = everything.prescriptions(p.pool.load_prescriptions(CitizenId(sofia)).await.unwrap());
    assert_eq!(all.iter().find(|x| x.id.0 == rx).unwrap().dispensings.len(), 2);
    assert_eq!(p.pool.renewal_requests(CitizenId(sofia), Utc::now()).await.unwrap().len(), 3);
}
