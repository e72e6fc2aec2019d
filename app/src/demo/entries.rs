//! The builders of the demo's records: an event from its story (the entries
//! such a visit produces), measured values that fit the person's age and
//! sex, laboratory results along a person's series, vaccinations numbered by
//! the person's own history, and prescriptions valid as long as the law says.

use chrono::{Datelike, Months, NaiveDate};

use super::catalogue::{LabTest, Medicine, Vaccine, GLUCOSE, HB, HBA1C, KREA, LDL, TSH};
use super::{DemoEntry, DemoEvent, DemoLab, DemoPrescription, UNITS};
use crate::domain::renewal::MedicineClass;
use crate::domain::IdentityCode;

/// Whom the entries are about: age and sex decide the measurements and the
/// reference ranges.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    pub born: NaiveDate,
    pub female: bool,
}

impl Body {
    /// From a demo identity code (its individual number is even for women).
    pub fn of(code: &str) -> Body {
        let id = IdentityCode::parse(code).expect("a valid demo identity code");
        Body { born: id.birth_date(), female: id.is_female() }
    }

    pub fn age_years(&self, on: NaiveDate) -> f64 {
        (on - self.born).num_days() as f64 / 365.25
    }
}

/// Typical weight (kg) and height (cm) by age, girls then boys (after the
/// Finnish growth charts, rounded); adults from 18.
type GirlsBoys = (f64, f64);
const GROWTH: [(f64, GirlsBoys, GirlsBoys); 14] = [
    (0.0, (3.4, 3.5), (50.0, 51.0)),
    (0.25, (5.6, 6.2), (60.0, 62.0)),
    (0.5, (7.3, 7.9), (66.0, 68.0)),
    (1.0, (9.3, 10.0), (75.0, 77.0)),
    (1.5, (10.8, 11.5), (82.0, 84.0)),
    (2.0, (12.0, 12.7), (88.0, 89.0)),
    (4.0, (16.0, 16.5), (103.0, 104.0)),
    (6.0, (20.5, 21.5), (117.0, 118.0)),
    (8.0, (26.0, 26.5), (129.0, 130.0)),
    (10.0, (32.0, 32.0), (140.0, 140.0)),
    (12.0, (40.0, 39.0), (152.0, 150.0)),
    (14.0, (50.0, 50.0), (162.0, 164.0)),
    (16.0, (56.0, 61.0), (166.0, 175.0)),
    (18.0, (62.0, 74.0), (166.0, 179.0)),
];

/// The typical weight and height of a person of `age` years.
pub fn typical_size(age: f64, female: bool) -> (f64, f64) {
    let pick = |pair: (f64, f64)| if female { pair.0 } else { pair.1 };
    let last = GROWTH[GROWTH.len() - 1];
    if age >= last.0 {
        return (pick(last.1), pick(last.2));
    }
    let i = GROWTH.iter().rposition(|g| g.0 <= age).unwrap_or(0);
    let (a, b) = (GROWTH[i], GROWTH[i + 1]);
    let t = (age - a.0) / (b.0 - a.0);
    (pick(a.1) + t * (pick(b.1) - pick(a.1)), pick(a.2) + t * (pick(b.2) - pick(a.2)))
}

/// A small deterministic swing in [-1, 1] from a date and a salt.
fn swing(on: NaiveDate, salt: i64) -> f64 {
    ((on.num_days_from_ce() as i64 * 7 + salt * 13).rem_euclid(9) - 4) as f64 / 4.0
}

fn decimal_comma(value: f64, decimals: usize) -> String {
    format!("{value:.decimals$}").replace('.', ",")
}

/// One line of a story: an entry such a visit records.
#[derive(Debug, Clone, Copy)]
pub enum Line {
    /// An entry of a kind, with its text.
    Text(&'static str, &'static str),
    /// A laboratory result, its value on the person's series.
    Lab(LabTest),
    /// A vaccination (the dose is numbered from the person's history).
    Vaccine(Vaccine),
    Weight,
    Height,
    /// Blood pressure and pulse around a usual systolic and diastolic value.
    BloodPressure(u32, u32),
}

/// A kind of visit: its title and what it records.
#[derive(Debug, Clone, Copy)]
pub struct Story {
    pub title: &'static str,
    pub lines: &'static [Line],
}

/// A laboratory result on `on`: the test's series moves over the years
/// from 2014 (creatinine and HbA1c drift up and leave the range, LDL
/// cholesterol comes down into it on a statin, the others stay).
pub fn lab_result(test: LabTest, body: Body, on: NaiveDate) -> (String, DemoLab) {
    let years = (on - NaiveDate::from_ymd_opt(2014, 1, 1).expect("a date")).num_days() as f64 / 365.25;
    let (start, per_year, wobble) = match test.code {
        c if c == KREA.code => (if body.female { 68.0 } else { 82.0 }, 2.0, 4.0),
        c if c == HBA1C.code => (36.0, 1.0, 2.0),
        c if c == LDL.code => (3.8, -0.12, 0.2),
        c if c == HB.code => (if body.female { 135.0 } else { 150.0 }, 0.0, 6.0),
        c if c == GLUCOSE.code => (5.6, 0.1, 0.3),
        c if c == TSH.code => (2.1, 0.0, 0.6),
        _ => (3.0, 0.0, 2.0),
    };
    let scale = 10f64.powi(test.decimals);
    let salt = test.code.len() as i64;
    let value = ((start + per_year * years + wobble * swing(on, salt)) * scale).round() / scale;
    let (low, high) = test.range(body.female);
    let text = format!("{} {} {}", test.code, decimal_comma(value, test.decimals as usize), test.unit);
    (text, DemoLab { test: test.code, value, unit: test.unit, reference_low: low, reference_high: high })
}

fn entry(kind: &'static str, on: NaiveDate, text: String) -> DemoEntry {
    DemoEntry { kind, recorded_on: on, text, lab: None, vaccination: None }
}

/// The entry a story's line records for `body` on `on`.
pub fn line_entry(line: Line, body: Body, on: NaiveDate) -> DemoEntry {
    let age = body.age_years(on);
    let (weight, height) = typical_size(age, body.female);
    match line {
        Line::Text(kind, text) => entry(kind, on, text.to_string()),
        Line::Lab(test) => {
            let (text, lab) = lab_result(test, body, on);
            DemoEntry { lab: Some(lab), ..entry("laboratory_result", on, text) }
        }
        // Dose 1 until the person's history numbers it (`number_doses`).
        Line::Vaccine(v) => DemoEntry { vaccination: Some((v.name, 1)), ..entry("vaccination", on, String::new()) },
        Line::Weight if age < 18.0 => {
            entry("measurement", on, format!("Paino {} kg", decimal_comma(weight * (1.0 + 0.03 * swing(on, 1)), 1)))
        }
        Line::Weight => entry("measurement", on, format!("Paino {:.0} kg", weight * (1.0 + 0.04 * swing(on, 1)))),
        Line::Height => entry("measurement", on, format!("Pituus {:.0} cm", height)),
        Line::BloodPressure(systolic, diastolic) => {
            let s = systolic as f64 + 6.0 * swing(on, 2);
            let d = diastolic as f64 + 4.0 * swing(on, 3);
            let pulse = if age < 12.0 { 88.0 } else { 70.0 } + 6.0 * swing(on, 4);
            entry("measurement", on, format!("Verenpaine {s:.0}/{d:.0} mmHg, pulssi {pulse:.0}/min"))
        }
    }
}

/// A service event told by its story.
pub fn visit(body: Body, register: &'static str, unit: &'static str, on: NaiveDate, story: &Story) -> DemoEvent {
    DemoEvent {
        register,
        unit,
        started_on: on,
        title: story.title.to_string(),
        entries: story.lines.iter().map(|line| line_entry(*line, body, on)).collect(),
    }
}

/// Numbers each vaccine's doses in the order the person got them (a
/// season's influenza vaccine is always its one dose) and writes the texts.
pub fn number_doses(events: &mut [DemoEvent]) {
    let mut given: Vec<(NaiveDate, usize, usize)> = vec![];
    for (e, event) in events.iter().enumerate() {
        for (x, entry) in event.entries.iter().enumerate() {
            if entry.vaccination.is_some() {
                given.push((entry.recorded_on, e, x));
            }
        }
    }
    given.sort();
    let mut counts: Vec<(&'static str, u32)> = vec![];
    for (_, e, x) in given {
        let entry = &mut events[e].entries[x];
        let Some((vaccine, _)) = entry.vaccination else { continue };
        let dose = if vaccine.starts_with("Influenssa") {
            1
        } else {
            match counts.iter_mut().find(|c| c.0 == vaccine) {
                Some(c) => {
                    c.1 += 1;
                    c.1
                }
                None => {
                    counts.push((vaccine, 1));
                    1
                }
            }
        };
        entry.vaccination = Some((vaccine, dose));
        entry.text = format!("{vaccine}, {dose}. annos");
    }
}

/// How long a prescription is valid: two years, a narcotic one year.
pub fn valid_until(class: MedicineClass, prescribed_on: NaiveDate) -> NaiveDate {
    let months = if class == MedicineClass::Narcotic { 12 } else { 24 };
    prescribed_on + Months::new(months)
}

/// A prescription written at `unit` (its provider prescribes).
pub fn rx(
    unit: &'static str,
    medicine: Medicine,
    dosage: &'static str,
    prescribed_on: NaiveDate,
    amount: i64,
    dispensings: Vec<(&'static str, NaiveDate, i64)>,
) -> DemoPrescription {
    let prescriber = UNITS.iter().find(|u| u.id == unit).expect("a demo unit").provider;
    DemoPrescription {
        prescriber,
        unit,
        medicine: medicine.name,
        strength: medicine.strength,
        form: medicine.form,
        atc: medicine.atc,
        purpose: medicine.purpose,
        dosage,
        prescribed_on,
        valid_until: valid_until(medicine.class, prescribed_on),
        amount,
        amount_unit: medicine.package_unit,
        class: medicine.class,
        dispensings,
    }
}

/// The date `years` and `months` after a birth date (a child's visit by age).
pub fn at_age(born: NaiveDate, years: u32, months: u32) -> NaiveDate {
    born + Months::new(years * 12 + months)
}

/// Helps a story's date stay a weekday.
pub fn weekday(on: NaiveDate) -> NaiveDate {
    match on.weekday().num_days_from_monday() {
        5 => on + chrono::Duration::days(2),
        6 => on + chrono::Duration::days(1),
        _ => on,
    }
}
