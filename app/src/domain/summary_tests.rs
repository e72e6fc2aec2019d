use super::*;
use crate::domain::declarations::{PrescriptionId, ProviderId, ServiceEventId};
use crate::domain::records::{EntryId, Unit, UnitId};
use crate::domain::renewal::MedicineClass;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: fn() -> NaiveDate = || d(2026, 12, 5);

fn entry(id: i64, kind: EntryKind, on: NaiveDate, text: &str) -> Entry {
    Entry {
        id: EntryId(id),
        service_event: ServiceEventId(id * 10),
        kind,
        recorded_on: on,
        text: text.into(),
        lab_test: None,
    }
}

fn rx(id: i64, medicine: &str, strength: &str, prescribed_on: NaiveDate, valid_until: NaiveDate) -> Prescription {
    let unit = Unit { id: UnitId("u".into()), provider: ProviderId("p".into()), name: "U".into() };
    Prescription {
        id: PrescriptionId(id),
        prescriber: ProviderId("p".into()),
        prescriber_unit: unit,
        medicine: medicine.into(),
        strength: strength.into(),
        dosage: "1 x 1".into(),
        prescribed_on,
        valid_until,
        amount: 100,
        amount_unit: "tabl".into(),
        form: None,
        atc_code: None,
        purpose: None,
        dispensings: vec![],
        class: MedicineClass::Ordinary,
    }
}

#[test]
fn an_icd10_code_is_a_letter_two_digits_and_at_most_two_more_after_a_dot() {
    assert_eq!(icd10("I10 Essentiaalinen verenpainetauti"), Some(("I10", "Essentiaalinen verenpainetauti")));
    assert_eq!(icd10("E11.9 Tyypin 2 diabetes"), Some(("E11.9", "Tyypin 2 diabetes")));
    assert_eq!(icd10("S52.51 Murtuma"), Some(("S52.51", "Murtuma")));
    for not in ["Verenpainetauti", "i10 pieni", "I1 Lyhyt", "I10. Piste", "I10.123 Pitkä", "10I Väärin", "I10"] {
        assert_eq!(icd10(not), None, "{not}");
    }
}

#[test]
fn allergies_come_first_medicine_allergies_before_others_each_text_once() {
    let entries = [
        entry(1, EntryKind::CriticalRisk, d(2025, 3, 1), "Antikoagulanttihoito: apiksabaani."),
        entry(2, EntryKind::CriticalRisk, d(2019, 3, 1), "Lääkeaineallergia: penisilliini (nokkosihottuma)."),
        entry(3, EntryKind::CriticalRisk, d(2024, 3, 1), "Muu allergia: pähkinät."),
        entry(4, EntryKind::CriticalRisk, d(2022, 3, 1), "Lääkeaineallergia: penisilliini (nokkosihottuma)."),
        entry(5, EntryKind::Diagnosis, d(2026, 3, 1), "Lääkeaineallergia: ei riskitieto."),
    ];
    let ids: Vec<i64> = critical_risks(&entries).iter().map(|e| e.id.0).collect();
    assert_eq!(ids, [4, 3, 1], "newest entry of a text, allergies first");
    assert_eq!(risk_kind("Läkemedelsallergi: penicillin."), RiskKind::MedicineAllergy);
    assert_eq!(risk_kind("Antikoagulanttihoito: allergia ei"), RiskKind::Other, "by the heading only");
}

#[test]
fn a_diagnosis_is_current_within_a_year_or_when_followed_up() {
    let entries = [
        entry(1, EntryKind::Diagnosis, d(2018, 5, 1), "I10 Essentiaalinen verenpainetauti"),
        entry(2, EntryKind::Diagnosis, d(2019, 5, 1), "I10 Essentiaalinen verenpainetauti"),
        entry(3, EntryKind::Diagnosis, d(2020, 2, 1), "S52.5 Värttinäluun alaosan murtuma"),
        entry(4, EntryKind::Diagnosis, d(2025, 12, 5), "J06.9 Äkillinen ylähengitystieinfektio"),
        entry(5, EntryKind::Diagnosis, d(2025, 12, 4), "J20.9 Äkillinen keuhkoputkitulehdus"),
        entry(6, EntryKind::Diagnosis, d(2026, 6, 1), "Ei koodia"),
        entry(7, EntryKind::Diagnosis, d(2020, 6, 1), "S52.5 Sama koodi, toinen teksti"),
        entry(8, EntryKind::Diagnosis, d(2020, 6, 1), "S52.5 Värttinäluun alaosan murtuma"),
    ];
    let current = current_diagnoses(&entries, TODAY());
    let got: Vec<(Option<&str>, i64, usize)> = current.iter().map(|c| (c.code, c.latest.id.0, c.days)).collect();
    // J06.9 is exactly a year old (current); J20.9 a day more (not). The
    // fracture was recorded on two days; the same day twice counts once.
    assert_eq!(got, [(None, 6, 1), (Some("J06.9"), 4, 1), (Some("S52.5"), 7, 2), (Some("I10"), 2, 2)]);
}

#[test]
fn medicines_in_use_are_the_valid_prescriptions_each_medicine_once() {
    let all = [
        rx(1, "Ramipriili", "5 mg", d(2025, 1, 1), d(2027, 1, 1)),
        rx(2, "Ramipriili", "5 mg", d(2026, 1, 1), d(2028, 1, 1)),
        rx(3, "Ramipriili", "10 mg", d(2024, 1, 1), d(2026, 12, 5)),
        rx(4, "Amoksisilliini", "500 mg", d(2024, 1, 1), d(2026, 12, 4)),
        rx(5, "Apiksabaani", "5 mg", d(2026, 8, 1), d(2028, 8, 1)),
    ];
    let ids: Vec<i64> = medicines_in_use(&all, TODAY()).iter().map(|p| p.id.0).collect();
    assert_eq!(ids, [5, 3, 2], "valid through the last day; expired left out; the newest of a medicine");
}

#[test]
fn procedures_of_five_years_newest_first() {
    let entries = [
        entry(1, EntryKind::Procedure, d(2021, 12, 6), "Kaihileikkaus"),
        entry(2, EntryKind::Procedure, d(2021, 12, 4), "Luomen poisto"),
        entry(3, EntryKind::Procedure, d(2026, 10, 1), "Artroskopia"),
        entry(4, EntryKind::VisitSummary, d(2026, 11, 1), "Käynti"),
    ];
    let ids: Vec<i64> = recent_procedures(&entries, TODAY()).iter().map(|e| e.id.0).collect();
    assert_eq!(ids, [3, 1]);
}

#[test]
fn each_tests_latest_result_with_its_position_and_trend_old_tests_left_out() {
    let r = |on, value, event| (LabResult { recorded_on: on, value }, event);
    let range = ReferenceRange { low: Some(20.0), high: Some(42.0) };
    let tests = [
        TestResults {
            test: "B -HbA1c".into(),
            unit: "mmol/mol".into(),
            reference: range,
            results: vec![r(d(2026, 1, 1), 44.0, 1), r(d(2026, 5, 1), 46.0, 2), r(d(2026, 9, 1), 50.0, 3)],
        },
        TestResults {
            test: "P -TSH".into(),
            unit: "mU/l".into(),
            reference: range,
            results: vec![r(d(2024, 12, 4), 30.0, 4)],
        },
        TestResults {
            test: "P -Krea".into(),
            unit: "µmol/l".into(),
            reference: range,
            results: vec![r(d(2025, 2, 1), 30.0, 5)],
        },
    ];
    let latest = latest_results(&tests, TODAY());
    assert_eq!(latest.len(), 2, "the TSH of over two years ago is left out");
    assert_eq!((latest[0].test, latest[0].latest.value, latest[0].event), ("B -HbA1c", 50.0, 3));
    assert_eq!((latest[0].position, latest[0].trend), (RangePosition::Above, Some(Trend::Rising)));
    assert_eq!((latest[1].position, latest[1].trend), (RangePosition::Within, None), "one result has no trend");
}
