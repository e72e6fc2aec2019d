//! Vaccinations through HTTP: every vaccination of the subject,
//! newest first, with its vaccine and dose, and nobody else's.

use crate::test_app::{TestApp, MATTI};

const HELMI: &str = "271055-988J";

impl TestApp {
    /// (date, vaccine, dose) of the citizen's vaccinations, newest first.
    async fn vaccinations_of(&self, code: &str) -> Vec<(String, String, i64)> {
        let rows: Vec<(chrono::NaiveDate, String, i64)> = app::with_pool!(&self.pool, db => sqlx::query_as(
            "SELECT x.recorded_on, v.vaccine, v.dose FROM vaccination v JOIN entry x ON x.id = v.entry_id \
             JOIN citizen c ON c.id = v.citizen_id WHERE c.identity_code = $1 ORDER BY x.recorded_on DESC, x.id DESC",
        )
        .bind(code)
        .fetch_all(db)
        .await)
        .unwrap();
        rows.into_iter().map(|(on, vaccine, dose)| (on.to_string(), vaccine, dose)).collect()
    }
}

#[tokio::test]
async fn a_citizen_lists_every_vaccination_of_their_own_newest_first() {
    let p = TestApp::spawn().await;
    let (status, _) = p.browser().call("vaccinations", &[]).await;
    assert_eq!(status, 401);
    for code in [HELMI, MATTI] {
        let client = p.log_in(code).await;
        let stored = p.vaccinations_of(code).await;
        let (status, list) = client.call("vaccinations", &[]).await;
        assert_eq!(status, 200, "{list}");
        let shown: Vec<(String, String, i64)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let on = v["recorded_on"].as_str().unwrap().to_string();
                (on, v["vaccine"].as_str().unwrap().to_string(), v["dose"].as_i64().unwrap())
            })
            .collect();
        assert_eq!(shown, stored, "{code}: exactly their own, newest first");
    }
    assert!(p.vaccinations_of(HELMI).await.len() >= 10, "Helmi's long history has vaccinations");
}
