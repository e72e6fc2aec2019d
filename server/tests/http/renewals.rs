//! Prescription renewal requests (DOMAIN.md §8) through the real
//! HTTP application: the seeded requests in every state, a new one that
//! stays "sent" with its message exactly as typed, one-time form keys, every
//! refusal a 4xx naming its reason with nothing written, and who may send
//! one (the citizen, a guardian, an adult with an e-authorisation).

use serde_json::Value;

use crate::test_app::{Browser, TestApp, MATTI};

const HELMI: &str = "271055-988J";
const ANNA: &str = "140282-9725";
const OSKARI: &str = "080988-9570";
const EETU: &str = "190218A967P";

impl TestApp {
    /// The id of the citizen's latest prescription of this medicine.
    async fn prescription_of(&self, code: &str, medicine: &str) -> String {
        let id: i64 = app::with_pool!(&self.pool, db => sqlx::query_scalar(
            "SELECT x.id FROM prescription x JOIN citizen c ON c.id = x.citizen_id \
             WHERE c.identity_code = $1 AND x.medicine = $2 ORDER BY x.prescribed_on DESC LIMIT 1",
        )
        .bind(code).bind(medicine).fetch_one(db).await)
        .unwrap();
        id.to_string()
    }

    async fn renewal_count(&self) -> i64 {
        app::with_pool!(&self.pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM renewal_request").fetch_one(db).await)
            .unwrap()
    }
}

impl Browser {
    /// The renewal form's key for this prescription, as this browser loads it.
    pub(crate) async fn renewal_key(&self, prescription: &str) -> String {
        let (status, form) = self.call("renewal_form", &[("prescription", prescription), ("locale", "En")]).await;
        assert_eq!(status, 200, "{form}");
        form["form_key"].as_str().unwrap().to_string()
    }
}

fn states(list: &Value) -> Vec<String> {
    list.as_array().unwrap().iter().map(|r| r["state"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn helmi_sees_her_requests_in_every_state_and_a_new_one_stays_sent_as_typed() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in(HELMI).await;
    let (status, list) = helmi.call("renewal_requests", &[("locale", "En")]).await;
    assert_eq!(status, 200);
    assert_eq!(states(&list), ["Sent", "InProgress", "Expired", "Returned", "Renewed", "Declined"], "newest first");

    // Amlodipine may be renewed; the card of the one in progress offers nothing.
    let amlodipine = p.prescription_of(HELMI, "Amlodipiini").await;
    let (_, rx) = helmi.call("prescriptions_page", &[("state", "all"), ("locale", "En")]).await;
    let card = |id: &str| {
        rx["shown"].as_array().unwrap().iter().find(|c| c["id"].as_i64() == id.parse().ok()).unwrap().clone()
    };
    assert_eq!(card(&amlodipine)["renewable"], true);
    let in_progress = list[1]["prescription"].to_string();
    assert_eq!(card(&in_progress)["renewable"], false);

    // The form: the prescribing unit first, then only units that take
    // renewal requests (no pharmacy, hospital clinic or social service).
    let (status, form) = helmi.call("renewal_form", &[("prescription", &amlodipine), ("locale", "En")]).await;
    assert_eq!(status, 200, "{form}");
    let units: Vec<&str> = form["units"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert_eq!(units[0], "kh-hameenlinna");
    assert_eq!(form["units"][0]["label"], "Hämeenlinnan terveysasema – Kanta-Häme Wellbeing Services County");
    let takes: Vec<&str> = app::demo::UNITS.iter().filter(|u| u.takes_renewal_requests).map(|u| u.id).collect();
    assert_eq!(units.len(), takes.len(), "{units:?}");
    assert!(units.iter().all(|u| takes.contains(u)), "{units:?}");
    for not_offered in ["kh-khks", "kh-sosiaali", "hus-meilahti", "kide-tyoterveys", "apteekki-kauppatori"] {
        assert!(!units.contains(&not_offered), "{not_offered}");
    }

    let typed = "  <b>Please</b> & thanks <script>alert(1)</script>\nÄ";
    let key = form["form_key"].as_str().unwrap().to_string();
    let send =
        [("prescription", amlodipine.as_str()), ("unit", "kh-hameenlinna"), ("message", typed), ("form_key", &key)];
    let (status, body) = helmi.call("send_renewal_request", &send).await;
    assert_eq!((status, body), (200, Value::String("/prescriptions/renewals".into())));
    let before = p.renewal_count().await;
    assert_eq!(helmi.call("send_renewal_request", &send).await.0, 200, "a double submit");
    assert_eq!(p.renewal_count().await, before, "records once");

    let (_, list) = helmi.call("renewal_requests", &[("locale", "En")]).await;
    assert_eq!(states(&list).len(), 7, "the six seeded and the new one");
    assert_eq!(list[0]["state"], "Sent");
    assert_eq!(list[0]["message"], typed, "stored exactly as typed");
    assert_eq!(list[0]["sent_by"], Value::Null);
    assert_eq!(list[0]["provider"], "Kanta-Häme Wellbeing Services County");
    assert_eq!(list[0]["unit"], "Hämeenlinnan terveysasema");
    let html = helmi.get(format!("{}/prescriptions/renewals", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "shown as text");
    assert!(!html.contains("<script>alert(1)"), "never as markup");

    // A second request for it while the first is open: 409, nothing written.
    let key = helmi.renewal_key(&p.prescription_of(HELMI, "Losartaani").await).await;
    let again = [("prescription", amlodipine.as_str()), ("unit", "kh-hameenlinna"), ("form_key", &key)];
    let (status, body) = helmi.call("send_renewal_request", &again).await;
    assert_eq!((status, body.clone()), (409, serde_json::json!({"Renewal": "AlreadyRequested"})), "{body}");
    assert_eq!(p.renewal_count().await, before);
}

#[tokio::test]
async fn every_refusal_names_its_reason_and_writes_nothing() {
    let p = TestApp::spawn().await;
    let before = p.renewal_count().await;
    let matti = p.log_in(MATTI).await;
    let narcotic = p.prescription_of(MATTI, "Oksikodoni").await;
    let (status, body) = matti.call("renewal_form", &[("prescription", &narcotic), ("locale", "En")]).await;
    assert_eq!((status, body), (409, serde_json::json!({"Renewal": "Narcotic"})));
    let (_, rx) = matti.call("prescriptions_page", &[("state", "all"), ("locale", "En")]).await;
    let card =
        rx["shown"].as_array().unwrap().iter().find(|c| c["id"].as_i64() == narcotic.parse().ok()).unwrap().clone();
    assert_eq!((card["renewable"].clone(), card["narcotic"].clone()), (Value::Bool(false), Value::Bool(true)));

    let metformin = p.prescription_of(MATTI, "Metformiini").await;
    let key = matti.renewal_key(&metformin).await;
    let long = "x".repeat(501);
    for (form, status, reason) in [
        (vec![("prescription", narcotic.as_str()), ("unit", "vs-turku")], 409, "Narcotic"),
        (vec![("prescription", metformin.as_str()), ("unit", "vs-turku"), ("message", &long)], 400, "MessageTooLong"),
        (
            vec![("prescription", metformin.as_str()), ("unit", "vs-turku"), ("message", "Kiitos\u{1b}[2J")],
            400,
            "MessageNotText",
        ),
        (vec![("prescription", metformin.as_str()), ("unit", "vs-turku"), ("mobile", "09 123 4567")], 400, "Mobile"),
        (vec![("prescription", metformin.as_str()), ("unit", "apteekki-tahti")], 400, "Unit"),
        (vec![("prescription", metformin.as_str()), ("unit", "no-such-unit")], 400, "Unit"),
        // A hospital clinic and a social services office take no renewal requests.
        (vec![("prescription", metformin.as_str()), ("unit", "vs-tyks")], 400, "Unit"),
        (vec![("prescription", metformin.as_str()), ("unit", "pirkanmaa-sosiaali")], 400, "Unit"),
    ] {
        let mut form = form;
        form.push(("form_key", &key));
        let (got, body) = matti.call("send_renewal_request", &form).await;
        assert_eq!((got, body), (status, serde_json::json!({ "Renewal": reason })), "{form:?}");
    }
    // Expired too long ago (Ibuprofeeni ended a year ago).
    let old = p.prescription_of(MATTI, "Ibuprofeeni").await;
    let (status, body) = matti.call("renewal_form", &[("prescription", &old), ("locale", "En")]).await;
    assert_eq!((status, body), (409, serde_json::json!({"Renewal": "ExpiredTooLongAgo"})));

    // Someone else's prescription is not found; a made-up key is refused.
    let helmis = p.prescription_of(HELMI, "Amlodipiini").await;
    assert_eq!(matti.call("renewal_form", &[("prescription", &helmis), ("locale", "En")]).await.0, 404);
    let theirs = [("prescription", helmis.as_str()), ("unit", "kh-hameenlinna"), ("form_key", key.as_str())];
    assert_eq!(matti.call("send_renewal_request", &theirs).await.0, 404);
    let forged = [("prescription", metformin.as_str()), ("unit", "vs-turku"), ("form_key", "AAAA-1")];
    assert!(matches!(matti.call("send_renewal_request", &forged).await.0, 400 | 403));
    let anonymous = p.browser();
    for name in ["renewal_requests", "renewal_form", "send_renewal_request"] {
        let form =
            [("prescription", metformin.as_str()), ("unit", "vs-turku"), ("form_key", key.as_str()), ("locale", "En")];
        assert_eq!(anonymous.call(name, &form).await.0, 401, "{name}");
    }
    assert_eq!(p.renewal_count().await, before, "nothing written");
}

#[tokio::test]
async fn an_authorised_adult_and_a_guardian_send_one_and_the_list_says_who() {
    let p = TestApp::spawn().await;
    let anna = p.log_in(ANNA).await;
    let helmi = p.id_of(HELMI).await.to_string();
    assert_eq!(anna.act_for(&helmi).await.0, 200);
    let losartan = p.prescription_of(HELMI, "Losartaani").await;
    let key = anna.renewal_key(&losartan).await;
    let send = [("prescription", losartan.as_str()), ("unit", "kh-hameenlinna"), ("form_key", key.as_str())];
    assert_eq!(anna.call("send_renewal_request", &send).await.0, 200);
    let (_, list) = anna.call("renewal_requests", &[("locale", "En")]).await;
    assert_eq!(list[0]["sent_by"], "Anna Koskinen");
    assert_eq!(list[0]["prescription"].to_string(), losartan);
    // In Helmi's history, newest first, with Anna and her right as the actor.
    let (_, history) = anna.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(history[0]["event"], "Renewal request sent: Losartaani 50 mg, to Kanta-Häme Wellbeing Services County");
    assert_eq!(history[0]["actor"], "Anna Koskinen, with an e-authorisation");
    assert_eq!(history[0]["channel"], "Online in MyKanta");
    let sent: Vec<&str> = history.as_array().unwrap().iter().filter_map(|h| h["event"].as_str()).collect();
    assert_eq!(sent.iter().filter(|e| e.starts_with("Renewal request sent")).count(), 7, "the six seeded too");
    // A form loaded for Helmi and sent after Anna went back to her own data:
    // the subject changed, nothing is written.
    let atorvastatin = p.prescription_of(HELMI, "Atorvastatiini").await;
    let key = anna.renewal_key(&atorvastatin).await;
    assert_eq!(anna.act_for_self().await.0, 200);
    let late = [("prescription", atorvastatin.as_str()), ("unit", "kh-hameenlinna"), ("form_key", key.as_str())];
    let (status, body) = anna.call("send_renewal_request", &late).await;
    assert_eq!((status, body), (409, Value::String("SubjectChanged".into())));

    // Oskari for Eetu, on a prescription of Eetu's.
    let eetu = p.id_of(EETU).await;
    let today = app::domain::time::helsinki_today(chrono::Utc::now());
    let prescribed = today - chrono::Duration::days(30);
    app::with_pool!(&p.pool, db => sqlx::query(
        "INSERT INTO prescription (citizen_id, prescriber_provider_id, prescriber_unit_id, medicine, strength, dosage, \
         prescribed_on, valid_until, amount, amount_unit) VALUES ($1, 'helsinki', 'helsinki-kallio', 'Desloratadiini', \
         '2,5 mg', '1 tabletti päivässä', $2, $3, 30, 'tabl')")
        .bind(eetu).bind(prescribed).bind(prescribed + chrono::Duration::days(365)).execute(db).await.map(|_| ()))
    .unwrap();
    let oskari = p.log_in(OSKARI).await;
    assert_eq!(oskari.act_for(&eetu.to_string()).await.0, 200);
    let rx = p.prescription_of(EETU, "Desloratadiini").await;
    let key = oskari.renewal_key(&rx).await;
    let send = [("prescription", rx.as_str()), ("unit", "helsinki-kallio"), ("form_key", key.as_str())];
    assert_eq!(oskari.call("send_renewal_request", &send).await.0, 200);
    let (_, list) = oskari.call("renewal_requests", &[("locale", "En")]).await;
    assert_eq!(states(&list), ["Sent"]);
    assert_eq!(list[0]["sent_by"], "Oskari Laine");
}
