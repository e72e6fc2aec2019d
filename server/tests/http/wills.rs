//! The living will, the organ donation testament and the consent to
//! disclose prescriptions abroad (DOMAIN.md §8) through the real
//! HTTP application: versions kept and readable, texts exactly as typed,
//! one-time form keys, every refusal a 4xx naming its field or reason with
//! nothing written, who may make them, and what the preview says of them.

use serde_json::{json, Value};

use crate::test_app::{Browser, TestApp, MATTI};

const HELMI: &str = "271055-988J";
const ANNA: &str = "140282-9725";
const OSKARI: &str = "080988-9570";
const SOFIA: &str = "020610A9788";

impl Browser {
    /// The wills page's form key, as this browser loads it.
    pub(crate) async fn wills_key(&self) -> String {
        let (status, page) = self.call("wills_page", &[]).await;
        assert_eq!(status, 200, "{page}");
        page["form_key"].as_str().unwrap().to_string()
    }

    pub(crate) async fn abroad_key(&self) -> String {
        let (status, page) = self.call("abroad_page", &[("locale", "En")]).await;
        assert_eq!(status, 200, "{page}");
        page["form_key"].as_str().unwrap().to_string()
    }
}

fn events(history: &Value) -> Vec<String> {
    history.as_array().unwrap().iter().map(|h| h["event"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn a_living_will_is_replaced_by_versions_kept_as_typed_and_an_organ_testament_set_and_withdrawn() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in(HELMI).await;
    let (_, page) = helmi.call("wills_page", &[]).await;
    assert!(page["living_will"]["will"]["care"].as_str().unwrap().starts_with("En halua tehohoitoa enkä"));
    assert_eq!(page["earlier"].as_array().unwrap().len(), 1, "the seeded first version");
    assert_eq!(page["earlier"][0]["will"]["person_to_hear"], "Anna Koskinen");
    assert_eq!(page["organ_donation"][1], json!({"donate": true, "restriction": "Ei sarveiskalvoja."}));

    let key = format!("{}-living-will", helmi.wills_key().await);
    let typed = "  <b>No</b> resuscitation & </textarea><script>alert(1)</script>\nÄ";
    let save = [("care", typed), ("end_of_life", ""), ("person_to_hear", "Anna"), ("form_key", key.as_str())];
    assert_eq!(helmi.call("save_living_will", &save).await, (200, Value::String("/wills#living-will".into())));
    let before = p.declaration_count().await;
    assert_eq!(helmi.call("save_living_will", &save).await.0, 200, "a double submit");
    assert_eq!(p.declaration_count().await, before, "records once");
    let (_, page) = helmi.call("wills_page", &[]).await;
    assert_eq!(page["living_will"]["will"]["care"], typed, "kept exactly as typed");
    let earlier = page["earlier"].as_array().unwrap();
    assert_eq!(earlier.len(), 2, "every version kept");
    assert!(earlier[0]["will"]["care"].as_str().unwrap().starts_with("En halua tehohoitoa enkä"), "newest first");
    assert!(earlier.iter().all(|v| !v["ended_at"].is_null()));
    let html = helmi.get(format!("{}/wills", p.base)).send().await.unwrap().text().await.unwrap();
    // Shown as text, and in the form's field too (which Leptos does not
    // escape by itself): never as markup.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>alert(1)"));

    // Refusals: each names its field or reason; nothing is written.
    let key = format!("{}-living-will", helmi.wills_key().await);
    let long = "x".repeat(4001);
    type Form<'a> = Vec<(&'a str, &'a str)>;
    let cases: Vec<(Form, u16, Value)> = vec![
        (save[..3].to_vec(), 409, json!({"Declaration": "Unchanged"})),
        (vec![("care", " "), ("end_of_life", "\n")], 400, json!({"BadWillForm": "LivingWillEmpty"})),
        (vec![("care", &long)], 400, json!({"BadWillForm": "CareTooLong"})),
        (vec![("care", "x"), ("end_of_life", &long)], 400, json!({"BadWillForm": "EndOfLifeTooLong"})),
        (vec![("care", "Ei elvytystä\0")], 400, json!({"BadWillForm": "NotText"})),
        (vec![("care", "x"), ("person_to_hear", "\u{202e}ettaM")], 400, json!({"BadWillForm": "NotText"})),
        (vec![("end_of_life", "\u{1b}[2J\u{c}")], 400, json!({"BadWillForm": "NotText"})),
    ];
    for (mut form, status, body) in cases {
        form.push(("form_key", &key));
        assert_eq!(helmi.call("save_living_will", &form).await, (status, body), "{form:?}");
    }
    let organ_key = format!("{}-organ", helmi.wills_key().await);
    for (form, body) in [
        (vec![("donate", "no"), ("restriction", "kidneys")], json!({"BadWillForm": "RestrictionWithNo"})),
        (vec![("donate", "maybe")], json!({"BadWillForm": "DonationChoice"})),
        (vec![("restriction", "x")], json!({"BadWillForm": "DonationChoice"})),
        (vec![("donate", "yes"), ("restriction", "munuaiset\u{2066}")], json!({"BadWillForm": "NotText"})),
    ] {
        let mut form = form;
        form.push(("form_key", &organ_key));
        assert_eq!(helmi.call("declare_organ_donation", &form).await, (400, body), "{form:?}");
    }
    assert_eq!(p.declaration_count().await, before, "nothing written");

    let form = [("donate", "no"), ("form_key", organ_key.as_str())];
    assert_eq!(helmi.call("declare_organ_donation", &form).await.0, 200);
    let withdraw = format!("{}-organ-withdraw", helmi.wills_key().await);
    assert_eq!(helmi.call("withdraw_organ_donation", &[("form_key", &withdraw)]).await.0, 200);
    let again = format!("{}-organ-withdraw", helmi.wills_key().await);
    let (status, body) = helmi.call("withdraw_organ_donation", &[("form_key", &again)]).await;
    assert_eq!((status, body), (409, json!({"Declaration": "NoOrganDonationToWithdraw"})));
    let (_, page) = helmi.call("wills_page", &[]).await;
    assert!(page["organ_donation"].is_null());

    let (_, history) = helmi.call("declaration_history", &[("locale", "En")]).await;
    let history = events(&history);
    assert_eq!(
        history[..3],
        ["Organ donation testament withdrawn", "Organ donation testament saved: no", "Living will saved"]
    );
    let (_, summary) = helmi.call("data_use_page", &[("locale", "En")]).await;
    assert!(!summary["living_will_saved"].is_null() && summary["organ_donation"].is_null());
}

#[tokio::test]
async fn wills_are_shown_to_a_healthcare_viewer_who_sees_nothing_else_and_to_nobody_else() {
    let p = TestApp::spawn().await;
    // Anna has no consent and no prescriptions: a county she was never
    // treated in sees nothing of her but her wills.
    let anna = p.log_in(ANNA).await;
    let key = anna.wills_key().await;
    let will = [("care", "Ei letkuruokintaa."), ("form_key", &format!("{key}-living-will"))];
    assert_eq!(anna.call("save_living_will", &will).await.0, 200);
    let organ = [("donate", "yes"), ("form_key", &format!("{key}-organ"))];
    assert_eq!(anna.call("declare_organ_donation", &organ).await.0, 200);
    let preview = |viewer: &'static str| {
        let anna = &anna;
        async move { anna.call("preview_page", &[("viewer", viewer), ("locale", "En")]).await.1 }
    };
    let rows = preview("pirkanmaa:healthcare").await;
    let rows = rows["rows"].as_array().unwrap().clone();
    let visible: Vec<&str> =
        rows.iter().filter(|r| r["visible"] == true).map(|r| r["label"].as_str().unwrap()).collect();
    assert_eq!(visible, ["Living will", "Organ donation testament"]);
    assert!(rows.len() > 2, "her visits are there, hidden");
    let reason = "A living will and an organ donation testament are shown to every healthcare professional treating you, whatever your consents and denials.";
    assert!(rows.iter().filter(|r| r["visible"] == true).all(|r| r["reason"] == reason));
    for viewer in ["pirkanmaa:social_welfare", "abroad:EE"] {
        let page = preview(viewer).await;
        let wills: Vec<&Value> =
            page["rows"].as_array().unwrap().iter().filter(|r| r["register"] == "Wills (Kanta)").collect();
        assert_eq!(wills.len(), 2, "{viewer}");
        assert!(wills.iter().all(|r| r["visible"] == false), "{viewer}");
    }
}

#[tokio::test]
async fn matti_extends_his_estonia_consent_to_portugal_and_his_narcotic_never_goes_abroad() {
    let p = TestApp::spawn().await;
    let matti = p.log_in(MATTI).await;
    let (_, page) = matti.call("abroad_page", &[("locale", "En")]).await;
    assert_eq!(page["consent"][1], "Estonia");
    assert_eq!(page["selected"], json!(["EE"]));
    let status_of = |page: &Value, medicine: &str| {
        page["prescriptions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["medicine"].as_str().unwrap().starts_with(medicine))
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status_of(&page, "Oksikodoni"), "NeverNarcotic");
    assert_eq!(status_of(&page, "Metformiini"), "Disclosed");
    let countries: Vec<&str> =
        page["countries"].as_array().unwrap().iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert_eq!(countries.len(), 7, "the participating countries, from the database (Latvia the latest)");

    let before = p.declaration_count().await;
    let key = format!("{}-abroad", matti.abroad_key().await);
    for (form, status, body) in [
        (vec![], 400, json!({"BadWillForm": "Countries"})),
        (vec![("countries[]", "SE")], 400, json!({"BadWillForm": "Countries"})),
        (vec![("countries[]", "EE")], 409, json!({"Declaration": "Unchanged"})),
    ] {
        let mut form = form;
        form.push(("form_key", &key));
        assert_eq!(matti.call("give_abroad_consent", &form).await, (status, body), "{form:?}");
    }
    assert_eq!(p.declaration_count().await, before, "nothing written");
    let extend = [("countries[]", "EE"), ("countries[]", "PT"), ("form_key", key.as_str())];
    assert_eq!(matti.call("give_abroad_consent", &extend).await, (200, Value::String("/prescriptions/abroad".into())));
    assert_eq!(matti.call("give_abroad_consent", &extend).await.0, 200, "a double submit");
    assert_eq!(p.declaration_count().await, before + 1, "records once");
    let (_, page) = matti.call("abroad_page", &[("locale", "En")]).await;
    assert_eq!(page["consent"][1], "Estonia, Portugal");

    // The preview: a pharmacy in Portugal sees his ordinary prescriptions only.
    let (_, preview) = matti.call("preview_page", &[("viewer", "abroad:PT"), ("locale", "En")]).await;
    let rows = preview["rows"].as_array().unwrap();
    let narcotic = rows.iter().find(|r| r["label"].as_str().unwrap().starts_with("Oksikodoni")).unwrap();
    assert_eq!(narcotic["visible"], false);
    assert_eq!(
        narcotic["reason"],
        "Prescriptions for narcotics and central nervous system medicines are never disclosed abroad."
    );
    assert!(rows.iter().any(|r| r["visible"] == true && r["register"] == "Prescription Centre"));
    assert!(rows.iter().filter(|r| r["register"] != "Prescription Centre").all(|r| r["visible"] == false));
    let (status, _) = matti.call("preview_page", &[("viewer", "abroad:SE"), ("locale", "En")]).await;
    assert_eq!(status, 400, "a country that does not take part");

    let (_, history) = matti.call("declaration_history", &[("locale", "En")]).await;
    assert_eq!(events(&history)[0], "Consent to disclose prescriptions abroad: Estonia, Portugal");
    let all = [("all", "yes"), ("form_key", &format!("{}-abroad", matti.abroad_key().await))];
    assert_eq!(matti.call("give_abroad_consent", &all).await.0, 200);
    let (_, page) = matti.call("data_use_page", &[("locale", "En")]).await;
    assert_eq!(page["abroad_consent"][1], "every participating country");
    let withdraw = [("form_key", format!("{}-abroad-withdraw", matti.abroad_key().await))];
    let withdraw: Vec<(&str, &str)> = withdraw.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(matti.call("withdraw_abroad_consent", &withdraw).await.0, 200);
    let again = format!("{}-abroad-withdraw", matti.abroad_key().await);
    let (status, body) = matti.call("withdraw_abroad_consent", &[("form_key", &again)]).await;
    assert_eq!((status, body), (409, json!({"Declaration": "NoConsentToWithdraw"})));
}

#[tokio::test]
async fn only_the_person_sees_or_makes_them_not_a_guardian_not_an_agent_not_a_stranger() {
    let p = TestApp::spawn().await;
    let before = p.declaration_count().await;
    // A guardian acting for Sofia: neither sees nor makes them (403, named),
    // and the page says why.
    let oskari = p.log_in(OSKARI).await;
    let sofia = p.id_of(SOFIA).await.to_string();
    assert_eq!(oskari.act_for(&sofia).await.0, 200);
    let own = |m: &str| json!({ "OwnMatter": m });
    assert_eq!(oskari.call("wills_page", &[]).await, (403, own("Wills")));
    assert_eq!(oskari.call("abroad_page", &[("locale", "En")]).await, (403, own("AbroadConsent")));
    let key = oskari.page_key().await;
    for (name, form, matter) in [
        ("save_living_will", vec![("care", "Ei.".to_string()), ("form_key", format!("{key}-living-will"))], "Wills"),
        ("declare_organ_donation", vec![("donate", "yes".into()), ("form_key", format!("{key}-organ"))], "Wills"),
        ("withdraw_organ_donation", vec![("form_key", format!("{key}-organ-withdraw"))], "Wills"),
        ("give_abroad_consent", vec![("all", "yes".into()), ("form_key", format!("{key}-abroad"))], "AbroadConsent"),
    ] {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_ref())).collect();
        assert_eq!(oskari.call(name, &form).await, (403, own(matter)), "{name} by a guardian");
    }
    let html = oskari.get(format!("{}/wills", p.base)).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Hoitotahdon ja elinluovutustahdon näkee ja tekee vain henkilö itse."), "{html:.400}");
    assert!(!html.contains("name=\"care\""), "no living will form for a guardian");

    // Anna with Helmi's e-authorisation: neither sees nor makes them.
    let anna = p.log_in(ANNA).await;
    let helmi = p.id_of(HELMI).await.to_string();
    assert_eq!(anna.act_for(&helmi).await.0, 200);
    assert_eq!(anna.call("wills_page", &[]).await, (403, own("Wills")));
    let (_, preview) = anna.call("preview_page", &[("viewer", "hus:healthcare"), ("locale", "En")]).await;
    let labels: Vec<&str> = preview["rows"].as_array().unwrap().iter().map(|r| r["label"].as_str().unwrap()).collect();
    assert!(!labels.contains(&"Living will") && !labels.contains(&"Organ donation testament"), "{labels:?}");
    assert_eq!(anna.call("abroad_page", &[("locale", "En")]).await.1["form_key"], Value::Null);
    let forged = "AAAAAAAAAAAAAAAAAAAAAA-1-living-will";
    for (name, form) in [
        ("save_living_will", vec![("care", "x"), ("form_key", forged)]),
        ("withdraw_living_will", vec![("form_key", forged)]),
        ("declare_organ_donation", vec![("donate", "yes"), ("form_key", forged)]),
        ("withdraw_organ_donation", vec![("form_key", forged)]),
        ("give_abroad_consent", vec![("all", "yes"), ("form_key", forged)]),
        ("withdraw_abroad_consent", vec![("form_key", forged)]),
    ] {
        assert_eq!(anna.call(name, &form).await.0, 403, "{name} by an agent");
        // Oskari may not act for Helmi at all; anonymous is not logged in.
        assert_eq!(oskari.act_for(&helmi).await.0, 403);
        let anonymous = p.browser();
        assert_eq!(anonymous.call(name, &form).await.0, 401, "{name} anonymously");
    }
    let anonymous = p.browser();
    assert_eq!(anonymous.call("wills_page", &[]).await.0, 401);
    assert_eq!(anonymous.call("abroad_page", &[("locale", "En")]).await.0, 401);
    assert_eq!(p.declaration_count().await, before, "nothing written");
}

#[tokio::test]
async fn a_post_from_another_site_writes_no_will_and_no_consent() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in(HELMI).await;
    let before = p.declaration_count().await;
    let key = helmi.wills_key().await;
    for (path, body) in [
        ("/api/save_living_will", format!("care=Ei&form_key={key}-living-will")),
        ("/api/withdraw_living_will", format!("form_key={key}-living-will-withdraw")),
        ("/api/give_abroad_consent", format!("all=yes&form_key={key}-abroad")),
    ] {
        let res = helmi
            .post(format!("{}{path}", p.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "http://evil.example")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 403, "{path}");
        assert_eq!(res.text().await.unwrap(), "\"CrossSite\"", "{path}");
    }
    assert_eq!(p.declaration_count().await, before, "nothing written");
}
