//! The code systems' codes the copy knows: LOINC for the laboratory tests
//! that have one exact code, UCUM for the units.

use serde_json::{json, Value};

use super::UCUM;

/// The codes of the laboratory tests LOINC has one exact code for.
pub(super) fn loinc_of(test: &str) -> Option<&'static str> {
    Some(match test {
        "B -HbA1c" => "59261-8",
        "P -Krea" => "14682-9",
        "fP -Kol-LDL" => "22748-8",
        "B -Hb" => "718-7",
        "fP -Gluk" => "14771-0",
        "P -TSH" => "3016-3",
        "P -CRP" => "1988-5",
        _ => return None,
    })
}

/// A unit as UCUM writes it, when it is one the portal knows.
fn ucum(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "mmol/mol" => "mmol/mol",
        "µmol/l" => "umol/L",
        "mmol/l" => "mmol/L",
        "g/l" => "g/L",
        "mU/l" => "m[IU]/L",
        "mg/l" => "mg/L",
        "mmHg" => "mm[Hg]",
        "/min" => "/min",
        "kg" => "kg",
        _ => return None,
    })
}

pub(super) fn quantity(value: f64, unit: &str) -> Value {
    match ucum(unit) {
        Some(code) => json!({ "value": value, "unit": unit, "system": UCUM, "code": code }),
        None => json!({ "value": value, "unit": unit }),
    }
}
