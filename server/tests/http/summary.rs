//! The patient summary and the copies of the record through HTTP: what the
//! summary chooses for Helmi and Matti, each line from the subject's own
//! records; both FHIR copies of every demo person (and of the children and
//! the principal acted for) validated by an independent FHIR implementation
//! (Python's fhir.resources, `end2end/fhir-validator`); who may download
//! what; and a clear, translated refusal of what is wrong.

use serde_json::Value;

use crate::test_app::{Browser, TestApp, MATTI};

const HELMI: &str = "271055-988J";
const AINO: &str = "120385-9026";
const ANNA: &str = "140282-9725";
const OSKARI: &str = "080988-9570";
const SOFIA: &str = "020610A9788";
const EETU: &str = "190218A967P";

/// A copy as the browser receives it: status, content type, disposition, body.
async fn download(p: &TestApp, who: &Browser, query: &str) -> (u16, String, String, String) {
    let res = who.get(format!("{}/patient-summary/download?{query}", p.base)).send().await.unwrap();
    let header = |name| res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let (ct, cd) = (header("content-type"), header("content-disposition"));
    (res.status().as_u16(), ct, cd, res.text().await.unwrap())
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    let entries = bundle["entry"].as_array().unwrap();
    entries.iter().map(|e| &e["resource"]).filter(|r| r["resourceType"] == kind).collect()
}

/// Runs the independent validator over the files; its report.
fn validate(files: &[std::path::PathBuf]) -> String {
    let python = std::env::var("KANTA_FHIR_PYTHON")
        .expect("KANTA_FHIR_PYTHON names the FHIR validator's Python (scripts/test.sh sets it up)");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/fhir-validator/validate.py");
    let out = std::process::Command::new(python).arg(script).args(files).output().expect("the validator runs");
    let report = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "the FHIR validator refused a copy:\n{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    report
}

#[tokio::test]
async fn the_summary_puts_allergies_first_and_every_line_comes_from_the_subjects_records() {
    let p = TestApp::spawn().await;
    let (status, _) = p.browser().call("patient_summary", &[]).await;
    assert_eq!(status, 401);
    let helmi = p.log_in(HELMI).await;
    let (status, s) = helmi.call("patient_summary", &[]).await;
    assert_eq!(status, 200, "{s}");
    assert_eq!(s["risks"][0]["kind"], "MedicineAllergy");
    assert!(s["risks"][0]["line"]["text"].as_str().unwrap().contains("penisilliini"), "{}", s["risks"]);
    let codes: Vec<&str> = s["diagnoses"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    for chronic in ["I10", "E11.9", "E03.9"] {
        assert!(codes.contains(&chronic), "{chronic} in {codes:?}");
    }
    assert!(!codes.contains(&"S52.5"), "a healed fracture of years ago is not current: {codes:?}");
    let own = p.event_ids_of(HELMI).await;
    let lines = ["risks", "diagnoses"].iter().flat_map(|k| s[*k].as_array().unwrap().iter().map(|x| &x["line"]));
    let lines = lines.chain(s["procedures"].as_array().unwrap().iter()).chain(s["results"].as_array().unwrap().iter());
    for line in lines.chain(s["vaccinations"].as_array().unwrap().iter()) {
        assert!(own.contains(&line["event"].as_i64().unwrap()), "{line} is Helmi's own");
    }
    assert!(s["results"].as_array().unwrap().len() >= 5, "her laboratory follow-up: {}", s["results"]);

    let matti = p.log_in(MATTI).await;
    let (_, s) = matti.call("patient_summary", &[]).await;
    let risks: Vec<&str> = s["risks"].as_array().unwrap().iter().map(|r| r["line"]["text"].as_str().unwrap()).collect();
    assert!(risks.iter().any(|r| r.starts_with("Antikoagulanttihoito")), "{risks:?}");
    let medicines: Vec<(&str, &str)> = s["medicines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["medicine"].as_str().unwrap(), m["atc_code"].as_str().unwrap_or("")))
        .collect();
    assert!(medicines.contains(&("Apiksabaani", "B01AF02")), "{medicines:?}");
    assert!(
        !medicines.iter().any(|(m, _)| *m == "Parasetamoli"),
        "an expired prescription is not in use: {medicines:?}"
    );
    let page = matti.get(format!("{}/patient-summary", p.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Apiksabaani") && html.contains("/patient-summary/download?format=ips"), "the page");
}

#[tokio::test]
async fn every_copy_of_every_demo_person_and_role_validates_with_an_independent_fhir_library() {
    let p = TestApp::spawn().await;
    let dir =
        std::env::temp_dir().join(format!("kanta-fhir-{}-{}", std::process::id(), p.base.replace([':', '/', '.'], "")));
    std::fs::create_dir_all(&dir).unwrap();
    let mut files = vec![];
    let mut save = |name: String, body: &str| {
        let path = dir.join(name);
        std::fs::write(&path, body).unwrap();
        files.push(path);
    };
    let people = p.pool.demo_logins().await.unwrap();
    assert!(people.len() >= 8, "{people:?}");
    for (_, code) in &people {
        let who = p.log_in(code).await;
        for format in ["ips", "record"] {
            let (status, ct, cd, body) = download(&p, &who, &format!("format={format}")).await;
            assert_eq!(status, 200, "{code} {format}: {body}");
            assert_eq!(ct, "application/fhir+json; charset=utf-8");
            assert!(cd.starts_with("attachment; filename=\"") && cd.contains(format), "{cd}");
            let bundle: Value = serde_json::from_str(&body).unwrap();
            let patient = &resources(&bundle, "Patient")[0];
            assert_eq!(patient["identifier"][0]["value"], code.as_str(), "{code}: their own data");
            save(format!("{code}-{format}.json"), &body);
        }
    }
    // A guardian for each child, and Anna for Helmi by her authorisation.
    let oskari = p.log_in(OSKARI).await;
    for child in [SOFIA, EETU] {
        assert_eq!(oskari.act_for(&p.id_of(child).await.to_string()).await.0, 200);
        for format in ["ips", "record"] {
            let (status, _, _, body) = download(&p, &oskari, &format!("format={format}")).await;
            assert_eq!(status, 200, "{body}");
            save(format!("{child}-by-guardian-{format}.json"), &body);
        }
    }
    let anna = p.log_in(ANNA).await;
    assert_eq!(anna.act_for(&p.id_of(HELMI).await.to_string()).await.0, 200);
    let (status, _, _, body) = download(&p, &anna, "format=record").await;
    assert_eq!(status, 200);
    save("helmi-by-agent-record.json".into(), &body);
    // Compressed, as browsers ask for it: the stream ends cleanly (the
    // compression layer polls a body again after its end).
    for format in ["ips", "record"] {
        let res = p
            .log_in(HELMI)
            .await
            .get(format!("{}/patient-summary/download?format={format}", p.base))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-encoding"], "gzip", "{format}");
        assert!(res.bytes().await.unwrap().len() > 100, "{format}: the whole compressed body arrives");
    }
    let report = validate(&files);
    println!("{report}");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(report.contains(&format!("all {} bundles valid", files.len())), "{report}");
    for kind in ["Composition", "AllergyIntolerance", "Condition", "MedicationStatement", "Medication", "Immunization"]
    {
        assert!(report.contains(&format!("{kind} ")), "{kind} is in some copy: {report}");
    }
    for kind in
        ["Procedure", "Observation", "Encounter", "MedicationRequest", "MedicationDispense", "DocumentReference"]
    {
        assert!(report.contains(&format!("{kind} ")), "{kind} is in some copy: {report}");
    }
    let logged: i64 = app::with_pool!(&p.pool, db => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_event WHERE kind = 'copy_downloaded' AND detail IN ('ips', 'record')",
    )
    .fetch_one(db)
    .await)
    .unwrap();
    assert_eq!(logged as usize, files.len() + 2, "every download is in the audit log (the two compressed ones too)");
}

#[tokio::test]
async fn a_copy_holds_only_what_the_asker_may_see() {
    let p = TestApp::spawn().await;
    // A guardian: nothing recorded on or after Sofia's tenth birthday.
    let oskari = p.log_in(OSKARI).await;
    assert_eq!(oskari.act_for(&p.id_of(SOFIA).await.to_string()).await.0, 200);
    let (_, _, _, body) = download(&p, &oskari, "format=record").await;
    let bundle: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(resources(&bundle, "Patient")[0]["identifier"][0]["value"], SOFIA);
    let dates = ["recordedDate", "effectiveDateTime", "occurrenceDateTime", "performedDateTime", "authoredOn"];
    let entries = bundle["entry"].as_array().unwrap();
    let mut seen = 0;
    for r in entries.iter().map(|e| &e["resource"]) {
        for field in dates {
            if let Some(day) = r[field].as_str() {
                seen += 1;
                assert!(day < "2020-06-02", "{field} {day}: after her tenth birthday");
            }
        }
    }
    assert!(seen > 0, "the copy has dated entries from before the limit");
    // An agent with the healthcare matter only: no social welfare documents.
    let anna = p.log_in(ANNA).await;
    assert_eq!(anna.act_for(&p.id_of(HELMI).await.to_string()).await.0, 200);
    let (_, _, _, agent) = download(&p, &anna, "format=record").await;
    let helmi = p.log_in(HELMI).await;
    let (_, _, _, own) = download(&p, &helmi, "format=record").await;
    let (agent, own): (Value, Value) = (serde_json::from_str(&agent).unwrap(), serde_json::from_str(&own).unwrap());
    let social = |b: &Value| {
        resources(b, "DocumentReference").iter().filter(|r| r["type"]["text"] == "Asiakasasiakirja").count()
    };
    assert!(social(&own) > 0 && social(&agent) == 0, "Helmi's own copy has her client documents, Anna's none of them");
    assert!(resources(&own, "Encounter").len() > 100, "Helmi's long history is all there");
    // A citizen's id in the URL is refused: the copy is always the session's subject's.
    let matti_id = p.id_of(MATTI).await;
    let (status, _, cd, body) = download(&p, &helmi, &format!("format=ips&citizen={matti_id}")).await;
    assert_eq!((status, cd.as_str()), (400, ""), "{body}");
    assert!(!body.contains("Korhonen") && !body.contains(MATTI), "nothing of Matti's");
}

#[tokio::test]
async fn a_wrong_request_for_a_copy_is_a_clear_translated_page_never_a_file() {
    let p = TestApp::spawn().await;
    // Not logged in: the session guard sends the browser to log in first.
    let res = p.browser().get(format!("{}/patient-summary/download?format=ips", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap();
    assert!(location.starts_with("/login"), "{location}");
    let helmi = p.log_in(HELMI).await;
    for query in ["format=pdf", "", "format=IPS%00", "format=%ZZ"] {
        let (status, ct, cd, body) = download(&p, &helmi, query).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(ct.starts_with("text/html") && cd.is_empty(), "{query}: a page, not a file");
        assert!(body.contains("Tuntematon latausmuoto"), "{query}: in Finnish, the default: {body}");
    }
    for query in ["format=record&format=ips", "format=ips&citizen=1", "subject=2"] {
        let (status, ct, _, body) = download(&p, &helmi, query).await;
        assert_eq!((status, ct.starts_with("text/html")), (400, true), "{query}: {body}");
        assert!(body.contains(app::i18n::Locale::Fi.texts().err_bad_request), "{query}: {body}");
    }
    let sv = helmi
        .get(format!("{}/patient-summary/download?format=xml", p.base))
        .header("accept-language", "sv")
        .send()
        .await
        .unwrap();
    assert_eq!(sv.status(), 400);
    assert!(sv.text().await.unwrap().contains("Okänt nedladdningsformat"));
    // Aino has not confirmed the notice (logged in without confirming it): it comes first.
    let aino = p.browser();
    let res = aino
        .post(format!("{}/api/login", p.base))
        .form(&[("identity_code", AINO), ("password", kanta_server::seed::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(res.text().await.unwrap().contains("/notice"), "the notice is due for Aino");
    let res = aino.get(format!("{}/patient-summary/download?format=ips", p.base)).send().await.unwrap();
    assert_eq!(res.status(), 303, "the session guard sends her to the notice, not to a file");
    assert_eq!(res.headers()["location"], "/notice");
}

#[tokio::test]
async fn helmi_consents_to_her_summary_going_abroad_and_the_preview_decides_its_items_only() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in(HELMI).await;
    let (_, page) = helmi.call("abroad_page", &[("locale", "En")]).await;
    assert_eq!((&page["summary_consent"], page["summary_countries"].as_str()), (&Value::Null, Some("Latvia, Norway")));
    // The preview offers healthcare in both countries; before the consent it sees nothing.
    let (_, preview) = helmi.call("preview_page", &[("locale", "En")]).await;
    let choices: Vec<&str> =
        preview["viewer_choices"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert!(choices.contains(&"summary-abroad:LV") && choices.contains(&"summary-abroad:NO"), "{choices:?}");
    let rows = |preview: &Value| preview["rows"].as_array().unwrap().clone();
    let (status, before) = helmi.call("preview_page", &[("viewer", "summary-abroad:LV"), ("locale", "En")]).await;
    assert_eq!(status, 200, "{before}");
    assert!(!rows(&before).is_empty() && rows(&before).iter().all(|r| r["visible"] == false), "{before}");
    assert_eq!(rows(&before)[0]["reason"], "You have not consented to disclosing the patient summary abroad.");

    let key = format!("{}-summary-abroad", helmi.abroad_key().await);
    let done = (200, Value::String("/prescriptions/abroad".into()));
    assert_eq!(helmi.call("give_summary_abroad_consent", &[("form_key", &key)]).await, done);
    assert_eq!(helmi.call("give_summary_abroad_consent", &[("form_key", &key)]).await.0, 200, "a double submit");
    let again = format!("{}-summary-abroad", helmi.abroad_key().await);
    let (status, body) = helmi.call("give_summary_abroad_consent", &[("form_key", &again)]).await;
    assert_eq!(status, 409, "given already: {body}");
    let (_, page) = helmi.call("abroad_page", &[("locale", "En")]).await;
    assert!(page["summary_consent"].is_string(), "{page}");
    assert_eq!(page["consent"], Value::Null, "the prescriptions' consent is another one");

    // Now healthcare in Norway sees the summary's items: the service events of
    // its lines and the medicines in use; not her whole history, no will.
    let (_, after) = helmi.call("preview_page", &[("viewer", "summary-abroad:NO"), ("locale", "En")]).await;
    let after = rows(&after);
    assert!(after.iter().all(|r| r["visible"] == true), "{after:?}");
    let (_, everything) = helmi.call("preview_page", &[("viewer", "hus:healthcare"), ("locale", "En")]).await;
    assert!(after.len() < rows(&everything).len() / 4, "{} of {}", after.len(), rows(&everything).len());
    assert!(!after.iter().any(|r| r["label"] == "Living will"), "no will goes abroad");
    assert!(after.iter().any(|r| r["register"] == "Prescription Centre"), "medicines in use");
    let (status, _) = helmi.call("preview_page", &[("viewer", "summary-abroad:EE"), ("locale", "En")]).await;
    assert_eq!(status, 400, "Estonia receives prescriptions, not patient summaries");

    let (_, history) = helmi.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(history[0]["event"], "Consent to disclose the patient summary abroad: Latvia, Norway");
    let summary = helmi.get(format!("{}/data-use/summary", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(
        summary.contains("patient summary may be disclosed") || summary.contains("potilasyhteenvetosi saa"),
        "the printable summary"
    );

    let withdraw = format!("{}-summary-abroad-withdraw", helmi.abroad_key().await);
    assert_eq!(helmi.call("withdraw_summary_abroad_consent", &[("form_key", &withdraw)]).await.0, 200);
    let (_, after) = helmi.call("preview_page", &[("viewer", "summary-abroad:LV"), ("locale", "En")]).await;
    assert!(rows(&after).iter().all(|r| r["visible"] == false), "withdrawn: nothing goes abroad");
    let (_, history) = helmi.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(history[0]["event"], "Consent to disclose the patient summary abroad withdrawn");
}

#[tokio::test]
async fn only_the_person_gives_the_summary_consent_not_a_guardian_not_an_agent() {
    let p = TestApp::spawn().await;
    let before = p.declaration_count().await;
    let oskari = p.log_in(OSKARI).await;
    assert_eq!(oskari.act_for(&p.id_of(EETU).await.to_string()).await.0, 200);
    let key = oskari.page_key().await;
    let (status, body) =
        oskari.call("give_summary_abroad_consent", &[("form_key", &format!("{key}-summary-abroad"))]).await;
    assert_eq!((status, body), (403, serde_json::json!({ "OwnMatter": "AbroadConsent" })));
    let anna = p.log_in(ANNA).await;
    assert_eq!(anna.act_for(&p.id_of(HELMI).await.to_string()).await.0, 200);
    let (_, page) = anna.call("abroad_page", &[("locale", "En")]).await;
    assert_eq!(page["form_key"], Value::Null, "no form for an agent");
    let forged = "AAAAAAAAAAAAAAAAAAAAAA-1-summary-abroad";
    assert_eq!(anna.call("give_summary_abroad_consent", &[("form_key", forged)]).await.0, 403);
    assert_eq!(p.browser().call("give_summary_abroad_consent", &[("form_key", forged)]).await.0, 401);
    assert_eq!(p.declaration_count().await, before, "nothing written");
}
