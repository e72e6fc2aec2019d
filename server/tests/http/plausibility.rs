//! The demo as the seed wrote it, read back from the database (SQLite, and
//! PostgreSQL when the suite runs there) and held to the same plausibility
//! checks as the demo as built (`app::demo::plausibility`): what a citizen
//! and a clinician read is what was checked.

use app::demo::plausibility::{problems, EntryFacts, EventFacts, PersonFacts, PrescriptionFacts};
use chrono::NaiveDate;

use crate::test_app::TestApp;

type EntryRow = (i64, String, String, Option<String>, Option<String>);

async fn facts(p: &TestApp, id: i64, code: String, first_name: String) -> PersonFacts {
    let events: Vec<(i64, NaiveDate, String, String)> = app::with_pool!(&p.pool, db => sqlx::query_as(
        "SELECT id, started_on, unit_id, title FROM service_event WHERE citizen_id = $1 ORDER BY started_on, id")
        .bind(id).fetch_all(db).await)
    .unwrap();
    let entries: Vec<EntryRow> = app::with_pool!(&p.pool, db => sqlx::query_as(
        "SELECT x.service_event_id, x.kind, x.text, v.vaccine, l.test FROM entry x \
         LEFT JOIN vaccination v ON v.entry_id = x.id LEFT JOIN laboratory_result l ON l.entry_id = x.id \
         WHERE x.citizen_id = $1 ORDER BY x.id")
        .bind(id).fetch_all(db).await)
    .unwrap();
    // medicine, form, package unit, ATC code, purpose
    type RxRow = (String, Option<String>, String, Option<String>, Option<String>);
    let prescriptions: Vec<RxRow> = app::with_pool!(&p.pool, db => sqlx::query_as(
        "SELECT medicine, pharmaceutical_form, amount_unit, atc_code, purpose FROM prescription WHERE citizen_id = $1")
        .bind(id).fetch_all(db).await)
    .unwrap();
    PersonFacts {
        code,
        first_name,
        events: events
            .into_iter()
            .map(|(event, on, unit, title)| EventFacts {
                on,
                unit,
                title,
                entries: entries
                    .iter()
                    .filter(|x| x.0 == event)
                    .map(|(_, kind, text, vaccine, lab_test)| EntryFacts {
                        kind: kind.clone(),
                        text: text.clone(),
                        vaccine: vaccine.clone(),
                        lab_test: lab_test.clone(),
                    })
                    .collect(),
            })
            .collect(),
        prescriptions: prescriptions
            .into_iter()
            .map(|(medicine, form, package_unit, atc, purpose)| PrescriptionFacts {
                medicine,
                form,
                package_unit,
                atc,
                purpose,
            })
            .collect(),
    }
}

#[tokio::test]
async fn the_seeded_demo_reads_true_to_a_clinician() {
    let p = TestApp::spawn().await;
    let people: Vec<(i64, String, String)> = app::with_pool!(&p.pool, db => sqlx::query_as(
        "SELECT id, identity_code, first_name FROM citizen ORDER BY id").fetch_all(db).await)
    .unwrap();
    assert_eq!(people.len(), 10, "the demo people of DOMAIN.md §9");
    let mut found = vec![];
    let mut checked = (0, 0);
    for (id, code, first_name) in people {
        let person = facts(&p, id, code, first_name).await;
        checked.0 += person.events.iter().map(|e| e.entries.len()).sum::<usize>();
        checked.1 += person.prescriptions.len();
        found.extend(problems(&person));
    }
    assert!(checked.0 > 2000 && checked.1 > 50, "{checked:?}");
    assert!(found.is_empty(), "{} findings: {:#?}", found.len(), &found[..found.len().min(10)]);
}
