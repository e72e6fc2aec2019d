//! The patient summary as an HL7 International Patient Summary: a FHIR R4
//! `document` Bundle whose Composition (LOINC 60591-5) has the IPS sections
//! (allergies, problems and medications always, with an "unknown" entry
//! when there is nothing to list; immunizations, procedures, results and
//! alerts when there is something), each with its narrative. Pure.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{json, Value};

use super::fhir::{self, bundle_entry, reference, urn, Kind, Person};
use super::records::{Entry, Prescription};
use super::summary::{risk_kind, CurrentDiagnosis, IpsTitles, LatestResult, RiskKind};

/// The IPS's own code system for "no information".
const ABSENT: &str = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips";

/// A vaccination as the summary lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Vaccinated {
    pub on: NaiveDate,
    pub vaccine: String,
    pub dose: u32,
}

/// What the summary holds, as `summary.rs` chose it.
pub struct SummaryParts<'a> {
    pub risks: Vec<&'a Entry>,
    pub diagnoses: Vec<CurrentDiagnosis<'a>>,
    pub medicines: Vec<&'a Prescription>,
    pub vaccinations: Vec<Vaccinated>,
    pub procedures: Vec<&'a Entry>,
    pub results: Vec<LatestResult<'a>>,
}

/// Text made safe inside XHTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

struct Section {
    title: &'static str,
    loinc: &'static str,
    lines: Vec<String>,
    entries: Vec<(Kind, i64, Value)>,
}

impl Section {
    fn json(&self, none: &str) -> Value {
        let items: String = if self.lines.is_empty() {
            format!("<p>{}</p>", escape(none))
        } else {
            format!("<ul>{}</ul>", self.lines.iter().map(|l| format!("<li>{}</li>", escape(l))).collect::<String>())
        };
        json!({
            "title": self.title,
            "code": { "coding": [{ "system": fhir::LOINC, "code": self.loinc }] },
            "text": { "status": "generated", "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{items}</div>") },
            "entry": self.entries.iter().map(|(k, n, _)| reference(*k, *n)).collect::<Vec<_>>(),
        })
    }
}

/// An "unknown" entry of a section that must have one.
fn absent(resource: &str, code: &str, patient: i64) -> Value {
    let code = json!({ "coding": [{ "system": ABSENT, "code": code }] });
    match resource {
        "AllergyIntolerance" => {
            json!({ "resourceType": resource, "code": code, "patient": reference(Kind::Patient, patient) })
        }
        "Condition" => json!({ "resourceType": resource, "code": code, "subject": reference(Kind::Patient, patient) }),
        _ => json!({
            "resourceType": "MedicationStatement",
            "status": "unknown",
            "medicationCodeableConcept": code,
            "subject": reference(Kind::Patient, patient),
        }),
    }
}

/// The IPS document Bundle of a person's summary, made at `at`.
pub fn ips_bundle(person: &Person, parts: &SummaryParts, at: DateTime<Utc>, titles: &IpsTitles) -> Value {
    let p = person.id;
    let (allergies, alerts): (Vec<&Entry>, Vec<&Entry>) =
        parts.risks.iter().partition(|e| risk_kind(&e.text) != RiskKind::Other);
    let entry_of = |e: &Entry, r: Value| (Kind::Entry, e.id.0, r);
    let mut sections = vec![
        Section {
            title: titles.allergies,
            loinc: "48765-2",
            lines: allergies.iter().map(|e| e.text.clone()).collect(),
            entries: allergies.iter().map(|e| entry_of(e, fhir::critical_risk(e, p))).collect(),
        },
        Section {
            title: titles.problems,
            loinc: "11450-4",
            lines: parts
                .diagnoses
                .iter()
                .map(|d| format!("{} {}", d.code.unwrap_or(""), d.name).trim().to_string())
                .collect(),
            entries: parts.diagnoses.iter().map(|d| entry_of(d.latest, fhir::condition(d.latest, p, true))).collect(),
        },
        medications(parts, titles, p),
        Section {
            title: titles.immunizations,
            loinc: "11369-6",
            lines: parts.vaccinations.iter().map(|v| format!("{} {}", v.on, v.vaccine)).collect(),
            entries: parts
                .vaccinations
                .iter()
                .enumerate()
                .map(|(i, v)| (Kind::Immunization, i as i64, fhir::immunization(v.on, &v.vaccine, v.dose, p)))
                .collect(),
        },
        Section {
            title: titles.procedures,
            loinc: "47519-4",
            lines: parts.procedures.iter().map(|e| format!("{} {}", e.recorded_on, e.text)).collect(),
            entries: parts.procedures.iter().map(|e| entry_of(e, fhir::procedure(e, p))).collect(),
        },
        Section {
            title: titles.results,
            loinc: "30954-2",
            lines: parts
                .results
                .iter()
                .map(|r| format!("{} {} {} {}", r.latest.recorded_on, r.test, r.latest.value, r.unit))
                .collect(),
            entries: parts
                .results
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let lab =
                        fhir::LabValue { unit: r.unit.to_string(), value: r.latest.value, reference: r.reference };
                    (Kind::Result, i as i64, fhir::lab_observation(r.test, r.latest.recorded_on, &lab, p))
                })
                .collect(),
        },
        Section {
            title: titles.alerts,
            loinc: "104605-1",
            lines: alerts.iter().map(|e| e.text.clone()).collect(),
            entries: alerts.iter().map(|e| entry_of(e, fhir::critical_risk(e, p))).collect(),
        },
    ];
    for (s, resource, code) in [(0, "AllergyIntolerance", "no-allergy-info"), (1, "Condition", "no-problem-info")] {
        if sections[s].entries.is_empty() {
            sections[s].entries.push((Kind::Absent, s as i64, absent(resource, code, p)));
        }
    }
    if sections[2].entries.is_empty() {
        sections[2].entries.push((Kind::Absent, 2, absent("MedicationStatement", "no-medication-info", p)));
    }
    // The optional sections only when there is something in them.
    let kept: Vec<Section> =
        sections.into_iter().enumerate().filter(|(i, s)| *i < 3 || !s.entries.is_empty()).map(|(_, s)| s).collect();
    let composition = json!({
        "resourceType": "Composition",
        "status": "final",
        "type": { "coding": [{ "system": fhir::LOINC, "code": "60591-5" }] },
        "subject": reference(Kind::Patient, p),
        "date": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "author": [reference(Kind::Organization, 1)],
        "title": titles.document,
        "confidentiality": "N",
        "section": kept.iter().map(|s| s.json(titles.none)).collect::<Vec<_>>(),
    });
    let mut entries = vec![
        bundle_entry(Kind::Composition, p, composition),
        bundle_entry(Kind::Patient, p, fhir::patient(person)),
        bundle_entry(Kind::Organization, 1, json!({ "resourceType": "Organization", "name": titles.author })),
    ];
    for s in &kept {
        for (k, n, r) in &s.entries {
            entries.push(bundle_entry(*k, *n, r.clone()));
        }
        if s.loinc == "10160-0" {
            for m in &parts.medicines {
                entries.push(bundle_entry(Kind::Medication, m.id.0, medication(m)));
            }
        }
    }
    json!({
        "resourceType": "Bundle",
        "identifier": { "system": "urn:ietf:rfc:3986", "value": urn(Kind::Bundle, at.timestamp() * 1000 + p % 1000) },
        "type": "document",
        "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "entry": entries,
    })
}

fn medication(m: &Prescription) -> Value {
    let mut r = json!({ "resourceType": "Medication", "code": fhir::medicine_code(m) });
    if let (Some(form), Some(o)) = (&m.form, r.as_object_mut()) {
        o.insert("form".into(), json!({ "text": form }));
    }
    r
}

fn medications(parts: &SummaryParts, titles: &IpsTitles, p: i64) -> Section {
    Section {
        title: titles.medications,
        loinc: "10160-0",
        lines: parts.medicines.iter().map(|m| format!("{} {}: {}", m.medicine, m.strength, m.dosage)).collect(),
        entries: parts
            .medicines
            .iter()
            .map(|m| {
                let mut s = json!({
                    "resourceType": "MedicationStatement",
                    "status": "active",
                    "medicationReference": reference(Kind::Medication, m.id.0),
                    "subject": reference(Kind::Patient, p),
                    "effectivePeriod": { "start": m.prescribed_on.to_string() },
                    "dosage": [{ "text": m.dosage }],
                });
                if let (Some(purpose), Some(o)) = (&m.purpose, s.as_object_mut()) {
                    o.insert("reasonCode".into(), json!([{ "text": purpose }]));
                }
                (Kind::MedicationStatement, m.id.0, s)
            })
            .collect(),
    }
}
