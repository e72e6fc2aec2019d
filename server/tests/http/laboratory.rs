//! Laboratory results over time through HTTP: only the subject's
//! own results, every one of them in date order with its place against the
//! reference range, a bad or unknown test named, and the page readable
//! without a script (the chart is SVG in the HTML, beside the table).

use crate::test_app::TestApp;

const HELMI: &str = "271055-988J";
const LIISA: &str = "231190-924R";

impl TestApp {
    /// (value, reference high) of the citizen's results of `test`, by date.
    async fn lab_values_of(&self, code: &str, test: &str) -> Vec<(f64, Option<f64>)> {
        app::with_pool!(&self.pool, db => sqlx::query_as(
            "SELECT l.value, l.reference_high FROM laboratory_result l JOIN entry x ON x.id = l.entry_id \
             JOIN citizen c ON c.id = l.citizen_id WHERE c.identity_code = $1 AND l.test = $2 ORDER BY x.recorded_on, x.id",
        )
        .bind(code)
        .bind(test)
        .fetch_all(db)
        .await)
        .unwrap()
    }
}

#[tokio::test]
async fn a_citizen_follows_each_of_their_own_tests_and_nobody_elses() {
    let p = TestApp::spawn().await;
    let anon = p.browser();
    for (name, form) in [("laboratory_tests", vec![]), ("laboratory_series", vec![("test", "P -Krea")])] {
        let (status, body) = anon.call(name, &form).await;
        assert_eq!(status, 401, "{name}: {body}");
    }

    let helmi = p.log_in(HELMI).await;
    let (status, tests) = helmi.call("laboratory_tests", &[]).await;
    assert_eq!(status, 200, "{tests}");
    let codes: Vec<&str> = tests.as_array().unwrap().iter().map(|t| t["test"].as_str().unwrap()).collect();
    assert_eq!(codes, ["B -Hb", "B -HbA1c", "fP -Gluk", "fP -Kol-LDL", "P -Krea", "P -TSH"]);

    // Her creatinine: exactly her stored values, oldest first, each placed
    // against the range (above 90 µmol/l is "Above").
    let stored = p.lab_values_of(HELMI, "P -Krea").await;
    assert!(stored.len() >= 20, "a ten-year series");
    let (status, series) = helmi.call("laboratory_series", &[("test", "P -Krea")]).await;
    assert_eq!(status, 200, "{series}");
    let results = series["results"].as_array().unwrap();
    let values: Vec<f64> = results.iter().map(|r| r["value"].as_f64().unwrap()).collect();
    assert_eq!(values, stored.iter().map(|s| s.0).collect::<Vec<_>>());
    let dates: Vec<&str> = results.iter().map(|r| r["recorded_on"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "oldest first");
    for r in results {
        let above = r["value"].as_f64().unwrap() > 90.0;
        assert_eq!(r["position"] == "Above", above, "{r}");
    }
    assert!(results.iter().any(|r| r["position"] == "Above") && results.iter().any(|r| r["position"] == "Within"));

    // Liisa asks for the same test: her own results only.
    let liisa = p.log_in(LIISA).await;
    let hers = p.lab_values_of(LIISA, "P -Krea").await;
    let (status, series) = liisa.call("laboratory_series", &[("test", "P -Krea")]).await;
    if hers.is_empty() {
        assert_eq!(status, 404, "{series}");
    } else {
        assert_eq!(status, 200, "{series}");
        assert_eq!(series["results"].as_array().unwrap().len(), hers.len());
    }

    // A code that is not a test's is named; a test without results is not found.
    let (status, body) = helmi.call("laboratory_series", &[("test", "P -Krea' OR 1=1")]).await;
    assert_eq!((status, body), (400, serde_json::json!({ "BadFilter": "LabTest" })));
    let (status, _) = helmi.call("laboratory_series", &[("test", "S -Tyyppi")]).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn the_test_page_draws_its_chart_and_table_without_a_script() {
    let p = TestApp::spawn().await;
    let helmi = p.log_in(HELMI).await;
    let stored = p.lab_values_of(HELMI, "B -HbA1c").await;
    let page = helmi.get(format!("{}/laboratory/B%20-HbA1c", p.base)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<svg") && html.contains("role=\"img\""), "the chart is in the HTML");
    let outside = stored.iter().filter(|s| s.1.is_some_and(|high| s.0 > high)).count();
    assert!(outside > 0 && outside < stored.len());
    assert_eq!(html.matches("<circle").count(), stored.len() - outside, "a dot per result within the range");
    assert_eq!(html.matches("lab-chart__point--outside").count(), outside, "a diamond per result above 42");
    let rows = html.split("<tbody>").nth(1).unwrap().split("</tbody>").next().unwrap().matches("<tr").count();
    assert_eq!(rows, stored.len(), "a table row per result");
}
