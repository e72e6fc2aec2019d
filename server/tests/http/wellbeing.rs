//! Wellbeing data through HTTP: recording and correcting a measurement
//! (append-only: both stay, the double submit records once), bad input
//! refused with its reason and nothing written, the consents to share it
//! and what the preview decides with them, and who may see and record: the
//! person, a guardian within DOMAIN.md §6's limits, never an agent.

use serde_json::{json, Value};

use crate::test_app::{Browser, TestApp, MATTI};

const HELMI: &str = "271055-988J";
const ANNA: &str = "140282-9725";
const OSKARI: &str = "080988-9570";
const SOFIA: &str = "020610A9788";
const EETU: &str = "190218A967P";

impl Browser {
    /// The wellbeing page's form key as this browser loads it now.
    pub(crate) async fn wellbeing_key(&self) -> String {
        let (status, page) = self.call("wellbeing_page", &[]).await;
        assert_eq!(status, 200, "{page}");
        page["form_key"].as_str().expect("a form key").to_string()
    }

    /// Posts the measurement form with these fields (and a fresh key unless given).
    async fn record(&self, fields: &[(&str, &str)]) -> (u16, Value) {
        let mut form: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
        if !fields.iter().any(|(k, _)| *k == "form_key") {
            form.push(("form_key", format!("{}-blood-pressure", self.wellbeing_key().await)));
        }
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.call("record_measurement", &pairs).await
    }
}

async fn measurements(p: &TestApp) -> i64 {
    app::with_pool!(&p.pool, db => sqlx::query_scalar("SELECT COUNT(*) FROM wellbeing_measurement").fetch_one(db).await)
        .unwrap()
}

fn listed<'a>(page: &'a Value, kind: &str) -> &'a Vec<Value> {
    let kinds = page["kinds"].as_array().unwrap();
    kinds.iter().find(|k| k[0] == kind).unwrap()[1].as_array().unwrap()
}

const BP: [(&str, &str); 6] = [
    ("kind", "blood_pressure"),
    ("date", "2026-12-01"),
    ("time", "07:30"),
    ("systolic", "142"),
    ("diastolic", "88"),
    ("pulse", "71"),
];

#[tokio::test]
async fn a_measurement_is_recorded_as_self_recorded_and_a_correction_keeps_both() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let (_, page) = matti.call("wellbeing_page", &[]).await;
    assert!(listed(&page, "BloodGlucose").len() > 50, "his seeded fasting glucose");
    assert!(listed(&page, "BloodPressure").is_empty());
    let key = format!("{}-blood-pressure", matti.wellbeing_key().await);
    let form: Vec<(&str, &str)> = BP.iter().copied().chain([("form_key", key.as_str())]).collect();
    let done = (200, Value::String("/wellbeing#wb-blood_pressure".into()));
    assert_eq!(matti.record(&form).await, done);
    assert_eq!(matti.record(&form).await, done, "a double submit");
    let (_, page) = matti.call("wellbeing_page", &[]).await;
    let bp = listed(&page, "BloodPressure");
    assert_eq!(bp.len(), 1, "recorded once: {bp:?}");
    let m = &bp[0]["measurement"];
    assert_eq!(m["reading"], json!({ "BloodPressure": { "systolic": 142, "diastolic": 88, "pulse": 71 } }));
    assert_eq!((m["by_guardian"].as_bool(), m["measured_at"].as_str()), (Some(false), Some("2026-12-01T05:30:00Z")));
    let id = m["id"].as_i64().unwrap().to_string();

    // The correction: a new measurement naming the one it corrects.
    let (status, body) = matti
        .record(&[
            ("kind", "blood_pressure"),
            ("date", "1.12.2026"),
            ("time", "7.30"),
            ("systolic", "124"),
            ("diastolic", "88"),
            ("corrects", &id),
        ])
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, page) = matti.call("wellbeing_page", &[]).await;
    let bp = listed(&page, "BloodPressure");
    assert_eq!(bp.len(), 2, "both stay: {bp:?}");
    let corrected = bp.iter().find(|l| l["measurement"]["id"].as_i64().unwrap().to_string() == id).unwrap();
    let correction = bp.iter().find(|l| l["measurement"]["corrects"].as_i64().is_some()).unwrap();
    assert_eq!(corrected["corrected_by"], correction["measurement"]["id"]);
    let again = [
        ("kind", "blood_pressure"),
        ("date", "2026-12-01"),
        ("time", "07:30"),
        ("systolic", "120"),
        ("diastolic", "80"),
        ("corrects", id.as_str()),
    ];
    assert_eq!(matti.record(&again).await, (409, json!({ "Wellbeing": "AlreadyCorrected" })));
    let glucose = listed(&page, "BloodGlucose")[0]["measurement"]["id"].as_i64().unwrap().to_string();
    let other = [
        ("kind", "blood_pressure"),
        ("date", "2026-12-01"),
        ("time", "07:30"),
        ("systolic", "120"),
        ("diastolic", "80"),
        ("corrects", glucose.as_str()),
    ];
    assert_eq!(matti.record(&other).await, (400, json!({ "Wellbeing": "OtherKind" })));
    // Another person's measurement is not there to correct.
    let helmi = p.log_in(HELMI).await;
    let hers = [
        ("kind", "blood_glucose"),
        ("date", "2026-12-01"),
        ("time", "07:30"),
        ("value", "6,1"),
        ("corrects", glucose.as_str()),
    ];
    assert_eq!(helmi.record(&hers).await, (404, json!({ "Wellbeing": "NothingToCorrect" })));
    assert_eq!(helmi.call("wellbeing_measurement", &[("id", &glucose)]).await.0, 404);

    // The page: the values, each marked as self-recorded, the correction with both values.
    let html = matti.get(format!("{}/wellbeing", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("142/88 mmHg, 71/min") && html.contains("124/88 mmHg"), "both values listed");
    assert!(html.contains("Itse kirjattu") && html.contains("Korjattu"), "marked and corrected");
    assert!(html.contains("data-testid=\"wb-chart-glucose\""), "his glucose over time");
}

#[tokio::test]
async fn bad_input_gets_its_reason_and_writes_nothing() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let before = measurements(&p).await;
    let bp = |systolic: &'static str, diastolic: &'static str, pulse: &'static str| {
        vec![
            ("kind", "blood_pressure"),
            ("date", "2026-12-01"),
            ("time", "07:30"),
            ("systolic", systolic),
            ("diastolic", diastolic),
            ("pulse", pulse),
        ]
    };
    let cases: Vec<(Vec<(&str, &str)>, Value)> = vec![
        (bp("abc", "88", ""), json!({ "NotANumber": "Systolic" })),
        (bp("142", "", ""), json!({ "NotANumber": "Diastolic" })),
        (bp("420", "88", ""), json!({ "OutOfRange": "Systolic" })),
        (bp("142", "88", "400"), json!({ "OutOfRange": "Pulse" })),
        (bp("90", "120", ""), json!("DiastolicNotBelowSystolic")),
        (
            vec![("kind", "weight"), ("date", "2026-12-01"), ("time", "07:30"), ("value", "72,45")],
            json!({ "NotANumber": "Weight" }),
        ),
        (
            vec![("kind", "blood_glucose"), ("date", "2026-12-01"), ("time", "07:30"), ("value", "0")],
            json!({ "OutOfRange": "Glucose" }),
        ),
        (vec![("kind", "temperature"), ("date", "2026-12-01"), ("time", "07:30"), ("value", "37")], json!("Kind")),
        (vec![("kind", "weight"), ("date", "2099-12-01"), ("time", "07:30"), ("value", "72")], json!("Future")),
        (vec![("kind", "weight"), ("date", "1950-12-01"), ("time", "07:30"), ("value", "72")], json!("BeforeBirth")),
        (vec![("kind", "weight"), ("date", "31.2.2026"), ("time", "07:30"), ("value", "72")], json!("Date")),
        (vec![("kind", "weight"), ("date", "2026-12-01"), ("time", "25:99"), ("value", "72")], json!("Time")),
        (
            vec![("kind", "weight"), ("date", "2026-12-01"), ("time", "07:30"), ("value", "72"), ("corrects", "x")],
            json!("NothingToCorrect"),
        ),
    ];
    for (form, error) in cases {
        let (status, body) = matti.record(&form).await;
        assert!(matches!(status, 400 | 404), "{form:?}: {status} {body}");
        assert_eq!(body, json!({ "Wellbeing": error }), "{form:?}");
    }
    // A huge body, and no form key.
    let huge = "9".repeat(3 * 1024 * 1024);
    assert_eq!(matti.record(&[("kind", "weight"), ("value", &huge)]).await.0, 413);
    assert_eq!(matti.call("record_measurement", &[("kind", "weight"), ("value", "72")]).await.0, 400);
    assert_eq!(p.browser().record(&[("kind", "weight"), ("value", "72"), ("form_key", "x")]).await.0, 401);
    assert_eq!(measurements(&p).await, before, "nothing written");
    // Without JavaScript the page comes back with what was typed.
    let res = matti
        .post(format!("{}/api/record_measurement", p.base))
        .header("accept", "text/html")
        .header("referer", format!("{}/wellbeing", p.base))
        .form(&[
            ("kind", "blood_pressure"),
            ("date", "2026-12-01"),
            ("time", "07:30"),
            ("systolic", "90"),
            ("diastolic", "120"),
            ("form_key", &matti.wellbeing_key().await),
        ])
        .send()
        .await
        .unwrap();
    assert!(res.status().is_redirection(), "{}", res.status());
    let html = matti.get(format!("{}/wellbeing", p.base)).send().await.unwrap().text().await.unwrap();
    let form = &html[html.find("data-testid=\"wb-form-blood_pressure\"").unwrap()..];
    let form = &form[..form.find("</form>").unwrap()];
    assert!(form.contains("value=\"90\"") && form.contains("value=\"120\""), "kept as typed: {form}");
    assert_eq!(measurements(&p).await, before, "and still nothing written");
}

fn preview_row<'a>(preview: &'a Value, label: &str) -> &'a Value {
    let rows = preview["rows"].as_array().unwrap();
    rows.iter()
        .find(|r| r["label"].as_str().unwrap().starts_with(label))
        .unwrap_or_else(|| panic!("{label} in {preview}"))
}

#[tokio::test]
async fn the_preview_shows_wellbeing_data_only_with_its_consent_and_never_to_pharmacies() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in(HELMI).await;
    let row = preview_row(
        &helmi.call("preview_page", &[("viewer", "hus:healthcare"), ("locale", "En")]).await.1,
        "Wellbeing data: blood pressure",
    )
    .clone();
    assert_eq!(row["visible"], true, "{row}");
    assert!(row["reason"].as_str().unwrap().starts_with("Your consent to share wellbeing data"), "{row}");
    assert_eq!(row["register"], "Kanta PHR");
    let pharmacy = preview_row(
        &helmi.call("preview_page", &[("viewer", "apteekki-hervanta:pharmacy"), ("locale", "En")]).await.1,
        "Wellbeing data",
    )
    .clone();
    assert_eq!(
        (pharmacy["visible"].as_bool(), pharmacy["reason"].as_str()),
        (Some(false), Some(app::i18n::Locale::En.texts().wellbeing.reason_not_for_pharmacies))
    );
    let social = preview_row(
        &helmi.call("preview_page", &[("viewer", "pirkanmaa:social_welfare"), ("locale", "En")]).await.1,
        "Wellbeing data",
    )
    .clone();
    assert_eq!(social["visible"], false, "her consent is for healthcare only: {social}");
    let (_, history) = helmi.call("declaration_history", &[("locale", "En")]).await;
    assert!(history.to_string().contains("Consent to share wellbeing data with healthcare given"));

    // Matti: no such consent. His consent to data sharing, an emergency and
    // the Uusimaa rule do not open it.
    let matti = p.log_in(MATTI).await;
    for (viewer, situation) in [("varsinais-suomi:healthcare", "treatment"), ("hus:healthcare", "emergency")] {
        let (_, preview) =
            matti.call("preview_page", &[("viewer", viewer), ("situation", situation), ("locale", "En")]).await;
        let row = preview_row(&preview, "Wellbeing data: blood glucose");
        assert_eq!(
            (row["visible"].as_bool(), row["reason"].as_str()),
            (Some(false), Some(app::i18n::Locale::En.texts().wellbeing.reason_no_consent))
        );
    }
    let key = matti.page_key().await;
    let (status, body) = matti
        .call(
            "give_wellbeing_consent",
            &[("sector", "healthcare"), ("form_key", &format!("{key}-wellbeing-healthcare"))],
        )
        .await;
    assert_eq!((status, body), (200, Value::String("/data-use#du-wellbeing".into())));
    let (_, preview) = matti.call("preview_page", &[("viewer", "varsinais-suomi:healthcare"), ("locale", "En")]).await;
    assert_eq!(preview_row(&preview, "Wellbeing data").clone()["visible"], true);
    let (_, page) = matti.call("data_use_page", &[("locale", "En")]).await;
    assert!(page["wellbeing_consents"][0]["given_at"].is_string(), "{}", page["wellbeing_consents"]);
    let summary = matti.get(format!("{}/data-use/summary", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(summary.contains("summary-wellbeing") && summary.contains("Lupa annettu"), "the printable summary");
    let (status, step) =
        matti.call("ending_step", &[("what", "wellbeing"), ("target", "healthcare"), ("locale", "En")]).await;
    assert_eq!(status, 200, "{step}");
    let (status, _) = matti
        .call(
            "withdraw_wellbeing_consent",
            &[("sector", "healthcare"), ("form_key", &format!("{}-end", step["form_key"].as_str().unwrap()))],
        )
        .await;
    assert_eq!(status, 200);
    let (_, preview) = matti.call("preview_page", &[("viewer", "varsinais-suomi:healthcare"), ("locale", "En")]).await;
    assert_eq!(preview_row(&preview, "Wellbeing data").clone()["visible"], false, "withdrawn");
    let (_, history) = matti.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(history[0]["event"], "Consent to share wellbeing data with healthcare withdrawn");
    let again = matti
        .call(
            "withdraw_wellbeing_consent",
            &[("sector", "healthcare"), ("form_key", &format!("{}-x", matti.page_key().await))],
        )
        .await;
    assert_eq!(again, (409, json!({ "Declaration": "NoConsentToWithdraw" })));
}

#[tokio::test]
async fn a_guardian_records_for_a_child_under_ten_only_and_an_agent_never_sees_wellbeing_data() {
    let p = TestApp::spawn().await;
    let oskari = p.log_in(OSKARI).await;
    assert_eq!(oskari.act_for(&p.id_of(EETU).await.to_string()).await.0, 200);
    let key = format!("{}-weight", oskari.wellbeing_key().await);
    let weight =
        [("kind", "weight"), ("date", "2026-12-01"), ("time", "19:00"), ("value", "27,4"), ("form_key", key.as_str())];
    assert_eq!(oskari.record(&weight).await.0, 200);
    let (_, page) = oskari.call("wellbeing_page", &[]).await;
    assert_eq!(listed(&page, "Weight")[0]["measurement"]["by_guardian"], true, "marked as the guardian's");
    // Eetu has not been informed: the consent waits for the notice, which his guardian confirms.
    let give = |key: String| {
        let browser = oskari.clone();
        async move {
            let key = format!("{key}-wellbeing-healthcare");
            browser.call("give_wellbeing_consent", &[("sector", "healthcare"), ("form_key", &key)]).await
        }
    };
    assert_eq!(give(oskari.page_key().await).await, (403, json!("NoticeNotConfirmed")));
    let stand_in = crate::test_app::key(1);
    let confirm = [("version", "2023-11"), ("form_key", stand_in.as_str())];
    assert_eq!(oskari.call("confirm_child_notice", &confirm).await.0, 200);
    let given = give(oskari.page_key().await).await;
    assert_eq!(given.0, 200, "a guardian gives a child's consents: {given:?}");

    // Sofia is 16: what was recorded before she turned 10 only, and nothing new.
    let before = measurements(&p).await;
    assert_eq!(oskari.act_for(&p.id_of(SOFIA).await.to_string()).await.0, 200);
    let (status, page) = oskari.call("wellbeing_page", &[]).await;
    assert_eq!((status, &page["form_key"]), (200, &Value::Null), "{page}");
    let stale = [
        ("kind", "weight"),
        ("date", "2026-12-01"),
        ("time", "19:00"),
        ("value", "55"),
        ("form_key", &format!("{}-weight", oskari.page_key().await)),
    ];
    assert_eq!(oskari.record(&stale).await, (403, json!({ "Wellbeing": "GuardianAgeLimit" })));
    assert_eq!(measurements(&p).await, before);

    // Anna acts for Helmi by an e-authorisation: never the wellbeing data.
    let anna = p.log_in(ANNA).await;
    assert_eq!(anna.act_for(&p.id_of(HELMI).await.to_string()).await.0, 200);
    let refused = (403, json!({ "OwnMatter": "WellbeingData" }));
    assert_eq!(anna.call("wellbeing_page", &[]).await, refused);
    assert_eq!(anna.call("wellbeing_measurement", &[("id", "1")]).await, refused);
    let forged = format!("{}-weight", "0".repeat(32));
    assert_eq!(anna.record(&[("kind", "weight"), ("value", "60"), ("form_key", &forged)]).await, refused);
    assert_eq!(anna.call("give_wellbeing_consent", &[("sector", "healthcare"), ("form_key", &forged)]).await.0, 403);
    let (_, page) = anna.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(page["wellbeing_consents"], Value::Null);
    let (_, history) = anna.call("declaration_history", &[("locale", "En")]).await;
    assert!(!history.to_string().contains("wellbeing"), "not in the history an agent sees");
    let (_, preview) = anna.call("preview_page", &[("viewer", "hus:healthcare"), ("locale", "En")]).await;
    assert!(!preview.to_string().contains("Wellbeing data"), "not in the preview an agent sees");
    let res = anna.get(format!("{}/wellbeing", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 403);
    let html = res.text().await.unwrap();
    assert!(html.contains(app::i18n::Locale::Fi.texts().wellbeing.err_agent), "said in words: {html:.400}");
    assert!(!html.contains("wb-table"), "no values");
    assert_eq!(measurements(&p).await, before, "nothing written");
}

/// The whole record's copy: the person's wellbeing data in force, as
/// Observations the patient performed; none in an agent's copy.
#[tokio::test]
async fn the_copy_of_the_record_has_the_wellbeing_data_but_not_an_agents() {
    let p = TestApp::spawn().await;
    let self_recorded = |body: &str| -> Vec<Value> {
        let bundle: Value = serde_json::from_str(body).unwrap();
        let entries = bundle["entry"].as_array().unwrap().clone();
        let patient = entries[0]["fullUrl"].clone();
        entries
            .into_iter()
            .map(|e| e["resource"].clone())
            .filter(|r| r["resourceType"] == "Observation" && r["performer"][0]["reference"] == patient)
            .collect()
    };
    let copy = |who: &Browser| {
        let url = format!("{}/patient-summary/download?format=record", p.base);
        let req = who.get(url);
        async move { req.send().await.unwrap().text().await.unwrap() }
    };
    let helmi = p.log_in(HELMI).await;
    let (_, page) = helmi.call("wellbeing_page", &[]).await;
    let in_force = listed(&page, "BloodPressure").iter().filter(|l| l["corrected_by"].is_null()).count();
    let own = self_recorded(&copy(&helmi).await);
    assert_eq!(own.len(), in_force, "every value in force, the corrected slip not");
    assert!(own.iter().all(|r| r["code"]["coding"][0]["code"] == "85354-9"), "blood pressure panels");
    assert!(own.iter().any(|r| r["status"] == "corrected"), "the correction says so");
    let anna = p.log_in(ANNA).await;
    assert_eq!(anna.act_for(&p.id_of(HELMI).await.to_string()).await.0, 200);
    assert!(self_recorded(&copy(&anna).await).is_empty(), "an agent's copy has none");
}
