//! The wellbeing data the person recorded (the Kanta PHR) as FHIR
//! Observations: LOINC-coded, UCUM units, performed by the patient (so a
//! reader never takes them for a professional's entry). A correction's
//! status is `corrected`; only the values in force are copied.

use serde_json::{json, Value};

use super::codes::quantity;
use super::{reference, Kind, LOINC};
use crate::domain::wellbeing::{Measurement, Reading};

fn loinc(code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": LOINC, "code": code, "display": display }], "text": display })
}

fn category(code: &str) -> Value {
    json!([{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": code }] }])
}

/// One measurement in force as an Observation about, and by, the patient.
pub fn wellbeing_observation(m: &Measurement, patient: i64) -> Value {
    let by = reference(Kind::Patient, patient);
    let mut r = json!({
        "resourceType": "Observation",
        "status": if m.corrects.is_some() { "corrected" } else { "final" },
        "subject": by.clone(),
        "performer": [by],
        "effectiveDateTime": m.measured_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "issued": m.recorded_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    });
    let fields = match m.reading {
        Reading::BloodPressure { systolic, diastolic, pulse } => {
            let mut components = vec![
                json!({ "code": loinc("8480-6", "Systolic blood pressure"), "valueQuantity": quantity(f64::from(systolic), "mmHg") }),
                json!({ "code": loinc("8462-4", "Diastolic blood pressure"), "valueQuantity": quantity(f64::from(diastolic), "mmHg") }),
            ];
            if let Some(p) = pulse {
                components.push(
                    json!({ "code": loinc("8867-4", "Heart rate"), "valueQuantity": quantity(f64::from(p), "/min") }),
                );
            }
            json!({ "category": category("vital-signs"), "code": loinc("85354-9", "Blood pressure panel"), "component": components })
        }
        Reading::Weight { tenths } => json!({
            "category": category("vital-signs"),
            "code": loinc("29463-7", "Body weight"),
            "valueQuantity": quantity(f64::from(tenths) / 10.0, "kg"),
        }),
        Reading::BloodGlucose { tenths } => json!({
            "category": category("laboratory"),
            "code": loinc("15074-8", "Glucose [Moles/volume] in Blood"),
            "valueQuantity": quantity(f64::from(tenths) / 10.0, "mmol/l"),
        }),
    };
    if let (Some(r), Some(fields)) = (r.as_object_mut(), fields.as_object()) {
        r.extend(fields.clone());
    }
    r
}
