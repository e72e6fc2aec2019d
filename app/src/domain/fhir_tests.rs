use chrono::TimeZone;
use serde_json::Value;

use super::*;
use crate::domain::declarations::{PrescriptionId, ProviderId, ServiceEventId};
use crate::domain::ips::{ips_bundle, SummaryParts};
use crate::domain::records::{Dispensing, EntryId, Unit, UnitId};
use crate::domain::renewal::MedicineClass;
use crate::domain::summary::IpsTitles;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn entry(id: i64, kind: EntryKind, text: &str) -> Entry {
    Entry {
        id: EntryId(id),
        service_event: ServiceEventId(7),
        kind,
        recorded_on: d(2025, 3, 1),
        text: text.into(),
        lab_test: None,
    }
}

fn person() -> Person {
    Person {
        id: 3,
        code: IdentityCode::parse("040762-913N").unwrap(),
        first_name: "Matti".into(),
        last_name: "Virtanen".into(),
    }
}

const TITLES: IpsTitles = IpsTitles {
    document: "Potilasyhteenveto",
    allergies: "Allergiat",
    problems: "Diagnoosit",
    medications: "Lääkkeet",
    immunizations: "Rokotukset",
    procedures: "Toimenpiteet",
    results: "Tulokset",
    alerts: "Riskit",
    none: "Ei kirjauksia",
    author: "Portaali",
};

#[test]
fn ids_are_deterministic_uuids_and_differ_by_kind_and_number() {
    let a = urn(Kind::Entry, 42);
    assert_eq!(a, urn(Kind::Entry, 42));
    assert_ne!(a, urn(Kind::Encounter, 42));
    assert_ne!(a, urn(Kind::Entry, 43));
    let uuid = a.strip_prefix("urn:uuid:").unwrap();
    let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
    assert_eq!(groups, [8, 4, 4, 4, 12]);
    assert!(uuid.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
}

#[test]
fn the_patient_carries_the_identity_code_birth_date_and_sex() {
    let p = patient(&person());
    assert_eq!(p["identifier"][0]["system"], IDENTITY_CODE);
    assert_eq!(p["identifier"][0]["value"], "040762-913N");
    assert_eq!((p["birthDate"].as_str(), p["gender"].as_str()), (Some("1962-07-04"), Some("male")));
}

#[test]
fn each_entry_kind_is_its_resource_linked_to_its_encounter() {
    let cases = [
        (EntryKind::Diagnosis, "I48.0 Kohtauksittainen eteisvärinä", "Condition"),
        (EntryKind::CriticalRisk, "Lääkeaineallergia: penisilliini.", "AllergyIntolerance"),
        (EntryKind::CriticalRisk, "Antikoagulanttihoito: apiksabaani.", "Flag"),
        (EntryKind::Procedure, "Artroskopia", "Procedure"),
        (EntryKind::ImagingStudy, "Röntgen", "DiagnosticReport"),
        (EntryKind::Referral, "Lähete", "ServiceRequest"),
        (EntryKind::CarePlan, "Suunnitelma", "CarePlan"),
        (EntryKind::Measurement, "Paino 80 kg", "Observation"),
        (EntryKind::VisitSummary, "Käynti", "DocumentReference"),
        (EntryKind::ClientDocument, "Asiakaskirje", "DocumentReference"),
    ];
    for (kind, text, resource) in cases {
        let r = entry_resource((&entry(1, kind, text), None, None), 3, "Otsikko");
        assert_eq!(r["resourceType"], resource, "{kind:?}");
        let encounter = if resource == "DocumentReference" { &r["context"]["encounter"][0] } else { &r["encounter"] };
        assert_eq!(encounter["reference"], urn(Kind::Encounter, 7), "{kind:?}");
    }
    let c = condition(&entry(1, EntryKind::Diagnosis, "I48.0 Kohtauksittainen eteisvärinä"), 3, true);
    assert_eq!(
        (c["code"]["coding"][0]["system"].as_str(), c["code"]["coding"][0]["code"].as_str()),
        (Some(ICD10), Some("I48.0"))
    );
    assert_eq!(c["code"]["text"], "Kohtauksittainen eteisvärinä");
    let doc =
        entry_resource((&entry(1, EntryKind::VisitSummary, "Käynti ääkkösin"), None, None), 3, "Käyntiyhteenveto");
    let data = doc["content"][0]["attachment"]["data"].as_str().unwrap();
    let decoded = base64::engine::general_purpose::STANDARD.decode(data).unwrap();
    assert_eq!(String::from_utf8(decoded).unwrap(), "Käynti ääkkösin");
}

#[test]
fn a_laboratory_value_has_ucum_loinc_its_range_and_where_it_lies() {
    let lab = LabValue {
        unit: "mmol/mol".into(),
        value: 50.0,
        reference: ReferenceRange { low: Some(20.0), high: Some(42.0) },
    };
    let o = lab_observation("B -HbA1c", d(2026, 1, 1), &lab, 3);
    assert_eq!(o["valueQuantity"]["code"], "mmol/mol");
    assert_eq!(o["code"]["coding"][0]["system"], LAB_TEST_CODES);
    assert_eq!(o["code"]["coding"][1]["code"], "59261-8");
    assert_eq!(o["interpretation"][0]["coding"][0]["code"], "H");
    assert_eq!(o["referenceRange"][0]["high"]["value"], 42.0);
    let open = LabValue { unit: "x/y".into(), value: 1.0, reference: ReferenceRange { low: None, high: None } };
    let o = lab_observation("X -Muu", d(2026, 1, 1), &open, 3);
    assert_eq!(o["code"]["coding"].as_array().unwrap().len(), 1, "no LOINC for an unknown test");
    assert!(o["valueQuantity"].get("system").is_none(), "no UCUM for an unknown unit");
    assert_eq!(o["referenceRange"], Value::Array(vec![]));
}

#[test]
fn a_prescription_is_a_request_with_its_dispensings() {
    let unit = Unit { id: UnitId("vs-tyks".into()), provider: ProviderId("vs".into()), name: "TYKS".into() };
    let p = Prescription {
        id: PrescriptionId(9),
        prescriber: ProviderId("vs".into()),
        prescriber_unit: unit,
        medicine: "Apiksabaani".into(),
        strength: "5 mg".into(),
        dosage: "1 x 2".into(),
        prescribed_on: d(2026, 8, 1),
        valid_until: d(2028, 8, 1),
        amount: 672,
        amount_unit: "tabl".into(),
        form: Some("tabletti".into()),
        atc_code: Some("B01AF02".into()),
        purpose: Some("Veritulppien estoon".into()),
        dispensings: vec![Dispensing {
            pharmacy: ProviderId("apteekki".into()),
            dispensed_on: d(2026, 8, 3),
            amount: 168,
        }],
        class: MedicineClass::Ordinary,
    };
    let name = |id: &str| format!("Nimi {id}");
    let out = prescription(&p, d(2026, 12, 5), &name, 3);
    assert_eq!(out.len(), 2);
    let (_, _, request) = &out[0];
    assert_eq!(request["status"], "active");
    assert_eq!(request["medicationCodeableConcept"]["coding"][0]["code"], "B01AF02");
    assert_eq!(request["medicationCodeableConcept"]["text"], "Apiksabaani 5 mg tabletti");
    assert_eq!(request["requester"]["display"], "Nimi vs, TYKS");
    let (_, _, dispense) = &out[1];
    assert_eq!(dispense["authorizingPrescription"][0]["reference"], urn(Kind::MedicationRequest, 9));
    assert_eq!(dispense["performer"][0]["actor"]["display"], "Nimi apteekki");
    assert_eq!(prescription(&p, d(2028, 8, 2), &name, 3)[0].2["status"], "completed");
}

#[test]
fn an_empty_summary_is_an_ips_with_the_three_required_sections_saying_no_information() {
    let parts = SummaryParts {
        risks: vec![],
        diagnoses: vec![],
        medicines: vec![],
        vaccinations: vec![],
        procedures: vec![],
        results: vec![],
    };
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 5, 10, 0, 0).unwrap();
    let b = ips_bundle(&person(), &parts, at, &TITLES);
    assert_eq!(b["type"], "document");
    let composition = &b["entry"][0]["resource"];
    assert_eq!(composition["type"]["coding"][0]["code"], "60591-5");
    let codes: Vec<&str> = composition["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["code"]["coding"][0]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["48765-2", "11450-4", "10160-0"]);
    let absent: Vec<&str> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            e["resource"]["code"]["coding"][0]["code"]
                .as_str()
                .or(e["resource"]["medicationCodeableConcept"]["coding"][0]["code"].as_str())
        })
        .collect();
    assert_eq!(absent, ["no-allergy-info", "no-problem-info", "no-medication-info"]);
}

#[test]
fn every_section_entry_is_in_the_bundle_and_the_narrative_is_escaped() {
    let risks = [
        entry(1, EntryKind::CriticalRisk, "Lääkeaineallergia: <penisilliini> & muut"),
        entry(2, EntryKind::CriticalRisk, "Antikoagulanttihoito: apiksabaani"),
    ];
    let parts = SummaryParts {
        risks: risks.iter().collect(),
        diagnoses: vec![],
        medicines: vec![],
        vaccinations: vec![crate::domain::ips::Vaccinated {
            on: d(2025, 10, 1),
            vaccine: "Influenssarokote".into(),
            dose: 1,
        }],
        procedures: vec![],
        results: vec![],
    };
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 5, 10, 0, 0).unwrap();
    let b = ips_bundle(&person(), &parts, at, &TITLES);
    let urls: Vec<&str> = b["entry"].as_array().unwrap().iter().map(|e| e["fullUrl"].as_str().unwrap()).collect();
    let sections = b["entry"][0]["resource"]["section"].as_array().unwrap();
    let codes: Vec<&str> = sections.iter().map(|s| s["code"]["coding"][0]["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["48765-2", "11450-4", "10160-0", "11369-6", "104605-1"]);
    for s in sections {
        for e in s["entry"].as_array().unwrap() {
            assert!(urls.contains(&e["reference"].as_str().unwrap()), "{e}");
        }
    }
    let div = sections[0]["text"]["div"].as_str().unwrap();
    assert!(div.contains("&lt;penisilliini&gt; &amp; muut"), "{div}");
    assert_eq!(sections[0]["entry"].as_array().unwrap().len(), 1, "the anticoagulant is an alert, not an allergy");
}
