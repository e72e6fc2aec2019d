//! The record as HL7 FHIR R4 resources (DOMAIN.md §8: the copy of one's
//! data in the European exchange format). Pure: each function makes the
//! JSON of one resource from the domain's values. Ids are deterministic
//! `urn:uuid:`s, so the same record always makes the same copy. The whole
//! record is a `collection` Bundle written resource by resource
//! (`api::export`); the patient summary is an IPS document (`ips.rs`).

use base64::Engine;
use chrono::NaiveDate;
use serde_json::{json, Value};

use super::laboratory::{RangePosition, ReferenceRange};
use super::records::{Entry, EntryKind, Prescription, PrescriptionState, ServiceEvent};
use super::summary::{risk_kind, RiskKind};
use super::IdentityCode;

mod codes;
pub mod wellbeing;

use codes::{loinc_of, quantity};

pub const ICD10: &str = "http://hl7.org/fhir/sid/icd-10";
pub const ATC: &str = "http://www.whocc.no/atc";
pub const LOINC: &str = "http://loinc.org";
pub const UCUM: &str = "http://unitsofmeasure.org";
/// The Finnish personal identity code (henkilötunnus).
pub const IDENTITY_CODE: &str = "urn:oid:1.2.246.21";
/// The laboratory's own test codes ("B -HbA1c"): no official FHIR system
/// exists for them, so the portal names one of its own.
pub const LAB_TEST_CODES: &str = "urn:kanta-portal:laboratory-test";

/// What a laboratory result entry measured.
#[derive(Debug, Clone, PartialEq)]
pub struct LabValue {
    pub unit: String,
    pub value: f64,
    pub reference: ReferenceRange,
}

/// One row of the record as it is copied: a service event, or an entry
/// with its laboratory value or its vaccine and dose.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordPart {
    Event(ServiceEvent),
    Entry { entry: Entry, lab: Option<LabValue>, vaccine: Option<(String, u32)> },
}

/// The kinds of resource the copy makes, each with the number that keeps
/// their ids apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Patient = 1,
    Encounter,
    Entry,
    MedicationRequest,
    MedicationDispense,
    Medication,
    MedicationStatement,
    Composition,
    Organization,
    Bundle,
    Immunization,
    Result,
    /// An IPS "no information" entry.
    Absent,
    /// A wellbeing measurement the person recorded.
    Wellbeing,
}

/// The deterministic `urn:uuid:` of a resource of a kind and number.
pub fn urn(kind: Kind, n: i64) -> String {
    format!("urn:uuid:4b616e74-61{:02x}-4000-8000-{:012x}", kind as u8, n as u64 & 0xffff_ffff_ffff)
}

pub fn reference(kind: Kind, n: i64) -> Value {
    json!({ "reference": urn(kind, n) })
}

/// A Bundle entry: the resource under its full URL.
pub fn bundle_entry(kind: Kind, n: i64, resource: Value) -> Value {
    json!({ "fullUrl": urn(kind, n), "resource": resource })
}

/// The person the record is about: the citizen, or the one acted for.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: i64,
    pub code: IdentityCode,
    pub first_name: String,
    pub last_name: String,
}

pub fn patient(p: &Person) -> Value {
    json!({
        "resourceType": "Patient",
        "identifier": [{ "system": IDENTITY_CODE, "value": p.code.as_str() }],
        "name": [{ "family": p.last_name, "given": [p.first_name] }],
        "gender": if p.code.is_female() { "female" } else { "male" },
        "birthDate": p.code.birth_date().to_string(),
    })
}

fn text(s: &str) -> Value {
    json!({ "text": s })
}

fn coded(system: &str, code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code }], "text": display })
}

fn day(d: NaiveDate) -> String {
    d.to_string()
}

/// A service event as an Encounter (an outpatient one: the portal's events
/// carry a day, not an admission).
pub fn encounter(e: &ServiceEvent, provider_name: &str, patient: i64) -> Value {
    json!({
        "resourceType": "Encounter",
        "status": "finished",
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB" },
        "type": [text(&e.title)],
        "subject": reference(Kind::Patient, patient),
        "period": { "start": day(e.started_on) },
        "serviceProvider": { "display": provider_name },
        "location": [{ "location": { "display": e.unit.name } }],
    })
}

/// A laboratory result with its value, reference range and where it lies.
pub fn lab_observation(test: &str, on: NaiveDate, lab: &LabValue, patient: i64) -> Value {
    let mut coding = vec![json!({ "system": LAB_TEST_CODES, "code": test })];
    if let Some(code) = loinc_of(test) {
        coding.push(json!({ "system": LOINC, "code": code }));
    }
    let mut range = serde_json::Map::new();
    if let Some(low) = lab.reference.low {
        range.insert("low".into(), quantity(low, &lab.unit));
    }
    if let Some(high) = lab.reference.high {
        range.insert("high".into(), quantity(high, &lab.unit));
    }
    let (code, display) = match lab.reference.position(lab.value) {
        RangePosition::Below => ("L", "Low"),
        RangePosition::Within => ("N", "Normal"),
        RangePosition::Above => ("H", "High"),
    };
    json!({
        "resourceType": "Observation",
        "status": "final",
        "category": [category("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
        "code": { "coding": coding, "text": test },
        "subject": reference(Kind::Patient, patient),
        "effectiveDateTime": day(on),
        "valueQuantity": quantity(lab.value, &lab.unit),
        "interpretation": [{
            "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", "code": code }],
            "text": display,
        }],
        "referenceRange": if range.is_empty() { vec![] } else { vec![Value::Object(range)] },
    })
}

fn category(system: &str, code: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code }] })
}

/// A diagnosis as a Condition, with its ICD-10 code when the entry names one.
pub fn condition(e: &Entry, patient: i64, active: bool) -> Value {
    let code = match super::summary::icd10(&e.text) {
        Some((code, name)) => coded(ICD10, code, name),
        None => text(&e.text),
    };
    let status = if active { "active" } else { "inactive" };
    json!({
        "resourceType": "Condition",
        "clinicalStatus": category("http://terminology.hl7.org/CodeSystem/condition-clinical", status),
        "verificationStatus": category("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        "category": [category("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
        "code": code,
        "subject": reference(Kind::Patient, patient),
        "recordedDate": day(e.recorded_on),
    })
}

/// A critical risk: an allergy as an AllergyIntolerance, anything else as
/// a Flag.
pub fn critical_risk(e: &Entry, patient: i64) -> Value {
    match risk_kind(&e.text) {
        RiskKind::Other => json!({
            "resourceType": "Flag",
            "status": "active",
            "category": [category("http://terminology.hl7.org/CodeSystem/flag-category", "clinical")],
            "code": text(&e.text),
            "subject": reference(Kind::Patient, patient),
            "period": { "start": day(e.recorded_on) },
        }),
        kind => json!({
            "resourceType": "AllergyIntolerance",
            "clinicalStatus": category("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active"),
            "verificationStatus":
                category("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed"),
            "category": [if kind == RiskKind::MedicineAllergy { "medication" } else { "environment" }],
            "criticality": "high",
            "code": text(&e.text),
            "patient": reference(Kind::Patient, patient),
            "recordedDate": day(e.recorded_on),
        }),
    }
}

pub fn immunization(on: NaiveDate, vaccine: &str, dose: u32, patient: i64) -> Value {
    json!({
        "resourceType": "Immunization",
        "status": "completed",
        "vaccineCode": text(vaccine),
        "patient": reference(Kind::Patient, patient),
        "occurrenceDateTime": day(on),
        "protocolApplied": [{ "doseNumberPositiveInt": dose.max(1) }],
    })
}

pub fn procedure(e: &Entry, patient: i64) -> Value {
    json!({
        "resourceType": "Procedure",
        "status": "completed",
        "code": text(&e.text),
        "subject": reference(Kind::Patient, patient),
        "performedDateTime": day(e.recorded_on),
    })
}

/// A text entry kept as a document (a visit summary, a certificate, a
/// social welfare client document): its text as a UTF-8 attachment.
fn document(e: &Entry, title: &str, patient: i64) -> Value {
    let data = base64::engine::general_purpose::STANDARD.encode(e.text.as_bytes());
    json!({
        "resourceType": "DocumentReference",
        "status": "current",
        "type": text(title),
        "subject": reference(Kind::Patient, patient),
        "description": title,
        "content": [{ "attachment": { "contentType": "text/plain; charset=utf-8", "data": data, "title": title } }],
    })
}

/// An entry of a service event as its resource, linked to the event's
/// Encounter. `title` names a document's kind in the copy's language.
pub fn entry_resource(part: (&Entry, Option<&LabValue>, Option<&(String, u32)>), patient: i64, title: &str) -> Value {
    let (e, lab, vaccine) = part;
    let subject = reference(Kind::Patient, patient);
    let mut r = match (e.kind, lab, vaccine) {
        (EntryKind::LaboratoryResult, Some(lab), _) => {
            lab_observation(e.lab_test.as_deref().unwrap_or(title), e.recorded_on, lab, patient)
        }
        (EntryKind::Vaccination, _, Some((v, dose))) => immunization(e.recorded_on, v, *dose, patient),
        (EntryKind::Diagnosis, ..) => condition(e, patient, true),
        (EntryKind::CriticalRisk, ..) => critical_risk(e, patient),
        (EntryKind::Procedure, ..) => procedure(e, patient),
        (EntryKind::ImagingStudy, ..) => json!({
            "resourceType": "DiagnosticReport",
            "status": "final",
            "category": [coded(LOINC, "18748-4", title)],
            "code": text(title),
            "subject": subject,
            "effectiveDateTime": day(e.recorded_on),
            "conclusion": e.text,
        }),
        (EntryKind::Referral, ..) => json!({
            "resourceType": "ServiceRequest",
            "status": "completed",
            "intent": "order",
            "code": text(&e.text),
            "subject": subject,
            "authoredOn": day(e.recorded_on),
        }),
        (EntryKind::CarePlan, ..) => json!({
            "resourceType": "CarePlan",
            "status": "unknown",
            "intent": "plan",
            "description": e.text,
            "subject": subject,
            "created": day(e.recorded_on),
        }),
        (EntryKind::Measurement | EntryKind::LaboratoryResult, ..) => json!({
            "resourceType": "Observation",
            "status": "final",
            "code": text(title),
            "subject": subject,
            "effectiveDateTime": day(e.recorded_on),
            "valueString": e.text,
        }),
        (EntryKind::Vaccination, ..) => immunization(e.recorded_on, &e.text, 1, patient),
        (EntryKind::VisitSummary | EntryKind::Certificate | EntryKind::ClientDocument, ..) => {
            document(e, title, patient)
        }
    };
    let encounter = reference(Kind::Encounter, e.service_event.0);
    if let Some(o) = r.as_object_mut() {
        if o.get("resourceType").and_then(Value::as_str) == Some("DocumentReference") {
            let period = json!({ "start": day(e.recorded_on) });
            o.insert("context".into(), json!({ "encounter": [encounter], "period": period }));
        } else {
            o.insert("encounter".into(), encounter);
        }
    }
    r
}

/// A medicine as its prescription names it: the ATC code, and the name,
/// strength and form as text.
pub fn medicine_code(p: &Prescription) -> Value {
    let name = [Some(p.medicine.as_str()), Some(p.strength.as_str()), p.form.as_deref()]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match &p.atc_code {
        Some(atc) => coded(ATC, atc, &name),
        None => text(&name),
    }
}

/// A prescription as a MedicationRequest, and each dispensing of it as a
/// MedicationDispense.
pub fn prescription(
    p: &Prescription,
    today: NaiveDate,
    name_of: &dyn Fn(&str) -> String,
    patient: i64,
) -> Vec<(Kind, i64, Value)> {
    let status = match p.state(today) {
        PrescriptionState::Valid => "active",
        PrescriptionState::Expired => "completed",
    };
    let mut request = json!({
        "resourceType": "MedicationRequest",
        "status": status,
        "intent": "order",
        "medicationCodeableConcept": medicine_code(p),
        "subject": reference(Kind::Patient, patient),
        "authoredOn": day(p.prescribed_on),
        "requester": { "display": format!("{}, {}", name_of(&p.prescriber.0), p.prescriber_unit.name) },
        "dosageInstruction": [{ "text": p.dosage }],
        "dispenseRequest": {
            "validityPeriod": { "start": day(p.prescribed_on), "end": day(p.valid_until) },
            "quantity": { "value": p.amount, "unit": p.amount_unit },
        },
    });
    if let (Some(purpose), Some(o)) = (&p.purpose, request.as_object_mut()) {
        o.insert("reasonCode".into(), json!([text(purpose)]));
    }
    let mut out = vec![(Kind::MedicationRequest, p.id.0, request)];
    for (i, d) in p.dispensings.iter().enumerate() {
        out.push((
            Kind::MedicationDispense,
            p.id.0 * 1000 + i as i64,
            json!({
                "resourceType": "MedicationDispense",
                "status": "completed",
                "medicationCodeableConcept": medicine_code(p),
                "subject": reference(Kind::Patient, patient),
                "authorizingPrescription": [reference(Kind::MedicationRequest, p.id.0)],
                "quantity": { "value": d.amount, "unit": p.amount_unit },
                "whenHandedOver": day(d.dispensed_on),
                "performer": [{ "actor": { "display": name_of(&d.pharmacy.0) } }],
            }),
        ));
    }
    out
}

#[cfg(test)]
#[path = "fhir_tests.rs"]
mod tests;
