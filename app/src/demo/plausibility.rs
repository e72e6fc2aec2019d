//! Would a Finnish clinician believe the demo? Checks over a person's
//! records as stored, so the same checks run over the demo as built and over
//! what the seed wrote to either database (`server/tests/http/plausibility.rs`).
//! Each finding is a sentence naming the person and the record.

use chrono::{Datelike, NaiveDate};

use super::catalogue::{LAB_TESTS, VACCINES};
use super::entries::typical_size;
use super::{Serves, UNITS};
use crate::domain::IdentityCode;

/// A person's records as stored.
#[derive(Debug, Clone, Default)]
pub struct PersonFacts {
    pub code: String,
    pub first_name: String,
    pub events: Vec<EventFacts>,
    pub prescriptions: Vec<PrescriptionFacts>,
}

#[derive(Debug, Clone)]
pub struct EventFacts {
    pub on: NaiveDate,
    pub unit: String,
    pub title: String,
    pub entries: Vec<EntryFacts>,
}

#[derive(Debug, Clone)]
pub struct EntryFacts {
    pub kind: String,
    pub text: String,
    /// A vaccination's vaccine.
    pub vaccine: Option<String>,
    /// A laboratory result's test code.
    pub lab_test: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PrescriptionFacts {
    pub medicine: String,
    pub form: Option<String>,
    pub package_unit: String,
    pub atc: Option<String>,
    pub purpose: Option<String>,
}

/// The demo's first names and whether each is a woman's.
const FIRST_NAMES: [(&str, bool); 10] = [
    ("Aino", true),
    ("Liisa", true),
    ("Elina", true),
    ("Sofia", true),
    ("Helmi", true),
    ("Anna", true),
    ("Matti", false),
    ("Juhani", false),
    ("Oskari", false),
    ("Eetu", false),
];

/// Everything that would make a clinician doubt this person's records.
pub fn problems(p: &PersonFacts) -> Vec<String> {
    let mut found = vec![];
    let Ok(id) = IdentityCode::parse(&p.code) else {
        return vec![format!("{}: not a valid identity code", p.code)];
    };
    if let Some((_, female)) = FIRST_NAMES.iter().find(|(name, _)| *name == p.first_name) {
        if id.is_female() != *female {
            found.push(format!("{} {}: the individual number's parity says the other sex", p.code, p.first_name));
        }
    }
    let born = id.birth_date();
    let female = id.is_female();
    let mut diagnoses: Vec<(&str, &str)> = vec![];
    for event in &p.events {
        let age = (event.on - born).num_days() as f64 / 365.25;
        let at = format!("{} {} {}", p.code, event.on, event.title);
        if age < 0.0 {
            found.push(format!("{at}: before the person was born"));
        }
        match UNITS.iter().find(|u| u.id == event.unit) {
            None => found.push(format!("{at}: unknown unit {}", event.unit)),
            Some(u) if u.serves == Serves::Adults && age < 18.0 => {
                found.push(format!("{at}: a child at {}, a unit for adults", u.name))
            }
            Some(u) if u.serves == Serves::Children && age >= 18.0 => {
                found.push(format!("{at}: an adult at {}, a unit for children", u.name))
            }
            _ => {}
        }
        for entry in &event.entries {
            if entry.kind == "diagnosis" {
                match diagnoses.iter().find(|(text, _)| *text == entry.text) {
                    Some((_, title)) if *title != event.title => found
                        .push(format!("{at}: diagnosis \"{}\" also under \"{title}\", a different story", entry.text)),
                    Some(_) => {}
                    None => diagnoses.push((&entry.text, &event.title)),
                }
            }
            if entry.kind == "measurement" {
                if let Some(why) = implausible_measurement(&entry.text, age, female) {
                    found.push(format!("{at}: \"{}\" {why}", entry.text));
                }
            }
            if let Some(vaccine) = &entry.vaccine {
                if let Some(why) = implausible_vaccination(vaccine, event.on, born) {
                    found.push(format!("{at}: {vaccine} {why}"));
                }
            }
            if let Some(test) = &entry.lab_test {
                if !LAB_TESTS.iter().any(|t| t.code == test) {
                    found.push(format!("{at}: laboratory test \"{test}\" is not written as laboratories print it"));
                }
            }
        }
    }
    for rx in &p.prescriptions {
        if let Some(why) = implausible_medicine(rx) {
            found.push(format!("{}: {} {why}", p.code, rx.medicine));
        }
    }
    found
}

/// A weight, height or blood pressure outside what a person of this age can
/// measure: why, or None.
pub fn implausible_measurement(text: &str, age: f64, female: bool) -> Option<String> {
    let number = |s: &str| s.replace(',', ".").parse::<f64>().ok();
    let words: Vec<&str> = text.split_whitespace().collect();
    let (weight, height) = typical_size(age, female);
    match words.as_slice() {
        ["Paino", value, "kg", ..] => {
            let kg = number(value)?;
            (kg < weight * 0.6 || kg > weight * 1.6).then(|| format!("is far from {weight:.1} kg, typical at {age:.1}"))
        }
        ["Pituus", value, "cm", ..] => {
            let cm = number(value)?;
            (cm < height * 0.88 || cm > height * 1.12)
                .then(|| format!("is far from {height:.0} cm, typical at {age:.1}"))
        }
        ["Verenpaine", value, "mmHg", ..] | ["Verenpaine", value, "mmHg,", ..] => {
            let (s, d) = value.split_once('/')?;
            let (s, d) = (number(s)?, number(d)?);
            let highest = if age < 12.0 { 140.0 } else { 220.0 };
            (!(70.0..=highest).contains(&s) || !(40.0..=130.0).contains(&d) || s <= d)
                .then(|| "is outside physiological limits".to_string())
        }
        _ => None,
    }
}

/// A vaccine not used in Finland on that day, or given at an age it is not
/// given at: why, or None.
pub fn implausible_vaccination(vaccine: &str, on: NaiveDate, born: NaiveDate) -> Option<String> {
    // One name may be listed twice (a child's and an adult's programme).
    let known: Vec<_> = VACCINES.iter().filter(|v| v.name == vaccine).collect();
    if known.is_empty() {
        return Some("is not a vaccine name used in Finland".into());
    }
    let since = known.iter().map(|v| v.since()).min().expect("one at least");
    if on < since {
        return Some(format!("given before it was in use in Finland ({since})"));
    }
    let months = i64::from(on.year() - born.year()) * 12 + i64::from(on.month())
        - i64::from(born.month())
        - i64::from(on.day() < born.day());
    let fits = known.iter().any(|v| (i64::from(v.ages.0)..=i64::from(v.ages.1)).contains(&months));
    (!fits).then(|| format!("given at {months} months, an age it is not given at"))
}

/// Why a prescription's medicine would not read true: no purpose, no ATC
/// code or a malformed one, or a package unit that does not fit the form.
pub fn implausible_medicine(rx: &PrescriptionFacts) -> Option<String> {
    if rx.purpose.as_deref().is_none_or(|p| p.trim().is_empty()) {
        return Some("says nothing of what it is for".into());
    }
    let Some(atc) = &rx.atc else { return Some("has no ATC code".into()) };
    let b = atc.as_bytes();
    let letters = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_uppercase);
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let well_formed =
        matches!(b.len(), 5 | 7) && letters(0..1) && digits(1..3) && letters(3..5) && (b.len() == 5 || digits(5..7));
    if !well_formed {
        return Some(format!("has a malformed ATC code {atc}"));
    }
    let Some(form) = &rx.form else { return Some("has no pharmaceutical form".into()) };
    let expected = if form.contains("tabletti") {
        "tabl"
    } else if form.starts_with("kapseli") {
        "kaps"
    } else if form.contains("voide") {
        "tuubi"
    } else if form.starts_with("inhalaatio") {
        "annos"
    } else if form.starts_with("oraali") {
        "ml"
    } else {
        return Some(format!("has an unknown form {form}"));
    };
    (rx.package_unit != expected).then(|| format!("({form}) is counted in {}, not {expected}", rx.package_unit))
}

/// The demo as built, as facts (the first names are the seed's).
pub fn facts_of(person: &super::DemoPerson, first_name: &str) -> PersonFacts {
    PersonFacts {
        code: person.code.to_string(),
        first_name: first_name.to_string(),
        events: person
            .events
            .iter()
            .map(|e| EventFacts {
                on: e.started_on,
                unit: e.unit.to_string(),
                title: e.title.clone(),
                entries: e
                    .entries
                    .iter()
                    .map(|x| EntryFacts {
                        kind: x.kind.to_string(),
                        text: x.text.clone(),
                        vaccine: x.vaccination.map(|v| v.0.to_string()),
                        lab_test: x.lab.as_ref().map(|l| l.test.to_string()),
                    })
                    .collect(),
            })
            .collect(),
        prescriptions: person
            .prescriptions
            .iter()
            .map(|rx| PrescriptionFacts {
                medicine: rx.medicine.to_string(),
                form: Some(rx.form.to_string()),
                package_unit: rx.amount_unit.to_string(),
                atc: Some(rx.atc.to_string()),
                purpose: Some(rx.purpose.to_string()),
            })
            .collect(),
    }
}

#[cfg(test)]
#[path = "plausibility_tests.rs"]
mod tests;
