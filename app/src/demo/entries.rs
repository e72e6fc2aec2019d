//! The demo's entries: their texts, the values of laboratory results and
//! vaccinations, and the builders of service events and prescriptions.

use chrono::{Datelike, Duration, NaiveDate};

use super::{DemoEntry, DemoEvent, DemoLab, DemoPrescription};
use crate::domain::renewal::MedicineClass;

/// The demo's laboratory tests: code, unit, reference range (adult women),
/// and how a value moves over the years from 2014 (start, change a year,
/// wobble, decimals): creatinine and HbA1c drift up and leave the range,
/// LDL cholesterol comes down into it on a statin, haemoglobin stays.
struct LabTest {
    test: &'static str,
    unit: &'static str,
    low: Option<f64>,
    high: Option<f64>,
    /// The value in 2014, its change a year, and how far it wobbles.
    start: f64,
    per_year: f64,
    wobble: f64,
    decimals: i32,
}

#[rustfmt::skip]
const LAB_TESTS: [LabTest; 4] = [
    LabTest { test: "P-Krea", unit: "µmol/l", low: Some(50.0), high: Some(90.0), start: 68.0, per_year: 2.0, wobble: 4.0, decimals: 0 },
    LabTest { test: "B-HbA1c", unit: "mmol/mol", low: Some(20.0), high: Some(42.0), start: 36.0, per_year: 1.0, wobble: 2.0, decimals: 0 },
    LabTest { test: "P-LDL-kol", unit: "mmol/l", low: None, high: Some(3.0), start: 3.8, per_year: -0.12, wobble: 0.2, decimals: 1 },
    LabTest { test: "B-Hb", unit: "g/l", low: Some(117.0), high: Some(155.0), start: 135.0, per_year: 0.0, wobble: 6.0, decimals: 0 },
];

/// The `n`th laboratory test's result on `on`, and its text as the
/// laboratory writes it (Finnish decimal comma).
fn lab_result(n: u64, on: NaiveDate) -> (String, DemoLab) {
    let LabTest { test, unit, low, high, start, per_year, wobble, decimals } =
        LAB_TESTS[(n as usize) % LAB_TESTS.len()];
    let years = (on - NaiveDate::from_ymd_opt(2014, 1, 1).expect("a date")).num_days() as f64 / 365.25;
    let swing = ((on.num_days_from_ce() as i64 * 7 + n as i64 * 13).rem_euclid(9) - 4) as f64 / 4.0;
    let scale = 10f64.powi(decimals);
    let value = ((start + per_year * years + wobble * swing) * scale).round() / scale;
    let written = format!("{value:.prec$}", prec = decimals as usize).replace('.', ",");
    let lab = DemoLab { test, value, unit, reference_low: low, reference_high: high };
    (format!("{test} {written} {unit}"), lab)
}

/// The `n`th vaccine and the dose given on `on`: influenza once a season,
/// COVID-19 doses numbered from 2021, the tetanus-diphtheria booster by
/// its place in the series.
fn vaccination(n: u64, on: NaiveDate) -> (&'static str, u32) {
    match n % 3 {
        0 => ("Influenssarokote (Vaxigrip Tetra)", 1),
        1 => ("Covid-19-rokote (Comirnaty)", 1 + (on.year() - 2021).clamp(0, 4) as u32),
        _ => ("dT-rokote (jäykkäkouristus ja kurkkumätä)", 1 + (on.year() as u32 % 3)),
    }
}

/// An entry of `kind` on `on`, the `n`th of its kind's texts.
pub(super) fn demo_entry(kind: &'static str, n: u64, on: NaiveDate) -> DemoEntry {
    if kind == "laboratory_result" {
        let (text, lab) = lab_result(n, on);
        return DemoEntry { kind, recorded_on: on, text, lab: Some(lab), vaccination: None };
    }
    if kind == "vaccination" {
        let (vaccine, dose) = vaccination(n, on);
        let text = format!("{vaccine}, {dose}. annos");
        return DemoEntry { kind, recorded_on: on, text, lab: None, vaccination: Some((vaccine, dose)) };
    }
    DemoEntry { kind, recorded_on: on, text: entry_text(kind, n), lab: None, vaccination: None }
}

/// A small deterministic generator (no dependency, same numbers everywhere).
pub(super) struct Lcg(pub(super) u64);
impl Lcg {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

pub(super) const HEALTH_KINDS: [&str; 11] = [
    "visit_summary",
    "diagnosis",
    "laboratory_result",
    "imaging_study",
    "vaccination",
    "critical_risk",
    "referral",
    "measurement",
    "procedure",
    "care_plan",
    "certificate",
];

fn entry_text(kind: &str, n: u64) -> String {
    let texts: &[&str] = match kind {
        "visit_summary" => &[
            "Vastaanottokäynti, vointi hyvä.",
            "Kontrollikäynti, ei muutoksia.",
            "Akuuttivastaanotto, kuumetta kaksi päivää.",
        ],
        "diagnosis" => {
            &["J06.9 Ylähengitystieinfektio", "I10 Verenpainetauti", "M54.5 Alaselkäkipu", "E11.9 Tyypin 2 diabetes"]
        }
        "imaging_study" => &["Keuhkojen röntgen: ei tuoreita muutoksia.", "Polven MRI: meniskin repeämä."],
        "critical_risk" => &["Penisilliiniallergia: nokkosihottuma."],
        "referral" => &["Lähete erikoissairaanhoitoon, sisätaudit.", "Lähete fysioterapiaan."],
        "measurement" => &["Verenpaine 128/82 mmHg", "Paino 72 kg", "Pituus 168 cm"],
        "procedure" => &["Haavan ompelu, 4 ommelta.", "Luomen poisto."],
        "care_plan" => &["Hoitosuunnitelma: liikunta, seurantakäynti 6 kk.", "Verenpaineen kotiseuranta."],
        "certificate" => &["Lääkärintodistus B.", "Sairauslomatodistus 3 päivää."],
        _ => &[
            "Asiakaskertomus: palvelutarpeen arvio.",
            "Päätös: kotihoidon palvelu myönnetty.",
            "Palvelusuunnitelma päivitetty.",
        ],
    };
    texts[(n as usize) % texts.len()].to_string()
}

pub(super) fn event(
    register: &'static str,
    unit: &'static str,
    on: NaiveDate,
    title: &str,
    kinds: &[&'static str],
) -> DemoEvent {
    DemoEvent {
        register,
        unit,
        started_on: on,
        title: title.to_string(),
        entries: kinds.iter().enumerate().map(|(i, k)| demo_entry(k, i as u64, on)).collect(),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn rx(
    prescriber: &'static str,
    unit: &'static str,
    medicine: &'static str,
    strength: &'static str,
    dosage: &'static str,
    prescribed_on: NaiveDate,
    valid_days: i64,
    amount: i64,
    dispensings: Vec<(&'static str, NaiveDate, i64)>,
) -> DemoPrescription {
    DemoPrescription {
        prescriber,
        unit,
        medicine,
        strength,
        dosage,
        prescribed_on,
        valid_until: prescribed_on + Duration::days(valid_days),
        amount,
        amount_unit: "tabl",
        class: MedicineClass::Ordinary,
        dispensings,
    }
}
